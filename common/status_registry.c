/*
 * NAME
 *	status_registry.c - the IANA enhanced status code registry
 * SUMMARY
 *	compiled copy of the "Enumerated Status Codes" sub-registry
 * SYNOPSIS
 *	#include <postern/reply.h>
 *
 *	const struct pst_status_entry *pst_status_registry(size_t *count);
 *	const struct pst_status_entry *pst_status_lookup(int subj, int det);
 * DESCRIPTION
 *	One row per registered X.subject.detail code, as IANA last updated
 *	the registry on 2024-12-06 (81 entries, X.0.0 to X.7.30): sample
 *	text, associated basic status as registered, the first sentence of
 *	the description, reference. X.6.10 is a registered deprecated
 *	duplicate of X.6.8. The unit test tests/unit/test_reply.c compares
 *	this table with ../shared/vectors/enhanced-status-codes.tsv, so an
 *	update of the registry shows up as a failing test.
 *
 *	Rows are sorted by subject then detail; pst_status_lookup()
 *	does a binary search.
 * SEE ALSO
 *	RFC 3463, RFC 5248; IANA registry "smtp-enhanced-status-codes"
 * LICENSE
 *	MIT (the registry content is public IANA data)
 */
#include "config.h"

#include <stddef.h>

#include <postern/reply.h>

