/*
** test_segment.c — the word segmenter (segment.c, segment_lex.c).
**
** Test plan: build small lexicons of our own in a scratch data folder
** (words/words.txt with chosen counts, surnames, titles, gazetteer) and
** check that
**   - overlapping entries are split by probability, not greedy longest
**     match: the same text splits one way or the other as the counts say;
**   - person names (surname + capitalised syllables, stopping at a title),
**     places (capitalised only), capitalised runs, figures and document
**     numbers come out as single words of the right kind;
**   - a user overlay adds and removes words without touching its base;
**   - every word span is in range, ordered, and every letter of the input
**     lies in a word; empty input, lone combining marks, invalid UTF-8,
**     NUL bytes and a long line are handled; a second run gives the same;
**   - seg_key folds a written word into its lexicon key;
**   - the bundled lexicon (data/) loads and joins common words.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "check.h"
#include "segment.h"

static char dir[64];

/* A lexicon from words.txt text (plus fixed surnames/titles/places). */
static seg_lex *lex_of(const char *words) {
  char sub[128];
  snprintf(sub, sizeof sub, "%s/words", dir);
  mkdir(sub, 0700);
  check_write_file(dir, "words/words.txt", words);
  check_write_file(dir, "surnames.txt", "# surnames\nNguyễn\nTrần\n");
  check_write_file(dir, "titles.txt", "Phó Chủ tịch\nBí thư\nChủ tịch UBND\n");
  check_write_file(dir, "gazetteer.tsv",
                   "Móng Cái\tcity\nHạ Long\tcity\tHalong\n");
  int nfiles = 0;
  seg_lex *lex = seg_lex_load(dir, &nfiles);
  CHECK(nfiles == 4);
  return lex;
}

/* ---- collecting words ---- */

typedef struct got {
  char out[4096]; /* the text with '_' inside words, '|' between them */
  size_t from[512], to[512];
  int kind[512], nsyl[512], n;
  const char *text;
  size_t len;
} got;

static int collect(void *ctx, size_t from, size_t to, int nsyl, int kind) {
  got *g = ctx;
  if (g->n < 512) {
    g->from[g->n] = from, g->to[g->n] = to;
    g->kind[g->n] = kind, g->nsyl[g->n] = nsyl;
  }
  g->n++;
  size_t l = strlen(g->out);
  if (l) g->out[l++] = '|';
  for (size_t i = from; i < to && l < sizeof g->out - 1; i++)
    g->out[l++] = g->text[i] == ' ' ? '_' : g->text[i];
  g->out[l] = '\0';
  return 0;
}

/* Words of s as "w1|w_2|..." (static result). */
static got *seg(const seg_lex *lex, const char *s) {
  static got g;
  memset(&g, 0, sizeof g);
  g.text = s, g.len = strlen(s);
  seg_words(lex, s, g.len, collect, &g);
  return &g;
}

static int kind_of(const seg_lex *lex, const char *s, const char *word) {
  got *g = seg(lex, s);
  for (int i = 0; i < g->n && i < 512; i++)
    if (g->to[i] - g->from[i] == strlen(word) &&
        memcmp(s + g->from[i], word, strlen(word)) == 0)
      return g->kind[i];
  return -1;
}

/* ---- the cases ---- */

static void test_probabilities_decide(void) {
  /* greedy longest match from the left would take "học sinh" both times */
  seg_lex *a = lex_of(
      "# total\t100000\nhọc\t5000\nsinh\t100\n"
      "học sinh\t100\nsinh học\t1000\n");
  CHECK_STR(seg(a, "học sinh học")->out, "học|sinh_học");
  seg_lex_free(a);
  seg_lex *b = lex_of(
      "# total\t100000\nhọc\t5000\nsinh\t100\n"
      "học sinh\t1000\nsinh học\t100\n");
  CHECK_STR(seg(b, "học sinh học")->out, "học_sinh|học");
  /* a three-syllable entry loses to two likely words, wins when likely */
  seg_lex_free(b);
  seg_lex *c = lex_of(
      "# total\t100000\nnông thôn\t3000\nmới\t9000\n"
      "nông thôn mới\t2\n");
  CHECK_STR(seg(c, "nông thôn mới")->out, "nông_thôn|mới");
  seg_lex_free(c);
  seg_lex *d = lex_of(
      "# total\t100000\nnông thôn\t3000\nmới\t9000\n"
      "nông thôn mới\t2000\n");
  CHECK_STR(seg(d, "nông thôn mới")->out, "nông_thôn_mới");
  /* case and NFD spelling do not matter for lexicon words */
  CHECK_STR(seg(d, "Nông Thôn mới")->out, "Nông_Thôn_mới");
  CHECK_STR(seg(d, "no\xcc\x82ng tho\xcc\x82n mo\xcc\x9b\xcc\x81i")->out,
            "no\xcc\x82ng_tho\xcc\x82n_mo\xcc\x9b\xcc\x81i");
  /* words never cross punctuation or double spaces */
  CHECK_STR(seg(d, "nông, thôn mới")->out, "nông|thôn|mới");
  CHECK_STR(seg(d, "nông  thôn")->out, "nông|thôn");
  seg_lex_free(d);
}

