/*
** fts_forms.c — the index's dominant forms (data/words/forms.tsv, built
** into the binary) and the tokens of the index mode that reads them
** (FTS_INDEX, the tokenizer argument FTS_FORMS_ARG).
**
** The table maps a fold token (lower case, no accents, đ -> d, syllables
** joined by FTS_WORD_JOIN) to the accented form written for it at least
** nine times in ten ("viet" -> "việt", "quang_ninh" -> "quảng_ninh";
** scripts/build_forms.py); a fold it does not hold ("dang", "ninh") keeps
** both forms of each token. The file is part of the index format,
** so it is compiled in rather than read at run time: a database indexed
** with it must be searched with it. Queries look a fold up by halving
** the sorted lines in place (nothing to build: a search's start-up stays
** as it was); an ingest looks up every token, so the first index-mode
** lookup builds a hash of the lines (22,566 of them).
*/
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fts.h"
#include "util.h"

/* The file's bytes, then a NUL (TINSH_FORMS_FILE: CMakeLists.txt). */
__asm__(
    ".section .rodata\n"
    ".p2align 4\n"
    "tinsh_forms_data:\n"
    ".incbin \"" TINSH_FORMS_FILE
    "\"\n"
    "tinsh_forms_nul:\n"
    ".byte 0\n"
    ".previous\n");
extern const char tinsh_forms_data[], tinsh_forms_nul[];

/* The table's lines: from the first line that is not a comment to the NUL
** (the file ends with a newline). */
static const char *lines_begin(void) {
  const char *p = tinsh_forms_data;
  while (*p == '#') {
    const char *nl = strchr(p, '\n');
    if (!nl) return p + strlen(p);
    p = nl + 1;
  }
  return p;
}

static const char *lines_end(void) {
  return tinsh_forms_nul;
}

/* The line at p: its fold p[0..*nf), its form at *form, length *nform;
** returns the next line. */
static const char *line_at(const char *p, int *nf, const char **form,
                           int *nform) {
  const char *tab = memchr(p, '\t', (size_t)(lines_end() - p));
  const char *nl = tab ? memchr(tab, '\n', (size_t)(lines_end() - tab)) : NULL;
  if (!tab || !nl) { /* never in a well-formed file (the test checks) */
    *nf = *nform = 0, *form = p;
    return lines_end();
  }
  *nf = (int)(tab - p), *form = tab + 1, *nform = (int)(nl - tab - 1);
  return nl + 1;
}

/* memcmp order of a[0..na) and b[0..nb), the shorter first on a tie. */
static int cmp_bytes(const char *a, int na, const char *b, int nb) {
  int c = memcmp(a, b, (size_t)(na < nb ? na : nb));
  return c ? c : (na > nb) - (na < nb);
}

/* The start of the first line whose fold is not less than key[0..n):
** halving the byte range, each probe moved to the start of its line. */
static const char *lower_bound(const char *key, int n) {
  const char *lo = lines_begin(), *hi = lines_end();
  while (lo < hi) {
    const char *mid = lo + (hi - lo) / 2;
    while (mid > lo && mid[-1] != '\n') mid--;
    int nf, nform;
    const char *form;
    const char *next = line_at(mid, &nf, &form, &nform);
    if (cmp_bytes(mid, nf, key, n) < 0)
      lo = next;
    else
      hi = mid;
  }
  return lo;
}

/* ---- the ingest's hash of the lines ---- */

static uint32_t *slots; /* offset + 1 of a line in the data; 0: empty */
static size_t nslot;    /* a power of two, at least twice the lines */
static pthread_once_t built = PTHREAD_ONCE_INIT;

static void build_hash(void) {
  size_t n = 0;
  for (const char *p = lines_begin(); p < lines_end(); p++) n += *p == '\n';
  for (nslot = 1024; nslot < 2 * n; nslot *= 2) {
  }
  slots = xcalloc(nslot, sizeof *slots);
  for (const char *p = lines_begin(); p < lines_end();) {
    int nf, nform;
    const char *form, *next = line_at(p, &nf, &form, &nform);
    size_t i = (size_t)util_hash64(p, (size_t)nf) & (nslot - 1);
    while (slots[i]) i = (i + 1) & (nslot - 1);
    slots[i] = (uint32_t)(p - tinsh_forms_data) + 1;
    p = next;
  }
}

/* Is the line at p that of fold[0..n)? Its form through *form, *nform.
** (The line's fold length first: never read past the table's end.) */
static int line_is(const char *p, const char *fold, int n, const char **form,
                   int *nform) {
  int nf;
  line_at(p, &nf, form, nform);
  return nf == n && memcmp(p, fold, (size_t)n) == 0;
}

