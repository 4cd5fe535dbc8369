/*
 * NAME
 *	txn.c - the transaction the rule engine evaluates
 * SUMMARY
 *	initialisation and stage names
 * SYNOPSIS
 *	#include <postern/txn.h>
 * LICENSE
 *	MIT
 */
#include "config.h"

#include <string.h>

#include <postern/txn.h>

static const char *const stage_names[] = {
#define PST_STAGE_NAME_(sym, name) name,
	PST_STAGE_MAP(PST_STAGE_NAME_)
#undef PST_STAGE_NAME_
};

void
pst_txn_init(struct pst_txn *t, enum pst_stage stage)
{
	memset(t, 0, sizeof(*t));
	t->stage = stage;
	t->server_port = -1;
}

const char *
pst_stage_name(enum pst_stage s)
{
	return ((unsigned) s < PST_STAGE__COUNT ? stage_names[s] : NULL);
}

enum pst_stage
pst_stage_from_name(struct pst_span name)
{
	unsigned s;

	for (s = 0; s < PST_STAGE__COUNT; s++)
		if (pst_span_eq_nocase(name, stage_names[s]))
			return ((enum pst_stage) s);
	return (PST_STAGE__COUNT);
}
