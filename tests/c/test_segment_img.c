/*
** test_segment_img.c — the lexicon's binary image (segment_img.c).
**
** Test plan: in a scratch data folder of our own, write a lexicon's image
** and check that
**   - seg_lex_load maps it (no text parsing) and the mapped lexicon holds
**     exactly the entries, flags, probabilities and constants of the one
**     read from the text files, and segments a text the same way;
**   - changing a data file (one count), truncating the image or naming
**     no image makes seg_lex_load read the text files again;
**   - a mapped lexicon can still be taught (seg_lex_add copies its table)
**     and serve as an overlay's base;
**   - the build's image of data/ is used for the bundled lexicon and
**     equals the text files' lexicon, also as the process's default
**     lexicon (whose filter maps the image's pages).
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "check.h"
#include "segment.h"
#include "segment_int.h"

static char dir[64], img[128];

static void write_words(const char *words) {
  char sub[128];
  snprintf(sub, sizeof sub, "%s/words", dir);
  mkdir(sub, 0700);
  check_write_file(dir, "words/words.txt", words);
}

/* Words of s as "w1|w_2|..." with their kinds, into out. */
typedef struct got {
  char out[2048];
  const char *text;
} got;

static int collect(void *ctx, size_t from, size_t to, int nsyl, int kind) {
  got *g = ctx;
  size_t l = strlen(g->out);
  snprintf(g->out + l, sizeof g->out - l, "%.*s/%d/%d|", (int)(to - from),
           g->text + from, nsyl, kind);
  return 0;
}

static void seg(const seg_lex *lex, const char *s, got *g) {
  memset(g, 0, sizeof *g);
  g->text = s;
  seg_words(lex, s, strlen(s), collect, g);
}

static const char *sample =
    "Học sinh học sinh học ở Hạ Long. Nguyễn Văn Thắng Phó Chủ tịch "
    "phát triển kinh tế, tăng 57,7% (20-NQ/TU) Donald Trump nói.";

/* seg_lex_load's lexicon is the text files' one, mapped or not. */
static void check_same(int mapped) {
  int n1 = 0, n2 = 0;
  seg_lex *a = seg_lex_load(dir, &n1);
  seg_lex *b = seg_lex_load_text(dir, &n2, NULL);
  CHECK((a->map != NULL) == mapped);
  CHECK(b->map == NULL);
  CHECK(n1 == n2);
  CHECK(seg_lex_same(a, b) && seg_lex_same(b, a));
  got ga, gb;
  seg(a, sample, &ga), seg(b, sample, &gb);
  CHECK_STR(ga.out, gb.out);
  seg_lex_free(a);
  seg_lex_free(b);
}

static void test_image(void) {
  write_words(
      "# total\t1000\nhọc sinh\t30\nsinh học\t20\nhọc\t50\n"
      "sinh\t40\nphát triển\t9\nkinh tế\t9\n");
  check_write_file(dir, "surnames.txt", "Nguyễn\n");
  check_write_file(dir, "titles.txt", "Phó Chủ tịch\n");
  check_write_file(dir, "gazetteer.tsv", "Hạ Long\tcity\tHalong\n");
  CHECK(seg_lex_save_image(dir, img) == 0);
  setenv("TINSH_LEXICON_IMAGE", img, 1);
  check_same(1);
  write_words(
      "# total\t1000\nhọc sinh\t10\nsinh học\t20\nhọc\t50\n"
      "sinh\t40\nphát triển\t9\nkinh tế\t9\n");
  check_same(0); /* a count changed: the image is stale */
  CHECK(seg_lex_save_image(dir, img) == 0);
  check_same(1);
  CHECK(truncate(img, 4096) == 0);
  check_same(0);
  CHECK(seg_lex_save_image(dir, img) == 0);
  setenv("TINSH_LEXICON_IMAGE", "", 1);
  check_same(0);
  setenv("TINSH_LEXICON_IMAGE", img, 1);
}

/* A mapped lexicon taught a word, and an overlay on one. */
static void test_teach(void) {
  seg_lex *a = seg_lex_load(dir, NULL);
  CHECK(a->map != NULL);
  seg_lex *o = seg_lex_overlay(a);
  CHECK(seg_lex_add(o, "kinh tế phát triển", strlen("kinh tế phát triển")) ==
        0);
  got g;
  seg(o, "kinh tế phát triển", &g);
  CHECK_STR(g.out, "kinh tế phát triển/4/6|");
  seg_lex_free(o);
  CHECK(seg_lex_add(a, "sinh học ở", strlen("sinh học ở")) == 0);
  CHECK(a->map == NULL);
  seg(a, "sinh học ở", &g);
  CHECK_STR(g.out, "sinh học ở/3/6|");
  seg(a, "học sinh", &g);
  CHECK_STR(g.out, "học sinh/2/0|");
  seg_lex_free(a);
}

/* The bundled lexicon from the build's image equals data/'s text. */
static void test_bundled(void) {
  unsetenv("TINSH_LEXICON_IMAGE");
  seg_lex *a = seg_lex_load(NULL, NULL);
  seg_lex *b = seg_lex_load_text(NULL, NULL, NULL);
  CHECK(a->map != NULL);
  CHECK(seg_lex_same(a, b) && seg_lex_same(b, a));
  const seg_lex *d = seg_lex_default(); /* its filter: the image's pages */
  CHECK(d->map != NULL);
  CHECK(seg_lex_same(d, b) && seg_lex_same(b, d));
  seg_lex_free(a);
  seg_lex_free(b);
}

int main(void) {
  printf("test_segment_img: binary lexicon image\n");
  snprintf(dir, sizeof dir, "/tmp/tinsh-segimg-XXXXXX");
  if (!mkdtemp(dir)) return 1;
  snprintf(img, sizeof img, "%s/lexicon.img", dir);
  unsetenv("TINSH_DATA");
  test_image();
  test_teach();
  test_bundled();
  char cmd[256];
  snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
  if (system(cmd) != 0) return 1;
  return check_done();
}
