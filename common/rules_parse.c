/*
 * NAME
 *	rules_parse.c - compile a rule file
 * SUMMARY
 *	parse, type-check and compile rules; every error at load time
 * SYNOPSIS
 *	#include <postern/rules.h>
 * DESCRIPTION
 *	rule	:= [name=NAME] STAGE cond "->" action [args] [mode=dry-run]
 *	cond	:= and { "or" and }
 *	and	:= unary { "and" unary }
 *	unary	:= ("not" | "!") unary | "(" cond ")" | primary
 *	primary	:= "true" | "has" "(" HEADER ")" | CHECK
 *		 | FIELD [ OP value | "in" list | ("~" | "!~") /re/flags ]
 *	list	:= "[" item { "," item } "]" | file:PATH
 *
 *	A field must be known at the rule's stage and the literal must fit
 *	its type (numbers take K/M/G size and s/m/h/d/w time suffixes);
 *	regular expressions compile once with PCRE2 (JIT when available)
 *	and run under a match and a depth limit; reply codes and enhanced
 *	status codes are checked (pst_reply_check) and texts sanitised. An
 *	error in one rule is reported and parsing goes on with the next,
 *	so one run of postern check shows them all. Nesting is bounded by
 *	PST_MAX_RULE_DEPTH.
 * DIAGNOSTICS
 *	"file:line:col: message" through the caller's callback.
 * SEE ALSO
 *	postern.rules(5)
 * LICENSE
 *	MIT
 */
#include "config.h"

#include <sys/stat.h>

#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <postern/limits.h>
#include <postern/reply.h>

#include "alloc.h"
#include "rules_int.h"
#include "rules_lex.h"
#include "rules_parser.h"


static const char *const action_names[] = {
#define PST_ACTION_NAME_(sym, name) name,
	PST_ACTION_MAP(PST_ACTION_NAME_)
#undef PST_ACTION_NAME_
};

const char *
pst_action_name(enum pst_action a)
{
	return ((unsigned) a < PST_ACTION__COUNT ? action_names[a] : "?");
}

/* diag - report at line:col; warnings do not fail the load */
void
rp_diag(struct rparser *p, unsigned line, unsigned col, int warning,
     const char *fmt,...)
{
	struct pst_diag d;
	char	msg[300];
	va_list	ap;

	if (!warning) {
		if (p->failed)
			return;		/* one error per rule */
		p->failed = 1;
		p->errors++;
	}
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	d.line = line;
	d.col = col;
	d.warning = warning;
	snprintf(d.text, sizeof(d.text), "%.100s:%u:%u: %s%.300s", p->file,
		 line, col, warning ? "warning: " : "", msg);
	if (p->fn != NULL)
		p->fn(p->ctx, &d);
}

/* peek - the next token, kept */
struct rtok *
rp_peek(struct rparser *p)
{
	if (!p->have) {
		if (pst_rlex_token(&p->lx, &p->tok) < 0) {
			rp_diag(p, p->lx.line,
				(unsigned) (p->lx.pos - p->lx.lstart
						      + 1), 0, "%s",
			     p->lx.error);
			p->tok.kind = TK_EOL;
			p->tok.s = pst_span_make(p->lx.p + p->lx.pos, 0);
		}
		p->have = 1;
	}
	return (&p->tok);
}

/* take - the next token, consumed */
struct rtok
rp_take(struct rparser *p)
{
	struct rtok t = *rp_peek(p);

	if (t.kind != TK_EOL)
		p->have = 0;
	return (t);
}

/* is - the next token is kind with text lit */
int
rp_is(struct rparser *p, enum rtok_kind kind, const char *lit)
{
	struct rtok *t = rp_peek(p);

	return (t->kind == kind && (lit == NULL || pst_span_eq_nocase(t->s,
								     lit)));
}

/* tokname - a token for messages */
const char *
rp_tokname(const struct rtok *t, char *buf, size_t len)
{
	if (t->kind == TK_EOL)
		return ("end of rule");
	snprintf(buf, len, "\"%.*s\"", (int) (t->s.len > 40 ? 40 : t->s.len),
		 t->s.ptr);
	return (buf);
}

