/*
** xtok_win_fill.h — how xtok_win.c computes the masks of xtok_win.h, as
** inline functions: the AVX2 fill (xt_win_fill_avx2_in), the byte
** constants it reads and the steps it shares with the SSE2 slide. For
** xtok_win.c and the AVX2 form of the scanner's loop (xtok_scan.c),
** which takes the fill inline.
*/
#ifndef TINSH_XTOK_WIN_FILL_H
#define TINSH_XTOK_WIN_FILL_H

#include <stdint.h>
#include <string.h>

#include "xtok_win.h"
#if defined(__x86_64__) && defined(__GNUC__)
#include <immintrin.h>
#define XT_AVX2 1 /* the masks' AVX2 form, when the CPU has it */
#endif

/* The masks of 16 * chunks bytes at p (p[0..16 * chunks + 1] readable):
** ASCII letters (al) and the leads of whole two- and three-byte letters
** and marks (v2, v3). */
typedef struct win_b {
  uint64_t al, v2, v3;
} win_b;

#ifdef XT_AVX2
/* The byte constants of win_bits32, 32 copies each, read from memory
** (one operand each) instead of built anew in every call. */
enum { K20, K05, K65, KB9, K7B, KBF, KC3, KCC, KDF, K97, KE1, KFC, KB8, NK };
#define X4(x) x, x, x, x
#define X32(x) \
  { X4(x), X4(x), X4(x), X4(x), X4(x), X4(x), X4(x), X4(x) }
static const unsigned char kvec[NK][32] __attribute__((aligned(32))) = {
    X32(0x20), X32(0x05), X32(0x65), X32(0xB9), X32(0x7B), X32(0xBF), X32(0xC3),
    X32(0xCC), X32(0xDF), X32(0x97), X32(0xE1), X32(0xFC), X32(0xB8)};

/* kvec, its address hidden from the compiler, which would otherwise
** build the rows anew from immediates in every call. */
typedef const unsigned char (*kvec_rows)[32];
static inline kvec_rows kvec_hidden(void) {
  kvec_rows k = kvec;
  __asm__ volatile("" : "+r"(k)); /* volatile: never merged */
  return k;
}

/* Row j of k as a vector. */
__attribute__((target("avx2"))) static inline __m256i kv(kvec_rows k, int j) {
  return _mm256_load_si256((const __m256i *)(const void *)k[j]);
}

/* Bytes of w that, plus row add of k, are (signed) above row lim: with
** add = 0x7F - hi and lim = lo + add - 1, the bytes in lo..hi. Every
** row is an operand (the second of the compare), none a load. */
__attribute__((target("avx2"))) static inline __m256i bytes_top32(kvec_rows k,
                                                                  __m256i w,
                                                                  int add,
                                                                  int lim) {
  return _mm256_cmpgt_epi8(_mm256_add_epi8(w, kv(k, add)), kv(k, lim));
}

/* win_bits(p, 2) with AVX2: the masks of 32 bytes at p (p[0..33]
** readable), in the low 32 bits of each. */
__attribute__((target("avx2"))) static inline win_b win_bits32(
    kvec_rows k, const unsigned char *p) {
  __m256i w0 = _mm256_loadu_si256((const __m256i *)(const void *)p);
  __m256i w1 = _mm256_loadu_si256((const __m256i *)(const void *)(p + 1));
  __m256i w2 = _mm256_loadu_si256((const __m256i *)(const void *)(p + 2));
  /* a..z after | 0x20: + 5 is 0x66..0x7F; C3..C6: + 0xB9 is 0x7C..0x7F */
  __m256i an = bytes_top32(k, _mm256_or_si256(w0, kv(k, K20)), K05, K65);
  /* no continuation byte (80..BF) next: above 0xBF, signed */
  __m256i n1 = _mm256_cmpgt_epi8(w1, kv(k, KBF)),
          n2 = _mm256_cmpgt_epi8(w2, kv(k, KBF));
  __m256i c3 = _mm256_cmpeq_epi8(w0, kv(k, KC3));
  __m256i l2 = _mm256_or_si256(bytes_top32(k, w0, KB9, K7B),
                               _mm256_cmpeq_epi8(w0, kv(k, KCC)));
  __m256i sign = _mm256_and_si256(
      c3, _mm256_cmpeq_epi8(_mm256_and_si256(w1, kv(k, KDF)), kv(k, K97)));
  __m256i ok2 = _mm256_andnot_si256(_mm256_or_si256(sign, n1), l2);
  __m256i ok3 = _mm256_andnot_si256(
      n2, _mm256_and_si256(
              _mm256_cmpeq_epi8(w0, kv(k, KE1)),
              _mm256_cmpeq_epi8(_mm256_and_si256(w1, kv(k, KFC)), kv(k, KB8))));
  return (win_b){(uint32_t)_mm256_movemask_epi8(an),
                 (uint32_t)_mm256_movemask_epi8(ok2),
                 (uint32_t)_mm256_movemask_epi8(ok3)};
}

#endif

/* g of the bits x, before the last byte's bit is cleared; in: the
** continuation bits the bytes before carry over (xt_win.more). */
static inline uint64_t win_graw(const win_b *x, uint64_t in) {
  return x->al | x->v2 | x->v3 | (x->v2 | x->v3) << 1 | x->v3 << 2 | in;
}

/* The continuation bits the 64 bytes of x carry into the next. */
static inline uint64_t win_more(const win_b *x) {
  uint64_t v = x->v2 | x->v3;
  return (v >> 63) | (x->v3 >> 62 & 1) | (x->v3 >> 63) << 1;
}

/* The bytes xt_win_fill reads for s[i..] of a block of b bytes: the
** block's own when WIN_READ of them are there, else a zero-padded copy
** in pad; *inblock says which. */
static inline const unsigned char *win_src(const char *s, size_t i, size_t b,
                                           unsigned char pad[WIN_READ],
                                           int *inblock) {
  const unsigned char *p = (const unsigned char *)s + i;
  *inblock = b - i >= WIN_READ;
  if (*inblock) return p;
  memset(pad, 0, WIN_READ);
  memcpy(pad, p, b - i);
  return pad;
}

/* The masks of the bits x of the 64 bytes at p, which are byte i's on. */
static inline xt_win win_of(const win_b *x, size_t i, const unsigned char *p,
                            int inblock) {
  uint64_t g = win_graw(x, 0);
  return (xt_win){g & ~(1ull << 63), g,      win_more(x), i,
                  (const char *)p,   inblock};
}

#ifdef XT_AVX2
/* xt_win_fill into *w with AVX2, in one function: xt_win_fill_avx2's
** body, inline in the AVX2 form of the scanner's loop (xtok_scan.c). */
__attribute__((target("avx2"))) static inline void xt_win_fill_avx2_in(
    xt_win *w, const char *s, size_t i, size_t b, unsigned char pad[WIN_READ]) {
  int inblock;
  const unsigned char *p = win_src(s, i, b, pad, &inblock);
  /* each half's own kvec_hidden: the rows become operands, not loads */
  win_b lo = win_bits32(kvec_hidden(), p);
  win_b hi = win_bits32(kvec_hidden(), p + 32);
  win_b x = {lo.al | hi.al << 32, lo.v2 | hi.v2 << 32, lo.v3 | hi.v3 << 32};
  *w = win_of(&x, i, p, inblock);
}
#endif

#endif
