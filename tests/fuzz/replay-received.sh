#!/bin/sh
# replay-received.sh - replay the received fuzz corpus in a normal build
exec ${VALGRIND:-} "$top_builddir/tests/fuzz/replay-received" \
	"$top_srcdir/tests/fuzz/corpus/received" 2>/dev/null
