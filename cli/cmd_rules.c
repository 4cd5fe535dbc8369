/*
 * NAME
 *	cmd_rules.c - "postern check" and "postern explain"
 * SUMMARY
 *	compile a rule file like postfix check; evaluate it offline
 * SYNOPSIS
 *	postern check RULES
 *	postern explain RULES [--stage S] [--policy] [--message FILE]
 *		[key=value ...]
 * DESCRIPTION
 *	check prints every error and warning as file:line:col, then which
 *	daemon runs which rule. Exit status 1 when there are errors.
 *
 *	explain builds a transaction from key=value arguments (rule field
 *	names such as client.ip or rcpt.count, or Postfix policy attribute
 *	names such as client_address or recipient_count), from a Postfix
 *	policy request on standard input (--policy), or from a message file
 *	(--message: headers and Received chain, stage header). mail=LINE
 *	and rcpt=LINE take real MAIL FROM / RCPT TO command lines, parsed
 *	by libpostern as a server would. It then prints every rule of the
 *	stage, whether it matched, and the verdict exactly as
 *	postern-policyd would answer it.
 * LICENSE
 *	MIT
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <postern/postern.h>

#include "cli.h"

/* explain reads at most this much of a policy request or message */
#define EXPLAIN_MAX_INPUT	(64 * 1024 * 1024)
#define EXPLAIN_MAX_HEADERS	1000

struct diag_count {
	int	errors;
	int	warnings;
	int	quiet_warnings;		/* explain shows errors only */
};

/* print_diag - one diagnostic line, counted */
static void
print_diag(void *ctx, const struct pst_diag *d)
{
	struct diag_count *c = ctx;

	if (d->warning)
		c->warnings++;
	else
		c->errors++;
	if (!d->warning || !c->quiet_warnings)
		printf("%s\n", d->text);
}

/* doors_text - who runs a rule */
static const char *
doors_text(unsigned doors)
{
	if ((doors & PST_DOOR_POLICY) && (doors & PST_DOOR_MILTER))
		return ("policyd, milter");
	return (doors & PST_DOOR_MILTER ? "milter only" : "none");
}

int
cli_check(int argc, char **argv)
{
	struct diag_count c = {0, 0, 0};
	struct pst_rules *r;
	enum pst_err e;
	size_t	i;
	size_t	both = 0;

	if (argc != 2) {
		fprintf(stderr, "usage: postern check RULES\n");
		return (CLI_EXIT_USAGE);
	}
	e = pst_rules_load_file(argv[1], &r, print_diag, &c);
	if (e != PST_OK) {
		printf("%s: %d error%s, %d warning%s; nothing loaded\n",
		       argv[1], c.errors, c.errors == 1 ? "" : "s", c.warnings,
		       c.warnings == 1 ? "" : "s");
		return (e == PST_INVAL ? CLI_EXIT_REFUSED : CLI_EXIT_INTERNAL);
	}
	printf("%s: %zu rule%s, 0 errors, %d warning%s\n", argv[1],
	       pst_rules_count(r), pst_rules_count(r) == 1 ? "" : "s",
	       c.warnings, c.warnings == 1 ? "" : "s");
	printf("  line  stage    name                  runs in\n");
	for (i = 0; i < pst_rules_count(r); i++) {
		enum pst_stage st;
		unsigned line;
		unsigned doors;
		const char *name;

		(void) pst_rules_info(r, i, &st, &line, &name, &doors);
		both += (doors & PST_DOOR_POLICY) != 0;
		printf("  %4u  %-7s  %-20s  %s\n", line, pst_stage_name(st),
		       name[0] ? name : "-", doors_text(doors));
	}
	printf("postern-policyd runs %zu rule%s, postern-milter runs %zu\n",
	       both, both == 1 ? "" : "s", pst_rules_count(r));
	pst_rules_free(r);
	return (CLI_EXIT_OK);
}

