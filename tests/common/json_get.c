/*
 * NAME
 *	json_get - one member of JSON log records, for the shell tests
 * SYNOPSIS
 *	json-get PATH [MATCH] < log
 * DESCRIPTION
 *	Reads log lines; a line holding a JSON object (from its first
 *	"{": a syslog or stderr prefix is passed over) and, when MATCH is
 *	given, containing MATCH, is parsed with cJSON. PATH names a
 *	member, "." between names, a number for an array element
 *	("trace.hops", "to.0"). Prints the member of each such line:
 *	strings as they are, numbers in %.17g, true/false/null, objects
 *	and arrays unformatted; "(none)" where the record lacks it.
 *
 *	Exit status 1 when a selected line is not valid JSON (the test
 *	must see it), 2 on usage, 0 otherwise.
 * LICENSE
 *	MIT
 */
#include "config.h"

#include <cjson/cJSON.h>
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* member - PATH inside the object, NULL when absent */
static const cJSON *
member(const cJSON *j, const char *path)
{
	char	name[256];

	while (j != NULL && *path) {
		size_t	n = strcspn(path, ".");

		if (n >= sizeof(name))
			return (NULL);
		memcpy(name, path, n);
		name[n] = 0;
		path += n + (path[n] == '.');
		if (cJSON_IsArray(j) && isdigit((unsigned char) name[0]))
			j = cJSON_GetArrayItem(j,
					       (int) strtol(name, NULL, 10));
		else
			j = cJSON_GetObjectItemCaseSensitive(j, name);
	}
	return (j);
}

static void
show(const cJSON *v)
{
	char   *text;

	if (v == NULL)
		puts("(none)");
	else if (cJSON_IsString(v))
		puts(v->valuestring);
	else if (cJSON_IsNumber(v))
		printf("%.17g\n", v->valuedouble);
	else if ((text = cJSON_PrintUnformatted(v)) != NULL) {
		puts(text);
		cJSON_free(text);
	}
}

int
main(int argc, char **argv)
{
	char	line[1 << 20];
	int	bad = 0;

	if (argc < 2 || argc > 3) {
		fprintf(stderr, "usage: json-get PATH [MATCH] < log\n");
		return (2);
	}
	while (fgets(line, sizeof(line), stdin) != NULL) {
		char   *brace = strchr(line, '{');
		cJSON  *j;

		if (brace == NULL
		    || (argc == 3 && strstr(line, argv[2]) == NULL))
			continue;
		if ((j = cJSON_Parse(brace)) == NULL) {
			fprintf(stderr, "json-get: not JSON: %s", line);
			bad = 1;
			continue;
		}
		show(member(j, argv[1]));
		cJSON_Delete(j);
	}
	return (bad);
}
