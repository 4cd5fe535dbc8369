/*
 * NAME
 *	server.c - the event loop of postern-policyd
 * SUMMARY
 *	epoll, non-blocking sockets, bounded buffers, deadlines
 * SYNOPSIS
 *	#include "server.h"
 * DESCRIPTION
 *	See server.h. Connections sit on two lists ordered by time: all
 *	of them by last activity (idle timeout), and those with a partial
 *	request by the time its first byte came (request timeout). Both
 *	are checked once a second from the head, so a timer costs O(1)
 *	per connection touched, whatever the number of connections.
 * LICENSE
 *	MIT
 */
#include "config.h"

#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/signalfd.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

#include <postern/policy.h>

#include "alloc.h"
#include "logger.h"
#include "server.h"

/* Our choice: a read's worth; Postfix's request is ~650 bytes. */
#define PD_READ_CHUNK	4096
/* Our choice: at most this long to finish requests after SIGTERM. */
#define PD_DRAIN_SECONDS 10
#define PD_EVENTS	64

struct pd_conn;

struct pd_list {
	struct pd_conn *head;
	struct pd_conn *tail;
};

struct pd_link {
	struct pd_conn *prev;
	struct pd_conn *next;
	int	on;
};

struct pd_conn {
	int	rfd;
	int	wfd;
	struct pd_link idle;		/* by last activity */
	struct pd_link partial;		/* by first byte of the request */
	time_t	active;
	time_t	started;
	char   *in;
	size_t	inlen;
	size_t	incap;
	size_t	scanned;
	struct pst_buf out;
	size_t	outoff;
	int	wantout;		/* EPOLLOUT armed */
	struct pd_memo memo;
	char	peer[80];
};

struct pd_loop {
	struct pd_daemon *d;
	int	ep;
	int	sfd;
	struct pd_listener *l;
	size_t	nl;
	int	paused;			/* listeners off (EMFILE) until... */
	time_t	resume;
	size_t	nconn;
	struct pd_list idle;
	struct pd_list partial;
	int	draining;
	time_t	drain_until;
	int	spawn;
	time_t	last_refusal_log;
};

/* Epoll data: a tag in the low bits tells listeners and signals apart. */
#define TAG_SIGNAL	((uintptr_t) 1)
#define TAG_LISTENER	((uintptr_t) 2)

#define LINK(c, f) (&(c)->f)
#define LIST_REMOVE(L, c, f) list_remove((L), (c), \
	offsetof(struct pd_conn, f))
#define LIST_APPEND(L, c, f) list_append((L), (c), \
	offsetof(struct pd_conn, f))

static struct pd_link *
link_of(struct pd_conn *c, size_t off)
{
	return ((struct pd_link *) (void *) ((char *) c + off));
}

static void
list_remove(struct pd_list *L, struct pd_conn *c, size_t off)
{
	struct pd_link *k = link_of(c, off);

	if (!k->on)
		return;
	if (k->prev)
		link_of(k->prev, off)->next = k->next;
	else
		L->head = k->next;
	if (k->next)
		link_of(k->next, off)->prev = k->prev;
	else
		L->tail = k->prev;
	k->prev = k->next = NULL;
	k->on = 0;
}

static void
list_append(struct pd_list *L, struct pd_conn *c, size_t off)
{
	struct pd_link *k = link_of(c, off);

	list_remove(L, c, off);
	k->prev = L->tail;
	k->next = NULL;
	if (L->tail)
		link_of(L->tail, off)->next = c;
	else
		L->head = c;
	L->tail = c;
	k->on = 1;
}

/* conn_close - forget a connection */
static void
conn_close(struct pd_loop *lp, struct pd_conn *c)
{
	LIST_REMOVE(&lp->idle, c, idle);
	LIST_REMOVE(&lp->partial, c, partial);
	(void) epoll_ctl(lp->ep, EPOLL_CTL_DEL, c->rfd, NULL);
	if (c->wfd != c->rfd)
		(void) epoll_ctl(lp->ep, EPOLL_CTL_DEL, c->wfd, NULL);
	close(c->rfd);
	if (c->wfd != c->rfd)
		close(c->wfd);
	pst_free(c->in);
	pst_buf_free(&c->out);
	pst_free(c);
	lp->nconn--;
}

