/*
** test_fts.c — the tinsh FTS5 tokenizer.
** Plan:
**  1. tokens and byte offsets in document and query mode: ASCII, NFC,
**     NFD input, đ, numbers kept whole ("57,7", "5.000", "21.923/23.394"),
**     document numbers ("20-NQ/TU", "108/2014/NĐ-CP") and their parts,
**     stray combining marks, invalid bytes, long tokens (heap growth).
**  2. accent-smart matching through a real FTS5 table: "mong cai" finds
**     "Móng Cái", "dang" finds "Đảng", "da nang" finds "Đà Nẵng", "đảng"
**     does not find "dạng", NFD queries find NFC text and the reverse,
**     figures and document numbers searchable as typed.
**  3. fts_plain_query never produces an FTS5 syntax error; tinsh_offsets()
**     reports byte offsets of hits.
**  4. tinsh_rank: bm25 exactly when the query's words are not side by
**     side; a run of them in query order adds one term (the IDF of the
**     documents holding the run, or of the rarest word; column weights
**     apply); accent-smart words count; fts_plain_query_ex's run.
**  5. words: a multi-syllable word the segmenter finds is one more token
**     (stripped + exact, joined by '_') colocated with its first syllable;
**     "quang_ninh" is one token in a query; fts_plain_query_words joins
**     the runs the index holds, so "quang ninh" finds the word Quảng Ninh
**     only, not "quang" and "ninh" apart, while a phrase of syllables is
**     unchanged; tinsh_offsets with spans covers the whole word.
**  6. tinsh_offsets on 800 overlapping hits of two phrases, and on a
**     column that goes on past its last hit.
*/
#include <math.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "fts.h"
#include "util.h"

static int collect(void *ctx, int tflags, const char *tok, int ntok, int start,
                   int end) {
  buf *b = ctx;
  if (b->len) buf_addc(b, ' ');
  if (tflags & FTS_COLOCATED) buf_addc(b, '+');
  buf_add(b, tok, (size_t)ntok);
  buf_printf(b, "@%d-%d", start, end);
  return 0;
}

/* Tokens of s as "tok@start-end +colocated@s-e ..." */
static char *toks(const char *s, int mode) {
  static char out[2048];
  buf b;
  buf_init(&b);
  fts_tokenize(s, (int)strlen(s), mode, collect, &b);
  snprintf(out, sizeof out, "%s", b.data ? b.data : "");
  buf_free(&b);
  return out;
}

