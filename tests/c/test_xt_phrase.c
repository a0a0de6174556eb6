/*
** test_xt_phrase.c — xt_phrase and xt_phrase_ci (xtok.c phrase_at's quick
** path: a word passed over by its first byte, compared with the token's
** bytes once, two ASCII first letters told apart without tok_eq) against
** xt_phrase_ref (each word's length counted, then tok_eq), on random
** texts of words in random case (ASCII and Vietnamese first letters,
** words that are the start of a phrase's word and words longer than it)
** and phrases that differ from them by the case of any letter, a letter
** more or less. Fails when the quick path takes a token for a phrase word
** that is longer, shorter or spelt otherwise.
*/
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "xtok.h"
#include "xtok_check.h"

static long said, matched, bad;

static const char *const words[] = {
    "TP",  "Tp",   "tp",    "tP",    "tpx",  "TPX",   "tph",    "TPHCM",
    "so",  "So",   "SO",    "sò",    "với",  "Với",   "ông",    "Ông",
    "ÔNG", "đồng", "Đồng",  "ĐỒNG",  "chí",  "Chí",   "ủy",     "Ủy",
    "ban", "Ban",  "BAN",   "bank",  "Bank", "banks", "x",      "X",
    "xy",  "Xy",   "km",    "Km",    "KM",   "kms",   "5",      "2023",
    "a",   "A",    "ab",    "Ab",    "aB",   "abc",   "ABC",    "Abc",
    "quý", "Quý",  "quyết", "Quyết", "nghị", "Nghị",  "hà",     "Hà",
    "nội", "Nội",  "trở",   "Trở",   "lên",  "Lên",   "iPhone", "Iphone"};
#define NWORDS (sizeof words / sizeof *words)

static const char *const phrases[] = {
    "TP",       "tp",         "Tp",         "tP",      "tpx",     "TPX",
    "tPx",      "Tpx",        "TPHCM",      "tphcm",   "so với",  "So với",
    "SO VỚI",   "sO với",     "ông",        "Ông",     "ông x",   "Đồng chí",
    "đồng chí", "ủy ban",     "Ủy Ban",     "ủy bank", "ban",     "bAN",
    "BANK",     "x",          "X y",        "xy",      "XY",      "km",
    "kM",       "Kms",        "5",          "2023",    "a",       "A",
    "aB",       "AB",         "abc",        "aBC",     "ab c",    "quý",
    "Quý",      "Nghị quyết", "nghị Quyết", "Hà Nội",  "hà nội",  "trở lên",
    "TRỞ LÊN",  "iphone",     "IPHONE",     "Iphone",  "iPhone x"};
#define NPHRASES (sizeof phrases / sizeof *phrases)

static uint64_t rng = 0x9E3779B97F4A7C15ull;
static unsigned rnd(unsigned n) {
  return check_rnd(&rng, n);
}

/* Every phrase at every token of the sentence, both ways. */
static void check_sentence(const char *s, size_t a, size_t end,
                           const tokvec *tv) {
  xsent x = xtok_check_sent(s, a, end, tv);
  xtok_check_phrases(&x, phrases, NPHRASES, &said, &matched, &bad);
}

/* Every sentence of text[0..n). */
static void check_text(const char *text, size_t n) {
  xtok_each_sentence(text, n, check_sentence);
}

/* A random text of about len bytes into buf (cap bytes). */
static size_t make_text(char *buf, size_t cap, size_t len) {
  size_t o = 0;
  while (o < len && o + 40 < cap) {
    const char *w = words[rnd(NWORDS)];
    memcpy(buf + o, w, strlen(w)), o += strlen(w);
    buf[o++] = rnd(10) ? ' ' : ",.-\n"[rnd(4)];
  }
  buf[o] = 0;
  return o;
}

int main(void) {
  printf("plan: xt_phrase, xt_phrase_ci == xt_phrase_ref\n");
  xtok_init();
  static char buf[4096];
  for (int t = 0; t < 1500; t++) {
    size_t n = make_text(buf, sizeof buf, 1 + rnd(400));
    check_text(buf, n);
  }
  printf("%ld asked, %ld matched, %ld differ\n", said, matched, bad);
  CHECK(matched > 10000 && bad == 0);
  return check_done();
}
