/*
** query.h — the pattern language of `tinsh query` (docs/query.md). Pure
** C, no Lua.
**
**   query_parse.c  lexer + parser: pattern text -> q_pattern (a program
**                  for the matcher, the document conditions as SQL, the
**                  words every match needs for the FTS prefilter)
**   query_match.c  the matcher: a Pike VM over one token stream,
**                  leftmost-longest, non-overlapping, bounded work
**   query_doc.c    token streams: the words (or syllables) of a text with
**                  byte spans, punctuation tokens, and the fact spans of a
**                  stored document's block
**   store_query.c  candidate documents from the store, and the run over
**                  their blocks
**
** A pattern's token tests compare folded text (NFC, case folded); a
** syllable of the pattern written without diacritics matches every
** accented form of it, one with diacritics matches exactly that form.
*/
#ifndef TINSH_QUERY_H
#define TINSH_QUERY_H

#include <stddef.h>
#include <stdint.h>

struct seg_lex;
struct doc;

/* limits of a pattern (a longer or deeper one is a compile error) */
#define Q_MAX_PATTERN 4096 /* bytes of pattern text */
#define Q_MAX_DEPTH   32   /* nested ( ) and [ ( ) ] */
#define Q_MAX_REPEAT  100  /* largest bound of {m,n} */
#define Q_MAX_PROG    4000 /* instructions after repetitions are unrolled */
#define Q_MAX_PARTS   8    /* named parts */
#define Q_MAX_LIT     64   /* units (syllables, punctuation) of a literal */

/* what a compile error names: "column N: why" (N counts characters from 1) */
#define Q_ERR_SIZE 160

typedef struct q_pattern q_pattern;

/*
** Compile pattern src[0..n). lex segments the quoted strings (NULL: the
** default lexicon). Returns the pattern, or NULL with err set to
** "column N: why".
*/
q_pattern *q_compile(const char *src, size_t n, const struct seg_lex *lex,
                     char err[Q_ERR_SIZE]);
void q_free(q_pattern *p);

/* 1 when the pattern is matched on the syllable stream (it uses syl). */
int q_syllables(const q_pattern *p);
/* Bit k set (k a doc_kind): blocks of kind k are searched. */
unsigned q_kinds(const q_pattern *p);
/* 1 when a match must lie inside one sentence (within sentence). */
int q_in_sentence(const q_pattern *p);
/* Bit k set (k an FK_* fact kind): the pattern tests facts of kind k. */
unsigned q_fact_kinds(const q_pattern *p);
/* Bit k set: every match needs a fact of kind k (EXISTS prefilter). */
unsigned q_required_facts(const q_pattern *p);
/* FTS5 MATCH expression every matching document satisfies, or NULL. */
const char *q_fts(const q_pattern *p);
/*
** The FTS5 expression every matching document satisfies, with each
** required regex token test ([word = /re/], [syl = /re/]) resolved by
** fn: fn(ctx, re) gives a malloc'd FTS5 expression of the terms re can
** match, or NULL (unknown: no constraint), or sets *none when re matches
** no term at all. Returns a malloc'd expression or NULL (no constraint);
** *none is set when no document can match. q_fts_regexes counts the
** tests fn is asked about.
*/
typedef char *(*q_re_terms)(void *ctx, const void *re, int *none);
char *q_fts_expand(const q_pattern *p, q_re_terms fn, void *ctx, int *none);
int q_fts_regexes(const q_pattern *p);
/* The document conditions after "::" as an SQL expression on documents d
** with ?-parameters (NULL: none); q_param gives parameter i (0-based). */
const char *q_where(const q_pattern *p);
typedef struct q_param {
  int is_num;
  double num;
  const char *str;
} q_param;
int q_nparams(const q_pattern *p);
const q_param *q_param_at(const q_pattern *p, int i);
/* Named parts: how many, and the name of part i. */
int q_nparts(const q_pattern *p);
const char *q_part_name(const q_pattern *p, int i);
/* Does regex re match text[0..n) anywhere (caseless)? For the SQL function
** the document condition `title = /re/` compiles to. -1: bad regex. */
int q_regex_search(const char *re, size_t nre, const char *text, size_t n);

/* ---- token streams (query_doc.c) ---- */

typedef struct q_token {
  size_t from, to;   /* bytes [from, to) of the stream's text */
  const char *fold;  /* case folded (NFC), syllables joined by ' ' */
  const char *strip; /* accent folded, same syllables */
  int punct;         /* a punctuation or symbol character */
  int sent_end;      /* . ! ? or … : a sentence ends after it */
} q_token;

