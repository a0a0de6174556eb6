/*
** store_wordstats_int.h — what the word statistics' counting
** (store_wordstats.c) and their writing (store_wordstats_flush.c) share:
** the counting tables. Not for other modules.
*/
#ifndef TINSH_STORE_WORDSTATS_INT_H
#define TINSH_STORE_WORDSTATS_INT_H

#include <sqlite3.h>
#include <stddef.h>
#include <stdint.h>

#include "util.h"

/* ---- a counting hash table ----
**
** Entries sit densely in insertion order (ents); the open-addressing index
** (slot) holds per entry the low 32 bits of its hash and its position + 1
** in one 8-byte word. A probe compares hashes without touching the
** entries, growing rehashes the index alone, and a walk over the entries
** (merging a document into the batch, sorting for the flush) is a
** sequential scan. Entry pointers are valid until the next insert.
*/

typedef struct ws_ent {
  char *key; /* arena string */
  size_t len;
  uint64_t h;
  int64_t cnt, df;
  char *disp; /* the word as first written, arena */
  int stop;   /* a stopword or a number (a document's words) */
} ws_ent;

typedef struct ws_map {
  uint64_t *slot; /* (hash low 32 bits) << 32 | (index + 1); 0 = empty */
  size_t cap;     /* slots, a power of two */
  ws_ent *ents;
  size_t n, ecap;
  arena a;
} ws_map;

/* ---- a counting table of word pairs ----
**
** A pair is keyed by the positions of its two words in a word map (w1 +
** 1 in the high 32 bits, w2 + 1 in the low ones: never 0, the empty
** slot), so a probe compares one integer and a merge needs no string.
** Entries sit in the open-addressing table itself.
*/

typedef struct ws_pent {
  uint64_t k; /* (w1 + 1) << 32 | (w2 + 1); 0 = empty */
  int64_t cnt, df;
} ws_pent;

typedef struct ws_pmap {
  ws_pent *slot;
  size_t cap, n; /* slots (a power of two), entries */
} ws_pmap;

/*
** Write a batch's changes, uni's words and bi's pairs (of uni's words),
** each table in key order: an upsert adding the counts, and a delete of
** a row whose count fell to zero. 0 or -1 (an SQLite error).
*/
int wstats_write_maps(sqlite3 *db, const ws_map *uni, const ws_pmap *bi);

#endif
