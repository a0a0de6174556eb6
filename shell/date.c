/*
** date.c — the date core (date.h): calendar checks, the 12h clock, month
** and weekday names, and the date-line reader.
**
** The reader walks the line token by token (numbers, words, separators)
** with a small state (struct rd). Every test looks at a bounded number of
** bytes: a date line is at most 160 bytes.
*/
#ifndef _GNU_SOURCE
#define _GNU_SOURCE /* memmem */
#endif
#include "date.h"

#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <utf8proc.h>

#include "byte_scan.h"
#include "lexicon.h"
#include "text.h"

static int date_days_in(int y, int m) {
  static const int dm[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (m < 1 || m > 12) return 0;
  if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0)) return 29;
  return dm[m - 1];
}

int date_valid(int y, int m, int d) {
  return y >= 1900 && y <= 2100 && m >= 1 && m <= 12 && d >= 1 &&
         d <= date_days_in(y, m);
}

int date_hour24(int h, int pm) {
  if (h < 0 || h > 23) return -1;
  if (h > 12) return h; /* "13:00 PM": already 24-hour */
  if (h == 12) return pm ? 12 : 0;
  return pm ? h + 12 : h;
}

/* Index + 1 of w in names (NULL-terminated), or 0. */
static int name_index(const char *const *names, const char *w) {
  for (int i = 0; names[i]; i++)
    if (strcmp(names[i], w) == 0) return i + 1;
  return 0;
}

static const char *const month_full[] = {
    "january", "february",  "march",   "april",    "may",      "june", "july",
    "august",  "september", "october", "november", "december", NULL};
static const char *const month_abbr[] = {"jan", "feb", "mar", "apr", "may",
                                         "jun", "jul", "aug", "sep", "oct",
                                         "nov", "dec", NULL};
static const char *const weekday_full[] = {"monday",   "tuesday", "wednesday",
                                           "thursday", "friday",  "saturday",
                                           "sunday",   NULL};
static const char *const weekday_abbr[] = {"mon", "tue", "wed", "thu",
                                           "fri", "sat", "sun", NULL};
/* Vietnamese month words after "tháng" (month_word) */
static const char *const month_words[] = {
    "một", "hai", "ba", "tư", "năm", "sáu", "bảy", "tám", "chín", "mười", NULL};
/* the other words read_name and stamp_word take: clock words (am_pm),
** the odd month words and "sept" */
static const char *const clock_words[] = {
    "z",   "pm",    "ch",  "am",   "sa",   "sáng", "chiều",
    "tối", "giêng", "bốn", "chạp", "sept", NULL};

int date_month_name(const char *w) {
  int m = name_index(month_full, w);
  if (!m) m = name_index(month_abbr, w);
  if (!m && strcmp(w, "sept") == 0) m = 9;
  return m;
}

int date_weekday_name(const char *w) {
  int d = name_index(weekday_full, w);
  return d ? d : name_index(weekday_abbr, w);
}

/* ---- the date words, indexed ----
** Every word read_name or stamp_word can take -- the lists above and
** data/parser-markers.tsv's "date-word" kind -- in one open-addressing
** table of FNV-1a hashes, with DW_LABEL on the date-words: a word not in
** it is refused without the lists' strcmp scans (most words a header
** line opens with). Built once (pthread_once), then read-only. */
enum { DW_LABEL = 1, DW_KNOWN = 2, DW_CAP = 512 };

static struct {
  const char *w;
  int cls;
} dw_tab[DW_CAP];
static pthread_once_t dw_once = PTHREAD_ONCE_INIT;

static uint32_t dw_hash(const char *w) {
  uint32_t h = 2166136261u;
  for (; *w; w++) h = (h ^ (unsigned char)*w) * 16777619u;
  return h;
}

/* The table's slot for w: its entry, or the empty slot where it goes. */
static size_t dw_slot(const char *w) {
  size_t i = dw_hash(w) & (DW_CAP - 1);
  while (dw_tab[i].w && strcmp(dw_tab[i].w, w) != 0) i = (i + 1) & (DW_CAP - 1);
  return i;
}

/* Add the words of list to the table with class cls. */
static void dw_add(const char *const *list, int cls) {
  for (; *list; list++) {
    size_t i = dw_slot(*list);
    dw_tab[i].w = *list, dw_tab[i].cls |= cls;
  }
}

