/*
 * NAME
 *	esmtp.c - MAIL FROM / RCPT TO command lines
 * SUMMARY
 *	judge a command line as a strict server does; map the outcome to
 *	its reply
 * SYNOPSIS
 *	#include <postern/esmtp.h>
 * DESCRIPTION
 *	The line is untrusted bytes without CRLF. Parsing happens in the
 *	order documented in esmtp.h so that the first violation a strict
 *	server would see is the one reported. The parameter keywords are
 *	rows of one table (keyword, verb, extension, value policy, value
 *	parser); adding a parameter means adding a row.
 *
 *	pst_cmd_reply_code() is the only place in libpostern that turns a
 *	command error into a reply code and enhanced status; the texts
 *	say which token was wrong, sanitised by pst_reply_format().
 * SEE ALSO
 *	RFC 5321 3.3, 4.1.1.2, 4.1.1.3, 4.1.1.11, 4.1.2, 4.5.3.1.4;
 *	RFC 6531 3.5; RFC 1870 6.1
 * LICENSE
 *	MIT
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include <postern/esmtp.h>
#include <postern/reply.h>
#include <postern/utf8.h>

#include "esmtp_values.h"

#define IS_ALNUM(c)	(((c) >= 'a' && (c) <= 'z') \
			 || ((c) >= 'A' && (c) <= 'Z') \
			 || ((c) >= '0' && (c) <= '9'))

enum value_policy {
	VALUE_REQUIRED,
	VALUE_FORBIDDEN
};

#define VERB_MAIL	(1u << PST_VERB_MAIL)
#define VERB_RCPT	(1u << PST_VERB_RCPT)

/* One row per parameter keyword. */
struct param_row {
	enum pst_param id;
	unsigned verbs;			/* VERB_MAIL / VERB_RCPT */
	unsigned ext;			/* offered if any of these is */
	enum value_policy value;
	pst_param_fn parse;		/* NULL when no value */
};

static const struct param_row param_rows[] = {
	/* RFC 1870 */
	{PST_PARAM_SIZE, VERB_MAIL, PST_EXT(SIZE), VALUE_REQUIRED,
	 pst_param_size},
	/* RFC 6152, RFC 3030 */
	{PST_PARAM_BODY, VERB_MAIL, PST_EXT(8BITMIME) | PST_EXT(BINARYMIME),
	 VALUE_REQUIRED, pst_param_body},
	/* RFC 6531 */
	{PST_PARAM_SMTPUTF8, VERB_MAIL, PST_EXT(SMTPUTF8), VALUE_FORBIDDEN,
	 NULL},
	/* RFC 3461 */
	{PST_PARAM_RET, VERB_MAIL, PST_EXT(DSN), VALUE_REQUIRED,
	 pst_param_ret},
	{PST_PARAM_ENVID, VERB_MAIL, PST_EXT(DSN), VALUE_REQUIRED,
	 pst_param_envid},
	/* RFC 4954 */
	{PST_PARAM_AUTH, VERB_MAIL, PST_EXT(AUTH), VALUE_REQUIRED,
	 pst_param_auth},
	/* RFC 2852 */
	{PST_PARAM_BY, VERB_MAIL, PST_EXT(DELIVERBY), VALUE_REQUIRED,
	 pst_param_by},
	/* RFC 6710 */
	{PST_PARAM_MT_PRIORITY, VERB_MAIL, PST_EXT(MT_PRIORITY),
	 VALUE_REQUIRED, pst_param_priority},
	/* RFC 8689 */
	{PST_PARAM_REQUIRETLS, VERB_MAIL, PST_EXT(REQUIRETLS),
	 VALUE_FORBIDDEN, NULL},
	/* RFC 3461 */
	{PST_PARAM_NOTIFY, VERB_RCPT, PST_EXT(DSN), VALUE_REQUIRED,
	 pst_param_notify},
	{PST_PARAM_ORCPT, VERB_RCPT, PST_EXT(DSN), VALUE_REQUIRED,
	 pst_param_orcpt},
};

