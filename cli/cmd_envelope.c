/*
 * NAME
 *	cmd_envelope.c - "postern envelope": judge MAIL/RCPT command lines
 * SUMMARY
 *	what a strict server answers to the envelope a client sent
 * SYNOPSIS
 *	postern envelope [--ehlo KEYWORDS] [--smtputf8] [--json] [LINE...]
 * DESCRIPTION
 *	Each LINE (or each line of standard input when none is given;
 *	blank lines and lines starting with "#" are skipped) is one
 *	"MAIL FROM:" or "RCPT TO:" command. For each, print the parsed
 *	path and parameters, or the exact reply a strict server sends.
 *	A MAIL line that carries SMTPUTF8 puts the following RCPT lines
 *	into an SMTPUTF8 transaction; --smtputf8 starts in one.
 *
 *	--ehlo names the extensions the server offers (default: all that
 *	libpostern knows, with no fixed SIZE limit). --json prints one
 *	JSON object per line.
 *
 *	Exit status 0 when every line is accepted, 1 when any is refused,
 *	2 on usage errors, 3 on internal errors.
 * LICENSE
 *	MIT
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <postern/postern.h>

#include "cli.h"

/* stdin lines longer than this are refused whole, never split */
#define ENVELOPE_MAX_LINE	(64 * 1024)

struct envelope_opts {
	struct pst_ehlo ehlo;
	int	json;
	int	txn_smtputf8;
};

/* show - append a peer string made printable (\xNN for the rest) */
static enum pst_err
show(struct pst_buf *out, struct pst_span s)
{
	size_t	i;
	enum pst_err e = PST_OK;

	for (i = 0; i < s.len && e == PST_OK; i++) {
		unsigned char c = (unsigned char) s.ptr[i];

		if (c < 0x20 || c == 0x7f || c == '\\')
			e = pst_buf_printf(out, "\\x%02x", c);
		else
			e = pst_buf_addc(out, c);
	}
	return (e);
}

/* render_text - the human form of one judged line */
static enum pst_err
render_text(struct pst_buf *o, struct pst_span line,
	    const struct pst_cmd *cmd, enum pst_err res,
	    const struct pst_buf *reply)
{
	enum pst_err e;
	unsigned p;

	if ((e = pst_buf_adds(o, "> ")) != PST_OK || (e = show(o, line))
	    != PST_OK || (e = pst_buf_adds(o, "\n< ")) != PST_OK
	    || (e = pst_buf_append(o, reply->data, reply->len - 2))
	    != PST_OK || (e = pst_buf_addc(o, '\n')) != PST_OK)
		return (e);
	if (res != PST_OK)
		return (pst_buf_printf(o, "  error: %s at column %zu\n",
				       pst_errname(res), cmd->err_off + 1));
	e = pst_buf_printf(o, "  %s: <%s>", cmd->verb == PST_VERB_MAIL ?
			   "sender" : "recipient", cmd->addr.norm);
	if (e == PST_OK && (cmd->addr.flags & PST_ADDR_ROUTE))
		e = pst_buf_printf(o, " (source route %.*s dropped)",
				   (int) cmd->addr.route.len,
				   cmd->addr.route.ptr);
	if (e == PST_OK && cmd->smtputf8)
		e = pst_buf_adds(o, " smtputf8");
	if (e == PST_OK)
		e = pst_buf_addc(o, '\n');
	for (p = 0; p < PST_PARAM__COUNT && e == PST_OK; p++) {
		if (!(cmd->params.seen & (1u << p)))
			continue;
		e = pst_buf_printf(o, "  param: %s", pst_param_name(p));
		if (e == PST_OK && p != PST_PARAM_SMTPUTF8
		    && p != PST_PARAM_REQUIRETLS) {
			struct pst_buf v;

			pst_buf_init(&v, 4096);
			e = pst_param_value(&cmd->params, p, &v);
			if (e == PST_OK)
				e = pst_buf_addc(o, '=');
			if (e == PST_OK)
				e = show(o, pst_span_make(v.data, v.len));
			pst_buf_free(&v);
		}
		if (e == PST_OK)
			e = pst_buf_addc(o, '\n');
	}
	return (e);
}

/* render_json - one JSON object per line */
static enum pst_err
render_json(struct pst_buf *o, struct pst_span line,
	    const struct pst_cmd *cmd, enum pst_err res,
	    const struct pst_buf *reply, const struct pst_ehlo *ehlo)
{
	const char *status;
	struct pst_span text;
	int	code;
	int	skip;
	unsigned p;
	int	n = 0;
	enum pst_err e;

	pst_cmd_reply_code(cmd, res, ehlo, &code, &status);
	/* the text follows "code status " on the reply's one line */
	text = pst_span_make(reply->data, reply->len - 2);
	for (skip = 0; skip < 2; skip++) {
		while (text.len > 0 && text.ptr[0] != ' ')
			text = pst_span_sub(text, 1, text.len - 1);
		text = pst_span_sub(text, 1, text.len);
	}
	if ((e = pst_buf_adds(o, "{\"line\":")) != PST_OK
	    || (e = pst_json_string(o, line)) != PST_OK
	    || (e = pst_buf_printf(o, ",\"verb\":\"%s\",\"ok\":%s,"
				   "\"reply\":%d,\"enhanced\":\"%s\","
				   "\"text\":", cmd->verb == PST_VERB_MAIL ?
				   "MAIL" : "RCPT", res == PST_OK ?
				   "true" : "false", code, status)) != PST_OK
	    || (e = pst_json_string(o, text)) != PST_OK)
		return (e);
	if (res != PST_OK)
		return (pst_buf_printf(o, ",\"error\":\"%s\",\"column\":"
				       "%zu}\n", pst_errname(res),
				       cmd->err_off + 1));
	if ((e = pst_buf_adds(o, ",\"path\":")) != PST_OK
	    || (e = pst_json_string(o, pst_span_make(cmd->addr.norm,
						     cmd->addr.norm_len)))
	    != PST_OK || (e = pst_buf_adds(o, ",\"route\":")) != PST_OK
	    || (e = pst_json_string(o, cmd->addr.route)) != PST_OK
	    || (e = pst_buf_printf(o, ",\"smtputf8\":%s,\"params\":{",
				   cmd->smtputf8 ? "true" : "false"))
	    != PST_OK)
		return (e);
	for (p = 0; p < PST_PARAM__COUNT && e == PST_OK; p++) {
		struct pst_buf v;

		if (!(cmd->params.seen & (1u << p)))
			continue;
		e = pst_buf_printf(o, "%s\"%s\":", n++ ? "," : "",
				   pst_param_name(p));
		if (e != PST_OK)
			break;
		if (p == PST_PARAM_SMTPUTF8 || p == PST_PARAM_REQUIRETLS) {
			e = pst_buf_adds(o, "true");
			continue;
		}
		pst_buf_init(&v, 4096);
		if ((e = pst_param_value(&cmd->params, p, &v)) == PST_OK)
			e = pst_json_string(o, pst_span_make(v.data, v.len));
		pst_buf_free(&v);
	}
	return (e == PST_OK ? pst_buf_adds(o, "}}\n") : e);
}

