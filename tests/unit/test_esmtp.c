/*
 * NAME
 *	test_esmtp - unit tests of MAIL/RCPT lines, EHLO sets and xtext
 * DESCRIPTION
 *	Each row: a line, what is offered, the outcome, the reply a strict
 *	server sends and, for accepted lines, one decoded parameter.
 * LICENSE
 *	MIT
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <postern/postern.h>

#include "suites.h"

#define ALL	"SIZE 1000 8BITMIME BINARYMIME CHUNKING SMTPUTF8 DSN AUTH " \
		"DELIVERBY MT-PRIORITY REQUIRETLS"

static const struct cmd_case {
	const char *line;
	const char *ehlo;
	int	txn_u8;
	enum pst_err err;
	int	code;
	const char *status;
	enum pst_param param;		/* checked when err == PST_OK */
	const char *value;
} cmd_cases[] = {
	{"MAIL FROM:<a@b.c> SIZE=999", ALL, 0, PST_OK, 250, "2.1.0",
	 PST_PARAM_SIZE, "999"},
	{"MAIL FROM:<a@b.c> SIZE=1001", ALL, 0, PST_SIZE_TOO_BIG, 552, "5.3.4",
	 0, NULL},
	/* SIZE is judged last: the unknown keyword wins */
	{"MAIL FROM:<a@b.c> SIZE=1001 X-Y", ALL, 0, PST_PARAM_UNKNOWN, 555,
	 "5.5.4", 0, NULL},
	{"MAIL FROM:<a@b.c> SIZE=18446744073709551615", "SIZE", 0, PST_OK,
	 250, "2.1.0", PST_PARAM_SIZE, "18446744073709551615"},
	{"MAIL FROM:<a@b.c> SIZE=18446744073709551616", "SIZE", 0,
	 PST_SIZE_OVERFLOW, 552, "5.3.4", 0, NULL},
	{"mail from:<a@b.c> body=8bitmime", ALL, 0, PST_OK, 250, "2.1.0",
	 PST_PARAM_BODY, "8BITMIME"},
	{"MAIL FROM:<a@b.c> BODY=BINARYMIME", "8BITMIME BINARYMIME", 0,
	 PST_BODY_UNSUPPORTED, 555, "5.5.4", 0, NULL},
	{"MAIL FROM:<a@b.c> ENVID=a+2Bb", ALL, 0, PST_OK, 250, "2.1.0",
	 PST_PARAM_ENVID, "a+b"},
	{"MAIL FROM:<a@b.c> AUTH=+3C+3E", ALL, 0, PST_OK, 250, "2.1.0",
	 PST_PARAM_AUTH, "<>"},
	{"MAIL FROM:<a@b.c> BY=-5;NT", ALL, 0, PST_OK, 250, "2.1.0",
	 PST_PARAM_BY, "-5;NT"},
	{"MAIL FROM:<a@b.c> BY=0;R", ALL, 0, PST_BY_SYNTAX, 501, "5.5.4", 0,
	 NULL},
	{"MAIL FROM:<a@b.c> MT-PRIORITY=+4", ALL, 0, PST_OK, 250, "2.1.0",
	 PST_PARAM_MT_PRIORITY, "4"},
	{"RCPT TO:<a@b.c> NOTIFY=delay,,success", ALL, 0, PST_OK, 250, "2.1.5",
	 PST_PARAM_NOTIFY, "SUCCESS,DELAY"},
	{"RCPT TO:<a@b.c> NOTIFY=NEVER,DELAY", ALL, 0,
	 PST_NOTIFY_NEVER_COMBINED, 501, "5.5.4", 0, NULL},
	{"RCPT TO:<a@b.c> ORCPT=rfc822;x+2By@z", ALL, 0, PST_OK, 250, "2.1.5",
	 PST_PARAM_ORCPT, "rfc822;x+y@z"},
	{"RCPT TO:<a@b.c> ORCPT=foo;x@z", ALL, 0, PST_DSN_SYNTAX, 501, "5.5.4",
	 0, NULL},
	{"RCPT TO:<a@b.c> SIZE=1", ALL, 0, PST_PARAM_WRONG_VERB, 555, "5.5.4",
	 0, NULL},
	{"MAIL FROM:<a@b.c> RET=FULL", "SIZE", 0, PST_PARAM_NOT_ADVERTISED,
	 555, "5.5.4", 0, NULL},
	{"MAIL FROM:<a@b.c> RET=FULL RET=HDRS", ALL, 0, PST_PARAM_DUPLICATE,
	 501, "5.5.4", 0, NULL},
	{"MAIL FROM:<a@b.c> REQUIRETLS=1", ALL, 0, PST_PARAM_VALUE_NOT_ALLOWED,
	 501, "5.5.4", 0, NULL},
	{"MAIL FROM:<a@b.c> RET", ALL, 0, PST_PARAM_MISSING_VALUE, 501,
	 "5.5.4", 0, NULL},
	{"MAIL FROM:<a@b.c>  SIZE=1", ALL, 0, PST_PARAM_SPACING, 501, "5.5.4",
	 0, NULL},
	{"MAIL FROM:<a@b.c> SIZE=1 ", ALL, 0, PST_PARAM_SPACING, 501, "5.5.4",
	 0, NULL},
	{"MAIL FROM:<a@b.c> X=a=b", ALL, 0, PST_PARAM_SYNTAX, 501, "5.5.4", 0,
	 NULL},
	{"MAIL FROM: <a@b.c>", ALL, 0, PST_CMD_SYNTAX, 501, "5.5.4", 0, NULL},
	{"MAIL TO:<a@b.c>", ALL, 0, PST_CMD_SYNTAX, 501, "5.5.4", 0, NULL},
	{"MAIL FROM:<a..b@c>", ALL, 0, PST_ADDR_LOCAL_DOUBLE_DOT, 501, "5.1.7",
	 0, NULL},
	{"RCPT TO:<a..b@c>", ALL, 0, PST_ADDR_LOCAL_DOUBLE_DOT, 501, "5.1.3",
	 0, NULL},
	{"MAIL FROM:<\xc3\xa9@c>", ALL, 0, PST_ADDR_NON_ASCII, 550, "5.6.7", 0,
	 NULL},
	{"RCPT TO:<\xc3\xa9@c>", ALL, 0, PST_ADDR_NON_ASCII, 553, "5.6.7", 0,
	 NULL},
	{"RCPT TO:<\xc3\xa9@c>", "DSN", 0, PST_ADDR_NON_ASCII, 501, "5.1.3", 0,
	 NULL},
	{"RCPT TO:<\xc3\xa9@c>", ALL, 1, PST_OK, 250, "2.1.5", 0, NULL},
	{"MAIL FROM:<\xc3\xa9@c> SMTPUTF8", ALL, 0, PST_OK, 250, "2.1.0",
	 PST_PARAM_SMTPUTF8, ""},
};

