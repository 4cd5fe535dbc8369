/*
 * NAME
 *	xtext.c - RFC 3461 xtext
 * SUMMARY
 *	decode and encode the xtext of ENVID, ORCPT and AUTH=
 * SYNOPSIS
 *	#include <postern/xtext.h>
 * DESCRIPTION
 *	Decoding is strict: a hexchar needs exactly two upper-case hex
 *	digits (RFC 3461 4: "+" 2(%x30-39 / %x41-46)); "+2b" and a
 *	trailing "+" are malformed; "=" and octets outside 33-126 are not
 *	xchars. Checking what the decoded value may contain is the
 *	caller's job (ENVID and ORCPT must be printable US-ASCII).
 * SEE ALSO
 *	RFC 3461 4, RFC 4954 5
 * LICENSE
 *	MIT
 */
#include "config.h"

#include <postern/xtext.h>

/* hexval - value of an upper-case hex digit, -1 otherwise */
static int
hexval(unsigned char c)
{
	if (c >= '0' && c <= '9')
		return (c - '0');
	if (c >= 'A' && c <= 'F')
		return (c - 'A' + 10);
	return (-1);
}

enum pst_err
pst_xtext_decode(struct pst_span in, int allow_utf8, char *out, size_t max,
		 size_t *outlen)
{
	const unsigned char *s = (const unsigned char *) in.ptr;
	size_t	i = 0;
	size_t	o = 0;

	*outlen = 0;
	while (i < in.len) {
		unsigned char c = s[i];

		if (o >= max)
			return (PST_TOOBIG);
		if (c == '+') {
			int	hi;
			int	lo;

			if (in.len - i < 3)
				return (PST_XTEXT_MALFORMED);
			hi = hexval(s[i + 1]);
			lo = hexval(s[i + 2]);
			if (hi < 0 || lo < 0)
				return (PST_XTEXT_MALFORMED);
			out[o++] = (char) (hi * 16 + lo);
			i += 3;
		} else if ((c >= 33 && c <= 126 && c != '=')
			   || (c >= 0x80 && allow_utf8)) {
			out[o++] = (char) c;
			i++;
		} else {
			return (PST_XTEXT_MALFORMED);
		}
	}
	*outlen = o;
	return (PST_OK);
}

enum pst_err
pst_xtext_encode(struct pst_buf *out, struct pst_span in)
{
	static const char hex[] = "0123456789ABCDEF";
	size_t	i;
	enum pst_err e = PST_OK;

	for (i = 0; i < in.len && e == PST_OK; i++) {
		unsigned char c = (unsigned char) in.ptr[i];

		if (c >= 33 && c <= 126 && c != '+' && c != '=') {
			e = pst_buf_addc(out, c);
		} else {
			char	h[3];

			h[0] = '+';
			h[1] = hex[c >> 4];
			h[2] = hex[c & 15];
			e = pst_buf_append(out, h, 3);
		}
	}
	return (e);
}
