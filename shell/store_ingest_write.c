/*
** store_ingest_write.c — the writer side of the ingest: the prepared
** statements, and for one finished job the decision (new / changed /
** unchanged / moved / duplicate) and its SQL, FTS rows deferred for
** replaced documents.
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
#include "store_facts.h"
#include "store_ingest_int.h"

/* ---- writer side: SQL ---- */

static int prep(ingest *g, sqlite3_stmt **st, const char *sql) {
  if (sqlite3_prepare_v3(g->s->db, sql, -1, SQLITE_PREPARE_PERSISTENT, st,
                         NULL) == SQLITE_OK)
    return 0;
  *g->err = store_msg("%s", sqlite3_errmsg(g->s->db));
  return -1;
}

int ing_prepare_all(ingest *g) {
  return prep(g, &g->q_file,
              "SELECT size, mtime_ns, hash, dup_of FROM files WHERE path=?1") ||
         prep(g, &g->q_file_by_hash,
              "SELECT path FROM files WHERE hash = ?1 AND path <> ?2 AND "
              "dup_of IS NULL ORDER BY path LIMIT 1") ||
         prep(g, &g->q_doc_by_hash,
              "SELECT id FROM documents WHERE hash = ?1 LIMIT 1") ||
         prep(g, &g->ins_doc,
              "INSERT INTO documents(id, doc_id, path, file, record, hash, "
              "title, published, author, site, lead, url, size, text, raw, "
              "format, parser_version, ingested_at, raw_prefix, raw_suffix) "
              "VALUES(?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13,?14,?15,?16,"
              "?17,?18,?19,?20)") ||
         prep(g, &g->ins_block,
              "INSERT INTO block_rows(doc,seq,kind,off,len,text) "
              "VALUES(?1,?2,?3,?4,?5,?6)") ||
         prep(g, &g->ins_fts,
              "INSERT INTO fts(rowid, title, lead, body, captions, answers) "
              "VALUES(?1,?2,?3,?4,?5,?6)") ||
         prep(g, &g->ins_file,
              "INSERT OR REPLACE INTO files(path, size, mtime_ns, hash, "
              "dup_of, format, run) VALUES(?1,?2,?3,?4,?5,?6,?7)") ||
         prep(g, &g->upd_file_stat,
              "UPDATE files SET size=?2, mtime_ns=?3 WHERE path=?1") ||
         prep(g, &g->q_fts_old,
              "SELECT title, lead, body, captions, answers FROM fts_content "
              "WHERE id = ?1") ||
         prep(g, &g->del_fts,
              "INSERT INTO fts(fts, rowid, title, lead, body, captions, "
              "answers) VALUES('delete', ?1, ?2, ?3, ?4, ?5, ?6)") ||
         prep(g, &g->q_fts_has, "SELECT 1 FROM fts_docsize WHERE id = ?1") ||
         prep(g, &g->ins_tokmap,
              "INSERT OR REPLACE INTO doc_tokmap(doc, map) VALUES(?1, ?2)") ||
         prep(g, &g->ins_docwords, WSTATS_DOC_PUT_SQL) ||
         prep(g, &g->ins_err, "INSERT INTO ingest_errors VALUES(?1,?2,?3)") ||
         store_facts_prepare(g->s->db, g->ins_fact, g->err);
}

void ing_finalize_all(ingest *g) {
  sqlite3_stmt **all[] = {&g->q_file,     &g->q_file_by_hash, &g->q_doc_by_hash,
                          &g->ins_doc,    &g->ins_block,      &g->ins_fts,
                          &g->ins_file,   &g->upd_file_stat,  &g->ins_err,
                          &g->q_fts_old,  &g->del_fts,        &g->q_fts_has,
                          &g->ins_tokmap, &g->ins_docwords};
  for (size_t i = 0; i < sizeof all / sizeof *all; i++) {
    sqlite3_finalize(*all[i]);
    *all[i] = NULL;
  }
  for (size_t k = 0; k < FK__COUNT; k++) {
    sqlite3_finalize(g->ins_fact[k]);
    g->ins_fact[k] = NULL;
  }
}

