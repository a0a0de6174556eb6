/*
** text_clean.c — is a text its own normal form (text_clean.h)? The
** constants of the 32-byte tests, and the tests of a text's first and
** last bytes, which the clean steps of text_syllables.c do not cover.
*/
#if defined(__x86_64__) && defined(__GNUC__)
#include "text_clean.h"

#define TC_R4(x)    x, x, x, x
#define TC_R16(...) __VA_ARGS__, __VA_ARGS__ /* a 16-byte table, both lanes */
#define TC_R32(x) \
  TC_R4(x), TC_R4(x), TC_R4(x), TC_R4(x), TC_R4(x), TC_R4(x), TC_R4(x), TC_R4(x)

/* Not const: the compiler must read them (text_clean.h). */
_Alignas(32) unsigned char tc_k[TC_N][32] = {
    {TC_R32(0xC0)},
    {TC_R32(0x80)},
    {TC_R32(0xC3)},
    {TC_R32(3)},
    {TC_R32(0xE1)},
    {TC_R32(0xE2)},
    {TC_R32(0x21)},
    {TC_R32(1)},
    {TC_R32('&')},
    {TC_R32(' ')},
    {TC_R32('\n')},
    {TC_R32(0xFE)},
    {TC_R32(0xBA)},
    {TC_R32(0x90)},
    {TC_R32(0x17)},
    {TC_R32(0x0F)},
    {TC_R32(0xBF)},
    {TC_R32(0xDF)},
    {TC_R32(0x2A)},
    /* bits: 01 C0 controls but 0A and 1A (hi 0-1, lo but A), 02 1A, 08
    ** DEL, 10 C0-C2 C7-CF, 20 D0-DF F0-FF, 40 E0 E3-EF ('&', bit 04 by
    ** its low nibble, is not asked: text_clean_head's clean_likely) */
    {TC_R16(0x01, 0x03, 0, 0, 0, 0, 0, 0x08, 0, 0, 0, 0, 0x10, 0x20, 0x40,
            0x20)},
    {TC_R16(0x71, 0x31, 0x31, 0x61, 0x61, 0x61, 0x65, 0x71, 0x71, 0x71, 0x72,
            0x71, 0x71, 0x71, 0x71, 0x79)}};

/* Are the bytes u[a..b) (b - a <= 32) clean (none in clean_bad32; the
** bytes before u[0] read as zeros)? Through a buffer, for the text's
** first and last bytes. */
__attribute__((target("avx2"))) static int clean_span(const unsigned char *u,
                                                      size_t a, size_t b) {
  unsigned char t[40] = {0};
  size_t from = a >= 2 ? a - 2 : 0;
  memcpy(t + 2 - (a - from), u + from, b - from);
  __m256i w = _mm256_loadu_si256((const __m256i *)(const void *)(t + 2));
  __m256i p1 = _mm256_loadu_si256((const __m256i *)(const void *)(t + 1));
  __m256i p2 = _mm256_loadu_si256((const __m256i *)(const void *)t);
  unsigned m = (unsigned)_mm256_movemask_epi8(clean_bad32(w, p1, p2));
  unsigned want = b - a >= 32 ? ~0u : (1u << (b - a)) - 1;
  return !(m & want);
}

/* Does u[0..n) (n >= 2) end with no sequence left open (its last byte
** no lead, the one before it no E1 or E2) and no space (trimmed)? */
static int clean_end(const unsigned char *u, size_t n) {
  unsigned x = u[n - 1], y = u[n - 2];
  return !((x >= 0xC3 && x <= 0xC6) || x == 0xE1 || x == 0xE2 || x == ' ' ||
           y == 0xE1 || y == 0xE2);
}

/* May u[0..n) be clean: no '&', no two spaces in a row (what most texts
** that are not clean hold: asked first, at a few instructions a 32-byte
** block, so that the clean steps are seldom run in vain)? */
__attribute__((target("avx2"))) static int clean_likely(const unsigned char *u,
                                                        size_t n) {
  unsigned carry = 0;
  size_t i = 0;
  for (; i + 32 <= n; i += 32) {
    __m256i w = _mm256_loadu_si256((const __m256i *)(const void *)(u + i));
    unsigned sp = (unsigned)_mm256_movemask_epi8(eq32(w, TC_SP));
    if (_mm256_movemask_epi8(eq32(w, TC_AMP)) | (sp & (sp << 1 | carry)))
      return 0;
    carry = sp >> 31;
  }
  for (; i < n; i++) {
    if (u[i] == '&' || (u[i] == ' ' && carry)) return 0;
    carry = u[i] == ' ';
  }
  return 1;
}

