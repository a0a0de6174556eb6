/*
** segment_tok.c — the one place the segmenter reads syllables: the text
** layer's tokenizer (text_tok_next, text_compound_at) and its case fold.
** A token is a syllable, or a number or document number written as one
** compound ("57,7", "5.000", "20-NQ/TU"); a compound without a digit is
** its syllables one by one; punctuation is skipped. These are the tokens
** the FTS5 tokenizer (fts.c) emits for a query, read without it, so the
** segmenter sits below fts.c and the FTS tokenizer may call it. The
** token spans can be kept (seg_spans_scan) so that the FTS tokenizer's
** document mode reads the same spans instead of scanning the text again.
*/
#include <stdlib.h>
#include <string.h>

#include "segment_int.h"
#include "text.h"
#include "text_tok.h"
#include "util.h"
#include "util_tls.h"

/* Call cb for text[s..e) with its case fold (a stack buffer, else the
** heap for a token longer than it). */
static int emit(const char *text, size_t s, size_t e, seg_tok_fn cb,
                void *ctx) {
  char small[256];
  size_t n = text_fold(small, sizeof small, text + s, e - s, TEXT_FOLD_CASE);
  if (n || e == s) return n ? cb(ctx, small, (int)n, s, e) : 0;
  char *big = text_fold_alloc(text + s, e - s, TEXT_FOLD_CASE, &n);
  int rc = big && n ? cb(ctx, big, (int)n, s, e) : 0;
  free(big);
  return rc;
}

/* Fold span v (of text) into o's fold buffer; nex -1 when it cannot be. */
static void fold_span(seg_spans *o, const char *text, seg_span *v) {
  size_t n = v->end - v->start;
  v->nex = v->nst = -1, v->fex = o->nfold;
  if (n == 0 || n > SEG_FOLD_MAX) return;
  if (o->nfold + 8 * n > o->capfold) {
    o->capfold = (o->capfold + 8 * n) * 2;
    o->fold = xrealloc(o->fold, o->capfold);
  }
  char st[4 * SEG_FOLD_MAX], *ex = o->fold + o->nfold;
  int nex, nst;
  if (text_fold_pair_str(text + v->start, n, ex, &nex, st, &nst) != 0 ||
      nex > SEG_FOLD_MAX)
    return;
  memcpy(ex + nex, st, (size_t)nst);
  v->nex = nex, v->nst = nst;
  o->nfold += (size_t)(nex + nst);
}

static void push_span(seg_spans *o, const char *text, size_t s, size_t e,
                      int parts) {
  if (o->n == o->cap) {
    o->cap = o->cap ? o->cap * 2 : 256;
    o->v = xrealloc(o->v, o->cap * sizeof *o->v);
  }
  seg_span *v = &o->v[o->n++];
  *v = (seg_span){.start = s, .end = e, .flags = parts};
  fold_span(o, text, v);
}

/* The tokens of the compound at text[i]: whole when it holds a digit (with
** SEG_SPAN_PARTS when '/' or '-' joins its tokens), else token by token.
** Its end through *end. */
static void compound(const char *text, size_t n, size_t i, size_t *end,
                     seg_spans *o) {
  text_compound c;
  text_compound_at(text, n, i, &c);
  *end = c.end;
  if (c.nrun == 1 || (c.digits && c.nrun <= TEXT_COMPOUND_MAX)) {
    push_span(o, text, i, c.end, c.nrun > 1 && c.split ? SEG_SPAN_PARTS : 0);
    return;
  }
  for (int k = 0; k < c.nrun && k < TEXT_COMPOUND_MAX; k++)
    push_span(o, text, c.rs[k], c.re[k], 0);
}

/* Can a connector at text[e] join the token ending there to another
** (text_compound_at's test before it looks further)? */
static int may_join(const char *text, size_t n, size_t e) {
  if (e + 1 >= n) return 0;
  char c = text[e];
  return c == '.' || c == ',' || c == '/' || c == '-';
}

static _Thread_local size_t scanned; /* bytes given to seg_spans_scan */

size_t seg_scanned_bytes(void) {
  return scanned;
}

