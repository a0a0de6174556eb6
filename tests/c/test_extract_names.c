/*
** test_extract_names.c — capitalised runs that are not people
** (extract_people.c, data/not-person-after.txt), on invented sentences.
** Plan:
**  1. a name-shaped run after a school, organisation or street word is
**     that thing's name, even after a title ("Hiệu trưởng Trường THPT
**     Lê Quý Đôn", "Đại học Nông Lâm", "đường Lê Văn Tám", "Công ty Hoàng
**     Long"): no person.
**  2. after an administrative unit a two-syllable run is the unit's name
**     ("Chủ tịch UBND xã Hoàng Lâm"): no person; a three-syllable one is
**     the person holding the title ("Chủ tịch UBND huyện Trần Văn Bình").
**     A longer run holds the unit's name, then the person's from the last
**     surname with three words after it ("huyện Thạch Hà Nguyễn Văn An",
**     "thành phố Huế Trần Văn Thành", "TP Hồ Chí Minh Lê Thành Phong");
**     a run of three after a unit with no surname first is the unit's
**     ("quận Nam Từ Liêm, Ủy viên ..." names nobody "Từ Liêm").
**  3. a word of such a list that ends a capitalised compound is no head:
**     "Bộ trưởng Bộ Tài nguyên và Môi trường Trần Hồng Sơn" is a person.
**  4. real people in the same sentences stay, with their titles.
**  5. title shapes: a dash glued between name and title ("Nguyễn Thành
**     Tâm-Ủy viên ..."), a link with words inside ("được tín nhiệm tái
**     bầu làm Bí thư Tỉnh ủy").
*/
#include <stdio.h>
#include <string.h>

#include "check.h"
#include "doc.h"
#include "extract.h"

static doc *para(const char *text) {
  doc *d = doc_new("test");
  doc_block b = {BK_PARAGRAPH, doc_str(d, text, strlen(text)), 0, strlen(text)};
  VEC_PUSH(d->blocks, b);
  CHECK(extract_facts(d) == 0);
  return d;
}

static const doc_person *person(const doc *d, const char *name) {
  for (size_t i = 0; i < d->people.n; i++)
    if (strcmp(d->people.items[i].name, name) == 0) return &d->people.items[i];
  return NULL;
}

/* The first title of the person called name, or NULL. */
static const char *title_of(const doc *d, const char *name) {
  const doc_person *p = person(d, name);
  return p && p->titles.n ? p->titles.items[0] : NULL;
}

static void things(void) {
  doc *d = para(
      "Hiệu trưởng Trường THPT Lê Quý Đôn cho biết năm nay trường "
      "có thêm lớp mới.");
  CHECK(d->people.n == 0);
  doc_free(d);
  d = para("Trưởng khoa Kinh tế trường Đại học Nông Lâm phát biểu.");
  CHECK(d->people.n == 0);
  doc_free(d);
  d = para(
      "Ông Nguyễn Văn Tư, Giám đốc Công ty Hoàng Long, có nhà trên "
      "đường Lê Văn Tám.");
  CHECK(person(d, "Hoàng Long") == NULL && person(d, "Lê Văn Tám") == NULL);
  CHECK_STR(title_of(d, "Nguyễn Văn Tư"), "Giám đốc Công ty Hoàng Long");
  doc_free(d);
}

