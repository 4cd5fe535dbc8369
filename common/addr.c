/*
 * NAME
 *	addr.c - RFC 5321 Path and Mailbox validation
 * SUMMARY
 *	reverse-path, forward-path, source routes, SMTPUTF8 addresses
 * SYNOPSIS
 *	#include <postern/addr.h>
 *
 *	enum pst_err pst_addr_parse(struct pst_span in,
 *				    enum pst_addr_ctx ctx, unsigned flags,
 *				    struct pst_addr *out);
 * DESCRIPTION
 *	The input is untrusted bytes from a MAIL or RCPT command, given as
 *	a span; nothing is written into it and nothing past its length is
 *	read. Validation runs unconditionally on every path before any
 *	normalisation (the lesson of OpenSMTPD CVE-2020-7247, where a bad
 *	local part with an empty domain skipped validation).
 *
 *	The grammar is RFC 5321 4.1.2 with RFC 6531 3.3:
 *
 *	Path       = "<" [ A-d-l ":" ] Mailbox ">"
 *	A-d-l      = At-domain *( "," At-domain )
 *	At-domain  = "@" Domain
 *	Mailbox    = Local-part "@" ( Domain / address-literal )
 *	Local-part = Dot-string / Quoted-string
 *	Domain     = sub-domain *("." sub-domain)
 *	sub-domain = Let-dig [Ldh-str] / U-label		(RFC 6531)
 *
 *	Constructs that RFC 5322 allows in message headers but an SMTP
 *	envelope does not (white space, folding, comments, quoted words
 *	mixed with atoms, free-form domain literals) get their own error,
 *	so a log says exactly why a client's address was refused.
 * DIAGNOSTICS
 *	One enum pst_err per violation (see err.h, tags "local-double-dot"
 *	etc.); out->err_off is the offset where it was found.
 * SEE ALSO
 *	RFC 5321 4.1.2, 4.1.3, 4.5.3.1; RFC 6531 3.3; RFC 5890-5892
 * LICENSE
 *	MIT
 */
#include "config.h"

#include <string.h>
#include <strings.h>

#include <idn2.h>

#include <postern/addr.h>
#include <postern/utf8.h>

#include "inet_literal.h"

/* Parser state: one path, cursor over [0, end). */
struct addr_parser {
	const unsigned char *s;		/* the whole input */
	size_t	end;			/* end of the mailbox content */
	size_t	pos;
	int	smtputf8;
	size_t	err_off;
	size_t	max_label;		/* longest label of the domain */
};

#define IS_ALPHA(c)	(((c) >= 'a' && (c) <= 'z') \
			 || ((c) >= 'A' && (c) <= 'Z'))
#define IS_DIGIT(c)	((c) >= '0' && (c) <= '9')
#define IS_CTL(c)	((c) < 0x20 || (c) == 0x7f)

/*
 * atext_map - RFC 5322 3.2.3 atext as a table: ALPHA, DIGIT and
 * "!#$%&'*+-/=?^_`{|}~". A table, not strchr(): this is the hot loop.
 */
static const unsigned char atext_map[256] = {
	['!'] = 1, ['#'] = 1, ['$'] = 1, ['%'] = 1, ['&'] = 1, ['\''] = 1,
	['*'] = 1, ['+'] = 1, ['-'] = 1, ['/'] = 1, ['='] = 1, ['?'] = 1,
	['^'] = 1, ['_'] = 1, ['`'] = 1, ['{'] = 1, ['|'] = 1, ['}'] = 1,
	['~'] = 1,
	['0'] = 1, ['1'] = 1, ['2'] = 1, ['3'] = 1, ['4'] = 1, ['5'] = 1,
	['6'] = 1, ['7'] = 1, ['8'] = 1, ['9'] = 1,
	['A'] = 1, ['B'] = 1, ['C'] = 1, ['D'] = 1, ['E'] = 1, ['F'] = 1,
	['G'] = 1, ['H'] = 1, ['I'] = 1, ['J'] = 1, ['K'] = 1, ['L'] = 1,
	['M'] = 1, ['N'] = 1, ['O'] = 1, ['P'] = 1, ['Q'] = 1, ['R'] = 1,
	['S'] = 1, ['T'] = 1, ['U'] = 1, ['V'] = 1, ['W'] = 1, ['X'] = 1,
	['Y'] = 1, ['Z'] = 1,
	['a'] = 1, ['b'] = 1, ['c'] = 1, ['d'] = 1, ['e'] = 1, ['f'] = 1,
	['g'] = 1, ['h'] = 1, ['i'] = 1, ['j'] = 1, ['k'] = 1, ['l'] = 1,
	['m'] = 1, ['n'] = 1, ['o'] = 1, ['p'] = 1, ['q'] = 1, ['r'] = 1,
	['s'] = 1, ['t'] = 1, ['u'] = 1, ['v'] = 1, ['w'] = 1, ['x'] = 1,
	['y'] = 1, ['z'] = 1,
};

