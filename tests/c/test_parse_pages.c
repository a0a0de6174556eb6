/*
** test_parse_pages.c — the parser on portal layouts (issue 19), with texts
** written for this test that reproduce each layout (no page text copied).
** Plan:
**  1. The date core: calendar validation (31/02 refused, leap years), the
**     12h clock (12 AM = 00, 12 PM = 12, "13:00 PM" kept), English month
**     and weekday names, and the extractor's dates through it (a reference
**     "ngày 31/02/2020" gets no date).
**  2. Date lines under a headline, one per form: ISO with seconds and a
**     comment counter, "Ngày d-m-y Lượt xem: n", d/m/y with a time, d.m.y
**     with an office, "Print Thứ Bảy, …", d-m-y alone, AM/PM with a
**     section, English weekday with the time first, English month names;
**     lines that are no date lines (a comma sentence, 31/02, a long tail).
**  3. Dates in the page: a "today" clock over the menu does not win over
**     the date line under the headline, nor over the byline's date at the
**     foot; a clock over a page without headline is no date; a byline
**     that ends with the date; a date marker glued to the body, and the
**     sentence after a marker that opens the page is no headline; a
**     marker with a space before a headline (with its own date and time
**     run on, which completes the marker's day) or before a banner; a
**     month-only marker is chrome; a date the headline names stays.
**  4. Chrome: a glued breadcrumb, a weather widget, opening hours, a
**     section name, a kicker over the headline, a campaign banner printed
**     twice, "Powered by", contact and bulleted menu lines, the site name
**     cut from the headline; null title when only chrome and a sapo; list
**     items ("• …", "* …") standing first are no headline; a section
**     label with a site name after it ("Tin nhanh - Báo bạn") is chrome;
**     a number after the last dash ("2021 - 2026.") is no site name;
**     lower-case fragments and tags over the headline, a section label
**     between it and its date line, a follow widget ending "trên", a
**     source tag alone, an audio player's text, a cut teaser.
**  5. The per-folder context: a line repeated in k sibling files is
**     chrome above the headline and boilerplate in the body.
**  6. Metadata headers: "# key = value" lines and YAML front matter feed
**     title, published, author, site (the URL's host); their lines are
**     boilerplate; the body's headline that repeats the title is the title.
**  7. Zones: an empty "Tin liên quan" header does not swallow the body; a
**     "Xem thêm: …" link amid the text is a related line only; share
**     widgets are boilerplate, not the end of the article; a related
**     header followed by headlines still ends it.
**  8. Every case is lossless (the blocks give the text back).
**  9. People on pages never seen (the second development set): surnames of
**     minority names ("Giàng", "Ma", "Luyện"), "Quyền Chủ tịch", "đại
**     biểu <name>", "tiếp tục giữ chức", an abbreviation in brackets
**     between title and name, and titles whose organisation has a dash,
**     "của", a comma list joined by "và", or an office of 14+ syllables;
**     a title stops at "và" before a lower-case word, and a connector
**     takes in a whole word ("Cấp cứu – Hồi sức") and no honorific;
**     "tổ chức" after a title is a verb; "UV BTV" heads a
**     title; no person from "Huy chương Vàng <name>" or "Buôn Ma Thuột";
**     the title before the colon of a list of titled names is theirs, a
**     title before a name is that name's, "Quân khu 3" keeps its number,
**     "nguyên" stays in the title, a bracket after a name, a link after
**     the titles, "các cố Tổng Bí thư A, B", "Ban tổ chức"; a list
**     after "các ông:", "xã A, huyện B" in a title, "giao Đại tá <name>"
**     ends the title before, "và" joins two titles, no name inside a
**     place ("Nghệ An Thái Văn Quý"), more surnames; "A và B được HĐND
**     tỉnh X bầu làm <title>" gives both the title.
*/
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "date.h"
#include "doc.h"
#include "extract.h"
#include "parse.h"
#include "parse_check.h"
#include "pipeline.h"

/* ---- helpers ---- */

#define HEAD_TEXT "Tỉnh khởi công tuyến đường ven biển mới"
static const char *const HEAD = HEAD_TEXT;
static const char *const BODY =
    "Sáng nay, tỉnh tổ chức lễ khởi công tuyến đường dài 12 km nối hai "
    "huyện ven biển, với tổng vốn đầu tư hơn 900 tỷ đồng từ ngân sách.";

/* Parse HEAD, the date line `line`, BODY; return published (copied). */
static char *published_under_title(const char *line) {
  char text[1024];
  snprintf(text, sizeof text, "%s\n\n%s\n\n%s\n", HEAD, line, BODY);
  doc *d = parse_str(text);
  char *p = d->published ? strdup(d->published) : NULL;
  CHECK_STR(d->title, HEAD);
  doc_free(d);
  return p;
}

static void check_line(const char *line, const char *want) {
  char *got = published_under_title(line);
  CHECK_STR(got, want);
  free(got);
}

/* ---- 1. the date core ---- */

static void test_date_core(void) {
  CHECK(date_valid(2020, 2, 29) && !date_valid(2021, 2, 29));
  CHECK(!date_valid(2020, 2, 31) && !date_valid(2020, 13, 1));
  CHECK(!date_valid(2020, 4, 31) && date_valid(2000, 2, 29));
  CHECK(!date_valid(1900, 2, 29) && !date_valid(1899, 12, 31));
  CHECK(date_hour24(12, 0) == 0 && date_hour24(12, 1) == 12);
  CHECK(date_hour24(1, 1) == 13 && date_hour24(11, 0) == 11);
  CHECK(date_hour24(13, 1) == 13 && date_hour24(24, 0) == -1);
  CHECK(date_month_name("may") == 5 && date_month_name("sept") == 9);
  CHECK(date_month_name("december") == 12 && date_month_name("mayo") == 0);
  CHECK(date_weekday_name("wednesday") == 3 && date_weekday_name("sun") == 7);
  date_tm t;
  CHECK(date_line("31/02/2020", 10, &t) == 0);
  CHECK(date_line("29/02/2020", 10, &t) == 1 && t.d == 29 && t.mo == 2);
  /* the extractor's dates go through the same check */
  const char *s =
      "Tiêu đề\n\nThực hiện Nghị quyết số 12-NQ/TU ngày 31/02/2020 của "
      "Tỉnh ủy.\n\nThực hiện Nghị quyết số 13-NQ/TU ngày 28/02/2020 của "
      "Tỉnh ủy.\n";
  doc *d = pipeline_document("r.txt", s, strlen(s), 0);
  CHECK(d->refs.n == 2);
  if (d->refs.n == 2) {
    CHECK_STR(d->refs.items[0].date, NULL);
    CHECK_STR(d->refs.items[1].date, "2020-02-28");
  }
  doc_free(d);
}

/* ---- 2. date-line forms ---- */

static void test_date_forms(void) {
  /* an author in capitals over a position line between the headline and
  ** the date line: the author is the byline, the date line is read */
  doc *d = parse_str(
      "Những định hướng lớn để xây dựng, phát triển tỉnh đến năm 2030\n\n"
      "TRẦN VĂN SƠN\nỦy viên Trung ương Đảng, Bí thư Tỉnh ủy, Chủ tịch "
      "HĐND tỉnh\n15:39, ngày 22-06-2023\n\nTCCS - Với sự quyết tâm cao, "
      "tinh thần đoàn kết của Đảng bộ và nhân dân, tỉnh đạt nhiều kết quả "
      "nổi bật trong phát triển kinh tế - xã hội.\n");
  CHECK_STR(d->published, "2023-06-22T15:39:00+07:00");
  CHECK_STR(d->author, "TRẦN VĂN SƠN");
  doc_free(d);
  /* a wire dateline opening the text dates it; a time zone alone on a
  ** line is chrome, never the headline */
  d = parse_str(
      "GMT+7\nTrang chủ / Văn hóa\n\nNgành văn hóa giữ vững kỷ cương, "
      "hoàn thành các mục tiêu đề ra\n\nHà Nội (TTXVN 11/3/2022) Tại hội "
      "nghị lần thứ nhất, các ủy viên có mặt đã biểu quyết thông qua "
      "chương trình công tác toàn khóa của Ban Chấp hành.\n");
  CHECK_STR(d->title,
            "Ngành văn hóa giữ vững kỷ cương, hoàn thành các mục tiêu đề ra");
  CHECK_STR(d->published, "2022-03-11");
  doc_free(d);
  check_line("2020-05-20 08:52:44 0 Bình luận", "2020-05-20T08:52:44+07:00");
  check_line("Ngày 06-01-2020 Lượt xem: 177", "2020-01-06");
  check_line("16/05/2021 08:30", "2021-05-16T08:30:00+07:00");
  /* "d tháng m" with "năm" or a comma before the year, "ngày" optional
  ** (WordPress's Vietnamese "18 Tháng 9, 2025") */
  check_line("18 Tháng 9, 2025", "2025-09-18");
  check_line("18 tháng 9 năm 2025 10:20", "2025-09-18T10:20:00+07:00");
  check_line("Thứ Hai, ngày 5 tháng 3, 2024", "2024-03-05");
  check_line("18 Tháng 13, 2025", NULL);
  /* a minute sign after the time (held-out set 13) */
  check_line("14:55' 18/2/2020", "2020-02-18T14:55:00+07:00");
  check_line("14:55’ 18/2/2020", "2020-02-18T14:55:00+07:00");
  /* the month as a word (a date widget's "Thứ Bảy, 20 Tháng Tám, 2022") */
  check_line("Thứ Bảy, 20 Tháng Tám, 2022", "2022-08-20");
  check_line("Thứ Hai, 1 Tháng Mười Hai, 2022", "2022-12-01");
  check_line("Thứ Năm, 31 Tháng Mười, 2019", "2019-10-31");
  check_line("20 tháng Giêng, 2023", "2023-01-20");
  check_line("Ngày 5 tháng Năm năm 2021", "2021-05-05");
  check_line("20 Tháng Tám", NULL);
  check_line("25.09.2018 Văn phòng UBND tỉnh", "2018-09-25");
  check_line("Print Thứ Bảy, 26/01/2019 19:26", "2019-01-26T19:26:00+07:00");
  check_line("25-06-2021", "2021-06-25");
  check_line("20/03/2023 13:00 PM | Thời sự", "2023-03-20T13:00:00+07:00");
  check_line("20/03/2023 01:05 PM", "2023-03-20T13:05:00+07:00");
  check_line("12:15 AM 01/02/2020", "2020-02-01T00:15:00+07:00");
  check_line("Wednesday, 08:26 08/07/2015", "2015-07-08T08:26:00+07:00");
  check_line("May 20, 2020 12:00 PM", "2020-05-20T12:00:00+07:00");
  check_line("Posted on 3 March 2022", "2022-03-03");
  check_line("Cập nhật lúc 10:30 GMT+7 ngày 5/6/2022",
             "2022-06-05T10:30:00+07:00");
  check_line("Thứ sáu: 15:00 ngày 09/02/2024", "2024-02-09T15:00:00+07:00");
  check_line("2021-11-02T07:05:00+07:00", "2021-11-02T07:05:00+07:00");
  check_line("2021-11-02T07:05:00Z", "2021-11-02T07:05:00+00:00");
  check_line("2021-11-02T07:05:00-05:00", "2021-11-02T07:05:00-05:00");
  check_line("  • Cập nhật: 19/11/2020", "2020-11-19");
  check_line("Chính trị 28-05-2024", "2024-05-28"); /* a section first */
  check_line("Thời sự 20/03/2023 01:05 PM", "2023-03-20T13:05:00+07:00");
  check_line("Kinh tế, Nông nghiệp | 09:12:30 14/02/2017", /* sections */
             "2017-02-14T09:12:30+07:00");
  /* no date lines */
  check_line("Giá vàng ngày 7/2/2017: Diễn biến khó lường", NULL);
  check_line("Giá vàng 7/2/2017 tăng mạnh", NULL);
  check_line("Tin tức Thời sự Kinh tế Xã hội 28-05-2024", NULL);
  check_line("Bản tin thời sự - Ngày 10/9/2021", NULL);
  check_line("31/02/2020", NULL);
  check_line("Ngày 4/3/2020, UBND tỉnh họp bàn kế hoạch năm", NULL);
  check_line(
      "25/06/2021 Hội nghị kéo dài suốt buổi sáng với rất nhiều ý "
      "kiến đóng góp của các đại biểu dự họp",
      NULL);
  check_line("20/03/2023 tỉnh họp", NULL);
}

/* ---- 3. dates in the page ---- */

