/*
 * NAME
 *	test_received - Received field parsing and RFC 5322 dates
 * DESCRIPTION
 *	Rows written from RFC 5321 4.4, RFC 5322 3.3/4.3 and the layouts
 *	of the MTA families; NULL in a row means "must be absent".
 * LICENSE
 *	MIT
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <postern/postern.h>

#include "suites.h"

static const struct rcvd_case {
	const char *in;
	enum pst_err err;
	const char *helo;
	const char *rdns;
	const char *ip;			/* "" = none */
	const char *by;
	const char *with;
	const char *id;
	const char *for_addr;
	int	tls;
	int	auth;
} rcvd_cases[] = {
	{"from a.example (rdns.example [192.0.2.1]) by mx.example (Postfix) "
	 "with ESMTPSA id 4X for <u@example.com>; Mon, 21 Sep 2026 "
	 "10:00:00 +0000", PST_OK, "a.example", "rdns.example", "192.0.2.1",
	 "mx.example", "ESMTPSA", "4X", "u@example.com", 1, 1},
	/* Exim: rDNS first, HELO in helo= */
	{"from rdns.example ([192.0.2.2]:4711 helo=h.example) by mx with "
	 "esmtp (Exim 4.96) id 1a-2b; Mon, 21 Sep 2026 10:00:00 +0000",
	 PST_OK, "h.example", "rdns.example", "192.0.2.2", "mx", "esmtp",
	 "1a-2b", NULL, 0, 0},
	/* qmail */
	{"from unknown (HELO h.example) (u@[192.0.2.3]) by mx with SMTP; "
	 "12 Feb 2003 18:23:19 -0000", PST_OK, "h.example", NULL,
	 "192.0.2.3", "mx", "SMTP", NULL, NULL, 0, 0},
	/* Exchange: bare (ip), multi-word with, TLS comment */
	{"from A.example (10.0.0.1) by B.example (10.0.0.2) with Microsoft "
	 "SMTP Server (version=TLS1_2, cipher=C1) id 15.0.1.2; Mon, 1 Oct "
	 "2018 10:00:00 +0000", PST_OK, "A.example", NULL, "10.0.0.1",
	 "B.example", "Microsoft SMTP Server", "15.0.1.2", NULL, 1, -1},
	/* IPv4-mapped IPv6 is written as IPv4; leading zeros are decimal */
	{"from a (a [IPv6:::ffff:010.001.2.3]) by b with ESMTP; Mon, 1 Oct "
	 "2018 10:00:00 +0000", PST_OK, "a", "a", "10.1.2.3", "b", "ESMTP",
	 NULL, NULL, 0, 0},
	/* a HELO cannot forge TCP-info: "by (" is no clause */
	{"from x (a [6.6.6.6]) by (unknown [192.0.2.1]) by mx (Postfix) "
	 "with ESMTP id A; Mon, 21 Sep 2026 10:00:00 +0000", PST_OK, "x",
	 NULL, "192.0.2.1", "mx", "ESMTP", "A", NULL, 0, 0},
	/* an inner comment is not TCP-info */
	{"from [192.0.2.66] (helo=(unknown [6.6.6.6])x) by mx with esmtp "
	 "(Exim 4.96) id 1; Mon, 21 Sep 2026 10:00:00 +0000", PST_OK, NULL,
	 NULL, "192.0.2.66", "mx", "esmtp", "1", NULL, 0, 0},
	{"", PST_RCVD_EMPTY, NULL, NULL, "", NULL, NULL, NULL, NULL, 0, -1},
	{" ; ", PST_RCVD_EMPTY, NULL, NULL, "", NULL, NULL, NULL, NULL, 0, -1},
	{"from a (b [1.2.3.4] by c; Mon, 1 Oct 2018 10:00:00 +0000",
	 PST_RCVD_UNBALANCED_COMMENT, NULL, NULL, "", NULL, NULL, NULL, NULL,
	 0, -1},
	{"from a) by c", PST_RCVD_UNBALANCED_COMMENT, NULL, NULL, "", NULL,
	 NULL, NULL, NULL, 0, -1},
	{"from a\rX: y", PST_RCVD_BARE_CR, NULL, NULL, "", NULL, NULL, NULL,
	 NULL, 0, -1},
	{"from a\nX-Evil: 1\n by b", PST_RCVD_INJECTION, NULL, NULL, "",
	 NULL, NULL, NULL, NULL, 0, -1},
	{"from a.example\n\tby b\r\n", PST_OK, "a.example", NULL, "", "b",
	 NULL, NULL, NULL, 0, -1},
	/* a user or service name alone is no HELO; a machine name is */
	{"from spooler by b; 5 Jun 2006 11:44:13 -0400", PST_OK, NULL, NULL,
	 "", "b", NULL, NULL, NULL, 0, -1},
	{"from GAWWW03 by b", PST_OK, "GAWWW03", NULL, "", "b", NULL, NULL,
	 NULL, 0, -1},
};

/* span_is - a span equals a C string; NULL means absent */
static int
span_is(struct pst_span s, const char *want)
{
	if (want == NULL)
		return (s.ptr == NULL || s.len == 0);
	return (s.len == strlen(want) && memcmp(s.ptr, want, s.len) == 0);
}

