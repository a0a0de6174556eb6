/*
** test_parse_fast.c — the parse-speed shortcuts of this stop against the
** full computations they stand in for, on generated text.
** Plan:
**  1. text_damage_possible (the quick look before text_damage_scan, eight
**     bytes a step) equals its one-byte-a-step twin
**     text_damage_possible_ref at every alignment, and never rules out a
**     text on which text_damage_scan counts 3 or more stand-ins of a kind
**     (generated texts without "ô"/"ò", so that the scan counts the whole
**     text): stand-ins at word ends, glued to punctuation, upper case,
**     after "ư", and inside words cut by the scan's 12-code-point limit.
**     Some generated texts must reach 3 stand-ins, so the check cannot
**     pass vacuously. The FNV-1a hash the same pass computes (the
**     document id) equals util_hash64 at every length and alignment.
**     The same look fused into text_normalize's last pass
**     (text_bad_syllables_hash, st.damage_possible) gives the same answer
**     at every alignment, and on text_normalize's output.
**  2. text_normalize reads its input as UTF-8 first and asks for the
**     single-byte verdict (Windows-1252/1258) only after an invalid byte;
**     text_normalize_ref asks first. Same text and statistics on random
**     mixes of Vietnamese UTF-8, ASCII, lone Latin-1 and Windows-1258
**     bytes and broken sequences, in every proportion (so both verdicts
**     occur), with and without a byte-order mark.
**  3. parse_folder_group_keep (tinsh parse) hands over the bytes its
**     folder sample read, so those files are not read twice: each kept
**     buffer holds exactly its own file (an index mix-up fails), empty
**     files and files of a folder too small for a context keep nothing,
**     and a document parsed from the kept bytes is the one parsed from
**     the file (same JSON).
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "check.h"
#include "doc.h"
#include "parse_folder.h"
#include "pipeline.h"
#include "text.h"
#include "text_damage.h"
#include "text_int.h"
#include "util.h"

static uint64_t rng = 0x2545F4914F6CDD1Dull;

static unsigned rnd(unsigned n) {
  return check_rnd(&rng, n);
}

/* Words and glue, with and without stand-ins (no "ô", no "ò"). */
static const char *const dmg_pieces[] = {"cơng",        "khơng",
                                         "CƠNG",        "Cơng",
                                         "ương",        "thương",
                                         "phƯƠNG",      "hơn",
                                         "Hịn",         "cịn",
                                         "phịng",       "hịm",
                                         "địi",         "ỊN",
                                         "định",        "thịnh",
                                         "nghịch",      "mịn",
                                         "ịnh",         "vịng",
                                         "nhịnga",      "abcdefghijịn",
                                         "abcdefghịnh", "xxxxxxxxxxơng",
                                         "ươngơng",     "a",
                                         "Nam",         "ơ",
                                         "ị",           "ịi",
                                         " ",           " ",
                                         " ",           ", ",
                                         ".",           "\n",
                                         "(",           "1",
                                         "ịN",          "ơNG",
                                         "ơnG",         "đẹp"};

/* A random text of up to max bytes into b (NUL-terminated). */
static size_t gen(char *b, size_t max) {
  return check_pieces(b, 1 + rnd((unsigned)max - 16), max, dmg_pieces,
                      sizeof dmg_pieces / sizeof *dmg_pieces, rnd);
}

static void test_damage_possible(void) {
  char b[600], c[620];
  int reached = 0, agree = 1, superset = 1;
  for (int r = 0; r < 20000; r++) {
    size_t n = gen(b, sizeof b - 8);
    size_t off = (size_t)rnd(8); /* every alignment */
    memcpy(c + off, b, n + 1);
    uint64_t h = 0;
    int fast = text_damage_possible(c + off, n, &h);
    agree &= fast == text_damage_possible_ref(b, n);
    agree &= h == util_hash64(b, n); /* the document id, in the same pass */
    /* the same look inside text_normalize's last pass (its hash pass) */
    size_t seen;
    uint64_t h2 = 0;
    int fused = -1;
    text_bad_syllables_hash(c + off, n, NULL, 0, &seen, &h2, &fused);
    agree &= fused == fast && h2 == h;
    text_stats st;
    size_t m;
    char *out = text_normalize(b, n, &m, &st);
    agree &= st.damage_possible == text_damage_possible_ref(out, m);
    free(out);
    text_damage t;
    text_damage_scan(b, n, &t);
    if (t.standin_o >= TEXT_DAMAGE_MIN_STANDIN ||
        t.standin_og >= TEXT_DAMAGE_MIN_STANDIN) {
      reached++;
      superset &= fast;
      if (!fast) fprintf(stderr, "ruled out: %s\n", b);
    }
  }
  CHECK(agree);
  CHECK(superset);
  CHECK(reached > 100);
  /* and it does rule out plain text */
  const char *clean =
      "Phương án của chương trình được thương lượng ở địa "
      "phương, thịnh vượng, định hướng, nghịch lý.";
  CHECK(text_damage_possible(clean, strlen(clean), NULL) == 0);
  const char *bad = "Hịn Gai cịn đẹp, chiếc hịm cịn đó.";
  CHECK(text_damage_possible(bad, strlen(bad), NULL) == 1);
}

