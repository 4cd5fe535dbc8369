/*
 * NAME
 *	test_policy - policy codec, postern.conf, decision lines, state
 * LICENSE
 *	MIT
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <postern/postern.h>

#include "../../policyd/state.h"
#include "suites.h"

static const char rcpt_req[] =
	"request=smtpd_access_policy\nprotocol_state=RCPT\n"
	"protocol_name=ESMTP\nclient_address=2001:db8::7\n"
	"client_name=unknown\nclient_port=51234\nhelo_name=mx.example\n"
	"server_address=192.0.2.25\nserver_port=587\n"
	"sender=a@example.org\nrecipient=b@example.com\n"
	"recipient_count=0\nqueue_id=\ninstance=1a.2b.3c.0\nsize=4096\n"
	"sasl_username=alice\nencryption_protocol=TLSv1.3\n"
	"future_attribute=x=y\n\n";

/* A request arriving a byte at a time ends where it ends whole. */
START_TEST(test_request_end)
{
	struct pst_span all = pst_span_cstr(rcpt_req);
	size_t	whole = pst_policy_request_end(all, 0);
	size_t	n;
	size_t	found = 0;

	ck_assert_uint_eq(whole, all.len);
	for (n = 1; n <= all.len && found == 0; n++)
		found = pst_policy_request_end(pst_span_make(all.ptr, n),
					       n - 1);
	ck_assert_uint_eq(found, whole);
	ck_assert_uint_eq(pst_policy_request_end(pst_span_cstr(
				"a=b\n"), 0), 0);
	ck_assert_uint_eq(pst_policy_request_end(pst_span_cstr(
				"a=b\n\nc=d\n\n"), 0), 5);
	ck_assert_uint_eq(pst_policy_request_end(pst_span_cstr("\n"), 0), 1);
	/* CRLF is not an empty line: Postfix never sends it */
	ck_assert_uint_eq(pst_policy_request_end(pst_span_cstr(
				"a=b\r\n\r\n"), 0), 0);
}
END_TEST

START_TEST(test_parse)
{
	struct pst_policy_req r;
	struct pst_esmtp_params p;
	struct pst_txn t;

	ck_assert_int_eq(pst_policy_parse(pst_span_cstr(rcpt_req), &r),
			 PST_OK);
	ck_assert_uint_eq(r.nattrs, 18);
	ck_assert_uint_eq(r.unknown, 1);
	ck_assert_int_eq(pst_policy_stage(&r), PST_STAGE_RCPT);
	pst_policy_txn(&r, &t, &p);
	ck_assert_int_eq(t.stage, PST_STAGE_RCPT);
	ck_assert(pst_span_eq_nocase(t.client_ip, "2001:db8::7"));
	ck_assert_int_eq(t.client_port, 51234);
	ck_assert(pst_span_eq_nocase(t.server_ip, "192.0.2.25"));
	ck_assert_int_eq(t.server_port, 587);
	ck_assert(pst_span_eq_nocase(t.sender, "a@example.org"));
	ck_assert(pst_span_eq_nocase(t.sasl_user, "alice"));
	ck_assert(pst_span_eq_nocase(t.tls_protocol, "TLSv1.3"));
	/* before END-OF-MESSAGE, size= is MAIL FROM's SIZE= */
	ck_assert_int_eq(t.has_size, 0);
	ck_assert_uint_eq(p.size, 4096);
	ck_assert(t.params == &p);
}
END_TEST

