/*
** test_norm_fix.c — text_normalize's clean path for texts that are their
** normal form but for their spaces and plain '&'s (text_clean_scan,
** text_clean_copy, text_bad_syllables_fixed) against the normaliser
** byte by byte (text_normalize_ref). Plan: random texts of clean words
** with runs of spaces, spaces by newlines, first and last, blank lines,
** '&' plain ("R&D", "A & B", "&XH") and not ("&amp;", "TT&TT;", "&nbsp",
** "&#225;"), now and then a byte only the normaliser writes (a tab, a
** Latin-1 letter Vietnamese does not use, NBSP), at every alignment;
** and the seed articles with their spaces doubled and moved by newlines,
** cut at many lengths: the same text and the same statistics. Many
** texts must take the path (their copy is clean), so the check cannot
** pass vacuously.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "text.h"
#include "text_check.h"
#include "text_int.h"
#if defined(__x86_64__) && defined(__GNUC__)
#include "text_clean.h"
#define FIX_AVX2 1
#endif

static uint64_t rng = 0x9E3779B97F4A7C15ull;

static unsigned rnd(unsigned n) {
  return check_rnd(&rng, n);
}

/* Words of a clean text. */
static const char *const words[] = {"Tin",
                                    "tức",
                                    "Việt",
                                    "đường",
                                    "người",
                                    "được",
                                    "ở",
                                    "2024,",
                                    "(ông)",
                                    "Hà",
                                    "Nội",
                                    "\xe2\x80\x9c"
                                    "à"
                                    "\xe2\x80\x9d",
                                    "é\xe2\x80\xa6",
                                    "R&D",
                                    "&",
                                    "LĐ&XH",
                                    "&match",
                                    "công"};

/* What goes between words: spaces, newlines, and now and then
** something only the normaliser writes. */
static const char *const gaps[] = {
    " ",      " ",   " ",        "  ",      "   ",    "\n",      "\n\n",
    " \n",    "\n ", " \n  ",    "  \n\n ", "&amp; ", "TT&TT; ", "&nbsp ",
    "&#225;", "\t",  "\xc2\xa0", "ß ",      "\n \n"};

/* Does text_normalize agree with the normaliser on s[0..n)? */
static int agree(const char *s, size_t n) {
  return check_norm_agree(s, n, text_normalize, text_normalize_ref);
}

/* Does s[0..n) (its '&'s plain: the words', with no odd gap) take the
** path: spaces to fix, and a clean copy? */
static int takes_path(const char *s, size_t n) {
#ifdef FIX_AVX2
  const unsigned char *u = (const unsigned char *)s;
  while (n && s[n - 1] == ' ') n--;
  if (n < 50 || !__builtin_cpu_supports("avx2")) return 0;
  unsigned char *t = malloc(n + 1);
  size_t k = text_clean_scan(u, n, t), seen, bad;
  if (k == n) return free(t), 0;
  size_t m = text_clean_copy(u, n, k, t);
  uint64_t h;
  int d, ok = text_bad_syllables_fixed((const char *)t, m, NULL, 0, &seen, &h,
                                       &d, &bad);
  free(t);
  return ok;
#else
  (void)s, (void)n;
  return 0;
#endif
}

static int seed_bad;

/* A seed article with every third space doubled and every fifth
** newline given a space before or after, cut at many lengths. */
static void seed_text(const char *t, size_t n) {
  char *c = malloc(3 * n + 64);
  for (size_t off = 0; off < 32; off += 7) {
    size_t m = 0, sp = 0, nl = 0;
    for (size_t i = 0; i < n; i++) {
      if (t[i] == ' ' && ++sp % 3 == 0) c[off + m++] = ' ';
      if (t[i] == '\n' && ++nl % 5 == 0) c[off + m++] = ' ';
      c[off + m++] = t[i];
      if (t[i] == '\n' && nl % 5 == 1) c[off + m++] = ' ';
    }
    seed_bad += check_norm_cuts(c + off, m, text_normalize, text_normalize_ref);
  }
  free(c);
}

int main(void) {
  printf(
      "test_norm_fix: the clean path with spaces fixed against the "
      "normaliser\n");
  static char b[520], c[560];
  int bad = 0, path = 0;
  size_t nw = sizeof words / sizeof *words, ng = sizeof gaps / sizeof *gaps;
  for (int r = 0; r < 20000 && bad < 5; r++) {
    size_t n = 0, want = 1 + rnd(500);
    int odd = rnd(4) == 0; /* may hold what only the normaliser writes */
    if (rnd(4) == 0) b[n++] = ' ';
    while (n < want) {
      const char *w = words[rnd((unsigned)nw)];
      const char *g = gaps[rnd(odd ? (unsigned)ng : 11)];
      size_t kw = strlen(w), kg = strlen(g);
      if (n + kw + kg >= 500) break;
      memcpy(b + n, w, kw), n += kw;
      memcpy(b + n, g, kg), n += kg;
    }
    size_t off = rnd(32);
    memcpy(c + off, b, n);
    c[off + n] = 0;
    bad += !agree(c + off, n);
    path += !odd && takes_path(c + off, n);
  }
  CHECK(bad == 0);
#ifdef FIX_AVX2
  if (__builtin_cpu_supports("avx2")) CHECK(path > 2000);
#endif
  check_each_seed(seed_text);
  CHECK(seed_bad == 0);
  return check_done();
}
