/*
** lua_tokens.c — the hot text loops of the statistics: tokens with
** offsets (by syllables, or by words through lua_wordlex.c), token
** counts, phrase matching for KWIC.
*/
#include <limits.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "doc.h"
#include "fts.h"
#include "interrupt.h"
#include "lua_host.h"
#include "lua_store_int.h"
#include "segment.h"

/* Tokenize t->text[0..n) by syllables (lex NULL) or by words of lex. */
void ls_tokenize(tokv *t, const seg_lex *lex, size_t n) {
  if (lex)
    ls_tok_words(t, lex, n);
  else
    fts_tokenize(t->text, (int)n, FTS_QUERY, ls_tok_collect, t);
}

/*
** S.tokens(text [, breaks [, words]]) -> list of syllable tokens (NFC,
** case folded, diacritics kept; numbers and document numbers whole), the
** same tokens a search query uses. With breaks, an empty string marks
** punctuation between two tokens (sentence and clause boundaries). With
** words (true or a lexicon, see ls_opt_lex) the tokens are words: a
** multi-syllable word is one token, its syllables joined by one space.
*/
int ls_s_tokens(lua_State *L) {
  size_t n;
  const char *text = ls_arg_text(L, 1, &n);
  int breaks = lua_toboolean(L, 2);
  const seg_lex *lex = ls_opt_lex(L, 3);
  box *b = ls_box_push(L);
  tokv *t = xcalloc(1, sizeof *t);
  b->p = t, b->free = ls_tokv_free;
  t->text = text;
  t->breaks = breaks;
  ls_tokenize(t, lex, n);
  lua_createtable(L, t->n, 0);
  const char *p = t->b.data;
  for (int i = 0; i < t->n; i++) {
    size_t len = strlen(p);
    lua_pushlstring(L, p, len);
    lua_rawseti(L, -2, i + 1);
    p += len + 1;
  }
  ls_box_release(b);
  return 1;
}

/*
** S.count(text, counts [, breaks [, words]]) -> number of tokens; adds 1
** to counts[token] for each token of text (a frequency list in one
** call); breaks is ignored; words as for S.tokens.
*/
int ls_s_count(lua_State *L) {
  size_t n;
  const char *text = ls_arg_text(L, 1, &n);
  luaL_checktype(L, 2, LUA_TTABLE);
  const seg_lex *lex = ls_opt_lex(L, 4);
  box *b = ls_box_push(L);
  tokv *t = xcalloc(1, sizeof *t);
  b->p = t, b->free = ls_tokv_free;
  t->text = text;
  ls_tokenize(t, lex, n);
  const char *p = t->b.data;
  for (int i = 0; i < t->n; i++) {
    size_t len = strlen(p);
    lua_pushlstring(L, p, len);
    lua_pushvalue(L, -1);
    lua_Integer c = lua_rawget(L, 2) == LUA_TNUMBER ? lua_tointeger(L, -1) : 0;
    lua_pop(L, 1);
    lua_pushinteger(L, c < LUA_MAXINTEGER ? c + 1 : c); /* saturating */
    lua_rawset(L, 2);
    p += len + 1;
  }
  lua_pushinteger(L, t->n);
  ls_box_release(b);
  return 1;
}

/* ---- phrase matching ---- */

#define MAXQ 32

typedef struct matcher {
  char *q[MAXQ]; /* query tokens (folded exact forms) */
  int qn[MAXQ];
  int nq;
  int prefix; /* last query token is a prefix */
  /* ring of the last nq positions: start, end, bitmask of matching tokens */
  int rs[MAXQ], re[MAXQ];
  uint32_t rm[MAXQ];
  long pos;  /* current position index */
  int *hits; /* pairs start, end */
  int nhits, cap;
  int max; /* stop after this many (0 = all) */
} matcher;

static void matcher_free(void *p) {
  matcher *m = p;
  for (int i = 0; i < m->nq; i++) free(m->q[i]);
  free(m->hits);
  free(m);
}

