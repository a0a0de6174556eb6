/*
** store.c — the corpus database: open/create/migrate, metadata, document
** access (iteration, lookup, full reconstruction), fact tables, and the
** default-database resolution. Ingest is in store_ingest.c, search in
** store_search.c. Schema documented in docs/schema.md.
*/
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fts.h"
#include "parse.h"
#include "store_content.h"
#include "store_facts.h"
#include "store_int.h"
#include "store_tokmap.h"
#include "store_wordstats.h"
#include "text.h"

/* ---- schema ---- */

/* The index (schema version 10: with dominant forms, fts.h). */
#define FTS_TABLE_SQL                                                    \
  "CREATE VIRTUAL TABLE IF NOT EXISTS fts USING fts5(title, lead, body," \
  "  captions, answers, content='fts_content', content_rowid='id',"      \
  "  tokenize=" FTS_TOKENIZE_FORMS ");"

/* Kinds of block indexed in each FTS column (title and lead come from the
** documents table). Banner, boilerplate and related blocks are stored
** but not indexed. */
#define BODY_KINDS "'dateline','heading','paragraph','question','byline'"

static const char schema_v1[] =
    "CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT);"
    "CREATE TABLE IF NOT EXISTS files("
    "  path TEXT PRIMARY KEY," /* absolute path of the source file */
    "  size INTEGER NOT NULL," /* bytes */
    "  mtime_ns INTEGER NOT NULL,"
    "  hash TEXT NOT NULL,"   /* 16 hex digits, FNV-1a of the bytes */
    "  dup_of TEXT,"          /* exact duplicate of this file, or NULL */
    "  format TEXT NOT NULL," /* 'text' or 'json' */
    "  run INTEGER"           /* ingest_log.id that last saw it */
    ");"
    "CREATE INDEX IF NOT EXISTS files_hash ON files(hash);"
    "CREATE INDEX IF NOT EXISTS files_dup ON files(dup_of);"
    "CREATE TABLE IF NOT EXISTS documents("
    "  id INTEGER PRIMARY KEY,"
    "  doc_id TEXT NOT NULL,"      /* doc.h id: hash of the normalised text */
    "  path TEXT NOT NULL UNIQUE," /* file, or file#N for the Nth JSON record */
    "  file TEXT NOT NULL,"        /* files.path */
    "  record INTEGER NOT NULL DEFAULT 0," /* JSON record number, 0 for text */
    "  hash TEXT NOT NULL," /* hash of the raw bytes of this document */
    "  title TEXT, published TEXT, author TEXT, site TEXT, lead TEXT,"
    "  url TEXT,"
    "  size INTEGER NOT NULL," /* bytes of raw */
    "  text TEXT NOT NULL,"    /* normalised text (block offsets refer to it) */
    "  raw BLOB,"              /* raw bytes that differ from text, see */
    "  raw_prefix INTEGER NOT NULL DEFAULT 0," /* documents_raw */
    "  raw_suffix INTEGER NOT NULL DEFAULT 0,"
    "  format TEXT NOT NULL," /* 'text' or 'json' */
    "  parser_version INTEGER NOT NULL,"
    "  ingested_at TEXT NOT NULL"
    ");"
    "CREATE INDEX IF NOT EXISTS documents_file ON documents(file);"
    "CREATE INDEX IF NOT EXISTS documents_hash ON documents(hash);"
    "CREATE INDEX IF NOT EXISTS documents_doc_id ON documents(doc_id);"
    /* the raw bytes as ingested: text's first raw_prefix bytes, raw, text's
    ** last raw_suffix bytes (NULL raw: identical to text) */
    "CREATE VIEW IF NOT EXISTS documents_raw(id, raw) AS SELECT id, CASE WHEN"
    "  raw IS NULL THEN CAST(text AS BLOB) ELSE substr(CAST(text AS BLOB), 1,"
    "  raw_prefix) || raw || substr(CAST(text AS BLOB), length(CAST(text AS"
    "  BLOB)) - raw_suffix + 1, raw_suffix) END FROM documents;"
    /* blocks: block_rows.text is NULL when the block's text is exactly its
    ** span of documents.text (the usual case); the view fills it in */
    "CREATE TABLE IF NOT EXISTS block_rows(doc INTEGER NOT NULL, seq INTEGER"
    "  NOT NULL, kind TEXT NOT NULL, off INTEGER NOT NULL, len INTEGER NOT "
    "  NULL, text TEXT, PRIMARY KEY(doc, seq));"
    "CREATE VIEW IF NOT EXISTS blocks(doc, seq, kind, off, len, text) AS"
    "  SELECT b.doc, b.seq, b.kind, b.off, b.len, coalesce(b.text, CAST("
    "  substr(CAST(d.text AS BLOB), b.off + 1, b.len) AS TEXT)) FROM"
    "  block_rows b JOIN documents d ON d.id = b.doc;"
    /* the fact tables: store_facts_schema(), from fact_schema.h */
    "CREATE TABLE IF NOT EXISTS ingest_log("
    "  id INTEGER PRIMARY KEY, started TEXT NOT NULL, finished TEXT,"
    "  status TEXT NOT NULL," /* running, done, failed (killed runs stay
                                 running) */
    "  args TEXT, parser_version INTEGER, files INTEGER, new INTEGER,"
    "  changed INTEGER, unchanged INTEGER, moved INTEGER, duplicates INTEGER,"
    "  pruned INTEGER, skipped INTEGER, warnings INTEGER, errors INTEGER,"
    "  bytes INTEGER, seconds REAL);"
    "CREATE TABLE IF NOT EXISTS ingest_errors(run INTEGER NOT NULL,"
    "  path TEXT NOT NULL, reason TEXT NOT NULL);"
    "CREATE VIEW IF NOT EXISTS fts_content(id, title, lead, body, captions,"
    "  answers) AS SELECT d.id, d.title, d.lead,"
    "  (SELECT group_concat(b.text, char(10)) FROM blocks b WHERE b.doc = d.id"
    "   AND b.kind IN (" BODY_KINDS
    ")),"
    "  (SELECT group_concat(b.text, char(10)) FROM blocks b WHERE b.doc = d.id"
    "   AND b.kind = 'caption'),"
    "  (SELECT group_concat(b.text, char(10)) FROM blocks b WHERE b.doc = d.id"
    "   AND b.kind = 'answer')"
    "  FROM documents d;" FTS_TABLE_SQL;

