#!/bin/sh
# test-explain.sh - "postern explain": why each rule matched, and a policy
# request on stdin answered as postern-policyd answers it
POSTERN=${POSTERN:-"$top_builddir/cli/postern"}
rules="$top_srcdir/tests/rules/example.rules"
. "$top_srcdir/tests/cli/lib.sh"

expect why-match 0 \
	'because sender="" == "" (true), and rcpt.count=2 > 1 (true)' -- \
	explain "$rules" --stage rcpt sender='<>' recipient=a@example.org \
	rcpt_count=2
expect why-no-match 0 'because sender="" == "" (true), and rcpt.count=1 > 1 (false)' \
	-- explain "$rules" --stage rcpt sender='<>' recipient=a@example.org \
	rcpt_count=1
expect why-regex 0 'because helo="MyBox.LOCAL" ~ regex (true)' -- \
	explain "$rules" --stage helo helo=MyBox.LOCAL
expect why-list 0 'because client.ip="192.0.2.77" in list (true)' -- \
	explain "$rules" --stage connect client.ip=192.0.2.77
expect why-escaped 0 'helo="a\x20b\x0ac" ~ regex (false)' -- \
	explain "$rules" --stage helo "helo=a b
c"

req=$(mktemp)
srv=$(mktemp)
trap 'rm -f "$req" "$srv"' EXIT
# server.ip and server.port, by rule name or policy attribute name
printf 'name=submission connect server.port == 587 and server.ip in [192.0.2.0/24] -> reject 554 5.7.1 "x"\n' > "$srv"
expect why-server 0 \
	'because server.port=587 == 587 (true), and server.ip="192.0.2.25" in list (true)' \
	-- explain "$srv" --stage connect server_port=587 server.ip=192.0.2.25
expect why-server-unknown 0 'server.port=(unknown) == 587 (false)' -- \
	explain "$srv" --stage connect server.ip=192.0.2.25

# --policy: a RCPT request runs connect, helo, mail and rcpt rules, as
# postern-policyd does; the connect rule decides here
printf 'request=smtpd_access_policy\nprotocol_state=RCPT\nclient_address=192.0.2.5\nhelo_name=mx.example.com\nsender=a@example.org\nrecipient=b@example.org\ninstance=1\n\n' > "$req"
out=$($POSTERN explain "$rules" --policy < "$req" 2>&1)
case $out in
*"as postern-policyd, rcpt stage:"*"line 5, blocked): matched"*"action=554 5.7.1 Access denied"*)
	pass=$((pass + 1)) ;;
*)	fail=$((fail + 1)); echo "FAIL policy-cumulative:"; echo "$out" ;;
esac
printf 'request=junk\n\n' > "$req"
out=$($POSTERN explain "$rules" --policy < "$req" 2>&1)
status=$?
if [ "$status" != 0 ]; then
	case $out in
	*"not a request=smtpd_access_policy request"*) pass=$((pass + 1)) ;;
	*) fail=$((fail + 1)); echo "FAIL policy-refused: $out" ;;
	esac
else
	fail=$((fail + 1)); echo "FAIL policy-refused: exit 0"
fi
echo "$pass passed, $fail failed"
[ "$fail" = 0 ]
