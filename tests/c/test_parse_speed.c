/*
** test_parse_speed.c — the shortcuts of the parse-with-facts speed work
** against the slow paths they stand in for, on generated text.
** Plan:
**  1. the tokenizer's run scanner passes eight bytes a step once a word
**     holds a letter that is not upper case (plain_run8 in text_tok.c):
**     every code point that path claims (two-byte letters led by C3..C6,
**     marks led by CC, E1 B8..BB letters) is a word character by
**     text_class_slow, × and ÷ are not, and tokens of random text built to
**     reach that path (long lower-case words glued to ×, ÷, marks, other
**     three-byte letters, stray continuation bytes, cut sequences, digits
**     and punctuation, at every alignment) have the ends and flags of a
**     per-code-point reference.
**  2. text_bad_syllables looks whole only at the words whose last bytes
**     (two table loads: the final consonants, then the vowel before them)
**     may break a spelling rule: the same counts as text_bad_syllables_ref
**     (every word looked at whole) with every code point below U+0250 and
**     of U+1E00..U+1EFF as the vowel before every final (upper case and
**     punctuation too), every pair of bytes ending a word, and random
**     words of Vietnamese letters, stray and cut sequences.
**  3. the normaliser's eight-byte pass takes a space that ends its eight
**     bytes when the byte after it is printable: text_normalize equals
**     text_normalize_ref with a space at every offset followed by DEL,
**     controls, a second space, '&', letters, marks, stray bytes or the
**     end of the text.
**  4. the JSON writer copies a string it wrote for the same column just
**     before (the figures of one sentence share its copy) instead of
**     escaping it again: a document whose figures share one sentence with
**     quotes, backslashes, controls and an invalid byte gives the JSON of
**     the same document with a separate copy per figure. Keys are written
**     unescaped: every JSON key of the fact schema is plain.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "doc.h"
#include "fact_schema.h"
#include "text.h"
#include "text_check.h"
#include "text_int.h"
#include "util.h"

static uint64_t rng = 0x2545F4914F6CDD1Dull;

static unsigned rnd(unsigned n) {
  return check_rnd(&rng, n);
}

/* ---- 1. the run scanner ---- */

/* Tokens of s[0..n) against the reference; the count of mismatches. */
static int tok_mismatches(const char *s, size_t n) {
  size_t pos = 0, end;
  text_tok t;
  int bad = 0;
  while (text_tok_next(s, n, &pos, &t)) {
    unsigned f = ref_tok_flags(s, n, t.off, &end);
    bad += (t.flags & ~(unsigned)TEXT_TOKF_SPACE) != f || t.off + t.len != end;
  }
  return bad;
}

static const char *const glue[] = {"a",
                                   "z",
                                   "A",
                                   "Z",
                                   "0",
                                   "9",
                                   "\xc3\xa0",
                                   "\xc3\x97",
                                   "\xc3\xb7",
                                   "\xc3\x80",
                                   "\xc4\x91",
                                   "\xc4\x90",
                                   "\xc5\xa9",
                                   "\xc6\xb0",
                                   "\xc6\xaf",
                                   "\xc6\xbf",
                                   "\xc7\x80",
                                   "\xcc\x81",
                                   "\xcc\xbf",
                                   "\xcd\x85",
                                   "\xcd\xb5",
                                   "\xe1\xb8\x80",
                                   "\xe1\xbb\xb9",
                                   "\xe1\xba\xa0",
                                   "\xe1\xb7\x80",
                                   "\xe1\xbc\x80",
                                   "\xe1\xb8",
                                   "\xe1",
                                   "\xc4",
                                   "\x80",
                                   "\xbf",
                                   "\xe2\x80\x9c",
                                   "\xc2\xa0",
                                   " ",
                                   ",",
                                   ".",
                                   "_",
                                   "\x7f",
                                   "-",
                                   "'"};

/* A word that reaches the eight-byte path: a lower-case start, then
** letters mixed with one of the glue pieces. */
static void word(buf *b) {
  static const char *const low[] = {
      "ng", "\xc6\xb0\xe1\xbb\x9d", "i", "\xc3\xaa", "o", "th"};
  buf_adds(b, rnd(3) ? "k" : "N");
  int m = 1 + (int)rnd(6);
  for (int i = 0; i < m; i++) {
    buf_adds(b, low[rnd(sizeof low / sizeof *low)]);
    if (!rnd(3)) buf_adds(b, glue[rnd(sizeof glue / sizeof *glue)]);
  }
}

