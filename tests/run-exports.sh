#!/bin/sh
# run-exports.sh - the shared library exports exactly tests/exports.txt
lib="$top_builddir/.libs/libpostern.so"
if [ ! -f "$lib" ]; then
	echo "run-exports: $lib not built" >&2
	exit 1
fi
got=$(nm -D --defined-only "$lib" | awk '$2 ~ /^[TDBR]$/ {print $3}' | sort)
want=$(sort "$top_srcdir/tests/exports.txt")
if [ "$got" != "$want" ]; then
	echo "run-exports: exported symbols differ from tests/exports.txt:"
	printf '%s\n' "$want" > /tmp/pst-exports-want.$$
	printf '%s\n' "$got" | diff /tmp/pst-exports-want.$$ - 
	rm -f /tmp/pst-exports-want.$$
	exit 1
fi
echo "run-exports: $(printf '%s\n' "$got" | wc -l) symbols, as documented"
