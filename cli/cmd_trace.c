/*
 * NAME
 *	cmd_trace.c - "postern trace": the path a message took
 * SUMMARY
 *	hop table, timeline or JSON of a message's Received chain
 * SYNOPSIS
 *	postern trace [--table|--timeline|--json] [--hops N] [FILE|-]
 * DESCRIPTION
 *	Reads one RFC 5322 message, or an mbox holding several (a line
 *	"From " after an empty line starts the next), from FILE or
 *	standard input, and prints for each message its hops oldest
 *	first: from (HELO, reverse DNS, IP), by, with and TLS, AUTH, the
 *	date in UTC and the delay since the previous hop; then the
 *	anomalies (trace.h) and the totals. Works offline: nothing is
 *	looked up. Bytes from the message are printed with control
 *	characters escaped; --json is valid JSON whatever the input.
 *
 *	--hops N sets the hop limit (default 50, Postfix's
 *	hopcount_limit). Exit status 0, 2 on usage errors, 3 when the
 *	input cannot be read.
 * LICENSE
 *	MIT
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <postern/postern.h>
#include <postern/header.h>
#include <postern/trace.h>

#include "cli.h"

/* the most input we read: a whole mbox of ordinary size */
#define TRACE_MAX_INPUT		(256 * 1024 * 1024)

enum trace_format {
	FMT_TABLE,
	FMT_TIMELINE,
	FMT_JSON
};

/* next_message - the next message of an mbox (or the whole input) */
static int
next_message(struct pst_span in, size_t *pos, struct pst_span *msg)
{
	size_t	start = *pos;
	size_t	i;

	if (start >= in.len)
		return (0);
	/* skip an mbox "From " line */
	if (in.len - start > 5 && memcmp(in.ptr + start, "From ", 5) == 0) {
		const char *lf = memchr(in.ptr + start, '\n', in.len - start);

		start = lf ? (size_t) (lf - in.ptr) + 1 : in.len;
	}
	for (i = start; i < in.len; i++) {
		if (in.ptr[i] == '\n' && i + 6 < in.len
		    && memcmp(in.ptr + i + 1, "From ", 5) == 0
		    && i > 0 && (in.ptr[i - 1] == '\n'
				 || (i > 1 && in.ptr[i - 1] == '\r'
				     && in.ptr[i - 2] == '\n')))
			break;
	}
	*msg = pst_span_make(in.ptr + start, (i < in.len ? i + 1 : i) - start);
	*pos = i < in.len ? i + 1 : in.len;
	return (1);
}

/* show - a peer span made printable, at most max octets */
static void
show(FILE *fp, struct pst_span s, size_t max)
{
	size_t	i;

	for (i = 0; i < s.len && i < max; i++) {
		unsigned char c = (unsigned char) s.ptr[i];

		if (c == '\r' || c == '\n' || c == '\t')
			fputc(' ', fp);
		else if (c < 0x20 || c == 0x7f)
			fprintf(fp, "\\x%02x", c);
		else
			fputc(c, fp);
	}
	if (s.len > max)
		fputs("...", fp);
}

/* utc - "2026-09-21 10:00:00" */
static void
utc(int64_t epoch, char *buf, size_t len, int iso)
{
	time_t	tt = (time_t) epoch;
	struct tm tm;

	if (gmtime_r(&tt, &tm) == NULL
	    || strftime(buf, len, iso ? "%Y-%m-%dT%H:%M:%SZ" :
			"%Y-%m-%d %H:%M:%S", &tm) == 0)
		snprintf(buf, len, "?");
}

/* from_text - "helo (rdns [ip])" as one printable cell */
static void
print_from(FILE *fp, const struct pst_received *r)
{
	show(fp, r->from_helo.len ? r->from_helo : pst_span_cstr("-"), 60);
	if (r->from_rdns.len || r->from_ip[0]) {
		fputs(" (", fp);
		show(fp, r->from_rdns, 60);
		if (r->from_ip[0])
			fprintf(fp, "%s[%s]", r->from_rdns.len ? " " : "",
				r->from_ip);
		fputc(')', fp);
	}
}

/* print_anomalies - "anomalies: tag (hops 2, 3), ..." */
static void
print_anomalies(FILE *fp, const struct pst_trace *t)
{
	unsigned a;
	size_t	i;
	int	any = 0;

	for (a = 0; a < PST_TRACE__COUNT; a++) {
		int	n = 0;

		if (!(t->anomalies & (1u << a)))
			continue;
		fprintf(fp, "%s  %s", any++ ? "\n" : "anomalies:\n",
			pst_trace_anomaly_tag(a));
		for (i = 0; i < t->nhops; i++)
			if (t->hops[i].flags & (1u << a))
				fprintf(fp, "%s%zu", n++ ? "," : " (hop ",
					i + 1);
		fprintf(fp, "%s: %s", n ? ")" : "", pst_trace_anomaly_text(a));
	}
	fputs(any ? "\n" : "anomalies: none\n", fp);
}

