/*
** store_wordstats.c — word counts, document frequencies and word pairs
** kept in the database by the ingest (see store_wordstats.h). The workers
** count each new document (wstats_count); the writer adds those counts,
** subtracts a replaced or removed document by segmenting its stored text
** again, and writes the changes once per batch, keys in sorted order
** (store_wordstats_flush.c).
*/
#include "store_wordstats.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fts.h"
#include "lexicon.h"
#include "segment.h"
#include "store_int.h"
#include "store_words.h"
#include "store_wordstats_int.h"
#include "text.h"
#include "util.h"

/* ---- the counting tables (store_wordstats_int.h) ---- */

static void map_free(ws_map *m) {
  free(m->slot);
  free(m->ents);
  arena_free(&m->a);
  memset(m, 0, sizeof *m);
}

/* Empty m, keeping its index's and its entries' memory (the next batch
** is about as large). */
static void map_clear(ws_map *m) {
  if (m->cap) memset(m->slot, 0, m->cap * sizeof *m->slot);
  m->n = 0;
  arena_free(&m->a);
}

/* Are a[0..n) and b[0..n) equal? Inline, 8 bytes at a time: keys are
** short, and a probe that matches hash and length almost always matches
** (a call to memcmp cost more than the compare). */
static inline int key_eq(const char *a, const char *b, size_t n) {
  for (; n >= 8; a += 8, b += 8, n -= 8) {
    uint64_t x, y;
    memcpy(&x, a, 8), memcpy(&y, b, 8);
    if (x != y) return 0;
  }
  while (n--)
    if (*a++ != *b++) return 0;
  return 1;
}

/* The slot of key k[0..n) (hash h): its entry's, or the empty one where
** it goes. */
static uint64_t *map_slot(const ws_map *m, const char *k, size_t n,
                          uint64_t h) {
  size_t i = (size_t)h & (m->cap - 1);
  uint64_t tag = h & 0xFFFFFFFFu;
  for (;; i = (i + 1) & (m->cap - 1)) {
    uint64_t v = m->slot[i];
    if (!v) return &m->slot[i];
    if (v >> 32 != tag) continue;
    const ws_ent *e = &m->ents[(v & 0xFFFFFFFFu) - 1];
    if (e->h == h && e->len == n && key_eq(e->key, k, n)) return &m->slot[i];
  }
}

static void map_grow(ws_map *m) {
  size_t ncap = m->cap ? m->cap * 2 : 256;
  uint64_t *ns = xcalloc(ncap, sizeof *ns);
  for (size_t i = 0; i < m->cap; i++) {
    uint64_t v = m->slot[i];
    if (!v) continue;
    size_t j = (size_t)(v >> 32) & (ncap - 1);
    while (ns[j]) j = (j + 1) & (ncap - 1);
    ns[j] = v;
  }
  free(m->slot);
  m->slot = ns;
  m->cap = ncap;
}

/* The entry of key k[0..n) of hash h, created (zero counts) when new. */
static ws_ent *map_get_h(ws_map *m, const char *k, size_t n, uint64_t h) {
  if ((m->n + 1) * 2 >= m->cap) map_grow(m);
  uint64_t *sl = map_slot(m, k, n, h);
  if (*sl) return &m->ents[(*sl & 0xFFFFFFFFu) - 1];
  if (m->n == m->ecap) {
    m->ecap = m->ecap ? m->ecap * 2 : 64;
    m->ents = xrealloc(m->ents, m->ecap * sizeof *m->ents);
  }
  ws_ent *e = &m->ents[m->n++];
  *e = (ws_ent){.key = arena_strndup(&m->a, k, n), .len = n, .h = h};
  *sl = (h & 0xFFFFFFFFu) << 32 | (uint64_t)m->n;
  return e;
}

/* The hash of every map key: seg_hash's steps from a random seed, 8
** bytes at a time (keys are words of a few syllables; a byte-at-a-time
** hash cost twice as much). Only slots depend on it: what the maps give
** out is in the order the keys came. */
static uint64_t key_hash(const char *k, size_t n) {
  return seg_hash_seeded(k, n, util_seed() | 1);
}

static ws_ent *map_get(ws_map *m, const char *k, size_t n) {
  return map_get_h(m, k, n, key_hash(k, n));
}

