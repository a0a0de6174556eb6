/*
** parse_title.c — the headline's own shape, one line at a time (parse_int.h):
** what a line holds that no headline holds (a source tag, a list's
** introduction, no letter, a lower-case opening, a lead with its date, a
** caption, a numbered heading, a slug), and the title's text cut from
** its line (quotes, a script's junk, a tag). parse_header.c decides with
** these and the lines around.
*/
#ifndef _GNU_SOURCE
#define _GNU_SOURCE /* memmem, memrchr */
#endif
#include <ctype.h>
#include <string.h>

#include "lexicon.h"
#include "parse.h"
#include "parse_count.h"
#include "parse_int.h"
#include "parse_phrases.h"
#include "text.h"

/* Is s only a source tag, a bracketed abbreviation and a dash ("(BTNO)
** -", "(PLO)-"), with the lead's text lost after it? */
int ph_source_tag(const char *s, size_t n) {
  if (n < 3 || n > 24 || s[0] != '(') return 0;
  const char *c = memchr(s, ')', n);
  if (!c) return 0;
  for (size_t i = (size_t)(c + 1 - s); i < n;) {
    int k;
    int32_t cp = pp_cp_at(s, n, i, &k);
    if (cp != ' ' && cp != '-' && cp != 0x2013 && cp != 0x2014) return 0;
    i += (size_t)k;
  }
  return 1;
}

/* Is s[0..n) a source credit: a source word (kind "byline-source") and a
** name of title-cased words, maybe with its agency in brackets ("Theo
** Quang Duẩn (TNO)", "Theo TTXVN", "Nguồn: Báo Nhân Dân")? It signs an
** article; it never heads one. */
int ph_source_credit(const char *s, size_t n) {
  if (n > 80 || !pp_any_starts(s, n, LEXL_BYLINE_SOURCE)) return 0;
  size_t k = 0;
  while (k < n && s[k] != ' ') k++;
  while (k < n && s[k] == ' ') k++;
  const char *a;
  size_t an;
  return k < n && pl_byline(s + k, n - k, &a, &an) && a;
}

/* Is s[0..n) an author's line opening with a degree (kind
** "byline-degree": "ThS. Lò Thu Hà", "PGS.TS. Nguyễn Văn An"): the
** degree, then a title-cased name of at most six words? */
int ph_degree_byline(const char *s, size_t n) {
  if (n > 80) return 0;
  for (const char *const *k = lexicon_list(LEXL_BYLINE_DEGREE); *k; k++) {
    if (n && (*k)[0] && (*k)[0] != s[0]) continue; /* first bytes differ */
    size_t m = strlen(*k);
    if (n <= m + 1 || memcmp(s, *k, m) != 0 || s[m] != ' ') continue;
    const char *a;
    size_t an;
    return pl_byline(s + m + 1, n - m - 1, &a, &an) && a && an == n - m - 1;
  }
  return 0;
}

/* Does s[0..n) end with the words that open a list (kind "list-intro":
** "… có một số thông tin đáng chú ý như sau", "sau đây", "gồm")? A line
** ending so and with a colon introduces what follows; it is no headline. */
int ph_list_intro(const char *s, size_t n) {
  while (n && s[n - 1] == ' ') n--;
  for (const char *const *k = lexicon_list(LEXL_LIST_INTRO); *k; k++) {
    size_t m = strlen(*k);
    if (n > m && pt_prefix_ci(s + n - m, m, *k)) return 1;
  }
  return 0;
}

/* The length of a page script's value printed before the headline (kind
** "script-junk": "null Những vấn đề …", "undefined Thư chúc Tết …": a
** template's empty field), with its space, when a capital follows; else
** 0. */
static size_t script_junk(const char *s, size_t n) {
  for (const char *const *k = lexicon_list(LEXL_SCRIPT_JUNK); *k; k++) {
    if (n && (*k)[0] && (*k)[0] != s[0]) continue; /* first bytes differ */
    size_t m = strlen(*k);
    int c;
    if (n > m + 1 && memcmp(s, *k, m) == 0 && s[m] == ' ' &&
        text_is_upper(pp_cp_at(s, n, m + 1, &c)))
      return m + 1;
  }
  return 0;
}

/* The length of a tag glued before the headline with a colon, when the
** tag's first word is in lower case ("ngân sách Nhà nước: Mỗi ngày Ngân
** sách Nhà nước thu …": a headline opens with a capital or a brand,
** "iPad thay thế laptop: …"), the tag has at most 6 words
** and a capital follows the colon; else 0. */
static size_t tag_prefix(const char *s, size_t n) {
  int k;
  for (size_t i = 0; i < n && s[i] != ' '; i += (size_t)k)
    if (!text_is_lower(pp_cp_at(s, n, i, &k))) return 0; /* "iPad …" */
  const char *c = memchr(s, ':', n < 60 ? n : 60);
  if (!c || (size_t)(c - s) + 2 >= n || c[1] != ' ') return 0;
  size_t at = (size_t)(c - s) + 2;
  if (pc_words(s, at - 2, 7) > 6 || !text_is_upper(pp_cp_at(s, n, at, &k)))
    return 0;
  return at;
}

