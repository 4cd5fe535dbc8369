/*
 * NAME
 *	test_trace - Received chains: order, delays, anomalies; header fields
 * LICENSE
 *	MIT
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <postern/postern.h>

#include "suites.h"

/* build - a trace from fields given newest first */
static struct pst_trace *
build(const char *const *fields, size_t n, int rp, size_t limit)
{
	struct pst_trace *t = malloc(sizeof(*t));
	size_t	i;

	ck_assert_ptr_nonnull(t);
	pst_trace_init(t);
	for (i = 0; i < n; i++)
		pst_trace_add(t, pst_span_cstr(fields[i]));
	pst_trace_finish(t, rp, limit);
	return (t);
}

START_TEST(test_trace_order_delay)
{
	static const char *const f[] = {
		"from b.example (b.example [8.8.8.8]) by c.example with ESMTP "
		"id 2; Mon, 21 Sep 2026 10:00:30 +0000",
		"from a.example (a.example [9.9.9.9]) by b.example with ESMTP "
		"id 1; Mon, 21 Sep 2026 12:00:00 +0200",
	};
	struct pst_trace *t = build(f, 2, 0, PST_HOPCOUNT_LIMIT);

	ck_assert_uint_eq(t->nhops, 2);
	ck_assert(t->hops[0].r.by_host.len == 9
		  && memcmp(t->hops[0].r.by_host.ptr, "b.example", 9) == 0);
	ck_assert(!t->hops[0].has_delay);
	ck_assert(t->hops[1].has_delay);
	ck_assert_int_eq(t->hops[1].delay, 30);
	ck_assert(t->has_transit);
	ck_assert_int_eq(t->transit, 30);
	ck_assert_uint_eq(t->anomalies, 0);
	free(t);
}
END_TEST

/* The milter's trace record, line and JSON; peer text escaped. */
START_TEST(test_trace_record)
{
	static const char *const f[] = {
		"from b.example (b.example [8.8.8.8]) by c.example with "
		"ESMTPS "
		"id 2; Mon, 21 Sep 2026 10:00:30 +0000",
		"from a\x01x.example (a.example [9.9.9.9]) by b.example with "
		"ESMTP id 1 for <bcc@x.example>; Mon, 21 Sep 2026 12:00:00 "
		"+0200",
	};
	struct pst_trace *t = build(f, 2, 0, PST_HOPCOUNT_LIMIT);
	struct pst_buf b;

	pst_buf_init(&b, 4096);
	ck_assert_int_eq(pst_trace_record(t, 0, &b), PST_OK);
	ck_assert_str_eq(pst_buf_str(&b), "hops=2 transit=30s path="
			 "a.example[9.9.9.9]>b.example(ESMTP)>>b.example"
			 "[8.8.8.8]>c.example(ESMTPS,+30s) anomalies="
			 "for-clause");
	pst_buf_reset(&b);
	ck_assert_int_eq(pst_trace_record(t, 1, &b), PST_OK);
	ck_assert_str_eq(pst_buf_str(&b), "{\"hops\":2,\"transit\":30,"
			 "\"path\":[{\"from\":\"a.example\",\"ip\":"
			 "\"9.9.9.9\",\"by\":\"b.example\",\"with\":"
			 "\"ESMTP\",\"tls\":null,\"delay\":null},{\"from\":"
			 "\"b.example\",\"ip\":\"8.8.8.8\",\"by\":"
			 "\"c.example\",\"with\":\"ESMTPS\",\"tls\":\"yes\","
			 "\"delay\":30}],\"anomalies\":[\"for-clause\"]}");
	pst_buf_free(&b);
	free(t);
}
END_TEST

/* Header lines: folds start new lines; 8-bit anywhere in the header. */
START_TEST(test_header_scan)
{
	static char long_value[1200];
	struct pst_header_field f[2];
	int	lng;
	int	eight;

	memset(long_value, 'v', sizeof(long_value) - 1);
	f[0].name = pst_span_cstr("Subject");
	f[0].value = pst_span_cstr("fine");
	f[1].name = pst_span_cstr("X-Long");
	/* "X-Long: " + 990 = 998: at the limit, not over it */
	f[1].value = pst_span_make(long_value, 990);
	pst_header_scan(f, 2, &lng, &eight);
	ck_assert(!lng && !eight);
	f[1].value = pst_span_make(long_value, 991);
	pst_header_scan(f, 2, &lng, &eight);
	ck_assert(lng);
	/* folded into short lines: fine */
	memcpy(long_value + 500, "\n\t", 2);
	pst_header_scan(f, 2, &lng, &eight);
	ck_assert(!lng);
	f[0].value = pst_span_cstr("caf\xc3\xa9");
	pst_header_scan(f, 2, &lng, &eight);
	ck_assert(eight);
}
END_TEST

/* A body in chunks: CRLF split across them, long lines, 8-bit, NUL. */
START_TEST(test_body_scan)
{
	struct pst_body_scan s;
	char	line[1200];

	pst_body_init(&s);
	pst_body_feed(&s, pst_span_cstr("short line\r"));
	pst_body_feed(&s, pst_span_cstr("\nnext\r\n"));
	ck_assert_uint_eq(s.longest, 10);
	ck_assert_uint_eq(s.size, 18);
	ck_assert(!s.long_line && !s.eight_bit && !s.nul);
	/* 998 octets and CRLF is the limit, not over it */
	memset(line, 'x', 998);
	memcpy(line + 998, "\r\n", 2);
	pst_body_feed(&s, pst_span_make(line, 999));	/* CR not yet LF */
	ck_assert(!s.long_line);
	pst_body_feed(&s, pst_span_make(line + 999, 1));
	ck_assert(!s.long_line);
	ck_assert_uint_eq(s.longest, 998);
	/* 999 octets, even before its end arrives */
	memset(line, 'y', 999);
	pst_body_feed(&s, pst_span_make(line, 999));
	ck_assert(s.long_line);
	pst_body_feed(&s, pst_span_make("\xc3\xa9\0\n", 4));
	ck_assert(s.eight_bit && s.nul);
}
END_TEST

