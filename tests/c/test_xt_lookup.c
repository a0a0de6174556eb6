/*
** test_xt_lookup.c — xt_lookup, which stops joining words once the key so
** far begins no key of the table (its prefix filters, xtok.c), gives the
** answer (token count and entry) of xt_lookup_ref, which joins as many
** words as the longest key starting with the first word has, for every
** token of every sentence and every table of the lexicon:
**   1. of the five real articles of examples/corpus;
**   2. of random texts made of the tables' own keys (whole, cut short,
**      in another case, glued to punctuation) and other syllables.
** xt_lookup also folds tokens through a cache of folds (xt_lookup_ref
** calls lexicon_fold), and answers 0 for a lone word by the token hashes
** alone (lone_miss). It fails when the filter drops a beginning or a
** whole key that the table has, when the cache answers for other bytes,
** or when lone_miss forgets the one-word keys or the word pairs.
** Also xt_phrase and xt_phrase_ci, which pass over a phrase word by its
** first byte, against xt_phrase_ref, on the same tokens and phrases of
** both cases.
*/
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "util.h"
#include "xtok.h"
#include "xtok_check.h"

static long asked, found, said, matched, bad;

/* Phrases for xt_phrase: ASCII and Vietnamese first letters in both
** cases, one word and several, a digit, punctuation, a double space. */
static const char *const phrases[] = {"Nghị quyết", "nghị quyết",
                                      "ông",        "Ông",
                                      "Đồng chí",   "đồng chí",
                                      "hà nội",     "Hà Nội",
                                      "TP",         "tp",
                                      "5",          "-",
                                      "của",        "Ủy ban nhân dân",
                                      "ủy ban",     "trở lên",
                                      "so với",     "x",
                                      "UBND",       "Bà Rịa - Vũng Tàu",
                                      "a  b",       "Ấn Độ",
                                      "năm nay",    "Móng Cái",
                                      "người dân",  "tỷ đồng"};

/* Compare both lookups at every token of sentence s[a..e), every table. */
static void check_sentence(const char *s, size_t a, size_t end,
                           const tokvec *tv) {
  xsent x = xtok_check_sent(s, a, end, tv);
  long in[XTOK_CHECK_TABLES] = {0};
  xtok_check_lookups(&x, &asked, in, &bad);
  for (size_t k = 0; k < XTOK_CHECK_TABLES; k++) found += in[k];
  xtok_check_phrases(&x, phrases, sizeof phrases / sizeof *phrases, &said,
                     &matched, &bad);
}

/* Every sentence of text[0..n). */
static void check_text(const char *text, size_t n) {
  xtok_each_sentence(text, n, check_sentence);
}

static uint64_t rng = 0x2545F4914F6CDD1Dull;
static unsigned rnd(unsigned n) {
  return check_rnd(&rng, n);
}

/* A random key of a random table (NULL: an empty slot). */
static const char *any_key(size_t *n) {
  const lexicon *lx = lexicon_get();
  const lex_table *t = &(&lx->surnames)[rnd(8)];
  if (!t->cap) return NULL;
  const lex_entry *e = &t->slots[rnd((unsigned)t->cap)];
  *n = e->len;
  return e->key;
}

static const char *const other[] = {
    "và",   "của",  "Hà", "Nội", "người", "đồng", "tỷ", "ông", "bà",   "Nam",
    "Bình", "tỉnh", "xã", "TP",  "-",     ".",    ",",  "5",   "2023", "km"};

/* A random text of about len bytes into buf (cap bytes). */
static size_t make_text(char *buf, size_t cap, size_t len) {
  size_t o = 0;
  while (o < len && o + 300 < cap) {
    size_t n = 0;
    const char *k = rnd(3) ? any_key(&n) : NULL;
    if (k && n < 250) {
      if (rnd(4) == 0 && n > 1) n = 1 + rnd((unsigned)n); /* cut short */
      memcpy(buf + o, k, n);
      if (rnd(5) == 0 && buf[o] >= 'a' && buf[o] <= 'z') buf[o] -= 32;
      o += n;
    } else {
      const char *w = other[rnd(sizeof other / sizeof *other)];
      memcpy(buf + o, w, strlen(w)), o += strlen(w);
    }
    buf[o++] = rnd(12) ? ' ' : ",.-\n"[rnd(4)];
  }
  buf[o] = 0;
  return o;
}

int main(void) {
  printf("plan: xt_lookup == xt_lookup_ref, every token and table\n");
  xtok_init();
  check_each_seed(check_text);
  printf("corpus: %ld asked, %ld found, %ld differ\n", asked, found, bad);
  CHECK(asked > 20000 && found > 100 && bad == 0);
  static char buf[8192];
  for (int t = 0; t < 2000; t++) {
    size_t n = make_text(buf, sizeof buf, 1 + rnd(1500));
    check_text(buf, n);
  }
  printf("all: %ld asked, %ld found, %ld differ\n", asked, found, bad);
  CHECK(found > 20000 && bad == 0);
  printf("phrases: %ld asked, %ld matched\n", said, matched);
  CHECK(matched > 1000);
  return check_done();
}