/* How much of s[0..n) comes before the headline's own words: a script's
** junk, then a tag (script_junk, tag_prefix); 0 mostly. */
static size_t before_headline(const char *s, size_t n) {
  size_t cut = script_junk(s, n);
  return cut + tag_prefix(s + cut, n - cut);
}

/* Does s[0..n), past a script's junk and a tag (script_junk,
** tag_prefix), open with a word all in lower case ("thực hiện Nghị quyết
** …", a tag or the tail of a cut line; not "iPhone", "eKYC")? A
** Vietnamese headline opens with a capital, a digit or a quote. */
int ph_lower_opening(const char *s, size_t n) {
  size_t cut = before_headline(s, n);
  s += cut, n -= cut;
  int k, any = 0;
  for (size_t j = 0; j < n && s[j] != ' '; j += (size_t)k, any = 1)
    if (!text_is_lower(pp_cp_at(s, n, j, &k))) return 0;
  return any;
}

/* Is s[0..n) a page template's field left unfilled ("{title}",
** "{{ headline }}")? */
int ph_template_field(const char *s, size_t n) {
  return n >= 3 && n <= 40 && s[0] == '{' && s[n - 1] == '}';
}

/* Does s[0..n) hold no letter ("02", a day widget; "2.345")? */
int ph_no_letter(const char *s, size_t n) {
  int k;
  for (size_t j = 0; j < n; j += (size_t)k)
    if (text_is_letter(pp_cp_at(s, n, j, &k))) return 0;
  return 1;
}

/* Does s[0..n) open as a lead with its date, at a lead's length: a
** lead-opener, a date or time, and a comma as the first punctuation after
** its digits ("Chiều 14-4, ông …"; not the headline "Sáng nay 19-8: …"),
** and 20 words or more (a headline may open so too, shorter: "Ngày 10/3,
** khai mạc Lễ hội cà phê Buôn Ma Thuột lần thứ 6")? */
int ph_dated_lead(const char *s, size_t n) {
  if (!pp_any_starts(s, n, LEXL_LEAD_OPENER) || pc_words(s, n, 20) < 20)
    return 0;
  size_t i = 0, lim = n < 40 ? n : 40;
  int sep = 0; /* "14-4", "20/11", "9h30": not an ordinal ("thứ 2,") */
  while (i < lim && !(s[i] >= '0' && s[i] <= '9')) i++;
  for (; i < lim &&
         ((s[i] >= '0' && s[i] <= '9') || (s[i] && strchr("/-.h:", s[i])));
       i++)
    sep |= !(s[i] >= '0' && s[i] <= '9');
  return sep && i < lim && s[i] == ',';
}

