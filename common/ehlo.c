/*
 * NAME
 *	ehlo.c - the extensions a server advertised
 * SUMMARY
 *	EHLO keyword sets for judging MAIL and RCPT parameters
 * SYNOPSIS
 *	#include <postern/esmtp.h>
 * DESCRIPTION
 *	Accepts either a plain keyword list ("SIZE 10485760 8BITMIME DSN",
 *	commas allowed) or the text of an EHLO reply ("250-SIZE 10485760",
 *	one keyword per line). A number following SIZE is the fixed size
 *	limit (RFC 1870 4: absent or 0 means no fixed limit). Unknown
 *	keywords are ignored, as a client ignores extensions it does not
 *	know; "AUTH PLAIN LOGIN" contributes AUTH.
 * SEE ALSO
 *	RFC 5321 4.1.1.1; RFC 1870 4
 * LICENSE
 *	MIT
 */
#include "config.h"

#include <postern/esmtp.h>

static const char *const ext_names[] = {
#define PST_EXT_NAME_(sym, name) name,
	PST_EXT_MAP(PST_EXT_NAME_)
#undef PST_EXT_NAME_
};

const char *
pst_ext_name(unsigned bit)
{
	return (bit < PST_EXT_BIT__COUNT ? ext_names[bit] : NULL);
}

void
pst_ehlo_all(struct pst_ehlo *out)
{
	out->ext = (1u << PST_EXT_BIT__COUNT) - 1;
	out->max_size = 0;
}

/* is_sep - separators between keywords */
static int
is_sep(char c)
{
	return (c == ' ' || c == '\t' || c == ',' || c == '\r' || c == '\n');
}

/* all_digits - 1 if w is 1*DIGIT */
static int
all_digits(struct pst_span w)
{
	size_t	i;

	for (i = 0; i < w.len; i++)
		if (w.ptr[i] < '0' || w.ptr[i] > '9')
			return (0);
	return (w.len > 0);
}

enum pst_err
pst_ehlo_parse(struct pst_span text, struct pst_ehlo *out)
{
	size_t	i = 0;
	int	after_size = 0;

	out->ext = 0;
	out->max_size = 0;
	while (i < text.len) {
		size_t	start;
		struct pst_span w;
		unsigned b;

		while (i < text.len && is_sep(text.ptr[i]))
			i++;
		start = i;
		while (i < text.len && !is_sep(text.ptr[i]))
			i++;
		w = pst_span_make(text.ptr + start, i - start);
		if (w.len == 0)
			break;
		/* "250-SIZE" / "250 SIZE": drop the reply code */
		if (w.len > 4 && w.ptr[0] == '2' && w.ptr[1] == '5'
		    && w.ptr[2] == '0' && (w.ptr[3] == '-' || w.ptr[3] == ' '))
			w = pst_span_sub(w, 4, w.len - 4);
		if (after_size && all_digits(w)) {
			uint64_t n = 0;
			size_t	k;

			for (k = 0; k < w.len; k++) {
				if (n > (UINT64_MAX - 9) / 10)
					return (PST_INVAL);
				n = n * 10 + (uint64_t) (w.ptr[k] - '0');
			}
			out->max_size = n;
			after_size = 0;
			continue;
		}
		after_size = 0;
		for (b = 0; b < PST_EXT_BIT__COUNT; b++)
			if (pst_span_eq_nocase(w, ext_names[b]))
				break;
		if (b < PST_EXT_BIT__COUNT) {
			out->ext |= 1u << b;
			after_size = b == PST_EXT_BIT_SIZE;
		}
	}
	return (PST_OK);
}
