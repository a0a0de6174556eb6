/*
** test_parse_pages21.c — the parser on the layouts of held-out set 21
** that the earlier rules missed, each in a text written for this test
** (no page text copied).
** Plan:
**  1. Two section labels glued into one line, their space lost ("Sự kiện
**     nổi bậtTin tức"), over the headline: a banner, not the headline.
**  2. A date line without a time and the clock alone on the line under it
**     ("Thứ Ba, ngày 14 tháng 5 năm 2024" / "09:35 (GMT +7)"): one date
**     with its time; a date line with a time of its own keeps it.
**  3. The headline printed again and again above its bare date line
**     ("12-03-2023"): the copies do not hide the date.
**  4. A bare "làm" before a role of data/event-roles.txt after a name
**     that "do" brings in ("Đoàn do đồng chí A, Phó Chủ tịch UBND tỉnh
**     làm trưởng đoàn", "do chính A làm giám đốc âm nhạc") gives no
**     title; "A làm Chủ tịch …", "do ông A làm giám đốc" (of a company)
**     and "được bầu làm" still give one.
**  5. "Giáo phận" inside a title ("Giám mục Giáo phận Long Xuyên"): the
**     lower-case "phận" no longer ends it.
**  6. A grade's number ("khối 12", "khối 9") is no figure; an engine's
**     size after "phân khối" (data/number-after-ok.txt) still is.
**  7. Baptismal names "Lêô", "Giorgiô" before a name, also in a list of
**     priests after "quý Cha".
*/
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "date.h"
#include "doc.h"
#include "extract.h"
#include "parse.h"
#include "parse_check.h"

#define HEAD "Xã tổ chức ngày hội văn hóa các dân tộc vùng cao lần thứ nhất"
#define BODY                                                                             \
  "Sáng nay, gần 300 người dân trong xã đã tham gia các hoạt động văn " \
  "hóa, thể thao do Ủy ban nhân dân xã tổ chức."

/* The figure of d whose text starts with `text` (NULL: none). */
static const doc_figure *fig_at(const doc *d, const char *text) {
  for (size_t i = 0; i < d->figures.n; i++)
    if (d->figures.items[i].text &&
        strncmp(d->figures.items[i].text, text, strlen(text)) == 0)
      return &d->figures.items[i];
  return NULL;
}

/* ---- 1. two labels glued over the headline ---- */

static void test_glued_labels(void) {
  CHECK_TITLE("Sự kiện nổi bậtTin tức\n\n" HEAD "\n\n" BODY "\n", HEAD);
  CHECK_TITLE("Hoạt động cơ sởTin mới\n\n" HEAD "\n\n" BODY "\n", HEAD);
  /* one label alone over the headline, as before */
  CHECK_TITLE("Tin tức\n\n" HEAD "\n\n" BODY "\n", HEAD);
}

/* ---- 2. the clock under a date line ---- */

static void test_clock_under_date(void) {
  doc *d = parse_str("Thứ Ba, ngày 14 tháng 5 năm 2024\n09:35 (GMT +7)\n\n" HEAD
                     "\n\n" BODY "\n");
  CHECK_STR(d->title, HEAD);
  CHECK_STR(d->published, "2024-05-14T09:35:00+07:00");
  doc_free(d);
  /* a date line with its own time keeps it */
  d = parse_str("Thứ Ba, 14/05/2024 08:00\n09:35 (GMT +7)\n\n" HEAD "\n\n" BODY
                "\n");
  CHECK_STR(d->title, HEAD);
  CHECK_STR(d->published, "2024-05-14T08:00:00+07:00");
  doc_free(d);
}

/* ---- 3. the headline printed again over its date line ---- */

static void test_echoed_headline(void) {
  doc *d = parse_str(HEAD "\n\n" HEAD "\n\n" HEAD "\n\n" HEAD "\n\n" HEAD
                          "\n\n12-03-2023\n\n" BODY "\n");
  CHECK_STR(d->title, HEAD);
  CHECK_STR(d->published, "2023-03-12");
  doc_free(d);
  /* without the copies, as before */
  d = parse_str(HEAD "\n\n12-03-2023\n\n" BODY "\n");
  CHECK_STR(d->published, "2023-03-12");
  doc_free(d);
}

/* ---- 4. "do A làm trưởng đoàn": a role ---- */

static void test_role_link(void) {
  doc *d = parse_facts(
      HEAD
      "\n\nĐoàn công tác do đồng chí Lê Văn Hùng, Phó Chủ tịch UBND "
      "tỉnh làm trưởng đoàn đã đến thăm bà con. Đêm diễn do chính "
      "ông Trần Quốc Bảo làm giám đốc âm nhạc. Ông Phạm Văn "
      "Nam làm Chủ tịch UBND xã từ năm 2020. Bà Lê Thị Hoa được bầu "
      "làm Bí thư Huyện ủy. Công ty Hòa Bình do ông Đỗ Văn Lâm làm "
      "giám đốc đã nộp thuế đủ.\n");
  check_person(d, "Lê Văn Hùng", "Phó Chủ tịch UBND tỉnh");
  check_person(d, "Trần Quốc Bảo", "");
  check_person(d, "Phạm Văn Nam", "Chủ tịch UBND xã");
  check_person(d, "Lê Thị Hoa", "Bí thư Huyện ủy");
  check_person(d, "Đỗ Văn Lâm", "giám đốc");
  doc_free(d);
}

/* ---- 5. "Giáo phận" inside a title ---- */

static void test_diocese_title(void) {
  doc *d = parse_facts(HEAD
                       "\n\nĐức Cha Giuse Nguyễn Văn Tâm, Giám mục Giáo "
                       "phận Long Xuyên đã chủ sự thánh lễ.\n");
  check_person(d, "Giuse Nguyễn Văn Tâm", "Giám mục Giáo phận Long Xuyên");
  doc_free(d);
}

/* ---- 6. a grade's number ---- */

static void test_grade_number(void) {
  doc *d = parse_facts(HEAD
                       "\n\nNhà trường trao quà cho 320 học sinh khối "
                       "12 và khối 9 năm học này.\n");
  CHECK(fig_at(d, "320 học sinh") != NULL);
  CHECK(fig_at(d, "12") == NULL);
  CHECK(fig_at(d, "9") == NULL);
  doc_free(d);
  /* "phân khối" ends in "khối" but is no grade: the engine size stays */
  d = parse_facts(HEAD "\n\nMẫu xe mới có động cơ phân khối 149 cc.\n");
  CHECK(fig_at(d, "149 cc") != NULL);
  doc_free(d);
}

/* ---- 7. more baptismal names ---- */

static void test_baptismal(void) {
  doc *d = parse_facts(HEAD
                       "\n\nĐó là quý Cha Micae Nguyễn Văn Phú, Lêô "
                       "Trần Minh Nghĩa và Giuse Đỗ Văn Thao. Cha "
                       "Giorgiô Phạm Văn Phùng về nhận xứ.\n");
  check_person(d, "Lêô Trần Minh Nghĩa", "");
  check_person(d, "Giorgiô Phạm Văn Phùng", "");
  check_person(d, "Giuse Đỗ Văn Thao", "");
  doc_free(d);
}

int main(void) {
  test_glued_labels();
  test_clock_under_date();
  test_echoed_headline();
  test_role_link();
  test_diocese_title();
  test_grade_number();
  test_baptismal();
  return check_done();
}