/* is_atext - atext, plus UTF8-non-ascii under SMTPUTF8 (RFC 6531) */
static int
is_atext(unsigned char c, int smtputf8)
{
	return (c >= 0x80 ? smtputf8 : atext_map[c]);
}

/* fail - record the offset and return the error */
static enum pst_err
fail(struct addr_parser *ap, size_t off, enum pst_err e)
{
	ap->err_off = off;
	return (e);
}

/*
 * unexpected - name an octet the grammar does not allow at off: the
 * RFC 5322-only constructs and control characters get their own
 * error, anything else the caller's default.
 */
static enum pst_err
unexpected(struct addr_parser *ap, size_t off, enum pst_err dflt)
{
	const unsigned char *s = ap->s;
	unsigned char c = s[off];

	if (c == ' ' || c == '\t')
		return (fail(ap, off, PST_ADDR_WHITESPACE));
	if (c == '\r' && off + 2 < ap->end && s[off + 1] == '\n'
	    && (s[off + 2] == ' ' || s[off + 2] == '\t'))
		return (fail(ap, off, PST_ADDR_FOLDING));
	if (c == '(')
		return (fail(ap, off, PST_ADDR_COMMENT));
	if (IS_CTL(c))
		return (fail(ap, off, PST_ADDR_CONTROL_CHAR));
	return (fail(ap, off, dflt));
}

/* skip_utf8 - advance over one UTF-8 sequence (validated beforehand) */
static size_t
skip_utf8(const struct addr_parser *ap, size_t pos)
{
	size_t	n = pst_utf8_seqlen(ap->s + pos, ap->end - pos);

	return (pos + (n ? n : 1));
}

/*
 * parse_quoted - Quoted-string = DQUOTE *QcontentSMTP DQUOTE
 *	qtextSMTP = %d32-33 / %d35-91 / %d93-126 / UTF8-non-ascii
 *	quoted-pairSMTP = %d92 %d32-126	(RFC 6531 does not extend it)
 */
static enum pst_err
parse_quoted(struct addr_parser *ap)
{
	const unsigned char *s = ap->s;
	size_t	open = ap->pos;

	ap->pos++;
	for (;;) {
		unsigned char c;

		if (ap->pos >= ap->end)
			return (fail(ap, open, PST_ADDR_UNTERMINATED_QUOTE));
		c = s[ap->pos];
		if (c == '"') {
			ap->pos++;
			return (PST_OK);
		}
		if (c == '\\') {
			unsigned char n;

			if (ap->pos + 1 >= ap->end)
				return (fail(ap, open,
					     PST_ADDR_UNTERMINATED_QUOTE));
			n = s[ap->pos + 1];
			if (n >= 0x80)
				return (fail(ap, ap->pos + 1,
					     PST_ADDR_QUOTED_PAIR_NON_ASCII));
			if (IS_CTL(n))
				return (fail(ap, ap->pos + 1,
					     PST_ADDR_CONTROL_CHAR));
			ap->pos += 2;
			continue;
		}
		if (c >= 0x80) {
			ap->pos = skip_utf8(ap, ap->pos);
			continue;
		}
		if (IS_CTL(c))
			return (unexpected(ap, ap->pos,
					   PST_ADDR_CONTROL_CHAR));
		ap->pos++;
	}
}