static void test_page_dates(void) {
  /* date and counter as a bulleted list under the headline; the closing
  ** mark "./." ends body text, not a caption */
  doc *d = parse_str(
      "Tỉnh khởi công tuyến đường ven biển mới\n"
      "  • Cập nhật: 19/11/2020\n"
      "  • Lượt xem: 5547 lượt xem\n\n"
      "Sáng nay, tỉnh tổ chức lễ khởi công tuyến đường dài 12 km nối hai "
      "huyện ven biển.\n\n"
      "Các đại biểu dự lễ tham gia phát biểu, đóng góp ý kiến./.\n");
  CHECK_STR(d->published, "2020-11-19");
  CHECK_STR(kinds(d), "title,dateline,boilerplate,lead,paragraph");
  doc_free(d);
  /* the site's clock over the menu, the real date under the headline */
  d = parse_str(
      "Thứ Hai, 04/12/2026\n\nTrang chủ\n\nThời sự\n\n"
      "Tỉnh khởi công tuyến đường ven biển mới\n\n"
      "Print Thứ Bảy, 26/01/2019 19:26\n\n"
      "Sáng nay, tỉnh tổ chức lễ khởi công tuyến đường dài 12 km nối hai "
      "huyện ven biển, với tổng vốn đầu tư hơn 900 tỷ đồng.\n");
  CHECK_STR(d->published, "2019-01-26T19:26:00+07:00");
  CHECK_STR(kinds(d), "banner,banner,banner,title,dateline,lead");
  doc_free(d);
  /* the clock far above, the date in the byline at the foot */
  d = parse_str(
      "Thứ Hai, 04/12/2026\n\nTrang chủ\n\nTin tức\n\nGiới thiệu\n\n"
      "Tỉnh khởi công tuyến đường ven biển mới\n\n"
      "Sáng nay, tỉnh tổ chức lễ khởi công tuyến đường dài 12 km.\n\n"
      "Đoạn thứ hai kể về tiến độ thi công của tuyến đường.\n\n"
      "Minh Hà\n\nCập nhật: 15:44 29/06/2013\n\nTin liên quan\n\n"
      "Một tin khác\n");
  CHECK_STR(d->published, "2013-06-29T15:44:00+07:00");
  doc_free(d);
  /* headline / sapo / date line: the date under the sapo wins over the
  ** clock, the sapo is the lead */
  d = parse_str(
      "Thứ Hai, 04/12/2026\n\nTrang chủ\n\n"
      "Tỉnh khởi công tuyến đường ven biển mới\n\n"
      "Sáng nay, tỉnh tổ chức lễ khởi công tuyến đường dài 12 km nối hai "
      "huyện.\n\n26/01/2019 19:26\n\nĐoạn thân bài đầu tiên kể chi "
      "tiết.\n");
  CHECK_STR(d->title, HEAD);
  CHECK_STR(d->published, "2019-01-26T19:26:00+07:00");
  CHECK_STR(kinds(d), "banner,banner,title,lead,dateline,paragraph");
  doc_free(d);
  /* a clock over a menu, no headline: no publication date */
  d = parse_str(
      "Thứ hai, 15/09/2025 - 12:40\nHotline: 0203 123 456\n"
      "Trang chủ báo điện tử tỉnh\n• Trang chủ\n• Chính trị\n• Xã hội\n"
      "• Kinh tế\n");
  CHECK_STR(d->published, NULL);
  CHECK_STR(d->title, NULL);
  doc_free(d);
  /* a byline that ends with the date */
  d = parse_str(
      "Tỉnh khởi công tuyến đường ven biển mới\n\n"
      "MINH HÀ - THU TRANG 30/04/2016 11:39\n\n"
      "Sáng nay, tỉnh tổ chức lễ khởi công tuyến đường dài 12 km nối hai "
      "huyện ven biển.\n");
  CHECK_STR(d->published, "2016-04-30T11:39:00+07:00");
  CHECK_STR(kinds(d), "title,byline,lead");
  doc_free(d);
  /* a date marker glued to the body */
  d = parse_str(
      "Tỉnh khởi công tuyến đường ven biển mới\n"
      " date 2024-03-04Nội dung bài viết bắt đầu ngay sau dấu ngày và kể về "
      "lễ khởi công.\n");
  CHECK_STR(d->published, "2024-03-04");
  CHECK_STR(kinds(d), "title,dateline,lead");
  CHECK(d->blocks.n == 3 &&
        strncmp(d->blocks.items[2].text, "Nội dung", strlen("Nội dung")) == 0);
  doc_free(d);
  /* a page that starts with the marker: the short sentence glued after
  ** it is the body's first line, not a headline (the page has none) */
  d = parse_str(
      " date 2024-03-04 Hội nghị tổng kết công tác năm của ngành diễn ra tại "
      "hội "
      "trường tỉnh.\n\n"
      "Dự hội nghị có lãnh đạo các sở, ban, ngành, các huyện và thành phố; "
      "đại biểu các doanh nghiệp và hợp tác xã tiêu biểu trên địa bàn.\n");
  CHECK_STR(d->published, "2024-03-04");
  CHECK(d->title == NULL);
  doc_free(d);
  /* a marker with a space, then the headline and its date and time on
  ** the same line: the headline is the title, the time completes the
  ** marker's day */
  d = parse_str(
      " date 2024-03-04 Tỉnh khởi công tuyến đường ven biển mới "
      "04/03/2024 16:31\n\n"
      "Sáng nay, tỉnh tổ chức lễ khởi công tuyến đường dài 12 km nối "
      "hai huyện ven biển.\n");
  CHECK_STR(d->title, HEAD);
  CHECK_STR(d->published, "2024-03-04T16:31:00+07:00");
  CHECK_STR(kinds(d), "dateline,title,dateline,lead");
  doc_free(d);
  /* a month-only marker is chrome and gives no date; the headline after
  ** it on the same line is the title */
  d = parse_str(
      " date 2024-03 Tỉnh khởi công tuyến đường ven biển mới\n\n"
      "Sáng nay, tỉnh tổ chức lễ khởi công tuyến đường dài 12 km nối "
      "hai huyện ven biển.\n");
  CHECK_STR(d->title, HEAD);
  CHECK_STR(d->published, NULL);
  CHECK_STR(kinds(d), "banner,title,lead");
  doc_free(d);
  /* a marker before a hotline banner: split, the banner is chrome */
  d = parse_str(
      " date 2024-03-04 HOTLINE: 0912.345.678 - ĐẶT MUA BÁO\n"
      "Thời sự\n\nTỉnh khởi công tuyến đường ven biển mới\n\n"
      "Sáng nay, tỉnh tổ chức lễ khởi công tuyến đường dài 12 km nối "
      "hai huyện ven biển, với tổng vốn hơn 900 tỷ đồng.\n\n"
      "Đoạn thứ hai kể về tiến độ thi công.\n");
  CHECK_STR(d->title, HEAD);
  CHECK_STR(d->published, "2024-03-04");
  doc_free(d);
  /* a headline that names its own date and hour keeps them */
  d = parse_str(
      "Bản tin thời sự 16h ngày 04/10/2021\n\n"
      "Sáng nay, tỉnh tổ chức lễ khởi công tuyến đường dài 12 km nối "
      "hai huyện ven biển.\n");
  CHECK_STR(d->title, "Bản tin thời sự 16h ngày 04/10/2021");
  doc_free(d);
  /* a one-line page: headline, time and date, then the lead, on one
  ** line; a section glued to the headline goes with a stamp without a
  ** year (no date); a stamp after a date word stays in the sentence */
  d = parse_str(
      "Tỉnh tổng kết 20 năm Ngày hội Đại đoàn kết toàn dân tộc "
      "09:21 19/06/2023 (Mặt trận) -Chiều 16/6, Ban Thường trực "
      "Ủy ban MTTQ tỉnh tổ chức hội nghị tổng kết.\n");
  CHECK_STR(d->title,
            "Tỉnh tổng kết 20 năm Ngày hội Đại đoàn kết toàn dân "
            "tộc");
  CHECK_STR(d->published, "2023-06-19T09:21:00+07:00");
  CHECK_STR(kinds(d), "title,dateline,lead");
  doc_free(d);
  d = parse_str(
      "Tỉnh có thêm 16 xã đạt chuẩn nông thôn mới nâng caoPhát "
      "triển bền vững - 10/05 13:00Qua thẩm định hồ sơ, hội đồng "
      "bỏ phiếu công nhận 16 xã đạt chuẩn.\n");
  CHECK_STR(d->title, "Tỉnh có thêm 16 xã đạt chuẩn nông thôn mới nâng cao");
  CHECK(d->published == NULL);
  CHECK_STR(kinds(d), "title,banner,lead");
  doc_free(d);
  d = parse_str(
      "Hội nghị tổng kết công tác năm của tỉnh khai mạc lúc 08:00 "
      "20/10/2023 tại hội trường tỉnh, với 300 đại biểu tham dự.\n");
  CHECK(d->published == NULL);
  CHECK(d->title && strstr(d->title, "lúc 08:00 20/10/2023 tại"));
  doc_free(d);
}

/* ---- 4. chrome ---- */

