#!/bin/sh
# run-valgrind.sh - the deterministic tests under valgrind, leaks fatal
# (make check-valgrind sets VALGRIND and the paths). valgrind exits 99 on
# any error or definite/indirect leak, which fails the step.
set -e
export VALGRIND CK_FORK=no
log=$(mktemp)
trap 'rm -f "$log"' EXIT

run() {	# run NAME COMMAND...: run it, show its summary line, fail loudly
	name=$1
	shift
	if ! "$@" >"$log" 2>&1; then
		echo "valgrind: $name FAILED"
		tail -40 "$log"
		exit 1
	fi
	echo "valgrind: $name: $(grep -E 'passed|Checks' "$log" | tail -1)"
}

run unit $VALGRIND "$top_builddir/tests/unit/check_postern"
run vectors sh "$top_srcdir/tests/vectors/run-vectors.sh"
run replay-addr sh "$top_srcdir/tests/fuzz/replay-addr.sh"
run replay-esmtp sh "$top_srcdir/tests/fuzz/replay-esmtp.sh"
run corpus sh "$top_srcdir/tests/corpus/run-corpus.sh"
run replay-received sh "$top_srcdir/tests/fuzz/replay-received.sh"
run replay-rules sh "$top_srcdir/tests/fuzz/replay-rules.sh"
run replay-policy sh "$top_srcdir/tests/fuzz/replay-policy.sh"
POSTERN="$VALGRIND $top_builddir/cli/.libs/postern"
LD_LIBRARY_PATH="$top_builddir/.libs"
export POSTERN LD_LIBRARY_PATH
run cli sh "$top_srcdir/tests/cli/test-envelope.sh"
run cli-trace sh "$top_srcdir/tests/cli/test-trace.sh"
run cli-explain sh "$top_srcdir/tests/cli/test-explain.sh"
run rules sh "$top_srcdir/tests/rules/run-rules.sh"
POLICYD="$VALGRIND $top_builddir/policyd/postern-policyd"
export POLICYD
run policyd bash "$top_srcdir/tests/policyd/test-policyd.sh"
if [ -x "$top_builddir/milter/postern-milter" ] && [ "$(id -u)" = 0 ] \
    && command -v postfix >/dev/null; then
	MILTER="$VALGRIND $top_builddir/milter/postern-milter"
	export MILTER
	run milter bash "$top_srcdir/tests/integration/test-milter-postfix.sh"
fi
if [ -x "$top_builddir/milter/postern-milter" ] \
    && command -v miltertest >/dev/null; then
	MILTER="$VALGRIND $top_builddir/milter/postern-milter"
	export MILTER
	run miltertest sh "$top_srcdir/tests/milter/test-miltertest.sh"
fi
echo "valgrind: clean"
