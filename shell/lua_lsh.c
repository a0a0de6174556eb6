/*
** lua_lsh.c — MinHash signatures over word shingles, similarity, and
*near-duplicate
** candidates by LSH.
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

/* ---- MinHash (one-permutation hashing over word shingles) ---- */

#define MH_MAX  256
#define SHINGLE 3

typedef struct mh {
  uint32_t slot[MH_MAX];
  int k;
  uint64_t ring[SHINGLE];
  long ntok;
} mh;

static int mh_tok(void *ctx, int tflags, const char *tok, int ntok, int s,
                  int e) {
  (void)s, (void)e;
  mh *h = ctx;
  if (tflags & FTS_COLOCATED) return 0;
  h->ring[h->ntok % SHINGLE] = util_hash64(tok, (size_t)ntok);
  h->ntok++;
  if (h->ntok < SHINGLE) return 0;
  uint64_t x = 0;
  for (long i = h->ntok - SHINGLE; i < h->ntok; i++)
    x = ls_mix64(x ^ h->ring[i % SHINGLE]);
  int b = (int)(x % (uint64_t)h->k);
  uint32_t v = (uint32_t)(x >> 32);
  if (v < h->slot[b]) h->slot[b] = v;
  return 0;
}

/*
** S.minhash(text [, k]) -> signature (a binary string of k 32-bit slots,
** k = 64 by default, at most 256) of the text's 3-syllable shingles, by
** one-permutation hashing with rotation densification; empty slots of a
** very short text are 0xffffffff. Texts with < 3 tokens get all-empty.
*/
int ls_s_minhash(lua_State *L) {
  size_t n;
  const char *text = ls_arg_text(L, 1, &n);
  int k = (int)ls_arg_range(L, 2, 64, 1, MH_MAX, "k");
  mh h;
  memset(&h, 0, sizeof h);
  h.k = k;
  for (int i = 0; i < k; i++) h.slot[i] = UINT32_MAX;
  fts_tokenize(text, (int)n, FTS_QUERY, mh_tok, &h);
  /* densify: an empty slot borrows the next filled one */
  int any = 0;
  for (int i = 0; i < k; i++) any |= h.slot[i] != UINT32_MAX;
  if (any) {
    uint32_t out[MH_MAX];
    for (int i = 0; i < k; i++) {
      int j = i, step = 0;
      while (h.slot[j] == UINT32_MAX) j = (j + 1) % k, step++;
      out[i] = h.slot[j] + (uint32_t)step * 0x9e3779b9u;
    }
    memcpy(h.slot, out, sizeof(uint32_t) * (size_t)k);
  }
  lua_pushlstring(L, (const char *)h.slot, sizeof(uint32_t) * (size_t)k);
  return 1;
}

/* The estimated Jaccard similarity (0..1) of two signatures of `bytes`
** bytes; slots empty in both do not count. */
static double sig_sim(const char *a, const char *b, size_t bytes) {
  int k = (int)(bytes / 4), same = 0, empty = 0;
  for (int i = 0; i < k; i++) {
    uint32_t x, y;
    memcpy(&x, a + 4 * i, 4);
    memcpy(&y, b + 4 * i, 4);
    if (x == UINT32_MAX && y == UINT32_MAX)
      empty++;
    else if (x == y)
      same++;
  }
  return k == empty ? 0.0 : (double)same / (k - empty);
}

/* S.similarity(sig_a, sig_b) -> estimated Jaccard similarity (0..1) */
int ls_s_similarity(lua_State *L) {
  size_t na, nb;
  const char *a = luaL_checklstring(L, 1, &na);
  const char *b = luaL_checklstring(L, 2, &nb);
  luaL_argcheck(L, na == nb && na % 4 == 0 && na > 0, 2,
                "signatures of the same size expected");
  lua_pushnumber(L, sig_sim(a, b, na));
  return 1;
}

/* ---- near-duplicate candidates (LSH over MinHash signatures) ---- */

typedef struct lsh {
  const char **sig; /* borrowed from Lua strings (anchored on the stack) */
  lua_Integer *id;
  size_t n;
  uint64_t *key; /* band hash << 0, index in idx */
  uint32_t *idx;
  uint64_t *seen; /* open-addressing set of pair keys (0 = empty) */
  size_t seencap, nseen;
  lua_Integer *out; /* triples a, b, permille */
  size_t nout, capout;
} lsh;

static void lsh_free(void *p) {
  lsh *h = p;
  free(h->sig), free(h->id), free(h->key), free(h->idx), free(h->seen);
  free(h->out);
  free(h);
}

static int lsh_seen(lsh *h, uint64_t k) {
  if ((h->nseen + 1) * 2 >= h->seencap) {
    size_t ncap = h->seencap ? h->seencap * 2 : 1024;
    uint64_t *ns = xcalloc(ncap, sizeof *ns);
    for (size_t i = 0; i < h->seencap; i++) {
      if (!h->seen[i]) continue;
      size_t j = (size_t)ls_mix64(h->seen[i]) & (ncap - 1);
      while (ns[j]) j = (j + 1) & (ncap - 1);
      ns[j] = h->seen[i];
    }
    free(h->seen);
    h->seen = ns, h->seencap = ncap;
  }
  size_t j = (size_t)ls_mix64(k) & (h->seencap - 1);
  while (h->seen[j]) {
    if (h->seen[j] == k) return 1;
    j = (j + 1) & (h->seencap - 1);
  }
  h->seen[j] = k;
  h->nseen++;
  return 0;
}

static int cmp_u64pair(const void *a, const void *b) {
  uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
  return x < y ? -1 : x > y;
}

