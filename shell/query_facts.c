/*
** query_facts.c — candidate documents from the fact tables: for each
** fact test every match of a pattern passes ([figure unit = "tỷ đồng"]),
** the documents with a stored fact that passes it, in one pass over that
** kind's table (store_facts_each), instead of loading the facts of every
** document that has any fact of the kind.
*/
#include "query_facts.h"

#include <stdlib.h>
#include <string.h>

#include "query_int.h"
#include "store_facts.h"

typedef struct fdocs {
  const struct q_test *t;
  VEC(int64_t) ids; /* ascending, distinct */
} fdocs;

static int on_fact(void *ud, int64_t doc, const void *item) {
  fdocs *f = ud;
  if (f->ids.n && f->ids.items[f->ids.n - 1] == doc) return 0;
  if (q_fact_item_ok(f->t, item)) VEC_PUSH(f->ids, doc);
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

long q_fact_docs(store *s, const q_pattern *p, int64_t **out) {
  *out = NULL;
  long n = -1;
  for (int i = 0; i < p->nreq; i++) {
    if (!p->req[i]->a) continue; /* no condition: EXISTS says as much */
    fdocs f = {p->req[i], {0}};
    if (store_facts_each(s, (size_t)f.t->kind, on_fact, &f) != 0) {
      free(f.ids.items);
      continue;
    }
    if (n < 0) {
      *out = f.ids.items, n = (long)f.ids.n;
      continue;
    }
    size_t m = (size_t)n;
    q_ids_intersect(*out, &m, f.ids.items, f.ids.n);
    n = (long)m;
    free(f.ids.items);
  }
  return n;
}
