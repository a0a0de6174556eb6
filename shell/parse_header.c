/*
** parse_header.c — the header zone of a page (parse_int.h): chrome above
** the headline, the headline itself (with kickers, section names, legal
** titles and the site name cut off), and the date line nearest to it.
*/
#ifndef _GNU_SOURCE
#define _GNU_SOURCE /* memmem */
#endif
#include <string.h>

#include "byte_scan.h"
#include "date.h"
#include "lexicon.h"
#include "parse.h"
#include "parse_count.h"
#include "parse_int.h"
#include "parse_phrases.h"
#include "text.h"

/* ---- a memo of pure tests on the header's spans ----
** header_classify asks the same questions of the same units several
** times (the line under the headline: is it a date line? from title_like,
** date_after_title and sapo_date; is it chrome? from title_like and
** header_chrome). The answers of date_line, byline_date, chrome_banner
** and chrome_shape -- functions of the bytes s[0..n) alone -- are kept for
** the spans of the text one header_classify call looks at, keyed by
** (s, n): the text does not change during the call (page_split moves
** unit boundaries, never bytes). On, and emptied, only inside
** header_classify; a span outside the text (a stack buffer) is never
** asked through it. */

enum { M_DATE, M_BYLINE, M_BANNER, M_SHAPE, M_SUFFIX, MEMO_N = 24 };

typedef struct memo_ent {
  const char *s;
  size_t n;
  int kind, r;
  date_tm t; /* M_DATE, M_BYLINE with r == 1: the date */
} memo_ent;

static _Thread_local struct {
  memo_ent e[MEMO_N];
  unsigned used, next; /* entries filled; the one to replace next */
  int on;
} memo;

/* The kept entry for (kind, s, n), or NULL. */
static memo_ent *memo_find(int kind, const char *s, size_t n) {
  for (unsigned k = 0; k < memo.used; k++)
    if (memo.e[k].s == s && memo.e[k].n == n && memo.e[k].kind == kind)
      return &memo.e[k];
  return NULL;
}

/* A new entry for (kind, s, n), replacing the oldest when full. */
static memo_ent *memo_add(int kind, const char *s, size_t n, int r) {
  memo_ent *m = &memo.e[memo.next];
  memo.next = (memo.next + 1) % MEMO_N;
  if (memo.used < MEMO_N) memo.used++;
  m->s = s, m->n = n, m->kind = kind, m->r = r;
  return m;
}

/* f(s, n, t) (date_line or byline_date, memo kind k), remembered. *t is
** written only when the answer is 1 (callers read it only then). */
static int memo_dated(int k, int (*f)(const char *, size_t, date_tm *),
                      const char *s, size_t n, date_tm *t) {
  if (!memo.on) return f(s, n, t);
  memo_ent *m = memo_find(k, s, n);
  if (m) {
    if (m->r) *t = m->t;
    return m->r;
  }
  int r = f(s, n, t);
  m = memo_add(k, s, n, r);
  if (r) m->t = *t;
  return r;
}

/* date_line(s, n, t), remembered. Lines over 160 bytes are no date line
** (date_line's first test): not kept. */
static int memo_date_line(const char *s, size_t n, date_tm *t) {
  return n > 160 ? date_line(s, n, t) : memo_dated(M_DATE, date_line, s, n, t);
}

static int byline_date(const char *s, size_t n, date_tm *t);

/* byline_date(s, n, t), remembered. */
static int memo_byline_date(const char *s, size_t n, date_tm *t) {
  return memo_dated(M_BYLINE, byline_date, s, n, t);
}

/* chrome_banner or chrome_shape (kind M_BANNER, M_SHAPE) of s[0..n),
** remembered. */
static int memo_chrome(int kind, const char *s, size_t n) {
  memo_ent *m = memo.on ? memo_find(kind, s, n) : NULL;
  if (m) return m->r;
  int r = kind == M_BANNER ? chrome_banner(s, n) : chrome_shape(s, n);
  if (memo.on) memo_add(kind, s, n, r);
  return r;
}

/* chrome_site_suffix(s, n, site), remembered (site is the document's,
** which header_classify does not change). */
static size_t memo_suffix(const char *s, size_t n, const char *site) {
  memo_ent *m = memo.on ? memo_find(M_SUFFIX, s, n) : NULL;
  if (m) return (size_t)m->r;
  size_t r = chrome_site_suffix(s, n, site);
  if (memo.on) memo_add(M_SUFFIX, s, n, (int)r);
  return r;
}

static int memo_banner(const char *s, size_t n) {
  return memo_chrome(M_BANNER, s, n);
}

static int memo_shape(const char *s, size_t n) {
  return memo_chrome(M_SHAPE, s, n);
}

/* ---- the title ---- */

/* Is unit i, which opens in lower case, a headline printed so ("thông
** báo cấp cảnh báo cháy rừng ngày 29/7/2022"): 4 to 25 words ending no
** sentence, right over a date line? (a lower-case line is otherwise the
** rest of a cut sentence) */
static int lower_headline(page *p, size_t i) {
  const char *s = US(p, i);
  size_t n = UL(p, i);
  date_tm t;
  int w = pc_words(s, n, 26);
  return w >= 4 && w <= 25 && i + 1 < p->n && !pt_ends_sentence(s, n) &&
         memo_date_line(US(p, i + 1), UL(p, i + 1), &t);
}

