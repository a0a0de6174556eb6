/*
** extract_foreign.c — foreign people's names, which no surname list
** starts ("Tổng Bí thư, Chủ tịch nước Lào Thongloun Sisoulith", "Tổng
** thống Mỹ Donald Trump", "ông Maciej Duszynski"): the shape of such a
** name (2-4 capitalised words that are not Vietnamese syllables) and the
** context that makes it one (a country of the gazetteer, a title head,
** an honorific right before it). The people extractor (extract_people.c)
** ends a title before one and takes it as a person after one.
*/
#include <string.h>

#include "extract_int.h"

/* data/foreign-org-words.txt: "Airlines", "Group"; data/country-short-
** names.txt: "Mỹ", "Nga" (extract_foreign_init) */
static xwords ws_foreign_orgs, ws_short_countries;

void extract_foreign_init(void) {
  xwords_load(&ws_foreign_orgs, LEX_FOREIGN_ORGS, 1);
  xwords_load(&ws_short_countries, LEX_SHORT_COUNTRIES, 1);
}

/* Does a country of the gazetteer (kind "quốc gia": "… nước Lào", "…
** Nhật Bản") end at token j - 1? */
static int gaz_country_ends(const xsent *x, size_t j) {
  const lex_entry *e;
  for (size_t a = j > 3 ? j - 3 : 0; a < j; a++) {
    if (!(x->t[a].trig & TR_GAZ)) continue; /* no gazetteer name starts */
    /* the count first (remembered for the sentence), the entry then */
    if (a + (size_t)xn_lookup(x, a, XN_PLACES) != j) continue;
    int k = xt_lookup(x, a, &x->x->lx->places, &e);
    if (k && a + (size_t)k == j && e->kind && strcmp(e->kind, "quốc gia") == 0)
      return 1;
  }
  return 0;
}

/* Does a country end at token j - 1 (j > 0): one of the gazetteer
** (gaz_country_ends) or a one-syllable one of country-short-names.txt
** ("… Quốc phòng Nga")? */
static int country_ends(const xsent *x, size_t j) {
  return xt_in(x, j - 1, &ws_short_countries) || gaz_country_ends(x, j);
}

/*
** The tokens of a foreign name's shape at token i ("Thongloun
** Sisoulith", "Kim Jong-un"): 2-4 capitalised words, none in capitals
** ("GTVT"), with spaces (a word's parts may be joined by hyphens), then
** no word glued on nor a capitalised word; one word at
** least (all: every word) no Vietnamese syllable or hyphenated, and none
** of foreign-org-words.txt. 0 when not so (with all, at the first
** Vietnamese word, before the organisations' list is asked).
*/
static int foreign_shape(const xsent *x, size_t i, int all) {
  size_t j = i;
  int foreign = 0, words = 0;
  while (j < x->n && words < 5 && x->t[j].type == T_WORD &&
         (x->t[j].flags & TF_UPPER) && !(x->t[j].flags & TF_CAPS) &&
         (j == i || (x->t[j].flags & TF_SPACE))) {
    size_t w = j;
    int f = !xn_viet_at(x, j);
    words++, j++;
    while (j + 1 < x->n && xt_punct(x, j, '-') && !(x->t[j].flags & TF_SPACE) &&
           x->t[j + 1].type == T_WORD && !(x->t[j + 1].flags & TF_SPACE))
      f = 1, j += 2;         /* "Jong-un", "Sỉ-vi-lay" */
    if (all && !f) return 0; /* 0 too when an organisation's word */
    if (xt_in(x, w, &ws_foreign_orgs)) return 0; /* "Vietnam Airlines" */
    if (x->t[j - 1].len == 1 && xt_punct(x, j, '.') &&
        !(x->t[j].flags & TF_SPACE) && j + 1 < x->n)
      j++; /* a middle initial: "George W. | Bush" */
    foreign |= f;
  }
  if (words < 2 || words > 4 || !foreign) return 0;
  int more = j < x->n && x->t[j].type == T_WORD &&
             (!(x->t[j].flags & TF_SPACE) || (x->t[j].flags & TF_UPPER));
  return more ? 0 : (int)(j - i); /* "Vietnam Airlines | Dương Trí Thành" */
}

/* Does a title head of titles.txt end at token c - 1, or before one or
** two capitalised words that end there (a country the gazetteer lacks:
** "Tổng thống Mỹ")? */
static int head_before(const xsent *x, size_t c) {
  for (int skip = 0; skip <= 2 && c > 0; skip++, c--) {
    for (size_t a = c > 4 ? c - 4 : 0; a < c; a++)
      if (xn_head_in(x, a) == c - a) return 1;
    if (x->t[c - 1].type != T_WORD || !(x->t[c - 1].flags & TF_UPPER)) break;
  }
  return 0;
}

#define HEAD_UNKNOWN ((size_t)-1)

