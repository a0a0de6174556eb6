/*
** test_parse_pages23.c — the parser on the layouts of held-out set 23
** that the earlier rules missed, each in a text written for this test
** (no page text copied).
** Plan:
**  1. The headline printed twice under a stack of site chrome (the
**     station's name in capitals, its English name, a hotline, a
**     section) over its date line "21:29 , 09/09/2022": the second copy
**     is the headline, the stack banners, the line the date.
**  2. Widget lines over the headline: SharePoint's "Skip Ribbon
**     Commands", Liferay's "Xuất bản thông tin" (over "null <headline>",
**     a headline of more than 20 words), a hotline "Đường dây nóng: …".
**  3. A line that opens a list of those present ("Tham dự hội nghị
**     có:", "… có các đồng chí:") is no headline.
**  4. Titles that go on over "tối cao" ("Viện trưởng VKSND tối cao"),
**     a hospital in lower case ("Phó giám đốc bệnh viện") and a branch
**     ("Giám đốc Agribank chi nhánh Yên Hòa").
**  5. A range glued by a dash ("7,5-8%", "40-50 tấn"): its end is a
**     figure when a known unit follows; dates ("7-17/3"), years
**     ("2018-2023") and scores ("2-1 trước") stay none.
**  6. Units of Party and school news: "quần chúng" (ưu tú), "chi hội",
**     "chi đoàn", "tân học sinh" (not "quần", "Chi", "tân").
**  7. "tân" (newly appointed, lower case) opens a title as "nguyên"
**     does: "…, tân Giám đốc Công an tỉnh"; "Tân" of a name stays the
**     name's.
**  8. A rank of data/rank-titles.txt before a lone given name ("…, luật
**     sư Tâm đã …", "Thượng úy Tiến cho biết") is that person's, no title
**     of the full name beside it; "Đại tá" before a full name, "đại tá
**     Thủy quân Lục chiến" and "Giám đốc Sở y tế" stay titles.
*/
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "date.h"
#include "doc.h"
#include "extract.h"
#include "parse.h"
#include "parse_check.h"

#define HEAD "Giám đốc Sở Y tế làm việc với Trung tâm Y tế huyện Yên Hòa"
#define BODY                                                                                \
  "Sáng nay, đoàn công tác của Sở Y tế đã đến kiểm tra công tác khám " \
  "chữa bệnh tại Trung tâm Y tế huyện và các trạm y tế xã."

/* ---- 1. the headline twice under site chrome ---- */

static void test_twice_under_chrome(void) {
  doc *d = parse_str(
      "ĐÀI PHÁT THANH VÀ TRUYỀN HÌNH YÊN HÒA\n\nYen Hoa "
      "Radio and Television\nĐường dây nóng: 0123 456789\n\n"
      "Y tế\n\n" HEAD "\n\n" HEAD "\n\n07:45 , 12/03/2024\n\n" BODY "\n");
  CHECK_STR(d->title, HEAD);
  CHECK_STR(d->published, "2024-03-12T07:45:00+07:00");
  doc_free(d);
}

/* ---- 2. widget lines over the headline ---- */

#define LONG                                                                             \
  "Hội Cựu chiến binh huyện Yên Hòa: Các chi hội Cựu chiến binh trong " \
  "huyện đồng loạt tổ chức hội nghị tổng kết công tác hội năm 2024"

static void test_widget_lines(void) {
  CHECK_TITLE("Skip Ribbon Commands\nSkip to main content\n\n" HEAD "\n\n" BODY
              "\n",
              HEAD);
  CHECK_TITLE("Xuất bản thông tin\n\nnull " LONG
              "\n\nChi tiết bài viết\n\n" LONG "\n\n" BODY "\n",
              LONG);
  CHECK_TITLE("Đường dây nóng: 0123.456.789 - 1900 5678\nTin tức > " HEAD
              "\n\n" HEAD "\n\n" BODY "\n",
              HEAD);
}

/* ---- 3. a line opening the list of those present ---- */

static void test_list_opener(void) {
  const char *list =
      "\n\n- BS Nguyễn Văn An – Giám đốc\n\n- BS Trần Thị Bình – Phó "
      "giám đốc\n\nCùng các khoa, phòng của bệnh viện đã tham dự buổi "
      "lễ kỷ niệm ngày truyền thống của ngành y tế.\n";
  static const char *const openers[] = {"Tham dự hội nghị có:",
                                        "Dự buổi lễ có các đồng chí:"};
  for (size_t k = 0; k < 2; k++) {
    char buf[512];
    snprintf(buf, sizeof buf, "%s%s", openers[k], list);
    CHECK_TITLE(buf, NULL);
  }
}

/* ---- 4. titles over "tối cao", "bệnh viện", "chi nhánh" ---- */

