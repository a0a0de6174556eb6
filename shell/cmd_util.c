/*
** cmd_util.c — what the subcommands share: one-line errors and the
** parsing of option values (sizes, counts). Below every cmd_*.c and
** cli.c; calls nothing of theirs.
*/
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "width.h"

/* The message's parts may hold a file name, which may hold any byte: its
** control characters are written as visible escapes (red team 5). */
void cmd_error(const char *what, const char *why) {
  fputs("tinsh: ", stderr);
  width_put_visible(what, strlen(what), stderr, 0);
  if (why) {
    fputs(": ", stderr);
    width_put_visible(why, strlen(why), stderr, 0);
  }
  fputc('\n', stderr);
  fflush(stderr);
}

int cmd_bad_option(const cmd_args *a, const cmd_opt *o, const char *why) {
  fprintf(stderr, "tinsh: --%s: %s (see tinsh %s --help)\n", o->name, why,
          a->cmd);
  fflush(stderr);
  return 2;
}

/* the shift of a size suffix K, M or G (either case), 0 for none */
static int size_shift(const char **end) {
  int shift = 0;
  switch (**end) {
    case 'K':
    case 'k':
      shift = 10;
      break;
    case 'M':
    case 'm':
      shift = 20;
      break;
    case 'G':
    case 'g':
      shift = 30;
      break;
    default:
      return 0;
  }
  ++*end;
  return shift;
}

int64_t cmd_size_arg(const char *s) {
  char *end;
  errno = 0;
  long long n = strtoll(s, &end, 10);
  if (errno || end == s || n <= 0) return -1;
  const char *p = end;
  int shift = size_shift(&p);
  if (*p == 'B' || *p == 'b') p++;
  if (*p || n > (INT64_MAX >> shift)) return -1;
  return (int64_t)n << shift;
}

int cmd_int_arg(const char *s) {
  char *end;
  errno = 0;
  long v = strtol(s, &end, 10);
  if (errno || !*s || *end || v < 0 || v > INT_MAX) return -1;
  return (int)v;
}
