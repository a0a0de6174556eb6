/*
** parse_chrome.c — site chrome (parse_int.h): banner, breadcrumb, widget
** and footer lines, related-news markers, the site name from a footer.
*/
#ifndef _GNU_SOURCE
#define _GNU_SOURCE /* memmem, memrchr */
#endif
#include <ctype.h>
#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "byte_scan.h"
#include "lexicon.h"
#include "parse.h"
#include "parse_count.h"
#include "parse_int.h"
#include "parse_phrases.h"
#include "text.h"

/* ---- marker lists ---- */

/* Whole lines of site chrome above the headline. */
/* banner_lines: data/parser-markers.tsv, kind "banner-line" */

/* Distinctive starts of chrome lines. */
/* banner_starts: data/parser-markers.tsv, kind "banner-start" */

/* The national motto and number lines that head legal documents. */
/* legal_banners: data/parser-markers.tsv, kind "legal-banner" */

/* related_lines: data/parser-markers.tsv, kind "related-line" */

/* related_starts: data/parser-markers.tsv, kind "related-start" */

/* Starts of footer lines that no body sentence begins with. */
/* footer_starts: data/parser-markers.tsv, kind "footer-start" */

/* Footer words that may also open a sentence: only as short lines. */
/* footer_short: data/parser-markers.tsv, kind "footer-short" */

/* Share and reading widgets: chrome, not the end of the article. Short
** lines starting so ("Chia sẻ Zalo", "Lượt xem: 120") or whole lines. */
/* share_starts: data/parser-markers.tsv, kind "share-start" */
/* share_lines: data/parser-markers.tsv, kind "share-line" */

/* Widgets and site furniture above a headline: distinctive starts, and
** words that are chrome only as a whole line. */
/* widget_starts: data/parser-markers.tsv, kind "widget-start" */

/* Contact labels: a line holding one is the site's address block. */
/* contact_words: data/parser-markers.tsv, kind "contact" */
/* widget_lines: data/parser-markers.tsv, kind "widget-line" */

/* Heads of a site name left on a headline ("… - Báo Quảng Ninh"). */
/* site_heads: data/parser-markers.tsv, kind "site-head" */

/* footer_lines: data/parser-markers.tsv, kind "footer-line" */

/* Does s[0..n) end with one of set's phrases (bytes compared as they
** are)? */
static int ends_with_any(const char *s, size_t n, const char *const *set) {
  for (; *set; set++) {
    size_t k = strlen(*set);
    if (k <= n && memcmp(s + n - k, *set, k) == 0) return 1;
  }
  return 0;
}

/* The national motto and number lines that head legal documents
** ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Số: 41/2005/QH11"), the
** enacting body's line and the session's. */
int chrome_legal(const char *s, size_t n) {
  if (n > 300) return 0;
  if (pp_any_starts(s, n, LEXL_LEGAL_BANNER)) return 1;
  /* an issuer naming the state: "QUỐC HỘI NƯỚC CỘNG HÒA XÃ HỘI CHỦ
  ** NGHĨA VIỆT NAM" (a title starts with the document's kind: "HIẾN PHÁP
  ** NƯỚC CỘNG HÒA …"; the old titles "LUẬT CỦA QUỐC HỘI NƯỚC … SỐ
  ** 32/2004/QH11 VỀ …" go on after the name) */
  if (n <= 120 && pt_all_caps(s, n) && pp_any_starts(s, n, LEXL_LEGAL_ISSUER) &&
      ends_with_any(s, n, lexicon_list(LEXL_LEGAL_STATE)))
    return 1;
  /* the session's dates: "(Từ ngày 17 tháng 10 đến ngày 29 tháng 11 năm
  ** 2006)" */
  if (n <= 100 && n > 2 && s[0] == '(' && s[n - 1] == ')' &&
      pp_any_starts(s + 1, n - 1, LEXL_LEGAL_PERIOD))
    return 1;
  /* the session line: "Khóa XI, kỳ họp thứ 10" */
  if (n <= 60 && pp_any_starts(s, n, LEXL_LEGAL_TERM))
    for (size_t i = 1; i < n; i++)
      if (s[i - 1] == ' ' && pp_any_starts(s + i, n - i, LEXL_LEGAL_SESSION))
        return 1;
  /* the motto however it is spaced or dashed ("Độc lập - Tự do -Hạnh
  ** phúc") */
  static const char *const motto[] = {"Độc lập", NULL};
  return n <= 80 && pp_set_starts(s, n, motto) && pt_contains(s, n, "Tự do") &&
         pt_contains(s, n, "Hạnh phúc");
}

