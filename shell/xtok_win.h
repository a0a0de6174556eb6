/*
** xtok_win.h — the bit masks xt_tokenize (xtok_scan.c) cuts tokens from:
** 64 bytes of a block at a time, which bytes belong to letters.
*/
#ifndef TINSH_XTOK_WIN_H
#define TINSH_XTOK_WIN_H

#include <stddef.h>
#include <stdint.h>

#define WIN       64 /* bytes a mask covers */
#define WIN_AHEAD 55 /* a token starting further in gets new masks */
#define WIN_STEP  48 /* masks slide by this many bytes */
#define WIN_READ  80 /* bytes of src readable: 8-byte loads of any word */

/*
** Masks of s[base..base+64): bit j of g is set when byte base+j belongs
** to a letter of these kinds, whole and valid: an ASCII letter, a
** two-byte letter led by C3 (but × and ÷), C4, C5 or C6 (U+00C0..
** U+01BF), a mark led by CC (U+0300..U+033F) or a three-byte letter E1
** B8..BB xx (U+1E00..U+1EFF). Digits have no bit: a word that holds one
** is ref_step's. Bytes at or past the block's end have no bit (src has
** zeros there). The last byte has no g bit (graw has it): a run of
** letter bytes always ends inside the masks, and one that reaches that
** byte is too long. more: bits 0 and 1 of the g of the next 64 bytes,
** the continuation bytes of a character that starts in these.
*/
typedef struct xt_win {
  uint64_t g, graw, more;
  size_t base;
  const char *src; /* byte base + j is src[j], j < WIN_READ */
  int inblock;     /* src is the block's own bytes, not a padded copy */
} xt_win;

/* The masks of s[i..i+64) in a block of b bytes (i < b); near the end,
** from a zero-padded copy in pad, which src then points to. */
xt_win xt_win_fill(const char *s, size_t i, size_t b,
                   unsigned char pad[WIN_READ]);

/* xt_win_next's two forms: xt_win_fill with AVX2 (only when
** xt_win_use_avx2), and slid on or filled anew without it. */
void xt_win_fill_avx2(xt_win *w, const char *s, size_t i, size_t b,
                      unsigned char pad[WIN_READ]);
void xt_win_next_sse(xt_win *w, const char *s, size_t i, size_t b,
                     unsigned char pad[WIN_READ]);
extern int xt_win_use_avx2; /* xt_scan_avx2's choice */

/* Masks that hold byte i's token (i - w->base > WIN_AHEAD): with AVX2
** always filled at i (a fill then costs less than a slide, and reaches
** further), called straight from the scanner's loop; else slid on, or
** filled anew at i. The g bits of every character from i on are the same
** either way. */
static inline void xt_win_next(xt_win *w, const char *s, size_t i, size_t b,
                               unsigned char pad[WIN_READ]) {
  if (xt_win_use_avx2)
    xt_win_fill_avx2(w, s, i, b, pad);
  else
    xt_win_next_sse(w, s, i, b, pad);
}

/* Fill the masks with AVX2 when the CPU has it and BMI2 (on: xtok_init's
** choice; xt_tokenize then runs its AVX2 form, xtok_scan.c), or never
** (0): the tests run both forms. */
void xt_scan_avx2(int on);

#endif
