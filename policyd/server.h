/*
 * NAME
 *	server.h - the event loop of postern-policyd
 * SYNOPSIS
 *	#include "server.h"
 * DESCRIPTION
 *	One thread, one epoll set: listeners, connections and a signalfd.
 *	A connection holds at most one request being read and one reply
 *	being written (Postfix never pipelines); it stays open after the
 *	reply, because Postfix reuses it and a closed connection costs
 *	the next query a retry and a second. Limits, each logged when hit:
 *	request size (policy_max_request), connections
 *	(policy_max_connections and the fd limit: new connections are
 *	closed, the others keep being served), the time a request may
 *	take to arrive (policy_request_timeout: slowloris) and idle time
 *	(policy_idle_timeout; Postfix itself closes after max_idle 300s).
 *	SIGHUP reloads the rules, keeping the running set when the new
 *	one fails; SIGTERM and SIGINT stop accepting, let requests in
 *	flight finish (at most 10 seconds) and return.
 * LICENSE
 *	MIT
 */
#ifndef POSTERN_POLICYD_SERVER_H
#define POSTERN_POLICYD_SERVER_H

#include <stddef.h>

#include "answer.h"
#include "listen.h"

/* pd_serve - run until SIGTERM; 0, or -1 when it could not start.
 * spawn_fd >= 0: serve that one connection (spawn(8)) and return when
 * it closes */
int	pd_serve(struct pd_daemon *d, struct pd_listener *l, size_t nl,
		 int spawn_fd);
/* pd_reload - load the rules again; the old set stays on failure */
int	pd_reload(struct pd_daemon *d);

#endif