START_TEST(test_parse_refuses)
{
	struct pst_policy_req r;
	char	big[PST_MAX_POLICY_ATTRS * 4 + 64];
	size_t	n;
	int	i;

	ck_assert_int_eq(pst_policy_parse(pst_span_cstr(
		"request=smtpd_access_policy\nnoequals\n\n"), &r),
			 PST_POLICY_MALFORMED);
	ck_assert_int_eq(pst_policy_parse(pst_span_cstr(
		"request=smtpd_access_policy\n=value\n\n"), &r),
			 PST_POLICY_MALFORMED);
	ck_assert_int_eq(pst_policy_parse(pst_span_make(
		"request=smtpd_access_policy\na=\0\n\n", 33), &r),
			 PST_POLICY_MALFORMED);
	ck_assert_int_eq(pst_policy_parse(pst_span_cstr(
		"request=junk\n\n"), &r), PST_POLICY_NOT_ACCESS_POLICY);
	ck_assert_int_eq(pst_policy_parse(pst_span_cstr("sender=\n\n"), &r),
			 PST_POLICY_NOT_ACCESS_POLICY);
	n = (size_t) snprintf(big, sizeof(big),
			      "request=smtpd_access_policy\n");
	for (i = 0; i < PST_MAX_POLICY_ATTRS; i++)
		n += (size_t) snprintf(big + n, sizeof(big) - n, "a=b\n");
	ck_assert_int_eq(pst_policy_parse(pst_span_make(big, n), &r),
			 PST_POLICY_TOO_MANY_ATTRS);
	/* a duplicate: the first counts, as in Postfix's attr_scan */
	ck_assert_int_eq(pst_policy_parse(pst_span_cstr(
		"request=smtpd_access_policy\nsender=a@b.c\nsender=x@y.z\n\n"),
					  &r), PST_OK);
	ck_assert(pst_span_eq_nocase(r.attr[PST_POLICY_SENDER], "a@b.c"));
	ck_assert_uint_eq(r.duplicates, 1);
}
END_TEST

START_TEST(test_stages)
{
	static const struct {
		const char *state;
		enum pst_stage stage;
	} cases[] = {
		{"CONNECT", PST_STAGE_CONNECT}, {"EHLO", PST_STAGE_HELO},
		{"HELO", PST_STAGE_HELO}, {"MAIL", PST_STAGE_MAIL},
		{"RCPT", PST_STAGE_RCPT}, {"DATA", PST_STAGE_DATA},
		{"BDAT", PST_STAGE_DATA}, {"END-OF-MESSAGE", PST_STAGE_EOM},
		{"VRFY", PST_POLICY_STATE_OTHER},
		{"ETRN", PST_POLICY_STATE_OTHER},
	};
	struct pst_policy_req r;
	size_t	i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		memset(&r, 0, sizeof(r));
		pst_policy_set(&r, pst_span_cstr("protocol_state"),
			       pst_span_cstr(cases[i].state));
		ck_assert_int_eq(pst_policy_stage(&r), cases[i].stage);
	}
}
END_TEST

/* At END-OF-MESSAGE size= is the actual size. */
START_TEST(test_eom_size)
{
	struct pst_policy_req r;
	struct pst_esmtp_params p;
	struct pst_txn t;

	ck_assert_int_eq(pst_policy_parse(pst_span_cstr(
		"request=smtpd_access_policy\nprotocol_state=END-OF-MESSAGE\n"
		"size=777\nrecipient_count=3\n\n"), &r), PST_OK);
	pst_policy_txn(&r, &t, &p);
	ck_assert_int_eq(t.has_size, 1);
	ck_assert_uint_eq(t.size, 777);
	ck_assert_uint_eq(t.rcpt_count, 3);
	ck_assert_uint_eq(p.seen, 0);
}
END_TEST

/* At RCPT the connect, helo and mail rules run first (delay_reject). */
START_TEST(test_eval_cumulative)
{
	static const char text[] =
		"connect client.ip in [192.0.2.0/24]"
		" -> reject 554 5.7.1 \"ip\"\n"
		"rcpt postmaster -> accept\n"
		"data rcpt.count > 1 -> defer 451 4.7.1 \"data\"\n";
	struct pst_rules *rules;
	struct pst_txn t;
	struct pst_verdict v;

	ck_assert_int_eq(pst_rules_load_buffer("t", pst_span_cstr(text),
					       &rules, NULL, NULL), PST_OK);
	pst_txn_init(&t, PST_STAGE_RCPT);
	t.client_ip = pst_span_cstr("192.0.2.9");
	t.recipient = pst_span_cstr("postmaster");
	pst_policy_eval(rules, &t, &v, NULL, NULL);
	ck_assert_int_eq(v.action, PST_ACTION_REJECT);
	ck_assert_int_eq(v.code, 554);
	t.client_ip = pst_span_cstr("198.51.100.1");
	pst_policy_eval(rules, &t, &v, NULL, NULL);
	ck_assert_int_eq(v.action, PST_ACTION_ACCEPT);
	/* DATA does not run the connect rules again */
	t.client_ip = pst_span_cstr("192.0.2.9");
	t.stage = PST_STAGE_DATA;
	t.rcpt_count = 2;
	pst_policy_eval(rules, &t, &v, NULL, NULL);
	ck_assert_int_eq(v.action, PST_ACTION_DEFER);
	pst_rules_free(rules);
}
END_TEST

