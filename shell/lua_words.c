/*
** lua_words.c — the Lua binding of the word segmenter:
**   words(text) -> { {word = "Chính phủ", from = 1, to = 10, n = 2,
**                     kind = "word"}, ... }
** from/to are 1-based inclusive byte positions (as string.sub takes),
** kind is one of word, unknown, name, place, proper, number, user.
** words(text, lexicon) segments with a lexicon of tinsh.store.lexicon
** (a user overlay) instead of the default one.
** Installed as tinsh.core's `words` (lua_core.c).
*/
#include <lauxlib.h>
#include <lua.h>

#include "segment.h"

const struct seg_lex *ls_opt_lex(lua_State *L, int arg); /* lua_wordlex.c */

static const char *const kinds[] = {"word",   "unknown", "name", "place",
                                    "proper", "number",  "user"};

typedef struct span {
  size_t from, to;
  int n, kind;
} span;

typedef struct spans {
  span *v;    /* NULL on the counting pass */
  size_t n;   /* words seen */
  size_t cap; /* room in v: the words the counting pass saw */
} spans;

/* seg_words callback: count the word, or store it; a filling pass that
** finds more words than the counting pass stops (returns 1) rather than
** write past v (red team 11: the passes disagreed once). */
static int collect(void *ctx, size_t from, size_t to, int nsyl, int kind) {
  spans *s = ctx;
  if (s->v) {
    if (s->n == s->cap) return 1;
    s->v[s->n] = (span){from, to, nsyl, kind};
  }
  s->n++;
  return 0;
}

/* Push the word table of one span. */
static void push_word(lua_State *L, const char *text, const span *w) {
  lua_createtable(L, 0, 5);
  lua_pushlstring(L, text + w->from, w->to - w->from);
  lua_setfield(L, -2, "word");
  lua_pushinteger(L, (lua_Integer)w->from + 1);
  lua_setfield(L, -2, "from");
  lua_pushinteger(L, (lua_Integer)w->to);
  lua_setfield(L, -2, "to");
  lua_pushinteger(L, w->n);
  lua_setfield(L, -2, "n");
  lua_pushstring(L, kinds[w->kind]);
  lua_setfield(L, -2, "kind");
}

/*
** words(text): two passes (count, then fill a userdata the GC owns), so
** that no Lua error can strike while the segmenter holds C memory. The
** passes must agree (the segmenter is a function of the text and the
** lexicon); one that finds more words raises an error.
*/
int lua_words(lua_State *L) {
  size_t n;
  const char *text = luaL_checklstring(L, 1, &n);
  const seg_lex *lex =
      lua_toboolean(L, 2) ? ls_opt_lex(L, 2) : seg_lex_default();
  if (!lex) return luaL_error(L, "words: the lexicon could not be loaded");
  spans s = {NULL, 0, 0};
  seg_words(lex, text, n, collect, &s);
  s.v = lua_newuserdatauv(L, (s.n ? s.n : 1) * sizeof *s.v, 0);
  s.cap = s.n, s.n = 0;
  if (seg_words(lex, text, n, collect, &s) > 0)
    return luaL_error(L, "words: the segmenter's two passes disagree");
  lua_createtable(L, (int)s.n, 0);
  for (size_t i = 0; i < s.n; i++) {
    push_word(L, text, &s.v[i]);
    lua_rawseti(L, -2, (lua_Integer)i + 1);
  }
  return 1;
}
