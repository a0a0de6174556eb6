/*
** extract_int.h — what the extract driver (extract.c) knows of the fact
** extractors (extract_*.c): their setup and their entry points. Each
** extractor scans one sentence of tokens (xtok.h, the layer below every
** extractor) and calls nothing but xtok, lexicon, doc and util.
*/
#ifndef TINSH_EXTRACT_INT_H
#define TINSH_EXTRACT_INT_H

#include <stddef.h>
#include <stdint.h>

#include "doc.h"
#include "lexicon.h"
#include "xtok.h"

/* One-time setup of each extractor's word lists (called under
** pthread_once by extract_facts). */
void extract_num_init(void);
void extract_people_init(void);
void extract_places_init(void);
void extract_refs_init(void);

/* ---- phrase lists indexed by their first word (extract_phr.c) ---- */
#define XPI_SLOTS 1024 /* twice XT_PHRASES_MAX and more: short probes */
#define XPI_NONE  0xFFFF
/* A table from a first-word hash (and a word count, or 0) to its
** phrases, a list in file order: first, then next[m] after phrase m. */
typedef struct xpi_table {
  uint32_t h[XPI_SLOTS]; /* 0: empty */
  uint8_t w[XPI_SLOTS];
  uint16_t first[XPI_SLOTS], last[XPI_SLOTS], cnt[XPI_SLOTS];
  uint16_t next[XT_PHRASES_MAX];
} xpi_table;
typedef struct xpindex {
  const xphrases *ph;
  int exact;     /* 0: a phrase starts with a number; the xt_ calls answer */
  unsigned maxw; /* the most words of a phrase */
  xpi_table in;  /* by first word */
  xpi_table end; /* by first word and word count */
} xpindex;
/* Index the phrases of ph (set up already; it must outlive ix). */
void xpi_set(xpindex *ix, const xphrases *ph);
/* xt_phrase_in (ci: xt_phrase_in_ci) of ix's list at token j, by the
** index: the same answer. */
size_t xpi_in(const xsent *x, size_t j, const xpindex *ix, int ci);
/* Does a phrase of exactly w words of ix's list match at token j (xt_phrase_m,
** ci as there)? */
int xpi_at_w(const xsent *x, size_t j, const xpindex *ix, unsigned w, int ci);
/* xt_phrase_before of ix's list before token i, by the index. */
size_t xpi_before(const xsent *x, size_t i, const xpindex *ix, int ci);

/* ---- organisations inside titles (extract_orgs.c) ---- */
void extract_orgs_init(void); /* its word lists; extract_people_init calls it */
/* The administrative units' index (the people extractor's) whose
** xpi_before answers extract_orgs.c keeps in the sentence memo
** (XN_MEMO_ADMIN_BEFORE): xo_unit_end and xo_names_a_thing ask it of
** the same tokens; another index is asked each time. */
void xo_memo_admin(const xpindex *admin);
/* Where a title that reached token j (a lower-case word among the first
** after a head of data/org-heads.txt: "Văn phòng | chương trình …",
** "Hội luật | gia") may go on: the organisation's name runs through at
** most 6 lower-case words after its head, none
** starting a phrase of stops, to a place or administrative unit of
** admin (returns that token) or a word of data/org-name-ends.txt
** (returns the token after it); else 0. */
size_t xo_org_tail(const xsent *x, size_t j, const xphrases *admin,
                   const xphrases *stops);
/* Is the name-shaped run of k syllables at token i the name of a school,
** a street or an organisation (after a phrase of not_person: "Trường
** THPT Chu Văn An", "đường Lê Lợi") or of an administrative unit (after a
** word of admin, a two-syllable run, "huyện Thạch Hà", or the rest of a
** unit's name begun by one capitalised word, "quận Nam | Từ Liêm";
** "Chủ tịch UBND huyện Trần Văn Bình" is a person)? */
int xo_names_a_thing(const xsent *x, size_t i, int k, const xpindex *not_person,
                     const xpindex *admin);
/* xo_names_a_thing once xo_unit_end(x, i, admin) is known to be 0 (the
** people extractor asks that first): the same answer, that part left
** out. */
int xo_names_a_thing_past(const xsent *x, size_t i, int k,
                          const xpindex *not_person, const xpindex *admin);
