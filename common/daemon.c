/*
 * NAME
 *	daemon.c - what postern-policyd and postern-milter share
 * SUMMARY
 *	rule-trace logging, timing, privilege drop
 * SYNOPSIS
 *	#include "daemon.h"
 * LICENSE
 *	MIT
 */
#include "config.h"

#include <grp.h>
#include <pwd.h>
#include <string.h>
#include <unistd.h>

#include <postern/decision.h>

#include "daemon.h"
#include "logger.h"

void
pst_log_considered(void *ctx, int rule, const char *name, unsigned line,
		   int matched, int dry_run, enum pst_action action)
{
	struct pst_seen *s = ctx;
	struct pst_verdict v;
	struct pst_decision d;

	if (matched < 0) {
		s->error = 1;
		pst_log(LOG_WARNING, "rule %d (line %u%s%s): evaluation "
			"error; following on_error", rule + 1, line,
			name[0] ? ", " : "", name);
		return;
	}
	if (!matched || (!dry_run && action != PST_ACTION_WARN))
		return;
	memset(&v, 0, sizeof(v));
	v.action = action;
	v.rule = rule;
	v.rule_name = name;
	v.line = line;
	d.txn = s->txn;
	d.verdict = &v;
	d.stage = s->stage;
	d.note = dry_run ? "dry-run" : "warn";
	d.usec = 0;
	pst_log_decision(&d, s->log_line, s->log_json, s->buf);
}

unsigned long
pst_usec_since(const struct timespec *t0)
{
	struct timespec t1;

	clock_gettime(CLOCK_MONOTONIC, &t1);
	return ((unsigned long) ((t1.tv_sec - t0->tv_sec) * 1000000L
				 + (t1.tv_nsec - t0->tv_nsec) / 1000));
}

int
pst_drop_privileges(const char *user, const char *group)
{
	struct passwd *pw;
	struct group *gr;
	gid_t	gid;

	if (user[0] == 0) {
		if (geteuid() == 0)
			pst_log(LOG_WARNING, "running as root: set user = "
				"... in postern.conf");
		return (0);
	}
	if ((pw = getpwnam(user)) == NULL) {
		pst_log(LOG_ERR, "user %s: no such user", user);
		return (-1);
	}
	gid = pw->pw_gid;
	if (group[0]) {
		if ((gr = getgrnam(group)) == NULL) {
			pst_log(LOG_ERR, "group %s: no such group", group);
			return (-1);
		}
		gid = gr->gr_gid;
	}
	if (setgroups(1, &gid) < 0 || setgid(gid) < 0
	    || setuid(pw->pw_uid) < 0) {
		pst_log(LOG_ERR, "cannot become %s: %m", user);
		return (-1);
	}
	return (0);
}
