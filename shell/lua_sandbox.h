/*
** lua_sandbox.h — what the sandbox's files share (lua_sandbox.c: the
** environment, files and loaders; lua_sandbox_limits.c: the limits;
** lua_sandbox_tty.c: the terminal filter).
*/
#ifndef TINSH_LUA_SANDBOX_H
#define TINSH_LUA_SANDBOX_H

#include "lua_host.h"

/*
** Read TINSH_SANDBOX_STEPS/MEM/CPU/WALL, then start the instruction hook,
** the memory ceiling (Lua + SQLite), the CPU and wall-clock limits on L.
** Returns NULL, or a one-line message for a bad limit (nothing started).
*/
const char *sblimits_start(lua_State *L);

/*
** When standard output or error is a terminal, route what the script
** writes there (print, io.stdout, io.stderr) through a filter that makes
** control characters visible (lua_sandbox_tty.c). After build_globals.
*/
void sbtty_start(lua_State *L);

#endif
