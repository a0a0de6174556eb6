/*
** text_damage.h — legacy-font damage that still spells possible syllables
** ("Hịn" for "Hòn", "cơng" for "công"), seen by the vowels a document
** lacks, not by the spelling of one word. Pure C, on normalised text.
*/
#ifndef TINSH_TEXT_DAMAGE_H
#define TINSH_TEXT_DAMAGE_H

#include <stddef.h>
#include <stdint.h>

/* The document's vowel evidence (text_damage_scan). */
typedef struct text_damage {
  size_t words;           /* words with a letter */
  size_t lost_o, lost_og; /* letters "ô" (untoned) and "ò" */
  size_t standin_o;       /* "ơng" without "ư": a stand-in for "ông" */
  size_t standin_og;   /* "ịn", "ịng", "ịm", "ịi": stand-ins for "ò" */
  size_t standin;      /* both */
  char seen[2][4][16]; /* distinct stand-in words (ô, ò), up to 4 */
  int nseen[2];
  char example[48]; /* the first such word */
} text_damage;

/*
** Scan text t[0..n). Returns 1 when the text reads as damaged: at least
** TEXT_DAMAGE_MIN_WORDS words and, for "ô" or for "ò", none of the
** vowel but at least TEXT_DAMAGE_MIN_STANDIN of its stand-in syllables,
** in two different words at least (a clean text may repeat "mịn").
** The scan stops at the word where both vowels have been seen (the
** answer is 0 whatever follows), so out's counts are the whole text's
** only when one of the vowels is absent.
*/
#define TEXT_DAMAGE_MIN_WORDS   100
#define TEXT_DAMAGE_MIN_STANDIN 3
int text_damage_scan(const char *t, size_t n, text_damage *out);

/*
** A quick look that rules most texts out: 0 when t[0..n) holds fewer
** than TEXT_DAMAGE_MIN_STANDIN possible stand-ins for "ô" and for "ò"
** ("ơng" without "ư" before it; "ịn", "ịng", "ịm", "ịi" ending a word),
** so that text_damage_scan cannot return 1; else 1 (scan it). One pass,
** eight bytes read a step, counting a superset of scan_word's stand-ins.
** The same pass sets *hash (when not NULL) to util_hash64(t, n); without
** it the pass is quicker (the parser has the hash from text_normalize). _ref:
*the same answer, one byte a step (for the
** tests).
*/
int text_damage_possible(const char *t, size_t n, uint64_t *hash);
int text_damage_possible_ref(const char *t, size_t n);

#endif
