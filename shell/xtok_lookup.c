/*
** xtok_lookup.c — the token layer's lexicon lookups (xtok.h xt_lookup,
** xt_lookup_at, xt_lookup_ref): the longest key of a lexicon table that
** the tokens from a given one spell, with the filters that stop the join
** early (each table's key beginnings, and for the tables of keys as
** written their first two words' token hashes and their one-word keys'
** hashes) and the case folds kept per thread. Split from xtok.c; it calls the
*tokenizer (xtok_scan.c) once, to
** cut the keys as a text's tokens are cut.
*/
#include <pthread.h>
#include <stdatomic.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "lexicon.h"
#include "util.h"
#include "xtok.h"

/* A token that may sit inside a lexicon phrase. */
/* May token k be part of a phrase key: a word, a number, '-', '/', '&',
** '–', or a dot glued after a word and before another ("PGS.TS",
** "TP.HCM", "PGS. TS")? */
static inline __attribute__((always_inline)) int phrase_tok_at(const xsent *x,
                                                               size_t k) {
  const tok *t = &x->t[k];
  if (t->type != T_PUNCT || t->cp == '-' || t->cp == '/' || t->cp == '&' ||
      t->cp == 0x2013)
    return 1;
  return t->cp == '.' && !(t->flags & TF_SPACE) && k > 0 &&
         x->t[k - 1].type == T_WORD && k + 1 < x->n &&
         x->t[k + 1].type == T_WORD;
}

/*
** For each table of the lexicon (by its place in struct lexicon), a bit
** filter over FNV-1a hashes (util_hash64's) of its keys, whole (KEY_WHOLE)
** and every beginning of one that a space ends (KEY_BEGIN: "bà rịa" of
** "bà rịa - vũng tàu"): once the key xt_lookup joins so far begins no key
** that way, no longer candidate can match, and it stops joining words; a
** candidate no key hashes like is not looked up (a false "maybe" only
** joins a word more, or looks up). Built once, for all the tables, on
** first use.
*/
#define PREFIX_TABLES 8
enum { KEY_BEGIN, KEY_WHOLE };
typedef struct prefix_filter {
  uint64_t *bits;  /* 1 << lg bits */
  int shift;       /* 64 - lg */
  uint64_t *pairs; /* a table of keys as written: its word pairs (pair_set),
                   ** 1 << (64 - pshift) bits; NULL: none kept */
  int pshift;
  uint64_t any[64]; /* bit (h & 4095) of a first token whose pairs are not
                    ** all known: every pair after it may be */
  uint64_t *words;  /* with pairs: the word hashes (tok.h's, of the whole
                    ** key) of the keys without a space, 1 << (64 - wshift)
                    ** bits (word_bit) */
  int wshift;
} prefix_filter;
static prefix_filter prefixes[PREFIX_TABLES];
static const lex_table *prefix_base; /* the lexicon's first table */
static _Atomic int prefix_ready;     /* set once the filters are built */
static pthread_once_t prefix_once = PTHREAD_ONCE_INIT;
static const prefix_filter no_filter; /* no bits: every key may go on */

/* The bit of hash h of a key's beginning or whole (kind) in f. */
static size_t prefix_bit(const prefix_filter *f, uint64_t h, int kind) {
  static const uint64_t mix[2] = {0x9E3779B97F4A7C15ull, 0xC2B2AE3D27D4EB4Full};
  return (size_t)((h * mix[kind]) >> f->shift);
}

/* May some key of f's table be, or begin with a space after, the text of
** hash h (kind KEY_WHOLE, KEY_BEGIN)? */
static int prefix_maybe(const prefix_filter *f, uint64_t h, int kind) {
  size_t b = prefix_bit(f, h, kind);
  return (int)(f->bits[b >> 6] >> (b & 63) & 1);
}

/* Set the bit of hash h (kind) in f. */
static void prefix_set(prefix_filter *f, uint64_t h, int kind) {
  size_t b = prefix_bit(f, h, kind);
  f->bits[b >> 6] |= 1ull << (b & 63);
}

