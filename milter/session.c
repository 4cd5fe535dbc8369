/*
 * NAME
 *	session.c - libmilter callbacks into a transaction
 * SUMMARY
 *	connect, helo, envfrom, envrcpt, data, header, eoh, body, eom
 * SYNOPSIS
 *	#include "milter.h"
 * DESCRIPTION
 *	Each callback records what the MTA told it (and the macros that
 *	go with it) in the session and asks pm_decide() for the verdict
 *	of its stage. MAIL and RCPT arguments are rebuilt into the command
 *	line and judged by pst_cmd_parse(), so the ESMTP parameters are
 *	read exactly as "postern envelope" reads them. Headers are kept
 *	in one bounded arena until end of header, when the Received chain
 *	is traced; the body is scanned chunk by chunk, never kept.
 *	Negotiation asks only for the steps and actions the loaded rules
 *	need: no HELO when no rule reads what it brings, no DATA when no
 *	rule is at that stage and the socket is unix: (over inet: it costs
 *	~40 ms per message with Postfix), no body without body or eom
 *	rules.
 * LICENSE
 *	MIT
 */
#include "config.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "logger.h"
#include "milter.h"

/* copy - a C string into a fixed field, cut to fit */
static void
copy(char *dst, size_t len, const char *src)
{
	snprintf(dst, len, "%s", src != NULL ? src : "");
}

/* macro - a macro's value or "" */
static const char *
macro(SMFICTX *ctx, const char *name)
{
	const char *v = smfi_getsymval(ctx, (char *) name);

	return (v != NULL ? v : "");
}

/* reset_message - forget the message; keep the connection */
static void
reset_message(struct pm_session *s)
{
	if (s->rules != NULL)
		pm_rules_put(s->rules);
	s->rules = NULL;
	s->in_msg = 0;
	s->qid[0] = s->sender[0] = s->rcpt[0] = 0;
	s->sasl_user[0] = s->sasl_method[0] = 0;
	s->sender_route = s->smtputf8 = 0;
	memset(&s->params, 0, sizeof(s->params));
	s->nrcpt = s->nhdrs = s->hdrs_dropped = s->npending = 0;
	s->return_path = 0;
	s->header_long_line = s->header_8bit = 0;
	s->traced = s->body_read = 0;
	pst_buf_reset(&s->rcpts);
	pst_buf_reset(&s->drop_rcpts);
	pst_buf_reset(&s->hdr);
	pst_body_init(&s->body);
	if (s->trace != NULL)
		pst_trace_init(s->trace);
}

static struct pm_session *
session(SMFICTX *ctx)
{
	return (smfi_getpriv(ctx));
}

/* new_session - the connection's session, made at negotiation */
static struct pm_session *
new_session(SMFICTX *ctx)
{
	struct pm_session *s = session(ctx);

	if (s != NULL || (s = pst_malloc(sizeof(*s))) == NULL)
		return (s);
	memset(s, 0, sizeof(*s));
	pst_buf_init(&s->rcpts, 64 * 1024);
	pst_buf_init(&s->drop_rcpts, 64 * 1024);
	pst_buf_init(&s->hdr, PM_HEADER_BYTES);
	pst_body_init(&s->body);
	smfi_setpriv(ctx, s);
	return (s);
}

/*
 * answer - what a callback returns. Where the MTA agreed not to wait
 * for a reply (a stage without rules, SMFIP_NR_*), only SMFIS_NOREPLY
 * is allowed; a verdict there can only come from rules reloaded since
 * the connection began, and it is logged instead.
 */
static sfsistat
answer(struct pm_session *s, unsigned long nr, sfsistat rc)
{
	if (!(s->noreply & nr))
		return (rc);
	if (rc != SMFIS_CONTINUE)
		pst_log(LOG_WARNING, "%s: a verdict at a stage the MTA was "
			"told has no rules (rules reloaded since the "
			"connection began); it applies from the next "
			"connection", s->qid[0] ? s->qid : "NOQUEUE");
	return (SMFIS_NOREPLY);
}