/* Version 2: FTS5 flushes its in-memory index at each commit or when it
** holds this many bytes (1 MB by default): ingest's batches
** (store_ingest.c) then make one segment each instead of dozens of small
** ones to merge -- an ingest of the 35k baomoi corpus measured ~1.6 s
** (15 %) faster. Memory stays bounded: a batch is at most 64 MB of text. */
static const char schema_v2[] =
    "INSERT INTO fts(fts, rank) VALUES('hashsize', 134217728);";

/* Version 3: FTS5 merges 8 segments of a level at a time instead of 4,
** and writes 8000-byte leaves (one per 8 KB page instead of two of 4050
** bytes) in a file with 8 KB pages. An ingest of the 35k baomoi corpus
** wrote 27 % fewer pages and measured ~15 % faster (median of 5
** interleaved runs: 5.5 s vs 6.9 s); the search benchmark is unchanged. */
static int schema_v3(store *s, char **err) {
  int64_t page = store_int(s, "PRAGMA page_size", NULL, 0);
  return store_exec(s, "INSERT INTO fts(fts, rank) VALUES('automerge', 8)",
                    err) ||
         (page >= 8192 &&
          store_exec(s, "INSERT INTO fts(fts, rank) VALUES('pgsz', 8000)",
                     err));
}

/* Version 4: the body, captions and answers columns of fts_content (read
** by FTS5 for snippets, offsets and the 'delete' of a changed document)
** come from tinsh_fts_column(), which reads the document's text once and
** cuts every block from it. The version 1 view read the whole
** documents.text again for each block (the blocks view's substr), so one
** document of 20,000 paragraphs cost 20,000 reads of its text: a
** re-ingest or a search quadratic in its size. The fts table already
** needs tinsh's tokenizer, so it needs a tinsh connection either way. */
static const char schema_v4[] =
    "DROP VIEW IF EXISTS fts_content;"
    "CREATE VIEW fts_content(id, title, lead, body, captions, answers) AS"
    "  SELECT d.id, d.title, d.lead, tinsh_fts_column(d.id, 2),"
    "  tinsh_fts_column(d.id, 3), tinsh_fts_column(d.id, 4) FROM documents d;";

/* Version 5: the document count kept in meta 'doc_count' (the ingest
** writer adds each batch's inserted minus deleted documents in the
** batch's transaction), so `#corpus` and every start-up that asks for it
** read one row instead of counting the table (11-23 ms of CPU at 35k
** documents, O(N)). Triggers did the same at 0.16 ms a row: 30 % of an
** ingest's CPU. */
static const char schema_v5[] =
    "DROP TRIGGER IF EXISTS documents_counted;"
    "DROP TRIGGER IF EXISTS documents_uncounted;"
    "INSERT OR REPLACE INTO meta(key, value) VALUES('doc_count',"
    "  (SELECT count(*) FROM documents));";

