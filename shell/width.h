/*
** width.h — terminal display width of UTF-8 text (utf8proc based).
** Combining marks take 0 columns, East Asian wide characters 2,
** control characters 0. Invalid bytes count 1 column each.
*/
#ifndef TINSH_WIDTH_H
#define TINSH_WIDTH_H

#include <stddef.h>
#include <stdio.h>

size_t width_of(const char *s, size_t n);
/* Longest prefix of s[0..n) that fits in `cols` columns: its byte length;
** *used receives its width. Never splits a character. */
size_t width_fit(const char *s, size_t n, size_t cols, size_t *used);

/*
** Terminal safety: control characters (C0, DEL, C1; with layout, tab and
** newline allowed), bidirectional overrides and invalid bytes. Does s
** have any? width_visible writes s with each as a visible escape (\x1b,
** \u{9b}, \xff) into out, which has room for WIDTH_VISIBLE_MAX(n) bytes,
** and returns the length written.
*/
#define WIDTH_VISIBLE_MAX(n) (4 * (n) + 1)
int width_invisible(const char *s, size_t n, int layout);
size_t width_visible(const char *s, size_t n, int layout, char *out);
/* write s[0..n) to out made visible so (layout 0: one line) */
void width_put_visible(const char *s, size_t n, FILE *out, int layout);

#endif