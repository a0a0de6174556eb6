/*
** extract_num.c — figures: a number with its unit, multiplier, ratio,
** qualifier and subject ("Dịch vụ chiếm 57,7%", "gần 5.000 tỷ đồng",
** "21.923/23.394 hồ sơ", "tăng 31% so với cùng kỳ").
**
** A number is a figure only when a unit follows it: '%', a multiplier
** (nghìn, triệu, tỷ), a unit of data/units.txt, or a lowercase noun that
** is neither a function word nor a "stop" entry of units.txt (time words,
** slogan nouns). Dates, years, document numbers and periods are consumed
** earlier by extract_refs.c (x->used); numbers glued to words ("Covid-19",
** "km3+4"), after an ordinal or date word ("lần thứ 2", "năm 2023") or
** after a capitalised word ("Bến 1", "Đề án 25") are names, not figures.
*/
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "extract_num_int.h"
#include "segment.h" /* SEG_MAX_SYL */

/* a figure keeps its whole sentence up to this many bytes, else a window */
#define FIGURE_CONTEXT_MAX 480
/* Figures kept of one document: the 35k news sample's most is 110; a
** page of "5% 5% 5% …" would otherwise make some 600 bytes of figure (its
** sentence) out of every 3 bytes of text. */
#define FIGURES_MAX 20000

/* Number words and their values ("triệu" = 1e6): data/multipliers.tsv,
** the first MULT_MAX, values parsed once by extract_num_init. A value
** followed by "numeral" ("vạn<TAB>1e4 numeral") marks a word that is part
** of the number ("3 vạn thợ mỏ" counts 30000 "thợ mỏ"); the others are
** scales that stay in the unit ("5 triệu đồng"). */
#define MULT_MAX 16
static struct {
  const char *w;
  double m;
  int numeral;
  uint32_t h; /* lexicon_word_hash of w: a token of another hash is not w */
} multipliers[MULT_MAX + 1];
static uint64_t mult_mask; /* bit (h & 63) of every multiplier's hash */

/* Bit (h >> 20) & 4095 of the hash h in a 4096-bit filter. */
static void filter_add(uint64_t bits[64], uint32_t h) {
  bits[h >> 26] |= 1ull << (h >> 20 & 63);
}
static inline int filter_has(const uint64_t bits[64], uint32_t h) {
  return bits[h >> 26] >> (h >> 20 & 63) & 1;
}

/* A word list and the filter of its words' hashes (the keys xt_in
** probes): a token whose hash has no bit is none of its words. */
typedef struct wlist {
  xwords ws;
  uint64_t bits[64];
} wlist;

/* A phrase list and the filter of its phrases' first-word hashes, the
** word counts its phrases have (bit w, 1 to 4) and `always`: a phrase
** that any token may start (first hash 0) or of more words. */
typedef struct plist {
  xphrases ph;
  uint64_t bits[64];
  unsigned lens;
  int always;
} plist;

/* word lists from data/ (lexicon.h), set up by extract_num_init */
/* data/number-after-ok.txt: "phân khối" (a number after it counts) */
static plist ph_number_ok;
static wlist ws_not_unit, ws_not_after, ws_qualifiers, ws_unit_prefixes;
/* not-after-word.txt: "số" (a label follows), "~trong số" (a figure) */
static plist label_words, label_not;

/* Load list `list` (LEX_*) into l and fill its filter. */
static void wlist_load(wlist *l, int list) {
  xwords_load(&l->ws, list, 0);
  for (size_t m = 0; m < 512; m++)
    if (l->ws.keys[m]) filter_add(l->bits, l->ws.keys[m]);
}

/* Fill the filter of l, its phrases set. */
static void plist_index(plist *l) {
  for (int m = 0; l->ph.p && l->ph.p[m] && m < XT_PHRASES_MAX; m++) {
    unsigned w = l->ph.words[m];
    if (!l->ph.first[m] || w == 0 || w > 4)
      l->always = 1;
    else
      filter_add(l->bits, l->ph.first[m]), l->lens |= 1u << w;
  }
}

/* Point l at the list and index it. */
static void plist_set(plist *l, const char *const *list) {
  xt_phrases_set(&l->ph, list);
  plist_index(l);
}

/* xt_in(x, i, &l->ws): no call for a word whose hash has no bit. */
static inline int in_list(const xsent *x, size_t i, const wlist *l) {
  return i < x->n && filter_has(l->bits, x->t[i].h) && xt_in(x, i, &l->ws);
}

