/*
** paths.h — where tinsh's own files are (paths.c).
*/
#ifndef TINSH_PATHS_H
#define TINSH_PATHS_H

/*
** The directory of "stdlib", "scripts", "examples" or "data" (no trailing
** slash): $TINSH_<WHICH>, else the source tree the binary was built
** from, else <exe>/../share/tinsh/<which>. NULL for another name.
*/
const char *host_dir(const char *which);

#endif
