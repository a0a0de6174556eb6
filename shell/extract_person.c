/*
** extract_person.c — a person's record in the document: the person of
** a name (one per name, whatever the sentence) and its titles, each kept
** once (the term of office cut off, the same title in another case not
** added again). The people extractor (extract_people.c) finds the names
** and titles; this file keeps them.
*/
#include "extract_person.h"

#include <string.h>

#include "extract_int.h"

/* Is token k "khóa" (a term of office; both tone spellings, any case)? */
static int term_word(const xsent *x, size_t k) {
  return xt_isci(x, k, "khóa") || xt_isci(x, k, "khoá");
}

/* Tokens i..j-1 of a title without the term it ends with ("Phó Chủ
** tịch HĐND huyện khóa XIX", "Đại biểu Quốc hội khoá 15", or "khóa" alone
** when the title stopped before its number): the term is when the
** person held the post (a period), not what the post is, so one post is
** one title whatever the term. Returns the kept token count. */
static size_t term_cut(const xsent *x, size_t i, size_t j) {
  if (j >= i + 2 && term_word(x, j - 1)) return j - 1 - i; /* "khóa 10" */
  if (j < i + 3 || !term_word(x, j - 2)) return j - i;
  const tok *t = &x->t[j - 1];
  if (t->type == T_NUM || xt_roman(x->s + t->off, t->len)) return j - 2 - i;
  return j - i;
}

doc_person *person_get(xsent *x, size_t i, size_t j) {
  const char *s = x->s + x->t[i].off;
  size_t n = xt_end(x, j) - x->t[i].off;
  int isnew;
  int *slot = hmap_slot(&x->x->people, util_hash64(s, n), &isnew);
  if (isnew) {
    doc_person p = {0};
    p.name = doc_str(x->d, s, n);
    VEC_PUSH(x->d->people, p);
    *slot = (int)x->d->people.n;
  }
  return &x->d->people.items[*slot - 1];
}

void add_title(xsent *x, doc_person *p, size_t i, size_t j) {
  char a[256], fa[256];
  j = i + term_cut(x, i, j);
  size_t n = xt_join(x, i, j, a, sizeof a);
  if (!n) return;
  for (size_t k = 0; k < p->titles.n; k++) /* the same bytes: no folding */
    if (strncmp(p->titles.items[k], a, n + 1) == 0) return;
  if (p->titles.n == 0) { /* nothing to compare the folded title with */
    VEC_PUSH(p->titles, doc_str(x->d, a, n));
    return;
  }
  size_t fn = lexicon_fold(fa, sizeof fa, a, n);
  for (size_t k = 0; k < p->titles.n; k++) {
    char fb[256];
    size_t bn = strlen(p->titles.items[k]);
    if (lexicon_fold(fb, sizeof fb, p->titles.items[k], bn) == fn &&
        memcmp(fa, fb, fn) == 0)
      return;
  }
  VEC_PUSH(p->titles, doc_str(x->d, a, n));
}
