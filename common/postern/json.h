/*
 * NAME
 *	json.h - JSON string output for logs and machine-readable output
 * SYNOPSIS
 *	#include <postern/json.h>
 * DESCRIPTION
 *	pst_json_string() appends a quoted JSON string (RFC 8259 7):
 *	'"' and '\\' escaped, control octets as \u00XX, valid UTF-8 kept,
 *	each invalid UTF-8 octet replaced by U+FFFD, so the output is
 *	always valid JSON whatever bytes a peer sent.
 * LICENSE
 *	MIT
 */
#ifndef POSTERN_JSON_H
#define POSTERN_JSON_H

#include <postern/api.h>
#include <postern/buf.h>
#include <postern/span.h>

PST_BEGIN_DECLS
PST_API enum pst_err pst_json_string(struct pst_buf *out, struct pst_span s);
PST_END_DECLS

#endif
