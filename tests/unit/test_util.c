/*
 * NAME
 *	test_util - error table, buffers, allocation failure, UTF-8, JSON
 * LICENSE
 *	MIT
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <postern/postern.h>

#include "../../common/alloc.h"
#include "suites.h"

/* Every tag is unique and maps back; every default reply is coherent. */
START_TEST(test_err_table)
{
	int	i;
	int	j;

	for (i = 0; i < PST_E__LAST; i++) {
		ck_assert_int_eq(pst_err_from_name(pst_errname(i)), i);
		ck_assert_int_eq(pst_reply_check(pst_err_code(i),
			pst_span_cstr(pst_err_status(i))), PST_OK);
		for (j = i + 1; j < PST_E__LAST; j++)
			ck_assert_str_ne(pst_errname(i), pst_errname(j));
	}
	ck_assert_str_eq(pst_errname(PST_E__LAST), "unknown-error");
	ck_assert_str_eq(pst_errname((enum pst_err) -1), "unknown-error");
	ck_assert_int_eq(pst_err_from_name("no-such"), PST_E__LAST);
	ck_assert_int_eq(PST_OK, 0);
}
END_TEST

START_TEST(test_buf_cap)
{
	struct pst_buf b;

	pst_buf_init(&b, 8);
	ck_assert_int_eq(pst_buf_adds(&b, "12345678"), PST_OK);
	ck_assert_str_eq(pst_buf_str(&b), "12345678");
	ck_assert_int_eq(pst_buf_addc(&b, '9'), PST_TOOBIG);
	/* the failed append freed the buffer: no half state */
	ck_assert_ptr_null(b.data);
	ck_assert_uint_eq(b.len, 0);
	ck_assert_int_eq(pst_buf_printf(&b, "%d-%s", 42, "x"), PST_OK);
	ck_assert_str_eq(pst_buf_str(&b), "42-x");
	ck_assert_int_eq(pst_buf_append(&b, "x", (size_t) -1), PST_TOOBIG);
	pst_buf_free(&b);
}
END_TEST

/* Fail allocation 1, 2, ... until the operation succeeds. */
START_TEST(test_buf_alloc_failure)
{
	unsigned long n;
	int	succeeded = 0;

	for (n = 1; n < 50 && !succeeded; n++) {
		struct pst_buf b;
		enum pst_err e = PST_OK;
		int	i;

		pst_buf_init(&b, 1 << 20);
		pst_alloc_fail_at(n);
		for (i = 0; i < 200 && e == PST_OK; i++)
			e = pst_buf_adds(&b, "0123456789");
		pst_alloc_fail_at(0);
		if (e == PST_OK) {
			ck_assert_uint_eq(b.len, 2000);
			succeeded = 1;
		} else {
			ck_assert_int_eq(e, PST_NOMEM);
			ck_assert_ptr_null(b.data);
		}
		pst_buf_free(&b);
	}
	ck_assert(succeeded);
	ck_assert_uint_gt(n, 2);	/* it did fail at least once */
}
END_TEST

static const struct utf8_case {
	const char *in;
	size_t	len;
	int	ok;
	size_t	bad;
} utf8_cases[] = {
	{"plain", 5, 1, 0}, {"\xc3\xa9", 2, 1, 0}, {"\xe2\x82\xac", 3, 1, 0},
	{"\xf0\x9f\x98\x80", 4, 1, 0}, {"\xf4\x8f\xbf\xbf", 4, 1, 0},
	{"a\xc0\xaf", 3, 0, 1}, {"\xe0\x80\xaf", 3, 0, 0},
	{"\xed\xa0\x80", 3, 0, 0}, {"\xf4\x90\x80\x80", 4, 0, 0},
	{"ab\x80", 3, 0, 2}, {"\xff", 1, 0, 0}, {"\xc3", 1, 0, 0},
	{"\xe2\x82", 2, 0, 0}, {"\xf5\x80\x80\x80", 4, 0, 0},
};

START_TEST(test_utf8)
{
	const struct utf8_case *c = &utf8_cases[_i];
	size_t	bad = 99;

	ck_assert_int_eq(pst_utf8_valid(c->in, c->len, &bad), c->ok);
	if (!c->ok)
		ck_assert_uint_eq(bad, c->bad);
}
END_TEST

START_TEST(test_json_string)
{
	struct pst_buf b;

	pst_buf_init(&b, 256);
	ck_assert_int_eq(pst_json_string(&b, pst_span_make("a\"\\\n\x01\xff"
			 "\xc3\xa9", 8)), PST_OK);
	ck_assert_str_eq(pst_buf_str(&b),
			 "\"a\\\"\\\\\\u000a\\u0001\xef\xbf\xbd\xc3\xa9\"");
	pst_buf_free(&b);
}
END_TEST

START_TEST(test_span)
{
	struct pst_span s = pst_span_cstr("MAIL FROM:");

	ck_assert(pst_span_starts_nocase(s, "mail"));
	ck_assert(!pst_span_starts_nocase(s, "MAIL FROM:<"));
	ck_assert(pst_span_eq_nocase(s, "mail from:"));
	ck_assert_uint_eq(pst_span_sub(s, 5, 100).len, 5);
	ck_assert_uint_eq(pst_span_sub(s, 50, 1).len, 0);
	/* decimals: ports, counts, sizes from the policy and the milter */
	ck_assert_int_eq(pst_span_decimal(pst_span_cstr("587")), 587);
	ck_assert_int_eq(pst_span_decimal(pst_span_cstr("0")), 0);
	ck_assert_int_eq(pst_span_decimal(pst_span_cstr(
		"999999999999999999")), 999999999999999999LL);
	ck_assert_int_eq(pst_span_decimal(pst_span_cstr(
		"1000000000000000000")), -1);	/* 19 digits */
	ck_assert_int_eq(pst_span_decimal(pst_span_cstr("")), -1);
	ck_assert_int_eq(pst_span_decimal(pst_span_cstr("-5")), -1);
	ck_assert_int_eq(pst_span_decimal(pst_span_cstr("25x")), -1);
	ck_assert_int_eq(pst_span_decimal(pst_span_make("25", 1)), 2);
	ck_assert_str_eq(pst_version(), PST_VERSION_STRING);
}
END_TEST

Suite  *
util_suite(void)
{
	Suite  *s = suite_create("util");
	TCase  *tc = tcase_create("util");

	tcase_add_test(tc, test_err_table);
	tcase_add_test(tc, test_buf_cap);
	tcase_add_test(tc, test_buf_alloc_failure);
	tcase_add_loop_test(tc, test_utf8, 0,
			    sizeof(utf8_cases) / sizeof(utf8_cases[0]));
	tcase_add_test(tc, test_json_string);
	tcase_add_test(tc, test_span);
	suite_add_tcase(s, tc);
	return (s);
}
