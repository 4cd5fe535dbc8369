/*
 * NAME
 *	act.c - the one verdict point of postern-milter
 * SUMMARY
 *	session -> transaction -> rules -> SMFIS_* and modifications
 * SYNOPSIS
 *	#include "milter.h"
 * DESCRIPTION
 *	pm_decide() evaluates one stage. reject and defer answer at once
 *	with the rule's code, enhanced status and text (smfi_setreply; a
 *	4xx only takes effect with SMFIS_TEMPFAIL, a 5xx with
 *	SMFIS_REJECT); discard drops the message. accept at an envelope
 *	stage ends envelope checks for the message, at a content stage all
 *	further checks; the message is still traced. The modifications
 *	(hold, the header actions, the recipient actions, change-sender)
 *	can only be carried out at end of message (libmilter): they wait
 *	in the session and pm_finish() applies them. Internal trouble
 *	follows on_error (default: defer with on_error_reply).
 *
 *	pm_trace_log() writes the message's trace record, once: the queue
 *	id, every hop of the Received chain, anomalies, the envelope, the
 *	size and what was done. pm_finish() and a verdict at a content
 *	stage call it, and so does the end of header when it refuses a
 *	header over the filter's limits.
 * LICENSE
 *	MIT
 */
#include "config.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#include "daemon.h"
#include "logger.h"
#include "milter.h"

void
pm_txn(const struct pm_session *s, enum pst_stage st, struct pst_txn *t)
{
	pst_txn_init(t, st);
	t->door = PST_DOOR_MILTER;
	t->client_ip = pst_span_cstr(s->client_ip);
	t->client_name = pst_span_cstr(s->client_name);
	t->client_port = s->client_port;
	t->server_ip = pst_span_cstr(s->server_ip);
	t->server_port = s->server_port;
	t->daemon_name = pst_span_cstr(s->daemon_name);
	t->helo = pst_span_cstr(s->helo);
	t->tls_protocol = pst_span_cstr(s->tls_version);
	t->tls_cipher = pst_span_cstr(s->cipher);
	if (st < PST_STAGE_MAIL)
		return;
	t->sender = pst_span_cstr(s->sender);
	t->sender_route = s->sender_route;
	t->sasl_user = pst_span_cstr(s->sasl_user);
	t->sasl_method = pst_span_cstr(s->sasl_method);
	t->queue_id = pst_span_cstr(s->qid);
	t->params = &s->params;
	t->recipient = pst_span_cstr(s->rcpt);
	t->rcpt_count = s->nrcpt;
	if (st < PST_STAGE_HEADER)
		return;
	if (s->hdr.data != NULL && s->fields != NULL) {
		t->headers = s->fields;
		t->nheaders = s->nhdrs;
	}
	t->trace = s->trace;
	t->header_long_line = s->header_long_line;
	t->header_8bit = s->header_8bit;
	if (st < PST_STAGE_BODY)
		return;
	t->size = s->body.size;
	t->has_size = 1;
	t->body_8bit = s->body.eight_bit;
	t->long_line = s->body.long_line;
}

/* set_reply - the rule's reply for the MTA; "%" doubled for libmilter */
static void
set_reply(SMFICTX *ctx, const struct pst_verdict *v)
{
	struct pst_buf clean;
	char	text[PST_MAX_REPLY_LINE * 2];
	char	code[8];
	size_t	i;
	size_t	n = 0;

	pst_buf_init(&clean, PST_MAX_REPLY_LINE);
	if (pst_reply_sanitize(&clean, v->text.len ? v->text :
			       pst_span_cstr(v->action == PST_ACTION_REJECT ?
				       "Rejected by policy" :
				       "Try again later"),
			       PST_MAX_REPLY_LINE - 12) != PST_OK) {
		pst_buf_free(&clean);
		return;			/* the MTA's own text then */
	}
	for (i = 0; i < clean.len && n + 2 < sizeof(text); i++) {
		text[n++] = clean.data[i];
		if (clean.data[i] == '%')
			text[n++] = '%';
	}
	text[n] = 0;
	pst_buf_free(&clean);
	snprintf(code, sizeof(code), "%03d", v->code);
	(void) smfi_setreply(ctx, code, v->dsn[0] ? (char *) v->dsn : NULL,
			     text);
}