/* xt_phrase_before(x, i, &l->ph, ci): asked only when a token that would
** start a phrase of one of its word counts has a first word's bit (a
** phrase of w words matches only with the hash of its first word at
** token i - w). */
static inline size_t phrase_before(const xsent *x, size_t i, const plist *l,
                                   int ci) {
  int may = l->always;
  for (unsigned m = l->lens; m && !may; m &= m - 1) { /* its word counts */
    unsigned w = (unsigned)__builtin_ctz(m);
    if (w > i) break; /* and the larger ones */
    may = filter_has(l->bits, x->t[i - w].h);
  }
  return may ? xt_phrase_before(x, i, &l->ph, ci) : 0;
}

/* The value of the multiplier word at token i (0: none); *numeral is
** cleared when it is a scale word, not part of the number. */
static double multiplier_at(const xsent *x, size_t i, int *numeral) {
  if (i >= x->n || x->t[i].type != T_WORD || (x->t[i].flags & TF_UPPER))
    return 0;
  uint32_t h = x->t[i].h;
  if (!(mult_mask >> (h & 63) & 1)) return 0; /* no multiplier's hash */
  for (int k = 0; multipliers[k].w; k++)
    if (multipliers[k].h == h && xt_is(x, i, multipliers[k].w)) {
      if (!multipliers[k].numeral) *numeral = 0;
      return multipliers[k].m;
    }
  return 0;
}

/*
** The syllables of the word the segmenter finds at token j (1 when it
** finds none longer), counting only words written apart whose flags have
** none of `deny` (lowercase words: TF_UPPER | TF_CAPS | TF_DIGITS): "41
** đồng chí" is a count of "đồng chí", not 41 "đồng" (money).
*/
static int word_at(const xsent *x, size_t j, unsigned deny) {
  size_t e = j;
  while (e < x->n && e - j < SEG_MAX_SYL && x->t[e].type == T_WORD &&
         !(x->t[e].flags & deny) && (e == j || (x->t[e].flags & TF_SPACE)))
    e++;
  return e - j < 2 ? 1 : xnum_first_word(x, j, e);
}

/* word_at(x, j, deny) when its run of words is longer than k tokens;
** else 0 without asking the segmenter (its word, inside the run, has k
** syllables at most then). */
static int word_over(const xsent *x, size_t j, unsigned deny, int k) {
  size_t e = j;
  while (e < x->n && e - j < SEG_MAX_SYL && x->t[e].type == T_WORD &&
         !(x->t[e].flags & deny) && (e == j || (x->t[e].flags & TF_SPACE)))
    e++;
  if (e - j <= (size_t)k) return 0;
  return e - j < 2 ? 1 : xnum_first_word(x, j, e);
}

/* The classes of units.txt that figure_at tells apart (UK_OTHER: any
** other, or none). */
enum { UK_OTHER, UK_MONEY, UK_COUNT, UK_STOP, UK_DURATION, UK_MEASURE };

/* The class of units.txt entry e (NULL: UK_OTHER), its name compared
** once, after its first letter. */
static int unit_class(const lex_entry *e) {
  static const struct {
    const char *name;
    int c;
  } classes[] = {{"money", UK_MONEY},
                 {"count", UK_COUNT},
                 {"stop", UK_STOP},
                 {"duration", UK_DURATION},
                 {"measure", UK_MEASURE}};
  if (!e || !e->kind) return UK_OTHER;
  for (size_t k = 0; k < sizeof classes / sizeof *classes; k++)
    if (e->kind[0] == classes[k].name[0] &&
        strcmp(e->kind, classes[k].name) == 0)
      return classes[k].c;
  return UK_OTHER;
}

/*
** A title-cased noun after a multiplier ("3 vạn Thợ Mỏ"): its syllable
** count when the segmenter reads 2+ title-cased syllables as one word, else
** 0. A single capitalised word there stays a name.
*/
static int titled_unit(const xsent *x, size_t j) {
  const tok *t = &x->t[j];
  if ((t->flags & (TF_CAPS | TF_DIGITS)) || !(t->flags & TF_UPPER)) return 0;
  int w = word_at(x, j, TF_CAPS | TF_DIGITS);
  for (int k = 1; k < w; k++)
    if (!(x->t[j + (size_t)k].flags & TF_UPPER)) return 0;
  return w >= 2 ? w : 0;
}