/* Everything explain builds a transaction from. */
struct explain {
	struct pst_txn txn;
	struct pst_ehlo ehlo;
	struct pst_cmd mail;
	struct pst_cmd rcpt;
	struct pst_esmtp_params params;	/* MAIL's, with RCPT's merged */
	struct pst_header_field headers[EXPLAIN_MAX_HEADERS];
	struct pst_trace trace;
	int	stage_set;
	int	policy;			/* a request: answer as policyd does */
	char   *input;			/* --policy or --message bytes */
};

/* stage_of_state - Postfix protocol_state to a stage */
static enum pst_stage
stage_of_state(struct pst_span v)
{
	if (pst_span_eq_nocase(v, "CONNECT"))
		return (PST_STAGE_CONNECT);
	if (pst_span_eq_nocase(v, "EHLO") || pst_span_eq_nocase(v, "HELO"))
		return (PST_STAGE_HELO);
	if (pst_span_eq_nocase(v, "MAIL"))
		return (PST_STAGE_MAIL);
	if (pst_span_eq_nocase(v, "DATA"))
		return (PST_STAGE_DATA);
	if (pst_span_eq_nocase(v, "END-OF-MESSAGE"))
		return (PST_STAGE_EOM);
	return (PST_STAGE_RCPT);
}

/* strip_angle - "<a@b>" to "a@b" */
static struct pst_span
strip_angle(struct pst_span v)
{
	if (v.len >= 2 && v.ptr[0] == '<' && v.ptr[v.len - 1] == '>')
		return (pst_span_sub(v, 1, v.len - 2));
	return (v);
}

/* set_key - one key=value; 0, or -1 with a message */
static int
set_key(struct explain *x, struct pst_span k, struct pst_span v)
{
	struct pst_txn *t = &x->txn;
	int64_t	n;

#define KEY(a, b) (pst_span_eq_nocase(k, a) || pst_span_eq_nocase(k, b))
	if (KEY("client.ip", "client_address"))
		t->client_ip = v;
	else if (KEY("client.name", "client_name"))
		t->client_name = v;
	else if (KEY("client.port", "client_port"))
		t->client_port = pst_span_decimal(v);
	else if (KEY("server.ip", "server_address"))
		t->server_ip = v;
	else if (KEY("server.port", "server_port"))
		t->server_port = pst_span_decimal(v);
	else if (KEY("daemon.name", "daemon_name"))
		t->daemon_name = v;
	else if (KEY("helo", "helo_name"))
		t->helo = v;
	else if (KEY("sender", "sender"))
		t->sender = strip_angle(v);
	else if (KEY("recipient", "recipient"))
		t->recipient = strip_angle(v);
	else if (KEY("rcpt.count", "recipient_count") || KEY("rcpt_count",
							     "rcpt_count"))
		t->rcpt_count = (n = pst_span_decimal(v)) < 0 ? 0 : (size_t) n;
	else if (KEY("sasl.user", "sasl_username"))
		t->sasl_user = v;
	else if (KEY("sasl.method", "sasl_method"))
		t->sasl_method = v;
	else if (KEY("tls.protocol", "encryption_protocol"))
		t->tls_protocol = v;
	else if (KEY("tls.cipher", "encryption_cipher"))
		t->tls_cipher = v;
	else if (KEY("queue.id", "queue_id"))
		t->queue_id = v;
	else if (KEY("protocol_state", "stage")) {
		if (!x->stage_set)
			t->stage = stage_of_state(v);
	} else if (KEY("size", "size")) {
		/* Postfix: SIZE= before END-OF-MESSAGE, actual size at it */
		n = pst_span_decimal(v);
		if (n >= 0 && t->stage == PST_STAGE_EOM) {
			t->size = (uint64_t) n;
			t->has_size = 1;
		} else if (n > 0) {
			x->params.size = (uint64_t) n;
			x->params.seen |= 1u << PST_PARAM_SIZE;
		}
	} else if (KEY("mail", "rcpt")) {
		struct pst_cmd *c = pst_span_eq_nocase(k, "mail") ? &x->mail :
		&x->rcpt;
		enum pst_err e = pst_cmd_parse(v, &x->ehlo, x->mail.smtputf8,
					       c);

		if (e != PST_OK) {
			fprintf(stderr, "postern explain: %.*s: %s\n",
				(int) (v.len > 200 ? 200 : v.len), v.ptr,
				pst_strerror(e));
			return (-1);
		}
		if (c == &x->mail) {
			x->params = c->params;
			t->sender = pst_span_make(c->addr.norm,
						  c->addr.norm_len);
			t->sender_route =
				(c->addr.flags & PST_ADDR_ROUTE) != 0;
		} else {
			pst_params_add_rcpt(&x->params, &c->params);
			t->recipient = pst_span_make(c->addr.norm,
						     c->addr.norm_len);
		}
	} else if (!KEY("request", "instance")) {
		/* other policy attributes say nothing the rules can read */
		return (0);
	}
#undef KEY
	return (0);
}

