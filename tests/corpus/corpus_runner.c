/*
 * NAME
 *	corpus_runner - check the Received parser against the shared corpus
 * SYNOPSIS
 *	corpus-runner [-v] DIR
 * DESCRIPTION
 *	Reads DIR/corpus.jsonl (records with "expect") and DIR/tricky.jsonl
 *	in place (format: DIR/README.md) and compares, with the README's
 *	rules: host names case-insensitively with one trailing dot
 *	ignored; addresses as addresses; "with" and "for"
 *	case-insensitively (white space runs in "with" count as one
 *	space); TLS versions with "v", "_", "-" and "." ignored; id,
 *	cipher and date exactly; auth only where expected non-null;
 *	"unscored" fields skipped. A record passes when every scored field
 *	matches. Tricky records pass when the listed fields or the
 *	expected error match (or an accepted error is reported), no
 *	must_not value is returned, and the parse does not take more than
 *	20 times its max_ms (a bound against quadratic behaviour that
 *	holds under sanitizers and valgrind; the benchmark measures the
 *	real time).
 *
 *	Prints per-field accuracy, every mismatch with its id, and last
 *	"N passed, N failed"; exit status 1 on any failure.
 * LICENSE
 *	MIT
 */
#include "config.h"

#include <arpa/inet.h>
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cjson/cJSON.h>

#include <postern/postern.h>

#include "../common/testdata.h"

static const char *const fields[] = {
	"from_helo", "from_rdns", "from_ip", "by_host", "with", "id", "for",
	"tls", "date_epoch", "auth"
};
#define NFIELDS	(sizeof(fields) / sizeof(fields[0]))

static unsigned long field_ok[NFIELDS];
static unsigned long field_n[NFIELDS];
static unsigned long passed;
static unsigned long failed;
static int verbose;

/* squash - lower case, drop chars in drop, white space runs to one */
static void
squash(const char *in, size_t n, const char *drop, char *out, size_t max)
{
	size_t	i;
	size_t	o = 0;
	int	space = 0;

	for (i = 0; i < n && o + 1 < max; i++) {
		unsigned char c = (unsigned char) in[i];

		if (strchr(drop, tolower(c)) != NULL && c != 0)
			continue;
		if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
			space = o > 0;
			continue;
		}
		if (space && o + 2 < max)
			out[o++] = ' ';
		space = 0;
		out[o++] = (char) tolower(c);
	}
	out[o] = 0;
}

/* host_eq - case-insensitive, one trailing dot ignored */
static int
host_eq(struct pst_span got, const char *want)
{
	size_t	wl = strlen(want);

	if (got.len > 0 && got.ptr[got.len - 1] == '.')
		got.len--;
	if (wl > 0 && want[wl - 1] == '.')
		wl--;
	return (got.len == wl && strncasecmp(got.ptr, want, wl) == 0);
}

/* ip_eq - as addresses */
static int
ip_eq(const char *got, const char *want)
{
	unsigned char a[16];
	unsigned char b[16];

	if (inet_pton(AF_INET, want, a) == 1)
		return (inet_pton(AF_INET, got, b) == 1 && !memcmp(a, b, 4));
	if (inet_pton(AF_INET6, want, a) == 1)
		return (inet_pton(AF_INET6, got, b) == 1 && !memcmp(a, b, 16));
	return (strcmp(got, want) == 0);
}

/* span_text - a span as a bounded C string for messages */
static const char *
span_text(struct pst_span s, char *buf, size_t max)
{
	size_t	n = s.len < max - 1 ? s.len : max - 1;

	if (s.ptr == NULL) {
		snprintf(buf, max, "null");
		return (buf);
	}
	memcpy(buf, s.ptr, n);
	buf[n] = 0;
	return (buf);
}

/*
 * field_match - compare one field; 1 match, 0 mismatch. got_text gets
 * what we produced, for the report.
 */