static void dw_build(void) {
  dw_add(month_full, DW_KNOWN), dw_add(month_abbr, DW_KNOWN);
  dw_add(weekday_full, DW_KNOWN), dw_add(weekday_abbr, DW_KNOWN);
  dw_add(month_words, DW_KNOWN), dw_add(clock_words, DW_KNOWN);
  dw_add(lexicon_list(LEXL_DATE_WORD), DW_KNOWN | DW_LABEL);
}

/* The classes of w (DW_KNOWN, DW_LABEL), 0 for a word no date line
** holds. */
static int dw_class(const char *w) {
  pthread_once(&dw_once, dw_build);
  return dw_tab[dw_slot(w)].cls;
}

/* Words a date line may hold besides numbers, names and the tail (lower
** case): weekday words, labels, clock words. */
/* date_words: data/parser-markers.tsv, kind "date-word" */

/* ---- the reader's state and small steps ---- */

typedef struct rd {
  const char *s;
  size_t n, i;
  date_tm *t;
  int have_date;
  int after;       /* 1 after "ngày", 2 after "tháng", 3 after "năm" */
  int vd, vm;      /* "ngày d tháng m" read so far */
  int month, mday; /* an English month name and its day ("May 20") */
  int eday;        /* a day waiting for its month name ("20 May") */
  int thu;         /* the last word was "thứ" */
  int ten;         /* the last word was the month word "mười" */
  char sep;        /* last non-space separator since the last token */
  size_t run;      /* where the words since the last number start, or 0 */
  char run_sep;    /* the separator before them */
  int clock;       /* the last word read was a time's (AM, "Sáng") */
} rd;

static size_t ndigits(const char *s, size_t n, size_t i) {
  size_t k = 0;
  while (i + k < n && s[i + k] >= '0' && s[i + k] <= '9') k++;
  return k;
}

/* The number of the nd digits at s[*i], advancing *i. */
static int take_num(const rd *r, size_t *i, size_t nd) {
  int v = 0;
  for (size_t k = 0; k < nd; k++) v = v * 10 + (r->s[(*i)++] - '0');
  return v;
}

static int is_sep(unsigned char c) {
  return c == ' ' || c == ',' || c == '|' || c == '(' || c == ')' || c == '[' ||
         c == ']' || c == ':' || c == '-' || c == '/' || c == '.' || c == ';' ||
         c == '!'; /* "17:25 !! 04/05/2019" */
}

/* Skip separators (and en/em dashes, bullets), remembering the last
** non-space. */
static void skip_seps(rd *r) {
  while (r->i < r->n) {
    unsigned char c = (unsigned char)r->s[r->i];
    if (is_sep(c)) {
      if (c != ' ') r->sep = (char)c;
      r->i++;
    } else if (r->n - r->i >= 3 &&
               (memcmp(r->s + r->i, "\xe2\x80\x93", 3) == 0 ||
                memcmp(r->s + r->i, "\xe2\x80\x94", 3) == 0)) {
      r->sep = '-';
      r->i += 3;
    } else if (r->n - r->i >= 3 &&
               memcmp(r->s + r->i, "\xe2\x80\xa2", 3) == 0) {
      r->i += 3; /* a bullet: "• 22/05/2018 17:26" in a bulleted header */
    } else {
      break;
    }
  }
}

/* Time zone: "+7", "+07", "+07:00", "+0700" (also with '-'). */
static int read_tz(rd *r) {
  const char *s = r->s;
  size_t n = r->n, j = r->i;
  while (j < n && s[j] == ' ') j++;
  if (j >= n || (s[j] != '+' && s[j] != '-')) return 0;
  int sign = s[j] == '-' ? -1 : 1, h, m = 0;
  j++;
  size_t nd = ndigits(s, n, j);
  if (nd == 1 || nd == 2) {
    h = take_num(r, &j, nd);
    if (j + 2 < n && s[j] == ':' && ndigits(s, n, j + 1) == 2) {
      j++;
      m = take_num(r, &j, 2);
    }
  } else if (nd == 4) {
    int v = take_num(r, &j, 4);
    h = v / 100, m = v % 100;
  } else {
    return 0;
  }
  if (h > 14 || m > 59) return 0;
  r->t->tz_set = 1, r->t->tz = sign * (h * 60 + m);
  r->i = j;
  return 1;
}

/* Lower-case word (letters, then digits too) at r->i into w; advances. */
static int read_word(rd *r, char *w, size_t cap) {
  size_t o = 0;
  while (r->i < r->n) {
    int32_t c;
    int k = text_utf8_decode(r->s + r->i, r->n - r->i, &c);
    if (!text_is_letter(c) && !(c >= '0' && c <= '9' && o > 0)) break;
    char e[4];
    int m = text_utf8_encode(
        c < 0x80 ? (c >= 'A' && c <= 'Z' ? c + 32 : c) : utf8proc_tolower(c),
        e);
    if (o + (size_t)m >= cap) return 0;
    memcpy(w + o, e, (size_t)m);
    o += (size_t)m;
    r->i += (size_t)k;
  }
  w[o] = 0;
  return o > 0;
}

