/*
** store_ingest.c — files in, documents out: a sorted walk, worker threads
** that read, hash and parse, one writer (the calling thread) that decides
** new / changed / unchanged / moved / duplicate and writes in batched
** transactions. Results are written in walk order whatever the order the
** workers finish in, so runs are deterministic.
**
** Crash safety comes from SQLite (WAL, one transaction per batch): a
** killed ingest leaves the last committed batch; the next run sees the
** rest as new and completes it. The first ingest into an empty database
** writes unsynced and syncs at the end (see "bulk load" below).
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
#include "pipeline.h"
#include "store_int.h"

enum { FMT_TEXT, FMT_JSON, FMT_JSONL, FMT_NONE };
static const char *const fmt_name[] = {"text", "json", "json"};

/* One parsed document of a job. */
typedef struct item {
  doc *d;
  const char *raw; /* raw bytes of this document (inside job->bytes) */
  size_t rawlen;
  char hash[17];
  char *url;  /* malloc'd or NULL */
  int record; /* JSON record number (1-based), 0 for text files */
  /* FTS columns, prepared by the worker: title, lead, body, captions,
  ** answers (text NULL = SQL NULL) with their pre-computed tokens */
  buf cols[3];
  fts_replay fts[5];
  /* raw bytes vs normalised text: equal first raw_pre and last raw_suf
  ** bytes (raw_same: identical); per block, whether its text must be
  ** stored (it is not exactly its span of the text) */
  size_t raw_pre, raw_suf;
  int raw_same;
  unsigned char *block_text;
} item;

typedef struct job {
  char *path; /* absolute path of the file */
  int64_t size, mtime_ns;
  int format;
  int64_t reparse; /* > 0: re-derive this stored document */
  int record;      /* reparse: its record number */
  /* filled by the worker */
  char *bytes;
  size_t len;
  char hash[17];
  int64_t max;             /* size cap (store_ingest_opts.max_file_size) */
  char *why;               /* malloc'd failure reason, or NULL */
  VEC(char *) line_errors; /* .jsonl: bad lines, reported; the rest is kept */
  VEC(item) items;
  int done;
} job;

#define RING 64

/*
** The FTS row of a document that replaces one under the same id (a changed
** file, --reparse) waits in the ingest until FTS_LATER of them are pending
** or the batch ends, then all are inserted in id order. FTS5 flushes its
** in-memory index into a new segment whenever a rowid comes again, so a
** delete and an insert of each document in turn made one tiny segment per
** document, and the merging of those dominated a --reparse.
*/
typedef struct fts_row {
  int64_t id;
  char *title, *lead; /* copies: the document goes with its job */
  buf cols[3];        /* body, captions, answers (taken from the item) */
  fts_replay fts[5];
} fts_row;
#define FTS_LATER 500

typedef struct ingest {
  store *s;
  const store_ingest_opts *o;
  store_ingest_stats *st;
  char **err;
  int64_t run;             /* ingest_log.id */
  int walking_totals;      /* first pass: count only */
  int bulk_mark;           /* meta 'bulk_load' is set: sync, then clear it */
  int failed;              /* a database error happened */
  store_ingest_stats kept; /* the counts as of the last COMMIT */
  char *dbreal;            /* realpath of the database (skipped by the walk) */
  VEC(struct stat) stack;  /* folders being walked (symlink cycles) */
  /* worker pool */
  pthread_mutex_t mu;
  pthread_cond_t work_cv, done_cv;
  job ring[RING];
  int64_t submitted, taken, written;
  int quit, nthreads;
  pthread_t *threads;
  VEC(fts_row) later; /* FTS rows of replaced documents, not yet written */
  /* transactions and progress */
  int in_batch;
  int64_t in_tx;    /* jobs written in the current transaction */
  int64_t tx_bytes; /* and their bytes */
  struct timespec t0, last_commit, last_progress;
  /* prepared statements */
  sqlite3_stmt *q_file, *q_file_by_hash, *q_doc_by_hash, *ins_doc, *ins_block,
      *ins_fts, *ins_file, *upd_file_stat, *ins_people, *ins_fig, *ins_ref,
      *ins_per, *ins_place, *ins_quote, *ins_abbr, *ins_qa, *ins_warn, *ins_err,
      *q_fts_old, *del_fts;
} ingest;

/* ---- time ---- */

static double since(const struct timespec *a) {
  struct timespec b;
  clock_gettime(CLOCK_MONOTONIC, &b);
  return (double)(b.tv_sec - a->tv_sec) +
         (double)(b.tv_nsec - a->tv_nsec) / 1e9;
}

