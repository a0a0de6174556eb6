/*
** main.c — the tinsh command line.
**
** tinsh is a superset of the stock lua5.4 interpreter: every command line
** lua5.4 accepts behaves the same (options -e -l -i -v -E -W - --, the
** `arg` table, LUA_INIT, exit codes, tracebacks). On top of that come the
** corpus subcommands (parse, ingest, search, sql, run) and the long options
** --db, --sandbox, --help and --version.
*/
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cmd.h"
#include "interrupt.h"
#include "lua_host.h"

const char *cmd_db_option = NULL;
const char *cmd_progname = "tinsh";
const char *host_progname = "tinsh";
int host_sandbox = 0;           /* --sandbox given */
const char *host_outdir = NULL; /* --out DIR for sandboxed writes */

/* the interpreter options seen on the command line (lua.c's flags) */
enum {
  HAS_ERROR = 1, /* bad option */
  HAS_I = 2,     /* -i */
  HAS_V = 4,     /* -v */
  HAS_E = 8,     /* -e */
  HAS_BIGE = 16  /* -E */
};

/* one state for the whole process, every field explained */
static struct { lua_State *L; /* the state the Ctrl-C handler talks to */ } H;

/* ---- messages ---- */

void host_message(const char *pname, const char *msg) {
  if (pname) fprintf(stderr, "%s: ", pname);
  fprintf(stderr, "%s\n", msg);
  fflush(stderr);
}

void cmd_error(const char *what, const char *why) {
  if (why)
    fprintf(stderr, "tinsh: %s: %s\n", what, why);
  else
    fprintf(stderr, "tinsh: %s\n", what);
  fflush(stderr);
}

int64_t cmd_size_arg(const char *s) {
  char *end;
  errno = 0;
  long long n = strtoll(s, &end, 10);
  if (errno || end == s || n <= 0) return -1;
  int shift = 0;
  switch (*end) {
    case 'K':
    case 'k':
      shift = 10;
      end++;
      break;
    case 'M':
    case 'm':
      shift = 20;
      end++;
      break;
    case 'G':
    case 'g':
      shift = 30;
      end++;
      break;
    default:
      break;
  }
  if (*end == 'B' || *end == 'b') end++;
  if (*end || n > (INT64_MAX >> shift)) return -1;
  return (int64_t)n << shift;
}

int host_report(lua_State *L, int status) {
  if (status != LUA_OK) {
    const char *msg = lua_tostring(L, -1);
    host_message(host_progname, msg ? msg : "(error object is not a string)");
    lua_pop(L, 1);
  }
  return status;
}

/* ---- Ctrl-C: a C signal cannot change a Lua state, so set a hook ---- */

/*
** The hook raises "interrupted!" inside the running Lua code. It is set
** on call, return and every instruction so it fires promptly.
*/
static void stop_hook(lua_State *L, lua_Debug *ar) {
  (void)ar;
  lua_sethook(L, NULL, 0, 0);
  luaL_error(L, "interrupted!");
}

/*
** The handler restores the default action (a second Ctrl-C kills), arms
** the hook and interrupts any running SQLite statement.
*/
static void on_sigint(int sig) {
  signal(sig, SIG_DFL);
  lua_sethook(H.L, stop_hook, LUA_MASKCALL | LUA_MASKRET | LUA_MASKCOUNT, 1);
  interrupt_all();
}

/*
** Message handler: turn non-string error objects into text (using
** __tostring when they have one) and append a traceback.
*/
static int msghandler(lua_State *L) {
  const char *msg = lua_tostring(L, 1);
  if (msg == NULL) {
    if (luaL_callmeta(L, 1, "__tostring") && lua_type(L, -1) == LUA_TSTRING)
      return 1; /* that is the message */
    msg =
        lua_pushfstring(L, "(error object is a %s value)", luaL_typename(L, 1));
  }
  luaL_traceback(L, L, msg, 1);
  return 1;
}

