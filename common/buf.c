/*
 * NAME
 *	buf.c - bounded growable buffer
 * SUMMARY
 *	append-only byte buffer with a mandatory cap
 * SYNOPSIS
 *	#include <postern/buf.h>
 * DESCRIPTION
 *	Like curl's dynbuf: the cap is fixed at init and consulted on
 *	every growth; exceeding it, or failing to allocate, frees the
 *	buffer and returns an error, so callers never see a half-built
 *	value. Sizes are checked for overflow before any allocation.
 * DIAGNOSTICS
 *	PST_TOOBIG past the cap, PST_NOMEM when allocation fails.
 * LICENSE
 *	MIT
 */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include <postern/buf.h>

#include "alloc.h"

#define BUF_MIN_ALLOC	64

void
pst_buf_init(struct pst_buf *b, size_t max)
{
	b->data = NULL;
	b->len = 0;
	b->alloc = 0;
	b->max = max;
}

void
pst_buf_free(struct pst_buf *b)
{
	pst_free(b->data);
	b->data = NULL;
	b->len = 0;
	b->alloc = 0;
}

void
pst_buf_reset(struct pst_buf *b)
{
	b->len = 0;
	if (b->data != NULL)
		b->data[0] = 0;
}

/* grow - make room for need more octets plus the NUL */
static enum pst_err
grow(struct pst_buf *b, size_t need)
{
	size_t	want;
	size_t	nalloc;
	char   *p;

	if (need > b->max || b->len > b->max - need) {
		pst_buf_free(b);
		return (PST_TOOBIG);
	}
	want = b->len + need + 1;
	if (want <= b->alloc)
		return (PST_OK);
	nalloc = b->alloc ? b->alloc : BUF_MIN_ALLOC;
	while (nalloc < want)
		nalloc = nalloc > (size_t) -1 / 2 ? want : nalloc * 2;
	if (nalloc > b->max + 1)
		nalloc = b->max + 1;
	if ((p = pst_realloc(b->data, nalloc)) == NULL) {
		pst_buf_free(b);
		return (PST_NOMEM);
	}
	b->data = p;
	b->alloc = nalloc;
	return (PST_OK);
}

enum pst_err
pst_buf_append(struct pst_buf *b, const void *p, size_t n)
{
	enum pst_err e;

	if ((e = grow(b, n)) != PST_OK)
		return (e);
	if (n > 0)
		memcpy(b->data + b->len, p, n);
	b->len += n;
	b->data[b->len] = 0;
	return (PST_OK);
}

enum pst_err
pst_buf_addc(struct pst_buf *b, int c)
{
	char	ch = (char) c;

	return (pst_buf_append(b, &ch, 1));
}

enum pst_err
pst_buf_adds(struct pst_buf *b, const char *s)
{
	return (pst_buf_append(b, s, strlen(s)));
}

enum pst_err
pst_buf_printf(struct pst_buf *b, const char *fmt, ...)
{
	va_list	ap;
	int	n;
	enum pst_err e;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0) {
		pst_buf_free(b);
		return (PST_INVAL);
	}
	if ((e = grow(b, (size_t) n)) != PST_OK)
		return (e);
	va_start(ap, fmt);
	(void) vsnprintf(b->data + b->len, (size_t) n + 1, fmt, ap);
	va_end(ap);
	b->len += (size_t) n;
	return (PST_OK);
}

const char *
pst_buf_str(const struct pst_buf *b)
{
	return (b->data ? b->data : "");
}
