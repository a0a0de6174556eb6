/*
** cmd_store.c — the corpus database subcommands:
**
**   tinsh ingest [--prune] [--reparse] [--wait] [--threads N] [--quiet] PATH...
**   tinsh search [--limit N] [--offset N] [--json] [--match] [--count] QUERY...
**   tinsh sql [--csv|--json] "SELECT ..."
**
** Presentation only: the mechanisms are in store.h. Errors are one line
** "tinsh: <what>: <why>" on stderr.
*/
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cmd.h"
#include "interrupt.h"
#include "parse.h"
#include "store.h"
#include "util.h"
#include "width.h"

/* ---- shared ---- */

/* Ctrl-C: the first interrupts the running SQL (and stops an ingest after
** the current file), a second one kills, as in the sqlite3 shell. */
static volatile sig_atomic_t interrupted;

static void on_sigint(int sig) {
  signal(sig, SIG_DFL);
  interrupted = 1;
  interrupt_all();
}

static void catch_sigint(void) {
  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_handler = on_sigint;
  sigemptyset(&sa.sa_mask);
  sigaction(SIGINT, &sa, NULL);
}

/* Parse a non-negative integer option value; -1 if malformed. */
static long num_arg(const char *s) {
  char *end;
  long v = strtol(s, &end, 10);
  return (*s && !*end && v >= 0) ? v : -1;
}

/* Open the default database read-only (search, sql). */
static store *open_reader(void) {
  char *err = NULL;
  char *path = store_default_path(cmd_db_option, &err);
  if (!path) {
    cmd_error("database", err);
    free(err);
    return NULL;
  }
  store *s;
  if (store_open(path, STORE_READONLY, &s, &err) != 0) {
    cmd_error(path, err);
    free(err);
    s = NULL;
  }
  if (s) {
    if (store_warning(s))
      fprintf(stderr, "tinsh: %s: warning: %s\n", path, store_warning(s));
    interrupt_watch(store_db(s));
    catch_sigint();
  }
  free(path);
  return s;
}

static void close_reader(store *s) {
  if (!s) return;
  interrupt_unwatch(store_db(s));
  store_close(s);
}

static int use_color(void) {
  const char *nc = getenv("NO_COLOR");
  return isatty(1) && !(nc && *nc);
}

/* ---- ingest ---- */

typedef struct ingest_ui {
  int tty;       /* progress bar on a terminal (stderr) */
  int quiet;     /* no progress at all */
  int bar_shown; /* a bar is on screen (clear before other output) */
  double last_line;
} ingest_ui;

static void clear_bar(ingest_ui *u) {
  if (u->bar_shown) fputs("\r\033[K", stderr);
  u->bar_shown = 0;
}

static void fmt_eta(char *out, size_t n, double secs) {
  if (secs < 0 || secs > 1e7) {
    snprintf(out, n, "--:--");
    return;
  }
  long s = (long)(secs + 0.5);
  if (s >= 3600)
    snprintf(out, n, "%ld:%02ld:%02ld", s / 3600, s / 60 % 60, s % 60);
  else
    snprintf(out, n, "%ld:%02ld", s / 60, s % 60);
}

/* Progress: a bar on a terminal, a plain line every 5 s otherwise. */
static void on_progress(void *ctx, const store_ingest_stats *st, int final) {
  ingest_ui *u = ctx;
  if (u->quiet || final) {
    if (final) clear_bar(u);
    return;
  }
  double mb = (double)st->bytes_done / 1e6;
  double rate = st->elapsed > 0 ? mb / st->elapsed : 0;
  double left = (double)(st->bytes_total - st->bytes_done) / 1e6;
  char eta[32];
  fmt_eta(eta, sizeof eta, rate > 0 ? left / rate : -1);
  int64_t total =
      st->files_total > st->files_done ? st->files_total : st->files_done;
  if (u->tty) {
    int w = 30, fill = total ? (int)(w * st->files_done / total) : 0;
    char bar[64];
    for (int i = 0; i < w; i++) bar[i] = i < fill ? '#' : '.';
    bar[w] = 0;
    fprintf(stderr, "\r\033[K[%s] %lld/%lld files  %.1f MB/s  ETA %s", bar,
            (long long)st->files_done, (long long)total, rate, eta);
    u->bar_shown = 1;
  } else if (st->elapsed - u->last_line >= 5.0) {
    u->last_line = st->elapsed;
    fprintf(stderr, "ingest: %lld/%lld files, %.1f MB/s, ETA %s\n",
            (long long)st->files_done, (long long)total, rate, eta);
  }
  fflush(stderr);
}

