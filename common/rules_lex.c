/*
 * NAME
 *	rules_lex.c - tokens of the rule language
 * SUMMARY
 *	logical lines, continuation, comments; tokens with line and column
 * SYNOPSIS
 *	#include "rules_lex.h"
 * DESCRIPTION
 *	As in Postfix main.cf: a line starting with white space continues
 *	the line before it; a line whose first non-blank character is "#"
 *	is a comment; blank lines separate nothing. Every token knows its
 *	physical line and column so errors read "file:line:col".
 *
 *	Strings ("...", with \" and \\) are unescaped in place in the
 *	rule text the caller owns, so their spans stay valid as long as
 *	the rules do. A regular expression (/.../flags) is only lexed right
 *	after "~" or "!~", so "/" may appear in words (file:/etc/x).
 * LICENSE
 *	MIT
 */
#include "config.h"

#include <string.h>

#include "rules_lex.h"

#define IS_WSP(c)	((c) == ' ' || (c) == '\t' || (c) == '\r')

/* line_start - is pos the first character of a physical line? */
static int
line_start(const struct rlex *lx, size_t pos)
{
	return (pos == 0 || lx->p[pos - 1] == '\n');
}

/* is_comment_line - first non-blank character of the line is "#" */
static int
is_comment_line(const struct rlex *lx, size_t pos)
{
	while (pos < lx->len && IS_WSP(lx->p[pos]))
		pos++;
	return (pos < lx->len && lx->p[pos] == '#');
}

/* is_blank_line - nothing but white space up to the newline */
static int
is_blank_line(const struct rlex *lx, size_t pos)
{
	while (pos < lx->len && IS_WSP(lx->p[pos]))
		pos++;
	return (pos >= lx->len || lx->p[pos] == '\n');
}

void
pst_rlex_init(struct rlex *lx, char *text, size_t len)
{
	memset(lx, 0, sizeof(*lx));
	lx->p = text;
	lx->len = len;
	lx->line = 1;
	lx->lstart = 0;
}

/* advance - move one character, counting lines */
static void
advance(struct rlex *lx)
{
	if (lx->p[lx->pos] == '\n') {
		lx->line++;
		lx->lstart = lx->pos + 1;
	}
	lx->pos++;
}

/* skip_to_eol - past the current physical line */
void
pst_rlex_skip_line(struct rlex *lx)
{
	while (lx->pos < lx->len && lx->p[lx->pos] != '\n')
		advance(lx);
	if (lx->pos < lx->len)
		advance(lx);
}

int
pst_rlex_next_rule(struct rlex *lx)
{
	/* skip to the start of the next logical line */
	while (lx->pos < lx->len) {
		if (line_start(lx, lx->pos) && !IS_WSP(lx->p[lx->pos])
		    && lx->p[lx->pos] != '\n' && !is_comment_line(lx, lx->pos))
			return (1);
		pst_rlex_skip_line(lx);
	}
	return (0);
}

/* word_char - characters of a bare word */
static int
word_char(const struct rlex *lx, size_t i)
{
	char	c = lx->p[i];

	if (c == '=' )
		return (i + 1 < lx->len && lx->p[i + 1] != '=' && i > 0
			&& lx->p[i - 1] != '=' && lx->p[i - 1] != '!'
			&& lx->p[i - 1] != '<' && lx->p[i - 1] != '>');
	return (c > ' ' && c != 0x7f && strchr("()[],\"<>!~=", c) == NULL);
}

