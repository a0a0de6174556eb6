/*
** test_parse_phrases.c — the indexed phrase lists (parse_phrases.c) give
** pt_any_starts', pt_any_line_is' and pt_any_contains' answers on the
** whole lists; date.c's word table gives the date-word list's answers
** (date_label_word) and date_line refuses a line without a digit as the
** reader does (*t zeroed); byte_scan.h's bs_first_digit and date.c's
** date_tail_stamp give the byte loops' answers; parse_count.c's counts
** give parse_text.c's. Inputs: every phrase of every
*list as it is,
** in other cases, cut short, with letters, punctuation or words after
** it, inside a line; and lines built at random from Vietnamese and ASCII
** pieces and phrases' beginnings.
*/
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "byte_scan.h"
#include "check.h"
#include "date.h"
#include "lexicon.h"
#include "parse_count.h"
#include "parse_int.h"
#include "parse_phrases.h"

static const char *const pieces[] = {
    "a",    "B",     " ",    "  ",    ":",     ".",      "-",        "|",
    "!",    "7",     "2024", ",",     "(",     ")",      "Đ",        "đ",
    "Ả",    "ả",     "Ư",    "ư",     "ộ",     "Ộ",      "\xc2\xb0", "©",
    "ngày", "Tháng", "năm",  "Sáng",  "chiều", "GMT+7",  "Trang",    "chủ",
    "Tin",  "tức",   "Theo", "TTXVN", "Ảnh:",  "Email:", "\xff",     "\xe1\xbb",
    "Hôm",  "qua",   "Số",   "Tags",  "Home",  "x",      "Z",        "i"};
enum { NPIECES = sizeof pieces / sizeof *pieces };

static unsigned long long rng = 88172645463325252ull;
static size_t rnd(size_t n) {
  rng ^= rng << 13, rng ^= rng >> 7, rng ^= rng << 17;
  return (size_t)(rng % n);
}

static int bad;

/* Lists of the files' own (pp_set_starts). */
static const char *const set_a[] = {"Chú thích ảnh", "Ảnh minh họa",
                                    "Ảnh minh hoạ", "Nguồn ảnh", NULL};
static const char *const set_b[] = {"Độc lập", NULL};
static const char *const set_c[] = {"Tin", "tin tức", "Tags:", "x", NULL};
static const char *const *const sets[] = {set_a, set_b, set_c};

/* Do the indexed tests answer s[0..n) as the list scans do, for every
** list? */
static void same(const char *s, size_t n) {
  for (int w = 0; w < LEXL__COUNT; w++) {
    const char *const *l = lexicon_list(w);
    if (pp_any_starts(s, n, w) != pt_any_starts(s, n, l) ||
        pp_any_line_is(s, n, w) != pt_any_line_is(s, n, l) ||
        pp_any_contains(s, n, w) != pt_any_contains(s, n, l)) {
      if (bad++ < 5)
        fprintf(stderr, "list %d differs on \"%.*s\"\n", w, (int)n, s);
    }
  }
  for (size_t k = 0; k < sizeof sets / sizeof *sets; k++)
    if (pp_set_starts(s, n, sets[k]) != pt_any_starts(s, n, sets[k]) &&
        bad++ < 5)
      fprintf(stderr, "set %zu differs on \"%.*s\"\n", k, (int)n, s);
}

/* s with its ASCII letters' case flipped into out. */
static size_t flip(const char *s, char *out) {
  size_t n = strlen(s);
  for (size_t i = 0; i < n; i++) {
    char c = s[i];
    out[i] = c >= 'a' && c <= 'z' ? c - 32 : c >= 'A' && c <= 'Z' ? c + 32 : c;
  }
  return n;
}

