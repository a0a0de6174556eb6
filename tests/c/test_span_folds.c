/*
** test_span_folds.c — the ingest worker's shortcuts against the slow paths
** they replace, so that a broken shortcut fails here even where both sides
** of test_segment_keys would share it.
** Plan:
**  1. seg_hash against the reference (a memcpy of the key's tail into a
**     zeroed word): keys of every length 0..40, random bytes, fixed seed.
**  2. seg_spans_scan's spans against a reference scan that always asks
**     text_compound_at (the scan skips it for a token no connector
**     follows): same spans and flags.
**  3. the scan's folds of each span: a folded span's case fold is what
**     text_fold gives and its pair is fts_fold_pair's; a span is left
**     unfolded only when its bytes need the whole-string fold (a code
**     point text_fold_pair refuses) or are over SEG_FOLD_MAX bytes.
**  4. the key fts_segment keeps for a one-syllable word is text_fold's
**     case fold, and fts_syllable's form whenever the word counts read it
**     (plain ASCII letters, under 128 bytes, valid UTF-8).
**  Texts: hand-made tricky ones (decomposed accents, invalid UTF-8,
**  numbers and document numbers, mixed scripts, a 300-byte syllable),
**  3,000 glued at random (fixed seed), and the example corpus.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "fts.h"
#include "segment.h"
#include "text.h"
#include "text_check.h"
#include "text_tok.h"
#include "util.h"

/* ---- 1. the hash ---- */

static uint64_t ref_hash(const char *s, size_t n) {
  uint64_t h = 0x9E3779B97F4A7C15ull ^ n;
  while (n >= 8) {
    uint64_t w;
    memcpy(&w, s, 8);
    h = (h ^ w) * 0xFF51AFD7ED558CCDull;
    h ^= h >> 32;
    s += 8, n -= 8;
  }
  uint64_t w = 0;
  memcpy(&w, s, n);
  h = (h ^ w) * 0xC4CEB9FE1A85EC53ull;
  h ^= h >> 29;
  h *= 0xFF51AFD7ED558CCDull;
  h ^= h >> 32;
  return h ? h : 1;
}

static void check_hash(void) {
  unsigned seed = 5;
  int bad = 0;
  char k[48];
  for (int r = 0; r < 200; r++)
    for (size_t n = 0; n <= 40; n++) {
      for (size_t i = 0; i < n; i++) k[i] = (char)rand_r(&seed);
      bad += seg_hash(k, n) != ref_hash(k, n);
    }
  CHECK(bad == 0);
}

/* ---- 2. spans ---- */

/* The spans of the scan before its shortcut: every token's compound. */
static void ref_spans(const char *text, size_t n, seg_spans *o) {
  o->n = 0;
  size_t i = 0;
  text_tok t;
  while (text_tok_next(text, n, &i, &t)) {
    if (t.kind == TEXT_TOK_PUNCT) continue;
    text_compound c;
    text_compound_at(text, n, t.off, &c);
    i = c.end;
    if (o->n + TEXT_COMPOUND_MAX >= o->cap) {
      o->cap = (o->cap + TEXT_COMPOUND_MAX) * 2;
      o->v = xrealloc(o->v, o->cap * sizeof *o->v);
    }
    if (c.nrun == 1 || (c.digits && c.nrun <= TEXT_COMPOUND_MAX)) {
      int parts = c.nrun > 1 && c.split ? SEG_SPAN_PARTS : 0;
      o->v[o->n++] = (seg_span){.start = t.off, .end = c.end, .flags = parts};
      continue;
    }
    for (int k = 0; k < c.nrun && k < TEXT_COMPOUND_MAX; k++)
      o->v[o->n++] = (seg_span){.start = c.rs[k], .end = c.re[k]};
  }
}

static int spans_ok(const seg_spans *a, const seg_spans *b) {
  if (a->n != b->n) return 0;
  for (size_t i = 0; i < a->n; i++)
    if (a->v[i].start != b->v[i].start || a->v[i].end != b->v[i].end ||
        a->v[i].flags != b->v[i].flags)
      return 0;
  return 1;
}

/* ---- 3. folds ---- */

/* Does s[0..n) fold code point by code point (every one in the table)? */
static int per_code_point(const char *s, size_t n) {
  for (size_t i = 0; i < n;) {
    int32_t cp, f, st;
    i += (size_t)text_decode(s + i, n - i, &cp);
    if (!text_fold_pair(cp, &f, &st)) return 0;
  }
  return 1;
}

static int fold_ok(const char *text, const seg_spans *sp, size_t k) {
  const seg_span *v = &sp->v[k];
  const char *s = text + v->start;
  size_t n = v->end - v->start;
  if (v->nex < 0) return n > SEG_FOLD_MAX || !per_code_point(s, n);
  char cf[1024], st[1024], ex[1024];
  size_t m = text_fold(cf, sizeof cf, s, n, TEXT_FOLD_CASE);
  int ns, ne;
  if (fts_fold_pair(s, (int)n, st, &ns, ex, &ne, sizeof st) != 0) return 0;
  const char *f = sp->fold + v->fex;
  return m == (size_t)v->nex && !memcmp(cf, f, m) && ne == v->nex &&
         !memcmp(ex, f, (size_t)ne) && ns == v->nst &&
         !memcmp(st, f + v->nex, (size_t)ns);
}