/* pt_contains(s, n, needle) when s holds the byte b (one of needle's;
** memchr finds it cheaply), else 0 -- needle is not in s then. */
static int contains_by(const char *s, size_t n, char b, const char *needle) {
  return memchr(s, b, n) && pt_contains(s, n, needle);
}

int chrome_banner(const char *s, size_t n) {
  /* an image left as a data URI ("<image>data:image/png;base64,…") */
  if (contains_by(s, n < 64 ? n : 64, ':', "data:image/")) return 1;
  if (n > 300) return 0;
  if (pt_is_filler(s, n) || pt_is_url(s, n)) return 1;
  if (n <= 80 && (pp_any_starts(s, n, LEXL_BANNER_START) ||
                  pp_any_line_is(s, n, LEXL_BANNER_LINE)))
    return 1;
  if (chrome_legal(s, n)) return 1;
  /* a breadcrumb's segment on a line of its own, its separator first
  ** ("/ Phân tích - Nghiên cứu", "/ <headline>" over the headline) */
  if (n >= 3 && s[0] == '/' && s[1] == ' ') return 1;
  /* breadcrumbs: "Trang chủ > Tin tức > Chính trị" */
  if (n <= 200 && (contains_by(s, n, '>', " > ") ||
                   contains_by(s, n, '\xc2', " \xc2\xbb ") ||
                   contains_by(s, n, '\xe2', " \xe2\x80\xba ")))
    return 1;
  return 0;
}

/* Does the word at s[i..) hold a non-ASCII letter (Vietnamese)? */
static int word_accented(const char *s, size_t n, size_t i) {
  for (; i < n && s[i] != ' '; i++)
    if ((unsigned char)s[i] >= 0x80) return 1;
  return 0;
}

/* chrome_glued_words the long way: every code point in turn. */
static int glued_words(const char *s, size_t n) {
  int glue = 0, lower = 0, accent = 0;
  for (size_t i = 0; i < n && glue < 3;) {
    int k = 1;
    unsigned char b = (unsigned char)s[i]; /* ASCII: itself, one byte */
    int32_t c = b < 0x80 ? b : pp_cp_at(s, n, i, &k);
    if (lower >= 2 && text_is_upper(c) && (accent || word_accented(s, n, i)))
      glue++;
    int lo = text_is_lower(c);
    accent = lo && (accent || c >= 0x80) && lower >= 0;
    if (!lo) accent = 0;
    lower = lo ? lower + 1 : 0;
    i += (size_t)k;
  }
  return glue;
}

/* 1 in bit j for each s[i + j] (j < 16) that may open an upper-case
** letter (A-Z or a lead byte C0..FF) right after a byte that may end a
** lower-case one (a-z or 80..FF); i >= 1, i + 16 <= n. */
#ifdef __SSE2__
static unsigned glue_spots16(const char *s, size_t i) {
  __m128i a = _mm_loadu_si128((const __m128i *)(const void *)(s + i));
  __m128i p = _mm_loadu_si128((const __m128i *)(const void *)(s + i - 1));
  __m128i au = _mm_sub_epi8(a, _mm_set1_epi8('A'));
  __m128i up =
      _mm_or_si128(/* A-Z, or C0..FF */
                   _mm_cmpeq_epi8(_mm_min_epu8(au, _mm_set1_epi8(25)), au),
                   _mm_cmpeq_epi8(_mm_max_epu8(a, _mm_set1_epi8((char)0xC0)),
                                  a));
  __m128i pl = _mm_sub_epi8(p, _mm_set1_epi8('a'));
  __m128i lo =
      _mm_or_si128(/* a-z, or 80..FF */
                   _mm_cmpeq_epi8(_mm_min_epu8(pl, _mm_set1_epi8(25)), pl),
                   _mm_cmpgt_epi8(_mm_setzero_si128(), p));
  return (unsigned)_mm_movemask_epi8(_mm_and_si128(up, lo));
}
#endif

