/*
** parse.c — scraped article text -> struct doc (see parse.h, DESIGN.md).
**
** Stages: text_normalize (text.c) -> segmentation into units (one unit per
** non-blank line; blank lines are only separators) -> classification of
** every unit into a block kind -> document fields (title, published,
** author, site, lead, qa) -> extract_facts (unless PARSE_NO_FACTS).
**
** Classification works on the page as a reader does, in zones:
**   header  banners and chrome, date lines, the headline;
**   tail    related-news lists and the site footer, found from the first
**           marker line ("Tin liên quan", "©", "Giấy phép ...") on;
**   byline  the name-like line(s) just before the tail;
**   body    everything between: lead, paragraphs, headings, captions,
**           interview questions and answers.
** Every unit becomes exactly one block, so the blocks always reproduce the
** normalised text (lossless). Each test looks at a bounded prefix/suffix of
** a unit, so a 50 MB line or 10,000 captions stay linear.
** Thread-safe: only constant tables, all state lives in the `page`.
*/
#ifndef _GNU_SOURCE
#define _GNU_SOURCE /* memmem, memrchr */
#endif
#include "parse.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <utf8proc.h>

#include "date.h"
#include "extract.h"
#include "text.h"

/* ---- units ---- */

typedef struct unit {
  size_t off, len; /* the line in d->text */
  int gap;         /* blank lines before it */
  int kind;        /* doc_kind, or -1 while undecided */
} unit;

typedef struct page {
  doc *d;
  const char *t; /* d->text */
  unit *u;
  size_t n;
} page;

#define US(p, i) ((p)->t + (p)->u[i].off)
#define UL(p, i) ((p)->u[i].len)

static int ends_sentence(const char *s, size_t n);
static int continues_line(const char *s, size_t n);

/*
** Split d->text into units: non-blank lines, except that a line which
** does not end a sentence and is followed, with no blank line between, by
** one starting in lower case is the same hard-wrapped paragraph.
*/
static void segment(page *p) {
  const char *t = p->t;
  size_t n = p->d->text_len, cap = 64;
  p->u = xmalloc(cap * sizeof *p->u);
  p->n = 0;
  int gap = 0;
  for (size_t i = 0; i < n;) {
    const char *nl = memchr(t + i, '\n', n - i);
    size_t e = nl ? (size_t)(nl - t) : n;
    if (e > i) {
      unit *prev = p->n ? &p->u[p->n - 1] : NULL;
      /* wrapped lines are of a width: the next one is not much longer */
      /* (never into the first unit: a headline does not run on) */
      if (prev && p->n > 1 && gap == 0 && prev->off + prev->len + 1 == i &&
          prev->len >= 30 && e - i <= prev->len + prev->len / 5 + 8 &&
          continues_line(t + i, e - i) &&
          !ends_sentence(t + prev->off, prev->len)) {
        prev->len = e - prev->off; /* hard wrap: one unit, lines joined */
      } else {
        if (p->n == cap) p->u = xrealloc(p->u, (cap *= 2) * sizeof *p->u);
        p->u[p->n++] = (unit){i, e - i, gap, -1};
      }
      gap = 0;
    } else {
      gap++;
    }
    i = e + 1;
  }
}

/* ---- small text predicates (all bounded) ---- */

/* Code point at s[i] (valid UTF-8) and its length in *k. */
static int32_t cp_at(const char *s, size_t n, size_t i, int *k) {
  int32_t cp;
  *k = text_utf8_decode(s + i, n - i, &cp);
  return cp;
}

/* Last code point of s[0..n) and its byte length in *k. */
static int32_t last_cp(const char *s, size_t n, int *k) {
  if (n == 0) return *k = 0, 0;
  size_t i = n - 1;
  while (i > 0 && n - i < 4 && ((unsigned char)s[i] & 0xC0) == 0x80) i--;
  return cp_at(s, n, i, k);
}

static int32_t fold(int32_t c) {
  if (c < 0x80) return c >= 'A' && c <= 'Z' ? c + 32 : c;
  return utf8proc_tolower(c);
}

/*
** If s[0..n) starts with `lit` (case-insensitive, Unicode), return the
** number of bytes of s matched, else 0.
*/
static size_t prefix_ci(const char *s, size_t n, const char *lit) {
  size_t i = 0, j = 0, m = strlen(lit);
  while (j < m) {
    if (i >= n) return 0;
    int a, b;
    int32_t x = cp_at(s, n, i, &a), y = cp_at(lit, m, j, &b);
    if (fold(x) != fold(y)) return 0;
    i += (size_t)a, j += (size_t)b;
  }
  return i;
}

static int is_space_punct(char c) {
  return c == ' ' || c == ':' || c == '.' || c == '!' || c == '-' || c == '|';
}

/* Does the whole line read `lit` (ignoring case and trailing ":. ")? */
static int line_is(const char *s, size_t n, const char *lit) {
  size_t k = prefix_ci(s, n, lit);
  if (!k) return 0;
  while (k < n && is_space_punct(s[k])) k++;
  return k == n;
}

/* Does the line start with `lit` followed by a non-letter? */
static int starts_word(const char *s, size_t n, const char *lit) {
  size_t k = prefix_ci(s, n, lit);
  if (!k) return 0;
  if (k == n) return 1;
  int len;
  return !text_is_letter(cp_at(s, n, k, &len));
}