sfsistat
pm_decide(SMFICTX *ctx, struct pm_session *s, enum pst_stage st)
{
	struct pm_rules *rr = s->rules != NULL ? s->rules : pm_rules_get();
	struct pst_verdict v;
	struct pst_txn t;
	struct pst_decision d;
	struct timespec t0;
	struct pst_seen sn;
	const char *note = NULL;
	sfsistat rc = SMFIS_CONTINUE;

	if ((s->accepted && st <= PST_STAGE_RCPT) || s->accepted > 1
	    || !(rr->stages & (1u << st)))
		goto out;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	pm_txn(s, st, &t);
	sn.txn = &t;
	sn.stage = st;
	sn.log_line = pm_log_line;
	sn.log_json = pm_log_json;
	sn.buf = &s->logbuf;
	sn.error = 0;
	pst_rules_eval(rr->r, &t, &v, pst_log_considered, &sn);
	if (sn.error) {
		note = "error";
		if (pm_conf.on_error == PST_ON_ERROR_ACCEPT) {
			memset(&v, 0, sizeof(v));
			v.action = PST_ACTION_DUNNO;
			v.rule = -1;
			v.rule_name = "";
		} else {
			v = pm_on_error;
		}
	}
	switch (v.action) {
	case PST_ACTION_REJECT:
		set_reply(ctx, &v);
		rc = SMFIS_REJECT;
		break;
	case PST_ACTION_DEFER:
		set_reply(ctx, &v);
		rc = SMFIS_TEMPFAIL;
		break;
	case PST_ACTION_DISCARD:
		rc = SMFIS_DISCARD;
		break;
	case PST_ACTION_ACCEPT:
		/* envelope: no more envelope rules; content: no more rules */
		s->accepted = st <= PST_STAGE_RCPT ? (st == PST_STAGE_RCPT ?
						       0 : 1) : 2;
		break;
	case PST_ACTION_DELETE_RECIPIENT:
		/* the recipient being judged, or the rule's <address> */
		if (pst_buf_append(&s->drop_rcpts, v.text.len ? v.text.ptr :
				   s->rcpt, v.text.len ? v.text.len :
				   strlen(s->rcpt)) != PST_OK
		    || pst_buf_addc(&s->drop_rcpts, 0) != PST_OK)
			pst_log(LOG_WARNING, "%s: out of memory; rule %s "
				"ignored", s->qid[0] ? s->qid : "NOQUEUE",
				v.rule_name);
		break;
	case PST_ACTION_HOLD:
	case PST_ACTION_QUARANTINE:
	case PST_ACTION_ADD_HEADER:
	case PST_ACTION_PREPEND:
	case PST_ACTION_INSERT_HEADER:
	case PST_ACTION_CHANGE_HEADER:
	case PST_ACTION_DELETE_HEADER:
	case PST_ACTION_BCC:
	case PST_ACTION_ADD_RECIPIENT:
	case PST_ACTION_REDIRECT:
	case PST_ACTION_CHANGE_SENDER:
		if (s->npending < PM_MAX_PENDING)
			s->pending[s->npending++] = v;
		else
			pst_log(LOG_WARNING, "%s: more than %d modifications;"
				" rule %s ignored", s->qid[0] ? s->qid :
				"NOQUEUE", PM_MAX_PENDING, v.rule_name);
		break;
	default:
		break;
	}
	if (v.rule >= 0 || note != NULL) {
		d.txn = &t;
		d.verdict = &v;
		d.stage = st;
		d.note = note;
		d.usec = pst_usec_since(&t0);
		pst_log_decision(&d, pm_log_line, pm_log_json, &s->logbuf);
	}
	if (rc != SMFIS_CONTINUE && st >= PST_STAGE_HEADER)
		pm_trace_log(s, pst_action_name(v.action));
out:
	if (rr != s->rules)
		pm_rules_put(rr);
	return (rc);
}

/*
 * envelope - from=<sender> to=<a>,<b>... of the trace record (JSON:
 * "from", "to", "to_more"), the first PM_TRACE_RCPTS recipients named,
 * every address as trace_pseudonymize says
 */
static enum pst_err
envelope(const struct pm_session *s, int json, struct pst_buf *b)
{
	enum pst_err e;
	size_t	off;
	size_t	n = 0;

	e = pst_buf_adds(b, json ? ",\"from\":" : " from=<");
	if (e == PST_OK)
		e = pst_pseudonym_write(&pm_pseudonym,
					pst_span_cstr(s->sender), json, b);
	if (e == PST_OK)
		e = pst_buf_adds(b, json ? ",\"to\":[" : "> to=");
	for (off = 0; e == PST_OK && s->rcpts.data != NULL
	     && off < s->rcpts.len && n < PM_TRACE_RCPTS; n++) {
		const char *r = s->rcpts.data + off;

		if (n > 0)
			e = pst_buf_addc(b, ',');
		if (e == PST_OK && !json)
			e = pst_buf_addc(b, '<');
		if (e == PST_OK)
			e = pst_pseudonym_write(&pm_pseudonym,
						pst_span_cstr(r), json, b);
		if (e == PST_OK && !json)
			e = pst_buf_addc(b, '>');
		off += strlen(r) + 1;
	}
	if (e == PST_OK && json)
		e = pst_buf_addc(b, ']');
	if (e == PST_OK && s->nrcpt > n)
		e = pst_buf_printf(b, json ? ",\"to_more\":%zu" : ",+%zu",
				   s->nrcpt - n);
	return (e);
}