START_TEST(test_received_fields)
{
	const struct rcvd_case *c = &rcvd_cases[_i];
	struct pst_received r;
	enum pst_err e = pst_received_parse(pst_span_cstr(c->in), &r);

	ck_assert_msg(e == c->err, "case %d: %s", _i, pst_errname(e));
	if (e != PST_OK)
		return;
	ck_assert_msg(span_is(r.from_helo, c->helo), "case %d helo", _i);
	ck_assert_msg(span_is(r.from_rdns, c->rdns), "case %d rdns", _i);
	ck_assert_str_eq(r.from_ip, c->ip);
	ck_assert_msg(span_is(r.by_host, c->by), "case %d by", _i);
	ck_assert_msg(span_is(r.with, c->with), "case %d with", _i);
	ck_assert_msg(span_is(r.id, c->id), "case %d id", _i);
	ck_assert_msg(span_is(r.for_addr, c->for_addr), "case %d for", _i);
	ck_assert_int_eq(r.tls, c->tls);
	ck_assert_int_eq(r.auth, c->auth);
}
END_TEST

/* 5,000 nested comments: a clean error, no recursion */
START_TEST(test_received_deep_nesting)
{
	size_t	n = 5000;			/* under PST_MAX_RECEIVED */
	char   *in = malloc(2 * n + 16);
	struct pst_received r;

	ck_assert_ptr_nonnull(in);
	memcpy(in, "from a ", 7);
	memset(in + 7, '(', n);
	memset(in + 7 + n, ')', n);
	ck_assert_int_eq(pst_received_parse(pst_span_make(in, 7 + 2 * n), &r),
			 PST_RCVD_NESTING);
	free(in);
	/* one byte over the length limit */
	in = calloc(1, PST_MAX_RECEIVED + 1);
	ck_assert_ptr_nonnull(in);
	memset(in, 'x', PST_MAX_RECEIVED + 1);
	ck_assert_int_eq(pst_received_parse(pst_span_make(in,
			 PST_MAX_RECEIVED + 1), &r), PST_RCVD_TOO_LONG);
	free(in);
}
END_TEST

static const struct date_case {
	const char *in;
	enum pst_err err;
	long long epoch;
	int	offset;
} date_cases[] = {
	{"Mon, 21 Sep 2026 10:00:00 +0000", PST_OK, 1789984800, 0},
	{"21 Sep 2026 12:00:00 +0200", PST_OK, 1789984800, 120},
	{"Thu, 24 Oct 91 17:34:03 -0700", PST_OK, 688350843, -420},
	{"Fri, 1 Jan 49 00:00:00 +0000", PST_OK, 2493072000LL, 0},
	{"Mon, 1 Jan 101 00:00:00 +0000", PST_OK, 978307200, 0},
	{"Wed, 07 Jan 2009 15:22:13 PDT", PST_OK, 1231366933, -420},
	{"Wed, 07 Jan 2009 15:22:13 A", PST_OK, 1231341733, 0},
	{"Sat, 31 Dec 2016 23:59:60 +0000", PST_OK, 1483228800, 0},
	{"Mon, 29 Sep 2025 05:07:56.580 +0000 (UTC)", PST_OK, 1759122476, 0},
	{"Tue, 1 November 2005 01:41:34 -0400", PST_OK, 1130823694, -240},
	{"Mon, 21 Sep 2026 10:00:00", PST_RCVD_BAD_DATE, 0, 0},
	{"Mon, 30 Feb 2026 10:00:00 +0000", PST_RCVD_BAD_DATE, 0, 0},
	{"Mon, 21 Foo 2026 10:00:00 +0000", PST_RCVD_BAD_DATE, 0, 0},
	{"2025-08-31 08:34:40 +0000", PST_RCVD_BAD_DATE, 0, 0},
	{"Mon, 21 Sep 2026 24:00:00 +0000", PST_RCVD_BAD_DATE, 0, 0},
	{"Mon, 21 Sep 2026 10:00:00 +0060", PST_RCVD_BAD_DATE, 0, 0},
};

START_TEST(test_rfc5322_date)
{
	const struct date_case *c = &date_cases[_i];
	int64_t	epoch = -1;
	int	off = -1;
	enum pst_err e = pst_rfc5322_date(pst_span_cstr(c->in), &epoch, &off);

	ck_assert_msg(e == c->err, "case %d \"%s\": %s", _i, c->in,
		      pst_errname(e));
	if (e == PST_OK) {
		ck_assert_int_eq(epoch, c->epoch);
		ck_assert_int_eq(off, c->offset);
	}
}
END_TEST

Suite  *
received_suite(void)
{
	Suite  *s = suite_create("received");
	TCase  *tc = tcase_create("parse");

	tcase_add_loop_test(tc, test_received_fields, 0,
			    sizeof(rcvd_cases) / sizeof(rcvd_cases[0]));
	tcase_add_test(tc, test_received_deep_nesting);
	tcase_add_loop_test(tc, test_rfc5322_date, 0,
			    sizeof(date_cases) / sizeof(date_cases[0]));
	suite_add_tcase(s, tc);
	return (s);
}