static void test_names_places_figures(void) {
  seg_lex *lex = lex_of(
      "# total\t100000\nphát biểu\t500\nphó\t300\n"
      "ông\t800\nvăn\t400\nhạ\t100\nlong\t100\n");
  got *g = seg(lex, "ông Nguyễn Văn Thắng phát biểu");
  CHECK_STR(g->out, "ông|Nguyễn_Văn_Thắng|phát_biểu");
  CHECK(kind_of(lex, "ông Nguyễn Văn Thắng nói", "Nguyễn Văn Thắng") ==
        SEG_NAME);
  /* a name stops before a title */
  CHECK_STR(seg(lex, "ông Trần Văn An Phó Chủ tịch")->out,
            "ông|Trần_Văn_An|Phó_Chủ_tịch");
  /* no name when the next syllable is not capitalised */
  CHECK_STR(seg(lex, "Trần văn")->out, "Trần|văn");
  /* places: capitalised only, aliases too */
  CHECK(kind_of(lex, "về Hạ Long", "Hạ Long") == SEG_PLACE);
  CHECK_STR(seg(lex, "hạ long")->out, "hạ|long");
  CHECK(kind_of(lex, "về Móng Cái", "Móng Cái") == SEG_PLACE);
  /* a capitalised run that no list knows, but not at a sentence start */
  CHECK(kind_of(lex, "ông Donald Trump nói", "Donald Trump") == SEG_PROPER);
  CHECK_STR(seg(lex, "Hôm Qua")->out, "Hôm|Qua");
  /* figures and document numbers */
  CHECK(kind_of(lex, "tăng 57,7% so với", "57,7%") == SEG_NUMBER);
  CHECK(kind_of(lex, "đạt 5.000 tỷ", "5.000") == SEG_NUMBER);
  CHECK(kind_of(lex, "Nghị quyết 20-NQ/TU ngày", "20-NQ/TU") == SEG_NUMBER);
  CHECK(kind_of(lex, "ngày 20/1/2020,", "20/1/2020") == SEG_NUMBER);
  CHECK_STR(seg(lex, "100%")->out, "100%");
  seg_lex_free(lex);
}

static void test_user_overlay(void) {
  seg_lex *base = lex_of(
      "# total\t100000\nnông thôn\t3000\nmới\t9000\n"
      "sinh học\t1000\n");
  seg_lex *u = seg_lex_overlay(base);
  CHECK(seg_lex_add(u, "Nông thôn mới", strlen("Nông thôn mới")) == 0);
  CHECK(kind_of(u, "xã nông thôn mới", "nông thôn mới") == SEG_USER);
  CHECK_STR(seg(base, "nông thôn mới")->out, "nông_thôn|mới");
  CHECK(seg_lex_remove(u, "sinh học", strlen("sinh học")) == 0);
  CHECK_STR(seg(u, "sinh học")->out, "sinh|học");
  CHECK_STR(seg(base, "sinh học")->out, "sinh_học");
  CHECK(seg_lex_remove(u, "nông thôn mới", strlen("nông thôn mới")) == 0);
  CHECK_STR(seg(u, "nông thôn mới")->out, "nông_thôn|mới");
  CHECK(seg_lex_add(u, "nông thôn mới", strlen("nông thôn mới")) == 0);
  CHECK_STR(seg(u, "nông thôn mới")->out, "nông_thôn_mới");
  /* bad entries are refused */
  CHECK(seg_lex_add(u, "", 0) == -1);
  CHECK(seg_lex_add(u, ", ;", 3) == -1);
  CHECK(seg_lex_add(u, "a b c d e", 9) == -1);
  CHECK(seg_lex_size(u) > 0);
  /* a change to the base shows through the overlay (no stale answers) */
  CHECK_STR(seg(u, "thôn mới")->out, "thôn|mới");
  CHECK(seg_lex_add(base, "thôn mới", strlen("thôn mới")) == 0);
  CHECK_STR(seg(u, "thôn mới")->out, "thôn_mới");
  seg_lex_free(u);
  seg_lex_free(base);
}