/* The FNV-1a hashes of every key of table t (KEY_WHOLE) and of every
** beginning of one that a space ends (KEY_BEGIN), each with its kind in
** bit 0 of its place: appended to *hs (n of them, room for cap). */
static void prefix_hashes(const lex_table *t, uint64_t **hs, size_t *n,
                          size_t *cap) {
  for (size_t i = 0; i < t->cap; i++) {
    const lex_entry *e = &t->slots[i];
    if (!e->key) continue;
    uint64_t h = UTIL_FNV_OFFSET;
    for (size_t p = 0; p <= e->len; p++) {
      if (p == e->len || e->key[p] == ' ') {
        if (*n + 2 > *cap) *hs = xrealloc(*hs, (*cap = *cap * 2 + 64) * 16);
        (*hs)[2 * *n] = h;
        (*hs)[2 * *n + 1] = p == e->len ? KEY_WHOLE : KEY_BEGIN;
        ++*n;
      }
      if (p < e->len) h = (h ^ (unsigned char)e->key[p]) * UTIL_FNV_PRIME;
    }
  }
}

/* The bit of the pair of word hashes (a, b) in f's pairs. */
static size_t pair_bit(const prefix_filter *f, uint32_t a, uint32_t b) {
  return (size_t)((((uint64_t)a << 32 | b) * 0x9E3779B97F4A7C15ull) >>
                  f->pshift);
}

/* May a key of f's table start with the word of token hash a and go on
** with a word whose first token has hash b (both as tok.h)? */
static inline int pair_maybe(const prefix_filter *f, uint32_t a, uint32_t b) {
  if (f->any[(a & 4095) >> 6] >> (a & 63) & 1) return 1;
  size_t k = pair_bit(f, a, b);
  return (int)(f->pairs[k >> 6] >> (k & 63) & 1);
}

/* Note key[0..n) of a table of keys as written in f: its tokens as
** xt_tokenize cuts them in a text (the key copied with room after it),
** and the pair of its first token and the first token of its second
** word; a key not cut whole into one sentence marks its first token
** "any". buf has n + 64 bytes. */
static void pair_set(prefix_filter *f, const char *key, size_t n, char *buf,
                     tokvec *v) {
  unsigned feat;
  memcpy(buf, key, n);
  memset(buf + n, 0, 64);
  size_t e = xt_tokenize(buf, 0, n, v, &feat);
  if (!v->n) return;
  uint32_t a = v->items[0].h;
  if (e < n) {
    f->any[(a & 4095) >> 6] |= 1ull << (a & 63);
    return;
  }
  for (size_t j = 1; j < v->n; j++)
    if (v->items[j].flags & TF_SPACE) {
      size_t k = pair_bit(f, a, v->items[j].h);
      f->pairs[k >> 6] |= 1ull << (k & 63);
      return;
    }
}

/* The bit of word hash h (tok.h) in f's words. */
static size_t word_bit(const prefix_filter *f, uint32_t h) {
  return (size_t)(((uint64_t)h * 0xC2B2AE3D27D4EB4Full) >> f->wshift);
}

/* May a key of f's table (keys as written, with pairs) be one word whose
** token hash is h? 0: none is (no key without a space hashes so). */
static inline int word_maybe(const prefix_filter *f, uint32_t h) {
  size_t k = word_bit(f, h);
  return (int)(f->words[k >> 6] >> (k & 63) & 1);
}

/* The word pairs of table t (keys as written) into f (16 bits a key),
** and the word hashes of its keys without a space. */
static void pairs_init(const lex_table *t, prefix_filter *f) {
  int lg = 6;
  while (lg < 24 && ((size_t)1 << lg) < 16 * t->n) lg++;
  f->pairs = xcalloc(((size_t)1 << lg) / 64, sizeof(uint64_t));
  f->pshift = 64 - lg;
  f->words = xcalloc(((size_t)1 << lg) / 64, sizeof(uint64_t));
  f->wshift = 64 - lg;
  tokvec v = {0};
  size_t cap = 256;
  char *buf = xmalloc(cap + 64);
  for (size_t i = 0; i < t->cap; i++) {
    const lex_entry *e = &t->slots[i];
    if (!e->key) continue;
    /* a key without a space is no joined key of two words or more */
    if (!memchr(e->key, ' ', e->len)) {
      size_t k = word_bit(f, lexicon_word_hash(e->key, e->len));
      f->words[k >> 6] |= 1ull << (k & 63);
      continue;
    }
    if (e->len > cap) buf = xrealloc(buf, (cap = e->len) + 64);
    pair_set(f, e->key, e->len, buf, &v);
  }
  free(buf);
  free(v.items);
}

