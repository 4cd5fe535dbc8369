/*
 * NAME
 *	bench_rules - rule evaluation and list loading
 * SYNOPSIS
 *	bench-rules [-r ROUNDS]
 * DESCRIPTION
 *	Writes, in a temporary directory it removes afterwards, a list of
 *	100,000 domains, a list of 100,000 CIDR ranges, and a file of 100
 *	rcpt rules (two of them "in" those lists, the others comparisons,
 *	regular expressions and small lists, none matching, so every
 *	evaluation walks all 100). Prints the load time of the 100k lists,
 *	evaluations per second and the median of per-evaluation times
 *	(batches of 100), next to a baseline from the same run: 100 plain
 *	case-insensitive string compares. A benchmark, not a test.
 * LICENSE
 *	MIT
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include <postern/postern.h>

#include "../common/testdata.h"

#define BENCH_LIST	100000
#define BENCH_BATCHES	2001

static volatile unsigned long sink;

/* cmp_double - for qsort */
static int
cmp_double(const void *a, const void *b)
{
	double	x = *(const double *) a;
	double	y = *(const double *) b;

	return ((x > y) - (x < y));
}

/* write_files - the lists and the rules; 0 on success */
static int
write_files(const char *dir, char *rules, size_t len)
{
	char	path[512];
	FILE   *fp;
	int	i;

	snprintf(path, sizeof(path), "%s/domains", dir);
	if ((fp = fopen(path, "w")) == NULL)
		return (-1);
	for (i = 0; i < BENCH_LIST; i++)
		fprintf(fp, "dom%d.example\n", i);
	fclose(fp);
	snprintf(path, sizeof(path), "%s/cidrs", dir);
	if ((fp = fopen(path, "w")) == NULL)
		return (-1);
	for (i = 0; i < BENCH_LIST; i++)
		fprintf(fp, "10.%d.%d.0/24\n", i / 256 % 256, i % 256);
	fclose(fp);
	snprintf(rules, len, "%s/bench.rules", dir);
	if ((fp = fopen(rules, "w")) == NULL)
		return (-1);
	fprintf(fp, "rcpt recipient in file:%s/domains -> reject 550 5.7.1 "
		"\"listed\"\n", dir);
	fprintf(fp, "rcpt client.ip in file:%s/cidrs -> reject 554 5.7.1 "
		"\"blocked\"\n", dir);
	for (i = 2; i < 100; i++) {
		switch (i % 4) {
		case 0:
			fprintf(fp, "name=r%d rcpt recipient == user%d@nowhere"
				".example -> accept\n", i, i);
			break;
		case 1:
			fprintf(fp, "name=r%d rcpt rcpt.count > %d and "
				"sender == <> -> defer 451 4.7.1 \"x\"\n", i,
				1000 + i);
			break;
		case 2:
			fprintf(fp,
				"name=r%d rcpt recipient ~ /^spam%d[0-9]+@/i"
				" -> discard\n", i, i);
			break;
		default:
			fprintf(fp, "name=r%d rcpt helo in [a%d.example, "
				"b%d.example, .c%d.example] -> hold\n", i, i,
				i, i);
		}
	}
	fclose(fp);
	return (0);
}

int
main(int argc, char **argv)
{
	static double per[BENCH_BATCHES];
	static const char *base[100];
	static char basebuf[100][32];
	char	dir[] = "/tmp/postern-bench-XXXXXX";
	char	rules[600];
	char	cmd[700];
	struct pst_rules *r;
	struct pst_txn t;
	struct pst_verdict v;
	unsigned long rounds = 2000;
	unsigned long k;
	double	t0;
	double	load;
	double	total;
	double	tb;
	int	i;
	int	j;

	if (argc == 3 && strcmp(argv[1], "-r") == 0)
		rounds = strtoul(argv[2], NULL, 10);
	if (rounds == 0 || rounds > 1000000 || mkdtemp(dir) == NULL
	    || write_files(dir, rules, sizeof(rules)) != 0) {
		fprintf(stderr, "usage: bench-rules [-r ROUNDS]\n");
		return (2);
	}
	t0 = test_now();
	if (pst_rules_load_file(rules, &r, NULL, NULL) != PST_OK) {
		fprintf(stderr, "bench-rules: cannot load %s\n", rules);
		return (2);
	}
	load = test_now() - t0;
	pst_txn_init(&t, PST_STAGE_RCPT);
	t.sender = pst_span_cstr("someone@example.org");
	t.recipient = pst_span_cstr("alice@dom-not-listed.example");
	t.client_ip = pst_span_cstr("192.0.2.77");
	t.helo = pst_span_cstr("mx.example.org");
	t.rcpt_count = 1;
	/* evaluations: batches of 100, keep each batch's mean */
	total = 0;
	for (k = 0; k < BENCH_BATCHES; k++) {
		double	b0 = test_now();

		for (j = 0; j < 100; j++) {
			pst_rules_eval(r, &t, &v, NULL, NULL);
			sink += (unsigned long) v.action;
		}
		per[k] = (test_now() - b0) / 100;
		total += per[k] * 100;
	}
	qsort(per, BENCH_BATCHES, sizeof(per[0]), cmp_double);
	for (i = 0; i < 100; i++) {
		snprintf(basebuf[i], sizeof(basebuf[i]),
			 "user%d@nowhere.example",
			 i);
		base[i] = basebuf[i];
	}
	t0 = test_now();
	for (k = 0; k < rounds; k++)
		for (i = 0; i < 100; i++)
			sink += strcasecmp(base[i], t.recipient.ptr) == 0;
	tb = (test_now() - t0) / (double) rounds;
	printf("100 rcpt rules, 2 lists of %d entries (domains, CIDR)\n",
	       BENCH_LIST);
	printf("  load (with both lists)  %8.1f ms\n", load * 1e3);
	printf("  pst_rules_eval          %11.0f evaluations/s  median "
	       "%6.0f ns\n", BENCH_BATCHES * 100 / total,
	       per[BENCH_BATCHES / 2] * 1e9);
	printf("  baseline 100 strcasecmp %11.0f rounds/s       %6.0f ns  "
	       "ratio %.1fx\n", 1 / tb, tb * 1e9,
	       per[BENCH_BATCHES / 2] / tb);
	pst_rules_free(r);
	/* load the domain list alone: the 100k-entry figure */
	snprintf(rules, sizeof(rules), "%s/one.rules", dir);
	{
		FILE   *fp = fopen(rules, "w");

		if (fp != NULL) {
			fprintf(fp, "rcpt recipient in file:%s/domains -> "
				"accept\n", dir);
			fclose(fp);
			t0 = test_now();
			if (pst_rules_load_file(rules, &r, NULL,
			    NULL) == PST_OK) {
				printf("  load one 100k list      %8.1f ms\n",
				       (test_now() - t0) * 1e3);
				pst_rules_free(r);
			}
		}
	}
	snprintf(cmd, sizeof(cmd), "%s/domains", dir);
	unlink(cmd);
	snprintf(cmd, sizeof(cmd), "%s/cidrs", dir);
	unlink(cmd);
	snprintf(cmd, sizeof(cmd), "%s/bench.rules", dir);
	unlink(cmd);
	unlink(rules);
	rmdir(dir);
	return (0);
}