/* peer_name - "unix" or "[ip]:port", for logs */
static void
peer_name(int fd, char *out, size_t len)
{
	struct sockaddr_storage ss;
	socklen_t sl = sizeof(ss);
	char	ip[INET6_ADDRSTRLEN];

	snprintf(out, len, "fd %d", fd);
	if (getpeername(fd, (struct sockaddr *) &ss, &sl) != 0)
		return;
	if (ss.ss_family == AF_INET) {
		struct sockaddr_in *s4 = (struct sockaddr_in *) &ss;

		inet_ntop(AF_INET, &s4->sin_addr, ip, sizeof(ip));
		snprintf(out, len, "[%s]:%u", ip, ntohs(s4->sin_port));
	} else if (ss.ss_family == AF_INET6) {
		struct sockaddr_in6 *s6 = (struct sockaddr_in6 *) &ss;

		inet_ntop(AF_INET6, &s6->sin6_addr, ip, sizeof(ip));
		snprintf(out, len, "[%s]:%u", ip, ntohs(s6->sin6_port));
	} else if (ss.ss_family == AF_UNIX) {
		snprintf(out, len, "unix fd %d", fd);
	}
}

/* conn_add - a new connection on rfd/wfd; NULL if out of memory */
static struct pd_conn *
conn_add(struct pd_loop *lp, int rfd, int wfd, time_t now)
{
	struct pd_conn *c = pst_malloc(sizeof(*c));
	struct epoll_event ev;

	if (c == NULL)
		return (NULL);
	memset(c, 0, sizeof(*c));
	c->rfd = rfd;
	c->wfd = wfd;
	c->active = now;
	pst_buf_init(&c->out, 4096);
	peer_name(rfd, c->peer, sizeof(c->peer));
	memset(&ev, 0, sizeof(ev));
	ev.events = EPOLLIN | EPOLLRDHUP;
	ev.data.ptr = c;
	if (epoll_ctl(lp->ep, EPOLL_CTL_ADD, rfd, &ev) < 0) {
		pst_log(LOG_WARNING, "epoll: %m");
		pst_free(c);
		return (NULL);
	}
	lp->nconn++;
	LIST_APPEND(&lp->idle, c, idle);
	return (c);
}

/* want_write - watch wfd for EPOLLOUT, or stop watching */
static void
want_write(struct pd_loop *lp, struct pd_conn *c, int on)
{
	struct epoll_event ev;

	if (c->wantout == on)
		return;			/* an epoll_ctl per reply is costly */
	c->wantout = on;
	memset(&ev, 0, sizeof(ev));
	ev.data.ptr = c;
	if (c->wfd != c->rfd) {
		ev.events = EPOLLOUT;
		(void) epoll_ctl(lp->ep, on ? EPOLL_CTL_ADD : EPOLL_CTL_DEL,
				 c->wfd, &ev);
		return;
	}
	ev.events = EPOLLIN | EPOLLRDHUP | (on ? EPOLLOUT : 0);
	(void) epoll_ctl(lp->ep, EPOLL_CTL_MOD, c->rfd, &ev);
}

/* conn_flush - write what is pending; -1 when the peer is gone */
static int
conn_flush(struct pd_loop *lp, struct pd_conn *c)
{
	while (c->outoff < c->out.len) {
		ssize_t	n = write(c->wfd, c->out.data + c->outoff,
				  c->out.len - c->outoff);

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
			want_write(lp, c, 1);
			return (0);
		}
		if (n <= 0)
			return (-1);
		c->outoff += (size_t) n;
	}
	want_write(lp, c, 0);
	pst_buf_reset(&c->out);
	c->outoff = 0;
	return (0);
}

/* conn_requests - answer every complete request; -1 to close */
static int
conn_requests(struct pd_loop *lp, struct pd_conn *c)
{
	size_t	n;

	while (c->out.len == 0 && (n = pst_policy_request_end(
				pst_span_make(c->in, c->inlen),
				c->scanned)) > 0) {
		if (pd_answer(lp->d, &c->memo, pst_span_make(c->in, n),
			      &c->out, c->peer) < 0)
			return (-1);
		memmove(c->in, c->in + n, c->inlen - n);
		c->inlen -= n;
		c->scanned = 0;
		LIST_REMOVE(&lp->partial, c, partial);
		if (conn_flush(lp, c) < 0)
			return (-1);
	}
	c->scanned = c->inlen;
	if (c->inlen > 0 && !c->partial.on) {
		c->started = c->active;
		LIST_APPEND(&lp->partial, c, partial);
	}
	return (0);
}

