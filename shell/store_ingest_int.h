/*
** store_ingest_int.h — internals of the ingest (not a public interface):
** the state of one run and the jobs that flow through it. The ingest is
** one file per job, calls going down this list only:
**   store_ingest.c        the driver: store_ingest(), runs the steps below
**   store_ingest_walk.c   the sorted walk, --reparse, --prune, optimize
**   store_ingest_batch.c  submitting jobs in walk order, batches, progress
**   store_ingest_write.c  the writer: decisions and SQL for one job
**   store_ingest_bulk.c   the bulk load, the lock, the ingest log
**   store_ingest_work.c   the worker pool: read, hash, parse (no SQL)
**   store_ingest_lex.c    the lexicon it segments with (the index's)
** Results are written in walk order whatever order the workers finish
** in, so runs are deterministic.
**
** Crash safety comes from SQLite (WAL, one transaction per batch): a
** killed ingest leaves the last committed batch; the next run sees the
** rest as new and completes it. The first ingest into an empty database
** writes unsynced and syncs at the end (store_ingest_bulk.c).
*/
#ifndef TINSH_STORE_INGEST_INT_H
#define TINSH_STORE_INGEST_INT_H

#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/stat.h>
#include <time.h>

#include "fts.h"
#include "store_facts.h"
#include "store_int.h"
#include "store_wordstats.h"

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
  struct wstats_doc *ws; /* its word counts (store_wordstats.h) or NULL */
  buf tokmap;            /* its token position map (store_tokmap.h) */
} item;

typedef struct job {
  char *path; /* absolute path of the file */
  int64_t size, mtime_ns;
  int format;
  int64_t reparse;       /* > 0: re-derive this stored document */
  int record;            /* reparse: its record number */
  struct parse_ctx *ctx; /* the folder's chrome context (a reference) */
  /* filled by the worker */
  char *bytes;
  size_t len;
  char hash[17];
  int64_t max;               /* size cap (store_ingest_opts.max_file_size) */
  const struct seg_lex *lex; /* the lexicon to segment with (NULL: default) */
  int fts_mode;              /* the index's document mode (store_fts_mode) */
  char *why;                 /* malloc'd failure reason, or NULL */
  VEC(char *) line_errors;   /* .jsonl: bad lines, reported; the rest is kept */
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
  struct parse_folder *folder; /* the folder walked now (parse_folder.h) */
  /* worker pool */
  pthread_mutex_t mu;
  pthread_cond_t work_cv, done_cv;
  job ring[RING];
  int64_t submitted, taken, written;
  int quit, nthreads;
  pthread_t *threads;
  VEC(fts_row) later;  /* FTS rows of replaced documents, not yet written */
  struct seg_lex *lex; /* the index's user lexicon (NULL: the default) */
  int fts_mode;        /* the index's document mode (store_fts_mode) */
  char *lex_text;      /* its text (store_words_text's form) */
  struct wstats *ws;   /* the word statistics kept (store_wordstats.h) */
  int ws_shared;       /* ws counts with lex: workers segment once for both */
  /* transactions and progress */
  int in_batch;
  int64_t in_tx;     /* jobs written in the current transaction */
  int64_t doc_delta; /* documents inserted minus deleted in it (meta) */
  int64_t tx_bytes;  /* and their bytes */
  struct timespec t0, last_commit, last_progress;
  /* prepared statements */
  sqlite3_stmt *q_file, *q_file_by_hash, *q_doc_by_hash, *ins_doc, *ins_block,
      *ins_fts, *ins_file, *upd_file_stat, *ins_err, *q_fts_old, *del_fts,
      *q_fts_has, *ins_tokmap, *ins_docwords;
  sqlite3_stmt *ins_fact[FK__COUNT]; /* one insert per fact kind */
} ingest;

/* ---- store_ingest_batch.c: submitting, batches, progress (contracts at the
 * definitions) ---- */
int ing_batch_begin(ingest *g);
int ing_batch_end(ingest *g);
int ing_cancelled(ingest *g);
void ing_keep_committed(ingest *g);
void ing_progress(ingest *g, int final);
int ing_submit(ingest *g, job *tmpl);
int ing_write_next(ingest *g);

/* ---- store_ingest_bulk.c: bulk load, lock, log (contracts at the definitions)
 * ---- */
int ing_bulk_begin(ingest *g);
void ing_bulk_end(ingest *g);
int ing_log_end(ingest *g);
int ing_log_start(ingest *g, const char *const *paths, int npaths);
void ing_release_lock(store *s);
int ing_take_lock(store *s, int wait, char **err);

/* ---- store_ingest_walk.c: walk, reparse, prune, optimize (contracts at the
 * definitions) ---- */
int ing_optimize_if_rewritten(ingest *g);
int ing_prune(ingest *g);
int ing_reparse_all(ingest *g);
int ing_visit(ingest *g, const char *path, const struct stat *sb);

/* ---- store_ingest_lex.c: the lexicon (contracts at the top of the file)
 * ---- */
int ing_lexicon_begin(ingest *g);
void ing_lexicon_end(ingest *g);

/* ---- store_ingest_work.c: the worker pool (contracts at the definitions) ----
 */
int ing_format_of(const char *path);
void ing_job_clear(job *j);
int64_t ing_max_size(const store_ingest_opts *o);
void ing_pool_start(ingest *g);
void ing_pool_stop(ingest *g);
void ing_too_large(int64_t max, char *out, size_t n);

/* ---- store_ingest_write.c: the writer (contracts at the definitions) ---- */
int ing_exec(ingest *g, const char *sql);
void ing_finalize_all(ingest *g);
int ing_flush_fts(ingest *g);
void ing_fts_row_free(fts_row *r);
void ing_note(ingest *g, const char *path, const char *why, int error);
int ing_prepare_all(ingest *g);
int ing_release_file(ingest *g, const char *path);
int ing_step(ingest *g, sqlite3_stmt *st);
/* The message of a failed run or SQL call: "interrupted" after Ctrl-C
** (the statements were interrupted), else SQLite's last message. */
char *ing_fail_msg(const ingest *g);
/* Record a failed SQL call once (ing_fail_msg). */
void ing_sql_failed(ingest *g);
int ing_write_doc(ingest *g, const job *j, item *it, int64_t id);
int ing_write_job(ingest *g, job *j);

/* ---- small helpers ---- */
/* Seconds since *a (monotonic clock). */
static inline double ing_since(const struct timespec *a) {
  struct timespec b;
  clock_gettime(CLOCK_MONOTONIC, &b);
  return (double)(b.tv_sec - a->tv_sec) +
         (double)(b.tv_nsec - a->tv_nsec) / 1e9;
}

/* The current UTC time as ISO 8601 ("2024-03-04T08:52:44Z"). */
static inline void ing_now_iso(char *out, size_t n) {
  time_t t = time(NULL);
  struct tm tm;
  gmtime_r(&t, &tm);
  strftime(out, n, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

/* h as 16 lower-case hex digits. */
static inline void ing_hex64(uint64_t h, char out[17]) {
  snprintf(out, 17, "%016llx", (unsigned long long)h);
}

#endif