static int
field_match(const char *name, const struct pst_received *r,
	    const cJSON *want, char *got_text, size_t max)
{
	char	a[512];
	char	b[512];
	struct pst_span s = pst_span_make(NULL, 0);

	if (strcmp(name, "tls") == 0) {
		const cJSON *v = cJSON_GetObjectItem(want, "version");
		const cJSON *c = cJSON_GetObjectItem(want, "cipher");

		snprintf(got_text, max, "%s", r->tls ? "tls" : "null");
		if (cJSON_IsNull(want))
			return (!r->tls);
		if (!r->tls)
			return (0);
		snprintf(got_text, max, "{%.*s,%.*s}",
			 (int) (r->tls_version.len > 100 ? 100 :
				r->tls_version.len),
			 r->tls_version.ptr ? r->tls_version.ptr : "",
			 (int) (r->tls_cipher.len > 100 ? 100 :
				r->tls_cipher.len),
			 r->tls_cipher.ptr ? r->tls_cipher.ptr : "");
		squash(r->tls_version.ptr ? r->tls_version.ptr : "",
		       r->tls_version.len, "v_-.", a, sizeof(a));
		squash(cJSON_IsString(v) ? v->valuestring : "",
		       cJSON_IsString(v) ? strlen(v->valuestring) : 0, "v_-.",
		       b, sizeof(b));
		if (strcmp(a, b) != 0)
			return (0);
		if (!cJSON_IsString(c))
			return (r->tls_cipher.len == 0);
		return (r->tls_cipher.len == strlen(c->valuestring)
			&& memcmp(r->tls_cipher.ptr, c->valuestring,
				  r->tls_cipher.len) == 0);
	}
	if (strcmp(name, "date_epoch") == 0) {
		snprintf(got_text, max, r->has_date ? "%lld" : "null",
			 (long long) r->date_epoch);
		if (cJSON_IsNull(want))
			return (!r->has_date);
		return (r->has_date && cJSON_IsNumber(want)
			&& (double) r->date_epoch == want->valuedouble);
	}
	if (strcmp(name, "auth") == 0) {
		snprintf(got_text, max, "%s", r->auth == 1 ? "true" :
			 r->auth == 0 ? "false" : "null");
		if (cJSON_IsNull(want))
			return (1);
		return (cJSON_IsTrue(want) ? r->auth == 1 : r->auth == 0);
	}
	if (strcmp(name, "from_ip") == 0) {
		snprintf(got_text, max, "%s", r->from_ip[0] ? r->from_ip :
			 "null");
		if (cJSON_IsNull(want))
			return (r->from_ip[0] == 0);
		return (cJSON_IsString(want) && ip_eq(r->from_ip,
						      want->valuestring));
	}
	if (strcmp(name, "from_helo") == 0)
		s = r->from_helo;
	else if (strcmp(name, "from_rdns") == 0)
		s = r->from_rdns;
	else if (strcmp(name, "by_host") == 0)
		s = r->by_host;
	else if (strcmp(name, "with") == 0)
		s = r->with;
	else if (strcmp(name, "id") == 0)
		s = r->id;
	else if (strcmp(name, "for") == 0)
		s = r->for_addr;
	span_text(s, got_text, max);
	if (cJSON_IsNull(want))
		return (s.ptr == NULL || s.len == 0);
	if (!cJSON_IsString(want) || s.ptr == NULL)
		return (0);
	if (strcmp(name, "id") == 0)
		return (s.len == strlen(want->valuestring)
			&& memcmp(s.ptr, want->valuestring, s.len) == 0);
	if (strcmp(name, "with") == 0 || strcmp(name, "for") == 0) {
		squash(s.ptr, s.len, "", a, sizeof(a));
		squash(want->valuestring, strlen(want->valuestring), "", b,
		       sizeof(b));
		return (strcmp(a, b) == 0);
	}
	return (host_eq(s, want->valuestring));
}

/* unscored - is the field listed in the record's "unscored"? */
static int
unscored(const cJSON *rec, const char *name)
{
	const cJSON *u = cJSON_GetObjectItem(rec, "unscored");
	const cJSON *x;

	cJSON_ArrayForEach(x, u)
		if (cJSON_IsString(x) && strcmp(x->valuestring, name) == 0)
			return (1);
	return (0);
}

