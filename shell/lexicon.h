/*
** lexicon.h — the bundled word lists the fact extractors read: surnames,
** titles, units, issuers, the gazetteer and the abbreviation glossary.
**
** The lists are plain UTF-8 (NFC) text files in the data folder:
** $TINSH_DATA when set, else the compile-time TINSH_DATA_DIR. They are
** loaded once per process (pthread_once) and never freed; lookups are
** read-only and thread-safe. A missing folder or file leaves that table
** empty and prints one warning on stderr.
*/
#ifndef TINSH_LEXICON_H
#define TINSH_LEXICON_H

#include <stddef.h>
#include <stdint.h>

typedef struct lex_entry {
  const char *key;  /* lookup key (lowercased for case-insensitive tables) */
  size_t len;       /* strlen(key) */
  const char *val;  /* canonical form / expansion / NULL */
  const char *kind; /* second column (place kind, unit class) or NULL */
} lex_entry;

typedef struct lex_table {
  lex_entry *slots; /* open addressing, cap is a power of two */
  size_t cap, n;
  int maxtok; /* most space-separated words in any key */
  int fold;   /* keys are lowercased; look up lowercased text */
  uint32_t *firsts; /* set of lexicon_word_hash of each key's first word */
  size_t fcap, fn;  /* its capacity (power of two; 0 when empty), count */
} lex_table;

typedef struct lexicon {
  lex_table surnames; /* "Nguyễn" (exact case) */
  lex_table titles;   /* "bí thư", "phó chủ tịch" (folded) */
  lex_table units;    /* "đảng viên", "km", kind "stop" = not a unit */
  lex_table issuers;  /* "bộ chính trị" (folded) -> canonical spelling */
  lex_table places;   /* "Móng Cái" and aliases (exact) -> canonical, kind */
  lex_table glossary; /* "HĐND" (exact) -> expansion */
  int missing;        /* number of data files that could not be read */
} lexicon;

/* The process-wide lexicon, loaded on first use. Never NULL. */
const lexicon *lexicon_get(void);

/* Entry whose key equals s[0..n), or NULL. For a folding table the caller
** passes text already lowercased (lexicon_fold). */
const lex_entry *lex_find(const lex_table *t, const char *s, size_t n);

/* Hash of a word with its first letter lowercased (the rest as is), the
** same for "Móng" and "móng"; never 0. Tokens carry it so that a table
** can be skipped when no key starts with the word. */
uint32_t lexicon_word_hash(const char *s, size_t n);

/* Lowercase of code point cp (fast for Latin and Vietnamese letters). */
int32_t lexicon_lower_cp(int32_t cp);

/* Some key of t starts with the word of hash h. */
int lex_first(const lex_table *t, uint32_t h);

/* lex_find with h = util_hash64(s, n) already computed. */
const lex_entry *lex_find_h(const lex_table *t, const char *s, size_t n,
                            uint64_t h);

/* Lowercase UTF-8 s[0..n) into dst (cap bytes, NUL-terminated). Returns
** the length written, or 0 when it does not fit. */
size_t lexicon_fold(char *dst, size_t cap, const char *s, size_t n);

#endif
