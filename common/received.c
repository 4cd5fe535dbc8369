/*
 * NAME
 *	received.c - parse one Received header field
 * SUMMARY
 *	from/by/via/with/id/for clauses, TCP-info, TLS, AUTH and date
 * SYNOPSIS
 *	#include <postern/received.h>
 *
 *	enum pst_err pst_received_parse(struct pst_span body,
 *					struct pst_received *out);
 * DESCRIPTION
 *	The grammar of RFC 5321 4.4 is the skeleton:
 *
 *	Stamp = From-domain By-domain Opt-info [CFWS] ";" FWS date-time
 *	From-domain = "FROM" FWS Extended-Domain	(TCP-info in a comment)
 *	Opt-info = [Via] [With] [ID] [For] [Additional-Registered-Clauses]
 *
 *	Real MTAs reorder clauses, put ";" after each (OpenSMTPD), add
 *	product comments, and record the client in several layouts; the
 *	interpretation below follows what each family writes (Postfix and
 *	sendmail "from HELO (RDNS [IP])", Exim "from RDNS ([IP] helo=HELO)",
 *	qmail "(HELO x)", Exchange "from NAME (IP)", ...).
 *
 *	Pass one checks the bytes: NUL, a bare CR, and a line break not
 *	followed by white space (a second header smuggled into this one)
 *	are errors. Pass two is one linear scan into words, comments and
 *	";"; comment nesting is counted, never recursed, and bounded by
 *	PST_MAX_COMMENT_DEPTH. A keyword followed directly by a comment is
 *	not taken as a clause: "from x (a [6.6.6.6]) by (unknown [ip])"
 *	must not let the client's HELO forge the TCP-info.
 * DIAGNOSTICS
 *	PST_RCVD_EMPTY, PST_RCVD_NUL, PST_RCVD_BARE_CR, PST_RCVD_INJECTION,
 *	PST_RCVD_UNBALANCED_COMMENT, PST_RCVD_NESTING, PST_RCVD_TOO_LONG.
 *	A date that cannot be read is not an error: has_date stays 0.
 * SEE ALSO
 *	RFC 5321 4.4; RFC 5322 3.6.7; RFC 3848; RFC 6531 3.7.3
 * LICENSE
 *	MIT
 */
#include "config.h"

#include <arpa/inet.h>
#include <stddef.h>
#include <strings.h>
#include <stdio.h>
#include <string.h>

#include <postern/limits.h>
#include <postern/received.h>

#include "received_info.h"

enum tok_type {
	TOK_END,
	TOK_WORD,
	TOK_COMMENT,			/* span is the content, no parens */
	TOK_SEMI
};

struct tok {
	enum tok_type type;
	struct pst_span s;
	size_t	end;			/* offset after the token */
};

enum clause {
	CL_NONE, CL_FROM, CL_BY, CL_VIA, CL_WITH, CL_ID, CL_FOR
};

/* What the from clause said, before interpretation. */
struct from_info {
	struct pst_span word;		/* the from-domain as written */
	struct pst_span literal;	/* "from NAME [ip]" second word */
	struct pst_span rdns;		/* word before "[ip]" in TCP-info */
	struct pst_span helo;		/* helo=, HELO x, EHLO x */
	char	ip[48];
	int	exim;			/* helo= / port= layout */
	int	qmail;			/* (HELO x) layout */
	int	extra_words;		/* "from mail pickup service" */
	int	comments;		/* TCP-info comments seen */
	int	ip_bracketed;		/* the address was written "[ip]" */
	int	ip_port;		/* "[ip]:port" */
	int	seen;			/* a later "from" is not ours */
};

struct rparser {
	const char *p;
	size_t	len;
	size_t	pos;
	struct tok peek;
	int	peeked;
	int	open_quote;		/* a quote found no partner */
	enum pst_err err;
};

#define IS_WSP(c)	((c) == ' ' || (c) == '\t' || (c) == '\r' \
			 || (c) == '\n')

