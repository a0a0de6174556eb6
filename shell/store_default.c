/*
** store_default.c — which corpus database a command uses when none is
** named: --db, $TINSH_DB, ./tinsh.db, else the bundled example corpus,
** built on first use into the user's cache and rebuilt when the parser
** version, the schema or the example files change.
*/
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "parse.h"
#include "paths.h"
#include "store_int.h"

#ifndef TINSH_EXAMPLES_DIR
#define TINSH_EXAMPLES_DIR "examples"
#endif

/* mkdir -p; 0 or -1 with errno */
static int mkdirs(const char *path) {
  char *p = xstrdup(path);
  for (char *q = p + 1; *q; q++) {
    if (*q != '/') continue;
    *q = 0;
    if (mkdir(p, 0755) != 0 && errno != EEXIST) {
      free(p);
      return -1;
    }
    *q = '/';
  }
  int rc = mkdir(p, 0755) != 0 && errno != EEXIST ? -1 : 0;
  free(p);
  return rc;
}

/* The cache folder (malloc'd) or NULL when no home is known. */
static char *cache_dir(void) {
  const char *e = getenv("TINSH_CACHE_DIR");
  if (e && *e) return xstrdup(e);
  e = getenv("XDG_CACHE_HOME");
  if (e && *e) return store_msg("%s/tinsh", e);
  e = getenv("HOME");
  if (e && *e) return store_msg("%s/.cache/tinsh", e);
  return NULL;
}

/*
** Hash of the names and bytes of every file in dir, and in its
** subfolders down to depth more levels (sorted names: the same folder
** always gives the same hash). *ok is cleared when dir is unreadable.
*/
static uint64_t folder_hash(const char *dir, int depth, int *ok) {
  size_t n;
  char **names = util_dir_names(dir, &n);
  if (!names) {
    *ok = 0;
    return 0;
  }
  uint64_t h = 0;
  for (size_t i = 0; i < n; i++) {
    char *p = store_msg("%s/%s", dir, names[i]), *bytes;
    size_t len;
    struct stat sb;
    h = h * 31 + util_hash64(names[i], strlen(names[i]));
    if (depth > 0 && stat(p, &sb) == 0 && S_ISDIR(sb.st_mode))
      h = h * 31 + folder_hash(p, depth - 1, ok);
    else if (util_read_file(p, 0, &bytes, &len) == 0) {
      h = h * 31 + util_hash64(bytes, len);
      free(bytes);
    }
    free(p);
    free(names[i]);
  }
  free(names);
  return h;
}

/*
** Fingerprint of the example database: parser and schema versions, a
** hash of every file's name and bytes in the example corpus, and one of
** the data folder (word lists, lexicon, parser rules: a new tinsh whose
** lists changed rebuilds it, where it kept the statistics of the old
** ones). NULL if the corpus folder is unreadable.
*/
static char *fingerprint(const char *dir) {
  int ok = 1, data_ok = 1; /* a missing data folder hashes as empty */
  uint64_t h = folder_hash(dir, 0, &ok);
  if (!ok) return NULL;
  const char *data = host_dir("data");
  uint64_t d = data ? folder_hash(data, 1, &data_ok) : 0;
  return store_msg("parser %d schema %d files %016llx data %016llx",
                   PARSE_VERSION, STORE_SCHEMA_VERSION, (unsigned long long)h,
                   (unsigned long long)d);
}

/* Does the database at path carry this fingerprint? */
static int is_current(const char *path, const char *fp) {
  store *s;
  char *err = NULL;
  if (access(path, F_OK) != 0) return 0;
  if (store_open(path, STORE_READONLY, &s, &err) != 0) {
    free(err);
    return 0;
  }
  char *v = store_meta(s, "examples_fingerprint");
  int ok = v && strcmp(v, fp) == 0;
  free(v);
  store_close(s);
  return ok;
}

/* Build the example database at tmp (ingest + fingerprint). */
static int build(const char *tmp, const char *corpus, const char *fp,
                 char **err) {
  store *s;
  if (store_open(tmp, STORE_READWRITE, &s, err) != 0) return -1;
  const char *paths[] = {corpus};
  store_ingest_opts o = {0};
  o.threads = 1;
  store_ingest_stats st;
  int rc = store_ingest(s, paths, 1, &o, &st, err);
  if (rc >= 0) {
    char *sql = sqlite3_mprintf(
        "INSERT OR REPLACE INTO meta VALUES('examples_fingerprint', %Q);"
        "PRAGMA journal_mode = DELETE",
        fp);
    rc = store_exec(s, sql, err);
    sqlite3_free(sql);
  }
  store_close(s);
  return rc < 0 ? -1 : 0;
}

static char *example_db(char **err) {
  const char *corpus = TINSH_EXAMPLES_DIR "/corpus";
  char *fp = fingerprint(corpus);
  if (!fp) {
    *err = store_msg(
        "no corpus database (use --db PATH, set TINSH_DB or "
        "run tinsh ingest) and the example corpus %s is "
        "missing",
        corpus);
    return NULL;
  }
  char *dir = cache_dir();
  if (!dir || mkdirs(dir) != 0) {
    *err = store_msg("cannot create the cache folder %s: %s",
                     dir ? dir : "(no HOME)", strerror(errno));
    free(dir);
    free(fp);
    return NULL;
  }
  char *path = store_msg("%s/examples.db", dir);
  if (!is_current(path, fp)) {
    /* build aside, then rename: readers never see a half-built file */
    char *tmp = store_msg("%s/examples.db.%ld.tmp", dir, (long)getpid());
    int rc = build(tmp, corpus, fp, err);
    if (rc == 0 && rename(tmp, path) != 0) {
      *err = store_msg("%s: %s", path, strerror(errno));
      rc = -1;
    }
    unlink(tmp);
    char *side = store_msg("%s.lock", tmp);
    unlink(side);
    free(side);
    free(tmp);
    if (rc != 0) {
      free(path);
      path = NULL;
    }
  }
  free(dir);
  free(fp);
  return path;
}

char *store_default_path(const char *db_option, char **err) {
  *err = NULL;
  if (db_option && *db_option) return xstrdup(db_option);
  const char *e = getenv("TINSH_DB");
  if (e && *e) return xstrdup(e);
  if (access("tinsh.db", F_OK) == 0) return xstrdup("tinsh.db");
  return example_db(err);
}
