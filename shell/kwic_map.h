/*
** kwic_map.h — the concordance's hits from a token position map
** (tokmap.h) and FTS5's phrase instances, instead of finding the phrase
** in the text and segmenting it: the same hits and contexts kwic_find and
** kwic_whole give for the blocks the map covers. Pure C.
*/
#ifndef TINSH_KWIC_MAP_H
#define TINSH_KWIC_MAP_H

#include <stddef.h>
#include <stdint.h>

#include "kwic.h"
#include "tokmap.h"

/* A hit in block seq (offsets in the block's text). */
typedef struct kwic_mhit {
  int seq;
  kwic_hit k;
} kwic_mhit;

typedef struct kwic_mhits {
  kwic_mhit *v;
  size_t n, cap;
} kwic_mhits;

void kwic_mhits_free(kwic_mhits *h);

/* How the hits are kept and cut. */
typedef struct kwic_mopts {
  int nq;     /* the phrase's token count */
  int prefix; /* its last token is a prefix */
  int words;  /* keep whole words of the map's words only */
  int nwords; /* with words: context in words (-1: KWIC_CONTEXT bytes) */
} kwic_mopts;

/*
** Replace out's hits with those of the phrase instances pairs[0..2n)
** (FTS column, token offset of the phrase's first token) in map m:
** sorted by (seq, s, e), distinct; an instance off the map (a column it
** lacks, a position past its end, a phrase across two blocks) is
** skipped.
*/
void kwic_map_hits(const tokmap *m, const int32_t *pairs, size_t n,
                   const kwic_mopts *o, kwic_mhits *out);

/* The block of m with this seq (NULL: none). */
const tokmap_block *kwic_map_block(const tokmap *m, int seq);

#endif
