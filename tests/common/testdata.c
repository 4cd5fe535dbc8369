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