char *ing_fail_msg(const ingest *g) {
  return g->o->cancel && *g->o->cancel
             ? store_msg("interrupted")
             : store_msg("%s", sqlite3_errmsg(g->s->db));
}

void ing_sql_failed(ingest *g) {
  if (!g->failed) *g->err = ing_fail_msg(g);
  g->failed = 1;
}

/* Step a write statement and reset it; records the error once (read
** before the reset, which may leave "not an error" behind). */
int ing_step(ingest *g, sqlite3_stmt *st) {
  int rc = sqlite3_step(st);
  if (rc != SQLITE_DONE && rc != SQLITE_ROW) ing_sql_failed(g);
  sqlite3_reset(st);
  sqlite3_clear_bindings(st);
  return rc == SQLITE_DONE || rc == SQLITE_ROW ? 0 : -1;
}

int ing_exec(ingest *g, const char *sql) {
  if (g->failed) return -1;
  if (store_exec(g->s, sql, g->err) == 0) return 0;
  g->failed = 1;
  return -1;
}

static void bstr(sqlite3_stmt *st, int i, const char *s) {
  if (s)
    sqlite3_bind_text(st, i, s, -1, SQLITE_STATIC);
  else
    sqlite3_bind_null(st, i);
}

/* Run a parameterised statement on one int64 (helper for deletes). */
static int exec_id(ingest *g, const char *sql, int64_t id) {
  sqlite3_stmt *st;
  if (sqlite3_prepare_v2(g->s->db, sql, -1, &st, NULL) != SQLITE_OK) {
    ing_sql_failed(g);
    return -1;
  }
  sqlite3_bind_int64(st, 1, id);
  int rc = ing_step(g, st);
  sqlite3_finalize(st);
  return rc;
}

/* Is document id in the index? (Not after the index was emptied for a
** new lexicon, until it is indexed again.) */
static int fts_indexed(ingest *g, int64_t id) {
  sqlite3_bind_int64(g->q_fts_has, 1, id);
  int r = sqlite3_step(g->q_fts_has);
  sqlite3_reset(g->q_fts_has);
  return r != SQLITE_DONE; /* an error: let the 'delete' report it */
}

/*
** FTS5's 'delete' of document id, with the old column values read through
** the fts_content view first. A one-row INSERT ... VALUES: an INSERT ...
** SELECT opens a statement savepoint, and FTS5 flushes its in-memory
** index into a new segment at every savepoint (one per deleted document).
*/
static int fts_delete(ingest *g, int64_t id) {
  sqlite3_stmt *q = g->q_fts_old, *d = g->del_fts;
  if (!fts_indexed(g, id)) return 0;
  sqlite3_bind_int64(q, 1, id);
  int r = sqlite3_step(q), rc = 0;
  if (r == SQLITE_ROW) {
    sqlite3_bind_int64(d, 1, id);
    for (int c = 0; c < 5; c++) /* copies: q is reset below */
      sqlite3_bind_value(d, c + 2, sqlite3_column_value(q, c));
    rc = ing_step(g, d);
  } else if (r != SQLITE_DONE) { /* SQLITE_DONE: nothing indexed */
    ing_sql_failed(g);
    rc = -1;
  }
  sqlite3_reset(q);
  return rc;
}

/* Remove a document and everything derived from it (FTS first: its
** 'delete' reads the old column values through the fts_content view). */
static int delete_doc(ingest *g, int64_t id) {
  /* FTS5's 'delete' must see the row in the index: write it if pending */
  for (size_t i = 0; i < g->later.n; i++)
    if (g->later.items[i].id == id) {
      if (ing_flush_fts(g) != 0) return -1;
      break;
    }
  if (fts_delete(g, id) != 0) return -1;
  if (wstats_sub(g->ws, g->s->db, id) != 0) return -1; /* before its blocks */
  char sql[64];
  for (size_t k = 0; k < FK__COUNT; k++) {
    store_facts_delete_sql(k, sql, sizeof sql);
    if (exec_id(g, sql, id) != 0) return -1;
  }
  if (exec_id(g, "DELETE FROM block_rows WHERE doc = ?1", id) != 0) return -1;
  if (exec_id(g, "DELETE FROM doc_tokmap WHERE doc = ?1", id) != 0) return -1;
  if (exec_id(g, "DELETE FROM doc_words WHERE doc = ?1", id) != 0) return -1;
  if (exec_id(g, "DELETE FROM documents WHERE id = ?1", id) != 0) return -1;
  g->doc_delta--;
  return 0;
}