/* The entry of key k[0..n) of hash h, or NULL. */
static ws_ent *map_find_h(const ws_map *m, const char *k, size_t n,
                          uint64_t h) {
  if (!m->cap) return NULL;
  uint64_t v = *map_slot(m, k, n, h);
  return v ? &m->ents[(v & 0xFFFFFFFFu) - 1] : NULL;
}

static ws_ent *map_find(const ws_map *m, const char *k, size_t n) {
  return map_find_h(m, k, n, key_hash(k, n));
}

static uint64_t pair_key(size_t w1, size_t w2) {
  return (uint64_t)(w1 + 1) << 32 | (uint64_t)(w2 + 1);
}

static size_t pair_home(uint64_t k, size_t cap) {
  k *= 0x9E3779B97F4A7C15ull;
  return (size_t)(k ^ k >> 29) & (cap - 1);
}

/* The slot of key k in slot[0..cap) (cap a power of two, some slot
** empty): where k is, or the empty slot where it would go. */
static size_t pair_probe(const ws_pent *slot, size_t cap, uint64_t k) {
  size_t i = pair_home(k, cap);
  while (slot[i].k && slot[i].k != k) i = (i + 1) & (cap - 1);
  return i;
}

static void pmap_free(ws_pmap *m) {
  free(m->slot);
  memset(m, 0, sizeof *m);
}

static void pmap_clear(ws_pmap *m) {
  if (m->cap) memset(m->slot, 0, m->cap * sizeof *m->slot);
  m->n = 0;
}

static void pmap_grow(ws_pmap *m) {
  size_t ncap = m->cap ? m->cap * 2 : 256;
  ws_pent *ns = xcalloc(ncap, sizeof *ns);
  for (size_t i = 0; i < m->cap; i++) {
    if (!m->slot[i].k) continue;
    ns[pair_probe(ns, ncap, m->slot[i].k)] = m->slot[i];
  }
  free(m->slot);
  m->slot = ns;
  m->cap = ncap;
}

/* The entry of pair key k (pair_key), created (zero counts) when new. */
static ws_pent *pmap_get(ws_pmap *m, uint64_t k) {
  if ((m->n + 1) * 2 >= m->cap) pmap_grow(m);
  size_t i = pair_probe(m->slot, m->cap, k);
  if (!m->slot[i].k) m->slot[i].k = k, m->n++;
  return &m->slot[i];
}

static const ws_pent *pmap_find(const ws_pmap *m, uint64_t k) {
  if (!m->cap) return NULL;
  size_t i = pair_probe(m->slot, m->cap, k);
  return m->slot[i].k ? &m->slot[i] : NULL;
}

/* ---- state ---- */

enum { WS_OFF, WS_INCR, WS_REBUILD };

struct wstats {
  int mode;
  const seg_lex *lex; /* the lexicon counted with */
  seg_lex *own;       /* the user overlay, when there is one */
  ws_map stop;        /* data/stopwords-vi.txt */
  char *user;         /* the user lexicon (store_words_text), its stamp */
  char lexsize[32];   /* the bundled lexicon's size */
  int state_written;  /* meta written by this run */
  ws_map uni;         /* the batch's changes: cnt and df deltas */
  ws_pmap bi;         /* the same for pairs of uni's words */
  int64_t tokens, docs;
  /* the merger thread: documents' counts queued by the writer, added to
  ** uni and bi in queue order (see "the merger" below) */
  pthread_t th;
  pthread_mutex_t mu;
  pthread_cond_t more, done;
  struct ws_job *q;
  size_t qhead, qn, qcap;
  int running, merging, quit;
};

/* A queued document's counts and the sign they are added with. */
typedef struct ws_job {
  struct wstats_doc *c;
  int sign;
} ws_job;

struct wstats_doc {
  ws_map uni;
  ws_pmap bi; /* pairs of uni's words */
  int64_t tokens;
  int content; /* has a content block */
};

void wstats_bind_doc(sqlite3_stmt *st, int64_t id, const wstats_doc *c) {
  sqlite3_bind_int64(st, 1, id);
  sqlite3_bind_int64(st, 2, c ? c->tokens : 0);
}

/* ---- tokens: the statistics' words ---- */

/* Counting one block into a document's counts. */
typedef struct ws_tok {
  const wstats *w;
  wstats_doc *c;
  const char *text;
  size_t base;     /* offset of a span tokenized by syllables */
  size_t last_end; /* end of the previous token */
  size_t prev;     /* the previous token's word (uni position + 1), 0
                      after a break */
  int prev_stop;   /* the previous token is a stopword or a number */
  int any;         /* a token was seen in this block */
} ws_tok;

