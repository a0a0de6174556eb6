/*
** lua_sandbox.c — `tinsh --sandbox`: running scripts from strangers.
**
** An allow-list, as Redis does it: the sandboxed script (and every module
** it requires, the tinsh stdlib included) runs in a global table built
** fresh from the functions listed below; nothing else of the standard
** libraries is reachable, package.loaded included. What is kept:
**   - base functions but the loaders, which are replaced by text-only
**     ones (no bytecode from any path: load, loadfile, dofile, require);
**   - string (without dump), table, math, utf8, coroutine (close with a
**     bounded C stack);
**   - os: clock, date, time, difftime, exit, getenv (a short list of
**     display variables only), remove and rename inside the output folder;
**   - io: read, write, close, type, stdin, stdout, stderr, and open,
**     lines, input, output under the file policy (sandbox_path.h);
**   - debug.traceback; package with the preload, Lua-file and stdlib
**     searchers, all text-only and under the read policy.
** The database opens read-only (the corpus bindings ask sandbox_active).
** The limits are in lua_sandbox_limits.c.
*/
#include "lua_sandbox.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "paths.h"
#include "sandbox_path.h"
#include "store.h"

static sbpath P; /* the file policy of the one sandboxed state */

int sandbox_active(lua_State *L) {
  int on = lua_getfield(L, LUA_REGISTRYINDEX, SANDBOX_KEY) == LUA_TSTRING;
  lua_pop(L, 1);
  return on;
}

const char *sandbox_mode(lua_State *L) {
  return sandbox_active(L) ? "t" : NULL;
}

static int sandbox_may_read(lua_State *L, const char *path) {
  return !sandbox_active(L) || sbpath_readable(&P, path);
}

/* did the user name the corpus (--db, $TINSH_DB)? */
static int named_corpus(void) {
  const char *e = getenv("TINSH_DB");
  return (host_db_option && *host_db_option) || (e && *e);
}

/*
** May a sandboxed L open the corpus database at path? The corpus the
** command line names (store_default_path: --db, $TINSH_DB, ./tinsh.db,
** the example) always; another only as a regular file the read policy
** allows, so S.open neither reads outside it nor blocks on a FIFO. One
** answer for a missing and a refused file: no probe of what exists.
** Another file is opened as possibly hostile (2: STORE_UNTRUSTED), and
** never one in the output folder, whose bytes the script writes, also
** while SQLite reads them.
** A ./tinsh.db found in the current folder, not named by --db or
** $TINSH_DB, is opened as possibly hostile too (2): a folder unpacked from
** a shared bundle may hold one, and it opened trusted, past the checks
** of store_untrusted.c (red team 4: a trigger, a foreign view, no quick
** check, a -shm made beside it).
** Never a name starting "file:" but the command line's own: this SQLite
** reads every such name as a URI (SQLITE_USE_URI), so a file the script
** wrote as "file:..%2F.secret%2Fs.db" (with --out the current folder)
** passed the policy as itself and opened ../.secret/s.db (red team
** 2026-12-05).
*/
int sandbox_may_open_db(lua_State *L, const char *path) {
  if (!sandbox_active(L)) return 1;
  char a[PATH_MAX], b[PATH_MAX], *err = NULL;
  char *dflt = store_default_path(host_db_option, &err);
  free(err);
  int same =
      dflt && (!strcmp(dflt, path) ||
               (realpath(dflt, a) && realpath(path, b) && !strcmp(a, b)));
  int found = dflt && !strcmp(dflt, "tinsh.db") && !named_corpus();
  free(dflt);
  if (same) return found ? 2 : 1;
  if (strncmp(path, "file:", 5) == 0) return 0;
  if (sbpath_in_out(&P, path)) return 0;
  struct stat st;
  return sbpath_readable(&P, path) && stat(path, &st) == 0 &&
                 S_ISREG(st.st_mode)
             ? 2
             : 0;
}