/* store_facts_write's step: the writer's step(). */
static int fact_step(void *ud, sqlite3_stmt *st) {
  return ing_step(ud, st);
}

/* Insert the facts of d (document id). */
static int write_facts(ingest *g, int64_t id, const doc *d) {
  return store_facts_write(g->ins_fact, id, d, fact_step, g);
}

/*
** Insert one parsed document (id > 0 reuses that id) with its blocks,
** facts and FTS row. file: files.path it belongs to.
*/
/* Insert the FTS row of document id, replaying the worker's tokens. */
static int insert_fts(ingest *g, int64_t id, const fts_replay fts[5]) {
  sqlite3_stmt *st = g->ins_fts;
  sqlite3_bind_int64(st, 1, id);
  for (int c = 0; c < 5; c++)
    if (fts[c].text)
      sqlite3_bind_text(st, c + 2, fts[c].text, fts[c].len, SQLITE_STATIC);
  fts_replay_set(fts, 5);
  int rc = ing_step(g, st);
  fts_replay_set(NULL, 0);
  return rc;
}

static int defer_fts(ingest *g, item *it, int64_t id);

int ing_write_doc(ingest *g, const job *j, item *it, int64_t id) {
  const doc *d = it->d;
  int replaces = id > 0;
  char when[32];
  ing_now_iso(when, sizeof when);
  sqlite3_stmt *st = g->ins_doc;
  if (id > 0) sqlite3_bind_int64(st, 1, id);
  sqlite3_bind_text(st, 2, d->id, -1, SQLITE_STATIC);
  bstr(st, 3, d->path), bstr(st, 4, j->path);
  sqlite3_bind_int(st, 5, it->record);
  sqlite3_bind_text(st, 6, it->hash, -1, SQLITE_STATIC);
  bstr(st, 7, d->title), bstr(st, 8, d->published), bstr(st, 9, d->author);
  bstr(st, 10, d->site), bstr(st, 11, d->lead), bstr(st, 12, it->url);
  sqlite3_bind_int64(st, 13, (int64_t)it->rawlen);
  sqlite3_bind_text(st, 14, d->text ? d->text : "", (int)d->text_len,
                    SQLITE_STATIC);
  /* raw: only the bytes between what it shares with text at both ends
  ** (found by the worker) */
  size_t pre = it->raw_pre, suf = it->raw_suf;
  if (!it->raw_same) {
    sqlite3_bind_blob(st, 15, it->raw + pre, (int)(it->rawlen - pre - suf),
                      SQLITE_STATIC);
    sqlite3_bind_int64(st, 19, (int64_t)pre);
    sqlite3_bind_int64(st, 20, (int64_t)suf);
  } else {
    sqlite3_bind_int(st, 19, 0);
    sqlite3_bind_int(st, 20, 0);
  }
  sqlite3_bind_text(st, 16, fmt_name[j->format], -1, SQLITE_STATIC);
  sqlite3_bind_int(st, 17, PARSE_VERSION);
  sqlite3_bind_text(st, 18, when, -1, SQLITE_STATIC);
  if (ing_step(g, st) != 0) return -1;
  g->doc_delta++;
  id = sqlite3_last_insert_rowid(g->s->db);
  for (size_t i = 0; i < d->blocks.n; i++) {
    const doc_block *b = &d->blocks.items[i];
    st = g->ins_block;
    sqlite3_bind_int64(st, 1, id), sqlite3_bind_int64(st, 2, (int64_t)i);
    sqlite3_bind_text(st, 3, doc_kind_name(b->kind), -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 4, (int64_t)b->off);
    sqlite3_bind_int64(st, 5, (int64_t)b->len);
    /* NULL when the text is exactly its span of d->text */
    if (it->block_text[i])
      sqlite3_bind_text(st, 6, b->text ? b->text : "", -1, SQLITE_STATIC);
    if (ing_step(g, st) != 0) return -1;
  }
  st = g->ins_tokmap; /* its token position map (store_tokmap.h) */
  sqlite3_bind_int64(st, 1, id);
  sqlite3_bind_blob(st, 2, it->tokmap.data ? it->tokmap.data : "",
                    (int)it->tokmap.len, SQLITE_STATIC);
  if (ing_step(g, st) != 0) return -1;
  if (write_facts(g, id, d) != 0) return -1;
  if (d->warnings.n) g->st->warnings++;
  if (it->ws) { /* its number of words, with its counts */
    wstats_bind_doc(g->ins_docwords, id, it->ws);
    if (ing_step(g, g->ins_docwords) != 0) return -1;
  }
  wstats_add(g->ws, it->ws); /* takes the counts over */
  it->ws = NULL;
  return replaces ? defer_fts(g, it, id) : insert_fts(g, id, it->fts);
}

