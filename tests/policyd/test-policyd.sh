#!/bin/bash
# test-policyd.sh - postern-policyd alone: configuration, protocol,
# robustness (tests/policyd/robust.c), reload and stop. No Postfix here;
# tests/integration/test-policyd-postfix.sh does that.
set -u
top_srcdir=${top_srcdir:-$(cd "$(dirname "$0")/../.." && pwd)}
top_builddir=${top_builddir:-$top_srcdir}
POLICYD=${POLICYD:-$top_builddir/policyd/postern-policyd}	# may be "valgrind ... path"
ROBUST=$top_builddir/tests/policyd/robust
. "$top_srcdir/tests/cli/lib.sh"
POSTERN=$POLICYD

D=$(mktemp -d /tmp/postern-pd.XXXXXX)
PID=""
cleanup() {
	[ -n "$PID" ] && kill -KILL "$PID" 2>/dev/null
	rm -rf "$D"
}
trap cleanup EXIT

cat > "$D/postern.rules" <<'EOF2'
name=refused rcpt recipient.domain == "reject.test" -> reject 554 5.7.1 "no"
name=backtrack rcpt recipient ~ /^(a+)+$/ -> reject 550 5.7.1 "regex"
EOF2
cat > "$D/postern.conf" <<EOF2
# a comment; "#" later on a line is part of the value, as in main.cf
rules_file = postern.rules
policy_listen = unix:$D/policy.sock
log_target = stderr
policy_request_timeout = 2s
EOF2

# -t: check and exit; errors with file:line:col
expect "-t good config" 0 "ok, 2 rules from $D/postern.rules" \
	-- -t -c "$D/postern.conf"
printf 'rules_file = x\nno_such_setting = 1\n' > "$D/bad.conf"
expect "-t unknown parameter" 1 \
	"$D/bad.conf:2:1: unknown parameter \"no_such_setting\"" \
	-- -t -c "$D/bad.conf"
printf 'policy_idle_timeout = soon\n' > "$D/bad.conf"
expect "-t bad time" 1 \
	"bad.conf:1:23: policy_idle_timeout: expected a time" \
	-- -t -c "$D/bad.conf"
printf 'on_error_reply = 451 5.3.0 mixed\n' > "$D/bad.conf"
expect "-t on_error_reply class" 1 \
	"enhanced status does not agree with 451" \
	-- -t -c "$D/bad.conf"
printf 'rules_file = %s/nope.rules\n' "$D" > "$D/bad.conf"
expect "-t missing rules" 1 "nope.rules: cannot read the rule file" \
	-- -t -c "$D/bad.conf"

expect "-t the example postern.conf" 0 "ok, 15 rules" \
	-- -t -c "$top_srcdir/packaging/examples/postern.conf"

# spawn(8) mode: the connection is stdin/stdout; two requests, then EOF
req='request=smtpd_access_policy
protocol_state=RCPT
sender=a@example.org
recipient=x@reject.test
instance=1

request=smtpd_access_policy
protocol_state=RCPT
sender=a@example.org
recipient=y@sink.test
instance=1
'
out=$(printf '%s\n' "$req" | $POLICYD -s -c "$D/postern.conf" | tr '\n' '|')
if [ "$out" = "action=554 5.7.1 no||action=DUNNO||" ]; then
	pass=$((pass + 1)); echo "ok   spawn mode"
else
	fail=$((fail + 1)); echo "FAIL spawn mode: got '$out'"
fi

# as root: binds first, then drops to user (here nobody)
if [ "$(id -u)" = 0 ] && id nobody >/dev/null 2>&1; then
	sed "s|policy.sock|drop.sock|" "$D/postern.conf" > "$D/drop.conf"
	printf 'user = nobody\n' >> "$D/drop.conf"
	$POLICYD -f -c "$D/drop.conf" 2>"$D/drop.log" &
	dpid=$!
	for i in $(seq 1 100); do [ -S "$D/drop.sock" ] && break; sleep 0.05; done
	sleep 0.2
	uid=$(awk '/^Uid:/ {print $2}' "/proc/$dpid/status" 2>/dev/null)
	kill -TERM "$dpid"; wait "$dpid"
	if [ "$uid" = "$(id -u nobody)" ]; then
		pass=$((pass + 1)); echo "ok   privileges dropped to nobody"
	else
		fail=$((fail + 1)); echo "FAIL privileges: uid '$uid'"
		cat "$D/drop.log"
	fi
	printf 'user = no-such-user-here\n' >> "$D/postern.conf.bad"
	cat "$D/postern.conf" "$D/postern.conf.bad" \
		| sed "s|policy.sock|nouser.sock|" > "$D/nouser.conf"
	expect "unknown user: refuses to start" 1 \
		"user no-such-user-here: no such user" -- -f -c "$D/nouser.conf"
fi

# robustness: a small fd limit so that 10,000 connections hit it
( ulimit -n 256; exec $POLICYD -f -c "$D/postern.conf" ) 2>"$D/log" &
PID=$!
for i in $(seq 1 400); do [ -S "$D/policy.sock" ] && break; sleep 0.05; done
"$ROBUST" "$D/policy.sock" > "$D/robust.out" 2>&1
rc=$?
cat "$D/robust.out"
# a failure shows what the daemon said (once: every case failed at start)
[ $rc = 0 ] || { echo "--- postern-policyd log:"; tail -n 20 "$D/log"; }
pass=$((pass + $(tail -n 1 "$D/robust.out" | cut -d' ' -f1)))
fail=$((fail + $(tail -n 1 "$D/robust.out" | cut -d' ' -f3)))
[ $rc = 0 ] || [ "$fail" != 0 ] || fail=$((fail + 1))

# every drop was logged with its reason
for why in "policy-malformed\|malformed policy request" \
    "larger than policy_max_request" "too many policy request attributes" \
    "closed in the middle of a request" "policy_request_timeout" \
    "cannot accept" "evaluation error; following on_error"; do
	if grep -q "$why" "$D/log"; then
		pass=$((pass + 1)); echo "ok   logged: $why"
	else
		fail=$((fail + 1)); echo "FAIL not logged: $why"
	fi
done
kill -TERM "$PID"; wait "$PID"; rc=$?; PID=""
if [ "$rc" = 0 ]; then pass=$((pass + 1)); echo "ok   SIGTERM: exit 0"
else fail=$((fail + 1)); echo "FAIL SIGTERM: exit $rc"; tail "$D/log"; fi
echo "$pass passed, $fail failed"
[ "$fail" = 0 ]
