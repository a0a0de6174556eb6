/*
** query_int.h — internals shared by query_*.c (not a public interface):
** the matcher's program, token and fact tests, literals.
*/
#ifndef TINSH_QUERY_INT_H
#define TINSH_QUERY_INT_H

#include "query.h"
#include "util.h"

/* instructions of the matcher's program (a Thompson NFA) */
enum q_op {
  QI_TOK,   /* one token passing test arg, then x */
  QI_LIT,   /* the tokens literal arg covers, then x */
  QI_FACT,  /* a fact span passing test arg, then x */
  QI_SPLIT, /* x and y */
  QI_JMP,   /* x */
  QI_SAVE,  /* record the position in part slot x, then x + 1 */
  QI_MATCH
};

typedef struct q_inst {
  int op, x, y;
  const void *arg;
} q_inst;

/* one unit of a literal: a syllable or punctuation character, folded */
typedef struct q_unit {
  const char *form; /* folded, or accent folded when strip is set */
  int strip;        /* written without diacritics: compare stripped forms */
} q_unit;

/* a quoted string: the units of its tokens, in order */
struct q_lit {
  q_unit *u;
  int n;
};

/* token and fact tests: a tree */
enum q_test_op { QT_TRUE, QT_AND, QT_OR, QT_NOT, QT_CMP, QT_FACT };
enum q_cmp { QC_EQ, QC_NE, QC_LT, QC_LE, QC_GT, QC_GE };

struct q_test {
  int op;
  const struct q_test *a, *b; /* AND, OR: a b; NOT: a; FACT: a (NULL) */
  int kind;                   /* QT_FACT: FK_*; QT_CMP on facts: FK_* */
  int col;                    /* QT_CMP on a fact: column; tokens: -1 */
  int cmp;                    /* QC_* */
  const struct q_lit *lit;    /* token tests: the string, as units */
  const char *str;            /* fact tests: the string, folded */
  int strip;                  /* ... accent folded: written without marks */
  void *re;                   /* pcre2_code * (or NULL) */
  double num;                 /* numeric value */
  int is_num;
};

#define Q_MAX_REQ 16

/* the FTS prefilter as a tree: phrases, and required regex token tests
** (QF_REGEX) that only the database's vocabulary can turn into terms */
enum { QF_PHRASE, QF_REGEX, QF_AND, QF_OR, QF_FACT };
typedef struct q_fnode {
  int op;
  const struct q_fnode *a, *b; /* QF_AND, QF_OR */
  const char *phrase;          /* QF_PHRASE: an FTS5 phrase, quoted */
  const struct q_test *re;     /* QF_REGEX: the test (t->re its regex);
                                  QF_FACT: the fact test */
} q_fnode;

struct q_pattern {
  q_inst *prog;
  int nprog, cap;
  int syl, sentence;
  unsigned kinds, fact_kinds, req_facts;
  /* fact tests every match passes (some, not all, when there are more
  ** than Q_MAX_REQ): a block without a fact passing each is skipped */
  const struct q_test *req[Q_MAX_REQ];
  int nreq;
  char *fts;            /* malloc'd or NULL */
  const q_fnode *ftree; /* the FTS prefilter's tree (NULL: none) */
  int nfre;             /* its QF_REGEX leaves */
  const q_fnode *facts; /* the fact tests every match implies, as a tree
                           of QF_FACT, QF_AND, QF_OR (NULL: none) */
  char *where;          /* malloc'd or NULL */
  q_param params[64];
  int nparams;
  char *parts[Q_MAX_PARTS];
  int nparts;
  int maxlit;     /* most tokens a literal can cover */
  arena a;        /* tests, literals, names */
  void *res[256]; /* compiled regexes, freed with the pattern */
  int nres;
};

/* query_test.c: a compiled regex (caseless, UTF; anchored to the whole
** subject when whole is set) or NULL with *why (static) */
void *q_regex_new(const char *re, size_t n, int whole, const char **why);
void q_regex_free(void *re);
int q_regex_run(const void *re, const char *s, size_t n);
/* 0 when re's source uses \p, \P or "(?" (it may tell a written form from
** its folded key: no vocabulary prefilter), else 1. */
int q_regex_vocab_safe(const void *re);
/* The fewest characters a match of re has (0: unknown). */
int q_regex_min_chars(const void *re);
/* Does fact item (of t->kind) pass fact test t's conditions? */
int q_fact_item_ok(const struct q_test *t, const void *item);

/* query_prog.c: the program and the FTS expression of a syntax tree */
typedef struct q_node q_node;
struct q_node {
  int type; /* QN_* */
  int col;  /* column in the pattern, for errors */
  q_node *a, *b;
  int min, max; /* QN_REP; max -1: no bound */
  int part;     /* QN_PART */
  const struct q_test *test;
  const struct q_lit *lit;
};
enum { QN_TOK, QN_LIT, QN_FACT, QN_CAT, QN_ALT, QN_REP, QN_PART };
/* Compile the tree into p->prog, p->fts and p->req_facts. Returns 0, or
** the column of the node that made the program too large. */
int q_prog_build(q_pattern *p, const q_node *root);

#endif
