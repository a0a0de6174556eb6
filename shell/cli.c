/*
** cli.c — the command table and what is generated from it: `tinsh
** --help`, `tinsh CMD --help`, the one-line usage errors, and the reading
** of a subcommand's words with getopt_long into a cmd_args for its
** handler (cmd.h). main.c reads the global options and picks the row;
** the handlers do the work. How to add a subcommand: cli.h.
*/
#include "cli.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "lua_host.h"
#include "util.h"

#define CLI_MAXOPT 24 /* getopt rows: 22 options, --help, the end */

/* ---- the table ---- */

const cli_option cli_globals[] = {
    {{"db", required_argument, NULL, 'd'},
     0,
     "PATH",
     "corpus database (default: $TINSH_DB, else ./tinsh.db,\n"
     "else the bundled example corpus)"},
    {{"sandbox", no_argument, NULL, 's'},
     0,
     NULL,
     "run an untrusted script: no os.execute/io.popen, no\n"
     "bytecode, writes only under --out DIR (default ./out),\n"
     "read-only database, instruction and memory limits"},
    {{"out", required_argument, NULL, 'o'},
     0,
     "DIR",
     "output folder for sandboxed scripts"},
    {{"help", no_argument, NULL, 'h'},
     0,
     NULL,
     "this text ('tinsh CMD --help': a subcommand's)"},
    {{"version", no_argument, NULL, 'V'}, 0, NULL, "version information"},
    {{0}, 0, NULL, NULL},
};

static const cli_option parse_opts[] = {
    {{"pretty", no_argument, NULL, 'p'}, 0, NULL, "indented JSON"},
    {{"text", no_argument, NULL, 't'},
     0,
     NULL,
     "blocks as readable \"kind: text\" lines"},
    {{"no-facts", no_argument, NULL, 'n'},
     0,
     NULL,
     "structure only (skip fact extraction)"},
    {{"max-file-size", required_argument, NULL, 'm'},
     0,
     "N",
     "skip larger inputs (default 64M; K, M, G)"},
    {{0}, 0, NULL, NULL},
};

static const cli_option ingest_opts[] = {
    {{"prune", no_argument, NULL, 'p'},
     0,
     NULL,
     "remove documents whose files are gone"},
    {{"reparse", no_argument, NULL, 'r'},
     0,
     NULL,
     "re-derive every document from its stored text"},
    {{"wait", no_argument, NULL, 'w'},
     0,
     NULL,
     "wait for another running ingest instead of refusing"},
    {{"threads", required_argument, NULL, 't'},
     0,
     "N",
     "parser threads (default: cores - 1, at least 1)"},
    {{"quiet", no_argument, NULL, 'q'},
     1,
     NULL,
     "no progress display (and no counting walk first)"},
    {{"max-file-size", required_argument, NULL, 'm'},
     0,
     "N",
     "skip larger files (default 64M; K, M, G)"},
    /* files per transaction: for tests, not listed */
    {{"batch", required_argument, NULL, 'b'}, 0, "N", NULL},
    {{0}, 0, NULL, NULL},
};

static const cli_option search_opts[] = {
    {{"limit", required_argument, NULL, 'l'},
     0,
     "N",
     "hits to show (default 20)"},
    {{"offset", required_argument, NULL, 'o'}, 0, "N", "hits to skip"},
    {{"json", no_argument, NULL, 'j'}, 0, NULL, "one JSON object per hit"},
    {{"match", no_argument, NULL, 'm'},
     0,
     NULL,
     "QUERY is raw FTS5 MATCH syntax (AND/OR/NOT, NEAR,\n"
     "column filters: title: lead: body: captions: answers:)"},
    {{"count", no_argument, NULL, 'c'},
     0,
     NULL,
     "print the number of matching documents only"},
    {{"and", no_argument, NULL, 'a'},
     0,
     NULL,
     "rank by bm25 only (by default documents with the words\n"
     "side by side, in query order, rank higher)"},
    {{0}, 0, NULL, NULL},
};

