/*
** xtok_win.c — the bit masks of xtok_win.h: SSE2 (or plain C) over 16
** bytes a step, or AVX2 over 32 when the CPU has it; slid on 48 bytes at
** a time, or filled anew.
*/
#include "xtok_win.h"

#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "text_tok_run.h"
#include "xtok_win_fill.h"

/* Fill masks with AVX2 (set once by xtok_init when the CPU has AVX2 and
** BMI2, which xt_tokenize's AVX2 form is compiled for). */
int xt_win_use_avx2;
#define use_avx2 xt_win_use_avx2

void xt_scan_avx2(int on) {
#ifdef XT_AVX2
  use_avx2 = on && __builtin_cpu_supports("avx2") &&
             __builtin_cpu_supports("bmi2"); /* xt_tokenize's AVX2 form */
#else
  (void)on;
#endif
}

#ifdef __SSE2__
static inline __attribute__((always_inline)) win_b win_bits(
    const unsigned char *p, int chunks) {
  const __m128i c0 = _mm_set1_epi8((char)0xC0); /* -64: below it, 80..BF */
  win_b r = {0, 0, 0};
  for (int q = 0; q < 16 * chunks; q += 16) {
    __m128i w0 = _mm_loadu_si128((const __m128i *)(const void *)(p + q));
    __m128i w1 = _mm_loadu_si128((const __m128i *)(const void *)(p + q + 1));
    __m128i w2 = _mm_loadu_si128((const __m128i *)(const void *)(p + q + 2));
    __m128i an = bytes_in16(_mm_or_si128(w0, _mm_set1_epi8(0x20)), 'a', 'z');
    __m128i k1 = _mm_cmpgt_epi8(c0, w1), k2 = _mm_cmpgt_epi8(c0, w2);
    __m128i c3 = _mm_cmpeq_epi8(w0, _mm_set1_epi8((char)0xC3));
    __m128i l2 = _mm_or_si128(bytes_in16(w0, 0xC3, 0xC6),
                              _mm_cmpeq_epi8(w0, _mm_set1_epi8((char)0xCC)));
    __m128i sign =
        _mm_and_si128(/* × ÷: C3 97, C3 B7 */
                      c3, _mm_cmpeq_epi8(
                              _mm_and_si128(w1, _mm_set1_epi8((char)0xDF)),
                              _mm_set1_epi8((char)0x97)));
    __m128i ok2 = _mm_andnot_si128(sign, _mm_and_si128(l2, k1));
    __m128i ok3 = _mm_and_si128(
        _mm_and_si128(
            _mm_cmpeq_epi8(w0, _mm_set1_epi8((char)0xE1)),
            _mm_cmpeq_epi8(_mm_and_si128(w1, _mm_set1_epi8((char)0xFC)),
                           _mm_set1_epi8((char)0xB8))),
        k2);
    r.al |= (uint64_t)(unsigned)_mm_movemask_epi8(an) << q;
    r.v2 |= (uint64_t)(unsigned)_mm_movemask_epi8(ok2) << q;
    r.v3 |= (uint64_t)(unsigned)_mm_movemask_epi8(ok3) << q;
  }
  return r;
}
#else
static win_b win_bits(const unsigned char *p, int chunks) {
  win_b r = {0, 0, 0};
  for (int j = 0; j < 16 * chunks; j++) {
    unsigned c = p[j], c1 = p[j + 1], c2 = p[j + 2];
    int k1 = (c1 & 0xC0) == 0x80, k2 = (c2 & 0xC0) == 0x80;
    uint64_t bit = 1ull << j;
    if (((c | 0x20) >= 'a' && (c | 0x20) <= 'z')) r.al |= bit;
    if ((c == 0xC3 && (c1 & 0xDF) != 0x97) || c == 0xC4 || c == 0xC5 ||
        c == 0xC6 || c == 0xCC)
      r.v2 |= k1 ? bit : 0;
    if (c == 0xE1 && (c1 & 0xFC) == 0xB8 && k2) r.v3 |= bit;
  }
  return r;
}
#endif

#ifdef XT_AVX2
/* xt_win_fill into *w with AVX2 (xt_win_fill_avx2_in). */
__attribute__((target("avx2"))) void xt_win_fill_avx2(
    xt_win *w, const char *s, size_t i, size_t b, unsigned char pad[WIN_READ]) {
  xt_win_fill_avx2_in(w, s, i, b, pad);
}
#endif

#ifndef XT_AVX2
/* No AVX2 form here (xt_win_use_avx2 stays 0): the plain fill. */
void xt_win_fill_avx2(xt_win *w, const char *s, size_t i, size_t b,
                      unsigned char pad[WIN_READ]) {
  *w = xt_win_fill(s, i, b, pad);
}
#endif

/* The masks of s[i..i+64) in a block of b bytes (i < b); near the end,
** from a zero-padded copy in pad, which src then points to. */
xt_win xt_win_fill(const char *s, size_t i, size_t b,
                   unsigned char pad[WIN_READ]) {
#ifdef XT_AVX2
  if (use_avx2) {
    xt_win w;
    xt_win_fill_avx2(&w, s, i, b, pad);
    return w;
  }
#endif
  int inblock;
  const unsigned char *p = win_src(s, i, b, pad, &inblock);
  win_b x = win_bits(p, WIN / 16);
  return win_of(&x, i, p, inblock);
}

/* w's masks moved on by WIN_STEP bytes (the block has WIN_STEP + WIN_READ
** bytes from w->base, and w->src is in the block): the first 32 bytes
** kept, the next 32 computed. */
static void win_slide(xt_win *w) {
  const unsigned char *p = (const unsigned char *)w->src + WIN;
  win_b x = win_bits(p, WIN_STEP / 16);
  const int k = WIN - WIN_STEP;
  uint64_t g = w->graw >> WIN_STEP | win_graw(&x, w->more) << k;
  w->g = g & ~(1ull << 63);
  w->graw = g;
  /* the leads of the last bytes: v2 and v3 of the new half, moved up */
  x.v2 <<= k, x.v3 <<= k;
  w->more = win_more(&x);
  w->base += WIN_STEP;
  w->src += WIN_STEP;
}

/* xt_win_next without AVX2: slid when the block goes on far enough, else
** filled anew at i; the g bits of every character from i on are the same
** either way. */
void xt_win_next_sse(xt_win *w, const char *s, size_t i, size_t b,
                     unsigned char pad[WIN_READ]) {
  if (i - w->base < WIN_AHEAD + WIN_STEP && w->inblock &&
      b - w->base >= WIN_STEP + WIN_READ)
    win_slide(w);
  else
    *w = xt_win_fill(s, i, b, pad);
}
