/*
** extract.h — facts from the parsed blocks: figures, people, refs,
** periods, places, quotes, inline abbreviation definitions.
** Pure C; reads d->blocks, fills the fact vectors of d.
*/
#ifndef TINSH_EXTRACT_H
#define TINSH_EXTRACT_H

#include "doc.h"

/* Fill d's fact fields from its blocks. Returns 0 on success. */
int extract_facts(doc *d);

/* The first '"' or 0xE2 byte (the lead of “ and ”) of s[i..n), else n
** (i when i >= n): the quote scanner's next stop, in one pass (AVX2 when
** the CPU has it); slow: two memchr calls, the reference for the tests. */
size_t extract_quote_byte(const char *s, size_t i, size_t n, int slow);

#endif
