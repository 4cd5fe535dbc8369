#!/bin/sh
# run-headers.sh - every installed header compiles alone, in C and C++
cd "$top_srcdir/common" || exit 1
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
status=0
for h in postern/*.h; do
	printf '#include <%s>\nint pst_header_test_dummy;\n' "$h" > "$tmp/t.c"
	if ! ${CC:-cc} -std=c99 -Wall -Wextra -Werror -pedantic -I. -c \
		"$tmp/t.c" -o "$tmp/t.o"; then
		echo "run-headers: $h does not compile alone as C99"; status=1
	fi
	if command -v c++ >/dev/null 2>&1; then
		cp "$tmp/t.c" "$tmp/t.cc"
		if ! c++ -Wall -Wextra -Werror -I. -c "$tmp/t.cc" -o "$tmp/t.o"
		then
			echo "run-headers: $h does not compile as C++"; status=1
		fi
	fi
done
[ $status -eq 0 ] && echo "run-headers: $(ls postern/*.h | wc -l) headers stand alone"
exit $status
