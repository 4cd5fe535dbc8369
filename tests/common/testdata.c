/*
 * NAME
 *	testdata.c - helpers shared by the test runners and benchmarks
 * SYNOPSIS
 *	#include "testdata.h"
 * LICENSE
 *	MIT
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "testdata.h"

char   *
test_unhex(const char *hex, size_t *len)
{
	size_t	n = strlen(hex);
	char   *out;
	size_t	i;

	if (n % 2 != 0 || (out = malloc(n / 2 + 1)) == NULL)
		return (NULL);
	for (i = 0; i < n / 2; i++) {
		unsigned v;

		if (sscanf(hex + 2 * i, "%2x", &v) != 1) {
			free(out);
			return (NULL);
		}
		out[i] = (char) v;
	}
	out[n / 2] = 0;
	*len = n / 2;
	return (out);
}

/* b64val - value of a base64 digit, -1 otherwise */
static int
b64val(char c)
{
	if (c >= 'A' && c <= 'Z')
		return (c - 'A');
	if (c >= 'a' && c <= 'z')
		return (c - 'a' + 26);
	if (c >= '0' && c <= '9')
		return (c - '0' + 52);
	return (c == '+' ? 62 : c == '/' ? 63 : -1);
}

char   *
test_unbase64(const char *b64, size_t *len)
{
	size_t	n = strlen(b64);
	char   *out = malloc(n / 4 * 3 + 3);
	size_t	o = 0;
	unsigned acc = 0;
	int	bits = 0;
	size_t	i;

	if (out == NULL)
		return (NULL);
	for (i = 0; i < n && b64[i] != '='; i++) {
		int	v = b64val(b64[i]);

		if (v < 0) {
			free(out);
			return (NULL);
		}
		acc = (acc << 6) | (unsigned) v;
		if ((bits += 6) >= 8) {
			bits -= 8;
			out[o++] = (char) ((acc >> bits) & 0xff);
		}
	}
	out[o] = 0;
	*len = o;
	return (out);
}

/* put_utf8 - encode one code point */
static size_t
put_utf8(unsigned long cp, char *o)
{
	if (cp < 0x80) {
		o[0] = (char) cp;
		return (1);
	}
	if (cp < 0x800) {
		o[0] = (char) (0xc0 | (cp >> 6));
		o[1] = (char) (0x80 | (cp & 0x3f));
		return (2);
	}
	if (cp < 0x10000) {
		o[0] = (char) (0xe0 | (cp >> 12));
		o[1] = (char) (0x80 | ((cp >> 6) & 0x3f));
		o[2] = (char) (0x80 | (cp & 0x3f));
		return (3);
	}
	o[0] = (char) (0xf0 | (cp >> 18));
	o[1] = (char) (0x80 | ((cp >> 12) & 0x3f));
	o[2] = (char) (0x80 | ((cp >> 6) & 0x3f));
	o[3] = (char) (0x80 | (cp & 0x3f));
	return (4);
}

char   *
test_json_bytes(const char *line, size_t n, const char *key, size_t *len)
{
	char	pat[64];
	const char *p;
	const char *end = line + n;
	char   *out;
	size_t	o = 0;

	snprintf(pat, sizeof(pat), "\"%s\": \"", key);
	if ((p = strstr(line, pat)) == NULL || p >= end)
		return (NULL);
	p += strlen(pat);
	if ((out = malloc((size_t) (end - p) + 1)) == NULL)
		return (NULL);
	while (p < end && *p != '"') {
		unsigned long cp;

		if (*p != '\\') {
			out[o++] = *p++;
			continue;
		}
		if (++p >= end)
			break;
		switch (*p) {
		case 'n': out[o++] = '\n'; p++; break;
		case 'r': out[o++] = '\r'; p++; break;
		case 't': out[o++] = '\t'; p++; break;
		case 'b': out[o++] = '\b'; p++; break;
		case 'f': out[o++] = '\f'; p++; break;
		case 'u':
			if (end - p < 5 || sscanf(p + 1, "%4lx", &cp) != 1)
				goto bad;
			p += 5;
			if (cp >= 0xd800 && cp < 0xdc00 && end - p >= 6
			    && p[0] == '\\' && p[1] == 'u') {
				unsigned long lo;

				if (sscanf(p + 2, "%4lx", &lo) != 1)
					goto bad;
				cp = 0x10000 + ((cp - 0xd800) << 10)
					+ (lo - 0xdc00);
				p += 6;
			}
			o += put_utf8(cp, out + o);
			break;
		default:
			out[o++] = *p++;
		}
	}
	if (p >= end)
		goto bad;
	out[o] = 0;
	*len = o;
	return (out);
bad:
	free(out);
	return (NULL);
}

double
test_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (ts.tv_sec + ts.tv_nsec / 1e9);
}
