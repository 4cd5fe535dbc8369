/*
 * NAME
 *	answer.h - the one verdict point of postern-policyd
 * SYNOPSIS
 *	#include "answer.h"
 * DESCRIPTION
 *	pd_answer() takes one complete policy request and writes the
 *	whole reply ("action=...\n\n", bare LF) and one decision log
 *	line. Internal trouble (an evaluation error, no memory) follows
 *	on_error: defer answers on_error_reply (451 4.3.0 by default),
 *	accept answers DUNNO - neutral, never OK, so that an error can
 *	never turn a policy check placed before reject_unauth_destination
 *	into an open relay.
 * LICENSE
 *	MIT
 */
#ifndef POSTERN_POLICYD_ANSWER_H
#define POSTERN_POLICYD_ANSWER_H

#include <stdint.h>

#include <postern/buf.h>
#include <postern/conf.h>
#include <postern/rules.h>
#include <postern/span.h>

#include "state.h"

struct pd_daemon {
	struct pst_conf conf;
	struct pst_rules *rules;
	struct pd_state *state;
	struct pst_verdict on_error;	/* parsed on_error_reply */
	char	on_error_text[256];
	struct pst_buf logbuf;		/* the decision line being made */
	int	log_line;
	int	log_json;
	uint64_t requests;
	uint64_t errors;
};

/* What a connection remembers between its requests. */
struct pd_memo {
	char	instance[64];
	size_t	ilen;
};

/* pd_on_error_parse - conf.on_error_reply into d->on_error; -1 if bad */
int	pd_on_error_parse(struct pd_daemon *d, char *why, size_t len);
/*
 * pd_answer - the reply to req (a complete request) appended to out;
 * 0, or -1 when req is not a policy request (the caller logs peer and
 * closes the connection; nothing was appended)
 */
int	pd_answer(struct pd_daemon *d, struct pd_memo *m, struct pst_span req,
		  struct pst_buf *out, const char *peer);

#endif
