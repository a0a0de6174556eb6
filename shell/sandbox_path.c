/*
** sandbox_path.c — the file policy of `tinsh --sandbox` (see the header).
**
** A write resolves the folder part of the path once, by opening it and
** reading back where the descriptor really points (/proc/self/fd), then
** opens the last name relative to that descriptor with O_NOFOLLOW. The
** opened file itself is checked (fstat: a regular file with one link)
** before anything is truncated, so a hard link or symlink planted in the
** output folder cannot lead a write outside it.
*/
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include "sandbox_path.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* printf into why[n]; returns -1 */
static int fail(char *why, size_t n, const char *fmt, const char *arg) {
  if (why && n) snprintf(why, n, fmt, arg);
  return -1;
}

/* is the resolved path `real` equal to or below the resolved `root`? */
static int inside(const char *root, const char *real) {
  size_t n = strlen(root);
  if (n == 1 && root[0] == '/') return real[0] == '/';
  return strncmp(real, root, n) == 0 && (real[n] == '\0' || real[n] == '/');
}

/* where descriptor fd really points, into out[PATH_MAX]; 0 on success */
static int fd_path(int fd, const char *fallback, char *out) {
  char link[64];
  snprintf(link, sizeof link, "/proc/self/fd/%d", fd);
  ssize_t k = readlink(link, out, PATH_MAX - 1);
  if (k > 0) {
    out[k] = '\0';
    return 0;
  }
  return realpath(fallback, out) ? 0 : -1;
}

int sbpath_init(sbpath *p, const char *outdir, char *why, size_t n) {
  struct stat st;
  memset(p, 0, sizeof *p);
  if (!outdir || !*outdir)
    return fail(why, n, "--out %s: not a usable folder (empty name)", "''");
  if (mkdir(outdir, 0755) != 0 && errno != EEXIST)
    return fail(why, n, "--out %s: cannot create the folder", outdir);
  /* a symbolic link shipped as "out" beside a shared script would make
  ** its target (a home folder) the write root: refused, whatever the
  ** name's trailing slashes */
  char bare[PATH_MAX];
  size_t k = strlen(outdir);
  while (k > 1 && outdir[k - 1] == '/') k--;
  if (k >= sizeof bare)
    return fail(why, n, "--out %s: the name is too long", outdir);
  memcpy(bare, outdir, k), bare[k] = '\0';
  if (lstat(bare, &st) == 0 && S_ISLNK(st.st_mode))
    return fail(why, n, "--out %s: a symbolic link; name the folder itself",
                outdir);
  if (stat(outdir, &st) != 0 || !S_ISDIR(st.st_mode))
    return fail(why, n, "--out %s: not a folder", outdir);
  if (access(outdir, W_OK | X_OK) != 0)
    return fail(why, n, "--out %s: the folder is not writable", outdir);
  if (!realpath(outdir, p->out))
    return fail(why, n, "--out %s: cannot resolve the folder", outdir);
  memcpy(p->roots[0], p->out, sizeof p->out);
  p->nroots = 1;
  return 0;
}

void sbpath_allow_read(sbpath *p, const char *dir) {
  char real[PATH_MAX];
  if (!dir || p->nroots >= SBPATH_MAX_ROOTS || !realpath(dir, real)) return;
  for (size_t i = 0; i < p->nroots; i++)
    if (strcmp(p->roots[i], real) == 0) return;
  snprintf(p->roots[p->nroots++], sizeof p->roots[0], "%s", real);
}

static const char *split(const char *path, char *dir);

void sbpath_guard(sbpath *p, const char *file) {
  char dir[PATH_MAX], real[PATH_MAX], full[PATH_MAX];
  struct stat st;
  p->guard[0] = '\0';
  p->gdev = p->gino = p->ddev = p->dino = 0;
  if (!file || strlen(file) >= PATH_MAX) return;
  if (realpath(file, full)) file = full; /* through a link to the corpus */
  const char *base = split(file, dir);
  if (!base || !realpath(dir, real)) return;
  snprintf(p->guard, sizeof p->guard, "%s/%s", real, base);
  if (stat(file, &st) == 0) p->gdev = st.st_dev, p->gino = st.st_ino;
  if (stat(real, &st) == 0) p->ddev = st.st_dev, p->dino = st.st_ino;
}

int sbpath_in_out(const sbpath *p, const char *path) {
  char real[PATH_MAX];
  return strlen(path) < PATH_MAX && realpath(path, real) &&
         inside(p->out, real);
}

/* Is base the guarded corpus's name or one of its side files' names? */
static int guarded_name(const sbpath *p, const char *base) {
  static const char *const side[] = {"", "-wal", "-shm", "-journal"};
  const char *g = strrchr(p->guard, '/') + 1;
  size_t gn = strlen(g);
  if (strncmp(base, g, gn)) return 0;
  for (size_t i = 0; i < sizeof side / sizeof *side; i++)
    if (!strcmp(base + gn, side[i])) return 1;
  return 0;
}

