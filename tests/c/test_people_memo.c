/*
** test_people_memo.c — the people extractor's shortcuts give the answers
** of the long ways they replace, at every word of every sentence:
**   1. of the five real articles of examples/corpus;
**   2. of random texts of surnames, given names, places, foreign and
**      capitalised words, honorifics and punctuation, some sentences
**      ending right after a word (the slot's byte-by-byte read).
** Each sentence is asked twice, so the second answer comes from the
** words' slots (extract_names.c words_seen) and the sentence memo
** (xn_memo_begin): xn_viet_at against text_viet_shaped, xn_surname_at
** against xt_lookup of the surnames, xn_honorific_in against
** xt_phrase_in of the honorifics (its TR_HEAD test), and xf_name_run
** (the shape with every word foreign first) against xf_name_run_ref,
** and xn_honorific_opens (its words asked by their hashes) against the
** three words asked in turn; and at a capitalised word the token after
** which says no name starts there (xn_may_follow 0, the people
** extractor's main loop passes it), xn_name_run (any 0 and 1),
** xn_listed_name, xf_name_run and xn_caps_name are all 0; and where
** xn_stops_heads says so (a comma, the sentence's end), no head nor
** honorific that starts up to eight tokens before goes on over it; and
** xn_lookup gives xt_lookup's answer of each of its four tables, and
** xn_baptismal (a table of hashes) the walk of the list's, on the texts
** of one to four tokens from every word and on the list's own names.
*/
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "extract_int.h"
#include "text.h"
#include "xtok_check.h"

static long asked, viet, sur, hon, foreign, opens, lone, stops, bad;
static xphrases hons;

/* xn_honorific_opens as first written: the three words asked in turn. */
static int opens_ref(const xsent *x, size_t i) {
  if (i == 0 || !(xt_isci(x, i - 1, "bà") || xt_isci(x, i - 1, "ông") ||
                  xt_isci(x, i - 1, "chí")))
    return 0;
  size_t h = xn_honorific_before(x, i);
  if (!h) return 0;
  size_t a = i - h;
  return !(x->t[a].flags & TF_UPPER) || a == 0 || x->t[a - 1].type == T_PUNCT;
}

/* Does any name of the main loop's start at word token j (the answers
** xn_may_follow 0 says are 0)? */
static int any_name(const xsent *x, size_t j) {
  return xn_name_run(x, j, 0) || xn_name_run(x, j, 1) || xn_listed_name(x, j) ||
         xf_name_run(x, j) || xn_caps_name(x, j);
}

/* Does xn_lookup (its lex_first test before the memo) give xt_lookup's
** answer at token j for each of its four tables? */
static int lookups_same(const xsent *x, size_t j) {
  const lexicon *lx = x->x->lx;
  const lex_table *t[4] = {&lx->titles, &lx->degrees, &lx->monastic,
                           &lx->places};
  static const int q[4] = {XN_TITLES, XN_DEGREES, XN_MONASTIC, XN_PLACES};
  for (int k = 0; k < 4; k++)
    if (xn_lookup(x, j, q[k]) != xt_lookup(x, j, t[k], NULL)) return 0;
  return 1;
}

/* Do xn_baptismal and xn_baptismal_ref agree on the texts of one to four
** tokens from token j? */
static int baptismal_same(const xsent *x, size_t j) {
  for (size_t w = 1; w <= 4 && j + w <= x->n; w++) {
    const char *s = x->s + x->t[j].off;
    size_t n = xt_end(x, j + w) - x->t[j].off;
    if (xn_baptismal(s, n) != xn_baptismal_ref(s, n)) return 0;
  }
  return 1;
}

/* Every name of data/baptismal-names.txt is one, and with a byte more,
** less or changed, as the walk of the list says: the number that
** differ. */
static long check_baptismal_list(long *names) {
  long differ = 0;
  char buf[128];
  for (const char *const *b = lexicon_get()->lists[LEX_BAPTISMAL]; *b; b++) {
    size_t n = strlen(*b);
    if (n + 2 > sizeof buf) continue;
    *names += xn_baptismal(*b, n);
    differ += !xn_baptismal(*b, n) ||
              xn_baptismal(*b, n - 1) != xn_baptismal_ref(*b, n - 1);
    memcpy(buf, *b, n);
    buf[n] = 'a';
    differ += xn_baptismal(buf, n + 1) != xn_baptismal_ref(buf, n + 1);
    buf[0] ^= 0x20;
    differ += xn_baptismal(buf, n) != xn_baptismal_ref(buf, n);
  }
  return differ;
}

