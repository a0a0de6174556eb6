/*
** text_entity.c — HTML entities in scraped text (text_entity.h): the
** named ones, numeric ones, and scraper debris ("TT&TT;"), for the
** normaliser (text_norm.c) and its clean path's '&' test.
*/
#include "text_entity.h"

#include <string.h>

#include "text.h"
#include "text_int.h"

typedef struct entity {
  const char *name;
  int32_t cp;
} entity;

/* HTML named entities seen in scraped Vietnamese text (Latin-1 letters,
** punctuation, a few symbols). Searched linearly: '&' is rare. */
static const entity entities[] = {
    {"nbsp", 0xA0},    {"amp", '&'},       {"quot", '"'},
    {"apos", '\''},    {"lt", '<'},        {"gt", '>'},
    {"ndash", 0x2013}, {"mdash", 0x2014},  {"hellip", 0x2026},
    {"lsquo", 0x2018}, {"rsquo", 0x2019},  {"ldquo", 0x201C},
    {"rdquo", 0x201D}, {"laquo", 0xAB},    {"raquo", 0xBB},
    {"bull", 0x2022},  {"middot", 0xB7},   {"copy", 0xA9},
    {"reg", 0xAE},     {"deg", 0xB0},      {"times", 0xD7},
    {"divide", 0xF7},  {"plusmn", 0xB1},   {"frac12", 0xBD},
    {"euro", 0x20AC},  {"trade", 0x2122},  {"sect", 0xA7},
    {"para", 0xB6},    {"shy", 0xAD},      {"zwnj", 0x200C},
    {"zwj", 0x200D},   {"thinsp", 0x2009}, {"ensp", 0x2002},
    {"emsp", 0x2003},  {"iexcl", 0xA1},    {"iquest", 0xBF},
    {"Agrave", 0xC0},  {"Aacute", 0xC1},   {"Acirc", 0xC2},
    {"Atilde", 0xC3},  {"Auml", 0xC4},     {"Aring", 0xC5},
    {"AElig", 0xC6},   {"Ccedil", 0xC7},   {"Egrave", 0xC8},
    {"Eacute", 0xC9},  {"Ecirc", 0xCA},    {"Euml", 0xCB},
    {"Igrave", 0xCC},  {"Iacute", 0xCD},   {"Icirc", 0xCE},
    {"Iuml", 0xCF},    {"ETH", 0xD0},      {"Ntilde", 0xD1},
    {"Ograve", 0xD2},  {"Oacute", 0xD3},   {"Ocirc", 0xD4},
    {"Otilde", 0xD5},  {"Ouml", 0xD6},     {"Oslash", 0xD8},
    {"Ugrave", 0xD9},  {"Uacute", 0xDA},   {"Ucirc", 0xDB},
    {"Uuml", 0xDC},    {"Yacute", 0xDD},   {"szlig", 0xDF},
    {"agrave", 0xE0},  {"aacute", 0xE1},   {"acirc", 0xE2},
    {"atilde", 0xE3},  {"auml", 0xE4},     {"aring", 0xE5},
    {"aelig", 0xE6},   {"ccedil", 0xE7},   {"egrave", 0xE8},
    {"eacute", 0xE9},  {"ecirc", 0xEA},    {"euml", 0xEB},
    {"igrave", 0xEC},  {"iacute", 0xED},   {"icirc", 0xEE},
    {"iuml", 0xEF},    {"eth", 0xF0},      {"ntilde", 0xF1},
    {"ograve", 0xF2},  {"oacute", 0xF3},   {"ocirc", 0xF4},
    {"otilde", 0xF5},  {"ouml", 0xF6},     {"oslash", 0xF8},
    {"ugrave", 0xF9},  {"uacute", 0xFA},   {"ucirc", 0xFB},
    {"uuml", 0xFC},    {"yacute", 0xFD},   {"yuml", 0xFF},
    {"Dstrok", 0x110}, {"dstrok", 0x111},  {"Abreve", 0x102},
    {"abreve", 0x103}, {"Utilde", 0x168},  {"utilde", 0x169},
    {"Itilde", 0x128}, {"itilde", 0x129}};

