/*
** query_prog.c — a pattern's syntax tree compiled into the matcher's
** program (Thompson's construction; {m,n} unrolled), plus what the store
** needs to find candidate documents: the FTS5 expression every match
** implies (its quoted strings and word tests, ANDed along a sequence,
** ORed across an alternation when every branch has one) and the fact
** kinds every match needs.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "query_int.h"

/* Append an instruction; its index, or -1 when the program is full. */
static int emit(q_pattern *p, int op, int x, int y, const void *arg) {
  if (p->nprog >= Q_MAX_PROG) return -1;
  if (p->nprog == p->cap) {
    p->cap = p->cap ? 2 * p->cap : 64;
    p->prog = xrealloc(p->prog, (size_t)p->cap * sizeof *p->prog);
  }
  p->prog[p->nprog] = (q_inst){op, x, y, arg};
  return p->nprog++;
}

static int gen(q_pattern *p, const q_node *n);

/* n->a repeated n->min times, then up to max - min optional copies (or a
** loop when max is -1). */
static int gen_rep(q_pattern *p, const q_node *n) {
  for (int i = 0; i < n->min; i++)
    if (gen(p, n->a)) return n->col;
  if (n->max < 0) {
    int l = emit(p, QI_SPLIT, 0, 0, NULL);
    if (l < 0 || gen(p, n->a) || emit(p, QI_JMP, l, 0, NULL) < 0) return n->col;
    p->prog[l].x = l + 1, p->prog[l].y = p->nprog;
    return 0;
  }
  int splits[Q_MAX_REPEAT + 1], ns = 0;
  for (int i = n->min; i < n->max; i++) {
    int l = emit(p, QI_SPLIT, 0, 0, NULL);
    if (l < 0 || gen(p, n->a)) return n->col;
    p->prog[l].x = l + 1;
    splits[ns++] = l;
  }
  for (int i = 0; i < ns; i++) p->prog[splits[i]].y = p->nprog;
  return 0;
}

static int gen_alt(q_pattern *p, const q_node *n) {
  int l = emit(p, QI_SPLIT, 0, 0, NULL);
  if (l < 0 || gen(p, n->a)) return n->col;
  int j = emit(p, QI_JMP, 0, 0, NULL);
  if (j < 0) return n->col;
  p->prog[l].x = l + 1, p->prog[l].y = p->nprog;
  if (gen(p, n->b)) return n->col;
  p->prog[j].x = p->nprog;
  return 0;
}

/* Generate n; 0, or the column of the node where the program filled. */
static int gen(q_pattern *p, const q_node *n) {
  int r = 0;
  switch (n->type) {
    case QN_TOK:
      return emit(p, QI_TOK, p->nprog + 1, 0, n->test) < 0 ? n->col : 0;
    case QN_LIT:
      return emit(p, QI_LIT, p->nprog + 1, 0, n->lit) < 0 ? n->col : 0;
    case QN_FACT:
      return emit(p, QI_FACT, p->nprog + 1, 0, n->test) < 0 ? n->col : 0;
    case QN_CAT:
      return (r = gen(p, n->a)) ? r : gen(p, n->b);
    case QN_ALT:
      return gen_alt(p, n);
    case QN_REP:
      return gen_rep(p, n);
    default: /* QN_PART */
      if (emit(p, QI_SAVE, 2 * n->part, 0, NULL) < 0) return n->col;
      if ((r = gen(p, n->a))) return r;
      return emit(p, QI_SAVE, 2 * n->part + 1, 0, NULL) < 0 ? n->col : 0;
  }
}

/* ---- the FTS prefilter ---- */

/* `"u1 u2 ..."`: the literal's syllables as one FTS5 phrase (malloc'd),
** or NULL when it has none (punctuation only). */
static char *lit_phrase(const struct q_lit *l) {
  buf b;
  buf_init(&b);
  buf_addc(&b, '"');
  int words = 0;
  for (int i = 0; i < l->n; i++) {
    const char *f = l->u[i].form;
    size_t n = strlen(f);
    int letters = 0;
    for (size_t k = 0; k < n; k++)
      if ((unsigned char)f[k] >= 0x80 || (f[k] >= '0' && f[k] <= '9') ||
          (f[k] >= 'a' && f[k] <= 'z'))
        letters = 1;
    if (!letters) continue;
    if (words++) buf_addc(&b, ' ');
    for (size_t k = 0; k < n; k++) {
      if (f[k] == '"') buf_addc(&b, '"');
      buf_addc(&b, f[k]);
    }
  }
  buf_addc(&b, '"');
  if (!words) return buf_free(&b), NULL;
  return buf_detach(&b);
}

/* a AND b, a OR b (either may be NULL: AND keeps the other, OR gives
** NULL); both are consumed */
static char *join(char *a, char *b, int and) {
  if (!a || !b) {
    if (and) return a ? a : b;
    free(a), free(b);
    return NULL;
  }
  size_t n = strlen(a) + strlen(b) + 12;
  char *s = xmalloc(n);
  snprintf(s, n, "(%s %s %s)", a, and? "AND" : "OR", b);
  free(a), free(b);
  return s;
}

static const q_fnode *fnode(q_pattern *p, int op, const q_fnode *a,
                            const q_fnode *b) {
  q_fnode *f = arena_alloc(&p->a, sizeof *f);
  memset(f, 0, sizeof *f);
  f->op = op, f->a = a, f->b = b;
  return f;
}

