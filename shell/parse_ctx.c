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

/* The hash of a line's canonical bytes (runs of blanks read as one space,
** none at its end): eight bytes a step, each word folded in by a 128-bit
** multiply (its two halves xored), the length first. The hash lives only
** in this process's table (a context is rebuilt by every run), so it need
** not be FNV-1a (a chain of multiplies a byte); a 64-bit hash, as
** before. */
#define LH_K1 0xA0761D6478BD642Full
#define LH_K2 0xE7037ED1A0B428DBull

/* h and the word w mixed: the halves of (h ^ w) * LH_K2 xored. */
static inline uint64_t lh_mix(uint64_t h, uint64_t w) {
  __uint128_t m = (__uint128_t)(h ^ w) * LH_K2;
  return (uint64_t)m ^ (uint64_t)(m >> 64);
}

/* The words of c[0..m) hashed (lh_mix), the last one zero-padded;
** slow: each word put together a byte at a time (the reference). */
static uint64_t lh_words(const unsigned char *c, size_t m, int slow) {
  uint64_t h = lh_mix(LH_K1, m);
  size_t i = 0;
  for (; i + 8 <= m; i += 8) {
    uint64_t w = 0;
    if (slow)
      for (int k = 0; k < 8; k++) w |= (uint64_t)c[i + k] << (8 * k);
    else
      w = util_load8(c + i);
    h = lh_mix(h, w);
  }
  if (i < m) {
    uint64_t w = 0;
    for (size_t k = 0; i + k < m; k++) w |= (uint64_t)c[i + k] << (8 * k);
    h = lh_mix(h, w);
  }
  h = lh_mix(h, LH_K1);
  return h ? h : 1;
}

/* One step of canon's byte loop at s[*i) (i < n): a byte copied to
** d[*o], or a run of blanks written as one space (none when it ends the
** line). */
static void canon_step(const char *s, size_t *i, size_t n, unsigned char *d,
                       size_t *o) {
  unsigned char c = (unsigned char)s[*i];
  if (!blank(c)) {
    d[(*o)++] = c, (*i)++;
    return;
  }
  while (++*i < n && blank((unsigned char)s[*i])) {
  }
  if (*i < n) d[(*o)++] = ' ';
}

#ifdef __SSE2__
/* Are the 16 bytes at s (s[16] readable) canonical as they are: no byte
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

/* The canonical bytes of s[0..n) written to d (room for n): runs of
** blanks (space, tab, CR) as one space, a trailing run as nothing.
** Sixteen bytes a step while they hold no control byte and no run of
** blanks (plain16); slow: one byte a step. Returns their count. */
static size_t canon(const char *s, size_t n, unsigned char *d, int slow) {
  size_t i = 0, o = 0;
  while (i < n) {
#ifdef __SSE2__
    for (; !slow && i + 17 <= n && plain16(s + i); i += 16, o += 16)
      memcpy(d + o, s + i, 16);
    if (i >= n) break;
#endif
    canon_step(s, &i, n, d, &o);
  }
  return o;
}

/* Is s[0..n) its own canonical form: no byte below ' ', no two spaces
** in a row, no space last? Sixteen bytes a step (plain16), the last
** step overlapping the one before; a line under 17 bytes byte by
** byte. */
static int canonical(const char *s, size_t n) {
  if (n && (unsigned char)s[n - 1] <= ' ') return 0;
  size_t i = 0;
#ifdef __SSE2__
  if (n >= 17) {
    for (; i + 17 <= n; i += 16)
      if (!plain16(s + i)) return 0;
    return plain16(s + n - 17); /* s[n - 1] is no blank (above) */
  }
#endif
  for (; i < n; i++) {
    unsigned char c = (unsigned char)s[i];
    if (c < ' ' || (c == ' ' && i + 1 < n && s[i + 1] == ' ')) return 0;
  }
  return 1;
}

/* The line's hash (lh_words of its canonical bytes), so a raw line hashes
** as its normalised unit does. A line that is canonical already is
** hashed where it is; slow: canonicalised and hashed one byte a step
** (parse_ctx_line_hash, for the tests). */
static uint64_t line_hash_with(const char *s, size_t n, int slow) {
  if (!slow && canonical(s, n)) return lh_words((const unsigned char *)s, n, 0);
  unsigned char small[512];
  unsigned char *d = n <= sizeof small ? small : xmalloc(n);
  uint64_t h = lh_words(d, canon(s, n, d, slow), slow);
  if (d != small) free(d);
  return h;
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