void sandbox_allow_read(lua_State *L, const char *dir) {
  if (sandbox_active(L)) sbpath_allow_read(&P, dir);
}

/* ---- the stdlib searcher (installed by host_openlibs; text only here) ---- */

/*
** package.searchers entry: look for `name` (dots become slashes) as
** <stdlib>/name.lua or <stdlib>/name/init.lua. Returns the loader and
** the file name, or nothing (so the standard message is unchanged).
** In the sandbox: text only, and only files the read policy allows.
*/
int host_stdlib_searcher(lua_State *L) {
  const char *name = luaL_checkstring(L, 1);
  const char *dir = host_dir("stdlib");
  luaL_Buffer b;
  lua_pushstring(L, name);
  const char *path = luaL_gsub(L, name, ".", "/");
  const char *forms[2] = {"%s/%s.lua", "%s/%s/init.lua"};
  luaL_buffinit(L, &b);
  for (int i = 0; i < 2; i++) {
    const char *file = lua_pushfstring(L, forms[i], dir, path);
    if (access(file, R_OK) == 0 && sandbox_may_read(L, file)) {
      if (luaL_loadfilex(L, file, sandbox_mode(L)) != LUA_OK)
        return luaL_error(L, "error loading module '%s' from file '%s':\n\t%s",
                          name, file, lua_tostring(L, -1));
      lua_pushstring(L, file);
      return 2;
    }
    lua_pop(L, 1);
  }
  return 0; /* silent: lua5.4's "module not found" message stays as it is */
}

/* ---- files ---- */

/* argument `arg` as a file name: a string without NUL bytes */
static const char *check_name(lua_State *L, int arg) {
  size_t n;
  const char *s = luaL_checklstring(L, arg, &n);
  luaL_argcheck(L, strlen(s) == n, arg, "file name contains a NUL byte");
  return s;
}

/* open(2) flags of a C mode string ("r", "w+", "ab" ...), or -1 */
static int mode_flags(const char *m) {
  static const int base[3] = {O_RDONLY, O_WRONLY | O_CREAT | O_TRUNC,
                              O_WRONLY | O_CREAT | O_APPEND};
  const char *k = m[0] ? strchr("rwa", m[0]) : NULL;
  if (!k) return -1;
  int f = base[k - "rwa"];
  if (m[1] == '+') f = (f & ~O_WRONLY & ~O_RDONLY) | O_RDWR, m++;
  return strspn(m + 1, "b") == strlen(m + 1) ? f : -1;
}

/* Files a script may hold open at once: each is a C stream and buffer
** (about 4.4 KB) the memory limit does not see, so their number is
** bounded instead of the descriptors' (RLIMIT_NOFILE, often 1M). */
#define SANDBOX_FILES_MAX 256
static int files_open; /* script file handles open now */

/*
** Reads in progress, and the streams closed meanwhile. Lua 5.4.4's read
** functions (file:read, io.read, the lines iterators) keep the FILE *
** across allocations (luaL_Buffer's growth, the result strings), and an
** allocation may run a finalizer of the script's that closes that very
** file: fclose freed the FILE and the read went on in freed memory (red
** team 10; valgrind: invalid read in ferror after fclose from GCTM), a
** FILE whose bytes the script's next strings could refill. So while a
** read runs (io_reading, counted by read_guarded) a close only flushes
** and marks the handle closed; the FILE is closed when the outermost
** read returns. files_open counts a deferred file until then, so no more
** than the files that may be open wait.
*/
static int io_reading;
/* an open that a finalizer interrupts may pass SANDBOX_FILES_MAX by one */
static FILE *deferred[SANDBOX_FILES_MAX + 16];
static int ndeferred;