/* May s[i] (i >= 1) open an upper-case letter right after a lower-case
** one (glue_spots16's test for one byte)? */
static int glue_spot(const char *s, size_t i) {
  unsigned char b = (unsigned char)s[i], a = (unsigned char)s[i - 1];
  return ((unsigned)(b - 'A') < 26u || b >= 0xC0) &&
         ((unsigned)(a - 'a') < 26u || a >= 0x80);
}

/* Is the code point at s[i] upper-case? */
static int upper_at(const char *s, size_t n, size_t i) {
  int k;
  return text_is_upper(pp_cp_at(s, n, i, &k));
}

/*
** Lower-case letters directly followed by an upper-case one: the words
** of a menu glued together ("Trang chủNewsThời sự"). A glue counts when
** two lower-case letters precede it and the letters around it are
** Vietnamese ("TikTok", "iPhone" are names, not glue). Counts up to 3.
** A glue is an upper-case letter right after a lower-case one: where no
** such pair may be (glue_spots16, glue_spot: the bytes around each
** code point that may start an upper-case letter), the answer is 0
** without the code point by code point walk; a lead byte is always a
** code point's start, and what ends a lower-case letter is a-z or a
** byte 80..FF.
*/
int chrome_glued_words(const char *s, size_t n) {
  size_t i = 1;
#ifdef __SSE2__
  for (; i + 16 <= n; i += 16)
    for (unsigned m = glue_spots16(s, i); m; m &= m - 1)
      if (upper_at(s, n, i + (size_t)__builtin_ctz(m)))
        return glued_words(s, n);
#endif
  for (; i < n; i++)
    if (glue_spot(s, i) && upper_at(s, n, i)) return glued_words(s, n);
  return 0;
}

/* A weather widget: a number with degrees on a short line whose words
** are all capitalised ("Hà Nội 20 °C", "Hạ Long 28°"); a headline has
** lower-case words ("… nóng hơn 40°C"). */
static int weather(const char *s, size_t n) {
  const char *deg = NULL; /* the lead byte first: most lines have none */
  if (memchr(s, '\xc2', n)) deg = memmem(s, n, "\xc2\xb0", 2); /* ° */
  if (!deg && memchr(s, '\xe2', n))
    deg = memmem(s, n, "\xe2\x84\x83", 3); /* ℃ */
  if (!deg || pc_words(s, n, 11) > 10)
    return 0; /* "TP Hồ Chí Minh: 21°C TP
              ** Hồ Chí Minh" */
  const char *q = deg;
  while (q > s && q[-1] == ' ') q--;
  if (q == s || q[-1] < '0' || q[-1] > '9') return 0;
  int start = 1;
  for (size_t i = 0; i < n;) {
    int k;
    int32_t c = pp_cp_at(s, n, i, &k);
    if (start && text_is_lower(c)) return 0;
    start = c == ' ';
    i += (size_t)k;
  }
  return 1;
}

/* A clock reading at s[*i] ("7:30", "17h00", "8h"); advances *i. */
static int clock_at(const char *s, size_t n, size_t *i) {
  size_t j = *i, d = 0;
  while (j < n && d < 3 && s[j] >= '0' && s[j] <= '9') j++, d++;
  if (d < 1 || d > 2 || j >= n || (s[j] != ':' && s[j] != 'h')) return 0;
  j++;
  for (d = 0; j < n && d < 3 && s[j] >= '0' && s[j] <= '9';) j++, d++;
  if (d != 0 && d != 2) return 0;
  *i = j;
  return 1;
}

