/*
** pipeline.c — normalise -> parse -> extract (see pipeline.h). The
** parser no longer calls the extractors: this module is the only place
** that runs one stage after the other.
*/
#include "pipeline.h"

#include "extract.h"

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
