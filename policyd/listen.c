/*
 * NAME
 *	listen.c - the sockets a daemon listens on
 * SUMMARY
 *	unix and inet (IPv4, IPv6) listeners; systemd socket activation
 * SYNOPSIS
 *	#include "listen.h"
 * DESCRIPTION
 *	See listen.h. Every socket is non-blocking and close-on-exec.
 * LICENSE
 *	MIT
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <netdb.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include "listen.h"
#include "logger.h"

/* Our choice: the kernel caps it at somaxconn anyway. */
#define PD_BACKLOG	1024

/* open_unix - bind a unix socket at path */
static int
open_unix(const char *path)
{
	struct sockaddr_un sun;
	struct stat st;
	int	fd;

	if (strlen(path) >= sizeof(sun.sun_path)) {
		pst_log(LOG_ERR, "unix:%s: path too long", path);
		return (-1);
	}
	if (lstat(path, &st) == 0) {
		if (!S_ISSOCK(st.st_mode)) {
			pst_log(LOG_ERR, "unix:%s: exists and is not a socket",
				path);
			return (-1);
		}
		(void) unlink(path);
	}
	memset(&sun, 0, sizeof(sun));
	sun.sun_family = AF_UNIX;
	memcpy(sun.sun_path, path, strlen(path) + 1);
	fd = socket(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
	if (fd < 0 || bind(fd, (struct sockaddr *) &sun, sizeof(sun)) < 0
	    || chmod(path, 0666) < 0 || listen(fd, PD_BACKLOG) < 0) {
		pst_log(LOG_ERR, "unix:%s: cannot listen: %m", path);
		if (fd >= 0)
			close(fd);
		return (-1);
	}
	return (fd);
}

/* open_inet - bind host:port, host may be [v6] */
static int
open_inet(const char *hostport)
{
	char	host[256];
	const char *port;
	struct addrinfo hints;
	struct addrinfo *res = NULL;
	int	fd = -1;
	int	one = 1;
	int	rc;

	if (hostport[0] == '[') {
		const char *end = strchr(hostport, ']');

		if (end == NULL || end[1] != ':' || end - hostport - 1 >=
		    (long) sizeof(host))
			goto bad;
		memcpy(host, hostport + 1, (size_t) (end - hostport - 1));
		host[end - hostport - 1] = 0;
		port = end + 2;
	} else {
		const char *colon = strrchr(hostport, ':');

		if (colon == NULL || colon - hostport >= (long) sizeof(host))
			goto bad;
		memcpy(host, hostport, (size_t) (colon - hostport));
		host[colon - hostport] = 0;
		port = colon + 1;
	}
	if (*port == 0)
		goto bad;
	memset(&hints, 0, sizeof(hints));
	hints.ai_socktype = SOCK_STREAM;
	hints.ai_flags = AI_PASSIVE | AI_NUMERICSERV;
	if ((rc = getaddrinfo(host[0] ? host : NULL, port, &hints, &res))
	    != 0) {
		pst_log(LOG_ERR, "inet:%s: %s", hostport, gai_strerror(rc));
		return (-1);
	}
	fd = socket(res->ai_family, SOCK_STREAM | SOCK_NONBLOCK
		    | SOCK_CLOEXEC, 0);
	if (fd < 0 || setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one,
				 sizeof(one)) < 0
	    || bind(fd, res->ai_addr, res->ai_addrlen) < 0
	    || listen(fd, PD_BACKLOG) < 0) {
		pst_log(LOG_ERR, "inet:%s: cannot listen: %m", hostport);
		if (fd >= 0)
			close(fd);
		fd = -1;
	}
	freeaddrinfo(res);
	return (fd);
bad:
	pst_log(LOG_ERR, "inet:%s: expected inet:host:port", hostport);
	return (-1);
}

int
pd_listen_open(const char *spec, struct pd_listener *out, size_t max)
{
	char	item[256];
	size_t	n = 0;
	const char *p = spec;

	while (*p) {
		size_t	len = strcspn(p, " \t,");
		struct pd_listener *l = &out[n];

		if (len == 0) {
			p++;
			continue;
		}
		if (n == max || len >= sizeof(item)) {
			pst_log(LOG_ERR, "too many or too long listen "
				"endpoints");
			goto fail;
		}
		memcpy(item, p, len);
		item[len] = 0;
		p += len;
		memset(l, 0, sizeof(*l));
		snprintf(l->name, sizeof(l->name), "%s", item);
		if (strncmp(item, "unix:", 5) == 0) {
			l->fd = open_unix(item + 5);
			snprintf(l->path, sizeof(l->path), "%s", item + 5);
		} else if (strncmp(item, "inet:", 5) == 0) {
			l->fd = open_inet(item + 5);
		} else {
			pst_log(LOG_ERR, "%s: expected unix:PATH or "
				"inet:HOST:PORT", item);
			l->fd = -1;
		}
		if (l->fd < 0)
			goto fail;
		n++;
	}
	if (n == 0) {
		pst_log(LOG_ERR, "nothing to listen on");
		return (-1);
	}
	return ((int) n);
fail:
	pd_listen_close(out, n, 1);
	return (-1);
}

int
pd_listen_systemd(struct pd_listener *out, size_t max)
{
	const char *pid = getenv("LISTEN_PID");
	const char *fds = getenv("LISTEN_FDS");
	long	n;
	long	i;

	if (pid == NULL || fds == NULL
	    || strtol(pid, NULL, 10) != (long) getpid())
		return (0);
	n = strtol(fds, NULL, 10);
	if (n <= 0 || (size_t) n > max)
		return (0);
	for (i = 0; i < n; i++) {
		int	fd = 3 + (int) i;	/* SD_LISTEN_FDS_START */

		(void) fcntl(fd, F_SETFD, FD_CLOEXEC);
		(void) fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK);
		memset(&out[i], 0, sizeof(out[i]));
		out[i].fd = fd;
		snprintf(out[i].name, sizeof(out[i].name), "systemd:%d", fd);
	}
	unsetenv("LISTEN_PID");
	unsetenv("LISTEN_FDS");
	return ((int) n);
}

void
pd_listen_close(struct pd_listener *l, size_t n, int unlink_paths)
{
	size_t	i;

	for (i = 0; i < n; i++) {
		if (l[i].fd >= 0)
			close(l[i].fd);
		l[i].fd = -1;
		if (unlink_paths && l[i].path[0])
			(void) unlink(l[i].path);
	}
}
