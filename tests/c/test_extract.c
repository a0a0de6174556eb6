/*
** test_extract.c — hand-made cases for the fact extractors.
**
** Plan: build documents block by block (doc_new + VEC_PUSH of doc_block),
** run extract_facts and check each fact kind: every number form
** (Vietnamese and English separators, leading zeros, multipliers,
** compound units, ratios, qualifiers, subjects), every reference form
** (with/without "số", dates d/m/yyyy and "ngày .. tháng .. năm ..",
** issuers, code-derived kinds), periods and congresses (Roman numerals),
** people with titles before/after, merged across blocks, places from the
** gazetteer and prefixes, quotes, inline abbreviations — and, for each,
** what must NOT become a fact (dates, years, document numbers, list
** numbers, names with numbers, slogans, org names, non-body blocks);
** figure kinds (durations) and units that are words of the segmenter.
** Ends with long single-line inputs that must finish (no quadratic scan).
*/
#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "doc.h"
#include "extract.h"
#include "extract_int.h"

static doc *mk(int n, const doc_kind *kinds, const char *const *texts) {
  doc *d = doc_new("test");
  for (int i = 0; i < n; i++) {
    doc_block b = {kinds[i], doc_str(d, texts[i], strlen(texts[i])), 0,
                   strlen(texts[i])};
    VEC_PUSH(d->blocks, b);
  }
  CHECK(extract_facts(d) == 0);
  return d;
}

static doc *para(const char *text) {
  doc_kind k = BK_PARAGRAPH;
  return mk(1, &k, &text);
}

static const doc_figure *fig(const doc *d, size_t i) {
  return i < d->figures.n ? &d->figures.items[i] : NULL;
}

static int near(double a, double b) {
  return fabs(a - b) <= 1e-9 * (fabs(a) + fabs(b) + 1);
}

static void test_numbers(void) {
  CHECK(near(xt_number("57,7", 4), 57.7));
  CHECK(near(xt_number("5.000", 5), 5000));
  CHECK(near(xt_number("1.297.314", 9), 1297314));
  CHECK(near(xt_number("2492", 4), 2492));
  CHECK(near(xt_number("05", 2), 5));
  CHECK(near(xt_number("12,357", 6), 12.357));
  CHECK(near(xt_number("1,297,314", 9), 1297314)); /* English thousands */
  CHECK(near(xt_number("2.5", 3), 2.5));           /* English decimal */
  CHECK(near(xt_number("1.234,5", 7), 1234.5));
  CHECK(near(xt_number("1,234.5", 7), 1234.5));
  CHECK(xt_roman("XXIV", 4) == 24);
  CHECK(xt_roman("XIII", 4) == 13);
  CHECK(xt_roman("IX", 2) == 9);
  CHECK(xt_roman("XVI", 3) == 16);
  CHECK(xt_roman("HĐND", 6) == 0);
}

static void test_figures(void) {
  doc *d = para(
      "Phấn đấu đến năm 2025, cơ cấu kinh tế chuyển dịch theo hướng tích "
      "cực, trong đó: Dịch vụ chiếm 57,7%; công nghiệp - xây dựng chiếm "
      "35,7%.");
  CHECK(d->figures.n == 2);
  const doc_figure *f = fig(d, 0);
  if (f) {
    CHECK(near(f->value, 57.7));
    CHECK_STR(f->unit, "%");
    CHECK(near(f->base, 57.7));
    CHECK_STR(f->base_unit, "%");
    CHECK_STR(f->text, "57,7%");
    CHECK_STR(f->subject, "Dịch vụ");
    CHECK(f->qualifier == NULL);
    CHECK(f->sentence && strstr(f->sentence, "Dịch vụ chiếm") != NULL);
  }
  if ((f = fig(d, 1))) CHECK_STR(f->subject, "công nghiệp - xây dựng");
  doc_free(d);

  d = para(
      "Thu ngân sách nhà nước năm 2023 đạt cao nhất từ trước đến nay, đạt "
      "gần 5.000 tỷ đồng, tăng 31% so với cùng kỳ; tổng thu 2 tháng đầu năm "
      "2024 đạt trên 520 tỷ đồng.");
  CHECK(d->figures.n == 3); /* "2 tháng" is a duration, not a figure */
  if ((f = fig(d, 0))) {
    CHECK(near(f->value, 5000));
    CHECK_STR(f->unit, "tỷ đồng");
    CHECK(near(f->base, 5e12));
    CHECK_STR(f->base_unit, "đồng");
    CHECK_STR(f->qualifier, "đạt gần");
    CHECK_STR(f->text, "đạt gần 5.000 tỷ đồng");
    CHECK_STR(f->subject, "Thu ngân sách nhà nước năm 2023");
  }
  if ((f = fig(d, 1))) {
    CHECK(near(f->value, 31));
    CHECK_STR(f->qualifier, "tăng ... so với cùng kỳ");
    CHECK_STR(f->text, "tăng 31% so với cùng kỳ");
    CHECK_STR(f->subject, "Thu ngân sách nhà nước năm 2023");
  }
  if ((f = fig(d, 2))) CHECK_STR(f->qualifier, "đạt trên");
  doc_free(d);

  d = para(
      "Khách du lịch năm 2023 đến thành phố đạt 2,5 triệu lượt người. Thành "
      "phố không còn hộ nghèo, hộ cận nghèo còn 57 hộ (chiếm 0,19%). Tổng "
      "thu ngân sách nhà nước trên địa bàn (thu nội địa) hàng năm vượt dự "
      "toán 10% trở lên.");
  CHECK(d->figures.n == 4);
  if ((f = fig(d, 0))) {
    CHECK(near(f->value, 2.5));
    CHECK_STR(f->unit, "triệu lượt người");
    CHECK(near(f->base, 2.5e6));
    CHECK_STR(f->base_unit, "lượt người");
    CHECK_STR(f->subject, "Khách du lịch năm 2023");
  }
  if ((f = fig(d, 1))) CHECK_STR(f->subject, "hộ cận nghèo");
  if ((f = fig(d, 2))) {
    CHECK(near(f->value, 0.19));
    CHECK_STR(f->subject, "hộ cận nghèo");
  }
  if ((f = fig(d, 3))) {
    CHECK_STR(f->qualifier, "trở lên");
    CHECK_STR(f->subject, "Tổng thu ngân sách nhà nước");
  }
  doc_free(d);

  d = para(
      "Tổng số hồ sơ đã giải quyết đúng hạn 21.923/23.394 hồ sơ; 224/224 chi "
      "bộ đã tổ chức xong đại hội; 24/26 chỉ tiêu đạt; thực hiện 05 sân vận "
      "động; dân số 1.297.314 người; có 2492 hộ; doanh thu 12,357 triệu; "
      "thu nhập trên 100 triệu đồng/người/năm; đường dài 12 km, rộng 500 ha; "
      "vốn 1,297,314 USD.");
  const double want[][2] = {{21923, 23394}, {224, 224}, {24, 26},    {5, 0},
                            {1297314, 0},   {2492, 0},  {12.357, 0}, {100, 0},
                            {12, 0},        {500, 0},   {1297314, 0}};
  const char *units[] = {"hồ sơ", "chi bộ", "chỉ tiêu", "sân vận động",
                         "người", "hộ",     "triệu",    "triệu đồng/người/năm",
                         "km",    "ha",     "USD"};
  CHECK(d->figures.n == 11);
  for (size_t i = 0; i < 11 && i < d->figures.n; i++) {
    f = fig(d, i);
    CHECK(near(f->value, want[i][0]));
    CHECK(f->has_of == (want[i][1] != 0));
    if (f->has_of) CHECK(near(f->of, want[i][1]));
    CHECK_STR(f->unit, units[i]);
  }
  if ((f = fig(d, 6))) {
    CHECK(near(f->base, 12357000));
    CHECK(f->base_unit == NULL);
  }
  if ((f = fig(d, 7))) {
    CHECK(near(f->base, 1e8));
    CHECK_STR(f->base_unit, "đồng/người/năm");
  }
  doc_free(d);
}