/* Copy s without surrounding quotes (nor a script's junk or a tag before
** it, script_junk and tag_prefix) into the doc arena. */
char *ph_title_text(doc *d, const char *s, size_t n) {
  static const int32_t open[] = {'"', 0x201C, '\'', 0x2018, 0xAB, 0};
  static const int32_t close[] = {'"', 0x201D, '\'', 0x2019, 0xBB, 0};
  int k1, k2;
  size_t junk = before_headline(s, n);
  s += junk, n -= junk;
  /* a table cell's bar closing the line ("Tăng cường … bê tông nhựa |") */
  while (n > 2 && s[n - 1] == '|' && s[n - 2] == ' ')
    for (n -= 2; n && s[n - 1] == ' ';) n--;
  if (n >= 2) {
    int32_t a = pp_cp_at(s, n, 0, &k1), b = pt_last_cp(s, n, &k2);
    for (int q = 0; open[q]; q++) {
      if (a != open[q] || b != close[q] || n <= (size_t)(k1 + k2)) continue;
      /* no other quote of the pair inside */
      int inner = 0;
      for (size_t i = (size_t)k1; i < n - (size_t)k2;) {
        int k;
        int32_t c = pp_cp_at(s, n, i, &k);
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

/* Is s[0..n) a page's slug or search phrase: 4+ words in lower-case
** ASCII letters and digits only ("thuc hien ngan sach nha nuoc nam
** 2021")? A Vietnamese headline has diacritics or capitals. */
static int url_slug(const char *s, size_t n) {
  if (n > 120 || pc_words(s, n, 4) < 4) return 0;
  for (size_t k = 0; k < n; k++)
    if (!((s[k] >= 'a' && s[k] <= 'z') || (s[k] >= '0' && s[k] <= '9') ||
          s[k] == ' ' || s[k] == '-'))
      return 0;
  return 1;
}

/*
** A date closing a headline: in brackets ("Hậu Giang có 175 sản phẩm …
** (11/1/2023)") or as the last of its " | " parts ("Hà Nội giảm … | Vì
** chất lượng dân số Thủ Đô | 27/07/2023": a programme's name before
** it, cut too). The date must name a day. Returns the headline's length
** without it (and without the parts after the first " | "), the date
** into *t; n when there is none.
*/
size_t ph_title_date(const char *s, size_t n, date_tm *t) {
  if (n > 12 && s[n - 1] == ')') {
    const char *o = memrchr(s, '(', n);
    size_t a = o ? (size_t)(o - s) : 0;
    if (a > 1 && n - a <= 24 && s[a - 1] == ' ' &&
        date_line(s + a + 1, n - a - 2, t) && t->d && t->y)
      return a - 1;
  }
  const char *bar = NULL; /* no '|': no " | " */
  for (const char *q = s;
       memchr(s, '|', n) && (q = memmem(q, n - (size_t)(q - s), " | ", 3)); q++)
    bar = q;
  if (!bar || bar == s) return n;
  size_t b = (size_t)(bar - s) + 3;
  if (n - b > 40 || !date_line(s + b, n - b, t) || !t->d || !t->y) return n;
  return (size_t)((const char *)memmem(s, n, " | ", 3) - s);
}

/* Does a photo or video credit close the caption s[0..n) (kind
** "caption-tail" in its last 60 bytes: "… Trần Sỹ Thanh. Ảnh: TTXVN", "…
** từ chức. Video: Nhật Sang")? */
int ph_caption_credit(const char *s, size_t n) {
  const char *tail = n > 60 ? s + n - 60 : s;
  return pp_any_contains(tail, (size_t)(s + n - tail), LEXL_CAPTION_TAIL);
}

/*
** A subheading or a photo caption standing first: "1. Bối cảnh …", "II.
** …", "Điều 5. …" (but "Phần 2: …", a series title, is a headline),
** "Chú thích ảnh …", "Ảnh minh họa …", "… (Ảnh: Thu Hà)" (a "(ảnh)" marker of a
** photo story is no credit); a slug (url_slug).
*/
int ph_not_a_headline(const char *s, size_t n) {
  /* a list item: "• …", "● …", "▪ …" (text_bullet), "* …" */
  size_t bk = text_bullet(s, n);
  if ((bk && n > bk) || (n > 2 && s[0] == '*' && s[1] == ' ')) return 1;
  if (pl_numbered_heading(s, n)) {
    const char *c = memchr(s, ':', n < 14 ? n : 14);
    if (!c) return 1;
  }
  size_t k = 0; /* "1. …", "IV. …", "2) …" */
  while (k < n && k < 5 && s[k] && strchr("0123456789IVX", s[k])) k++;
  if (k > 0 && k + 1 < n && (s[k] == '.' || s[k] == ')') && s[k + 1] == ' ')
    return 1;
  static const char *const heads[] = {"Chú thích ảnh", "Ảnh minh họa",
                                      "Ảnh minh hoạ", "Nguồn ảnh", NULL};
  if (pp_set_starts(s, n, heads)) return 1;
  if (pl_credit_tail(s, n)) return 1; /* "… Cầu Giấy. Ảnh VT" */
  /* "Bà A (thứ 2 từ trái sang) …": where people stand in a photo, in
  ** brackets */
  if (memchr(s, '(', n) && pp_any_contains(s, n, LEXL_PHOTO_POSITION)) return 1;
  if (ph_caption_credit(s, n))
    return 1; /* "Đồng chí Trần Sỹ Thanh. Ảnh: TTXVN" */
  /* a caption wholly in brackets ("(Đồng chí A phát biểu khai mạc)") */
  if (n > 2 && s[0] == '(' && s[n - 1] == ')' && memchr(s, ')', n) == s + n - 1)
    return 1;
  /* a sapo signed by its site in ASCII, a dash glued to it, of more
  ** words than a headline has ("Kinhtedothi- Thực hiện …", 40 words; not
  ** "TT- Huế: …", "Macron- Putin: …") */
  size_t a = 0;
  while (a < n && a < 24 && (isalpha((unsigned char)s[a]) || s[a] == '.')) a++;
  if (a >= 2 && a + 1 < n && s[a] == '-' && s[a + 1] == ' ' &&
      pc_words(s, n, 32) > 30)
    return 1;
  const char *tail = n > 60 ? s + n - 60 : s;
  size_t tn = (size_t)(s + n - tail);
  if (n > 0 && s[n - 1] == ')' &&
      (pt_contains(tail, tn, "(Ảnh:") || pt_contains(tail, tn, "(ảnh:")))
    return 1;
  return url_slug(s, n);
}