/*
** After a bound prefix of unit-prefixes.txt at token j - 1 ("tân", "cựu"):
** the syllables of the word it prefixes at j, written apart, lower or
** title case ("1.077 tân thạc sĩ", "20 cựu Tổng thống"), not a word of
** not-unit.txt ("3 cựu và 2 tân binh"); else 0.
*/
static int prefixed_word(const xsent *x, size_t j) {
  if (!in_list(x, j - 1, &ws_unit_prefixes) || j >= x->n ||
      x->t[j].type != T_WORD || !(x->t[j].flags & TF_SPACE) ||
      in_list(x, j, &ws_not_unit))
    return 0;
  return word_at(x, j, TF_CAPS | TF_DIGITS);
}

/*
** Unit at token j: '%' or a units.txt phrase (longest) or one lowercase
** noun (a word of the segmenter: one or more syllables); a word of the
** segmenter longer than a count or money unit wins ("đồng chí" over
** "đồng", "người dân" over "người"). After a multiplier (mult) a
** title-cased compound is a unit too. Returns the token count (0: no
** unit, -1: a stop word); *duration is set when the units.txt class is
** "duration", *whole when it is of class "count" (whole things: no
** fraction of "lượt xem" or "người"; a plain noun may be a measure).
*/
static int unit_at(const xsent *x, size_t j, int mult, int *duration,
                   int *whole) {
  *duration = *whole = 0;
  if (j >= x->n) return 0;
  const tok *t = &x->t[j];
  if (t->type == T_PUNCT) return t->cp == '%' ? 1 : 0;
  if (t->type != T_WORD) return 0;
  const lex_entry *e = NULL;
  int k = xnum_unit_lookup(x, j, &e);
  unsigned lower = TF_UPPER | TF_CAPS | TF_DIGITS;
  if (k) { /* the segmenter is asked only when its word can win */
    int c = unit_class(e);
    if (c == UK_MONEY || c == UK_COUNT) {
      int w = word_over(x, j, lower, k);
      if (w > k) /* "đồng chí", "đồng bào": a noun, not money */
        return *whole = c == UK_COUNT, w; /* "lượt xem" */
    }
    if (c == UK_STOP) return -1;
    *duration = c == UK_DURATION;
    *whole = c == UK_COUNT;
    return k;
  }
  int tw = mult ? titled_unit(x, j) : 0;
  if (tw > 0) return tw;
  if (t->flags & lower) return 0;
  if (in_list(x, j, &ws_not_unit)) return 0;
  int w = word_at(x, j, lower);
  return w == 1 ? w + prefixed_word(x, j + 1) : w;
}

/* Does a place of the gazetteer end with token k, starting one to three
** tokens before it ("Ấn Độ", "Bà Rịa - Vũng Tàu")? */
static int ends_place(const xsent *x, size_t k) {
  for (size_t a = k; a > 0 && k - a < 3; a--)
    if (xt_lookup(x, a - 1, &x->x->lx->places, NULL) == (int)(k + 2 - a))
      return 1;
  return 0;
}

/* Is token k a qualifier of the figure after it? Not when a capitalised
** one ends a place's name ("Ấn Độ 42 tuổi", "Ấn Độ giảm 21%": "độ",
** "about", qualifies figures in running text only); a capitalised one
** after another name stays a qualifier (a sentence glued to a byline:
** "Ảnh: Huy Thư Khoảng 8000 suất cơm"). */
static inline __attribute__((always_inline)) int qualifier_at(const xsent *x,
                                                              size_t k) {
  return in_list(x, k, &ws_qualifiers) &&
         !(k > 0 && xt_title_cased(x, k) && xt_title_cased(x, k - 1) &&
           ends_place(x, k));
}

/*
** May the number at token i follow the capitalised word before it? Only
** when that word ends a name of two or more words ("Nguyễn Văn Nam 42
** tuổi", "Ấn Độ 42 tuổi", "Galaxy S8 Plus 6 GB") and a unit of units.txt
** that measures, counts or prices (or '%') follows, after any multiplier:
** a single capitalised word before a number names a thing ("Bến 1",
** "Đề án 25", "Xuân 2018"), and so does a name before a bare number or a
** duration ("Nghị định 71 năm 2010"), or before a year.
*/
static int after_name_ok(const xsent *x, size_t i) {
  if (i < 2 || !xt_title_cased(x, i - 1) || !xt_title_cased(x, i - 2) ||
      xt_year(x, i))
    return 0; /* "Suzuki Wagon R 2017 bản": the model's year */
  size_t j = i + 1;
  int numeral = 1;
  while (multiplier_at(x, j, &numeral) != 0) j++;
  if (xt_punct(x, j, '%')) return 1;
  const lex_entry *e = NULL;
  if (j >= x->n || x->t[j].type != T_WORD || !xnum_unit_lookup(x, j, &e))
    return 0;
  int c = unit_class(e);
  return c == UK_MEASURE || c == UK_MONEY || c == UK_COUNT;
}

