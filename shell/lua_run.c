/*
** lua_run.c — `tinsh run NAME|FILE [ARGS]` and `tinsh run --list`.
**
** A report script is found as a path, else as NAME.lua in the user's
** script folder ($TINSH_SCRIPTS_USER, else $XDG_CONFIG_HOME/tinsh/scripts,
** else ~/.config/tinsh/scripts), else in the bundled scripts/. Its header
** is the leading block of `---` comment lines:
**
**   --- title: Corpus overview
**   --- usage: tinsh run overview [html|md|csv] [OUT]
**   --- any further line of help
*/
#include <dirent.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cmd.h"
#include "lua_host.h"
#include "paths.h"
#include "width.h"

static int is_file(const char *p) {
  struct stat st;
  return stat(p, &st) == 0 && S_ISREG(st.st_mode);
}

static const char *user_dir(char *buf, size_t n) {
  const char *e = getenv("TINSH_SCRIPTS_USER");
  const char *xdg = getenv("XDG_CONFIG_HOME");
  const char *home = getenv("HOME");
  if (e && *e)
    snprintf(buf, n, "%s", e);
  else if (xdg && *xdg)
    snprintf(buf, n, "%s/tinsh/scripts", xdg);
  else if (home && *home)
    snprintf(buf, n, "%s/.config/tinsh/scripts", home);
  else
    return NULL;
  return buf;
}

/* find the script for NAME; returns 0 and the path in out. A NAME with a
** '/' or ending in ".lua" is a path; any other is looked for in the
** user's scripts folder, then the bundled one, never in the current
** folder: a folder unpacked from a shared bundle with a file "kwic" in
** it ran that file, unsandboxed, for `tinsh run kwic` (red team 7) */
static int find_script(const char *name, char *out, size_t n) {
  char dir[PATH_MAX];
  size_t k = strlen(name);
  if (strchr(name, '/') || (k > 4 && strcmp(name + k - 4, ".lua") == 0)) {
    snprintf(out, n, "%s", name);
    return is_file(out) ? 0 : -1;
  }
  const char *dirs[2] = {user_dir(dir, sizeof dir), host_dir("scripts")};
  for (int i = 0; i < 2; i++) {
    if (!dirs[i]) continue;
    snprintf(out, n, "%s/%s.lua", dirs[i], name);
    if (is_file(out)) return 0;
  }
  return -1;
}

/*
** Write a header line of a script to standard output: on a terminal with
** its control characters shown as escapes (width_put_visible), for the
** header of a shared script is the stranger's text, read before the
** script is run (`tinsh run x.lua --help`, `--list`): raw, its escape
** sequences drove the terminal (red team 4).
*/
static void put_header_text(const char *s) {
  if (isatty(STDOUT_FILENO))
    width_put_visible(s, strlen(s), stdout, 1);
  else
    fputs(s, stdout);
}

/* print the `--- key: value` header lines of a script; returns count */
static int print_header(const char *path, const char *only_key,
                        const char *prefix) {
  FILE *f = fopen(path, "r");
  if (!f) return 0;
  char line[1024];
  int n = 0;
  size_t klen = only_key ? strlen(only_key) : 0;
  while (fgets(line, sizeof line, f)) {
    if (line[0] == '#' && line[1] == '!') continue; /* shebang */
    if (strncmp(line, "---", 3) != 0) break;
    char *text = line + 3;
    while (*text == ' ') text++;
    if (only_key && (strncmp(text, only_key, klen) != 0 || text[klen] != ':'))
      continue;
    if (only_key) text += klen + 1;
    while (*text == ' ') text++;
    fputs(prefix, stdout);
    put_header_text(text);
    n++;
  }
  fclose(f);
  return n;
}

static int cmp_str(const void *a, const void *b) {
  return strcmp(*(char *const *)a, *(char *const *)b);
}