/* ---- 4. one-syllable keys ---- */

static int plain(const char *s, size_t n) {
  for (size_t i = 0; i < n; i++) {
    unsigned char c = (unsigned char)s[i];
    if (c < 0x80 && !((c | 0x20) >= 'a' && (c | 0x20) <= 'z')) return 0;
  }
  return n > 0 && n < 128 && text_utf8_valid(s, n);
}

static int syllable_keys_ok(const char *text, size_t n) {
  fts_words ws = {0};
  fts_segment(NULL, text, (int)n, &ws);
  int ok = 1;
  for (int i = 0; i < ws.n; i++) {
    const fts_word *w = &ws.w[i];
    if (w->nsyl != 1 || w->kind == SEG_NUMBER) continue;
    const char *s = text + w->from, *key = ws.keys + w->koff;
    size_t len = (size_t)(w->to - w->from);
    char cf[1024], syl[256];
    size_t m = text_fold(cf, sizeof cf, s, len, TEXT_FOLD_CASE);
    if (m && (m != (size_t)w->klen || memcmp(cf, key, m))) ok = 0;
    if (!plain(s, len) || w->klen >= 128) continue;
    int k = fts_syllable(s, (int)len, syl, sizeof syl);
    if (k != w->klen || memcmp(syl, key, (size_t)k)) ok = 0;
  }
  fts_words_free(&ws);
  return ok;
}

static int check_text(const char *text, size_t n) {
  seg_spans a = {0}, b = {0};
  seg_spans_scan(text, n, &a);
  ref_spans(text, n, &b);
  int ok = spans_ok(&a, &b);
  for (size_t k = 0; ok && k < a.n; k++) ok = fold_ok(text, &a, k);
  seg_spans_free(&a);
  free(b.v);
  return ok && syllable_keys_ok(text, n);
}

static const char *const tricky[] = {
    "Phát triển kinh tế ở Quảng Ninh, tăng 57,7% so với 5.000 tỷ đồng.",
    "Nghị quyết 20-NQ/TU ngày 20/1/2020; 108/2014/NĐ-CP, v.v... và a-b.",
    "Vie\xcc\x82\xcc\xa3t Nam pha\xcc\x81t trie\xcc\x82\xcc\x89n nhanh.",
    "bad \xff\xfe utf8 \xc3 học \xe1\xba sinh\xed\xa0\x80 ok",
    "Москва и Київ; Αθήνα; 北京 và ĐẮK LẮK, Ǆ ǅ ß İ Ω K Ⱥ m² z²",
    "học-sinh sinh/học 1.2.3 x, y. z/ w- “Hà Nội” (Việt Nam) end-",
};

static const char *const pieces[] = {
    "học",  "sinh",     "Học",   "Quảng",     "Ninh", "57,7", "%",  " ",
    " ",    "  ",       ",",     ".",         "-",    "/",    "\n", "\xff",
    "\xc3", "Ж",        "北",    "e\xcc\x81", "ĐẮK",  "\0",   "x",  "'",
    "“",    "COVID-19", "5.000", "A",         "z²",   "ǅ",    "ß",  "İ"};

static void check_corpus(void) {
  size_t nn = 0;
  char **names = util_dir_names("examples/corpus", &nn);
  int bad = 0;
  for (size_t i = 0; i < nn; i++) {
    char p[1024], *s = NULL;
    size_t n = 0;
    snprintf(p, sizeof p, "examples/corpus/%s", names[i]);
    if (util_read_file(p, 0, &s, &n) == 0) bad += !check_text(s, n);
    free(s);
    free(names[i]);
  }
  free(names);
  CHECK(nn > 0 && bad == 0);
}

int main(void) {
  printf("test_span_folds: the worker's shortcuts vs their slow paths\n");
  check_hash();
  for (size_t i = 0; i < sizeof tricky / sizeof *tricky; i++)
    CHECK(check_text(tricky[i], strlen(tricky[i])));
  char longs[400]; /* one syllable over SEG_FOLD_MAX bytes: not folded */
  memset(longs, 'a', 300);
  memcpy(longs + 300, " Hà", 5);
  CHECK(check_text(longs, 305));
  unsigned seed = 23;
  int bad = 0;
  char buf[1024];
  for (int i = 0; i < 3000; i++) {
    size_t n = glue_pieces(&seed, pieces, sizeof pieces / sizeof *pieces, buf,
                           sizeof buf);
    bad += !check_text(buf, n);
  }
  CHECK(bad == 0);
  check_corpus();
  return check_done();
}