/* expect - consume a token of kind/lit or report it */
int
rp_expect(struct rparser *p, enum rtok_kind kind, const char *lit,
       const char *what)
{
	char	b[64];

	if (rp_is(p, kind, lit)) {
		(void) rp_take(p);
		return (0);
	}
	rp_diag(p, rp_peek(p)->line, rp_peek(p)->col, 0,
		"expected %s, found %s", what,
	     rp_tokname(rp_peek(p), b, sizeof(b)));
	return (-1);
}

/* new_node - a zeroed node; -1 when out of memory */
int
rp_new_node(struct rparser *p, enum node_kind kind)
{
	struct pst_rules *r = p->r;

	if (r->nnodes == r->anodes) {
		size_t	n = r->anodes ? r->anodes * 2 : 64;
		struct rnode *nn = pst_realloc(r->nodes, n * sizeof(*nn));

		if (nn == NULL) {
			p->nomem = 1;
			return (-1);
		}
		r->nodes = nn;
		r->anodes = n;
	}
	memset(&r->nodes[r->nnodes], 0, sizeof(r->nodes[0]));
	r->nodes[r->nnodes].kind = kind;
	return ((int) r->nnodes++);
}

/* parse_number - digits with a K/M/G size or s/m/h/d/w time suffix */
static int
parse_number(struct pst_span w, int64_t *out)
{
	int64_t	v = 0;
	int64_t	mul = 1;
	size_t	i;

	for (i = 0; i < w.len && w.ptr[i] >= '0' && w.ptr[i] <= '9'; i++) {
		if (v > (INT64_MAX - 9) / 10)
			return (-1);
		v = v * 10 + (w.ptr[i] - '0');
	}
	if (i == 0 || i + 1 < w.len)
		return (-1);
	if (i < w.len) {
		switch (w.ptr[i]) {
		case 'K': mul = 1024; break;
		case 'M': mul = 1024 * 1024; break;
		case 'G': mul = 1024 * 1024 * 1024; break;
		case 's': mul = 1; break;
		case 'm': mul = 60; break;
		case 'h': mul = 3600; break;
		case 'd': mul = 86400; break;
		case 'w': mul = 604800; break;
		default: return (-1);
		}
	}
	if (v > INT64_MAX / mul)
		return (-1);
	*out = v * mul;
	return (0);
}

/* add_set - a new (string or CIDR) set slot; its index or -1 */
static int
add_set(struct rparser *p, int cidr)
{
	struct pst_rules *r = p->r;
	struct strset **s = pst_realloc(r->sets, (r->nsets + 1) * sizeof(*s));
	struct cidrset **c;

	if (s == NULL)
		goto nomem;
	r->sets = s;
	c = pst_realloc(r->cidrs, (r->nsets + 1) * sizeof(*c));
	if (c == NULL)
		goto nomem;
	r->cidrs = c;
	r->sets[r->nsets] = cidr ? NULL : pst_strset_new(16);
	r->cidrs[r->nsets] = cidr ? pst_cidrset_new() : NULL;
	r->nsets++;
	if (r->sets[r->nsets - 1] == NULL && r->cidrs[r->nsets - 1] == NULL)
		goto nomem;
	return ((int) r->nsets - 1);
nomem:
	p->nomem = 1;
	return (-1);
}

/* set_add - one item; reports a bad CIDR at the token */
static int
set_add(struct rparser *p, int set, struct pst_span item, unsigned line,
	unsigned col)
{
	struct pst_rules *r = p->r;
	int	rc = r->cidrs[set] ? pst_cidrset_add(r->cidrs[set], item) :
	pst_strset_add(r->sets[set], item);

	if (rc == -1 && r->cidrs[set]) {
		rp_diag(p, line, col, 0,
			"not an address or CIDR range: \"%.*s\"",
		     (int) (item.len > 60 ? 60 : item.len), item.ptr);
		return (-1);
	}
	if (rc < 0) {
		p->nomem = 1;
		return (-1);
	}
	return (0);
}