/* render_table - one line per hop, then anomalies and totals */
static void
render_table(FILE *fp, const struct pst_trace *t, size_t msgno)
{
	size_t	i;

	fprintf(fp, "message %zu: %zu hop%s", msgno, t->nfields,
		t->nfields == 1 ? "" : "s");
	if (t->has_transit)
		fprintf(fp, ", %lld s in transit", (long long) t->transit);
	fputc('\n', fp);
	for (i = 0; i < t->nhops; i++) {
		const struct pst_hop *h = &t->hops[i];
		char	date[32] = "-";

		if (h->err != PST_OK) {
			fprintf(fp, "  %2zu  unparsable: %s\n", i + 1,
				pst_strerror(h->err));
			continue;
		}
		if (h->r.has_date)
			utc(h->r.date_epoch, date, sizeof(date), 0);
		fprintf(fp, "  %2zu  %-19s  ", i + 1, date);
		if (h->has_delay)
			fprintf(fp, "%+7llds  ", (long long) h->delay);
		else
			fputs("      -   ", fp);
		print_from(fp, &h->r);
		fputs("\n      by ", fp);
		show(fp, h->r.by_host.len ? h->r.by_host : pst_span_cstr("-"),
		     80);
		fputs(" with ", fp);
		show(fp, h->r.with.len ? h->r.with : pst_span_cstr("-"), 40);
		if (h->r.tls) {
			fputs(" TLS", fp);
			if (h->r.tls_version.len) {
				fputc(' ', fp);
				show(fp, h->r.tls_version, 20);
			}
			if (h->r.tls_cipher.len) {
				fputc(' ', fp);
				show(fp, h->r.tls_cipher, 60);
			}
		}
		fputs(h->r.auth == 1 ? " auth" : "", fp);
		if (h->r.id.len) {
			fputs(" id ", fp);
			show(fp, h->r.id, 40);
		}
		if (h->r.for_addr.len) {
			fputs(" for <", fp);
			show(fp, h->r.for_addr, 80);
			fputc('>', fp);
		}
		fputc('\n', fp);
	}
	print_anomalies(fp, t);
}

/* render_timeline - when each hop happened, relative to the first */
static void
render_timeline(FILE *fp, const struct pst_trace *t, size_t msgno)
{
	size_t	i;
	int64_t	t0 = 0;
	int	have0 = 0;

	fprintf(fp, "message %zu\n", msgno);
	for (i = 0; i < t->nhops; i++) {
		const struct pst_hop *h = &t->hops[i];
		char	date[32] = "(no date)          ";

		if (h->err == PST_OK && h->r.has_date) {
			utc(h->r.date_epoch, date, sizeof(date), 0);
			if (!have0) {
				t0 = h->r.date_epoch;
				have0 = 1;
			}
			fprintf(fp, "  %s  T%+-8lld ", date,
				(long long) (h->r.date_epoch - t0));
		} else {
			fprintf(fp, "  %s  %-9s ", date, "");
		}
		if (h->err != PST_OK) {
			fprintf(fp, "unparsable: %s\n", pst_strerror(h->err));
			continue;
		}
		print_from(fp, &h->r);
		fputs(" -> ", fp);
		show(fp, h->r.by_host.len ? h->r.by_host : pst_span_cstr("?"),
		     80);
		fprintf(fp, "%s\n", h->r.tls ? " [TLS]" : "");
	}
}

/* json_span - a JSON string or null */
static void
json_span(FILE *fp, struct pst_buf *b, struct pst_span s)
{
	if (s.ptr == NULL || s.len == 0) {
		fputs("null", fp);
		return;
	}
	pst_buf_reset(b);
	if (pst_json_string(b, s) == PST_OK)
		fwrite(b->data, 1, b->len, fp);
	else
		fputs("null", fp);
}

