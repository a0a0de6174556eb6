/*
** test_segment_keys.c — the ingest's one scan per text against the old
** separate passes: the word keys the segmenter hands out from its own
** syllable pass (seg_words_k, fts_segment's fts_words) are the keys the
** old path computed by folding each word's bytes again (seg_key), which
** the word statistics count on; and the words and FTS tokens made from
** the spans of one scan (seg_spans_scan, fts_segment_spans,
** fts_pretokenize_spans) are those of fts_segment and of the FTS
** tokenizer's own scan (fts_pretokenize_lex: fts_scan).
**
** Plan: with the bundled lexicon and with a user overlay (words added,
** one removed), segment
**   1. hand-made tricky texts: figures and document numbers ("57,7%",
**      "20-NQ/TU", "5.000"), "m²", compounds with and without digits,
**      capitalised names and places, mixed scripts (Cyrillic, Greek, CJK),
**      decomposed accents, invalid UTF-8, NUL bytes, line ends, a
**      capitalised run whose key passes seg_key's 255-byte limit;
**   2. 3,000 texts glued at random from such pieces (fixed seed);
** and check for every word: the same spans, syllable counts and kinds as
** seg_words; a word of two or more syllables (not a number) has the key
** seg_key gives for its bytes, or, where seg_key gives none, one at least
** 255 bytes long (the counts then fall back to syllables, as before); the
** words fts_segment keeps carry the same keys; the one-scan words and
** tokens (flags, forms, offsets) equal the separate passes' byte for
** byte.
**   3. seg_hash_seeded (the word statistics' maps): 1,000 keys found to
**      share the low 12 bits of seg_hash (a file made to crowd one slot
**      of a table keyed by its words) spread over hundreds of slots
**      under a seed; seg_hash is seg_hash_seeded from its fixed start;
**      the same for util_slot (the parser's tables: quotes, people,
**      a folder's lines) over keys that share util_hash64's low bits.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "fts.h"
#include "segment.h"
#include "text_check.h"
#include "util.h"

typedef struct seen {
  const char *text;
  size_t from[4096], to[4096];
  int nsyl[4096], kind[4096], n, bad;
} seen;

static int plain(void *ctx, size_t from, size_t to, int nsyl, int kind) {
  seen *s = ctx;
  if (s->n < 4096)
    s->from[s->n] = from, s->to[s->n] = to, s->nsyl[s->n] = nsyl,
    s->kind[s->n] = kind;
  s->n++;
  return 0;
}

/* Is key[0..nkey) what the old path (seg_key) gives for w[0..n)? */
static int key_ok(const char *w, size_t n, int nsyl, int kind, const char *key,
                  size_t nkey) {
  if (nsyl < 2 || kind == SEG_NUMBER) return 1;
  char old[256];
  size_t k = seg_key(w, n, old, sizeof old);
  if (k == 0) return nkey >= 255;
  return k == nkey && memcmp(old, key, k) == 0;
}

typedef struct keyed {
  seen *ref;
  int i;
} keyed;

static int with_key(void *ctx, size_t from, size_t to, int nsyl, int kind,
                    const char *key, size_t nkey) {
  keyed *k = ctx;
  seen *s = k->ref;
  int i = k->i++;
  if (i >= s->n || i >= 4096 || s->from[i] != from || s->to[i] != to ||
      s->nsyl[i] != nsyl || s->kind[i] != kind)
    s->bad = 1;
  if (!key_ok(s->text + from, to - from, nsyl, kind, key, nkey)) {
    fprintf(stderr, "key of \"%.*s\": \"%.*s\"\n", (int)(to - from),
            s->text + from, (int)nkey, key);
    s->bad = 1;
  }
  return 0;
}

/* The fts_words of text carry the same keys. */
static int words_ok(const seg_lex *lex, const char *text, size_t n) {
  fts_words ws = {0};
  fts_segment(lex, text, (int)n, &ws);
  int ok = 1;
  for (int i = 0; i < ws.n; i++) {
    const fts_word *w = &ws.w[i];
    const char *key = w->klen ? ws.keys + w->koff : "";
    if (!key_ok(text + w->from, (size_t)(w->to - w->from), w->nsyl, w->kind,
                key, (size_t)w->klen))
      ok = 0;
    if (w->nsyl >= 2 && w->kind != SEG_NUMBER && w->klen == 0) ok = 0;
  }
  fts_words_free(&ws);
  return ok;
}

