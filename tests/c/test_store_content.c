/*
** test_store_content.c — SQL tinsh_fts_column(doc, col) (store_content.c),
** the fts_content view's body, captions and answers, on documents written
** straight into a new database.
** Plan:
**  1. each column of a document: its blocks of that kind in seq order
**     joined by '\n', a block's own text or its span of the text (a span
**     past the end clamped), NULL for a column without blocks; calls for
**     two documents interleaved give each its own.
**  2. a read-only connection that read a document sees the new text after
**     a writer (another connection) changes it under the same id, and
**     after a change of only its blocks; also when the call reads no
**     table (outside a read transaction).
**  3. the writer's own connection sees its uncommitted change at once.
**  4. the fts_content view gives the same as the function.
*/
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check.h"
#include "store.h"

/* Calls read a table (meta) in the same statement, as fts_content does:
** inside a read transaction; else alone, outside one. */
static int in_txn = 1;

/* tinsh_fts_column(id, col) on s's connection, malloc'd; NULL for NULL */
static char *column(store *s, int id, int col) {
  sqlite3_stmt *st;
  char *v = NULL;
  const char *sql = in_txn ? "SELECT tinsh_fts_column(?1, ?2) FROM meta "
                             "LIMIT 1"
                           : "SELECT tinsh_fts_column(?1, ?2)";
  if (sqlite3_prepare_v2(store_db(s), sql, -1, &st, NULL) != SQLITE_OK)
    return strdup("(error)");
  sqlite3_bind_int(st, 1, id);
  sqlite3_bind_int(st, 2, col);
  if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_text(st, 0))
    v = strdup((const char *)sqlite3_column_text(st, 0));
  sqlite3_finalize(st);
  return v;
}

/* CHECK_STR of column(s, id, col) against want */
#define CHECK_COL(s, id, col, want)  \
  do {                               \
    char *got_ = column(s, id, col); \
    CHECK_STR(got_, want);           \
    free(got_);                      \
  } while (0)

static int run(store *s, const char *sql) {
  return sqlite3_exec(store_db(s), sql, NULL, NULL, NULL);
}

static const char docs_sql[] =
    "INSERT INTO documents(id, doc_id, path, file, hash, size, text, format,"
    " parser_version, ingested_at) VALUES"
    " (1, 'a', '/a', '/a', 'h', 9, 'Một. Hai.', 'text', 1, 'now'),"
    " (2, 'b', '/b', '/b', 'h', 5, 'Ba...', 'text', 1, 'now');"
    "INSERT INTO block_rows(doc, seq, kind, off, len, text) VALUES"
    " (1, 0, 'paragraph', 0, 6, NULL), (1, 1, 'caption', 0, 0, 'Ảnh'),"
    " (1, 2, 'heading', 7, 100, NULL), (1, 3, 'banner', 0, 4, NULL),"
    " (2, 0, 'answer', 0, 2, NULL), (2, 1, 'paragraph', 0, 5, 'Bốn');";

/* 1: the columns of both documents, interleaved */
static void check_columns(store *r) {
  CHECK_COL(r, 1, 2, "Một.\nHai.");
  CHECK_COL(r, 2, 2, "Bốn");
  CHECK_COL(r, 1, 3, "Ảnh");
  CHECK_COL(r, 2, 4, "Ba");
  CHECK_COL(r, 1, 4, NULL);
  CHECK_COL(r, 2, 3, NULL);
  CHECK_COL(r, 3, 2, NULL); /* no such document */
}

int main(void) {
  printf("plan: tinsh_fts_column columns, memo after changes, view\n");
  char path[] = "/tmp/tinsh-store-content-XXXXXX";
  int fd = mkstemp(path);
  CHECK(fd >= 0);
  close(fd);
  unlink(path);
  store *w = NULL, *r = NULL;
  char *err = NULL;
  CHECK(store_open(path, STORE_READWRITE, &w, &err) == 0);
  CHECK(run(w, docs_sql) == SQLITE_OK);
  CHECK(store_open(path, STORE_READONLY, &r, &err) == 0);
  check_columns(r);
  /* 2: changed by the writer, same ids, right after reading them */
  CHECK_COL(r, 1, 2, "Một.\nHai.");
  CHECK(run(w, "UPDATE documents SET text = 'Mốt. Hai.' WHERE id = 1") ==
        SQLITE_OK);
  CHECK_COL(r, 1, 2, "Mốt.\nHai.");
  CHECK_COL(r, 2, 2, "Bốn");
  CHECK(
      run(w, "UPDATE block_rows SET text = 'Bảy' WHERE doc = 2 AND seq = 1") ==
      SQLITE_OK);
  CHECK_COL(r, 2, 2, "Bảy");
  /* a call outside a read transaction right after a change */
  CHECK(
      run(w, "UPDATE block_rows SET text = 'Tám' WHERE doc = 2 AND seq = 1") ==
      SQLITE_OK);
  in_txn = 0;
  CHECK_COL(r, 2, 2, "Tám");
  in_txn = 1;
  CHECK_COL(r, 2, 2, "Tám");
  /* 3: the writer's own transaction */
  CHECK_COL(w, 1, 2, "Mốt.\nHai.");
  CHECK(run(w, "BEGIN; UPDATE documents SET text = 'Mới. Hài.' WHERE id = 1") ==
        SQLITE_OK);
  CHECK_COL(w, 1, 2, "Mới.\nHài.");
  CHECK(run(w, "ROLLBACK") == SQLITE_OK);
  CHECK_COL(w, 1, 2, "Mốt.\nHai.");
  CHECK_COL(r, 1, 2, "Mốt.\nHai.");
  /* 4: the view */
  sqlite3_stmt *st;
  CHECK(sqlite3_prepare_v2(
            store_db(r), "SELECT body, captions FROM fts_content WHERE id = 1",
            -1, &st, NULL) == SQLITE_OK);
  CHECK(sqlite3_step(st) == SQLITE_ROW);
  CHECK_STR((const char *)sqlite3_column_text(st, 0), "Mốt.\nHai.");
  CHECK_STR((const char *)sqlite3_column_text(st, 1), "Ảnh");
  sqlite3_finalize(st);
  store_close(r);
  store_close(w);
  unlink(path);
  char side[256];
  snprintf(side, sizeof side, "%s-wal", path);
  unlink(side);
  snprintf(side, sizeof side, "%s-shm", path);
  unlink(side);
  return check_done();
}
