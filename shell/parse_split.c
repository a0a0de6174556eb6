/*
** parse_split.c — header lines run on with a date or the lead
** (parse_int.h): a headline with its stamp, with its lead, with its
** byline and date; a stamp before the lead; and the wire dateline
** opening a lead ("Hà Nội (TTXVN 11/3/2022) …"). Each splitter cuts its
** unit into units of their own (page_split).
*/
#ifndef _GNU_SOURCE
#define _GNU_SOURCE /* memmem */
#endif
#include <string.h>

#include "date.h"
#include "parse_int.h"
#include "text.h"

/* A publishing stamp at s: a time and a numeric date in either order
** ("09:21 19/06/2023", "16:44, 24/06/2021", "20/07/2025 14:47";
** "10/05 13:00" without a year when the time follows). Its length, or 0. */
static size_t stamp_at(const char *s, size_t n) {
  size_t t = date_clock_prefix(s, n), d, i;
  if (t) {
    i = t + (t < n && s[t] == ','); /* "16:44, 24/06/2021" */
    i += i < n && s[i] == ' ';
    d = date_dmy_prefix(s + i, n - i, 0);
    return d ? i + d : 0;
  }
  d = date_dmy_prefix(s, n, 1);
  if (!d) return 0;
  i = d + (d < n && s[d] == ' ');
  t = date_clock_prefix(s + i, n - i);
  return t ? i + t : 0;
}

/* Does the word ending at s[h) introduce a date in running text ("ngày",
** "lúc", "vào", "từ", "đến", "trước", "sau": "trước 20/8")? */
static int date_word_before(const char *s, size_t h) {
  static const char *const w[] = {"ngày",  "lúc", "vào", "từ", "đến",
                                  "trước", "sau", "hồi", NULL};
  size_t a = h;
  while (a > 0 && s[a - 1] != ' ') a--;
  for (const char *const *k = w; *k; k++)
    if (h - a == strlen(*k) && pt_prefix_ci(s + a, h - a, *k)) return 1;
  return 0;
}

/* Where a section's name glued to the headline's last word starts
** ("… nâng caoPhát triển bền vững", "… 2020-2025Sự kiện": a lower-case
** letter or a digit, then a capital with no space, at most five words
** before h), or h. */
static size_t glued_section(const char *s, size_t h) {
  for (size_t k = h > 60 ? h - 60 : 1; k < h; k++) {
    int a, b;
    size_t p = k;
    while (p > 0 && ((unsigned char)s[p - 1] & 0xC0) == 0x80) p--;
    if (p != k || k == 0) continue;
    size_t q = k - 1;
    while (q > 0 && ((unsigned char)s[q] & 0xC0) == 0x80) q--;
    int32_t before = pt_cp_at(s, h, q, &a);
    if ((text_is_lower(before) || (before >= '0' && before <= '9')) &&
        text_is_upper(pt_cp_at(s, h, k, &b)) && pt_words(s + k, h - k, 6) <= 5)
      return k;
  }
  return h;
}

/*
** A headline with its date line run on ("Công an … Hạ Long 20/07/2025
** 14:47", "… toàn dân tộc 09:21 19/06/2023 (Mặt trận) -Chiều 16/6, …",
** the line a split date marker opened, or a one-line page): a time and a
** numeric date in the first 400 bytes, after 4+ words (3 at the line's
** end) that end no sentence and no date word ("trước 20/8"), are split
** off as a unit of their own, and the text after them as another. A
** section glued to the headline goes with the stamp ("… nâng
** caoPhát triển bền vững - 10/05 13:00"). A date the headline names in
** words stays ("Bản tin 16h ngày 04/10/2021"). Returns 1 when split.
*/
int split_date_tail(page *p, size_t i) {
  const char *s = US(p, i);
  size_t n = UL(p, i);
  if (n < 24) return 0;
  size_t lim = n < 400 ? n : 400;
  for (size_t k = 1; k + 8 < lim; k++) {
    if (s[k - 1] != ' ' || s[k] < '0' || s[k] > '9') continue;
    size_t len = stamp_at(s + k, n - k), e = k + len;
    if (!len || (e < n && s[e] >= '0' && s[e] <= '9')) continue;
    size_t h = k;
    while (h > 0 && s[h - 1] && strchr(" |-,", s[h - 1])) h--;
    int at_end = e >= n || !s[e] || strspn(s + e, " ") == n - e;
    if (pt_words(s, h, 4) < (at_end ? 3 : 4) || pt_sentence_breaks(s, h, h) ||
        pt_ends_sentence(s, h) || date_word_before(s, h))
      return 0;
    size_t g = at_end ? h : glued_section(s, h), b = g < h ? g : h;
    while (b < k && s[b] == ' ') b++; /* " - " goes with the stamp */
    page_split(p, i, b);
    p->u[i].len = g < h ? g : h;
    if (!at_end) {
      page_split(p, i + 1, e - b);
      unit *r = &p->u[i + 2];
      while (r->len && p->t[r->off] == ' ') r->off++, r->len--;
    }
    date_tm t; /* "Section - 10/05 13:00": no year, no date line */
    if (!date_line(US(p, i + 1), UL(p, i + 1), &t))
      p->u[i + 1].kind = BK_BANNER;
    return 1;
  }
  return 0;
}