static void admin_units(void) {
  doc *d = para(
      "Chủ tịch UBND xã Hoàng Lâm cho biết xã đã hoàn thành kế "
      "hoạch.");
  CHECK(d->people.n == 0);
  doc_free(d);
  d = para(
      "Chủ tịch UBND huyện Trần Văn Bình cho biết huyện đã hoàn thành "
      "kế hoạch.");
  CHECK_STR(title_of(d, "Trần Văn Bình"), "Chủ tịch UBND huyện");
  doc_free(d);
  d = para(
      "Chủ tịch UBND huyện Thạch Hà Nguyễn Văn An, Chủ tịch UBND thành "
      "phố Huế Trần Văn Thành và Phó Chủ tịch UBND TP Hồ Chí Minh Lê "
      "Thành Phong dự họp.");
  CHECK_STR(title_of(d, "Nguyễn Văn An"), "Chủ tịch UBND huyện Thạch Hà");
  CHECK_STR(title_of(d, "Trần Văn Thành"), "Chủ tịch UBND thành phố Huế");
  CHECK_STR(title_of(d, "Lê Thành Phong"), "Phó Chủ tịch UBND TP Hồ Chí Minh");
  CHECK(d->people.n == 3);
  doc_free(d);
  d = para(
      "Khi làm việc với quận Nam Từ Liêm, Ủy viên Bộ Chính trị, Bí thư "
      "Thành ủy Hoàng Trung Sơn đề nghị.");
  CHECK(d->people.n == 1);
  CHECK_STR(title_of(d, "Hoàng Trung Sơn"), "Bí thư Thành ủy");
  doc_free(d);
}

static void compounds(void) {
  doc *d = para("Bộ trưởng Bộ Tài nguyên và Môi trường Trần Hồng Sơn dự họp.");
  CHECK_STR(title_of(d, "Trần Hồng Sơn"),
            "Bộ trưởng Bộ Tài nguyên và Môi trường");
  doc_free(d);
}

static void title_shapes(void) {
  doc *d = para(
      "Đồng chí Nguyễn Thành Tâm-Ủy viên Trung ương Đảng, Bí thư "
      "Tỉnh ủy phát biểu.");
  CHECK_STR(title_of(d, "Nguyễn Thành Tâm"), "Ủy viên Trung ương Đảng");
  doc_free(d);
  d = para(
      "Đồng chí Trần Văn Sơn được tín nhiệm tái bầu làm Bí thư Tỉnh ủy "
      "nhiệm kỳ mới.");
  CHECK_STR(title_of(d, "Trần Văn Sơn"), "Bí thư Tỉnh ủy");
  doc_free(d);
}

/* A word of not-name.txt ("Chiều", "Sáng": time words and given names)
** after a surname and a middle name only is the given name; before a
** number or "nay" it stays a time word. */
static void time_word_given_names(void) {
  doc *d = para(
      "Ông Hoàng Văn Chiều được bầu làm Chủ tịch UBND huyện; bà Lê Thị "
      "Sáng, Phó Chủ tịch UBND xã, phát biểu.");
  CHECK_STR(title_of(d, "Hoàng Văn Chiều"), "Chủ tịch UBND huyện");
  CHECK_STR(title_of(d, "Lê Thị Sáng"), "Phó Chủ tịch UBND xã");
  CHECK(person(d, "Hoàng Văn") == NULL);
  doc_free(d);
  d = para("Ông Nguyễn Văn Hùng, Chủ tịch UBND tỉnh. Chiều 5/3, đoàn về xã.");
  CHECK_STR(title_of(d, "Nguyễn Văn Hùng"), "Chủ tịch UBND tỉnh");
  CHECK(d->people.n == 1);
  doc_free(d);
}

/* A term of office ending a title is left out: one post, one title. */
static void terms(void) {
  doc *d = para(
      "Ông Dương Văn Định, Phó Chủ tịch HĐND huyện khóa XIX; bà Lê Thị "
      "Hoa, đại biểu Quốc hội khoá 14, Ủy viên Ban Chấp hành Trung ương "
      "Đảng khóa XIII cùng dự.");
  CHECK_STR(title_of(d, "Dương Văn Định"), "Phó Chủ tịch HĐND huyện");
  const doc_person *p = person(d, "Lê Thị Hoa");
  CHECK(p && p->titles.n == 2);
  if (p && p->titles.n == 2) {
    CHECK_STR(p->titles.items[0], "đại biểu Quốc hội");
    CHECK_STR(p->titles.items[1], "Ủy viên Ban Chấp hành Trung ương Đảng");
  }
  doc_free(d);
}