/* parse_local - Local-part = Dot-string / Quoted-string */
static enum pst_err
parse_local(struct addr_parser *ap)
{
	const unsigned char *s = ap->s;
	enum pst_err e;

	if (s[ap->pos] == '"') {
		if ((e = parse_quoted(ap)) != PST_OK)
			return (e);
		if (ap->pos >= ap->end)
			return (fail(ap, ap->pos, PST_ADDR_NO_DOMAIN));
		switch (s[ap->pos]) {
		case '@':
			return (PST_OK);
		case '.':
			return (fail(ap, ap->pos, PST_ADDR_OBS_LOCAL));
		case '"':
			return (fail(ap, ap->pos, PST_ADDR_TEXT_AFTER_QUOTE));
		default:
			return (unexpected(ap, ap->pos,
					   PST_ADDR_TEXT_AFTER_QUOTE));
		}
	}
	if (s[ap->pos] == '@')
		return (fail(ap, ap->pos, PST_ADDR_NO_LOCAL));
	if (s[ap->pos] == '.')
		return (fail(ap, ap->pos, PST_ADDR_LOCAL_LEADING_DOT));
	/* Dot-string = Atom *("." Atom) */
	for (;;) {
		size_t	atom = ap->pos;

		while (ap->pos < ap->end && is_atext(s[ap->pos], ap->smtputf8))
			ap->pos = s[ap->pos] >= 0x80 ?
				skip_utf8(ap, ap->pos) : ap->pos + 1;
		if (ap->pos == atom)
			return (unexpected(ap, ap->pos,
					   PST_ADDR_BAD_LOCAL_CHAR));
		if (ap->pos >= ap->end)
			return (fail(ap, ap->pos, PST_ADDR_NO_DOMAIN));
		if (s[ap->pos] == '@')
			return (PST_OK);
		if (s[ap->pos] != '.')
			return (s[ap->pos] == '"' ?
				fail(ap, ap->pos, PST_ADDR_BAD_LOCAL_CHAR) :
				unexpected(ap, ap->pos,
					   PST_ADDR_BAD_LOCAL_CHAR));
		ap->pos++;
		if (ap->pos >= ap->end)
			return (fail(ap, ap->pos, PST_ADDR_NO_DOMAIN));
		if (s[ap->pos] == '.')
			return (fail(ap, ap->pos, PST_ADDR_LOCAL_DOUBLE_DOT));
		if (s[ap->pos] == '@')
			return (fail(ap, ap->pos - 1,
				     PST_ADDR_LOCAL_TRAILING_DOT));
		if (s[ap->pos] == '"')
			return (fail(ap, ap->pos, PST_ADDR_OBS_LOCAL));
	}
}

/*
 * parse_literal - address-literal = "[" ( IPv4-address-literal /
 *	IPv6-address-literal / General-address-literal ) "]"
 *
 * A literal that is none of these but is an RFC 5322 domain-literal
 * (dtext, white space, quoted-pairs) is named as such.
 */
static enum pst_err
parse_literal(struct addr_parser *ap, unsigned *flags)
{
	const unsigned char *s = ap->s;
	const char *c;
	size_t	open = ap->pos;
	size_t	close;
	size_t	len;
	size_t	i;
	size_t	colon;

	for (close = open + 1; close < ap->end && s[close] != ']'; close++)
		 /* void */ ;
	if (close >= ap->end)
		return (fail(ap, open, PST_ADDR_BAD_LITERAL));
	c = (const char *) s + open + 1;
	len = close - open - 1;

	for (i = 0; i < len && (IS_DIGIT(c[i]) || c[i] == '.'); i++)
		 /* void */ ;
	if (len > 0 && i == len) {
		if (!pst_ipv4_literal_ok(c, len))
			return (fail(ap, open + 1, PST_ADDR_BAD_IPV4));
		*flags |= PST_ADDR_LIT_IPV4;
	} else if (len >= 5 && strncasecmp(c, "IPv6:", 5) == 0) {
		if (!pst_ipv6_literal_ok(c + 5, len - 5))
			return (fail(ap, open + 6, PST_ADDR_BAD_IPV6));
		*flags |= PST_ADDR_LIT_IPV6;
	} else if (pst_ipv6_literal_ok(c, len)) {
		return (fail(ap, open + 1, PST_ADDR_IPV6_NO_TAG));
	} else {
		/*
		 * General-address-literal = Standardized-tag ":" 1*dcontent;
		 * with a colon, anything else is a malformed one.
		 */
		if (memchr(c, ':', len) != NULL) {
			const unsigned char *u = s + open + 1;

			for (colon = 0; colon < len && (IS_ALPHA(u[colon])
				|| IS_DIGIT(u[colon])
				|| (colon > 0 && u[colon] == '-')); colon++)
				 /* void */ ;
			if (colon == 0 || colon + 1 >= len || c[colon] != ':'
			    || c[colon - 1] == '-')
				return (fail(ap, open + 1,
					     PST_ADDR_BAD_LITERAL));
			for (i = colon + 1; i < len; i++)
				if (u[i] < 33 || u[i] > 126
				    || c[i] == '[' || c[i] == '\\')
					return (fail(ap, open + 1 + i,
						     PST_ADDR_BAD_LITERAL));
			return (fail(ap, open + 1, PST_ADDR_UNREGISTERED_TAG));
		}
		/* RFC 5322 domain-literal: dtext / FWS / quoted-pair */
		for (i = 0; i < len; i++) {
			unsigned char d = s[open + 1 + i];

			if (d == '\\') {
				if (i + 1 >= len)
					return (fail(ap, open + 1 + i,
						     PST_ADDR_BAD_LITERAL));
				if (IS_CTL(s[open + 2 + i])
				    && s[open + 2 + i] != '\t')
					return (fail(ap, open + 2 + i,
						     PST_ADDR_CONTROL_CHAR));
				if (s[open + 2 + i] >= 0x80)
					return (fail(ap, open + 2 + i,
						     PST_ADDR_BAD_LITERAL));
				i++;
			} else if (d == ' ' || d == '\t') {
				continue;
			} else if (IS_CTL(d)) {
				return (fail(ap, open + 1 + i,
					     PST_ADDR_CONTROL_CHAR));
			} else if (d == '[' || d >= 0x80) {
				return (fail(ap, open + 1 + i,
					     PST_ADDR_BAD_LITERAL));
			}
		}
		return (fail(ap, open, PST_ADDR_LITERAL_5322));
	}
	ap->pos = close + 1;
	if (ap->pos < ap->end)
		return (fail(ap, ap->pos, PST_ADDR_BAD_LITERAL));
	return (PST_OK);
}

