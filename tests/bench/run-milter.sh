#!/bin/bash
# run-milter.sh - Postfix throughput with no milter, a null milter and
# postern-milter, in the same run
#
# One throwaway Postfix on 127.0.0.1 (tests/integration/postfix-lib.sh)
# with three smtpd services: (a) no milter, (b) null-milter (every
# callback, continue) and (c) postern-milter with a 10-rule file, both
# filters running throughout. For each combination of 2 KB / 50 KB,
# 1 / 10 recipients and 1 / 10 messages per session, smtp-load sends N
# messages over K connections to each service in turn, ROUNDS times,
# the order rotated each round: the machine's drift falls on all three
# alike, and the medians are compared. Prints msgs/s, milter CPU per
# message (utime+stime of the whole process, all threads, from
# /proc/PID/stat) and RSS; ratio = c/b msgs/s. A benchmark: it never
# fails on a figure. Last line:
#   milter: ratio=... msgs_s=... cpu_us=... null_cpu_us=... rss_kib=...
# for 2 KB, 1 recipient, 1 message per session. Needs root and Postfix.
set -u
top_srcdir=${top_srcdir:-$(cd "$(dirname "$0")/../.." && pwd)}
top_builddir=${top_builddir:-.}
LOAD=$top_builddir/tests/bench/smtp-load
NULLM=$top_builddir/tests/bench/null-milter
MILTER=$top_builddir/milter/postern-milter
N=${BENCH_MILTER_MSGS:-400}
K=${BENCH_MILTER_CONNS:-8}
ROUNDS=${BENCH_MILTER_ROUNDS:-3}

if [ "$(id -u)" != 0 ] || ! command -v postfix >/dev/null; then
	echo "milter: skipped (needs root and Postfix)"
	exit 0
fi
. "$top_srcdir/tests/integration/postfix-lib.sh"
PIDS=""
cleanup() {
	[ -n "$PIDS" ] && kill -KILL $PIDS 2>/dev/null
	pf_stop
	rm -rf "$T"
}
trap cleanup EXIT

pf_setup
cat > "$T/bench.rules" <<'EOF2'
name=postmaster rcpt postmaster -> accept
name=bounce-one rcpt null_sender_multi_rcpt -> reject 550 5.7.1 "one"
name=blocked    connect client.ip in [192.0.2.0/24] -> reject 554 5.7.1 "ip"
name=big        mail param.size > 50M -> reject 552 5.3.4 "big"
name=fqdn       mail non_fqdn_sender -> reject 504 5.5.2 "fqdn"
name=maint      rcpt recipient.domain == "maint.example" -> defer 451 4.3.2 "m"
name=subject    header not has(Subject) -> reject 554 5.6.0 "subject"
name=loop       header loop -> reject 554 5.4.6 "hops"
name=leak       header bcc_present -> warn "bcc"
name=spam       header header.Subject ~ /^\[SPAM\]/ -> hold "spam"
EOF2
cat > "$T/postern.conf" <<EOF2
rules_file = bench.rules
milter_listen = unix:$T/postern.sock
log_target = stderr
EOF2
# the two filtered services beside the plain one (pf_setup's)
NULL_PORT=$SMTP_PORT
while [ "$NULL_PORT" = "$SMTP_PORT" ]; do NULL_PORT=$(free_port); done
PST_PORT=$SMTP_PORT
while [ "$PST_PORT" = "$SMTP_PORT" ] || [ "$PST_PORT" = "$NULL_PORT" ]; do
	PST_PORT=$(free_port)
done
cat >> "$T/etc/master.cf" <<EOF2
127.0.0.1:$NULL_PORT inet n - n - - smtpd -o smtpd_milters=unix:$T/null.sock
127.0.0.1:$PST_PORT inet n - n - - smtpd -o smtpd_milters=unix:$T/postern.sock
EOF2
pf_conf 'milter_default_action = tempfail'