static void test_tokens(void) {
  CHECK_STR(toks("Hello, World!", FTS_DOCUMENT), "hello@0-5 world@7-12");
  /* "Đảng" = C4 90 E1 BA A3 6E 67: stripped form first, exact colocated */
  CHECK_STR(toks("Đảng ủy", FTS_DOCUMENT),
            "dang@0-7 +đảng@0-7 +dang_uy@0-12 +đảng_ủy@0-12 uy@8-12 +ủy@8-12");
  CHECK_STR(toks("Đảng ủy", FTS_QUERY), "đảng@0-7 ủy@8-12");
  /* NFD input: "Móng" with a combining acute (o + U+0301) */
  CHECK_STR(toks("Mo\xcc\x81ng", FTS_QUERY), "móng@0-6");
  CHECK_STR(toks("Mo\xcc\x81ng", FTS_DOCUMENT), "mong@0-6 +móng@0-6");
  /* numbers whole as written */
  CHECK_STR(toks("tăng 57,7% và 5.000 tỷ", FTS_QUERY),
            "tăng@0-5 57,7@6-10 và@12-15 5.000@16-21 tỷ@22-26");
  CHECK_STR(toks("đạt 21.923/23.394.", FTS_DOCUMENT),
            "dat@0-6 +đạt@0-6 21.923/23.394@7-20 +21.923@7-13 23.394@14-20");
  CHECK_STR(toks("21.923/23.394", FTS_QUERY), "21.923/23.394@0-13");
  /* document numbers: whole, plus parts in documents only */
  CHECK_STR(toks("20-NQ/TU", FTS_QUERY), "20-nq/tu@0-8");
  CHECK_STR(toks("20-NQ/TU", FTS_DOCUMENT),
            "20-nq/tu@0-8 +20@0-2 nq@3-5 tu@6-8");
  CHECK_STR(toks("108/2014/NĐ-CP", FTS_QUERY), "108/2014/nđ-cp@0-15");
  CHECK_STR(toks("NĐ-CP", FTS_QUERY), "nđ@0-3 cp@4-6");
  CHECK_STR(toks("NĐ-CP", FTS_DOCUMENT), "nd@0-3 +nđ@0-3 cp@4-6");
  /* punctuation without digits splits */
  CHECK_STR(toks("TP.HCM", FTS_QUERY), "tp@0-2 hcm@3-6");
  /* a stray combining mark (U+0323) before a word never starts a token */
  CHECK_STR(toks("thi \xcc\xa3trường", FTS_QUERY), "thi@0-3 trường@6-15");
  /* invalid bytes are separators */
  CHECK_STR(toks("ab\xff\xfe"
                 "cd",
                 FTS_QUERY),
            "ab@0-2 cd@4-6");
  CHECK_STR(toks("", FTS_QUERY), "");
  CHECK_STR(toks(" ,.- ", FTS_DOCUMENT), "");
  /* a long accented token grows past the stack buffer */
  buf big;
  buf_init(&big);
  for (int i = 0; i < 200; i++) buf_adds(&big, "ế");
  buf out;
  buf_init(&out);
  fts_tokenize(big.data, (int)big.len, FTS_DOCUMENT, collect, &out);
  CHECK(out.len > 800 && strstr(out.data, "+ếế") != NULL);
  buf_free(&out);
  buf_free(&big);
  char f[64];
  CHECK(fts_fold("ĐÀ NẴNG", f, sizeof f) == 4);
  CHECK_STR(f, "đà");
  CHECK(fts_fold("  ,", f, sizeof f) == -1);
}

static sqlite3 *db;
static int forms; /* tables made with dominant forms ('tinsh forms1') */

/* A fresh in-memory db with the tinsh tokenizer, then sql (tables, rows);
** with forms set, every "tokenize=tinsh" of sql (quoted or not) asks for
** dominant forms. */
static void open_db(void) {
  CHECK(sqlite3_open(":memory:", &db) == SQLITE_OK);
  CHECK(fts_register(db) == SQLITE_OK);
}

static void table_db(const char *sql) {
  open_db();
  buf b;
  buf_init(&b);
  for (const char *p = sql; *p;) {
    const char *a = "tokenize=tinsh", *q = "tokenize='tinsh'";
    if (forms && !strncmp(p, q, strlen(q)))
      buf_adds(&b, "tokenize='tinsh " FTS_FORMS_ARG "'"), p += strlen(q);
    else if (forms && !strncmp(p, a, strlen(a)))
      buf_adds(&b, "tokenize='tinsh " FTS_FORMS_ARG "'"), p += strlen(a);
    else
      buf_add(&b, p++, 1);
  }
  CHECK(sqlite3_exec(db, b.data, NULL, NULL, NULL) == SQLITE_OK);
  buf_free(&b);
}

static int hits(const char *match) {
  sqlite3_stmt *st;
  int n = 0;
  if (sqlite3_prepare_v2(db, "SELECT count(*) FROM t WHERE t MATCH ?1", -1, &st,
                         NULL) != SQLITE_OK)
    return -1;
  sqlite3_bind_text(st, 1, match, -1, SQLITE_STATIC);
  if (sqlite3_step(st) == SQLITE_ROW)
    n = sqlite3_column_int(st, 0);
  else
    n = -1;
  sqlite3_finalize(st);
  return n;
}

/* rowid of the single hit of a plain query, 0 if none, -1 if several */
static int plain(const char *q) {
  char *m = fts_plain_query(q);
  if (!m) return 0;
  sqlite3_stmt *st;
  int r = 0;
  sqlite3_prepare_v2(db, "SELECT rowid FROM t WHERE t MATCH ?1", -1, &st, NULL);
  sqlite3_bind_text(st, 1, m, -1, SQLITE_STATIC);
  while (sqlite3_step(st) == SQLITE_ROW) r = r ? -1 : sqlite3_column_int(st, 0);
  sqlite3_finalize(st);
  free(m);
  return r;
}

