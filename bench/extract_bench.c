/*
** extract_bench.c — how much of parse time fact extraction takes.
**
** Usage: extract_bench [-r RUNS] FILE|DIR...
** Loads every file into memory first (so disk time does not count), then
** parses them all with pipeline_document(..., PIPELINE_NO_FACTS) and with facts,
** RUNS times each (best run kept, process CPU time), and prints throughput, the
*extraction
** share of parse time and the facts found per kind.
*/
#define _GNU_SOURCE
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "doc.h"
#include "parse.h"
#include "pipeline.h"

typedef struct file {
  char *path, *bytes;
  size_t len;
} file;

static VEC(file) files;

static void add_path(const char *path) {
  struct stat st;
  if (stat(path, &st) != 0) return;
  if (S_ISDIR(st.st_mode)) {
    DIR *d = opendir(path);
    if (!d) return;
    struct dirent *e;
    while ((e = readdir(d))) {
      if (e->d_name[0] == '.') continue;
      char sub[4096];
      snprintf(sub, sizeof sub, "%s/%s", path, e->d_name);
      add_path(sub);
    }
    closedir(d);
    return;
  }
  file f = {xstrdup(path), NULL, 0};
  if (util_read_file(path, 0, &f.bytes, &f.len) != 0) {
    free(f.path);
    return;
  }
  VEC_PUSH(files, f);
}

static double now(void) {
  struct timespec ts;
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID,
                &ts); /* CPU time: robust on a busy box */
  return ts.tv_sec + ts.tv_nsec / 1e9;
}

static size_t counts[7];

static double run(int flags, int count) {
  double t0 = now();
  for (size_t i = 0; i < files.n; i++) {
    doc *d = pipeline_document(files.items[i].path, files.items[i].bytes,
                               files.items[i].len, flags);
    if (count) {
      counts[0] += d->figures.n;
      counts[1] += d->people.n;
      counts[2] += d->refs.n;
      counts[3] += d->periods.n;
      counts[4] += d->places.n;
      counts[5] += d->quotes.n;
      counts[6] += d->abbrevs.n;
    }
    doc_free(d);
  }
  return now() - t0;
}

int main(int argc, char **argv) {
  int runs = 3, a = 1;
  if (a + 1 < argc && strcmp(argv[a], "-r") == 0)
    runs = atoi(argv[a + 1]), a += 2;
  for (; a < argc; a++) add_path(argv[a]);
  if (!files.n) {
    fprintf(stderr, "usage: extract_bench [-r RUNS] FILE|DIR...\n");
    return 2;
  }
  size_t bytes = 0;
  for (size_t i = 0; i < files.n; i++) bytes += files.items[i].len;
  run(0, 1); /* warm-up; also loads the lexicon and counts facts */
  double best_nf = 1e30, best_f = 1e30;
  for (int r = 0; r < runs; r++) {
    double t = run(PARSE_NO_FACTS, 0);
    if (t < best_nf) best_nf = t;
    t = run(0, 0);
    if (t < best_f) best_f = t;
  }
  double mb = bytes / 1e6;
  printf("files %zu, %.1f MB, best of %d runs\n", files.n, mb, runs);
  printf("%-28s %8.3f s %8.1f MB/s\n", "parse (PARSE_NO_FACTS)", best_nf,
         mb / best_nf);
  printf("%-28s %8.3f s %8.1f MB/s\n", "parse + extract_facts", best_f,
         mb / best_f);
  double ext = best_f - best_nf;
  printf("%-28s %8.3f s %8.1f MB/s\n", "extraction alone", ext,
         ext > 0 ? mb / ext : 0);
  printf("extraction share of parse time: %.1f%%\n",
         best_f > 0 ? 100.0 * ext / best_f : 0);
  printf(
      "facts: figures %zu, people %zu, refs %zu, periods %zu, places %zu, "
      "quotes %zu, abbrevs %zu\n",
      counts[0], counts[1], counts[2], counts[3], counts[4], counts[5],
      counts[6]);
  for (size_t i = 0; i < files.n; i++) {
    free(files.items[i].path);
    free(files.items[i].bytes);
  }
  free(files.items);
  return 0;
}
