/*
** parse_folder.c — the per-folder chrome context (parse_folder.h): read
** the sibling files of one folder once, count their lines (parse_ctx.c),
** and hand the context to the parser of each file.
**
** The context is a function of the set of files, not of their order or
** of thread timing: counts per line are sums over files. A line is chrome
** when PARSE_FOLDER_MIN_FILES files and PARSE_FOLDER_MIN_SHARE percent of
** the folder's files hold it; a folder of fewer files has no context.
*/
#include "parse_folder.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "util.h"

/* A new context with the folder thresholds. */
static parse_ctx *folder_ctx_new(void) {
  parse_ctx *c = parse_ctx_new(PARSE_FOLDER_MIN_FILES);
  parse_ctx_set_share(c, PARSE_FOLDER_MIN_SHARE);
  return c;
}

/* Add the regular file at path to c (unreadable, too large or empty:
** left out, as the ingest stores no document for them). */
static void add_file(parse_ctx *c, const char *path, int64_t max) {
  char *bytes;
  size_t len;
  if (util_read_file_ex(path, max, UTIL_READ_REGULAR, &bytes, &len) != 0)
    return;
  if (len) parse_ctx_add(c, bytes, len); /* empty files are not stored */
  free(bytes);
}

/* c when it holds enough files, else NULL (c is freed). */
static parse_ctx *enough(parse_ctx *c) {
  if (parse_ctx_files(c) >= PARSE_FOLDER_MIN_FILES) return c;
  parse_ctx_free(c);
  return NULL;
}

parse_ctx *parse_folder_build(const char *const *paths, size_t n, int64_t max) {
  if (n < PARSE_FOLDER_MIN_FILES) return NULL;
  parse_ctx *c = folder_ctx_new();
  for (size_t i = 0; i < n; i++) add_file(c, paths[i], max);
  return enough(c);
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
  parse_ctx *c = folder_ctx_new();
  for (size_t i = 0; i < f->n; i++)
    if (folder_file(f, f->paths[i])) add_file(c, f->paths[i], f->max);
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

static int same_dir(const char *a, const char *b) {
  size_t n = dir_len(a);
  return n == dir_len(b) && memcmp(a, b, n) == 0;
}

/* The context of the files of paths[] in the folder of paths[i], set in
** out[] for each of them (files before i in that folder are done). */
static void group_one(const char *const *paths, size_t n, size_t i, int64_t max,
                      parse_ctx **out) {
  parse_ctx *c = folder_ctx_new();
  for (size_t j = i; j < n; j++)
    if (same_dir(paths[i], paths[j]) && strcmp(paths[j], "-") != 0)
      add_file(c, paths[j], max);
  c = enough(c);
  for (size_t j = i; j < n && c; j++)
    if (same_dir(paths[i], paths[j]) && strcmp(paths[j], "-") != 0)
      out[j] = parse_ctx_ref(c);
  parse_ctx_free(c);
}

parse_ctx **parse_folder_group(const char *const *paths, size_t n,
                               int64_t max) {
  if (n < PARSE_FOLDER_MIN_FILES) return NULL;
  parse_ctx **out = xcalloc(n, sizeof *out);
  int any = 0;
  for (size_t i = 0; i < n; i++) {
    int seen = strcmp(paths[i], "-") == 0;
    for (size_t j = 0; j < i && !seen; j++) seen = same_dir(paths[i], paths[j]);
    if (!seen) group_one(paths, n, i, max, out);
    any |= out[i] != NULL;
  }
  if (any) return out;
  free(out);
  return NULL;
}

doc *parse_file_ctx(const char *path, int flags, int64_t max,
                    const parse_ctx *ctx, const char **why) {
  char *bytes;
  size_t len;
  if (!ctx || util_read_file(path, max, &bytes, &len) != 0)
    return parse_file_max(path, flags, max, why); /* and its error reason */
  doc *d = parse_document_ctx(path, bytes, len, flags, ctx);
  free(bytes);
  return d;
}