/* load_list_file - file:PATH, one item per line, "#" comments */
static int
load_list_file(struct pst_rules *r, struct rparser *p, int set,
	       struct pst_span path, const struct rtok *t)
{
	char	name[4096];
	const char *dir;
	size_t	dlen;
	char   *buf;
	char  **owned;
	size_t	len = 0;
	size_t	pos = 0;
	unsigned lineno = 0;
	struct stat st;
	FILE   *fp;
	int	fd;

	if (path.len == 0 || path.len >= sizeof(name)) {
		rp_diag(p, t->line, t->col, 0, "bad file name");
		return (-1);
	}
	/* a relative name is relative to the rule file (postern.rules.5) */
	dir = path.ptr[0] != '/' && p->file != NULL ?
		strrchr(p->file, '/') : NULL;
	dlen = dir != NULL ? (size_t) (dir - p->file) + 1 : 0;
	if (dlen + path.len >= sizeof(name)) {
		rp_diag(p, t->line, t->col, 0, "bad file name");
		return (-1);
	}
	memcpy(name, p->file, dlen);
	memcpy(name + dlen, path.ptr, path.len);
	name[dlen + path.len] = 0;
	/*
	 * Only a regular file of bounded size: a FIFO or a device
	 * (/dev/tty, /dev/zero) would block or fill memory, and a daemon
	 * reloading its rules must never hang.
	 */
	fd = open(name, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	if (fd < 0 || fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)
	    || (fp = fdopen(fd, "rb")) == NULL) {
		rp_diag(p, t->line, t->col, 0, "cannot open list file %s%s",
			name, fd >= 0 ? " (not a regular file)" : "");
		if (fd >= 0)
			close(fd);
		return (-1);
	}
	if (st.st_size > PST_MAX_LIST_FILE) {
		fclose(fp);
		rp_diag(p, t->line, t->col, 0, "list file %s larger than %d "
			"MiB", name, PST_MAX_LIST_FILE >> 20);
		return (-1);
	}
	len = (size_t) st.st_size;
	buf = pst_malloc(len + 1);
	if (buf != NULL && fread(buf, 1, len, fp) != len) {
		pst_free(buf);
		buf = NULL;
	}
	fclose(fp);
	if (buf == NULL || (owned = pst_realloc(r->owned, (r->nowned + 1)
						* sizeof(*owned))) == NULL) {
		pst_free(buf);
		rp_diag(p, t->line, t->col, 0, "list file %s too large or out "
		     "of memory", name);
		return (-1);
	}
	r->owned = owned;
	r->owned[r->nowned++] = buf;
	while (pos < len) {
		size_t	s = pos;
		size_t	e;

		lineno++;
		while (pos < len && buf[pos] != '\n')
			pos++;
		e = pos++;
		while (s < e && (buf[s] == ' ' || buf[s] == '\t'))
			s++;
		if (s == e || buf[s] == '#')
			continue;
		for (e = s; e < pos - 1 && buf[e] > ' '; e++)
			 /* void */ ;
		if (set_add(p, set, pst_span_make(buf + s, e - s), t->line,
			    t->col) < 0) {
			rp_diag(p, t->line, t->col, 0, "%s:%u: bad entry",
				name,
			     lineno);
			return (-1);
		}
	}
	return (0);
}

/* parse_list - "[a, b]" or file:PATH into a set */
static int
parse_list(struct rparser *p, int cidr)
{
	struct rtok t = *rp_peek(p);
	int	set = add_set(p, cidr);

	if (set < 0)
		return (-1);
	if (t.kind == TK_WORD && pst_span_starts_nocase(t.s, "file:")) {
		(void) rp_take(p);
		return (load_list_file(p->r, p, set, pst_span_sub(t.s, 5,
							t.s.len - 5), &t)
			< 0 ? -1 : set);
	}
	if (rp_expect(p, TK_PUNCT, "[", "\"[\" or file:PATH") < 0)
		return (-1);
	p->lx.expect_value = 1;
	while (!rp_is(p, TK_PUNCT, "]")) {
		t = rp_take(p);
		if (t.kind != TK_WORD && t.kind != TK_STRING
		    && t.kind != TK_ADDR) {
			char	b[64];

			rp_diag(p, t.line, t.col, 0,
				"expected a list item, found "
			     "%s", rp_tokname(&t, b, sizeof(b)));
			return (-1);
		}
		if (set_add(p, set, t.s, t.line, t.col) < 0)
			return (-1);
		if (!rp_is(p, TK_PUNCT, "]") && rp_expect(p, TK_PUNCT, ",",
						     "\",\" or \"]\"") < 0)
			return (-1);
	}
	p->lx.expect_value = 0;
	(void) rp_take(p);
	return (set);
}