static void now_iso(char *out, size_t n) {
  time_t t = time(NULL);
  struct tm tm;
  gmtime_r(&t, &tm);
  strftime(out, n, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

static void hex64(uint64_t h, char out[17]) {
  snprintf(out, 17, "%016llx", (unsigned long long)h);
}

/* ---- parsing (worker side) ---- */

static int format_of(const char *path) {
  const char *dot = strrchr(path, '.');
  const char *slash = strrchr(path, '/');
  if (!dot || (slash && dot < slash)) return FMT_NONE;
  if (!strcasecmp(dot, ".txt") || !strcasecmp(dot, ".md")) return FMT_TEXT;
  if (!strcasecmp(dot, ".jsonl") || !strcasecmp(dot, ".ndjson"))
    return FMT_JSONL;
  if (!strcasecmp(dot, ".json")) return FMT_JSON;
  return FMT_NONE;
}

static void set_doc_id(doc *d) {
  if (d->id[0]) return;
  hex64(util_hash64(d->text ? d->text : "", d->text_len), d->id);
}

/* An ISO-looking date ("2024-03-04...") is trusted as published. */
static int iso_date(const char *s) {
  return s && strlen(s) >= 10 && s[4] == '-' && s[7] == '-' && s[0] >= '0' &&
         s[0] <= '9';
}

/*
** Parse one JSON record raw[0..n) into an item (record number rec).
** Returns 0, or -1 with *why (static) on a syntax error.
*/
static int parse_record(const char *path, const char *raw, size_t n, int rec,
                        item *it, const char **why) {
  json_rec r;
  long used = json_object(raw, n, &r, why);
  if (used < 0) return -1;
  n = (size_t)used;
  buf t;
  buf_init(&t);
  if (r.title) buf_adds(&t, r.title), buf_adds(&t, "\n\n");
  if (r.date) buf_adds(&t, r.date), buf_adds(&t, "\n\n");
  if (r.body) buf_adds(&t, r.body);
  char *p = sqlite3_mprintf("%s#%d", path, rec);
  doc *d = pipeline_document(p, t.data ? t.data : "", t.len, 0);
  sqlite3_free(p);
  buf_free(&t);
  if (r.title) d->title = doc_str(d, r.title, strlen(r.title));
  if (iso_date(r.date)) d->published = doc_str(d, r.date, strlen(r.date));
  set_doc_id(d);
  it->d = d;
  it->raw = raw;
  it->rawlen = n;
  hex64(util_hash64(raw, n), it->hash);
  it->url = r.url ? xstrdup(r.url) : NULL;
  it->record = rec;
  json_rec_free(&r);
  return 0;
}

/* Worker side: the FTS column texts of it->d and their tokens. */
static void prepare_fts(item *it) {
  const doc *d = it->d;
  /* what write_doc stores of the raw bytes and of the blocks' texts */
  size_t pre = 0, suf = 0,
         m = it->rawlen < d->text_len ? it->rawlen : d->text_len;
  const char *tx = d->text ? d->text : "";
  while (pre < m && it->raw[pre] == tx[pre]) pre++;
  while (suf < m - pre &&
         it->raw[it->rawlen - 1 - suf] == tx[d->text_len - 1 - suf])
    suf++;
  it->raw_pre = pre, it->raw_suf = suf;
  it->raw_same = pre == it->rawlen && pre == d->text_len;
  it->block_text = xcalloc(d->blocks.n + 1, 1);
  for (size_t i = 0; i < d->blocks.n; i++) {
    const doc_block *b = &d->blocks.items[i];
    const char *bt = b->text ? b->text : "";
    size_t bl = strlen(bt);
    it->block_text[i] = !(bl == b->len && b->off + b->len <= d->text_len &&
                          d->text && memcmp(d->text + b->off, bt, bl) == 0);
  }
  int has[3] = {0};
  for (size_t i = 0; i < d->blocks.n; i++) {
    int c = store_block_in_column(d->blocks.items[i].kind);
    if (c >= 2) has[c - 2] = 1;
  }
  for (int c = 0; c < 3; c++) buf_init(&it->cols[c]);
  store_fts_columns(d, &it->cols[0], &it->cols[1], &it->cols[2]);
  const char *t[5] = {d->title, d->lead, NULL, NULL, NULL};
  for (int c = 0; c < 3; c++)
    if (has[c]) t[c + 2] = it->cols[c].data ? it->cols[c].data : "";
  for (int c = 0; c < 5; c++) {
    it->fts[c].text = t[c];
    it->fts[c].len = t[c] ? (int)strlen(t[c]) : 0;
    it->fts[c].tokens = fts_pretokenize(t[c], it->fts[c].len);
  }
}

static void item_free(item *it) {
  doc_free(it->d);
  free(it->url);
  for (int c = 0; c < 3; c++) buf_free(&it->cols[c]);
  for (int c = 0; c < 5; c++) fts_tokens_free((fts_tokens *)it->fts[c].tokens);
  free(it->block_text);
}

static void job_fail(job *j, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
static void job_fail(job *j, const char *fmt, ...) {
  char tmp[512];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(tmp, sizeof tmp, fmt, ap);
  va_end(ap);
  free(j->why);
  j->why = xstrdup(tmp);
}

/* Split a .json (object or array of objects) or .jsonl file into items. */
static void parse_json_file(job *j) {
  const char *s = j->bytes, *why = NULL;
  size_t n = j->len, i = 0;
  int rec = 0;
  if (n >= 3 && !memcmp(s, "\xEF\xBB\xBF", 3)) i = 3; /* BOM */
  while (i < n && strchr(" \t\r\n", s[i])) i++;
  int array = j->format == FMT_JSON && i < n && s[i] == '[';
  if (array) i++;
  long line = 1;
  for (;;) {
    while (i < n && strchr(" \t\r\n,", s[i])) {
      if (s[i] == '\n') line++;
      i++;
    }
    if (i >= n || (array && s[i] == ']')) break;
    item it = {0};
    if (parse_record(j->path, s + i, n - i, ++rec, &it, &why) != 0) {
      if (j->format != FMT_JSONL) {
        job_fail(j, "invalid JSON (%s) at line %ld", why, line);
        return;
      }
      /* one bad line of a .jsonl loses only itself: report it, go on */
      char tmp[256];
      snprintf(tmp, sizeof tmp, "line %ld: invalid JSON (%s)", line, why);
      VEC_PUSH(j->line_errors, xstrdup(tmp));
      while (i < n && s[i] != '\n') i++;
      continue;
    }
    for (size_t k = i; k < i + it.rawlen; k++)
      if (s[k] == '\n') line++;
    i += it.rawlen;
    VEC_PUSH(j->items, it);
    if (j->format == FMT_JSON && !array) break;
  }
  if (j->items.n == 0 && j->line_errors.n > 0)
    job_fail(j, "no valid JSON record (%zu invalid lines)", j->line_errors.n);
}

#define DEFAULT_MAX_FILE_SIZE ((int64_t)64 << 20)

/* The size cap of this run. */
static int64_t max_size(const store_ingest_opts *o) {
  return o->max_file_size > 0 ? o->max_file_size : DEFAULT_MAX_FILE_SIZE;
}

/* The reason a file over the cap is skipped, into out. */
static void too_large(int64_t max, char *out, size_t n) {
  if (max % (1 << 20) == 0)
    snprintf(out, n, "larger than %lld MiB (--max-file-size), skipped",
             (long long)(max >> 20));
  else
    snprintf(out, n, "larger than %lld bytes (--max-file-size), skipped",
             (long long)max);
}

/*
** Parsing a file costs several times its size in memory (the parse tree,
** the normalised text, the FTS columns). Before parsing, try to allocate
** that much once: under a memory cap (ulimit -v) a file that cannot fit
** then fails alone, with its name, instead of aborting the whole run in
** the middle of the parser. A heuristic (the factor was measured on
** multi-paragraph articles: peak RSS about 8.6 x the file size).
*/
#define PARSE_MEMORY_FACTOR 10

static int memory_for(size_t len) {
  if (len < (1 << 20)) return 1;
  if (len > SIZE_MAX / PARSE_MEMORY_FACTOR) return 0;
  void *p = malloc(len * PARSE_MEMORY_FACTOR);
  free(p);
  return p != NULL;
}

/*
** Read a job's file (util_read_file_ex: never past its size cap, never
** blocking, never aborting; a FIFO or device put in its place after the
** walk's stat is refused). Returns 0, or -1 with the reason in j->why.
*/
static int read_job_file(job *j) {
  if (util_read_file_ex(j->path, j->max, UTIL_READ_REGULAR, &j->bytes,
                        &j->len) == 0)
    return 0;
  char why[96];
  if (errno == EFBIG) {
    too_large(j->max, why, sizeof why);
    job_fail(j, "%s", why);
  } else if (errno == EINVAL) {
    job_fail(j, "not a regular file, skipped");
  } else if (errno == ENOMEM) {
    job_fail(j, "out of memory reading it");
  } else {
    job_fail(j, "%s", strerror(errno));
  }
  return -1;
}

/* Worker: read, hash and parse one job (no database access). */
static void run_job(job *j) {
  if (!j->reparse) {
    if (read_job_file(j) != 0) return;
  }
  if (!memory_for(j->len)) {
    job_fail(j, "not enough memory to parse it (%zu bytes)", j->len);
    return;
  }
  hex64(util_hash64(j->bytes, j->len), j->hash);
  if (j->len == 0) return; /* empty: the writer skips it */
  if (j->format == FMT_TEXT) {
    item it = {0};
    it.d = pipeline_document(j->path, j->bytes, j->len, 0);
    set_doc_id(it.d);
    it.raw = j->bytes;
    it.rawlen = j->len;
    memcpy(it.hash, j->hash, 17);
    VEC_PUSH(j->items, it);
  } else if (j->reparse) {
    const char *why;
    item it = {0};
    if (parse_record(j->path, j->bytes, j->len, j->record, &it, &why) != 0)
      job_fail(j, "invalid JSON (%s)", why);
    else
      VEC_PUSH(j->items, it);
  } else {
    parse_json_file(j);
  }
  for (size_t i = 0; i < j->items.n; i++) prepare_fts(&j->items.items[i]);
}

static void job_clear(job *j) {
  for (size_t i = 0; i < j->items.n; i++) item_free(&j->items.items[i]);
  for (size_t i = 0; i < j->line_errors.n; i++) free(j->line_errors.items[i]);
  free(j->line_errors.items);
  free(j->items.items);
  free(j->path);
  free(j->bytes);
  free(j->why);
  memset(j, 0, sizeof *j);
}

static void *worker(void *arg) {
  ingest *g = arg;
  pthread_mutex_lock(&g->mu);
  for (;;) {
    while (!g->quit && g->taken == g->submitted)
      pthread_cond_wait(&g->work_cv, &g->mu);
    if (g->taken == g->submitted) break; /* quit and nothing left */
    job *j = &g->ring[g->taken++ % RING];
    pthread_mutex_unlock(&g->mu);
    run_job(j);
    pthread_mutex_lock(&g->mu);
    j->done = 1;
    pthread_cond_broadcast(&g->done_cv);
  }
  pthread_mutex_unlock(&g->mu);
  return NULL;
}

/* ---- writer side: SQL ---- */

static int prep(ingest *g, sqlite3_stmt **st, const char *sql) {
  if (sqlite3_prepare_v3(g->s->db, sql, -1, SQLITE_PREPARE_PERSISTENT, st,
                         NULL) == SQLITE_OK)
    return 0;
  *g->err = store_msg("%s", sqlite3_errmsg(g->s->db));
  return -1;
}

static int prepare_all(ingest *g) {
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
         prep(g, &g->ins_people, "INSERT INTO people VALUES(?1,?2,?3,?4,?5)") ||
         prep(g, &g->ins_fig,
              "INSERT INTO figures VALUES(?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,"
              "?12)") ||
         prep(g, &g->ins_ref,
              "INSERT INTO refs VALUES(?1,?2,?3,?4,?5,?6,?7)") ||
         prep(g, &g->ins_per,
              "INSERT INTO periods VALUES(?1,?2,?3,?4,?5,?6,?7)") ||
         prep(g, &g->ins_place, "INSERT INTO places VALUES(?1,?2,?3,?4,?5)") ||
         prep(g, &g->ins_quote, "INSERT INTO quotes VALUES(?1,?2,?3)") ||
         prep(g, &g->q_fts_old,
              "SELECT title, lead, body, captions, answers FROM fts_content "
              "WHERE id = ?1") ||
         prep(g, &g->del_fts,
              "INSERT INTO fts(fts, rowid, title, lead, body, captions, "
              "answers) VALUES('delete', ?1, ?2, ?3, ?4, ?5, ?6)") ||
         prep(g, &g->ins_abbr, "INSERT INTO abbrevs VALUES(?1,?2,?3,?4)") ||
         prep(g, &g->ins_qa, "INSERT INTO qa VALUES(?1,?2,?3,?4,?5)") ||
         prep(g, &g->ins_warn, "INSERT INTO warnings VALUES(?1,?2,?3)") ||
         prep(g, &g->ins_err, "INSERT INTO ingest_errors VALUES(?1,?2,?3)");
}

static void finalize_all(ingest *g) {
  sqlite3_stmt **all[] = {
      &g->q_file,     &g->q_file_by_hash, &g->q_doc_by_hash, &g->ins_doc,
      &g->ins_block,  &g->ins_fts,        &g->ins_file,      &g->upd_file_stat,
      &g->ins_people, &g->ins_fig,        &g->ins_ref,       &g->ins_per,
      &g->ins_place,  &g->ins_quote,      &g->ins_abbr,      &g->ins_qa,
      &g->ins_warn,   &g->ins_err,        &g->q_fts_old,     &g->del_fts};
  for (size_t i = 0; i < sizeof all / sizeof *all; i++) {
    sqlite3_finalize(*all[i]);
    *all[i] = NULL;
  }
}

/* Step a write statement and reset it; records the error once. */
static int step(ingest *g, sqlite3_stmt *st) {
  int rc = sqlite3_step(st);
  sqlite3_reset(st);
  sqlite3_clear_bindings(st);
  if (rc == SQLITE_DONE || rc == SQLITE_ROW) return 0;
  if (!g->failed) *g->err = store_msg("%s", sqlite3_errmsg(g->s->db));
  g->failed = 1;
  return -1;
}

static int exec(ingest *g, const char *sql) {
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

static void bint_or_null(sqlite3_stmt *st, int i, int v) {
  if (v)
    sqlite3_bind_int(st, i, v);
  else
    sqlite3_bind_null(st, i);
}

/* Run a parameterised statement on one int64 (helper for deletes). */
static int exec_id(ingest *g, const char *sql, int64_t id) {
  sqlite3_stmt *st;
  if (sqlite3_prepare_v2(g->s->db, sql, -1, &st, NULL) != SQLITE_OK) {
    if (!g->failed) *g->err = store_msg("%s", sqlite3_errmsg(g->s->db));
    g->failed = 1;
    return -1;
  }
  sqlite3_bind_int64(st, 1, id);
  int rc = step(g, st);
  sqlite3_finalize(st);
  return rc;
}

static int flush_fts(ingest *g);

/*
** FTS5's 'delete' of document id, with the old column values read through
** the fts_content view first. A one-row INSERT ... VALUES: an INSERT ...
** SELECT opens a statement savepoint, and FTS5 flushes its in-memory
** index into a new segment at every savepoint (one per deleted document).
*/
static int fts_delete(ingest *g, int64_t id) {
  sqlite3_stmt *q = g->q_fts_old, *d = g->del_fts;
  sqlite3_bind_int64(q, 1, id);
  int r = sqlite3_step(q), rc = 0;
  if (r == SQLITE_ROW) {
    sqlite3_bind_int64(d, 1, id);
    for (int c = 0; c < 5; c++) /* copies: q is reset below */
      sqlite3_bind_value(d, c + 2, sqlite3_column_value(q, c));
    rc = step(g, d);
  } else if (r != SQLITE_DONE) { /* SQLITE_DONE: nothing indexed */
    if (!g->failed) *g->err = store_msg("%s", sqlite3_errmsg(g->s->db));
    g->failed = 1;
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
      if (flush_fts(g) != 0) return -1;
      break;
    }
  if (fts_delete(g, id) != 0) return -1;
  static const char *const sql[] = {"DELETE FROM block_rows WHERE doc=?1",
                                    "DELETE FROM qa WHERE doc = ?1",
                                    "DELETE FROM people WHERE doc = ?1",
                                    "DELETE FROM figures WHERE doc=?1",
                                    "DELETE FROM refs WHERE doc = ?1",
                                    "DELETE FROM periods WHERE doc=?1",
                                    "DELETE FROM places WHERE doc = ?1",
                                    "DELETE FROM quotes WHERE doc = ?1",
                                    "DELETE FROM abbrevs WHERE doc = ?1",
                                    "DELETE FROM warnings WHERE doc=?1",
                                    "DELETE FROM documents WHERE id = ?1"};
  for (size_t i = 0; i < sizeof sql / sizeof *sql; i++)
    if (exec_id(g, sql[i], id) != 0) return -1;
  return 0;
}

/* Insert the facts of d (document id). */
static int write_facts(ingest *g, int64_t id, const doc *d) {
  int rc = 0;
  buf b;
  buf_init(&b);
  for (size_t i = 0; i < d->qa.n && !rc; i++) {
    sqlite3_stmt *st = g->ins_qa;
    sqlite3_bind_int64(st, 1, id), sqlite3_bind_int64(st, 2, (int64_t)i);
    bstr(st, 3, d->qa.items[i].q), bstr(st, 4, d->qa.items[i].a);
    sqlite3_bind_int(st, 5, d->qa.items[i].qblock);
    rc = step(g, st);
  }
  for (size_t i = 0; i < d->people.n && !rc; i++) {
    const doc_person *p = &d->people.items[i];
    sqlite3_stmt *st = g->ins_people;
    buf_reset(&b);
    json_add_strings(&b, p->titles.items, p->titles.n);
    sqlite3_bind_int64(st, 1, id), sqlite3_bind_int64(st, 2, (int64_t)i);
    bstr(st, 3, p->name), bstr(st, 4, b.data);
    sqlite3_bind_int(st, 5, p->mentions);
    rc = step(g, st);
  }
  for (size_t i = 0; i < d->figures.n && !rc; i++) {
    const doc_figure *f = &d->figures.items[i];
    sqlite3_stmt *st = g->ins_fig;
    sqlite3_bind_int64(st, 1, id), sqlite3_bind_int64(st, 2, (int64_t)i);
    bstr(st, 3, f->text), sqlite3_bind_double(st, 4, f->value);
    if (f->has_of) sqlite3_bind_double(st, 5, f->of);
    bstr(st, 6, f->unit), sqlite3_bind_double(st, 7, f->base);
    bstr(st, 8, f->base_unit), bstr(st, 9, f->qualifier);
    bstr(st, 10, f->subject), bstr(st, 11, f->sentence);
    sqlite3_bind_int(st, 12, f->block);
    rc = step(g, st);
  }
  for (size_t i = 0; i < d->refs.n && !rc; i++) {
    const doc_ref *r = &d->refs.items[i];
    sqlite3_stmt *st = g->ins_ref;
    sqlite3_bind_int64(st, 1, id), sqlite3_bind_int64(st, 2, (int64_t)i);
    bstr(st, 3, r->text), bstr(st, 4, r->kind), bstr(st, 5, r->number);
    bstr(st, 6, r->date), bstr(st, 7, r->issuer);
    rc = step(g, st);
  }
  for (size_t i = 0; i < d->periods.n && !rc; i++) {
    const doc_period *p = &d->periods.items[i];
    sqlite3_stmt *st = g->ins_per;
    sqlite3_bind_int64(st, 1, id), sqlite3_bind_int64(st, 2, (int64_t)i);
    bstr(st, 3, p->text), bstr(st, 4, p->kind);
    bint_or_null(st, 5, p->from), bint_or_null(st, 6, p->to);
    bint_or_null(st, 7, p->ordinal);
    rc = step(g, st);
  }
  for (size_t i = 0; i < d->places.n && !rc; i++) {
    const doc_place *p = &d->places.items[i];
    sqlite3_stmt *st = g->ins_place;
    sqlite3_bind_int64(st, 1, id), sqlite3_bind_int64(st, 2, (int64_t)i);
    bstr(st, 3, p->name), bstr(st, 4, p->kind);
    sqlite3_bind_int(st, 5, p->mentions);
    rc = step(g, st);
  }
  for (size_t i = 0; i < d->quotes.n && !rc; i++) {
    sqlite3_stmt *st = g->ins_quote;
    sqlite3_bind_int64(st, 1, id), sqlite3_bind_int64(st, 2, (int64_t)i);
    bstr(st, 3, d->quotes.items[i]);
    rc = step(g, st);
  }
  for (size_t i = 0; i < d->abbrevs.n && !rc; i++) {
    sqlite3_stmt *st = g->ins_abbr;
    sqlite3_bind_int64(st, 1, id), sqlite3_bind_int64(st, 2, (int64_t)i);
    bstr(st, 3, d->abbrevs.items[i].abbr);
    bstr(st, 4, d->abbrevs.items[i].expansion);
    rc = step(g, st);
  }
  for (size_t i = 0; i < d->warnings.n && !rc; i++) {
    sqlite3_stmt *st = g->ins_warn;
    sqlite3_bind_int64(st, 1, id), sqlite3_bind_int64(st, 2, (int64_t)i);
    bstr(st, 3, d->warnings.items[i]);
    rc = step(g, st);
  }
  buf_free(&b);
  return rc;
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
  int rc = step(g, st);
  fts_replay_set(NULL, 0);
  return rc;
}

static int defer_fts(ingest *g, item *it, int64_t id);

static int write_doc(ingest *g, const job *j, item *it, int64_t id) {
  const doc *d = it->d;
  int replaces = id > 0;
  char when[32];
  now_iso(when, sizeof when);
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
  if (step(g, st) != 0) return -1;
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
    if (step(g, st) != 0) return -1;
  }
  if (write_facts(g, id, d) != 0) return -1;
  if (d->warnings.n) g->st->warnings++;
  return replaces ? defer_fts(g, it, id) : insert_fts(g, id, it->fts);
}

static void fts_row_free(fts_row *r) {
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
static int flush_fts(ingest *g) {
  int rc = 0;
  if (g->later.n > 1)
    qsort(g->later.items, g->later.n, sizeof *g->later.items, cmp_rows);
  for (size_t i = 0; i < g->later.n; i++) {
    fts_row *r = &g->later.items[i];
    if (rc == 0) rc = insert_fts(g, r->id, r->fts);
    fts_row_free(r);
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
  return g->later.n >= FTS_LATER ? flush_fts(g) : 0;
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
      if (!g->failed) *g->err = store_msg("%s", sqlite3_errmsg(g->s->db));
      g->failed = 1;
      return -1;
    }
    sqlite3_bind_text(st, 1, from, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, to, -1, SQLITE_STATIC);
    int rc = step(g, st);
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
static int release_file(ingest *g, const char *path) {
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
      rc = step(g, st);
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
  int rc = step(g, st);
  sqlite3_finalize(st);
  return rc ? -1 : deleted;
}

static void note(ingest *g, const char *path, const char *why, int error) {
  if (error) {
    g->st->errors++;
    sqlite3_stmt *st = g->ins_err;
    sqlite3_bind_int64(st, 1, g->run);
    bstr(st, 2, path), bstr(st, 3, why);
    step(g, st);
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
  return step(g, st);
}

/* Write a re-parsed stored document in place (same id). */
static int write_reparse(ingest *g, job *j) {
  if (j->why) {
    note(g, j->path, j->why, 1);
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
  int rc = delete_doc(g, j->reparse) || write_doc(g, j, it, j->reparse);
  j->path = fpath;
  free(file);
  g->st->reparsed++;
  return rc ? -1 : 0;
}

/*
** Decide what a finished job means for the database and write it:
** error, empty, unchanged (touched), moved, duplicate, changed or new.
*/
static int write_job(ingest *g, job *j) {
  if (j->reparse) return write_reparse(g, j);
  for (size_t i = 0; !j->why && i < j->line_errors.n; i++)
    note(g, j->path, j->line_errors.items[i], 1);
  if (j->why) {
    note(g, j->path, j->why, 1);
    return 0;
  }
  if (j->len == 0) {
    note(g, j->path, "empty file", 0);
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
    return step(g, st);
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
    if (exists) rc = release_file(g, j->path) < 0;
    if (!rc && access(other, F_OK) != 0) { /* the old file is gone: moved */
      rc = repoint(g, other, j->path) || release_file(g, other) < 0 ||
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
    int deleted = release_file(g, j->path);
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
    if (write_doc(g, j, it, i == 0 ? reuse : 0) != 0) return -1;
  }
  return 0;
}

/* ---- batching and progress ---- */

static int batch_begin(ingest *g) {
  if (g->in_batch) return 0;
  if (exec(g, "BEGIN IMMEDIATE") != 0) return -1;
  g->in_batch = 1;
  clock_gettime(CLOCK_MONOTONIC, &g->last_commit);
  return 0;
}

static int batch_end(ingest *g) {
  if (!g->in_batch) return 0;
  if (flush_fts(g) != 0) return -1; /* the caller rolls back */
  g->in_batch = 0;
  if (exec(g, "COMMIT") != 0) return -1;
  g->kept = *g->st;
  return 0;
}

/*
** A failed run (a write error such as a full disk or EFBIG, a kill of
** the connection's work): the open batch was rolled back, so the counts
** of its files did not happen. Put back the counts of the last commit,
** so that the ingest_log row and the caller's summary say what the
** database really holds.
*/
static void keep_committed(ingest *g) {
  store_ingest_stats *t = g->st, *k = &g->kept;
  t->files_done = k->files_done, t->bytes_done = k->bytes_done;
  t->new_docs = k->new_docs, t->changed = k->changed;
  t->unchanged = k->unchanged, t->moved = k->moved;
  t->duplicates = k->duplicates, t->pruned = k->pruned;
  t->reparsed = k->reparsed, t->skipped = k->skipped;
  t->warnings = k->warnings, t->errors = k->errors;
}

static void progress(ingest *g, int final) {
  if (!g->o->progress) return;
  if (!final && since(&g->last_progress) < 0.1) return;
  clock_gettime(CLOCK_MONOTONIC, &g->last_progress);
  g->st->elapsed = since(&g->t0);
  g->o->progress(g->o->ctx, g->st, final);
}

/* Stop requested by the caller (Ctrl-C)? Records the error once. */
static int cancelled(ingest *g) {
  if (!g->o->cancel || !*g->o->cancel) return 0;
  if (!g->failed) *g->err = store_msg("interrupted");
  g->failed = 1;
  return 1;
}

/* Write the oldest job (waiting for its worker), then recycle its slot. */
static int write_next(ingest *g) {
  job *j = &g->ring[g->written % RING];
  pthread_mutex_lock(&g->mu);
  while (!j->done) pthread_cond_wait(&g->done_cv, &g->mu);
  pthread_mutex_unlock(&g->mu);
  int rc = g->failed || cancelled(g) ? -1 : batch_begin(g);
  if (rc == 0) {
    g->st->current = j->path;
    rc = write_job(g, j);
    g->st->files_done++;
    g->st->bytes_done += j->size;
    progress(g, 0);
    g->st->current = NULL;
  }
  /* a batch: 5000 documents, 64 MB or 5 seconds, whichever comes first
  ** (bounds what a kill loses and FTS5's in-memory index) */
  int batch = g->o->batch > 0 ? g->o->batch : 5000;
  g->tx_bytes += j->size;
  if (rc == 0 && (++g->in_tx >= batch || g->tx_bytes >= (64 << 20) ||
                  since(&g->last_commit) > 5.0)) {
    g->in_tx = 0;
    g->tx_bytes = 0;
    rc = batch_end(g);
  }
  job_clear(j);
  g->written++;
  return rc;
}

/* Write every job that is already done, without waiting. */
static int write_ready(ingest *g) {
  while (g->written < g->submitted) {
    job *j = &g->ring[g->written % RING];
    pthread_mutex_lock(&g->mu);
    int done = j->done;
    pthread_mutex_unlock(&g->mu);
    if (!done) break;
    if (write_next(g) != 0) return -1;
  }
  return 0;
}

/* Hand a job to the workers (it owns tmpl's memory from now on, also when
** this fails). */
static int submit(ingest *g, job *tmpl) {
  while (g->submitted - g->written >= RING)
    if (write_next(g) != 0) {
      job_clear(tmpl); /* never handed over: still ours */
      return -1;
    }
  job *j = &g->ring[g->submitted % RING];
  *j = *tmpl;
  pthread_mutex_lock(&g->mu);
  g->submitted++;
  pthread_cond_signal(&g->work_cv);
  pthread_mutex_unlock(&g->mu);
  return write_ready(g);
}

/* ---- the walk ---- */

static int cmp_names(const void *a, const void *b) {
  return strcmp(*(char *const *)a, *(char *const *)b);
}

static int visit(ingest *g, const char *path, const struct stat *sb);
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

static int walk_dir_entries(ingest *g, const char *dir) {
  DIR *dp = opendir(dir);
  if (!dp) {
    if (!g->walking_totals) note(g, dir, strerror(errno), 1);
    return 0;
  }
  VEC(char *) names = {0};
  struct dirent *e;
  while ((e = readdir(dp)) != NULL)
    if (e->d_name[0] != '.') VEC_PUSH(names, xstrdup(e->d_name));
  closedir(dp);
  qsort(names.items, names.n, sizeof(char *), cmp_names);
  int rc = 0;
  buf p;
  buf_init(&p);
  for (size_t i = 0; i < names.n; i++) {
    if (rc == 0) {
      buf_reset(&p);
      buf_adds(&p, dir);
      if (p.len == 0 || p.data[p.len - 1] != '/') buf_addc(&p, '/');
      buf_adds(&p, names.items[i]);
      struct stat sb;
      if (stat(p.data, &sb) != 0) {
        if (!g->walking_totals) note(g, p.data, strerror(errno), 1);
      } else {
        rc = visit(g, p.data, &sb);
      }
    }
    free(names.items[i]);
  }
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

static int visit(ingest *g, const char *path, const struct stat *sb) {
  if (S_ISDIR(sb->st_mode)) return walk_dir(g, path, sb);
  if (is_db_file(g, path)) return 0;
  int fmt = S_ISREG(sb->st_mode) ? format_of(path) : FMT_NONE;
  if (g->walking_totals) {
    if (fmt != FMT_NONE) {
      g->st->files_total++;
      g->st->bytes_total += sb->st_size;
    }
    return 0;
  }
  if (cancelled(g)) return -1;
  if (fmt == FMT_NONE) {
    note(g, path,
         S_ISREG(sb->st_mode) ? "unsupported file type, skipped"
                              : "not a regular file, skipped",
         0);
    return 0;
  }
  if (sb->st_size > max_size(g->o)) {
    char why[96];
    too_large(max_size(g->o), why, sizeof why);
    note(g, path, why, 0);
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
    progress(g, 0);
    return 0;
  }
  job j = {0};
  j.path = xstrdup(path);
  j.size = sb->st_size;
  j.mtime_ns = mt;
  j.format = fmt;
  j.max = max_size(g->o);
  return submit(g, &j);
}

/* ---- reparse ---- */

static int reparse_all(ingest *g) {
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
      sqlite3_reset(st);
      rc = submit(g, &j);
    } else {
      sqlite3_reset(st);
    }
  }
  sqlite3_finalize(st);
  free(ids.items);
  return rc;
}

/* ---- prune ---- */

static int prune(ingest *g) {
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
    if (rc == 0 && batch_begin(g) == 0) {
      int n = release_file(g, gone.items[i]);
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
static int optimize_if_rewritten(ingest *g) {
  store_ingest_stats *t = g->st;
  int64_t rewritten = t->changed + t->reparsed + t->pruned;
  if (rewritten == 0 || rewritten * 10 < store_doc_count(g->s)) return 0;
  if (exec(g, "BEGIN IMMEDIATE") != 0) return -1;
  if (exec(g, "INSERT INTO fts(fts) VALUES('optimize')") != 0) {
    sqlite3_exec(g->s->db, "ROLLBACK", NULL, NULL, NULL);
    return -1;
  }
  if (exec(g, "COMMIT") != 0) return -1;
  t->optimized = 1;
  return 0;
}

/* ---- bulk load: the first ingest into an empty database ---- */

/*
** With synchronous = NORMAL, every checkpoint (one per batch) first forces
** the WAL to disk and then the database file: all data is written to disk
** twice, and the writer waits for it. The first ingest into an empty
** database has nothing to lose, so it runs with synchronous = OFF: the WAL
** is rewritten in the page cache batch after batch and never written out,
** and the data reaches the disk once, synced at the end of the run. The
** 35k baomoi corpus then loads 7-13 % faster (interleaved runs).
**
** Killing the process stays safe (the kernel keeps what was written). A
** system crash or power cut during such a run, though, can leave the file
** damaged, so the run is marked: meta 'bulk_load' holds the boot id of the
** machine, made durable before the first unsynced write and removed only
** after the final synced checkpoint. A later ingest that finds the mark
** from an earlier boot checks the whole file first and refuses a damaged
** one; with the same boot id (a killed run) nothing can have been lost.
** Without a boot id (not Linux) there is no bulk mode.
*/
#define BULK_MAX_BYTES (4 << 20) /* "empty": no documents, at most 4 MB */

/* PRAGMA wal_checkpoint(TRUNCATE): 0 when every frame was copied back
** (its first column, busy, is 0) */
static int checkpoint_all(ingest *g) {
  return store_int(g->s, "PRAGMA wal_checkpoint(TRUNCATE)", NULL, -1) == 0 ? 0
                                                                           : -1;
}

/* The file was written unsynced by a run of an earlier boot: check it. */
static int check_after_crash(ingest *g) {
  sqlite3_stmt *st;
  char *first = NULL;
  if (sqlite3_prepare_v2(g->s->db, "PRAGMA integrity_check(1)", -1, &st,
                         NULL) == SQLITE_OK) {
    if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_text(st, 0))
      first = xstrdup((const char *)sqlite3_column_text(st, 0));
    sqlite3_finalize(st);
  }
  if (!first) first = xstrdup(sqlite3_errmsg(g->s->db));
  if (strcmp(first, "ok") == 0 &&
      store_exec(g->s, "INSERT INTO fts(fts) VALUES('integrity-check')",
                 NULL) != 0) {
    free(first);
    first = store_msg("full-text index: %s", sqlite3_errmsg(g->s->db));
  }
  g->st->checked = 1;
  g->s->warning = NULL;          /* checked now (the summary line says how) */
  for (char *c = first; *c; c++) /* one line: "*** in database main *** */
    if (*c == '\n') *c = ' ';    /* Page 19: ..." */
  if (strcmp(first, "ok") == 0) {
    free(first);
    return 0;
  }
  *g->err = store_msg(
      "damaged: its first ingest was cut short by a system crash or "
      "restart before it was synced (%s); delete the file and ingest again",
      first);
  free(first);
  g->failed = 1;
  return -1;
}

static int bulk_begin(ingest *g) {
  char boot[64];
  int have_boot = store_boot_id(boot, sizeof boot) == 0;
  char *mark = store_meta(g->s, "bulk_load");
  int rc = 0;
  if (mark) {
    g->bulk_mark = 1;
    if (!have_boot || strcmp(mark, boot) != 0) rc = check_after_crash(g);
    if (rc) g->bulk_mark = 0; /* damaged: keep the mark, write nothing */
    free(mark);
  }
  /* the size first: a database of any size answers it at once */
  if (rc || !have_boot ||
      store_int(g->s,
                "SELECT page_count * page_size FROM pragma_page_count, "
                "pragma_page_size",
                NULL, -1) > BULK_MAX_BYTES ||
      store_int(g->s, "SELECT EXISTS(SELECT 1 FROM documents)", NULL, -1) != 0)
    return rc;
  /* the mark must be on disk, in the database file, before any unsynced
  ** write: a synced checkpoint (synchronous is NORMAL here) */
  char *sql = sqlite3_mprintf(
      "INSERT OR REPLACE INTO meta(key, value) VALUES('bulk_load', %Q)", boot);
  rc = exec(g, sql);
  sqlite3_free(sql);
  if (rc) return -1;
  g->bulk_mark = 1;
  if (checkpoint_all(g) != 0) return 0; /* a reader holds the WAL: NORMAL */
  if (exec(g, "PRAGMA synchronous = OFF") != 0) return -1;
  g->st->bulk = 1;
  return 0;
}

/* Make everything durable, then drop the mark. A reader that keeps the
** checkpoint from completing leaves the mark for the next run. */
static void bulk_end(ingest *g) {
  if (!g->bulk_mark) return;
  if (store_exec(g->s, "PRAGMA synchronous = NORMAL", NULL) != 0 ||
      checkpoint_all(g) != 0)
    return;
  /* everything is in the database file now, not yet necessarily on disk
  ** (a checkpoint with nothing left to copy does not sync) */
  int fd = open(g->s->path, O_RDONLY | O_CLOEXEC);
  if (fd < 0) return;
  int synced = fdatasync(fd) == 0;
  close(fd);
  if (synced)
    store_exec(g->s, "DELETE FROM meta WHERE key = 'bulk_load'", NULL);
}

/* ---- the lock: one ingest at a time per database ---- */

/*
** The lock is a flock() on the database file itself, so it is keyed by the
** file's device and inode: a symlink, a hard link or another spelling of
** the path (./x.db, dir/../x.db) meets the same lock. On Linux flock()
** locks are independent of the POSIX (fcntl) locks SQLite uses. The
** descriptor stays open until store_close (after the connection closes:
** closing a descriptor of the file would drop SQLite's POSIX locks);
** release_lock only unlocks it. Returns 0, or -1 with *err set.
*/
static int take_lock(store *s, int wait, char **err) {
  if (s->lockfd < 0) s->lockfd = open(s->path, O_RDONLY | O_CLOEXEC);
  if (s->lockfd < 0) {
    *err =
        store_msg("cannot open the database for its lock: %s", strerror(errno));
    return -1;
  }
  if (flock(s->lockfd, LOCK_EX | LOCK_NB) == 0) return 0;
  if (wait && flock(s->lockfd, LOCK_EX) == 0) return 0;
  *err = store_msg(
      "another ingest is running on this database; wait for it "
      "to finish (or use --wait)");
  return -1;
}

static void release_lock(store *s) {
  if (s->lockfd >= 0) flock(s->lockfd, LOCK_UN);
}

static int log_start(ingest *g, const char *const *paths, int npaths) {
  buf args;
  buf_init(&args);
  for (int i = 0; i < npaths; i++) {
    if (i) buf_addc(&args, ' ');
    buf_adds(&args, paths[i]);
  }
  if (g->o->reparse) buf_adds(&args, args.len ? " --reparse" : "--reparse");
  if (g->o->prune) buf_adds(&args, " --prune");
  char when[32];
  now_iso(when, sizeof when);
  sqlite3_stmt *st;
  int rc = exec(g,
                "UPDATE ingest_log SET status = 'interrupted' WHERE "
                "status = 'running'");
  if (rc == 0 &&
      sqlite3_prepare_v2(g->s->db,
                         "INSERT INTO ingest_log(started, status, args, "
                         "parser_version) VALUES(?1, 'running', ?2, ?3)",
                         -1, &st, NULL) == SQLITE_OK) {
    sqlite3_bind_text(st, 1, when, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, args.data ? args.data : "", -1, SQLITE_STATIC);
    sqlite3_bind_int(st, 3, PARSE_VERSION);
    rc = step(g, st);
    sqlite3_finalize(st);
    g->run = sqlite3_last_insert_rowid(g->s->db);
  }
  buf_free(&args);
  return rc;
}

static int log_end(ingest *g) {
  const store_ingest_stats *t = g->st;
  if (!g->run) return 0; /* never started (e.g. a damaged file) */
  /* meta.parser_version: the oldest parser version among the documents.
  ** Only a replaced or removed document (or a failed run) can raise it;
  ** otherwise the stored value (lowered by new documents) is exact, and
  ** an unchanged re-ingest does not read the whole documents table (on
  ** the 35k corpus: ~60 ms warm, the whole 190 MB table from disk cold). */
  char version[160];
  char *old = store_meta(g->s, "parser_version");
  if (old && !g->failed && !t->changed && !t->reparsed && !t->pruned)
    snprintf(
        version, sizeof version, "%d",
        t->new_docs && PARSE_VERSION < atoi(old) ? PARSE_VERSION : atoi(old));
  else
    snprintf(version, sizeof version,
             "(SELECT coalesce(min(parser_version), %d) FROM documents)",
             PARSE_VERSION);
  free(old);
  char when[32];
  now_iso(when, sizeof when);
  char *sql = sqlite3_mprintf(
      "UPDATE ingest_log SET finished = '%q', status = '%s', files = %lld, "
      "new = %lld, changed = %lld, unchanged = %lld, moved = %lld, "
      "duplicates = %lld, pruned = %lld, skipped = %lld, warnings = %lld, "
      "errors = %lld, bytes = %lld, seconds = %.3f WHERE id = %lld;"
      "INSERT OR REPLACE INTO meta(key, value) VALUES('parser_version', %s)",
      when, g->failed ? "failed" : "done", (long long)t->files_done,
      (long long)t->new_docs, (long long)t->changed, (long long)t->unchanged,
      (long long)t->moved, (long long)t->duplicates, (long long)t->pruned,
      (long long)t->skipped, (long long)t->warnings, (long long)t->errors,
      (long long)t->bytes_done, t->elapsed, (long long)g->run, version);
  int rc = store_exec(g->s, sql, g->failed ? NULL : g->err);
  sqlite3_free(sql);
  return rc;
}

static void pool_start(ingest *g) {
  /* all cores but the one the writer (this thread) keeps busy */
  long n =
      g->o->threads > 0 ? g->o->threads : sysconf(_SC_NPROCESSORS_ONLN) - 1;
  if (n < 1) n = 1;
  if (n > 64) n = 64;
  g->nthreads = (int)n;
  g->threads = xcalloc((size_t)n, sizeof *g->threads);
  pthread_mutex_init(&g->mu, NULL);
  pthread_cond_init(&g->work_cv, NULL);
  pthread_cond_init(&g->done_cv, NULL);
  for (int i = 0; i < g->nthreads; i++)
    pthread_create(&g->threads[i], NULL, worker, g);
}

static void pool_stop(ingest *g) {
  pthread_mutex_lock(&g->mu);
  g->quit = 1;
  pthread_cond_broadcast(&g->work_cv);
  pthread_mutex_unlock(&g->mu);
  for (int i = 0; i < g->nthreads; i++) pthread_join(g->threads[i], NULL);
  free(g->threads);
  for (int64_t k = g->written; k < g->submitted; k++)
    job_clear(&g->ring[k % RING]);
  pthread_mutex_destroy(&g->mu);
  pthread_cond_destroy(&g->work_cv);
  pthread_cond_destroy(&g->done_cv);
}

int store_ingest(store *s, const char *const *paths, int npaths,
                 const store_ingest_opts *o, store_ingest_stats *st,
                 char **err) {
  static const store_ingest_opts defaults = {0};
  if (!o) o = &defaults;
  memset(st, 0, sizeof *st);
  *err = NULL;
  if (s->readonly) {
    *err = store_msg("database opened read-only");
    return -1;
  }
  if (take_lock(s, o->wait, err) != 0) return -1;
  ingest g = {0};
  g.s = s, g.o = o, g.st = st, g.err = err;
  clock_gettime(CLOCK_MONOTONIC, &g.t0);
  char *real = realpath(s->path, NULL);
  g.dbreal = real ? real : xstrdup("");
  int rc =
      store_exec(s, "PRAGMA cache_size = -32768; PRAGMA temp_store = MEMORY",
                 err) ||
      prepare_all(&g) || bulk_begin(&g) || log_start(&g, paths, npaths);
  if (rc) g.failed = 1;
  /* pass 1: totals for the progress display (a stat per file before the
  ** workers start: ~80 ms on the 35k corpus, skipped without progress) */
  g.walking_totals = 1;
  for (int i = 0; i < npaths && !rc && o->progress; i++) {
    char *rp = realpath(paths[i], NULL);
    struct stat sb;
    if (rp && stat(rp, &sb) == 0) visit(&g, rp, &sb);
    free(rp);
  }
  g.walking_totals = 0;
  pool_start(&g);
  for (int i = 0; i < npaths && !rc; i++) {
    char *rp = realpath(paths[i], NULL);
    struct stat sb;
    if (!rp || stat(rp, &sb) != 0) {
      if (batch_begin(&g) == 0) note(&g, paths[i], strerror(errno), 1);
    } else {
      rc = visit(&g, rp, &sb);
    }
    free(rp);
  }
  if (!rc && o->reparse) rc = reparse_all(&g);
  while (!rc && g.written < g.submitted) rc = write_next(&g);
  pool_stop(&g);
  if (!rc && o->prune) rc = prune(&g);
  if (!rc) rc = batch_end(&g);
  /* a failed COMMIT (a full disk) can leave the transaction open too */
  if (rc && (g.in_batch || !sqlite3_get_autocommit(s->db)))
    sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
  if (rc) keep_committed(&g);
  for (size_t i = 0; i < g.later.n; i++) fts_row_free(&g.later.items[i]);
  free(g.later.items);
  if (!rc && !(o->cancel && *o->cancel)) rc = optimize_if_rewritten(&g);
  st->elapsed = since(&g.t0);
  log_end(&g);
  bulk_end(&g);
  finalize_all(&g);
  free(g.stack.items);
  progress(&g, 1);
  free(g.dbreal);
  release_lock(s);
  if (rc || g.failed) {
    if (!*err) *err = store_msg("%s", sqlite3_errmsg(s->db));
    return -1;
  }
  sqlite3_exec(s->db, "PRAGMA optimize", NULL, NULL, NULL);
  return st->errors ? 1 : 0;
}
