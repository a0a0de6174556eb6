/*
** query_vocab.h — candidate documents for a pattern's regex token tests
** from the database's vocabulary (the word statistics' words, or their
** syllables): the regex runs over the vocabulary and its hits become an
** FTS5 OR of phrases, for q_fts_expand. No Lua.
*/
#ifndef TINSH_QUERY_VOCAB_H
#define TINSH_QUERY_VOCAB_H

#include "query.h"
#include "store.h"
#include "util.h"

/* a regex matching more of the vocabulary than this is no prefilter */
#define Q_VOCAB_MAX_TERMS 1000

typedef struct q_vocab {
  VEC(char *) w; /* the vocabulary: words, or syllables (syl) */
  arena a;
  int syl, ok, nre;
  long max;
  buf note; /* what the prefilter did, for the plan */
} q_vocab;

/*
** Load the vocabulary p's regex tests are matched against, when it
** stands for what the run tokenizes: word statistics up to date, only
** block kinds they count, and for words (not syllables) corpus_lex set
** (the run segments with the corpus's lexicon) and the statistics
** counted with it. Returns 1 when loaded, else 0 with the reason in
** v->note. Free with q_vocab_close either way.
*/
int q_vocab_open(q_vocab *v, store *s, const q_pattern *p, int corpus_lex);
void q_vocab_close(q_vocab *v);
/* q_re_terms for q_fts_expand, ctx a q_vocab: the vocabulary words regex
** re matches as an FTS5 OR of phrases (its note says what it did). */
char *q_vocab_terms(void *ctx, const void *re, int *none);

#endif
