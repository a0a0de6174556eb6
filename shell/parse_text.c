/*
** parse_text.c — the small bounded text predicates of the parser
** (parse_int.h): prefixes and whole-line matches ignoring case, fillers,
** URLs, sentence ends and breaks, dashes, near-duplicates, all caps;
** and page_split, which cuts a unit in two.
*/
#ifndef _GNU_SOURCE
#define _GNU_SOURCE /* memmem, memrchr */
#endif
#include <string.h>
#include <utf8proc.h>

#include "parse_int.h"
#include "text.h"

/* Code point at s[i] (valid UTF-8) and its length in *k. */
int32_t pt_cp_at(const char *s, size_t n, size_t i, int *k) {
  int32_t cp;
  *k = text_utf8_decode(s + i, n - i, &cp);
  return cp;
}

/* Last code point of s[0..n) and its byte length in *k. */
int32_t pt_last_cp(const char *s, size_t n, int *k) {
  if (n == 0) return *k = 0, 0;
  size_t i = n - 1;
  while (i > 0 && n - i < 4 && ((unsigned char)s[i] & 0xC0) == 0x80) i--;
  return pt_cp_at(s, n, i, k);
}

static int32_t pt_fold(int32_t c) {
  if (c < 0x80) return c >= 'A' && c <= 'Z' ? c + 32 : c;
  return utf8proc_tolower(c);
}

/*
** If s[0..n) starts with `lit` (case-insensitive, Unicode), return the
** number of bytes of s matched, else 0.
*/
size_t pt_prefix_ci(const char *s, size_t n, const char *lit) {
  size_t i = 0, j = 0, m = strlen(lit);
  while (j < m) {
    if (i >= n) return 0;
    int a, b;
    int32_t x = pt_cp_at(s, n, i, &a), y = pt_cp_at(lit, m, j, &b);
    if (pt_fold(x) != pt_fold(y)) return 0;
    i += (size_t)a, j += (size_t)b;
  }
  return i;
}

static int is_space_punct(char c) {
  return c == ' ' || c == ':' || c == '.' || c == '!' || c == '-' || c == '|';
}

/* Does the whole line read `lit` (ignoring case and trailing ":. ")? */
int pt_line_is(const char *s, size_t n, const char *lit) {
  size_t k = pt_prefix_ci(s, n, lit);
  if (!k) return 0;
  while (k < n && is_space_punct(s[k])) k++;
  return k == n;
}

/* Does the line start with `lit` followed by a non-letter? */
int pt_starts_word(const char *s, size_t n, const char *lit) {
  size_t k = pt_prefix_ci(s, n, lit);
  if (!k) return 0;
  if (k == n) return 1;
  int len;
  return !text_is_letter(pt_cp_at(s, n, k, &len));
}

/* The folded first code point of s[0..n) (-1 when empty): an entry of a
** list can only match s when its own first one folds the same. */
static int32_t first_fold(const char *s, size_t n) {
  int k;
  if (!n) return -1;
  unsigned char c = (unsigned char)s[0];
  return c < 0x80 ? pt_fold(c) : pt_fold(pt_cp_at(s, n, 0, &k));
}

int pt_any_line_is(const char *s, size_t n, const char *const *set) {
  int32_t f = first_fold(s, n);
  for (; *set; set++)
    if (first_fold(*set, 4) == f && pt_line_is(s, n, *set)) return 1;
  return 0;
}

int pt_any_starts(const char *s, size_t n, const char *const *set) {
  int32_t f = first_fold(s, n);
  for (; *set; set++)
    if (first_fold(*set, 4) == f && pt_starts_word(s, n, *set)) return 1;
  return 0;
}

/* Is `needle` (NUL-terminated) inside s[0..min(n, lim))? */
int pt_contains(const char *s, size_t n, const char *needle) {
  return memmem(s, n, needle, strlen(needle)) != NULL;
}

int pt_any_contains(const char *s, size_t n, const char *const *set) {
  for (; *set; set++)
    if (pt_contains(s, n, *set)) return 1;
  return 0;
}

/* Only punctuation and spaces ("." filler, "-----", "***")? */
int pt_is_filler(const char *s, size_t n) {
  if (n > 200) return 0;
  for (size_t i = 0; i < n;) {
    int k;
    int32_t c = pt_cp_at(s, n, i, &k);
    if (text_is_letter(c) || (c >= '0' && c <= '9')) return 0;
    i += (size_t)k;
  }
  return 1;
}

