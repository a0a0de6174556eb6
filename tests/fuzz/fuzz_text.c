/*
** fuzz_text.c — libFuzzer target for the normaliser (shell/text.c).
**
** Input: arbitrary bytes, as a scraped file would hold them.
** Invariants checked on every input:
**   - text_normalize never fails, returns a NUL-terminated string whose
**     length is *outlen, that is valid UTF-8, holds no NUL, CR or other
**     C0 control but '\n', and no line ends in a space;
**   - text_normalize_str agrees on validity;
**   - text_utf8_decode consumes 1..4 bytes, never past the end, and every
**     code point it returns is a scalar value that re-encodes to the same
**     bytes; text_utf8_len counts exactly those steps;
**   - the fast paths agree with the slow ones: text_normalize with
**     text_normalize_ref (text and statistics), text_bad_syllables with
**     text_bad_syllables_ref.
*/
#include <string.h>

#include "fuzz.h"
#include "text.h"
#include "text_int.h"

/* Walk s[0..n) with text_utf8_decode, checking each step. */
static size_t fuzz_text_walk(const char *s, size_t n) {
  size_t i = 0, count = 0;
  while (i < n) {
    int32_t cp;
    int k = text_utf8_decode(s + i, n - i, &cp);
    FUZZ_CHECK(k >= 1 && k <= 4 && (size_t)k <= n - i);
    if (cp >= 0) {
      char enc[4];
      FUZZ_CHECK(cp <= 0x10FFFF && !(cp >= 0xD800 && cp <= 0xDFFF));
      FUZZ_CHECK(text_utf8_encode(cp, enc) == k);
      FUZZ_CHECK(memcmp(enc, s + i, (size_t)k) == 0);
    } else {
      FUZZ_CHECK(k == 1);
    }
    i += (size_t)k;
    count++;
  }
  return count;
}

/* The output contract of the normaliser. */
static void fuzz_text_check_out(const char *out, size_t len) {
  FUZZ_CHECK(out != NULL);
  FUZZ_CHECK(out[len] == '\0');
  FUZZ_CHECK(strlen(out) == len);
  FUZZ_CHECK(text_utf8_valid(out, len));
  for (size_t i = 0; i < len; i++) {
    unsigned char c = (unsigned char)out[i];
    FUZZ_CHECK(c != '\r');
    FUZZ_CHECK(c >= 0x20 || c == '\n');
    if (c == '\n' && i > 0) FUZZ_CHECK(out[i - 1] != ' ');
  }
  if (len > 0) FUZZ_CHECK(out[len - 1] != ' ');
}

int FUZZ_ENTRY(const uint8_t *data, size_t size) {
  const char *s = (const char *)data;
  size_t count = fuzz_text_walk(s, size);
  FUZZ_CHECK(text_utf8_len(s, size) == count);
  FUZZ_CHECK(text_utf8_valid(s, size) == 0 || text_utf8_valid(s, size) == 1);

  size_t len = (size_t)-1;
  text_stats st;
  memset(&st, 0xAB, sizeof st); /* the normaliser must fill every field */
  char *out = text_normalize(s, size, &len, &st);
  fuzz_text_check_out(out, len);
  FUZZ_CHECK(st.utf16 >= 0 && st.utf16 <= 2);
  FUZZ_CHECK(st.cp1252 == 0 || st.cp1252 == 1);
  FUZZ_CHECK(st.bom == 0 || st.bom == 1);
  FUZZ_CHECK(st.invalid <= size);
  fuzz_text_walk(out, len);
  size_t rlen, seen, rseen;
  text_stats rst;
  char *ref = text_normalize_ref(s, size, &rlen, &rst);
  FUZZ_CHECK(rlen == len && memcmp(ref, out, len) == 0 &&
             memcmp(&rst, &st, sizeof st) == 0);
  free(ref);
  FUZZ_CHECK(text_bad_syllables(out, len, NULL, 0, &seen) ==
                 text_bad_syllables_ref(out, len, &rseen) &&
             seen == rseen);
  free(out);

  size_t qlen = (size_t)-1;
  char *q = text_normalize_str(s, size, &qlen);
  FUZZ_CHECK(q != NULL && q[qlen] == '\0' && text_utf8_valid(q, qlen));
  free(q);
  return 0;
}