static const char *const param_names[] = {
#define PST_PARAM_NAME_(sym, name) name,
	PST_PARAM_MAP(PST_PARAM_NAME_)
#undef PST_PARAM_NAME_
};

const char *
pst_param_name(enum pst_param p)
{
	return ((unsigned) p < PST_PARAM__COUNT ? param_names[p] : NULL);
}

/* find_row - the table row for a keyword, any case */
static const struct param_row *
find_row(struct pst_span kw)
{
	size_t	i;

	for (i = 0; i < sizeof(param_rows) / sizeof(param_rows[0]); i++)
		if (pst_span_eq_nocase(kw, param_names[param_rows[i].id]))
			return (&param_rows[i]);
	return (NULL);
}

/* One "keyword[=value]" token of the parameter list. */
struct param_tok {
	struct pst_span kw;
	struct pst_span val;
	int	has_value;
	size_t	off;			/* offset of the keyword in the line */
};

/*
 * next_param - cut the next token at *pos (which is at a SP). Returns
 * 1 with a token, 0 at the end, or an error with cmd->err_off set.
 *	esmtp-param = esmtp-keyword ["=" esmtp-value]
 *	esmtp-keyword = (ALPHA / DIGIT) *(ALPHA / DIGIT / "-")
 *	esmtp-value = 1*(%d33-60 / %d62-126)	(UTF-8 too, RFC 6531 3.3)
 */
static int
next_param(struct pst_span line, size_t *pos, int smtputf8,
	   struct param_tok *t, enum pst_err *err)
{
	const unsigned char *s = (const unsigned char *) line.ptr;
	size_t	i = *pos;
	size_t	start;

	if (i >= line.len)
		return (0);
	*err = PST_PARAM_SPACING;
	if (s[i] != ' ' || i + 1 >= line.len || s[i + 1] == ' ')
		return (-1);
	start = ++i;
	*err = PST_PARAM_SYNTAX;
	t->off = start;
	while (i < line.len && (IS_ALNUM(s[i]) || (i > start && s[i] == '-')))
		i++;
	t->kw = pst_span_make(line.ptr + start, i - start);
	t->has_value = 0;
	t->val = pst_span_make(line.ptr + i, 0);
	if (t->kw.len == 0)
		return (-1);
	if (i < line.len && s[i] == '=') {
		size_t	v = ++i;

		t->has_value = 1;
		while (i < line.len && s[i] != ' ') {
			if (s[i] >= 0x80 && smtputf8) {
				size_t	n;

				n = pst_utf8_seqlen(s + i, line.len - i);

				if (n == 0)
					return (-1);
				i += n;
				continue;
			}
			if (s[i] < 33 || s[i] > 126 || s[i] == '=')
				return (-1);
			i++;
		}
		t->val = pst_span_make(line.ptr + v, i - v);
		if (t->val.len == 0)
			return (-1);
	}
	if (i < line.len && s[i] != ' ')
		return (-1);
	*pos = i;
	return (1);
}

/* wants_smtputf8 - does the parameter list carry SMTPUTF8? */
static int
wants_smtputf8(struct pst_span line, size_t pos)
{
	while (pos < line.len) {
		size_t	end = pos + 1;

		while (end < line.len && line.ptr[end] != ' ')
			end++;
		struct pst_span kw = pst_span_make(line.ptr + pos + 1,
						   end - pos - 1);

		if (pst_span_eq_nocase(kw, "SMTPUTF8"))
			return (1);
		pos = end;
	}
	return (0);
}

/* line_limit - RFC 5321 4.5.3.1.4 plus what offered extensions add */
static size_t
line_limit(enum pst_verb verb, unsigned ext)
{
	size_t	max = PST_MAX_CMD_LINE - 2;

	if (ext & PST_EXT(DSN))
		max += verb == PST_VERB_MAIL ? PST_DSN_MAIL_EXTRA :
			PST_DSN_RCPT_EXTRA;
	if (verb == PST_VERB_MAIL && (ext & PST_EXT(AUTH)))
		max += PST_AUTH_MAIL_EXTRA;
	return (max);
}

