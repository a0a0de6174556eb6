/*
** test_kwic.c — the concordance's C core (kwic.c).
**
** Plan: texts assembled at random (fixed seed) from pieces with every
** byte the prefilter must not be fooled by — capitals, decomposed marks,
** ligatures (ﬁ, ß, ẞ), signs (×), invalid bytes, curly quotes, NBSP,
** numbers and document numbers, tabs, newlines, sentence ends — are
** searched for many queries twice: with the byte prefilter and windows
** (kwic_find), and with the whole text tokenized (the prefilter turned
** off): the hits must be the same. Then the whole-word check and the
** word contexts (kwic_whole, which segments from the sentence before each
** hit) must equal a reference computed here from the words of the whole
** text; on a long text with a hit in every sentence the text is
** segmented once, not once per hit. kwic_flat folds white space and drops cut
*characters; the line
** store gives back what it was given.
*/
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "kwic.h"
#include "segment.h"
#include "util.h"

static const char *PIECES[] = {
    "phát",        "triển",    "Phát",
    "TRIỂN",       "phat",     "trien",
    "phá",         "t",        "trie\xcc\x82\xcc\x89n", /* decomposed ể */
    "ph\xc3\xa1t", "ﬁ",        "ß",
    "ẞ",           "×",        "\x80",
    "\xc4",        "\xe1\xbb", "“",
    "”",           "\xc2\xa0", "5.000",
    "20-NQ/TU",    "2024",     "ss",
    "fi",          "Nguyễn",   "kinh",
    "tế",          "Móng",     "Cái",
    "thành",       "phố",      "đồng",
    "dong",        "nq",       "a",
    "ế",           "ệ",        "e",
    "đ",           "d",        "Đảng",
    "–",           "…",        "trieen",
    "xtrien",      "phatt",    "̀",
};
static const char *SEPS[] = {" ",  " ",  " ", " ", " ",  ", ", ". ",
                             "\n", "\t", "-", "/", "",   "  ", ": ",
                             "? ", "(",  ")", ".", "; ", "\" "};
static const char *QUERIES[] = {
    "phát triển", "phat trien", "phát", "triển", "trien", "phat",   "fi",
    "ss",         "nq",         "tu",   "a",     "e",     "ế",      "ệ",
    "5",          "000",        "đ",    "d",     "2024",  "5.000",  "dong",
    "đồng",       "móng cái",   "t",    "phá*",  "tri*",  "kinh tế"};

static uint64_t rng = 88172645463325252ull;
static unsigned rnd(unsigned n) {
  return check_rnd(&rng, n);
}

static void make_text(buf *b, int npieces) {
  buf_reset(b);
  for (int i = 0; i < npieces; i++) {
    buf_adds(b, PIECES[rnd(sizeof PIECES / sizeof *PIECES)]);
    buf_adds(b, SEPS[rnd(sizeof SEPS / sizeof *SEPS)]);
  }
}

static int same_hits(const kwic_hits *a, const kwic_hits *b) {
  if (a->n != b->n) return 0;
  for (size_t i = 0; i < a->n; i++)
    if (a->v[i].s != b->v[i].s || a->v[i].e != b->v[i].e) return 0;
  return 1;
}

/* The prefilter and windows find what the whole tokenized text holds. */
static void test_prefilter(void) {
  buf b;
  buf_init(&b);
  int bad = 0, total = 0;
  for (int t = 0; t < 400; t++) {
    make_text(&b, 5 + (int)rnd(120));
    for (size_t j = 0; j < sizeof QUERIES / sizeof *QUERIES; j++) {
      kwic_query q;
      kwic_query_init(&q, QUERIES[j], strlen(QUERIES[j]));
      kwic_hits fast = {0}, slow = {0};
      kwic_find(&q, b.data, b.len, &fast);
      int slen = q.slen;
      q.slen = 0;
      kwic_find(&q, b.data, b.len, &slow);
      q.slen = slen;
      total += (int)slow.n;
      if (!same_hits(&fast, &slow) && bad++ < 3)
        fprintf(stderr, "differ: %s in [%s]\n", QUERIES[j], b.data);
      kwic_hits_free(&fast);
      kwic_hits_free(&slow);
      kwic_query_free(&q);
    }
  }
  CHECK(bad == 0);
  CHECK(total > 1000);
  buf_free(&b);
}

typedef struct wl {
  size_t from[4096], to[4096];
  size_t n;
} wl;

static int collect(void *ctx, size_t from, size_t to, int nsyl, int kind) {
  (void)nsyl, (void)kind;
  wl *w = ctx;
  if (w->n < 4096) w->from[w->n] = from, w->to[w->n] = to, w->n++;
  return 0;
}

/* The reference: whole-word hits and their contexts from all the words
** of the text (as the Lua path computes them). */
static int reference(const wl *w, kwic_hit *k, int prefix, int nwords) {
  long a = -1, b = -1;
  for (size_t i = 0; i < w->n; i++) {
    if (w->from[i] == k->s) a = (long)i;
    if (w->to[i] == k->e) b = (long)i;
  }
  if (a < 0 || (b < 0 && !prefix)) return 0;
  if (b < 0) b = a;
  if (nwords < 0) return 1;
  long l = a - nwords < 0 ? 0 : a - nwords;
  long r = b + nwords > (long)w->n - 1 ? (long)w->n - 1 : b + nwords;
  k->ls = a > 0 ? w->from[l] : k->s;
  k->re = b < (long)w->n - 1 ? w->to[r] : k->e;
  return 1;
}

