/*
** sandbox_path.h — the file policy of `tinsh --sandbox`, in pure C (no
** Lua), so it can be unit-tested on its own.
**
** Writes: only regular files directly or deeper inside the output folder,
** opened without following a final symbolic link, never a file with more
** than one hard link, never a FIFO or device. Reads: only regular files
** whose resolved path lies inside one of the allowed roots, with no
** hidden component (a name starting with '.') below that root, and never
** under /proc, /sys or /dev. Every function returns an open descriptor
** (or 0 for success) or -1 with a one-line reason in `why`.
*/
#ifndef TINSH_SANDBOX_PATH_H
#define TINSH_SANDBOX_PATH_H

#include <stddef.h>

#define SBPATH_MAX_ROOTS 8

typedef struct sbpath {
  char out[4096];                     /* resolved output folder */
  char roots[SBPATH_MAX_ROOTS][4096]; /* resolved readable roots */
  size_t nroots;                      /* roots[0] is the output folder */
  char guard[8192]; /* resolved corpus file ("" none): it and its -wal,
                    ** -shm and -journal are never written, removed or
                    ** renamed, even inside the output folder; nor is a
                    ** folder above it renamed */
  unsigned long long gdev, gino; /* the corpus file (0, 0: none yet) */
  unsigned long long ddev, dino; /* its folder, however renamed */
} sbpath;

/*
** Set up the policy for the output folder `outdir` (created when missing).
** Fails on "", on a path that is not a usable, writable folder.
*/
int sbpath_init(sbpath *p, const char *outdir, char *why, size_t n);
/* allow reading below `dir` (resolved now); ignored when it cannot be */
void sbpath_allow_read(sbpath *p, const char *dir);
/*
** Guard the database `file` (resolved now through every symbolic link;
** the file need not exist): no write, remove or rename touches it or
** SQLite's side files, under any name (its folder renamed, a link to
** it: the file and its folder are known by device and inode too), and
** no folder holding it is renamed.
*/
void sbpath_guard(sbpath *p, const char *file);
/* does `path`, resolved, lie in the output folder? (0 when it cannot be
** resolved) */
int sbpath_in_out(const sbpath *p, const char *path);

/*
** Open `path` for writing with open(2) `flags` (O_WRONLY or O_RDWR, plus
** O_CREAT, O_APPEND, O_TRUNC as the mode asks); O_TRUNC is applied only
** after the file has passed the checks.
*/
int sbpath_open_write(const sbpath *p, const char *path, int flags, char *why,
                      size_t n);
/* open `path` read-only under the read policy */
int sbpath_open_read(const sbpath *p, const char *path, char *why, size_t n);
/* may `path` be read? (for searchers: no descriptor) */
int sbpath_readable(const sbpath *p, const char *path);
/* remove / rename inside the output folder */
int sbpath_remove(const sbpath *p, const char *path, char *why, size_t n);
int sbpath_rename(const sbpath *p, const char *from, const char *to, char *why,
                  size_t n);

#endif
