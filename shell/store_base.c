/*
** store_base.c — what every store file shares: one-line messages, running
** SQL, reading one integer or one meta value. Calls nothing of the store.
*/
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#include "store_int.h"

char *store_msg(const char *fmt, ...) {
  buf b;
  buf_init(&b);
  va_list ap;
  va_start(ap, fmt);
  char tmp[1024];
  vsnprintf(tmp, sizeof tmp, fmt, ap);
  va_end(ap);
  buf_adds(&b, tmp);
  return buf_detach(&b);
}

int store_exec(store *s, const char *sql, char **err) {
  char *e = NULL;
  if (sqlite3_exec(s->db, sql, NULL, NULL, &e) == SQLITE_OK) return 0;
  if (err) *err = store_msg("%s", e ? e : sqlite3_errmsg(s->db));
  sqlite3_free(e);
  return -1;
}

int64_t store_int(store *s, const char *sql, const char *arg, int64_t none) {
  sqlite3_stmt *st;
  int64_t v = none;
  if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK) return -1;
  if (arg) sqlite3_bind_text(st, 1, arg, -1, SQLITE_STATIC);
  if (sqlite3_step(st) == SQLITE_ROW) v = sqlite3_column_int64(st, 0);
  sqlite3_finalize(st);
  return v;
}

char *store_meta(store *s, const char *key) {
  sqlite3_stmt *st;
  char *v = NULL;
  if (sqlite3_prepare_v2(s->db, "SELECT value FROM meta WHERE key = ?1", -1,
                         &st, NULL) != SQLITE_OK)
    return NULL;
  sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
  if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_text(st, 0))
    v = xstrdup((const char *)sqlite3_column_text(st, 0));
  sqlite3_finalize(st);
  return v;
}
