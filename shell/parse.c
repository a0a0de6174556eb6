/*
** parse.c — scraped article text -> struct doc (see parse.h).
**
** Stages: text_normalize (text_norm.c) -> segmentation into units (one unit per
** non-blank line; blank lines are only separators) -> classification of
** every unit into a block kind -> document fields (title, published,
** author, site, lead, qa). Facts are extracted after it (pipeline.c).
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
** Thread-safe: constant tables and the read-only lexicon lists; all
** state lives in the `page`.
** Helpers: parse_header.c (the header zone: chrome, headline, its date
** line), parse_meta.c (metadata headers), parse_chrome.c (site chrome and
** footers), parse_lines.c (the shape of one line: caption, heading,
** byline), parse_text.c (bounded text predicates), parse_ctx.c (the
** optional per-folder context), date.c (the date core).
*/
#ifndef _GNU_SOURCE
#define _GNU_SOURCE /* memmem, memrchr */
#endif
#include "parse.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "date.h"
#include "lexicon.h"
#include "parse_int.h"
#include "parse_phrases.h"
#include "text.h"
#include "text_damage.h"

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

/* The offsets of a text's newlines, in order, as join_wrapped found
** them (all: every one of them is here -- the text had no front matter,
** no line was joined and there were at most NL_MAX), for segment to
** take instead of looking for them again. */
#define NL_MAX 64
typedef struct nl_list {
  size_t at[NL_MAX];
  size_t n;
  int all;
} nl_list;

/* The end of the line that starts at t[i] (its newline, or n): the next
** of nl's offsets when nl has them all (k: the next to take), else by
** memchr. */
static size_t line_end(const char *t, size_t n, size_t i, const nl_list *nl,
                       size_t *k) {
  if (nl->all) return *k < nl->n ? nl->at[(*k)++] : n;
  const char *q = memchr(t + i, '\n', n - i);
  return q ? (size_t)(q - t) : n;
}

