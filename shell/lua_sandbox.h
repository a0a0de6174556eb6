/*
** lua_sandbox.h — what the sandbox's two files share (lua_sandbox.c: the
** environment, files and loaders; lua_sandbox_limits.c: the limits).
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

#endif