static sfsistat
cb_connect(SMFICTX *ctx, char *hostname, _SOCK_ADDR *sa)
{
	struct pm_session *s = new_session(ctx);

	if (s == NULL) {
		pst_log(LOG_WARNING, "out of memory at connect");
		return (pm_conf.on_error == PST_ON_ERROR_ACCEPT ?
			SMFIS_ACCEPT : SMFIS_TEMPFAIL);
	}
	copy(s->client_ip, sizeof(s->client_ip), macro(ctx, "{client_addr}"));
	if (s->client_ip[0] == 0 && sa != NULL) {
		if (sa->sa_family == AF_INET)
			inet_ntop(AF_INET, &((struct sockaddr_in *) (void *)
					     sa)->sin_addr, s->client_ip,
				  sizeof(s->client_ip));
		else if (sa->sa_family == AF_INET6)
			inet_ntop(AF_INET6, &((struct sockaddr_in6 *) (void *)
					      sa)->sin6_addr, s->client_ip,
				  sizeof(s->client_ip));
	}
	copy(s->client_name, sizeof(s->client_name), hostname);
	s->client_port = pst_span_decimal(pst_span_cstr(macro(ctx,
							"{client_port}")));
	copy(s->server_ip, sizeof(s->server_ip), macro(ctx, "{daemon_addr}"));
	s->server_port = pst_span_decimal(pst_span_cstr(macro(ctx,
							"{daemon_port}")));
	copy(s->daemon_name, sizeof(s->daemon_name),
	     macro(ctx, "{daemon_name}"));
	return (answer(s, SMFIP_NR_CONN, pm_decide(ctx, s,
						    PST_STAGE_CONNECT)));
}

static sfsistat
cb_helo(SMFICTX *ctx, char *helo)
{
	struct pm_session *s = session(ctx);

	if (s == NULL)
		return (SMFIS_CONTINUE);
	copy(s->helo, sizeof(s->helo), helo);
	copy(s->tls_version, sizeof(s->tls_version),
	     macro(ctx, "{tls_version}"));
	copy(s->cipher, sizeof(s->cipher), macro(ctx, "{cipher}"));
	return (answer(s, SMFIP_NR_HELO, pm_decide(ctx, s, PST_STAGE_HELO)));
}

/* command - "MAIL FROM:" or "RCPT TO:" with the milter's argv */
static void
command(struct pst_buf *b, const char *verb, char **argv)
{
	size_t	i;

	pst_buf_reset(b);
	(void) pst_buf_adds(b, verb);
	for (i = 0; argv != NULL && argv[i] != NULL; i++) {
		if (i > 0)
			(void) pst_buf_addc(b, ' ');
		(void) pst_buf_adds(b, argv[i]);
	}
}

/* strip - "<a@b>" to "a@b" (when the strict parse refused the path) */
static void
strip(char *dst, size_t len, const char *path)
{
	size_t	n = strlen(path);

	if (n >= 2 && path[0] == '<' && path[n - 1] == '>')
		snprintf(dst, len, "%.*s", (int) (n - 2), path + 1);
	else
		copy(dst, len, path);
}

/*
 * judge - the MAIL or RCPT command rebuilt from the milter's argv and
 * read as a strict server reads it; NULL when it does not parse (the
 * MTA took it: the caller keeps what it can, never refuses for it)
 */
static struct pst_cmd *
judge(const char *verb, char **argv, int smtputf8)
{
	struct pst_ehlo ehlo;
	struct pst_cmd *cmd = pst_malloc(sizeof(*cmd));
	struct pst_buf line;

	pst_ehlo_all(&ehlo);
	pst_buf_init(&line, 4096);
	command(&line, verb, argv);
	if (cmd != NULL && (line.data == NULL || pst_cmd_parse(
				pst_span_make(line.data, line.len), &ehlo,
				smtputf8, cmd) != PST_OK)) {
		pst_free(cmd);
		cmd = NULL;
	}
	pst_buf_free(&line);
	return (cmd);
}