/* Compare every shortcut with its long way at word token j of x. */
static void check_token(const xsent *x, size_t j) {
  const tok *t = &x->t[j];
  if (t->type != T_WORD) return;
  asked++;
  int v1 = xn_viet_at(x, j), v2 = text_viet_shaped(x->s + t->off, t->len) != 0;
  int s1 = xn_surname_at(x, j);
  int s2 = xt_lookup(x, j, &x->x->lx->surnames, NULL) != 0;
  size_t h1 = xn_honorific_in(x, j), h2 = xt_phrase_in(x, j, &hons);
  int f1 = xf_name_run(x, j), f2 = xf_name_run_ref(x, j);
  int o1 = xn_honorific_opens(x, j), o2 = opens_ref(x, j);
  int l1 = (t->flags & TF_UPPER) && !xn_may_follow(x, j);
  int l2 = l1 && any_name(x, j), lk = lookups_same(x, j);
  int bp = baptismal_same(x, j);
  viet += v1, sur += s1, hon += h1 > 0, foreign += f1 > 0, opens += o1;
  lone += l1;
  if ((v1 != v2 || s1 != s2 || h1 != h2 || f1 != f2 || o1 != o2 || l2 || !lk ||
       !bp) &&
      bad++ < 5)
    fprintf(stderr,
            "viet %d/%d surname %d/%d honorific %zu/%zu "
            "foreign %d/%d opens %d/%d lone with a name %d lookups %d "
            "baptismal %d at %.40s\n",
            v1, v2, s1, s2, h1, h2, f1, f2, o1, o2, l2, lk, bp, x->s + t->off);
}

/* Where xn_stops_heads(x, j) is 1, is every head and honorific that
** starts before j (up to eight tokens) over before it? */
static void check_stop(const xsent *x, size_t j) {
  if (!xn_stops_heads(x, j)) return;
  stops++;
  for (size_t g = j > 8 ? j - 8 : 0; g < j; g++)
    if ((xn_head_in(x, g) + g > j || xn_honorific_in(x, g) + g > j) &&
        bad++ < 5)
      fprintf(stderr, "a head or honorific goes on over the stop at %.40s\n",
              x->s + x->t[g].off);
}

/* Every word of sentence s[a..e), twice, inside the memo and outside. */
static void check_sentence(const char *s, size_t a, size_t end,
                           const tokvec *tv) {
  static xdoc d;
  d.lx = lexicon_get();
  xsent x = xtok_check_sent(s, a, end, tv);
  x.x = &d;
  for (int round = 0; round < 2; round++) {
    xn_memo_begin(&x);
    for (size_t j = 0; j < x.n; j++) check_token(&x, j);
    for (size_t j = 0; j <= x.n; j++) check_stop(&x, j);
    xn_memo_end();
  }
  for (size_t j = 0; j < x.n; j++) check_token(&x, j);
}

static void check_text(const char *text, size_t n) {
  xtok_each_sentence(text, n, check_sentence);
}

static uint64_t rng = 0x9E3779B97F4A7C15ull;
static unsigned rnd(unsigned n) {
  return check_rnd(&rng, n);
}

static const char *const words[] = {
    "Nguyễn", "Trần",      "Lê",        "Văn",      "Thị",     "Minh",
    "Hùng",   "Hà",        "Nội",       "Rơ",       "Chăm",    "H’Hồng",
    "Donald", "Trump",     "Sergei",    "Shoigu",   "Kim",     "Jong-un",
    "Lào",    "Mỹ",        "Nga",       "nước",     "Tổng",    "thống",
    "Chủ",    "tịch",      "ông",       "bà",       "Ông",     "đồng",
    "chí",    "Thongloun", "Sisoulith", "Airlines", "Vietnam", "TRẦN",
    "UBND",   "tỉnh",      "và",        "của",      "Nguyễnn", "Hoàngggggggg",
    "Quảng",  "Ninh",      "Bắc",       "Giang",    "W",       "Bush",
    "Bà",     "Chí",       "bÀ",        "PGS",      "TS",      "UV",
    "BTV",    "Bí",        "thư",       "Giuse",    "Phao-lô", "Maria"};

