#!/bin/sh
# run-units.sh - the systemd units as built (packaging/systemd/*.service,
# made from their .in by make) pass systemd-analyze verify without a
# word: every key known, every command executable (the installed paths
# are pointed at the binaries just built). Skips (77) without
# systemd-analyze.
top_srcdir=${top_srcdir:-$(cd "$(dirname "$0")/.." && pwd)}
top_builddir=${top_builddir:-$top_srcdir}
if ! command -v systemd-analyze >/dev/null; then
	echo "SKIP: needs systemd-analyze"
	exit 77
fi
T=$(mktemp -d /tmp/postern-units.XXXXXX)
trap 'rm -rf "$T"' EXIT
mkdir "$T/sbin"
ln -s "$top_builddir/policyd/postern-policyd" "$T/sbin/"
ln -s "$top_builddir/milter/postern-milter" "$T/sbin/"
pass=0
fail=0
for u in "$top_builddir"/packaging/systemd/*.service; do
	[ -f "$u" ] || continue
	name=${u##*/}
	sed -E "s#=[^ =]*/(postern-(policyd|milter)) #=$T/sbin/\1 #" "$u" \
		> "$T/$name"
	out=$(systemd-analyze verify --man=no "$T/$name" 2>&1)
	rc=$?
	if [ "$rc" = 0 ] && [ -z "$out" ] \
	    && grep -q "^ExecStart=$T/sbin/postern-" "$T/$name"; then
		pass=$((pass + 1)); echo "ok   $name"
	else
		fail=$((fail + 1)); echo "FAIL $name: $out"
	fi
done
[ $((pass + fail)) -gt 0 ] || { fail=1; echo "FAIL no units built"; }
echo "$pass passed, $fail failed"
[ "$fail" = 0 ]
