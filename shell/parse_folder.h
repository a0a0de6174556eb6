/*
** parse_folder.h — the per-folder chrome context (parse_ctx, parse.h)
** learned from the sibling files of one folder before they are parsed:
** `tinsh ingest DIR` builds one per folder it walks, `tinsh parse` one per
** folder among the files it is given. Pure C.
*/
#ifndef TINSH_PARSE_FOLDER_H
#define TINSH_PARSE_FOLDER_H

#include <stddef.h>
#include <stdint.h>

#include "doc.h"
#include "parse.h"

/* A line is the folder's chrome when this many of its files hold it ... */
#define PARSE_FOLDER_MIN_FILES 3
/* ... and at least this percentage of them. */
#define PARSE_FOLDER_MIN_SHARE 20
/*
** At most this many files of a folder are read to learn its chrome (the
** thresholds apply to them): a folder of more files is sampled, a folder
** of this many or fewer is read whole. The sample is the files first in
** sample order (parse_folder_order) that can be read, so it depends on
** the set of files only.
*/
#define PARSE_FOLDER_SAMPLE 512

/*
** Sets order[0..n) to the indices of paths[0..n) in sample order: by a
** 64-bit hash of the file name (the part after the last '/'), ties by the
** name, then by the whole path. A pseudo-random spread over the folder
** that does not depend on the order of paths[] or on the directory part.
*/
void parse_folder_order(const char *const *paths, size_t n, size_t *order);
/* parse_folder_order by qsort with a call per comparison (the reference
** its own merge sort is tested against). */
void parse_folder_order_ref(const char *const *paths, size_t n, size_t *order);

/* Lines must also be in min_share % of the files added (0: no share). */
void parse_ctx_set_share(parse_ctx *c, int percent);
/* One more reference to c (parse_ctx_free releases one); returns c. */
parse_ctx *parse_ctx_ref(parse_ctx *c);
/* The hash parse_ctx counts a line s[0..n) by (runs of blanks read as
** one space), sixteen bytes a step or (slow) one (for tests). */
uint64_t parse_ctx_line_hash(const char *s, size_t n, int slow);
/* How many files were added to c. */
size_t parse_ctx_files(const parse_ctx *c);

/*
** The context of the files paths[0..n) (read whole, at most max bytes
** each; <= 0: 64 MiB; unreadable and empty ones are left out; at most
** PARSE_FOLDER_SAMPLE of them, in sample order). NULL when fewer than
** PARSE_FOLDER_MIN_FILES files were read: a folder of one or two files
** parses exactly as without context.
*/
parse_ctx *parse_folder_build(const char *const *paths, size_t n, int64_t max);

/*
** A folder whose context is built lazily, on the first parse_folder_ctx
** call: `names` (n entries, copied) are the file names in dir; keep(path)
** says which of them are parsed as text (NULL: all). An ingest that finds
** every file unchanged never reads the folder twice.
*/
typedef struct parse_folder parse_folder;
parse_folder *parse_folder_open(const char *dir, char *const *names, size_t n,
                                int64_t max, int (*keep)(const char *path));
/* The folder's context (NULL: none), owned by the folder: take a
** parse_ctx_ref to keep it. */
parse_ctx *parse_folder_ctx(parse_folder *f);
void parse_folder_close(parse_folder *f);

/*
** `tinsh parse`: the files among paths[0..n) that share a folder (the
** same directory part of the path) get that folder's context. Returns n
** entries (each NULL or a reference: parse_ctx_free each), or NULL when
** no folder has enough files.
*/
parse_ctx **parse_folder_group(const char *const *paths, size_t n, int64_t max);

/*
** The same, and the files the contexts were learned from are not read
** twice: kept->bytes[i] / kept->lens[i] get the bytes of paths[i] when
** its sample read them (non-empty, NUL-terminated, up to 64 MiB kept in
** all), else NULL / 0. The bytes live in one mapping of their own
** (kept->store: 2 MB pages where the system allows, so the copies do not
** fault a page at a time); the caller parses them, then releases
** everything with parse_kept_free (also when NULL is returned).
*/
typedef struct parse_kept {
  char **bytes;
  size_t *lens;
  void *store;       /* the mapping the bytes are in (NULL: none yet) */
  size_t store_size; /* its length */
} parse_kept;
void parse_kept_free(parse_kept *kept);
parse_ctx **parse_folder_group_keep(const char *const *paths, size_t n,
                                    int64_t max, parse_kept *kept);

/* Read and parse a file with a context (NULL: parse_file_max). */
doc *parse_file_ctx(const char *path, int flags, int64_t max,
                    const parse_ctx *ctx, const char **why);

#endif
