/*
** lua_tokv.c — the token list the statistics build (tokv, lua_store_int.h):
** tokens with their start offsets, an empty token where a sentence or
** clause breaks between two, and the fts_tokenize callback that fills it.
** Below lua_tokens.c and lua_wordlex.c, which both fill it.
*/
#include <stdlib.h>

#include "fts.h"
#include "lua_store_int.h"
#include "text.h"

void ls_tokv_free(void *p) {
  tokv *t = p;
  buf_free(&t->b);
  free(t->off);
  free(t);
}

static void tokv_add(tokv *t, const char *tok, int n, int start) {
  if (t->n == t->cap) {
    t->cap = t->cap ? t->cap * 2 : 256;
    t->off = xrealloc(t->off, (size_t)t->cap * sizeof *t->off);
  }
  t->off[t->n++] = start;
  buf_add(&t->b, tok, (size_t)n);
  buf_addc(&t->b, '\0');
}

/* Add token tok[0..ntok) spanning [start, end), after a break if any. */
void ls_tok_add(tokv *t, const char *tok, int ntok, int start, int end) {
  if (t->breaks && t->n > 0 &&
      text_clause_break(t->text, (size_t)t->last_end, (size_t)start))
    tokv_add(t, "", 0, t->last_end);
  tokv_add(t, tok, ntok, start);
  t->last_end = end;
}

int ls_tok_collect(void *ctx, int tflags, const char *tok, int ntok, int start,
                   int end) {
  if (tflags & FTS_COLOCATED) return 0;
  ls_tok_add(ctx, tok, ntok, start, end);
  return 0;
}
