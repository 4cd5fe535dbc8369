/*
 * NAME
 *	test_addr - unit tests of RFC 5321 path parsing
 * DESCRIPTION
 *	Valid rows check the normalised form and result flags; invalid
 *	rows check the exact error and its offset. Written from RFC 5321
 *	4.1.2/4.1.3 and RFC 6531; the shared vectors cover the wide field,
 *	these pin the corners and the offsets.
 * LICENSE
 *	MIT
 */
#include "config.h"

#include <string.h>

#include <postern/postern.h>

#include "../../common/inet_literal.h"
#include "suites.h"

#define MAIL	PST_ADDR_MAIL
#define RCPT	PST_ADDR_RCPT
#define U8	PST_ADDR_F_SMTPUTF8
#define BARE	PST_ADDR_F_BARE

static const struct valid_case {
	const char *in;
	enum pst_addr_ctx ctx;
	unsigned flags;
	const char *norm;
	unsigned result;
} valid_cases[] = {
	{"<>", MAIL, 0, "", PST_ADDR_NULL},
	{"<Postmaster>", RCPT, 0, "Postmaster", PST_ADDR_POSTMASTER},
	{"<pOsTmAsTeR>", RCPT, 0, "pOsTmAsTeR", PST_ADDR_POSTMASTER},
	{"<postmaster@example.org>", MAIL, 0, "postmaster@example.org", 0},
	{"<a@b>", RCPT, 0, "a@b", 0},
	{"<@r1,@r2.example:u@d.example>", RCPT, 0, "u@d.example",
	 PST_ADDR_ROUTE},
	{"<\"a b\"@example.com>", MAIL, 0, "\"a b\"@example.com",
	 PST_ADDR_QUOTED},
	{"<\"a>b\"@example.com>", MAIL, 0, "\"a>b\"@example.com",
	 PST_ADDR_QUOTED},
	{"<\"plain\"@example.com>", MAIL, 0, "plain@example.com",
	 PST_ADDR_QUOTED},
	{"<\"q\\\\\\\"\"@x.y>", MAIL, 0, "\"q\\\\\\\"\"@x.y", PST_ADDR_QUOTED},
	{"<u@[192.0.2.1]>", RCPT, 0, "u@[192.0.2.1]", PST_ADDR_LIT_IPV4},
	{"<u@[001.002.003.004]>", RCPT, 0, "u@[001.002.003.004]",
	 PST_ADDR_LIT_IPV4},
	{"<u@[IPv6:2001:db8::1]>", RCPT, 0, "u@[IPv6:2001:db8::1]",
	 PST_ADDR_LIT_IPV6},
	{"<u@[ipv6:::ffff:192.0.2.1]>", RCPT, 0, "u@[ipv6:::ffff:192.0.2.1]",
	 PST_ADDR_LIT_IPV6},
	{"<j\xc3\xb6rg@b\xc3\xbc" "cher.example>", RCPT, U8,
	 "j\xc3\xb6rg@b\xc3\xbc" "cher.example",
	 PST_ADDR_UTF8_LOCAL | PST_ADDR_UTF8_DOMAIN},
	{"user@example.com", MAIL, BARE, "user@example.com", 0},
	{"", MAIL, BARE, "", PST_ADDR_NULL},
};

