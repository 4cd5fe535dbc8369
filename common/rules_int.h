/*
 * NAME
 *	rules_int.h - compiled form of a rule file (internal)
 * DESCRIPTION
 *	A loaded file is one struct pst_rules: the file text (strings are
 *	unescaped in place, so spans stay valid), the rules, and one flat
 *	array of condition nodes that children reference by index.
 *	Evaluation reads these and allocates nothing.
 * LICENSE
 *	MIT
 */
#ifndef POSTERN_RULES_INT_H
#define POSTERN_RULES_INT_H

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

#include <postern/rules.h>

/* value types of fields and literals */
enum rtype {
	RT_STR,				/* case-insensitive text */
	RT_ADDR,			/* mailbox: also matched by domain */
	RT_NUM,
	RT_IP,
	RT_BOOL
};

enum node_kind {
	N_AND, N_OR, N_NOT, N_TRUE,
	N_CMP,				/* field op literal */
	N_REGEX,			/* field ~ /re/ (negate: !~) */
	N_IN,				/* field in set */
	N_BOOL,				/* a boolean field alone */
	N_BUILTIN,			/* a named check */
	N_HAS				/* has(Header) */
};

enum cmp_op {
	OP_EQ, OP_NE, OP_LT, OP_LE, OP_GT, OP_GE
};

struct rnode {
	enum node_kind kind;
	int	a;			/* children (AND, OR, NOT) */
	int	b;
	int	field;			/* field id (rules_fields.c) */
	struct pst_span arg;		/* header name of header.X, has(X) */
	enum cmp_op op;
	int	negate;
	struct pst_span str;		/* literal */
	int64_t	num;
	int	set;			/* index into sets */
	int	regex;			/* index into regexes */
	struct pst_span rx_prefix;	/* "^lit...": what the value must
					 * start with, checked before PCRE2 */
	int	rx_nocase;
	int	builtin;
};

struct rrule {
	enum pst_stage stage;
	int	cond;			/* root node */
	enum pst_action action;
	int	code;
	char	dsn[16];
	struct pst_span text;
	int	dry_run;
	char	name[64];
	unsigned line;
	unsigned doors;			/* PST_DOOR_* that can run it */
};

struct strset;				/* rules_set.c */
struct cidrset;

struct pst_rules {
	char   *text;			/* the file, NUL-terminated */
	size_t	text_len;
	struct rrule *rules;
	size_t	nrules;
	size_t	arules;
	struct rnode *nodes;
	size_t	nnodes;
	size_t	anodes;
	struct strset **sets;
	struct cidrset **cidrs;		/* parallel to sets */
	size_t	nsets;
	pcre2_code **regexes;
	size_t	nregexes;
	pcre2_match_context *mctx;	/* match and depth limits */
	char  **owned;			/* list files read */
	size_t	nowned;
	/* rule indices grouped by stage, file order kept within a stage */
	unsigned *by_stage;
	size_t	stage_start[PST_STAGE__COUNT + 1];
};

/* fields and named checks (rules_fields.c) */
struct rfield {
	const char *name;
	enum rtype type;
	unsigned doors;			/* who can fill it */
	unsigned stages;		/* 1 << stage where it is known */
};

int	pst_rfield_lookup(struct pst_span name, struct pst_span *arg);
const struct rfield *pst_rfield(int id);
int	pst_rbuiltin_lookup(struct pst_span name);
const char *pst_rbuiltin_name(int id);
unsigned pst_rbuiltin_doors(int id);
/* field values of a transaction */
int	pst_rfield_str(const struct pst_txn *t, int id, struct pst_span arg,
		       struct pst_span *out);
int	pst_rfield_num(const struct pst_txn *t, int id, int64_t *out);
int	pst_rbuiltin_eval(const struct pst_txn *t, int id);
/* pst_rnode_eval - condition node i: 1 true, 0 false, -1 error */
int	pst_rnode_eval(const struct pst_rules *r, int i,
		       const struct pst_txn *t);

/* sets (rules_set.c) */
struct strset *pst_strset_new(size_t hint);
int	pst_strset_add(struct strset *s, struct pst_span item);
int	pst_strset_has(const struct strset *s, struct pst_span item);
uint64_t pst_strset_hash(struct pst_span item);
int	pst_strset_has_hashed(const struct strset *s, struct pst_span item,
			      uint64_t h);
void	pst_strset_free(struct strset *s);
struct cidrset *pst_cidrset_new(void);
int	pst_cidrset_add(struct cidrset *c, struct pst_span cidr);
int	pst_cidrset_has(const struct cidrset *c, struct pst_span ip);
void	pst_cidrset_free(struct cidrset *c);

#endif
