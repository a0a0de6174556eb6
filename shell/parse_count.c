/*
** parse_count.c — word and sentence-break counts eight bytes a step
** (parse_count.h). A word of eight bytes is tested for spaces, or for
** bytes that may end a sentence, at once; the bytes are then read as
** parse_text.c reads them.
*/
#include "parse_count.h"

#include <stdint.h>

#include "byte_scan.h"
#include "parse_int.h"
#include "parse_phrases.h"
#include "text.h"

#define LOW7 0x7F7F7F7F7F7F7F7Full

/* The high bit of each byte of x that is ' ' (exact: no carry crosses a
** byte). */
static uint64_t spaces8(uint64_t x) {
  uint64_t t = x ^ (BS_ONES * ' ');
  return ~(((t & LOW7) + LOW7) | t) & BS_HIGH;
}

/* The number of high bits set in m (only bytes' high bits: at most
** eight): one multiply, not a popcount call (no POPCNT in the base
** instruction set: __builtin_popcountll is a library call). */
static inline int high_bits(uint64_t m) {
  return (int)(((m >> 7) * BS_ONES) >> 56);
}

int pc_words(const char *s, size_t n, int lim) {
  int w = 0;
  size_t i = 0;
  uint64_t before = 0x80; /* the byte before the block is a space */
  if (lim <= 0) return 0;
  for (; i + 8 <= n; i += 8) {
    uint64_t sp = spaces8(bs_load(s + i));
    /* a word starts at a non-space after a space */
    w += high_bits(~sp & BS_HIGH & ((sp << 8) | before));
    if (w >= lim) return lim;
    before = sp >> 56;
  }
  int in = !before;
  for (; i < n && w < lim; i++) {
    if (s[i] == ' ')
      in = 0;
    else if (!in)
      in = 1, w++;
  }
  return w;
}

/* Does the word x hold a byte in '!'..'?' (exact)? Sentence ends ('.',
** '?', '!') are such bytes; letters and spaces are not. */
static int marks8(uint64_t x) {
  uint64_t t = x & LOW7;
  return ((BS_ONES * (127 + 0x40) - t) & ~x & (t + BS_ONES * (127 - 0x20)) &
          BS_HIGH) != 0;
}

/* parse_text.c's test at s[i] (i + 2 < n): a sentence end, a space, and
** a capital or an opening quote; not the last dot of "...". */
static int break_at(const char *s, size_t n, size_t i) {
  if ((s[i] == '.' || s[i] == '?' || s[i] == '!') && s[i + 1] == ' ') {
    if (i >= 2 && s[i] == '.' && s[i - 1] == '.') return 0; /* "..." */
    int k;
    int32_t c = pp_cp_at(s, n, i + 2, &k);
    return text_is_upper(c) || c == '"' || c == 0x201C;
  }
  return 0;
}

int pc_sentence_breaks(const char *s, size_t n, size_t lim) {
  int count = 0;
  if (n > lim) n = lim;
  size_t i = 0;
  for (; i + 8 <= n; i += 8) /* a block without such a byte: no break */
    if (marks8(bs_load(s + i)))
      for (size_t j = i; j < i + 8 && j + 2 < n; j++)
        count += break_at(s, n, j);
  for (; i + 2 < n; i++) count += break_at(s, n, i);
  return count;
}