/* A AND b, a OR b as tree nodes (NULL: no constraint; AND keeps the other
** side, OR gives NULL). */
static const q_fnode *fjoin(q_pattern *p, const q_fnode *a, const q_fnode *b,
                            int and) {
  if (!a || !b) return and? (a ? a : b) : NULL;
  return fnode(p, and? QF_AND : QF_OR, a, b);
}

static const q_fnode *fphrase(q_pattern *p, const struct q_lit *l) {
  char *s = lit_phrase(l);
  if (!s) return NULL;
  q_fnode *f = (q_fnode *)fnode(p, QF_PHRASE, NULL, NULL);
  f->phrase = arena_strdup(&p->a, s);
  free(s);
  return f;
}

/* The FTS tree a token test implies, or NULL. */
static const q_fnode *test_fts(q_pattern *p, const struct q_test *t) {
  if (t->op == QT_AND) return fjoin(p, test_fts(p, t->a), test_fts(p, t->b), 1);
  if (t->op == QT_OR) return fjoin(p, test_fts(p, t->a), test_fts(p, t->b), 0);
  if (t->op != QT_CMP || t->cmp != QC_EQ) return NULL;
  if (t->re) {
    q_fnode *f = (q_fnode *)fnode(p, QF_REGEX, NULL, NULL);
    f->re = t;
    p->nfre++;
    return f;
  }
  return t->lit ? fphrase(p, t->lit) : NULL;
}

/* The FTS tree every match of n implies, or NULL. */
static const q_fnode *node_fts(q_pattern *p, const q_node *n) {
  switch (n->type) {
    case QN_TOK:
      return test_fts(p, n->test);
    case QN_LIT:
      return fphrase(p, n->lit);
    case QN_CAT:
      return fjoin(p, node_fts(p, n->a), node_fts(p, n->b), 1);
    case QN_ALT:
      return fjoin(p, node_fts(p, n->a), node_fts(p, n->b), 0);
    case QN_REP:
      return n->min > 0 ? node_fts(p, n->a) : NULL;
    case QN_PART:
      return node_fts(p, n->a);
    default:
      return NULL;
  }
}

/* The fact tests every match of n implies: a tree, or NULL. */
static const q_fnode *node_facttree(q_pattern *p, const q_node *n) {
  switch (n->type) {
    case QN_FACT: {
      q_fnode *f = (q_fnode *)fnode(p, QF_FACT, NULL, NULL);
      f->re = n->test;
      return f;
    }
    case QN_CAT:
      return fjoin(p, node_facttree(p, n->a), node_facttree(p, n->b), 1);
    case QN_ALT:
      return fjoin(p, node_facttree(p, n->a), node_facttree(p, n->b), 0);
    case QN_REP:
      return n->min > 0 ? node_facttree(p, n->a) : NULL;
    case QN_PART:
      return node_facttree(p, n->a);
    default:
      return NULL;
  }
}

/* the expansion's state */
typedef struct fexp {
  q_re_terms fn;
  void *ctx;
} fexp;

/*
** Expand tree f into an FTS5 expression (malloc'd; NULL: no constraint);
** *none: no document can match f.
*/
static char *fexpand(const fexp *x, const q_fnode *f, int *none) {
  *none = 0;
  if (!f) return NULL;
  if (f->op == QF_PHRASE) return xstrdup(f->phrase);
  if (f->op == QF_REGEX) return x->fn ? x->fn(x->ctx, f->re->re, none) : NULL;
  int na, nb;
  char *a = fexpand(x, f->a, &na), *b = fexpand(x, f->b, &nb);
  if (f->op == QF_AND && (na || nb)) {
    free(a), free(b);
    *none = 1;
    return NULL;
  }
  if (f->op == QF_OR && (na || nb)) {
    *none = na && nb;
    return na ? (free(a), b) : (free(b), a);
  }
  return join(a, b, f->op == QF_AND);
}

char *q_fts_expand(const q_pattern *p, q_re_terms fn, void *ctx, int *none) {
  fexp x = {fn, ctx};
  return fexpand(&x, p->ftree, none);
}

int q_fts_regexes(const q_pattern *p) {
  return p->nfre;
}

/* The fact kinds every match of n contains. */
static unsigned node_facts(const q_node *n) {
  switch (n->type) {
    case QN_FACT:
      return 1u << n->test->kind;
    case QN_CAT:
      return node_facts(n->a) | node_facts(n->b);
    case QN_ALT:
      return node_facts(n->a) & node_facts(n->b);
    case QN_REP:
      return n->min > 0 ? node_facts(n->a) : 0;
    case QN_PART:
      return node_facts(n->a);
    default:
      return 0;
  }
}

/* Collect into p->req the fact tests every match of n passes. */
static void node_req(q_pattern *p, const q_node *n) {
  switch (n->type) {
    case QN_FACT:
      if (p->nreq < Q_MAX_REQ) p->req[p->nreq++] = n->test;
      return;
    case QN_CAT:
      node_req(p, n->a), node_req(p, n->b);
      return;
    case QN_REP:
      if (n->min > 0) node_req(p, n->a);
      return;
    case QN_PART:
      node_req(p, n->a);
      return;
    default:
      return; /* an alternation needs neither side */
  }
}

int q_prog_build(q_pattern *p, const q_node *root) {
  int r = gen(p, root);
  if (r) return r;
  if (emit(p, QI_MATCH, 0, 0, NULL) < 0) return root->col;
  p->ftree = node_fts(p, root);
  p->facts = node_facttree(p, root);
  int none;
  p->fts = q_fts_expand(p, NULL, NULL, &none);
  p->req_facts = node_facts(root);
  node_req(p, root);
  return 0;
}
