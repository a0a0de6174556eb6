/*
** fuzz_db.c — libFuzzer target for the database reader: a document loaded
** back (store_doc_load) from a corpus database that a hostile hand or a
** damaged disk has changed.
**
** Once: a small corpus (three documents of the team's own text, blocks
** stored as spans and as texts, facts of every kind) is ingested into a
** template file in a temporary folder.
** Input: its first byte picks the damage, the rest is its data.
**   even first byte: row edits. Each 10-byte record (table and column, row,
**     8-byte value) sets one cell of block_rows, documents, figures, qa,
**     people, refs or places to a huge, negative or small integer, a
**     string cut from the input, or NULL.
**   odd first byte: byte edits. Each 5-byte record (4-byte offset, byte)
**     overwrites one byte of the database file.
** Invariants on every input: opening either works or fails with a
** message; every document id 1..4 loads as NULL or a document whose
** blocks lie inside its text and whose JSON (doc_to_json) is produced;
** never a crash or a read outside a buffer (ASan, UBSan).
*/
#include <sqlite3.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "doc.h"
#include "fuzz.h"
#include "store.h"

static char fuzz_db_dir[64], fuzz_db_tmpl[96], fuzz_db_work[96];

static const char *const fuzz_db_texts[] = {
    "Đảng bộ tỉnh Quảng Ninh họp phiên thứ nhất\n\nNgày 04/03/2024, đồng chí "
    "Nguyễn Văn An, Bí thư Tỉnh ủy, chủ trì hội nghị.\n\nTỷ lệ đạt 57,7%, "
    "tổng vốn 5.000 tỷ đồng theo Nghị quyết 20-NQ/TU.\n\nẢnh: Hội nghị.\n",
    "Móng Cái phát triển kinh tế cửa khẩu\n\n- Thưa đồng chí, nhiệm kỳ "
    "2020-2025 có gì mới?\n\n+ Thành phố có 224 chi bộ và 16 đảng bộ.\n",
    "Tin ngắn\n\nMột đoạn duy nhất về Hạ Long.\n",
};

/* ingest the template corpus once */
static void fuzz_db_init(void) {
  if (fuzz_db_dir[0]) return;
  snprintf(fuzz_db_dir, sizeof fuzz_db_dir, "/tmp/tinsh-fuzzdb-XXXXXX");
  FUZZ_CHECK(mkdtemp(fuzz_db_dir) != NULL);
  char p[128];
  for (size_t i = 0; i < 3; i++) {
    snprintf(p, sizeof p, "%s/d%zu.txt", fuzz_db_dir, i);
    FILE *f = fopen(p, "wb");
    FUZZ_CHECK(f != NULL);
    fputs(fuzz_db_texts[i], f);
    fclose(f);
  }
  snprintf(fuzz_db_tmpl, sizeof fuzz_db_tmpl, "%s.db", fuzz_db_dir);
  snprintf(fuzz_db_work, sizeof fuzz_db_work, "%s-work.db", fuzz_db_dir);
  store *s;
  char *err = NULL;
  FUZZ_CHECK(store_open(fuzz_db_tmpl, STORE_READWRITE, &s, &err) == 0);
  const char *paths[] = {fuzz_db_dir};
  store_ingest_opts o = {0};
  o.threads = 1;
  store_ingest_stats st;
  FUZZ_CHECK(store_ingest(s, paths, 1, &o, &st, &err) >= 0);
  FUZZ_CHECK(sqlite3_exec(store_db(s), "PRAGMA wal_checkpoint(TRUNCATE);"
                          "PRAGMA journal_mode = DELETE",
                          NULL, NULL, NULL) == SQLITE_OK);
  store_close(s);
}

/* copy the template to the work file */
static void fuzz_db_copy(void) {
  FILE *in = fopen(fuzz_db_tmpl, "rb"), *out = fopen(fuzz_db_work, "wb");
  FUZZ_CHECK(in && out);
  char b[65536];
  size_t n;
  while ((n = fread(b, 1, sizeof b, in)) > 0) fwrite(b, 1, n, out);
  fclose(in), fclose(out);
}