static void test_not_figures(void) {
  static const char *const cases[] = {
      "Tính đến ngày 20/1/2020, tổ chức từ 20-22/5/2020 và ngày 7-17/3.",
      "Năm 2023 và 2 tháng đầu năm 2024, lúc 10:30 sáng.",
      "Thực hiện Nghị quyết 20-NQ/TU ngày 27/11/2023 của Tỉnh ủy.",
      "Nhiệm kỳ 2020-2025, tầm nhìn đến năm 2050.",
      "Đại hội Đảng bộ lần thứ XXIV và lần thứ 2 của dự án.",
      "Phòng, chống dịch Covid-19 tại chợ Km11 và bến bãi km3+4.",
      "Sớm đưa Bến 1 Cảng Vạn Ninh vào khai thác, thực hiện Đề án 25.",
      "Thực hiện thành công 3 khâu đột phá chiến lược và 4 trụ cột.",
      "Xây dựng mô hình “chi bộ 4 tốt” – “Cẩm Phả 5 mùa yêu”.",
      "1. Mở đầu",
      "Mừng Đảng – mừng Xuân 2018 và chương trình nông thôn mới 2017;",
      "Thứ Năm, 23/07/2020, 11:09 [GMT+7]",
      "Công an quận 12 nhận định 1 số vụ việc lúc 10h30.",
  };
  for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
    doc *d = para(cases[i]);
    if (d->figures.n)
      fprintf(stderr, "unexpected figure in \"%s\": %s\n", cases[i],
              d->figures.items[0].text);
    CHECK(d->figures.n == 0);
    doc_free(d);
  }
  /* facts never come from non-body blocks */
  doc_kind kinds[] = {BK_BOILERPLATE, BK_RELATED, BK_BYLINE, BK_BANNER,
                      BK_DATELINE};
  const char *texts[] = {
      "Hôm nay: 25799 lượt. Giấy phép xuất bản: số 53/GP-TTĐT ngày "
      "27/05/2015 của Bộ Thông tin và Truyền thông. “Quảng Ninh Portal”",
      "Móng Cái kết nạp 90 đoàn viên, nhiệm kỳ 2020-2025",
      "Đồng chí Nguyễn Văn An, Bí thư Tỉnh ủy",
      "Đại hội Đảng bộ thành phố lần thứ XXIV", "04/03/2024 15:18 TP Móng Cái"};
  doc *d = mk(5, kinds, texts);
  CHECK(d->figures.n == 0 && d->refs.n == 0 && d->periods.n == 0 &&
        d->people.n == 0 && d->places.n == 0 && d->quotes.n == 0);
  doc_free(d);
}

/* Figure kinds and units that are words: durations and anniversaries
** are figures of kind "duration"; a unit is the segmenter's word ("41
** đồng chí" a count of comrades, not 41 đồng of money), except that a
** units.txt measure keeps its length ("100 ha lúa": ha). */
static void test_figure_kinds(void) {
  doc *d = para(
      "Sau 15 năm xây dựng, tỉnh tổ chức 2 ngày hội, kỷ niệm 100 "
      "năm ngày thành lập; 41 đồng chí được bầu; thu 5.000 tỷ "
      "đồng; gieo cấy 100 ha lúa và 12 dự án.");
  const char *want[][3] = {
      {"15", "năm", "duration"},  {"2", "ngày", "duration"},
      {"100", "năm", "duration"}, {"41", "đồng chí", NULL},
      {"5000", "tỷ đồng", NULL},  {"100", "ha", NULL},
      {"12", "dự án", NULL}};
  CHECK(d->figures.n == sizeof want / sizeof *want);
  for (size_t i = 0; i < d->figures.n && i < sizeof want / sizeof *want; i++) {
    CHECK(near(fig(d, i)->value, atof(want[i][0])));
    CHECK_STR(fig(d, i)->unit, want[i][1]);
    CHECK_STR(fig(d, i)->kind, want[i][2]);
  }
  doc_free(d);
}

