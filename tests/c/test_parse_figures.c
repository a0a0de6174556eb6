/*
** test_parse_figures.c — figures the extractor used to miss on unseen
** pages (issue 19), with texts written for this test.
** Plan:
**  1. A multi-syllable count unit after a number: "226 điểm cầu" (a
**     units.txt phrase longer than "điểm"), "7 điểm thi" (a word of the
**     segmenter longer than the count unit "điểm"), "3 người dân"; a
**     square measure of units.txt ("4.230 hải lý vuông", "12 km vuông").
**  2. Number words that are part of the number (multipliers.tsv
**     "numeral"): "3 vạn thợ mỏ" is 30000 thợ mỏ, "2 chục xã" 20 xã,
**     "4 trăm hộ" 400 hộ; a title-cased noun after them is the unit
**     ("3 vạn Thợ Mỏ"); scale words stay in the unit ("5 triệu đồng":
**     value 5, unit "triệu đồng", base 5e6 đồng).
**  3. English thousands in a count: "2,568 lượt xem" is 2568.
**  4. Unchanged: "41 đồng chí" (not money), a bare "3 vạn" keeps its word
**     as the unit, a capitalised single word after a number is no unit.
**  5. Names before a number: after a name of two words or more a number
**     with a unit that measures, counts or prices is a figure ("Trần Văn
**     Tâm 58 tuổi", "Cà Mau 3.200 ha"); a place's capitalised last
**     syllable is no qualifier ("Ấn Độ 35 tuổi": "độ" means "about");
**     a single capitalised word, a year or a duration after a name keep
**     the number a name's ("Đề án 25", "Honda Vision 2022 bản").
**  6. Dimensions: "120 x 60 x 75 cm" gives 120, 60 and 75 cm, no unit
**     "x"; a chain without a unit gives nothing.
**  7. A unit glued to the next sentence's first word ("18 điểmHà Nội")
**     ends before the capital; "kWh", "mmHg" stay whole.
**  8. Subjects read in words: "Tăng trưởng GDP" is not cut at "tăng",
**     "Thời gian thi công" loses no "thời", a leading "Sau" or "Dù" is
**     dropped, "TP.HCM"'s dot ends no clause.
**  9. Verbs of saying (data/report-verbs.txt): the subject is looked for
**     after the last one ("Ông Hải cho biết 62% hộ dân ..." is about
**     "hộ dân", "Bà Lan cho rằng giá bán 12 triệu đồng" about "giá bán");
**     a following "rằng" is dropped; no speaker, no subject ("Anh Tú kể
**     3 người ..."); the "~" phrases ("xe nói trên") and a verb with no
**     word or comma before it ("Chia sẻ này có 900 lượt") say nothing;
**     a head of stopwords and numbers only ("Tôi", "51") is none.
** 10. After "số" alone a number is a label (data/not-after-word.txt: "số 1
**     thế giới", "nhà số 12 đường Lê Lợi"), not after "tổng số", nor in
**     "trong số 40 người", nor before a unit ("số 350 triệu đồng"); a unit
**     after '/' is the segmenter's word ("đồng/cổ phiếu").
** 11. A document keeps at most 20,000 figures: 25,000 "5%" give 20,000
**     and the warning `figures` (1 MB of them gave 216 MB of JSON).
** 12. A bound prefix of data/unit-prefixes.txt takes the word after it
**     into the unit ("1.077 tân thạc sĩ", "1,2 triệu cựu quân nhân", "20
**     cựu Tổng thống", "3 phó trưởng phòng"), not a word of not-unit.txt
**     ("3 cựu và"); "nữ" is no such prefix ("3 nữ tham gia").
*/
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
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
          "người dân bị thương nhẹ. Vùng biển rộng 4.230 hải lý vuông, "
          "đảo rộng 12 km vuông.\n");
  CHECK(has(d, "226", 226, "điểm cầu", 226));
  CHECK(has(d, "4.230", 4230, "hải lý vuông", 4230));
  CHECK(has(d, "12 km", 12, "km vuông", 12));
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

/* No figure of d has text `t` exactly. */
static int none(const doc *d, const char *t) {
  for (size_t i = 0; i < d->figures.n; i++)
    if (d->figures.items[i].text && !strcmp(d->figures.items[i].text, t)) {
      return 0;
    }
  return 1;
}

