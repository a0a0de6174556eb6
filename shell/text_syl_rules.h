/*
** text_syl_rules.h — the spelling rules of one Vietnamese syllable
** (text_syl_rules.c), for the impossible-syllable scan of
** text_syllables.c: a letter read as consonant or vowel (class, tone),
** the first look at a word's end (rule_may_fire), the whole word's
** verdict (word_impossible).
*/
#ifndef TINSH_TEXT_SYL_RULES_H
#define TINSH_TEXT_SYL_RULES_H

#include <stddef.h>
#include <stdint.h>

/* Vowel classes: a ă â e ê i o ô ơ u ư y. */
enum { V_A, V_AW, V_AA, V_E, V_EE, V_I, V_O, V_OO, V_OW, V_U, V_UW, V_Y };

/* A letter of a word: an ASCII consonant (lower case; 'D' for đ), or a
** vowel (class, tone). */
typedef struct syl_letter {
  char cons; /* 0 for a vowel */
  signed char v, tone;
} syl_letter;

/* Read cp into l; 0 when it is no Vietnamese letter. */
int syl_read(int32_t cp, syl_letter *l);

/*
** Could a rule of syl_impossible fire on a syllable whose last vowel is v
** and whose final consonants are c[0..f)? A cheap look at the end of the
** word, so that most words are never parsed whole.
*/
static inline int rule_may_fire(const syl_letter *v, const char *c, size_t f) {
  int stop = (f == 1 && (c[0] == 'c' || c[0] == 'p' || c[0] == 't')) ||
             (f == 2 && c[0] == 'c');
  int velar = (f == 1 && c[0] == 'c') || (f == 2 && c[0] == 'n' && c[1] == 'g');
  int palatal = f == 2 && c[1] == 'h';
  if (!f) return v->v == V_AW || v->v == V_AA;
  if (stop && v->tone >= 2 && v->tone <= 4) return 1;
  if (velar && (v->v == V_OW || v->v == V_I || v->v == V_Y)) return 1;
  return palatal && v->v != V_A && v->v != V_EE && v->v != V_I && v->v != V_Y;
}

/* Is the word w[0..n) (UTF-8) an impossible syllable? Looks at its end
** first (rule_may_fire), then parses it whole. */
int word_impossible(const char *w, size_t n);

#endif
