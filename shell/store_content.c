/*
** store_content.c — SQL tinsh_fts_column(doc, col): the body, captions
** and answers columns of the fts_content view (store.c's schema version
** 4), which FTS5 reads for snippets, offsets, the forms line and the
** 'delete' of a changed document.
**
** One fts_content row asks for the three columns of one document in a
** row. A call reads the document's text and blocks once, with statements
** prepared once per connection, and cuts all three columns; on a
** read-only connection the next two calls for the same document (and the
** same database version) take theirs from that memo. Search's 20 rows
** used to cost 6 statement compilations and 3 reads of the text each.
*/
#include "store_content.h"

#include <stdlib.h>
#include <string.h>

#include "store_int.h"

struct store_content {
  sqlite3_stmt *text, *blocks; /* prepared on first use */
  int memo;                    /* serve repeated calls (read-only only) */
  int valid;                   /* col[] holds document id at version */
  sqlite3_int64 id;
  unsigned version;
  buf col[3]; /* body, captions, answers */
  int has[3]; /* the column has a block (else it is NULL) */
};

/* The block kinds (block_rows.kind) of FTS column 2 (body), 3 (captions)
** or 4 (answers), as the version 1 view listed them; -1 for none. */
static int kind_column(const char *kind) {
  static const char *const body[] = {"dateline", "heading", "paragraph",
                                     "question", "byline"};
  if (!kind) return -1;
  if (strcmp(kind, "caption") == 0) return 3;
  if (strcmp(kind, "answer") == 0) return 4;
  for (size_t i = 0; i < sizeof body / sizeof *body; i++)
    if (strcmp(kind, body[i]) == 0) return 2;
  return -1;
}

/*
** The data version of db's snapshot into *v: 0, or -1 when there is none
** to rely on. The version changes with every commit, by any connection,
** but a connection only learns of others' commits when it starts reading:
** a call outside a read transaction (a SELECT of the function alone, no
** table) would see the version of its last one.
*/
static int data_version(sqlite3 *db, unsigned *v) {
  if (sqlite3_txn_state(db, "main") == SQLITE_TXN_NONE) return -1;
  return sqlite3_file_control(db, "main", SQLITE_FCNTL_DATA_VERSION, v) ==
                 SQLITE_OK
             ? 0
             : -1;
}

/* Prepare c's two statements on db if they are not yet: 0 or -1. */
static int prepare(store_content *c, sqlite3 *db) {
  if (!c->text && sqlite3_prepare_v3(
                      db, "SELECT text FROM documents WHERE id = ?1", -1,
                      SQLITE_PREPARE_PERSISTENT, &c->text, NULL) != SQLITE_OK)
    return -1;
  if (!c->blocks &&
      sqlite3_prepare_v3(db,
                         "SELECT kind, off, len, text FROM block_rows WHERE "
                         "doc = ?1 ORDER BY seq",
                         -1, SQLITE_PREPARE_PERSISTENT, &c->blocks,
                         NULL) != SQLITE_OK)
    return -1;
  return 0;
}

/* Add the current block row of b to its column of c: the block's own text,
** else its span of text[0..tlen) (a span outside the text is clamped to
** it, like substr, never read past it). */
static void add_block(store_content *c, sqlite3_stmt *b, const char *text,
                      sqlite3_int64 tlen) {
  int col = kind_column((const char *)sqlite3_column_text(b, 0)) - 2;
  if (col < 0) return;
  buf *out = &c->col[col];
  if (c->has[col]) buf_addc(out, '\n');
  c->has[col] = 1;
  if (sqlite3_column_type(b, 3) != SQLITE_NULL) {
    buf_add(out, sqlite3_column_text(b, 3), (size_t)sqlite3_column_bytes(b, 3));
    return;
  }
  if (!text) return;
  sqlite3_int64 off = sqlite3_column_int64(b, 1);
  sqlite3_int64 len = sqlite3_column_int64(b, 2);
  if (off < 0) off = 0;
  if (off > tlen) off = tlen;
  if (len < 0) len = 0;
  if (len > tlen - off) len = tlen - off;
  buf_add(out, text + off, (size_t)len);
}

/* Cut the three columns of document id into c: 0, or -1 on an SQL error
** (message on db). */
static int fill(store_content *c, sqlite3 *db, sqlite3_int64 id) {
  c->valid = 0;
  for (int i = 0; i < 3; i++) c->col[i].len = 0, c->has[i] = 0;
  if (prepare(c, db) != 0) return -1;
  sqlite3_bind_int64(c->text, 1, id);
  sqlite3_bind_int64(c->blocks, 1, id);
  const char *text = NULL;
  sqlite3_int64 tlen = 0;
  int rc = sqlite3_step(c->text);
  if (rc == SQLITE_ROW) {
    text = (const char *)sqlite3_column_blob(c->text, 0);
    tlen = sqlite3_column_bytes(c->text, 0);
  }
  if (rc == SQLITE_ROW || rc == SQLITE_DONE)
    while ((rc = sqlite3_step(c->blocks)) == SQLITE_ROW)
      add_block(c, c->blocks, text, tlen);
  sqlite3_reset(c->text);
  sqlite3_reset(c->blocks);
  if (rc != SQLITE_DONE) return -1;
  c->id = id;
  return 0;
}

/*
** SQL tinsh_fts_column(doc, col): the text of FTS column col (2 body,
** 3 captions, 4 answers) of document doc -- its blocks of that column in
** seq order, each block's own text or else its span of documents.text,
** joined by a newline; NULL when it has none (what group_concat over the
** blocks view gave).
*/
static void column_fn(sqlite3_context *cx, int argc, sqlite3_value **av) {
  (void)argc;
  store_content *c = sqlite3_user_data(cx);
  sqlite3 *db = sqlite3_context_db_handle(cx);
  sqlite3_int64 id = sqlite3_value_int64(av[0]);
  int col = sqlite3_value_int(av[1]) - 2;
  unsigned v = 0;
  int memo = c->memo && data_version(db, &v) == 0;
  if (!(memo && c->valid && c->id == id && c->version == v)) {
    if (fill(c, db, id) != 0) {
      sqlite3_result_error(cx, sqlite3_errmsg(db), -1);
      return;
    }
    c->valid = memo, c->version = v;
  }
  if (col < 0 || col > 2 || !c->has[col])
    sqlite3_result_null(cx);
  else
    sqlite3_result_text64(cx, c->col[col].data ? c->col[col].data : "",
                          c->col[col].len, SQLITE_TRANSIENT, SQLITE_UTF8);
}

/* The function's destructor: SQLite calls it when the connection is
** really closed (a closed connection with live statements waits). */
static void content_free(void *p) {
  store_content *c = p;
  store_content_finalize(c);
  for (int i = 0; i < 3; i++) buf_free(&c->col[i]);
  free(c);
}

store_content *store_content_register(sqlite3 *db, int readonly) {
  store_content *c = xcalloc(1, sizeof *c);
  c->memo = readonly;
  for (int i = 0; i < 3; i++) buf_init(&c->col[i]);
  if (sqlite3_create_function_v2(db, "tinsh_fts_column", 2,
                                 SQLITE_UTF8 | SQLITE_INNOCUOUS, c, column_fn,
                                 NULL, NULL, content_free) != SQLITE_OK)
    return NULL; /* c freed by content_free */
  return c;
}

void store_content_finalize(store_content *c) {
  if (!c) return;
  sqlite3_finalize(c->text);
  sqlite3_finalize(c->blocks);
  c->text = c->blocks = NULL;
  c->valid = 0;
}
