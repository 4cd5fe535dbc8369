/*
 * NAME
 *	daemon.h - what postern-policyd and postern-milter share
 * SYNOPSIS
 *	#include "daemon.h"
 * DESCRIPTION
 *	The pieces both daemons run the same way, written once: the
 *	rule-trace callback that logs warn and dry-run rules where they
 *	match and notes an evaluation error, evaluation timing, and the
 *	privilege drop after binding.
 * LICENSE
 *	MIT
 */
#ifndef POSTERN_DAEMON_H
#define POSTERN_DAEMON_H

#include <time.h>

#include <postern/buf.h>
#include <postern/rules.h>
#include <postern/txn.h>

/* What pst_log_considered() needs, and what it found. */
struct pst_seen {
	const struct pst_txn *txn;
	enum pst_stage stage;		/* for the log lines */
	int	log_line;
	int	log_json;
	struct pst_buf *buf;		/* the caller's scratch */
	int	error;			/* set: a rule failed to evaluate */
};

/* pst_log_considered - a pst_rules_trace_fn; ctx is a struct pst_seen */
void	pst_log_considered(void *ctx, int rule, const char *name,
			   unsigned line, int matched, int dry_run,
			   enum pst_action action);
/* pst_usec_since - microseconds since t0 (CLOCK_MONOTONIC) */
unsigned long pst_usec_since(const struct timespec *t0);
/*
 * pst_drop_privileges - become user (with its group, or group); "" for
 * user keeps the current one (with a warning when that is root). 0, or
 * -1 after logging why.
 */
int	pst_drop_privileges(const char *user, const char *group);

#endif
