/*
** query_vocab.c — candidate documents for regex token tests
** ([word = /re/], [syl = /re/]) from the database's vocabulary: the
** regex runs over the distinct words the word statistics know
** (word_stats: every word of the content blocks, segmented with the
** corpus's lexicon), or over their syllables on the syllable stream, and
** the words it matches become an FTS5 OR of phrases. Too many hits, a
** regex that can match a punctuation token, or a vocabulary that does not
** describe what the run will tokenize: no constraint (the documents are
** scanned), and the plan says why.
*/
#include "query_vocab.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "doc.h"
#include "fts.h"
#include "query_int.h"
#include "segment.h"
#include "store_words.h"
#include "text.h"

/* the block kinds the word statistics count */
static unsigned content_kinds(void) {
  return 1u << BK_TITLE | 1u << BK_LEAD | 1u << BK_HEADING |
         1u << BK_PARAGRAPH | 1u << BK_QUESTION | 1u << BK_ANSWER |
         1u << BK_CAPTION;
}

static char *meta_text(sqlite3 *db, const char *key) {
  sqlite3_stmt *st = NULL;
  char *v = NULL;
  if (sqlite3_prepare_v2(db, "SELECT value FROM meta WHERE key = ?1", -1, &st,
                         NULL) == SQLITE_OK) {
    sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
    if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_text(st, 0))
      v = xstrdup((const char *)sqlite3_column_text(st, 0));
  }
  sqlite3_finalize(st);
  return v;
}

/* Is meta key equal to want? */
static int meta_is(sqlite3 *db, const char *key, const char *want) {
  char *v = meta_text(db, key);
  int eq = v && want && strcmp(v, want) == 0;
  free(v);
  return eq;
}

/*
** Why the word statistics cannot stand for what p's run tokenizes (NULL:
** they can): stale counts, a block kind they do not count, or (words) a
** lexicon other than the one they were counted with.
*/
static const char *unusable(store *s, const q_pattern *p, int corpus_lex) {
  sqlite3 *db = store_db(s);
  if (!meta_is(db, "wordstats", "1")) return "word statistics not up to date";
  if (q_kinds(p) & ~content_kinds()) return "a block kind they do not count";
  if (q_syllables(p)) return NULL;
  if (!corpus_lex) return "a lexicon other than the corpus's";
  char *user = store_words_text(s), lex[32];
  snprintf(lex, sizeof lex, "%zu", seg_lex_size(seg_lex_default()));
  int ok = meta_is(db, "wordstats_user", user ? user : "") &&
           meta_is(db, "wordstats_lex", lex);
  free(user);
  return ok ? NULL : "word statistics counted with another lexicon";
}

