/*
 * NAME
 *	test_rules - the rule language: lexing, errors, evaluation
 * DESCRIPTION
 *	Each row loads a small rule text, evaluates one transaction and
 *	checks the deciding action (or the first error's line:col).
 * LICENSE
 *	MIT
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <postern/postern.h>

#include "../../common/alloc.h"
#include "suites.h"

/* first_error - keep the first error's position */
static void
first_error(void *ctx, const struct pst_diag *d)
{
	struct pst_diag *keep = ctx;

	if (!d->warning && keep->line == 0)
		*keep = *d;
}

/* verdict_of - load text, evaluate txn, return the action */
static enum pst_action
verdict_of(const char *text, const struct pst_txn *t)
{
	struct pst_rules *r;
	struct pst_diag d;
	struct pst_verdict v;

	memset(&d, 0, sizeof(d));
	ck_assert_msg(pst_rules_load_buffer("t", pst_span_cstr(text), &r,
					    first_error, &d) == PST_OK,
		      "load failed: %s", d.text);
	pst_rules_eval(r, t, &v, NULL, NULL);
	pst_rules_free(r);
	return (v.action);
}

static const struct eval_case {
	const char *rules;
	enum pst_stage stage;
	const char *sender;
	const char *recipient;
	const char *client_ip;
	size_t	rcpt_count;
	enum pst_action want;
} eval_cases[] = {
	/* case-insensitive text, <> is the null sender */
	{"rcpt sender == <> -> reject 550 5.7.1 \"x\"", PST_STAGE_RCPT, "",
	 "a@b", NULL, 1, PST_ACTION_REJECT},
	{"rcpt recipient == A@B.example -> accept", PST_STAGE_RCPT, "x",
	 "a@b.EXAMPLE", NULL, 1, PST_ACTION_ACCEPT},
	/* stages do not mix */
	{"mail true -> accept", PST_STAGE_RCPT, "x", "a@b", NULL, 1,
	 PST_ACTION_DUNNO},
	/* in: whole address, domain, parent domain with a leading dot */
	{"rcpt recipient in [x@y.example] -> accept", PST_STAGE_RCPT, "",
	 "x@y.example", NULL, 1, PST_ACTION_ACCEPT},
	{"rcpt recipient in [y.example] -> accept", PST_STAGE_RCPT, "",
	 "x@y.example", NULL, 1, PST_ACTION_ACCEPT},
	{"rcpt recipient in [.example] -> accept", PST_STAGE_RCPT, "",
	 "x@a.y.example", NULL, 1, PST_ACTION_ACCEPT},
	{"rcpt recipient in [example] -> accept", PST_STAGE_RCPT, "",
	 "x@y.example", NULL, 1, PST_ACTION_DUNNO},
	/* CIDR, both families */
	{"connect client.ip in [10.0.0.0/8, 2001:db8::/32] -> discard",
	 PST_STAGE_CONNECT, "", "", "10.200.3.4", 0, PST_ACTION_DISCARD},
	{"connect client.ip in [10.0.0.0/8, 2001:db8::/32] -> discard",
	 PST_STAGE_CONNECT, "", "", "2001:db8:1::1", 0, PST_ACTION_DISCARD},
	{"connect client.ip in [10.0.0.0/8, 2001:db8::/32] -> discard",
	 PST_STAGE_CONNECT, "", "", "11.0.0.1", 0, PST_ACTION_DUNNO},
	/* numbers, precedence: not > and > or */
	{"rcpt rcpt.count > 1 and sender == <> or rcpt.count >= 100 "
	 "-> defer 451 4.7.1 \"x\"", PST_STAGE_RCPT, "a@b", "c@d", NULL, 100,
	 PST_ACTION_DEFER},
	{"rcpt not (rcpt.count > 1) -> accept", PST_STAGE_RCPT, "", "c@d",
	 NULL, 2, PST_ACTION_DUNNO},
	/* regex, negated regex, flags */
	{"rcpt recipient ~ /^ADMIN@/i -> hold", PST_STAGE_RCPT, "",
	 "admin@x", NULL, 1, PST_ACTION_HOLD},
	{"rcpt recipient !~ /@example\\.org$/ -> reject 550 5.7.1 \"x\"",
	 PST_STAGE_RCPT, "", "a@example.org", NULL, 1, PST_ACTION_DUNNO},
	/* flow: dry-run and warn do not decide, continue goes on */
	{"rcpt true -> reject 550 5.7.1 \"x\" mode=dry-run\n"
	 "rcpt true -> warn \"w\"\nrcpt true -> continue\n"
	 "rcpt true -> bcc <archive@x>", PST_STAGE_RCPT, "", "a@b", NULL, 1,
	 PST_ACTION_BCC},
	/* continuation lines and comments inside a rule */
	{"rcpt sender == <>\n# a comment\n    and rcpt.count > 1\n\n"
	 "    -> reject 550 5.7.1 \"two\"", PST_STAGE_RCPT, "", "a@b", NULL,
	 2, PST_ACTION_REJECT},
	/* named checks */
	{"rcpt null_sender_multi_rcpt -> reject 550 5.7.1 \"x\"",
	 PST_STAGE_RCPT, "", "a@b", NULL, 3, PST_ACTION_REJECT},
	{"rcpt postmaster -> accept\nrcpt true -> reject 550 5.7.1 \"x\"",
	 PST_STAGE_RCPT, "", "postmaster@example.org", NULL, 1,
	 PST_ACTION_ACCEPT},
	{"mail non_fqdn_sender -> reject 504 5.5.2 \"x\"", PST_STAGE_MAIL,
	 "user@localhost", "", NULL, 0, PST_ACTION_REJECT},
	/* the literal-prefix prefilter never changes what PCRE2 says */
	{"rcpt recipient ~ /^a\\.b/ -> hold", PST_STAGE_RCPT, "", "a.b@x",
	 NULL, 1, PST_ACTION_HOLD},
	{"rcpt recipient ~ /^a\\.b/ -> hold", PST_STAGE_RCPT, "", "axb@x",
	 NULL, 1, PST_ACTION_DUNNO},
	{"rcpt recipient ~ /^spam1[0-9]+@/i -> hold", PST_STAGE_RCPT, "",
	 "SPAM12@x", NULL, 1, PST_ACTION_HOLD},
	{"rcpt recipient ~ /^ab?c/ -> hold", PST_STAGE_RCPT, "", "ac@x",
	 NULL, 1, PST_ACTION_HOLD},
	{"rcpt recipient ~ /^ab*c/ -> hold", PST_STAGE_RCPT, "", "ac@x",
	 NULL, 1, PST_ACTION_HOLD},
	{"rcpt recipient ~ /^ab{0,2}c/ -> hold", PST_STAGE_RCPT, "", "ac@x",
	 NULL, 1, PST_ACTION_HOLD},
	{"rcpt recipient ~ /^abc|xyz/ -> hold", PST_STAGE_RCPT, "", "1xyz@x",
	 NULL, 1, PST_ACTION_HOLD},
	{"rcpt recipient ~ /^a b/x -> hold", PST_STAGE_RCPT, "", "ab@x",
	 NULL, 1, PST_ACTION_HOLD},
	{"rcpt recipient !~ /^abc/ -> hold", PST_STAGE_RCPT, "", "xyz@x",
	 NULL, 1, PST_ACTION_HOLD},
	{"rcpt recipient ~ /^abcdef/ -> hold", PST_STAGE_RCPT, "", "abc",
	 NULL, 1, PST_ACTION_DUNNO},
	/* one value tested against many lists in one evaluation */
	{"rcpt recipient in [a.example] -> hold\n"
	 "rcpt recipient in [.example] -> bcc <x@y>", PST_STAGE_RCPT, "",
	 "u@mx.example", NULL, 1, PST_ACTION_BCC},
};