/* check_bytes - NUL, bare CR, line breaks that start a new header */
static enum pst_err
check_bytes(struct pst_span b)
{
	const char *p = b.ptr;
	const char *end = b.ptr + b.len;
	const char *last;
	const char *q;
	size_t	i;

	if (b.len > PST_MAX_RECEIVED)
		return (PST_RCVD_TOO_LONG);
	if (memchr(p, 0, b.len) != NULL)
		return (PST_RCVD_NUL);
	for (q = p; (q = memchr(q, '\r', (size_t) (end - q))) != NULL; q++)
		if (q + 1 >= end || q[1] != '\n')
			return (PST_RCVD_BARE_CR);
	/*
	 * A line break must be followed by SP or HT, except in the white
	 * space that ends the field: find where that tail starts once, so
	 * the check stays linear.
	 */
	for (last = end; last > p && IS_WSP(last[-1]); last--)
		 /* void */ ;
	for (q = p; q < last && (q = memchr(q, '\n', (size_t) (last - q)))
	     != NULL; q++)
		if (q[1] != ' ' && q[1] != '\t')
			return (PST_RCVD_INJECTION);
	for (i = 0; i < b.len; i++)
		if (!IS_WSP(p[i]) && p[i] != ';')
			return (PST_OK);
	return (PST_RCVD_EMPTY);
}

/* scan_comment - from "(" to its ")"; depth counted, not recursed */
static int
scan_comment(struct rparser *rp, struct tok *t)
{
	size_t	i = rp->pos + 1;
	int	depth = 1;

	while (i < rp->len) {
		char	c = rp->p[i];

		if (c == '\\' && i + 1 < rp->len) {
			i += 2;
			continue;
		}
		if (c == '(' && ++depth > PST_MAX_COMMENT_DEPTH) {
			rp->err = PST_RCVD_NESTING;
			return (-1);
		}
		if (c == ')' && --depth == 0)
			break;
		i++;
	}
	if (depth != 0) {
		rp->err = PST_RCVD_UNBALANCED_COMMENT;
		return (-1);
	}
	t->type = TOK_COMMENT;
	t->s = pst_span_make(rp->p + rp->pos + 1, i - rp->pos - 1);
	t->end = i + 1;
	return (0);
}

/* word_stop - octets that end a word or need a look: WSP ( ) ; " */
static const unsigned char word_stop[256] = {
	[' '] = 1, ['\t'] = 1, ['\r'] = 1, ['\n'] = 1, ['('] = 1, [')'] = 1,
	[';'] = 1, ['"'] = 1,
};

/* next_tok - the next word, comment or ";" (with one-token lookahead) */
static int
next_tok(struct rparser *rp, struct tok *t)
{
	size_t	i;

	if (rp->peeked) {
		*t = rp->peek;
		rp->peeked = 0;
		rp->pos = t->end;
		return (0);
	}
	while (rp->pos < rp->len && IS_WSP(rp->p[rp->pos]))
		rp->pos++;
	if (rp->pos >= rp->len) {
		t->type = TOK_END;
		t->end = rp->pos;
		return (0);
	}
	switch (rp->p[rp->pos]) {
	case '(':
		if (scan_comment(rp, t) < 0)
			return (-1);
		rp->pos = t->end;
		return (0);
	case ')':
		rp->err = PST_RCVD_UNBALANCED_COMMENT;
		return (-1);
	case ';':
		t->type = TOK_SEMI;
		t->s = pst_span_make(rp->p + rp->pos, 1);
		t->end = ++rp->pos;
		return (0);
	}
	/* a word; a quoted string inside it hides ";" and "(" */
	for (i = rp->pos; i < rp->len; i++) {
		char	c = rp->p[i];

		if (!word_stop[(unsigned char) c])
			continue;
		if (c == '"' && !rp->open_quote) {
			size_t	q = i + 1;

			while (q < rp->len && rp->p[q] != '"')
				q += rp->p[q] == '\\' ? 2 : 1;
			if (q < rp->len) {
				i = q;
				continue;
			}
			/* no closing quote: never look again (linear) */
			rp->open_quote = 1;
		}
		if (IS_WSP(c) || c == '(' || c == ')' || c == ';')
			break;
	}
	t->type = TOK_WORD;
	t->s = pst_span_make(rp->p + rp->pos, i - rp->pos);
	t->end = i;
	rp->pos = i;
	return (0);
}