/* The end (the token after it) of an administrative unit's name that
** covers token i, where a run of title-cased words after a word of admin
** holds the unit's name, then a person's: the person from the last
** surname with three words or more to the run's end ("huyện | Thạch Hà |
** Nguyễn Văn An", "thành phố | Huế | Nguyễn Văn Thành", "TP | Hồ Chí
** Minh | Nguyễn Thành Phong"), or, in a run of three, the unit alone when
** no surname starts it ("quận | Nam Từ Liêm"; "huyện | Trần Văn Bình"
** is a person's). 0 when no such name covers i. */
size_t xo_unit_end(const xsent *x, size_t i, const xpindex *admin);

/* ---- links from a name to its title (extract_links.c) ---- */
void extract_links_init(
    void); /* its word lists; extract_people_init calls it */
/* Words of a link adverb of data/link-adverbs.txt at token j ("đã"), or 0. */
size_t xl_adverb_in(const xsent *x, size_t j);
/* The words of the title link at token j ("được bầu làm"), or 0; with
** an adverb before it ("đã trúng cử", "vừa được bổ nhiệm") and the
** filler words of a post after it ("giữ chức vụ", "trúng cử chức
** danh"), which the link list need not spell each. */
size_t xl_title_link(const xsent *x, size_t j);
/* Is the link at token p (w words) a bare "làm" before a role of
** data/event-roles.txt, after a name starting at token s that "do"
** brings in at most four words before ("Đoàn do đồng chí A, Phó Chủ
** tịch UBND tỉnh làm trưởng đoàn", "do chính A làm giám đốc âm nhạc")?
** That "làm" gives a role in the event, not a post: no title ("do ông A
** làm giám đốc" of a company, "A làm Trưởng đoàn" without "do" still
** give one). */
int xl_role_link(const xsent *x, size_t p, size_t w, size_t s);

/* ---- name-shaped runs (extract_names.c), for the people extractor ---- */
void extract_names_init(
    void); /* its word lists; extract_people_init calls it */