int
pst_rlex_token(struct rlex *lx, struct rtok *t)
{
	size_t	start;
	char	c;

	/* white space, and continuation lines of this logical line */
	for (;;) {
		size_t	q;

		while (lx->pos < lx->len && IS_WSP(lx->p[lx->pos]))
			lx->pos++;
		if (lx->pos >= lx->len || lx->p[lx->pos] != '\n')
			break;
		/* the next line that is neither blank nor a comment */
		q = lx->pos + 1;
		while (q < lx->len && (is_blank_line(lx, q)
				       || is_comment_line(lx, q))) {
			while (q < lx->len && lx->p[q] != '\n')
				q++;
			q++;
		}
		if (q >= lx->len || !IS_WSP(lx->p[q]))
			break;			/* the rule ends here */
		while (lx->pos < q)
			advance(lx);
	}
	t->line = lx->line;
	t->col = (unsigned) (lx->pos - lx->lstart + 1);
	start = lx->pos;
	if (lx->pos >= lx->len || lx->p[lx->pos] == '\n') {
		t->kind = TK_EOL;
		t->s = pst_span_make(lx->p + lx->pos, 0);
		return (0);
	}
	c = lx->p[lx->pos];
	if (lx->want_regex && c == '/') {
		size_t	o = lx->pos + 1;
		size_t	i;

		lx->want_regex = 0;
		for (i = o; i < lx->len && lx->p[i] != '/' && lx->p[i] != '\n';
		     i++)
			if (lx->p[i] == '\\' && i + 1 < lx->len
			    && lx->p[i + 1] != '\n')
				i++;
		if (i >= lx->len || lx->p[i] != '/') {
			lx->error = "unterminated /regular expression/";
			return (-1);
		}
		t->kind = TK_REGEX;
		t->s = pst_span_make(lx->p + o, i - o);
		lx->pos = i + 1;
		start = lx->pos;
		while (lx->pos < lx->len && (lx->p[lx->pos] == 'i'
					     || lx->p[lx->pos] == 'x'))
			lx->pos++;
		t->flags = pst_span_make(lx->p + start, lx->pos - start);
		return (0);
	}
	lx->want_regex = 0;
	if (c == '"') {
		size_t	o = lx->pos + 1;
		size_t	w = o;
		size_t	i;

		for (i = o; i < lx->len && lx->p[i] != '"'; i++) {
			if (lx->p[i] == '\n') {
				lx->error = "unterminated string";
				return (-1);
			}
			if (lx->p[i] == '\\' && i + 1 < lx->len
			    && lx->p[i + 1] != '\n')
				i++;
			lx->p[w++] = lx->p[i];	/* unescape in place */
		}
		if (i >= lx->len) {
			lx->error = "unterminated string";
			return (-1);
		}
		t->kind = TK_STRING;
		t->s = pst_span_make(lx->p + o, w - o);
		lx->pos = i + 1;
		return (0);
	}
	if (c == '<' && (lx->pos + 1 >= lx->len || lx->p[lx->pos + 1] != '=')
	    && lx->expect_value) {
		size_t	i;

		for (i = lx->pos + 1; i < lx->len && lx->p[i] != '>'
		     && lx->p[i] != '\n'; i++)
			 /* void */ ;
		if (i >= lx->len || lx->p[i] != '>') {
			lx->error = "unterminated <address>";
			return (-1);
		}
		t->kind = TK_ADDR;
		t->s = pst_span_make(lx->p + lx->pos + 1, i - lx->pos - 1);
		lx->pos = i + 1;
		return (0);
	}
	if (strchr("()[],", c) != NULL) {
		t->kind = TK_PUNCT;
		t->s = pst_span_make(lx->p + lx->pos++, 1);
		return (0);
	}
	if (strchr("=!<>~-", c) != NULL) {
		static const char *const ops[] = {"->", "==", "!=", "<=", ">=",
		"!~", "<", ">", "~", "!"};
		size_t	k;

		for (k = 0; k < sizeof(ops) / sizeof(ops[0]); k++) {
			size_t	n = strlen(ops[k]);

			if (lx->len - lx->pos >= n
			    && memcmp(lx->p + lx->pos, ops[k], n) == 0) {
				t->kind = TK_OP;
				t->s = pst_span_make(lx->p + lx->pos, n);
				lx->pos += n;
				lx->want_regex = t->s.ptr[t->s.len - 1] == '~';
				return (0);
			}
		}
		if (c != '-') {
			lx->error = "unexpected character";
			return (-1);
		}
	}
	while (lx->pos < lx->len && word_char(lx, lx->pos))
		lx->pos++;
	if (lx->pos == start) {
		lx->error = "unexpected character";
		return (-1);
	}
	t->kind = TK_WORD;
	t->s = pst_span_make(lx->p + start, lx->pos - start);
	return (0);
}