static int check_whole(const seg_lex *lex, const char *text, size_t n,
                       const char *qs, int nwords) {
  kwic_query q;
  kwic_query_init(&q, qs, strlen(qs));
  kwic_hits h = {0};
  kwic_find(&q, text, n, &h);
  kwic_hits want = {0};
  want.v = xmalloc((h.n + 1) * sizeof *want.v);
  wl *w = xcalloc(1, sizeof *w);
  seg_words(lex, text, n, collect, w);
  for (size_t i = 0; i < h.n; i++) {
    kwic_hit k = h.v[i];
    if (reference(w, &k, q.prefix, nwords)) want.v[want.n++] = k;
  }
  kwic_whole(&h, 0, lex, text, n, q.prefix, nwords);
  int ok = h.n == want.n;
  for (size_t i = 0; ok && i < h.n; i++)
    ok = h.v[i].s == want.v[i].s && h.v[i].e == want.v[i].e &&
         h.v[i].ls == want.v[i].ls && h.v[i].re == want.v[i].re;
  free(w);
  kwic_hits_free(&h);
  kwic_hits_free(&want);
  kwic_query_free(&q);
  return ok;
}

/* Segmenting from the sentence before each hit gives the whole text's
** words there. */
static void test_whole(void) {
  const seg_lex *lex = seg_lex_default();
  CHECK(lex != NULL);
  if (!lex) return;
  buf b;
  buf_init(&b);
  int bad = 0;
  const int nw[] = {-1, 0, 1, 3, 8};
  for (int t = 0; t < 150; t++) {
    make_text(&b, 5 + (int)rnd(200));
    for (size_t j = 0; j < sizeof QUERIES / sizeof *QUERIES; j++)
      for (size_t m = 0; m < sizeof nw / sizeof *nw; m++)
        if (!check_whole(lex, b.data, b.len, QUERIES[j], nw[m]) && bad++ < 3)
          fprintf(stderr, "whole differs: %s words %d in [%s]\n", QUERIES[j],
                  nw[m], b.data);
  }
  CHECK(bad == 0);
  const char *s = "Ông nói: phát triển kinh tế. Phát triển bền vững\nphát";
  CHECK(check_whole(lex, s, strlen(s), "phát triển", 2));
  buf_free(&b);
}

/* A long text with a hit in every sentence: one segmenting in all, not
** one per hit (each scanned the rest of the text: quadratic, 4.8 s for a
** 1 MB line), and the same words as the whole text's. */
static void test_whole_long(void) {
  const seg_lex *lex = seg_lex_default();
  if (!lex) return;
  buf b;
  buf_init(&b);
  for (int i = 0; i < 500; i++)
    buf_adds(&b, "Phát triển kinh tế là việc lớn của tỉnh. ");
  size_t before = seg_scanned_bytes();
  kwic_query q;
  kwic_query_init(&q, "phát triển", strlen("phát triển"));
  kwic_hits h = {0};
  kwic_find(&q, b.data, b.len, &h);
  CHECK(h.n == 500);
  CHECK(kwic_whole(&h, 0, lex, b.data, b.len, q.prefix, 3) == 500);
  size_t used = seg_scanned_bytes() - before;
  CHECK(used <= 2 * b.len);
  if (used > 2 * b.len)
    fprintf(stderr, "segmenter scanned %zu bytes of a %zu-byte text\n", used,
            b.len);
  CHECK(check_whole(lex, b.data, b.len, "phát triển", 3));
  kwic_hits_free(&h);
  kwic_query_free(&q);
  buf_free(&b);
}

static void test_flat(void) {
  buf b;
  buf_init(&b);
  kwic_flat(&b, "a \t\n b  c ", 10, 0);
  CHECK_STR(b.data, "a b c ");
  buf_reset(&b);
  const char *s = "\xbb\x80xy\xe1\xbb"; /* cut inside characters at both ends */
  kwic_flat(&b, s, strlen(s), 1);
  CHECK_STR(b.data, "xy");
  buf_free(&b);
}

static void test_lines(void) {
  kwic_lines l;
  kwic_lines_init(&l);
  const char *text = "Một  câu\ncó phát triển ở giữa.";
  size_t at = (size_t)(strstr(text, "phát") - text);
  kwic_hit k = {at, at + strlen("phát triển"), 0, strlen(text)};
  kwic_lines_meta(&l, "paragraph", 9, NULL, 0, "2024-05-01T10:00", 16);
  kwic_lines_add(&l, 7, 3, text, strlen(text), &k);
  CHECK(l.n == 1);
  const kwic_line *x = &l.v[0];
  CHECK(x->doc == 7 && x->seq == 3 && x->s == at + 1 && x->e == k.e);
  buf b;
  buf_init(&b);
  kwic_line_part(&l, x, 0, &b);
  CHECK_STR(b.data, "Một câu có ");
  buf_reset(&b);
  kwic_line_part(&l, x, 1, &b);
  CHECK_STR(b.data, "phát triển");
  buf_reset(&b);
  kwic_line_part(&l, x, 2, &b);
  CHECK_STR(b.data, " ở giữa.");
  buf_free(&b);
  CHECK(!x->has_title && x->md == 10);
  CHECK(memcmp(l.strs.data + x->meta + x->mk, "2024-05-01", 10) == 0);
  kwic_lines_free(&l);
}

int main(void) {
  printf(
      "plan: kwic prefilter = whole tokenizing, sentence cuts = whole "
      "segmenting, flat, lines\n");
  test_prefilter();
  test_whole();
  test_whole_long();
  test_flat();
  test_lines();
  return check_done();
}
