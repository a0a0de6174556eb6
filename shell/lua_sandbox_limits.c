/*
** lua_sandbox_limits.c — the limits of `tinsh --sandbox`.
**
** - Instructions: a count hook shared by every thread (Lua copies a
**   thread's hook into the coroutines it creates) spends one budget. Once
**   the budget is spent the hook re-arms itself on every line, call and
**   instruction, on the thread that tripped it AND on the main thread, so
**   neither pcall nor a coroutine can swallow the kill.
** - Memory: one ceiling for Lua and SQLite together. The Lua allocator
**   refuses a growth that would take Lua's bytes plus SQLite's
**   (sqlite3_memory_used) past it; SQLite gets the same hard heap limit.
**   The C buffers of tinsh's functions (and utf8proc's) cannot fail
**   softly in the middle of their work, so the heap guard (util.h) bounds
**   the whole heap instead: once it has grown by more than the ceiling
**   plus HEAP_SLACK since the script started, the process ends.
** - CPU time (RLIMIT_CPU): hooks do not run inside C functions, SQL, or
**   finalizers; the first SIGXCPU trips the hook and interrupts SQLite,
**   the second (a CPU second later) ends the process.
** - Wall clock (setitimer): a script blocked reading a FIFO or stdin uses
**   no CPU; the first SIGALRM trips the hook, interrupts SQLite and the
**   blocked read (no SA_RESTART), the second, two seconds later, ends the
**   process with the reason on stderr.
** - Output (TINSH_SANDBOX_OUTPUT): the bytes the script writes into files
**   of the output folder, all files together, and 4 KB for each file it
**   opens for writing; past it a write or open fails with EDQUOT. No file
**   grows past the budget either (RLIMIT_FSIZE, SIGXFSZ ignored: EFBIG), a
**   sparse one made by a seek, or standard output sent to a file.
**   Without it a loop of 16 MB writes filled the disk at 0.5 GB/s, and a
**   loop of opens its inodes (red team 4).
** Every limit from the environment is checked and saturated: a value that
** is not a positive whole number is refused, a huge one is cut to the
** largest the machine can keep.
*/
#ifndef _GNU_SOURCE
#define _GNU_SOURCE /* fopencookie */
#endif
#include <errno.h>
#include <signal.h>
#include <sqlite3.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <termios.h>
#include <unistd.h>

#include "interrupt.h"
#include "lua_sandbox.h"
#include "util.h"

#define DEFAULT_STEPS 2000000000LL          /* VM instructions */
#define DEFAULT_MEM   (512LL * 1024 * 1024) /* bytes */
#define DEFAULT_WALL  600LL                 /* seconds */
#define DEFAULT_OUT   (1LL << 30)           /* bytes written */
#define MAX_STEPS     1000000000000000LL    /* 10^15 instructions */
#define MAX_MEM       (1LL << 46)           /* 64 TiB */
#define MAX_SECS      100000000LL           /* about three years */
#define HOOK_EVERY    10000
#define HEAP_SLACK    (32u << 20) /* bytes: caches filled on first use */

/* the limits of the one sandboxed state */
static struct {
  long long steps_left;       /* instructions still allowed */
  volatile sig_atomic_t trip; /* 0, or which limit ran out (reasons[]) */
  size_t mem_used;            /* bytes currently allocated by Lua */
  size_t mem_limit;           /* ceiling for Lua + SQLite */
  lua_Alloc orig;             /* the allocator we wrap */
  void *orig_ud;
  lua_State *main;            /* the main thread, re-armed on a trip */
  volatile sig_atomic_t xcpu; /* SIGXCPU signals received */
  volatile sig_atomic_t alrm; /* SIGALRM signals received */
  size_t out_left;            /* bytes the script may still write */
} S;

enum { TRIP_NONE, TRIP_STEPS, TRIP_CPU, TRIP_WALL, TRIP_HEAP };
static const char *const reasons[] = {
    "", "instruction limit exceeded", "CPU time limit exceeded",
    "wall-clock limit exceeded",
    "memory limit exceeded (by the C buffers of a function)"};

/* ---- memory ---- */

static void *limited_alloc(void *ud, void *ptr, size_t osize, size_t nsize) {
  (void)ud;
  size_t old = ptr ? osize : 0;
  if (nsize > old) {
    size_t sql = (size_t)sqlite3_memory_used();
    if (S.mem_used - old + nsize + sql > S.mem_limit) return NULL;
  }
  void *p = S.orig(S.orig_ud, ptr, osize, nsize);
  if (p != NULL || nsize == 0) S.mem_used = S.mem_used - old + nsize;
  return p;
}

/* ---- instructions ---- */

static void step_hook(lua_State *L, lua_Debug *ar);

/* make every line, call and instruction of L raise */
static void arm(lua_State *L) {
  lua_sethook(L, step_hook, LUA_MASKLINE | LUA_MASKCOUNT | LUA_MASKCALL, 1);
}

