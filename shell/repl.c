/*
** repl.c — the interactive loop.
**
** Behaves as lua.c linked with readline: `return <line>` is tried first,
** then the line as a statement; a syntax error ending in <eof> asks for
** another line; `=expr` is `return expr`; _PROMPT/_PROMPT2 are honoured.
** On top: persistent history, completion (globals, fields, methods
** through __index, file names inside strings), dot-commands, pretty
** printing of tables, Ctrl-C that cancels a line or interrupts a chunk.
*/
#include <errno.h>
#include <limits.h>
#include <readline/history.h>
#include <readline/readline.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/select.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "lua_host.h"
#include "width.h"

#define HISTORY_MAX   2000
#define DOT_REGISTRY  "tinsh.dotcommands" /* registry: name -> {usage, fn} */
#define PRETTY_MODULE "tinsh.pretty"

/* the REPL's state, one per process */
typedef struct repl {
  lua_State *L;           /* where chunks run */
  int tty;                /* stdin is a terminal: history, completion */
  int color;              /* colour allowed on stderr/stdout */
  int timer;              /* .timer on: print wall time per chunk */
  int quit;               /* set by .quit */
  char history[PATH_MAX]; /* history file, "" when none */
} repl;

static repl *P; /* for readline's callbacks */
static volatile sig_atomic_t got_sigint;
static int line_cancelled;

/* ---- wall clock ---- */

