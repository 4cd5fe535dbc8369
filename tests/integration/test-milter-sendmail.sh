#!/bin/bash
# test-milter-sendmail.sh - postern-milter behind a real Sendmail 8.17
#
# The Debian Sendmail packages, unpacked into a temporary directory and
# run on 127.0.0.1 with INPUT_MAIL_FILTER pointing at postern-milter (see
# sendmail-lib.sh; Postfix stays installed and untouched). Real SMTP
# sessions: a recipient refused, a header rule and a body rule after
# DATA, an added header in the delivered copy, the trace record, every
# modification the Postfix test checks (sender, recipients, header
# fields) in the delivered copies, and the milter gone (F=T: 4xx). Skips (77) without root, swaks, unshare or the
# downloaded packages ($SENDMAIL_DEBS, filled by scripts/check).
set -u
top_srcdir=${top_srcdir:-$(cd "$(dirname "$0")/../.." && pwd)}
top_builddir=${top_builddir:-$top_srcdir}
MILTER=${MILTER:-$top_builddir/milter/postern-milter}
SENDMAIL_DEBS=${SENDMAIL_DEBS:-$top_srcdir/_build/sendmail-debs}

if [ "$(id -u)" != 0 ] || ! command -v swaks >/dev/null \
    || ! command -v unshare >/dev/null || [ ! -x "${MILTER%% *}" ] \
    || ! ls "$SENDMAIL_DEBS"/sendmail-bin_*.deb >/dev/null 2>&1; then
	echo "SKIP: needs root, swaks, unshare, postern-milter and the" \
		"sendmail-bin, sendmail-cf, libwrap0 packages in $SENDMAIL_DEBS"
	exit 77
fi
. "$top_srcdir/tests/integration/postfix-lib.sh"	# expect, free_port
. "$top_srcdir/tests/integration/sendmail-lib.sh"

PM_PID=""
cleanup() {
	[ -n "$PM_PID" ] && kill -KILL "$PM_PID" 2>/dev/null
	sm_stop
	[ -n "${S:-}" ] && [ -z "${KEEP:-}" ] && rm -rf "$S"
}
trap cleanup EXIT

sm_setup
cat > "$S/postern.rules" <<'EOF2'
name=refused  rcpt recipient.domain == "reject.test"
                  -> reject 550 5.7.1 "Recipient refused by the milter"
name=subject  header not has(Subject)
                  -> reject 554 5.6.0 "A message needs a Subject"
name=tag      header has(X-Tag-Me) -> add-header "X-Postern: tagged"
name=long     body line_over_1000 -> reject 554 5.6.0 "Line too long"
name=resender mail sender == "old@example.org" -> change-sender <new@example.org>
name=droprcpt rcpt recipient == "drop@example.com" -> delete-recipient
name=extra    rcpt recipient == "more@example.com"
                  -> add-recipient <extra@example.com>
name=retitle  header has(X-Retitle) -> change-header "Subject: [retitled]"
name=strip    header has(X-Secret) -> delete-header "X-Secret"
name=first    header has(X-First) -> insert-header "X-Postern-First: 1"
EOF2
# the address and port the client reached (server.ip, server.port):
# how a rule tells a submission port from the MX
echo "name=port mail sender.domain == \"port.test\" and server.port == $SM_PORT
	and server.ip == 127.0.0.1 -> reject 550 5.7.1 \"Port $SM_PORT\"" \
	>> "$S/postern.rules"
tls_rule mail "$S/postern.rules"
# {daemon_name}: the Name= of DAEMON_OPTIONS (sendmail-lib.sh: MTA)
echo 'name=daemon mail sender.domain == "daemon.test" and daemon.name == "MTA"
	-> reject 550 5.7.1 "Daemon"' >> "$S/postern.rules"
cat > "$S/postern.conf" <<EOF2
rules_file = postern.rules
milter_listen = inet:127.0.0.1:$SM_MILTER_PORT
log_target = stderr
EOF2
$MILTER -f -c "$S/postern.conf" 2>"$S/milter.log" &
PM_PID=$!
hex=$(printf '%04X' "$SM_MILTER_PORT")
for i in $(seq 1 100); do
	grep -q "0100007F:$hex 00000000:0000 0A" /proc/net/tcp && break
	sleep 0.05
done
sm_start

SEND_PORT=$SM_PORT

