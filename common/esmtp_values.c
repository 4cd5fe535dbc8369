/*
 * NAME
 *	esmtp_values.c - MAIL and RCPT parameter values
 * SUMMARY
 *	SIZE BODY RET ENVID AUTH BY MT-PRIORITY NOTIFY ORCPT
 * SYNOPSIS
 *	#include "esmtp_values.h"
 * DESCRIPTION
 *	Each parser implements its RFC's value grammar exactly and
 *	decodes the value into struct pst_esmtp_params. Numbers are
 *	checked for overflow before they are stored. The SIZE verdict
 *	(too big, overflow) is deferred, because RFC 1870 6.1 makes it a
 *	552 that only matters once the rest of the command is sound.
 * SEE ALSO
 *	RFC 1870 3, 6.1; RFC 6152 2; RFC 3030 3; RFC 3461 4.1-4.4;
 *	RFC 4954 5; RFC 2852 4; RFC 6710 3; RFC 6533 3
 * LICENSE
 *	MIT
 */
#include "config.h"

#include <string.h>

#include <postern/esmtp.h>
#include <postern/xtext.h>

#include "esmtp_values.h"

#define IS_DIGIT(c)	((c) >= '0' && (c) <= '9')

/* printable - 1 if every octet is printable US-ASCII (32-126) */
static int
printable(const char *s, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++)
		if ((unsigned char) s[i] < 32 || (unsigned char) s[i] > 126)
			return (0);
	return (1);
}

/* pst_param_size - RFC 1870: size-value = 1*20DIGIT */
enum pst_err
pst_param_size(struct pst_span v, struct param_ctx *pc)
{
	uint64_t n = 0;
	size_t	i;
	int	overflow = 0;

	if (v.len > PST_MAX_SIZE_DIGITS)
		return (PST_SIZE_SYNTAX);
	for (i = 0; i < v.len; i++) {
		unsigned d;

		if (!IS_DIGIT(v.ptr[i]))
			return (PST_SIZE_SYNTAX);
		d = (unsigned) (v.ptr[i] - '0');
		if (n > (UINT64_MAX - d) / 10)
			overflow = 1;
		else
			n = n * 10 + d;
	}
	pc->p->size = overflow ? UINT64_MAX : n;
	if (overflow)
		pc->deferred = PST_SIZE_OVERFLOW;
	else if (pc->ehlo->max_size != 0 && n > pc->ehlo->max_size)
		pc->deferred = PST_SIZE_TOO_BIG;
	return (PST_OK);
}

/*
 * pst_param_body - 7BIT / 8BITMIME (RFC 6152), BINARYMIME only when
 * BINARYMIME and CHUNKING are both offered (RFC 3030 3).
 */
enum pst_err
pst_param_body(struct pst_span v, struct param_ctx *pc)
{
	unsigned ext = pc->ehlo->ext;

	if (pst_span_eq_nocase(v, "7BIT"))
		pc->p->body = PST_BODY_7BIT;
	else if (pst_span_eq_nocase(v, "8BITMIME")
		 && (ext & PST_EXT(8BITMIME)))
		pc->p->body = PST_BODY_8BITMIME;
	else if (pst_span_eq_nocase(v, "BINARYMIME")
		 && (ext & PST_EXT(BINARYMIME)) && (ext & PST_EXT(CHUNKING)))
		pc->p->body = PST_BODY_BINARYMIME;
	else
		return (PST_BODY_UNSUPPORTED);
	return (PST_OK);
}

/* pst_param_ret - RFC 3461 4.3: "FULL" / "HDRS" */
enum pst_err
pst_param_ret(struct pst_span v, struct param_ctx *pc)
{
	if (pst_span_eq_nocase(v, "FULL"))
		pc->p->ret = PST_RET_FULL;
	else if (pst_span_eq_nocase(v, "HDRS"))
		pc->p->ret = PST_RET_HDRS;
	else
		return (PST_DSN_SYNTAX);
	return (PST_OK);
}