/* closef of a script's file handle (its close, __close and __gc) */
static int close_file(lua_State *L) {
  luaL_Stream *p = luaL_checkudata(L, 1, LUA_FILEHANDLE);
  if (io_reading && ndeferred < (int)(sizeof deferred / sizeof *deferred)) {
    deferred[ndeferred++] = p->f;
    return luaL_fileresult(L, fflush(p->f) == 0, NULL);
  }
  files_open--;
  return luaL_fileresult(L, fclose(p->f) == 0, NULL);
}

/* the function in upvalue 1 called with this call's arguments and
** results, as a read: the files closed meanwhile close after it */
static int read_guarded(lua_State *L) {
  lua_pushvalue(L, lua_upvalueindex(1));
  lua_insert(L, 1);
  io_reading++;
  int status = lua_pcall(L, lua_gettop(L) - 1, LUA_MULTRET, 0);
  if (--io_reading == 0)
    while (ndeferred > 0) fclose(deferred[--ndeferred]), files_open--;
  return status == LUA_OK ? lua_gettop(L) : lua_error(L);
}

/* lines (io.lines or file:lines, upvalue 1): its iterator guarded */
static int lines_guarded(lua_State *L) {
  lua_pushvalue(L, lua_upvalueindex(1));
  lua_insert(L, 1);
  lua_call(L, lua_gettop(L) - 1, LUA_MULTRET);
  if (lua_type(L, 1) == LUA_TFUNCTION) {
    lua_pushvalue(L, 1);
    lua_pushcclosure(L, read_guarded, 1);
    lua_replace(L, 1);
  }
  return lua_gettop(L);
}

/* the file handles' read and lines methods (in the metatable of every
** file, the standard ones included) guarded */
static void guard_methods(lua_State *L) {
  luaL_getmetatable(L, LUA_FILEHANDLE);
  if (lua_getfield(L, -1, "__index") == LUA_TTABLE) {
    lua_getfield(L, -1, "read");
    lua_pushcclosure(L, read_guarded, 1);
    lua_setfield(L, -2, "read");
    lua_getfield(L, -1, "lines");
    lua_pushcclosure(L, lines_guarded, 1);
    lua_setfield(L, -2, "lines");
  }
  lua_pop(L, 2);
}

/*
** push a Lua file handle for descriptor fd (closed on failure); a file
** open for writing counts its bytes against the output budget
*/
static int push_fd(lua_State *L, int fd, const char *mode, int write) {
  luaL_Stream *p = lua_newuserdatauv(L, sizeof *p, 0);
  p->closef = NULL; /* closed until it holds a FILE */
  luaL_setmetatable(L, LUA_FILEHANDLE);
  p->f = write ? sblimits_out_fdopen(fd, mode) : fdopen(fd, mode);
  if (!p->f) {
    close(fd);
    return 0;
  }
  p->closef = close_file;
  files_open++;
  return 1;
}

/* fail, msg, errno — as io.open reports */
static int push_refusal(lua_State *L, const char *why) {
  int e = errno ? errno : EACCES;
  luaL_pushfail(L);
  lua_pushstring(L, why);
  lua_pushinteger(L, e);
  return 3;
}

/* open name under the policy; pushes a file, or fail, msg, errno */
static int open_policy(lua_State *L, const char *name, const char *mode) {
  char why[PATH_MAX + 128];
  int f = mode_flags(mode), write = (f & (O_WRONLY | O_RDWR)) != 0;
  errno = 0;
  if (files_open >= SANDBOX_FILES_MAX) {
    errno = EMFILE;
    snprintf(why, sizeof why, "%s: sandbox: too many open files (%d)", name,
             SANDBOX_FILES_MAX);
    return push_refusal(L, why);
  }
  if (write && sblimits_out_open() != 0) {
    snprintf(why, sizeof why, "%s: sandbox: output limit exceeded", name);
    return push_refusal(L, why);
  }
  int fd = write ? sbpath_open_write(&P, name, f, why, sizeof why)
                 : sbpath_open_read(&P, name, why, sizeof why);
  if (fd < 0) return push_refusal(L, why);
  if (!push_fd(L, fd, mode, write)) return luaL_fileresult(L, 0, name);
  return 1;
}