/* Is token k the "x" of a dimension ("159 x 74 x 8 mm"): a lone "x", "X"
** or "×" with a number after it? */
static int dimension_x(const xsent *x, size_t k) {
  if (k + 1 >= x->n || x->t[k + 1].type != T_NUM) return 0;
  if (xt_punct(x, k, 0xD7)) return 1;
  return x->t[k].type == T_WORD && x->t[k].len == 1 &&
         (x->s[x->t[k].off] == 'x' || x->s[x->t[k].off] == 'X');
}

/* The token after the last number of the dimension that continues at
** token k ("x 74 x 8" -> the token after "8"); k when none does. */
static size_t dimension_end(const xsent *x, size_t k) {
  while (dimension_x(x, k)) k += 2;
  return k;
}

/*
** The bytes of token k before a capital glued to a lower-case word
** ("điểmMan City", "tuổiBrian", "điểmHà Nội": a paragraph break lost in
** the scrape): the word before it is a Vietnamese syllable of two letters
** or more and a lower-case letter follows the capital. 0 when k is no
** such token ("kWh", "mmHg", "smartTV" are units or names as written).
*/
static size_t glued_cut(const xsent *x, size_t k) {
  const tok *t = &x->t[k];
  if (t->type != T_WORD || (t->flags & (TF_UPPER | TF_DIGITS))) return 0;
  const char *s = x->s + t->off;
  size_t n = t->len, i = 0;
  for (int letters = 0; i < n; letters++) {
    int32_t cp, c2 = 0;
    int len = text_decode(s + i, n - i, &cp);
    if (text_is_upper(cp)) {
      if (i + (size_t)len < n) text_decode(s + i + len, n - i - len, &c2);
      return letters >= 2 && text_viet_shaped(s, i) && c2 &&
                     !text_is_upper(c2) && (text_class(c2) & TEXT_LETTER)
                 ? i
                 : 0;
    }
    i += (size_t)len;
  }
  return 0;
}

/* The text from token a to byte `cut` of token k (a <= k), into the
** document. */
static char *glued_span(xsent *x, size_t a, size_t k, size_t cut) {
  const char *s = x->s + x->t[a].off;
  return doc_str(x->d, s, x->t[k].off + cut - x->t[a].off);
}

/* A number of whole things written with a comma before its last three
** digits, the English way ("2,568 lượt xem"; not "0,107"): the comma
** groups thousands there, since a count has no fraction. */
static int english_thousands(const char *s, size_t n) {
  const char *c = memchr(s, ',', n);
  return c && c > s && s[0] != '0' && n - (size_t)(c - s) == 4 &&
         !memchr(c + 1, ',', 3) && !memchr(s, '.', n);
}

/* The byte offset in x->s of the first opening quote “ among the tokens
** of the sentence extract_figures scans (SIZE_MAX - 1: none), or
** QUOTE_UNKNOWN until first_quote_off asks (reset for each sentence). */
#define QUOTE_UNKNOWN SIZE_MAX
static _Thread_local size_t first_quote;

/* first_quote, found when unknown: the bytes of “ (E2 80 9C, a token of
** that code point starts with them) between the first token's start and
** the last token's end. */
static size_t first_quote_off(const xsent *x) {
  if (first_quote != QUOTE_UNKNOWN) return first_quote;
  size_t at = x->t[0].off, end = xt_end(x, x->n);
  const char *s = x->s, *p;
  first_quote = SIZE_MAX - 1; /* none */
  while (at < end && (p = memchr(s + at, 0xE2, end - at)) != NULL) {
    at = (size_t)(p - s);
    if (end - at >= 3 && p[1] == '\x80' && p[2] == '\x9C') {
      first_quote = at;
      break;
    }
    at++;
  }
  return first_quote;
}

/* The “…” quote around token i has at most 8 words: a slogan or name.
** Looks at most 9 words each way, so the check is O(1) per figure. */
static int short_quote_walk(const xsent *x, size_t i) {
  size_t a = i, b = i;
  int words = 0;
  while (a > 0 && !xt_punct(x, a - 1, 0x201C)) {
    if (xt_punct(x, a - 1, 0x201D)) return 0;
    if (x->t[a - 1].type != T_PUNCT && ++words > 8) return 0;
    a--;
  }
  if (a == 0) return 0;
  while (b < x->n && !xt_punct(x, b, 0x201D)) {
    if (xt_punct(x, b, 0x201C)) return 0;
    if (x->t[b].type != T_PUNCT && ++words > 8) return 0;
    b++;
  }
  return b < x->n;
}

