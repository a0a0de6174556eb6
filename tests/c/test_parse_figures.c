/*
** test_parse_figures.c — figures the extractor used to miss on unseen
** pages (issue 19), with texts written for this test.
** Plan:
**  1. A multi-syllable count unit after a number: "226 điểm cầu" (a
**     units.txt phrase longer than "điểm"), "7 điểm thi" (a word of the
**     segmenter longer than the count unit "điểm"), "3 người dân".
**  2. Number words that are part of the number (multipliers.tsv
**     "numeral"): "3 vạn thợ mỏ" is 30000 thợ mỏ, "2 chục xã" 20 xã,
**     "4 trăm hộ" 400 hộ; a title-cased noun after them is the unit
**     ("3 vạn Thợ Mỏ"); scale words stay in the unit ("5 triệu đồng":
**     value 5, unit "triệu đồng", base 5e6 đồng).
**  3. English thousands in a count: "2,568 lượt xem" is 2568.
**  4. Unchanged: "41 đồng chí" (not money), a bare "3 vạn" keeps its word
**     as the unit, a capitalised single word after a number is no unit.
*/
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "check.h"
#include "doc.h"
#include "pipeline.h"

/* The figure of d whose text contains `needle` (NULL: none). */
static const doc_figure *fig(const doc *d, const char *needle) {
  for (size_t i = 0; i < d->figures.n; i++)
    if (d->figures.items[i].text && strstr(d->figures.items[i].text, needle))
      return &d->figures.items[i];
  return NULL;
}

/* Does d have the figure (value, unit, base)? */
static int has(const doc *d, const char *needle, double v, const char *unit,
               double base) {
  const doc_figure *f = fig(d, needle);
  if (!f) {
    printf("  no figure for \"%s\"\n", needle);
    return 0;
  }
  int ok = fabs(f->value - v) < 1e-9 && f->unit && !strcmp(f->unit, unit) &&
           fabs(f->base - base) < 1e-6;
  if (!ok)
    printf("  \"%s\": %g \"%s\" base %g\n", f->text, f->value,
           f->unit ? f->unit : "(null)", f->base);
  return ok;
}

static doc *run(const char *s) {
  return pipeline_document("t.txt", s, strlen(s), 0);
}

static void test_units(void) {
  doc *d =
      run("Hội nghị trực tuyến toàn tỉnh\n\nHội nghị có 226 điểm cầu "
          "từ tỉnh đến xã. Huyện bố trí 7 điểm thi cho thí sinh. Có 3 "
          "người dân bị thương nhẹ.\n");
  CHECK(has(d, "226", 226, "điểm cầu", 226));
  CHECK(has(d, "7 điểm", 7, "điểm thi", 7));
  CHECK(has(d, "3 người", 3, "người dân", 3));
  doc_free(d);
}

static void test_numerals(void) {
  doc *d =
      run("Kỷ niệm ngày bãi công của công nhân vùng than\n\nNăm ấy hơn "
          "3 vạn thợ mỏ đã bãi công. Mỗi năm có 2 chục xã đăng ký, 4 "
          "trăm hộ nhận hỗ trợ, tổng cộng 5 triệu đồng.\n");
  CHECK(has(d, "3 vạn", 30000, "thợ mỏ", 30000));
  CHECK(has(d, "2 chục", 20, "xã", 20));
  CHECK(has(d, "4 trăm", 400, "hộ", 400));
  CHECK(has(d, "5 triệu", 5, "triệu đồng", 5e6));
  doc_free(d);
  d =
      run("Kỷ niệm ngày bãi công của công nhân vùng than\n\nCuộc bãi công "
          "của hơn 3 vạn Thợ Mỏ giành thắng lợi.\n");
  CHECK(has(d, "3 vạn", 30000, "Thợ Mỏ", 30000));
  doc_free(d);
}

/* English thousands in a count of whole things: "2,568 lượt xem" is
** 2568; a measure, an index's points, "0,107" and a scale word keep the
** comma as the decimal mark */
static void test_english_thousands(void) {
  doc *d =
      run("Lượt xem bài viết tăng mạnh\n\nBài viết có 2,568 lượt xem và "
          "hơn 14,000 người đọc. Đường dài 2,568 km. Chỉ số đạt 99,077 "
          "điểm, giảm 0,107 điểm. Tỉnh có 1,500 triệu người.\n");
  CHECK(has(d, "2,568 lượt", 2568, "lượt xem", 2568));
  CHECK(has(d, "14,000", 14000, "người", 14000)); /* "người đọc": free */
  CHECK(has(d, "2,568 km", 2.568, "km", 2.568));
  CHECK(has(d, "99,077", 99.077, "điểm", 99.077));
  CHECK(has(d, "0,107", 0.107, "điểm", 0.107));
  CHECK(has(d, "1,500 triệu", 1.5, "triệu người", 1.5e6));
  doc_free(d);
}

static void test_unchanged(void) {
  doc *d =
      run("Đại hội Đảng bộ xã nhiệm kỳ mới\n\nĐại hội bầu 41 đồng chí "
          "vào Ban Chấp hành. Dân số xã đã lên tới 3 vạn.\n");
  CHECK(has(d, "41", 41, "đồng chí", 41));
  CHECK(has(d, "3 vạn", 3, "vạn", 3e4));
  doc_free(d);
}

int main(void) {
  printf("# figures: multi-syllable units and number words\n");
  test_units();
  test_numerals();
  test_english_thousands();
  test_unchanged();
  return check_done();
}
