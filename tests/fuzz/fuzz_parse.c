/*
** fuzz_parse.c — libFuzzer target for the parser with the fact extractors
** (shell/parse.c, shell/extract*.c) and the JSON writer (shell/doc.c).
**
** Input: arbitrary bytes as a file's content.
** Invariants checked on every input:
**   - parse_document always returns a document; its text is valid UTF-8
**     of length text_len; the id is 16 hex digits;
**   - blocks are in order, inside the text, do not overlap, have a valid
**     kind and non-NULL text, and together cover every byte of the text
**     that is not white space (nothing dropped);
**   - qa pairs point at existing blocks; every fact has its text;
**   - doc_to_json yields exactly one JSON object, valid UTF-8, one line.
*/
#include <string.h>

#include "doc.h"
#include "fuzz.h"
#include "fuzz_json.h"
#include "parse.h"
#include "pipeline.h"
#include "text.h"

/* Structural checks of the blocks against the text. */
static void fuzz_parse_blocks(const doc *d) {
  size_t end = 0;
  for (size_t i = 0; i < d->blocks.n; i++) {
    const doc_block *b = &d->blocks.items[i];
    FUZZ_CHECK(b->kind >= 0 && b->kind < BK__COUNT);
    FUZZ_CHECK(b->text != NULL);
    FUZZ_CHECK(b->off >= end && b->off <= d->text_len);
    FUZZ_CHECK(b->len <= d->text_len - b->off);
    for (size_t k = end; k < b->off; k++) /* the gap: white space only */
      FUZZ_CHECK(d->text[k] == '\n' || d->text[k] == ' ');
    end = b->off + b->len;
  }
  for (size_t k = end; k < d->text_len; k++)
    FUZZ_CHECK(d->text[k] == '\n' || d->text[k] == ' ');
}

static void fuzz_parse_facts(const doc *d) {
  for (size_t i = 0; i < d->qa.n; i++) {
    FUZZ_CHECK(d->qa.items[i].q != NULL);
    FUZZ_CHECK(d->qa.items[i].qblock >= 0 &&
               (size_t)d->qa.items[i].qblock < d->blocks.n);
  }
  for (size_t i = 0; i < d->figures.n; i++) {
    FUZZ_CHECK(d->figures.items[i].text != NULL);
    FUZZ_CHECK(d->figures.items[i].block >= 0 &&
               (size_t)d->figures.items[i].block < d->blocks.n);
  }
  for (size_t i = 0; i < d->people.n; i++)
    FUZZ_CHECK(d->people.items[i].name && d->people.items[i].mentions >= 0);
  for (size_t i = 0; i < d->refs.n; i++) FUZZ_CHECK(d->refs.items[i].text);
  for (size_t i = 0; i < d->periods.n; i++)
    FUZZ_CHECK(d->periods.items[i].text);
  for (size_t i = 0; i < d->places.n; i++) FUZZ_CHECK(d->places.items[i].name);
  for (size_t i = 0; i < d->quotes.n; i++) FUZZ_CHECK(d->quotes.items[i]);
  for (size_t i = 0; i < d->warnings.n; i++) FUZZ_CHECK(d->warnings.items[i]);
}

int FUZZ_ENTRY(const uint8_t *data, size_t size) {
  doc *d = pipeline_document("fuzz.txt", (const char *)data, size, 0);
  FUZZ_CHECK(d != NULL);
  FUZZ_CHECK(d->text != NULL && d->text[d->text_len] == '\0');
  FUZZ_CHECK(text_utf8_valid(d->text, d->text_len));
  FUZZ_CHECK(strlen(d->id) == 16 && strspn(d->id, "0123456789abcdef") == 16);
  fuzz_parse_blocks(d);
  fuzz_parse_facts(d);

  buf b;
  buf_init(&b);
  doc_to_json(d, &b);
  FUZZ_CHECK(b.len > 1 && b.data[0] == '{');
  FUZZ_CHECK(memchr(b.data, '\n', b.len) == NULL);
  FUZZ_CHECK(text_utf8_valid(b.data, b.len));
  FUZZ_CHECK(fjson_valid(b.data, b.len));
  buf_free(&b);
  doc_free(d);
  return 0;
}
