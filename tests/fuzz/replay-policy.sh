#!/bin/sh
# replay-policy.sh - replay the policy request fuzz corpus
exec ${VALGRIND:-} "$top_builddir/tests/fuzz/replay-policy" \
	"$top_srcdir/tests/fuzz/corpus/policy" 2>/dev/null
