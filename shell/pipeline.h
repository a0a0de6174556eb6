/*
** pipeline.h — the one way from article bytes to a document with facts:
** normalise -> segment and classify (parse.h) -> extract facts
** (extract.h). Ingest's workers, `tinsh parse` and the fuzzers call these;
** nothing below calls them. Pure C, thread-safe.
*/
#ifndef TINSH_PIPELINE_H
#define TINSH_PIPELINE_H

#include <stddef.h>
#include <stdint.h>

#include "doc.h"
#include "parse.h"

enum {
  PIPELINE_NO_FACTS = PARSE_NO_FACTS /* stop after parsing (structure) */
};

/*
** Run the pipeline on `len` bytes of any supported encoding: the text is
** normalised and parsed (parse_document), then its facts are extracted
** unless flags has PIPELINE_NO_FACTS. Never fails on content. `path` is
** recorded as given. Returns a doc owned by the caller (doc_free).
*/
doc *pipeline_document(const char *path, const char *bytes, size_t len,
                       int flags);

/*
** Read the file at path (at most max bytes; <= 0: 64 MiB) and run the
** pipeline on it. On a read error returns NULL and points *why at a
** static reason, as parse_file_max.
*/
doc *pipeline_file(const char *path, int flags, int64_t max, const char **why);

/* The same with the per-folder chrome context (parse_folder.h; NULL:
** none). */
doc *pipeline_document_ctx(const char *path, const char *bytes, size_t len,
                           int flags, const parse_ctx *ctx);
doc *pipeline_file_ctx(const char *path, int flags, int64_t max,
                       const parse_ctx *ctx, const char **why);

#endif
