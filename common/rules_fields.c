/*
 * NAME
 *	rules_fields.c - what a rule can ask about a transaction
 * SUMMARY
 *	the field table, the named checks, and their values
 * SYNOPSIS
 *	#include "rules_int.h"
 * DESCRIPTION
 *	Each field has a type, the first stage at which it is known, and
 *	the doors that can fill it: a Postfix policy request carries no
 *	BODY, SMTPUTF8, ENVID, NOTIFY or ORCPT parameter and no header, so
 *	rules on those run only in postern-milter (postern check says so).
 *	The named checks are the rules the protocol teaches, ready to use.
 * SEE ALSO
 *	postern.rules(5); RFC 5321 4.5.1 (postmaster), 6.3 (loops);
 *	RFC 6152 (8BITMIME); RFC 1870 (SIZE)
 * LICENSE
 *	MIT
 */
#include "config.h"

#include <string.h>
#include <strings.h>

#include "rules_int.h"

#define BOTH	(PST_DOOR_POLICY | PST_DOOR_MILTER)
#define MILTER	PST_DOOR_MILTER
#define FROM(s)	((1u << PST_STAGE__COUNT) - (1u << PST_STAGE_##s))

enum field_id {
	F_CLIENT_IP, F_CLIENT_NAME, F_CLIENT_PORT, F_SERVER_IP,
	F_SERVER_PORT, F_DAEMON_NAME, F_HELO, F_SENDER,
	F_SENDER_DOMAIN, F_RECIPIENT, F_RECIPIENT_DOMAIN, F_RCPT_COUNT,
	F_SASL_USER, F_SASL_METHOD, F_TLS_PROTOCOL, F_TLS_CIPHER,
	F_QUEUE_ID, F_SIZE, F_PARAM_SIZE, F_PARAM_BODY, F_PARAM_SMTPUTF8,
	F_PARAM_RET, F_PARAM_ENVID, F_PARAM_AUTH, F_PARAM_REQUIRETLS,
	F_PARAM_PRIORITY, F_PARAM_NOTIFY, F_PARAM_ORCPT, F_HEADER,
	F_RECEIVED_HOPS, F__COUNT
};

static const struct rfield fields[F__COUNT] = {
	[F_CLIENT_IP] = {"client.ip", RT_IP, BOTH, FROM(CONNECT)},
	[F_CLIENT_NAME] = {"client.name", RT_STR, BOTH, FROM(CONNECT)},
	[F_CLIENT_PORT] = {"client.port", RT_NUM, BOTH, FROM(CONNECT)},
	[F_SERVER_IP] = {"server.ip", RT_IP, BOTH, FROM(CONNECT)},
	[F_SERVER_PORT] = {"server.port", RT_NUM, BOTH, FROM(CONNECT)},
	[F_DAEMON_NAME] = {"daemon.name", RT_STR, MILTER, FROM(CONNECT)},
	[F_HELO] = {"helo", RT_STR, BOTH, FROM(HELO)},
	[F_SENDER] = {"sender", RT_ADDR, BOTH, FROM(MAIL)},
	[F_SENDER_DOMAIN] = {"sender.domain", RT_STR, BOTH, FROM(MAIL)},
	[F_RECIPIENT] = {"recipient", RT_ADDR, BOTH, FROM(RCPT)},
	[F_RECIPIENT_DOMAIN] = {"recipient.domain", RT_STR, BOTH, FROM(RCPT)},
	[F_RCPT_COUNT] = {"rcpt.count", RT_NUM, BOTH, FROM(RCPT)},
	[F_SASL_USER] = {"sasl.user", RT_STR, BOTH, FROM(MAIL)},
	[F_SASL_METHOD] = {"sasl.method", RT_STR, BOTH, FROM(MAIL)},
	/* TLS starts after an EHLO and makes the client say EHLO again:
	 * only at MAIL is it settled, the same for both doors */
	[F_TLS_PROTOCOL] = {"tls.protocol", RT_STR, BOTH, FROM(MAIL)},
	[F_TLS_CIPHER] = {"tls.cipher", RT_STR, BOTH, FROM(MAIL)},
	[F_QUEUE_ID] = {"queue.id", RT_STR, BOTH, FROM(RCPT)},
	[F_SIZE] = {"size", RT_NUM, BOTH, FROM(EOM)},
	[F_PARAM_SIZE] = {"param.size", RT_NUM, BOTH, FROM(MAIL)},
	[F_PARAM_BODY] = {"param.body", RT_STR, MILTER, FROM(MAIL)},
	[F_PARAM_SMTPUTF8] = {"param.smtputf8", RT_BOOL, MILTER, FROM(MAIL)},
	[F_PARAM_RET] = {"param.ret", RT_STR, MILTER, FROM(MAIL)},
	[F_PARAM_ENVID] = {"param.envid", RT_STR, MILTER, FROM(MAIL)},
	[F_PARAM_AUTH] = {"param.auth", RT_STR, MILTER, FROM(MAIL)},
	[F_PARAM_REQUIRETLS] = {"param.requiretls", RT_BOOL, MILTER,
	FROM(MAIL)},
	[F_PARAM_PRIORITY] = {"param.mt-priority", RT_NUM, MILTER, FROM(MAIL)},
	[F_PARAM_NOTIFY] = {"param.notify", RT_STR, MILTER, FROM(RCPT)},
	[F_PARAM_ORCPT] = {"param.orcpt", RT_STR, MILTER, FROM(RCPT)},
	[F_HEADER] = {"header.", RT_STR, MILTER, FROM(HEADER)},
	[F_RECEIVED_HOPS] = {"received.hops", RT_NUM, MILTER, FROM(HEADER)},
};

