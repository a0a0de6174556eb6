/*
** width.c — display width by utf8proc_charwidth.
*/
#include "width.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

/* width of one decoded code point: combining marks and controls are 0 */
static size_t cp_width(utf8proc_int32_t cp) {
  int w = utf8proc_charwidth(cp);
  return w > 0 ? (size_t)w : 0;
}

size_t width_fit(const char *s, size_t n, size_t cols, size_t *used) {
  const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)s;
  size_t i = 0, w = 0;
  while (i < n) {
    utf8proc_int32_t cp;
    utf8proc_ssize_t k;
    size_t cw;
    if (p[i] < 0x80) { /* ASCII fast path */
      k = 1;
      cw = (p[i] >= 0x20 && p[i] != 0x7f);
    } else {
      k = utf8proc_iterate(p + i, (utf8proc_ssize_t)(n - i), &cp);
      if (k < 1)
        k = 1, cw = 1; /* invalid byte: one column */
      else
        cw = cp_width(cp);
    }
    if (w + cw > cols) break;
    w += cw;
    i += (size_t)k;
  }
  if (used) *used = w;
  return i;
}

size_t width_of(const char *s, size_t n) {
  size_t w;
  width_fit(s, n, (size_t)-1, &w);
  return w;
}

/* is cp a control or a bidirectional override a terminal must not see? */
static int invisible_cp(utf8proc_int32_t cp, int layout) {
  if (cp < 0x20) return !(layout && (cp == '\n' || cp == '\t'));
  return cp == 0x7f || (cp >= 0x80 && cp <= 0x9f) ||
         (cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069);
}

/*
** Write s[0..n) to out (room for WIDTH_VISIBLE_MAX(n) bytes) with every
** control character (C0, DEL, C1; with layout, tab and newline are kept),
** bidirectional override and invalid byte made visible as an escape: \x1b
** for bytes and C0, \u{9b} for C1 and overrides. Returns the length.
*/
size_t width_visible(const char *s, size_t n, int layout, char *out) {
  const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)s;
  size_t o = 0;
  for (size_t i = 0; i < n;) {
    utf8proc_int32_t cp = p[i];
    utf8proc_ssize_t k = 1;
    if (cp >= 0x80) k = utf8proc_iterate(p + i, (utf8proc_ssize_t)(n - i), &cp);
    if (k < 1) {
      o += (size_t)sprintf(out + o, "\\x%02x", p[i]), k = 1;
    } else if (invisible_cp(cp, layout)) {
      o += (size_t)sprintf(out + o, cp < 0x80 ? "\\x%02x" : "\\u{%x}",
                           (unsigned)cp);
    } else {
      memcpy(out + o, s + i, (size_t)k);
      o += (size_t)k;
    }
    i += (size_t)k;
  }
  return o;
}

int width_invisible(const char *s, size_t n, int layout) {
  const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)s;
  for (size_t i = 0; i < n;) {
    utf8proc_int32_t cp = p[i];
    utf8proc_ssize_t k = 1;
    if (cp >= 0x80) k = utf8proc_iterate(p + i, (utf8proc_ssize_t)(n - i), &cp);
    if (k < 1 || invisible_cp(cp, layout)) return 1;
    i += (size_t)k;
  }
  return 0;
}

void width_put_visible(const char *s, size_t n, FILE *out, int layout) {
  if (!width_invisible(s, n, layout)) {
    fwrite(s, 1, n, out);
    return;
  }
  /* slice by slice, each cut before a UTF-8 lead byte (a letter is never
  ** split): the buffer is 4 x a slice, not 4 x n, which for a script's
  ** 100 MB error message under --sandbox was a 400 MB block outside its
  ** memory limit (red team 2026-12-05) */
  enum { SLICE = 1 << 14 };
  char *v = malloc(WIDTH_VISIBLE_MAX(SLICE));
  if (!v) return;
  while (n) {
    size_t k = n < SLICE ? n : SLICE;
    for (size_t j = k; k < n && j + 3 >= k && j > 0; j--)
      if (((unsigned char)s[j] & 0xC0) != 0x80) {
        k = j;
        break;
      }
    fwrite(v, 1, width_visible(s, k, layout, v), out);
    s += k, n -= k;
  }
  free(v);
}
