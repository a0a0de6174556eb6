/*
** fts_tok.c — the tinsh FTS5 tokenizer's scanner: syllables, numbers and
** document numbers, folded and accent-stripped (fts_scan). Word tokens
** are added on top of it by fts_tokenize (fts.c). See fts.h.
*/
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "fts.h"
#include "segment.h"
#include "text.h"
#include "util.h"

/* ---- token buffers: a stack buffer that grows to the heap ---- */

typedef struct tbuf {
  char *p;      /* stack or heap storage */
  int len, cap; /* bytes used, bytes available */
  char stack[128];
} tbuf;

static void tb_init(tbuf *t) {
  t->p = t->stack;
  t->len = 0;
  t->cap = (int)sizeof t->stack;
}

static void tb_free(tbuf *t) {
  if (t->p != t->stack) free(t->p);
}

static void tb_grow(tbuf *t, int extra) {
  int cap = t->cap * 2;
  while (cap < t->len + extra) cap *= 2;
  if (t->p == t->stack) {
    char *h = xmalloc((size_t)cap);
    memcpy(h, t->p, (size_t)t->len);
    t->p = h;
  } else {
    t->p = xrealloc(t->p, (size_t)cap);
  }
  t->cap = cap;
}

static inline void tb_room(tbuf *t, int extra) {
  if (t->len + extra > t->cap) tb_grow(t, extra);
}

static void tb_set(tbuf *t, const unsigned char *s, int n) {
  t->len = 0;
  tb_room(t, n);
  memcpy(t->p, s, (size_t)n);
  t->len = n;
}

/*
** Slow path for one token: the case fold (ex) and the accent fold (st) of
** the whole token (text_fold_alloc). Handles decomposed input and
** anything outside the fold table.
*/
static void norm_slow(const unsigned char *s, int n, tbuf *ex, tbuf *st) {
  size_t m = 0;
  char *f = text_fold_alloc((const char *)s, (size_t)n, TEXT_FOLD_CASE, &m);
  tb_set(ex, (const unsigned char *)(f ? f : ""), f ? (int)m : 0);
  free(f);
  f = text_fold_alloc((const char *)s, (size_t)n, TEXT_FOLD_ACCENTS, &m);
  tb_set(st, (const unsigned char *)(f ? f : ""), f ? (int)m : 0);
  free(f);
}

/*
** Normalise token s[0..n) into ex (exact folded form) and st (stripped
** form). ASCII and precomposed Latin go through the fold table; a
** combining mark or an unknown code point sends the whole token to
** norm_slow.
*/
static void norm_token(const unsigned char *s, int n, tbuf *ex, tbuf *st) {
  ex->len = st->len = 0;
  tb_room(ex, 4 * n);
  tb_room(st, 4 * n);
  if (text_fold_pair_str((const char *)s, (size_t)n, ex->p, &ex->len, st->p,
                         &st->len) != 0)
    norm_slow(s, n, ex, st);
}

int fts_fold_pair(const char *s, int n, char *st, int *nst, char *ex, int *nex,
                  int cap) {
  tbuf a, b;
  tb_init(&a);
  tb_init(&b);
  norm_token((const unsigned char *)s, n, &a, &b);
  int ok = a.len < cap && b.len < cap;
  *nex = ok ? a.len : 0;
  *nst = ok ? b.len : 0;
  if (ok) memcpy(ex, a.p, (size_t)a.len), memcpy(st, b.p, (size_t)b.len);
  tb_free(&a);
  tb_free(&b);
  return ok ? 0 : -1;
}

int fts_plain_syllable(const char *s, size_t n) {
  if (n == 0 || n >= 128) return 0;
  for (size_t i = 0; i < n; i++) {
    unsigned char c = (unsigned char)s[i];
    if (c < 0x80 && !((c | 0x20) >= 'a' && (c | 0x20) <= 'z')) return 0;
  }
  return 1;
}

int fts_syllable(const char *s, int n, char *out, int cap) {
  if (n <= 0 || !fts_plain_syllable(s, (size_t)n)) return -1;
  char st[256];
  int nst, nex;
  if (fts_fold_pair(s, n, st, &nst, out, &nex, cap) != 0 || nex == 0) return -1;
  return nex;
}

/* ---- the scanner ---- */

typedef struct scan {
  const unsigned char *text;
  int n;
  int mode;
  fts_token_fn cb;
  void *ctx;
  tbuf ex, st;
} scan;

/* Document mode: the tokens of text[s..e) of folds ex[0..nex) and
** st[0..nst) (fts_forms_emit; FTS_AUX reads them as FTS_DOCUMENT). */
static int emit_doc(scan *sc, int fl, const char *ex, int nex, const char *st,
                    int nst, int s, int e) {
  return fts_forms_emit(sc->cb, sc->ctx, sc->mode, fl, ex, nex, st, nst, s, e);
}

