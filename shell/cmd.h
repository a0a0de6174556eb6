/*
** cmd.h — the tinsh subcommands' handlers (tinsh parse|ingest|search|sql|
** run, and the Lua interpreter) and the helpers they share (cmd_util.c).
**
** cli.c reads a subcommand's words with getopt_long, as its row in the
** command table declares (cli.h), into a cmd_args and calls the handler;
** a handler reads the options it declared and its operands, does the work
** and returns the process exit status.
*/
#ifndef TINSH_CMD_H
#define TINSH_CMD_H

#include <stdint.h>

/* one option given on the command line */
typedef struct cmd_opt {
  int key;          /* the key its row declares (struct option's val) */
  const char *name; /* its long name, without "--" (for messages) */
  const char *val;  /* its value, or NULL when it takes none */
} cmd_opt;

/* a subcommand's words, read by cli.c */
typedef struct cmd_args {
  const char *cmd;    /* the subcommand ("ingest") */
  const char *db;     /* the global --db PATH, or NULL (the default) */
  int nopt;           /* options given, in command-line order */
  const cmd_opt *opt; /* opt[0 .. nopt) */
  int argc;           /* operands, in order (rows marked CLI_RAW: every */
  char **argv;        /* word, argv[0] being the subcommand or program) */
  int rest;           /* operands from argv[rest] on came after "--" */
} cmd_args;

typedef int (*cmd_handler)(const cmd_args *a);

int cmd_parse(const cmd_args *a);   /* cmd_parse.c */
int cmd_ingest(const cmd_args *a);  /* cmd_store.c */
int cmd_search(const cmd_args *a);  /* cmd_store.c */
int cmd_sql(const cmd_args *a);     /* cmd_store.c */
int cmd_run(const cmd_args *a);     /* lua_run.c (CLI_RAW) */
int cmd_segment(const cmd_args *a); /* cmd_segment.c */
int cmd_query(const cmd_args *a);   /* cmd_query.c */
int cmd_lua(const cmd_args *a);     /* lua_interp.c: lua5.4's command line */

/* a size such as 64M, 512K, 2G or 1000 (bytes) > 0, or -1 */
int64_t cmd_size_arg(const char *s);
/* a whole number 0 .. INT_MAX, or -1 */
int cmd_int_arg(const char *s);

/* print "tinsh: <what>: <why>" (or "tinsh: <what>") to stderr */
void cmd_error(const char *what, const char *why);
/* print "tinsh: --NAME: <why> (see tinsh CMD --help)"; returns 2, the
** status of a usage error */
int cmd_bad_option(const cmd_args *a, const cmd_opt *o, const char *why);

#endif
