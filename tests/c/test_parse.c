/*
** test_parse.c — the article parser (shell/parse.c).
** Plan:
**  1. The five seed articles (examples/corpus/), expectations written by
**     hand from reading them: title, published, author, site, lead, the
**     kind of every block, the qa pairs, the captions.
**  2. Each date-line form, alone under a headline and before it.
**  3. The traps: a body sentence that starts with a date, a site's
**     current-date header above the headline, a missing headline, a text
**     that starts mid-article, the closing interview question with no
**     answer, a caption printed twice, "Chú thích ảnh", bylines with a
**     role, related lists printed twice, footers and the site name,
**     headings, "." fillers, the baomoi layouts (3 lines; sapo at end).
**  4. Encodings through the parser: UTF-16 with BOM, CRLF, mojibake.
**  5. Lossless: for every input above, the blocks' texts in order give
**     the normalised text back (up to whitespace), and off/len are right.
**  6. Scale: a 20 MB single line and 10,000 repeated captions finish and
**     stay lossless; id is 16 hex digits of util_hash64(text).
**  7. Thread safety: 4 threads parse the seeds at once, same JSON.
*/
#include <ctype.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "doc.h"
#include "parse.h"
#include "parse_check.h"
#include "text.h"

/* ---- helpers ---- */

/* Text of the i-th block of kind k, or NULL. */
static const char *nth(const doc *d, doc_kind k, int i) {
  for (size_t b = 0; b < d->blocks.n; b++)
    if (d->blocks.items[b].kind == k && i-- == 0)
      return d->blocks.items[b].text;
  return NULL;
}

static int count(const doc *d, doc_kind k) {
  int c = 0;
  for (size_t b = 0; b < d->blocks.n; b++) c += d->blocks.items[b].kind == k;
  return c;
}

static int starts(const char *s, const char *p) {
  return s && strncmp(s, p, strlen(p)) == 0;
}

static doc *seed(const char *name) {
  char path[512];
  snprintf(path, sizeof path, "examples/corpus/%s", name);
  const char *why = NULL;
  doc *d = parse_file(path, PARSE_NO_FACTS, &why);
  if (!d) {
    fprintf(stderr, "cannot read %s: %s\n", path, why);
    exit(1);
  }
  CHECK(lossless(d));
  return d;
}

/* ---- 1. the seed articles ---- */

static void seed_000(void) {
  doc *d = seed("000_2fce505e32026a8d.txt");
  CHECK_STR(d->title,
            "Móng Cái tập trung tạo sức bật mạnh mẽ trong nhiệm kỳ mới");
  CHECK_STR(d->published, NULL);
  CHECK_STR(d->author, NULL);
  CHECK_STR(d->site, NULL);
  CHECK(starts(d->lead, "Với tinh thần đoàn kết, sáng tạo, đổi mới"));
  CHECK_STR(kinds(d),
            "banner,title,lead,caption,"
            "question,answer,answer,"
            "question,answer,answer,answer,answer,"
            "question,answer,answer,answer,answer,"
            "paragraph," /* the closing thanks asks nothing */
            "related,related,related,related,related,related,related,related,"
            "related,related,related,related,related,related,related,related,"
            "related,related,related,related,related,related,related,related,"
            "related,related,related,related,related,related,related");
  CHECK_STR(nth(d, BK_BANNER, 0), "Banner đại hội đảng");
  CHECK_STR(nth(d, BK_CAPTION, 0),
            "Đồng chí Lê Văn Ánh, Tỉnh ủy viên, Bí thư Thành ủy Móng Cái.");
  CHECK(d->qa.n == 3); /* the closing thanks is no question */
  if (d->qa.n == 3) {
    CHECK(starts(d->qa.items[0].q,
                 "Thực hiện Nghị quyết Đại hội Đảng bộ lần thứ XXIII"));
    CHECK(starts(d->qa.items[0].a, "Trên cơ sở đánh giá những khó khăn"));
    CHECK(strstr(d->qa.items[0].a, "\n\nPhấn đấu đến năm 2025") != NULL);
    CHECK(starts(d->qa.items[1].q, "Để đạt được những mục tiêu"));
    CHECK(strstr(d->qa.items[1].a,
                 "\n\nCùng với việc tập trung cho công tác phòng") != NULL);
    CHECK(starts(d->qa.items[2].a, "Hiện nay, TP Móng Cái có 39 tổ chức"));
    CHECK(strstr(d->qa.items[2].a, "dự kiến tổ chức từ 20-22/5/2020") != NULL);
  }
  CHECK_STR(nth(d, BK_PARAGRAPH, 0), "- Xin cảm ơn đồng chí!");
  CHECK_STR(nth(d, BK_RELATED, 0), "Tin cùng chuyên mục");
  doc_free(d);
}

