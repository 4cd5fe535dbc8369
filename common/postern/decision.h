/*
 * NAME
 *	decision.h - the one log line of a decision
 * SYNOPSIS
 *	#include <postern/decision.h>
 *
 *	struct pst_decision d = { ... };
 *	pst_decision_format(&d, PST_DECISION_LINE, &buf);
 * DESCRIPTION
 *	Both daemons log every decision the same way, so that a log
 *	search for a queue id or a rule name finds the policy service and
 *	the milter alike:
 *
 *	QUEUEID: rule=NAME action=ACTION code=550 dsn=5.7.1
 *	    client=[IP] sender=<S> rcpt=<R> stage=rcpt us=14
 *
 *	"NOQUEUE" stands in while Postfix has no queue id (before the
 *	first accepted RCPT). Peer-supplied values are escaped: a control
 *	byte, a space, a backslash or a byte that is not UTF-8 becomes
 *	\xHH, so a value cannot forge a second field or a second line.
 *	PST_DECISION_JSON writes the same fields as one JSON object with
 *	a stable schema (keys as in the line form).
 * LICENSE
 *	MIT
 */
#ifndef POSTERN_DECISION_H
#define POSTERN_DECISION_H

#include <postern/api.h>
#include <postern/buf.h>
#include <postern/rules.h>
#include <postern/span.h>
#include <postern/txn.h>

struct pst_decision {
	const struct pst_txn *txn;	/* client, sender, rcpt, queue id */
	const struct pst_verdict *verdict;
	enum pst_stage stage;		/* as asked (policy: protocol_state) */
	const char *note;		/* "dry-run", "warn", "error", NULL */
	unsigned long usec;		/* evaluation time */
};

#define PST_DECISION_LINE	0
#define PST_DECISION_JSON	1

PST_BEGIN_DECLS
/* pst_decision_format - append one line (without a newline) to out */
PST_API enum pst_err pst_decision_format(const struct pst_decision *d,
					 int format, struct pst_buf *out);
/* pst_log_escape - a peer value for a key=value log line */
PST_API enum pst_err pst_log_escape(struct pst_buf *out, struct pst_span v);
PST_END_DECLS

#endif