static void test_matching(void) {
  table_db(
      "CREATE VIRTUAL TABLE t USING fts5(body, tokenize=tinsh);"
      "INSERT INTO t(rowid, body) VALUES"
      "(1, 'Cửa khẩu Móng Cái'),"
      "(2, 'Ban Chấp hành Đảng bộ tỉnh'),"
      "(3, 'nhiều dạng khác nhau'),"
      "(4, 'thành phố Đà Nẵng'),"
      "(5, 'tăng 57,7% so với 5.000 tỷ, đạt 21.923/23.394'),"
      "(6, 'theo Nghị định 108/2014/NĐ-CP và Nghị quyết "
      "20-NQ/TU'),"
      "(7, 'Quang Ninh'),"
      "(8, 'Ha\xcc\xa3 Long')");
  CHECK(plain("mong cai") == 1);
  CHECK(plain("MÓNG CÁI") == 1);
  CHECK(plain("Mo\xcc\x81ng Ca\xcc\x81i") == 1); /* NFD query, NFC text */
  CHECK(plain("móng cài") == 0);                 /* wrong tone: no match */
  CHECK(hits("dang") == 2);                      /* Đảng and dạng */
  CHECK(plain("đảng") == 2);                     /* not dạng */
  CHECK(plain("dạng") == 3);
  CHECK(plain("da nang") == 4);
  CHECK(plain("Đà Nẵng") == 4);
  CHECK(plain("quảng ninh") == 0); /* exact form asked, text has none */
  CHECK(plain("quang ninh") == 7);
  CHECK(plain("Hạ Long") == 8); /* NFC query, NFD text */
  CHECK(plain("ha long") == 8);
  CHECK(plain("57,7") == 5);
  CHECK(plain("5.000") == 5);
  CHECK(plain("21.923/23.394") == 5);
  CHECK(plain("23.394") == 5);
  CHECK(plain("108/2014/NĐ-CP") == 6);
  CHECK(plain("108/2014/nd-cp") == 6);
  CHECK(plain("NĐ-CP") == 6);
  CHECK(plain("20-NQ/TU") == 6);
  CHECK(plain("\"nghị định 108/2014/nđ-cp\"") == 6);
  CHECK(plain("mon*") == 1);
  CHECK(plain("Móng*") == 1);
  /* hostile input never becomes a syntax error */
  const char *bad[] = {"\"",       "AND",    "a OR", "NEAR(",   "col:x",
                       "*",        "(",      "-x",   "a\"b\"c", "^x",
                       "NOT dang", "\"\"\"", ":",    "}{",      "Đảng)"};
  for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
    char *m = fts_plain_query(bad[i]);
    if (m) {
      int n = hits(m);
      if (n < 0) fprintf(stderr, "query %s -> %s failed\n", bad[i], m);
      CHECK(n >= 0);
      free(m);
    }
  }
  CHECK(fts_plain_query("  ,, ") == NULL);
  /* byte offsets of hits */
  sqlite3_stmt *st;
  CHECK(sqlite3_prepare_v2(db,
                           "SELECT tinsh_offsets(t) FROM t WHERE t MATCH "
                           "'\"mong cai\"'",
                           -1, &st, NULL) == SQLITE_OK);
  CHECK(sqlite3_step(st) == SQLITE_ROW);
  CHECK_STR((const char *)sqlite3_column_text(st, 0), "0 13 23");
  sqlite3_finalize(st);
  CHECK(sqlite3_prepare_v2(db,
                           "SELECT highlight(t, 0, '[', ']') FROM t WHERE t "
                           "MATCH 'dang'",
                           -1, &st, NULL) == SQLITE_OK);
  CHECK(sqlite3_step(st) == SQLITE_ROW);
  CHECK_STR((const char *)sqlite3_column_text(st, 0),
            "Ban Chấp hành [Đảng] bộ tỉnh");
  sqlite3_finalize(st);
  sqlite3_close(db);
}