/* bm25 with the column weights of store_int.h, stored in the FTS5 config
** so that ORDER BY rank uses it. */
#define STORE_RANK_SQL \
  "INSERT INTO fts(fts, rank) VALUES('rank', 'bm25(" STORE_RANK_WEIGHTS ")')"

int store_block_in_column(doc_kind k) {
  switch (k) {
    case BK_DATELINE:
    case BK_HEADING:
    case BK_PARAGRAPH:
    case BK_QUESTION:
    case BK_BYLINE:
      return 2;
    case BK_CAPTION:
      return 3;
    case BK_ANSWER:
      return 4;
    default:
      return -1;
  }
}

void store_fts_columns(const doc *d, buf *body, buf *captions, buf *answers) {
  buf *col[5] = {NULL, NULL, body, captions, answers};
  int used[5] = {0};
  for (size_t i = 0; i < d->blocks.n; i++) {
    int c = store_block_in_column(d->blocks.items[i].kind);
    if (c < 0) continue;
    if (used[c]) buf_addc(col[c], '\n');
    used[c] = 1;
    buf_adds(col[c], d->blocks.items[i].text ? d->blocks.items[i].text : "");
  }
}

static int set_meta(store *s, const char *key, const char *value, char **err) {
  sqlite3_stmt *st;
  if (sqlite3_prepare_v2(
          s->db, "INSERT OR REPLACE INTO meta(key, value) VALUES(?1,?2)", -1,
          &st, NULL) != SQLITE_OK) {
    *err = store_msg("%s", sqlite3_errmsg(s->db));
    return -1;
  }
  sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
  sqlite3_bind_text(st, 2, value, -1, SQLITE_STATIC);
  int rc = sqlite3_step(st);
  sqlite3_finalize(st);
  if (rc != SQLITE_DONE) {
    *err = store_msg("%s", sqlite3_errmsg(s->db));
    return -1;
  }
  return 0;
}

/*
** SQL tinsh_fold(x): the text layer's accent fold (text_fold_alloc), as
** the stdlib's core.fold (NULL stays NULL; text that is not UTF-8 is
** returned unchanged), so fact filters can match in SQL as analysts type.
*/
static void fold_fn(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
  (void)argc;
  const char *t = (const char *)sqlite3_value_text(argv[0]);
  if (!t) return;
  size_t n;
  char *f = text_fold_alloc(t, (size_t)sqlite3_value_bytes(argv[0]),
                            TEXT_FOLD_ACCENTS, &n);
  if (f)
    sqlite3_result_text(ctx, f, (int)n, free);
  else
    sqlite3_result_value(ctx, argv[0]);
}

/* The fact tables, as the schema descriptor declares them. */
static int create_facts(store *s, char **err) {
  char *sql = store_facts_schema();
  int rc = store_exec(s, sql, err);
  free(sql);
  return rc;
}

