/*
** data_check.h — for the tests that run the extractors on a changed copy
** of data/: the copy made, the copy removed. Run from the source folder.
*/
#ifndef TINSH_DATA_CHECK_H
#define TINSH_DATA_CHECK_H

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Copy data/name to dir/name with extra (NULL: nothing) appended.
** Returns 0 on success. */
static inline int data_check_copy_file(const char *dir, const char *name,
                                       const char *extra) {
  char src[512], dst[512];
  snprintf(src, sizeof src, "data/%s", name);
  snprintf(dst, sizeof dst, "%s/%s", dir, name);
  FILE *in = fopen(src, "r"), *out = fopen(dst, "w");
  if (!in || !out) {
    if (in) fclose(in);
    if (out) fclose(out);
    return -1;
  }
  char line[4096];
  while (fgets(line, sizeof line, in)) fputs(line, out);
  if (extra) fputs(extra, out);
  fclose(in);
  return fclose(out);
}

/* Make the folder dir (a mkdtemp template, filled in) holding a copy of
** every .txt and .tsv file of data/, each with extra_for(its name)
** appended (NULL: nothing). Returns 0 on success, -1 when data/ cannot
** be read or a copy fails. */
static inline int data_check_make(char *dir,
                                  const char *(*extra_for)(const char *)) {
  DIR *d = opendir("data");
  if (!d || !mkdtemp(dir)) {
    if (d) closedir(d);
    return -1;
  }
  struct dirent *e;
  int rc = 0;
  while ((e = readdir(d)) && rc == 0) {
    size_t n = strlen(e->d_name);
    if (n < 5 || (strcmp(e->d_name + n - 4, ".txt") != 0 &&
                  strcmp(e->d_name + n - 4, ".tsv") != 0))
      continue;
    rc = data_check_copy_file(dir, e->d_name, extra_for(e->d_name));
  }
  closedir(d);
  return rc;
}

/* Remove the files of dir (no subfolders), then dir. */
static inline void data_check_remove(const char *dir) {
  DIR *d = opendir(dir);
  struct dirent *e;
  char p[512];
  while (d && (e = readdir(d)))
    if (e->d_name[0] != '.') {
      snprintf(p, sizeof p, "%s/%s", dir, e->d_name);
      unlink(p);
    }
  if (d) closedir(d);
  rmdir(dir);
}

#endif
