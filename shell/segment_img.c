/*
** segment_img.c — the lexicon's binary image: the hash table, its filter
** and its keys written as they sit in memory, with a hash of the data
** files they were built from. Loading maps the file (copy-on-write) in
** place of reading and folding some 50,000 lines; an image whose source
** hash, format or size does not match is not used.
*/
#include <fcntl.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "segment_int.h"
#include "util.h"

#define IMG_MAGIC "tinshlx1"
#define IMG_VERSION                                           \
  3u /* 3: the filter at a page (2: "Chủ tịch nước" no \
        longer one word) */
#define HEAD_BYTES 4096 /* the header, padded: the filter starts a page */

typedef struct img_head {
  char magic[8];
  uint32_t version, entsize; /* IMG_VERSION, sizeof(seg_entry) */
  uint64_t src;              /* seg_src_hash of the data files */
  uint64_t cap, n, klen;
  double total;
  float lp_unknown, lp_place, lp_name, lp_proper, lp_user;
  int32_t nfiles;
} img_head;

_Static_assert(sizeof(img_head) <= HEAD_BYTES, "image header too large");

#define FILTER_BYTES (SEG_FILTER_BITS / 8)

/* The image's size for a table of cap slots and klen key bytes. */
static size_t img_size(uint64_t cap, uint64_t klen) {
  return HEAD_BYTES + FILTER_BYTES + (size_t)cap * sizeof(seg_entry) +
         (size_t)klen;
}

/* Write all of p[0..n) to f; 0, or -1. */
static int put(FILE *f, const void *p, size_t n) {
  return n == 0 || fwrite(p, 1, n, f) == n ? 0 : -1;
}

int seg_img_save(const seg_lex *lex, uint64_t src, int nfiles,
                 const char *path) {
  char head[HEAD_BYTES] = {0};
  img_head h = {.version = IMG_VERSION, .entsize = sizeof(seg_entry)};
  memcpy(h.magic, IMG_MAGIC, 8);
  h.src = src, h.cap = lex->cap, h.n = lex->n, h.klen = lex->klen;
  h.total = lex->total, h.nfiles = nfiles;
  h.lp_unknown = lex->lp_unknown, h.lp_place = lex->lp_place;
  h.lp_name = lex->lp_name, h.lp_proper = lex->lp_proper;
  h.lp_user = lex->lp_user;
  memcpy(head, &h, sizeof h);
  /* written beside it, then renamed over it: a process that has the old
  ** image mapped keeps reading it (rewriting it in place would cut the
  ** file under its mapping: SIGBUS) */
  char tmp[4096];
  if (snprintf(tmp, sizeof tmp, "%s.%ld.tmp", path, (long)getpid()) >=
      (int)sizeof tmp)
    return -1;
  FILE *f = fopen(tmp, "wb");
  if (!f) return -1;
  int rc = put(f, head, sizeof head) | put(f, lex->filter, FILTER_BYTES) |
           put(f, lex->slots, lex->cap * sizeof *lex->slots) |
           put(f, lex->keys, lex->klen);
  if (fclose(f) != 0) rc = -1;
  if (rc == 0 && rename(tmp, path) != 0) rc = -1;
  if (rc != 0) remove(tmp);
  return rc;
}

