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

#endif