/* Build the filters of the lexicon's tables (16 bits a hash set). */
static void prefix_init(void) {
  const lex_table *t = &lexicon_get()->surnames;
  _Static_assert(offsetof(lexicon, glossary) - offsetof(lexicon, surnames) ==
                     (PREFIX_TABLES - 1) * sizeof(lex_table),
                 "the lexicon's tables lie side by side");
  uint64_t *hs = NULL; /* (hash, kind) pairs of one table */
  size_t cap = 0;
  for (int k = 0; k < PREFIX_TABLES; k++) {
    size_t n = 0;
    prefix_hashes(&t[k], &hs, &n, &cap);
    int lg = 6;
    while (lg < 24 && ((size_t)1 << lg) < 16 * n) lg++;
    prefixes[k].bits = xcalloc(((size_t)1 << lg) / 64, sizeof(uint64_t));
    prefixes[k].shift = 64 - lg;
    for (size_t j = 0; j < n; j++)
      prefix_set(&prefixes[k], hs[2 * j], (int)hs[2 * j + 1]);
    if (!t[k].fold && t[k].n) pairs_init(&t[k], &prefixes[k]);
  }
  free(hs);
  prefix_base = t;
  atomic_store_explicit(&prefix_ready, 1, memory_order_release);
}

/* The place of table t among the lexicon's tables (0..PREFIX_TABLES-1),
** -1 for a table that is not the lexicon's. A lex_table pointer into
** the lexicon's run of tables points at the start of one: no remainder
** to check. */
static int prefix_index(const lex_table *t) {
  if (!atomic_load_explicit(&prefix_ready, memory_order_acquire))
    pthread_once(&prefix_once, prefix_init);
  uintptr_t d = (uintptr_t)t - (uintptr_t)prefix_base;
  return d < PREFIX_TABLES * sizeof *t ? (int)(d / sizeof *t) : -1;
}

/* The filter of table t, NULL for a table that is not the lexicon's. */
static const prefix_filter *prefix_of(const lex_table *t) {
  /* the table asked last on this thread, and its filter: the filters
  ** never change once built */
  static _Thread_local const lex_table *last_t;
  static _Thread_local const prefix_filter *last_f;
  if (t == last_t && t) return last_f;
  int k = prefix_index(t);
  last_t = t, last_f = k < 0 ? NULL : &prefixes[k];
  return last_f;
}

/* Hash s[0..n) on from h (FNV-1a, as util_hash64), four bytes a step. */
static uint64_t fnv_on(uint64_t h, const char *s, size_t n) {
  const unsigned char *u = (const unsigned char *)s;
  size_t p = 0;
  for (; p + 4 <= n; p += 4) {
    h = (h ^ u[p]) * UTIL_FNV_PRIME;
    h = (h ^ u[p + 1]) * UTIL_FNV_PRIME;
    h = (h ^ u[p + 2]) * UTIL_FNV_PRIME;
    h = (h ^ u[p + 3]) * UTIL_FNV_PRIME;
  }
  for (; p < n; p++) h = (h ^ u[p]) * UTIL_FNV_PRIME;
  return h;
}

/* Copy s[0..n) to dst and hash it on from h: fnv_on(h, s, n), one pass. */
static uint64_t fnv_copy(uint64_t h, char *dst, const char *s, size_t n) {
  const unsigned char *u = (const unsigned char *)s;
  size_t p = 0;
  for (; p + 4 <= n; p += 4) {
    memcpy(dst + p, s + p, 4);
    h = (h ^ u[p]) * UTIL_FNV_PRIME;
    h = (h ^ u[p + 1]) * UTIL_FNV_PRIME;
    h = (h ^ u[p + 2]) * UTIL_FNV_PRIME;
    h = (h ^ u[p + 3]) * UTIL_FNV_PRIME;
  }
  for (; p < n; p++) dst[p] = s[p], h = (h ^ u[p]) * UTIL_FNV_PRIME;
  return h;
}