/* peek_tok - look at the next token without taking it */
static int
peek_tok(struct rparser *rp, struct tok *t)
{
	size_t	save = rp->pos;

	if (rp->peeked) {
		*t = rp->peek;
		return (0);
	}
	if (next_tok(rp, &rp->peek) < 0)
		return (-1);
	*t = rp->peek;
	rp->peeked = 1;
	rp->pos = save;
	return (0);
}

/* keyword_of - the clause a word opens, CL_NONE if none */
static enum clause
keyword_of(struct pst_span w)
{
	static const struct {
		const char *name;
		enum clause cl;
	} kw[] = {
		{"from", CL_FROM}, {"by", CL_BY}, {"via", CL_VIA},
		{"with", CL_WITH}, {"id", CL_ID}, {"for", CL_FOR},
	};
	size_t	i;

	if (w.len < 2 || w.len > 4)	/* most words: no compare at all */
		return (CL_NONE);
	for (i = 0; i < sizeof(kw) / sizeof(kw[0]); i++)
		if ((w.ptr[0] | 32) == kw[i].name[0]
		    && pst_span_eq_nocase(w, kw[i].name))
			return (kw[i].cl);
	return (CL_NONE);
}

/* strip - drop leading and trailing characters of set */
static struct pst_span
strip(struct pst_span s, const char *lead, const char *trail)
{
	while (s.len > 0 && strchr(lead, s.ptr[0]) != NULL && s.ptr[0])
		s = pst_span_sub(s, 1, s.len - 1);
	while (s.len > 0 && strchr(trail, s.ptr[s.len - 1]) != NULL
	       && s.ptr[s.len - 1])
		s.len--;
	return (s);
}

/* format_v4 - dotted quad, no printf on the hot path */
static void
format_v4(char *out, const unsigned o[4])
{
	size_t	n = 0;
	int	k;

	for (k = 0; k < 4; k++) {
		unsigned v = o[k];

		if (k > 0)
			out[n++] = '.';
		if (v >= 100)
			out[n++] = (char) ('0' + v / 100);
		if (v >= 10)
			out[n++] = (char) ('0' + v / 10 % 10);
		out[n++] = (char) ('0' + v % 10);
	}
	out[n] = 0;
}

/*
 * ip_normalize - an address as written ("192.0.2.1", "IPv6:2001:db8::1",
 * "fe80::1%9", "1.2.3.4:7115") to its canonical text; 0 if not one.
 * IPv4 octets are decimal even with leading zeros (never octal).
 */
