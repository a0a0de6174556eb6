/*
** cmd_query.c — `tinsh query PATTERN [--json] [--limit N]`: every match
** of a pattern (docs/query.md) in the corpus, one line each: the
** document's path, the block (seq and kind), the match in brackets with
** some context; or one JSON object per match. The corpus's user lexicon
** (corpus_words) segments the blocks, as in Lua. --explain says on
** stderr how the candidates were found; --no-index turns the vocabulary
** prefilter and the position maps off. Exit status: 0 matches
** found, 1 none, 2 a bad pattern or another error.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "segment.h"
#include "store_query.h"
#include "store_words.h"
#include "width.h"

#define CONTEXT 40 /* bytes of context each side (cut on a character) */

typedef struct qcmd {
  int json;
  int explain;  /* --explain: the run's plan and counts on stderr */
  int no_index; /* --no-index */
  long limit;   /* 0: none */
  long n;       /* matches printed */
  buf line;
} qcmd;

static int options(const cmd_args *a, qcmd *c) {
  for (int i = 0; i < a->nopt; i++) {
    const cmd_opt *p = &a->opt[i];
    if (p->key == 'j') c->json = 1;
    if (p->key == 'x') c->explain = 1;
    if (p->key == 'N') c->no_index = 1;
    if (p->key == 'l') {
      int v = cmd_int_arg(p->val);
      if (v < 0) return cmd_bad_option(a, p, "give a whole number >= 0");
      c->limit = v;
    }
  }
  if (a->argc == 1) return 0;
  cmd_error("query", a->argc ? "give one PATTERN (quote it)"
                             : "no PATTERN given (see tinsh query --help)");
  return 2;
}

/* Append text[from..to) with white space runs as one space, and its
** control characters, bidi overrides and invalid bytes as visible escapes:
** the text of a database not made by tinsh ingest (one shared with the
** user) may hold any byte, and went to the terminal raw (red team 11). */
static void add_flat(buf *b, const char *text, size_t from, size_t to) {
  size_t at = b->len;
  for (size_t i = from; i < to; i++) {
    char ch = text[i];
    int sp = ch == '\n' || ch == '\t' || ch == '\r' || ch == ' ';
    if (sp && b->len && b->data[b->len - 1] == ' ') continue;
    buf_addc(b, sp ? ' ' : ch);
  }
  size_t n = b->len - at;
  if (n == 0 || !width_invisible(b->data + at, n, 0)) return;
  char *raw = xmalloc(n);
  memcpy(raw, b->data + at, n);
  b->len = at;
  buf_reserve(b, WIDTH_VISIBLE_MAX(n));
  b->len += width_visible(raw, n, 0, b->data + b->len);
  free(raw);
}

/* back or forward from i to a character start in text[0..n) */
static size_t char_start(const char *t, size_t n, size_t i) {
  while (i > 0 && i < n && ((unsigned char)t[i] & 0xC0) == 0x80) i--;
  return i;
}

/* Append s with its control characters, bidi overrides and invalid bytes
** as visible escapes (a file name may hold any byte: red team 5). */
static void add_visible(buf *b, const char *s) {
  size_t n = strlen(s);
  if (!width_invisible(s, n, 0)) {
    buf_add(b, s, n);
    return;
  }
  buf_reserve(b, WIDTH_VISIBLE_MAX(n));
  b->len += width_visible(s, n, 0, b->data + b->len);
}

static void put_text(qcmd *c, const q_hit *h, size_t s, size_t e) {
  size_t n = strlen(h->text);
  size_t l = char_start(h->text, n, s > CONTEXT ? s - CONTEXT : 0);
  size_t r = char_start(h->text, n, e + CONTEXT < n ? e + CONTEXT : n);
  buf *b = &c->line;
  add_visible(b, h->path ? h->path : "");
  buf_printf(b, ":%d:%s: %s", h->seq, h->kind, l ? "…" : "");
  add_flat(b, h->text, l, s);
  buf_addc(b, '[');
  add_flat(b, h->text, s, e);
  buf_addc(b, ']');
  add_flat(b, h->text, e, r);
  buf_adds(b, r < n ? "…\n" : "\n");
}

static void json_str(buf *b, const char *k, const char *v, size_t n) {
  buf_printf(b, ",\"%s\":", k);
  if (v)
    buf_add_json_str(b, v, n);
  else
    buf_adds(b, "null");
}

