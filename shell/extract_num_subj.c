/*
** extract_num_subj.c — the subject of a figure (extract_num_int.h): the
** head of its clause, after any verb of saying ("Ông An cho biết 57,7% hộ
** dân" -> "hộ dân"), else the noun after a percentage, the previous
** figure's subject or the head of the clause before.
*/
#include <string.h>

#include "extract_num_int.h"
#include "segment.h" /* SEG_MAX_SYL */

/* word lists from data/ (lexicon.h), set up by xnum_subject_init */
static xwords ws_not_unit; /* not-unit.txt: no noun after a percentage */
static xphrases subject_cut, subject_lead; /* whole words: phrase_len */
static xphrases report_verbs, report_not;  /* report-verbs.txt: verbs, "~" */
static xphrases stopwords; /* data/stopwords-vi.txt, whole words */

/* The phrases of a list by the hash of their first word: one probe
** finds the few phrases a token may start (the 64-bit mask of xphrases
** is nearly full for lists of this size). */
#define FIRST_SLOTS 512
#define FIRST_PER   6
typedef struct firsts {
  uint32_t h[FIRST_SLOTS];
  uint16_t m[FIRST_SLOTS][FIRST_PER]; /* phrase indices, in file order */
  uint8_t n[FIRST_SLOTS];
  uint64_t bits[64]; /* bit (h >> 20) & 4095 of every hash in h: a quick no */
  uint8_t one[XT_PHRASES_MAX]; /* phrase m's bytes when one word, else 0 */
} firsts;
static firsts cut_firsts, lead_firsts, report_firsts, report_not_firsts,
    stop_firsts;

/* Index the phrases of ph by their first word's hash into f. */
static void firsts_set(firsts *f, const xphrases *ph) {
  for (int m = 0; ph->p[m] && m < XT_PHRASES_MAX; m++) {
    uint32_t h = ph->first[m];
    size_t k = h & (FIRST_SLOTS - 1);
    while (f->h[k] && f->h[k] != h) k = (k + 1) & (FIRST_SLOTS - 1);
    f->h[k] = h;
    if (f->n[k] < FIRST_PER) f->m[k][f->n[k]++] = (uint16_t)m;
    if (h) f->bits[(h >> 26) & 63] |= 1ull << ((h >> 20) & 63);
    size_t n = strlen(ph->p[m]);
    if (ph->words[m] == 1 && n < 256 && !memchr(ph->p[m], ' ', n))
      f->one[m] = (uint8_t)n;
  }
}

/* xt_phrase_m(x, j, ph, m, 1) for phrase m of the slot of token j's hash
** (f): a phrase of one word spelt by the token's very bytes is that word
** (what xt_phrase_ci finds first), told without the call; the rest
** asked. */
static inline size_t phrase_m(const xsent *x, size_t j, const xphrases *ph,
                              const firsts *f, int m) {
  size_t n = f->one[m];
  if (n && n == x->t[j].len && memcmp(x->s + x->t[j].off, ph->p[m], n) == 0)
    return 1;
  return xt_phrase_m(x, j, ph, m, 1);
}

/* May a phrase indexed in f start at token j: a word whose hash has its
** bit in f->bits? 0: firsts_slot finds none for it (a hash of 0, as a
** number's, never has a slot). */
static inline int firsts_may(const firsts *f, const xsent *x, size_t j) {
  uint32_t h = x->t[j].h;
  return x->t[j].type != T_PUNCT &&
         (f->bits[(h >> 26) & 63] >> ((h >> 20) & 63) & 1);
}

/* The slot of the phrases whose first word has hash h; -1: none. */
static int firsts_slot(const firsts *f, uint32_t h) {
  for (size_t k = h & (FIRST_SLOTS - 1); f->h[k];
       k = (k + 1) & (FIRST_SLOTS - 1))
    if (f->h[k] == h) return (int)k;
  return -1;
}

