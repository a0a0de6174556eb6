/*
** test_xtok_scan.c — xt_tokenize (the fast scanner of xtok_scan.c) gives
** the same sentences, tokens (every field) and features as the reference
** scanner xt_tokenize_ref, on texts built at random from pieces that
** reach every path: lower- and upper-case ASCII and Vietnamese letters,
** capitals ("HĐND"), digits and numbers ("5.000", "19A"), spaces, tabs,
** newlines, NBSP, zero-width space, × and ÷, a combining mark, Greek,
** superscripts, quotes and dashes, invalid and truncated UTF-8, the dots
** that end no sentence ("TP. Hà Nội", "George W. Bush", "PGS.TS. An"),
** words longer than the 64-byte masks, and sentences past 8 KB and
** 4,096 tokens.
*/
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "xtok.h"
#include "xtok_scan.h"
#include "xtok_win.h"

static const char *const pieces[] = {
    "a",
    "b",
    "z",
    "A",
    "Q",
    "Z",
    "ng",
    "Ha",
    "tr",
    "HA",
    "TP",
    "UBND",
    "0",
    "7",
    "5.000",
    "57,7",
    "19A",
    "3km",
    "Km11",
    "x2",
    "\xc3\xa0",
    "\xc3\x80",
    "\xc4\x91",
    "\xc4\x90",
    "\xc6\xb0",
    "\xc6\xaf",
    "\xc6\xa1",
    "\xe1\xba\xa3",
    "\xe1\xbb\x87",
    "\xe1\xbb\x86",
    "\xe1\xba\xa0",
    "\xc3\x97",
    "\xc3\xb7", /* × ÷ */
    "\xcc\x81", /* combining acute */
    "\xce\xb1",
    "\xce\x91", /* α Α */
    "\xc2\xb2",
    "\xc2\xbd", /* ² ½ */
    "\xc2\xa0",
    "\xe2\x80\x8b", /* NBSP, ZWSP */
    "\xe2\x80\x9c",
    "\xe2\x80\x9d",
    "\xe2\x80\x93",
    "\xe2\x80\xa6",
    "\xc3",
    "\xe1\xba",
    "\xe1",
    "\x80",
    "\xff",
    "\xed\xa0\x80",
    " ",
    " ",
    " ",
    " ",
    "  ",
    "\n",
    "\t",
    "\r",
    ".",
    ". ",
    "! ",
    "? ",
    ",",
    "(",
    ")",
    "-",
    "/",
    ":",
    "\"",
    "%",
    "TP. H\xe1\xbb\x93 Ch\xc3\xad Minh",
    "TP. \xc4\x90\xc3\xa0 N\xe1\xba\xb5ng",
    "George W. Bush",
    "PGS.TS. Nguy\xe1\xbb\x85n",
    "ThS. L\xc3\xb2",
    "HT. Th\xc3\xad"
    "ch Thi\xe1\xbb\x87n",
    "Nguy\xe1\xbb\x85n V\xc4\x83n A. \xc3\x94ng",
    "H\xc4\x90ND",
    "\xc4\x90\xe1\xba\xa0I",
    "\xc3\x81o",
};
#define NPIECES (sizeof pieces / sizeof *pieces)

static uint64_t rng = 88172645463325252ull;
static unsigned rnd(unsigned n) {
  return check_rnd(&rng, n);
}

/* A random text of about `len` bytes into buf (cap bytes). */
static size_t make_text(char *buf, size_t cap, size_t len) {
  size_t o = 0;
  while (o < len) {
    const char *p;
    char word[200];
    unsigned r = rnd(100);
    if (r < 30) { /* a word: letters glued together */
      size_t w = 0, m = 1 + rnd(r < 2 ? 60 : 5);
      for (size_t q = 0; q < m && w + 8 < sizeof word; q++) {
        const char *l = pieces[rnd(32)];
        memcpy(word + w, l, strlen(l)), w += strlen(l);
      }
      word[w] = 0;
      p = word;
    } else if (r < 55) {
      p = " ";
    } else {
      p = pieces[rnd(NPIECES)];
    }
    size_t n = strlen(p);
    if (o + n + 1 > cap) break;
    memcpy(buf + o, p, n), o += n;
  }
  buf[o] = 0;
  return o;
}

