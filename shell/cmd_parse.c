/* cmd_parse.c — placeholder until the parser engineer's version lands. */
#include "cmd.h"

int cmd_parse(int argc, char **argv) {
  (void)argc, (void)argv;
  cmd_error("parse", "not built yet");
  return 1;
}
