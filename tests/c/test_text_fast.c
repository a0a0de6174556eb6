/*
** test_text_fast.c — the parser's byte-level fast paths against their
** general (slow) paths, on generated tricky text, so that a later change
** to one cannot silently diverge from the other.
** Plan:
**  1. text_normalize (fast_run, eight bytes a step: ASCII runs, single
**     spaces, Latin-1 and Vietnamese letters copied as bytes) gives the
**     same text and the same statistics as text_normalize_ref (every code
**     point through the general path) on random mixes of ASCII,
**     Vietnamese NFC and NFD, Latin-1 letters Vietnamese does not use,
**     other U+1xxx letters and marks, detached and doubled marks,
**     entities, white space of every kind, C0/C1 controls, invalid and
**     truncated UTF-8, VNI/TCVN3 mojibake and 4-byte characters; on every
**     code point below U+3000 between letters; and on single-byte and
**     UTF-16 files.
**  2. text_bad_syllables (eight bytes a step to the next space) counts the
**     same words and impossible syllables as the sum over its words taken
**     one at a time (the byte-at-a-time tail), whatever their alignment,
**     and as text_bad_syllables_ref (final consonants read one by one, not
**     by the three-byte first look).
**  3. the tokenizer's flags (gathered without a branch per code point)
**     equal a per-code-point reference over text_class_slow, and
**     text_tok_at_cp (first code point decoded by the caller, as xtok.c
**     does) gives the token text_tok_at gives.
**  4. buf_add_json_str (eight bytes a step over plain ASCII and
**     well-formed 2- and 3-byte sequences, byte by byte elsewhere) writes
**     what a per-code-point reference writes, invalid bytes as \ufffd
**     included, with an odd byte or sequence at every offset and the text
**     cut at every length near its end; buf_add_json_utf8 (valid UTF-8,
**     escapes looked for sixteen bytes a step) writes what it writes.
**  5. the single-byte verdict (text_legacy_decode: valid sequences passed
**     eight bytes a step) equals a one-code-point-at-a-time count on
**     random mixes of valid, overlong, surrogate, cut and Latin-1 bytes,
**     short and past the 4096-sequence cap.
*/
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "check.h"
#include "text.h"
#include "text_check.h"
#include "text_int.h"
#include "util.h"

static uint64_t rng = 0x9E3779B97F4A7C15ull;

static unsigned rnd(unsigned n) {
  return check_rnd(&rng, n);
}

/* Pieces of tricky text (C strings; "\x01" stands for a NUL-free C0). */
static const char *const pieces[] = {"a",
                                     "b",
                                     "Nam",
                                     "người",
                                     "Việt",
                                     "ĐẢNG",
                                     "đ",
                                     "ă",
                                     "ơ",
                                     "ư",
                                     "ĩ",
                                     "ũ",
                                     "Ũ",
                                     "Ơ",
                                     "Ư",
                                     "Ă",
                                     "Đ",
                                     " ",
                                     " ",
                                     " ",
                                     "  ",
                                     "\t",
                                     "\n",
                                     "\r\n",
                                     "\r",
                                     "\xc2\xa0",
                                     "\xe2\x80\x8b",
                                     "\xef\xbb\xbf",
                                     "\xc2\xad",
                                     "&",
                                     "&amp;",
                                     "&amp;nbsp;",
                                     "&nbsp",
                                     "&nbsp;",
                                     "&#7871;",
                                     "&#x1EA1;",
                                     "&#150;",
                                     "TT&TT;",
                                     "GD&\xc4\x90T;",
                                     "&bogus;",
                                     "e\xcc\xa3\xcc\x82",
                                     "o\xcc\x9b\xcc\x80",
                                     " \xcc\x80",
                                     "thi \xcc\xa3tr",
                                     "\xcc\x81\xcc\x81",
                                     "\xc3\xa4",
                                     "\xc3\x9f",
                                     "\xc3\xb0",
                                     "\xc3\xbe",
                                     "\xc3\xa0",
                                     "\xc3\x80",
                                     "\xc2\xbf",
                                     "\xc2\xa9",
                                     "\xc5\x93",
                                     "\xc6\xa0",
                                     "\xc6\xaf",
                                     "\xc6\xb0",
                                     "\xc6\x80",
                                     "\xc7\x80",
                                     "\xe1\xba\x80",
                                     "\xe1\xba\x9f",
                                     "\xe1\xba\xa0",
                                     "\xe1\xbb\xb9",
                                     "\xe1\xbb\xba",
                                     "\xe1\xbc\x80",
                                     "\xe1\xb8\x80",
                                     "o\xe1\xb7\x80\xe1\xb7\x80x",
                                     "abcdefgh",
                                     "\xe2\x80\x9c",
                                     "\xe2\x80\xa6",
                                     "\xe2\x80\xa8",
                                     "\xf0\x9f\x98\x80",
                                     "\xff",
                                     "\xc3",
                                     "\xe1\xbb",
                                     "\xe1",
                                     "\xc0\x80",
                                     "\xed\xa0\x80",
                                     "\xf4\x90\x80\x80",
                                     "\x80",
                                     "\x01",
                                     "\x7f",
                                     "\xc2\x85",
                                     "Vi\xd6\xe4t",
                                     "To\xe0n",
                                     "ch\xd6\xf9"
                                     "c",
                                     "ho\xe0",
                                     "c\xa8\xa8"
                                     "a",
                                     ".",
                                     ",",
                                     "\"",
                                     "\\",
                                     "'",
                                     "(",
                                     ")",
                                     "5.000",
                                     "57,7",
                                     "3km",
                                     "Km11",
                                     "HĐND",
                                     "QH13",
                                     "\xe1\x85\xa0",
                                     "\xe3\x80\x80"};

