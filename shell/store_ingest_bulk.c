/*
** store_ingest_bulk.c — the first ingest into an empty database (written
** unsynced, marked, checked after a crash), the lock (one ingest at a
** time per database), and the ingest log.
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

int ing_bulk_begin(ingest *g) {
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
  rc = ing_exec(g, sql);
  sqlite3_free(sql);
  if (rc) return -1;
  g->bulk_mark = 1;
  if (checkpoint_all(g) != 0) return 0; /* a reader holds the WAL: NORMAL */
  if (ing_exec(g, "PRAGMA synchronous = OFF") != 0) return -1;
  g->st->bulk = 1;
  return 0;
}

/* Make everything durable, then drop the mark. A reader that keeps the
** checkpoint from completing leaves the mark for the next run. */
void ing_bulk_end(ingest *g) {
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
** ing_release_lock only unlocks it. Returns 0, or -1 with *err set.
*/
int ing_take_lock(store *s, int wait, char **err) {
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

void ing_release_lock(store *s) {
  if (s->lockfd >= 0) flock(s->lockfd, LOCK_UN);
}

int ing_log_start(ingest *g, const char *const *paths, int npaths) {
  buf args;
  buf_init(&args);
  for (int i = 0; i < npaths; i++) {
    if (i) buf_addc(&args, ' ');
    buf_adds(&args, paths[i]);
  }
  if (g->o->reparse) buf_adds(&args, args.len ? " --reparse" : "--reparse");
  if (g->o->prune) buf_adds(&args, " --ing_prune");
  char when[32];
  ing_now_iso(when, sizeof when);
  sqlite3_stmt *st;
  int rc = ing_exec(g,
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
    rc = ing_step(g, st);
    sqlite3_finalize(st);
    g->run = sqlite3_last_insert_rowid(g->s->db);
  }
  buf_free(&args);
  return rc;
}

int ing_log_end(ingest *g) {
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
  ing_now_iso(when, sizeof when);
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
