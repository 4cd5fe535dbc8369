/*
 * NAME
 *	verdict.c - answer a verdict in the policy protocol
 * SUMMARY
 *	access(5) action syntax, with its traps avoided
 * SYNOPSIS
 *	#include <postern/verdict.h>
 * DESCRIPTION
 *	See verdict.h. The reply text was sanitised when the rules were
 *	loaded; it is sanitised again here because a verdict may also come
 *	from elsewhere (an internal error), and a CR or LF in an action=
 *	line would end the answer early.
 * SEE ALSO
 *	access(5); RFC 3463
 * LICENSE
 *	MIT
 */
#include "config.h"

#include <postern/limits.h>
#include <postern/reply.h>
#include <postern/verdict.h>

/* add_text - " text", sanitised; dflt when there is none */
static enum pst_err
add_text(struct pst_buf *out, struct pst_span text, const char *dflt)
{
	enum pst_err e;

	if (text.len == 0)
		text = pst_span_cstr(dflt);
	if (text.len == 0)
		return (PST_OK);
	if ((e = pst_buf_addc(out, ' ')) != PST_OK)
		return (e);
	return (pst_reply_sanitize(out, text, PST_MAX_REPLY_LINE - 12));
}

enum pst_err
pst_verdict_policy(const struct pst_verdict *v, struct pst_buf *out)
{
	enum pst_err e;

	switch (v->action) {
	case PST_ACTION_ACCEPT:
		return (pst_buf_adds(out, "OK"));
	case PST_ACTION_REJECT:
	case PST_ACTION_DEFER:
		/* never a bare code: Postfix reads "450" as permit */
		e = pst_buf_printf(out, "%03d%s%s", v->code, v->dsn[0] ? " " :
				   "", v->dsn);
		if (e != PST_OK)
			return (e);
		return (add_text(out, v->text, v->action == PST_ACTION_REJECT ?
				 "Rejected by policy" : "Try again later"));
	case PST_ACTION_DISCARD:
		e = pst_buf_adds(out, "DISCARD");
		return (e ? e : add_text(out, v->text, ""));
	case PST_ACTION_HOLD:
	case PST_ACTION_QUARANTINE:
		e = pst_buf_adds(out, "HOLD");
		return (e ? e : add_text(out, v->text, ""));
	case PST_ACTION_ADD_HEADER:
	case PST_ACTION_PREPEND:
	case PST_ACTION_INSERT_HEADER:
		e = pst_buf_adds(out, "PREPEND");
		return (e ? e : add_text(out, v->text, ""));
	case PST_ACTION_REDIRECT:
		e = pst_buf_adds(out, "REDIRECT");
		return (e ? e : add_text(out, v->text, ""));
	case PST_ACTION_BCC:
	case PST_ACTION_ADD_RECIPIENT:
		e = pst_buf_adds(out, "BCC");
		return (e ? e : add_text(out, v->text, ""));
	case PST_ACTION_WARN:
	case PST_ACTION_DUNNO:
	case PST_ACTION_CONTINUE:
	default:
		return (pst_buf_adds(out, "DUNNO"));
	}
}
