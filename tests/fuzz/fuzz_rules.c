/*
 * NAME
 *	fuzz_rules - libFuzzer target for the rule compiler and evaluator
 * DESCRIPTION
 *	Any bytes are a rule file. Oracle: no crash, no sanitizer report,
 *	no leak; a file that loads is evaluated at every stage against a
 *	fixed transaction, and its verdict renders as a policy answer with
 *	no CR or LF in it.
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
	struct pst_rules *r;
	struct pst_txn t;
	struct pst_verdict v;
	struct pst_buf b;
	unsigned s;

	if (pst_rules_load_buffer("fuzz", pst_span_make((const char *) data,
				  size), &r, NULL, NULL) != PST_OK)
		return (0);
	for (s = 0; s < PST_STAGE__COUNT; s++) {
		pst_txn_init(&t, (enum pst_stage) s);
		t.sender = pst_span_cstr("a@example.org");
		t.recipient = pst_span_cstr("postmaster@example.com");
		t.client_ip = pst_span_cstr("192.0.2.1");
		t.helo = pst_span_cstr("mx.example.org");
		t.rcpt_count = 2;
		pst_rules_eval(r, &t, &v, NULL, NULL);
		pst_buf_init(&b, 4096);
		if (pst_verdict_policy(&v, &b) != PST_OK
		    || memchr(b.data, '\n', b.len) != NULL
		    || memchr(b.data, '\r', b.len) != NULL || b.len == 0)
			abort();
		pst_buf_free(&b);
	}
	pst_rules_free(r);
	return (0);
}
