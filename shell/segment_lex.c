/*
** segment_lex.c — the segmenter's lexicon: a hash table of syllable
** sequences (folded keys "phát triển") with word log-probabilities, the
** prefixes of longer entries, place and surname flags; loading from the
** data folder; user overlays.
*/
#include <dirent.h>
#include <fcntl.h>
#include <math.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "segment_int.h"
#include "text.h"
#include "util.h"

#ifndef TINSH_DATA_DIR
#define TINSH_DATA_DIR "data"
#endif

#define KEY_MAX 256 /* longest folded key kept (bytes) */

/*
** The last n < 8 bytes of a key as one little-endian word (what a memcpy
** of them into a zeroed word gives on a little-endian machine), read with
** fixed-size loads instead of a call to memcpy: two overlapping 4-byte
** loads for 4 to 7 bytes, three single bytes below.
*/
static inline uint64_t tail_word(const char *s, size_t n) {
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
  const unsigned char *u = (const unsigned char *)s;
  if (n >= 4) {
    uint32_t lo, hi;
    memcpy(&lo, s, 4);
    memcpy(&hi, s + n - 4, 4);
    return lo | (uint64_t)hi << (8 * (n - 4));
  }
  if (n == 0) return 0;
  return (uint64_t)u[0] | (uint64_t)u[n / 2] << (8 * (n / 2)) |
         (uint64_t)u[n - 1] << (8 * (n - 1));
#else
  uint64_t w = 0;
  memcpy(&w, s, n);
  return w;
#endif
}

/*
** Hash of a key: 8 bytes at a time, multiplied and mixed (keys are
** short: one to four syllables). Never 0 (0 marks an empty slot).
*/
uint64_t seg_hash(const char *s, size_t n) {
  return seg_hash_seeded(s, n, 0x9E3779B97F4A7C15ull);
}

uint64_t seg_hash_seeded(const char *s, size_t n, uint64_t seed) {
  uint64_t h = seed ^ n;
  while (n >= 8) {
    uint64_t w;
    memcpy(&w, s, 8);
    h = (h ^ w) * 0xFF51AFD7ED558CCDull;
    h ^= h >> 32;
    s += 8, n -= 8;
  }
  uint64_t w = tail_word(s, n);
  h = (h ^ w) * 0xC4CEB9FE1A85EC53ull;
  h ^= h >> 29;
  h *= 0xFF51AFD7ED558CCDull; /* low bits pick a slot: mix the high ones in */
  h ^= h >> 32;
  return h ? h : 1;
}

static atomic_uint_fast64_t generations = 1;

static uint64_t seg_lex_gen(void) {
  return atomic_fetch_add(&generations, 1);
}

/* The filter bit of hash h: a quick "not there" for most misses. */
static inline int filter_has(const seg_lex *lex, uint64_t h) {
  uint64_t b = (h >> 40) & (SEG_FILTER_BITS - 1);
  return (lex->filter[b >> 6] >> (b & 63)) & 1;
}

static inline void filter_add(seg_lex *lex, uint64_t h) {
  uint64_t b = (h >> 40) & (SEG_FILTER_BITS - 1);
  lex->filter[b >> 6] |= 1ull << (b & 63);
}

/* The slot of key (h) in lex's own table: its entry or an empty slot. */
static seg_entry *slot_of(const seg_lex *lex, const char *key, size_t n,
                          uint64_t h) {
  size_t mask = lex->cap - 1;
  for (size_t i = (size_t)h & mask;; i = (i + 1) & mask) {
    seg_entry *e = &lex->slots[i];
    if (e->h == 0) return e;
    if (e->h == h && e->len == n && memcmp(lex->keys + e->off, key, n) == 0)
      return e;
  }
}

/* Move lex's entries into a new table of cap slots (a power of two). */
static void rehash(seg_lex *lex, size_t cap) {
  size_t oldcap = lex->cap;
  seg_entry *old = lex->slots;
  lex->cap = cap;
  lex->slots = xcalloc(lex->cap, sizeof *lex->slots);
  for (size_t i = 0; i < oldcap; i++) {
    if (old[i].h == 0) continue;
    size_t j = (size_t)old[i].h & (lex->cap - 1);
    while (lex->slots[j].h) j = (j + 1) & (lex->cap - 1);
    lex->slots[j] = old[i];
  }
  free(old);
}