/*
** Count hook. Once a limit has run out, it raises on every line of every
** thread it reaches, and re-arms the main thread in case the trip
** happened inside a coroutine.
*/
static void step_hook(lua_State *L, lua_Debug *ar) {
  (void)ar;
  if (!S.trip) {
    S.steps_left -= HOOK_EVERY;
    if (S.steps_left > 0) return;
    S.trip = TRIP_STEPS;
  }
  arm(L);
  if (L != S.main) arm(S.main);
  luaL_error(L, "sandbox: %s", reasons[S.trip]);
}

/* ---- CPU and wall clock ---- */

/* from a signal handler: make the next hook call raise */
static void trip_from_signal(int why) {
  if (!S.trip) S.trip = why;
  arm(S.main);
  interrupt_all();
}

/*
** The terminal as it was when the script started, put back by die(): the
** end may strike while readline holds the terminal raw (the REPL idle at
** its prompt past the wall-clock limit left the shell without echo and
** with bracketed paste on, red team 8). tcsetattr and write are safe in
** a signal handler.
*/
static struct termios tty_start;
static int tty_saved;

static void tty_restore(void) {
  static const char paste_off[] = "\033[?2004l";
  if (!tty_saved) return;
  tcsetattr(STDIN_FILENO, TCSANOW, &tty_start);
  if (isatty(STDOUT_FILENO)) {
    ssize_t r = write(STDOUT_FILENO, paste_off, sizeof paste_off - 1);
    (void)r;
  }
}

/*
** At exit(): a script's os.exit can run while readline holds the terminal
** raw (from a __complete function or a finalizer run by Tab completion),
** and left the shell without echo (red team 9). Put the terminal back
** when it is not as it was; a normal end, readline done, writes nothing.
*/
static void tty_at_exit(void) {
  struct termios now;
  if (tty_saved && tcgetattr(STDIN_FILENO, &now) == 0 &&
      (now.c_lflag != tty_start.c_lflag || now.c_iflag != tty_start.c_iflag))
    tty_restore();
}

/* write "tinsh: sandbox: <reason>" and end the process */
static void die(int why) {
  char msg[128];
  tty_restore();
  int n = snprintf(msg, sizeof msg, "tinsh: sandbox: %s\n", reasons[why]);
  ssize_t r = write(STDERR_FILENO, msg, (size_t)n);
  (void)r;
  _exit(1);
}

/* the heap guard's end: C code cannot be unwound to a Lua error */
static void on_heap(size_t heap) {
  (void)heap;
  die(TRIP_HEAP);
}

static void on_xcpu(int sig) {
  (void)sig;
  if (S.xcpu++ == 0)
    trip_from_signal(TRIP_CPU);
  else
    die(TRIP_CPU);
}

static void on_alarm(int sig) {
  (void)sig;
  if (S.alrm++ == 0) {
    trip_from_signal(TRIP_WALL);
    struct itimerval grace = {{0, 0}, {2, 0}};
    setitimer(ITIMER_REAL, &grace, NULL);
  } else {
    die(TRIP_WALL);
  }
}

/* install handler for sig, without SA_RESTART (a blocked read returns) */
static void catch (int sig, void (*handler)(int)) {
  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_handler = handler;
  sigemptyset(&sa.sa_mask);
  sigaction(sig, &sa, NULL);
}

/* RLIMIT_CPU: secs more than used so far, the kernel's SIGKILL 10 later */
static void set_cpu_limit(long long secs) {
  struct rlimit rl;
  struct rusage ru;
  if (getrlimit(RLIMIT_CPU, &rl) != 0 || getrusage(RUSAGE_SELF, &ru) != 0)
    return;
  rlim_t used = (rlim_t)ru.ru_utime.tv_sec + (rlim_t)ru.ru_stime.tv_sec;
  rlim_t soft = used + (rlim_t)secs;
  if (rl.rlim_max != RLIM_INFINITY && soft > rl.rlim_max) soft = rl.rlim_max;
  rl.rlim_cur = soft;
  if (rl.rlim_max == RLIM_INFINITY || rl.rlim_max > soft + 10)
    rl.rlim_max = soft + 10;
  catch (SIGXCPU, on_xcpu);
  setrlimit(RLIMIT_CPU, &rl);
}

static void set_wall_limit(long long secs) {
  struct itimerval t = {{0, 0}, {(time_t)secs, 0}};
  catch (SIGALRM, on_alarm);
  setitimer(ITIMER_REAL, &t, NULL);
}

/* ---- output ---- */

/* take n bytes from the output budget: 0, or -1 with errno EDQUOT */
static int out_take(size_t n) {
  if (n > S.out_left) {
    errno = EDQUOT;
    return -1;
  }
  S.out_left -= n;
  return 0;
}

int sblimits_out_open(void) {
  return out_take(SBOUT_OPEN_COST);
}