static void seed_001(void) {
  doc *d = seed("001_0255a5737a73828f.txt");
  CHECK_STR(d->title,
            "Phát triển KKT cửa khẩu Móng Cái thành KKT trọng điểm quốc gia");
  CHECK_STR(d->published, "2024-03-04T15:18:00+07:00");
  CHECK_STR(d->author, "Thu Chung");
  CHECK_STR(d->site, "Cổng thông tin điện tử tỉnh Quảng Ninh");
  CHECK(starts(d->lead, "Ngày 4/3, đồng chí Nguyễn Xuân Ký"));
  CHECK_STR(kinds(d),
            "title,dateline,lead,caption,paragraph,paragraph,caption,"
            "paragraph,paragraph,caption,paragraph,paragraph,caption,"
            "paragraph,caption,paragraph,paragraph,caption,paragraph,"
            "paragraph,byline,"
            "boilerplate,boilerplate,boilerplate,boilerplate,related,"
            "boilerplate,boilerplate,boilerplate,boilerplate,boilerplate,"
            "boilerplate,boilerplate,boilerplate,boilerplate,boilerplate,"
            "boilerplate");
  CHECK_STR(nth(d, BK_DATELINE, 0), "04/03/2024 15:18");
  CHECK(count(d, BK_CAPTION) == 6);
  CHECK_STR(
      nth(d, BK_CAPTION, 0),
      "Ban Thường vụ Tỉnh ủy làm việc với Ban Thường vụ Thành ủy Móng Cái.");
  CHECK_STR(
      nth(d, BK_CAPTION, 5),
      "Đồng chí Hoàng Bá Nam, Bí thư Thành ủy Móng Cái, báo cáo tại hội nghị.");
  CHECK_STR(nth(d, BK_BYLINE, 0), "Thu Chung");
  CHECK(d->qa.n == 0);
  /* NBSPs were cleaned: "© Cổng ..." with a plain space */
  CHECK(strstr(d->text, "\xc2\xa0") == NULL);
  doc_free(d);
}

static void seed_002(void) {
  doc *d = seed("002_a2d444cce03d6c51.txt");
  /* the text starts with the lead: no headline, no date line */
  CHECK_STR(d->title, NULL);
  CHECK_STR(d->published, NULL);
  CHECK_STR(d->author, NULL);
  CHECK(starts(d->lead, "Sáng 9/10, đồng chí Đặng Xuân Phương"));
  CHECK_STR(kinds(d),
            "lead,paragraph,paragraph,paragraph,paragraph,paragraph,"
            "paragraph,paragraph,paragraph,paragraph,paragraph");
  CHECK(d->qa.n == 0);
  doc_free(d);
}