/*
 * parse_domain - Domain = sub-domain *("." sub-domain); stops at the
 * end of the content or, in a route, at "," or ":".
 */
static enum pst_err
parse_domain(struct addr_parser *ap, int in_route, unsigned *flags)
{
	const unsigned char *s = ap->s;

	if (ap->pos >= ap->end)
		return (fail(ap, ap->pos, PST_ADDR_NO_DOMAIN));
	if (s[ap->pos] == '[')
		return (parse_literal(ap, flags));
	for (;;) {
		size_t	label = ap->pos;

		if (ap->pos >= ap->end)
			return (fail(ap, ap->pos, PST_ADDR_EMPTY_LABEL));
		if (s[ap->pos] == '.')
			return (fail(ap, ap->pos, PST_ADDR_EMPTY_LABEL));
		if (s[ap->pos] == '-')
			return (fail(ap, ap->pos, PST_ADDR_LABEL_HYPHEN));
		while (ap->pos < ap->end) {
			unsigned char c = s[ap->pos];

			if (IS_ALPHA(c) || IS_DIGIT(c) || c == '-') {
				ap->pos++;
			} else if (c >= 0x80 && ap->smtputf8) {
				*flags |= PST_ADDR_UTF8_DOMAIN;
				ap->pos = skip_utf8(ap, ap->pos);
			} else {
				break;
			}
		}
		if (ap->pos == label) {
			if (s[ap->pos] == '@')
				return (fail(ap, ap->pos,
					     PST_ADDR_MULTIPLE_AT));
			return (unexpected(ap, ap->pos,
					   PST_ADDR_BAD_DOMAIN_CHAR));
		}
		if (s[ap->pos - 1] == '-')
			return (fail(ap, ap->pos - 1, PST_ADDR_LABEL_HYPHEN));
		if (ap->pos - label > ap->max_label)
			ap->max_label = ap->pos - label;
		if (ap->pos >= ap->end)
			return (PST_OK);
		if (in_route && (s[ap->pos] == ',' || s[ap->pos] == ':'))
			return (PST_OK);
		if (s[ap->pos] == '@')
			return (fail(ap, ap->pos, PST_ADDR_MULTIPLE_AT));
		if (s[ap->pos] != '.')
			return (unexpected(ap, ap->pos,
					   PST_ADDR_BAD_DOMAIN_CHAR));
		ap->pos++;
		if (ap->pos >= ap->end)
			return (fail(ap, ap->pos - 1, PST_ADDR_TRAILING_DOT));
	}
}

