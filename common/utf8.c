/*
 * NAME
 *	utf8.c - strict UTF-8 validation
 * SUMMARY
 *	RFC 3629 well-formedness without a locale
 * SYNOPSIS
 *	#include <postern/utf8.h>
 * DESCRIPTION
 *	Implements the table of RFC 3629 section 4 exactly: second-octet
 *	ranges exclude overlong forms (E0 A0.., F0 90..), surrogates
 *	(ED 80..9F) and code points above U+10FFFF (F4 80..8F).
 * SEE ALSO
 *	RFC 3629 section 4
 * LICENSE
 *	MIT
 */
#include "config.h"

#include <stdint.h>
#include <string.h>

#include <postern/utf8.h>

/* cont - 1 if c is a continuation octet 80..BF */
static int
cont(unsigned char c)
{
	return (c >= 0x80 && c <= 0xbf);
}

size_t
pst_utf8_seqlen(const unsigned char *p, size_t avail)
{
	unsigned char c;
	unsigned char lo = 0x80;
	unsigned char hi = 0xbf;
	size_t	n;
	size_t	i;

	if (avail == 0)
		return (0);
	c = p[0];
	if (c < 0x80)
		return (1);
	if (c >= 0xc2 && c <= 0xdf)
		n = 2;
	else if (c >= 0xe0 && c <= 0xef)
		n = 3;
	else if (c >= 0xf0 && c <= 0xf4)
		n = 4;
	else
		return (0);
	if (c == 0xe0)
		lo = 0xa0;
	else if (c == 0xed)
		hi = 0x9f;
	else if (c == 0xf0)
		lo = 0x90;
	else if (c == 0xf4)
		hi = 0x8f;
	if (avail < n || p[1] < lo || p[1] > hi)
		return (0);
	for (i = 2; i < n; i++)
		if (!cont(p[i]))
			return (0);
	return (n);
}

int
pst_utf8_valid(const char *p, size_t len, size_t *bad)
{
	const unsigned char *u = (const unsigned char *) p;
	size_t	i = 0;

	while (i < len) {
		size_t	n = pst_utf8_seqlen(u + i, len - i);

		if (n == 0) {
			if (bad != NULL)
				*bad = i;
			return (0);
		}
		i += n;
	}
	return (1);
}

/* pst_is_ascii - eight octets at a time; memcpy keeps it alignment-safe */
int
pst_is_ascii(const char *p, size_t len)
{
	size_t	i = 0;

	for (; i + 8 <= len; i += 8) {
		uint64_t w;

		memcpy(&w, p + i, 8);
		if (w & UINT64_C(0x8080808080808080))
			return (0);
	}
	for (; i < len; i++)
		if ((unsigned char) p[i] >= 0x80)
			return (0);
	return (1);
}