/* check_params - both passes over the parameter list */
static enum pst_err
check_params(struct pst_span line, size_t start, const struct pst_ehlo *ehlo,
	     struct pst_cmd *cmd)
{
	struct param_ctx pc;
	struct param_tok t;
	struct pst_span size_tok;
	size_t	size_off = 0;
	size_t	pos = start;
	enum pst_err e = PST_OK;
	int	rc;

	/* Pass 1: spacing and token syntax of the whole list. */
	while ((rc = next_param(line, &pos, cmd->smtputf8, &t, &e)) == 1)
		 /* void */ ;
	if (rc < 0) {
		cmd->err_off = pos;
		cmd->bad = pst_span_sub(line, pos, line.len - pos);
		return (e);
	}
	/* Pass 2: each parameter, left to right. */
	memset(&pc, 0, sizeof(pc));
	size_tok = pst_span_make(line.ptr, 0);
	pc.p = &cmd->params;
	pc.ehlo = ehlo;
	pc.smtputf8 = cmd->smtputf8;
	pc.deferred = PST_OK;
	pos = start;
	while (next_param(line, &pos, cmd->smtputf8, &t, &e) == 1) {
		const struct param_row *r = find_row(t.kw);

		cmd->err_off = t.off;
		cmd->bad = pst_span_make(line.ptr + t.off, pos - t.off);
		if (r == NULL)
			return (PST_PARAM_UNKNOWN);
		if (!(r->verbs & (1u << cmd->verb)))
			return (PST_PARAM_WRONG_VERB);
		if (!(r->ext & ehlo->ext))
			return (PST_PARAM_NOT_ADVERTISED);
		if (cmd->params.seen & (1u << r->id))
			return (PST_PARAM_DUPLICATE);
		if (r->value == VALUE_REQUIRED && !t.has_value)
			return (PST_PARAM_MISSING_VALUE);
		if (r->value == VALUE_FORBIDDEN && t.has_value)
			return (PST_PARAM_VALUE_NOT_ALLOWED);
		if (r->parse != NULL && (e = r->parse(t.val, &pc)) != PST_OK)
			return (e);
		if (r->id == PST_PARAM_SIZE) {
			size_tok = cmd->bad;
			size_off = t.off;
		}
		cmd->params.seen |= 1u << r->id;
	}
	/* RFC 1870 6.1: the size verdict comes last, pointing at SIZE= */
	if (pc.deferred != PST_OK) {
		cmd->bad = size_tok;
		cmd->err_off = size_off;
		return (pc.deferred);
	}
	cmd->bad = pst_span_make(line.ptr, 0);
	cmd->err_off = 0;
	return (PST_OK);
}

/* pst_cmd_parse - see esmtp.h */
enum pst_err
pst_cmd_parse(struct pst_span line, const struct pst_ehlo *ehlo,
	      int txn_smtputf8, struct pst_cmd *cmd)
{
	size_t	pos;
	size_t	close;
	unsigned flags;
	enum pst_err e;

	memset(cmd, 0, sizeof(*cmd));
	if (pst_span_starts_nocase(line, "MAIL FROM:")) {
		cmd->verb = PST_VERB_MAIL;
		pos = 10;
	} else if (pst_span_starts_nocase(line, "RCPT TO:")) {
		cmd->verb = PST_VERB_RCPT;
		pos = 8;
	} else {
		cmd->verb = pst_span_starts_nocase(line, "RCPT") ?
			PST_VERB_RCPT : PST_VERB_MAIL;
		cmd->bad = pst_span_sub(line, 0, 10);
		return (PST_CMD_SYNTAX);
	}
	if (line.len > line_limit(cmd->verb, ehlo->ext)) {
		cmd->err_off = line_limit(cmd->verb, ehlo->ext);
		return (PST_CMD_TOO_LONG);
	}
	if (pos < line.len && line.ptr[pos] == ' ') {
		cmd->err_off = pos;
		return (PST_CMD_SYNTAX);
	}
	/* The path, then what follows it. */
	cmd->path = pst_span_sub(line, pos, line.len - pos);
	close = pst_addr_path_end(cmd->path);
	if (close != (size_t) -1)
		cmd->path.len = close + 1;
	if (cmd->verb == PST_VERB_MAIL)
		cmd->smtputf8 = (ehlo->ext & PST_EXT(SMTPUTF8))
			&& wants_smtputf8(line, pos + cmd->path.len);
	else
		cmd->smtputf8 = txn_smtputf8 != 0;
	flags = cmd->smtputf8 ? PST_ADDR_F_SMTPUTF8 : 0;
	e = pst_addr_parse(cmd->path, cmd->verb == PST_VERB_MAIL ?
			   PST_ADDR_MAIL : PST_ADDR_RCPT, flags, &cmd->addr);
	if (e != PST_OK) {
		cmd->err_off = pos + cmd->addr.err_off;
		cmd->bad = cmd->path;
		return (e);
	}
	return (check_params(line, pos + cmd->path.len, ehlo, cmd));
}

