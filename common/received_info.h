/*
 * NAME
 *	received_info.h - TLS, AUTH and comment words of Received (internal)
 * LICENSE
 *	MIT
 */
#ifndef POSTERN_RECEIVED_INFO_H
#define POSTERN_RECEIVED_INFO_H

#include <postern/received.h>

/* Words of one comment at nesting depth 1 (inner comments skipped). */
struct pst_cwords {
	struct pst_span c;
	size_t	pos;
};

void	pst_cwords_init(struct pst_cwords *cw, struct pst_span comment);
int	pst_cwords_next(struct pst_cwords *cw, struct pst_span *w);
/* pst_rcvd_comment_info - TLS and AUTH recorded in one comment */
void	pst_rcvd_comment_info(struct pst_span comment,
			      struct pst_received *out);
/* pst_rcvd_with_info - TLS and AUTH implied by the with keyword */
void	pst_rcvd_with_info(struct pst_received *out);

#endif