/* ---- numbers: dates, times, loose numbers ---- */

/* "yyyy-mm-dd" ("/" or "." too, the same twice), optional "T". */
static int read_ymd(rd *r, size_t nd) {
  const char *s = r->s;
  size_t j = r->i + nd;
  if (nd != 4 || j >= r->n || !strchr("-/.", s[j]) || !s[j]) return 0;
  char sep = s[j];
  size_t m1 = ndigits(s, r->n, j + 1);
  if (m1 < 1 || m1 > 2 || j + 1 + m1 >= r->n || s[j + 1 + m1] != sep) return 0;
  size_t d1 = ndigits(s, r->n, j + 2 + m1);
  if (d1 < 1 || d1 > 2) return 0;
  j = r->i;
  r->t->y = take_num(r, &j, 4), j++;
  r->t->mo = take_num(r, &j, m1), j++;
  r->t->d = take_num(r, &j, d1);
  r->have_date = 1, r->i = j;
  if (r->i < r->n && r->s[r->i] == 'T') r->i++;
  return 1;
}

/* "d/m/yyyy" with "/", "-" or "." (the same twice); m/d/yyyy when the
** first number is 12 or less and the second over 12. -1: "d/m" alone. */
static int read_dmy(rd *r, size_t nd) {
  const char *s = r->s;
  size_t j = r->i + nd;
  if (nd > 2 || j >= r->n || !s[j] || !strchr("-/.", s[j])) return 0;
  char sep = s[j];
  size_t m1 = ndigits(s, r->n, j + 1);
  if (m1 < 1 || m1 > 2) return 0;
  if (j + 1 + m1 >= r->n || s[j + 1 + m1] != sep ||
      ndigits(s, r->n, j + 2 + m1) != 4)
    return -1;
  j = r->i;
  r->t->d = take_num(r, &j, nd), j++;
  r->t->mo = take_num(r, &j, m1), j++;
  r->t->y = take_num(r, &j, 4);
  if (r->t->mo > 12 && r->t->d <= 12) { /* month first: "10-29-2018" */
    int d = r->t->mo;
    r->t->mo = r->t->d, r->t->d = d;
  }
  r->have_date = 1, r->i = j;
  return 1;
}

/* Is s[k..) a count glued to a time's minute ("05:431.577": the time
** 05:43, then 1.577 views): digits with a '.' or ',' inside, up to a
** space or the end? */
static int glued_count(const char *s, size_t n, size_t k) {
  size_t j = k;
  int mark = 0;
  for (; j < n && s[j] != ' '; j++) {
    if (s[j] == '.' || s[j] == ',')
      mark = j > k && j + 1 < n && s[j + 1] >= '0' && s[j + 1] <= '9';
    else if (s[j] < '0' || s[j] > '9')
      return 0;
  }
  return mark && j > k;
}

/* "hh:mm[:ss]", "15h30", "15h"; a count glued to the minute is read with
** it (glued_count). */
static int read_time(rd *r, size_t nd) {
  const char *s = r->s;
  size_t j = r->i + nd;
  if (nd > 2 || j >= r->n || (s[j] != ':' && s[j] != 'h' && s[j] != 'H'))
    return 0;
  int colon = s[j] == ':', mi = 0, sec = 0;
  size_t k = r->i;
  int h = take_num(r, &k, nd);
  k++;
  size_t md = ndigits(s, r->n, k);
  /* a minute printed without its zero ("10:2 GMT+7", "10:0, Thứ Năm,
  ** 2-2-2023"): one digit, then a space, a comma or the end */
  if (md == 1 && colon && nd == 2 &&
      (k + 1 == r->n || s[k + 1] == ' ' || s[k + 1] == ',')) {
    mi = take_num(r, &k, 1);
  } else if (md == 2 ||
             (md > 2 && colon && r->have_date && glued_count(s, r->n, k + 2))) {
    mi = take_num(r, &k, 2);
    if (md > 2) /* past the glued count */
      while (k < r->n && s[k] != ' ') k++;
    else if (k + 2 < r->n + 0 && s[k] == ':' && ndigits(s, r->n, k + 1) == 2) {
      k++;
      sec = take_num(r, &k, 2);
    }
  } else if (colon || md) {
    return 0;
  }
  int32_t c = 0;
  if (k < r->n) text_utf8_decode(s + k, r->n - k, &c);
  if (!colon && text_is_letter(c)) return 0; /* "2 học sinh"-like glue */
  if (h > 23 || mi > 59 || sec > 59) return 0;
  date_tm *t = r->t;
  t->h = h, t->mi = mi, t->s = sec, t->has_time = 1, r->i = k;
  /* a minute sign glued to it: "14:55' 18/2/2020", "14:55’" */
  if (k < r->n && s[k] == '\'')
    r->i = k + 1;
  else if (k + 3 <= r->n && memcmp(s + k, "\xe2\x80\x99", 3) == 0)
    r->i = k + 3;
  /* an offset glued to the time: "08:52:44+07:00", "08:52:44-05:00" */
  if (k + 2 < r->n && (s[k] == '+' || s[k] == '-') &&
      ndigits(s, r->n, k + 1) >= 2)
    read_tz(r);
  return 1;
}

