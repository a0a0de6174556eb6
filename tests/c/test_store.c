/*
** test_store.c — the corpus database (store.h), on small generated
** corpora in a temporary folder.
** Plan:
**  1. first ingest: .txt/.md/.jsonl files counted new, an unsupported and
**     an empty file skipped, a dangling link reported as an error (status
**     1), a symlink cycle walked once, a duplicate JSON record counted and
**     not indexed twice; progress totals from the counting walk (none
**     without a progress callback).
**  2. every stored document rebuilds to the same JSON as parsing the file.
**  3. incremental: unchanged (a stat), touched, changed (same id, new
**     text searchable, old not), moved (same id), duplicate file, --prune.
**  4. integrity: PRAGMA integrity_check, FTS5 integrity-check (the
**     external-content view agrees with the index) and the document count
**     kept in meta equal to the table's, after every step;
**     --reparse re-derives everything from stored raw text.
**  5. search API: plain queries, raw MATCH errors, limit/offset, snippets,
**     offsets, count; read-only open refuses writes.
**  6. a second ingest is refused while the lock is held.
**  7. search while an ingest runs in another thread.
**  8. kill -9 in the middle of an ingest, then a completing ingest.
**  9. schema migration: a version-1 file (no FTS5 hashsize, automerge or
**     pgsz) opens read-only as it is, is migrated in place by a read-write
**     open (meta, fts_config) and searches the same; a file from a newer
**     tinsh is refused.
** 10. ranking: plain queries put documents with the words side by side,
**     in query order, first; --and, phrases and prefixes rank by bm25.
** 11. a run that replaced or removed >= 10 % of the documents (prune,
**     reparse, changed files) merges the FTS index into one segment; a
**     smaller one does not.
** 12. meta.parser_version stays the oldest parser version among the
**     documents through unchanged, new, changed and pruned runs.
** 13. bulk load (the first ingest into an empty database runs unsynced,
**     marked by meta 'bulk_load' = the boot id): later ingests are
**     synced; the mark is gone after a run; a bulk load killed with -9
**     leaves the mark and an intact file, the next run completes it
**     without a check (same boot) and drops the mark; a mark from another
**     boot makes readers warn and the next run check the file first, and
**     a damaged file is refused with the mark kept and nothing written.
** 14. one document of many paragraphs costs linear work to rebuild its FTS
**     content (pages fetched, counted, not timed).
** 15. a damaged database (block_rows spans outside the text, wrapping
**     off + len, fact block indexes out of range) loads the good part,
**     skips the damaged rows with a warning, never reads out of bounds.
*/
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "check.h"
#include "parse.h"
#include "pipeline.h"
#include "store.h"

static char dir[256], dbpath[300];

static void put(const char *name, const char *text) {
  char p[512];
  snprintf(p, sizeof p, "%s/%s", dir, name);
  char *slash = strrchr(p, '/');
  *slash = 0;
  mkdir(p, 0755);
  *slash = '/';
  FILE *f = fopen(p, "wb");
  fputs(text, f);
  fclose(f);
}

static char *in(const char *name) {
  static char p[4][512];
  static int k;
  k = (k + 1) % 4;
  snprintf(p[k], sizeof p[k], "%s/%s", dir, name);
  return p[k];
}

static store_ingest_stats st;
static int nerr;
static int with_progress;       /* the next ingest() reports progress */
static int finals;              /* final progress calls seen */
static store_ingest_stats last; /* as the last progress call saw them */

static void on_progress(void *ctx, const store_ingest_stats *s, int final) {
  (void)ctx;
  last = *s;
  finals += final;
}

static void on_note(void *ctx, const char *path, const char *why, int error) {
  (void)ctx;
  if (getenv("VERBOSE"))
    fprintf(stderr, "note: %s: %s (%d)\n", path, why, error);
  if (error) nerr++;
}

static int ingest(int prune, int reparse) {
  store *s;
  char *err = NULL;
  if (store_open(dbpath, STORE_READWRITE, &s, &err) != 0) {
    fprintf(stderr, "open: %s\n", err);
    free(err);
    return -2;
  }
  const char *paths[] = {dir};
  store_ingest_opts o = {0};
  o.prune = prune;
  o.reparse = reparse;
  o.threads = 2;
  o.batch = 100; /* commits often enough for the kill test to see them */
  o.file_note = on_note;
  o.progress = with_progress ? on_progress : NULL;
  with_progress = 0;
  nerr = 0;
  int rc = store_ingest(s, paths, 1, &o, &st, &err);
  if (rc < 0) fprintf(stderr, "ingest: %s\n", err);
  free(err);
  store_close(s);
  return rc;
}

static store *ro(void) {
  store *s;
  char *err = NULL;
  if (store_open(dbpath, STORE_READONLY, &s, &err) != 0) {
    fprintf(stderr, "open ro: %s\n", err);
    free(err);
    return NULL;
  }
  return s;
}

static int64_t count_sql(store *s, const char *sql) {
  sqlite3_stmt *q;
  int64_t n = -1;
  if (sqlite3_prepare_v2(store_db(s), sql, -1, &q, NULL) != SQLITE_OK)
    return -1;
  if (sqlite3_step(q) == SQLITE_ROW) n = sqlite3_column_int64(q, 0);
  sqlite3_finalize(q);
  return n;
}

/* Both integrity checks pass (opens read-write: FTS checks write). */
static int intact(void) {
  store *s;
  char *err = NULL;
  if (store_open(dbpath, STORE_READWRITE, &s, &err) != 0) {
    free(err);
    return 0;
  }
  sqlite3_stmt *q;
  int ok = 0;
  sqlite3_prepare_v2(store_db(s), "PRAGMA integrity_check", -1, &q, NULL);
  if (sqlite3_step(q) == SQLITE_ROW)
    ok = strcmp((const char *)sqlite3_column_text(q, 0), "ok") == 0;
  sqlite3_finalize(q);
  if (sqlite3_exec(store_db(s),
                   "INSERT INTO fts(fts) VALUES('integrity-check')", NULL, NULL,
                   &err) != SQLITE_OK) {
    fprintf(stderr, "fts integrity: %s\n", err);
    sqlite3_free(err);
    ok = 0;
  }
  /* the count kept in meta (schema 5) is the table's */
  sqlite3_prepare_v2(store_db(s), "SELECT count(*) FROM documents", -1, &q,
                     NULL);
  if (sqlite3_step(q) != SQLITE_ROW ||
      sqlite3_column_int64(q, 0) != store_doc_count(s)) {
    fprintf(stderr, "doc_count %lld, documents %lld\n",
            (long long)store_doc_count(s),
            (long long)sqlite3_column_int64(q, 0));
    ok = 0;
  }
  sqlite3_finalize(q);
  store_close(s);
  return ok;
}

