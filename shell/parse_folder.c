/*
** parse_folder.c — the per-folder chrome context (parse_folder.h): read
** the sibling files of one folder once, count their lines (parse_ctx.c),
** and hand the context to the parser of each file.
**
** The context is a function of the set of files, not of their order or
** of thread timing: counts per line are sums over files. A line is chrome
** when PARSE_FOLDER_MIN_FILES files and PARSE_FOLDER_MIN_SHARE percent of
** the folder's files hold it; a folder of fewer files has no context.
** A folder of more than PARSE_FOLDER_SAMPLE files is learned from a
** sample of that many: the first readable files in an order fixed by a
** hash of their names (parse_folder_order), so the cost of a context is
** bounded and its answer still depends on the set of files only.
*/
#include "parse_folder.h"

#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>

#include "util.h"
#include "util_tls.h"

/* A new context with the folder thresholds. */
static parse_ctx *folder_ctx_new(void) {
  parse_ctx *c = parse_ctx_new(PARSE_FOLDER_MIN_FILES);
  parse_ctx_set_share(c, PARSE_FOLDER_MIN_SHARE);
  return c;
}

/* The bytes of the sample files read for a context, kept for the parse
** that follows (parse_folder_group_keep): at most this much in all. */
#define KEEP_MAX  (64u << 20)
#define HUGE_PAGE ((uintptr_t)2 << 20)

/* Where add_file may leave the bytes it read: k->bytes[i], k->lens[i];
** the buffer it reads into, kept from file to file (rb, rcap: see
** util_read_file_into). */
typedef struct keep {
  parse_kept *kept; /* NULL: keep nothing */
  size_t used;      /* bytes kept so far */
  char *base;       /* the store's first 2 MB boundary (NULL: not mapped) */
  char *rb;
  size_t rcap;
} keep;