/* A loose number: a weekday after "thứ", the parts of "[ngày] d tháng m
** năm y" (or "d tháng m, y"), the day and year around an English month
** name. */
static int read_loose(rd *r, size_t nd) {
  size_t j = r->i;
  if (nd > 4) return 0;
  int v = take_num(r, &j, nd);
  date_tm *t = r->t;
  if (r->thu && v >= 2 && v <= 7) {
  } else if (r->after == 1 && v >= 1 && v <= 31) {
    r->vd = v;
  } else if (r->after == 2 && v >= 1 && v <= 12) {
    r->vm = v;
  } else if (nd == 4 && (r->vd || r->eday) && r->vm && !r->month &&
             (r->after == 3 || r->after == 0)) {
    /* "ngày 18 tháng 9 năm 2025", also without "ngày" or with a comma
    ** for "năm" (WordPress's "18 Tháng 9, 2025") */
    t->y = v, t->mo = r->vm, t->d = r->vd ? r->vd : r->eday;
    r->have_date = 1;
  } else if (r->month && !r->mday && !r->eday && nd <= 2 && v >= 1) {
    r->mday = v; /* "May 20" */
  } else if (r->month && nd == 4 && (r->mday || r->eday)) {
    t->y = v, t->mo = r->month, t->d = r->mday ? r->mday : r->eday;
    r->have_date = 1;
  } else if (!r->month && !r->eday && nd <= 2 && v >= 1 && v <= 31) {
    r->eday = v; /* "20 May": its month name must follow */
  } else {
    return 0;
  }
  r->i = j, r->after = 0;
  return 1;
}

static int read_number(rd *r) {
  size_t nd = ndigits(r->s, r->n, r->i);
  if (read_ymd(r, nd) || read_time(r, nd)) return 1;
  int k = read_dmy(r, nd);
  if (k) return k > 0;
  return read_loose(r, nd);
}

/* ---- words ---- */

static void set_after(rd *r, const char *w) {
  if (strcmp(w, "ngày") == 0)
    r->after = 1;
  else if (strcmp(w, "tháng") == 0)
    r->after = 2;
  else if (strcmp(w, "năm") == 0 && r->vm)
    r->after = 3;
  else
    r->after = 0;
  r->thu = strcmp(w, "thứ") == 0;
}

/* AM/PM (or the Vietnamese SA/CH) after a time; ISO's "Z" (UTC). */
static int am_pm(rd *r, const char *w) {
  if (strcmp(w, "z") == 0 && r->t->has_time) { /* ISO "…T08:52:44Z": UTC */
    r->t->tz_set = 1, r->t->tz = 0;
    return 1;
  }
  int pm = strcmp(w, "pm") == 0 || strcmp(w, "ch") == 0;
  if (!pm && strcmp(w, "am") != 0 && strcmp(w, "sa") != 0) {
    /* the part of the day after a time: "9:41 Sáng", "3:20 Chiều" */
    int day = strcmp(w, "sáng") == 0                               ? 1
              : (strcmp(w, "chiều") == 0 || strcmp(w, "tối") == 0) ? 2
                                                                   : 0;
    if (!day || !r->t->has_time || r->after) return 0;
    pm = day == 2;
  }
  if (r->t->has_time) r->t->h = date_hour24(r->t->h, pm);
  r->clock = 1;
  return 1;
}

int date_label_word(const char *w) {
  return dw_class(w) & DW_LABEL;
}