static const char *const fuzz_db_cells[][2] = {
    {"block_rows", "off"},   {"block_rows", "len"},    {"block_rows", "kind"},
    {"block_rows", "text"},  {"block_rows", "seq"},    {"documents", "text"},
    {"documents", "title"},  {"documents", "raw"},     {"figures", "block"},
    {"figures", "value"},    {"qa", "qblock"},         {"qa", "a"},
    {"people", "mentions"},  {"people", "titles"},     {"refs", "date"},
    {"places", "mentions"},  {"documents", "raw_prefix"},
    {"documents", "raw_suffix"}};

/* bind value v (8 input bytes) as an integer, a string, or NULL */
static void fuzz_db_bind(sqlite3_stmt *st, const uint8_t *v) {
  int64_t x;
  memcpy(&x, v, 8);
  switch (v[0] % 4) {
    case 0: sqlite3_bind_int64(st, 1, x); break;
    case 1: sqlite3_bind_int64(st, 1, (int64_t)(int8_t)v[1]); break;
    case 2: sqlite3_bind_text(st, 1, (const char *)v + 1, 7, SQLITE_STATIC); break;
    default: sqlite3_bind_null(st, 1);
  }
}

/* row edits: 11-byte records (table+column, row, value) */
static void fuzz_db_rows(const uint8_t *d, size_t n) {
  sqlite3 *db;
  if (sqlite3_open(fuzz_db_work, &db) != SQLITE_OK) {
    sqlite3_close(db);
    return;
  }
  size_t ncells = sizeof fuzz_db_cells / sizeof *fuzz_db_cells;
  for (; n >= 10; d += 10, n -= 10) {
    const char *const *c = fuzz_db_cells[d[0] % ncells];
    char sql[160];
    snprintf(sql, sizeof sql, "UPDATE %s SET %s = ?1 WHERE rowid = %d", c[0],
             c[1], d[1] % 8 + 1);
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK) continue;
    fuzz_db_bind(st, d + 2);
    sqlite3_step(st);
    sqlite3_finalize(st);
  }
  sqlite3_close(db);
}

/* byte edits: 5-byte records (offset, byte) over the database file */
static void fuzz_db_bytes(const uint8_t *d, size_t n) {
  FILE *f = fopen(fuzz_db_work, "r+b");
  FUZZ_CHECK(f != NULL);
  struct stat st;
  FUZZ_CHECK(fstat(fileno(f), &st) == 0 && st.st_size > 0);
  for (; n >= 5; d += 5, n -= 5) {
    uint32_t off;
    memcpy(&off, d, 4);
    fseek(f, (long)(off % (uint32_t)st.st_size), SEEK_SET);
    fputc(d[4], f);
  }
  fclose(f);
}

/* load every document; each must be whole or absent */
static void fuzz_db_load(void) {
  store *s;
  char *err = NULL;
  if (store_open(fuzz_db_work, STORE_READONLY, &s, &err) != 0) {
    FUZZ_CHECK(err != NULL);
    free(err);
    return;
  }
  for (int64_t id = 1; id <= 4; id++) {
    doc *d = store_doc_load(s, id);
    if (!d) continue;
    for (size_t i = 0; i < d->blocks.n; i++) {
      const doc_block *b = &d->blocks.items[i];
      FUZZ_CHECK(b->off <= d->text_len && b->len <= d->text_len - b->off);
      FUZZ_CHECK(b->text != NULL);
    }
    buf j;
    buf_init(&j);
    doc_to_json(d, &j);
    FUZZ_CHECK(j.len > 0);
    buf_free(&j);
    doc_free(d);
  }
  store_close(s);
}

int FUZZ_ENTRY(const uint8_t *data, size_t size) {
  if (size < 1) return 0;
  fuzz_db_init();
  fuzz_db_copy();
  if (data[0] % 2 == 0)
    fuzz_db_rows(data + 1, size - 1);
  else
    fuzz_db_bytes(data + 1, size - 1);
  fuzz_db_load();
  return 0;
}
