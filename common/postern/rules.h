/*
 * NAME
 *	rules.h - the rule language: load, check, evaluate
 * SYNOPSIS
 *	#include <postern/rules.h>
 *
 *	struct pst_rules *r;
 *	if (pst_rules_load_file("postern.rules", &r, print_diag, NULL)
 *	    != PST_OK)
 *		exit(1);	(print_diag saw "file:line:col: ..." lines)
 *	pst_rules_eval(r, &txn, &verdict, NULL, NULL);
 *	pst_rules_free(r);
 * DESCRIPTION
 *	One rule per logical line (continuation lines start with white
 *	space, "#" starts a comment):
 *
 *	[name=NAME] STAGE CONDITION -> ACTION [ARGS] [mode=dry-run]
 *
 *	The language is documented in postern.rules(5). Every error is
 *	found at load time and reported as "file:line:col: message";
 *	evaluation never allocates and never fails: it walks a compiled
 *	program against a struct pst_txn. The first matching rule of a
 *	stage decides, except "continue", "warn" and dry-run rules, which
 *	are recorded and let evaluation go on.
 * SEE ALSO
 *	postern.rules(5), postern(1)
 * LICENSE
 *	MIT
 */
#ifndef POSTERN_RULES_H
#define POSTERN_RULES_H

#include <postern/api.h>
#include <postern/buf.h>
#include <postern/err.h>
#include <postern/span.h>
#include <postern/txn.h>

struct pst_rules;			/* opaque */

#define PST_ACTION_MAP(X) \
	X(DUNNO, "dunno") X(ACCEPT, "accept") X(REJECT, "reject") \
	X(DEFER, "defer") X(DISCARD, "discard") X(HOLD, "hold") \
	X(QUARANTINE, "quarantine") X(WARN, "warn") \
	X(ADD_HEADER, "add-header") X(PREPEND, "prepend") \
	X(REDIRECT, "redirect") X(BCC, "bcc") X(CONTINUE, "continue") \
	X(ADD_RECIPIENT, "add-recipient") \
	X(DELETE_RECIPIENT, "delete-recipient") \
	X(CHANGE_SENDER, "change-sender") \
	X(CHANGE_HEADER, "change-header") \
	X(INSERT_HEADER, "insert-header") \
	X(DELETE_HEADER, "delete-header")

enum pst_action {
#define PST_ACTION_ENUM_(sym, name) PST_ACTION_##sym,
	PST_ACTION_MAP(PST_ACTION_ENUM_)
#undef PST_ACTION_ENUM_
	PST_ACTION__COUNT
};

/* A diagnostic: where and what. */
struct pst_diag {
	unsigned line;
	unsigned col;
	int	warning;
	char	text[512];		/* "file:line:col: message" */
};

/* What a stage decided. */
struct pst_verdict {
	enum pst_action action;		/* DUNNO when no rule decided */
	int	code;			/* reject/defer: 4xx/5xx */
	char	dsn[16];		/* "5.7.1", may be "" */
	struct pst_span text;		/* reply text, header, address */
	int	rule;			/* deciding rule index, -1 if none */
	const char *rule_name;		/* "" when unnamed */
	unsigned line;			/* of the deciding rule */
};

/* Called for every rule considered, for logs and postern explain. */
typedef void (*pst_rules_trace_fn) (void *ctx, int rule, const char *name,
				    unsigned line, int matched, int dry_run,
				    enum pst_action action);

/* Called for every error and warning found while loading. */
typedef void (*pst_rules_diag_fn) (void *ctx, const struct pst_diag *d);

PST_BEGIN_DECLS
/*
 * pst_rules_load_file - compile a rule file. Every error and warning
 * goes to fn (may be NULL); any error means PST_INVAL and no rules.
 */
PST_API enum pst_err pst_rules_load_file(const char *path,
					 struct pst_rules **out,
					 pst_rules_diag_fn fn, void *ctx);
PST_API enum pst_err pst_rules_load_buffer(const char *name,
					   struct pst_span text,
					   struct pst_rules **out,
					   pst_rules_diag_fn fn, void *ctx);
PST_API void pst_rules_free(struct pst_rules *r);
PST_API size_t pst_rules_count(const struct pst_rules *r);
/* pst_rules_info - stage, line, name and who can run rule i */
#define PST_DOOR_POLICY	0x1
#define PST_DOOR_MILTER	0x2
PST_API int pst_rules_info(const struct pst_rules *r, size_t i,
			   enum pst_stage *stage, unsigned *line,
			   const char **name, unsigned *doors);
/* pst_rules_eval - the verdict of txn->stage; never fails */
PST_API void pst_rules_eval(const struct pst_rules *r,
			    const struct pst_txn *txn,
			    struct pst_verdict *v, pst_rules_trace_fn fn,
			    void *ctx);
PST_API const char *pst_action_name(enum pst_action a);
/*
 * pst_rules_reads - whether some rule reads the field or named check
 * called name ("helo", "tls.cipher", "non_fqdn_helo"): a door need not
 * collect what no rule reads
 */
PST_API int pst_rules_reads(const struct pst_rules *r, const char *name);
/* pst_rules_actions - 1 << action for every action some rule takes */
PST_API unsigned pst_rules_actions(const struct pst_rules *r);
/*
 * pst_rules_why - why rule i matched or not: every test of its
 * condition with the value the transaction gave it and the outcome,
 * e.g. 'sender="" (true), rcpt.count=2 > 1 (true)', appended to out
 */
PST_API enum pst_err pst_rules_why(const struct pst_rules *r, size_t i,
				   const struct pst_txn *t,
				   struct pst_buf *out);
PST_END_DECLS

#endif