start_milter() {	# SOCKET CMD... : sets MPID
	local sock=$1 i; shift
	rm -f "$sock"
	"$@" 2>/dev/null &
	MPID=$!
	PIDS="$PIDS $MPID"
	for i in $(seq 1 100); do [ -S "$sock" ] && return 0; sleep 0.05; done
	echo "milter did not start" >&2
	exit 1
}
start_milter "$T/null.sock" "$NULLM" "unix:$T/null.sock"
NULL_PID=$MPID
start_milter "$T/postern.sock" "$MILTER" -f -c "$T/postern.conf"
PST_PID=$MPID
MPID=""
pf_start

cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
hz=$(getconf CLK_TCK)
one() {		# NAME PORT PID SIZE RCPTS PER ROUND: one line
	local name=$1 port=$2 pid=$3 out c0=0 c1 cpu=0 rss=0
	[ -n "$pid" ] && c0=$(cpu_ticks "$pid")
	out=$("$LOAD" "$port" "$K" "$N" "$4" "$5" "$6")
	if [ -n "$pid" ]; then
		c1=$(cpu_ticks "$pid")
		cpu=$(( (c1 - c0) * 1000000 / hz / N ))
		rss=$(awk '/^VmRSS:/ {print $2}' "/proc/$pid/status")
	fi
	echo "$name size=$4 rcpts=$5 per_session=$6 round=$7 $out cpu_us=$cpu rss_kib=$rss" \
		| tee -a "$T/results"
	pf_wait_queue >/dev/null || true
}
configs=("none $SMTP_PORT" "null $NULL_PORT $NULL_PID" "postern $PST_PORT $PST_PID")
for size in 2048 51200; do
for rcpts in 1 10; do
for per in 1 10; do
	for round in $(seq 1 "$ROUNDS"); do
		for i in 0 1 2; do
			set -- ${configs[$(( (i + round) % 3 ))]}
			one "$1" "$2" "${3:-}" "$size" "$rcpts" "$per" "$round"
		done
	done
done; done; done
kill -TERM $PIDS 2>/dev/null
PIDS=""

# medians per service and combination (ROUNDS values each)
awk '
function v(line, key,   i, n, f) {
	n = split(line, f, " ")
	for (i = 1; i <= n; i++) if (index(f[i], key "=") == 1)
		return substr(f[i], length(key) + 2)
}
function median(name, k, key,   i, n, a, j, x) {
	n = cnt[name, k]
	for (i = 1; i <= n; i++) a[i] = v(row[name, k, i], key) + 0
	for (i = 2; i <= n; i++) {	# insertion sort: ROUNDS is small
		x = a[i]
		for (j = i - 1; j >= 1 && a[j] > x; j--) a[j + 1] = a[j]
		a[j + 1] = x
	}
	return n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2
}
{ k = $2 " " $3 " " $4; row[$1, k, ++cnt[$1, k]] = $0
  if (!(k in seen)) { seen[k] = 1; keys[++nk] = k } }
END {
	for (i = 1; i <= nk; i++) {
		k = keys[i]
		a = median("none", k, "msgs_s"); b = median("null", k, "msgs_s")
		c = median("postern", k, "msgs_s")
		printf "%s: median of %d: none %.1f, null %.1f, postern %.1f msgs/s; postern/null=%.2f; cpu/msg postern %d us, null %d us (%.2f)\n",
		       k, cnt["null", k], a, b, c, c / b, median("postern", k, "cpu_us"),
		       median("null", k, "cpu_us"),
		       median("postern", k, "cpu_us") / median("null", k, "cpu_us")
	}
	k = keys[1]
	printf "milter: ratio=%.2f msgs_s=%.1f cpu_us=%d null_cpu_us=%d rss_kib=%d\n",
	       median("postern", k, "msgs_s") / median("null", k, "msgs_s"),
	       median("postern", k, "msgs_s"), median("postern", k, "cpu_us"),
	       median("null", k, "cpu_us"), median("postern", k, "rss_kib")
}' "$T/results"
