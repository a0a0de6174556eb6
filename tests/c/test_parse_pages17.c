/*
** test_parse_pages17.c — the parser on the layouts of held-out set 17
** (issue 19), each in a text written for this test (no page text copied).
** Plan:
**  1. Date lines: a view count glued to the time's minute ("05:431.577"),
**     "!!" between the time and the date, a section and a dash before a
**     labelled date ("Tin tức - Ngày đăng : 05:42, …"), the part of the
**     day after the time ("9:41 Sáng", "3:20 Chiều") with a counter and
**     "In bài viết" after it, a month-first date ("10-29-2018"). Not
**     dates: "Đèn giao thông - Ngày 10/9/2021" (a headline), "Sáng
**     4/3/2020, …" (a sentence).
**  2. A visit counter whose labels are printed twice, glued ("Hôm nayHôm
**     nay : 11929"), is chrome; the headline under a site's link list, a
**     breadcrumb and a clock with today's date is the line over the date
**     line below them, and that date line's date wins over the clock's.
**     A widget's "loading..." between the headline and its date line is
**     no headline under a kicker (set 18).
**  3. A site's postal address over the headline ("08 - Lê Lợi Thành Phố
**     Đông Hà - Tỉnh Quảng Trị") is chrome; a headline in capitals that
**     opens with a number is no address.
**  4. Degrees, honours and professions before a name are titles that
**     take no organisation after them (data/degrees.txt): "PGS.TS. A"
**     (the degree's dot ends no sentence), "GS.TS A", "BS Y Lâm Niê"
**     (the Ê Đê name whole), "NSND A", "nhà văn Nguyên Ngọc" (no title
**     for the next name of the sentence), "Kỹ sư A".
**     Written apart too ("PGS. TS A", "GS - TS B": set 18).
**  5. A compound amount is one figure in its smaller scale ("5 tỷ 992
**     triệu đồng" = 5992 triệu đồng, "2 triệu 500 nghìn"); two amounts
**     with their own units stay two, and so does a second number with
**     no scale word ("3 triệu 1.500 đồng").
**  6. A data file entry whose first word has punctuation glued inside
**     is found ("héc-ta", "xy-lanh", the alias "TP.HCM", "Timor-Leste":
**     the lexicon's first-word index hashed the whole "héc-ta", the
**     lookups the token "héc").
*/
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "date.h"
#include "doc.h"
#include "extract.h"
#include "parse.h"
#include "parse_check.h"

#define HEAD "Xã tổ chức lễ ra quân làm đường giao thông nông thôn mới"
#define BODY                                                                          \
  "Sáng nay, hơn 300 đoàn viên và người dân trong xã cùng ra quân làm " \
  "đường, phát quang bụi rậm và trồng cây xanh dọc các tuyến liên thôn."

/* ---- 1. date lines ---- */

/* HEAD, the line, BODY: the date read is want (NULL: none). */
static void check_date_line(const char *line, const char *want) {
  char s[1024];
  snprintf(s, sizeof s, "%s\n%s\n%s\n", HEAD, line, BODY);
  doc *d = parse_str(s);
  CHECK_STR(d->title, HEAD);
  CHECK_STR(d->published, want);
  doc_free(d);
}

static void test_dates(void) {
  check_date_line("Thứ hai - 01/03/2021 05:431.577",
                  "2021-03-01T05:43:00+07:00");
  check_date_line("  17:25 !! 04/05/2019", "2019-05-04T17:25:00+07:00");
  check_date_line("Tin tức - Ngày đăng : 05:42, 21/09/2022",
                  "2022-09-21T05:42:00+07:00");
  check_date_line(
      "Đăng lúc: 01-08-2018 9:41 Sáng - Đã xem: 45 lượt xem In bài viết",
      "2018-08-01T09:41:00+07:00");
  check_date_line("Đăng lúc: 01-08-2018 3:20 Chiều",
                  "2018-08-01T15:20:00+07:00");
  check_date_line("10-29-2018", "2018-10-29");
  /* not date lines */
  check_date_line("Sáng 4/3/2020, UBND xã họp bàn kế hoạch làm đường.", NULL);
  const char *s = "Đèn giao thông - Ngày 10/9/2021\n\n" BODY "\n";
  doc *d = parse_str(s);
  CHECK_STR(d->title, "Đèn giao thông - Ngày 10/9/2021");
  CHECK_STR(d->published, NULL);
  doc_free(d);
}

/* ---- 2. counters, a link list, a breadcrumb ---- */

static void test_headline_under_widgets(void) {
  const char *s =
      "20:15 +07 Thứ năm, 06/08/2020\n\nMenu\n\nThống kê truy cập\n\n"
      "Đang truy cậpĐang truy cập : 12\n\nHôm nayHôm nay : 4521\n\n"
      "Tổng lượt truy cậpTổng lượt truy cập : 908112\n\nLiên kết\n\n"
      "Ủy ban nhân dân huyện\nHội Nông dân huyện\nTrung tâm Y tế huyện\n"
      "Công an huyện\nTrường Chính trị tỉnh\n\n"
      "Trang nhất » Tin Tức » NÔNG THÔN MỚI\n\n" HEAD
      "\n\n"
      "Thứ ba - 14/12/2019 08:05\n" HEAD "\n\n" BODY "\n";
  doc *d = parse_str(s);
  CHECK_STR(d->title, HEAD);
  CHECK_STR(d->published, "2019-12-14T08:05:00+07:00");
  doc_free(d);
  d = parse_str(HEAD "\nloading...\n16:08 30/05/2019\n\n" BODY "\n");
  CHECK_STR(d->title, HEAD);
  CHECK_STR(d->published, "2019-05-30T16:08:00+07:00");
  doc_free(d);
}

