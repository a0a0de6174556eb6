/*
** lua_interp.c — the Lua interpreter mode, tinsh's last row in the
** command table (cli.c): when no subcommand is named, tinsh behaves as
** the stock lua5.4 does (lua.c): options -e -l -i -v -E -W - --, the
** `arg` table, LUA_INIT, exit codes, tracebacks, the REPL on a terminal.
** With --sandbox the state is restricted before anything is loaded.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cmd.h"
#include "lua_host.h"

/* the interpreter options seen on the command line (lua.c's flags) */
enum {
  HAS_ERROR = 1, /* bad option */
  HAS_I = 2,     /* -i */
  HAS_V = 4,     /* -v */
  HAS_E = 8,     /* -e */
  HAS_BIGE = 16  /* -E */
};

/* ---- the interpreter's pieces ---- */

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
** The HAS_* flags of the lua option at argv[*i] ("-e stat": *i moves to
** the value), or HAS_ERROR.
*/
static int option_flags(char **argv, int *i) {
  const char *a = argv[*i];
  switch (a[1]) {
    case 'E':
      return a[2] ? HAS_ERROR : HAS_BIGE;
    case 'W':
      return a[2] ? HAS_ERROR : 0;
    case 'i': /* -i implies -v */
      return a[2] ? HAS_ERROR : HAS_I | HAS_V;
    case 'v':
      return a[2] ? HAS_ERROR : HAS_V;
    case 'e':
    case 'l':
      if (a[2] == '\0' && (argv[++*i] == NULL || argv[*i][0] == '-'))
        return HAS_ERROR; /* the argument is the next word */
      return a[1] == 'e' ? HAS_E : 0;
    default:
      return HAS_ERROR;
  }
}

/*
** Scan the lua-style options. Returns the HAS_* flags; *first is the
** index of the script (or argc when there is none), or of the bad option.
*/
static int collect_args(char **argv, int *first) {
  int flags = 0, i;
  for (i = 1; argv[i] != NULL; i++) {
    const char *a = argv[i];
    *first = i;
    if (a[0] != '-' || a[1] == '\0') return flags; /* the script, "-" */
    if (a[1] == '-') {                             /* "--" */
      if (a[2] != '\0') return HAS_ERROR;
      *first = i + 1;
      return flags;
    }
    int f = option_flags(argv, &i);
    if (f == HAS_ERROR) return HAS_ERROR;
    flags |= f;
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
** Open the libraries, tinsh's environment and `arg` in L, then the
** sandbox (before anything is loaded; no LUA_INIT then) or LUA_INIT, and
** the prelude. Returns 1, or 0 after an error was reported.
*/
static int open_state(lua_State *L, int flags, char **argv, int argc,
                      int script) {
  if (flags & HAS_V) host_print_version();
  if (flags & HAS_BIGE) { /* ignore environment variables */
    lua_pushboolean(L, 1);
    lua_setfield(L, LUA_REGISTRYINDEX, "LUA_NOENV");
  }
  luaL_openlibs(L);
  host_openlibs(L);
  create_arg_table(L, argv, argc, script);
  lua_gc(L, LUA_GCGEN, 0, 0); /* generational mode, as lua.c */
  if (host_sandbox) {
    const char *err = sandbox_apply(L, host_outdir);
    if (err) return cmd_error(err, NULL), 0;
  } else if (!(flags & HAS_BIGE) && handle_luainit(L) != LUA_OK) {
    return 0;
  }
  return host_prelude(L) == LUA_OK;
}

/*
** After the script: the REPL with -i; with no script, -e or -v, the REPL
** on a terminal, else standard input as a chunk. 1, or 0 on an error.
*/
static int interact(lua_State *L, int flags, int no_script) {
  if (flags & HAS_I) {
    repl_run(L);
  } else if (no_script && !(flags & (HAS_E | HAS_V))) {
    if (!isatty(STDIN_FILENO)) return dofile(L, NULL) == LUA_OK;
    host_print_version();
    repl_run(L);
  }
  return 1;
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
  if (!open_state(L, flags, argv, argc, script)) return 0;
  if (run_args(L, argv, script)) return 0;
  if (script < argc && handle_script(L, argv + script) != LUA_OK) return 0;
  if (!interact(L, flags, script == argc)) return 0;
  lua_pushboolean(L, 1); /* success */
  return 1;
}

/*
** tinsh [lua options] [script [args]]: a fresh state runs pmain
** protected, so any error (even out of memory) is reported.
*/
int cmd_lua(const cmd_args *a) {
  lua_State *L = luaL_newstate();
  if (L == NULL) {
    host_message(host_progname, "cannot create state: not enough memory");
    return EXIT_FAILURE;
  }
  lua_pushcfunction(L, pmain);
  lua_pushinteger(L, a->argc);
  lua_pushlightuserdata(L, a->argv);
  int status = lua_pcall(L, 2, 1, 0);
  int ok = lua_toboolean(L, -1);
  host_report(L, status);
  lua_close(L); /* finalizers, <close> variables, flushed io.output */
  return (ok && status == LUA_OK) ? EXIT_SUCCESS : EXIT_FAILURE;
}