START_TEST(test_rules_eval)
{
	const struct eval_case *c = &eval_cases[_i];
	struct pst_txn t;

	pst_txn_init(&t, c->stage);
	t.sender = pst_span_cstr(c->sender);
	t.recipient = pst_span_cstr(c->recipient);
	t.client_ip = pst_span_cstr(c->client_ip);
	t.rcpt_count = c->rcpt_count;
	ck_assert_msg(verdict_of(c->rules, &t) == c->want,
		      "case %d: \"%s\"", _i, c->rules);
}
END_TEST

/* The verdict carries the rule's reply, and the policy answer is exact. */
START_TEST(test_rules_verdict)
{
	struct pst_rules *r;
	struct pst_txn t;
	struct pst_verdict v;
	struct pst_buf b;

	pst_txn_init(&t, PST_STAGE_RCPT);
	/* the verdict's text points into the rules: keep them loaded */
	ck_assert_int_eq(pst_rules_load_buffer("t", pst_span_cstr("\nname=r2 "
		"rcpt true -> defer 450 4.7.1 \"Slow \\\"down\\\"\""), &r,
		NULL, NULL), PST_OK);
	pst_rules_eval(r, &t, &v, NULL, NULL);
	ck_assert_int_eq(v.action, PST_ACTION_DEFER);
	ck_assert_int_eq(v.code, 450);
	ck_assert_str_eq(v.dsn, "4.7.1");
	ck_assert_str_eq(v.rule_name, "r2");
	ck_assert_uint_eq(v.line, 2);
	pst_buf_init(&b, 1024);
	ck_assert_int_eq(pst_verdict_policy(&v, &b), PST_OK);
	ck_assert_str_eq(pst_buf_str(&b), "450 4.7.1 Slow \"down\"");
	pst_buf_reset(&b);
	pst_rules_free(r);
	/* a reject without text still never answers a bare code */
	ck_assert_int_eq(pst_rules_load_buffer("t", pst_span_cstr("rcpt true "
		"-> reject 554"), &r, NULL, NULL), PST_OK);
	pst_rules_eval(r, &t, &v, NULL, NULL);
	ck_assert_int_eq(pst_verdict_policy(&v, &b), PST_OK);
	ck_assert_str_eq(pst_buf_str(&b), "554 Rejected by policy");
	pst_buf_free(&b);
	pst_rules_free(r);
}
END_TEST