void ing_fts_row_free(fts_row *r) {
  free(r->title);
  free(r->lead);
  for (int c = 0; c < 3; c++) buf_free(&r->cols[c]);
  for (int c = 0; c < 5; c++) fts_tokens_free((fts_tokens *)r->fts[c].tokens);
}

static int cmp_rows(const void *a, const void *b) {
  int64_t x = ((const fts_row *)a)->id, y = ((const fts_row *)b)->id;
  return (x > y) - (x < y);
}

/* Insert the pending FTS rows, in id order. */
int ing_flush_fts(ingest *g) {
  int rc = 0;
  if (g->later.n > 1)
    qsort(g->later.items, g->later.n, sizeof *g->later.items, cmp_rows);
  for (size_t i = 0; i < g->later.n; i++) {
    fts_row *r = &g->later.items[i];
    if (rc == 0) rc = insert_fts(g, r->id, r->fts);
    ing_fts_row_free(r);
  }
  g->later.n = 0;
  return rc;
}

/* Take the FTS row of item it (document id) over, to be written later. */
static int defer_fts(ingest *g, item *it, int64_t id) {
  fts_row r = {0};
  r.id = id;
  for (int c = 0; c < 5; c++) {
    r.fts[c] = it->fts[c];
    it->fts[c].tokens = NULL;
  }
  for (int c = 0; c < 3; c++) { /* the texts of columns 2..4 move along */
    r.cols[c] = it->cols[c];
    buf_init(&it->cols[c]);
  }
  if (r.fts[0].text) r.fts[0].text = r.title = xstrdup(r.fts[0].text);
  if (r.fts[1].text) r.fts[1].text = r.lead = xstrdup(r.fts[1].text);
  VEC_PUSH(g->later, r);
  return g->later.n >= FTS_LATER ? ing_flush_fts(g) : 0;
}

/* Point the documents of file `from` at file `to` (move or promotion). */
static int repoint(ingest *g, const char *from, const char *to) {
  static const char *const sql[] = {
      "UPDATE documents SET file = ?2, path = ?2 || substr(path, "
      "length(?1) + 1) WHERE file = ?1",
      "UPDATE files SET dup_of = ?2 WHERE dup_of = ?1"};
  for (int i = 0; i < 2; i++) {
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(g->s->db, sql[i], -1, &st, NULL) != SQLITE_OK) {
      ing_sql_failed(g);
      return -1;
    }
    sqlite3_bind_text(st, 1, from, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, to, -1, SQLITE_STATIC);
    int rc = ing_step(g, st);
    sqlite3_finalize(st);
    if (rc) return -1;
  }
  return 0;
}