/* Is key k[0..n) (hash h) a stopword or a number? */
static int stop_or_number(const wstats *w, const char *k, size_t n,
                          uint64_t h) {
  return text_is_number(k, n) || map_find_h(&w->stop, k, n, h) != NULL;
}

/* One token of the block: counted, and paired with the one before it. */
static void tok_add(ws_tok *t, const char *k, size_t n, size_t from,
                    size_t to) {
  if (n == 0) return;
  if (t->any && text_clause_break(t->text, t->last_end, from)) t->prev = 0;
  t->any = 1, t->last_end = to;
  t->c->tokens++;
  ws_ent *e = map_get(&t->c->uni, k, n);
  if (!e->cnt++) { /* new in this document: its hash serves the stop list */
    e->disp = arena_strndup(&t->c->uni.a, t->text + from, to - from);
    e->stop = stop_or_number(t->w, k, n, e->h);
  }
  size_t id = (size_t)(e - t->c->uni.ents);
  if (t->prev && !t->prev_stop && !e->stop)
    pmap_get(&t->c->bi, pair_key(t->prev - 1, id))->cnt++;
  t->prev = id + 1;
  t->prev_stop = e->stop;
}

/* fts_tokenize callback for a word counted by its syllables. */
static int tok_syl(void *ctx, int tflags, const char *tok, int ntok, int s,
                   int e) {
  ws_tok *t = ctx;
  if (!(tflags & FTS_COLOCATED))
    tok_add(t, tok, (size_t)ntok, t->base + (size_t)s, t->base + (size_t)e);
  return 0;
}

#define KEY_CAP 256 /* seg_key's limit: longer keys are counted by syllable */

/*
** Is s[0..n) plainly one syllable for fts_syllable (no ASCII byte but
** letters, under 128 bytes, valid UTF-8)? fts_syllable's form of it is
** then its case fold, the segmenter's key of it: both fold it code point
** by code point when the fold table knows every one, else both fold the
** whole syllable with utf8proc (text_fold; fts_fold_pair's slow path).
*/
static int plain_syllable(const char *s, size_t n) {
  return fts_plain_syllable(s, n) && text_utf8_valid(s, n);
}

/*
** One word text[from..to) of nsyl syllables and kind: a word of two or
** more syllables is one token, its key key[0..nkey) (the segmenter's: what
** seg_key gives for its bytes) when under seg_key's limit; a syllable or
** a figure gives the syllable tokenizer's tokens: a plain syllable's
** (plain_syllable) is its key, the others' a scan of their bytes.
*/
static void tok_word(ws_tok *t, size_t from, size_t to, int nsyl, int kind,
                     const char *key, size_t nkey) {
  if (kind != SEG_NUMBER && nsyl >= 2 && nkey > 0 && nkey < KEY_CAP) {
    tok_add(t, key, nkey, from, to);
    return;
  }
  if (kind != SEG_NUMBER && nsyl == 1 && nkey > 0 && nkey < 128 &&
      plain_syllable(t->text + from, to - from)) {
    tok_add(t, key, nkey, from, to); /* fts_syllable's answer, unfolded */
    return;
  }
  char syl[KEY_CAP];
  int m = kind == SEG_NUMBER || nsyl != 1
              ? -1
              : fts_syllable(t->text + from, (int)(to - from), syl, sizeof syl);
  if (m > 0) { /* a plain syllable: its one token, without a scan */
    tok_add(t, syl, (size_t)m, from, to);
    return;
  }
  t->base = from;
  fts_tokenize(t->text + from, (int)(to - from), FTS_QUERY, tok_syl, t);
}

/* seg_words_k callback for tok_word. */
static int on_word(void *ctx, size_t from, size_t to, int nsyl, int kind,
                   const char *key, size_t nkey) {
  tok_word(ctx, from, to, nsyl, kind, key, nkey);
  return 0;
}

/* Count the words of one content block text[0..n). */
static void count_block(const wstats *w, wstats_doc *c, const char *text,
                        size_t n) {
  ws_tok t = {.w = w, .c = c, .text = text};
  c->content = 1;
  if (n) seg_words_k(w->lex, text, n, on_word, &t);
}

