/*
** extract_num_seg.c — the segmenter's answers that the figure extractor
** asks (extract_num_int.h): the first word of a run of syllables and
** whether tokens spell a word of the lexicon, kept by the text they are
** about.
*/
#include <stdlib.h>
#include <string.h>

#include "extract_num_int.h"
#include "segment.h"  /* SEG_MAX_SYL */
#include "util_tls.h" /* spans_tls */

/*
** The segmenter's answers (thread-local), by the bytes of the text they
** are about: what xt_first_word and seg_is_word say of a text depends on
** its bytes alone (and the default lexicon, loaded once, never changed),
** and the same few words follow numbers and open clauses page after page;
** every figure of a clause also scans the clause again for its subject.
** A slot holds one answer: its question (kind, a token count), the text
** (at most SPAN_LEN bytes; n 0: empty) and the answer.
*/
#define SPAN_SLOTS 4096
#define SPAN_LEN   52
typedef struct span_slot {
  uint8_t n, kind, toks;
  int8_t val;
  char w[SPAN_LEN];
} span_slot;

/* A thread's slots (SPAN_SLOTS), made zeroed on its first question: not
** in the static TLS block, which every thread start zeroes whole (229 KB,
** some 56 pages touched before the first file); the heap's zero pages
** are touched as slots are used. */
static _Thread_local span_slot *spans;

/* Free a thread's slots at its end (util_tls runs this on that thread). */
static void spans_drop(void *p) {
  if (spans == p) spans = NULL;
  free(p);
}

static util_tls spans_tls =
    UTIL_TLS_INIT(SPAN_SLOTS * sizeof(span_slot), spans_drop);

/* The calling thread's slots. */
static span_slot *spans_get(void) {
  if (!spans) spans = util_tls_get(&spans_tls);
  return spans;
}

enum { MEMO_FIRST = 1, MEMO_WORD = 2 }; /* what a slot answers */

/* The slot for question (kind, toks) about the text w[0..n) of tokens
** [j, e) of x, its answer in *val when it holds it (returns 1); else 0,
** *slot set to where the answer goes (NULL: the text is too long to
** keep). The slot is picked by the tokens' hashes and lengths (the text
** itself is compared): no pass over the bytes. */
static int span_get(int kind, size_t toks, const xsent *x, size_t j, size_t e,
                    const char *w, size_t n, span_slot **slot, int *val) {
  *slot = NULL;
  if (n == 0 || n > SPAN_LEN || toks > 255) return 0;
  uint64_t h = (uint64_t)(kind << 8 | (int)toks) * 0x9E3779B97F4A7C15ull ^ n;
  for (size_t k = j; k < e && k < x->n; k++) {
    h = (h ^ x->t[k].h ^ (uint64_t)x->t[k].len << 32) * 0xC2B2AE3D27D4EB4Full;
    h ^= h >> 29;
  }
  span_slot *sl = &spans_get()[(h >> 40) & (SPAN_SLOTS - 1)];
  *slot = sl;
  if (sl->n != n || sl->kind != kind || sl->toks != toks ||
      memcmp(sl->w, w, n) != 0)
    return 0;
  *val = sl->val;
  return 1;
}

/* Keep answer v of question (kind, toks) about w[0..n) in slot e (from
** span_get; NULL: none); returns v. */
static int span_put(span_slot *e, int kind, size_t toks, const char *w,
                    size_t n, int v) {
  if (e && v >= -128 && v <= 127) {
    e->n = (uint8_t)n, e->kind = (uint8_t)kind, e->toks = (uint8_t)toks;
    e->val = (int8_t)v;
    memcpy(e->w, w, n);
  }
  return v;
}

/* xt_first_word(x, j, e): its answer depends on the text of the tokens
** and their count. */
int xnum_first_word(const xsent *x, size_t j, size_t e) {
  if (e > x->n) e = x->n;
  if (j + 1 >= e) return 1; /* as xt_first_word: one token */
  const char *w = x->s + x->t[j].off;
  size_t n = xt_end(x, e) - x->t[j].off;
  span_slot *sl;
  int v;
  if (span_get(MEMO_FIRST, e - j, x, j, e, w, n, &sl, &v)) return v;
  return span_put(sl, MEMO_FIRST, e - j, w, n, xt_first_word(x, j, e));
}

/* Syllables of the segmenter's word at token j, within [j, b). */
size_t xnum_word_len(const xsent *x, size_t j, size_t b) {
  if (x->t[j].type == T_PUNCT) return 1;
  size_t e = j;
  while (e < b && e - j < SEG_MAX_SYL && x->t[e].type == T_WORD &&
         (e == j || (x->t[e].flags & TF_SPACE)))
    e++;
  return e - j < 2 ? 1 : (size_t)xnum_first_word(x, j, e);
}

/* Do tokens [i, j) spell a word of the segmenter's lexicon? */
int xnum_lex_word(const xsent *x, size_t i, size_t j) {
  const char *w = x->s + x->t[i].off;
  size_t n = xt_end(x, j) - x->t[i].off;
  span_slot *sl;
  int v;
  if (span_get(MEMO_WORD, 0, x, i, j, w, n, &sl, &v)) return v;
  return span_put(sl, MEMO_WORD, 0, w, n, xt_seg_word(x, i, j));
}

/* Does token j end a word of two syllables of the lexicon with the
** token before it ("thực | hiện")? */
int xnum_inside_word(const xsent *x, size_t j) {
  if (!(j > 0 && x->t[j - 1].type == T_WORD && x->t[j].type == T_WORD &&
        (x->t[j].flags & TF_SPACE)))
    return 0;
  return xnum_lex_word(x, j - 1, j + 1);
}
