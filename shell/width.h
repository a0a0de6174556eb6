/*
** width.h — terminal display width of UTF-8 text (utf8proc based).
** Combining marks take 0 columns, East Asian wide characters 2,
** control characters 0. Invalid bytes count 1 column each.
*/
#ifndef TINSH_WIDTH_H
#define TINSH_WIDTH_H

#include <stddef.h>

size_t width_of(const char *s, size_t n);
/* Longest prefix of s[0..n) that fits in `cols` columns: its byte length;
** *used receives its width. Never splits a character. */
size_t width_fit(const char *s, size_t n, size_t cols, size_t *used);

#endif
