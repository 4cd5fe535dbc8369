/*
 * NAME
 *	main.c - postern-milter, the libmilter filter
 * SUMMARY
 *	options, configuration, the shared rule set, SIGUSR1 reload
 * SYNOPSIS
 *	postern-milter [-c postern.conf] [-f] [-t]
 * DESCRIPTION
 *	Reads postern.conf and the rule file, opens milter_listen while
 *	still root, drops to user/group and runs smfi_main(). Stock
 *	libmilter's signal thread treats SIGHUP like SIGTERM (it stops the
 *	filter), so the rules are reloaded on SIGUSR1, as opendkim does: a
 *	thread of ours waits for it, loads the file and swaps the shared
 *	set; a file with an error is logged with file:line:col and the
 *	running set stays. Sessions hold a reference to the set they
 *	started a message with. See postern-milter(8).
 * LICENSE
 *	MIT
 */
#include "config.h"

#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "alloc.h"
#include "daemon.h"
#include "logger.h"
#include "milter.h"

#ifndef PST_SYSCONFDIR
#define PST_SYSCONFDIR "/etc"
#endif

struct pst_conf pm_conf;
struct pst_verdict pm_on_error;
struct pst_pseudonym pm_pseudonym;
int	pm_unix_socket;
static char pm_on_error_text[256];
int	pm_log_line = 1;
int	pm_log_json;

static pthread_mutex_t rules_lock = PTHREAD_MUTEX_INITIALIZER;
static struct pm_rules *rules_now;

struct pm_rules *
pm_rules_get(void)
{
	struct pm_rules *r;

	pthread_mutex_lock(&rules_lock);
	r = rules_now;
	r->refs++;
	pthread_mutex_unlock(&rules_lock);
	return (r);
}

void
pm_rules_put(struct pm_rules *r)
{
	int	last;

	pthread_mutex_lock(&rules_lock);
	last = --r->refs == 0;
	pthread_mutex_unlock(&rules_lock);
	if (last) {
		pst_rules_free(r->r);
		pst_free(r);
	}
}

/* print_diag - configuration and rule errors */
static void
print_diag(void *ctx, const struct pst_diag *d)
{
	(void) ctx;
	pst_log(d->warning ? LOG_NOTICE : LOG_ERR, "%s", d->text);
}

/* load_rules - a new set with what it needs worked out; NULL on error */
static struct pm_rules *
load_rules(void)
{
	struct pm_rules *r = pst_malloc(sizeof(*r));
	size_t	i;

	if (r == NULL)
		return (NULL);
	memset(r, 0, sizeof(*r));
	if (pst_rules_load_file(pm_conf.rules_path, &r->r, print_diag, NULL)
	    != PST_OK) {
		pst_free(r);
		return (NULL);
	}
	for (i = 0; i < pst_rules_count(r->r); i++) {
		enum pst_stage st;
		unsigned line;
		const char *name;
		unsigned doors;

		if (pst_rules_info(r->r, i, &st, &line, &name, &doors) == 0)
			r->stages |= 1u << st;
	}
	r->actions = pst_rules_actions(r->r);
	/* the HELO step brings helo and, in its macros, TLS */
	r->helo = (r->stages & (1u << PST_STAGE_HELO))
		|| pst_rules_reads(r->r, "helo")
		|| pst_rules_reads(r->r, "non_fqdn_helo")
		|| pst_rules_reads(r->r, "tls.protocol")
		|| pst_rules_reads(r->r, "tls.cipher");
	r->refs = 1;			/* the reference rules_now holds */
	return (r);
}

/* reloader - SIGUSR1: load, swap, drop our reference to the old set */
static void *
reloader(void *arg)
{
	sigset_t *set = arg;
	int	sig;

	for (;;) {
		struct pm_rules *r;
		struct pm_rules *old;

		if (sigwait(set, &sig) != 0 || sig != SIGUSR1)
			continue;
		if ((r = load_rules()) == NULL) {
			pst_log(LOG_ERR, "reload of %s failed; keeping the "
				"rules in use", pm_conf.rules_path);
			continue;
		}
		pthread_mutex_lock(&rules_lock);
		old = rules_now;
		rules_now = r;
		pthread_mutex_unlock(&rules_lock);
		pm_rules_put(old);
		pst_log(LOG_INFO, "reloaded %s: %zu rules", pm_conf.rules_path,
			pst_rules_count(r->r));
	}
	return (NULL);
}

/* milter_address - Postfix notation to libmilter's (inet:port@host) */
static int
milter_address(const char *in, char *out, size_t len)
{
	const char *colon;

	if (strncmp(in, "unix:", 5) == 0 || strncmp(in, "local:", 6) == 0)
		return (snprintf(out, len, "%s", in) < (int) len ? 0 : -1);
	if (strncmp(in, "inet:", 5) != 0 && strncmp(in, "inet6:", 6) != 0)
		return (-1);
	if ((colon = strrchr(in + 5, ':')) == NULL || strchr(in, '@'))
		return (snprintf(out, len, "%s", in) < (int) len ? 0 : -1);
	/* inet:127.0.0.1:10041 -> inet:10041@127.0.0.1 */
	return (snprintf(out, len, "%.*s%s@%.*s", in[4] == '6' ? 6 : 5, in,
			 colon + 1, (int) (colon - in - 5), in + 5) <
		(int) len ? 0 : -1);
}