static void on_note(void *ctx, const char *path, const char *why, int error) {
  ingest_ui *u = ctx;
  (void)error;
  clear_bar(u);
  cmd_error(path, why);
}

static void ingest_usage(void) {
  fputs(
      "usage: tinsh [--db PATH] ingest [options] PATH...\n"
      "  Parse and index files and folders (.txt, .md, .json, .jsonl)\n"
      "  into the corpus database (default: $TINSH_DB, else ./tinsh.db).\n"
      "  --prune       remove documents whose files are gone\n"
      "  --reparse     re-derive every document from its stored text\n"
      "  --wait        wait for another running ingest instead of refusing\n"
      "  --threads N   parser threads (default: cores - 1, at least 1)\n"
      "  --quiet       no progress display (and no counting walk first)\n"
      "  --max-file-size N  skip larger files (default 64M; K, M, G)\n",
      stdout);
}

/* The database ingest writes to: --db, $TINSH_DB, else ./tinsh.db. */
static const char *ingest_db(void) {
  if (cmd_db_option && *cmd_db_option) return cmd_db_option;
  const char *e = getenv("TINSH_DB");
  return e && *e ? e : "tinsh.db";
}

int cmd_ingest(int argc, char **argv) {
  store_ingest_opts o = {0};
  ingest_ui u = {0};
  VEC(const char *) paths = {0};
  int opts = 1;
  for (int i = 1; i < argc; i++) {
    const char *a = argv[i];
    if (opts && a[0] == '-' && a[1]) {
      if (!strcmp(a, "--"))
        opts = 0;
      else if (!strcmp(a, "--prune"))
        o.prune = 1;
      else if (!strcmp(a, "--reparse"))
        o.reparse = 1;
      else if (!strcmp(a, "--wait"))
        o.wait = 1;
      else if (!strcmp(a, "--quiet") || !strcmp(a, "-q"))
        u.quiet = 1;
      else if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
        ingest_usage();
        free(paths.items);
        return 0;
      } else if (!strcmp(a, "--threads") && i + 1 < argc &&
                 num_arg(argv[i + 1]) > 0) {
        o.threads = (int)num_arg(argv[++i]);
      } else if (!strcmp(a, "--max-file-size") && i + 1 < argc &&
                 cmd_size_arg(argv[i + 1]) > 0) {
        o.max_file_size = cmd_size_arg(argv[++i]);
      } else if (!strcmp(a, "--batch") && i + 1 < argc &&
                 num_arg(argv[i + 1]) > 0) {
        o.batch = (int)num_arg(argv[++i]);
      } else {
        cmd_error(a, "unknown option (see tinsh ingest --help)");
        free(paths.items);
        return 2;
      }
    } else {
      VEC_PUSH(paths, a);
    }
  }
  if (paths.n == 0 && !o.reparse && !o.prune) {
    cmd_error("ingest", "no PATH given (see tinsh ingest --help)");
    return 2;
  }
  const char *db = ingest_db();
  store *s;
  char *err = NULL;
  if (store_open(db, STORE_READWRITE, &s, &err) != 0) {
    cmd_error(db, err);
    free(err);
    free(paths.items);
    return 1;
  }
  interrupt_watch(store_db(s));
  catch_sigint();
  o.cancel = &interrupted;
  u.tty = isatty(2);
  o.progress = u.quiet ? NULL : on_progress; /* NULL: no counting walk */
  o.file_note = on_note;
  o.ctx = &u;
  store_ingest_stats st;
  int rc = store_ingest(s, paths.items, (int)paths.n, &o, &st, &err);
  free(paths.items);
  if (rc < 0) {
    clear_bar(&u);
    cmd_error(db, err);
    free(err);
    interrupt_unwatch(store_db(s));
    store_close(s);
    return interrupted ? 130 : 1;
  }
  printf(
      "%lld files in %.1f s: %lld new, %lld changed, %lld unchanged, "
      "%lld moved, %lld duplicates",
      (long long)st.files_done, st.elapsed, (long long)st.new_docs,
      (long long)st.changed, (long long)st.unchanged, (long long)st.moved,
      (long long)st.duplicates);
  if (o.prune) printf(", %lld pruned", (long long)st.pruned);
  if (o.reparse) printf(", %lld reparsed", (long long)st.reparsed);
  printf(", %lld skipped, %lld warnings, %lld errors%s%s\n",
         (long long)st.skipped, (long long)st.warnings, (long long)st.errors,
         st.checked ? "; file checked after a cut-short first ingest: ok" : "",
         st.optimized ? "; full-text index merged into one segment" : "");
  printf("%s: %lld documents\n", db, (long long)store_doc_count(s));
  sqlite3_stmt *q;
  if (sqlite3_prepare_v2(store_db(s),
                         "SELECT count(*) FROM documents WHERE "
                         "parser_version <> ?1",
                         -1, &q, NULL) == SQLITE_OK) {
    sqlite3_bind_int(q, 1, PARSE_VERSION);
    if (sqlite3_step(q) == SQLITE_ROW && sqlite3_column_int64(q, 0) > 0)
      fprintf(stderr,
              "tinsh: %s: %lld documents come from another parser version; "
              "'tinsh ingest --reparse' re-derives them\n",
              db, (long long)sqlite3_column_int64(q, 0));
    sqlite3_finalize(q);
  }
  interrupt_unwatch(store_db(s));
  store_close(s);
  return rc == 0 ? 0 : 1;
}