/* short_quote_walk, none when no “ comes before token i (first_quote_off):
** the walk back would find none. */
static inline __attribute__((always_inline)) int in_short_quote(const xsent *x,
                                                                size_t i) {
  if (first_quote_off(x) >= x->t[i].off) return 0;
  return short_quote_walk(x, i);
}

/* Extend a unit with "/người/năm" parts glued by '/', each the
** segmenter's word after it when the lexicon has it ("đồng/cổ phiếu", not
** "đồng/cổ"; "USD/ounce và" stops at "ounce"). */
static size_t compound_unit(const xsent *x, size_t j) {
  while (j + 1 < x->n && xt_punct(x, j, '/') && !(x->t[j].flags & TF_SPACE) &&
         x->t[j + 1].type == T_WORD && !(x->t[j + 1].flags & TF_SPACE) &&
         !(x->t[j + 1].flags & TF_UPPER)) {
    size_t k = xnum_word_len(x, j + 1, x->n);
    if (k > 1 && !xnum_lex_word(x, j + 1, j + 1 + k)) k = 1;
    j += 1 + k;
  }
  return j;
}

/*
** "5 tỷ 992 triệu đồng", "2 triệu 500 nghìn": after a number and its
** scale word (mult, tokens ms..us), a whole number below the ratio of
** the scales and a smaller scale word make one amount, counted in the
** smaller scale (5992 triệu). Updates *value and *mult and returns the
** token after the second scale word, with *ms2 at it; 0 when there is
** no such second part.
*/
static size_t second_amount(const xsent *x, size_t us, double *value,
                            double *mult, size_t *ms2) {
  if (us + 1 >= x->n || x->t[us].type != T_NUM || !(x->t[us].flags & TF_SPACE))
    return 0;
  int numeral = 1;
  double m2 = multiplier_at(x, us + 1, &numeral);
  double v2 = xt_number(x->s + x->t[us].off, x->t[us].len);
  if (m2 <= 1 || numeral || m2 >= *mult || v2 != (double)(long long)v2 ||
      v2 >= *mult / m2)
    return 0;
  *value = *value * (*mult / m2) + v2;
  *mult = m2, *ms2 = us + 1;
  return us + 2;
}

/* Is NUM token i the end of a range glued by a dash ("7,5-8%", "40-50
** tấn")? Its start is a number standing alone before the dash, below
** the end (a range goes up: "lễ 30-4 năm nay" is a date), neither one
** a year ("2018-2023"), not after a day's word ("ngày 2-7", "sáng
** 19-5": a date) nor a day and month before "năm nay", "năm ngoái" or
** a year ("dịp 2-9 năm nay"); a date "7-17/3" is refused later, by what
** follows the end, and a score "3-0 Điểm tin" by its unit, which must
** be in lower case (range_unit). */
static int range_end(const xsent *x, size_t i) {
  static const char *const day[] = {"ngày", "sáng", "trưa", "chiều",
                                    "tối",  "đêm",  NULL};
  if (i < 2 || x->t[i - 1].type != T_PUNCT || (x->t[i - 1].flags & TF_SPACE) ||
      (x->t[i - 1].cp != '-' && x->t[i - 1].cp != 0x2013))
    return 0;
  if (x->t[i - 2].type != T_NUM || !(x->t[i - 2].flags & TF_SPACE) ||
      xt_year(x, i - 2) || xt_year(x, i))
    return 0;
  for (const char *const *w = day; i >= 3 && *w; w++)
    if (xt_isci(x, i - 3, *w)) return 0;
  double a = xt_number(x->s + x->t[i - 2].off, x->t[i - 2].len),
         b = xt_number(x->s + x->t[i].off, x->t[i].len);
  if (a >= b) return 0;
  if (a >= 1 && a <= 31 && b <= 12 && a == (int)a && b == (int)b &&
      xt_is(x, i + 1, "năm") &&
      (xt_is(x, i + 2, "nay") || xt_is(x, i + 2, "ngoái") || xt_year(x, i + 2)))
    return 0;
  return 1;
}

/* Is the unit at token us one a range's end takes: "%", or a lower-case
** entry of units.txt? */
static int range_unit(const xsent *x, size_t us) {
  if (xt_punct(x, us, '%')) return 1;
  return us < x->n && !(x->t[us].flags & TF_UPPER) &&
         xnum_unit_lookup(x, us, NULL);
}