/* Room for n more entries at most half full: the table rehashed once
** into a big enough power of two (or made). */
static void reserve(seg_lex *lex, size_t n) {
  seg_img_own(lex);
  size_t cap = lex->cap ? lex->cap : 1024;
  while (2 * (lex->n + n) > cap) cap *= 2;
  if (cap != lex->cap) rehash(lex, cap);
}

/*
** Once loaded, the smallest table at most half full: loading reserves
** for every line of the word files, and the finished table is read at
** every syllable of every text, so a denser one (half the megabytes of
** slots) keeps more of it in the caches.
*/
static void shrink(seg_lex *lex) {
  size_t cap = 1024;
  while (2 * lex->n > cap) cap *= 2;
  if (cap < lex->cap) rehash(lex, cap);
}

/* The entry of key, made (with no flags) when it is not there. */
static seg_entry *entry(seg_lex *lex, const char *key, size_t n, int nsyl) {
  seg_img_own(lex); /* a mapped image's table is changed on the heap */
  if (2 * (lex->n + 1) > lex->cap) reserve(lex, 1);
  uint64_t h = seg_hash(key, n);
  seg_entry *e = slot_of(lex, key, n, h);
  if (e->h) return e;
  if (lex->klen + n > lex->kcap) {
    lex->kcap = (lex->kcap + n) * 2;
    lex->keys = xrealloc(lex->keys, lex->kcap);
  }
  memcpy(lex->keys + lex->klen, key, n);
  filter_add(lex, h);
  *e = (seg_entry){h, (uint32_t)lex->klen, (uint16_t)n,
                   0, (uint8_t)nsyl,       -INFINITY};
  lex->klen += n;
  lex->n++;
  return e;
}

/*
** The entry of the key of hash h and length n, or an empty slot: found by
** its 64-bit hash and length alone, without reading the key's bytes (a
** second cache miss in a table of megabytes). Two keys of one length
** sharing a 64-bit hash are not expected among a lexicon's entries and
** the text's syllable runs; the decoder's cache trusts the hash alone
** already.
*/
static const seg_entry *slot_by_hash(const seg_lex *lex, size_t n, uint64_t h) {
  size_t mask = lex->cap - 1;
  for (size_t i = (size_t)h & mask;; i = (i + 1) & mask) {
    const seg_entry *e = &lex->slots[i];
    if (e->h == 0 || (e->h == h && e->len == n)) return e;
  }
}

void seg_lex_prefetch(const seg_lex *lex, uint64_t h) {
  for (; lex; lex = lex->base) {
    if (!lex->cap) continue;
    __builtin_prefetch(&lex->filter[((h >> 40) & (SEG_FILTER_BITS - 1)) >> 6]);
    __builtin_prefetch(&lex->slots[(size_t)h & (lex->cap - 1)]);
  }
}

seg_hit seg_lex_find(const seg_lex *lex, const char *key, size_t n,
                     uint64_t h) {
  seg_hit r = {0, -INFINITY};
  if (lex->base) r = seg_lex_find(lex->base, key, n, h);
  if (!lex->cap || !filter_has(lex, h)) return r;
  (void)key;
  const seg_entry *e = slot_by_hash(lex, n, h);
  if (!e->h) return r;
  if (e->flags & SEG_F_REMOVED) r.flags &= ~(SEG_F_WORD | SEG_F_USER);
  if (e->flags & SEG_F_WORD) {
    r.flags |= SEG_F_WORD;
    if (e->lp > r.lp || (e->flags & SEG_F_USER)) r.lp = e->lp;
  }
  r.flags |= e->flags & (SEG_F_PREFIX | SEG_F_PLACE | SEG_F_SURNAME |
                         SEG_F_TITLE | SEG_F_USER);
  return r;
}

/* ---- folding a written word into a key ---- */

typedef struct keybuf {
  char s[KEY_MAX];
  size_t n;
  int nsyl, bad;
  size_t ends[SEG_MAX_SYL]; /* key length after each syllable */
} keybuf;