/* ehlo_of - parse a test's EHLO string */
static struct pst_ehlo
ehlo_of(const char *s)
{
	struct pst_ehlo e;

	ck_assert_int_eq(pst_ehlo_parse(pst_span_cstr(s), &e), PST_OK);
	return (e);
}

START_TEST(test_cmd)
{
	const struct cmd_case *c = &cmd_cases[_i];
	struct pst_ehlo ehlo = ehlo_of(c->ehlo);
	struct pst_cmd *cmd = malloc(sizeof(*cmd));
	const char *status;
	enum pst_err e;
	int	code;

	ck_assert_ptr_nonnull(cmd);
	e = pst_cmd_parse(pst_span_cstr(c->line), &ehlo, c->txn_u8, cmd);
	ck_assert_msg(e == c->err, "case %d \"%s\": expected %s, got %s", _i,
		      c->line, pst_errname(c->err), pst_errname(e));
	pst_cmd_reply_code(cmd, e, &ehlo, &code, &status);
	ck_assert_int_eq(code, c->code);
	ck_assert_str_eq(status, c->status);
	if (e == PST_OK && c->value != NULL) {
		struct pst_buf v;

		pst_buf_init(&v, 1024);
		ck_assert_int_eq(pst_param_value(&cmd->params, c->param, &v),
				 PST_OK);
		ck_assert_str_eq(pst_buf_str(&v), c->value);
		pst_buf_free(&v);
	}
	free(cmd);
}
END_TEST

/* The reply carries the offending token, sanitised, on one line. */
START_TEST(test_cmd_reply_text)
{
	struct pst_ehlo ehlo = ehlo_of(ALL);
	struct pst_cmd *cmd = malloc(sizeof(*cmd));
	struct pst_buf out;
	enum pst_err e;

	ck_assert_ptr_nonnull(cmd);
	pst_buf_init(&out, 4096);
	e = pst_cmd_parse(pst_span_cstr("MAIL FROM:<a@b.c> X-EVIL=\x01"),
			  &ehlo, 0, cmd);
	ck_assert_int_eq(e, PST_PARAM_SYNTAX);
	e = pst_cmd_parse(pst_span_cstr("MAIL FROM:<a@b.c> X-NEW=1"), &ehlo, 0,
			  cmd);
	ck_assert_int_eq(e, PST_PARAM_UNKNOWN);
	ck_assert_int_eq(pst_cmd_reply(cmd, e, &ehlo, &out), PST_OK);
	ck_assert_str_eq(pst_buf_str(&out), "555 5.5.4 Unsupported option: "
			 "X-NEW=1 (unsupported parameter)\r\n");
	pst_buf_free(&out);
	free(cmd);
}
END_TEST

