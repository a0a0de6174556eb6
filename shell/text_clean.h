/*
** text_clean.h — the normaliser's tests on 32 bytes at a time (AVX2,
** inline, no .c): which bytes its fast path copies as they are
** (text_norm.c's wide_blocks), and which bytes text_normalize would
** write otherwise than they stand (text_syllables.c's clean steps: a
** text none of whose bytes is such is its own normal form, so it is
** checked in the pass that hashes it, and never copied byte by byte).
** Include after <immintrin.h>, on x86-64 GCC or Clang only.
*/
#ifndef TINSH_TEXT_CLEAN_H
#define TINSH_TEXT_CLEAN_H

#include <immintrin.h>
#include <stddef.h>
#include <string.h>

/* The bytes the tests compare with, each repeated 32 times (tc_k in
** text_clean.c: a table the compiler cannot fold, so each is read from
** memory where it is used; built in registers, or kept there across a
** loop that makes calls, they cost three instructions each). */
enum {
  TC_C0,
  TC_80,
  TC_C3,
  TC_3,
  TC_E1,
  TC_E2,
  TC_21,
  TC_1,
  TC_AMP,
  TC_SP,
  TC_NL,
  TC_FE,
  TC_BA,
  TC_90,
  TC_17,
  TC_0F,
  TC_BF,  /* saturating: p1 - BF > 0 for a lead */
  TC_DF,  /* p2 - DF > 0 for a three-byte lead */
  TC_2A,  /* ' ' ^ '\n' */
  TC_SHI, /* clean_bad32's classes by high nibble (both lanes) */
  TC_SLO, /* ... and by low nibble */
  TC_N
};
extern _Alignas(32) unsigned char tc_k[TC_N][32];

/* The constant k of tc_k. */
__attribute__((target("avx2"))) static inline __m256i tc(int k) {
  return _mm256_load_si256((const __m256i *)(const void *)tc_k[k]);
}

/* 0xFF in each byte of w equal to the constant k (tc_k). */
__attribute__((target("avx2"))) static inline __m256i eq32(__m256i w, int k) {
  return _mm256_cmpeq_epi8(w, tc(k));
}

/* 0xFF in each byte of w that leads a sequence the fast path takes:
** C3..C6 (two bytes) or E1 (three). */
__attribute__((target("avx2"))) static inline __m256i leads32(__m256i w) {
  __m256i d = _mm256_sub_epi8(w, tc(TC_C3));
  return _mm256_or_si256(_mm256_cmpeq_epi8(_mm256_min_epu8(d, tc(TC_3)), d),
                         eq32(w, TC_E1));
}

/* The bytes of the block w (bit k: w's byte k) the fast path refuses, p1
** and p2 being the 32 bytes that end one and two bytes before w's end:
** C0 controls, DEL, '&', a space after a space, a byte >= 0x80 neither
** a continuation nor a lead leads32 takes, a continuation byte where
** none is due or none where one is, a byte after E1 other than BA/BB. */
__attribute__((target("avx2"))) static inline unsigned block_refused32(
    __m256i w, __m256i p1, __m256i p2) {
  __m256i cont = eq32(_mm256_and_si256(w, tc(TC_C0)), TC_80);
  __m256i e1 = eq32(p1, TC_E1);
  __m256i need = _mm256_or_si256(leads32(p1), eq32(p2, TC_E1));
  __m256i odd = _mm256_cmpgt_epi8(tc(TC_21), _mm256_add_epi8(w, tc(TC_1)));
  __m256i r = _mm256_xor_si256(need, cont);
  r = _mm256_or_si256(
      r, _mm256_andnot_si256(_mm256_or_si256(cont, leads32(w)), odd));
  r = _mm256_or_si256(r, eq32(w, TC_AMP));
  r = _mm256_or_si256(r, _mm256_and_si256(eq32(w, TC_SP), eq32(p1, TC_SP)));
  __m256i ba = eq32(_mm256_and_si256(w, tc(TC_FE)), TC_BA);
  r = _mm256_or_si256(r, _mm256_andnot_si256(ba, e1));
  return (unsigned)_mm256_movemask_epi8(r);
}

/* 0xFF in each byte b of w that is a letter of bit (b & 0x1F) of
** 0x263C370F (text_latin1_viet's set, after a C3 lead). By PSHUFB on b's
** low four bits. */
__attribute__((target("avx2"))) static inline __m256i c3_letters32(__m256i w) {
  const __m256i lo =
      _mm256_setr_epi8(-1, -1, -1, -1, 0, 0, 0, 0, -1, -1, -1, 0, -1, -1, 0, 0,
                       -1, -1, -1, -1, 0, 0, 0, 0, -1, -1, -1, 0, -1, -1, 0, 0);
  const __m256i hi =
      _mm256_setr_epi8(0, 0, -1, -1, -1, -1, 0, 0, 0, -1, -1, 0, 0, -1, 0, 0, 0,
                       0, -1, -1, -1, -1, 0, 0, 0, -1, -1, 0, 0, -1, 0, 0);
  __m256i k = _mm256_and_si256(w, tc(TC_0F));
  return _mm256_blendv_epi8(_mm256_shuffle_epi8(lo, k),
                            _mm256_shuffle_epi8(hi, k),
                            _mm256_slli_epi16(w, 3)); /* bit 4 */
}