/* Number of clock ranges ("7h30 - 12h00", "8:00 đến 17:00") in s. */
/* The first digit of s[i..n), or n (i may be n or more). */
static size_t digit_from(const char *s, size_t n, size_t i) {
  return i < n ? i + bs_first_digit(s + i, n - i) : n;
}

static int hours_ranges(const char *s, size_t n) {
  int ranges = 0;
  /* a range opens with a digit: from digit to digit */
  for (size_t i = digit_from(s, n, 0); i < n; i = digit_from(s, n, i + 1)) {
    size_t j = i;
    if (s[i] < '0' || s[i] > '9' || (i && s[i - 1] >= '0' && s[i - 1] <= '9') ||
        !clock_at(s, n, &j))
      continue;
    while (j < n && s[j] == ' ') j++;
    size_t k = pt_prefix_ci(s + j, n - j, "-");
    if (!k) k = pt_prefix_ci(s + j, n - j, "\xe2\x80\x93");
    if (!k) k = pt_prefix_ci(s + j, n - j, "đến");
    if (!k) continue;
    j += k;
    while (j < n && s[j] == ' ') j++;
    if (clock_at(s, n, &j)) ranges++, i = j;
  }
  return ranges;
}

/* Opening hours: two clock ranges, or one on a short line ("Sáng: 7h30 -
** 11h30"); one range in a long line is a headline ("cấm ra đường từ 20h -
** 5h sáng, …"). */
static int hours_range(const char *s, size_t n) {
  int r = hours_ranges(s, n);
  return r >= 2 || (r == 1 && n <= 60);
}

/* An image file name alone ("logo.png"). */
static int image_name(const char *s, size_t n) {
  static const char *const ext[] = {".png", ".jpg",  ".jpeg", ".gif",
                                    ".svg", ".webp", NULL};
  if (n > 200 || memchr(s, ' ', n)) return 0;
  for (const char *const *e = ext; *e; e++) {
    size_t m = strlen(*e);
    if (n > m && pt_prefix_ci(s + n - m, m, *e)) return 1;
  }
  return 0;
}

/* A counter widget: "Số lượt truy cập: 3082913", "Đang online: 12",
** also after a clock ("00:00 Số lượt truy cập: …"): at most five words,
** a colon, then only a number; or a counter label of data/parser-markers
** .tsv and its colon alone ("Hôm qua:", the count on the next line), or
** after its count ("4097 Lượt xem"). labelled: only counter labels. */
static int counter_at(const char *s, size_t n, int labelled) {
  size_t i = 0;
  if (clock_at(s, n, &i) && i < n && s[i] == ' ')
    i++;
  else
    i = 0;
  /* the count first: "4097 Lượt xem" */
  size_t d = i;
  while (d < n && ((s[d] >= '0' && s[d] <= '9') ||
                   (d > i && (s[d] == '.' || s[d] == ','))))
    d++;
  if (d > i && d + 1 < n && s[d] == ' ' &&
      pp_any_line_is(s + d + 1, n - d - 1, LEXL_COUNTER_LABEL))
    return 1;
  const char *c = memchr(s + i, ':', n - i);
  if (!c || c == s + i) return 0;
  /* the label printed twice, glued ("Hôm nayHôm nay : 11929": a widget's
  ** text and its tooltip) counts once */
  size_t ln = (size_t)(c - s) - i;
  while (ln && s[i + ln - 1] == ' ') ln--;
  if (ln >= 4 && ln % 2 == 0 && memcmp(s + i, s + i + ln / 2, ln / 2) == 0)
    ln /= 2;
  if (pc_words(s + i, ln, 8) > 5) return 0;
  /* a counter's own label may stand alone, its count on the next line */
  int label = pp_any_line_is(s + i, ln, LEXL_COUNTER_LABEL);
  size_t j = (size_t)(c - s) + 1, digits = 0;
  for (; j < n; j++) {
    if (s[j] >= '0' && s[j] <= '9')
      digits++;
    else if (s[j] != ' ' && s[j] != '.' && s[j] != ',')
      return 0;
  }
  return labelled ? label : digits > 0 || label;
}

static int counter_line(const char *s, size_t n) {
  return counter_at(s, n, 0);
}