/* ---- 3. a postal address ---- */

static void test_address(void) {
  const char *s =
      "08 - Lê Lợi Thành Phố Đông Hà - Tỉnh Quảng Trị\n"
      "0233.556.135baotang@gmail.com\n"
      "  • Giới thiệu\n  • Tin tức\n  • Liên hệ\n"
      "TIN TỨC, SỰ KIỆN\n\n" HEAD
      "\n\n\nNgày cập nhật: 10/07/2018 00:00:00\n\n" BODY "\n";
  doc *d = parse_str(s);
  CHECK_STR(d->title, HEAD);
  CHECK_STR(d->published, "2018-07-10T00:00:00+07:00");
  CHECK(strncmp(kinds(d), "banner,", 7) == 0);
  doc_free(d);
  CHECK_TITLE("20 NĂM XÂY DỰNG VÀ TRƯỞNG THÀNH CỦA BẢO TÀNG TỈNH\n\n" BODY "\n",
              "20 NĂM XÂY DỰNG VÀ TRƯỞNG THÀNH CỦA BẢO TÀNG TỈNH");
}

/* ---- 4. degrees and professions ---- */

/* HEAD over the paragraph body, parsed with its facts. */
static doc *facts_of(const char *body) {
  char s[2048];
  snprintf(s, sizeof s, "%s\n\n%s\n", HEAD, body);
  return parse_facts(s);
}

static void test_degrees(void) {
  doc *d = facts_of(
      "Phát biểu có PGS.TS. Trần Văn Bền, Phó Hiệu trưởng nhà trường. "
      "GS.TS Lê Thị Mai trình bày tham luận. BS Y Khuê Niê, Giám đốc "
      "Bệnh viện huyện, cho biết. NSND Trần Hiếu hát tặng. Kỹ sư Đinh "
      "Văn Tài nhận bằng khen. Tại lễ ra mắt, nhà văn Nguyên Ngọc cho "
      "biết, Viện Phan Châu Trinh ra đời.");
  check_person(d, "Trần Văn Bền", "PGS.TS; Phó Hiệu trưởng nhà trường");
  check_person(d, "Lê Thị Mai", "GS.TS");
  check_person(d, "Y Khuê Niê", "BS; Giám đốc Bệnh viện huyện");
  check_person(d, "Trần Hiếu", "NSND");
  check_person(d, "Đinh Văn Tài", "Kỹ sư");
  doc_free(d);
  d = facts_of(
      "Dự có PGS. TS Nguyễn Thị Xuyên, Thứ trưởng Bộ Y tế, và GS - TS "
      "Phạm Tất Dong.");
  check_person(d, "Nguyễn Thị Xuyên", "PGS. TS; Thứ trưởng Bộ Y tế");
  check_person(d, "Phạm Tất Dong", "GS - TS");
  const doc_person *p = person(d, "Phan Châu Trinh");
  CHECK(!p || p->titles.n == 0);
  doc_free(d);
}

/* ---- 5. compound amounts ---- */

/* The figures of d as "value unit" joined by "; ". */
static const char *figures_of(const doc *d) {
  static char out[1024];
  size_t o = 0;
  out[0] = 0;
  for (size_t i = 0; i < d->figures.n && o + 64 < sizeof out; i++)
    o += (size_t)snprintf(
        out + o, sizeof out - o, "%s%g %s", i ? "; " : "",
        d->figures.items[i].value,
        d->figures.items[i].unit ? d->figures.items[i].unit : "");
  return out;
}

static void test_amounts(void) {
  doc *d = facts_of(
      "Tổng vốn đạt 5 tỷ 992 triệu đồng, mỗi hộ được hỗ trợ 2 triệu 500 "
      "nghìn đồng. Quỹ có 5 tỷ đồng và 992 triệu đồng tiết kiệm; giá 3 "
      "triệu 1.500 đồng.");
  CHECK_STR(figures_of(d),
            "5992 triệu đồng; 2500 nghìn đồng; 5 tỷ đồng; 992 triệu đồng; 3 "
            "triệu; 1500 đồng");
  CHECK(d->figures.n > 0 && d->figures.items[0].base == 5992e6);
  doc_free(d);
}

/* ---- 6. entries with punctuation in their first word ---- */

static void test_glued_entries(void) {
  doc *d = facts_of(
      "Xã có hơn 295 héc-ta lúa, 4 xy-lanh bơm nước; đoàn "
      "Timor-Leste thăm TP.HCM.");
  CHECK_STR(figures_of(d), "295 héc-ta; 4 xy-lanh");
  int hcm = 0, timor = 0;
  for (size_t i = 0; i < d->places.n; i++) {
    hcm |= strcmp(d->places.items[i].name, "Hồ Chí Minh") == 0;
    timor |= strcmp(d->places.items[i].name, "Timor-Leste") == 0;
  }
  CHECK(hcm && timor);
  doc_free(d);
}

int main(void) {
  test_dates();
  test_headline_under_widgets();
  test_address();
  test_degrees();
  test_amounts();
  test_glued_entries();
  return check_done();
}
