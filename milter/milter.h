/*
 * NAME
 *	milter.h - postern-milter internals
 * SYNOPSIS
 *	#include "milter.h"
 * DESCRIPTION
 *	The milter translates libmilter callbacks into a struct pst_txn
 *	per stage and asks the rule engine; everything that knows SMTP is
 *	in libpostern. One session per MTA connection (libmilter runs a
 *	thread per connection); rule sets are shared, reference counted
 *	and swapped whole on SIGUSR1, so a message is judged by one rule
 *	set from MAIL to end of message.
 * LICENSE
 *	MIT
 */
#ifndef POSTERN_MILTER_H
#define POSTERN_MILTER_H

#include <libmilter/mfapi.h>

#include <postern/postern.h>

/* Our choices, each a bound on one session's memory. */
#define PM_MAX_HEADERS		4096	/* header fields kept per message */
#define PM_HEADER_BYTES		(4 * 1024 * 1024)	/* names and values */
#define PM_MAX_RCPTS_KEPT	1000	/* for redirect */
#define PM_MAX_PENDING		16	/* modifications waiting for EOM */
#define PM_TRACE_RCPTS		16	/* recipients named in a record */

/* A loaded rule set and who uses it. */
struct pm_rules {
	struct pst_rules *r;
	unsigned stages;		/* 1 << stage that has rules */
	unsigned actions;		/* 1 << action some rule takes */
	int	helo;			/* some rule needs the HELO step */
	int	refs;
};

struct pm_hdr {
	size_t	name_off;
	size_t	name_len;
	size_t	val_off;
	size_t	val_len;
};

/* One MTA connection (an SMTP session) and its current message. */
struct pm_session {
	/* connection */
	char	client_ip[64];
	char	client_name[256];
	long	client_port;
	char	server_ip[64];		/* {daemon_addr} */
	long	server_port;		/* {daemon_port}; -1: not sent */
	char	daemon_name[256];	/* {daemon_name} */
	char	helo[256];
	char	tls_version[32];
	char	cipher[128];
	int	accepted;		/* an envelope stage said accept */
	unsigned long noreply;		/* SMFIP_NR_* the MTA agreed to */
	int	no_body;		/* SMFIP_NOBODY: no body is sent */
	/* message */
	struct pm_rules *rules;		/* held from MAIL to EOM/abort */
	int	in_msg;
	char	qid[64];
	char	sender[PST_MAX_PATH + 1];
	int	sender_route;
	char	sasl_user[256];
	char	sasl_method[64];
	struct pst_esmtp_params params;
	int	smtputf8;
	char	rcpt[PST_MAX_PATH + 1];
	size_t	nrcpt;
	struct pst_buf rcpts;		/* accepted ones, NUL separated */
	struct pst_buf drop_rcpts;	/* delete-recipient, NUL separated */
	struct pst_buf hdr;		/* header names and values */
	struct pm_hdr *hdrs;
	size_t	nhdrs;
	size_t	hdrs_dropped;
	int	return_path;
	int	header_long_line;
	int	header_8bit;
	struct pst_header_field *fields;
	struct pst_trace *trace;
	struct pst_body_scan body;
	int	body_read;		/* to its end: body.size is the size */
	int	traced;			/* the trace record is written */
	struct pst_verdict pending[PM_MAX_PENDING];
	size_t	npending;
	struct pst_buf logbuf;
};

/* main.c: the configuration and the rule set in use */
extern struct pst_conf pm_conf;
extern int pm_log_line;
extern int pm_log_json;
extern struct pst_verdict pm_on_error;
extern struct pst_pseudonym pm_pseudonym;	/* trace addresses */
extern int pm_unix_socket;		/* milter_listen is unix: */
struct pm_rules *pm_rules_get(void);
void	pm_rules_put(struct pm_rules *r);

/* session.c: the callbacks */
extern struct smfiDesc pm_desc;

/* act.c: one verdict point per stage */
sfsistat pm_decide(SMFICTX *ctx, struct pm_session *s, enum pst_stage st);
sfsistat pm_finish(SMFICTX *ctx, struct pm_session *s);
void	pm_txn(const struct pm_session *s, enum pst_stage st,
	       struct pst_txn *t);
void	pm_trace_log(struct pm_session *s, const char *outcome);

#endif
