/*
 * NAME
 *	answer.c - the one verdict point of postern-policyd
 * SUMMARY
 *	request -> transaction -> rules -> action= reply and log line
 * SYNOPSIS
 *	#include "answer.h"
 * DESCRIPTION
 *	See answer.h. The protocol knowledge (attributes, stages, the
 *	action= syntax) lives in libpostern (policy.c, verdict.c); this
 *	file only joins it to the daemon's state and logs.
 * LICENSE
 *	MIT
 */
#include "config.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#include <postern/decision.h>
#include <postern/policy.h>
#include <postern/reply.h>
#include <postern/verdict.h>

#include "answer.h"
#include "daemon.h"
#include "logger.h"

int
pd_on_error_parse(struct pd_daemon *d, char *why, size_t len)
{
	return (pst_conf_error_verdict(&d->conf, &d->on_error,
				       d->on_error_text,
				       sizeof(d->on_error_text), why, len) ==
		PST_OK ? 0 : -1);
}

/* log_decision - one line (and/or JSON) for a verdict */
static void
log_decision(struct pd_daemon *d, const struct pst_txn *t,
	     const struct pst_verdict *v, enum pst_stage stage,
	     const char *note, unsigned long usec)
{
	struct pst_decision dec = {t, v, stage, note, usec};

	pst_log_decision(&dec, d->log_line, d->log_json, &d->logbuf);
}

/* track - the transaction's recipients across requests */
static struct pd_txn_state *
track(struct pd_daemon *d, struct pd_memo *m, const struct pst_policy_req *r,
      struct pst_txn *t)
{
	struct pst_span inst = r->attr[PST_POLICY_INSTANCE];
	struct pd_txn_state *ts;

	/* a new instance on this connection: the last one is over */
	if (m->ilen > 0 && !(m->ilen == inst.len
			      && memcmp(m->instance, inst.ptr, inst.len) == 0))
		pd_state_drop(d->state, pst_span_make(m->instance, m->ilen));
	m->ilen = inst.len <= sizeof(m->instance) ? inst.len : 0;
	memcpy(m->instance, inst.ptr, m->ilen);
	ts = pd_state_get(d->state, inst, time(NULL));
	if (t->stage == PST_STAGE_RCPT && r->attr[PST_POLICY_RECIPIENT].len)
		t->rcpt_count = pd_state_count(ts, t->recipient);
	else if (ts != NULL && pd_state_count(ts, pst_span_make("", 0))
		 > t->rcpt_count)
		t->rcpt_count = pd_state_count(ts, pst_span_make("", 0));
	return (ts);
}

int
pd_answer(struct pd_daemon *d, struct pd_memo *m, struct pst_span req,
	  struct pst_buf *out, const char *peer)
{
	struct pst_policy_req r;
	struct pst_esmtp_params params;
	struct pst_txn t;
	struct pst_verdict v;
	struct pd_txn_state *ts;
	struct timespec t0;
	struct pst_seen s;
	enum pst_stage asked;
	enum pst_err e;
	const char *note = NULL;
	size_t	mark = out->len;

	clock_gettime(CLOCK_MONOTONIC, &t0);
	if ((e = pst_policy_parse(req, &r)) != PST_OK) {
		pst_log(LOG_WARNING, "%s: %s; closing the connection", peer,
			pst_strerror(e));
		return (-1);
	}
	d->requests++;
	asked = pst_policy_stage(&r);
	pst_policy_txn(&r, &t, &params);
	if (asked == PST_POLICY_STATE_OTHER) {
		/* VRFY, ETRN: no rule stage; neutral */
		return (pst_buf_adds(out, "action=DUNNO\n\n") == PST_OK ? 0 :
			-1);
	}
	ts = track(d, m, &r, &t);
	s.txn = &t;
	s.stage = asked;
	s.log_line = d->log_line;
	s.log_json = d->log_json;
	s.buf = &d->logbuf;
	s.error = 0;
	pst_policy_eval(d->rules, &t, &v, pst_log_considered, &s);
	if (s.error) {
		d->errors++;
		note = "error";
		if (d->conf.on_error == PST_ON_ERROR_ACCEPT) {
			memset(&v, 0, sizeof(v));
			v.action = PST_ACTION_DUNNO;
			v.rule = -1;
			v.rule_name = "";
		} else {
			v = d->on_error;
		}
	}
	if (asked == PST_STAGE_RCPT && v.action != PST_ACTION_REJECT
	    && v.action != PST_ACTION_DEFER)
		pd_state_add(d->state, ts, t.recipient);
	if (asked == PST_STAGE_EOM)
		pd_state_drop(d->state, r.attr[PST_POLICY_INSTANCE]);
	if (pst_buf_adds(out, "action=") != PST_OK
	    || pst_verdict_policy(&v, out) != PST_OK
	    || pst_buf_adds(out, "\n\n") != PST_OK) {
		/* no memory for a reply: the configured answer, fixed text */
		d->errors++;
		note = "error";
		out->len = mark;
		if (out->data != NULL)
			out->data[mark] = 0;
		if (pst_buf_adds(out, d->conf.on_error == PST_ON_ERROR_ACCEPT ?
				 "action=DUNNO\n\n" : "action=451 4.3.0 "
				 "Temporary policy failure\n\n") != PST_OK)
			return (-1);
	}
	t.stage = asked;
	log_decision(d, &t, &v, asked, note, pst_usec_since(&t0));
	return (0);
}
