/*
** test_seg_memo.c — the segmenter's memo of syllables (segment_memo.h
** seg_syl_get: a piece's fold, its case, its digits and the lexicon's
** answer, kept by the piece's bytes) gives what reading each piece afresh
** gives: seg_words_pieces, seg_first_word_pieces and seg_first_word_syl
** against seg_words over the same text (its own scan, no memo), and
** seg_is_word_pieces against seg_is_word, on random texts of syllables in
** lower, title and upper case, pieces of up to 16 bytes and longer ones
** that share their first 8 bytes, figures; with the default lexicon and
** with an overlay whose words change between texts (the memo's answers
** are tagged with the lexicon's generation); and with a decode of another
** text inside each word's callback (the memo's slots reused under a
** decode that is not over). Fails when the memo keys a piece by part of
** its bytes, keeps an answer across generations, or misreads a piece's
** case.
*/
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "segment.h"
#include "text.h"
#include "text_check.h"

#define MAXW 1024

/* The words a decode reported, in order. */
typedef struct rec {
  size_t from[MAXW], to[MAXW];
  int nsyl[MAXW], kind[MAXW];
  int n;
} rec;

static uint64_t rng = 0x2545F4914F6CDD1Dull;
static unsigned rnd(unsigned n) {
  return check_rnd(&rng, n);
}

static const char *const syl[] = {"nguyễn",
                                  "văn",
                                  "an",
                                  "hà",
                                  "nội",
                                  "thành",
                                  "phố",
                                  "hồ",
                                  "chí",
                                  "minh",
                                  "người",
                                  "dân",
                                  "đa",
                                  "dạng",
                                  "hóa",
                                  "hoá",
                                  "khoa",
                                  "học",
                                  "phát",
                                  "triển",
                                  "kinh",
                                  "tế",
                                  "thực",
                                  "hiện",
                                  "quảng",
                                  "ninh",
                                  "bình",
                                  "dương",
                                  "việt",
                                  "nam",
                                  "ủy",
                                  "ban",
                                  "nhân",
                                  "xã",
                                  "tỉnh",
                                  "lê",
                                  "trần",
                                  "phó",
                                  "chủ",
                                  "tịch",
                                  "thủ",
                                  "tướng",
                                  "và",
                                  "của",
                                  "là",
                                  "được",
                                  "có",
                                  "năm",
                                  "zyx",
                                  "qwe",
                                  "iphone",
                                  "nghiêngaa",
                                  "nghiêngab",
                                  "nghiêngaaab",
                                  "nghiêngaaac",
                                  "trườngtrườngtrường",
                                  "trườngtrườngtrườnh",
                                  "abcdefghijklmnop",
                                  "abcdefghijklmnoq",
                                  "abcdefghijklmnopq",
                                  "a",
                                  "b",
                                  "ab",
                                  "aba",
                                  "abb"};
#define NSYL (sizeof syl / sizeof *syl)

/* Syllable w into buf at *o in a random case (lower, title, upper), now
** and then with a digit glued to it. */
static void put_syl(char *buf, size_t *o, const char *w) {
  check_put_recased(buf, o, w, rnd);
  if (rnd(30) == 0) buf[(*o)++] = (char)('0' + rnd(10));
}

/* A random text of about len bytes (syllables one space apart, now and
** then another gap or a figure). */
static size_t make_text(char *buf, size_t cap, size_t len, int digits) {
  static const char *const gaps[] = {" ", " ",  " ",  " ",  " ",  " ",
                                     " ", "  ", ", ", ". ", "\n", " - "};
  size_t o = 0;
  while (o < len && o + 120 < cap) {
    size_t at = o;
    put_syl(buf, &o, syl[rnd(NSYL)]);
    if (!digits)
      for (size_t i = at; i < o; i++)
        if (buf[i] >= '0' && buf[i] <= '9') buf[i] = 'x';
    const char *g = gaps[rnd(sizeof gaps / sizeof *gaps)];
    memcpy(buf + o, g, strlen(g)), o += strlen(g);
    if (digits && rnd(40) == 0) memcpy(buf + o, "57,7% ", 6), o += 6;
  }
  buf[o] = 0;
  return o;
}

/* The pieces of text[0..n): its scan's spans. */
static size_t pieces_of(const char *text, size_t n, seg_piece *p, size_t cap) {
  seg_spans sp = {0};
  seg_spans_scan(text, n, &sp);
  size_t np = 0;
  for (size_t i = 0; i < sp.n && np < cap; i++)
    p[np++] = (seg_piece){sp.v[i].start, sp.v[i].end};
  seg_spans_free(&sp);
  return np;
}

static const seg_lex *nest_lex; /* the lexicon of the inner decodes */
static int nest;                /* a decode inside each word's callback */

