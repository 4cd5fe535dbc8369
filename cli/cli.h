/*
 * NAME
 *	cli.h - subcommands of the postern command
 * DESCRIPTION
 *	Each subcommand is one function taking argc/argv after its name
 *	and returning the process exit status: 0 success, 1 when input
 *	was refused (a line, a rule, a config), 2 on usage error, 3 on
 *	internal error.
 * LICENSE
 *	MIT
 */
#ifndef POSTERN_CLI_H
#define POSTERN_CLI_H

#include <stddef.h>

#define CLI_EXIT_OK		0
#define CLI_EXIT_REFUSED	1
#define CLI_EXIT_USAGE		2
#define CLI_EXIT_INTERNAL	3

int	cli_envelope(int argc, char **argv);
/* cli_read_file - a file or "-" (stdin), at most max octets */
char   *cli_read_file(const char *path, size_t max, size_t *len,
		      int *too_big);
int	cli_trace(int argc, char **argv);
int	cli_check(int argc, char **argv);
int	cli_explain(int argc, char **argv);

#endif
