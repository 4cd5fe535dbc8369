/*
 * NAME
 *	decision.c - the one log line of a decision
 * SUMMARY
 *	Postfix-style and JSON decision records, values escaped
 * SYNOPSIS
 *	#include <postern/decision.h>
 * DESCRIPTION
 *	See decision.h.
 * LICENSE
 *	MIT
 */
#include "config.h"

#include <postern/decision.h>
#include <postern/json.h>
#include <postern/utf8.h>

enum pst_err
pst_log_escape(struct pst_buf *out, struct pst_span v)
{
	size_t	i = 0;
	enum pst_err e = PST_OK;

	while (i < v.len && e == PST_OK) {
		unsigned char c = (unsigned char) v.ptr[i];
		size_t	n;
		size_t	run;

		/* plain printable ASCII goes in runs, not a byte at a time */
		for (run = i; run < v.len; run++) {
			unsigned char r = (unsigned char) v.ptr[run];

			if (r <= 0x20 || r >= 0x7f || r == '\\')
				break;
		}
		if (run > i) {
			e = pst_buf_append(out, v.ptr + i, run - i);
			i = run;
			continue;
		}

		n = c >= 0x80 ? pst_utf8_seqlen((const unsigned char *)
						v.ptr + i, v.len - i) : 0;
		if (n > 0) {
			e = pst_buf_append(out, v.ptr + i, n);
			i += n;
			continue;
		}
		if (c <= 0x20 || c == 0x7f || c == '\\' || c >= 0x80)
			e = pst_buf_printf(out, "\\x%02x", c);
		else
			e = pst_buf_addc(out, c);
		i++;
	}
	return (e);
}

/* number - " key=N" or ,"key":N without printf */
static enum pst_err
number(struct pst_buf *out, int format, const char *key, unsigned long n)
{
	char	digits[24];
	size_t	i = sizeof(digits);
	enum pst_err e;

	do {
		digits[--i] = (char) ('0' + n % 10);
		n /= 10;
	} while (n > 0);
	e = pst_buf_adds(out, format == PST_DECISION_JSON ? ",\"" : " ");
	if (e == PST_OK)
		e = pst_buf_adds(out, key);
	if (e == PST_OK)
		e = pst_buf_adds(out, format == PST_DECISION_JSON ? "\":" :
				 "=");
	return (e ? e : pst_buf_append(out, digits + i, sizeof(digits) - i));
}

/* field - " key=value" or ,"key":"value" */
static enum pst_err
field(struct pst_buf *out, int format, const char *key, struct pst_span v,
      const char *open, const char *close)
{
	enum pst_err e;

	if (format == PST_DECISION_JSON) {
		if ((e = pst_buf_adds(out, ",\"")) != PST_OK
		    || (e = pst_buf_adds(out, key)) != PST_OK
		    || (e = pst_buf_adds(out, "\":")) != PST_OK)
			return (e);
		return (pst_json_string(out, v));
	}
	if ((e = pst_buf_addc(out, ' ')) != PST_OK
	    || (e = pst_buf_adds(out, key)) != PST_OK
	    || (e = pst_buf_addc(out, '=')) != PST_OK
	    || (e = pst_buf_adds(out, open)) != PST_OK
	    || (e = pst_log_escape(out, v)) != PST_OK)
		return (e);
	return (pst_buf_adds(out, close));
}

enum pst_err
pst_decision_format(const struct pst_decision *d, int format,
		    struct pst_buf *out)
{
	const struct pst_txn *t = d->txn;
	const struct pst_verdict *v = d->verdict;
	const char *rule = v->rule >= 0 && v->rule_name[0] ? v->rule_name :
	v->rule >= 0 ? "-" : "";
	struct pst_span qid = t->queue_id.len ? t->queue_id :
	pst_span_cstr("NOQUEUE");
	int	json = format == PST_DECISION_JSON;
	enum pst_err e;

	if (json) {
		e = pst_buf_adds(out, "{\"queue_id\":");
		if (e == PST_OK)
			e = pst_json_string(out, qid);
	} else {
		e = pst_log_escape(out, qid);
		if (e == PST_OK)
			e = pst_buf_addc(out, ':');
	}
	if (e == PST_OK && v->rule >= 0)
		e = field(out, format, "rule", pst_span_cstr(rule), "", "");
	if (e == PST_OK)
		e = field(out, format, "action", pst_span_cstr(
				pst_action_name(v->action)), "", "");
	if (e == PST_OK && v->code > 0)
		e = number(out, format, "code", (unsigned long) v->code);
	if (e == PST_OK && v->dsn[0])
		e = field(out, format, "dsn", pst_span_cstr(v->dsn), "", "");
	if (e == PST_OK && d->note != NULL)
		e = field(out, format, "note", pst_span_cstr(d->note), "", "");
	if (e == PST_OK && t->client_ip.len)
		e = field(out, format, "client", t->client_ip, "[", "]");
	if (e == PST_OK && d->stage >= PST_STAGE_MAIL)
		e = field(out, format, "sender", t->sender, "<", ">");
	if (e == PST_OK && t->recipient.len)
		e = field(out, format, "rcpt", t->recipient, "<", ">");
	if (e == PST_OK)
		e = field(out, format, "stage", pst_span_cstr(
				pst_stage_name(d->stage)), "", "");
	if (e == PST_OK)
		e = number(out, format, "us", d->usec);
	if (e == PST_OK && json)
		e = pst_buf_addc(out, '}');
	return (e);
}