/* Is the word ending at s[k) (k > 0) two or more letters, all lower
** case (a glue's left side: "cao" in "nâng caoHuyện"; not "Vin" in
** "VinFast", nor "i" in "iPhone")? */
static int lower_word_before(const char *s, size_t k) {
  size_t a = k, letters = 0;
  while (a > 0 && s[a - 1] != ' ') {
    a--;
    while (a > 0 && ((unsigned char)s[a] & 0xC0) == 0x80) a--;
    int c;
    int32_t cp = pt_cp_at(s, k, a, &c);
    if (!text_is_lower(cp)) return 0;
    letters++;
  }
  return letters >= 2;
}

/*
** A headline run on with its lead, no space between ("… đạt chuẩn nông
** thôn mới nâng caoHuyện Yên Khánh là huyện đầu tiên …": a listing's
** teaser flattened to one line): the first place in the first 250 bytes
** where a capitalised word follows a lower-case word of 2+ letters with
** no space, after 5+ words that end no sentence and open no lead, with
** 8+ words after it that end a sentence, splits unit i in two. Returns
** 1 when split.
*/
int split_glued_lead(page *p, size_t i) {
  const char *s = US(p, i);
  size_t n = UL(p, i), lim = n < 250 ? n : 250;
  int k;
  if (!pt_ends_sentence(s, n)) return 0;
  for (size_t g = 1; g < lim; g += (size_t)k) {
    int32_t cp = pt_cp_at(s, n, g, &k);
    if (!text_is_upper(cp) || s[g - 1] == ' ' || !lower_word_before(s, g))
      continue;
    if (pt_words(s, g, 5) < 5 || pt_sentence_breaks(s, g, g) ||
        pl_lead_opening(s, g) || pt_words(s + g, n - g, 8) < 8)
      return 0; /* not "(BDO) Sáng 10-1, … Ủy viênThường vụ, …" */
    page_split(p, i, g);
    return 1;
  }
  return 0;
}

/* Is s[0..n) a word of an author's name: a capital first, or, as the
** whole name (alone), a user name in ASCII ("admin")? */
static int name_word(const char *s, size_t n, int alone) {
  int k;
  if (text_is_upper(pt_cp_at(s, n, 0, &k))) return 1;
  if (!alone) return 0;
  for (size_t j = 0; j < n; j++)
    if ((unsigned char)s[j] >= 0x80) return 0;
  return 1;
}

/* The end of the date that starts s[0..n) (a digit first: "18 Tháng 9,
** 2025", "21/09/2025 10:20"), ending at a space or at n, into *t; 0 when
** none does within 40 bytes. The shortest date the reader takes, with a
** clock after it when the reader takes that too. */
static size_t date_prefix(const char *s, size_t n, date_tm *t) {
  if (!n || s[0] < '0' || s[0] > '9') return 0;
  size_t lim = n < 40 ? n : 40;
  for (size_t e = 1; e <= lim; e++) {
    if (e < n && s[e] != ' ') continue;
    if (!date_line(s, e, t) || !t->y) continue;
    size_t c = e + 1 < n ? date_clock_prefix(s + e + 1, n - e - 1) : 0;
    date_tm tc;
    if (c && (e + 1 + c == n || s[e + 1 + c] == ' ') &&
        date_line(s, e + 1 + c, &tc) && tc.y)
      *t = tc, e += 1 + c;
    return e;
  }
  return 0;
}

