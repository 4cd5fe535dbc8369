/*
 * NAME
 *	readfile.c - read a whole configuration file, bounded
 * SUMMARY
 *	one reader for rule files and postern.conf
 * SYNOPSIS
 *	#include "readfile.h"
 * LICENSE
 *	MIT
 */
#include "config.h"

#include <stdio.h>

#include "alloc.h"
#include "readfile.h"

enum pst_err
pst_read_file(const char *path, size_t max, char **out, size_t *len)
{
	FILE   *fp = fopen(path, "rb");
	size_t	cap = 16 * 1024;
	size_t	n = 0;
	char   *buf;
	enum pst_err e = PST_OK;

	*out = NULL;
	*len = 0;
	if (fp == NULL)
		return (PST_INVAL);
	buf = pst_malloc(cap);
	while (buf != NULL) {
		char   *nb;

		n += fread(buf + n, 1, cap - n, fp);
		if (n < cap)
			break;
		if (cap > max) {
			e = PST_TOOBIG;
			break;
		}
		if ((nb = pst_realloc(buf, cap * 2)) == NULL) {
			e = PST_NOMEM;
			break;
		}
		buf = nb;
		cap *= 2;
	}
	if (buf == NULL)
		e = PST_NOMEM;
	else if (e == PST_OK && ferror(fp))
		e = PST_INVAL;
	else if (e == PST_OK && n > max)
		e = PST_TOOBIG;
	fclose(fp);
	if (e != PST_OK) {
		pst_free(buf);
		return (e);
	}
	*out = buf;
	*len = n;
	return (PST_OK);
}