/* Name at token i: 2-4 capitalised syllables, the first a surname of
** data/surnames.txt (any capitalised syllable when any), no place of the
** gazetteer; the syllable count or 0. */
int xn_name_run(const xsent *x, size_t i, int any);
/* Is s[0..n) a name of data/baptismal-names.txt ("Giuse", "Phao-lô",
** "Vinh Sơn")? xn_baptismal asks a table of their hashes, built once;
** xn_baptismal_ref walks the list (tests/c/test_people_memo.c compares
** the two). */
int xn_baptismal(const char *s, size_t n);
int xn_baptismal_ref(const char *s, size_t n);
/* Does no title head, degree, monastic rank (xn_head_in) nor honorific
** (xn_honorific_in) that starts before token j go on over it: j past the
** sentence's end, or one of , ; : ( ) ! ? " (when no honorific of the
** list holds one)? 0 tells nothing. */
int xn_stops_heads(const xsent *x, size_t j);
/* May xn_name_run(x, i, 0) find a name at token i: a capitalised
** syllable (no capitals, no digits, at most 12 bytes) that may start a
** surname, or any when no surname list was read, or one before a word
** of the length of "Thị"? (flags only: 0 means xn_name_run is 0) */
static inline int xn_may_name(const xsent *x, size_t i) {
  const tok *t = &x->t[i];
  if (t->type != T_WORD ||
      (t->flags & (TF_UPPER | TF_CAPS | TF_DIGITS)) != TF_UPPER || t->len > 12)
    return 0;
  return (t->trig & TR_SURNAME) || !x->x->lx->surnames.n ||
         (i + 1 < x->n && x->t[i + 1].len == sizeof "Thị" - 1);
}
/* Bit (h & 63) of the word hash h of "bà", "ông", "chí" in either case
** (set by extract_names_init): a word without its bit is none of them. */
extern uint64_t xn_opens_bits;
/* May xn_honorific_opens(x, i) be 1 (the word before i has a bit of
** xn_opens_bits)? 0 means it is 0. */
static inline int xn_may_open(const xsent *x, size_t i) {
  return i > 0 && (xn_opens_bits >> (x->t[i - 1].h & 63) & 1);
}
/* Does a key of data/surnames.txt start at word token i (xt_lookup of
** the surnames not 0)? A word's answer is remembered by its bytes where
** it can only be the word's (no key of two words starts with it, a space
** after it); tests/c/test_people_memo.c compares it with xt_lookup. */
int xn_surname_at(const xsent *x, size_t i);
/* A name in capitals at token i ("TRẦN PHƯỚC HIỀN"): its words or 0. */
int xn_caps_name(const xsent *x, size_t i);
/* Words of an honorific of data/honorifics.txt ending just
** before token i ("ông | A"), or starting at token j; else 0. */
size_t xn_honorific_before(const xsent *x, size_t i);
size_t xn_honorific_in(const xsent *x, size_t j);
/* Words of a title head of data/titles.txt or a degree of
** data/degrees.txt starting at token j (the longer); else 0. */
size_t xn_head_in(const xsent *x, size_t j);
/* Tokens of a monastic rank of data/monastic-ranks.txt at token j ("HT",
** "TT", "Sư cô") when the dharma name "Thích" follows it, after the
** abbreviation's own dot ("HT. Thích Thiện Tấn"); else 0. */
size_t xn_monastic_at(const xsent *x, size_t j);
/* The first word token from i on whose first letter is a capital, or
** x->n: the tokens in between are passed in a tight loop. */
static inline size_t xn_next_capital(const xsent *x, size_t i) {
  const tok *t = x->t;
  size_t n = x->n;
  for (; i + 4 <= n; i += 4) /* four tokens a step while none has it */
    if ((t[i].flags | t[i + 1].flags | t[i + 2].flags | t[i + 3].flags) &
        TF_UPPER)
      break;
  for (; i < n; i++) /* only a word has TF_UPPER (xtok.h) */
    if (t[i].flags & TF_UPPER) break;
  return i;
}
/* May a name of any kind start at capitalised word token i, as the token
** after it shows: xn_name_run (any 0 or 1, so xn_listed_name and
** xn_honorific_opens too) wants a capitalised word or initial after a
** space there, xf_name_run a capitalised word or a glued '-'
** ("Mit-suo"), xn_caps_name a word in capitals. 0 means all of them are
** 0 at i (tests/c/test_people_memo.c asks them). */
static inline int xn_may_follow(const xsent *x, size_t i) {
  if (i + 1 >= x->n) return 0;
  const tok *n = &x->t[i + 1];
  return (n->flags & (TF_UPPER | TF_CAPS)) ||
         (n->type == T_PUNCT && n->cp == '-');
}
/* The people extractor's memo of the answers below about the tokens of x
** (xn_lookup, and xn_name_run with any 0; xn_head_in, xn_monastic_at and
** title_find use it): from xn_memo_begin(x) to xn_memo_end(), and only
** for x. */
void xn_memo_begin(const xsent *x);
void xn_memo_end(void);
/* The byte of that memo where the people extractor keeps answer q
** (XN_MEMO_*) of its own about token j of x: 0 until it writes one; NULL
** outside the memo (x not the memo's, or j >= x->n). */
enum { XN_MEMO_ORG_PHRASE, XN_MEMO_ADMIN_BEFORE, XN_MEMO_OWN };
uint8_t *xn_memo_own(const xsent *x, int q, size_t j);
/* xt_lookup of the lexicon's titles, degrees, monastic ranks or places
** (the gazetteer) at token j: the key's token count, 0 when none. */
enum { XN_TITLES, XN_DEGREES, XN_MONASTIC, XN_PLACES };
/* The lexicon's table of xn_lookup's `table`. */
static inline const lex_table *xn_table(const xsent *x, int table) {
  const lexicon *lx = x->x->lx;
  return table == XN_TITLES    ? &lx->titles
         : table == XN_DEGREES ? &lx->degrees
         : table == XN_PLACES  ? &lx->places
                               : &lx->monastic;
}
/* xn_lookup past its first test: the memo, else xt_lookup. */
int xn_lookup_kept(const xsent *x, size_t j, int table);
/* A word no key starts with (lex_first, xt_lookup's own first test: most
** degrees and monastic ranks asked) is 0 here, without a call. */
static inline int xn_lookup(const xsent *x, size_t j, int table) {
  if (j < x->n && !lex_first(xn_table(x, table), x->t[j].h)) return 0;
  return xn_lookup_kept(x, j, table);
}
/* text_viet_shaped of word token j (1 or 0), remembered by the word. */
int xn_viet_at(const xsent *x, size_t j);
/* Words of a role of data/person-roles.txt ending just before token i
** ("bị cáo | A", "VĐV | B"): like an honorific it makes a name a person
** and is no title; else 0. */
size_t xn_role_before(const xsent *x, size_t i);
/* Words of a role of data/person-roles.txt starting at token j, or 0. */
size_t xn_role_in(const xsent *x, size_t j);
/* A name in a list of names that shares a title, whatever its surname:
** its syllable count (3 or 4), else 0. */
int xn_listed_name(const xsent *x, size_t i);
/* Does "ông", "bà" or "đồng chí" open a name at token i (lower case, or
** first in its sentence or after punctuation)? */
int xn_honorific_opens(const xsent *x, size_t i);
/* Tokens of the baptismal names of data/baptismal-names.txt ending just
** before token i ("Giuse", "Phao-lô Giu-se": the hyphens are tokens too),
** each written apart from what follows it; 0 when none. */
size_t xn_baptismal_before(const xsent *x, size_t i);
/* Does a baptismal name start at token j (its hyphenated parts glued to
** it) with a name after it ("Giu-se Trần Viết Tiềm")? */
int xn_baptised_at(const xsent *x, size_t j);
/* The first token of one of the last four names found (xdoc.names) that
** ends right before token j, or j when none does. */
size_t xn_name_ending_at(const xsent *x, size_t j);
/* Is the name ending before token e given an age or a year of birth
** ("(28 tuổi", "(SN 1987)", ", sinh năm 1970")? */
int xn_aged(const xsent *x, size_t e);
/* Do the tokens a..b hold only a list separator (",", ";", "và", ",
** và") between two names? */
int xn_list_sep(const xsent *x, size_t a, size_t b);