static int key_token(void *ctx, const char *fold, int nfold, size_t start,
                     size_t end) {
  keybuf *k = ctx;
  (void)start, (void)end;
  if (k->nsyl == SEG_MAX_SYL || k->n + (size_t)nfold + 1 > KEY_MAX)
    return k->bad = 1;
  if (k->nsyl) k->s[k->n++] = ' ';
  memcpy(k->s + k->n, fold, (size_t)nfold);
  k->n += (size_t)nfold;
  k->ends[k->nsyl++] = k->n;
  return 0;
}

/* Fold w[0..n) into k; 0, or -1 when it has no syllable or too many. */
static int fold_key(const char *w, size_t n, keybuf *k) {
  memset(k, 0, sizeof *k);
  seg_tokens(w, n, key_token, k);
  return k->bad || k->nsyl == 0 ? -1 : 0;
}

/* The key folded into k, to out (cap bytes, NUL-terminated): its length,
** or 0 when k is bad, holds no syllable or does not fit. */
static size_t key_out(const keybuf *k, char *out, size_t cap) {
  if (k->bad || k->nsyl == 0 || k->n + 1 > cap) return 0;
  memcpy(out, k->s, k->n);
  out[k->n] = '\0';
  return k->n;
}

size_t seg_key(const char *w, size_t n, char *out, size_t cap) {
  keybuf k;
  fold_key(w, n, &k);
  return key_out(&k, out, cap);
}

size_t seg_key_pieces(const char *text, const seg_piece *p, size_t np,
                      char *out, size_t cap) {
  keybuf k; /* key_token writes s and ends in order: only the counts */
  k.n = 0, k.nsyl = k.bad = 0;
  seg_tokens_pieces(text, p, np, key_token, &k);
  return key_out(&k, out, cap);
}

/*
** Put the written word w[0..n) into lex with flags (and, for a word, the
** log-probability lp: the higher one stays unless force), its prefixes
** marked SEG_F_PREFIX. Returns its entry, or NULL for a bad word.
*/
static seg_entry *put(seg_lex *lex, const char *w, size_t n, int flags,
                      float lp, int force) {
  keybuf k;
  if (fold_key(w, n, &k) != 0) return NULL;
  for (int i = 1; i < k.nsyl; i++)
    entry(lex, k.s, k.ends[i - 1], i)->flags |= SEG_F_PREFIX;
  seg_entry *e = entry(lex, k.s, k.n, k.nsyl);
  e->flags |= (uint8_t)flags;
  if ((flags & SEG_F_WORD) && (force || lp > e->lp)) e->lp = lp;
  return e;
}

/* ---- the data files ---- */

/* log-probability of a count */
static float lp_of(const seg_lex *lex, double count) {
  return (float)log(count / lex->total);
}

/* Each non-comment line of s, cut at its first tab (the rest in *rest). */
static char *next_line(char **p, char **rest) {
  for (;;) {
    char *s = *p;
    if (!s || !*s) return NULL;
    char *nl = strchr(s, '\n');
    *p = nl ? nl + 1 : s + strlen(s);
    if (nl) *nl = '\0';
    char *tab = strchr(s, '\t');
    *rest = tab ? (*tab = '\0', tab + 1) : NULL;
    if (*s && *s != '#') return s;
    if (strcmp(s, "# total") == 0 && *rest) return s; /* the header */
  }
}

/* words file: "word<TAB>count" lines; "# total<TAB>N" sets the total. */
static void load_words(seg_lex *lex, char *s) {
  char *rest, *w;
  size_t lines = 0;
  for (const char *p = s; (p = strchr(p, '\n')); p++) lines++;
  reserve(lex, lines + lines / 2); /* the words and their prefixes */
  while ((w = next_line(&s, &rest))) {
    double c = rest ? strtod(rest, NULL) : 1;
    if (w[0] == '#') {
      if (c > lex->total) lex->total = c;
      continue;
    }
    if (c > 0) put(lex, w, strlen(w), SEG_F_WORD, (float)c, 0);
  }
}

/* gazetteer.tsv: name<TAB>kind[<TAB>alias|alias...] */
static void load_places(seg_lex *lex, char *s) {
  char *rest, *w;
  while ((w = next_line(&s, &rest))) {
    put(lex, w, strlen(w), SEG_F_PLACE, 0, 0);
    char *al = rest ? strchr(rest, '\t') : NULL;
    while (al && *al) {
      char *a = al + 1, *bar = strchr(a, '|');
      put(lex, a, bar ? (size_t)(bar - a) : strlen(a), SEG_F_PLACE, 0, 0);
      al = bar;
    }
  }
}