static void phrases(void) {
  for (size_t k = 0; k < sizeof sets / sizeof *sets; k++)
    for (const char *const *p = sets[k]; *p; p++) {
      char b[64];
      same(*p, strlen(*p));
      same(b, (size_t)snprintf(b, sizeof b, "%s ab", *p));
      same(b, (size_t)snprintf(b, sizeof b, "%sx", *p));
    }
  static const char *const tails[] = {"",  " ",  ":",      " abc", "x",
                                      "Đ", ". ", " - Tin", "ả",    "7"};
  char b[600];
  for (int w = 0; w < LEXL__COUNT; w++)
    for (const char *const *p = lexicon_list(w); *p; p++) {
      size_t m = strlen(*p);
      for (size_t t = 0; t < sizeof tails / sizeof *tails; t++) {
        size_t k = (size_t)snprintf(b, sizeof b, "%s%s", *p, tails[t]);
        same(b, k);
        k = flip(*p, b);
        k += (size_t)snprintf(b + k, sizeof b - k, "%s", tails[t]);
        same(b, k);
        k = (size_t)snprintf(b, sizeof b, "Tin %s%s", *p, tails[t]);
        same(b, k);
      }
      for (size_t c = 0; c < m; c++) same(*p, c); /* cut short */
    }
}

static void random_lines(void) {
  char b[800];
  for (int t = 0; t < 20000; t++) {
    size_t n = 0, parts = 1 + rnd(12);
    for (size_t q = 0; q < parts && n < 600; q++) {
      const char *x;
      if (rnd(4) == 0) { /* a phrase's beginning */
        int w = (int)rnd(LEXL__COUNT);
        const char *const *l = lexicon_list(w);
        size_t c = 0;
        while (l[c]) c++;
        if (!c) continue;
        x = l[rnd(c)];
        size_t m = strlen(x), k = rnd(m + 1);
        if (rnd(2)) k = m;
        memcpy(b + n, x, k), n += k;
        continue;
      }
      x = pieces[rnd(NPIECES)];
      memcpy(b + n, x, strlen(x)), n += strlen(x);
    }
    same(b, n);
  }
}

/* date_label_word against the list it indexes; date_line on lines
** without a digit. */
static void dates(void) {
  for (const char *const *q = lexicon_list(LEXL_DATE_WORD); *q; q++)
    CHECK(date_label_word(*q));
  static const char *const not [] = {"",     "ngay", "thang",  "tháng5", "xyz",
                                     "sept", "am",   "monday", "mười"};
  for (size_t i = 0; i < sizeof not / sizeof *not ; i++) {
    int in = 0;
    for (const char *const *q = lexicon_list(LEXL_DATE_WORD); *q; q++)
      in |= strcmp(*q, not [i]) == 0;
    CHECK(!!date_label_word(not [i]) == in);
  }
  static const char *const lines[] = {"Thứ Hai, ngày mười tháng Tám",
                                      "Sáng nay GMT+", "Cập nhật lúc",
                                      "May Sunday", "tháng Giêng năm"};
  for (size_t i = 0; i < sizeof lines / sizeof *lines; i++) {
    date_tm t, z;
    memset(&t, 0x5a, sizeof t), memset(&z, 0, sizeof z);
    CHECK(!date_line(lines[i], strlen(lines[i]), &t));
    CHECK(memcmp(&t, &z, sizeof t) == 0);
  }
  date_tm t;
  const char *dl = "Thứ Hai, 12/5/2025 08:30";
  CHECK(date_line(dl, strlen(dl), &t) && t.d == 12 && t.mo == 5 && t.h == 8);
}

/* bs_first_digit against a byte loop, on random bytes (digits rare). */
static void digits(void) {
  char b[64];
  int diff = 0;
  for (int t = 0; t < 200000; t++) {
    size_t n = rnd(sizeof b + 1);
    for (size_t i = 0; i < n; i++) {
      size_t r = rnd(300);
      b[i] =
          r < 256 ? (char)r : (char)('0' + (r - 256) % 12 - 1); /* '/'..':' */
    }
    size_t want = n;
    for (size_t i = 0; i < n && want == n; i++)
      if (b[i] >= '0' && b[i] <= '9') want = i;
    diff += bs_first_digit(b, n) != want;
  }
  CHECK(diff == 0);
}

