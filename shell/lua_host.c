/*
** lua_host.c — the host helpers every Lua-running file shares: protected
** calls with a traceback and Ctrl-C armed (host_docall), error reporting
** (host_report, host_message), and the options the command line sets for
** the Lua side (program name, --sandbox, --out, --db). It calls nothing
** above it: main.c, cli.c, lua_interp.c, lua_run.c, lua_core.c and
** repl.c call down into it.
*/
#include "lua_host.h"

#include <signal.h>
#include <stdio.h>
#include <string.h>

#include "interrupt.h"
#include "width.h"

const char *host_progname = "tinsh";
int host_sandbox = 0;              /* --sandbox given */
const char *host_outdir = NULL;    /* --out DIR for sandboxed writes */
const char *host_db_option = NULL; /* --db PATH, or NULL */

/* the state the Ctrl-C handler talks to: the one in host_docall */
static lua_State *docall_state;

void host_message(const char *pname, const char *msg) {
  if (pname) fprintf(stderr, "%s: ", pname);
  if (host_sandbox) /* a script's message cannot drive the terminal */
    width_put_visible(msg, strlen(msg), stderr, 1);
  else
    fputs(msg, stderr);
  fputc('\n', stderr);
  fflush(stderr);
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
** The hook the Ctrl-C hook stands in for (the sandbox's instruction
** budget, or none), put back once it has fired or the call has ended:
** lua.c's way, which leaves no hook, took the instruction limit off a
** sandboxed session for good after one Ctrl-C (red team 8).
*/
static lua_Hook saved_hook;
static int saved_mask, saved_count;

static void stop_hook(lua_State *L, lua_Debug *ar);

/* put the saved hook back on L if the Ctrl-C hook is still set */
static void restore_hook(lua_State *L) {
  if (lua_gethook(L) == stop_hook)
    lua_sethook(L, saved_hook, saved_mask, saved_count);
}

/*
** The hook raises "interrupted!" inside the running Lua code. It is set
** on call, return and every instruction so it fires promptly.
*/
static void stop_hook(lua_State *L, lua_Debug *ar) {
  (void)ar;
  restore_hook(L);
  luaL_error(L, "interrupted!");
}

/*
** The handler restores the default action (a second Ctrl-C kills), saves
** the hook in place, arms the Ctrl-C hook and interrupts any running
** SQLite statement.
*/
static void on_sigint(int sig) {
  signal(sig, SIG_DFL);
  if (lua_gethook(docall_state) != stop_hook) {
    saved_hook = lua_gethook(docall_state);
    saved_mask = lua_gethookmask(docall_state);
    saved_count = lua_gethookcount(docall_state);
  }
  lua_sethook(docall_state, stop_hook,
              LUA_MASKCALL | LUA_MASKRET | LUA_MASKCOUNT, 1);
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

/*
** lua_pcall with msghandler below the function, and SIGINT caught for the
** duration of the call; the previous handler (the REPL's, or the default)
** comes back afterwards.
*/
int host_docall(lua_State *L, int narg, int nres) {
  int base = lua_gettop(L) - narg; /* function index */
  lua_pushcfunction(L, msghandler);
  lua_insert(L, base);
  docall_state = L;
  struct sigaction sa, old;
  memset(&sa, 0, sizeof sa);
  sa.sa_handler = on_sigint;
  sigemptyset(&sa.sa_mask);
  sigaction(SIGINT, &sa, &old);
  int status = lua_pcall(L, narg, nres, base);
  sigaction(SIGINT, &old, NULL);
  restore_hook(L); /* a Ctrl-C that came as the call ended */
  lua_remove(L, base);
  return status;
}

void host_print_version(void) {
  printf("tinsh %s on %s\n", TINSH_VERSION, LUA_COPYRIGHT);
  fflush(stdout);
}