static void load_surnames(seg_lex *lex, char *s) {
  char *rest, *w;
  while ((w = next_line(&s, &rest)))
    put(lex, w, strlen(w), SEG_F_SURNAME, 0, 0);
}

/*
** Is title t a word? Two or three syllables, the last one in lower case
** and no body the title heads, no run of capitals ("Phó Giám đốc" yes;
** "Chủ tịch UBND", "Trưởng Ban", "Bí thư Tỉnh ủy" are a title plus an
** organisation, "Chủ tịch nước" a title plus the State).
*/
static int title_is_word(const char *t) {
  int nsyl = 1;
  const char *last = t;
  for (const char *p = t; *p; p++) {
    if (*p == ' ') nsyl++, last = p + 1;
    if (*p >= 'A' && *p <= 'Z' && p[1] >= 'A' && p[1] <= 'Z') return 0;
  }
  static const char *const bodies[] = {"n\xc6\xb0\xe1\xbb\x9b\x63", /* nước */
                                       "t\xe1\xbb\x89nh",           /* tỉnh */
                                       "huy\xe1\xbb\x87n", /* huyện */
                                       "x\xc3\xa3"};       /* xã */
  for (size_t i = 0; i < sizeof bodies / sizeof *bodies; i++)
    if (strcmp(last, bodies[i]) == 0) return 0;
  int32_t cp;
  text_utf8_decode(last, strlen(last), &cp);
  return nsyl >= 2 && nsyl <= 3 && !text_is_upper(cp);
}

static void load_titles(seg_lex *lex, char *s) {
  char *rest, *w;
  float lp = lp_of(lex, 500);
  while ((w = next_line(&s, &rest))) {
    char *sp = strchr(w, ' ');
    put(lex, w, sp ? (size_t)(sp - w) : strlen(w), SEG_F_TITLE, 0, 0);
    if (title_is_word(w)) put(lex, w, strlen(w), SEG_F_WORD, lp, 0);
  }
}