__attribute__((target("avx2"))) int text_clean_head(const unsigned char *u,
                                                    size_t n, int vouched) {
  return u[0] != ' ' && clean_end(u, n) && clean_span(u, 0, 16) &&
         (vouched || clean_likely(u, n));
}

__attribute__((target("avx2"))) int text_clean_rest(const unsigned char *u,
                                                    size_t i, size_t n) {
  for (; i < n; i += 32)
    if (!clean_span(u, i, n - i > 32 ? i + 32 : n)) return 0;
  return 1;
}

/* Copy u[i..e) to t from t[o) as text_clean_copy does; returns the new
** o. One byte a step, by what was written last. */
static size_t fix_bytes(const unsigned char *u, size_t i, size_t e,
                        unsigned char *t, size_t o) {
  for (; i < e; i++) {
    unsigned c = u[i];
    if (c == ' ' && (o == 0 || t[o - 1] == ' ' || t[o - 1] == '\n')) continue;
    if (c == '\n' && o && t[o - 1] == ' ') o--;
    t[o++] = (unsigned char)c;
  }
  return o;
}

/* 0xFF in each byte of the block w (p1: the 32 bytes that end one byte
** before w's end) that text_clean_copy may not copy as it stands: a
** space after a space or a newline, a newline after a space. */
__attribute__((target("avx2"))) static inline __m256i fix32(__m256i w,
                                                            __m256i p1) {
  __m256i p1sp = eq32(p1, TC_SP);
  return _mm256_or_si256(
      _mm256_and_si256(eq32(w, TC_SP), _mm256_or_si256(p1sp, eq32(p1, TC_NL))),
      _mm256_and_si256(eq32(w, TC_NL), p1sp));
}

/* Does text_clean_copy write u[i] (i >= 1) otherwise than it stands, or
** is it a '&'? (text_clean_scan's last bytes.) */
static int fix_at(const unsigned char *u, size_t i) {
  unsigned c = u[i], b = u[i - 1];
  return c == '&' || (c == ' ' && (b == ' ' || b == '\n')) ||
         (c == '\n' && b == ' ');
}

__attribute__((target("avx2"))) size_t text_clean_scan(const unsigned char *u,
                                                       size_t n,
                                                       unsigned char *t) {
  if (n == 0 || u[0] == ' ' || u[0] == '&') return 0;
  t[0] = u[0];
  size_t i = 1;
  for (; i + 32 <= n; i += 32) {
    __m256i w = _mm256_loadu_si256((const __m256i *)(const void *)(u + i));
    __m256i p1 = _mm256_loadu_si256((const __m256i *)(const void *)(u + i - 1));
    __m256i m = _mm256_or_si256(fix32(w, p1), eq32(w, TC_AMP));
    _mm256_storeu_si256((__m256i *)(void *)(t + i), w);
    if (!_mm256_testz_si256(m, m)) return i;
  }
  for (; i < n; i++) {
    if (fix_at(u, i)) return i;
    t[i] = u[i];
  }
  return n;
}

__attribute__((target("avx2"))) size_t text_clean_copy(const unsigned char *u,
                                                       size_t n, size_t i,
                                                       unsigned char *t) {
  size_t o = i;
  if (i == 0) o = fix_bytes(u, 0, n ? 1 : 0, t, 0), i = 1;
  for (; i + 32 <= n; i += 32) {
    __m256i w = _mm256_loadu_si256((const __m256i *)(const void *)(u + i));
    __m256i p1 = _mm256_loadu_si256((const __m256i *)(const void *)(u + i - 1));
    __m256i m = fix32(w, p1);
    if (!_mm256_testz_si256(m, m)) {
      o = fix_bytes(u, i, i + 32, t, o);
      continue;
    }
    _mm256_storeu_si256((__m256i *)(void *)(t + o), w);
    o += 32;
  }
  return fix_bytes(u, i, n, t, o);
}
#endif
