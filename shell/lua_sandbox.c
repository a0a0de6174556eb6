/*
** lua_sandbox.c — `tinsh --sandbox`: running scripts from strangers.
**
** Allow-list style, after Redis: what an untrusted script may not have is
** taken away (os.execute, io.popen, package.loadlib, C searchers,
** string.dump, bytecode loading, the debug library but traceback), file
** writes are confined to an output folder, the database opens read-only
** (the corpus bindings ask sandbox_active), and two limits hold:
** an instruction budget whose hook, once tripped, re-arms itself on
** every line so pcall cannot swallow it, and a memory ceiling in the
** allocator. Hooks do not run everywhere (inside C functions such as a
** backtracking pattern or an SQL statement, in __gc finalizers, in an
** error handler called from a hook), so a CPU-time limit backs the
** budget: the first SIGXCPU trips the hook and interrupts SQLite, the
** next one (a CPU second later) ends the process.
*/
#include <errno.h>
#include <limits.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include "interrupt.h"
#include "lua_host.h"

#define DEFAULT_STEPS 2000000000LL          /* VM instructions */
#define DEFAULT_MEM   (512LL * 1024 * 1024) /* bytes */
#define HOOK_EVERY    10000

/* the limits of the one sandboxed state */
static struct {
  long long steps_left; /* instructions still allowed */
  int tripped;          /* the budget ran out: every hook call raises */
  size_t mem_used;      /* bytes currently allocated by Lua */
  size_t mem_limit;     /* ceiling */
  lua_Alloc orig;       /* the allocator we wrap */
  void *orig_ud;
  lua_State *L;               /* the sandboxed state, for the SIGXCPU handler */
  volatile sig_atomic_t xcpu; /* SIGXCPU signals received */
} S;

int sandbox_active(lua_State *L) {
  int on = lua_getfield(L, LUA_REGISTRYINDEX, SANDBOX_KEY) == LUA_TSTRING;
  lua_pop(L, 1);
  return on;
}

/* ---- limits ---- */

static void *limited_alloc(void *ud, void *ptr, size_t osize, size_t nsize) {
  (void)ud;
  size_t old = ptr ? osize : 0;
  if (nsize > old && S.mem_used - old + nsize > S.mem_limit) return NULL;
  void *p = S.orig(S.orig_ud, ptr, osize, nsize);
  if (p != NULL || nsize == 0) S.mem_used = S.mem_used - old + nsize;
  return p;
}

/*
** Count hook. Once the budget is spent it switches to a line hook that
** raises on every line (and every instruction), so an error handler
** that catches the first error cannot keep the script running.
*/
static void step_hook(lua_State *L, lua_Debug *ar) {
  (void)ar;
  if (!S.tripped) {
    S.steps_left -= HOOK_EVERY;
    if (S.steps_left > 0) return;
    S.tripped = 1;
    lua_sethook(L, step_hook, LUA_MASKLINE | LUA_MASKCOUNT | LUA_MASKCALL, 1);
  }
  luaL_error(L, "sandbox: instruction limit exceeded");
}

/*
** CPU-time limit reached. First time: trip the instruction hook and
** interrupt SQLite, so the script ends with a Lua error. Next time, the
** script is stuck where no hook runs: say so and end the process.
*/
static void on_xcpu(int sig) {
  (void)sig;
  if (S.xcpu++ == 0) {
    S.tripped = 1;
    lua_sethook(S.L, step_hook, LUA_MASKLINE | LUA_MASKCOUNT | LUA_MASKCALL, 1);
    interrupt_all();
    return;
  }
  static const char msg[] = "tinsh: sandbox: CPU time limit exceeded\n";
  ssize_t r = write(STDERR_FILENO, msg, sizeof msg - 1);
  (void)r;
  _exit(1);
}

/* RLIMIT_CPU: $TINSH_SANDBOX_CPU seconds, else one second per 10^7
** budgeted instructions (plus one), generous for Lua code */
static void set_cpu_limit(long long steps) {
  long long secs = steps / 10000000 + 1;
  const char *v = getenv("TINSH_SANDBOX_CPU");
  if (v && *v && atoll(v) > 0) secs = atoll(v);
  struct rlimit rl;
  if (getrlimit(RLIMIT_CPU, &rl) != 0) return;
  struct rusage ru;
  getrusage(RUSAGE_SELF, &ru);
  rlim_t used = (rlim_t)ru.ru_utime.tv_sec + (rlim_t)ru.ru_stime.tv_sec;
  rlim_t soft = used + (rlim_t)secs;
  if (rl.rlim_max != RLIM_INFINITY && soft > rl.rlim_max) soft = rl.rlim_max;
  rl.rlim_cur = soft;
  if (rl.rlim_max == RLIM_INFINITY || rl.rlim_max > soft + 10)
    rl.rlim_max = soft + 10; /* the kernel's SIGKILL, last resort */
  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_handler = on_xcpu;
  sigemptyset(&sa.sa_mask);
  sigaction(SIGXCPU, &sa, NULL);
  setrlimit(RLIMIT_CPU, &rl);
}

