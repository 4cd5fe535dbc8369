/*
 * NAME
 *	json.c - JSON string escaping
 * SUMMARY
 *	peer bytes in, valid JSON out
 * SYNOPSIS
 *	#include <postern/json.h>
 * SEE ALSO
 *	RFC 8259 7
 * LICENSE
 *	MIT
 */
#include "config.h"

#include <stdio.h>

#include <postern/json.h>
#include <postern/utf8.h>

enum pst_err
pst_json_string(struct pst_buf *out, struct pst_span s)
{
	const unsigned char *p = (const unsigned char *) s.ptr;
	size_t	i = 0;
	enum pst_err e = pst_buf_addc(out, '"');

	while (e == PST_OK && i < s.len) {
		size_t	n = pst_utf8_seqlen(p + i, s.len - i);

		if (n == 0) {
			e = pst_buf_adds(out, "\xef\xbf\xbd");
			i++;
		} else if (n > 1) {
			e = pst_buf_append(out, p + i, n);
			i += n;
		} else if (p[i] == '"' || p[i] == '\\') {
			char	esc[2];

			esc[0] = '\\';
			esc[1] = (char) p[i++];
			e = pst_buf_append(out, esc, 2);
		} else if (p[i] < 0x20 || p[i] == 0x7f) {
			e = pst_buf_printf(out, "\\u%04x", p[i++]);
		} else {
			e = pst_buf_addc(out, p[i++]);
		}
	}
	return (e == PST_OK ? pst_buf_addc(out, '"') : e);
}
