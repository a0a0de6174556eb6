/*
** fuzz_json.c — libFuzzer target for the JSON record reader of the store
** (shell/store_json.c json_object, used for .json/.jsonl files).
**
** Input: arbitrary bytes as one JSON record.
** Invariants checked on every input:
**   - on failure: -1, a reason, and every field NULL;
**   - on success: 0 < bytes consumed <= n;
**   - every strictly valid JSON object (fuzz_json.h's RFC 8259 checker)
**     is accepted, whole;
**   - when the input is valid UTF-8, so is every field read from it
**     (\u escapes of lone surrogates must not make invalid UTF-8).
*/
#include "fuzz_json.h"

#include <string.h>

#include "fuzz.h"
#include "store_int.h"
#include "text.h"

static void fuzz_json_field(const char *f, int utf8_in) {
  if (f && utf8_in) FUZZ_CHECK(text_utf8_valid(f, strlen(f)));
}

int FUZZ_ENTRY(const uint8_t *data, size_t size) {
  const char *s = (const char *)data;
  json_rec r;
  const char *why = NULL;
  memset(&r, 0x5A, sizeof r); /* json_object must set every field */
  long used = json_object(s, size, &r, &why);
  if (used < 0) {
    FUZZ_CHECK(used == -1 && why != NULL);
    FUZZ_CHECK(!r.title && !r.date && !r.body && !r.url);
  } else {
    FUZZ_CHECK(used > 0 && (size_t)used <= size);
    int u = text_utf8_valid(s, size);
    fuzz_json_field(r.title, u);
    fuzz_json_field(r.date, u);
    fuzz_json_field(r.body, u);
    fuzz_json_field(r.url, u);
    json_rec_free(&r);
  }
  size_t lead = 0;
  while (lead < size && strchr(" \t\r\n", s[lead]) && s[lead]) lead++;
  if (lead < size && s[lead] == '{' && fjson_valid(s, size)) {
    if (used < 0) fprintf(stderr, "valid JSON refused: %s\n", why);
    FUZZ_CHECK(used > 0);
  }
  return 0;
}