int
pst_rfield_lookup(struct pst_span name, struct pst_span *arg)
{
	int	i;

	*arg = pst_span_make(NULL, 0);
	if (pst_span_starts_nocase(name, "header.") && name.len > 7) {
		*arg = pst_span_sub(name, 7, name.len - 7);
		return (F_HEADER);
	}
	for (i = 0; i < F__COUNT; i++)
		if (i != F_HEADER && pst_span_eq_nocase(name, fields[i].name))
			return (i);
	return (-1);
}

const struct rfield *
pst_rfield(int id)
{
	return (id >= 0 && id < F__COUNT ? &fields[id] : NULL);
}

/* domain_of - what follows the last "@" */
static struct pst_span
domain_of(struct pst_span a)
{
	size_t	i = a.len;

	while (i > 0 && a.ptr[i - 1] != '@')
		i--;
	return (i > 0 ? pst_span_sub(a, i, a.len - i) : pst_span_make(NULL,
								     0));
}

/* header_value - the first field named name */
static int
header_value(const struct pst_txn *t, struct pst_span name,
	     struct pst_span *out)
{
	size_t	i;

	for (i = 0; i < t->nheaders; i++)
		if (t->headers[i].name.len == name.len
		    && strncasecmp(t->headers[i].name.ptr, name.ptr,
				   name.len) == 0) {
			*out = t->headers[i].value;
			return (1);
		}
	return (0);
}

/* param - a decoded parameter value as a span in a caller buffer */
static int
param_str(const struct pst_txn *t, enum pst_param p, struct pst_span *out)
{
	static const char *const body[] = {"", "7BIT", "8BITMIME",
	"BINARYMIME"};
	static const char *const ret[] = {"", "FULL", "HDRS"};

	if (t->params == NULL || !(t->params->seen & (1u << p)))
		return (0);
	switch (p) {
	case PST_PARAM_BODY:
		*out = pst_span_cstr(body[t->params->body]);
		return (1);
	case PST_PARAM_RET:
		*out = pst_span_cstr(ret[t->params->ret]);
		return (1);
	case PST_PARAM_ENVID:
		*out = pst_span_make(t->params->envid, t->params->envid_len);
		return (1);
	case PST_PARAM_AUTH:
		*out = pst_span_make(t->params->auth, t->params->auth_len);
		return (1);
	case PST_PARAM_ORCPT:
		*out = pst_span_make(t->params->orcpt, t->params->orcpt_len);
		return (1);
	case PST_PARAM_NOTIFY:
		*out = pst_span_cstr(t->params->notify & PST_NOTIFY_NEVER ?
				     "NEVER" : t->params->notify ==
				     PST_NOTIFY_SUCCESS ? "SUCCESS" :
				     t->params->notify == PST_NOTIFY_FAILURE ?
				     "FAILURE" : t->params->notify ==
				     PST_NOTIFY_DELAY ? "DELAY" : "MIXED");
		return (1);
	default:
		return (0);
	}
}

