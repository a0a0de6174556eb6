/*
** store_ingest_folder.c — the per-folder chrome contexts of --reparse
** (store_ingest_folder.h): the stored texts of each folder's text
** documents are counted as the walk counts the folder's files (at most
** PARSE_FOLDER_SAMPLE of them, chosen in the same sample order), so the
** contexts match those of the ingest that stored them.
*/
#include "store_ingest_folder.h"

#include <stdlib.h>
#include <string.h>

#include "parse_folder.h"
#include "util.h"

/* The stored text documents of one folder: paths and ids. */
typedef struct folder_docs {
  VEC(char *) paths;
  VEC(int64_t) ids;
} folder_docs;

struct ing_folders {
  char **dirs; /* directory part of the paths, with its '/' */
  parse_ctx **ctx;
  folder_docs *docs; /* while building */
  size_t n, cap;
};

/* The entry of folder dir[0..n) (added when missing). */
static size_t folder_of(ing_folders *f, const char *dir, size_t n) {
  for (size_t i = f->n; i-- > 0;)
    if (strlen(f->dirs[i]) == n && !memcmp(f->dirs[i], dir, n)) return i;
  if (f->n == f->cap) {
    f->cap = f->cap ? 2 * f->cap : 16;
    f->dirs = xrealloc(f->dirs, f->cap * sizeof *f->dirs);
    f->ctx = xrealloc(f->ctx, f->cap * sizeof *f->ctx);
    f->docs = xrealloc(f->docs, f->cap * sizeof *f->docs);
  }
  f->dirs[f->n] = xmalloc(n + 1);
  memcpy(f->dirs[f->n], dir, n);
  f->dirs[f->n][n] = 0;
  f->ctx[f->n] = parse_ctx_new(PARSE_FOLDER_MIN_FILES);
  parse_ctx_set_share(f->ctx[f->n], PARSE_FOLDER_MIN_SHARE);
  memset(&f->docs[f->n], 0, sizeof f->docs[f->n]);
  return f->n++;
}

/* Length of the directory part of path (0: none). */
static size_t dir_part(const char *path) {
  const char *s = strrchr(path, '/');
  return s ? (size_t)(s - path + 1) : 0;
}

/* Count the stored text of document id into c (raw: the prepared
** SELECT of a raw text by id). */
static void add_raw(parse_ctx *c, sqlite3_stmt *raw, int64_t id) {
  sqlite3_bind_int64(raw, 1, id);
  if (sqlite3_step(raw) == SQLITE_ROW)
    parse_ctx_add(c, sqlite3_column_blob(raw, 0),
                  (size_t)sqlite3_column_bytes(raw, 0));
  sqlite3_reset(raw);
}

/* Count the sample of folder i's documents into its context, as
** parse_folder_ctx samples the folder's files; free its list. */
static void count_folder(ing_folders *f, size_t i, sqlite3_stmt *raw) {
  folder_docs *d = &f->docs[i];
  size_t n = d->paths.n, *order = xmalloc((n ? n : 1) * sizeof *order);
  parse_folder_order((const char *const *)d->paths.items, n, order);
  for (size_t k = 0; k < n && k < PARSE_FOLDER_SAMPLE; k++)
    add_raw(f->ctx[i], raw, d->ids.items[order[k]]);
  free(order);
  for (size_t k = 0; k < n; k++) free(d->paths.items[k]);
  free(d->paths.items), free(d->ids.items);
}

/* Gather the stored text documents of each folder (st: path, id). */
static void gather(ing_folders *f, sqlite3_stmt *st) {
  while (sqlite3_step(st) == SQLITE_ROW) {
    const char *p = (const char *)sqlite3_column_text(st, 0);
    size_t dn = p ? dir_part(p) : 0;
    if (!dn) continue;
    size_t i = folder_of(f, p, dn); /* may move f->docs */
    folder_docs *d = &f->docs[i];
    VEC_PUSH(d->paths, xstrdup(p));
    VEC_PUSH(d->ids, sqlite3_column_int64(st, 1));
  }
}

ing_folders *ing_folders_build(sqlite3 *db) {
  sqlite3_stmt *st, *raw;
  if (sqlite3_prepare_v2(db,
                         "SELECT d.path, d.id FROM documents d JOIN "
                         "documents_raw r ON r.id = d.id WHERE d.format <> "
                         "'json' ORDER BY d.path",
                         -1, &st, NULL) != SQLITE_OK)
    return NULL;
  if (sqlite3_prepare_v2(db, "SELECT raw FROM documents_raw WHERE id = ?", -1,
                         &raw, NULL) != SQLITE_OK) {
    sqlite3_finalize(st);
    return NULL;
  }
  ing_folders *f = xcalloc(1, sizeof *f);
  gather(f, st);
  for (size_t i = 0; i < f->n; i++) count_folder(f, i, raw);
  free(f->docs);
  f->docs = NULL;
  sqlite3_finalize(st);
  sqlite3_finalize(raw);
  return f;
}

parse_ctx *ing_folders_ctx(ing_folders *f, const char *path) {
  size_t dn = f && path ? dir_part(path) : 0;
  if (!dn) return NULL;
  for (size_t i = f->n; i-- > 0;)
    if (strlen(f->dirs[i]) == dn && !memcmp(f->dirs[i], path, dn))
      return parse_ctx_files(f->ctx[i]) >= PARSE_FOLDER_MIN_FILES
                 ? parse_ctx_ref(f->ctx[i])
                 : NULL;
  return NULL;
}

void ing_folders_free(ing_folders *f) {
  if (!f) return;
  for (size_t i = 0; i < f->n; i++) free(f->dirs[i]), parse_ctx_free(f->ctx[i]);
  free(f->dirs);
  free(f->ctx);
  free(f);
}