int host_docall(lua_State *L, int narg, int nres) {
  int base = lua_gettop(L) - narg; /* function index */
  lua_pushcfunction(L, msghandler);
  lua_insert(L, base);
  H.L = L;
  struct sigaction sa, old;
  memset(&sa, 0, sizeof sa);
  sa.sa_handler = on_sigint;
  sigemptyset(&sa.sa_mask);
  sigaction(SIGINT, &sa, &old);
  int status = lua_pcall(L, narg, nres, base);
  sigaction(SIGINT, &old, NULL); /* the REPL's handler, or the default */
  lua_remove(L, base);
  return status;
}

/* ---- the interpreter's pieces ---- */

static void print_version(void) {
  printf("tinsh %s on %s\n", TINSH_VERSION, LUA_COPYRIGHT);
  fflush(stdout);
}

static void print_usage(const char *badoption) {
  fprintf(stderr, "%s: ", host_progname);
  if (badoption[1] == 'e' || badoption[1] == 'l')
    fprintf(stderr, "'%s' needs argument\n", badoption);
  else
    fprintf(stderr, "unrecognized option '%s'\n", badoption);
  fprintf(stderr,
          "usage: %s [options] [script [args]]\n"
          "Available options are:\n"
          "  -e stat   execute string 'stat'\n"
          "  -i        enter interactive mode after executing 'script'\n"
          "  -l mod    require library 'mod' into global 'mod'\n"
          "  -l g=mod  require library 'mod' into global 'g'\n"
          "  -v        show version information\n"
          "  -E        ignore environment variables\n"
          "  -W        turn warnings on\n"
          "  --        stop handling options\n"
          "  -         stop handling options and execute stdin\n"
          "Try '%s --help' for the corpus commands.\n",
          host_progname, host_progname);
  fflush(stderr);
}

/* run the chunk on top of the stack with no arguments */
static int dochunk(lua_State *L, int status) {
  if (status == LUA_OK) status = host_docall(L, 0, 0);
  return host_report(L, status);
}

/* in the sandbox every chunk loads as text (sandbox_mode), never bytecode */
static int dofile(lua_State *L, const char *name) {
  return dochunk(L, luaL_loadfilex(L, name, sandbox_mode(L)));
}

static int dostring(lua_State *L, const char *s, const char *name) {
  return dochunk(L, luaL_loadbufferx(L, s, strlen(s), name, sandbox_mode(L)));
}

/*
** -l mod or -l g=mod: require(mod) and store the result in global g.
*/
static int dolibrary(lua_State *L, char *spec) {
  char *eq = strchr(spec, '=');
  const char *global = spec, *mod = spec;
  if (eq) {
    *eq = '\0';
    mod = eq + 1;
  }
  lua_getglobal(L, "require");
  lua_pushstring(L, mod);
  int status = host_docall(L, 1, 1);
  if (status == LUA_OK) lua_setglobal(L, global);
  if (eq) *eq = '=';
  return host_report(L, status);
}

/*
** Scan the lua-style options. Returns the HAS_* flags; *first is the
** index of the script (or argc when there is none).
*/
static int collect_args(char **argv, int *first) {
  int flags = 0, i;
  for (i = 1; argv[i] != NULL; i++) {
    const char *a = argv[i];
    *first = i;
    if (a[0] != '-') return flags; /* the script */
    switch (a[1]) {
      case '-': /* "--" */
        if (a[2] != '\0') return HAS_ERROR;
        *first = i + 1;
        return flags;
      case '\0': /* "-": stdin */
        return flags;
      case 'E':
        if (a[2] != '\0') return HAS_ERROR;
        flags |= HAS_BIGE;
        break;
      case 'W':
        if (a[2] != '\0') return HAS_ERROR;
        break;
      case 'i':
        flags |= HAS_I; /* -i implies -v */
        /* FALLTHROUGH */
      case 'v':
        if (a[2] != '\0') return HAS_ERROR;
        flags |= HAS_V;
        break;
      case 'e':
        flags |= HAS_E;
        /* FALLTHROUGH */
      case 'l':
        if (a[2] == '\0') { /* argument in the next word */
          i++;
          if (argv[i] == NULL || argv[i][0] == '-') return HAS_ERROR;
        }
        break;
      default:
        return HAS_ERROR;
    }
  }
  *first = i;
  return flags;
}