int
pst_rfield_str(const struct pst_txn *t, int id, struct pst_span arg,
	       struct pst_span *out)
{
	switch (id) {
	case F_CLIENT_IP: *out = t->client_ip; break;
	case F_CLIENT_NAME: *out = t->client_name; break;
	case F_SERVER_IP: *out = t->server_ip; break;
	case F_DAEMON_NAME: *out = t->daemon_name; break;
	case F_HELO: *out = t->helo; break;
	case F_SENDER: *out = t->sender; return (1);	/* "" is <> */
	case F_SENDER_DOMAIN: *out = domain_of(t->sender); break;
	case F_RECIPIENT: *out = t->recipient; break;
	case F_RECIPIENT_DOMAIN: *out = domain_of(t->recipient); break;
	case F_SASL_USER: *out = t->sasl_user; break;
	case F_SASL_METHOD: *out = t->sasl_method; break;
	case F_TLS_PROTOCOL: *out = t->tls_protocol; break;
	case F_TLS_CIPHER: *out = t->tls_cipher; break;
	case F_QUEUE_ID: *out = t->queue_id; break;
	case F_PARAM_BODY: return (param_str(t, PST_PARAM_BODY, out));
	case F_PARAM_RET: return (param_str(t, PST_PARAM_RET, out));
	case F_PARAM_ENVID: return (param_str(t, PST_PARAM_ENVID, out));
	case F_PARAM_AUTH: return (param_str(t, PST_PARAM_AUTH, out));
	case F_PARAM_NOTIFY: return (param_str(t, PST_PARAM_NOTIFY, out));
	case F_PARAM_ORCPT: return (param_str(t, PST_PARAM_ORCPT, out));
	case F_HEADER: return (header_value(t, arg, out));
	default: return (0);
	}
	return (out->ptr != NULL);
}

int
pst_rfield_num(const struct pst_txn *t, int id, int64_t *out)
{
	const struct pst_esmtp_params *p = t->params;

	switch (id) {
	case F_CLIENT_PORT: *out = t->client_port; return (1);
	case F_SERVER_PORT:
		*out = t->server_port;
		return (t->server_port >= 0);
	case F_RCPT_COUNT: *out = (int64_t) t->rcpt_count; return (1);
	case F_SIZE: *out = (int64_t) t->size; return (t->has_size);
	case F_PARAM_SIZE:
		*out = p ? (int64_t) p->size : 0;
		return (p != NULL && (p->seen & (1u << PST_PARAM_SIZE)));
	case F_PARAM_PRIORITY:
		*out = p ? p->mt_priority : 0;
		return (p != NULL
			&& (p->seen & (1u << PST_PARAM_MT_PRIORITY)));
	case F_PARAM_SMTPUTF8:
		*out = p != NULL && (p->seen & (1u << PST_PARAM_SMTPUTF8));
		return (1);
	case F_PARAM_REQUIRETLS:
		*out = p != NULL && (p->seen & (1u << PST_PARAM_REQUIRETLS));
		return (1);
	case F_RECEIVED_HOPS:
		*out = t->trace ? (int64_t) t->trace->nfields : 0;
		return (t->trace != NULL);
	default:
		return (0);
	}
}

/* The named checks. */
enum builtin_id {
	B_NULL_SENDER_MULTI, B_POSTMASTER, B_NON_FQDN_HELO,
	B_NON_FQDN_SENDER, B_SOURCE_ROUTE, B_8BIT_NO_8BITMIME, B_LONG_LINE,
	B_BCC_PRESENT, B_RETURN_PATH_PRESENT, B_SIZE_BELOW_ACTUAL, B_LOOP,
	B_CLOCK_SKEW, B_BROKEN_CHAIN, B_HEADER_LONG_LINE, B_HEADER_8BIT,
	B__COUNT
};

