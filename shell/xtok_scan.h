/*
** xtok_scan.h — the reference scanner of xtok_scan.c, for the tests:
** xt_tokenize (xtok.h) must give the same tokens, features and sentence
** ends as xt_tokenize_ref on any text.
*/
#ifndef TINSH_XTOK_SCAN_H
#define TINSH_XTOK_SCAN_H

#include <stddef.h>

#include "xtok.h"

/* xt_tokenize, one code point or token a step over the text layer's
** tokenizer (text_tok_at_run): slower, the definition it is held to. */
size_t xt_tokenize_ref(const char *s, size_t a, size_t b, tokvec *v,
                       unsigned *feat);

#endif
