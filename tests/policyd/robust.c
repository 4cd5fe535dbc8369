/*
 * NAME
 *	robust.c - hostile and careless clients against postern-policyd
 * SYNOPSIS
 *	robust SOCKET
 * DESCRIPTION
 *	Run by test-policyd.sh against a daemon it started with a known
 *	rule file (reject.test is refused, a backtracking regex hits the
 *	PCRE2 match limit), policy_request_timeout = 2s and a small fd
 *	limit. Each case does something a broken or hostile client does,
 *	then checks that the offender was dropped and that the daemon
 *	still answers a well-formed request correctly. The last line is
 *	"N passed, N failed".
 * LICENSE
 *	MIT
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

static const char *sock_path;
static int passed;
static int failed;

static void
check(int ok, const char *what)
{
	printf("%s %s\n", ok ? "ok  " : "FAIL", what);
	if (ok)
		passed++;
	else
		failed++;
}

/* connect_unix - a connection, blocking unless nonblock; -1 on error */
static int
connect_unix(int nonblock)
{
	struct sockaddr_un sun;
	struct timeval tv = {10, 0};
	int	fd = socket(AF_UNIX, SOCK_STREAM
			    | (nonblock ? SOCK_NONBLOCK : 0), 0);

	if (fd < 0)
		return (-1);
	memset(&sun, 0, sizeof(sun));
	sun.sun_family = AF_UNIX;
	snprintf(sun.sun_path, sizeof(sun.sun_path), "%s", sock_path);
	if (connect(fd, (struct sockaddr *) &sun, sizeof(sun)) < 0) {
		close(fd);
		return (-1);
	}
	setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
	return (fd);
}

static int
send_all(int fd, const char *p, size_t n)
{
	while (n > 0) {
		ssize_t	w = write(fd, p, n);

		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return (-1);
		p += w;
		n -= (size_t) w;
	}
	return (0);
}

/* request - a RCPT request as Postfix 3.7 sends it */
static int
request(char *buf, size_t len, const char *rcpt, const char *extra)
{
	return (snprintf(buf, len, "request=smtpd_access_policy\n"
			 "protocol_state=RCPT\nprotocol_name=ESMTP\n"
			 "client_address=192.0.2.10\nclient_name=c.example\n"
			 "client_port=40000\nhelo_name=c.example\n"
			 "sender=a@example.org\nrecipient=%s\n%s"
			 "recipient_count=0\nqueue_id=\ninstance=1.2.3.%d\n"
			 "size=0\n\n", rcpt, extra, rand()));
}

/* ask - send a request, read the reply up to the empty line */
static int
ask(int fd, const char *rcpt, const char *extra, char *reply, size_t len)
{
	char	req[2048];
	size_t	got = 0;
	int	n = request(req, sizeof(req), rcpt, extra);

	if (send_all(fd, req, (size_t) n) < 0)
		return (-1);
	while (got + 1 < len) {
		ssize_t	r = read(fd, reply + got, len - 1 - got);

		if (r <= 0)
			return (-1);
		got += (size_t) r;
		reply[got] = 0;
		if (got >= 2 && strcmp(reply + got - 2, "\n\n") == 0)
			return (0);
	}
	return (-1);
}

/*
 * listening - the socket file appears at bind(); wait until connect()
 * succeeds too (a loaded machine can take its time), for 20 s at most
 */
static int
listening(void)
{
	struct timespec ts = {0, 100 * 1000 * 1000};
	int	i;
	int	fd;

	for (i = 0; i < 200; i++) {
		if ((fd = connect_unix(0)) >= 0) {
			close(fd);
			return (1);
		}
		nanosleep(&ts, NULL);
	}
	return (0);
}

/* still_serving - a fresh connection gets the right answers */
static int
still_serving(void)
{
	char	r[512];
	int	fd = connect_unix(0);
	int	ok;

	if (fd < 0)
		return (0);
	ok = ask(fd, "x@reject.test", "", r, sizeof(r)) == 0
		&& strcmp(r, "action=554 5.7.1 no\n\n") == 0
		&& ask(fd, "ok@sink.test", "", r, sizeof(r)) == 0
		&& strcmp(r, "action=DUNNO\n\n") == 0;
	close(fd);
	return (ok);
}

/* closed_by_peer - EOF (or reset) within ms */
static int
closed_by_peer(int fd, int ms)
{
	struct pollfd p = {fd, POLLIN, 0};
	char	b[256];

	while (poll(&p, 1, ms) > 0) {
		ssize_t	r = read(fd, b, sizeof(b));

		if (r <= 0)
			return (1);
	}
	return (0);
}

static void
case_persistent(void)
{
	char	r[512];
	int	fd = connect_unix(0);
	int	i;
	int	ok = fd >= 0;

	for (i = 0; ok && i < 1000; i++)
		ok = ask(fd, i % 2 ? "x@reject.test" : "y@sink.test", "", r,
			 sizeof(r)) == 0 && strcmp(r, i % 2 ?
				"action=554 5.7.1 no\n\n" :
				"action=DUNNO\n\n") == 0;
	check(ok, "1000 requests on one connection, each answered");
	check(ok && !closed_by_peer(fd, 200), "the connection stays open");
	close(fd);
}