static const doc_ref *ref(const doc *d, size_t i) {
  return i < d->refs.n ? &d->refs.items[i] : NULL;
}

static void test_refs(void) {
  doc *d = para(
      "Triển khai Nghị quyết 20-NQ/TU ngày 27/11/2023 của Tỉnh ủy; Kết luận "
      "số 1026-KL/TU ngày 11/7/2023 của Ban Chấp hành Đảng bộ tỉnh; Chỉ thị "
      "số 35-CT/TW ngày 14/6/2024 của Bộ Chính trị; Kế hoạch số 439-KH/TU; "
      "Nghị định số 108/2014/NĐ-CP của Chính phủ; chương trình 1956/QĐ-TTg "
      "ngày 27/11/2009 của Thủ tướng Chính phủ; Luật số 103/2016/QH13 ngày 05 "
      "tháng 4 năm 2016. Nhắc lại Nghị quyết 20-NQ/TU.");
  CHECK(d->refs.n == 7);
  const doc_ref *r;
  if ((r = ref(d, 0))) {
    CHECK_STR(r->kind, "Nghị quyết");
    CHECK_STR(r->number, "20-NQ/TU");
    CHECK_STR(r->date, "2023-11-27");
    CHECK_STR(r->issuer, "Tỉnh ủy");
    CHECK_STR(r->text, "Nghị quyết 20-NQ/TU ngày 27/11/2023 của Tỉnh ủy");
  }
  if ((r = ref(d, 1))) {
    CHECK_STR(r->number, "1026-KL/TU");
    CHECK_STR(r->issuer, "Ban Chấp hành Đảng bộ tỉnh");
    CHECK_STR(r->date, "2023-07-11");
  }
  if ((r = ref(d, 2))) CHECK_STR(r->issuer, "Bộ Chính trị");
  if ((r = ref(d, 3))) {
    CHECK_STR(r->kind, "Kế hoạch");
    CHECK(r->date == NULL && r->issuer == NULL);
  }
  if ((r = ref(d, 4))) {
    CHECK_STR(r->number, "108/2014/NĐ-CP");
    CHECK_STR(r->issuer, "Chính phủ");
  }
  if ((r = ref(d, 5))) {
    CHECK_STR(r->kind, "Quyết định"); /* from the code QĐ */
    CHECK_STR(r->issuer, "Thủ tướng Chính phủ");
  }
  if ((r = ref(d, 6))) {
    CHECK_STR(r->kind, "Luật");
    CHECK_STR(r->number, "103/2016/QH13");
    CHECK_STR(r->date, "2016-04-05");
  }
  CHECK(d->figures.n == 0);
  doc_free(d);

  /* a date written with dots is one number token: still the date, and
  ** the issuer after it is still read; an impossible one is no date */
  d = para(
      "Theo Quyết định số 1736/QĐ-TTg ngày 29.12.2023 của Thủ tướng "
      "Chính phủ và Nghị quyết 20-NQ/TU ngày 1.2.2021 của Tỉnh ủy; "
      "Quyết định 12/QĐ-UBND ngày 31.02.2023 của UBND tỉnh.");
  CHECK(d->refs.n == 3);
  if ((r = ref(d, 0))) {
    CHECK_STR(r->date, "2023-12-29");
    CHECK_STR(r->issuer, "Thủ tướng Chính phủ");
    CHECK_STR(r->text,
              "Quyết định số 1736/QĐ-TTg ngày 29.12.2023 của Thủ tướng "
              "Chính phủ");
  }
  if ((r = ref(d, 1))) {
    CHECK_STR(r->date, "2021-02-01");
    CHECK_STR(r->issuer, "Tỉnh ủy");
  }
  if ((r = ref(d, 2))) CHECK(r->date == NULL);
  CHECK(d->figures.n == 0);
  doc_free(d);
  /* nor is such a date a figure ("31.3.2024 thu" was 3132024 "thu") */
  d = para("Từ 1.1.2024 đến 31.3.2024 thu 12 tỷ đồng, giá 1.200.000 đồng.");
  CHECK(d->figures.n == 2);
  if (d->figures.n == 2) {
    CHECK_STR(d->figures.items[0].unit, "tỷ đồng");
    CHECK(d->figures.items[1].value == 1200000);
  }
  doc_free(d);

  /* product codes are not documents; unknown codes need a kind or shape */
  d = para(
      "Đầu 2-DIN, động cơ 64-Apache, ngày 7/2-PV và 96/Instagram; "
      "công văn số 2267/UBND-CTXDGT và số 15151/2014/ATTP-XNCB.");
  CHECK(d->refs.n == 2);
  if ((r = ref(d, 0))) {
    CHECK_STR(r->kind, "Công văn");
    CHECK_STR(r->number, "2267/UBND-CTXDGT");
  }
  if ((r = ref(d, 1))) CHECK(r->kind == NULL);
  doc_free(d);

  d = para(
      "Theo tinh thần Nghị quyết Đại hội XI của Đảng, Quyết định của UBND "
      "Tỉnh về mở cặp chợ và Đề án 25.");
  CHECK(d->refs.n == 3);
  if ((r = ref(d, 0))) {
    CHECK_STR(r->kind, "Nghị quyết");
    CHECK(r->number == NULL);
    CHECK_STR(r->issuer, "Đảng");
  }
  if ((r = ref(d, 1))) CHECK_STR(r->issuer, "UBND Tỉnh");
  if ((r = ref(d, 2))) CHECK_STR(r->number, "25");
  doc_free(d);
}