/* Replay: armed tokens are used only for byte-identical text. */
static void test_replay(void) {
  table_db(
      "CREATE VIRTUAL TABLE t USING fts5(a, b, "
      "tokenize=tinsh)");
  sqlite3_stmt *st;
  sqlite3_prepare_v2(db, "INSERT INTO t(rowid, a, b) VALUES(?1, ?2, ?3)", -1,
                     &st, NULL);
  /* deliberately inconsistent: text "alpha" armed with the tokens of
  ** "beta" proves the replayed tokens are the ones indexed */
  fts_words none = {0}; /* tokens of the table's mode */
  fts_tokens *beta = fts_pretokenize_spans(NULL, "beta", 4, NULL, &none,
                                           forms ? FTS_INDEX : FTS_DOCUMENT);
  fts_tokens *gamma = fts_pretokenize_spans(NULL, "gamma", 5, NULL, &none,
                                            forms ? FTS_INDEX : FTS_DOCUMENT);
  fts_replay r[3] = {{NULL, 0, gamma}, {"", 0, gamma}, {"alpha", 5, beta}};
  sqlite3_bind_int(st, 1, 1);
  sqlite3_bind_text(st, 2, "alpha", 5, SQLITE_STATIC);
  fts_replay_set(r, 3);
  CHECK(sqlite3_step(st) == SQLITE_DONE);
  fts_replay_set(NULL, 0);
  sqlite3_reset(st);
  CHECK(hits("beta") == 1 && hits("alpha") == 0 && hits("gamma") == 0);
  /* armed for other text: tokenized normally */
  fts_replay r2[2] = {{"other", 5, beta}, {NULL, 0, NULL}};
  sqlite3_bind_int(st, 1, 2);
  sqlite3_bind_text(st, 2, "Đảng", -1, SQLITE_STATIC);
  sqlite3_bind_text(st, 3, "delta", -1, SQLITE_STATIC);
  fts_replay_set(r2, 2);
  CHECK(sqlite3_step(st) == SQLITE_DONE);
  fts_replay_set(NULL, 0);
  CHECK(hits("dang") == 1 && hits("delta") == 1);
  /* tokens of the other mode: tokenized normally too (never replayed
  ** into an index that tokenizes documents otherwise) */
  fts_tokens *other = fts_pretokenize_spans(NULL, "omega", 5, NULL, &none,
                                            forms ? FTS_DOCUMENT : FTS_INDEX);
  fts_replay r3[1] = {{"sigma", 5, other}};
  sqlite3_reset(st);
  sqlite3_bind_int(st, 1, 3);
  sqlite3_bind_text(st, 2, "sigma", 5, SQLITE_STATIC);
  sqlite3_bind_null(st, 3);
  fts_replay_set(r3, 1);
  CHECK(sqlite3_step(st) == SQLITE_DONE);
  fts_replay_set(NULL, 0);
  CHECK(hits("sigma") == 1 && hits("omega") == 0);
  fts_tokens_free(other);
  sqlite3_finalize(st);
  fts_tokens_free(beta);
  fts_tokens_free(gamma);
  sqlite3_close(db);
}

/* tinsh_rank(t, nrun, w) - bm25(t, w) of row `rowid` for MATCH `m`; NAN
** if no row */
static double rank_diff(const char *m, int rowid, const char *nrun,
                        const char *w) {
  char sql[300];
  snprintf(sql, sizeof sql,
           "SELECT tinsh_rank(t, %s%s) - bm25(t%s) FROM t WHERE t MATCH ?1 "
           "AND rowid = ?2",
           nrun, w, w);
  sqlite3_stmt *st;
  double d = NAN;
  if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK) return d;
  sqlite3_bind_text(st, 1, m, -1, SQLITE_STATIC);
  sqlite3_bind_int(st, 2, rowid);
  if (sqlite3_step(st) == SQLITE_ROW) d = sqlite3_column_double(st, 0);
  sqlite3_finalize(st);
  return d;
}

