/*
 * NAME
 *	inet_literal.c - RFC 5321 address literal grammar
 * SUMMARY
 *	IPv4 and IPv6 literal validation by the RFC 5321 ABNF
 * SYNOPSIS
 *	#include "inet_literal.h"
 * DESCRIPTION
 *	These follow RFC 5321 4.1.3, not inet_pton(3): an IPv4 literal is
 *	four Snum of one to three digits valued 0-255 (leading zeros are
 *	allowed); an IPv6 literal is IPv6-full, IPv6-comp, IPv6v4-full or
 *	IPv6v4-comp, where "::" stands for at least two groups, so
 *	"1:2:3:4:5:6:7::" is refused although inet_pton() accepts it.
 *	Input is a span; nothing is read past len.
 * SEE ALSO
 *	RFC 5321 4.1.3
 * LICENSE
 *	MIT
 */
#include "config.h"

#include <stddef.h>

#include "inet_literal.h"

/* ipv4_ok - Snum 3("." Snum), Snum = 1*3DIGIT valued 0-255 */
int
pst_ipv4_literal_ok(const char *p, size_t len)
{
	size_t	i = 0;
	int	part;

	for (part = 0; part < 4; part++) {
		unsigned value = 0;
		size_t	digits = 0;

		if (part > 0) {
			if (i >= len || p[i] != '.')
				return (0);
			i++;
		}
		while (i < len && p[i] >= '0' && p[i] <= '9' && digits < 4) {
			value = value * 10 + (unsigned) (p[i] - '0');
			digits++;
			i++;
		}
		if (digits == 0 || digits > 3 || value > 255)
			return (0);
	}
	return (i == len);
}

/* hexdig - 1 if c is a hexadecimal digit */
static int
hexdig(char c)
{
	return ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f')
		|| (c >= 'A' && c <= 'F'));
}

/*
 * pst_ipv6_literal_ok - count explicit 16-bit groups and at most one
 * "::"; an IPv4 tail counts for two groups and may only end the
 * literal.
 *
 *	IPv6-full   = IPv6-hex 7(":" IPv6-hex)
 *	IPv6-comp   = [IPv6-hex *5(":" IPv6-hex)] "::"
 *		      [IPv6-hex *5(":" IPv6-hex)]		(<= 6 groups)
 *	IPv6v4-full = IPv6-hex 5(":" IPv6-hex) ":" IPv4-address-literal
 *	IPv6v4-comp = [IPv6-hex *3(":" IPv6-hex)] "::"
 *		      [IPv6-hex *3(":" IPv6-hex) ":"] IPv4-address-literal
 */
int
pst_ipv6_literal_ok(const char *p, size_t len)
{
	size_t	i = 0;
	int	groups = 0;
	int	compressed = 0;
	int	v4 = 0;

	if (len >= 2 && p[0] == ':' && p[1] == ':') {
		compressed = 1;
		i = 2;
		if (i == len)
			return (1);
	} else if (len == 0 || p[0] == ':') {
		return (0);
	}
	for (;;) {
		size_t	start = i;
		size_t	j = i;

		/* An IPv4 tail: digits then a dot before the next colon. */
		while (j < len && p[j] != ':' && p[j] != '.')
			j++;
		if (j < len && p[j] == '.') {
			size_t	end = j;

			while (end < len && p[end] != ':')
				end++;
			if (end != len || !pst_ipv4_literal_ok(p + start,
							       len - start))
				return (0);
			v4 = 1;
			break;
		}
		while (i < len && hexdig(p[i]) && i - start < 5)
			i++;
		if (i == start || i - start > 4)
			return (0);
		groups++;
		if (groups > 8)
			return (0);
		if (i == len)
			break;
		if (p[i] != ':')
			return (0);
		i++;
		if (i < len && p[i] == ':') {
			if (compressed)
				return (0);
			compressed = 1;
			i++;
			if (i == len)
				break;
		} else if (i == len) {
			return (0);		/* trailing single colon */
		}
	}
	if (v4)
		return (compressed ? groups <= 4 : groups == 6);
	return (compressed ? groups <= 6 : groups == 8);
}