/* The same for the block text[from..to) whose words, segmented with
** w's lexicon, are ws->w[*next...]: those inside the block are counted,
** *next moves past them. */
static void count_seg(const wstats *w, wstats_doc *c, const char *text,
                      int from, int to, const fts_words *ws, int *next) {
  ws_tok t = {.w = w, .c = c, .text = text};
  c->content = 1;
  int i = *next;
  while (i < ws->n && ws->w[i].from < from) i++;
  for (; i < ws->n && ws->w[i].to <= to; i++) {
    const fts_word *x = &ws->w[i];
    tok_word(&t, (size_t)x->from, (size_t)x->to, x->nsyl, x->kind,
             x->klen ? ws->keys + x->koff : NULL, (size_t)x->klen);
  }
  *next = i;
}

static int is_content(const char *kind) {
  static const char *const k[] = {"title",    "lead",   "heading", "paragraph",
                                  "question", "answer", "caption"};
  for (size_t i = 0; kind && i < sizeof k / sizeof *k; i++)
    if (!strcmp(kind, k[i])) return 1;
  return 0;
}

const char *wstats_lexicon(const wstats *w) {
  return w && w->mode == WS_INCR ? w->user : NULL;
}

static wstats_doc *ws_doc_new(const wstats *w) {
  return w && w->mode == WS_INCR ? xcalloc(1, sizeof(wstats_doc)) : NULL;
}

/* Count the title or lead block text from FTS column col when the column
** holds exactly that text (once); else count the text alone. */
static void count_head(const wstats *w, wstats_doc *c, const char *text,
                       const char *const col[5], const fts_words ws[5], int k,
                       int used[5]) {
  int len = (int)strlen(text), next = 0;
  if (!used[k] && col[k] && strcmp(col[k], text) == 0) {
    used[k] = 1;
    count_seg(w, c, col[k], 0, len, &ws[k], &next);
  } else {
    count_block(w, c, text, (size_t)len);
  }
}

wstats_doc *wstats_count_cols(const wstats *w, const doc *d,
                              const char *const col[5], const fts_words ws[5]) {
  wstats_doc *c = d ? ws_doc_new(w) : NULL;
  int off[5] = {0}, next[5] = {0}, used[5] = {0};
  for (size_t i = 0; c && i < d->blocks.n; i++) {
    const doc_block *b = &d->blocks.items[i];
    const char *tx = b->text ? b->text : "";
    int k = store_block_in_column(b->kind), len = (int)strlen(tx);
    if (k >= 2) { /* its span of the column, as store_fts_columns joins */
      int from = off[k] + used[k];
      used[k] = 1, off[k] = from + len;
      if (is_content(doc_kind_name(b->kind)))
        count_seg(w, c, col[k], from, from + len, &ws[k], &next[k]);
    } else if (b->kind == BK_TITLE || b->kind == BK_LEAD) {
      count_head(w, c, tx, col, ws, b->kind == BK_TITLE ? 0 : 1, used);
    } else if (is_content(doc_kind_name(b->kind))) {
      count_block(w, c, tx, (size_t)len);
    }
  }
  return c;
}

/* Do maps a and b hold the same keys with the same counts? */
static int same_map(const ws_map *a, const ws_map *b) {
  if (a->n != b->n) return 0;
  for (size_t i = 0; i < a->n; i++) {
    const ws_ent *e = &a->ents[i];
    const ws_ent *f = map_find(b, e->key, e->len);
    if (!f || f->cnt != e->cnt || f->df != e->df ||
        (e->disp && (!f->disp || strcmp(e->disp, f->disp))))
      return 0;
  }
  return 1;
}

/* The position in b of a's word i (a and b: equal word maps). */
static size_t same_word(const ws_map *a, const ws_map *b, size_t i) {
  const ws_ent *e = &a->ents[i];
  return (size_t)(map_find(b, e->key, e->len) - b->ents);
}

/* Do a's and b's pairs (of the words of equal maps ua and ub) agree? */
static int same_pairs(const ws_pmap *a, const ws_map *ua, const ws_pmap *b,
                      const ws_map *ub) {
  if (a->n != b->n) return 0;
  for (size_t i = 0; i < a->cap; i++) {
    const ws_pent *e = &a->slot[i];
    if (!e->k) continue;
    size_t w1 = same_word(ua, ub, (e->k >> 32) - 1),
           w2 = same_word(ua, ub, (e->k & 0xFFFFFFFFu) - 1);
    const ws_pent *f = pmap_find(b, pair_key(w1, w2));
    if (!f || f->cnt != e->cnt || f->df != e->df) return 0;
  }
  return 1;
}