/* io.open(name [, mode]) */
static int sb_io_open(lua_State *L) {
  const char *name = check_name(L, 1);
  const char *mode = luaL_optstring(L, 2, "r");
  luaL_argcheck(L, mode_flags(mode) >= 0, 2, "invalid mode");
  return open_policy(L, name, mode);
}

/* io.lines([name, ...]): the file opened under the policy */
static int sb_io_lines(lua_State *L) {
  if (lua_isnoneornil(L, 1)) /* the default input: the original io.lines */
    return lines_guarded(L);
  const char *name = check_name(L, 1);
  if (open_policy(L, name, "r") != 1)
    return luaL_error(L, "%s", lua_tostring(L, -2));
  lua_replace(L, 1);           /* file, formats... */
  lua_getfield(L, 1, "lines"); /* file:lines(formats...) */
  lua_insert(L, 2);
  lua_pushvalue(L, 1);
  lua_insert(L, 3);
  lua_call(L, lua_gettop(L) - 2, 1); /* file, iterator */
  lua_pushnil(L), lua_pushnil(L);
  lua_pushvalue(L, 1); /* the file closes with the for loop */
  return 4;
}

/* io.input/io.output: a name opens under the policy; files as before */
static int redirect(lua_State *L, const char *mode) {
  if (lua_type(L, 1) == LUA_TSTRING) {
    if (open_policy(L, check_name(L, 1), mode) != 1)
      return luaL_error(L, "%s", lua_tostring(L, -2));
    lua_replace(L, 1);
  } else if (!lua_isnoneornil(L, 1) && !luaL_testudata(L, 1, LUA_FILEHANDLE)) {
    return luaL_typeerror(L, 1, "string or file");
  }
  lua_settop(L, 1);
  lua_pushvalue(L, lua_upvalueindex(1));
  lua_insert(L, 1);
  lua_call(L, 1, 1);
  return 1;
}

static int sb_io_output(lua_State *L) {
  return redirect(L, "w");
}
static int sb_io_input(lua_State *L) {
  return redirect(L, "r");
}

/* os.remove / os.rename: only inside the output folder */
static int sb_os_remove(lua_State *L) {
  char why[PATH_MAX + 128];
  const char *name = check_name(L, 1);
  errno = 0;
  if (sbpath_remove(&P, name, why, sizeof why) != 0)
    return push_refusal(L, why);
  lua_pushboolean(L, 1);
  return 1;
}

static int sb_os_rename(lua_State *L) {
  char why[PATH_MAX + 128];
  const char *from = check_name(L, 1), *to = check_name(L, 2);
  errno = 0;
  if (sbpath_rename(&P, from, to, why, sizeof why) != 0)
    return push_refusal(L, why);
  lua_pushboolean(L, 1);
  return 1;
}

/* os.getenv: only the variables that shape the display */
static int sb_os_getenv(lua_State *L) {
  static const char *const open_vars[] = {"NO_COLOR", "TERM", "COLUMNS",
                                          "LINES",    "LANG", "LC_ALL",
                                          "LC_CTYPE", "TZ",   NULL};
  const char *name = luaL_checkstring(L, 1);
  for (int i = 0; open_vars[i]; i++)
    if (strcmp(name, open_vars[i]) == 0) {
      lua_pushstring(L, getenv(name));
      return 1;
    }
  luaL_pushfail(L);
  return 1;
}

/* ---- loading code: text only ---- */

typedef struct reader {
  FILE *f;
  int started; /* the first block (BOM, #! line) was handled */
  char buf[BUFSIZ];
} reader;

