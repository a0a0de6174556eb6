/*
** lua_store_int.h — internals shared by the files of the Lua module
** `tinsh.store` (not a public interface). The module is assembled in
** lua_store.c from one file per job:
**   lua_store_base.c  boxes, argument checks, small push helpers
**   lua_store.c       the database handle and the module's registration
**   lua_sql.c         statements: db:rows/all/exec, corpus:sql's authorizer
**   lua_search.c      db:search, db:search_count, plain_query
**   lua_doc.c         db:load (documents as tables), fact_schema()
**   lua_tokv.c        the token list (tokv) the statistics fill
**   lua_wordlex.c     words as tokens (the segmenter), lexicon objects
**   lua_tokens.c      tokens, counts and phrase matching (KWIC)
**   lua_sign.c        MinHash signatures of many documents on worker threads
**   lua_lsh.c         MinHash signatures, LSH candidates, db:duplicates
**   lua_terms.c       db:terms (n-gram term counts)
**   lua_query.c       query, query_check (the pattern language)
**   lua_kwic.c        db:kwic and the concordance's line store
** Every file calls down into lua_store_base.c only; lua_store.c calls
** the others to build the module.
**
** Ownership: every C resource reachable from Lua is owned by a userdata
** whose __gc and __close are one function, safe to call twice. C memory
** that must live across a call that may raise (pushing into a table) is
** first put in a `box` userdata, so an error frees it.
*/
#ifndef TINSH_LUA_STORE_INT_H
#define TINSH_LUA_STORE_INT_H

#include <lauxlib.h>
#include <lua.h>
#include <sqlite3.h>
#include <stddef.h>
#include <stdint.h>

#include "store.h"
#include "util.h"

#define DB_MT   "tinsh.store.db"
#define STMT_MT "tinsh.store.stmt"
#define BOX_MT  "tinsh.store.box"

typedef struct box {
  void *p;              /* the resource, NULL once released */
  void (*free)(void *); /* how to release it */
} box;

typedef struct ldb {
  store *s;      /* NULL once closed */
  int writable;  /* opened read-write */
  int sandboxed; /* opened inside --sandbox: the authorizer stays on */
  int closed;    /* closed inside --sandbox: s is freed by __gc only */
} ldb;

/* ---- lua_store_base.c ---- */
/* luaL_newmetatable, the new table locked: getmetatable gives "locked",
** so no script reaches its __gc (a finalizer run by hand would free a
** resource a C function of the object is still using) nor changes it.
** 1 when new (to be filled), 0 when it existed; left on the stack. */
int ls_new_mt(lua_State *L, const char *name);
int ls_box_gc(lua_State *L);
/* Push an empty box (closed state) and return it; fill p/free after. */
box *ls_box_push(lua_State *L);
/* Release the box's resource now (the box stays on the stack). */
void ls_box_release(box *b);
/* Push p[0..n) as a Lua string (n == (size_t)-1: up to its NUL), prefixed
** by pre when not NULL, and release p (release(p); p may be NULL: nothing
** is freed and dflt is pushed), also when the push raises at the memory
** limit: the error goes on after p is released, so no string leaks. */
void ls_push_owned(lua_State *L, const char *pre, char *p, size_t n,
                   void (*release)(void *), const char *dflt);
/* The integer argument at arg (opt when absent) in lo..hi, else a bad
** argument error naming what. */
lua_Integer ls_arg_range(lua_State *L, int arg, lua_Integer opt, lua_Integer lo,
                         lua_Integer hi, const char *what);
/* The string argument at arg, no longer than INT_MAX bytes. */
const char *ls_arg_text(lua_State *L, int arg, size_t *n);
/* The open database handle at index i (an error when closed). */
ldb *ls_check_db(lua_State *L, int i);
/* Options of the table at argument t: an integer in lo..hi, a boolean, a
** string (left on the stack); dflt when absent. */
int ls_opt_int(lua_State *L, int t, const char *k, int dflt, int lo, int hi);
int ls_opt_bool(lua_State *L, int t, const char *k, int dflt);
const char *ls_opt_str(lua_State *L, int t, const char *k);
/* The options argument t: none, nil or a table whose keys are all in
** known (NULL-terminated), else a bad argument error (a typo is refused).
** The table is replaced by a raw copy of it, which only this call sees:
** reading the options runs no code of the script's, and the values C
** code holds (a lexicon) stay referenced from argument t until the call
** returns, whatever the script's finalizers do to its own table. */
void ls_opts_known(lua_State *L, int t, const char *const known[]);
/* The path argument at arg: a string without NUL bytes (the C library
** would cut it at the NUL and open another file). */
const char *ls_arg_path(lua_State *L, int arg);
/* Set field k of the table on top: a string (nothing when NULL), a
** number (an integer when it has an integer value). */
void ls_set_str(lua_State *L, const char *k, const char *v);
void ls_set_num(lua_State *L, const char *k, double v);
/* Push a C string list as a Lua list. */
void ls_push_strings(lua_State *L, char **items, size_t n);
/* A 64-bit finalizer (MurmurHash3's fmix64): spreads the bits of x. */
uint64_t ls_mix64(uint64_t x);

