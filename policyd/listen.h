/*
 * NAME
 *	listen.h - the sockets a daemon listens on
 * SYNOPSIS
 *	#include "listen.h"
 * DESCRIPTION
 *	A listen setting is a list of endpoints in Postfix's notation,
 *	separated by white space or commas:
 *
 *	unix:/var/spool/postfix/postern/policy
 *	inet:127.0.0.1:10040   inet:[::1]:10040   inet:localhost:10040
 *
 *	A unix socket left behind by an earlier run is replaced (only if
 *	it is a socket); a new one gets mode 0666, like Postfix's own
 *	sockets: put it in a directory only Postfix can reach. Under
 *	systemd socket activation (LISTEN_FDS) the inherited sockets are
 *	used instead and the setting is ignored.
 * LICENSE
 *	MIT
 */
#ifndef POSTERN_POLICYD_LISTEN_H
#define POSTERN_POLICYD_LISTEN_H

#include <stddef.h>

#define PD_MAX_LISTEN	16

struct pd_listener {
	int	fd;
	char	name[256];		/* as written, for logs */
	char	path[256];		/* unix: path to unlink at exit */
};

/*
 * pd_listen_open - bind every endpoint of spec; the count, or -1 after
 * logging what failed (then nothing stays open)
 */
int	pd_listen_open(const char *spec, struct pd_listener *out, size_t max);
/* pd_listen_systemd - sockets passed by systemd; the count (0: none) */
int	pd_listen_systemd(struct pd_listener *out, size_t max);
void	pd_listen_close(struct pd_listener *l, size_t n, int unlink_paths);

#endif
