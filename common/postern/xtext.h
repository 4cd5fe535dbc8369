/*
 * NAME
 *	xtext.h - RFC 3461 xtext decoding and encoding
 * SYNOPSIS
 *	#include <postern/xtext.h>
 * DESCRIPTION
 *	xtext = *( xchar / hexchar ); xchar is "!" to "~" except "+" and
 *	"="; hexchar is "+" and two upper-case hex digits. Used by ENVID,
 *	ORCPT (RFC 3461) and AUTH= (RFC 4954).
 * SEE ALSO
 *	RFC 3461 4
 * LICENSE
 *	MIT
 */
#ifndef POSTERN_XTEXT_H
#define POSTERN_XTEXT_H

#include <postern/api.h>
#include <postern/buf.h>
#include <postern/err.h>
#include <postern/span.h>

PST_BEGIN_DECLS
/*
 * pst_xtext_decode - decode into out[0..max); *outlen is the decoded
 * length. PST_XTEXT_MALFORMED for a bad octet or hexchar, PST_TOOBIG
 * when the result would not fit. With allow_utf8, octets >= 0x80 pass
 * through (RFC 6533 utf-8-addr-unitext under SMTPUTF8); the caller has
 * validated the UTF-8.
 */
PST_API enum pst_err pst_xtext_decode(struct pst_span in, int allow_utf8,
				      char *out, size_t max, size_t *outlen);
/* pst_xtext_encode - append the xtext form of in */
PST_API enum pst_err pst_xtext_encode(struct pst_buf *out,
				      struct pst_span in);
PST_END_DECLS

#endif