static const struct pst_status_entry registry[] = {
	{ 0, 0, "Other undefined Status", "Any",
	  "Other undefined status is the only undefined error code.",
	  "[RFC3463] (Standards Track)" },
	{ 1, 0, "Other address status", "Not given",
	  "Something about the address specified in the message caused "
	  "this DSN.",
	  "[RFC3463] (Standards Track)" },
	{ 1, 1, "Bad destination mailbox address", "451, 550",
	  "The mailbox specified in the address does not exist.",
	  "[RFC3463] (Standards Track)" },
	{ 1, 2, "Bad destination system address", "Not given",
	  "The destination system specified in the address does not "
	  "exist or is "
	  "incapable of accepting mail.",
	  "[RFC3463] (Standards Track)" },
	{ 1, 3, "Bad destination mailbox address syntax", "501",
	  "The destination address was syntactically invalid.",
	  "[RFC3463] (Standards Track)" },
	{ 1, 4, "Destination mailbox address ambiguous", "Not given",
	  "The mailbox address as specified matches one or more recipients on "
	  "the destination system.",
	  "[RFC3463] (Standards Track)" },
	{ 1, 5, "Destination address valid", "250",
	  "This mailbox address as specified was valid.",
	  "[RFC3463] (Standards Track)" },
	{ 1, 6,
	  "Destination mailbox has moved, No forwarding address",
	  "Not given",
	  "The mailbox address provided was at one time valid, but mail is no "
	  "longer being accepted for that address.",
	  "[RFC3463] (Standards Track)" },
	{ 1, 7, "Bad sender's mailbox address syntax", "Not given",
	  "The sender's address was syntactically invalid.",
	  "[RFC3463] (Standards Track)" },
	{ 1, 8, "Bad sender's system address", "451, 501",
	  "The sender's system specified in the address does not exist or is "
	  "incapable of accepting return mail.",
	  "[RFC3463] (Standards Track)" },
	{ 1, 9, "Message relayed to non-compliant mailer", "Not given",
	  "The mailbox address specified was valid, but the message has been "
	  "relayed to a system that does not speak this protocol; no further "
	  "information can be provided.",
	  "[RFC3886] (Standards Track)" },
	{ 1, 10, "Recipient address has null MX", "556",
	  "This status code is returned when the associated address is "
	  "marked as "
	  "invalid using a null MX.",
	  "[RFC7505] (Standards Track); [RFC7504] (Standards Track)" },
	{ 2, 0, "Other or undefined mailbox status", "Not given",
	  "The mailbox exists, but something about the destination "
	  "mailbox has "
	  "caused the sending of this DSN.",
	  "[RFC3463] (Standards Track)" },
	{ 2, 1, "Mailbox disabled, not accepting messages", "Not given",
	  "The mailbox exists, but is not accepting messages.",
	  "[RFC3463] (Standards Track)" },
	{ 2, 2, "Mailbox full", "552",
	  "The mailbox is full because the user has exceeded a per-mailbox "
	  "administrative quota or physical capacity.",
	  "[RFC3463] (Standards Track)" },
	{ 2, 3, "Message length exceeds administrative limit", "552",
	  "A per-mailbox administrative message length limit has been "
	  "exceeded.",
	  "[RFC3463] (Standards Track)" },
	{ 2, 4, "Mailing list expansion problem", "450, 452",
	  "The mailbox is a mailing list address and the mailing list "
	  "was unable "
	  "to be expanded.",
	  "[RFC3463] (Standards Track)" },
	{ 3, 0,
	  "Other or undefined mail system status",
	  "221, 250, 421, 451, 550, 554",
	  "The destination system exists and normally accepts mail, but "
	  "something about the system has caused the generation of this DSN.",
	  "[RFC3463] (Standards Track)" },
	{ 3, 1, "Mail system full", "452",
	  "Mail system storage has been exceeded.",
	  "[RFC3463] (Standards Track)" },
	{ 3, 2, "System not accepting network messages", "453, 521",
	  "The host on which the mailbox is resident is not accepting "
	  "messages.",
	  "[RFC3463] (Standards Track); [RFC7504] (Standards Track)" },
	{ 3, 3, "System not capable of selected features", "Not given",
	  "Selected features specified for the message are not "
	  "supported by the "
	  "destination system.",
	  "[RFC3463] (Standards Track)" },
	{ 3, 4, "Message too big for system", "552, 554",
	  "The message is larger than per-message size limit.",
	  "[RFC3463] (Standards Track)" },
	{ 3, 5, "System incorrectly configured", "Not given",
	  "The system is not configured in a manner that will permit it to "
	  "accept this message.",
	  "[RFC3463] (Standards Track)" },
	{ 3, 6, "Requested priority was changed", "250 or 251",
	  "The message was accepted for relay/delivery, but the requested "
	  "priority (possibly the implied default) was not honoured.",
	  "[RFC6710] (Standards Track)" },
	{ 4, 0, "Other or undefined network or routing status", "Not given",
	  "Something went wrong with the networking, but it is not clear what "
	  "the problem is, or the problem cannot be well expressed "
	  "with any of "
	  "the other provided detail codes.",
	  "[RFC3463] (Standards Track)" },
	{ 4, 1, "No answer from host", "451",
	  "The outbound connection attempt was not answered, because "
	  "either the "
	  "remote system was busy, or was unable to take a call.",
	  "[RFC3463] (Standards Track)" },
	{ 4, 2, "Bad connection", "421",
	  "The outbound connection was established, but was unable to "
	  "complete "
	  "the message transaction, either because of time-out, or inadequate "
	  "connection quality.",
	  "[RFC3463] (Standards Track)" },
	{ 4, 3, "Directory server failure", "451, 550",
	  "The network system was unable to forward the message, because a "
	  "directory server was unavailable.",
	  "[RFC3463] (Standards Track)" },
	{ 4, 4, "Unable to route", "Not given",
	  "The mail system was unable to determine the next hop for "
	  "the message "
	  "because the necessary routing information was unavailable from the "
	  "directory server.",
	  "[RFC3463] (Standards Track)" },
	{ 4, 5, "Mail system congestion", "451",
	  "The mail system was unable to deliver the message because the mail "
	  "system was congested.",
	  "[RFC3463] (Standards Track)" },
	{ 4, 6, "Routing loop detected", "Not given",
	  "A routing loop caused the message to be forwarded too many times, "
	  "either because of incorrect routing tables or a user- "
	  "forwarding loop.",
	  "[RFC3463] (Standards Track)" },
	{ 4, 7, "Delivery time expired", "Not given",
	  "The message was considered too old by the rejecting system, either "
	  "because it remained on that host too long or because the "
	  "time-to-live "
	  "value specified by the sender of the message was exceeded.",
	  "[RFC3463] (Standards Track)" },
	{ 5, 0,
	  "Other or undefined protocol status",
	  "220, 250, 251, 252, 253, 451, 452, 454, 458, 459, 501, 502, "
	  "503, 554",
	  "Something was wrong with the protocol necessary to deliver the "
	  "message to the next hop and the problem cannot be well "
	  "expressed with "
	  "any of the other provided detail codes.",
	  "[RFC3463] (Standards Track)" },
	{ 5, 1, "Invalid command", "430, 500, 501, 503, 530, 550, 554, 555",
	  "A mail transaction protocol command was issued which was "
	  "either out "
	  "of sequence or unsupported.",
	  "[RFC3463] (Standards Track)" },
	{ 5, 2, "Syntax error", "500, 501, 502, 550, 555",
	  "A mail transaction protocol command was issued which could not be "
	  "interpreted, either because the syntax was wrong or the command is "
	  "unrecognized.",
	  "[RFC3463] (Standards Track)" },
	{ 5, 3, "Too many recipients", "451",
	  "More recipients were specified for the message than could "
	  "have been "
	  "delivered by the protocol.",
	  "[RFC3463] (Standards Track)" },
	{ 5, 4,
	  "Invalid command arguments",
	  "451, 501, 502, 503, 504, 550, 555",
	  "A valid mail transaction protocol command was issued with invalid "
	  "arguments, either because the arguments were out of range or "
	  "represented unrecognized features.",
	  "[RFC3463] (Standards Track)" },
	{ 5, 5, "Wrong protocol version", "Not given",
	  "A protocol version mis-match existed which could not be "
	  "automatically "
	  "resolved by the communicating parties.",
	  "[RFC3463] (Standards Track)" },
	{ 5, 6, "Authentication Exchange line is too long", "500",
	  "This enhanced status code SHOULD be returned when the server fails "
	  "the AUTH command due to the client sending a [BASE64] "
	  "response which "
	  "is longer than the maximum buffer size available for the currently "
	  "selected SASL mechanism.",
	  "[RFC4954] (Standards Track)" },
	{ 6, 0, "Other or undefined media error", "Not given",
	  "Something about the content of a message caused it to be "
	  "considered "
	  "undeliverable and the problem cannot be well expressed with any of "
	  "the other provided detail codes.",
	  "[RFC3463] (Standards Track)" },
	{ 6, 1, "Media not supported", "Not given",
	  "The media of the message is not supported by either the delivery "
	  "protocol or the next system in the forwarding path.",
	  "[RFC3463] (Standards Track)" },
	{ 6, 2, "Conversion required and prohibited", "Not given",
	  "The content of the message must be converted before it can be "
	  "delivered and such conversion is not permitted.",
	  "[RFC3463] (Standards Track)" },
	{ 6, 3, "Conversion required but not supported", "554",
	  "The message content must be converted in order to be forwarded but "
	  "such conversion is not possible or is not practical by a "
	  "host in the "
	  "forwarding path.",
	  "[RFC3463] (Standards Track)" },
	{ 6, 4, "Conversion with loss performed", "250",
	  "This is a warning sent to the sender when message delivery was "
	  "successfully but when the delivery required a conversion in which "
	  "some data was lost.",
	  "[RFC3463] (Standards Track)" },
	{ 6, 5, "Conversion Failed", "Not given",
	  "A conversion was required but was unsuccessful.",
	  "[RFC3463] (Standards Track)" },
	{ 6, 6, "Message content not available", "554",
	  "The message content could not be fetched from a remote system.",
	  "[RFC4468] (Standards Track)" },
	{ 6, 7,
	  "Non-ASCII addresses not permitted for that sender/recipient",
	  "553, 550",
	  "This indicates the reception of a MAIL or RCPT command that "
	  "non-ASCII "
	  "addresses are not permitted",
	  "[RFC6531] (Standards track)" },
	{ 6, 8,
	  "UTF-8 string reply is required, but not permitted by the "
	  "SMTP client",
	  "252, 553, 550",
	  "This indicates that a reply containing a UTF-8 string is "
	  "required to "
	  "show the mailbox name, but that form of response is not "
	  "permitted by "
	  "the SMTP client.",
	  "[RFC6531] (Standards track)" },
	{ 6, 9,
	  "UTF-8 header message cannot be transferred to one or more "
	  "recipients, "
	  "so the message must be rejected",
	  "550",
	  "This indicates that transaction failed after the final "
	  "\".\" of the "
	  "DATA command.",
	  "[RFC6531] (Standards track)" },
	{ 6, 10, "", "",
	  "This is a duplicate of X.6.8 and is thus deprecated.",
	  "[RFC6531] (Standards track)" },
	{ 7, 0,
	  "Other or undefined security status",
	  "220, 235, 450, 454, 500, 501, 503, 504, 530, 535, 550",
	  "Something related to security caused the message to be "
	  "returned, and "
	  "the problem cannot be well expressed with any of the other "
	  "provided "
	  "detail codes.",
	  "[RFC3463] (Standards Track)" },
	{ 7, 1,
	  "Delivery not authorized, message refused",
	  "451, 454, 502, 503, 533, 550, 551",
	  "The sender is not authorized to send to the destination.",
	  "[RFC3463] (Standards Track)" },
	{ 7, 2, "Mailing list expansion prohibited", "550",
	  "The sender is not authorized to send a message to the intended "
	  "mailing list.",
	  "[RFC3463] (Standards Track)" },
	{ 7, 3, "Security conversion required but not possible", "Not given",
	  "A conversion from one secure messaging protocol to another was "
	  "required for delivery and such conversion was not possible.",
	  "[RFC3463] (Standards Track)" },
	{ 7, 4, "Security features not supported", "504",
	  "A message contained security features such as secure "
	  "authentication "
	  "that could not be supported on the delivery protocol.",
	  "[RFC3463] (Standards Track)" },
	{ 7, 5, "Cryptographic failure", "Not given",
	  "A transport system otherwise authorized to validate or decrypt a "
	  "message in transport was unable to do so because necessary "
	  "information such as key was not available or such information was "
	  "invalid.",
	  "[RFC3463] (Standards Track)" },
	{ 7, 6, "Cryptographic algorithm not supported", "Not given",
	  "A transport system otherwise authorized to validate or decrypt a "
	  "message was unable to do so because the necessary algorithm "
	  "was not "
	  "supported.",
	  "[RFC3463] (Standards Track)" },
	{ 7, 7, "Message integrity failure", "Not given",
	  "A transport system otherwise authorized to validate a message was "
	  "unable to do so because the message was corrupted or altered.",
	  "[RFC3463] (Standards Track)" },
	{ 7, 8, "Authentication credentials invalid", "535, 554",
	  "This response to the AUTH command indicates that the "
	  "authentication "
	  "failed due to invalid or insufficient authentication credentials.",
	  "[RFC4954] (Standards Track)" },
	{ 7, 9, "Authentication mechanism is too weak", "534",
	  "This response to the AUTH command indicates that the selected "
	  "authentication mechanism is weaker than server policy permits for "
	  "that user.",
	  "[RFC4954] (Standards Track)" },
	{ 7, 10, "Encryption Needed", "523",
	  "This indicates that external strong privacy layer is needed "
	  "in order "
	  "to use the requested authentication mechanism.",
	  "[RFC5248] (Best current practice)" },
	{ 7, 11,
	  "Encryption required for requested authentication mechanism",
	  "524, 538",
	  "This response to the AUTH command indicates that the selected "
	  "authentication mechanism may only be used when the underlying SMTP "
	  "connection is encrypted.",
	  "[RFC4954] (Standards Track)" },
	{ 7, 12, "A password transition is needed", "422, 432",
	  "This response to the AUTH command indicates that the user needs to "
	  "transition to the selected authentication mechanism.",
	  "[RFC4954] (Standards Track)" },
	{ 7, 13, "User Account Disabled", "525",
	  "Sometimes a system administrator will have to disable a user's "
	  "account (e.g., due to lack of payment, abuse, evidence of a "
	  "break-in "
	  "attempt, etc).",
	  "[RFC5248] (Best current practice)" },
	{ 7, 14, "Trust relationship required", "535, 554",
	  "The submission server requires a configured trust "
	  "relationship with a "
	  "third-party server in order to access the message content.",
	  "[RFC5248] (Best current practice)" },
	{ 7, 15,
	  "Priority Level is too low",
	  "450, 550 (other 4XX or 5XX codes are allowed)",
	  "The specified priority level is below the lowest priority "
	  "acceptable "
	  "for the receiving SMTP server.",
	  "[RFC6710] (Standards Track)" },
	{ 7, 16,
	  "Message is too big for the specified priority",
	  "552 (other 4XX or 5XX codes are allowed)",
	  "The message is too big for the specified priority.",
	  "[RFC6710] (Standards Track)" },
	{ 7, 17, "Mailbox owner has changed", "5XX",
	  "This status code is returned when a message is received with a "
	  "Require-Recipient-Valid-Since field or RRVS extension and the "
	  "receiving system is able to determine that the intended recipient "
	  "mailbox has not been under continuous ownership since the "
	  "specified "
	  "date-time.",
	  "[RFC7293] (Standards Track)" },
	{ 7, 18, "Domain owner has changed", "5XX",
	  "This status code is returned when a message is received with a "
	  "Require-Recipient-Valid-Since field or RRVS extension and the "
	  "receiving system wishes to disclose that the owner of the "
	  "domain name "
	  "of the recipient has changed since the specified date-time.",
	  "[RFC7293] (Standards Track)" },
	{ 7, 19, "RRVS test cannot be completed", "5XX",
	  "This status code is returned when a message is received with a "
	  "Require-Recipient-Valid-Since field or RRVS extension and the "
	  "receiving system cannot complete the requested evaluation "
	  "because the "
	  "required timestamp was not recorded.",
	  "[RFC7293] (Standards Track)" },
	{ 7, 20, "No passing DKIM signature found", "550",
	  "This status code is returned when a message did not contain any "
	  "passing DKIM signatures.",
	  "[RFC7372] (Standards Track); [RFC6376] (Standards Track)" },
	{ 7, 21, "No acceptable DKIM signature found", "550",
	  "This status code is returned when a message contains one or more "
	  "passing DKIM signatures, but none are acceptable.",
	  "[RFC7372] (Standards Track); [RFC6376] (Standards Track)" },
	{ 7, 22, "No valid author-matched DKIM signature found", "550",
	  "This status code is returned when a message contains one or more "
	  "passing DKIM signatures, but none are acceptable because "
	  "none have an "
	  "identifier(s) that matches the author address(es) found in "
	  "the From "
	  "header field.",
	  "[RFC7372] (Standards Track); [RFC6376] (Standards Track)" },
	{ 7, 23, "SPF validation failed", "550",
	  "This status code is returned when a message completed an SPF check "
	  "that produced a \"fail\" result, contrary to local policy "
	  "requirements.",
	  "[RFC7372] (Standards Track); [RFC7208] (Standards Track)" },
	{ 7, 24, "SPF validation error", "451/550",
	  "This status code is returned when evaluation of SPF relative to an "
	  "arriving message resulted in an error.",
	  "[RFC7372] (Standards Track); [RFC7208] (Standards Track)" },
	{ 7, 25, "Reverse DNS validation failed", "550",
	  "This status code is returned when an SMTP client's IP "
	  "address failed "
	  "a reverse DNS validation check, contrary to local policy "
	  "requirements.",
	  "[RFC7372], Section 3.3 (Standards Track)" },
	{ 7, 26, "Multiple authentication checks failed", "550",
	  "This status code is returned when a message failed more than one "
	  "message authentication check, contrary to local policy "
	  "requirements.",
	  "[RFC7372] (Standards Track)" },
	{ 7, 27, "Sender address has null MX", "550",
	  "This status code is returned when the associated sender "
	  "address has a "
	  "null MX, and the SMTP receiver is configured to reject mail "
	  "from such "
	  "sender (e.g., because it could not return a DSN).",
	  "[RFC7505] (Standards Track)" },
	{ 7, 28, "Mail flood detected", ".",
	  "The message appears to be part of a mail flood of similar abusive "
	  "messages.",
	  "[draft-levine-mailbomb-header-00]" },
	{ 7, 29, "ARC validation failure", "550",
	  "This status code may be returned when a message fails ARC "
	  "validation.",
	  "[RFC8617]" },
	{ 7, 30, "REQUIRETLS support required", "550",
	  "This indicates that the message was not able to be "
	  "forwarded because "
	  "it was received with a REQUIRETLS requirement and none of the SMTP "
	  "servers to which the message should be forwarded provide "
	  "this support.",
	  "[RFC8689]" },
};

/* pst_status_registry - the whole table */
const struct pst_status_entry *
pst_status_registry(size_t *count)
{
	if (count != NULL)
		*count = sizeof(registry) / sizeof(registry[0]);
	return (registry);
}

/* pst_status_lookup - binary search on (subject, detail) */
const struct pst_status_entry *
pst_status_lookup(int subject, int detail)
{
	size_t	lo = 0;
	size_t	hi = sizeof(registry) / sizeof(registry[0]);

	while (lo < hi) {
		size_t	mid = lo + (hi - lo) / 2;
		const struct pst_status_entry *e = &registry[mid];
		int	cmp = e->subject != subject ?
			    e->subject - subject : e->detail - detail;

		if (cmp == 0)
			return (e);
		if (cmp < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return (NULL);
}