/* fast_c3 on 32 bytes: is each byte of w after a C3 lead (c3) a Latin-1
** letter Vietnamese uses? */
__attribute__((target("avx2"))) static inline int c3_ok32(__m256i w,
                                                          __m256i c3) {
  return _mm256_testc_si256(c3_letters32(w), c3); /* c3 & ~ok all zero */
}

/*
** 0xFF in each byte of the block w (p1, p2 as block_refused32 has them)
** that text_normalize would not copy as it stands, in a text with no
** two spaces in a row, no space first and no '&' but ones written as
** they are (text_clean_head asks): a byte no clean text holds by
** itself (its classes by high and low nibble, TC_SHI & TC_SLO: C0
** controls but the newline, DEL, leads
** but C3..C6, E1, E2); a continuation byte where no lead asks for one or
** none where one does (after a lead, or two bytes after E1/E2); after
** E1 other than BA/BB, after E2 other than 80, two bytes after E2 other
** than 90..A7 (U+2010..U+2027: dashes, quotes, the ellipsis, which
** put_cp writes as they are); after C3 a letter Vietnamese does not
** use; a space after a newline or a newline after a space (dropped,
** trimmed). A newline is otherwise kept as it is (the line it ends took
** the fast path whole: no marks, no odd letters, nothing to trim).
*/
__attribute__((target("avx2"))) static inline __m256i clean_bad32(__m256i w,
                                                                  __m256i p1,
                                                                  __m256i p2) {
  __m256i hi = _mm256_and_si256(_mm256_srli_epi16(w, 4), tc(TC_0F));
  __m256i r = _mm256_and_si256(
      _mm256_shuffle_epi8(tc(TC_SHI), hi),
      _mm256_shuffle_epi8(tc(TC_SLO), _mm256_and_si256(w, tc(TC_0F))));
  r = _mm256_cmpgt_epi8(r, _mm256_setzero_si256()); /* classes < 0x80 */
  __m256i need = _mm256_or_si256(_mm256_subs_epu8(p1, tc(TC_BF)),
                                 _mm256_subs_epu8(p2, tc(TC_DF)));
  __m256i cont = _mm256_cmpgt_epi8(tc(TC_C0), w); /* 80..BF, signed */
  r = _mm256_or_si256(
      r, _mm256_cmpeq_epi8(_mm256_cmpeq_epi8(need, _mm256_setzero_si256()),
                           cont)); /* no need == cont: wrong */
  __m256i ba = eq32(_mm256_and_si256(w, tc(TC_FE)), TC_BA);
  r = _mm256_or_si256(r, _mm256_andnot_si256(ba, eq32(p1, TC_E1)));
  r = _mm256_or_si256(r, _mm256_andnot_si256(eq32(w, TC_80), eq32(p1, TC_E2)));
  __m256i d = _mm256_sub_epi8(w, tc(TC_90)); /* 90..A7 */
  __m256i punct = _mm256_cmpeq_epi8(_mm256_min_epu8(d, tc(TC_17)), d);
  r = _mm256_or_si256(r, _mm256_andnot_si256(punct, eq32(p2, TC_E2)));
  __m256i blank = _mm256_or_si256(eq32(w, TC_SP), eq32(w, TC_NL));
  r = _mm256_or_si256(
      r, _mm256_and_si256(blank, eq32(_mm256_xor_si256(w, p1), TC_2A)));
  return _mm256_or_si256(r,
                         _mm256_andnot_si256(c3_letters32(w), eq32(p1, TC_C3)));
}

/* May u[0..n) (n >= 34) be clean: its first 16 bytes clean, no
** sequence left open at its end, no '&' and no two spaces in a row
** anywhere (what most texts that are not clean hold, asked first at a
** few instructions a block, so that the clean steps seldom run in
** vain)? vouched: the caller knows u has no two spaces in a row and
** that each of its '&' is written as it is (text_clean_copy's output):
** those two are not asked. */
int text_clean_head(const unsigned char *u, size_t n, int vouched);
/*
** Where text_clean_copy must start work on u[0..n) (n >= 1, no space
** last): u[0..k) holds no '&' and text_normalize writes its spaces and
** newlines as they stand; k is the returned index, n when the whole
** text is so (it may then be clean as it is: text_bad_syllables_fixed).
** 32 bytes a step, each copied to t (room for n bytes) as it is read:
** t[0..k) holds u[0..k) on return.
*/
size_t text_clean_scan(const unsigned char *u, size_t n, unsigned char *t);
/*
** Copy u[i..n) (no space last) to t from t[i) (t[0..i) holds u[0..i):
** text_clean_scan's k and copy) with its spaces as text_normalize
** writes them: a space first in the text or in a line, or after a
** space, dropped; a space before a newline dropped; blocks of 32 bytes
** that hold no such space stored whole. Returns the bytes t holds. The
** copy is u's normal form when each '&' of u is written as it stands
** and the copy is clean (text_bad_syllables_fixed).
*/
size_t text_clean_copy(const unsigned char *u, size_t n, size_t i,
                       unsigned char *t);
/* Are u[i..n) (i >= 2) clean, 32 bytes a step? */
int text_clean_rest(const unsigned char *u, size_t i, size_t n);

#endif