/* Letters of the words of make_prose: lower-case ASCII mostly, some
** Vietnamese ones inside a word ("người"), and a few that end a run of
** lower-case words (a capital, a digit, a mark, a quote). */
static const char *const prose_letters[] = {
    "a",
    "n",
    "g",
    "h",
    "t",
    "r",
    "i",
    "o",
    "c",
    "u",
    "m",
    "y",
    "\xc6\xb0",
    "\xe1\xbb\x9d",
    "\xc3\xa0",
    "\xc4\x91",
    "\xe1\xba\xa3",
};
static const char *const prose_breaks[] = {
    ", ",
    ". ",
    "\n",
    "  ",
    "(",
    ") ",
    "5",
    "12 ",
    "H",
    "\xc4\x90",
    "\xe2\x80\x9c",
    "\xcc\x81",
    "\t",
    "x2 ",
    "\xc2\xa0",
    "! ",
    "? ",
    "TP. H\xe1\xbb\x93 ",
    "-",
    "\xc3",
    "@",
    "`",
    "[",
    "{",
    "_",
};

/* First letters of a capitalised word of make_prose ("Nguyễn", "Đảng",
** "Ủy") and what may follow a word before its space ("nay, ", "(a) "). */
static const char *const prose_capitals[] = {
    "A",        "H",
    "N",        "T",
    "Q",        "\xc4\x90",
    "\xc3\x81", "\xe1\xba\xa0",
    "\xc6\xaf", "\xe1\xbb\xa6",
    "\xc3\x94", "\xc3\x80",
};
static const char *const prose_glued[] = {
    ",", ";", ":", ")", "\"", "-", ".", "!", "(", "\xe2\x80\x9d", "%", "/",
};

/* A text like an article's prose of about `len` bytes into buf: runs of
** lower-case and capitalised words with single spaces, some with a
** punctuation mark glued after them (what xt_tokenize takes a run at a
** time), broken now and then by what ends such a run, and now and then a
** word longer than the masks. */
static size_t make_prose(char *buf, size_t cap, size_t len) {
  size_t o = 0;
  while (o < len) {
    char word[300];
    size_t w = 0;
    unsigned r = rnd(100);
    if (r < 8) {
      const char *p =
          prose_breaks[rnd(sizeof prose_breaks / sizeof *prose_breaks)];
      memcpy(word, p, strlen(p)), w = strlen(p);
    } else {
      size_t m = 1 + rnd(r < 10 ? 70 : 7);
      int cap = rnd(5) == 0;
      for (size_t q = 0; q < m && w + 8 < sizeof word; q++) {
        const char *l = q == 0
                            ? (cap ? prose_capitals[rnd(sizeof prose_capitals /
                                                        sizeof *prose_capitals)]
                                   : prose_letters[rnd(12)])
                            : prose_letters[rnd(sizeof prose_letters /
                                                sizeof *prose_letters)];
        memcpy(word + w, l, strlen(l)), w += strlen(l);
      }
      if (rnd(6) == 0) {
        const char *p =
            prose_glued[rnd(sizeof prose_glued / sizeof *prose_glued)];
        memcpy(word + w, p, strlen(p)), w += strlen(p);
      }
      if (rnd(10)) word[w++] = ' ';
    }
    if (o + w + 1 > cap) break;
    memcpy(buf + o, word, w), o += w;
  }
  buf[o] = 0;
  return o;
}

/* Both scanners over all of s[0..n): every sentence agrees. */
static int same_scan(const char *s, size_t n) {
  tokvec v1 = {0}, v2 = {0};
  int ok = 1;
  for (size_t a = 0; a < n && ok;) {
    unsigned f1 = 0, f2 = 0;
    size_t e1 = xt_tokenize(s, a, n, &v1, &f1);
    size_t e2 = xt_tokenize_ref(s, a, n, &v2, &f2);
    ok = e1 == e2 && f1 == f2 && v1.n == v2.n;
    for (size_t i = 0; ok && i < v1.n; i++) {
      const tok *x = &v1.items[i], *y = &v2.items[i];
      ok = x->off == y->off && x->len == y->len && x->type == y->type &&
           x->flags == y->flags && x->cp == y->cp && x->h == y->h &&
           x->trig == y->trig;
      if (!ok)
        fprintf(stderr, "token %zu at %u differs (len %u/%u flags %d/%d)\n", i,
                x->off, x->len, y->len, x->flags, y->flags);
    }
    if (!ok)
      fprintf(stderr, "sentence at %zu differs: ends %zu/%zu\n", a, e1, e2);
    a = e1 > a ? e1 : a + 1;
  }
  free(v1.items);
  free(v2.items);
  return ok;
}