static long long env_number(const char *name, long long dflt) {
  const char *v = getenv(name);
  if (!v || !*v) return dflt;
  char *end;
  long long n = strtoll(v, &end, 10);
  return (*end == '\0' && n > 0) ? n : dflt;
}

/* ---- file access confined to the output folder ---- */

/*
** Is `path` inside the output folder? The folder of the target is
** resolved (the file itself may not exist yet), so ".." and symlinks
** cannot lead out.
*/
static int inside_outdir(lua_State *L, const char *path) {
  lua_getfield(L, LUA_REGISTRYINDEX, SANDBOX_KEY);
  const char *out = lua_tostring(L, -1);
  char dir[PATH_MAX], real[PATH_MAX];
  snprintf(dir, sizeof dir, "%s", path);
  char *slash = strrchr(dir, '/');
  const char *base = path;
  if (slash) {
    *slash = '\0';
    base = slash + 1;
    if (dir[0] == '\0') strcpy(dir, "/");
  } else {
    strcpy(dir, ".");
  }
  int ok = realpath(dir, real) != NULL && strcmp(base, "..") != 0 &&
           strcmp(base, ".") != 0;
  size_t n = strlen(out);
  if (ok)
    ok = strncmp(real, out, n) == 0 && (real[n] == '\0' || real[n] == '/');
  struct stat st;
  if (ok && lstat(path, &st) == 0 && S_ISLNK(st.st_mode)) {
    /* a link already in the folder must lead back into it (and exist) */
    ok = realpath(path, real) != NULL && strncmp(real, out, n) == 0 &&
         (real[n] == '\0' || real[n] == '/');
  }
  lua_pop(L, 1);
  return ok;
}

static int refuse(lua_State *L, const char *what, const char *path) {
  lua_getfield(L, LUA_REGISTRYINDEX, SANDBOX_KEY);
  luaL_pushfail(L);
  lua_pushfstring(L, "%s: sandbox: %s only inside the output folder %s", path,
                  what, lua_tostring(L, -2));
  lua_pushinteger(L, EACCES);
  return 3;
}

/* io.open(path, mode): reading anywhere, writing only in the outdir */
static int sb_io_open(lua_State *L) {
  const char *path = luaL_checkstring(L, 1);
  const char *mode = luaL_optstring(L, 2, "r");
  int writes = strpbrk(mode, "wa+") != NULL;
  if (writes && !inside_outdir(L, path)) return refuse(L, "writing", path);
  lua_pushvalue(L, lua_upvalueindex(1));
  lua_insert(L, 1);
  lua_call(L, lua_gettop(L) - 1, LUA_MULTRET);
  return lua_gettop(L);
}

/* io.output(name): a file name opens for writing */
static int sb_io_output(lua_State *L) {
  if (lua_type(L, 1) == LUA_TSTRING && !inside_outdir(L, lua_tostring(L, 1)))
    return luaL_error(L, "%s: sandbox: writing only inside the output folder",
                      lua_tostring(L, 1));
  lua_pushvalue(L, lua_upvalueindex(1));
  lua_insert(L, 1);
  lua_call(L, lua_gettop(L) - 1, LUA_MULTRET);
  return lua_gettop(L);
}

/* os.remove / os.rename: only inside the outdir */
static int sb_os_remove(lua_State *L) {
  const char *path = luaL_checkstring(L, 1);
  if (!inside_outdir(L, path)) return refuse(L, "removing", path);
  return (unlink(path) == 0) ? (lua_pushboolean(L, 1), 1)
                             : luaL_fileresult(L, 0, path);
}

static int sb_os_rename(lua_State *L) {
  const char *from = luaL_checkstring(L, 1), *to = luaL_checkstring(L, 2);
  if (!inside_outdir(L, from)) return refuse(L, "renaming", from);
  if (!inside_outdir(L, to)) return refuse(L, "renaming", to);
  return luaL_fileresult(L, rename(from, to) == 0, NULL);
}

/* load/loadfile/dofile with text chunks only */
static int sb_load(lua_State *L) {
  lua_settop(L, 4);
  if (!lua_isnil(L, 3) && strcmp(lua_tostring(L, 3), "t") != 0 &&
      strchr(lua_tostring(L, 3), 'b'))
    return luaL_error(L, "sandbox: binary chunks are not allowed");
  lua_pushliteral(L, "t");
  lua_replace(L, 3);
  lua_pushvalue(L, lua_upvalueindex(1));
  lua_insert(L, 1);
  lua_call(L, 4, LUA_MULTRET);
  return lua_gettop(L);
}