static void test_after_names(void) {
  doc *d =
      run("Tin trong tỉnh\n\nÔng Trần Văn Tâm 58 tuổi đã nhận giải. "
          "Huyện Cà Mau 3.200 ha bị ngập. Một kỹ sư Ấn Độ 35 tuổi "
          "đến thăm. Đề án 25 người đọc. Mẫu Honda Vision 2022 bản "
          "mới ra mắt. Nghị quyết Trung ương 15 năm tới.\n");
  CHECK(has(d, "58 tuổi", 58, "tuổi", 58));
  CHECK(has(d, "3.200 ha", 3200, "ha", 3200));
  CHECK(has(d, "35 tuổi", 35, "tuổi", 35));
  CHECK(none(d, "Độ 35 tuổi"));
  CHECK(none(d, "25 người đọc"));
  CHECK(none(d, "2022 bản"));
  CHECK(none(d, "15 năm"));
  doc_free(d);
}

static void test_dimensions(void) {
  doc *d =
      run("Bàn làm việc mới\n\nChiếc bàn có kích thước 120 x 60 x 75 "
          "cm và tấm kính 2 × 3 m. Kết quả 3 x 4 là bao nhiêu.\n");
  CHECK(has(d, "120 x 60 x 75 cm", 120, "cm", 120));
  CHECK(!none(d, "60 x 75 cm") && !none(d, "75 cm"));
  CHECK(has(d, "2 × 3 m", 2, "m", 2));
  CHECK(none(d, "3 x") && none(d, "4"));
  CHECK(none(d, "3 x 4"));
  for (size_t i = 0; i < d->figures.n; i++)
    CHECK(strcmp(d->figures.items[i].unit, "x") != 0);
  doc_free(d);
}

static void test_glued_units(void) {
  doc *d =
      run("Bảng xếp hạng\n\nĐội bóng có 18 điểmHà Nội xếp thứ hai "
          "và 20 tuổiNguyễn. Trạm dùng 120 kWh mỗi ngày, huyết áp "
          "120 mmHg.\n");
  CHECK(has(d, "18 điểm", 18, "điểm", 18));
  CHECK(has(d, "20 tuổi", 20, "tuổi", 20));
  CHECK(none(d, "18 điểmHà"));
  CHECK(has(d, "120 kWh", 120, "kWh", 120));
  CHECK(has(d, "120 mmHg", 120, "mmHg", 120));
  doc_free(d);
}

/* The subject of the figure whose text is t ("(null)" when it has none). */
static const char *subject(const doc *d, const char *t) {
  for (size_t i = 0; i < d->figures.n; i++)
    if (d->figures.items[i].text && !strcmp(d->figures.items[i].text, t))
      return d->figures.items[i].subject ? d->figures.items[i].subject
                                         : "(null)";
  return "(no figure)";
}

static void test_subjects(void) {
  doc *d =
      run("Kinh tế tỉnh năm qua\n\nTăng trưởng GDP đạt 7%. Thời gian "
          "thi công kéo dài 20 ngày. Sau 10 trận, đội có 20 điểm. Dù "
          "chỉ có 18 cầu thủ, đội vẫn thắng. TP.HCM có 50 dự án mới.\n");
  CHECK_STR(subject(d, "đạt 7%"), "Tăng trưởng GDP");
  CHECK_STR(subject(d, "20 ngày"), "Thời gian thi công");
  CHECK_STR(subject(d, "10 trận"), "(null)");
  CHECK_STR(subject(d, "20 điểm"), "đội");
  CHECK_STR(subject(d, "18 cầu thủ"), "(null)");
  CHECK_STR(subject(d, "50 dự án"), "TP.HCM");
  doc_free(d);
}