/* ---- lua_tokv.c: the token collector, an fts_tokenize callback ---- */
typedef struct tokv {
  buf b;    /* tokens, each followed by NUL */
  int *off; /* start offsets (n entries) */
  int n, cap;
  int last_end; /* end of the previous token */
  const char *text;
  int breaks; /* record sentence breaks as empty tokens */
} tokv;
void ls_tokv_free(void *p); /* frees t and what it holds */
int ls_tok_collect(void *ctx, int tflags, const char *tok, int ntok, int start,
                   int end);
/* Add one token spanning [start, end) (and a break before it if any). */
void ls_tok_add(tokv *t, const char *tok, int ntok, int start, int end);
/* Tokenize t->text[0..n): syllables when lex is NULL, else words. */
struct seg_lex;
void ls_tokenize(tokv *t, const struct seg_lex *lex, size_t n);
/* ---- lua_wordlex.c: words as tokens, the lexicon object ---- */
void ls_tok_words(tokv *t, const struct seg_lex *lex, size_t n);
/* The lexicon of a `words` argument: NULL (nil/false), default (true),
** or a lexicon userdata's. */
const struct seg_lex *ls_opt_lex(lua_State *L, int arg);
/* Is the value at idx a lexicon userdata? */
int ls_is_lex(lua_State *L, int idx);
int ls_s_lexicon(lua_State *L);

/* ---- lua_sign.c: MinHash signatures of many documents on threads ---- */
/* One document's result, given on the thread that called sign_*: sig is
** its k 16-bit slots, NULL when the document has no shingle. */
typedef void (*sign_done_fn)(void *ctx, int64_t id, const char *hash,
                             size_t nhash, const uint16_t *sig);
typedef struct signer signer;
/* Start the workers (one per core, at most 8). */
signer *sign_start(const struct seg_lex *lex, int k, sign_done_fn cb,
                   void *ctx);
/* Start document id (its hash kept for the callback), then add its
** texts; results of earlier documents may be given meanwhile. */
void sign_doc(signer *s, int64_t id, const char *hash, size_t nhash);
void sign_text(signer *s, const char *text, size_t n);
/* Wait for every document's result. */
void sign_finish(signer *s);
/* Stop the workers (documents not yet signed are dropped) and free s. */
void sign_free(signer *s);

/* ---- the jobs, registered by lua_store.c ---- */
int ls_stmt_gc(lua_State *L); /* lua_sql.c */
int ls_sql_authorizer(void *ud, int op, const char *a, const char *b,
                      const char *c, const char *d);
int ls_db_rows(lua_State *L);
int ls_db_all(lua_State *L);
int ls_db_exec(lua_State *L);
/* Bind the values of the table (or the values) at idx to st's parameters. */
void ls_bind_params(lua_State *L, sqlite3_stmt *st, int idx);
int ls_db_sql(lua_State *L);
int ls_db_search(lua_State *L); /* lua_search.c */
int ls_db_search_count(lua_State *L);
int ls_s_plain_query(lua_State *L);
int ls_db_load(lua_State *L); /* lua_doc.c */
int ls_s_fact_schema(lua_State *L);
int ls_s_tokens(lua_State *L); /* lua_tokens.c */
int ls_s_count(lua_State *L);
int ls_s_find(lua_State *L);
int ls_db_kwic(lua_State *L); /* lua_kwic.c */
/* db:kwic and S.kwic_lines into the module table on top */
void ls_kwic_open(lua_State *L);
int ls_s_minhash(lua_State *L); /* lua_lsh.c */
int ls_s_similarity(lua_State *L);
int ls_s_lsh(lua_State *L);
int ls_db_duplicates(lua_State *L);
int ls_db_terms(lua_State *L); /* lua_terms.c */
int ls_s_query(lua_State *L);  /* lua_query.c */
int ls_s_query_check(lua_State *L);

#endif