int wstats_doc_same(const wstats_doc *a, const wstats_doc *b) {
  if (!a || !b) return a == b;
  return a->tokens == b->tokens && a->content == b->content &&
         same_map(&a->uni, &b->uni) &&
         same_pairs(&a->bi, &a->uni, &b->bi, &b->uni);
}

wstats_doc *wstats_count(const wstats *w, const doc *d) {
  if (!d) return NULL;
  wstats_doc *c = ws_doc_new(w);
  for (size_t i = 0; c && i < d->blocks.n; i++) {
    const doc_block *b = &d->blocks.items[i];
    if (!is_content(doc_kind_name(b->kind))) continue;
    const char *tx = b->text ? b->text : "";
    count_block(w, c, tx, strlen(tx));
  }
  return c;
}

void wstats_doc_free(wstats_doc *c) {
  if (!c) return;
  map_free(&c->uni);
  pmap_free(&c->bi);
  free(c);
}

/* ---- the batch ---- */

#define AHEAD 8 /* probes whose memory is fetched ahead of use */

/* Room in m for n more entries (no growth while they are added). */
static void pmap_room(ws_pmap *m, size_t n) {
  while ((m->n + n + 1) * 2 >= m->cap) pmap_grow(m);
}

/* Add c's words to the batch with sign; tr[i] gets where word i landed. */
static void merge_words(wstats *w, const wstats_doc *c, int sign, size_t *tr) {
  ws_map *m = &w->uni;
  for (size_t i = 0; i < c->uni.n; i++) {
    if (i + AHEAD < c->uni.n && m->cap)
      __builtin_prefetch(&m->slot[c->uni.ents[i + AHEAD].h & (m->cap - 1)]);
    const ws_ent *e = &c->uni.ents[i];
    ws_ent *d = map_get_h(m, e->key, e->len, e->h);
    d->cnt += sign * e->cnt, d->df += sign;
    if (!d->disp && e->disp) d->disp = arena_strdup(&m->a, e->disp);
    tr[i] = (size_t)(d - m->ents);
  }
}

/* Add c's pairs to the batch with sign, their words' positions
** translated by tr; each home slot is fetched AHEAD pairs before its
** probe, so that the big table's cache misses overlap. */
static void merge_pairs(wstats *w, const wstats_doc *c, int sign,
                        const size_t *tr) {
  ws_pent *v = xmalloc((c->bi.n + 1) * sizeof *v);
  size_t n = 0;
  for (size_t i = 0; i < c->bi.cap; i++) {
    const ws_pent *e = &c->bi.slot[i];
    if (e->k)
      v[n++] = (ws_pent){
          pair_key(tr[(e->k >> 32) - 1], tr[(e->k & 0xFFFFFFFFu) - 1]),
          sign * e->cnt, sign};
  }
  pmap_room(&w->bi, n);
  for (size_t i = 0; i < n; i++) {
    if (i + AHEAD < n)
      __builtin_prefetch(&w->bi.slot[pair_home(v[i + AHEAD].k, w->bi.cap)]);
    ws_pent *d = pmap_get(&w->bi, v[i].k);
    d->cnt += v[i].cnt, d->df += v[i].df;
  }
  free(v);
}

/* Add the document counts c to the batch with sign +1 or -1: its words
** first, noting where each landed in the batch's map, then its pairs,
** keyed by those positions. */
static void merge(wstats *w, const wstats_doc *c, int sign) {
  size_t *tr = xmalloc((c->uni.n + 1) * sizeof *tr);
  merge_words(w, c, sign, tr);
  merge_pairs(w, c, sign, tr);
  free(tr);
  w->tokens += sign * c->tokens;
  w->docs += sign * c->content;
}

/* ---- the merger ----
**
** Adding a document's counts to the batch is a probe of two big maps per
** word and pair, a tenth of an ingest's CPU on the writer, the thread
** the ingest waits for. The writer queues them instead; a thread of
** their own adds them in queue order (the display form kept is the
** first one queued, as before), and the flush waits until the queue is
** empty. At most MERGE_QUEUE documents wait (the writer waits beyond).
** The merger, faster than the writer, empties the queue and sleeps; it is
** woken when MERGE_WAKE documents wait (or by the flush, or to stop), so
** it sleeps and wakes once for many documents, not once for each (a 35k
** ingest under strace: 120,663-133,613 futex calls before, 48,472 after).
*/
#define MERGE_QUEUE 256
#define MERGE_WAKE  32

