#!/bin/bash
# run-milter.sh - Postfix throughput with no milter, a null milter and
# postern-milter, in the same run
#
# A throwaway Postfix on 127.0.0.1 (tests/integration/postfix-lib.sh);
# smtp-load sends N messages over K connections for each combination of
# 2 KB / 50 KB, 1 / 10 recipients and 1 / 10 messages per session, with
# (a) no milter, (b) null-milter (every callback, continue) and (c)
# postern-milter with a 10-rule file. Prints msgs/s, milter CPU per
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

if [ "$(id -u)" != 0 ] || ! command -v postfix >/dev/null; then
	echo "milter: skipped (needs root and Postfix)"
	exit 0
fi
. "$top_srcdir/tests/integration/postfix-lib.sh"
MPID=""
cleanup() {
	[ -n "$MPID" ] && kill -KILL "$MPID" 2>/dev/null
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
pf_start

cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
use_milter() {	# socket or "" : point Postfix at it
	postconf -c "$T/etc" -e "smtpd_milters = $1" >/dev/null
	postfix -c "$T/etc" reload >/dev/null 2>&1
	sleep 1.5
}
start_milter() {	# SOCKET CMD...
	local sock=$1; shift
	rm -f "$sock"
	"$@" 2>/dev/null &
	MPID=$!
	for i in $(seq 1 100); do [ -S "$sock" ] && return 0; sleep 0.05; done
	echo "milter did not start" >&2
	exit 1
}
stop_milter() { kill -KILL "$MPID" 2>/dev/null; wait "$MPID" 2>/dev/null; MPID=""; }

hz=$(getconf CLK_TCK)
run() {		# NAME: all combinations, one line each
	local name=$1 size rcpts per out c0 c1 cpu rss
	for size in 2048 51200; do
	for rcpts in 1 10; do
	for per in 1 10; do
		c0=0
		[ -n "$MPID" ] && c0=$(cpu_ticks "$MPID")
		out=$("$LOAD" "$SMTP_PORT" "$K" "$N" "$size" "$rcpts" "$per")
		cpu=0 rss=0
		if [ -n "$MPID" ]; then
			c1=$(cpu_ticks "$MPID")
			cpu=$(( (c1 - c0) * 1000000 / hz / N ))
			rss=$(awk '/^VmRSS:/ {print $2}' "/proc/$MPID/status")
		fi
		echo "$name size=$size rcpts=$rcpts per_session=$per $out cpu_us=$cpu rss_kib=$rss" \
			| tee -a "$T/results"
		pf_wait_queue >/dev/null || true
	done; done; done
}

use_milter ""
run none
start_milter "$T/null.sock" "$NULLM" "unix:$T/null.sock"
use_milter "unix:$T/null.sock"
run null
stop_milter
start_milter "$T/postern.sock" "$MILTER" -f -c "$T/postern.conf"
use_milter "unix:$T/postern.sock"
run postern
stop_milter

awk '
function v(line, key,   i, n, f) {
	n = split(line, f, " ")
	for (i = 1; i <= n; i++) if (index(f[i], key "=") == 1)
		return substr(f[i], length(key) + 2)
}
{ k = $2 " " $3 " " $4; row[$1, k] = $0; if (!(k in seen)) { seen[k] = 1; keys[++nk] = k } }
END {
	for (i = 1; i <= nk; i++) {
		k = keys[i]; b = row["null", k]; c = row["postern", k]
		printf "%s: none %s, null %s, postern %s msgs/s; postern/null=%.2f; cpu/msg postern %s us, null %s us\n", k,
		       v(row["none", k], "msgs_s"), v(b, "msgs_s"), v(c, "msgs_s"),
		       v(c, "msgs_s") / v(b, "msgs_s"), v(c, "cpu_us"), v(b, "cpu_us")
	}
	k = keys[1]; b = row["null", k]; c = row["postern", k]
	printf "milter: ratio=%.2f msgs_s=%s cpu_us=%s null_cpu_us=%s rss_kib=%s\n",
	       v(c, "msgs_s") / v(b, "msgs_s"), v(c, "msgs_s"), v(c, "cpu_us"),
	       v(b, "cpu_us"), v(c, "rss_kib")
}' "$T/results"