void seg_spans_scan(const char *text, size_t n, seg_spans *out) {
  scanned += n;
  out->n = out->nfold = 0;
  size_t i = 0;
  text_tok t;
  while (text_tok_next(text, n, &i, &t)) {
    if (t.kind == TEXT_TOK_PUNCT) continue; /* a stray mark too */
    if (!may_join(text, n, i)) /* a lone token: its compound is itself */
      push_span(out, text, t.off, i, 0);
    else
      compound(text, n, t.off, &i, out);
  }
}

void seg_spans_free(seg_spans *s) {
  free(s->v);
  free(s->fold);
  memset(s, 0, sizeof *s);
}

int seg_fold_case(const char *s, size_t n, char *ex) {
  const unsigned char *u = (const unsigned char *)s, *end = u + n;
  char *o = ex;
  while (u < end) {
    unsigned c = *u;
    if (c < 0x80) { /* A-Z lowered, the rest as it is */
      *o++ = (char)(c + (c - 'A' < 26u ? 32u : 0u));
      u++;
      continue;
    }
    int32_t cp, f, t;
    int k = text_decode((const char *)u, (size_t)(end - u), &cp);
    if (!text_fold_pair(cp, &f, &t)) return -1;
    if (f == cp && cp >= 0x80 && k == (cp < 0x800 ? 2 : 3)) {
      /* its own fold: its bytes are the fold's UTF-8 (the one encoding of
      ** cp that long) */
      o[0] = (char)u[0], o[1] = (char)u[1];
      if (k == 3) o[2] = (char)u[2];
      o += k, u += k;
      continue;
    }
    u += k;
    if (f < 0x80) {
      *o++ = (char)f;
    } else if (f < 0x800) {
      o[0] = (char)(0xC0 | (f >> 6)), o[1] = (char)(0x80 | (f & 0x3F));
      o += 2;
    } else {
      o += text_utf8_encode(f, o);
    }
  }
  return (int)(o - ex);
}

/* The case fold of text[s..e) as seg_tokens_spans hands it on: the
** scan's fold (fold_span, when it can fold it), else emit's. */
static int emit_piece(const char *text, size_t s, size_t e, seg_tok_fn cb,
                      void *ctx) {
  size_t n = e - s;
  if (n > 0 && n <= SEG_FOLD_MAX) {
    char ex[4 * SEG_FOLD_MAX];
    int nex = seg_fold_case(text + s, n, ex);
    if (nex > 0 && nex <= SEG_FOLD_MAX) return cb(ctx, ex, nex, s, e);
  }
  return emit(text, s, e, cb, ctx);
}

int seg_tokens_pieces(const char *text, const seg_piece *p, size_t np,
                      seg_tok_fn cb, void *ctx) {
  int rc = 0;
  for (size_t k = 0; k < np && rc == 0; k++)
    rc = emit_piece(text, p[k].start, p[k].end, cb, ctx);
  return rc;
}

int seg_tokens_spans(const char *text, const seg_spans *sp, seg_tok_fn cb,
                     void *ctx) {
  int rc = 0;
  for (size_t k = 0; k < sp->n && rc == 0; k++) {
    const seg_span *v = &sp->v[k];
    if (v->nex > 0) /* folded by the scan: text_fold's own result */
      rc = cb(ctx, sp->fold + v->fex, v->nex, v->start, v->end);
    else
      rc = emit(text, v->start, v->end, cb, ctx);
  }
  return rc;
}

/*
** seg_tokens' spans: one set per thread, kept from call to call (the
** extractors call it for many short texts: a malloc and a free each time
** cost more than the scan). A call from inside a callback of another
** (seg_key in a word callback) uses a set of its own. The thread's set is
** freed when the thread ends.
*/
static _Thread_local int spans_busy;

static void spans_drop(void *p) {
  seg_spans_free(p);
  free(p);
}

/* The calling thread's spans (made on first use). */
static util_tls spans_tls = UTIL_TLS_INIT(sizeof(seg_spans), spans_drop);

int seg_tokens(const char *text, size_t n, seg_tok_fn cb, void *ctx) {
  seg_spans own = {0}, *sp = spans_busy ? &own : util_tls_get(&spans_tls);
  int outer = !spans_busy;
  spans_busy = 1;
  seg_spans_scan(text, n, sp);
  int rc = seg_tokens_spans(text, sp, cb, ctx);
  if (outer) spans_busy = 0;
  if (sp == &own || sp->cap > (1u << 16) || sp->capfold > (1u << 20))
    seg_spans_free(sp); /* a big text's buffers are not kept */
  return rc;
}