/* This machine's boot id ("" when unknown: then no bulk mode). */
static const char *boot(void) {
  static char id[64];
  FILE *f = fopen("/proc/sys/kernel/random/boot_id", "r");
  id[0] = 0;
  if (f) {
    if (!fgets(id, sizeof id, f)) id[0] = 0;
    fclose(f);
  }
  id[strcspn(id, "\n")] = 0;
  return id;
}

/* meta's value for key, or "" (a static buffer). */
static const char *meta_of(const char *key) {
  static char v[64];
  v[0] = 0;
  sqlite3 *db;
  sqlite3_stmt *q;
  if (sqlite3_open_v2(dbpath, &db, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK &&
      sqlite3_prepare_v2(db, "SELECT value FROM meta WHERE key = ?1", -1, &q,
                         NULL) == SQLITE_OK) {
    sqlite3_bind_text(q, 1, key, -1, SQLITE_STATIC);
    if (sqlite3_step(q) == SQLITE_ROW)
      snprintf(v, sizeof v, "%s", (const char *)sqlite3_column_text(q, 0));
    sqlite3_finalize(q);
  }
  sqlite3_close(db);
  return v;
}

/* Hit file names of a search, space-separated, and whether the first
** scored strictly better than the second (better may be NULL). */
static const char *ranked(const char *query, int no_adjacent, int *better) {
  static char out[512];
  store *s = ro();
  char *err = NULL;
  store_search_opts o = {0};
  o.no_adjacent = no_adjacent;
  store_search *q = store_search_open(s, query, &o, &err);
  store_hit h;
  double first = 0;
  int n = 0;
  out[0] = 0;
  while (q && store_search_next(q, &h) == 1) {
    const char *slash = strrchr(h.path, '/');
    snprintf(out + strlen(out), sizeof out - strlen(out), "%s%s", n ? " " : "",
             slash ? slash + 1 : h.path);
    if (n == 0) first = h.score;
    if (n == 1 && better) *better = first < h.score;
    n++;
  }
  store_search_close(q);
  free(err);
  store_close(s);
  return out;
}

/* Path of the single hit of a plain query ("" if none, "*" if several). */
static const char *hit(const char *query) {
  const char *r = ranked(query, 0, NULL);
  return strchr(r, ' ') ? "*" : r;
}

static int64_t id_of(const char *name) {
  store *s = ro();
  char *real = realpath(in(name), NULL);
  int64_t id = real ? store_doc_by_path(s, real) : 0;
  free(real);
  store_close(s);
  return id;
}

static const char *A =
    "\xEF\xBB\xBF Cửa khẩu Móng Cái\r\n\r\nTăng 57,7%\xC2\xA0theo Nghị "
    "quyết 20-NQ/TU.  \r\n\r\n";
static const char *B = "Ban Chấp hành Đảng bộ tỉnh họp phiên thứ nhất.\n";
static const char *C = "# Đà Nẵng\n\nThành phố biển miền Trung.\n";

static void test_first_ingest(void) {
  put("a.txt", A);
  put("b.txt", B);
  put("sub/c.md", C);
  put("d.jsonl",
      "{\"title\":\"Hạ Long\",\"date\":\"2024-03-04\",\"body\":\"Vịnh Hạ Long "
      "đón khách\",\"url\":\"http://x/1\"}\n"
      "{\"title\":\"Cô Tô\",\"text\":\"Đảo Cô Tô \\u0111\\u1eb9p\"}\n"
      "{\"title\":\"Hạ Long\",\"date\":\"2024-03-04\",\"body\":\"Vịnh Hạ Long "
      "đón khách\",\"url\":\"http://x/1\"}\n");
  put("e.bin", "\x01\x02");
  put("empty.txt", "");
  put("bad.jsonl", "{\"title\": \"x\", body}\n");
  symlink("/nonexistent/zzz.txt", in("dangling.txt"));
  symlink("..", in("sub/loop")); /* a cycle: walked once */
  with_progress = 1;
  CHECK(ingest(0, 0) == 1);
  /* with progress: the counting walk found what the work then did */
  CHECK(finals == 1);
  CHECK(last.files_total == 6 && last.files_done == 6);
  CHECK(last.bytes_total > 0 && last.bytes_total == last.bytes_done);
  CHECK(st.new_docs == 4); /* a, b, c, d (files) */
  CHECK(st.duplicates == 1);
  CHECK(st.errors == 2); /* dangling link, bad JSON */
  CHECK(nerr == 2);
  CHECK(st.skipped == 2); /* e.bin, empty.txt */
  store *s = ro();
  CHECK(store_doc_count(s) == 5);
  CHECK(count_sql(s, "SELECT count(*) FROM ingest_errors") == 2);
  CHECK(count_sql(s, "SELECT count(*) FROM ingest_log WHERE status='done'") ==
        1);
  CHECK(count_sql(s, "PRAGMA page_size") == 8192); /* a new file */
  CHECK(count_sql(s, "SELECT v FROM fts_config WHERE k = 'automerge'") == 8);
  CHECK(count_sql(s, "SELECT v FROM fts_config WHERE k = 'pgsz'") == 8000);
  store_close(s);
  /* an empty database: loaded in bulk (given a boot id), mark dropped */
  CHECK(st.bulk == (boot()[0] != 0) && !st.checked);
  CHECK_STR(meta_of("bulk_load"), "");
  CHECK(intact());
  CHECK_STR(hit("mong cai"), "a.txt");
  CHECK_STR(hit("dang"), "b.txt");
  CHECK_STR(hit("da nang"), "c.md");
  CHECK_STR(hit("đẹp"), "d.jsonl#2");
  CHECK_STR(hit("vinh ha long"), "d.jsonl#1");
  CHECK_STR(hit("57,7"), "a.txt");
  CHECK_STR(hit("20-NQ/TU"), "a.txt");
  CHECK_STR(hit("\"xyz"), "");
}

/* Every stored document rebuilds to the JSON of a fresh parse. */
static void test_roundtrip(void) {
  store *s = ro();
  char *err = NULL;
  store_iter *it = store_docs(s, "format = 'text'", &err);
  store_docinfo di;
  int n = 0;
  while (store_docs_next(it, &di) == 1) {
    doc *got = store_doc_load(s, di.id);
    const char *why;
    doc *want = pipeline_file(di.path, 0, 0, &why);
    CHECK(got && want);
    if (!got || !want) continue;
    buf a, b;
    buf_init(&a), buf_init(&b);
    doc_to_json(got, &a);
    if (!want->id[0]) memcpy(want->id, got->id, sizeof want->id);
    doc_to_json(want, &b);
    CHECK_STR(a.data, b.data);
    CHECK(got->text_len == want->text_len);
    char *file, *raw;
    size_t flen, rlen = 0;
    if (util_read_file(di.path, 0, &file, &flen) == 0) {
      raw = store_doc_raw(s, di.id, &rlen);
      CHECK(raw && rlen == flen && memcmp(raw, file, flen) == 0);
      free(raw);
      free(file);
    }
    buf_free(&a), buf_free(&b);
    doc_free(got), doc_free(want);
    n++;
  }
  store_docs_close(it);
  CHECK(n == 3);
  doc *j = store_doc_load(s, store_doc_by_path(s, "nope"));
  CHECK(j == NULL);
  int64_t id = count_sql(s,
                         "SELECT id FROM documents WHERE path LIKE "
                         "'%d.jsonl#1'");
  j = store_doc_load(s, id);
  CHECK(j && j->title && strcmp(j->title, "Hạ Long") == 0);
  CHECK(j && j->published && strcmp(j->published, "2024-03-04") == 0);
  doc_free(j);
  size_t len = 0;
  char *raw = store_doc_raw(s, id, &len);
  CHECK(raw && strncmp(raw, "{\"title\":\"Hạ Long\"", 18) == 0);
  free(raw);
  sqlite3_stmt *f = store_facts(s, "blocks", id, &err);
  CHECK(f && sqlite3_step(f) == SQLITE_ROW);
  sqlite3_finalize(f);
  CHECK(store_facts(s, "sqlite_schema", 0, &err) == NULL && err);
  free(err);
  store_close(s);
}

static void test_incremental(void) {
  int64_t ida = id_of("a.txt"), idb = id_of("b.txt");
  CHECK(ida > 0 && idb > 0);
  CHECK(ingest(0, 0) == 1); /* the two bad files are still bad */
  CHECK(st.unchanged == 4 && st.new_docs == 0 && st.changed == 0);
  /* without progress: no counting walk */
  CHECK(st.files_done == 6 && st.files_total == 0 && st.bytes_total == 0);
  CHECK(!st.bulk); /* the database holds documents: synced */
  /* touched: same bytes, new mtime */
  struct timespec ts[2] = {{0, UTIME_NOW}, {1000000, 0}};
  utimensat(AT_FDCWD, in("a.txt"), ts, 0);
  CHECK(ingest(0, 0) == 1);
  CHECK(st.unchanged == 4 && st.changed == 0);
  /* changed */
  put("b.txt", "Ban Thường vụ Tỉnh ủy Quảng Ninh.\n");
  CHECK(ingest(0, 0) == 1);
  CHECK(st.changed == 1 && st.unchanged == 3);
  CHECK(id_of("b.txt") == idb);
  CHECK_STR(hit("quang ninh"), "b.txt");
  CHECK_STR(hit("chấp hành"), "");
  CHECK(intact());
  /* moved */
  rename(in("a.txt"), in("sub/a2.txt"));
  CHECK(ingest(0, 0) == 1);
  CHECK(st.moved == 1 && st.new_docs == 0);
  CHECK(id_of("sub/a2.txt") == ida);
  CHECK(id_of("a.txt") == 0);
  CHECK_STR(hit("mong cai"), "a2.txt");
  /* exact duplicate of another file */
  put("copy.txt", C);
  CHECK(ingest(0, 0) == 1);
  CHECK(st.duplicates == 1 && st.new_docs == 0);
  store *s = ro();
  CHECK(store_doc_count(s) == 5);
  store_close(s);
  CHECK_STR(hit("da nang"), "c.md");
  /* the original goes away: the duplicate takes over its document */
  unlink(in("sub/c.md"));
  unlink(in("b.txt"));
  unlink(in("dangling.txt"));
  unlink(in("bad.jsonl"));
  CHECK(ingest(1, 0) == 0);
  CHECK(st.pruned == 1); /* b.txt's document; c.md's went to copy.txt */
  CHECK_STR(hit("da nang"), "copy.txt");
  CHECK_STR(hit("quang ninh"), "");
  s = ro();
  CHECK(store_doc_count(s) == 4);
  store_close(s);
  CHECK(intact());
  CHECK(st.optimized); /* 1 of 5 documents removed: the index is merged */
  /* reparse from stored raw text, without the files */
  CHECK(ingest(0, 1) == 0);
  CHECK(st.reparsed == 4 && st.optimized);
  s = ro();
  CHECK(count_sql(s, "SELECT count(DISTINCT segid) FROM fts_idx") == 1);
  store_close(s);
  CHECK(intact());
  CHECK_STR(hit("đẹp"), "d.jsonl#2");
  CHECK(id_of("sub/a2.txt") == ida);
}

/* Number of hits in offs ("col start end ...") whose text in the FTS
** column is w1 or w2. */
static int offsets_cover(store *s, int64_t id, const char *offs, const char *w1,
                         const char *w2) {
  sqlite3_stmt *q;
  sqlite3_prepare_v2(store_db(s),
                     "SELECT title, lead, body, captions, answers FROM "
                     "fts_content WHERE id = ?1",
                     -1, &q, NULL);
  sqlite3_bind_int64(q, 1, id);
  int n = 0, col, a, b, used;
  if (sqlite3_step(q) == SQLITE_ROW) {
    while (sscanf(offs, "%d %d %d%n", &col, &a, &b, &used) == 3) {
      const char *t = (const char *)sqlite3_column_text(q, col);
      if (t && b > a && (size_t)b <= strlen(t) &&
          ((strlen(w1) == (size_t)(b - a) && !memcmp(t + a, w1, b - a)) ||
           (strlen(w2) == (size_t)(b - a) && !memcmp(t + a, w2, b - a))))
        n++;
      offs += used;
    }
  }
  sqlite3_finalize(q);
  return n;
}

static void test_search_api(void) {
  store *s = ro();
  char *err = NULL;
  store_search_opts o = {0};
  o.raw = 1;
  CHECK(store_search_open(s, "\"unterminated", &o, &err) == NULL);
  CHECK(err != NULL); /* the FTS5 message */
  free(err);
  CHECK(store_search_count(s, "title:\"hạ long\"", 1, &err) == 1);
  CHECK(store_search_count(s, "(((", 0, &err) == 0);
  CHECK(store_search_count(s, "ha OR dao", 1, &err) == 2);
  o.raw = 0;
  o.offsets = 1;
  o.hl_open = "[";
  o.hl_close = "]";
  store_search *q = store_search_open(s, "móng cái", &o, &err);
  store_hit h;
  CHECK(q && store_search_next(q, &h) == 1);
  CHECK(h.snippet && strstr(h.snippet, "[Móng Cái]")); /* one mark */
  /* the word Móng Cái: one hit over the word */
  CHECK(h.offsets &&
        offsets_cover(s, h.id, h.offsets, "Móng Cái", "Móng Cái") == 1);
  CHECK(store_search_next(q, &h) == 0);
  store_search_close(q);
  o.limit = 1;
  o.offset = 1;
  q = store_search_open(s, "long OR dao", &o, &err); /* plain: all words */
  CHECK(q && store_search_next(q, &h) == 0);
  store_search_close(q);
  o.raw = 1;
  q = store_search_open(s, "long OR dao", &o, &err);
  CHECK(q && store_search_next(q, &h) == 1 && store_search_next(q, &h) == 0);
  store_search_close(q);
  /* read-only: writes refused */
  CHECK(sqlite3_exec(store_db(s), "DELETE FROM documents", NULL, NULL, NULL) !=
        SQLITE_OK);
  const char *p[] = {dir};
  CHECK(store_ingest(s, p, 1, NULL, &st, &err) == -1 && err);
  free(err);
  store_close(s);
  char *m = NULL;
  CHECK(store_open("/nonexistent/x.db", STORE_READONLY, &s, &m) == -1 && m);
  free(m);
  /* somebody else's database is left alone */
  char other[400];
  snprintf(other, sizeof other, "%s.other.db", dir);
  sqlite3 *odb;
  sqlite3_open(other, &odb);
  sqlite3_exec(odb, "CREATE TABLE mine(x)", NULL, NULL, NULL);
  sqlite3_close(odb);
  m = NULL;
  CHECK(store_open(other, STORE_READWRITE, &s, &m) == -1 && m &&
        strstr(m, "not a tinsh database"));
  free(m);
  m = NULL;
  CHECK(store_open(other, STORE_READONLY, &s, &m) == -1 && m &&
        strstr(m, "not a tinsh database"));
  free(m);
  unlink(other);
}

static void test_lock(void) {
  int fd = open(dbpath, O_RDONLY);
  CHECK(fd >= 0 && flock(fd, LOCK_EX | LOCK_NB) == 0);
  store *s;
  char *err = NULL;
  CHECK(store_open(dbpath, STORE_READWRITE, &s, &err) == 0);
  const char *p[] = {dir};
  store_ingest_opts o = {0};
  CHECK(store_ingest(s, p, 1, &o, &st, &err) == -1);
  CHECK(err && strstr(err, "another ingest is running") != NULL);
  free(err);
  store_close(s);
  close(fd);
}

/* The ingest lock follows the file, not the path's spelling: with the lock
** held through a hard link, an ingest through a symlink, through
** "dir/../name" and through the plain path are all refused. */
static void test_lock_spellings(void) {
  char hard[400], sym[400], dotted[700];
  snprintf(hard, sizeof hard, "%s.hard", dbpath);
  snprintf(sym, sizeof sym, "%s.sym", dbpath);
  unlink(hard);
  unlink(sym);
  CHECK(link(dbpath, hard) == 0);
  CHECK(symlink(dbpath, sym) == 0);
  const char *base = strrchr(dbpath, '/') + 1;
  snprintf(dotted, sizeof dotted, "%s/../%s", dir, base);
  int fd = open(hard, O_RDONLY);
  CHECK(fd >= 0 && flock(fd, LOCK_EX | LOCK_NB) == 0);
  const char *spell[] = {sym, dotted, dbpath};
  for (int i = 0; i < 3; i++) {
    store *s;
    char *err = NULL;
    CHECK(store_open(spell[i], STORE_READWRITE, &s, &err) == 0);
    const char *p[] = {dir};
    store_ingest_opts o = {0};
    CHECK(store_ingest(s, p, 1, &o, &st, &err) == -1);
    CHECK(err && strstr(err, "another ingest is running") != NULL);
    free(err);
    store_close(s);
  }
  close(fd);
  /* released: the symlink spelling ingests */
  store *s;
  char *err = NULL;
  CHECK(store_open(sym, STORE_READWRITE, &s, &err) == 0);
  const char *p[] = {dir};
  CHECK(store_ingest(s, p, 1, NULL, &st, &err) == 0);
  store_close(s);
  unlink(hard);
  unlink(sym);
}

/* store_ingest_opts.max_file_size: a file over it is skipped with a note
** naming the cap; the smaller one is ingested. */
static char cap_note[256];
static void cap_note_cb(void *ctx, const char *path, const char *why,
                        int error) {
  (void)ctx, (void)error;
  if (strstr(path, "big.txt")) snprintf(cap_note, sizeof cap_note, "%s", why);
}

static void test_max_file_size(void) {
  char sub[400], f[500], db[500];
  snprintf(sub, sizeof sub, "%s-cap", dir);
  snprintf(db, sizeof db, "%s-cap.db", dir);
  mkdir(sub, 0755);
  snprintf(f, sizeof f, "%s/small.txt", sub);
  FILE *fp = fopen(f, "w");
  fputs("Tiêu đề\n\nMột đoạn ngắn.\n", fp);
  fclose(fp);
  snprintf(f, sizeof f, "%s/big.txt", sub);
  fp = fopen(f, "w");
  fputs("Tiêu đề lớn\n\n", fp);
  for (int i = 0; i < 100; i++) fputs("Một đoạn văn dài hơn giới hạn. ", fp);
  fclose(fp);
  store *s;
  char *err = NULL;
  CHECK(store_open(db, STORE_READWRITE, &s, &err) == 0);
  const char *p[] = {sub};
  store_ingest_opts o = {0};
  o.max_file_size = 1000;
  o.file_note = cap_note_cb;
  CHECK(store_ingest(s, p, 1, &o, &st, &err) == 0);
  CHECK_STR(cap_note, "larger than 1000 bytes (--max-file-size), skipped");
  CHECK(st.new_docs == 1 && st.skipped == 1);
  store_close(s);
  char cmd[2100];
  snprintf(cmd, sizeof cmd, "rm -rf '%s' '%s' '%s-wal' '%s-shm'", sub, db, db,
           db);
  CHECK(system(cmd) == 0);
}

/* Pages SQLite fetched (cache hits + misses) to read the fts_content row
** of the one document in a fresh database of a generated article of n
** paragraphs (after checking that the index matches it). */
static int64_t fts_content_pages(int n) {
  char sub[400], f[500], db[500];
  snprintf(sub, sizeof sub, "%s-lin", dir);
  snprintf(db, sizeof db, "%s-lin.db", dir);
  mkdir(sub, 0755);
  snprintf(f, sizeof f, "%s/big.txt", sub);
  FILE *fp = fopen(f, "w");
  fputs("Tiêu đề dài\n\n", fp);
  for (int i = 0; i < n; i++)
    fprintf(fp, "Đoạn %d: tỉnh Quảng Ninh đón khách đến Móng Cái.\n\n", i);
  fclose(fp);
  store *s;
  char *err = NULL;
  CHECK(store_open(db, STORE_READWRITE, &s, &err) == 0);
  const char *p[] = {sub};
  CHECK(store_ingest(s, p, 1, NULL, &st, &err) == 0);
  CHECK(sqlite3_exec(store_db(s),
                     "INSERT INTO fts(fts) VALUES('integrity-check')", NULL,
                     NULL, NULL) == SQLITE_OK);
  int cur, hi;
  sqlite3 *h = store_db(s);
  sqlite3_db_status(h, SQLITE_DBSTATUS_CACHE_HIT, &cur, &hi, 1);
  sqlite3_db_status(h, SQLITE_DBSTATUS_CACHE_MISS, &cur, &hi, 1);
  CHECK(count_sql(s, "SELECT length(body) > 0 FROM fts_content") == 1);
  int64_t pages = 0;
  sqlite3_db_status(h, SQLITE_DBSTATUS_CACHE_HIT, &cur, &hi, 0);
  pages += cur;
  sqlite3_db_status(h, SQLITE_DBSTATUS_CACHE_MISS, &cur, &hi, 0);
  pages += cur;
  store_close(s);
  char cmd[2100];
  snprintf(cmd, sizeof cmd, "rm -rf '%s' '%s' '%s-wal' '%s-shm'", sub, db, db,
           db);
  CHECK(system(cmd) == 0);
  return pages;
}

/* Reading a document's FTS content (FTS5 does it for snippets, offsets
** and the 'delete' of a changed document) is linear in its size: 4x the
** paragraphs costs about 4x the pages (it was about 16x: the whole text
** was read again for each block). A count, not a time. */
static void test_fts_content_linear(void) {
  int64_t a = fts_content_pages(2000), b = fts_content_pages(8000);
  if (getenv("VERBOSE"))
    fprintf(stderr, "fts_content pages: %lld, %lld\n", (long long)a,
            (long long)b);
  CHECK(a > 0 && b < 8 * a);
}

/* ---- bigger generated corpora ---- */

static void gen(const char *sub, int n) {
  char name[128], text[600];
  for (int i = 0; i < n; i++) {
    snprintf(name, sizeof name, "%s/f%05d.txt", sub, i);
    snprintf(text, sizeof text,
             "Bài %s số %d về Quảng Ninh\n\nNăm 2024 tỉnh đạt %d,%d%% tăng "
             "trưởng, theo Nghị quyết %d-NQ/TU. Đoàn công tác thăm Móng Cái "
             "và Hạ Long, khẳng định vai trò của Đảng bộ.\n",
             sub, i, i % 97, i % 10, i);
    put(name, text);
  }
}

static volatile int ingest_done;

static void *bg_ingest(void *arg) {
  (void)arg;
  ingest(0, 0);
  ingest_done = 1;
  return NULL;
}

static void test_search_while_ingesting(void) {
  gen("many", 1500);
  ingest_done = 0;
  pthread_t t;
  pthread_create(&t, NULL, bg_ingest, NULL);
  int searches = 0, failures = 0;
  while (!ingest_done) {
    store *s = ro();
    char *err = NULL;
    if (!s) {
      failures++;
      continue;
    }
    if (store_search_count(s, "mong cai", 0, &err) < 0) failures++;
    free(err);
    searches++;
    store_close(s);
  }
  pthread_join(t, NULL);
  CHECK(searches > 0 && failures == 0);
  store *s = ro();
  char *err = NULL;
  CHECK(store_search_count(s, "mong cai", 0, &err) == 1501); /* + a2.txt */
  CHECK(store_search_count(s, "1234-NQ/TU", 0, &err) == 1);
  CHECK(store_search_count(s, "many 1234", 0, &err) == 1);
  store_close(s);
}

/* Start an ingest in a child, let it commit batches until the database
** holds more than docs documents, kill -9 it; 1 if the kill ended it. */
static int kill_ingest_after(int64_t docs) {
  pid_t pid = fork();
  if (pid == 0) {
    ingest(0, 0);
    _exit(0);
  }
  for (int i = 0; i < 400; i++) {
    usleep(10000);
    store *s = ro();
    int64_t n = s ? store_doc_count(s) : 0;
    store_close(s);
    if (n > docs) break;
  }
  kill(pid, SIGKILL);
  int status;
  waitpid(pid, &status, 0);
  return WIFSIGNALED(status);
}

static void test_kill(void) {
  gen("more", 3000);
  CHECK(kill_ingest_after(1500 + 4 + 600));
  CHECK(intact());
  store *s = ro();
  int64_t mid = store_doc_count(s);
  store_close(s);
  CHECK(mid < 4 + 1500 + 3000);
  CHECK(ingest(0, 0) == 0);
  CHECK(st.new_docs == 4 + 1500 + 3000 - mid);
  s = ro();
  if (store_doc_count(s) != 4 + 1500 + 3000)
    fprintf(stderr, "mid %lld new %lld end %lld\n", (long long)mid,
            (long long)st.new_docs, (long long)store_doc_count(s));
  CHECK(store_doc_count(s) == 4 + 1500 + 3000);
  CHECK(count_sql(s,
                  "SELECT count(*) FROM ingest_log WHERE status = "
                  "'interrupted'") == 1);
  store_close(s);
  CHECK(intact());
}

/* Run SQL on the database with plain SQLite (no tinsh tokenizer). */
static void plain_exec(const char *sql) {
  sqlite3 *db;
  CHECK(sqlite3_open(dbpath, &db) == SQLITE_OK);
  char *e = NULL;
  if (sqlite3_exec(db, sql, NULL, NULL, &e) != SQLITE_OK)
    fprintf(stderr, "plain_exec: %s\n", e ? e : "?");
  CHECK(e == NULL);
  sqlite3_free(e);
  sqlite3_close(db);
}

/* Hits of a few queries, as one number per query. */
static void counts(int64_t out[3]) {
  static const char *const q[3] = {"mong cai", "dang", "1234-NQ/TU"};
  store *s = ro();
  char *err = NULL;
  for (int i = 0; i < 3; i++) out[i] = store_search_count(s, q[i], 0, &err);
  free(err);
  store_close(s);
}

static void test_migration(void) {
  int64_t before[3], now[3];
  counts(before);
  CHECK(before[0] > 0 && before[1] > 0 && before[2] > 0);
  /* make the file a version-1 one, as tinsh 0.1.0 wrote it */
  plain_exec(
      "DELETE FROM fts_config WHERE k IN ('hashsize', 'automerge', 'pgsz');"
      "UPDATE meta SET value = '1' WHERE key = 'schema_version'");
  store *s = ro(); /* read-only: used as it is */
  CHECK(count_sql(s, "SELECT value FROM meta WHERE key='schema_version'") == 1);
  store_close(s);
  counts(now);
  CHECK(memcmp(now, before, sizeof now) == 0);
  char *err = NULL;
  CHECK(store_open(dbpath, STORE_READWRITE, &s, &err) == 0);
  CHECK(err == NULL);
  CHECK(count_sql(s, "SELECT value FROM meta WHERE key='schema_version'") ==
        STORE_SCHEMA_VERSION);
  CHECK(count_sql(s, "SELECT v FROM fts_config WHERE k = 'hashsize'") ==
        134217728);
  CHECK(count_sql(s, "SELECT v FROM fts_config WHERE k = 'automerge'") == 8);
  CHECK(count_sql(s, "SELECT v FROM fts_config WHERE k = 'pgsz'") == 8000);
  store_close(s);
  CHECK(intact());
  counts(now);
  CHECK(memcmp(now, before, sizeof now) == 0);
  /* a newer file is refused, read-write and read-only */
  plain_exec("UPDATE meta SET value = '99' WHERE key = 'schema_version'");
  CHECK(store_open(dbpath, STORE_READWRITE, &s, &err) != 0);
  CHECK(err && strstr(err, "newer than this tinsh"));
  free(err);
  err = NULL;
  CHECK(store_open(dbpath, STORE_READONLY, &s, &err) != 0);
  CHECK(err && strstr(err, "newer than this tinsh"));
  free(err);
  char sql[128];
  snprintf(sql, sizeof sql,
           "UPDATE meta SET value = '%d' WHERE key = 'schema_version'",
           STORE_SCHEMA_VERSION);
  plain_exec(sql);
  /* a file that already has 4 KB pages keeps FTS5's own leaf size */
  char small[320];
  snprintf(small, sizeof small, "%s/small.db", dir);
  sqlite3 *db;
  CHECK(sqlite3_open(small, &db) == SQLITE_OK);
  CHECK(sqlite3_exec(db, "PRAGMA page_size = 4096; PRAGMA journal_mode = WAL",
                     NULL, NULL, NULL) == SQLITE_OK);
  sqlite3_close(db);
  CHECK(store_open(small, STORE_READWRITE, &s, &err) == 0);
  CHECK(count_sql(s, "PRAGMA page_size") == 4096);
  CHECK(count_sql(s, "SELECT v FROM fts_config WHERE k = 'automerge'") == 8);
  CHECK(count_sql(s, "SELECT count(*) FROM fts_config WHERE k = 'pgsz'") == 0);
  store_close(s);
}

static int64_t segments(void) {
  store *s = ro();
  int64_t n = count_sql(s, "SELECT count(DISTINCT segid) FROM fts_idx");
  store_close(s);
  return n;
}

/* A run that replaced or removed a tenth of the documents or more merges
** the FTS index into one segment; a smaller one leaves it to FTS5. */
static void test_optimize(void) {
  char name[64], text[128];
  for (int i = 0; i < 30; i++) {
    snprintf(name, sizeof name, "opt/o%02d.txt", i);
    snprintf(text, sizeof text, "Tin số %d\n\nBài thứ %d về Hạ Long.\n", i, i);
    put(name, text);
  }
  CHECK(ingest(0, 0) == 0);
  CHECK(st.new_docs == 30 && !st.optimized); /* new documents: no rewrite */
  /* the 3,000 documents of more/ go: pruned, and the index merged */
  char cmd[600];
  snprintf(cmd, sizeof cmd, "rm -rf '%s/more'", dir);
  CHECK(system(cmd) == 0);
  CHECK(ingest(1, 0) == 0);
  CHECK(st.pruned == 3000 && st.optimized);
  CHECK(segments() == 1);
  /* one changed document of ~1,500: new segments, no merge */
  put("opt/o00.txt", "Tin mới\n\nQuan Lạn đón khách.\n");
  CHECK(ingest(0, 0) == 0);
  CHECK(st.changed == 1 && !st.optimized);
  CHECK(segments() > 1); /* not merged */
  CHECK(intact());
  CHECK_STR(hit("quan lan"), "o00.txt");
}

/* Plain queries of two or more words rank documents with the words side
** by side, in query order, first; --and (no_adjacent) is bm25 alone. */
static void test_ranking(void) {
  /* same title, same tokens, same lengths: bm25 ties (then id order);
  ** "đá mây" and "mây đá" are no words, so the queries stay on syllables */
  put("rank/r1.txt", "Tin đảo\n\nTàu ra đá mây xa bờ.\n");
  put("rank/r2.txt", "Tin đảo\n\nTàu ra mây đá xa bờ.\n");
  CHECK(ingest(0, 0) == 0);
  int better = -1;
  CHECK_STR(ranked("may da", 1, &better), "r1.txt r2.txt");
  CHECK(better == 0); /* a tie */
  CHECK_STR(ranked("may da", 0, &better), "r2.txt r1.txt");
  CHECK(better == 1);
  CHECK_STR(ranked("Mây Đá", 0, &better), "r2.txt r1.txt");
  CHECK_STR(ranked("da may", 0, &better), "r1.txt r2.txt");
  CHECK(better == 1);
  /* a phrase or prefix in the query: bm25 alone */
  CHECK_STR(ranked("may da*", 0, &better), "r1.txt r2.txt");
  CHECK(better == 0);
  CHECK_STR(ranked("\"may\" da", 0, &better), "r1.txt r2.txt");
  /* hits apart stay two marks, side by side they are one */
  store *s = ro();
  char *err = NULL;
  store_search_opts o = {0};
  o.hl_open = "<b>";
  o.hl_close = "</b>";
  store_search *q = store_search_open(s, "da may", &o, &err);
  store_hit h;
  CHECK(q && store_search_next(q, &h) == 1 && h.snippet);
  CHECK(h.snippet && strstr(h.snippet, "<b>đá mây</b> xa"));
  CHECK(store_search_next(q, &h) == 1 && h.snippet);
  CHECK(h.snippet && strstr(h.snippet, "<b>mây đá</b>"));
  store_search_close(q);
  q = store_search_open(s, "tau may", &o, &err);
  CHECK(q && store_search_next(q, &h) == 1 && h.snippet);
  CHECK(h.snippet && strstr(h.snippet, "<b>Tàu</b> ra "));
  store_search_close(q);
  store_close(s);
  CHECK(intact());
}

/* Zero page `page` of the database file (damage a system crash could do). */
static void zero_page(int64_t page) {
  char z[8192] = {0};
  int fd = open(dbpath, O_WRONLY);
  CHECK(fd >= 0);
  CHECK(pwrite(fd, z, sizeof z, (off_t)(page - 1) * 8192) == (ssize_t)sizeof z);
  close(fd);
}

/* meta.parser_version is the oldest parser version among the documents
** after every kind of run (new, unchanged, changed, prune). */
static void test_parser_version(void) {
  char sql[400], v[16], old[16];
  snprintf(v, sizeof v, "%d", PARSE_VERSION);
  snprintf(old, sizeof old, "%d", PARSE_VERSION - 1);
  CHECK_STR(meta_of("parser_version"), v);
  /* one document from an older parser, as an older tinsh left the file */
  snprintf(sql, sizeof sql,
           "UPDATE documents SET parser_version = %d WHERE path LIKE "
           "'%%/opt/o01.txt'; UPDATE meta SET value = '%d' WHERE key = "
           "'parser_version'",
           PARSE_VERSION - 1, PARSE_VERSION - 1);
  plain_exec(sql);
  CHECK(ingest(0, 0) == 0 && st.unchanged > 0 && st.new_docs == 0);
  CHECK_STR(meta_of("parser_version"), old);
  put("opt/o40.txt", "Tin số 40\n\nCô Tô đón khách.\n");
  CHECK(ingest(0, 0) == 0 && st.new_docs == 1);
  CHECK_STR(meta_of("parser_version"), old); /* o01 is still old */
  put("opt/o01.txt", "Tin số 1, sửa lại\n\nVân Đồn.\n");
  CHECK(ingest(0, 0) == 0 && st.changed == 1);
  CHECK_STR(meta_of("parser_version"), v); /* its replacement is current */
  /* an old document whose file is gone: pruned, the value goes up */
  snprintf(sql, sizeof sql,
           "UPDATE documents SET parser_version = %d WHERE path LIKE "
           "'%%/opt/o40.txt'; UPDATE meta SET value = '%d' WHERE key = "
           "'parser_version'",
           PARSE_VERSION - 1, PARSE_VERSION - 1);
  plain_exec(sql);
  unlink(in("opt/o40.txt"));
  CHECK(ingest(1, 0) == 0 && st.pruned == 1);
  CHECK_STR(meta_of("parser_version"), v);
  /* from a newer parser (a newer tinsh wrote the file): new documents
  ** lower it */
  snprintf(sql, sizeof sql,
           "UPDATE documents SET parser_version = %d; UPDATE meta SET value "
           "= '%d' WHERE key = 'parser_version'",
           PARSE_VERSION + 1, PARSE_VERSION + 1);
  plain_exec(sql);
  put("opt/o41.txt", "Tin số 41\n\nQuan Lạn.\n");
  CHECK(ingest(0, 0) == 0 && st.new_docs == 1);
  CHECK_STR(meta_of("parser_version"), v);
  snprintf(sql, sizeof sql, "UPDATE documents SET parser_version = %d",
           PARSE_VERSION);
  plain_exec(sql);
  CHECK(intact());
}

static void test_bulk(void) {
  char saved[sizeof dbpath];
  memcpy(saved, dbpath, sizeof dbpath);
  snprintf(dbpath, sizeof dbpath, "%s-bulk.db", dir);
  gen("bulk", 3000);
  /* a bulk load killed with -9: the mark stays, the file is intact */
  CHECK(kill_ingest_after(600));
  CHECK_STR(meta_of("bulk_load"), boot());
  CHECK(intact());
  /* same boot: nothing can have been lost, no check; synced, mark dropped */
  CHECK(ingest(0, 0) >= 0);
  CHECK(st.new_docs > 0 && !st.bulk && !st.checked);
  CHECK_STR(meta_of("bulk_load"), "");
  store *s = ro();
  int64_t total = store_doc_count(s);
  store_close(s);
  CHECK(total > 3000);
  CHECK(intact());
  /* a mark from another boot: the next run checks the file first */
  plain_exec("INSERT INTO meta(key, value) VALUES('bulk_load', 'other')");
  s = ro(); /* readers are warned */
  CHECK(s && store_warning(s) && strstr(store_warning(s), "cut short"));
  store_close(s);
  CHECK(ingest(0, 0) >= 0);
  CHECK(st.checked && !st.bulk && st.unchanged > 3000);
  CHECK_STR(meta_of("bulk_load"), "");
  s = ro();
  CHECK(s && !store_warning(s));
  store_close(s);
  /* ... and refuses a damaged one, keeping the mark, writing nothing */
  plain_exec("INSERT INTO meta(key, value) VALUES('bulk_load', 'other')");
  sqlite3 *db;
  sqlite3_stmt *q;
  int64_t root = 0, runs = 0;
  CHECK(sqlite3_open(dbpath, &db) == SQLITE_OK);
  if (sqlite3_prepare_v2(db,
                         "SELECT (SELECT rootpage FROM sqlite_schema WHERE "
                         "name = 'figures'), (SELECT count(*) FROM ingest_log)",
                         -1, &q, NULL) == SQLITE_OK) {
    if (sqlite3_step(q) == SQLITE_ROW) {
      root = sqlite3_column_int64(q, 0);
      runs = sqlite3_column_int64(q, 1);
    }
    sqlite3_finalize(q);
  }
  sqlite3_close(db); /* the last connection: the WAL is checkpointed away */
  CHECK(root > 1 && runs > 0);
  zero_page(root);
  store *w;
  char *err = NULL;
  CHECK(store_open(dbpath, STORE_READWRITE, &w, &err) == 0);
  const char *paths[] = {dir};
  store_ingest_opts o = {0};
  CHECK(store_ingest(w, paths, 1, &o, &st, &err) < 0);
  CHECK(st.checked && err && strstr(err, "damaged: its first ingest"));
  if (getenv("VERBOSE")) fprintf(stderr, "damaged: %s\n", err);
  free(err);
  CHECK(count_sql(w, "SELECT count(*) FROM ingest_log") == runs);
  store_close(w);
  CHECK_STR(meta_of("bulk_load"), "other");
  char cmd[1400];
  snprintf(cmd, sizeof cmd, "rm -f '%s' '%s-wal' '%s-shm' '%s.lock'", dbpath,
           dbpath, dbpath, dbpath);
  CHECK(system(cmd) == 0);
  memcpy(dbpath, saved, sizeof dbpath);
}

/* Run one SQL statement on the file at path (a raw connection). */
static int raw_exec(const char *path, const char *sql) {
  sqlite3 *db;
  int rc = sqlite3_open(path, &db);
  if (rc == SQLITE_OK) rc = sqlite3_exec(db, sql, NULL, NULL, NULL);
  sqlite3_close(db);
  return rc;
}

/*
** 15. a damaged or hostile database: block_rows spans that leave the text
** (negative, past the end, off + len wrapping around 2^64), fact block
** indexes out of range. store_doc_load keeps the good blocks, skips the
** damaged ones with a warning, never reads outside the text.
*/
static void test_damaged_reader(void) {
  char src[320], db[330], p[400];
  snprintf(src, sizeof src, "%s-damaged", dir);
  snprintf(db, sizeof db, "%s.db", src);
  CHECK(mkdir(src, 0700) == 0);
  snprintf(p, sizeof p, "%s/a.txt", src);
  FILE *f = fopen(p, "w");
  CHECK(f != NULL);
  if (!f) return;
  fputs(
      "\"Móng Cái\"\n04/03/2024\n\nĐoạn một của bài.\n\n"
      "Đoạn hai có 57,7% tăng trưởng.\n",
      f);
  fclose(f);
  store *s;
  char *err = NULL;
  CHECK(store_open(db, STORE_READWRITE, &s, &err) == 0);
  const char *paths[] = {src};
  store_ingest_opts o = {0};
  store_ingest_stats ist;
  CHECK(store_ingest(s, paths, 1, &o, &ist, &err) == 0);
  int64_t id = store_doc_by_path(s, p);
  doc *good = store_doc_load(s, id);
  store_close(s);
  CHECK(good && good->blocks.n >= 2);
  if (!good) return;
  size_t nblocks = good->blocks.n, nwarn = good->warnings.n;
  doc_free(good);
  char sql[2048];
  snprintf(sql, sizeof sql,
           "INSERT INTO block_rows(doc, seq, kind, off, len, text) VALUES"
           "(%lld, 1000, 'paragraph', 9223372036854775800, 16, NULL),"
           "(%lld, 1001, 'paragraph', 2, -5, NULL),"
           "(%lld, 1002, 'paragraph', -1, 3, NULL),"
           "(%lld, 1003, 'zzz', 0, 1000000, NULL);"
           "INSERT INTO qa(doc, seq, q, a, qblock) VALUES(%lld, 1000, 'q', "
           "'a', 1000000);"
           "INSERT INTO figures(doc, seq, text, value, block) VALUES(%lld, "
           "1000, 'x', 1, -7);",
           (long long)id, (long long)id, (long long)id, (long long)id,
           (long long)id, (long long)id);
  CHECK(raw_exec(db, sql) == SQLITE_OK);
  CHECK(store_open(db, STORE_READONLY, &s, &err) == 0);
  doc *d = store_doc_load(s, id);
  CHECK(d != NULL);
  if (d) {
    CHECK(d->blocks.n == nblocks); /* the four damaged rows skipped */
    for (size_t i = 0; i < d->blocks.n; i++)
      CHECK(d->blocks.items[i].off <= d->text_len &&
            d->blocks.items[i].len <= d->text_len - d->blocks.items[i].off);
    CHECK(d->warnings.n == nwarn + 4);
    int damaged = 0;
    for (size_t i = 0; i < d->warnings.n; i++)
      damaged += strstr(d->warnings.items[i], "damaged database") != NULL;
    CHECK(damaged == 4);
    int qa_bad = 0, fig_bad = 0;
    for (size_t i = 0; i < d->qa.n; i++)
      qa_bad += d->qa.items[i].qblock >= (int)d->blocks.n ||
                d->qa.items[i].qblock < -1;
    for (size_t i = 0; i < d->figures.n; i++)
      fig_bad += d->figures.items[i].block >= (int)d->blocks.n ||
                 d->figures.items[i].block < -1;
    CHECK(qa_bad == 0 && fig_bad == 0);
  }
  doc_free(d);
  store_close(s);
  snprintf(sql, sizeof sql, "rm -rf '%s' '%s' '%s-wal' '%s-shm' '%s.lock'", src,
           db, db, db, db);
  if (!getenv("KEEP")) system(sql);
}

int main(void) {
  snprintf(dir, sizeof dir, "/tmp/tinsh-store-XXXXXX");
  if (!mkdtemp(dir)) return 1;
  snprintf(dbpath, sizeof dbpath, "%s.db", dir);
  test_first_ingest();
  test_roundtrip();
  test_incremental();
  test_search_api();
  test_lock();
  test_lock_spellings();
  test_max_file_size();
  test_fts_content_linear();
  test_search_while_ingesting();
  test_kill();
  test_migration();
  test_ranking();
  test_optimize();
  test_parser_version();
  test_bulk();
  test_damaged_reader();
  char cmd[2048];
  snprintf(cmd, sizeof cmd, "rm -rf '%s' '%s' '%s-wal' '%s-shm' '%s.lock'", dir,
           dbpath, dbpath, dbpath, dbpath);
  if (!getenv("KEEP")) system(cmd);
  return check_done();
}
