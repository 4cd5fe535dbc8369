/*
 * NAME
 *	esmtp.h - MAIL FROM / RCPT TO commands and their ESMTP parameters
 * SYNOPSIS
 *	#include <postern/esmtp.h>
 *
 *	struct pst_ehlo ehlo;
 *	struct pst_cmd cmd;
 *	pst_ehlo_parse(pst_span_cstr("SIZE 10485760 8BITMIME DSN"), &ehlo);
 *	e = pst_cmd_parse(line, &ehlo, txn_smtputf8, &cmd);
 *	pst_cmd_reply(&cmd, e, &ehlo, &reply_buf);
 * DESCRIPTION
 *	pst_cmd_parse() judges one command line (without CRLF) the way a
 *	strict server does, in this order: line length; the command word
 *	"MAIL FROM:" / "RCPT TO:" (any case, no space around the colon);
 *	the path (addr.h); one SP before each parameter, none at the end,
 *	each "keyword[=value]" well formed; then each parameter left to
 *	right against the advertised extensions: unknown, not offered or
 *	not defined for the verb, repeated, value missing, superfluous or
 *	malformed; finally SIZE above the limit or above 2^64-1.
 *
 *	The result holds the parsed address and every parameter decoded
 *	(xtext undone, keywords and enumerations upper-cased).
 *	pst_cmd_reply_code() is the one place that maps an error to the
 *	reply a strict server sends (501 5.1.7 bad sender, 501 5.1.3 bad
 *	recipient, 553 5.6.7 non-ASCII recipient without SMTPUTF8, 555
 *	5.5.4 unsupported parameter, 552 5.3.4 size, ...).
 * SEE ALSO
 *	RFC 5321 4.1.1.2, 4.1.1.3, 4.1.1.11, 4.1.2; RFC 1870 (SIZE);
 *	RFC 6152 (8BITMIME); RFC 3030 (BINARYMIME); RFC 6531 (SMTPUTF8);
 *	RFC 3461 (DSN); RFC 4954 (AUTH); RFC 2852 (DELIVERBY);
 *	RFC 6710 (MT-PRIORITY); RFC 8689 (REQUIRETLS)
 * LICENSE
 *	MIT
 */
#ifndef POSTERN_ESMTP_H
#define POSTERN_ESMTP_H

#include <postern/api.h>
#include <postern/addr.h>
#include <postern/buf.h>
#include <postern/err.h>
#include <postern/limits.h>
#include <postern/span.h>
#include <stdint.h>

/* EHLO keywords we know (bit set in struct pst_ehlo.ext) */
#define PST_EXT_MAP(X) \
	X(SIZE, "SIZE") \
	X(8BITMIME, "8BITMIME") \
	X(BINARYMIME, "BINARYMIME") \
	X(CHUNKING, "CHUNKING") \
	X(SMTPUTF8, "SMTPUTF8") \
	X(DSN, "DSN") \
	X(AUTH, "AUTH") \
	X(DELIVERBY, "DELIVERBY") \
	X(MT_PRIORITY, "MT-PRIORITY") \
	X(REQUIRETLS, "REQUIRETLS") \
	X(PIPELINING, "PIPELINING") \
	X(ENHANCEDSTATUSCODES, "ENHANCEDSTATUSCODES") \
	X(STARTTLS, "STARTTLS")

enum pst_ext_bit {
#define PST_EXT_ENUM_(sym, name) PST_EXT_BIT_##sym,
	PST_EXT_MAP(PST_EXT_ENUM_)
#undef PST_EXT_ENUM_
	PST_EXT_BIT__COUNT
};
#define PST_EXT(sym)	(1u << PST_EXT_BIT_##sym)

/* What the server advertised in its EHLO reply. */
struct pst_ehlo {
	unsigned ext;			/* PST_EXT(...) bits */
	uint64_t max_size;		/* SIZE limit; 0 = none (RFC 1870 4) */
};

enum pst_verb {
	PST_VERB_MAIL,
	PST_VERB_RCPT
};

/* MAIL and RCPT parameters, in the order they are reported */
#define PST_PARAM_MAP(X) \
	X(SIZE, "SIZE") \
	X(BODY, "BODY") \
	X(SMTPUTF8, "SMTPUTF8") \
	X(RET, "RET") \
	X(ENVID, "ENVID") \
	X(AUTH, "AUTH") \
	X(BY, "BY") \
	X(MT_PRIORITY, "MT-PRIORITY") \
	X(REQUIRETLS, "REQUIRETLS") \
	X(NOTIFY, "NOTIFY") \
	X(ORCPT, "ORCPT")

enum pst_param {
#define PST_PARAM_ENUM_(sym, name) PST_PARAM_##sym,
	PST_PARAM_MAP(PST_PARAM_ENUM_)
#undef PST_PARAM_ENUM_
	PST_PARAM__COUNT
};

