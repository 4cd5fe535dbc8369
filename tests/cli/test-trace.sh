#!/bin/sh
# test-trace.sh - "postern trace" end to end over messages in tests/cli/data
POSTERN=${POSTERN:-"$top_builddir/cli/postern"}
data="$top_srcdir/tests/cli/data"
. "$top_srcdir/tests/cli/lib.sh"

expect hops 0 "message 1: 3 hops, 8 s in transit" -- trace "$data/relay.eml"
expect oldest-first 0 "   1  2026-09-21 10:00:01" -- trace "$data/relay.eml"
expect delay 0 "+5s  mx2.example.net (mx2.example.net [198.51.100.20])" -- \
	trace "$data/relay.eml"
expect exim-tls 0 "with esmtps TLS TLS1.3 TLS_AES_256_GCM_SHA384" -- \
	trace "$data/relay.eml"
expect auth 0 "with ESMTPSA TLS auth" -- trace "$data/relay.eml"
expect bcc-leak 0 "for-clause (hop 3)" -- trace "$data/relay.eml"
expect return-path 0 "return-path-in-transit" -- trace "$data/relay.eml"
expect mbox-two 0 "message 2" -- trace --timeline "$data/skew.mbox"
expect skew 0 "clock-skew (hop 2)" -- trace "$data/skew.mbox"
expect json 0 '"transit":-60,"anomalies":["clock-skew","private-ip"]' -- \
	trace --json "$data/skew.mbox"
expect json-hop 0 '"tls":{"version":"TLS1.3","cipher":"TLS_AES_256_GCM_SHA384"}' -- \
	trace --json "$data/relay.eml"
expect hop-limit 0 "too-many-hops" -- trace --hops 2 "$data/relay.eml"
expect usage 2 "usage: postern trace" -- trace --bogus
expect missing 3 "cannot open" -- trace /nonexistent/file

# stdin, CRLF line ends, a forged and an injected field
out=$(printf 'Received: from a (b [1.2.3.4] by c; Mon, 21 Sep 2026 10:00:00 +0000\r\nReceived: from x.example (x [192.0.2.1]) by y.example with SMTP; Mon, 21 Sep 2026 10:00:00 +0000\r\nSubject: s\r\n\r\nbody\r\n' \
	| $POSTERN trace - 2>&1)
if printf '%s\n' "$out" | grep -q "unparsable: unbalanced parentheses" \
   && printf '%s\n' "$out" | grep -q "unparsable-hop (hop 2)"; then
	pass=$((pass + 1))
else
	echo "FAIL stdin-unparsable"; echo "$out"
	fail=$((fail + 1))
fi
# JSON stays valid whatever the bytes
out=$(printf 'Received: from \001\377 (x [192.0.2.1]) by y.example; Mon, 21 Sep 2026 10:00:00 +0000\n\nb\n' \
	| $POSTERN trace --json - 2>&1)
want=$(printf '"helo":"\\u0001\357\277\275"')
if printf '%s\n' "$out" | grep -qF "$want"; then
	pass=$((pass + 1))
else
	echo "FAIL json-escape"; echo "$out"
	fail=$((fail + 1))
fi
echo "$pass passed, $fail failed"
[ $fail -eq 0 ]