/*
 * literal_prefix - for a pattern "^abc..." the literal text a match must
 * start with, so that evaluation can refuse most values without
 * entering PCRE2. Conservative: no prefix unless the pattern is anchored,
 * has no "|" anywhere, is not /x, and the literal characters are plain
 * (letters, digits, "@", "-", "_", "\."), none made optional by a
 * quantifier after it.
 */
static struct pst_span
literal_prefix(const struct rtok *t)
{
	struct pst_span s = t->s;
	size_t	i;
	size_t	n = 0;

	if (s.len < 2 || s.ptr[0] != '^' || memchr(s.ptr, '|', s.len)
	    || memchr(t->flags.ptr ? t->flags.ptr : "", 'x', t->flags.len))
		return (pst_span_make("", 0));
	for (i = 1; i < s.len; i++) {
		unsigned char c = (unsigned char) s.ptr[i];
		size_t	w = 1;

		if (c == '\\' && i + 1 < s.len && s.ptr[i + 1] == '.')
			w = 2;		/* an escaped dot is a literal dot */
		else if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')
			   || (c >= '0' && c <= '9') || c == '@' || c == '-'
			   || c == '_'))
			break;
		if (i + w < s.len && strchr("*?{+", s.ptr[i + w]) != NULL)
			break;		/* optional or repeated: stop before */
		n = i + w;
		i += w - 1;
	}
	return (n > 1 ? pst_span_make(s.ptr + 1, n - 1) : pst_span_make("",
									0));
}

/* compile_regex - PCRE2, once; errors point into the pattern */
static int
compile_regex(struct rparser *p, const struct rtok *t)
{
	struct pst_rules *r = p->r;
	uint32_t opt = 0;
	int	code;
	PCRE2_SIZE off;
	pcre2_code *re;
	pcre2_code **n;
	size_t	i;

	for (i = 0; i < t->flags.len; i++)
		opt |= t->flags.ptr[i] == 'i' ? PCRE2_CASELESS :
			PCRE2_EXTENDED;
	re = pcre2_compile((PCRE2_SPTR) t->s.ptr, t->s.len, opt, &code, &off,
			   NULL);
	if (re == NULL) {
		PCRE2_UCHAR msg[200];

		pcre2_get_error_message(code, msg, sizeof(msg));
		rp_diag(p, t->line, t->col + 1 + (unsigned) off, 0,
		     "bad regular expression: %s", (char *) msg);
		return (-1);
	}
	(void) pcre2_jit_compile(re, PCRE2_JIT_COMPLETE);
	if ((n = pst_realloc(r->regexes, (r->nregexes + 1) * sizeof(*n)))
	    == NULL) {
		pcre2_code_free(re);
		p->nomem = 1;
		return (-1);
	}
	r->regexes = n;
	r->regexes[r->nregexes] = re;
	return ((int) r->nregexes++);
}


static int parse_and(struct rparser *p);

/* parse_field - FIELD followed by its test */
static int
parse_field(struct rparser *p, const struct rtok *ft, int id,
	    struct pst_span arg)
{
	const struct rfield *f = pst_rfield(id);
	struct rtok op;
	int	n;
	char	b[64];