/*
** Create the schema in an empty database, or migrate an older one in place
** (one transaction per step). Refuses a database from a newer tinsh.
*/
static int migrate(store *s, char **err) {
  int have = 0;
  sqlite3_stmt *st;
  if (sqlite3_prepare_v2(s->db,
                         "SELECT count(*) FROM sqlite_schema WHERE name='meta'",
                         -1, &st, NULL) != SQLITE_OK) {
    *err = store_msg("%s", sqlite3_errmsg(s->db));
    return -1;
  }
  sqlite3_step(st);
  int has_meta = sqlite3_column_int(st, 0);
  sqlite3_finalize(st);
  if (has_meta) {
    char *v = store_meta(s, "schema_version");
    have = v ? atoi(v) : 0;
    free(v);
  } else if (sqlite3_prepare_v2(s->db, "SELECT count(*) FROM sqlite_schema", -1,
                                &st, NULL) == SQLITE_OK) {
    /* never add our tables to somebody else's database */
    int other = sqlite3_step(st) == SQLITE_ROW && sqlite3_column_int(st, 0);
    sqlite3_finalize(st);
    if (other) {
      *err = store_msg("not a tinsh database (it has other tables)");
      return -1;
    }
  }
  if (have > STORE_SCHEMA_VERSION) {
    *err = store_msg(
        "database schema version %d is newer than this tinsh "
        "(%d); upgrade tinsh",
        have, STORE_SCHEMA_VERSION);
    return -1;
  }
  if (have == STORE_SCHEMA_VERSION && !store_facts_missing(s)) return 0;
  if (store_exec(s, "BEGIN IMMEDIATE", err) != 0) return -1;
  char num[32];
  snprintf(num, sizeof num, "%d", STORE_SCHEMA_VERSION);
  int rc = 0;
  if (have < 1) /* empty -> 1 */
    rc = store_exec(s, schema_v1, err) || create_facts(s, err) ||
         store_exec(s, STORE_RANK_SQL, err) ||
         set_meta(s, "created_by", "tinsh " TINSH_VERSION, err);
  if (!rc && have < 2) /* 1 -> 2: FTS5 hash size */
    rc = store_exec(s, schema_v2, err);
  if (!rc && have < 3) /* 2 -> 3: FTS5 merge width and leaf size */
    rc = schema_v3(s, err);
  if (!rc && have < 4) /* 3 -> 4: fts_content linear in a document's size */
    rc = store_exec(s, schema_v4, err);
  if (!rc && have < 5) /* 4 -> 5: the document count in meta */
    rc = store_exec(s, schema_v5, err);
  if (!rc && have < 6) /* 5 -> 6: word tokens in the index, or not yet */
    rc = have < 1 ? store_exec(s, STORE_FTS_WORDS_SQL, err)
                  : set_meta(s, "fts_words", "0", err);
  if (!rc && have < 7) /* 6 -> 7: word statistics (store_wordstats.h) */
    rc = store_exec(s, WSTATS_SCHEMA_SQL, err);
  if (!rc && have < 8) /* 7 -> 8: token position maps (store_tokmap.h) */
    rc = store_exec(s, TOKMAP_SCHEMA_SQL, err);
  if (!rc && have < 9) /* 8 -> 9: each document's words (doc_words) */
    rc = store_exec(s, WSTATS_DOC_SQL, err);
  /* 9 -> 10: a new file's index has dominant forms (store_fts_mode); an
  ** older one keeps both forms of every token until a full --reparse */
  if (!rc) /* fields added to fact_schema.h since the file was made */
    rc = store_facts_add_columns(s, err);
  if (!rc) rc = set_meta(s, "schema_version", num, err);
  if (rc) {
    sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
    return -1;
  }
  return store_exec(s, "COMMIT", err);
}

int store_boot_id(char *out, size_t n) {
  FILE *fp = fopen("/proc/sys/kernel/random/boot_id", "r");
  if (!fp) return -1;
  int ok = fgets(out, (int)n, fp) != NULL;
  fclose(fp);
  if (!ok) return -1;
  out[strcspn(out, "\n")] = '\0';
  return out[0] ? 0 : -1;
}

/* A bulk_load mark (store_ingest.c) from another boot: the file may be
** damaged. Only read here; the next ingest checks the file and drops it. */
static void check_bulk_mark(store *s) {
  char *mark = store_meta(s, "bulk_load");
  char boot[64];
  if (mark && (store_boot_id(boot, sizeof boot) != 0 || strcmp(mark, boot)))
    s->warning =
        "its first ingest was cut short by a system crash or restart "
        "before it was synced, and the file may be damaged; 'tinsh ingest' "
        "checks it";
  free(mark);
}

const char *store_warning(store *s) {
  return s->warning;
}

/*
** Open path read-only as an immutable file (a "file:" URI, the name's %,
** ? and # escaped): SQLite takes no lock and neither reads nor creates a
** -wal or -shm beside it. sqlite3_open_v2's answer.
*/
static int open_immutable(const char *path, sqlite3 **db) {
  buf uri;
  buf_init(&uri);
  buf_adds(&uri, "file:");
  for (const char *c = path; *c; c++) {
    if (*c == '%' || *c == '?' || *c == '#') {
      char hex[4];
      snprintf(hex, sizeof hex, "%%%02X", (unsigned char)*c);
      buf_adds(&uri, hex);
    } else {
      buf_addc(&uri, *c);
    }
  }
  buf_adds(&uri, "?immutable=1");
  int rc = sqlite3_open_v2(
      uri.data, db,
      SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_URI, NULL);
  buf_free(&uri);
  return rc;
}

