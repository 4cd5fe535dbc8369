/*
 * NAME
 *	received_info.c - TLS and AUTH as Received fields record them
 * SUMMARY
 *	RFC 3848 keywords, TLS comments, AUTH comments
 * SYNOPSIS
 *	#include "received_info.h"
 * DESCRIPTION
 *	TLS is recorded by an RFC 3848/6531 keyword ending in S or SA, by
 *	"ESMTP/TLS/cipher" (IronPort), "cipher encrypted SMTP"
 *	(MessageLabs, qmail-tls), or by a comment: Postfix "using TLSv1.3
 *	with cipher X", Exchange "version=TLS1_2, cipher=X" and "(TLS)",
 *	Exim "(TLS1.3)" and "(TLSv1:X:256)", OpenSMTPD "(TLSv1.3:X:256:NO)",
 *	Haraka/ecelerity "(cipher=X)", SMTPSVC "over TLS secured channel",
 *	Gmail "(Google Transport Security)". Versions and ciphers are
 *	reported as written. "with HTTPS" alone is not SMTP TLS.
 *
 *	AUTH is recorded by a keyword ending in A (ESMTPA, ESMTPSA,
 *	LMTPA), ASMTP, or a comment ("Authenticated sender:",
 *	"authenticated bits=", "(authenticated)", "AUTH:", "with login").
 *	A plain RFC 3848 keyword with nothing else records "not
 *	authenticated"; anything else leaves AUTH unknown.
 * SEE ALSO
 *	RFC 3848; RFC 6531 3.7.3; RFC 8314 (SMTPS)
 * LICENSE
 *	MIT
 */
#include "config.h"

#include <string.h>

#include "received_info.h"

#define IS_WSP(c)	((c) == ' ' || (c) == '\t' || (c) == '\r' \
			 || (c) == '\n')

void
pst_cwords_init(struct pst_cwords *cw, struct pst_span comment)
{
	cw->c = comment;
	cw->pos = 0;
}

int
pst_cwords_next(struct pst_cwords *cw, struct pst_span *w)
{
	const char *p = cw->c.ptr;
	size_t	n = cw->c.len;
	size_t	start;

	for (;;) {
		int	depth = 0;

		while (cw->pos < n && (IS_WSP(p[cw->pos])
				       || p[cw->pos] == ','))
			cw->pos++;
		if (cw->pos >= n)
			return (0);
		if (p[cw->pos] != '(')
			break;
		do {
			if (p[cw->pos] == '\\')
				cw->pos++;
			else if (p[cw->pos] == '(')
				depth++;
			else if (p[cw->pos] == ')')
				depth--;
			cw->pos++;
		} while (cw->pos < n && depth > 0);
	}
	start = cw->pos;
	while (cw->pos < n && !IS_WSP(p[cw->pos]) && p[cw->pos] != '('
	       && p[cw->pos] != ',')
		cw->pos++;
	*w = pst_span_make(p + start, cw->pos - start);
	return (1);
}

/* is_tls_version - "TLSv1.3", "TLS1_2", "SSLv3", "TLS-1.0" ... */
static int
is_tls_version(struct pst_span w)
{
	return (w.len > 3 && (pst_span_starts_nocase(w, "TLS")
			      || pst_span_starts_nocase(w, "SSL")));
}

/* trim - a comment without surrounding white space */
static struct pst_span
trim(struct pst_span s)
{
	while (s.len > 0 && IS_WSP(s.ptr[0]))
		s = pst_span_sub(s, 1, s.len - 1);
	while (s.len > 0 && IS_WSP(s.ptr[s.len - 1]))
		s.len--;
	return (s);
}

/* colon_form - "TLSv1.3:CIPHER:256[:NO]" (Exim, OpenSMTPD) */
static int
colon_form(struct pst_span c, struct pst_received *out)
{
	size_t	i;
	size_t	j;

	for (i = 0; i < c.len && c.ptr[i] != ':'; i++)
		if (IS_WSP(c.ptr[i]))
			return (0);
	if (i >= c.len || !is_tls_version(pst_span_sub(c, 0, i)))
		return (0);
	for (j = i + 1; j < c.len && c.ptr[j] != ':'; j++)
		 /* void */ ;
	out->tls = 1;
	out->tls_version = pst_span_sub(c, 0, i);
	out->tls_cipher = pst_span_sub(c, i + 1, j - i - 1);
	return (1);
}

void
pst_rcvd_comment_info(struct pst_span comment, struct pst_received *out)
{
	struct pst_cwords cw;
	struct pst_span w;
	struct pst_span prev = pst_span_make(NULL, 0);
	struct pst_span c = trim(comment);
	int	want_version = 0;
	int	want_cipher = 0;

	if (pst_span_eq_nocase(c, "TLS")) {
		out->tls = 1;
		return;
	}
	if (colon_form(c, out))
		return;
	if (is_tls_version(c) && c.len < 16 && memchr(c.ptr, ' ', c.len)
	    == NULL) {
		out->tls = 1;
		out->tls_version = c;
		return;
	}
	pst_cwords_init(&cw, c);
	while (pst_cwords_next(&cw, &w)) {
		if (want_version && is_tls_version(w)) {
			out->tls = 1;
			out->tls_version = w;
		} else if (want_cipher) {
			out->tls_cipher = w;
		} else if (pst_span_starts_nocase(w, "version=")
			   && is_tls_version(pst_span_sub(w, 8, w.len))) {
			out->tls = 1;
			out->tls_version = pst_span_sub(w, 8, w.len);
		} else if (pst_span_starts_nocase(w, "cipher=")) {
			out->tls = 1;
			out->tls_cipher = pst_span_sub(w, 7, w.len);
		} else if (pst_span_eq_nocase(w, "secured")
			   && pst_span_eq_nocase(prev, "TLS")) {
			/* SMTPSVC "over TLS secured channel" */
			out->tls = 1;
		} else if (pst_span_eq_nocase(w, "Transport")
			   && pst_span_eq_nocase(prev, "Google")) {
			out->tls = 1;
		} else if ((pst_span_starts_nocase(w, "authenticated")
			    && !pst_span_eq_nocase(prev, "not"))
			   || pst_span_eq_nocase(w, "AUTH:")
			   || (pst_span_eq_nocase(w, "login")
			       && pst_span_eq_nocase(prev, "with"))) {
			out->auth = 1;
		}
		want_version = pst_span_eq_nocase(w, "using");
		want_cipher = out->tls && pst_span_eq_nocase(w, "cipher");
		prev = w;
	}
}

