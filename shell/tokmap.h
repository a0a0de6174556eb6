/*
** tokmap.h — a document's token position map, pure C: for each FTS
** column of block texts (body, captions, answers), the blocks it joins
** (their seq and length; the column is their texts joined by '\n'), the
** words the segmenter finds in each block, and the byte span of every
** token position of the FTS tokenizer (what FTS5's phrase instances count
** in). Kept as a compact BLOB of varints (tokmap_encode) so the
** concordance turns FTS5 instance positions into bytes and whole words
** without tokenizing or segmenting the text again.
**
** Offsets: positions in column bytes, words in block bytes; spans
** [s, e) (e exclusive).
*/
#ifndef TINSH_TOKMAP_H
#define TINSH_TOKMAP_H

#include <stddef.h>
#include <stdint.h>

#include "util.h"

#define TOKMAP_VERSION 1
#define TOKMAP_MAXCOL  3 /* columns kept in one map */

typedef struct tokmap_block {
  int seq;         /* the block's seq (block_rows.seq) */
  uint32_t cstart; /* its first byte in the column */
  uint32_t len;    /* its text's length */
  uint32_t w0, nw; /* its words: tokmap.wf/wt[w0 .. w0+nw) */
} tokmap_block;

typedef struct tokmap_col {
  int col; /* the FTS column index (2 body, 3 captions, 4 answers) */
  tokmap_block *b;
  size_t nb;
  uint32_t *ps, *pe; /* token position i spans [ps[i], pe[i]) */
  size_t np;
  size_t capb, capp; /* allocated blocks and positions */
} tokmap_col;

typedef struct tokmap {
  uint32_t lexstamp; /* the bundled lexicon's words were found with (its
                        size, seg_lex_size, as the word statistics stamp) */
  tokmap_col c[TOKMAP_MAXCOL];
  int ncol;
  uint32_t *wf, *wt; /* words [wf[i], wt[i]) in their block's bytes */
  size_t nw;
  size_t capw; /* (building) allocated words */
} tokmap;

void tokmap_init(tokmap *m);
void tokmap_free(tokmap *m);
/* Do a and b hold the same columns, blocks, words and positions? */
int tokmap_same(const tokmap *a, const tokmap *b);
/* Empty m, keeping its arrays for the next map. */
void tokmap_reset(tokmap *m);

/* Building: a new column (NULL when TOKMAP_MAXCOL are there), a block
** appended to it (its cstart follows the previous block and a '\n'), a
** word of the last block, a token position of the column. */
tokmap_col *tokmap_add_col(tokmap *m, int col);
void tokmap_add_block(tokmap *m, tokmap_col *c, int seq, uint32_t len);
void tokmap_add_word(tokmap *m, tokmap_col *c, uint32_t from, uint32_t to);
void tokmap_add_pos(tokmap_col *c, uint32_t s, uint32_t e);

/* Append m's blob to out. */
void tokmap_encode(const tokmap *m, buf *out);

/*
** Decode blob p[0..n) into m (initialised by tokmap_init, emptied here,
** its arrays reused; free it with tokmap_free either way). Returns 0, or -1
*when the blob is not a well-formed map
** (truncated, trailing bytes, a count larger than the blob could hold, a
** word outside its block, words out of order, a position outside its
** column): never reads past p + n.
*/
int tokmap_decode(tokmap *m, const void *p, size_t n);

/* The block of column c holding byte x of the column (-1: none, a '\n'
** between blocks or past the end). */
long tokmap_block_at(const tokmap_col *c, uint32_t x);

/* The block of m with this seq and, through *col when col is not NULL,
** its column (NULL: no such block). */
const tokmap_block *tokmap_find_block(const tokmap *m, int seq,
                                      const tokmap_col **col);

#endif