/* A random text of about len bytes into buf (cap bytes). */
static size_t make_text(char *buf, size_t cap, size_t len) {
  size_t o = 0;
  while (o < len && o + 40 < cap) {
    const char *w = words[rnd(sizeof words / sizeof *words)];
    memcpy(buf + o, w, strlen(w)), o += strlen(w);
    buf[o++] = rnd(10) ? ' ' : ",.-\n("[rnd(5)];
  }
  buf[o] = 0;
  return o;
}

/* Every head or honorific, then capitalised or lower-case words, then a
** name: the contexts a foreign name is taken in, at every distance the
** shortcut's window (xn_head_near) must reach ("Phó Chủ tịch nước Hà
** Nội Donald Trump": the head six tokens before the name). */
static void check_contexts(void) {
  static const char *const heads[] = {"Phó Chủ tịch nước",
                                      "Tổng thống",
                                      "Thủ tướng",
                                      "ông",
                                      "đồng chí",
                                      "Ngài",
                                      "Bộ trưởng Quốc phòng",
                                      "Bộ trưởng Ngoại giao",
                                      "Ủy viên dự khuyết",
                                      "đức cha",
                                      "các",
                                      "Lào",
                                      ""};
  static const char *const fills[] = {"",
                                      "Mỹ",
                                      "Hà Nội",
                                      "Hoa Kỳ",
                                      "Nhật Bản",
                                      "Cộng hòa Séc",
                                      "nước",
                                      "của",
                                      "Anh",
                                      "Nga Mỹ",
                                      "- Giuse",
                                      "ông",
                                      "Điện Kremlin",
                                      "Nhà Trắng",
                                      "Ban Thư",
                                      "Quỹ Gates",
                                      "Lầu Năm"};
  static const char *const names[] = {"Donald Trump",     "Sergei Shoigu",
                                      "Kim Jong-un",      "Thongloun Sisoulith",
                                      "Nguyễn Văn An",    "George W. Bush",
                                      "Vietnam Airlines", "Antonio Guterres"};
  char buf[256];
  for (size_t h = 0; h < sizeof heads / sizeof *heads; h++)
    for (size_t f = 0; f < sizeof fills / sizeof *fills; f++)
      for (size_t m = 0; m < sizeof names / sizeof *names; m++) {
        int n = snprintf(buf, sizeof buf, "Hôm qua %s %s %s phát biểu.",
                         heads[h], fills[f], names[m]);
        check_text(buf, (size_t)n);
      }
}

int main(void) {
  printf("plan: the people extractor's shortcuts == their long ways\n");
  xtok_init();
  extract_people_init();
  xt_phrases_set(&hons, lexicon_get()->lists[LEX_HONORIFICS]);
  long bnames = 0, bdiffer = check_baptismal_list(&bnames);
  printf("baptismal names: %ld found, %ld differ\n", bnames, bdiffer);
  CHECK(bnames > 50 && bdiffer == 0);
  check_each_seed(check_text);
  printf("corpus: %ld words asked, %ld differ\n", asked, bad);
  CHECK(asked > 5000 && bad == 0);
  long before = foreign;
  check_contexts();
  printf("contexts: %ld foreign names, %ld differ\n", foreign - before, bad);
  CHECK(foreign - before > 100 && bad == 0);
  static char buf[4096];
  for (int t = 0; t < 3000; t++) {
    size_t n = make_text(buf, sizeof buf, 1 + rnd(600));
    check_text(buf, n);
  }
  printf(
      "all: %ld asked; %ld Vietnamese, %ld surnames, %ld honorifics, "
      "%ld foreign names, %ld opening honorifics, %ld lone capitals, "
      "%ld stops; %ld differ\n",
      asked, viet, sur, hon, foreign, opens, lone, stops, bad);
  CHECK(viet > 1000 && sur > 1000 && hon > 100 && foreign > 100 &&
        opens > 100 && lone > 1000 && stops > 1000 && bad == 0);
  return check_done();
}