/*
** The tokens of the longest phrase of ph (its first words indexed in f)
** at token j < b (each word's first letter in either case), within [j,
** b). A phrase of one syllable counts when the segmenter's word at j is
** that syllable alone, or, when `starts`, begins with it: a subject is
** cut before "đạt chuẩn" as before "đạt", but its lead drops no part of a
** word ("tăng" of "tăng trưởng", "thời" of "thời gian"). The segmenter is
** asked only once a phrase matches. 0: none. *open is set when a later b
** might say more.
*/
static size_t phrase_len_slow(const xsent *x, size_t j, size_t b,
                              const xphrases *ph, const firsts *f, int starts,
                              int *open) {
  int k = firsts_slot(f, x->t[j].h);
  if (k < 0) return 0;
  size_t best = 0;
  for (int i = 0; i < f->n[k]; i++) {
    size_t w = phrase_m(x, j, ph, f, f->m[k][i]);
    if (w > best && j + w <= b) best = w;
    if (j + w > b) *open = 1; /* a phrase that a later b takes in */
  }
  if (best != 1 || starts) return best;
  if (j + SEG_MAX_SYL > b) *open = 1; /* word_len may read up to b */
  return xnum_word_len(x, j, b) != 1 ? 0 : best;
}

/* phrase_len_slow for a token j inside [.., b) that firsts_may lets
** through; the rest answered inline (a token at or past b: none, and a
** later b may hold one). */
static inline size_t phrase_len_o(const xsent *x, size_t j, size_t b,
                                  const xphrases *ph, const firsts *f,
                                  int starts, int *open) {
  if (j >= b) return *open = 1, 0; /* a later b may hold a phrase */
  if (!firsts_may(f, x, j)) return 0;
  return phrase_len_slow(x, j, b, ph, f, starts, open);
}

/* phrase_len_o the long way, as first written (xnum_subject_check holds
** the two together): every token asked of the slots, every candidate of
** xt_phrase_m. */
static size_t phrase_len_ref(const xsent *x, size_t j, size_t b,
                             const xphrases *ph, const firsts *f, int starts,
                             int *open) {
  if (j >= b) return *open = 1, 0;
  int k = x->t[j].type != T_PUNCT ? firsts_slot(f, x->t[j].h) : -1;
  if (k < 0) return 0;
  size_t best = 0;
  for (int i = 0; i < f->n[k]; i++) {
    size_t w = xt_phrase_m(x, j, ph, f->m[k][i], 1);
    if (w > best && j + w <= b) best = w;
    if (j + w > b) *open = 1;
  }
  if (best != 1 || starts) return best;
  if (j + SEG_MAX_SYL > b) *open = 1;
  return xnum_word_len(x, j, b) != 1 ? 0 : best;
}

/* phrase_len_o, whatever a later b would say. */
static size_t phrase_len(const xsent *x, size_t j, size_t b, const xphrases *ph,
                         const firsts *f, int starts) {
  int open = 0;
  return phrase_len_o(x, j, b, ph, f, starts, &open);
}

/* Is [a, b) numbers, punctuation and stopwords only, each word's phrase
** of data/stopwords-vi.txt found by phrase_len(.., starts)? With starts
** 0 they are whole words ("Tôi", "cả", "số", "chúng tôi", "1"; not "Chỉ
** số", a word of its own): the segmenter is asked of each stopword of
** one syllable. With starts 1 it never is, and a phrase is no shorter
** (the same, or 1 where starts 0 finds none): 1 with starts 0 is 1 with
** starts 1, along the same walk. */
static int stop_walk(const xsent *x, size_t a, size_t b, int starts) {
  for (size_t j = a; j < b;) {
    if (x->t[j].type != T_WORD) {
      j++;
      continue;
    }
    size_t k = phrase_len(x, j, b, &stopwords, &stop_firsts, starts);
    if (!k) return 0;
    j += k;
  }
  return 1;
}

/* stop_walk(x, a, b, 0): such a head names nothing. Asked first without
** the segmenter (starts 1), which says 0 of most heads (a word that is no
** stopword); its 0 is the answer then (stop_walk's contract). */
static int only_stopwords(const xsent *x, size_t a, size_t b) {
  return stop_walk(x, a, b, 1) && stop_walk(x, a, b, 0);
}