static const struct error_case {
	const char *rules;
	unsigned line;
	unsigned col;
} error_cases[] = {
	{"rcpt nosuch == 1 -> accept", 1, 6},
	{"\n\nrcpt sender == <> -> reject 450 5.7.1 \"x\"", 3, 29},
	{"rcpt sender == \"open", 1, 16},
	{"rcpt helo ~ /a(/ -> accept", 1, 16},
	{"rcpt true\n  ->\n  frobnicate", 3, 3},
	{"header has() -> accept", 1, 12},
	{"connect sender == <> -> accept", 1, 9},
	/* a refused first token must not stall the loader (fuzz find) */
	{"\"open\nrcpt true -> accept", 1, 1},
};

START_TEST(test_rules_errors)
{
	const struct error_case *c = &error_cases[_i];
	struct pst_rules *r = (struct pst_rules *) 1;
	struct pst_diag d;

	memset(&d, 0, sizeof(d));
	ck_assert_int_eq(pst_rules_load_buffer("t", pst_span_cstr(c->rules),
					       &r, first_error, &d),
			 PST_INVAL);
	ck_assert_ptr_null(r);
	ck_assert_msg(d.line == c->line && d.col == c->col,
		      "case %d: %s (want %u:%u)", _i, d.text, c->line, c->col);
}
END_TEST

/* Fail allocation 1, 2, ... while loading: a clean error, no leak. */
START_TEST(test_rules_alloc_failure)
{
	const char *text = "rcpt recipient in [a.example, b.example] and "
		"recipient ~ /x/ -> reject 550 5.7.1 \"x\"\n"
		"connect client.ip in [10.0.0.0/8] -> accept\n";
	unsigned long n;
	int	loaded = 0;

	for (n = 1; n < 200 && !loaded; n++) {
		struct pst_rules *r = NULL;
		enum pst_err e;

		pst_alloc_fail_at(n);
		e = pst_rules_load_buffer("t", pst_span_cstr(text), &r, NULL,
					  NULL);
		pst_alloc_fail_at(0);
		if (e == PST_OK) {
			ck_assert_uint_eq(pst_rules_count(r), 2);
			loaded = 1;
		} else {
			ck_assert_int_eq(e, PST_NOMEM);
			ck_assert_ptr_null(r);
		}
		pst_rules_free(r);
	}
	ck_assert(loaded);
	ck_assert_uint_gt(n, 3);
}
END_TEST

Suite  *
rules_suite(void)
{
	Suite  *s = suite_create("rules");
	TCase  *tc = tcase_create("rules");

	tcase_add_loop_test(tc, test_rules_eval, 0,
			    sizeof(eval_cases) / sizeof(eval_cases[0]));
	tcase_add_test(tc, test_rules_verdict);
	tcase_add_loop_test(tc, test_rules_errors, 0,
			    sizeof(error_cases) / sizeof(error_cases[0]));
	tcase_add_test(tc, test_rules_alloc_failure);
	suite_add_tcase(s, tc);
	return (s);
}