static void *merger(void *arg) {
  wstats *w = arg;
  pthread_mutex_lock(&w->mu);
  for (;;) {
    while (!w->quit && w->qhead == w->qn) pthread_cond_wait(&w->more, &w->mu);
    if (w->qhead == w->qn) break; /* quit, nothing left */
    ws_job j = w->q[w->qhead++];
    if (w->qhead == w->qn) w->qhead = w->qn = 0;
    w->merging = 1;
    pthread_mutex_unlock(&w->mu);
    merge(w, j.c, j.sign);
    wstats_doc_free(j.c);
    pthread_mutex_lock(&w->mu);
    w->merging = 0;
    pthread_cond_broadcast(&w->done);
  }
  pthread_mutex_unlock(&w->mu);
  return NULL;
}

/* Queue c (taken over) with sign; merged at once when no thread runs. */
static void enqueue(wstats *w, wstats_doc *c, int sign) {
  if (!w->running && !w->quit) {
    pthread_mutex_init(&w->mu, NULL);
    pthread_cond_init(&w->more, NULL);
    pthread_cond_init(&w->done, NULL);
    int ok = pthread_create(&w->th, NULL, merger, w) == 0;
    if (!ok) w->quit = 1; /* no thread: merge in the caller from now on */
    w->running = ok;      /* read by this thread only */
  }
  if (!w->running) {
    merge(w, c, sign);
    wstats_doc_free(c);
    return;
  }
  pthread_mutex_lock(&w->mu);
  while (w->qn - w->qhead >= MERGE_QUEUE) pthread_cond_wait(&w->done, &w->mu);
  if (w->qn == w->qcap) {
    w->qcap = w->qcap ? w->qcap * 2 : 64;
    w->q = xrealloc(w->q, w->qcap * sizeof *w->q);
  }
  w->q[w->qn++] = (ws_job){c, sign};
  if (w->qn - w->qhead >= MERGE_WAKE) pthread_cond_signal(&w->more);
  pthread_mutex_unlock(&w->mu);
}

/* Wait until every queued document is merged. */
static void drain(wstats *w) {
  if (!w->running) return;
  pthread_mutex_lock(&w->mu);
  pthread_cond_signal(&w->more); /* fewer than MERGE_WAKE may be waiting */
  while (w->qhead < w->qn || w->merging) pthread_cond_wait(&w->done, &w->mu);
  pthread_mutex_unlock(&w->mu);
}

/* Stop the merger (after the queue is merged). */
static void merger_stop(wstats *w) {
  if (!w->running) return;
  pthread_mutex_lock(&w->mu);
  w->quit = 1;
  pthread_cond_signal(&w->more);
  pthread_mutex_unlock(&w->mu);
  pthread_join(w->th, NULL);
  w->running = 0;
  pthread_mutex_destroy(&w->mu);
  pthread_cond_destroy(&w->more);
  pthread_cond_destroy(&w->done);
}

void wstats_add(wstats *w, wstats_doc *c) {
  if (w && c && w->mode == WS_INCR)
    enqueue(w, c, 1);
  else
    wstats_doc_free(c);
}

/* The text of stored document id into out; -1 on an SQLite error. */
static int stored_text(sqlite3 *db, int64_t id, buf *out) {
  sqlite3_stmt *st;
  if (sqlite3_prepare_v2(db, "SELECT text FROM documents WHERE id = ?1", -1,
                         &st, NULL) != SQLITE_OK)
    return -1;
  sqlite3_bind_int64(st, 1, id);
  int rc = sqlite3_step(st);
  if (rc == SQLITE_ROW)
    buf_add(out, sqlite3_column_blob(st, 0),
            (size_t)sqlite3_column_bytes(st, 0));
  sqlite3_finalize(st);
  return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : -1;
}