static const struct {
	const char *name;
	unsigned doors;
} builtins[B__COUNT] = {
	[B_NULL_SENDER_MULTI] = {"null_sender_multi_rcpt", BOTH},
	[B_POSTMASTER] = {"postmaster", BOTH},
	[B_NON_FQDN_HELO] = {"non_fqdn_helo", BOTH},
	[B_NON_FQDN_SENDER] = {"non_fqdn_sender", BOTH},
	[B_SOURCE_ROUTE] = {"source_route", MILTER},
	[B_8BIT_NO_8BITMIME] = {"8bit_without_8bitmime", MILTER},
	[B_LONG_LINE] = {"line_over_1000", MILTER},
	[B_BCC_PRESENT] = {"bcc_present", MILTER},
	[B_RETURN_PATH_PRESENT] = {"return_path_present", MILTER},
	[B_SIZE_BELOW_ACTUAL] = {"size_below_actual", MILTER},
	[B_LOOP] = {"loop", MILTER},
	[B_CLOCK_SKEW] = {"clock_skew", MILTER},
	[B_BROKEN_CHAIN] = {"broken_chain", MILTER},
	[B_HEADER_LONG_LINE] = {"header_line_over_998", MILTER},
	[B_HEADER_8BIT] = {"8bit_header_without_smtputf8", MILTER},
};

int
pst_rbuiltin_lookup(struct pst_span name)
{
	int	i;

	for (i = 0; i < B__COUNT; i++)
		if (pst_span_eq_nocase(name, builtins[i].name))
			return (i);
	return (-1);
}

const char *
pst_rbuiltin_name(int id)
{
	return (id >= 0 && id < B__COUNT ? builtins[id].name : NULL);
}

unsigned
pst_rbuiltin_doors(int id)
{
	return (id >= 0 && id < B__COUNT ? builtins[id].doors : 0);
}

/* fqdn - has a dot inside, or is an address literal */
static int
fqdn(struct pst_span s)
{
	size_t	i;

	if (s.len > 0 && s.ptr[0] == '[')
		return (1);
	for (i = 1; i + 1 < s.len; i++)
		if (s.ptr[i] == '.')
			return (1);
	return (0);
}

int
pst_rbuiltin_eval(const struct pst_txn *t, int id)
{
	struct pst_span v;
	const struct pst_esmtp_params *p = t->params;

	switch (id) {
	case B_NULL_SENDER_MULTI:
		return (t->sender.len == 0 && t->rcpt_count > 1);
	case B_POSTMASTER:
		v = t->recipient;
		return (pst_span_eq_nocase(v, "postmaster")
			|| (v.len > 11 && pst_span_starts_nocase(v,
							 "postmaster@")));
	case B_NON_FQDN_HELO:
		return (t->helo.len > 0 && !fqdn(t->helo));
	case B_NON_FQDN_SENDER:
		return (t->sender.len > 0 && !fqdn(domain_of(t->sender)));
	case B_SOURCE_ROUTE:
		return (t->sender_route);
	case B_8BIT_NO_8BITMIME:
		return (t->body_8bit && (p == NULL || p->body == PST_BODY_NONE
					 || p->body == PST_BODY_7BIT));
	case B_LONG_LINE:
		return (t->long_line);
	case B_BCC_PRESENT:
		return (header_value(t, pst_span_cstr("Bcc"), &v));
	case B_RETURN_PATH_PRESENT:
		return (header_value(t, pst_span_cstr("Return-Path"), &v));
	case B_SIZE_BELOW_ACTUAL:
		return (p != NULL && (p->seen & (1u << PST_PARAM_SIZE))
			&& t->has_size && t->size > p->size);
	case B_LOOP:
		return (t->trace != NULL
			&& (t->trace->anomalies & (PST_TRACE_BIT(LOOP)
					| PST_TRACE_BIT(TOO_MANY_HOPS))));
	case B_CLOCK_SKEW:
		return (t->trace != NULL
			&& (t->trace->anomalies & PST_TRACE_BIT(CLOCK_SKEW)));
	case B_HEADER_LONG_LINE:
		return (t->header_long_line);
	case B_HEADER_8BIT:
		return (t->header_8bit && (p == NULL
			|| !(p->seen & (1u << PST_PARAM_SMTPUTF8))));
	case B_BROKEN_CHAIN:
		return (t->trace != NULL
			&& (t->trace->anomalies
			    & PST_TRACE_BIT(BROKEN_CHAIN)));
	default:
		return (0);
	}
}