static int any_line_is(const char *s, size_t n, const char *const *set) {
  for (; *set; set++)
    if (line_is(s, n, *set)) return 1;
  return 0;
}

static int any_starts(const char *s, size_t n, const char *const *set) {
  for (; *set; set++)
    if (starts_word(s, n, *set)) return 1;
  return 0;
}

/* Is `needle` (NUL-terminated) inside s[0..min(n, lim))? */
static int contains(const char *s, size_t n, const char *needle) {
  return memmem(s, n, needle, strlen(needle)) != NULL;
}

static int any_contains(const char *s, size_t n, const char *const *set) {
  for (; *set; set++)
    if (contains(s, n, *set)) return 1;
  return 0;
}

/* Only punctuation and spaces ("." filler, "-----", "***")? */
static int is_filler(const char *s, size_t n) {
  if (n > 200) return 0;
  for (size_t i = 0; i < n;) {
    int k;
    int32_t c = cp_at(s, n, i, &k);
    if (text_is_letter(c) || (c >= '0' && c <= '9')) return 0;
    i += (size_t)k;
  }
  return 1;
}

static int is_url(const char *s, size_t n) {
  if (n > 2000 || memchr(s, ' ', n)) return 0;
  return prefix_ci(s, n, "http://") || prefix_ci(s, n, "https://") ||
         prefix_ci(s, n, "www.");
}

/* Does a line start in lower case (the rest of a wrapped sentence)? */
static int continues_line(const char *s, size_t n) {
  int k;
  return n > 0 && text_is_lower(cp_at(s, n, 0, &k));
}

/* Ends with sentence punctuation (possibly inside closing quotes)? */
static int ends_sentence(const char *s, size_t n) {
  int k;
  int32_t c = last_cp(s, n, &k);
  while ((c == '"' || c == 0x201D || c == ')' || c == 0x2019 || c == '\'') &&
         n > (size_t)k) {
    n -= (size_t)k;
    c = last_cp(s, n, &k);
  }
  return c == '.' || c == '!' || c == '?' || c == 0x2026 || c == ';' ||
         c == ':';
}

/*
** Number of sentence breaks inside s (". X", "? X", "! X" with X upper
** case), looking at the first `lim` bytes only.
*/
static int sentence_breaks(const char *s, size_t n, size_t lim) {
  int count = 0;
  if (n > lim) n = lim;
  for (size_t i = 0; i + 2 < n; i++) {
    if ((s[i] == '.' || s[i] == '?' || s[i] == '!') && s[i + 1] == ' ') {
      if (i >= 2 && s[i] == '.' && s[i - 1] == '.') continue; /* "..." */
      int k;
      int32_t c = cp_at(s, n, i + 2, &k);
      if (text_is_upper(c) || c == '"' || c == 0x201C) count++;
    }
  }
  return count;
}

/* Number of space-separated words (stops counting at `lim`). */
static int words(const char *s, size_t n, int lim) {
  int w = 0, in = 0;
  for (size_t i = 0; i < n && w < lim; i++) {
    if (s[i] == ' ')
      in = 0;
    else if (!in)
      in = 1, w++;
  }
  return w;
}

/* Dash that opens an interview question or a list item: "- ", "– ", "— ". */
static size_t dash_prefix(const char *s, size_t n) {
  if (n >= 2 && s[0] == '-' && s[1] == ' ') return 2;
  if (n >= 4 && (memcmp(s, "\xe2\x80\x93 ", 4) == 0 ||
                 memcmp(s, "\xe2\x80\x94 ", 4) == 0))
    return 4;
  if (n >= 2 && s[0] == '-' && (unsigned char)s[1] >= 0x80) return 1;
  return 0;
}

static size_t plus_prefix(const char *s, size_t n) {
  if (n >= 2 && s[0] == '+' && s[1] == ' ') return 2;
  if (n >= 2 && s[0] == '+' && (unsigned char)s[1] >= 0x80) return 1;
  return 0;
}

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

static const char *const caption_starts[] = {
    "Chú thích ảnh", "Ảnh:",      "Ảnh minh họa",
    "Ảnh minh hoạ",  "Nguồn ảnh", "Ảnh :",
    "Video:",        "Clip:",     NULL};

/* Words that open a photo caption about people or a scene. */
static const char *const caption_openers[] = {
    "Đồng chí",   "Các đồng chí", "Đại biểu", "Các đại biểu",
    "Quang cảnh", "Toàn cảnh",    "Một góc",  "Khung cảnh",
    "Hình ảnh",   "Cận cảnh",     NULL};

/* Phrases of photo captions (what the people in the picture do). */
static const char *const caption_phrases[] = {
    "phát biểu tại",      "phát biểu chỉ đạo",
    "phát biểu kết luận", "phát biểu khai mạc",
    "phát biểu bế mạc",   "báo cáo tại",
    "tại hội nghị.",      "tại buổi làm việc.",
    "dự hội nghị",        "trao tặng",
    "trao quà",           "tặng quà",
    "trao giấy",          "trao bằng",
    "trao quyết định",    "chụp ảnh lưu niệm",
    "làm việc với",       "(ảnh",
    "cắt băng",           "bấm nút",
    "dâng hương",         NULL};

