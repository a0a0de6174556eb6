/*
** text_tok_run.h — the tokenizer's fast path, inline (text_tok.c's own,
** and xtok.c's: the extractors tokenize every sentence of a document, and
** a call per token cost them about 2 % of a parse). text_tok_at_run is
** text_tok_at_cp; the rare run that is not plain lower case goes to
** text_tok_run_all (text_tok.c). Include after text.h.
*/
#ifndef TINSH_TEXT_TOK_RUN_H
#define TINSH_TEXT_TOK_RUN_H

#include "text.h"
#include "util.h"

/* scan_run's general case (text_tok.c, out of line): the run of word
** characters from s[i], whose first code point (k0 bytes) has class bits
** c; sets t->flags and returns the run's end. */
size_t text_tok_run_all(const char *s, size_t n, size_t i, unsigned c, int k0,
                        text_tok *t);

/* Class bits of the code point at s[i] (0 past the end); its length. */
static inline unsigned class_at(const char *s, size_t n, size_t i, int *len) {
  int32_t cp;
  if (i >= n) return *len = 0, 0;
  *len = text_decode(s + i, n - i, &cp);
  return text_class(cp);
}

/* 0x80 in each byte of w that is an ASCII byte in lo..hi (1 <= lo <= hi
** < 0x80), 0 in the others (no carry crosses a byte). */
static inline uint64_t ascii_in(uint64_t w, unsigned lo, unsigned hi) {
  const uint64_t hb = UTIL_ONES * 0x80, t = w & (UTIL_ONES * 0x7F);
  uint64_t ge = (t + UTIL_ONES * (0x80 - lo)) & hb;
  uint64_t gt = (t + UTIL_ONES * (0x7F - hi)) & hb;
  return ge & ~gt & ~w & hb;
}

/*
** How many of the 8 bytes at u (a code point starts at u[0]) are whole,
** valid code points that are word characters of these kinds: ASCII
** letters and digits, two-byte letters led by C3 (but × and ÷), C4, C5 or
** C6 (U+00C0..U+01BF), marks led by CC (U+0300..U+033F) and three-byte
** letters E1 B8..BB xx (U+1E00..U+1EFF, all of Vietnamese's). *dig: a
** digit among them; *end: an ASCII byte that is no letter or digit (never
** a word character) comes right after them, so the run ends there. The
** letters' case is not looked at: scan_run asks only once the run holds a
** letter that is not upper case, when case no longer changes its flags.
*/
static inline size_t plain_run8(const unsigned char *u, int *dig, int *end) {
  const uint64_t hb = UTIL_ONES * 0x80;
  uint64_t w = util_load8(u);
  uint64_t alpha = ascii_in(w | UTIL_ONES * 0x20, 'a', 'z');
  uint64_t digit = ascii_in(w, '0', '9');
  uint64_t cont = util_byte_eq(w, 0xC0, 0x80);
  uint64_t c3 = util_byte_eq(w, 0xFF, 0xC3);
  uint64_t l2 = c3 | util_byte_eq(w, 0xFE, 0xC4) | util_byte_eq(w, 0xFF, 0xC6) |
                util_byte_eq(w, 0xFF, 0xCC);
  uint64_t l3 = util_byte_eq(w, 0xFF, 0xE1) & util_byte_eq(w, 0xFC, 0xB8) >> 8;
  uint64_t sign =
      c3 & (util_byte_eq(w, 0xFF, 0x97) | util_byte_eq(w, 0xFF, 0xB7)) >> 8;
  uint64_t need = (l2 | l3) << 8 | l3 << 16; /* where a continuation must be */
  uint64_t bad =
      (~(alpha | digit | cont | l2 | l3) & hb) | (need ^ cont) | sign;
  size_t p = bad ? (size_t)__builtin_ctzll(bad) >> 3 : 8, cut = p;
  /* a sequence still open before p is not whole: stop at its lead */
  if (cut >= 1 && ((l2 | l3) >> (8 * cut - 1) & 1))
    cut--;
  else if (cut >= 2 && (l3 >> (8 * cut - 9) & 1))
    cut -= 2;
  uint64_t keep = cut == 8 ? ~0ull : (1ull << (8 * cut)) - 1;
  *dig = (digit & keep) != 0;
  *end = cut == p && p < 8 && !(u[p] & 0x80);
  return cut;
}

#ifdef __SSE2__

/* 1 in bit j for each byte j of w in lo..hi (unsigned, lo <= hi). */
static inline __m128i bytes_in16(__m128i w, int lo, int hi) {
  __m128i d = _mm_sub_epi8(w, _mm_set1_epi8((char)lo));
  return _mm_cmpeq_epi8(_mm_min_epu8(d, _mm_set1_epi8((char)(hi - lo))), d);
}

