/*
 * NAME
 *	vector_runner - check libpostern against the golden envelope vectors
 * SYNOPSIS
 *	vector-runner [-v] DIR
 * DESCRIPTION
 *	Reads DIR/address-vectors.jsonl and DIR/esmtp-param-vectors.jsonl
 *	(format: DIR/README.md) in place. The *_hex fields are the
 *	authoritative octets.
 *
 *	Address vectors: validity, the normalised mailbox, and the reason:
 *	for an invalid vector the error tag must equal "reason"; for a
 *	valid one the notable feature it names (null path, postmaster,
 *	source route, literal kind, SMTPUTF8 part, quoting) must be what
 *	the parser reported.
 *
 *	Parameter vectors: the reply code, enhanced status, ok, and every
 *	decoded parameter (no more, no fewer).
 *
 *	Every failure is printed with its id; the last line is
 *	"N passed, N failed"; exit status 1 when anything failed, 2 when
 *	the data cannot be read.
 * LICENSE
 *	MIT
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include <postern/postern.h>

#include "../common/testdata.h"

static int verbose;
static unsigned long passed;
static unsigned long failed;

/* str - a string member or NULL */
static const char *
str(const cJSON *o, const char *k)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, k);

	return (cJSON_IsString(v) ? v->valuestring : NULL);
}

/* verdict - count one case and report it */
static void
verdict(const char *id, const char *why)
{
	if (why == NULL) {
		passed++;
		if (verbose)
			printf("ok   %s\n", id);
	} else {
		failed++;
		printf("FAIL %s: %s\n", id, why);
	}
}

/* feature_ok - does the parse show the feature a valid vector names? */
static int
feature_ok(const char *reason, unsigned f)
{
	static const struct {
		const char *reason;
		unsigned flags;
	} features[] = {
		{"null-path", PST_ADDR_NULL},
		{"postmaster", PST_ADDR_POSTMASTER},
		{"source-route", PST_ADDR_ROUTE},
		{"address-literal-ipv4", PST_ADDR_LIT_IPV4},
		{"address-literal-ipv6", PST_ADDR_LIT_IPV6},
		{"address-literal-ipv6v4", PST_ADDR_LIT_IPV6},
		{"smtputf8-local", PST_ADDR_UTF8_LOCAL},
		{"smtputf8-domain", PST_ADDR_UTF8_DOMAIN},
		{"quoted-local", PST_ADDR_QUOTED},
		{"quoted-local-empty", PST_ADDR_QUOTED},
		{"quoted-local-escape", PST_ADDR_QUOTED},
	};
	size_t	i;

	for (i = 0; i < sizeof(features) / sizeof(features[0]); i++)
		if (strcmp(reason, features[i].reason) == 0)
			return ((f & features[i].flags) == features[i].flags);
	return (1);			/* dot-string, numeric-tld, ... */
}

/* run_address - one address vector */
static void
run_address(const cJSON *v)
{
	static char why[512];
	const char *id = str(v, "id");
	const char *hex = str(v, "input_hex");
	const char *form = str(v, "form");
	const char *ctx = str(v, "context");
	const char *reason = str(v, "reason");
	const char *norm = str(v, "normalized");
	int	valid = cJSON_IsTrue(cJSON_GetObjectItem(v, "valid"));
	int	u8 = cJSON_IsTrue(cJSON_GetObjectItem(v, "smtputf8"));
	struct pst_addr a;
	enum pst_err e;
	unsigned flags;
	char   *in;
	size_t	len;

	if (id == NULL || hex == NULL || form == NULL || ctx == NULL
	    || reason == NULL || (in = test_unhex(hex, &len)) == NULL) {
		verdict(id ? id : "?", "malformed vector");
		return;
	}
	flags = (u8 ? PST_ADDR_F_SMTPUTF8 : 0)
		| (strcmp(form, "addr") == 0 ? PST_ADDR_F_BARE : 0);
	e = pst_addr_parse(pst_span_make(in, len), strcmp(ctx, "rcpt") == 0 ?
			   PST_ADDR_RCPT : PST_ADDR_MAIL, flags, &a);
	if ((e == PST_OK) != valid) {
		snprintf(why, sizeof(why), "expected %s (%s), got %s",
			 valid ? "valid" : "invalid", reason,
			 e == PST_OK ? "valid" : pst_errname(e));
		verdict(id, why);
	} else if (!valid && strcmp(pst_errname(e), reason) != 0) {
		snprintf(why, sizeof(why), "reason: expected %s, got %s "
			 "(offset %zu)", reason, pst_errname(e), a.err_off);
		verdict(id, why);
	} else if (valid && (norm == NULL || strcmp(norm, a.norm) != 0)) {
		snprintf(why, sizeof(why), "normalized: expected \"%.200s\", "
			 "got \"%.200s\"", norm ? norm : "(null)", a.norm);
		verdict(id, why);
	} else if (valid && !feature_ok(reason, a.flags)) {
		snprintf(why, sizeof(why), "feature %s not reported "
			 "(flags 0x%x)", reason, a.flags);
		verdict(id, why);
	} else {
		verdict(id, NULL);
	}
	free(in);
}

