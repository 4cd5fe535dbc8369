/*
 * NAME
 *	reply.h - SMTP reply codes, enhanced status codes, reply text
 * SYNOPSIS
 *	#include <postern/reply.h>
 * DESCRIPTION
 *	Reply classes (2yz..5yz) and categories (x0z..x5z) of RFC 5321
 *	4.2.1; the IANA enhanced status code registry (RFC 3463, RFC 5248)
 *	compiled in; validation that a reply code and its enhanced status
 *	agree (a 4xx reply never carries 5.x.x); multiline formatting and
 *	text sanitising so no CR, LF, NUL or other control byte reaches
 *	the wire.
 * SEE ALSO
 *	RFC 5321 4.2 (replies), RFC 3463 (enhanced status codes),
 *	RFC 5248 (the registry), RFC 2034 (ENHANCEDSTATUSCODES)
 * LICENSE
 *	MIT
 */
#ifndef POSTERN_REPLY_H
#define POSTERN_REPLY_H

#include <postern/api.h>
#include <postern/err.h>
#include <postern/span.h>
#include <postern/buf.h>

/* RFC 5321 4.2.1: first digit */
enum pst_reply_class {
	PST_RC_POSITIVE = 2,		/* 2yz Positive Completion */
	PST_RC_INTERMEDIATE = 3,	/* 3yz Positive Intermediate */
	PST_RC_TRANSIENT = 4,		/* 4yz Transient Negative Completion */
	PST_RC_PERMANENT = 5		/* 5yz Permanent Negative Completion */
};

/* RFC 5321 4.2.1: second digit */
enum pst_reply_category {
	PST_RCAT_SYNTAX = 0,		/* x0z */
	PST_RCAT_INFORMATION = 1,	/* x1z */
	PST_RCAT_CONNECTIONS = 2,	/* x2z */
	PST_RCAT_UNSPECIFIED3 = 3,	/* x3z */
	PST_RCAT_UNSPECIFIED4 = 4,	/* x4z */
	PST_RCAT_MAIL_SYSTEM = 5	/* x5z */
};

/* An enhanced status code class.subject.detail (RFC 3463 2). */
struct pst_status {
	int	cls;			/* 2, 4 or 5 */
	int	subject;		/* 0..999 */
	int	detail;			/* 0..999 */
};

/* One entry of the IANA "Enumerated Status Codes" sub-registry. */
struct pst_status_entry {
	int	subject;
	int	detail;
	const char *sample_text;
	const char *basic_status;	/* as registered: "451, 550", "Any" */
	const char *description;
	const char *reference;
};

PST_BEGIN_DECLS
/* pst_reply_code_valid - 1 if code is 2yz..5yz with y in 0..5 */
PST_API int pst_reply_code_valid(int code);
/* pst_reply_class_name - "Positive Completion" ... or NULL */
PST_API const char *pst_reply_class_name(int code);
/* pst_reply_category_name - "Syntax" ... "Mail system" or NULL */
PST_API const char *pst_reply_category_name(int code);

/* pst_status_parse - "5.1.3" -> struct; PST_REPLY_STATUS if malformed */
PST_API enum pst_err pst_status_parse(struct pst_span s,
				      struct pst_status *st);
/* pst_status_lookup - the registry entry for subject.detail, or NULL */
PST_API const struct pst_status_entry *pst_status_lookup(int subject,
							  int detail);
/* pst_status_registry - the whole registry; *count = entries */
PST_API const struct pst_status_entry *pst_status_registry(size_t *count);

/*
 * pst_reply_check - validate a reply code with an optional enhanced
 * status (NULL or empty span: none). PST_REPLY_CODE for a bad code,
 * PST_REPLY_STATUS for a malformed status, PST_REPLY_CLASS_MISMATCH
 * when the status class differs from the code's first digit or the
 * code is not 2yz/4yz/5yz.
 */
PST_API enum pst_err pst_reply_check(int code, struct pst_span status);

/*
 * pst_reply_sanitize - append text to out with every control octet
 * (0x00-0x1F, 0x7F) and every invalid UTF-8 octet replaced by '?',
 * cut at most max octets on a character boundary ("..." marks a cut).
 */
PST_API enum pst_err pst_reply_sanitize(struct pst_buf *out,
					struct pst_span text, size_t max);

/*
 * pst_reply_format - append a complete reply: each LF in text starts a
 * new line ("550-5.7.1 a\r\n550 5.7.1 b\r\n"); every line sanitised
 * and cut to fit PST_MAX_REPLY_LINE octets with its CRLF. status may
 * be NULL. Checks code and status first (pst_reply_check).
 */
PST_API enum pst_err pst_reply_format(struct pst_buf *out, int code,
				      const char *status,
				      struct pst_span text);
PST_END_DECLS

#endif
