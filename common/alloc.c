/*
 * NAME
 *	alloc.c - allocation with fault injection
 * SUMMARY
 *	pst_malloc(), pst_realloc(), pst_free()
 * DESCRIPTION
 *	A countdown set by pst_alloc_fail_at() makes exactly one future
 *	call fail, as SQLite's test_malloc.c does, so allocation failure
 *	is a tested path rather than a hope. The countdown is process
 *	wide and meant for single-threaded tests only.
 * LICENSE
 *	MIT
 */
#include "config.h"

#include <stdlib.h>

#include "alloc.h"

static unsigned long fail_countdown;

/* should_fail - consume one step of the countdown */
static int
should_fail(void)
{
	if (fail_countdown == 0)
		return (0);
	return (--fail_countdown == 0);
}

void
pst_alloc_fail_at(unsigned long n)
{
	fail_countdown = n;
}

void   *
pst_malloc(size_t n)
{
	return (should_fail() ? NULL : malloc(n ? n : 1));
}

void   *
pst_realloc(void *p, size_t n)
{
	return (should_fail() ? NULL : realloc(p, n ? n : 1));
}

void
pst_free(void *p)
{
	free(p);
}
