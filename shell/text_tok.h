/*
** text_tok.h — the one tokenizer of the text layer (included by text.h).
**
** Level 1, the token (text_tok_at, text_tok_next): a maximal run of word
** characters (TEXT_WORD: letters, digits, Nl/No, combining marks) that
** does not start with a mark — a syllable, a number's digits, "Km11",
** "3km" — or else one punctuation code point (a stray mark and an
** invalid byte are one-code-point punctuation too). White space
** (TEXT_SPACE) separates tokens and is never a token. A token's span is
** byte offsets into the text as given; nothing is copied or folded.
**
** Level 2, the compound (text_compound_at): tokens joined by single '.',
** ',', '/' or '-' with a letter or digit right after ("20-NQ/TU",
** "5.000", "57,7", "108/2014/NĐ-CP"). The FTS5 tokenizer (fts.c) indexes
** a compound that holds a digit whole, else each of its tokens; the
** extractors (xtok.c) read level-1 tokens and build their numbers
** ("5.000", "57,7") from them.
**
** A word segmenter should call text_tok_next: it yields every level-1
** token in order with its kind, span and flags (TEXT_TOKF_SPACE tells
** whether white space came before, i.e. whether two syllables were
** written apart). Then fold a syllable with text_fold (text.h).
*/
#ifndef TINSH_TEXT_TOK_H
#define TINSH_TEXT_TOK_H

#include <stddef.h>
#include <stdint.h>

enum {
  TEXT_TOK_WORD = 1,   /* a run that starts with a letter (or Nl/No) */
  TEXT_TOK_NUMBER = 2, /* a run that starts with a digit (Nd) */
  TEXT_TOK_PUNCT = 3   /* one other code point */
};

enum {
  TEXT_TOKF_SPACE = 1,   /* white space (or the start) right before */
  TEXT_TOKF_UPPER = 2,   /* its first code point is an upper-case letter */
  TEXT_TOKF_CAPS = 4,    /* >= 2 letters, all upper case ("HĐND") */
  TEXT_TOKF_DIGITS = 8,  /* holds a digit */
  TEXT_TOKF_LETTERS = 16 /* holds a letter */
};

typedef struct text_tok {
  size_t off, len; /* byte span in the text */
  int kind;        /* TEXT_TOK_* */
  unsigned flags;  /* TEXT_TOKF_* (TEXT_TOKF_SPACE: text_tok_next only) */
  int32_t cp;      /* its first code point (-1: an invalid byte) */
} text_tok;

/*
** The token that starts at s[i] (i < n, s[i] not white space). Fills *t
** (flags without TEXT_TOKF_SPACE) and returns its end, i + t->len.
*/
size_t text_tok_at(const char *s, size_t n, size_t i, text_tok *t);
/* The same when the caller has decoded the first code point already:
** cp, k bytes long (text_decode's results at s[i]). */
size_t text_tok_at_cp(const char *s, size_t n, size_t i, int32_t cp, int k,
                      text_tok *t);

/*
** The next token at or after *pos in s[0..n): skips white space, fills
** *t, advances *pos past it and returns 1; returns 0 at the end. Start
** with *pos = 0; every byte of the text is either white space or inside
** exactly one token.
*/
int text_tok_next(const char *s, size_t n, size_t *pos, text_tok *t);

/*
** The token rules the word statistics share (lua_tokv.c and lua_terms.c
** in memory, store_wordstats.c in the database: one rule, so the two
** counts agree).
** text_clause_break: is there punctuation that ends a clause in
** s[from..to) (. ! ? ; : , ( ) " newline, and the curly quotes, the
** ellipsis and the dashes)? An n-gram never spans one.
** text_is_number: is k[0..n) a number token (digits with . , / -)? Such a
** token counts like a stopword.
*/
int text_clause_break(const char *s, size_t from, size_t to);
int text_is_number(const char *k, size_t n);

#define TEXT_COMPOUND_MAX 64 /* runs recorded per compound */

typedef struct text_compound {
  size_t off, end;              /* the whole compound s[off..end) */
  int nrun;                     /* tokens joined (may exceed the max) */
  int digits;                   /* a token holds a digit */
  int split;                    /* a '/' or '-' joins two tokens */
  size_t rs[TEXT_COMPOUND_MAX]; /* token starts (the first nrun) */
  size_t re[TEXT_COMPOUND_MAX]; /* token ends */
} text_compound;

/* The compound that starts with the word or number token at s[i]. */
void text_compound_at(const char *s, size_t n, size_t i, text_compound *c);

#endif
