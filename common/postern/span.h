/*
 * NAME
 *	span.h - (pointer, length) views over untrusted bytes
 * SYNOPSIS
 *	#include <postern/span.h>
 * DESCRIPTION
 *	A span never owns its bytes and is never NUL-terminated by
 *	contract. Parsers take spans and never read past len.
 * LICENSE
 *	MIT
 */
#ifndef POSTERN_SPAN_H
#define POSTERN_SPAN_H

#include <postern/api.h>
#include <stddef.h>
#include <stdint.h>

struct pst_span {
	const char *ptr;
	size_t	len;
};

PST_BEGIN_DECLS
/* pst_span_make - span over ptr[0..len) */
PST_API struct pst_span pst_span_make(const char *ptr, size_t len);
/* pst_span_cstr - span over a NUL-terminated string (NULL -> empty) */
PST_API struct pst_span pst_span_cstr(const char *s);
/* pst_span_eq_nocase - ASCII case-insensitive equality with a C string */
PST_API int pst_span_eq_nocase(struct pst_span s, const char *lit);
/* pst_span_eq_span_nocase - two spans equal, ignoring ASCII case */
PST_API int pst_span_eq_span_nocase(struct pst_span a, struct pst_span b);
/* pst_span_starts_nocase - ASCII case-insensitive prefix test */
PST_API int pst_span_starts_nocase(struct pst_span s, const char *lit);
/* pst_span_sub - s[off..off+len), clamped to s */
PST_API struct pst_span pst_span_sub(struct pst_span s, size_t off,
				     size_t len);
/* pst_span_decimal - 1 to 18 ASCII digits as a number; -1 otherwise
 * (empty, a sign, any other byte, too long) */
PST_API int64_t pst_span_decimal(struct pst_span s);
PST_END_DECLS

#endif