static void test_chrome(void) {
  /* list items standing first (a related-news list above the text) are
  ** no headline */
  const char *const items[] = {"\xe2\x80\xa2 ", "* ", "\xe2\x97\x8f ", NULL};
  for (const char *const *b = items; *b; b++) {
    char text[512];
    snprintf(
        text, sizeof text,
        "%sÔng Lê Văn Hào giữ chức Chủ tịch UBND huyện Tiên Yên\n"
        "%sBà Trần Thị Hoa được bầu làm Bí thư Huyện ủy Đầm Hà\n\n"
        "Dưới đây là danh sách lãnh đạo các huyện, cập nhật đến cuối tháng "
        "này.\n",
        *b, *b);
    doc *l = parse_str(text);
    CHECK(l->title == NULL);
    doc_free(l);
  }
  doc *d = parse_str(
      "Trang chủTin tứcThời sựKinh tế\n\nHà Nội 21 °C\n\n"
      "Sáng: 7h30 - 11h30 | Chiều: 13h30 - 17h00\n\nThời cuộc\n\n"
      "Tỉnh khởi công tuyến đường ven biển mới - Báo Miền Biển\n\n"
      "25-06-2021\n\n"
      "Sáng nay, tỉnh tổ chức lễ khởi công tuyến đường dài 12 km.\n");
  CHECK_STR(d->title, HEAD);
  CHECK_STR(kinds(d), "banner,banner,banner,banner,title,dateline,lead");
  doc_free(d);
  /* a campaign banner printed twice and a kicker over the headline */
  d = parse_str(
      "Đọc báo in\nTải ứng dụng\nMừng Đảng mừng Xuân 2024\n"
      "Mừng Đảng mừng Xuân 2024\nVùng ven biển của tỉnh:\n"
      "Khát vọng về hai đô thị tương lai\nThứ sáu: 15:00 ngày 09/02/2024\n\n"
      "(BMB) - Thành phố đang trình đề án nâng loại đô thị, phấn đấu đến năm "
      "2030 đạt tiêu chuẩn đô thị loại I.\n");
  CHECK_STR(d->title, "Khát vọng về hai đô thị tương lai");
  CHECK_STR(d->published, "2024-02-09T15:00:00+07:00");
  doc_free(d);
  /* the end of a banner and a tag in lower case over the headline, a
  ** section label between the headline and its date line */
  d = parse_str(
      "miền biển giàu đẹp\n\nđường ven biển\n\n"
      "Tỉnh khởi công tuyến đường ven biển mới\n\nTin nổi bật\n\n"
      "06:36:53 03/01/2022\n"
      "Sáng nay, tỉnh tổ chức lễ khởi công tuyến đường dài 12 km.\n");
  CHECK_STR(d->title, HEAD);
  CHECK_STR(d->published, "2022-01-03T06:36:53+07:00");
  CHECK_STR(kinds(d), "banner,banner,title,boilerplate,dateline,lead");
  doc_free(d);
  /* a lower-case brand opening the headline is no fragment */
  d = parse_str(
      "iPhone mới phát nổ trong khi đàm thoại\n"
      "Một chiếc điện thoại đột nhiên phát nổ khi chủ nhân đang "
      "dùng nó để gọi. Sự cố vừa xảy ra sáng nay.\n");
  CHECK_STR(d->title, "iPhone mới phát nổ trong khi đàm thoại");
  doc_free(d);
  /* a follow widget whose service went with its logo, a source tag whose
  ** lead was lost, an audio player's fallback text, a cut teaser: no
  ** headline among them */
  d = parse_str(
      "Theo dõi Báo Miền Biển trên\n(BMB) -\n"
      "Your browser does not support the audio element.\n"
      "Đảng bộ, chính quyền và Nhân dân tỉnh nguyện chung sức, đồng "
      "lòng, quyết tâm xây dựng tỉnh nhà phát triển nhanh và bền "
      "vững theo hướng công nghiệp hiện đại, xứng đáng là quê hương "
      "của những người con ưu tú, góp phần cùng cả nước...\n"
      "Sáng nay, tỉnh tổ chức lễ khởi công tuyến đường dài 12 km nối "
      "hai huyện ven biển, với tổng vốn hơn 900 tỷ đồng.\n");
  CHECK_STR(d->title, NULL);
  doc_free(d);
  /* "Powered by", a contact line; the site's domain cut from the title */
  d = parse_str(
      "Powered by Webtech\n\nĐiện thoại: 0203 999 888 | Email: a@b.vn\n\n"
      "Giữ rừng xanh cho thế hệ sau | baomienbien.vn\n\n"
      "Những năm qua, người dân trong xã đã trồng thêm hàng trăm héc-ta "
      "rừng.\n");
  CHECK_STR(d->title, "Giữ rừng xanh cho thế hệ sau");
  CHECK_STR(kinds(d), "banner,banner,title,lead");
  doc_free(d);
  /* only chrome and a sapo: no title */
  d = parse_str(
      "Asset Publisher\n\nTất cả chuyên mục\n\nlogo-tinh.png\n\n"
      "Sáng 23/7, toàn tỉnh mưa to suốt đêm. Nhiều cây xanh ven đường bật "
      "gốc, biển quảng cáo bay khắp nơi…\n");
  CHECK_STR(d->title, NULL);
  CHECK_STR(kinds(d), "banner,banner,banner,lead");
  doc_free(d);
  /* a subheading or a photo caption standing first is no headline */
  CHECK_TITLE(
      "1. Bối cảnh chọn đề tài:\n\nTrong hệ thống chính quyền "
      "các cấp, chính quyền cơ sở có vai trò quan trọng.\n",
      NULL);
  CHECK_TITLE(
      "Đồng chí Bí thư phát biểu tại hội nghị (Ảnh: Thu Hà)\n\n"
      "Sáng nay, hội nghị tổng kết năm đã diễn ra tại tỉnh.\n",
      NULL);
  CHECK_TITLE(
      "Chiến sự: xe tăng tiến vào thành phố (ảnh)\n\n"
      "Sáng nay, các đơn vị đã tiến vào thành phố.\n",
      "Chiến sự: xe tăng tiến vào thành phố (ảnh)");
  /* names and headlines that only look like chrome stay */
  CHECK_TITLE(
      "Facebook thử nghiệm ví điện tử tại Việt Nam\n\n"
      "Mạng xã hội này vừa công bố kế hoạch thử nghiệm ví điện tử.\n",
      "Facebook thử nghiệm ví điện tử tại Việt Nam");
  d = parse_str(
      "Tỉnh cấm ra đường từ 22h - 5h sáng để phòng dịch trên toàn địa bàn\n\n"
      "Lệnh cấm có hiệu lực từ ngày mai.\n");
  CHECK(d->title != NULL &&
        strncmp(d->title, "Tỉnh cấm", strlen("Tỉnh cấm")) == 0);
  doc_free(d);
  CHECK_TITLE(
      "iPhone và TikTok thu hút giới trẻ tỉnh\n\nĐoạn mở đầu của bài.\n",
      "iPhone và TikTok thu hút giới trẻ tỉnh");
  CHECK_TITLE("Căn nhà bỗng nhiên nóng 40°C\nNgười dân hoang mang.\n",
              "Căn nhà bỗng nhiên nóng 40°C");
  CHECK_TITLE(
      "Phần 2: Bất đồng cũ hay mới?\nNăm 2014, hai nước rút "
      "đại sứ.\n",
      "Phần 2: Bất đồng cũ hay mới?");
  CHECK_TITLE(
      "Trang chủ câu lạc bộ xác nhận mua tiền đạo mới\n"
      "Mới đây, câu lạc bộ thông báo đã đạt thỏa thuận.\n",
      "Trang chủ câu lạc bộ xác nhận mua tiền đạo mới");
  /* a number after the last dash is no site name ("2026." is no domain) */
  CHECK_TITLE(
      "Huyện chuẩn bị kỳ họp cuối nhiệm kỳ 2021 - 2026.\n\nHĐND huyện sẽ tổ "
      "chức kỳ họp chuyên đề vào giữa tháng, kết hợp tổng kết hoạt động của "
      "cả nhiệm kỳ.\n",
      "Huyện chuẩn bị kỳ họp cuối nhiệm kỳ 2021 - 2026.");
  /* a section label with a site name after it is no headline; a short
  ** headline with a site name over a sapo stays the headline */
  CHECK_TITLE(
      "Tin nhanh - Báo bạn\n\nTỉnh sẽ công bố danh sách trường chưa đạt "
      "chuẩn\n\nMinh Hà\n\nTheo kế hoạch, sở sẽ công bố danh sách vào "
      "cuối tháng để phụ huynh biết và theo dõi.\n",
      "Tỉnh sẽ công bố danh sách trường chưa đạt chuẩn");
  CHECK_TITLE(
      "Mưa lớn kéo dài - Báo Hòa Bình\n\nMưa lớn kéo dài nhiều ngày khiến "
      "nhiều tuyến đường bị sạt lở, giao thông bị chia cắt.\n\nLực lượng "
      "chức năng đang khắc phục hậu quả.\n",
      "Mưa lớn kéo dài");
  /* a short title over a non-headline line in the "sapo at the end"
  ** layout is no section name */
  CHECK_TITLE(
      "Chậm hồi âm\n\nUBND xã Yên Bình (huyện Hòa An)\n: Phiếu "
      "chuyển đơn của công dân về khoản đóng góp.\n\n\n\nBáo "
      "đã gửi nhiều đơn thư nhưng chưa nhận được hồi âm.",
      "Chậm hồi âm");
  /* a legal document: the number line is no headline, "LUẬT" joins */
  d = parse_str(
      "QUỐC HỘI\n\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do "
      "-Hạnh phúc\n\nSố: 41/2005/QH11\n\nHà Nội, ngày 14 tháng 6 năm "
      "2005\n\nLUẬT\n\nCỦA QUỐC HỘI VỀ KÝ KẾT ĐIỀU ƯỚC QUỐC TẾ SỐ "
      "41/2005/QH11\n\nCăn cứ vào Hiến pháp năm 1992.\n");
  CHECK_STR(d->title,
            "LUẬT CỦA QUỐC HỘI VỀ KÝ KẾT ĐIỀU ƯỚC QUỐC TẾ SỐ 41/2005/QH11");
  CHECK_STR(d->published, "2005-06-14");
  doc_free(d);
  /* the enacting body over the law's name, the session and its dates
  ** are no headline; a title naming the state stays one */
  d = parse_str(
      "QUỐC HỘI\n******\n\nCỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - "
      "Tự do - Hạnh phúc\n\nLuật số: 12/2007/QH12\n\nHà Nội, ngày 21 "
      "tháng 11 năm 2007\n\nQUỐC HỘI NƯỚC CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT "
      "NAM\n\nKhoá XII, Kỳ họp thứ 2\n(Từ ngày 22 tháng 10 đến ngày 21 "
      "tháng 11 năm 2007)\n\nLUẬT\n\nTHỦY SẢN VEN BIỂN\n\nCăn cứ vào "
      "Hiến pháp năm 1992.\n");
  CHECK_STR(d->title, "LUẬT THỦY SẢN VEN BIỂN");
  CHECK_STR(d->published, "2007-11-21");
  doc_free(d);
  CHECK_TITLE(
      "HIẾN PHÁP NƯỚC CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n\nLỜI NÓI "
      "ĐẦU\n\nTrải qua mấy nghìn năm lịch sử, Nhân dân Việt Nam lao "
      "động cần cù.\n",
      "HIẾN PHÁP NƯỚC CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM");
  CHECK_TITLE(
      "ĐIỀU CHỈNH LỊCH TIÊM VẮC XIN TẠI PHƯỜNG\n\n"
      "Trung tâm y tế thông báo lịch tiêm mới. Người dân lưu ý.\n",
      "ĐIỀU CHỈNH LỊCH TIÊM VẮC XIN TẠI PHƯỜNG");
  /* a sponsor's line over the headline, then a byline ending with the
  ** date */
  d = parse_str(
      "Công ty Phân lân nung chảy Văn Điển\n\nXây dựng nông dân "
      "phát triển toàn diện, văn minh\n\nBùi Ánh - 14:20 "
      "28/09/2023 GMT+7\nĐại hội đã đề ra bốn mục tiêu cho nhiệm kỳ "
      "mới. Đại hội có 304 đại biểu dự.\n");
  CHECK_STR(d->title, "Xây dựng nông dân phát triển toàn diện, văn minh");
  CHECK_STR(d->published, "2023-09-28T14:20:00+07:00");
  doc_free(d);
  /* keywords, "Chi tiết - <site>", a section name of two joined by a
  ** dash and an image left as a data URI over the headline */
  CHECK_TITLE(
      "Từ khóa: ứng phó với bão số 2\n\nCác địa phương chủ động "
      "ứng phó với bão số 2\n\nSáng nay, Ban Chỉ đạo tỉnh họp "
      "triển khai các phương án ứng phó với bão.\n",
      "Các địa phương chủ động ứng phó với bão số 2");
  CHECK_TITLE(
      "Chi tiết - Huyện Vĩnh Linh\n\nLãnh đạo huyện thăm Tết gia "
      "đình chính sách\n\nNhân dịp đón Xuân, lãnh đạo huyện đã tổ "
      "chức nhiều đoàn đi thăm, tặng quà các gia đình.\n",
      "Lãnh đạo huyện thăm Tết gia đình chính sách");
  CHECK_TITLE(
      "Chính trị - Xã hội\n\nThêm 2 huyện có Chủ tịch mới\n\nNguyễn "
      "Phan\nNgày 28-9, HĐND huyện đã tổ chức kỳ họp bất thường để "
      "kiện toàn các chức danh.\n",
      "Thêm 2 huyện có Chủ tịch mới");
  d = parse_str(
      "<image>data:image/png;base64,iVBORw0KGgoAAAANSUhEUg</image>\n"
      "Thêm 2 huyện có Chủ tịch mới\n\nNgày 28-9, HĐND huyện đã tổ "
      "chức kỳ họp bất thường để kiện toàn các chức danh.\n");
  CHECK_STR(d->title, "Thêm 2 huyện có Chủ tịch mới");
  doc_free(d);
  /* a tag over the one teaser of a tag page, which repeats it; a
  ** headline the sapo repeats stays the headline */
  CHECK_TITLE(
      "Kiểm điểm Phó Chủ tịch huyện\n\nChủ tịch tỉnh yêu cầu kiểm "
      "điểm Phó Chủ tịch huyện vì lơ là chống dịch\n\nQuách Du "
      "|\n\nTiến hành kiểm tra công tác phòng, chống dịch tại huyện, "
      "Chủ tịch tỉnh cho rằng việc chống dịch còn lơ là.\n",
      "Chủ tịch tỉnh yêu cầu kiểm điểm Phó Chủ tịch huyện vì lơ là "
      "chống dịch");
  CHECK_TITLE(
      "Món ăn cải thiện trí nhớ\nVới nguyên liệu dễ dàng mua được ở "
      "chợ, siêu thị, chúng ta có thể chế biến được những món ăn cải "
      "thiện trí nhớ, tốt cho trí não\nMón đầu tiên là cá hồi, giàu "
      "chất béo tốt cho não bộ.\n",
      "Món ăn cải thiện trí nhớ");
  /* a widget's word over today's date and the headline, a byline with
  ** the article's date under it; lines left with a dangling dash and a
  ** stamp run on with the lead (no headline); a line that opens a list
  ** ("… như sau:") is no headline */
  d = parse_str(
      "Analytic\nThứ Sáu, ngày 23 tháng 08 năm 2019, 09:25:27\n\nƯu "
      "tiên nguồn lực giải quyết những vấn đề cấp bách cho hộ nghèo\n\n"
      "Văn Hoa - 05:32, 24/11/2023\n\nSau 3 năm triển khai, chương trình "
      "đã góp phần thay đổi diện mạo vùng cao.\n");
  CHECK_STR(d->title,
            "Ưu tiên nguồn lực giải quyết những vấn đề cấp bách cho hộ nghèo");
  CHECK_STR(d->published, "2023-11-24T05:32:00+07:00");
  doc_free(d);
  d = parse_str(
      "Tin tức -\nLê Vũ -\n16:44, 24/06/2021 Ngày 24/6, HĐND thành phố "
      "đã tiến hành kỳ họp thứ nhất để bầu các chức danh chủ chốt của "
      "UBND thành phố. Kỳ họp diễn ra trong hai ngày.\n");
  CHECK(d->title == NULL);
  CHECK_STR(d->published, "2021-06-24T16:44:00+07:00");
  doc_free(d);
  d = parse_str(
      "(BTNO)- Trên số báo in ra hôm nay có một số thông tin đáng chú ý "
      "như sau:\n\n>> Họp mặt kỷ niệm 40 năm giải phóng huyện – Xem trang "
      "3\nNgày 14.3.2015, huyện tổ chức họp mặt kỷ niệm 40 năm giải "
      "phóng huyện.\n");
  CHECK(d->title == NULL);
  doc_free(d);
  /* a tag glued before the headline with a colon, its first word in
  ** lower case, is cut from the title (a brand stays: "iPad …"); a slug
  ** in lower-case ASCII is no headline */
  CHECK_TITLE(
      "ngân sách Nhà nước: Mỗi ngày Ngân sách Nhà nước thu hơn 3.600 tỷ "
      "đồng\n\nTheo báo cáo, số thu tăng mạnh so với cùng kỳ.\n",
      "Mỗi ngày Ngân sách Nhà nước thu hơn 3.600 tỷ đồng");
  CHECK_TITLE(
      "iPad thay thế laptop: Chỉ là chuyện sớm muộn\n\nTheo các chuyên "
      "gia, máy tính bảng ngày càng mạnh.\n",
      "iPad thay thế laptop: Chỉ là chuyện sớm muộn");
  d = parse_str(
      "thuc hien ngan sach nha nuoc nam 2021\n\nNăm 2021, thu ngân sách "
      "nhà nước đạt cao so với dự toán được giao. Chi ngân sách bảo đảm "
      "các nhiệm vụ chi trả nợ, chi đầu tư phát triển.\n");
  CHECK(d->title == NULL);
  doc_free(d);
  /* a section name of four words over a headline (of at most 20); a
  ** four-word headline over a sapo of 30 words without a period stays;
  ** a script's "null" before the headline goes */
  CHECK_TITLE(
      "Chính phủ hành động\nPhó Thủ tướng kiểm tra công tác khắc phục "
      "hậu quả mưa lũ tại Tuyên Quang\nPhó Thủ tướng chia sẻ với những "
      "mất mát mà nhân dân đang phải gánh chịu.\n",
      "Phó Thủ tướng kiểm tra công tác khắc phục hậu quả mưa lũ tại "
      "Tuyên Quang");
  CHECK_TITLE(
      "Doanh nghiệp kêu khó\nTheo các doanh nghiệp, căn hộ bán cho công "
      "nhân phải có giá thấp nhất là từ 150 triệu đồng trở lên và phải "
      "được hưởng nhiều chính sách ưu đãi\nSở Xây dựng vừa đề nghị "
      "doanh nghiệp thí điểm xây dựng căn hộ.\n",
      "Doanh nghiệp kêu khó");
  CHECK_TITLE(
      "Xuất bản thông tin\n\nnull Những vấn đề đặt ra đối với tổ chức bộ "
      "máy ban tuyên giáo\n\nSau Đại hội, đội ngũ cán bộ có sự biến động "
      "nhất định.\n",
      "Những vấn đề đặt ra đối với tổ chức bộ máy ban tuyên giáo");
  /* a section name in capitals over the headline */
  CHECK_TITLE(
      "ĐẠI HỘI ĐẢNG CÁC CẤP\nĐẩy mạnh phong trào thi đua chào mừng "
      "đại hội đảng bộ các cấp\nNgày 24-10, UBND tỉnh có văn bản "
      "về việc đẩy mạnh phong trào thi đua yêu nước.\n",
      "Đẩy mạnh phong trào thi đua chào mừng đại hội đảng bộ các cấp");
  /* a listing's teaser flattened to one line: headline, "bởi" and the
  ** author, the date, the lead; a "bởi" in running text is no byline */
  d = parse_str(
      "Sắp xếp, tinh gọn các hội quần chúng ở cấp tỉnh và xã bởi Minh "
      "An 21 Tháng 9, 2025 Ủy ban Trung ương hướng dẫn sắp xếp các hội "
      "do Đảng, Nhà nước giao nhiệm vụ.\n");
  CHECK_STR(d->title, "Sắp xếp, tinh gọn các hội quần chúng ở cấp tỉnh và xã");
  CHECK_STR(d->published, "2025-09-21");
  CHECK_STR(d->author, "Minh An");
  doc_free(d);
  d = parse_str(
      "Nhiều hộ dân bị xử phạt bởi Công an huyện 20/7/2025 vì vi phạm "
      "quy định về phòng cháy.\n");
  CHECK(d->published == NULL && d->author == NULL);
  doc_free(d);
  /* a section name printed twice (two widgets) and today's date over the
  ** article's date line and headline; a headline printed twice stays */
  d = parse_str(
      "Kinh tế nông thôn\nKinh tế nông thôn\nThứ tư, ngày 24 tháng 4 năm "
      "2024\nThứ ba, ngày 24 tháng 1 năm 2023 | 10:31\n\nSức xuân nông "
      "thôn mới trên vùng cao biên giới\n\nNăm qua, nhiều địa phương "
      "giành thắng lợi toàn diện trong xây dựng nông thôn mới.\n");
  CHECK_STR(d->title, "Sức xuân nông thôn mới trên vùng cao biên giới");
  CHECK_STR(d->published, "2023-01-24T10:31:00+07:00");
  doc_free(d);
  CHECK_TITLE(
      "Bão số 3 đổ bộ\n\nBão số 3 đổ bộ\n\nSáng 16/8, bão số 3 đổ bộ "
      "vào đất liền các tỉnh ven biển, gây mưa lớn trên diện rộng.\n",
      "Bão số 3 đổ bộ");
  /* reading widgets (text size, contrast) over the headline */
  CHECK_TITLE(
      "Xem với cỡ chữ\n\nThông báo lịch tiếp công dân của Chủ tịch "
      "UBND huyện\n\nChủ tịch UBND huyện thông báo lịch tiếp công "
      "dân như sau.\n",
      "Thông báo lịch tiếp công dân của Chủ tịch UBND huyện");
  CHECK_TITLE(
      "A- A A+ | Tăng tương phản Giảm tương phản\n\nThư chúc Tết "
      "của Chủ tịch UBND tỉnh\n\nNhân dịp năm mới, Chủ tịch UBND "
      "tỉnh gửi thư chúc Tết đến toàn thể cán bộ và nhân dân.\n",
      "Thư chúc Tết của Chủ tịch UBND tỉnh");
  /* with no headline, a caption ending in a credit without a colon and a
  ** lead opening with a time adverb are none; a headline opening so but
  ** ending no sentence stays one */
  d = parse_str(
      "Lãnh đạo tỉnh tiếp xúc cử tri tại huyện Tiên Yên. Ảnh VT\n"
      "Chiều 17/6, lãnh đạo tỉnh đã có buổi tiếp xúc cử tri tại "
      "huyện Tiên Yên. Cử tri đánh giá cao kết quả kỳ họp vừa qua "
      "và mong đại biểu phát huy hơn nữa vai trò của mình.\n");
  CHECK(d->title == NULL);
  doc_free(d);
  /* hard-wrapped text: its lines are joined (the page has the wrap 3
  ** times or more), so no fragment is a headline and a title cut by the
  ** wrap is read whole; a headline over one lead cut in the middle stays */
  const char *wrapped =
      "Đến dự và\nchỉ đạo Đại hội có các đồng\nchí: Trần Văn Sơn, Bí thư "
      "Tỉnh\nủy, Chủ tịch HĐND tỉnh; Lê Văn Nam, Chủ tịch UBND tỉnh,\n"
      "Trưởng Đoàn Đại biểu Quốc hội tỉnh dự và chỉ\nđạo đại hội.\n";
  d = pipeline_document("w.txt", wrapped, strlen(wrapped), 0);
  CHECK(d->title == NULL);
  CHECK(strstr(d->text, "Bí thư Tỉnh ủy, Chủ tịch") != NULL);
  CHECK(d->people.n == 2);
  if (d->people.n == 2) {
    CHECK(d->people.items[0].titles.n == 2);
    CHECK(d->people.items[1].titles.n == 2);
  }
  doc_free(d);
  CHECK_TITLE(
      "Cà Mau: Chồng dùng súng giết vợ cũ rồi tự sát\nông Tiêu Văn Lợi chạy "
      "xuồng máy sang nhà cha mẹ vợ rồi bất ngờ dùng súng bắn vợ cũ.\n",
      "Cà Mau: Chồng dùng súng giết vợ cũ rồi tự sát");
  /* a caption with a credit after a colon, or one placing people in
  ** the photo ("(thứ 2 từ trái sang)"), is no headline either */
  d = parse_str(
      "Đồng chí Trần Văn Sơn. Ảnh: TTXVN\n"
      "Chiều 17/6, Bộ Chính trị đã phân công đồng chí Trần Văn Sơn giữ "
      "chức Phó Bí thư Thành ủy. Đồng chí cảm ơn sự tin tưởng của Trung "
      "ương và hứa sẽ cùng tập thể hoàn thành nhiệm vụ được giao.\n");
  CHECK(d->title == NULL);
  doc_free(d);
  d = parse_str(
      "Bà Lê Thị Hoa (thứ 2 từ trái sang) chúc mừng tân Chủ tịch Hội\n"
      "Sáng 12/5, Hội Liên hiệp Phụ nữ tỉnh tổ chức Đại hội đại biểu lần "
      "thứ XVII, nhiệm kỳ 2021-2026, với sự tham dự của 250 đại biểu đại "
      "diện cho hơn 300 nghìn hội viên trong toàn tỉnh.\n");
  CHECK(d->title == NULL);
  doc_free(d);
  d = parse_str(
      "Tuần qua, trong hai ngày, Bộ Chỉ huy quân sự tỉnh tổ chức "
      "diễn tập chỉ huy tham mưu trên bản đồ.\nCuộc diễn tập được "
      "chia thành 3 giai đoạn và 6 nội dung, nhằm huấn luyện cho "
      "khung tập biết nhận định, đánh giá tình hình và rèn luyện "
      "tác phong của người chỉ huy.\n");
  CHECK(d->title == NULL);
  doc_free(d);
  CHECK_TITLE(
      "Hôm nay, TP. HCM công bố điểm chuẩn vào trường công lập\nTheo Sở GD-ĐT "
      "TP. "
      "HCM, hôm nay Sở sẽ công bố điểm chuẩn vào lớp 10 công lập "
      "của năm học mới.\n",
      "Hôm nay, TP. HCM công bố điểm chuẩn vào trường công lập");
}

