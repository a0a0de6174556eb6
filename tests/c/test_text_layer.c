/*
** test_text_layer.c — the text layer's decoder, class table, folds and
** tokenizer (text.h, text_tok.h).
** Plan:
**   1. decoder: every invalid form (stray continuation, overlong 2/3/4
**      bytes, surrogates, > U+10FFFF, truncated sequences, F5..FF) gives
**      -1 with length 1; valid 1..4-byte forms decode; text_decode (the
**      inline path) agrees with text_utf8_decode on every 1..3-byte
**      pattern and on a sample of 4-byte ones.
**   2. classes: the table agrees with text_class_slow (utf8proc) for
**      every BMP code point and a few above; combining marks are TEXT_MARK
**      and not letters; đ/Đ/ư/ơ are letters with their case; spaces.
**   3. folds: case fold and accent fold of Vietnamese (Đ, Ư, Ơ, tones),
**      precomposed and combining input fold alike, ß -> ss, idempotence,
**      invalid bytes kept, text_fold_alloc refuses invalid UTF-8, "does
**      not fit" returns 0; text_fold_alloc (its table path, utf8proc
**      behind it) equals utf8proc's own fold (+ đ -> d) for every code
**      point below U+3000 alone, before 'x' and before a combining mark,
**      and for Vietnamese words in both cases.
**   4. tokenizer: kinds, spans and flags of a mixed line; every byte is
**      white space or inside exactly one token; a stray mark and an
**      invalid byte are punctuation; compounds ("20-NQ/TU", "5.000",
**      "57,7", "a.b", a trailing '.').
*/
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "check.h"
#include "text.h"

/* decode s (n bytes) with both decoders; they must agree */
static int32_t dec(const char *s, size_t n, int *len) {
  int32_t a, b;
  int la = text_utf8_decode(s, n, &a), lb = text_decode(s, n, &b);
  CHECK(a == b && la == lb);
  *len = la;
  return a;
}

static void test_decoder(void) {
  static const char *bad[] = {"\x80",
                              "\xBF",
                              "\xC0\xAF",
                              "\xC1\xBF",
                              "\xE0\x80\xAF",
                              "\xE0\x9F\xBF",
                              "\xF0\x80\x80\xAF",
                              "\xF0\x8F\xBF\xBF",
                              "\xED\xA0\x80",
                              "\xED\xBF\xBF",
                              "\xF4\x90\x80\x80",
                              "\xF5\x80\x80\x80",
                              "\xFF",
                              "\xC3",
                              "\xE1\xBB",
                              "\xF0\x9F\x98",
                              "\xC3\x41",
                              "\xE1\x41\x80",
                              NULL};
  for (int i = 0; bad[i]; i++) {
    int len;
    CHECK(dec(bad[i], strlen(bad[i]), &len) == -1 && len == 1);
  }
  int len;
  CHECK(dec("A", 1, &len) == 'A' && len == 1);
  CHECK(dec("\xC4\x91", 2, &len) == 0x111 && len == 2);           /* đ */
  CHECK(dec("\xE1\xBB\xB1", 3, &len) == 0x1EF1 && len == 3);      /* ự */
  CHECK(dec("\xED\x9F\xBF", 3, &len) == 0xD7FF && len == 3);      /* last */
  CHECK(dec("\xF0\x9F\x98\x80", 4, &len) == 0x1F600 && len == 4); /* 😀 */
  CHECK(dec("\xF4\x8F\xBF\xBF", 4, &len) == 0x10FFFF && len == 4);
  /* every 1..3-byte pattern with continuation-ish bytes: both agree */
  unsigned char b[3];
  for (int c0 = 0x80; c0 < 0x100; c0++)
    for (int c1 = 0x70; c1 < 0xC8; c1 += 3)
      for (int c2 = 0x70; c2 < 0xC8; c2 += 7) {
        b[0] = (unsigned char)c0, b[1] = (unsigned char)c1;
        b[2] = (unsigned char)c2;
        for (size_t n = 1; n <= 3; n++) dec((const char *)b, n, &len);
      }
  char e[4];
  CHECK(text_utf8_encode(0xD800, e) == 3 && memcmp(e, "\xEF\xBF\xBD", 3) == 0);
  CHECK(text_utf8_valid("Đảng", strlen("Đảng")));
  CHECK(!text_utf8_valid("a\xC0\x80", 3));
}