static sfsistat
cb_envfrom(SMFICTX *ctx, char **argv)
{
	struct pm_session *s = session(ctx);
	struct pst_cmd *cmd;

	if (s == NULL)
		return (SMFIS_CONTINUE);
	reset_message(s);
	s->in_msg = 1;
	s->rules = pm_rules_get();
	copy(s->qid, sizeof(s->qid), macro(ctx, "i"));
	copy(s->sasl_user, sizeof(s->sasl_user), macro(ctx, "{auth_authen}"));
	copy(s->sasl_method, sizeof(s->sasl_method),
	     macro(ctx, "{auth_type}"));
	if ((cmd = judge("MAIL FROM:", argv, 0)) != NULL) {
		copy(s->sender, sizeof(s->sender), cmd->addr.norm);
		s->sender_route = (cmd->addr.flags & PST_ADDR_ROUTE) != 0;
		s->params = cmd->params;
		s->smtputf8 = cmd->smtputf8;
	} else if (argv != NULL && argv[0] != NULL) {
		strip(s->sender, sizeof(s->sender), argv[0]);
	}
	pst_free(cmd);
	return (answer(s, SMFIP_NR_MAIL, pm_decide(ctx, s, PST_STAGE_MAIL)));
}

static sfsistat
cb_envrcpt(SMFICTX *ctx, char **argv)
{
	struct pm_session *s = session(ctx);
	struct pst_cmd *cmd;
	sfsistat rc;

	if (s == NULL)
		return (SMFIS_CONTINUE);
	copy(s->qid, sizeof(s->qid), macro(ctx, "i"));
	if ((cmd = judge("RCPT TO:", argv, s->smtputf8)) != NULL) {
		copy(s->rcpt, sizeof(s->rcpt), cmd->addr.norm);
		pst_params_add_rcpt(&s->params, &cmd->params);
	} else if (argv != NULL && argv[0] != NULL) {
		strip(s->rcpt, sizeof(s->rcpt), argv[0]);
	}
	pst_free(cmd);
	s->nrcpt++;		/* this one counts while it is judged */
	rc = pm_decide(ctx, s, PST_STAGE_RCPT);
	if (rc == SMFIS_REJECT || rc == SMFIS_TEMPFAIL)
		s->nrcpt--;		/* not part of the transaction */
	else if (s->nrcpt <= PM_MAX_RCPTS_KEPT)
		(void) pst_buf_append(&s->rcpts, s->rcpt, strlen(s->rcpt) + 1);
	return (answer(s, SMFIP_NR_RCPT, rc));
}

static sfsistat
cb_data(SMFICTX *ctx)
{
	struct pm_session *s = session(ctx);

	if (s == NULL)
		return (SMFIS_CONTINUE);
	copy(s->qid, sizeof(s->qid), macro(ctx, "i"));
	return (answer(s, SMFIP_NR_DATA, pm_decide(ctx, s, PST_STAGE_DATA)));
}

static sfsistat
cb_header(SMFICTX *ctx, char *name, char *value)
{
	struct pm_session *s = session(ctx);
	size_t	nl;
	size_t	vl;

	if (s == NULL)
		return (SMFIS_CONTINUE);
	if (name == NULL || value == NULL)
		return (answer(s, SMFIP_NR_HDR, SMFIS_CONTINUE));
	if (strcasecmp(name, "Return-Path") == 0)
		s->return_path = 1;
	nl = strlen(name);
	vl = strlen(value);
	if (s->hdrs == NULL)
		s->hdrs = pst_malloc(PM_MAX_HEADERS * sizeof(*s->hdrs));
	/* past the bounds a header is counted, not kept (a failed append
	 * would free the arena with every header in it) */
	if (s->hdrs == NULL || s->nhdrs == PM_MAX_HEADERS
	    || s->hdr.len + nl + vl + 2 > PM_HEADER_BYTES
	    || pst_buf_append(&s->hdr, name, nl) != PST_OK
	    || pst_buf_append(&s->hdr, value, vl) != PST_OK) {
		s->hdrs_dropped++;
		if (s->hdr.data == NULL)	/* out of memory freed it */
			s->nhdrs = 0;
		return (answer(s, SMFIP_NR_HDR, SMFIS_CONTINUE));
	}
	s->hdrs[s->nhdrs].name_off = s->hdr.len - vl - nl;
	s->hdrs[s->nhdrs].name_len = nl;
	s->hdrs[s->nhdrs].val_off = s->hdr.len - vl;
	s->hdrs[s->nhdrs++].val_len = vl;
	return (answer(s, SMFIP_NR_HDR, SMFIS_CONTINUE));
}

