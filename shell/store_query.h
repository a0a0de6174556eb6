/*
** store_query.h — a compiled pattern (query.h) run over a corpus: the
** candidate documents (FTS5 MATCH on the pattern's required words, EXISTS
** on its required facts, its "::" conditions as WHERE), then each
** candidate's blocks of the searched kinds. Pure C, no Lua.
*/
#ifndef TINSH_STORE_QUERY_H
#define TINSH_STORE_QUERY_H

#include <stdint.h>

#include "query.h"
#include "store.h"

/* one match, valid during the callback only */
typedef struct q_hit {
  int64_t rowid;      /* documents.id */
  int seq;            /* the block's seq (block_rows) */
  const char *kind;   /* the block's kind */
  const char *text;   /* the block's text */
  const q_stream *st; /* its tokens */
  const q_match *m;   /* tokens [m->s, m->e), named parts */
  const char *title;  /* the document's title, or NULL */
  const char *path;   /* the document's path */
} q_hit;

/* Return 0 to go on; non-zero stops store_query_run, which returns it. */
typedef int (*q_hit_fn)(void *ud, const q_hit *h);

/* what a run did (for --explain and tests) */
typedef struct q_run_stats {
  long candidates; /* documents read */
  long blocks;     /* blocks tokenized */
  long mapped;     /* of them, from their token position map */
  char plan[512];  /* how the candidates were found */
} q_run_stats;

typedef struct q_run_opts {
  const struct seg_lex *lex; /* NULL: the default lexicon */
  const int64_t *docs;       /* only these documents (NULL: all) */
  size_t ndocs;
  long budget;        /* matcher steps per block (0: Q_BLOCK_BUDGET) */
  int corpus_lex;     /* lex is the corpus's lexicon (the default one with
                         the database's user words) */
  int no_index;       /* no vocabulary prefilter, no position maps */
  q_run_stats *stats; /* filled when not NULL */
  long vocab_max;     /* most vocabulary hits a regex may turn into terms
                         (0: Q_VOCAB_MAX_TERMS) */
} q_run_opts;

/* steps the matcher may take on one block before the query fails */
#define Q_BLOCK_BUDGET 20000000L

/*
** Every match of p in the corpus, ordered by document, block, position.
** Returns 0, the callback's non-zero value, or -1 with *err (malloc'd):
** an SQL error, or a block on which the matcher ran out of steps.
*/
int store_query_run(store *s, const q_pattern *p, const q_run_opts *o,
                    q_hit_fn cb, void *ud, char **err);

#endif