static void test_title_orgs(void) {
  doc *d = parse_facts(HEAD
                       "\n\nDự có đồng chí Lê Văn Hòa - Viện trưởng VKSND tối "
                       "cao, ông Trần Văn Bình, Chánh án TAND tối cao; BS "
                       "Phạm Thị Lan – Phó giám đốc bệnh viện và ông Đỗ Văn "
                       "Tâm - giám đốc Agribank chi nhánh Yên Hòa.\n");
  check_person(d, "Lê Văn Hòa", "Viện trưởng VKSND tối cao");
  check_person(d, "Trần Văn Bình", "Chánh án TAND tối cao");
  check_person(d, "Phạm Thị Lan", "BS; Phó giám đốc bệnh viện");
  check_person(d, "Đỗ Văn Tâm", "giám đốc Agribank chi nhánh Yên Hòa");
  doc_free(d);
}

/* ---- 5. the end of a range glued by a dash ---- */

static void test_range_end(void) {
  doc *d = parse_facts(HEAD
                       "\n\nTăng trưởng quý này ước đạt khoảng 6,5-7%, sản "
                       "lượng 40-50 tấn mỗi tháng. Hội nghị ngày 7-17/3, "
                       "nhiệm kỳ 2018-2023 có 12 tỉnh; đội nhà thắng 2-1 "
                       "trước đội bạn.\n");
  const doc_figure *f = fig_is(d, "7%");
  CHECK(f != NULL);
  if (f) CHECK(f->value == 7 && strcmp(f->unit, "%") == 0);
  f = fig_is(d, "50 tấn");
  CHECK(f != NULL);
  if (f) CHECK(f->value == 50);
  CHECK(fig_is(d, "17") == NULL);
  CHECK(fig_is(d, "2023 có") == NULL);
  for (size_t i = 0; i < d->figures.n; i++)
    CHECK(d->figures.items[i].value != 1 && d->figures.items[i].value != 6.5);
  doc_free(d);
  /* a day ("Ngày 2-7 đội …", "dịp 30-4 năm nay", "lễ 2-9 năm 1945"), a
  ** score before a capital ("3-0 Điểm tin") */
  d = parse_facts(HEAD
                  "\n\nNgày 2-7 đội Cảnh sát giao thông ra quân. Đội "
                  "nhà thắng 3-0 Điểm tin thể thao hôm nay. Dịp 30-4 "
                  "năm nay và lễ 2-9 năm 1945 được nhắc lại.\n");
  CHECK(d->figures.n == 0);
  doc_free(d);
}

/* ---- 6. units of Party and school news ---- */

static void test_units23(void) {
  doc *d = parse_facts(HEAD
                       "\n\nĐảng bộ cử 6 quần chúng ưu tú đi học lớp cảm tình "
                       "đảng; có 32/32 Chi hội và 10 chi đoàn tổ chức đại "
                       "hội, đón 240 tân học sinh.\n");
  const doc_figure *f = fig_is(d, "6 quần chúng");
  CHECK(f != NULL);
  if (f) CHECK_STR(f->unit, "quần chúng");
  f = fig_is(d, "32/32 Chi hội");
  CHECK(f != NULL);
  if (f) CHECK_STR(f->unit, "Chi hội");
  CHECK(fig_is(d, "10 chi đoàn") != NULL);
  f = fig_is(d, "240 tân học sinh");
  CHECK(f != NULL);
  if (f) CHECK_STR(f->unit, "tân học sinh");
  doc_free(d);
}

/* ---- 7. "tân" before a title ---- */

static void test_new_post(void) {
  doc *d = parse_facts(HEAD
                       "\n\nĐại tá Lê Văn Hùng (trái), tân Giám đốc "
                       "Công an tỉnh Yên Hòa nhận hoa chúc mừng. Tân Giám "
                       "đốc Sở Nội vụ Trần Văn Tân phát biểu.\n");
  check_person(d, "Lê Văn Hùng", "Đại tá; tân Giám đốc Công an tỉnh Yên Hòa");
  check_person(d, "Trần Văn Tân", "Giám đốc Sở Nội vụ");
  doc_free(d);
}

static void test_rank_given_name(void) {
  doc *d = parse_facts(HEAD
                       "\n\nGiữa bà Lê Thị Hoa và ông Trần Văn Hùng, luật sư "
                       "Tâm đã phải tìm nhiều chứng cứ. Gặp bà Phạm Thị Lộc, "
                       "Thượng úy Tiến cho biết thêm. Đại tá Nguyễn Văn Nam "
                       "phát biểu. Ông Đỗ Văn Minh, cựu đại tá Thủy quân Lục "
                       "chiến, và ông Vũ Văn Hải, Giám đốc Sở y tế, dự.\n");
  check_person(d, "Trần Văn Hùng", "");
  check_person(d, "Phạm Thị Lộc", "");
  check_person(d, "Nguyễn Văn Nam", "Đại tá");
  check_person(d, "Đỗ Văn Minh", "cựu đại tá Thủy quân Lục chiến");
  check_person(d, "Vũ Văn Hải", "Giám đốc Sở y tế");
  doc_free(d);
}

int main(void) {
  test_twice_under_chrome();
  test_widget_lines();
  test_list_opener();
  test_title_orgs();
  test_range_end();
  test_units23();
  test_new_post();
  test_rank_given_name();
  return check_done();
}
