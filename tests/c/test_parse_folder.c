/*
** test_parse_folder.c — the per-folder chrome context learned from the
** sibling files of one folder (parse_folder.h), on a folder of pages
** written for this test that share a campaign banner and a footer.
** Plan:
**  1. parse_folder_build over 4 sibling files: the shared banner is no
**     headline (the page's own headline is), the shared footer is
**     boilerplate; without the context the banner is the title.
**  2. Thresholds: a line in 3 of 4 files counts, one in 2 files does not
**     (PARSE_FOLDER_MIN_FILES); a line in 3 of 20 files does not (under
**     PARSE_FOLDER_MIN_SHARE); a folder of one or two files has no
**     context (parses exactly as today).
**  3. Order: the context built from the files in reverse order gives the
**     same documents (deterministic).
**  4. Content the folder repeats stays content: a one-word line over a
**     law's name ("LUẬT" / "BẢO VỆ RỪNG": title "LUẬT BẢO VỆ RỪNG"), an
**     all-caps heading amid the text, a numbered item, a "…:" clause, a
**     repeated signature (its author is kept).
**  5. parse_folder_group (tinsh parse): files of one folder share the
**     context, a file of another folder gets none; parse_folder_open /
**     parse_folder_ctx (the ingest) give the same context lazily.
**  6. Sampling: a generated folder of 3 * PARSE_FOLDER_SAMPLE / 2 files
**     (a banner in every 4th, a line in every 25th, a footer in all) is
**     learned from PARSE_FOLDER_SAMPLE of them: the banner and the footer
**     are chrome, the rare line is not; the same sample whatever the order
**     of the paths, through parse_folder_build, _group and _open/_ctx. A
**     folder of exactly PARSE_FOLDER_SAMPLE files is read whole.
**  7. parse_folder_order's merge sort against its qsort reference
**     (parse_folder_order_ref) on random lists of up to 300 paths with
**     names, paths and whole entries repeated (ties of the hash): the
**     same order. Fails when the sort's order is off.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "check.h"
#include "doc.h"
#include "parse.h"
#include "parse_folder.h"

static char dir[64];
static char paths[24][128];

static const char *banner = "Chào mừng Đại hội Đảng bộ tỉnh lần thứ XVI";
static const char *footer = "Cổng thông tin huyện miền núi giữ bản quyền";

/* Write page i of the folder: banner (when with_banner), headline, body,
** footer. */
static void write_page(int i, int with_banner) {
  snprintf(paths[i], sizeof paths[i], "%s/p%02d.txt", dir, i);
  FILE *f = fopen(paths[i], "w");
  if (with_banner) fprintf(f, "%s\n\n", banner);
  fprintf(f,
          "Xã số %d hoàn thành kế hoạch trồng rừng mùa xuân\n\nNgười dân xã "
          "số %d đã trồng %d ha rừng trong tháng, vượt kế hoạch đề ra.\n\n%s\n",
          i, i, 10 + i, footer);
  fclose(f);
}

static doc *parse_path(const char *path, const parse_ctx *c) {
  const char *why;
  doc *d = parse_file_ctx(path, PARSE_NO_FACTS, 0, c, &why);
  CHECK(d != NULL);
  return d;
}

/* The kind of the block whose text is s (-1: none). */
static int kind_of(const doc *d, const char *s) {
  for (size_t i = 0; i < d->blocks.n; i++)
    if (!strcmp(d->blocks.items[i].text, s)) return d->blocks.items[i].kind;
  return -1;
}

static void test_context(void) {
  const char *p[4] = {paths[0], paths[1], paths[2], paths[3]};
  parse_ctx *c = parse_folder_build(p, 4, 0);
  CHECK(c != NULL);
  doc *d = parse_path(paths[0], c);
  CHECK_STR(d->title, "Xã số 0 hoàn thành kế hoạch trồng rừng mùa xuân");
  CHECK(kind_of(d, banner) == BK_BANNER);
  CHECK(kind_of(d, footer) == BK_BOILERPLATE);
  doc_free(d);
  d = parse_path(paths[0], NULL); /* without: the banner is the title */
  CHECK_STR(d->title, banner);
  doc_free(d);
  /* reverse order: the same */
  const char *r[4] = {paths[3], paths[2], paths[1], paths[0]};
  parse_ctx *c2 = parse_folder_build(r, 4, 0);
  doc *a = parse_path(paths[1], c), *b = parse_path(paths[1], c2);
  CHECK(a->blocks.n == b->blocks.n);
  for (size_t i = 0; i < a->blocks.n && i < b->blocks.n; i++)
    CHECK(a->blocks.items[i].kind == b->blocks.items[i].kind);
  doc_free(a), doc_free(b);
  parse_ctx_free(c2);
  parse_ctx_free(c);
}