/* ---- search ---- */

static void search_usage(void) {
  fputs(
      "usage: tinsh [--db PATH] search [options] QUERY...\n"
      "  Ranked hits with snippets. Words without diacritics match every\n"
      "  accented form; \"quoted words\" are phrases; word* is a prefix.\n"
      "  --limit N     hits to show (default 20)\n"
      "  --offset N    hits to skip\n"
      "  --json        one JSON object per hit\n"
      "  --match       QUERY is raw FTS5 MATCH syntax (AND/OR/NOT, NEAR,\n"
      "                column filters: title: lead: body: captions: answers:)\n"
      "  --count       print the number of matching documents only\n"
      "  --and         rank by bm25 only (by default documents with the words\n"
      "                side by side, in query order, rank higher)\n"
      "  Exit status: 0 hits found, 1 none, 2 error.\n",
      stdout);
}

/* Print a snippet: markers \x02 \x03 become bold (or nothing); newlines
** and tabs become spaces; the text between is made visible. */
static void put_snippet(const char *s, int color, FILE *out) {
  while (s && *s) {
    size_t n = strcspn(s, "\x02\x03\n\r\t");
    width_put_visible(s, n, out);
    s += n;
    if (!*s) break;
    if (*s == '\x02' || *s == '\x03') {
      if (color) fputs(*s == '\x02' ? "\033[1m" : "\033[0m", out);
    } else {
      fputc(' ', out);
    }
    s++;
  }
}

/* JSON of a snippet: the plain text plus [start, end) byte ranges of hits. */
static void json_snippet(buf *b, const char *s) {
  buf text, hits;
  buf_init(&text), buf_init(&hits);
  long open = -1;
  for (; s && *s; s++) {
    if (*s == '\x02') {
      open = (long)text.len;
    } else if (*s == '\x03') {
      if (open >= 0)
        buf_printf(&hits, "%s[%ld,%ld]", hits.len ? "," : "", open,
                   (long)text.len);
      open = -1;
    } else {
      buf_addc(&text, *s);
    }
  }
  buf_adds(b, ",\"snippet\":");
  buf_add_json_str(b, text.data ? text.data : "", text.len);
  buf_adds(b, ",\"hits\":[");
  if (hits.len) buf_add(b, hits.data, hits.len);
  buf_addc(b, ']');
  buf_free(&text), buf_free(&hits);
}

