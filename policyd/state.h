/*
 * NAME
 *	state.h - per-transaction state of the policy service
 * SYNOPSIS
 *	#include "state.h"
 * DESCRIPTION
 *	Postfix asks once per RCPT and tells us at RCPT time only the
 *	current recipient (recipient_count is 0 until DATA). A rule such
 *	as "a null sender has one recipient" needs the whole transaction,
 *	so the service remembers, per "instance" attribute (one value per
 *	MAIL transaction), the recipients it let through. The table has a
 *	hard cap on transactions and on recipients per transaction;
 *	when full, the least recently used transaction is forgotten (and
 *	that is logged), and entries idle longer than the TTL expire.
 *	Recipients are kept as 64-bit hashes: a query repeated for the
 *	same recipient (check_policy_service in two restriction lists)
 *	does not count twice.
 * LICENSE
 *	MIT
 */
#ifndef POSTERN_POLICYD_STATE_H
#define POSTERN_POLICYD_STATE_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include <postern/span.h>

struct pd_state;
struct pd_txn_state;

struct pd_state *pd_state_create(size_t max_txn, size_t max_rcpt,
				 time_t ttl);
void	pd_state_free(struct pd_state *s);
/* pd_state_get - the entry of instance, created if need be; NULL when
 * instance is empty or memory ran out */
struct pd_txn_state *pd_state_get(struct pd_state *s, struct pst_span inst,
				  time_t now);
void	pd_state_drop(struct pd_state *s, struct pst_span inst);
/* pd_state_count - recipients so far, plus rcpt if it is new */
size_t	pd_state_count(const struct pd_txn_state *t, struct pst_span rcpt);
/* pd_state_add - remember rcpt (once) */
void	pd_state_add(struct pd_state *s, struct pd_txn_state *t,
		     struct pst_span rcpt);
/* pd_state_expire - forget entries idle past the TTL; how many */
size_t	pd_state_expire(struct pd_state *s, time_t now);
size_t	pd_state_size(const struct pd_state *s);
/* pd_state_evictions - entries forgotten because the table was full */
uint64_t pd_state_evictions(const struct pd_state *s);

#endif
