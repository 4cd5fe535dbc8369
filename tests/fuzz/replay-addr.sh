#!/bin/sh
# replay-addr.sh - replay the addr fuzz corpus in a normal build (make check)
exec ${VALGRIND:-} "$top_builddir/tests/fuzz/replay-addr" \
	"$top_srcdir/tests/fuzz/corpus/addr" 2>/dev/null