/* ---- 5. the per-folder context ---- */

static void test_context(void) {
  const char *sib[] = {
      "Chào mừng Đại hội Đảng bộ tỉnh lần thứ XVI\n\nBài một\n\nThân một.\n",
      "Chào mừng Đại hội Đảng bộ tỉnh lần thứ XVI\n\nBài hai\n\nThân hai.\n",
      "Chào mừng Đại hội Đảng bộ tỉnh lần thứ XVI\n\nBài ba\n\nThân ba.\n"};
  parse_ctx *c = parse_ctx_new(3);
  for (int i = 0; i < 3; i++) parse_ctx_add(c, sib[i], strlen(sib[i]));
  CHECK(
      parse_ctx_repeated(c, "Chào mừng Đại hội Đảng bộ tỉnh lần thứ XVI",
                         strlen("Chào mừng Đại hội Đảng bộ tỉnh lần thứ XVI")));
  CHECK(!parse_ctx_repeated(c, "Bài một", 9));
  CHECK(!parse_ctx_repeated(NULL, "Bài một", 9));
  const char *page =
      "Chào mừng Đại hội Đảng bộ tỉnh lần thứ XVI\n\n"
      "Tỉnh khởi công tuyến đường ven biển mới\n\n"
      "Sáng nay, tỉnh tổ chức lễ khởi công tuyến đường dài 12 km.\n\n"
      "Chào mừng Đại hội Đảng bộ tỉnh lần thứ XVI\n\nĐoạn cuối của bài.\n";
  doc *d = parse_document_ctx("p.txt", page, strlen(page), PARSE_NO_FACTS, c);
  CHECK(lossless(d));
  CHECK_STR(d->title, HEAD);
  CHECK_STR(kinds(d), "banner,title,lead,boilerplate,paragraph");
  doc_free(d);
  d = parse_document("p.txt", page, strlen(page), PARSE_NO_FACTS);
  CHECK_STR(d->title, "Chào mừng Đại hội Đảng bộ tỉnh lần thứ XVI");
  doc_free(d);
  /* two files are not enough for min_files 3 */
  parse_ctx *c2 = parse_ctx_new(3);
  for (int i = 0; i < 2; i++) parse_ctx_add(c2, sib[i], strlen(sib[i]));
  CHECK(!parse_ctx_repeated(
      c2, "Chào mừng Đại hội Đảng bộ tỉnh lần thứ XVI",
      strlen("Chào mừng Đại hội Đảng bộ tỉnh lần thứ XVI")));
  parse_ctx_free(c2);
  parse_ctx_free(c);
}

/* ---- 6. metadata headers ---- */

static void test_meta(void) {
  doc *d = parse_str(
      "# doc_id = 4711\n# date = 2020-05-20\n"
      "# title = Tỉnh khởi công tuyến đường ven biển mới\n"
      "# url = https://www.baomienbien.vn/kinh-te/a-1.html\n"
      "Tỉnh khởi công tuyến đường ven biển mới\n"
      "Sáng nay, tỉnh tổ chức lễ khởi công tuyến đường dài 12 km.\n");
  CHECK_STR(d->title, HEAD);
  CHECK_STR(d->published, "2020-05-20");
  CHECK_STR(d->site, "baomienbien.vn");
  CHECK_STR(kinds(d),
            "boilerplate,boilerplate,boilerplate,boilerplate,title,lead");
  doc_free(d);
  /* a header title and a body without headline: the body is body */
  d = parse_str(
      "# title = Một tiêu đề chỉ có trong phần đầu\n# date = 05/06/2021 "
      "08:30\n# author = Minh Hà\n# source = Báo Miền Biển\n"
      "Sáng nay, tỉnh tổ chức lễ khởi công tuyến đường dài 12 km.\n");
  CHECK_STR(d->title, "Một tiêu đề chỉ có trong phần đầu");
  CHECK_STR(d->published, "2021-06-05T08:30:00+07:00");
  CHECK_STR(d->author, "Minh Hà");
  CHECK_STR(d->site, "Báo Miền Biển");
  CHECK_STR(kinds(d), "boilerplate,boilerplate,boilerplate,boilerplate,lead");
  doc_free(d);
  /* the source link alone on the last line names the site; a link in
  ** the middle of the text does not */
  d = parse_str(
      "Tỉnh khởi công tuyến đường ven biển mới\n\nSáng nay, tỉnh "
      "tổ chức lễ khởi công tuyến đường dài 12 km.\n\n"
      "https://www.baomienbien.vn/kinh-te/a-1.html\n");
  CHECK_STR(d->site, "baomienbien.vn");
  doc_free(d);
  d = parse_str(
      "Tỉnh khởi công tuyến đường ven biển mới\n\nSáng nay, tỉnh "
      "tổ chức lễ khởi công.\n\nhttps://example.org/x\n\nĐường "
      "dài 12 km, rộng 30 m.\n");
  CHECK(d->site == NULL);
  doc_free(d);
  /* YAML front matter, its lines never joined as a wrapped paragraph */
  d = parse_str(
      "---\ntitle: \"Tiêu đề trong phần đầu YAML của tệp\"\n"
      "date: 2021-03-04 10:30\nauthor: Thu Trang\n---\n\n"
      "Đoạn đầu của bài viết kể chuyện dài hơn tiêu đề nhiều lắm.\n");
  CHECK_STR(d->title, "Tiêu đề trong phần đầu YAML của tệp");
  CHECK_STR(d->published, "2021-03-04T10:30:00+07:00");
  CHECK_STR(d->author, "Thu Trang");
  CHECK_STR(kinds(d),
            "boilerplate,boilerplate,boilerplate,boilerplate,boilerplate,"
            "lead");
  doc_free(d);
  /* a key with a space ("# newdoc id = …") belongs to the header */
  d = parse_str(
      "# newdoc id = vn-17\n# date = 2020-05-20T08:52:44\n"
      "Tỉnh khởi công tuyến đường ven biển mới\n"
      "Sáng nay, tỉnh tổ chức lễ khởi công tuyến đường dài 12 km.\n");
  CHECK_STR(d->title, HEAD);
  CHECK_STR(d->published, "2020-05-20T08:52:44+07:00");
  CHECK_STR(kinds(d), "boilerplate,boilerplate,title,lead");
  doc_free(d);
  /* an unclosed fence or a Markdown heading is no header */
  d = parse_str("---\ntitle: x\n\nBài không có phần đầu.\n");
  CHECK(d->blocks.n > 0 && d->blocks.items[0].kind != BK_BOILERPLATE);
  doc_free(d);
  CHECK_TITLE("# Tiêu đề Markdown\n\nĐoạn mở đầu.\n", "# Tiêu đề Markdown");
  CHECK_TITLE("# Chapter 1: Intro\n\nĐoạn mở đầu.\n", "# Chapter 1: Intro");
  /* an HTML page's head saved as text: og:title before <title>, the
  ** publication time, the canonical link's host; a keyword list ('|')
  ** names no author */
  d = parse_str(
      "<!DOCTYPE html>\n"
      "    <html lang=\"vi\">\n<head>\n"
      "<title>Tỉnh khởi công tuyến đường - Báo Miền Biển</title>\n"
      "<meta name=\"author\" content=\"Mua bán | Tin tức | Rao vặt\">\n"
      "<meta property=\"og:title\" content=\"" HEAD_TEXT
      "\">\n"
      "<meta property=\"article:published_time\" "
      "content=\"2021-03-04T10:30:00+07:00\">\n"
      "<link rel=\"canonical\" href=\"https://baomienbien.vn/a-1.html\">\n"
      "Sáng nay, tỉnh tổ chức lễ khởi công tuyến đường dài 12 km.\n");
  CHECK_STR(d->title, HEAD);
  CHECK_STR(d->published, "2021-03-04T10:30:00+07:00");
  CHECK(d->author == NULL);
  CHECK_STR(d->site, "baomienbien.vn");
  CHECK(d->blocks.n == 9 && d->blocks.items[8].kind == BK_LEAD);
  doc_free(d);
  /* a minified page: the whole head on one line */
  d = parse_str(
      "<!DOCTYPE html><html><head><meta property=\"og:title\" "
      "content=\"" HEAD_TEXT
      "\"><meta property=\"article:"
      "published_time\" content=\"2021-03-04T10:30:00+07:00\">"
      "<title>Báo Miền Biển</title></head><body>x</body></html>\n"
      "Sáng nay, tỉnh tổ chức lễ khởi công tuyến đường dài 12 km.\n");
  CHECK_STR(d->title, HEAD);
  CHECK_STR(d->published, "2021-03-04T10:30:00+07:00");
  doc_free(d);
  /* <title> alone, its site's name cut */
  d = parse_str("<html>\n<title>" HEAD_TEXT
                " - Báo Miền Biển</title>\n"
                "</head>\nSáng nay, tỉnh tổ chức lễ khởi công.\n");
  CHECK_STR(d->title, HEAD);
  doc_free(d);
  /* "Ngày đăng: 03/02/2020" glued to the body */
  d = parse_str(HEAD_TEXT
                "\n"
                "Ngày đăng: 03/02/2020Sáng nay, tỉnh tổ chức lễ khởi công "
                "tuyến đường dài 12 km.\n");
  CHECK_STR(d->published, "2020-02-03");
  CHECK_STR(kinds(d), "title,dateline,lead");
  doc_free(d);
}

/* ---- 7. zones ---- */

