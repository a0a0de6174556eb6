/*
** leximg.c — the build's lexicon image maker: `tinsh_leximg DATA_DIR OUT`
** writes the binary image of DATA_DIR's lexicon to OUT (see
** seg_lex_save_image in shell/segment.h). The data folder's text files
** stay the source of truth; the image is only a faster way to load them.
*/
#include <stdio.h>

#include "segment.h"

int main(int argc, char **argv) {
  if (argc != 3) {
    fprintf(stderr, "usage: tinsh_leximg DATA_DIR OUT\n");
    return 2;
  }
  if (seg_lex_save_image(argv[1], argv[2]) != 0) {
    fprintf(stderr, "tinsh_leximg: %s: cannot write the image\n", argv[2]);
    return 1;
  }
  return 0;
}
