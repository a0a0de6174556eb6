/*
** lua_wordlex.c — words as the unit of the statistics: a word tokenizer
** filling the same token list (tokv) the syllable tokenizer fills, and
** the Lua lexicon object (a user overlay on the default lexicon).
**   S.lexicon(add, remove) -> a lexicon userdata (words added / removed)
** The functions that count or list tokens (S.tokens, S.count, db:terms)
** take a `words` argument read by ls_opt_lex: nil or false for
** syllables, true for the default lexicon, a lexicon userdata for it.
*/
#include <lauxlib.h>
#include <lua.h>
#include <string.h>

#include "doc.h"
#include "fts.h"
#include "lua_store_int.h"
#include "segment.h"

#define LEX_MT "tinsh.lexicon"

typedef struct wtctx {
  tokv *t;
  size_t base; /* offset of the span being tokenized by syllables */
} wtctx;

/* fts_tokenize callback for a span that falls back to syllables. */
static int wt_syl(void *ctx, int tflags, const char *tok, int ntok, int s,
                  int e) {
  wtctx *w = ctx;
  return ls_tok_collect(w->t, tflags, tok, ntok, s + (int)w->base,
                        e + (int)w->base);
}

/*
** One word of seg_words: its key (folded syllables joined by a space) as
** one token; a figure, or a word with no key, gives the tokens the
** syllable tokenizer gives (numbers stay as the number filter knows them).
*/
static int wt_word(void *ctx, size_t from, size_t to, int nsyl, int kind) {
  wtctx *w = ctx;
  tokv *t = w->t;
  char key[256];
  size_t k = kind == SEG_NUMBER || nsyl < 2
                 ? 0
                 : seg_key(t->text + from, to - from, key, sizeof key);
  if (k == 0) {
    w->base = from;
    fts_tokenize(t->text + from, (int)(to - from), FTS_QUERY, wt_syl, w);
    return 0;
  }
  ls_tok_add(t, key, (int)k, (int)from, (int)to);
  return 0;
}

/*
** Fill t (text and breaks already set) with the word tokens of text[0..n)
** under lex. Single syllables come out exactly as the syllable tokenizer
** gives them; multi-syllable words as their lexicon key, "phát triển".
*/
void ls_tok_words(tokv *t, const seg_lex *lex, size_t n) {
  wtctx w = {t, 0};
  seg_words(lex, t->text, n, wt_word, &w);
}

typedef struct lexbox {
  seg_lex *lex;
} lexbox;

static int lex_gc(lua_State *L) {
  lexbox *b = luaL_checkudata(L, 1, LEX_MT);
  seg_lex_free(b->lex);
  b->lex = NULL;
  return 0;
}

/*
** The lexicon a `words` argument names: NULL for nil/false (syllables),
** the default lexicon for true, the overlay of a lexicon userdata.
*/
const seg_lex *ls_opt_lex(lua_State *L, int arg) {
  if (lua_isnoneornil(L, arg)) return NULL;
  if (lua_isboolean(L, arg)) {
    if (!lua_toboolean(L, arg)) return NULL;
    const seg_lex *d = seg_lex_default();
    if (!d) luaL_error(L, "words: the lexicon could not be loaded");
    return d;
  }
  lexbox *b = luaL_checkudata(L, arg, LEX_MT);
  if (!b->lex) luaL_argerror(L, arg, "lexicon freed");
  return b->lex;
}

int ls_is_lex(lua_State *L, int idx) {
  return luaL_testudata(L, idx, LEX_MT) != NULL;
}

/* Apply the strings of the list at idx (nil: none) to lex. */
static void lex_apply(lua_State *L, int idx, seg_lex *lex, int add) {
  if (lua_isnoneornil(L, idx)) return;
  luaL_checktype(L, idx, LUA_TTABLE);
  lua_Integer n = luaL_len(L, idx);
  for (lua_Integer i = 1; i <= n; i++) {
    size_t len;
    lua_geti(L, idx, i);
    const char *w = lua_tolstring(L, -1, &len);
    if (w) (void)(add ? seg_lex_add(lex, w, len) : seg_lex_remove(lex, w, len));
    lua_pop(L, 1);
  }
}

/*
** S.lexicon([add [, remove]]) -> a lexicon: the default lexicon with the
** words of list add taught and those of list remove never proposed
** (words that cannot be entries, e.g. over four syllables, are skipped).
*/
int ls_s_lexicon(lua_State *L) {
  lua_settop(L, 2);
  if (!lua_isnil(L, 1)) luaL_checktype(L, 1, LUA_TTABLE);
  if (!lua_isnil(L, 2)) luaL_checktype(L, 2, LUA_TTABLE);
  const seg_lex *base = seg_lex_default();
  if (!base) return luaL_error(L, "lexicon: the lexicon could not be loaded");
  lexbox *b = lua_newuserdatauv(L, sizeof *b, 0);
  b->lex = NULL;
  if (ls_new_mt(L, LEX_MT)) {
    lua_pushcfunction(L, lex_gc);
    lua_setfield(L, -2, "__gc");
  }
  lua_setmetatable(L, -2);
  b->lex = seg_lex_overlay(base);
  if (!b->lex) return luaL_error(L, "lexicon: out of memory");
  lex_apply(L, 1, b->lex, 1);
  lex_apply(L, 2, b->lex, 0);
  return 1;
}
