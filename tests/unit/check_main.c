/*
 * NAME
 *	check_main - run every unit test suite
 * SYNOPSIS
 *	check_postern
 * DESCRIPTION
 *	Set CK_FORK=no under valgrind. SHARED_DIR names ../shared (the
 *	registry test reads vectors/enhanced-status-codes.tsv there).
 * LICENSE
 *	MIT
 */
#include "config.h"

#include <stdlib.h>

#include "suites.h"

int
main(void)
{
	SRunner *sr = srunner_create(addr_suite());
	int	failed;

	srunner_add_suite(sr, esmtp_suite());
	srunner_add_suite(sr, received_suite());
	srunner_add_suite(sr, rules_suite());
	srunner_add_suite(sr, trace_suite());
	srunner_add_suite(sr, reply_suite());
	srunner_add_suite(sr, util_suite());
	srunner_add_suite(sr, policy_suite());
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return (failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE);
}