static int
ip_normalize(struct pst_span s, char out[48])
{
	char	buf[64];
	unsigned char a6[16];
	unsigned o[4];
	size_t	i;
	size_t	n;
	int	part = 0;

	if (pst_span_starts_nocase(s, "IPv6:"))
		s = pst_span_sub(s, 5, s.len - 5);
	for (n = 0; n < s.len && s.ptr[n] != '%'; n++)
		 /* void */ ;
	s.len = n;
	if (s.len == 0 || s.len >= sizeof(buf))
		return (0);
	/* IPv4, optionally with ":port" */
	memset(o, 0, sizeof(o));
	for (i = 0, n = 0; i < s.len && part < 4; i++) {
		char	c = s.ptr[i];

		if (c >= '0' && c <= '9' && n < 3) {
			o[part] = o[part] * 10 + (unsigned) (c - '0');
			n++;
		} else if (c == '.' && n > 0 && part < 3) {
			part++;
			n = 0;
		} else {
			break;
		}
	}
	if (part == 3 && n > 0 && o[0] < 256 && o[1] < 256 && o[2] < 256
	    && o[3] < 256 && (i == s.len || s.ptr[i] == ':')) {
		format_v4(out, o);
		return (1);
	}
	memcpy(buf, s.ptr, s.len);
	buf[s.len] = 0;
	/* an embedded IPv4 tail is decimal too: "::ffff:010.001.2.3" */
	for (n = s.len; n > 0 && buf[n - 1] != ':'; n--)
		 /* void */ ;
	if (n > 0 && n < s.len && memchr(buf + n, '.', s.len - n) != NULL) {
		char	v4[48];

		if (!ip_normalize(pst_span_make(buf + n, s.len - n), v4)
		    || n + strlen(v4) >= sizeof(buf) || strchr(v4, ':'))
			return (0);
		memcpy(buf + n, v4, strlen(v4) + 1);
	}
	if (inet_pton(AF_INET6, buf, a6) != 1)
		return (0);
	/* IPv4-mapped IPv6 is written as IPv4 */
	if (memcmp(a6, "\0\0\0\0\0\0\0\0\0\0\xff\xff", 12) == 0) {
		o[0] = a6[12];
		o[1] = a6[13];
		o[2] = a6[14];
		o[3] = a6[15];
		format_v4(out, o);
		return (1);
	}
	return (inet_ntop(AF_INET6, a6, out, 48) != NULL);
}

/* looks_like_host - a word with a dot, or "localhost" */
static int
looks_like_host(struct pst_span w)
{
	return (w.len > 0 && w.ptr[0] != '[' && w.ptr[0] != '<'
		&& (memchr(w.ptr, '.', w.len) != NULL
		    || pst_span_eq_nocase(w, "localhost")));
}

/* after_at - what follows the last "@" (ident prefixes, qmail user@ip) */
static struct pst_span
after_at(struct pst_span w)
{
	size_t	i = w.len;

	while (i > 0 && w.ptr[i - 1] != '@')
		i--;
	return (pst_span_sub(w, i, w.len - i));
}

/* tcp_info - client details from one comment of the from clause */
static void
tcp_info(struct pst_span c, struct from_info *fi)
{
	struct pst_cwords cw;
	struct pst_span w;
	struct pst_span prev = pst_span_make(NULL, 0);
	struct pst_span rdns = pst_span_make(NULL, 0);
	struct pst_span only = pst_span_make(NULL, 0);
	char	ip[48] = "";
	int	want_helo = 0;
	int	words = 0;
	int	bracket = 0;
	int	in_bracket = 0;

	pst_cwords_init(&cw, c);
	while (pst_cwords_next(&cw, &w)) {
		const char *lb = memchr(w.ptr, '[', w.len);

		words++;
		only = w;
		if (want_helo) {
			fi->helo = strip(w, "\"", "\"");
			want_helo = 0;
		} else if (pst_span_starts_nocase(w, "helo=")) {
			fi->helo = pst_span_sub(w, 5, w.len - 5);
			fi->exim = 1;
		} else if (pst_span_starts_nocase(w, "port=")) {
			fi->exim = 1;
		} else if (pst_span_eq_nocase(strip(w, "\"", ""), "HELO")
			   || pst_span_eq_nocase(strip(w, "\"", ""), "EHLO")
			   || pst_span_eq_nocase(strip(w, "\"", ""), "LHLO")) {
			/* qmail, Zimbra, ZMailer "EHLO x": name is the rDNS */
			want_helo = 1;
			fi->qmail = 1;
			fi->helo = pst_span_make(NULL, 0);
		} else if (lb != NULL) {
			struct pst_span in = pst_span_sub(w,
				(size_t) (lb - w.ptr) + 1, w.len);
			size_t	close = 0;

			while (close < in.len && in.ptr[close] != ']')
				close++;
			bracket = 1;
			/* Exim writes "[ip]:port" (so does XMail) */
			if (close + 1 < in.len && in.ptr[close + 1] == ':'
			    && !fi->qmail)
				fi->ip_port = 1;
			if (ip[0] == 0 && close < in.len
			    && ip_normalize(pst_span_sub(in, 0, close), ip)) {
				in_bracket = 1;
				if (lb == w.ptr)
					rdns = prev;
			}
			else if (ip[0] == 0 && lb == w.ptr && rdns.len == 0)
				rdns = prev;	/* [local], [x.x.x.x] */
		} else if (ip[0] == 0 && ip_normalize(after_at(w), ip)) {
			rdns = pst_span_make(NULL, 0);
		}
		prev = w;
	}
	/* "(localhost)", "(dl1gspmx02.gamestop.com)": a bare rDNS name */
	if (words == 1 && !bracket && ip[0] == 0 && looks_like_host(only)
	    && fi->rdns.len == 0) {
		fi->rdns = strip(only, "", ".");
		return;
	}
	if (rdns.len > 0) {
		rdns = strip(after_at(rdns), "", ".");
		if (pst_span_eq_nocase(rdns, "unknown")
		    || pst_span_eq_nocase(rdns, "really") || rdns.len == 0
		    || rdns.ptr[0] == '[')
			rdns = pst_span_make(NULL, 0);
	}
	if (ip[0] == 0) {
		if (rdns.len > 0 && fi->rdns.len == 0)
			fi->rdns = rdns;
		return;
	}
	/* the last comment with an address wins: see DESCRIPTION */
	memcpy(fi->ip, ip, sizeof(fi->ip));
	fi->ip_bracketed = in_bracket;
	fi->rdns = rdns;
}

