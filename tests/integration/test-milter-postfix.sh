#!/bin/bash
# test-milter-postfix.sh - postern-milter behind a real Postfix
#
# Starts a throwaway Postfix on 127.0.0.1 whose smtpd_milters is a
# postern-milter started here (unix socket), sends real SMTP sessions and
# asserts what Postfix answered and what it delivered: recipient and
# header rejects, a body reject, added headers, bcc, the hold queue, the
# modifications in the delivered copies (changed sender, deleted and
# added recipients, changed, deleted and inserted header fields), the
# trace record, a reload on SIGUSR1, and the milter killed mid-message
# (4xx, nothing delivered). Everything started is stopped on exit.
set -u
top_srcdir=${top_srcdir:-$(cd "$(dirname "$0")/../.." && pwd)}
top_builddir=${top_builddir:-$top_srcdir}
MILTER=${MILTER:-$top_builddir/milter/postern-milter}

if [ "$(id -u)" != 0 ] || ! command -v postfix >/dev/null \
    || ! command -v swaks >/dev/null \
    || ! command -v "${MILTER%% *}" >/dev/null; then
	echo "SKIP: needs root, postfix, swaks and postern-milter"
	exit 77
fi
. "$top_srcdir/tests/integration/postfix-lib.sh"

PM_PID=""
pm_stop() {
	if [ -n "$PM_PID" ]; then
		kill -TERM "$PM_PID" 2>/dev/null
		wait "$PM_PID" 2>/dev/null
		PM_PID=""
	fi
}
cleanup() {
	[ -n "$PM_PID" ] && kill -KILL "$PM_PID" 2>/dev/null
	pf_stop
	[ -n "${T:-}" ] && [ -z "${KEEP:-}" ] && rm -rf "$T"
}
trap cleanup EXIT

pm_start() {
	rm -f "$T/milter.sock"
	$MILTER -f -c "$T/postern.conf" 2>>"$T/milter.log" &
	PM_PID=$!
	for i in $(seq 1 100); do
		[ -S "$T/milter.sock" ] && return 0
		sleep 0.05
	done
	cat "$T/milter.log" >&2
	pf_fail "postern-milter did not start"
}

pf_setup
cat > "$T/postern.rules" <<'EOF2'
name=refused  rcpt recipient.domain == "reject.test"
                  -> reject 550 5.7.1 "Recipient refused by the milter"
name=archive  rcpt recipient == "copy@sink.test" -> bcc <archive@sink.test>
name=subject  header not has(Subject)
                  -> reject 554 5.6.0 "A message needs a Subject"
name=tag      header has(X-Tag-Me) -> add-header "X-Postern: tagged"
name=review   header has(X-Hold-Me) -> hold "held for review"
name=long     body line_over_1000 -> reject 554 5.6.0 "Line too long (100% sure)"
name=hdrlong  header header_line_over_998
                  -> reject 554 5.6.0 "Header line too long"
name=hdr8bit  header 8bit_header_without_smtputf8 -> warn "8-bit header"
name=resender mail sender == "old@example.org" -> change-sender <new@example.org>
name=droprcpt rcpt recipient == "drop@sink.test" -> delete-recipient
name=extra    rcpt recipient == "more@sink.test" -> add-recipient <extra@sink.test>
name=retitle  header has(X-Retitle) -> change-header "Subject: [retitled]"
name=strip    header has(X-Secret) -> delete-header "X-Secret"
name=first    header has(X-First) -> insert-header "X-Postern-First: 1"
EOF2
# the address and port the client reached (server.ip, server.port):
# how a rule tells a submission port from the MX
echo "name=port mail sender.domain == \"port.test\" and server.port == $SMTP_PORT
	and server.ip == 127.0.0.1 -> reject 550 5.7.1 \"Port $SMTP_PORT\"" \
	>> "$T/postern.rules"
# (Postfix's default milter_connect_macros lack {daemon_port}: the
# filter asks for it with smfi_setsymlist); {daemon_name} is
# milter_macro_daemon_name, $myhostname by default
tls_rule mail "$T/postern.rules"
echo 'name=daemon mail sender.domain == "daemon.test"
	and daemon.name == "mx.postern.test" -> reject 550 5.7.1 "Daemon"' \
	>> "$T/postern.rules"