static const cli_option sql_opts[] = {
    {{"csv", no_argument, NULL, 'c'}, 0, NULL, "CSV with a header line"},
    {{"json", no_argument, NULL, 'j'}, 0, NULL, "one JSON object per row"},
    {{0}, 0, NULL, NULL},
};

static const cli_option segment_opts[] = {
    {{"json", no_argument, NULL, 'j'},
     0,
     NULL,
     "one JSON object per line: its words with byte offsets"},
    {{0}, 0, NULL, NULL},
};

static const cli_option query_opts[] = {
    {{"limit", required_argument, NULL, 'l'}, 0, "N", "matches to show"},
    {{"json", no_argument, NULL, 'j'}, 0, NULL, "one JSON object per match"},
    {{"explain", no_argument, NULL, 'x'},
     0,
     NULL,
     "say on stderr how candidates and positions were found"},
    {{"no-index", no_argument, NULL, 'N'},
     0,
     NULL,
     "no vocabulary prefilter, no position maps (to compare)"},
    {{0}, 0, NULL, NULL},
};

/* every subcommand; the last row is the Lua interpreter (no name) */
static const cli_command commands[] = {
    {"parse", cmd_parse, "FILE...",
     "print each parsed document as one JSON line",
     "FILE - reads standard input.", parse_opts, 1, CLI_NO_DB | CLI_DASH_H},
    {"ingest", cmd_ingest, "PATH...",
     "parse + index files/folders into the corpus",
     "Parse and index files and folders (.txt, .md, .json, .jsonl)\n"
     "into the corpus database (default: $TINSH_DB, else ./tinsh.db).",
     ingest_opts, 0, CLI_DASH_H},
    {"search", cmd_search, "QUERY", "ranked hits with snippets",
     "Ranked hits with snippets. Words without diacritics match every\n"
     "accented form; \"quoted words\" are phrases; word* is a prefix.\n"
     "Exit status: 0 hits found, 1 none, 2 error.",
     search_opts, 0, 0},
    {"sql", cmd_sql, "\"SELECT ...\"", "read-only SQL over the corpus",
     "Read-only SQL over the corpus database (tables: docs/schema.md),\n"
     "printed as an aligned table, CSV, or one JSON object per row.",
     sql_opts, 0, 0},
    {"run", cmd_run, "NAME|FILE [ARGS]",
     "run a report script (tinsh run --list)",
     "A path, else NAME.lua in your scripts ($TINSH_SCRIPTS_USER, else\n"
     "~/.config/tinsh/scripts), else a bundled script.\n"
     "tinsh run --list lists them; tinsh run NAME --help shows one's help.",
     NULL, 0, CLI_RAW | CLI_LUA},
    {"segment", cmd_segment, "[FILE|-]...",
     "each line with its words' syllables joined by '_'",
     "Vietnamese word segmentation (docs/words.md): every input line comes\n"
     "out with the syllables of each word joined by '_' (Chính_phủ\n"
     "Việt_Nam), every other byte kept. No FILE or - reads standard input.",
     segment_opts, 0, CLI_NO_DB},
    {"query", cmd_query, "PATTERN",
     "pattern matches in context (docs/query.md)",
     "Every match of a token pattern: \"phát triển\", [word = /re/],\n"
     "[figure unit = \"tỷ đồng\"], repetition, within answer, :: year >= "
     "2020.\n"
     "Exit status: 0 matches found, 1 none, 2 error.",
     query_opts, 0, 0},
    {NULL, cmd_lua, "[lua options] [script [args]]",
     "run Lua, exactly as lua5.4", NULL, NULL, 0, CLI_RAW | CLI_LUA},
};
#define NCOMMANDS (sizeof commands / sizeof *commands)

const cli_command *cli_row(const char *word) {
  for (size_t i = 0; i + 1 < NCOMMANDS; i++)
    if (strcmp(word, commands[i].name) == 0) return &commands[i];
  return NULL;
}

const cli_command *cli_find(const char *word) {
  struct stat st;
  const cli_command *c = cli_row(word);
  return c && stat(word, &st) == 0 && S_ISREG(st.st_mode) ? NULL : c;
}