static void test_classes(void) {
  int bad = 0;
  for (int32_t cp = 0; cp < 0x10000; cp++)
    if (text_class(cp) != text_class_slow(cp)) bad++;
  CHECK(bad == 0);
  for (int32_t cp = 0x10000; cp < 0x10400; cp++)
    if (text_class(cp) != text_class_slow(cp)) bad++;
  CHECK(bad == 0);
  CHECK(text_class(-1) == 0 && text_class(0x110000) == 0);
  /* combining marks: a class of their own, never letters */
  static const int32_t marks[] = {0x300, 0x301, 0x303, 0x309, 0x323, 0x31B};
  for (size_t i = 0; i < sizeof marks / sizeof *marks; i++) {
    CHECK(text_class(marks[i]) == TEXT_MARK);
    CHECK(!text_is_letter(marks[i]));
  }
  CHECK(text_is_letter(0x111) && text_is_lower(0x111));  /* đ */
  CHECK(text_is_letter(0x110) && text_is_upper(0x110));  /* Đ */
  CHECK(text_is_lower(0x1B0) && text_is_upper(0x1AF));   /* ư Ư */
  CHECK(text_is_lower(0x1A1) && text_is_upper(0x1A0));   /* ơ Ơ */
  CHECK(text_is_upper(0x1EE8) && text_is_lower(0x1EE9)); /* Ứ ứ */
  CHECK(text_class('7') == TEXT_DIGIT && text_class(0x661) == TEXT_DIGIT);
  CHECK(text_class(0xB2) == TEXT_NUMERIC && text_class(0xBD) == TEXT_NUMERIC);
  CHECK(text_class(0xD7) == 0 && text_class(0x2013) == 0); /* × – */
  static const int32_t spaces[] = {' ',    '\t',   '\n',   '\r',   0xA0,
                                   0x2009, 0x202F, 0x3000, 0x200B, 0xFEFF};
  for (size_t i = 0; i < sizeof spaces / sizeof *spaces; i++)
    CHECK(text_class(spaces[i]) == TEXT_SPACE);
}

/* fold s into a static buffer */
static const char *fold(const char *s, int accents) {
  static char out[256];
  size_t n = text_fold(out, sizeof out, s, strlen(s), accents);
  return n || !*s ? out : "(no fit)";
}

static void test_folds(void) {
  CHECK_STR(fold("Đảng Cộng Sản", TEXT_FOLD_CASE), "đảng cộng sản");
  CHECK_STR(fold("Đảng Cộng Sản", TEXT_FOLD_ACCENTS), "dang cong san");
  CHECK_STR(fold("ƯỚC TÍNH ƠN", TEXT_FOLD_CASE), "ước tính ơn");
  CHECK_STR(fold("ƯỚC TÍNH ƠN", TEXT_FOLD_ACCENTS), "uoc tinh on");
  CHECK_STR(fold("đ Đ", TEXT_FOLD_ACCENTS), "d d");
  /* combining input folds as its precomposed form */
  CHECK_STR(fold("Vie\xCC\xA3\xCC\x82t", TEXT_FOLD_CASE), "việt");
  CHECK_STR(fold("VIE\xCC\x82\xCC\xA3T", TEXT_FOLD_CASE), "việt");
  CHECK_STR(fold("u\xCC\x9B\xCC\x81", TEXT_FOLD_CASE), "ứ");
  CHECK_STR(fold("U\xCC\x9B\xCC\x81", TEXT_FOLD_ACCENTS), "u");
  CHECK_STR(fold("Straße", TEXT_FOLD_CASE), "strasse");
  CHECK_STR(fold("a\xFF"
                 "B",
                 TEXT_FOLD_CASE),
            "a\xFF"
            "b"); /* kept */
  const char *w[] = {"Móng Cái", "HĐND", "ǅ", "Ǆ", "İstanbul", "ΣΑΣ", NULL};
  for (int i = 0; w[i]; i++)
    for (int a = 0; a <= 1; a++) {
      char once[64];
      strcpy(once, fold(w[i], a));
      CHECK_STR(fold(once, a), once); /* idempotent */
    }
  char small[4];
  CHECK(text_fold(small, sizeof small, "Đảng", strlen("Đảng"), 0) == 0);
  size_t n;
  char *t = text_fold_alloc("Ứng", strlen("Ứng"), TEXT_FOLD_ACCENTS, &n);
  CHECK(t && n == 3 && memcmp(t, "ung", 3) == 0);
  free(t);
  CHECK(text_fold_alloc("a\xC0", 2, TEXT_FOLD_CASE, &n) == NULL);
  /* text_fold's ASCII shortcut against the full fold, byte by byte and
  ** before a combining mark (NFD: the whole text goes the slow way) */
  for (int c = 1; c < 0x80; c++)
    for (int a = 0; a <= 1; a++) {
      char in[8] = {(char)c, 'x', 0}, got[16];
      size_t k = text_fold(got, sizeof got, in, 2, a);
      char *want = text_fold_alloc(in, 2, a, &n);
      CHECK(want && k == n && memcmp(got, want, n) == 0);
      free(want);
      memcpy(in + 1, "\xCC\x81", 3); /* c + U+0301 */
      k = text_fold(got, sizeof got, in, 3, a);
      want = text_fold_alloc(in, 3, a, &n);
      CHECK(want && k == n && memcmp(got, want, n) == 0);
      free(want);
    }
  CHECK(text_fold_cp(0x110) == 0x111 && text_fold_cp('Q') == 'q');
  CHECK(text_fold_cp(0xDF) == 0xDF); /* ß folds to two: stays */
}