/*
** Is base, in the folder open as dfd (resolved: real), the guarded corpus
** or one of its side files? The folder is the corpus's by its resolved
** name or by its device and inode (renamed since the start).
*/
static int guarded(const sbpath *p, int dfd, const char *real,
                   const char *base) {
  struct stat st;
  size_t k = strlen(real);
  if (!p->guard[0] || !guarded_name(p, base)) return 0;
  if (!strncmp(p->guard, real, k) && p->guard[k] == '/' &&
      !strchr(p->guard + k + 1, '/'))
    return 1;
  return p->dino && fstat(dfd, &st) == 0 && st.st_dev == p->ddev &&
         st.st_ino == p->dino;
}

/* Is the file open as fd the guarded corpus (by device and inode)? */
static int guarded_file(const sbpath *p, int fd) {
  struct stat st;
  return p->gino && fstat(fd, &st) == 0 && st.st_dev == p->gdev &&
         st.st_ino == p->gino;
}

/* Is base in the folder open as dfd a folder that holds the guarded corpus
** (its own folder or one above it)? */
static int holds_guarded(const sbpath *p, int dfd, const char *base) {
  char real[PATH_MAX], sub[PATH_MAX + 256];
  struct stat st;
  if (!p->guard[0] || fstatat(dfd, base, &st, AT_SYMLINK_NOFOLLOW) != 0 ||
      !S_ISDIR(st.st_mode) || fd_path(dfd, ".", real) != 0)
    return 0;
  snprintf(sub, sizeof sub, "%s/%s", strcmp(real, "/") ? real : "", base);
  return inside(sub, p->guard);
}

/*
** Split path into its folder (into dir[PATH_MAX]) and last name (returned,
** pointing into path). NULL when the last name is empty, "." or "..".
*/
static const char *split(const char *path, char *dir) {
  const char *slash = strrchr(path, '/');
  const char *base = slash ? slash + 1 : path;
  if (!slash) {
    strcpy(dir, ".");
  } else if (slash == path) {
    strcpy(dir, "/");
  } else {
    size_t k = (size_t)(slash - path);
    if (k >= PATH_MAX) return NULL;
    memcpy(dir, path, k);
    dir[k] = '\0';
  }
  if (!*base || !strcmp(base, ".") || !strcmp(base, "..")) return NULL;
  return base;
}

/*
** Open the folder part of `path` inside the output folder: returns the
** folder's descriptor and sets *base to the last name, or -1 with why.
*/
static int out_dir(const sbpath *p, const char *path, const char **base,
                   char *why, size_t n) {
  char dir[PATH_MAX], real[PATH_MAX];
  if (strlen(path) >= PATH_MAX) return fail(why, n, "%s: name too long", path);
  *base = split(path, dir);
  if (!*base) return fail(why, n, "%s: not a file name", path);
  int dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dfd < 0)
    return fail(why, n,
                "%s: sandbox: writing only inside the output folder (and "
                "the folder part of this name does not exist)",
                path);
  if (fd_path(dfd, dir, real) != 0 || !inside(p->out, real)) {
    close(dfd);
    errno = EACCES;
    return fail(why, n, "%s: sandbox: writing only inside the output folder",
                path);
  }
  if (guarded(p, dfd, real, *base)) {
    close(dfd);
    errno = EACCES;
    return fail(why, n, "%s: sandbox: the corpus database is read-only", path);
  }
  return dfd;
}

/* the opened file must be a regular file with one link; else close it */
static int check_written(int fd, const char *path, char *why, size_t n) {
  struct stat st;
  if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
    close(fd);
    errno = EACCES;
    return fail(why, n, "%s: sandbox: not a regular file", path);
  }
  if (st.st_nlink > 1) {
    close(fd);
    errno = EACCES;
    return fail(why, n, "%s: sandbox: refusing a file with several hard links",
                path);
  }
  return fd;
}

int sbpath_open_write(const sbpath *p, const char *path, int flags, char *why,
                      size_t n) {
  const char *base;
  int dfd = out_dir(p, path, &base, why, n);
  if (dfd < 0) return -1;
  struct stat st; /* a FIFO or device there: refused, never opened */
  if (fstatat(dfd, base, &st, AT_SYMLINK_NOFOLLOW) == 0 &&
      !S_ISREG(st.st_mode) && !S_ISLNK(st.st_mode)) {
    close(dfd);
    errno = EACCES;
    return fail(why, n, "%s: sandbox: not a regular file", path);
  }
  int trunc = flags & O_TRUNC;
  int fd =
      openat(dfd, base,
             (flags & ~O_TRUNC) | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC, 0644);
  int err = errno;
  close(dfd);
  if (fd < 0) {
    errno = err;
    return fail(why, n,
                err == ELOOP ? "%s: sandbox: refusing a symbolic link"
                             : "%s: cannot open for writing",
                path);
  }
  if (check_written(fd, path, why, n) < 0) return -1;
  if (guarded_file(p, fd)) { /* the corpus under a name not foreseen */
    close(fd);
    errno = EACCES;
    return fail(why, n, "%s: sandbox: the corpus database is read-only", path);
  }
  fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK);
  if (trunc && ftruncate(fd, 0) != 0) {
    close(fd);
    return fail(why, n, "%s: cannot truncate", path);
  }
  return fd;
}