/* Could unit i be the headline? */
static int looks_like_title(page *p, size_t i) {
  const char *s = US(p, i);
  size_t n = UL(p, i);
  if (p->u[i].kind == BK_BANNER) return 0; /* chrome split off already */
  if (n > 400 || pt_dash_prefix(s, n) || pt_plus_prefix(s, n)) return 0;
  if (pt_is_url(s, n) || pt_is_filler(s, n) || ph_source_tag(s, n) ||
      ph_source_credit(s, n) || ph_degree_byline(s, n))
    return 0;
  if (ph_no_letter(s, n) || (ph_lower_opening(s, n) && !lower_headline(p, i)) ||
      date_stamp_words(s, n) || ph_template_field(s, n))
    return 0; /* "02", "thực hiện …", "Cập nhật:  GMT+7", "{title}" */
  /* ph_dated_lead and pl_lead_opening start with this test (the latter
  ** also takes "(…)"): asked once */
  int opener = pp_any_starts(s, n, LEXL_LEAD_OPENER);
  if (opener && ph_dated_lead(s, n))
    return 0; /* "Chiều 14-4, ông …": a lead, also when cut short */
  int breaks = pc_sentence_breaks(s, n, n);
  int k;
  int32_t last = pt_last_cp(s, n, &k);
  int dots = n >= 3 && memcmp(s + n - 3, "...", 3) == 0;
  int period = (last == '.' && !dots) || last == ';' || last == ',';
  if ((dots || last == 0x2026) && n > 200) return 0;    /* a cut teaser */
  if (last == ':' && ph_list_intro(s, n - 1)) return 0; /* "… như sau:" */
  if ((opener || (n && s[0] == '(')) && pl_lead_opening(s, n) &&
      (n > 250 || period || breaks > 0))
    return 0;
  if (last == '.' && !dots && pl_lead_adverb(s, n)) return 0;
  if (breaks >= 3 || (breaks >= 1 && n > 250)) return 0;
  if (!period) return n <= 300 || breaks == 0;
  if (pc_words(s, n, 26) > 25)
    return 0; /* a lead's length, even printed
              ** twice (a sapo and the lead) */
  if (i + 1 < p->n && pt_near_dup(s, n, US(p, i + 1), UL(p, i + 1))) return 1;
  /* ends like a sentence: a headline only when short, a single sentence,
  ** and followed by a date line or by something longer */
  if (n > 250 || breaks > 0 || pc_words(s, n, 26) > 25) return 0;
  if (i + 1 >= p->n) return 1; /* a lone short sentence: the headline */
  date_tm t;
  if (memo_date_line(US(p, i + 1), UL(p, i + 1), &t)) return 1;
  return UL(p, i + 1) > n + n / 2;
}

/* ---- classification ---- */

#define NONE ((size_t)-1)

/* Is the label s[0..n) (2 to 8 words) a tag the headline t[0..tn) (at
** least twice its words, at most 20) repeats, as one run of words in
** any case ("Kiểm điểm Phó Chủ tịch huyện" / "Chủ tịch tỉnh yêu cầu
** kiểm điểm Phó Chủ tịch huyện vì …")? */
static int tag_echoed(const char *s, size_t n, const char *t, size_t tn) {
  char a[256], b[512];
  if (n > 120 || tn > 400) return 0;
  int w = pc_words(s, n, 9);
  if (w < 2 || w > 8) return 0;
  int tw = pc_words(t, tn, 21);
  if (tw < 2 * w || tw > 20) return 0; /* a headline's length, not a sapo's */
  size_t an = lexicon_fold(a, sizeof a, s, n);
  size_t bn = lexicon_fold(b, sizeof b, t, tn);
  if (!an || !bn) return 0;
  for (const char *c = b; (c = memmem(c, bn - (size_t)(c - b), a, an)); c++)
    if ((c == b || c[-1] == ' ') &&
        (c + an == b + bn || strchr(" ,:;.", c[an])))
      return 1;
  return 0;
}