/* A link after a link adverb and a count of votes ("đã được 100% đại
** biểu tín nhiệm bầu giữ chức", "được 35/35 đại biểu bầu làm"); a name
** with a link of its own takes no later name's linked title. */
static void vote_links(void) {
  doc *d = para(
      "Đồng chí Nguyễn Ngô Quyết, Bí thư Huyện ủy đã được 100% đại biểu "
      "tín nhiệm bầu giữ chức Chủ tịch HĐND huyện; đồng chí Dương Văn "
      "Định được 35/35 đại biểu bầu làm Phó Chủ tịch HĐND huyện.");
  const doc_person *p = person(d, "Nguyễn Ngô Quyết");
  CHECK(p && p->titles.n == 2);
  if (p && p->titles.n == 2)
    CHECK_STR(p->titles.items[1], "Chủ tịch HĐND huyện");
  CHECK_STR(title_of(d, "Dương Văn Định"), "Phó Chủ tịch HĐND huyện");
  doc_free(d);
}

/* Titles in a bracket after the name, ", một Title"; a bracket that
** opens with no title is an aside, skipped. */
static void bracket_titles(void) {
  doc *d = para(
      "Bầu bổ sung Ủy viên UBND tỉnh đối với các ông: Nguyễn Toàn Thắng "
      "(Giám đốc Sở Nông nghiệp và Môi trường), ông Trần Quang Lâm "
      "(Giám đốc Sở Xây dựng, Phó Bí thư Đảng ủy) và ông Phạm Huy Bình "
      "(50 tuổi), Giám đốc Sở Du lịch.");
  CHECK_STR(title_of(d, "Nguyễn Toàn Thắng"),
            "Giám đốc Sở Nông nghiệp và Môi trường");
  const doc_person *p = person(d, "Trần Quang Lâm");
  CHECK(p && p->titles.n == 2);
  CHECK_STR(title_of(d, "Phạm Huy Bình"), "Giám đốc Sở Du lịch");
  doc_free(d);
  d = para(
      "Trung tá Lê Triều Dương (Trưởng Công an xã Tam Hưng, Thanh Oai) "
      "lý giải; ông Vũ Ngọc Anh, một Bí thư chi bộ thôn, quả quyết.");
  p = person(d, "Lê Triều Dương");
  CHECK(p && p->titles.n == 2);
  if (p && p->titles.n == 2)
    CHECK_STR(p->titles.items[1], "Trưởng Công an xã Tam Hưng");
  CHECK_STR(title_of(d, "Vũ Ngọc Anh"), "Bí thư chi bộ thôn");
  doc_free(d);
}

/* A title right after an honorific's name, the comma left out; without
** the honorific a title head there starts the next mention. New links:
** "tái giữ chức", "được tái bổ nhiệm giữ chức". */
static void glued_titles(void) {
  doc *d = para(
      "Đồng chí Lê Đình Sơn ủy viên BCH TW Đảng, Bí thư Tỉnh ủy đã tới "
      "dự. Đại hội bầu bà Phạm Thanh Minh tái giữ chức Chủ tịch Hội.");
  const doc_person *p = person(d, "Lê Đình Sơn");
  CHECK(p && p->titles.n == 2);
  if (p && p->titles.n == 2)
    CHECK_STR(p->titles.items[0], "ủy viên BCH TW Đảng");
  CHECK_STR(title_of(d, "Phạm Thanh Minh"), "Chủ tịch Hội");
  doc_free(d);
  d = para("Thủ tướng Nguyễn Xuân Phúc Tiến sĩ Terry Fox phát biểu.");
  p = person(d, "Nguyễn Xuân Phúc");
  CHECK(p && p->titles.n == 1);
  doc_free(d);
}

