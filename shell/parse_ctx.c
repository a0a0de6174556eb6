/*
** parse_ctx.c — the optional per-folder context of the parser (parse.h):
** which lines repeat, identically, across the sibling files of one site
** or folder. A line printed on k or more pages of a site is its chrome
** (banner, campaign banner, menu, footer), whatever its words.
**
** Lines are counted after text_normalize, once per file, so they match
** the parser's units; only lines of 2..300 bytes are counted. The set is
** an open-addressing table of 64-bit line hashes with a file count.
** Adding is single-threaded; once built, lookups are read-only and may
** run from many threads. A context is reference-counted (parse_ctx_ref,
** parse_ctx_free releases): the ingest's jobs of one folder share it.
*/
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

#include "parse.h"
#include "parse_folder.h"
#include "text.h"
#include "util.h"

typedef struct slot {
  uint64_t h; /* line hash, 0 = empty */
  uint32_t files;
  uint32_t last; /* the file number that counted it last */
} slot;

struct parse_ctx {
  slot *s;
  size_t cap, n;
  uint32_t files; /* files added */
  int min_files;  /* a line is chrome when seen in this many files */
  int min_share;  /* ... and in at least this percentage of them */
  atomic_int refs;
};

parse_ctx *parse_ctx_new(int min_files) {
  parse_ctx *c = xcalloc(1, sizeof *c);
  c->min_files = min_files < 2 ? 2 : min_files;
  atomic_init(&c->refs, 1);
  return c;
}

void parse_ctx_set_share(parse_ctx *c, int percent) {
  if (c) c->min_share = percent < 0 ? 0 : percent > 100 ? 100 : percent;
}

parse_ctx *parse_ctx_ref(parse_ctx *c) {
  if (c) atomic_fetch_add(&c->refs, 1);
  return c;
}

size_t parse_ctx_files(const parse_ctx *c) {
  return c ? c->files : 0;
}

void parse_ctx_free(parse_ctx *c) {
  if (!c || atomic_fetch_sub(&c->refs, 1) > 1) return;
  free(c->s);
  free(c);
}

static slot *find(slot *s, size_t cap, uint64_t h) {
  size_t i = h & (cap - 1);
  while (s[i].h && s[i].h != h) i = (i + 1) & (cap - 1);
  return &s[i];
}

static void grow(parse_ctx *c) {
  size_t ncap = c->cap ? c->cap * 2 : 1024;
  slot *ns = xcalloc(ncap, sizeof *ns);
  for (size_t i = 0; i < c->cap; i++)
    if (c->s[i].h) *find(ns, ncap, c->s[i].h) = c->s[i];
  free(c->s);
  c->s = ns, c->cap = ncap;
}

static uint64_t line_hash(const char *s, size_t n) {
  uint64_t h = util_hash64(s, n);
  return h ? h : 1;
}

/* Count line s[0..n) for file number f (once per file). */
static void count_line(parse_ctx *c, const char *s, size_t n, uint32_t f) {
  while (n && s[0] == ' ') s++, n--;
  while (n && s[n - 1] == ' ') n--;
  if (n < 2 || n > 300) return;
  if (2 * (c->n + 1) > c->cap) grow(c);
  slot *e = find(c->s, c->cap, line_hash(s, n));
  if (!e->h) e->h = line_hash(s, n), c->n++;
  if (e->last != f) e->files++, e->last = f;
}

void parse_ctx_add(parse_ctx *c, const char *bytes, size_t len) {
  size_t n;
  text_stats st;
  char *t = text_normalize(bytes ? bytes : "", bytes ? len : 0, &n, &st);
  uint32_t f = ++c->files;
  for (size_t i = 0; i < n;) {
    const char *nl = memchr(t + i, '\n', n - i);
    size_t e = nl ? (size_t)(nl - t) : n;
    count_line(c, t + i, e - i, f);
    i = e + 1;
  }
  free(t);
}

int parse_ctx_repeated(const parse_ctx *c, const char *s, size_t n) {
  if (!c || !c->cap || n < 2 || n > 300) return 0;
  const slot *e = find(c->s, c->cap, line_hash(s, n));
  return e->h && e->files >= (uint32_t)c->min_files &&
         (uint64_t)e->files * 100 >=
             (uint64_t)c->files * (uint64_t)c->min_share;
}