static const doc_period *per(const doc *d, size_t i) {
  return i < d->periods.n ? &d->periods.items[i] : NULL;
}

static void test_periods(void) {
  doc *d = para(
      "Nhiệm kỳ 2020 – 2025, giai đoạn 2021-2030, tầm nhìn đến năm 2050; "
      "nhiệm kỳ 2015 - 2020; giai đoạn 2015-2020 (2016-2021); đến năm 2025 "
      "và trước năm 2020; nhiệm kỳ 2020-2025 (lặp lại).");
  const char *kinds[] = {"nhiệm kỳ",  "giai đoạn", "tầm nhìn", "nhiệm kỳ",
                         "giai đoạn", "giai đoạn", "đến năm",  "trước năm"};
  const int from[] = {2020, 2021, 0, 2015, 2015, 2016, 0, 0};
  const int to[] = {2025, 2030, 2050, 2020, 2020, 2021, 2025, 2020};
  CHECK(d->periods.n == 8);
  for (size_t i = 0; i < 8 && i < d->periods.n; i++) {
    CHECK_STR(per(d, i)->kind, kinds[i]);
    CHECK(per(d, i)->from == from[i]);
    CHECK(per(d, i)->to == to[i]);
  }
  if (per(d, 0)) CHECK_STR(per(d, 0)->text, "Nhiệm kỳ 2020 – 2025");
  CHECK(d->figures.n == 0);
  doc_free(d);

  d = para(
      "Hướng tới Đại hội Đảng bộ thành phố lần thứ XXIV, nhiệm kỳ 2020-2025 "
      "và Đại hội XIV của Đảng; Đại hội Đảng bộ tỉnh lần thứ XVI (nhiệm kỳ "
      "2025 – 2030). Sau đó Đại hội lần thứ XXIV thành công.");
  const doc_period *p;
  size_t congresses = 0;
  for (size_t i = 0; i < d->periods.n; i++)
    if (strcmp(d->periods.items[i].kind, "đại hội") == 0) congresses++;
  CHECK(congresses == 3);
  if ((p = per(d, 0))) {
    CHECK(p->ordinal == 24);
    CHECK(p->from == 2020 && p->to == 2025);
    CHECK_STR(p->text,
              "Đại hội Đảng bộ thành phố lần thứ XXIV, nhiệm kỳ 2020-2025");
  }
  int seen14 = 0, seen16 = 0;
  for (size_t i = 0; i < d->periods.n; i++) {
    p = per(d, i);
    if (p->ordinal == 14) seen14 = !p->from;
    if (p->ordinal == 16) seen16 = p->from == 2025 && p->to == 2030;
  }
  CHECK(seen14 && seen16);
  doc_free(d);
}

static const doc_person *person(const doc *d, const char *name) {
  for (size_t i = 0; i < d->people.n; i++)
    if (strcmp(d->people.items[i].name, name) == 0) return &d->people.items[i];
  return NULL;
}

