/*
** store.h — the corpus database (SQLite + FTS5). Pure C, no Lua, no
** printing: every function returns a status and, on failure, a message
** the caller shows. The schema is a public interface, see docs/schema.md.
**
** Threading: one store per thread. store_ingest runs its own worker
** threads internally (parsing) and writes from the calling thread.
** Readers (other processes, other stores) work while an ingest runs (WAL).
*/
#ifndef TINSH_STORE_H
#define TINSH_STORE_H

#include <signal.h>
#include <sqlite3.h>
#include <stdint.h>

#include "doc.h"

#define STORE_SCHEMA_VERSION 10

typedef struct store store;

enum {
  STORE_READONLY = 0,  /* open an existing database, query_only */
  STORE_READWRITE = 1, /* open or create, migrate the schema in place */
  STORE_UNTRUSTED = 2, /* read-only, a file that may be hostile: opened
                       ** immutable (no -wal/-shm read or made), hardened
                       ** and checked first (store_untrusted.c) */
};

/*
** Open the database at path. On success returns 0 and *out; on failure
** returns -1, *out = NULL and *err points to a malloc'd message.
** Read-only opens refuse a missing file and never write (PRAGMA
** query_only). Read-write opens create the schema or migrate it.
*/
int store_open(const char *path, int mode, store **out, char **err);
void store_close(store *s);         /* NULL is fine */
sqlite3 *store_db(store *s);        /* the connection, for raw SQL */
const char *store_path(store *s);   /* as opened */
const char *store_errmsg(store *s); /* last error of the connection */
/* A warning about the file found by store_open, or NULL: its first ingest
** (a bulk load, written unsynced) was cut short by a system crash or
** restart, and no ingest has checked it since. Callers print it. */
const char *store_warning(store *s);
/* meta value (malloc'd) or NULL: "schema_version", "parser_version"... */
char *store_meta(store *s, const char *key);

/*
** The corpus database to use: db_option (--db) if given, else $TINSH_DB,
** else ./tinsh.db when it exists, else the bundled example corpus built
** into the cache ($TINSH_CACHE_DIR, else $XDG_CACHE_HOME/tinsh, else
** ~/.cache/tinsh) and rebuilt when the parser version or the example files
** change. Returns a malloc'd path, or NULL with *err (malloc'd).
*/
char *store_default_path(const char *db_option, char **err);

/* ---- documents ---- */

/* A document row without its derived tables; strings valid until the next
** call on the same iterator (or until store_docinfo_free). */
typedef struct store_docinfo {
  int64_t id;         /* documents.id: FTS rowid, stable while the file is */
  const char *doc_id; /* hash of the normalised text (doc.h id) */
  const char *path;   /* source path ("file.jsonl#3" for JSON records) */
  const char *title, *published, *author, *site, *lead, *url;
  int64_t size; /* bytes of the raw text */
} store_docinfo;

typedef struct store_iter store_iter;

/* Iterate documents in id order (sql_where: optional SQL condition on the
** documents table, e.g. "published >= '2024'"; NULL for all). */
store_iter *store_docs(store *s, const char *sql_where, char **err);
int store_docs_next(store_iter *it, store_docinfo *out); /* 1 row, 0 end, -1 */
void store_docs_close(store_iter *it);

int64_t store_doc_count(store *s);
/* Look up a document id by path (as stored); 0 if none. */
int64_t store_doc_by_path(store *s, const char *path);

/*
** Rebuild the full parsed document (doc.h: fields, blocks, qa, facts,
** warnings) from the database. NULL when there is no such id.
** The caller owns the result (doc_free). d->text is the normalised text.
*/
doc *store_doc_load(store *s, int64_t id);

/* Raw bytes as ingested (malloc'd, NUL-terminated) or NULL. */
char *store_doc_raw(store *s, int64_t id, size_t *len);

/*
** A prepared statement over one fact table ("figures", "people", "refs",
** "periods", "places", "quotes", "abbrevs", "qa", "warnings", "blocks"),
** every column, for one document (doc > 0) or all (doc == 0), in
** (doc, seq) order. The caller steps and finalizes it. NULL + *err on an
** unknown table.
*/
sqlite3_stmt *store_facts(store *s, const char *table, int64_t doc, char **err);

/* ---- search ---- */

typedef struct store_search_opts {
  int limit;            /* rows to return; 0 = 20; < 0 = all */
  int offset;           /* rows to skip */
  int raw;              /* query is FTS5 MATCH syntax, not a plain query */
  int snippet_tokens;   /* snippet length in tokens; 0 = 16; < 0 = none */
  const char *hl_open;  /* hit markers in snippets; NULL = "\x02" */
  const char *hl_close; /* NULL = "\x03" */
  const char *ellipsis; /* NULL = "…" */
  int offsets;          /* fill store_hit.offsets */
  int forms;            /* count forms (store_search_forms); the offsets
                           they need are computed, and filled in, only for
                           a query with a word to count forms of */
  int no_adjacent;      /* plain queries: rank by bm25 alone, without the
                           bonus for words side by side (tinsh_rank) */
} store_search_opts;

typedef struct store_hit {
  int64_t id;
  const char *doc_id, *path, *title, *published;
  double score;        /* bm25: lower is better (negative) */
  const char *snippet; /* NULL unless snippets asked for; hits separated
                          only by white space are marked as one */
  const char *offsets; /* "col start end ..." byte offsets (tinsh_offsets) */
} store_hit;