static void test_report_verbs(void) {
  doc *d =
      run("Tin xã Tân Lập\n\nÔng Hải cho biết 62% hộ dân đã có nước sạch. Bà "
          "Lan cho rằng giá bán 12 triệu đồng là quá cao. Công ty nhận định "
          "rằng doanh thu sẽ tăng 8%. Anh Tú kể 3 người đã được cứu. Chiếc xe "
          "nói trên chở 45 hành khách. Chia sẻ này có 900 lượt thích.\n");
  CHECK_STR(subject(d, "62%"), "hộ dân");
  CHECK_STR(subject(d, "12 triệu đồng"), "giá bán");
  CHECK_STR(subject(d, "tăng 8%"), "doanh thu");
  CHECK_STR(subject(d, "3 người"), "(null)");
  CHECK_STR(subject(d, "45 hành khách"), "Chiếc xe nói");
  CHECK_STR(subject(d, "900 lượt thích"), "Chia sẻ này");
  doc_free(d);
  /* a head of stopwords and numbers only names nothing; a word made of
     stopword syllables ("Chỉ số") does */
  d =
      run("Tin thị trường\n\nTôi đã gõ cửa 3 ngôi nhà. Chỉ số giảm 1,69 "
          "điểm. Từ 51% lên 71%.\n");
  CHECK_STR(subject(d, "3 ngôi nhà"), "(null)");
  CHECK_STR(subject(d, "giảm 1,69 điểm"), "Chỉ số");
  CHECK_STR(subject(d, "lên 71%"), "(null)");
  doc_free(d);
}

static void test_labels(void) {
  doc *d =
      run("Tin thể thao\n\nAnh là tay vợt số 1 thế giới. Nhà số 12 "
          "đường Lê Lợi bị cháy. Tổng số 500 người tham gia. Trong số "
          "40 người có 3 em nhỏ. Anh nhận số 350 triệu đồng. Cổ phiếu "
          "còn 54.000 đồng/cổ phiếu.\n");
  CHECK_STR(subject(d, "1 thế giới"), "(no figure)");
  CHECK_STR(subject(d, "12 đường"), "(no figure)");
  CHECK(fig(d, "500 người") != NULL);
  CHECK(fig(d, "40 người") != NULL);
  CHECK(has(d, "350 triệu", 350, "triệu đồng", 350e6));
  CHECK(has(d, "54.000", 54000, "đồng/cổ phiếu", 54000));
  doc_free(d);
}

static void test_figures_max(void) {
  size_t n = 25000, len = 0;
  char *s = malloc(n * 3 + 16);
  const char *head = "Bảng\n\n";
  memcpy(s, head, strlen(head)), len = strlen(head);
  for (size_t i = 0; i < n; i++) memcpy(s + len, "5% ", 3), len += 3;
  doc *d = pipeline_document("t.txt", s, len, 0);
  CHECK(d->figures.n == 20000);
  int warned = 0;
  for (size_t i = 0; i < d->warnings.n; i++)
    warned |= strncmp(d->warnings.items[i], "figures:", 8) == 0;
  CHECK(warned);
  doc_free(d);
  free(s);
}

static void test_unit_prefixes(void) {
  doc *d =
      run("Lễ tốt nghiệp\n\nTrường trao bằng cho 1.077 tân thạc sĩ. "
          "Hội có 1,2 triệu cựu quân nhân. Đoàn gặp 20 cựu Tổng "
          "thống. Sở có 3 phó trưởng phòng. Có 4 cựu và 2 tân binh. "
          "Lớp có 5 nữ tham gia.\n");
  CHECK(has(d, "1.077", 1077, "tân thạc sĩ", 1077));
  CHECK(has(d, "1,2 triệu", 1.2, "triệu cựu quân nhân", 1.2e6));
  CHECK(has(d, "20 cựu", 20, "cựu Tổng thống", 20));
  CHECK(has(d, "3 phó", 3, "phó trưởng phòng", 3));
  CHECK(has(d, "4 cựu", 4, "cựu", 4));
  CHECK(has(d, "2 tân", 2, "tân binh", 2));
  CHECK(has(d, "5 nữ", 5, "nữ", 5));
  doc_free(d);
}

int main(void) {
  printf("# figures: multi-syllable units and number words\n");
  test_units();
  test_numerals();
  test_english_thousands();
  test_unchanged();
  test_after_names();
  test_dimensions();
  test_glued_units();
  test_subjects();
  test_report_verbs();
  test_labels();
  test_figures_max();
  test_unit_prefixes();
  return check_done();
}
