/*
** parse_lines.c — the shapes of single lines (parse_int.h): photo
** captions, labels and numbered headings, bylines, lead openings.
*/
#ifndef _GNU_SOURCE
#define _GNU_SOURCE /* memmem, memrchr */
#endif
#include <string.h>

#include "lexicon.h"
#include "parse_count.h"
#include "parse_int.h"
#include "parse_phrases.h"
#include "text.h"

/* caption_starts: data/parser-markers.tsv, kind "caption-start" */

/* Words that open a photo caption about people or a scene. */
/* caption_openers: data/parser-markers.tsv, kind "caption-opener" */

/* Phrases of photo captions (what the people in the picture do). */
/* caption_phrases: data/parser-markers.tsv, kind "caption-phrase" */

/* Words that make a short sentence body text rather than a caption. */
static const char *const speech_words[] = {
    "cho biết", "khẳng định", "nhấn mạnh:", " nói",         "chia sẻ",
    " đã ",     " vừa ",      " sẽ ",       "\xe2\x80\x9c", NULL};

/* lead_openers: data/parser-markers.tsv, kind "lead-opener" */

/* ---- captions, headings, bylines ---- */

/*
** Does the short line s (from its second code point on, so the case of
** the first letter does not matter) appear in the unit near its edge?
** Looks at most 64 KB of the neighbour.
*/
int pl_echoes(const char *s, size_t n, const char *nb, size_t nn,
              int from_end) {
  int k;
  pp_cp_at(s, n, 0, &k);
  if (n - (size_t)k < 20) return 0;
  if (nn > 65536) {
    if (from_end) nb += nn - 65536;
    nn = 65536;
  }
  return memmem(nb, nn, s + k, n - (size_t)k) != NULL;
}

/* Does s[0..n) hold "Ả" (last == '\xa2') or "ả" ('\xa3'), bytes E1 BA
** and last? Every marker of a photo credit does. */
static int has_anh(const char *s, size_t n, char last) {
  for (const char *c = s; (c = memchr(c, '\xba', n - (size_t)(c - s))); c++)
    if (c > s && c[-1] == '\xe1' && c + 1 < s + n && c[1] == last) return 1;
  return 0;
}

/*
** Does s end with a photo credit without a colon: ". Ảnh VT", " - Ảnh
** Quang Minh"? "Ảnh" after a sentence's end or a dash, then one to three
** words, each capitalised, and nothing else.
*/
int pl_credit_tail(const char *s, size_t n) {
  static const char *const marks[] = {". Ảnh ", " - Ảnh ", " – Ảnh ", NULL};
  const char *tail = n > 48 ? s + n - 48 : s, *at = NULL;
  size_t tn = (size_t)(s + n - tail), m = 0;
  if (!has_anh(tail, tn, '\xa2')) return 0; /* every mark holds "Ả" */
  for (const char *const *k = marks; *k; k++) {
    const char *c = memmem(tail, tn, *k, strlen(*k));
    if (c) at = c, m = strlen(*k);
  }
  if (!at) return 0;
  const char *w = at + m, *e = s + n;
  int words = 0;
  while (w < e) {
    int k;
    if (!text_is_upper(pp_cp_at(w, (size_t)(e - w), 0, &k))) return 0;
    const char *sp = memchr(w, ' ', (size_t)(e - w));
    for (const char *c = w; c < (sp ? sp : e); c++)
      if (strchr(".,;:!?()", *c)) return 0;
    words++;
    w = sp ? sp + 1 : e;
  }
  return words >= 1 && words <= 3;
}