static double now(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

/* ---- messages ---- */

static void report(repl *p, int status) {
  if (status == LUA_OK) return;
  const char *msg = lua_tostring(p->L, -1);
  if (!msg) msg = "(error object is not a string)";
  if (p->color) fputs("\033[31m", stderr);
  if (host_sandbox) /* a script's message cannot drive the terminal */
    width_put_visible(msg, strlen(msg), stderr, 1);
  else
    fputs(msg, stderr);
  fputs(p->color ? "\033[0m\n" : "\n", stderr);
  fflush(stderr);
  lua_pop(p->L, 1);
}

/* ---- history ---- */

/*
** History file: $TINSH_HISTORY, else $XDG_STATE_HOME/tinsh/history, else
** ~/.local/state/tinsh/history when ~/.local/state exists, else
** ~/.tinsh_history. Only for terminal sessions.
*/
static void history_open(repl *p) {
  const char *h = getenv("TINSH_HISTORY");
  const char *xdg = getenv("XDG_STATE_HOME");
  const char *home = getenv("HOME");
  struct stat st;
  char dir[PATH_MAX / 2];
  p->history[0] = '\0';
  if (h) {
    snprintf(p->history, sizeof p->history, "%s", h);
  } else if (xdg && *xdg) {
    snprintf(dir, sizeof dir, "%s/tinsh", xdg);
    mkdir(xdg, 0700), mkdir(dir, 0700);
    snprintf(p->history, sizeof p->history, "%s/history", dir);
  } else if (home && *home) {
    snprintf(dir, sizeof dir, "%s/.local/state", home);
    if (stat(dir, &st) == 0 && S_ISDIR(st.st_mode)) {
      snprintf(dir, sizeof dir, "%s/.local/state/tinsh", home);
      mkdir(dir, 0700);
      snprintf(p->history, sizeof p->history, "%s/history", dir);
    } else {
      snprintf(p->history, sizeof p->history, "%s/.tinsh_history", home);
    }
  }
  stifle_history(HISTORY_MAX);
  if (p->history[0] && stat(p->history, &st) == 0 && !S_ISREG(st.st_mode)) {
    fprintf(stderr, "tinsh: %s: not a regular file; history is off\n",
            p->history);
    p->history[0] = '\0'; /* a FIFO would block, a device is no history */
  }
  if (p->history[0]) read_history(p->history);
}

/* remember a line that compiled; written through at once */
static void history_add(repl *p, const char *line) {
  if (!p->tty || !*line) return;
  HIST_ENTRY *last =
      history_length ? history_get(history_base + history_length - 1) : NULL;
  if (last && strcmp(last->line, line) == 0) return; /* no immediate repeats */
  add_history(line);
  if (p->history[0] && append_history(1, p->history) != 0)
    write_history(p->history); /* the file did not exist yet */
}

static void history_close(repl *p) {
  if (p->tty && p->history[0]) history_truncate_file(p->history, HISTORY_MAX);
}

/* ---- reading a line: Ctrl-C cancels it ---- */

static void on_sigint_at_prompt(int sig) {
  (void)sig;
  got_sigint = 1;
}

/* abandon the line being typed: show "^C", end readline's call */
static int cancel_line(void) {
  got_sigint = 0;
  line_cancelled = 1;
  rl_redisplay();
  fputs("^C", rl_outstream ? rl_outstream : stdout);
  rl_point = rl_end; /* the newline must not split the shown line */
  return '\n';
}

/*
** Wait until fd is readable or a Ctrl-C came. SIGINT is blocked while
** the flag is checked and unblocked atomically by pselect, so a Ctrl-C
** that arrives just before the wait is not lost.
*/
static int wait_input(int fd) {
  sigset_t block, orig;
  sigemptyset(&block);
  sigaddset(&block, SIGINT);
  sigprocmask(SIG_BLOCK, &block, &orig);
  int ready = 0;
  while (!got_sigint) {
    fd_set fds;
    FD_ZERO(&fds);
    FD_SET(fd, &fds);
    int r = pselect(fd + 1, &fds, NULL, NULL, NULL, &orig);
    if (r > 0 || (r < 0 && errno != EINTR)) {
      ready = 1;
      break;
    }
  }
  sigprocmask(SIG_SETMASK, &orig, NULL);
  return ready;
}

/*
** readline's input function. A Ctrl-C at the prompt abandons the line:
** "^C" is shown and a newline ends readline's call; the caller discards
** the line (line_cancelled).
*/
static int getc_cancellable(FILE *f) {
  int fd = fileno(f);
  for (;;) {
    if (!wait_input(fd)) return cancel_line();
    unsigned char c;
    ssize_t r = read(fd, &c, 1);
    if (r == 1) return c;
    if (r == 0) return EOF;
    if (errno != EINTR) return EOF;
    if (got_sigint) return cancel_line();
  }
}

/*
** Read one line with the given prompt. Returns a malloc'd line, or NULL
** at end of input. A Ctrl-C at the prompt returns "" with line_cancelled
** set.
*/
static char *read_line(const char *prompt) {
  line_cancelled = 0;
  got_sigint = 0;
  return readline(prompt);
}

/* ---- prompts ---- */

/* tostring(_PROMPT) (_PROMPT2 when arg 1 is false), or nil, under
** lua_pcall: _G's __index (red team 8) and a __tostring may raise */
static int prompt_value(lua_State *L) {
  const char *name = lua_toboolean(L, 1) ? "_PROMPT" : "_PROMPT2";
  if (lua_getglobal(L, name) != LUA_TNIL) luaL_tolstring(L, -1, NULL);
  return 1;
}

/* Push the prompt: _PROMPT / _PROMPT2 through prompt_value (a table
** with __tostring works, as in lua5.4; raising gives the default), else the
** defaults. Under --sandbox its control characters are shown as escapes:
** readline writes the prompt to the terminal raw, past the filter on print,
** and a script's prompt set the window title and the clipboard at every
** line (red team 7). */
static const char *get_prompt(lua_State *L, int first) {
  const char *dflt = first ? "> " : ">> ";
  lua_pushcfunction(L, prompt_value);
  lua_pushboolean(L, first);
  if (lua_pcall(L, 1, 1, 0) != LUA_OK || !lua_isstring(L, -1)) {
    lua_pop(L, 1);
    lua_pushstring(L, dflt);
  }
  size_t n;
  const char *p = lua_tolstring(L, -1, &n);
  if (host_sandbox && width_invisible(p, n, 0)) {
    luaL_Buffer b;
    char *out = luaL_buffinitsize(L, &b, WIDTH_VISIBLE_MAX(n));
    luaL_pushresultsize(&b, width_visible(p, n, 0, out));
    lua_remove(L, -2);
    p = lua_tostring(L, -1);
  }
  return p;
}

/*
** Read a line and push it (without its newline). On the first line of a
** chunk, "=expr" becomes "return expr". Returns 0 at end of input.
*/
static int push_line(lua_State *L, int first) {
  const char *prompt = get_prompt(L, first);
  char *line = read_line(prompt);
  lua_pop(L, 1); /* prompt */
  if (line == NULL) return 0;
  size_t n = strlen(line);
  if (n > 0 && line[n - 1] == '\n') line[--n] = '\0';
  if (first && line[0] == '=')
    lua_pushfstring(L, "return %s", line + 1);
  else
    lua_pushlstring(L, line, n);
  free(line);
  return 1;
}

/* ---- compiling: return-first, then statements, then more lines ---- */

static int incomplete(lua_State *L, int status) {
  if (status != LUA_ERRSYNTAX) return 0;
  size_t n;
  const char *msg = lua_tolstring(L, -1, &n);
  const char *mark = "<eof>";
  size_t m = strlen(mark);
  if (n >= m && strcmp(msg + n - m, mark) == 0) {
    lua_pop(L, 1);
    return 1;
  }
  return 0;
}

/* try "return <line>": on success leaves the function, drops the line */
static int try_return(repl *p) {
  lua_State *L = p->L;
  const char *line = lua_tostring(L, -1);
  const char *ret = lua_pushfstring(L, "return %s;", line);
  int status = luaL_loadbufferx(L, ret, strlen(ret), "=stdin", sandbox_mode(L));
  if (status == LUA_OK) {
    lua_remove(L, -2); /* the "return" text */
    history_add(p, line);
    lua_remove(L, -2); /* the line */
  } else {
    lua_pop(L, 2); /* error and "return" text */
  }
  return status;
}

/* compile the line as statements, reading more while incomplete */
static int multiline(repl *p) {
  lua_State *L = p->L;
  for (;;) {
    size_t n;
    const char *line = lua_tolstring(L, 1, &n);
    int status = luaL_loadbufferx(L, line, n, "=stdin", sandbox_mode(L));
    if (!incomplete(L, status)) {
      if (status == LUA_OK) history_add(p, line);
      lua_remove(L, 1); /* the line */
      return status;
    }
    if (!push_line(L, 0)) return status == LUA_OK ? -1 : status;
    if (line_cancelled) { /* Ctrl-C abandons the whole chunk */
      lua_settop(L, 0);
      return -2;
    }
    lua_pushliteral(L, "\n");
    lua_insert(L, -2);
    lua_concat(L, 3);
  }
}

/* ---- dot-commands ---- */

typedef int (*dot_fn)(repl *p, int argc, char **argv);

static int dot_help(repl *p, int argc, char **argv);
static int dot_quit(repl *p, int argc, char **argv);
static int dot_timer(repl *p, int argc, char **argv);
static int dot_read(repl *p, int argc, char **argv);

/* the dot-command table: .help is generated from it */
static const struct dot_cmd {
  const char *name;
  dot_fn fn;
  int minargs, maxargs;
  const char *usage;
  const char *help;
} dot_cmds[] = {
    {"help", dot_help, 0, 1, ".help [TOPIC]",
     "this list, or help on a Lua value (.help corpus)"},
    {"quit", dot_quit, 0, 0, ".quit", "leave tinsh (Ctrl-D does too)"},
    {"read", dot_read, 1, 1, ".read FILE", "run the Lua file FILE here"},
    {"timer", dot_timer, 1, 1, ".timer on|off",
     "print the wall time each chunk takes"},
};
#define NDOT (sizeof dot_cmds / sizeof *dot_cmds)

static int dot_quit(repl *p, int argc, char **argv) {
  (void)argc, (void)argv;
  p->quit = 1;
  return 0;
}

static int dot_timer(repl *p, int argc, char **argv) {
  (void)argc;
  if (strcmp(argv[1], "on") == 0)
    p->timer = 1;
  else if (strcmp(argv[1], "off") == 0)
    p->timer = 0;
  else {
    fprintf(stderr, "usage: .timer on|off\n");
    return 1;
  }
  return 0;
}

static void print_results(repl *p);

static int dot_read(repl *p, int argc, char **argv) {
  (void)argc;
  lua_State *L = p->L;
  int status = luaL_loadfilex(L, argv[1], sandbox_mode(L));
  if (status == LUA_OK) status = host_docall(L, 0, LUA_MULTRET);
  if (status != LUA_OK) {
    report(p, status);
    return 1;
  }
  print_results(p);
  return 0;
}

/* Lua-registered dot-commands live in the registry */
static int push_lua_dots(lua_State *L) {
  return lua_getfield(L, LUA_REGISTRYINDEX, DOT_REGISTRY) == LUA_TTABLE;
}

/* Write s to standard output padded to width bytes; under --sandbox with
** its control characters as visible escapes (a script's dot-command
** usage and help: raw, they drove the terminal, red team 7). */
static void put_text(const char *s, int width) {
  size_t n = strlen(s);
  if (host_sandbox)
    width_put_visible(s, n, stdout, 0);
  else
    fputs(s, stdout);
  for (int k = (int)n; k < width; k++) putchar(' ');
}

static int dot_help(repl *p, int argc, char **argv) {
  lua_State *L = p->L;
  if (argc == 2) { /* help on a Lua value: help(<expr>) */
    const char *code = lua_pushfstring(L, "return help(%s)", argv[1]);
    int status = luaL_loadbuffer(L, code, strlen(code), "=.help");
    lua_remove(L, -2);
    if (status == LUA_OK) status = host_docall(L, 0, LUA_MULTRET);
    if (status != LUA_OK) {
      report(p, status);
      return 1;
    }
    print_results(p);
    return 0;
  }
  for (size_t i = 0; i < NDOT; i++)
    printf("%-20s %s\n", dot_cmds[i].usage, dot_cmds[i].help);
  if (push_lua_dots(L)) {
    lua_pushnil(L);
    while (lua_next(L, -2)) {
      lua_getfield(L, -1, "usage");
      lua_getfield(L, -2, "help");
      const char *u = lua_tostring(L, -2), *h = lua_tostring(L, -1);
      put_text(u ? u : "", 20);
      putchar(' ');
      put_text(h ? h : "", 0);
      putchar('\n');
      lua_pop(L, 3);
    }
  }
  lua_pop(L, 1);
  printf(
      "Lua: type an expression or statement; =expr prints; Tab completes;\n"
      "Ctrl-C interrupts, Ctrl-D quits. help(x) explains a tinsh value.\n");
  fflush(stdout);
  return 0;
}

/* split a dot-command line into words (double quotes group words) */
static int split_words(char *s, char **argv, int max) {
  int argc = 0;
  while (*s && argc < max) {
    while (*s == ' ' || *s == '\t') s++;
    if (!*s) break;
    if (*s == '"') {
      argv[argc++] = ++s;
      while (*s && *s != '"') s++;
    } else {
      argv[argc++] = s;
      while (*s && *s != ' ' && *s != '\t') s++;
    }
    if (*s) *s++ = '\0';
  }
  return argc;
}

/* run a Lua-registered dot-command: fn(arg1, ...) */
static int run_lua_dot(repl *p, const char *name, int argc, char **argv) {
  lua_State *L = p->L;
  lua_getfield(L, -1, name);
  lua_getfield(L, -1, "fn");
  lua_remove(L, -2);
  lua_remove(L, -2); /* registry table */
  for (int i = 1; i < argc; i++) lua_pushstring(L, argv[i]);
  int status = host_docall(L, argc - 1, LUA_MULTRET);
  if (status != LUA_OK) {
    report(p, status);
    return 1;
  }
  print_results(p);
  return 0;
}

/*
** Dispatch ".name args": exact or unique-prefix match over the C table
** and the Lua-registered commands; one-line errors otherwise.
*/
static int run_dot(repl *p, char *line) {
  lua_State *L = p->L;
  char *argv[16];
  int argc = split_words(line + 1, argv, 16);
  if (argc == 0) return 1;
  const struct dot_cmd *hit = NULL;
  const char *luahit = NULL;
  int nhits = 0;
  size_t n = strlen(argv[0]);
  for (size_t i = 0; i < NDOT; i++) {
    if (strncmp(dot_cmds[i].name, argv[0], n) != 0) continue;
    if (strlen(dot_cmds[i].name) == n) {
      hit = &dot_cmds[i], nhits = 1;
      break;
    }
    hit = &dot_cmds[i], nhits++;
  }
  if (!(hit && nhits == 1 && strlen(hit->name) == n) && push_lua_dots(L)) {
    lua_pushnil(L);
    while (lua_next(L, -2)) {
      const char *k = lua_tostring(L, -2);
      lua_pop(L, 1);
      if (strncmp(k, argv[0], n) != 0) continue;
      if (strlen(k) == n) {
        luahit = k, hit = NULL, nhits = 1;
        lua_pop(L, 1);
        break;
      }
      luahit = k, nhits++;
    }
    if (luahit && nhits == 1) {
      char name[64];
      snprintf(name, sizeof name, "%s", luahit);
      return run_lua_dot(p, name, argc, argv);
    }
    lua_pop(L, 1);
  } else if (!hit) {
    lua_pop(L, 1);
  }
  if (nhits != 1) { /* the name as typed, shown visibly */
    fputs(nhits ? "ambiguous command \"." : "unknown command \".", stderr);
    width_put_visible(argv[0], strlen(argv[0]), stderr, 0);
    fputs("\": try .help\n", stderr);
    return 1;
  }
  if (argc - 1 < hit->minargs || argc - 1 > hit->maxargs) {
    fprintf(stderr, "usage: %s\n", hit->usage);
    return 1;
  }
  return hit->fn(p, argc, argv);
}

/* core.dotcommand(name, usage, help, fn): add a REPL dot-command */
static int l_dotcommand(lua_State *L) {
  const char *name = luaL_checkstring(L, 1);
  luaL_checkstring(L, 2);
  luaL_optstring(L, 3, NULL); /* .help prints it */
  luaL_checktype(L, 4, LUA_TFUNCTION);
  luaL_getsubtable(L, LUA_REGISTRYINDEX, DOT_REGISTRY);
  lua_createtable(L, 0, 3);
  lua_pushvalue(L, 2), lua_setfield(L, -2, "usage");
  lua_pushvalue(L, 3), lua_setfield(L, -2, "help");
  lua_pushvalue(L, 4), lua_setfield(L, -2, "fn");
  lua_setfield(L, -2, name);
  return 0;
}

/* ---- printing results ---- */

/* require(arg 1)[arg 2] (the module when arg 2 is nil; nil when it is no
** table). Run under lua_pcall, like plain_print, for a script may replace
** require or print, or give _G or the module an __index that raises (one
** ended the REPL, red team 8) */
static int module_field(lua_State *L) {
  lua_getglobal(L, "require");
  lua_pushvalue(L, 1);
  lua_call(L, 1, 1);
  if (lua_istable(L, -1) && lua_isstring(L, 2))
    lua_getfield(L, -1, lua_tostring(L, 2));
  return 1;
}

/* print(...) through the global print */
static int plain_print(lua_State *L) {
  lua_getglobal(L, "print");
  lua_insert(L, 1);
  lua_call(L, lua_gettop(L) - 1, 0);
  return 0;
}

/* Print the values on the stack: scalars through the global `print` (so
** scripted sessions match lua5.4); tables and userdata through tinsh.pretty */
static void print_results(repl *p) {
  lua_State *L = p->L;
  int n = lua_gettop(L);
  if (n == 0) return;
  int fancy = 0;
  for (int i = 1; i <= n; i++)
    if (lua_type(L, i) == LUA_TTABLE || lua_type(L, i) == LUA_TUSERDATA)
      fancy = 1;
  luaL_checkstack(L, LUA_MINSTACK, "too many results to print");
  if (fancy) {
    lua_pushcfunction(L, module_field);
    lua_pushliteral(L, PRETTY_MODULE);
    lua_pushliteral(L, "print");
    if (lua_pcall(L, 2, 1, 0) == LUA_OK && lua_isfunction(L, -1)) {
      lua_insert(L, 1);
      if (host_docall(L, n, 0) != LUA_OK) report(p, LUA_ERRRUN);
      return;
    }
    lua_settop(L, n); /* no pretty printer: plain print */
  }
  lua_pushcfunction(L, plain_print);
  lua_insert(L, 1);
  if (lua_pcall(L, n, 0, 0) != LUA_OK)
    host_message(NULL, lua_pushfstring(L, "error calling 'print' (%s)",
                                       lua_tostring(L, -1)));
}

/* ---- completion ---- */

static const char *const keywords[] = {
    "and",      "break",  "do",   "else", "elseif", "end",   "false", "for",
    "function", "goto",   "if",   "in",   "local",  "nil",   "not",   "or",
    "repeat",   "return", "then", "true", "until",  "while", NULL};

static char **matches;
static size_t nmatches, capmatches;

/* Completion copies names outside the Lua heap (readline frees them), so
** a script's globals cannot make it copy without bound: at most this many
** matches, names of at most this many bytes (longer ones are skipped). */
#define MAX_MATCHES    4096
#define MAX_MATCH_NAME 256

static void add_match(const char *prefix, size_t plen, const char *key,
                      const char *partial) {
  size_t klen = strlen(key);
  if (nmatches >= MAX_MATCHES || klen > MAX_MATCH_NAME ||
      strncmp(key, partial, strlen(partial)) != 0)
    return;
  for (size_t i = 0; i < nmatches; i++) /* no duplicates */
    if (strcmp(matches[i] + plen, key) == 0) return;
  if (nmatches + 1 >= capmatches) {
    size_t cap = capmatches ? capmatches * 2 : 32;
    char **m = realloc(matches, cap * sizeof *matches);
    if (!m) return;
    matches = m, capmatches = cap;
  }
  char *m = malloc(plen + klen + 1);
  if (!m) return;
  memcpy(m, prefix, plen);
  memcpy(m + plen, key, klen + 1);
  matches[nmatches++] = m;
}

static int is_ident(const char *s) {
  if (!(*s == '_' || (*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z')))
    return 0;
  for (; *s; s++)
    if (!(*s == '_' || (*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') ||
          (*s >= '0' && *s <= '9')))
      return 0;
  return 1;
}

/*
** Add the identifier keys of the table at `idx` and of the tables its
** metatable's __index chain leads to (depth-limited, no metamethods
** called). methods_only keeps functions. A `__complete` metafield (a
** list of names, or a function returning one) adds names an __index
** function would produce: identifiers only, like the keys, for readline
** lists matches with their C1 controls raw (CSI, OSC: red team 9).
*/
static void add_keys(lua_State *L, int idx, const char *prefix, size_t plen,
                     const char *partial, int methods_only, int depth) {
  idx = lua_absindex(L, idx);
  if (depth > 8) return;
  if (lua_istable(L, idx)) {
    lua_pushnil(L);
    while (lua_next(L, idx)) {
      if (lua_type(L, -2) == LUA_TSTRING && is_ident(lua_tostring(L, -2)) &&
          (!methods_only || lua_isfunction(L, -1)))
        add_match(prefix, plen, lua_tostring(L, -2), partial);
      lua_pop(L, 1);
    }
  }
  if (!lua_getmetatable(L, idx)) return;
  int mt = lua_gettop(L);
  if (lua_getfield(L, mt, "__complete") == LUA_TFUNCTION) {
    lua_pushvalue(L, idx);
    if (lua_pcall(L, 1, 1, 0) != LUA_OK) lua_pushnil(L);
  }
  if (lua_istable(L, -1)) {
    for (lua_Integer i = 1; lua_rawgeti(L, -1, i) == LUA_TSTRING; i++) {
      if (is_ident(lua_tostring(L, -1))) /* readline shows C1 raw (rt 9) */
        add_match(prefix, plen, lua_tostring(L, -1), partial);
      lua_pop(L, 1);
    }
    lua_pop(L, 1);
  }
  lua_pop(L, 1);
  if (lua_getfield(L, mt, "__index") == LUA_TTABLE)
    add_keys(L, -1, prefix, plen, partial, methods_only, depth + 1);
  lua_settop(L, mt - 1);
}

/* Replace the table on top by its metatable's __index when that is a
** table (read raw); else by nil. */
static void index_table(lua_State *L) {
  if (!lua_getmetatable(L, -1)) {
    lua_pop(L, 1);
    lua_pushnil(L);
    return;
  }
  lua_pushliteral(L, "__index");
  if (lua_rawget(L, -2) != LUA_TTABLE) lua_pop(L, 1), lua_pushnil(L);
  lua_remove(L, -2); /* the metatable */
  lua_remove(L, -2); /* the table */
}

/*
** Resolve a dotted expression ("corpus", "string", "a.b") by raw field
** access and table-valued __index chains (at most 8 deep); pushes the
** value (nil on failure). No code of the script's runs: a function as
** __index is not followed.
*/
static void resolve(lua_State *L, const char *expr, size_t n) {
  lua_pushglobaltable(L);
  size_t i = 0;
  while (i < n) {
    size_t j = i;
    while (j < n && expr[j] != '.' && expr[j] != ':') j++;
    lua_pushlstring(L, expr + i, j - i);
    int t = lua_type(L, -2);
    if (t == LUA_TTABLE) {
      lua_pushvalue(L, -2); /* obj key tbl: down its __index tables */
      int found = 0;
      for (int d = 0; d < 8 && lua_istable(L, -1) && !found; d++) {
        lua_pushvalue(L, -2);
        if (!(found = lua_rawget(L, -2) != LUA_TNIL)) {
          lua_pop(L, 1);
          index_table(L);
        }
      }
      if (found) {          /* obj key tbl val */
        lua_replace(L, -3); /* obj val tbl */
        lua_pop(L, 1);
      } else { /* obj key x */
        lua_pop(L, 2);
        lua_pushnil(L);
      }
    } else if (t == LUA_TUSERDATA && luaL_getmetafield(L, -2, "__index")) {
      lua_insert(L, -2);
      if (lua_istable(L, -2))
        lua_rawget(L, -2);
      else
        lua_pop(L, 1), lua_pushnil(L);
      lua_remove(L, -2);
    } else {
      lua_pop(L, 1);
      lua_pushnil(L);
    }
    lua_remove(L, -2);
    i = j + 1;
  }
}

static char *dot_generator(const char *text, int state) {
  static size_t i;
  static size_t luai;
  if (!state) i = 0, luai = 0;
  size_t n = strlen(text + 1);
  while (i < NDOT) {
    const char *name = dot_cmds[i++].name;
    if (strncmp(name, text + 1, n) == 0) {
      char *m = malloc(strlen(name) + 2);
      if (!m) return NULL;
      m[0] = '.';
      strcpy(m + 1, name);
      return m;
    }
  }
  (void)luai;
  return NULL;
}

static char *match_generator(const char *text, int state) {
  static size_t next;
  (void)text;
  if (!state) next = 0;
  return next < nmatches ? matches[next++] : NULL;
}

/* inside a string literal when the quotes before `start` are unbalanced */
static int in_string(const char *line, int start) {
  char q = 0;
  for (int i = 0; i < start; i++) {
    if (q && line[i] == '\\')
      i++;
    else if (q && line[i] == q)
      q = 0;
    else if (!q && (line[i] == '"' || line[i] == '\''))
      q = line[i];
  }
  return q != 0;
}

/*
** complete()'s Lua part, under lua_pcall (text: a light userdata): the
** keys of the dotted expression before the last '.' or ':', or the
** globals. A metatable's __complete (or a metatable's own __index while
** reading it) may raise; the error must never unwind through readline's
** frames, which left the REPL dead and the terminal raw (red team 7).
*/
static int complete_lua(lua_State *L) {
  const char *text = lua_touserdata(L, 1), *last = text, *s;
  for (s = text; (s = strpbrk(s, ".:")) != NULL; s++) last = s + 1;
  if (last != text) {
    size_t plen = (size_t)(last - text);
    resolve(L, text, plen - 1);
    add_keys(L, -1, text, plen, last, text[plen - 1] == ':', 0);
  } else {
    lua_pushglobaltable(L);
    add_keys(L, -1, "", 0, text, 0, 0);
  }
  return 0;
}

static char **complete(const char *text, int start, int end) {
  (void)end;
  lua_State *L = P->L;
  rl_attempted_completion_over = 1;
  rl_completion_append_character = '\0';
  if (in_string(rl_line_buffer, start)) {
    rl_filename_completion_desired = 1;
    return rl_completion_matches(text, rl_filename_completion_function);
  }
  if (start == 0 && text[0] == '.')
    return rl_completion_matches(text, dot_generator);
  nmatches = 0; /* the previous strings were handed to readline */
  int top = lua_gettop(L);
  for (int k = 0; !strpbrk(text, ".:") && keywords[k]; k++)
    add_match("", 0, keywords[k], text);
  lua_pushcfunction(L, complete_lua);
  lua_pushlightuserdata(L, (void *)text);
  if (lua_pcall(L, 1, 0, 0) != LUA_OK) /* no completion, the REPL goes on */
    while (nmatches) free(matches[--nmatches]);
  lua_settop(L, top);
  if (nmatches == 0) return NULL;
  return rl_completion_matches(text, match_generator);
}

/* ---- the loop ---- */

/*
** Read and compile one chunk: dot-commands run here and yield -2 (no
** chunk). Returns the load status with the function on the stack, -1 at
** end of input, -2 when there is nothing to run.
*/
static int load_chunk(repl *p) {
  lua_State *L = p->L;
  lua_settop(L, 0);
  if (!push_line(L, 1)) return -1;
  if (line_cancelled) {
    lua_settop(L, 0);
    return -2;
  }
  const char *line = lua_tostring(L, 1);
  if (line[0] == '.' && ((line[1] >= 'a' && line[1] <= 'z') ||
                         (line[1] >= 'A' && line[1] <= 'Z'))) {
    char *copy = strdup(line);
    history_add(p, copy);
    lua_settop(L, 0);
    run_dot(p, copy);
    free(copy);
    lua_settop(L, 0);
    return -2;
  }
  int status = try_return(p);
  if (status != LUA_OK) status = multiline(p);
  return status;
}

void repl_run(lua_State *L) {
  repl r;
  memset(&r, 0, sizeof r);
  r.L = L;
  r.tty = isatty(STDIN_FILENO);
  const char *nc = getenv("NO_COLOR");
  r.color = r.tty && isatty(STDERR_FILENO) && !(nc && *nc);
  P = &r;
  /* Ctrl-C belongs to the REPL for the whole session: at the prompt it
  ** cancels the line, in a chunk host_docall's handler interrupts it, and
  ** between the two it is ignored rather than killing the session */
  struct sigaction sa, oldsa;
  memset(&sa, 0, sizeof sa);
  sa.sa_handler = on_sigint_at_prompt; /* no SA_RESTART: read() returns */
  sigemptyset(&sa.sa_mask);
  sigaction(SIGINT, &sa, &oldsa);
  rl_readline_name = "tinsh";
  rl_catch_signals = 0;
  rl_getc_function = getc_cancellable;
  if (r.tty) {
    rl_attempted_completion_function = complete;
    /* not '/' or '-': they are part of file names inside strings */
    rl_basic_word_break_characters = " \t\n\"\\'`@$><=;|&{(,+*%^~#[]";
    rl_completer_quote_characters = "\"'";
    history_open(&r);
  } else {
    rl_bind_key('\t', rl_insert); /* no completion on piped input */
  }
  /* let Lua code register dot-commands: tinsh.core.dotcommand */
  lua_pushcfunction(L, module_field);
  lua_pushliteral(L, "tinsh.core");
  if (lua_pcall(L, 1, 1, 0) == LUA_OK && lua_istable(L, -1)) {
    lua_pushliteral(L, "dotcommand");
    lua_pushcfunction(L, l_dotcommand);
    lua_rawset(L, -3);
  }
  lua_settop(L, 0);
  const char *oldname = host_progname;
  host_progname = NULL; /* errors in the REPL carry no program name */
  int status;
  while (!r.quit && (status = load_chunk(&r)) != -1) {
    if (status == -2) continue;
    double t0 = now();
    if (status == LUA_OK) status = host_docall(L, 0, LUA_MULTRET);
    double dt = now() - t0;
    if (status == LUA_OK)
      print_results(&r);
    else
      report(&r, status);
    if (r.timer) printf("Run Time: real %.3f s\n", dt);
    fflush(stdout);
  }
  lua_settop(L, 0);
  if (!r.quit) fputc('\n', stdout); /* after Ctrl-D */
  fflush(stdout);
  history_close(&r);
  sigaction(SIGINT, &oldsa, NULL);
  host_progname = oldname;
  P = NULL;
}
