/*
** lua_sandbox.h — what the sandbox's files share (lua_sandbox.c: the
** environment, files and loaders; lua_sandbox_limits.c: the limits;
** lua_sandbox_tty.c: the terminal filter).
*/
#ifndef TINSH_LUA_SANDBOX_H
#define TINSH_LUA_SANDBOX_H

#include <stdio.h>

#include "lua_host.h"

/*
** Read TINSH_SANDBOX_STEPS/MEM/CPU/WALL/OUTPUT, then start the instruction
** hook, the memory ceiling (Lua + SQLite), the CPU and wall-clock limits
** and the output budget on L. Returns NULL, or a one-line message for a
** bad limit (nothing started).
*/
const char *sblimits_start(lua_State *L);

/*
** The output budget (TINSH_SANDBOX_OUTPUT): every file the script opens
** for writing costs SBOUT_OPEN_COST bytes of it (sblimits_out_open: 0, or
** -1 with errno EDQUOT once it is spent), and a stream made by
** sblimits_out_fdopen (a FILE over fd in mode, NULL on failure: fd is
** then still open) counts every byte it writes; past the budget a write
** fails with EDQUOT ("Disk quota exceeded").
*/
#define SBOUT_OPEN_COST 4096
int sblimits_out_open(void);
FILE *sblimits_out_fdopen(int fd, const char *mode);

/*
** When standard output or error is a terminal, route what the script
** writes there (print, io.stdout, io.stderr) through a filter that makes
** control characters visible (lua_sandbox_tty.c). After build_globals.
*/
void sbtty_start(lua_State *L);

#endif
