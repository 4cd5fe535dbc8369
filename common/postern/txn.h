/*
 * NAME
 *	txn.h - one SMTP transaction as the rule engine sees it
 * SYNOPSIS
 *	#include <postern/txn.h>
 * DESCRIPTION
 *	Both daemons translate what they receive (a policy request, milter
 *	callbacks) into a struct pst_txn and ask the rule engine. Fields a
 *	door cannot know stay empty; the rule compiler knows which fields
 *	each daemon sees (postern check reports it). Strings are spans the
 *	caller owns for the duration of the evaluation.
 * LICENSE
 *	MIT
 */
#ifndef POSTERN_TXN_H
#define POSTERN_TXN_H

#include <postern/api.h>
#include <postern/esmtp.h>
#include <postern/span.h>
#include <postern/trace.h>
#include <stddef.h>
#include <stdint.h>

/* RFC 5321 order of an SMTP session; a rule names one stage */
#define PST_STAGE_MAP(X) \
	X(CONNECT, "connect") X(HELO, "helo") X(MAIL, "mail") \
	X(RCPT, "rcpt") X(DATA, "data") X(HEADER, "header") \
	X(BODY, "body") X(EOM, "eom")

enum pst_stage {
#define PST_STAGE_ENUM_(sym, name) PST_STAGE_##sym,
	PST_STAGE_MAP(PST_STAGE_ENUM_)
#undef PST_STAGE_ENUM_
	PST_STAGE__COUNT
};

struct pst_header_field {
	struct pst_span name;
	struct pst_span value;
};

struct pst_txn {
	enum pst_stage stage;
	unsigned door;			/* PST_DOOR_* asking (rules.h): rules
					 * it cannot run are passed over; 0:
					 * every rule (postern explain) */
	struct pst_span client_ip;
	struct pst_span client_name;
	int64_t	client_port;
	struct pst_span server_ip;	/* the address the client reached */
	int64_t	server_port;		/* and its port; -1: not known */
	struct pst_span daemon_name;	/* the milter macro {daemon_name} */
	struct pst_span helo;
	struct pst_span sender;		/* without "<>"; empty = null */
	struct pst_span recipient;	/* the current one */
	size_t	rcpt_count;
	struct pst_span sasl_user;
	struct pst_span sasl_method;
	struct pst_span tls_protocol;
	struct pst_span tls_cipher;
	struct pst_span queue_id;
	uint64_t size;			/* actual size, when known */
	int	has_size;
	const struct pst_esmtp_params *params;	/* MAIL+RCPT, or NULL */
	const struct pst_header_field *headers;
	size_t	nheaders;
	const struct pst_trace *trace;	/* Received chain, or NULL */
	int	sender_route;		/* MAIL path had a source route */
	int	body_8bit;		/* 8-bit octets seen in the body */
	int	long_line;		/* a line over 998 octets seen */
	int	header_long_line;	/* a header line over 998 octets */
	int	header_8bit;		/* 8-bit octets in the header */
};

PST_BEGIN_DECLS
PST_API void pst_txn_init(struct pst_txn *t, enum pst_stage stage);
PST_API const char *pst_stage_name(enum pst_stage s);
/* pst_stage_from_name - PST_STAGE__COUNT if unknown */
PST_API enum pst_stage pst_stage_from_name(struct pst_span name);
PST_END_DECLS

#endif