/*
** A headline run on with its byline and date ("Sắp xếp … ở cấp tỉnh và
** xã bởi Linh 21 Tháng 9, 2025 Ủy ban …": a listing's teaser flattened
** to one line): " bởi " after 4+ words that end no sentence, then a name
** of 1-4 words without digits and a date. The headline, the byline with
** its date and the text after them become units of their own; the date
** into *t, the name into the author. Returns 1 when split.
*/
int split_byline_tail(page *p, size_t i, date_tm *t) {
  static const char by[] = " bởi ";
  const char *s = US(p, i);
  size_t n = UL(p, i), lim = n < 400 ? n : 400;
  const char *b = s;
  while ((b = memmem(b, (size_t)(s + lim - b), by, sizeof by - 1)) != NULL) {
    size_t h = (size_t)(b - s), a = h + 1, k = h + sizeof by - 1, w = 0;
    size_t k0 = k;
    b++;
    if (pt_words(s, h, 4) < 4 || pt_sentence_breaks(s, h, h) ||
        pt_ends_sentence(s, h))
      continue;
    while (k < n && w < 4) { /* the name: 1-4 words, then the date */
      size_t e = k;
      while (e < n && s[e] != ' ') e++;
      if (e == k || memchr(s + k, ',', e - k) || pt_has_digit(s + k, e - k) ||
          !name_word(s + k, e - k,
                     w == 0 && e < n && s[e] == ' ' && e + 1 < n &&
                         s[e + 1] >= '0' && s[e + 1] <= '9'))
        break;
      w++;
      size_t ds = e + (e < n), de = date_prefix(s + ds, n - ds, t);
      if (de) {
        if (!p->d->author) p->d->author = doc_str(p->d, s + k0, e - k0);
        page_split(p, i, a);
        p->u[i].len = h;
        if (ds + de < n) {
          page_split(p, i + 1, ds + de - a);
          unit *r = &p->u[i + 2];
          while (r->len && p->t[r->off] == ' ') r->off++, r->len--;
        }
        p->u[i + 1].kind = BK_BYLINE;
        return 1;
      }
      k = ds;
    }
  }
  return 0;
}

/* A stamp opening unit i with the lead or the headline run on after it
** ("16:44, 24/06/2021 Ngày 24/6, HĐND …", glued: "01/05/2018 15:24Du
** lịch biển …": a capital right after the minute; 4+ words after it):
** split off as a unit of its own when it reads as a date line (into *t).
** Returns 1 when split. */
int split_stamp_head(page *p, size_t i, date_tm *t) {
  const char *s = US(p, i);
  size_t n = UL(p, i), e = stamp_at(s, n);
  int k;
  if (!e || e >= n || (s[e] != ' ' && !text_is_upper(pt_cp_at(s, n, e, &k))) ||
      pt_words(s + e, n - e, 4) < 4 || !date_line(s, e, t))
    return 0;
  page_split(p, i, e);
  unit *r = &p->u[i + 1];
  while (r->len && p->t[r->off] == ' ') r->off++, r->len--;
  return 1;
}

/*
** A wire dateline opening the text: "Hà Nội (TTXVN 11/3/2022) Tại hội
** nghị …" -- up to four capitalised words (the place) or none, then an
** agency in capitals (2-8 letters, "Đ" among them: "(BVBNĐ-29/12/2017)
** Sáng nay …") and a date in brackets, a space or a dash between. The
** date into *t; 1, or 0.
*/
int split_wire_date(const char *s, size_t n, date_tm *t) {
  const char *open = memchr(s, '(', n < 48 ? n : 48);
  if (!open || (open != s && open[-1] != ' ')) return 0;
  size_t pn = open == s ? 0 : (size_t)(open - 1 - s);
  int k;
  if (pn && (pt_words(s, pn, 6) > 4 || !text_is_upper(pt_cp_at(s, pn, 0, &k))))
    return 0;
  const char *a = open + 1, *e = s + n, *sp = a;
  int letters = 0;
  int32_t c;
  while (sp < e && (k = text_decode(sp, (size_t)(e - sp), &c)) > 0 &&
         text_is_upper(c))
    sp += k, letters++;
  if (letters < 2 || letters > 8 || sp >= e) return 0;
  if (*sp != ' ' && *sp != '-') return 0; /* "(BVBNĐ-29/12/2017)" */
  if (*sp == ' ' && sp + 2 < e && sp[1] == '-' && sp[2] == ' ')
    sp += 2; /* "(BVBNĐ - 29/12/2017)" */
  const char *close =
      memchr(sp, ')', (size_t)(e - sp) < 32 ? (size_t)(e - sp) : 32);
  if (!close || close <= sp + 1) return 0;
  return date_line(sp + 1, (size_t)(close - sp - 1), t) && t->y > 0;
}