/* RFC 5321 4.5.3.1.4: 512 with CRLF; DSN adds 500 to RCPT. */
START_TEST(test_cmd_line_limit)
{
	char	line[1100];
	struct pst_ehlo plain = ehlo_of("SIZE");
	struct pst_ehlo dsn = ehlo_of("DSN");
	struct pst_cmd *cmd = malloc(sizeof(*cmd));
	size_t	n;

	ck_assert_ptr_nonnull(cmd);
	n = strlen("RCPT TO:<a@b.c> ORCPT=rfc822;");
	memcpy(line, "RCPT TO:<a@b.c> ORCPT=rfc822;", n);
	memset(line + n, 'x', 1000 - n);
	line[1000] = 0;
	ck_assert_int_eq(pst_cmd_parse(pst_span_make(line, 510), &plain, 0,
				       cmd), PST_PARAM_NOT_ADVERTISED);
	ck_assert_int_eq(pst_cmd_parse(pst_span_make(line, 511), &plain, 0,
				       cmd), PST_CMD_TOO_LONG);
	ck_assert_int_eq(pst_cmd_parse(pst_span_make(line, 1000), &dsn, 0,
				       cmd), PST_DSN_SYNTAX);
	free(cmd);
}
END_TEST

START_TEST(test_ehlo)
{
	struct pst_ehlo e;

	ck_assert_int_eq(pst_ehlo_parse(pst_span_cstr(
		"250-mx.example\r\n250-SIZE 10485760\r\n250-8BITMIME\r\n"
		"250-AUTH PLAIN LOGIN\r\n250 dsn\r\n"), &e), PST_OK);
	ck_assert_uint_eq(e.max_size, 10485760);
	ck_assert_uint_eq(e.ext, PST_EXT(SIZE) | PST_EXT(8BITMIME)
			  | PST_EXT(AUTH) | PST_EXT(DSN));
	ck_assert_int_eq(pst_ehlo_parse(pst_span_cstr("SIZE,SMTPUTF8"), &e),
			 PST_OK);
	ck_assert_uint_eq(e.max_size, 0);
	ck_assert_uint_eq(e.ext, PST_EXT(SIZE) | PST_EXT(SMTPUTF8));
	ck_assert_int_eq(pst_ehlo_parse(pst_span_cstr(
		"SIZE 99999999999999999999999"), &e), PST_INVAL);
	ck_assert_str_eq(pst_ext_name(PST_EXT_BIT_MT_PRIORITY), "MT-PRIORITY");
	ck_assert_ptr_null(pst_ext_name(PST_EXT_BIT__COUNT));
}
END_TEST

static const struct xtext_case {
	const char *in;
	enum pst_err err;
	const char *out;
} xtext_cases[] = {
	{"abc", PST_OK, "abc"}, {"a+20b", PST_OK, "a b"},
	{"+2B+3D", PST_OK, "+="},
	{"", PST_OK, ""}, {"a+2b", PST_XTEXT_MALFORMED, NULL},
	{"a+", PST_XTEXT_MALFORMED, NULL}, {"a+4", PST_XTEXT_MALFORMED, NULL},
	{"a=b", PST_XTEXT_MALFORMED, NULL}, {"a b", PST_XTEXT_MALFORMED, NULL},
};

START_TEST(test_xtext)
{
	const struct xtext_case *c = &xtext_cases[_i];
	char	out[64];
	size_t	n;
	enum pst_err e;
	struct pst_buf enc;

	e = pst_xtext_decode(pst_span_cstr(c->in), 0, out, sizeof(out), &n);
	ck_assert_msg(e == c->err, "case %d: %s", _i, pst_errname(e));
	if (e != PST_OK)
		return;
	ck_assert_uint_eq(n, strlen(c->out));
	ck_assert(memcmp(out, c->out, n) == 0);
	/* round trip: encode(decode(x)) decodes to the same octets */
	pst_buf_init(&enc, 256);
	ck_assert_int_eq(pst_xtext_encode(&enc, pst_span_make(out, n)),
			 PST_OK);
	ck_assert_int_eq(pst_xtext_decode(pst_span_make(enc.data, enc.len), 0,
					  out, sizeof(out), &n), PST_OK);
	ck_assert_uint_eq(n, strlen(c->out));
	ck_assert(memcmp(out, c->out, n) == 0);
	pst_buf_free(&enc);
	/* a too-small output is an error, never an overflow */
	if (strlen(c->out) > 0)
		ck_assert_int_eq(pst_xtext_decode(pst_span_cstr(c->in), 0, out,
						  strlen(c->out) - 1, &n),
				 PST_TOOBIG);
}
END_TEST

Suite  *
esmtp_suite(void)
{
	Suite  *s = suite_create("esmtp");
	TCase  *tc = tcase_create("cmd");

	tcase_add_loop_test(tc, test_cmd, 0,
			    sizeof(cmd_cases) / sizeof(cmd_cases[0]));
	tcase_add_test(tc, test_cmd_reply_text);
	tcase_add_test(tc, test_cmd_line_limit);
	tcase_add_test(tc, test_ehlo);
	tcase_add_loop_test(tc, test_xtext, 0,
			    sizeof(xtext_cases) / sizeof(xtext_cases[0]));
	suite_add_tcase(s, tc);
	return (s);
}
