/*
** store_words.h — the user lexicon kept in a database (table corpus_words,
** written by corpus:words{} in Lua). Pure C, no Lua.
*/
#ifndef TINSH_STORE_WORDS_H
#define TINSH_STORE_WORDS_H

#include "store.h"

/*
** Called once per entry: word is its lexicon key (folded syllables joined
** by one space), add is 1 for a taught word and 0 for a removed one.
** Return 0 to go on; non-zero stops store_user_words, which returns it.
*/
typedef int (*store_word_fn)(void *ctx, const char *word, int add);

/*
** Call cb for every entry of the user lexicon of s, in word order. Returns
** 0 (also when the database has no user lexicon), the callback's non-zero
** value, or -1 on an SQLite error.
*/
int store_user_words(store *s, store_word_fn cb, void *ctx);

/*
** The user lexicon of s as text, one entry a line in word order: "+word"
** for a taught word, "-word" for a removed one (what meta 'fts_lexicon'
** keeps: the user lexicon the full-text index was built with). malloc'd,
** "" when there is none; NULL on an SQLite error.
*/
char *store_words_text(store *s);

/* Was the full-text index (and its token maps' words) built with s's
** current user lexicon (meta 'fts_lexicon' equals store_words_text)?
** The bundled lexicon is checked map by map (store_tokmap_lexstamp). */
int store_words_index_current(store *s);

/*
** A segmenter overlay on the default lexicon holding the entries of text
** (store_words_text's form): free it with seg_lex_free. NULL when text is
** NULL or empty: the default lexicon itself is the answer.
*/
struct seg_lex;
struct seg_lex *store_words_overlay(const char *text);

#endif