static const char *cur_line;		/* the JSON line being run */
static size_t cur_len;

/* raw_of - the record's exact bytes (raw decoded by hand, or raw_b64) */
static char *
raw_of(const cJSON *rec, size_t *len)
{
	const cJSON *b64 = cJSON_GetObjectItem(rec, "raw_b64");

	if (cJSON_IsString(b64))
		return (test_unbase64(b64->valuestring, len));
	/* not cJSON's string: it ends at an escaped NUL */
	return (test_json_bytes(cur_line, cur_len, "raw", len));
}

/* check_fields - compare the listed fields; returns mismatches */
static int
check_fields(const char *id, const cJSON *rec, const cJSON *expect,
	     const struct pst_received *r, int count)
{
	size_t	i;
	int	bad = 0;
	char	got[512];

	for (i = 0; i < NFIELDS; i++) {
		const cJSON *want = cJSON_GetObjectItem(expect, fields[i]);

		if (want == NULL || unscored(rec, fields[i]))
			continue;
		if (strcmp(fields[i], "auth") == 0 && cJSON_IsNull(want))
			continue;
		if (count)
			field_n[i]++;
		if (field_match(fields[i], r, want, got, sizeof(got))) {
			if (count)
				field_ok[i]++;
			continue;
		}
		bad++;
		{
			char   *w = cJSON_PrintUnformatted(want);

			printf("FAIL %s: %s expected %s, got %s\n", id,
			       fields[i], w ? w : "?", got);
			free(w);
		}
	}
	return (bad);
}

/* run_corpus - one corpus.jsonl record */
static void
run_corpus(const cJSON *rec)
{
	const char *id = cJSON_GetStringValue(cJSON_GetObjectItem(rec, "id"));
	const cJSON *expect = cJSON_GetObjectItem(rec, "expect");
	struct pst_received r;
	enum pst_err e;
	size_t	len;
	char   *raw;

	if (expect == NULL)
		return;
	if ((raw = raw_of(rec, &len)) == NULL) {
		printf("FAIL %s: unreadable record\n", id ? id : "?");
		failed++;
		return;
	}
	e = pst_received_parse(pst_span_make(raw, len), &r);
	if (e != PST_OK) {
		printf("FAIL %s: error %s\n", id, pst_errname(e));
		failed++;
	} else if (check_fields(id, rec, expect, &r, 1) == 0) {
		passed++;
		if (verbose)
			printf("ok   %s\n", id);
	} else {
		failed++;
	}
	free(raw);
}

/* tag_eq - our error tag against the corpus's (underscores) */
static int
tag_eq(enum pst_err e, const char *tag)
{
	const char *ours = pst_errname(e);
	size_t	i;

	for (i = 0; ours[i] && tag[i]; i++)
		if (ours[i] != (tag[i] == '_' ? '-' : tag[i]))
			return (0);
	return (ours[i] == 0 && tag[i] == 0);
}

