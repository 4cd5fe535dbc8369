/*
 * NAME
 *	pseudonym.h - addresses in trace records, pseudonymised
 * SYNOPSIS
 *	#include <postern/pseudonym.h>
 *
 *	struct pst_pseudonym p;
 *	char why[256];
 *	if (pst_pseudonym_load(&conf, &p, why, sizeof(why)) != PST_OK)
 *		die(why);
 *	pst_pseudonym_write(&p, pst_span_cstr("Bob@Example.org"), 0, &out);
 *		-> "h:5d41402abc4b2a76@Example.org" (local-part mode)
 * DESCRIPTION
 *	A trace record is kept for path analysis, often longer than mail
 *	logs; with trace_pseudonymize set, the addresses in it are
 *	replaced by HMAC-SHA256(key, address) under the deployment's
 *	secret key (trace_hmac_key_file), cut to 64 bits in hex: the same
 *	address gives the same pseudonym in every record and on every MX
 *	host sharing the key, so records still correlate, but without
 *	the key nobody can test a guessed address against the log.
 *	The address is hashed in lower case (as Postfix's lookups fold
 *	it). "local-part" keeps the domain ("h:HEX@example.org"),
 *	"address" hides it too ("h:HEX"); the null sender stays empty.
 *	The key file holds at least PST_PSEUDONYM_KEY_MIN bytes (trailing
 *	white space is not part of it, so "openssl rand -hex 32 > file"
 *	works) and must not be readable by others.
 * SEE ALSO
 *	RFC 2104 (HMAC), FIPS 180-4 (SHA-256), postern.conf(5)
 * LICENSE
 *	MIT
 */
#ifndef POSTERN_PSEUDONYM_H
#define POSTERN_PSEUDONYM_H

#include <postern/api.h>
#include <postern/buf.h>
#include <postern/conf.h>
#include <postern/err.h>
#include <postern/span.h>
#include <stddef.h>

#define PST_PSEUDONYM_KEY_MIN	16	/* 128 bits */
#define PST_PSEUDONYM_KEY_MAX	256

struct pst_pseudonym {
	enum pst_pseudonymize mode;
	size_t	keylen;
	unsigned char key[PST_PSEUDONYM_KEY_MAX];
};

PST_BEGIN_DECLS
/*
 * pst_pseudonym_load - the mode from c, and the key from c->key_path
 * when the mode is not "no"; PST_INVAL with the reason in why[len]
 */
PST_API enum pst_err pst_pseudonym_load(const struct pst_conf *c,
					struct pst_pseudonym *p,
					char *why, size_t len);
/*
 * pst_pseudonym_write - addr as the mode says (as is, h:HEX@domain or
 * h:HEX), escaped for a log line (json = 0) or as a JSON string
 * (json = 1), appended to out
 */
PST_API enum pst_err pst_pseudonym_write(const struct pst_pseudonym *p,
					 struct pst_span addr, int json,
					 struct pst_buf *out);
PST_END_DECLS

#endif