int pl_caption_marked(const char *s, size_t n) {
  if (n > 400) return 0;
  if (pp_any_starts(s, n, LEXL_CAPTION_START)) return 1;
  /* "... (Ảnh: Thu Chung)" or "... Ảnh: Thu Chung" at the end */
  const char *tail = n > 60 ? s + n - 60 : s;
  size_t tn = (size_t)(s + n - tail);
  int up = has_anh(tail, tn, '\xa2'); /* "Ả": the markers but "(ảnh:" */
  return (up && pt_contains(tail, tn, "(Ảnh")) ||
         (has_anh(tail, tn, '\xa3') && pt_contains(tail, tn, "(ảnh:")) ||
         (up && (pt_contains(tail, tn, ". Ảnh:") ||
                 pt_contains(tail, tn, "Ảnh: "))) ||
         pl_credit_tail(s, n);
}

/* A short single-sentence description of a photo? */
int pl_caption_like(const char *s, size_t n) {
  if (n > 320 || n < 10) return 0;
  if (pt_dash_prefix(s, n) || pt_plus_prefix(s, n)) return 0;
  if (pc_sentence_breaks(s, n, n) > 0) return 0;
  int k;
  int32_t last = pt_last_cp(s, n, &k);
  if (last == '?' || last == ':' || last == ',' || last == ';') return 0;
  /* "./.", the mark that closes an official article, ends body text */
  if (n >= 2 && s[n - 2] == '/' && s[n - 1] == '.') return 0;
  if (pt_any_contains(s, n, speech_words)) return 0;
  if (pp_any_starts(s, n, LEXL_CAPTION_OPENER)) return 1;
  return pp_any_contains(s, n, LEXL_CAPTION_PHRASE) && n <= 260;
}

/* A short line without closing punctuation (heading or caption)? */
int pl_label(const char *s, size_t n) {
  if (n > 220 || n < 2) return 0;
  if (pt_dash_prefix(s, n) || pt_plus_prefix(s, n)) return 0;
  int k;
  int32_t last = pt_last_cp(s, n, &k);
  if (last == '.' || last == ',' || last == ';' || last == ':' || last == '?' ||
      last == 0x2026)
    return 0;
  return pc_sentence_breaks(s, n, n) == 0;
}

/* Numbered or all-caps section heading ("1. ...", "II. ...", "Điều 5.")? */
int pl_numbered_heading(const char *s, size_t n) {
  if (n > 200) return 0;
  /* heads: data/parser-markers.tsv, kind "heading-head" */
  if (pp_any_starts(s, n, LEXL_HEADING_HEAD)) {
    size_t k = 0;
    while (k < n && s[k] != ' ') k++;
    k++;
    if (k < n && pt_starts_word(s + k, n - k, "thứ")) return 1;
    /* then a number or a Roman numeral token ("Điều 5.", "Chương IV") */
    size_t e = k;
    while (e < n && s[e] &&
           (strchr("0123456789", s[e]) || strchr("IVXLC", s[e])))
      e++;
    return e > k && (e == n || s[e] == '.' || s[e] == ' ' || s[e] == ':');
  }
  size_t i = 0;
  while (i < n && ((s[i] >= '0' && s[i] <= '9') || strchr("IVX", s[i]))) i++;
  if (i > 0 && i <= 4 && i + 1 < n && (s[i] == '.' || s[i] == ')') &&
      s[i + 1] == ' ')
    return n <= 150 && !pt_ends_sentence(s, n);
  return 0;
}

/*
** A byline: a short name ("Thu Chung", "Cao Quỳnh (Thực hiện)", "Bài,
** ảnh: Minh Hà", "PV"), or a source line ("(T/h)", "Theo TTXVN").
** Stores the name span (without role) in *a and *an when there is one.
*/
/* Skip a leading role ("Bài, ảnh:", "Tin:", "Tác giả:"; kind
** "byline-role"); 1 when there was one. */
static int strip_role(const char **s, size_t *n) {
  for (const char *const *r = lexicon_list(LEXL_BYLINE_ROLE); *r; r++) {
    size_t k = pt_prefix_ci(*s, *n, *r);
    if (k) {
      while (k < *n && (*s)[k] == ' ') k++;
      *s += k, *n -= k;
      return 1;
    }
  }
  return 0;
}

