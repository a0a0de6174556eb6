/*
** fuzz_db.c — libFuzzer target for the database reader: documents loaded
** back from a corpus database that was damaged or crafted.
**
** Once per process a small valid database is built with the store API
** (two own texts ingested into a temp folder) and kept in memory as a
** template. Each input copies the template to a work file and damages it:
**   byte 0 even: row mutations, driven by the rest of the input — block_rows
**     off, len, kind, text; fact columns (qblock, block, titles JSON,
**     mentions, years); documents.text cut or replaced;
**   byte 0 odd: raw bytes of the file overwritten at input-chosen offsets.
** Then every document is loaded through store_doc_load AND through the Lua
** conversion (tinsh.store db:load, plus db:terms over block_rows spans).
** Invariants: never a crash or an out-of-bounds read (ASan); every loaded
** block's span lies inside the loaded text; a block index of a fact names
** a loaded block or is -1. Errors (a refused open, a Lua error) are fine.
*/
#include <lauxlib.h>
#include <lua.h>
#include <lualib.h>
#include <sqlite3.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "doc.h"
#include "fuzz.h"
#include "lua_host.h"
#include "store.h"

/* lua_store.c asks whether --sandbox is on and whether it may open a
** database; the fuzzer runs without a sandbox, so: no, and yes */
int sandbox_active(lua_State *L) {
  (void)L;
  return 0;
}

int sandbox_may_open_db(lua_State *L, const char *path) {
  (void)L;
  (void)path;
  return 1;
}

static const char *const fuzz_db_texts[] = {
    "\"Móng Cái tăng trưởng 57,7%\"\n04/03/2024 15:18\n"
    "Thành phố Móng Cái đạt gần 5.000 tỷ đồng.\n\n"
    "PV: Xin ông cho biết kết quả?\n"
    "- Ông Nguyễn Văn An, Bí thư Thành ủy: Tăng 57,7%, 21.923/23.394 hộ.\n\n"
    "Theo Nghị quyết 20-NQ/TU ngày 27/11/2023, nhiệm kỳ 2020-2025.\n",
    "\"Hạ Long mở rộng khu kinh tế\"\n05/03/2024\nSapo ngắn.\n\n"
    "Khu kinh tế cửa khẩu (KKTCK) ở Quảng Ninh có 3 dự án mới.\n\n"
    "Ông Trần Văn Bình nói: \"Chúng tôi sẽ làm tiếp\".\n",
};

static char fuzz_db_path[512];
static unsigned char *fuzz_db_tpl;
static size_t fuzz_db_tpl_len;

/* Write n bytes to path (truncating). */
static void fuzz_db_write(const char *path, const void *p, size_t n) {
  FILE *f = fopen(path, "wb");
  FUZZ_CHECK(f != NULL);
  FUZZ_CHECK(fwrite(p, 1, n, f) == n);
  fclose(f);
}

/*
** Build the template once: ingest the texts into dir/t.db, close (the WAL
** is checkpointed away) and read the file into memory.
*/
static void fuzz_db_init(void) {
  if (fuzz_db_tpl) return;
  char dir[] = "/tmp/fuzz_db.XXXXXX";
  FUZZ_CHECK(mkdtemp(dir) != NULL);
  char src[600], db[600];
  snprintf(src, sizeof src, "%s/src", dir);
  FUZZ_CHECK(mkdir(src, 0700) == 0);
  for (size_t i = 0; i < sizeof fuzz_db_texts / sizeof *fuzz_db_texts; i++) {
    char p[700];
    snprintf(p, sizeof p, "%s/a%zu.txt", src, i);
    fuzz_db_write(p, fuzz_db_texts[i], strlen(fuzz_db_texts[i]));
  }
  snprintf(db, sizeof db, "%s/t.db", dir);
  store *s;
  char *err = NULL;
  FUZZ_CHECK(store_open(db, STORE_READWRITE, &s, &err) == 0);
  const char *paths[] = {src};
  store_ingest_opts o = {0};
  o.threads = 1;
  store_ingest_stats st;
  FUZZ_CHECK(store_ingest(s, paths, 1, &o, &st, &err) == 0);
  store_close(s);
  FILE *f = fopen(db, "rb");
  FUZZ_CHECK(f != NULL);
  fseek(f, 0, SEEK_END);
  fuzz_db_tpl_len = (size_t)ftell(f);
  fseek(f, 0, SEEK_SET);
  fuzz_db_tpl = malloc(fuzz_db_tpl_len);
  FUZZ_CHECK(fread(fuzz_db_tpl, 1, fuzz_db_tpl_len, f) == fuzz_db_tpl_len);
  fclose(f);
  snprintf(fuzz_db_path, sizeof fuzz_db_path, "%s/work.db", dir);
}

