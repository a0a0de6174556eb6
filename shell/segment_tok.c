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

#include "segment_int.h"
#include "text.h"
#include "text_tok.h"
#include "util.h"

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

static void push_span(seg_spans *o, size_t s, size_t e, int parts) {
  if (o->n == o->cap) {
    o->cap = o->cap ? o->cap * 2 : 256;
    o->v = xrealloc(o->v, o->cap * sizeof *o->v);
  }
  o->v[o->n++] = (seg_span){s, e, parts};
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
    push_span(o, i, c.end, c.nrun > 1 && c.split ? SEG_SPAN_PARTS : 0);
    return;
  }
  for (int k = 0; k < c.nrun && k < TEXT_COMPOUND_MAX; k++)
    push_span(o, c.rs[k], c.re[k], 0);
}

void seg_spans_scan(const char *text, size_t n, seg_spans *out) {
  out->n = 0;
  size_t i = 0;
  text_tok t;
  while (text_tok_next(text, n, &i, &t)) {
    if (t.kind == TEXT_TOK_PUNCT) continue; /* a stray mark too */
    compound(text, n, t.off, &i, out);
  }
}

void seg_spans_free(seg_spans *s) {
  free(s->v);
  s->v = NULL, s->n = s->cap = 0;
}

int seg_tokens_spans(const char *text, const seg_spans *sp, seg_tok_fn cb,
                     void *ctx) {
  int rc = 0;
  for (size_t k = 0; k < sp->n && rc == 0; k++)
    rc = emit(text, sp->v[k].start, sp->v[k].end, cb, ctx);
  return rc;
}

int seg_tokens(const char *text, size_t n, seg_tok_fn cb, void *ctx) {
  seg_spans sp = {0};
  seg_spans_scan(text, n, &sp);
  int rc = seg_tokens_spans(text, &sp, cb, ctx);
  seg_spans_free(&sp);
  return rc;
}
