/* cmd_store.c — placeholder until the store engineer's version lands. */
#include "cmd.h"

static int pending(const char *what) {
  cmd_error(what, "not built yet");
  return 1;
}
int cmd_ingest(int argc, char **argv) { (void)argc; return pending(argv[0]); }
int cmd_search(int argc, char **argv) { (void)argc; return pending(argv[0]); }
int cmd_sql(int argc, char **argv) { (void)argc; return pending(argv[0]); }
