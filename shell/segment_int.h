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
  void *map;        /* a mapped image holding slots and keys, or NULL */
  size_t mapn;      /* its size */
};

/* What the lexicon (with its base) says about one key. */
typedef struct seg_hit {
  int flags; /* SEG_F_WORD, _PREFIX, _PLACE, _SURNAME, _USER */
  float lp;  /* log-probability when SEG_F_WORD */
} seg_hit;

/* Start loading what seg_lex_find(lex, ..., h) will read (lex's and its
** bases' filter words and home slots) into the CPU cache. */
void seg_lex_prefetch(const seg_lex *lex, uint64_t h);
seg_hit seg_lex_find(const seg_lex *lex, const char *key, size_t n, uint64_t h);

/*
** The binary image (segment_img.c). seg_img_save writes lex with the hash
** of its sources (seg_lex_load's data files) and their number; returns 0
** or -1. seg_img_load maps an image made from sources of hash src, or
** returns NULL (missing, another build's, other sources). seg_img_own
** copies a mapped lexicon's table to the heap before it is changed;
** seg_img_release frees or unmaps the table.
*/
int seg_img_save(const seg_lex *lex, uint64_t src, int nfiles,
                 const char *path);
seg_lex *seg_img_load(const char *path, uint64_t src, int *nfiles);
void seg_img_own(seg_lex *lex);
void seg_img_release(seg_lex *lex);
/* seg_img_load for a lexicon kept for the whole process (never given to
** seg_lex_free): its filter maps the image's pages instead of a copy. */
seg_lex *seg_img_load_resident(const char *path, uint64_t src, int *nfiles);

/* Load the lexicon of data folder dir from its text files only (never
** from an image); *src (may be NULL) gets the hash of those files. */
seg_lex *seg_lex_load_text(const char *dir, int *nfiles, uint64_t *src);

/* Do a and b hold the same entries (keys, flags, probabilities) and
** constants? (Tests: an image against the text it was made from.) */
int seg_lex_same(const seg_lex *a, const seg_lex *b);

/*
** The one place the segmenter reads syllables (the adapter to the text
** layer's tokenizer): call cb for each token of text[0..n) with its
** folded form (NFC, lower case) and its byte span. Tokens are syllables
** (letters) or whole numbers and document numbers ("57,7", "20-NQ/TU").
*/
typedef int (*seg_tok_fn)(void *ctx, const char *fold, int nfold, size_t start,
                          size_t end);
int seg_tokens(const char *text, size_t n, seg_tok_fn cb, void *ctx);
/* The same over the spans seg_spans_scan found in text. */
int seg_tokens_spans(const char *text, const seg_spans *sp, seg_tok_fn cb,
                     void *ctx);
/* The same over pieces p[0..np) of text that the caller cut (seg_piece):
** no scan, each piece folded as the scan would. */
int seg_tokens_pieces(const char *text, const seg_piece *p, size_t np,
                      seg_tok_fn cb, void *ctx);
/* The case fold the pieces' tokens are handed on with: the first fold
** text_fold_pair_str gives of s[0..n) (n > 0), into ex (4 bytes a byte of
** s); its length, or -1 where it gives none. (seg_tokens_pieces hands on
** a fold of 1 to SEG_FOLD_MAX bytes of a piece of at most SEG_FOLD_MAX
** bytes; any other piece is folded by text_fold.) */
int seg_fold_case(const char *s, size_t n, char *ex);
/* seg_key of the word whose tokens are pieces p[0..np) of text. */
size_t seg_key_pieces(const char *text, const seg_piece *p, size_t np,
                      char *out, size_t cap);

#endif
