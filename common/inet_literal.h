/*
 * NAME
 *	inet_literal.h - RFC 5321 4.1.3 IPv4 and IPv6 address literals
 * DESCRIPTION
 *	Internal to libpostern (not installed, not exported).
 * LICENSE
 *	MIT
 */
#ifndef POSTERN_INET_LITERAL_H
#define POSTERN_INET_LITERAL_H

#include <stddef.h>

/* pst_ipv4_literal_ok - 1 if p[0..len) is IPv4-address-literal */
int	pst_ipv4_literal_ok(const char *p, size_t len);
/* pst_ipv6_literal_ok - 1 if p[0..len) is IPv6-addr (without the tag) */
int	pst_ipv6_literal_ok(const char *p, size_t len);

#endif
