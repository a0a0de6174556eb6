/*
** test_segment_img_swap.c — writing a lexicon image over one that a
** process has mapped (the build remaking build/lexicon.img while a tinsh
** runs) must not cut the file under the mapping.
**
** Test plan: in a scratch folder, write the image of a large data folder
** (two thousand words), map it with seg_lex_load, then write the image of
** a one-word data folder to the same path. The mapped lexicon must still
** read whole (every slot: seg_lex_same against the text files' lexicon)
** and segment as before; before the fix (the image rewritten in place,
** truncated first) reading its slots past the new end raised SIGBUS. The
** path then holds the new image: a load maps it and finds the one word.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "check.h"
#include "segment.h"
#include "segment_int.h"
#include "util.h"

static char big[64], small[64], img[128];

/* A data folder d with words/words.txt holding text. */
static void data_dir(char *d, const char *text) {
  char sub[128];
  snprintf(sub, sizeof sub, "%s/words", d);
  mkdir(sub, 0700);
  check_write_file(d, "words/words.txt", text);
}

/* Syllable i of the big folder's words: letters only ("qaab"). */
static const char *syl(int i, char c, char *out) {
  out[0] = c;
  for (int k = 1; k <= 3; k++, i /= 26) out[k] = (char)('a' + i % 26);
  out[4] = '\0';
  return out;
}

static int count_words(void *ctx, size_t from, size_t to, int nsyl, int kind) {
  (void)from, (void)to, (void)kind;
  *(int *)ctx += nsyl >= 2;
  return 0;
}

int main(void) {
  printf("test_segment_img_swap: an image rewritten under its mapping\n");
  snprintf(big, sizeof big, "/tmp/tinsh-imgswap-a-%d", (int)getpid());
  snprintf(small, sizeof small, "/tmp/tinsh-imgswap-b-%d", (int)getpid());
  mkdir(big, 0700), mkdir(small, 0700);
  buf w;
  buf_init(&w);
  buf_adds(&w, "# total\t1000000\n");
  char a[8], b[8];
  for (int i = 0; i < 2000; i++)
    buf_printf(&w, "%s %s\t5\n", syl(i, 'q', a), syl(i, 'v', b));
  buf_adds(&w, "học sinh\t50\n");
  data_dir(big, w.data);
  data_dir(small, "# total\t100\nxin chào\t5\n");
  buf_free(&w);
  snprintf(img, sizeof img, "%s/lex.img", big);
  setenv("TINSH_LEXICON_IMAGE", img, 1);
  CHECK(seg_lex_save_image(big, img) == 0);
  seg_lex *mapped = seg_lex_load(big, NULL);
  CHECK(mapped && mapped->map != NULL);
  CHECK(seg_lex_save_image(small, img) == 0); /* over the mapped one */
  seg_lex *text = seg_lex_load_text(big, NULL, NULL);
  CHECK(mapped && text && seg_lex_same(mapped, text)); /* every slot */
  int n = 0;
  char s[64];
  snprintf(s, sizeof s, "học sinh %s %s", syl(1999, 'q', a), syl(1999, 'v', b));
  seg_words(mapped, s, strlen(s), count_words, &n);
  CHECK(n == 2);
  seg_lex *now = seg_lex_load(small, NULL); /* the path's new image */
  CHECK(now && now->map != NULL && seg_lex_size(now) == 2);
  seg_lex_free(mapped), seg_lex_free(text), seg_lex_free(now);
  char cmd[256];
  snprintf(cmd, sizeof cmd, "rm -rf %s %s", big, small);
  CHECK(system(cmd) == 0);
  return check_done();
}
