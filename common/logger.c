/*
 * NAME
 *	logger.c - daemon log lines to syslog or stderr
 * SUMMARY
 *	Postfix-style prefixes, one line per call
 * SYNOPSIS
 *	#include "logger.h"
 * LICENSE
 *	MIT
 */
#include "config.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "logger.h"

static int log_target = PST_LOG_STDERR;
static char log_ident[64] = "postern";

void
pst_logger_open(const char *ident, int target)
{
	snprintf(log_ident, sizeof(log_ident), "%s", ident);
	log_target = target;
	if (target == PST_LOG_SYSLOG)
		openlog(log_ident, LOG_PID | LOG_NDELAY, LOG_MAIL);
}

void
pst_log(int prio, const char *fmt,...)
{
	char	text[2048];
	const char *level = prio <= LOG_CRIT ? "fatal: " : prio == LOG_ERR ?
	"error: " : prio == LOG_WARNING ? "warning: " : "";
	int	saved = errno;
	va_list ap;

	va_start(ap, fmt);
	errno = saved;			/* for %m */
	vsnprintf(text, sizeof(text), fmt, ap);
	va_end(ap);
	if (log_target == PST_LOG_SYSLOG)
		syslog(prio, "%s%s", level, text);
	else
		fprintf(stderr, "%s[%ld]: %s%s\n", log_ident, (long) getpid(),
			level, text);
	errno = saved;
}