/*
 * server.ip and server.port tell a submission port from the MX; a
 * request without them (Postfix before 3.2) matches neither way.
 */
START_TEST(test_eval_server)
{
	static const char text[] =
		"mail server.port == 587 and server.ip in [192.0.2.0/24]"
		" and sasl.user == \"\" -> reject 530 5.7.0 \"auth\"\n"
		"mail server.port != 587 -> defer 451 4.3.2 \"not 587\"\n";
	static const char *const req[] = {
		"request=smtpd_access_policy\nprotocol_state=MAIL\n"
		"server_address=192.0.2.25\nserver_port=587\nsender=a@b.c\n\n",
		"request=smtpd_access_policy\nprotocol_state=MAIL\n"
		"server_address=192.0.2.25\nserver_port=25\nsender=a@b.c\n\n",
		"request=smtpd_access_policy\nprotocol_state=MAIL\n"
		"sender=a@b.c\n\n",
	};
	static const enum pst_action want[] = {
		PST_ACTION_REJECT, PST_ACTION_DEFER, PST_ACTION_DUNNO,
	};
	struct pst_rules *rules;
	struct pst_policy_req r;
	struct pst_esmtp_params p;
	struct pst_txn t;
	struct pst_verdict v;
	size_t	i;

	ck_assert_int_eq(pst_rules_load_buffer("t", pst_span_cstr(text),
					       &rules, NULL, NULL), PST_OK);
	for (i = 0; i < sizeof(req) / sizeof(req[0]); i++) {
		ck_assert_int_eq(pst_policy_parse(pst_span_cstr(req[i]), &r),
				 PST_OK);
		pst_policy_txn(&r, &t, &p);
		pst_policy_eval(rules, &t, &v, NULL, NULL);
		ck_assert_int_eq(v.action, want[i]);
	}
	pst_rules_free(rules);
}
END_TEST

/*
 * A door passes over the rules it cannot carry out: the policy service
 * never decides with a milter-only action (it would answer DUNNO and
 * end its stage); the milter and postern explain take it.
 */
START_TEST(test_eval_doors)
{
	static const char text[] =
		"rcpt recipient == \"x@example.org\" -> delete-recipient\n"
		"rcpt true -> change-sender <bounce@example.org>\n"
		"rcpt true -> bcc <copy@example.org>\n";
	struct pst_rules *rules;
	struct pst_txn t;
	struct pst_verdict v;

	ck_assert_int_eq(pst_rules_load_buffer("t", pst_span_cstr(text),
					       &rules, NULL, NULL), PST_OK);
	pst_txn_init(&t, PST_STAGE_RCPT);
	t.recipient = pst_span_cstr("x@example.org");
	t.door = PST_DOOR_POLICY;
	pst_policy_eval(rules, &t, &v, NULL, NULL);
	ck_assert_int_eq(v.action, PST_ACTION_BCC);
	ck_assert_int_eq(v.line, 3);
	t.door = PST_DOOR_MILTER;
	pst_rules_eval(rules, &t, &v, NULL, NULL);
	ck_assert_int_eq(v.action, PST_ACTION_DELETE_RECIPIENT);
	ck_assert_int_eq(v.text.len, 0);	/* the recipient judged */
	t.door = 0;
	t.recipient = pst_span_cstr("y@example.org");
	pst_rules_eval(rules, &t, &v, NULL, NULL);
	ck_assert_int_eq(v.action, PST_ACTION_CHANGE_SENDER);
	ck_assert(pst_span_eq_nocase(v.text, "bounce@example.org"));
	/* what a door must collect */
	ck_assert_int_eq(pst_rules_reads(rules, "recipient"), 1);
	ck_assert_int_eq(pst_rules_reads(rules, "helo"), 0);
	ck_assert_int_eq(pst_rules_reads(rules, "non_fqdn_helo"), 0);
	ck_assert_int_eq(pst_rules_reads(rules, "no.such.field"), 0);
	pst_rules_free(rules);
	ck_assert_int_eq(pst_rules_load_buffer("t", pst_span_cstr(
		"mail non_fqdn_helo -> reject 504 5.5.2 \"x\"\n"), &rules,
		NULL, NULL), PST_OK);
	ck_assert_int_eq(pst_rules_reads(rules, "non_fqdn_helo"), 1);
	ck_assert_int_eq(pst_rules_reads(rules, "recipient"), 0);
	pst_rules_free(rules);
	/* a field read by a regex, a set, or alone counts too */
	ck_assert_int_eq(pst_rules_load_buffer("t", pst_span_cstr(
		"mail tls.protocol ~ /^TLSv1\\.3$/"
		" and client.ip in [192.0.2.0/24]"
		" and not param.smtputf8 -> reject 550 5.7.1 \"x\"\n"), &rules,
		NULL, NULL), PST_OK);
	ck_assert_int_eq(pst_rules_reads(rules, "tls.protocol"), 1);
	ck_assert_int_eq(pst_rules_reads(rules, "client.ip"), 1);
	ck_assert_int_eq(pst_rules_reads(rules, "param.smtputf8"), 1);
	ck_assert_int_eq(pst_rules_reads(rules, "tls.cipher"), 0);
	ck_assert_int_eq(pst_rules_reads(rules, "helo"), 0);
	pst_rules_free(rules);
}
END_TEST