/* The month a Vietnamese number word names after "tháng" ("Tháng Tám",
** "tháng Giêng", "Tháng Chạp"), else 0; "Mười Một" and "Mười Hai" are
** read as two words (read_month_word). */
static int month_word(const char *w) {
  const char *const *names = month_words;
  if (strcmp(w, "giêng") == 0) return 1;
  if (strcmp(w, "bốn") == 0) return 4;
  if (strcmp(w, "chạp") == 0) return 12;
  for (int k = 0; names[k]; k++)
    if (strcmp(names[k], w) == 0) return k + 1;
  return 0;
}

/* The month word after "tháng" into vm; after "mười" (10) a "một" or
** "hai" makes 11 or 12. */
static int read_month_word(rd *r, const char *w) {
  int m = r->ten || r->after == 2 ? month_word(w) : 0;
  if (r->ten && (m == 1 || m == 2)) {
    r->vm = 10 + m, r->ten = 0;
    return 1;
  }
  if (!m || r->after != 2) return 0;
  r->vm = m, r->after = 0, r->ten = m == 10;
  return 1;
}

static int read_name(rd *r) {
  char w[40];
  if (!read_word(r, w, sizeof w)) return 0;
  if (!dw_class(w)) { /* no test below takes it: refused, as they would */
    r->ten = 0, r->clock = 0;
    return 0;
  }
  if (read_month_word(r, w)) return 1;
  r->ten = 0, r->clock = 0;
  if (am_pm(r, w)) return 1;
  int m = date_month_name(w);
  if (m && !r->month) {
    r->month = m;
    return 1;
  }
  if (date_weekday_name(w)) return 1;
  if (!date_label_word(w)) return 0;
  set_after(r, w);
  if (strcmp(w, "gmt") == 0 || strcmp(w, "utc") == 0) read_tz(r);
  return 1;
}

/* Is the word after the space s[k] a count after its label's colon
** ("Lượt xem: 223")? */
static int count_after(const char *s, size_t k) {
  size_t j = k;
  while (j > 0 && s[j - 1] == ' ') j--;
  return j > 0 && s[j - 1] == ':' && s[k + 1] >= '0' && s[k + 1] <= '9';
}

/*
** After a complete date, may s[i..n) be the line's tail (a counter, a
** section or an office name)? Not after a comma (that is a sentence:
** "Ngày 4/3/2020, UBND tỉnh …"); at most 8 words (a count after its
** label's colon is no word: "Lượt xem: 223 In bài viết Độ tương phản")
** and 80 bytes, starting with a capital or a digit (a letter not glued
** to the date's last digit), with no sentence punctuation or quotes.
*/
static int tail_ok(const rd *r) {
  const char *s = r->s + r->i;
  size_t n = r->n - r->i;
  if (r->sep == ',' || n > 80) return 0;
  int32_t c;
  text_utf8_decode(s, n, &c);
  if (!text_is_upper(c) && !(c >= '0' && c <= '9')) return 0;
  if (r->i > 0 && s[-1] >= '0' && s[-1] <= '9' && text_is_letter(c))
    return 0; /* glued to the date: the headline ("15:24Du lịch …") */
  int words = 1;
  for (size_t k = 0; k < n; k++) {
    if (strchr(".!?\"", s[k]) && s[k]) return 0;
    if (s[k] == ' ' && k + 1 < n && s[k + 1] != ' ' && !count_after(s, k))
      words++;
  }
  return words <= 8 && !memmem(s, n, "\xe2\x80\x9c", 3);
}

static int date_line_at(const char *s, size_t n, date_tm *t) {
  memset(t, 0, sizeof *t);
  rd r = {0};
  r.s = s, r.n = n, r.t = t;
  for (;;) {
    skip_seps(&r);
    if (r.i >= n) break;
    size_t at = r.i;
    char c = s[r.i];
    int ok;
    if (c == '+')
      ok = read_tz(&r);
    else if (c >= '0' && c <= '9')
      ok = read_number(&r);
    else
      ok = read_name(&r);
    if (ok && c >= '0' && c <= '9') r.run = 0;
    /* words after the date may start its tail; a time's AM/PM may not */
    if (ok && !r.run && !(c >= '0' && c <= '9') && r.have_date && !r.clock)
      r.run = at, r.run_sep = r.sep;
    if (!ok) {
      /* the tail may start with a date word ("| Thời sự") */
      if (r.run)
        r.i = r.run, r.sep = r.run_sep;
      else
        r.i = at;
      if (!r.have_date || !tail_ok(&r)) return 0;
      break;
    }
    r.sep = 0;
  }
  return r.have_date && date_valid(t->y, t->mo, t->d) &&
         (!t->has_time || t->h >= 0);
}