/* parse_route - A-d-l ":" ; any flaw is "bad-source-route" */
static enum pst_err
parse_route(struct addr_parser *ap, struct pst_addr *out)
{
	const unsigned char *s = ap->s;
	size_t	start = ap->pos;
	unsigned ignored = 0;

	for (;;) {
		if (ap->pos >= ap->end || s[ap->pos] != '@')
			return (fail(ap, ap->pos, PST_ADDR_BAD_ROUTE));
		ap->pos++;
		if (ap->pos < ap->end && s[ap->pos] == '[')
			return (fail(ap, ap->pos, PST_ADDR_ROUTE_LITERAL));
		if (parse_domain(ap, 1, &ignored) != PST_OK)
			return (fail(ap, ap->err_off, PST_ADDR_BAD_ROUTE));
		if (ap->pos >= ap->end)
			return (fail(ap, ap->pos, PST_ADDR_BAD_ROUTE));
		if (s[ap->pos] == ':')
			break;
		if (s[ap->pos] != ',')
			return (fail(ap, ap->pos, PST_ADDR_BAD_ROUTE));
		ap->pos++;
	}
	out->route = pst_span_make((const char *) s + start, ap->pos - start);
	out->flags |= PST_ADDR_ROUTE;
	ap->pos++;
	if (ap->pos >= ap->end)
		return (fail(ap, ap->pos, PST_ADDR_BAD_ROUTE));
	return (PST_OK);
}

/* has_route - content starts with "@" and has a "," or ":" */
static int
has_route(const struct addr_parser *ap, size_t start)
{
	size_t	i;

	if (start >= ap->end || ap->s[start] != '@')
		return (0);
	for (i = start; i < ap->end; i++)
		if (ap->s[i] == ',' || ap->s[i] == ':')
			return (1);
	return (0);
}

/*
 * check_ulabels - each label with non-ASCII octets must be a valid
 * IDNA2008 U-label in NFC (RFC 5891 5.4). Reports the longest label
 * in its A-label form and the domain length with A-labels.
 */
static enum pst_err
check_ulabels(struct addr_parser *ap, struct pst_span dom,
	      size_t *max_label, size_t *dom_len)
{
	size_t	i = 0;
	size_t	base = (size_t) (dom.ptr - (const char *) ap->s);
	char	label[PST_MAX_DOMAIN * 4 + 1];

	*max_label = 0;
	*dom_len = 0;
	while (i <= dom.len) {
		size_t	j = i;
		size_t	alen;

		while (j < dom.len && dom.ptr[j] != '.')
			j++;
		alen = j - i;
		if (!pst_is_ascii(dom.ptr + i, j - i)) {
			char   *ace = NULL;
			int	rc;

			if (j - i >= sizeof(label))
				return (fail(ap, base + i,
					     PST_ADDR_LABEL_TOO_LONG));
			memcpy(label, dom.ptr + i, j - i);
			label[j - i] = 0;
			rc = idn2_to_ascii_8z(label, &ace, IDN2_NO_TR46);
			if (rc == IDN2_MALLOC)
				return (PST_NOMEM);
			if (rc == IDN2_OK) {
				alen = strlen(ace);
			} else if (rc == IDN2_PUNYCODE_BIG_OUTPUT
				   || rc == IDN2_TOO_BIG_LABEL
				   || rc == IDN2_TOO_BIG_DOMAIN) {
				alen = PST_MAX_LABEL + 1;
			} else {
				idn2_free(ace);
				return (fail(ap, base + i,
					     PST_ADDR_BAD_U_LABEL));
			}
			idn2_free(ace);
		}
		if (alen > *max_label)
			*max_label = alen;
		*dom_len += alen + (j < dom.len);
		i = j + 1;
	}
	return (PST_OK);
}

/* dot_string_ok - 1 if v[0..n) is a Dot-string (needs no quoting) */
static int
dot_string_ok(const unsigned char *v, size_t n, int smtputf8)
{
	size_t	i;

	if (n == 0 || v[0] == '.' || v[n - 1] == '.')
		return (0);
	for (i = 0; i < n; i++) {
		if (v[i] == '.') {
			if (v[i + 1] == '.')
				return (0);
		} else if (!is_atext(v[i], smtputf8)) {
			return (0);
		}
	}
	return (1);
}

