/*
** test_parse_pages22.c — the parser on the layouts of held-out set 22
** that the earlier rules missed, each in a text written for this test
** (no page text copied).
** Plan:
**  1. Monastic ranks abbreviated before a dharma name ("HT. Thích …",
**     "TT Thích …", "NT. Thích Nữ …", data/monastic-ranks.txt): a title,
**     the dot no sentence end; before other words no title ("TT Huế").
**     A dharma name whose first syllable is a word of not-name.txt
**     ("Thích Từ Nguyện") stays whole.
**  2. Sangha posts of data/titles.txt: "Chánh thư ký" ("Phó Chánh thư
**     ký"), "Pháp chủ", "Chứng minh Ban Trị sự", "Thành viên Hội đồng
**     Chứng minh".
**  3. A person's second title after ';' ("A, Ủy viên …; Phó Chủ tịch …;
**     B, …"), when it ends its item; a title a name follows after the
**     ';' stays that name's.
**  4. A breadcrumb line that opens with "Trang chủ" and ends with the
**     headline cut by an ellipsis ("… có trụ..." over "… có trụ trì"):
**     chrome, not the headline.
**  5. A wire mark opening the lead without a place, its agency with a
**     Vietnamese capital and a dash before the date ("(BVĐK-12/03/2019)
**     Sáng nay …"): the publication date.
**  6. An organisation's short form in brackets after a first title, a
**     separator after it ("… Việt Nam (GHPGVN), Trưởng Ban …"): the
**     chain of titles goes on past it.
**  7. The span up to now ("trong 5 năm qua"): a duration figure "5 năm",
**     as "3 tháng qua" gives "3 tháng"; "tháng 12 năm qua" (a date) none.
**  8. "chùa" inside a title (data/title-words.txt): "trụ trì chùa Linh
**     Quang", not "trụ trì" cut before the pagoda.
*/
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "date.h"
#include "doc.h"
#include "extract.h"
#include "parse.h"
#include "parse_check.h"

#define HEAD "Chùa làng tổ chức lễ an vị tượng Phật và khánh thành nhà Tổ"

/* ---- 1. monastic ranks before "Thích" ---- */

static void test_monastic_ranks(void) {
  doc *d = parse_facts(HEAD
                       "\n\nChứng minh buổi lễ có HT. Thích Minh Hải, "
                       "Trưởng Ban Trị sự tỉnh; TT. Thích Quang Đạo, "
                       "Phó Trưởng Ban Trị sự tỉnh; NT. Thích Nữ Diệu "
                       "Liên; ĐĐ. Thích Từ Tâm, Ủy viên Thường trực và "
                       "SC Thích Nữ Hạnh Nguyên.\n");
  check_person(d, "Thích Minh Hải", "HT; Trưởng Ban Trị sự tỉnh");
  check_person(d, "Thích Quang Đạo", "TT; Phó Trưởng Ban Trị sự tỉnh");
  check_person(d, "Thích Nữ Diệu Liên", "NT");
  check_person(d, "Thích Từ Tâm", "ĐĐ; Ủy viên Thường trực");
  check_person(d, "Thích Nữ Hạnh Nguyên", "SC");
  doc_free(d);
  /* before other words the abbreviations are no rank */
  d = parse_facts(HEAD
                  "\n\nĐoàn đã đến TT Phú Mỹ. Ông Lê Văn Hòa, Chủ "
                  "tịch UBND TT Phú Mỹ đón đoàn.\n");
  CHECK(person(d, "Phú Mỹ") == NULL);
  check_person(d, "Lê Văn Hòa", "Chủ tịch UBND TT Phú Mỹ");
  doc_free(d);
}

/* ---- 2. Sangha posts ---- */

static void test_sangha_posts(void) {
  doc *d = parse_facts(
      HEAD
      "\n\nCó HT. Thích Giác Tâm, Chứng minh Ban Trị sự tỉnh; TT. "
      "Thích Đức Thiện, Phó Trưởng Ban Trị sự kiêm Chánh Thư ký Ban "
      "Trị sự tỉnh, Trưởng Ban Trị sự huyện; TT. Thích Minh Quang, "
      "Chánh Thư ký Ban Trị sự tỉnh; HT. Thích Quảng Tâm, Phó Pháp "
      "chủ Hội đồng Chứng minh; ĐĐ. Thích Tâm Đức, Thành viên Hội "
      "đồng Chứng minh.\n");
  check_person(d, "Thích Giác Tâm", "HT; Chứng minh Ban Trị sự tỉnh");
  check_person(d, "Thích Đức Thiện",
               "TT; Phó Trưởng Ban Trị sự kiêm Chánh Thư ký Ban Trị sự "
               "tỉnh; Trưởng Ban Trị sự huyện");
  check_person(d, "Thích Minh Quang", "TT; Chánh Thư ký Ban Trị sự tỉnh");
  check_person(d, "Thích Quảng Tâm", "HT; Phó Pháp chủ Hội đồng Chứng minh");
  check_person(d, "Thích Tâm Đức", "ĐĐ; Thành viên Hội đồng Chứng minh");
  doc_free(d);
}

/* ---- 3. a second title after ';' ---- */