static void test_people(void) {
  doc_kind kinds[] = {BK_CAPTION, BK_PARAGRAPH, BK_PARAGRAPH, BK_BYLINE};
  const char *texts[] = {
      "Đồng chí Lê Văn Ánh, Tỉnh ủy viên, Bí thư Thành ủy Móng Cái.",
      "Ngày 4/3, đồng chí Nguyễn Xuân Ký, Ủy viên Trung ương Đảng, Bí thư "
      "Tỉnh ủy, chủ trì cuộc làm việc của Ban Thường vụ Tỉnh ủy với Ban "
      "Thường vụ Thành ủy Móng Cái tại Trung tâm Hành chính công.",
      "Chủ tịch HĐND tỉnh Nguyễn Xuân Ký và Phó Bí thư Thường trực Thành ủy "
      "Nguyễn Thị Tuyến dự. Sau đó Nguyễn Xuân Ký phát biểu; đồng chí Bí "
      "thư Tỉnh ủy yêu cầu các xã, phường: Trần Phú, Ka Long thực hiện.",
      "Thu Chung"};
  doc *d = mk(4, kinds, texts);
  CHECK(d->people.n == 3);
  const doc_person *p = person(d, "Lê Văn Ánh");
  CHECK(p != NULL);
  if (p) {
    CHECK(p->titles.n == 2);
    if (p->titles.n == 2) {
      CHECK_STR(p->titles.items[0], "Tỉnh ủy viên");
      CHECK_STR(p->titles.items[1], "Bí thư Thành ủy Móng Cái");
    }
    CHECK(p->mentions == 1);
  }
  p = person(d, "Nguyễn Xuân Ký");
  CHECK(p != NULL);
  if (p) {
    CHECK(p->titles.n == 3); /* merged over blocks */
    if (p->titles.n == 3) CHECK_STR(p->titles.items[2], "Chủ tịch HĐND tỉnh");
    CHECK(p->mentions == 3);
  }
  p = person(d, "Nguyễn Thị Tuyến");
  CHECK(p != NULL);
  if (p && p->titles.n)
    CHECK_STR(p->titles.items[0], "Phó Bí thư Thường trực Thành ủy");
  CHECK(person(d, "Trần Phú") == NULL);
  doc_free(d);

  d = para(
      "Ông Lê Tiến Dũng, Trưởng Ban Chỉ đạo, cho biết. Bộ trưởng Bộ "
      "Công an Tô Lâm dự.");
  CHECK(person(d, "Lê Tiến Dũng") != NULL);
  p = person(d, "Lê Tiến Dũng");
  if (p && p->titles.n) CHECK_STR(p->titles.items[0], "Trưởng Ban Chỉ đạo");
  p = person(d, "Tô Lâm");
  CHECK(p != NULL);
  if (p && p->titles.n) CHECK_STR(p->titles.items[0], "Bộ trưởng Bộ Công an");
  CHECK(d->people.n == 2);
  doc_free(d);

  /* an organisation's name goes on through the lower-case end of a word
  ** begun by a capital ("Hội đồng", "Cổ phần", "Khảo thí"); a title ends
  ** before a lower-case word it would cut in two ("trực | tiếp"), but not
  ** before a name ("Ngoại giao | Lưu Chấn Dân") */
  d = para(
      "Đồng chí Lê Quang Trung, Chủ tịch Hội đồng thi đua khen thưởng "
      "huyện chủ trì. Tổng Giám đốc Công ty Cổ phần Sông Hồng Trần Văn "
      "Bình cho biết. Cục trưởng Cục Khảo thí Nguyễn Văn Cường dự. Ông "
      "Đặng Văn Dũng, Phó Chủ tịch UBND tỉnh trực tiếp chỉ đạo. Thứ "
      "trưởng Ngoại giao Lưu Chấn Dân nói. Ủy viên dự khuyết Trung ương "
      "Đảng Vương Quốc Tuấn dự.");
  const char *want[][2] = {
      {"Lê Quang Trung", "Chủ tịch Hội đồng thi đua khen thưởng huyện"},
      {"Trần Văn Bình", "Tổng Giám đốc Công ty Cổ phần Sông Hồng"},
      {"Nguyễn Văn Cường", "Cục trưởng Cục Khảo thí"},
      {"Đặng Văn Dũng", "Phó Chủ tịch UBND tỉnh"},
      {"Lưu Chấn Dân", "Thứ trưởng Ngoại giao"},
      {"Vương Quốc Tuấn", "Ủy viên dự khuyết Trung ương Đảng"}};
  for (size_t w = 0; w < sizeof want / sizeof *want; w++) {
    p = person(d, want[w][0]);
    CHECK(p != NULL && p->titles.n == 1);
    if (p && p->titles.n == 1) CHECK_STR(p->titles.items[0], want[w][1]);
  }
  doc_free(d);

  /* a list of names shares the title before it (a colon, or "các"); the
  ** names listed after a person are people; the dot of an abbreviation
  ** stays inside a title ("T.Ư", "TP.HCM"); a listed name cuts no word
  ** in two ("Đoàn Luật sư" is a bar association) */
  d = para(
      "Dự có các đồng chí Phó Chủ tịch UBND tỉnh: Cao Văn Hòa, Nghiêm "
      "Thị Lan và Bùi Đức Khải. Cùng dự có các thứ trưởng Bộ Tài chính "
      "Lê Minh Tâm, Đỗ Quang Hải. Đồng chí Ủy viên T.Ư Đảng: Phan Văn Sáu, "
      "Bí thư Tỉnh ủy; Hà Duy Tân, Trưởng Ban Tổ chức T.Ư. Phó Chủ tịch "
      "UBND TP.HCM Trần Thị Bích cho biết. Bà Vũ Thị Hằng, Đoàn Luật sư "
      "tỉnh tham gia. Ông Lý Văn Phúc và Hoàng Văn Sinh đã có mặt.");
  const char *listed[][3] = {
      {"Cao Văn Hòa", "Phó Chủ tịch UBND tỉnh", NULL},
      {"Nghiêm Thị Lan", "Phó Chủ tịch UBND tỉnh", NULL},
      {"Bùi Đức Khải", "Phó Chủ tịch UBND tỉnh", NULL},
      {"Lê Minh Tâm", "thứ trưởng Bộ Tài chính", NULL},
      {"Đỗ Quang Hải", "thứ trưởng Bộ Tài chính", NULL},
      {"Phan Văn Sáu", "Ủy viên T.Ư Đảng", "Bí thư Tỉnh ủy"},
      {"Hà Duy Tân", "Ủy viên T.Ư Đảng", "Trưởng Ban Tổ chức T.Ư"},
      {"Trần Thị Bích", "Phó Chủ tịch UBND TP.HCM", NULL}};
  for (size_t w = 0; w < sizeof listed / sizeof *listed; w++) {
    p = person(d, listed[w][0]);
    size_t nt = listed[w][2] ? 2 : 1;
    CHECK(p != NULL && p->titles.n == nt);
    for (size_t k = 0; p && k < nt && k < p->titles.n; k++)
      CHECK_STR(p->titles.items[k], listed[w][1 + k]);
  }
  CHECK(person(d, "Vũ Thị Hằng") && !person(d, "Đoàn Luật"));
  p = person(d, "Hoàng Văn Sinh"); /* listed after "ông Lý Văn Phúc" */
  CHECK(p != NULL && p->titles.n == 0);
  doc_free(d);

  /* a title head begun inside a capitalised run ends the name there */
  d = para(
      "Bà Lưu Thị Hồng, Ủy viên Đoàn Chủ tịch Ủy ban Trung ương MTTQ Việt "
      "Nam dự. Ông Tạ Minh Chánh Ủy viên Ban Thường vụ Tỉnh ủy phát biểu.");
  CHECK(!person(d, "Đoàn Chủ") && person(d, "Tạ Minh Chánh"));
  p = person(d, "Lưu Thị Hồng");
  CHECK(p != NULL && p->titles.n == 1);
  if (p && p->titles.n)
    CHECK_STR(p->titles.items[0],
              "Ủy viên Đoàn Chủ tịch Ủy ban Trung ương MTTQ Việt Nam");
  doc_free(d);

  /* given names are Vietnamese syllables: a surname before a foreign name
  ** ("... Thái Bình Dương Mỹ Harry Harris") starts no person; the foreign
  ** name after a title is one (extract_foreign.c, foreign_at); an ethnic
  ** minority's name is one */
  d = para(
      "Tư lệnh Hạm đội Thái Bình Dương Mỹ Harry Harris cho biết. Trợ "
      "lý Ngoại trưởng Dương Susan Thornton phát biểu. Phó Chủ tịch UBND "
      "tỉnh Lò Văn Pọm dự. Anh Nguyễn Văn T và chị Trần Thị Th bị "
      "bắt, theo lời kể của ông Phạm Văn Đ.");
  CHECK(person(d, "Dương Susan Thornton") == NULL &&
        person(d, "Susan Thornton") != NULL);
  CHECK(d->people.n == 6);       /* initials stand for withheld given names */
  p = person(d, "Harry Harris"); /* after a one-syllable country */
  CHECK(p != NULL && p->titles.n == 1);
  if (p && p->titles.n)
    CHECK_STR(p->titles.items[0], "Tư lệnh Hạm đội Thái Bình Dương Mỹ");
  CHECK(person(d, "Nguyễn Văn T") && person(d, "Trần Thị Th") &&
        person(d, "Phạm Văn Đ"));
  p = person(d, "Lò Văn Pọm");
  CHECK(p != NULL && p->titles.n == 1);
  if (p && p->titles.n) CHECK_STR(p->titles.items[0], "Phó Chủ tịch UBND tỉnh");
  doc_free(d);

  d = para(
      "Thủ tướng Hà Lan Mark Rutte gặp Chủ tịch VFF Trần Quốc Tuấn Cũng "
      "trong ngày.");
  CHECK(person(d, "Hà Lan") == NULL);
  CHECK(person(d, "Trần Quốc Tuấn") != NULL);
  p = person(d, "Mark Rutte");
  CHECK(p != NULL && p->titles.n == 1);
  if (p && p->titles.n) CHECK_STR(p->titles.items[0], "Thủ tướng Hà Lan");
  CHECK(d->people.n == 2);
  CHECK(person(d, "Thu Chung") == NULL);
  CHECK(person(d, "Móng Cái") == NULL);
  doc_free(d);
}