enum pst_body {
	PST_BODY_NONE, PST_BODY_7BIT, PST_BODY_8BITMIME, PST_BODY_BINARYMIME
};

enum pst_ret {
	PST_RET_NONE, PST_RET_FULL, PST_RET_HDRS
};

#define PST_NOTIFY_SUCCESS	0x01
#define PST_NOTIFY_FAILURE	0x02
#define PST_NOTIFY_DELAY	0x04
#define PST_NOTIFY_NEVER	0x08

/* RFC 4954 4: the AUTH= value may add up to 500 octets */
#define PST_MAX_AUTH_PARAM	PST_AUTH_MAIL_EXTRA

struct pst_esmtp_params {
	unsigned seen;			/* 1u << enum pst_param */
	uint64_t size;
	enum pst_body body;
	enum pst_ret ret;
	size_t	envid_len;
	char	envid[PST_MAX_ENVID + 1];	/* decoded */
	size_t	auth_len;
	char	auth[PST_MAX_AUTH_PARAM + 1];	/* decoded: "<>" or mailbox */
	long	by_time;			/* seconds, RFC 2852 */
	char	by_mode;			/* 'N' or 'R' */
	int	by_trace;			/* 'T' given */
	int	mt_priority;			/* -9..9 */
	unsigned notify;			/* PST_NOTIFY_* */
	char	orcpt_type[8];			/* rfc822, x400, utf-8 */
	size_t	orcpt_len;
	char	orcpt[PST_MAX_ORCPT + 1];	/* decoded address */
};

/* One parsed MAIL FROM or RCPT TO command. */
struct pst_cmd {
	enum pst_verb verb;
	int	smtputf8;		/* RFC 6531 in effect for the path */
	struct pst_span path;		/* "<...>" as sent */
	struct pst_addr addr;
	struct pst_esmtp_params params;
	struct pst_span bad;		/* the offending token on error */
	size_t	err_off;		/* offset of the error in the line */
};

PST_BEGIN_DECLS
/*
 * pst_ehlo_parse - keywords of an EHLO reply: "SIZE 10485760 8BITMIME
 * DSN", or reply lines "250-SIZE 10485760\r\n250 DSN". A number after
 * SIZE is the limit. Unknown keywords are ignored.
 */
PST_API enum pst_err pst_ehlo_parse(struct pst_span text,
				    struct pst_ehlo *out);
/* pst_ehlo_all - everything offered, no size limit */
PST_API void pst_ehlo_all(struct pst_ehlo *out);
/* pst_ext_name - "SIZE" ... for a PST_EXT_BIT_* value, or NULL */
PST_API const char *pst_ext_name(unsigned bit);

/* pst_cmd_parse - judge one MAIL/RCPT line; see DESCRIPTION */
PST_API enum pst_err pst_cmd_parse(struct pst_span line,
				   const struct pst_ehlo *ehlo,
				   int txn_smtputf8, struct pst_cmd *cmd);
/*
 * pst_cmd_reply_code - the reply code and enhanced status a strict
 * server sends for the outcome e of cmd.
 */
PST_API void pst_cmd_reply_code(const struct pst_cmd *cmd, enum pst_err e,
				const struct pst_ehlo *ehlo, int *code,
				const char **status);
/* pst_cmd_reply - append the complete reply line(s), CRLF included */
PST_API enum pst_err pst_cmd_reply(const struct pst_cmd *cmd,
				   enum pst_err e,
				   const struct pst_ehlo *ehlo,
				   struct pst_buf *out);

/*
 * pst_params_add_rcpt - a RCPT command's parameters (NOTIFY, ORCPT) into
 * the transaction's, which hold MAIL's: what the rule fields read
 */
PST_API void pst_params_add_rcpt(struct pst_esmtp_params *txn,
				 const struct pst_esmtp_params *rcpt);
/* pst_param_name - "SIZE", "MT-PRIORITY", ... */
PST_API const char *pst_param_name(enum pst_param p);
/*
 * pst_param_value - append the canonical value of a parameter that was
 * seen: SIZE as decimal, BODY/RET upper-cased, ENVID/AUTH decoded,
 * ORCPT "type;decoded", NOTIFY "NEVER" or "SUCCESS,FAILURE,DELAY"
 * subset in that order, BY "<time>;<N|R>[T]", MT-PRIORITY an integer,
 * "" for SMTPUTF8 and REQUIRETLS. PST_INVAL if p was not seen.
 */
PST_API enum pst_err pst_param_value(const struct pst_esmtp_params *p,
				     enum pst_param which,
				     struct pst_buf *out);
PST_END_DECLS

#endif
