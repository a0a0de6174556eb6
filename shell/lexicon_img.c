/*
** lexicon_img.c — the word lists' binary image as a file (lexicon_img.h):
** the source files' hash, writing, mapping and the bounds-checked reads.
** What the stream holds is lexicon.c's business.
*/
#include "lexicon_img.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util.h"

#define LIMG_MAGIC   "tinshld1"
#define LIMG_VERSION 1u
#define LIMG_HEAD    64 /* the header, padded: the blob starts aligned */

typedef struct limg_head {
  char magic[8];
  uint32_t version, pad;
  uint64_t src;  /* limg_sources of the data files (and lexicon.c's code) */
  uint64_t blen; /* blob bytes (then padding to 8) */
  uint64_t wn;   /* stream words */
  uint64_t size; /* the whole file */
} limg_head;

_Static_assert(sizeof(limg_head) <= LIMG_HEAD, "image header too large");

/* The blob's length padded to a multiple of 8. */
static size_t pad8(size_t n) {
  return (n + 7) & ~(size_t)7;
}

void limg_put(limg_w *o, uint32_t v) {
  if (o->wn == o->wcap)
    o->w = xrealloc(o->w, (o->wcap = o->wcap * 2 + 1024) * sizeof *o->w);
  o->w[o->wn++] = v;
}

uint32_t limg_bytes(limg_w *o, const char *p, size_t n) {
  if (o->blen + n + 1 > o->bcap)
    o->blob = xrealloc(o->blob, o->bcap = (o->blen + n + 1) * 2 + 4096);
  uint32_t off = (uint32_t)o->blen;
  if (n) memcpy(o->blob + o->blen, p, n);
  o->blob[o->blen + n] = '\0';
  o->blen += n + 1;
  return off;
}

void limg_w_free(limg_w *o) {
  free(o->blob);
  free(o->w);
  memset(o, 0, sizeof *o);
}

/* Write all of p[0..n) to f; 0, or -1. */
static int put_all(FILE *f, const void *p, size_t n) {
  return n == 0 || fwrite(p, 1, n, f) == n ? 0 : -1;
}

int limg_save(const limg_w *o, uint64_t src, const char *path) {
  char head[LIMG_HEAD] = {0}, zero[8] = {0};
  limg_head h = {
      .version = LIMG_VERSION, .src = src, .blen = o->blen, .wn = o->wn};
  memcpy(h.magic, LIMG_MAGIC, 8);
  h.size = LIMG_HEAD + pad8(o->blen) + o->wn * sizeof *o->w;
  memcpy(head, &h, sizeof h);
  char tmp[4096]; /* renamed over path: a mapping of the old one stays */
  if (snprintf(tmp, sizeof tmp, "%s.%ld.tmp", path, (long)getpid()) >=
      (int)sizeof tmp)
    return -1;
  FILE *f = fopen(tmp, "wb");
  if (!f) return -1;
  int rc = put_all(f, head, sizeof head) | put_all(f, o->blob, o->blen) |
           put_all(f, zero, pad8(o->blen) - o->blen) |
           put_all(f, o->w, o->wn * sizeof *o->w);
  if (fclose(f) != 0) rc = -1;
  if (rc == 0 && rename(tmp, path) != 0) rc = -1;
  if (rc != 0) remove(tmp);
  return rc;
}

/* Is header h (of a file of n bytes) this format's, from sources src? */
static int head_ok(const limg_head *h, size_t n, uint64_t src) {
  return memcmp(h->magic, LIMG_MAGIC, 8) == 0 && h->version == LIMG_VERSION &&
         h->src == src && h->size == n && h->blen > 0 &&
         h->blen < (1ull << 31) && h->wn < (1ull << 31) &&
         n == LIMG_HEAD + pad8((size_t)h->blen) + (size_t)h->wn * 4;
}

int limg_map(const char *path, uint64_t src, limg_r *r) {
  memset(r, 0, sizeof *r);
  int fd = path && *path ? open(path, O_RDONLY | O_CLOEXEC) : -1;
  if (fd < 0) return -1;
  struct stat st;
  void *p = MAP_FAILED;
  if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_size > LIMG_HEAD)
    p = mmap(NULL, (size_t)st.st_size, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd,
             0);
  close(fd);
  if (p == MAP_FAILED) return -1;
  limg_head h;
  memcpy(&h, p, sizeof h);
  const char *c = p;
  if (!head_ok(&h, (size_t)st.st_size, src) || c[LIMG_HEAD + h.blen - 1]) {
    munmap(p, (size_t)st.st_size); /* the blob must end its last string */
    return -1;
  }
  r->map = p, r->mapn = (size_t)st.st_size;
  r->blob = c + LIMG_HEAD, r->blen = (size_t)h.blen;
  r->w = (const uint32_t *)(const void *)(c + LIMG_HEAD + pad8(r->blen));
  r->wn = (size_t)h.wn;
  return 0;
}

void limg_unmap(limg_r *r) {
  if (r->map) munmap(r->map, r->mapn);
  r->map = NULL;
}

/* Read regular file path whole into *b (cap *cap, grown); its length,
** or -1 (a folder or pipe too: then the text files are read as before).
** A read that leaves room in the buffer has met the file's end, so a
** small file costs open, fstat, one read and close. */
static ssize_t read_into(const char *path, char **b, size_t *cap) {
  int fd = open(path, O_RDONLY | O_CLOEXEC);
  if (fd < 0) return -1;
  struct stat st;
  ssize_t n = fstat(fd, &st) == 0 && S_ISREG(st.st_mode) ? 0 : -1;
  while (n >= 0) {
    if ((size_t)n == *cap) *b = xrealloc(*b, *cap = *cap * 2 + 65536);
    ssize_t k = read(fd, *b + n, *cap - (size_t)n);
    if (k < 0 && errno == EINTR) continue;
    if (k < 0) n = -1;
    if (k <= 0) break;
    n += k;
    if ((size_t)n < *cap) break;
  }
  close(fd);
  return n;
}

uint64_t limg_sources(const char *dir, const char *const *names, size_t n,
                      int *all) {
  char path[4096], *b = NULL;
  size_t cap = 0;
  uint64_t h = 0x9E3779B97F4A7C15ull ^ n;
  *all = 1;
  for (size_t i = 0; i < n; i++) {
    snprintf(path, sizeof path, "%s/%s", dir, names[i]);
    ssize_t k = read_into(path, &b, &cap);
    h = util_hash_wide(names[i], strlen(names[i]), h);
    h = k < 0 ? util_hash_wide("", 0, ~h) : util_hash_wide(b, (size_t)k, h);
    if (k < 0) *all = 0;
  }
  free(b);
  return h;
}