static sfsistat
cb_eoh(SMFICTX *ctx)
{
	struct pm_session *s = session(ctx);
	size_t	i;

	if (s == NULL)
		return (SMFIS_CONTINUE);
	copy(s->qid, sizeof(s->qid), macro(ctx, "i"));
	if (s->fields == NULL)
		s->fields = pst_malloc(PM_MAX_HEADERS * sizeof(*s->fields));
	if (s->trace == NULL && (s->trace = pst_malloc(sizeof(*s->trace)))
	    != NULL)
		pst_trace_init(s->trace);
	if (s->fields == NULL || s->trace == NULL) {
		pst_log(LOG_WARNING, "%s: out of memory at end of header",
			s->qid[0] ? s->qid : "NOQUEUE");
		return (answer(s, SMFIP_NR_EOH, pm_conf.on_error ==
			       PST_ON_ERROR_ACCEPT ? SMFIS_CONTINUE :
			       SMFIS_TEMPFAIL));
	}
	/* the arena stays put from here: spans into it are stable */
	for (i = 0; s->hdr.data != NULL && i < s->nhdrs; i++) {
		s->fields[i].name = pst_span_make(s->hdr.data +
						  s->hdrs[i].name_off,
						  s->hdrs[i].name_len);
		s->fields[i].value = pst_span_make(s->hdr.data +
						   s->hdrs[i].val_off,
						   s->hdrs[i].val_len);
		if (pst_span_eq_nocase(s->fields[i].name, "Received"))
			pst_trace_add(s->trace, s->fields[i].value);
	}
	pst_trace_finish(s->trace, s->return_path, PST_HOPCOUNT_LIMIT);
	if (s->hdr.data != NULL)
		pst_header_scan(s->fields, s->nhdrs, &s->header_long_line,
				&s->header_8bit);
	if (s->hdrs_dropped > 0 && !(s->noreply & SMFIP_NR_EOH)) {
		/*
		 * A rule such as "not has(Subject)" cannot be judged on a
		 * part of the header; refuse what does not fit, as an MTA
		 * refuses a message over its size limit.
		 */
		pst_log(LOG_WARNING, "%s: header over %d fields or %d bytes "
			"(%zu fields not kept); refused", s->qid[0] ? s->qid :
			"NOQUEUE", PM_MAX_HEADERS, PM_HEADER_BYTES,
			s->hdrs_dropped);
		(void) smfi_setreply(ctx, "552", "5.3.4",
				     "Message header too large");
		pm_trace_log(s, "reject");
		return (SMFIS_REJECT);
	}
	return (answer(s, SMFIP_NR_EOH, pm_decide(ctx, s,
						  PST_STAGE_HEADER)));
}

static sfsistat
cb_body(SMFICTX *ctx, unsigned char *chunk, size_t len)
{
	struct pm_session *s = session(ctx);

	if (s == NULL)
		return (SMFIS_CONTINUE);
	pst_body_feed(&s->body, pst_span_make((const char *) chunk, len));
	return (answer(s, SMFIP_NR_BODY, SMFIS_CONTINUE));
}