/* Header shapes of held-out set 12, each in a text of our own: a kicker
** in capitals ending with a colon over the headline, a badge written
** without accents over it, a date line glued after a counter, a date
** widget with the month as a word. */
static void test_header_shapes_12(void) {
  char t[1024];
  snprintf(t, sizeof t,
           "VỤ TRANH CHẤP ĐẤT ĐAI Ở XÃ VEN BIỂN KÉO DÀI NHIỀU NĂM:\n\n%s\n\n"
           "Ông Lê Văn An (thứ hai, phải sang) trao đổi với người dân.\n%s\n",
           HEAD, BODY);
  CHECK_TITLE(t, HEAD);
  snprintf(t, sizeof t, "Tìm kiếm\n\nChung nhan Tin Nhiem Mang\n\n%s\n\n%s\n",
           HEAD, BODY);
  CHECK_TITLE(t, HEAD);
  snprintf(t, sizeof t, "%s\nTrue 2043Ngày cập nhật 17/10/2020\n\n%s\n", HEAD,
           BODY);
  doc *d = parse_str(t);
  CHECK_STR(d->title, HEAD);
  CHECK_STR(d->published, "2020-10-17");
  doc_free(d);
  snprintf(t, sizeof t, "Thứ Bảy, 20 Tháng Tám, 2022\n\n%s\n\n%s\n", HEAD,
           BODY);
  CHECK_TITLE(t, HEAD);
  /* a lead of more than 25 words printed twice is no headline */
  const char *twice =
      "Nhân kỷ niệm 60 năm ngày thành lập ngành (10-3-1964 - 10-3-2024), "
      "sáng 9-3, tại Nhà văn hóa tỉnh, Sở Văn hóa và Thể thao tổ chức hội "
      "thao ngành lần thứ tư.";
  snprintf(t, sizeof t, "%s\n%s\n%s\n", twice, twice, BODY);
  CHECK_TITLE(t, NULL);
  /* author, date and views as bullets under the headline, then a tag:
  ** the bullets are no menu, the headline stays */
  snprintf(t, sizeof t,
           "%s\n\n  • Trần Văn Bình\n  • 09-05-2019\n  • 792 lượt đọc\nKhởi "
           "công\n\n%s\n",
           HEAD, BODY);
  d = parse_str(t);
  CHECK_STR(d->title, HEAD);
  CHECK_STR(d->published, "2019-05-09");
  doc_free(d);
  /* a caption placing people in the photo is no headline ("(thứ hai,
  ** phải sang)", "(bên trái)") */
  snprintf(t, sizeof t,
           "Chủ tịch UBND tỉnh Lê Văn An (thứ hai, phải sang) trao số tiền "
           "300 triệu đồng hỗ trợ tỉnh bạn\n\n%s\n",
           BODY);
  CHECK_TITLE(t, NULL);
  /* a page that bullets its header: "• headline" / "• date time" /
  ** "• lead" (held-out set 13) */
  snprintf(t, sizeof t,
           "HOTLINE: 0900 000 000 | ĐẶT LÀM TRANG CHỦ\n  • %s\n"
           "  • 22/05/2018 17:26\n  • %s\n",
           HEAD, BODY);
  d = parse_str(t);
  CHECK_STR(d->title, HEAD);
  CHECK_STR(d->published, "2018-05-22T17:26:00+07:00");
  doc_free(d);
  /* an unaccented page keeps its unaccented headline */
  CHECK_TITLE(
      "Tinh khoi cong tuyen duong ven bien moi\n\nSang nay, tinh to "
      "chuc le khoi cong tuyen duong dai 12 km.\n",
      "Tinh khoi cong tuyen duong ven bien moi");
}

/* Header shapes met on held-out portal pages (set 8), each a fixture of
** our own in that layout. */
static void test_header_shapes(void) {
  const char *lead =
      "Sáng nay, tỉnh tổ chức lễ khởi công tuyến đường dài "
      "12 km qua ba huyện ven biển.\n";
  char t[1024];
  /* a day widget ("02") and a date line whose date came out empty */
  snprintf(t, sizeof t, "02\n\n%s\n%s", HEAD, lead);
  CHECK_TITLE(t, HEAD);
  snprintf(t, sizeof t, "Cập nhật:  GMT+7\n\n%s\n\n%s", HEAD, lead);
  CHECK_TITLE(t, HEAD);
  /* a page that is only a tag or a cut line in lower case: no headline */
  CHECK_TITLE("thực hiện Nghị quyết số 20/NQ-HĐND ngày 23/9/2021 của HĐND T\n",
              NULL);
  /* a lead with its date, cut short before its full stop: no headline;
  ** but "Sáng nay 19-8: …", "Ngày làm việc thứ 2, …" and a short "Ngày
  ** 10/3, khai mạc …" are headlines */
  snprintf(t, sizeof t, "Ngày 10/3, khai mạc Lễ hội cà phê lần thứ 6\n\n%s",
           lead);
  CHECK_TITLE(t, "Ngày 10/3, khai mạc Lễ hội cà phê lần thứ 6");
  CHECK_TITLE(
      "Chiều 14-4, ông Nguyễn Văn An - chủ tịch UBND thị trấn Hải Bình "
      "(huyện Tĩnh Gia) - cho biết địa phương vẫn\n",
      NULL);
  snprintf(t, sizeof t, "Sáng nay 19-8: Khởi công 250 dự án\n\n%s", lead);
  CHECK_TITLE(t, "Sáng nay 19-8: Khởi công 250 dự án");
  snprintf(t, sizeof t,
           "Ngày làm việc thứ 2, kỳ họp thứ 26 HĐND tỉnh: Chất vấn\n\n%s",
           lead);
  CHECK_TITLE(t, "Ngày làm việc thứ 2, kỳ họp thứ 26 HĐND tỉnh: Chất vấn");
  /* a section name over the date line and the text, no headline */
  snprintf(t, sizeof t, "Thời sự\n10:45 | 25/08/2017\n%s", lead);
  CHECK_TITLE(t, NULL);
  /* a teaser's headline behind a bullet; a bulleted list has none */
  snprintf(t, sizeof t, "• %s\n\n%s\n13:15 | 01-11-2022 | Xã hội\n", HEAD,
           lead);
  CHECK_TITLE(t, HEAD);
  CHECK_TITLE(
      "• Tỉnh duyệt quy hoạch vùng ven biển\n"
      "• Tỉnh khởi công tuyến đường ven biển mới\n"
      "• Hội nghị tổng kết công tác năm 2024\n",
      NULL);
  /* the site's name with its tagline after the headline */
  snprintf(t, sizeof t,
           "%s – Báo Lạng Sơn: Tin tức mới nhất về chính trị, kinh tế, xã "
           "hội, văn hóa\n\n%s",
           HEAD, lead);
  CHECK_TITLE(t, HEAD);
  /* a template's placeholder over the headline */
  snprintf(t, sizeof t, "Insert title here\n%s\n\n%s", HEAD, lead);
  CHECK_TITLE(t, HEAD);
  /* a skip link over the headline */
  snprintf(t, sizeof t, "Truy cập nội dung luôn\n\n%s\n\n%s", HEAD, lead);
  CHECK_TITLE(t, HEAD);
  /* a breadcrumb's segments, each on its own line after a "/ " */
  snprintf(t, sizeof t, "/ Thời sự - Chính trị\n/ %s\n\n%s\n\n%s", HEAD, HEAD,
           lead);
  CHECK_TITLE(t, HEAD);
  /* a source credit is no headline ("Theo Quang Duẩn (TNO)") */
  snprintf(t, sizeof t, "Theo Minh Hải (TTXVN)\n\n%s", lead);
  CHECK_TITLE(t, NULL);
  /* a caption closed by its video credit over the headline */
  snprintf(t, sizeof t,
           "Người dân đi trên tuyến đường mới thông xe. Video: Minh Hải\n\n"
           "%s\n\n%s",
           HEAD, lead);
  CHECK_TITLE(t, HEAD);
  /* a long sentence with its full stop, first on a page that has no
  ** headline: a lead or a caption, not a title */
  snprintf(t, sizeof t,
           "Đồng chí Nguyễn Văn An, Phó Chủ tịch UBND tỉnh, đồng chí Trần "
           "Văn Bình, Giám đốc Sở Giao thông vận tải, cùng lãnh đạo các "
           "huyện ven biển đến dự lễ khởi công.\n\n%s%s",
           lead, lead);
  CHECK_TITLE(t, NULL);
  /* a weather widget of several cities; an author's line with a degree
  ** over a magazine article that has no headline line */
  snprintf(t, sizeof t,
           "Hà Nội: 9°C Hà Nội\nTP Hồ Chí Minh: 21°C TP Hồ Chí Minh\n\n%s"
           "\n\n%s",
           HEAD, lead);
  CHECK_TITLE(t, HEAD);
  snprintf(t, sizeof t, "ThS. Lò Thu Hà\n\nNgân hàng Chính sách xã hội\n\n%s",
           lead);
  CHECK_TITLE(t, NULL);
  /* a tag page's header, a template's unfilled field */
  snprintf(t, sizeof t, "Thẻ: bảo hiểm xã hội\n\n%s\n\n%s", HEAD, lead);
  CHECK_TITLE(t, HEAD);
  snprintf(t, sizeof t, "TIN TỨC VỀ cắt điện - cat dien\n\n%s\n\n%s", HEAD,
           lead);
  CHECK_TITLE(t, HEAD);
  snprintf(t, sizeof t, "{title}\n\n%s\n\n%s", HEAD, lead);
  CHECK_TITLE(t, HEAD);
  /* a teaser's headline run on with its lead, no space between; not a
  ** lead's own glue ("Ủy viênThường vụ") */
  CHECK_TITLE(HEAD_TEXT
              "Sáng nay, tỉnh tổ chức lễ khởi công tuyến đường "
              "dài 12 km qua ba huyện.\n",
              HEAD);
  CHECK_TITLE(
      "(BTN) Sáng 10-1, đoàn do bà Nguyễn Thị An, Ủy viênThường vụ "
      "Tỉnh ủy làm trưởng đoàn đã đến thăm năm gia đình chính sách.\n",
      NULL);
}

/* Held-out set 11's date and title shapes, each in a text of our own:
** a section before its date line with " - " or three names and " | ",
** an author's workplace between the author and the date line, a date
** closing the headline (in brackets, or after " | " with a programme's
** name), a section glued to a headline ending in a digit. */
static void test_title_dates(void) {
  const char *lead =
      "Sáng nay, tỉnh tổ chức lễ khởi công tuyến đường dài "
      "12 km qua ba huyện ven biển.\n";
  char t[1024];
  doc *d;
  snprintf(t, sizeof t, "%s\n\nThời sự - 20/11/2021 17:10\n\n%s", HEAD, lead);
  d = parse_str(t);
  CHECK_STR(d->published, "2021-11-20T17:10:00+07:00");
  doc_free(d);
  snprintf(t, sizeof t,
           "%s\n\nGiáo dục, Giáo dục, Dạy nghề | 08:00:00 20/09/2020\n\n%s",
           HEAD, lead);
  d = parse_str(t);
  CHECK_STR(d->published, "2020-09-20T08:00:00+07:00");
  doc_free(d);
  snprintf(t, sizeof t,
           "%s\n\nLê Văn Công\nTrường Đại học Chính trị, Bộ Quốc phòng\n"
           "22:50, ngày 06-03-2022\n\n%s",
           HEAD, lead);
  d = parse_str(t);
  CHECK_STR(d->title, HEAD);
  CHECK_STR(d->published, "2022-03-06T22:50:00+07:00");
  doc_free(d);
  snprintf(t, sizeof t, "%s (11/1/2023)\n\n%s", HEAD, lead);
  d = parse_str(t);
  CHECK_STR(d->title, HEAD);
  CHECK_STR(d->published, "2023-01-11");
  doc_free(d);
  snprintf(t, sizeof t, "%s | Vì chất lượng dân số | 27/07/2023\n\n%s", HEAD,
           lead);
  d = parse_str(t);
  CHECK_STR(d->title, HEAD);
  CHECK_STR(d->published, "2023-07-27");
  doc_free(d);
  /* a date line under it wins over the headline's own date */
  snprintf(t, sizeof t, "%s (11/1/2023)\n\nCập nhật: 12/01/2023 08:15\n\n%s",
           HEAD, lead);
  d = parse_str(t);
  CHECK_STR(d->published, "2023-01-12T08:15:00+07:00");
  doc_free(d);
  /* a year in brackets is no date: the title keeps it */
  CHECK_TITLE(
      "Kỷ niệm ngày thành lập tỉnh (1963)\n\nSáng nay, tỉnh tổ chức "
      "lễ kỷ niệm.\n",
      "Kỷ niệm ngày thành lập tỉnh (1963)");
  d = parse_str(
      "Ông Trần Văn Bình làm Bí thư Tỉnh ủy nhiệm kỳ 2020-2025Sự "
      "kiện - 28/10 10:35Bộ Chính trị điều động, chỉ định ông "
      "Trần Văn Bình giữ chức Bí thư Tỉnh ủy.\n");
  CHECK_STR(d->title,
            "Ông Trần Văn Bình làm Bí thư Tỉnh ủy nhiệm kỳ 2020-2025");
  doc_free(d);
}

/* A site's name, a column and a section stacked over the headline and
** its byline with the date ("Hoài Dương - 11:09, 26/11/2019"): the line
** right above the date is the headline; a null CMS stamp under the
** headline is not the lead. */
static void test_chrome_stack(void) {
  doc *d = parse_str(
      "Analytic\n"
      "Báo Dân tộc và Phát triển\n"
      "Chuyên trang\n\n"
      "Dân tộc - Tôn giáo với sự phát triển của đất nước\n\n"
      "Thời sự\n\n"
      "Tỉnh khởi công tuyến đường ven biển mới\n\n"
      "Hoài Dương - 11:09, 26/11/2019\n\n"
      "Sáng nay, tỉnh tổ chức lễ khởi công tuyến đường dài 12 km qua ba "
      "huyện ven biển.\n");
  CHECK_STR(d->title, "Tỉnh khởi công tuyến đường ven biển mới");
  CHECK_STR(d->published, "2019-11-26T11:09:00+07:00");
  doc_free(d);
  /* a headline of its own under a short line, no date: the short line
  ** stays the title (no date line to anchor a lower one) */
  d = parse_str(
      "Tỉnh khởi công tuyến đường\n\n"
      "Thời sự\n\n"
      "Sáng nay, tỉnh tổ chức lễ khởi công tuyến đường dài 12 km "
      "qua ba huyện ven biển.\n");
  CHECK_STR(d->title, "Tỉnh khởi công tuyến đường");
  doc_free(d);
  d = parse_str(
      "Tỉnh khởi công tuyến đường ven biển mới\n\n"
      "01/01/0001 00:00 |\n\n"
      "(BTN) - Sáng nay, tỉnh tổ chức lễ khởi công tuyến đường dài "
      "12 km qua ba huyện ven biển.\n");
  CHECK(d->lead && strncmp(d->lead, "(BTN)", 5) == 0);
  doc_free(d);
}

