/*
** store_ingest.c — store_ingest(): one run, step by step (lock, log,
** bulk-load mark, worker pool, walk or reparse, prune, optimize, log).
** The steps live in the files store_ingest_int.h lists.
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
  if (ing_take_lock(s, o->wait, err) != 0) return -1;
  ingest g = {0};
  g.s = s, g.o = o, g.st = st, g.err = err;
  clock_gettime(CLOCK_MONOTONIC, &g.t0);
  char *real = realpath(s->path, NULL);
  g.dbreal = real ? real : xstrdup("");
  int rc =
      store_exec(s, "PRAGMA cache_size = -32768; PRAGMA temp_store = MEMORY",
                 err) ||
      ing_prepare_all(&g) || ing_lexicon_begin(&g) || ing_bulk_begin(&g) ||
      ing_log_start(&g, paths, npaths);
  if (rc) g.failed = 1;
  g.fts_mode = store_fts_mode(s);
  if (!rc && o->reparse && g.fts_mode != FTS_INDEX) { /* schema < 10 */
    rc = store_fts_upgrade(s, err);
    if (rc)
      g.failed = 1;
    else
      g.fts_mode = FTS_INDEX, st->fts_upgraded = 1;
  }
  g.ws = rc ? NULL : wstats_open(s, o->reparse);
  /* pass 1: totals for the progress display (a stat per file before the
  ** workers start: ~80 ms on the 35k corpus, skipped without progress) */
  g.walking_totals = 1;
  for (int i = 0; i < npaths && !rc && o->progress; i++) {
    char *rp = realpath(paths[i], NULL);
    struct stat sb;
    if (rp && stat(rp, &sb) == 0) ing_visit(&g, rp, &sb);
    free(rp);
  }
  g.walking_totals = 0;
  ing_pool_start(&g);
  for (int i = 0; i < npaths && !rc; i++) {
    char *rp = realpath(paths[i], NULL);
    struct stat sb;
    if (!rp || stat(rp, &sb) != 0) {
      if (ing_batch_begin(&g) == 0) ing_note(&g, paths[i], strerror(errno), 1);
    } else {
      rc = ing_visit(&g, rp, &sb);
    }
    free(rp);
  }
  if (!rc && o->reparse) rc = ing_reparse_all(&g);
  while (!rc && g.written < g.submitted) rc = ing_write_next(&g);
  ing_pool_stop(&g);
  if (!rc && o->prune) rc = ing_prune(&g);
  if (!rc) rc = ing_batch_end(&g);
  if (!rc && o->reparse && !(o->cancel && *o->cancel)) /* all re-indexed */
    rc = store_exec(s, STORE_FTS_WORDS_SQL, err) || wstats_rebuild(g.ws, s->db);
  /* a failed COMMIT (a full disk) can leave the transaction open too */
  if (rc && (g.in_batch || !sqlite3_get_autocommit(s->db)))
    sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
  if (rc) ing_keep_committed(&g);
  for (size_t i = 0; i < g.later.n; i++) ing_fts_row_free(&g.later.items[i]);
  free(g.later.items);
  if (!rc && !(o->cancel && *o->cancel)) rc = ing_optimize_if_rewritten(&g);
  st->elapsed = ing_since(&g.t0);
  ing_log_end(&g);
  ing_bulk_end(&g);
  ing_lexicon_end(&g);
  ing_finalize_all(&g);
  wstats_close(g.ws);
  free(g.stack.items);
  ing_progress(&g, 1);
  free(g.dbreal);
  ing_release_lock(s);
  if (rc || g.failed) {
    if (!*err) *err = ing_fail_msg(&g);
    return -1;
  }
  sqlite3_exec(s->db, "PRAGMA optimize", NULL, NULL, NULL);
  return st->errors ? 1 : 0;
}