/* is_addr_error - errors of the path itself */
static int
is_addr_error(enum pst_err e)
{
	return (e >= PST_ADDR_INVALID_UTF8 && e <= PST_ADDR_PATH_TOO_LONG);
}

/* pst_cmd_reply_code - the one mapping from outcome to reply */
void
pst_cmd_reply_code(const struct pst_cmd *cmd, enum pst_err e,
		   const struct pst_ehlo *ehlo, int *code, const char **status)
{
	int	mail = cmd->verb == PST_VERB_MAIL;

	if (e == PST_OK) {
		*code = 250;
		*status = mail ? "2.1.0" : "2.1.5";
	} else if (e == PST_ADDR_NON_ASCII
		   && (ehlo->ext & PST_EXT(SMTPUTF8))) {
		/* RFC 6531 3.5 */
		*code = mail ? 550 : 553;
		*status = "5.6.7";
	} else if (is_addr_error(e)) {
		*code = 501;
		*status = mail ? "5.1.7" : "5.1.3";
	} else {
		*code = pst_err_code(e);
		*status = pst_err_status(e);
	}
}

/*
 * add_token - the offending client token, at most 100 octets, with
 * every control octet (LF included) made "?" before it joins the
 * text: only our own text may start a new reply line.
 */
static enum pst_err
add_token(struct pst_buf *t, struct pst_span bad)
{
	return (pst_reply_sanitize(t, bad, 100));
}

/* reply_text - the human part of the reply */
static enum pst_err
reply_text(const struct pst_cmd *cmd, enum pst_err e,
	   const struct pst_ehlo *ehlo, struct pst_buf *t)
{
	int	mail = cmd->verb == PST_VERB_MAIL;
	const char *who = mail ? "sender" : "recipient";
	enum pst_err r;

	if (e == PST_OK)
		return (pst_buf_adds(t, "Ok"));
	if (e == PST_ADDR_NON_ASCII && (ehlo->ext & PST_EXT(SMTPUTF8)))
		return (pst_buf_printf(t, "Non-ASCII %s address needs "
				       "SMTPUTF8", who));
	if (is_addr_error(e))
		return (pst_buf_printf(t, "Bad %s address syntax: %s "
				       "(column %zu)", who, pst_strerror(e),
				       cmd->err_off + 1));
	switch (e) {
	case PST_CMD_SYNTAX:
		return (pst_buf_adds(t, mail ? "Syntax: MAIL FROM:<address>" :
				     "Syntax: RCPT TO:<address>"));
	case PST_SIZE_TOO_BIG:
		return (pst_buf_adds(t, "Message size exceeds fixed maximum "
				     "message size"));
	case PST_SIZE_OVERFLOW:
		return (pst_buf_adds(t, "Message size exceeds any limit"));
	case PST_PARAM_UNKNOWN:
	case PST_PARAM_NOT_ADVERTISED:
	case PST_PARAM_WRONG_VERB:
		if ((r = pst_buf_adds(t, "Unsupported option: ")) != PST_OK
		    || (r = add_token(t, cmd->bad)) != PST_OK)
			return (r);
		return (pst_buf_printf(t, " (%s)", pst_strerror(e)));
	default:
		if (cmd->bad.len == 0)
			return (pst_buf_printf(t, "%c%s",
					       pst_strerror(e)[0] - 32,
					       pst_strerror(e) + 1));
		if ((r = pst_buf_adds(t, "Bad parameter ")) != PST_OK
		    || (r = add_token(t, cmd->bad)) != PST_OK)
			return (r);
		return (pst_buf_printf(t, ": %s", pst_strerror(e)));
	}
}