static void test_zones(void) {
  /* an empty related header does not swallow the body */
  doc *d = parse_str(
      "Tỉnh khởi công tuyến đường ven biển mới\n\n"
      "Sáng nay, tỉnh tổ chức lễ khởi công tuyến đường dài 12 km.\n\n"
      "Tin liên quan\n\n"
      "Tuyến đường có bốn làn xe, dự kiến hoàn thành trong hai năm. Nhà "
      "thầu cam kết bảo đảm chất lượng và an toàn lao động.\n\n"
      "Đoạn cuối nói về lợi ích của tuyến đường với du lịch.\n");
  CHECK_STR(kinds(d), "title,lead,boilerplate,paragraph,paragraph");
  doc_free(d);
  /* a "Xem thêm: …" link amid the text */
  d = parse_str(
      "Tỉnh khởi công tuyến đường ven biển mới\n\nĐoạn mở đầu của bài.\n\n"
      "Xem thêm: Tỉnh duyệt quy hoạch vùng ven biển\n\n"
      "Tuyến đường có bốn làn xe, dự kiến hoàn thành trong hai năm. Nhà "
      "thầu cam kết bảo đảm chất lượng.\n");
  CHECK_STR(kinds(d), "title,lead,related,paragraph");
  doc_free(d);
  /* share widgets are chrome, not the end of the article */
  d = parse_str(
      "Tỉnh khởi công tuyến đường ven biển mới\n\nĐoạn mở đầu của bài.\n\n"
      "Chia sẻ Zalo\n\nIn bài Gửi email\n\n"
      "Tuyến đường có bốn làn xe, dự kiến hoàn thành trong 2 năm.\n\n"
      "Minh Hà\n\nChia sẻ Facebook\n\nTin cùng chuyên mục\n\n"
      "Tỉnh duyệt quy hoạch vùng ven biển\n\nHuyện đảo đón khách trở lại\n");
  CHECK_STR(kinds(d),
            "title,lead,boilerplate,boilerplate,paragraph,byline,"
            "boilerplate,related,related,related");
  CHECK_STR(d->author, "Minh Hà");
  doc_free(d);
  /* a follow widget between the date line and the sapo ("Theo dõi <the
  ** paper> trên / Google News", two lines) is chrome, not the lead; a
  ** headline that starts with "Theo dõi" stays one */
  d = parse_str(
      "Tỉnh khởi công tuyến đường ven biển mới\n"
      "Thứ hai: 08:30 ngày 04/03/2024\n\n"
      "Theo dõi Báo Miền Biển trên\ngoogle news\n"
      "(BMB) - Sáng nay, tỉnh tổ chức lễ khởi công tuyến đường dài 12 km.\n\n"
      "Tuyến đường có bốn làn xe, dự kiến hoàn thành trong hai năm.\n\n"
      "Follow us on Facebook\n");
  CHECK_STR(kinds(d), "title,dateline,boilerplate,lead,paragraph,boilerplate");
  CHECK(d->lead && strncmp(d->lead, "(BMB)", 5) == 0);
  doc_free(d);
  d = parse_str(
      "Theo dõi sát diễn biến bão số 3 trên biển Đông\n\n"
      "Sáng nay, Ban chỉ huy phòng chống thiên tai tỉnh họp khẩn.\n");
  CHECK_STR(d->title, "Theo dõi sát diễn biến bão số 3 trên biển Đông");
  doc_free(d);
}

/* ---- 9. people on unseen pages ---- */

/* Foreign names after a title in sentences with no Vietnamese surname
** nor a gazetteer country (the title head and honorific trigger), after
** a one-syllable country ("Nga", "Anh": also an honorific), with a middle
** initial, after "Ngài"; titles with "Cộng hòa xã hội chủ nghĩa". */
/* Titles of held-out set 12's misses, each in a text of our own: an
** abbreviation in brackets inside a title (not before the name, not at
** its end), a unit in brackets, "kiêm", a hyphen glued inside a place
** name (not in a foreign name), "Phó" before a longer title, "nhà
** trường", "Luật sư" and "Mẹ Việt Nam Anh hùng" as titles, a two-syllable
** Jrai surname and a given name with its glued prefix ("H’Lan"), a ward
** named after a person. */
static void test_people_titles_12(void) {
  const char *s =
      "Hội nghị tổng kết công tác năm\n\n"
      "Ông Lê Văn Tâm - Chủ tịch Liên đoàn lao động (LĐLĐ) tỉnh Nam Định cho "
      "biết. Thống đốc Ngân hàng Nhà nước (NHNN) Trần Văn Hòa dự. Ông Đặng "
      "Quốc Bảo, Tổng Giám đốc Đài Truyền hình Việt Nam (VTV) cho biết. Theo "
      "bà Phạm Thị Hoa, Chánh án TAND huyện Phước Long (tỉnh Bạc Liêu), "
      "phiên tòa công khai. Trung tá Đỗ Văn Quang, Phó Chỉ huy trưởng kiêm "
      "Tham mưu trưởng BĐBP tỉnh Kiên Giang phát biểu. Ông Vũ Văn Hải, Cục "
      "trưởng Cục Thuế tỉnh Bà Rịa-Vũng Tàu cho biết. Bộ trưởng Quốc phòng "
      "Jean-Luc Morel, nguyên Thủ tướng Paul Girard đã đến. Có thầy Hoàng "
      "Văn Nam – Phó bí thư chi bộ, Phó hiệu trưởng nhà trường dự. Theo "
      "Luật sư Đặng Văn Phú, phiên tòa đúng luật. Đoàn thăm mẹ Việt Nam Anh "
      "hùng Lê Thị Mơ. Bà Rơ Chăm H’Lan-Chủ tịch Hội LHPN tỉnh phát biểu. "
      "Bà Siu H’Blơi, sinh năm 1960 bị thương. Bà Lưu Thị Hà, Chủ tịch "
      "phường Nguyễn Thái Bình, quận 1 chia sẻ. Theo Chủ tịch UBND TP "
      "Nguyễn Thành Long, TP phải kiên quyết. Phó Trưởng Ban Tôn giáo - Dân "
      "tộc tỉnh Vũ Văn Thế phát biểu.\n";
  doc *d = parse_document("t.txt", s, strlen(s), PARSE_NO_FACTS);
  CHECK(extract_facts(d) == 0);
  check_person(d, "Lê Văn Tâm",
               "Chủ tịch Liên đoàn lao động (LĐLĐ) tỉnh Nam Định");
  check_person(d, "Trần Văn Hòa", "Thống đốc Ngân hàng Nhà nước");
  check_person(d, "Đặng Quốc Bảo", "Tổng Giám đốc Đài Truyền hình Việt Nam");
  check_person(d, "Phạm Thị Hoa",
               "Chánh án TAND huyện Phước Long (tỉnh Bạc Liêu)");
  check_person(d, "Đỗ Văn Quang",
               "Trung tá; Phó Chỉ huy trưởng kiêm Tham mưu trưởng BĐBP tỉnh "
               "Kiên Giang");
  check_person(d, "Vũ Văn Hải", "Cục trưởng Cục Thuế tỉnh Bà Rịa-Vũng Tàu");
  check_person(d, "Paul Girard", "nguyên Thủ tướng");
  check_person(d, "Hoàng Văn Nam",
               "Phó bí thư chi bộ; Phó hiệu trưởng nhà trường");
  check_person(d, "Đặng Văn Phú", "Luật sư");
  check_person(d, "Lê Thị Mơ", "mẹ Việt Nam Anh hùng");
  check_person(d, "Rơ Chăm H’Lan", "Chủ tịch Hội LHPN tỉnh");
  check_person(d, "Siu H’Blơi", "");
  CHECK(person(d, "Nguyễn Thái Bình") == NULL); /* a ward, then its quận */
  check_person(d, "Nguyễn Thành Long", "Chủ tịch UBND TP");
  check_person(d, "Vũ Văn Thế", "Phó Trưởng Ban Tôn giáo - Dân tộc tỉnh");
  doc_free(d);
}

static void test_people_foreign(void) {
  const char *s =
      "Hội nghị thường niên khép lại\n\n"
      "Ngoại trưởng Anh Peter Hollis cho biết. Bộ trưởng Quốc phòng Nga "
      "Igor Petrov nói thêm. Tổng thống George W. Harmon đến muộn. Kính "
      "thưa Tổng thư ký LHQ Ngài Marco Bellini! Thủ tướng Nhật Kenji Tanaka "
      "phát biểu. Thủ tướng Nhật Bản Hiroshi Sato dự. Tổng thống Hàn Quốc "
      "Park Min-ho dự. Thủ tướng Cộng hòa Liên bang Đức Anna Keller, Thủ "
      "tướng Chính phủ nước Cộng hòa xã hội chủ nghĩa Việt Nam Trần Văn Nam "
      "dự. Bị cáo Nguyễn Văn A. Ông Trần Văn Bình cho biết.\n";
  doc *d = parse_document("t.txt", s, strlen(s), PARSE_NO_FACTS);
  CHECK(extract_facts(d) == 0);
  check_person(d, "Peter Hollis", "Ngoại trưởng Anh");
  check_person(d, "Igor Petrov", "Bộ trưởng Quốc phòng Nga");
  check_person(d, "George W. Harmon", "Tổng thống");
  check_person(d, "Marco Bellini", "Tổng thư ký LHQ");
  CHECK(person(d, "Ngài Marco Bellini") == NULL);
  check_person(d, "Kenji Tanaka", "Thủ tướng Nhật");
  check_person(d, "Hiroshi Sato", "Thủ tướng Nhật Bản");
  CHECK(person(d, "Bản Hiroshi Sato") == NULL);
  check_person(d, "Park Min-ho", "Tổng thống Hàn Quốc");
  CHECK(person(d, "Quốc Park Min-ho") == NULL);
  check_person(d, "Anna Keller", "Thủ tướng Cộng hòa Liên bang Đức");
  check_person(d, "Trần Văn Nam",
               "Thủ tướng Chính phủ nước Cộng hòa xã hội "
               "chủ nghĩa Việt Nam");
  check_person(d, "Trần Văn Bình", "");
  doc_free(d);
}

/* Held-out set 14's header shapes, in texts of our own: a visit
** counter after a clock above the headline is chrome; "Được đăng :"
** labels a date line; "21 09 2025" alone on a line is a date. A
** headline with a colon and a number stays one. */
static void test_header_shapes_14(void) {
  char t[1024];
  snprintf(t, sizeof t,
           "00:00 Số lượt truy cập: 3082913\n\n%s\n\nĐược đăng : "
           "03/11/2016\n%s\n",
           HEAD, BODY);
  doc *d = parse_str(t);
  CHECK_STR(d->title, HEAD);
  CHECK_STR(d->published, "2016-11-03");
  doc_free(d);
  snprintf(t, sizeof t, "Đang online: 12\n%s\n\n%s\n", HEAD, BODY);
  CHECK_TITLE(t, HEAD);
  const char *h = "Giải ngân vốn đầu tư công: đạt 95 % kế hoạch năm";
  snprintf(t, sizeof t, "%s\n\n%s\n", h, BODY);
  CHECK_TITLE(t, h);
  /* a date stamp with spaces for separators, alone on its line */
  snprintf(t, sizeof t, "%s\n\n21 09 2025\n\nin trang\n\n%s\n", HEAD, BODY);
  d = parse_str(t);
  CHECK_STR(d->title, HEAD);
  CHECK_STR(d->published, "2025-09-21");
  doc_free(d);
  date_tm tm;
  CHECK(date_line("21 09 2025", 10, &tm) == 1 && tm.mo == 9);
  CHECK(date_line("31 02 2025", 10, &tm) == 0); /* no such day */
  CHECK(date_line("21 09 25", 8, &tm) == 0);    /* a two-digit year */
  CHECK(date_line("21 09 2025 12", 13, &tm) == 0);
  /* Drupal's stamp: a user name, "gửi vào", a date line */
  snprintf(t, sizeof t, "%s\n\nquantri gửi vào T3, 2018-01-09 14:22\n\n%s\n",
           HEAD, BODY);
  d = parse_str(t);
  CHECK_STR(d->title, HEAD);
  CHECK_STR(d->published, "2018-01-09T14:22:00+07:00");
  doc_free(d);
  const char *two = "Ban biên tập gửi vào 09/01/2018";
  CHECK(date_line(two, strlen(two), &tm) == 0); /* two words: no user */
}

/* People with no title, named by a role ("bị cáo", "VĐV", "em") or
** given an age or a year of birth: held-out set 14's misses, each in a
** text of our own; a street with a bracket after it stays no person. */
static void test_people_roles(void) {
  const char *s =
      "Phiên tòa xét xử vụ trộm rọ tôm\n\n"
      "TAND huyện xét xử bị cáo Hà Thị Mận, sinh năm 1972, trú tại bản Nà "
      "Lầu. Xe máy chở sau Phan Văn Lực (27 tuổi, ngụ xã Tân Hòa) lao vào "
      "lề. Hai bị cáo Đỗ Văn Kha (SN 1988) và Lò Văn Pọm (SN 1991) nhận "
      "tội. Ở nội dung nữ, VĐV Trịnh Thị Ngát về nhất, hai VĐV Cao Thị Mơ "
      "và Lưu Thị Hiên đồng hạng Ba. Điển hình như em Mai Gia Bảo, em Tống "
      "Khánh Ngọc cùng học lớp 4B. Đường Lê Văn Lương (40 làn xe) thông "
      "xe.\n";
  doc *d = parse_document("t.txt", s, strlen(s), PARSE_NO_FACTS);
  CHECK(extract_facts(d) == 0);
  check_person(d, "Hà Thị Mận", "");
  check_person(d, "Phan Văn Lực", "");
  check_person(d, "Đỗ Văn Kha", "");
  check_person(d, "Lò Văn Pọm", "");
  check_person(d, "Trịnh Thị Ngát", "");
  check_person(d, "Cao Thị Mơ", "");
  check_person(d, "Lưu Thị Hiên", "");
  check_person(d, "Mai Gia Bảo", "");
  check_person(d, "Tống Khánh Ngọc", "");
  CHECK(person(d, "Lê Văn Lương") == NULL);
  doc_free(d);
}