/*
** lua_Reader over a FILE. The first block loses a UTF-8 BOM and a first
** line starting with '#' (its newline kept, so line numbers hold).
*/
static const char *read_block(lua_State *L, void *ud, size_t *size) {
  reader *r = ud;
  (void)L;
  *size = fread(r->buf, 1, sizeof r->buf, r->f);
  char *s = r->buf;
  if (!r->started && *size > 0) {
    r->started = 1;
    if (*size >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0) s += 3, *size -= 3;
    if (*size > 0 && s[0] == '#') {
      char *nl = memchr(s, '\n', *size);
      while (!nl && (*size = fread(r->buf, 1, sizeof r->buf, r->f)) > 0)
        nl = memchr(s = r->buf, '\n', *size);
      if (!nl) return NULL;
      *size -= (size_t)(nl - s), s = nl;
    }
  }
  return *size ? s : NULL;
}

/*
** Load the file `name` (stdin when NULL) as text under the read policy.
** Returns a load status with the chunk or the message on the stack.
*/
static int load_policy(lua_State *L, const char *name) {
  char why[PATH_MAX + 128];
  if (name == NULL) return luaL_loadfilex(L, NULL, "t");
  int fd = sbpath_open_read(&P, name, why, sizeof why);
  if (fd < 0) {
    lua_pushfstring(L, "cannot open %s", why);
    return LUA_ERRFILE;
  }
  reader r = {fdopen(fd, "r"), 0, {0}};
  if (!r.f) {
    close(fd);
    lua_pushfstring(L, "cannot open %s", name);
    return LUA_ERRFILE;
  }
  lua_pushfstring(L, "@%s", name);
  int status = lua_load(L, read_block, &r, lua_tostring(L, -1), "t");
  fclose(r.f);
  lua_remove(L, -2); /* the chunk name */
  return status;
}

/*
** Check an optional mode argument: a string; one that asks for binary
** chunks is refused at once (a binary chunk is refused in any case).
*/
static void check_mode(lua_State *L, int arg) {
  if (lua_isnoneornil(L, arg)) return;
  luaL_checktype(L, arg, LUA_TSTRING);
  if (strchr(lua_tostring(L, arg), 'b'))
    luaL_error(L, "sandbox: binary chunks are not allowed");
}

/* load(chunk [, name [, mode [, env]]]) with mode forced to "t" */
static int sb_load(lua_State *L) {
  if (!lua_isstring(L, 1) && lua_type(L, 1) != LUA_TFUNCTION)
    luaL_typeerror(L, 1, "string or function"); /* named 'load' here */
  check_mode(L, 3);
  int nargs = lua_gettop(L) >= 4 ? 4 : 3; /* no env given: the global one */
  lua_settop(L, nargs);
  lua_pushliteral(L, "t");
  lua_replace(L, 3);
  lua_pushvalue(L, lua_upvalueindex(1));
  lua_insert(L, 1);
  lua_call(L, nargs, LUA_MULTRET);
  return lua_gettop(L);
}

/* loadfile([name [, mode [, env]]]) */
static int sb_loadfile(lua_State *L) {
  const char *name = lua_isnoneornil(L, 1) ? NULL : check_name(L, 1);
  check_mode(L, 2);
  int env = !lua_isnone(L, 3) ? 3 : 0;
  if (load_policy(L, name) != LUA_OK) {
    luaL_pushfail(L);
    lua_insert(L, -2);
    return 2;
  }
  if (env) {
    lua_pushvalue(L, env);
    if (!lua_setupvalue(L, -2, 1)) lua_pop(L, 1);
  }
  return 1;
}

/* dofile([name]) */
static int sb_dofile(lua_State *L) {
  const char *name = lua_isnoneornil(L, 1) ? NULL : check_name(L, 1);
  lua_settop(L, 1);
  if (load_policy(L, name) != LUA_OK) return lua_error(L);
  lua_call(L, 0, LUA_MULTRET);
  return lua_gettop(L) - 1;
}

