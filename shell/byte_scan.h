/*
** byte_scan.h — byte searches eight bytes a step (inline, no .c): the
** first ASCII digit of a span, and whether a word of eight bytes holds
** a byte below a bound. Plain C on 64-bit words (memcpy loads); the
** answers are the byte loops'.
*/
#ifndef TINSH_BYTE_SCAN_H
#define TINSH_BYTE_SCAN_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#define BS_ONES 0x0101010101010101ull
#define BS_HIGH 0x8080808080808080ull

/* The eight bytes at s as one word. */
static inline uint64_t bs_load(const char *s) {
  uint64_t x;
  memcpy(&x, s, 8);
  return x;
}

/* Does the word x hold a byte in '0'..'9'? (exact: per byte, below 128,
** over 47 and under 58; no carry crosses a byte) */
static inline int bs_has_digit8(uint64_t x) {
  uint64_t t = x & ~BS_HIGH;
  return (((BS_ONES * (127 + 58)) - t) & ~x & (t + BS_ONES * (127 - 47)) &
          BS_HIGH) != 0;
}

/* May the word x hold a byte below b (1 <= b <= 128)? Never 0 when one
** does (a byte below b sets its high bit; a borrow may flag more). */
static inline int bs_has_below8(uint64_t x, unsigned b) {
  return ((x - BS_ONES * b) & ~x & BS_HIGH) != 0;
}

/* The position of the first ASCII digit in s[0..n), or n. */
static inline size_t bs_first_digit(const char *s, size_t n) {
  size_t i = 0;
  while (i + 8 <= n && !bs_has_digit8(bs_load(s + i))) i += 8;
  for (; i < n; i++)
    if ((unsigned char)(s[i] - '0') <= 9) return i;
  return n;
}

#endif
