/*
** extract_lookup.c — xt_lookup stopped at the first join that is no
** key's prefix (extract_lookup.h). The join is xt_lookup's, token by
** token: the same tokens, spaces, folding and candidate ends.
*/
#include "extract_lookup.h"

#include <stdlib.h>
#include <string.h>

#include "util.h"

/* Is hash h (of a prefix) in p? 0: no; 1: a prefix; 2: also the hash
** of a whole key. */
static int has_prefix(const xl_prefixes *p, uint64_t h) {
  if (!h) h = 1;
  size_t m = (size_t)h & (p->cap - 1);
  while (p->h[m]) {
    if (p->h[m] == h) return 1 + p->whole[m];
    m = (m + 1) & (p->cap - 1);
  }
  return 0;
}

/* Add hash h to p (cap has room); whole: it is a whole key's. */
static void put_prefix(xl_prefixes *p, uint64_t h, int whole) {
  if (!h) h = 1;
  size_t m = (size_t)h & (p->cap - 1);
  while (p->h[m] && p->h[m] != h) m = (m + 1) & (p->cap - 1);
  p->h[m] = h;
  if (whole) p->whole[m] = 1;
}

void xl_prefixes_set(xl_prefixes *p, const lex_table *t) {
  size_t bytes = 0;
  p->t = NULL;
  for (size_t s = 0; s < t->cap; s++)
    if (t->slots[s].key) bytes += t->slots[s].len;
  size_t cap = 64;
  while (cap < 2 * bytes + 2) cap *= 2;
  p->h = xcalloc(cap, sizeof *p->h);
  p->whole = xcalloc(cap, 1);
  p->cap = cap;
  for (size_t s = 0; s < t->cap; s++) {
    const lex_entry *e = &t->slots[s];
    if (!e->key) continue;
    uint64_t h = UTIL_FNV_OFFSET;
    for (size_t b = 0; b < e->len; b++) {
      h ^= (unsigned char)e->key[b];
      h *= UTIL_FNV_PRIME;
      put_prefix(p, h, b + 1 == e->len);
    }
  }
  p->t = t;
}

/* xtok.c's phrase_tok_at: may token k be part of a phrase key (a word,
** a number, '-', '/', '&', '–', or a dot glued after a word and before
** another)? */
static int key_tok_at(const xsent *x, size_t k) {
  const tok *t = &x->t[k];
  if (t->type != T_PUNCT || t->cp == '-' || t->cp == '/' || t->cp == '&' ||
      t->cp == 0x2013)
    return 1;
  return t->cp == '.' && !(t->flags & TF_SPACE) && k > 0 &&
         x->t[k - 1].type == T_WORD && k + 1 < x->n &&
         x->t[k + 1].type == T_WORD;
}

/* FNV-1a of h over key[a..b). */
static uint64_t fnv_on(uint64_t h, const char *key, size_t a, size_t b) {
  for (; a < b; a++) {
    h ^= (unsigned char)key[a];
    h *= UTIL_FNV_PRIME;
  }
  return h;
}

int xl_lookup_p(const xsent *x, size_t i, const lex_table *t,
                const xl_prefixes *p, const lex_entry **out) {
  if (p->t != t) return xt_lookup(x, i, t, out);
  if (i >= x->n || !t->n || x->t[i].type == T_PUNCT) return 0;
  int maxw = lex_first(t, x->t[i].h); /* most words of a key from here */
  if (!maxw) return 0;
  char key[256];
  size_t ends[24], toks[24];
  uint64_t hs[24];
  int nc = 0, words = 0;
  size_t o = 0, hashed = 0;
  uint64_t h = UTIL_FNV_OFFSET; /* of key[0..hashed) */
  for (size_t k = i; k < x->n && key_tok_at(x, k) && nc < 24; k++) {
    const tok *tk = &x->t[k];
    if (k > i && (tk->flags & TF_SPACE)) {
      if (++words >= maxw) break;
      if (o + 1 >= sizeof key) break;
      key[o++] = ' ';
    }
    size_t n = tk->len;
    if (t->fold) {
      n = lexicon_fold(key + o, sizeof key - o, x->s + tk->off, tk->len);
      if (!n) break;
    } else {
      if (o + n >= sizeof key) break;
      memcpy(key + o, x->s + tk->off, n);
    }
    o += n;
    h = fnv_on(h, key, hashed, o);
    hashed = o;
    int in = has_prefix(p, h);
    if (!in) break; /* no key goes on from here */
    /* a candidate ends after a word not glued to the next word (and
    ** only a whole key's hash may be a key) */
    if (in == 2 && tk->type != T_PUNCT &&
        !(k + 1 < x->n && !(x->t[k + 1].flags & TF_SPACE) &&
          x->t[k + 1].type != T_PUNCT)) {
      ends[nc] = o;
      hs[nc] = h;
      toks[nc++] = k + 1 - i;
    }
  }
  for (int c = nc - 1; c >= 0; c--) {
    const lex_entry *e = lex_find_h(t, key, ends[c], hs[c]);
    if (e) {
      if (out) *out = e;
      return (int)toks[c];
    }
  }
  return 0;
}

#define XL_TABLES 5 /* the gazetteer and surnames first: asked most */
static xl_prefixes tables[XL_TABLES]; /* set by xl_init, then read-only */

void xl_init(const lexicon *lx) {
  const lex_table *t[XL_TABLES] = {&lx->places, &lx->surnames, &lx->titles,
                                   &lx->degrees, &lx->monastic};
  for (int k = 0; k < XL_TABLES; k++)
    if (tables[k].t != t[k]) xl_prefixes_set(&tables[k], t[k]);
}

int xl_lookup(const xsent *x, size_t i, const lex_table *t,
              const lex_entry **out) {
  for (int k = 0; k < XL_TABLES; k++)
    if (tables[k].t == t) return xl_lookup_p(x, i, t, &tables[k], out);
  return xt_lookup(x, i, t, out);
}