/* Where what is reported starts in [a, b): after the last verb of
** saying there (data/report-verbs.txt, whole words: "Ông An cho biết 57,7%
** hộ dân" -> the tokens from "57,7%"; its "~" phrases, as "nói trên",
** are none) with a word or a comma right before it (who says, or his
** title between commas: "Chia sẻ này" opening a sentence is a noun),
** else a. */
static inline __attribute__((always_inline)) size_t after_report(const xsent *x,
                                                                 size_t a,
                                                                 size_t b) {
  size_t r = a;
  for (size_t j = a; j < b; j++) {
    size_t k = phrase_len(x, j, b, &report_verbs, &report_firsts, 0);
    if (k && j > 0 &&
        (x->t[j - 1].type != T_PUNCT || xt_punct(x, j - 1, ',')) &&
        phrase_len(x, j, b, &report_not, &report_not_firsts, 0) < k &&
        !xnum_inside_word(x, j))
      r = j + k, j += k - 1;
  }
  return r;
}

/* Head of the clause whose tokens from a, up to b, are what it reports
** (clause_head): connectives, prepositions and leading verbs skipped
** (whole words), cut at the next word that is or begins with a
** verb or preposition, never inside a word ("thực hiện" is no cut at
** "hiện"). *open is set when a later b might give another head (a
** phrase or a segmenter's word that b cuts, or a loop that b stops). */
static char *head_scan(xsent *x, size_t a, size_t b, int *open) {
  size_t k;
  while (a < b &&
         (x->t[a].type == T_PUNCT ||
          (k = phrase_len_o(x, a, b, &subject_lead, &lead_firsts, 0, open)) ||
          (k = phrase_len_o(x, a, b, &subject_cut, &cut_firsts, 0, open))))
    a += x->t[a].type == T_PUNCT ? 1 : k;
  size_t e = a;
  while (e < b && e - a < 10) {
    if (x->t[e].type == T_PUNCT) {
      int32_t c = x->t[e].cp; /* dashes and "TP.HCM"'s dot go on */
      if (c != '-' && c != 0x2013 && !(c == '.' && !xnum_is_boundary(x, e)))
        break;
    } else if (e > a &&
               phrase_len_o(x, e, b, &subject_cut, &cut_firsts, 1, open) &&
               !xnum_inside_word(x, e)) {
      break;
    }
    e++;
  }
  if (e >= b) *open = 1; /* stopped by b: a later b goes on */
  while (e > a && x->t[e - 1].type == T_PUNCT) e--;
  return e > a && !only_stopwords(x, a, e) ? xt_span(x, a, e) : NULL;
}

/*
** head_scan's last answer in the sentence that extract_figures scans
** (reset for each) when b did not decide it (no *open): head_scan from
** the same a up to any later b gives the same head, every phrase_len it
** asks seeing the same tokens and answering the same; the figures of one
** clause ask for it one after the other.
*/
static _Thread_local struct {
  int valid;
  size_t a, b;
  char *head;
} last_head;

/* head_scan through last_head. */
static inline __attribute__((always_inline)) char *head_from(xsent *x, size_t a,
                                                             size_t b) {
  if (last_head.valid && last_head.a == a && b >= last_head.b)
    return last_head.head;
  int open = 0;
  char *h = head_scan(x, a, b, &open);
  if (!open) {
    last_head.valid = 1;
    last_head.a = a, last_head.b = b, last_head.head = h;
  }
  return h;
}

/* Head of the clause [a, b), from what a verb of saying reports
** (after_report); head_from. */
static char *clause_head(xsent *x, size_t a, size_t b) {
  return head_from(x, after_report(x, a, b), b);
}

/* Start of the clause that ends at token q: after the nearest boundary,
** stepping over a whole "( ... )" group. */
static inline __attribute__((always_inline)) size_t clause_start(const xsent *x,
                                                                 size_t q) {
  size_t a = q;
  while (a > 0) {
    if (x->t[a - 1].type != T_PUNCT) { /* no ')', no boundary: go on */
      a--;
      continue;
    }
    if (xt_punct(x, a - 1, ')')) {
      size_t b = a - 1;
      while (b > 0 && !xt_punct(x, b - 1, '(') && a - b < 30) b--;
      if (b > 0 && xt_punct(x, b - 1, '(')) {
        a = b - 1;
        continue;
      }
    }
    if (xnum_is_boundary(x, a - 1)) break;
    a--;
  }
  return a;
}

