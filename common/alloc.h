/*
 * NAME
 *	alloc.h - libpostern's one allocation path (internal)
 * DESCRIPTION
 *	All allocation goes through pst_malloc()/pst_realloc(), so a
 *	test can make the N-th call fail (pst_alloc_fail_at()) and check
 *	that every API returns a clean PST_NOMEM and leaks nothing.
 * LICENSE
 *	MIT
 */
#ifndef POSTERN_ALLOC_H
#define POSTERN_ALLOC_H

#include <stddef.h>

void   *pst_malloc(size_t n);
void   *pst_realloc(void *p, size_t n);
void	pst_free(void *p);
/* pst_alloc_fail_at - fail the n-th call from now (1 = next); 0 = off */
void	pst_alloc_fail_at(unsigned long n);

#endif
