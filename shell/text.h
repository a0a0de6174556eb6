/*
** text.h — the text layer: the one UTF-8 decoder, the one character-class
** table, the one case fold and accent fold, the tokenizer (text_tok.h)
** and the normaliser, the first stage of parsing (bytes of any supported
** encoding -> clean NFC UTF-8). Every other module (parser, extractors,
** FTS5 tokenizer, lexicon, Lua bindings) uses these and has no copy.
** Pure C, thread-safe (the lazily filled tables are written with relaxed
** atomics, two threads computing an entry write the same value), no Lua.
**
** Files: text_utf8.c (decoder, classes, folds), text_tok.c (tokenizer),
** text_norm.c (normaliser), text_legacy.c (legacy encodings).
*/
#ifndef TINSH_TEXT_H
#define TINSH_TEXT_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

/* ---- UTF-8: the one decoder ---- */

/*
** Decode one code point from s[0..n) (n >= 1). Returns the number of bytes
** consumed (1..4) and stores the code point in *cp. On an invalid or
** truncated sequence (overlong forms, surrogates, > U+10FFFF included)
** returns 1 and stores -1: the caller skips one byte and goes on.
*/
int text_utf8_decode(const char *s, size_t n, int32_t *cp);

/* text_utf8_decode with the common cases inline: ASCII, and well-formed
** two- and three-byte sequences (all of Vietnamese). Same results. */
static inline int text_decode(const char *s, size_t n, int32_t *cp) {
  const unsigned char *u = (const unsigned char *)s;
  unsigned c = u[0];
  if (c < 0x80) return *cp = (int32_t)c, 1;
  if (c >= 0xC2 && c < 0xE0 && n >= 2 && (u[1] & 0xC0) == 0x80)
    return *cp = (int32_t)(((c & 0x1F) << 6) | (u[1] & 0x3F)), 2;
  if (c >= 0xE1 && c < 0xF0 && c != 0xED && n >= 3 && (u[1] & 0xC0) == 0x80 &&
      (u[2] & 0xC0) == 0x80)
    return *cp = (int32_t)(((c & 0x0F) << 12) | ((u[1] & 0x3F) << 6) |
                           (u[2] & 0x3F)),
           3;
  return text_utf8_decode(s, n, cp);
}

/* Encode cp (0..0x10FFFF, not a surrogate) into out; returns 1..4 bytes.
** Anything else is encoded as U+FFFD. */
int text_utf8_encode(int32_t cp, char out[4]);

/* Is s[0..n) valid UTF-8? (1 = yes) */
int text_utf8_valid(const char *s, size_t n);

/* Number of code points in valid UTF-8 s[0..n) (invalid bytes count 1). */
size_t text_utf8_len(const char *s, size_t n);

/* ---- the character classes: one table ---- */

/*
** Class bits of a code point (Unicode general categories, utf8proc):
** a letter is L* only. A combining mark (M*) is NOT a letter: it is a
** word character that continues the word it follows and never starts
** one (the tokenizer skips a stray mark). Nl/No (Roman numerals,
** superscripts, fractions) continue words like letters. White space is
** Z* plus the ASCII controls \t \n \v \f \r, U+200B and U+FEFF.
** Invalid code points (-1) have no bits.
*/
enum {
  TEXT_LETTER = 1,   /* L* */
  TEXT_UPPER = 2,    /* Lu, Lt */
  TEXT_LOWER = 4,    /* Ll */
  TEXT_DIGIT = 8,    /* Nd */
  TEXT_NUMERIC = 16, /* Nl, No */
  TEXT_MARK = 32,    /* Mn, Mc, Me */
  TEXT_SPACE = 64    /* Z*, ASCII white space, U+200B, U+FEFF */
};
/* the characters a word is made of */
#define TEXT_WORD (TEXT_LETTER | TEXT_DIGIT | TEXT_NUMERIC | TEXT_MARK)

