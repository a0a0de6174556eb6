/*
** parse_ctx.c — the optional per-folder context of the parser (parse.h):
** which lines repeat, identically, across the sibling files of one site
** or folder. A line printed on k or more pages of a site is its chrome
** (banner, campaign banner, menu, footer), whatever its words.
**
** Lines are counted once per file, as raw bytes (a BOM dropped, blanks
** trimmed and runs of them read as one space): hashing the raw lines
** costs a tenth of normalising them, and the parser's units of clean
** UTF-8 text hash the same. A line that normalisation changes (entities,
** decomposed marks, legacy encodings) is not recognised: chrome is missed
** there, never invented. Only lines of 2..300 bytes are counted. The set is
** an open-addressing table of 64-bit line hashes with a file count.
** Adding is single-threaded; once built, lookups are read-only and may
** run from many threads. A context is reference-counted (parse_ctx_ref,
** parse_ctx_free releases): the ingest's jobs of one folder share it.
*/
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

#include "parse.h"
#include "parse_count.h"
#include "parse_folder.h"
#include "parse_int.h"
#include "util.h"
#ifdef __SSE2__
#include <emmintrin.h>
#endif

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
  size_t i = util_slot(h) & (cap - 1);
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

/* Is c a blank (space, tab, CR)? */
static int blank(unsigned char c) {
  return c <= ' ' && (c == ' ' || c == '\t' || c == '\r');
}

/* One step of line_hash's byte loop at s[*i) (i < n): a byte, or a run
** of blanks read as one space (none when it ends the line). */
static uint64_t hash_step(uint64_t h, const char *s, size_t *i, size_t n) {
  unsigned char c = (unsigned char)s[*i];
  if (!blank(c)) return (*i)++, (h ^ c) * UTIL_FNV_PRIME;
  while (++*i < n && blank((unsigned char)s[*i])) {
  }
  return *i < n ? (h ^ ' ') * UTIL_FNV_PRIME : h;
}

#ifdef __SSE2__
/* Are the 16 bytes at s (s[16] readable) hashed as they are: no byte
** below ' ', no space before a byte of ' ' or below (s[16] too)? */
static inline int plain16(const char *s) {
  __m128i w = _mm_loadu_si128((const __m128i *)(const void *)s);
  __m128i le = _mm_cmpeq_epi8(_mm_min_epu8(w, _mm_set1_epi8(' ')), w);
  __m128i lt = _mm_cmpeq_epi8(_mm_min_epu8(w, _mm_set1_epi8(0x1F)), w);
  unsigned m = (unsigned)_mm_movemask_epi8(le);
  m |= (unsigned)((unsigned char)s[16] <= ' ') << 16;
  return !_mm_movemask_epi8(lt) && !(m & m >> 1);
}
#endif

/* FNV-1a of the line with runs of blanks (space, tab, CR) read as one
** space, so a raw line hashes as its normalised unit does; a trailing
** run hashes nothing. Sixteen bytes a step while they hold no control
** byte and no run of blanks (plain16); slow: one byte a step
** (line_hash_slow, for the tests). */
static uint64_t line_hash_with(const char *s, size_t n, int slow) {
  uint64_t h = UTIL_FNV_OFFSET;
  const unsigned char *u = (const unsigned char *)s;
  for (size_t i = 0; i < n;) {
#ifdef __SSE2__
    for (; !slow && i + 17 <= n && plain16(s + i); i += 16)
      for (int j = 0; j < 16; j++) h = (h ^ u[i + j]) * UTIL_FNV_PRIME;
    if (i >= n) break;
#endif
    h = hash_step(h, s, &i, n);
  }
  return h ? h : 1;
}

static uint64_t line_hash(const char *s, size_t n) {
  return line_hash_with(s, n, 0);
}

uint64_t parse_ctx_line_hash(const char *s, size_t n, int slow) {
  return line_hash_with(s, n, slow);
}

/* s[0..*n) without blanks at either end. */
static const char *trim(const char *s, size_t *n) {
  while (*n && (s[0] == ' ' || s[0] == '\t' || s[0] == '\r')) s++, (*n)--;
  while (*n && (s[*n - 1] == ' ' || s[*n - 1] == '\t' || s[*n - 1] == '\r'))
    (*n)--;
  return s;
}

/* Count line s[0..n) for file number f (once per file). */
static void count_line(parse_ctx *c, const char *s, size_t n, uint32_t f) {
  s = trim(s, &n);
  if (n < 2 || n > 300) return;
  if (2 * (c->n + 1) > c->cap) grow(c);
  uint64_t h = line_hash(s, n);
  slot *e = find(c->s, c->cap, h);
  if (!e->h) e->h = h, c->n++;
  if (e->last != f) e->files++, e->last = f;
}

void parse_ctx_add(parse_ctx *c, const char *bytes, size_t len) {
  uint32_t f = ++c->files;
  if (!bytes) return;
  if (len >= 3 && !memcmp(bytes, "\xef\xbb\xbf", 3)) bytes += 3, len -= 3;
  for (size_t i = 0; i < len;) {
    const char *nl = memchr(bytes + i, '\n', len - i);
    size_t e = nl ? (size_t)(nl - bytes) : len;
    count_line(c, bytes + i, e - i, f);
    i = e + 1;
  }
}

/* A line the parser keeps as content even when the folder repeats it:
** one word ("LUẬT" over a law's name), a numbered heading ("Chương I",
** "Điều 1. Phạm vi điều chỉnh"), a numbered item ("3. Chính phủ quy định
** …"), a clause ending in ';' or ':' (a preamble's "Căn cứ …;", "… hiểu
** như sau:"). */
static int structural(const char *s, size_t n) {
  if (pc_words(s, n, 2) < 2 || pl_numbered_heading(s, n)) return 1;
  if (s[n - 1] == ';' || s[n - 1] == ':') return 1;
  size_t i = 0;
  while (i < n && i < 4 && s[i] >= '0' && s[i] <= '9') i++;
  return i > 0 && i < n && (s[i] == '.' || s[i] == ')');
}

int parse_ctx_repeated(const parse_ctx *c, const char *s, size_t n) {
  if (!c || !c->cap || n < 2 || n > 300) return 0;
  const slot *e = find(c->s, c->cap, line_hash(s, n));
  return e->h && e->files >= (uint32_t)c->min_files &&
         (uint64_t)e->files * 100 >=
             (uint64_t)c->files * (uint64_t)c->min_share &&
         !structural(s, n);
}
