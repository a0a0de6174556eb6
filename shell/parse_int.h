/*
** parse_int.h — the parser's internals shared by parse.c and its helper
** files: the page of units being classified and the line predicates.
** Every predicate looks at a bounded prefix or suffix of its line.
*/
#ifndef TINSH_PARSE_INT_H
#define TINSH_PARSE_INT_H

#include <stddef.h>
#include <stdint.h>

#include "date.h"
#include "doc.h"

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
  const struct parse_ctx *ctx; /* lines the folder repeats, or NULL */
  int weak_date;     /* published came from a date line far above the title */
  int title_dated;   /* the headline ended with a date (title_date) ... */
  date_tm title_day; /* ... this one, published when no date line has one */
} page;

#define US(p, i) ((p)->t + (p)->u[i].off)
#define UL(p, i) ((p)->u[i].len)

/* ---- parse_text.c: the units ---- */
/* Insert a unit boundary in unit i at byte `at` of it (0 < at < len):
** the rest becomes unit i + 1, undecided, with no gap. */
void page_split(page *p, size_t i, size_t at);

/* ---- parse_text.c: small text predicates ---- */
int32_t pt_cp_at(const char *s, size_t n, size_t i, int *k);
int32_t pt_last_cp(const char *s, size_t n, int *k);
size_t pt_prefix_ci(const char *s, size_t n, const char *lit);
int pt_line_is(const char *s, size_t n, const char *lit);
int pt_starts_word(const char *s, size_t n, const char *lit);
int pt_any_line_is(const char *s, size_t n, const char *const *set);
int pt_any_starts(const char *s, size_t n, const char *const *set);
int pt_contains(const char *s, size_t n, const char *needle);
int pt_any_contains(const char *s, size_t n, const char *const *set);
int pt_is_filler(const char *s, size_t n);
int pt_is_url(const char *s, size_t n);
int pt_continues_line(const char *s, size_t n);
int pt_ends_sentence(const char *s, size_t n);
int pt_sentence_breaks(const char *s, size_t n, size_t lim);
int pt_words(const char *s, size_t n, int lim);
/* Does s[0..n) hold an ASCII digit? */
int pt_has_digit(const char *s, size_t n);
size_t pt_dash_prefix(const char *s, size_t n);
size_t pt_plus_prefix(const char *s, size_t n);
int pt_near_dup(const char *a, size_t na, const char *b, size_t nb);
int pt_all_caps(const char *s, size_t n);

/* ---- parse_lines.c: shapes of single lines ---- */
int pl_echoes(const char *s, size_t n, const char *nb, size_t nn, int from_end);
/* Ends with a photo credit without a colon (". Ảnh VT")? */
int pl_credit_tail(const char *s, size_t n);
int pl_caption_marked(const char *s, size_t n);
int pl_caption_like(const char *s, size_t n);
int pl_label(const char *s, size_t n);
int pl_numbered_heading(const char *s, size_t n);
int pl_byline(const char *s, size_t n, const char **a, size_t *an);
int pl_lead_adverb(const char *s, size_t n);
int pl_lead_opening(const char *s, size_t n);
int pl_not_a_name(const char *s, size_t n);

/* ---- parse_title.c: the headline's own shape, line by line ---- */
/* only a source tag and a dash, "(BTNO) -" */
int ph_source_tag(const char *s, size_t n);
/* an author's line with a degree, "ThS. Lò Thu Hà" */
int ph_degree_byline(const char *s, size_t n);
/* a source credit, "Theo Quang Duẩn (TNO)" */
int ph_source_credit(const char *s, size_t n);
/* the headline's length without a date closing it ("… (11/1/2023)",
** "… | Programme | 27/07/2023"), the date into *t; n when none */
size_t ph_title_date(const char *s, size_t n, date_tm *t);
/* a caption closed by its credit, "… Ảnh: TTXVN", "… Video: Nhật Sang" */
int ph_caption_credit(const char *s, size_t n);
/* ends with the words that open a list, "… như sau" */
int ph_list_intro(const char *s, size_t n);
/* opens, past a script's junk and a tag, with a word all in lower case */
int ph_lower_opening(const char *s, size_t n);
/* a template's field left unfilled, "{title}" */
int ph_template_field(const char *s, size_t n);
/* holds no letter, "02" */
int ph_no_letter(const char *s, size_t n);
/* opens as a lead with its date, "Chiều 14-4, …" */
int ph_dated_lead(const char *s, size_t n);
/* a caption, a numbered heading, a list item, a slug: no headline */
int ph_not_a_headline(const char *s, size_t n);
/* the title's text from its line, in d's arena: surrounding quotes of a
** pair, a script's junk and a tag before it cut */
char *ph_title_text(doc *d, const char *s, size_t n);