int32_t text_entity_lookup(const char *name, size_t n) {
  for (size_t i = 0; i < sizeof entities / sizeof *entities; i++)
    if (strlen(entities[i].name) == n && memcmp(entities[i].name, name, n) == 0)
      return entities[i].cp;
  return -1;
}

/*
** A numeric entity "&#150;" / "&#x1EA1;" whose digits start at s[j]
** (after "&#"; the '&' at i). Returns the bytes consumed from i (0 = not
** one) and the code point in *cp: out of range -> U+FFFD, C1 controls
** read as Windows-1252.
*/
static size_t numeric_entity(const char *s, size_t n, size_t i, size_t j,
                             int32_t *cp) {
  int hex = j < n && (s[j] == 'x' || s[j] == 'X');
  if (hex) j++;
  int64_t v = 0; /* 8 hex digits do not fit an int32_t */
  size_t d0 = j;
  for (; j < n && j - d0 < 8; j++) {
    int c = (unsigned char)s[j], dv;
    if (c >= '0' && c <= '9')
      dv = c - '0';
    else if (hex && (c | 0x20) >= 'a' && (c | 0x20) <= 'f')
      dv = (c | 0x20) - 'a' + 10;
    else
      break;
    v = v * (hex ? 16 : 10) + dv;
  }
  if (j == d0 || j >= n || s[j] != ';') return 0;
  if (v <= 0 || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF)) v = 0xFFFD;
  if (v >= 0x80 && v < 0xA0) v = text_cp1252((unsigned char)v); /* &#150; */
  *cp = (int32_t)v;
  return j + 1 - i;
}

/*
** Scraper debris at s[i] == '&': "TT&TT;", "GD&ĐT;" -- upper-case letters
** (Đ too) glued to a word and closed by ';' that name no entity. Returns
** the bytes up to and with the ';' (to be written without it), or 0.
*/
static size_t entity_debris(const char *s, size_t n, size_t i) {
  if (i == 0 || !((s[i - 1] >= 'A' && s[i - 1] <= 'Z') ||
                  (unsigned char)s[i - 1] >= 0x80))
    return 0;
  size_t a = i + 1, q = a, letters = 0;
  while (q < n && letters < 8) {
    if (s[q] >= 'A' && s[q] <= 'Z')
      q++, letters++;
    else if (q + 1 < n && (unsigned char)s[q] == 0xC4 &&
             (unsigned char)s[q + 1] == 0x90)
      q += 2, letters++;
    else
      break;
  }
  if (letters && q < n && s[q] == ';' && text_entity_lookup(s + a, q - a) < 0)
    return q + 1 - i;
  return 0;
}

/*
** Try to decode an HTML entity at s[i] == '&'. Returns the bytes consumed
** (0 = not an entity) and the code point in *cp (-2 = debris: emit the
** text without its ';').
*/
size_t text_entity_parse(const char *s, size_t n, size_t i, int32_t *cp) {
  size_t j = i + 1, a = j, k;
  if (j < n && s[j] == '#') return numeric_entity(s, n, i, j + 1, cp);
  if ((k = entity_debris(s, n, i))) return *cp = -2, k;
  while (j < n && j - a < 10 &&
         (((s[j] | 0x20) >= 'a' && (s[j] | 0x20) <= 'z') ||
          (s[j] >= '0' && s[j] <= '9')))
    j++;
  if (j == a) return 0;
  int32_t v = text_entity_lookup(s + a, j - a);
  if (v >= 0 && j < n && s[j] == ';') return *cp = v, j + 1 - i;
  /* "&nbsp" without ';' before a non-letter */
  if (v >= 0 && (v == 0xA0 || v == '&' || v == '"') && (j >= n || s[j] == ' '))
    return *cp = v, j - i;
  return 0;
}