/* list the scripts of one folder with their titles */
static void list_dir(const char *dir, const char *label) {
  DIR *d = dir ? opendir(dir) : NULL;
  if (!d) return;
  char *names[512];
  int n = 0;
  struct dirent *e;
  while ((e = readdir(d)) && n < 512) {
    size_t len = strlen(e->d_name);
    if (len > 4 && strcmp(e->d_name + len - 4, ".lua") == 0)
      names[n++] = strdup(e->d_name);
  }
  closedir(d);
  qsort(names, (size_t)n, sizeof *names, cmp_str);
  if (n) printf("%s (%s):\n", label, dir);
  for (int i = 0; i < n; i++) {
    char path[PATH_MAX];
    snprintf(path, sizeof path, "%s/%s", dir, names[i]);
    names[i][strlen(names[i]) - 4] = '\0';
    size_t w = strlen(names[i]);
    fputs("  ", stdout);
    put_header_text(names[i]); /* a file name is a stranger's text too */
    printf("%*s ", w < 12 ? (int)(12 - w) : 0, "");
    if (!print_header(path, "title", "")) printf("\n");
    print_header(path, "usage", "               ");
    free(names[i]);
  }
}

/*
** Run the script at `path` with args in a fresh state, as tinsh does a
** script: arg table, prelude, sandbox when asked.
*/
static int run_pmain(lua_State *L) {
  const char *path = lua_touserdata(L, 1);
  int argc = (int)lua_tointeger(L, 2);
  char **argv = lua_touserdata(L, 3);
  luaL_openlibs(L);
  host_openlibs(L);
  lua_createtable(L, argc, 1);
  lua_pushstring(L, path);
  lua_rawseti(L, -2, 0);
  for (int i = 0; i < argc; i++) {
    lua_pushstring(L, argv[i]);
    lua_rawseti(L, -2, i + 1);
  }
  lua_setglobal(L, "arg");
  if (host_sandbox) { /* before the prelude loads anything */
    const char *err = sandbox_apply(L, host_outdir);
    if (err) {
      cmd_error(err, NULL);
      return 0;
    }
    char dir[PATH_MAX];
    snprintf(dir, sizeof dir, "%s", path);
    char *slash = strrchr(dir, '/');
    if (slash) *slash = '\0', sandbox_allow_read(L, dir);
  }
  if (host_prelude(L) != LUA_OK) return 0;
  int status = luaL_loadfilex(L, path, sandbox_mode(L));
  if (status == LUA_OK) {
    for (int i = 0; i < argc; i++) lua_pushstring(L, argv[i]);
    status = host_docall(L, argc, 0);
  }
  if (host_report(L, status) != LUA_OK) return 0;
  lua_pushboolean(L, 1);
  return 1;
}

int cmd_run(const cmd_args *a) {
  int argc = a->argc;
  char **argv = a->argv, path[PATH_MAX], dir[PATH_MAX];
  if (argc < 2) {
    cmd_error("run", "usage: tinsh run NAME|FILE [ARGS] (tinsh run --list)");
    return 1;
  }
  if (strcmp(argv[1], "--list") == 0) {
    list_dir(user_dir(dir, sizeof dir), "your scripts");
    list_dir(host_dir("scripts"), "bundled scripts");
    return 0;
  }
  if (find_script(argv[1], path, sizeof path) != 0) {
    char msg[PATH_MAX + 64];
    snprintf(msg, sizeof msg,
             is_file(argv[1]) ? "no script named '%s' (tinsh run --list; a "
                                "file here runs as ./%s)"
                              : "no script named '%s' (tinsh run --list)",
             argv[1], argv[1]);
    cmd_error("run", msg);
    return 1;
  }
  if (argc == 3 && strcmp(argv[2], "--help") == 0) {
    if (!print_header(path, NULL, "")) printf("%s: no header\n", path);
    return 0;
  }
  lua_State *L = luaL_newstate();
  if (!L) {
    cmd_error("run", "not enough memory");
    return 1;
  }
  lua_pushcfunction(L, run_pmain);
  lua_pushlightuserdata(L, path);
  lua_pushinteger(L, argc - 2);
  lua_pushlightuserdata(L, argv + 2);
  int status = lua_pcall(L, 3, 1, 0);
  int ok = lua_toboolean(L, -1);
  host_report(L, status);
  lua_close(L);
  return ok && status == LUA_OK ? 0 : 1;
}