/* conn_read - what arrived; -1 to close */
static int
conn_read(struct pd_loop *lp, struct pd_conn *c, time_t now)
{
	size_t	max = (size_t) lp->d->conf.policy_max_request;
	int	rounds;

	c->active = now;
	LIST_APPEND(&lp->idle, c, idle);
	/* bounded: a fast client cannot keep us in one connection */
	for (rounds = 0; rounds < 16; rounds++) {
		ssize_t	n;

		if (c->inlen == c->incap) {
			size_t	ncap = c->incap ? c->incap * 2 : PD_READ_CHUNK;
			char   *nb;

			if (c->incap >= max + 1) {
				pst_log(LOG_WARNING, "%s: policy request "
					"larger than policy_max_request (%zu "
					"bytes); closing the connection",
					c->peer, max);
				return (-1);
			}
			if (ncap > max + 1)
				ncap = max + 1;
			if ((nb = pst_realloc(c->in, ncap)) == NULL) {
				pst_log(LOG_WARNING, "%s: out of memory; "
					"closing the connection", c->peer);
				return (-1);
			}
			c->in = nb;
			c->incap = ncap;
		}
		n = read(c->rfd, c->in + c->inlen, c->incap - c->inlen);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
			break;
		if (n <= 0) {
			if (c->inlen > 0)
				pst_log(LOG_WARNING, "%s: connection closed "
					"in the middle of a request", c->peer);
			return (-1);
		}
		c->inlen += (size_t) n;
		if (conn_requests(lp, c) < 0)
			return (-1);
	}
	return (0);
}

/* pause_listeners - stop accepting for a second (fd limit reached) */
static void
pause_listeners(struct pd_loop *lp, int on, time_t now)
{
	size_t	i;

	if (lp->paused == on)
		return;
	for (i = 0; i < lp->nl; i++) {
		struct epoll_event ev;

		memset(&ev, 0, sizeof(ev));
		ev.events = EPOLLIN;
		ev.data.u64 = ((uint64_t) i << 8) | TAG_LISTENER;
		(void) epoll_ctl(lp->ep, on ? EPOLL_CTL_DEL : EPOLL_CTL_ADD,
				 lp->l[i].fd, &ev);
	}
	lp->paused = on;
	lp->resume = now + 1;
}

/* do_accept - take new connections from listener i */
static void
do_accept(struct pd_loop *lp, size_t i, time_t now)
{
	int	k;

	for (k = 0; k < 64; k++) {
		int	fd = accept4(lp->l[i].fd, NULL, NULL,
				     SOCK_NONBLOCK | SOCK_CLOEXEC);

		if (fd < 0) {
			if (errno == EMFILE || errno == ENFILE
			    || errno == ENOBUFS || errno == ENOMEM) {
				if (now != lp->last_refusal_log)
					pst_log(LOG_WARNING, "%s: cannot "
						"accept (%m); %zu connections "
						"open; pausing for a second",
						lp->l[i].name, lp->nconn);
				lp->last_refusal_log = now;
				pause_listeners(lp, 1, now);
			}
			return;
		}
		if (lp->nconn >= lp->d->conf.policy_max_connections
		    || conn_add(lp, fd, fd, now) == NULL) {
			if (now != lp->last_refusal_log)
				pst_log(LOG_WARNING, "%s: %zu connections "
					"(policy_max_connections); refusing a "
					"new one", lp->l[i].name, lp->nconn);
			lp->last_refusal_log = now;
			close(fd);
		}
	}
}

/* tick - once a second: deadlines, state expiry, resuming listeners */
static void
tick(struct pd_loop *lp, time_t now)
{
	time_t	idle = (time_t) lp->d->conf.policy_idle_timeout;
	time_t	req = (time_t) lp->d->conf.policy_request_timeout;
	struct pd_conn *c;

	while ((c = lp->partial.head) != NULL && now - c->started >= req) {
		pst_log(LOG_WARNING, "%s: request not complete after %lds "
			"(policy_request_timeout); closing the connection",
			c->peer, (long) req);
		conn_close(lp, c);
	}
	while ((c = lp->idle.head) != NULL && now - c->active >= idle)
		conn_close(lp, c);	/* Postfix reconnects at will */
	pd_state_expire(lp->d->state, now);
	if (lp->paused && now >= lp->resume && !lp->draining)
		pause_listeners(lp, 0, now);
}

/* on_signal - SIGHUP reloads, SIGTERM/SIGINT drain */
static void
on_signal(struct pd_loop *lp, time_t now)
{
	struct signalfd_siginfo si;

	while (read(lp->sfd, &si, sizeof(si)) == (ssize_t) sizeof(si)) {
		if (si.ssi_signo == SIGHUP) {
			(void) pd_reload(lp->d);
		} else if (!lp->draining) {
			pst_log(LOG_INFO, "signal %u: stopping; finishing %zu "
				"connection%s", si.ssi_signo, lp->nconn,
				lp->nconn == 1 ? "" : "s");
			pause_listeners(lp, 1, now);
			lp->draining = 1;
			lp->drain_until = now + PD_DRAIN_SECONDS;
		}
	}
}

/* drain_idle - while stopping, close every connection not mid-request */
static void
drain_idle(struct pd_loop *lp)
{
	struct pd_conn *c = lp->idle.head;

	while (c != NULL) {
		struct pd_conn *next = c->idle.next;

		if (c->inlen == 0 && c->out.len == 0)
			conn_close(lp, c);
		c = next;
	}
}

