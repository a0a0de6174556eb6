/*
** test_util_read.c — whole-file reads (util_read.c): the one-pread path
** for small seekable files and the fstat path behind it give the same
** bytes and the same errors.
**
** Test plan:
**   1. Regular files of 0, 1, 4,095, 65,535, 65,536 (the first read fills
**      the buffer: read again the careful way), 65,537 and 300,000 bytes,
**      each read into a fresh buffer and into one reused from the
**      previous file, with and without UTIL_READ_REGULAR: every byte, the
**      length and the NUL after it.
**   2. Limits: a 1,000-byte file with max 999 is EFBIG on both paths (the
**      pread path finds it after reading, the fstat path before), with
**      max 1,000 it reads; the buffer is freed after a failure.
**   3. Kinds: a folder is EISDIR (without the flag) and EINVAL (with it);
**      a missing file is ENOENT; /dev/null reads as empty without the
**      flag and is refused with it.
**   4. A named pipe (not seekable: pread says ESPIPE) is read whole from
**      a writer that writes in two parts after the read has begun, and
**      is refused with UTIL_READ_REGULAR without blocking.
*/
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "check.h"
#include "util.h"

/* A file dir/name of n bytes, byte i = (i * 7 + n) mod 251. */
static void make_file(const char *dir, const char *name, size_t n, char *path,
                      size_t cap) {
  snprintf(path, cap, "%s/%s", dir, name);
  char *b = malloc(n ? n : 1);
  for (size_t i = 0; i < n; i++) b[i] = (char)((i * 7 + n) % 251);
  FILE *f = fopen(path, "wb");
  CHECK(f != NULL);
  if (f) {
    CHECK(fwrite(b, 1, n, f) == n);
    fclose(f);
  }
  free(b);
}

/* Are the n bytes at p those make_file wrote for n, NUL-terminated? */
static int same_bytes(const char *p, size_t n) {
  for (size_t i = 0; i < n; i++)
    if (p[i] != (char)((i * 7 + n) % 251)) return 0;
  return p[n] == '\0';
}

/* Test 1: sizes around the first read's 64 KiB buffer. */
static void test_sizes(const char *dir) {
  static const size_t sizes[] = {0, 1, 4095, 65535, 65536, 65537, 300000};
  char path[512], name[32];
  for (int flags = 0; flags <= UTIL_READ_REGULAR; flags++) {
    char *kept = NULL; /* reused from file to file */
    size_t kcap = 0;
    for (size_t i = 0; i < sizeof sizes / sizeof *sizes; i++) {
      snprintf(name, sizeof name, "f%zu", sizes[i]);
      make_file(dir, name, sizes[i], path, sizeof path);
      char *b = NULL;
      size_t cap = 0, len = 99;
      CHECK(util_read_file_into(path, 0, flags, &b, &cap, &len) == 0);
      CHECK(len == sizes[i] && b && same_bytes(b, len) && cap >= len);
      free(b);
      len = 99;
      CHECK(util_read_file_into(path, 0, flags, &kept, &kcap, &len) == 0);
      CHECK(len == sizes[i] && kept && same_bytes(kept, len));
    }
    free(kept);
  }
}

/* Test 2: the size limit on both paths. */
static void test_limits(const char *dir) {
  char path[512];
  make_file(dir, "k1000", 1000, path, sizeof path);
  for (int flags = 0; flags <= UTIL_READ_REGULAR; flags++) {
    char *b = NULL;
    size_t cap = 0, len = 0;
    errno = 0;
    CHECK(util_read_file_into(path, 999, flags, &b, &cap, &len) == -1);
    CHECK(errno == EFBIG && b == NULL && cap == 0);
    CHECK(util_read_file_into(path, 1000, flags, &b, &cap, &len) == 0);
    CHECK(len == 1000 && same_bytes(b, len));
    free(b);
  }
}

/* One read of path with flags: its result; *err its errno, *len its
** length. */
static int read_one(const char *path, int flags, int *err, size_t *len) {
  char *b = NULL;
  size_t cap = 0;
  errno = 0;
  int r = util_read_file_into(path, 0, flags, &b, &cap, len);
  *err = errno;
  free(b);
  return r;
}

/* Test 3: folders, missing files, devices. */
static void test_kinds(const char *dir) {
  char path[512];
  int err;
  size_t len = 7;
  CHECK(read_one(dir, 0, &err, &len) == -1 && err == EISDIR);
  CHECK(read_one(dir, UTIL_READ_REGULAR, &err, &len) == -1 && err == EINVAL);
  snprintf(path, sizeof path, "%s/missing", dir);
  CHECK(read_one(path, 0, &err, &len) == -1 && err == ENOENT);
  CHECK(read_one("/dev/null", 0, &err, &len) == 0 && len == 0);
  CHECK(read_one("/dev/null", UTIL_READ_REGULAR, &err, &len) == -1);
  CHECK(err == EINVAL);
}

/* Test 4: a named pipe whose writer writes "abc" and, later, "def". */
static void test_fifo(const char *dir) {
  char path[512];
  snprintf(path, sizeof path, "%s/pipe", dir);
  if (mkfifo(path, 0600) != 0) {
    CHECK(!"mkfifo");
    return;
  }
  int err;
  size_t len = 7;
  /* no writer: refused at once with the flag, never blocking */
  CHECK(read_one(path, UTIL_READ_REGULAR, &err, &len) == -1);
  CHECK(err == EINVAL);
  fflush(NULL);
  pid_t pid = fork();
  if (pid == 0) { /* the writer: no heap use, no stdio */
    int fd = open(path, O_WRONLY);
    if (fd < 0 || write(fd, "abc", 3) != 3) _exit(1);
    usleep(200 * 1000);
    _exit(write(fd, "def", 3) == 3 ? 0 : 1);
  }
  char *b = NULL;
  size_t cap = 0;
  CHECK(pid > 0 && util_read_file_into(path, 0, 0, &b, &cap, &len) == 0);
  CHECK(len == 6 && b && memcmp(b, "abcdef", 7) == 0);
  free(b);
  int st = 1;
  if (pid > 0) waitpid(pid, &st, 0);
  CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 0);
  unlink(path);
}

int main(void) {
  char dir[] = "/tmp/tinsh-util-read-XXXXXX";
  if (!mkdtemp(dir)) return perror("mkdtemp"), 1;
  signal(SIGPIPE, SIG_IGN);
  test_sizes(dir);
  test_limits(dir);
  test_kinds(dir);
  test_fifo(dir);
  char cmd[600];
  snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
  if (system(cmd) != 0) fprintf(stderr, "could not remove %s\n", dir);
  return check_done();
}
