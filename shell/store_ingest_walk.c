/*
** store_ingest_walk.c — what an ingest visits: the sorted walk of files
** and folders (symlink cycles walked once, the database itself skipped),
** --reparse of every stored document, --prune of vanished files, and the
** FTS merge after a run that rewrote much of the index.
*/
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "fts.h"
#include "parse.h"
#include "parse_folder.h"
#include "store_facts.h"
#include "store_ingest_folder.h"
#include "store_ingest_int.h"

/* ---- the walk ---- */

static int walk_dir_entries(ingest *g, const char *dir);

/* Walk a directory in byte-sorted order, skipping dot entries. A folder
** already being walked (a symlink cycle) is skipped. */
static int walk_dir(ingest *g, const char *dir, const struct stat *sb) {
  for (size_t i = 0; i < g->stack.n; i++)
    if (g->stack.items[i].st_dev == sb->st_dev &&
        g->stack.items[i].st_ino == sb->st_ino)
      return 0;
  VEC_PUSH(g->stack, *sb);
  int rc = walk_dir_entries(g, dir);
  g->stack.n--;
  return rc;
}

/* The files a folder's chrome context is learned from: text files. */
static int keep_text(const char *path) {
  return ing_format_of(path) == FMT_TEXT;
}

static int walk_dir_entries(ingest *g, const char *dir) {
  struct {
    char **items;
    size_t n;
  } names;
  if (!(names.items = util_dir_names(dir, &names.n))) {
    if (!g->walking_totals) ing_note(g, dir, strerror(errno), 1);
    return 0;
  }
  int rc = 0;
  buf p;
  buf_init(&p);
  struct parse_folder *up = g->folder; /* hook: the folder context */
  g->folder = g->walking_totals
                  ? NULL
                  : parse_folder_open(dir, names.items, names.n,
                                      ing_max_size(g->o), keep_text);
  for (size_t i = 0; i < names.n; i++) {
    if (rc == 0) {
      buf_reset(&p);
      buf_adds(&p, dir);
      if (p.len == 0 || p.data[p.len - 1] != '/') buf_addc(&p, '/');
      buf_adds(&p, names.items[i]);
      struct stat sb;
      if (stat(p.data, &sb) != 0) {
        if (!g->walking_totals) ing_note(g, p.data, strerror(errno), 1);
      } else {
        rc = ing_visit(g, p.data, &sb);
      }
    }
    free(names.items[i]);
  }
  parse_folder_close(g->folder);
  g->folder = up;
  free(names.items);
  buf_free(&p);
  return rc;
}

/* The database's own files are never ingested. */
static int is_db_file(ingest *g, const char *path) {
  size_t n = strlen(g->dbreal);
  return g->dbreal[0] && strncmp(path, g->dbreal, n) == 0 &&
         (path[n] == 0 || path[n] == '-' || path[n] == '.');
}

int ing_visit(ingest *g, const char *path, const struct stat *sb) {
  if (S_ISDIR(sb->st_mode)) return walk_dir(g, path, sb);
  if (is_db_file(g, path)) return 0;
  int fmt = S_ISREG(sb->st_mode) ? ing_format_of(path) : FMT_NONE;
  if (g->walking_totals) {
    if (fmt != FMT_NONE) {
      g->st->files_total++;
      g->st->bytes_total += sb->st_size;
    }
    return 0;
  }
  if (ing_cancelled(g)) return -1;
  if (fmt == FMT_NONE) {
    ing_note(g, path,
             S_ISREG(sb->st_mode) ? "unsupported file type, skipped"
                                  : "not a regular file, skipped",
             0);
    return 0;
  }
  if (sb->st_size > ing_max_size(g->o)) {
    char why[96];
    ing_too_large(ing_max_size(g->o), why, sizeof why);
    ing_note(g, path, why, 0);
    return 0;
  }
  int64_t mt = (int64_t)sb->st_mtim.tv_sec * 1000000000 + sb->st_mtim.tv_nsec;
  /* unchanged files cost a stat and an index lookup */
  sqlite3_stmt *q = g->q_file;
  sqlite3_bind_text(q, 1, path, -1, SQLITE_STATIC);
  int unchanged = sqlite3_step(q) == SQLITE_ROW &&
                  sqlite3_column_int64(q, 0) == (int64_t)sb->st_size &&
                  sqlite3_column_int64(q, 1) == mt;
  sqlite3_reset(q);
  if (unchanged) {
    g->st->unchanged++;
    g->st->files_done++;
    g->st->bytes_done += sb->st_size;
    ing_progress(g, 0);
    return 0;
  }
  job j = {0};
  j.path = xstrdup(path);
  j.size = sb->st_size;
  j.mtime_ns = mt;
  j.format = fmt;
  j.max = ing_max_size(g->o);
  if (fmt == FMT_TEXT) j.ctx = parse_ctx_ref(parse_folder_ctx(g->folder));
  return ing_submit(g, &j);
}

