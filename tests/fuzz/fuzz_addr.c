/*
 * NAME
 *	fuzz_addr - libFuzzer target for pst_addr_parse()
 * DESCRIPTION
 *	The first octet chooses context and flags; the rest is the path.
 *	Oracle: no crash, no sanitizer report, and on success a
 *	normalised form that is no longer than the input and itself
 *	parses to the same result (normalisation is idempotent).
 * LICENSE
 *	MIT
 */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <postern/postern.h>

int	LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct pst_addr a;
	struct pst_addr b;
	enum pst_addr_ctx ctx;
	unsigned flags;
	enum pst_err e;

	if (size < 1)
		return (0);
	ctx = (data[0] & 1) ? PST_ADDR_RCPT : PST_ADDR_MAIL;
	flags = (data[0] & 2) ? PST_ADDR_F_SMTPUTF8 : 0;
	flags |= (data[0] & 4) ? PST_ADDR_F_BARE : 0;
	e = pst_addr_parse(pst_span_make((const char *) data + 1, size - 1),
			   ctx, flags, &a);
	if (e != PST_OK)
		return (0);
	if (a.norm_len > PST_MAX_PATH || strlen(a.norm) != a.norm_len)
		abort();
	/* the normalised mailbox parses again, to itself */
	e = pst_addr_parse(pst_span_make(a.norm, a.norm_len), ctx,
			   flags | PST_ADDR_F_BARE, &b);
	if (e != PST_OK || b.norm_len != a.norm_len
	    || memcmp(a.norm, b.norm, a.norm_len) != 0)
		abort();
	return (0);
}
