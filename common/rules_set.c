/*
 * NAME
 *	rules_set.c - string sets and CIDR sets of the rule language
 * SUMMARY
 *	"in [a, b]" and "in file:..." compiled for O(1) / O(prefix) lookup
 * SYNOPSIS
 *	#include "rules_int.h"
 * DESCRIPTION
 *	A string set is an open-addressing hash table of spans (the bytes
 *	stay in the rule text or the list file the rules own), compared
 *	ASCII case-insensitively as Postfix tables are. A CIDR set is a
 *	binary trie per address family; a lookup walks at most 32 or 128
 *	nodes and answers whether any stored prefix covers the address.
 *	Building allocates; lookups never do.
 * LICENSE
 *	MIT
 */
#include "config.h"

#include <arpa/inet.h>
#include <stdint.h>
#include <string.h>

#include "alloc.h"
#include "rules_int.h"

/* the hash is kept: a probe compares it before the bytes */
struct strslot {
	struct pst_span item;
	uint64_t h;
};

struct strset {
	struct strslot *slot;
	size_t	cap;			/* power of two */
	size_t	n;
};

/* lower - ASCII tolower */
static unsigned char
lower(unsigned char c)
{
	return (c >= 'A' && c <= 'Z' ? (unsigned char) (c + 32) : c);
}

/* pst_strset_hash - FNV-1a over the lower-cased bytes */
uint64_t
pst_strset_hash(struct pst_span s)
{
	uint64_t h = 1469598103934665603ULL;
	size_t	i;

	for (i = 0; i < s.len; i++) {
		h ^= lower((unsigned char) s.ptr[i]);
		h *= 1099511628211ULL;
	}
	return (h);
}

struct strset *
pst_strset_new(size_t hint)
{
	struct strset *s = pst_malloc(sizeof(*s));
	size_t	cap = 16;

	if (s == NULL)
		return (NULL);
	while (cap < hint * 2 && cap < ((size_t) 1 << 40))
		cap *= 2;
	s->slot = pst_malloc(cap * sizeof(*s->slot));
	if (s->slot == NULL) {
		pst_free(s);
		return (NULL);
	}
	memset(s->slot, 0, cap * sizeof(*s->slot));
	s->cap = cap;
	s->n = 0;
	return (s);
}

/* insert - place an item with its hash, assuming room */
static void
insert(struct strset *s, struct pst_span item, uint64_t h)
{
	size_t	i = (size_t) h & (s->cap - 1);

	while (s->slot[i].item.ptr != NULL) {
		if (s->slot[i].h == h
		    && pst_span_eq_span_nocase(s->slot[i].item, item))
			return;
		i = (i + 1) & (s->cap - 1);
	}
	s->slot[i].item = item;
	s->slot[i].h = h;
	s->n++;
}

int
pst_strset_add(struct strset *s, struct pst_span item)
{
	if (item.ptr == NULL)
		return (0);
	if ((s->n + 1) * 2 > s->cap) {
		struct strset big;
		size_t	i;

		big.cap = s->cap * 2;
		big.n = 0;
		big.slot = pst_malloc(big.cap * sizeof(*big.slot));
		if (big.slot == NULL)
			return (-1);
		memset(big.slot, 0, big.cap * sizeof(*big.slot));
		for (i = 0; i < s->cap; i++)
			if (s->slot[i].item.ptr != NULL)
				insert(&big, s->slot[i].item, s->slot[i].h);
		pst_free(s->slot);
		*s = big;
	}
	insert(s, item, pst_strset_hash(item));
	return (0);
}

int
pst_strset_has_hashed(const struct strset *s, struct pst_span item,
		      uint64_t h)
{
	size_t	i = (size_t) h & (s->cap - 1);

	while (s->slot[i].item.ptr != NULL) {
		if (s->slot[i].h == h
		    && pst_span_eq_span_nocase(s->slot[i].item, item))
			return (1);
		i = (i + 1) & (s->cap - 1);
	}
	return (0);
}

int
pst_strset_has(const struct strset *s, struct pst_span item)
{
	return (pst_strset_has_hashed(s, item, pst_strset_hash(item)));
}