/*
** plain_run8 over the 16 bytes at u (SSE2, a bit per byte rather than a
** byte per byte): the same kinds of word characters, the same *dig and
** *end, the same answer for any input; sixteen bytes a step, so that a
** word of lower-case letters is passed in one step.
*/
static inline size_t plain_run16(const unsigned char *u, int *dig, int *end) {
  __m128i w = _mm_loadu_si128((const __m128i *)(const void *)u);
  __m128i d = bytes_in16(w, '0', '9');
  unsigned digit = (unsigned)_mm_movemask_epi8(d);
  unsigned alnum = (unsigned)_mm_movemask_epi8(_mm_or_si128(
      d, bytes_in16(_mm_or_si128(w, _mm_set1_epi8(0x20)), 'a', 'z')));
  unsigned cont = util_bytes_eq16(w, 0xC0, 0x80),
           c3 = util_bytes_eq16(w, 0xFF, 0xC3);
  unsigned l2 = c3 | util_bytes_eq16(w, 0xFE, 0xC4) |
                util_bytes_eq16(w, 0xFF, 0xC6) | util_bytes_eq16(w, 0xFF, 0xCC);
  unsigned l3 =
      util_bytes_eq16(w, 0xFF, 0xE1) & util_bytes_eq16(w, 0xFC, 0xB8) >> 1;
  unsigned sign =
      c3 & util_bytes_eq16(w, 0xDF, 0x97) >> 1; /* × ÷: C3 97, C3 B7 */
  unsigned need = (l2 | l3) << 1 | l3 << 2; /* where a continuation must be */
  unsigned bad = ((~(alnum | cont | l2 | l3) | (need ^ cont) | sign) & 0xFFFFu);
  size_t p = bad ? (size_t)__builtin_ctz(bad) : 16, cut = p;
  /* a sequence still open before p is not whole: stop at its lead */
  if (cut >= 1 && ((l2 | l3) >> (cut - 1) & 1))
    cut--;
  else if (cut >= 2 && (l3 >> (cut - 2) & 1))
    cut -= 2;
  *dig = (digit & ((1u << cut) - 1)) != 0;
  *end = cut == p && p < 16 && !(u[p] & 0x80);
  return cut;
}
#endif

/* scan_run_all, with the common case first and inline: a word that
** starts with a lower-case letter, or with an upper-case one and then a
** lower-case one ("Hà"), and ends, ASCII punctuation or space after it,
** within the next sixteen bytes (one plain_run16 step). Its flags are then
** known: the first letter's case, letters, a digit seen; never capitals.
** Else scan_run_all from the start. */
static inline size_t scan_run(const char *s, size_t n, size_t i, unsigned c,
                              int k0, text_tok *t) {
#ifdef __SSE2__
  const unsigned lu = TEXT_LETTER | TEXT_UPPER;
  size_t j = i + (size_t)k0;
  unsigned all = c, low = (c & lu) == TEXT_LETTER; /* a lower-case letter */
  if ((c & lu) == lu && j < n) { /* the second code point, lower case? */
    int k = 1;
    unsigned c2 = (unsigned char)s[j] < 0x80
                      ? text_ascii_class_[(unsigned char)s[j]]
                      : class_at(s, n, j, &k);
    low = (c2 & lu) == TEXT_LETTER;
    all |= c2, j += (size_t)k;
  }
  if (low && j + 16 <= n) {
    int dig, end;
    size_t m = plain_run16((const unsigned char *)s + j, &dig, &end);
    if (end) {
      t->flags = ((all & TEXT_UPPER) ? TEXT_TOKF_UPPER : 0) |
                 TEXT_TOKF_LETTERS |
                 ((dig || (all & TEXT_DIGIT)) ? TEXT_TOKF_DIGITS : 0);
      return j + m;
    }
  }
#endif
  return text_tok_run_all(s, n, i, c, k0, t);
}

/* text_tok_at once the first code point cp (k bytes) is decoded. */
static inline size_t text_tok_at_run(const char *s, size_t n, size_t i,
                                     int32_t cp, int k, text_tok *t) {
  unsigned c = text_class(cp);
  t->off = i, t->cp = cp, t->flags = 0;
  if ((c & TEXT_WORD) && !(c & TEXT_MARK)) {
    t->kind = (c & TEXT_DIGIT) ? TEXT_TOK_NUMBER : TEXT_TOK_WORD;
    size_t e = scan_run(s, n, i, c, k, t);
    t->len = e - i;
    return e;
  }
  t->kind = TEXT_TOK_PUNCT;
  t->len = (size_t)k;
  return i + (size_t)k;
}

#endif
