/*
 * NAME
 *	header.h - iterate the fields of an RFC 5322 header block
 * SYNOPSIS
 *	#include <postern/header.h>
 *
 *	struct pst_header_iter it;
 *	struct pst_span name, value;
 *	pst_header_iter_init(&it, block);
 *	while (pst_header_next(&it, &name, &value) > 0) ...
 * DESCRIPTION
 *	The block is everything before the empty line that ends the
 *	header (see pst_header_block()). Lines end in CRLF or LF; a line
 *	starting with SP or HT continues the field before it (RFC 5322
 *	2.2.3). The value is the raw folded body after the colon and its
 *	leading white space, without the final line break. A line with no
 *	colon (or an mbox "From " line) is skipped and counted in bad.
 * SEE ALSO
 *	RFC 5322 2.2, 2.2.3
 * LICENSE
 *	MIT
 */
#ifndef POSTERN_HEADER_H
#define POSTERN_HEADER_H

#include <postern/api.h>
#include <postern/span.h>
#include <postern/txn.h>
#include <stddef.h>

struct pst_header_iter {
	struct pst_span block;
	size_t	pos;
	size_t	bad;			/* lines that were not fields */
};

PST_BEGIN_DECLS
/* pst_header_block - the header part of a message (before CRLF CRLF) */
PST_API struct pst_span pst_header_block(struct pst_span message,
					 size_t *body_off);
/*
 * pst_header_scan - over fields: *long_line when a physical header line
 * (name, ": " and value up to a fold) is over 998 octets (RFC 5322
 * 2.1.1), *eight_bit when any octet has the high bit set (allowed only
 * with SMTPUTF8, RFC 6532)
 */
PST_API void pst_header_scan(const struct pst_header_field *f, size_t n,
			     int *long_line, int *eight_bit);
PST_API void pst_header_iter_init(struct pst_header_iter *it,
				  struct pst_span block);
/* pst_header_next - 1 with a field, 0 at the end */
PST_API int pst_header_next(struct pst_header_iter *it,
			    struct pst_span *name, struct pst_span *value);
PST_END_DECLS

#endif