/*
** A section name over the headline ("Thời cuộc" / the headline / text,
** also with a site name after it: "Điểm tin - Báo bạn"): a tag the
** headline repeats (tag_echoed), or a label of at most 4 words without
** digits (6 around a " - ", 6 in capitals), followed by a longer unit of
** 5+ words that reads as a headline (after 4 words: of at most 20), and
** more text after that. Not in
** the "sapo at the end" layout (the last unit after 3+ blank lines),
** whose first line is always its headline.
*/
static int section_name(page *p, size_t i) {
  const char *s = US(p, i), *t;
  size_t n = memo_suffix(US(p, i), UL(p, i), p->d->site), tn;
  int caps = pt_all_caps(s, n); /* "ĐẠI HỘI ĐẢNG CÁC CẤP": up to 6 words */
  if (i + 2 < p->n && p->u[p->n - 1].gap < 3 && /* the cheaper test first */
      tag_echoed(s, n, US(p, i + 1), UL(p, i + 1)) && pl_label(s, n))
    return looks_like_title(p, i + 1) &&
           !pt_ends_sentence(US(p, i + 1), UL(p, i + 1));
  int dash = n <= 60 && memmem(s, n, " - ", 3); /* "Chính trị - Xã hội" */
  /* two labels glued, their space lost: "Sự kiện giáo dụcTin tức" */
  if (!dash && n <= 60 && chrome_glued_words(s, n) == 1) dash = 1;
  if (n > (caps ? 60u : 40u) || pc_words(s, n, 7) > (caps ? 6 : 4) + 2 * dash ||
      !pl_label(s, n) || i + 2 >= p->n || p->u[p->n - 1].gap >= 3)
    return 0;
  if (pt_has_digit(s, n)) return 0;
  t = US(p, i + 1), tn = UL(p, i + 1);
  if (caps && pt_all_caps(t, tn)) return 0; /* "LUẬT" / "…" */
  date_tm dt;
  int k;
  if (tn > 250 || pc_words(t, tn, 6) < 5 || pt_ends_sentence(t, tn) ||
      pt_last_cp(t, tn, &k) == '!' || memo_date_line(t, tn, &dt))
    return 0;
  /* four words ("Xuất bản thông tin", "Chính phủ hành động") may be a
  ** short headline over a sapo that ends with no period ("Doanh nghiệp
  ** kêu khó" / 30 words): only over a headline's length (at most 20
  ** words) opening with a letter ("* Bài 1: …" is a series' part) */
  if (!caps && pc_words(s, n, 5) == 4 + 2 * dash &&
      (pc_words(t, tn, 21) > 20 || !text_is_letter(pp_cp_at(t, tn, 0, &k))))
    return 0;
  return looks_like_title(p, i + 1);
}

/* Is unit j (maybe past the end) unit i's text byte for byte? */
static int same_unit(const page *p, size_t j, size_t i) {
  return j < p->n && UL(p, j) == UL(p, i) &&
         memcmp(US(p, j), US(p, i), UL(p, i)) == 0;
}

/* Is unit i a short label that the unit next to it repeats word for word
** ("Kinh tế nông thôn" / "Kinh tế nông thôn": a section name printed by
** two widgets), with a headline of 5+ words below the pair and the date
** lines under it? A repeated headline (a video page's "headline /
** headline / text") has no such headline below it and stays the title. */
static int echoed_label(page *p, size_t i) {
  const char *s = US(p, i);
  size_t n = UL(p, i), j = i + 1;
  int k;
  if (n > 60 || !pl_label(s, n) || pc_words(s, n, 6) > 5) return 0;
  if (!same_unit(p, j, i) && !(i > 0 && same_unit(p, i - 1, i))) return 0;
  date_tm t;
  while (j < p->n &&
         (same_unit(p, j, i) || memo_date_line(US(p, j), UL(p, j), &t)))
    j++;
  return j < p->n && pc_words(US(p, j), UL(p, j), 6) >= 5 &&
         pt_last_cp(US(p, j), UL(p, j), &k) != '.' && looks_like_title(p, j);
}

/* Is unit i a word or two over a date line and a headline or text of 5+
** words ("Analytic" / "Thứ Sáu, ngày 23 tháng 08 năm 2019, 09:25:27" /
** headline: a widget's label over today's date), or a short line left
** with a dangling dash ("Tin tức -", "Lê Vũ -": a breadcrumb or a byline
** whose other half is gone)? Never the headline. */
static int stray_label(page *p, size_t i) {
  const char *s = US(p, i);
  size_t n = UL(p, i);
  if (n <= 40 && n >= 3 && memcmp(s + n - 2, " -", 2) == 0 &&
      pc_words(s, n, 5) <= 4)
    return 1;
  date_tm t; /* what follows the date: a headline, or the text itself
              ** ("Thời sự" / "10:45 | 25/08/2017" / the lead) */
  return n <= 30 && pc_words(s, n, 3) <= 2 && pl_label(s, n) && i + 2 < p->n &&
         memo_date_line(US(p, i + 1), UL(p, i + 1), &t) &&
         pc_words(US(p, i + 2), UL(p, i + 2), 6) >= 5;
}

/* Do 3+ bulleted menu entries start at unit j? (what stands above them
** names the menu, it is no headline) Not when an entry is a date line:
** the bullets are then the article's author / date / views ("• Đinh Văn
** A" / "• 09-05-2019" / "• 792 lượt đọc") under its headline. */
static int menu_follows(page *p, size_t j) {
  int k = 0;
  date_tm t;
  for (; j < p->n && k < 3 && chrome_menu_item(US(p, j), UL(p, j)); j++) {
    size_t b = text_bullet(US(p, j), UL(p, j));
    if (b < UL(p, j) && memo_date_line(US(p, j) + b, UL(p, j) - b, &t))
      return 0;
    k++;
  }
  return k >= 3;
}

/* The length of the bullet unit i opens with ("• Miễn nhiệm …", with its
** spaces) when 5+ words follow it and neither unit next to it opens with
** a bullet but a bulleted date line under it ("• headline" / "• 22/05/2018
** 17:26": a page that bullets its header): a teaser's headline, not an
** item of a list or a menu. Else 0. */
static size_t lone_bullet(const page *p, size_t i) {
  size_t bk = text_bullet(US(p, i), UL(p, i));
  date_tm t;
  if (!bk || bk >= UL(p, i) ||
      (i > 0 && text_bullet(US(p, i - 1), UL(p, i - 1))) ||
      (i + 1 < p->n && text_bullet(US(p, i + 1), UL(p, i + 1)) &&
       !memo_date_line(US(p, i + 1), UL(p, i + 1), &t)))
    return 0;
  while (bk < UL(p, i) && US(p, i)[bk] == ' ') bk++;
  return pc_words(US(p, i) + bk, UL(p, i) - bk, 5) >= 5 ? bk : 0;
}