/* pst_param_envid - RFC 3461 4.4: xtext, <= 100, printable US-ASCII */
enum pst_err
pst_param_envid(struct pst_span v, struct param_ctx *pc)
{
	enum pst_err e;

	if (v.len > PST_MAX_ENVID)
		return (PST_DSN_SYNTAX);
	e = pst_xtext_decode(v, 0, pc->p->envid, PST_MAX_ENVID,
			     &pc->p->envid_len);
	if (e != PST_OK)
		return (PST_XTEXT_MALFORMED);
	pc->p->envid[pc->p->envid_len] = 0;
	if (!printable(pc->p->envid, pc->p->envid_len))
		return (PST_XTEXT_MALFORMED);
	return (PST_OK);
}

/* pst_param_auth - RFC 4954 5: AUTH=<> or AUTH=xtext(addr-spec) */
enum pst_err
pst_param_auth(struct pst_span v, struct param_ctx *pc)
{
	struct pst_addr a;
	struct pst_esmtp_params *p = pc->p;
	enum pst_err e;

	if (pst_xtext_decode(v, 0, p->auth, PST_MAX_AUTH_PARAM,
			     &p->auth_len) != PST_OK)
		return (PST_XTEXT_MALFORMED);
	p->auth[p->auth_len] = 0;
	if (p->auth_len == 2 && memcmp(p->auth, "<>", 2) == 0)
		return (PST_OK);
	e = pst_addr_parse(pst_span_make(p->auth, p->auth_len), PST_ADDR_MAIL,
			   PST_ADDR_F_BARE, &a);
	if (e == PST_NOMEM)
		return (e);
	if (e != PST_OK || (a.flags & PST_ADDR_NULL))
		return (PST_AUTH_SYNTAX);
	return (PST_OK);
}

/*
 * pst_param_by - RFC 2852 4: by-value = by-time ";" by-mode [by-trace]
 *	by-time = ["-" / "+"] 1*9DIGIT; by-mode = "N" / "R"; by-trace = "T"
 * and "R" needs a positive time.
 */
enum pst_err
pst_param_by(struct pst_span v, struct param_ctx *pc)
{
	size_t	i = 0;
	size_t	digits;
	long	t = 0;
	int	neg = 0;
	char	mode;

	if (i < v.len && (v.ptr[i] == '-' || v.ptr[i] == '+'))
		neg = v.ptr[i++] == '-';
	for (digits = 0; i < v.len && IS_DIGIT(v.ptr[i]); i++, digits++) {
		if (digits >= PST_MAX_BY_DIGITS)
			return (PST_BY_SYNTAX);
		t = t * 10 + (v.ptr[i] - '0');
	}
	if (digits == 0 || i >= v.len || v.ptr[i] != ';' || ++i >= v.len)
		return (PST_BY_SYNTAX);
	mode = v.ptr[i++];
	if (mode == 'n' || mode == 'r')
		mode = (char) (mode - 32);
	if (mode != 'N' && mode != 'R')
		return (PST_BY_SYNTAX);
	pc->p->by_trace = 0;
	if (i < v.len && (v.ptr[i] == 'T' || v.ptr[i] == 't')) {
		pc->p->by_trace = 1;
		i++;
	}
	if (i != v.len)
		return (PST_BY_SYNTAX);
	if (neg)
		t = -t;
	if (mode == 'R' && t <= 0)
		return (PST_BY_SYNTAX);
	pc->p->by_time = t;
	pc->p->by_mode = mode;
	return (PST_OK);
}

