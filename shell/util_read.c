/*
** util_read.c — whole-file reads and folder listings (util.h), bounded
** by a size limit; split from util.c.
*/
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util.h"

static int cmp_names(const void *a, const void *b) {
  return strcmp(*(char *const *)a, *(char *const *)b);
}

char **util_dir_names(const char *dir, size_t *n) {
  DIR *dp = opendir(dir);
  if (!dp) return NULL;
  VEC(char *) names = {0};
  struct dirent *e;
  while ((e = readdir(dp)) != NULL)
    if (e->d_name[0] != '.') VEC_PUSH(names, xstrdup(e->d_name));
  closedir(dp);
  if (names.n) qsort(names.items, names.n, sizeof(char *), cmp_names);
  *n = names.n;
  return names.items ? names.items : xcalloc(1, sizeof(char *));
}

/*
** The descriptor fd (path opened non-blocking), settled for reading; *st
** gets its fstat. A regular file or a folder needs no change (O_NONBLOCK
** does not apply to them). When wait_fifo and path is a FIFO it is opened
** again, blocking, as cat waits for the writer (`tinsh parse` of a named
** pipe); a FIFO with no writer otherwise reads as empty. Reads are
** blocking either way, so a slow writer's data is not cut short. The
** descriptor to read, or -1 with errno (fd closed).
*/
static int settle(int fd, const char *path, struct stat *st, int wait_fifo) {
  if (fstat(fd, st) != 0) goto fail;
  if (S_ISREG(st->st_mode) || S_ISDIR(st->st_mode)) return fd;
  if (wait_fifo && S_ISFIFO(st->st_mode)) {
    /* opened again, blocking, before the first is closed: a writer that
    ** the first open let in never sees the FIFO without a reader */
    int fd2 = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY);
    int e = errno;
    close(fd);
    if (fd2 < 0) return errno = e, -1;
    fd = fd2;
    if (fstat(fd, st) != 0) goto fail;
  }
  fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK);
  return fd;
fail:;
  int e = errno;
  close(fd);
  errno = e;
  return -1;
}

/*
** Read fd to the end into a NUL-terminated buffer of at most max bytes:
** *io (malloc'd, *iocap bytes and a NUL's room) when it holds hint + 1
** bytes and 64 KiB, else a new one of that size (*io freed), growing as
** needed. A regular file (reg) ends at its first short read. *io and
** *iocap follow the buffer (NULL and 0 after a failure). Never aborts:
** ENOMEM when memory runs out, EFBIG past max (a device or a growing
** file).
*/
static int read_all(int fd, int64_t max, size_t hint, int reg, char **io,
                    size_t *iocap, size_t *outlen) {
  size_t want = hint < 65536 ? 65536 : hint + 1, len = 0;
  char *b = *io;
  size_t cap = *iocap;
  if (!b || cap < want) {
    free(b);
    b = malloc(want + 1), cap = want;
  }
  int err = b ? 0 : ENOMEM;
  while (!err) {
    if (len == cap) {
      size_t ncap = cap * 2;
      char *nb = (int64_t)cap > max ? NULL : realloc(b, ncap + 1);
      if (!nb) {
        err = (int64_t)cap > max ? EFBIG : ENOMEM;
        break;
      }
      b = nb, cap = ncap;
    }
    ssize_t n = read(fd, b + len, cap - len);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) err = errno;
    if (n <= 0) break;
    len += (size_t)n;
    if (reg && len < cap) break; /* a short read: the end of the file */
  }
  if (!err && (int64_t)len > max) err = EFBIG;
  if (err) {
    free(b);
    *io = NULL, *iocap = 0;
    errno = err;
    return -1;
  }
  b[len] = '\0';
  *io = b, *iocap = cap;
  *outlen = len;
  return 0;
}

/*
** The common case in one read and no fstat: fd read whole from offset 0
** with pread into *io (grown to 64 KiB when smaller), which a small
** seekable file fills only in part. 1 when that read was the whole file
** (*outlen set, NUL added; EFBIG past max); 0 when fd cannot be read so
** -- pread says ESPIPE (a FIFO, a terminal: nothing consumed) or it
** filled the buffer (a large file or a device: read again from the start
** the careful way); -1 on another error (EISDIR for a folder, as read(2)
** says), *io freed.
*/
static int read_once(int fd, int64_t max, char **io, size_t *iocap,
                     size_t *outlen) {
  char *b = *io;
  size_t cap = *iocap;
  if (!b || cap < 65536) {
    free(b);
    b = malloc(65536 + 1), cap = 65536;
  }
  ssize_t n = -1;
  if (!b) errno = ENOMEM;
  while (b && (n = pread(fd, b, cap, 0)) < 0 && errno == EINTR) {
  }
  *io = b, *iocap = b ? cap : 0;
  if (n < 0 && errno == ESPIPE) return 0;
  if (n >= 0 && (size_t)n == cap) return 0;
  if (n >= 0 && (int64_t)n > max) errno = EFBIG, n = -1;
  if (n < 0) {
    int e = errno;
    free(b);
    *io = NULL, *iocap = 0;
    errno = e;
    return -1;
  }
  b[n] = '\0';
  *outlen = (size_t)n;
  return 1;
}

/* Without UTIL_READ_REGULAR a file is first tried with read_once (open,
** pread, close: most files); what it leaves, and every file with the
** flag, takes fstat's word for its kind and size (settle, read_all). */
int util_read_file_into(const char *path, int64_t max, int flags, char **io,
                        size_t *iocap, size_t *outlen) {
  struct stat st;
  if (max <= 0) max = UTIL_READ_MAX;
  int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
  if (fd < 0) return -1;
  int once =
      flags & UTIL_READ_REGULAR ? 0 : read_once(fd, max, io, iocap, outlen);
  if (once) {
    int e = errno;
    close(fd);
    errno = e;
    return once > 0 ? 0 : -1;
  }
  fd = settle(fd, path, &st, !(flags & UTIL_READ_REGULAR));
  if (fd < 0) return -1;
  int err = 0;
  if ((flags & UTIL_READ_REGULAR) && !S_ISREG(st.st_mode))
    err = EINVAL;
  else if (S_ISDIR(st.st_mode))
    err = EISDIR; /* what read(2) would say */
  else if (S_ISREG(st.st_mode) && st.st_size > max)
    err = EFBIG; /* known before reading a byte */
  int reg = S_ISREG(st.st_mode);
  if (!err && read_all(fd, max, reg ? (size_t)st.st_size : 0, reg, io, iocap,
                       outlen) != 0)
    err = errno;
  close(fd);
  errno = err;
  return err ? -1 : 0;
}

int util_read_file_ex(const char *path, int64_t max, int flags, char **out,
                      size_t *outlen) {
  char *b = NULL;
  size_t cap = 0;
  if (util_read_file_into(path, max, flags, &b, &cap, outlen) != 0) return -1;
  *out = b;
  return 0;
}

int util_read_file(const char *path, int64_t max, char **out, size_t *outlen) {
  return util_read_file_ex(path, max, 0, out, outlen);
}