static void
usage(void)
{
	fprintf(stderr, "usage: postern-milter [-c postern.conf] [-f] [-t]\n"
		"  -c FILE  configuration (default %s/postern/postern.conf)\n"
		"  -f       stay in the foreground\n"
		"  -t       check the configuration and the rules, exit\n",
		PST_SYSCONFDIR);
	exit(2);
}

int
main(int argc, char **argv)
{
	const char *conf = PST_SYSCONFDIR "/postern/postern.conf";
	static sigset_t usr1;
	char	addr[PST_CONF_PATH_MAX + 16];
	char	why[200];
	pthread_t tid;
	int	foreground = 0;
	int	test = 0;
	int	ch;
	int	rc;

	while ((ch = getopt(argc, argv, "c:ft")) != -1) {
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
		default:
			usage();
		}
	}
	if (optind != argc)
		usage();
	pst_logger_open("postern-milter", PST_LOG_STDERR);
	pst_conf_defaults(&pm_conf);
	if (pst_conf_load_file(conf, &pm_conf, print_diag, NULL) != PST_OK)
		return (1);
	if (pst_conf_error_verdict(&pm_conf, &pm_on_error, pm_on_error_text,
				   sizeof(pm_on_error_text), why,
				   sizeof(why)) != PST_OK) {
		pst_log(LOG_ERR, "%s: %s", conf, why);
		return (1);
	}
	if (pst_pseudonym_load(&pm_conf, &pm_pseudonym, why, sizeof(why))
	    != PST_OK) {
		pst_log(LOG_ERR, "%s: %s", conf, why);
		return (1);
	}
	pm_log_line = strstr(pm_conf.log_format, "json") == NULL
		|| strstr(pm_conf.log_format, "both") != NULL;
	pm_log_json = strstr(pm_conf.log_format, "json") != NULL
		|| strstr(pm_conf.log_format, "both") != NULL;
	pm_unix_socket = strncmp(pm_conf.milter_listen, "unix:", 5) == 0
		|| strncmp(pm_conf.milter_listen, "local:", 6) == 0;
	if (milter_address(pm_conf.milter_listen, addr, sizeof(addr)) < 0) {
		pst_log(LOG_ERR, "%s: milter_listen: expected unix:PATH or "
			"inet:HOST:PORT", conf);
		return (1);
	}
	if ((rules_now = load_rules()) == NULL)
		return (1);
	if (test) {
		printf("%s: ok, %zu rules from %s\n", conf,
		       pst_rules_count(rules_now->r), pm_conf.rules_path);
		pm_rules_put(rules_now);
		return (0);
	}
	if (!foreground && daemon(0, 0) < 0) {
		pst_log(LOG_ERR, "cannot become a daemon: %m");
		return (1);
	}
	pst_logger_open(pm_conf.syslog_name[0] ? pm_conf.syslog_name :
			"postern-milter", strcmp(pm_conf.log_target,
						 "stderr") == 0 ?
			PST_LOG_STDERR : PST_LOG_SYSLOG);
	/*
	 * SIGUSR1 for our reload thread; SIGHUP, SIGTERM and SIGINT for
	 * libmilter's signal thread. Blocked here, before any thread is
	 * made, so that no other thread takes them (a SIGTERM delivered to
	 * the reload thread would kill the process without a clean stop).
	 */
	sigemptyset(&usr1);
	sigaddset(&usr1, SIGUSR1);
	{
		sigset_t all = usr1;

		sigaddset(&all, SIGHUP);
		sigaddset(&all, SIGTERM);
		sigaddset(&all, SIGINT);
		pthread_sigmask(SIG_BLOCK, &all, NULL);
	}
	if (smfi_setconn(addr) != MI_SUCCESS
	    || smfi_register(pm_desc) != MI_SUCCESS) {
		pst_log(LOG_ERR, "%s: cannot set up libmilter", addr);
		return (1);
	}
	umask(0111);			/* the socket: 0666, like Postfix's */
	if (smfi_opensocket(1) != MI_SUCCESS) {
		pst_log(LOG_ERR, "%s: cannot listen", addr);
		return (1);
	}
	umask(022);
	if (pst_drop_privileges(pm_conf.user, pm_conf.group) < 0)
		return (1);
	if (pthread_create(&tid, NULL, reloader, &usr1) != 0) {
		pst_log(LOG_ERR, "cannot start the reload thread");
		return (1);
	}
	pst_log(LOG_INFO, "ready: %zu rules from %s, listening on %s",
		pst_rules_count(rules_now->r), pm_conf.rules_path, addr);
	rc = smfi_main();
	pst_log(LOG_INFO, "stopped");
	return (rc == MI_SUCCESS ? 0 : 1);
}