/*
** May NUM token i start a figure, by what comes before it? Not when glued
** to what precedes (but the end of a range "7,5-8%", *range set, or after
** '(' or a quote), after a word of not-after-number.txt, after a single
** capitalised word that names a thing ("Bến 1"), nor when it is a date of
** one token. *label: after a word of not-after-word.txt ("số 1"): a unit
** of units.txt must follow then.
*/
static int number_starts(const xsent *x, size_t i, int *label, int *range) {
  const tok *t = &x->t[i];
  *label = *range = 0;
  if (!(t->flags & TF_SPACE) && i > 0) {
    int32_t c = x->t[i - 1].cp;
    *range = range_end(x, i);
    if (!*range &&
        !(x->t[i - 1].type == T_PUNCT && (c == '(' || c == 0x201C || c == '"')))
      return 0;
  }
  if (i > 0 && x->t[i - 1].type == T_WORD) {
    /* "khối 12" (a grade), but not "phân khối 149 cc"; after "số" alone
    ** a label ("số 1 thế giới", not "tổng số 500 người") unless a unit
    ** of units.txt follows ("số 350 triệu đồng") */
    if (in_list(x, i - 1, &ws_not_after) &&
        !phrase_before(x, i, &ph_number_ok, 0))
      return 0;
    *label = phrase_before(x, i, &label_words, 1) &&
             !phrase_before(x, i, &label_not, 1) && !xnum_inside_word(x, i - 1);
    if ((x->t[i - 1].flags & (TF_UPPER | TF_CAPS)) && i - 1 > 0 &&
        !qualifier_at(x, i - 1) && !after_name_ok(x, i) &&
        !dimension_x(x, i - 1))
      return 0; /* "Bến 1", "Đề án 25", "Xuân 2018" */
  }
  /* "31.3.2024": a date, one token; xt_date says 1 only of a number of
  ** 8 to 10 bytes (its dotted form), so a shorter or longer one is no
  ** date of one token, unasked */
  char iso[11];
  return t->len < 8 || t->len > 10 || xt_date(x, i, iso) != 1;
}

/* What figure_at read of a figure: its number at token i, the value and
** the "of" of a ratio, the multiplier words [ms, us) and their product,
** the unit [us, ue) (un: unit_at's count), the dimension's numbers
** [dim, dim_end). */
typedef struct fig_parts {
  size_t i, ms, us, ue, dim, dim_end;
  double value, of, mult;
  int has_of, un, duration;
} fig_parts;

/* The qualifier text of a figure: its qualifiers [q, i) and its
** comparison [ps, end) joined by " ... " (NULL: none). */
static char *figure_qualifier(xsent *x, size_t q, size_t i, size_t ps,
                              size_t end) {
  if (!(q < i || end > ps)) return NULL;
  char tmp[512];
  size_t n = 0;
  if (q < i) n = xt_join(x, q, i, tmp, sizeof tmp);
  if (end > ps) {
    char post[400];
    size_t pn = xt_join(x, ps, end, post, sizeof post);
    if (pn && n + pn + 6 < sizeof tmp) {
      if (n) memcpy(tmp + n, " ... ", 5), n += 5;
      memcpy(tmp + n, post, pn);
      n += pn;
    }
  }
  return n ? doc_str(x->d, tmp, n) : NULL;
}

/* Keep the figure g read (its qualifiers before, its comparison after,
** its subject) in the document; returns the tokens it consumes. */
static size_t figure_push(xsent *x, const fig_parts *g, char **prevsubj) {
  size_t i = g->i, ms = g->ms, us = g->us, ue = g->ue;
  /* qualifiers before */
  size_t q = i;
  while (q > 0 && i - q < 4 && qualifier_at(x, q - 1)) q--;
  /* comparison after: "so với cùng kỳ", "trở lên" */
  size_t end = ue, ps = ue;
  if (xt_isci(x, ue, "so")) {
    end = ue + 1;
    while (end < x->n && end - ue < 10 && !xnum_is_boundary(x, end)) end++;
  } else if (ue < x->n && x->t[ue].len == sizeof "trở" - 1 && /* cheap first */
             (xt_phrase(x, ue, "trở lên") || xt_phrase(x, ue, "trở xuống")))
    end = ue + 2;
  doc_figure f = {0};
  f.value = g->value;
  f.has_of = g->has_of;
  f.of = g->of;
  f.text = xt_span(x, q, end);
  f.unit = xt_span(x, ms, ue);
  size_t cut = end == ue && ue > ms ? glued_cut(x, ue - 1) : 0;
  if (cut) /* "90 điểmMan City": the unit ends before the capital */
    f.text = glued_span(x, q, ue - 1, cut),
    f.unit = glued_span(x, ms, ue - 1, cut);
  if (g->un > 0 && ue > us) /* without multipliers, the unit's own copy */
    f.base_unit = us == ms && !cut ? f.unit : xt_span(x, us, ue);
  f.base = g->value * g->mult;
  f.qualifier = figure_qualifier(x, q, i, ps, end);
  f.subject =
      xnum_subject_of(x, q, *prevsubj, xt_punct(x, us, '%') ? end : x->n);
  if (f.subject) *prevsubj = f.subject;
  f.sentence = xt_context(x, q, end, FIGURE_CONTEXT_MAX);
  f.block = x->block;
  f.kind = g->duration ? "duration" : NULL;
  VEC_PUSH(x->d->figures, f);
  if (x->d->figures.n == FIGURES_MAX)
    doc_warn(x->d,
             "figures: more than %d in one document; the rest are "
             "not extracted",
             FIGURES_MAX);
  return g->dim_end > g->dim ? g->dim + 1 - i : end - i;
}