int chrome_counter(const char *s, size_t n) {
  return n <= 80 && counter_at(s, n, 1);
}

/*
** A site's postal address ("08 - Nguyễn Huệ Thành Phố Đông Hà - Tỉnh
** Quảng Trị", "12 Trần Phú, Phường 4, Quận 5"): a house number first
** ("08", "12A", "25/3"), then 4 to 20 words, each capitalised, or a
** dash, or a number after an administrative word (a line in capitals is
** a headline, no address); an administrative unit of
** data/parser-markers.tsv (kind "address-word") among them.
*/
static int postal_address(const char *s, size_t n) {
  if (n > 140 || !n || s[0] < '0' || s[0] > '9' || pt_all_caps(s, n)) return 0;
  size_t i = 0, words = 0;
  int admin = 0;
  while (i < n && s[i] != ' ') i++; /* the house number */
  for (i++; i < n; i++) {
    size_t w = i;
    while (i < n && s[i] != ' ') i++;
    size_t l = i - w;
    if (l && s[w + l - 1] == ',') l--;
    if (!l || (l == 1 && s[w] == '-') ||
        (l == 3 && !memcmp(s + w, "\xe2\x80\x93", 3)))
      continue;
    int32_t cp;
    text_decode(s + w, l, &cp);
    if (s[w] >= '0' && s[w] <= '9') { /* "Phường 4" */
      if (!admin) return 0;
      continue;
    }
    if (!text_is_upper(cp)) return 0;
    if (++words > 20) return 0;
    admin |= pp_any_starts(s + w, n - w, LEXL_ADDRESS_WORD);
  }
  return admin && words >= 4;
}

/* A bulleted menu entry: "• Chính trị" (at most 9 words). */
int chrome_menu_item(const char *s, size_t n) {
  if (n < 4 || n > 120 || memcmp(s, "\xe2\x80\xa2", 3) != 0) return 0;
  return pc_words(s, n, 12) <= 10;
}

/*
** Chrome by its shape, for lines above the headline: a menu glued into
** one line, a weather widget, opening hours, a counter, widget and portal names
** ("Asset Publisher", "Tất cả chuyên mục", "Cổng thông tin điện tử …"),
** an image file name. Only short lines that end no sentence.
*/
/* Is the word w[0..n) numbers and separators only ("4", "6/2019", "-")? */
static int number_word(const char *w, size_t n) {
  for (size_t k = 0; k < n; k++)
    if (!(w[k] >= '0' && w[k] <= '9') && (!w[k] || !strchr("/-.,:()", w[k])))
      return 0;
  return 1;
}

/* Is the word w[0..n) a date line's label word in any case (data/parser-
** markers.tsv, kind "date-word": "năm", "Tháng")? */
static int date_word(const char *w, size_t n) {
  char f[32];
  return lexicon_fold(f, sizeof f, w, n) && date_label_word(f);
}

/*
** A magazine's issue line: "Số 4 năm 2008", "Số 125 - Tháng 6/2019",
** "SỐ 12/2020" -- an issue opener (data/parser-markers.tsv, kind
** "issue-start"), then a number, then only numbers, separators and date
** words, a year (four digits) among them; at most 8 words.
*/
static int issue_line(const char *s, size_t n) {
  size_t o = 0;
  if (!pp_any_starts(s, n, LEXL_ISSUE_START)) return 0; /* none opens it */
  for (const char *const *q = lexicon_list(LEXL_ISSUE_START); *q && !o; q++)
    if (pt_starts_word(s, n, *q)) o = strlen(*q);
  if (!o || n > 60 || pc_words(s, n, 9) > 8) return 0;
  int year = 0, first = 1;
  for (size_t a = o; a < n;) {
    while (a < n && s[a] == ' ') a++;
    size_t e = a;
    while (e < n && s[e] != ' ') e++;
    if (e == a) break;
    int num = number_word(s + a, e - a);
    if ((first && !(num && s[a] >= '0' && s[a] <= '9')) ||
        (!num && !date_word(s + a, e - a)))
      return 0;
    for (size_t k = a, d = 0; k <= e; k++) { /* a run of four digits */
      if (k < e && s[k] >= '0' && s[k] <= '9')
        d++;
      else
        year |= d == 4, d = 0;
    }
    first = 0, a = e;
  }
  return year;
}