static int by_name(const void *a, const void *b) {
  return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The *.txt files of dir/words, sorted (so loading is deterministic). */
static char **word_files(const char *dir, size_t *n) {
  char path[4096];
  snprintf(path, sizeof path, "%s/words", dir);
  DIR *d = opendir(path);
  char **v = NULL;
  *n = 0;
  struct dirent *de;
  while (d && (de = readdir(d))) {
    size_t l = strlen(de->d_name);
    if (l < 5 || strcmp(de->d_name + l - 4, ".txt") != 0) continue;
    v = xrealloc(v, (*n + 1) * sizeof *v);
    v[(*n)++] = xstrdup(de->d_name);
  }
  if (d) closedir(d);
  if (*n) qsort(v, *n, sizeof *v, by_name);
  return v;
}

/*
** Counts were stored as the words' lp while reading (so that several
** files keep the highest); turn them into log-probabilities now that the
** total is known.
*/
static void counts_to_lp(seg_lex *lex) {
  double sum = 0;
  for (size_t i = 0; i < lex->cap; i++)
    if (lex->slots[i].h && (lex->slots[i].flags & SEG_F_WORD))
      sum += lex->slots[i].lp;
  if (lex->total < sum) lex->total = sum;
  if (lex->total < 1) lex->total = 1;
  for (size_t i = 0; i < lex->cap; i++)
    if (lex->slots[i].h && (lex->slots[i].flags & SEG_F_WORD))
      lex->slots[i].lp = lp_of(lex, lex->slots[i].lp);
}

/* The decoder's constants, from the total. */
static void set_constants(seg_lex *lex) {
  lex->lp_unknown = lp_of(lex, 0.5);
  lex->lp_place = lp_of(lex, 1000);
  lex->lp_name = lp_of(lex, 1000);
  lex->lp_proper = lp_of(lex, 20);
  lex->lp_user = 0; /* a user's word beats every split of it */
}

/* One data file: its name under the data folder, its bytes mapped
** read-only (map, size; map NULL when empty), whether it is there, and
** its reader. */
typedef struct src_file {
  char name[1024];
  const char *map;
  size_t size;
  int present;
  void (*fn)(seg_lex *, char *);
} src_file;

/* Map dir/name read-only into f (present 0 when it cannot be opened). The
** check at every start only hashes the bytes: a mapping shares the page
** cache's pages, where read() would copy them into fresh heap pages. */
static void map_source(const char *dir, src_file *f) {
  char path[4096];
  snprintf(path, sizeof path, "%s/%s", dir, f->name);
  f->map = NULL, f->size = 0, f->present = 0;
  int fd = open(path, O_RDONLY | O_CLOEXEC);
  if (fd < 0) return;
  struct stat st;
  if (fstat(fd, &st) == 0 && !S_ISDIR(st.st_mode)) {
    f->present = 1;
    if (st.st_size > 0) {
      void *p = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
      if (p != MAP_FAILED)
        f->map = p, f->size = (size_t)st.st_size;
      else
        f->present = 0;
    }
  }
  close(fd);
}

/* The data files of dir in load order, mapped (*n of them, malloc'd). */
static src_file *open_sources(const char *dir, size_t *n) {
  static const char *const rest[3] = {"gazetteer.tsv", "surnames.txt",
                                      "titles.txt"};
  static void (*const fn[3])(seg_lex *, char *) = {load_places, load_surnames,
                                                   load_titles};
  size_t nw;
  char **names = word_files(dir, &nw);
  src_file *v = xcalloc(nw + 3, sizeof *v);
  for (size_t i = 0; i < nw; i++) {
    snprintf(v[i].name, sizeof v[i].name, "words/%s", names[i]);
    v[i].fn = load_words;
    free(names[i]);
  }
  free(names);
  for (size_t i = 0; i < 3; i++)
    snprintf(v[nw + i].name, sizeof v[nw + i].name, "%s", rest[i]),
        v[nw + i].fn = fn[i];
  for (size_t i = 0; i < nw + 3; i++) map_source(dir, &v[i]);
  *n = nw + 3;
  return v;
}

/* A hash of the files' names and bytes (a missing file counts too),
** 32 bytes a step (util_hash_wide: a megabyte of word lists at every
** start). The loaders stop at a NUL byte; the hash reads the whole file. */
static uint64_t sources_hash(const src_file *v, size_t n) {
  uint64_t h = 0x9E3779B97F4A7C15ull ^ n;
  for (size_t i = 0; i < n; i++) {
    h = util_hash_wide(v[i].name, strlen(v[i].name), h);
    h = v[i].present ? util_hash_wide(v[i].map, v[i].size, h)
                     : util_hash_wide("", 0, ~h);
  }
  return h;
}

static void close_sources(src_file *v, size_t n) {
  for (size_t i = 0; i < n; i++)
    if (v[i].map) munmap((void *)v[i].map, v[i].size);
  free(v);
}

/* The text of mapped file f as a malloc'd NUL-terminated copy (the
** loaders cut it up in place). */
static char *source_text(const src_file *f) {
  char *t = xmalloc(f->size + 1);
  if (f->size) memcpy(t, f->map, f->size);
  t[f->size] = '\0';
  return t;
}

/* Build a lexicon from the mapped files v[0..n) (each read from a copy
** of its text); *got counts the files present. The words come first,
** then the model's constants, then the lists that use them. */
static seg_lex *build_lex(const src_file *v, size_t n, int *got) {
  seg_lex *lex = xcalloc(1, sizeof *lex);
  *got = 0;
  for (int words = 1; words >= 0; words--) {
    for (size_t i = 0; i < n; i++) {
      if ((v[i].fn == load_words) != words || !v[i].present) continue;
      char *text = source_text(&v[i]);
      v[i].fn(lex, text);
      free(text);
      ++*got;
    }
    if (words) counts_to_lp(lex), set_constants(lex);
  }
  shrink(lex);
  return lex;
}

/* The data folder: dir, else $TINSH_DATA, else the compile-time one. */
static const char *data_dir(const char *dir) {
  if (!dir) dir = getenv("TINSH_DATA");
  return dir && *dir ? dir : TINSH_DATA_DIR;
}

/* The image to try: $TINSH_LEXICON_IMAGE (empty: none), else the one the
** build made. */
static const char *image_path(void) {
  const char *p = getenv("TINSH_LEXICON_IMAGE");
  if (p) return p;
#ifdef TINSH_LEXICON_IMAGE
  return TINSH_LEXICON_IMAGE;
#else
  return NULL;
#endif
}

/* Load from dir's files, or from the image when try_image (2: for the
** process's default lexicon, never freed) and the image was made from
** files identical to them. */
static seg_lex *load(const char *dir, int *nfiles, uint64_t *src,
                     int try_image) {
  size_t n;
  src_file *v = open_sources(data_dir(dir), &n);
  uint64_t h = sources_hash(v, n);
  int got = 0;
  seg_lex *lex = NULL;
  if (try_image == 2) lex = seg_img_load_resident(image_path(), h, &got);
  if (try_image == 1) lex = seg_img_load(image_path(), h, &got);
  if (!lex) lex = build_lex(v, n, &got);
  close_sources(v, n);
  if (nfiles) *nfiles = got;
  if (src) *src = h;
  lex->gen = seg_lex_gen();
  return lex;
}

seg_lex *seg_lex_load(const char *dir, int *nfiles) {
  return load(dir, nfiles, NULL, 1);
}

seg_lex *seg_lex_load_text(const char *dir, int *nfiles, uint64_t *src) {
  return load(dir, nfiles, src, 0);
}

int seg_lex_save_image(const char *dir, const char *path) {
  int got;
  uint64_t h;
  seg_lex *lex = seg_lex_load_text(dir, &got, &h);
  int rc = seg_img_save(lex, h, got, path);
  seg_lex_free(lex);
  return rc;
}

/* Does b hold entry e of a (key, flags, syllables, probability)? */
static int has_entry(const seg_lex *a, const seg_entry *e, const seg_lex *b) {
  if (!b->cap) return 0;
  const seg_entry *f = slot_of(b, a->keys + e->off, e->len, e->h);
  return f->h && f->flags == e->flags && f->nsyl == e->nsyl &&
         memcmp(&f->lp, &e->lp, sizeof f->lp) == 0;
}

int seg_lex_same(const seg_lex *a, const seg_lex *b) {
  if (a->n != b->n || a->total != b->total || a->lp_unknown != b->lp_unknown ||
      a->lp_place != b->lp_place || a->lp_name != b->lp_name ||
      a->lp_proper != b->lp_proper || a->lp_user != b->lp_user ||
      memcmp(a->filter, b->filter, sizeof a->filter) != 0)
    return 0;
  for (size_t i = 0; i < a->cap; i++)
    if (a->slots[i].h && !has_entry(a, &a->slots[i], b)) return 0;
  return 1;
}

static seg_lex *default_lex;
static pthread_once_t default_once = PTHREAD_ONCE_INIT;
static void load_default(void) {
  default_lex = load(NULL, NULL, NULL, 2);
}

const seg_lex *seg_lex_default(void) {
  pthread_once(&default_once, load_default);
  return default_lex;
}

seg_lex *seg_lex_overlay(const seg_lex *base) {
  seg_lex *lex = xcalloc(1, sizeof *lex);
  *lex = *base;
  lex->base = base;
  lex->slots = NULL, lex->keys = NULL, lex->map = NULL, lex->mapn = 0;
  memset(lex->filter, 0, sizeof lex->filter);
  lex->gen = seg_lex_gen();
  lex->cap = lex->n = lex->klen = lex->kcap = 0;
  return lex;
}

int seg_lex_add(seg_lex *lex, const char *w, size_t n) {
  seg_entry *e = put(lex, w, n, SEG_F_WORD | SEG_F_USER, lex->lp_user, 1);
  if (!e) return -1;
  e->flags &= (uint8_t)~SEG_F_REMOVED;
  lex->gen = seg_lex_gen();
  return 0;
}

int seg_lex_remove(seg_lex *lex, const char *w, size_t n) {
  keybuf k;
  if (fold_key(w, n, &k) != 0) return -1;
  seg_entry *e = entry(lex, k.s, k.n, k.nsyl);
  e->flags = (uint8_t)((e->flags & ~(SEG_F_WORD | SEG_F_USER)) | SEG_F_REMOVED);
  lex->gen = seg_lex_gen();
  return 0;
}

void seg_lex_free(seg_lex *lex) {
  if (!lex || lex == default_lex) return;
  seg_img_release(lex);
  free(lex);
}

size_t seg_lex_size(const seg_lex *lex) {
  return lex ? lex->n : 0;
}