/*
** The case folds of the last tokens xt_lookup folded, per thread, by their
** bytes (a token of FOLD_LEN bytes at most): the same few words are looked
** up in the folded tables again and again (units after every number,
** titles before every name), and a fold depends on the bytes alone. A
** slot also keeps its fold's hash from the start (a key's first word).
*/
#define FOLD_SLOTS 1024
#define FOLD_LEN   16
typedef struct fold_slot {
  uint64_t w[2], f[2]; /* the bytes and the fold's, little endian, zeros
                       ** after them */
  uint64_t h0;         /* fnv_on(UTIL_FNV_OFFSET, the fold) */
  uint8_t n, nf;       /* the bytes' length (0: empty slot), the fold's */
} fold_slot;
static _Thread_local fold_slot folds[FOLD_SLOTS];

/* The first n (<= 8) bytes of v, the others zero. */
static inline uint64_t keep_bytes(uint64_t v, size_t n) {
  return n >= 8 ? v : v & ((1ull << (8 * n)) - 1);
}

/* The n (1..FOLD_LEN) bytes of w into v[2] as a slot holds them: two
** 8-byte loads when wide (the text goes on for FOLD_LEN bytes from w),
** else byte by byte. */
static inline void word_words(const char *w, size_t n, int wide,
                              uint64_t v[2]) {
  _Static_assert(FOLD_LEN == 16, "two 8-byte words a slot");
  if (wide) {
    v[0] = keep_bytes(lexicon_load8(w), n);
    v[1] = n > 8 ? keep_bytes(lexicon_load8(w + 8), n - 8) : 0;
    return;
  }
  v[0] = v[1] = 0;
  for (size_t q = 0; q < n; q++)
    v[q / 8] |= (uint64_t)(unsigned char)w[q] << (8 * (q % 8));
}

/* lexicon_fold(dst, cap, token tk's text) through the folds kept, and
** *h hashed on over the fold (fnv_on; first: *h is the offset basis, as
** at a key's start, and the slot's h0 is the answer). */
static inline __attribute__((always_inline)) size_t fold_tok(
    const xsent *x, const tok *tk, char *dst, size_t cap, int first,
    uint64_t *h) {
  const char *w = x->s + tk->off;
  size_t n = tk->len, m;
  if (n == 0 || n > FOLD_LEN) {
    m = lexicon_fold(dst, cap, w, n);
    *h = fnv_on(*h, dst, m);
    return m;
  }
  uint64_t v[2];
  word_words(w, n, tk->off + FOLD_LEN <= x->end, v);
  uint32_t k = tk->h ? tk->h : (uint32_t)(unsigned char)w[0] * 31u + n;
  fold_slot *e = &folds[(k ^ k >> 12) & (FOLD_SLOTS - 1)];
  if (e->n == n && e->w[0] == v[0] && e->w[1] == v[1]) {
    m = e->nf;
    if (m >= cap) return 0; /* as lexicon_fold: no room */
    if (cap > FOLD_LEN) {
      memcpy(dst, e->f, FOLD_LEN); /* two stores; the rest is room */
    } else {
      for (size_t q = 0; q < m; q++)
        dst[q] = (char)(e->f[q / 8] >> (8 * (q % 8)));
    }
    dst[m] = 0;
    *h = first ? e->h0 : fnv_on(*h, dst, m);
    return m;
  }
  m = lexicon_fold(dst, cap, w, n);
  if (m && m <= FOLD_LEN) {
    e->n = (uint8_t)n, e->nf = (uint8_t)m;
    memcpy(e->w, v, sizeof v);
    word_words(dst, m, 0, e->f);
    e->h0 = fnv_on(UTIL_FNV_OFFSET, dst, m);
  }
  *h = fnv_on(*h, dst, m);
  return m;
}