/* A title cut before lower-case words that end an item of a list of
** names at its ';' ("Trưởng Ban Tổ chức giải; đồng chí B"), and the
** group title before the list's colon carried past it: held-out set
** 14's misses, in a text of our own. A ';' after a verb is no tail. */
static void test_people_list_items(void) {
  const char *s =
      "Khai mạc giải bóng chuyền hơi\n\n"
      "Có đồng chí Lò Văn Tảo, Giám đốc Sở Y tế tỉnh, Trưởng Ban Tổ chức "
      "giải; đồng chí Vi Văn Cầm, Phó Trưởng Ban Tổ chức giải. Các đồng chí "
      "Ủy viên Ban Thường vụ Tỉnh ủy: Phạm Văn Sơn, Phó Chủ tịch HĐND tỉnh; "
      "Lê Thị Thu, Phó Chủ tịch UBND tỉnh, Trưởng Ban Tổ chức hội chợ; Trần "
      "Văn Đảng, Trưởng Ban Tuyên giáo Tỉnh ủy dự. Ông Hà Văn Nam, Giám đốc "
      "Sở Xây dựng, cho biết dự án sẽ xong; Ông Lê Văn Tư nói thêm. Ông Vũ "
      "Văn Tâm, tổ trưởng tổ quản lý chợ Lê Văn Sỹ cho hay.\n";
  doc *d = parse_document("t.txt", s, strlen(s), PARSE_NO_FACTS);
  CHECK(extract_facts(d) == 0);
  check_person(d, "Lò Văn Tảo",
               "Giám đốc Sở Y tế tỉnh; Trưởng Ban Tổ chức giải");
  check_person(d, "Lê Thị Thu",
               "Ủy viên Ban Thường vụ Tỉnh ủy; Phó Chủ tịch UBND tỉnh; "
               "Trưởng Ban Tổ chức hội chợ");
  check_person(d, "Trần Văn Đảng",
               "Ủy viên Ban Thường vụ Tỉnh ủy; Trưởng Ban Tuyên giáo Tỉnh ủy");
  check_person(d, "Hà Văn Nam", "Giám đốc Sở Xây dựng");
  /* a market named after a person ends no title there */
  check_person(d, "Vũ Văn Tâm", "tổ trưởng tổ quản lý chợ Lê Văn Sỹ");
  CHECK(person(d, "Lê Văn Sỹ") == NULL);
  doc_free(d);
}

/* Foreign names after a title, clergy, one-letter and highland
** surnames, a shared title after "tiếp tục": held-out set 9's misses,
** each in a text of our own. */
static void test_people_more(void) {
  const char *s =
      "Đoàn đại biểu thăm hữu nghị nước bạn\n\n"
      "Đoàn được Tổng Bí thư, Chủ tịch nước Lào Bounsay Khamvong tiếp. "
      "Thủ tướng Thái Lan Prayut Chan-o-cha và Tổng thống Hàn Quốc Moon "
      "Jae-in gửi điện mừng. Ông Nguyễn Văn Tâm hội đàm với Tổng thống "
      "Mỹ Daniel Carter. Tổng Giám đốc Vietnam Airlines Đỗ Văn Hùng dự. "
      "Phó Bí thư Tỉnh đoàn Đăk Lăk Lê Văn Hòa phát biểu. Hòa thượng Thích "
      "Minh Tâm, Trưởng ban Trị sự tỉnh phát biểu. Các đồng chí Trần Văn "
      "Lâm, A Blông, Ksor Phước Hà tiếp tục được bầu giữ chức Phó Bí thư "
      "Tỉnh ủy. Bà Y Thị Bích Hà, Phó Chủ tịch HĐND tỉnh dự. Thứ trưởng Bộ "
      "Y Tế Nguyễn Văn Hưng và ông Trần Văn An, nguyên Chủ tịch Hội Đông Y "
      "Việt Nam dự. Trưởng đoàn ông Tomasz Kowalski, Phó Đại sứ Ba Lan "
      "tại Việt Nam phát biểu. Tổng Kiểm toán Nhà nước (KTNN) Hồ Văn Phúc "
      "dự. Ông Lê Văn Đạt, Tổ trưởng Tổ công tác số 2 của Thanh tra Chính "
      "phủ phát biểu. Thuyền trưởng Trần Văn Du và đội trưởng Võ Văn Anh "
      "được khen.\n";
  doc *d = parse_document("t.txt", s, strlen(s), PARSE_NO_FACTS);
  CHECK(extract_facts(d) == 0);
  check_person(d, "Tomasz Kowalski", "Trưởng đoàn; Phó Đại sứ Ba Lan");
  check_person(d, "Hồ Văn Phúc", "Tổng Kiểm toán Nhà nước");
  check_person(d, "Trần Văn Du", "Thuyền trưởng");
  check_person(d, "Võ Văn Anh", "đội trưởng");
  check_person(d, "Lê Văn Đạt",
               "Tổ trưởng Tổ công tác số 2 của Thanh tra Chính phủ");
  check_person(d, "Bounsay Khamvong", "Chủ tịch nước Lào; Tổng Bí thư");
  check_person(d, "Prayut Chan-o-cha", "Thủ tướng Thái Lan");
  check_person(d, "Moon Jae-in", "Tổng thống Hàn Quốc");
  check_person(d, "Daniel Carter", "Tổng thống Mỹ");
  check_person(d, "Nguyễn Văn Tâm", "");
  check_person(d, "Đỗ Văn Hùng", "Tổng Giám đốc Vietnam Airlines");
  CHECK(person(d, "Vietnam Airlines") == NULL);
  CHECK(person(d, "Đăk Lăk") == NULL);
  check_person(d, "Thích Minh Tâm", "Hòa thượng; Trưởng ban Trị sự tỉnh");
  check_person(d, "Trần Văn Lâm", "Phó Bí thư Tỉnh ủy");
  check_person(d, "A Blông", "Phó Bí thư Tỉnh ủy");
  check_person(d, "Ksor Phước Hà", "Phó Bí thư Tỉnh ủy");
  check_person(d, "Y Thị Bích Hà", "Phó Chủ tịch HĐND tỉnh");
  check_person(d, "Nguyễn Văn Hưng", "Thứ trưởng Bộ Y Tế");
  CHECK(person(d, "Y Tế Nguyễn") == NULL && person(d, "Y Việt Nam") == NULL);
  doc_free(d);
}

