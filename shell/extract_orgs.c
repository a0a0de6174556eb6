/*
** extract_orgs.c — an organisation's name inside a person's title where
** it goes on in lower case ("Trưởng ban Chỉ đạo | hiến máu tình nguyện
** tỉnh", "Phó trưởng Văn phòng | chương trình tiêm chủng quốc gia"):
** after a head of data/org-heads.txt, up to ORG_TAIL_MAX lower-case
** words are the name's when a place or a word of data/org-name-ends.txt
** ends them. The people extractor (extract_people.c) asks it where its
** own rules would end the title. And whether a name-shaped run names a
** thing, not a person: a school, a street, an organisation or an
** administrative unit (xo_names_a_thing, xo_unit_end).
*/
#include "extract_int.h"

/* the most lower-case words an organisation's name runs through */
#define ORG_TAIL_MAX 6

static xphrases org_heads; /* data/org-heads.txt: "Ủy ban", "Trạm" */
static xphrases org_ends;  /* data/org-name-ends.txt: "quốc gia" */

void extract_orgs_init(void) {
  xt_phrases_set(&org_heads, lexicon_get()->lists[LEX_ORG_HEADS]);
  xt_phrases_set(&org_ends, lexicon_get()->lists[LEX_ORG_NAME_ENDS]);
}

/* Does an administrative unit start at token k as a word of its own
** ("tỉnh", "huyện Long Thành"; not the "xã" of "xã hội")? */
static int unit_at(const xsent *x, size_t k, const xphrases *admin) {
  size_t a = xt_phrase_in(x, k, admin);
  return a && (k + a >= x->n || xt_first_word(x, k, k + a + 1) <= (int)a);
}

/* Is token j inside the lower-case words right after a head of
** org-heads.txt ("Hội | luật gia", "Văn phòng | chương trình")? Their
** count before j into *w. */
static int after_head(const xsent *x, size_t j, size_t *w) {
  size_t b = j;
  while (b > 0 && j - b < ORG_TAIL_MAX && x->t[b - 1].type == T_WORD &&
         !(x->t[b - 1].flags & (TF_UPPER | TF_CAPS)) &&
         !xt_phrase_before(x, b, &org_heads, 1))
    b--;
  *w = j - b;
  return xt_phrase_before(x, b, &org_heads, 1) > 0;
}

size_t xo_org_tail(const xsent *x, size_t j, const xphrases *admin,
                   const xphrases *stops) {
  size_t w;
  if (j >= x->n || !after_head(x, j, &w)) return 0;
  for (size_t k = j; k < x->n && k - j + w <= ORG_TAIL_MAX; k++) {
    const tok *t = &x->t[k];
    if (t->type != T_WORD) return 0;
    if (k > j) {
      size_t e = xt_phrase_in(x, k, &org_ends);
      if (e) return k + e;
      if (unit_at(x, k, admin)) return k;
      if ((t->flags & TF_UPPER) && xt_lookup(x, k, &x->x->lx->places, NULL))
        return k;
    }
    if ((t->flags & (TF_UPPER | TF_CAPS)) || xt_phrase_in(x, k, stops))
      return 0;
  }
  return 0;
}

/* The index xo_memo_admin named, whose answers the memo keeps. */
static const xpindex *memo_admin;

void xo_memo_admin(const xpindex *admin) {
  memo_admin = admin;
}

/* xpi_before(x, b, admin, 0): a unit word ending before token b, its
** words; asked once per token for memo_admin. */
static size_t admin_ends(const xsent *x, size_t b, const xpindex *admin) {
  uint8_t *a =
      admin == memo_admin ? xn_memo_own(x, XN_MEMO_ADMIN_BEFORE, b) : NULL;
  if (a && *a) return *a - 1u;
  size_t w = xpi_before(x, b, admin, 0);
  if (a && w < 255) *a = (uint8_t)(w + 1);
  return w;
}