START_TEST(test_conf)
{
	struct pst_conf c;
	static const char good[] =
		"# comment\n"
		"rules_file = my.rules\n"
		"policy_listen = unix:/a,\n"
		"    inet:127.0.0.1:1\n"
		"  # a comment inside a continued setting\n"
		"on_error = ACCEPT\n"
		"policy_idle_timeout = 5m\n"
		"policy_max_request = 8k\n"
		"syslog_name = postern#1\n";

	pst_conf_defaults(&c);
	ck_assert_uint_eq(c.policy_max_request, 64 * 1024);
	ck_assert_int_eq(c.on_error, PST_ON_ERROR_DEFER);
	ck_assert_int_eq(pst_conf_load_buffer("/etc/postern/postern.conf",
			 pst_span_cstr(good), &c, NULL, NULL), PST_OK);
	ck_assert_str_eq(c.rules_path, "/etc/postern/my.rules");
	ck_assert_str_eq(c.policy_listen, "unix:/a, inet:127.0.0.1:1");
	ck_assert_int_eq(c.on_error, PST_ON_ERROR_ACCEPT);
	ck_assert_uint_eq(c.policy_idle_timeout, 300);
	ck_assert_uint_eq(c.policy_max_request, 8192);
	ck_assert_str_eq(c.syslog_name, "postern#1");
}
END_TEST

/* count_diag - errors seen, the last text kept */
static void
count_diag(void *ctx, const struct pst_diag *d)
{
	char   *last = ctx;

	snprintf(last, 512, "%s", d->text);
}

START_TEST(test_conf_errors)
{
	static const struct {
		const char *text;
		const char *want;
	} cases[] = {
		{"nosuch = 1\n", "c:1:1: unknown parameter \"nosuch\""},
		{"a\n", "c:1:1: expected \"name = value\""},
		{"on_error = maybe\n", "c:1:12: on_error: expected defer"},
		{"state_ttl = 5y\n", "c:1:13: state_ttl: expected a time"},
		{"state_ttl = 5\nstate_ttl = 6\n", "c:2:1: state_ttl is "
		 "already set at line 1"},
		{"  indented = 1\n", "c:1:1: continuation line without"},
		{"policy_max_request = 99999999999999999999k\n",
		 "policy_max_request: expected a size"},
		{"trace_pseudonymize = yes\n", "c:1:22: trace_pseudonymize: "
		 "expected no, local-part or address"},
		{"\ntrace_pseudonymize = address\n",
		 "c:2:1: trace_pseudonymize needs trace_hmac_key_file"},
	};
	struct pst_conf c;
	char	last[512];
	size_t	i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		pst_conf_defaults(&c);
		c.state_ttl = 42;
		last[0] = 0;
		ck_assert_int_eq(pst_conf_load_buffer("c", pst_span_cstr(
			cases[i].text), &c, count_diag, last), PST_INVAL);
		ck_assert_msg(strstr(last, cases[i].want) != NULL,
			      "%s: got \"%s\"", cases[i].text, last);
		/* nothing half applied */
		ck_assert_uint_eq(c.state_ttl, 42);
	}
}
END_TEST

