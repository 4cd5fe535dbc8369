/*
 * NAME
 *	received.h - one Received header field -> its clauses
 * SYNOPSIS
 *	#include <postern/received.h>
 *
 *	struct pst_received r;
 *	enum pst_err e = pst_received_parse(body, &r);
 * DESCRIPTION
 *	pst_received_parse() reads one Received field body (the bytes
 *	after "Received:", folded or unfolded, CRLF or LF) as RFC 5321
 *	4.4 and RFC 5322 3.6.7 define it and as real MTAs write it:
 *	from (HELO, reverse-DNS name, client IP from the TCP-info
 *	comment), by, via, with (protocol), id, for (first recipient),
 *	TLS (version and cipher as written), SMTP AUTH, and the date after
 *	the last top-level ";" (UTC epoch and original offset).
 *
 *	Text results are spans into the caller's bytes (no allocation);
 *	the client IP is normalised (no brackets, "IPv6:" tag, port or
 *	zone; IPv4-mapped IPv6 written as IPv4; leading-zero octets read
 *	as decimal). Any byte sequence gives fields or one clean error:
 *	the scan is linear, comment nesting is counted, not recursed.
 * SEE ALSO
 *	RFC 5321 4.4, RFC 5322 3.6.7 and 3.3, RFC 3848, RFC 6531 3.7.3
 * LICENSE
 *	MIT
 */
#ifndef POSTERN_RECEIVED_H
#define POSTERN_RECEIVED_H

#include <postern/api.h>
#include <postern/err.h>
#include <postern/span.h>
#include <stdint.h>

/* tri-state for auth: recorded yes, recorded no, not recorded */
#define PST_RCVD_AUTH_UNKNOWN	(-1)

struct pst_received {
	struct pst_span from_helo;	/* as the receiver recorded it */
	struct pst_span from_rdns;	/* without one trailing dot */
	struct pst_span by_host;
	struct pst_span via;
	struct pst_span with;		/* may span several words */
	struct pst_span id;
	struct pst_span for_addr;	/* first recipient, no "<>" */
	struct pst_span tls_version;	/* as written, may be empty */
	struct pst_span tls_cipher;
	int	tls;			/* 1 when TLS is recorded */
	int	auth;			/* 1, 0 or PST_RCVD_AUTH_UNKNOWN */
	int	has_date;
	int64_t	date_epoch;		/* seconds UTC */
	int	date_offset;		/* original zone, minutes east */
	char	from_ip[48];		/* normalised; "" when none */
};

PST_BEGIN_DECLS
PST_API enum pst_err pst_received_parse(struct pst_span body,
					struct pst_received *out);
/*
 * pst_rfc5322_date - parse an RFC 5322 date-time (obsolete forms
 * too: 2/3-digit years, obsolete and military zones, spelled-out
 * months, fractional seconds, trailing comments). PST_RCVD_BAD_DATE
 * when it is not one or names an impossible day.
 */
PST_API enum pst_err pst_rfc5322_date(struct pst_span s, int64_t *epoch,
				      int *offset_min);
PST_END_DECLS

#endif
