/*
** test_seg_pieces.c — the segmenter's questions asked with the
** extractor's tokens (seg_first_word_pieces, seg_is_word_pieces, through
** xt_first_word and xt_seg_word) give the answers of the segmenter's own
** scan of the same text (xt_first_word_scan, xt_seg_word_scan), for every
** run of two to five tokens and of one to four tokens of every sentence:
**   1. of the example corpus (the five real articles of examples/corpus);
**   2. of random texts of Vietnamese syllables in lower, title and upper
**      case (surnames, places, titles, "hóa" and its words, words of the
**      lexicon and their first syllables), glued to digits, punctuation
**      and marks, written apart by one space, two, a newline or a tab.
** Either check fails when first_alone (segment.c) takes a run whose
** first two syllables start a word, or a name, for a first word alone.
*/
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "text.h"
#include "text_check.h"
#include "util.h"
#include "xtok.h"
#include "xtok_check.h"

static long runs, words, bad;

/* Compare both ways of asking on every run of the sentence s[a..e). */
static void check_sentence(const char *s, size_t a, size_t end,
                           const tokvec *tv) {
  xsent x = xtok_check_sent(s, a, end, tv);
  for (size_t j = 0; j < x.n; j++) {
    for (size_t e = j + 2; e <= j + 5 && e <= x.n; e++) {
      int f = xt_first_word(&x, j, e), g = xt_first_word_scan(&x, j, e);
      runs++;
      if (f != g && bad++ < 5)
        fprintf(stderr, "first word %d/%d: %.*s\n", f, g,
                (int)(xt_end(&x, e) - x.t[j].off), s + x.t[j].off);
    }
    for (size_t e = j + 1; e <= j + 4 && e <= x.n; e++) {
      int f = xt_seg_word(&x, j, e), g = xt_seg_word_scan(&x, j, e);
      words++;
      if (f != g && bad++ < 5)
        fprintf(stderr, "is word %d/%d: %.*s\n", f, g,
                (int)(xt_end(&x, e) - x.t[j].off), s + x.t[j].off);
    }
  }
}

/* Every sentence of text[0..n). */
static void check_text(const char *text, size_t n) {
  xtok_each_sentence(text, n, check_sentence);
}

static const char *const syl[] = {
    "nguyễn", "văn",  "an",     "hà",    "nội",  "thành", "phố",   "hồ",
    "chí",    "minh", "đồng",   "người", "dân",  "đa",    "dạng",  "hóa",
    "hoá",    "khoa", "học",    "công",  "nghệ", "phát",  "triển", "kinh",
    "tế",     "tăng", "trưởng", "thực",  "hiện", "đạt",   "chuẩn", "lượt",
    "xem",    "cổ",   "phiếu",  "thợ",   "mỏ",   "tân",   "thạc",  "sĩ",
    "cựu",    "tổng", "thống",  "quảng", "ninh", "bình",  "dương", "việt",
    "nam",    "bộ",   "chính",  "trị",   "ủy",   "ban",   "nhân",  "xã",
    "huyện",  "tỉnh", "lê",     "trần",  "phó",  "chủ",   "tịch",  "thủ",
    "tướng",  "và",   "của",    "là",    "được", "có",    "năm",   "tháng",
    "zyx",    "qwe",  "iphone", "km",    "tp",   "hcm",   "covid", "ooo"};
#define NSYL (sizeof syl / sizeof *syl)

static const char *const gaps[] = {" ", " ",  " ",  " ",  " ",  " ",  " ",
                                   " ", "  ", "\n", "\t", ", ", ". ", " - ",
                                   "-", "/",  " “", "” ", " (", ") "};
#define NGAPS (sizeof gaps / sizeof *gaps)

static uint64_t rng = 0x9E3779B97F4A7C15ull;
static unsigned rnd(unsigned n) {
  return check_rnd(&rng, n);
}

/* Append syllable w to buf at *o in a random case: lower, title (its
** first code point in upper case) or upper. */
static void put_syl(char *buf, size_t *o, const char *w) {
  check_put_recased(buf, o, w, rnd);
  if (rnd(40) == 0) buf[(*o)++] = (char)('0' + rnd(10)); /* "Km11" */
}

/* A random text of about len bytes into buf (cap bytes). */
static size_t make_text(char *buf, size_t cap, size_t len) {
  size_t o = 0;
  while (o < len && o + 80 < cap) {
    put_syl(buf, &o, syl[rnd(NSYL)]);
    const char *g = gaps[rnd(NGAPS)];
    memcpy(buf + o, g, strlen(g)), o += strlen(g);
    if (rnd(60) == 0) memcpy(buf + o, "57,7% ", 6), o += 6;
  }
  buf[o] = 0;
  return o;
}

int main(void) {
  printf("plan: xt_first_word and xt_seg_word == their scanning forms\n");
  xtok_init();
  check_each_seed(check_text);
  CHECK(runs > 5000 && words > 5000);
  printf("corpus: %ld runs, %ld words, %ld differ\n", runs, words, bad);
  CHECK(bad == 0);
  static char buf[4096];
  for (int t = 0; t < 3000; t++) {
    size_t n = make_text(buf, sizeof buf, 1 + rnd(600));
    check_text(buf, n);
  }
  printf("all: %ld runs, %ld words, %ld differ\n", runs, words, bad);
  CHECK(bad == 0);
  return check_done();
}