/* The form of fold[0..n) by the hash, or NULL. */
static const char *hash_find(const char *fold, int n, int *nform) {
  pthread_once(&built, build_hash);
  const char *form;
  for (size_t i = (size_t)util_hash64(fold, (size_t)n) & (nslot - 1); slots[i];
       i = (i + 1) & (nslot - 1))
    if (line_is(tinsh_forms_data + slots[i] - 1, fold, n, &form, nform))
      return form;
  return NULL;
}

/* The form of fold[0..n) by halving, or NULL. */
static const char *sorted_find(const char *fold, int n, int *nform) {
  const char *p = lower_bound(fold, n), *form;
  return p < lines_end() && line_is(p, fold, n, &form, nform) ? form : NULL;
}

const char *fts_forms_dominant(const char *fold, int n, int *nd, int hashed) {
  const char *d =
      n > 0 ? hashed ? hash_find(fold, n, nd) : sorted_find(fold, n, nd) : NULL;
  if (!d) *nd = 0;
  return d;
}

const char *fts_forms_table(size_t *n) {
  *n = (size_t)(lines_end() - tinsh_forms_data);
  return tinsh_forms_data;
}

/* ---- index-mode tokens ---- */

int fts_forms_marker(const char *fold, int n, char *out, int cap) {
  if (n + 1 > cap) return -1;
  out[0] = FTS_FORMS_MARK;
  memcpy(out + 1, fold, (size_t)n);
  return n + 1;
}

int fts_forms_emit(fts_token_fn cb, void *ctx, int mode, int fl, const char *ex,
                   int nex, const char *st, int nst, int start, int end) {
  if (nst == 0) return 0;
  if (nex == 0) ex = st, nex = nst; /* no exact fold: the stripped one */
  int nd;
  const char *d =
      mode == FTS_INDEX ? fts_forms_dominant(st, nst, &nd, 1) : NULL;
  if (!d) { /* FTS_DOCUMENT, or a fold of no line: both forms */
    int rc = cb(ctx, fl, st, nst, start, end);
    if (rc == 0 && (nex != nst || memcmp(ex, st, (size_t)nex) != 0))
      rc = cb(ctx, FTS_COLOCATED, ex, nex, start, end);
    return rc;
  }
  int rc = cb(ctx, fl, ex, nex, start, end);
  if (rc || (nd == nex && memcmp(d, ex, (size_t)nex) == 0)) return rc;
  char mark[FTS_FORMS_MAX + 1];
  int nm = fts_forms_marker(st, nst, mark, (int)sizeof mark);
  return nm < 0 ? 0 : cb(ctx, FTS_COLOCATED, mark, nm, start, end);
}

/* ---- query-mode synonyms ---- */

/* Bytes of the first k code points of s[0..n) (n when it has fewer). */
static int cp_prefix(const char *s, int n, int k) {
  int i = 0;
  while (i < n && k > 0) {
    i++;
    while (i < n && ((unsigned char)s[i] & 0xC0) == 0x80) i++;
    k--;
  }
  return i;
}

/* Code points in s[0..n). */
static int cp_count(const char *s, int n) {
  int k = 0;
  for (int i = 0; i < n; i++) k += ((unsigned char)s[i] & 0xC0) != 0x80;
  return k;
}

int fts_forms_prefixes(const char *p, int n, fts_token_fn cb, void *ctx,
                       int start, int end) {
  struct {
    const char *s;
    int n;
  } *seen = NULL; /* the beginnings given so far */
  int ns = 0, cap = 0, k = cp_count(p, n), rc = 0;
  for (const char *q = lower_bound(p, n); q < lines_end() && rc == 0;) {
    int nf, nform;
    const char *form, *next = line_at(q, &nf, &form, &nform);
    if (nf < n || memcmp(q, p, (size_t)n) != 0) break; /* past the range */
    int m = cp_prefix(form, nform, k);
    int dup = m == n && memcmp(form, p, (size_t)n) == 0;
    for (int i = 0; i < ns && !dup; i++)
      dup = seen[i].n == m && memcmp(seen[i].s, form, (size_t)m) == 0;
    if (!dup) {
      if (ns == cap) {
        cap = cap ? 2 * cap : 16;
        seen = xrealloc(seen, (size_t)cap * sizeof *seen);
      }
      seen[ns].s = form, seen[ns++].n = m;
      rc = cb(ctx, FTS_COLOCATED, form, m, start, end);
    }
    q = next;
  }
  free(seen);
  return rc;
}