/* is_host_name - dotted, with an alphabetic last label */
static int
is_host_name(struct pst_span w)
{
	size_t	dot = w.len;
	size_t	i;

	while (dot > 0 && w.ptr[dot - 1] != '.')
		dot--;
	if (dot == 0 || w.len - dot < 2 || memchr(w.ptr, '/', w.len) != NULL
	    || memchr(w.ptr, ' ', w.len) != NULL)
		return (0);
	for (i = dot; i < w.len; i++)
		if (!((w.ptr[i] | 32) >= 'a' && (w.ptr[i] | 32) <= 'z'))
			return (0);
	return (1);
}

/* One RFC 3848 / RFC 6531 protocol keyword. */
static const struct {
	const char *name;
	int	tls;
	int	auth;
} protocols[] = {
	{"SMTP", 0, 0}, {"ESMTP", 0, 0}, {"ESMTPA", 0, 1}, {"ESMTPS", 1, 0},
	{"ESMTPSA", 1, 1}, {"LMTP", 0, 0}, {"LMTPA", 0, 1}, {"LMTPS", 1, 0},
	{"LMTPSA", 1, 1}, {"UTF8SMTP", 0, 0}, {"UTF8SMTPA", 0, 1},
	{"UTF8SMTPS", 1, 0}, {"UTF8SMTPSA", 1, 1}, {"UTF8LMTP", 0, 0},
	{"UTF8LMTPA", 0, 1}, {"UTF8LMTPS", 1, 0}, {"UTF8LMTPSA", 1, 1},
	{"SMTPS", 1, -1}, {"ASMTP", 0, 1},
};

/* is_protocol - an RFC 3848/6531 keyword or a common bare protocol */
static int
is_protocol(struct pst_span w)
{
	static const char *const bare[] = {
		"HTTP", "HTTPS", "HTTPREST", "local", "mapi", "QMQP", "UUCP",
		"IMAP", "POP3", "BSMTP",
	};
	size_t	i;

	for (i = 0; i < sizeof(protocols) / sizeof(protocols[0]); i++)
		if (pst_span_eq_nocase(w, protocols[i].name))
			return (1);
	for (i = 0; i < sizeof(bare) / sizeof(bare[0]); i++)
		if (pst_span_eq_nocase(w, bare[i]))
			return (1);
	return (0);
}

void
pst_rcvd_with_info(struct pst_received *out)
{
	struct pst_span w = out->with;
	struct pst_cwords cw;
	struct pst_span word;
	struct pst_span prev = pst_span_make(NULL, 0);
	size_t	i;
	size_t	slash;

	if (w.ptr == NULL)
		return;
	/*
	 * A protocol keyword stands alone; other values are product names
	 * and stay whole: "Microsoft SMTP Server", "MailEnable ESMTP",
	 * "[XMail 1.20 ESMTP Server]", "<cipher> encrypted SMTP".
	 */
	pst_cwords_init(&cw, w);
	if (pst_cwords_next(&cw, &word) && is_protocol(word))
		out->with = w = word;	/* "SMTP mgrt 8979437": the keyword */
	/* Domino "with smtp.example.com ESMTP": a host, not a protocol */
	pst_cwords_init(&cw, w);
	if (pst_cwords_next(&cw, &word) && is_host_name(word)) {
		out->with = pst_span_make(NULL, 0);
		return;
	}
	/* IronPort "ESMTP/TLS/cipher" */
	for (slash = 0; slash < w.len && w.ptr[slash] != '/'; slash++)
		 /* void */ ;
	if (slash < w.len) {
		struct pst_span rest = pst_span_sub(w, slash + 1, w.len);

		if (pst_span_starts_nocase(rest, "TLS/")) {
			out->tls = 1;
			out->tls_cipher = pst_span_sub(rest, 4, rest.len);
		}
		out->with = w = pst_span_sub(w, 0, slash);
	}
	/* MessageLabs, qmail-tls: "<cipher> encrypted SMTP" */
	pst_cwords_init(&cw, w);
	while (pst_cwords_next(&cw, &word)) {
		if (pst_span_eq_nocase(prev, "encrypted")) {
			out->tls = 1;
			out->with = w = word;
			break;
		}
		if (pst_span_eq_nocase(word, "encrypted") && prev.ptr != NULL)
			out->tls_cipher = prev;
		prev = word;
	}
	for (i = 0; i < sizeof(protocols) / sizeof(protocols[0]); i++) {
		if (!pst_span_eq_nocase(w, protocols[i].name))
			continue;
		if (protocols[i].tls)
			out->tls = 1;
		if (protocols[i].auth == 1)
			out->auth = 1;
		else if (protocols[i].auth == 0 && out->auth != 1)
			out->auth = 0;
		return;
	}
}
