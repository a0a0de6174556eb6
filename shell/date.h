/*
** date.h — the one date core: calendar validation, 12h -> 24h clock,
** month and weekday names, and the date-line reader the parser uses for
** lines such as "Thứ Bảy, 26/01/2019 19:26" or "2020-05-20 08:52:44 0
** Bình luận". Pure C, no state, thread-safe.
*/
#ifndef TINSH_DATE_H
#define TINSH_DATE_H

#include <stddef.h>

typedef struct date_tm {
  int y, mo, d;         /* the date (all set when a reader succeeds) */
  int h, mi, s;         /* the time when has_time */
  int has_time, tz_set; /* flags */
  int tz;               /* offset east of UTC in minutes when tz_set */
} date_tm;

/* Days in month m (1..12) of year y (Gregorian leap years). */

/* Is y-m-d a real calendar day with 1900 <= y <= 2100? (31/02: no) */
int date_valid(int y, int m, int d);

/* The 24-hour hour of a 12-hour clock reading h with AM (pm = 0) or PM
** (pm = 1): 12 AM = 0, 12 PM = 12, 1 PM = 13. An hour already past 12
** ("13:00 PM") is kept. Returns -1 for an hour outside 0..23. */
int date_hour24(int h, int pm);

/* Month number 1..12 of an English month name or abbreviation given in
** lower case ("may", "sept", "december"), or 0. */
int date_month_name(const char *w);
/* Is the lower-case word w a date line's label word (data/parser-markers
** .tsv, kind "date-word": "cập", "nhật", "gmt", "năm", …)? */
int date_label_word(const char *w);

/* 1 (Monday) .. 7 (Sunday) for an English weekday name or abbreviation
** in lower case ("wednesday", "wed"), or 0. */
int date_weekday_name(const char *w);

/*
** Is s[0..n) a date line? Fills *t and returns 1 when the line holds a
** complete valid date and otherwise only what surrounds a date on a
** news page: weekday names (Vietnamese or English), labels ("Cập nhật",
** "Ngày đăng", "Đăng lúc", "Print", "Posted on"), a time before or after
** (hh:mm[:ss], 15h30, with AM/PM or SA/CH), a GMT/UTC offset, and, after
** the date, a short tail that is no sentence (a counter "0 Bình luận",
** "Lượt xem: 177", a section or office name after "|"). Date forms:
** d/m/yyyy with "/", "-" or "."; yyyy-mm-dd (optionally with "T" and a
** time); "ngày d tháng m năm yyyy"; "May 20, 2020" and "20 May 2020".
** Also reads "<Place>, ngày d tháng m năm yyyy". Lines over 160 bytes
** are no date lines.
*/
int date_line(const char *s, size_t n, date_tm *t);

/*
** A date stamp closing a paragraph ("… cả nước. 04:30 GMT+7, Thứ Ba,
** 27/9/2022"): after the last ". " ("!", "?") of the last 80 bytes, a
** date line with a time. Returns where the stamp starts (*t filled), or
** 0 when the paragraph ends otherwise.
*/
size_t date_tail_stamp(const char *s, size_t n, date_tm *t);

/*
** Is s[0..n) a date line's words with no date: at most 60 bytes, at
** least one word, every word a date line's label, weekday, month or
** AM/PM ("Cập nhật:  GMT+7", "Ngày đăng:", "Thứ Hai"), digits and
** punctuation between them (a template whose date field came out empty)?
*/
int date_stamp_words(const char *s, size_t n);

/* Length of a clock time "9:30", "09:21", "14:47:05" at the start of s,
** or 0. */
size_t date_clock_prefix(const char *s, size_t n);

/* Length of a numeric date "19/06/2023", "20-7-2025", "20.07.2025" (or,
** with year_opt, "10/05") at the start of s, not followed by more
** digits of its last part, or 0. The shape only: date_line reads it. */
size_t date_dmy_prefix(const char *s, size_t n, int year_opt);

/* Length of a leading "yyyy-mm-dd" (valid) in s, filling *t, or 0. */
size_t date_iso_prefix(const char *s, size_t n, date_tm *t);

/* ISO 8601: "2019-01-26" without a time, else "2019-01-26T19:26:00+07:00"
** (+07:00, Vietnam's time, when the line named no offset). */
void date_format(const date_tm *t, char *out, size_t cap);

#endif
