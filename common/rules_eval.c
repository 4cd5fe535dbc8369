/*
 * NAME
 *	rules_eval.c - evaluate compiled rules against a transaction
 * SUMMARY
 *	the verdict of one stage; no allocation, no failure mode but one
 * SYNOPSIS
 *	#include <postern/rules.h>
 * DESCRIPTION
 *	Rules of the transaction's stage are tried in file order. A
 *	matching rule decides, unless it is dry-run (recorded, then
 *	ignored), "warn" or "continue". Text comparisons are ASCII
 *	case-insensitive, as Postfix table lookups are; an unknown text
 *	field is the empty string (so "sender == <>" means the null
 *	sender), an unknown number makes every comparison false. "in"
 *	tries an address whole, then its domain, then each parent domain
 *	as ".example.com", the order of access(5).
 *
 *	Recursion follows the condition tree, whose depth the compiler
 *	bounds (PST_MAX_RULE_DEPTH). The one thing that can go wrong at run
 *	time is a regular expression hitting its match or depth limit, or
 *	no memory for the per-thread match block: the verdict is then
 *	defer 451 4.3.0 ("fail safe, never open").
 * LICENSE
 *	MIT
 */
#include "config.h"

#include <string.h>

#include "rules_int.h"

/*
 * What "value in set" looks up - the whole value, its domain (after the
 * last "@"), and each ".parent" of that - with the hashes, worked out
 * once per value and evaluation: a rule file often tests one field
 * against many lists (25 "helo in [...]" rules would otherwise scan and
 * hash the same HELO name 25 times). An entry is valid for one
 * pst_rules_eval() call only (the generation), because the caller may
 * reuse its buffers for the next transaction.
 */
#define CAND_MAX	16		/* lookups kept per value */
#define VMEMO_SIZE	8		/* values per evaluation */
struct cand {
	struct pst_span s;
	uint64_t h;
};
struct vmemo {
	const char *ptr;
	size_t	len;
	unsigned gen;
	unsigned n;
	int	more;			/* parents past CAND_MAX */
	struct cand c[CAND_MAX];
};
static __thread struct vmemo vmemo[VMEMO_SIZE];
static __thread unsigned vmemo_gen;

/* add_cand - one lookup of a value */
static void
add_cand(struct vmemo *m, struct pst_span s)
{
	if (m->n == CAND_MAX) {
		m->more = 1;
		return;
	}
	m->c[m->n].s = s;
	m->c[m->n++].h = pst_strset_hash(s);
}

/* candidates - the lookups of v, from the memo or worked out now */
static const struct vmemo *
candidates(struct pst_span v)
{
	struct vmemo *m = &vmemo[(((uintptr_t) v.ptr >> 3) ^ v.len)
				 & (VMEMO_SIZE - 1)];
	size_t	i;

	if (m->gen == vmemo_gen && m->ptr == v.ptr && m->len == v.len)
		return (m);
	m->ptr = v.ptr;
	m->len = v.len;
	m->gen = vmemo_gen;
	m->n = 0;
	m->more = 0;
	add_cand(m, v);
	for (i = v.len; i > 0 && v.ptr[i - 1] != '@'; i--)
		 /* void */ ;
	if (i > 0) {
		v = pst_span_sub(v, i, v.len - i);	/* the domain */
		add_cand(m, v);
	}
	for (i = 1; i < v.len; i++)
		if (v.ptr[i] == '.')
			add_cand(m, pst_span_sub(v, i, v.len - i));
	return (m);
}

/* in_set - whole value, then domain, then ".parent" forms */
static int
in_set(const struct strset *s, struct pst_span v)
{
	const struct vmemo *m = candidates(v);
	size_t	i;
	unsigned k;

	for (k = 0; k < m->n; k++)
		if (pst_strset_has_hashed(s, m->c[k].s, m->c[k].h))
			return (1);
	if (!m->more)
		return (0);
	/* a domain with more than CAND_MAX labels: the rest the slow way */
	v = m->c[m->n - 1].s;
	for (i = 1; i < v.len; i++)
		if (v.ptr[i] == '.' && pst_strset_has(s, pst_span_sub(v, i,
							v.len - i)))
			return (1);
	return (0);
}

/* prefix_ok - v starts with the literal prefix of node n's regex */
static int
prefix_ok(struct pst_span v, const struct rnode *n)
{
	struct pst_span p = n->rx_prefix;
	size_t	i = 0;			/* in v */
	size_t	j;			/* in the pattern */

	for (j = 0; j < p.len; j++, i++) {
		unsigned char a;
		unsigned char b = (unsigned char) p.ptr[j];

		if (b == '\\' && j + 1 < p.len)	/* "\." is a dot */
			b = (unsigned char) p.ptr[++j];
		if (i >= v.len)
			return (0);
		a = (unsigned char) v.ptr[i];
		if (n->rx_nocase && a >= 'A' && a <= 'Z')
			a = (unsigned char) (a + 32);
		if (n->rx_nocase && b >= 'A' && b <= 'Z')
			b = (unsigned char) (b + 32);
		if (a != b)
			return (0);
	}
	return (1);
}

/* match_data - one per thread, made once: no allocation after warm-up */
static pcre2_match_data *
match_data(void)
{
	static __thread pcre2_match_data *md;

	if (md == NULL)
		md = pcre2_match_data_create(1, NULL);
	return (md);
}

