/*
** cmd_store.c — the corpus database subcommands, presentation only:
**
**   tinsh ingest [--prune] [--reparse] [--wait] [--threads N] [--quiet] PATH...
**   tinsh search [--limit N] [--offset N] [--json] [--match] [--count] QUERY...
**   tinsh sql [--csv|--json] "SELECT ..."
**
** Each handler reads the options cli.c parsed (their names and help are
** in cli.c's command table), calls the store's named functions (store.h:
** store_ingest, store_search_*, store_run_sql, ...) and prints what they
** return: a progress bar, hits, tables. No SQL and no SQLite call here.
** Errors are one line "tinsh: <what>: <why>" on stderr.
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
** the current file), a second one kills, as in SQLite's own shell. */
static volatile sig_atomic_t interrupted;

static void on_sigint(int sig) {
  signal(sig, SIG_DFL);
  interrupted = 1;
  interrupt_all();
}

/* Watch s for Ctrl-C: interrupt its statements, set `interrupted`. */
static void watch(store *s) {
  store_watch_interrupts(s, 1);
  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_handler = on_sigint;
  sigemptyset(&sa.sa_mask);
  sigaction(SIGINT, &sa, NULL);
}

static void close_store(store *s) {
  if (!s) return;
  store_watch_interrupts(s, 0);
  store_close(s);
}

/* Open the default database read-only (search, sql). */
static store *open_reader(const char *db) {
  char *err = NULL;
  char *path = store_default_path(db, &err);
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
  if (s && store_warning(s))
    fprintf(stderr, "tinsh: %s: warning: %s\n", path, store_warning(s));
  if (s) watch(s);
  free(path);
  return s;
}

static int use_color(void) {
  const char *nc = getenv("NO_COLOR");
  return isatty(1) && !(nc && *nc);
}