/* rowids of MATCH m in `rank MATCH r` order, as "1 2 3" */
static const char *order(const char *m, const char *r) {
  static char out[200];
  sqlite3_stmt *st;
  out[0] = 0;
  if (sqlite3_prepare_v2(db,
                         "SELECT rowid FROM t WHERE t MATCH ?1 AND rank MATCH "
                         "?2 ORDER BY rank, rowid",
                         -1, &st, NULL) != SQLITE_OK)
    return "error";
  sqlite3_bind_text(st, 1, m, -1, SQLITE_STATIC);
  sqlite3_bind_text(st, 2, r, -1, SQLITE_STATIC);
  while (sqlite3_step(st) == SQLITE_ROW)
    snprintf(out + strlen(out), sizeof out - strlen(out), "%s%d",
             out[0] ? " " : "", sqlite3_column_int(st, 0));
  sqlite3_finalize(st);
  return out;
}

#define NEAR_EQ(a, b) (fabs((a) - (b)) < 1e-9)

/* tinsh_rank = bm25 + a term for the query's words side by side, in query
** order, with the IDF of nrun documents (NULL: the rarest word's IDF). */
static void test_rank(void) {
  /* ten rows of four tokens each: avgdl = D = 4, so bm25's length norm
  ** is k1 = 1.2 and a run counted once adds exactly its IDF */
  table_db(
      "CREATE VIRTUAL TABLE t USING fts5(body, tokenize=tinsh);"
      "INSERT INTO t(rowid, body) VALUES"
      "(1, 'a b c d'), (2, 'b a c d'), (3, 'a x b y'),"
      "(4, 'a b x c'), (5, 'e f g h'), (6, 'e f g h'),"
      "(7, 'e f g h'), (8, 'e f g h'), (9, 'e f g h'),"
      "(10, 'e f g h')");
  double idf_ab = log((10 - 4 + 0.5) / (4 + 0.5)); /* a and b: 4 rows */
  double idf_c = log((10 - 3 + 0.5) / (3 + 0.5));  /* c: 3 rows */
  double idf_2 = log((10 - 2 + 0.5) / (2 + 0.5));  /* a run in 2 rows */
  /* nrun NULL: the run weighs as its rarest word */
  CHECK(NEAR_EQ(rank_diff("a", 1, "NULL", ""), 0));         /* one word: bm25 */
  CHECK(NEAR_EQ(rank_diff("a b", 1, "NULL", ""), -idf_ab)); /* side by side */
  CHECK(NEAR_EQ(rank_diff("a b", 4, "NULL", ""), -idf_ab));
  CHECK(NEAR_EQ(rank_diff("a b", 2, "NULL", ""), 0)); /* "b a": wrong order */
  CHECK(NEAR_EQ(rank_diff("a b", 3, "NULL", ""), 0)); /* apart */
  CHECK(NEAR_EQ(rank_diff("b a", 2, "NULL", ""), -idf_ab));
  /* three words: only the whole run counts */
  CHECK(NEAR_EQ(rank_diff("a b c", 1, "NULL", ""), -idf_c));
  CHECK(NEAR_EQ(rank_diff("a b c", 4, "NULL", ""), 0));
  /* nrun given (the rows holding "a b"): the run's own IDF */
  CHECK(NEAR_EQ(rank_diff("a b", 1, "2", ""), -idf_2));
  CHECK(NEAR_EQ(rank_diff("a b", 3, "2", ""), 0));
  CHECK(NEAR_EQ(rank_diff("a b c", 1, "1", ""), -log(9.5 / 1.5)));
  /* the column weight multiplies the run's frequency like a word's:
  ** f = 2 gives 2 * 2.2 / (2 + 1.2) of the IDF */
  CHECK(NEAR_EQ(rank_diff("a b", 1, "2", ", 2.0"), -idf_2 * 4.4 / 3.2));
  CHECK_STR(order("a b", "bm25()"), "1 2 3 4"); /* bm25: all tie */
  CHECK_STR(order("a b", "tinsh_rank(2)"), "1 4 2 3");
  CHECK_STR(order("b a", "tinsh_rank(1)"), "2 1 3 4");
  CHECK_STR(order("b a", "tinsh_rank(NULL)"), "2 1 3 4");
  /* accent-smart words and colocated forms: "dang bo" finds "Đảng bộ" */
  CHECK(sqlite3_exec(db,
                     "DELETE FROM t; INSERT INTO t(rowid, body) VALUES"
                     "(1, 'bộ Đảng tỉnh họp'), (2, 'tỉnh họp Đảng bộ'),"
                     "(3, 'e f g h'), (4, 'e f g h'), (5, 'e f g h')",
                     NULL, NULL, NULL) == SQLITE_OK);
  CHECK_STR(order("dang bo", "bm25()"), "1 2");
  CHECK_STR(order("dang bo", "tinsh_rank(1)"), "2 1");
  CHECK_STR(order("\"đảng\" \"bộ\"", "tinsh_rank(1)"), "2 1");
  CHECK_STR(order("bo dang", "tinsh_rank(1)"), "1 2");
  CHECK(rank_diff("dang bo", 2, "1", "") < 0);
  /* the run as fts_plain_query_ex writes it counts those rows */
  char *run = NULL, *m = fts_plain_query_ex("dang  bo", &run);
  CHECK_STR(m, "\"dang\" \"bo\"");
  CHECK_STR(run, "\"dang bo\"");
  CHECK(hits(run) == 1);
  free(m), free(run);
  m = fts_plain_query_ex("dang bo*", &run); /* a prefix: no run */
  CHECK(m && run == NULL);
  free(m);
  m = fts_plain_query_ex("dang", &run);
  CHECK(m && run == NULL);
  free(m);
  sqlite3_close(db);
}