int chrome_shape(const char *s, size_t n) {
  if (n > 240 || n == 0) return 0;
  if (image_name(s, n) || hours_range(s, n) || counter_line(s, n) ||
      postal_address(s, n) || issue_line(s, n))
    return 1;
  if (n > 200) return 0;
  /* a whole widget line, also one that ends as a sentence ("Your
  ** browser does not support the audio element.") */
  if (n <= 80 && pp_any_line_is(s, n, LEXL_WIDGET_LINE)) return 1;
  int k;
  int32_t last = pt_last_cp(s, n, &k);
  if (last == '.' || last == '?' || last == '!') return 0;
  if (chrome_glued_words(s, n) >= 2) return 1;
  if (n <= 80 && (weather(s, n) || pp_any_starts(s, n, LEXL_WIDGET_START)))
    return 1;
  return pp_any_contains(s, n, LEXL_CONTACT) || chrome_menu_item(s, n);
}

/* Is the word w[0..n) (lower-cased) widget vocabulary? */
static int share_word(const char *w, size_t n) {
  /* vocab: data/parser-markers.tsv, kind "share-word" */
  for (const char *const *v = lexicon_list(LEXL_SHARE_WORD); *v; v++)
    if (strlen(*v) == n && memcmp(*v, w, n) == 0) return 1;
  return 0;
}

/* Strip a list dash before matching footer markers ("- Cơ quan chủ quản"). */
static const char *chrome_undash(const char *s, size_t *n) {
  size_t k = pt_dash_prefix(s, *n);
  if (!k && *n >= 2 && (s[0] == '*' || s[0] == '+') && s[1] == ' ') k = 2;
  size_t b = k ? 0 : text_bullet(s, *n); /* "• ", "● " */
  if (b && b < *n && s[b] == ' ') k = b + 1;
  *n -= k;
  return s + k;
}

/*
** A follow widget: "Theo dõi Báo Tây Ninh trên Google News", "Follow us
** on Facebook" -- a short unit that starts with a follow-start phrase
** and ends with a follow-end one (data/parser-markers.tsv), whatever the
** words between. A headline that starts so ends otherwise.
*/
static int chrome_follow(const char *s, size_t n) {
  if (n > 120 || !pp_any_starts(s, n, LEXL_FOLLOW_START)) return 0;
  char low[160];
  size_t m = lexicon_fold(low, sizeof low, s, n);
  while (m > 0 && strchr(" .:!\n", low[m - 1])) m--;
  for (const char *const *e = lexicon_list(LEXL_FOLLOW_END); *e; e++) {
    size_t k = strlen(*e);
    if (k < m && memcmp(low + m - k, *e, k) == 0 &&
        (low[m - k - 1] == ' ' || low[m - k - 1] == '\n'))
      return 1;
  }
  return 0;
}

/*
** A share or reading widget line: only widget words ("Chia sẻ Zalo",
** "In bài Gửi email", "Facebook Twitter"), numbers and punctuation
** ("Lượt xem: 120"), with a share or print word among them.
*/
int chrome_share(const char *s, size_t n) {
  if (chrome_follow(s, n)) return 1;
  if (n > 80) return 0;
  s = chrome_undash(s, &n);
  if (!pp_any_line_is(s, n, LEXL_SHARE_LINE) &&
      !pp_any_starts(s, n, LEXL_SHARE_START))
    return 0;
  char low[96];
  size_t m = lexicon_fold(low, sizeof low, s, n);
  if (!m) return 0;
  for (size_t i = 0; i < m;) {
    size_t e = i;
    while (e < m && !strchr(" :|,.-/()0123456789", low[e])) e++;
    if (e > i && !share_word(low + i, e - i)) return 0;
    i = e > i ? e : i + 1;
  }
  return 1;
}

