/*
 * NAME
 *	rules_load.c - load a rule file: rules, actions, warnings
 * SUMMARY
 *	the outer grammar of a rule, its action, and what postern check
 *	warns about
 * SYNOPSIS
 *	#include <postern/rules.h>
 * DESCRIPTION
 *	action := accept | dunno | continue
 *		| reject CODE [X.Y.Z] ["text"] | defer CODE [X.Y.Z] ["text"]
 *		| discard ["text"] | hold ["text"] | quarantine ["text"]
 *		| warn ["text"] | add-header "Name: value"
 *		| prepend "Name: value" | insert-header "Name: value"
 *		| change-header "Name: value" | delete-header "Name"
 *		| redirect <addr> | bcc <addr> | add-recipient <addr>
 *		| delete-recipient [<addr>] | change-sender <addr>
 *
 *	reject needs a 5xx code and defer a 4xx code; an enhanced status
 *	must agree with the code's class (pst_reply_check). Texts lose
 *	their control characters. Warnings: a reject or defer without an
 *	enhanced status, a rule only postern-milter can run, and a rule no
 *	transaction can reach because an earlier rule of its stage always
 *	decides.
 * SEE ALSO
 *	postern.rules(5), postern(1)
 * LICENSE
 *	MIT
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include <postern/addr.h>
#include <postern/limits.h>
#include <postern/reply.h>

#include "alloc.h"
#include "readfile.h"
#include "rules_parser.h"

/* clean_text - control characters become "?", in place */
static void
clean_text(struct pst_span s)
{
	char   *p = (char *) s.ptr;
	size_t	i;

	for (i = 0; i < s.len; i++)
		if ((unsigned char) p[i] < 0x20 || p[i] == 0x7f)
			p[i] = '?';
}

/* opt_text - an optional "text" argument */
static int
opt_text(struct rparser *p, struct rrule *r)
{
	if (rp_is(p, TK_STRING, NULL)) {
		r->text = rp_take(p).s;
		if (r->text.len > PST_MAX_REPLY_LINE - 12) {
			rp_diag(p, rp_peek(p)->line, rp_peek(p)->col, 0,
				"text longer than a reply line allows");
			return (-1);
		}
		clean_text(r->text);
	}
	return (0);
}

/* parse_reply - CODE [X.Y.Z] ["text"] of reject and defer */
static int
parse_reply(struct rparser *p, struct rrule *r)
{
	struct rtok t = rp_take(p);
	struct pst_span dsn = pst_span_make(NULL, 0);
	enum pst_err e;
	int	code = 0;
	size_t	i;
	char	b[64];

	for (i = 0; t.kind == TK_WORD && i < t.s.len && i < 4; i++)
		code = t.s.ptr[i] >= '0' && t.s.ptr[i] <= '9' ?
			code * 10 + (t.s.ptr[i] - '0') : -1;
	if (t.kind != TK_WORD || t.s.len != 3 || code < 0) {
		rp_diag(p, t.line, t.col, 0, "%s needs a reply code, found %s",
			pst_action_name(r->action), rp_tokname(&t, b,
					sizeof(b)));
		return (-1);
	}
	if ((r->action == PST_ACTION_REJECT && code / 100 != 5)
	    || (r->action == PST_ACTION_DEFER && code / 100 != 4)) {
		rp_diag(p, t.line, t.col, 0, "%s needs a %dxx code, not %d",
			pst_action_name(r->action),
			r->action == PST_ACTION_REJECT ? 5 : 4, code);
		return (-1);
	}
	if (rp_is(p, TK_WORD, NULL) && rp_peek(p)->s.len > 1
	    && rp_peek(p)->s.ptr[1] == '.')
		dsn = rp_take(p).s;
	if ((e = pst_reply_check(code, dsn)) != PST_OK || dsn.len >= 16) {
		rp_diag(p, t.line, t.col, 0, "reply %d %.*s: %s", code,
			(int) (dsn.len > 20 ? 20 : dsn.len),
			 dsn.ptr ? dsn.ptr :
			"", pst_strerror(e));
		return (-1);
	}
	r->code = code;
	if (dsn.len > 0)
		memcpy(r->dsn, dsn.ptr, dsn.len);
	r->dsn[dsn.len] = 0;
	if (dsn.len == 0)
		rp_diag(p, t.line, t.col, 1,
			"%s %d without an enhanced status "
			"code (RFC 3463): add one such as %d.7.1",
			pst_action_name(r->action), code, code / 100);
	return (opt_text(p, r));
}

/* field_name_ok - RFC 5322 ftext: printable ASCII but ":" */
static int
field_name_ok(struct pst_span name)
{
	size_t	i;

	for (i = 0; i < name.len; i++)
		if (name.ptr[i] < 33 || name.ptr[i] > 126
		    || name.ptr[i] == ':')
			return (0);
	return (name.len > 0 && name.len < 256);
}