static void seed_003(void) {
  doc *d = seed("003_8096e837b46a1eab.txt");
  CHECK_STR(d->title,
            "Xây dựng TP Cẩm Phả có cơ sở hạ tầng và kiến trúc, cảnh quan đô "
            "thị cơ bản đạt tiêu chí đô thị loại I vào năm 2025");
  CHECK_STR(d->published, "2020-07-23T11:09:00+07:00");
  CHECK_STR(d->author, "Cao Quỳnh");
  CHECK(starts(d->lead, "Phát huy truyền thống “Kỷ luật và Đồng tâm”"));
  CHECK_STR(kinds(d),
            "title,dateline,boilerplate,boilerplate,lead,"
            "question,answer,answer,answer,answer,"
            "question,caption,boilerplate,answer,answer,"
            "question,caption,boilerplate,answer,answer,answer,answer,"
            "paragraph,byline,related,"
            "boilerplate,boilerplate,boilerplate,boilerplate,boilerplate,"
            "boilerplate,boilerplate,boilerplate");
  CHECK(starts(nth(d, BK_CAPTION, 0),
               "Đồng chí Nguyễn Hồng Dương, Bí thư Thành ủy Cẩm Phả, thăm"));
  CHECK(starts(nth(d, BK_CAPTION, 1), "Cẩm Phả phấn đấu đến năm 2025"));
  CHECK_STR(nth(d, BK_BYLINE, 0), "Cao Quỳnh (Thực hiện)");
  CHECK(d->qa.n == 3);
  if (d->qa.n == 3) {
    CHECK(starts(d->qa.items[0].a, "Bám sát chỉ đạo của trung ương"));
    CHECK(strstr(d->qa.items[0].a, "\n\nVới những thành tích đạt được") !=
          NULL);
    /* the caption between question 2 and its answer is not in the answer */
    CHECK(starts(d->qa.items[1].a, "Đảng bộ thành phố xác định"));
    CHECK(strstr(d->qa.items[1].a, "thăm và kiểm tra") == NULL);
    CHECK(d->qa.items[2].a != NULL);
  }
  CHECK_STR(nth(d, BK_PARAGRAPH, 0), "- Xin trân trọng cảm ơn đồng chí !");
  doc_free(d);
}

static void seed_004(void) {
  doc *d = seed("004_0b387ba625cc4086.txt");
  CHECK_STR(d->title,
            "Móng Cái tiếp tục đẩy mạnh thực hiện 3 khâu đột phá chiến lược");
  CHECK_STR(d->published, NULL);
  CHECK_STR(d->author, NULL);
  CHECK(starts(d->lead, "Thực hiện 3 khâu đột phá chiến lược theo tinh thần"));
  CHECK_STR(kinds(d),
            "banner,title,lead,caption,heading,paragraph,paragraph,caption,"
            "paragraph,heading,paragraph,caption,paragraph,paragraph,caption,"
            "paragraph,"
            "related,related,related,related,related,related,related,related,"
            "related,related,related,related,related,related,related,related,"
            "related,related,related,related,related,related,related,related,"
            "related,related,related,related,related,related,related");
  CHECK_STR(nth(d, BK_CAPTION, 0),
            "Tổ chức lễ khánh thành xây dựng và thông xe Cầu Bắc Luân II");
  CHECK_STR(nth(d, BK_HEADING, 0), "Đưa vào hoạt động các công trình động lực");
  CHECK_STR(nth(d, BK_HEADING, 1),
            "Đẩy mạnh cải cách hành chính và phát triển nguồn nhân lực");
  CHECK_STR(nth(d, BK_CAPTION, 2),
            "Nâng cao chất lượng phục vụ, hiệu quả hoạt động của Trung tâm "
            "Hành chính công Thành phố");
  doc_free(d);
}

/* ---- 2. date lines ---- */

static const char *const body =
    "Đây là đoạn mở đầu của bài viết, đủ dài để được coi là một đoạn văn "
    "bình thường trong thân bài, với nhiều chi tiết về sự kiện.\n\n"
    "Đoạn thứ hai của bài viết tiếp tục nội dung với các số liệu cụ thể và "
    "ý kiến của các đại biểu tham dự.\n";

static void date_case(const char *line, const char *want) {
  char text[2048];
  snprintf(text, sizeof text, "Tiêu đề bài viết về hội nghị\n\n%s\n\n%s", line,
           body);
  doc *d = parse_str(text);
  CHECK_STR(d->published, want);
  CHECK_STR(nth(d, BK_DATELINE, 0), line);
  CHECK_STR(d->title, "Tiêu đề bài viết về hội nghị");
  CHECK(starts(d->lead, "Đây là đoạn mở đầu"));
  doc_free(d);
  /* the same date line above the headline */
  snprintf(text, sizeof text, "%s\n\nTiêu đề bài viết về hội nghị\n\n%s", line,
           body);
  d = parse_str(text);
  CHECK_STR(d->published, want);
  CHECK_STR(d->title, "Tiêu đề bài viết về hội nghị");
  CHECK(d->blocks.n > 0 && d->blocks.items[0].kind == BK_DATELINE);
  doc_free(d);
}