/* "TP." before a city ends no sentence and stays in the title; a time
** of day inside a name is a name syllable ("Nguyễn Sáng Vang"), not
** another not-name word ("Lầu Năm Góc", the Pentagon). */
static void city_dots(void) {
  doc *d = para(
      "Ông Nguyễn Thành Phong, Chủ tịch UBND TP. Hồ Chí Minh, dự. Dưới sự "
      "chủ trì của đồng chí Nguyễn Sáng Vang, Bí thư Tỉnh ủy, hội nghị "
      "bàn việc. Người phát ngôn Lầu Năm Góc cho biết. Dự án lớn nhất "
      "TP. Sau đó, ông Lê Văn Hải, Chủ tịch UBND TP phát biểu.");
  CHECK_STR(title_of(d, "Nguyễn Thành Phong"), "Chủ tịch UBND TP. Hồ Chí Minh");
  CHECK_STR(title_of(d, "Nguyễn Sáng Vang"), "Bí thư Tỉnh ủy");
  CHECK(person(d, "Lầu Năm Góc") == NULL);
  CHECK_STR(title_of(d, "Lê Văn Hải"), "Chủ tịch UBND TP");
  doc_free(d);
}

/* A long title (19 words, lower-case words of title-orgs.txt inside)
** before a name is read whole, and its name with it. */
static void long_titles(void) {
  doc *d = para(
      "Phóng viên trao đổi với Phó Chánh Văn phòng Thường trực Văn phòng "
      "điều phối Chương trình xây dựng nông thôn mới Hà Nội Nguyễn Văn Chí "
      "về việc xây dựng nông thôn mới.");
  CHECK_STR(title_of(d, "Nguyễn Văn Chí"),
            "Phó Chánh Văn phòng Thường trực Văn phòng điều phối Chương "
            "trình xây dựng nông thôn mới Hà Nội");
  doc_free(d);
}

/* A name in capitals after a title or an honorific (a signature, an
** author's line); a headline in capitals is no name. */
static void caps_names(void) {
  doc *d = para(
      "Bí thư Thị ủy, Chủ tịch UBND thị xã Đức Phổ TRẦN PHƯỚC HIỀN. Đồng "
      "chí HỒ QUỐC DŨNG phát biểu. ĐẠI HỘI ĐẢNG BỘ TỈNH LẦN THỨ XV.");
  const doc_person *p = person(d, "TRẦN PHƯỚC HIỀN");
  CHECK(p && p->titles.n == 2);
  CHECK(person(d, "HỒ QUỐC DŨNG") != NULL);
  CHECK(d->people.n == 2);
  doc_free(d);
}

/* Company-grade ranks are titles as the field-grade ones are ("Đại úy",
** "Thượng uý", both tone spellings); "Lỳ" (Hà Nhì) is a surname. */
static void ranks(void) {
  doc *d =
      para("Đại úy Lỳ Hừ Cà dẫn đường. Thượng uý Nguyễn Văn Nam trực đồn.");
  CHECK_STR(title_of(d, "Lỳ Hừ Cà"), "Đại úy");
  CHECK_STR(title_of(d, "Nguyễn Văn Nam"), "Thượng uý");
  doc_free(d);
}

/* Degrees make a name a person and are titles of their own
** (data/degrees.txt), also with an abbreviation in brackets between
** ("Tiến sĩ (TS) Trần Long"); a capitalised honorific before a name ends
** the title before it. */
static void degrees(void) {
  doc *d = para(
      "Phó Giáo sư, Tiến sĩ Đoàn Minh Huấn, Ủy viên Bộ Chính trị dự. "
      "Tiến sĩ (TS) Trần Long giảng bài.");
  const doc_person *p = person(d, "Đoàn Minh Huấn");
  CHECK(p && p->titles.n == 3);
  if (p && p->titles.n == 3) {
    CHECK_STR(p->titles.items[0], "Tiến sĩ");
    CHECK_STR(p->titles.items[1], "Phó Giáo sư");
    CHECK_STR(p->titles.items[2], "Ủy viên Bộ Chính trị");
  }
  CHECK_STR(title_of(d, "Trần Long"), "Tiến sĩ");
  doc_free(d);
  d = para(
      "Ông Lê Thanh Hải, Phó Tổng Giám đốc Trung tâm Dầu khí Ông Lê Thanh "
      "Hải cho biết.");
  CHECK_STR(title_of(d, "Lê Thanh Hải"), "Phó Tổng Giám đốc Trung tâm Dầu khí");
  doc_free(d);
}