/* Text of the first column of a one-row query with one text parameter. */
static char *query_str(ingest *g, const char *sql, const char *arg) {
  sqlite3_stmt *st;
  char *r = NULL;
  if (sqlite3_prepare_v2(g->s->db, sql, -1, &st, NULL) != SQLITE_OK)
    return NULL;
  sqlite3_bind_text(st, 1, arg, -1, SQLITE_STATIC);
  if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_text(st, 0))
    r = xstrdup((const char *)sqlite3_column_text(st, 0));
  sqlite3_finalize(st);
  return r;
}

/*
** The file `path` no longer provides its documents: hand them to one of
** its duplicates if any, else delete them. Then forget the file.
** Returns the number of documents deleted, or -1.
*/
int ing_release_file(ingest *g, const char *path) {
  int deleted = 0;
  char *dup = query_str(
      g, "SELECT path FROM files WHERE dup_of = ?1 ORDER BY path LIMIT 1",
      path);
  if (dup) {
    int rc = repoint(g, path, dup);
    if (rc == 0) {
      sqlite3_stmt *st;
      sqlite3_prepare_v2(g->s->db,
                         "UPDATE files SET dup_of = NULL WHERE path = ?1", -1,
                         &st, NULL);
      sqlite3_bind_text(st, 1, dup, -1, SQLITE_STATIC);
      rc = ing_step(g, st);
      sqlite3_finalize(st);
    }
    free(dup);
    if (rc) return -1;
  } else {
    sqlite3_stmt *st;
    VEC(int64_t) ids = {0};
    sqlite3_prepare_v2(g->s->db, "SELECT id FROM documents WHERE file = ?1", -1,
                       &st, NULL);
    sqlite3_bind_text(st, 1, path, -1, SQLITE_STATIC);
    while (sqlite3_step(st) == SQLITE_ROW)
      VEC_PUSH(ids, sqlite3_column_int64(st, 0));
    sqlite3_finalize(st);
    for (size_t i = 0; i < ids.n; i++) {
      if (delete_doc(g, ids.items[i]) != 0) {
        free(ids.items);
        return -1;
      }
      deleted++;
    }
    free(ids.items);
  }
  sqlite3_stmt *st;
  sqlite3_prepare_v2(g->s->db, "DELETE FROM files WHERE path = ?1", -1, &st,
                     NULL);
  sqlite3_bind_text(st, 1, path, -1, SQLITE_STATIC);
  int rc = ing_step(g, st);
  sqlite3_finalize(st);
  return rc ? -1 : deleted;
}

void ing_note(ingest *g, const char *path, const char *why, int error) {
  if (error) {
    g->st->errors++;
    sqlite3_stmt *st = g->ins_err;
    sqlite3_bind_int64(st, 1, g->run);
    bstr(st, 2, path), bstr(st, 3, why);
    ing_step(g, st);
  } else {
    g->st->skipped++;
  }
  if (g->o->file_note) g->o->file_note(g->o->ctx, path, why, error);
}

static int file_row(ingest *g, const job *j, const char *dup_of) {
  sqlite3_stmt *st = g->ins_file;
  bstr(st, 1, j->path);
  sqlite3_bind_int64(st, 2, j->size), sqlite3_bind_int64(st, 3, j->mtime_ns);
  sqlite3_bind_text(st, 4, j->hash, -1, SQLITE_STATIC);
  bstr(st, 5, dup_of);
  sqlite3_bind_text(st, 6, fmt_name[j->format], -1, SQLITE_STATIC);
  sqlite3_bind_int64(st, 7, g->run);
  return ing_step(g, st);
}

