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

/* pt_any_starts(s, n, lexicon_list(which)) */
int pp_any_starts(const char *s, size_t n, int which);
/* pt_any_line_is(s, n, lexicon_list(which)) */
int pp_any_line_is(const char *s, size_t n, int which);
/* pt_any_contains(s, n, lexicon_list(which)) */
int pp_any_contains(const char *s, size_t n, int which);

#endif
