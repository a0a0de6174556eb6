/*
** test_fts_exact.c — the index of exact forms (fts.h, FTS_INDEX mode).
** Plan:
**  1. FTS_INDEX tokens: each syllable and word once, as its exact folded
**     form (no stripped twin); the accented forms are reported with their
**     stripped forms, each once per text (fts_pretokenize_ex).
**  2. the same documents in an index of stripped + exact forms and in one
**     of exact forms with its fts_forms table answer every query alike:
**     the same rows and the same bm25 (plain, accented, unaccented,
**     phrase, word token, prefix, accented prefix, document numbers).
**  3. without fts_forms an unaccented query reaches only the unaccented
**     text: the forms are what makes it accent-smart.
*/
#include <math.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "fts.h"
#include "util.h"

static const char *const docs[] = {
    "Đảng ủy tỉnh Quảng Ninh họp bàn.",
    "Công việc dang dở, đang làm.",
    "Ông Quang về Ninh Bình thăm những người dân.",
    "Chống tham nhũng theo Nghị định 108/2014/NĐ-CP.",
    "Dạng thức mới, đăng ký ngay.",
    NULL};

static const char *const queries[] = {"dang",
                                      "đảng",
                                      "Dang",
                                      "uy",
                                      "quang",
                                      "\"quang ninh\"",
                                      "quang_ninh",
                                      "quảng_ninh",
                                      "tham + nhung",
                                      "tham + nhũng",
                                      "d*",
                                      "dan*",
                                      "đa*",
                                      "nd",
                                      "nđ",
                                      "108/2014/nđ-cp",
                                      "cp",
                                      "dang OR dan",
                                      NULL};

static int collect(void *ctx, int tflags, const char *tok, int ntok, int start,
                   int end) {
  buf *b = ctx;
  if (b->len) buf_addc(b, ' ');
  if (tflags & FTS_COLOCATED) buf_addc(b, '+');
  buf_add(b, tok, (size_t)ntok);
  buf_printf(b, "@%d-%d", start, end);
  return 0;
}

static int collect_form(void *ctx, const char *st, int nst, const char *ex,
                        int nex) {
  buf *b = ctx;
  buf_printf(b, "%s%.*s=%.*s", b->len ? " " : "", nst, st, nex, ex);
  return 0;
}

static void test_tokens(void) {
  buf b;
  buf_init(&b);
  const char *s = "Đảng ủy Đảng";
  fts_scan(s, (int)strlen(s), FTS_INDEX, collect, &b);
  CHECK_STR(b.data, "đảng@0-7 ủy@8-12 đảng@13-20");
  buf_free(&b);
  fts_tokens *t = fts_pretokenize_ex(NULL, 1, s, (int)strlen(s));
  buf_init(&b);
  fts_tokens_forms(t, collect_form, &b);
  CHECK_STR(b.data, "dang=đảng dang_uy=đảng_ủy uy=ủy"); /* each once */
  buf_free(&b);
  fts_tokens_free(t);
  buf_init(&b);
  s = "tỉnh Quảng Ninh";
  fts_tokenize_lex(NULL, s, (int)strlen(s), FTS_INDEX, collect, &b);
  CHECK_STR(b.data, "tỉnh@0-6 quảng@7-14 +quảng_ninh@7-19 ninh@15-19");
  buf_free(&b);
}

/* db's forms table from the documents' accented forms. */
static int put_form(void *ctx, const char *st, int nst, const char *ex,
                    int nex) {
  sqlite3_stmt *ins = ctx;
  sqlite3_bind_text(ins, 1, st, nst, SQLITE_TRANSIENT);
  sqlite3_bind_text(ins, 2, ex, nex, SQLITE_TRANSIENT);
  CHECK(sqlite3_step(ins) == SQLITE_DONE);
  sqlite3_reset(ins);
  return 0;
}

static sqlite3 *open_index(int exact) {
  sqlite3 *db = NULL;
  CHECK(sqlite3_open(":memory:", &db) == SQLITE_OK);
  CHECK(fts_register(db) == SQLITE_OK);
  CHECK(fts_set_index(db, NULL, exact) == SQLITE_OK);
  CHECK(sqlite3_exec(db,
                     "CREATE VIRTUAL TABLE t USING fts5(x, tokenize='tinsh');"
                     "CREATE TABLE fts_forms(strip TEXT NOT NULL, exact TEXT "
                     "NOT NULL, PRIMARY KEY(strip, exact)) WITHOUT ROWID",
                     NULL, NULL, NULL) == SQLITE_OK);
  sqlite3_stmt *ins, *form;
  sqlite3_prepare_v2(db, "INSERT INTO t(x) VALUES(?1)", -1, &ins, NULL);
  sqlite3_prepare_v2(db, "INSERT OR IGNORE INTO fts_forms VALUES(?1, ?2)", -1,
                     &form, NULL);
  for (int i = 0; docs[i]; i++) {
    sqlite3_bind_text(ins, 1, docs[i], -1, SQLITE_STATIC);
    CHECK(sqlite3_step(ins) == SQLITE_DONE);
    sqlite3_reset(ins);
    fts_tokens *tk =
        fts_pretokenize_ex(NULL, exact, docs[i], (int)strlen(docs[i]));
    fts_tokens_forms(tk, put_form, form);
    fts_tokens_free(tk);
  }
  sqlite3_finalize(ins);
  sqlite3_finalize(form);
  return db;
}

/* Rows of MATCH m as "rowid:bm25 ..." (bm25 rounded to 1e-9). */
static char *answer(sqlite3 *db, const char *m) {
  static char out[2][1024];
  static int k;
  char *o = out[k++ & 1];
  o[0] = '\0';
  sqlite3_stmt *st;
  if (sqlite3_prepare_v2(db,
                         "SELECT rowid, bm25(t) FROM t WHERE t MATCH ?1 "
                         "ORDER BY rowid",
                         -1, &st, NULL) != SQLITE_OK)
    return strcpy(o, "error");
  sqlite3_bind_text(st, 1, m, -1, SQLITE_STATIC);
  size_t n = 0;
  while (sqlite3_step(st) == SQLITE_ROW && n + 40 < 1024)
    n += (size_t)snprintf(o + n, 1024 - n, "%lld:%.9f ",
                          (long long)sqlite3_column_int64(st, 0),
                          sqlite3_column_double(st, 1));
  sqlite3_finalize(st);
  return o;
}

static void test_same_answers(void) {
  sqlite3 *a = open_index(0), *b = open_index(1);
  for (int i = 0; queries[i]; i++) {
    char *x = answer(a, queries[i]), *y = answer(b, queries[i]);
    if (strcmp(x, y) != 0) fprintf(stderr, "query %s\n", queries[i]);
    CHECK_STR(y, x);
  }
  CHECK(strncmp(answer(b, "dang"), "1:", 2) == 0); /* Đảng, dang, đang */
  CHECK(strlen(answer(b, "dang")) > strlen(answer(b, "đảng")));
  /* 3: the forms are what reaches the accented text */
  CHECK(sqlite3_exec(b, "DELETE FROM fts_forms", NULL, NULL, NULL) ==
        SQLITE_OK);
  CHECK(strcmp(answer(b, "dang"), answer(a, "dang")) != 0);
  CHECK_STR(answer(b, "đảng"), answer(a, "đảng")); /* exact stays */
  sqlite3_close(a);
  sqlite3_close(b);
}

int main(void) {
  test_tokens();
  test_same_answers();
  return check_done();
}