/*
** Run -e, -l and -W in command-line order. Returns 0 when all succeeded.
*/
static int run_args(lua_State *L, char **argv, int n) {
  for (int i = 1; i < n; i++) {
    int opt = argv[i][1];
    if (opt == 'W') {
      lua_warning(L, "@on", 0);
    } else if (opt == 'e' || opt == 'l') {
      char *extra = argv[i] + 2;
      if (*extra == '\0') extra = argv[++i];
      int status = opt == 'e' ? dostring(L, extra, "=(command line)")
                              : dolibrary(L, extra);
      if (status != LUA_OK) return 1;
    }
  }
  return 0;
}

/* the global `arg`: script at 0, options negative, arguments positive */
static void create_arg_table(lua_State *L, char **argv, int argc, int script) {
  if (script == argc) script = 0; /* no script: progname at 0 */
  lua_createtable(L, argc - script - 1, script + 1);
  for (int i = 0; i < argc; i++) {
    lua_pushstring(L, argv[i]);
    lua_rawseti(L, -2, i - script);
  }
  lua_setglobal(L, "arg");
}

/* LUA_INIT_5_4, else LUA_INIT: a chunk, or @file */
static int handle_luainit(lua_State *L) {
  const char *name = "=LUA_INIT_5_4";
  const char *init = getenv(name + 1);
  if (init == NULL) {
    name = "=LUA_INIT";
    init = getenv(name + 1);
  }
  if (init == NULL) return LUA_OK;
  if (init[0] == '@') return dofile(L, init + 1);
  return dostring(L, init, name);
}

/* push arg[1..n] onto the stack for the main chunk; returns n */
static int push_script_args(lua_State *L) {
  if (lua_getglobal(L, "arg") != LUA_TTABLE)
    luaL_error(L, "'arg' is not a table");
  int n = (int)luaL_len(L, -1);
  luaL_checkstack(L, n + 3, "too many arguments to script");
  for (int i = 1; i <= n; i++) lua_rawgeti(L, -i, i);
  lua_remove(L, -n - 1); /* the arg table */
  return n;
}

/* a sandboxed script may read the files beside it */
static void allow_script_dir(lua_State *L, const char *fname) {
  char dir[4096];
  snprintf(dir, sizeof dir, "%s", fname);
  char *slash = strrchr(dir, '/');
  if (!slash) return; /* the current folder: allowed already */
  slash[slash == dir] = '\0';
  sandbox_allow_read(L, dir);
}

static int handle_script(lua_State *L, char **argv) {
  const char *fname = argv[0];
  if (strcmp(fname, "-") == 0 && strcmp(argv[-1], "--") != 0)
    fname = NULL; /* stdin */
  if (fname) allow_script_dir(L, fname);
  int status = luaL_loadfilex(L, fname, sandbox_mode(L));
  if (status == LUA_OK) {
    int n = push_script_args(L);
    status = host_docall(L, n, LUA_MULTRET);
  }
  return host_report(L, status);
}

/*
** The protected main: everything that touches Lua runs here, so an error
** anywhere (even out of memory) is caught and reported.
*/
static int pmain(lua_State *L) {
  int argc = (int)lua_tointeger(L, 1);
  char **argv = (char **)lua_touserdata(L, 2);
  int script;
  int flags = collect_args(argv, &script);
  luaL_checkversion(L);
  if (flags == HAS_ERROR) {
    print_usage(argv[script]);
    return 0;
  }
  if (flags & HAS_V) print_version();
  if (flags & HAS_BIGE) { /* ignore environment variables */
    lua_pushboolean(L, 1);
    lua_setfield(L, LUA_REGISTRYINDEX, "LUA_NOENV");
  }
  luaL_openlibs(L);
  host_openlibs(L);
  create_arg_table(L, argv, argc, script);
  lua_gc(L, LUA_GCGEN, 0, 0); /* generational mode, as lua.c */
  if (host_sandbox) {         /* before anything is loaded; no LUA_INIT then */
    const char *err = sandbox_apply(L, host_outdir);
    if (err) {
      cmd_error(err, NULL);
      return 0;
    }
  } else if (!(flags & HAS_BIGE) && handle_luainit(L) != LUA_OK) {
    return 0;
  }
  if (host_prelude(L) != LUA_OK) return 0;
  if (run_args(L, argv, script)) return 0;
  if (script < argc && handle_script(L, argv + script) != LUA_OK) return 0;
  if (flags & HAS_I) {
    repl_run(L);
  } else if (script == argc && !(flags & (HAS_E | HAS_V))) {
    if (isatty(STDIN_FILENO)) {
      print_version();
      repl_run(L);
    } else if (dofile(L, NULL) != LUA_OK) {
      return 0;
    }
  }
  lua_pushboolean(L, 1); /* success */
  return 1;
}