/* ehlo_of - the advertised set of a parameter vector */
static int
ehlo_of(const cJSON *v, struct pst_ehlo *ehlo)
{
	const cJSON *exts = cJSON_GetObjectItem(v, "ehlo_extensions");
	const cJSON *max = cJSON_GetObjectItem(v, "max_size");
	const cJSON *x;
	char	buf[1024] = "";

	cJSON_ArrayForEach(x, exts) {
		size_t	used = strlen(buf);

		if (!cJSON_IsString(x) || used + strlen(x->valuestring) + 2
		    > sizeof(buf))
			return (-1);
		snprintf(buf + used, sizeof(buf) - used, "%s ",
			 x->valuestring);
	}
	if (pst_ehlo_parse(pst_span_cstr(buf), ehlo) != PST_OK)
		return (-1);
	ehlo->max_size = cJSON_IsNumber(max) ? (uint64_t) max->valuedouble : 0;
	return (0);
}

/* params_diff - compare decoded parameters with the expectation */
static const char *
params_diff(const struct pst_cmd *cmd, const cJSON *want, char *why,
	    size_t whylen)
{
	unsigned p;
	int	nwant = cJSON_GetArraySize(want);
	int	ngot = 0;

	for (p = 0; p < PST_PARAM__COUNT; p++) {
		const cJSON *w;
		struct pst_buf got;

		if (!(cmd->params.seen & (1u << p)))
			continue;
		ngot++;
		w = cJSON_GetObjectItemCaseSensitive(want, pst_param_name(p));
		if (w == NULL) {
			snprintf(why, whylen, "unexpected param %s",
				 pst_param_name(p));
			return (why);
		}
		if (cJSON_IsTrue(w))
			continue;
		pst_buf_init(&got, 4096);
		if (pst_param_value(&cmd->params, p, &got) != PST_OK
		    || !cJSON_IsString(w)
		    || strcmp(pst_buf_str(&got), w->valuestring) != 0) {
			snprintf(why, whylen, "param %s: expected \"%.100s\", "
				 "got \"%.100s\"", pst_param_name(p),
				 cJSON_IsString(w) ? w->valuestring : "?",
				 pst_buf_str(&got));
			pst_buf_free(&got);
			return (why);
		}
		pst_buf_free(&got);
	}
	if (ngot != nwant) {
		snprintf(why, whylen, "expected %d params, got %d", nwant,
			 ngot);
		return (why);
	}
	return (NULL);
}

/* run_param - one MAIL/RCPT parameter vector */
static void
run_param(const cJSON *v)
{
	static char why[512];
	const char *id = str(v, "id");
	const char *hex = str(v, "line_hex");
	const cJSON *exp = cJSON_GetObjectItem(v, "expect");
	const char *reply = str(exp, "reply");
	const char *enh = str(exp, "enhanced");
	int	ok = cJSON_IsTrue(cJSON_GetObjectItem(exp, "ok"));
	int	tu8 = cJSON_IsTrue(cJSON_GetObjectItem(v,
						"transaction_smtputf8"));
	struct pst_ehlo ehlo;
	struct pst_cmd *cmd;
	const char *status;
	enum pst_err e;
	char   *in;
	size_t	len;
	int	code;
	char	codestr[8];

	if (id == NULL || hex == NULL || reply == NULL || enh == NULL
	    || ehlo_of(v, &ehlo) != 0
	    || (in = test_unhex(hex, &len)) == NULL) {
		verdict(id ? id : "?", "malformed vector");
		return;
	}
	if ((cmd = malloc(sizeof(*cmd))) == NULL) {
		free(in);
		verdict(id, "out of memory");
		return;
	}
	e = pst_cmd_parse(pst_span_make(in, len), &ehlo, tu8, cmd);
	pst_cmd_reply_code(cmd, e, &ehlo, &code, &status);
	snprintf(codestr, sizeof(codestr), "%d", code);
	if (strcmp(codestr, reply) != 0 || strcmp(status, enh) != 0
	    || (e == PST_OK) != ok) {
		snprintf(why, sizeof(why), "expected %s %s, got %d %s (%s)",
			 reply, enh, code, status, pst_errname(e));
		verdict(id, why);
	} else if (ok) {
		const cJSON *want = cJSON_GetObjectItem(exp, "params");

		verdict(id, params_diff(cmd, want, why, sizeof(why)));
	} else {
		verdict(id, NULL);
	}
	free(cmd);
	free(in);
}

/* run_file - every JSON line of DIR/name through fn */
static int
run_file(const char *dir, const char *name, void (*fn) (const cJSON *))
{
	char	path[4096];
	char   *line = NULL;
	size_t	cap = 0;
	unsigned long lineno = 0;
	FILE   *fp;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	if ((fp = fopen(path, "r")) == NULL) {
		perror(path);
		return (-1);
	}
	while (getline(&line, &cap, fp) > 0) {
		cJSON  *v = cJSON_Parse(line);

		lineno++;
		if (v == NULL) {
			fprintf(stderr, "%s:%lu: not JSON\n", path, lineno);
			failed++;
			continue;
		}
		fn(v);
		cJSON_Delete(v);
	}
	free(line);
	fclose(fp);
	return (lineno > 0 ? 0 : -1);
}

int
main(int argc, char **argv)
{
	int	i = 1;

	if (argc > 1 && strcmp(argv[1], "-v") == 0) {
		verbose = 1;
		i++;
	}
	if (i + 1 != argc) {
		fprintf(stderr, "usage: vector-runner [-v] DIR\n");
		return (2);
	}
	if (run_file(argv[i], "address-vectors.jsonl", run_address) != 0
	    || run_file(argv[i], "esmtp-param-vectors.jsonl", run_param) != 0)
		return (2);
	printf("%lu passed, %lu failed\n", passed, failed);
	return (failed ? 1 : 0);
}