static void test_dates(void) {
  date_case("04/03/2024 15:18", "2024-03-04T15:18:00+07:00");
  date_case("Thứ Năm, 23/07/2020, 11:09 [GMT+7]", "2020-07-23T11:09:00+07:00");
  date_case("Thứ 2, 23/03/2020 | 15:31:03 [GMT +7]",
            "2020-03-23T15:31:03+07:00");
  date_case("Chủ nhật, 07/01/2024 | 17:49:58 (GMT +7)",
            "2024-01-07T17:49:58+07:00");
  date_case("00:00 12/10/2020", "2020-10-12T00:00:00+07:00");
  date_case("2020-05-20 08:52:44", "2020-05-20T08:52:44+07:00");
  date_case("Cập nhật: 15:44 29/06/2013 GMT+7", "2013-06-29T15:44:00+07:00");
  date_case("Ngày đăng: 08/07/2024 11:38", "2024-07-08T11:38:00+07:00");
  date_case("09:47, 15/03/2021", "2021-03-15T09:47:00+07:00");
  date_case("Thứ 4, 22.07.2020 | 08:13:00", "2020-07-22T08:13:00+07:00");
  date_case("Thứ Năm, 13-05-2021", "2021-05-13");
  date_case("02/05/2017", "2017-05-02");
  date_case("THỨ SÁU, 26/09/2025 08:00 GMT+8", "2025-09-26T08:00:00+08:00");
  date_case("Hà Nội, ngày 24 tháng 11 năm 2015", "2015-11-24");
  /* impossible dates are not date lines */
  doc *d = parse_str("Tiêu đề bài viết\n\n31/02/2020 10:00\n\nĐoạn văn.\n");
  CHECK_STR(d->published, NULL);
  doc_free(d);
}

/* ---- 3. traps ---- */

static void test_traps(void) {
  /* a body sentence that begins with a date is not a date line */
  doc *d = parse_str(
      "Tiêu đề bài viết\n\nNgày 4/3, đồng chí Nguyễn Văn A đã chủ trì hội "
      "nghị tổng kết công tác năm 2023.\n\nĐoạn hai.\n");
  CHECK_STR(d->published, NULL);
  CHECK_STR(kinds(d), "title,lead,paragraph");
  doc_free(d);
  d = parse_str(
      "Tiêu đề bài viết\n\nThứ Sáu, ngày 26/9/2025, Đại hội Đảng bộ tỉnh "
      "lần thứ XVI khai mạc trọng thể tại thành phố.\n\nĐoạn hai.\n");
  CHECK_STR(d->published, NULL);
  CHECK(starts(d->lead, "Thứ Sáu, ngày 26/9/2025, Đại hội"));
  doc_free(d);
  /* the site's current-date header is not the publication date */
  d = parse_str(
      "Thứ Bảy, 22/11/2025\n\nBanner tin\n\nTiêu đề bài viết\n\n"
      "Thứ Năm, 23/07/2020, 11:09 [GMT+7]\n\nĐoạn mở đầu của bài.\n");
  CHECK_STR(d->published, "2020-07-23T11:09:00+07:00");
  CHECK_STR(kinds(d), "banner,banner,title,dateline,lead");
  doc_free(d);
  /* mid-article start: a long paragraph first, no headline guessed */
  d = parse_str(
      "thực hiện thắng lợi các mục tiêu đã đề ra, trong đó tập trung vào "
      "phát triển kinh tế biển, du lịch, dịch vụ. Thành phố cũng đã hoàn "
      "thành nhiều chỉ tiêu quan trọng của nhiệm kỳ. Các chỉ tiêu còn lại "
      "đang được triển khai với quyết tâm cao nhất của cả hệ thống chính "
      "trị.\n\nĐoạn tiếp theo của bài viết.\n");
  CHECK_STR(d->title, NULL);
  CHECK(d->warnings.n == 1 && starts(d->warnings.items[0], "no-title:"));
  doc_free(d);
  /* "." filler and breadcrumbs before the headline */
  d = parse_str(
      ".\nTrang chủ > Tin tức > Chính trị\nSkip to main content\n"
      "https://baoquangninh.vn/tin\nTiêu đề\n\nĐoạn một của bài viết.\n");
  CHECK_STR(kinds(d), "banner,banner,banner,banner,title,lead");
  CHECK_STR(d->title, "Tiêu đề");
  doc_free(d);
  /* a headline in curly quotes */
  CHECK_TITLE("“Nói không với tiêu cực”\n\nĐoạn một của bài viết.\n",
              "Nói không với tiêu cực");
  /* quotes inside are kept */
  CHECK_TITLE("\"A\" và \"B\"\n\nĐoạn một của bài viết.\n", "\"A\" và \"B\"");
}

