#!/bin/sh
# run-valgrind.sh - the deterministic tests under valgrind, leaks fatal
# (make check-valgrind sets VALGRIND and the paths)
set -e
export VALGRIND CK_FORK=no
$VALGRIND "$top_builddir/tests/unit/check_postern"
sh "$top_srcdir/tests/vectors/run-vectors.sh" | tail -1
sh "$top_srcdir/tests/fuzz/replay-addr.sh" | tail -1
sh "$top_srcdir/tests/fuzz/replay-esmtp.sh" | tail -1
POSTERN="$VALGRIND $top_builddir/cli/.libs/postern" \
	LD_LIBRARY_PATH="$top_builddir/.libs" \
	sh "$top_srcdir/tests/cli/test-envelope.sh" | tail -1
echo "valgrind: clean"
