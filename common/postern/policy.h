/*
 * NAME
 *	policy.h - the Postfix SMTP access policy delegation protocol
 * SYNOPSIS
 *	#include <postern/policy.h>
 *
 *	size_t n = pst_policy_request_end(buf, scanned);
 *	if (n > 0 && pst_policy_parse(pst_span_make(buf, n), &req) == PST_OK) {
 *		pst_policy_txn(&req, &txn, &params);
 *		pst_policy_eval(rules, &txn, &verdict, NULL, NULL);
 *	}
 * DESCRIPTION
 *	A request is "name=value" lines ended by an empty line, bare LF
 *	(SMTPD_POLICY_README). pst_policy_parse() reads one complete
 *	request into a fixed table of the attributes Postfix 2.1 through
 *	3.12 sends; values are spans into the caller's bytes. Unknown
 *	attributes are counted and ignored (newer Postfix versions add
 *	some); for a repeated attribute the first one counts, as in
 *	Postfix's own attr_scan.
 *
 *	pst_policy_txn() turns a request into the transaction the rule
 *	engine reads. pst_policy_eval() is the one verdict point of the
 *	policy door: with smtpd_delay_reject=yes (Postfix's default)
 *	client, helo and sender restrictions run at RCPT time, so a query
 *	at RCPT evaluates the connect, helo, mail and rcpt rules in that
 *	order, as the milter would have at each of those steps; the first
 *	stage that decides wins.
 * SEE ALSO
 *	SMTPD_POLICY_README, access(5), ../shared/notes/policy-protocol.md
 * LICENSE
 *	MIT
 */
#ifndef POSTERN_POLICY_H
#define POSTERN_POLICY_H

#include <postern/api.h>
#include <postern/err.h>
#include <postern/esmtp.h>
#include <postern/rules.h>
#include <postern/span.h>
#include <postern/txn.h>
#include <stddef.h>
#include <stdint.h>

/* Every attribute some Postfix version sends (policy-protocol.md §2) */
#define PST_POLICY_ATTR_MAP(X) \
	X(REQUEST, "request") X(PROTOCOL_STATE, "protocol_state") \
	X(PROTOCOL_NAME, "protocol_name") \
	X(CLIENT_ADDRESS, "client_address") X(CLIENT_NAME, "client_name") \
	X(CLIENT_PORT, "client_port") \
	X(REVERSE_CLIENT_NAME, "reverse_client_name") \
	X(SERVER_ADDRESS, "server_address") X(SERVER_PORT, "server_port") \
	X(HELO_NAME, "helo_name") X(SENDER, "sender") \
	X(RECIPIENT, "recipient") X(RECIPIENT_COUNT, "recipient_count") \
	X(QUEUE_ID, "queue_id") X(INSTANCE, "instance") X(SIZE, "size") \
	X(ETRN_DOMAIN, "etrn_domain") X(STRESS, "stress") \
	X(SASL_METHOD, "sasl_method") X(SASL_USERNAME, "sasl_username") \
	X(SASL_SENDER, "sasl_sender") X(CCERT_SUBJECT, "ccert_subject") \
	X(CCERT_ISSUER, "ccert_issuer") \
	X(CCERT_FINGERPRINT, "ccert_fingerprint") \
	X(CCERT_PUBKEY_FINGERPRINT, "ccert_pubkey_fingerprint") \
	X(ENCRYPTION_PROTOCOL, "encryption_protocol") \
	X(ENCRYPTION_CIPHER, "encryption_cipher") \
	X(ENCRYPTION_KEYSIZE, "encryption_keysize") \
	X(TLS_SNI, "tls_sni") X(POLICY_CONTEXT, "policy_context") \
	X(COMPATIBILITY_LEVEL, "compatibility_level") \
	X(MAIL_VERSION, "mail_version")

enum pst_policy_attr {
#define PST_POLICY_ATTR_ENUM_(sym, name) PST_POLICY_##sym,
	PST_POLICY_ATTR_MAP(PST_POLICY_ATTR_ENUM_)
#undef PST_POLICY_ATTR_ENUM_
	PST_POLICY__COUNT
};

/* protocol_state values that are not rule stages */
#define PST_POLICY_STATE_OTHER	PST_STAGE__COUNT

struct pst_policy_req {
	struct pst_span attr[PST_POLICY__COUNT];
	uint64_t present;		/* 1 << enum pst_policy_attr */
	size_t	nattrs;			/* lines read */
	size_t	unknown;		/* names we do not know */
	size_t	duplicates;		/* known names seen again */
};

PST_BEGIN_DECLS
/*
 * pst_policy_request_end - the length of the first complete request in
 * buf (up to and including the empty line), or 0 while it is
 * incomplete. scanned is how much of buf an earlier call already saw,
 * so a request that arrives a byte at a time costs linear time.
 */
PST_API size_t pst_policy_request_end(struct pst_span buf, size_t scanned);
/*
 * pst_policy_parse - one complete request. PST_POLICY_MALFORMED for a
 * line without "=" or a NUL byte, PST_POLICY_TOO_MANY_ATTRS past
 * PST_MAX_POLICY_ATTRS lines, PST_POLICY_NOT_ACCESS_POLICY when
 * request= is missing or is not smtpd_access_policy.
 */
PST_API enum pst_err pst_policy_parse(struct pst_span req,
				      struct pst_policy_req *out);
/* pst_policy_set - one attribute by name; 0 if the name is unknown */
PST_API int pst_policy_set(struct pst_policy_req *r, struct pst_span name,
			   struct pst_span value);
PST_API const char *pst_policy_attr_name(enum pst_policy_attr a);
/* pst_policy_stage - protocol_state as a stage, or PST_POLICY_STATE_OTHER
 * (VRFY, ETRN, unknown) */
PST_API enum pst_stage pst_policy_stage(const struct pst_policy_req *r);
/*
 * pst_policy_txn - the transaction of a request. params receives
 * SIZE (before END-OF-MESSAGE Postfix sends the MAIL FROM SIZE=); the
 * transaction points at it. Spans point into the request's bytes.
 */
PST_API void pst_policy_txn(const struct pst_policy_req *r,
			    struct pst_txn *t,
			    struct pst_esmtp_params *params);
/* pst_policy_eval - the policy door's verdict (see DESCRIPTION) */
PST_API void pst_policy_eval(const struct pst_rules *rules,
			     const struct pst_txn *t, struct pst_verdict *v,
			     pst_rules_trace_fn fn, void *ctx);
PST_END_DECLS

#endif