/* Titles in other shapes (issue 19): a many-word title before the name,
** a dash after it, a link such as "được bầu làm"; the title ends before
** the verb that follows it; a run that starts with a place is no name. */
static void test_title_shapes(void) {
  doc *d = para(
      "Thủ tướng Chính phủ Phạm Minh Chính đã chủ trì hội nghị. "
      "Ông Nguyễn Văn An - Chủ tịch UBND huyện Tiên Yên phát biểu. "
      "Đồng chí Lê Thị Hoa được bầu làm Bí thư Huyện ủy Đầm Hà.");
  const char *want[][2] = {{"Phạm Minh Chính", "Thủ tướng Chính phủ"},
                           {"Nguyễn Văn An", "Chủ tịch UBND huyện Tiên Yên"},
                           {"Lê Thị Hoa", "Bí thư Huyện ủy Đầm Hà"}};
  for (size_t i = 0; i < 3; i++) {
    const doc_person *p = person(d, want[i][0]);
    CHECK(p != NULL && p->titles.n == 1);
    if (p && p->titles.n) CHECK_STR(p->titles.items[0], want[i][1]);
  }
  CHECK(d->people.n == 3);
  doc_free(d);
}

/* Each want[i] = {name, title, title} (NULL: fewer titles): the person
** is found with exactly those titles, in that order. */
static void check_titles(const doc *d, const char *const (*want)[3],
                         size_t nw) {
  for (size_t i = 0; i < nw; i++) {
    const doc_person *p = person(d, want[i][0]);
    size_t n = want[i][2] ? 2 : want[i][1] ? 1 : 0;
    CHECK(p != NULL && p->titles.n == n);
    if (!p || p->titles.n != n) {
      fprintf(stderr, "  person %s\n", want[i][0]);
      continue;
    }
    for (size_t t = 0; t < n; t++)
      CHECK_STR(p->titles.items[t], want[i][1 + t]);
  }
}

/* Links in more shapes (devset 4): an adverb before the link ("đã",
** "vừa"), "chức vụ"/"chức danh" after it, "trúng cử", "đến nhận công
** tác và giữ chức", "là" after the titles; "Thường trực Ban Bí thư" is a
** title of its own. The person's first title stays. */
static void test_title_links(void) {
  doc *d = para(
      "Bộ Công an bổ nhiệm thiếu tướng Nguyễn Hải Trung giữ chức vụ Giám "
      "đốc Công an tỉnh Lạng Sơn. Ông Lý Văn Hải đã trúng cử chức danh Chủ "
      "tịch UBND huyện Đại Từ. Bà Lê Thị Hoa vừa được bổ nhiệm giữ chức Phó "
      "Giám đốc Sở Y tế. Đồng chí Trần Tiến Dũng, Giám đốc Sở Xây dựng đến "
      "nhận công tác và giữ chức vụ Giám đốc Sở Nội vụ. Đại hội bầu bà Bùi "
      "Thu Mai, Chủ tịch Hội Nông dân tỉnh là Phó Chủ tịch Hội. Dự có đồng "
      "chí Thường trực Ban Bí thư Trần Cẩm Tú. Ông Nguyễn Văn An đã làm "
      "việc với đoàn. Ông Hoàng Văn Sơn là người có nhiều đóng góp.");
  const char *const want[][3] = {
      {"Nguyễn Hải Trung", "thiếu tướng", "Giám đốc Công an tỉnh Lạng Sơn"},
      {"Lý Văn Hải", "Chủ tịch UBND huyện Đại Từ", NULL},
      {"Lê Thị Hoa", "Phó Giám đốc Sở Y tế", NULL},
      {"Trần Tiến Dũng", "Giám đốc Sở Xây dựng", "Giám đốc Sở Nội vụ"},
      {"Bùi Thu Mai", "Chủ tịch Hội Nông dân tỉnh", "Phó Chủ tịch Hội"},
      {"Trần Cẩm Tú", "Thường trực Ban Bí thư", NULL},
      {"Nguyễn Văn An", NULL, NULL},
      {"Hoàng Văn Sơn", NULL, NULL}};
  check_titles(d, want, sizeof want / sizeof *want);
  doc_free(d);
}

