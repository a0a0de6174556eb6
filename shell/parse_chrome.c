/*
** parse_chrome.c — site chrome (parse_int.h): banner, breadcrumb, widget
** and footer lines, related-news markers, the site name from a footer.
*/
#ifndef _GNU_SOURCE
#define _GNU_SOURCE /* memmem, memrchr */
#endif
#include <string.h>

#include "parse_int.h"
#include "text.h"

/* ---- marker lists ---- */

/* Whole lines of site chrome above the headline. */
static const char *const banner_lines[] = {"Trang chủ",
                                           "Home",
                                           "Menu",
                                           "Đăng nhập",
                                           "Đăng ký",
                                           "English",
                                           "Tiếng Việt",
                                           "Sitemap",
                                           "Sơ đồ cổng",
                                           "Sơ đồ trang",
                                           "RSS",
                                           "Liên hệ",
                                           "Tìm kiếm",
                                           "Hỏi đáp",
                                           "Giới thiệu",
                                           "Tin tức",
                                           "Tin tức - Sự kiện",
                                           "Video",
                                           "Ảnh",
                                           "Media",
                                           NULL};

/* Distinctive starts of chrome lines. */
static const char *const banner_starts[] = {"Banner",
                                            "Skip to",
                                            "Bỏ qua nội dung",
                                            "Bỏ qua điều hướng",
                                            "Chuyển đến nội dung",
                                            "Bạn đang ở",
                                            "Bạn đang xem:",
                                            "Hotline:",
                                            "Chuyên mục:",
                                            "Trang chủ /",
                                            "Trang chủ |",
                                            "Trang chủ -",
                                            NULL};

/* The national motto and number lines that head legal documents. */
static const char *const legal_banners[] = {
    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    "CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    "Độc lập - Tự do - Hạnh phúc",
    "Độc lập – Tự do – Hạnh phúc",
    "Số:",
    "Luật số:",
    "Bộ luật số:",
    "Nghị định số:",
    "Nghị quyết số:",
    NULL};

static const char *const related_lines[] = {"Tin cùng chuyên mục",
                                            "Tin liên quan",
                                            "Tin khác",
                                            "Các tin khác",
                                            "Tin mới",
                                            "Tin mới nhất",
                                            "Tin mới hơn",
                                            "Tin cũ hơn",
                                            "Tin đã đăng",
                                            "Tin đã đưa",
                                            "Các tin đã đưa",
                                            "Các tin đã đưa ngày",
                                            "Bài liên quan",
                                            "Bài viết liên quan",
                                            "Tin bài liên quan",
                                            "Tin tiêu điểm",
                                            "Tin nổi bật",
                                            "Xem thêm",
                                            "Đọc thêm",
                                            "Tin cùng loại",
                                            "Các bài viết khác",
                                            "Bài viết khác",
                                            "Tin xem nhiều",
                                            "Đọc nhiều",
                                            "Đọc nhiều nhất",
                                            "Xem nhiều",
                                            "Xem nhiều nhất",
                                            "Tin nóng",
                                            "Tin tức khác",
                                            "Cùng chuyên mục",
                                            "Có thể bạn quan tâm",
                                            "Bài đọc nhiều",
                                            "Tin bài khác",
                                            "Các tin cũ hơn",
                                            "Tin trước",
                                            "Tin sau",
                                            NULL};

static const char *const related_starts[] = {
    "Xem thêm:", "Đọc thêm:", "Tin liên quan:", NULL};

/* Starts of footer lines that no body sentence begins with. */
static const char *const footer_starts[] = {"©",
                                            "(c)",
                                            "Copyright",
                                            "Bản quyền thuộc",
                                            "Bản quyền ©",
                                            "Giấy phép xuất bản",
                                            "Giấy phép số",
                                            "Giấy phép hoạt động",
                                            "Giấy phép thiết lập",
                                            "Giấy phép TTĐT",
                                            "Cơ quan chủ quản",
                                            "Ghi rõ nguồn",
                                            "Hôm nay:",
                                            "Đã truy cập",
                                            "Thống kê truy cập",
                                            "Lượt truy cập",
                                            "Số lượt truy cập",
                                            "Đang truy cập",
                                            "Đang online",
                                            "Trực tuyến:",
                                            "Tổng truy cập",
                                            "Tổng số lượt truy cập",
                                            "Chịu trách nhiệm xuất bản",
                                            "Chịu trách nhiệm nội dung",
                                            "Chịu trách nhiệm chính",
                                            "Tổng biên tập:",
                                            "Website liên kết",
                                            "Liên kết website",
                                            "Tìm kiếm theo",
                                            "Quản lý nội dung",
                                            "Designed by",
                                            "Thiết kế bởi",
                                            "Phát triển bởi",
                                            "Tags:",
                                            "Tag:",
                                            "Từ khóa:",
                                            "Từ khoá:",
                                            NULL};