/* ---- foreign names (extract_foreign.c), for the people extractor ---- */
void extract_foreign_init(void); /* extract_people_init calls it */
/* A foreign name at token i after a country, a title head or an
** honorific ("… Lào Thongloun Sisoulith", "ông Maciej Duszynski"): its
** token count or 0. */
int xf_name_run(const xsent *x, size_t i);
/* xf_name_run(x, i) once xf_may_start(x, i) is known to be 1: the same
** answer, that test left out. */
int xf_name_run_past(const xsent *x, size_t i);
/* May a foreign name start at token i: a capitalised word (not in
** capitals) with another one after it, a space between, or a hyphen
** glued to it? (flags only: xf_name_run is 0 when not, and the people
** extractor asks this first, inline, at every capitalised word) */
static inline int xf_may_start(const xsent *x, size_t i) {
  const unsigned up = TF_UPPER | TF_CAPS;
  if (i == 0 || i + 1 >= x->n || (x->t[i].flags & up) != TF_UPPER) return 0;
  const tok *n = &x->t[i + 1];
  return (n->type == T_WORD && (n->flags & up) == TF_UPPER &&
          (n->flags & TF_SPACE)) ||
         (xt_punct(x, i + 1, '-') && !(n->flags & TF_SPACE)); /* "Mit-suo" */
}
/* The most tokens before token i where a title head that ends before a
** foreign name (xn_head_in, up to two capitalised words between: six) or
** an honorific that ends right before it (xn_honorific_before) may
** start; 0 when the honorifics' first words have no TR_HEAD mark (set by
** extract_names_init). */
extern size_t xn_head_reach;
/* May a title head or an honorific stand before token i as a foreign
** name's context (a TR_HEAD word among the xn_head_reach tokens before
** it; 1 when that reach is unknown)? 0 means neither does. */
static inline int xn_head_near(const xsent *x, size_t i) {
  if (!xn_head_reach) return 1;
  for (size_t a = i > xn_head_reach ? i - xn_head_reach : 0; a < i; a++)
    if (x->t[a].trig & TR_HEAD) return 1;
  return 0;
}
/* xf_name_run the way it was first written (the country before the
** shape), which xf_name_run gives: kept for tests/c/test_people_memo.c. */
int xf_name_run_ref(const xsent *x, size_t i);
/* Does a foreign name start at token j inside a title whose head ends
** before token hk (the title ends there)? */
int xf_in_title(const xsent *x, size_t j, size_t hk);
/* Is token j a country of country-short-names.txt ("Mỹ", "Nga")? */
int xf_country_at(const xsent *x, size_t j);
/* Does the honorific at token hon introduce a foreign name at token i
** ("Tổng thư ký LHQ Ngài | Antonio Guterres")? Not when it is a
** one-syllable country of country-short-names.txt too: "Anh" before a
** foreign name is the country ("Ngoại trưởng Anh Boris Johnson"). */
int xf_after_honorific(const xsent *x, size_t hon, size_t i);

/* ---- extractors: each scans one sentence ---- */
void extract_figures(xsent *x);
void extract_people(xsent *x);
/* Does x hold a foreign name after a country ("… Lào Thongloun
** Sisoulith"), which no surname of the list starts? */
int extract_people_foreign(const xsent *x);
void extract_refs(xsent *x); /* refs and periods */
void extract_places(xsent *x);

/* Whole-document finishing steps. */
void extract_people_finish(xdoc *x);

#endif