/* The length of s before a dash written apart (" - ", " – "), or n. */
static size_t before_dash(const char *s, size_t n) {
  for (size_t i = 1; i + 2 < n; i++)
    if (s[i] == ' ' && (s[i + 1] == '-' ||
                        (i + 4 < n && !memcmp(s + i + 1, "\xe2\x80\x93", 3))))
      return i;
  return n;
}

/* The end of the name in s: without a trailing "thực hiện" (kind
** "byline-role-tail"), "(Thực hiện)", "(TTXVN)", spaces or dashes. */
static size_t name_end(const char *s, size_t n) {
  size_t e = n;
  for (const char *const *r = lexicon_list(LEXL_BYLINE_ROLE_TAIL); *r; r++) {
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
  return e;
}

/* Every word starts upper case; no digits; only letters, spaces, "-." */
static int title_cased(const char *s, size_t e) {
  int start = 1;
  for (size_t i = 0; i < e;) {
    int k;
    int32_t c = pp_cp_at(s, e, i, &k);
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
  return 1;
}

int pl_byline(const char *s, size_t n, const char **a, size_t *an) {
  *a = NULL, *an = 0;
  if (n > 80 || n == 0) return 0;
  if (s[0] == '(' && s[n - 1] == ')' && n <= 40) return 1; /* "(T/h)" */
  if (pp_any_starts(s, n, LEXL_BYLINE_SOURCE) && pc_words(s, n, 12) <= 8)
    return 1; /* "Theo TTXVN" */
  /* after an author's label the name may have an affiliation after a dash
  ** ("Tác giả: Nguyễn Kim Minh - LĐLĐ thành phố"; "Bài: Minh Hà - Thu
  ** Trang" are two names) */
  if (strip_role(&s, &n)) {
    size_t d = before_dash(s, n), r = d + 3;
    while (r < n && (s[r] == ' ' || (s[r] & 0xC0) == 0x80)) r++;
    if (d < n && r < n && !title_cased(s + r, n - r)) n = d;
  }
  size_t e = name_end(s, n);
  if (e == 0) return 0;
  int w = pc_words(s, e, 10);
  if (w < 1 || w > 6 || !title_cased(s, e) || (w == 1 && e < 2)) return 0;
  *a = s, *an = e;
  return 1;
}

/* ---- the title ---- */

/* Starts like a lead: "Sáng 9/10, ...", "(TTXVN) - ...", "Ngày 4/3, ..." */
int pl_lead_opening(const char *s, size_t n) {
  if (n > 0 && s[0] == '(') {
    const char *c = memchr(s, ')', n < 60 ? n : 60);
    if (c) return 1;
  }
  if (!pp_any_starts(s, n, LEXL_LEAD_OPENER)) return 0;
  /* a date or time within the first words, then a comma */
  size_t lim = n < 60 ? n : 60;
  for (size_t i = 0; i < lim; i++)
    if (s[i] >= '0' && s[i] <= '9')
      return memchr(s, ',', n < 80 ? n : 80) != NULL;
  return 0;
}

/* Starts with a time adverb and its comma ("Tuần qua, …": a lead-opener
** written with its comma)? A headline may too ("Hôm nay, TP. HCM công
** bố …"): the caller asks only of a line that ends a sentence. */
int pl_lead_adverb(const char *s, size_t n) {
  for (const char *const *o = lexicon_list(LEXL_LEAD_OPENER); *o; o++) {
    size_t k = strlen(*o);
    if (k && (*o)[k - 1] == ',' && pt_prefix_ci(s, n, *o)) return 1;
  }
  return 0;
}

/* Source abbreviations that sign an article but name nobody. */
int pl_not_a_name(const char *s, size_t n) {
  /* abbr: data/parser-markers.tsv, kind "not-a-name" */
  for (const char *const *a = lexicon_list(LEXL_NOT_A_NAME); *a; a++)
    if (strlen(*a) == n && memcmp(*a, s, n) == 0) return 1;
  return 0;
}