/* loop_init - epoll set, signalfd, listeners */
static int
loop_init(struct pd_loop *lp)
{
	struct epoll_event ev;
	sigset_t mask;

	sigemptyset(&mask);
	sigaddset(&mask, SIGHUP);
	sigaddset(&mask, SIGTERM);
	sigaddset(&mask, SIGINT);
	if (sigprocmask(SIG_BLOCK, &mask, NULL) < 0
	    || (lp->sfd = signalfd(-1, &mask, SFD_NONBLOCK | SFD_CLOEXEC)) < 0
	    || (lp->ep = epoll_create1(EPOLL_CLOEXEC)) < 0) {
		pst_log(LOG_ERR, "cannot set up the event loop: %m");
		return (-1);
	}
	memset(&ev, 0, sizeof(ev));
	ev.events = EPOLLIN;
	ev.data.u64 = TAG_SIGNAL;
	if (epoll_ctl(lp->ep, EPOLL_CTL_ADD, lp->sfd, &ev) < 0)
		return (-1);
	pause_listeners(lp, 0, 0);
	return (0);
}

int
pd_serve(struct pd_daemon *d, struct pd_listener *l, size_t nl,
	 int spawn_fd)
{
	struct pd_loop lp;
	struct epoll_event ev[PD_EVENTS];
	time_t	last_tick = 0;

	memset(&lp, 0, sizeof(lp));
	lp.d = d;
	lp.l = l;
	lp.nl = nl;
	lp.paused = 1;			/* loop_init turns them on */
	lp.sfd = lp.ep = -1;
	(void) signal(SIGPIPE, SIG_IGN);
	if (loop_init(&lp) < 0)
		goto out;
	if (spawn_fd >= 0) {
		lp.spawn = 1;
		if (conn_add(&lp, spawn_fd, spawn_fd == 0 ? 1 : spawn_fd,
			     time(NULL)) == NULL)
			goto out;
	}
	for (;;) {
		int	n = epoll_wait(lp.ep, ev, PD_EVENTS, 1000);
		time_t	now = time(NULL);
		int	i;

		if (n < 0 && errno != EINTR) {
			pst_log(LOG_ERR, "epoll_wait: %m");
			break;
		}
		for (i = 0; i < n; i++) {
			uint64_t tag = ev[i].data.u64;

			if (tag == TAG_SIGNAL) {
				on_signal(&lp, now);
			} else if ((tag & 0xff) == TAG_LISTENER) {
				if (!lp.paused)
					do_accept(&lp, (size_t) (tag >> 8),
						  now);
			} else {
				struct pd_conn *c = ev[i].data.ptr;
				int	bad = 0;

				if (ev[i].events & EPOLLOUT)
					bad = conn_flush(&lp, c) < 0
						|| conn_requests(&lp, c) < 0;
				if (!bad && (ev[i].events & (EPOLLIN | EPOLLHUP
						| EPOLLERR | EPOLLRDHUP)))
					bad = conn_read(&lp, c, now) < 0;
				if (bad)
					conn_close(&lp, c);
			}
		}
		if (now != last_tick) {
			tick(&lp, now);
			last_tick = now;
		}
		pst_log_flush();	/* the decision lines of this round */
		if (lp.draining)
			drain_idle(&lp);
		if ((lp.draining && (lp.nconn == 0 || now >= lp.drain_until))
		    || (lp.spawn && lp.nconn == 0))
			break;
	}
	while (lp.idle.head != NULL)
		conn_close(&lp, lp.idle.head);
	pst_log(LOG_INFO, "stopped after %llu requests",
		(unsigned long long) d->requests);
	close(lp.ep);
	close(lp.sfd);
	return (0);
out:
	if (lp.ep >= 0)
		close(lp.ep);
	if (lp.sfd >= 0)
		close(lp.sfd);
	return (-1);
}

/* reload_diag - errors of the new rule file, with file:line:col */
static void
reload_diag(void *ctx, const struct pst_diag *dg)
{
	(void) ctx;
	pst_log(dg->warning ? LOG_NOTICE : LOG_ERR, "%s", dg->text);
}

int
pd_reload(struct pd_daemon *d)
{
	struct pst_rules *r;

	if (pst_rules_load_file(d->conf.rules_path, &r, reload_diag, NULL)
	    != PST_OK) {
		pst_log(LOG_ERR, "reload of %s failed; keeping the %zu rules "
			"in use", d->conf.rules_path,
			pst_rules_count(d->rules));
		return (-1);
	}
	pst_rules_free(d->rules);
	d->rules = r;
	pst_log(LOG_INFO, "reloaded %s: %zu rules", d->conf.rules_path,
		pst_rules_count(r));
	return (0);
}