/*
** Before a read-write open of an existing non-empty file: look at it
** through a read-only connection (which writes nothing: no journal-mode
** change, no -wal/-shm for a rollback-journal file) and refuse, with the
** reason in *err, a file that is not a database, a database with other
** tables and no tinsh meta table, or a newer tinsh schema. Only then does
** store_open reopen it read-write, so that a refused file keeps its bytes.
** Returns 0 (go ahead: absent, empty, or a tinsh database) or -1.
*/
static int preflight(const char *path, char **err) {
  struct stat sb;
  if (stat(path, &sb) != 0 || (S_ISREG(sb.st_mode) && sb.st_size == 0))
    return 0; /* created (or refused) by the read-write open */
  if (!S_ISREG(sb.st_mode)) {
    *err = store_msg("not a regular file");
    return -1;
  }
  /* with no -wal and no -shm beside it the file holds everything: read it
  ** as immutable, so that even a WAL-mode file gets no -wal/-shm created
  ** (a read-only connection would leave them behind) */
  char *side = store_msg("%s-wal", path);
  int quiet = access(side, F_OK) != 0;
  free(side);
  side = store_msg("%s-shm", path);
  quiet = quiet && access(side, F_OK) != 0;
  free(side);
  sqlite3 *db = NULL;
  int orc =
      quiet ? open_immutable(path, &db)
            : sqlite3_open_v2(path, &db,
                              SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, NULL);
  if (orc != SQLITE_OK) {
    *err = store_msg("%s", db ? sqlite3_errmsg(db) : "out of memory");
    sqlite3_close_v2(db);
    return -1;
  }
  sqlite3_busy_timeout(db, 10000);
  sqlite3_stmt *st = NULL;
  int rc = 0;
  if (sqlite3_prepare_v2(db,
                         "SELECT (SELECT count(*) FROM sqlite_schema),"
                         " (SELECT count(*) FROM sqlite_schema"
                         "  WHERE name = 'meta' AND type = 'table')",
                         -1, &st, NULL) != SQLITE_OK ||
      sqlite3_step(st) != SQLITE_ROW) {
    *err = store_msg("%s", sqlite3_errmsg(db));
    rc = -1;
  } else if (sqlite3_column_int(st, 1) == 0) {
    if (sqlite3_column_int(st, 0) != 0) {
      *err = store_msg("not a tinsh database (it has other tables)");
      rc = -1;
    }
  } else {
    sqlite3_finalize(st);
    st = NULL;
    int have = 0;
    if (sqlite3_prepare_v2(db,
                           "SELECT value FROM meta WHERE key = "
                           "'schema_version'",
                           -1, &st, NULL) == SQLITE_OK &&
        sqlite3_step(st) == SQLITE_ROW)
      have = sqlite3_column_int(st, 0);
    if (have > STORE_SCHEMA_VERSION) {
      *err = store_msg(
          "database schema version %d is newer than this tinsh "
          "(%d); upgrade tinsh",
          have, STORE_SCHEMA_VERSION);
      rc = -1;
    }
  }
  sqlite3_finalize(st);
  sqlite3_close_v2(db);
  return rc;
}

/* store_untrusted_check against a fresh in-memory tinsh database */
static int check_untrusted(sqlite3 *db, char **err) {
  store *ref = NULL;
  if (store_open(":memory:", STORE_READWRITE, &ref, err) != 0) return -1;
  int rc = store_untrusted_check(db, ref->db, err);
  store_close(ref);
  return rc;
}

