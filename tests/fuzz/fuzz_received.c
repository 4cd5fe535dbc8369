/*
 * NAME
 *	fuzz_received - libFuzzer target for pst_received_parse()
 * DESCRIPTION
 *	Any bytes are one Received field body, then a whole message whose
 *	Received fields go through the trace builder. Oracle: no crash, no
 *	sanitizer report; every span lies inside the input; the client IP,
 *	when set, is a NUL-terminated printable string; the trace keeps at
 *	most PST_MAX_TRACE_HOPS hops and its delays agree with its dates.
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

/* check_trace - the message's Received chain through the trace builder */
static void
check_trace(const uint8_t *data, size_t size)
{
	static struct pst_trace t;
	struct pst_header_iter it;
	struct pst_span name;
	struct pst_span value;
	size_t	i;

	pst_trace_init(&t);
	pst_header_iter_init(&it, pst_header_block(pst_span_make(
		(const char *) data, size), NULL));
	while (pst_header_next(&it, &name, &value) > 0)
		if (!inside(name, data, size) || !inside(value, data, size))
			abort();
		else if (pst_span_eq_nocase(name, "Received"))
			pst_trace_add(&t, value);
	pst_trace_finish(&t, 0, PST_HOPCOUNT_LIMIT);
	if (t.nhops > PST_MAX_TRACE_HOPS || t.nhops > t.nfields)
		abort();
	for (i = 0; i < t.nhops; i++)
		if (t.hops[i].has_delay && (t.hops[i].err != PST_OK
					    || !t.hops[i].r.has_date))
			abort();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct pst_received r;
	size_t	i;

	check_trace(data, size);
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
