/*
 * NAME
 *	readfile.h - read a whole configuration file, bounded
 * SYNOPSIS
 *	#include "readfile.h"
 * LICENSE
 *	MIT
 */
#ifndef POSTERN_READFILE_H
#define POSTERN_READFILE_H

#include <stddef.h>

#include <postern/err.h>

/*
 * pst_read_file - the whole file, grown as it arrives (a reload must
 * not allocate the maximum for a file of a few lines). PST_TOOBIG past
 * max bytes, PST_INVAL when it cannot be opened or read. Free *out
 * with pst_free().
 */
enum pst_err pst_read_file(const char *path, size_t max, char **out,
			   size_t *len);

#endif
