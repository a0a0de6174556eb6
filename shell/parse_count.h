/*
** parse_count.h — parse_text.c's word and sentence-break counts, eight
** bytes a step (parse_count.c): the same answers as pt_words and
** pt_sentence_breaks, for the header's lines, which ask them often.
*/
#ifndef TINSH_PARSE_COUNT_H
#define TINSH_PARSE_COUNT_H

#include <stddef.h>

/* pt_words(s, n, lim): the words of s[0..n) (runs of non-spaces), at
** most lim. */
int pc_words(const char *s, size_t n, int lim);
/* pt_sentence_breaks(s, n, lim) */
int pc_sentence_breaks(const char *s, size_t n, size_t lim);

#endif