void
pst_strset_free(struct strset *s)
{
	if (s != NULL) {
		pst_free(s->slot);
		pst_free(s);
	}
}

/* One trie node: children by bit, and "a prefix ends here". */
struct tnode {
	uint32_t child[2];		/* 0 = none */
	uint32_t end;
};

struct cidrset {
	struct tnode *node;
	size_t	n;
	size_t	cap;
	uint32_t root[2];		/* IPv4, IPv6 */
};

/* new_node - index of a fresh node; 0 on failure (0 is never a node) */
static uint32_t
new_node(struct cidrset *c)
{
	if (c->n == c->cap) {
		size_t	ncap = c->cap ? c->cap * 2 : 256;
		struct tnode *nn;

		if (ncap > UINT32_MAX || (nn = pst_realloc(c->node, ncap
						* sizeof(*nn))) == NULL)
			return (0);
		c->node = nn;
		c->cap = ncap;
	}
	memset(&c->node[c->n], 0, sizeof(c->node[0]));
	return ((uint32_t) c->n++);
}

struct cidrset *
pst_cidrset_new(void)
{
	struct cidrset *c = pst_malloc(sizeof(*c));

	if (c == NULL)
		return (NULL);
	memset(c, 0, sizeof(*c));
	/* node 0 is the "none" sentinel; then the two roots */
	if (new_node(c) != 0 || (c->root[0] = new_node(c)) == 0
	    || (c->root[1] = new_node(c)) == 0) {
		pst_cidrset_free(c);
		return (NULL);
	}
	return (c);
}

/* parse_ip - address text to bytes; returns 4, 16 or 0 */
static int
parse_ip(struct pst_span s, unsigned char out[16])
{
	char	buf[64];

	if (s.len == 0 || s.len >= sizeof(buf))
		return (0);
	memcpy(buf, s.ptr, s.len);
	buf[s.len] = 0;
	if (inet_pton(AF_INET, buf, out) == 1)
		return (4);
	if (inet_pton(AF_INET6, buf, out) == 1)
		return (16);
	return (0);
}

int
pst_cidrset_add(struct cidrset *c, struct pst_span cidr)
{
	unsigned char a[16];
	size_t	slash;
	int	len;
	int	bits;
	int	i;
	uint32_t cur;

	for (slash = 0; slash < cidr.len && cidr.ptr[slash] != '/'; slash++)
		 /* void */ ;
	if ((len = parse_ip(pst_span_sub(cidr, 0, slash), a)) == 0)
		return (-1);
	bits = len * 8;
	if (slash < cidr.len) {
		size_t	k;

		bits = 0;
		for (k = slash + 1; k < cidr.len; k++) {
			if (cidr.ptr[k] < '0' || cidr.ptr[k] > '9'
			    || bits > 128)
				return (-1);
			bits = bits * 10 + (cidr.ptr[k] - '0');
		}
		if (k == slash + 1 || bits > len * 8)
			return (-1);
	}
	cur = c->root[len == 16];
	for (i = 0; i < bits; i++) {
		int	bit = (a[i / 8] >> (7 - i % 8)) & 1;

		if (c->node[cur].child[bit] == 0) {
			uint32_t nn = new_node(c);

			if (nn == 0)
				return (-2);
			c->node[cur].child[bit] = nn;
		}
		cur = c->node[cur].child[bit];
	}
	c->node[cur].end = 1;
	return (0);
}

int
pst_cidrset_has(const struct cidrset *c, struct pst_span ip)
{
	unsigned char a[16];
	int	len = parse_ip(ip, a);
	uint32_t cur;
	int	i;

	if (len == 0)
		return (0);
	cur = c->root[len == 16];
	for (i = 0; i <= len * 8 && cur != 0; i++) {
		if (c->node[cur].end)
			return (1);
		if (i == len * 8)
			break;
		cur = c->node[cur].child[(a[i / 8] >> (7 - i % 8)) & 1];
	}
	return (0);
}

void
pst_cidrset_free(struct cidrset *c)
{
	if (c != NULL) {
		pst_free(c->node);
		pst_free(c);
	}
}