/* A little reader over the fuzzer's input. */
typedef struct fuzz_in {
  const uint8_t *p;
  size_t n;
} fuzz_in;

static uint64_t fuzz_take(fuzz_in *in, int bytes) {
  uint64_t v = 0;
  for (int i = 0; i < bytes; i++) {
    v = v << 8 | (in->n ? *in->p : 0);
    if (in->n) in->p++, in->n--;
  }
  return v;
}

/* An integer skewed towards the edges (0, -1, huge, negative, small). */
static int64_t fuzz_int(fuzz_in *in) {
  switch (fuzz_take(in, 1) % 6) {
    case 0:
      return (int64_t)fuzz_take(in, 1);
    case 1:
      return -(int64_t)fuzz_take(in, 1);
    case 2:
      return INT64_MAX - (int64_t)fuzz_take(in, 1);
    case 3:
      return INT64_MIN + (int64_t)fuzz_take(in, 1);
    case 4:
      return (int64_t)fuzz_take(in, 2) + 2147483600;
    default:
      return (int64_t)fuzz_take(in, 8);
  }
}

/* The statements a row mutation picks from; ?1 the value, ?2 a row. */
static const char *const fuzz_db_sql[] = {
    "UPDATE block_rows SET off = ?1 WHERE rowid = ?2",
    "UPDATE block_rows SET len = ?1 WHERE rowid = ?2",
    "UPDATE block_rows SET kind = ?1 WHERE rowid = ?2",
    "UPDATE block_rows SET text = ?1 WHERE rowid = ?2",
    "UPDATE block_rows SET text = NULL, off = ?1 WHERE rowid = ?2",
    "UPDATE block_rows SET doc = ?1 WHERE rowid = ?2",
    "UPDATE qa SET qblock = ?1 WHERE rowid = ?2",
    "UPDATE figures SET block = ?1 WHERE rowid = ?2",
    "UPDATE figures SET value = ?1, of = ?1 WHERE rowid = ?2",
    "UPDATE people SET titles = ?1 WHERE rowid = ?2",
    "UPDATE people SET mentions = ?1, name = ?1 WHERE rowid = ?2",
    "UPDATE periods SET from_year = ?1, to_year = ?1 WHERE rowid = ?2",
    "UPDATE places SET mentions = ?1 WHERE rowid = ?2",
    "UPDATE documents SET text = substr(text, 1, ?1) WHERE id = ?2",
    "UPDATE documents SET text = ?1 WHERE id = ?2",
    "UPDATE documents SET path = ?1, title = ?1 WHERE id = ?2",
    "UPDATE warnings SET text = ?1 WHERE rowid = ?2",
};

/* Bind ?1 as an integer, a float, NULL, a blob or a text from the input. */
static void fuzz_db_bind(sqlite3_stmt *st, fuzz_in *in) {
  switch (fuzz_take(in, 1) % 5) {
    case 0:
      sqlite3_bind_int64(st, 1, fuzz_int(in));
      break;
    case 1:
      sqlite3_bind_double(st, 1, (double)fuzz_int(in) / 7.0);
      break;
    case 2:
      sqlite3_bind_null(st, 1);
      break;
    default: {
      int blob = (int)(fuzz_take(in, 1) & 1);
      size_t n = (size_t)fuzz_take(in, 1);
      if (n > in->n) n = in->n;
      if (blob)
        sqlite3_bind_blob(st, 1, in->p, (int)n, SQLITE_TRANSIENT);
      else
        sqlite3_bind_text(st, 1, (const char *)in->p, (int)n, SQLITE_TRANSIENT);
      in->p += n, in->n -= n;
    }
  }
}

/* Apply row mutations from the input to the work file (raw SQLite). */
static void fuzz_db_rows(fuzz_in *in) {
  sqlite3 *db;
  if (sqlite3_open(fuzz_db_path, &db) != SQLITE_OK) {
    sqlite3_close(db);
    return;
  }
  size_t nsql = sizeof fuzz_db_sql / sizeof *fuzz_db_sql;
  for (int k = 0; k < 8 && in->n > 0; k++) {
    sqlite3_stmt *st;
    const char *sql = fuzz_db_sql[fuzz_take(in, 1) % nsql];
    if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK) continue;
    fuzz_db_bind(st, in);
    sqlite3_bind_int64(st, 2, (int64_t)(fuzz_take(in, 1) % 24) + 1);
    sqlite3_step(st);
    sqlite3_finalize(st);
  }
  sqlite3_close(db);
}