static void json_field(buf *b, const char *k, const char *v) {
  buf_printf(b, ",\"%s\":", k);
  if (v)
    buf_add_json_str(b, v, strlen(v));
  else
    buf_adds(b, "null");
}

int cmd_search(int argc, char **argv) {
  store_search_opts o = {0};
  int json = 0, count = 0, opts = 1;
  buf q;
  buf_init(&q);
  for (int i = 1; i < argc; i++) {
    const char *a = argv[i];
    if (opts && a[0] == '-' && a[1] == '-') {
      long v;
      if (!strcmp(a, "--"))
        opts = 0;
      else if (!strcmp(a, "--json"))
        json = 1;
      else if (!strcmp(a, "--match"))
        o.raw = 1;
      else if (!strcmp(a, "--count"))
        count = 1;
      else if (!strcmp(a, "--and"))
        o.no_adjacent = 1;
      else if (!strcmp(a, "--help")) {
        search_usage();
        buf_free(&q);
        return 0;
      } else if ((!strcmp(a, "--limit") || !strcmp(a, "--offset")) &&
                 i + 1 < argc && (v = num_arg(argv[i + 1])) >= 0) {
        i++;
        if (a[2] == 'l')
          o.limit = v ? (int)v : -1;
        else
          o.offset = (int)v;
      } else {
        cmd_error(a, "unknown option or bad value (see tinsh search --help)");
        buf_free(&q);
        return 2;
      }
    } else {
      if (q.len) buf_addc(&q, ' ');
      buf_adds(&q, a);
    }
  }
  if (!q.len) {
    cmd_error("search", "no QUERY given (see tinsh search --help)");
    return 2;
  }
  store *s = open_reader();
  if (!s) {
    buf_free(&q);
    return 2;
  }
  char *err = NULL;
  int status = 1;
  if (count) {
    int64_t n = store_search_count(s, q.data, o.raw, &err);
    if (n >= 0) {
      printf("%lld\n", (long long)n);
      status = n > 0 ? 0 : 1;
    }
  } else {
    store_search *r = store_search_open(s, q.data, &o, &err);
    store_hit h;
    int color = !json && use_color(), n = 0;
    buf line;
    buf_init(&line);
    while (r && store_search_next(r, &h) == 1) {
      n++;
      if (json) {
        buf_reset(&line);
        buf_printf(&line, "{\"id\":%lld", (long long)h.id);
        json_field(&line, "doc_id", h.doc_id);
        json_field(&line, "path", h.path);
        json_field(&line, "title", h.title);
        json_field(&line, "published", h.published);
        buf_printf(&line, ",\"score\":%.6g", h.score);
        json_snippet(&line, h.snippet);
        buf_adds(&line, "}\n");
        fwrite(line.data, 1, line.len, stdout);
      } else {
        if (n > 1) fputc('\n', stdout);
        if (color) fputs("\033[1m", stdout);
        const char *t = h.title ? h.title : "(untitled)";
        width_put_visible(t, strlen(t), stdout);
        if (color) fputs("\033[0m", stdout);
        if (h.published) {
          fputs("  ", stdout);
          width_put_visible(h.published, strlen(h.published), stdout);
        }
        fputc('\n', stdout);
        width_put_visible(h.path, strlen(h.path), stdout);
        fputs("\n  ", stdout);
        put_snippet(h.snippet, color, stdout);
        fputc('\n', stdout);
      }
    }
    buf_free(&line);
    store_search_close(r);
    if (!err) status = n > 0 ? 0 : 1;
  }
  if (err) {
    cmd_error("search", err);
    free(err);
    status = 2;
  }
  buf_free(&q);
  close_reader(s);
  if (fflush(stdout) != 0) {
    cmd_error("stdout", "write error");
    status = 2;
  }
  return status;
}

