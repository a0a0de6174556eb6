/*
** cmd.h — the tinsh subcommands (tinsh parse|ingest|search|sql|run ...).
** Each takes the arguments after the subcommand name (argv[0] is the
** subcommand itself) and returns the process exit status.
*/
#ifndef TINSH_CMD_H
#define TINSH_CMD_H

#include <stdint.h>

extern const char *cmd_db_option; /* --db PATH from the command line, or NULL */
extern const char *cmd_progname;  /* argv[0] of the process */

int cmd_parse(int argc, char **argv);  /* cmd_parse.c */
int cmd_ingest(int argc, char **argv); /* cmd_store.c */
int cmd_search(int argc, char **argv); /* cmd_store.c */
int cmd_sql(int argc, char **argv);    /* cmd_store.c */

/* a size such as 64M, 512K, 2G or 1000 (bytes) > 0, or -1 (main.c) */
int64_t cmd_size_arg(const char *s);

/* print "tinsh: <what>: <why>" to stderr */
void cmd_error(const char *what, const char *why);

#endif
