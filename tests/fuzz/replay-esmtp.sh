#!/bin/sh
# replay-esmtp.sh - replay the esmtp fuzz corpus in a normal build (make check)
exec ${VALGRIND:-} "$top_builddir/tests/fuzz/replay-esmtp" \
	"$top_srcdir/tests/fuzz/corpus/esmtp" 2>/dev/null
