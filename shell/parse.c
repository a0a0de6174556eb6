/*
** parse.c — scraped article text -> struct doc (see parse.h).
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
** Helpers: parse_text.c (bounded text predicates), parse_lines.c (the
** shape of one line: caption, heading, byline), parse_chrome.c (site
** chrome and footers), date.c (the date core).
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
#include "lexicon.h"
#include "parse_int.h"
#include "text.h"

/* Is s[0..n) "---", the fence of YAML front matter? */
static int fence(const char *s, size_t n) {
  return n == 3 && memcmp(s, "---", 3) == 0;
}

/* May line s[0..n) continue the unit `prev` (a hard-wrapped paragraph)?
** Wrapped lines are of a width: the next one is not much longer. */
static int joins(const page *p, const unit *prev, const char *s, size_t n) {
  return prev->len >= 30 && n <= prev->len + prev->len / 5 + 8 &&
         pt_continues_line(s, n) &&
         !pt_ends_sentence(p->t + prev->off, prev->len);
}

/*
** Split d->text into units: non-blank lines, except that a line which
** does not end a sentence and is followed, with no blank line between, by
** one starting in lower case is the same hard-wrapped paragraph. Never
** into the first unit (a headline does not run on), nor inside YAML
** front matter ("key: value" lines start in lower case).
*/
static void segment(page *p) {
  const char *t = p->t;
  size_t n = p->d->text_len, cap = 64;
  p->u = xmalloc(cap * sizeof *p->u);
  p->n = 0;
  int gap = 0, front = 0; /* front: inside front matter */
  for (size_t i = 0; i < n;) {
    const char *nl = memchr(t + i, '\n', n - i);
    size_t e = nl ? (size_t)(nl - t) : n;
    if (e > i) {
      unit *prev = p->n ? &p->u[p->n - 1] : NULL;
      if (fence(t + i, e - i)) front = p->n == 0;
      if (prev && p->n > 1 && gap == 0 && !front &&
          prev->off + prev->len + 1 == i && joins(p, prev, t + i, e - i)) {
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

/* ---- the title ---- */

/* Could unit i be the headline? */
static int looks_like_title(page *p, size_t i) {
  const char *s = US(p, i);
  size_t n = UL(p, i);
  if (n > 400 || pt_dash_prefix(s, n) || pt_plus_prefix(s, n)) return 0;
  if (pt_is_url(s, n) || pt_is_filler(s, n)) return 0;
  int breaks = pt_sentence_breaks(s, n, n);
  int k;
  int32_t last = pt_last_cp(s, n, &k);
  int dots = n >= 3 && memcmp(s + n - 3, "...", 3) == 0;
  int period = (last == '.' && !dots) || last == ';' || last == ',';
  if (pl_lead_opening(s, n) && (n > 250 || period || breaks > 0)) return 0;
  if (breaks >= 3 || (breaks >= 1 && n > 250)) return 0;
  if (!period) return n <= 300 || breaks == 0;
  if (i + 1 < p->n && pt_near_dup(s, n, US(p, i + 1), UL(p, i + 1))) return 1;
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
    int32_t a = pt_cp_at(s, n, 0, &k1), b = pt_last_cp(s, n, &k2);
    for (int q = 0; open[q]; q++) {
      if (a != open[q] || b != close[q] || n <= (size_t)(k1 + k2)) continue;
      /* no other quote of the pair inside */
      int inner = 0;
      for (size_t i = (size_t)k1; i < n - (size_t)k2;) {
        int k;
        int32_t c = pt_cp_at(s, n, i, &k);
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

/* ---- classification ---- */

#define NONE ((size_t)-1)

/*
** A section name over the headline ("Thời cuộc" / the headline / text): a
** label of at most 3 words without digits, followed by a longer unit of
** 5+ words that reads as a headline, and more text after that. Not in
** the "sapo at the end" layout (the last unit after 3+ blank lines),
** whose first line is always its headline.
*/
static int section_name(page *p, size_t i) {
  const char *s = US(p, i), *t;
  size_t n = UL(p, i), tn;
  if (n > 40 || pt_words(s, n, 5) > 3 || !pl_label(s, n) || i + 2 >= p->n ||
      p->u[p->n - 1].gap >= 3)
    return 0;
  for (size_t k = 0; k < n; k++)
    if (s[k] >= '0' && s[k] <= '9') return 0;
  t = US(p, i + 1), tn = UL(p, i + 1);
  if (pt_all_caps(s, n) && pt_all_caps(t, tn)) return 0; /* "LUẬT" / "…" */
  date_tm dt;
  int k;
  if (tn > 250 || pt_words(t, tn, 6) < 5 || pt_ends_sentence(t, tn) ||
      pt_last_cp(t, tn, &k) == '!' || date_line(t, tn, &dt))
    return 0;
  return looks_like_title(p, i + 1);
}

/* Do 3+ bulleted menu entries start at unit j? (what stands above them
** names the menu, it is no headline) */
static int menu_follows(page *p, size_t j) {
  int k = 0;
  for (; j < p->n && k < 3 && chrome_menu_item(US(p, j), UL(p, j)); j++) k++;
  return k >= 3;
}

/* Is unit i chrome above the headline? (banners, widgets, lines the
** folder repeats, an issuer over a rule line, the name over a bulleted
** menu, a section name) */
static int header_chrome(page *p, size_t i) {
  const char *s = US(p, i);
  size_t n = UL(p, i);
  if (chrome_banner(s, n) || chrome_shape(s, n) || chrome_share(s, n) ||
      parse_ctx_repeated(p->ctx, s, n))
    return 1;
  /* a short ALL-CAPS issuer over a rule line ("QUỐC HỘI" / "------") or
  ** over the national motto */
  if (i + 1 < p->n && n <= 60 && pt_all_caps(s, n) &&
      (pt_is_filler(US(p, i + 1), UL(p, i + 1)) ||
       chrome_legal(US(p, i + 1), UL(p, i + 1))))
    return 1;
  return menu_follows(p, i + 1) || section_name(p, i);
}

/* Legal documents: "LUẬT" / "ĐẤU THẦU" -> title "LUẬT ĐẤU THẦU". Returns
** the unit after the title. */
static size_t legal_title(page *p, size_t i) {
  doc *d = p->d;
  date_tm t;
  if (i < p->n && UL(p, i - 1) <= 20 &&
      pt_all_caps(US(p, i - 1), UL(p, i - 1)) && UL(p, i) <= 200 &&
      pt_all_caps(US(p, i), UL(p, i)) && !date_line(US(p, i), UL(p, i), &t)) {
    p->u[i].kind = BK_HEADING;
    size_t n1 = strlen(d->title), n2 = UL(p, i);
    char *both = arena_alloc(&d->arena, n1 + n2 + 2);
    memcpy(both, d->title, n1);
    both[n1] = ' ';
    memcpy(both + n1 + 1, US(p, i), n2);
    d->title = both;
    i++;
  }
  return i;
}

/* Is unit j a short headline-like unit (no caption, no name)? */
static int title_like(page *p, size_t j) {
  const char *s = US(p, j), *a;
  size_t n = UL(p, j), an;
  date_tm t;
  return n <= 250 && !date_line(s, n, &t) && looks_like_title(p, j) &&
         !pl_caption_marked(s, n) && !pl_byline(s, n, &a, &an) &&
         !chrome_banner(s, n);
}

/*
** Kickers, sections and campaign banners over the real headline: when
** 2..4 headline-like units at i are followed by the date line, the one
** just above the date is the headline ("Vùng đô thị …:" / "Khát vọng …"
** / "Thứ sáu: 15:00 ngày 09/02/2024"). Returns how many units to skip.
*/
static size_t kickers(page *p, size_t i) {
  date_tm t;
  if (i + 1 < p->n && UL(p, i) <= 20 && pt_all_caps(US(p, i), UL(p, i)) &&
      pt_all_caps(US(p, i + 1), UL(p, i + 1)))
    return 0; /* a legal title in two lines: legal_title joins them */
  for (size_t j = i + 1; j < p->n && j <= i + 3; j++) {
    if (!title_like(p, j)) return 0;
    if (j + 1 < p->n && date_line(US(p, j + 1), UL(p, j + 1), &t)) return j - i;
  }
  return 0;
}

/*
** A subheading or a photo caption standing first: "1. Bối cảnh …", "II.
** …", "Điều 5. …" (but "Phần 2: …", a series title, is a headline),
** "Chú thích ảnh …", "Ảnh minh họa …", "… (Ảnh: Thu Hà)" (a "(ảnh)" marker of a
*photo story is no credit).
*/
static int not_a_headline(const char *s, size_t n) {
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
  if (pt_any_starts(s, n, heads)) return 1;
  const char *tail = n > 60 ? s + n - 60 : s;
  return n > 0 && s[n - 1] == ')' &&
         (pt_contains(tail, (size_t)(s + n - tail), "(Ảnh:") ||
          pt_contains(tail, (size_t)(s + n - tail), "(ảnh:"));
}

/*
** The headline at unit i, if it is one: not a caption, a numbered
** heading or body text. A title known from a metadata header is kept;
** the unit is its title block only when it repeats it. The site name
** left at the end ("… - Báo X") is cut from the title (not the block).
** Returns the first unit after the title.
*/
static size_t take_title(page *p, size_t i) {
  doc *d = p->d;
  if (i >= p->n) return i;
  const char *s = US(p, i);
  size_t n = UL(p, i);
  if (d->title) {
    size_t m = chrome_site_suffix(s, n, d->site);
    if (!pt_near_dup(s, m, d->title, strlen(d->title)) &&
        !pt_near_dup(s, n, d->title, strlen(d->title)))
      return i;
    p->u[i].kind = BK_TITLE;
    return i + 1;
  }
  if (!looks_like_title(p, i) || not_a_headline(s, n)) return i;
  for (size_t k = kickers(p, i); k > 0; k--) p->u[i++].kind = BK_BANNER;
  s = US(p, i), n = UL(p, i);
  p->u[i].kind = BK_TITLE;
  d->title = strip_quotes(d, s, chrome_site_suffix(s, n, d->site));
  return legal_title(p, i + 1);
}

/* May unit j stand between the headline and its date line? (fillers,
** chrome, a short line that ends no sentence: a section, an author) */
static int before_date(page *p, size_t j) {
  const char *s = US(p, j);
  size_t n = UL(p, j);
  if (pt_is_filler(s, n) || header_chrome(p, j) || chrome_share(s, n)) return 1;
  return n <= 60 && pt_words(s, n, 8) <= 6 && !pt_ends_sentence(s, n);
}

/*
** A byline that ends with the date: "VĂN HÀO - TRẦN HỮU 30/04/2016 11:39",
** "Minh Hà | 12/05/2021". The words before the first digit are a name
** (or names, all caps allowed) of at most 8 words.
*/
static int byline_date(const char *s, size_t n, date_tm *t) {
  size_t k = 0;
  while (k < n && k < 100 && !(s[k] >= '0' && s[k] <= '9')) k++;
  if (k == 0 || k >= n || k >= 100 || !date_line(s + k, n - k, t)) return 0;
  size_t m = k;
  while (m && strchr(" -|,", s[m - 1])) m--;
  const char *a;
  size_t an;
  if (!m || pt_words(s, m, 10) > 8) return 0;
  return pt_all_caps(s, m) || pl_byline(s, m, &a, &an);
}

/* The date line under the headline at unit i (within 5 units), or NONE. */
static size_t date_after_title(page *p, size_t i, date_tm *t) {
  for (size_t j = i; j < p->n && j < i + 5; j++) {
    if (date_line(US(p, j), UL(p, j), t)) return j;
    if (byline_date(US(p, j), UL(p, j), t)) return j;
    if (!before_date(p, j)) break;
  }
  return NONE;
}

static void set_iso(doc *d, const date_tm *t) {
  char iso[40];
  date_format(t, iso, sizeof iso);
  d->published = doc_str(d, iso, strlen(iso));
}

/* Mark the units between the headline and its date line: a name is a
** byline (and the author), the rest boilerplate. */
static void mark_between(page *p, size_t a, size_t b) {
  const char *au;
  size_t an;
  for (size_t q = a; q < b; q++) {
    const char *s = US(p, q);
    size_t n = UL(p, q);
    int name = pl_byline(s, n, &au, &an) && au && !pt_is_filler(s, n) &&
               !header_chrome(p, q);
    p->u[q].kind = name ? BK_BYLINE : BK_BOILERPLATE;
    if (name && !p->d->author) p->d->author = doc_str(p->d, au, an);
  }
}

/* Decide header kinds from unit `from` on; returns the first body unit.
** Of several date lines the one nearest the headline wins: one under
** it, else the last one above it (a site's "today" header is higher). */
static size_t classify_header(page *p, size_t from) {
  doc *d = p->d;
  size_t i = from, pre = NONE;
  date_tm pre_t, t;
  for (; i < p->n; i++) {
    if (p->u[i].kind >= 0) continue; /* a glued date marker */
    if (date_line(US(p, i), UL(p, i), &t)) {
      if (pre != NONE) p->u[pre].kind = BK_BANNER;
      pre = i, pre_t = t;
      p->u[i].kind = BK_DATELINE;
    } else if (header_chrome(p, i)) {
      p->u[i].kind = BK_BANNER;
    } else {
      break;
    }
  }
  size_t top = i;
  i = take_title(p, i);
  size_t post = i > top ? date_after_title(p, i, &t) : NONE;
  if (post != NONE) {
    if (pre != NONE) p->u[pre].kind = BK_BANNER;
    mark_between(p, i, post);
    p->u[post].kind =
        date_line(US(p, post), UL(p, post), &pre_t) ? BK_DATELINE : BK_BYLINE;
    if (!d->published) set_iso(d, &t);
    i = post + 1;
  } else if (pre != NONE && !d->published && (d->title || top - pre <= 2)) {
    set_iso(d, &pre_t);
    p->weak_date = top - pre > 2; /* far above: maybe today's date */
  } else if (pre != NONE) {
    p->u[pre].kind = BK_BANNER; /* a clock over the site's menu */
  }
  if (!d->title) doc_warn(d, "no-title: no headline found");
  return i;
}

/* Does unit j read like a link or a headline of a related list (short,
** one sentence, not ended by a period), a URL, or a further marker? */
static int link_like(page *p, size_t j) {
  const char *s = US(p, j);
  size_t n = UL(p, j);
  if (pt_is_url(s, n) || chrome_related(s, n) || chrome_footer(s, n)) return 1;
  if (n > 220 || pt_sentence_breaks(s, n, n) > 0) return 0;
  int k;
  int32_t last = pt_last_cp(s, n, &k);
  int dots = n >= 3 && memcmp(s + n - 3, "...", 3) == 0;
  return dots || (last != '.' && last != ':' && last != ';');
}

/* Do links or headlines follow the related-news marker at unit i (or
** nothing at all)? A body paragraph after it means the header is empty. */
static int links_follow(page *p, size_t i, size_t lim) {
  size_t j = i + 1;
  while (j < lim && pt_is_filler(US(p, j), UL(p, j))) j++;
  return j >= lim || link_like(p, j);
}

/* A marker line that carries its link ("Xem thêm: Tỉnh họp …")? */
static int related_link(const char *s, size_t n) {
  const char *c = memchr(s, ':', n);
  return c && (size_t)(s + n - c) > 8;
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
    if (chrome_related(s, n) && !links_follow(p, i, lim)) {
      /* an empty header, or a "Xem thêm: …" link amid the text */
      p->u[i].kind = related_link(s, n) ? BK_RELATED : BK_BOILERPLATE;
    } else if (chrome_related(s, n) || chrome_footer(s, n)) {
      tail = i;
      break;
    } else if (chrome_share(s, n) || parse_ctx_repeated(p->ctx, s, n)) {
      p->u[i].kind = BK_BOILERPLATE; /* widgets are not the end */
    }
  }
  int mode = BK_BOILERPLATE;
  for (size_t i = tail; i < lim; i++) {
    const char *s = US(p, i);
    size_t n = UL(p, i);
    if (chrome_related(s, n))
      mode = BK_RELATED;
    else if (chrome_footer(s, n))
      mode = BK_BOILERPLATE;
    p->u[i].kind = pt_is_filler(s, n) ? BK_BOILERPLATE : mode;
    if (p->u[i].kind == BK_BOILERPLATE && !p->d->site) {
      char *site = chrome_site_from(p->d, s, n);
      if (site) p->d->site = site;
    }
  }
  return tail;
}

/* A date line at the foot: the published date unless the header gave
** one (a header date far above the headline, maybe the site's "today",
** yields to it). */
static void set_published(page *p, const date_tm *t) {
  if (p->d->published && !p->weak_date) return;
  set_iso(p->d, t);
  p->weak_date = 0;
}

/* Record the byline's name as the author unless one is known already or
** it is no name (an all-caps role line "CHỦ TỊCH QUỐC HỘI", "St"). */
static void set_author(doc *d, const char *a, size_t an) {
  if (a && an && !d->author &&
      !(pt_all_caps(a, an) && pt_words(a, an, 4) >= 3) && !pl_not_a_name(a, an))
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
  while (end > b && (pt_is_filler(US(p, end - 1), UL(p, end - 1)) ||
                     p->u[end - 1].kind == BK_BOILERPLATE)) {
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
      set_published(p, &t);
    } else if (bar && date_line(bar + 3, n - (size_t)(bar + 3 - s), &t)) {
      p->u[i].kind = BK_BYLINE;
      set_published(p, &t);
      size_t ln = (size_t)(bar - s);
      const char *dash = memmem(s, ln, " - ", 3);
      if (dash) ln = (size_t)(dash - s);
      if (pl_byline(s, ln, &a, &an)) set_author(p->d, a, an);
    } else if (pl_byline(s, n, &a, &an) && !pl_numbered_heading(s, n)) {
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
    size_t k = pt_dash_prefix(s, n);
    if (k) {
      int c;
      int32_t last = pt_last_cp(s, n, &c);
      if (last == '?' || (n < 400 && pt_contains(s, n, "?"))) q++;
    } else if (pt_plus_prefix(s, n)) {
      a++;
    }
  }
  return (q >= 1 && a >= 1) || q >= 2;
}

/* Is unit i a closing "- Xin cảm ơn ..." or a "- ... ?" question? */
static int is_question(page *p, size_t i) {
  const char *s = US(p, i);
  size_t n = UL(p, i);
  size_t k = pt_dash_prefix(s, n);
  if (!k) {
    /* "PV:" style */
    return pt_prefix_ci(s, n, "PV:") || pt_prefix_ci(s, n, "Phóng viên:");
  }
  /* a question, a request ("Xin ông cho biết ...") or the closing thanks;
  ** other dashes inside answers are list items */
  if (n > 2000) return 0;
  return memchr(s, '?', n) || pt_contains(s, n, "cảm ơn") ||
         pt_contains(s, n, "cho biết") || pt_contains(s, n, "thưa ") ||
         pt_contains(s, n, "Thưa ");
}

/* Runs of 3+ short unpunctuated lines are lists, not captions/headings. */
static void mark_label_runs(page *p, size_t b, size_t e) {
  for (size_t i = b; i < e;) {
    size_t j = i;
    while (j < e && p->u[j].kind < 0 && pl_label(US(p, j), UL(p, j)) &&
           !pl_numbered_heading(US(p, j), UL(p, j)))
      j++;
    if (j - i >= 3)
      for (size_t q = i; q < j; q++) p->u[q].kind = BK_PARAGRAPH;
    i = j > i ? j : i + 1;
  }
}

/* thanks_starts: data/parser-markers.tsv, kind "thanks-start" */

/* A short closing thanks: "- Xin cảm ơn đồng chí!", "Cảm ơn ông!". */
static int is_thanks(const char *s, size_t n) {
  size_t k = pt_dash_prefix(s, n);
  while (k < n && s[k] == ' ') k++;
  return n <= 120 && pt_contains(s, n, "cảm ơn") &&
         pt_any_starts(s + k, n - k, lexicon_list(LEXL_THANKS_START));
}

/* Captions: marked, printed twice, or a short photo description. Sets
** the kind of unit i (and of its copy) and returns 1 when it is one. */
static int caption_unit(page *p, size_t i, size_t b, size_t e) {
  const char *s = US(p, i);
  size_t n = UL(p, i);
  int next_dup = i + 1 < e && p->u[i + 1].gap <= 1 &&
                 pt_near_dup(s, n, US(p, i + 1), UL(p, i + 1));
  if (!pl_caption_marked(s, n) && !next_dup &&
      !(i > b && pl_caption_like(s, n)))
    return 0;
  p->u[i].kind = BK_CAPTION;
  if (next_dup) p->u[i + 1].kind = BK_BOILERPLATE;
  /* "Chú thích ảnh" alone: the caption text follows */
  if (pt_line_is(s, n, "Chú thích ảnh") && i + 1 < e && p->u[i + 1].kind < 0)
    p->u[i + 1].kind = BK_CAPTION;
  return 1;
}

/*
** A short unpunctuated line in the body: caption or heading? A label
** followed by another label is the caption of a photo above a heading;
** one that repeats the previous paragraph is a caption; otherwise a
** heading when longer text follows.
*/
static int label_kind(page *p, size_t i, size_t e) {
  const char *s = US(p, i);
  size_t n = UL(p, i), nx = i + 1;
  int next_label = nx < e && pl_label(US(p, nx), UL(p, nx)) &&
                   !pl_numbered_heading(US(p, nx), UL(p, nx));
  int prev_echo = pl_echoes(s, n, US(p, i - 1), UL(p, i - 1), 1);
  int next_echo = nx < e && pl_echoes(s, n, US(p, nx), UL(p, nx), 0);
  if ((next_label || prev_echo) && !next_echo) return BK_CAPTION;
  return nx < e && UL(p, nx) > n ? BK_HEADING : BK_CAPTION;
}

/* The interview kinds of unit i (thanks, question, answer), or -1;
** updates the interview state *in_answer and *seen_question. */
static int interview_kind(page *p, size_t i, int *in_answer,
                          int *seen_question) {
  const char *s = US(p, i);
  size_t n = UL(p, i);
  /* the closing thanks ("- Xin cảm ơn đồng chí!", with or without the
  ** dash) ends the interview: it asks nothing, so it is a paragraph and
  ** no qa pair, and what follows is no answer */
  if (*seen_question && is_thanks(s, n)) {
    *in_answer = 0;
    return BK_PARAGRAPH;
  }
  if (is_question(p, i)) {
    *in_answer = *seen_question = 1;
    return BK_QUESTION;
  }
  if (pt_plus_prefix(s, n)) {
    *in_answer = 1;
    return BK_ANSWER;
  }
  return -1;
}

static void classify_body(page *p, size_t b, size_t e) {
  int iv = interview_mode(p, b, e);
  mark_label_runs(p, b, e);
  int in_answer = 0, seen_question = 0;
  for (size_t i = b; i < e; i++) {
    unit *u = &p->u[i];
    const char *s = US(p, i);
    size_t n = u->len;
    if (u->kind >= 0) continue; /* decided already (duplicate caption) */
    if (pt_is_filler(s, n) || pt_is_url(s, n)) {
      u->kind = BK_BOILERPLATE;
      continue;
    }
    int k = iv ? interview_kind(p, i, &in_answer, &seen_question) : -1;
    if (k >= 0)
      u->kind = k;
    else if (caption_unit(p, i, b, e))
      continue;
    else if (pl_numbered_heading(s, n) || (n <= 200 && pt_all_caps(s, n)))
      u->kind = BK_HEADING;
    else if (pl_label(s, n) && i > b)
      u->kind = label_kind(p, i, e);
    else
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
  if (u->kind >= 0 || u->gap < 3 || u->len < 40 || chrome_footer(s, u->len) ||
      pt_is_url(s, u->len) || chrome_related(s, u->len) ||
      pt_is_filler(s, u->len))
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
      size_t n = k->len, c = pt_dash_prefix(s, n);
      if (!c) c = pt_prefix_ci(s, n, "PV:");
      if (!c) c = pt_prefix_ci(s, n, "Phóng viên:");
      while (c < n && s[c] == ' ') c++;
      doc_qa q = {doc_str(d, s + c, n - c), NULL, (int)i};
      VEC_PUSH(d->qa, q);
      cur = &d->qa.items[d->qa.n - 1];
    } else if (k->kind == BK_ANSWER && cur) {
      size_t c = pt_plus_prefix(k->text, k->len);
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
  return parse_document_ctx(path, bytes, len, flags, NULL);
}

doc *parse_document_ctx(const char *path, const char *bytes, size_t len,
                        int flags, const parse_ctx *ctx) {
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

  page p = {d, d->text, NULL, 0, ctx, 0};
  segment(&p);
  size_t h = meta_header(&p);
  meta_glued(&p, h);
  size_t b = p.n ? classify_header(&p, h) : 0;
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
