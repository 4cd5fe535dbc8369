/*
 * NAME
 *	cli_io.c - whole-input reading for the postern subcommands
 * SUMMARY
 *	read a file or standard input into memory, bounded
 * SYNOPSIS
 *	#include "cli.h"
 *
 *	char *cli_read_file(const char *path, size_t max, size_t *len,
 *			    int *too_big);
 * DESCRIPTION
 *	"-" is standard input. The buffer grows as input arrives (no
 *	up-front allocation of the maximum), is NUL-terminated, and is
 *	refused whole when the input exceeds max: nothing is silently cut.
 *	The caller frees it.
 * LICENSE
 *	MIT
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

char   *
cli_read_file(const char *path, size_t max, size_t *len, int *too_big)
{
	FILE   *fp = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
	size_t	cap = 64 * 1024;
	size_t	n = 0;
	char   *buf;

	*too_big = 0;
	if (fp == NULL)
		return (NULL);
	buf = malloc(cap + 1);
	while (buf != NULL) {
		size_t	got = fread(buf + n, 1, cap - n, fp);

		n += got;
		if (n < cap)
			break;
		if (cap >= max) {
			*too_big = 1;
			free(buf);
			buf = NULL;
			break;
		}
		{
			char   *nb = realloc(buf, cap * 2 + 1);

			if (nb == NULL) {
				free(buf);
				buf = NULL;
				break;
			}
			buf = nb;
			cap *= 2;
		}
	}
	if (buf != NULL && (ferror(fp) || n > max)) {
		*too_big = n > max;
		free(buf);
		buf = NULL;
	}
	if (fp != stdin)
		fclose(fp);
	if (buf != NULL) {
		buf[n] = 0;
		*len = n;
	}
	return (buf);
}