/*
 * not_a_helo - from-words that name no client: local users, mailboxes,
 * internal channels. With TCP-info or a literal after it, the
 * from-word is what the client said; alone, a name without a dot is a
 * HELO only if it looks like a machine name (GAWWW03, PRODWEB02LA),
 * not a user or a service (broonie, spooler, MAILER-DAEMON).
 */
static int
not_a_helo(const struct from_info *fi)
{
	struct pst_span w = fi->word;
	size_t	i;

	if (w.len == 0 || memchr(w.ptr, '@', w.len) != NULL)
		return (1);
	if (w.ptr[0] == '[' || fi->comments > 0 || fi->literal.len > 0)
		return (0);
	if (fi->extra_words)
		return (1);
	if (memchr(w.ptr, '.', w.len) == NULL) {
		for (i = 0; i < w.len; i++)
			if (w.ptr[i] >= '0' && w.ptr[i] <= '9')
				return (0);
		return (1);
	}
	/* Sun/Oracle Messaging Server internal channels */
	for (i = 0; i + 8 <= w.len; i++)
		if (strncasecmp(w.ptr + i, "-daemon.", 8) == 0)
			return (1);
	return (0);
}

/*
 * interpret_from - who the client was, by the layout its MTA wrote.
 * with is the protocol: Exim writes it in lower case, which tells its
 * "[ip]:port" from XMail's; qmail-scanner's from-clause is the
 * client address or envelope sender, never a HELO.
 */
static void
interpret_from(struct from_info *fi, int exim_by, struct pst_span with,
	       struct pst_received *out)
{
	int	literal_word = fi->word.len > 0 && fi->word.ptr[0] == '[';
	int	webmail = with.len > 0 && pst_span_starts_nocase(with, "HTTP");
	char	ip[48];