/* May a country end right before token i (i > 0): a TR_GAZ word among
** the three tokens before it (gaz_country_ends) or a one-syllable
** country of country-short-names.txt at i - 1? 0 means none does. */
static int country_near(const xsent *x, size_t i) {
  for (size_t a = i > 3 ? i - 3 : 0; a < i; a++)
    if (x->t[a].trig & TR_GAZ) return 1;
  return xt_in(x, i - 1, &ws_short_countries);
}

/* Does a title head or an honorific stand before token i? hk: where the
** head of the title being read ends (title_at: at most two capitalised
** words may stand between it and i, "Tổng thống Mỹ | Donald Trump"), or
** HEAD_UNKNOWN (look for a head or an honorific). */
static inline __attribute__((always_inline)) int head_context(const xsent *x,
                                                              size_t i,
                                                              size_t hk) {
  if (hk == HEAD_UNKNOWN) return xn_honorific_before(x, i) || head_before(x, i);
  if (i > hk + 2) return 0;
  for (size_t q = hk; q < i; q++)
    if (x->t[q].type != T_WORD || !(x->t[q].flags & TF_UPPER)) return 0;
  return 1;
}

/*
** A foreign name at token i (where xf_may_start holds), as the title
** before it shows: after a
** country of the gazetteer ("… nước Lào Thongloun Sisoulith", "… Triều
** Tiên Kim Jong-un": one word foreign is enough), or after a
** one-syllable country ("… Quốc phòng Nga Sergei Shoigu"), a title head
** or an honorific ("Tổng thống Donald Trump", "ông Maciej Duszynski":
** every word foreign; head_context), and no place. Its
** token count, else 0. The shape with every word foreign is looked at
** first: it fails at once on a Vietnamese word; only then is a country
** of the gazetteer looked for, and the shape with one word foreign.
*/
static inline __attribute__((always_inline)) int foreign_past(const xsent *x,
                                                              size_t i,
                                                              size_t hk) {
  int up = (x->t[i - 1].flags & TF_UPPER) != 0; /* a country may end there */
  /* no context can make it a name (the bits first: most capitalised
  ** words have no head, honorific nor country before them; inside a
  ** title, head_context wants the head's end two tokens before at most) */
  if ((hk == HEAD_UNKNOWN ? !xn_head_near(x, i) : i > hk + 2) &&
      !(up && country_near(x, i)))
    return 0;
  /* every word foreign: the name after any country, head or honorific
  ** (the shape with one word foreign is then the same) */
  int k = foreign_shape(x, i, 1);
  if (k) {
    if (!(up && country_ends(x, i)) && !head_context(x, i, hk)) return 0;
  } else { /* one word foreign is enough after a gazetteer's country */
    if (!up || !gaz_country_ends(x, i) || !(k = foreign_shape(x, i, 0)))
      return 0;
  }
  if (xn_honorific_in(x, i)) return 0; /* "Hoa Kỳ | Ngài Daniel …" */
  return !xn_lookup(x, i, XN_PLACES) ? k : 0; /* "Đăk Lăk" */
}

/* foreign_past once xf_may_start(x, i) is asked: 0 when not. */
static int foreign_at(const xsent *x, size_t i, size_t hk) {
  return xf_may_start(x, i) ? foreign_past(x, i, hk) : 0;
}

int xf_name_run(const xsent *x, size_t i) {
  return foreign_at(x, i, HEAD_UNKNOWN);
}

int xf_name_run_past(const xsent *x, size_t i) {
  return foreign_past(x, i, HEAD_UNKNOWN);
}

int xf_name_run_ref(const xsent *x, size_t i) {
  if (!xf_may_start(x, i)) return 0;
  int k, c = 0;
  if (x->t[i - 1].flags & TF_UPPER)
    c = gaz_country_ends(x, i) ? 2 : xt_in(x, i - 1, &ws_short_countries);
  if (c == 2)
    k = foreign_shape(x, i, 0);
  else if ((k = foreign_shape(x, i, 1)) != 0 && !c &&
           !head_context(x, i, HEAD_UNKNOWN))
    k = 0;
  if (k && xn_honorific_in(x, i)) return 0;
  return k && !xn_lookup(x, i, XN_PLACES) ? k : 0;
}

int xf_after_honorific(const xsent *x, size_t hon, size_t i) {
  return foreign_at(x, i, HEAD_UNKNOWN) && !xt_in(x, hon, &ws_short_countries);
}

int xf_country_at(const xsent *x, size_t j) {
  return xt_in(x, j, &ws_short_countries);
}

int xf_in_title(const xsent *x, size_t j, size_t hk) {
  return foreign_at(x, j, hk) != 0;
}

int extract_people_foreign(const xsent *x) {
  /* the capitalised words, passed to in xn_next_capital's tight loop
  ** (only a word has TF_UPPER) */
  for (size_t i = 1; (i = xn_next_capital(x, i)) < x->n; i++)
    if (foreign_at(x, i, HEAD_UNKNOWN)) return 1;
  return 0;
}