/* ---- reparse ---- */

int ing_reparse_all(ingest *g) {
  VEC(int64_t) ids = {0};
  sqlite3_stmt *st;
  if (sqlite3_prepare_v2(g->s->db, "SELECT id FROM documents ORDER BY id", -1,
                         &st, NULL) != SQLITE_OK)
    return -1;
  while (sqlite3_step(st) == SQLITE_ROW)
    VEC_PUSH(ids, sqlite3_column_int64(st, 0));
  sqlite3_finalize(st);
  g->st->files_total += (int64_t)ids.n;
  sqlite3_prepare_v2(g->s->db,
                     "SELECT d.path, d.format, d.record, r.raw, d.size "
                     "FROM documents d JOIN documents_raw r ON r.id = d.id "
                     "WHERE d.id = ?1",
                     -1, &st, NULL);
  int rc = 0;
  ing_folders *fc = ing_folders_build(g->s->db); /* hook: folder contexts */
  for (size_t i = 0; i < ids.n && rc == 0; i++) {
    sqlite3_bind_int64(st, 1, ids.items[i]);
    if (sqlite3_step(st) == SQLITE_ROW) {
      job j = {0};
      j.path = xstrdup((const char *)sqlite3_column_text(st, 0));
      j.format = strcmp((const char *)sqlite3_column_text(st, 1), "json")
                     ? FMT_TEXT
                     : FMT_JSONL;
      j.record = sqlite3_column_int(st, 2);
      j.len = (size_t)sqlite3_column_bytes(st, 3);
      j.bytes = xmalloc(j.len + 1);
      memcpy(j.bytes, sqlite3_column_blob(st, 3), j.len);
      j.bytes[j.len] = 0;
      j.size = (int64_t)j.len;
      j.reparse = ids.items[i];
      if (j.format == FMT_TEXT) j.ctx = ing_folders_ctx(fc, j.path);
      sqlite3_reset(st);
      rc = ing_submit(g, &j);
    } else {
      sqlite3_reset(st);
    }
  }
  sqlite3_finalize(st);
  ing_folders_free(fc);
  free(ids.items);
  return rc;
}

/* ---- prune ---- */

int ing_prune(ingest *g) {
  VEC(char *) gone = {0};
  sqlite3_stmt *st;
  sqlite3_prepare_v2(g->s->db, "SELECT path FROM files ORDER BY path", -1, &st,
                     NULL);
  while (sqlite3_step(st) == SQLITE_ROW) {
    const char *p = (const char *)sqlite3_column_text(st, 0);
    if (access(p, F_OK) != 0) VEC_PUSH(gone, xstrdup(p));
  }
  sqlite3_finalize(st);
  int rc = 0;
  for (size_t i = 0; i < gone.n; i++) {
    if (rc == 0 && ing_batch_begin(g) == 0) {
      int n = ing_release_file(g, gone.items[i]);
      if (n < 0)
        rc = -1;
      else
        g->st->pruned += n;
    }
    free(gone.items[i]);
  }
  free(gone.items);
  return rc;
}

/*
** Replaced and removed documents stay in the FTS5 index as deleted
** entries until merges drop them, and every batch adds a segment: after a
** --reparse of the 35k corpus the index had 27 segments and searches ran
** 1.6x slower. A run that rewrote a tenth of the documents or more
** therefore merges the index into one segment ('optimize': 3.2 s on the
** 35k corpus, searches then as fast as on a fresh plain FTS5 table). One
** transaction: a kill leaves the index as it was.
*/
int ing_optimize_if_rewritten(ingest *g) {
  store_ingest_stats *t = g->st;
  int64_t rewritten = t->changed + t->reparsed + t->pruned;
  if (rewritten == 0 || rewritten * 10 < store_doc_count(g->s)) return 0;
  if (ing_exec(g, "BEGIN IMMEDIATE") != 0) return -1;
  if (ing_exec(g, "INSERT INTO fts(fts) VALUES('optimize')") != 0) {
    sqlite3_exec(g->s->db, "ROLLBACK", NULL, NULL, NULL);
    return -1;
  }
  if (ing_exec(g, "COMMIT") != 0) return -1;
  t->optimized = 1;
  return 0;
}