/* Footer words that may also open a sentence: only as short lines. */
static const char *const footer_short[] = {"Chia sẻ",
                                           "Bình luận",
                                           "Facebook",
                                           "Twitter",
                                           "Zalo",
                                           "In bài",
                                           "In trang",
                                           "Gửi bài",
                                           "Gửi email",
                                           "Gửi cho bạn bè",
                                           "Về đầu trang",
                                           "Lên đầu trang",
                                           "Đầu trang",
                                           "Quay lại",
                                           "Trở về",
                                           "Print",
                                           "Share",
                                           "Bản in",
                                           "Lượt xem",
                                           "Lịch công tác",
                                           "Ý kiến bạn đọc",
                                           "Gửi ý kiến",
                                           "Đánh giá bài viết",
                                           "Địa chỉ:",
                                           "Điện thoại:",
                                           "Email:",
                                           "Fax:",
                                           "Trụ sở",
                                           "Ban biên tập",
                                           "Liên hệ quảng cáo",
                                           "Đơn vị thực hiện",
                                           "Bản quyền",
                                           NULL};

static const char *const footer_lines[] = {
    "Bản đồ", "Tin sở ban ngành", "Liên hệ", "Like", "Tweet", NULL};

int chrome_banner(const char *s, size_t n) {
  if (n > 300) return 0;
  if (pt_is_filler(s, n) || pt_is_url(s, n)) return 1;
  if (n <= 80 && (pt_any_starts(s, n, banner_starts) ||
                  pt_any_line_is(s, n, banner_lines)))
    return 1;
  if (pt_any_starts(s, n, legal_banners)) return 1;
  /* breadcrumbs: "Trang chủ > Tin tức > Chính trị" */
  if (n <= 200 &&
      (pt_contains(s, n, " > ") || pt_contains(s, n, " \xc2\xbb ") ||
       pt_contains(s, n, " \xe2\x80\xba ")))
    return 1;
  return 0;
}

/* Strip a list dash before matching footer markers ("- Cơ quan chủ quản"). */
const char *chrome_undash(const char *s, size_t *n) {
  size_t k = pt_dash_prefix(s, *n);
  if (!k && *n >= 2 && (s[0] == '*' || s[0] == '+') && s[1] == ' ') k = 2;
  if (!k && *n >= 4 && memcmp(s, "\xe2\x80\xa2 ", 4) == 0) k = 4;
  *n -= k;
  return s + k;
}

int chrome_related(const char *s, size_t n) {
  if (n > 120) return 0;
  return pt_any_line_is(s, n, related_lines) ||
         pt_any_starts(s, n, related_starts);
}

int chrome_footer(const char *s, size_t n) {
  if (n > 300) return 0;
  s = chrome_undash(s, &n);
  return pt_any_starts(s, n, footer_starts) ||
         pt_any_line_is(s, n, footer_lines) ||
         (n <= 60 && pt_any_starts(s, n, footer_short));
}

/* ---- the site name from footer lines ---- */

char *chrome_site_from(doc *d, const char *s, size_t n) {
  s = chrome_undash(s, &n);
  size_t k;
  if ((k = pt_prefix_ci(s, n, "Ghi rõ nguồn"))) {
    const char *a = s + k, *e = s + n;
    const char *q1 = NULL, *q2 = NULL;
    for (const char *c = a; c < e; c++)
      if (*c == '"') {
        if (!q1)
          q1 = c;
        else {
          q2 = c;
          break;
        }
      }
    if (q1 && q2 && q2 > q1 + 1)
      return doc_str(d, q1 + 1, (size_t)(q2 - q1 - 1));
    return NULL;
  }
  static const char *const heads[] = {
      "Copyright",       "©",         "(c)", "Bản quyền thuộc về",
      "Bản quyền thuộc", "Bản quyền", NULL};
  int hit = 0;
  for (int again = 1; again;) {
    again = 0;
    for (const char *const *h = heads; *h; h++)
      if ((k = pt_prefix_ci(s, n, *h))) {
        s += k, n -= k, hit = again = 1;
        while (n && (s[0] == ' ' || s[0] == ':')) s++, n--;
        break;
      }
    /* years: "2015", "2015-2024" */
    while (n && ((s[0] >= '0' && s[0] <= '9') || s[0] == '-' || s[0] == ' '))
      s++, n--;
  }
  if (!hit) return NULL;
  const char *cut = memmem(s, n, ". All rights", 12);
  if (!cut) cut = memmem(s, n, " All rights", 11);
  if (cut) n = (size_t)(cut - s);
  while (n && (s[n - 1] == '.' || s[n - 1] == ' ' || s[n - 1] == ',')) n--;
  if (n < 3 || n > 150) return NULL;
  return doc_str(d, s, n);
}