static void test_semicolon_title(void) {
  doc *d =
      parse_facts(HEAD
                  "\n\nDự họp có các đồng chí: Lê Thị Mai, Ủy viên Ban Thường "
                  "vụ Tỉnh ủy; Phó Chủ tịch Thường trực HĐND tỉnh; Trần Văn "
                  "Bình, Phó trưởng Đoàn ĐBQH tỉnh dự. Ông Đỗ Văn Hải, Giám "
                  "đốc Sở Y tế; Phó Giám đốc Sở Tài chính Lê Văn Tú.\n");
  check_person(d, "Lê Thị Mai",
               "Ủy viên Ban Thường vụ Tỉnh ủy; Phó Chủ "
               "tịch Thường trực HĐND tỉnh");
  check_person(d, "Trần Văn Bình", "Phó trưởng Đoàn ĐBQH tỉnh");
  check_person(d, "Đỗ Văn Hải", "Giám đốc Sở Y tế");
  check_person(d, "Lê Văn Tú", "Phó Giám đốc Sở Tài chính");
  doc_free(d);
}

/* ---- 4. a breadcrumb ending in the cut headline ---- */

#define BODY                                                                                      \
  "Sáng nay, hàng trăm phật tử đã về dự lễ do Ban Trị sự huyện tổ chức " \
  "tại ngôi chùa cổ của làng."

static void test_cut_crumb(void) {
  CHECK_TITLE(
      "Trang chủ Tin Phật sự Lâm Đồng: Chùa Linh Sơn, xã Tân Hà "
      "đón nhận tân trụ...\n\nLâm Đồng: Chùa Linh Sơn, xã Tân Hà "
      "đón nhận tân trụ trì\n\n" BODY "\n",
      "Lâm Đồng: Chùa Linh Sơn, xã Tân Hà đón nhận tân trụ trì");
  CHECK_TITLE(
      "Trang chủ Tin tức Lễ an vị tượng Phật tại chùa Linh "
      "Sơn…\n\nLễ an vị tượng Phật tại chùa Linh Sơn xã Tân "
      "Hà\n\n" BODY "\n",
      "Lễ an vị tượng Phật tại chùa Linh Sơn xã Tân Hà");
  /* an ellipsis that cuts no line below: the line stays a headline */
  CHECK_TITLE("Chùa Linh Sơn đón nhận tân trụ trì...\n\n" BODY "\n",
              "Chùa Linh Sơn đón nhận tân trụ trì...");
}

/* ---- 5. an agency's mark with its date opening the lead ---- */

static void test_wire_mark(void) {
  const char *tail =
      " Sáng nay, bệnh viện đã tổ chức hội nghị cán bộ, viên "
      "chức năm 2019.\n\nHội nghị đã tuyên dương các tập "
      "thể có thành tích xuất sắc.\n";
  static const struct {
    const char *mark, *want;
  } cases[] = {{"(BVĐK-12/03/2019)", "2019-03-12"},
               {"(BVĐK 12/03/2019)", "2019-03-12"},
               {"(BVĐK - 12/03/2019)", "2019-03-12"},
               {"Hà Nội (TTXVN 12/03/2019)", "2019-03-12"},
               {"(Ảnh 12/03/2019)", NULL}};
  for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
    char buf[512];
    snprintf(buf, sizeof buf, "%s%s", cases[i].mark, tail);
    doc *d = parse_str(buf);
    CHECK_STR(d->published, cases[i].want);
    doc_free(d);
  }
}

/* ---- 6. a short form between two titles ---- */

static void test_short_form_between(void) {
  doc *d = parse_facts(HEAD
                       "\n\nChủ trì là Hòa thượng Thích Quảng Tâm - Phó "
                       "Chủ tịch Hội đồng Trị sự Giáo hội Phật giáo "
                       "Việt Nam (GHPGVN), Trưởng Ban Trị sự GHPGVN "
                       "tỉnh Kon Tum; ông Lê Văn Hùng, Chủ tịch Liên "
                       "đoàn Bóng đá tỉnh (LĐBĐ) – Trưởng ban Thi đấu "
                       "của Liên đoàn phát biểu.\n");
  check_person(d, "Thích Quảng Tâm",
               "Hòa thượng; Phó Chủ tịch Hội đồng Trị sự Giáo hội Phật "
               "giáo Việt Nam; Trưởng Ban Trị sự GHPGVN tỉnh Kon Tum");
  check_person(d, "Lê Văn Hùng",
               "Chủ tịch Liên đoàn Bóng đá tỉnh; Trưởng "
               "ban Thi đấu của Liên đoàn");
  doc_free(d);
}

/* ---- 7. "N năm qua" ---- */

static void test_years_past(void) {
  doc *d = parse_facts(HEAD
                       "\n\nTrong 5 năm qua, Đảng bộ xã đã lãnh đạo "
                       "nhân dân hoàn thành các chỉ tiêu; 3 tháng qua "
                       "xã đã làm 2 km đường. Vào tháng 12 năm qua xã "
                       "đón bằng công nhận.\n");
  const doc_figure *f = fig_is(d, "5 năm");
  CHECK(f != NULL);
  if (f) CHECK_STR(f->unit, "năm");
  CHECK(fig_is(d, "3 tháng") != NULL);
  CHECK(fig_is(d, "12 năm") == NULL);
  doc_free(d);
}

/* ---- 8. a pagoda inside a title ---- */

static void test_pagoda_title(void) {
  doc *d = parse_facts(HEAD
                       "\n\nĐại đức Thích Minh Đạo, trụ trì chùa Linh "
                       "Quang, đại diện chư Tăng phát nguyện.\n");
  check_person(d, "Thích Minh Đạo", "Đại đức; trụ trì chùa Linh Quang");
  doc_free(d);
}

int main(void) {
  test_monastic_ranks();
  test_sangha_posts();
  test_semicolon_title();
  test_cut_crumb();
  test_wire_mark();
  test_short_form_between();
  test_years_past();
  test_pagoda_title();
  return check_done();
}
