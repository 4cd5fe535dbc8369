#!/bin/sh
# test-envelope.sh - "postern envelope" end to end: output, JSON, exit status
POSTERN=${POSTERN:-"$top_builddir/cli/postern"}
. "$top_srcdir/tests/cli/lib.sh"

expect ok 0 "< 250 2.1.0 Ok" -- envelope 'MAIL FROM:<user@example.com>'
expect route 0 "(source route @a.example dropped)" -- \
	envelope 'RCPT TO:<@a.example:u@example.com>'
expect bad-rcpt 1 "< 501 5.1.3 Bad recipient address syntax: two consecutive dots in local-part (column 12)" -- \
	envelope 'RCPT TO:<a..b@example.com>'
expect bad-sender 1 "501 5.1.7" -- envelope 'MAIL FROM:<a@b@c>'
expect size 1 "552 5.3.4" -- envelope --ehlo 'SIZE 1000 8BITMIME' \
	'MAIL FROM:<a@b.example> SIZE=1001'
expect size-column 1 "error: size-too-big at column 17" -- envelope \
	--ehlo 'SIZE 100' 'MAIL FROM:<a@b> SIZE=101'
expect size-ok 0 "param: SIZE=1000" -- envelope --ehlo 'SIZE 1000' \
	'MAIL FROM:<a@b.example> SIZE=1000'
expect not-offered 1 "555 5.5.4 Unsupported option: BODY=8BITMIME" -- \
	envelope --ehlo 'SIZE' 'MAIL FROM:<a@b.example> BODY=8BITMIME'
expect utf8-rcpt 1 "553 5.6.7" -- envelope 'RCPT TO:<jörg@example.com>'
expect json 0 '"params":{"NOTIFY":"SUCCESS,DELAY","ORCPT":"rfc822;a+b@c"}' -- \
	envelope --json 'RCPT TO:<a@b.example> NOTIFY=delay,success ORCPT=rfc822;a+2Bb@c'
expect json-err 1 '"error":"local-double-dot"' -- envelope --json \
	'MAIL FROM:<a..b@c>'
expect usage 2 "usage: postern envelope" -- envelope --bogus
expect unknown-cmd 2 "unknown command" -- nosuch

# stdin: a MAIL with SMTPUTF8 makes the next RCPT an SMTPUTF8 transaction
out=$(printf '# comment\n\nMAIL FROM:<a@b.example> SMTPUTF8\r\nRCPT TO:<jörg@example.com>\n' \
	| $POSTERN envelope 2>&1)
status=$?
if [ $status -eq 0 ] && printf '%s\n' "$out" | grep -q "recipient: <jörg@example.com> smtputf8"; then
	pass=$((pass + 1))
else
	echo "FAIL stdin-transaction: exit $status"; echo "$out"
	fail=$((fail + 1))
fi
# control bytes from the client never reach the output raw
out=$(printf 'MAIL FROM:<a\001b@c>\n' | $POSTERN envelope 2>&1)
if printf '%s\n' "$out" | grep -q 'a\\x01b' && ! printf '%s' "$out" | grep -q "$(printf '\001')"; then
	pass=$((pass + 1))
else
	echo "FAIL control-bytes"; echo "$out"
	fail=$((fail + 1))
fi
echo "$pass passed, $fail failed"
[ $fail -eq 0 ]
