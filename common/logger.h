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

#include <postern/buf.h>
#include <postern/decision.h>

#define PST_LOG_SYSLOG	0
#define PST_LOG_STDERR	1

void	pst_logger_open(const char *ident, int target);
/*
 * pst_log_flush - write what PST_LOG_STDERR lines are buffered. An event
 * loop calls it once per round, so that a busy daemon writes its
 * decision lines in one system call per round, not one per line.
 * Without buffering (the default) every line is written at once.
 */
void	pst_log_flush(void);
void	pst_logger_buffer(int on);
void	pst_log(int prio, const char *fmt,...)
	__attribute__((format(printf, 2, 3)));
/* pst_log_text - a line already made (a decision line): no printf */
void	pst_log_text(int prio, const char *text, size_t len);
/*
 * pst_log_decision - the decision line and/or its JSON form (one place,
 * both daemons); b is the caller's scratch buffer, kept between calls
 */
void	pst_log_decision(const struct pst_decision *d, int line, int json,
			 struct pst_buf *b);

#endif