/* a fact located on the stream: tokens [from, to), fact item of kind */
typedef struct q_span {
  int from, to;
  int kind;         /* FK_* */
  const void *item; /* the fact (fact_schema.h item; char * for bare kinds) */
} q_span;

typedef struct q_stream {
  const char *text; /* not owned */
  size_t len;
  q_token *tok;
  int ntok;
  q_span *span; /* sorted by from */
  int nspan, capspan;
  int *first;      /* first[i]: first span with from >= i (ntok + 1 entries) */
  int maxspan;     /* longest span, in tokens */
  char *strings;   /* the folded forms */
  size_t nstrings; /* bytes used */
} q_stream;

/*
** Tokenize text[0..n) into st: words of lex (NULL: the default lexicon),
** or syllables when syl is set, each non-space character between them a
** punctuation token. Returns 0, or -1 when out of memory.
*/
int q_stream_build(q_stream *st, const char *text, size_t n,
                   const struct seg_lex *lex, int syl);
/*
** The same stream from known token spans: [from[i] - base, to[i] - base)
** in text[0..n), in order (a map's words or positions), each non-space
** character between them a punctuation token; a span inside the one
** before it (a part of a compound "12/2016", which the index also keeps
** as positions of their own) is skipped. Returns 0, or -1 (st empty)
** when a span is out of order or outside the text.
*/
int q_stream_spans(q_stream *st, const char *text, size_t n,
                   const uint32_t *from, const uint32_t *to, size_t nspan,
                   uint32_t base);
/*
** Locate the facts of d whose kind bit is set in kinds on block b (index
** into d->blocks) whose text st holds: each occurrence of the fact's
** surface text that starts and ends on token boundaries is a span.
*/
void q_stream_facts(q_stream *st, const struct doc *d, int b, unsigned kinds);
/* 0 when some kind in kinds has no fact of d written in text[0..n) (block
** b): no match that needs those kinds can be there; else 1. A byte
** search, before any tokenizing. */
int q_facts_written(const struct doc *d, const char *text, size_t n, int b,
                    unsigned kinds);
/* q_facts_written for the kinds p needs, where only facts that pass p's
** fact tests count ([figure unit = "%"]: a figure in % written in the
** block): 0 when no match of p can be in the block. */
int q_block_may_match(const q_pattern *p, const struct doc *d, const char *text,
                      size_t n, int b);
void q_stream_free(q_stream *st);

/* ---- matching (query_match.c) ---- */

typedef struct q_match {
  int s, e;                  /* tokens [s, e) */
  int part[2 * Q_MAX_PARTS]; /* part i: tokens [part[2i], part[2i+1]) or -1 */
} q_match;

/* Return 0 to go on; non-zero stops the match run, which returns it. */
typedef int (*q_match_fn)(void *ctx, const q_match *m);

#define Q_BUDGET_EXCEEDED (-2)
#define Q_STOPPED         (-3)

typedef struct q_matcher q_matcher;
q_matcher *q_matcher_new(const q_pattern *p);
void q_matcher_free(q_matcher *m);
/*
** Poll stop(ctx) every Q_STOP_EVERY steps of a match run: when it returns
** non-zero the run ends with Q_STOPPED (how Ctrl-C and the sandbox's CPU
** limit reach a long match inside one block). NULL stop: never.
*/
#define Q_STOP_EVERY 4096
void q_matcher_set_stop(q_matcher *m, int (*stop)(void *), void *ctx);
/*
** Every leftmost-longest, non-overlapping match of the pattern in tokens
** [from, to) of st, in order, to cb. *budget counts the steps left and
** is decremented. Returns 0, cb's non-zero value, Q_BUDGET_EXCEEDED,
** Q_STOPPED, or -1 when out of memory.
*/
int q_match_range(q_matcher *m, const q_stream *st, int from, int to,
                  long *budget, q_match_fn cb, void *ctx);

/* token and fact tests (query_parse.c), for the matcher */
struct q_test;
struct q_lit;
int q_test_token(const struct q_test *t, const q_stream *st, int i);
int q_test_fact(const struct q_test *t, const q_span *sp);
/* Tokens [i, j) that literal l covers from token i: j, or -1. */
int q_lit_match(const struct q_lit *l, const q_stream *st, int i, int to);

#endif
