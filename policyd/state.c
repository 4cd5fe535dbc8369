/*
 * NAME
 *	state.c - per-transaction state of the policy service
 * SUMMARY
 *	instance -> recipients seen; bounded, LRU, expiring
 * SYNOPSIS
 *	#include "state.h"
 * DESCRIPTION
 *	See state.h. A chained hash table over a doubly linked LRU list;
 *	every operation is O(1) but the recipient lookup, which is linear
 *	in the recipients of one transaction (bounded by max_rcpt, and
 *	Postfix's smtpd_recipient_limit is 1000).
 * LICENSE
 *	MIT
 */
#include "config.h"

#include <string.h>

#include <postern/limits.h>

#include "alloc.h"
#include "state.h"

/* Postfix: pid.sec.usec.seq in hex; 64 is ample */
#define INSTANCE_MAX	64

struct pd_txn_state {
	struct pd_txn_state *hnext;	/* hash chain */
	struct pd_txn_state *prev;	/* LRU: head is oldest */
	struct pd_txn_state *next;
	time_t	used;
	size_t	nrcpt;			/* distinct recipients seen */
	size_t	nhash;			/* hashes kept (<= max_rcpt) */
	size_t	cap;
	uint64_t *hash;
	size_t	ilen;
	char	instance[INSTANCE_MAX];
};

struct pd_state {
	struct pd_txn_state **bucket;
	size_t	nbucket;
	size_t	count;
	size_t	max_txn;
	size_t	max_rcpt;
	time_t	ttl;
	uint64_t evictions;
	struct pd_txn_state *head;
	struct pd_txn_state *tail;
};

/* fnv1a - FNV-1a 64 */
static uint64_t
fnv1a(struct pst_span s)
{
	uint64_t h = 14695981039346656037ULL;
	size_t	i;

	for (i = 0; i < s.len; i++) {
		h ^= (unsigned char) s.ptr[i];
		h *= 1099511628211ULL;
	}
	return (h);
}

struct pd_state *
pd_state_create(size_t max_txn, size_t max_rcpt, time_t ttl)
{
	struct pd_state *s = pst_malloc(sizeof(*s));

	if (s == NULL)
		return (NULL);
	memset(s, 0, sizeof(*s));
	s->nbucket = 64;
	while (s->nbucket < max_txn && s->nbucket < (1u << 24))
		s->nbucket <<= 1;
	s->bucket = pst_malloc(s->nbucket * sizeof(*s->bucket));
	if (s->bucket == NULL) {
		pst_free(s);
		return (NULL);
	}
	memset(s->bucket, 0, s->nbucket * sizeof(*s->bucket));
	s->max_txn = max_txn > 0 ? max_txn : 1;
	s->max_rcpt = max_rcpt;
	s->ttl = ttl;
	return (s);
}

/* unlink_lru - take t out of the LRU list */
static void
unlink_lru(struct pd_state *s, struct pd_txn_state *t)
{
	if (t->prev)
		t->prev->next = t->next;
	else
		s->head = t->next;
	if (t->next)
		t->next->prev = t->prev;
	else
		s->tail = t->prev;
	t->prev = t->next = NULL;
}

/* append_lru - t becomes the most recently used */
static void
append_lru(struct pd_state *s, struct pd_txn_state *t)
{
	t->prev = s->tail;
	t->next = NULL;
	if (s->tail)
		s->tail->next = t;
	else
		s->head = t;
	s->tail = t;
}

/* slot - the chain pointer that holds inst, or the end of its chain */
static struct pd_txn_state **
slot(struct pd_state *s, struct pst_span inst)
{
	struct pd_txn_state **pp = &s->bucket[fnv1a(inst) & (s->nbucket - 1)];

	while (*pp != NULL && !((*pp)->ilen == inst.len
			       && memcmp((*pp)->instance, inst.ptr,
					 inst.len) == 0))
		pp = &(*pp)->hnext;
	return (pp);
}

/* remove_entry - unlink from chain and LRU, free */
static void
remove_entry(struct pd_state *s, struct pd_txn_state *t)
{
	struct pd_txn_state **pp = slot(s, pst_span_make(t->instance,
							 t->ilen));

	if (*pp == t)
		*pp = t->hnext;
	unlink_lru(s, t);
	pst_free(t->hash);
	pst_free(t);
	s->count--;
}

void
pd_state_free(struct pd_state *s)
{
	if (s == NULL)
		return;
	while (s->head != NULL)
		remove_entry(s, s->head);
	pst_free(s->bucket);
	pst_free(s);
}

struct pd_txn_state *
pd_state_get(struct pd_state *s, struct pst_span inst, time_t now)
{
	struct pd_txn_state **pp;
	struct pd_txn_state *t;

	if (inst.len == 0 || inst.len > INSTANCE_MAX)
		return (NULL);
	pp = slot(s, inst);
	if ((t = *pp) != NULL) {
		unlink_lru(s, t);
		append_lru(s, t);
		t->used = now;
		return (t);
	}
	if (s->count >= s->max_txn) {
		s->evictions++;
		remove_entry(s, s->head);
		pp = slot(s, inst);
	}
	if ((t = pst_malloc(sizeof(*t))) == NULL)
		return (NULL);
	memset(t, 0, sizeof(*t));
	memcpy(t->instance, inst.ptr, inst.len);
	t->ilen = inst.len;
	t->used = now;
	*pp = t;
	append_lru(s, t);
	s->count++;
	return (t);
}

void
pd_state_drop(struct pd_state *s, struct pst_span inst)
{
	struct pd_txn_state *t;

	if (inst.len == 0 || inst.len > INSTANCE_MAX)
		return;
	if ((t = *slot(s, inst)) != NULL)
		remove_entry(s, t);
}

/* known - rcpt's hash is kept */
static int
known(const struct pd_txn_state *t, uint64_t h)
{
	size_t	i;

	for (i = 0; i < t->nhash; i++)
		if (t->hash[i] == h)
			return (1);
	return (0);
}

size_t
pd_state_count(const struct pd_txn_state *t, struct pst_span rcpt)
{
	if (t == NULL)
		return (rcpt.len > 0);
	return (t->nrcpt + (rcpt.len > 0 && !known(t, fnv1a(rcpt))));
}

void
pd_state_add(struct pd_state *s, struct pd_txn_state *t,
	     struct pst_span rcpt)
{
	uint64_t h;

	if (t == NULL || rcpt.len == 0 || known(t, h = fnv1a(rcpt)))
		return;
	t->nrcpt++;
	if (t->nhash >= s->max_rcpt)
		return;			/* counted, no longer told apart */
	if (t->nhash == t->cap) {
		size_t	ncap = t->cap ? t->cap * 2 : 8;
		uint64_t *nh;

		if (ncap > s->max_rcpt)
			ncap = s->max_rcpt;
		if ((nh = pst_realloc(t->hash, ncap * sizeof(*nh))) == NULL)
			return;
		t->hash = nh;
		t->cap = ncap;
	}
	t->hash[t->nhash++] = h;
}

size_t
pd_state_expire(struct pd_state *s, time_t now)
{
	size_t	n = 0;

	while (s->head != NULL && now - s->head->used > s->ttl) {
		remove_entry(s, s->head);
		n++;
	}
	return (n);
}

size_t
pd_state_size(const struct pd_state *s)
{
	return (s->count);
}

uint64_t
pd_state_evictions(const struct pd_state *s)
{
	return (s->evictions);
}