/* Words that make a short sentence body text rather than a caption. */
static const char *const speech_words[] = {
    "cho biết", "khẳng định", "nhấn mạnh:", " nói",         "chia sẻ",
    " đã ",     " vừa ",      " sẽ ",       "\xe2\x80\x9c", NULL};

static const char *const lead_openers[] = {
    "Sáng",       "Chiều",   "Tối",      "Trưa",      "Đêm",     "Ngày",
    "Hôm nay",    "Hôm qua", "Sáng nay", "Chiều nay", "Tối nay", "Từ ngày",
    "Trong ngày", "Vừa qua", "Mới đây",  NULL};

static int is_banner(const char *s, size_t n) {
  if (n > 300) return 0;
  if (is_filler(s, n) || is_url(s, n)) return 1;
  if (n <= 80 &&
      (any_starts(s, n, banner_starts) || any_line_is(s, n, banner_lines)))
    return 1;
  if (any_starts(s, n, legal_banners)) return 1;
  /* breadcrumbs: "Trang chủ > Tin tức > Chính trị" */
  if (n <= 200 && (contains(s, n, " > ") || contains(s, n, " \xc2\xbb ") ||
                   contains(s, n, " \xe2\x80\xba ")))
    return 1;
  return 0;
}

/* Strip a list dash before matching footer markers ("- Cơ quan chủ quản"). */
static const char *undash(const char *s, size_t *n) {
  size_t k = dash_prefix(s, *n);
  if (!k && *n >= 2 && (s[0] == '*' || s[0] == '+') && s[1] == ' ') k = 2;
  if (!k && *n >= 4 && memcmp(s, "\xe2\x80\xa2 ", 4) == 0) k = 4;
  *n -= k;
  return s + k;
}

static int is_related_marker(const char *s, size_t n) {
  if (n > 120) return 0;
  return any_line_is(s, n, related_lines) || any_starts(s, n, related_starts);
}

static int is_footer(const char *s, size_t n) {
  if (n > 300) return 0;
  s = undash(s, &n);
  return any_starts(s, n, footer_starts) || any_line_is(s, n, footer_lines) ||
         (n <= 60 && any_starts(s, n, footer_short));
}

/* ---- captions, headings, bylines ---- */

/* Equal up to spaces, ",.;:!?" and ASCII case ("caption printed twice")? */
static int near_dup(const char *a, size_t na, const char *b, size_t nb) {
  if (na > 1000 || nb > 1000) return 0;
  size_t i = 0, j = 0;
  for (;;) {
    while (i < na && strchr(" ,.;:!?", a[i])) i++;
    while (j < nb && strchr(" ,.;:!?", b[j])) j++;
    if (i == na || j == nb) return i == na && j == nb;
    char x = a[i], y = b[j];
    if (x >= 'A' && x <= 'Z') x += 32;
    if (y >= 'A' && y <= 'Z') y += 32;
    if (x != y) return 0;
    i++, j++;
  }
}

/*
** Does the short line s (from its second code point on, so the case of
** the first letter does not matter) appear in the unit near its edge?
** Looks at most 64 KB of the neighbour.
*/
static int echoes(const char *s, size_t n, const char *nb, size_t nn,
                  int from_end) {
  int k;
  cp_at(s, n, 0, &k);
  if (n - (size_t)k < 20) return 0;
  if (nn > 65536) {
    if (from_end) nb += nn - 65536;
    nn = 65536;
  }
  return memmem(nb, nn, s + k, n - (size_t)k) != NULL;
}

static int is_caption_marked(const char *s, size_t n) {
  if (n > 400) return 0;
  if (any_starts(s, n, caption_starts)) return 1;
  /* "... (Ảnh: Thu Chung)" or "... Ảnh: Thu Chung" at the end */
  const char *tail = n > 60 ? s + n - 60 : s;
  size_t tn = (size_t)(s + n - tail);
  return contains(tail, tn, "(Ảnh") || contains(tail, tn, "(ảnh:") ||
         contains(tail, tn, ". Ảnh:") || contains(tail, tn, "Ảnh: ");
}

/* A short single-sentence description of a photo? */
static int is_caption_like(const char *s, size_t n) {
  if (n > 320 || n < 10) return 0;
  if (dash_prefix(s, n) || plus_prefix(s, n)) return 0;
  if (sentence_breaks(s, n, n) > 0) return 0;
  int k;
  int32_t last = last_cp(s, n, &k);
  if (last == '?' || last == ':' || last == ',' || last == ';') return 0;
  if (any_contains(s, n, speech_words)) return 0;
  if (any_starts(s, n, caption_openers)) return 1;
  return any_contains(s, n, caption_phrases) && n <= 260;
}

/* A short line without closing punctuation (heading or caption)? */
static int is_label(const char *s, size_t n) {
  if (n > 220 || n < 2) return 0;
  if (dash_prefix(s, n) || plus_prefix(s, n)) return 0;
  int k;
  int32_t last = last_cp(s, n, &k);
  if (last == '.' || last == ',' || last == ';' || last == ':' || last == '?' ||
      last == 0x2026)
    return 0;
  return sentence_breaks(s, n, n) == 0;
}