/*
 * size_rcpts - size=N (the body's octets, CRLF as sent; only when the
 * body was read to its end: a filter that was not sent the body, or a
 * message ended at its header, has no size to tell) and rcpts=N
 */
static enum pst_err
size_rcpts(const struct pm_session *s, int json, struct pst_buf *b)
{
	enum pst_err e = PST_OK;

	if (s->body_read)
		e = pst_buf_printf(b, json ? ",\"size\":%llu" : " size=%llu",
				   (unsigned long long) s->body.size);
	if (e == PST_OK)
		e = pst_buf_printf(b, json ? ",\"rcpts\":%zu" : " rcpts=%zu",
				   s->nrcpt);
	return (e);
}

/*
 * pm_trace_log - the message's trace record, once: at end of message, or
 * when a header or body rule ended the message earlier
 */
void
pm_trace_log(struct pm_session *s, const char *outcome)
{
	const char *qid = s->qid[0] ? s->qid : "NOQUEUE";
	struct pst_buf b;

	if (s->trace == NULL || s->traced)
		return;
	s->traced = 1;
	pst_buf_init(&b, 64 * 1024);
	if (pst_buf_printf(&b, "%s: trace ", qid) == PST_OK
	    && pst_trace_record(s->trace, 0, &b) == PST_OK
	    && envelope(s, 0, &b) == PST_OK
	    && size_rcpts(s, 0, &b) == PST_OK
	    && pst_buf_printf(&b, "%s outcome=%s",
			      s->hdrs_dropped ? " headers=truncated" : "",
			      outcome) == PST_OK)
		pst_log_text(LOG_INFO, b.data, b.len);
	pst_buf_reset(&b);
	if (pm_log_json && pst_buf_adds(&b, "{\"queue_id\":") == PST_OK
	    && pst_json_string(&b, pst_span_cstr(qid)) == PST_OK
	    && pst_buf_adds(&b, ",\"trace\":") == PST_OK
	    && pst_trace_record(s->trace, 1, &b) == PST_OK
	    && envelope(s, 1, &b) == PST_OK
	    && size_rcpts(s, 1, &b) == PST_OK
	    && (!s->hdrs_dropped
		|| pst_buf_adds(&b, ",\"headers\":\"truncated\"") == PST_OK)
	    && pst_buf_printf(&b, ",\"outcome\":\"%s\"}", outcome)
	    == PST_OK)
		pst_log_text(LOG_INFO, b.data, b.len);
	pst_buf_free(&b);
}

/* split_header - "Name: value" into name[] and value[] */
static int
split_header(struct pst_span text, char *name, size_t nlen, char *value,
	     size_t vlen)
{
	const char *colon = memchr(text.ptr, ':', text.len);
	const char *vp;
	size_t	nl = colon != NULL ? (size_t) (colon - text.ptr) : text.len;

	if (nl == 0 || nl >= nlen)
		return (-1);
	memcpy(name, text.ptr, nl);
	name[nl] = 0;
	if (colon == NULL) {		/* delete-header: a name alone */
		value[0] = 0;
		return (0);
	}
	for (vp = colon + 1; vp < text.ptr + text.len && *vp == ' '; vp++)
		 /* void */ ;
	snprintf(value, vlen, "%.*s", (int) (text.ptr + text.len - vp), vp);
	return (0);
}

/* occurrences - how many fields of the message are called name */
static size_t
occurrences(const struct pm_session *s, const char *name)
{
	size_t	i;
	size_t	n = 0;

	for (i = 0; s->fields != NULL && i < s->nhdrs; i++)
		n += pst_span_eq_nocase(s->fields[i].name, name);
	return (n);
}

/*
 * header_op - add, prepend, change or delete a header field. change
 * sets the first field of that name and deletes the others (a field
 * the message lacks is added: the result does not depend on how an
 * MTA treats an index past the end); delete removes every one, last
 * first so the indexes stay right.
 */
static int
header_op(SMFICTX *ctx, const struct pm_session *s, enum pst_action a,
	  struct pst_span text)
{
	char	name[256];
	char	value[PST_MAX_TEXT_LINE];
	size_t	n;
	int	rc = MI_SUCCESS;

