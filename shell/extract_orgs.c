/*
** extract_orgs.c — an organisation's name inside a person's title where
** it goes on in lower case ("Trưởng ban Chỉ đạo | hiến máu tình nguyện
** tỉnh", "Phó trưởng Văn phòng | chương trình tiêm chủng quốc gia"):
** after a head of data/org-heads.txt, up to ORG_TAIL_MAX lower-case
** words are the name's when a place or a word of data/org-name-ends.txt
** ends them. The people extractor (extract_people.c) asks it where its
** own rules would end the title.
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
