/*
** cli.h — tinsh's command table: each subcommand's name, handler, usage,
** help and getopt_long options in one row (cli.c). `tinsh --help`,
** `tinsh CMD --help` and the usage errors are generated from it, and
** cli_run reads a subcommand's words into a cmd_args for its handler.
**
** Adding a subcommand `tinsh foo` is one row plus its handler:
**   1. write `int cmd_foo(const cmd_args *a)` in a cmd_*.c file (declare
**      it in cmd.h): it reads a->opt (the keys its options declare),
**      a->argv (the operands) and a->db (--db), and returns the exit
**      status; cmd_bad_option reports a bad option value;
**   2. add to cli.c a `static const cli_option foo_opts[]` (each: getopt's
**      struct option {long name, has_arg, NULL, key}, whether -KEY works
**      too, the value's name for the help or NULL, its help; ended by
**      {{0}}) and a row
**      {"foo", cmd_foo, "FILE...", "one line of help", "more help lines
**      or NULL", foo_opts, min_operands, flags} to `commands`.
** --help is added to every subcommand; the keys 'h' and 1 are taken; at
** most 22 options a subcommand. An option whose help is NULL works but
** is not listed.
*/
#ifndef TINSH_CLI_H
#define TINSH_CLI_H

#include <getopt.h>

#include "cmd.h"

/* one option of a subcommand */
typedef struct cli_option {
  struct option o;  /* for getopt_long; o.val is the key cmd_opt carries */
  int short_too;    /* -KEY works too (o.val is then a letter) */
  const char *arg;  /* the value's name in the help ("N"), or NULL */
  const char *help; /* its help (lines), or NULL: not listed */
} cli_option;

enum {
  CLI_RAW = 1,    /* the handler reads its words itself (no getopt) */
  CLI_LUA = 2,    /* runs Lua scripts: --sandbox and --out apply */
  CLI_NO_DB = 4,  /* opens no database: --db is refused */
  CLI_DASH_H = 8, /* -h works as --help too */
};

/* one subcommand: a row of the command table */
typedef struct cli_command {
  const char *name;       /* NULL: the Lua interpreter (no subcommand) */
  cmd_handler run;        /* the handler */
  const char *usage;      /* what follows "tinsh NAME" ("PATH...") */
  const char *help;       /* one line for `tinsh --help` */
  const char *more;       /* more lines for `tinsh NAME --help`, or NULL */
  const cli_option *opts; /* ended by {{0}}; NULL: none (but --help) */
  int min_operands;       /* fewer: the usage on stderr, status 2 */
  int flags;              /* CLI_* */
} cli_command;

/* The row named word, or NULL (cli_find: also NULL when a regular file
** of that name is in the current folder: lua5.4 would run it, and so
** does tinsh; `./parse` always means the file). */
const cli_command *cli_row(const char *word);
const cli_command *cli_find(const char *word);
/* the Lua interpreter's row: tinsh [lua options] [script [args]] */
const cli_command *cli_lua(void);

/* the global options (main.c reads them: --db PATH, --sandbox, --out
** DIR, keys 'd', 's', 'o'; then --help 'h' and --version 'V') */
extern const cli_option cli_globals[];

/* `tinsh --help` to stdout: every row and the global options */
void cli_help(void);

/*
** Run subcommand c on its words (argv[0] is the subcommand; for the Lua
** interpreter's row, the program): read them per c's options (an unknown
** option or a missing value is a one-line error naming it and pointing at
** `tinsh NAME --help`, status 2; --help prints the help) and call the
** handler. Returns the exit status.
*/
int cli_run(const cli_command *c, int argc, char **argv);

#endif