/* Is unit i Vietnamese written without its accents ("Chung nhan Tin
** Nhiem Mang": a badge's or an image's alternative text; at most 60
** bytes, 3 words or more, ASCII letters only, each word a Vietnamese
** syllable) over a unit written with them? A headline of an accented
** page is accented. */
static int unaccented_label(page *p, size_t i) {
  const char *s = US(p, i);
  size_t n = UL(p, i), words = 0;
  if (n > 60 || i + 1 >= p->n) return 0;
  for (size_t a = 0; a < n;) {
    size_t e = a;
    while (e < n && s[e] != ' ') {
      unsigned char c = (unsigned char)s[e++];
      if (!((c | 0x20) >= 'a' && (c | 0x20) <= 'z')) return 0;
    }
    if (e > a && !text_viet_shaped(s + a, e - a)) return 0;
    words += e > a;
    a = e + 1;
  }
  const char *t = US(p, i + 1);
  size_t tn = UL(p, i + 1);
  for (size_t k = 0; words >= 3 && k < tn; k++)
    if ((unsigned char)t[k] >= 0x80) return 1;
  return 0;
}

/* Does unit j (maybe past the end) end with a dangling " -" (an item of
** a link list flattened one item a line, its separators kept)? */
static int dash_item(const page *p, size_t j) {
  return j < p->n && UL(p, j) >= 3 && UL(p, j) <= 300 &&
         memcmp(US(p, j) + UL(p, j) - 2, " -", 2) == 0;
}

/* Is unit i in a link list of 3+ items one a line, each but the last
** ending with " -" ("Cháy nhà 5 tầng … -" / … / the last item, which
** ends no sentence)? */
static int dash_list(page *p, size_t i) {
  size_t a = i, b = i + 1;
  while (a > 0 && dash_item(p, a - 1)) a--;
  if (!dash_item(p, i)) { /* the last item: the run ends right above it */
    if (a == i || pt_ends_sentence(US(p, i), UL(p, i)) ||
        pc_words(US(p, i), UL(p, i), 31) > 30)
      return 0;
    return i - a >= 3;
  }
  while (dash_item(p, b)) b++;
  return b - a >= 3;
}

/* Is unit i chrome above the headline? (banners, widgets, lines the
** folder repeats, an issuer over a rule line, the name over a bulleted
** menu, a section name, a stray label, a link list; never the title a
** metadata header gave: "Hạ Long" / date / text of a JSON record) */
static int header_chrome(page *p, size_t i) {
  const char *s = US(p, i);
  size_t n = UL(p, i);
  const char *known = p->d->title; /* from a metadata header: the title */
  if (known && pt_near_dup(s, n, known, strlen(known))) return 0;
  if (memo_banner(s, n) || chrome_share(s, n) || chrome_crumb(p, i) ||
      parse_ctx_repeated(p->ctx, s, n) ||
      (memo_shape(s, n) && !lone_bullet(p, i))) /* a teaser's headline */
    return 1;
  if (n <= 60 &&
      (ph_no_letter(s, n) || date_stamp_words(s, n) || ph_template_field(s, n)))
    return 1; /* "02" (a day widget), "Cập nhật:  GMT+7" (its date lost),
              ** "{title}" */
  /* a short ALL-CAPS issuer over a rule line ("QUỐC HỘI" / "------") or
  ** over the national motto */
  if (i + 1 < p->n && n <= 60 && pt_all_caps(s, n) &&
      (pt_is_filler(US(p, i + 1), UL(p, i + 1)) ||
       chrome_legal(US(p, i + 1), UL(p, i + 1))))
    return 1;
  return menu_follows(p, i + 1) || section_name(p, i) || echoed_label(p, i) ||
         stray_label(p, i) || unaccented_label(p, i) || dash_list(p, i);
}

