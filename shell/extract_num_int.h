/*
** extract_num_int.h — what the figure extractor's files (extract_num.c,
** extract_num_subj.c, extract_num_seg.c, extract_num_unit.c) share: the
** segmenter's answers kept by their text (extract_num_seg.c), the units
** lookups kept by the word (extract_num_unit.c), the subject of a figure
** (extract_num_subj.c) and the clause boundary test both ask.
*/
#ifndef TINSH_EXTRACT_NUM_INT_H
#define TINSH_EXTRACT_NUM_INT_H

#include <stddef.h>

#include "extract_int.h"

/* Does token i end a clause? A dot between letters is none ("TP.HCM"). */
static inline int xnum_is_boundary(const xsent *x, size_t i) {
  if (x->t[i].type != T_PUNCT) return 0;
  int32_t c = x->t[i].cp;
  if (c == '.' && !(x->t[i].flags & TF_SPACE) && i > 0 && i + 1 < x->n &&
      x->t[i - 1].type == T_WORD && x->t[i + 1].type == T_WORD &&
      !(x->t[i + 1].flags & TF_SPACE))
    return 0;
  return c == ',' || c == ';' || c == ':' || c == '(' || c == ')' || c == '!' ||
         c == '?' || c == 0x201C || c == 0x201D || c == '"' || c == '.';
}

/* ---- the segmenter's answers (extract_num_seg.c) ---- */

/* xt_first_word(x, j, e), kept by the text of the tokens and their count. */
int xnum_first_word(const xsent *x, size_t j, size_t e);
/* Syllables of the segmenter's word at token j, within [j, b). */
size_t xnum_word_len(const xsent *x, size_t j, size_t b);
/* Do tokens [i, j) spell a word of the segmenter's lexicon? */
int xnum_lex_word(const xsent *x, size_t i, size_t j);
/* Does token j end a word of two syllables of the lexicon with the
** token before it ("thực | hiện")? */
int xnum_inside_word(const xsent *x, size_t j);

/* ---- the units after numbers (extract_num_unit.c) ---- */

/* xt_lookup(x, i, &x->x->lx->units, out); a word that the join takes
** alone is answered by its bytes, kept from the last time. */
int xnum_unit_lookup(const xsent *x, size_t i, const lex_entry **out);

/* ---- the subject of a figure (extract_num_subj.c) ---- */

/* Load the subject's word lists (under extract_num_init). */
void xnum_subject_init(void);
/* A new sentence: the subject's kept answers are of the last one. */
void xnum_subject_reset(void);
/*
** Subject of a figure whose qualifier starts at token q: the head of its
** clause, else (percentages) the noun after the figure (token `after`;
** x->n: none), else the previous figure's subject in the sentence (prev),
** else the head of the clause before unless a verb of saying opens this
** one.
*/
char *xnum_subject_of(xsent *x, size_t q, char *prev, size_t after);
/* A list of data/ whose lines that start with '~' say what is not one of
** its phrases: the others into yes, those (the '~' dropped) into no; the
** arrays hold the pointers (XT_PHRASES_MAX + 1 each). */
void xnum_split_tilde(const char *const *list, const char **ya, xphrases *yes,
                      const char **na, xphrases *no);

/* ---- the shortcuts against their long ways (tests/c/test_num_fast.c) ---- */

/* At every token of sentence x: extract_num.c's list filters (in_list,
** phrase_before) against xt_in and xt_phrase_before, the date and quote
** shortcuts of number_starts and in_short_quote against xt_date and the
** quote walk, then xnum_subject_check. Returns the answers that differ;
** *asked counts the tokens and questions. */
int xnum_check_sentence(xsent *x, long *asked);
/* At every token of x: the subject's phrase_len_o (its hash filter, its
** one-word match) against the slot walk of phrase_len_ref, for every list
** and b from the token to the sentence's end: the same length and the
** same *open. Returns the answers that differ. */
int xnum_subject_check(const xsent *x, long *asked);

#endif
