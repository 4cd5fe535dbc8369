/*
 * NAME
 *	verdict.h - a rule verdict as each door answers it
 * SYNOPSIS
 *	#include <postern/verdict.h>
 * DESCRIPTION
 *	pst_verdict_policy() writes the Postfix policy answer
 *	("action=...\n\n" without the framing). It never writes an answer
 *	Postfix reads as permit by accident: a reply code always carries
 *	text (a bare "450" is all-numerical and means OK), and no action
 *	is ever empty. Actions Postfix ignores at a stage are mapped as
 *	Postfix documents (quarantine is HOLD; add-header and
 *	insert-header are PREPEND; add-recipient is BCC). The actions
 *	only a milter can carry out (change-sender, delete-recipient,
 *	change-header, delete-header) are DUNNO here.
 * SEE ALSO
 *	access(5), SMTPD_POLICY_README, ../shared/notes/policy-protocol.md
 * LICENSE
 *	MIT
 */
#ifndef POSTERN_VERDICT_H
#define POSTERN_VERDICT_H

#include <postern/api.h>
#include <postern/buf.h>
#include <postern/rules.h>

PST_BEGIN_DECLS
/* pst_verdict_policy - the value of action= for a policy answer */
PST_API enum pst_err pst_verdict_policy(const struct pst_verdict *v,
					struct pst_buf *out);
PST_END_DECLS

#endif
