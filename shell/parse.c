/* parse.c — placeholder until the parser lands (issue 3): one paragraph. */
#include "parse.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "extract.h"

doc *parse_document(const char *path, const char *bytes, size_t len,
                    int flags) {
  doc *d = doc_new(path);
  d->text = doc_str(d, bytes, len);
  d->text_len = len;
  doc_block b = {BK_PARAGRAPH, d->text, 0, len};
  VEC_PUSH(d->blocks, b);
  if (!(flags & PARSE_NO_FACTS)) extract_facts(d);
  return d;
}

doc *parse_file(const char *path, int flags, const char **why) {
  char *bytes;
  size_t len;
  if (util_read_file(path, &bytes, &len) != 0) {
    *why = strerror(errno);
    return NULL;
  }
  doc *d = parse_document(path, bytes, len, flags);
  free(bytes);
  return d;
}
