/*
** store_ingest_batch.c — jobs submitted in walk order to the worker pool
** and written back in the same order, in batched transactions, with
** progress reports and cancellation.
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

/* ---- batching and progress ---- */

int ing_batch_begin(ingest *g) {
  if (g->in_batch) return 0;
  if (ing_exec(g, "BEGIN IMMEDIATE") != 0) return -1;
  g->in_batch = 1;
  g->doc_delta = 0;
  clock_gettime(CLOCK_MONOTONIC, &g->last_commit);
  return 0;
}

/* meta 'doc_count' follows the documents this batch inserted and
** deleted, in the same transaction (a trigger per row cost 0.16 ms a
** document: 30 % of an ingest's CPU). */
static int count_docs(ingest *g) {
  if (!g->doc_delta) return 0;
  char sql[128];
  snprintf(sql, sizeof sql,
           "UPDATE meta SET value = CAST(value AS INTEGER) + (%lld) "
           "WHERE key = 'doc_count'",
           (long long)g->doc_delta);
  g->doc_delta = 0;
  return ing_exec(g, sql);
}

int ing_batch_end(ingest *g) {
  if (!g->in_batch) return 0;
  if (ing_flush_fts(g) != 0) return -1; /* the caller rolls back */
  if (count_docs(g) != 0) return -1;
  if (wstats_flush(g->ws, g->s->db) != 0) return -1;
  g->in_batch = 0;
  if (ing_exec(g, "COMMIT") != 0) return -1;
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
void ing_keep_committed(ingest *g) {
  store_ingest_stats *t = g->st, *k = &g->kept;
  t->files_done = k->files_done, t->bytes_done = k->bytes_done;
  t->new_docs = k->new_docs, t->changed = k->changed;
  t->unchanged = k->unchanged, t->moved = k->moved;
  t->duplicates = k->duplicates, t->pruned = k->pruned;
  t->reparsed = k->reparsed, t->skipped = k->skipped;
  t->warnings = k->warnings, t->errors = k->errors;
}

void ing_progress(ingest *g, int final) {
  if (!g->o->progress) return;
  if (!final && ing_since(&g->last_progress) < 0.1) return;
  clock_gettime(CLOCK_MONOTONIC, &g->last_progress);
  g->st->elapsed = ing_since(&g->t0);
  g->o->progress(g->o->ctx, g->st, final);
}

/* Stop requested by the caller (Ctrl-C)? Records the error once. */
int ing_cancelled(ingest *g) {
  if (!g->o->cancel || !*g->o->cancel) return 0;
  if (!g->failed) *g->err = store_msg("interrupted");
  g->failed = 1;
  return 1;
}

/* Write the oldest job (waiting for its worker), then recycle its slot. */
int ing_write_next(ingest *g) {
  job *j = &g->ring[g->written % RING];
  pthread_mutex_lock(&g->mu);
  while (!j->done) pthread_cond_wait(&g->done_cv, &g->mu);
  pthread_mutex_unlock(&g->mu);
  int rc = g->failed || ing_cancelled(g) ? -1 : ing_batch_begin(g);
  if (rc == 0) {
    g->st->current = j->path;
    rc = ing_write_job(g, j);
    g->st->files_done++;
    g->st->bytes_done += j->size;
    ing_progress(g, 0);
    g->st->current = NULL;
  }
  /* a batch: 5000 documents, 64 MB or 5 seconds, whichever comes first
  ** (bounds what a kill loses and FTS5's in-memory index) */
  int batch = g->o->batch > 0 ? g->o->batch : 5000;
  g->tx_bytes += j->size;
  if (rc == 0 && (++g->in_tx >= batch || g->tx_bytes >= (64 << 20) ||
                  ing_since(&g->last_commit) > 5.0)) {
    g->in_tx = 0;
    g->tx_bytes = 0;
    rc = ing_batch_end(g);
  }
  ing_job_clear(j);
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
    if (ing_write_next(g) != 0) return -1;
  }
  return 0;
}

/* Hand a job to the workers (it owns tmpl's memory from now on, also when
** this fails). */
int ing_submit(ingest *g, job *tmpl) {
  while (g->submitted - g->written >= RING)
    if (ing_write_next(g) != 0) {
      ing_job_clear(tmpl); /* never handed over: still ours */
      return -1;
    }
  job *j = &g->ring[g->submitted % RING];
  *j = *tmpl;
  j->lex = g->lex;
  j->fts_mode = g->fts_mode;
  pthread_mutex_lock(&g->mu);
  g->submitted++;
  pthread_cond_signal(&g->work_cv);
  pthread_mutex_unlock(&g->mu);
  return write_ready(g);
}