	if (!(f->stages & (1u << p->cur->stage))) {
		rp_diag(p, ft->line, ft->col, 0,
			"%.*s is not known at stage %s",
		     (int) ft->s.len, ft->s.ptr,
		      pst_stage_name(p->cur->stage));
		return (-1);
	}
	p->cur->doors &= f->doors;
	if ((n = rp_new_node(p, N_CMP)) < 0)
		return (-1);
	p->r->nodes[n].field = id;
	p->r->nodes[n].arg = arg;
	if (rp_is(p, TK_WORD, "in")) {
		(void) rp_take(p);
		p->r->nodes[n].kind = N_IN;
		p->r->nodes[n].set = parse_list(p, f->type == RT_IP);
		return (p->r->nodes[n].set < 0 ? -1 : n);
	}
	/* a boolean field alone may end the condition: "->" follows */
	if (!rp_is(p, TK_OP, NULL) || rp_is(p, TK_OP, "->")) {
		if (f->type == RT_BOOL) {
			p->r->nodes[n].kind = N_BOOL;
			return (n);
		}
		rp_diag(p, rp_peek(p)->line, rp_peek(p)->col, 0,
			"expected an operator "
		     "after %.*s, found %s", (int) ft->s.len, ft->s.ptr,
		     rp_tokname(rp_peek(p), b, sizeof(b)));
		return (-1);
	}
	op = rp_take(p);
	if (op.s.ptr[op.s.len - 1] == '~') {
		struct rtok re = rp_take(p);

		if (re.kind != TK_REGEX || f->type == RT_NUM
		    || f->type == RT_BOOL) {
			rp_diag(p, op.line, op.col, 0,
				"%s needs a text field and "
			     "a /regular expression/",
			     op.s.len == 2 ? "!~" : "~");
			return (-1);
		}
		p->r->nodes[n].kind = N_REGEX;
		p->r->nodes[n].negate = op.s.len == 2;
		p->r->nodes[n].regex = compile_regex(p, &re);
		p->r->nodes[n].rx_prefix = literal_prefix(&re);
		p->r->nodes[n].rx_nocase = re.flags.len > 0
			&& memchr(re.flags.ptr, 'i', re.flags.len) != NULL;
		return (p->r->nodes[n].regex < 0 ? -1 : n);
	}
	if (pst_span_eq_nocase(op.s, "=="))
		p->r->nodes[n].op = OP_EQ;
	else if (pst_span_eq_nocase(op.s, "!="))
		p->r->nodes[n].op = OP_NE;
	else if (f->type == RT_NUM && pst_span_eq_nocase(op.s, "<"))
		p->r->nodes[n].op = OP_LT;
	else if (f->type == RT_NUM && pst_span_eq_nocase(op.s, "<="))
		p->r->nodes[n].op = OP_LE;
	else if (f->type == RT_NUM && pst_span_eq_nocase(op.s, ">"))
		p->r->nodes[n].op = OP_GT;
	else if (f->type == RT_NUM && pst_span_eq_nocase(op.s, ">="))
		p->r->nodes[n].op = OP_GE;
	else {
		rp_diag(p, op.line, op.col, 0,
			"operator %.*s does not apply to "
		     "%.*s", (int) op.s.len, op.s.ptr, (int) ft->s.len,
		     ft->s.ptr);
		return (-1);
	}
	p->lx.expect_value = 1;
	op = rp_take(p);
	p->lx.expect_value = 0;
	if (f->type == RT_NUM || f->type == RT_BOOL) {
		int	ok = op.kind == TK_WORD;

		if (ok && f->type == RT_BOOL) {
			p->r->nodes[n].num = pst_span_eq_nocase(op.s, "true");
			ok = p->r->nodes[n].num
				|| pst_span_eq_nocase(op.s, "false");
		} else if (ok) {
			ok = parse_number(op.s, &p->r->nodes[n].num) == 0;
		}
		if (!ok) {
			rp_diag(p, op.line, op.col, 0,
				"%.*s needs %s, found %s",
			     (int) ft->s.len, ft->s.ptr, f->type == RT_BOOL ?
			     "true or false" : "a number (K/M/G, s/m/h/d/w)",
			     rp_tokname(&op, b, sizeof(b)));
			return (-1);
		}
		p->r->nodes[n].field = id;
		return (n);
	}
	if (op.kind != TK_WORD && op.kind != TK_STRING && op.kind != TK_ADDR) {
		rp_diag(p, op.line, op.col, 0, "expected a value, found %s",
		     rp_tokname(&op, b, sizeof(b)));
		return (-1);
	}
	p->r->nodes[n].str = op.s;
	return (n);
}

