/*
** xtok_sent.h — where the extractors' tokenizer (xtok_scan.c) ends a
** sentence: a '.', '!' or '?' before white space or the end, but not the
** dot of "TP." before a city, of a middle initial or of a degree.
*/
#ifndef TINSH_XTOK_SENT_H
#define TINSH_XTOK_SENT_H

#include <stddef.h>
#include <stdint.h>

#include "lexicon.h"
#include "xtok.h"

/* Note the first two bytes of each key of the degrees table t (the fast
** scanner's filter before it asks t); once, from xtok_init. */
void xt_sent_init(const lex_table *t);

/* Does the punctuation token just stored (out[n-1], character cp, ending
** at s[i] of a block of b bytes; the sentence starts at s[a]) end the
** sentence: a '.', '!' or '?' before a space, a newline or the end, and
** no dot of "TP.", an initial or a degree? fast: the fast scanner's, which
** asks the degrees table only when its first two bytes may begin a key
** and skips the walk back when the token before the dot is a lower-case
** word. Both forms give the same answer. */
int xt_sentence_end(const char *s, size_t a, size_t i, size_t b, const tok *out,
                    size_t n, int32_t cp, int fast);

#endif
