/*
** width.c — display width by utf8proc_charwidth.
*/
#include "width.h"

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