/*
** Find `name` along the templates of `path` (';'-separated, '?' for the
** name with dots as slashes) among the files the policy lets us read.
** Pushes the file name, or nil and the list of places tried.
*/
static int search_path(lua_State *L, const char *name, const char *path) {
  luaL_Buffer tried;
  const char *file = luaL_gsub(L, name, ".", "/");
  luaL_buffinit(L, &tried);
  while (*path) {
    const char *end = strchr(path, ';');
    size_t n = end ? (size_t)(end - path) : strlen(path);
    lua_pushlstring(L, path, n);
    const char *cand = luaL_gsub(L, lua_tostring(L, -1), "?", file);
    lua_remove(L, -2);
    if (sbpath_readable(&P, cand)) return 1;
    /* lua5.4's form: "no file 'a'\n\tno file 'b'" (require adds the
    ** "\n\t" before the first) */
    lua_pushfstring(L, "%sno file '%s'", luaL_bufflen(&tried) ? "\n\t" : "",
                    cand);
    lua_remove(L, -2);
    luaL_addvalue(&tried);
    path += n + (end != NULL);
  }
  luaL_pushresult(&tried);
  lua_pushnil(L);
  lua_insert(L, -2);
  return 2;
}

/* package.searchpath(name, path) under the read policy */
static int sb_searchpath(lua_State *L) {
  const char *name = luaL_checkstring(L, 1);
  const char *path = luaL_checkstring(L, 2);
  luaL_argcheck(L, lua_isnoneornil(L, 3) && lua_isnoneornil(L, 4), 3,
                "separators cannot be changed in --sandbox");
  return search_path(L, name, path);
}

/* package.searchers entry: Lua files along package.path, text only */
static int sb_lua_searcher(lua_State *L) {
  const char *name = luaL_checkstring(L, 1);
  lua_getfield(L, lua_upvalueindex(1), "path");
  const char *path = lua_tostring(L, -1);
  if (!path) return luaL_error(L, "'package.path' must be a string");
  if (search_path(L, name, path) != 1) return 1; /* the places tried */
  const char *file = lua_tostring(L, -1);
  if (load_policy(L, file) != LUA_OK)
    return luaL_error(L, "error loading module '%s' from file '%s':\n\t%s",
                      name, file, lua_tostring(L, -1));
  lua_insert(L, -2); /* loader, file name */
  return 2;
}

/* ---- coroutine.close: bounded C stack ---- */

/*
** Lua 5.4.4's coroutine.close runs the pending __close handlers of the
** closed coroutine without counting C levels (lua_resetthread; fixed by
** lua_closethread in 5.4.5), so a chain of coroutines that close each
** other from __close overflowed the C stack: a segfault (red team
** 2026-12-05, 200000 nested closes). Every level that Lua does not count
** passes through coroutine.close, and between two of them Lua's own limit
** (LUAI_MAXCCALLS) holds; so close refuses once the C stack below the
** sandbox's start is deeper than CLOSE_STACK, far from a default 8 MB.
*/
#define CLOSE_STACK ((uintptr_t)1 << 20)
static uintptr_t stack_start; /* an address on the C stack at sandbox_apply */

static uintptr_t stack_here(void) {
  return (uintptr_t)__builtin_frame_address(0); /* clang: no local's address */
}

static int sb_co_close(lua_State *L) {
  uintptr_t at = stack_here();
  uintptr_t depth = at < stack_start ? stack_start - at : at - stack_start;
  if (depth > CLOSE_STACK)
    return luaL_error(L, "sandbox: coroutine.close nested too deeply");
  lua_pushvalue(L, lua_upvalueindex(1));
  lua_insert(L, 1);
  lua_call(L, lua_gettop(L) - 1, LUA_MULTRET);
  return lua_gettop(L);
}

/* ---- the environment ---- */

static const char *const base_names[] = {
    "assert",   "collectgarbage", "error",  "getmetatable",
    "ipairs",   "next",           "pairs",  "pcall",
    "print",    "rawequal",       "rawget", "rawlen",
    "rawset",   "require",        "select", "setmetatable",
    "tonumber", "tostring",       "type",   "warn",
    "xpcall",   "_VERSION",       "arg",    NULL};
