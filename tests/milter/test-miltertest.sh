#!/bin/sh
# test-miltertest.sh - postern-milter under miltertest (Debian package
# miltertest): scripted milter sessions for the protocol corners no MTA
# produces on demand (tests/milter/sessions.lua says which). Skips (77)
# without miltertest.
top_srcdir=${top_srcdir:-$(cd "$(dirname "$0")/../.." && pwd)}
top_builddir=${top_builddir:-$top_srcdir}
MILTER=${MILTER:-$top_builddir/milter/postern-milter}

if ! command -v miltertest >/dev/null || ! command -v "${MILTER%% *}" >/dev/null; then
	echo "SKIP: needs miltertest and postern-milter"
	exit 77
fi
T=$(mktemp -d /tmp/postern-mt.XXXXXX)
trap 'rm -rf "$T"' EXIT
cat > "$T/postern.rules" <<'EOF2'
name=ip      connect client.ip == 192.0.2.1 -> reject 554 5.7.1 "Blocked"
name=many    rcpt rcpt.count > 2 -> defer 452 4.5.3 "Too many recipients"
name=drop    rcpt recipient == "drop@example.com" -> delete-recipient
name=copy    rcpt recipient == "copy@example.com"
                 -> add-recipient <archive@example.com>
name=bounce  mail sender == "old@example.com" -> change-sender <new@example.com>
name=nosubj  header not has(Subject)
                 -> reject 554 5.6.0 "A message needs a Subject"
name=retitle header has(X-Retitle) -> change-header "Subject: [retitled]"
name=strip   header has(X-Secret) -> delete-header "X-Secret"
name=first   header has(X-First) -> insert-header "X-Postern-First: 1"
name=tag     header has(X-Tag) -> add-header "X-Postern: tagged"
name=hold    header has(X-Hold) -> hold "review"
name=big     eom size > 100 -> reject 552 5.3.4 "Too big (100% sure)"
EOF2
cat > "$T/postern.conf" <<EOF2
rules_file = postern.rules
milter_listen = unix:$T/milter.sock
log_target = stderr
EOF2
# miltertest starts the filter itself, with execv(): the first word of
# $MILTER (postern-milter, or a wrapper such as valgrind) as a full path
first=${MILTER%% *}
MILTER="$(command -v "$first")${MILTER#"$first"}"
miltertest -s "$top_srcdir/tests/milter/sessions.lua" -D "milter=$MILTER" \
	-D "dir=$T" > "$T/out" 2>"$T/err"
rc=$?
cat "$T/out"
last=$(tail -n 1 "$T/out")
case $last in
*" passed, 0 failed") [ "$rc" = 0 ] && exit 0 ;;
esac
echo "--- miltertest exit $rc; stderr:"
cat "$T/err"
case $last in *" passed, "*" failed") ;; *) echo "0 passed, 1 failed" ;; esac
exit 1