/* Legal documents: "LUẬT" / "ĐẤU THẦU" -> title "LUẬT ĐẤU THẦU". Returns
** the unit after the title. */
static size_t legal_title(page *p, size_t i) {
  doc *d = p->d;
  date_tm t;
  if (i < p->n && UL(p, i - 1) <= 20 &&
      pt_all_caps(US(p, i - 1), UL(p, i - 1)) && UL(p, i) <= 200 &&
      pt_all_caps(US(p, i), UL(p, i)) &&
      !memo_date_line(US(p, i), UL(p, i), &t)) {
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

/* Is unit j a short headline-like unit (no caption, no name, no sapo:
** a long sentence, or one opening "Sáng nay, …")? */
static int title_like(page *p, size_t j) {
  const char *s = US(p, j), *a;
  size_t n = UL(p, j), an;
  date_tm t;
  int k;
  if (text_bullet(s, n) && !lone_bullet(p, j))
    return 0; /* an entry of a bulleted block ("• Trần Văn A" / "• date") */
  if (n >= 3 && pt_last_cp(s, n, &k) == '.' && memcmp(s + n - 3, "...", 3) &&
      (n > 160 || (pp_any_starts(s, n, LEXL_LEAD_OPENER) &&
                   memchr(s, ',', n < 40 ? n : 40))))
    return 0; /* a sentence opening as a lead does: a sapo */
  return n <= 250 && !memo_date_line(s, n, &t) && looks_like_title(p, j) &&
         !pl_caption_marked(s, n) && !pl_byline(s, n, &a, &an) &&
         !memo_banner(s, n) && !memo_shape(s, n); /* "loading..." */
}

/* Is unit j a short section label ("Tin nổi bật": at most 4 words, no
** digits, no sentence) under a unit of more words (the headline)? */
static int section_label(page *p, size_t j) {
  const char *s = US(p, j);
  size_t n = UL(p, j);
  int w = pc_words(s, n, 5);
  if (n > 40 || w > 4 || !pl_label(s, n) ||
      pc_words(US(p, j - 1), UL(p, j - 1), 2 * w + 1) <= 2 * w)
    return 0;
  return !pt_has_digit(s, n);
}

/*
** Kickers, sections and campaign banners over the real headline: when
** 2..4 headline-like units at i are followed by the date line (or a
** byline ending with the date: "Bùi Ánh - 14:20 28/09/2023"), the one
** just above the date is the headline ("Vùng đô thị …:" / "Khát vọng …"
** / "Thứ sáu: 15:00 ngày 09/02/2024"), unless that one is a short
** section label under a longer headline ("Lan toả phong trào …" / "Tin
** nổi bật" / date line), or a kicker in capitals ending with a colon
** over any headline. Returns how many units to skip.
*/
static size_t kickers(page *p, size_t i) {
  date_tm t;
  const char *s = US(p, i);
  size_t n = UL(p, i);
  /* a kicker in capitals ending with a colon over the headline ("VIẾT
  ** TIẾP VỤ 12 HỘ DÂN …:" / "Có thể tính đến …"), with or without a date
  ** line under it */
  if (n > 1 && s[n - 1] == ':' && pt_all_caps(s, n) && i + 1 < p->n &&
      !pt_all_caps(US(p, i + 1), UL(p, i + 1)) && title_like(p, i + 1) &&
      !pt_ends_sentence(US(p, i + 1), UL(p, i + 1)))
    return 1;
  if (i + 1 < p->n && UL(p, i) <= 20 && pt_all_caps(US(p, i), UL(p, i)) &&
      pt_all_caps(US(p, i + 1), UL(p, i + 1)))
    return 0; /* a legal title in two lines: legal_title joins them */
  /* the first unit of the next three with the date under it; only then
  ** are it and those above it asked whether they read as headlines
  ** (title_like is dear and pure: the order changes no answer) */
  size_t j = i + 1;
  while (j < p->n && j <= i + 3 &&
         !(j + 1 < p->n && (memo_date_line(US(p, j + 1), UL(p, j + 1), &t) ||
                            memo_byline_date(US(p, j + 1), UL(p, j + 1), &t))))
    j++;
  if (j >= p->n || j > i + 3) return 0;
  for (size_t q = i + 1; q <= j; q++)
    if (!title_like(p, q)) return 0;
  return j - i - section_label(p, j);
}

/* Does unit i start on the line where unit i-1 ends? (the rest of a line
** whose date marker was split off: a sentence there, "date 2025-09-23
** Đại hội … diễn ra sáng nay.", is the body's first text, never the
** headline; a line that ends no sentence may be) */
static int same_line(const page *p, size_t i) {
  if (i == 0) return 0;
  const char *a = US(p, i - 1) + UL(p, i - 1), *b = US(p, i);
  return b >= a && !memchr(a, '\n', (size_t)(b - a));
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
  date_tm t;
  if (i >= p->n) return i;
  const char *s = US(p, i);
  size_t n = UL(p, i);
  if (d->title) {
    size_t m = memo_suffix(s, n, d->site);
    if (!pt_near_dup(s, m, d->title, strlen(d->title)) &&
        !pt_near_dup(s, n, d->title, strlen(d->title)))
      return i;
    p->u[i].kind = BK_TITLE;
    return i + 1;
  }
  size_t bk = lone_bullet(p, i);
  if (!looks_like_title(p, i) || ph_not_a_headline(s + bk, n - bk) ||
      (same_line(p, i) && pt_ends_sentence(s, n)))
    return i;
  for (size_t k = kickers(p, i); k > 0; k--) p->u[i++].kind = BK_BANNER, bk = 0;
  s = US(p, i) + bk, n = UL(p, i) - bk;
  p->u[i].kind = BK_TITLE;
  size_t m = memo_suffix(s, n, d->site), dm = ph_title_date(s, m, &t);
  if ((p->title_dated = dm < m)) p->title_day = t; /* "… (11/1/2023)" */
  d->title = ph_title_text(d, s, dm);
  return legal_title(p, i + 1);
}

/* Does s[0..n) open with a title of data/titles.txt in its first four
** words ("Ủy viên Trung ương Đảng, Bí thư Tỉnh ủy, …") and end no
** sentence: the position of the author named on the line above? */
static int position_line(const char *s, size_t n) {
  if (n > 300 || pt_ends_sentence(s, n)) return 0;
  const lex_table *titles = &lexicon_get()->titles;
  size_t e = 0;
  for (int w = 0; w < 4 && e < n; w++, e++) {
    const char *sp = memchr(s + e, ' ', n - e);
    e = sp ? (size_t)(sp - s) : n;
    size_t m = e;
    while (m && s[m - 1] == ',') m--;
    if (lex_find_text(titles, s, m)) return 1;
  }
  return 0;
}

/* May unit j stand between the headline and its date line? (fillers,
** chrome, a short line that ends no sentence: a section, an author; the
** author's position or workplace under an author's line: "HỒ QUỐC
** DŨNG" / "Ủy viên Trung ương Đảng, Bí thư Tỉnh ủy, …", "Lê Văn Công" /
** "Trường Đại học Chính trị, Bộ Quốc phòng") */
static int before_date(page *p, size_t j) {
  const char *s = US(p, j);
  size_t n = UL(p, j);
  if (pt_is_filler(s, n) || header_chrome(p, j) || chrome_share(s, n)) return 1;
  if (n <= 60 && pc_words(s, n, 8) <= 6 && !pt_ends_sentence(s, n)) return 1;
  int workplace = n <= 100 && pc_words(s, n, 13) <= 12 &&
                  !pt_ends_sentence(s, n); /* "Trường Đại học Chính trị, …" */
  if (j == 0 || (!position_line(s, n) && !workplace)) return 0;
  const char *a = US(p, j - 1), *au;
  size_t an = UL(p, j - 1), aun;
  return an <= 60 && pc_words(a, an, 8) <= 6 &&
         (pt_all_caps(a, an) || pl_byline(a, an, &au, &aun));
}

/*
** A byline that ends with the date: "VĂN HÀO - TRẦN HỮU 30/04/2016 11:39",
** "Minh Hà | 12/05/2021". The words before the first digit are a name
** (or names, all caps allowed) of at most 8 words.
*/
static int byline_date(const char *s, size_t n, date_tm *t) {
  if (n > 259)
    return 0; /* the date after k < 100 bytes: over 160 bytes,
              ** no date line (date_line) */
  size_t k = bs_first_digit(s, n < 100 ? n : 100);
  if (k == 0 || k >= n || k >= 100 || !memo_date_line(s + k, n - k, t))
    return 0;
  size_t m = k;
  while (m && strchr(" -|,", s[m - 1])) m--;
  const char *a;
  size_t an;
  if (!m || pc_words(s, m, 10) > 8) return 0;
  return pt_all_caps(s, m) || pl_byline(s, m, &a, &an);
}

/* The date line under the headline at unit i (within 5 units, copies of
** the headline unit i - 1 not counted: a page printing its headline
** six times over "13-09-2022"), or NONE. */
static size_t date_after_title(page *p, size_t i, date_tm *t) {
  size_t h = i > 0 && p->u[i - 1].kind == BK_TITLE ? i - 1 : NONE, echo = 0;
  size_t j = i;
  /* the first date line in reach as if every unit before it may stand
  ** there; only then are those units asked (before_date is dear and
  ** pure: the order of the questions changes no answer) */
  for (; j < p->n && j < i + 5 + echo; j++) {
    if (h != NONE && echo < 8 && same_unit(p, j, h)) {
      echo++;
      continue;
    }
    if (memo_date_line(US(p, j), UL(p, j), t) ||
        memo_byline_date(US(p, j), UL(p, j), t))
      break;
  }
  if (j >= p->n || j >= i + 5 + echo) return NONE;
  echo = 0;
  for (size_t q = i; q < j; q++) {
    if (h != NONE && echo < 8 && same_unit(p, q, h))
      echo++;
    else if (!before_date(p, q))
      return NONE;
  }
  return j;
}

/* Set d->published from the date line *t unless a date is known; a
** known day without a time (a date marker's) takes the line's time when
** the line names the same day. */
static void set_date_once(doc *d, const date_tm *t) {
  char iso[40];
  if (d->published && t->has_time && strlen(d->published) == 10) {
    date_tm day = *t;
    day.has_time = 0;
    date_format(&day, iso, sizeof iso);
    if (strcmp(iso, d->published) == 0) d->published = NULL;
  }
  if (!d->published) header_set_date(d, t);
}

void header_set_date(doc *d, const date_tm *t) {
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
    if (!name && q + 1 < b && n <= 60 && pc_words(s, n, 8) <= 5 &&
        pt_all_caps(s, n) && position_line(US(p, q + 1), UL(p, q + 1)))
      name = 1, au = s, an = n; /* "HỒ QUỐC DŨNG" over the position */
    p->u[q].kind = name ? BK_BYLINE : BK_BOILERPLATE;
    if (name && !p->d->author) p->d->author = doc_str(p->d, au, an);
  }
}

/* "Headline / sapo / date line": unit i reads as a sapo (40..600 bytes,
** no date line) and the date line follows it. Returns that line or NONE. */
static size_t sapo_date(page *p, size_t i, date_tm *t) {
  if (i + 1 >= p->n || UL(p, i) > 600 || UL(p, i) < 40 ||
      memo_date_line(US(p, i), UL(p, i), t))
    return NONE;
  return memo_date_line(US(p, i + 1), UL(p, i + 1), t) ? i + 1 : NONE;
}

/* A fragment above the headline that starts in lower case ("vùng quê
** giàu đẹp", the end of a banner; "bộ trưởng y tế", a tag): at most 8
** words, no sentence, its first word all lower case ("iPhone 7 …" may
** be a headline) -- fragment_shape -- and, after it and any more such
** fragments, a capitalised headline-like unit of one sentence. */
static int fragment_shape(const page *p, size_t i) {
  const char *s = US(p, i);
  size_t n = UL(p, i);
  int k;
  if (n > 80 || pc_words(s, n, 9) > 8 || pt_ends_sentence(s, n)) return 0;
  for (size_t j = 0; j < n && s[j] != ' '; j += (size_t)k) /* not "iPhone" */
    if (!text_is_lower(pp_cp_at(s, n, j, &k))) return 0;
  return 1;
}

static int lower_fragment(page *p, size_t i) {
  int k;
  size_t j = i + 1; /* past more fragments: "miền biển giàu đẹp" / "đường
                    ** ven biển" / the headline */
  if (!fragment_shape(p, i)) return 0;
  while (j < p->n && fragment_shape(p, j)) j++;
  if (j >= p->n) return 0;
  const char *t = US(p, j);
  size_t tn = UL(p, j);
  return text_is_upper(pp_cp_at(t, tn, 0, &k)) &&
         pc_sentence_breaks(t, tn, tn) == 0 && title_like(p, j);
}

/* Is unit i a photo's caption over the headline: marked by its credit
** ("… từ chức. Video: Nhật Sang") or a caption's sentence with its full
** stop ("Đồng chí … đến chào xã giao …."), with a headline-like line of
** 6 words or more that ends no sentence right under it (a shorter one is
** a subheading: "Thực hiện nghiêm quy trình")? Or a line alone in a
** table cell, a unit of one bar "|" above it and below it (an image's
** cell whose image left no text)? */
static int caption_over_title(page *p, size_t i) {
  if (i + 1 >= p->n) return 0;
  const char *s = US(p, i), *h = US(p, i + 1);
  size_t n = UL(p, i), hn = UL(p, i + 1);
  int k;
  /* alone in a table cell, a bar above and below: an image's caption */
  if (i > 0 && UL(p, i - 1) == 1 && *US(p, i - 1) == '|' && hn == 1 &&
      *h == '|')
    return 1;
  if (pt_ends_sentence(h, hn) || pc_words(h, hn, 6) < 6 ||
      !title_like(p, i + 1))
    return 0;
  return ph_caption_credit(s, n) ||
         (pl_caption_like(s, n) && pt_last_cp(s, n, &k) == '.');
}

/*
** The headline under a stack of site chrome: the unit right above a
** date line (or a byline ending in one) at most 10 units below the
** title taken at unit top, when that title is short (at most 8 words)
** and every unit from it down to the headline is a short line that
** ends no sentence ("Báo Dân tộc và Phát triển / Chuyên trang / Dân
** tộc - Tôn giáo … / Thời sự / <headline> / Hoài Dương - 11:09,
** 26/11/2019": the site's name, a column, a section; a longer unit only
** as the first of two copies of the headline). The headline's unit, or
** NONE.
*/
static size_t title_over_date(page *p, size_t top) {
  date_tm t;
  if (pc_words(US(p, top), UL(p, top), 10) > 8) return NONE;
  for (size_t j = top + 2; j < p->n && j <= top + 10; j++) {
    const char *s = US(p, j - 1);
    size_t n = UL(p, j - 1);
    if (pt_ends_sentence(s, n) || pc_words(s, n, 40) > 30) return NONE;
    if (memo_date_line(US(p, j), UL(p, j), &t) ||
        memo_byline_date(US(p, j), UL(p, j), &t))
      return looks_like_title(p, j - 1) && pc_words(s, n, 8) >= 4 ? j - 1
                                                                  : NONE;
    /* chrome is short; the headline printed twice over its date line
    ** ("Huyện ủy" / headline / headline / "21:29 , 09/09/2022") is no
    ** chrome: its first copy is passed */
    if (pc_words(s, n, 14) > 12 && !same_unit(p, j, j - 1)) return NONE;
  }
  return NONE;
}

/*
** The headline a breadcrumb names: unit j right under a breadcrumb whose
** last item is j's text (chrome_crumb_names: "Bệnh viện … > Tin y tế >
** <headline>" / "<headline>"), at most 12 units below the title taken at
** unit top, every unit from top to the crumb a line that ends no sentence
** (site chrome: a hotline, a slogan, opening hours). The headline's unit,
** or NONE.
*/
static size_t title_under_crumb(page *p, size_t top) {
  for (size_t j = top + 1; j < p->n && j <= top + 12; j++) {
    if (chrome_crumb_names(p, j - 1, j))
      return looks_like_title(p, j) ? j : NONE;
    if (pt_ends_sentence(US(p, j - 1), UL(p, j - 1))) return NONE;
  }
  return NONE;
}

/* "Thời sự - Chính trị / Thứ Tư, 1/12/2021 15:39 / <headline>": is the
** title taken at unit top a section over the date line, the headline the
** unit h under that line? The section has at most 5 words; the headline
** is headline-like, ends no sentence and has at least 6 words, twice the
** section's, and at most 25 (a sapo is longer or ends a sentence). */
static int section_over_date(page *p, size_t top, size_t h) {
  if (h >= p->n) return 0;
  const char *s = US(p, h);
  size_t n = UL(p, h);
  int w = pc_words(US(p, top), UL(p, top), 6), hw = pc_words(s, n, 26);
  return w <= 5 && hw >= 6 && hw >= 2 * w && hw <= 25 &&
         !pt_ends_sentence(s, n) && title_like(p, h);
}

/* A clock alone on unit i ("16:02 (GMT +7)", at most 30 bytes) under
** a date line without a time (*t): read with the date line it completes
** it ("Chủ nhật, ngày 08 tháng 12 năm 2024" / "16:02 (GMT +7)"); 1 when
** *t took the time. */
static int clock_under_date(const page *p, size_t i, date_tm *t) {
  const char *s = US(p, i);
  size_t n = UL(p, i), dn = UL(p, i - 1);
  if (t->has_time || n > 30 || !date_clock_prefix(s, n) || dn > 120) return 0;
  char buf[160];
  memcpy(buf, US(p, i - 1), dn);
  buf[dn] = ' ';
  memcpy(buf + dn + 1, s, n);
  date_tm j;
  if (!date_line(buf, dn + 1 + n, &j) || !j.has_time || j.y != t->y ||
      j.mo != t->mo || j.d != t->d)
    return 0;
  *t = j;
  return 1;
}

/* header_classify's work (the memo on). */
static size_t classify(page *p, size_t from);

/* Decide header kinds from unit `from` on; returns the first body unit.
** Of several date lines the one nearest the headline wins: one under
** it, else the last one above it (a site's "today" header is higher). */
size_t header_classify(page *p, size_t from) {
  memo.used = memo.next = 0, memo.on = 1;
  size_t b = classify(p, from);
  memo.on = 0;
  return b;
}

static size_t classify(page *p, size_t from) {
  doc *d = p->d;
  size_t i = from, pre = NONE;
  date_tm pre_t, t;
  for (; i < p->n; i++) {
    if (p->u[i].kind >= 0) continue; /* a glued date marker */
    if (memo_date_line(US(p, i), UL(p, i), &t) || split_stamp_head(p, i, &t)) {
      if (pre != NONE) p->u[pre].kind = BK_BANNER;
      pre = i, pre_t = t;
      p->u[i].kind = BK_DATELINE;
    } else if (pre != NONE && pre + 1 == i && clock_under_date(p, i, &pre_t)) {
      p->u[i].kind = BK_BANNER; /* the date line's time, a line below */
    } else if (header_chrome(p, i) || lower_fragment(p, i)) {
      p->u[i].kind = BK_BANNER;
    } else if (caption_over_title(p, i)) {
      p->u[i].kind = BK_CAPTION;
    } else {
      break;
    }
  }
  size_t top = i;
  date_tm by_t;
  int tail = i < p->n && split_date_tail(p, i);
  int by = i < p->n && !tail && split_byline_tail(p, i, &by_t);
  if (i < p->n && !tail && !by) split_glued_lead(p, i);
  i = take_title(p, i);
  if (by && i == top + 1 && p->u[i].kind == BK_BYLINE) { /* "… bởi A <date>" */
    set_date_once(d, &by_t);
    i++;
  }
  size_t post = i > top ? date_after_title(p, i, &t) : NONE;
  size_t h = post == NONE && i == top + 1 ? title_over_date(p, top) : NONE;
  if (h == NONE && post == NONE && i == top + 1) h = title_under_crumb(p, top);
  if (h != NONE) { /* the short "title" was the site's name */
    for (size_t q = top; q < h; q++) p->u[q].kind = BK_BANNER;
    d->title = NULL;
    top = h, i = take_title(p, h);
    post = i > top ? date_after_title(p, i, &t) : NONE;
  }
  if (post == NONE && i > top && (post = sapo_date(p, i, &t)) != NONE) {
    p->u[i].kind = BK_LEAD; /* "headline / sapo / date line" */
    d->lead = doc_str(d, US(p, i), UL(p, i));
    i++;
  }
  if (post != NONE) {
    if (pre != NONE) p->u[pre].kind = BK_BANNER;
    mark_between(p, i, post);
    p->u[post].kind = memo_date_line(US(p, post), UL(p, post), &pre_t)
                          ? BK_DATELINE
                          : BK_BYLINE;
    set_date_once(d, &t);
    i = post + 1;
    if (post == top + 1 && section_over_date(p, top, i)) {
      p->u[top].kind = BK_BANNER; /* the section: the headline is below */
      d->title = NULL, p->title_dated = 0;
      i = take_title(p, i);
    }
  } else if (pre != NONE && !d->published && (d->title || top - pre <= 2)) {
    header_set_date(d, &pre_t);
    p->weak_date = top - pre > 2; /* far above: maybe today's date */
  } else if (pre != NONE) {
    p->u[pre].kind = BK_BANNER; /* a clock over the site's menu */
  }
  /* "Hà Nội (TTXVN 11/3/2022) …", "… 04:30, 27/9/2022" */
  if (!d->published && i < p->n &&
      (split_wire_date(US(p, i), UL(p, i), &t) ||
       date_tail_stamp(US(p, i), UL(p, i), &t)))
    header_set_date(d, &t);
  if (!d->published && p->title_dated)
    header_set_date(d, &p->title_day); /* the headline's own date */
  if (!d->title) doc_warn(d, "no-title: no headline found");
  return i;
}
