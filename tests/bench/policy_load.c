/*
 * NAME
 *	policy_load - a policy-protocol load generator, Postfix-shaped
 * SYNOPSIS
 *	policy-load SOCKET SERVER_PID CONNECTIONS REQUESTS
 * DESCRIPTION
 *	Opens CONNECTIONS unix-socket connections and keeps exactly one
 *	request outstanding on each, as Postfix's smtpd processes do,
 *	until REQUESTS replies have come back (bounded). Requests are the
 *	29 attributes Postfix 3.7 sends at RCPT (~650 bytes), with 4096
 *	different clients, senders, recipients and instances so that no
 *	cache helps. Prints one line: requests per second, latency
 *	percentiles, the server's CPU time per request (from
 *	/proc/PID/schedstat, nanoseconds) and its resident size measured
 *	while all connections are still open and idle.
 * LICENSE
 *	MIT
 */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

#define NREQ	4096

struct lconn {
	int	fd;
	size_t	got;
	double	sent;
	char	buf[512];
};

static char *reqs[NREQ];
static size_t reqlen[NREQ];

static double
now_us(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (ts.tv_sec * 1e6 + ts.tv_nsec / 1e3);
}

/* build - the RCPT request Postfix 3.7 sends, varied by i */
static void
build(int i)
{
	char	b[2048];
	int	n = snprintf(b, sizeof(b),
		"request=smtpd_access_policy\nprotocol_state=RCPT\n"
		"protocol_name=ESMTP\nclient_address=198.51.%d.%d\n"
		"client_name=mail%d.sender-domain-%d.example\n"
		"client_port=%d\n"
		"reverse_client_name=mail%d.sender-domain-%d.example\n"
		"server_address=192.0.2.25\nserver_port=25\n"
		"helo_name=mail%d.sender-domain-%d.example\n"
		"sender=newsletter-%d@sender-domain-%d.example\n"
		"recipient=user.name.%d@recipient-domain-%d.example\n"
		"recipient_count=0\nqueue_id=\ninstance=%x.6b04886c.90801.0\n"
		"size=%d\netrn_domain=\nstress=\nsasl_method=\n"
		"sasl_username=\nsasl_sender=\nccert_subject=\nccert_issuer=\n"
		"ccert_fingerprint=\nccert_pubkey_fingerprint=\n"
		"encryption_protocol=TLSv1.3\n"
		"encryption_cipher=TLS_AES_256_GCM_SHA384\n"
		"encryption_keysize=256\npolicy_context=\n\n",
		i / 250 % 250, i % 250, i, i % 977, 40000 + i % 20000, i,
		i % 977, i, i % 977, i, i % 977, i, i % 499, 0x1000 + i,
		1000 + i * 7);

	reqs[i] = malloc((size_t) n);
	memcpy(reqs[i], b, (size_t) n);
	reqlen[i] = (size_t) n;
}

/* sched_ns - CPU time of pid, nanoseconds */
static double
sched_ns(long pid)
{
	char	path[64];
	double	ns = 0;
	FILE   *fp;

	snprintf(path, sizeof(path), "/proc/%ld/schedstat", pid);
	if ((fp = fopen(path, "r")) != NULL) {
		if (fscanf(fp, "%lf", &ns) != 1)
			ns = 0;
		fclose(fp);
	}
	return (ns);
}

static long
rss_kib(long pid)
{
	char	path[64];
	char	line[256];
	long	kib = 0;
	FILE   *fp;

	snprintf(path, sizeof(path), "/proc/%ld/status", pid);
	if ((fp = fopen(path, "r")) == NULL)
		return (0);
	while (fgets(line, sizeof(line), fp))
		if (sscanf(line, "VmRSS: %ld", &kib) == 1)
			break;
	fclose(fp);
	return (kib);
}

static int
cmp_double(const void *a, const void *b)
{
	double	x = *(const double *) a;
	double	y = *(const double *) b;

	return ((x > y) - (x < y));
}

int
main(int argc, char **argv)
{
	struct sockaddr_un sun;
	struct epoll_event ev;
	struct epoll_event evs[128];
	struct lconn *c;
	double *lat;
	double	t0, t1, cpu0, cpu1;
	long	pid, total, done = 0, sent = 0;
	int	nconn, ep, i;

	if (argc != 5) {
		fprintf(stderr, "usage: policy-load SOCKET PID CONNS REQS\n");
		return (2);
	}
	pid = strtol(argv[2], NULL, 10);
	nconn = (int) strtol(argv[3], NULL, 10);
	total = strtol(argv[4], NULL, 10);
	if (nconn < 1 || nconn > 10000 || total < nconn || total > 10000000)
		return (2);
	for (i = 0; i < NREQ; i++)
		build(i);
	lat = calloc((size_t) total, sizeof(*lat));
	c = calloc((size_t) nconn, sizeof(*c));
	ep = epoll_create1(0);
	memset(&sun, 0, sizeof(sun));
	sun.sun_family = AF_UNIX;
	snprintf(sun.sun_path, sizeof(sun.sun_path), "%s", argv[1]);
	for (i = 0; i < nconn; i++) {
		c[i].fd = socket(AF_UNIX, SOCK_STREAM, 0);
		if (connect(c[i].fd, (struct sockaddr *) &sun, sizeof(sun))
		    < 0) {
			perror("connect");
			return (1);
		}
		ev.events = EPOLLIN;
		ev.data.ptr = &c[i];
		epoll_ctl(ep, EPOLL_CTL_ADD, c[i].fd, &ev);
	}
	cpu0 = sched_ns(pid);
	t0 = now_us();
	for (i = 0; i < nconn; i++, sent++) {
		c[i].sent = now_us();
		if (write(c[i].fd, reqs[sent % NREQ], reqlen[sent % NREQ]) < 0)
			return (1);
	}
	while (done < total) {
		int	n = epoll_wait(ep, evs, 128, 5000);

		if (n <= 0) {
			fprintf(stderr, "policy-load: server stalled\n");
			return (1);
		}
		for (i = 0; i < n; i++) {
			struct lconn *k = evs[i].data.ptr;
			ssize_t	r = read(k->fd, k->buf + k->got,
					 sizeof(k->buf) - k->got);

			if (r <= 0) {
				fprintf(stderr, "policy-load: connection "
					"lost\n");
				return (1);
			}
			k->got += (size_t) r;
			if (k->got < 2 || k->buf[k->got - 1] != '\n'
			    || k->buf[k->got - 2] != '\n')
				continue;
			lat[done++] = now_us() - k->sent;
			k->got = 0;
			if (sent < total) {
				k->sent = now_us();
				if (write(k->fd, reqs[sent % NREQ],
					  reqlen[sent % NREQ]) < 0)
					return (1);
				sent++;
			}
		}
	}
	t1 = now_us();
	cpu1 = sched_ns(pid);
	qsort(lat, (size_t) total, sizeof(*lat), cmp_double);
	printf("conns=%d reqs=%ld req_s=%.0f p50_us=%.1f p99_us=%.1f "
	       "p999_us=%.1f cpu_us=%.2f rss_kib=%ld\n", nconn, total,
	       total / ((t1 - t0) / 1e6), lat[total / 2],
	       lat[total * 99 / 100], lat[total * 999 / 1000],
	       (cpu1 - cpu0) / 1e3 / (double) total, rss_kib(pid));
	for (i = 0; i < nconn; i++)
		close(c[i].fd);
	for (i = 0; i < NREQ; i++)
		free(reqs[i]);
	free(lat);
	free(c);
	return (0);
}