/* ---- sql ---- */

enum { SQL_TABLE, SQL_CSV, SQL_JSON };

#define CELL_MAX 60 /* display columns per table cell */

typedef struct table {
  int ncol;
  VEC(char *) cells; /* row-major, header first; NULL = SQL NULL */
  VEC(int) numeric;  /* per column: every value numeric */
} table;

static void csv_cell(const char *v, FILE *out) {
  if (!v) return;
  if (!strpbrk(v, ",\"\n\r")) {
    fputs(v, out);
    return;
  }
  fputc('"', out);
  for (; *v; v++) {
    if (*v == '"') fputc('"', out);
    fputc(*v, out);
  }
  fputc('"', out);
}

/*
** Cell text for the table: newlines and tabs as spaces, other control
** characters as visible escapes (width_visible), cut to fit.
*/
static void table_cell(const char *v, buf *out) {
  buf_reset(out);
  for (const char *p = v ? v : ""; *p; p++)
    buf_addc(out, (*p == '\n' || *p == '\t' || *p == '\r') ? ' ' : *p);
  if (!out->len) return;
  if (width_invisible(out->data, out->len, 0)) {
    char *vis = xmalloc(WIDTH_VISIBLE_MAX(out->len));
    size_t k = width_visible(out->data, out->len, 0, vis);
    buf_reset(out);
    buf_add(out, vis, k);
    free(vis);
  }
  size_t used;
  if (width_of(out->data, out->len) > CELL_MAX) {
    size_t keep = width_fit(out->data, out->len, CELL_MAX - 1, &used);
    out->len = keep;
    buf_adds(out, "…");
  }
}

static void print_table(table *t, FILE *out) {
  size_t nrow = t->ncol ? t->cells.n / (size_t)t->ncol : 0;
  size_t *w = xcalloc((size_t)t->ncol, sizeof *w);
  buf c;
  buf_init(&c);
  for (size_t r = 0; r < nrow; r++)
    for (int k = 0; k < t->ncol; k++) {
      table_cell(t->cells.items[r * (size_t)t->ncol + (size_t)k], &c);
      size_t cw = c.len ? width_of(c.data, c.len) : 0;
      if (cw > w[k]) w[k] = cw;
    }
  for (size_t r = 0; r < nrow; r++) {
    for (int k = 0; k < t->ncol; k++) {
      table_cell(t->cells.items[r * (size_t)t->ncol + (size_t)k], &c);
      size_t cw = c.len ? width_of(c.data, c.len) : 0;
      size_t pad = w[k] - cw;
      int right = r > 0 && t->numeric.items[k];
      if (k) fputs("  ", out);
      if (right) fprintf(out, "%*s", (int)pad, "");
      if (c.len) fwrite(c.data, 1, c.len, out);
      if (!right && k + 1 < t->ncol) fprintf(out, "%*s", (int)pad, "");
    }
    fputc('\n', out);
    if (r == 0) {
      for (int k = 0; k < t->ncol; k++) {
        if (k) fputs("  ", out);
        for (size_t i = 0; i < w[k]; i++) fputc('-', out);
      }
      fputc('\n', out);
    }
  }
  buf_free(&c);
  free(w);
}