/* render_json - one object per message; schema in postern(1) */
static void
render_json(FILE *fp, const struct pst_trace *t, size_t msgno)
{
	struct pst_buf b;
	size_t	i;
	unsigned a;
	int	n = 0;

	pst_buf_init(&b, 64 * 1024);
	fprintf(fp, "{\"message\":%zu,\"hops\":%zu,\"transit\":", msgno,
		t->nfields);
	if (t->has_transit)
		fprintf(fp, "%lld", (long long) t->transit);
	else
		fputs("null", fp);
	fputs(",\"anomalies\":[", fp);
	for (a = 0; a < PST_TRACE__COUNT; a++)
		if (t->anomalies & (1u << a))
			fprintf(fp, "%s\"%s\"", n++ ? "," : "",
				pst_trace_anomaly_tag(a));
	fputs("],\"path\":[", fp);
	for (i = 0; i < t->nhops; i++) {
		const struct pst_hop *h = &t->hops[i];
		const struct pst_received *r = &h->r;
		char	date[32];

		fprintf(fp, "%s{\"hop\":%zu,", i ? "," : "", i + 1);
		if (h->err != PST_OK) {
			fprintf(fp, "\"error\":\"%s\"}", pst_errname(h->err));
			continue;
		}
		fputs("\"from\":{\"helo\":", fp);
		json_span(fp, &b, r->from_helo);
		fputs(",\"rdns\":", fp);
		json_span(fp, &b, r->from_rdns);
		fputs(",\"ip\":", fp);
		json_span(fp, &b, pst_span_cstr(r->from_ip));
		fputs("},\"by\":", fp);
		json_span(fp, &b, r->by_host);
		fputs(",\"with\":", fp);
		json_span(fp, &b, r->with);
		fputs(",\"id\":", fp);
		json_span(fp, &b, r->id);
		fputs(",\"for\":", fp);
		json_span(fp, &b, r->for_addr);
		fputs(",\"tls\":", fp);
		if (r->tls) {
			fputs("{\"version\":", fp);
			json_span(fp, &b, r->tls_version);
			fputs(",\"cipher\":", fp);
			json_span(fp, &b, r->tls_cipher);
			fputc('}', fp);
		} else {
			fputs("null", fp);
		}
		fprintf(fp, ",\"auth\":%s,\"date\":", r->auth == 1 ? "true" :
			r->auth == 0 ? "false" : "null");
		if (r->has_date) {
			utc(r->date_epoch, date, sizeof(date), 1);
			fprintf(fp, "\"%s\",\"epoch\":%lld,\"offset\":%d",
				date, (long long) r->date_epoch,
				r->date_offset);
		} else {
			fputs("null,\"epoch\":null,\"offset\":null", fp);
		}
		fputs(",\"delay\":", fp);
		if (h->has_delay)
			fprintf(fp, "%lld", (long long) h->delay);
		else
			fputs("null", fp);
		fputs(",\"flags\":[", fp);
		for (a = 0, n = 0; a < PST_TRACE__COUNT; a++)
			if (h->flags & (1u << a))
				fprintf(fp, "%s\"%s\"", n++ ? "," : "",
					pst_trace_anomaly_tag(a));
		fputs("]}", fp);
	}
	fputs("]}\n", fp);
	pst_buf_free(&b);
}

/* trace_message - build the trace of one message and print it */
static int
trace_message(struct pst_span msg, enum trace_format fmt, size_t limit,
	      size_t msgno)
{
	struct pst_trace *t = malloc(sizeof(*t));
	struct pst_header_iter it;
	struct pst_span name;
	struct pst_span value;
	int	return_path = 0;

	if (t == NULL)
		return (-1);
	pst_trace_init(t);
	pst_header_iter_init(&it, pst_header_block(msg, NULL));
	while (pst_header_next(&it, &name, &value) > 0) {
		if (pst_span_eq_nocase(name, "Received"))
			pst_trace_add(t, value);
		else if (pst_span_eq_nocase(name, "Return-Path"))
			return_path = 1;
	}
	pst_trace_finish(t, return_path, limit);
	if (fmt == FMT_JSON)
		render_json(stdout, t, msgno);
	else if (fmt == FMT_TIMELINE)
		render_timeline(stdout, t, msgno);
	else
		render_table(stdout, t, msgno);
	free(t);
	return (0);
}

/* trace_usage - the synopsis */
static int
trace_usage(void)
{
	fprintf(stderr, "usage: postern trace [--table|--timeline|--json] "
		"[--hops N] [FILE|-]\n");
	return (CLI_EXIT_USAGE);
}

int
cli_trace(int argc, char **argv)
{
	enum trace_format fmt = FMT_TABLE;
	size_t	limit = PST_HOPCOUNT_LIMIT;
	const char *file = "-";
	struct pst_span in;
	struct pst_span msg;
	size_t	pos = 0;
	size_t	msgno = 0;
	size_t	len;
	char   *buf;
	int	too_big;
	int	i;

	for (i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--table") == 0) {
			fmt = FMT_TABLE;
		} else if (strcmp(argv[i], "--timeline") == 0) {
			fmt = FMT_TIMELINE;
		} else if (strcmp(argv[i], "--json") == 0) {
			fmt = FMT_JSON;
		} else if (strcmp(argv[i], "--hops") == 0 && i + 1 < argc) {
			char   *end;
			unsigned long v = strtoul(argv[++i], &end, 10);

			if (*end != 0 || v == 0 || v > PST_MAX_TRACE_HOPS)
				return (trace_usage());
			limit = v;
		} else if (argv[i][0] == '-' && argv[i][1] != 0) {
			return (trace_usage());
		} else if (i == argc - 1) {
			file = argv[i];
		} else {
			return (trace_usage());
		}
	}
	buf = cli_read_file(file, TRACE_MAX_INPUT, &len, &too_big);
	if (buf == NULL) {
		if (too_big)
			fprintf(stderr, "postern trace: %.200s is larger than "
				"%d MiB\n", file, TRACE_MAX_INPUT >> 20);
		else
			fprintf(stderr, "postern trace: cannot open or read "
				"%.200s\n", file);
		return (CLI_EXIT_INTERNAL);
	}
	in = pst_span_make(buf, len);
	while (next_message(in, &pos, &msg))
		if (trace_message(msg, fmt, limit, ++msgno) < 0) {
			free(buf);
			fprintf(stderr, "postern trace: out of memory\n");
			return (CLI_EXIT_INTERNAL);
		}
	free(buf);
	return (CLI_EXIT_OK);
}
