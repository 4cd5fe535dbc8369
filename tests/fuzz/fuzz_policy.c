/*
 * NAME
 *	fuzz_policy - libFuzzer target for the policy request codec
 * DESCRIPTION
 *	Any bytes are what a client wrote on a policy connection. They are
 *	fed to pst_policy_request_end() in pieces (sizes taken from the
 *	data, as reads would cut them) and every complete request is
 *	parsed, turned into a transaction, decided by a fixed rule set and
 *	logged. Oracles: the piecewise scan finds the same request ends
 *	as a whole scan; the answer has no CR or LF and is never empty;
 *	the decision line has no byte below 0x20.
 * LICENSE
 *	MIT
 */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <postern/postern.h>

int	LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char rules_text[] =
	"name=pm rcpt postmaster -> accept\n"
	"name=b1 rcpt null_sender_multi_rcpt -> reject 550 5.7.1 \"one\"\n"
	"name=rx rcpt recipient ~ /^(a|b)+@/ -> defer 450 4.7.1 \"rx\"\n"
	"name=sz mail param.size > 10M -> reject 552 5.3.4 \"big\"\n"
	"name=ip connect client.ip in [192.0.2.0/24, ::1] -> discard\n"
	"name=w helo non_fqdn_helo -> warn \"helo\"\n";

/* decide - one complete request */
static void
decide(const struct pst_rules *r, struct pst_span req)
{
	struct pst_policy_req pr;
	struct pst_esmtp_params params;
	struct pst_txn t;
	struct pst_verdict v;
	struct pst_decision d;
	struct pst_buf b;
	size_t	i;

	if (pst_policy_parse(req, &pr) != PST_OK)
		return;
	pst_policy_txn(&pr, &t, &params);
	pst_policy_eval(r, &t, &v, NULL, NULL);
	pst_buf_init(&b, 8192);
	if (pst_verdict_policy(&v, &b) != PST_OK || b.len == 0
	    || memchr(b.data, '\n', b.len) || memchr(b.data, '\r', b.len))
		abort();
	pst_buf_reset(&b);
	d.txn = &t;
	d.verdict = &v;
	d.stage = t.stage;
	d.note = NULL;
	d.usec = 0;
	if (pst_decision_format(&d, PST_DECISION_LINE, &b) == PST_OK)
		for (i = 0; i < b.len; i++)
			if ((unsigned char) b.data[i] < 0x20)
				abort();
	pst_buf_reset(&b);
	(void) pst_decision_format(&d, PST_DECISION_JSON, &b);
	pst_buf_free(&b);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct pst_rules *r;
	struct pst_span all = pst_span_make((const char *) data, size);
	size_t	start = 0;

	if (r == NULL && pst_rules_load_buffer("fuzz", pst_span_make(
				rules_text, sizeof(rules_text) - 1), &r,
				NULL, NULL) != PST_OK)
		abort();
	while (start < size) {
		struct pst_span rest = pst_span_sub(all, start, size - start);
		size_t	whole = pst_policy_request_end(rest, 0);
		size_t	seen = 0;
		size_t	piece = 0;
		size_t	end = 0;

		/* arrive in pieces of 1..16 bytes, as reads cut it */
		while (end == 0 && seen < rest.len) {
			size_t	prev = seen;
			size_t	step = 1 + (size_t) (rest.ptr[piece++ %
							     rest.len] & 15);

			seen = seen + step > rest.len ? rest.len : seen + step;
			end = pst_policy_request_end(
				pst_span_make(rest.ptr, seen), prev);
		}
		if (end != whole)
			abort();
		if (whole == 0)
			break;
		decide(r, pst_span_make(rest.ptr, whole));
		start += whole;
	}
	return (0);
}
