/*
** extract_places.c — places: gazetteer names (data/gazetteer.tsv, with
** aliases: "KKT Cửa khẩu Móng Cái" -> "KKTCK Móng Cái") and names after an
** administrative prefix ("xã Quảng Nghĩa", "huyện Tiên Yên"), counted
** once per mention under their canonical name.
*/
#include <string.h>

#include "extract_int.h"

/* Prefixes that make the capitalised run after them a place. */
static const struct {
  const char *w, *kind;
} prefixes[] = {{"thành phố", "thành phố"}, {"TP", "thành phố"},
                {"huyện", "huyện"},         {"thị xã", "thị xã"},
                {"thị trấn", "thị trấn"},   {"xã", "xã"},
                {"phường", "phường"},       {"quận", "quận"},
                {"tỉnh", "tỉnh"},           {"cửa khẩu", "cửa khẩu"},
                {"KCN", "khu công nghiệp"}, {"khu công nghiệp", "khu công nghiệp"},
                {NULL, NULL}};

static void add_place(xsent *x, const char *name, size_t n, const char *kind) {
  int isnew;
  int *slot = hmap_slot(&x->x->places, util_hash64(name, n), &isnew);
  if (isnew) {
    doc_place p = {doc_str(x->d, name, n), kind ? doc_str(x->d, kind, strlen(kind)) : NULL, 0};
    VEC_PUSH(x->d->places, p);
    *slot = (int)x->d->places.n;
  }
  x->d->places.items[*slot - 1].mentions++;
}

static int name_syllable(const tok *t) {
  return t->type == T_WORD && (t->flags & TF_UPPER) &&
         !(t->flags & (TF_CAPS | TF_DIGITS));
}

void extract_places(xsent *x) {
  const lex_table *g = &x->x->lx->places;
  for (size_t i = 0; i < x->n; i++) {
    const tok *t = &x->t[i];
    if (t->type != T_WORD) continue;
    const lex_entry *e;
    int k;
    if ((t->flags & (TF_UPPER | TF_CAPS)) && (k = xt_lookup(x, i, g, &e))) {
      add_place(x, e->val, strlen(e->val), e->kind);
      i += (size_t)k - 1;
      continue;
    }
    for (int p = 0; prefixes[p].w; p++) {
      int w = prefixes[p].w[0] == 'T' || prefixes[p].w[0] == 'K'
                  ? xt_is(x, i, prefixes[p].w)
                  : xt_phrase(x, i, prefixes[p].w);
      if (!w) continue;
      size_t a = i + (size_t)w, b = a;
      if (b < x->n && (k = xt_lookup(x, b, g, &e))) break; /* next round */
      while (b < x->n && b - a < 4 && name_syllable(&x->t[b]) &&
             (x->t[b].flags & TF_SPACE))
        b++;
      if (b > a && !(b < x->n && name_syllable(&x->t[b]))) {
        size_t n = xt_end(x, b) - x->t[a].off;
        add_place(x, x->s + x->t[a].off, n, prefixes[p].kind);
        i = b - 1;
      }
      break;
    }
  }
}