/* ---- tinsh's own layer: long options and subcommands ---- */

static void print_help(void) {
  printf(
      "tinsh %s — a Lua-scriptable query shell for news-article corpora\n"
      "\n"
      "usage:\n"
      "  tinsh                        REPL on the default corpus\n"
      "  tinsh ingest PATH...         parse + index files/folders into the "
      "corpus\n"
      "  tinsh parse FILE...          print each parsed document as one JSON "
      "line\n"
      "  tinsh search QUERY           ranked hits with snippets\n"
      "  tinsh sql \"SELECT ...\"       read-only SQL over the corpus\n"
      "  tinsh run NAME|FILE [ARGS]   run a report script (tinsh run --list)\n"
      "  tinsh segment [--json] [FILE|-]  each line with its words joined by "
      "'_'\n"
      "  tinsh [lua options] [script [args]]   run Lua, exactly as lua5.4\n"
      "\n"
      "options:\n"
      "  --db PATH       corpus database (default: $TINSH_DB, else "
      "./tinsh.db,\n"
      "                  else the bundled example corpus)\n"
      "  --sandbox       run an untrusted script: no os.execute/io.popen, no\n"
      "                  bytecode, writes only under --out DIR (default "
      "./out),\n"
      "                  read-only database, instruction and memory limits\n"
      "  --out DIR       output folder for sandboxed scripts\n"
      "  --help          this text\n"
      "  --version       version information\n"
      "\n"
      "Lua options: -e stat, -l mod, -l g=mod, -i, -v, -E, -W, --, -\n"
      "Run 'tinsh' and type .help for the REPL's commands.\n",
      TINSH_VERSION);
}

typedef int (*subcommand_fn)(int argc, char **argv);

int cmd_run(int argc, char **argv);     /* lua_run.c */
int cmd_segment(int argc, char **argv); /* cmd_segment.c */

static const struct {
  const char *name;
  subcommand_fn fn;
} subcommands[] = {
    {"parse", cmd_parse}, {"ingest", cmd_ingest}, {"search", cmd_search},
    {"sql", cmd_sql},     {"run", cmd_run},       {"segment", cmd_segment},
};

static subcommand_fn find_subcommand(const char *word) {
  struct stat st;
  for (size_t i = 0; i < sizeof subcommands / sizeof *subcommands; i++) {
    if (strcmp(word, subcommands[i].name) == 0)
      /* a script file of that name in the current folder wins, as lua5.4
      ** would run it; `./parse` always means the file */
      return stat(word, &st) == 0 && S_ISREG(st.st_mode) ? NULL
                                                         : subcommands[i].fn;
  }
  return NULL;
}

/*
** One global option at argv[*i] (--sandbox; unless only_sandbox, also
** --db PATH, --db=PATH, --out DIR, --out=DIR), its value taken too.
** Returns 1 when taken, 0 when it is not one, -1 when a value is missing.
*/
static int take_global(int argc, char **argv, int *i, int only_sandbox) {
  const char *a = argv[*i];
  if (strcmp(a, "--sandbox") == 0) {
    host_sandbox = 1;
  } else if (only_sandbox) {
    return 0;
  } else if (strcmp(a, "--db") == 0 || strcmp(a, "--out") == 0) {
    if (*i + 1 >= argc) {
      fprintf(stderr, "tinsh: '%s' needs argument\nTry 'tinsh --help'.\n", a);
      return -1;
    }
    *(a[2] == 'd' ? &cmd_db_option : &host_outdir) = argv[++*i];
  } else if (strncmp(a, "--db=", 5) == 0) {
    cmd_db_option = a + 5;
  } else if (strncmp(a, "--out=", 6) == 0) {
    host_outdir = a + 6;
  } else {
    return 0;
  }
  return 1;
}

