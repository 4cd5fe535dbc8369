/*
 * NAME
 *	err.h - the one table of libpostern error codes
 * SYNOPSIS
 *	#include <postern/err.h>
 *
 *	const char *pst_errname(enum pst_err e);
 *	const char *pst_strerror(enum pst_err e);
 *	int pst_err_code(enum pst_err e);
 *	const char *pst_err_status(enum pst_err e);
 * DESCRIPTION
 *	PST_ERR_MAP is the only place an error is defined: symbol, default
 *	basic reply code, default enhanced status, short tag (stable, used
 *	in logs and JSON) and human text. The enum, pst_errname(),
 *	pst_strerror() and the default reply are expansions of it.
 *
 *	Parsers classify; they do not reply. The code and status columns
 *	are the defaults a strict server uses; the verdict point
 *	(pst_esmtp_reply()) adjusts them by context, e.g. 5.1.3 becomes
 *	5.1.7 for a MAIL FROM path.
 *
 *	Error numbers are ABI: append only, never renumber, never reuse.
 *	PST_E__LAST is never returned.
 * LICENSE
 *	MIT
 */
#ifndef POSTERN_ERR_H
#define POSTERN_ERR_H

#include <postern/api.h>

/* X(symbol, code, status, tag, text) */
#define PST_ERR_MAP(X) \
 X(OK,              250, "2.0.0", "ok", "success") \
 X(NOMEM,           451, "4.3.0", "nomem", "out of memory") \
 X(TOOBIG,          552, "5.3.4", "too-big", "object exceeds its size limit") \
 X(INVAL,           501, "5.5.2", "invalid-argument", "invalid argument") \
 X(ADDR_INVALID_UTF8, 501, "5.1.3", "invalid-utf8", \
   "invalid UTF-8 in address") \
 X(ADDR_NON_ASCII, 501, "5.1.3", "non-ascii-without-smtputf8", \
   "non-ASCII address without SMTPUTF8") \
 X(ADDR_CONTROL_CHAR, 501, "5.1.3", "control-char", \
   "control character in address") \
 X(ADDR_WHITESPACE, 501, "5.1.3", "whitespace-rfc5322-only", \
   "white space in address (RFC 5322 only)") \
 X(ADDR_FOLDING, 501, "5.1.3", "folding-rfc5322-only", \
   "folded white space in address (RFC 5322 only)") \
 X(ADDR_COMMENT, 501, "5.1.3", "comment-rfc5322-only", \
   "comment in address (RFC 5322 only)") \
 X(ADDR_OBS_LOCAL, 501, "5.1.3", "obs-local-part-rfc5322-only", \
   "quoted and unquoted words mixed in local-part (RFC 5322 " \
   "obsolete syntax)") \
 X(ADDR_LITERAL_5322, 501, "5.1.3", "domain-literal-rfc5322-only", \
   "domain literal that is neither IPv4, IPv6 nor tagged (RFC 5322 only)") \
 X(ADDR_EMPTY_PATH, 501, "5.1.3", "empty-path", "empty path") \
 X(ADDR_NO_BRACKETS, 501, "5.1.3", "missing-angle-brackets", \
   "path not enclosed in angle brackets") \
 X(ADDR_SPACE_BEFORE, 501, "5.1.3", "space-before-path", "space before path") \
 X(ADDR_JUNK_AFTER, 501, "5.1.3", "junk-after-path", "text after path") \
 X(ADDR_NULL_IN_RCPT, 501, "5.1.3", "null-path-in-rcpt", \
   "null path <> is not a valid recipient") \
 X(ADDR_POSTMASTER_IN_MAIL, 501, "5.1.7", "postmaster-only-in-rcpt", \
   "<Postmaster> without domain is only valid as a recipient") \
 X(ADDR_BAD_ROUTE, 501, "5.1.3", "bad-source-route", \
   "malformed source route") \
 X(ADDR_ROUTE_LITERAL, 501, "5.1.3", "source-route-address-literal", \
   "address literal in source route") \
 X(ADDR_NO_LOCAL,   501, "5.1.3", "no-local-part", "missing local-part") \
 X(ADDR_NO_DOMAIN,  501, "5.1.3", "no-domain", "missing domain") \
 X(ADDR_MULTIPLE_AT, 501, "5.1.3", "multiple-at-signs", "more than one @") \
 X(ADDR_LOCAL_LEADING_DOT, 501, "5.1.3", "local-leading-dot", \
   "local-part starts with a dot") \
 X(ADDR_LOCAL_TRAILING_DOT, 501, "5.1.3", "local-trailing-dot", \
   "local-part ends with a dot") \
 X(ADDR_LOCAL_DOUBLE_DOT, 501, "5.1.3", "local-double-dot", \
   "two consecutive dots in local-part") \
 X(ADDR_BAD_LOCAL_CHAR, 501, "5.1.3", "bad-local-char", \
   "character not allowed in local-part") \
 X(ADDR_UNTERMINATED_QUOTE, 501, "5.1.3", "unterminated-quoted-string", \
   "unterminated quoted string") \
 X(ADDR_TEXT_AFTER_QUOTE, 501, "5.1.3", "text-after-quoted-string", \
   "text after quoted string") \
 X(ADDR_QUOTED_PAIR_NON_ASCII, 501, "5.1.3", "quoted-pair-non-ascii", \
   "backslash before a non-ASCII character") \
 X(ADDR_BAD_DOMAIN_CHAR, 501, "5.1.3", "bad-domain-char", \
   "character not allowed in domain") \
 X(ADDR_EMPTY_LABEL, 501, "5.1.3", "domain-empty-label", \
   "empty domain label") \
 X(ADDR_LABEL_HYPHEN, 501, "5.1.3", "domain-label-hyphen", \
   "domain label starts or ends with a hyphen") \
 X(ADDR_TRAILING_DOT, 501, "5.1.3", "trailing-dot", "domain ends with a dot") \
 X(ADDR_BAD_LITERAL, 501, "5.1.3", "bad-address-literal", \
   "malformed address literal") \
 X(ADDR_BAD_IPV4, 501, "5.1.3", "bad-ipv4-literal", \
   "malformed IPv4 address literal") \
 X(ADDR_BAD_IPV6, 501, "5.1.3", "bad-ipv6-literal", \
   "malformed IPv6 address literal") \
 X(ADDR_IPV6_NO_TAG, 501, "5.1.3", "ipv6-missing-tag", \
   "IPv6 address literal without the IPv6: tag") \
 X(ADDR_UNREGISTERED_TAG, 501, "5.1.3", "unregistered-address-literal-tag", \
   "address literal tag is not registered") \
 X(ADDR_BAD_U_LABEL, 501, "5.1.3", "bad-u-label", \
   "domain label is not a valid IDNA2008 U-label") \
 X(ADDR_LOCAL_TOO_LONG, 501, "5.1.3", "local-too-long", \
   "local-part longer than 64 octets") \
 X(ADDR_LABEL_TOO_LONG, 501, "5.1.3", "domain-label-too-long", \
   "domain label longer than 63 octets") \
 X(ADDR_DOMAIN_TOO_LONG, 501, "5.1.3", "domain-too-long", \
   "domain longer than 255 octets") \
 X(ADDR_PATH_TOO_LONG, 501, "5.1.3", "path-too-long", \
   "path longer than 256 octets") \
 X(CMD_SYNTAX, 501, "5.5.4", "command-syntax", \
   "syntax error in command") \
 X(CMD_TOO_LONG,    500, "5.5.2", "line-too-long", "command line too long") \
 X(PARAM_SPACING, 501, "5.5.4", "param-spacing", \
   "parameters must be separated by one space") \
 X(PARAM_SYNTAX,    501, "5.5.4", "param-syntax", "malformed parameter") \
 X(PARAM_UNKNOWN,   555, "5.5.4", "unknown-param", "unsupported parameter") \
 X(PARAM_NOT_ADVERTISED, 555, "5.5.4", "param-not-advertised", \
   "parameter of an extension not offered") \
 X(PARAM_WRONG_VERB, 555, "5.5.4", "param-wrong-verb", \
   "parameter not defined for this command") \
 X(PARAM_DUPLICATE, 501, "5.5.4", "duplicate-param", "parameter given twice") \
 X(PARAM_MISSING_VALUE, 501, "5.5.4", "missing-value", \
   "parameter needs a value") \
 X(PARAM_VALUE_NOT_ALLOWED, 501, "5.5.4", "value-not-allowed", \
   "parameter takes no value") \
 X(SIZE_SYNTAX, 501, "5.5.4", "size-syntax", \
   "SIZE value is not 1 to 20 digits") \
 X(SIZE_TOO_BIG, 552, "5.3.4", "size-too-big", \
   "message size exceeds fixed limit") \
 X(SIZE_OVERFLOW, 552, "5.3.4", "size-overflow", \
   "message size too large to represent") \
 X(BODY_UNSUPPORTED, 555, "5.5.4", "body-unsupported", \
   "unsupported BODY type") \
 X(XTEXT_MALFORMED, 501, "5.5.4", "xtext-malformed", "malformed xtext") \
 X(DSN_SYNTAX,      501, "5.5.4", "dsn-syntax", "malformed DSN parameter") \
 X(NOTIFY_NEVER_COMBINED, 501, "5.5.4", "notify-never-combined", \
   "NOTIFY=NEVER cannot be combined") \
 X(AUTH_SYNTAX, 501, "5.5.4", "auth-syntax", \
   "AUTH= is neither <> nor a mailbox") \
 X(BY_SYNTAX,       501, "5.5.4", "by-syntax", "malformed BY parameter") \
 X(PRIORITY_SYNTAX, 501, "5.5.4", "priority-syntax", \
   "MT-PRIORITY is not an integer from -9 to 9") \
 X(REPLY_CODE, 451, "4.3.5", "reply-code", \
   "reply code is not 2xx-5xx with a second digit 0-5") \
 X(REPLY_STATUS, 451, "4.3.5", "reply-status", \
   "malformed enhanced status code") \
 X(REPLY_CLASS_MISMATCH, 451, "4.3.5", "reply-class-mismatch", \
   "enhanced status class does not match the reply code") \
 X(REPLY_TOO_MANY_LINES, 451, "4.3.5", "reply-too-many-lines", \
   "reply has too many lines") \
 X(RCVD_EMPTY, 554, "5.6.0", "empty", "empty Received field") \
 X(RCVD_NUL, 554, "5.6.0", "nul-byte", "NUL byte in Received field") \
 X(RCVD_BARE_CR, 554, "5.6.0", "bare-cr", "bare CR in Received field") \
 X(RCVD_INJECTION, 554, "5.6.0", "header-injection", \
   "line break not followed by white space (header injection)") \
 X(RCVD_UNBALANCED_COMMENT, 554, "5.6.0", "unbalanced-comment", \
   "unbalanced parentheses in Received field") \
 X(RCVD_NESTING, 554, "5.6.0", "nesting-too-deep", \
   "comments nested too deeply") \
 X(RCVD_TOO_LONG, 554, "5.6.0", "too-long", "Received field too long") \
 X(RCVD_BAD_DATE, 554, "5.6.0", "bad-date", "malformed date-time") \
 X(POLICY_MALFORMED, 451, "4.3.0", "policy-malformed", \
   "malformed policy request line") \
 X(POLICY_TOO_MANY_ATTRS, 451, "4.3.0", "policy-too-many-attributes", \
   "too many policy request attributes") \
 X(POLICY_NOT_ACCESS_POLICY, 451, "4.3.0", "policy-not-access-policy", \
   "not a request=smtpd_access_policy request")

/* pst_err - every libpostern status; PST_OK is 0 */
enum pst_err {
#define PST_ERR_ENUM_(sym, code, status, tag, text) PST_##sym,
	PST_ERR_MAP(PST_ERR_ENUM_)
#undef PST_ERR_ENUM_
	PST_E__LAST		/* never returned */
};

PST_BEGIN_DECLS
/* pst_errname - stable tag, e.g. "local-double-dot" */
PST_API const char *pst_errname(enum pst_err e);
/* pst_strerror - human text */
PST_API const char *pst_strerror(enum pst_err e);
/* pst_err_code - default basic reply code (e.g. 501) */
PST_API int pst_err_code(enum pst_err e);
/* pst_err_status - default enhanced status (e.g. "5.1.3") */
PST_API const char *pst_err_status(enum pst_err e);
/* pst_err_from_name - inverse of pst_errname; PST_E__LAST if unknown */
PST_API enum pst_err pst_err_from_name(const char *tag);
PST_END_DECLS

#endif
