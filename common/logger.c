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
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "logger.h"

static int log_target = PST_LOG_STDERR;
static char log_ident[64] = "postern";
static long log_pid;
static char log_head[96];		/* "ident[pid]: " */
static size_t log_head_len;
/* Our choice: a log line longer than this is cut (syslog cuts too). */
#define PST_LOG_LINE_MAX 2048
static int log_buffered;
static char log_buf[64 * 1024];
static size_t log_len;
/* the milter logs from one thread per session */
static pthread_mutex_t log_lock = PTHREAD_MUTEX_INITIALIZER;

static void flush_locked(void);

void
pst_logger_open(const char *ident, int target)
{
	snprintf(log_ident, sizeof(log_ident), "%s", ident);
	log_target = target;
	log_pid = (long) getpid();	/* open again after a fork */
	log_head_len = (size_t) snprintf(log_head, sizeof(log_head),
					 "%s[%ld]: ", log_ident, log_pid);
	if (target == PST_LOG_SYSLOG)
		openlog(log_ident, LOG_PID | LOG_NDELAY, LOG_MAIL);
}

void
pst_log(int prio, const char *fmt,...)
{
	const char *level = prio <= LOG_CRIT ? "fatal: " : prio == LOG_ERR ?
	"error: " : prio == LOG_WARNING ? "warning: " : "";
	int	saved = errno;
	va_list ap;

	if (log_target == PST_LOG_SYSLOG) {
		char	text[PST_LOG_LINE_MAX];

		va_start(ap, fmt);
		errno = saved;		/* for %m */
		vsnprintf(text, sizeof(text), fmt, ap);
		va_end(ap);
		syslog(prio, "%s%s", level, text);
	} else {
		/* formatted in place: no copy of the line per call */
		size_t	room;
		int	n;
		int	m;

		pthread_mutex_lock(&log_lock);
		if (sizeof(log_buf) - log_len < PST_LOG_LINE_MAX + 128)
			flush_locked();
		room = sizeof(log_buf) - log_len;
		n = snprintf(log_buf + log_len, room, "%s[%ld]: %s", log_ident,
			     log_pid, level);
		va_start(ap, fmt);
		errno = saved;
		m = vsnprintf(log_buf + log_len + n, PST_LOG_LINE_MAX, fmt,
			      ap);
		va_end(ap);
		if (m < 0)
			m = 0;
		if (m >= PST_LOG_LINE_MAX)
			m = PST_LOG_LINE_MAX - 1;	/* cut, not lost */
		log_len += (size_t) (n + m);
		log_buf[log_len++] = '\n';
		if (!log_buffered || prio <= LOG_ERR)
			flush_locked();
		pthread_mutex_unlock(&log_lock);
	}
	errno = saved;
}

void
pst_log_text(int prio, const char *text, size_t len)
{
	if (log_target == PST_LOG_SYSLOG || prio < LOG_NOTICE) {
		pst_log(prio, "%.*s", (int) (len < PST_LOG_LINE_MAX ? len :
					      PST_LOG_LINE_MAX), text);
		return;
	}
	if (len >= PST_LOG_LINE_MAX)
		len = PST_LOG_LINE_MAX - 1;	/* cut, not lost */
	pthread_mutex_lock(&log_lock);
	if (sizeof(log_buf) - log_len < log_head_len + len + 1)
		flush_locked();
	memcpy(log_buf + log_len, log_head, log_head_len);
	log_len += log_head_len;
	memcpy(log_buf + log_len, text, len);
	log_len += len;
	log_buf[log_len++] = '\n';
	if (!log_buffered)
		flush_locked();
	pthread_mutex_unlock(&log_lock);
}

void
pst_logger_buffer(int on)
{
	log_buffered = on;
	if (!on)
		pst_log_flush();
}

void
pst_log_decision(const struct pst_decision *d, int line, int json,
		 struct pst_buf *b)
{
	if (b->max == 0)
		pst_buf_init(b, 4096);
	pst_buf_reset(b);
	if (line && pst_decision_format(d, PST_DECISION_LINE, b) == PST_OK)
		pst_log_text(LOG_INFO, b->data, b->len);
	pst_buf_reset(b);
	if (json && pst_decision_format(d, PST_DECISION_JSON, b) == PST_OK)
		pst_log_text(LOG_INFO, b->data, b->len);
}

void
pst_log_flush(void)
{
	pthread_mutex_lock(&log_lock);
	flush_locked();
	pthread_mutex_unlock(&log_lock);
}

/* flush_locked - write the buffer; the caller holds log_lock */
static void
flush_locked(void)
{
	size_t	off = 0;

	while (off < log_len) {
		ssize_t	n = write(2, log_buf + off, log_len - off);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;			/* nowhere to log: drop */
		off += (size_t) n;
	}
	log_len = 0;
}