static int pack(void *ctx, int tflags, const char *tok, int ntok, int s,
                int e) {
  buf_printf(ctx, "%d %.*s %d %d|", tflags, ntok, tok, s, e);
  return 0;
}

/* The ingest's one scan (seg_spans_scan, then the words and the FTS tokens
** from those spans) gives the words and tokens of the separate passes
** (fts_segment; fts_pretokenize_lex, which scans with fts_scan). */
static int spans_ok(const seg_lex *lex, const char *text, size_t n) {
  seg_spans sp = {0};
  fts_words a = {0}, b = {0};
  seg_spans_scan(text, n, &sp);
  fts_segment_spans(lex, text, (int)n, &sp, &a);
  fts_segment(lex, text, (int)n, &b);
  int ok = a.n == b.n && a.nkeys == b.nkeys &&
           (a.n == 0 || !memcmp(a.w, b.w, (size_t)a.n * sizeof *a.w)) &&
           (a.nkeys == 0 || !memcmp(a.keys, b.keys, a.nkeys));
  fts_tokens *ta =
      fts_pretokenize_spans(lex, text, (int)n, &sp, &a, FTS_DOCUMENT);
  fts_tokens *tb = fts_pretokenize_lex(lex, text, (int)n);
  buf x, y;
  buf_init(&x), buf_init(&y);
  fts_tokens_each(ta, pack, &x);
  fts_tokens_each(tb, pack, &y);
  ok = ok && x.len == y.len && (x.len == 0 || !memcmp(x.data, y.data, x.len));
  buf_free(&x), buf_free(&y);
  fts_tokens_free(ta), fts_tokens_free(tb);
  fts_words_free(&a), fts_words_free(&b);
  seg_spans_free(&sp);
  return ok;
}

/* Check one text; returns 1 when all its words agree. */
static int check_text(const seg_lex *lex, const char *text, size_t n) {
  static seen s;
  memset(&s, 0, sizeof s);
  s.text = text;
  seg_words(lex, text, n, plain, &s);
  keyed k = {&s, 0};
  seg_words_k(lex, text, n, with_key, &k);
  return !s.bad && k.i == s.n && words_ok(lex, text, n) &&
         spans_ok(lex, text, n);
}

static const char *const tricky[] = {
    "Phát triển kinh tế ở Quảng Ninh, tăng 57,7% so với 5.000 tỷ đồng.",
    "Nghị quyết 20-NQ/TU ngày 20/1/2020 của Ban Thường vụ Tỉnh ủy Hà Nội.",
    "Diện tích 120 m² tại TP Hồ Chí Minh; giá 3,5 triệu đồng/m².",
    "Ông Nguyễn Văn Thắng Phó Chủ tịch UBND tỉnh Bà Rịa Vũng Tàu nói.",
    "Москва и Київ; Αθήνα; 北京 và Hà Nội cùng COVID-19, F0 và SARS-CoV-2.",
    "Vie\xcc\x82\xcc\xa3t Nam pha\xcc\x81t trie\xcc\x82\xcc\x89n nhanh.",
    "ĐẮK LẮK và Đắk Lắk; hợp tác xã nông thôn mới; \"Học sinh\" học.",
    "bad \xff\xfe utf8 \xc3 học \xe1\xba sinh\xed\xa0\x80 ok",
    "line one\nline two\r\nTrump Donald\tnói  hai  dấu cách",
    "a-b c-d học-sinh sinh/học 1.2.3 v.v... – “Hà Nội” (Việt Nam)",
};

