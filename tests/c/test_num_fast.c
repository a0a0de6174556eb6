/*
** test_num_fast.c — the figure extractor's shortcuts give the answers of
** the long ways they spare, at every token of every sentence:
**   1. of the five real articles of examples/corpus;
**   2. of 3,000 random texts of numbers (dates of one token among them),
**      units, multipliers, qualifiers, labels ("số", "trong số"), verbs
**      of saying, subject leads and cuts, stopwords, quotes and
**      punctuation.
** extract_num.c's list filters (in_list, phrase_before) against xt_in and
** xt_phrase_before, its date and quote shortcuts against xt_date and the
** quote walk, and the subject's phrase_len_o (hash filter, one-word
** match) against the slot walk it replaced, for every list, both kinds
** of match and ends b from the token to the sentence's end
** (xnum_check_sentence, xnum_subject_check).
*/
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "extract_num_int.h"
#include "xtok_check.h"

static long asked, sentences;
static int bad;

/* Every token of sentence s[a..e). */
static void check_sentence(const char *s, size_t a, size_t end,
                           const tokvec *tv) {
  static xdoc d;
  d.lx = lexicon_get();
  xsent x = xtok_check_sent(s, a, end, tv);
  x.x = &d;
  if (!x.n) return;
  int b = xnum_check_sentence(&x, &asked);
  if (b && bad < 5)
    fprintf(stderr, "%d differ in: %.*s\n", b, (int)(end - a), s + a);
  bad += b, sentences++;
}

static void check_text(const char *text, size_t n) {
  xtok_each_sentence(text, n, check_sentence);
}

static uint64_t rng = 0x2545F4914F6CDD1Dull;
static unsigned rnd(unsigned n) {
  return check_rnd(&rng, n);
}

static const char *const words[] = {
    "5",     "12",    "2.568", "57,7",  "31.3.2024", "1.000.000", "2023",
    "7,5-8", "%",     "triệu", "tỷ",    "đồng",      "người",     "dân",
    "hộ",    "nghèo", "tấn",   "lượt",  "xem",       "khoảng",    "gần",
    "hơn",   "số",    "trong", "tổng",  "cho",       "biết",      "nói",
    "trên",  "rằng",  "của",   "là",    "có",        "thể",       "và",
    "với",   "đạt",   "chuẩn", "tăng",  "trưởng",    "thời",      "gian",
    "Ông",   "An",    "Tôi",   "chúng", "tôi",       "cả",        "Chỉ",
    "phân",  "khối",  "năm",   "nay",   "thực",      "hiện",      "“",
    "”",     "Dịch",  "vụ",    "chiếm", "so",        "cùng",      "kỳ",
    "trở",   "lên",   "Xổ",    "Thần",  "tài",       "giải",      "thưởng",
    "x",     "mm",    "Hà",    "Nội",   "ngày",      "tháng",     "TP.HCM",
    "quân"};

/* A random text of about len bytes into buf (cap bytes). */
static size_t make_text(char *buf, size_t cap, size_t len) {
  size_t o = 0;
  while (o < len && o + 40 < cap) {
    const char *w = words[rnd(sizeof words / sizeof *words)];
    memcpy(buf + o, w, strlen(w)), o += strlen(w);
    buf[o++] = rnd(8) ? ' ' : ",.:;-\n(/"[rnd(8)];
  }
  buf[o] = 0;
  return o;
}

int main(void) {
  printf("plan: the figure extractor's shortcuts == their long ways\n");
  xtok_init();
  extract_num_init();
  check_each_seed(check_text);
  printf("corpus: %ld sentences, %ld tokens and questions, %d differ\n",
         sentences, asked, bad);
  CHECK(asked > 100000 && bad == 0);
  static char buf[4096];
  for (int t = 0; t < 3000; t++) {
    size_t n = make_text(buf, sizeof buf, 1 + rnd(600));
    check_text(buf, n);
  }
  printf("all: %ld sentences, %ld tokens and questions, %d differ\n", sentences,
         asked, bad);
  CHECK(bad == 0);
  return check_done();
}
