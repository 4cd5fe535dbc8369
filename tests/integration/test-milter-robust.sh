#!/bin/bash
# test-milter-robust.sh - postern-milter under messages that hurt
#
# The same throwaway Postfix as test-milter-postfix.sh, with
# postern-milter and a rule file that reads headers, the Received chain
# and the body. Sends 1,000 headers, a 10 MB header block, a 1 MB header
# line, NUL bytes, a broken Received chain, 500 recipients and 100
# concurrent sessions; each must get a correct reply, the milter must
# stay up with bounded memory, and a normal message must still pass.
set -u
top_srcdir=${top_srcdir:-$(cd "$(dirname "$0")/../.." && pwd)}
top_builddir=${top_builddir:-$top_srcdir}
MILTER=${MILTER:-$top_builddir/milter/postern-milter}

if [ "$(id -u)" != 0 ] || ! command -v postfix >/dev/null \
    || ! command -v swaks >/dev/null || [ ! -x "${MILTER%% *}" ]; then
	echo "SKIP: needs root, postfix, swaks and postern-milter"
	exit 77
fi
. "$top_srcdir/tests/integration/postfix-lib.sh"

PM_PID=""
cleanup() {
	[ -n "$PM_PID" ] && kill -KILL "$PM_PID" 2>/dev/null
	pf_stop
	[ -n "${T:-}" ] && [ -z "${KEEP:-}" ] && rm -rf "$T"
}
trap cleanup EXIT

pf_setup
cat > "$T/postern.rules" <<'EOF2'
name=subject header not has(Subject) -> reject 554 5.6.0 "Subject required"
name=loop    header loop -> reject 554 5.4.6 "Too many hops"
name=long    body line_over_1000 -> warn "long line"
name=eight   body 8bit_without_8bitmime -> warn "8-bit without 8BITMIME"
name=many    rcpt rcpt.count > 600 -> defer 452 4.5.3 "Too many recipients"
EOF2
cat > "$T/postern.conf" <<EOF2
rules_file = postern.rules
milter_listen = unix:$T/milter.sock
log_target = stderr
EOF2
pf_conf "smtpd_milters = unix:$T/milter.sock"
pf_conf 'milter_default_action = tempfail'
pf_conf 'smtpd_recipient_limit = 1000'
pf_conf 'message_size_limit = 30000000'
$MILTER -f -c "$T/postern.conf" 2>"$T/milter.log" &
PM_PID=$!
for i in $(seq 1 100); do [ -S "$T/milter.sock" ] && break; sleep 0.05; done
pf_start

last_reply() { send "$@" | grep -E '^[2-5][0-9][0-9] ' | grep -v '^221' | tail -n 1; }

# 1,000 header fields
{ for i in $(seq 1 1000); do echo "X-Many-$i: value $i"; done
  printf 'Subject: many\n\nbody\n'; } > "$T/many.eml"
expect "1,000 headers: accepted" \
	"$(last_reply --from a@example.org --to b@sink.test --data "$T/many.eml")" \
	"250 2.0.0 Ok: queued"

# a 10 MB header block: more fields than the milter keeps (4,096),
# refused as too large rather than judged on a part of it
{ for i in $(seq 1 100000); do
	printf 'X-Block-%d: %090d\n' "$i" 0; done
  printf 'Subject: block\n\nbody\n'; } > "$T/block.eml"
expect "10 MB header block: 552 5.3.4" \
	"$(last_reply --from a@example.org --to b@sink.test --data "$T/block.eml")" \
	"552 5.3.4 Message header too large"
contains "10 MB header block: traced, the header said truncated" \
	"$T/milter.log" "headers=truncated outcome=reject"

# one 1 MB header line
{ printf 'Subject: big\nX-Big: '; head -c 1048576 /dev/zero | tr '\0' 'b'
  printf '\n\nbody\n'; } > "$T/big.eml"
r=$(last_reply --from a@example.org --to b@sink.test --data "$T/big.eml")
case $r in 250*|5[0-9][0-9]*) expect "1 MB header line: answered" ok ok ;;
*) expect "1 MB header line: answered" "$r" "250 or 5xx" ;; esac

# NUL bytes and 8-bit bytes in the body, a 2,000-octet line
{ printf 'Subject: nul\n\nbefore\0after \xe9t\xe9\n'
  head -c 2000 /dev/zero | tr '\0' 'l'; printf '\n'; } > "$T/nul.eml"
r=$(last_reply --from a@example.org --to b@sink.test --data "$T/nul.eml")
case $r in 250*|5[0-9][0-9]*) expect "NUL bytes: answered" ok ok ;;
*) expect "NUL bytes: answered" "$r" "250 or 5xx" ;; esac

contains "body: the 2,000-octet line warned" "$T/milter.log" \
	"rule=long action=warn note=warn"
contains "body: 8-bit without BODY=8BITMIME warned" "$T/milter.log" \
	"rule=eight action=warn note=warn"

# a broken Received chain: garbage, a comment that never closes
printf 'Received: (((((\nReceived: from x by\nReceived: ; ; ;\nSubject: broken\n\nbody\n' > "$T/broken.eml"
expect "broken Received chain: accepted" \
	"$(last_reply --from a@example.org --to b@sink.test --data "$T/broken.eml")" \
	"250 2.0.0 Ok: queued"
contains "broken chain traced as unparsable" "$T/milter.log" "unparsable-hop"

# 500 recipients in one transaction
to=$(for i in $(seq 1 500); do printf 'r%d@sink.test,' "$i"; done)
out=$(send --from a@example.org --to "${to%,}" --h-Subject many)
expect "500 recipients: all accepted" \
	"$(printf '%s\n' "$out" | grep -c '^250 2.1.5')" "500"
contains "500 recipients: counted" "$T/milter.log" "rcpts=500"

# 100 concurrent sessions
pids=""
for i in $(seq 1 100); do
	swaks --server "127.0.0.1:$SMTP_PORT" --timeout 60 --from a@example.org \
		--to "c$i@sink.test" --h-Subject "c$i" > "$T/c$i.out" 2>&1 &
	pids="$pids $!"
done
wait $pids		# not the milter, which is a child too
ok=$(grep -l '250 2.0.0 Ok: queued' "$T"/c*.out | wc -l)
expect "100 concurrent sessions: all queued" "$ok" "100"

# still alive, memory bounded, a normal message still judged
expect "milter still running" "$(kill -0 "$PM_PID" && echo yes)" "yes"
rss=$(awk '/^VmRSS:/ {print $2}' "/proc/$PM_PID/status")
echo "     postern-milter RSS after all of it: $rss KiB"
expect "bounded memory (RSS < 64 MiB)" "$([ "$rss" -lt 65536 ] && echo yes)" "yes"
expect "a message without Subject still refused" \
	"$(last_reply --from a@example.org --to b@sink.test --data 'From: a@example.org\n\nx\n')" \
	"554 5.6.0 Subject required"
echo "$pass passed, $fail failed"
[ "$fail" = 0 ]