static const char *const pieces[] = {
    "học",      "sinh",      "Học",    "phát", "triển", "kinh", "tế",
    "Quảng",    "Ninh",      "Hà",     "Nội",  "ở",     "57,7", "%",
    "20-NQ/TU", "m²",        " ",      " ",    " ",     "  ",   ",",
    ".",        "-",         "/",      "\n",   "\xff",  "\xc3", "Ж",
    "北",       "e\xcc\x81", "Nguyễn", "Văn",  "Thắng", "nông", "thôn",
    "mới",      "ĐẮK",       "\0",     "x",    "'",     "“",    "COVID-19",
    "5.000",    "A",         "z²",     "ǅ"};

static void run_all(const seg_lex *lex) {
  for (size_t i = 0; i < sizeof tricky / sizeof *tricky; i++)
    CHECK(check_text(lex, tricky[i], strlen(tricky[i])));
  unsigned seed = 17;
  int bad = 0;
  char buf[1024];
  for (int i = 0; i < 3000; i++) {
    size_t n = glue_pieces(&seed, pieces, sizeof pieces / sizeof *pieces, buf,
                           sizeof buf);
    bad += !check_text(lex, buf, n);
  }
  CHECK(bad == 0);
}

/* Section 3: keys crowding one slot of seg_hash spread when seeded. */
static void test_seeded(void) {
  enum { KEYS = 1000, MASK = 0xFFF };
  static char keys[KEYS][8];
  unsigned rng = 7;
  size_t found = 0;
  while (found < KEYS) { /* 6-letter lower-case keys, 1 in 4,096 kept */
    char k[8];
    for (int i = 0; i < 6; i++)
      rng = rng * 1103515245u + 12345u, k[i] = (char)('a' + (rng >> 16) % 26);
    if ((seg_hash(k, 6) & MASK) == 0x5A5) memcpy(keys[found++], k, 6);
  }
  CHECK(seg_hash("phát triển", 11) ==
        seg_hash_seeded("phát triển", 11, 0x9E3779B97F4A7C15ull));
  static unsigned char used[MASK + 1];
  size_t slots = 0;
  for (size_t i = 0; i < KEYS; i++) {
    unsigned sl = (unsigned)(seg_hash_seeded(keys[i], 6, 0x1234567u) & MASK);
    slots += !used[sl], used[sl] = 1;
  }
  printf("  1,000 keys of one seg_hash slot: %zu slots seeded\n", slots);
  CHECK(slots > 700);
  memset(used, 0, sizeof used);
  found = slots = 0;
  while (found < KEYS) { /* the same for util_hash64 (FNV-1a) */
    char k[8];
    for (int i = 0; i < 6; i++)
      rng = rng * 1103515245u + 12345u, k[i] = (char)('a' + (rng >> 16) % 26);
    uint64_t h = util_hash64(k, 6);
    if ((h & MASK) != 0x5A5) continue;
    unsigned sl = (unsigned)(util_slot(h) & MASK);
    slots += !used[sl], used[sl] = 1, found++;
  }
  printf("  1,000 keys of one util_hash64 slot: %zu util_slot slots\n", slots);
  CHECK(slots > 700);
}

int main(void) {
  printf("test_segment_keys: the segmenter's word keys vs seg_key\n");
  test_seeded();
  const seg_lex *base = seg_lex_default();
  if (!base) return 1;
  run_all(base);
  seg_lex *u = seg_lex_overlay(base);
  char longw[600];
  memset(longw, 'a', 200); /* a capitalised run: a proper-name word */
  longw[0] = 'A', longw[200] = ' ';
  memset(longw + 201, 'b', 200);
  longw[201] = 'B', longw[401] = '\0';
  CHECK(seg_lex_add(u, "nông thôn mới", strlen("nông thôn mới")) == 0);
  CHECK(seg_lex_add(u, "Ninh Hà", strlen("Ninh Hà")) == 0);
  CHECK(seg_lex_remove(u, "học sinh", strlen("học sinh")) == 0);
  run_all(u);
  char mixed[700]; /* a key past seg_key's limit */
  snprintf(mixed, sizeof mixed, "x %s y nông thôn mới", longw);
  CHECK(check_text(u, mixed, strlen(mixed)));
  CHECK(check_text(base, mixed, strlen(mixed)));
  seg_lex_free(u);
  return check_done();
}