/* no component of rest (a path below a root) may start with '.' */
static int hidden_below(const char *rest) {
  for (const char *s = rest; *s; s++)
    if (*s == '/' && s[1] == '.') return 1;
  return 0;
}

/* the read policy on a resolved path */
static int may_read(const sbpath *p, const char *real) {
  static const char *const closed[] = {"/proc", "/sys", "/dev"};
  for (size_t i = 0; i < sizeof closed / sizeof *closed; i++)
    if (inside(closed[i], real)) return 0;
  for (size_t i = 0; i < p->nroots; i++) {
    const char *root = p->roots[i];
    size_t k = strcmp(root, "/") == 0 ? 0 : strlen(root);
    if (inside(root, real) && !hidden_below(real + k)) return 1;
  }
  return 0;
}

int sbpath_readable(const sbpath *p, const char *path) {
  char real[PATH_MAX];
  struct stat st;
  return strlen(path) < PATH_MAX && realpath(path, real) && may_read(p, real) &&
         stat(real, &st) == 0 && S_ISREG(st.st_mode);
}

/* Has path a ".." component? */
static int climbs(const char *path) {
  for (const char *c = path;; c++) { /* c: a component's start */
    if (c[0] == '.' && c[1] == '.' && (c[2] == '/' || !c[2])) return 1;
    if (!(c = strchr(c, '/'))) return 0;
  }
}

/*
** Where a file that realpath cannot resolve would be: its longest
** existing ancestor resolved, then the rest of path as written, into
** real (PATH_MAX). 0 when there is no such ancestor or path climbs
** ("..").
*/
static int missing_path(const char *path, char *real) {
  char a[PATH_MAX], dir[PATH_MAX];
  if (climbs(path)) return 0;
  snprintf(a, sizeof a, "%s", path);
  for (;;) {
    char *slash = strrchr(a, '/');
    const char *parent = slash == a ? "/" : slash ? (*slash = 0, a) : ".";
    const char *rest = path + (slash ? (size_t)(slash - a) + 1 : 0);
    if (realpath(parent, dir))
      return snprintf(real, PATH_MAX, "%s/%s", strcmp(dir, "/") ? dir : "",
                      rest) < PATH_MAX;
    if (!slash || slash == a) return 0;
  }
}

/* The read policy's refusal of path (errno EACCES). */
static int refuse_read(const char *path, char *why, size_t n) {
  errno = EACCES;
  return fail(why, n,
              "%s: sandbox: reading only inside the current, script and "
              "output folders (no hidden files, /proc, /sys, /dev)",
              path);
}

int sbpath_open_read(const sbpath *p, const char *path, char *why, size_t n) {
  char real[PATH_MAX];
  struct stat st;
  if (strlen(path) >= PATH_MAX) return fail(why, n, "%s: name too long", path);
  if (!realpath(path, real)) {
    /* a missing file outside the read policy is refused like an
    ** existing one: two answers would tell a script which host files
    ** exist (red team 5) */
    if (!missing_path(path, real) || !may_read(p, real))
      return refuse_read(path, why, n);
    return fail(why, n, "%s: No such file or directory", path);
  }
  if (!may_read(p, real)) return refuse_read(path, why, n);
  int fd = open(real, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
  if (fd < 0) return fail(why, n, "%s: cannot open", path);
  if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
    close(fd);
    errno = EACCES;
    return fail(why, n, "%s: sandbox: not a regular file", path);
  }
  fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK);
  return fd;
}

int sbpath_remove(const sbpath *p, const char *path, char *why, size_t n) {
  const char *base;
  int dfd = out_dir(p, path, &base, why, n);
  if (dfd < 0) return -1;
  int rc = unlinkat(dfd, base, 0);
  if (rc != 0 && errno == EISDIR) rc = unlinkat(dfd, base, AT_REMOVEDIR);
  int err = errno;
  close(dfd);
  errno = err;
  return rc == 0 ? 0 : fail(why, n, "%s: cannot remove", path);
}

int sbpath_rename(const sbpath *p, const char *from, const char *to, char *why,
                  size_t n) {
  const char *b1, *b2;
  int d1 = out_dir(p, from, &b1, why, n);
  if (d1 < 0) return -1;
  int d2 = out_dir(p, to, &b2, why, n);
  if (d2 < 0) {
    close(d1);
    return -1;
  }
  if (holds_guarded(p, d1, b1)) {
    close(d1), close(d2);
    errno = EACCES;
    return fail(why, n, "%s: sandbox: the folder holds the corpus database",
                from);
  }
  int rc = renameat(d1, b1, d2, b2), err = errno;
  close(d1), close(d2);
  errno = err;
  return rc == 0 ? 0 : fail(why, n, "%s: cannot rename", from);
}