/* run_tricky - one tricky.jsonl record */
static void
run_tricky(const cJSON *rec)
{
	const char *id = cJSON_GetStringValue(cJSON_GetObjectItem(rec, "id"));
	const cJSON *expect = cJSON_GetObjectItem(rec, "expect");
	const char *experr = cJSON_GetStringValue(cJSON_GetObjectItem(rec,
						"expect_error"));
	const cJSON *accept = cJSON_GetObjectItem(rec, "accept_error");
	const cJSON *must_not = cJSON_GetObjectItem(rec, "must_not");
	const cJSON *max_ms = cJSON_GetObjectItem(rec, "max_ms");
	const cJSON *x;
	struct pst_received r;
	struct timespec t0;
	struct timespec t1;
	enum pst_err e;
	double	ms;
	size_t	len;
	char   *raw;
	int	ok = 1;

	if ((raw = raw_of(rec, &len)) == NULL) {
		printf("FAIL %s: unreadable record\n", id ? id : "?");
		failed++;
		return;
	}
	clock_gettime(CLOCK_MONOTONIC, &t0);
	e = pst_received_parse(pst_span_make(raw, len), &r);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	ms = (t1.tv_sec - t0.tv_sec) * 1e3 + (t1.tv_nsec - t0.tv_nsec) / 1e6;
	if (e != PST_OK) {
		int	accepted = experr != NULL && tag_eq(e, experr);

		cJSON_ArrayForEach(x, accept)
			if (cJSON_IsString(x) && tag_eq(e, x->valuestring))
				accepted = 1;
		/* only must_not given: an error returns no forbidden value */
		if (expect == NULL && experr == NULL && must_not != NULL)
			accepted = 1;
		if (!accepted) {
			printf("FAIL %s: error %s%s%s\n", id, pst_errname(e),
			       experr ? ", expected " : "",
			       experr ? experr : "");
			ok = 0;
		}
	} else if (experr != NULL) {
		printf("FAIL %s: parsed, expected error %s\n", id, experr);
		ok = 0;
	} else if (expect != NULL && check_fields(id, rec, expect, &r, 0)) {
		ok = 0;
	}
	if (e == PST_OK && must_not != NULL) {
		const cJSON *ip = cJSON_GetObjectItem(must_not, "from_ip");

		if (cJSON_IsString(ip) && ip_eq(r.from_ip, ip->valuestring)) {
			printf("FAIL %s: returned forbidden from_ip %s\n", id,
			       r.from_ip);
			ok = 0;
		}
	}
	if (cJSON_IsNumber(max_ms) && ms > 20 * max_ms->valuedouble) {
		printf("FAIL %s: %.1f ms, more than 20 x %.0f ms\n", id, ms,
		       max_ms->valuedouble);
		ok = 0;
	}
	if (ok) {
		passed++;
		if (verbose)
			printf("ok   %s (%.2f ms)\n", id, ms);
	} else {
		failed++;
	}
	free(raw);
}

/* run_file - every JSON line of DIR/name */
static int
run_file(const char *dir, const char *name, void (*fn) (const cJSON *))
{
	char	path[4096];
	char   *line = NULL;
	size_t	cap = 0;
	ssize_t	n;
	FILE   *fp;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	if ((fp = fopen(path, "r")) == NULL) {
		perror(path);
		return (-1);
	}
	while ((n = getline(&line, &cap, fp)) > 0) {
		cJSON  *rec = cJSON_ParseWithLength(line, (size_t) n);

		if (rec == NULL) {
			printf("FAIL %s: a line is not JSON\n", path);
			failed++;
			continue;
		}
		cur_line = line;
		cur_len = (size_t) n;
		fn(rec);
		cJSON_Delete(rec);
	}
	free(line);
	fclose(fp);
	return (0);
}

int
main(int argc, char **argv)
{
	unsigned long cp;
	unsigned long cf;
	size_t	i;
	int	arg = 1;

	if (argc > 1 && strcmp(argv[1], "-v") == 0) {
		verbose = 1;
		arg++;
	}
	if (arg + 1 != argc) {
		fprintf(stderr, "usage: corpus-runner [-v] DIR\n");
		return (2);
	}
	if (run_file(argv[arg], "corpus.jsonl", run_corpus) != 0)
		return (2);
	cp = passed;
	cf = failed;
	if (run_file(argv[arg], "tricky.jsonl", run_tricky) != 0)
		return (2);
	printf("field accuracy (corpus records with expectations):\n");
	for (i = 0; i < NFIELDS; i++)
		printf("  %-10s %4lu/%-4lu %6.2f%%\n", fields[i], field_ok[i],
		       field_n[i], field_n[i] ? 100.0 * field_ok[i] /
		       field_n[i] : 100.0);
	printf("corpus: %lu passed, %lu failed; tricky: %lu passed, %lu "
	       "failed\n", cp, cf, passed - cp, failed - cf);
	printf("%lu passed, %lu failed\n", passed, failed);
	return (failed ? 1 : 0);
}
