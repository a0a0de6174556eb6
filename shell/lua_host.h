/*
** lua_host.h — what the Lua host's files share: protected calls with
** tracebacks and Ctrl-C, error reporting and the command line's options
** (lua_host.c), the tinsh Lua environment (stdlib searcher, tinsh.core,
** prelude: lua_core.c), the REPL and the sandbox.
*/
#ifndef TINSH_LUA_HOST_H
#define TINSH_LUA_HOST_H

#include <lauxlib.h>
#include <lua.h>
#include <lualib.h>

extern const char *host_progname; /* "progname: " prefix of messages, or NULL */
extern int host_sandbox;          /* --sandbox was given */
extern const char *host_outdir;   /* --out DIR, or NULL */
extern const char *host_db_option; /* --db PATH, or NULL (the default) */

/* lua_pcall with a traceback handler and Ctrl-C armed during the call */
int host_docall(lua_State *L, int narg, int nres);
/* print the error on top of the stack (if status != LUA_OK), pop it */
int host_report(lua_State *L, int status);
/* print "pname: msg" (or "msg" when pname is NULL) to stderr */
void host_message(const char *pname, const char *msg);
/* "tinsh VERSION on Lua 5.4.x  Copyright ..." to stdout */
void host_print_version(void);

/* package.preload["tinsh.core"], the stdlib searcher, TINSH globals */
void host_openlibs(lua_State *L);
/* require "tinsh.prelude" when the stdlib has it; returns a status */
int host_prelude(lua_State *L);

/* the interactive loop (repl.c); returns when the user quits */
void repl_run(lua_State *L);

/* registry field: the sandbox's output folder */
#define SANDBOX_KEY "tinsh.sandbox"

/*
** Restrict L for untrusted scripts (lua_sandbox.c), before anything is
** loaded into it; outdir may be NULL ("./out"). Returns NULL, or a
** one-line message when the folder or a limit is unusable.
*/
const char *sandbox_apply(lua_State *L, const char *outdir);
int sandbox_active(lua_State *L);
/* the load mode every loader must use: "t" in the sandbox, else NULL */
const char *sandbox_mode(lua_State *L);
/* may a sandboxed L open the database at path? 0 no; 1 yes as it is
** (outside the sandbox, or the command line's corpus); 2 yes, as a file
** that may be hostile (store_open's STORE_UNTRUSTED) */
int sandbox_may_open_db(lua_State *L, const char *path);
/* let a sandboxed L read below dir too (the script's own folder) */
void sandbox_allow_read(lua_State *L, const char *dir);
/* package.searchers entry for the tinsh stdlib (lua_sandbox.c: it obeys
** the sandbox's read policy and text-only mode) */
int host_stdlib_searcher(lua_State *L);

int luaopen_tinsh_core(lua_State *L);
int luaopen_tinsh_store(lua_State *L); /* lua_store.c */

#endif