int store_open(const char *path, int mode, store **out, char **err) {
  *out = NULL;
  *err = NULL;
  store *s = xcalloc(1, sizeof *s);
  s->path = xstrdup(path);
  s->lockfd = -1;
  s->readonly = mode != STORE_READWRITE;
  int untrusted = mode == STORE_UNTRUSTED;
  /* a connection is only ever used by one thread at a time (ingest's
  ** workers never touch it): no per-call mutex */
  int fl = SQLITE_OPEN_NOMUTEX |
           (s->readonly ? SQLITE_OPEN_READONLY
                        : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
  if (s->readonly && access(path, F_OK) != 0) {
    *err = store_msg("%s", strerror(errno));
    store_close(s);
    return -1;
  }
  if (!s->readonly && strcmp(path, ":memory:") && preflight(path, err) != 0) {
    store_close(s);
    return -1;
  }
  if ((untrusted ? open_immutable(path, &s->db)
                 : sqlite3_open_v2(path, &s->db, fl, NULL)) != SQLITE_OK) {
    *err = store_msg("%s", s->db ? sqlite3_errmsg(s->db) : "out of memory");
    store_close(s);
    return -1;
  }
  if (untrusted) store_untrusted_harden(s->db);
  sqlite3_busy_timeout(s->db, 10000);
  sqlite3_extended_result_codes(s->db, 1);
  /* fts3_tokenizer(name, pointer) off on every connection: Debian's
  ** SQLite (SQLITE_ENABLE_FTS3_TOKENIZER) lets any SQL register a tokenizer
  ** at an address it chooses, called once an fts3 table of a database
  ** file names it (red team 2026-12-05: a segfault at 0x4141414141414141
  ** from --sandbox, through a file the script wrote in --out). tinsh has
  ** no fts3 table and never registers a tokenizer by SQL. */
  sqlite3_db_config(s->db, SQLITE_DBCONFIG_ENABLE_FTS3_TOKENIZER, 0,
                    (int *)NULL);
  if (fts_register(s->db) != SQLITE_OK ||
      !(s->content = store_content_register(s->db, s->readonly)) ||
      sqlite3_create_function(
          s->db, "tinsh_fold", 1,
          SQLITE_UTF8 | SQLITE_INNOCUOUS | SQLITE_DETERMINISTIC, NULL, fold_fn,
          NULL, NULL) != SQLITE_OK) {
    *err = store_msg("cannot register the FTS5 tokenizer");
    store_close(s);
    return -1;
  }
  int rc = 0;
  if (s->readonly) {
    rc = store_exec(s, "PRAGMA query_only = 1", err);
    if (rc == 0 && untrusted) rc = check_untrusted(s->db, err);
    char *v = rc == 0 ? store_meta(s, "schema_version") : NULL;
    if (rc == 0 && !v) {
      /* distinguish "not a database" from "not a tinsh database" */
      rc = store_exec(s, "SELECT count(*) FROM sqlite_schema", err);
      if (rc == 0) {
        *err = store_msg("not a tinsh database");
        rc = -1;
      }
    } else if (v && atoi(v) > STORE_SCHEMA_VERSION) {
      *err =
          store_msg("database schema version %s is newer than this tinsh", v);
      rc = -1;
    }
    free(v);
  } else {
    /* 8 KB pages for a new file (a no-op on an existing one): an ingest
    ** of the 35k corpus measured ~8 % less CPU than with 4 KB pages
    ** (fewer page splits and WAL frames per document). Must precede WAL. */
    rc = store_exec(s,
                    "PRAGMA page_size = 8192;"
                    "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;"
                    "PRAGMA foreign_keys = OFF",
                    err);
    if (rc == 0) rc = migrate(s, err);
  }
  if (rc != 0) {
    store_close(s);
    return -1;
  }
  check_bulk_mark(s);
  *out = s;
  return 0;
}

/*
** A writing handle checkpoints the WAL into the database and truncates it
** before it closes, so later start-ups have no WAL to read (SQLite only
** does this itself for the last connection, and the last one is often a
** reader, which cannot). It does not wait: with a reader in the middle of
** a transaction the checkpoint does what it can and the rest waits for
** the next writer.
*/
static void checkpoint_on_close(store *s) {
  if (s->readonly || !s->db) return;
  sqlite3_busy_timeout(s->db, 0);
  sqlite3_exec(s->db, "PRAGMA wal_checkpoint(TRUNCATE)", NULL, NULL, NULL);
}

void store_close(store *s) {
  if (!s) return;
  checkpoint_on_close(s);
  store_content_finalize(s->content); /* freed with the connection */
  sqlite3_close_v2(s->db);
  /* after the connection: closing a descriptor of the database file drops
  ** every POSIX lock this process holds on it, SQLite's included */
  if (s->lockfd >= 0) close(s->lockfd);
  free(s->path);
  free(s);
}

sqlite3 *store_db(store *s) {
  return s->db;
}

const char *store_path(store *s) {
  return s->path;
}

const char *store_errmsg(store *s) {
  return sqlite3_errmsg(s->db);
}

/* ---- documents ---- */

struct store_iter {
  sqlite3_stmt *st;
};

#define DOCINFO_COLS \
  "id, doc_id, path, title, published, author, site, lead, url, size"

static void read_docinfo(sqlite3_stmt *st, store_docinfo *d) {
  d->id = sqlite3_column_int64(st, 0);
  d->doc_id = (const char *)sqlite3_column_text(st, 1);
  d->path = (const char *)sqlite3_column_text(st, 2);
  d->title = (const char *)sqlite3_column_text(st, 3);
  d->published = (const char *)sqlite3_column_text(st, 4);
  d->author = (const char *)sqlite3_column_text(st, 5);
  d->site = (const char *)sqlite3_column_text(st, 6);
  d->lead = (const char *)sqlite3_column_text(st, 7);
  d->url = (const char *)sqlite3_column_text(st, 8);
  d->size = sqlite3_column_int64(st, 9);
}

store_iter *store_docs(store *s, const char *sql_where, char **err) {
  char *sql =
      sqlite3_mprintf("SELECT " DOCINFO_COLS " FROM documents %s%s ORDER BY id",
                      sql_where ? "WHERE " : "", sql_where ? sql_where : "");
  sqlite3_stmt *st = NULL;
  int rc = sqlite3_prepare_v2(s->db, sql, -1, &st, NULL);
  sqlite3_free(sql);
  if (rc != SQLITE_OK) {
    *err = store_msg("%s", sqlite3_errmsg(s->db));
    return NULL;
  }
  store_iter *it = xcalloc(1, sizeof *it);
  it->st = st;
  return it;
}

int store_docs_next(store_iter *it, store_docinfo *out) {
  int rc = sqlite3_step(it->st);
  if (rc == SQLITE_ROW) {
    read_docinfo(it->st, out);
    return 1;
  }
  return rc == SQLITE_DONE ? 0 : -1;
}

void store_docs_close(store_iter *it) {
  if (!it) return;
  sqlite3_finalize(it->st);
  free(it);
}

/* The count kept in meta (schema 5); a database opened read-only from an
** older tinsh has none and is counted. */
int store_fts_words(store *s) {
  sqlite3_stmt *st;
  int yes = 0;
  if (sqlite3_prepare_v2(s->db,
                         "SELECT value = '1' FROM meta WHERE key = 'fts_words'",
                         -1, &st, NULL) != SQLITE_OK)
    return 0;
  if (sqlite3_step(st) == SQLITE_ROW) yes = sqlite3_column_int(st, 0);
  sqlite3_finalize(st);
  return yes;
}

/*
** A full --reparse of a file made before schema version 10 first makes
** its index anew with dominant forms (fts.h), in one transaction: the
** table dropped, declared as schema_v1 declares it, configured as
** versions 2 and 3 and STORE_RANK_SQL configure it, and filled by FTS5's
** 'rebuild' (every document read through fts_content and tokenized by
** the connection's tokenizer, with the index's lexicon). Either the old
** index stays or the whole new one is there; the reparse then replaces
** each document's row as usual.
*/
int store_fts_upgrade(store *s, char **err) {
  if (store_exec(s, "BEGIN IMMEDIATE", err) != 0) return -1;
  int rc = store_exec(s, "DROP TABLE fts;" FTS_TABLE_SQL, err) ||
           store_exec(s, schema_v2, err) || schema_v3(s, err) ||
           store_exec(s, STORE_RANK_SQL, err) ||
           store_exec(s, "INSERT INTO fts(fts) VALUES('rebuild')", err) ||
           store_exec(s, "COMMIT", err);
  if (rc) sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
  return rc ? -1 : 0;
}

int store_fts_mode(store *s) {
  sqlite3_stmt *st;
  int mode = FTS_DOCUMENT;
  if (sqlite3_prepare_v2(s->db,
                         "SELECT sql FROM sqlite_master WHERE type = 'table' "
                         "AND name = 'fts'",
                         -1, &st, NULL) != SQLITE_OK)
    return mode;
  const char *sql = sqlite3_step(st) == SQLITE_ROW
                        ? (const char *)sqlite3_column_text(st, 0)
                        : NULL;
  if (sql && strstr(sql, FTS_TOKENIZE_FORMS)) mode = FTS_INDEX;
  sqlite3_finalize(st);
  return mode;
}

int64_t store_doc_count(store *s) {
  int64_t n = store_int(
      s, "SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'doc_count'",
      NULL, -1);
  return n >= 0 ? n : store_int(s, "SELECT count(*) FROM documents", NULL, 0);
}

int64_t store_doc_by_path(store *s, const char *path) {
  return store_int(s, "SELECT id FROM documents WHERE path = ?1", path, 0);
}

/* Copy column i of st into d's arena (NULL stays NULL). */
static char *col_str(doc *d, sqlite3_stmt *st, int i) {
  const char *t = (const char *)sqlite3_column_text(st, i);
  return t ? doc_str(d, t, (size_t)sqlite3_column_bytes(st, i)) : NULL;
}

/* Prepare "SELECT cols FROM table WHERE doc = id ORDER BY seq". */
static sqlite3_stmt *rows_of(store *s, const char *cols, const char *table,
                             int64_t id) {
  char *sql = sqlite3_mprintf("SELECT %s FROM %s WHERE doc = ?1 ORDER BY seq",
                              cols, table);
  sqlite3_stmt *st = NULL;
  sqlite3_prepare_v2(s->db, sql, -1, &st, NULL);
  sqlite3_free(sql);
  if (st) sqlite3_bind_int64(st, 1, id);
  return st;
}

/*
** Blocks from block_rows; a NULL text is the block's span of d->text. A
** row whose span leaves the text, or whose kind is not a string, is
** damaged: it is skipped and named in the document's warnings (the rest
** of the document still loads).
*/
static void load_blocks(store *s, doc *d, int64_t id) {
  sqlite3_stmt *st = rows_of(s, "kind, off, len, text, seq", "block_rows", id);
  while (st && sqlite3_step(st) == SQLITE_ROW) {
    const char *kn = (const char *)sqlite3_column_text(st, 0);
    int k = kn ? doc_kind_from_name(kn) : -1;
    int64_t off = sqlite3_column_int64(st, 1);
    int64_t len = sqlite3_column_int64(st, 2);
    if (!util_span_ok(off, len, d->text_len)) {
      doc_warn(d,
               "damaged database: block %lld has span %lld+%lld outside "
               "the text (%zu bytes); skipped",
               (long long)sqlite3_column_int64(st, 4), (long long)off,
               (long long)len, d->text_len);
      continue;
    }
    char *text = col_str(d, st, 3);
    if (!text) text = doc_str(d, d->text ? d->text + off : "", (size_t)len);
    doc_block b = {k < 0 ? BK_PARAGRAPH : (doc_kind)k, text, (size_t)off,
                   (size_t)len};
    VEC_PUSH(d->blocks, b);
  }
  sqlite3_finalize(st);
}

doc *store_doc_load(store *s, int64_t id) {
  sqlite3_stmt *st;
  if (sqlite3_prepare_v2(s->db,
                         "SELECT doc_id, path, title, published, author, "
                         "site, lead, text FROM documents WHERE id = ?1",
                         -1, &st, NULL) != SQLITE_OK)
    return NULL;
  sqlite3_bind_int64(st, 1, id);
  doc *d = NULL;
  if (sqlite3_step(st) == SQLITE_ROW) {
    d = doc_new((const char *)sqlite3_column_text(st, 1));
    const char *h = (const char *)sqlite3_column_text(st, 0);
    snprintf(d->id, sizeof d->id, "%s", h ? h : "");
    d->title = col_str(d, st, 2);
    d->published = col_str(d, st, 3);
    d->author = col_str(d, st, 4);
    d->site = col_str(d, st, 5);
    d->lead = col_str(d, st, 6);
    d->text = col_str(d, st, 7);
    d->text_len = (size_t)sqlite3_column_bytes(st, 7);
  }
  sqlite3_finalize(st);
  if (!d) return NULL;
  load_blocks(s, d, id);
  store_facts_load(s, d, id);
  return d;
}

char *store_doc_raw(store *s, int64_t id, size_t *len) {
  sqlite3_stmt *st;
  char *r = NULL;
  if (sqlite3_prepare_v2(s->db, "SELECT raw FROM documents_raw WHERE id = ?1",
                         -1, &st, NULL) != SQLITE_OK)
    return NULL;
  sqlite3_bind_int64(st, 1, id);
  if (sqlite3_step(st) == SQLITE_ROW) {
    const void *p = sqlite3_column_blob(st, 0);
    size_t n = (size_t)sqlite3_column_bytes(st, 0);
    r = xmalloc(n + 1);
    if (n) memcpy(r, p, n);
    r[n] = 0;
    if (len) *len = n;
  }
  sqlite3_finalize(st);
  return r;
}

sqlite3_stmt *store_facts(store *s, const char *table, int64_t doc,
                          char **err) {
  if (strcmp(table, "blocks") != 0 && !fact_kind_by_table(table)) {
    *err = store_msg("unknown fact table '%s'", table);
    return NULL;
  }
  char *sql = sqlite3_mprintf("SELECT * FROM %s %s ORDER BY doc, seq", table,
                              doc > 0 ? "WHERE doc = ?1" : "");
  sqlite3_stmt *st = NULL;
  int rc = sqlite3_prepare_v2(s->db, sql, -1, &st, NULL);
  sqlite3_free(sql);
  if (rc != SQLITE_OK) {
    *err = store_msg("%s", sqlite3_errmsg(s->db));
    return NULL;
  }
  if (doc > 0) sqlite3_bind_int64(st, 1, doc);
  return st;
}
