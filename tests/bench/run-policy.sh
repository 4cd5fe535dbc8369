#!/bin/bash
# run-policy.sh - postern-policyd against a DUNNO echo server, same run
#
# Both servers run pinned to CPU 0, the load generator to CPU 1 (when
# there are two). For 1, 16 and 100 connections: req/s, latency, server
# CPU per request, RSS; then the ratios postern/echo. A benchmark: it
# prints figures and never fails on them. The last line is the summary
#   policy: ratio=... cpu_us=... echo_cpu_us=... req_s=... p99_us=... rss_kib=...
# (ratio = postern's throughput / echo's at 16 connections; cpu_us and
# p99_us are postern's at 16 connections, rss_kib with 100 open).
set -eu
top_builddir=${top_builddir:-.}
LOAD=$top_builddir/tests/bench/policy-load
ECHO=$top_builddir/tests/bench/policy-echo
POLICYD=$top_builddir/policyd/postern-policyd
REQS=${BENCH_POLICY_REQS:-100000}

D=$(mktemp -d /tmp/postern-bench.XXXXXX)
SPID=""
cleanup() { [ -n "$SPID" ] && kill "$SPID" 2>/dev/null; rm -rf "$D"; }
trap cleanup EXIT

srv_cpu=0 load_cpu=0
[ "$(nproc)" -ge 2 ] && load_cpu=1

# ten rules, none matching the load's requests: every rule is evaluated
for i in $(seq 1 1000); do echo "blocked-$i.example"; done > "$D/senders.list"
for i in $(seq 1 1000); do echo "10.$((i / 250)).$((i % 250)).0/24"; done \
	> "$D/clients.cidr"
cat > "$D/bench.rules" <<'EOF2'
name=postmaster  rcpt postmaster -> accept
name=bounce-one  rcpt null_sender_multi_rcpt -> reject 550 5.7.1 "one"
name=blocked-ip  rcpt client.ip in file:clients.cidr -> reject 554 5.7.1 "ip"
name=blocked-dom rcpt sender.domain in file:senders.list
                     -> reject 554 5.7.1 "sender"
name=dyn-helo    rcpt helo ~ /^(dsl|dyn|ppp|pool)[-.0-9]/i
                     -> defer 450 4.7.1 "dynamic"
name=maint       rcpt recipient.domain == "maint.example" -> defer 451 4.3.2 "m"
name=big         mail param.size > 50M -> reject 552 5.3.4 "big"
name=no-fqdn     mail non_fqdn_sender -> reject 504 5.5.2 "fqdn"
name=no-helo     helo non_fqdn_helo -> reject 504 5.5.2 "helo"
name=sasl-only   rcpt recipient.domain == "internal.example"
                     and sasl.user == "" -> reject 550 5.7.1 "internal"
EOF2
cat > "$D/postern.conf" <<EOF2
rules_file = bench.rules
policy_listen = unix:$D/postern.sock
log_target = stderr
EOF2

start() {	# start NAME CMD...: pinned to the server CPU; wait for socket
	local sock=$1; shift
	taskset -c "$srv_cpu" "$@" 2>/dev/null &
	SPID=$!
	for i in $(seq 1 100); do [ -S "$sock" ] && return 0; sleep 0.05; done
	echo "bench-policy: server did not start" >&2
	exit 1
}
stop() { kill "$SPID"; wait "$SPID" 2>/dev/null || true; SPID=""; }

run() {		# run NAME SOCKET: the three connection counts
	local name=$1 sock=$2 n
	for n in 1 16 100; do
		r=$REQS
		[ "$n" = 1 ] && r=$((REQS / 4))
		out=$(taskset -c "$load_cpu" "$LOAD" "$sock" "$SPID" "$n" "$r")
		echo "$name $out"
		echo "$name $out" >> "$D/results"
	done
}

"$POLICYD" -t -c "$D/postern.conf" >/dev/null
start "$D/echo.sock" "$ECHO" "$D/echo.sock"
run echo "$D/echo.sock"
stop
start "$D/postern.sock" "$POLICYD" -f -c "$D/postern.conf"
run postern "$D/postern.sock"
stop

awk '
function v(line, key,   i, n, f) {
	n = split(line, f, " ")
	for (i = 1; i <= n; i++) if (index(f[i], key "=") == 1)
		return substr(f[i], length(key) + 2)
}
{ split($2, c, "="); row[$1, c[2]] = $0 }
END {
	for (n = 1; n <= 100; n = (n == 1 ? 16 : 100 + (n == 100))) {
		e = row["echo", n]; p = row["postern", n]
		printf "connections=%d: throughput postern/echo=%.2f, " \
		       "cpu/request postern/echo=%.2f (%.2f vs %.2f us)\n", n,
		       v(p, "req_s") / v(e, "req_s"),
		       v(p, "cpu_us") / v(e, "cpu_us"), v(p, "cpu_us"),
		       v(e, "cpu_us")
		if (n == 100) break
	}
	e = row["echo", 16]; p = row["postern", 16]
	printf "policy: ratio=%.2f cpu_us=%.2f echo_cpu_us=%.2f req_s=%d " \
	       "p99_us=%.1f rss_kib=%d\n", v(p, "req_s") / v(e, "req_s"),
	       v(p, "cpu_us"), v(e, "cpu_us"), v(p, "req_s"),
	       v(p, "p99_us"), v(row["postern", 100], "rss_kib")
}' "$D/results"