/* The length of a list bullet and its spaces at the start of s ("  • ",
** "● ", "▪ ", "◦ ", "· "), 0 when there is none. */
static size_t bullet(const char *s, size_t n) {
  size_t i = 0;
  while (i < n && s[i] == ' ') i++;
  size_t k = text_bullet(s + i, n - i);
  if (!k || i + k >= n || s[i + k] != ' ') return 0;
  for (i += k; i < n && s[i] == ' ';) i++;
  return i;
}

/* The length of a section name before a date that opens the rest of the
** line ("Chính trị 28-05-2024", "Thời sự 20/03/2023 13:00", "Thời sự,
** Chính trị | 10:47:07 15/12/2016", "Thời sự - 20/11/2021 17:10"): up
** to three names of one to three words of letters, joined by ", " or "
** | ", the first capitalised, at most 50 bytes, then a space (or " | ",
** " - ") and a digit, and after it no words but a time's (at most six
** ASCII letters: "PM", "GMT"). 0 when there is none. */
static size_t section_before(const char *s, size_t n) {
  size_t i = 0, words = 0, names = 1;
  int32_t cp;
  if (!n || !text_is_upper((text_decode(s, n, &cp), cp))) return 0;
  while (i < n && i <= 50) {
    size_t w = i;
    while (i < n && s[i] != ' ' && s[i] != ',' && s[i] != ':') {
      int k = text_decode(s + i, n - i, &cp);
      if (!text_is_letter(cp)) return 0;
      i += (size_t)k;
    }
    if (i == w || ++words > 3 || i >= n) return 0;
    /* a label and its colon right before the date ("Video: 06/06/2020") */
    if (s[i] == ':' && names == 1 && i + 2 < n && s[i + 1] == ' ' &&
        s[i + 2] >= '0' && s[i + 2] <= '9') {
      i += 2;
      break;
    }
    if (s[i] == ':') return 0;
    int next = s[i] == ',';
    if (next) i++;
    /* " | " between names; " | " or " - " before the date */
    if (!next && i + 3 < n && (s[i + 1] == '|' || s[i + 1] == '-') &&
        s[i + 2] == ' ') {
      int date = s[i + 3] >= '0' && s[i + 3] <= '9';
      if (s[i + 1] == '-' && !date) return 0;
      i += 2, next = !date;
    }
    if (next) { /* another section name begins */
      words = 0;
      if (++names > 3) return 0;
    }
    if (i >= n || s[i] != ' ') return 0;
    i++; /* the space */
    if (i < n && s[i] >= '0' && s[i] <= '9') break;
  }
  if (i > 51 || i >= n) return 0;
  /* only the date and a time after it ("… 13:00 PM", "GMT+7"): a section
  ** name before a date with words after it is a headline ("Giá vàng
  ** ngày 7/2/2017: Diễn biến khó lường") */
  size_t letters = 0;
  for (size_t k = i; k < n; k++) {
    if ((unsigned char)s[k] >= 0x80) return 0;
    letters += (size_t)((unsigned)(((unsigned char)s[k] | 0x20) - 'a') < 26u);
  }
  return letters <= 6 ? i : 0;
}

/* The length of a section name and a dash or bar before a labelled date
** ("Tin tức - Ngày đăng : 05:42, 21/09/2022", "Tin tức | Cập nhật lúc
** …"): one to three words of letters, the first capitalised, at most 30
** bytes, then " - ", " – " or " | " and a letter. 0 when there is none. */
static size_t section_dash(const char *s, size_t n) {
  size_t i = 0, words = 0;
  int32_t cp;
  if (!n || !text_is_upper((text_decode(s, n, &cp), cp))) return 0;
  while (i < n && i <= 30) {
    size_t w = i;
    while (i < n && s[i] != ' ') {
      int k = text_decode(s + i, n - i, &cp);
      if (!text_is_letter(cp)) return 0;
      i += (size_t)k;
    }
    if (i == w || ++words > 3 || i + 1 >= n) return 0;
    size_t d = s[i + 1] == '-' || s[i + 1] == '|'                       ? 1
               : n - i > 4 && memcmp(s + i + 1, "\xe2\x80\x93", 3) == 0 ? 3
                                                                        : 0;
    if (d && i + 1 + d < n && s[i + 1 + d] == ' ') {
      i += 2 + d;
      return i < n && text_is_letter((text_decode(s + i, n - i, &cp), cp)) ? i
                                                                           : 0;
    }
    i++; /* the space between words */
  }
  return 0;
}