/* load_policy - a Postfix policy request on stdin, read as policyd does */
static int
load_policy(struct explain *x)
{
	struct pst_policy_req req;
	size_t	len;
	size_t	end;
	int	too_big;
	enum pst_err e;
	enum pst_stage st;

	x->input = cli_read_file("-", EXPLAIN_MAX_INPUT, &len, &too_big);
	if (x->input == NULL)
		return (-1);
	end = pst_policy_request_end(pst_span_make(x->input, len), 0);
	e = pst_policy_parse(pst_span_make(x->input, end ? end : len), &req);
	if (e != PST_OK) {
		fprintf(stderr, "postern explain: policy request: %s\n",
			pst_strerror(e));
		return (-1);
	}
	st = x->txn.stage;
	pst_policy_txn(&req, &x->txn, &x->params);
	if (x->stage_set)
		x->txn.stage = st;
	x->policy = 1;
	return (0);
}

/* load_message - headers and Received chain of a message file */
static int
load_message(struct explain *x, const char *path)
{
	struct pst_header_iter it;
	struct pst_span name;
	struct pst_span value;
	size_t	len;
	int	return_path = 0;
	int	too_big;

	x->input = cli_read_file(path, EXPLAIN_MAX_INPUT, &len, &too_big);
	if (x->input == NULL)
		return (-1);
	pst_trace_init(&x->trace);
	pst_header_iter_init(&it, pst_header_block(pst_span_make(x->input,
							  len), NULL));
	while (pst_header_next(&it, &name, &value) > 0) {
		if (x->txn.nheaders < EXPLAIN_MAX_HEADERS) {
			x->headers[x->txn.nheaders].name = name;
			x->headers[x->txn.nheaders++].value = value;
		}
		if (pst_span_eq_nocase(name, "Received"))
			pst_trace_add(&x->trace, value);
		else if (pst_span_eq_nocase(name, "Return-Path"))
			return_path = 1;
	}
	pst_trace_finish(&x->trace, return_path, PST_HOPCOUNT_LIMIT);
	pst_header_scan(x->headers, x->txn.nheaders, &x->txn.header_long_line,
			&x->txn.header_8bit);
	x->txn.headers = x->headers;
	x->txn.trace = &x->trace;
	if (!x->stage_set)
		x->txn.stage = PST_STAGE_HEADER;
	return (0);
}

/* What print_considered needs to say why. */
struct considered {
	const struct pst_rules *r;
	const struct pst_txn *txn;
};

/* print_considered - one line per rule evaluated, then what it saw */
static void
print_considered(void *ctx, int rule, const char *name, unsigned line,
		 int matched, int dry_run, enum pst_action action)
{
	struct considered *c = ctx;
	struct pst_buf why;

	printf("  rule %d (line %u%s%s): %s -> %s%s\n", rule + 1, line,
	       name[0] ? ", " : "", name, matched < 0 ? "ERROR" : matched ?
	       "matched" : "no match", pst_action_name(action),
	       dry_run && matched > 0 ? " (dry-run: logged only)" : "");
	pst_buf_init(&why, 4096);
	if (pst_rules_why(c->r, (size_t) rule, c->txn, &why) == PST_OK)
		printf("      because %s\n", pst_buf_str(&why));
	pst_buf_free(&why);
}