/* parse_primary - a test */
static int
parse_primary(struct rparser *p)
{
	struct rtok t = rp_take(p);
	struct pst_span arg;
	char	b[64];
	int	id;
	int	n;

	if (t.kind == TK_PUNCT && pst_span_eq_nocase(t.s, "(")) {
		n = rp_cond(p);
		if (n < 0 || rp_expect(p, TK_PUNCT, ")", "\")\"") < 0)
			return (-1);
		return (n);
	}
	if (t.kind != TK_WORD) {
		rp_diag(p, t.line, t.col, 0, "expected a condition, found %s",
		     rp_tokname(&t, b, sizeof(b)));
		return (-1);
	}
	if (pst_span_eq_nocase(t.s, "true"))
		return (rp_new_node(p, N_TRUE));
	if (pst_span_eq_nocase(t.s, "has") && rp_is(p, TK_PUNCT, "(")) {
		struct rtok h;

		(void) rp_take(p);
		h = rp_take(p);
		if (h.kind != TK_WORD || rp_expect(p, TK_PUNCT, ")",
		    "\")\"") < 0) {
			rp_diag(p, h.line, h.col, 0,
				"has() needs a header name");
			return (-1);
		}
		if (p->cur->stage < PST_STAGE_HEADER) {
			rp_diag(p, t.line, t.col, 0,
				"has() needs stage header, "
			     "body or eom");
			return (-1);
		}
		p->cur->doors &= PST_DOOR_MILTER;
		if ((n = rp_new_node(p, N_HAS)) >= 0)
			p->r->nodes[n].arg = h.s;
		return (n);
	}
	if ((id = pst_rbuiltin_lookup(t.s)) >= 0) {
		p->cur->doors &= pst_rbuiltin_doors(id);
		if ((n = rp_new_node(p, N_BUILTIN)) >= 0)
			p->r->nodes[n].builtin = id;
		return (n);
	}
	if ((id = pst_rfield_lookup(t.s, &arg)) >= 0)
		return (parse_field(p, &t, id, arg));
	rp_diag(p, t.line, t.col, 0, "unknown field or check %s",
	     rp_tokname(&t, b, sizeof(b)));
	return (-1);
}

/* parse_unary - not, parentheses, depth bound */
static int
parse_unary(struct rparser *p)
{
	int	n;
	int	c;

	if (++p->depth > PST_MAX_RULE_DEPTH) {
		rp_diag(p, rp_peek(p)->line, rp_peek(p)->col, 0,
			"condition nested "
		     "deeper than %d", PST_MAX_RULE_DEPTH);
		return (-1);
	}
	if (rp_is(p, TK_WORD, "not") || rp_is(p, TK_OP, "!")) {
		(void) rp_take(p);
		if ((c = parse_unary(p)) < 0 || (n = rp_new_node(p,
		    N_NOT)) < 0)
			return (-1);
		p->r->nodes[n].a = c;
	} else {
		n = parse_primary(p);
	}
	p->depth--;
	return (n);
}

/* parse_binary - left-associative "and" / "or" chains */
static int
parse_binary(struct rparser *p, const char *word, enum node_kind kind,
	     int (*sub) (struct rparser *))
{
	int	left = sub(p);

	while (left >= 0 && rp_is(p, TK_WORD, word)) {
		int	right;
		int	n;

		(void) rp_take(p);
		if ((right = sub(p)) < 0 || (n = rp_new_node(p, kind)) < 0)
			return (-1);
		p->r->nodes[n].a = left;
		p->r->nodes[n].b = right;
		left = n;
	}
	return (left);
}

/* parse_and - unary { "and" unary } */
static int
parse_and(struct rparser *p)
{
	return (parse_binary(p, "and", N_AND, parse_unary));
}

/* rp_cond - and { "or" and } */
int
rp_cond(struct rparser *p)
{
	return (parse_binary(p, "or", N_OR, parse_and));
}

