/*
 * NAME
 *	trace_log.c - a trace path as one log record
 * SUMMARY
 *	the milter's per-message trace line and its JSON form
 * SYNOPSIS
 *	#include <postern/trace.h>
 * DESCRIPTION
 *	See pst_trace_record() in trace.h. Everything taken from a
 *	Received field is peer text: escaped with pst_log_escape() in the
 *	line form, JSON-escaped in the other.
 * LICENSE
 *	MIT
 */
#include "config.h"

#include <string.h>

#include <postern/decision.h>
#include <postern/json.h>
#include <postern/trace.h>

/* text - a peer value in the chosen form */
static enum pst_err
text(struct pst_buf *out, int json, struct pst_span v)
{
	return (json ? pst_json_string(out, v) : pst_log_escape(out, v));
}

/* hop_line - helo[ip]>by(with,tls,+delay) */
static enum pst_err
hop_line(struct pst_buf *out, const struct pst_hop *h)
{
	const struct pst_received *r = &h->r;
	struct pst_span from = r->from_rdns.len ? r->from_rdns : r->from_helo;
	enum pst_err e = PST_OK;

	if (from.len)
		e = pst_log_escape(out, from);
	if (e == PST_OK && r->from_ip[0])
		e = pst_buf_printf(out, "[%s]", r->from_ip);
	if (e == PST_OK)
		e = pst_buf_addc(out, '>');
	if (e == PST_OK)
		e = pst_log_escape(out, r->by_host.len ? r->by_host :
				   pst_span_cstr("?"));
	if (e == PST_OK && r->with.len) {
		e = pst_buf_addc(out, '(');
		if (e == PST_OK)
			e = pst_log_escape(out, r->with);
		if (e == PST_OK && r->tls && r->tls_version.len) {
			e = pst_buf_addc(out, ',');
			if (e == PST_OK)
				e = pst_log_escape(out, r->tls_version);
		}
		if (e == PST_OK && h->has_delay)
			e = pst_buf_printf(out, ",%+llds",
					   (long long) h->delay);
		if (e == PST_OK)
			e = pst_buf_addc(out, ')');
	}
	return (e);
}

/* hop_json - one hop as an object */
static enum pst_err
hop_json(struct pst_buf *out, const struct pst_hop *h)
{
	const struct pst_received *r = &h->r;
	enum pst_err e = pst_buf_adds(out, "{\"from\":");

	if (e == PST_OK)
		e = text(out, 1, r->from_rdns.len ? r->from_rdns :
			 r->from_helo);
	if (e == PST_OK)
		e = pst_buf_adds(out, ",\"ip\":");
	if (e == PST_OK)
		e = text(out, 1, pst_span_cstr(r->from_ip));
	if (e == PST_OK)
		e = pst_buf_adds(out, ",\"by\":");
	if (e == PST_OK)
		e = text(out, 1, r->by_host);
	if (e == PST_OK)
		e = pst_buf_adds(out, ",\"with\":");
	if (e == PST_OK)
		e = text(out, 1, r->with);
	if (e == PST_OK)
		e = pst_buf_adds(out, ",\"tls\":");
	if (e == PST_OK)
		e = r->tls ? text(out, 1, r->tls_version.len ? r->tls_version :
				  pst_span_cstr("yes")) :
			pst_buf_adds(out, "null");
	if (e == PST_OK)
		e = h->has_delay ? pst_buf_printf(out, ",\"delay\":%lld}",
						  (long long) h->delay) :
			pst_buf_adds(out, ",\"delay\":null}");
	return (e);
}

enum pst_err
pst_trace_record(const struct pst_trace *t, int format, struct pst_buf *out)
{
	int	json = format != 0;
	enum pst_err e;
	size_t	i;
	unsigned a;
	int	first = 1;

	e = json ? pst_buf_printf(out, "{\"hops\":%zu", t->nfields) :
		pst_buf_printf(out, "hops=%zu", t->nfields);
	if (e == PST_OK && t->has_transit)
		e = json ? pst_buf_printf(out, ",\"transit\":%lld",
					  (long long) t->transit) :
			pst_buf_printf(out, " transit=%llds",
				       (long long) t->transit);
	if (e == PST_OK && t->nhops > 0)
		e = pst_buf_adds(out, json ? ",\"path\":[" : " path=");
	for (i = 0; e == PST_OK && i < t->nhops; i++) {
		if (i > 0)
			e = pst_buf_adds(out, json ? "," : ">>");
		if (e == PST_OK)
			e = json ? hop_json(out, &t->hops[i]) :
				hop_line(out, &t->hops[i]);
	}
	if (e == PST_OK && json && t->nhops > 0)
		e = pst_buf_addc(out, ']');
	for (a = 0; e == PST_OK && a < PST_TRACE__COUNT; a++) {
		if (!(t->anomalies & (1u << a)))
			continue;
		if (first)
			e = pst_buf_adds(out, json ? ",\"anomalies\":[\"" :
					 " anomalies=");
		else
			e = pst_buf_adds(out, json ? ",\"" : ",");
		if (e == PST_OK)
			e = pst_buf_adds(out, pst_trace_anomaly_tag(a));
		if (e == PST_OK && json)
			e = pst_buf_addc(out, '"');
		first = 0;
	}
	if (e == PST_OK && json)
		e = pst_buf_adds(out, first ? "}" : "]}");
	return (e);
}