/* Overwrite bytes of the work file at input-chosen offsets. */
static void fuzz_db_bytes(fuzz_in *in, unsigned char *img) {
  while (in->n >= 4) {
    size_t off = (size_t)fuzz_take(in, 3) % fuzz_db_tpl_len;
    img[off] = (unsigned char)fuzz_take(in, 1);
  }
}

/* Load every document with the store loader and check the invariants. */
static void fuzz_db_load_c(void) {
  store *s;
  char *err = NULL;
  if (store_open(fuzz_db_path, STORE_READONLY, &s, &err) != 0) {
    free(err);
    return;
  }
  sqlite3_stmt *st;
  if (sqlite3_prepare_v2(store_db(s),
                         "SELECT id FROM documents ORDER BY id LIMIT 16", -1,
                         &st, NULL) == SQLITE_OK) {
    while (sqlite3_step(st) == SQLITE_ROW) {
      doc *d = store_doc_load(s, sqlite3_column_int64(st, 0));
      if (!d) continue;
      for (size_t i = 0; i < d->blocks.n; i++) {
        const doc_block *b = &d->blocks.items[i];
        FUZZ_CHECK(b->off <= d->text_len && b->len <= d->text_len - b->off);
        FUZZ_CHECK(b->text != NULL);
      }
      for (size_t i = 0; i < d->qa.n; i++)
        FUZZ_CHECK(d->qa.items[i].qblock >= -1 &&
                   d->qa.items[i].qblock < (int)d->blocks.n);
      for (size_t i = 0; i < d->figures.n; i++)
        FUZZ_CHECK(d->figures.items[i].block >= -1 &&
                   d->figures.items[i].block < (int)d->blocks.n);
      doc_free(d);
    }
  }
  sqlite3_finalize(st);
  store_close(s);
}

/* The same documents through the Lua conversion (db:load, db:terms). */
static void fuzz_db_load_lua(void) {
  static const char chunk[] =
      "local S, path = ...\n"
      "local db = S.open(path)\n"
      "if not db then return end\n"
      "local ids = db:all('SELECT id FROM documents ORDER BY id LIMIT 16')\n"
      "for _, r in ipairs(ids) do\n"
      "  local d = db:load(r.id)\n"
      "  if d then\n"
      "    for _, b in ipairs(d.blocks) do assert(#b.text >= 0) end\n"
      "    for _, f in ipairs(d.figures) do\n"
      "      assert(f.block == nil or d.blocks[f.block])\n"
      "    end\n"
      "  end\n"
      "end\n"
      "pcall(db.terms, db, 'SELECT doc, text, off, len FROM block_rows "
      "ORDER BY doc, seq', nil, 2, nil, 5)\n"
      "db:close()\n";
  lua_State *L = luaL_newstate();
  FUZZ_CHECK(L != NULL);
  luaL_openlibs(L);
  if (luaL_loadbufferx(L, chunk, sizeof chunk - 1, "=fuzz_db", "t") == LUA_OK) {
    luaopen_tinsh_store(L);
    lua_pushstring(L, fuzz_db_path);
    int rc = lua_pcall(L, 2, 0, 0);
    /* a Lua error is a clean refusal; a failed assert is a broken load */
    if (rc != LUA_OK) {
      const char *m = lua_tostring(L, -1);
      FUZZ_CHECK(!m || !strstr(m, "assertion failed"));
    }
  }
  lua_close(L);
}

int FUZZ_ENTRY(const uint8_t *data, size_t size);
int FUZZ_ENTRY(const uint8_t *data, size_t size) {
  fuzz_db_init();
  if (size < 1 || size > 4096) return 0;
  fuzz_in in = {data + 1, size - 1};
  unsigned char *img = malloc(fuzz_db_tpl_len);
  memcpy(img, fuzz_db_tpl, fuzz_db_tpl_len);
  if (data[0] & 1) fuzz_db_bytes(&in, img);
  fuzz_db_write(fuzz_db_path, img, fuzz_db_tpl_len);
  free(img);
  if (!(data[0] & 1)) fuzz_db_rows(&in);
  fuzz_db_load_c();
  fuzz_db_load_lua();
  char side[600];
  snprintf(side, sizeof side, "%s-wal", fuzz_db_path);
  unlink(side);
  snprintf(side, sizeof side, "%s-shm", fuzz_db_path);
  unlink(side);
  return 0;
}