/* subcommands whose arguments hold no script's: globals may follow them */
static int is_plain_subcommand(const char *w) {
  return !strcmp(w, "parse") || !strcmp(w, "ingest") || !strcmp(w, "search") ||
         !strcmp(w, "sql");
}

/*
** Take tinsh's own options out of argv: --help and --version in front;
** --sandbox anywhere before a literal "--" (a sandbox asked for is never
** ignored: `tinsh x.lua --sandbox`, `tinsh run x --sandbox`); --db and
** --out before the script or `run NAME` (after them, the words are the
** script's own: report scripts take --out FILE), and anywhere after
** parse, ingest, search and sql. Never the value of -e or -l. Returns -1
** on a usage error, 1 when the command is done (help, version), 0 to go on.
*/
static int take_long_options(int *argc, char **argv) {
  int out = 1, lead = 1, rest = 0, script = 0;
  for (int i = 1; i < *argc; i++) {
    const char *a = argv[i];
    int took = rest ? 0 : take_global(*argc, argv, &i, script);
    if (took < 0) return -1;
    if (took) continue;
    if (lead && !rest && strcmp(a, "--help") == 0) return print_help(), 1;
    if (lead && !rest && strcmp(a, "--version") == 0) return print_version(), 1;
    if (strcmp(a, "--") == 0) rest = 1;
    if (!rest && !script && lead && is_plain_subcommand(a))
      lead = 0; /* globals still apply after it */
    else if (!rest && (a[0] != '-' || a[1] == '\0'))
      script = 1; /* a script, "-" (stdin) or `run` */
    lead = 0;
    argv[out++] = argv[i];
    if (!rest && (!strcmp(a, "-e") || !strcmp(a, "-l")) && i + 1 < *argc)
      argv[out++] = argv[++i]; /* a value, never an option of ours */
  }
  argv[out] = NULL;
  *argc = out;
  return 0;
}

/*
** Refuse global options that cannot apply (never ignore them): --out
** without --sandbox or empty, --sandbox for a subcommand that runs no Lua,
** --db for parse (no database). Returns 0, or the exit status.
*/
static int check_globals(subcommand_fn fn, const char *name) {
  const char *why = NULL;
  if (host_outdir && !*host_outdir)
    why = "--out: empty folder name (give the output folder)";
  else if (host_outdir && !host_sandbox)
    why = "--out: only with --sandbox (the folder a sandboxed script writes)";
  else if (fn && fn != cmd_run && host_sandbox)
    why =
        "--sandbox: applies to Lua scripts (tinsh run, tinsh FILE.lua, the "
        "REPL), not to this subcommand";
  else if (fn == cmd_parse && cmd_db_option)
    why = "--db: 'tinsh parse' uses no database";
  else if (fn == cmd_segment && cmd_db_option)
    why = "--db: 'tinsh segment' uses no database";
  if (!why) return 0;
  if (fn && name)
    fprintf(stderr, "tinsh: %s: %s\n", name, why);
  else
    cmd_error(why, NULL);
  return 2;
}

int main(int argc, char **argv) {
  if (argv[0] && argv[0][0]) host_progname = cmd_progname = argv[0];
  int r = take_long_options(&argc, argv);
  if (r != 0) return r < 0 ? EXIT_FAILURE : EXIT_SUCCESS;
  if (cmd_db_option) setenv("TINSH_DB_OPTION", cmd_db_option, 1);
  subcommand_fn fn = argc > 1 ? find_subcommand(argv[1]) : NULL;
  if ((r = check_globals(fn, fn ? argv[1] : NULL)) != 0) return r;
  if (fn) return fn(argc - 1, argv + 1);
  lua_State *L = luaL_newstate();
  if (L == NULL) {
    host_message(host_progname, "cannot create state: not enough memory");
    return EXIT_FAILURE;
  }
  H.L = L;
  lua_pushcfunction(L, pmain);
  lua_pushinteger(L, argc);
  lua_pushlightuserdata(L, argv);
  int status = lua_pcall(L, 2, 1, 0);
  int ok = lua_toboolean(L, -1);
  host_report(L, status);
  lua_close(L); /* finalizers, <close> variables, flushed io.output */
  return (ok && status == LUA_OK) ? EXIT_SUCCESS : EXIT_FAILURE;
}
