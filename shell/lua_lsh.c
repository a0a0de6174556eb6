/*
** lua_lsh.c — MinHash signatures (S.minhash, S.similarity), LSH candidate
** pairs (S.lsh), and db:duplicates: near-duplicate clusters of a whole
** corpus, its signatures kept in the database (computed for new or
** changed documents only) and clustered in C (minhash.c).
*/
#include <limits.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lua_store_int.h"
#include "minhash.h"
#include "segment.h"

/* ---- MinHash signatures (minhash.c) of syllables or words ---- */

/*
** Feed the tokens of text[0..n) to h: syllables when lex is NULL, else
** the words of lex (a multi-syllable word one token), the tokens the
** statistics count. tv is scratch, reused from call to call.
*/
static void sig_text(tokv *tv, const seg_lex *lex, mh_sig *h, const char *text,
                     size_t n) {
  buf_reset(&tv->b);
  tv->n = 0, tv->last_end = 0, tv->text = text, tv->breaks = 0;
  ls_tokenize(tv, lex, n);
  const char *p = tv->b.data;
  for (int i = 0; i < tv->n; i++) {
    size_t len = strlen(p);
    mh_token(h, p, len);
    p += len + 1;
  }
}

/*
** S.minhash(text [, k [, words]]) -> signature (a binary string of k
** 32-bit slots, k = 64 by default, at most 256) of the text's shingles of
** three tokens, by one-permutation hashing with rotation densification.
** Tokens are syllables, or words with words (true or a lexicon, see
** ls_opt_lex). A text with fewer than three tokens gives all slots empty
** (0xffffffff).
*/
int ls_s_minhash(lua_State *L) {
  size_t n;
  const char *text = ls_arg_text(L, 1, &n);
  int k = (int)ls_arg_range(L, 2, 64, 1, MH_MAX, "k");
  const seg_lex *lex = ls_opt_lex(L, 3);
  box *b = ls_box_push(L);
  tokv *tv = xcalloc(1, sizeof *tv);
  b->p = tv, b->free = ls_tokv_free;
  mh_sig h;
  mh_init(&h, k);
  sig_text(tv, lex, &h, text, n);
  mh_finish(&h);
  lua_pushlstring(L, (const char *)h.slot, sizeof(uint32_t) * (size_t)k);
  ls_box_release(b);
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
  uint64_t *key;  /* band hash (high 44 bits) | index (low 20 bits) */
  uint64_t *seen; /* open-addressing set of pair keys (0 = empty) */
  size_t seencap, nseen;
  lua_Integer *out; /* triples a, b, permille */
  size_t nout, capout;
} lsh;