	if (with.len > 0 && pst_span_starts_nocase(with, "qmail-scanner"))
		return;
	if (fi->ip_port && with.len > 0 && with.ptr[0] >= 'a'
	    && with.ptr[0] <= 'z')
		fi->exim = 1;
	if (fi->ip[0] == 0 && fi->literal.len > 2
	    && ip_normalize(strip(fi->literal, "[", "]"), ip))
		memcpy(fi->ip, ip, sizeof(ip));
	if (fi->qmail) {
		/* from RDNS (HELO x) (ip): CommuniGate puts the ip first */
		out->from_helo = fi->helo;
		if (!literal_word && looks_like_host(fi->word)
		    && !pst_span_eq_nocase(fi->word, "unknown")
		    && !ip_normalize(fi->word, ip))
			out->from_rdns = strip(fi->word, "", ".");
		if (fi->ip[0] == 0 && literal_word
		    && ip_normalize(strip(fi->word, "[", "]"), ip))
			memcpy(fi->ip, ip, sizeof(ip));
	} else if (fi->exim || (exim_by && fi->rdns.len == 0)) {
		/* Exim: from RDNS ([ip] helo=HELO); no helo= is HELO=RDNS */
		if (fi->ip[0] == 0 && literal_word
		    && ip_normalize(strip(fi->word, "[", "]"), ip))
			memcpy(fi->ip, ip, sizeof(ip));
		if (!literal_word && looks_like_host(fi->word))
			out->from_rdns = strip(fi->word, "", ".");
		if (fi->helo.len > 0)
			out->from_helo = fi->helo;
		else if (!literal_word && !not_a_helo(fi))
			out->from_helo = fi->word;
	} else if (webmail && fi->ip_bracketed && fi->rdns.len == 0
		   && looks_like_host(fi->word)) {
		/* SquirrelMail "from NAME ([ip]) ... with HTTP": NAME=rDNS */
		out->from_rdns = strip(fi->word, "", ".");
	} else {
		out->from_rdns = fi->rdns;
		if (fi->helo.len > 0)
			out->from_helo = fi->helo;
		else if (!not_a_helo(fi) && !(fi->word.len == 6
			&& pst_span_eq_nocase(fi->word, "source")))
			out->from_helo = fi->word;
	}
	memcpy(out->from_ip, fi->ip, sizeof(out->from_ip));
}

/* Words that may start a date when there is no ";" (the last few). */
#define DATE_CANDIDATES	6

/* remember_date_start - keep the offsets of the last words */
static void
remember_date_start(size_t *d, size_t *n, ptrdiff_t off)
{
	if (*n == DATE_CANDIDATES) {
		memmove(d, d + 1, (DATE_CANDIDATES - 1) * sizeof(*d));
		(*n)--;
	}
	d[(*n)++] = (size_t) off;
}

/*
 * end_by - "by Websense Email Security Gateway with": a by clause of
 * several words names a product, not a host.
 */
static void
end_by(int *by_words, struct pst_received *out)
{
	if (*by_words > 1)
		out->by_host = pst_span_make(NULL, 0);
	*by_words = 0;
}

/* set_once - the first value of a clause counts */
static void
set_once(struct pst_span *dst, struct pst_span v)
{
	if (dst->ptr == NULL)
		*dst = v;
}