static void test_interview(void) {
  doc *d = parse_str(
      "Phỏng vấn Bí thư\n\nMở đầu cuộc phỏng vấn với đồng chí Bí thư.\n\n"
      "- Xin đồng chí cho biết kết quả nổi bật?\n\n"
      "+ Năm qua thành phố đạt nhiều kết quả.\n\nĐoạn hai của câu trả lời.\n\n"
      "- Kế hoạch năm tới ra sao?\n\nTrả lời không có dấu cộng.\n\n"
      "- Xin cảm ơn đồng chí!\n\nCao Quỳnh (Thực hiện)\n");
  CHECK_STR(
      kinds(d),
      "title,lead,question,answer,answer,question,answer,paragraph,byline");
  CHECK(d->qa.n == 2);
  if (d->qa.n == 2) {
    CHECK_STR(d->qa.items[0].q, "Xin đồng chí cho biết kết quả nổi bật?");
    CHECK_STR(
        d->qa.items[0].a,
        "Năm qua thành phố đạt nhiều kết quả.\n\nĐoạn hai của câu trả lời.");
    CHECK_STR(d->qa.items[1].a, "Trả lời không có dấu cộng.");
    CHECK(d->qa.items[1].qblock == 5);
  }
  CHECK_STR(d->author, "Cao Quỳnh");
  doc_free(d);
  /* a closing thanks without a dash; what follows is no answer */
  d = parse_str(
      "Phỏng vấn\n\nMở đầu.\n\n- Ông đánh giá thế nào?\n\n"
      "Tôi đánh giá cao.\n\n- Còn năm tới?\n\nSẽ tốt hơn.\n\n"
      "Xin cảm ơn ông!\n\n"
      "Chiều 4/2/2017, buổi tọa đàm đã kết thúc tốt đẹp.\n");
  CHECK_STR(kinds(d),
            "title,lead,question,answer,question,answer,paragraph,paragraph");
  CHECK(d->qa.n == 2 && d->qa.items[1].a != NULL);
  doc_free(d);
  /* list items inside an answer stay in the answer */
  d = parse_str(
      "Phỏng vấn\n\nMở đầu.\n\n- Ông đánh giá thế nào?\n\n"
      "+ Có hai điểm:\n\n- Thứ nhất, tăng trưởng tốt.\n\n"
      "- Thứ hai, thu ngân sách vượt dự toán.\n\n- Xin cảm ơn ông!\n");
  CHECK_STR(kinds(d), "title,lead,question,answer,answer,answer,paragraph");
  CHECK(d->qa.n == 1 && d->qa.items[0].a &&
        strstr(d->qa.items[0].a, "Thứ hai, thu ngân sách") != NULL);
  doc_free(d);
  /* a list with dashes in a normal article is not an interview */
  d = parse_str("Tiêu đề\n\nĐoạn mở đầu.\n\n- mục một;\n\n- mục hai.\n");
  CHECK(count(d, BK_QUESTION) == 0 && d->qa.n == 0);
  doc_free(d);
}