/* Run one prepared statement and print its rows. 0 or -1 (error shown). */
static int run_stmt(sqlite3 *db, sqlite3_stmt *st, int fmt, FILE *out) {
  int ncol = sqlite3_column_count(st);
  table t = {0};
  t.ncol = ncol;
  for (int k = 0; k < ncol; k++) {
    VEC_PUSH(t.cells, xstrdup(sqlite3_column_name(st, k)));
    VEC_PUSH(t.numeric, 1);
  }
  if (fmt == SQL_CSV && ncol) {
    for (int k = 0; k < ncol; k++) {
      if (k) fputc(',', out);
      csv_cell(sqlite3_column_name(st, k), out);
    }
    fputc('\n', out);
  }
  int rc;
  buf line;
  buf_init(&line);
  while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
    if (fmt == SQL_JSON) buf_reset(&line), buf_addc(&line, '{');
    for (int k = 0; k < ncol; k++) {
      int type = sqlite3_column_type(st, k);
      const char *v = (const char *)sqlite3_column_text(st, k);
      if (fmt == SQL_TABLE) {
        VEC_PUSH(t.cells, v ? xstrdup(v) : NULL);
        if (type == SQLITE_TEXT || type == SQLITE_BLOB) t.numeric.items[k] = 0;
      } else if (fmt == SQL_CSV) {
        if (k) fputc(',', out);
        csv_cell(v, out);
      } else {
        const char *name = sqlite3_column_name(st, k);
        if (k) buf_addc(&line, ',');
        buf_add_json_str(&line, name, strlen(name));
        buf_addc(&line, ':');
        if (type == SQLITE_NULL)
          buf_adds(&line, "null");
        else if (type == SQLITE_INTEGER || type == SQLITE_FLOAT)
          buf_adds(&line, v);
        else
          buf_add_json_str(&line, v, (size_t)sqlite3_column_bytes(st, k));
      }
    }
    if (fmt == SQL_CSV) fputc('\n', out);
    if (fmt == SQL_JSON) {
      buf_adds(&line, "}\n");
      fwrite(line.data, 1, line.len, out);
    }
  }
  buf_free(&line);
  if (fmt == SQL_TABLE && ncol) print_table(&t, out);
  for (size_t i = 0; i < t.cells.n; i++) free(t.cells.items[i]);
  free(t.cells.items);
  free(t.numeric.items);
  if (rc != SQLITE_DONE) {
    cmd_error("sql", sqlite3_errmsg(db));
    return -1;
  }
  return 0;
}

static void sql_usage(void) {
  fputs(
      "usage: tinsh [--db PATH] sql [--csv|--json] \"SELECT ...\"\n"
      "  Read-only SQL over the corpus database (tables: docs/schema.md),\n"
      "  printed as an aligned table, CSV, or one JSON object per row.\n",
      stdout);
}

int cmd_sql(int argc, char **argv) {
  int fmt = SQL_TABLE;
  const char *sql = NULL;
  for (int i = 1; i < argc; i++) {
    const char *a = argv[i];
    if (!strcmp(a, "--csv"))
      fmt = SQL_CSV;
    else if (!strcmp(a, "--json"))
      fmt = SQL_JSON;
    else if (!strcmp(a, "--help")) {
      sql_usage();
      return 0;
    } else if (a[0] == '-' && a[1] == '-' && !sql) {
      cmd_error(a, "unknown option (see tinsh sql --help)");
      return 2;
    } else if (!sql) {
      sql = a;
    } else {
      cmd_error("sql", "give the SQL as one argument (quote it)");
      return 2;
    }
  }
  if (!sql) {
    cmd_error("sql", "no SQL given (see tinsh sql --help)");
    return 2;
  }
  store *s = open_reader();
  if (!s) return 1;
  sqlite3 *db = store_db(s);
  int status = 0;
  const char *tail = sql;
  while (status == 0 && tail && *tail) {
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(db, tail, -1, &st, &tail) != SQLITE_OK) {
      cmd_error("sql", sqlite3_errmsg(db));
      status = 1;
      break;
    }
    if (!st) break; /* only whitespace or comments left */
    if (!sqlite3_stmt_readonly(st)) {
      cmd_error("sql",
                "the database is read-only here: only queries are "
                "allowed (change it with tinsh ingest)");
      status = 1;
    } else if (run_stmt(db, st, fmt, stdout) != 0) {
      status = 1;
    }
    sqlite3_finalize(st);
  }
  close_reader(s);
  if (fflush(stdout) != 0) {
    cmd_error("stdout", "write error");
    status = 1;
  }
  return status;
}
