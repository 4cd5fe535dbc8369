/*
 * NAME
 *	rules_lex.h - tokens of the rule language (internal)
 * LICENSE
 *	MIT
 */
#ifndef POSTERN_RULES_LEX_H
#define POSTERN_RULES_LEX_H

#include <postern/span.h>

enum rtok_kind {
	TK_EOL,				/* end of the logical line */
	TK_WORD,
	TK_STRING,			/* "..." unescaped */
	TK_ADDR,			/* <...> without brackets */
	TK_REGEX,			/* /.../ without slashes; flags */
	TK_OP,				/* -> == != <= >= !~ < > ~ ! */
	TK_PUNCT			/* ( ) [ ] , */
};

struct rtok {
	enum rtok_kind kind;
	struct pst_span s;
	struct pst_span flags;		/* regex flags */
	unsigned line;
	unsigned col;
};

struct rlex {
	char   *p;
	size_t	len;
	size_t	pos;
	unsigned line;
	size_t	lstart;			/* offset where the line starts */
	int	want_regex;		/* after ~ or !~ */
	int	expect_value;		/* "<" starts an <address> */
	const char *error;
};

void	pst_rlex_init(struct rlex *lx, char *text, size_t len);
/* pst_rlex_next_rule - move to the next logical line; 0 at the end */
int	pst_rlex_next_rule(struct rlex *lx);
/* pst_rlex_skip_line - past the current physical line */
void	pst_rlex_skip_line(struct rlex *lx);
/* pst_rlex_token - the next token of this logical line; -1 on error */
int	pst_rlex_token(struct rlex *lx, struct rtok *t);

#endif
