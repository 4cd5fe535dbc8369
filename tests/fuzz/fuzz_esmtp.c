/*
 * NAME
 *	fuzz_esmtp - libFuzzer target for pst_cmd_parse() and its reply
 * DESCRIPTION
 *	The first two octets choose the advertised extensions and the
 *	transaction's SMTPUTF8 state; the rest is the command line.
 *	Oracle: no crash, no sanitizer report, and a reply that is one or
 *	more well-formed lines with a valid code, CRLF only at line ends.
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
	static struct pst_cmd cmd;
	struct pst_ehlo ehlo;
	struct pst_buf out;
	enum pst_err e;
	unsigned p;
	size_t	i;

	if (size < 2)
		return (0);
	ehlo.ext = ((unsigned) data[0] << 5 | data[1]) &
		((1u << PST_EXT_BIT__COUNT) - 1);
	ehlo.max_size = (data[1] & 0x80) ? 1000000 : 0;
	e = pst_cmd_parse(pst_span_make((const char *) data + 2, size - 2),
			  &ehlo, data[1] & 0x40, &cmd);
	pst_buf_init(&out, 4096);
	if (pst_cmd_reply(&cmd, e, &ehlo, &out) != PST_OK)
		abort();
	if (out.len < 6 || out.data[out.len - 1] != '\n'
	    || out.data[out.len - 2] != '\r')
		abort();
	for (i = 0; i + 1 < out.len; i++)
		if ((out.data[i] == '\r') != (out.data[i + 1] == '\n'))
			abort();
	pst_buf_free(&out);
	for (p = 0; p < PST_PARAM__COUNT && e == PST_OK; p++) {
		if (!(cmd.params.seen & (1u << p)))
			continue;
		pst_buf_init(&out, 4096);
		if (pst_param_value(&cmd.params, p, &out) != PST_OK)
			abort();
		pst_buf_free(&out);
	}
	return (0);
}
