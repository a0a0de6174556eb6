/*
** lexicon_img.h — the file format of the word lists' binary image
** (lexicon.c): a header, a blob of NUL-terminated strings and a stream
** of 32-bit words (numbers, and strings as offsets into the blob). This
** layer knows nothing of the tables: it hashes the source files, writes
** and maps the file, and reads the stream with bounds checks.
*/
#ifndef TINSH_LEXICON_IMG_H
#define TINSH_LEXICON_IMG_H

#include <stddef.h>
#include <stdint.h>

#define LIMG_NONE 0xFFFFFFFFu /* the offset of a NULL string */

/* An image being written: the blob and the stream, both growing. */
typedef struct limg_w {
  char *blob;
  size_t blen, bcap;
  uint32_t *w;
  size_t wn, wcap;
} limg_w;

/* Append one word to the stream. */
void limg_put(limg_w *o, uint32_t v);
/* Append n bytes at p (and a NUL) to the blob; their offset. */
uint32_t limg_bytes(limg_w *o, const char *p, size_t n);
/* Write o as an image of sources of hash src to path (beside it, then
** renamed over it); 0, or -1. */
int limg_save(const limg_w *o, uint64_t src, const char *path);
void limg_w_free(limg_w *o);

/* An image being read: its mapping (kept for the process once used), its
** blob and stream, a cursor; bad is set by the first read out of
** bounds (then every read gives 0 or NULL). */
typedef struct limg_r {
  void *map;
  size_t mapn;
  const char *blob;
  size_t blen;
  const uint32_t *w;
  size_t wn, pos;
  int bad;
} limg_r;

/* Map the image at path when it is one of this format made from sources
** of hash src; 0, or -1 (nothing mapped). */
int limg_map(const char *path, uint64_t src, limg_r *r);
void limg_unmap(limg_r *r);
/* The next word of the stream. */
static inline uint32_t limg_get(limg_r *r) {
  if (r->bad || r->pos >= r->wn) return r->bad = 1, 0;
  return r->w[r->pos++];
}

/* The next n words, in place (NULL and bad when past the end). */
static inline const uint32_t *limg_words(limg_r *r, size_t n) {
  if (r->bad || n > r->wn - r->pos) return r->bad = 1, NULL;
  const uint32_t *p = r->w + r->pos;
  r->pos += n;
  return p;
}

/* The string at blob offset off: NULL for LIMG_NONE (or bad when off is
** outside the blob). */
static inline const char *limg_str(limg_r *r, uint32_t off) {
  if (off == LIMG_NONE) return NULL;
  if (off >= r->blen) return r->bad = 1, NULL;
  return r->blob + off;
}

/*
** A hash of the files names[0..n) of folder dir: each name and all its
** bytes (util_hash_wide), or a mark when it cannot be read. *all is 1
** when every file was read. The files are read into one buffer, reused.
*/
uint64_t limg_sources(const char *dir, const char *const *names, size_t n,
                      int *all);

#endif
