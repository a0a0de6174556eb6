/*
** test_store_words.c — store_user_words reads the user lexicon table.
** Plan:
**  1. a new database has no corpus_words table: 0 entries, status 0.
**  2. with entries written as corpus:words{} writes them: every entry, in
**     word order, add = 1 for 'add' and 0 for 'remove'.
**  3. a callback's non-zero value stops the walk and is returned.
**  4. the entries feed a segmenter overlay: a taught word comes out whole.
*/
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check.h"
#include "segment.h"
#include "store_words.h"

typedef struct seen {
  char words[8][64];
  int add[8];
  int n, stop_at;
} seen;

static int collect(void *ctx, const char *word, int add) {
  seen *s = ctx;
  if (s->n < 8) {
    snprintf(s->words[s->n], sizeof s->words[0], "%s", word);
    s->add[s->n] = add;
  }
  s->n++;
  return s->stop_at && s->n >= s->stop_at ? 7 : 0;
}

static int teach(void *ctx, const char *word, int add) {
  seg_lex *lex = ctx;
  return add ? seg_lex_add(lex, word, strlen(word))
             : seg_lex_remove(lex, word, strlen(word));
}

static int nwords_cb(void *ctx, size_t from, size_t to, int nsyl, int kind) {
  (void)from, (void)to, (void)kind;
  int *v = ctx;
  v[0]++;
  if (nsyl > v[1]) v[1] = nsyl;
  return 0;
}

int main(void) {
  char path[] = "/tmp/tinsh-store-words-XXXXXX";
  int fd = mkstemp(path);
  CHECK(fd >= 0);
  close(fd);
  unlink(path);
  store *s = NULL;
  char *err = NULL;
  CHECK(store_open(path, STORE_READWRITE, &s, &err) == 0);
  seen a = {0};
  CHECK(store_user_words(s, collect, &a) == 0);
  CHECK(a.n == 0);
  CHECK(sqlite3_exec(store_db(s),
                     "CREATE TABLE corpus_words(word TEXT PRIMARY KEY, action "
                     "TEXT NOT NULL) WITHOUT ROWID;"
                     "INSERT INTO corpus_words VALUES('phát triển', 'remove'),"
                     "('nông thôn mới', 'add'), ('kinh tế biển', 'add')",
                     NULL, NULL, NULL) == SQLITE_OK);
  seen b = {0};
  CHECK(store_user_words(s, collect, &b) == 0);
  CHECK(b.n == 3);
  CHECK_STR(b.words[0], "kinh tế biển");
  CHECK_STR(b.words[2], "phát triển");
  CHECK(b.add[0] == 1 && b.add[1] == 1 && b.add[2] == 0);
  seen c = {.stop_at = 2};
  CHECK(store_user_words(s, collect, &c) == 7);
  CHECK(c.n == 2);
  const seg_lex *base = seg_lex_default();
  CHECK(base != NULL);
  seg_lex *lex = seg_lex_overlay(base);
  CHECK(store_user_words(s, teach, lex) == 0);
  const char *t = "phát triển kinh tế biển";
  int v[2] = {0, 0};
  seg_words(lex, t, strlen(t), nwords_cb, v);
  CHECK(v[0] == 3 && v[1] == 3); /* phát | triển | kinh tế biển */
  seg_lex_free(lex);
  store_close(s);
  unlink(path);
  char wal[256];
  snprintf(wal, sizeof wal, "%s-wal", path);
  unlink(wal);
  snprintf(wal, sizeof wal, "%s-shm", path);
  unlink(wal);
  return check_done();
}
