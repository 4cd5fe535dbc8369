# postfix-lib.sh - a throwaway Postfix instance on 127.0.0.1 for tests
#
# Sourced by the integration tests. Everything lives under $T (a fresh
# temporary directory); nothing under /etc or /var is touched. Follows
# ../shared/notes/postfix-test-instance.md. Needs root (postfix start is
# root-only); the daemons drop to the postfix user themselves.
#
#   pf_setup            make $T, pick $SMTP_PORT, write main.cf/master.cf
#   pf_conf 'k = v'     add a main.cf setting (before pf_start)
#   pf_start            start and wait for the 220 banner
#   pf_stop             stop (called by the EXIT trap too)
#   smtp_open/smtp_cmd  a scripted SMTP session over bash's /dev/tcp
#   expect/contains     assertions counted in $pass and $fail
#   send                a swaks session; the replies it saw

pass=0
fail=0
# expect NAME GOT WANT-PREFIX - GOT starts with WANT-PREFIX
expect() {
	case $2 in
	"$3"*) pass=$((pass + 1)); echo "ok   $1" ;;
	*) fail=$((fail + 1)); echo "FAIL $1: got '$2', want '$3...'" ;;
	esac
}
# contains NAME FILE TEXT - FILE has TEXT (fixed string)
contains() {
	if grep -qF -- "$3" "$2"; then
		pass=$((pass + 1)); echo "ok   $1"
	else
		fail=$((fail + 1)); echo "FAIL $1: no '$3' in $2"
		# what is there instead: the lines sharing its first word
		grep -F -- "${3%% *}" "$2" 2>/dev/null | tail -n 3 | sed 's/^/  | /'
	fi
}

# send SWAKS-ARGS... - one SMTP session to 127.0.0.1:$SEND_PORT (default
# $SMTP_PORT); prints every reply swaks saw, one per line, without CR
send() {
	swaks --server "127.0.0.1:${SEND_PORT:-$SMTP_PORT}" --timeout 60 "$@" \
		2>&1 | sed -n 's/^ *<[-*~]\{1,3\} *\([2-5][0-9][0-9][ -].*\)/\1/p' \
		| tr -d '\r'
}

pf_fail() {
	echo "FAIL: $*" >&2
	if [ -n "${T:-}" ] && [ -f "$T/maillog" ]; then
		echo "--- tail of $T/maillog" >&2
		tail -n 30 "$T/maillog" >&2
	fi
	exit 1
}

# free_port - a TCP port in 20000-30000 that nothing listens on
free_port() {
	local p i
	for i in $(seq 1 200); do
		p=$((20000 + RANDOM % 10000))
		if [ -z "$(ss -Htln "sport = :$p" 2>/dev/null)" ]; then
			echo "$p"
			return 0
		fi
	done
	return 1
}

pf_setup() {
	T=$(mktemp -d /tmp/postern-pf.XXXXXX)
	chmod 755 "$T"
	mkdir -p "$T/etc" "$T/sink"
	chown nobody "$T/sink"
	install -d -m 755 -o root -g root "$T/queue"
	SMTP_PORT=$(free_port) || pf_fail "no free port"
	cat > "$T/etc/main.cf" <<EOF2
compatibility_level = 3.6
queue_directory = $T/queue
data_directory = $T/data
mail_owner = postfix
setgid_group = postdrop
syslog_name = postfix-test
maillog_file = $T/maillog
maillog_file_prefixes = $T
myhostname = mx.postern.test
mydomain = postern.test
myorigin = \$myhostname
inet_interfaces = 127.0.0.1
inet_protocols = ipv4
mynetworks = 127.0.0.0/8
smtp_dns_support_level = disabled
mydestination =
alias_maps =
alias_database =
local_recipient_maps =
biff = no
local_header_rewrite_clients =
virtual_mailbox_domains = sink.test
virtual_mailbox_base = $T/sink
virtual_mailbox_maps = static:maildir/
virtual_uid_maps = static:$(id -u nobody)
virtual_gid_maps = static:$(id -g nobody)
default_transport = discard:default
relay_transport = discard:relay
local_transport = discard:local
in_flow_delay = 0
EOF2
	cat > "$T/etc/master.cf" <<EOF2
127.0.0.1:$SMTP_PORT inet n - n - - smtpd
pickup    unix  n - n 60 1 pickup
cleanup   unix  n - n - 0 cleanup
qmgr      unix  n - n 300 1 qmgr
rewrite   unix  - - n - - trivial-rewrite
bounce    unix  - - n - 0 bounce
defer     unix  - - n - 0 bounce
trace     unix  - - n - 0 bounce
verify    unix  - - n - 1 verify
flush     unix  n - n 1000? 0 flush
proxymap  unix  - - n - - proxymap
showq     unix  n - n - - showq
error     unix  - - n - - error
retry     unix  - - n - - error
discard   unix  - - n - - discard
virtual   unix  - n n - - virtual
anvil     unix  - - n - 1 anvil
scache    unix  - - n - 1 scache
postlog   unix-dgram n - n - 1 postlogd
EOF2
}