/* explain_usage - the synopsis */
static int
explain_usage(void)
{
	fprintf(stderr, "usage: postern explain RULES [--stage STAGE] "
		"[--policy] [--message FILE] [key=value ...]\n");
	return (CLI_EXIT_USAGE);
}

int
cli_explain(int argc, char **argv)
{
	struct explain *x;
	struct pst_rules *r;
	struct pst_verdict v;
	struct considered cons;
	struct pst_buf ans;
	struct diag_count c = {0, 0, 1};
	int	i;
	int	rc = CLI_EXIT_OK;

	if (argc < 2)
		return (explain_usage());
	if ((x = calloc(1, sizeof(*x))) == NULL)
		return (CLI_EXIT_INTERNAL);
	pst_txn_init(&x->txn, PST_STAGE_RCPT);
	pst_ehlo_all(&x->ehlo);
	x->txn.params = &x->params;
	for (i = 2; i < argc && rc == CLI_EXIT_OK; i++) {
		const char *eq = strchr(argv[i], '=');

		if (strcmp(argv[i], "--stage") == 0 && i + 1 < argc) {
			x->txn.stage = pst_stage_from_name(pst_span_cstr(
								argv[++i]));
			x->stage_set = 1;
			if (x->txn.stage == PST_STAGE__COUNT)
				rc = explain_usage();
		} else if (strcmp(argv[i], "--policy") == 0) {
			if (load_policy(x) < 0)
				rc = CLI_EXIT_INTERNAL;
		} else if (strcmp(argv[i], "--message") == 0 && i + 1 < argc) {
			if (load_message(x, argv[++i]) < 0) {
				fprintf(stderr, "postern explain: cannot read "
					"%.200s\n", argv[i]);
				rc = CLI_EXIT_INTERNAL;
			}
		} else if (eq != NULL && eq != argv[i]) {
			if (set_key(x, pst_span_make(argv[i], (size_t)
					(eq - argv[i])),
					 pst_span_cstr(eq + 1)) < 0)
				rc = CLI_EXIT_REFUSED;
		} else {
			rc = explain_usage();
		}
	}
	if (rc != CLI_EXIT_OK) {
		free(x->input);
		free(x);
		return (rc);
	}
	if (pst_rules_load_file(argv[1], &r, print_diag, &c) != PST_OK) {
		free(x->input);
		free(x);
		return (CLI_EXIT_REFUSED);
	}
	cons.r = r;
	cons.txn = &x->txn;
	if (x->policy && !x->stage_set) {
		/* policyd at RCPT runs connect, helo, mail, rcpt in turn */
		printf("as postern-policyd, %s stage:\n",
		       pst_stage_name(x->txn.stage));
		pst_policy_eval(r, &x->txn, &v, print_considered, &cons);
	} else {
		printf("stage %s:\n", pst_stage_name(x->txn.stage));
		pst_rules_eval(r, &x->txn, &v, print_considered, &cons);
	}
	if (v.rule >= 0 && v.action != PST_ACTION_DUNNO)
		printf("verdict: %s (rule %d, line %u%s%s)\n",
		       pst_action_name(v.action), v.rule + 1, v.line,
		       v.rule_name[0] ? ", " : "", v.rule_name);
	else
		printf("verdict: dunno (no rule decided)\n");
	pst_buf_init(&ans, 4096);
	if (pst_verdict_policy(&v, &ans) == PST_OK)
		printf("postern-policyd answers: action=%s\n",
		       pst_buf_str(&ans));
	pst_buf_free(&ans);
	pst_rules_free(r);
	free(x->input);
	free(x);
	return (CLI_EXIT_OK);
}
