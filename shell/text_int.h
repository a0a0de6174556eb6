/*
** text_int.h — internals shared by the files of the text module
** (text_norm.c calls text_legacy.c; nothing else includes this header).
*/
#ifndef TINSH_TEXT_INT_H
#define TINSH_TEXT_INT_H

#include <stddef.h>
#include <stdint.h>

#include "text.h"
#include "util.h"

/* Windows-1252: the code point of a byte >= 0x80 (U+FFFD: undefined). */
int32_t text_cp1252(unsigned char c);

/* Is cp a Vietnamese letter that Latin-1 also has (never mojibake)?
** à á â ã è é ê ì í ò ó ô õ ù ú ý and their capitals: a bit set over
** 0xE0..0xFF of cp | 0x20. */
static inline int text_latin1_viet(int32_t cp) {
  uint32_t c = (uint32_t)(cp | 0x20) - 0xE0;
  return c < 32 && (0x263C370Fu >> c & 1);
}

/* text_normalize without its fast path (every code point goes the general
** way): the same result, for tests that pin the fast path to it. */
char *text_normalize_ref(const char *s, size_t n, size_t *outlen,
                         text_stats *st);

/*
** When s[0..n) is clearly not UTF-8 (many invalid sequences, almost no
** valid multi-byte ones), decode it as Windows-1258 (Vietnamese) or
** Windows-1252 into out, set st->cp1252 / st->cp1258 and return 1; else
** return 0 and leave out alone.
*/
int text_legacy_decode(const char *s, size_t n, buf *out, text_stats *st);

enum { TEXT_LEGACY_VNI = 1, TEXT_LEGACY_TCVN3 = 2 };

/*
** The code points c[0..n) of one line that holds Latin-1 letters
** Vietnamese never uses: convert it from VNI-Windows (into out, marks
** decomposed: compose it after) or TCVN3 when one of them explains every
** such letter and the words look like Vietnamese syllables. Returns
** TEXT_LEGACY_VNI / TEXT_LEGACY_TCVN3 (out holds the line) or 0 (left
** alone); counts the outcome in st.
*/
int text_legacy_fix(const int32_t *c, size_t n, buf *out, text_stats *st);

/*
** A line that also holds Unicode Vietnamese letters: would its Latin-1
** letters convert from VNI or TCVN3 as text_legacy_fix converts a whole
** line (words of legacy glyphs pasted into Unicode text)? 1 = yes. The
** line is never converted: "hoà" in the same line would read as VNI.
** tmp is scratch.
*/
int text_legacy_partial(const int32_t *c, size_t n, buf *tmp);

/*
** Syllables of the NFC text s[0..n) that Vietnamese spelling never
** allows ("cơng", "hòc"): legacy-font glyphs substituted inside Unicode
** text. Returns the count; the first such word goes to ex (cap bytes);
** *seen is the number of space-separated words looked at.
*/
size_t text_bad_syllables(const char *s, size_t n, char *ex, size_t cap,
                          size_t *seen);
/* text_bad_syllables that also sets, in the same pass, *hash to
** util_hash64(s, n) and *damage (when not NULL) to
** text_damage_possible(s, n, NULL): the stand-in look runs in the gaps
** the hash's chain of multiplies leaves. */
size_t text_bad_syllables_hash(const char *s, size_t n, char *ex, size_t cap,
                               size_t *seen, uint64_t *hash, int *damage);
/* The same count with the final consonants read one by one instead of
** its three-byte first look (for tests that pin one to the other). */
size_t text_bad_syllables_ref(const char *s, size_t n, size_t *seen);
/* text_bad_syllables_hash sixteen bytes a step only, never in the 32-byte
** steps it takes when the CPU has AVX2 (for tests that pin one to the
** other). */
size_t text_bad_syllables_hash16(const char *s, size_t n, char *ex, size_t cap,
                                 size_t *seen, uint64_t *hash, int *damage);
/* When the CPU has AVX2, s[0..n) is 50 bytes or more and text_normalize
** would give it back as it is (nothing to decode, repair, trim or
** compose: text_clean.h): 1, and *bad, *seen, *hash, *damage set as
** text_bad_syllables_hash sets them, in its one pass. Else 0 (the
** others unspecified): normalise it. */
int text_bad_syllables_clean(const char *s, size_t n, char *ex, size_t cap,
                             size_t *seen, uint64_t *hash, int *damage,
                             size_t *bad);
/* text_bad_syllables_clean of a text with no two spaces in a row and
** whose '&'s the caller knows text_normalize writes as they are
** (text_clean_copy's output, the '&'s asked): those two not asked again.
** 1 when the text is its own normal form. */
int text_bad_syllables_fixed(const char *s, size_t n, char *ex, size_t cap,
                             size_t *seen, uint64_t *hash, int *damage,
                             size_t *bad);
/* Does the first look of those 32-byte steps (the two bytes before a
** space) let through every word whose end fin_tab does not rule out?
** (for tests) */
int text_syllables_filter_ok(void);
/* text_normalize's fast path in blocks of 32 bytes when the CPU has
** AVX2 (on, the default) or of 16 only (off; for tests that pin one to
** the other). Not thread-safe: set it before normalising. */
void text_norm_wide(int on);

#endif