/* header_arg - "Name: value" (or "Name" alone for delete-header) */
static int
header_arg(struct rparser *p, struct rrule *r, int name_only)
{
	struct rtok t = rp_take(p);
	struct pst_span name = pst_span_make(NULL, 0);
	const char *colon;

	colon = t.kind == TK_STRING ? memchr(t.s.ptr, ':', t.s.len) : NULL;
	if (colon != NULL)
		name = pst_span_make(t.s.ptr, (size_t) (colon - t.s.ptr));
	if (t.kind != TK_STRING || (name_only ? !field_name_ok(t.s) :
				    colon == NULL || !field_name_ok(name))) {
		rp_diag(p, t.line, t.col, 0, name_only ?
			"%s needs a header field \"Name\"" :
			"%s needs \"Name: value\" (a name of printable "
			"characters, no space)", pst_action_name(r->action));
		return (-1);
	}
	clean_text(t.s);
	r->text = t.s;
	return (0);
}

/*
 * addr_arg - <address> of redirect, bcc, add-recipient and
 * change-sender, read as a strict server reads a path; delete-recipient
 * may go without one (at rcpt: the recipient being judged)
 */
static int
addr_arg(struct rparser *p, struct rrule *r)
{
	int	sender = r->action == PST_ACTION_CHANGE_SENDER;
	int	optional = r->action == PST_ACTION_DELETE_RECIPIENT;
	struct pst_addr a;
	struct rtok t;
	char	path[PST_MAX_PATH + 3];

	p->lx.expect_value = 1;
	if (optional && !rp_is(p, TK_ADDR, NULL)) {
		p->lx.expect_value = 0;
		if (r->stage == PST_STAGE_RCPT)
			return (0);
		t = *rp_peek(p);
		rp_diag(p, t.line, t.col, 0, "delete-recipient needs an "
			"<address> outside the rcpt stage");
		return (-1);
	}
	t = rp_take(p);
	p->lx.expect_value = 0;
	if (t.kind != TK_ADDR || (t.s.len == 0 && !sender)
	    || t.s.len > PST_MAX_PATH) {
		rp_diag(p, t.line, t.col, 0, "%s needs an <address>",
			pst_action_name(r->action));
		return (-1);
	}
	snprintf(path, sizeof(path), "<%.*s>", (int) t.s.len, t.s.ptr);
	if (pst_addr_parse(pst_span_cstr(path), sender ? PST_ADDR_MAIL :
			   PST_ADDR_RCPT, PST_ADDR_F_SMTPUTF8, &a) != PST_OK) {
		rp_diag(p, t.line, t.col, 0, "%s: <%.*s> is not a mailbox "
			"(RFC 5321 4.1.2)", pst_action_name(r->action),
			(int) (t.s.len > 64 ? 64 : t.s.len), t.s.ptr);
		return (-1);
	}
	r->text = t.s;
	return (0);
}

/* parse_action - the action word and its arguments */
static int
parse_action(struct rparser *p, struct rrule *r)
{
	struct rtok t = rp_take(p);
	unsigned a;
	char	b[64];

	for (a = 0; a < PST_ACTION__COUNT; a++)
		if (t.kind == TK_WORD && pst_span_eq_nocase(t.s,
						     pst_action_name(a)))
			break;
	if (a == PST_ACTION__COUNT) {
		rp_diag(p, t.line, t.col, 0, "unknown action %s",
			rp_tokname(&t, b, sizeof(b)));
		return (-1);
	}
	r->action = (enum pst_action) a;
	switch (r->action) {
	case PST_ACTION_REJECT:
	case PST_ACTION_DEFER:
		return (parse_reply(p, r));
	case PST_ACTION_CHANGE_HEADER:
	case PST_ACTION_DELETE_HEADER:
		r->doors &= PST_DOOR_MILTER;	/* no policy answer does it */
		/* FALLTHROUGH */
	case PST_ACTION_ADD_HEADER:
	case PST_ACTION_PREPEND:
	case PST_ACTION_INSERT_HEADER:
		return (header_arg(p, r, r->action ==
				   PST_ACTION_DELETE_HEADER));
	case PST_ACTION_CHANGE_SENDER:
	case PST_ACTION_DELETE_RECIPIENT:
		r->doors &= PST_DOOR_MILTER;
		/* FALLTHROUGH */
	case PST_ACTION_REDIRECT:
	case PST_ACTION_BCC:
	case PST_ACTION_ADD_RECIPIENT:
		return (addr_arg(p, r));
	default:
		return (opt_text(p, r));
	}
}