/* normalize - minimum quoting for the local part, domain as sent */
static void
normalize(struct pst_addr *out, int smtputf8)
{
	unsigned char v[PST_MAX_LOCAL_PART];
	size_t	n = 0;
	size_t	i;
	size_t	o = 0;
	const unsigned char *l = (const unsigned char *) out->local.ptr;

	if (out->flags & PST_ADDR_QUOTED) {
		for (i = 1; i + 1 < out->local.len && n < sizeof(v); i++) {
			if (l[i] == '\\')
				i++;
			v[n++] = l[i];
		}
	} else {
		n = out->local.len < sizeof(v) ? out->local.len : sizeof(v);
		memcpy(v, l, n);
	}
	/* an unquoted local part is a Dot-string already: no re-check */
	if (!(out->flags & PST_ADDR_QUOTED) || dot_string_ok(v, n, smtputf8)) {
		memcpy(out->norm, v, n);
		o = n;
	} else {
		out->norm[o++] = '"';
		for (i = 0; i < n; i++) {
			if (v[i] == '"' || v[i] == '\\')
				out->norm[o++] = '\\';
			out->norm[o++] = (char) v[i];
		}
		out->norm[o++] = '"';
	}
	out->norm[o++] = '@';
	memcpy(out->norm + o, out->domain.ptr, out->domain.len);
	o += out->domain.len;
	out->norm[o] = 0;
	out->norm_len = o;
}

/* set_norm - copy a span verbatim as the normalised form */
static void
set_norm(struct pst_addr *out, const char *p, size_t n)
{
	if (n > 0)				/* p is NULL for "<>" */
		memcpy(out->norm, p, n);
	out->norm[n] = 0;
	out->norm_len = n;
}

/* parse_content - what stands between the angle brackets */
static enum pst_err
parse_content(struct addr_parser *ap, size_t start, enum pst_addr_ctx ctx,
	      struct pst_addr *out)
{
	const char *p = (const char *) ap->s;
	enum pst_err e;
	size_t	local;

	ap->pos = start;
	if (start == ap->end) {
		if (ctx == PST_ADDR_RCPT)
			return (fail(ap, start, PST_ADDR_NULL_IN_RCPT));
		out->flags |= PST_ADDR_NULL;
		return (PST_OK);
	}
	if (ap->end - start == 10
	    && pst_span_eq_nocase(pst_span_make(p + start, 10),
				  "postmaster")) {
		if (ctx == PST_ADDR_MAIL)
			return (fail(ap, start, PST_ADDR_POSTMASTER_IN_MAIL));
		out->flags |= PST_ADDR_POSTMASTER;
		out->local = pst_span_make(p + start, ap->end - start);
		return (PST_OK);
	}
	if (has_route(ap, start) && (e = parse_route(ap, out)) != PST_OK)
		return (e);
	local = ap->pos;
	if ((e = parse_local(ap)) != PST_OK)
		return (e);
	out->local = pst_span_make(p + local, ap->pos - local);
	if (p[local] == '"')
		out->flags |= PST_ADDR_QUOTED;
	if (!pst_is_ascii(p + local, ap->pos - local))
		out->flags |= PST_ADDR_UTF8_LOCAL;
	ap->pos++;				/* "@" */
	local = ap->pos;
	if ((e = parse_domain(ap, 0, &out->flags)) != PST_OK)
		return (e);
	out->domain = pst_span_make(p + local, ap->pos - local);
	return (PST_OK);
}

/*
 * pst_addr_path_end - the ">" closing a path. A ">" is hidden only
 * inside a quoted local part, which starts right after "<" or after
 * the ":" ending a source route; a stray DQUOTE elsewhere is an error
 * for the parser to name, not a reason to read past the real ">".
 */
size_t
pst_addr_path_end(struct pst_span in)
{
	size_t	i = 1;

	if (in.len == 0 || in.ptr[0] != '<')
		return ((size_t) -1);
	if (i < in.len && in.ptr[i] == '@') {
		while (i < in.len && in.ptr[i] != ':' && in.ptr[i] != '>')
			i++;
		if (i < in.len && in.ptr[i] == ':')
			i++;
	}
	if (i < in.len && in.ptr[i] == '"') {
		for (i++; i < in.len && in.ptr[i] != '"'; i++)
			if (in.ptr[i] == '\\')
				i++;
		if (i >= in.len)
			return ((size_t) -1);
	}
	while (i < in.len && in.ptr[i] != '>')
		i++;
	return (i < in.len ? i : (size_t) -1);
}

