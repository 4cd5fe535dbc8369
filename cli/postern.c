/*
 * NAME
 *	postern - command line front end of libpostern
 * SUMMARY
 *	dispatch "postern <command> ..." to a subcommand
 * SYNOPSIS
 *	postern envelope [options] [LINE...]
 *	postern trace [--table|--timeline|--json] [FILE|-]
 *	postern check RULES
 *	postern explain RULES [--stage S] [key=value ...]
 *	postern --version | --help
 * DESCRIPTION
 *	A table of subcommands; adding one is adding a row. See
 *	postern(1).
 * LICENSE
 *	MIT
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include <postern/postern.h>

#include "cli.h"

struct subcommand {
	const char *name;
	int	(*run) (int, char **);
	const char *summary;
};

static const struct subcommand subcommands[] = {
	{"envelope", cli_envelope,
	 "judge MAIL FROM / RCPT TO lines as a strict server would"},
	{"check", cli_check,
	 "compile a rule file; errors as file:line:col, who runs what"},
	{"explain", cli_explain,
	 "evaluate rules offline and show the verdict the daemon gives"},
	{"trace", cli_trace,
	 "show the path a message took: hops, delays, TLS, anomalies"},
};

/* usage - list the subcommands */
static int
usage(FILE *fp, int status)
{
	size_t	i;

	fprintf(fp, "usage: postern <command> [options] [args]\n\n"
		"commands:\n");
	for (i = 0; i < sizeof(subcommands) / sizeof(subcommands[0]); i++)
		fprintf(fp, "  %-10s %s\n", subcommands[i].name,
			subcommands[i].summary);
	fprintf(fp, "\nSee postern(1). postern --version prints %s.\n",
		pst_version());
	return (status);
}

int
main(int argc, char **argv)
{
	size_t	i;

	if (argc < 2)
		return (usage(stderr, CLI_EXIT_USAGE));
	if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0)
		return (usage(stdout, CLI_EXIT_OK));
	if (strcmp(argv[1], "--version") == 0) {
		printf("postern %s\n", pst_version());
		return (CLI_EXIT_OK);
	}
	for (i = 0; i < sizeof(subcommands) / sizeof(subcommands[0]); i++)
		if (strcmp(argv[1], subcommands[i].name) == 0)
			return (subcommands[i].run(argc - 1, argv + 1));
	fprintf(stderr, "postern: unknown command \"%.64s\"\n", argv[1]);
	return (usage(stderr, CLI_EXIT_USAGE));
}