/* parse_rule - one logical line */
static void
parse_rule(struct rparser *p)
{
	struct pst_rules *rs = p->r;
	struct rrule *r;
	struct rtok t;
	char	b[64];

	if (rs->nrules == rs->arules) {
		size_t	n = rs->arules ? rs->arules * 2 : 32;
		struct rrule *nr = pst_realloc(rs->rules, n * sizeof(*nr));

		if (nr == NULL) {
			p->nomem = 1;
			return;
		}
		rs->rules = nr;
		rs->arules = n;
	}
	r = &rs->rules[rs->nrules];
	memset(r, 0, sizeof(*r));
	r->doors = PST_DOOR_POLICY | PST_DOOR_MILTER;
	p->cur = r;
	p->failed = 0;
	p->depth = 0;
	t = rp_take(p);
	r->line = t.line;
	if (t.kind == TK_WORD && pst_span_starts_nocase(t.s, "name=")) {
		if (t.s.len == 5 || t.s.len - 5 >= sizeof(r->name)) {
			rp_diag(p, t.line, t.col, 0,
				"rule name empty or longer "
				"than %zu", sizeof(r->name) - 1);
			return;
		}
		memcpy(r->name, t.s.ptr + 5, t.s.len - 5);
		t = rp_take(p);
	}
	if (t.kind != TK_WORD || (r->stage = pst_stage_from_name(t.s))
	    == PST_STAGE__COUNT) {
		rp_diag(p, t.line, t.col, 0, "expected a stage (connect helo "
			"mail rcpt data header body eom), found %s",
			rp_tokname(&t, b, sizeof(b)));
		return;
	}
	if (r->stage == PST_STAGE_HEADER || r->stage == PST_STAGE_BODY)
		r->doors &= PST_DOOR_MILTER;
	if ((r->cond = rp_cond(p)) < 0
	    || rp_expect(p, TK_OP, "->", "\"->\" and an action") < 0
	    || parse_action(p, r) < 0)
		return;
	while (rp_is(p, TK_WORD, NULL)) {
		t = rp_take(p);
		if (!pst_span_eq_nocase(t.s, "mode=dry-run")) {
			rp_diag(p, t.line, t.col, 0, "unknown option %s",
				rp_tokname(&t, b, sizeof(b)));
			return;
		}
		r->dry_run = 1;
	}
	if (rp_peek(p)->kind != TK_EOL) {
		rp_diag(p, rp_peek(p)->line, rp_peek(p)->col, 0,
			"unexpected %s "
			"after the action", rp_tokname(rp_peek(p), b,
						       sizeof(b)));
		return;
	}
	if (!p->failed)
		rs->nrules++;
}

/* decides - the rule ends evaluation of its stage when it matches */
static int
decides(const struct rrule *r)
{
	return (!r->dry_run && r->action != PST_ACTION_CONTINUE
		&& r->action != PST_ACTION_WARN);
}

/* check_rules - the warnings postern check prints */
static void
check_rules(struct rparser *p)
{
	const struct pst_rules *rs = p->r;
	unsigned always[PST_STAGE__COUNT];
	size_t	i;

	memset(always, 0, sizeof(always));
	for (i = 0; i < rs->nrules; i++) {
		const struct rrule *r = &rs->rules[i];

		if (always[r->stage])
			rp_diag(p, r->line, 1, 1,
				"unreachable: the rule at line "
				"%u always decides stage %s", always[r->stage],
				pst_stage_name(r->stage));
		else if (rs->nodes[r->cond].kind == N_TRUE && decides(r))
			always[r->stage] = r->line;
		if (!(r->doors & PST_DOOR_POLICY))
			rp_diag(p, r->line, 1, 1,
				"only postern-milter can run "
				"this rule (a policy-only setup never will)");
	}
}

/* index_stages - evaluation walks only the rules of its stage */
static int
index_stages(struct pst_rules *r)
{
	size_t	i;
	size_t	n = 0;
	unsigned s;

	if ((r->by_stage = pst_malloc((r->nrules + 1) * sizeof(unsigned)))
	    == NULL)
		return (-1);
	for (s = 0; s < PST_STAGE__COUNT; s++) {
		r->stage_start[s] = n;
		for (i = 0; i < r->nrules; i++)
			if ((unsigned) r->rules[i].stage == s)
				r->by_stage[n++] = (unsigned) i;
	}
	r->stage_start[PST_STAGE__COUNT] = n;
	return (0);
}

void
pst_rules_free(struct pst_rules *r)
{
	size_t	i;

	if (r == NULL)
		return;
	for (i = 0; i < r->nsets; i++) {
		pst_strset_free(r->sets[i]);
		pst_cidrset_free(r->cidrs[i]);
	}
	for (i = 0; i < r->nregexes; i++)
		pcre2_code_free(r->regexes[i]);
	for (i = 0; i < r->nowned; i++)
		pst_free(r->owned[i]);
	pcre2_match_context_free(r->mctx);
	pst_free(r->sets);
	pst_free(r->cidrs);
	pst_free(r->regexes);
	pst_free(r->owned);
	pst_free(r->by_stage);
	pst_free(r->rules);
	pst_free(r->nodes);
	pst_free(r->text);
	pst_free(r);
}