/* Numbered or all-caps section heading ("1. ...", "II. ...", "Điều 5.")? */
static int is_numbered_heading(const char *s, size_t n) {
  if (n > 200) return 0;
  static const char *const heads[] = {"Chương", "Điều",    "Mục",
                                      "Phần",   "Phụ lục", NULL};
  if (any_starts(s, n, heads)) {
    size_t k = 0;
    while (k < n && s[k] != ' ') k++;
    k++;
    return k < n && ((s[k] >= '0' && s[k] <= '9') || strchr("IVXLC", s[k]) ||
                     starts_word(s + k, n - k, "thứ"));
  }
  size_t i = 0;
  while (i < n && ((s[i] >= '0' && s[i] <= '9') || strchr("IVX", s[i]))) i++;
  if (i > 0 && i <= 4 && i + 1 < n && (s[i] == '.' || s[i] == ')') &&
      s[i + 1] == ' ')
    return n <= 150 && !ends_sentence(s, n);
  return 0;
}

static int all_caps(const char *s, size_t n) {
  int letters = 0;
  for (size_t i = 0; i < n && i < 400;) {
    int k;
    int32_t c = cp_at(s, n, i, &k);
    if (text_is_lower(c)) return 0;
    if (text_is_letter(c)) letters++;
    i += (size_t)k;
  }
  return letters >= 4;
}

/*
** A byline: a short name ("Thu Chung", "Cao Quỳnh (Thực hiện)", "Bài,
** ảnh: Minh Hà", "PV"), or a source line ("(T/h)", "Theo TTXVN").
** Stores the name span (without role) in *a and *an when there is one.
*/
static int is_byline(const char *s, size_t n, const char **a, size_t *an) {
  *a = NULL, *an = 0;
  if (n > 80 || n == 0) return 0;
  static const char *const sources[] = {"Theo", "Nguồn:", "Nguồn", NULL};
  if (s[0] == '(' && s[n - 1] == ')' && n <= 40) return 1; /* "(T/h)" */
  if (any_starts(s, n, sources) && words(s, n, 12) <= 8) return 1;
  static const char *const roles[] = {
      "Bài và ảnh:", "Bài, ảnh:",   "Bài và ảnh", "Bài, ảnh", "Bài:",
      "Tin, ảnh:",   "Tin và ảnh:", "Nhóm PV",    "Tin:",     NULL};
  for (const char *const *r = roles; *r; r++) {
    size_t k = prefix_ci(s, n, *r);
    if (k) {
      while (k < n && s[k] == ' ') k++;
      s += k, n -= k;
      break;
    }
  }
  /* strip a trailing "(Thực hiện)" / "(TTXVN)" / "thực hiện" */
  size_t e = n;
  static const char *const role_tails[] = {
      " thực hiện", " tổng hợp", " lược dịch", " biên dịch", " ghi", NULL};
  for (const char *const *r = role_tails; *r; r++) {
    size_t m = strlen(*r);
    if (e > m && memcmp(s + e - m, *r, m) == 0) {
      e -= m;
      break;
    }
  }
  if (e > 0 && s[e - 1] == ')') {
    const char *o = memrchr(s, '(', e);
    if (o) e = (size_t)(o - s);
  }
  while (e > 0 && (s[e - 1] == ' ' || s[e - 1] == '-')) e--;
  if (e == 0) return 0;
  int w = words(s, e, 10);
  if (w < 1 || w > 6) return 0;
  /* every word starts upper case; no digits; only letters, spaces, "-." */
  int start = 1;
  for (size_t i = 0; i < e;) {
    int k;
    int32_t c = cp_at(s, e, i, &k);
    if (c == ' ' || c == '-' || c == 0x2013) {
      start = 1;
    } else if (start) {
      if (!text_is_upper(c)) return 0;
      start = 0;
    } else if (!text_is_letter(c) && c != '.') {
      return 0;
    }
    i += (size_t)k;
  }
  if (w == 1 && e < 2) return 0;
  *a = s, *an = e;
  return 1;
}

/* ---- the title ---- */

/* Starts like a lead: "Sáng 9/10, ...", "(TTXVN) - ...", "Ngày 4/3, ..." */
static int lead_opening(const char *s, size_t n) {
  if (n > 0 && s[0] == '(') {
    const char *c = memchr(s, ')', n < 60 ? n : 60);
    if (c) return 1;
  }
  if (!any_starts(s, n, lead_openers)) return 0;
  /* a date or time within the first words, then a comma */
  size_t lim = n < 60 ? n : 60;
  for (size_t i = 0; i < lim; i++)
    if (s[i] >= '0' && s[i] <= '9')
      return memchr(s, ',', n < 80 ? n : 80) != NULL;
  return 0;
}

/* Could unit i be the headline? */
static int looks_like_title(page *p, size_t i) {
  const char *s = US(p, i);
  size_t n = UL(p, i);
  if (n > 400 || dash_prefix(s, n) || plus_prefix(s, n)) return 0;
  if (is_url(s, n) || is_filler(s, n)) return 0;
  int breaks = sentence_breaks(s, n, n);
  int k;
  int32_t last = last_cp(s, n, &k);
  int dots = n >= 3 && memcmp(s + n - 3, "...", 3) == 0;
  int period = (last == '.' && !dots) || last == ';' || last == ',';
  if (lead_opening(s, n) && (n > 250 || period)) return 0;
  if (breaks >= 3 || (breaks >= 1 && n > 250)) return 0;
  if (!period) return n <= 300 || breaks == 0;
  if (i + 1 < p->n && near_dup(s, n, US(p, i + 1), UL(p, i + 1))) return 1;
  /* ends like a sentence: a headline only when short, a single sentence,
  ** and followed by a date line or by something longer */
  if (n > 250 || breaks > 0) return 0;
  if (i + 1 >= p->n) return 1; /* a lone short sentence: the headline */
  date_tm t;
  if (date_line(US(p, i + 1), UL(p, i + 1), &t)) return 1;
  return UL(p, i + 1) > n + n / 2;
}