static const char *const os_names[] = {"clock",    "date", "time",
                                       "difftime", "exit", NULL};
static const char *const io_names[] = {"read",  "write",  "close",  "type",
                                       "stdin", "stdout", "stderr", NULL};

/* t[k] = from[k] for each listed name (t at -2, from at -1 ... see use) */
static void copy_names(lua_State *L, int to, int from,
                       const char *const *names) {
  for (int i = 0; names[i]; i++) {
    lua_getfield(L, from, names[i]);
    lua_setfield(L, to, names[i]);
  }
}

/* t[name] = f with the value old[name] as upvalue 1 (t, old absolute) */
static void wrap(lua_State *L, int t, int old, const char *name,
                 lua_CFunction f) {
  lua_getfield(L, old, name);
  lua_pushcclosure(L, f, 1);
  lua_setfield(L, t, name);
}

static void set_fn(lua_State *L, int t, const char *name, lua_CFunction f) {
  lua_pushcfunction(L, f);
  lua_setfield(L, t, name);
}

/* a stand-in for a function the sandbox does not have: it says so */
static int sb_forbidden(lua_State *L) {
  return luaL_error(L, "sandbox: %s is not allowed",
                    lua_tostring(L, lua_upvalueindex(1)));
}

/* t[name] = a stand-in naming lib.name */
static void forbid(lua_State *L, int t, const char *lib, const char *name) {
  lua_pushfstring(L, "%s.%s", lib, name);
  lua_pushcclosure(L, sb_forbidden, 1);
  lua_setfield(L, t, name);
}

/* push a new io table built from the original one at index old */
static void new_io(lua_State *L, int old) {
  lua_newtable(L);
  int t = lua_gettop(L);
  copy_names(L, t, old, io_names);
  wrap(L, t, old, "read", read_guarded);
  guard_methods(L);
  set_fn(L, t, "open", sb_io_open);
  wrap(L, t, old, "lines", sb_io_lines);
  wrap(L, t, old, "output", sb_io_output);
  wrap(L, t, old, "input", sb_io_input);
  forbid(L, t, "io", "popen");
  forbid(L, t, "io", "tmpfile");
}

/* push a new os table built from the original one at index old */
static void new_os(lua_State *L, int old) {
  lua_newtable(L);
  int t = lua_gettop(L);
  copy_names(L, t, old, os_names);
  set_fn(L, t, "getenv", sb_os_getenv);
  set_fn(L, t, "remove", sb_os_remove);
  set_fn(L, t, "rename", sb_os_rename);
  forbid(L, t, "os", "execute");
  forbid(L, t, "os", "tmpname");
  forbid(L, t, "os", "setlocale");
}

/* push a debug table with traceback only */
static void new_debug(lua_State *L, int old) {
  lua_newtable(L);
  lua_getfield(L, old, "traceback");
  lua_setfield(L, -2, "traceback");
}

/*
** The package table (at index pkg) made safe in place (require keeps
** it as its upvalue): no C loaders, text-only searchers under the read
** policy. loaded[] is fixed by the caller.
*/
static void fix_package(lua_State *L, int pkg) {
  forbid(L, pkg, "package", "loadlib");
  lua_pushliteral(L, ""), lua_setfield(L, pkg, "cpath");
  set_fn(L, pkg, "searchpath", sb_searchpath);
  lua_getfield(L, pkg, "searchers");
  lua_createtable(L, 3, 0);
  lua_rawgeti(L, -2, 1); /* the preload searcher: no files */
  lua_rawseti(L, -2, 1);
  lua_pushcfunction(L, host_stdlib_searcher); /* before the path's "./?.lua" */
  lua_rawseti(L, -2, 2);
  lua_pushvalue(L, pkg);
  lua_pushcclosure(L, sb_lua_searcher, 1);
  lua_rawseti(L, -2, 3);
  lua_setfield(L, pkg, "searchers");
  lua_pop(L, 1); /* the old searchers */
}

