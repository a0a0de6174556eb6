/*
** test_parse_pages15.c — the parser on the layouts of held-out set 15
** (issue 19), each in a text written for this test (no page text copied).
** Plan:
**  1. Date lines: a label and its colon before the date ("Video: …"), a
**     minute printed without its zero ("10:2 GMT+7"), a count among the
**     tail's words ("Lượt xem: 223 In bài viết …"), a stamp closing the
**     first paragraph ("… cả nước. 04:30 GMT+7, Thứ Ba, 27/9/2022"); a
**     paragraph that ends with a sentence or a date without a time keeps
**     no date.
**  2. A visit counter: over the headline, its labels alone on their
**     lines with the counts under them, and its header ("Truy cập"), are
**     chrome; under the date line ("Hôm nay: 0", a footer marker) it is
**     boilerplate and the article after it stays the article; a footer
**     marker after the article still ends it. "4097 Lượt xem" is chrome.
**  3. Headlines: a table cell's bar closing the headline line is cut; a
**     line alone in a table cell ("|" above and below) is a caption, not
**     the headline; a breadcrumb glued to the headline ("Trang chủ Thực
**     tiễn <headline>") yields to the headline a line below repeats; a
**     caption wholly in brackets and a sapo signed "Site- …" (set 16)
**     are no headlines.
**  4. People: baptismal names join the name ("Giuse …", "Giu-se …",
**     "Phao-lô Giu-se …") and make it a person; religious ranks are
**     titles ("Linh mục", "Hòa thượng", "Cha xứ"), and a title ends
**     before a baptismal name; a title after "ông A, <title>," is A's, not
**     the next name's, while a chain of titles before a name keeps them
**     all; "Âu Châu" is a place, not a name.
**  5. Titles: "kiêm" before a lower-case title, "Nguyên"/"Cựu" in
**     capitals, "được bầu vào", "UV.BTV", "Nhà lãnh đạo", "cơ quan"
**     inside a title; an unlisted surname before "Thị" ("Trinh Thị …");
**     no two-syllable name cut inside a word ("Đoàn Kiểm | tra") or
**     ending in "Thị"; roles ("quần chúng ưu tú:", "nhóm tác giả", "nhà
**     thơ") and "ông"/"bà"/"đồng chí" before a name of any surname
**     ("+ Bà Búi Ngọc Hiền"; not "tỉnh Bà Rịa Vũng Tàu"): set 16.
*/
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "date.h"
#include "doc.h"
#include "extract.h"
#include "parse.h"
#include "parse_check.h"

#define HEAD "Huyện khởi công cầu dân sinh qua suối Nậm Mu"
#define BODY                                                                                   \
  "Sáng nay, huyện tổ chức lễ khởi công cây cầu dài 60 m nối hai bản ven " \
  "suối, với tổng vốn đầu tư hơn 12 tỷ đồng từ ngân sách và nhân dân."

/* ---- 1. date lines ---- */

static void check_published(const char *text, const char *title,
                            const char *want) {
  doc *d = parse_str(text);
  CHECK_STR(d->title, title);
  CHECK_STR(d->published, want);
  doc_free(d);
}

static void test_dates(void) {
  char t[2048];
  snprintf(t, sizeof t, "%s\n\n.\nVideo: 06/06/2020 10:05\n.\n\n%s\n", HEAD,
           BODY);
  check_published(t, HEAD, "2020-06-06T10:05:00+07:00");
  date_tm tm;
  const char *l = "Ảnh: 12/03/2021";
  CHECK(date_line(l, strlen(l), &tm) == 1 && tm.d == 12 && tm.mo == 3);
  l = "Video: Lễ hội 12/03/2021"; /* words after the label: no date line */
  CHECK(date_line(l, strlen(l), &tm) == 0);
  snprintf(t, sizeof t, "%s\n\n13-11-2020, 10:2 GMT+7\n\n%s\n", HEAD, BODY);
  check_published(t, HEAD, "2020-11-13T10:02:00+07:00");
  /* a count is no word of a date line's tail */
  l = "08/06/2023    Lượt xem: 223    In bài viết   Độ tương phản";
  CHECK(date_line(l, strlen(l), &tm) == 1 && tm.mo == 6);
  l = "08/06/2023 Lượt xem bài viết của Báo Độ tương phản rất cao";
  CHECK(date_line(l, strlen(l), &tm) == 0); /* nine words */
  l = "13-11-2020, 10:25 GMT+7";
  CHECK(date_line(l, strlen(l), &tm) == 1 && tm.mi == 25);
  /* a stamp closing the first paragraph under the headline */
  snprintf(t, sizeof t,
           "%s\n%s Người dân rất phấn khởi. 04:30 GMT+7, Thứ Ba, 27/9/2022\n",
           HEAD, BODY);
  check_published(t, HEAD, "2022-09-27T04:30:00+07:00");
  /* a sentence that ends with a date is no stamp; a date alone neither */
  snprintf(t, sizeof t, "%s\n%s Cầu sẽ xong trước ngày 27/9/2022.\n", HEAD,
           BODY);
  check_published(t, HEAD, NULL);
  snprintf(t, sizeof t, "%s\n%s Người dân rất phấn khởi. 27/9/2022\n", HEAD,
           BODY);
  check_published(t, HEAD, NULL);
}

