/*
** store_ingest_folder.c — the per-folder chrome contexts of --reparse
** (store_ingest_folder.h): the stored texts of each folder's text
** documents are counted as the walk counts the folder's files, so the
** contexts match those of the ingest that stored them.
*/
#include "store_ingest_folder.h"

#include <stdlib.h>
#include <string.h>

#include "parse_folder.h"
#include "util.h"

struct ing_folders {
  char **dirs; /* directory part of the paths, with its '/' */
  parse_ctx **ctx;
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
  }
  f->dirs[f->n] = xmalloc(n + 1);
  memcpy(f->dirs[f->n], dir, n);
  f->dirs[f->n][n] = 0;
  f->ctx[f->n] = parse_ctx_new(PARSE_FOLDER_MIN_FILES);
  parse_ctx_set_share(f->ctx[f->n], PARSE_FOLDER_MIN_SHARE);
  return f->n++;
}

/* Length of the directory part of path (0: none). */
static size_t dir_part(const char *path) {
  const char *s = strrchr(path, '/');
  return s ? (size_t)(s - path + 1) : 0;
}

ing_folders *ing_folders_build(sqlite3 *db) {
  sqlite3_stmt *st;
  if (sqlite3_prepare_v2(db,
                         "SELECT d.path, r.raw FROM documents d JOIN "
                         "documents_raw r ON r.id = d.id WHERE d.format <> "
                         "'json' ORDER BY d.path",
                         -1, &st, NULL) != SQLITE_OK)
    return NULL;
  ing_folders *f = xcalloc(1, sizeof *f);
  while (sqlite3_step(st) == SQLITE_ROW) {
    const char *p = (const char *)sqlite3_column_text(st, 0);
    size_t dn = p ? dir_part(p) : 0;
    if (!dn) continue;
    size_t i = folder_of(f, p, dn);
    parse_ctx_add(f->ctx[i], sqlite3_column_blob(st, 1),
                  (size_t)sqlite3_column_bytes(st, 1));
  }
  sqlite3_finalize(st);
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