static int str_cmp(const void *a, const void *b) {
  return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Add s[0..n) to v (in the arena). */
static void vocab_add(q_vocab *v, const char *s, size_t n) {
  char *w = arena_alloc(&v->a, n + 1);
  memcpy(w, s, n);
  VEC_PUSH(v->w, w);
}

/* The words of word_stats (or, syllables set, their syllables: sorted,
** distinct). 0, or -1 on an SQL error. */
static int vocab_load(q_vocab *v, sqlite3 *db, int syl) {
  sqlite3_stmt *st = NULL;
  if (sqlite3_prepare_v2(db, "SELECT word FROM word_stats", -1, &st, NULL))
    return -1;
  while (sqlite3_step(st) == SQLITE_ROW) {
    const char *w = (const char *)sqlite3_column_text(st, 0);
    size_t n = (size_t)sqlite3_column_bytes(st, 0);
    if (!w) continue;
    while (syl && memchr(w, ' ', n)) {
      size_t k = (size_t)((const char *)memchr(w, ' ', n) - w);
      vocab_add(v, w, k);
      w += k + 1, n -= k + 1;
    }
    vocab_add(v, w, n);
  }
  sqlite3_finalize(st);
  if (!syl || v->w.n < 2) return 0;
  qsort(v->w.items, v->w.n, sizeof *v->w.items, str_cmp);
  size_t k = 1;
  for (size_t i = 1; i < v->w.n; i++)
    if (strcmp(v->w.items[i], v->w.items[k - 1]))
      v->w.items[k++] = v->w.items[i];
  v->w.n = k;
  return 0;
}

int q_vocab_open(q_vocab *v, store *s, const q_pattern *p, int corpus_lex) {
  memset(v, 0, sizeof *v);
  v->syl = q_syllables(p);
  v->max = Q_VOCAB_MAX_TERMS;
  buf_init(&v->note);
  const char *why = unusable(s, p, corpus_lex);
  if (why) {
    buf_printf(&v->note, "no vocabulary (%s)", why);
    return 0;
  }
  if (vocab_load(v, store_db(s), v->syl)) {
    buf_printf(&v->note, "no vocabulary (%s)", sqlite3_errmsg(store_db(s)));
    return 0;
  }
  v->ok = 1;
  return 1;
}

void q_vocab_close(q_vocab *v) {
  free(v->w.items);
  arena_free(&v->a);
  buf_free(&v->note);
  memset(v, 0, sizeof *v);
}

static int is_token(void *ctx, int tflags, const char *tok, int ntok, int s,
                    int e) {
  (void)tflags, (void)tok, (void)ntok, (void)s, (void)e;
  *(int *)ctx = 1;
  return 1;
}

/* Can re match a punctuation token (one non-space character that is no
** syllable)? Every code point up to U+2FFFF is tried. */
static int matches_punct(const void *re) {
  if (q_regex_min_chars(re) > 1) return 0;
  for (uint32_t cp = 0x21; cp < 0x30000; cp++) {
    if (cp >= 0xD800 && cp < 0xE000) continue;
    char u[4];
    int n = text_utf8_encode((int32_t)cp, u);
    if (!q_regex_run(re, u, (size_t)n)) continue;
    int tok = 0;
    fts_scan(u, n, FTS_QUERY, is_token, &tok);
    if (!tok) return 1;
  }
  return 0;
}

static int has_digit(const char *s) {
  for (; *s; s++)
    if (*s >= '0' && *s <= '9') return 1;
  return 0;
}

/* Does re match word w as the run would write it (a figure possibly
** followed by '%', which the statistics count without it)? */
static int word_hit(const q_vocab *v, const void *re, const char *w) {
  size_t n = strlen(w);
  if (q_regex_run(re, w, n)) return 1;
  if (v->syl || !has_digit(w) || n > 250) return 0;
  char t[256];
  memcpy(t, w, n), t[n] = '%';
  return q_regex_run(re, t, n + 1);
}

/* Append word w to b as an FTS5 phrase ("..." with '"' doubled). */
static void add_phrase(buf *b, const char *w) {
  if (b->len) buf_adds(b, " OR ");
  buf_addc(b, '"');
  for (; *w; w++) {
    if (*w == '"') buf_addc(b, '"');
    buf_addc(b, *w);
  }
  buf_addc(b, '"');
}

/* Note why regex k gives no constraint (its documents are scanned). */
static char *unknown(q_vocab *v, int k, const char *why) {
  buf_printf(&v->note, "%sregex %d: %s: scanned", v->note.len ? "; " : "", k,
             why);
  return NULL;
}

char *q_vocab_terms(void *ctx, const void *re, int *none) {
  q_vocab *v = ctx;
  int k = ++v->nre;
  if (!v->ok) return NULL;
  if (!q_regex_vocab_safe(re)) return unknown(v, k, "uses \\p, \\P or (?");
  if (matches_punct(re)) return unknown(v, k, "can match punctuation");
  buf b;
  buf_init(&b);
  long hits = 0;
  for (size_t i = 0; i < v->w.n && hits <= v->max; i++)
    if (word_hit(v, re, v->w.items[i])) add_phrase(&b, v->w.items[i]), hits++;
  if (hits > v->max) {
    buf_free(&b);
    return unknown(v, k, "matches too many words");
  }
  buf_printf(&v->note, "%sregex %d: %ld of %zu %s", v->note.len ? "; " : "", k,
             hits, v->w.n, v->syl ? "syllables" : "words");
  if (hits == 0) *none = 1;
  return hits ? buf_detach(&b) : (buf_free(&b), NULL);
}
