/*
** pipeline.c — normalise -> parse -> extract (see pipeline.h). The
** parser no longer calls the extractors: this module is the only place
** that runs one stage after the other.
*/
#include "pipeline.h"

#include "extract.h"
#include "parse_folder.h"

/* Extract d's facts unless the flags say not to; returns d. */
static doc *with_facts(doc *d, int flags) {
  if (d && !(flags & PIPELINE_NO_FACTS)) extract_facts(d);
  return d;
}

doc *pipeline_document(const char *path, const char *bytes, size_t len,
                       int flags) {
  return with_facts(parse_document(path, bytes, len, flags | PARSE_NO_FACTS),
                    flags);
}

doc *pipeline_file(const char *path, int flags, int64_t max, const char **why) {
  return with_facts(parse_file_max(path, flags | PARSE_NO_FACTS, max, why),
                    flags);
}

doc *pipeline_document_ctx(const char *path, const char *bytes, size_t len,
                           int flags, const parse_ctx *ctx) {
  return with_facts(
      parse_document_ctx(path, bytes, len, flags | PARSE_NO_FACTS, ctx), flags);
}

doc *pipeline_file_ctx(const char *path, int flags, int64_t max,
                       const parse_ctx *ctx, const char **why) {
  return with_facts(parse_file_ctx(path, flags | PARSE_NO_FACTS, max, ctx, why),
                    flags);
}