const cli_command *cli_lua(void) {
  return &commands[NCOMMANDS - 1];
}

/* ---- help, generated from the table ---- */

/* text, its lines after the first indented by indent columns */
static void put_lines(FILE *f, const char *text, int indent) {
  for (const char *p = text; *p; p++) {
    fputc(*p, f);
    if (*p == '\n') fprintf(f, "%*s", indent, "");
  }
  fputc('\n', f);
}

/* one option's help line: "  -q, --quiet    no progress ..." */
static void put_option(FILE *f, const cli_option *p, int dash_h) {
  char left[64];
  int letter = p->short_too || (dash_h && p->o.val == 'h'), n = 0;
  if (letter) n = snprintf(left, sizeof left, "-%c, ", p->o.val);
  snprintf(left + n, sizeof left - (size_t)n, "--%s%s%s", p->o.name,
           p->arg ? " " : "", p->arg ? p->arg : "");
  fprintf(f, "  %-18s ", left);
  put_lines(f, p->help, 21);
}

/* "tinsh [--db PATH] [--sandbox [--out DIR]] NAME" as c's usage starts */
static void put_usage(FILE *f, const cli_command *c) {
  fprintf(f, "usage: tinsh %s%s%s %s%s\n",
          c->flags & CLI_NO_DB ? "" : "[--db PATH] ",
          c->flags & CLI_LUA ? "[--sandbox [--out DIR]] " : "", c->name,
          c->opts ? "[options] " : "", c->usage);
}

/* `tinsh NAME --help`: usage, more lines, every listed option, --help */
static void command_help(const cli_command *c, FILE *f) {
  static const cli_option help = {
      {"help", no_argument, NULL, 'h'}, 0, NULL, "this text"};
  put_usage(f, c);
  if (c->more) fputs("  ", f), put_lines(f, c->more, 2);
  for (const cli_option *p = c->opts; p && p->o.name; p++)
    if (p->help) put_option(f, p, 0);
  put_option(f, &help, c->flags & CLI_DASH_H);
  fflush(f);
}

/* one row in `tinsh --help`: "  tinsh NAME USAGE      help" */
static void put_row(const cli_command *c) {
  char left[128];
  snprintf(left, sizeof left, "tinsh %s%s%s", c->name ? c->name : "",
           c->name ? " " : "", c->usage);
  printf("  %-28s %s%s\n", left, strlen(left) < 28 ? "" : " ", c->help);
}

void cli_help(void) {
  printf(
      "tinsh %s — a Lua-scriptable query shell for news-article corpora\n"
      "\nusage:\n  %-28s %s\n",
      TINSH_VERSION, "tinsh", "REPL on the default corpus");
  for (size_t i = 0; i < NCOMMANDS; i++) put_row(&commands[i]);
  printf(
      "\noptions (before or after a subcommand; --db and --out before a\n"
      "script or `run NAME`, whose later words are the script's own):\n");
  for (const cli_option *p = cli_globals; p->o.name; p++)
    put_option(stdout, p, 0);
  printf(
      "\nLua options: -e stat, -l mod, -l g=mod, -i, -v, -E, -W, --, -\n"
      "Run 'tinsh CMD --help' for a subcommand's options, and 'tinsh'\n"
      "then .help for the REPL's commands.\n");
}

/* ---- reading a subcommand's words ---- */

/*
** getopt_long's tables for c: its options and --help into lo (ended by a
** zero row), the short ones into shorts after "-:" (operands come back in
** order as key 1; a missing value as ':').
*/
static void getopt_tables(const cli_command *c, struct option *lo,
                          char *shorts) {
  int n = 0;
  char *s = shorts;
  *s++ = '-', *s++ = ':';
  for (const cli_option *p = c->opts; p && p->o.name; p++) {
    if (n + 2 >= CLI_MAXOPT) break;
    lo[n++] = p->o;
    if (p->short_too) *s++ = (char)p->o.val;
    if (p->short_too && p->o.has_arg) *s++ = ':';
  }
  lo[n++] = (struct option){"help", no_argument, NULL, 'h'};
  if (c->flags & CLI_DASH_H) *s++ = 'h';
  lo[n] = (struct option){0};
  *s = '\0';
}