/* Is the lower-case word w one a date line may hold? */
static int stamp_word(const char *w) {
  return dw_class(w) &&
         (date_month_name(w) || date_weekday_name(w) || date_label_word(w) ||
          !strcmp(w, "am") || !strcmp(w, "pm") || !strcmp(w, "sa") ||
          !strcmp(w, "ch"));
}

int date_stamp_words(const char *s, size_t n) {
  date_tm t;
  rd r = {.s = s, .n = n, .t = &t};
  int words = 0;
  if (n > 60) return 0;
  while (r.i < n) {
    int32_t c;
    int k = text_utf8_decode(s + r.i, n - r.i, &c);
    char w[40];
    if (!text_is_letter(c))
      r.i += (size_t)(k > 0 ? k : 1);
    else if (!read_word(&r, w, sizeof w) || !stamp_word(w))
      return 0;
    else
      words++;
  }
  return words > 0;
}

/* A line that is a date alone with spaces for separators, day, month,
** four-digit year ("21 09 2025"): a stamp some portals print. */
static int spaced_dmy(const char *s, size_t n, date_tm *t) {
  int v[3] = {0, 0, 0};
  size_t i = 0;
  for (int k = 0; k < 3; k++) {
    size_t d = 0;
    while (i < n && s[i] >= '0' && s[i] <= '9' && d < 5)
      v[k] = v[k] * 10 + (s[i++] - '0'), d++;
    if (!(k < 2 ? d >= 1 && d <= 2 : d == 4)) return 0;
    if (k < 2 && (i >= n || s[i++] != ' ')) return 0;
  }
  if (i != n || !date_valid(v[2], v[1], v[0])) return 0;
  memset(t, 0, sizeof *t);
  t->y = v[2], t->mo = v[1], t->d = v[0];
  return 1;
}

/* Drupal's stamp: a user name of one word, "gửi vào", a date line
** ("quantri gửi vào T3, 2018-01-09 14:22"); the label looked for in the
** first 48 bytes. */
static int user_stamp(const char *s, size_t n, date_tm *t) {
  static const char label[] = " gửi vào ";
  const size_t k = sizeof label - 1;
  size_t lim = n < 48 ? n : 48; /* "g" and "ử"'s last byte, or no label */
  if (!memchr(s, 'g', lim) || !memchr(s, '\xad', lim)) return 0;
  const char *g = memmem(s, lim, label, k);
  if (!g || g == s || memchr(s, ' ', (size_t)(g - s))) return 0;
  return date_line_at(g + k, n - (size_t)(g + k - s), t);
}

/* Where a four-digit year runs on into a time in s[0..n) ("27 Tháng Bảy
** 201520:23", "27/07/201520:23": 19xx or 20xx, then h:mm or hh:mm),
** the position after the year; else 0. */
static size_t glued_year(const char *s, size_t n) {
  const char *c = memchr(s, ':', n);
  if (!c) return 0;
  size_t k = (size_t)(c - s), d = 0;
  while (d < k && d < 7 && s[k - 1 - d] >= '0' && s[k - 1 - d] <= '9') d++;
  if (d < 5 || d > 6) return 0; /* seven digits: no year and time */
  const char *y = s + k - d;
  int year = (y[0] - '0') * 10 + (y[1] - '0');
  return (year == 19 || year == 20) && k + 2 < n && s[k + 1] >= '0' &&
                 s[k + 1] <= '9'
             ? k - d + 4
             : 0;
}

static int date_line_plain(const char *s, size_t n, date_tm *t);

/* Does s[0..n) hold an ASCII digit? Without one no date is read: the
** date comes from numbers only (read_number, spaced_dmy), and a line
** that fails leaves *t zeroed (date_line_at's memset, nothing after). */
static int has_digit(const char *s, size_t n) {
  return bs_first_digit(s, n) < n;
}

int date_line(const char *s, size_t n, date_tm *t) {
  if (n > 160) return 0;
  if (!has_digit(s, n)) { /* every reading needs a number: as they end */
    memset(t, 0, sizeof *t);
    return 0;
  }
  if (date_line_plain(s, n, t)) return 1;
  size_t g = glued_year(s, n);
  if (!g) return 0;
  char b[161]; /* the line with a space between the year and the time */
  memcpy(b, s, g), b[g] = ' ', memcpy(b + g + 1, s + g, n - g);
  return date_line_plain(b, n + 1, t);
}

