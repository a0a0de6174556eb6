/*
** xtok_sent.c — the sentence ends of xt_tokenize and xt_tokenize_ref
** (xtok_sent.h): which '.', '!' or '?' ends a sentence, and which dot is
** the one of "TP.", of a middle initial or of a degree ("PGS.TS.").
*/
#include "xtok_sent.h"

#include <string.h>

#include "lexicon.h"
#include "text.h"

/* Does punctuation cp, ending at s[i], end a sentence? */
static int ends_sentence(const char *s, size_t i, size_t b, int32_t cp) {
  return (cp == '.' || cp == '!' || cp == '?') &&
         (i >= b || s[i] == ' ' || s[i] == '\n');
}

/* Is the dot just read (s[i-1]) the one of "TP." before a city of the
** gazetteer ("UBND TP. Hồ Chí Minh", "TP. Đà Nẵng"), which ends no
** sentence? prev is the token before the dot. */
static int city_dot(const char *s, size_t i, size_t b, const tok *prev) {
  if (prev->type != T_WORD || prev->len != 2 || prev->off + 3 != i ||
      !(memcmp(s + prev->off, "TP", 2) == 0 ||
        memcmp(s + prev->off, "Tp", 2) == 0))
    return 0;
  size_t a = i + 1, e = a;
  const lexicon *lx = lexicon_get();
  for (int w = 0; w < 4 && e < b; w++) {
    while (e < b && s[e] == ' ') e++;
    while (e < b && s[e] != ' ' && s[e] != ',' && s[e] != '.') e++;
    if (lex_find(&lx->places, s + a, e - a)) return 1;
  }
  return 0;
}

/* Is the dot just read (s[i-1]) the one of a foreign name's middle
** initial ("George W. Bush", "John F. Kennedy"), which ends no sentence:
** one capital letter glued before it (ini), a capitalised word that is
** no Vietnamese syllable before that (prev), and a capital after it?
** ("… Nguyễn Văn A. Ông B …" ends there.) */
static int initial_dot(const char *s, size_t i, size_t b, const tok *prev,
                       const tok *ini) {
  if (ini->type != T_WORD || ini->len != 1 || ini->off + 2 != i ||
      !(s[ini->off] >= 'A' && s[ini->off] <= 'Z') ||
      (ini->flags & TF_SPACE) == 0 || prev->type != T_WORD ||
      !(prev->flags & TF_UPPER) || i + 1 >= b ||
      !(s[i + 1] >= 'A' && s[i + 1] <= 'Z'))
    return 0;
  return !text_viet_shaped(s + prev->off, prev->len);
}

/* deg2[c][d >> 6] bit d & 63: a folded degree key starts with ASCII c d. */
static uint64_t deg2[128][2];

/* Add the first two bytes of each degree key to deg2. */
void xt_sent_init(const lex_table *t) {
  for (size_t i = 0; i < t->cap; i++) {
    const unsigned char *k = (const unsigned char *)t->slots[i].key;
    if (k && t->slots[i].len >= 2 && k[0] < 0x80 && k[1] < 0x80)
      deg2[k[0]][k[1] >> 6] |= 1ull << (k[1] & 63);
  }
}

/* 0 when the n bytes at p fold to no degree key by their first two bytes,
** both ASCII (text_fold lowers A-Z alone), the third ASCII or a precomposed
** letter (C3..C6, E1 BA/BB: composes with nothing); else 1: ask the table. */
static inline int may_be_degree(const char *p, size_t n) {
  const unsigned char *x = (const unsigned char *)p;
  if (n < 2 || x[0] >= 0x80 || x[1] >= 0x80) return 1;
  if (n > 2 && x[2] >= 0x80 && x[2] - 0xC3u >= 4u &&
      !(x[2] == 0xE1 && n > 3 && (x[3] == 0xBA || x[3] == 0xBB)))
    return 1;
  unsigned c0 = (unsigned)(x[0] - 'A') < 26u ? x[0] | 0x20u : x[0];
  unsigned c1 = (unsigned)(x[1] - 'A') < 26u ? x[1] | 0x20u : x[1];
  return deg2[c0][c1 >> 6] >> (c1 & 63) & 1;
}

/* Is the dot just read (s[i-1]) the closing dot of a degree of
** data/degrees.txt glued to it ("PGS.TS. Nguyễn Văn An", "ThS. Lò Thu
** Hà"), or of a monastic rank before "Thích" (data/monastic-ranks.txt:
** "TT. Thích Huệ Nhẫn"), a capital after it? It ends no sentence: the
** degree is the name's title. a: the block's start. fast: the fast
** scanner's, which asks the degrees table only when may_be_degree. */
static int degree_dot(const char *s, size_t a, size_t i, size_t b, int fast) {
  int32_t c;
  if (i + 1 >= b || s[i] != ' ' || i < a + 3) return 0;
  text_decode(s + i + 1, b - i - 1, &c);
  if (!text_is_upper(c)) return 0; /* "ThS. Đinh …" */
  size_t w = i - 1;
  while (w > a && s[w - 1] != ' ' && s[w - 1] != '\n' && i - w <= 12) w--;
  text_decode(s + w, i - w, &c);
  if (!text_is_upper(c)) return 0; /* every degree: a capital first ("ĐĐ") */
  const lexicon *lx = lexicon_get();
  if ((!fast || may_be_degree(s + w, i - 1 - w)) &&
      lex_find_text(&lx->degrees, s + w, i - 1 - w))
    return 1;
  /* a monastic rank before a dharma name: "HT. Thích Thiện Tấn" */
  static const char thich[] = "Thích";
  size_t tn = sizeof thich - 1;
  return i + 1 + tn <= b && memcmp(s + i + 1, thich, tn) == 0 &&
         (i + 1 + tn == b || s[i + 1 + tn] == ' ') &&
         lex_find_text(&lx->monastic, s + w, i - 1 - w) != NULL;
}

/* degree_dot's 0 for the dot just read (s[i-1]), seen from the token
** before it (prev) without walking back: prev ends at the dot, is all the
** text degree_dot takes (a space, a newline or the sentence start a
** before it, at most 13 bytes) and starts with an ASCII lower-case
** letter, which no degree does. */
static int no_degree(const char *s, size_t a, size_t i, const tok *prev) {
  size_t o = prev->off;
  return o + prev->len + 1 == i && i - o <= 13 &&
         (o == a || s[o - 1] == ' ' || s[o - 1] == '\n') &&
         (unsigned)(s[o] - 'a') < 26u;
}

/* Does the punctuation token just stored (out[n-1], character cp, ending
** at s[i]) end the sentence: a '.', '!' or '?' before a space, a newline
** or the end, and no dot of "TP.", an initial or a degree? fast: the
** fast scanner's, which passes over degree_dot when no_degree. */
int xt_sentence_end(const char *s, size_t a, size_t i, size_t b, const tok *out,
                    size_t n, int32_t cp, int fast) {
  return ends_sentence(s, i, b, cp) &&
         !(n >= 2 && city_dot(s, i, b, &out[n - 2])) &&
         !(n >= 3 && initial_dot(s, i, b, &out[n - 3], &out[n - 2])) &&
         !(n >= 2 && !(fast && no_degree(s, a, i, &out[n - 2])) &&
           degree_dot(s, a, i, b, fast));
}
