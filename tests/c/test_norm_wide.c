/*
** test_norm_wide.c — text_normalize's fast path in blocks of 32 bytes
** (AVX2, when the CPU has it) against its blocks of 16 (text_norm_wide
** off). Plan: random texts of ASCII words, Vietnamese letters (two- and
** three-byte), Latin-1 letters Vietnamese uses and ones it does not,
** entities, runs of spaces, tabs, CR, control bytes, DEL, combining
** marks, other E1 sequences and broken ones, at every alignment and
** every length up to 400 bytes, and the seed articles cut at many
** lengths: the same text and the same statistics. Some texts must go a
** long way through the fast path (a run of 64+ bytes copied), and many
** must be their own normal form (text_bad_syllables_clean: the 32-byte
** blocks then copy nothing, the 16-byte ones normalise them), so the
** check cannot pass vacuously.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "text.h"
#include "text_check.h"
#include "text_int.h"

static uint64_t rng = 0xD1B54A32D192ED03ull;

static unsigned rnd(unsigned n) {
  return check_rnd(&rng, n);
}

static const char *const pieces[] = {"Tin",
                                     "tức",
                                     "Việt",
                                     "Nam",
                                     "đường",
                                     "người",
                                     "công",
                                     "được",
                                     "ở",
                                     "Hà",
                                     "Nội",
                                     "năm",
                                     "2024",
                                     "ông",
                                     "à",
                                     "ß",
                                     "ø",
                                     "Ä",
                                     "é",
                                     "ñ",
                                     "ç",
                                     "&amp;",
                                     "&nbsp;",
                                     "&#225;",
                                     "TT&TT;",
                                     "&",
                                     " ",
                                     " ",
                                     " ",
                                     " ",
                                     "  ",
                                     "\t",
                                     "\r\n",
                                     "\n",
                                     "\x01",
                                     "\x7f",
                                     "e\xcc\x81",
                                     "\xcc\x81",
                                     "\xe1\xb8\x80",
                                     "\xe1\xba",
                                     "\xc3",
                                     "\xff",
                                     ",",
                                     ".",
                                     "(",
                                     ")",
                                     "-",
                                     "abcdefghijklmnopqrstuvwxyz",
                                     "Thủ tướng Chính phủ đã ký quyết định",
                                     "\xe2\x80\x9c",
                                     "\xe2\x80\x93",
                                     "\xe2\x80\xa6",
                                     "\xe2\x80\x90",
                                     "\xe2\x80\xa7",
                                     "\xe2\x80\xa8",
                                     "\xe2\x80\x8b",
                                     "\xe2\x80\xaf",
                                     "\xe2\x80\x8f",
                                     "\xe2\x82\xac",
                                     "\xe2\x80",
                                     "\xe2"};

/* Words a text may be made of and still be its own normal form. */
static const char *const clean_words[] = {"Tin",
                                          "tức",
                                          "Việt",
                                          "đường",
                                          "người",
                                          "được",
                                          "ở",
                                          "2024,",
                                          "(ông)",
                                          "Hà Nội",
                                          "\xe2\x80\x9cà\xe2\x80\x9d",
                                          "é\xe2\x80\xa6"};

/* What plain texts may also hold: newlines, and the punctuation
** U+2010..U+2027 the normaliser writes as it is (quotes, dashes, the
** ellipsis), so that whole texts are their own normal form (the clean
** path) or miss it by a byte (a space by a newline). */
static const char *const plain_extra[] = {
    "\n",           "\n\n",         "\xe2\x80\x9c", "\xe2\x80\x9d",
    "\xe2\x80\x93", "\xe2\x80\xa6", "\xe2\x80\x98", "\xe2\x80\x99"};

/* text_normalize with 32-byte blocks, and with 16-byte ones (the wide
** blocks set again after). */
static char *norm_wide(const char *s, size_t n, size_t *len, text_stats *st) {
  text_norm_wide(1);
  return text_normalize(s, n, len, st);
}

static char *norm_narrow(const char *s, size_t n, size_t *len, text_stats *st) {
  text_norm_wide(0);
  char *t = text_normalize(s, n, len, st);
  text_norm_wide(1);
  return t;
}

/* Do the 32- and 16-byte blocks agree on s[0..n)? */
static int agree(const char *s, size_t n) {
  return check_norm_agree(s, n, norm_wide, norm_narrow);
}

static int seed_bad;

static void seed_text(const char *t, size_t n) {
  char *c = malloc(n + 64);
  for (size_t off = 0; off < 32; off += 5) {
    memcpy(c + off, t, n + 1);
    seed_bad += check_norm_cuts(c + off, n, norm_wide, norm_narrow);
  }
  free(c);
}

int main(void) {
  printf("test_norm_wide: 32-byte normaliser blocks against 16-byte ones\n");
  static char b[420], c[460];
  int bad = 0, long_runs = 0, clean = 0;
  size_t np = sizeof pieces / sizeof *pieces;
  for (int r = 0; r < 20000 && bad < 5; r++) {
    size_t n = 0, want = 1 + rnd(400);
    /* half the texts: words and spaces only, half of those their own
    ** normal form but for the spaces they may end with */
    int plain = rnd(2) ? 1 + (int)rnd(2) : 0;
    while (n < want) {
      const char *p = pieces[rnd((unsigned)np)];
      if (plain && (rnd(3) == 0 || strchr(p, '&') || (unsigned char)*p < '!' ||
                    (unsigned char)*p == 0x7F || (unsigned char)*p >= 0xCC))
        p = rnd(2) ? " " : rnd(4) ? "Việt" : plain_extra[rnd(8)];
      if (plain == 2) /* words of clean_words, one space or newline apart */
        p = n && b[n - 1] != ' ' && b[n - 1] != '\n' ? (rnd(9) ? " " : "\n")
                                                     : clean_words[rnd(12)];
      size_t k = strlen(p);
      if (n + k >= 400) break;
      memcpy(b + n, p, k);
      n += k;
    }
    size_t off = rnd(32);
    memcpy(c + off, b, n);
    c[off + n] = 0;
    bad += !agree(c + off, n);
    size_t sb, seen;
    uint64_t h;
    int dm;
    size_t m = n;
    while (m && c[off + m - 1] == ' ') m--;
    clean += text_bad_syllables_clean(c + off, m, NULL, 0, &seen, &h, &dm, &sb);
    size_t run = 0;
    for (size_t i = 0; i < n; i++)
      run = (unsigned char)c[off + i] >= ' ' && c[off + i] != '&' &&
                    !(c[off + i] == ' ' && i && c[off + i - 1] == ' ')
                ? run + 1
                : 0,
      long_runs += run == 64;
  }
  CHECK(bad == 0);
  CHECK(long_runs > 1000);
  CHECK(clean > 1000); /* whole texts through the clean path */
  check_each_seed(seed_text);
  CHECK(seed_bad == 0);
  return check_done();
}