START_TEST(test_trace_anomalies)
{
	static const char *const f[] = {
		"from q.example (q.example [8.8.4.4]) by r.example with SMTP "
		"for <x@r.example>; Mon, 21 Sep 2026 09:00:00 +0000",
		"from a.example (a.example [10.1.2.3]) by b.example with "
		"SMTP; Mon, 21 Sep 2026 10:00:00 +0000",
		"garbage (",
	};
	struct pst_trace *t = build(f, 3, 1, 2);

	ck_assert(t->anomalies & PST_TRACE_BIT(TOO_MANY_HOPS));
	ck_assert(t->anomalies & PST_TRACE_BIT(RETURN_PATH));
	ck_assert(t->hops[0].flags & PST_TRACE_BIT(UNPARSABLE));
	ck_assert(t->hops[1].flags & PST_TRACE_BIT(PRIVATE_IP));
	ck_assert(t->hops[2].flags & PST_TRACE_BIT(BROKEN_CHAIN));
	ck_assert(t->hops[2].flags & PST_TRACE_BIT(CLOCK_SKEW));
	ck_assert(t->hops[2].flags & PST_TRACE_BIT(FOR_CLAUSE));
	ck_assert_int_eq(t->hops[2].delay, -3600);
	ck_assert_str_eq(pst_trace_anomaly_tag(PST_TRACE_CLOCK_SKEW),
			 "clock-skew");
	ck_assert_ptr_null(pst_trace_anomaly_tag(PST_TRACE__COUNT));
	free(t);
}
END_TEST

/* the same host three times is a loop; twice is a content filter */
START_TEST(test_trace_loop)
{
	static const char *const f[] = {
		"from m by m; Mon, 21 Sep 2026 10:00:03 +0000",
		"from m by m; Mon, 21 Sep 2026 10:00:02 +0000",
		"from m by m; Mon, 21 Sep 2026 10:00:01 +0000",
	};
	struct pst_trace *t = build(f, 2, 0, 50);

	ck_assert(!(t->anomalies & PST_TRACE_BIT(LOOP)));
	free(t);
	t = build(f, 3, 0, 50);
	ck_assert(t->hops[2].flags & PST_TRACE_BIT(LOOP));
	free(t);
}
END_TEST

static const struct ip_case {
	const char *ip;
	int	private;
} private_cases[] = {
	{"10.0.0.1", 1}, {"172.16.0.1", 1}, {"172.32.0.1", 0},
	{"192.168.1.1", 1}, {"127.0.0.1", 1}, {"100.64.0.1", 1},
	{"100.128.0.1", 0}, {"192.0.2.1", 1}, {"8.8.8.8", 0}, {"::1", 1},
	{"fe80::1", 1}, {"fd00::1", 1}, {"2001:db8::1", 1},
	{"2a00:1450::1", 0}, {"not an ip", 0},
};

START_TEST(test_private_ip)
{
	const struct ip_case *c = &private_cases[_i];

	ck_assert_msg(pst_ip_is_private(c->ip) == c->private, "%s", c->ip);
}
END_TEST

START_TEST(test_header_fields)
{
	const char msg[] = "From mbox-line\nReceived: a\r\n\tb\r\nX-Empty:\n"
		"Subject:  hi\n\nBody: not a field\n";
	struct pst_header_iter it;
	struct pst_span name;
	struct pst_span value;
	struct pst_span block;
	size_t	body = 0;

	block = pst_header_block(pst_span_make(msg, sizeof(msg) - 1), &body);
	ck_assert_str_eq(msg + body, "Body: not a field\n");
	pst_header_iter_init(&it, block);
	ck_assert_int_eq(pst_header_next(&it, &name, &value), 1);
	ck_assert(pst_span_eq_nocase(name, "received"));
	ck_assert(value.len == 5 && memcmp(value.ptr, "a\r\n\tb", 5) == 0);
	ck_assert_int_eq(pst_header_next(&it, &name, &value), 1);
	ck_assert(pst_span_eq_nocase(name, "X-Empty") && value.len == 0);
	ck_assert_int_eq(pst_header_next(&it, &name, &value), 1);
	ck_assert(value.len == 2 && memcmp(value.ptr, "hi", 2) == 0);
	ck_assert_int_eq(pst_header_next(&it, &name, &value), 0);
	ck_assert_uint_eq(it.bad, 1);		/* the mbox "From " line */
}
END_TEST

Suite  *
trace_suite(void)
{
	Suite  *s = suite_create("trace");
	TCase  *tc = tcase_create("trace");

	tcase_add_test(tc, test_trace_order_delay);
	tcase_add_test(tc, test_trace_record);
	tcase_add_test(tc, test_body_scan);
	tcase_add_test(tc, test_header_scan);
	tcase_add_test(tc, test_trace_anomalies);
	tcase_add_test(tc, test_trace_loop);
	tcase_add_loop_test(tc, test_private_ip, 0,
			    sizeof(private_cases) / sizeof(private_cases[0]));
	tcase_add_test(tc, test_header_fields);
	suite_add_tcase(s, tc);
	return (s);
}