/* Map path whole (private, writable pages copied on write); NULL when it
** cannot be opened or mapped. *fd is the open file (-1 on failure). */
static void *map_file(const char *path, size_t *n, int *fd) {
  *fd = open(path, O_RDONLY | O_CLOEXEC);
  if (*fd < 0) return NULL;
  struct stat st;
  void *p = MAP_FAILED;
  if (fstat(*fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_size > HEAD_BYTES)
    p = mmap(NULL, (size_t)st.st_size, PROT_READ | PROT_WRITE, MAP_PRIVATE, *fd,
             0);
  *n = p == MAP_FAILED ? 0 : (size_t)st.st_size;
  return p == MAP_FAILED ? NULL : p;
}

/* Is the mapped image p[0..n) (header h) one of this build's, made from
** the sources of hash src? */
static int img_ok(const img_head *h, size_t n, uint64_t src) {
  return memcmp(h->magic, IMG_MAGIC, 8) == 0 && h->version == IMG_VERSION &&
         h->entsize == sizeof(seg_entry) && h->src == src && h->cap > 0 &&
         (h->cap & (h->cap - 1)) == 0 && h->n < h->cap &&
         h->cap < (1ull << 40) && h->klen < (1ull << 32) &&
         n == img_size(h->cap, h->klen);
}

/* A zeroed lexicon whose filter is the image's filter (at f): the 128 KiB
** filter is copied, not cleared first as well. */
static seg_lex *lex_with_filter(const char *f) {
  seg_lex *lex = xmalloc(sizeof *lex);
  size_t head = offsetof(seg_lex, filter), tail = head + sizeof lex->filter;
  memset(lex, 0, head);
  memcpy(lex->filter, f, sizeof lex->filter);
  memset((char *)lex + tail, 0, sizeof *lex - tail);
  return lex;
}

/* Round n up to a multiple of page (a power of two). */
static size_t page_up(size_t n, size_t page) {
  return (n + page - 1) & ~(page - 1);
}

/*
** A zeroed lexicon, never freed, whose filter is the pages of the image
** file fd at HEAD_BYTES mapped in place (private: shared with the page
** cache until written): no 128 KiB copy at every start. The lexicon
** lies in an anonymous mapping with its filter on page boundaries. NULL
** when the pages are not 4 KiB or a mapping fails.
*/
static seg_lex *lex_on_filter_pages(int fd) {
  long pg = sysconf(_SC_PAGESIZE);
  if (pg <= 0 || HEAD_BYTES % pg || FILTER_BYTES % pg) return NULL;
  size_t page = (size_t)pg, head = offsetof(seg_lex, filter);
  size_t pre = page_up(head, page);
  size_t size = pre + page_up(sizeof(seg_lex) - head, page);
  char *r = mmap(NULL, size, PROT_READ | PROT_WRITE,
                 MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (r == MAP_FAILED) return NULL;
  if (mmap(r + pre, FILTER_BYTES, PROT_READ | PROT_WRITE,
           MAP_PRIVATE | MAP_FIXED, fd, HEAD_BYTES) == MAP_FAILED) {
    munmap(r, size);
    return NULL;
  }
  return (seg_lex *)(void *)(r + pre - head);
}

/* seg_img_load, and seg_img_load_resident when resident. */
static seg_lex *img_load(const char *path, uint64_t src, int *nfiles,
                         int resident) {
  size_t n;
  int fd = -1;
  char *p = path && *path ? map_file(path, &n, &fd) : NULL;
  if (!p) {
    if (fd >= 0) close(fd);
    return NULL;
  }
  img_head h;
  memcpy(&h, p, sizeof h);
  if (!img_ok(&h, n, src)) {
    munmap(p, n);
    close(fd);
    return NULL;
  }
  seg_lex *lex = resident ? lex_on_filter_pages(fd) : NULL;
  if (!lex) lex = lex_with_filter(p + HEAD_BYTES);
  close(fd);
  lex->slots = (seg_entry *)(void *)(p + HEAD_BYTES + FILTER_BYTES);
  lex->keys = p + img_size(h.cap, 0);
  lex->cap = (size_t)h.cap, lex->n = (size_t)h.n;
  lex->klen = lex->kcap = (size_t)h.klen;
  lex->total = h.total;
  lex->lp_unknown = h.lp_unknown, lex->lp_place = h.lp_place;
  lex->lp_name = h.lp_name, lex->lp_proper = h.lp_proper;
  lex->lp_user = h.lp_user;
  lex->map = p, lex->mapn = n;
  if (nfiles) *nfiles = h.nfiles;
  return lex;
}

seg_lex *seg_img_load(const char *path, uint64_t src, int *nfiles) {
  return img_load(path, src, nfiles, 0);
}

seg_lex *seg_img_load_resident(const char *path, uint64_t src, int *nfiles) {
  return img_load(path, src, nfiles, 1);
}

void seg_img_own(seg_lex *lex) {
  if (!lex->map) return;
  seg_entry *s = xmalloc(lex->cap * sizeof *s);
  memcpy(s, lex->slots, lex->cap * sizeof *s);
  char *k = xmalloc(lex->klen + 1);
  memcpy(k, lex->keys, lex->klen);
  munmap(lex->map, lex->mapn);
  lex->slots = s, lex->keys = k, lex->kcap = lex->klen + 1;
  lex->map = NULL, lex->mapn = 0;
}

void seg_img_release(seg_lex *lex) {
  if (lex->map) {
    munmap(lex->map, lex->mapn);
  } else {
    free(lex->slots);
    free(lex->keys);
  }
  lex->slots = NULL, lex->keys = NULL, lex->map = NULL;
}
