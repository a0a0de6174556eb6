/*
** parse.h — scraped article bytes in, structured document out.
** Pure C. Stages: text_normalize (text.h) -> segmentation -> block
** classification. Fact extraction follows in pipeline.h, not here.
*/
#ifndef TINSH_PARSE_H
#define TINSH_PARSE_H

#include <stdint.h>

#include "doc.h"

enum {
  PARSE_NO_FACTS = 1 /* pipeline.h: skip extract_facts (structure only) */
};

#define PARSE_VERSION 3 /* bump when the output of parse_document changes */

/*
** Parse `len` bytes of any supported encoding. Never fails on content:
** every input yields a document (possibly with warnings). `path` is
** recorded as given. Returns a doc owned by the caller (doc_free).
*/
doc *parse_document(const char *path, const char *bytes, size_t len, int flags);

/*
** Read and parse a file. On a read error returns NULL and points *why
** at a static reason ("No such file or directory", "is a directory", ...).
*/
doc *parse_file(const char *path, int flags, const char **why);
/* the same with a size limit (bytes; <= 0: UTIL_READ_MAX, 64 MiB) */
doc *parse_file_max(const char *path, int flags, int64_t max, const char **why);

#endif
