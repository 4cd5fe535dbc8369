/*
 * NAME
 *	policy.c - Postfix policy requests: parse, translate, decide
 * SUMMARY
 *	the policy door's codec and its one verdict point
 * SYNOPSIS
 *	#include <postern/policy.h>
 * DESCRIPTION
 *	See policy.h. The parser never copies: values are spans into the
 *	request. It refuses what Postfix never sends (a line without "=",
 *	a NUL byte, hundreds of lines) so that a stray client on the
 *	socket is told apart from Postfix and dropped.
 * SEE ALSO
 *	SMTPD_POLICY_README; ../shared/notes/policy-protocol.md
 * LICENSE
 *	MIT
 */
#include "config.h"

#include <string.h>

#include <postern/limits.h>
#include <postern/policy.h>

static const struct {
	const char *name;
	size_t	len;
}	attr_names[] = {
#define PST_POLICY_ATTR_NAME_(sym, name) { name, sizeof(name) - 1 },
	PST_POLICY_ATTR_MAP(PST_POLICY_ATTR_NAME_)
#undef PST_POLICY_ATTR_NAME_
};

const char *
pst_policy_attr_name(enum pst_policy_attr a)
{
	return ((unsigned) a < PST_POLICY__COUNT ? attr_names[a].name : NULL);
}

size_t
pst_policy_request_end(struct pst_span buf, size_t scanned)
{
	const char *p;
	size_t	from;

	/* an empty line at the very start ends an (empty) request */
	if (buf.len > 0 && buf.ptr[0] == '\n')
		return (1);
	/* the "\n\n" may straddle what was scanned and what is new */
	from = scanned > 0 ? scanned - 1 : 0;
	if (from >= buf.len)
		return (0);
	/* memchr per line beats memmem (two-way) on ~30 short lines */
	while ((p = memchr(buf.ptr + from, '\n', buf.len - from)) != NULL) {
		from = (size_t) (p - buf.ptr) + 1;
		if (from < buf.len && buf.ptr[from] == '\n')
			return (from + 1);
		if (from >= buf.len)
			break;
	}
	return (0);
}

/*
 * attr_lookup - the attribute called name, or PST_POLICY__COUNT. Postfix
 * sends them in the order of the table, so the one after the previous
 * match (hint) is tried first: one compare per line instead of dozens.
 */
static enum pst_policy_attr
attr_lookup(struct pst_span name, unsigned hint)
{
	unsigned a;

	if (hint < PST_POLICY__COUNT && attr_names[hint].len == name.len
	    && memcmp(attr_names[hint].name, name.ptr, name.len) == 0)
		return ((enum pst_policy_attr) hint);

	/* lower case on the wire; the length rules out most at once */
	for (a = 0; a < PST_POLICY__COUNT; a++)
		if (attr_names[a].len == name.len
		    && memcmp(attr_names[a].name, name.ptr, name.len) == 0)
			return ((enum pst_policy_attr) a);
	return (PST_POLICY__COUNT);
}

/* set_attr - one attribute, looked up from hint on */
static int
set_attr(struct pst_policy_req *r, struct pst_span name,
	 struct pst_span value, unsigned *hint)
{
	enum pst_policy_attr a = attr_lookup(name, *hint);

	if (a == PST_POLICY__COUNT) {
		r->unknown++;
		return (0);
	}
	if (r->present & ((uint64_t) 1 << a)) {
		r->duplicates++;		/* the first one counts */
		return (1);
	}
	r->attr[a] = value;
	r->present |= (uint64_t) 1 << a;
	*hint = (unsigned) a + 1;
	return (1);
}

int
pst_policy_set(struct pst_policy_req *r, struct pst_span name,
	       struct pst_span value)
{
	unsigned hint = PST_POLICY__COUNT;

	return (set_attr(r, name, value, &hint));
}

enum pst_err
pst_policy_parse(struct pst_span req, struct pst_policy_req *out)
{
	size_t	pos = 0;
	unsigned hint = 0;

	memset(out, 0, sizeof(*out));
	if (memchr(req.ptr, '\0', req.len) != NULL)
		return (PST_POLICY_MALFORMED);
	while (pos < req.len) {
		const char *nl = memchr(req.ptr + pos, '\n', req.len - pos);
		size_t	eol = nl ? (size_t) (nl - req.ptr) : req.len;
		const char *eq;

		if (eol == pos)
			break;			/* the empty line ends it */
		if (++out->nattrs > PST_MAX_POLICY_ATTRS)
			return (PST_POLICY_TOO_MANY_ATTRS);
		eq = memchr(req.ptr + pos, '=', eol - pos);
		if (eq == NULL || eq == req.ptr + pos)
			return (PST_POLICY_MALFORMED);
		set_attr(out, pst_span_make(req.ptr + pos, (size_t)
					    (eq - req.ptr) - pos),
			 pst_span_make(eq + 1, eol - (size_t)
				       (eq + 1 - req.ptr)), &hint);
		pos = eol + 1;
	}
	if (!pst_span_eq_nocase(out->attr[PST_POLICY_REQUEST],
				"smtpd_access_policy"))
		return (PST_POLICY_NOT_ACCESS_POLICY);
	return (PST_OK);
}