cat > "$T/postern.conf" <<EOF2
rules_file = postern.rules
milter_listen = unix:$T/milter.sock
log_target = stderr
log_format = both
EOF2
pf_conf "smtpd_milters = unix:$T/milter.sock"
pf_conf 'milter_default_action = tempfail'
pf_conf 'milter_command_timeout = 10s'
pf_tls
JSON_GET=$top_builddir/tests/common/json-get
# jtrace QID PATH - a member of the message's JSON trace record
jtrace() {
	"$JSON_GET" "$2" "\"queue_id\":\"${1:-none}\",\"trace\"" < "$T/milter.log" \
		| tr '\n' ' ' | sed 's/ $//'
}
pm_start
pf_start

qid_of() { sed -n 's/^250 2.0.0 Ok: queued as \([0-9A-F]*\).*/\1/p'; }
delivered() {	# the delivered file that has QID's Received line
	grep -l "id $1" "$T"/sink/maildir/new/* 2>/dev/null | head -n 1
}

out=$(send --from a@example.org --to bob@sink.test --h-Subject hello)
qid=$(printf '%s\n' "$out" | qid_of)
expect "accepted message queued" "$qid" "${qid:-X}"
[ -n "$qid" ] || qid=none
out=$(send --from a@port.test --to bob@sink.test)
expect "server.port and server.ip from the macros it asked for" \
	"$(printf '%s\n' "$out" | grep '^550')" "550 5.7.1 Port $SMTP_PORT"
tls_checks bob@sink.test "550 5.7.1 Seen over TLS" "250 2.0.0 Ok: queued as"
out=$(send --from a@daemon.test --to bob@sink.test)
expect "daemon.name from {daemon_name}" \
	"$(printf '%s\n' "$out" | grep '^550')" "550 5.7.1 Daemon"
out=$(send --from a@example.org --to x@reject.test)
expect "recipient rejected by the milter" \
	"$(printf '%s\n' "$out" | grep '^550')" \
	"550 5.7.1 Recipient refused by the milter"
out=$(send --from a@example.org --to bob@sink.test \
	--data 'From: a@example.org\nDate: Mon, 23 Nov 2026 10:00:00 +0000\n\nno subject\n')
expect "header rule rejects after DATA" \
	"$(printf '%s\n' "$out" | grep '^554')" \
	"554 5.6.0 A message needs a Subject"
long=$(head -c 1200 /dev/zero | tr '\0' 'x')
out=$(send --from a@example.org --to bob@sink.test --h-Subject long \
	--body "$long")
expect "body rule: line over 1000 octets" \
	"$(printf '%s\n' "$out" | grep '^554')" \
	"554 5.6.0 Line too long (100% sure)"
out=$(send --from a@example.org --to bob@sink.test --h-Subject long \
	--add-header "X-Long: $long")
expect "header line over 998 octets" \
	"$(printf '%s\n' "$out" | grep '^554')" "554 5.6.0 Header line too long"
out=$(send --from a@example.org --to bob@sink.test --h-Subject tag \
	--add-header 'X-Tag-Me: yes')
tq=$(printf '%s\n' "$out" | qid_of)
out=$(send --from a@example.org --to copy@sink.test --h-Subject bcc)
bq=$(printf '%s\n' "$out" | qid_of)
out=$(send --from a@example.org --to bob@sink.test --h-Subject hold \
	--add-header 'X-Hold-Me: yes')
hq=$(printf '%s\n' "$out" | qid_of)
expect "held message accepted for the client" "${hq:+queued}" "queued"
out=$(send --from old@example.org --to bob@sink.test --h-Subject resend)
sq=$(printf '%s\n' "$out" | qid_of)
out=$(send --from a@example.org --to drop@sink.test,bob@sink.test \
	--h-Subject drop)
dq=$(printf '%s\n' "$out" | qid_of)
out=$(send --from a@example.org --to more@sink.test --h-Subject more)
aq=$(printf '%s\n' "$out" | qid_of)
out=$(send --from a@example.org --to bob@sink.test --h-Subject original \
	--add-header 'X-Retitle: yes' --add-header 'Subject: second')
cq=$(printf '%s\n' "$out" | qid_of)
out=$(send --from a@example.org --to bob@sink.test --h-Subject secret \
	--add-header 'X-Secret: one' --add-header 'X-Secret: two')
xq=$(printf '%s\n' "$out" | qid_of)
out=$(send --from a@example.org --to bob@sink.test --h-Subject first \
	--add-header 'X-First: yes')
iq=$(printf '%s\n' "$out" | qid_of)
sleep 1
pf_wait_queue || true
f=$(delivered "${sq:-none}")
contains "change-sender: the delivered Return-Path" "${f:-/dev/null}" \
	"Return-Path: <new@example.org>"
expect "delete-recipient: one copy, to the other recipient" \
	"$(grep -l "id ${dq:-none}" "$T"/sink/maildir/new/* 2>/dev/null |
	   xargs -r grep -h '^Delivered-To:')" "Delivered-To: bob@sink.test"
expect "add-recipient: delivered to more@ and extra@" \
	"$(grep -l "id ${aq:-none}" "$T"/sink/maildir/new/* 2>/dev/null |
	   xargs -r grep -h '^Delivered-To:' | sort | tr '\n' ' ')" \
	"Delivered-To: extra@sink.test Delivered-To: more@sink.test "
f=$(delivered "${cq:-none}")
expect "change-header: one Subject, the new one" \
	"$(grep '^Subject:' "${f:-/dev/null}")" "Subject: [retitled]"
f=$(delivered "${xq:-none}")
expect "delete-header: every X-Secret gone" \
	"$(grep -c '^X-Secret:' "${f:-/dev/null}")" "0"
f=$(delivered "${iq:-none}")
# (above Postfix's own Received field; below what delivery adds)
expect "insert-header: the first field of the header" \
	"$(grep -m1 -v -E '^(Return-Path|X-Original-To|Delivered-To):' \
	   "${f:-/dev/null}" | cut -d: -f1)" "X-Postern-First"
f=$(delivered "${tq:-none}")
if [ -n "$f" ]; then
	contains "add-header in the delivered copy" "$f" "X-Postern: tagged"
else
	fail=$((fail + 1)); echo "FAIL tagged message not delivered"
fi
n=$(grep -l "id ${bq:-none}" "$T"/sink/maildir/new/* 2>/dev/null | wc -l)
expect "bcc: delivered to copy@ and archive@" "$n" "2"
held=$(postqueue -c "$T/etc" -p 2>/dev/null | grep -c "^${hq:-none}!")
expect "hold: in the hold queue" "$held" "1"
out=$(send --from a@example.org --to bob@sink.test \
	--h-Subject "$(printf 'caf\xc3\xa9')")
contains "8-bit header without SMTPUTF8 warned" "$T/milter.log" \
	"rule=hdr8bit action=warn note=warn"
contains "trace record for the accepted message" "$T/milter.log" \
	"$qid: trace hops=0 from=<a@example.org> to=<bob@sink.test> size="
contains "decision line for the rejected recipient" "$T/milter.log" \
	"rule=refused action=reject code=550 dsn=5.7.1 client=[127.0.0.1] sender=<a@example.org> rcpt=<x@reject.test> stage=rcpt"

# body_size QID - octets of the delivered copy's body as sent (CRLF)
body_size() {
	pf_wait_queue >/dev/null || true
	f=$(grep -l "id ${1:-none}" "$T"/sink/maildir/new/* 2>/dev/null | head -n 1)
	[ -n "$f" ] || { echo none; return; }
	sed '1,/^$/d' "$f" | wc -lc | awk '{ print $1 + $2 }'
}

# a message with a Received chain: its hops, envelope and size are in
# the trace record
out=$(send --from a@example.org --to bob@sink.test --data "Received: from relay.example.net (relay.example.net [198.51.100.20])\n  by mx.example.org with ESMTPS id 1; Mon, 23 Nov 2026 10:00:05 +0000\nReceived: from client.example.com (client.example.com [203.0.113.7])\n  by relay.example.net with ESMTP id 2; Mon, 23 Nov 2026 10:00:00 +0000\nFrom: a@example.org\nSubject: relayed\n\nbody\n")
rq=$(printf '%s\n' "$out" | qid_of)
contains "trace: two hops, oldest first" "$T/milter.log" \
	"$rq: trace hops=2 transit=5s path=client.example.com[203.0.113.7]>relay.example.net(ESMTP)>>relay.example.net[198.51.100.20]>mx.example.org(ESMTPS,+5s) anomalies=private-ip from=<a@example.org> to=<bob@sink.test> size=$(body_size "$rq") rcpts=1 outcome=continue"
if [ -x "$JSON_GET" ]; then
	expect "JSON trace record: hops, oldest first" \
		"$(jtrace "$rq" trace.hops) $(jtrace "$rq" trace.path.0.from) $(jtrace "$rq" trace.path.1.with) $(jtrace "$rq" trace.path.1.delay)" \
		"2 client.example.com ESMTPS 5"
	expect "JSON trace record: envelope, size, outcome" \
		"$(jtrace "$rq" from) $(jtrace "$rq" to) $(jtrace "$rq" size) $(jtrace "$rq" rcpts) $(jtrace "$rq" outcome)" \
		"a@example.org [\"bob@sink.test\"] $(body_size "$rq") 1 continue"
else
	echo "skip JSON trace record checks: no tests/common/json-get (cJSON)"
fi

# SIGUSR1 reloads; a broken file keeps the rules in use
echo 'rcpt nonsense.field == 1 -> reject' >> "$T/postern.rules"
kill -USR1 "$PM_PID"; sleep 0.5
contains "bad reload logged" "$T/milter.log" "reload of $T/postern.rules failed"
out=$(send --from a@example.org --to x@reject.test)
expect "bad reload keeps rules" "$(printf '%s\n' "$out" | grep '^550')" \
	"550 5.7.1"
sed -i '$d; s/reject.test/other.test/' "$T/postern.rules"
kill -USR1 "$PM_PID"; sleep 0.5
out=$(send --from a@example.org --to x@reject.test --h-Subject s)
expect "good reload applies" \
	"$(printf '%s\n' "$out" | grep -c '^250 2.0.0 Ok: queued as')" "1"

# SIGTERM: a clean stop (under valgrind or the sanitizers: no leak, no
# error); libmilter takes up to ~5 s to notice
kill -TERM "$PM_PID"; wait "$PM_PID"; rc=$?; PM_PID=""
expect "SIGTERM: exit status 0" "$rc" "0"

# restarted with pseudonymised trace addresses: HMAC-SHA256 under the
# deployment's key, checked against openssl's own HMAC; and without the
# body rule, so the body is not sent and the record claims no size
sed -i '/^name=long /d' "$T/postern.rules"
openssl rand -hex 32 > "$T/trace.key"
chmod 600 "$T/trace.key"
printf 'trace_pseudonymize = local-part\ntrace_hmac_key_file = trace.key\n' \
	>> "$T/postern.conf"
pm_start
hmac() {
	printf '%s' "$1" | openssl dgst -sha256 -hmac "$(cat "$T/trace.key")" \
		| sed 's/.*= *//' | cut -c1-16
}
out=$(send --from Alice@Example.org --to bob@sink.test --h-Subject pseudo)
pq=$(printf '%s\n' "$out" | qid_of)
contains "trace record: addresses pseudonymised, domains kept" \
	"$T/milter.log" "${pq:-none}: trace hops=0 from=<h:$(hmac \
	alice@example.org)@Example.org> to=<h:$(hmac bob@sink.test)@sink.test> rcpts=1 outcome=continue"
if [ -x "$JSON_GET" ]; then
	expect "JSON trace record: pseudonyms, no size without the body" \
		"$(jtrace "$pq" from) $(jtrace "$pq" size)" \
		"h:$(hmac alice@example.org)@Example.org (none)"
fi

# the milter dies mid-message: Postfix answers 4xx, nothing delivered
before=$(ls "$T/sink/maildir/new" | wc -l)
smtp_open
smtp_cmd "EHLO client.example"
smtp_cmd "MAIL FROM:<a@example.org>"
smtp_cmd "RCPT TO:<late@sink.test>"
smtp_cmd "DATA"
printf 'Subject: cut\r\n\r\nfirst half\r\n' >&8
kill -KILL "$PM_PID"; wait "$PM_PID" 2>/dev/null; PM_PID=""
smtp_cmd "."
expect "milter killed: 4xx after DATA" "$SMTP_REPLY" "451 4.7.1"
smtp_close
pf_wait_queue || true
expect "milter killed: nothing delivered" \
	"$(ls "$T/sink/maildir/new" | wc -l)" "$before"

echo "$pass passed, $fail failed"
[ "$fail" = 0 ]
