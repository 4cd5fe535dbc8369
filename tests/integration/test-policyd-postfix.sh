#!/bin/bash
# test-policyd-postfix.sh - postern-policyd behind a real Postfix
#
# Starts a throwaway Postfix on 127.0.0.1 whose smtpd asks postern-policyd
# (started here, on a unix socket) at RCPT time, sends real SMTP sessions
# and asserts the replies Postfix gives. Everything started is stopped on
# exit, failure included. Skips (77) when not root or Postfix is absent.
set -u
top_srcdir=${top_srcdir:-$(cd "$(dirname "$0")/../.." && pwd)}
top_builddir=${top_builddir:-$top_srcdir}
POLICYD=$top_builddir/policyd/postern-policyd

if [ "$(id -u)" != 0 ] || ! command -v postfix >/dev/null \
    || ! command -v swaks >/dev/null; then
	echo "SKIP: needs root, postfix and swaks"
	exit 77
fi
. "$top_srcdir/tests/integration/postfix-lib.sh"

PD_PID=""
pd_stop() {
	if [ -n "$PD_PID" ]; then
		kill -TERM "$PD_PID" 2>/dev/null
		wait "$PD_PID" 2>/dev/null
		PD_PID=""
	fi
}
cleanup() {
	pd_stop
	pf_stop
	[ -n "${T:-}" ] && rm -rf "$T"
}
trap cleanup EXIT
[ -n "${KEEP:-}" ] && trap "pd_stop; pf_stop" EXIT

# pd_start - postern-policyd in the foreground, wait for its socket
pd_start() {
	rm -f "$T/policy.sock"
	"$POLICYD" -f -c "$T/postern.conf" 2>>"$T/policyd.log" &
	PD_PID=$!
	for i in $(seq 1 100); do
		[ -S "$T/policy.sock" ] && return 0
		sleep 0.05
	done
	cat "$T/policyd.log" >&2
	pf_fail "postern-policyd did not start"
}

pf_setup
cat > "$T/postern.rules" <<'EOF2'
name=postmaster   rcpt postmaster -> accept
name=bounce-one   rcpt null_sender_multi_rcpt
                      -> reject 550 5.7.1 "Bounces have one recipient"
name=blocked-from rcpt sender.domain == "spammer.test"
                      -> reject 550 5.7.1 "Sender domain blocked by postern"
name=refused      rcpt recipient.domain == "reject.test"
                      -> reject 554 5.7.1 "Recipient refused by postern"
name=later        rcpt recipient.domain == "defer.test"
                      -> defer 450 4.7.1 "Try again later (postern)"
EOF2
# the address and port the client reached (server.ip, server.port):
# how a rule tells a submission port from the MX
echo "name=port rcpt sender.domain == \"port.test\" and server.port == $SMTP_PORT
	and server.ip == 127.0.0.1 -> reject 550 5.7.1 \"Port $SMTP_PORT\"" \
	>> "$T/postern.rules"
tls_rule rcpt "$T/postern.rules"
cat > "$T/postern.conf" <<EOF2
rules_file = postern.rules
policy_listen = unix:$T/policy.sock
log_target = stderr
EOF2
pf_conf 'smtpd_policy_service_timeout = 5s'
pf_tls
pf_conf "smtpd_recipient_restrictions = check_policy_service unix:$T/policy.sock"
pd_start
pf_start

rcpt_reply() {	# FROM TO -> the reply to RCPT TO
	smtp_open
	smtp_cmd "EHLO client.example"
	smtp_cmd "MAIL FROM:<$1>"
	smtp_cmd "RCPT TO:<$2>"
	local r=$SMTP_REPLY
	smtp_close
	echo "$r"
}

expect "accepted recipient" "$(rcpt_reply a@example.org bob@sink.test)" "250"
expect "whole message queued" \
	"$(send --from a@example.org --to bob@sink.test --h-Subject hi \
	   | grep -o '^250 2.0.0 Ok: queued as')" "250 2.0.0 Ok: queued as"
pf_wait_queue || pf_fail "queue did not drain"
n=$(ls "$T/sink/maildir/new" 2>/dev/null | wc -l)
expect "message in the sink" "$n" "1"
expect "rejected recipient" \
	"$(rcpt_reply a@example.org x@reject.test)" \
	"554 5.7.1 <x@reject.test>: Recipient address rejected: Recipient refused by postern"