pf_conf() {
	printf '%s\n' "$1" >> "$T/etc/main.cf"
}

# pf_tls - STARTTLS offered (smtpd_tls_security_level = may) with a
# fresh self-signed certificate; swaks --tls uses it
pf_tls() {
	openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 \
		-nodes -days 2 -subj /CN=mx.postern.test \
		-keyout "$T/etc/key.pem" -out "$T/etc/cert.pem" >/dev/null 2>&1 \
		|| pf_fail "openssl req"
	pf_conf "smtpd_tls_cert_file = $T/etc/cert.pem"
	pf_conf "smtpd_tls_key_file = $T/etc/key.pem"
	pf_conf 'smtpd_tls_security_level = may'
	# smtpd asks tlsmgr for entropy and sessions; without it: 454
	echo 'tlsmgr    unix  - - n 1000? 1 tlsmgr' >> "$T/etc/master.cf"
}

# tls_rule STAGE FILE - one rule on tls.protocol and tls.cipher, the
# same for both daemons and both MTAs (the policy attributes
# encryption_protocol/_cipher, the milter macros {tls_version}/{cipher}
# at HELO)
tls_rule() {
	printf 'name=tls %s sender.domain == "tls.test" and %s\n\t%s\n' "$1" \
		'tls.protocol ~ /^TLSv1\.[23]$/ and tls.cipher ~ /./' \
		'-> reject 550 5.7.1 "Seen over TLS"' >> "$2"
}

# tls_checks RCPT REPLY ACCEPTED - over STARTTLS the rule answers REPLY;
# without TLS the message gets the reply that starts with ACCEPTED
tls_checks() {
	local out
	out=$(send --tls --from a@tls.test --to "$1" --h-Subject tls)
	expect "TLS: tls.protocol and tls.cipher seen" \
		"$(printf '%s\n' "$out" | grep '^550')" "$2"
	out=$(send --from a@tls.test --to "$1" --h-Subject plain)
	expect "no TLS: the TLS rule does not match" \
		"$(printf '%s\n' "$out" | grep -c "^$3")" "1"
}

pf_start() {
	local i
	postfix -c "$T/etc" check >/dev/null 2>&1 || true
	postfix -c "$T/etc" start >/dev/null 2>&1 || pf_fail "postfix start"
	for i in $(seq 1 150); do
		if exec 9<>"/dev/tcp/127.0.0.1/$SMTP_PORT" 2>/dev/null; then
			local banner=""
			read -r -t 5 banner <&9 || true
			printf 'QUIT\r\n' >&9 2>/dev/null || true
			exec 9>&- 9<&-
			case $banner in 220\ *) return 0 ;; esac
		fi
		sleep 0.1
	done
	pf_fail "postfix did not answer on 127.0.0.1:$SMTP_PORT"
}

pf_stop() {
	[ -n "${T:-}" ] && [ -d "$T/etc" ] || return 0
	postfix -c "$T/etc" stop >/dev/null 2>&1 || true
	if ! /usr/lib/postfix/sbin/master -c "$T/etc" -t >/dev/null 2>&1; then
		postfix -c "$T/etc" abort >/dev/null 2>&1 || true
	fi
}

# pf_wait_queue - until the queue is empty (delivery done), bounded
pf_wait_queue() {
	local i
	for i in $(seq 1 100); do
		postqueue -c "$T/etc" -p 2>/dev/null | grep -q 'Mail queue is empty' \
			&& return 0
		sleep 0.1
	done
	return 1
}

# smtp_open - connect fd 8; read the banner into $SMTP_REPLY
smtp_open() {
	exec 8<>"/dev/tcp/127.0.0.1/$SMTP_PORT" || pf_fail "connect smtp"
	smtp_read
}

# smtp_read - one (multi-line) reply into $SMTP_REPLY (last line)
smtp_read() {
	local line
	SMTP_REPLY=""
	while read -r -t 30 line <&8; do
		line=${line%$'\r'}
		SMTP_REPLY=$line
		case $line in [0-9][0-9][0-9]-*) continue ;; esac
		return 0
	done
	SMTP_REPLY="(no reply)"
}

# smtp_cmd LINE - send a command, read its reply
smtp_cmd() {
	printf '%s\r\n' "$1" >&8
	smtp_read
}

smtp_close() {
	printf 'QUIT\r\n' >&8 2>/dev/null || true
	exec 8>&- 8<&-
}