/* The checks below with the masks in one form (AVX2 or not). */
static void run_all(void);

int main(void) {
  printf("plan: xt_tokenize == xt_tokenize_ref on random texts\n");
  xtok_init();
  run_all(); /* AVX2 masks, when the CPU has it */
  xt_scan_avx2(0);
  run_all(); /* SSE2 masks, slid */
  return check_done();
}

static void run_all(void) {
  static char buf[40000];
  int bad = 0;
  for (int t = 0; t < 3000 && bad < 3; t++) {
    size_t n = make_text(buf, sizeof buf, 1 + rnd(t % 100 == 0 ? 20000 : 400));
    if (!same_scan(buf, n)) {
      bad++;
      fprintf(stderr, "text %d differs: %.200s\n", t, buf);
    }
  }
  CHECK(bad == 0);
  /* prose: long runs of lower-case words, over many mask windows */
  bad = 0;
  for (int t = 0; t < 3000 && bad < 3; t++) {
    size_t n = make_prose(buf, sizeof buf, 1 + rnd(t % 50 == 0 ? 12000 : 600));
    if (!same_scan(buf, n) || !same_scan(buf + 1, n ? n - 1 : 0)) {
      bad++;
      fprintf(stderr, "prose %d differs: %.200s\n", t, buf);
    }
  }
  CHECK(bad == 0);
  /* a sentence of more than 4,096 tokens and one past 8 KB, no dot */
  size_t o = 0;
  for (int q = 0; q < 5000; q++) memcpy(buf + o, "a ", 2), o += 2;
  buf[o] = 0;
  CHECK(same_scan(buf, o));
  o = 0;
  for (int q = 0; q < 1200; q++)
    memcpy(buf + o, "ng\xc6\xb0\xe1\xbb\x9di ", 9), o += 9;
  buf[o] = 0;
  CHECK(same_scan(buf, o));
  /* the masks a call ends with are kept for the next sentence: not when
  ** the bytes under them changed (a block freed, another at its place) */
  char blk[400];
  memset(blk, 'x', sizeof blk - 1), blk[sizeof blk - 1] = 0;
  memcpy(blk, "Ha noi. ", 8);
  for (size_t q = 8; q + 2 < sizeof blk; q += 3) blk[q + 2] = ' ';
  tokvec tv = {0};
  unsigned feat;
  size_t e = xt_tokenize(blk, 0, sizeof blk - 1, &tv, &feat);
  CHECK(e == 7);
  for (size_t q = e + 1; q < e + 30; q++) blk[q] = q % 2 ? 'Q' : ' ';
  CHECK(same_scan(blk + 0, sizeof blk - 1));
  e = xt_tokenize(blk, 0, sizeof blk - 1, &tv, &feat);
  CHECK(e == 7);
  for (size_t q = e + 1; q < e + 30; q++) blk[q] = 'a';
  tokvec tr = {0};
  unsigned fr;
  size_t e1 = xt_tokenize(blk, e, sizeof blk - 1, &tv, &feat);
  size_t e2 = xt_tokenize_ref(blk, e, sizeof blk - 1, &tr, &fr);
  if (!(e1 == e2 && tv.n == tr.n))
    fprintf(stderr, "kept masks: %zu/%zu %zu/%zu\n", e1, e2, tv.n, tr.n);
  CHECK(e1 == e2 && tv.n == tr.n && tv.n > 0 &&
        tv.items[0].len == tr.items[0].len && tv.items[0].h == tr.items[0].h);
  free(tv.items);
  free(tr.items);
  /* a block ending inside a word, a lead byte, a number */
  CHECK(same_scan("Ha \xc4", 4));
  CHECK(same_scan("x 5.0", 5));
  CHECK(same_scan("\xe1\xbb\x87", 3));
}
