/*
 * NAME
 *	conf.c - postern.conf, main.cf style
 * SUMMARY
 *	one table of settings, one parser, errors at file:line:col
 * SYNOPSIS
 *	#include <postern/conf.h>
 * DESCRIPTION
 *	See conf.h. The file is parsed into a copy of the settings, which
 *	replaces the caller's only when the whole file is good: a daemon
 *	that re-reads its configuration never runs half of a new one.
 * SEE ALSO
 *	postconf(5) for the syntax; postern.conf(5)
 * LICENSE
 *	MIT
 */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include <postern/conf.h>
#include <postern/limits.h>
#include <postern/reply.h>

#include "alloc.h"
#include "readfile.h"

/* Our choice: a settings file larger than this is not a settings file. */
#define CONF_MAX_FILE	(1024 * 1024)

enum conf_type { T_STR, T_ONERR, T_PSEUDO, T_SIZE, T_NUM, T_TIME };

/* the words of trace_pseudonymize, in enum pst_pseudonymize order */
static const char *const pseudo_words[] = {"no", "local-part", "address"};

struct conf_entry {
	const char *name;
	enum conf_type type;
	const char *dflt;
	size_t	off;
};

static const struct conf_entry entries[] = {
#define PST_CONF_ENTRY_(n, type, dflt) \
	{ #n, T_##type, dflt, offsetof(struct pst_conf, n) },
	PST_CONF_MAP(PST_CONF_ENTRY_)
#undef PST_CONF_ENTRY_
};

#define NENTRIES (sizeof(entries) / sizeof(entries[0]))

struct conf_parse {
	const char *file;
	pst_rules_diag_fn fn;
	void   *ctx;
	int	errors;
};

static void conf_diag(struct conf_parse *cp, unsigned line, unsigned col,
		      const char *fmt,...)
	__attribute__((format(printf, 4, 5)));

static void
conf_diag(struct conf_parse *cp, unsigned line, unsigned col,
	  const char *fmt,...)
{
	struct pst_diag d;
	char	msg[400];
	va_list ap;

	cp->errors++;
	if (cp->fn == NULL)
		return;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	memset(&d, 0, sizeof(d));
	d.line = line;
	d.col = col;
	snprintf(d.text, sizeof(d.text), "%.100s:%u:%u: %s", cp->file, line,
		 col, msg);
	cp->fn(cp->ctx, &d);
}

/* scaled - a number with a unit suffix; -1 when malformed */
static int
scaled(struct pst_span v, const char *units, const uint64_t *mult,
       uint64_t *out)
{
	uint64_t n = 0;
	size_t	i;
	const char *u;

	for (i = 0; i < v.len && v.ptr[i] >= '0' && v.ptr[i] <= '9'; i++) {
		if (n > (UINT64_MAX - 9) / 10)
			return (-1);
		n = n * 10 + (uint64_t) (v.ptr[i] - '0');
	}
	if (i == 0)
		return (-1);
	if (i == v.len) {
		*out = n * mult[0];
		return (0);
	}
	if (i + 1 != v.len || (u = strchr(units, v.ptr[i] | 0x20)) == NULL
	    || v.ptr[i] == 0)
		return (-1);
	if (n > UINT64_MAX / mult[u - units + 1])
		return (-1);
	*out = n * mult[u - units + 1];
	return (0);
}

/* set_value - one setting from its text; NULL, or why not */
static const char *
set_value(struct pst_conf *c, const struct conf_entry *e, struct pst_span v)
{
	static const uint64_t time_mult[] = {1, 1, 60, 3600, 86400, 604800};
	static const uint64_t size_mult[] = {1, 1024, 1024 * 1024,
	1024 * 1024 * 1024};
	static const uint64_t num_mult[] = {1};
	char   *base = (char *) c;
	size_t	i;

	switch (e->type) {
	case T_STR:
		if (v.len >= PST_CONF_PATH_MAX)
			return ("value too long");
		memcpy(base + e->off, v.ptr, v.len);
		base[e->off + v.len] = 0;
		return (NULL);
	case T_ONERR:
		if (pst_span_eq_nocase(v, "defer"))
			*(enum pst_on_error *) (void *) (base + e->off) =
				PST_ON_ERROR_DEFER;
		else if (pst_span_eq_nocase(v, "accept"))
			*(enum pst_on_error *) (void *) (base + e->off) =
				PST_ON_ERROR_ACCEPT;
		else
			return ("expected defer or accept");
		return (NULL);
	case T_PSEUDO:
		for (i = 0; i < sizeof(pseudo_words) / sizeof(*pseudo_words);
		     i++)
			if (pst_span_eq_nocase(v, pseudo_words[i])
			    && v.len == strlen(pseudo_words[i])) {
				*(enum pst_pseudonymize *) (void *)
					(base + e->off) =
					(enum pst_pseudonymize) i;
				return (NULL);
			}
		return ("expected no, local-part or address");
	case T_SIZE:
		return (scaled(v, "kmg", size_mult, (uint64_t *) (void *)
			       (base + e->off)) < 0 ?
			"expected a size such as 64k or 10m" : NULL);
	case T_TIME:
		return (scaled(v, "smhdw", time_mult, (uint64_t *) (void *)
			       (base + e->off)) < 0 ?
			"expected a time such as 30s, 10m or 1h" : NULL);
	case T_NUM:
		return (scaled(v, "", num_mult, (uint64_t *) (void *)
			       (base + e->off)) < 0 ?
			"expected a number" : NULL);
	}
	return ("internal error");
}

void
pst_conf_defaults(struct pst_conf *c)
{
	size_t	i;

	memset(c, 0, sizeof(*c));
	for (i = 0; i < NENTRIES; i++)
		(void) set_value(c, &entries[i],
				 pst_span_cstr(entries[i].dflt));
	snprintf(c->rules_path, sizeof(c->rules_path), "%s", c->rules_file);
	snprintf(c->key_path, sizeof(c->key_path), "%s",
		 c->trace_hmac_key_file);
}

/* pseudo_entry - the index of trace_pseudonymize in entries[] */
static size_t
pseudo_entry(void)
{
	size_t	i;

	for (i = 0; i < NENTRIES && entries[i].type != T_PSEUDO; i++)
		 /* void */ ;
	return (i);
}

/* trim - without leading and trailing blanks */
static struct pst_span
trim(struct pst_span s)
{
	while (s.len > 0 && (s.ptr[0] == ' ' || s.ptr[0] == '\t'))
		s = pst_span_sub(s, 1, s.len - 1);
	while (s.len > 0 && (s.ptr[s.len - 1] == ' '
			     || s.ptr[s.len - 1] == '\t'
			     || s.ptr[s.len - 1] == '\r'))
		s.len--;
	return (s);
}

/* conf_setting - "name = value" (continuations already joined) */
static void
conf_setting(struct conf_parse *cp, struct pst_conf *c, unsigned *seen,
	     struct pst_span logical, unsigned line)
{
	const char *eq = memchr(logical.ptr, '=', logical.len);
	struct pst_span name;
	struct pst_span value;
	const char *why;
	size_t	i;

	if (eq == NULL) {
		conf_diag(cp, line, 1, "expected \"name = value\"");
		return;
	}
	name = trim(pst_span_make(logical.ptr, (size_t) (eq - logical.ptr)));
	value = trim(pst_span_make(eq + 1, logical.len - (size_t)
				   (eq + 1 - logical.ptr)));
	for (i = 0; i < NENTRIES; i++)
		if (pst_span_eq_nocase(name, entries[i].name)
		    && name.len == strlen(entries[i].name))
			break;
	if (i == NENTRIES) {
		conf_diag(cp, line, 1, "unknown parameter \"%.*s\"",
			  (int) (name.len > 60 ? 60 : name.len), name.ptr);
		return;
	}
	if (seen[i]) {
		conf_diag(cp, line, 1, "%s is already set at line %u",
			  entries[i].name, seen[i]);
		return;
	}
	seen[i] = line;
	if ((why = set_value(c, &entries[i], value)) != NULL)
		conf_diag(cp, line, (unsigned) (value.ptr - logical.ptr) + 1,
			  "%s: %s", entries[i].name, why);
}

/* resolve - a file named in the configuration, relative to its directory */
static void
resolve(struct conf_parse *cp, const char *what, const char *file,
	char *out, size_t len)
{
	const char *slash = strrchr(cp->file, '/');
	int	dlen = slash != NULL ? (int) (slash - cp->file) + 1 : 0;
	int	n;

	if (file[0] == '/' || file[0] == 0 || dlen == 0)
		n = snprintf(out, len, "%s", file);
	else
		n = snprintf(out, len, "%.*s%s", dlen, cp->file, file);
	if (n < 0 || (size_t) n >= len)
		conf_diag(cp, 0, 0, "%s: path too long", what);
}

enum pst_err
pst_conf_load_buffer(const char *name, struct pst_span text,
		     struct pst_conf *out, pst_rules_diag_fn fn, void *ctx)
{
	struct conf_parse cp = {name, fn, ctx, 0};
	unsigned seen[NENTRIES];
	struct pst_conf *c = pst_malloc(sizeof(*c));
	char   *logical = pst_malloc(text.len + 1);
	size_t	llen = 0;
	unsigned lline = 0;
	unsigned line = 0;
	size_t	pos = 0;

	if (c == NULL || logical == NULL) {
		pst_free(c);
		pst_free(logical);
		return (PST_NOMEM);
	}
	memset(seen, 0, sizeof(seen));
	pst_conf_defaults(c);
	while (pos <= text.len) {
		const char *nl = pos < text.len ? memchr(text.ptr + pos, '\n',
						   text.len - pos) : NULL;
		size_t	eol = nl ? (size_t) (nl - text.ptr) : text.len;
		struct pst_span l = pst_span_make(text.ptr + pos, eol - pos);
		struct pst_span t = trim(l);
		int	cont = l.len > 0 && (l.ptr[0] == ' '
					   || l.ptr[0] == '\t');

		line++;
		pos = eol + 1;
		if (t.len > 0 && t.ptr[0] == '#')
			continue;	/* comments do not end a setting */
		if (cont && t.len > 0 && llen > 0) {
			logical[llen++] = ' ';
			memcpy(logical + llen, t.ptr, t.len);
			llen += t.len;
			continue;
		}
		if (cont && t.len > 0)
			conf_diag(&cp, line, 1, "continuation line without a "
				  "setting before it");
		if (llen > 0)
			conf_setting(&cp, c, seen,
				     pst_span_make(logical, llen),
				     lline);
		llen = 0;
		if (!cont && t.len > 0) {
			memcpy(logical, t.ptr, t.len);
			llen = t.len;
			lline = line;
		}
		if (nl == NULL)
			break;
	}
	if (llen > 0)
		conf_setting(&cp, c, seen, pst_span_make(logical, llen),
			     lline);
	pst_free(logical);
	snprintf(c->path, sizeof(c->path), "%s", name);
	resolve(&cp, "rules_file", c->rules_file, c->rules_path,
		sizeof(c->rules_path));
	resolve(&cp, "trace_hmac_key_file", c->trace_hmac_key_file,
		c->key_path, sizeof(c->key_path));
	if (c->trace_pseudonymize != PST_PSEUDONYMIZE_NO
	    && c->trace_hmac_key_file[0] == 0)
		conf_diag(&cp, seen[pseudo_entry()], 1, "trace_pseudonymize "
			  "needs trace_hmac_key_file (the deployment's key)");
	if (cp.errors == 0)
		*out = *c;
	pst_free(c);
	return (cp.errors ? PST_INVAL : PST_OK);
}

enum pst_err
pst_conf_load_file(const char *path, struct pst_conf *c,
		   pst_rules_diag_fn fn, void *ctx)
{
	char   *buf;
	size_t	len;
	enum pst_err e = pst_read_file(path, CONF_MAX_FILE, &buf, &len);

	if (e != PST_OK) {
		struct conf_parse cp = {path, fn, ctx, 0};

		conf_diag(&cp, 0, 0, "cannot read the configuration file%s",
			  e == PST_TOOBIG ? " (larger than 1 MiB)" : "");
		return (e);
	}
	e = pst_conf_load_buffer(path, pst_span_make(buf, len), c, fn, ctx);
	pst_free(buf);
	return (e);
}

void
pst_conf_print(const struct pst_conf *c,
	       void (*out)(void *ctx, const char *line), void *ctx)
{
	const char *base = (const char *) c;
	char	line[PST_CONF_PATH_MAX + 64];
	size_t	i;

	for (i = 0; i < NENTRIES; i++) {
		const struct conf_entry *e = &entries[i];
		const void *f = base + e->off;

		if (e->type == T_STR)
			snprintf(line, sizeof(line), "%s = %s", e->name,
				 (const char *) f);
		else if (e->type == T_ONERR)
			snprintf(line, sizeof(line), "%s = %s", e->name,
				 *(const enum pst_on_error *) f ==
				 PST_ON_ERROR_ACCEPT ? "accept" : "defer");
		else if (e->type == T_PSEUDO)
			snprintf(line, sizeof(line), "%s = %s", e->name,
				 pseudo_words[*(const enum pst_pseudonymize *)
					      f]);
		else
			snprintf(line, sizeof(line), "%s = %llu%s", e->name,
				 (unsigned long long) *(const uint64_t *) f,
				 e->type == T_TIME ? "s" : "");
		out(ctx, line);
	}
}

enum pst_err
pst_conf_error_verdict(const struct pst_conf *c, struct pst_verdict *v,
		       char *text, size_t tlen, char *why, size_t len)
{
	const char *s = c->on_error_reply;
	size_t	dl;

	memset(v, 0, sizeof(*v));
	v->action = PST_ACTION_DEFER;
	v->rule = -1;
	v->rule_name = "";
	if (strlen(s) < 5 || s[0] != '4' || s[1] < '0' || s[1] > '9'
	    || s[2] < '0' || s[2] > '9' || s[3] != ' ') {
		snprintf(why, len, "on_error_reply: expected \"4NN 4.N.N "
			 "text\"");
		return (PST_INVAL);
	}
	v->code = (s[0] - '0') * 100 + (s[1] - '0') * 10 + (s[2] - '0');
	s += 4;
	dl = strcspn(s, " ");
	if (dl > 0 && s[0] >= '0' && s[0] <= '9' && dl < sizeof(v->dsn)) {
		if (pst_reply_check(v->code, pst_span_make(s, dl)) != PST_OK) {
			snprintf(why, len, "on_error_reply: enhanced status "
				 "does not agree with %d", v->code);
			return (PST_INVAL);
		}
		memcpy(v->dsn, s, dl);
		v->dsn[dl] = 0;
		s += dl;
	}
	s += strspn(s, " ");
	snprintf(text, tlen, "%s", s);
	v->text = pst_span_cstr(text);
	return (PST_OK);
}

