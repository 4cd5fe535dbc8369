/*
 * NAME
 *	rules_parser.h - parser state shared by rules_parse.c and
 *	rules_load.c (internal)
 * LICENSE
 *	MIT
 */
#ifndef POSTERN_RULES_PARSER_H
#define POSTERN_RULES_PARSER_H

#include "rules_int.h"
#include "rules_lex.h"

struct rparser {
	struct pst_rules *r;
	struct rlex lx;
	struct rtok tok;
	int	have;			/* tok holds a peeked token */
	const char *file;
	pst_rules_diag_fn fn;
	void   *ctx;
	int	errors;
	int	failed;			/* this rule failed */
	int	depth;
	struct rrule *cur;
	int	nomem;
};

void	rp_diag(struct rparser *p, unsigned line, unsigned col, int warning,
		const char *fmt,...) __attribute__((format(printf, 5, 6)));
struct rtok *rp_peek(struct rparser *p);
struct rtok rp_take(struct rparser *p);
int	rp_is(struct rparser *p, enum rtok_kind kind, const char *lit);
const char *rp_tokname(const struct rtok *t, char *buf, size_t len);
int	rp_expect(struct rparser *p, enum rtok_kind kind, const char *lit,
		  const char *what);
int	rp_new_node(struct rparser *p, enum node_kind kind);
/* rp_cond - a whole condition; the root node index or -1 */
int	rp_cond(struct rparser *p);

#endif
