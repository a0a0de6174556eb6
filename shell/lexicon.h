/*
** lexicon.h — the bundled word lists the fact extractors read: surnames,
** titles, units, issuers, the gazetteer and the abbreviation glossary;
** and the parser's marker lists (lexicon_list).
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
#include <string.h>

typedef struct lex_entry {
  const char *key;  /* lookup key (lowercased for case-insensitive tables) */
  size_t len;       /* strlen(key) */
  const char *val;  /* canonical form / expansion / NULL */
  const char *kind; /* second column (place kind, unit class) or NULL */
} lex_entry;

typedef struct lex_table {
  lex_entry *slots; /* open addressing, cap is a power of two */
  size_t cap, n;
  int maxtok;         /* most space-separated words in any key */
  int fold;           /* keys are lowercased; look up lowercased text */
  uint32_t *firsts;   /* set of lexicon_word_hash of each key's first word */
  uint8_t *fmax;      /* per first word: most words of a key starting so */
  size_t fcap, fn;    /* its capacity (power of two; 0 when empty), count */
  uint64_t bloom[64]; /* 4096-bit filter over firsts: a quick "no" */
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

int32_t lexicon_lower_cp_slow(int32_t cp); /* utf8proc_tolower */

/* Lowercase of code point cp (fast for Latin and Vietnamese letters). */
static inline int32_t lexicon_lower_cp(int32_t cp) {
  if (cp < 0x80) return cp >= 'A' && cp <= 'Z' ? cp + 32 : cp;
  if (cp < 0x100) return cp >= 0xC0 && cp <= 0xDE && cp != 0xD7 ? cp + 32 : cp;
  if (cp < 0x130 || (cp >= 0x1EA0 && cp <= 0x1EF9)) return cp | 1;
  if (cp == 0x1A0 || cp == 0x1AF) return cp + 1; /* Ơ Ư */
  if (cp == 0x1A1 || cp == 0x1B0) return cp;
  return lexicon_lower_cp_slow(cp);
}

/* The word hash from its parts: the lowercased first letter cp, the byte
** length n and v, the (up to) 8 bytes after the first letter, little
** endian — cheap, and a collision only costs a lookup that then fails. */
static inline uint32_t lexicon_hash_parts(int32_t cp, size_t n, uint64_t v) {
  uint64_t h = ((uint64_t)(uint32_t)lexicon_lower_cp(cp) << 32 | n) *
               0x9E3779B97F4A7C15ull;
  h ^= v * 0xC2B2AE3D27D4EB4Full;
  h ^= h >> 29;
  h *= 0x165667B19E3779F9ull;
  uint32_t r = (uint32_t)(h >> 32);
  return r ? r : 1;
}

/* 8 bytes at p as a little-endian number. */
static inline uint64_t lexicon_load8(const char *p) {
  uint64_t v;
  memcpy(&v, p, 8);
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
  v = __builtin_bswap64(v);
#endif
  return v;
}

/* lexicon_word_hash when the first code point cp (k bytes) is decoded. */
static inline uint32_t lexicon_word_hash_cp(const char *s, size_t n, int32_t cp,
                                            size_t k) {
  uint64_t v = 0;
  if (n - k >= 8) {
    v = lexicon_load8(s + k);
  } else {
    for (size_t i = k; i < n; i++)
      v |= (uint64_t)(unsigned char)s[i] << (8 * (i - k));
  }
  return lexicon_hash_parts(cp, n, v);
}

/* The most words of a key of t that starts with the word of hash h; 0
** when no key starts so. */
int lex_first(const lex_table *t, uint32_t h);

/* lex_find with h = util_hash64(s, n) already computed. */
const lex_entry *lex_find_h(const lex_table *t, const char *s, size_t n,
                            uint64_t h);

/* Lowercase UTF-8 s[0..n) into dst (cap bytes, NUL-terminated). Returns
** the length written, or 0 when it does not fit. */
size_t lexicon_fold(char *dst, size_t cap, const char *s, size_t n);

/* ---- the parser's word lists (data/parser-markers.tsv) ----
** Lines "kind<TAB>phrase"; each kind is one list, in file order. */
enum {
  LEXL_BANNER_LINE,
  LEXL_BANNER_START,
  LEXL_LEGAL_BANNER,
  LEXL_RELATED_LINE,
  LEXL_RELATED_START,
  LEXL_FOOTER_START,
  LEXL_FOOTER_SHORT,
  LEXL_FOOTER_LINE,
  LEXL_SHARE_START,
  LEXL_SHARE_LINE,
  LEXL_SHARE_WORD,
  LEXL_WIDGET_START,
  LEXL_WIDGET_LINE,
  LEXL_CONTACT,
  LEXL_SITE_HEAD,
  LEXL_CAPTION_START,
  LEXL_CAPTION_OPENER,
  LEXL_CAPTION_PHRASE,
  LEXL_LEAD_OPENER,
  LEXL_HEADING_HEAD,
  LEXL_BYLINE_SOURCE,
  LEXL_BYLINE_ROLE,
  LEXL_BYLINE_ROLE_TAIL,
  LEXL_NOT_A_NAME,
  LEXL_THANKS_START,
  LEXL_DATE_WORD,
  LEXL__COUNT
};

/* The phrases of list `which` (LEXL_*), NULL-terminated, in file order;
** loaded once, never freed, read-only; empty when the file is missing. */
const char *const *lexicon_list(int which);

#endif