/* A decode of another random text (its words dropped). */
static int drop(void *ctx, size_t from, size_t to, int nsyl, int kind) {
  (void)ctx, (void)from, (void)to, (void)nsyl, (void)kind;
  return 0;
}

static void inner_decode(void) {
  char buf[512];
  seg_piece p[128];
  size_t n = make_text(buf, sizeof buf, 1 + rnd(200), 1);
  size_t np = pieces_of(buf, n, p, 128);
  seg_words_pieces(nest_lex, buf, n, p, np, drop, NULL);
}

static int keep(void *ctx, size_t from, size_t to, int nsyl, int kind) {
  rec *r = ctx;
  if (r->n < MAXW) {
    r->from[r->n] = from, r->to[r->n] = to;
    r->nsyl[r->n] = nsyl, r->kind[r->n] = kind;
    r->n++;
  }
  if (nest) inner_decode();
  return 0;
}

static long texts, bad;

static int same(const rec *a, const rec *b) {
  if (a->n != b->n) return 0;
  for (int i = 0; i < a->n; i++)
    if (a->from[i] != b->from[i] || a->to[i] != b->to[i] ||
        a->nsyl[i] != b->nsyl[i] || a->kind[i] != b->kind[i])
      return 0;
  return 1;
}

/* Every way of asking about text[0..n) with lex against seg_words. */
static void check_text(const seg_lex *lex, const char *text, size_t n,
                       int digits) {
  static rec want, got;
  static seg_piece p[4096];
  size_t np = pieces_of(text, n, p, 4096);
  want.n = got.n = 0;
  nest = 0;
  seg_words(lex, text, n, keep, &want);
  nest = rnd(4) == 0;
  seg_words_pieces(lex, text, n, p, np, keep, &got);
  nest = 0;
  texts++;
  int ok = same(&want, &got);
  /* the first word of each run of up to six pieces one ' ' apart */
  for (size_t j = 0; j < np && ok; j++) {
    size_t e = j + 1;
    while (e < np && e - j < 6 && p[e].start == p[e - 1].end + 1 &&
           text[p[e].start - 1] == ' ')
      e++;
    const char *s = text + p[j].start;
    size_t len = p[e - 1].end - p[j].start;
    seg_piece q[6];
    for (size_t k = j; k < e; k++)
      q[k - j] = (seg_piece){p[k].start - p[j].start, p[k].end - p[j].start};
    rec one = {.n = 0};
    seg_words(lex, s, len, keep, &one);
    size_t from;
    int f = seg_first_word_pieces(lex, s, len, q, e - j, &from);
    ok = one.n ? f == one.nsyl[0] && from == one.from[0] : f == 0;
    if (ok && !digits) {
      f = seg_first_word_syl(lex, s, len, q, e - j, &from);
      ok = one.n ? f == one.nsyl[0] && from == one.from[0] : f == 0;
    }
    /* is each run of one to six of them a word of lex? */
    for (size_t k = j + 1; k <= e && ok; k++)
      ok = seg_is_word_pieces(lex, s, q, k - j) ==
           seg_is_word(lex, s, p[k - 1].end - p[j].start);
  }
  if (!ok && bad++ < 5) fprintf(stderr, "differ: %.*s\n", (int)n, text);
}

/* Add or remove a random word of one or two syllables in ov. */
static void change(seg_lex *ov) {
  char w[128];
  const char *a = syl[rnd(NSYL)], *b = syl[rnd(NSYL)];
  if (rnd(2))
    snprintf(w, sizeof w, "%s", a);
  else
    snprintf(w, sizeof w, "%s %s", a, b);
  if (rnd(3))
    seg_lex_add(ov, w, strlen(w));
  else
    seg_lex_remove(ov, w, strlen(w));
}

int main(void) {
  printf("plan: the memo's pieces decode as seg_words' own scan does\n");
  const seg_lex *base = seg_lex_default();
  CHECK(base != NULL);
  if (!base) return check_done();
  seg_lex *ov = seg_lex_overlay(base);
  CHECK(ov != NULL);
  static char buf[8192];
  for (int t = 0; t < 4000; t++) {
    int digits = rnd(2);
    size_t n = make_text(buf, sizeof buf, 1 + rnd(400), digits);
    int use_ov = rnd(2);
    const seg_lex *lex = use_ov ? ov : base;
    nest_lex = rnd(2) ? ov : base;
    check_text(lex, buf, n, digits);
    if (rnd(3) == 0) change(ov);
  }
  printf("%ld texts, %ld differ\n", texts, bad);
  CHECK(texts == 4000 && bad == 0);
  seg_lex_free(ov);
  return check_done();
}
