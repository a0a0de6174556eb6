/*
** test_wordstats_cols.c — the ingest's one-segmentation path for the word
** statistics (wstats_count_cols: counts read from the words fts_segment
** found in the FTS columns) gives exactly the counts of the path that
** segments every content block alone (wstats_count).
** Plan:
**  1. hand-made articles whose block boundaries stress the join: a figure
**     or "50%" ending a block, a capitalised word starting one (sentence
**     start), quotes and dashes before it, empty blocks, captions and
**     answers (other columns), a dateline and a byline (in the body
**     column but not counted).
**  2. every file of the example corpus.
**  3. the same texts: fts_syllable's form of every one-syllable word is
**     the one token fts_tokenize gives it in query mode (the counts'
**     shortcut for a plain syllable).
**  For each: word and pair counts, display forms, token and document
**  totals agree (wstats_doc_same), and the FTS tokens made from the same
**  words equal those fts_tokenize_lex makes.
*/
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check.h"
#include "fts.h"
#include "pipeline.h"
#include "segment.h"
#include "store.h"
#include "store_int.h"
#include "store_wordstats.h"
#include "util.h"

static int syllables; /* one-syllable words checked */

static int pack(void *ctx, int tflags, const char *tok, int ntok, int s,
                int e) {
  buf_printf(ctx, "%d %.*s %d %d|", tflags, ntok, tok, s, e);
  return 0;
}

/* The FTS tokens of text from words ws vs fts_tokenize_lex. */
static int same_tokens(const char *text, int n, const fts_words *ws) {
  buf a, b;
  buf_init(&a), buf_init(&b);
  fts_tokenize_lex(NULL, text, n, FTS_DOCUMENT, pack, &a);
  fts_tokenize_seg(text, n, ws, pack, &b);
  int same = a.len == b.len && (a.len == 0 || !memcmp(a.data, b.data, a.len));
  buf_free(&a), buf_free(&b);
  return same;
}

static int query_tok(void *ctx, int tflags, const char *tok, int ntok, int s,
                     int e) {
  buf_printf(ctx, "%d %.*s %d %d|", tflags, ntok, tok, s, e);
  return 0;
}

/* fts_syllable's form of every one-syllable word of text (ws) is the one
** token fts_tokenize gives it in query mode; returns the words checked. */
static int check_syllables(const char *text, const fts_words *ws) {
  int checked = 0;
  for (int i = 0; i < ws->n; i++) {
    const fts_word *w = &ws->w[i];
    char out[256];
    int n = w->nsyl == 1 && w->kind != SEG_NUMBER
                ? fts_syllable(text + w->from, w->to - w->from, out, 256)
                : -1;
    if (n < 0) continue;
    buf a, b;
    buf_init(&a), buf_init(&b);
    fts_tokenize(text + w->from, w->to - w->from, FTS_QUERY, query_tok, &a);
    buf_printf(&b, "0 %.*s 0 %d|", n, out, w->to - w->from);
    CHECK_STR(a.data, b.data);
    buf_free(&a), buf_free(&b);
    checked++;
  }
  return checked;
}

/* Both counts of one document text agree. */
static void check_doc(const wstats *w, const char *name, const char *text) {
  doc *d = pipeline_document(name, text, strlen(text), 0);
  buf cols[3];
  for (int c = 0; c < 3; c++) buf_init(&cols[c]);
  store_fts_columns(d, &cols[0], &cols[1], &cols[2]);
  const char *t[5] = {d->title, d->lead, cols[0].data, cols[1].data,
                      cols[2].data};
  fts_words ws[5] = {{0}};
  for (int c = 0; c < 5; c++) {
    int n = t[c] ? (int)strlen(t[c]) : 0;
    fts_segment(NULL, t[c], n, &ws[c]);
    syllables += check_syllables(t[c], &ws[c]);
    int same = same_tokens(t[c], n, &ws[c]);
    if (!same) fprintf(stderr, "tokens of %s, column %d differ\n", name, c);
    CHECK(same);
  }
  wstats_doc *slow = wstats_count(w, d), *fast = wstats_count_cols(w, d, t, ws);
  CHECK(slow != NULL);
  int same = wstats_doc_same(slow, fast);
  if (!same) fprintf(stderr, "counts of %s differ\n", name);
  CHECK(same);
  wstats_doc_free(slow), wstats_doc_free(fast);
  for (int c = 0; c < 5; c++) fts_words_free(&ws[c]);
  for (int c = 0; c < 3; c++) buf_free(&cols[c]);
  doc_free(d);
}

static const char *const hand[] = {
    "Giá xăng tăng 50%\n\nHà Nội, ngày 4/3/2024\n\nGiá xăng tăng 50%\n\n"
    "“Quảng Ninh” đón khách 20-NQ/TU\n\n- Ông Nguyễn Văn An nói 108/2014\n\n"
    "Ảnh: Bộ Y tế Việt Nam\n\nPhóng viên Trần Bình\n",
    "Hỏi đáp\n\nHỏi: Thủ tục đăng ký kết hôn thế nào?\n\nTrả lời: Công dân "
    "Việt Nam nộp hồ sơ tại Ủy ban nhân dân xã.\n\n(Theo Báo Nhân Dân)\n",
    "Kinh tế\n\n\n\nTăng trưởng 5.000 tỷ đồng. Thành phố Hồ Chí Minh\n\n"
    "Phát triển kinh tế xã hội, Đà Nẵng 57,7%\n",
    "ĐẢNG ỦY\n\nỦy ban ĐỀ NGHỊ Quốc hội xem xét. Ông O'Brien, Jean-Paul "
    "và Ǆ ǅ ß İstanbul Ωμέγα Привет\n"};

int main(void) {
  char dir[] = "/tmp/tinsh-wscols-XXXXXX", path[300];
  CHECK(mkdtemp(dir) != NULL);
  snprintf(path, sizeof path, "%s/t.db", dir);
  store *s = NULL;
  char *err = NULL;
  CHECK(store_open(path, STORE_READWRITE, &s, &err) == 0);
  wstats *w = wstats_open(s, 0);
  CHECK(w != NULL && wstats_lexicon(w) != NULL);
  for (size_t i = 0; i < sizeof hand / sizeof *hand; i++)
    check_doc(w, "hand.txt", hand[i]); /* 1 */
  size_t nn = 0;
  char **names = util_dir_names("examples/corpus", &nn); /* 2 */
  CHECK(names && nn > 0);
  for (size_t i = 0; i < nn; i++) {
    char p[600], *bytes;
    size_t len;
    snprintf(p, sizeof p, "examples/corpus/%s", names[i]);
    if (util_read_file(p, 0, &bytes, &len) == 0) {
      check_doc(w, p, bytes);
      free(bytes);
    }
    free(names[i]);
  }
  free(names);
  CHECK(syllables > 100);
  wstats_close(w);
  store_close(s);
  snprintf(path, sizeof path, "rm -rf '%s'", dir);
  CHECK(system(path) == 0);
  return check_done();
}
