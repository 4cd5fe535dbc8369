/*
 * NAME
 *	policy_echo - the baseline policy server: DUNNO without parsing
 * SYNOPSIS
 *	policy-echo SOCKET
 * DESCRIPTION
 *	The cheapest server that still speaks the protocol correctly: the
 *	same epoll loop shape as postern-policyd, one buffer per
 *	connection, and for every empty line it finds it answers
 *	"action=DUNNO". No attribute is looked at. bench-policy measures
 *	postern-policyd against it in the same run. Stops on SIGTERM.
 * LICENSE
 *	MIT
 */
#include "config.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#define ECHO_BUF	65536

struct echo_conn {
	int	fd;
	size_t	len;
	char	buf[ECHO_BUF];
};

static volatile sig_atomic_t stop;

static void
on_term(int sig)
{
	(void) sig;
	stop = 1;
}

/* serve - read what is there, answer each complete request */
static int
serve(struct echo_conn *c)
{
	static const char dunno[] = "action=DUNNO\n\n";
	ssize_t	n = read(c->fd, c->buf + c->len, sizeof(c->buf) - c->len);
	size_t	i;
	size_t	start = 0;

	if (n <= 0)
		return (n < 0 && errno == EAGAIN ? 0 : -1);
	c->len += (size_t) n;
	for (i = 1; i < c->len; i++) {
		if (c->buf[i] == '\n' && c->buf[i - 1] == '\n') {
			if (write(c->fd, dunno, sizeof(dunno) - 1) < 0)
				return (-1);
			start = i + 1;
		}
	}
	memmove(c->buf, c->buf + start, c->len - start);
	c->len -= start;
	return (c->len == sizeof(c->buf) ? -1 : 0);
}

int
main(int argc, char **argv)
{
	struct sockaddr_un sun;
	struct epoll_event ev;
	struct epoll_event evs[64];
	int	lfd;
	int	ep;

	if (argc != 2) {
		fprintf(stderr, "usage: policy-echo SOCKET\n");
		return (2);
	}
	signal(SIGTERM, on_term);
	signal(SIGPIPE, SIG_IGN);
	memset(&sun, 0, sizeof(sun));
	sun.sun_family = AF_UNIX;
	snprintf(sun.sun_path, sizeof(sun.sun_path), "%s", argv[1]);
	unlink(argv[1]);
	lfd = socket(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK, 0);
	if (lfd < 0 || bind(lfd, (struct sockaddr *) &sun, sizeof(sun)) < 0
	    || listen(lfd, 1024) < 0 || (ep = epoll_create1(0)) < 0) {
		perror("policy-echo");
		return (1);
	}
	memset(&ev, 0, sizeof(ev));
	ev.events = EPOLLIN;
	ev.data.ptr = NULL;
	epoll_ctl(ep, EPOLL_CTL_ADD, lfd, &ev);
	while (!stop) {
		int	n = epoll_wait(ep, evs, 64, 200);
		int	i;

		for (i = 0; i < n; i++) {
			struct echo_conn *c = evs[i].data.ptr;

			if (c == NULL) {
				int	fd = accept4(lfd, NULL, NULL,
						     SOCK_NONBLOCK);

				if (fd < 0 || (c = malloc(sizeof(*c))) == NULL)
					continue;
				c->fd = fd;
				c->len = 0;
				ev.events = EPOLLIN;
				ev.data.ptr = c;
				epoll_ctl(ep, EPOLL_CTL_ADD, fd, &ev);
			} else if (serve(c) < 0) {
				close(c->fd);
				free(c);
			}
		}
	}
	unlink(argv[1]);
	return (0);
}