/* The fold of s[0..n) as utf8proc makes it (the oracle: text.h's
** definition), with đ -> d for the accent fold; malloc'd. */
static char *oracle_fold(const char *s, size_t n, int accents, size_t *len) {
  utf8proc_uint8_t *out = NULL;
  utf8proc_option_t o = UTF8PROC_COMPOSE | UTF8PROC_CASEFOLD | UTF8PROC_STABLE |
                        (accents ? UTF8PROC_STRIPMARK : 0);
  utf8proc_ssize_t m =
      utf8proc_map((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)n, &out, o);
  if (m < 0) return NULL;
  size_t k = 0;
  for (utf8proc_ssize_t i = 0; i < m; i++) {
    if (accents && out[i] == 0xC4 && i + 1 < m && out[i + 1] == 0x91)
      out[k++] = 'd', i++;
    else
      out[k++] = out[i];
  }
  out[k] = 0;
  *len = k;
  return (char *)out;
}

/* text_fold_alloc(s) equals the oracle, both folds; 1 or 0 */
static int fold_alloc_ok(const char *s, size_t n) {
  for (int a = 0; a <= 1; a++) {
    size_t got_n = 0, want_n = 0;
    char *got = text_fold_alloc(s, n, a, &got_n);
    char *want = oracle_fold(s, n, a, &want_n);
    int ok = got && want && got_n == want_n && !memcmp(got, want, got_n) &&
             got[got_n] == 0;
    free(got), free(want);
    if (!ok) return 0;
  }
  return 1;
}

static void test_fold_alloc(void) {
  int bad = 0;
  for (int32_t cp = 1; cp < 0x3000; cp++) {
    if (cp >= 0xD800 && cp < 0xE000) continue;
    char in[16];
    int k = text_utf8_encode(cp, in);
    in[k] = 'x';
    memcpy(in + k + 1, "\xCC\x81", 2); /* cp, 'x', U+0301 */
    if (!fold_alloc_ok(in, (size_t)k) || !fold_alloc_ok(in, (size_t)k + 1) ||
        !fold_alloc_ok(in, (size_t)k + 3) ||
        !fold_alloc_ok(in + k, 3)) /* "x" + mark after nothing */
      bad++;
  }
  CHECK(bad == 0);
  static const char *const words[] = {"Đảng bộ",
                                      "ĐẢNG BỘ",
                                      "Thành phố Hồ Chí Minh",
                                      "ƯU TIÊN",
                                      "Ơn nghĩa",
                                      "nông thôn mới",
                                      "Quảng Ninh",
                                      "tham nhũng",
                                      "Straße",
                                      "ǅemal",
                                      "ΣΊΣΥΦΟΣ",
                                      "Ｆｕｌｌ",
                                      "e\xCC\x82\xCC\x81",
                                      ""};
  for (size_t i = 0; i < sizeof words / sizeof *words; i++)
    CHECK(fold_alloc_ok(words[i], strlen(words[i])));
}

