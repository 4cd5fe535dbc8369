/*
 * NAME
 *	testdata.h - helpers shared by the test runners and benchmarks
 * LICENSE
 *	MIT
 */
#ifndef POSTERN_TESTDATA_H
#define POSTERN_TESTDATA_H

#include <stddef.h>

/*
 * test_unhex - decode a hex string (the *_hex fields of the shared
 * vectors) into a new NUL-terminated buffer; NULL on bad hex or OOM.
 */
char   *test_unhex(const char *hex, size_t *len);

#endif