/* Emit one word text[s..e) in the scanner's mode. */
static int emit(scan *sc, int s, int e, int colocated) {
  norm_token(sc->text + s, e - s, &sc->ex, &sc->st);
  int fl = colocated ? FTS_COLOCATED : 0;
  if (sc->mode == FTS_QUERY) {
    return sc->ex.len ? sc->cb(sc->ctx, fl, sc->ex.p, sc->ex.len, s, e) : 0;
  }
  return emit_doc(sc, fl, sc->ex.p, sc->ex.len, sc->st.p, sc->st.len, s, e);
}

/*
** Query mode: syllables joined by FTS_WORD_JOIN at i ("quang_ninh") are
** one word token, folded. Returns the end of the joined run, or i when
** the token at i is not followed by a joiner and another word.
*/
static int joined_word(scan *sc, int i, int *rc) {
  size_t j = (size_t)i, end = (size_t)i, n = (size_t)sc->n;
  int nsyl = 0;
  text_tok t;
  while (text_tok_next((const char *)sc->text, n, &j, &t) && t.off == end &&
         t.kind != TEXT_TOK_PUNCT) {
    end = t.off + t.len, nsyl++;
    if (end + 1 >= n || sc->text[end] != FTS_WORD_JOIN) break;
    end++, j = end;
  }
  if (nsyl < 2) return i;
  if (sc->text[end - 1] == FTS_WORD_JOIN) end--;
  norm_token(sc->text + i, (int)end - i, &sc->ex, &sc->st);
  *rc = sc->ex.len ? sc->cb(sc->ctx, 0, sc->ex.p, sc->ex.len, i, (int)end) : 0;
  return (int)end;
}

/* The parts of compound text[s..e) split at '/' and '-'; the first
** shares the compound's position. */
static int emit_parts(scan *sc, int s, int e) {
  int ps = s, first = 1, rc = 0;
  for (int k = s; k <= e && rc == 0; k++) {
    if (k == e || sc->text[k] == '/' || sc->text[k] == '-') {
      rc = emit(sc, ps, k, first);
      first = 0;
      ps = k + 1;
    }
  }
  return rc;
}

/*
** Emit the compound that starts at i (text_compound_at): a lone token as
** it is; tokens joined without a digit one by one; a compound with a
** digit whole, and in documents also part by part at '/' and '-' (the
** first part colocated with the whole). Returns the end through *end.
*/
static int compound(scan *sc, int i, int *end) {
  text_compound c;
  text_compound_at((const char *)sc->text, (size_t)sc->n, (size_t)i, &c);
  int start = i, rc = 0;
  i = (int)c.end;
  *end = i;
  if (c.nrun == 1) return emit(sc, start, i, 0);
  if (!c.digits || c.nrun > TEXT_COMPOUND_MAX) { /* plain words */
    for (int k = 0; k < c.nrun && k < TEXT_COMPOUND_MAX && rc == 0; k++)
      rc = emit(sc, (int)c.rs[k], (int)c.re[k], 0);
    return rc;
  }
  rc = emit(sc, start, i, 0); /* the compound, whole as written */
  if (rc || sc->mode == FTS_QUERY || !c.split) return rc;
  return emit_parts(sc, start, i);
}

int fts_scan(const char *text, int n, int mode, fts_token_fn cb, void *ctx) {
  scan sc = {.text = (const unsigned char *)text,
             .n = n,
             .mode = mode,
             .cb = cb,
             .ctx = ctx};
  tb_init(&sc.ex);
  tb_init(&sc.st);
  int rc = 0;
  size_t i = 0;
  text_tok t;
  while (rc == 0 && text_tok_next(text, (size_t)n, &i, &t)) {
    if (t.kind == TEXT_TOK_PUNCT) continue; /* a stray mark too */
    int e = mode == FTS_QUERY ? joined_word(&sc, (int)t.off, &rc) : (int)t.off;
    if (e == (int)t.off) rc = compound(&sc, (int)t.off, &e);
    i = (size_t)e;
  }
  tb_free(&sc.ex);
  tb_free(&sc.st);
  return rc;
}

int fts_scan_spans(const char *text, int n, const seg_spans *sp, int mode,
                   fts_token_fn cb, void *ctx) {
  scan sc = {.text = (const unsigned char *)text,
             .n = n,
             .mode = mode,
             .cb = cb,
             .ctx = ctx};
  tb_init(&sc.ex);
  tb_init(&sc.st);
  int rc = 0;
  for (size_t k = 0; k < sp->n && rc == 0; k++) {
    const seg_span *v = &sp->v[k];
    int s = (int)v->start, e = (int)v->end;
    if (v->nex >= 0) /* folded by the scan, as norm_token would */
      rc = emit_doc(&sc, 0, sp->fold + v->fex, v->nex,
                    sp->fold + v->fex + v->nex, v->nst, s, e);
    else
      rc = emit(&sc, s, e, 0); /* a token, or a number compound whole */
    if (rc == 0 && (sp->v[k].flags & SEG_SPAN_PARTS))
      rc = emit_parts(&sc, s, e);
  }
  tb_free(&sc.ex);
  tb_free(&sc.st);
  return rc;
}
