/*
 * NAME
 *	replay - run stored fuzz inputs through a target without libFuzzer
 * SYNOPSIS
 *	replay-addr FILE|DIR...
 * DESCRIPTION
 *	Feeds every file (directories are walked one level) to
 *	LLVMFuzzerTestOneInput() in a normal build, so make check replays
 *	the seed corpus and every past crash. The oracle is the target's
 *	own: no crash, no abort, no sanitizer report. The name of each
 *	input is printed before it runs, so a failure names its file. The
 *	last line is "N passed, N failed".
 * LICENSE
 *	MIT
 */
#include "config.h"

#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* inputs larger than this are refused: the corpus holds small files */
#define REPLAY_MAX_INPUT	(16 * 1024 * 1024)

int	LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static unsigned long passed;
static unsigned long failed;

/* run_one - read a whole file and feed it */
static void
run_one(const char *path)
{
	FILE   *fp = fopen(path, "rb");
	struct stat st;
	uint8_t *buf;
	size_t	n;

	if (fp == NULL || fstat(fileno(fp), &st) != 0
	    || st.st_size > REPLAY_MAX_INPUT) {
		fprintf(stderr, "replay: cannot use %s\n", path);
		failed++;
		if (fp != NULL)
			fclose(fp);
		return;
	}
	buf = malloc((size_t) st.st_size + 1);
	n = buf ? fread(buf, 1, (size_t) st.st_size, fp) : 0;
	fclose(fp);
	if (buf == NULL || n != (size_t) st.st_size) {
		fprintf(stderr, "replay: cannot read %s\n", path);
		failed++;
		free(buf);
		return;
	}
	fprintf(stderr, "replay: %s\n", path);
	LLVMFuzzerTestOneInput(buf, n);
	free(buf);
	passed++;
}

int
main(int argc, char **argv)
{
	int	i;

	for (i = 1; i < argc; i++) {
		struct stat st;
		DIR    *d;
		struct dirent *de;

		if (stat(argv[i], &st) != 0) {
			perror(argv[i]);
			failed++;
			continue;
		}
		if (!S_ISDIR(st.st_mode)) {
			run_one(argv[i]);
			continue;
		}
		if ((d = opendir(argv[i])) == NULL) {
			perror(argv[i]);
			failed++;
			continue;
		}
		while ((de = readdir(d)) != NULL) {
			char	path[4096];

			if (de->d_name[0] == '.')
				continue;
			snprintf(path, sizeof(path), "%s/%s", argv[i],
				 de->d_name);
			run_one(path);
		}
		closedir(d);
	}
	printf("%lu passed, %lu failed\n", passed, failed);
	return (failed || passed == 0 ? 1 : 0);
}
