/*
 * NAME
 *	test_reply - reply codes, the status registry, reply formatting
 * DESCRIPTION
 *	The registry test reads $SHARED_DIR/vectors/enhanced-status-codes.tsv
 *	in place and compares every row with the compiled table, so a
 *	registry update shows up here.
 * LICENSE
 *	MIT
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <postern/postern.h>

#include "suites.h"

START_TEST(test_registry_matches_iana)
{
	const char *dir = getenv("SHARED_DIR");
	char	path[4096];
	char   *line = NULL;
	size_t	cap = 0;
	size_t	count;
	size_t	rows = 0;
	FILE   *fp;

	ck_assert_msg(dir != NULL, "SHARED_DIR is not set");
	snprintf(path, sizeof(path), "%s/vectors/enhanced-status-codes.tsv",
		 dir);
	fp = fopen(path, "r");
	ck_assert_msg(fp != NULL, "cannot open %s", path);
	(void) pst_status_registry(&count);
	ck_assert_int_gt(getline(&line, &cap, fp), 0);	/* header */
	while (getline(&line, &cap, fp) > 0) {
		char   *f[5];
		char   *p = line;
		int	subj;
		int	det;
		int	i;
		const struct pst_status_entry *e;

		line[strcspn(line, "\r\n")] = 0;
		for (i = 0; i < 5; i++) {
			f[i] = p;
			p = strchr(p, '\t');
			if (p != NULL)
				*p++ = 0;
			else if (i < 4)
				ck_abort_msg("short row %zu", rows + 1);
		}
		ck_assert_int_eq(sscanf(f[0], "X.%d.%d", &subj, &det), 2);
		e = pst_status_lookup(subj, det);
		ck_assert_msg(e != NULL, "X.%d.%d missing", subj, det);
		ck_assert_str_eq(e->sample_text, f[1]);
		ck_assert_str_eq(e->basic_status, f[2]);
		ck_assert_str_eq(e->description, f[3]);
		ck_assert_str_eq(e->reference, f[4]);
		rows++;
	}
	free(line);
	fclose(fp);
	ck_assert_uint_eq(rows, count);
	ck_assert_uint_eq(rows, 81);
	ck_assert_ptr_null(pst_status_lookup(7, 99));
}
END_TEST

static const struct check_case {
	int	code;
	const char *status;
	enum pst_err err;
} check_cases[] = {
	{250, "2.1.0", PST_OK}, {550, "5.7.1", PST_OK}, {451, "4.3.0", PST_OK},
	{550, NULL, PST_OK}, {354, NULL, PST_OK},
	{450, "5.7.1", PST_REPLY_CLASS_MISMATCH},
	{550, "4.7.1", PST_REPLY_CLASS_MISMATCH},
	{354, "3.0.0", PST_REPLY_STATUS},
	{250, "2.1", PST_REPLY_STATUS}, {250, "2.1.0.", PST_REPLY_STATUS},
	{250, "2.1000.0", PST_REPLY_STATUS}, {250, "2..0", PST_REPLY_STATUS},
	{550, "5.1.x", PST_REPLY_STATUS}, {199, NULL, PST_REPLY_CODE},
	{600, NULL, PST_REPLY_CODE}, {560, NULL, PST_REPLY_CODE},
	{550, "5.999.999", PST_OK},
};

START_TEST(test_reply_check)
{
	const struct check_case *c = &check_cases[_i];
	enum pst_err e = pst_reply_check(c->code, pst_span_cstr(c->status));

	ck_assert_msg(e == c->err, "case %d: %d %s -> %s", _i, c->code,
		      c->status ? c->status : "-", pst_errname(e));
}
END_TEST

START_TEST(test_reply_classes)
{
	ck_assert_str_eq(pst_reply_class_name(421),
			 "Transient Negative Completion");
	ck_assert_str_eq(pst_reply_category_name(554), "Mail system");
	ck_assert_str_eq(pst_reply_category_name(501), "Syntax");
	ck_assert_ptr_null(pst_reply_class_name(170));
	ck_assert_int_eq(pst_reply_code_valid(599), 0);
}
END_TEST

static const struct format_case {
	int	code;
	const char *status;
	const char *text;
	const char *out;
} format_cases[] = {
	{250, "2.1.0", "Ok", "250 2.1.0 Ok\r\n"},
	{550, "5.7.1", "one\ntwo", "550-5.7.1 one\r\n550 5.7.1 two\r\n"},
	{550, "5.7.1", "crlf\r\nlines",
	 "550-5.7.1 crlf\r\n550 5.7.1 lines\r\n"},
	{554, NULL, "no status", "554 no status\r\n"},
	{550, "5.7.1", "evil\r\x00\x01" "250 ok",
	 "550 5.7.1 evil???250 ok\r\n"},
	{550, "5.7.1", "bad \xff utf8", "550 5.7.1 bad ? utf8\r\n"},
};

START_TEST(test_reply_format)
{
	const struct format_case *c = &format_cases[_i];
	struct pst_buf b;
	size_t	len = strlen(c->text);

	/* the NUL case: text continues after the embedded NUL */
	if (strstr(c->text, "evil") != NULL)
		len = 13;
	pst_buf_init(&b, 4096);
	ck_assert_int_eq(pst_reply_format(&b, c->code, c->status,
					  pst_span_make(c->text, len)),
			 PST_OK);
	ck_assert_str_eq(pst_buf_str(&b), c->out);
	pst_buf_free(&b);
}
END_TEST

/* Lines are cut to 512 octets with CRLF, on a UTF-8 boundary. */
START_TEST(test_reply_long_line)
{
	char	text[2000];
	struct pst_buf b;
	size_t	i;

	for (i = 0; i + 2 <= sizeof(text) - 1; i += 2) {
		text[i] = (char) 0xc3;
		text[i + 1] = (char) 0xa9;
	}
	pst_buf_init(&b, 4096);
	ck_assert_int_eq(pst_reply_format(&b, 550, "5.7.1",
					  pst_span_make(text, i)), PST_OK);
	ck_assert_uint_le(b.len, PST_MAX_REPLY_LINE);
	ck_assert(pst_utf8_valid(b.data, b.len, NULL));
	ck_assert(memcmp(b.data + b.len - 5, "...\r\n", 5) == 0);
	pst_buf_free(&b);
	pst_buf_init(&b, 4096);
	ck_assert_int_eq(pst_reply_format(&b, 450, "5.7.1",
					  pst_span_cstr("x")),
			 PST_REPLY_CLASS_MISMATCH);
	ck_assert_uint_eq(b.len, 0);
	pst_buf_free(&b);
}
END_TEST

Suite  *
reply_suite(void)
{
	Suite  *s = suite_create("reply");
	TCase  *tc = tcase_create("reply");

	tcase_add_test(tc, test_registry_matches_iana);
	tcase_add_loop_test(tc, test_reply_check, 0,
			    sizeof(check_cases) / sizeof(check_cases[0]));
	tcase_add_test(tc, test_reply_classes);
	tcase_add_loop_test(tc, test_reply_format, 0,
			    sizeof(format_cases) / sizeof(format_cases[0]));
	tcase_add_test(tc, test_reply_long_line);
	suite_add_tcase(s, tc);
	return (s);
}