/*
** The length of headline s without a site name left at its end ("… -
** Báo Quảng Ninh", "… | Cổng TTĐT tỉnh", "… - baoquangninh.vn", or "… -
** <site>" when the site is known). Returns n when there is none.
*/
/* A domain name: no space, letters on both sides of its last dot
** ("baoquangninh.vn", "Sukien24h.vn"; "2026." is none). */
static int domain_name(const char *x, size_t n) {
  if (memchr(x, ' ', n)) return 0;
  const char *d = NULL;
  for (size_t k = 0; k < n; k++)
    if (x[k] == '.') d = x + k;
  if (!d || d == x || d + 2 >= x + n) return 0;
  int letter_before = 0;
  for (const char *c = x; c < d; c++)
    letter_before |= isalpha((unsigned char)*c) || (unsigned char)*c >= 0x80;
  for (const char *c = d + 1; c < x + n; c++)
    if (!isalpha((unsigned char)*c)) return 0;
  return letter_before;
}

/*
** The last occurrence of the separator p[0..m) (" - ", " | ", " – ") in
** s[0..n), or NULL. A match has p[1] one byte in: the bytes p[1] are
** found from the end (memrchr, cheaper than a memmem per match as the
** separators' middles are rare) and the first that lines up is the last
** match.
*/
static const char *last_sep(const char *s, size_t n, const char *p, size_t m) {
  for (size_t lim = n; lim > 1;) {
    const char *q = memrchr(s + 1, p[1], lim - 1);
    if (!q) break;
    lim = (size_t)(q - s); /* the next try stays before q */
    if (lim - 1 + m <= n && memcmp(q - 1, p, m) == 0) return q - 1;
  }
  return NULL;
}

/*
** The length of s[0..n) without the site's name at its end: the part
** before the last " - ", " | " or " – " when what follows it is a domain,
** starts with a site head ("Báo …", data/parser-markers.tsv) or is the
** site's name (at most 60 bytes, 7 words; a name that opens a tagline
** after a colon may have up to 200 bytes in all); else n.
*/
size_t chrome_site_suffix(const char *s, size_t n, const char *site) {
  static const char *const seps[] = {" - ", " | ", " \xe2\x80\x93 ", NULL};
  if (n > 400) return n;
  for (const char *const *p = seps; *p; p++) {
    size_t m = strlen(*p);
    const char *at = last_sep(s, n, *p, m);
    if (!at || at == s) continue;
    const char *x = at + m;
    size_t xn = n - (size_t)(x - s);
    /* a site's name, or one that opens a tagline after a colon ("Báo
    ** Lạng Sơn: Tin tức mới nhất về chính trị, …") */
    const char *colon = memchr(x, ':', xn < 61 ? xn : 61);
    int tagline =
        xn > 60 && colon && xn <= 200 && pp_any_starts(x, xn, LEXL_SITE_HEAD);
    if (tagline) xn = (size_t)(colon - x);
    if (xn == 0 || xn > 60 || pc_words(x, xn, 8) > 7) continue;
    int domain = domain_name(x, xn);
    if (domain || pp_any_starts(x, xn, LEXL_SITE_HEAD) ||
        (site && strlen(site) == xn && memcmp(site, x, xn) == 0))
      return (size_t)(at - s);
  }
  return n;
}

int chrome_related(const char *s, size_t n) {
  if (n > 120) return 0;
  return pp_any_line_is(s, n, LEXL_RELATED_LINE) ||
         pp_any_starts(s, n, LEXL_RELATED_START);
}