/* The class table: one byte per BMP code point, filled on first use
** (bit 0x80 = filled). Read it through text_class. */
extern _Atomic unsigned char text_class_tab_[0x10000];
extern const unsigned char text_ascii_class_[128]; /* constant, ASCII */
unsigned text_class_fill_(int32_t cp);
/* The same bits computed from utf8proc without the tables (for tests). */
unsigned text_class_slow(int32_t cp);

/* TEXT_* bits of cp (ASCII inline, the BMP from the table). */
static inline unsigned text_class(int32_t cp) {
  if ((uint32_t)cp < 0x80) return text_ascii_class_[cp];
  if (cp < 0) return 0;
  if (cp < 0x10000) {
    unsigned c = text_class_tab_[cp];
    if (c) return c & 0x7F;
  }
  return text_class_fill_(cp);
}

/* Is cp a letter (Unicode category L*)? Combining marks are not. */
static inline int text_is_letter(int32_t cp) {
  return (text_class(cp) & TEXT_LETTER) != 0;
}
/* Is cp an upper-case letter (Lu or Lt)? */
static inline int text_is_upper(int32_t cp) {
  return (text_class(cp) & TEXT_UPPER) != 0;
}
/* Is cp a lower-case letter (Ll)? */
static inline int text_is_lower(int32_t cp) {
  return (text_class(cp) & TEXT_LOWER) != 0;
}

/* ---- the case fold and the accent fold ---- */

/*
** The case fold is Unicode full case folding followed by NFC ("Đảng" ->
** "đảng", "ß" -> "ss"). The accent fold is the case fold with every
** combining mark removed and đ -> d ("Đảng" -> "dang"): the search
** index's accent-insensitive form. Both are idempotent.
**
** Per code point (fast; tables below U+2000): text_fold_pair gives both
** folds of cp when each is one code point and returns 1; it returns 0
** (the caller folds the whole string) for a combining mark, a fold of
** several code points, or cp >= U+2000 outside the table.
*/
#define TEXT_FOLD_TAB 0x2000
extern _Atomic int64_t text_fold_tab_[TEXT_FOLD_TAB];
int64_t text_fold_fill_(int32_t cp);

static inline int text_fold_pair(int32_t cp, int32_t *fold, int32_t *strip) {
  if (cp < 0 || cp >= TEXT_FOLD_TAB) return 0;
  int64_t e = text_fold_tab_[cp];
  if (!e) e = text_fold_fill_(cp);
  *fold = (int32_t)(e >> 32) - 2;
  *strip = (int32_t)(uint32_t)e - 2;
  return *fold >= 0 && *strip >= 0;
}

/*
** Both folds of s[0..n) code point by code point (text_fold_pair): the
** case fold into ex, the accent fold into st (room for 4 * n bytes each),
** their lengths through *nex and *nst. Returns 0, or -1 when some code
** point needs the whole-string fold (an invalid byte, a combining mark, a
** fold of several code points, beyond the table): fold the whole string.
*/
int text_fold_pair_str(const char *s, size_t n, char *ex, int *nex, char *st,
                       int *nst);

/* The case fold of cp when it is one code point, else cp itself. */
int32_t text_fold_cp(int32_t cp);
/*
** s[0..n) recased into out (cap bytes): every letter in its simple upper
** case (TEXT_CASE_UPPER: "Trần" -> "TRẦN"), or the first code point kept
** and the rest case-folded (TEXT_CASE_NAME: "TRẦN" -> "Trần"). Returns
** the length, or 0 for an invalid byte or an out too small.
*/
enum { TEXT_CASE_UPPER = 1, TEXT_CASE_NAME = 2 };
size_t text_recase(const char *s, size_t n, int mode, char *out, size_t cap);

/*
** Fold s[0..n) into dst (cap bytes, NUL-terminated): the case fold, or the
** accent fold when `accents` is TEXT_FOLD_ACCENTS. Invalid bytes are
** copied as they are. Returns the length written, or 0 when it does not
** fit (or s is empty).
*/
enum { TEXT_FOLD_CASE = 0, TEXT_FOLD_ACCENTS = 1 };
size_t text_fold(char *dst, size_t cap, const char *s, size_t n, int accents);

