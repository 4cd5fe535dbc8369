/*
 * NAME
 *	null_milter - the milter benchmark's baseline
 * SYNOPSIS
 *	null-milter unix:PATH
 * DESCRIPTION
 *	Takes every callback (no negotiation: all protocol steps) and
 *	continues, as the "null milter" anchor of the issue does. What
 *	postern-milter costs is measured against it in the same run.
 * LICENSE
 *	MIT
 */
#include "config.h"

#include <stdio.h>
#include <sys/stat.h>

#include <libmilter/mfapi.h>

static sfsistat
x_connect(SMFICTX *c, char *h, _SOCK_ADDR *sa)
{
	(void) c;
	(void) h;
	(void) sa;
	return (SMFIS_CONTINUE);
}

static sfsistat
x_one(SMFICTX *c, char *a)
{
	(void) c;
	(void) a;
	return (SMFIS_CONTINUE);
}

static sfsistat
x_argv(SMFICTX *c, char **a)
{
	(void) c;
	(void) a;
	return (SMFIS_CONTINUE);
}

static sfsistat
x_hdr(SMFICTX *c, char *n, char *v)
{
	(void) c;
	(void) n;
	(void) v;
	return (SMFIS_CONTINUE);
}

static sfsistat
x_none(SMFICTX *c)
{
	(void) c;
	return (SMFIS_CONTINUE);
}

static sfsistat
x_body(SMFICTX *c, unsigned char *b, size_t l)
{
	(void) c;
	(void) b;
	(void) l;
	return (SMFIS_CONTINUE);
}

int
main(int argc, char **argv)
{
	struct smfiDesc d = {
		"null-milter", SMFI_VERSION, 0, x_connect, x_one, x_argv,
		x_argv, x_hdr, x_none, x_body, x_none, x_none, x_none, NULL,
		x_none, NULL
	};

	if (argc != 2 || smfi_setconn(argv[1]) != MI_SUCCESS
	    || smfi_register(d) != MI_SUCCESS) {
		fprintf(stderr, "usage: null-milter unix:PATH\n");
		return (2);
	}
	umask(0111);
	if (smfi_opensocket(1) != MI_SUCCESS)
		return (1);
	return (smfi_main() == MI_SUCCESS ? 0 : 1);
}
