/*
 * NAME
 *	utf8.h - strict UTF-8 validation (RFC 3629)
 * SYNOPSIS
 *	#include <postern/utf8.h>
 * DESCRIPTION
 *	pst_utf8_valid() rejects overlong forms, surrogates (U+D800 to
 *	U+DFFF), code points above U+10FFFF, lone continuation bytes, 0xC0,
 *	0xC1 and 0xF5 to 0xFF, and truncated sequences.
 * SEE ALSO
 *	RFC 3629 section 4 (syntax of UTF-8 byte sequences)
 * LICENSE
 *	MIT
 */
#ifndef POSTERN_UTF8_H
#define POSTERN_UTF8_H

#include <postern/api.h>
#include <stddef.h>

PST_BEGIN_DECLS
/* pst_utf8_seqlen - length of the valid sequence at p (0 if invalid) */
PST_API size_t pst_utf8_seqlen(const unsigned char *p, size_t avail);
/* pst_utf8_valid - 1 if p[0..len) is valid UTF-8; *bad = offset if not */
PST_API int pst_utf8_valid(const char *p, size_t len, size_t *bad);
/* pst_is_ascii - 1 if no octet has the high bit set */
PST_API int pst_is_ascii(const char *p, size_t len);
PST_END_DECLS

#endif