/* Subject after a percentage: "100% thôn đạt chuẩn" -> "thôn". */
static char *subject_after(xsent *x, size_t j) {
  if (j >= x->n || x->t[j].type != T_WORD ||
      phrase_len(x, j, x->n, &subject_cut, &cut_firsts, 1) ||
      xt_in(x, j, &ws_not_unit))
    return NULL;
  size_t e = j;
  while (e < x->n && e - j < 6 && x->t[e].type == T_WORD &&
         !(e > j && phrase_len(x, e, x->n, &subject_cut, &cut_firsts, 1) &&
           !xnum_inside_word(x, e)))
    e++;
  return xt_span(x, j, e);
}

/*
** Subject of a figure whose qualifier starts at token q: the head of its
** clause, else (percentages) the noun after the figure, else the previous
** figure's subject in the sentence, else the head of the clause before
** unless a verb of saying opens this one (", nói có 7 người": the clause
** before is who says).
*/
char *xnum_subject_of(xsent *x, size_t q, char *prev, size_t after) {
  size_t a = clause_start(x, q), r = after_report(x, a, q);
  char *s = head_from(x, r, q);
  if (s) return s;
  if (after < x->n && (s = subject_after(x, after))) return s;
  if (prev) return prev;
  if (a == 0 || r > a) return NULL; /* the clause before says who says */
  size_t b = a - 1;
  return clause_head(x, clause_start(x, b), b);
}

/* A list of data/ whose lines that start with '~' say what is not one of
** its phrases: the others into yes, those (the '~' dropped) into no; the
** arrays hold the pointers (XT_PHRASES_MAX + 1 each). */
void xnum_split_tilde(const char *const *list, const char **ya, xphrases *yes,
                      const char **na, xphrases *no) {
  size_t y = 0, n = 0;
  for (; *list; list++) {
    if (**list == '~' && n < XT_PHRASES_MAX)
      na[n++] = *list + 1;
    else if (**list != '~' && y < XT_PHRASES_MAX)
      ya[y++] = *list;
  }
  ya[y] = na[n] = NULL;
  xt_phrases_set(yes, ya);
  xt_phrases_set(no, na);
}

static const char *report_v[XT_PHRASES_MAX + 1], *report_n[XT_PHRASES_MAX + 1];

void xnum_subject_init(void) {
  xwords_load(&ws_not_unit, LEX_NOT_UNIT, 0);
  xt_phrases_set(&subject_cut, lexicon_get()->lists[LEX_SUBJECT_CUT]);
  xt_phrases_set(&subject_lead, lexicon_get()->lists[LEX_SUBJECT_LEAD]);
  firsts_set(&cut_firsts, &subject_cut);
  firsts_set(&lead_firsts, &subject_lead);
  xnum_split_tilde(lexicon_get()->lists[LEX_REPORT_VERBS], report_v,
                   &report_verbs, report_n, &report_not);
  firsts_set(&report_firsts, &report_verbs);
  firsts_set(&report_not_firsts, &report_not);
  xt_phrases_set(&stopwords, lexicon_get()->lists[LEX_STOPWORDS]);
  firsts_set(&stop_firsts, &stopwords);
}

int xnum_subject_check(const xsent *x, long *asked) {
  const xphrases *const ph[] = {&subject_lead, &subject_cut, &report_verbs,
                                &report_not, &stopwords};
  const firsts *const fs[] = {&lead_firsts, &cut_firsts, &report_firsts,
                              &report_not_firsts, &stop_firsts};
  int bad = 0;
  for (size_t j = 0; j < x->n; j++) {
    size_t bs[] = {j, j + 1, j + 2, j + 3, j + 5, x->n};
    for (size_t l = 0; l < sizeof ph / sizeof *ph; l++)
      for (int starts = 0; starts < 2; starts++)
        for (size_t k = 0; k < sizeof bs / sizeof *bs; k++) {
          size_t b = bs[k] < x->n ? bs[k] : x->n;
          int o1 = 0, o2 = 0;
          size_t w1 = phrase_len_o(x, j, b, ph[l], fs[l], starts, &o1);
          size_t w2 = phrase_len_ref(x, j, b, ph[l], fs[l], starts, &o2);
          bad += w1 != w2 || o1 != o2;
          ++*asked;
        }
    for (size_t e = j; e <= x->n && e - j < 12; e++, ++*asked)
      bad += only_stopwords(x, j, e) != stop_walk(x, j, e, 0);
  }
  return bad;
}

void xnum_subject_reset(void) {
  last_head.valid = 0;
}
