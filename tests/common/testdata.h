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

/* test_unbase64 - decode base64 into a new buffer; NULL if malformed */
char   *test_unbase64(const char *b64, size_t *len);
/*
 * test_json_bytes - the exact bytes of the string member "key" of the
 * one-line JSON object line[0..n), escapes (\u0000 and surrogate
 * pairs included) decoded to UTF-8; NULL when absent or malformed.
 */
char   *test_json_bytes(const char *line, size_t n, const char *key,
			size_t *len);

/* test_now - monotonic seconds, for the benchmarks */
double	test_now(void);

#endif