/* Count stored document id from its content blocks (a NULL block text is
** the block's span of the document text). NULL on an SQLite error. */
static wstats_doc *count_stored(const wstats *w, sqlite3 *db, int64_t id) {
  sqlite3_stmt *st;
  buf text;
  buf_init(&text);
  if (stored_text(db, id, &text) != 0 ||
      sqlite3_prepare_v2(db,
                         "SELECT kind, text, off, len FROM block_rows WHERE "
                         "doc = ?1 ORDER BY seq",
                         -1, &st, NULL) != SQLITE_OK) {
    buf_free(&text);
    return NULL;
  }
  sqlite3_bind_int64(st, 1, id);
  wstats_doc *c = xcalloc(1, sizeof *c);
  int rc;
  while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
    if (!is_content((const char *)sqlite3_column_text(st, 0))) continue;
    const char *tx = (const char *)sqlite3_column_text(st, 1);
    size_t n = (size_t)sqlite3_column_bytes(st, 1);
    int64_t off = sqlite3_column_int64(st, 2),
            len = sqlite3_column_int64(st, 3);
    if (!tx && util_span_ok(off, len, text.len))
      tx = text.data + off, n = (size_t)len;
    count_block(w, c, tx ? tx : "", tx ? n : 0);
  }
  sqlite3_finalize(st);
  buf_free(&text);
  if (rc != SQLITE_DONE) wstats_doc_free(c), c = NULL;
  return c;
}

int wstats_sub(wstats *w, sqlite3 *db, int64_t id) {
  if (!w || w->mode != WS_INCR) return 0;
  wstats_doc *c = count_stored(w, db, id);
  if (!c) return -1;
  enqueue(w, c, -1);
  return 0;
}

static int exec(sqlite3 *db, const char *sql) {
  return sqlite3_exec(db, sql, NULL, NULL, NULL) == SQLITE_OK ? 0 : -1;
}

/* Set meta key k to v. */
static int meta_set(sqlite3 *db, const char *k, const char *v) {
  sqlite3_stmt *st;
  if (sqlite3_prepare_v2(db, "INSERT OR REPLACE INTO meta VALUES(?1, ?2)", -1,
                         &st, NULL) != SQLITE_OK)
    return -1;
  sqlite3_bind_text(st, 1, k, -1, SQLITE_STATIC);
  sqlite3_bind_text(st, 2, v, -1, SQLITE_STATIC);
  int rc = sqlite3_step(st) == SQLITE_DONE ? 0 : -1;
  sqlite3_finalize(st);
  return rc;
}

/* Add d to the integer meta value k. */
static int meta_add(sqlite3 *db, const char *k, int64_t d) {
  char sql[160];
  snprintf(sql, sizeof sql,
           "INSERT INTO meta VALUES('%s', %lld) ON CONFLICT(key) DO UPDATE "
           "SET value = CAST(value AS INTEGER) + %lld",
           k, (long long)d, (long long)d);
  return exec(db, sql);
}

/* The meta keys of this run: up to date ('1', the lexicons) or stale. */
static int write_state(wstats *w, sqlite3 *db) {
  if (w->state_written) return 0;
  w->state_written = 1;
  if (w->mode == WS_OFF) return meta_set(db, "wordstats", "0");
  return meta_set(db, "wordstats", w->mode == WS_INCR ? "1" : "0") ||
         meta_set(db, "wordstats_user", w->user) ||
         meta_set(db, "wordstats_lex", w->lexsize);
}

int wstats_flush(wstats *w, sqlite3 *db) {
  if (!w) return 0;
  drain(w);
  int rc = write_state(w, db);
  if (!rc && w->mode == WS_INCR)
    rc = wstats_write_maps(db, &w->uni, &w->bi) ||
         meta_add(db, "wordstats_tokens", w->tokens) ||
         meta_add(db, "wordstats_docs", w->docs);
  map_clear(&w->uni);
  pmap_clear(&w->bi);
  w->tokens = w->docs = 0;
  return rc;
}

/* ---- opening ---- */

/* The first column of the first row of sql as a malloc'd string (NULL:
** no row or an error). */
static char *query_text(sqlite3 *db, const char *sql) {
  sqlite3_stmt *st;
  char *out = NULL;
  if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK) return NULL;
  if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_text(st, 0))
    out = xstrdup((const char *)sqlite3_column_text(st, 0));
  sqlite3_finalize(st);
  return out;
}

/* The stopwords (data/stopwords-vi.txt, read by lexicon.c: the one reader
** of that file) into stop, case-folded. */
static void load_stop(ws_map *stop) {
  for (const char *const *w = lexicon_get()->lists[LEX_STOPWORDS]; *w; w++) {
    size_t fn = 0;
    char *f = text_fold_alloc(*w, strlen(*w), TEXT_FOLD_CASE, &fn);
    if (f && fn) map_get(stop, f, fn)->cnt = 1;
    free(f);
  }
}