/* A random mix of pieces into b. */
static void mix(buf *b, size_t count) {
  buf_reset(b);
  size_t np = sizeof pieces / sizeof *pieces;
  for (size_t i = 0; i < count; i++) buf_adds(b, pieces[rnd((unsigned)np)]);
}

/* text_normalize and text_normalize_ref agree on s[0..n). */
static int same_norm(const char *s, size_t n) {
  return check_norm_agree(s, n, text_normalize, text_normalize_ref);
}

static void test_normalize(void) {
  buf b;
  buf_init(&b);
  int bad = 0;
  for (int r = 0; r < 3000; r++) {
    mix(&b, 1 + rnd(60));
    bad += !same_norm(b.data, b.len);
  }
  CHECK(bad == 0);
  /* every code point below U+3000 inside and between words */
  bad = 0;
  for (int32_t cp = 1; cp < 0x3000; cp++) {
    if (cp >= 0xD800 && cp <= 0xDFFF) continue;
    char e[4];
    int k = text_utf8_encode(cp, e);
    buf_reset(&b);
    buf_adds(&b, "ab");
    buf_add(&b, e, (size_t)k);
    buf_adds(&b, "c d ");
    buf_add(&b, e, (size_t)k);
    buf_adds(&b, " Vi\xe1\xbb\x87t ");
    buf_add(&b, e, (size_t)k);
    bad += !same_norm(b.data, b.len);
  }
  CHECK(bad == 0);
  /* single-byte (Windows-1252/1258) and UTF-16 files */
  static const char cp1258[] =
      "Vi\xd2\xea\xf2t Nam \xf0\xe3 c\xf3 \xe1 "
      "Ti\xea\xecng Vi\xea\xf2t \xa9 \x96 x\xe3";
  CHECK(same_norm(cp1258, sizeof cp1258 - 1));
  static const char u16[] = "\xff\xfeV\0i\0\xc7\x1e t\0 \0\n\0\x00\xd8";
  CHECK(same_norm(u16, sizeof u16 - 1));
  buf_free(&b);
}

static void test_bad_syllables(void) {
  static const char *const words[] = {
      "cơng",  "phịng", "hòc",  "bănh", "người", "được",  "khuynh", "Đăk",
      "công",  "a",     "xyzt", "Việt", "chứcc", "tớiii", "bằng",   "cơng,",
      "bạn",   "cám",   "tiếp", "hợp",  "mạnh",  "sách",  "xuống",  "ăn",
      "lâm",   "tâ",    "tă",   "ươc",  "ịc",    "ơnh",   "ỏch",    "ng",
      "(hòc)", "Ă",     "ẬP",   "ềng",  "ynh",   "ích",   "ổt",     "ơc",
      "ỹt",    "ăm",    "ĂNG",  "ÂCH",  "tm",    "x",     "\"ịt\"", "5ăc"};
  buf b;
  buf_init(&b);
  int bad = 0, diff = 0;
  size_t fired = 0;
  for (int r = 0; r < 2000; r++) {
    buf_reset(&b);
    size_t want_bad = 0, want_seen = 0, nw = 1 + rnd(30);
    for (size_t i = 0; i < nw; i++) {
      const char *w = words[rnd(sizeof words / sizeof *words)];
      size_t seen;
      want_bad += text_bad_syllables(w, strlen(w), NULL, 0, &seen);
      want_seen += seen;
      buf_adds(&b, w);
      if (i + 1 < nw) buf_addc(&b, ' ');
    }
    size_t seen, got = text_bad_syllables(b.data, b.len, NULL, 0, &seen);
    bad += got != want_bad || seen != want_seen;
    size_t rseen, ref = text_bad_syllables_ref(b.data, b.len, &rseen);
    diff += ref != got || rseen != seen;
    fired += got;
  }
  CHECK(bad == 0);
  CHECK(diff == 0);
  CHECK(fired > 0); /* the mix does hold impossible syllables */
  buf_free(&b);
}

