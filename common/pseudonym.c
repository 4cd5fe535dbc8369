/*
 * NAME
 *	pseudonym.c - HMAC-SHA256 pseudonyms for addresses in trace records
 * SUMMARY
 *	the deployment's key, and an address as its keyed hash
 * SYNOPSIS
 *	#include <postern/pseudonym.h>
 * DESCRIPTION
 *	See pseudonym.h. A plain hash of an address would not do: the
 *	set of plausible addresses is small enough to hash them all and
 *	look the log up; a keyed hash cannot be tested without the key.
 *	The key is read once, when a daemon starts (before it drops its
 *	privileges), and is refused when others can read it.
 * LICENSE
 *	MIT
 */
#include "config.h"

#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <postern/decision.h>
#include <postern/json.h>
#include <postern/limits.h>
#include <postern/pseudonym.h>

#include "alloc.h"
#include "readfile.h"

/* Our choice: 64 bits of the MAC, 16 hex digits, tell 4 billion
 * addresses apart before a collision is even likely (birthday bound). */
#define PSEUDONYM_BYTES	8

enum pst_err
pst_pseudonym_load(const struct pst_conf *c, struct pst_pseudonym *p,
		   char *why, size_t len)
{
	struct stat st;
	char   *buf = NULL;
	size_t	n = 0;
	enum pst_err e;

	memset(p, 0, sizeof(*p));
	p->mode = c->trace_pseudonymize;
	if (p->mode == PST_PSEUDONYMIZE_NO)
		return (PST_OK);
	if (stat(c->key_path, &st) < 0
	    || (e = pst_read_file(c->key_path, 4096, &buf, &n)) != PST_OK) {
		snprintf(why, len, "trace_hmac_key_file: cannot read %s",
			 c->key_path);
		return (PST_INVAL);
	}
	if (st.st_mode & S_IROTH) {
		snprintf(why, len, "trace_hmac_key_file: %s is readable by "
			 "others (chmod o-r)", c->key_path);
		pst_free(buf);
		return (PST_INVAL);
	}
	while (n > 0 && (buf[n - 1] == '\n' || buf[n - 1] == '\r'
			 || buf[n - 1] == ' ' || buf[n - 1] == '\t'))
		n--;
	if (n < PST_PSEUDONYM_KEY_MIN || n > PST_PSEUDONYM_KEY_MAX) {
		snprintf(why, len, "trace_hmac_key_file: %s holds %zu bytes; "
			 "a key is %d to %d (openssl rand -hex 32)",
			 c->key_path, n, PST_PSEUDONYM_KEY_MIN,
			 PST_PSEUDONYM_KEY_MAX);
		pst_free(buf);
		return (PST_INVAL);
	}
	memcpy(p->key, buf, n);
	p->keylen = n;
	memset(buf, 0, n);
	pst_free(buf);
	return (PST_OK);
}

/* mac_hex - "h:" and the first PSEUDONYM_BYTES of the MAC of addr */
static int
mac_hex(const struct pst_pseudonym *p, struct pst_span addr, char *out)
{
	static const char hex[] = "0123456789abcdef";
	unsigned char lower[PST_MAX_PATH];
	unsigned char md[EVP_MAX_MD_SIZE];
	unsigned int mdlen = 0;
	size_t	i;

	if (addr.len > sizeof(lower))
		addr.len = sizeof(lower);	/* longer is not a path */
	for (i = 0; i < addr.len; i++)
		lower[i] = (unsigned char) (addr.ptr[i] >= 'A'
					    && addr.ptr[i] <= 'Z' ?
					    addr.ptr[i] | 0x20 : addr.ptr[i]);
	if (HMAC(EVP_sha256(), p->key, (int) p->keylen, lower, addr.len, md,
		 &mdlen) == NULL || mdlen < PSEUDONYM_BYTES)
		return (-1);
	out[0] = 'h';
	out[1] = ':';
	for (i = 0; i < PSEUDONYM_BYTES; i++) {
		out[2 + 2 * i] = hex[md[i] >> 4];
		out[3 + 2 * i] = hex[md[i] & 15];
	}
	out[2 + 2 * PSEUDONYM_BYTES] = 0;
	return (0);
}

enum pst_err
pst_pseudonym_write(const struct pst_pseudonym *p, struct pst_span addr,
		    int json, struct pst_buf *out)
{
	char	name[PST_MAX_PATH + 2 * PSEUDONYM_BYTES + 4];
	const char *at = NULL;
	size_t	i;
	int	n;

	if (p == NULL || p->mode == PST_PSEUDONYMIZE_NO || addr.len == 0)
		return (json ? pst_json_string(out, addr) :
			pst_log_escape(out, addr));
	for (i = addr.len; i > 0 && at == NULL; i--)
		if (addr.ptr[i - 1] == '@')
			at = addr.ptr + i - 1;
	if (mac_hex(p, addr, name) < 0)
		return (PST_NOMEM);
	if (p->mode == PST_PSEUDONYMIZE_LOCAL_PART && at != NULL) {
		n = snprintf(name + 2 + 2 * PSEUDONYM_BYTES,
			     sizeof(name) - 2 - 2 * PSEUDONYM_BYTES, "%.*s",
			     (int) (addr.ptr + addr.len - at), at);
		if (n < 0 || (size_t) n >= sizeof(name) - 2 - 2 *
		    PSEUDONYM_BYTES)
			return (PST_TOOBIG);
	}
	return (json ? pst_json_string(out, pst_span_cstr(name)) :
		pst_log_escape(out, pst_span_cstr(name)));
}