/* The lexicon to count with: the bundled one, with the user's words
** (store_words_overlay, as the index's lexicon is built); w->user is
** their text (store_words_text), the stamp kept in meta. */
static int open_lexicon(wstats *w, store *s) {
  const seg_lex *base = seg_lex_default();
  if (!base) return -1;
  snprintf(w->lexsize, sizeof w->lexsize, "%zu", seg_lex_size(base));
  w->user = store_words_text(s);
  if (!w->user) return -1;
  w->own = store_words_overlay(w->user);
  w->lex = w->own ? w->own : base;
  return 0;
}

/* Are the kept counts those of the stored documents, counted as this run
** would count (same lexicons)? An empty database qualifies. */
static int up_to_date(const wstats *w, sqlite3 *db) {
  char *docs = query_text(db, "SELECT 1 FROM documents LIMIT 1");
  if (!docs) return 1;
  free(docs);
  char *st = query_text(db, "SELECT value FROM meta WHERE key = 'wordstats'");
  char *u =
      query_text(db, "SELECT value FROM meta WHERE key = 'wordstats_user'");
  char *l =
      query_text(db, "SELECT value FROM meta WHERE key = 'wordstats_lex'");
  int ok = st && !strcmp(st, "1") && u && !strcmp(u, w->user) && l &&
           !strcmp(l, w->lexsize);
  free(st), free(u), free(l);
  return ok;
}

wstats *wstats_open(store *s, int reparse) {
  sqlite3 *db = store_db(s);
  wstats *w = xcalloc(1, sizeof *w);
  if (open_lexicon(w, s) != 0) {
    wstats_close(w);
    return NULL;
  }
  load_stop(&w->stop);
  w->mode = reparse ? WS_REBUILD : up_to_date(w, db) ? WS_INCR : WS_OFF;
  return w;
}

void wstats_close(wstats *w) {
  if (!w) return;
  merger_stop(w);
  free(w->q);
  seg_lex_free(w->own);
  map_free(&w->stop);
  map_free(&w->uni);
  pmap_free(&w->bi);
  free(w->user);
  free(w);
}

/* Write document id's number of words (its doc_words row) with ins. */
static int put_doc_words(sqlite3_stmt *ins, int64_t id, const wstats_doc *c) {
  wstats_bind_doc(ins, id, c);
  int rc = sqlite3_step(ins);
  sqlite3_reset(ins);
  return rc == SQLITE_DONE ? 0 : -1;
}

/* Recount: every stored document added to emptied tables, written every
** 2000 documents, and its number of words written to doc_words. */
static int recount(wstats *w, sqlite3 *db) {
  sqlite3_stmt *st = NULL, *ins = NULL;
  if (exec(db,
           "DELETE FROM word_stats; DELETE FROM word_bigrams; DELETE FROM "
           "doc_words; DELETE FROM meta WHERE key IN ('wordstats_tokens', "
           "'wordstats_docs')") != 0 ||
      sqlite3_prepare_v2(db, "SELECT id FROM documents ORDER BY id", -1, &st,
                         NULL) != SQLITE_OK ||
      sqlite3_prepare_v2(db, WSTATS_DOC_PUT_SQL, -1, &ins, NULL) != SQLITE_OK) {
    sqlite3_finalize(st);
    return -1;
  }
  int rc = 0, k = 0;
  while (!rc && sqlite3_step(st) == SQLITE_ROW) {
    int64_t id = sqlite3_column_int64(st, 0);
    wstats_doc *c = count_stored(w, db, id);
    if (!c)
      rc = -1;
    else
      merge(w, c, 1), rc = put_doc_words(ins, id, c);
    wstats_doc_free(c);
    if (!rc && ++k % 2000 == 0) rc = wstats_flush(w, db);
  }
  sqlite3_finalize(st);
  sqlite3_finalize(ins);
  return rc ? rc : wstats_flush(w, db);
}

int wstats_rebuild(wstats *w, sqlite3 *db) {
  if (!w || w->mode != WS_REBUILD) return 0;
  if (exec(db, "BEGIN IMMEDIATE") != 0) return -1;
  w->mode = WS_INCR;
  w->state_written = 0;
  int rc = recount(w, db);
  if (rc || exec(db, "COMMIT") != 0) {
    exec(db, "ROLLBACK");
    return -1;
  }
  return 0;
}