static void
case_garbage(void)
{
	char	junk[4098];
	int	fd = connect_unix(0);
	size_t	i;

	for (i = 0; i < 4096; i++)
		junk[i] = (char) (rand() & 0xff);
	junk[4096] = '\n';
	junk[4097] = '\n';
	(void) send_all(fd, junk, sizeof(junk));
	check(fd >= 0 && closed_by_peer(fd, 3000), "garbage: dropped");
	close(fd);
	check(still_serving(), "garbage: others still served");
}

static void
case_huge_line(void)
{
	size_t	n = 1024 * 1024;
	char   *big = malloc(n);
	int	fd = connect_unix(0);

	memset(big, 'x', n);
	(void) send_all(fd, big, n);	/* the server stops reading early */
	check(fd >= 0 && closed_by_peer(fd, 3000), "1 MiB line: dropped");
	close(fd);
	free(big);
	check(still_serving(), "1 MiB line: others still served");
}

static void
case_many_attrs(void)
{
	size_t	cap = 10000 * 8 + 64;
	char   *req = malloc(cap);
	size_t	n = (size_t) snprintf(req, cap,
				      "request=smtpd_access_policy\n");
	int	fd = connect_unix(0);
	int	i;

	for (i = 0; i < 10000; i++)
		n += (size_t) snprintf(req + n, cap - n, "a=%d\n", i % 10);
	req[n++] = '\n';
	(void) send_all(fd, req, n);
	check(fd >= 0 && closed_by_peer(fd, 3000),
	      "10,000 attributes: dropped");
	close(fd);
	free(req);
	check(still_serving(), "10,000 attributes: others still served");
}

static void
case_half_request(void)
{
	char	req[2048];
	int	n = request(req, sizeof(req), "x@reject.test", "");
	int	fd = connect_unix(0);

	(void) send_all(fd, req, (size_t) n / 2);
	close(fd);
	check(still_serving(), "disconnect mid-request: others still served");
}

static void
case_duplicates(void)
{
	char	r[512];
	int	fd = connect_unix(0);

	check(fd >= 0 && ask(fd, "x@reject.test",
			     "recipient=ok@sink.test\nfuture_attr=1\n", r,
			     sizeof(r)) == 0
	      && strcmp(r, "action=554 5.7.1 no\n\n") == 0,
	      "duplicate attribute: the first counts; unknown ignored");
	close(fd);
}

static void
case_regex_limit(void)
{
	char	r[512];
	int	fd = connect_unix(0);

	/* /^(a+)+$/ backtracks exponentially on this */
	check(fd >= 0 && ask(fd, "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaab@x.test", "",
			     r, sizeof(r)) == 0
	      && strncmp(r, "action=451 4.3.0 ", 17) == 0,
	      "regex match limit: on_error defer (451 4.3.0)");
	close(fd);
}

static void
case_slowloris(void)
{
	char	req[2048];
	int	n = request(req, sizeof(req), "x@reject.test", "");
	int	fd = connect_unix(0);
	int	i;
	int	served = 1;
	int	dropped = 0;

	/* a byte every 200 ms: the 2 s request deadline must cut it */
	for (i = 0; i < n && i < 40 && !dropped; i++) {
		if (send_all(fd, req + i, 1) < 0) {
			dropped = 1;
			break;
		}
		if (i % 5 == 0)
			served &= still_serving();
		dropped = closed_by_peer(fd, 200);
	}
	check(dropped, "slowloris: dropped at the request deadline");
	check(served, "slowloris: others served meanwhile");
	close(fd);
}

static void
case_idle_flood(void)
{
	struct rlimit rl;
	int    *fds;
	int	want = 10000;
	int	open_ok = 0;
	int	control = connect_unix(0);
	char	r[512];
	int	i;

	getrlimit(RLIMIT_NOFILE, &rl);
	rl.rlim_cur = rl.rlim_max < 20000 ? rl.rlim_max : 20000;
	setrlimit(RLIMIT_NOFILE, &rl);
	fds = calloc((size_t) want, sizeof(*fds));
	for (i = 0; i < want; i++)
		if ((fds[i] = connect_unix(1)) >= 0)
			open_ok++;
	printf("     idle flood: %d of %d connections opened\n", open_ok,
	       want);
	check(control >= 0 && ask(control, "x@reject.test", "", r, sizeof(r))
	      == 0 && strcmp(r, "action=554 5.7.1 no\n\n") == 0,
	      "10,000 idle connections: an open connection still served");
	for (i = 0; i < want; i++)
		if (fds[i] >= 0)
			close(fds[i]);
	free(fds);
	close(control);
	/* the listener pauses a second at the fd limit; then it is back */
	for (i = 0; i < 50 && !still_serving(); i++)
		usleep(100000);
	check(i < 50, "10,000 idle connections: new ones served after");
}

int
main(int argc, char **argv)
{
	if (argc != 2) {
		fprintf(stderr, "usage: robust SOCKET\n");
		return (2);
	}
	sock_path = argv[1];
	signal(SIGPIPE, SIG_IGN);
	srand(12345);
	if (!listening()) {
		fprintf(stderr, "robust: nobody listens on %s after 20 s\n",
			sock_path);
		printf("0 passed, 1 failed\n");
		return (1);
	}
	check(still_serving(), "a well-formed request is answered");
	case_persistent();
	case_duplicates();
	case_garbage();
	case_huge_line();
	case_many_attrs();
	case_half_request();
	case_regex_limit();
	case_slowloris();
	case_idle_flood();
	printf("%d passed, %d failed\n", passed, failed);
	return (failed != 0);
}
