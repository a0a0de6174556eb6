/*
** store_ingest_work.c — the worker side of the ingest: threads that read a
** file (capped), hash it, split JSON records and parse each document, and
** prepare its FTS columns. No SQL here: the writer owns the database.
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
#include "parse_folder.h"
#include "pipeline.h"
#include "segment.h"
#include "store_facts.h"
#include "store_ingest_int.h"
#include "store_tokmap.h"

/* ---- parsing (worker side) ---- */

int ing_format_of(const char *path) {
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
  ing_hex64(util_hash64(d->text ? d->text : "", d->text_len), d->id);
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
  doc *d = pipeline_document(p, t.data ? t.data : "", t.len,
                             r.title ? PARSE_TITLE_LINE : 0);
  sqlite3_free(p);
  buf_free(&t);
  if (r.title) d->title = doc_str(d, r.title, strlen(r.title));
  if (iso_date(r.date)) d->published = doc_str(d, r.date, strlen(r.date));
  json_rec_meta(&r, d); /* author, site, source, url, ... */
  set_doc_id(d);
  it->d = d;
  it->raw = raw;
  it->rawlen = n;
  ing_hex64(util_hash64(raw, n), it->hash);
  it->url = r.url ? xstrdup(r.url) : NULL;
  it->record = rec;
  json_rec_free(&r);
  return 0;
}

/*
** The tokens of FTS columns t[0..5) (lengths it->fts[c].len) with lex,
** and, when ws is not NULL (it counts with lex), the document's word
** counts, and its token position map, all from the same words: each text
** is scanned into tokens once (seg_spans_scan) and segmented once.
*/
static void tokenize_cols(item *it, const seg_lex *lex, int mode,
                          const wstats *ws, const char *const t[5]) {
  fts_words words[5] = {{0}};
  seg_spans sp = {0}; /* each text scanned once, for its words and tokens */
  for (int c = 0; c < 5; c++) {
    int n = it->fts[c].len;
    seg_spans_scan(t[c] ? t[c] : "", t[c] ? (size_t)n : 0, &sp);
    fts_segment_spans(lex, t[c], n, &sp, &words[c]);
    it->fts[c].tokens =
        fts_pretokenize_spans(lex, t[c], n, &sp, &words[c], mode);
  }
  seg_spans_free(&sp);
  if (ws) it->ws = wstats_count_cols(ws, it->d, t, words);
  buf_init(&it->tokmap);
  store_tokmap_build(it->d, it->fts, lex, words, &it->tokmap);
  for (int c = 0; c < 5; c++) fts_words_free(&words[c]);
}

/* Worker side: the FTS column texts of it->d and their tokens (and its
** word counts when ws is not NULL). */
static void prepare_fts(item *it, const seg_lex *lex, int mode,
                        const wstats *ws) {
  const doc *d = it->d;
  /* what ing_write_doc stores of the raw bytes and of the blocks' texts */
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
  }
  tokenize_cols(it, lex, mode, ws, t);
}

static void item_free(item *it) {
  doc_free(it->d);
  free(it->url);
  for (int c = 0; c < 3; c++) buf_free(&it->cols[c]);
  for (int c = 0; c < 5; c++) fts_tokens_free((fts_tokens *)it->fts[c].tokens);
  free(it->block_text);
  wstats_doc_free(it->ws);
  buf_free(&it->tokmap);
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
int64_t ing_max_size(const store_ingest_opts *o) {
  return o->max_file_size > 0 ? o->max_file_size : DEFAULT_MAX_FILE_SIZE;
}

/* The reason a file over the cap is skipped, into out. */
void ing_too_large(int64_t max, char *out, size_t n) {
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
    ing_too_large(j->max, why, sizeof why);
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

/* Worker: read, hash and parse one job (no database access); ws: the
** word statistics to count along (NULL: counted apart). */
static void run_job(job *j, const wstats *ws) {
  if (!j->reparse) {
    if (read_job_file(j) != 0) return;
  }
  if (!memory_for(j->len)) {
    job_fail(j, "not enough memory to parse it (%zu bytes)", j->len);
    return;
  }
  ing_hex64(util_hash64(j->bytes, j->len), j->hash);
  if (j->len == 0) return; /* empty: the writer skips it */
  if (j->format == FMT_TEXT) {
    item it = {0};
    it.d = pipeline_document_ctx(j->path, j->bytes, j->len, 0, j->ctx);
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
  for (size_t i = 0; i < j->items.n; i++)
    prepare_fts(&j->items.items[i], j->lex, j->fts_mode, ws);
}

void ing_job_clear(job *j) {
  for (size_t i = 0; i < j->items.n; i++) item_free(&j->items.items[i]);
  for (size_t i = 0; i < j->line_errors.n; i++) free(j->line_errors.items[i]);
  free(j->line_errors.items);
  free(j->items.items);
  free(j->path);
  free(j->bytes);
  parse_ctx_free(j->ctx);
  free(j->why);
  memset(j, 0, sizeof *j);
}

static void *ing_worker(void *arg) {
  ingest *g = arg;
  pthread_mutex_lock(&g->mu);
  for (;;) {
    while (!g->quit && g->taken == g->submitted)
      pthread_cond_wait(&g->work_cv, &g->mu);
    if (g->taken == g->submitted) break; /* quit and nothing left */
    job *j = &g->ring[g->taken++ % RING];
    pthread_mutex_unlock(&g->mu);
    run_job(j, g->ws_shared ? g->ws : NULL);
    for (size_t i = 0; !g->ws_shared && i < j->items.n; i++) /* apart */
      j->items.items[i].ws = wstats_count(g->ws, j->items.items[i].d);
    pthread_mutex_lock(&g->mu);
    j->done = 1;
    pthread_cond_broadcast(&g->done_cv);
  }
  pthread_mutex_unlock(&g->mu);
  return NULL;
}

void ing_pool_start(ingest *g) {
  /* all cores but the one the writer (this thread) keeps busy */
  long n =
      g->o->threads > 0 ? g->o->threads : sysconf(_SC_NPROCESSORS_ONLN) - 1;
  if (n < 1) n = 1;
  if (n > 64) n = 64;
  g->nthreads = (int)n;
  const char *wl = wstats_lexicon(g->ws);
  g->ws_shared = wl && g->lex_text && strcmp(wl, g->lex_text) == 0;
  g->threads = xcalloc((size_t)n, sizeof *g->threads);
  pthread_mutex_init(&g->mu, NULL);
  pthread_cond_init(&g->work_cv, NULL);
  pthread_cond_init(&g->done_cv, NULL);
  for (int i = 0; i < g->nthreads; i++)
    pthread_create(&g->threads[i], NULL, ing_worker, g);
}

void ing_pool_stop(ingest *g) {
  pthread_mutex_lock(&g->mu);
  g->quit = 1;
  pthread_cond_broadcast(&g->work_cv);
  pthread_mutex_unlock(&g->mu);
  for (int i = 0; i < g->nthreads; i++) pthread_join(g->threads[i], NULL);
  free(g->threads);
  for (int64_t k = g->written; k < g->submitted; k++)
    ing_job_clear(&g->ring[k % RING]);
  pthread_mutex_destroy(&g->mu);
  pthread_cond_destroy(&g->work_cv);
  pthread_cond_destroy(&g->done_cv);
}