static void test_tok_flags(void) {
  buf b;
  buf_init(&b);
  int bad = 0;
  for (int r = 0; r < 2000; r++) {
    mix(&b, 1 + rnd(40));
    size_t pos = 0, end;
    text_tok t;
    while (text_tok_next(b.data, b.len, &pos, &t)) {
      unsigned f = ref_tok_flags(b.data, b.len, t.off, &end);
      bad +=
          (t.flags & ~(unsigned)TEXT_TOKF_SPACE) != f || t.off + t.len != end;
      int32_t cp; /* text_tok_at_cp, handed the first code point, agrees */
      int k = text_decode(b.data + t.off, b.len - t.off, &cp);
      text_tok u;
      size_t e = text_tok_at_cp(b.data, b.len, t.off, cp, k, &u);
      bad += e != end || u.len != t.len || u.kind != t.kind || u.cp != t.cp ||
             u.flags != (t.flags & ~(unsigned)TEXT_TOKF_SPACE);
    }
  }
  CHECK(bad == 0);
  buf_free(&b);
}

/* JSON string of s[0..n), one code point at a time with utf8proc. */
static void ref_json(buf *b, const char *s, size_t n) {
  buf_addc(b, '"');
  for (size_t i = 0; i < n;) {
    utf8proc_int32_t cp;
    utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)s + i,
                                          (utf8proc_ssize_t)(n - i), &cp);
    if (k <= 0) {
      buf_adds(b, "\\ufffd"), i++;
      continue;
    }
    if (cp == '"' || cp == '\\') {
      buf_addc(b, '\\'), buf_addc(b, (char)cp);
    } else if (cp == '\n') {
      buf_adds(b, "\\n");
    } else if (cp == '\r') {
      buf_adds(b, "\\r");
    } else if (cp == '\t') {
      buf_adds(b, "\\t");
    } else if (cp < 0x20) {
      buf_printf(b, "\\u%04x", (unsigned)cp);
    } else {
      buf_add(b, s + i, (size_t)k);
    }
    i += (size_t)k;
  }
  buf_addc(b, '"');
}