int chrome_footer(const char *s, size_t n) {
  if (n > 300) return 0;
  s = chrome_undash(s, &n);
  return pp_any_starts(s, n, LEXL_FOOTER_START) ||
         pp_any_line_is(s, n, LEXL_FOOTER_LINE) ||
         (n <= 60 && pp_any_starts(s, n, LEXL_FOOTER_SHORT));
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

/* Is unit i a line the folder repeats that is no byline or role line? */
static int folder_line(const page *p, size_t i) {
  const char *s = US(p, i), *a;
  size_t n = UL(p, i), an;
  return parse_ctx_repeated(p->ctx, s, n) && !pl_byline(s, n, &a, &an) &&
         !(n <= 60 && pt_all_caps(s, n));
}

/*
** Is body unit i a line the folder repeats that is chrome: no sentence (a
** banner, a slogan: "Chào mừng Đại hội …"), or a sentence standing in
** the page's tail (every unit after it up to lim is repeated too, or a
** share widget, a filler, a footer or a related-news marker)? Repeated
** sentences amid the article are content; so are bylines and short
** all-caps lines (a staff writer's name, "NHỮNG QUY ĐỊNH CHUNG" and
** "CHỦ TỊCH QUỐC HỘI" in every law) and the structural lines
** parse_ctx_repeated refuses.
*/
int chrome_folder_tail(const page *p, size_t i, size_t lim) {
  if (!p->ctx || !folder_line(p, i)) return 0;
  if (!pt_ends_sentence(US(p, i), UL(p, i))) return 1; /* a banner, a slogan */
  for (size_t j = i + 1; j < lim; j++) {
    const char *s = US(p, j);
    size_t n = UL(p, j);
    if (n <= 300 && (chrome_footer(s, n) || chrome_related(s, n))) return 1;
    if (!folder_line(p, j) && !chrome_share(s, n) && !pt_is_filler(s, n))
      return 0;
  }
  return 1;
}

/* Does unit c (at most 300 bytes) end with a space and unit j's text (20
** bytes or more, and at least `more` bytes before it)? */
static int ends_with_unit(const page *p, size_t c, size_t j, size_t more) {
  const char *s = US(p, c);
  size_t n = UL(p, c), m = UL(p, j);
  return n <= 300 && m >= 20 && m + more <= n && s[n - m - 1] == ' ' &&
         memcmp(s + n - m, US(p, j), m) == 0;
}

int chrome_crumb_names(const page *p, size_t c, size_t j) {
  const char *s = US(p, c);
  size_t n = UL(p, c), m = UL(p, j);
  if (!ends_with_unit(p, c, j, 4)) return 0;
  const char *sep = s + n - m - 2; /* the byte before the space */
  int k = 0;                       /* separators on the line */
  for (const char *q = s; q <= sep; q++)
    k += (*q == '>' || *q == '/' || *q == '|' ||
          (q > s && (unsigned char)q[-1] == 0xC2 &&
           (unsigned char)*q == 0xBB)) && /* » */
         (q == sep || q[1] == ' ');
  unsigned char b = (unsigned char)*sep;
  return k >= 2 && (b == '>' || b == '/' || b == '|' || b == 0xBB);
}

/* Does unit c (at most 300 bytes) end with a space, the start of unit
** j's text (20 bytes or more, not all of it) and an ellipsis ("…" or
** "..."): the headline cut by a breadcrumb ("Trang chủ Blog chùa Bình
** Thuận: Chùa An Sơn … có trụ..." over "… có trụ trì")? */
static int ends_with_cut_unit(const page *p, size_t c, size_t j) {
  const char *s = US(p, c), *h = US(p, j);
  size_t n = UL(p, c), m = UL(p, j);
  if (n > 300 || n < 24) return 0;
  if (memcmp(s + n - 3, "...", 3) == 0 ||
      memcmp(s + n - 3, "\xe2\x80\xa6", 3) == 0)
    n -= 3;
  else
    return 0;
  /* the cut copy starts after a space: try each such start */
  for (size_t a = 1; a + 20 <= n; a++)
    if (s[a - 1] == ' ' && n - a < m && memcmp(s + a, h, n - a) == 0) return 1;
  return 0;
}

int chrome_crumb(const page *p, size_t i) {
  const char *s = US(p, i);
  size_t n = UL(p, i);
  if (n > 300 || !pp_any_starts(s, n, LEXL_BANNER_LINE)) return 0;
  for (size_t j = i + 1; j < p->n && j <= i + 8; j++)
    if (ends_with_unit(p, i, j, 2) || ends_with_cut_unit(p, i, j)) return 1;
  return 0;
}