static const struct invalid_case {
	const char *in;
	size_t	len;			/* 0: strlen */
	enum pst_addr_ctx ctx;
	unsigned flags;
	enum pst_err err;
	size_t	off;
} invalid_cases[] = {
	{"<>", 0, RCPT, 0, PST_ADDR_NULL_IN_RCPT, 1},
	{"<postmaster>", 0, MAIL, 0, PST_ADDR_POSTMASTER_IN_MAIL, 1},
	{"", 0, MAIL, 0, PST_ADDR_EMPTY_PATH, 0},
	{" <a@b>", 0, MAIL, 0, PST_ADDR_SPACE_BEFORE, 0},
	{"a@b", 0, MAIL, 0, PST_ADDR_NO_BRACKETS, 0},
	{"<a@b", 0, MAIL, 0, PST_ADDR_NO_BRACKETS, 4},
	{"<a@b> ", 0, MAIL, 0, PST_ADDR_JUNK_AFTER, 5},
	{"<a..b@c>", 0, MAIL, 0, PST_ADDR_LOCAL_DOUBLE_DOT, 3},
	{"<.a@c>", 0, MAIL, 0, PST_ADDR_LOCAL_LEADING_DOT, 1},
	{"<a.@c>", 0, MAIL, 0, PST_ADDR_LOCAL_TRAILING_DOT, 2},
	{"<a@c.>", 0, MAIL, 0, PST_ADDR_TRAILING_DOT, 4},
	{"<a@-c>", 0, MAIL, 0, PST_ADDR_LABEL_HYPHEN, 3},
	{"<a@c-.d>", 0, MAIL, 0, PST_ADDR_LABEL_HYPHEN, 4},
	{"<a@c..d>", 0, MAIL, 0, PST_ADDR_EMPTY_LABEL, 5},
	{"<a@b@c>", 0, MAIL, 0, PST_ADDR_MULTIPLE_AT, 4},
	{"<a b@c>", 0, MAIL, 0, PST_ADDR_WHITESPACE, 2},
	{"<(x)a@c>", 0, MAIL, 0, PST_ADDR_COMMENT, 1},
	{"<a\r\n b@c>", 0, MAIL, 0, PST_ADDR_FOLDING, 2},
	{"<a\x01@c>", 0, MAIL, 0, PST_ADDR_CONTROL_CHAR, 2},
	{"<a\0b@c>", 7, MAIL, 0, PST_ADDR_CONTROL_CHAR, 2},
	{"<\"a\"b@c>", 0, MAIL, 0, PST_ADDR_TEXT_AFTER_QUOTE, 4},
	{"<\"a\".b@c>", 0, MAIL, 0, PST_ADDR_OBS_LOCAL, 4},
	{"<\"ab@c>", 0, MAIL, 0, PST_ADDR_UNTERMINATED_QUOTE, 1},
	{"<a@[1.2.3.256]>", 0, MAIL, 0, PST_ADDR_BAD_IPV4, 4},
	{"<a@[IPv6:1:2:3:4:5:6:7::]>", 0, MAIL, 0, PST_ADDR_BAD_IPV6, 9},
	{"<a@[::1]>", 0, MAIL, 0, PST_ADDR_IPV6_NO_TAG, 4},
	{"<a@[x-y:z]>", 0, MAIL, 0, PST_ADDR_UNREGISTERED_TAG, 4},
	{"<a@[free text]>", 0, MAIL, 0, PST_ADDR_LITERAL_5322, 3},
	{"<a@[1.2.3.4]x>", 0, MAIL, 0, PST_ADDR_BAD_LITERAL, 12},
	{"<@[1.2.3.4]:a@b>", 0, RCPT, 0, PST_ADDR_ROUTE_LITERAL, 2},
	{"<@a,b:c@d>", 0, RCPT, 0, PST_ADDR_BAD_ROUTE, 4},
	{"<@a:>", 0, RCPT, 0, PST_ADDR_BAD_ROUTE, 4},
	{"<\xc3\xa9@c>", 0, MAIL, 0, PST_ADDR_NON_ASCII, 1},
	{"<\xc3@c>", 0, MAIL, U8, PST_ADDR_INVALID_UTF8, 1},
	{"<\xed\xa0\x80@c>", 0, MAIL, U8, PST_ADDR_INVALID_UTF8, 1},
	{"<\"\\\xc3\xa9\"@c>", 0, MAIL, U8, PST_ADDR_QUOTED_PAIR_NON_ASCII, 3},
	{"<a@B\xc3\x9c" "cher.example>", 0, MAIL, U8, PST_ADDR_BAD_U_LABEL, 3},
	{"<aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
	 "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa@b>",
	 0, MAIL, 0, PST_ADDR_LOCAL_TOO_LONG, 1},
	{"<a@bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb"
	 "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb>",
	 0, MAIL, 0, PST_ADDR_LABEL_TOO_LONG, 3},
};

START_TEST(test_addr_valid)
{
	const struct valid_case *c = &valid_cases[_i];
	struct pst_addr a;
	enum pst_err e;

	e = pst_addr_parse(pst_span_cstr(c->in), c->ctx, c->flags, &a);
	ck_assert_msg(e == PST_OK, "case %d \"%s\": %s", _i, c->in,
		      pst_errname(e));
	ck_assert_str_eq(a.norm, c->norm);
	ck_assert_uint_eq(a.norm_len, strlen(c->norm));
	ck_assert_msg((a.flags & c->result) == c->result,
		      "case %d: flags 0x%x lack 0x%x", _i, a.flags, c->result);
}
END_TEST

