/*
 * NAME
 *	conf.h - postern.conf, the settings both daemons read
 * SYNOPSIS
 *	#include <postern/conf.h>
 *
 *	struct pst_conf c;
 *	pst_conf_defaults(&c);
 *	if (pst_conf_load_file("/etc/postern/postern.conf", &c, diag, NULL)
 *	    != PST_OK)
 *		exit(1);
 * DESCRIPTION
 *	The syntax is Postfix's main.cf: "name = value", a line that
 *	starts with white space continues the previous one, and a line
 *	whose first non-blank character is "#" is a comment ("#" later on
 *	a line is part of the value, as in main.cf). Times take Postfix's
 *	units (s m h d w, seconds when none); sizes take k, m, g (1024).
 *	An unknown name, a bad value or a repeated name is an error at
 *	"file:line:col"; nothing is half applied. A relative rules_file
 *	or trace_hmac_key_file is relative to the directory of the
 *	configuration file.
 *
 *	The settings are documented in postern.conf(5).
 * LICENSE
 *	MIT
 */
#ifndef POSTERN_CONF_H
#define POSTERN_CONF_H

#include <postern/api.h>
#include <postern/err.h>
#include <postern/rules.h>
#include <postern/span.h>
#include <stddef.h>
#include <stdint.h>

#define PST_CONF_PATH_MAX	1024

/* X(name, type, default): the single table of settings */
#define PST_CONF_MAP(X) \
	X(rules_file, STR, "postern.rules") \
	X(policy_listen, STR, "inet:127.0.0.1:10040") \
	X(milter_listen, STR, "unix:/var/spool/postfix/postern/milter") \
	X(user, STR, "") \
	X(group, STR, "") \
	X(on_error, ONERR, "defer") \
	X(on_error_reply, STR, "451 4.3.0 Temporary policy failure") \
	X(log_target, STR, "syslog") \
	X(log_format, STR, "line") \
	X(syslog_name, STR, "") \
	X(policy_max_request, SIZE, "64k") \
	X(policy_max_connections, NUM, "4096") \
	X(policy_idle_timeout, TIME, "1000s") \
	X(policy_request_timeout, TIME, "10s") \
	X(state_max_transactions, NUM, "10000") \
	X(state_max_recipients, NUM, "1000") \
	X(state_ttl, TIME, "1h") \
	X(trace_pseudonymize, PSEUDO, "no") \
	X(trace_hmac_key_file, STR, "")

/* which part of an address a trace record replaces with its HMAC */
enum pst_pseudonymize {
	PST_PSEUDONYMIZE_NO,
	PST_PSEUDONYMIZE_LOCAL_PART,	/* h:HEX@domain */
	PST_PSEUDONYMIZE_ADDRESS	/* h:HEX */
};

enum pst_on_error {
	PST_ON_ERROR_DEFER,
	PST_ON_ERROR_ACCEPT
};

struct pst_conf {
	char	path[PST_CONF_PATH_MAX];	/* the file read, or "" */
	char	rules_path[PST_CONF_PATH_MAX];	/* rules_file resolved */
	char	key_path[PST_CONF_PATH_MAX];	/* trace_hmac_key_file too */
#define PST_CONF_FIELD_STR_(n)	char n[PST_CONF_PATH_MAX];
#define PST_CONF_FIELD_ONERR_(n) enum pst_on_error n;
#define PST_CONF_FIELD_PSEUDO_(n) enum pst_pseudonymize n;
#define PST_CONF_FIELD_SIZE_(n)	uint64_t n;
#define PST_CONF_FIELD_NUM_(n)	uint64_t n;
#define PST_CONF_FIELD_TIME_(n)	uint64_t n;	/* seconds */
#define PST_CONF_FIELD_(name, type, dflt) PST_CONF_FIELD_##type##_(name)
	PST_CONF_MAP(PST_CONF_FIELD_)
#undef PST_CONF_FIELD_
};

PST_BEGIN_DECLS
PST_API void pst_conf_defaults(struct pst_conf *c);
/* pst_conf_load_file - defaults, then the file; PST_INVAL on any error */
PST_API enum pst_err pst_conf_load_file(const char *path,
					struct pst_conf *c,
					pst_rules_diag_fn fn, void *ctx);
PST_API enum pst_err pst_conf_load_buffer(const char *name,
					  struct pst_span text,
					  struct pst_conf *c,
					  pst_rules_diag_fn fn, void *ctx);
/*
 * pst_conf_error_verdict - on_error_reply as the defer verdict both
 * daemons answer on internal trouble ("451 4.3.0 text": a 4xx code, an
 * optional class-4 enhanced status, text kept in text[tlen]).
 * PST_INVAL with the reason in why[len] when it is not one.
 */
PST_API enum pst_err pst_conf_error_verdict(const struct pst_conf *c,
					    struct pst_verdict *v,
					    char *text, size_t tlen,
					    char *why, size_t len);
/* pst_conf_print - every setting as "name = value", like postconf */
PST_API void pst_conf_print(const struct pst_conf *c,
			    void (*out)(void *ctx, const char *line),
			    void *ctx);
PST_END_DECLS

#endif
