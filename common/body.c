/*
 * NAME
 *	body.c - what a message body shows, read in chunks
 * SUMMARY
 *	size, line lengths, 8-bit and NUL octets; constant memory
 * SYNOPSIS
 *	#include <postern/body.h>
 * DESCRIPTION
 *	See body.h. A line ends at LF; a CR right before it is not part
 *	of the line, even when the CR ended the previous chunk.
 * LICENSE
 *	MIT
 */
#include "config.h"

#include <string.h>

#include <postern/body.h>
#include <postern/limits.h>

void
pst_body_init(struct pst_body_scan *s)
{
	memset(s, 0, sizeof(*s));
}

/* end_line - a LF: the line is complete */
static void
end_line(struct pst_body_scan *s, uint64_t len)
{
	if (len > s->longest)
		s->longest = len;
	if (len > PST_MAX_TEXT_LINE - 2)
		s->long_line = 1;
}

void
pst_body_feed(struct pst_body_scan *s, struct pst_span chunk)
{
	size_t	i;

	s->size += chunk.len;
	for (i = 0; i < chunk.len; i++) {
		unsigned char c = (unsigned char) chunk.ptr[i];

		if (c == '\n') {
			/* CRLF: the CR was counted in the line: undo */
			end_line(s, s->line - (s->cr && s->line > 0));
			s->line = 0;
			s->cr = 0;
			continue;
		}
		s->line++;
		s->cr = c == '\r';
		if (c >= 0x80)
			s->eight_bit = 1;
		else if (c == 0)
			s->nul = 1;
	}
	/* a line still open counts as soon as it is too long */
	if (s->line - (uint64_t) s->cr > PST_MAX_TEXT_LINE - 2)
		s->long_line = 1;
}
