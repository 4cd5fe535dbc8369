/*
 * NAME
 *	reply.c - reply codes, enhanced status codes, reply text
 * SUMMARY
 *	validation, sanitising and multiline formatting of SMTP replies
 * SYNOPSIS
 *	#include <postern/reply.h>
 * DESCRIPTION
 *	Reply text often carries peer-supplied bytes (an address, a
 *	parameter); pst_reply_sanitize() makes sure no CR, LF, NUL, other
 *	control octet or invalid UTF-8 octet gets through, so no reply can
 *	be split or smuggle a second one. Lines are cut on a character
 *	boundary so the reply stays valid UTF-8.
 *
 *	A reply and its enhanced status must agree (RFC 3463 2: the class
 *	digit of the status equals the first digit of the reply, and only
 *	2, 4 and 5 exist). Postfix reads a mismatched pair as a
 *	configuration error; we refuse to emit one.
 * SEE ALSO
 *	RFC 5321 4.2, 4.2.1, 4.5.3.1.5; RFC 3463 2; RFC 2034
 * LICENSE
 *	MIT
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include <postern/reply.h>
#include <postern/limits.h>
#include <postern/utf8.h>

int
pst_reply_code_valid(int code)
{
	return (code >= 200 && code <= 599 && (code / 10) % 10 <= 5);
}

const char *
pst_reply_class_name(int code)
{
	static const char *const names[] = {
		"Positive Completion", "Positive Intermediate",
		"Transient Negative Completion",
		"Permanent Negative Completion",
	};

	return (pst_reply_code_valid(code) ? names[code / 100 - 2] : NULL);
}

const char *
pst_reply_category_name(int code)
{
	static const char *const names[] = {
		"Syntax", "Information", "Connections", "Unspecified",
		"Unspecified", "Mail system",
	};

	return (pst_reply_code_valid(code) ? names[(code / 10) % 10] : NULL);
}

/* number - 1*3DIGIT without a sign; -1 if malformed */
static int
number(struct pst_span s, size_t *pos)
{
	int	v = 0;
	size_t	start = *pos;

	while (*pos < s.len && s.ptr[*pos] >= '0' && s.ptr[*pos] <= '9'
	       && *pos - start < 3)
		v = v * 10 + (s.ptr[(*pos)++] - '0');
	if (*pos == start || (*pos < s.len && s.ptr[*pos] >= '0'
			      && s.ptr[*pos] <= '9'))
		return (-1);
	return (v);
}

/* pst_status_parse - status-code = class "." subject "." detail */
enum pst_err
pst_status_parse(struct pst_span s, struct pst_status *st)
{
	size_t	pos = 0;

	if (s.len < 5 || (s.ptr[0] != '2' && s.ptr[0] != '4'
			  && s.ptr[0] != '5') || s.ptr[1] != '.')
		return (PST_REPLY_STATUS);
	st->cls = s.ptr[0] - '0';
	pos = 2;
	if ((st->subject = number(s, &pos)) < 0 || pos >= s.len
	    || s.ptr[pos] != '.')
		return (PST_REPLY_STATUS);
	pos++;
	if ((st->detail = number(s, &pos)) < 0 || pos != s.len)
		return (PST_REPLY_STATUS);
	return (PST_OK);
}

enum pst_err
pst_reply_check(int code, struct pst_span status)
{
	struct pst_status st;
	enum pst_err e;

	if (!pst_reply_code_valid(code))
		return (PST_REPLY_CODE);
	if (status.ptr == NULL || status.len == 0)
		return (PST_OK);
	if ((e = pst_status_parse(status, &st)) != PST_OK)
		return (e);
	if (st.cls != code / 100)
		return (PST_REPLY_CLASS_MISMATCH);
	return (PST_OK);
}

/* clean_len - octets of text that fit max with a character boundary */
static size_t
cut_point(const unsigned char *t, size_t len, size_t max)
{
	size_t	i = 0;

	while (i < len) {
		size_t	n = pst_utf8_seqlen(t + i, len - i);

		if (n == 0)
			n = 1;
		if (i + n > max)
			break;
		i += n;
	}
	return (i);
}

enum pst_err
pst_reply_sanitize(struct pst_buf *out, struct pst_span text, size_t max)
{
	const unsigned char *t = (const unsigned char *) text.ptr;
	size_t	keep = text.len;
	size_t	i;
	int	cut = 0;
	enum pst_err e;

	if (text.len > max) {
		keep = cut_point(t, text.len, max > 3 ? max - 3 : 0);
		cut = 1;
	}
	for (i = 0; i < keep;) {
		size_t	n = pst_utf8_seqlen(t + i, keep - i);

		if (n == 0 || (n == 1 && (t[i] < 0x20 || t[i] == 0x7f))) {
			e = pst_buf_addc(out, '?');
			i++;
		} else {
			e = pst_buf_append(out, t + i, n);
			i += n;
		}
		if (e != PST_OK)
			return (e);
	}
	return (cut ? pst_buf_append(out, "...", max >= 3 ? 3 : max) : PST_OK);
}

enum pst_err
pst_reply_format(struct pst_buf *out, int code, const char *status,
		 struct pst_span text)
{
	struct pst_span st = pst_span_cstr(status);
	size_t	pos = 0;
	size_t	lines = 0;
	enum pst_err e;

	if ((e = pst_reply_check(code, st)) != PST_OK)
		return (e);
	for (;;) {
		size_t	eol = pos;
		size_t	room;
		char	head[16];
		int	n;
		int	last;

		while (eol < text.len && text.ptr[eol] != '\n')
			eol++;
		last = eol >= text.len;
		if (++lines > PST_MAX_REPLY_LINES)
			return (PST_REPLY_TOO_MANY_LINES);
		n = snprintf(head, sizeof(head), "%03d%c%s%s", code,
			     last ? ' ' : '-', st.len ? status : "",
			     st.len ? " " : "");
		if (n < 0 || (size_t) n >= sizeof(head))
			return (PST_REPLY_STATUS);
		if ((e = pst_buf_append(out, head, (size_t) n)) != PST_OK)
			return (e);
		/* room for the text: the line limit less code, status, CRLF */
		room = PST_MAX_REPLY_LINE - (size_t) n - 2;
		if (eol > pos && text.ptr[eol - 1] == '\r')
			eol--;			/* tolerate CRLF in input */
		e = pst_reply_sanitize(out, pst_span_make(text.ptr + pos,
							 eol - pos), room);
		if (e == PST_OK)
			e = pst_buf_append(out, "\r\n", 2);
		if (e != PST_OK)
			return (e);
		if (last)
			return (PST_OK);
		pos = eol;
		if (pos < text.len && text.ptr[pos] == '\r')
			pos++;
		pos++;				/* the LF */
	}
}
