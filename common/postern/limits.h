/*
 * NAME
 *	limits.h - every protocol and implementation limit of libpostern
 * SYNOPSIS
 *	#include <postern/limits.h>
 * DESCRIPTION
 *	One place for every number that bounds input. Each limit names the
 *	RFC section it comes from, or says why we chose it. Sizes count
 *	octets. A parser never trusts a peer-supplied length beyond these.
 * SEE ALSO
 *	RFC 5321 section 4.5.3.1 (size limits and minimums)
 *	RFC 1035 section 2.3.4 (label and name sizes)
 * LICENSE
 *	MIT
 */
#ifndef POSTERN_LIMITS_H
#define POSTERN_LIMITS_H

/* RFC 5321 4.5.3.1.1: local-part, as transmitted (quotes count). */
#define PST_MAX_LOCAL_PART	64
/* RFC 1035 2.3.4: one DNS label (the A-label for a U-label). */
#define PST_MAX_LABEL		63
/* RFC 5321 4.5.3.1.2: domain name. */
#define PST_MAX_DOMAIN		255
/* RFC 5321 4.5.3.1.3: reverse- or forward-path, "<" ">" and route. */
#define PST_MAX_PATH		256
/* RFC 5321 4.5.3.1.4: command line including the verb and CRLF. */
#define PST_MAX_CMD_LINE	512
/* RFC 5321 4.5.3.1.6: text line including CRLF (998 + CRLF). */
#define PST_MAX_TEXT_LINE	1000
/* RFC 5321 4.5.3.1.5: reply line including the code and CRLF. */
#define PST_MAX_REPLY_LINE	512
/* RFC 3461 4.3 / 5.2: ENVID value length counted after "ENVID=". */
#define PST_MAX_ENVID		100
/* RFC 3461 4.2 / 5.2: ORCPT value length counted after "ORCPT=". */
#define PST_MAX_ORCPT		500
/* RFC 3461 5.2: MAIL grows by 100 (ENVID), RCPT by 500 (ORCPT). */
#define PST_DSN_MAIL_EXTRA	100
#define PST_DSN_RCPT_EXTRA	500
/* RFC 4954 4: AUTH= may add up to 500 octets to MAIL. */
#define PST_AUTH_MAIL_EXTRA	500
/* RFC 1870 3: SIZE is 1*20DIGIT. */
#define PST_MAX_SIZE_DIGITS	20
/* RFC 2852 4: by-time is ["-" / "+"] 1*9DIGIT. */
#define PST_MAX_BY_DIGITS	9
/*
 * Our choice: lines of a multiline reply we format. RFC 5321 sets no
 * bound; Postfix and Sendmail stay well below this.
 */
#define PST_MAX_REPLY_LINES	32

/*
 * Our choice: one Received field body. Real ones stay below 2 KB;
 * 16 KiB leaves room for long TLS and Exchange comments.
 */
#define PST_MAX_RECEIVED	16384
/* Our choice: comment nesting inside one Received field. */
#define PST_MAX_COMMENT_DEPTH	64

/* Our choice: Received hops kept per message (the newest). */
#define PST_MAX_TRACE_HOPS	100
/* Postfix hopcount_limit default: more Received fields means a loop. */
#define PST_HOPCOUNT_LIMIT	50

/* Our choice: nesting of "not" and parentheses in one condition. */
#define PST_MAX_RULE_DEPTH	32
/* Our choice: one list file (file:...) read by the rule compiler. */
#define PST_MAX_LIST_FILE	(256 * 1024 * 1024)
/* Our choice: one rule file. */
#define PST_MAX_RULES_FILE	(16 * 1024 * 1024)
/* PCRE2 limits: no pattern can hang a daemon (pcre2_set_*_limit). */
#define PST_REGEX_MATCH_LIMIT	100000
#define PST_REGEX_DEPTH_LIMIT	10000

/* Our choice: one policy request (Postfix sends ~650 bytes, 32 lines). */
#define PST_MAX_POLICY_REQUEST	(64 * 1024)
/* Our choice: attribute lines in one policy request. */
#define PST_MAX_POLICY_ATTRS	256

/* Compile-time guards: the limits above must stay consistent. */
#if PST_MAX_LOCAL_PART + 1 + PST_MAX_DOMAIN + 2 < PST_MAX_PATH
#error "PST_MAX_PATH larger than any mailbox can be"
#endif
#if PST_MAX_REPLY_LINE > PST_MAX_TEXT_LINE
#error "a reply line cannot exceed a text line"
#endif
#if PST_HOPCOUNT_LIMIT > PST_MAX_TRACE_HOPS
#error "the hop limit must fit the hops we keep"
#endif
#if PST_MAX_LABEL >= PST_MAX_DOMAIN
#error "a label must be shorter than a domain"
#endif

#endif