/* date_tail_stamp as it read s, a byte at a time from the end. */
static size_t tail_ref(const char *s, size_t n, date_tm *t) {
  size_t lim = n > 80 ? n - 80 : 0;
  for (size_t i = n; i-- > lim + 1;) {
    if (s[i] != ' ' || (s[i - 1] != '.' && s[i - 1] != '!' && s[i - 1] != '?'))
      continue;
    if (date_line(s + i + 1, n - i - 1, t) && t->has_time && t->y) return i + 1;
    return 0;
  }
  return 0;
}

static void tails(void) {
  static const char *const parts[] = {
      "Ông A nói.",
      " ",
      "x",
      "?",
      "!",
      ". ",
      "12/5/2025 08:30",
      " 10:45",
      "Thứ Hai, ",
      "ngày",
      "abc def ghi jkl mno pqr stu vwx yz0 123 456",
      "  ",
      "GMT+7",
      "|"};
  char b[400];
  int diff = 0;
  for (int t = 0; t < 20000; t++) {
    size_t n = 0, k = rnd(14);
    for (size_t q = 0; q < k; q++) {
      const char *x = parts[rnd(sizeof parts / sizeof *parts)];
      size_t m = strlen(x);
      if (n + m >= sizeof b) break;
      memcpy(b + n, x, m), n += m;
    }
    date_tm a, r;
    size_t x = date_tail_stamp(b, n, &a), y = tail_ref(b, n, &r);
    diff += x != y || (x && memcmp(&a, &r, sizeof a) != 0);
  }
  CHECK(diff == 0);
  static const char *const fixed[] = {"Ông A nói. 12/5/2025 08:30. ",
                                      "Ông A nói. 12/5/2025 08:30",
                                      "Ông A nói! 10:45 12/5/2025 ",
                                      "a. 12/5/2025 08:30",
                                      ". 12/5/2025 08:30",
                                      "",
                                      " ",
                                      ". "};
  for (size_t i = 0; i < sizeof fixed / sizeof *fixed; i++) {
    date_tm a, r;
    size_t n = strlen(fixed[i]);
    CHECK(date_tail_stamp(fixed[i], n, &a) == tail_ref(fixed[i], n, &r));
  }
}

/* pc_words and pc_sentence_breaks against parse_text.c's counts, on
** lines of spaces, sentence ends, quotes, capitals and letters. */
static void counts(void) {
  static const char *const bits[] = {" ",  "  ",  ".",    "...",
                                     "?",  "!",   "a",    "B",
                                     "Đ",  "đ",   "\"",   "\xe2\x80\x9c",
                                     "7",  ",",   ":",    "\xe2\x80\xa6",
                                     "Hà", "nội", "\xff", "(",
                                     "x.y"};
  char b[300];
  int diff = 0;
  for (int t = 0; t < 100000; t++) {
    size_t n = 0, k = rnd(40);
    for (size_t q = 0; q < k; q++) {
      const char *x = bits[rnd(sizeof bits / sizeof *bits)];
      size_t m = strlen(x);
      if (n + m > sizeof b) break;
      memcpy(b + n, x, m), n += m;
    }
    int lim = (int)rnd(40) - 2;
    size_t sl = rnd(4) ? n : rnd(n + 2);
    diff += pc_words(b, n, lim) != pt_words(b, n, lim);
    diff += pc_sentence_breaks(b, n, sl) != pt_sentence_breaks(b, n, sl);
  }
  CHECK(diff == 0);
}

int main(void) {
  printf("plan: indexed phrase lists == list scans; date words\n");
  phrases();
  random_lines();
  CHECK(bad == 0);
  dates();
  digits();
  tails();
  counts();
  return check_done();
}
