/*
 * NAME
 *	trace.c - Received chain analysis
 * SUMMARY
 *	hops oldest first, delays, transit time, anomalies
 * SYNOPSIS
 *	#include <postern/trace.h>
 * DESCRIPTION
 *	See trace.h. Hop comparisons are case-insensitive on host names;
 *	a missing value never counts as a mismatch (a hop that records
 *	less is not evidence of forgery). All loops are bounded by
 *	PST_MAX_TRACE_HOPS.
 * SEE ALSO
 *	RFC 5321 4.4, 6.3
 * LICENSE
 *	MIT
 */
#include "config.h"

#include <arpa/inet.h>
#include <string.h>
#include <strings.h>

#include <postern/trace.h>

static const char *const anomaly_tags[] = {
#define PST_TRACE_TAG_(sym, tag, text) tag,
	PST_TRACE_ANOMALY_MAP(PST_TRACE_TAG_)
#undef PST_TRACE_TAG_
};

static const char *const anomaly_texts[] = {
#define PST_TRACE_TEXT_(sym, tag, text) text,
	PST_TRACE_ANOMALY_MAP(PST_TRACE_TEXT_)
#undef PST_TRACE_TEXT_
};

const char *
pst_trace_anomaly_tag(unsigned a)
{
	return (a < PST_TRACE__COUNT ? anomaly_tags[a] : NULL);
}

const char *
pst_trace_anomaly_text(unsigned a)
{
	return (a < PST_TRACE__COUNT ? anomaly_texts[a] : NULL);
}

void
pst_trace_init(struct pst_trace *t)
{
	t->nfields = 0;
	t->nhops = 0;
	t->anomalies = 0;
	t->has_transit = 0;
	t->transit = 0;
}

void
pst_trace_add(struct pst_trace *t, struct pst_span value)
{
	struct pst_hop *h;

	t->nfields++;
	if (t->nhops >= PST_MAX_TRACE_HOPS)
		return;			/* keep the newest */
	h = &t->hops[t->nhops++];
	h->err = pst_received_parse(value, &h->r);
	h->flags = 0;
	h->has_delay = 0;
	h->delay = 0;
}

/* in_net - does a (network order, len octets) start with prefix/bits? */
static int
in_net(const unsigned char *a, const unsigned char *prefix, int bits)
{
	int	full = bits / 8;
	int	rest = bits % 8;

	if (memcmp(a, prefix, (size_t) full) != 0)
		return (0);
	return (rest == 0 || ((a[full] ^ prefix[full])
			      & (0xff << (8 - rest)) & 0xff) == 0);
}

int
pst_ip_is_private(const char *ip)
{
	static const struct {
		unsigned char p[4];
		int	bits;
	} v4[] = {
		{{10}, 8}, {{172, 16}, 12}, {{192, 168}, 16}, {{127}, 8},
		{{169, 254}, 16}, {{100, 64}, 10}, {{192, 0, 2}, 24},
		{{198, 51, 100}, 24}, {{203, 0, 113}, 24}, {{0}, 8},
	};
	static const struct {
		unsigned char p[16];
		int	bits;
	} v6[] = {
		{{0xfc}, 7}, {{0xfe, 0x80}, 10},
		{{0x20, 0x01, 0x0d, 0xb8}, 32},
		{{0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1}, 128},
	};
	unsigned char a[16];
	size_t	i;

	if (inet_pton(AF_INET, ip, a) == 1) {
		for (i = 0; i < sizeof(v4) / sizeof(v4[0]); i++)
			if (in_net(a, v4[i].p, v4[i].bits))
				return (1);
		return (0);
	}
	if (inet_pton(AF_INET6, ip, a) == 1)
		for (i = 0; i < sizeof(v6) / sizeof(v6[0]); i++)
			if (in_net(a, v6[i].p, v6[i].bits))
				return (1);
	return (0);
}

