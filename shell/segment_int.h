/*
** segment_int.h — what segment.c (the decoder) and segment_lex.c (the
** lexicon) share. Not for other modules: they use segment.h.
*/
#ifndef TINSH_SEGMENT_INT_H
#define TINSH_SEGMENT_INT_H

#include <stddef.h>
#include <stdint.h>

#include "segment.h"

enum {
  SEG_F_WORD = 1,     /* a word of its own */
  SEG_F_PREFIX = 2,   /* the first syllables of a longer entry */
  SEG_F_PLACE = 4,    /* a place name (when written capitalised) */
  SEG_F_SURNAME = 8,  /* a surname (when written capitalised) */
  SEG_F_REMOVED = 16, /* an overlay's removal: hides the base's word */
  SEG_F_USER = 32,    /* added by a user */
  SEG_F_TITLE = 64    /* first syllable of a title: ends a person's name */
};

typedef struct seg_entry {
  uint64_t h;    /* seg_hash of the key; 0 = empty slot */
  uint32_t off;  /* key bytes at keys + off */
  uint16_t len;  /* key length */
  uint8_t flags; /* SEG_F_* */
  uint8_t nsyl;  /* syllables in the key */
  float lp;      /* log-probability as a word (SEG_F_WORD) */
} seg_entry;

#define SEG_FILTER_BITS (1u << 20) /* 128 KiB: fits a core's L2 cache */

struct seg_lex {
  const seg_lex *base; /* an overlay's lexicon, or NULL */
  uint64_t gen;        /* changes whenever the lexicon does (seg_lex_gen) */
  seg_entry *slots;    /* open addressing; cap is a power of two */
  size_t cap, n;
  uint64_t filter[SEG_FILTER_BITS / 64]; /* one bit per hash: maybe there */
  char *keys;                            /* every key, back to back */
  size_t klen, kcap;
  double total;     /* the model's token total (counts are out of it) */
  float lp_unknown; /* a syllable no list knows */
  float lp_place;   /* least log-probability of a place name */
  float lp_name;    /* a person's name */
  float lp_proper;  /* a capitalised run of two syllables */
  float lp_user;    /* log-probability of a user's word */
};

/* What the lexicon (with its base) says about one key. */
typedef struct seg_hit {
  int flags; /* SEG_F_WORD, _PREFIX, _PLACE, _SURNAME, _USER */
  float lp;  /* log-probability when SEG_F_WORD */
} seg_hit;

uint64_t seg_hash(const char *s, size_t n);
seg_hit seg_lex_find(const seg_lex *lex, const char *key, size_t n, uint64_t h);

/*
** The one place the segmenter reads syllables (the adapter to the text
** layer's tokenizer): call cb for each token of text[0..n) with its
** folded form (NFC, lower case) and its byte span. Tokens are syllables
** (letters) or whole numbers and document numbers ("57,7", "20-NQ/TU").
*/
typedef int (*seg_tok_fn)(void *ctx, const char *fold, int nfold, size_t start,
                          size_t end);
int seg_tokens(const char *text, size_t n, seg_tok_fn cb, void *ctx);

#endif