/* fts_word_fn over table t: does a row hold word token tok? */
static int has_tok(void *ctx, const char *tok, int ntok) {
  (void)ctx;
  char m[128];
  snprintf(m, sizeof m, "\"%.*s\"", ntok, tok);
  return hits(m) > 0;
}

/* rowids matched by plain query q with words joined, "1 3" */
static char *word_hits(const char *q) {
  static char out[64];
  char *m = fts_plain_query_words(q, has_tok, NULL, NULL, NULL);
  out[0] = 0;
  sqlite3_stmt *st;
  sqlite3_prepare_v2(db, "SELECT rowid FROM t WHERE t MATCH ?1 ORDER BY rowid",
                     -1, &st, NULL);
  sqlite3_bind_text(st, 1, m ? m : "", -1, SQLITE_STATIC);
  while (sqlite3_step(st) == SQLITE_ROW)
    snprintf(out + strlen(out), sizeof out - strlen(out), "%s%d",
             out[0] ? " " : "", sqlite3_column_int(st, 0));
  sqlite3_finalize(st);
  free(m);
  return out;
}

static void test_words(void) {
  CHECK_STR(toks("tỉnh Quảng Ninh", FTS_DOCUMENT),
            "tinh@0-6 +tỉnh@0-6 quang@7-14 +quảng@7-14 +quang_ninh@7-19 "
            "+quảng_ninh@7-19 ninh@15-19");
  CHECK_STR(toks("quang_ninh Quảng_Ninh", FTS_QUERY),
            "quang_ninh@0-10 quảng_ninh@11-23");
  CHECK_STR(toks("a_", FTS_QUERY), "a@0-1");
  table_db(
      "CREATE VIRTUAL TABLE t USING fts5(body, tokenize=tinsh);"
      "INSERT INTO t(rowid, body) VALUES"
      "(1, 'Đoàn đến tỉnh Quảng Ninh làm việc.'),"
      "(2, 'Ông Quang về thăm quê ở Ninh Bình.'),"
      "(3, 'Trời mưa ở quang ninh')");
  CHECK_STR(word_hits("quang ninh"), "1");
  CHECK_STR(word_hits("Quảng Ninh"), "1");
  CHECK_STR(word_hits("\"quang ninh\""), "1 3"); /* syllables */
  CHECK_STR(word_hits("ninh quang"), "1 2 3");   /* no such word */
  CHECK_STR(word_hits("quang"), "1 2 3");
  char *spans = NULL;
  char *m = fts_plain_query_words("tinh quang ninh lam*", has_tok, NULL, NULL,
                                  &spans);
  CHECK_STR(m, "\"tinh\" \"quang_ninh\" \"lam\"*");
  CHECK_STR(spans, "1 2 1");
  free(m), free(spans);
  sqlite3_stmt *st;
  CHECK(sqlite3_prepare_v2(db,
                           "SELECT tinsh_offsets(t, '2') FROM t WHERE t MATCH "
                           "'\"quang_ninh\"'",
                           -1, &st, NULL) == SQLITE_OK);
  CHECK(sqlite3_step(st) == SQLITE_ROW);
  CHECK_STR((const char *)sqlite3_column_text(st, 0), "0 21 33");
  sqlite3_finalize(st);
  sqlite3_close(db);
}

