/*
 * NAME
 *	suites.h - the Check suites of libpostern's unit tests
 * LICENSE
 *	MIT
 */
#ifndef POSTERN_TEST_SUITES_H
#define POSTERN_TEST_SUITES_H

#include <check.h>

Suite  *addr_suite(void);
Suite  *esmtp_suite(void);
Suite  *received_suite(void);
Suite  *rules_suite(void);
Suite  *trace_suite(void);
Suite  *reply_suite(void);
Suite  *util_suite(void);
Suite  *policy_suite(void);

#endif
