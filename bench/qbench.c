/*
** bench/qbench.c — in-process query cost for bench/search.sh: each query
** of queries.txt through store_search (tinsh database: plain query, LIMIT
** 20, snippets) and as a raw FTS5 MATCH of the same words on the plain
** FTS5 table (LIMIT 20, snippet), RUNS times each after one warm-up run.
** Reports the median CPU time of the calling thread (robust on a shared
** machine) and the wall time, per query and overall.
**
**   qbench TINSH_DB PLAIN_DB QUERIES RUNS
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "store.h"

static double now(clockid_t c) {
  struct timespec t;
  clock_gettime(c, &t);
  return (double)t.tv_sec * 1e3 + (double)t.tv_nsec / 1e6;
}

static int cmp_d(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return x < y ? -1 : x > y;
}

static double median(double *v, int n) {
  qsort(v, (size_t)n, sizeof *v, cmp_d);
  return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

/* Words of q, each quoted ("phrases" kept): what a raw MATCH user types. */
static void plain_match(const char *q, char *out, size_t cap) {
  size_t o = 0;
  for (const char *p = q; *p && o + 8 < cap;) {
    if (*p == ' ') {
      p++;
      continue;
    }
    const char *e;
    if (*p == '"') {
      e = strchr(p + 1, '"');
      if (!e) e = p + strlen(p);
      p++;
    } else {
      e = p;
      while (*e && *e != ' ') e++;
    }
    if (o) out[o++] = ' ';
    out[o++] = '"';
    for (; p < e && o + 4 < cap; p++) {
      if (*p == '"') out[o++] = '"';
      out[o++] = *p;
    }
    out[o++] = '"';
    p = *e ? e + 1 : e;
  }
  out[o] = 0;
}

static int no_adjacent; /* QB_ADJACENT=0: bm25 alone (no tinsh_rank) */
static int no_snippet;  /* QB_SNIPPET=0: no snippets (cost breakdown) */

static int run_tinsh(store *s, const char *q) {
  char *err = NULL;
  store_search_opts o = {0};
  o.no_adjacent = no_adjacent;
  if (no_snippet) o.snippet_tokens = -1;
  store_search *r = store_search_open(s, q, &o, &err);
  store_hit h;
  int n = 0;
  while (r && store_search_next(r, &h) == 1) n++;
  store_search_close(r);
  free(err);
  return n;
}

static int run_plain(sqlite3_stmt *st, const char *m) {
  int n = 0;
  sqlite3_bind_text(st, 1, m, -1, SQLITE_STATIC);
  while (sqlite3_step(st) == SQLITE_ROW) n++;
  sqlite3_reset(st);
  return n;
}

int main(int argc, char **argv) {
  if (argc < 5) {
    fprintf(stderr, "usage: qbench TINSH_DB PLAIN_DB QUERIES RUNS\n");
    return 2;
  }
  int runs = atoi(argv[4]);
  const char *adj = getenv("QB_ADJACENT");
  no_adjacent = adj && !strcmp(adj, "0");
  const char *sn = getenv("QB_SNIPPET");
  no_snippet = sn && !strcmp(sn, "0");
  if (runs < 1) runs = 1;
  store *s;
  char *err = NULL;
  if (store_open(argv[1], STORE_READONLY, &s, &err) != 0) {
    fprintf(stderr, "qbench: %s: %s\n", argv[1], err);
    return 1;
  }
  sqlite3 *p;
  sqlite3_stmt *st;
  if (sqlite3_open_v2(argv[2], &p, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK ||
      sqlite3_prepare_v2(p,
                         "SELECT path, snippet(t, 1, '[', ']', '…', 16) FROM "
                         "t WHERE t MATCH ?1 ORDER BY rank LIMIT 20",
                         -1, &st, NULL) != SQLITE_OK) {
    fprintf(stderr, "qbench: %s: %s\n", argv[2], sqlite3_errmsg(p));
    return 1;
  }
  FILE *f = fopen(argv[3], "r");
  if (!f) {
    perror(argv[3]);
    return 1;
  }
  char line[512], m[1100];
  double qt[256], qp[256], wt[256], wp[256],
      *ct = malloc(sizeof(double) * (size_t)runs),
      *cp = malloc(sizeof(double) * (size_t)runs),
      *wct = malloc(sizeof(double) * (size_t)runs),
      *wcp = malloc(sizeof(double) * (size_t)runs);
  int nq = 0;
  printf("%-28s %10s %10s %7s %10s %10s\n", "query", "tinsh_cpu", "plain_cpu",
         "ratio", "tinsh_wall", "plain_wall");
  while (fgets(line, sizeof line, f) && nq < 256) {
    line[strcspn(line, "\n")] = 0;
    if (!line[0] || line[0] == '#') continue;
    plain_match(line, m, sizeof m);
    run_tinsh(s, line); /* warm-up */
    run_plain(st, m);
    for (int r = 0; r < runs; r++) {
      double c0 = now(CLOCK_THREAD_CPUTIME_ID), w0 = now(CLOCK_MONOTONIC);
      run_tinsh(s, line);
      double c1 = now(CLOCK_THREAD_CPUTIME_ID), w1 = now(CLOCK_MONOTONIC);
      run_plain(st, m);
      double c2 = now(CLOCK_THREAD_CPUTIME_ID), w2 = now(CLOCK_MONOTONIC);
      ct[r] = c1 - c0, cp[r] = c2 - c1, wct[r] = w1 - w0, wcp[r] = w2 - w1;
    }
    qt[nq] = median(ct, runs), qp[nq] = median(cp, runs);
    wt[nq] = median(wct, runs), wp[nq] = median(wcp, runs);
    printf("%-28.28s %8.2fms %8.2fms %6.2fx %8.2fms %8.2fms\n", line, qt[nq],
           qp[nq], qp[nq] > 0 ? qt[nq] / qp[nq] : 0, wt[nq], wp[nq]);
    nq++;
  }
  fclose(f);
  double st_sum = 0, sp_sum = 0;
  for (int i = 0; i < nq; i++) st_sum += qt[i], sp_sum += qp[i];
  double mt = median(qt, nq), mp = median(qp, nq);
  printf(
      "\nin-process (%s), median CPU over %d queries: tinsh %.2f ms, "
      "plain FTS5 %.2f ms, ratio %.2fx (goal <= 1.2); total %.0f vs %.0f ms "
      "(%.2fx)\n",
      no_adjacent ? "tinsh: AND of the words"
                  : "tinsh: side-by-side words ranked first",
      nq, mt, mp, mt / mp, st_sum, sp_sum, st_sum / sp_sum);
  free(ct), free(cp), free(wct), free(wcp);
  sqlite3_finalize(st);
  sqlite3_close(p);
  store_close(s);
  return 0;
}
