/*
** store_untrusted.c — reading a database file that may hold hostile bytes
** (store_open's STORE_UNTRUSTED: a database a --sandbox script opens
** beside its corpus, perhaps shipped with the script).
**
** What SQLite's "defense against the dark arts" advice asks, in order:
** the connection is hardened before anything is read (defensive mode, no
** trusted schema, cell-size checks, no memory map), the file's b-trees
** pass PRAGMA quick_check, and its schema is tinsh's own: no triggers,
** and every view and virtual table exactly as a fresh tinsh database
** declares it (so no fts3, rtree or hostile tokenizer arguments reach a
** parser, and no view runs SQL tinsh did not write). Ordinary tables and
** indexes only need names tinsh uses: a database migrated from an older
** schema has the same names with longer column lists.
*/
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fts.h"
#include "store_int.h"

void store_untrusted_harden(sqlite3 *db) {
  sqlite3_db_config(db, SQLITE_DBCONFIG_DEFENSIVE, 1, (int *)NULL);
  sqlite3_db_config(db, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, (int *)NULL);
  sqlite3_exec(db, "PRAGMA cell_size_check = ON; PRAGMA mmap_size = 0", NULL,
               NULL, NULL);
}

/*
** The type and sql of `name` in the fresh database ref, copied into
** type[16] and *sql (malloc'd, NULL for an automatic index); 0 when ref
** has no such object.
*/
static int lookup(sqlite3 *ref, const char *name, char type[16], char **sql) {
  sqlite3_stmt *st = NULL;
  int found = 0;
  *sql = NULL;
  if (sqlite3_prepare_v2(ref,
                         "SELECT type, sql FROM sqlite_schema WHERE name = ?1",
                         -1, &st, NULL) == SQLITE_OK) {
    sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
    if (sqlite3_step(st) == SQLITE_ROW) {
      const char *t = (const char *)sqlite3_column_text(st, 0);
      const char *q = (const char *)sqlite3_column_text(st, 1);
      snprintf(type, 16, "%s", t ? t : "");
      *sql = q ? xstrdup(q) : NULL;
      found = 1;
    }
  }
  sqlite3_finalize(st);
  return found;
}

static int is_virtual(const char *sql) {
  return sql && !strncmp(sql, "CREATE VIRTUAL TABLE", 20);
}

/* Is sql the fresh declaration fsql, or the fts table as schema versions
** before 10 declared it (the tokenizer without FTS_FORMS_ARG)? */
static int same_sql(const char *sql, const char *fsql) {
  if (!sql || !fsql) return 0;
  if (!strcmp(sql, fsql)) return 1;
  static const char now[] = FTS_TOKENIZE_FORMS, old[] = FTS_TOKENIZE_BOTH;
  const char *at = strstr(fsql, now);
  size_t pre = at ? (size_t)(at - fsql) : 0;
  return at && !strncmp(sql, fsql, pre) &&
         !strncmp(sql + pre, old, sizeof old - 1) &&
         !strcmp(sql + pre + sizeof old - 1, at + sizeof now - 1);
}

/* NULL when the entry (type, name, sql) may stay, else why not */
static const char *entry_fault(sqlite3 *ref, const char *type, const char *name,
                               const char *sql) {
  char ftype[16];
  char *fsql = NULL;
  const char *why = NULL;
  if (!strcmp(type, "trigger")) return "a trigger";
  if (!strcmp(name, "sqlite_stat1") || !strcmp(name, "sqlite_sequence"))
    return is_virtual(sql) ? "an unexpected virtual table" : NULL;
  if (!lookup(ref, name, ftype, &fsql) || strcmp(ftype, type))
    why = "an object tinsh does not make";
  else if ((!strcmp(type, "view") || is_virtual(sql) || is_virtual(fsql)) &&
           !same_sql(sql, fsql))
    why = "a view or virtual table unlike tinsh's";
  free(fsql); /* else a table or index of a name tinsh uses */
  return why;
}

/* PRAGMA quick_check: 0 when "ok", else -1 with its first complaint */
static int quick_check(sqlite3 *db, char **err) {
  sqlite3_stmt *st = NULL;
  int rc = -1;
  if (sqlite3_prepare_v2(db, "PRAGMA quick_check(1)", -1, &st, NULL) ==
          SQLITE_OK &&
      sqlite3_step(st) == SQLITE_ROW) {
    const char *r = (const char *)sqlite3_column_text(st, 0);
    const char *nl = r ? strrchr(r, '\n') : NULL; /* one line: its last */
    if (r && !strcmp(r, "ok"))
      rc = 0;
    else
      *err = store_msg("damaged database (%.200s)", nl ? nl + 1 : r ? r : "?");
  } else {
    *err = store_msg("%s", sqlite3_errmsg(db));
  }
  sqlite3_finalize(st);
  return rc;
}

int store_untrusted_check(sqlite3 *db, sqlite3 *ref, char **err) {
  if (quick_check(db, err) != 0) return -1;
  sqlite3_stmt *st = NULL;
  if (sqlite3_prepare_v2(db, "SELECT type, name, sql FROM sqlite_schema", -1,
                         &st, NULL) != SQLITE_OK) {
    *err = store_msg("%s", sqlite3_errmsg(db));
    return -1;
  }
  int rc = 0;
  while (rc == 0 && sqlite3_step(st) == SQLITE_ROW) {
    const char *type = (const char *)sqlite3_column_text(st, 0);
    const char *name = (const char *)sqlite3_column_text(st, 1);
    const char *sql = (const char *)sqlite3_column_text(st, 2);
    const char *why =
        type && name ? entry_fault(ref, type, name, sql) : "a nameless object";
    if (why) {
      *err =
          store_msg("not tinsh's schema: %s (%.80s)", why, name ? name : "?");
      rc = -1;
    }
  }
  sqlite3_finalize(st);
  return rc;
}