/* the cookie of a counted stream: its descriptor (intptr_t) */
static ssize_t out_read(void *c, char *buf, size_t n) {
  return read((int)(intptr_t)c, buf, n);
}

/*
** Write all of buf[0..n) or nothing: the budget is taken first. A failure
** returns the bytes written (0), never -1: glibc's fwrite takes a cookie's
** -1 as SIZE_MAX bytes done and copies past its buffer (a segfault seen
** with the first version of this function).
*/
static ssize_t out_write(void *c, const char *buf, size_t n) {
  if (out_take(n) != 0) return 0;
  size_t done = 0;
  while (done < n) {
    ssize_t w = write((int)(intptr_t)c, buf + done, n - done);
    if (w <= 0) {
      S.out_left += n - done; /* not written: not spent */
      break;
    }
    done += (size_t)w;
  }
  return (ssize_t)done;
}

static int out_seek(void *c, off64_t *pos, int whence) {
  off64_t r = lseek64((int)(intptr_t)c, *pos, whence);
  if (r < 0) return -1;
  *pos = r;
  return 0;
}

static int out_close(void *c) {
  return close((int)(intptr_t)c);
}

FILE *sblimits_out_fdopen(int fd, const char *mode) {
  cookie_io_functions_t io = {out_read, out_write, out_seek, out_close};
  return fopencookie((void *)(intptr_t)fd, mode, io);
}

/* no file grows past the budget (a seek makes no disk-filling hole) */
static void set_file_limit(long long bytes) {
  struct rlimit rl;
  if (getrlimit(RLIMIT_FSIZE, &rl) != 0) return;
  if (rl.rlim_max != RLIM_INFINITY && (rlim_t)bytes > rl.rlim_max)
    bytes = (long long)rl.rlim_max;
  if (rl.rlim_cur != RLIM_INFINITY && (rlim_t)bytes > rl.rlim_cur) return;
  rl.rlim_cur = (rlim_t)bytes;
  signal(SIGXFSZ, SIG_IGN); /* a write past it fails (EFBIG) */
  setrlimit(RLIMIT_FSIZE, &rl);
}

/* ---- the environment's numbers ---- */

/*
** $name as a positive whole number into *out (dflt when unset or empty),
** cut to max. Returns NULL, or a message for a value that is not one.
*/
static const char *env_limit(const char *name, long long dflt, long long max,
                             long long *out) {
  static char msg[160];
  const char *v = getenv(name);
  *out = dflt;
  if (!v || !*v) return NULL;
  const char *d = v;
  while (*d >= '0' && *d <= '9') d++;
  if (*d != '\0' || d == v || strspn(v, "0") == strlen(v)) {
    snprintf(msg, sizeof msg, "%s=%.40s: not a positive whole number", name, v);
    return msg;
  }
  errno = 0;
  long long n = strtoll(v, NULL, 10);
  *out = (errno == ERANGE || n > max) ? max : n;
  return NULL;
}

const char *sblimits_start(lua_State *L) {
  long long steps, mem, cpu, wall, out;
  const char *err =
      env_limit("TINSH_SANDBOX_STEPS", DEFAULT_STEPS, MAX_STEPS, &steps);
  if (!err) err = env_limit("TINSH_SANDBOX_MEM", DEFAULT_MEM, MAX_MEM, &mem);
  if (!err)
    err = env_limit("TINSH_SANDBOX_CPU", steps / 10000000 + 1, MAX_SECS, &cpu);
  if (!err)
    err = env_limit("TINSH_SANDBOX_WALL", DEFAULT_WALL, MAX_SECS, &wall);
  if (!err) err = env_limit("TINSH_SANDBOX_OUTPUT", DEFAULT_OUT, MAX_MEM, &out);
  if (err) return err;
  S.steps_left = steps;
  S.mem_limit = (size_t)mem;
  S.mem_used = (size_t)lua_gc(L, LUA_GCCOUNT, 0) * 1024 +
               (size_t)lua_gc(L, LUA_GCCOUNTB, 0);
  S.trip = TRIP_NONE;
  S.main = L;
  S.xcpu = S.alrm = 0;
  tty_saved = isatty(STDIN_FILENO) && tcgetattr(STDIN_FILENO, &tty_start) == 0;
  static int at_exit;
  if (tty_saved && !at_exit) at_exit = atexit(tty_at_exit) == 0;
  sqlite3_hard_heap_limit64((sqlite3_int64)mem);
  size_t base = xmem_heap(), cap = (size_t)mem + HEAP_SLACK;
  xmem_guard(base > SIZE_MAX - cap ? SIZE_MAX : base + cap, on_heap);
  set_cpu_limit(cpu);
  set_wall_limit(wall);
  S.out_left = (size_t)out;
  set_file_limit(out);
  S.orig = lua_getallocf(L, &S.orig_ud);
  lua_setallocf(L, limited_alloc, NULL);
  lua_sethook(L, step_hook, LUA_MASKCOUNT, HOOK_EVERY);
  return NULL;
}