static int qtok(void *ctx, int tflags, const char *tok, int ntok, int s,
                int e) {
  (void)tflags, (void)s, (void)e;
  matcher *m = ctx;
  if (m->nq >= MAXQ) return 0;
  m->q[m->nq] = xstrndup(tok, (size_t)ntok);
  m->qn[m->nq++] = ntok;
  return 0;
}

static uint32_t match_bits(const matcher *m, const char *tok, int ntok) {
  uint32_t bits = 0;
  for (int j = 0; j < m->nq; j++) {
    int last = j == m->nq - 1 && m->prefix;
    if (last ? (ntok >= m->qn[j] && memcmp(tok, m->q[j], m->qn[j]) == 0)
             : (ntok == m->qn[j] && memcmp(tok, m->q[j], ntok) == 0))
      bits |= 1u << j;
  }
  return bits;
}

/* check whether the phrase ends at the current position */
static void check_phrase(matcher *m) {
  if (m->pos + 1 < m->nq) return;
  for (int j = 0; j < m->nq; j++) {
    long p = m->pos - (m->nq - 1) + j;
    if (!(m->rm[p % MAXQ] & (1u << j))) return;
  }
  if (m->nhits == m->cap) {
    m->cap = m->cap ? m->cap * 2 : 16;
    m->hits = xrealloc(m->hits, (size_t)m->cap * 2 * sizeof *m->hits);
  }
  m->hits[2 * m->nhits] = m->rs[(m->pos - (m->nq - 1)) % MAXQ];
  m->hits[2 * m->nhits + 1] = m->re[m->pos % MAXQ];
  m->nhits++;
}

static int dtok(void *ctx, int tflags, const char *tok, int ntok, int s,
                int e) {
  matcher *m = ctx;
  if (!(tflags & FTS_COLOCATED)) {
    if (m->pos >= 0) check_phrase(m);
    if (m->max && m->nhits >= m->max) return 1;
    m->pos++;
    m->rs[m->pos % MAXQ] = s;
    m->re[m->pos % MAXQ] = e;
    m->rm[m->pos % MAXQ] = 0;
  }
  m->rm[m->pos % MAXQ] |= match_bits(m, tok, ntok);
  return 0;
}

/*
** S.find(text, phrase [, max]) -> list {s1, e1, s2, e2, ...}: the
** occurrences of the phrase in text, as 1-based inclusive byte ranges
** (text:sub(s, e)). Matching follows search: a query word without
** diacritics matches with or without them, one with diacritics matches
** exactly; a trailing * makes the last word a prefix; quotes are ignored.
*/
int ls_s_find(lua_State *L) {
  size_t n, qlen;
  const char *text = ls_arg_text(L, 1, &n);
  const char *q = ls_arg_text(L, 2, &qlen);
  int max = (int)ls_arg_range(L, 3, 0, 0, INT_MAX / 2, "max");
  box *b = ls_box_push(L);
  matcher *m = xcalloc(1, sizeof *m);
  b->p = m, b->free = matcher_free;
  m->max = max;
  m->pos = -1;
  size_t ql = qlen;
  while (ql > 0 && (q[ql - 1] == ' ' || q[ql - 1] == '"')) ql--;
  if (ql > 0 && q[ql - 1] == '*') m->prefix = 1;
  fts_tokenize(q, (int)qlen, FTS_QUERY, qtok, m);
  if (m->nq > 0) {
    fts_tokenize(text, (int)n, FTS_AUX, dtok, m);
    if (m->pos >= 0 && !(m->max && m->nhits >= m->max)) check_phrase(m);
  }
  lua_createtable(L, m->nhits < INT_MAX / 2 ? 2 * m->nhits : 0, 0);
  for (int i = 0; i < m->nhits; i++) { /* spans widened before the + 1 */
    lua_pushinteger(L, (lua_Integer)m->hits[2 * i] + 1);
    lua_rawseti(L, -2, 2 * (lua_Integer)i + 1);
    lua_pushinteger(L, (lua_Integer)m->hits[2 * i + 1]);
    lua_rawseti(L, -2, 2 * (lua_Integer)i + 2);
  }
  ls_box_release(b);
  return 1;
}