/* key_file - a key file with these bytes and mode; its path in path */
static void
key_file(char *path, const char *bytes, mode_t mode)
{
	int	fd;

	snprintf(path, PST_CONF_PATH_MAX, "/tmp/postern-key.XXXXXX");
	fd = mkstemp(path);
	ck_assert_int_ge(fd, 0);
	ck_assert_int_eq(write(fd, bytes, strlen(bytes)),
			 (ssize_t) strlen(bytes));
	ck_assert_int_eq(fchmod(fd, mode), 0);
	close(fd);
}

/*
 * HMAC-SHA256 known answer (RFC 4231 test case 2: key "Jefe"), the
 * address folded to lower case, the domain kept or not, the null
 * sender left alone; and the key file's checks.
 */
START_TEST(test_pseudonym)
{
	struct pst_pseudonym p;
	struct pst_conf c;
	struct pst_buf b;
	char	why[256];

	memset(&p, 0, sizeof(p));
	p.mode = PST_PSEUDONYMIZE_ADDRESS;
	memcpy(p.key, "Jefe", 4);
	p.keylen = 4;
	pst_buf_init(&b, 4096);
	ck_assert_int_eq(pst_pseudonym_write(&p, pst_span_cstr(
		"WHAT do ya want for nothing?"), 0, &b), PST_OK);
	ck_assert_str_eq(b.data, "h:5bdcc146bf60754e");
	pst_buf_reset(&b);
	p.mode = PST_PSEUDONYMIZE_LOCAL_PART;
	ck_assert_int_eq(pst_pseudonym_write(&p, pst_span_cstr("Bob@Ex.ORG"),
					     1, &b), PST_OK);
	ck_assert_int_eq(b.len, 1 + 18 + 7 + 1);	/* "h:HEX@Ex.ORG" */
	ck_assert(strncmp(b.data, "\"h:", 3) == 0);
	ck_assert_str_eq(b.data + 19, "@Ex.ORG\"");
	pst_buf_reset(&b);
	ck_assert_int_eq(pst_pseudonym_write(&p, pst_span_cstr(""), 0, &b),
			 PST_OK);
	ck_assert_uint_eq(b.len, 0);
	p.mode = PST_PSEUDONYMIZE_NO;
	ck_assert_int_eq(pst_pseudonym_write(&p, pst_span_cstr("a@b"), 0,
					     &b), PST_OK);
	ck_assert_str_eq(b.data, "a@b");
	pst_buf_free(&b);

	pst_conf_defaults(&c);
	c.trace_pseudonymize = PST_PSEUDONYMIZE_LOCAL_PART;
	key_file(c.key_path, "0123456789abcdef0123\n", 0600);
	ck_assert_int_eq(pst_pseudonym_load(&c, &p, why, sizeof(why)),
			 PST_OK);
	ck_assert_uint_eq(p.keylen, 20);	/* the newline is not key */
	unlink(c.key_path);
	key_file(c.key_path, "0123456789abcdef0123\n", 0644);
	ck_assert_int_eq(pst_pseudonym_load(&c, &p, why, sizeof(why)),
			 PST_INVAL);
	ck_assert_ptr_nonnull(strstr(why, "readable by others"));
	unlink(c.key_path);
	key_file(c.key_path, "short\n", 0600);
	ck_assert_int_eq(pst_pseudonym_load(&c, &p, why, sizeof(why)),
			 PST_INVAL);
	ck_assert_ptr_nonnull(strstr(why, "holds 5 bytes"));
	unlink(c.key_path);
	ck_assert_int_eq(pst_pseudonym_load(&c, &p, why, sizeof(why)),
			 PST_INVAL);
	ck_assert_ptr_nonnull(strstr(why, "cannot read"));
}
END_TEST