/*
** Split d->text into units: non-blank lines, except that a line which
** does not end a sentence and is followed, with no blank line between, by
** one starting in lower case is the same hard-wrapped paragraph. Never
** into the first unit (a headline does not run on), nor inside YAML
** front matter ("key: value" lines start in lower case).
*/
static void segment(page *p, const nl_list *nl) {
  const char *t = p->t;
  size_t n = p->d->text_len, cap = 64, k = 0;
  p->u = xmalloc(cap * sizeof *p->u);
  p->n = 0;
  int gap = 0, front = 0; /* front: inside front matter */
  for (size_t i = 0; i < n;) {
    size_t e = line_end(t, n, i, nl, &k);
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

/* Is unit j article prose: a paragraph of 120 bytes or more that ends a
** sentence, with no contact details of a footer in it? */
static int prose(page *p, size_t j) {
  const char *s = US(p, j);
  size_t n = UL(p, j);
  return n >= 120 && pt_ends_sentence(s, n) && !chrome_footer(s, n) &&
         !chrome_related(s, n) && !pp_any_contains(s, n, LEXL_CONTACT);
}

/* Is the footer marker at unit i a widget above the article (a visit
** counter under the date line: "Hôm nay: 0") rather than the foot: no
** prose between the body start b and it, and prose within the next
** twelve units? */
static int footer_above_body(page *p, size_t b, size_t i, size_t lim) {
  for (size_t j = b; j < i; j++)
    if (prose(p, j)) return 0;
  for (size_t j = i + 1; j < lim && j <= i + 12; j++)
    if (prose(p, j)) return 1;
  return 0;
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
    int related = chrome_related(s, n),
        footer = !related && chrome_footer(s, n);
    if (related && !links_follow(p, i, lim)) {
      /* an empty header, or a "Xem thêm: …" link amid the text */
      p->u[i].kind = related_link(s, n) ? BK_RELATED : BK_BOILERPLATE;
    } else if (footer && footer_above_body(p, b, i, lim)) {
      p->u[i].kind = BK_BOILERPLATE;
    } else if (related || footer) {
      tail = i;
      break;
    } else if (chrome_share(s, n) || chrome_counter(s, n) ||
               chrome_folder_tail(p, i, lim)) {
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
  header_set_date(p->d, t);
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
         pp_any_starts(s + k, n - k, LEXL_THANKS_START);
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

/* The first paragraph of the body with a letter becomes the lead (sapo). */
static void choose_lead(page *p, size_t b, size_t e) {
  doc *d = p->d;
  if (d->lead) return;
  for (size_t i = b; i < e; i++) {
    if (p->u[i].kind == BK_QUESTION) return;
    if (p->u[i].kind == BK_PARAGRAPH && !ph_no_letter(US(p, i), UL(p, i))) {
      p->u[i].kind = BK_LEAD; /* not "01/01/0001 00:00 |" */
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

/* The warnings of d's text statistics; damage: text_damage_possible's
** answer. */
static void add_warnings(doc *d, const text_stats *st, int damage) {
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
  if (st->vni_case)
    doc_warn(d,
             "legacy-vni-case: %zu letters of mixed-case VNI words set to "
             "the case of their word",
             st->vni_case);
  if (st->legacy_partial)
    doc_warn(d,
             "legacy-partial: %zu lines mix Unicode with words that read as "
             "VNI/TCVN3 mojibake, left as is",
             st->legacy_partial);
  /* typos are rare and scattered; legacy damage repeats (0.5 % and up) */
  if (st->bad_syllables >= 2 && st->bad_syllables * 200 >= st->viet_syllables)
    doc_warn(d,
             "legacy-damage: %zu syllables Vietnamese never writes (\"%s\"): "
             "legacy-font glyphs inside Unicode text?",
             st->bad_syllables, st->bad_example);
  text_damage dm; /* possible syllables, impossible vowel mix */
  int spelled =
      st->bad_syllables >= 2 && st->bad_syllables * 200 >= st->viet_syllables;
  if (!spelled && damage && text_damage_scan(d->text, d->text_len, &dm))
    doc_warn(
        d,
        "legacy-damage: no \"%s\" in %zu words but %zu "
        "syllables only they make (\"%s\"): legacy-font glyphs inside "
        "Unicode text?",
        dm.lost_og || dm.nseen[1] < 2 || dm.standin_og < TEXT_DAMAGE_MIN_STANDIN
            ? "ô"
            : "ò",
        dm.words, dm.standin, dm.example);
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

/* Is the newline at t[e] (line start a) a hard wrap: the line ends no
** sentence (pt_ends_sentence: "." "!" "?" "…" ";" ":") and the next
** continues it (pt_continues_line: a lower-case letter), or takes any
** letter after a comma ("Chủ tịch UBND tỉnh,\nTrưởng Đoàn …")? */
static int wrap_at(const char *t, size_t n, size_t a, size_t e) {
  size_t b = e + 1;
  if (e == a || b >= n || t[b] == '\n' || pt_ends_sentence(t + a, e - a))
    return 0;
  int k;
  return pt_continues_line(t + b, n - b) ||
         (t[e - 1] == ',' && text_is_letter(pt_cp_at(t + b, n - b, 0, &k)));
}

/*
** Join hard-wrapped lines: text cut by its source's line width ("Bí thư
** Tỉnh\nủy, Chủ tịch HĐND tỉnh") has a line that ends no clause before
** a line that starts in lower case again and again; a page that has it
** WRAP_MIN times or more gets every such newline made a space (t keeps
** its length, offsets hold). Fewer is a headline over a lead cut in the
** middle ("Cà Mau: … tự sát\nông Tiêu Văn Lợi …"), left as it is.
** YAML front matter is left alone ("key: value" lines). Returns 1 when
** newlines were made spaces, else 0; *nl gets the newlines the first
** pass found (nl_list).
*/
#define WRAP_MIN 3
static int join_wrapped(char *t, size_t n, nl_list *nl) {
  int seen = 0;
  nl->n = 0, nl->all = 0;
  size_t from = 0; /* past YAML front matter ("key: value" lines) */
  if (n >= 4 && memcmp(t, "---\n", 4) == 0) {
    const char *end = memmem(t + 3, n - 3, "\n---", 4);
    from = end ? (size_t)(end - t) + 4 : n;
  }
  for (int pass = 0; pass < 2; pass++) {
    size_t a = from; /* the start of the current line */
    for (char *q; (q = memchr(t + a, '\n', n - a)) != NULL;) {
      size_t e = (size_t)(q - t);
      if (!pass && nl->n <= NL_MAX) {
        if (nl->n < NL_MAX) nl->at[nl->n] = e;
        nl->n++; /* NL_MAX + 1: too many */
      }
      if (wrap_at(t, n, a, e)) {
        if (pass)
          t[e] = ' ';
        else if (++seen >= WRAP_MIN)
          break;
      }
      a = e + 1;
    }
    if (seen < WRAP_MIN) { /* the first pass saw every line */
      nl->all = from == 0 && nl->n <= NL_MAX;
      return 0;
    }
  }
  return 1;
}

/* The 16 lower-case hex digits of v and a NUL at out (what "%016llx"
** prints), without snprintf's format parsing. */
static void hex_id(char out[17], uint64_t v) {
  static const char hex[] = "0123456789abcdef";
  for (int i = 15; i >= 0; i--, v >>= 4) out[i] = hex[v & 15];
  out[16] = '\0';
}

doc *parse_document_ctx(const char *path, const char *bytes, size_t len,
                        int flags, const parse_ctx *ctx) {
  doc *d = doc_new(path);
  text_stats st;
  size_t n;
  char *t = text_normalize(bytes ? bytes : "", bytes ? len : 0, &n, &st);
  /* the id: util_hash64 of the text, from text_normalize's last pass
  ** unless hard wraps were joined since */
  nl_list nl;
  uint64_t id = join_wrapped(t, n, &nl) ? util_hash64(t, n) : st.hash;
  d->text = d->text_heap = t; /* kept, not copied: doc_free frees it */
  d->text_len = n;
  /* text_normalize writes valid UTF-8; the facts add data/'s strings */
  d->utf8 = lexicon_get()->utf8;
  /* text_normalize's look for stand-ins; join_wrapped turned newlines
  ** into spaces since, which that look reads alike (neither is part of
  ** a word) */
  int damage = st.damage_possible;
  hex_id(d->id, id);
  add_warnings(d, &st, damage);

  page p = {d, d->text, NULL, 0, ctx, 0, 0, {0}};
  segment(&p, &nl);
  if ((flags & PARSE_TITLE_LINE) && p.n) /* take_title marks its unit */
    d->title = doc_str(d, US(&p, 0), UL(&p, 0));
  size_t h = meta_header(&p);
  meta_glued(&p, h);
  size_t b = p.n ? header_classify(&p, h) : 0;
  size_t lim = end_sapo(&p, b);
  size_t e = classify_tail(&p, b, lim);
  size_t be = classify_byline(&p, b, e);
  classify_body(&p, b, be);
  choose_lead(&p, b, be);
  meta_url_site(&p);

  for (size_t i = 0; i < p.n; i++) {
    unit *u = &p.u[i];
    doc_block k = {u->kind < 0 ? BK_PARAGRAPH : (doc_kind)u->kind,
                   doc_str(d, d->text + u->off, u->len), u->off, u->len};
    VEC_PUSH(d->blocks, k);
  }
  free(p.u);
  build_qa(d);
  /* facts: the pipeline (pipeline.c) runs the extractors */
  return d;
}

doc *parse_file(const char *path, int flags, const char **why) {
  return parse_file_max(path, flags, 0, why);
}

doc *parse_file_max(const char *path, int flags, int64_t max,
                    const char **why) {
  char *bytes;
  size_t len;
  if (util_read_file(path, max, &bytes, &len) != 0) {
    char tmp[128];
    if (errno == EISDIR) {
      *why = "is a directory";
      return NULL;
    }
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
