/*
 * NAME
 *	span.c - (pointer, length) views
 * SUMMARY
 *	construction and ASCII case-insensitive comparison of spans
 * SYNOPSIS
 *	#include <postern/span.h>
 * DESCRIPTION
 *	Comparisons are ASCII-only on purpose: SMTP keywords, verbs and
 *	"Postmaster" are case-insensitive in ASCII (RFC 5321 2.4); locale
 *	must never change their meaning.
 * LICENSE
 *	MIT
 */
#include "config.h"

#include <string.h>

#include <postern/span.h>

/* lower - ASCII tolower, locale independent */
static unsigned char
lower(unsigned char c)
{
	return (c >= 'A' && c <= 'Z' ? (unsigned char) (c + 32) : c);
}

struct pst_span
pst_span_make(const char *ptr, size_t len)
{
	struct pst_span s;

	s.ptr = ptr;
	s.len = len;
	return (s);
}

struct pst_span
pst_span_cstr(const char *str)
{
	return (pst_span_make(str ? str : "", str ? strlen(str) : 0));
}

int
pst_span_starts_nocase(struct pst_span s, const char *lit)
{
	size_t	i;

	for (i = 0; lit[i] != 0; i++)
		if (i >= s.len || lower((unsigned char) s.ptr[i])
		    != lower((unsigned char) lit[i]))
			return (0);
	return (1);
}

/* pst_span_eq_nocase - one pass, no strlen(): parsers call it per word */
int
pst_span_eq_nocase(struct pst_span s, const char *lit)
{
	size_t	i;

	for (i = 0; lit[i] != 0; i++)
		if (i >= s.len || lower((unsigned char) s.ptr[i])
		    != lower((unsigned char) lit[i]))
			return (0);
	return (i == s.len);
}

int
pst_span_eq_span_nocase(struct pst_span a, struct pst_span b)
{
	size_t	i;

	if (a.len != b.len)
		return (0);
	for (i = 0; i < a.len; i++)
		if (lower((unsigned char) a.ptr[i])
		    != lower((unsigned char) b.ptr[i]))
			return (0);
	return (1);
}

int64_t
pst_span_decimal(struct pst_span s)
{
	int64_t	n = 0;
	size_t	i;

	/* 18 digits cannot overflow int64_t */
	if (s.len == 0 || s.len > 18)
		return (-1);
	for (i = 0; i < s.len; i++) {
		if (s.ptr[i] < '0' || s.ptr[i] > '9')
			return (-1);
		n = n * 10 + (s.ptr[i] - '0');
	}
	return (n);
}

struct pst_span
pst_span_sub(struct pst_span s, size_t off, size_t len)
{
	if (off > s.len)
		off = s.len;
	if (len > s.len - off)
		len = s.len - off;
	return (pst_span_make(s.ptr + off, len));
}