/* flush stdout: status, or bad when the write failed (reported) */
static int flush_stdout(int status, int bad) {
  if (fflush(stdout) == 0) return status;
  cmd_error("stdout", "write error");
  return bad;
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

/* the bar on a terminal: [####....] done/total files, rate, ETA */
static void put_bar(ingest_ui *u, int64_t done, int64_t total, double rate,
                    const char *eta) {
  int w = 30, fill = total ? (int)(w * done / total) : 0;
  char bar[64];
  for (int i = 0; i < w; i++) bar[i] = i < fill ? '#' : '.';
  bar[w] = 0;
  fprintf(stderr, "\r\033[K[%s] %lld/%lld files  %.1f MB/s  ETA %s", bar,
          (long long)done, (long long)total, rate, eta);
  u->bar_shown = 1;
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
    put_bar(u, st->files_done, total, rate, eta);
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

/* The database ingest writes to: --db, $TINSH_DB, else ./tinsh.db. */
static const char *ingest_db(const char *db) {
  if (db && *db) return db;
  const char *e = getenv("TINSH_DB");
  return e && *e ? e : "tinsh.db";
}

/* a number > 0 for o, or a usage error; 0 or 2 */
static int positive(const cmd_args *a, const cmd_opt *o, int *out) {
  int v = cmd_int_arg(o->val);
  if (v > 0) return *out = v, 0;
  return cmd_bad_option(a, o, "give a whole number > 0");
}

/* Read ingest's options (cli.c: --prune --reparse --wait --quiet
** --threads --max-file-size --batch). 0, or 2 after a usage error. */
static int ingest_options(const cmd_args *a, store_ingest_opts *o,
                          ingest_ui *u) {
  int r = 0;
  for (int i = 0; i < a->nopt && !r; i++) {
    const cmd_opt *p = &a->opt[i];
    if (p->key == 'p') o->prune = 1;
    if (p->key == 'r') o->reparse = 1;
    if (p->key == 'w') o->wait = 1;
    if (p->key == 'q') u->quiet = 1;
    if (p->key == 't') r = positive(a, p, &o->threads);
    if (p->key == 'b') r = positive(a, p, &o->batch);
    if (p->key == 'm' && (o->max_file_size = cmd_size_arg(p->val)) < 0)
      r = cmd_bad_option(a, p, "a size such as 64M, 512K or 1G");
  }
  if (!r && a->argc == 0 && !o->reparse && !o->prune) {
    cmd_error("ingest", "no PATH given (see tinsh ingest --help)");
    r = 2;
  }
  return r;
}

/* the summary lines after a finished ingest */
static void ingest_summary(const store_ingest_stats *st,
                           const store_ingest_opts *o) {
  printf(
      "%lld files in %.1f s: %lld new, %lld changed, %lld unchanged, "
      "%lld moved, %lld duplicates",
      (long long)st->files_done, st->elapsed, (long long)st->new_docs,
      (long long)st->changed, (long long)st->unchanged, (long long)st->moved,
      (long long)st->duplicates);
  if (o->prune) printf(", %lld pruned", (long long)st->pruned);
  if (o->reparse) printf(", %lld reparsed", (long long)st->reparsed);
  printf(
      ", %lld skipped, %lld warnings, %lld errors%s%s%s\n",
      (long long)st->skipped, (long long)st->warnings, (long long)st->errors,
      st->checked ? "; file checked after a cut-short first ingest: ok" : "",
      st->fts_upgraded ? "; full-text index made anew with dominant forms" : "",
      st->optimized ? "; full-text index merged into one segment" : "");
}

/* the document count, and a hint when some come from an older parser */
static void ingest_counts(store *s, const char *db) {
  printf("%s: %lld documents\n", db, (long long)store_doc_count(s));
  int64_t stale = store_stale_docs(s, PARSE_VERSION);
  if (stale > 0)
    fprintf(stderr,
            "tinsh: %s: %lld documents come from another parser version; "
            "'tinsh ingest --reparse' re-derives them\n",
            db, (long long)stale);
}

/* Run the ingest into the open store s; the exit status. */
static int ingest_into(store *s, const char *db, const cmd_args *a,
                       store_ingest_opts *o, ingest_ui *u) {
  watch(s);
  o->cancel = &interrupted;
  u->tty = isatty(2);
  o->progress = u->quiet ? NULL : on_progress; /* NULL: no counting walk */
  o->file_note = on_note;
  o->ctx = u;
  store_ingest_stats st;
  char *err = NULL;
  int rc = store_ingest(s, (const char *const *)a->argv, a->argc, o, &st, &err);
  if (rc < 0) {
    clear_bar(u);
    cmd_error(db, err);
    free(err);
    return interrupted ? 130 : 1;
  }
  ingest_summary(&st, o);
  ingest_counts(s, db);
  return rc == 0 ? 0 : 1;
}

int cmd_ingest(const cmd_args *a) {
  store_ingest_opts o = {0};
  ingest_ui u = {0};
  int r = ingest_options(a, &o, &u);
  if (r) return r;
  const char *db = ingest_db(a->db);
  store *s;
  char *err = NULL;
  if (store_open(db, STORE_READWRITE, &s, &err) != 0) {
    cmd_error(db, err);
    free(err);
    return 1;
  }
  r = ingest_into(s, db, a, &o, &u);
  close_store(s);
  return r;
}

/* ---- search ---- */

/* Print a snippet: markers \x02 \x03 become bold (or nothing); newlines
** and tabs become spaces; the text between is made visible. */
static void put_snippet(const char *s, int color, FILE *out) {
  while (s && *s) {
    size_t n = strcspn(s, "\x02\x03\n\r\t");
    width_put_visible(s, n, out, 0);
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

/* one hit as one JSON line */
static void put_hit_json(const store_hit *h, buf *line) {
  buf_reset(line);
  buf_printf(line, "{\"id\":%lld", (long long)h->id);
  json_field(line, "doc_id", h->doc_id);
  json_field(line, "path", h->path);
  json_field(line, "title", h->title);
  json_field(line, "published", h->published);
  buf_printf(line, ",\"score\":%.6g", h->score);
  json_snippet(line, h->snippet);
  buf_adds(line, "}\n");
  fwrite(line->data, 1, line->len, stdout);
}

/* one hit as text: title (bold) and date, path, snippet; n counts hits */
static void put_hit_text(const store_hit *h, int n, int color) {
  if (n > 1) fputc('\n', stdout);
  if (color) fputs("\033[1m", stdout);
  const char *t = h->title ? h->title : "(untitled)";
  width_put_visible(t, strlen(t), stdout, 0);
  if (color) fputs("\033[0m", stdout);
  if (h->published) {
    fputs("  ", stdout);
    width_put_visible(h->published, strlen(h->published), stdout, 0);
  }
  fputc('\n', stdout);
  width_put_visible(h->path, strlen(h->path), stdout, 0);
  fputs("\n  ", stdout);
  put_snippet(h->snippet, color, stdout);
  fputc('\n', stdout);
}

/* what `tinsh search` was asked for */
typedef struct search_cmd {
  store_search_opts o;
  int json, count;
  buf query; /* the operands joined by spaces */
} search_cmd;

/* Read search's options (cli.c: --json --match --count --and --limit
** --offset) and the query words. 0, or 2 after a usage error. */
static int search_options(const cmd_args *a, search_cmd *c) {
  for (int i = 0; i < a->nopt; i++) {
    const cmd_opt *p = &a->opt[i];
    int v = p->val ? cmd_int_arg(p->val) : 0;
    if (v < 0) return cmd_bad_option(a, p, "give a whole number >= 0");
    if (p->key == 'j') c->json = 1;
    if (p->key == 'm') c->o.raw = 1;
    if (p->key == 'c') c->count = 1;
    if (p->key == 'a') c->o.no_adjacent = 1;
    if (p->key == 'l') c->o.limit = v ? v : -1;
    if (p->key == 'o') c->o.offset = v;
  }
  for (int i = 0; i < a->argc; i++) {
    if (c->query.len) buf_addc(&c->query, ' ');
    buf_adds(&c->query, a->argv[i]);
  }
  if (c->query.len) return 0;
  cmd_error("search", "no QUERY given (see tinsh search --help)");
  return 2;
}

/* --count: print the number of matches; 0 some, 1 none, 2 error */
static int search_count(store *s, search_cmd *c, char **err) {
  int64_t n = store_search_count(s, c->query.data, c->o.raw, err);
  if (n < 0) return 2;
  printf("%lld\n", (long long)n);
  return n > 0 ? 0 : 1;
}

/* print the hits; 0 some, 1 none, 2 error (*err) */
static int search_hits(store *s, search_cmd *c, char **err) {
  if (!c->json) c->o.forms = 1; /* the forms line */
  store_search *r = store_search_open(s, c->query.data, &c->o, err);
  store_hit h;
  int color = !c->json && use_color(), n = 0;
  buf line;
  buf_init(&line);
  while (r && store_search_next(r, &h) == 1) {
    n++;
    if (c->json)
      put_hit_json(&h, &line);
    else
      put_hit_text(&h, n, color);
  }
  buf_free(&line);
  char *forms = n > 0 && !c->json ? store_search_forms(r, 8) : NULL;
  if (forms) printf("\nforms: %s\n", forms);
  free(forms);
  store_search_close(r);
  return *err ? 2 : n > 0 ? 0 : 1;
}

int cmd_search(const cmd_args *a) {
  search_cmd c = {0};
  buf_init(&c.query);
  int status = search_options(a, &c);
  store *s = status ? NULL : open_reader(a->db);
  if (!status && !s) status = 2;
  if (s) {
    char *err = NULL;
    status = c.count ? search_count(s, &c, &err) : search_hits(s, &c, &err);
    if (err) cmd_error("search", err), status = 2;
    free(err);
    close_store(s);
    status = flush_stdout(status, 2);
  }
  buf_free(&c.query);
  return status;
}

/* ---- sql ---- */

enum { SQL_TABLE, SQL_CSV, SQL_JSON };

#define CELL_MAX 60 /* display columns per table cell */

/* the printer store_run_sql hands each statement's rows to */
typedef struct sql_out {
  int fmt;   /* SQL_TABLE, SQL_CSV or SQL_JSON */
  FILE *out; /* stdout */
  int ncol;
  VEC(char *) cells; /* SQL_TABLE: row-major, header first; NULL = NULL */
  VEC(int) numeric;  /* SQL_TABLE: per column, every value numeric */
  buf line;          /* SQL_JSON: the row being written */
} sql_out;

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

/* the display width of cell r, k as table_cell shows it (text left in c) */
static size_t cell_width(sql_out *t, size_t r, int k, buf *c) {
  table_cell(t->cells.items[r * (size_t)t->ncol + (size_t)k], c);
  return c->len ? width_of(c->data, c->len) : 0;
}

/* the width of each column: its widest cell (malloc'd) */
static size_t *column_widths(sql_out *t, size_t nrow, buf *c) {
  size_t *w = xcalloc((size_t)t->ncol, sizeof *w);
  for (size_t r = 0; r < nrow; r++)
    for (int k = 0; k < t->ncol; k++) {
      size_t cw = cell_width(t, r, k, c);
      if (cw > w[k]) w[k] = cw;
    }
  return w;
}

/* row r, padded to the widths w; numbers right-aligned below the header */
static void put_table_row(sql_out *t, size_t r, const size_t *w, buf *c) {
  for (int k = 0; k < t->ncol; k++) {
    size_t pad = w[k] - cell_width(t, r, k, c);
    int right = r > 0 && t->numeric.items[k];
    if (k) fputs("  ", t->out);
    if (right) fprintf(t->out, "%*s", (int)pad, "");
    if (c->len) fwrite(c->data, 1, c->len, t->out);
    if (!right && k + 1 < t->ncol) fprintf(t->out, "%*s", (int)pad, "");
  }
  fputc('\n', t->out);
}

/* the rule under the header: dashes as wide as each column */
static void put_rule(sql_out *t, const size_t *w) {
  for (int k = 0; k < t->ncol; k++) {
    if (k) fputs("  ", t->out);
    for (size_t i = 0; i < w[k]; i++) fputc('-', t->out);
  }
  fputc('\n', t->out);
}

/* print the collected cells as an aligned table and forget them */
static void print_table(sql_out *t) {
  size_t nrow = t->ncol ? t->cells.n / (size_t)t->ncol : 0;
  buf c;
  buf_init(&c);
  size_t *w = column_widths(t, nrow, &c);
  for (size_t r = 0; r < nrow; r++) {
    put_table_row(t, r, w, &c);
    if (r == 0) put_rule(t, w);
  }
  buf_free(&c);
  free(w);
  for (size_t i = 0; i < t->cells.n; i++) free(t->cells.items[i]);
  t->cells.n = t->numeric.n = 0;
}

/* a statement starts: the header (table cells, or a CSV line) */
static void sql_begin(sql_out *t, const store_row *r) {
  t->ncol = r->ncol;
  for (int k = 0; k < r->ncol && t->fmt == SQL_TABLE; k++) {
    VEC_PUSH(t->cells, xstrdup(r->names[k]));
    VEC_PUSH(t->numeric, 1);
  }
  if (t->fmt != SQL_CSV || !r->ncol) return;
  for (int k = 0; k < r->ncol; k++) {
    if (k) fputc(',', t->out);
    csv_cell(r->names[k], t->out);
  }
  fputc('\n', t->out);
}

/* one row as one JSON object line */
static void sql_json_row(sql_out *t, const store_row *r) {
  buf *b = &t->line;
  buf_reset(b);
  buf_addc(b, '{');
  for (int k = 0; k < r->ncol; k++) {
    if (k) buf_addc(b, ',');
    buf_add_json_str(b, r->names[k], strlen(r->names[k]));
    buf_addc(b, ':');
    if (r->types[k] == STORE_NULL)
      buf_adds(b, "null");
    else if (r->types[k] == STORE_INTEGER || r->types[k] == STORE_FLOAT)
      buf_adds(b, r->values[k]);
    else
      buf_add_json_str(b, r->values[k], (size_t)r->lens[k]);
  }
  buf_adds(b, "}\n");
  fwrite(b->data, 1, b->len, t->out);
}

/* one row: kept for the table, or printed as CSV or JSON */
static void sql_row(sql_out *t, const store_row *r) {
  if (t->fmt == SQL_JSON) {
    sql_json_row(t, r);
    return;
  }
  for (int k = 0; k < r->ncol; k++) {
    const char *v = r->values[k];
    if (t->fmt == SQL_CSV) {
      if (k) fputc(',', t->out);
      csv_cell(v, t->out);
      continue;
    }
    VEC_PUSH(t->cells, v ? xstrdup(v) : NULL);
    if (r->types[k] == STORE_TEXT || r->types[k] == STORE_BLOB)
      t->numeric.items[k] = 0;
  }
  if (t->fmt == SQL_CSV) fputc('\n', t->out);
}

/* store_row_fn: each event of each statement */
static void sql_event(void *ud, const store_row *r) {
  sql_out *t = ud;
  if (r->event == STORE_SQL_BEGIN) sql_begin(t, r);
  if (r->event == STORE_SQL_ROW) sql_row(t, r);
  if (r->event == STORE_SQL_END && t->fmt == SQL_TABLE && t->ncol)
    print_table(t);
}

/* Read sql's options (--csv, --json) and its one operand, the SQL. */
static int sql_options(const cmd_args *a, int *fmt) {
  for (int i = 0; i < a->nopt; i++)
    *fmt = a->opt[i].key == 'c' ? SQL_CSV : SQL_JSON;
  if (a->argc == 1) return 0;
  if (a->argc == 0)
    cmd_error("sql", "no SQL given (see tinsh sql --help)");
  else
    cmd_error("sql", "give the SQL as one argument (quote it)");
  return 2;
}

int cmd_sql(const cmd_args *a) {
  sql_out t = {.fmt = SQL_TABLE, .out = stdout};
  if (sql_options(a, &t.fmt)) return 2;
  store *s = open_reader(a->db);
  if (!s) return 1;
  buf_init(&t.line);
  char *err = NULL;
  int rc = store_run_sql(s, a->argv[0], sql_event, &t, &err);
  if (rc == -1) cmd_error("sql", err);
  if (rc == -2)
    cmd_error("sql",
              "the database is read-only here: only queries are "
              "allowed (change it with tinsh ingest)");
  free(err);
  buf_free(&t.line);
  free(t.cells.items), free(t.numeric.items);
  close_store(s);
  return flush_stdout(rc ? 1 : 0, 1);
}