/* the match's tokens and named parts */
static void json_tokens(buf *b, const q_hit *h, const q_pattern *p) {
  const q_token *t = h->st->tok;
  buf_adds(b, ",\"tokens\":[");
  for (int i = h->m->s; i < h->m->e; i++) {
    if (i > h->m->s) buf_addc(b, ',');
    buf_add_json_str(b, h->text + t[i].from, t[i].to - t[i].from);
  }
  buf_adds(b, "],\"parts\":{");
  for (int i = 0, k = 0; i < q_nparts(p); i++) {
    int x = h->m->part[2 * i], y = h->m->part[2 * i + 1];
    if (x < 0 || y <= x) continue;
    buf_printf(b, "%s\"%s\":{\"s\":%zu,\"e\":%zu", k++ ? "," : "",
               q_part_name(p, i), t[x].from + 1, t[y - 1].to);
    json_str(b, "text", h->text + t[x].from, t[y - 1].to - t[x].from);
    buf_addc(b, '}');
  }
  buf_adds(b, "}}\n");
}

typedef struct qout {
  qcmd *c;
  const q_pattern *p;
} qout;

static int on_hit(void *ud, const q_hit *h) {
  qout *o = ud;
  qcmd *c = o->c;
  size_t s = h->st->tok[h->m->s].from, e = h->st->tok[h->m->e - 1].to;
  buf_reset(&c->line);
  if (c->json) {
    buf_printf(&c->line, "{\"rowid\":%lld", (long long)h->rowid);
    json_str(&c->line, "path", h->path, h->path ? strlen(h->path) : 0);
    json_str(&c->line, "title", h->title, h->title ? strlen(h->title) : 0);
    buf_printf(&c->line, ",\"seq\":%d,\"kind\":\"%s\",\"s\":%zu,\"e\":%zu",
               h->seq, h->kind, s + 1, e);
    json_str(&c->line, "text", h->text + s, e - s);
    json_tokens(&c->line, h, o->p);
  } else {
    put_text(c, h, s, e);
  }
  fwrite(c->line.data, 1, c->line.len, stdout);
  c->n++;
  return c->limit > 0 && c->n >= c->limit;
}

static int add_word(void *ctx, const char *w, int add) {
  seg_lex *lex = ctx;
  if (add)
    seg_lex_add(lex, w, strlen(w));
  else
    seg_lex_remove(lex, w, strlen(w));
  return 0;
}

/* The default lexicon with the corpus's user words (NULL: none). */
static seg_lex *user_lexicon(store *s) {
  const seg_lex *base = seg_lex_default();
  seg_lex *lex = base ? seg_lex_overlay(base) : NULL;
  if (lex && store_user_words(s, add_word, lex) != 0)
    seg_lex_free(lex), lex = NULL;
  if (lex && seg_lex_size(lex) == 0) seg_lex_free(lex), lex = NULL;
  return lex;
}

static store *open_corpus(const char *db) {
  char *err = NULL, *path = store_default_path(db, &err);
  store *s = NULL;
  if (!path) {
    cmd_error("database", err);
  } else if (store_open(path, STORE_READONLY, &s, &err) != 0) {
    cmd_error(path, err);
    s = NULL;
  }
  free(err), free(path);
  return s;
}

/* Run pattern p over s: 0 matches, 1 none, 2 error. */
static int run(store *s, const q_pattern *p, const seg_lex *lex, qcmd *c) {
  q_run_stats stats;
  q_run_opts o = {lex, NULL, 0, 0, 1, c->no_index, &stats, 0};
  qout out = {c, p};
  char *err = NULL;
  int rc = store_query_run(s, p, &o, on_hit, &out, &err);
  if (c->explain)
    fprintf(stderr,
            "tinsh: query: candidates %s; %ld documents, %ld blocks (%ld "
            "from position maps)\n",
            stats.plan, stats.candidates, stats.blocks, stats.mapped);
  if (rc < 0) {
    cmd_error("query", err ? err : "failed");
    free(err);
    return 2;
  }
  if (fflush(stdout) != 0) return cmd_error("stdout", "write error"), 2;
  return c->n > 0 ? 0 : 1;
}

int cmd_query(const cmd_args *a) {
  qcmd c = {0};
  int status = options(a, &c);
  if (status) return status;
  store *s = open_corpus(a->db);
  if (!s) return 2;
  seg_lex *lex = user_lexicon(s);
  char err[Q_ERR_SIZE];
  q_pattern *p = q_compile(a->argv[0], strlen(a->argv[0]), lex, err);
  if (!p) {
    cmd_error("query", err);
    status = 2;
  } else {
    buf_init(&c.line);
    status = run(s, p, lex, &c);
    buf_free(&c.line);
  }
  q_free(p);
  seg_lex_free(lex);
  store_close(s);
  return status;
}
