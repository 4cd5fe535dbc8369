/*
 * NAME
 *	bench_received - Received parser throughput
 * SYNOPSIS
 *	bench-received [-r ROUNDS] DIR
 * DESCRIPTION
 *	Loads every header of DIR/corpus.jsonl and DIR/tricky.jsonl and
 *	parses each set in a loop on one core. Next to each figure it
 *	prints a baseline from the same run over the same bytes: memchr()
 *	for ";" plus a byte sum, the least a parser must do. A benchmark,
 *	not a test: it prints, never passes or fails. Loops are bounded by
 *	ROUNDS (default 200).
 * LICENSE
 *	MIT
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <postern/postern.h>

#include "../common/testdata.h"

#define BENCH_MAX_HEADERS	8192

struct set {
	char   *raw[BENCH_MAX_HEADERS];
	size_t	len[BENCH_MAX_HEADERS];
	size_t	n;
	size_t	bytes;
};

static struct set corpus;
static struct set tricky;
static volatile unsigned long sink;

/* load - every raw header of one file */
static void
load(const char *dir, const char *name, struct set *s)
{
	char	path[4096];
	char   *line = NULL;
	size_t	cap = 0;
	ssize_t	n;
	FILE   *fp;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	if ((fp = fopen(path, "r")) == NULL) {
		perror(path);
		exit(2);
	}
	while (s->n < BENCH_MAX_HEADERS
	       && (n = getline(&line, &cap, fp)) > 0) {
		char   *raw = test_json_bytes(line, (size_t) n, "raw",
					      &s->len[s->n]);

		if (raw == NULL) {	/* 8-bit records carry raw_b64 */
			char   *b64;

			b64 = test_json_bytes(line, (size_t) n, "raw_b64",
					      &s->len[s->n]);

			raw = b64 ? test_unbase64(b64, &s->len[s->n]) : NULL;
			free(b64);
		}
		if (raw == NULL)
			continue;
		s->raw[s->n] = raw;
		s->bytes += s->len[s->n++];
	}
	free(line);
	fclose(fp);
}

/* run - parse the set rounds times, then the baseline; print both */
static void
run(const char *what, struct set *s, unsigned long rounds)
{
	struct pst_received r;
	unsigned long k;
	double	t0;
	double	t;
	double	tb;
	double	ops = (double) s->n * rounds;
	size_t	i;
	size_t	j;

	t0 = test_now();
	for (k = 0; k < rounds; k++)
		for (i = 0; i < s->n; i++)
			sink += pst_received_parse(pst_span_make(s->raw[i],
							s->len[i]), &r);
	t = test_now() - t0;
	t0 = test_now();
	for (k = 0; k < rounds; k++)
		for (i = 0; i < s->n; i++) {
			const char *semi = memchr(s->raw[i], ';', s->len[i]);
			unsigned long sum = semi != NULL;

			for (j = 0; j < s->len[i]; j++)
				sum += (unsigned char) s->raw[i][j];
			sink += sum;
		}
	tb = test_now() - t0;
	printf("%s: %zu headers (%zu octets), %lu rounds\n", what, s->n,
	       s->bytes, rounds);
	printf("  pst_received_parse   %11.0f headers/s  %8.1f MB/s  %7.1f "
	       "ns each\n", ops / t, s->bytes * (double) rounds / t / 1e6,
	       t / ops * 1e9);
	printf("  baseline memchr+sum  %11.0f headers/s  %8.1f MB/s  ratio "
	       "%.1fx\n", ops / tb, s->bytes * (double) rounds / tb / 1e6,
	       t / tb);
}

int
main(int argc, char **argv)
{
	unsigned long rounds = 200;
	size_t	i;
	int	arg = 1;

	if (argc > 2 && strcmp(argv[1], "-r") == 0) {
		rounds = strtoul(argv[2], NULL, 10);
		arg = 3;
	}
	if (arg + 1 != argc || rounds == 0 || rounds > 100000) {
		fprintf(stderr, "usage: bench-received [-r ROUNDS] DIR\n");
		return (2);
	}
	load(argv[arg], "corpus.jsonl", &corpus);
	load(argv[arg], "tricky.jsonl", &tricky);
	run("corpus", &corpus, rounds);
	run("tricky", &tricky, rounds);
	for (i = 0; i < corpus.n; i++)
		free(corpus.raw[i]);
	for (i = 0; i < tricky.n; i++)
		free(tricky.raw[i]);
	return (0);
}