START_TEST(test_addr_invalid)
{
	const struct invalid_case *c = &invalid_cases[_i];
	struct pst_addr a;
	enum pst_err e;
	size_t	len = c->len ? c->len : strlen(c->in);

	e = pst_addr_parse(pst_span_make(c->in, len), c->ctx, c->flags, &a);
	ck_assert_msg(e == c->err, "case %d: expected %s, got %s", _i,
		      pst_errname(c->err), pst_errname(e));
	ck_assert_msg(a.err_off == c->off, "case %d: offset %zu, expected %zu",
		      _i, a.err_off, c->off);
	ck_assert_str_eq(a.norm, "");
	ck_assert_uint_eq(a.flags, 0);
}
END_TEST

/* The input is a span: bytes past len must never be read. */
START_TEST(test_addr_span_bounds)
{
	const char buf[] = "<a@b.example>TRAILING";
	struct pst_addr a;

	ck_assert_int_eq(pst_addr_parse(pst_span_make(buf, 13), MAIL, 0, &a),
			 PST_OK);
	ck_assert_str_eq(a.norm, "a@b.example");
	/* cut inside the domain: no ">" within the span */
	ck_assert_int_eq(pst_addr_parse(pst_span_make(buf, 8), MAIL, 0, &a),
			 PST_ADDR_NO_BRACKETS);
}
END_TEST

/* The 256-octet path limit counts brackets and route. */
START_TEST(test_addr_path_limit)
{
	char	in[300];
	struct pst_addr a;
	size_t	n;

	/* "<" + 64 local + "@" + domain + ">" = 256 exactly */
	memset(in, 0, sizeof(in));
	in[0] = '<';
	memset(in + 1, 'l', 64);
	in[65] = '@';
	for (n = 66; n < 66 + 189; n++)
		in[n] = (n - 66) % 60 == 59 ? '.' : 'd';
	in[255] = '>';
	ck_assert_int_eq(pst_addr_parse(pst_span_make(in, 256), MAIL, 0, &a),
			 PST_OK);
	ck_assert_uint_eq(a.norm_len, 254);
	in[255] = 'd';
	in[256] = '>';
	ck_assert_int_eq(pst_addr_parse(pst_span_make(in, 257), MAIL, 0, &a),
			 PST_ADDR_PATH_TOO_LONG);
}
END_TEST

static const struct ip_case {
	const char *in;
	int	v6;
	int	ok;
} ip_cases[] = {
	{"0.0.0.0", 0, 1}, {"255.255.255.255", 0, 1}, {"1.2.3", 0, 0},
	{"1.2.3.4.5", 0, 0}, {"1.2.3.0256", 0, 0}, {"1..2.3", 0, 0},
	{"::", 1, 1}, {"::1", 1, 1}, {"1::", 1, 1}, {"1:2:3:4:5:6:7:8", 1, 1},
	{"1:2:3:4:5:6::8", 1, 0}, {"1:2:3:4:5:6:7::", 1, 0},
	{"1::2::3", 1, 0}, {":1::2", 1, 0}, {"1:2:3:4:5:6:7:8:9", 1, 0},
	{"12345::", 1, 0}, {"::ffff:1.2.3.4", 1, 1},
	{"1:2:3:4:5:6:1.2.3.4", 1, 1}, {"1:2:3:4:5::1.2.3.4", 1, 0},
	{"1:2:3:4::1.2.3.4", 1, 1}, {"::1.2.3.4:5", 1, 0}, {"", 1, 0},
	{":::", 1, 0}, {"1:", 1, 0}, {"g::", 1, 0},
};

START_TEST(test_ip_literals)
{
	const struct ip_case *c = &ip_cases[_i];
	int	ok = c->v6 ? pst_ipv6_literal_ok(c->in, strlen(c->in)) :
	pst_ipv4_literal_ok(c->in, strlen(c->in));

	ck_assert_msg(ok == c->ok, "case %d \"%s\": got %d", _i, c->in, ok);
}
END_TEST

Suite  *
addr_suite(void)
{
	Suite  *s = suite_create("addr");
	TCase  *tc = tcase_create("parse");

	tcase_add_loop_test(tc, test_addr_valid, 0,
			    sizeof(valid_cases) / sizeof(valid_cases[0]));
	tcase_add_loop_test(tc, test_addr_invalid, 0,
			    sizeof(invalid_cases) / sizeof(invalid_cases[0]));
	tcase_add_test(tc, test_addr_span_bounds);
	tcase_add_test(tc, test_addr_path_limit);
	tcase_add_loop_test(tc, test_ip_literals, 0,
			    sizeof(ip_cases) / sizeof(ip_cases[0]));
	suite_add_tcase(s, tc);
	return (s);
}