/* date_line without glued_year's repair */
static int date_line_plain(const char *s, size_t n, date_tm *t) {
  size_t b = bullet(s, n); /* "  • Cập nhật: 19/11/2020" */
  s += b, n -= b;
  if (date_line_at(s, n, t) || spaced_dmy(s, n, t) || user_stamp(s, n, t))
    return 1;
  /* the first ", ngày " when it starts within 40 bytes: in the first 48 */
  size_t lim = n < 48 ? n : 48;
  const char *c = memchr(s, ',', lim) ? memmem(s, lim, ", ngày ", 8) : NULL;
  if (c && c - s <= 40) {
    for (const char *q = s; q < c; q++)
      if (*q >= '0' && *q <= '9') return 0;
    return date_line_at(c + 2, n - (size_t)(c + 2 - s), t);
  }
  size_t k = section_before(s, n); /* "Chính trị 28-05-2024" */
  if (k) return date_line_at(s + k, n - k, t);
  /* "Tin tức - Ngày đăng : 05:42, 21/09/2022"; but "Đèn giao thông -
  ** Ngày 10/9/2021" is a headline: a label of more than "Ngày" */
  k = section_dash(s, n);
  if (!k || (n - k > 9 && memcmp(s + k, "Ngày ", 6) == 0 && s[k + 6] >= '0' &&
             s[k + 6] <= '9'))
    return 0;
  return date_line_at(s + k, n - k, t);
}

size_t date_tail_stamp(const char *s, size_t n, date_tm *t) {
  size_t lim = n > 80 ? n - 80 : 0;
  /* the spaces of s[lim + 1..n), last first (memrchr) */
  for (size_t e = n; e > lim + 1;) {
    const char *sp = memrchr(s + lim + 1, ' ', e - lim - 1);
    if (!sp) return 0;
    size_t i = (size_t)(sp - s);
    e = i;
    if (s[i - 1] != '.' && s[i - 1] != '!' && s[i - 1] != '?') continue;
    /* the last sentence end: a stamp with a time after it, or nothing */
    if (date_line(s + i + 1, n - i - 1, t) && t->has_time && t->y) return i + 1;
    return 0;
  }
  return 0;
}

/* The length of digits s[0..n) opens with, at most max of them. */
static size_t digits_max(const char *s, size_t n, size_t max) {
  size_t i = 0;
  while (i < n && i < max && s[i] >= '0' && s[i] <= '9') i++;
  return i < n && i == max && s[i] >= '0' && s[i] <= '9' ? 0 : i;
}

size_t date_clock_prefix(const char *s, size_t n) {
  size_t h = digits_max(s, n, 2);
  if (!h || h >= n || s[h] != ':' || digits_max(s + h + 1, n - h - 1, 2) != 2)
    return 0;
  size_t i = h + 3;
  if (i + 2 < n && s[i] == ':' && digits_max(s + i + 1, n - i - 1, 2) == 2)
    i += 3;
  return i;
}

size_t date_dmy_prefix(const char *s, size_t n, int year_opt) {
  size_t d = digits_max(s, n, 2), i = d;
  if (!d || i >= n || !s[i] || !strchr("/-.", s[i])) return 0;
  char sep = s[i++];
  size_t m = digits_max(s + i, n - i, 2);
  if (!m) return 0;
  i += m;
  if (i + 1 < n && s[i] == sep && digits_max(s + i + 1, n - i - 1, 4) == 4)
    return i + 5;
  return year_opt && !(i < n && (s[i] == sep || (s[i] >= '0' && s[i] <= '9')))
             ? i
             : 0;
}

size_t date_iso_prefix(const char *s, size_t n, date_tm *t) {
  memset(t, 0, sizeof *t);
  if (n < 10 || ndigits(s, n, 0) != 4 || s[4] != '-' || ndigits(s, n, 5) != 2 ||
      s[7] != '-' || ndigits(s, n, 8) != 2)
    return 0;
  t->y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 +
         (s[3] - '0');
  t->mo = (s[5] - '0') * 10 + (s[6] - '0');
  t->d = (s[8] - '0') * 10 + (s[9] - '0');
  return date_valid(t->y, t->mo, t->d) ? 10 : 0;
}

void date_format(const date_tm *t, char *out, size_t cap) {
  if (!t->has_time) {
    snprintf(out, cap, "%04d-%02d-%02d", t->y, t->mo, t->d);
    return;
  }
  int tz = t->tz_set ? t->tz : 7 * 60;
  int a = tz < 0 ? -tz : tz;
  snprintf(out, cap, "%04d-%02d-%02dT%02d:%02d:%02d%c%02d:%02d", t->y, t->mo,
           t->d, t->h, t->mi, t->s, tz < 0 ? '-' : '+', a / 60, a % 60);
}
