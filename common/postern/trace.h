/*
 * NAME
 *	trace.h - a message's Received chain as hops, oldest first
 * SYNOPSIS
 *	#include <postern/trace.h>
 *
 *	struct pst_trace *t = malloc(sizeof(*t));
 *	pst_trace_init(t);
 *	for each Received field, in header order (newest first):
 *		pst_trace_add(t, value);
 *	pst_trace_finish(t, return_path_seen, PST_HOPCOUNT_LIMIT);
 * DESCRIPTION
 *	Every MTA prepends one Received field and never changes older
 *	ones (RFC 5321 4.4), so the chain read bottom-up is the path.
 *	pst_trace_finish() orders the hops oldest first and computes the
 *	delay of each hop (its date minus the previous hop's), the total
 *	transit time, and the anomalies: more fields than the hop limit
 *	(RFC 5321 6.3 loop detection), a host receiving the message three
 *	or more times (twice is the usual content-filter round trip), a
 *	hop dated before its predecessor (clock skew), a sender that is not
 *	the previous receiver (broken chain), a for clause (it can leak a
 *	Bcc recipient), Return-Path present in transit (only the final
 *	delivery adds it, RFC 5321 4.4), private/loopback/documentation
 *	client addresses, unparsable and undated hops.
 *
 *	Spans in the hops point into the caller's message bytes. At most
 *	PST_MAX_TRACE_HOPS hops are kept (the newest); nfields counts all.
 * SEE ALSO
 *	RFC 5321 4.4, 6.3; RFC 5322 3.6.7; RFC 1918, 5737, 3849, 6598
 * LICENSE
 *	MIT
 */
#ifndef POSTERN_TRACE_H
#define POSTERN_TRACE_H

#include <postern/api.h>
#include <postern/buf.h>
#include <postern/limits.h>
#include <postern/received.h>

/* X(symbol, tag, text) */
#define PST_TRACE_ANOMALY_MAP(X) \
 X(TOO_MANY_HOPS, "too-many-hops", \
   "more Received fields than the hop limit (a loop, RFC 5321 6.3)") \
 X(LOOP, "same-host-thrice", "one host received the message 3+ times") \
 X(CLOCK_SKEW, "clock-skew", "a hop is dated before the hop before it") \
 X(BROKEN_CHAIN, "broken-chain", \
   "a hop's client is not the previous hop's receiver") \
 X(FOR_CLAUSE, "for-clause", "a for clause names a recipient (Bcc leak)") \
 X(RETURN_PATH, "return-path-in-transit", \
   "Return-Path present before final delivery") \
 X(PRIVATE_IP, "private-ip", \
   "a client address is private, loopback or documentation") \
 X(UNPARSABLE, "unparsable-hop", "a Received field could not be parsed") \
 X(UNDATED, "undated-hop", "a Received field has no readable date")

enum pst_trace_anomaly {
#define PST_TRACE_ENUM_(sym, tag, text) PST_TRACE_##sym,
	PST_TRACE_ANOMALY_MAP(PST_TRACE_ENUM_)
#undef PST_TRACE_ENUM_
	PST_TRACE__COUNT
};
#define PST_TRACE_BIT(sym)	(1u << PST_TRACE_##sym)

struct pst_hop {
	struct pst_received r;
	enum pst_err err;		/* PST_OK or why r is empty */
	unsigned flags;			/* PST_TRACE_BIT(...) of this hop */
	int	has_delay;
	int64_t	delay;			/* seconds after the previous hop */
};

struct pst_trace {
	size_t	nfields;		/* Received fields seen */
	size_t	nhops;			/* hops kept, oldest first */
	struct pst_hop hops[PST_MAX_TRACE_HOPS];
	unsigned anomalies;		/* union of PST_TRACE_BIT(...) */
	int	has_transit;
	int64_t	transit;		/* newest date minus oldest date */
};

PST_BEGIN_DECLS
PST_API void pst_trace_init(struct pst_trace *t);
/* pst_trace_add - one Received field body, in header order */
PST_API void pst_trace_add(struct pst_trace *t, struct pst_span value);
PST_API void pst_trace_finish(struct pst_trace *t, int return_path_seen,
			      size_t hop_limit);
PST_API const char *pst_trace_anomaly_tag(unsigned anomaly);
PST_API const char *pst_trace_anomaly_text(unsigned anomaly);
/*
 * pst_trace_record - the trace path as one log record, appended to out.
 * format 0: "hops=2 transit=8s path=helo[ip]>by(with,TLSv1.3,+5s)>...
 * anomalies=for-clause,private-ip"; format 1: the same as a JSON object
 * {"hops":N,"transit":S,"path":[{"from":..,"ip":..,"by":..,"with":..,
 * "tls":..,"delay":S}],"anomalies":[..]}. Peer text is escaped.
 */
PST_API enum pst_err pst_trace_record(const struct pst_trace *t, int format,
				      struct pst_buf *out);
/* pst_ip_is_private - RFC 1918/6598/5737/3849, loopback, link-local */
PST_API int pst_ip_is_private(const char *ip);
PST_END_DECLS

#endif