/* eval_node - 1 true, 0 false, -1 internal error */
int
pst_rnode_eval(const struct pst_rules *r, int i, const struct pst_txn *t)
{
	const struct rnode *n = &r->nodes[i];
	struct pst_span v = pst_span_make("", 0);
	int64_t	num;
	int	a;
	int	rc;

	switch (n->kind) {
	case N_TRUE:
		return (1);
	case N_AND:
		if ((a = pst_rnode_eval(r, n->a, t)) != 1)
			return (a);
		return (pst_rnode_eval(r, n->b, t));
	case N_OR:
		if ((a = pst_rnode_eval(r, n->a, t)) != 0)
			return (a);
		return (pst_rnode_eval(r, n->b, t));
	case N_NOT:
		a = pst_rnode_eval(r, n->a, t);
		return (a < 0 ? a : !a);
	case N_BUILTIN:
		return (pst_rbuiltin_eval(t, n->builtin));
	case N_HAS:
		for (rc = 0; (size_t) rc < t->nheaders; rc++)
			if (pst_span_eq_span_nocase(t->headers[rc].name,
						    n->arg))
				return (1);
		return (0);
	case N_BOOL:
		return (pst_rfield_num(t, n->field, &num) && num != 0);
	case N_CMP:
		if (pst_rfield(n->field)->type == RT_NUM
		    || pst_rfield(n->field)->type == RT_BOOL) {
			if (!pst_rfield_num(t, n->field, &num))
				return (0);
			switch (n->op) {
			case OP_EQ: return (num == n->num);
			case OP_NE: return (num != n->num);
			case OP_LT: return (num < n->num);
			case OP_LE: return (num <= n->num);
			case OP_GT: return (num > n->num);
			case OP_GE: return (num >= n->num);
			}
			return (0);
		}
		if (!pst_rfield_str(t, n->field, n->arg, &v))
			v = pst_span_make("", 0);
		return (pst_span_eq_span_nocase(v, n->str)
			== (n->op == OP_EQ));
	case N_IN:
		if (!pst_rfield_str(t, n->field, n->arg, &v))
			return (0);
		if (r->cidrs[n->set] != NULL)
			return (pst_cidrset_has(r->cidrs[n->set], v));
		return (in_set(r->sets[n->set], v));
	case N_REGEX:
		if (!pst_rfield_str(t, n->field, n->arg, &v))
			v = pst_span_make("", 0);
		if (n->rx_prefix.len > 0 && !prefix_ok(v, n))
			return (n->negate);	/* cannot match: no PCRE2 */
		if (match_data() == NULL)
			return (-1);
		/* byte mode (no PCRE2_UTF): the JIT fast path is safe */
		rc = pcre2_jit_match(r->regexes[n->regex], (PCRE2_SPTR) v.ptr,
				     v.len, 0, 0, match_data(), r->mctx);
		if (rc == PCRE2_ERROR_JIT_BADOPTION)	/* not compiled */
			rc = pcre2_match(r->regexes[n->regex],
					 (PCRE2_SPTR) v.ptr, v.len, 0, 0,
					 match_data(), r->mctx);
		if (rc == PCRE2_ERROR_NOMATCH)
			return (n->negate);
		if (rc < 0)
			return (-1);	/* match/depth limit: fail safe */
		return (!n->negate);
	}
	return (-1);
}

/* set_verdict - the deciding rule's action */
static void
set_verdict(struct pst_verdict *v, const struct rrule *r, int index)
{
	v->action = r->action;
	v->code = r->code;
	memcpy(v->dsn, r->dsn, sizeof(v->dsn));
	v->text = r->text;
	v->rule = index;
	v->rule_name = r->name;
	v->line = r->line;
}

void
pst_rules_eval(const struct pst_rules *r, const struct pst_txn *txn,
	       struct pst_verdict *v, pst_rules_trace_fn fn, void *ctx)
{
	size_t	k;
	size_t	end;

	memset(v, 0, sizeof(*v));
	v->action = PST_ACTION_DUNNO;
	v->rule = -1;
	v->rule_name = "";
	if (r == NULL || (unsigned) txn->stage >= PST_STAGE__COUNT)
		return;
	if (++vmemo_gen == 0) {		/* wrapped: no entry may look valid */
		memset(vmemo, 0, sizeof(vmemo));
		vmemo_gen = 1;
	}
	end = r->stage_start[txn->stage + 1];
	for (k = r->stage_start[txn->stage]; k < end; k++) {
		size_t	i = r->by_stage[k];
		const struct rrule *rule = &r->rules[i];
		int	m;

		if (txn->door != 0 && !(rule->doors & txn->door))
			continue;	/* it needs what this door lacks */
		m = pst_rnode_eval(r, rule->cond, txn);
		if (fn != NULL)
			fn(ctx, (int) i, rule->name, rule->line, m,
			   rule->dry_run, rule->action);
		if (m < 0) {
			/* internal trouble: defer, never accept */
			v->action = PST_ACTION_DEFER;
			v->code = 451;
			memcpy(v->dsn, "4.3.0", 6);
			v->text = pst_span_cstr("Temporary policy evaluation "
						"error");
			v->rule = (int) i;
			v->rule_name = rule->name;
			v->line = rule->line;
			return;
		}
		if (m == 0 || rule->dry_run
		    || rule->action == PST_ACTION_CONTINUE)
			continue;
		if (rule->action == PST_ACTION_WARN) {
			if (v->rule < 0)
				set_verdict(v, rule, (int) i);
			/* warn logs; it decides nothing */
			v->action = PST_ACTION_DUNNO;
			continue;
		}
		set_verdict(v, rule, (int) i);
		return;
	}
}
