/*
** text_tok.c — the tokenizer (see text_tok.h): level-1 tokens and
** compounds, over the class table of text_utf8.c. One decode and one
** table load per code point; ASCII is decoded inline.
*/
#include "text.h"
#include "util.h"

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

/* The run of word characters from s[i], whose first code point (k0 bytes,
** a word character) has class bits c: sets t->flags and returns the run's
** end. The flags are gathered
** without a branch per code point: the OR of every class, the letter
** count and whether a letter that is not upper case was met. Once such a
** letter was met, only digits can still change the flags: plain_run16
** (SSE2) then passes sixteen bytes a step, plain_run8 eight near the
** text's end. */
static __attribute__((noinline)) size_t scan_run_all(const char *s, size_t n,
                                                     size_t i, unsigned c,
                                                     int k0, text_tok *t) {
  unsigned f = (c & TEXT_UPPER) ? TEXT_TOKF_UPPER : 0, all = c;
  unsigned notup = (c & (TEXT_LETTER | TEXT_UPPER)) == TEXT_LETTER;
  int letters = (int)(c & TEXT_LETTER), k;
  for (i += (size_t)k0;;) {
#ifdef __SSE2__
    if (notup && i + 16 <= n) {
      int dig, end;
      size_t m = plain_run16((const unsigned char *)s + i, &dig, &end);
      i += m;
      if (dig) all |= TEXT_DIGIT;
      if (end) break;
      if (m == 16) continue;
    } else
#endif
        if (notup && i + 8 <= n) {
      int dig, end;
      size_t m = plain_run8((const unsigned char *)s + i, &dig, &end);
      i += m;
      if (dig) all |= TEXT_DIGIT;
      if (end) break;
      if (m == 8) continue;
    }
    if (i < n && (unsigned char)s[i] < 0x80)
      c = text_ascii_class_[(unsigned char)s[i]], k = 1;
    else
      c = class_at(s, n, i, &k);
    if (!(c & TEXT_WORD)) break;
    all |= c;
    letters += (int)(c & TEXT_LETTER);
    notup |= (c & (TEXT_LETTER | TEXT_UPPER)) == TEXT_LETTER;
    i += (size_t)k;
  }
  if (all & TEXT_DIGIT) f |= TEXT_TOKF_DIGITS;
  if (letters) f |= TEXT_TOKF_LETTERS;
  if (letters >= 2 && !notup) f |= TEXT_TOKF_CAPS;
  t->flags = f;
  return i;
}

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
  return scan_run_all(s, n, i, c, k0, t);
}

/* text_tok_at once the first code point cp (k bytes) is decoded. */
static inline size_t tok_at(const char *s, size_t n, size_t i, int32_t cp,
                            int k, text_tok *t) {
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

size_t text_tok_at(const char *s, size_t n, size_t i, text_tok *t) {
  int32_t cp;
  int k = text_decode(s + i, n - i, &cp);
  return tok_at(s, n, i, cp, k, t);
}

size_t text_tok_at_cp(const char *s, size_t n, size_t i, int32_t cp, int k,
                      text_tok *t) {
  return tok_at(s, n, i, cp, k, t);
}

int text_tok_next(const char *s, size_t n, size_t *pos, text_tok *t) {
  size_t i = *pos;
  unsigned sp = i == 0;
  int k;
  while (i < n && (class_at(s, n, i, &k) & TEXT_SPACE)) i += (size_t)k, sp = 1;
  if (i >= n) return *pos = n, 0;
  *pos = text_tok_at(s, n, i, t);
  if (sp) t->flags |= TEXT_TOKF_SPACE;
  return 1;
}

static int is_conn(char c) {
  return c == '.' || c == ',' || c == '/' || c == '-';
}

/* Record run [a, e) of compound c. */
static void add_run(text_compound *c, size_t a, size_t e, unsigned flags) {
  if (c->nrun < TEXT_COMPOUND_MAX) c->rs[c->nrun] = a, c->re[c->nrun] = e;
  c->nrun++;
  if (flags & TEXT_TOKF_DIGITS) c->digits = 1;
}

/*
** Runs joined by one connector each; a connector joins only when a
** letter or digit (not a mark) follows it.
*/
void text_compound_at(const char *s, size_t n, size_t i, text_compound *c) {
  text_tok t;
  int k;
  c->off = i, c->nrun = 0, c->digits = c->split = 0;
  for (;;) {
    size_t e = text_tok_at(s, n, i, &t);
    add_run(c, i, e, t.flags);
    i = e;
    if (i + 1 >= n || !is_conn(s[i])) break;
    unsigned nc = class_at(s, n, i + 1, &k);
    if (!(nc & TEXT_WORD) || (nc & TEXT_MARK)) break;
    if (s[i] == '/' || s[i] == '-') c->split = 1;
    i++;
  }
  c->end = i;
}

int text_clause_break(const char *s, size_t from, size_t to) {
  for (size_t i = from; i < to; i++) {
    unsigned char c = (unsigned char)s[i];
    if (c == '.' || c == '!' || c == '?' || c == ';' || c == ':' || c == '\n' ||
        c == '(' || c == ')' || c == ',' || c == '"')
      return 1;
    if (c == 0xE2 && i + 2 < to && (unsigned char)s[i + 1] == 0x80) {
      unsigned char c3 = (unsigned char)s[i + 2];
      if (c3 == 0x9C || c3 == 0x9D || c3 == 0xA6 || c3 == 0x93 || c3 == 0x94)
        return 1; /* “ ” … – — */
    }
  }
  return 0;
}

int text_is_number(const char *k, size_t n) {
  for (size_t i = 0; i < n; i++)
    if (!((k[i] >= '0' && k[i] <= '9') || k[i] == '.' || k[i] == ',' ||
          k[i] == '/' || k[i] == '-'))
      return 0;
  return n > 0;
}