enum pst_err
pst_received_parse(struct pst_span body, struct pst_received *out)
{
	struct rparser rp;
	struct from_info fi;
	struct tok t;
	struct tok nx;
	enum clause cl = CL_NONE;
	enum clause kw;
	int	clause_words = 0;
	int	exim_by = 0;
	int	exim_tls = 0;
	int	with_open = 0;
	int	with_done = 0;
	int	by_words = 0;
	struct pst_span prev_word = pst_span_make(NULL, 0);
	size_t	dstart[DATE_CANDIDATES];
	size_t	ndstart = 0;
	size_t	last_semi = (size_t) -1;
	enum pst_err e;

	memset(out, 0, sizeof(*out));
	memset(&fi, 0, sizeof(fi));
	out->auth = PST_RCVD_AUTH_UNKNOWN;
	if ((e = check_bytes(body)) != PST_OK)
		return (e);
	memset(&rp, 0, sizeof(rp));
	rp.p = body.ptr;
	rp.len = body.len;
	rp.err = PST_OK;
	/* tolerate the field name, as in "Received: from ..." */
	if (pst_span_starts_nocase(body, "Received:"))
		rp.pos = 9;
	for (;;) {
		if (next_tok(&rp, &t) < 0)
			return (rp.err);
		if (t.type == TOK_END)
			break;
		if (t.type == TOK_SEMI) {
			last_semi = t.end;
			cl = CL_NONE;
			with_open = 0;
			continue;
		}
		if (t.type == TOK_COMMENT) {
			pst_rcvd_comment_info(t.s, out);
			if (cl == CL_FROM) {
				tcp_info(t.s, &fi);
				fi.comments++;
			}
			else if (pst_span_starts_nocase(t.s, "Exim")
				 || pst_span_starts_nocase(t.s, "ecelerity"))
				exim_by = 1;
			with_open = 0;
			continue;
		}
		/*
		 * A keyword opens a clause unless a comment follows it; only
		 * "from ([ip])" may have its TCP-info right after the keyword.
		 */
		if ((kw = keyword_of(t.s)) != CL_NONE) {
			if (peek_tok(&rp, &nx) < 0)
				return (rp.err);
			if (nx.type != TOK_COMMENT || kw == CL_FROM) {
				end_by(&by_words, out);
				cl = kw;
				clause_words = 0;
				if (kw == CL_FROM && fi.seen++)
					cl = CL_NONE;	/* XMail's sender */
				if (with_open || (kw == CL_WITH
						  && out->with.ptr != NULL))
					with_done = 1;
				with_open = 0;
				continue;
			}
		}
		clause_words++;
		if (last_semi == (size_t) -1)
			remember_date_start(dstart, &ndstart,
					    t.s.ptr - body.ptr);
		switch (cl) {
		case CL_FROM:
			if (clause_words == 1)
				fi.word = t.s;
			else if (clause_words == 2 && t.s.ptr[0] == '[')
				fi.literal = t.s;
			else
				fi.extra_words = 1;
			break;
		case CL_BY:
			if (clause_words == 1 && out->by_host.ptr == NULL) {
				out->by_host = t.s;
				by_words = 1;
			} else if (by_words > 0) {
				by_words++;
				if (pst_span_eq_nocase(t.s, "over"))
					by_words = -1;	/* over TLS */
			}
			if (pst_span_eq_nocase(t.s, "secured")
			    && pst_span_eq_nocase(prev_word, "TLS"))
				out->tls = 1;
			break;
		case CL_VIA:
			if (clause_words == 1)
				set_once(&out->via, t.s);
			break;
		case CL_ID:
			if (clause_words == 1)
				set_once(&out->id, strip(t.s, "<", ">"));
			break;
		case CL_FOR:
			if (clause_words == 1)
				set_once(&out->for_addr, strip(t.s, "<",
							       ">,"));
			break;
		case CL_WITH:
			if (clause_words == 1 && !with_done) {
				out->with = t.s;
				with_open = 1;
			} else if (with_open) {
				/* "Microsoft SMTP Server": one value */
				out->with.len = (size_t) (t.s.ptr + t.s.len
							  - out->with.ptr);
			} else if (pst_span_eq_nocase(t.s, "tls")) {
				/* Exim: "(TLS1.3) tls CIPHER" */
				exim_tls = 1;
			} else if (exim_tls) {
				out->tls = 1;
				out->tls_cipher = t.s;
				exim_tls = 0;
			}
			break;
		case CL_NONE:
			break;
		}
		prev_word = t.s;
	}
	end_by(&by_words, out);
	pst_rcvd_with_info(out);
	interpret_from(&fi, exim_by, out->with, out);
	if (last_semi != (size_t) -1) {
		struct pst_span d = pst_span_sub(body, last_semi,
						 body.len - last_semi);

		out->has_date = pst_rfc5322_date(d, &out->date_epoch,
						 &out->date_offset) == PST_OK;
	} else {
		/* no ";": gmail, GMX and IMail still end with a date */
		size_t	i;

		for (i = 0; i < ndstart && !out->has_date; i++)
			out->has_date = pst_rfc5322_date(pst_span_sub(body,
				dstart[i], body.len - dstart[i]),
				&out->date_epoch, &out->date_offset) == PST_OK;
	}
	return (PST_OK);
}
