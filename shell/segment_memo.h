/*
** segment_memo.h — what the segmenter keeps per thread from one text to
** the next (segment_memo.c): the cache of the lexicon's answers and the
** memo of the syllables of the pieces it was handed, in pages of their
** own. Internal to the segmenter (segment.c); the hot look-ups inline.
*/
#ifndef TINSH_SEGMENT_MEMO_H
#define TINSH_SEGMENT_MEMO_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "segment_int.h"

/*
** Word frequencies are Zipfian: most lookups ask again for a key asked
** a moment ago. Each thread keeps the answers for the last keys of one
** lexicon generation (a lexicon that changes or is freed gets a new
** generation, so a stale answer is never used), found by their 64-bit
** hash and their length: the lexicon knows a key by both, so an answer
** never depends on what the cache held before. (By the hash alone, a key
** built to collide with a lexicon word of another length was a word or
** not by the cache's state: tinsh.words' second pass found more words
** than its first had counted and wrote past its buffer, red team 11.)
** An overlay's answers depend on its base too: the cache is tagged with
** the generations of both. Keys of CACHE_LEN_MAX bytes or more are not
** cached.
*/
#define CACHE_SLOTS   16384
#define CACHE_LEN_MAX (1u << 24)
_Static_assert(SEG_F_TITLE < 256, "the flags fit in the low byte of nf");

typedef struct cache_slot {
  uint64_t h;  /* seg_hash of the key; 0 = empty */
  float lp;    /* the answer's lp */
  uint32_t nf; /* the key's length << 8 | the answer's flags (SEG_F_*) */
} cache_slot;

#define SYL_MAX 16 /* the longest piece (and fold) the memo keeps */
/* The syllables' memo (see seg_syl_get). */
#define SYL_BITS  12
#define SYL_SLOTS (1u << SYL_BITS)

typedef struct syl_slot {
  uint64_t w0, w1; /* seg_syl_key of the bytes */
  uint64_t gen;    /* the generation lp and flags were asked of */
  float lp;        /* the lexicon's answer for the fold */
  uint8_t flags;
  uint8_t n, nfold; /* bytes of the piece (0: empty slot), of its fold */
  uint8_t title, digit;
  char fold[SYL_MAX];
} syl_slot;

/*
** The thread's cache and syllables' memo, in pages of their own (mmap:
** zero pages, touched only where used; as thread-local data they were
** cleared whenever a thread started, the main one too). armed: the cache
** holds answers of generation gen.
*/
typedef struct seg_tables {
  uint64_t gen;
  int armed;
  cache_slot s[CACHE_SLOTS];
  syl_slot syl[SYL_SLOTS];
} seg_tables;

/* The calling thread's tables (set by seg_cache_for). */
extern _Thread_local seg_tables *seg_tabs;

/* Arm the calling thread's cache for lex (its tables made on first use);
** returns the generation it is armed for (of lex and of the lexicons
** below it). Every look-up below needs the cache armed for its lex. */
uint64_t seg_cache_for(const seg_lex *lex);

/* The lexicon's answer for key[0..n) of hash h, through the cache. */
static inline seg_hit seg_lookup_h(const seg_lex *lex, const char *key,
                                   size_t n, uint64_t h) {
  if (n >= CACHE_LEN_MAX) return seg_lex_find(lex, key, n, h);
  cache_slot *c = &seg_tabs->s[h & (CACHE_SLOTS - 1)];
  uint32_t len = (uint32_t)n << 8;
  if (c->h == h && (c->nf & ~0xFFu) == len)
    return (seg_hit){(int)(c->nf & 0xFFu), c->lp};
  seg_hit r = seg_lex_find(lex, key, n, h);
  c->h = h, c->lp = r.lp, c->nf = len | ((uint32_t)r.flags & 0xFFu);
  return r;
}