static void test_captions(void) {
  /* printed twice with small differences: one caption, the copy kept */
  doc *d = parse_str(
      "Tiêu đề\n\nĐoạn mở đầu của bài viết dài hơn một chút.\n\n"
      "Đồng chí Nguyễn Văn A, Bí thư Thành ủy, thăm và kiểm tra công trình.\n"
      "Đồng chí Nguyễn Văn A, Bí thư Thành ủy thăm và kiểm tra  công trình,\n\n"
      "Đoạn tiếp theo của bài viết.\n");
  CHECK_STR(kinds(d), "title,lead,caption,boilerplate,paragraph");
  doc_free(d);
  /* "Chú thích ảnh" marker */
  d = parse_str(
      "Tiêu đề\n\nĐoạn mở đầu.\n\nChú thích ảnh\n"
      "Quang cảnh buổi lễ\n\nĐoạn tiếp theo dài hơn dòng chú thích.\n");
  CHECK_STR(kinds(d), "title,lead,caption,caption,paragraph");
  doc_free(d);
  d = parse_str(
      "Tiêu đề\n\nĐoạn mở đầu.\n\nCác đại biểu dự hội nghị. (Ảnh: Thu "
      "Chung)\n\n"
      "Đoạn tiếp theo.\n");
  CHECK_STR(kinds(d), "title,lead,caption,paragraph");
  doc_free(d);
  /* a short body sentence is not a caption */
  d = parse_str(
      "Tiêu đề\n\nĐoạn mở đầu.\n\nÔng A cho biết: sẽ làm ngay.\n\n"
      "Đoạn tiếp theo.\n");
  CHECK(count(d, BK_CAPTION) == 0);
  doc_free(d);
}

static void test_tail(void) {
  doc *d = parse_str(
      "Tiêu đề\n\nĐoạn mở đầu của bài viết.\n\nĐoạn hai.\n\nThu Chung\n\n"
      "Tin liên quan\n\nBài cũ một\n\nBài cũ một\n\n\nBài cũ hai\n\nBài cũ "
      "hai\n\n"
      "Copyright © 2020 Báo Quảng Ninh. All rights reserved.\n"
      "Giấy phép xuất bản số 123/GP-BTTTT\nHôm nay: 25799\n");
  CHECK_STR(kinds(d),
            "title,lead,paragraph,byline,related,related,related,related,"
            "related,boilerplate,boilerplate,boilerplate");
  CHECK_STR(d->site, "Báo Quảng Ninh");
  CHECK_STR(d->author, "Thu Chung");
  doc_free(d);
  /* footer words that open body sentences do not end the article */
  d = parse_str(
      "Tiêu đề\n\nĐoạn mở đầu.\n\nChia sẻ tại buổi lễ, ông A nói về "
      "kế hoạch năm tới.\n\nGiấy phép xây dựng được cấp trong 5 "
      "ngày.\n\nĐoạn cuối.\n\nChia sẻ\n\nFacebook\n");
  CHECK_STR(kinds(d),
            "title,lead,paragraph,paragraph,paragraph,boilerplate,"
            "boilerplate");
  doc_free(d);
  d = parse_str(
      "Tiêu đề\n\nĐoạn mở đầu.\n\nGhi rõ nguồn \"Quảng Ninh Portal\" khi "
      "phát hành lại thông tin.\n");
  CHECK_STR(d->site, "Quảng Ninh Portal");
  CHECK_STR(kinds(d), "title,lead,boilerplate");
  doc_free(d);
}

static void test_headings(void) {
  doc *d = parse_str(
      "Tiêu đề\n\nĐoạn mở đầu của bài viết.\n\nPhát triển kinh tế biển\n\n"
      "Đoạn nói về phát triển kinh tế biển của tỉnh trong năm qua, với nhiều "
      "kết quả.\n\n1. Về du lịch\n\nĐoạn về du lịch, dài hơn tiêu đề mục.\n");
  CHECK_STR(kinds(d), "title,lead,heading,paragraph,heading,paragraph");
  doc_free(d);
}