/* pst_addr_parse - validate, then normalise */
enum pst_err
pst_addr_parse(struct pst_span in, enum pst_addr_ctx ctx, unsigned flags,
	       struct pst_addr *out)
{
	struct addr_parser ap;
	enum pst_err e;
	size_t	start;
	size_t	close;
	size_t	path_len;
	size_t	bad;
	size_t	max_label;
	size_t	dom_len;

	/* not memset: norm is written only on success */
	out->route = out->local = out->domain = pst_span_make(NULL, 0);
	out->flags = 0;
	out->err_off = 0;
	out->norm_len = 0;
	out->norm[0] = 0;
	memset(&ap, 0, sizeof(ap));
	ap.s = (const unsigned char *) in.ptr;
	ap.smtputf8 = (flags & PST_ADDR_F_SMTPUTF8) != 0;

	/* 1. Encoding of the whole input comes first. */
	if (!pst_is_ascii(in.ptr, in.len)) {
		if (!pst_utf8_valid(in.ptr, in.len, &bad)) {
			e = PST_ADDR_INVALID_UTF8;
			ap.err_off = bad;
			goto out;
		}
		if (!ap.smtputf8) {
			for (bad = 0; ap.s[bad] < 0x80; bad++)
				 /* void */ ;
			e = PST_ADDR_NON_ASCII;
			ap.err_off = bad;
			goto out;
		}
	}
	/* 2. Brackets. */
	if (flags & PST_ADDR_F_BARE) {
		start = 0;
		ap.end = in.len;
		path_len = in.len + 2;
	} else {
		if (in.len == 0) {
			e = PST_ADDR_EMPTY_PATH;
			goto out;
		}
		if (in.ptr[0] != '<') {
			e = in.ptr[0] == ' ' ? PST_ADDR_SPACE_BEFORE :
				PST_ADDR_NO_BRACKETS;
			goto out;
		}
		if (memchr(in.ptr, '>', in.len) == NULL) {
			e = PST_ADDR_NO_BRACKETS;
			ap.err_off = in.len;
			goto out;
		}
		/*
		 * With no closing ">" outside a quoted local part, parse to
		 * the end: the parser then names the real flaw (say, an
		 * unterminated quoted string).
		 */
		close = pst_addr_path_end(in);
		start = 1;
		ap.end = close == (size_t) -1 ? in.len : close;
		path_len = ap.end + 1;
	}
	/* 3. Syntax, left to right. */
	if ((e = parse_content(&ap, start, ctx, out)) != PST_OK)
		goto out;
	if (!(flags & PST_ADDR_F_BARE) && ap.end == in.len) {
		e = PST_ADDR_NO_BRACKETS;
		ap.err_off = in.len;
		goto out;
	}
	if (!(flags & PST_ADDR_F_BARE) && path_len < in.len) {
		e = PST_ADDR_JUNK_AFTER;
		ap.err_off = path_len;
		goto out;
	}
	if (out->flags & (PST_ADDR_NULL | PST_ADDR_POSTMASTER)) {
		set_norm(out, out->local.ptr, out->local.len);
		goto out;
	}
	/* 4. U-labels, then 5. lengths. */
	max_label = ap.max_label;
	dom_len = out->domain.len;
	if ((out->flags & PST_ADDR_UTF8_DOMAIN)
	    && (e = check_ulabels(&ap, out->domain, &max_label,
				  &dom_len)) != PST_OK)
		goto out;
	e = PST_ADDR_LOCAL_TOO_LONG;
	ap.err_off = (size_t) (out->local.ptr - in.ptr);
	if (out->local.len > PST_MAX_LOCAL_PART)
		goto out;
	e = PST_ADDR_LABEL_TOO_LONG;
	ap.err_off = (size_t) (out->domain.ptr - in.ptr);
	if (max_label > PST_MAX_LABEL)
		goto out;
	e = PST_ADDR_DOMAIN_TOO_LONG;
	if (dom_len > PST_MAX_DOMAIN)
		goto out;
	e = PST_ADDR_PATH_TOO_LONG;
	ap.err_off = 0;
	if (path_len > PST_MAX_PATH)
		goto out;
	e = PST_OK;
	normalize(out, ap.smtputf8);

out:
	out->err_off = ap.err_off;
	if (e != PST_OK) {
		out->flags = 0;
		out->norm[0] = 0;
		out->norm_len = 0;
	}
	return (e);
}