/* pst_cmd_reply - the whole reply, CRLF included */
enum pst_err
pst_cmd_reply(const struct pst_cmd *cmd, enum pst_err e,
	      const struct pst_ehlo *ehlo, struct pst_buf *out)
{
	struct pst_buf t;
	const char *status;
	int	code;
	enum pst_err r;

	pst_cmd_reply_code(cmd, e, ehlo, &code, &status);
	pst_buf_init(&t, PST_MAX_REPLY_LINE);
	if ((r = reply_text(cmd, e, ehlo, &t)) == PST_OK)
		r = pst_reply_format(out, code, status,
				     pst_span_make(t.data, t.len));
	pst_buf_free(&t);
	return (r);
}

/* pst_param_value - canonical value of a seen parameter */
enum pst_err
pst_param_value(const struct pst_esmtp_params *p, enum pst_param which,
		struct pst_buf *out)
{
	static const char *const body[] = {"", "7BIT", "8BITMIME",
	"BINARYMIME"};
	static const char *const ret[] = {"", "FULL", "HDRS"};
	static const char *const notify[] = {"SUCCESS", "FAILURE", "DELAY"};
	enum pst_err e = PST_OK;
	int	i;
	int	n = 0;

	if ((unsigned) which >= PST_PARAM__COUNT || !(p->seen & (1u << which)))
		return (PST_INVAL);
	switch (which) {
	case PST_PARAM_SIZE:
		return (pst_buf_printf(out, "%llu",
				       (unsigned long long) p->size));
	case PST_PARAM_BODY:
		return (pst_buf_adds(out, body[p->body]));
	case PST_PARAM_RET:
		return (pst_buf_adds(out, ret[p->ret]));
	case PST_PARAM_ENVID:
		return (pst_buf_append(out, p->envid, p->envid_len));
	case PST_PARAM_AUTH:
		return (pst_buf_append(out, p->auth, p->auth_len));
	case PST_PARAM_BY:
		return (pst_buf_printf(out, "%ld;%c%s", p->by_time, p->by_mode,
				       p->by_trace ? "T" : ""));
	case PST_PARAM_MT_PRIORITY:
		return (pst_buf_printf(out, "%d", p->mt_priority));
	case PST_PARAM_NOTIFY:
		if (p->notify & PST_NOTIFY_NEVER)
			return (pst_buf_adds(out, "NEVER"));
		for (i = 0; i < 3 && e == PST_OK; i++)
			if (p->notify & (1u << i))
				e = pst_buf_printf(out, "%s%s", n++ ? "," : "",
						   notify[i]);
		return (e);
	case PST_PARAM_ORCPT:
		if ((e = pst_buf_printf(out, "%s;", p->orcpt_type)) != PST_OK)
			return (e);
		return (pst_buf_append(out, p->orcpt, p->orcpt_len));
	case PST_PARAM_SMTPUTF8:
	case PST_PARAM_REQUIRETLS:
	default:
		return (PST_OK);
	}
}

void
pst_params_add_rcpt(struct pst_esmtp_params *txn,
		    const struct pst_esmtp_params *rcpt)
{
	txn->seen |= rcpt->seen;
	txn->notify = rcpt->notify;
	memcpy(txn->orcpt_type, rcpt->orcpt_type, sizeof(txn->orcpt_type));
	memcpy(txn->orcpt, rcpt->orcpt, sizeof(txn->orcpt));
	txn->orcpt_len = rcpt->orcpt_len;
}