/* pst_param_priority - RFC 6710 3: priority-value = ["-" / "+"] DIGIT */
enum pst_err
pst_param_priority(struct pst_span v, struct param_ctx *pc)
{
	size_t	i = 0;
	int	neg = 0;

	if (v.len > 0 && (v.ptr[0] == '-' || v.ptr[0] == '+'))
		neg = v.ptr[i++] == '-';
	if (v.len != i + 1 || !IS_DIGIT(v.ptr[i]))
		return (PST_PRIORITY_SYNTAX);
	pc->p->mt_priority = (v.ptr[i] - '0') * (neg ? -1 : 1);
	return (PST_OK);
}

/*
 * pst_param_notify - RFC 3461 4.1: "NEVER" alone, or a comma list of
 * SUCCESS, FAILURE, DELAY (any case; empty list elements are allowed
 * as in RFC 822 2.7 lists; a repeated element is harmless).
 */
enum pst_err
pst_param_notify(struct pst_span v, struct param_ctx *pc)
{
	size_t	i = 0;
	unsigned mask = 0;
	int	never = 0;
	int	words = 0;

	while (i <= v.len) {
		size_t	j = i;
		struct pst_span w;

		while (j < v.len && v.ptr[j] != ',')
			j++;
		w = pst_span_make(v.ptr + i, j - i);
		if (w.len > 0) {
			words++;
			if (pst_span_eq_nocase(w, "NEVER"))
				never++;
			else if (pst_span_eq_nocase(w, "SUCCESS"))
				mask |= PST_NOTIFY_SUCCESS;
			else if (pst_span_eq_nocase(w, "FAILURE"))
				mask |= PST_NOTIFY_FAILURE;
			else if (pst_span_eq_nocase(w, "DELAY"))
				mask |= PST_NOTIFY_DELAY;
			else
				return (PST_DSN_SYNTAX);
		}
		i = j + 1;
	}
	if (words == 0)
		return (PST_DSN_SYNTAX);
	if (never && words > 1)
		return (PST_NOTIFY_NEVER_COMBINED);
	pc->p->notify = never ? PST_NOTIFY_NEVER : mask;
	return (PST_OK);
}

/*
 * pst_param_orcpt - RFC 3461 4.2: addr-type ";" xtext, at most 500
 * characters; addr-type registered (rfc822, x400, utf-8 RFC 6533),
 * the decoded address printable (UTF-8 too for utf-8 under SMTPUTF8).
 */
enum pst_err
pst_param_orcpt(struct pst_span v, struct param_ctx *pc)
{
	struct pst_esmtp_params *p = pc->p;
	struct pst_span type;
	size_t	semi;
	size_t	i;
	int	utf8;

	if (v.len > PST_MAX_ORCPT)
		return (PST_DSN_SYNTAX);
	for (semi = 0; semi < v.len && v.ptr[semi] != ';'; semi++)
		 /* void */ ;
	if (semi >= v.len)
		return (PST_DSN_SYNTAX);
	type = pst_span_make(v.ptr, semi);
	utf8 = pst_span_eq_nocase(type, "utf-8");
	if (!utf8 && !pst_span_eq_nocase(type, "rfc822")
	    && !pst_span_eq_nocase(type, "x400"))
		return (PST_DSN_SYNTAX);
	memcpy(p->orcpt_type, type.ptr, type.len);
	p->orcpt_type[type.len] = 0;
	if (pst_xtext_decode(pst_span_make(v.ptr + semi + 1, v.len - semi - 1),
			     utf8 && pc->smtputf8, p->orcpt, PST_MAX_ORCPT,
			     &p->orcpt_len) != PST_OK)
		return (PST_XTEXT_MALFORMED);
	p->orcpt[p->orcpt_len] = 0;
	if (p->orcpt_len == 0)
		return (PST_DSN_SYNTAX);
	for (i = 0; i < p->orcpt_len; i++) {
		unsigned char c = (unsigned char) p->orcpt[i];

		if (c < 32 || c == 127 || (c > 127 && !(utf8 && pc->smtputf8)))
			return (PST_XTEXT_MALFORMED);
	}
	return (PST_OK);
}
