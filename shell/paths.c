/*
** paths.c — where tinsh's own files are: the stdlib, the bundled scripts,
** the examples and the data lists. Pure C, below everything that needs
** them (the Lua host, the sandbox's read policy, the lexicon).
*/
#include "paths.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static int is_dir(const char *p) {
  struct stat st;
  return stat(p, &st) == 0 && S_ISDIR(st.st_mode);
}

/*
** Directory of the stdlib, scripts, examples or data: $TINSH_<WHICH>
** (e.g. TINSH_STDLIB), else the source tree the binary was built from,
** else <exe>/../share/tinsh/<which>.
*/
const char *host_dir(const char *which) {
  static char found[4][PATH_MAX];
  static const char *const names[4] = {"stdlib", "scripts", "examples", "data"};
  static const char *const builtin[4] = {TINSH_STDLIB_DIR, TINSH_SCRIPTS_DIR,
                                         TINSH_EXAMPLES_DIR, TINSH_DATA_DIR};
  int k = 0;
  while (k < 4 && strcmp(names[k], which) != 0) k++;
  if (k == 4) return NULL;
  if (found[k][0]) return found[k];
  char env[32] = "TINSH_";
  for (size_t i = 0; which[i] && i < 20; i++)
    env[6 + i] = (char)(which[i] - 'a' + 'A'), env[7 + i] = '\0';
  const char *e = getenv(env);
  if (e && *e) {
    snprintf(found[k], PATH_MAX, "%s", e);
  } else if (is_dir(builtin[k])) {
    snprintf(found[k], PATH_MAX, "%s", builtin[k]);
  } else {
    char exe[PATH_MAX / 2];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n <= 0) return builtin[k];
    exe[n] = '\0';
    char *slash = strrchr(exe, '/');
    if (slash) *slash = '\0';
    snprintf(found[k], PATH_MAX, "%s/../share/tinsh/%s", exe, which);
  }
  return found[k];
}