/* ---- parse_chrome.c: site chrome ---- */
int chrome_banner(const char *s, size_t n);
int chrome_legal(const char *s, size_t n);
int chrome_related(const char *s, size_t n);
int chrome_footer(const char *s, size_t n);
/* A visit counter's line whose label is a counter label of data/parser-
** markers.tsv ("Hôm qua: 12", "Hôm qua:"), at most 80 bytes. */
int chrome_counter(const char *s, size_t n);
char *chrome_site_from(doc *d, const char *s, size_t n);
int chrome_shape(const char *s, size_t n);
int chrome_share(const char *s, size_t n);
int chrome_menu_item(const char *s, size_t n);
/* Places where lower-case letters (2+) meet a capital with Vietnamese
** letters around: the words of a menu glued together ("Trang chủNewsThời
** sự" has two, "Sự kiện giáo dụcTin tức" one; "TikTok", "iPhone" none).
** Counts up to 3. */
int chrome_glued_words(const char *s, size_t n);
size_t chrome_site_suffix(const char *s, size_t n, const char *site);
int chrome_folder_tail(const page *p, size_t i, size_t lim);
/* A breadcrumb glued into one line with the headline that a unit below
** repeats ("Trang chủ Thực tiễn <headline>" ... "<headline>"): unit i
** starts with a banner line's words ("Trang chủ", "Home") and ends with
** the text of one of the next eight units (20 bytes or more), or with
** its start (20 bytes or more) cut by an ellipsis ("… có trụ..." over
** "… có trụ trì"). */
int chrome_crumb(const page *p, size_t i);
/* Is unit c a breadcrumb whose last item is unit j's text ("Bệnh viện
** … > TIN TỨC > Tin y tế > <headline>")? Two separators or more (">",
** "»", "/", "|" before a space), the last just before j's text (20 bytes
** or more). */
int chrome_crumb_names(const page *p, size_t c, size_t j);

/* ---- parse_header.c: the header zone ---- */
struct date_tm;
/* Classify the header units from unit `from` on (chrome, date lines, the
** headline); fills title and published; returns the first body unit. */
size_t header_classify(page *p, size_t from);
/* Set d->published from *t (ISO 8601). */
void header_set_date(doc *d, const struct date_tm *t);

/* ---- parse_split.c: header lines run on with a date or the lead ----
** Each splitter cuts unit i into units of their own (page_split) and
** returns 1, or leaves it and returns 0. */
/* "<headline> 20/07/2025 14:47 <text>": the stamp and the text after it */
int split_date_tail(page *p, size_t i);
/* "<headline>Huyện Yên Khánh là …": the lead glued to the headline off */
int split_glued_lead(page *p, size_t i);
/* "<headline> bởi Linh 21 Tháng 9, 2025 <text>": the byline with its
** date (into *t, the name into the author) and the text after it off */
int split_byline_tail(page *p, size_t i, date_tm *t);
/* "16:44, 24/06/2021 Ngày 24/6, …": the stamp (into *t) off the lead */
int split_stamp_head(page *p, size_t i, date_tm *t);
/* Does s[0..n) open with a wire dateline ("Hà Nội (TTXVN 11/3/2022)")?
** The date into *t; nothing is split. */
int split_wire_date(const char *s, size_t n, date_tm *t);

/* ---- parse_meta.c: metadata headers ---- */
size_t meta_header(page *p);
size_t meta_glued(page *p, size_t from);
/* The site from the source link a scraper put on the first or last line
** of the text alone ("https://baoquangninh.vn/…" -> "baoquangninh.vn"),
** when no metadata named the site. */
void meta_url_site(page *p);

#endif
