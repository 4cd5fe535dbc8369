/*
 * NAME
 *	esmtp_values.h - value parsers of the MAIL/RCPT parameters (internal)
 * DESCRIPTION
 *	One function per keyword; each gets the value span (never empty:
 *	the caller has checked presence and octet range) and fills
 *	struct pst_esmtp_params. They classify, they do not reply.
 * LICENSE
 *	MIT
 */
#ifndef POSTERN_ESMTP_VALUES_H
#define POSTERN_ESMTP_VALUES_H

#include <postern/esmtp.h>

struct param_ctx {
	struct pst_esmtp_params *p;
	const struct pst_ehlo *ehlo;
	int	smtputf8;
	enum pst_err deferred;		/* SIZE verdict, reported last */
};

typedef enum pst_err (*pst_param_fn) (struct pst_span, struct param_ctx *);

enum pst_err pst_param_size(struct pst_span, struct param_ctx *);
enum pst_err pst_param_body(struct pst_span, struct param_ctx *);
enum pst_err pst_param_ret(struct pst_span, struct param_ctx *);
enum pst_err pst_param_envid(struct pst_span, struct param_ctx *);
enum pst_err pst_param_auth(struct pst_span, struct param_ctx *);
enum pst_err pst_param_by(struct pst_span, struct param_ctx *);
enum pst_err pst_param_priority(struct pst_span, struct param_ctx *);
enum pst_err pst_param_notify(struct pst_span, struct param_ctx *);
enum pst_err pst_param_orcpt(struct pst_span, struct param_ctx *);

#endif