static sfsistat
cb_eom(SMFICTX *ctx)
{
	struct pm_session *s = session(ctx);
	sfsistat rc;

	if (s == NULL)
		return (SMFIS_CONTINUE);
	copy(s->qid, sizeof(s->qid), macro(ctx, "i"));
	s->body_read = !s->no_body;
	rc = pm_decide(ctx, s, PST_STAGE_BODY);
	if (rc == SMFIS_CONTINUE)
		rc = pm_decide(ctx, s, PST_STAGE_EOM);
	if (rc == SMFIS_CONTINUE)
		rc = pm_finish(ctx, s);
	reset_message(s);
	return (rc);
}

static sfsistat
cb_abort(SMFICTX *ctx)
{
	struct pm_session *s = session(ctx);

	if (s != NULL)
		reset_message(s);
	return (SMFIS_CONTINUE);
}

static sfsistat
cb_close(SMFICTX *ctx)
{
	struct pm_session *s = session(ctx);

	if (s == NULL)
		return (SMFIS_CONTINUE);
	reset_message(s);
	pst_buf_free(&s->rcpts);
	pst_buf_free(&s->drop_rcpts);
	pst_buf_free(&s->hdr);
	pst_buf_free(&s->logbuf);
	pst_free(s->hdrs);
	pst_free(s->fields);
	pst_free(s->trace);
	pst_free(s);
	smfi_setpriv(ctx, NULL);
	return (SMFIS_CONTINUE);
}

/*
 * symbols - the macros the filter reads, asked for at each step
 * (smfi_setsymlist), so that the MTA's milter_*_macros need no change;
 * Postfix and Sendmail send these lists instead of their own
 */
static const struct {
	int	where;
	const char *macros;
} symbols[] = {
	{SMFIM_CONNECT, "{client_addr} {client_port} {daemon_addr} "
	 "{daemon_port} {daemon_name}"},
	{SMFIM_HELO, "{tls_version} {cipher}"},
	{SMFIM_ENVFROM, "i {auth_type} {auth_authen}"},
	{SMFIM_ENVRCPT, "i"},
	{SMFIM_DATA, "i"},
	{SMFIM_EOH, "i"},
	{SMFIM_EOM, "i"},
};

/*
 * cb_negotiate - the steps and actions the rules need. Headers are
 * always asked for (the trace record), bodies only when a body or eom
 * rule may read them. The MTA is told not to wait for a reply to a
 * header field or body chunk (the verdict comes at end of header or
 * message) nor at a stage without rules: fewer round trips.
 */
