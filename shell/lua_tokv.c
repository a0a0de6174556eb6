/*
** lua_tokv.c — the token list the statistics build (tokv, lua_store_int.h):
** tokens with their start offsets, an empty token where a sentence or
** clause breaks between two, and the fts_tokenize callback that fills it.
** Below lua_tokens.c and lua_wordlex.c, which both fill it.
*/
#include <stdlib.h>

#include "fts.h"
#include "lua_store_int.h"

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

/* is there a sentence/clause break between two tokens? */
static int has_break(const char *s, int from, int to) {
  for (int i = from; i < to; i++) {
    unsigned char c = (unsigned char)s[i];
    if (c == '.' || c == '!' || c == '?' || c == ';' || c == ':' || c == '\n' ||
        c == '(' || c == ')' || c == ',' || c == '"')
      return 1;
    if (c == 0xE2 && i + 2 < to && (unsigned char)s[i + 1] == 0x80) {
      unsigned char c3 = (unsigned char)s[i + 2];
      if (c3 == 0x9C || c3 == 0x9D || c3 == 0xA6 || c3 == 0x93 || c3 == 0x94)
        return 1; /* “ ” … – — */
    }
  }
  return 0;
}

/* Add token tok[0..ntok) spanning [start, end), after a break if any. */
void ls_tok_add(tokv *t, const char *tok, int ntok, int start, int end) {
  if (t->breaks && t->n > 0 && has_break(t->text, t->last_end, start))
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