static void lsh_free(void *p) {
  lsh *h = p;
  free(h->sig), free(h->id), free(h->key), free(h->seen);
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

/* Read ids (table at 1) and sigs (table at 2) raw into h, skipping
** all-empty signatures; returns the signature size in bytes. */
static size_t lsh_read(lua_State *L, lsh *h, size_t n, int bands) {
  size_t bytes = 0;
  for (size_t i = 0; i < n; i++) {
    lua_rawgeti(L, 1, (lua_Integer)i + 1);
    lua_rawgeti(L, 2, (lua_Integer)i + 1);
    size_t len = 0;
    if (!lua_isinteger(L, -2))
      luaL_argerror(
          L, 1,
          lua_pushfstring(L, "integer id expected at %I", (lua_Integer)i + 1));
    if (lua_type(L, -1) != LUA_TSTRING) /* no number-to-string conversion */
      luaL_argerror(L, 2,
                    lua_pushfstring(L, "signature string expected at %I",
                                    (lua_Integer)i + 1));
    const char *sg = lua_tolstring(L, -1, &len);
    if (i == 0) bytes = len;
    if (len != bytes || len == 0 || len % (4 * (size_t)bands) != 0)
      luaL_argerror(L, 2,
                    "signatures of one size, a multiple of 4 * bands bytes");
    h->id[h->n] = lua_tointeger(L, -2);
    h->sig[h->n] = sg; /* anchored: the string stays in the table at 2 */
    int empty = 1;
    for (size_t k = 0; k < len && empty; k++)
      empty = (unsigned char)sg[k] == 0xFF;
    if (!empty) h->n++;
    lua_pop(L, 2);
  }
  return bytes;
}

/* Signatures p and q agree on the band at off (rb bytes): record the
** pair once when its similarity reaches thr. */
static void lsh_pair(lsh *h, size_t p, size_t q, size_t off, size_t rb,
                     size_t bytes, double thr) {
  if (memcmp(h->sig[p] + off, h->sig[q] + off, rb)) return;
  lua_Integer a = h->id[p], c = h->id[q];
  if (a > c) {
    lua_Integer t = a;
    a = c, c = t;
  }
  uint64_t pk = ((uint64_t)a << 32) ^ (uint64_t)c;
  if (pk == 0) pk = UINT64_MAX; /* 0 marks an empty slot */
  if (lsh_seen(h, pk)) return;
  double sim = sig_sim(h->sig[p], h->sig[q], bytes);
  if (sim < thr) return;
  if (h->nout + 3 > h->capout) {
    h->capout = h->capout ? h->capout * 2 : 96;
    h->out = xrealloc(h->out, h->capout * sizeof *h->out);
  }
  h->out[h->nout++] = a;
  h->out[h->nout++] = c;
  h->out[h->nout++] = (lua_Integer)(sim * 1000 + 0.5);
}

/* One band at off (rb bytes): sort by the band's hash (high 44 bits, the
** index in the low 20) and pair up each group of equal hashes. */
static void lsh_band(lsh *h, size_t off, size_t rb, size_t bytes, double thr) {
  for (size_t i = 0; i < h->n; i++)
    h->key[i] = (util_hash64(h->sig[i] + off, rb) & ~(uint64_t)0xFFFFF) | i;
  qsort(h->key, h->n, sizeof *h->key, cmp_u64pair);
  size_t i = 0;
  while (i < h->n) {
    size_t j = i + 1;
    while (j < h->n && (h->key[j] >> 20) == (h->key[i] >> 20)) j++;
    if (j - i > 1 && j - i <= MH_GROUP)
      for (size_t x = i; x < j; x++)
        for (size_t y = x + 1; y < j; y++)
          lsh_pair(h, (size_t)(h->key[x] & 0xFFFFF),
                   (size_t)(h->key[y] & 0xFFFFF), off, rb, bytes, thr);
    i = j;
  }
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
  size_t bytes = lsh_read(L, h, n, bands);
  size_t rb = bytes / (size_t)bands;
  h->key = xmalloc((h->n + 1) * sizeof *h->key);
  for (int band = 0; band < bands; band++)
    lsh_band(h, (size_t)band * rb, rb, bytes, thr);
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

/* ---- db:duplicates: signatures kept in the database, clusters in C ---- */

typedef struct dups {
  mh_set set;     /* the signatures, 16-bit slots */
  mh_clusters cl; /* the answer */
  sqlite3_stmt *stale, *text, *kept, *save, *info;
  buf doc;       /* the text of document docid (spans mode) */
  int64_t docid; /* whose text doc holds, 0 = none */
  signer *sg;    /* the worker threads while signing */
  sqlite3 *w;    /* where save runs */
  buf err;       /* the first save error */
  sqlite3 *rdb;  /* the read handle while this call holds a read
                    transaction on it (one snapshot, no lock per query) */
  long computed; /* signatures computed in this call */
} dups;

static void dups_free(void *p) {
  dups *d = p;
  mh_set_free(&d->set);
  mh_clusters_free(&d->cl);
  sqlite3_finalize(d->stale), sqlite3_finalize(d->text);
  sqlite3_finalize(d->kept), sqlite3_finalize(d->save);
  sqlite3_finalize(d->info);
  sign_free(d->sg);
  if (d->rdb) sqlite3_exec(d->rdb, "ROLLBACK", NULL, NULL, NULL);
  buf_free(&d->doc), buf_free(&d->err);
  free(d);
}

/* The statement of the SQL in field name of the table at spec, prepared
** on db; NULL when the field is absent. */
static sqlite3_stmt *dups_prep(lua_State *L, sqlite3 *db, int spec,
                               const char *name) {
  sqlite3_stmt *st = NULL;
  lua_getfield(L, spec, name);
  if (lua_isnil(L, -1)) return lua_pop(L, 1), NULL;
  if (lua_type(L, -1) != LUA_TSTRING)
    luaL_error(L, "duplicates: %s: SQL text expected", name);
  if (sqlite3_prepare_v2(db, lua_tostring(L, -1), -1, &st, NULL) != SQLITE_OK)
    luaL_error(L, "duplicates: %s: %s", name, sqlite3_errmsg(db));
  lua_pop(L, 1);
  return st;
}

/*
** The span [off, off + len) of document doc's text, read once per
** document with d->text (block_rows keep a NULL text when a block is
** exactly that span). NULL for a damaged span.
*/
static const char *dups_span(dups *d, int64_t doc, int64_t off, int64_t len) {
  if (d->docid != doc && d->text) {
    buf_reset(&d->doc);
    d->docid = doc;
    sqlite3_bind_int64(d->text, 1, doc);
    if (sqlite3_step(d->text) == SQLITE_ROW) {
      const char *x = (const char *)sqlite3_column_text(d->text, 0);
      if (x) buf_add(&d->doc, x, (size_t)sqlite3_column_bytes(d->text, 0));
    }
    sqlite3_reset(d->text);
  }
  if (d->docid != doc || !util_span_ok(off, len, d->doc.len) || len > INT_MAX)
    return NULL;
  return d->doc.data ? d->doc.data + off : "";
}

/* One document's signature (sig NULL: no shingle), on this thread: keep
** it and save it with its hash (an empty blob when it has none). The
** first save error is kept in d->err. */
static void dups_signed(void *ctx, int64_t doc, const char *hash, size_t nhash,
                        const uint16_t *sig) {
  dups *d = ctx;
  if (sig) mh_set_add(&d->set, doc, sig);
  d->computed++;
  if (!d->save || d->err.len) return;
  sqlite3_bind_int64(d->save, 1, doc);
  sqlite3_bind_text(d->save, 2, hash, (int)nhash, SQLITE_TRANSIENT);
  sqlite3_bind_blob(d->save, 3, sig ? (const void *)sig : "",
                    sig ? 2 * d->set.k : 0, SQLITE_TRANSIENT);
  if (sqlite3_step(d->save) != SQLITE_DONE)
    buf_printf(&d->err, "save: %s", sqlite3_errmsg(d->w));
  sqlite3_reset(d->save);
}

/* Step d->stale, handing each document and its blocks to the signer;
** 0, or the SQLite error code. */
static int dups_feed(dups *d) {
  int64_t cur = 0;
  int open = 0, rc;
  while ((rc = sqlite3_step(d->stale)) == SQLITE_ROW) {
    int64_t doc = sqlite3_column_int64(d->stale, 0);
    if (!open || doc != cur) {
      cur = doc, open = 1;
      sign_doc(d->sg, doc, (const char *)sqlite3_column_text(d->stale, 1),
               (size_t)sqlite3_column_bytes(d->stale, 1));
    }
    const char *text = (const char *)sqlite3_column_text(d->stale, 2);
    int64_t len = sqlite3_column_bytes(d->stale, 2);
    if (!text) {
      len = sqlite3_column_int64(d->stale, 4);
      text = dups_span(d, doc, sqlite3_column_int64(d->stale, 3), len);
    }
    if (text) sign_text(d->sg, text, (size_t)len);
  }
  return rc == SQLITE_DONE ? 0 : rc;
}

/*
** Sign the documents of d->stale: rows (doc, hash, text, off, len) of
** their content blocks in document order (a NULL text is the span of the
** document's text), on worker threads; the blocks of one document are
** one token stream. The threads are stopped before any error is raised.
*/
static void dups_sign(lua_State *L, dups *d, sqlite3 *db, const seg_lex *lex,
                      int k) {
  d->sg = sign_start(lex, k, dups_signed, d);
  int rc = dups_feed(d);
  if (rc == 0) sign_finish(d->sg);
  sign_free(d->sg);
  d->sg = NULL;
  if (rc != 0) luaL_error(L, "duplicates: %s", sqlite3_errmsg(db));
  if (d->err.len) luaL_error(L, "duplicates: %s", d->err.data);
}

/* Add the kept signatures of d->kept: rows (doc, sig) with sig k 16-bit
** slots; an empty or odd-sized one is skipped. */
static void dups_kept(lua_State *L, dups *d, sqlite3 *db, int k) {
  int rc;
  uint16_t s16[MH_MAX];
  while ((rc = sqlite3_step(d->kept)) == SQLITE_ROW) {
    if (sqlite3_column_bytes(d->kept, 1) != 2 * k) continue;
    memcpy(s16, sqlite3_column_blob(d->kept, 1), 2 * (size_t)k);
    mh_set_add(&d->set, sqlite3_column_int64(d->kept, 0), s16);
  }
  if (rc != SQLITE_DONE) luaL_error(L, "duplicates: %s", sqlite3_errmsg(db));
}

/* Field name of the row table on top: column col of d->info's row (a
** string, nothing when NULL). */
static void dups_info(lua_State *L, dups *d, int col, const char *name) {
  const char *v = (const char *)sqlite3_column_text(d->info, col);
  if (!v) return;
  lua_pushlstring(L, v, (size_t)sqlite3_column_bytes(d->info, col));
  lua_setfield(L, -2, name);
}

/* One answer row {cluster, rowid, similarity, date, title} for member i
** of cluster c whose first member is f. */
static void dups_row(lua_State *L, dups *d, size_t c, uint32_t i, uint32_t f) {
  lua_createtable(L, 0, 5);
  lua_pushinteger(L, (lua_Integer)c + 1);
  lua_setfield(L, -2, "cluster");
  lua_pushinteger(L, d->set.id[i]);
  lua_setfield(L, -2, "rowid");
  if (i == f)
    lua_pushinteger(L, 1);
  else
    lua_pushnumber(L, floor(mh_set_sim(&d->set, f, i) * 1000 + 0.5) / 1000);
  lua_setfield(L, -2, "similarity");
  sqlite3_bind_int64(d->info, 1, d->set.id[i]);
  if (sqlite3_step(d->info) == SQLITE_ROW) {
    dups_info(L, d, 1, "date");
    dups_info(L, d, 0, "title");
  }
  sqlite3_reset(d->info);
}

/* The answer: a list of rows, cluster after cluster. */
static void dups_push(lua_State *L, dups *d) {
  mh_clusters *cl = &d->cl;
  lua_createtable(L, (int)(cl->n ? cl->start[cl->n] : 0), 0);
  lua_Integer row = 0;
  for (size_t c = 0; c < cl->n; c++) {
    uint32_t f = cl->member[cl->start[c]];
    for (size_t j = cl->start[c]; j < cl->start[c + 1]; j++) {
      dups_row(L, d, c, cl->member[j], f);
      lua_rawseti(L, -2, ++row);
    }
  }
}

/*
** db:duplicates(spec) -> rows, computed: the near-duplicate clusters of
** the documents, rows {cluster, rowid, similarity, date, title} (cluster
** numbers from 1, largest first; members by row id, similarity to the
** first member rounded to 3 places), and how many signatures were
** computed. spec holds SQL texts run on db:
**   stale  rows (doc, hash, text, off, len) of the content blocks of the
**          documents to sign, in document order (NULL text: the span
**          [off, off + len) of the document's text)
**   text   the text of document ?1 (for those spans)
**   kept   rows (doc, sig) of the signatures kept and still valid
**   info   title, date of document ?1
**   save   (optional) run on spec.store, a writable handle, with ?1 doc,
**          ?2 hash, ?3 signature for every signature computed
** and words (see ls_opt_lex: syllables or words), k slots (64), bands
** (16), threshold (0..1). The caller holds the write transaction.
*/
int ls_db_duplicates(lua_State *L) {
  ldb *d0 = ls_check_db(L, 1);
  luaL_checktype(L, 2, LUA_TTABLE);
  lua_settop(L, 2);
  lua_getfield(L, 2, "words"); /* 3 */
  const seg_lex *lex = ls_opt_lex(L, 3);
  int k = ls_opt_int(L, 2, "k", 64, 1, MH_MAX);
  int bands = ls_opt_int(L, 2, "bands", 16, 1, MH_MAX);
  lua_getfield(L, 2, "threshold"); /* 4 */
  double thr = luaL_optnumber(L, 4, 0.8);
  luaL_argcheck(L, thr >= 0.0 && thr <= 1.0 && k % bands == 0, 2,
                "threshold in 0..1 and k a multiple of bands expected");
  lua_getfield(L, 2, "store"); /* 5 */
  ldb *w = lua_isnil(L, 5) ? NULL : ls_check_db(L, 5);
  sqlite3 *db = store_db(d0->s), *wdb = w ? store_db(w->s) : NULL;
  box *b = ls_box_push(L); /* 6 */
  dups *d = xcalloc(1, sizeof *d);
  b->p = d, b->free = dups_free;
  mh_set_init(&d->set, k);
  if (sqlite3_get_autocommit(db) &&
      sqlite3_exec(db, "BEGIN", NULL, NULL, NULL) == SQLITE_OK)
    d->rdb = db; /* ended (nothing was written) when the box is freed */
  d->stale = dups_prep(L, db, 2, "stale");
  d->text = dups_prep(L, db, 2, "text");
  d->kept = dups_prep(L, db, 2, "kept");
  d->info = dups_prep(L, db, 2, "info");
  if (wdb) d->save = dups_prep(L, wdb, 2, "save");
  if (!d->info) return luaL_argerror(L, 2, "info: SQL text expected");
  d->w = wdb;
  if (d->stale) dups_sign(L, d, db, lex, k);
  if (d->kept) dups_kept(L, d, db, k);
  if (mh_cluster(&d->set, bands, thr, &d->cl) != 0)
    return luaL_error(L, "duplicates: too many signatures");
  dups_push(L, d);
  lua_pushinteger(L, d->computed);
  ls_box_release(b);
  return 2;
}
