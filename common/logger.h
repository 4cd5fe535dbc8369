/*
 * NAME
 *	logger.h - daemon log lines to syslog or stderr
 * SYNOPSIS
 *	#include "logger.h"
 *
 *	pst_logger_open("postern-policyd", PST_LOG_STDERR);
 *	pst_log(LOG_WARNING, "cannot bind %s: %m", addr);
 * DESCRIPTION
 *	Postfix conventions: facility mail, the program name with its
 *	pid, and "warning: ", "error: " or "fatal: " before the text of
 *	anything worse than info, so that admins' existing log filters
 *	for Postfix find ours too.
 * LICENSE
 *	MIT
 */
#ifndef POSTERN_LOGGER_H
#define POSTERN_LOGGER_H

#include <syslog.h>

#define PST_LOG_SYSLOG	0
#define PST_LOG_STDERR	1

void	pst_logger_open(const char *ident, int target);
void	pst_log(int prio, const char *fmt,...)
	__attribute__((format(printf, 2, 3)));

#endif