enum pst_err
pst_rules_load_buffer(const char *name, struct pst_span text,
		      struct pst_rules **out, pst_rules_diag_fn fn, void *ctx)
{
	struct rparser p;
	struct pst_rules *r;

	*out = NULL;
	if (text.len > PST_MAX_RULES_FILE)
		return (PST_TOOBIG);
	if ((r = pst_malloc(sizeof(*r))) == NULL)
		return (PST_NOMEM);
	memset(r, 0, sizeof(*r));
	if ((r->text = pst_malloc(text.len + 1)) == NULL
	    || (r->mctx = pcre2_match_context_create(NULL)) == NULL) {
		pst_rules_free(r);
		return (PST_NOMEM);
	}
	pcre2_set_match_limit(r->mctx, PST_REGEX_MATCH_LIMIT);
	pcre2_set_depth_limit(r->mctx, PST_REGEX_DEPTH_LIMIT);
	if (text.len > 0)
		memcpy(r->text, text.ptr, text.len);
	r->text[text.len] = 0;
	r->text_len = text.len;
	memset(&p, 0, sizeof(p));
	p.r = r;
	p.file = name;
	p.fn = fn;
	p.ctx = ctx;
	pst_rlex_init(&p.lx, r->text, text.len);
	while (!p.nomem && pst_rlex_next_rule(&p.lx)) {
		size_t	start = p.lx.pos;

		p.have = 0;
		parse_rule(&p);
		/* a token the lexer refused did not move it: move on */
		if (p.lx.pos == start)
			pst_rlex_skip_line(&p.lx);
	}
	if (p.nomem) {
		pst_rules_free(r);
		return (PST_NOMEM);
	}
	if (p.errors > 0) {
		pst_rules_free(r);
		return (PST_INVAL);
	}
	check_rules(&p);
	if (index_stages(r) < 0) {
		pst_rules_free(r);
		return (PST_NOMEM);
	}
	*out = r;
	return (PST_OK);
}

enum pst_err
pst_rules_load_file(const char *path, struct pst_rules **out,
		    pst_rules_diag_fn fn, void *ctx)
{
	char   *buf = NULL;
	size_t	len = 0;
	enum pst_err e = pst_read_file(path, PST_MAX_RULES_FILE, &buf, &len);

	*out = NULL;
	if (e != PST_OK) {
		struct pst_diag d;

		memset(&d, 0, sizeof(d));
		snprintf(d.text, sizeof(d.text), "%.200s: cannot read the "
			 "rule file%s", path, e == PST_TOOBIG ?
			 " (larger than 16 MiB)" : "");
		if (fn != NULL)
			fn(ctx, &d);
		return (e);
	}
	e = pst_rules_load_buffer(path, pst_span_make(buf, len), out, fn, ctx);
	pst_free(buf);
	return (e);
}

size_t
pst_rules_count(const struct pst_rules *r)
{
	return (r ? r->nrules : 0);
}

int
pst_rules_info(const struct pst_rules *r, size_t i, enum pst_stage *stage,
	       unsigned *line, const char **name, unsigned *doors)
{
	if (r == NULL || i >= r->nrules)
		return (-1);
	*stage = r->rules[i].stage;
	*line = r->rules[i].line;
	*name = r->rules[i].name;
	*doors = r->rules[i].doors;
	return (0);
}

int
pst_rules_reads(const struct pst_rules *r, const char *name)
{
	struct pst_span arg;
	int	field = pst_rfield_lookup(pst_span_cstr(name), &arg);
	int	builtin = pst_rbuiltin_lookup(pst_span_cstr(name));
	size_t	i;

	for (i = 0; r != NULL && i < r->nnodes; i++) {
		const struct rnode *n = &r->nodes[i];

		/* every node kind that reads a field: a test, a regex, a
		 * set, a boolean field alone */
		if (field >= 0 && n->field == field && (n->kind == N_CMP
		    || n->kind == N_REGEX || n->kind == N_IN
		    || n->kind == N_BOOL))
			return (1);
		if (builtin >= 0 && n->kind == N_BUILTIN
		    && n->builtin == builtin)
			return (1);
	}
	return (0);
}

unsigned
pst_rules_actions(const struct pst_rules *r)
{
	unsigned a = 0;
	size_t	i;

	for (i = 0; r != NULL && i < r->nrules; i++)
		a |= 1u << r->rules[i].action;
	return (a);
}
