/*
 * NAME
 *	header.c - RFC 5322 header fields, one at a time
 * SUMMARY
 *	split a header block into (name, folded value) spans
 * SYNOPSIS
 *	#include <postern/header.h>
 * DESCRIPTION
 *	Linear in the size of the block; no allocation; never reads past
 *	the span. CRLF and bare LF line ends are both accepted because
 *	stored mail (mbox, Maildir) uses LF.
 * SEE ALSO
 *	RFC 5322 2.2, 2.2.3, 3.6
 * LICENSE
 *	MIT
 */
#include "config.h"

#include <string.h>

#include <postern/header.h>
#include <postern/limits.h>

/* line_end - offset of the LF ending the line at pos, or len */
static size_t
line_end(struct pst_span b, size_t pos)
{
	const char *lf = memchr(b.ptr + pos, '\n', b.len - pos);

	return (lf ? (size_t) (lf - b.ptr) : b.len);
}

struct pst_span
pst_header_block(struct pst_span m, size_t *body_off)
{
	size_t	pos = 0;

	while (pos < m.len) {
		size_t	eol = line_end(m, pos);
		size_t	n = eol - pos;

		if (n == 0 || (n == 1 && m.ptr[pos] == '\r')) {
			if (body_off != NULL)
				*body_off = eol < m.len ? eol + 1 : m.len;
			return (pst_span_make(m.ptr, pos));
		}
		pos = eol < m.len ? eol + 1 : m.len;
	}
	if (body_off != NULL)
		*body_off = m.len;
	return (m);
}

void
pst_header_iter_init(struct pst_header_iter *it, struct pst_span block)
{
	it->block = block;
	it->pos = 0;
	it->bad = 0;
}

int
pst_header_next(struct pst_header_iter *it, struct pst_span *name,
		struct pst_span *value)
{
	struct pst_span b = it->block;

	while (it->pos < b.len) {
		size_t	start = it->pos;
		size_t	eol = line_end(b, start);
		size_t	colon;
		size_t	vstart;
		size_t	end;

		/* the field runs on while the next line starts with WSP */
		end = eol;
		while (end < b.len && end + 1 < b.len
		       && (b.ptr[end + 1] == ' ' || b.ptr[end + 1] == '\t'))
			end = line_end(b, end + 1);
		it->pos = end < b.len ? end + 1 : b.len;
		for (colon = start; colon < eol && b.ptr[colon] != ':'
		     && b.ptr[colon] != ' ' && b.ptr[colon] != '\t'; colon++)
			 /* void */ ;
		if (colon >= eol || b.ptr[colon] != ':' || colon == start) {
			it->bad++;
			continue;
		}
		vstart = colon + 1;
		while (vstart < end && (b.ptr[vstart] == ' '
					|| b.ptr[vstart] == '\t'))
			vstart++;
		if (end > vstart && b.ptr[end - 1] == '\r')
			end--;
		*name = pst_span_make(b.ptr + start, colon - start);
		*value = pst_span_make(b.ptr + vstart, end > vstart ?
				       end - vstart : 0);
		return (1);
	}
	return (0);
}

void
pst_header_scan(const struct pst_header_field *f, size_t n, int *long_line,
		int *eight_bit)
{
	size_t	i;
	size_t	k;

	*long_line = 0;
	*eight_bit = 0;
	for (i = 0; i < n; i++) {
		/* the first line holds "Name: " too */
		size_t	line = f[i].name.len + 2;

		for (k = 0; k < f[i].name.len; k++)
			if ((unsigned char) f[i].name.ptr[k] >= 0x80)
				*eight_bit = 1;
		for (k = 0; k < f[i].value.len; k++) {
			unsigned char c = (unsigned char) f[i].value.ptr[k];

			if (c == '\n') {
				line = 0;	/* a fold starts a new line */
				continue;
			}
			if (c != '\r' && ++line > PST_MAX_TEXT_LINE - 2)
				*long_line = 1;
			if (c >= 0x80)
				*eight_bit = 1;
		}
		if (line > PST_MAX_TEXT_LINE - 2)
			*long_line = 1;
	}
}