static int sb_loadfile(lua_State *L) {
  const char *name = luaL_optstring(L, 1, NULL);
  int status = luaL_loadfilex(L, name, "t");
  if (status == LUA_OK) {
    if (!lua_isnone(L, 3)) { /* env */
      lua_pushvalue(L, 3);
      if (!lua_setupvalue(L, -2, 1)) lua_pop(L, 1);
    }
    return 1;
  }
  luaL_pushfail(L);
  lua_insert(L, -2);
  return 2;
}

static int sb_dofile(lua_State *L) {
  const char *name = luaL_optstring(L, 1, NULL);
  lua_settop(L, 1);
  if (luaL_loadfilex(L, name, "t") != LUA_OK) return lua_error(L);
  lua_call(L, 0, LUA_MULTRET);
  return lua_gettop(L) - 1;
}

static int sb_forbidden(lua_State *L) {
  return luaL_error(L, "sandbox: %s is not allowed",
                    lua_tostring(L, lua_upvalueindex(1)));
}

/* replace t[name] (t on top) by a function that refuses */
static void forbid(lua_State *L, const char *qualified, const char *name) {
  lua_pushstring(L, qualified);
  lua_pushcclosure(L, sb_forbidden, 1);
  lua_setfield(L, -2, name);
}

/* wrap t[name] (t on top) with f, the original as upvalue 1 */
static void wrap(lua_State *L, const char *name, lua_CFunction f) {
  lua_getfield(L, -1, name);
  lua_pushcclosure(L, f, 1);
  lua_setfield(L, -2, name);
}

/*
** Apply the sandbox to L. outdir (default "./out") is created and
** resolved once; every write is checked against it.
*/
void sandbox_apply(lua_State *L, const char *outdir) {
  char real[PATH_MAX];
  if (!outdir) outdir = "out";
  mkdir(outdir, 0755);
  if (!realpath(outdir, real)) snprintf(real, sizeof real, "%s", outdir);
  lua_pushstring(L, real);
  lua_setfield(L, LUA_REGISTRYINDEX, SANDBOX_KEY);

  lua_getglobal(L, "os");
  forbid(L, "os.execute", "execute");
  forbid(L, "os.tmpname", "tmpname");
  lua_pushcfunction(L, sb_os_remove), lua_setfield(L, -2, "remove");
  lua_pushcfunction(L, sb_os_rename), lua_setfield(L, -2, "rename");
  lua_pop(L, 1);

  lua_getglobal(L, "io");
  forbid(L, "io.popen", "popen");
  wrap(L, "open", sb_io_open);
  wrap(L, "output", sb_io_output);
  lua_pop(L, 1);

  lua_getglobal(L, "string");
  forbid(L, "string.dump", "dump");
  lua_pop(L, 1);

  lua_getglobal(L, "package");
  forbid(L, "package.loadlib", "loadlib");
  lua_pushliteral(L, "");
  lua_setfield(L, -2, "cpath");
  if (lua_getfield(L, -1, "searchers") == LUA_TTABLE) { /* drop C searchers */
    lua_Integer n = luaL_len(L, -1);
    lua_newtable(L);
    lua_Integer k = 1;
    for (lua_Integer i = 1; i <= n; i++) {
      if (i == 3 || i == 4) continue; /* C and Croot searchers */
      lua_rawgeti(L, -2, i);
      lua_rawseti(L, -2, k++);
    }
    lua_setfield(L, -3, "searchers");
  }
  lua_pop(L, 1);
  if (lua_getfield(L, -1, "loaded") == LUA_TTABLE) {
    lua_getglobal(L, "debug");
    lua_newtable(L); /* debug keeps only traceback */
    lua_getfield(L, -2, "traceback");
    lua_setfield(L, -2, "traceback");
    lua_pushvalue(L, -1);
    lua_setfield(L, -4, "debug");
    lua_setglobal(L, "debug");
    lua_pop(L, 1);
  }
  lua_pop(L, 2);

  lua_pushglobaltable(L);
  wrap(L, "load", sb_load);
  lua_pushcfunction(L, sb_loadfile), lua_setfield(L, -2, "loadfile");
  lua_pushcfunction(L, sb_dofile), lua_setfield(L, -2, "dofile");
  lua_pop(L, 1);

  S.steps_left = env_number("TINSH_SANDBOX_STEPS", DEFAULT_STEPS);
  S.mem_limit = (size_t)env_number("TINSH_SANDBOX_MEM", DEFAULT_MEM);
  S.mem_used = (size_t)lua_gc(L, LUA_GCCOUNT, 0) * 1024 +
               (size_t)lua_gc(L, LUA_GCCOUNTB, 0);
  S.tripped = 0;
  S.L = L;
  S.xcpu = 0;
  set_cpu_limit(S.steps_left);
  S.orig = lua_getallocf(L, &S.orig_ud);
  lua_setallocf(L, limited_alloc, NULL);
  lua_sethook(L, step_hook, LUA_MASKCOUNT, HOOK_EVERY);
}