/* The offsets of many overlapping hits of phrases of two sizes (their
** order by first and by last token differ), and a column whose text goes
** on past its last hit (the tokenizing stops there). */
static void test_many_offsets(void) {
  table_db("CREATE VIRTUAL TABLE t USING fts5(a, b, tokenize='tinsh')");
  buf text, want;
  buf_init(&text), buf_init(&want);
  for (int i = 0; i < 400; i++) buf_adds(&text, "Móng Cái x ");
  for (int i = 0; i < 400; i++) /* 13 bytes each: "Móng Cái", "Móng" */
    buf_printf(&want, "%s0 %d %d 0 %d %d", i ? " " : "", 13 * i, 13 * i + 10,
               13 * i, 13 * i + 5);
  buf_adds(&want, " 1 0 5");
  sqlite3_stmt *st;
  CHECK(sqlite3_prepare_v2(db, "INSERT INTO t VALUES (?1, ?2)", -1, &st,
                           NULL) == SQLITE_OK);
  sqlite3_bind_text(st, 1, text.data, (int)text.len, SQLITE_STATIC);
  sqlite3_bind_text(st, 2, "Móng thì xa, cai thì gần, và còn dài nữa", -1,
                    SQLITE_STATIC);
  CHECK(sqlite3_step(st) == SQLITE_DONE);
  sqlite3_finalize(st);
  CHECK(sqlite3_prepare_v2(db,
                           "SELECT tinsh_offsets(t) FROM t WHERE t MATCH "
                           "'\"mong cai\" OR mong'",
                           -1, &st, NULL) == SQLITE_OK);
  CHECK(sqlite3_step(st) == SQLITE_ROW);
  const char *got = (const char *)sqlite3_column_text(st, 0);
  CHECK(got && strcmp(got, want.data) == 0);
  if (got && strcmp(got, want.data) != 0)
    fprintf(stderr, "offsets: %.80s...\n", got);
  sqlite3_finalize(st);
  sqlite3_close(db);
  buf_free(&text), buf_free(&want);
}

/* FTS_INDEX: one token for a dominant form, the form and its fold's
** marker for another, word tokens alike; an unknown argument is refused. */
static void test_index_mode(void) {
  /* "việt" is the dominant form of "viet" (forms.tsv), "đà_nẵng" of
  ** "da_nang"; "dang", "da", "nang" and "ninh" are no lines: both forms */
  CHECK_STR(toks("việt viết viet Ninh đảng", FTS_INDEX),
            "việt@0-6 viết@7-13 +~viet@7-13 viet@14-18 +~viet@14-18 "
            "ninh@19-23 dang@24-31 +đảng@24-31");
  CHECK_STR(toks("Đà Nẵng", FTS_INDEX),
            "da@0-4 +đà@0-4 +đà_nẵng@0-11 nang@5-11 +nẵng@5-11");
  open_db();
  CHECK(sqlite3_exec(db,
                     "CREATE VIRTUAL TABLE t USING fts5(a, tokenize='tinsh "
                     "forms9');",
                     NULL, NULL, NULL) != SQLITE_OK);
  sqlite3_close(db);
}

int main(void) {
  test_tokens();
  test_index_mode();
  for (forms = 0; forms < 2; forms++) { /* both kinds of index match alike */
    test_many_offsets();
    test_words();
    test_matching();
    test_replay();
    test_rank();
  }
  return check_done();
}
