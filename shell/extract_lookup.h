/*
** extract_lookup.h — xt_lookup (xtok.h) with the key prefixes of its
** table: the extractors probe a lexicon table (titles, the gazetteer,
** surnames) at a token by joining up to the table's most words from
** there; most joins stop being the start of any key after a word or
** two. A set of the hashes of every prefix of every key of the table
** lets the join stop at the first one that is no key's prefix: no
** longer join can then be a key. Same answer as xt_lookup.
*/
#ifndef TINSH_EXTRACT_LOOKUP_H
#define TINSH_EXTRACT_LOOKUP_H

#include <stddef.h>
#include <stdint.h>

#include "lexicon.h"
#include "xtok.h"

/* The FNV-1a hashes (util_hash64) of every byte prefix of every key of
** table t (0 stored as 1), in open addressing. */
typedef struct xl_prefixes {
  const lex_table *t; /* the table they are of; NULL: none (not built) */
  uint64_t *h;        /* cap slots, 0 = empty */
  uint8_t *whole;     /* whole[m]: h[m] is also the hash of a whole key */
  size_t cap;
} xl_prefixes;

/* Build p for table t (once; p then lives as long as the process). */
void xl_prefixes_set(xl_prefixes *p, const lex_table *t);

/* xt_lookup(x, i, t, out), the join stopped early by p (built for t;
** otherwise xt_lookup itself answers). */
int xl_lookup_p(const xsent *x, size_t i, const lex_table *t,
                const xl_prefixes *p, const lex_entry **out);

/* Build the prefixes of lx's titles, degrees, monastic ranks, gazetteer
** and surnames (once, before any xl_lookup: extract_facts's setup). */
void xl_init(const lexicon *lx);
/* xt_lookup(x, i, t, out) through the prefixes xl_init built for t (t
** itself answers through xt_lookup when it has none). */
int xl_lookup(const xsent *x, size_t i, const lex_table *t,
              const lex_entry **out);

#endif
