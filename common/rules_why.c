/*
 * NAME
 *	rules_why.c - what a rule's tests saw, for postern explain
 * SUMMARY
 *	each leaf of a condition with its value and outcome
 * SYNOPSIS
 *	#include <postern/rules.h>
 * DESCRIPTION
 *	See pst_rules_why() in rules.h. Values come from the same field
 *	accessors evaluation uses, so what explain prints is what the
 *	daemons compared. Peer values are escaped as in log lines.
 * LICENSE
 *	MIT
 */
#include "config.h"

#include <postern/decision.h>

#include "rules_int.h"

static const char *const op_names[] = {"==", "!=", "<", "<=", ">", ">="};

/* outcome - " (true)" and the like */
static enum pst_err
outcome(struct pst_buf *out, int m)
{
	return (pst_buf_adds(out, m < 0 ? " (error)" : m ? " (true)" :
			     " (false)"));
}

/* field_value - name=value of a leaf's field */
static enum pst_err
field_value(struct pst_buf *out, const struct rnode *n,
	    const struct pst_txn *t)
{
	const struct rfield *f = pst_rfield(n->field);
	struct pst_span v;
	int64_t	num;
	enum pst_err e;

	if (f->type == RT_NUM || f->type == RT_BOOL) {
		if (!pst_rfield_num(t, n->field, &num))
			return (pst_buf_printf(out, "%s=(unknown)", f->name));
		return (pst_buf_printf(out, "%s=%lld", f->name,
				       (long long) num));
	}
	if ((e = pst_buf_printf(out, "%s%.*s=\"", f->name, (int) n->arg.len,
				n->arg.ptr)) != PST_OK)
		return (e);
	if (pst_rfield_str(t, n->field, n->arg, &v) && v.len > 0
	    && (e = pst_log_escape(out, v)) != PST_OK)
		return (e);
	return (pst_buf_addc(out, '"'));
}

/* leaf - one test; walk - the tree in source order */
static enum pst_err
walk(const struct pst_rules *r, int i, const struct pst_txn *t,
     struct pst_buf *out)
{
	const struct rnode *n = &r->nodes[i];
	enum pst_err e = PST_OK;

	switch (n->kind) {
	case N_AND:
	case N_OR:
		if ((e = walk(r, n->a, t, out)) != PST_OK)
			return (e);
		if ((e = pst_buf_adds(out, n->kind == N_AND ? ", and " :
				      ", or ")) != PST_OK)
			return (e);
		return (walk(r, n->b, t, out));
	case N_NOT:
		if ((e = pst_buf_adds(out, "not ")) != PST_OK)
			return (e);
		return (walk(r, n->a, t, out));
	case N_TRUE:
		return (pst_buf_adds(out, "true"));
	case N_BUILTIN:
		e = pst_buf_adds(out, pst_rbuiltin_name(n->builtin));
		break;
	case N_HAS:
		e = pst_buf_printf(out, "has(%.*s)", (int) n->arg.len,
				   n->arg.ptr);
		break;
	case N_BOOL:
		e = field_value(out, n, t);
		break;
	case N_CMP:
		e = field_value(out, n, t);
		if (e == PST_OK && pst_rfield(n->field)->type == RT_NUM)
			e = pst_buf_printf(out, " %s %lld", op_names[n->op],
					   (long long) n->num);
		else if (e == PST_OK)
			e = pst_buf_printf(out, " %s \"%.*s\"",
					   op_names[n->op], (int) n->str.len,
					   n->str.ptr);
		break;
	case N_IN:
		e = field_value(out, n, t);
		if (e == PST_OK)
			e = pst_buf_adds(out, " in list");
		break;
	case N_REGEX:
		e = field_value(out, n, t);
		if (e == PST_OK)
			e = pst_buf_adds(out, n->negate ? " !~ regex" :
					 " ~ regex");
		break;
	}
	return (e ? e : outcome(out, pst_rnode_eval(r, i, t)));
}

enum pst_err
pst_rules_why(const struct pst_rules *r, size_t i, const struct pst_txn *t,
	      struct pst_buf *out)
{
	if (r == NULL || i >= r->nrules)
		return (PST_INVAL);
	return (walk(r, r->rules[i].cond, t, out));
}
