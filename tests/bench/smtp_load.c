/*
 * NAME
 *	smtp_load - a small SMTP load client for the milter benchmark
 * SYNOPSIS
 *	smtp-load PORT CONNECTIONS MESSAGES SIZE RCPTS PER_SESSION
 * DESCRIPTION
 *	CONNECTIONS processes each open SMTP sessions to 127.0.0.1:PORT
 *	and send their share of MESSAGES messages of about SIZE bytes to
 *	RCPTS recipients, PER_SESSION messages per session (RSET-free: a
 *	new MAIL after each accepted DATA), one command at a time. Prints
 *	"msgs=N failed=N seconds=S msgs_s=R". Bounded: it sends exactly
 *	MESSAGES messages and gives up on a 30 s silence.
 * LICENSE
 *	MIT
 */
#include "config.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

struct sess {
	int	fd;
	char	buf[8192];
	size_t	len;
};

/* reply - read one whole reply; its code, or -1 */
static int
reply(struct sess *s)
{
	for (;;) {
		char   *nl;
		char   *line = s->buf;

		while ((nl = memchr(line, '\n', s->len - (size_t) (line -
							 s->buf))) != NULL) {
			int	last = nl - line >= 4 && line[3] == ' ';
			int	code = (int) strtol(line, NULL, 10);
			size_t	used = (size_t) (nl + 1 - s->buf);

			memmove(s->buf, nl + 1, s->len - used);
			s->len -= used;
			if (last)
				return (code);
			line = s->buf;
		}
		if (s->len == sizeof(s->buf))
			return (-1);
		{
			ssize_t	n = read(s->fd, s->buf + s->len,
					 sizeof(s->buf) - s->len);

			if (n <= 0)
				return (-1);
			s->len += (size_t) n;
		}
	}
}

static int
cmd(struct sess *s, const char *text, size_t len)
{
	size_t	off = 0;

	while (off < len) {
		ssize_t	n = write(s->fd, text + off, len - off);

		if (n <= 0)
			return (-1);
		off += (size_t) n;
	}
	return (reply(s));
}

static int
open_session(struct sess *s, int port)
{
	struct sockaddr_in sin;
	struct timeval tv = {30, 0};

	memset(&sin, 0, sizeof(sin));
	sin.sin_family = AF_INET;
	sin.sin_port = htons((unsigned short) port);
	sin.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	s->len = 0;
	if ((s->fd = socket(AF_INET, SOCK_STREAM, 0)) < 0)
		return (-1);
	setsockopt(s->fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
	if (connect(s->fd, (struct sockaddr *) &sin, sizeof(sin)) < 0
	    || reply(s) != 220
	    || cmd(s, "EHLO load.example\r\n", 19) != 250) {
		close(s->fd);
		return (-1);
	}
	return (0);
}

/* worker - n messages; how many were accepted */
static int
worker(int id, int port, int n, const char *body, int rcpts, int per)
{
	struct sess s;
	char	line[256];
	int	ok = 0;
	int	i;
	int	r;

	for (i = 0; i < n; i++) {
		if (i % per == 0 && open_session(&s, port) < 0)
			return (ok);
		snprintf(line, sizeof(line), "MAIL FROM:<load%d@example.org>"
			 "\r\n", id);
		if (cmd(&s, line, strlen(line)) != 250)
			goto next;
		for (r = 0; r < rcpts; r++) {
			snprintf(line, sizeof(line), "RCPT TO:<u%d.%d@"
				 "discard.example>\r\n", i, r);
			(void) cmd(&s, line, strlen(line));
		}
		if (cmd(&s, "DATA\r\n", 6) != 354)
			goto next;
		if (cmd(&s, body, strlen(body)) == 250)
			ok++;
next:
		if (i % per == per - 1 || i == n - 1) {
			(void) cmd(&s, "QUIT\r\n", 6);
			close(s.fd);
		}
	}
	return (ok);
}

/* make_body - headers and about size bytes of 76-column text */
static char *
make_body(int size)
{
	char   *b = malloc((size_t) size + 512);
	int	n;

	n = snprintf(b, 512, "From: load@example.org\r\n"
		    "To: u@discard.example\r\nSubject: load\r\n"
		    "Date: Mon, 23 Nov 2026 10:00:00 +0000\r\n"
		    "Message-ID: <load@example.org>\r\n\r\n");
	while (n < size) {
		memset(b + n, 'a' + n % 26, 76);
		memcpy(b + n + 76, "\r\n", 2);
		n += 78;
	}
	memcpy(b + n, ".\r\n", 4);
	return (b);
}

int
main(int argc, char **argv)
{
	struct timespec t0, t1;
	int	port, conns, msgs, size, rcpts, per;
	int	total = 0;
	int	c;
	char   *body;
	double	secs;

	if (argc != 7) {
		fprintf(stderr, "usage: smtp-load PORT CONNS MSGS SIZE RCPTS "
			"PER_SESSION\n");
		return (2);
	}
	port = (int) strtol(argv[1], NULL, 10);
	conns = (int) strtol(argv[2], NULL, 10);
	msgs = (int) strtol(argv[3], NULL, 10);
	size = (int) strtol(argv[4], NULL, 10);
	rcpts = (int) strtol(argv[5], NULL, 10);
	per = (int) strtol(argv[6], NULL, 10);
	if (conns < 1 || conns > 256 || msgs < conns || msgs > 1000000
	    || size < 0 || size > 10000000 || rcpts < 1 || rcpts > 100
	    || per < 1)
		return (2);
	body = make_body(size);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	for (c = 0; c < conns; c++) {
		if (fork() == 0) {
			int	mine = msgs / conns + (c < msgs % conns);

			_exit(worker(c, port, mine, body, rcpts, per) == mine ?
			      0 : 1);
		}
	}
	for (c = 0; c < conns; c++) {
		int	st;

		if (wait(&st) > 0 && WIFEXITED(st) && WEXITSTATUS(st) == 0)
			total++;
	}
	clock_gettime(CLOCK_MONOTONIC, &t1);
	secs = (double) (t1.tv_sec - t0.tv_sec)
		+ (double) (t1.tv_nsec - t0.tv_nsec) / 1e9;
	printf("msgs=%d failed_workers=%d seconds=%.2f msgs_s=%.1f\n", msgs,
	       conns - total, secs, msgs / secs);
	free(body);
	return (total == conns ? 0 : 1);
}