expect "deferred recipient" \
	"$(rcpt_reply a@example.org x@defer.test)" \
	"450 4.7.1 <x@defer.test>: Recipient address rejected: Try again later (postern)"
expect "server.port and server.ip from the request" \
	"$(rcpt_reply a@port.test bob@sink.test)" \
	"550 5.7.1 <bob@sink.test>: Recipient address rejected: Port $SMTP_PORT"
tls_checks bob@sink.test \
	"550 5.7.1 <bob@sink.test>: Recipient address rejected: Seen over TLS" \
	"250 2.0.0 Ok: queued as"
expect "blocked sender" "$(rcpt_reply x@spammer.test bob@sink.test)" \
	"550 5.7.1"
expect "postmaster exempt" \
	"$(rcpt_reply x@spammer.test postmaster@sink.test)" "250"

# a bounce with two recipients: the first passes, the second not
smtp_open
smtp_cmd "EHLO client.example"
smtp_cmd "MAIL FROM:<>"
expect "bounce MAIL" "$SMTP_REPLY" "250"
smtp_cmd "RCPT TO:<a@sink.test>"
expect "bounce first rcpt" "$SMTP_REPLY" "250"
smtp_cmd "RCPT TO:<b@sink.test>"
expect "bounce second rcpt" "$SMTP_REPLY" \
	"550 5.7.1 <b@sink.test>: Recipient address rejected: Bounces have one recipient"
smtp_cmd "RCPT TO:<a@sink.test>"
expect "bounce same rcpt again" "$SMTP_REPLY" "250"
smtp_close

# policyd dies mid-session: Postfix's own default, a 4xx; nothing lost
smtp_open
smtp_cmd "EHLO client.example"
smtp_cmd "MAIL FROM:<a@example.org>"
smtp_cmd "RCPT TO:<first@sink.test>"
expect "before the kill" "$SMTP_REPLY" "250"
kill -KILL "$PD_PID"; wait "$PD_PID" 2>/dev/null; PD_PID=""
smtp_cmd "RCPT TO:<second@sink.test>"
expect "policyd killed: 4xx" "$SMTP_REPLY" "451 4.3.5"
smtp_cmd "RSET"
smtp_close
pd_start
expect "policyd restarted: served again" \
	"$(rcpt_reply a@example.org x@reject.test)" "554 5.7.1"
expect "restarted: accepts" "$(rcpt_reply a@example.org bob@sink.test)" "250"

# SIGHUP with a broken rule file keeps the rules in use
cp "$T/postern.rules" "$T/postern.rules.good"
echo 'rcpt nonsense.field == 1 -> reject' >> "$T/postern.rules"
kill -HUP "$PD_PID"; sleep 0.3
expect "bad reload keeps rules" \
	"$(rcpt_reply a@example.org x@reject.test)" "554 5.7.1"
grep -q "reload of .* failed; keeping the 7 rules" "$T/policyd.log"
expect "bad reload logged" "$?" "0"
grep -q 'postern.rules:14:6: unknown field' "$T/policyd.log"
expect "bad reload names file:line:col" "$?" "0"
sed 's/x@reject.test/nobody/; s/reject.test/other.test/' \
	"$T/postern.rules.good" > "$T/postern.rules"
kill -HUP "$PD_PID"; sleep 0.3
expect "good reload applies" "$(rcpt_reply a@example.org x@reject.test)" \
	"250"

# the decision log names the rule, the client and the recipient
grep -q 'rule=refused action=reject code=554 dsn=5.7.1 client=\[127.0.0.1\] sender=<a@example.org> rcpt=<x@reject.test> stage=rcpt' \
	"$T/policyd.log"
expect "decision log line" "$?" "0"

kill -TERM "$PD_PID"; wait "$PD_PID"; rc=$?; PD_PID=""
expect "SIGTERM: exit status (sanitizers: no leak)" "$rc" "0"
grep -q "stopped after" "$T/policyd.log"
expect "SIGTERM: clean stop logged" "$?" "0"
echo "$pass passed, $fail failed"
[ "$fail" = 0 ]