/*
** S.lsh(ids, sigs, bands, threshold) -> flat list {a, b, sim, ...}: the
** pairs of documents whose signatures agree on at least one band (LSH)
** and whose estimated similarity is >= threshold (a < b, each pair once).
** Signatures must all have the same size, a multiple of 4 * bands bytes;
** all-empty ones are skipped. ids and sigs are read raw (no metamethod
** runs), so every signature pointer kept is a string stored in sigs,
** which the stack anchors for the whole call.
*/
int ls_s_lsh(lua_State *L) {
  luaL_checktype(L, 1, LUA_TTABLE);
  luaL_checktype(L, 2, LUA_TTABLE);
  int bands = (int)ls_arg_range(L, 3, 0, 1, MH_MAX, "bands");
  double thr = luaL_checknumber(L, 4);
  luaL_argcheck(L, thr >= 0.0 && thr <= 1.0, 4, "threshold must be 0..1");
  lua_settop(L, 4);
  size_t n = (size_t)lua_rawlen(L, 1);
  luaL_argcheck(L, n == lua_rawlen(L, 2), 2, "as many signatures as ids");
  luaL_argcheck(L, n <= 0xFFFFF, 1, "more than 1048575 signatures");
  box *b = ls_box_push(L); /* 5 */
  lsh *h = xcalloc(1, sizeof *h);
  b->p = h, b->free = lsh_free;
  h->sig = xcalloc(n + 1, sizeof *h->sig);
  h->id = xcalloc(n + 1, sizeof *h->id);
  size_t bytes = 0;
  for (size_t i = 0; i < n; i++) {
    lua_rawgeti(L, 1, (lua_Integer)i + 1);
    lua_rawgeti(L, 2, (lua_Integer)i + 1);
    size_t len = 0;
    if (!lua_isinteger(L, -2))
      return luaL_argerror(
          L, 1,
          lua_pushfstring(L, "integer id expected at %I", (lua_Integer)i + 1));
    if (lua_type(L, -1) != LUA_TSTRING) /* no number-to-string conversion */
      return luaL_argerror(L, 2,
                           lua_pushfstring(L, "signature string expected at %I",
                                           (lua_Integer)i + 1));
    const char *sg = lua_tolstring(L, -1, &len);
    if (i == 0) bytes = len;
    if (len != bytes || len == 0 || len % (4 * (size_t)bands) != 0)
      return luaL_argerror(
          L, 2, "signatures of one size, a multiple of 4 * bands bytes");
    h->id[h->n] = lua_tointeger(L, -2);
    h->sig[h->n] = sg; /* anchored: the string stays in the table at 2 */
    int empty = 1;
    for (size_t k = 0; k < len && empty; k++)
      empty = (unsigned char)sg[k] == 0xFF;
    if (!empty) h->n++;
    lua_pop(L, 2);
  }
  size_t rb = bytes / (size_t)bands;
  h->key = xmalloc((h->n + 1) * sizeof *h->key);
  for (int band = 0; band < bands; band++) {
    for (size_t i = 0; i < h->n; i++) /* hash of the band, index in low bits */
      h->key[i] = (util_hash64(h->sig[i] + band * rb, rb) << 20 >> 20) |
                  ((uint64_t)i << 44);
    for (size_t i = 0; i < h->n; i++) /* sort by band hash: swap halves */
      h->key[i] = (h->key[i] << 20) | (h->key[i] >> 44);
    qsort(h->key, h->n, sizeof *h->key, cmp_u64pair);
    size_t i = 0;
    while (i < h->n) {
      size_t j = i + 1;
      while (j < h->n && (h->key[j] >> 20) == (h->key[i] >> 20)) j++;
      if (j - i > 1 && j - i <= 5000) {
        for (size_t x = i; x < j; x++)
          for (size_t y = x + 1; y < j; y++) {
            size_t p = (size_t)(h->key[x] & 0xFFFFF),
                   q = (size_t)(h->key[y] & 0xFFFFF);
            if (memcmp(h->sig[p] + band * rb, h->sig[q] + band * rb, rb))
              continue;
            lua_Integer a = h->id[p], c = h->id[q];
            if (a > c) {
              lua_Integer t = a;
              a = c;
              c = t;
            }
            uint64_t pk = ((uint64_t)a << 32) ^ (uint64_t)c;
            if (pk == 0) pk = UINT64_MAX; /* 0 marks an empty slot */
            if (lsh_seen(h, pk)) continue;
            double sim = sig_sim(h->sig[p], h->sig[q], bytes);
            if (sim < thr) continue;
            if (h->nout + 3 > h->capout) {
              h->capout = h->capout ? h->capout * 2 : 96;
              h->out = xrealloc(h->out, h->capout * sizeof *h->out);
            }
            h->out[h->nout++] = a;
            h->out[h->nout++] = c;
            h->out[h->nout++] = (lua_Integer)(sim * 1000 + 0.5);
          }
      }
      i = j;
    }
  }
  lua_createtable(L, (int)h->nout, 0);
  for (size_t i = 0; i < h->nout; i += 3) {
    lua_pushinteger(L, h->out[i]);
    lua_rawseti(L, -2, (lua_Integer)i + 1);
    lua_pushinteger(L, h->out[i + 1]);
    lua_rawseti(L, -2, (lua_Integer)i + 2);
    lua_pushnumber(L, (double)h->out[i + 2] / 1000.0);
    lua_rawseti(L, -2, (lua_Integer)i + 3);
  }
  ls_box_release(b);
  return 1;
}