/* judge - one line; returns 0 accepted, 1 refused, -1 internal error */
static int
judge(struct envelope_opts *opt, struct pst_span line)
{
	struct pst_cmd *cmd;
	struct pst_buf reply;
	struct pst_buf out;
	enum pst_err res;
	enum pst_err e;
	int	rc = -1;

	if ((cmd = malloc(sizeof(*cmd))) == NULL)
		return (-1);
	pst_buf_init(&reply, 4 * PST_MAX_REPLY_LINE);
	pst_buf_init(&out, 64 * 1024);
	res = pst_cmd_parse(line, &opt->ehlo, opt->txn_smtputf8, cmd);
	if (res == PST_NOMEM)
		goto out;
	if ((e = pst_cmd_reply(cmd, res, &opt->ehlo, &reply)) != PST_OK)
		goto out;
	e = opt->json ? render_json(&out, line, cmd, res, &reply, &opt->ehlo) :
		render_text(&out, line, cmd, res, &reply);
	if (e != PST_OK)
		goto out;
	fwrite(out.data, 1, out.len, stdout);
	if (res == PST_OK && cmd->verb == PST_VERB_MAIL)
		opt->txn_smtputf8 = cmd->smtputf8;
	rc = res == PST_OK ? 0 : 1;
out:
	if (rc < 0)
		fprintf(stderr, "postern envelope: internal error\n");
	pst_buf_free(&reply);
	pst_buf_free(&out);
	free(cmd);
	return (rc);
}

/* chomp - the line without its CRLF or LF */
static struct pst_span
chomp(const char *p, size_t n)
{
	if (n > 0 && p[n - 1] == '\n')
		n--;
	if (n > 0 && p[n - 1] == '\r')
		n--;
	return (pst_span_make(p, n));
}

/* envelope_usage - the synopsis */
static int
envelope_usage(void)
{
	fprintf(stderr, "usage: postern envelope [--ehlo KEYWORDS] "
		"[--smtputf8] [--json] [LINE...]\n");
	return (CLI_EXIT_USAGE);
}

int
cli_envelope(int argc, char **argv)
{
	struct envelope_opts opt;
	int	i;
	int	refused = 0;
	int	rc;

	memset(&opt, 0, sizeof(opt));
	pst_ehlo_all(&opt.ehlo);
	for (i = 1; i < argc && argv[i][0] == '-' && argv[i][1] == '-'; i++) {
		if (strcmp(argv[i], "--") == 0) {
			i++;
			break;
		} else if (strcmp(argv[i], "--json") == 0) {
			opt.json = 1;
		} else if (strcmp(argv[i], "--smtputf8") == 0) {
			opt.txn_smtputf8 = 1;
		} else if (strcmp(argv[i], "--ehlo") == 0 && i + 1 < argc) {
			if (pst_ehlo_parse(pst_span_cstr(argv[++i]), &opt.ehlo)
			    != PST_OK) {
				fprintf(stderr, "postern envelope: bad --ehlo "
					"value \"%.100s\"\n", argv[i]);
				return (CLI_EXIT_USAGE);
			}
		} else {
			return (envelope_usage());
		}
	}
	if (i < argc) {
		for (; i < argc; i++) {
			if ((rc = judge(&opt, pst_span_cstr(argv[i]))) < 0)
				return (CLI_EXIT_INTERNAL);
			refused |= rc;
		}
	} else {
		char   *buf = NULL;
		size_t	cap = 0;
		ssize_t	n;
		unsigned long lineno = 0;

		while ((n = getline(&buf, &cap, stdin)) >= 0) {
			struct pst_span l = chomp(buf, (size_t) n);

			lineno++;
			if (l.len == 0 || l.ptr[0] == '#')
				continue;
			if (l.len > ENVELOPE_MAX_LINE) {
				printf("> (line %lu: %zu octets)\n< 500 5.5.2 "
				       "Line too long\n", lineno, l.len);
				refused = 1;
				continue;
			}
			if ((rc = judge(&opt, l)) < 0) {
				free(buf);
				return (CLI_EXIT_INTERNAL);
			}
			refused |= rc;
		}
		free(buf);
	}
	return (refused ? CLI_EXIT_REFUSED : CLI_EXIT_OK);
}