static void test_layouts(void) {
  /* baomoi-35k: title / sapo / body on one line, no final newline */
  doc *d = parse_str(
      "Giá vàng tăng mạnh\nSáng nay giá vàng tăng mạnh.\n"
      "Giá vàng trong nước sáng nay tăng thêm 200.000 đồng mỗi "
      "lượng. Các cửa hàng đông khách.");
  CHECK_STR(kinds(d), "title,lead,paragraph");
  CHECK_STR(d->lead, "Sáng nay giá vàng tăng mạnh.");
  doc_free(d);
  /* baomoi-paragraphs: the sapo at the end after 3 blank lines */
  d = parse_str(
      "Giá vàng tăng mạnh\n\nĐoạn một của thân bài.\nĐoạn hai của thân bài.\n"
      "Kim Thanh\n (T/h)\n\n\n\nGiá vàng tăng mạnh: sáng nay giá vàng "
      "tăng thêm 200.000 đồng mỗi lượng.");
  CHECK_STR(kinds(d), "title,paragraph,paragraph,byline,byline,lead");
  CHECK(starts(d->lead, "Giá vàng tăng mạnh: sáng nay"));
  CHECK_STR(d->author, "Kim Thanh");
  doc_free(d);
  /* danes-headlines: title / description / URL */
  d = parse_str(
      "Tiêu đề tin\r\n\r\n(TTV)- Mô tả ngắn của tin.\r\n\r\n"
      "https://example.vn/tin.html");
  CHECK_STR(kinds(d), "title,lead,boilerplate");
  doc_free(d);
  /* a hard-wrapped paragraph is one block, its lines joined by '\n' */
  d = parse_str(
      "Tiêu đề\n\nĐây là một đoạn văn bị\nngắt dòng giữa câu.\n"
      "Dòng mới bắt đầu câu mới.\n");
  CHECK_STR(kinds(d), "title,lead,paragraph");
  CHECK_STR(d->lead, "Đây là một đoạn văn bị\nngắt dòng giữa câu.");
  doc_free(d);
  /* a byline with its date at the foot; a foot date line */
  d = parse_str(
      "Tiêu đề\n\nĐoạn một.\n\nĐoạn hai.\n\nThanh Chương - Thể thao "
      "Việt Nam | 21:20 06/02/2017\n");
  CHECK_STR(kinds(d), "title,lead,paragraph,byline");
  CHECK_STR(d->published, "2017-02-06T21:20:00+07:00");
  CHECK_STR(d->author, "Thanh Chương");
  doc_free(d);
  d = parse_str(
      "Tiêu đề\n\n02/05/2017\n\nĐoạn một.\n\nMinh Hà\n\n"
      "Cập nhật: 15:44 29/06/2017\n");
  CHECK_STR(kinds(d), "title,dateline,lead,byline,dateline");
  CHECK_STR(d->published, "2017-05-02"); /* the header's date wins */
  doc_free(d);
  /* nothing at all */
  d = parse_str("");
  CHECK(d->blocks.n == 0 && d->title == NULL && d->lead == NULL);
  char empty_id[17];
  snprintf(empty_id, sizeof empty_id, "%016llx",
           (unsigned long long)util_hash64("", 0));
  CHECK_STR(d->id, empty_id);
  doc_free(d);
  d = parse_str(" \n\n \t\n");
  CHECK(d->blocks.n == 0);
  doc_free(d);
}

/* ---- 4. encodings through the parser ---- */

static void test_encodings(void) {
  /* UTF-16LE with BOM: "Tiêu đề\n\nĐoạn." */
  const char *src = "Tiêu đề\n\nĐoạn một.\n";
  size_t n = strlen(src);
  char *u16 = malloc(2 + n * 4), *o = u16;
  *o++ = (char)0xFF, *o++ = (char)0xFE;
  for (size_t i = 0; i < n;) {
    int32_t cp;
    i += (size_t)text_utf8_decode(src + i, n - i, &cp);
    *o++ = (char)(cp & 0xFF), *o++ = (char)(cp >> 8);
  }
  doc *d = parse_document("u16", u16, (size_t)(o - u16), PARSE_NO_FACTS);
  CHECK(lossless(d));
  CHECK_STR(d->title, "Tiêu đề");
  CHECK(d->warnings.n == 1 && starts(d->warnings.items[0], "utf16:"));
  doc_free(d);
  free(u16);
  /* legacy VNI headline converted and flagged */
  d = parse_str("ÑAÛNG BOÄ THAØNH PHOÁ MOÙNG CAÙI\n\nĐoạn một của bài.\n");
  CHECK_STR(d->title, "ĐẢNG BỘ THÀNH PHỐ MÓNG CÁI");
  CHECK(d->warnings.n == 1 && starts(d->warnings.items[0], "legacy-vni:"));
  doc_free(d);
  /* invalid bytes and stray marks */
  d = parse_str("Tiêu đề \xff\n\nGiá thi \xcc\xa3trường tăng.\n");
  CHECK_STR(d->title, "Tiêu đề \xef\xbf\xbd");
  CHECK_STR(d->lead, "Giá thị trường tăng.");
  doc_free(d);
}

