/*
** store_wordstats.h — word statistics kept in the database, maintained
** by the ingest. Pure C, no Lua.
**
** Tables (schema version 7):
**   word_stats(word, display, plain, count, docs)  one row per word: the
**     word's key (folded syllables joined by one space, what the
**     statistics count), the form it was first seen written in, the
**     accent-stripped key of a multi-syllable word (NULL otherwise),
**     occurrences and documents;
**   word_bigrams(w1, w2, count, docs)  pairs of words side by side inside
**     a clause, neither a stopword (data/stopwords-vi.txt) nor a number.
**   doc_words(doc, words)  (schema version 9) each document's number of
**     those words, for rates per document or group (corpus:trend); a
**     document's row is written with its counts and deleted with it.
** meta keys: wordstats ('1' when the tables hold exactly the counts of
** the stored documents, '0' when stale), wordstats_user (the user
** lexicon they were counted with: store_words_text's form,
** "+word\n" or "-word\n" in word order), wordstats_lex (the
** size of the bundled lexicon), wordstats_tokens and wordstats_docs
** (tokens counted, documents with content).
**
** The words are those of the statistics: the content blocks (title, lead,
** headings, paragraphs, questions, answers, captions) segmented with the
** database's user lexicon; a multi-syllable word is one token, a single
** syllable or a figure gives the syllable tokenizer's tokens; a clause
** break (punctuation) ends a pair.
*/
#ifndef TINSH_STORE_WORDSTATS_H
#define TINSH_STORE_WORDSTATS_H

#include <sqlite3.h>
#include <stdint.h>

#include "doc.h"
#include "fts.h"
#include "store.h"

/* The tables, for the schema step (no meta: wstats_open decides). */
#define WSTATS_SCHEMA_SQL                                                  \
  "CREATE TABLE IF NOT EXISTS word_stats(word TEXT PRIMARY KEY, display "  \
  "TEXT, plain TEXT, count INTEGER NOT NULL, docs INTEGER NOT NULL) "      \
  "WITHOUT ROWID;"                                                         \
  "CREATE INDEX IF NOT EXISTS word_stats_plain ON word_stats(plain) "      \
  "WHERE plain IS NOT NULL;"                                               \
  "CREATE TABLE IF NOT EXISTS word_bigrams(w1 TEXT NOT NULL, w2 TEXT NOT " \
  "NULL, count INTEGER NOT NULL, docs INTEGER NOT NULL, PRIMARY KEY(w1, "  \
  "w2)) WITHOUT ROWID;"

/* The words of each document (schema version 9). */
#define WSTATS_DOC_SQL                                                   \
  "CREATE TABLE IF NOT EXISTS doc_words(doc INTEGER PRIMARY KEY, words " \
  "INTEGER NOT NULL);"
/* A document's row: ?1 the document, ?2 its words (wstats_bind_doc). */
#define WSTATS_DOC_PUT_SQL \
  "INSERT OR REPLACE INTO doc_words(doc, words) VALUES(?1, ?2)"

typedef struct wstats wstats;         /* one ingest run's state */
typedef struct wstats_doc wstats_doc; /* the counts of one document */

/*
** The word statistics of an ingest into s. reparse: every document is
** re-derived, the counts are recounted at the end (wstats_rebuild).
** Otherwise they are kept incrementally when they are up to date (or
** the database holds no document yet), else left stale. NULL when the
** lexicon cannot be loaded (nothing is kept then).
*/
wstats *wstats_open(store *s, int reparse);
void wstats_close(wstats *w);

/* Count the words of d (any thread; NULL when w keeps nothing). */
wstats_doc *wstats_count(const wstats *w, const doc *d);
void wstats_doc_free(wstats_doc *c);
/* Bind document id's row of doc_words (its number of words counted in
** c) to st, a statement prepared from WSTATS_DOC_PUT_SQL. */
void wstats_bind_doc(sqlite3_stmt *st, int64_t id, const wstats_doc *c);

/*
** The same counts from the FTS columns of d (title, lead, body,
** captions, answers as the ingest indexes them, NULL for none) and the
** words fts_segment found in each with the lexicon named by
** wstats_lexicon: a content block is counted from its span of its
** column (blocks are joined with '\n', which the segmenter never
** crosses, so a span's words are the block's own), a title or lead whose
** text is not its column's is segmented alone. Saves segmenting every
** text twice (once for the index, once here).
*/
wstats_doc *wstats_count_cols(const wstats *w, const doc *d,
                              const char *const col[5], const fts_words ws[5]);
/* Do two documents' counts agree (words, pairs, display forms)? */
int wstats_doc_same(const wstats_doc *a, const wstats_doc *b);
/* The user lexicon the counts are made with (store_words_text's form),
** NULL when w keeps nothing. */
const char *wstats_lexicon(const wstats *w);

/* The writer: add a written document's counts (c is taken over and
** freed, possibly later: another thread adds them), subtract a stored
** document about to be deleted (re-read from the database), and write
** the batch's changes (inside its transaction; every count added or
** subtracted before is in). 0 or -1. */
void wstats_add(wstats *w, wstats_doc *c);
int wstats_sub(wstats *w, sqlite3 *db, int64_t id);
int wstats_flush(wstats *w, sqlite3 *db);

/* After a complete --reparse: recount every stored document (own
** transaction) and mark the counts up to date. 0 or -1. */
int wstats_rebuild(wstats *w, sqlite3 *db);

#endif