static sfsistat
cb_negotiate(SMFICTX *ctx, unsigned long f0, unsigned long f1,
	     unsigned long f2, unsigned long f3, unsigned long *pf0,
	     unsigned long *pf1, unsigned long *pf2, unsigned long *pf3)
{
	static const struct {
		enum pst_stage stage;
		unsigned long nr;
	} quiet[] = {
		{PST_STAGE_CONNECT, SMFIP_NR_CONN},
		{PST_STAGE_HELO, SMFIP_NR_HELO},
		{PST_STAGE_MAIL, SMFIP_NR_MAIL},
		{PST_STAGE_RCPT, SMFIP_NR_RCPT},
		{PST_STAGE_DATA, SMFIP_NR_DATA},
		{PST_STAGE_HEADER, SMFIP_NR_EOH},
	};
	static const struct {
		enum pst_action action;
		unsigned long flags;
	} needs[] = {
		{PST_ACTION_ADD_HEADER, SMFIF_ADDHDRS},
		{PST_ACTION_PREPEND, SMFIF_ADDHDRS},
		{PST_ACTION_INSERT_HEADER, SMFIF_ADDHDRS},
		/* a field the message lacks is added, not changed */
		{PST_ACTION_CHANGE_HEADER, SMFIF_CHGHDRS | SMFIF_ADDHDRS},
		{PST_ACTION_DELETE_HEADER, SMFIF_CHGHDRS},
		{PST_ACTION_BCC, SMFIF_ADDRCPT},
		{PST_ACTION_ADD_RECIPIENT, SMFIF_ADDRCPT},
		{PST_ACTION_REDIRECT, SMFIF_ADDRCPT | SMFIF_DELRCPT},
		{PST_ACTION_DELETE_RECIPIENT, SMFIF_DELRCPT},
		{PST_ACTION_CHANGE_SENDER, SMFIF_CHGFROM},
		{PST_ACTION_HOLD, SMFIF_QUARANTINE},
		{PST_ACTION_QUARANTINE, SMFIF_QUARANTINE},
	};
	struct pm_rules *r = pm_rules_get();
	struct pm_session *s = new_session(ctx);
	unsigned long actions = 0;
	unsigned long steps = 0;
	size_t	i;

	(void) f2;
	(void) f3;
	for (i = 0; i < sizeof(needs) / sizeof(needs[0]); i++)
		if (r->actions & (1u << needs[i].action))
			actions |= needs[i].flags;
	if (!(r->stages & ((1u << PST_STAGE_BODY) | (1u << PST_STAGE_EOM))))
		steps |= SMFIP_NOBODY;
	if (!r->helo)
		steps |= SMFIP_NOHELO;
	/* over TCP, Postfix's next write after a skipped DATA waits for
	 * Nagle and a delayed ACK (~40 ms a message); not on unix: */
	if (!(r->stages & (1u << PST_STAGE_DATA)) && pm_unix_socket)
		steps |= SMFIP_NODATA;
	steps |= SMFIP_NOUNKNOWN;
	/* no verdict can come from a stage without rules: do not wait */
	steps |= SMFIP_NR_HDR | SMFIP_NR_BODY;
	for (i = 0; i < sizeof(quiet) / sizeof(quiet[0]); i++)
		if (!(r->stages & (1u << quiet[i].stage)))
			steps |= quiet[i].nr;
	pm_rules_put(r);
	if ((actions & f0) != actions) {
		pst_log(LOG_ERR, "the MTA does not offer the milter actions "
			"the rules need (offered 0x%lx, needed 0x%lx)", f0,
			actions);
		return (SMFIS_REJECT);
	}
	/* an MTA that cannot take a macro list sends its configured ones */
	if (f0 & SMFIF_SETSYMLIST) {
		actions |= SMFIF_SETSYMLIST;
		for (i = 0; i < sizeof(symbols) / sizeof(symbols[0]); i++)
			if (smfi_setsymlist(ctx, symbols[i].where,
					    (char *) symbols[i].macros)
			    != MI_SUCCESS)
				pst_log(LOG_WARNING, "smfi_setsymlist %d "
					"failed", symbols[i].where);
	}
	*pf0 = actions;
	*pf1 = steps & f1;		/* only what the MTA understands */
	if (s != NULL) {
		s->no_body = (*pf1 & SMFIP_NOBODY) != 0;
		s->noreply = *pf1 & (SMFIP_NR_HDR | SMFIP_NR_BODY
				     | SMFIP_NR_CONN | SMFIP_NR_HELO
				     | SMFIP_NR_MAIL | SMFIP_NR_RCPT
				     | SMFIP_NR_DATA | SMFIP_NR_EOH);
	}
	*pf2 = 0;
	*pf3 = 0;
	return (SMFIS_CONTINUE);
}

struct smfiDesc pm_desc = {
	"postern-milter",
	SMFI_VERSION,
	SMFIF_ADDHDRS | SMFIF_CHGHDRS | SMFIF_ADDRCPT | SMFIF_DELRCPT
	| SMFIF_CHGFROM | SMFIF_QUARANTINE,
	cb_connect,
	cb_helo,
	cb_envfrom,
	cb_envrcpt,
	cb_header,
	cb_eoh,
	cb_body,
	cb_eom,
	cb_abort,
	cb_close,
	NULL,				/* unknown */
	cb_data,
	cb_negotiate
};