/* ---- 6. scale ---- */

static void test_scale(void) {
  /* a 20 MB single line */
  size_t n = 20u << 20;
  char *big = malloc(n + 1);
  const char *w = "Đảng bộ thành phố tăng cường công tác. ";
  size_t wl = strlen(w);
  for (size_t i = 0; i < n; i++) big[i] = w[i % wl];
  big[n] = 0;
  while ((big[n - 1] & 0xC0) == 0x80 || (unsigned char)big[n - 1] >= 0xC0) n--;
  doc *d = parse_document("big", big, n, PARSE_NO_FACTS);
  CHECK(lossless(d));
  CHECK(d->blocks.n == 1);
  doc_free(d);
  free(big);
  /* 10,000 repeated captions */
  buf b;
  buf_init(&b);
  buf_adds(&b, "Tiêu đề\n\nĐoạn mở đầu.\n\n");
  for (int i = 0; i < 10000; i++)
    buf_adds(&b, "Đồng chí Nguyễn Văn A phát biểu tại hội nghị.\n");
  d = parse_document("caps", b.data, b.len, PARSE_NO_FACTS);
  CHECK(lossless(d));
  CHECK(d->blocks.n == 10002);
  doc_free(d);
  buf_free(&b);
  /* id: 16 hex digits of the hash of the normalised text */
  d = parse_str("Tiêu đề\r\n\r\nĐoạn.");
  char want[17];
  snprintf(want, sizeof want, "%016llx",
           (unsigned long long)util_hash64(d->text, d->text_len));
  CHECK_STR(d->id, want);
  CHECK_STR(d->text, "Tiêu đề\n\nĐoạn.");
  doc_free(d);
}

/* ---- 7. threads ---- */

static char *expect_json[5];

static char *json_of(int i) {
  char path[512];
  snprintf(path, sizeof path, "examples/corpus/%s.txt", check_seed(i));
  const char *why;
  doc *d = parse_file(path, PARSE_NO_FACTS, &why);
  if (!d) return xstrdup(why ? why : "unreadable");
  buf b;
  buf_init(&b);
  doc_to_json(d, &b);
  doc_free(d);
  return buf_detach(&b);
}

static void *worker(void *arg) {
  long bad = 0;
  (void)arg;
  for (int r = 0; r < 20; r++)
    for (int i = 0; i < 5; i++) {
      char *j = json_of(i);
      if (strcmp(j, expect_json[i]) != 0) bad++;
      free(j);
    }
  return (void *)bad;
}

static void test_threads(void) {
  for (int i = 0; i < 5; i++) expect_json[i] = json_of(i);
  pthread_t t[4];
  for (int i = 0; i < 4; i++) pthread_create(&t[i], NULL, worker, NULL);
  long bad = 0;
  for (int i = 0; i < 4; i++) {
    void *r;
    pthread_join(t[i], &r);
    bad += (long)r;
  }
  CHECK(bad == 0);
  for (int i = 0; i < 5; i++) free(expect_json[i]);
}

int main(void) {
  seed_000();
  seed_001();
  seed_002();
  seed_003();
  seed_004();
  test_dates();
  test_traps();
  test_interview();
  test_captions();
  test_tail();
  test_headings();
  test_layouts();
  test_encodings();
  test_scale();
  test_threads();
  return check_done();
}
