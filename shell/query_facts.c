/*
** query_facts.c — candidate documents from the fact tables: the fact
** tests every match of a pattern implies, as a tree (a sequence ANDs,
** an alternation ORs), each test the documents with a stored fact that
** passes it, found in one pass over that kind's table
** (store_facts_each), instead of loading the facts of every document that
** has any fact of the kind.
*/
#include "query_facts.h"

#include <stdlib.h>
#include <string.h>

#include "query_int.h"
#include "store_facts.h"

typedef VEC(int64_t) ids;

typedef struct fdocs {
  const struct q_test *t;
  ids v; /* ascending, distinct */
} fdocs;

static int on_fact(void *ud, int64_t doc, const void *item) {
  fdocs *f = ud;
  if (f->v.n && f->v.items[f->v.n - 1] == doc) return 0;
  if (q_fact_item_ok(f->t, item)) VEC_PUSH(f->v, doc);
  return 0;
}

void q_ids_intersect(int64_t *a, size_t *na, const int64_t *b, size_t nb) {
  size_t i = 0, j = 0, k = 0;
  while (i < *na && j < nb) {
    if (a[i] < b[j])
      i++;
    else if (a[i] > b[j])
      j++;
    else
      a[k++] = a[i++], j++;
  }
  *na = k;
}

/* a's ids or b's (both ascending, distinct), into a new list. */
static ids ids_union(const ids *a, const ids *b) {
  ids u = {0};
  size_t i = 0, j = 0;
  while (i < a->n || j < b->n) {
    int64_t x;
    if (j >= b->n || (i < a->n && a->items[i] < b->items[j]))
      x = a->items[i++];
    else if (i >= a->n || b->items[j] < a->items[i])
      x = b->items[j++];
    else
      x = a->items[i++], j++;
    VEC_PUSH(u, x);
  }
  return u;
}

/*
** The documents of tree f into *out: 1 (a restriction), 0 (none: any
** document may match), -1 on an SQL error (treated as none).
*/
static int eval(store *s, const q_fnode *f, ids *out) {
  memset(out, 0, sizeof *out);
  if (f->op == QF_FACT) {
    fdocs d = {f->re, {0}};
    if (store_facts_each(s, (size_t)f->re->kind, on_fact, &d) != 0)
      return free(d.v.items), -1;
    *out = d.v;
    return 1;
  }
  ids a, b;
  int ra = eval(s, f->a, &a), rb = eval(s, f->b, &b);
  if (f->op == QF_AND && (ra != 1 || rb != 1)) { /* keep the restriction */
    *out = ra == 1 ? a : b;
    if (ra == 1)
      free(b.items);
    else
      free(a.items);
    return ra == 1 || rb == 1;
  }
  if (ra != 1 || rb != 1) return free(a.items), free(b.items), 0;
  if (f->op == QF_AND) {
    q_ids_intersect(a.items, &a.n, b.items, b.n);
    *out = a;
  } else {
    *out = ids_union(&a, &b);
    free(a.items);
  }
  free(b.items);
  return 1;
}

/* Does tree f test a condition somewhere (else EXISTS says as much)? */
static int has_cond(const q_fnode *f) {
  if (!f) return 0;
  if (f->op == QF_FACT) return f->re->a != NULL;
  return has_cond(f->a) || has_cond(f->b);
}

long q_fact_docs(store *s, const q_pattern *p, int64_t **out) {
  *out = NULL;
  if (!p->facts || (!has_cond(p->facts) && p->facts->op != QF_OR)) return -1;
  ids v;
  if (eval(s, p->facts, &v) != 1) return free(v.items), -1;
  *out = v.items;
  return (long)v.n;
}