enum pst_stage
pst_policy_stage(const struct pst_policy_req *r)
{
	static const struct {
		const char *state;
		enum pst_stage stage;
	} states[] = {
		{"RCPT", PST_STAGE_RCPT}, {"CONNECT", PST_STAGE_CONNECT},
		{"EHLO", PST_STAGE_HELO}, {"HELO", PST_STAGE_HELO},
		{"MAIL", PST_STAGE_MAIL}, {"DATA", PST_STAGE_DATA},
		{"BDAT", PST_STAGE_DATA}, {"END-OF-MESSAGE", PST_STAGE_EOM},
	};
	size_t	i;

	for (i = 0; i < sizeof(states) / sizeof(states[0]); i++)
		if (pst_span_eq_nocase(r->attr[PST_POLICY_PROTOCOL_STATE],
				       states[i].state))
			return (states[i].stage);
	return (PST_POLICY_STATE_OTHER);
}

void
pst_policy_txn(const struct pst_policy_req *r, struct pst_txn *t,
	       struct pst_esmtp_params *params)
{
	enum pst_stage st = pst_policy_stage(r);
	int64_t	n;

	pst_txn_init(t, st == PST_POLICY_STATE_OTHER ? PST_STAGE_RCPT : st);
	t->door = PST_DOOR_POLICY;
	memset(params, 0, sizeof(*params));
	t->params = params;
	t->client_ip = r->attr[PST_POLICY_CLIENT_ADDRESS];
	t->client_name = r->attr[PST_POLICY_CLIENT_NAME];
	t->client_port = pst_span_decimal(r->attr[PST_POLICY_CLIENT_PORT]);
	/* Postfix 3.2 and later */
	t->server_ip = r->attr[PST_POLICY_SERVER_ADDRESS];
	t->server_port = pst_span_decimal(r->attr[PST_POLICY_SERVER_PORT]);
	t->helo = r->attr[PST_POLICY_HELO_NAME];
	t->sender = r->attr[PST_POLICY_SENDER];
	t->recipient = r->attr[PST_POLICY_RECIPIENT];
	n = pst_span_decimal(r->attr[PST_POLICY_RECIPIENT_COUNT]);
	t->rcpt_count = n > 0 ? (size_t) n : 0;
	t->sasl_user = r->attr[PST_POLICY_SASL_USERNAME];
	t->sasl_method = r->attr[PST_POLICY_SASL_METHOD];
	t->tls_protocol = r->attr[PST_POLICY_ENCRYPTION_PROTOCOL];
	t->tls_cipher = r->attr[PST_POLICY_ENCRYPTION_CIPHER];
	t->queue_id = r->attr[PST_POLICY_QUEUE_ID];
	/* size= is MAIL FROM's SIZE= until END-OF-MESSAGE, then actual */
	n = pst_span_decimal(r->attr[PST_POLICY_SIZE]);
	if (st == PST_STAGE_EOM && n >= 0) {
		t->size = (uint64_t) n;
		t->has_size = 1;
	} else if (n > 0) {
		params->size = (uint64_t) n;
		params->seen |= 1u << PST_PARAM_SIZE;
	}
}

void
pst_policy_eval(const struct pst_rules *rules, const struct pst_txn *t,
		struct pst_verdict *v, pst_rules_trace_fn fn, void *ctx)
{
	struct pst_txn at = *t;
	unsigned first;
	unsigned s;

	/*
	 * Postfix delays client/helo/sender restrictions to RCPT; at DATA
	 * and END-OF-MESSAGE the earlier stages had their say already.
	 */
	first = t->stage <= PST_STAGE_RCPT ? PST_STAGE_CONNECT : t->stage;
	for (s = first; s <= (unsigned) t->stage; s++) {
		at.stage = (enum pst_stage) s;
		pst_rules_eval(rules, &at, v, fn, ctx);
		if (v->action != PST_ACTION_DUNNO)
			return;
	}
}
