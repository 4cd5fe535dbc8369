#!/bin/sh
# replay-rules.sh - replay the rule fuzz corpus and the golden rule files
exec ${VALGRIND:-} "$top_builddir/tests/fuzz/replay-rules" \
	"$top_srcdir/tests/fuzz/corpus/rules" "$top_srcdir/tests/rules" \
	2>/dev/null
