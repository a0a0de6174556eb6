/*
** lua_sandbox_tty.c — a sandboxed script cannot drive the terminal.
**
** A shared script that writes ESC, CSI or OSC sequences to a terminal can
** set the window title, write the clipboard (OSC 52 on many terminals),
** clear the screen and draw a fake prompt. Under --sandbox, when standard
** output or standard error is a terminal, what the script writes there
** (print, io.write, io.stdout:write, io.stderr:write, warn) goes through a
** filter that makes every control character but tab and newline, DEL,
** the C1 controls, bidirectional overrides and bytes that are not UTF-8
** visible as escapes ("\x1b", "\u{9b}"), as the display module does for
** values (width_visible). Output to a pipe or a file is left byte for byte
** as written: data exported by a script stays as it is.
*/
#ifndef _GNU_SOURCE
#define _GNU_SOURCE /* fopencookie */
#endif
#include <lauxlib.h>
#include <lua.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "lua_sandbox.h"
#include "util.h"
#include "width.h"

/* the filter of one terminal stream */
typedef struct ttyf {
  int fd;       /* the terminal's descriptor */
  char tail[4]; /* the start of a UTF-8 sequence cut by the last write */
  size_t ntail;
} ttyf;

/* write all of s[0..n) to fd; 0, or -1 on an error */
static int write_all(int fd, const char *s, size_t n) {
  while (n) {
    ssize_t w = write(fd, s, n);
    if (w < 0) return -1;
    s += w, n -= (size_t)w;
  }
  return 0;
}

/* how many bytes at the end of s[0..n) start a UTF-8 sequence that the
** next write may complete (0..3) */
static size_t open_tail(const char *s, size_t n) {
  for (size_t k = 1; k <= 3 && k <= n; k++) {
    unsigned char c = (unsigned char)s[n - k];
    if ((c & 0xC0) == 0x80) continue; /* a continuation: look further */
    size_t need = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
    return need > k ? k : 0;
  }
  return 0;
}

/* one slice of a write: the bytes made visible, an open sequence kept */
static int tty_write_slice(ttyf *t, const char *buf, size_t n) {
  size_t all = t->ntail + n;
  char *in = xmalloc(all), *out = xmalloc(WIDTH_VISIBLE_MAX(all));
  memcpy(in, t->tail, t->ntail);
  memcpy(in + t->ntail, buf, n);
  size_t keep = open_tail(in, all);
  size_t m = width_visible(in, all - keep, 1, out);
  memcpy(t->tail, in + all - keep, keep);
  t->ntail = keep;
  int err = write_all(t->fd, out, m);
  free(in);
  free(out);
  return err;
}

/* fopencookie's write, in slices: the copies are 5 x a slice, not 5 x n
** (io.write of a 100 MB string to a terminal ended the script on the heap
** guard); the open sequence carried between slices keeps letters whole.
** On an error, the bytes of the slices written, never -1: glibc's fwrite
** takes -1 as SIZE_MAX bytes done and copies past its buffer. */
static ssize_t tty_write(void *cookie, const char *buf, size_t n) {
  enum { SLICE = 1 << 16 };
  for (size_t i = 0; i < n; i += SLICE)
    if (tty_write_slice(cookie, buf + i, n - i < SLICE ? n - i : SLICE) != 0)
      return (ssize_t)i;
  return (ssize_t)n;
}

/* the filters of standard output and error: they live as long as the
** process, like the streams that write through them */
static ttyf tty_filters[2];

/* a line-buffered stream that writes through the filter to fd (1 or 2) */
static FILE *tty_stream(int fd) {
  ttyf *t = &tty_filters[fd == STDERR_FILENO];
  t->fd = fd, t->ntail = 0;
  cookie_io_functions_t io = {NULL, tty_write, NULL, NULL};
  FILE *f = fopencookie(t, "w", io);
  if (f) setvbuf(f, NULL, _IOLBF, 0);
  return f;
}

/* io.<name>'s stream (in the io table at index io) writes to f from now */
static void redirect(lua_State *L, int io, const char *name, FILE *f) {
  lua_getfield(L, io, name);
  luaL_Stream *p = luaL_testudata(L, -1, LUA_FILEHANDLE);
  if (p && p->f) {
    fflush(p->f);
    p->f = f;
  }
  lua_pop(L, 1);
}

static FILE *tty_out; /* the filtered standard output, or NULL */

/* print, as the base library's, to the filtered standard output */
static int sb_print(lua_State *L) {
  int n = lua_gettop(L);
  for (int i = 1; i <= n; i++) {
    size_t len;
    const char *s = luaL_tolstring(L, i, &len);
    if (i > 1) fputc('\t', tty_out);
    fwrite(s, 1, len, tty_out);
    lua_pop(L, 1);
  }
  fputc('\n', tty_out);
  fflush(tty_out);
  return 0;
}

/*
** warn() to the filtered standard error. lauxlib's warning function writes
** to stderr itself, past the filter (red team 2026-12-05: warn("@on")
** warn("\27]0;title\7") set the window title); this one keeps its rules:
** off until "@on", "@on"/"@off" only as a whole first piece, the pieces of
** a continued warning on one line after "Lua warning: ".
*/
static FILE *tty_err; /* the filtered standard error, or NULL */
static int warn_on, warn_cont;

static void sb_warnf(void *ud, const char *msg, int tocont) {
  (void)ud;
  if (!warn_cont && !tocont && msg[0] == '@') {
    if (strcmp(msg, "@on") == 0) warn_on = 1;
    if (strcmp(msg, "@off") == 0) warn_on = 0;
    return;
  }
  if (warn_on) {
    if (!warn_cont) fputs("Lua warning: ", tty_err);
    fputs(msg, tty_err);
    if (!tocont) fputc('\n', tty_err);
    fflush(tty_err);
  }
  warn_cont = tocont;
}

void sbtty_start(lua_State *L) {
  int out = isatty(STDOUT_FILENO), err = isatty(STDERR_FILENO);
  if (!out && !err) return;
  lua_getglobal(L, "io");
  int io = lua_gettop(L);
  if (out && (tty_out = tty_stream(STDOUT_FILENO))) {
    fflush(stdout);
    redirect(L, io, "stdout", tty_out);
    lua_pushcfunction(L, sb_print);
    lua_setglobal(L, "print");
  }
  if (err && (tty_err = tty_stream(STDERR_FILENO))) {
    redirect(L, io, "stderr", tty_err);
    warn_on = warn_cont = 0; /* a new state's warnings start off */
    lua_setwarnf(L, sb_warnf, NULL);
  }
  lua_pop(L, 1);
}