/* Lower-case phrases of a unit's name go on in the title ("quốc gia",
** "phát triển quỹ đất", "thị trấn"), "đồng chủ trì" ends one, "tái cử giữ chức"
*is
** a link. */
static void unit_phrases(void) {
  doc *d = para(
      "Ông Nguyễn Xuân Thắng, Giám đốc Học viện Chính trị quốc gia Hồ Chí "
      "Minh làm Trưởng đoàn. Ông Nguyễn Trí Hữu, Giám đốc Trung tâm phát "
      "triển quỹ đất tỉnh Quảng Trị, vắng. Đồng chí Nguyễn Công Thanh - "
      "Phó Chủ tịch HĐND tỉnh đồng chủ trì. Ông Huỳnh Tấn Việt tái cử "
      "giữ chức Chủ tịch HĐND tỉnh.");
  const doc_person *p = person(d, "Nguyễn Xuân Thắng");
  CHECK(p && p->titles.n == 2);
  if (p && p->titles.n == 2) CHECK_STR(p->titles.items[1], "Trưởng đoàn");
  CHECK_STR(title_of(d, "Nguyễn Xuân Thắng"),
            "Giám đốc Học viện Chính trị quốc gia Hồ Chí Minh");
  CHECK_STR(title_of(d, "Nguyễn Trí Hữu"),
            "Giám đốc Trung tâm phát triển quỹ đất tỉnh Quảng Trị");
  CHECK_STR(title_of(d, "Nguyễn Công Thanh"), "Phó Chủ tịch HĐND tỉnh");
  CHECK_STR(title_of(d, "Huỳnh Tấn Việt"), "Chủ tịch HĐND tỉnh");
  doc_free(d);
  d = para(
      "Ông Dương Đình Quang - chủ tịch UBND thị trấn Bến Quan cho biết. Ông "
      "Phạm Văn May, Chủ tịch xã Bát Tràng trấn an dân.");
  CHECK_STR(title_of(d, "Dương Đình Quang"), "chủ tịch UBND thị trấn Bến Quan");
  CHECK_STR(title_of(d, "Phạm Văn May"), "Chủ tịch xã Bát Tràng");
  CHECK(d->people.n == 2);
  doc_free(d);
}

/* A title right before a lower-case honorific is the name's ("Chủ tịch
** UBND huyện đồng chí A"), not after a capitalised word ("Thủ tướng Theo
** ông B"); a comma may stand between the titles and a link. */
static void title_then_honorific(void) {
  doc *d = para(
      "Chủ tịch UBND huyện đồng chí Nguyễn Thum Em tiếp thu. Gặp Thủ tướng "
      "Theo ông Nguyễn Văn Đệ thì khó. Đại tá Phan Huy Ngọc, Giám đốc Công "
      "an tỉnh, được HĐND bầu giữ chức Chủ tịch UBND tỉnh.");
  CHECK_STR(title_of(d, "Nguyễn Thum Em"), "Chủ tịch UBND huyện");
  const doc_person *p = person(d, "Nguyễn Văn Đệ");
  CHECK(p && p->titles.n == 0);
  p = person(d, "Phan Huy Ngọc");
  CHECK(p && p->titles.n == 3);
  if (p && p->titles.n == 3)
    CHECK_STR(p->titles.items[2], "Chủ tịch UBND tỉnh");
  doc_free(d);
}

int main(void) {
  printf("plan: schools, streets, units and companies are not people\n");
  time_word_given_names();
  terms();
  vote_links();
  bracket_titles();
  glued_titles();
  city_dots();
  long_titles();
  caps_names();
  ranks();
  degrees();
  unit_phrases();
  title_then_honorific();
  things();
  admin_units();
  compounds();
  title_shapes();
  return check_done();
}