/* Map k's store once: KEEP_MAX bytes of address space, reserved, not
** committed (pages come as they are written), from a 2 MB boundary, asked
** for transparent huge pages; 0, or -1 (nothing kept then). */
static int store_map(keep *k) {
  if (k->base) return 0;
  size_t size = KEEP_MAX + HUGE_PAGE;
  void *m = mmap(NULL, size, PROT_READ | PROT_WRITE,
                 MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
  if (m == MAP_FAILED) return -1;
  k->kept->store = m, k->kept->store_size = size;
  k->base = (char *)(((uintptr_t)m + HUGE_PAGE - 1) & ~(HUGE_PAGE - 1));
  madvise(k->base, KEEP_MAX, MADV_HUGEPAGE); /* a hint: may be refused */
  return 0;
}

/* Add the regular file at path to c (unreadable, too large or empty:
** left out, as the ingest stores no document for them); its bytes go to
** k's slot i when k has room for them. */
static void add_file(parse_ctx *c, const char *path, int64_t max, keep *k,
                     size_t i) {
  size_t len;
  if (util_read_file_into(path, max, UTIL_READ_REGULAR, &k->rb, &k->rcap,
                          &len) != 0)
    return;
  const char *bytes = k->rb;
  if (len) parse_ctx_add(c, bytes, len); /* empty files are not stored */
  if (len && k->kept && k->used + len + 1 <= KEEP_MAX && store_map(k) == 0) {
    /* a copy in the store: the read buffer (64 KiB at least) is kept
    ** for the next read */
    char *c = k->base + k->used;
    memcpy(c, bytes, len + 1);
    k->kept->bytes[i] = c, k->kept->lens[i] = len;
    k->used += len + 1;
  }
}

void parse_kept_free(parse_kept *kept) {
  if (kept->store) munmap(kept->store, kept->store_size);
  free(kept->bytes);
  free(kept->lens);
  *kept = (parse_kept){0};
}

/* A file's place in sample order: the hash of its name, the name, the
** path, its index. */
typedef struct sample_key {
  uint64_t h;
  const char *name, *path;
  size_t i;
} sample_key;

static int key_cmp(const void *a, const void *b) {
  const sample_key *x = a, *y = b;
  if (x->h != y->h) return x->h < y->h ? -1 : 1;
  int r = strcmp(x->name, y->name);
  if (!r) r = strcmp(x->path, y->path);
  return r ? r : (x->i > y->i) - (x->i < y->i);
}

/* Does x come before y in sample order (key_cmp < 0; the hashes first,
** inline: names are compared only when they tie)? */
static inline int key_before(const sample_key *x, const sample_key *y) {
  return x->h != y->h ? x->h < y->h : key_cmp(x, y) < 0;
}

/* k[0..n) sorted by key_before (a merge sort through tmp[0..n), runs of
** up to eight by insertion): the order qsort with key_cmp gives, as
** key_cmp is a total order, without a call per comparison. */
static void sort_keys(sample_key *k, sample_key *tmp, size_t n) {
  if (n <= 8) {
    for (size_t i = 1; i < n; i++) {
      sample_key x = k[i];
      size_t j = i;
      for (; j > 0 && key_before(&x, &k[j - 1]); j--) k[j] = k[j - 1];
      k[j] = x;
    }
    return;
  }
  size_t h = n / 2, a = 0, b = h, o = 0;
  sort_keys(k, tmp, h);
  sort_keys(k + h, tmp, n - h);
  if (!key_before(&k[h], &k[h - 1])) return; /* in order already */
  while (a < h && b < n) tmp[o++] = key_before(&k[b], &k[a]) ? k[b++] : k[a++];
  while (a < h) tmp[o++] = k[a++];
  memcpy(k, tmp, o * sizeof *k); /* k[b..n) is in place */
}

/* The keys of paths[0..n) in k[0..n). */
static void order_keys(const char *const *paths, size_t n, sample_key *k) {
  for (size_t i = 0; i < n; i++) {
    const char *s = strrchr(paths[i], '/');
    k[i].name = s ? s + 1 : paths[i];
    k[i].path = paths[i], k[i].i = i;
    k[i].h = util_hash64(k[i].name, strlen(k[i].name));
  }
}

void parse_folder_order(const char *const *paths, size_t n, size_t *order) {
  sample_key *k = xmalloc((n ? 2 * n : 1) * sizeof *k);
  order_keys(paths, n, k);
  sort_keys(k, k + n, n);
  for (size_t i = 0; i < n; i++) order[i] = k[i].i;
  free(k);
}

void parse_folder_order_ref(const char *const *paths, size_t n, size_t *order) {
  sample_key *k = xmalloc((n ? n : 1) * sizeof *k);
  order_keys(paths, n, k);
  qsort(k, n, sizeof *k, key_cmp);
  for (size_t i = 0; i < n; i++) order[i] = k[i].i;
  free(k);
}

/* Is the sample of c complete? */
static int sample_full(const parse_ctx *c) {
  return parse_ctx_files(c) >= PARSE_FOLDER_SAMPLE;
}

/* c when it holds enough files, else NULL (c is freed). */
static parse_ctx *enough(parse_ctx *c) {
  if (parse_ctx_files(c) >= PARSE_FOLDER_MIN_FILES) return c;
  parse_ctx_free(c);
  return NULL;
}

/* parse_folder_build, leaving the bytes read in k (slots by path index
** through map: map[i] is the slot of paths[i]). */
static parse_ctx *build(const char *const *paths, size_t n, int64_t max,
                        keep *k, const size_t *map) {
  if (n < PARSE_FOLDER_MIN_FILES) return NULL;
  size_t *order = xmalloc(n * sizeof *order);
  parse_folder_order(paths, n, order);
  parse_ctx *c = folder_ctx_new();
  keep none = {0};
  if (!k) k = &none;
  for (size_t i = 0; i < n && !sample_full(c); i++)
    add_file(c, paths[order[i]], max, k, map ? map[order[i]] : 0);
  free(order);
  free(k->rb), k->rb = NULL, k->rcap = 0;
  return enough(c);
}

parse_ctx *parse_folder_build(const char *const *paths, size_t n, int64_t max) {
  return build(paths, n, max, NULL, NULL);
}

struct parse_folder {
  char **paths; /* the folder's candidate files */
  size_t n;
  int64_t max;
  int (*keep)(const char *path);
  int built;
  parse_ctx *ctx;
};

parse_folder *parse_folder_open(const char *dir, char *const *names, size_t n,
                                int64_t max, int (*keep)(const char *path)) {
  parse_folder *f = xcalloc(1, sizeof *f);
  f->paths = xcalloc(n ? n : 1, sizeof *f->paths);
  size_t dn = strlen(dir);
  int slash = dn && dir[dn - 1] == '/';
  for (size_t i = 0; i < n; i++) {
    size_t nn = strlen(names[i]);
    char *p = xmalloc(dn + nn + 2);
    memcpy(p, dir, dn);
    if (!slash) p[dn] = '/';
    memcpy(p + dn + !slash, names[i], nn + 1);
    f->paths[f->n++] = p;
  }
  f->max = max, f->keep = keep;
  return f;
}

/* Is path a regular file of at most max bytes that f parses as text? */
static int folder_file(const parse_folder *f, const char *path) {
  struct stat sb;
  if (stat(path, &sb) != 0 || !S_ISREG(sb.st_mode)) return 0;
  if (sb.st_size > (f->max > 0 ? f->max : UTIL_READ_MAX)) return 0;
  return !f->keep || f->keep(path);
}

parse_ctx *parse_folder_ctx(parse_folder *f) {
  if (!f || f->built) return f ? f->ctx : NULL;
  f->built = 1;
  size_t *order = xmalloc((f->n ? f->n : 1) * sizeof *order);
  parse_folder_order((const char *const *)f->paths, f->n, order);
  parse_ctx *c = folder_ctx_new();
  keep k = {0};
  for (size_t i = 0; i < f->n && !sample_full(c); i++)
    if (folder_file(f, f->paths[order[i]]))
      add_file(c, f->paths[order[i]], f->max, &k, 0);
  free(order);
  free(k.rb);
  return f->ctx = enough(c);
}

void parse_folder_close(parse_folder *f) {
  if (!f) return;
  for (size_t i = 0; i < f->n; i++) free(f->paths[i]);
  free(f->paths);
  parse_ctx_free(f->ctx);
  free(f);
}

/* Length of the directory part of path ("a/b.txt" -> 2, "b.txt" -> 0). */
static size_t dir_len(const char *path) {
  const char *s = strrchr(path, '/');
  return s ? (size_t)(s - path + 1) : 0;
}

/* A named file in folder order: its path, directory part, index. */
typedef struct named {
  const char *path;
  size_t dn, i;
} named;

/* Are x and y in different folders? */
static int other_dir(const named *x, const named *y) {
  return x->dn != y->dn || memcmp(x->path, y->path, x->dn) != 0;
}

/* By directory part, then by index (a stable grouping). */
static int dir_cmp(const void *a, const void *b) {
  const named *x = a, *y = b;
  int r = memcmp(x->path, y->path, x->dn < y->dn ? x->dn : y->dn);
  if (!r && x->dn != y->dn) r = x->dn < y->dn ? -1 : 1;
  return r ? r : (x->i > y->i) - (x->i < y->i);
}

/* The context of the folder of files f[0..m), set in out[] for each of
** them (the bytes its sample read go to kp). */
static void group_one(const named *f, size_t m, int64_t max, parse_ctx **out,
                      keep *kp) {
  const char **p = xmalloc(m * sizeof *p);
  size_t *map = xmalloc(m * sizeof *map);
  for (size_t k = 0; k < m; k++) p[k] = f[k].path, map[k] = f[k].i;
  parse_ctx *c = build(p, m, max, kp, map);
  for (size_t k = 0; k < m && c; k++) out[f[k].i] = parse_ctx_ref(c);
  parse_ctx_free(c);
  free(map);
  free(p);
}

/* The files of paths[0..n) except "-", grouped by folder; *m of them. */
static named *by_folder(const char *const *paths, size_t n, size_t *m) {
  named *f = xmalloc(n * sizeof *f);
  *m = 0;
  for (size_t i = 0; i < n; i++)
    if (strcmp(paths[i], "-") != 0)
      f[(*m)++] = (named){paths[i], dir_len(paths[i]), i};
  size_t k = 1; /* one folder, or folders in order already: no sort */
  while (k < *m && dir_cmp(&f[k - 1], &f[k]) < 0) k++;
  if (k < *m) qsort(f, *m, sizeof *f, dir_cmp);
  return f;
}

parse_ctx **parse_folder_group(const char *const *paths, size_t n,
                               int64_t max) {
  return parse_folder_group_keep(paths, n, max, NULL);
}

parse_ctx **parse_folder_group_keep(const char *const *paths, size_t n,
                                    int64_t max, parse_kept *kept) {
  if (kept) {
    *kept = (parse_kept){0};
    kept->bytes = xcalloc(n ? n : 1, sizeof *kept->bytes);
    kept->lens = xcalloc(n ? n : 1, sizeof *kept->lens);
  }
  if (n < PARSE_FOLDER_MIN_FILES) return NULL;
  parse_ctx **out = xcalloc(n, sizeof *out);
  size_t m;
  named *f = by_folder(paths, n, &m);
  keep k = {kept, 0, NULL, NULL, 0};
  for (size_t a = 0, b; a < m; a = b) {
    for (b = a + 1; b < m && !other_dir(&f[a], &f[b]);) b++;
    group_one(f + a, b - a, max, out, &k);
  }
  free(f);
  int any = 0;
  for (size_t i = 0; i < n; i++) any |= out[i] != NULL;
  if (any) return out;
  free(out);
  return NULL;
}

/* A thread's read buffer for parse_file_ctx, kept from file to file
** while it holds at most READ_KEEP bytes (the parser keeps no pointer
** into the bytes it is handed). */
typedef struct read_buf {
  char *b;
  size_t cap;
} read_buf;

#define READ_KEEP (1u << 20)

static void read_buf_drop(void *p) {
  free(((read_buf *)p)->b);
  free(p);
}

static util_tls read_tls = UTIL_TLS_INIT(sizeof(read_buf), read_buf_drop);

/* The file is read into the thread's buffer (util_read_file_into), not
** into a buffer malloc'd and freed for each file. */
doc *parse_file_ctx(const char *path, int flags, int64_t max,
                    const parse_ctx *ctx, const char **why) {
  size_t len;
  read_buf *r = ctx ? util_tls_get(&read_tls) : NULL;
  if (!ctx || util_read_file_into(path, max, 0, &r->b, &r->cap, &len) != 0)
    return parse_file_max(path, flags, max, why); /* and its error reason */
  doc *d = parse_document_ctx(path, r->b, len, flags, ctx);
  if (r->cap > READ_KEEP) free(r->b), r->b = NULL, r->cap = 0;
  return d;
}