/* Figure at NUM token i; returns tokens consumed (0: not a figure). */
static size_t figure_at(xsent *x, size_t i, char **prevsubj) {
  const tok *t = &x->t[i];
  int label, range;
  if (!number_starts(x, i, &label, &range)) return 0;
  fig_parts g = {.i = i};
  double value = 0, of = 0; /* value: asked once it is needed */
  int has_of = 0;
  size_t j = i + 1;
  if (xt_punct(x, j, '/') && !(x->t[j].flags & TF_SPACE) && j + 1 < x->n &&
      x->t[j + 1].type == T_NUM && !(x->t[j + 1].flags & TF_SPACE)) {
    if (xt_punct(x, j + 2, '/') || xt_punct(x, j + 2, '-')) return 0; /* date */
    of = xt_number(x->s + x->t[j + 1].off, x->t[j + 1].len);
    has_of = 1;
    j += 2;
  } else if (j < x->n && x->t[j].type == T_PUNCT &&
             !(x->t[j].flags & TF_SPACE) &&
             (x->t[j].cp == '/' || x->t[j].cp == '-' || x->t[j].cp == '.' ||
              x->t[j].cp == ':' || x->t[j].cp == '+'))
    return 0; /* "7-17/3", "10:30", "1.", "3+4" */
  /* a dimension: the unit after its last number ("159 x 74 x 8 mm": 159
  ** mm); the numbers after the first "x" are figures of their own */
  size_t dim = j, dim_end = dimension_end(x, j);
  j = dim_end;
  /* multiplier words */
  size_t ms = j;
  double mult = 1, m;
  int numeral = 1;
  while ((m = multiplier_at(x, j, &numeral)) != 0) mult *= m, j++;
  size_t us = j, u2;
  if (us > ms) value = xt_number(x->s + t->off, t->len); /* us > ms stays */
  if (us > ms && !numeral && (u2 = second_amount(x, us, &value, &mult, &ms)))
    us = j = u2; /* "5 tỷ 992 triệu đồng": 5992 triệu đồng */
  int duration, whole;
  int un = unit_at(x, j, us > ms, &duration, &whole);
  if (un < 0) return 0;
  if (un == 0 && us == ms) return 0;                      /* bare number */
  if (us == ms) value = xt_number(x->s + t->off, t->len); /* not asked yet */
  if (un > 0 && whole && us == ms && !(un == 1 && xt_isci(x, us, "điểm")) &&
      english_thousands(x->s + t->off, t->len))
    value *= 1000; /* "2,568 lượt xem" read 2.568; index points
                   ** have decimals ("99,077 điểm") */
  if (label && !xt_punct(x, us, '%') && !xnum_unit_lookup(x, us, NULL))
    return 0;
  if (range && !range_unit(x, us)) return 0;
  if (un > 0 && us > ms && numeral) /* "3 vạn thợ mỏ": 30000 thợ mỏ */
    value *= mult, mult = 1, ms = us;
  if (has_of && un == 0) return 0;
  if (un > 0 && x->t[us].type == T_PUNCT && x->t[us].cp == '%') mult = 1;
  size_t ue = compound_unit(x, us + (size_t)(un > 0 ? un : 0));
  if (un == 0) ue = us;
  /* a bare year with a generic noun ("2017 và") is not a figure */
  if (xt_year(x, i) && !has_of && us == ms && !xnum_unit_lookup(x, us, NULL) &&
      !xt_punct(x, us, '%'))
    return 0;
  /* "1939 Lần thứ ..." — a year before a capitalised word starts a name */
  if (xt_year(x, i) && us < x->n && x->t[us].type == T_WORD &&
      (x->t[us].flags & TF_UPPER) && !(x->t[us].flags & TF_CAPS))
    return 0;
  if (in_short_quote(x, i)) return 0;
  g.ms = ms, g.us = us, g.ue = ue, g.dim = dim, g.dim_end = dim_end;
  g.value = value, g.of = of, g.mult = mult;
  g.has_of = has_of, g.un = un, g.duration = duration;
  return figure_push(x, &g, prevsubj);
}