static void test_thresholds(void) {
  const char *p[20];
  for (int i = 0; i < 20; i++) p[i] = paths[i];
  /* pages 0..3 hold the banner; 4..19 do not */
  parse_ctx *c = parse_folder_build(p, 2, 0);
  CHECK(c == NULL);                    /* two files: no context */
  c = parse_folder_build(p + 2, 3, 0); /* 2 of 3 files hold it */
  CHECK(!parse_ctx_repeated(c, banner, strlen(banner)));
  parse_ctx_free(c);
  c = parse_folder_build(p + 1, 4, 0); /* 3 of 4 */
  CHECK(parse_ctx_repeated(c, banner, strlen(banner)));
  parse_ctx_free(c);
  c = parse_folder_build(p + 1, 19, 0); /* 3 of 19: under 20 % */
  CHECK(!parse_ctx_repeated(c, banner, strlen(banner)));
  CHECK(parse_ctx_repeated(c, footer, strlen(footer))); /* 19 of 19 */
  parse_ctx_free(c);
}

static void test_group(void) {
  const char *p[5] = {paths[0], paths[1], "/nonexistent-dir/x.txt", paths[2],
                      paths[3]};
  parse_ctx **g = parse_folder_group(p, 5, 0);
  CHECK(g != NULL);
  if (!g) return;
  CHECK(g[0] && g[0] == g[1] && g[1] == g[3] && g[3] == g[4]);
  CHECK(g[2] == NULL);
  CHECK(parse_ctx_files(g[0]) == 4);
  for (int i = 0; i < 5; i++) parse_ctx_free(g[i]);
  free(g);
  char *names[4] = {"p00.txt", "p01.txt", "p02.txt", "p03.txt"};
  parse_folder *f = parse_folder_open(dir, names, 4, 0, NULL);
  parse_ctx *c = parse_folder_ctx(f);
  CHECK(parse_ctx_files(c) == 4);
  CHECK(parse_ctx_repeated(c, banner, strlen(banner)));
  parse_folder_close(f);
}

/* Law i of a folder of laws with the same structure and signer. */
static const char *law_text(int i, char *b, size_t cap) {
  snprintf(b, cap,
           "LUẬT\n\nBẢO VỆ RỪNG SỐ %d\n\nNHỮNG QUY ĐỊNH CHUNG\n\nLuật này "
           "quy định việc bảo vệ rừng số %d của nhà nước.\n\nTrong Luật này, "
           "các từ ngữ dưới đây được hiểu như sau:\n\nRừng là hệ sinh thái "
           "số %d gồm cây gỗ.\n\n3. Chính phủ quy định chi tiết Điều "
           "này.\n\nĐIỀU KHOẢN THI HÀNH\n\nLuật này có hiệu lực từ năm "
           "20%02d.\n\nCHỦ TỊCH QUỐC HỘI\n\nNguyễn Văn Hùng\n",
           i, i, i, i);
  return b;
}

static void test_structure(void) {
  char b[8][800];
  const char *p[8];
  for (int i = 0; i < 8; i++) {
    snprintf(paths[i], sizeof paths[i], "%s/law%d.txt", dir, i);
    FILE *f = fopen(paths[i], "w");
    fputs(law_text(i, b[i], sizeof b[i]), f);
    fclose(f);
    p[i] = paths[i];
  }
  parse_ctx *c = parse_folder_build(p, 8, 0);
  doc *d = parse_path(paths[2], c), *n = parse_path(paths[2], NULL);
  CHECK_STR(d->title, "LUẬT BẢO VỆ RỪNG SỐ 2");
  CHECK_STR(d->author, n->author);
  CHECK(d->author != NULL);
  CHECK(d->blocks.n == n->blocks.n);
  for (size_t i = 0; i < d->blocks.n && i < n->blocks.n; i++)
    CHECK(d->blocks.items[i].kind == n->blocks.items[i].kind);
  doc_free(d), doc_free(n);
  parse_ctx_free(c);
  for (int i = 0; i < 8; i++) unlink(paths[i]);
}

#define BIG (3 * PARSE_FOLDER_SAMPLE / 2)
static char bigp[BIG][96];
static const char *rare = "Tuần lễ văn hóa du lịch của tỉnh miền núi";

/* Write file i of the big folder dir/big. */
static void write_big(int i) {
  snprintf(bigp[i], sizeof bigp[i], "%s/big/n%04d.txt", dir, i);
  FILE *f = fopen(bigp[i], "w");
  if (i % 4 == 0) fprintf(f, "%s\n\n", banner);
  if (i % 25 == 0) fprintf(f, "%s\n\n", rare);
  fprintf(
      f, "Xã số %d trồng rừng mùa xuân\n\nNgười dân xã %d trồng %d ha.\n\n%s\n",
      i, i, i % 50, footer);
  fclose(f);
}

