/*
** parse_phrases.h — the parser's phrase lists (lexicon_list's LEXL_*),
** indexed: the same answers as pt_any_starts, pt_any_line_is and
** pt_any_contains on lexicon_list(which), asking only the phrases that
** can match (those whose first code point folds as the line's; those
** whose every byte the line holds).
*/
#ifndef TINSH_PARSE_PHRASES_H
#define TINSH_PARSE_PHRASES_H

#include <stddef.h>
#include <stdint.h>

#include "text.h"

/* pt_cp_at inline: the code point at s[i] and its length in *k
** (text_decode gives text_utf8_decode's answers). */
static inline int32_t pp_cp_at(const char *s, size_t n, size_t i, int *k) {
  int32_t cp;
  *k = text_decode(s + i, n - i, &cp);
  return cp;
}

/* pt_any_starts(s, n, lexicon_list(which)) */
int pp_any_starts(const char *s, size_t n, int which);
/* pt_any_line_is(s, n, lexicon_list(which)) */
int pp_any_line_is(const char *s, size_t n, int which);
/* pt_any_contains(s, n, lexicon_list(which)) */
int pp_any_contains(const char *s, size_t n, int which);
/* pt_any_starts(s, n, set), set a NULL-terminated list that lives as
** long as the program (a static array): indexed on first use. */
int pp_set_starts(const char *s, size_t n, const char *const *set);

#endif
