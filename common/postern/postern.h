/*
 * NAME
 *	postern.h - libpostern umbrella header, version and export macro
 * SYNOPSIS
 *	#include <postern/postern.h>
 * DESCRIPTION
 *	Includes every public libpostern header. PST_API marks the symbols
 *	the shared library exports; everything else is built with
 *	-fvisibility=hidden. Define PST_STATIC when linking the static
 *	archive on platforms where that matters.
 * LICENSE
 *	MIT
 */
#ifndef POSTERN_POSTERN_H
#define POSTERN_POSTERN_H

#define PST_VERSION_MAJOR 0
#define PST_VERSION_MINOR 1
#define PST_VERSION_PATCH 0
#define PST_VERSION_STRING "0.1.0"
/* (major << 16) | (minor << 8) | patch, for #if comparisons */
#define PST_VERSION_NUM 0x000100

#include <postern/api.h>
#include <postern/limits.h>
#include <postern/err.h>
#include <postern/span.h>
#include <postern/buf.h>
#include <postern/utf8.h>
#include <postern/reply.h>
#include <postern/addr.h>
#include <postern/xtext.h>
#include <postern/esmtp.h>
#include <postern/json.h>
#include <postern/received.h>
#include <postern/header.h>
#include <postern/trace.h>
#include <postern/txn.h>
#include <postern/rules.h>
#include <postern/verdict.h>
#include <postern/policy.h>
#include <postern/conf.h>
#include <postern/decision.h>
#include <postern/body.h>
#include <postern/pseudonym.h>

PST_BEGIN_DECLS
/* pst_version - the library's version string at run time */
PST_API const char *pst_version(void);
PST_END_DECLS

#endif