/* Write a re-parsed stored document in place (same id). */
static int write_reparse(ingest *g, job *j) {
  if (j->why) {
    ing_note(g, j->path, j->why, 1);
    return 0;
  }
  if (j->items.n == 0) return 0;
  char *file = NULL;
  sqlite3_stmt *st;
  sqlite3_prepare_v2(g->s->db, "SELECT file FROM documents WHERE id = ?1", -1,
                     &st, NULL);
  sqlite3_bind_int64(st, 1, j->reparse);
  if (sqlite3_step(st) == SQLITE_ROW)
    file = xstrdup((const char *)sqlite3_column_text(st, 0));
  sqlite3_finalize(st);
  if (!file) return 0;
  /* keep the stored path: the item's doc path is the file's */
  item *it = &j->items.items[0];
  it->d->path = doc_str(it->d, j->path, strlen(j->path));
  char *fpath = j->path;
  j->path = file;
  int rc = delete_doc(g, j->reparse) || ing_write_doc(g, j, it, j->reparse);
  j->path = fpath;
  free(file);
  g->st->reparsed++;
  return rc ? -1 : 0;
}

/*
** Decide what a finished job means for the database and write it:
** error, empty, unchanged (touched), moved, duplicate, changed or new.
*/
int ing_write_job(ingest *g, job *j) {
  if (j->reparse) return write_reparse(g, j);
  for (size_t i = 0; !j->why && i < j->line_errors.n; i++)
    ing_note(g, j->path, j->line_errors.items[i], 1);
  if (j->why) {
    ing_note(g, j->path, j->why, 1);
    return 0;
  }
  if (j->len == 0) {
    ing_note(g, j->path, "empty file", 0);
    return 0;
  }
  sqlite3_stmt *q = g->q_file;
  sqlite3_bind_text(q, 1, j->path, -1, SQLITE_STATIC);
  int exists = 0, same = 0;
  if (sqlite3_step(q) == SQLITE_ROW) {
    exists = 1;
    const char *h = (const char *)sqlite3_column_text(q, 2);
    same = h && strcmp(h, j->hash) == 0;
  }
  sqlite3_reset(q);
  if (same) { /* touched, not changed */
    sqlite3_stmt *st = g->upd_file_stat;
    bstr(st, 1, j->path);
    sqlite3_bind_int64(st, 2, j->size), sqlite3_bind_int64(st, 3, j->mtime_ns);
    g->st->unchanged++;
    return ing_step(g, st);
  }
  q = g->q_file_by_hash;
  sqlite3_bind_text(q, 1, j->hash, -1, SQLITE_STATIC);
  sqlite3_bind_text(q, 2, j->path, -1, SQLITE_STATIC);
  char *other = NULL;
  if (sqlite3_step(q) == SQLITE_ROW)
    other = xstrdup((const char *)sqlite3_column_text(q, 0));
  sqlite3_reset(q);
  if (other) {
    int rc = 0;
    if (exists) rc = ing_release_file(g, j->path) < 0;
    if (!rc && access(other, F_OK) != 0) { /* the old file is gone: moved */
      rc = repoint(g, other, j->path) || ing_release_file(g, other) < 0 ||
           file_row(g, j, NULL);
      g->st->moved++;
    } else if (!rc) {
      rc = file_row(g, j, other);
      g->st->duplicates++;
    }
    free(other);
    return rc ? -1 : 0;
  }
  int64_t reuse = 0;
  if (exists) {
    char *id =
        query_str(g, "SELECT min(id) FROM documents WHERE file = ?1", j->path);
    int deleted = ing_release_file(g, j->path);
    if (deleted < 0) {
      free(id);
      return -1;
    }
    if (deleted > 0 && id) reuse = atoll(id);
    free(id);
    g->st->changed++;
  } else {
    g->st->new_docs++;
  }
  if (file_row(g, j, NULL) != 0) return -1;
  for (size_t i = 0; i < j->items.n; i++) {
    item *it = &j->items.items[i];
    q = g->q_doc_by_hash;
    sqlite3_bind_text(q, 1, it->hash, -1, SQLITE_STATIC);
    int dup = sqlite3_step(q) == SQLITE_ROW;
    sqlite3_reset(q);
    if (dup) { /* an identical record already indexed */
      g->st->duplicates++;
      continue;
    }
    if (ing_write_doc(g, j, it, i == 0 ? reuse : 0) != 0) return -1;
  }
  return 0;
}
