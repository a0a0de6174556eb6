/*
** leximg.c — the build's lexicon image maker: `tinsh_leximg DATA_DIR OUT`
** writes the binary image of DATA_DIR's lexicon to OUT (see
** seg_lex_save_image in shell/segment.h); `tinsh_leximg --lists DATA_DIR
** OUT` writes the image of the extractors' word lists (lexicon.h,
** lexicon_save_image). The data folder's text files stay the source of
** truth; the images are only a faster way to load them.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lexicon.h"
#include "segment.h"

int main(int argc, char **argv) {
  int lists = argc == 4 && strcmp(argv[1], "--lists") == 0;
  if (argc != 3 && !lists) {
    fprintf(stderr, "usage: tinsh_leximg [--lists] DATA_DIR OUT\n");
    return 2;
  }
  const char *dir = argv[1 + lists], *out = argv[2 + lists];
  int rc;
  if (lists) {
    setenv("TINSH_DATA", dir, 1);
    setenv("TINSH_LEXDATA_IMAGE", "", 1); /* read the text files */
    rc = lexicon_save_image(out);
  } else {
    rc = seg_lex_save_image(dir, out);
  }
  if (rc != 0) {
    fprintf(stderr, "tinsh_leximg: %s: cannot write the image\n", out);
    return 1;
  }
  return 0;
}