/* loaded[name] = value at index v */
static void set_loaded(lua_State *L, int loaded, const char *name, int v) {
  lua_pushvalue(L, v);
  lua_setfield(L, loaded, name);
}

/*
** Build the sandboxed global table from the original one (on top) and
** make it the globals of L (registry LUA_RIDX_GLOBALS, package.loaded._G).
*/
static void build_globals(lua_State *L) {
  int old = lua_gettop(L);
  lua_newtable(L);
  int g = lua_gettop(L);
  copy_names(L, g, old, base_names);
  lua_pushvalue(L, g), lua_setfield(L, g, "_G");
  wrap(L, g, old, "load", sb_load);
  set_fn(L, g, "loadfile", sb_loadfile);
  set_fn(L, g, "dofile", sb_dofile);
  static const char *const libs[] = {"string",    "table",   "math", "utf8",
                                     "coroutine", "package", NULL};
  copy_names(L, g, old, libs);
  lua_getfield(L, g, "coroutine");
  wrap(L, lua_gettop(L), lua_gettop(L), "close", sb_co_close);
  lua_pop(L, 1);
  lua_getfield(L, g, "string"); /* also ("").dump */
  forbid(L, lua_gettop(L), "string", "dump");
  lua_pop(L, 1);
  lua_getfield(L, old, "io"), new_io(L, lua_gettop(L));
  lua_getfield(L, old, "os"), new_os(L, lua_gettop(L));
  lua_getfield(L, old, "debug"), new_debug(L, lua_gettop(L));
  int io = g + 2, os = g + 4, dbg = g + 6; /* the new tables */
  lua_pushvalue(L, io), lua_setfield(L, g, "io");
  lua_pushvalue(L, os), lua_setfield(L, g, "os");
  lua_pushvalue(L, dbg), lua_setfield(L, g, "debug");
  lua_getfield(L, g, "package");
  int pkg = lua_gettop(L);
  fix_package(L, pkg);
  lua_getfield(L, pkg, "loaded");
  int loaded = lua_gettop(L);
  set_loaded(L, loaded, "_G", g);
  set_loaded(L, loaded, "io", io);
  set_loaded(L, loaded, "os", os);
  set_loaded(L, loaded, "debug", dbg);
  lua_pushvalue(L, g);
  lua_rawseti(L, LUA_REGISTRYINDEX, LUA_RIDX_GLOBALS);
  lua_settop(L, old - 1); /* the original globals too */
}

/*
** Apply the sandbox to L, before anything of the script or the stdlib is
** loaded. outdir (NULL: "./out") is created when missing and resolved
** once. Returns NULL, or a one-line message (nothing applied then).
*/
const char *sandbox_apply(lua_State *L, const char *outdir) {
  static char why[PATH_MAX + 128];
  char cwd[PATH_MAX];
  if (sbpath_init(&P, outdir ? outdir : "out", why, sizeof why) != 0)
    return why;
  stack_start = stack_here();
  const char *err = sblimits_start(L);
  if (err) return err;
  if (getcwd(cwd, sizeof cwd)) sbpath_allow_read(&P, cwd);
  char *dberr = NULL, *corpus = store_default_path(host_db_option, &dberr);
  sbpath_guard(&P, corpus); /* read-only, also inside --out */
  free(corpus), free(dberr);
  static const char *const dirs[] = {"stdlib", "scripts", "examples", "data"};
  for (int i = 0; i < 4; i++) sbpath_allow_read(&P, host_dir(dirs[i]));
  lua_pushstring(L, P.out);
  lua_setfield(L, LUA_REGISTRYINDEX, SANDBOX_KEY);
  lua_pushglobaltable(L);
  build_globals(L);
  sbtty_start(L);
  return NULL;
}
