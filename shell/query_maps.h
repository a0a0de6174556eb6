/*
** query_maps.h — a pattern's token streams from the token position maps
** kept in the database (doc_tokmap, tokmap.h): a block's words (or, on
** the syllable stream, its FTS token positions) come from its document's
** map instead of segmenting the block again. A block the map lacks, or
** whose length differs (a stale map), is tokenized from its text. No Lua.
*/
#ifndef TINSH_QUERY_MAPS_H
#define TINSH_QUERY_MAPS_H

#include <sqlite3.h>
#include <stdint.h>

#include "query.h"
#include "store.h"
#include "tokmap.h"

typedef struct q_maps {
  sqlite3_stmt *st; /* one document's map */
  tokmap m;
  int64_t doc; /* the document m holds */
  int ok;      /* m decoded, and usable for this stream */
  int syl;     /* syllable stream: positions, else the map's words */
} q_maps;

/*
** Read the maps of s for streams of syllables (syl) or words. Words need
** the run to segment with the corpus's lexicon (corpus_lex) and the index
** to have been built with it. Returns 1 when maps will be used, else 0
** (q_maps_stream then always gives 0). Free with q_maps_close either way.
*/
int q_maps_open(q_maps *q, store *s, int syl, int corpus_lex);
void q_maps_close(q_maps *q);
/* Make document doc's map current (q->ok: it has a usable one). */
void q_maps_doc(q_maps *q, int64_t doc);
/* Build st for block seq of the current document, whose text is
** text[0..n), from the map: 1 when built, 0 when the map does not cover
** it or its spans do not fit the text (build it from the text). */
int q_maps_stream(q_maps *q, q_stream *st, int seq, const char *text, size_t n);

#endif