/* The first number token from i on, or x->n (a tight loop). */
static size_t next_number(const xsent *x, size_t i) {
  const tok *t = x->t;
  size_t n = x->n;
  _Static_assert(T_WORD == 0 && T_NUM == 1 && T_PUNCT == 2, "tok_type");
  for (; i + 4 <= n; i += 4) /* four tokens a step: bit 0 is T_NUM's alone */
    if ((t[i].type | t[i + 1].type | t[i + 2].type | t[i + 3].type) & 1) break;
  while (i < n && t[i].type != T_NUM) i++;
  return i;
}

void extract_figures(xsent *x) {
  char *prevsubj = NULL;
  xnum_subject_reset(); /* another sentence */
  first_quote = QUOTE_UNKNOWN;
  for (size_t i = 0; i < x->n && x->d->figures.n < FIGURES_MAX;) {
    i = next_number(x, i);
    if (i >= x->n) break;
    if (!x->used[i]) {
      size_t k = figure_at(x, i, &prevsubj);
      if (k) {
        i += k;
        continue;
      }
    }
    i++;
  }
}

int xnum_check_sentence(xsent *x, long *asked) {
  const wlist *const wl[] = {&ws_not_unit, &ws_not_after, &ws_qualifiers,
                             &ws_unit_prefixes};
  const plist *const pl[] = {&ph_number_ok, &label_words, &label_not};
  int bad = 0;
  first_quote = QUOTE_UNKNOWN; /* another sentence */
  for (size_t j = 0; j < x->n; j++, ++*asked) {
    for (size_t k = 0; k < sizeof wl / sizeof *wl; k++)
      bad += in_list(x, j, wl[k]) != xt_in(x, j, &wl[k]->ws);
    for (size_t k = 0; k < sizeof pl / sizeof *pl; k++)
      for (int ci = 0; ci < 2; ci++)
        bad += phrase_before(x, j, pl[k], ci) !=
               xt_phrase_before(x, j, &pl[k]->ph, ci);
    for (int twice = 0; twice < 2; twice++) { /* asked, then kept */
      const lex_entry *e1 = NULL, *e2 = NULL;
      bad += xnum_unit_lookup(x, j, &e1) !=
                 xt_lookup(x, j, &x->x->lx->units, &e2) ||
             e1 != e2;
    }
    if (x->t[j].type == T_NUM) {
      char iso[11]; /* number_starts' date test passes these unasked */
      if (x->t[j].len < 8 || x->t[j].len > 10) bad += xt_date(x, j, iso) == 1;
      bad += in_short_quote(x, j) != short_quote_walk(x, j);
    }
  }
  return bad + xnum_subject_check(x, asked);
}

static const char *label_v[XT_PHRASES_MAX + 1], *label_n[XT_PHRASES_MAX + 1];

void extract_num_init(void) {
  const lex_pair *mul = lexicon_get()->pairs[LEX_MULTIPLIERS];
  for (int k = 0, o = 0; mul[k].key && o < MULT_MAX; k++) {
    char *rest;
    double v = strtod(mul[k].val, &rest);
    if (v <= 0) continue;
    multipliers[o].w = mul[k].key, multipliers[o].m = v;
    multipliers[o].h = lexicon_word_hash(mul[k].key, strlen(mul[k].key));
    mult_mask |= 1ull << (multipliers[o].h & 63);
    multipliers[o++].numeral = strstr(rest, "numeral") != NULL;
  }
  wlist_load(&ws_not_unit, LEX_NOT_UNIT);
  wlist_load(&ws_unit_prefixes, LEX_UNIT_PREFIXES);
  wlist_load(&ws_not_after, LEX_NOT_AFTER_NUMBER);
  plist_set(&ph_number_ok, lexicon_get()->lists[LEX_NUMBER_AFTER_OK]);
  wlist_load(&ws_qualifiers, LEX_QUALIFIERS);
  xnum_subject_init();
  xnum_split_tilde(lexicon_get()->lists[LEX_NOT_AFTER_WORD], label_v,
                   &label_words.ph, label_n, &label_not.ph);
  plist_index(&label_words);
  plist_index(&label_not);
}