/* The same into a malloc'd string (length in *outlen); NULL when s is not
** valid UTF-8. */
char *text_fold_alloc(const char *s, size_t n, int accents, size_t *outlen);

/* ---- the normaliser ---- */

/* What the normaliser repaired; one counter per warning kind. */
typedef struct text_stats {
  size_t invalid;        /* invalid UTF-8 bytes replaced by U+FFFD */
  int utf16;             /* 0, 1 = UTF-16LE decoded, 2 = UTF-16BE decoded */
  int cp1252;            /* whole input was not UTF-8: read as Windows-1252 */
  int cp1258;            /* ... and it was Vietnamese Windows-1258 */
  int bom;               /* byte-order mark removed */
  size_t crlf;           /* CRLF or lone CR turned into LF */
  size_t nbsp;           /* NBSP and other odd spaces turned into ' ' */
  size_t zero_width;     /* zero-width characters removed */
  size_t controls;       /* control characters removed */
  size_t marks;          /* stray or doubled combining marks repaired */
  size_t nfc_lines;      /* lines that NFC composition changed */
  size_t entities;       /* HTML entities decoded */
  size_t debris;         /* scraper entity debris repaired ("TT&TT;") */
  size_t vni_lines;      /* lines converted from VNI-Windows mojibake */
  size_t tcvn3_lines;    /* lines converted from TCVN3 mojibake */
  size_t legacy_lines;   /* lines that look like legacy mojibake, left alone */
  size_t vni_case;       /* VNI letters set to the case of their word */
  size_t legacy_partial; /* Unicode lines holding VNI/TCVN3-looking words */
  size_t bad_syllables;  /* syllables Vietnamese never writes ("cơng") */
  size_t viet_syllables; /* space-separated words looked at */
  char bad_example[32];  /* the first of them */
  uint64_t hash;         /* util_hash64 of the normalised text */
  int damage_possible;   /* text_damage_possible of the normalised text */
} text_stats;

/*
** Normalise `n` bytes of article text: decode (UTF-8, UTF-16 with a BOM,
** or Windows-1252 when the input is clearly not UTF-8), replace invalid
** bytes with U+FFFD, remove BOM / zero-width / control characters, turn
** CRLF and CR into LF, NBSP and tabs into spaces, collapse runs of spaces,
** trim line ends, decode HTML entities and repair entity debris, convert
** legacy VNI/TCVN3 mojibake lines when confident, repair stray/doubled
** combining marks and compose to NFC (utf8proc).
** Returns a malloc'd NUL-terminated string, its length in *outlen; counts
** what was repaired in *st (may be NULL). Linear in n; never fails.
*/
char *text_normalize(const char *s, size_t n, size_t *outlen, text_stats *st);

/* The normaliser for short strings (search queries...): same cleanup,
** no statistics. Returns a malloc'd string; *outlen may be NULL. */
char *text_normalize_str(const char *s, size_t n, size_t *outlen);

#include "text_tok.h"

/* Is the word w[0..n) shaped as one Vietnamese syllable (Vietnamese
** initial consonants, 1-3 vowels with at most one tone, a Vietnamese
** final)? "Nguyễn", "Chấn", "Páo": yes; "Susan", "Harris", "Kdăm": no. */
int text_viet_shaped(const char *w, size_t n);

/* The byte length of a list bullet at s[0..n) ("•", "●", "▪", "◦", "·"),
** 0 when s starts with none: the one list the parser and the date-line
** reader share. */
static inline size_t text_bullet(const char *s, size_t n) {
  static const char *const marks[] = {"\xe2\x80\xa2", "\xe2\x97\x8f",
                                      "\xe2\x96\xaa", "\xe2\x97\xa6",
                                      "\xc2\xb7"};
  for (size_t m = 0; m < sizeof marks / sizeof *marks; m++) {
    size_t k = marks[m][2] ? 3 : 2;
    if (n >= k && memcmp(s, marks[m], k) == 0) return k;
  }
  return 0;
}

#endif