typedef struct store_search store_search;

/*
** Run a search. Plain queries (o->raw == 0) never fail on syntax: every
** word must match, "quoted words" are phrases, word* is a prefix. Raw
** queries may fail: NULL + *err (the FTS5 message). A plain query without
** a searchable word returns an empty result set.
*/
store_search *store_search_open(store *s, const char *query,
                                const store_search_opts *o, char **err);
int store_search_next(store_search *q, store_hit *h); /* 1 row, 0 end, -1 */
void store_search_close(store_search *q);
/* The forms the hits returned so far matched (their text, case-folded),
** most frequent first, "tham nhũng 33 · thăm những 5" (at most max forms,
** max <= 0: all; malloc'd). NULL when no form was counted: forms not
** asked for, a raw query, or none of its words without diacritics. */
char *store_search_forms(store_search *q, int max);
/* Number of matching documents, or -1 with *err. */
int64_t store_search_count(store *s, const char *query, int raw, char **err);

/* ---- ingest ---- */

typedef struct store_ingest_stats {
  /* found by a first, counting walk, made only when progress is set */
  int64_t files_total, bytes_total;
  int64_t files_done, bytes_done; /* processed so far */
  int64_t new_docs, changed, unchanged, moved, duplicates, pruned;
  int64_t reparsed;    /* documents re-derived from their raw text */
  int64_t skipped;     /* unsupported, empty or too large files */
  int64_t warnings;    /* documents with parser warnings */
  int64_t errors;      /* files that could not be read or parsed */
  int optimized;       /* the FTS index was merged into one segment (a run
                       ** that replaced or removed >= 10 % of the documents) */
  int bulk;            /* first ingest into an empty database: written
                       ** unsynced, synced once at the end (store_ingest.c) */
  int checked;         /* the file was checked first: an earlier bulk load
                       ** was cut short by a system crash or restart */
  int fts_upgraded;    /* --reparse made the index of a file from before
                       ** schema version 10 anew, with dominant forms */
  double elapsed;      /* seconds */
  const char *current; /* file being written (valid during the callback) */
} store_ingest_stats;

typedef struct store_ingest_opts {
  int threads; /* parser threads; 0 = cores - 1 (at least 1) */
  int prune;   /* remove documents whose files are gone */
  int reparse; /* re-derive every document from its stored raw text */
  int batch;   /* files per transaction (at most 5 s, 64 MB); 0 = 5000 */
  int wait;    /* another ingest holds the lock: wait (1) or refuse (0) */
  int64_t max_file_size; /* skip larger files with a note; 0 = 64 MiB */
  /* called about every 100 ms and once at the end (final = 1); NULL: no
  ** progress, and no counting walk before the work (files_total and
  ** bytes_total stay 0) */
  void (*progress)(void *ctx, const store_ingest_stats *st, int final);
  /* one call per file that failed (error = 1) or was skipped (error = 0) */
  void (*file_note)(void *ctx, const char *path, const char *why, int error);
  void *ctx;
  /* when non-NULL and set (e.g. by a SIGINT handler), the ingest stops
  ** after the current file: the open batch is rolled back, committed ones
  ** stay, and store_ingest fails with "interrupted" */
  const volatile sig_atomic_t *cancel;
} store_ingest_opts;

/*
** Ingest files and folders (folders walked in sorted order; .txt/.md as
** articles, .json/.jsonl as records with title, date, body|text|content,
** url). Incremental by content hash; see docs/schema.md. Returns 0 when
** every file succeeded, 1 when some files failed (reported through
** file_note), -1 on a database error (*err).
*/
int store_ingest(store *s, const char *const *paths, int npaths,
                 const store_ingest_opts *o, store_ingest_stats *st,
                 char **err);

/* ---- what the command line needs (store_sql.c) ---- */

/* Ctrl-C (interrupt_all) interrupts s's running statement (on = 1), or
** no longer (on = 0; before store_close). */
void store_watch_interrupts(store *s, int on);
/* Documents derived by a parser version other than version (the ones
** `tinsh ingest --reparse` would re-derive); -1 on error. */
int64_t store_stale_docs(store *s, int version);

/* the type of a value in a store_row */
enum { STORE_NULL, STORE_INTEGER, STORE_FLOAT, STORE_TEXT, STORE_BLOB };
/* what a store_row_fn call is about */
enum { STORE_SQL_BEGIN, STORE_SQL_ROW, STORE_SQL_END };

/* One event of a statement store_run_sql runs: BEGIN with the column
** names (values NULL), each ROW, then END (also after an error). */
typedef struct store_row {
  int event;                 /* STORE_SQL_BEGIN, _ROW or _END */
  int ncol;                  /* columns of the statement */
  const char *const *names;  /* column names */
  const char *const *values; /* ROW: each value as text, NULL for NULL */
  const int *lens;           /* ROW: bytes of each value */
  const int *types;          /* ROW: STORE_NULL, STORE_INTEGER, ... */
} store_row;
typedef void (*store_row_fn)(void *ud, const store_row *r);

/*
** Run the user's SQL (one or more statements) and hand their results to
** fn. Only queries run: 0 when all ran; -1 with *err (malloc'd) on an
** SQL error, the statements before it having run; -2 (no *err) when a
** statement would change the database, the ones before it having run.
*/
int store_run_sql(store *s, const char *sql, store_row_fn fn, void *ud,
                  char **err);

#endif