/* host_eq - case-insensitive, one trailing dot ignored, brackets too */
static int
host_eq(struct pst_span a, struct pst_span b)
{
	while (a.len > 0 && (a.ptr[a.len - 1] == '.' || a.ptr[a.len - 1]
			     == ']'))
		a.len--;
	while (b.len > 0 && (b.ptr[b.len - 1] == '.' || b.ptr[b.len - 1]
			     == ']'))
		b.len--;
	if (a.len > 0 && a.ptr[0] == '[')
		a = pst_span_sub(a, 1, a.len - 1);
	if (b.len > 0 && b.ptr[0] == '[')
		b = pst_span_sub(b, 1, b.len - 1);
	return (a.len > 0 && a.len == b.len
		&& strncasecmp(a.ptr, b.ptr, a.len) == 0);
}

/* chain_ok - hop n's client is hop n-1's receiver, as far as recorded */
static int
chain_ok(const struct pst_hop *older, const struct pst_hop *newer)
{
	struct pst_span by = older->r.by_host;

	if (older->err != PST_OK || newer->err != PST_OK || by.len == 0
	    || (newer->r.from_helo.len == 0 && newer->r.from_rdns.len == 0
		&& newer->r.from_ip[0] == 0))
		return (1);
	return (host_eq(by, newer->r.from_helo)
		|| host_eq(by, newer->r.from_rdns)
		|| host_eq(by, pst_span_cstr(newer->r.from_ip)));
}

/* mark - flag one hop and the trace */
static void
mark(struct pst_trace *t, struct pst_hop *h, enum pst_trace_anomaly a)
{
	h->flags |= 1u << a;
	t->anomalies |= 1u << a;
}

void
pst_trace_finish(struct pst_trace *t, int return_path_seen,
		 size_t hop_limit)
{
	size_t	i;
	size_t	j;
	const struct pst_hop *first = NULL;
	const struct pst_hop *last = NULL;

	/* header order is newest first: reverse */
	for (i = 0; i < t->nhops / 2; i++) {
		struct pst_hop tmp = t->hops[i];

		t->hops[i] = t->hops[t->nhops - 1 - i];
		t->hops[t->nhops - 1 - i] = tmp;
	}
	if (t->nfields > hop_limit)
		t->anomalies |= PST_TRACE_BIT(TOO_MANY_HOPS);
	if (return_path_seen)
		t->anomalies |= PST_TRACE_BIT(RETURN_PATH);
	for (i = 0; i < t->nhops; i++) {
		struct pst_hop *h = &t->hops[i];
		size_t	seen = 1;

		if (h->err != PST_OK) {
			mark(t, h, PST_TRACE_UNPARSABLE);
			continue;
		}
		if (!h->r.has_date)
			mark(t, h, PST_TRACE_UNDATED);
		if (h->r.for_addr.len > 0)
			mark(t, h, PST_TRACE_FOR_CLAUSE);
		if (h->r.from_ip[0] && pst_ip_is_private(h->r.from_ip))
			mark(t, h, PST_TRACE_PRIVATE_IP);
		if (i > 0 && !chain_ok(&t->hops[i - 1], h))
			mark(t, h, PST_TRACE_BROKEN_CHAIN);
		for (j = 0; j < i && h->r.by_host.len > 0; j++)
			if (t->hops[j].err == PST_OK
			    && host_eq(t->hops[j].r.by_host, h->r.by_host))
				seen++;
		if (seen >= 3)
			mark(t, h, PST_TRACE_LOOP);
		if (!h->r.has_date)
			continue;
		if (last != NULL) {
			h->has_delay = 1;
			h->delay = h->r.date_epoch - last->r.date_epoch;
			if (h->delay < 0)
				mark(t, h, PST_TRACE_CLOCK_SKEW);
		}
		if (first == NULL)
			first = h;
		last = h;
	}
	if (first != NULL && last != first) {
		t->has_transit = 1;
		t->transit = last->r.date_epoch - first->r.date_epoch;
	}
}