/* The lexicon's answer for key[0..n), through the cache. */
static inline seg_hit seg_lookup(const seg_lex *lex, const char *key,
                                 size_t n) {
  return seg_lookup_h(lex, key, n, seg_hash(key, n));
}

/* Is s[0..n) written capitalised (first letter upper, no other upper)? */
int seg_is_title(const char *s, size_t n);

/* Does s[0..n) hold a digit '0'..'9'? */
static inline int seg_has_digit(const char *s, size_t n) {
  for (size_t i = 0; i < n; i++)
    if (s[i] >= '0' && s[i] <= '9') return 1;
  return 0;
}

/*
** Each thread keeps what the decoder works out for a piece's bytes: its
** fold (seg_fold_case's, as seg_tokens_pieces hands it on),
** seg_is_title's and seg_has_digit's answers (all three of the bytes
** alone) and the
** lexicon's answer for the fold (tagged with the generation it was asked
** of). The same few thousand syllables come back sentence after
** sentence: a piece read before is neither folded, decoded nor hashed
** again. A slot is found by the piece's bytes (seg_syl_key: up to SYL_MAX,
** all of them), compared in full, so that an answer never depends on
** what the memo held before; one slot per key, no probing.
*/

/* The 8 bytes at p as one word (one load, no call). */
static inline uint64_t seg_load8(const char *p) {
  uint64_t v;
  memcpy(&v, p, 8);
  return v;
}

/* The 4 bytes at p as the low half of a word. */
static inline uint64_t seg_load4(const char *p) {
  uint32_t v;
  memcpy(&v, p, 4);
  return v;
}

/* The key of s[0..n) (1 <= n <= SYL_MAX) in two words that, with n,
** hold every byte of it (loads that may overlap, never outside it). */
static inline void seg_syl_key(const char *s, size_t n, uint64_t *w0,
                               uint64_t *w1) {
  if (n >= 8) {
    *w0 = seg_load8(s), *w1 = seg_load8(s + n - 8);
  } else if (n >= 4) {
    *w0 = seg_load4(s) | seg_load4(s + n - 4) << 32, *w1 = 0;
  } else {
    *w0 = (uint64_t)(unsigned char)s[0] |
          (uint64_t)(unsigned char)s[n / 2] << 8 |
          (uint64_t)(unsigned char)s[n - 1] << 16;
    *w1 = 0;
  }
}

/* Work out slot m for the piece s[0..n) of key (w0, w1) with lex, of
** generation gen: 1, or 0 (m left empty) when its fold is not
** seg_fold_case's of 1 to SYL_MAX bytes. */
int seg_syl_fill(const seg_lex *lex, uint64_t gen, syl_slot *m, const char *s,
                 size_t n, uint64_t w0, uint64_t w1);

/* The memo's slot for the piece s[0..n) (1 <= n <= SYL_MAX) read with
** lex, of generation gen (seg_cache_for's, armed), or NULL when the piece
** is not kept (seg_syl_fill). Valid until the memo is next used (a
** callback may decode and reuse the slot). */
static inline syl_slot *seg_syl_get(const seg_lex *lex, uint64_t gen,
                                    const char *s, size_t n) {
  uint64_t w0, w1;
  seg_syl_key(s, n, &w0, &w1);
  uint64_t k = (w0 ^ (w1 + n) * 0xC2B2AE3D27D4EB4Full) * 0x9E3779B97F4A7C15ull;
  syl_slot *m = &seg_tabs->syl[k >> (64 - SYL_BITS)];
  if (m->n != n || m->w0 != w0 || m->w1 != w1) {
    if (!seg_syl_fill(lex, gen, m, s, n, w0, w1)) return NULL;
  } else if (m->gen != gen) { /* another lexicon's answer */
    seg_hit h = seg_lookup(lex, m->fold, m->nfold);
    m->gen = gen, m->lp = h.lp, m->flags = (uint8_t)h.flags;
  }
  return m;
}

#endif