/* Is token p a surname of data/surnames.txt? */
static int surname_at(const xsent *x, size_t p) {
  return (x->t[p].trig & TR_SURNAME) &&
         xt_lookup(x, p, &x->x->lx->surnames, NULL) > 0;
}

/* The title-cased words of a unit's name at token b, right after a word
** of admin, before a person's name in the same run; 0 when b starts no
** such name or the run is a person's alone (see xo_unit_end). */
static size_t unit_words(const xsent *x, size_t b, const xpindex *admin) {
  if (!xt_title_cased(x, b) || !admin_ends(x, b, admin)) return 0;
  size_t r = b;
  while (r - b < 8 && xt_title_cased(x, r)) r++;
  if (r - b < 3) return 0; /* two words: xo_names_a_thing's own rule */
  for (size_t p = r - 3; p > b; p--) /* the person: 3 words or more */
    if (surname_at(x, p)) return p - b;
  return r - b == 3 && !surname_at(x, b) ? 3 : 0;
}

size_t xo_unit_end(const xsent *x, size_t i, const xpindex *admin) {
  for (size_t b = i >= 3 ? i - 3 : 0; b <= i; b++) {
    size_t u = unit_words(x, b, admin);
    if (b + u > i) return b + u;
  }
  return 0;
}

/* Does a phrase of not_person (ph) end right before token i ("Trường
** THPT | Chu Văn An", "đường | Lê Lợi"), not after one lower-case word
** that ends a capitalised compound? */
static int after_not_person(const xsent *x, size_t i, const xpindex *ph) {
  for (unsigned w = 1; w <= ph->maxw && w <= i; w++) {
    /* one lower-case word ends a capitalised compound ("Bộ Tài nguyên
    ** và Môi trường Trần Hồng Hà"): not a head then */
    if (w == 1 && i >= 2 && (x->t[i - 2].flags & TF_UPPER) &&
        !(x->t[i - 1].flags & (TF_UPPER | TF_CAPS)))
      continue;
    /* xpi_at_w's first test inline: no phrase of w words starts with a
    ** word without its by_words bit (an index that is exact) */
    if (ph->exact && w < 4 &&
        !(ph->ph->by_words[w] >> (x->t[i - w].h & 63) & 1))
      continue;
    if (xpi_at_w(x, i - w, ph, w, 0)) return 1;
  }
  return 0;
}

/* Is the run of k syllables at token i an administrative unit's name
** after a word of admin: two syllables, or more with a higher unit and
** its name after it ("phường Nguyễn Thái Bình, quận 1": a ward named
** after a person; not "Chủ tịch UBND TP Nguyễn Thành Phong, TP phải …")? */
static int unit_named(const xsent *x, size_t i, int k, const xpindex *admin) {
  if (!admin_ends(x, i, admin)) return 0;
  size_t e = i + (size_t)k, a;
  if (k <= 2) return 1;
  if (e + 1 >= x->n || !xt_punct(x, e, ',') ||
      !(a = xpi_in(x, e + 1, admin, 0)) || e + 1 + a >= x->n)
    return 0;
  const tok *u = &x->t[e + 1 + a]; /* the higher unit's name or number */
  return u->type == T_NUM || (u->type == T_WORD && (u->flags & TF_UPPER));
}

/*
** Is the name-shaped run of k syllables at token i the name of a school,
** a street or an organisation ("Trường THPT Chu Văn An", "đường Lê Lợi")
** or, with two syllables, of an administrative unit ("huyện Thạch Hà";
** "Chủ tịch UBND huyện Trần Văn Bình" is a person)? Then it is no person.
*/
int xo_names_a_thing(const xsent *x, size_t i, int k, const xpindex *ph,
                     const xpindex *admin) {
  return after_not_person(x, i, ph) || xo_unit_end(x, i, admin) ||
         unit_named(x, i, k, admin);
}

int xo_names_a_thing_past(const xsent *x, size_t i, int k, const xpindex *ph,
                          const xpindex *admin) {
  return after_not_person(x, i, ph) || unit_named(x, i, k, admin);
}