static void test_run_scanner(void) {
  /* the claimed code points are word characters, × and ÷ are not */
  int claimed_bad = 0;
  for (int32_t cp = 0xC0; cp < 0x1C0; cp++)
    claimed_bad +=
        !(text_class_slow(cp) & TEXT_WORD) != (cp == 0xD7 || cp == 0xF7);
  for (int32_t cp = 0x300; cp < 0x340; cp++)
    claimed_bad += !(text_class_slow(cp) & TEXT_WORD);
  for (int32_t cp = 0x1E00; cp < 0x1F00; cp++)
    claimed_bad += !(text_class_slow(cp) & TEXT_LETTER);
  CHECK(claimed_bad == 0);
  /* each of them between lower-case letters, at every alignment */
  buf b;
  buf_init(&b);
  int bad = 0;
  for (int32_t cp = 0xC0; cp < 0x1F00; cp++) {
    if (cp == 0x1C0) cp = 0x300;
    if (cp == 0x340) cp = 0x1E00;
    char e[4];
    int k = text_utf8_encode(cp, e);
    for (int pad = 0; pad < 8; pad++) {
      buf_reset(&b);
      buf_add(&b, "ab", 2);
      for (int p = 0; p < pad; p++) buf_addc(&b, 'x');
      buf_add(&b, e, (size_t)k);
      buf_adds(&b, "cd efgh ijklmnop");
      bad += tok_mismatches(b.data, b.len);
    }
  }
  CHECK(bad == 0);
  /* random words glued to tricky pieces */
  bad = 0;
  for (int r = 0; r < 20000; r++) {
    buf_reset(&b);
    int nw = 1 + (int)rnd(6);
    for (int i = 0; i < nw; i++) {
      word(&b);
      buf_adds(&b, rnd(4) ? " " : glue[rnd(sizeof glue / sizeof *glue)]);
    }
    bad += tok_mismatches(b.data, b.len);
    bad += tok_mismatches(b.data + 1, b.len - 1); /* another alignment */
  }
  CHECK(bad == 0);
  buf_free(&b);
}

/* ---- 2. the impossible-syllable count ---- */

/* Count s with text_bad_syllables and its reference; mismatches. */
static int bad_mismatch(const buf *b, size_t *fired) {
  size_t seen, rseen;
  size_t got = text_bad_syllables(b->data, b->len, NULL, 0, &seen);
  size_t ref = text_bad_syllables_ref(b->data, b->len, &rseen);
  *fired += got;
  return got != ref || seen != rseen;
}

static void test_bad_filter(void) {
  static const char *const fin[] = {"",  "c",  "p",  "t",  "ch", "nh", "ng",
                                    "m", "n",  "ck", "th", "T",  "NG", "Ch",
                                    "i", "c,", "t.", "g",  "h",  "nG"};
  static const char *const head[] = {"",  "kh", "\xc4\x91", "ng",
                                     "x", "b",  "\xc6\xb0", "qu"};
  buf b;
  buf_init(&b);
  int bad = 0;
  size_t fired = 0;
  /* every code point below U+1F00 as the vowel before every final */
  for (int32_t cp = 0x41; cp < 0x1F00; cp++) {
    if (cp == 0x250) cp = 0x1E00;
    char e[4];
    int k = text_utf8_encode(cp, e);
    buf_reset(&b);
    for (size_t f = 0; f < sizeof fin / sizeof *fin; f++) {
      buf_adds(&b, head[(size_t)cp % (sizeof head / sizeof *head)]);
      buf_add(&b, e, (size_t)k);
      buf_adds(&b, fin[f]);
      buf_adds(&b, (size_t)cp % 3 ? " " : "  ");
    }
    bad += bad_mismatch(&b, &fired);
  }
  /* every pair of bytes at a word's end, after a vowel or a consonant */
  for (unsigned y = 1; y < 256; y++) {
    buf_reset(&b);
    for (unsigned x = 1; x < 256; x++) {
      if (x == ' ' || y == ' ') continue;
      buf_adds(&b, x & 1 ? "h\xe1\xbb\x8d" : "t\xc3\xb4");
      buf_addc(&b, (char)y), buf_addc(&b, (char)x), buf_addc(&b, ' ');
    }
    bad += bad_mismatch(&b, &fired);
  }
  /* random words of Vietnamese letters and stray bytes */
  static const char *const bits[] = {"c",
                                     "h",
                                     "n",
                                     "g",
                                     "t",
                                     "a",
                                     "\xc6\xa1",
                                     "\xe1\xbb\x8b",
                                     "\xc4\x83",
                                     "\xc3\xa2",
                                     "\xe1\xba\xa5",
                                     "\xe1\xbb\x9d",
                                     "\x80",
                                     "\xe1",
                                     "\xbb",
                                     ",",
                                     "\xc3",
                                     "\xe1\xba",
                                     "o",
                                     "\xc6\xb0"};
  for (int r = 0; r < 20000; r++) {
    buf_reset(&b);
    int nw = 1 + (int)rnd(8);
    for (int w = 0; w < nw; w++) {
      int m = 1 + (int)rnd(6);
      for (int i = 0; i < m; i++)
        buf_adds(&b, bits[rnd(sizeof bits / sizeof *bits)]);
      buf_addc(&b, ' ');
    }
    bad += bad_mismatch(&b, &fired);
  }
  CHECK(bad == 0);
  CHECK(fired > 0); /* impossible syllables were met */
  buf_free(&b);
}