/* Organisation names a title keeps whole (devset 4): a number after an
** administrative unit ("quận 8"), '&' written apart ("Văn hóa & Thể
** thao"), a comma between abbreviations ("Sở VH, TT&DL"); a number
** after a title that is no unit's still ends it ("Tỉnh ủy 5 năm"). A
** dash written apart between a title and the name; "Tổ trưởng" whole. */
static void test_title_orgs(void) {
  doc *d = para(
      "Ông Nguyễn Văn Lưu, Bí thư Quận ủy quận 8 phát biểu. Bà Lê Thị Hoa, "
      "Giám đốc Sở Văn hóa & Thể thao dự. Ông Trần Hữu Sơn, Giám đốc Sở VH, "
      "TT&DL tỉnh Lào Cai cho biết. Ông Trần Văn Nam, Bí thư Tỉnh ủy 5 năm "
      "qua đã làm tốt. Phó Chủ tịch Hội LHPN Việt Nam - Đỗ Thị Thu Thảo "
      "điều hành. Tổ trưởng Nguyễn Văn Tám nói. Bà Đào Thị Lan, Phó Ban "
      "Tuyên giáo Tỉnh ủy dự. Trung tướng Nguyễn Trường "
      "Thắng, Tư lệnh Quân khu 7 trao quyết định. Đại tá Phan Quốc Việt, Sư "
      "đoàn trưởng Sư đoàn 302 phát biểu.");
  const char *want[][2] = {
      {"Nguyễn Văn Lưu", "Bí thư Quận ủy quận 8"},
      {"Lê Thị Hoa", "Giám đốc Sở Văn hóa & Thể thao"},
      {"Trần Hữu Sơn", "Giám đốc Sở VH, TT&DL tỉnh Lào Cai"},
      {"Trần Văn Nam", "Bí thư Tỉnh ủy"},
      {"Đỗ Thị Thu Thảo", "Phó Chủ tịch Hội LHPN Việt Nam"},
      {"Nguyễn Văn Tám", "Tổ trưởng"},
      {"Đào Thị Lan", "Phó Ban Tuyên giáo Tỉnh ủy"}};
  for (size_t i = 0; i < sizeof want / sizeof *want; i++) {
    const doc_person *p = person(d, want[i][0]);
    CHECK(p != NULL && p->titles.n == 1);
    if (p && p->titles.n) CHECK_STR(p->titles.items[0], want[i][1]);
  }
  /* a number after a unit known by one stays in the title */
  const doc_person *p = person(d, "Nguyễn Trường Thắng");
  CHECK(p && p->titles.n == 2);
  if (p && p->titles.n == 2)
    CHECK_STR(p->titles.items[1], "Tư lệnh Quân khu 7");
  p = person(d, "Phan Quốc Việt");
  CHECK(p && p->titles.n == 2);
  if (p && p->titles.n == 2)
    CHECK_STR(p->titles.items[1], "Sư đoàn trưởng Sư đoàn 302");
  doc_free(d);
}

/* Lists and chains (devset 4): "gồm:" then names each after an
** honorific share the title; a dash before a link ("A - tái đắc cử
** Bí thư"); two titles before the name joined by a dash written apart,
** but not over a name ("tiến sĩ Tuấn Bendixsen - Trưởng …"); "không
** chuyên trách" inside a title. */
static void test_title_lists(void) {
  doc *d = para(
      "HĐND bầu 2 Phó Chủ tịch gồm: Ông Hoàng Hùng Cường và bà Lê Thị "
      "Hoa. Đại hội bầu đồng chí Lê Văn Chung - tái đắc cử Bí thư Đảng ủy. "
      "Phó Chủ tịch Thường trực UBND tỉnh - Trưởng đoàn đại biểu Quốc hội "
      "tỉnh Nguyễn Trúc Sơn phát biểu. Bà Bùi Thu Mai là Phó Chủ tịch không "
      "chuyên trách Ủy ban Trung ương MTTQ Việt Nam. Tiến sĩ Tuấn Bendixsen - "
      "Trưởng Đại diện Tổ chức Động vật Trần Văn Hải nói.");
  const char *const want[][3] = {
      {"Hoàng Hùng Cường", "Phó Chủ tịch", NULL},
      {"Lê Thị Hoa", "Phó Chủ tịch", NULL},
      {"Lê Văn Chung", "Bí thư Đảng ủy", NULL},
      {"Nguyễn Trúc Sơn", "Trưởng đoàn đại biểu Quốc hội tỉnh",
       "Phó Chủ tịch Thường trực UBND tỉnh"},
      {"Bùi Thu Mai",
       "Phó Chủ tịch không chuyên trách Ủy ban Trung ương MTTQ Việt Nam", NULL},
      {"Trần Văn Hải", "Trưởng Đại diện Tổ chức Động vật", NULL}};
  check_titles(d, want, sizeof want / sizeof *want);
  doc_free(d);
}

static const doc_place *place(const doc *d, const char *name) {
  for (size_t i = 0; i < d->places.n; i++)
    if (strcmp(d->places.items[i].name, name) == 0) return &d->places.items[i];
  return NULL;
}