/* ---- 2. visit counters ---- */

static void test_counters(void) {
  char t[4096];
  snprintf(t, sizeof t,
           "Truy cập\n\nHôm nay:\n1\nHôm qua:\n0\nTuần này:\n1\nTất cả:\n"
           "115504\n\n%s\n\nNgày 27/02/2023 09:04:52\n\n%s\n",
           HEAD, BODY);
  check_published(t, HEAD, "2023-02-27T09:04:52+07:00");
  /* under the date line: the counter is no footer; the article goes on */
  snprintf(t, sizeof t,
           "%s\nNgày đăng: 06/06/2025 14:24\nHôm nay: 0\nHôm qua: 0\nTrong "
           "tuần: 0\nTất cả: 0\n%s\nĐại diện các sở, ngành của tỉnh cùng dự, "
           "trao đổi về tiến độ giải phóng mặt bằng và nguồn vốn của dự "
           "án.\nCơ quan chủ quản: Ủy ban nhân dân huyện\n",
           HEAD, BODY);
  doc *d = parse_str(t);
  CHECK_STR(d->title, HEAD);
  CHECK_STR(kinds(d),
            "title,dateline,boilerplate,boilerplate,boilerplate,"
            "boilerplate,lead,paragraph,boilerplate");
  doc_free(d);
  /* a footer marker after the article still ends it */
  snprintf(t, sizeof t, "%s\n%s\nHôm nay: 12\nĐịa chỉ: số 1 đường Trần Phú\n",
           HEAD, BODY);
  d = parse_str(t);
  CHECK_STR(kinds(d), "title,lead,boilerplate,boilerplate");
  doc_free(d);
  snprintf(t, sizeof t, "%s\nThứ hai, 26/02/2018 15:25\n4097 Lượt xem\n%s\n",
           HEAD, BODY);
  d = parse_str(t);
  CHECK_STR(d->title, HEAD);
  CHECK_STR(kinds(d), "title,dateline,boilerplate,lead");
  doc_free(d);
}

/* ---- 3. headlines ---- */

static void test_headlines(void) {
  char t[2048];
  snprintf(t, sizeof t, "%s |\n27-10-2014 |\n%s\n", HEAD, BODY);
  check_published(t, HEAD, "2014-10-27");
  /* a caption alone in a table cell, and no headline on the page */
  snprintf(t, sizeof t,
           "|\nKhu vực thi công cầu dân sinh ở bản Nậm Mu\n|\n%s\nCây cầu "
           "hoàn thành sẽ giúp hơn 300 hộ dân đi lại thuận tiện trong mùa "
           "mưa lũ.\n",
           BODY);
  doc *d = parse_str(t);
  CHECK_STR(d->title, NULL);
  CHECK_STR(kinds(d), "banner,caption,banner,lead,paragraph");
  doc_free(d);
  /* a breadcrumb glued to the headline, the headline again below */
  snprintf(t, sizeof t,
           "Trang chủ Thực tiễn %s\nThứ hai, 26 Tháng 2 2018 15:25\n\n%s\n\n"
           "%s\n",
           HEAD, HEAD, BODY);
  check_published(t, HEAD, "2018-02-26T15:25:00+07:00");
  /* a caption wholly in brackets and a sapo signed "Site- …" are no
  ** headlines; "TT- Huế: …" is one */
  snprintf(t, sizeof t,
           "(Đồng chí Lò Văn Mẩy phát biểu khai mạc hội thi)\n%s\n", BODY);
  CHECK_TITLE(t, NULL);
  snprintf(t, sizeof t,
           "Baobanmien- Thực hiện tiết kiệm điện, tắt đèn biển quảng cáo, để "
           "nhiệt độ điều hòa hợp lý và tắt các thiết bị điện không cần "
           "thiết là sự chung tay của người dân trên địa bàn toàn huyện "
           "trong những ngày nắng nóng\n%s\n",
           BODY);
  CHECK_TITLE(t, NULL);
  snprintf(t, sizeof t, "TT- Huế: Thành lập Ban Quản lý dự án nông thôn\n%s\n",
           BODY);
  CHECK_TITLE(t, "TT- Huế: Thành lập Ban Quản lý dự án nông thôn");
  /* without the repeat the line stays the headline (no other candidate) */
  snprintf(t, sizeof t, "Trang chủ tỉnh nâng cấp giao diện mới\n\n%s\n", BODY);
  CHECK_TITLE(t, "Trang chủ tỉnh nâng cấp giao diện mới");
}