/* ---- 3. the normaliser's space at a word's end ---- */

/* text_normalize and text_normalize_ref give the same text and counts. */
static int norm_differs(const char *s, size_t n) {
  size_t a, b;
  text_stats sa, sb;
  char *x = text_normalize(s, n, &a, &sa),
       *y = text_normalize_ref(s, n, &b, &sb);
  int d = a != b || memcmp(x, y, a) != 0 ||
          sa.bad_syllables != sb.bad_syllables ||
          sa.viet_syllables != sb.viet_syllables || sa.invalid != sb.invalid;
  free(x), free(y);
  return d;
}

static void test_norm_space(void) {
  static const char *const after[] = {
      "a",    " ",        "\x7f",     "\x01",         "\t",
      "\n",   "&",        "\xc3\xa0", "\xe2\x80\x9c", "\xc2\xa0",
      "\x80", "\xcc\x81", ""};
  buf b;
  buf_init(&b);
  int bad = 0;
  for (size_t k = 0; k < sizeof after / sizeof *after; k++)
    for (int pre = 1; pre < 24; pre++) { /* the space at every offset */
      buf_reset(&b);
      for (int p = 0; p < pre; p++) buf_adds(&b, p % 5 == 4 ? "\xc6\xb0" : "n");
      buf_addc(&b, ' ');
      buf_adds(&b, after[k]);
      buf_adds(&b,
               "hanh ph\xc3\xba"
               "c xyz");
      bad += norm_differs(b.data, b.len);
      bad += norm_differs(b.data, (size_t)pre + 1); /* the text ends there */
    }
  CHECK(bad == 0);
  buf_free(&b);
}

/* ---- 4. the JSON writer ---- */

/* A document of three figures (texts "5", "6", "7") in one sentence:
** shared (one copy) or not. */
static doc *figures_doc(int shared) {
  doc *d = doc_new("x.txt");
  const char *sent = "Gi\xc3\xa1 \"5\" t\\\xe1\xbb\xb7 \x01\t\xff ng\xc3\xa0y.";
  char *one = doc_str(d, sent, strlen(sent));
  for (int i = 0; i < 3; i++) {
    doc_figure f;
    memset(&f, 0, sizeof f);
    char v = (char)('5' + i);
    f.text = doc_str(d, &v, 1); /* a column whose strings differ */
    f.value = 5 + i;
    f.unit = i == 1 ? NULL : one; /* another column with the same copy */
    f.sentence = shared ? one : doc_str(d, sent, strlen(sent));
    VEC_PUSH(d->figures, f);
  }
  return d;
}

/* Is every byte of s an ASCII letter or '_'? */
static int plain_key(const char *s) {
  for (; *s; s++)
    if (!((*s >= 'a' && *s <= 'z') || *s == '_')) return 0;
  return 1;
}

static void test_json_repeat(void) {
  doc *a = figures_doc(1), *b = figures_doc(0);
  buf ja, jb;
  buf_init(&ja), buf_init(&jb);
  doc_to_json(a, &ja);
  doc_to_json(b, &jb);
  CHECK(ja.len == jb.len && memcmp(ja.data, jb.data, ja.len) == 0);
  CHECK(strstr(ja.data, "\\\"5\\\" t\\\\") != NULL); /* it was escaped */
  CHECK(strstr(ja.data, "{\"text\":\"7\",") != NULL);
  buf_free(&ja), buf_free(&jb);
  doc_free(a), doc_free(b);
  int plain = 1;
  for (size_t k = 0; k < FK__COUNT; k++) {
    plain &= plain_key(fact_kinds[k].json);
    for (size_t c = 0; c < fact_kinds[k].ncols; c++)
      if (fact_kinds[k].cols[c].json)
        plain &= plain_key(fact_kinds[k].cols[c].json);
  }
  CHECK(plain);
}

int main(void) {
  printf("test_parse_speed: speed shortcuts against their slow paths\n");
  test_run_scanner();
  test_bad_filter();
  test_norm_space();
  test_json_repeat();
  return check_done();
}