static void test_places(void) {
  doc *d = para(
      "TP Móng Cái và huyện Tiên Yên, xã Quảng Nghĩa, phát triển KKT Cửa khẩu "
      "Móng Cái; khu kinh tế cửa khẩu Móng Cái; xã Tân Mới. Thành phố Móng "
      "Cái tổ chức lễ tế Xã Tắc tại Trường THCS Cẩm Thành, vịnh Hạ Long.");
  const doc_place *p = place(d, "Móng Cái");
  CHECK(p && p->mentions == 2);
  if (p) CHECK_STR(p->kind, "thành phố");
  CHECK(place(d, "Tiên Yên") != NULL);
  CHECK(place(d, "Quảng Nghĩa") != NULL);
  p = place(d, "KKTCK Móng Cái");
  CHECK(p && p->mentions == 2);
  p = place(d, "Tân Mới");
  CHECK(p != NULL);
  if (p) CHECK_STR(p->kind, "xã");
  CHECK(place(d, "Tắc") == NULL);
  CHECK(place(d, "Cẩm Thành") == NULL);
  CHECK(place(d, "Vịnh Hạ Long") != NULL);
  doc_free(d);

  d = para(
      "Xã hội hóa 05 sân ở các xã, phường: Trần Phú, Ninh Dương, Hải "
      "Tiến với kinh phí lớn.");
  CHECK(place(d, "Trần Phú") != NULL);
  CHECK(place(d, "Ninh Dương") != NULL);
  CHECK(place(d, "Hải Tiến") != NULL);
  CHECK(d->people.n == 0);
  doc_free(d);
}

static void test_quotes_abbrevs(void) {
  doc *d = para(
      "Phát huy truyền thống “Đoàn kết - Dân chủ - Kỷ cương” và phần mềm "
      "\"Một cửa điện tử\", nhiệm kỳ “2017-2020”, từ \"a và 5\"b. Khai thác "
      "khu kinh tế cửa khẩu (KKTCK), Hội đồng nhân dân (HĐND), Ủy ban nhân dân "
      "(UBND), đồng chí Lê Văn Ánh (ảnh), Quảng Tây (Trung Quốc), “Đoàn kết - "
      "Dân chủ - Kỷ cương”.");
  CHECK(d->quotes.n == 2);
  if (d->quotes.n == 2) {
    CHECK_STR(d->quotes.items[0], "Đoàn kết - Dân chủ - Kỷ cương");
    CHECK_STR(d->quotes.items[1], "Một cửa điện tử");
  }
  CHECK(d->abbrevs.n == 3);
  if (d->abbrevs.n == 3) {
    CHECK_STR(d->abbrevs.items[0].abbr, "KKTCK");
    CHECK_STR(d->abbrevs.items[0].expansion, "khu kinh tế cửa khẩu");
    CHECK_STR(d->abbrevs.items[1].expansion, "Hội đồng nhân dân");
    CHECK_STR(d->abbrevs.items[2].expansion, "Ủy ban nhân dân");
  }
  doc_free(d);
}

/* Long inputs must finish promptly (each pass is linear). */
static void test_long_inputs(void) {
  size_t n = 4u << 20;
  char *s = malloc(n + 1);
  static const char unit[] = "đạt 5.000 tỷ đồng “Nguyễn Văn An, 12 hộ ";
  size_t k = strlen(unit);
  for (size_t i = 0; i < n; i++) s[i] = unit[i % k];
  s[n] = 0;
  while (n && ((unsigned char)s[n - 1] & 0xC0) == 0x80) s[--n] = 0;
  if (n) s[n - 1] = ' ';
  doc *d = para(s);
  CHECK(d->figures.n > 1000);
  doc_free(d);
  memset(s, '9', n); /* one 4 MB number */
  d = para(s);
  CHECK(d->figures.n == 0);
  doc_free(d);
  memset(s, 'a', n); /* one 4 MB word */
  d = para(s);
  CHECK(d->figures.n == 0);
  doc_free(d);
  for (size_t i = 0; i < n; i++) s[i] = "“(\"/ "[i % 5];
  d = para(s);
  CHECK(d->quotes.n == 0);
  doc_free(d);
  free(s);
}

/* The first extraction runs in 4 threads at once: the lexicon and word
** tables load once, and every thread gets the same facts. */
static const char *thread_text =
    "Đồng chí Nguyễn Xuân Ký, Bí thư Tỉnh ủy, nêu rõ: Móng Cái đạt gần 5.000 "
    "tỷ đồng, tăng 31% so với cùng kỳ, theo Nghị quyết 20-NQ/TU ngày "
    "27/11/2023 của Tỉnh ủy, nhiệm kỳ 2020-2025.";

static void *thread_main(void *arg) {
  size_t *out = arg; /* no CHECK here: its counters are not atomic */
  doc *d = doc_new("thread");
  doc_block b = {BK_PARAGRAPH, doc_str(d, thread_text, strlen(thread_text)), 0,
                 strlen(thread_text)};
  VEC_PUSH(d->blocks, b);
  out[5] = (size_t)extract_facts(d);
  out[0] = d->figures.n;
  out[1] = d->people.n;
  out[2] = d->refs.n;
  out[3] = d->periods.n;
  out[4] = d->places.n;
  doc_free(d);
  return NULL;
}

static void test_threads(void) {
  pthread_t th[4];
  size_t counts[4][6];
  for (int i = 0; i < 4; i++)
    CHECK(pthread_create(&th[i], NULL, thread_main, counts[i]) == 0);
  for (int i = 0; i < 4; i++) pthread_join(th[i], NULL);
  for (int i = 0; i < 4; i++) {
    CHECK(counts[i][0] == 2 && counts[i][1] == 1 && counts[i][2] == 1);
    CHECK(counts[i][3] == 1 && counts[i][4] == 1 && counts[i][5] == 0);
  }
}

int main(void) {
  printf(
      "# extract: numbers, figures, refs, periods, people, places, "
      "quotes, abbreviations, long inputs, threads\n");
  test_threads(); /* first: races the one-time loading */
  test_numbers();
  test_figures();
  test_not_figures();
  test_figure_kinds();
  test_refs();
  test_periods();
  test_people();
  test_title_shapes();
  test_title_links();
  test_title_orgs();
  test_title_lists();
  test_places();
  test_quotes_abbrevs();
  test_long_inputs();
  return check_done();
}