/* Copy s without surrounding quotes into the doc arena. */
static char *strip_quotes(doc *d, const char *s, size_t n) {
  static const int32_t open[] = {'"', 0x201C, '\'', 0x2018, 0xAB, 0};
  static const int32_t close[] = {'"', 0x201D, '\'', 0x2019, 0xBB, 0};
  int k1, k2;
  if (n >= 2) {
    int32_t a = cp_at(s, n, 0, &k1), b = last_cp(s, n, &k2);
    for (int q = 0; open[q]; q++) {
      if (a != open[q] || b != close[q] || n <= (size_t)(k1 + k2)) continue;
      /* no other quote of the pair inside */
      int inner = 0;
      for (size_t i = (size_t)k1; i < n - (size_t)k2;) {
        int k;
        int32_t c = cp_at(s, n, i, &k);
        if (c == open[q] || c == close[q]) inner = 1;
        i += (size_t)k;
      }
      if (!inner) {
        s += k1, n -= (size_t)(k1 + k2);
        while (n && s[0] == ' ') s++, n--;
        while (n && s[n - 1] == ' ') n--;
      }
      break;
    }
  }
  return doc_str(d, s, n);
}

/* ---- the site name from footer lines ---- */

static char *site_from(doc *d, const char *s, size_t n) {
  s = undash(s, &n);
  size_t k;
  if ((k = prefix_ci(s, n, "Ghi rõ nguồn"))) {
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
      if ((k = prefix_ci(s, n, *h))) {
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

/* ---- classification ---- */

/* Decide header kinds; returns the index of the first body unit. */
static size_t classify_header(page *p) {
  doc *d = p->d;
  size_t i = 0, pre_date = (size_t)-1;
  date_tm pre_t, t;
  for (; i < p->n; i++) {
    const char *s = US(p, i);
    size_t n = UL(p, i);
    if (date_line(s, n, &t)) {
      if (pre_date != (size_t)-1) p->u[pre_date].kind = BK_BANNER;
      pre_date = i, pre_t = t;
      p->u[i].kind = BK_DATELINE;
      continue;
    }
    if (is_banner(s, n)) {
      p->u[i].kind = BK_BANNER;
      continue;
    }
    /* a short ALL-CAPS issuer over a rule line ("QUỐC HỘI" / "------") */
    if (i + 1 < p->n && n <= 60 && all_caps(s, n) &&
        is_filler(US(p, i + 1), UL(p, i + 1))) {
      p->u[i].kind = BK_BANNER;
      continue;
    }
    break;
  }
  if (i < p->n && looks_like_title(p, i)) {
    p->u[i].kind = BK_TITLE;
    d->title = strip_quotes(d, US(p, i), UL(p, i));
    i++;
    /* legal documents: "LUẬT" / "ĐẤU THẦU" -> title "LUẬT ĐẤU THẦU" */
    if (i < p->n && UL(p, i - 1) <= 20 &&
        all_caps(US(p, i - 1), UL(p, i - 1)) && UL(p, i) <= 200 &&
        all_caps(US(p, i), UL(p, i)) && !date_line(US(p, i), UL(p, i), &t)) {
      p->u[i].kind = BK_HEADING;
      size_t n1 = strlen(d->title), n2 = UL(p, i);
      char *both = arena_alloc(&d->arena, n1 + n2 + 2);
      memcpy(both, d->title, n1);
      both[n1] = ' ';
      memcpy(both + n1 + 1, US(p, i), n2);
      d->title = both;
      i++;
    }
  }
  /* the date line under the headline (after "." fillers) */
  size_t j = i, post = (size_t)-1;
  for (; j < p->n && j < i + 4; j++) {
    if (is_filler(US(p, j), UL(p, j))) continue;
    if (date_line(US(p, j), UL(p, j), &t)) post = j;
    break;
  }
  char iso[40];
  if (post != (size_t)-1 && d->title) {
    if (pre_date != (size_t)-1) p->u[pre_date].kind = BK_BANNER;
    for (size_t q = i; q < post; q++) p->u[q].kind = BK_BOILERPLATE;
    p->u[post].kind = BK_DATELINE;
    date_format(&t, iso, sizeof iso);
    d->published = doc_str(d, iso, strlen(iso));
    i = post + 1;
  } else if (pre_date != (size_t)-1) {
    date_format(&pre_t, iso, sizeof iso);
    d->published = doc_str(d, iso, strlen(iso));
  }
  if (!d->title) doc_warn(d, "no-title: no headline found");
  return i;
}

/*
** Find the tail (related lists and footer) after the body start b.
** Returns its first unit (p->n when none) and classifies it.
*/
static size_t classify_tail(page *p, size_t b, size_t lim) {
  size_t tail = lim;
  for (size_t i = b; i < lim; i++) {
    const char *s = US(p, i);
    size_t n = UL(p, i);
    if (n > 300) continue;
    if (is_related_marker(s, n) || is_footer(s, n)) {
      tail = i;
      break;
    }
  }
  int mode = BK_BOILERPLATE;
  for (size_t i = tail; i < lim; i++) {
    const char *s = US(p, i);
    size_t n = UL(p, i);
    if (is_related_marker(s, n))
      mode = BK_RELATED;
    else if (is_footer(s, n))
      mode = BK_BOILERPLATE;
    p->u[i].kind = is_filler(s, n) ? BK_BOILERPLATE : mode;
    if (p->u[i].kind == BK_BOILERPLATE && !p->d->site) {
      char *site = site_from(p->d, s, n);
      if (site) p->d->site = site;
    }
  }
  return tail;
}

/* Source abbreviations that sign an article but name nobody. */
static int not_a_name(const char *s, size_t n) {
  static const char *const abbr[] = {"St",       "ST",    "TH",   "T/h",
                                     "Tổng hợp", "Nguồn", "Theo", NULL};
  for (const char *const *a = abbr; *a; a++)
    if (strlen(*a) == n && memcmp(*a, s, n) == 0) return 1;
  return 0;
}

static void set_published(doc *d, const date_tm *t) {
  char iso[40];
  if (d->published) return; /* the header's date line wins */
  date_format(t, iso, sizeof iso);
  d->published = doc_str(d, iso, strlen(iso));
}

/* Record the byline's name as the author unless one is known already or
** it is no name (an all-caps role line "CHỦ TỊCH QUỐC HỘI", "St"). */
static void set_author(doc *d, const char *a, size_t an) {
  if (a && an && !d->author && !(all_caps(a, an) && words(a, an, 4) >= 3) &&
      !not_a_name(a, an))
    d->author = doc_str(d, a, an);
}

/*
** Mark the byline(s) just before the tail, walking back from it over at
** most three units: names ("Thu Chung", "Cao Quỳnh (Thực hiện)"), source
** lines ("(T/h)"), a date line at the foot ("Cập nhật: 15:44 29/06/2013")
** and a byline with its date ("Thanh Chương - Thể thao | 21:20
** 06/02/2017"). The last name line gives the author. Returns the body end.
*/
static size_t classify_byline(page *p, size_t b, size_t e) {
  size_t end = e;
  while (end > b && is_filler(US(p, end - 1), UL(p, end - 1))) {
    p->u[end - 1].kind = BK_BOILERPLATE;
    end--;
  }
  const char *a;
  size_t an;
  for (int k = 0; k < 3 && end > b + 1; k++) {
    size_t i = end - 1;
    const char *s = US(p, i);
    size_t n = UL(p, i);
    date_tm t;
    const char *bar = n <= 160 ? memmem(s, n, " | ", 3) : NULL;
    if (date_line(s, n, &t)) {
      p->u[i].kind = BK_DATELINE;
      set_published(p->d, &t);
    } else if (bar && date_line(bar + 3, n - (size_t)(bar + 3 - s), &t)) {
      p->u[i].kind = BK_BYLINE;
      set_published(p->d, &t);
      size_t ln = (size_t)(bar - s);
      const char *dash = memmem(s, ln, " - ", 3);
      if (dash) ln = (size_t)(dash - s);
      if (is_byline(s, ln, &a, &an)) set_author(p->d, a, an);
    } else if (is_byline(s, n, &a, &an) && !is_numbered_heading(s, n)) {
      p->u[i].kind = BK_BYLINE;
      set_author(p->d, a, an);
    } else {
      break;
    }
    end = i;
  }
  return end;
}

static int interview_mode(page *p, size_t b, size_t e) {
  int q = 0, a = 0;
  for (size_t i = b; i < e; i++) {
    const char *s = US(p, i);
    size_t n = UL(p, i);
    size_t k = dash_prefix(s, n);
    if (k) {
      int c;
      int32_t last = last_cp(s, n, &c);
      if (last == '?' || (n < 400 && contains(s, n, "?"))) q++;
    } else if (plus_prefix(s, n)) {
      a++;
    }
  }
  return (q >= 1 && a >= 1) || q >= 2;
}

/* Is unit i a closing "- Xin cảm ơn ..." or a "- ... ?" question? */
static int is_question(page *p, size_t i) {
  const char *s = US(p, i);
  size_t n = UL(p, i);
  size_t k = dash_prefix(s, n);
  if (!k) {
    /* "PV:" style */
    return prefix_ci(s, n, "PV:") || prefix_ci(s, n, "Phóng viên:");
  }
  /* a question, a request ("Xin ông cho biết ...") or the closing thanks;
  ** other dashes inside answers are list items */
  if (n > 2000) return 0;
  return memchr(s, '?', n) || contains(s, n, "cảm ơn") ||
         contains(s, n, "cho biết") || contains(s, n, "thưa ") ||
         contains(s, n, "Thưa ");
}

/* Runs of 3+ short unpunctuated lines are lists, not captions/headings. */
static void mark_label_runs(page *p, size_t b, size_t e) {
  for (size_t i = b; i < e;) {
    size_t j = i;
    while (j < e && p->u[j].kind < 0 && is_label(US(p, j), UL(p, j)) &&
           !is_numbered_heading(US(p, j), UL(p, j)))
      j++;
    if (j - i >= 3)
      for (size_t q = i; q < j; q++) p->u[q].kind = BK_PARAGRAPH;
    i = j > i ? j : i + 1;
  }
}

static const char *const thanks_starts[] = {
    "Xin cảm ơn", "Xin chân thành cảm ơn", "Xin trân trọng cảm ơn", "Cảm ơn",
    NULL};

static void classify_body(page *p, size_t b, size_t e) {
  int iv = interview_mode(p, b, e);
  mark_label_runs(p, b, e);
  int in_answer = 0, seen_question = 0;
  for (size_t i = b; i < e; i++) {
    unit *u = &p->u[i];
    const char *s = US(p, i);
    size_t n = u->len;
    if (u->kind >= 0) continue; /* decided already (duplicate caption) */
    if (is_filler(s, n) || is_url(s, n)) {
      u->kind = BK_BOILERPLATE;
      continue;
    }
    /* the closing thanks ("- Xin cảm ơn đồng chí!", with or without the
    ** dash) ends the interview: what follows is no answer */
    int thanks = iv && seen_question && n <= 120 && contains(s, n, "cảm ơn") &&
                 (dash_prefix(s, n) || any_starts(s, n, thanks_starts));
    if (thanks || (iv && is_question(p, i))) {
      u->kind = BK_QUESTION;
      in_answer = !thanks, seen_question = 1;
      continue;
    }
    if (iv && plus_prefix(s, n)) {
      u->kind = BK_ANSWER;
      in_answer = 1;
      continue;
    }
    /* captions: marked, printed twice, or a short photo description */
    int next_dup = i + 1 < e && p->u[i + 1].gap <= 1 &&
                   near_dup(s, n, US(p, i + 1), UL(p, i + 1));
    if (is_caption_marked(s, n) || next_dup ||
        (i > b && is_caption_like(s, n))) {
      u->kind = BK_CAPTION;
      if (next_dup) p->u[i + 1].kind = BK_BOILERPLATE;
      /* "Chú thích ảnh" alone: the caption text follows */
      if (line_is(s, n, "Chú thích ảnh") && i + 1 < e && p->u[i + 1].kind < 0)
        p->u[i + 1].kind = BK_CAPTION;
      continue;
    }
    if (is_numbered_heading(s, n) || (n <= 200 && all_caps(s, n))) {
      u->kind = BK_HEADING;
      continue;
    }
    if (is_label(s, n) && i > b) {
      /* caption or heading? A label followed by another label is the
      ** caption of a photo above a heading; one that repeats the previous
      ** paragraph is a caption; otherwise a heading when text follows. */
      size_t nx = i + 1;
      int next_label = nx < e && is_label(US(p, nx), UL(p, nx)) &&
                       !is_numbered_heading(US(p, nx), UL(p, nx));
      int prev_echo = echoes(s, n, US(p, i - 1), UL(p, i - 1), 1);
      int next_echo = nx < e && echoes(s, n, US(p, nx), UL(p, nx), 0);
      if ((next_label || prev_echo) && !next_echo) {
        u->kind = BK_CAPTION;
      } else if (nx < e && UL(p, nx) > n) {
        u->kind = BK_HEADING;
      } else {
        u->kind = BK_CAPTION;
      }
      continue;
    }
    u->kind = in_answer && seen_question ? BK_ANSWER : BK_PARAGRAPH;
  }
}

/*
** The "sapo at the end" layout (baomoi-paragraphs): the last unit stands
** alone after 3+ blank lines and reads like text. Marks it as the lead and
** returns its index, or p->n.
*/
static size_t end_sapo(page *p, size_t b) {
  if (p->n < 3 || p->n - 1 < b) return p->n;
  size_t i = p->n - 1;
  unit *u = &p->u[i];
  const char *s = US(p, i);
  if (u->kind >= 0 || u->gap < 3 || u->len < 40 || is_footer(s, u->len) ||
      is_url(s, u->len) || is_related_marker(s, u->len) || is_filler(s, u->len))
    return p->n;
  u->kind = BK_LEAD;
  p->d->lead = doc_str(p->d, s, u->len);
  return i;
}

/* The first paragraph of the body becomes the lead (sapo). */
static void choose_lead(page *p, size_t b, size_t e) {
  doc *d = p->d;
  if (d->lead) return;
  for (size_t i = b; i < e; i++) {
    if (p->u[i].kind == BK_QUESTION) return;
    if (p->u[i].kind == BK_PARAGRAPH) {
      p->u[i].kind = BK_LEAD;
      d->lead = doc_str(d, US(p, i), UL(p, i));
      return;
    }
  }
}

/* Fill d->qa from the question / answer blocks. */
static void build_qa(doc *d) {
  buf a;
  buf_init(&a);
  doc_qa *cur = NULL;
  for (size_t i = 0; i < d->blocks.n; i++) {
    doc_block *k = &d->blocks.items[i];
    if (k->kind == BK_QUESTION) {
      if (cur && a.len) cur->a = doc_str(d, a.data, a.len);
      buf_reset(&a);
      const char *s = k->text;
      size_t n = k->len, c = dash_prefix(s, n);
      if (!c) c = prefix_ci(s, n, "PV:");
      if (!c) c = prefix_ci(s, n, "Phóng viên:");
      while (c < n && s[c] == ' ') c++;
      doc_qa q = {doc_str(d, s + c, n - c), NULL, (int)i};
      VEC_PUSH(d->qa, q);
      cur = &d->qa.items[d->qa.n - 1];
    } else if (k->kind == BK_ANSWER && cur) {
      size_t c = plus_prefix(k->text, k->len);
      while (c < k->len && k->text[c] == ' ') c++;
      if (a.len) buf_add(&a, "\n\n", 2);
      buf_add(&a, k->text + c, k->len - c);
    } else if (k->kind == BK_RELATED || k->kind == BK_BYLINE ||
               (k->kind == BK_BOILERPLATE && i > 0 &&
                d->blocks.items[i - 1].kind == BK_RELATED)) {
      if (cur && a.len) cur->a = doc_str(d, a.data, a.len);
      buf_reset(&a);
      cur = NULL;
    }
  }
  if (cur && a.len) cur->a = doc_str(d, a.data, a.len);
  buf_free(&a);
}

static void add_warnings(doc *d, const text_stats *st) {
  if (st->utf16)
    doc_warn(d, "utf16: decoded UTF-16%s (byte-order mark)",
             st->utf16 == 2 ? "BE" : "LE");
  else if (st->bom)
    doc_warn(d, "bom: byte-order mark removed");
  if (st->cp1258)
    doc_warn(d, "cp1258: not UTF-8, read as Vietnamese Windows-1258");
  else if (st->cp1252)
    doc_warn(d, "cp1252: not UTF-8, read as Windows-1252");
  if (st->invalid)
    doc_warn(d, "invalid-utf8: %zu invalid bytes replaced by U+FFFD",
             st->invalid);
  if (st->crlf)
    doc_warn(d, "newlines: %zu CR/CRLF line ends converted", st->crlf);
  if (st->nbsp)
    doc_warn(d, "spaces: %zu non-breaking or special spaces replaced",
             st->nbsp);
  if (st->zero_width)
    doc_warn(d, "zero-width: %zu zero-width characters removed",
             st->zero_width);
  if (st->controls)
    doc_warn(d, "control: %zu control characters or tabs cleaned",
             st->controls);
  if (st->marks)
    doc_warn(d, "marks: %zu stray or doubled combining marks repaired",
             st->marks);
  if (st->nfc_lines)
    doc_warn(d, "nfc: %zu lines were not NFC (composed)", st->nfc_lines);
  if (st->entities)
    doc_warn(d, "entities: %zu HTML entities decoded", st->entities);
  if (st->debris)
    doc_warn(d, "entity-debris: %zu scraper entity remnants repaired (TT&TT;)",
             st->debris);
  if (st->vni_lines)
    doc_warn(d, "legacy-vni: %zu lines converted from VNI-Windows mojibake",
             st->vni_lines);
  if (st->tcvn3_lines)
    doc_warn(d, "legacy-tcvn3: %zu lines converted from TCVN3 mojibake",
             st->tcvn3_lines);
  if (st->legacy_lines)
    doc_warn(d,
             "legacy-suspect: %zu lines look like legacy-encoded text, "
             "left as is",
             st->legacy_lines);
}

doc *parse_document(const char *path, const char *bytes, size_t len,
                    int flags) {
  doc *d = doc_new(path);
  text_stats st;
  size_t n;
  char *t = text_normalize(bytes ? bytes : "", bytes ? len : 0, &n, &st);
  d->text = doc_str(d, t, n);
  d->text_len = n;
  free(t);
  snprintf(d->id, sizeof d->id, "%016llx",
           (unsigned long long)util_hash64(d->text, d->text_len));
  add_warnings(d, &st);

  page p = {d, d->text, NULL, 0};
  segment(&p);
  size_t b = p.n ? classify_header(&p) : 0;
  size_t lim = end_sapo(&p, b);
  size_t e = classify_tail(&p, b, lim);
  size_t be = classify_byline(&p, b, e);
  classify_body(&p, b, be);
  choose_lead(&p, b, be);

  for (size_t i = 0; i < p.n; i++) {
    unit *u = &p.u[i];
    doc_block k = {u->kind < 0 ? BK_PARAGRAPH : (doc_kind)u->kind,
                   doc_str(d, d->text + u->off, u->len), u->off, u->len};
    VEC_PUSH(d->blocks, k);
  }
  free(p.u);
  build_qa(d);
  if (!(flags & PARSE_NO_FACTS)) extract_facts(d);
  return d;
}

doc *parse_file(const char *path, int flags, const char **why) {
  return parse_file_max(path, flags, 0, why);
}

doc *parse_file_max(const char *path, int flags, int64_t max,
                    const char **why) {
  struct stat sb;
  if (stat(path, &sb) == 0 && S_ISDIR(sb.st_mode)) {
    *why = "is a directory";
    return NULL;
  }
  char *bytes;
  size_t len;
  if (util_read_file(path, max, &bytes, &len) != 0) {
    char tmp[128];
    if (errno == EFBIG) {
      *why =
          "larger than the size limit (--max-file-size, 64 MiB by "
          "default): skipped";
      return NULL;
    }
    const char *m = strerror_r(errno, tmp, sizeof tmp); /* GNU: thread-safe */
    *why = m == tmp ? "cannot read the file" : m;       /* static or not? */
    return NULL;
  }
  doc *d = parse_document(path, bytes, len, flags);
  free(bytes);
  return d;
}