static void test_json(void) {
  buf b, x, y;
  buf_init(&b), buf_init(&x), buf_init(&y);
  int bad = 0;
  for (int r = 0; r < 3000; r++) {
    mix(&b, rnd(50));
    buf_reset(&x), buf_reset(&y);
    buf_add_json_str(&x, b.data ? b.data : "", b.len);
    ref_json(&y, b.data ? b.data : "", b.len);
    bad += x.len != y.len || memcmp(x.data, y.data, x.len) != 0;
  }
  CHECK(bad == 0);
  /* one odd byte or sequence at every offset of valid text (all word
  ** alignments, sequences cut by the end, leads the fast path refuses) */
  static const char *const odd[] = {
      "\xff",         "\"",           "\\",           "\n",
      "\x01",         "\xc3",         "\xe1\xbb",     "\xe0\xa0\x80",
      "\xed\x9f\xbf", "\xed\xa0\x80", "\xe0\x80\x80", "\xf0\x9f\x98\x80",
      "\xc1\xbf",     "\x80",         "\x7f"};
  static const char text[] = "Người Việt ở Hà Nội đã được ăn phở bò";
  bad = 0;
  for (size_t o = 0; o < sizeof odd / sizeof *odd; o++)
    for (size_t at = 0; at <= sizeof text - 1; at++) {
      buf_reset(&b), buf_reset(&x), buf_reset(&y);
      buf_add(&b, text, at);
      buf_adds(&b, odd[o]);
      buf_adds(&b, text + at);
      for (size_t cut = b.len; cut + 12 > b.len && cut > 0; cut--) {
        buf_reset(&x), buf_reset(&y);
        buf_add_json_str(&x, b.data, cut);
        ref_json(&y, b.data, cut);
        bad += x.len != y.len || memcmp(x.data, y.data, x.len) != 0;
      }
    }
  CHECK(bad == 0);
  /* buf_add_json_utf8 (valid UTF-8 only) writes what buf_add_json_str
  ** writes: random valid mixes, normalised so every byte is valid, with
  ** an escape at every offset and the text cut at every length (the
  ** sixteen- and eight-byte steps end at every alignment) */
  bad = 0;
  for (int r = 0; r < 3000; r++) {
    mix(&b, rnd(50));
    size_t n;
    char *t = text_normalize(b.data ? b.data : "", b.len, &n, NULL);
    size_t cut = n ? rnd((unsigned)n + 1) : 0;
    while (cut < n && ((unsigned char)t[cut] & 0xC0) == 0x80) cut--;
    buf_reset(&x), buf_reset(&y);
    buf_add_json_utf8(&x, t, cut);
    buf_add_json_str(&y, t, cut);
    bad += x.len != y.len || memcmp(x.data, y.data, x.len) != 0;
    free(t);
  }
  static const char *const esc[] = {"\"", "\\", "\n", "\x01", "\x1f", "\t"};
  for (size_t o = 0; o < sizeof esc / sizeof *esc; o++)
    for (size_t at = 0; at <= sizeof text - 1; at++)
      if (at == 0 || ((unsigned char)text[at] & 0xC0) != 0x80) {
        buf_reset(&b);
        buf_add(&b, text, at);
        buf_adds(&b, esc[o]);
        buf_adds(&b, text + at);
        for (size_t cut = 0; cut <= b.len; cut++) {
          if (cut < b.len && ((unsigned char)b.data[cut] & 0xC0) == 0x80)
            continue; /* a whole sequence or none */
          buf_reset(&x), buf_reset(&y);
          buf_add_json_utf8(&x, b.data, cut);
          buf_add_json_str(&y, b.data, cut);
          bad += x.len != y.len || memcmp(x.data, y.data, x.len) != 0;
        }
      }
  CHECK(bad == 0);
  buf_free(&b), buf_free(&x), buf_free(&y);
}

/* The single-byte verdict one code point at a time: over the first 64 KB,
** the first 4096 non-ASCII sequences, many more bad than good. */
static int ref_single_byte(const char *s, size_t n) {
  size_t good = 0, bad = 0, lim = n < 65536 ? n : 65536;
  for (size_t i = 0; i < lim && good + bad < 4096;) {
    if ((unsigned char)s[i] < 0x80) {
      i++;
      continue;
    }
    int32_t cp;
    i += (size_t)text_utf8_decode(s + i, n - i, &cp);
    if (cp < 0)
      bad++;
    else
      good++;
  }
  return bad >= 4 && bad > good * 4;
}

static void test_single_byte(void) {
  static const char *const bytes[] = {
      "a",        "b c",          "\xe1\xbb\x87", "\xc3\xa0",
      "\xc6\xb0", "\xe0\xa0\x80", "\xed\x9f\xbf", "\xf0\x9f\x98\x80",
      "\xe9",     "\xf2",         "\xd2\xea",     "\x80",
      "\xc0\x80", "\xed\xa0\x80", "\xe1\xbb",     "\xc3",
      "\xff",     "12345678"};
  buf b;
  buf_init(&b);
  int bad = 0, yes = 0;
  for (int r = 0; r < 3000; r++) {
    buf_reset(&b);
    unsigned bias = rnd(18), count = 1 + rnd(r % 10 ? 300 : 6000);
    for (unsigned i = 0; i < count; i++)
      buf_adds(&b, bytes[rnd(2) ? bias : rnd(18)]);
    const unsigned char *u = (const unsigned char *)b.data;
    if (b.len >= 2 && (u[0] == 0xEF || u[0] == 0xFF || u[0] == 0xFE))
      continue; /* a byte-order mark decides instead */
    text_stats st;
    size_t n;
    free(text_normalize(b.data, b.len, &n, &st));
    int want = ref_single_byte(b.data, b.len);
    bad += st.cp1252 != want;
    yes += want;
  }
  CHECK(bad == 0);
  CHECK(yes > 0); /* both verdicts were met */
  buf_free(&b);
}

int main(void) {
  printf("test_text_fast: fast paths against slow paths\n");
  test_normalize();
  test_bad_syllables();
  test_tok_flags();
  test_json();
  test_single_byte();
  return check_done();
}
