/*
** segment_tok.c — the one place the segmenter reads syllables: the text
** layer's tokenizer (text_tok_next, text_compound_at) and its case fold.
** A token is a syllable, or a number or document number written as one
** compound ("57,7", "5.000", "20-NQ/TU"); a compound without a digit is
** its syllables one by one; punctuation is skipped. These are the tokens
** the FTS5 tokenizer (fts.c) emits for a query, read without it, so the
** segmenter sits below fts.c and the FTS tokenizer may call it.
*/
#include <stdlib.h>

#include "segment_int.h"
#include "text.h"
#include "text_tok.h"

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

/* The compound at text[i]: whole when it holds a digit, else token by
** token. Its end through *end. */
static int compound(const char *text, size_t n, size_t i, size_t *end,
                    seg_tok_fn cb, void *ctx) {
  text_compound c;
  text_compound_at(text, n, i, &c);
  *end = c.end;
  if (c.nrun == 1 || (c.digits && c.nrun <= TEXT_COMPOUND_MAX))
    return emit(text, i, c.end, cb, ctx);
  int rc = 0;
  for (int k = 0; k < c.nrun && k < TEXT_COMPOUND_MAX && rc == 0; k++)
    rc = emit(text, c.rs[k], c.re[k], cb, ctx);
  return rc;
}

int seg_tokens(const char *text, size_t n, seg_tok_fn cb, void *ctx) {
  size_t i = 0;
  text_tok t;
  int rc = 0;
  while (rc == 0 && text_tok_next(text, n, &i, &t)) {
    if (t.kind == TEXT_TOK_PUNCT) continue; /* a stray mark too */
    rc = compound(text, n, t.off, &i, cb, ctx);
  }
  return rc;
}