/* ---- 4. people ---- */

static void test_people(void) {
  doc *d = parse_facts(
      "Giáo xứ mừng lễ bổn mạng\n\n"
      "Chủ tế Thánh lễ là Cha xứ Giu-se Lò Văn Thiện. Đồng tế có cha Trưởng "
      "hạt Tây Bắc - Phaolô Hà Minh Đức và cha Giuse Vũ Văn Hòa. Hiện diện "
      "có Linh mục Đinh Công Lý và ông An-tôn Lê Văn Khánh, Chủ tịch Hội "
      "đồng Mục vụ Giáo xứ. Thánh lễ do Đức Hồng y Phao-lô Giu-se Trịnh Văn "
      "An chủ sự, có cha Vinh Sơn Hồ Văn Nam.\n");
  check_person(d, "Giu-se Lò Văn Thiện", "Cha xứ");
  check_person(d, "Phaolô Hà Minh Đức", "Trưởng hạt Tây Bắc");
  check_person(d, "Giuse Vũ Văn Hòa", "");
  check_person(d, "Đinh Công Lý", "Linh mục");
  check_person(d, "An-tôn Lê Văn Khánh", "Chủ tịch Hội đồng Mục vụ Giáo xứ");
  check_person(d, "Phao-lô Giu-se Trịnh Văn An", "Đức Hồng y");
  check_person(d, "Vinh Sơn Hồ Văn Nam", "");
  CHECK(person(d, "Vũ Văn Hòa") == NULL);
  doc_free(d);
  d = parse_facts(
      "Đại lễ Phật đản tại chùa\n\n"
      "Chứng minh có Hòa thượng Thích Huệ Minh và Thượng tọa Thích Trí "
      "Quảng, Chủ tịch Hội đồng Điều hành Âu Châu. Dự có ông Trần Văn "
      "Minh, Chủ tịch Hội đồng quản trị, Giám đốc Sở Nội vụ Nguyễn Văn Lạc. "
      "Ủy viên Bộ Chính trị, Bí thư Tỉnh ủy Đỗ Văn Hải và Ủy viên Trung "
      "ương Đảng, Chủ tịch HĐND tỉnh Lại Văn Môn cùng dự.\n");
  check_person(d, "Thích Huệ Minh", "Hòa thượng");
  check_person(d, "Thích Trí Quảng",
               "Thượng tọa; Chủ tịch Hội đồng Điều hành Âu Châu");
  CHECK(person(d, "Âu Châu") == NULL);
  check_person(d, "Trần Văn Minh", "Chủ tịch Hội đồng quản trị");
  check_person(d, "Nguyễn Văn Lạc", "Giám đốc Sở Nội vụ");
  check_person(d, "Đỗ Văn Hải", "Bí thư Tỉnh ủy; Ủy viên Bộ Chính trị");
  check_person(d, "Lại Văn Môn", "Chủ tịch HĐND tỉnh; Ủy viên Trung ương Đảng");
  doc_free(d);
}

