/*
 * NAME
 *	err.c - expansions of the error table
 * SUMMARY
 *	pst_errname(), pst_strerror(), default reply code and status
 * SYNOPSIS
 *	#include <postern/err.h>
 * DESCRIPTION
 *	Every function here is an expansion of PST_ERR_MAP in err.h, so
 *	no name, text or code can drift from the table. An out-of-range
 *	value gets "unknown-error" rather than undefined behaviour.
 * LICENSE
 *	MIT
 */
#include "config.h"

#include <stddef.h>
#include <string.h>

#include <postern/postern.h>

struct err_row {
	const char *tag;
	const char *text;
	const char *status;
	int	code;
};

static const struct err_row err_rows[] = {
#define PST_ERR_ROW_(sym, code, status, tag, text) \
	{ tag, text, status, code },
	PST_ERR_MAP(PST_ERR_ROW_)
#undef PST_ERR_ROW_
};

/* row - table row for e, or NULL when out of range */
static const struct err_row *
row(enum pst_err e)
{
	if ((unsigned) e >= sizeof(err_rows) / sizeof(err_rows[0]))
		return (NULL);
	return (&err_rows[e]);
}

const char *
pst_errname(enum pst_err e)
{
	const struct err_row *r = row(e);

	return (r ? r->tag : "unknown-error");
}

const char *
pst_strerror(enum pst_err e)
{
	const struct err_row *r = row(e);

	return (r ? r->text : "unknown error");
}

int
pst_err_code(enum pst_err e)
{
	const struct err_row *r = row(e);

	return (r ? r->code : 451);
}

const char *
pst_err_status(enum pst_err e)
{
	const struct err_row *r = row(e);

	return (r ? r->status : "4.3.0");
}

enum pst_err
pst_err_from_name(const char *tag)
{
	size_t	i;

	for (i = 0; tag != NULL && i < sizeof(err_rows) / sizeof(err_rows[0]);
	     i++)
		if (strcmp(err_rows[i].tag, tag) == 0)
			return ((enum pst_err) i);
	return (PST_E__LAST);
}

/* pst_version - run-time version string */
const char *
pst_version(void)
{
	return (PST_VERSION_STRING);
}