out=$(send --helo client.test --from a@port.test --to ok@example.com)
expect "server.port and server.ip from the macros it asked for" \
	"$(printf '%s\n' "$out" | grep '^550')" "550 5.7.1 <a@port.test>... Port $SM_PORT"
tls_checks ok@example.com "550 5.7.1 <a@tls.test>... Seen over TLS" \
	"250 2.0.0 [0-9A-Za-z]* Message accepted"
out=$(send --helo client.test --from a@daemon.test --to ok@example.com)
expect "daemon.name from {daemon_name}" \
	"$(printf '%s\n' "$out" | grep '^550')" "550 5.7.1 <a@daemon.test>... Daemon"
out=$(send --helo client.test --from a@example.org --to ok@example.com,x@reject.test \
	--h-Subject hi --add-header 'X-Tag-Me: yes')
expect "recipient refused" "$(printf '%s\n' "$out" | grep '^550')" \
	"550 5.7.1 <x@reject.test>... Recipient refused by the milter"
expect "other recipient accepted, message delivered" \
	"$(printf '%s\n' "$out" | grep -c 'Message accepted for delivery')" "1"
contains "add-header in the delivered copy" "$S/mailbox" \
	"X-Postern: tagged"
# Sendmail names the queue id at MAIL already; its own Received field
# is not shown to the milter
expect "trace record with the queue id" "$(grep -c \
	': [0-9A-Za-z]\{14\}: trace hops=0 from=<a@example.org> to=<ok@example.com> size=[0-9]* rcpts=1 outcome=continue' \
	"$S/milter.log")" "1"
contains "decision line names the client" "$S/milter.log" \
	"rule=refused action=reject code=550 dsn=5.7.1 client=[127.0.0.1]"
out=$(send --helo client.test --from a@example.org --to ok@example.com \
	--data 'From: a@example.org\n\nno subject\n')
expect "header rule after DATA" "$(printf '%s\n' "$out" | grep '^554')" \
	"554 5.6.0 A message needs a Subject"
long=$(head -c 1200 /dev/zero | tr '\0' 'x')
out=$(send --helo client.test --from a@example.org --to ok@example.com --h-Subject l \
	--body "$long")
expect "body rule after DATA" "$(printf '%s\n' "$out" | grep '^554')" \
	"554 5.6.0 Line too long"

# the modifications, each in the delivered copy; copy SUBJECT prints the
# delivery of the message with that Subject ("rcpt: LIST" line first)
copy() {
	awk -v s="Subject: $1" 'BEGIN { RS = "=== rcpt: " }
		index($0, "\n" s "\n") { printf "rcpt: %s", $0 }' "$S/mailbox"
}
sm() { send --helo client.test --from a@example.org "$@" >/dev/null; }
sm --from old@example.org --to ok@example.com --h-Subject resend
contains "change-sender: Return-Path" <(copy resend) \
	"Return-Path: <new@example.org>"
sm --to drop@example.com,ok@example.com --h-Subject drop
expect "delete-recipient: delivered to the other one only" \
	"$(copy drop | head -n 1)" "rcpt: ok@example.com"
sm --to more@example.com --h-Subject more
expect "add-recipient: delivered to both" \
	"$(copy more | head -n 1 | tr ' ' '\n' | sort | tr '\n' ' ')" \
	"extra@example.com more@example.com rcpt: "
sm --to ok@example.com --h-Subject original --add-header 'X-Retitle: y' \
	--add-header 'Subject: second'
expect "change-header: one Subject, the new one" \
	"$(copy '[retitled]' | grep -c '^Subject:')" "1"
sm --to ok@example.com --h-Subject secret --add-header 'X-Secret: one' \
	--add-header 'X-Secret: two'
expect "delete-header: every X-Secret gone" \
	"$(copy secret | grep -c '^X-Secret:')" "0"
sm --to ok@example.com --h-Subject first --add-header 'X-First: yes'
expect "insert-header: above Sendmail's Received field" \
	"$(copy first | sed 1d | grep -m1 -v '^Return-Path:' | cut -d: -f1)" \
	"X-Postern-First"

kill -KILL "$PM_PID"; wait "$PM_PID" 2>/dev/null; PM_PID=""
out=$(send --helo client.test --from a@example.org --to ok@example.com --h-Subject gone)
expect "milter gone (F=T): 4xx" \
	"$(printf '%s\n' "$out" | grep -E '^4[0-9][0-9] ' | head -n 1)" "451 4."
echo "$pass passed, $fail failed"
[ "$fail" = 0 ]
