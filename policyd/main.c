/*
 * NAME
 *	main.c - postern-policyd, the Postfix policy service
 * SUMMARY
 *	options, configuration, listeners, privileges, then the loop
 * SYNOPSIS
 *	postern-policyd [-c postern.conf] [-f] [-t] [-s]
 * DESCRIPTION
 *	Order matters: read and check everything (configuration, rules)
 *	before binding, bind while still root (a unix socket under the
 *	Postfix queue directory), then drop to user/group, then serve.
 *	See postern-policyd(8).
 * LICENSE
 *	MIT
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <postern/conf.h>
#include <postern/rules.h>

#include "daemon.h"
#include "logger.h"
#include "server.h"

#ifndef PST_SYSCONFDIR
#define PST_SYSCONFDIR "/etc"
#endif

/* print_diag - configuration and rule errors, to stderr and the log */
static void
print_diag(void *ctx, const struct pst_diag *d)
{
	int    *errors = ctx;

	if (!d->warning)
		(*errors)++;
	/* the text says "warning:" itself; the prefix would repeat it */
	pst_log(d->warning ? LOG_NOTICE : LOG_ERR, "%s", d->text);
}

/* daemonize - the classic double step; stdio to /dev/null */
static int
daemonize(void)
{
	pid_t	pid = fork();
	int	fd;

	if (pid < 0)
		return (-1);
	if (pid > 0)
		_exit(0);
	if (setsid() < 0)
		return (-1);
	if ((fd = open("/dev/null", O_RDWR)) >= 0) {
		dup2(fd, 0);
		dup2(fd, 1);
		dup2(fd, 2);
		if (fd > 2)
			close(fd);
	}
	return (0);
}

static void
usage(void)
{
	fprintf(stderr, "usage: postern-policyd [-c postern.conf] [-f] [-t] "
		"[-s]\n"
		"  -c FILE  configuration (default %s/postern/postern.conf)\n"
		"  -f       stay in the foreground\n"
		"  -t       check the configuration and the rules, then exit\n"
		"  -s       spawn(8) mode: serve stdin/stdout, then exit\n",
		PST_SYSCONFDIR);
	exit(2);
}

int
main(int argc, char **argv)
{
	static struct pd_daemon d;
	struct pd_listener l[PD_MAX_LISTEN];
	const char *conf = PST_SYSCONFDIR "/postern/postern.conf";
	int	foreground = 0;
	int	test = 0;
	int	spawn = 0;
	int	errors = 0;
	int	nl = 0;
	int	ch;
	char	why[200];

	while ((ch = getopt(argc, argv, "c:fts")) != -1) {
		switch (ch) {
		case 'c':
			conf = optarg;
			break;
		case 'f':
			foreground = 1;
			break;
		case 't':
			test = 1;
			break;
		case 's':
			spawn = 1;
			break;
		default:
			usage();
		}
	}
	if (optind != argc)
		usage();
	/* spawn(8) connects stderr to the client: only syslog is safe */
	pst_logger_open("postern-policyd", spawn ? PST_LOG_SYSLOG :
			PST_LOG_STDERR);
	pst_conf_defaults(&d.conf);
	if (pst_conf_load_file(conf, &d.conf, print_diag, &errors) != PST_OK)
		return (1);
	if (pd_on_error_parse(&d, why, sizeof(why)) < 0) {
		pst_log(LOG_ERR, "%s: %s", conf, why);
		return (1);
	}
	if (pst_rules_load_file(d.conf.rules_path, &d.rules, print_diag,
				&errors) != PST_OK)
		return (1);
	d.log_line = strstr(d.conf.log_format, "line") != NULL
		|| strstr(d.conf.log_format, "both") != NULL;
	d.log_json = strstr(d.conf.log_format, "json") != NULL
		|| strstr(d.conf.log_format, "both") != NULL;
	if (strcmp(d.conf.log_target, "syslog") != 0
	    && strcmp(d.conf.log_target, "stderr") != 0) {
		pst_log(LOG_ERR, "%s: log_target: expected syslog or stderr",
			conf);
		pst_rules_free(d.rules);
		return (1);
	}
	if (!d.log_line && !d.log_json) {
		pst_log(LOG_ERR, "%s: log_format: expected line, json or both",
			conf);
		pst_rules_free(d.rules);
		return (1);
	}
	if (test) {
		printf("%s: ok, %zu rules from %s\n", conf,
		       pst_rules_count(d.rules), d.conf.rules_path);
		pst_rules_free(d.rules);
		return (0);
	}
	if (!spawn && !foreground && daemonize() < 0) {
		pst_log(LOG_ERR, "cannot become a daemon: %m");
		return (1);
	}
	/* after the fork: the pid in the lines must be the daemon's */
	pst_logger_open(d.conf.syslog_name[0] ? d.conf.syslog_name :
			"postern-policyd", spawn || strcmp(d.conf.log_target,
					"stderr") != 0 ? PST_LOG_SYSLOG :
			PST_LOG_STDERR);
	pst_logger_buffer(1);
	if (!spawn && (nl = pd_listen_systemd(l, PD_MAX_LISTEN)) == 0
	    && (nl = pd_listen_open(d.conf.policy_listen, l,
				    PD_MAX_LISTEN)) < 0) {
		pst_rules_free(d.rules);
		return (1);
	}
	d.state = pd_state_create((size_t) d.conf.state_max_transactions,
				  (size_t) d.conf.state_max_recipients,
				  (time_t) d.conf.state_ttl);
	if (d.state == NULL
	    || pst_drop_privileges(d.conf.user, d.conf.group) < 0) {
		pd_listen_close(l, (size_t) nl, 1);
		pst_rules_free(d.rules);
		pd_state_free(d.state);
		return (1);
	}
	pst_log(LOG_INFO, "ready: %zu rules from %s, %d listener%s",
		pst_rules_count(d.rules), d.conf.rules_path, nl,
		nl == 1 ? "" : "s");
	errors = pd_serve(&d, l, (size_t) nl, spawn ? 0 : -1);
	pst_logger_buffer(0);
	pd_listen_close(l, (size_t) nl, 1);
	pst_rules_free(d.rules);
	pd_state_free(d.state);
	pst_buf_free(&d.logbuf);
	return (errors < 0 ? 1 : 0);
}
