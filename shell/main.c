/*
** main.c — the tinsh command line: read the global options, pick the
** subcommand's row in the command table (cli.c) and run it.
**
** tinsh is a superset of the stock lua5.4 interpreter: every command line
** lua5.4 accepts behaves the same (lua_interp.c). On top of that come the
** corpus subcommands (parse, ingest, search, sql, run) and the global
** options --db, --sandbox, --out, --help and --version, taken here.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "lua_host.h"

/*
** The global option word a names (--sandbox, --db PATH, --db=PATH, --out
** DIR, --out=DIR: cli_globals' keys 's', 'd', 'o'), or NULL; *eq points
** at the value after '=' when it is attached, else NULL.
*/
static const cli_option *global_named(const char *a, const char **eq) {
  if (strncmp(a, "--", 2) != 0) return NULL;
  for (const cli_option *p = cli_globals; p->o.name; p++) {
    size_t n = strlen(p->o.name);
    if (strchr("sdo", p->o.val) == NULL || strncmp(a + 2, p->o.name, n))
      continue;
    *eq = p->o.has_arg && a[2 + n] == '=' ? a + 3 + n : NULL;
    if (a[2 + n] == '\0' || *eq) return p;
  }
  return NULL;
}

/*
** One global option at argv[*i] (--sandbox; unless only_sandbox, also
** --db and --out with their value) taken. Returns 1 when taken, 0 when it
** is not one, -1 when a value is missing.
*/
static int take_global(int argc, char **argv, int *i, int only_sandbox) {
  const char *a = argv[*i], *val;
  const cli_option *p = global_named(a, &val);
  if (!p || (only_sandbox && p->o.val != 's')) return 0;
  if (p->o.val == 's') return host_sandbox = 1;
  if (!val && *i + 1 >= argc) {
    fprintf(stderr, "tinsh: '%s' needs argument\nTry 'tinsh --help'.\n", a);
    return -1;
  }
  if (!val) val = argv[++*i];
  *(p->o.val == 'd' ? &host_db_option : &host_outdir) = val;
  return 1;
}

/* a subcommand whose words hold no script's: globals may follow it */
static int is_plain_subcommand(const char *w) {
  const cli_command *c = cli_row(w);
  return c && !(c->flags & CLI_RAW);
}

/*
** Take tinsh's own options out of argv: --help and --version in front;
** --sandbox anywhere before a literal "--" (a sandbox asked for is never
** ignored: `tinsh x.lua --sandbox`, `tinsh run x --sandbox`); --db and
** --out before the script or `run NAME` (after them, the words are the
** script's own: report scripts take --out FILE), and anywhere after
** parse, ingest, search and sql (before a literal "--"). Never the value
** of -e or -l. Returns -1 on a usage error, 1 when the command is done
** (help, version), 0 to go on.
*/
static int take_long_options(int *argc, char **argv) {
  int out = 1, lead = 1, rest = 0, script = 0, plain = 0;
  for (int i = 1; i < *argc; i++) {
    const char *a = argv[i];
    int took = rest ? 0 : take_global(*argc, argv, &i, script);
    if (took < 0) return -1;
    if (took) continue;
    if (lead && !rest && strcmp(a, "--help") == 0) return cli_help(), 1;
    if (lead && !rest && strcmp(a, "--version") == 0)
      return host_print_version(), 1;
    if (strcmp(a, "--") == 0) rest = 1;
    if (!rest && !script && lead && is_plain_subcommand(a))
      plain = 1; /* globals still apply after it and its operands */
    else if (!rest && !plain && (a[0] != '-' || a[1] == '\0'))
      script = 1; /* a script, "-" (stdin) or `run` */
    lead = 0;
    argv[out++] = argv[i];
    if (!rest && !plain && (!strcmp(a, "-e") || !strcmp(a, "-l")) &&
        i + 1 < *argc)
      argv[out++] = argv[++i]; /* a value, never an option of ours */
  }
  argv[out] = NULL;
  *argc = out;
  return 0;
}

/*
** Refuse global options that cannot apply (never ignore them): --out
** without --sandbox or empty, --sandbox for a subcommand that runs no Lua,
** --db for one that opens no database. Returns 0, or the exit status.
*/
static int check_globals(const cli_command *c) {
  char why[160] = "";
  if (host_outdir && !*host_outdir)
    snprintf(why, sizeof why,
             "--out: empty folder name (give the output "
             "folder)");
  else if (host_outdir && !host_sandbox)
    snprintf(why, sizeof why,
             "--out: only with --sandbox (the folder a "
             "sandboxed script writes)");
  else if (c && !(c->flags & CLI_LUA) && host_sandbox)
    snprintf(why, sizeof why,
             "--sandbox: applies to Lua scripts (tinsh "
             "run, tinsh FILE.lua, the REPL), not to this "
             "subcommand");
  else if (c && (c->flags & CLI_NO_DB) && host_db_option)
    snprintf(why, sizeof why, "--db: 'tinsh %s' uses no database", c->name);
  if (!*why) return 0;
  if (c)
    fprintf(stderr, "tinsh: %s: %s\n", c->name, why);
  else
    fprintf(stderr, "tinsh: %s\n", why);
  return 2;
}

int main(int argc, char **argv) {
  if (argv[0] && argv[0][0]) host_progname = argv[0];
  int r = take_long_options(&argc, argv);
  if (r != 0) return r < 0 ? EXIT_FAILURE : EXIT_SUCCESS;
  const cli_command *c = argc > 1 ? cli_find(argv[1]) : NULL;
  if ((r = check_globals(c)) != 0) return r;
  if (c) return cli_run(c, argc - 1, argv + 1);
  return cli_run(cli_lua(), argc, argv);
}
