/*
 * NAME
 *	body.h - what a message body shows, read in chunks
 * SYNOPSIS
 *	#include <postern/body.h>
 *
 *	struct pst_body_scan s;
 *	pst_body_init(&s);
 *	while (chunk) pst_body_feed(&s, chunk);
 * DESCRIPTION
 *	A body arrives in chunks whose boundaries mean nothing (a milter
 *	gets up to 64 KiB at a time, a CRLF may be split). The scan keeps
 *	only counters across chunks, so a body of any size costs constant
 *	memory: its size in octets, the longest line (without CRLF;
 *	RFC 5321 4.5.3.1.6 allows 998), whether a line is longer than
 *	998, whether any octet has the high bit set (8-bit data, which
 *	needs BODY=8BITMIME, RFC 6152), and NUL octets.
 * LICENSE
 *	MIT
 */
#ifndef POSTERN_BODY_H
#define POSTERN_BODY_H

#include <postern/api.h>
#include <postern/span.h>
#include <stddef.h>
#include <stdint.h>

struct pst_body_scan {
	uint64_t size;			/* octets fed */
	uint64_t line;			/* length of the current line */
	uint64_t longest;
	int	long_line;		/* a line over 998 octets */
	int	eight_bit;
	int	nul;
	int	cr;			/* the last octet fed was CR */
};

PST_BEGIN_DECLS
PST_API void pst_body_init(struct pst_body_scan *s);
PST_API void pst_body_feed(struct pst_body_scan *s, struct pst_span chunk);
PST_END_DECLS

#endif
