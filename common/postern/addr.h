/*
 * NAME
 *	addr.h - RFC 5321 Path and Mailbox parsing (RFC 6531 SMTPUTF8)
 * SYNOPSIS
 *	#include <postern/addr.h>
 *
 *	struct pst_addr a;
 *	enum pst_err e = pst_addr_parse(span, PST_ADDR_RCPT,
 *					PST_ADDR_F_SMTPUTF8, &a);
 * DESCRIPTION
 *	pst_addr_parse() validates one Reverse-path (PST_ADDR_MAIL) or
 *	Forward-path (PST_ADDR_RCPT): "<" [A-d-l ":"] Mailbox ">", the null
 *	path "<>" (MAIL only) and "<Postmaster>" (RCPT only, any case).
 *	With PST_ADDR_F_BARE the input is what stands between the angle
 *	brackets. Source routes are accepted, reported in route and
 *	dropped from the normalised form. Local parts are Dot-string or
 *	Quoted-string; domains are LDH names, U-labels (IDNA2008, NFC, only
 *	with SMTPUTF8) or address literals (IPv4, IPv6 in every RFC 5321
 *	4.1.3 form; a General-address-literal only with a registered tag,
 *	and IANA registers only IPv6).
 *
 *	The first violation is reported, in this order: invalid UTF-8,
 *	non-ASCII without SMTPUTF8, syntax left to right, U-label
 *	validity, then local-part, label, domain and path length. The
 *	error's tag (pst_errname()) names the violation precisely;
 *	err_off is its offset in the input.
 *
 *	On success, norm holds the mailbox without brackets and route:
 *	"" for the null path, the Postmaster spelling as sent, otherwise
 *	the local part re-encoded with minimum quoting plus "@" and the
 *	domain exactly as sent. Spans point into the caller's input, which
 *	must outlive them. No allocation, except inside libidn2 for
 *	U-labels.
 * SEE ALSO
 *	RFC 5321 4.1.2, 4.1.3, 4.5.3.1; RFC 6531 3.3; RFC 5890, 5891
 * LICENSE
 *	MIT
 */
#ifndef POSTERN_ADDR_H
#define POSTERN_ADDR_H

#include <postern/api.h>
#include <postern/err.h>
#include <postern/limits.h>
#include <postern/span.h>
#include <stddef.h>

enum pst_addr_ctx {
	PST_ADDR_MAIL,			/* Reverse-path: <> allowed */
	PST_ADDR_RCPT			/* Forward-path: <Postmaster> too */
};

/* input flags */
#define PST_ADDR_F_SMTPUTF8	0x01	/* RFC 6531 in effect */
#define PST_ADDR_F_BARE		0x02	/* input has no angle brackets */

/* result flags */
#define PST_ADDR_NULL		0x0001	/* <> */
#define PST_ADDR_POSTMASTER	0x0002	/* <Postmaster> without domain */
#define PST_ADDR_ROUTE		0x0004	/* a source route was present */
#define PST_ADDR_QUOTED		0x0008	/* local part was quoted */
#define PST_ADDR_LIT_IPV4	0x0010	/* domain is [a.b.c.d] */
#define PST_ADDR_LIT_IPV6	0x0020	/* domain is [IPv6:...] */
#define PST_ADDR_UTF8_LOCAL	0x0040	/* non-ASCII local part */
#define PST_ADDR_UTF8_DOMAIN	0x0080	/* a U-label in the domain */

struct pst_addr {
	struct pst_span route;		/* "@a,@b" without ":", or empty */
	struct pst_span local;		/* as transmitted */
	struct pst_span domain;		/* as transmitted, "[...]" kept */
	unsigned flags;			/* PST_ADDR_* result flags */
	size_t	err_off;		/* offset of the first violation */
	size_t	norm_len;
	char	norm[PST_MAX_PATH + 1];	/* normalised mailbox, NUL ended */
};

PST_BEGIN_DECLS
PST_API enum pst_err pst_addr_parse(struct pst_span in,
				    enum pst_addr_ctx ctx, unsigned flags,
				    struct pst_addr *out);
/*
 * pst_addr_path_end - for input starting with "<", the offset of the
 * ">" that closes it (a ">" inside a quoted local part does not);
 * (size_t)-1 when there is none.
 */
PST_API size_t pst_addr_path_end(struct pst_span in);
PST_END_DECLS

#endif