/* Spans in range, ordered, and every ASCII letter inside a word. */
static int spans_ok(const seg_lex *lex, const char *s, size_t n) {
  static got g;
  memset(&g, 0, sizeof g);
  g.text = s, g.len = n;
  seg_words(lex, s, n, collect, &g);
  size_t at = 0;
  int ok = g.n <= 512;
  for (int i = 0; ok && i < g.n; i++) {
    ok = g.from[i] >= at && g.from[i] < g.to[i] && g.to[i] <= n;
    for (size_t k = at; ok && k < g.from[i]; k++)
      ok = !((s[k] | 32) >= 'a' && (s[k] | 32) <= 'z');
    at = g.to[i];
  }
  for (size_t k = at; ok && k < n; k++)
    ok = !((s[k] | 32) >= 'a' && (s[k] | 32) <= 'z');
  return ok;
}

static int count_words(void *ctx, size_t from, size_t to, int nsyl, int kind) {
  (void)from, (void)to, (void)nsyl, (void)kind;
  ++*(size_t *)ctx;
  return 0;
}

static int stop_at_first(void *ctx, size_t from, size_t to, int nsyl,
                         int kind) {
  (void)ctx, (void)from, (void)to, (void)nsyl, (void)kind;
  return 7;
}

static void test_odd_input(void) {
  seg_lex *lex = lex_of("# total\t1000\nhọc sinh\t100\nhọc\t50\nsinh\t20\n");
  CHECK(seg_words(lex, "", 0, collect, NULL) == 0);
  CHECK(spans_ok(lex, "\xcc\x81", 2));
  CHECK(spans_ok(lex, "a \xcc\x81 b\xcc\x81 c", 10));
  CHECK(spans_ok(lex, "\xff\xfe học\xff sinh \xc3", 16));
  CHECK(spans_ok(lex, "học\0sinh học sinh\0", 21));
  CHECK(spans_ok(lex, "học sinh, 57,7% ... x-y/z 5.", 30));
  /* a long line: linear, complete, the same twice */
  size_t reps = 200000, unit = strlen("học sinh "), n = reps * unit;
  char *big = malloc(n + 1);
  for (size_t i = 0; i < reps; i++) memcpy(big + i * unit, "học sinh ", unit);
  big[n] = '\0';
  size_t c1 = 0, c2 = 0;
  seg_words(lex, big, n, count_words, &c1);
  seg_words(lex, big, n, count_words, &c2);
  CHECK(c1 == reps && c2 == c1);
  free(big);
  /* a callback can stop the run: its value comes back */
  CHECK(seg_words(lex, "học sinh học", strlen("học sinh học"), stop_at_first,
                  NULL) == 7);
  seg_lex_free(lex);
}

static void test_key(void) {
  char k[64];
  CHECK(seg_key("Phát  Triển", strlen("Phát  Triển"), k, sizeof k) ==
        strlen("phát triển"));
  CHECK_STR(k, "phát triển");
  CHECK(seg_key("Pha\xcc\x81t", 6, k, sizeof k) == strlen("phát"));
  CHECK_STR(k, "phát");
  CHECK(seg_key("...", 3, k, sizeof k) == 0);
  CHECK(seg_key("a b c d e", 9, k, sizeof k) == 0);
  CHECK(seg_key("phát triển", strlen("phát triển"), k, 5) == 0);
}

static void test_bundled(void) {
  const seg_lex *lex = seg_lex_default();
  CHECK(lex != NULL);
  if (!lex) return;
  CHECK_STR(seg(lex, "phát triển kinh tế")->out, "phát_triển|kinh_tế");
  CHECK_STR(seg(lex, "đồng chí Nguyễn Xuân Ký")->out,
            "đồng_chí|Nguyễn_Xuân_Ký");
  CHECK(seg_lex_default() == lex);
}

int main(void) {
  snprintf(dir, sizeof dir, "/tmp/tinsh-segXXXXXX");
  if (!mkdtemp(dir)) return perror("mkdtemp"), 1;
  test_probabilities_decide();
  test_names_places_figures();
  test_user_overlay();
  test_odd_input();
  test_key();
  test_bundled();
  char cmd[128];
  snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
  if (system(cmd) != 0) perror("rm");
  return check_done();
}