static void test_people(void) {
  const char *s =
      "Huyện tổng kết năm học mới\n\n"
      "Dự lễ có bà Cao Thị Lành, Quyền Chủ tịch UBND huyện; ông Giàng A "
      "Chá, Bí thư Đảng ủy xã và ông Ma Văn Hùng, Phó Chủ tịch HĐND "
      "huyện. Ông Luyện Văn Tám tiếp tục giữ chức Bí thư Huyện ủy Yên "
      "Lạc. Tổng Bí thư (TBT) Lê Văn Hiền gửi thư chúc mừng.\n\n"
      "Đoàn gồm các đại biểu Trần Văn Tư, Trưởng Ban Văn hóa - Xã hội HĐND "
      "tỉnh; Lê Thị Hoa, Giám đốc Sở Lao động, Thương binh và Xã hội, Đại "
      "biểu Quốc hội tỉnh Hà Tĩnh và đại biểu Phan Văn Sáu. Bà Đỗ Thị Bảy, "
      "Ủy viên Thường trực Ủy ban Pháp luật của Quốc hội, phát biểu. Ông Lê "
      "Văn Hào, Phó Bí thư Tỉnh ủy - Chủ tịch UBND tỉnh dự. Chủ nhiệm Ủy ban "
      "Công tác đại biểu Vũ Văn Hải trình tờ trình. Bà Đinh Thị Mai, Phó "
      "Trưởng ban phụ trách Ban Tuyên giáo và Dân vận Tỉnh ủy Bình Thuận "
      "cho biết. Ông Hồ Văn Khải, Trưởng khoa Cấp cứu – Hồi sức Bệnh viện "
      "tỉnh, và ông Đào Văn Lâm, Phó Chủ tịch Hội Nhà văn Việt Nam - Bà "
      "Ngô Thị Hạnh dự. Ông Tạ Văn Đức - Tỉnh ủy viên, Phó Chủ tịch UBND "
      "huyện Yên Thế tổ chức đoàn kiểm tra. Bà Kiều Thị Nga, UV BTV Tỉnh ủy, "
      "Chánh văn phòng Điều phối nông thôn tỉnh dự.\n";
  doc *d = parse_document("t.txt", s, strlen(s), PARSE_NO_FACTS);
  CHECK(extract_facts(d) == 0);
  check_person(d, "Cao Thị Lành", "Quyền Chủ tịch UBND huyện");
  check_person(d, "Giàng A Chá", "Bí thư Đảng ủy xã");
  check_person(d, "Ma Văn Hùng", "Phó Chủ tịch HĐND huyện");
  check_person(d, "Luyện Văn Tám", "Bí thư Huyện ủy Yên Lạc");
  check_person(d, "Lê Văn Hiền", "Tổng Bí thư");
  check_person(d, "Trần Văn Tư", "Trưởng Ban Văn hóa - Xã hội HĐND tỉnh");
  check_person(d, "Lê Thị Hoa",
               "Giám đốc Sở Lao động, Thương binh và Xã hội; Đại biểu Quốc "
               "hội tỉnh Hà Tĩnh");
  check_person(d, "Phan Văn Sáu", "");
  check_person(d, "Đỗ Thị Bảy",
               "Ủy viên Thường trực Ủy ban Pháp luật của Quốc hội");
  check_person(d, "Lê Văn Hào", "Phó Bí thư Tỉnh ủy; Chủ tịch UBND tỉnh");
  check_person(d, "Vũ Văn Hải", "Chủ nhiệm Ủy ban Công tác đại biểu");
  check_person(d, "Đinh Thị Mai",
               "Phó Trưởng ban phụ trách Ban Tuyên giáo và Dân vận Tỉnh ủy "
               "Bình Thuận");
  check_person(d, "Hồ Văn Khải", /* a connector before a two-syllable word */
               "Trưởng khoa Cấp cứu – Hồi sức Bệnh viện tỉnh");
  check_person(d, "Đào Văn Lâm", "Phó Chủ tịch Hội Nhà văn Việt Nam");
  check_person(d, "Tạ Văn Đức",
               "Tỉnh ủy viên; Phó Chủ tịch UBND huyện Yên Thế");
  check_person(d, "Kiều Thị Nga",
               "UV BTV Tỉnh ủy; Chánh văn phòng Điều phối nông thôn tỉnh");
  doc_free(d);
  /* no person is invented from a medal colour or a town's name */
  s = "Đoàn thể thao giành huy chương\n\n"
      "Huy chương Vàng Phạm Thị Hồng được trao tại nhà thi đấu. Ông Lê Văn "
      "Khoa, Chủ tịch UBND TP Buôn Ma Thuột, trao thưởng; bà Phạm Thị Hồng "
      "cảm ơn.\n";
  d = parse_document("t.txt", s, strlen(s), PARSE_NO_FACTS);
  CHECK(extract_facts(d) == 0);
  check_person(d, "Lê Văn Khoa", "Chủ tịch UBND TP Buôn Ma Thuột");
  check_person(d, "Phạm Thị Hồng", "");
  CHECK(person(d, "Vàng Phạm Thị Hồng") == NULL);
  CHECK(person(d, "Ma Thuột") == NULL);
  CHECK(d->people.n == 2);
  doc_free(d);
  /* a list of titled names after a colon shares the title before it,
  ** each title before a name is that name's (not the one before), a
  ** unit's number stays in its title */
  s = "Hội nghị xúc tiến đầu tư của tỉnh\n\n"
      "Dự hội nghị có các đồng chí Ủy viên Trung ương Đảng: Bộ trưởng Bộ "
      "Xây dựng Lê Văn Tâm, Bộ trưởng Bộ Tư pháp Trần Thị Hoa, Tư lệnh "
      "Quân khu 3 Phạm Văn Hùng; đại diện các sở, ngành.\n";
  d = parse_document("t.txt", s, strlen(s), PARSE_NO_FACTS);
  CHECK(extract_facts(d) == 0);
  check_person(d, "Lê Văn Tâm",
               "Bộ trưởng Bộ Xây dựng; Ủy viên Trung ương Đảng");
  check_person(d, "Trần Thị Hoa",
               "Bộ trưởng Bộ Tư pháp; Ủy viên Trung ương Đảng");
  check_person(d, "Phạm Văn Hùng",
               "Tư lệnh Quân khu 3; Ủy viên Trung ương Đảng");
  doc_free(d);
  /* "nguyên" (former) is part of the title; a bracket after the name; a
  ** link after the titles; "các cố <title>" shared by a list; new heads;
  ** committees ("Ban tổ chức", data/title-orgs.txt); a hospital named
  ** after a person gives no person */
  s = "Tỉnh tưởng niệm các lãnh đạo tiền bối\n\n"
      "Ông Trần Văn Bình, nguyên Giám đốc Công an tỉnh Hải Dương, phát "
      "biểu. Đồng chí Lý Văn Cường (L.V.C), Phó Giám đốc Sở Y tế, trả "
      "lời. Ông Đỗ Văn Sơn – Phó Bí thư Tỉnh ủy, Chủ tịch UBND tỉnh được "
      "bầu giữ chức Bí thư Tỉnh ủy Hà Nam. Lãnh đạo tỉnh dâng hương các cố "
      "Tổng Bí thư Lê Hồng Phong, Nguyễn Văn Cừ. Trung tướng Vũ Văn Tài, "
      "Phó Tổng Tham mưu trưởng, và ông Phạm Văn Hải, Người phát ngôn Bộ "
      "Công an, dự. Ông Lưu Văn Nam, Phó Trưởng ban tổ chức, cho biết. "
      "Bà Trần Thị Lan, Chủ tịch Hội đồng thẩm định tỉnh, kết luận. Ông "
      "Võ Văn Hùng, Phó Trưởng ban chỉ đạo tỉnh, chỉ đạo. Bác sĩ Hà Văn Mạnh, "
      "Giám đốc BV Nguyễn Tri Phương, cho biết.\n";
  d = parse_document("t.txt", s, strlen(s), PARSE_NO_FACTS);
  CHECK(extract_facts(d) == 0);
  check_person(d, "Trần Văn Bình", "nguyên Giám đốc Công an tỉnh Hải Dương");
  check_person(d, "Lý Văn Cường", "Phó Giám đốc Sở Y tế");
  check_person(d, "Đỗ Văn Sơn",
               "Phó Bí thư Tỉnh ủy; Chủ tịch UBND tỉnh; Bí thư Tỉnh ủy Hà Nam");
  check_person(d, "Lê Hồng Phong", "Tổng Bí thư");
  check_person(d, "Nguyễn Văn Cừ", "Tổng Bí thư");
  check_person(d, "Vũ Văn Tài", "Trung tướng; Phó Tổng Tham mưu trưởng");
  check_person(d, "Phạm Văn Hải", "Người phát ngôn Bộ Công an");
  check_person(d, "Lưu Văn Nam", "Phó Trưởng ban tổ chức");
  check_person(d, "Trần Thị Lan", "Chủ tịch Hội đồng thẩm định tỉnh");
  check_person(d, "Võ Văn Hùng", "Phó Trưởng ban chỉ đạo tỉnh");
  check_person(d, "Hà Văn Mạnh", "Bác sĩ; Giám đốc BV Nguyễn Tri Phương");
  CHECK(person(d, "Nguyễn Tri Phương") == NULL);
  doc_free(d);
  /* a list after "các ông:"; administrative units joined by a comma; a
  ** verb then another person's rank ends a title; "và" joins two
  ** titles; a name begins after a place, not inside it; surnames of
  ** the north-west and centre ("Thái", "Hắc", "Chẩu", "Lường") */
  s = "Tỉnh kiện toàn nhân sự\n\n"
      "Tỉnh hiện có 3 Phó Chủ tịch gồm các ông: Bùi Văn Tâm, Lường Văn "
      "Hải, Chẩu Văn Lâm. Ông Hắc Văn Thọ, Chủ tịch UBND xã Hoằng Tiến, "
      "huyện Hoằng Hóa cho biết. Bộ trưởng Công an giao Đại tá Lê Văn "
      "Tuấn điều hành. Thượng tướng Tô Văn Lâm, Bộ trưởng Bộ Công an và "
      "Ủy viên Bộ Chính trị, dự. Chủ tịch HĐND tỉnh Nghệ An Thái Văn Quý "
      "tặng hoa. Chủ nhiệm Văn phòng Chủ tịch nước Đào Văn Trung dự.\n";
  d = parse_document("t.txt", s, strlen(s), PARSE_NO_FACTS);
  CHECK(extract_facts(d) == 0);
  check_person(d, "Bùi Văn Tâm", "");
  check_person(d, "Lường Văn Hải", "");
  check_person(d, "Chẩu Văn Lâm", "");
  check_person(d, "Hắc Văn Thọ",
               "Chủ tịch UBND xã Hoằng Tiến, huyện Hoằng Hóa");
  check_person(d, "Lê Văn Tuấn", "Đại tá");
  check_person(d, "Tô Văn Lâm",
               "Thượng tướng; Bộ trưởng Bộ Công an; Ủy viên Bộ Chính trị");
  check_person(d, "Thái Văn Quý", "Chủ tịch HĐND tỉnh Nghệ An");
  check_person(d, "Đào Văn Trung", "Chủ nhiệm Văn phòng Chủ tịch nước");
  CHECK(person(d, "An Thái Văn Quý") == NULL);
  doc_free(d);
  /* abbreviations joined by '&' or '-' inside a title, before or after
  ** the name; a title-end phrase ends a title where the segmenter joins
  ** its first word to the place before ("Trưng | cho biết"); an
  ** authority's title ("Thừa ủy quyền của Thủ tướng, …") is not the
  ** name's; abbreviated titles (TUV, UVTV, UVBCH); surnames Lô, Kha */
  s = "Tỉnh triển khai năm học mới\n\n"
      "Giám đốc Sở GD&ĐT Nguyễn Tân kiểm tra. Ông Trần Văn An, Giám đốc Sở "
      "LĐ-TB&XH, phát biểu. Bà Lê Thị Hà, Chủ tịch UBND quận Hai Bà Trưng "
      "cho biết: phòng đã chỉ đạo. Thừa ủy quyền của Thủ tướng Chính phủ, "
      "Bộ trưởng Bộ NN&PTNT Phạm Văn Cường trình bày. Ông Đỗ Văn Bình, "
      "TUV, Giám đốc Sở Y tế dự. Ông Hồ Văn Phúc - UVTV Quận ủy, Chủ tịch "
      "UBND quận dự. Đ/c Bùi Thị Quỳnh Vân, UVBCH Trung ương Đảng, Bí thư "
      "Tỉnh ủy dự. Đồng chí Lô Văn Thao và đồng chí Kha Thị Tím dự.\n";
  d = parse_document("t.txt", s, strlen(s), PARSE_NO_FACTS);
  CHECK(extract_facts(d) == 0);
  check_person(d, "Nguyễn Tân", "Giám đốc Sở GD&ĐT");
  check_person(d, "Trần Văn An", "Giám đốc Sở LĐ-TB&XH");
  check_person(d, "Lê Thị Hà", "Chủ tịch UBND quận Hai Bà Trưng");
  check_person(d, "Phạm Văn Cường", "Bộ trưởng Bộ NN&PTNT");
  check_person(d, "Đỗ Văn Bình", "TUV; Giám đốc Sở Y tế");
  check_person(d, "Hồ Văn Phúc", "UVTV Quận ủy; Chủ tịch UBND quận");
  check_person(d, "Bùi Thị Quỳnh Vân", "UVBCH Trung ương Đảng; Bí thư Tỉnh ủy");
  check_person(d, "Lô Văn Thao", "");
  check_person(d, "Kha Thị Tím", "");
  doc_free(d);
  /* a ministry's name with "và" stays in the title and invents nobody
  ** ("Đào Tạo"); a surname left out of the list starts a name before
  ** "Thị", but not a department's ("Vụ Thị trường") */
  s = "Hội nghị chuyên đề\n\n"
      "Ông Thái Văn Tài - Vụ trưởng Vụ Giáo dục và Đào Tạo thông tin. Đoàn "
      "do Trưởng Ban Tổ chức Thành ủy Văn Thị Bạch Tuyết dẫn đầu. Ông Lê "
      "Văn Hải, Vụ trưởng Vụ Thị trường trong nước, dự.\n";
  d = parse_document("t.txt", s, strlen(s), PARSE_NO_FACTS);
  CHECK(extract_facts(d) == 0);
  check_person(d, "Thái Văn Tài", "Vụ trưởng Vụ Giáo dục và Đào Tạo");
  CHECK(person(d, "Đào Tạo") == NULL);
  check_person(d, "Văn Thị Bạch Tuyết", "Trưởng Ban Tổ chức Thành ủy");
  check_person(d, "Lê Văn Hải", "Vụ trưởng Vụ Thị trường");
  CHECK(person(d, "Vụ Thị") == NULL);
  doc_free(d);
  /* a list after "gồm" shares the title before it, and a name in it may
  ** start with a surname outside the list; a list sharing no title
  ** takes no such name */
  s = "Công an tỉnh có 5 Phó giám đốc\n\n"
      "Công an tỉnh có tất cả 5 Phó giám đốc gồm đại tá Trần Tiến Đạt, Văn "
      "Quyết Thắng, Lê Quang Nhân và thượng tá Nguyễn Xuân Thao. Ông Hà Văn "
      "Sơn, Giám đốc Sở Y tế, Bộ Công Thương dự.\n";
  d = parse_document("t.txt", s, strlen(s), PARSE_NO_FACTS);
  CHECK(extract_facts(d) == 0);
  check_person(d, "Trần Tiến Đạt", "đại tá; Phó giám đốc");
  check_person(d, "Văn Quyết Thắng", "Phó giám đốc");
  check_person(d, "Lê Quang Nhân", "Phó giám đốc");
  check_person(d, "Nguyễn Xuân Thao", "thượng tá; Phó giám đốc");
  CHECK(person(d, "Bộ Công Thương") == NULL);
  doc_free(d);
  /* "Phó" before any title head is a deputy's head */
  s = "Tỉnh tổng kết diễn tập\n\nTham dự có Đại tá Đinh Bạt Văn - Phó Chỉ "
      "huy trưởng, Tham mưu trưởng Bộ Chỉ huy Quân sự tỉnh. Ông Lê Bộ Lĩnh, "
      "Phó Tổng Thư ký Quốc hội, dự.\n";
  d = parse_document("t.txt", s, strlen(s), PARSE_NO_FACTS);
  CHECK(extract_facts(d) == 0);
  check_person(d, "Đinh Bạt Văn",
               "Đại tá; Phó Chỉ huy trưởng; Tham mưu trưởng Bộ Chỉ huy Quân "
               "sự tỉnh");
  check_person(d, "Lê Bộ Lĩnh", "Phó Tổng Thư ký Quốc hội");
  doc_free(d);
  /* a place that is a whole name right after a bare title head names the
  ** person ("Chủ tịch Hồ Chí Minh"); after an office it is the place,
  ** and a longer name over a place ("Thái Bình Dương") stays none */
  s = "Học tập và làm theo Bác\n\nSinh thời, Chủ tịch Hồ Chí Minh luôn "
      "quan tâm đến thanh niên. Ông Lê Văn An, Chủ tịch UBND thành phố Hồ "
      "Chí Minh, dự. Tư lệnh Thái Bình Dương đến thăm.\n";
  d = parse_document("t.txt", s, strlen(s), PARSE_NO_FACTS);
  CHECK(extract_facts(d) == 0);
  check_person(d, "Hồ Chí Minh", "Chủ tịch");
  check_person(d, "Lê Văn An", "Chủ tịch UBND thành phố Hồ Chí Minh");
  CHECK(person(d, "Thái Bình Dương") == NULL);
  doc_free(d);
  /* organisation phrases of title-orgs.txt in either case, not cut at
  ** the end ("Ban Chỉ đạo | diễn tập", whose name runs on to "tỉnh":
  ** extract_orgs.c); "kiểm tra" ends a title but
  ** inside "Đoàn kiểm tra"; "chuyên trách"; "CHT"; a school's name after
  ** "THPT chuyên" is no person */
  s = "Tỉnh tổng kết diễn tập\n\n"
      "Đại tá Phan Văn Nghĩa - Phó Trưởng ban Thường trực Ban Chỉ đạo diễn "
      "tập tỉnh chủ trì. Ông Huỳnh Ngọc Nhã - Chánh Văn phòng Điều phối "
      "nông thôn mới tỉnh dự. Bí thư Thành ủy Nguyễn Văn Nên kiểm tra công "
      "trình. Ông Đỗ Văn Huệ, Trưởng đoàn kiểm tra, phát biểu. Bà Lê Thị "
      "Huyền, Phó Bí thư Thường trực chuyên trách Đảng ủy, dự. Đại tá "
      "Nguyễn Tấn Lâm, CHT Bộ CHQS tỉnh phát biểu. Ông Ngô Văn Phúc, Phó "
      "Hiệu trưởng Trường THPT chuyên Phan Bội Châu, dự. Bà Lê Thị Liễu, "
      "Chủ tịch Hội liên hiệp phụ nữ huyện, dự. Ông Lê Đức Vinh, Bí thư Ban "
      "cán sự đảng, Chủ tịch UBND tỉnh dự. Ông Huỳnh Văn Thái, Huyện ủy "
      "viên, PCT UBND huyện dự.\n";
  d = parse_document("t.txt", s, strlen(s), PARSE_NO_FACTS);
  CHECK(extract_facts(d) == 0);
  check_person(d, "Phan Văn Nghĩa", /* the committee's name to "tỉnh" */
               "Đại tá; Phó Trưởng ban Thường trực Ban Chỉ đạo diễn tập tỉnh");
  check_person(d, "Huỳnh Ngọc Nhã",
               "Chánh Văn phòng Điều phối nông thôn mới tỉnh");
  check_person(d, "Nguyễn Văn Nên", "Bí thư Thành ủy");
  check_person(d, "Đỗ Văn Huệ", "Trưởng đoàn kiểm tra");
  check_person(d, "Lê Thị Huyền",
               "Phó Bí thư Thường trực chuyên trách Đảng ủy");
  check_person(d, "Nguyễn Tấn Lâm", "Đại tá; CHT Bộ CHQS tỉnh");
  check_person(d, "Ngô Văn Phúc",
               "Phó Hiệu trưởng Trường THPT chuyên Phan Bội Châu");
  check_person(d, "Lê Thị Liễu", "Chủ tịch Hội liên hiệp phụ nữ huyện");
  check_person(d, "Lê Đức Vinh", "Bí thư Ban cán sự đảng; Chủ tịch UBND tỉnh");
  check_person(d, "Huỳnh Văn Thái", "Huyện ủy viên; PCT UBND huyện");
  CHECK(person(d, "Phan Bội Châu") == NULL);
  doc_free(d);
  /* a link after an agent ("được HĐND tỉnh … bầu làm"), its title shared
  ** by the names of the list before it */
  s = "Tỉnh có hai Phó Chủ tịch mới\n\n"
      "Sáng 25/2, ông Hoàng Văn Hiền (50 tuổi) và Phùng Văn Vinh (51 tuổi) "
      "được HĐND tỉnh Nghệ An bầu làm Phó Chủ tịch UBND tỉnh. Ông Lê Văn "
      "Sáu được bầu làm Bí thư Huyện ủy. Bà Trần Thị Hoa phát biểu.\n";
  d = parse_document("t.txt", s, strlen(s), PARSE_NO_FACTS);
  CHECK(extract_facts(d) == 0);
  check_person(d, "Hoàng Văn Hiền", "Phó Chủ tịch UBND tỉnh");
  check_person(d, "Phùng Văn Vinh", "Phó Chủ tịch UBND tỉnh");
  check_person(d, "Lê Văn Sáu", "Bí thư Huyện ủy");
  check_person(d, "Trần Thị Hoa", "");
  doc_free(d);
  test_people_more();
  test_people_foreign();
  test_header_shapes_14();
  test_people_roles();
  test_people_list_items();
  test_people_titles_12();
}

int main(void) {
  test_date_core();
  test_date_forms();
  test_page_dates();
  test_chrome();
  test_context();
  test_meta();
  test_zones();
  test_header_shapes();
  test_header_shapes_12();
  test_chrome_stack();
  test_title_dates();
  test_people();
  return check_done();
}