/* the long name of c's option key (for messages) */
static const char *option_name(const cli_command *c, int key) {
  for (const cli_option *p = c->opts; p && p->o.name; p++)
    if (p->o.val == key) return p->o.name;
  return "help";
}

/*
** The usage error getopt_long signalled (k '?' or ':') for word, as one
** line naming the option and pointing at the help. Returns 2.
*/
static int usage_error(const cli_command *c, int k, const char *word) {
  const char *why = "unknown option";
  int dashdash = word[0] == '-' && word[1] == '-';
  char shown[64];
  if (k == ':' || (optopt && dashdash))
    snprintf(shown, sizeof shown, "--%s", option_name(c, optopt));
  else if (optopt)
    snprintf(shown, sizeof shown, "-%c", optopt);
  else
    snprintf(shown, sizeof shown, "%.*s", (int)strcspn(word, "="), word);
  if (k == ':') why = "needs a value";
  if (k == '?' && optopt && dashdash) why = "takes no value";
  fprintf(stderr, "tinsh: %s: %s (see tinsh %s --help)\n", shown, why, c->name);
  return 2;
}

/* a single-dash word ("-x") where c has no short option: an operand */
static int dash_operand(const char *shorts, const char *w) {
  return shorts[2] == '\0' && w[0] == '-' && w[1] && w[1] != '-';
}

static void add_operand(cmd_args *a, char *w) {
  a->argv[a->argc++] = w;
}

/* take getopt_long's answer k: 0 go on, 1 help shown, 2 usage error */
static int take(const cli_command *c, cmd_args *a, int k, const char *word) {
  if (k == 1) return add_operand(a, optarg), 0;
  if (k == 'h') return command_help(c, stdout), 1;
  if (k == '?' || k == ':') return usage_error(c, k, word);
  cmd_opt *o = (cmd_opt *)&a->opt[a->nopt++];
  o->key = k, o->name = option_name(c, k), o->val = optarg;
  return 0;
}

/* Read argv[1 ..] per c's options into a: 0, 1 (help shown) or 2. */
static int read_words(const cli_command *c, int argc, char **argv,
                      cmd_args *a) {
  struct option lo[CLI_MAXOPT];
  char shorts[2 * CLI_MAXOPT + 3];
  getopt_tables(c, lo, shorts);
  optind = 0, opterr = 0;
  for (;;) {
    int i = optind ? optind : 1; /* the word getopt_long reads next */
    if (i < argc && dash_operand(shorts, argv[i])) {
      add_operand(a, argv[i]), optind = i + 1;
      continue;
    }
    int k = getopt_long(argc, argv, shorts, lo, NULL);
    if (k == -1) break;
    int r = take(c, a, k, argv[i]);
    if (r) return r;
  }
  a->rest = a->argc;
  while (optind < argc) add_operand(a, argv[optind++]);
  return 0;
}

int cli_run(const cli_command *c, int argc, char **argv) {
  cmd_args a = {c->name, host_db_option, 0, NULL, argc, argv, argc};
  if (c->flags & CLI_RAW) {
    if (c->name && argc > 1 && strcmp(argv[1], "--help") == 0)
      return command_help(c, stdout), 0;
    return c->run(&a);
  }
  a.opt = xcalloc((size_t)argc + 1, sizeof *a.opt);
  a.argv = xcalloc((size_t)argc + 1, sizeof *a.argv);
  a.argc = 0;
  int r = read_words(c, argc, argv, &a);
  if (r == 0 && a.argc < c->min_operands)
    command_help(c, stderr), r = 2;
  else if (r == 0)
    r = c->run(&a);
  else if (r == 1)
    r = 0; /* --help shown */
  free((void *)a.opt);
  free(a.argv);
  return r;
}