int pt_is_url(const char *s, size_t n) {
  if (n > 2000 || memchr(s, ' ', n)) return 0;
  return pt_prefix_ci(s, n, "http://") || pt_prefix_ci(s, n, "https://") ||
         pt_prefix_ci(s, n, "www.");
}

/* Does a line start in lower case (the rest of a wrapped sentence)? */
int pt_continues_line(const char *s, size_t n) {
  int k;
  return n > 0 && text_is_lower(pt_cp_at(s, n, 0, &k));
}

/* Ends with sentence punctuation (possibly inside closing quotes)? */
int pt_ends_sentence(const char *s, size_t n) {
  int k;
  int32_t c = pt_last_cp(s, n, &k);
  while ((c == '"' || c == 0x201D || c == ')' || c == 0x2019 || c == '\'') &&
         n > (size_t)k) {
    n -= (size_t)k;
    c = pt_last_cp(s, n, &k);
  }
  return c == '.' || c == '!' || c == '?' || c == 0x2026 || c == ';' ||
         c == ':';
}

/*
** Number of sentence breaks inside s (". X", "? X", "! X" with X upper
** case), looking at the first `lim` bytes only.
*/
int pt_sentence_breaks(const char *s, size_t n, size_t lim) {
  int count = 0;
  if (n > lim) n = lim;
  for (size_t i = 0; i + 2 < n; i++) {
    if ((s[i] == '.' || s[i] == '?' || s[i] == '!') && s[i + 1] == ' ') {
      if (i >= 2 && s[i] == '.' && s[i - 1] == '.') continue; /* "..." */
      int k;
      int32_t c = pt_cp_at(s, n, i + 2, &k);
      if (text_is_upper(c) || c == '"' || c == 0x201C) count++;
    }
  }
  return count;
}

/* Number of space-separated words (stops counting at `lim`). */
int pt_has_digit(const char *s, size_t n) {
  for (size_t k = 0; k < n; k++)
    if (s[k] >= '0' && s[k] <= '9') return 1;
  return 0;
}

int pt_words(const char *s, size_t n, int lim) {
  int w = 0, in = 0;
  for (size_t i = 0; i < n && w < lim; i++) {
    if (s[i] == ' ')
      in = 0;
    else if (!in)
      in = 1, w++;
  }
  return w;
}

/* Dash that opens an interview question or a list item: "- ", "– ", "— ". */
size_t pt_dash_prefix(const char *s, size_t n) {
  if (n >= 2 && s[0] == '-' && s[1] == ' ') return 2;
  if (n >= 4 && (memcmp(s, "\xe2\x80\x93 ", 4) == 0 ||
                 memcmp(s, "\xe2\x80\x94 ", 4) == 0))
    return 4;
  if (n >= 2 && s[0] == '-' && (unsigned char)s[1] >= 0x80) return 1;
  return 0;
}

size_t pt_plus_prefix(const char *s, size_t n) {
  if (n >= 2 && s[0] == '+' && s[1] == ' ') return 2;
  if (n >= 2 && s[0] == '+' && (unsigned char)s[1] >= 0x80) return 1;
  return 0;
}

/* Equal up to spaces, ",.;:!?" and ASCII case ("caption printed twice")? */
int pt_near_dup(const char *a, size_t na, const char *b, size_t nb) {
  if (na > 1000 || nb > 1000) return 0;
  size_t i = 0, j = 0;
  for (;;) {
    while (i < na && strchr(" ,.;:!?", a[i])) i++;
    while (j < nb && strchr(" ,.;:!?", b[j])) j++;
    if (i == na || j == nb) return i == na && j == nb;
    char x = a[i], y = b[j];
    if (x >= 'A' && x <= 'Z') x += 32;
    if (y >= 'A' && y <= 'Z') y += 32;
    if (x != y) return 0;
    i++, j++;
  }
}

int pt_all_caps(const char *s, size_t n) {
  int letters = 0;
  for (size_t i = 0; i < n && i < 400;) {
    int k;
    int32_t c = pt_cp_at(s, n, i, &k);
    if (text_is_lower(c)) return 0;
    if (text_is_letter(c)) letters++;
    i += (size_t)k;
  }
  return letters >= 4;
}

/* ---- units ---- */

void page_split(page *p, size_t i, size_t at) {
  p->u = xrealloc(p->u, (p->n + 1) * sizeof *p->u);
  memmove(p->u + i + 2, p->u + i + 1, (p->n - i - 1) * sizeof *p->u);
  p->n++;
  unit *a = &p->u[i], *b = &p->u[i + 1];
  *b = (unit){a->off + at, a->len - at, 0, -1};
  a->len = at;
}
