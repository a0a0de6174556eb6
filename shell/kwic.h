/*
** kwic.h — the concordance's hot loop, pure C (no Lua): finding a phrase
** in a block's text (accent-smart, as tinsh.store.find and search do),
** keeping the occurrences that are whole words of the segmenter, cutting
** the contexts (bytes or n words on each side) and keeping the lines
** compactly (kwic_lines) until a caller asks for one.
**
** Positions are 0-based byte offsets, spans [s, e) (e exclusive).
*/
#ifndef TINSH_KWIC_H
#define TINSH_KWIC_H

#include <stddef.h>
#include <stdint.h>

#include "segment.h"
#include "util.h"

#define KWIC_MAXQ    32  /* query tokens kept (as tinsh.store.find) */
#define KWIC_CONTEXT 240 /* bytes of context on each side without words */
/* the most words of context on a side (more would overflow nwords + 1:
** red team 5; a page of text is far fewer) */
#define KWIC_WORDS_MAX 100000
#define KWIC_ALNUM     ((uint64_t)1 << 63)

/* A query: its tokens' exact folded forms, the last one a prefix when
** the query ends with '*'. */
typedef struct kwic_query {
  char *tok[KWIC_MAXQ];
  int len[KWIC_MAXQ];
  int n;
  int prefix;
  /* the prefilter: the stripped form S of one query token (ASCII letters
  ** and digits, slen 1..60; 0: none), as bit masks of its positions */
  int slen;
  uint64_t step[256]; /* by byte: KWIC_ALNUM for an ASCII letter or digit,
                         and the positions of S that hold it */

} kwic_query;

/* Compile q[0..n) (quotes and trailing spaces ignored). Returns the
** number of tokens (0: nothing to find). */
int kwic_query_init(kwic_query *q, const char *s, size_t n);
void kwic_query_free(kwic_query *q);

/* One occurrence: the match [s, e) and its context [ls, re). */
typedef struct kwic_hit {
  size_t s, e, ls, re;
} kwic_hit;

typedef struct kwic_hits {
  kwic_hit *v;
  size_t n, cap;
} kwic_hits;

void kwic_hits_free(kwic_hits *h);

/*
** Append the occurrences of q in text[0..n) to out, as tinsh.store.find
** finds them (tokens of the FTS tokenizer: a query token without
** diacritics matches any accents, one with diacritics exactly). Contexts
** are set to KWIC_CONTEXT bytes each side (clamped to the text).
*/
void kwic_find(const kwic_query *q, const char *text, size_t n, kwic_hits *out);

/*
** Keep the hits h->v[from..] that start on a word of the segmenter (lex)
** and end on one (or, prefix, only start on one); with nwords >= 0, set
** their contexts to nwords words on each side. Segments text only as far
** as the last hit needs. Returns the number kept (h->n is updated).
*/
size_t kwic_whole(kwic_hits *h, size_t from, const seg_lex *lex,
                  const char *text, size_t n, int prefix, int nwords);

/* Set the context of hit k to nwords words on each side (the words the
** segmenter finds in text; the match itself when it lies off them). */
void kwic_words_context(kwic_hit *k, const seg_lex *lex, const char *text,
                        size_t n, int nwords);
/* The same with the text's words known: [wf[i], wt[i]) for i < nw, in
** order (a token position map's words of the block). */
void kwic_words_context_known(kwic_hit *k, const uint32_t *wf,
                              const uint32_t *wt, size_t nw, int nwords);

/*
** Append s[0..n) to out with every run of white space (C isspace) made
** one space; with clean, leading UTF-8 continuation bytes and a final
** incomplete sequence dropped first (a context cut inside a character).
*/
void kwic_flat(buf *out, const char *s, size_t n, int clean);

/* ---- the lines, kept compactly ---- */

typedef struct kwic_line {
  int64_t doc;
  int seq;
  size_t s, e; /* the match in the block text, 1-based inclusive */
  size_t str;  /* left, match, right in strs at str */
  uint32_t ll, ml, rl;
  size_t meta;         /* kind, title, date (NUL-terminated) in strs at meta */
  uint32_t mk, mt, md; /* their lengths (md 0: no date; mt 0: no title) */
  int has_title;
} kwic_line;

typedef struct kwic_lines {
  kwic_line *v;
  size_t n, cap;
  buf strs;
  size_t meta; /* the current block's kind/title/date */
  uint32_t mk, mt, md;
  int has_title;
} kwic_lines;

void kwic_lines_init(kwic_lines *l);
void kwic_lines_free(kwic_lines *l);
/* The kind, title and date (first 10 bytes of published; NULL: none) of
** the lines added next. */
void kwic_lines_meta(kwic_lines *l, const char *kind, size_t nk,
                     const char *title, size_t nt, const char *published,
                     size_t np);
/* Add the line of hit k in block seq of doc (text[0..n) its text): its
** raw bytes are kept, cut and flattened when read. */
void kwic_lines_add(kwic_lines *l, int64_t doc, int seq, const char *text,
                    size_t n, const kwic_hit *k);
/* Append part 0 (left), 1 (match) or 2 (right) of line x to out, as
** kwic_flat makes it (the contexts cleaned at their cut ends). */
void kwic_line_part(const kwic_lines *l, const kwic_line *x, int part,
                    buf *out);

#endif
