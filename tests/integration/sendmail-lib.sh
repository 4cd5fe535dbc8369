# sendmail-lib.sh - a throwaway Sendmail 8.17 on 127.0.0.1 for tests
#
# Sourced by the integration tests; follows
# ../shared/notes/sendmail-test-instance.md. Debian's sendmail-bin,
# sendmail-cf and libwrap0 packages are unpacked (never installed: that
# would remove Postfix) from $SENDMAIL_DEBS, which scripts/check fills
# with "apt-get download". Sendmail runs in a private UTS and mount
# namespace (unshare) with a dotted hostname and its own /etc/hosts, so
# it neither sleeps 60 s on an unqualified hostname nor asks DNS.
# Every recipient is delivered by a script into $S/mailbox.
#
#   sm_setup                 make $S, pick $SM_PORT, build test.cf (STARTTLS
#                            offered with a fresh self-signed certificate); the
#                            milter must listen on 127.0.0.1:$SM_MILTER_PORT
#                            (inet: Sendmail refuses a unix socket below a
#                            world-writable directory such as /tmp)
#   sm_start / sm_stop       the daemon (-bd), ready when it listens

sm_fail() {
	echo "FAIL: $*" >&2
	exit 1
}

sm_setup() {
	local f
	S=$(mktemp -d /tmp/postern-sm.XXXXXX)
	SM_PORT=$(free_port) || sm_fail "no free port"
	SM_MILTER_PORT=$SM_PORT
	while [ "$SM_MILTER_PORT" = "$SM_PORT" ]; do
		SM_MILTER_PORT=$(free_port) || sm_fail "no free port"
	done
	for f in "$SENDMAIL_DEBS"/*.deb; do
		dpkg-deb -x "$f" "$S/root" || sm_fail "unpack $f"
	done
	# setgid: glibc would ignore LD_LIBRARY_PATH (libwrap.so.0)
	chmod g-s "$S/root/usr/libexec/sendmail/sendmail"
	mkdir -m 700 "$S/mqueue"
	printf 'hosts files\naliases files\npasswd files\n' > "$S/service.switch"
	printf '127.0.0.1 localhost mta.test\n::1 localhost\n' > "$S/hosts"
	: > "$S/resolv.conf"
	: > "$S/local-host-names"
	cat > "$S/deliver" <<EOF2
#!/bin/sh
{ echo "=== rcpt: \$*"; cat; echo; } >> "$S/mailbox"
EOF2
	chmod 755 "$S/deliver"
	openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj /CN=mta.test \
		-keyout "$S/key.pem" -out "$S/cert.pem" >/dev/null 2>&1 \
		|| sm_fail "openssl req"
	chmod 600 "$S/key.pem"
	cat > "$S/test.mc" <<'EOF2'
divert(-1)
dnl Throwaway Sendmail; _DIR_, _MTA_PORT_, _MILTER_ come from m4 -D.
divert(0)dnl
OSTYPE(`linux')dnl
define(`confDOMAIN_NAME', `mta.test')dnl
define(`confDONT_PROBE_INTERFACES', `True')dnl
define(`confSERVICE_SWITCH_FILE', _DIR_`/service.switch')dnl
define(`confHOSTS_FILE', _DIR_`/hosts')dnl
define(`ALIAS_FILE', `')dnl
define(`confFORWARD_PATH', `')dnl
define(`confHELP_FILE', `')dnl
define(`STATUS_FILE', _DIR_`/sendmail.st')dnl
define(`QUEUE_DIR', _DIR_`/mqueue')dnl
define(`confPID_FILE', _DIR_`/sendmail.pid')dnl
define(`confDEAD_LETTER_DROP', _DIR_`/dead.letter')dnl
define(`confCW_FILE', _DIR_`/local-host-names')dnl
define(`confTO_IDENT', `0s')dnl
define(`confQUEUE_LA', `999')dnl
define(`confREFUSE_LA', `999')dnl
define(`confDELIVERY_MODE', `interactive')dnl
define(`confPRIVACY_FLAGS', `authwarnings')dnl
define(`confMILTER_MACROS_CONNECT', `j, _, {daemon_name}, {client_addr}, {client_port}')dnl
dnl STARTTLS; the files lie below /tmp, world-writable but sticky
define(`confSERVER_CERT', _DIR_`/cert.pem')dnl
define(`confSERVER_KEY', _DIR_`/key.pem')dnl
define(`confCACERT', _DIR_`/cert.pem')dnl
define(`confCACERT_PATH', _DIR_)dnl
define(`confDONT_BLAME_SENDMAIL', `TrustStickyBit')dnl
FEATURE(`nocanonify')dnl
FEATURE(`accept_unresolvable_domains')dnl
FEATURE(`accept_unqualified_senders')dnl
FEATURE(`no_default_msa')dnl
DAEMON_OPTIONS(`Port='_MTA_PORT_`, Addr=127.0.0.1, Name=MTA')dnl
INPUT_MAIL_FILTER(`postern', `S='_MILTER_`, F=T, T=S:10s;R:10s;E:30s')dnl
define(`LOCAL_MAILER_PATH', _DIR_`/deliver')dnl
define(`LOCAL_MAILER_ARGS', `deliver $u')dnl
define(`LOCAL_MAILER_FLAGS', `SPmn9')dnl
MODIFY_MAILER_FLAGS(`LOCAL', `-wA')dnl
MAILER(`local')dnl
LOCAL_RULE_0
R$+ < @ $+ . > $*	$#local $: $1@$2
R$+ < @ $+ > $*		$#local $: $1@$2
EOF2
	m4 -D_DIR_="$S" -D_MTA_PORT_="$SM_PORT" -D_MILTER_="inet:$SM_MILTER_PORT@127.0.0.1" \
		"$S/root/usr/share/sendmail/cf/m4/cf.m4" "$S/test.mc" \
		> "$S/test.cf" || sm_fail "m4"
	cat > "$S/smwrap" <<'EOF2'
#!/bin/sh
D=$(dirname "$(readlink -f "$0")")
exec unshare -mu sh -c '
  D=$1; shift
  hostname mta.test
  mount --bind "$D/hosts" /etc/hosts
  mount --bind "$D/resolv.conf" /etc/resolv.conf
  LD_LIBRARY_PATH="$D/root/usr/lib/x86_64-linux-gnu" exec "$D/root/usr/libexec/sendmail/sendmail" -C "$D/test.cf" "$@"
' smwrap "$D" "$@"
EOF2
	chmod 755 "$S/smwrap"
}

sm_start() {
	local i hex
	"$S/smwrap" -bd || sm_fail "sendmail -bd"
	hex=$(printf '%04X' "$SM_PORT")
	for i in $(seq 1 100); do
		grep -q "0100007F:$hex 00000000:0000 0A" /proc/net/tcp && return 0
		sleep 0.1
	done
	sm_fail "sendmail did not listen on 127.0.0.1:$SM_PORT"
}

sm_stop() {
	local i p
	[ -n "${S:-}" ] && [ -f "$S/sendmail.pid" ] || return 0
	p=$(head -n 1 "$S/sendmail.pid")
	kill "$p" 2>/dev/null
	for i in $(seq 1 50); do
		[ -e "$S/sendmail.pid" ] || return 0
		sleep 0.1
	done
	kill -KILL "$p" 2>/dev/null
}
