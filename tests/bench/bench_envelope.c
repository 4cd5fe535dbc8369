/*
 * NAME
 *	bench_envelope - address and parameter validation throughput
 * SYNOPSIS
 *	bench-envelope [-r ROUNDS] DIR
 * DESCRIPTION
 *	Loads the valid address vectors and the accepted MAIL/RCPT lines
 *	of DIR (the shared vectors) and validates them in a loop on one
 *	core. Next to each figure it prints a baseline measured in the same
 *	run over the same bytes: a memchr() for "@" plus a byte sum (the
 *	least any validator must do: touch every octet once). The ratio
 *	says how many baseline scans one validation costs.
 *
 *	A benchmark, not a test: it prints, it never passes or fails on a
 *	time. Every loop is bounded by ROUNDS (default 20000).
 * LICENSE
 *	MIT
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cjson/cJSON.h>

#include <postern/postern.h>

#include "../common/testdata.h"

#define BENCH_MAX_ITEMS	4096

struct item {
	char   *bytes;
	size_t	len;
	unsigned flags;
	enum pst_addr_ctx ctx;
	struct pst_ehlo ehlo;
};

static struct item addrs[BENCH_MAX_ITEMS];
static struct item lines[BENCH_MAX_ITEMS];
static size_t naddrs;
static size_t nlines;
static volatile unsigned long sink;

/* load - the valid vectors of one file */
static void
load(const char *dir, const char *name, int is_addr)
{
	char	path[4096];
	char   *line = NULL;
	size_t	cap = 0;
	FILE   *fp;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	if ((fp = fopen(path, "r")) == NULL) {
		perror(path);
		exit(2);
	}
	while (getline(&line, &cap, fp) > 0) {
		cJSON  *v = cJSON_Parse(line);
		struct item *it;

		if (v == NULL)
			continue;
		if (is_addr && naddrs < BENCH_MAX_ITEMS
		    && cJSON_IsTrue(cJSON_GetObjectItem(v, "valid"))) {
			it = &addrs[naddrs++];
			it->bytes = test_unhex(cJSON_GetObjectItem(v,
					"input_hex")->valuestring, &it->len);
			it->ctx = strcmp(cJSON_GetObjectItem(v, "context")
					 ->valuestring, "rcpt") == 0 ?
				PST_ADDR_RCPT : PST_ADDR_MAIL;
			it->flags = (cJSON_IsTrue(cJSON_GetObjectItem(v,
					"smtputf8")) ? PST_ADDR_F_SMTPUTF8 : 0)
				| (strcmp(cJSON_GetObjectItem(v, "form")
					  ->valuestring, "addr") == 0 ?
				   PST_ADDR_F_BARE : 0);
		} else if (!is_addr && nlines < BENCH_MAX_ITEMS
			   && cJSON_IsTrue(cJSON_GetObjectItem(
				cJSON_GetObjectItem(v, "expect"), "ok"))) {
			it = &lines[nlines++];
			it->bytes = test_unhex(cJSON_GetObjectItem(v,
					"line_hex")->valuestring, &it->len);
			pst_ehlo_all(&it->ehlo);
			it->flags = cJSON_IsTrue(cJSON_GetObjectItem(v,
						"transaction_smtputf8"));
		}
		cJSON_Delete(v);
	}
	free(line);
	fclose(fp);
}

/* baseline - memchr for "@" and a byte sum over every item */
static double
baseline(const struct item *it, size_t n, unsigned long rounds)
{
	double	t0 = test_now();
	unsigned long r;
	size_t	i;
	size_t	k;

	for (r = 0; r < rounds; r++)
		for (i = 0; i < n; i++) {
			const char *at = memchr(it[i].bytes, '@', it[i].len);
			unsigned long sum = 0;

			if (at != NULL)
				sum = (unsigned long) (at - it[i].bytes);

			for (k = 0; k < it[i].len; k++)
				sum += (unsigned char) it[i].bytes[k];
			sink += sum;
		}
	return (test_now() - t0);
}

/* report - one result line */
static void
report(const char *what, size_t n, unsigned long rounds, size_t bytes,
       double t, double tb)
{
	double	ops = (double) n * rounds;

	printf("%-22s %12.0f validations/s  %8.1f MB/s  %7.1f ns each\n",
	       what, ops / t, bytes * (double) rounds / t / 1e6,
	       t / ops * 1e9);
	printf("%-22s %12.0f scans/s        %8.1f MB/s  ratio %.1fx\n",
	       "  baseline memchr+sum", ops / tb,
	       bytes * (double) rounds / tb / 1e6, t / tb);
}

int
main(int argc, char **argv)
{
	unsigned long rounds = 20000;
	static struct pst_cmd cmd;
	struct pst_addr a;
	size_t	bytes;
	unsigned long r;
	double	t0;
	double	t;
	size_t	i;
	int	pass;
	int	arg = 1;

	if (argc > 2 && strcmp(argv[1], "-r") == 0) {
		rounds = strtoul(argv[2], NULL, 10);
		arg = 3;
	}
	if (arg + 1 != argc || rounds == 0 || rounds > 10000000) {
		fprintf(stderr, "usage: bench-envelope [-r ROUNDS] DIR\n");
		return (2);
	}
	load(argv[arg], "address-vectors.jsonl", 1);
	load(argv[arg], "esmtp-param-vectors.jsonl", 0);

	/* all valid addresses, then the ASCII ones, then the UTF-8 ones */
	for (pass = 0; pass < 3; pass++) {
		static struct item subset[BENCH_MAX_ITEMS];
		static const char *const names[] = {
			"pst_addr_parse (all)", "  ASCII only",
			"  SMTPUTF8 only"
		};
		size_t	n = 0;

		for (bytes = 0, i = 0; i < naddrs; i++) {
			int	ascii;

			ascii = pst_is_ascii(addrs[i].bytes, addrs[i].len);

			if (pass == 0 || (pass == 1) == ascii) {
				subset[n++] = addrs[i];
				bytes += addrs[i].len;
			}
		}
		t0 = test_now();
		for (r = 0; r < rounds; r++)
			for (i = 0; i < n; i++)
				sink += pst_addr_parse(pst_span_make(
					subset[i].bytes, subset[i].len),
					subset[i].ctx, subset[i].flags, &a);
		t = test_now() - t0;
		printf("%zu valid addresses (%zu octets), %lu rounds\n", n,
		       bytes, rounds);
		report(names[pass], n, rounds, bytes, t,
		       baseline(subset, n, rounds));
	}

	for (bytes = 0, i = 0; i < nlines; i++)
		bytes += lines[i].len;
	rounds /= 4;
	t0 = test_now();
	for (r = 0; r < rounds; r++)
		for (i = 0; i < nlines; i++)
			sink += pst_cmd_parse(pst_span_make(lines[i].bytes,
						lines[i].len), &lines[i].ehlo,
					      (int) lines[i].flags, &cmd);
	t = test_now() - t0;
	printf("%zu accepted MAIL/RCPT lines (%zu octets), %lu rounds\n",
	       nlines, bytes, rounds);
	report("pst_cmd_parse", nlines, rounds, bytes, t,
	       baseline(lines, nlines, rounds));
	for (i = 0; i < naddrs; i++)
		free(addrs[i].bytes);
	for (i = 0; i < nlines; i++)
		free(lines[i].bytes);
	return (0);
}
