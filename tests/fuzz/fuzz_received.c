/*
 * NAME
 *	fuzz_received - libFuzzer target for pst_received_parse()
 * DESCRIPTION
 *	Any bytes are one Received field body. Oracle: no crash, no
 *	sanitizer report, and on success every span lies inside the input
 *	and the client IP, when set, is a NUL-terminated printable string.
 * LICENSE
 *	MIT
 */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <postern/postern.h>

int	LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* inside - the span is empty or lies within [base, base+size) */
static int
inside(struct pst_span s, const uint8_t *base, size_t size)
{
	return (s.ptr == NULL || s.len == 0
		|| ((const uint8_t *) s.ptr >= base
		    && (const uint8_t *) s.ptr + s.len <= base + size));
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct pst_received r;
	size_t	i;

	if (pst_received_parse(pst_span_make((const char *) data, size), &r)
	    != PST_OK)
		return (0);
	if (!inside(r.from_helo, data, size)
	    || !inside(r.from_rdns, data, size)
	    || !inside(r.by_host, data, size) || !inside(r.with, data, size)
	    || !inside(r.id, data, size) || !inside(r.for_addr, data, size)
	    || !inside(r.via, data, size)
	    || !inside(r.tls_version, data, size)
	    || !inside(r.tls_cipher, data, size))
		abort();
	for (i = 0; i < sizeof(r.from_ip) && r.from_ip[i]; i++)
		if (r.from_ip[i] < 0x21 || r.from_ip[i] > 0x7e)
			abort();
	if (i == sizeof(r.from_ip))
		abort();
	return (0);
}