	if (split_header(text, name, sizeof(name), value, sizeof(value)) < 0)
		return (MI_FAILURE);
	switch (a) {
	case PST_ACTION_ADD_HEADER:
		return (smfi_addheader(ctx, name, value));
	case PST_ACTION_PREPEND:
	case PST_ACTION_INSERT_HEADER:
		return (smfi_insheader(ctx, 0, name, value));
	case PST_ACTION_CHANGE_HEADER:
		if ((n = occurrences(s, name)) == 0)
			return (smfi_addheader(ctx, name, value));
		for (; n > 1 && rc == MI_SUCCESS; n--)
			rc = smfi_chgheader(ctx, name, (int) n, NULL);
		if (rc == MI_SUCCESS)
			rc = smfi_chgheader(ctx, name, 1, value);
		return (rc);
	default:			/* PST_ACTION_DELETE_HEADER */
		for (n = occurrences(s, name); n > 0 && rc == MI_SUCCESS; n--)
			rc = smfi_chgheader(ctx, name, (int) n, NULL);
		return (rc);
	}
}

/* apply - one waiting modification; MI_SUCCESS or MI_FAILURE */
static int
apply(SMFICTX *ctx, struct pm_session *s, const struct pst_verdict *v)
{
	char	addr[PST_MAX_PATH + 3];
	size_t	off;

	switch (v->action) {
	case PST_ACTION_HOLD:
	case PST_ACTION_QUARANTINE:
		snprintf(addr, sizeof(addr), "postern rule %s",
			 v->rule_name[0] ? v->rule_name : "-");
		return (smfi_quarantine(ctx, addr));
	case PST_ACTION_ADD_HEADER:
	case PST_ACTION_PREPEND:
	case PST_ACTION_INSERT_HEADER:
	case PST_ACTION_CHANGE_HEADER:
	case PST_ACTION_DELETE_HEADER:
		return (header_op(ctx, s, v->action, v->text));
	case PST_ACTION_CHANGE_SENDER:
		snprintf(addr, sizeof(addr), "<%.*s>", (int) v->text.len,
			 v->text.ptr);
		return (smfi_chgfrom(ctx, addr, NULL));
	case PST_ACTION_REDIRECT:
		for (off = 0; s->rcpts.data != NULL && off < s->rcpts.len;
		     off += strlen(s->rcpts.data + off) + 1) {
			snprintf(addr, sizeof(addr), "<%s>",
				 s->rcpts.data + off);
			(void) smfi_delrcpt(ctx, addr);
		}
		/* FALLTHROUGH */
	case PST_ACTION_BCC:
	case PST_ACTION_ADD_RECIPIENT:
		snprintf(addr, sizeof(addr), "<%.*s>", (int) v->text.len,
			 v->text.ptr);
		return (smfi_addrcpt(ctx, addr));
	default:
		return (MI_SUCCESS);
	}
}

/* drop_recipients - what delete-recipient rules asked for */
static int
drop_recipients(SMFICTX *ctx, struct pm_session *s)
{
	char	addr[PST_MAX_PATH + 3];
	size_t	off;
	int	rc = MI_SUCCESS;

	for (off = 0; s->drop_rcpts.data != NULL && off < s->drop_rcpts.len;
	     off += strlen(s->drop_rcpts.data + off) + 1) {
		snprintf(addr, sizeof(addr), "<%s>", s->drop_rcpts.data + off);
		if (smfi_delrcpt(ctx, addr) != MI_SUCCESS) {
			pst_log(LOG_WARNING, "%s: delete-recipient %s failed",
				s->qid[0] ? s->qid : "NOQUEUE", addr);
			rc = MI_FAILURE;
		}
	}
	return (rc);
}

sfsistat
pm_finish(SMFICTX *ctx, struct pm_session *s)
{
	size_t	i;
	int	failed = 0;

	if (drop_recipients(ctx, s) != MI_SUCCESS)
		failed = 1;
	for (i = 0; i < s->npending; i++)
		if (apply(ctx, s, &s->pending[i]) != MI_SUCCESS) {
			pst_log(LOG_WARNING, "%s: %s (rule %s) failed",
				s->qid[0] ? s->qid : "NOQUEUE",
				pst_action_name(s->pending[i].action),
				s->pending[i].rule_name);
			failed = 1;
		}
	pm_trace_log(s, failed ? "error" : "continue");
	if (failed && pm_conf.on_error != PST_ON_ERROR_ACCEPT) {
		set_reply(ctx, &pm_on_error);
		return (SMFIS_TEMPFAIL);
	}
	return (SMFIS_CONTINUE);
}