/*
** Is xt_lookup's answer at token i of table t (keys as written;
** filter pf, with pairs) 0 by the tokens' hashes alone? Where the first
** word is token i by itself (the sentence ends after it, or punctuation
** no key holds follows, or a spaced token no key of two words may go on
** with: maxw 1, or pair_maybe no) the key can only be token i's bytes:
** 1 when i is a word (its hash lexicon_word_hash of them) and no key
** without a space has that hash. 0 tells nothing.
*/
static inline __attribute__((always_inline)) int lone_miss(
    const xsent *x, size_t i, const prefix_filter *pf, int maxw) {
  const tok *tk = &x->t[i];
  if (tk->type != T_WORD || tk->len >= 255 || word_maybe(pf, tk->h)) return 0;
  size_t j = i + 1;
  if (j >= x->n || !phrase_tok_at(x, j)) return 1;
  const tok *nx = &x->t[j];
  return (nx->flags & TF_SPACE) && (maxw <= 1 || !pair_maybe(pf, tk->h, nx->h));
}

/*
** Joins the tokens from i once (folded for a folding table), hashing the
** key incrementally (FNV-1a, as util_hash64), and probes the table at
** every word end, longest first: xt_lookup's answer. With filter, it
** joins only as far as the table's keys begin so and probes only the
** keys they may be (prefix_of), folding through fold_tok.
*/
static inline __attribute__((always_inline)) int lookup(const xsent *x,
                                                        size_t i,
                                                        const lex_table *t,
                                                        const lex_entry **out,
                                                        int filter, int maxw) {
  char key[256];
  size_t ends[24], toks[24]; /* candidate key lengths and token ends */
  uint64_t hs[24], h = UTIL_FNV_OFFSET; /* their hashes; key[0..o)'s */
  const prefix_filter *pf = NULL;
  int nc = 0, words = 0;
  size_t o = 0;
  if (filter && !t->fold) { /* a lone word no key is: no bytes read */
    if (!(pf = prefix_of(t))) pf = &no_filter;
    if (pf->words && lone_miss(x, i, pf, maxw)) return 0;
  }
  for (size_t k = i; k < x->n && phrase_tok_at(x, k) && nc < 24; k++) {
    const tok *tk = &x->t[k];
    if (k > i && (tk->flags & TF_SPACE)) {
      if (++words >= maxw) break;
      if (!pf && !(pf = filter ? prefix_of(t) : NULL)) pf = &no_filter;
      if (pf->bits && !prefix_maybe(pf, h, KEY_BEGIN)) break;
      if (words == 1 && pf->pairs && !pair_maybe(pf, x->t[i].h, tk->h)) break;
      if (o + 1 >= sizeof key) break;
      key[o++] = ' ';
      h = (h ^ ' ') * UTIL_FNV_PRIME;
    }
    size_t n = tk->len;
    if (t->fold && filter) {
      n = fold_tok(x, tk, key + o, sizeof key - o, o == 0, &h);
      if (!n) break;
    } else if (t->fold) {
      n = lexicon_fold(key + o, sizeof key - o, x->s + tk->off, tk->len);
      if (!n) break;
      h = fnv_on(h, key + o, n);
    } else {
      if (o + n >= sizeof key) break;
      h = fnv_copy(h, key + o, x->s + tk->off, n);
    }
    o += n;
    /* a candidate ends after a word not glued to the next word */
    if (tk->type != T_PUNCT &&
        !(k + 1 < x->n && !(x->t[k + 1].flags & TF_SPACE) &&
          x->t[k + 1].type != T_PUNCT)) {
      ends[nc] = o;
      hs[nc] = h;
      toks[nc++] = k + 1 - i;
    }
  }
  if (nc && !pf && !(pf = filter ? prefix_of(t) : NULL)) pf = &no_filter;
  for (int c = nc - 1; c >= 0; c--) {
    if (pf->bits && !prefix_maybe(pf, hs[c], KEY_WHOLE)) continue;
    const lex_entry *e = lex_find_h(t, key, ends[c], hs[c]);
    if (e) {
      if (out) *out = e;
      return (int)toks[c];
    }
  }
  return 0;
}

int xt_lookup_at(const xsent *x, size_t i, const lex_table *t,
                 const lex_entry **out, int maxw) {
  return lookup(x, i, t, out, 1, maxw);
}

int xt_lookup_ref(const xsent *x, size_t i, const lex_table *t,
                  const lex_entry **out) {
  if (i >= x->n || !t->n || x->t[i].type == T_PUNCT) return 0;
  int maxw = lex_first(t, x->t[i].h); /* most words of a key from here */
  return maxw ? lookup(x, i, t, out, 0, maxw) : 0;
}