/* Titles of set 15's second batch: "kiêm" before a lower-case title,
** "Nguyên"/"Cựu" (former) in capitals, "được bầu vào", "UV.BTV", "Nhà
** lãnh đạo", "cơ quan" inside a title; a name whose surname is not in
** the list before "Thị". */
static void test_titles_15(void) {
  doc *d = parse_facts(
      "Lễ kỷ niệm 30 năm thành lập Hội\n\n"
      "Đồng chí Trần Bá Hưng, Phó chủ tịch kiêm tổng thư ký Hội Xây dựng "
      "tỉnh phát biểu. Tri ân đồng chí Nguyên Chủ tịch nước – Lê Văn Sang. "
      "Đồng chí Mai Khắc Tuân – Cựu chủ tịch hội cựu chiến binh thị trấn "
      "Liên Sơn ôn lại truyền thống. Năm 1992, đồng chí Lê Đình Đô được "
      "bầu vào chủ tịch hội khoá I. Đồng chí Dương Phú Mận – UV.BTV Đảng "
      "ủy – Chủ tịch UBMTTQ Việt Nam xã chủ trì. Chủ tịch Hội Cựu chiến "
      "binh cơ quan BHXH tỉnh Dương Văn Thành nhận Bằng khen. Thủ tướng đón "
      "Nhà lãnh đạo Triều Tiên Kim Jong-un. Bà Trinh Thị Mừng bật khóc.\n");
  check_person(d, "Trần Bá Hưng",
               "Phó chủ tịch kiêm tổng thư ký Hội Xây dựng tỉnh");
  check_person(d, "Lê Văn Sang", "Nguyên Chủ tịch nước");
  check_person(d, "Mai Khắc Tuân",
               "Cựu chủ tịch hội cựu chiến binh thị trấn Liên Sơn");
  check_person(d, "Lê Đình Đô", "chủ tịch hội");
  check_person(d, "Dương Phú Mận",
               "UV.BTV Đảng ủy; Chủ tịch UBMTTQ Việt Nam xã");
  check_person(d, "Dương Văn Thành",
               "Chủ tịch Hội Cựu chiến binh cơ quan "
               "BHXH tỉnh");
  check_person(d, "Kim Jong-un", "Nhà lãnh đạo Triều Tiên");
  check_person(d, "Trinh Thị Mừng", "");
  doc_free(d);
  /* no name cut inside a word, nor one ending in "Thị"; names before
  ** "cho biết" and "hướng dẫn" stay */
  d = parse_facts(
      "Tin vắn\n\n"
      "Ông Lê Văn Hưng làm trưởng đoàn Đoàn Kiểm tra của Ban Chỉ "
      "đạo. Đối tượng Dương Công an cùng tang vật. Vụ trưởng Lê "
      "Dũng cho biết như vậy. Do bà Mai Phương hướng dẫn làm. Ông "
      "Dương Thành Thị, Chủ tịch HĐND quận dự. Kết nạp quần chúng ưu "
      "tú: Trịnh Thị Hoài. Nhóm tác giả Tạ Bá Hương, Thèn Thị Hương "
      "đoạt giải; nhà thơ Nguyễn Khoa Điền đọc thơ.\n+ Bà Búi Ngọc "
      "Hiền – Phó bí thư chi bộ\nTại tỉnh Bà Rịa Vũng Tàu mưa "
      "lớn.\nĐối tượng Trần Thị\n");
  CHECK(person(d, "Đoàn Kiểm") == NULL);
  CHECK(person(d, "Rịa Vũng Tàu") == NULL);
  check_person(d, "Búi Ngọc Hiền", "Phó bí thư chi bộ");
  check_person(d, "Trịnh Thị Hoài", "");
  check_person(d, "Tạ Bá Hương", "");
  check_person(d, "Thèn Thị Hương", "");
  check_person(d, "Nguyễn Khoa Điền", "nhà thơ"); /* data/degrees.txt */
  CHECK(person(d, "Dương Công") == NULL);
  CHECK(person(d, "Trần Thị") == NULL);
  check_person(d, "Lê Dũng", "Vụ trưởng");
  check_person(d, "Mai Phương", "");
  check_person(d, "Dương Thành Thị", "Chủ tịch HĐND quận");
  doc_free(d);
}

int main(void) {
  test_dates();
  test_counters();
  test_headlines();
  test_people();
  test_titles_15();
  return check_done();
}
