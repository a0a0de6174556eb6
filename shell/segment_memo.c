/*
** segment_memo.c — the segmenter's per-thread tables (segment_memo.h):
** made on first use in pages of their own, the cache armed for a
** lexicon, a syllable's slot worked out.
*/
#include "segment_memo.h"

#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "text.h"
#include "util.h"
#include "util_tls.h"

/* What util_tls keeps for a thread: its tables, mapped or (no mapping to
** be had) allocated. */
typedef struct tables_ref {
  seg_tables *t;
  int mapped;
} tables_ref;

_Thread_local seg_tables *seg_tabs;

/* The thread's tables at its end (util_tls runs this on that thread). */
static void tables_drop(void *p) {
  tables_ref *r = p;
  if (seg_tabs == r->t) seg_tabs = NULL;
  if (r->mapped)
    munmap(r->t, sizeof *r->t);
  else
    free(r->t);
  free(r);
}

static util_tls tables_tls = UTIL_TLS_INIT(sizeof(tables_ref), tables_drop);

/* The calling thread's tables, made zeroed on first use. */
static seg_tables *tables_get(void) {
  if (seg_tabs) return seg_tabs;
  tables_ref *r = util_tls_get(&tables_tls);
  if (!r->t) {
    void *p = mmap(NULL, sizeof *r->t, PROT_READ | PROT_WRITE,
                   MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    r->mapped = p != MAP_FAILED;
    r->t = r->mapped ? p : xcalloc(1, sizeof *r->t);
  }
  return seg_tabs = r->t;
}

uint64_t seg_cache_for(const seg_lex *lex) {
  uint64_t gen = 0; /* the generations of lex and of the lexicons below */
  for (const seg_lex *l = lex; l; l = l->base)
    gen = gen * 0x9E3779B97F4A7C15ull + l->gen;
  seg_tables *t = tables_get();
  if (t->armed && t->gen == gen) return gen;
  if (t->armed) memset(t->s, 0, sizeof t->s);
  t->armed = 1, t->gen = gen;
  return gen;
}

int seg_is_title(const char *s, size_t n) {
  int32_t cp;
  size_t i = (size_t)text_decode(s, n, &cp);
  if (cp < 0 || !text_is_upper(cp)) return 0;
  while (i < n) {
    i += (size_t)text_decode(s + i, n - i, &cp);
    if (cp >= 0 && text_is_upper(cp)) return 0;
  }
  return 1;
}

int seg_syl_fill(const seg_lex *lex, uint64_t gen, syl_slot *m, const char *s,
                 size_t n, uint64_t w0, uint64_t w1) {
  char ex[4 * SYL_MAX];
  int nex = seg_fold_case(s, n, ex);
  m->n = 0;
  if (nex <= 0 || nex > SYL_MAX) return 0;
  seg_hit h = seg_lookup(lex, ex, (size_t)nex);
  m->w0 = w0, m->w1 = w1, m->gen = gen;
  m->lp = h.lp, m->flags = (uint8_t)h.flags;
  m->n = (uint8_t)n, m->nfold = (uint8_t)nex;
  m->title = (uint8_t)seg_is_title(s, n);
  m->digit = (uint8_t)seg_has_digit(s, n);
  memcpy(m->fold, ex, (size_t)nex);
  return 1;
}