/* tokens of s as "kind:text" joined by '|' */
static const char *toks(const char *s) {
  static char out[512];
  size_t pos = 0, o = 0, n = strlen(s);
  text_tok t;
  while (text_tok_next(s, n, &pos, &t)) {
    o += (size_t)snprintf(
        out + o, sizeof out - o, "%s%c%s:%.*s", o ? "|" : "", "?WNP"[t.kind],
        (t.flags & TEXT_TOKF_SPACE) ? "_" : "", (int)t.len, s + t.off);
  }
  out[o] = 0;
  return out;
}

static void test_tokens(void) {
  CHECK_STR(toks("Hà Nội, 57,7% (HĐND)"),
            "W_:Hà|W_:Nội|P:,|N_:57|P:,|N:7|P:%|P_:(|W:HĐND|P:)");
  CHECK_STR(toks("3km Km11 19A"), "N_:3km|W_:Km11|N_:19A");
  CHECK_STR(toks("30m³ ½"), "N_:30m³|W_:½");
  /* a stray mark, an invalid byte: punctuation */
  CHECK_STR(toks("\xCC\x81"
                 "a \xFF"
                 "b"),
            "P_:\xCC\x81|W:a|P_:\xFF|W:b");
  text_tok t;
  size_t pos = 0;
  const char *s = "HĐND Ơn";
  CHECK(text_tok_next(s, strlen(s), &pos, &t));
  CHECK((t.flags & TEXT_TOKF_CAPS) && (t.flags & TEXT_TOKF_UPPER));
  CHECK(text_tok_next(s, strlen(s), &pos, &t));
  CHECK(!(t.flags & TEXT_TOKF_CAPS) && (t.flags & TEXT_TOKF_UPPER));
  CHECK(!text_tok_next(s, strlen(s), &pos, &t) && pos == strlen(s));
  /* spans cover the input: every byte is space or in exactly one token */
  const char *mix = " Thủ tướng\t(Chính phủ)—“20-NQ/TU”\xE2\x80\x8B 5.000ha ";
  size_t n = strlen(mix), end = 0;
  pos = 0;
  while (text_tok_next(mix, n, &pos, &t)) {
    for (size_t k = end; k < t.off; k++) {
      int32_t cp;
      int l = text_decode(mix + k, n - k, &cp);
      CHECK(text_class(cp) & TEXT_SPACE);
      k += (size_t)l - 1;
    }
    CHECK(t.off >= end && t.len > 0);
    end = t.off + t.len;
  }
  CHECK(end == n - 1);
}

/* the compound at the first token of s, as "whole" + runs */
static const char *comp(const char *s) {
  static char out[256];
  text_compound c;
  text_compound_at(s, strlen(s), 0, &c);
  size_t o = (size_t)snprintf(out, sizeof out, "%.*s d%d s%d", (int)c.end, s,
                              c.digits, c.split);
  for (int k = 0; k < c.nrun && k < TEXT_COMPOUND_MAX; k++)
    o += (size_t)snprintf(out + o, sizeof out - o, " [%.*s]",
                          (int)(c.re[k] - c.rs[k]), s + c.rs[k]);
  return out;
}

static void test_compounds(void) {
  CHECK_STR(comp("20-NQ/TU."), "20-NQ/TU d1 s1 [20] [NQ] [TU]");
  CHECK_STR(comp("5.000 người"), "5.000 d1 s0 [5] [000]");
  CHECK_STR(comp("57,7%"), "57,7 d1 s0 [57] [7]");
  CHECK_STR(comp("a.b"), "a.b d0 s0 [a] [b]");
  CHECK_STR(comp("xã. Sau"), "xã d0 s0 [xã]");
  CHECK_STR(comp("108/2014/NĐ-CP"),
            "108/2014/NĐ-CP d1 s1 [108] [2014] [NĐ] [CP]");
}

int main(void) {
  printf("# text layer: decoder, classes, folds, tokenizer\n");
  test_decoder();
  test_classes();
  test_folds();
  test_fold_alloc();
  test_tokens();
  test_compounds();
  return check_done();
}
