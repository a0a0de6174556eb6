/*
** parse.h — scraped article bytes in, structured document out.
** Pure C. Stages: text_normalize (text.h) -> segmentation -> block
** classification. Fact extraction follows in pipeline.h, not here.
*/
#ifndef TINSH_PARSE_H
#define TINSH_PARSE_H

#include <stddef.h>
#include <stdint.h>

#include "doc.h"

enum {
  PARSE_NO_FACTS = 1,   /* pipeline.h: skip extract_facts (structure only) */
  PARSE_TITLE_LINE = 2, /* the first line is the title, known already (a
                           JSON record's "title" field) */
};

#define PARSE_VERSION 9 /* bump when the output of parse_document changes */

/*
** Parse `len` bytes of any supported encoding. Never fails on content:
** every input yields a document (possibly with warnings). `path` is
** recorded as given. Returns a doc owned by the caller (doc_free).
*/
doc *parse_document(const char *path, const char *bytes, size_t len, int flags);

/*
** The optional per-folder context: lines repeated identically across the
** sibling files of one site or folder are chrome. Build it by adding the
** bytes of each sibling file (single-threaded), then pass it to
** parse_document_ctx (read-only, thread-safe). `min_files` (>= 2) is how
** many files must hold a line for it to count as repeated.
*/
typedef struct parse_ctx parse_ctx;
parse_ctx *parse_ctx_new(int min_files);
void parse_ctx_add(parse_ctx *c, const char *bytes, size_t len);
/* Is the (normalised, trimmed) line s[0..n) repeated? NULL c: no. */
int parse_ctx_repeated(const parse_ctx *c, const char *s, size_t n);
void parse_ctx_free(parse_ctx *c);

/* parse_document with a context (NULL: the same as parse_document). */
doc *parse_document_ctx(const char *path, const char *bytes, size_t len,
                        int flags, const parse_ctx *ctx);

/*
** A metadata field given apart from the text (a JSON record's "author",
** "source", "url", ...), read as the "# key = value" header line would be:
** title, published, author, site, and the URL's host as the site. A field
** already set is kept. Call with pass 0 for all fields, then pass 1 (the
** URLs). Returns 1 when the key is known.
*/
int parse_meta_key(doc *d, const char *key, size_t kn, const char *v, size_t vn,
                   int pass);

/*
** Read and parse a file. On a read error returns NULL and points *why
** at a static reason ("No such file or directory", "is a directory", ...).
*/
doc *parse_file(const char *path, int flags, const char **why);
/* the same with a size limit (bytes; <= 0: UTIL_READ_MAX, 64 MiB) */
doc *parse_file_max(const char *path, int flags, int64_t max, const char **why);

#endif
