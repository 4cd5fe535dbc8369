/*
 * NAME
 *	buf.h - bounded growable byte buffer
 * SYNOPSIS
 *	#include <postern/buf.h>
 *
 *	struct pst_buf b;
 *	pst_buf_init(&b, max);
 *	if (pst_buf_append(&b, p, n) != PST_OK) ... (b is now empty, freed)
 *	pst_buf_free(&b);
 * DESCRIPTION
 *	Every buffer has a cap fixed at init. An append that would exceed
 *	it, or that fails to allocate, frees the buffer and returns
 *	PST_TOOBIG or PST_NOMEM, so no half-built state escapes. The data
 *	is kept NUL-terminated for convenience; the length is
 *	authoritative and the content may contain NUL bytes.
 * LICENSE
 *	MIT
 */
#ifndef POSTERN_BUF_H
#define POSTERN_BUF_H

#include <postern/api.h>
#include <postern/err.h>
#include <stddef.h>

struct pst_buf {
	char   *data;		/* NUL-terminated when non-NULL */
	size_t	len;
	size_t	alloc;
	size_t	max;		/* cap on len */
};

PST_BEGIN_DECLS
PST_API void pst_buf_init(struct pst_buf *b, size_t max);
PST_API enum pst_err pst_buf_append(struct pst_buf *b, const void *p,
				    size_t n);
PST_API enum pst_err pst_buf_addc(struct pst_buf *b, int c);
PST_API enum pst_err pst_buf_adds(struct pst_buf *b, const char *s);
/* pst_buf_printf - append formatted text, same failure contract */
PST_API enum pst_err pst_buf_printf(struct pst_buf *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* pst_buf_reset - length 0, keep the allocation */
PST_API void pst_buf_reset(struct pst_buf *b);
PST_API void pst_buf_free(struct pst_buf *b);
/* pst_buf_str - content as a C string ("" when empty) */
PST_API const char *pst_buf_str(const struct pst_buf *b);
PST_END_DECLS

#endif