START_TEST(test_decision_line)
{
	struct pst_txn t;
	struct pst_verdict v;
	struct pst_decision d;
	struct pst_buf b;

	pst_txn_init(&t, PST_STAGE_RCPT);
	t.client_ip = pst_span_cstr("192.0.2.7");
	t.recipient = pst_span_cstr("a b\r\nforged=1@example.org");
	memset(&v, 0, sizeof(v));
	v.action = PST_ACTION_REJECT;
	v.code = 550;
	memcpy(v.dsn, "5.7.1", 6);
	v.rule = 0;
	v.rule_name = "bounce-one-rcpt";
	d.txn = &t;
	d.verdict = &v;
	d.stage = PST_STAGE_RCPT;
	d.note = NULL;
	d.usec = 14;
	pst_buf_init(&b, 4096);
	ck_assert_int_eq(pst_decision_format(&d, PST_DECISION_LINE, &b),
			 PST_OK);
	ck_assert_str_eq(pst_buf_str(&b), "NOQUEUE: rule=bounce-one-rcpt "
			 "action=reject code=550 dsn=5.7.1 client=[192.0.2.7] "
			 "sender=<> rcpt=<a\\x20b\\x0d\\x0a"
			 "forged=1@example.org> stage=rcpt us=14");
	pst_buf_reset(&b);
	t.queue_id = pst_span_cstr("4Xq1");
	ck_assert_int_eq(pst_decision_format(&d, PST_DECISION_JSON, &b),
			 PST_OK);
	ck_assert_str_eq(pst_buf_str(&b), "{\"queue_id\":\"4Xq1\","
			 "\"rule\":\"bounce-one-rcpt\",\"action\":\"reject\","
			 "\"code\":550,\"dsn\":\"5.7.1\",\"client\":"
			 "\"192.0.2.7\",\"sender\":\"\",\"rcpt\":"
			 "\"a b\\u000d\\u000aforged=1@example.org\","
			 "\"stage\":\"rcpt\","
			 "\"us\":14}");
	pst_buf_free(&b);
}
END_TEST

START_TEST(test_state)
{
	struct pd_state *s = pd_state_create(2, 3, 60);
	struct pd_txn_state *a;
	struct pst_span r1 = pst_span_cstr("r1@x");
	struct pst_span r2 = pst_span_cstr("r2@x");

	ck_assert_ptr_nonnull(s);
	ck_assert_ptr_null(pd_state_get(s, pst_span_cstr(""), 0));
	a = pd_state_get(s, pst_span_cstr("A"), 0);
	ck_assert_uint_eq(pd_state_count(a, r1), 1);
	pd_state_add(s, a, r1);
	pd_state_add(s, a, r1);			/* the same query twice */
	ck_assert_uint_eq(pd_state_count(a, r1), 1);
	ck_assert_uint_eq(pd_state_count(a, r2), 2);
	pd_state_add(s, a, r2);
	pd_state_add(s, a, pst_span_cstr("r3@x"));
	pd_state_add(s, a, pst_span_cstr("r4@x"));	/* past the cap */
	ck_assert_uint_eq(pd_state_count(a, pst_span_make("", 0)), 4);
	/* a third transaction evicts the least recently used */
	(void) pd_state_get(s, pst_span_cstr("B"), 10);
	(void) pd_state_get(s, pst_span_cstr("A"), 20);
	(void) pd_state_get(s, pst_span_cstr("C"), 30);
	ck_assert_uint_eq(pd_state_size(s), 2);
	ck_assert_uint_eq(pd_state_evictions(s), 1);
	a = pd_state_get(s, pst_span_cstr("A"), 40);
	ck_assert_uint_eq(pd_state_count(a, pst_span_make("", 0)), 4);
	ck_assert_uint_eq(pd_state_expire(s, 95), 1);	/* C, idle 65 s */
	pd_state_drop(s, pst_span_cstr("A"));
	ck_assert_uint_eq(pd_state_size(s), 0);
	pd_state_free(s);
}
END_TEST

Suite  *
policy_suite(void)
{
	Suite  *s = suite_create("policy");
	TCase  *tc = tcase_create("core");

	tcase_add_test(tc, test_request_end);
	tcase_add_test(tc, test_parse);
	tcase_add_test(tc, test_eval_doors);
	tcase_add_test(tc, test_eval_server);
	tcase_add_test(tc, test_pseudonym);
	tcase_add_test(tc, test_parse_refuses);
	tcase_add_test(tc, test_stages);
	tcase_add_test(tc, test_eom_size);
	tcase_add_test(tc, test_eval_cumulative);
	tcase_add_test(tc, test_conf);
	tcase_add_test(tc, test_conf_errors);
	tcase_add_test(tc, test_decision_line);
	tcase_add_test(tc, test_state);
	suite_add_tcase(s, tc);
	return (s);
}
