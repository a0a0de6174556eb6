/*
** text_tok.c — the tokenizer (see text_tok.h): level-1 tokens and
** compounds, over the class table of text_utf8.c. One decode and one
** table load per code point; ASCII is decoded inline.
*/
#include "text.h"
#include "text_tok_run.h"
#include "util.h"

/* The run of word characters from s[i], whose first code point (k0 bytes,
** a word character) has class bits c: sets t->flags and returns the run's
** end. The flags are gathered
** without a branch per code point: the OR of every class, the letter
** count and whether a letter that is not upper case was met. Once such a
** letter was met, only digits can still change the flags: plain_run16
** (SSE2) then passes sixteen bytes a step, plain_run8 eight near the
** text's end. */
size_t text_tok_run_all(const char *s, size_t n, size_t i, unsigned c, int k0,
                        text_tok *t) {
  unsigned f = (c & TEXT_UPPER) ? TEXT_TOKF_UPPER : 0, all = c;
  unsigned notup = (c & (TEXT_LETTER | TEXT_UPPER)) == TEXT_LETTER;
  int letters = (int)(c & TEXT_LETTER), k;
  for (i += (size_t)k0;;) {
#ifdef __SSE2__
    if (notup && i + 16 <= n) {
      int dig, end;
      size_t m = plain_run16((const unsigned char *)s + i, &dig, &end);
      i += m;
      if (dig) all |= TEXT_DIGIT;
      if (end) break;
      if (m == 16) continue;
    } else
#endif
        if (notup && i + 8 <= n) {
      int dig, end;
      size_t m = plain_run8((const unsigned char *)s + i, &dig, &end);
      i += m;
      if (dig) all |= TEXT_DIGIT;
      if (end) break;
      if (m == 8) continue;
    }
    if (i < n && (unsigned char)s[i] < 0x80)
      c = text_ascii_class_[(unsigned char)s[i]], k = 1;
    else
      c = class_at(s, n, i, &k);
    if (!(c & TEXT_WORD)) break;
    all |= c;
    letters += (int)(c & TEXT_LETTER);
    notup |= (c & (TEXT_LETTER | TEXT_UPPER)) == TEXT_LETTER;
    i += (size_t)k;
  }
  if (all & TEXT_DIGIT) f |= TEXT_TOKF_DIGITS;
  if (letters) f |= TEXT_TOKF_LETTERS;
  if (letters >= 2 && !notup) f |= TEXT_TOKF_CAPS;
  t->flags = f;
  return i;
}

size_t text_tok_at(const char *s, size_t n, size_t i, text_tok *t) {
  int32_t cp;
  int k = text_decode(s + i, n - i, &cp);
  return text_tok_at_run(s, n, i, cp, k, t);
}

size_t text_tok_at_cp(const char *s, size_t n, size_t i, int32_t cp, int k,
                      text_tok *t) {
  return text_tok_at_run(s, n, i, cp, k, t);
}

int text_tok_next(const char *s, size_t n, size_t *pos, text_tok *t) {
  size_t i = *pos;
  unsigned sp = i == 0;
  int k;
  while (i < n && (class_at(s, n, i, &k) & TEXT_SPACE)) i += (size_t)k, sp = 1;
  if (i >= n) return *pos = n, 0;
  *pos = text_tok_at(s, n, i, t);
  if (sp) t->flags |= TEXT_TOKF_SPACE;
  return 1;
}

static int is_conn(char c) {
  return c == '.' || c == ',' || c == '/' || c == '-';
}

/* Record run [a, e) of compound c. */
static void add_run(text_compound *c, size_t a, size_t e, unsigned flags) {
  if (c->nrun < TEXT_COMPOUND_MAX) c->rs[c->nrun] = a, c->re[c->nrun] = e;
  c->nrun++;
  if (flags & TEXT_TOKF_DIGITS) c->digits = 1;
}

/*
** Runs joined by one connector each; a connector joins only when a
** letter or digit (not a mark) follows it.
*/
void text_compound_at(const char *s, size_t n, size_t i, text_compound *c) {
  text_tok t;
  int k;
  c->off = i, c->nrun = 0, c->digits = c->split = 0;
  for (;;) {
    size_t e = text_tok_at(s, n, i, &t);
    add_run(c, i, e, t.flags);
    i = e;
    if (i + 1 >= n || !is_conn(s[i])) break;
    unsigned nc = class_at(s, n, i + 1, &k);
    if (!(nc & TEXT_WORD) || (nc & TEXT_MARK)) break;
    if (s[i] == '/' || s[i] == '-') c->split = 1;
    i++;
  }
  c->end = i;
}

int text_clause_break(const char *s, size_t from, size_t to) {
  for (size_t i = from; i < to; i++) {
    unsigned char c = (unsigned char)s[i];
    if (c == '.' || c == '!' || c == '?' || c == ';' || c == ':' || c == '\n' ||
        c == '(' || c == ')' || c == ',' || c == '"')
      return 1;
    if (c == 0xE2 && i + 2 < to && (unsigned char)s[i + 1] == 0x80) {
      unsigned char c3 = (unsigned char)s[i + 2];
      if (c3 == 0x9C || c3 == 0x9D || c3 == 0xA6 || c3 == 0x93 || c3 == 0x94)
        return 1; /* “ ” … – — */
    }
  }
  return 0;
}

int text_is_number(const char *k, size_t n) {
  for (size_t i = 0; i < n; i++)
    if (!((k[i] >= '0' && k[i] <= '9') || k[i] == '.' || k[i] == ',' ||
          k[i] == '/' || k[i] == '-'))
      return 0;
  return n > 0;
}