/* Pieces: UTF-8 words, ASCII, single bytes of Windows-1252/1258 text,
** broken sequences. */
static const char *const enc_pieces[] = {"Vi\xe1\xbb\x87t ",
                                         "ng\xc6\xb0\xe1\xbb\x9di ",
                                         "Nam ",
                                         "abc ",
                                         ". ",
                                         "\n",
                                         "\xe0",
                                         "\xe8\xf2",
                                         "Vi\xf2t ",
                                         "\xd0\xe3",
                                         "\xc3",
                                         "\xe1\xbb",
                                         "\xf0\x9f\x98\x80",
                                         "\xed\xa0\x80",
                                         "\xc0\xaf",
                                         "\x80",
                                         "caf\xe9 ",
                                         "\xde\xfe\xec ",
                                         "&amp; ",
                                         "\xef\xbb\xbf"};

/* Random bytes from enc_pieces, weighted by how single-byte the text
** should be (w of 8: the share of the pieces drawn from the odd ones). */
static size_t gen_enc(char *b, size_t max, unsigned w) {
  size_t n = 0, np = sizeof enc_pieces / sizeof *enc_pieces;
  size_t want = rnd((unsigned)max - 16);
  if (rnd(4) == 0) memcpy(b, "\xef\xbb\xbf", 3), n = 3; /* a BOM */
  while (n < want) {
    unsigned k = rnd(8) < w ? 6 + rnd((unsigned)np - 6) : rnd(6);
    const char *p = enc_pieces[k];
    size_t m = strlen(p);
    if (n + m >= max) break;
    memcpy(b + n, p, m);
    n += m;
  }
  return n;
}

static void test_utf8_first(void) {
  char b[2000];
  int same = 1, legacy = 0, utf8 = 0;
  for (int r = 0; r < 4000; r++) {
    size_t n = gen_enc(b, sizeof b, (unsigned)(r % 9));
    text_stats s1, s2;
    size_t l1, l2;
    char *a = text_normalize(b, n, &l1, &s1);
    char *c = text_normalize_ref(b, n, &l2, &s2);
    int ok = l1 == l2 && memcmp(a, c, l1) == 0 && s1.cp1252 == s2.cp1252 &&
             s1.cp1258 == s2.cp1258 && s1.invalid == s2.invalid &&
             s1.bom == s2.bom && s1.nfc_lines == s2.nfc_lines &&
             s1.bad_syllables == s2.bad_syllables;
    if (!ok) fprintf(stderr, "differs: %.*s\n", (int)n, b);
    same &= ok;
    legacy += s1.cp1252 != 0, utf8 += s1.cp1252 == 0 && s1.invalid > 0;
    free(a);
    free(c);
  }
  CHECK(same);
  CHECK(legacy > 100); /* both verdicts were met */
  CHECK(utf8 > 100);
}

/* The JSON of d (freed). */
static char *json_of(doc *d) {
  buf b;
  buf_init(&b);
  if (d) doc_to_json(d, &b);
  doc_free(d);
  buf_addc(&b, 0);
  return buf_detach(&b);
}

static void test_kept(void) {
  char dir[64], sub[80], p[8][128];
  snprintf(dir, sizeof dir, "/tmp/tinsh-kept-XXXXXX");
  if (!mkdtemp(dir)) return;
  snprintf(sub, sizeof sub, "%s/b", dir);
  mkdir(sub, 0700);
  const char *name[8] = {"a1.txt",    "a2.txt",   "a3.txt",   "a4.txt",
                         "empty.txt", "b/b1.txt", "b/b2.txt", "a5.txt"};
  for (int i = 0; i < 8; i++) {
    char text[256];
    snprintf(text, sizeof text,
             "%sBẢN TIN CHIẾN DỊCH\nTrang %d có tiêu đề riêng %d\n\n"
             "Nội dung thứ %d của trang, đủ dài để làm một đoạn văn.\n"
             "Chân trang chung\n",
             i == 2 ? "\xef\xbb\xbf" : "", i, i * 7, i);
    check_write_file(dir, name[i], i == 4 ? "" : text);
    snprintf(p[i], sizeof p[i], "%s/%s", dir, name[i]);
  }
  const char *paths[8];
  for (int i = 0; i < 8; i++) paths[i] = p[i];
  parse_kept k;
  parse_ctx **fc = parse_folder_group_keep(paths, 8, 0, &k);
  CHECK(fc != NULL);
  for (int i = 0; i < 8 && fc; i++) {
    char *bytes;
    size_t len;
    int in_a = i < 5 || i == 7;
    CHECK((k.bytes[i] != NULL) == (in_a && i != 4));
    if (k.bytes[i] && util_read_file(p[i], 0, &bytes, &len) == 0) {
      CHECK(k.lens[i] == len && memcmp(k.bytes[i], bytes, len) == 0);
      free(bytes);
      const char *why;
      char *a =
          json_of(pipeline_document_ctx(p[i], k.bytes[i], k.lens[i], 0, fc[i]));
      char *b = json_of(pipeline_file_ctx(p[i], 0, 0, fc[i], &why));
      CHECK_STR(a, b);
      free(a);
      free(b);
    }
    parse_ctx_free(fc[i]);
  }
  free(fc);
  parse_kept_free(&k);
  for (int i = 0; i < 8; i++) unlink(p[i]);
  rmdir(sub);
  rmdir(dir);
}

int main(void) {
  printf("test_parse_fast: quick looks against the full scans\n");
  test_damage_possible();
  test_utf8_first();
  test_kept();
  return check_done();
}