/* Does c hold the banner and footer as chrome and not the rare line? */
static int big_ok(const parse_ctx *c) {
  return c && parse_ctx_repeated(c, banner, strlen(banner)) &&
         parse_ctx_repeated(c, footer, strlen(footer)) &&
         !parse_ctx_repeated(c, rare, strlen(rare));
}

static void test_sample(void) {
  char sub[96];
  snprintf(sub, sizeof sub, "%s/big", dir);
  CHECK(mkdir(sub, 0700) == 0);
  const char *p[BIG], *r[BIG];
  char *names[BIG];
  for (int i = 0; i < BIG; i++) {
    write_big(i);
    p[i] = r[BIG - 1 - i] = bigp[i];
    names[i] = strrchr(bigp[i], '/') + 1;
  }
  parse_ctx *c = parse_folder_build(p, BIG, 0);
  CHECK(parse_ctx_files(c) == PARSE_FOLDER_SAMPLE); /* a sample, not all */
  CHECK(big_ok(c));
  parse_ctx *c2 = parse_folder_build(r, BIG, 0); /* reverse order */
  CHECK(parse_ctx_files(c2) == PARSE_FOLDER_SAMPLE && big_ok(c2));
  size_t o1[BIG], o2[BIG];
  parse_folder_order(p, BIG, o1);
  parse_folder_order(r, BIG, o2);
  int same = 1;
  for (int i = 0; i < PARSE_FOLDER_SAMPLE; i++) same &= p[o1[i]] == r[o2[i]];
  CHECK(same);
  parse_folder *f = parse_folder_open(sub, names, BIG, 0, NULL);
  parse_ctx *c3 = parse_folder_ctx(f);
  CHECK(parse_ctx_files(c3) == PARSE_FOLDER_SAMPLE && big_ok(c3));
  parse_ctx **g = parse_folder_group(r, BIG, 0);
  CHECK(g && g[0] && parse_ctx_files(g[0]) == PARSE_FOLDER_SAMPLE);
  for (int i = 0; g && i < BIG; i++) parse_ctx_free(g[i]);
  free(g);
  /* documents parsed with either context are the same */
  doc *a = parse_path(bigp[8], c), *b = parse_path(bigp[8], c3);
  CHECK_STR(a->title, "Xã số 8 trồng rừng mùa xuân");
  CHECK_STR(a->title, b->title);
  CHECK(kind_of(a, banner) == BK_BANNER && kind_of(b, banner) == BK_BANNER);
  doc_free(a), doc_free(b);
  parse_ctx_free(c), parse_ctx_free(c2), parse_folder_close(f);
  /* a folder of PARSE_FOLDER_SAMPLE files is read whole */
  c = parse_folder_build(p, PARSE_FOLDER_SAMPLE, 0);
  CHECK(parse_ctx_files(c) == PARSE_FOLDER_SAMPLE);
  parse_ctx_free(c);
  c = parse_folder_build(p, PARSE_FOLDER_SAMPLE - 1, 0);
  CHECK(parse_ctx_files(c) == PARSE_FOLDER_SAMPLE - 1);
  parse_ctx_free(c);
  for (int i = 0; i < BIG; i++) unlink(bigp[i]);
  rmdir(sub);
}

static uint64_t rng = 0x9E3779B97F4A7C15ull;

static unsigned rnd(unsigned n) {
  return check_rnd(&rng, n);
}

static void test_order(void) {
  static char store[300][32];
  const char *p[300];
  size_t o1[300], o2[300];
  int bad = 0, sorted = 0;
  for (int r = 0; r < 3000; r++) {
    size_t n = rnd(300);
    for (size_t i = 0; i < n; i++) {
      if (i && rnd(8) == 0) { /* the same path again */
        p[i] = p[rnd((unsigned)i)];
        continue;
      }
      snprintf(store[i], sizeof store[i], "%s%u.txt",
               rnd(3)   ? "a/"
               : rnd(2) ? "b/c/"
                        : "",
               rnd(n < 40 ? 40 : n));
      p[i] = store[i];
    }
    parse_folder_order(p, n, o1);
    parse_folder_order_ref(p, n, o2);
    for (size_t i = 0; i < n; i++) bad += o1[i] != o2[i];
    sorted += n > 1 && o1[0] != 0;
  }
  CHECK(bad == 0);
  CHECK(sorted > 1000); /* the order is no identity */
}

int main(void) {
  printf("# the per-folder chrome context\n");
  test_order();
  snprintf(dir, sizeof dir, "/tmp/tinsh-folder-XXXXXX");
  if (!mkdtemp(dir)) return 77;
  for (int i = 0; i < 20; i++) write_page(i, i < 4);
  test_context();
  test_thresholds();
  test_group();
  for (int i = 0; i < 20; i++) unlink(paths[i]);
  test_structure();
  test_sample();
  rmdir(dir);
  return check_done();
}
