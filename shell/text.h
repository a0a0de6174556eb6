/*
** text.h — UTF-8 and Unicode utilities, and the text normaliser: the first
** stage of parsing (bytes of any supported encoding -> clean NFC UTF-8).
** Pure C, thread-safe (no mutable global state), no Lua.
*/
#ifndef TINSH_TEXT_H
#define TINSH_TEXT_H

#include <stddef.h>
#include <stdint.h>

/* ---- UTF-8 ---- */

/*
** Decode one code point from s[0..n) (n >= 1). Returns the number of bytes
** consumed (1..4) and stores the code point in *cp. On an invalid or
** truncated sequence (overlong forms, surrogates, > U+10FFFF included)
** returns 1 and stores -1.
*/
int text_utf8_decode(const char *s, size_t n, int32_t *cp);

/* Encode cp (0..0x10FFFF, not a surrogate) into out; returns 1..4 bytes. */
int text_utf8_encode(int32_t cp, char out[4]);

/* Is s[0..n) valid UTF-8? (1 = yes) */
int text_utf8_valid(const char *s, size_t n);

/* Number of code points in valid UTF-8 s[0..n) (invalid bytes count 1). */
size_t text_utf8_len(const char *s, size_t n);

/* ---- the normaliser ---- */

/* What the normaliser repaired; one counter per warning kind. */
typedef struct text_stats {
  size_t invalid;      /* invalid UTF-8 bytes replaced by U+FFFD */
  int utf16;           /* 0, 1 = UTF-16LE decoded, 2 = UTF-16BE decoded */
  int cp1252;          /* whole input was not UTF-8: read as Windows-1252 */
  int cp1258;          /* ... and it was Vietnamese Windows-1258 */
  int bom;             /* byte-order mark removed */
  size_t crlf;         /* CRLF or lone CR turned into LF */
  size_t nbsp;         /* NBSP and other odd spaces turned into ' ' */
  size_t zero_width;   /* zero-width characters removed */
  size_t controls;     /* control characters removed */
  size_t marks;        /* stray or doubled combining marks repaired */
  size_t nfc_lines;    /* lines that NFC composition changed */
  size_t entities;     /* HTML entities decoded */
  size_t debris;       /* scraper entity debris repaired ("TT&TT;") */
  size_t vni_lines;    /* lines converted from VNI-Windows mojibake */
  size_t tcvn3_lines;  /* lines converted from TCVN3 mojibake */
  size_t legacy_lines; /* lines that look like legacy mojibake, left alone */
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

/* ---- small helpers for the parser ---- */

/* Is cp a letter (Unicode category L*)? */
int text_is_letter(int32_t cp);
/* Is cp an upper-case letter (Lu or Lt)? */
int text_is_upper(int32_t cp);
/* Is cp a lower-case letter (Ll)? */
int text_is_lower(int32_t cp);

#endif
