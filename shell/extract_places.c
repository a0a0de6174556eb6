/*
** extract_places.c — places: gazetteer names (data/gazetteer.tsv, with
** aliases: "KKT Cửa khẩu Móng Cái" -> "KKTCK Móng Cái") and names after an
** administrative prefix ("xã Quảng Nghĩa", "huyện Tiên Yên"), counted
** once per mention under their canonical name.
*/
#include <string.h>

#include "extract_int.h"

/* Prefixes that make the capitalised run after them a place, with the
** place kind (data/place-prefixes.tsv; the first PREFIX_MAX). */
#define PREFIX_MAX 16
static lex_pair prefixes[PREFIX_MAX + 1];

static uint32_t
    prefix_hash[PREFIX_MAX]; /* word hash of each prefix's first word */

static void add_place(xsent *x, const char *name, size_t n, const char *kind) {
  int isnew;
  int *slot = hmap_slot(&x->x->places, util_hash64(name, n), &isnew);
  if (isnew) {
    doc_place p = {doc_str(x->d, name, n),
                   kind ? doc_str(x->d, kind, strlen(kind)) : NULL, 0};
    VEC_PUSH(x->d->places, p);
    *slot = (int)x->d->places.n;
  }
  x->d->places.items[*slot - 1].mentions++;
}

/* word lists from data/ (lexicon.h), set up by extract_places_init:
** lower-case words that may start a gazetteer name ("khu kinh tế Vân
** Đồn", "vịnh Hạ Long"), and words before a place name that make it part
** of an organisation's name ("Trường THCS Cẩm Thành") */
static xwords ws_lower_heads, ws_org_words;

static int in_list(const xsent *x, size_t i, const xwords *ws) {
  return xt_in(x, i, ws);
}

static int name_syllable(const tok *t) {
  return t->type == T_WORD && (t->flags & TF_UPPER) &&
         !(t->flags & (TF_CAPS | TF_DIGITS));
}

/*
** A list of names after "xã, phường:" from token j: capitalised runs (or
** gazetteer names) separated by commas. Returns the token after it.
*/
static size_t place_list(xsent *x, size_t j, const char *kind) {
  const lex_table *g = &x->x->lx->places;
  size_t last = j;
  while (j < x->n) {
    const lex_entry *e;
    int k = (x->t[j].trig & TR_GAZ) ? xt_lookup(x, j, g, &e) : 0;
    size_t b = j;
    if (k) {
      add_place(x, e->val, strlen(e->val), e->kind);
      b = j + (size_t)k;
    } else {
      while (b < x->n && b - j < 4 && name_syllable(&x->t[b])) b++;
      if (b == j) break;
      add_place(x, x->s + x->t[j].off, xt_end(x, b) - x->t[j].off, kind);
    }
    last = b;
    if (!xt_punct(x, b, ',')) break;
    j = b + 1;
  }
  return last;
}

void extract_places(xsent *x) {
  const lex_table *g = &x->x->lx->places;
  for (size_t i = 0; i < x->n; i++) {
    const tok *t = &x->t[i];
    if (t->type != T_WORD) continue;
    const lex_entry *e;
    int k;
    if ((t->trig & TR_GAZ) &&
        ((t->flags & (TF_UPPER | TF_CAPS)) || in_list(x, i, &ws_lower_heads)) &&
        (k = xt_lookup(x, i, g, &e))) {
      if (!(i > 0 && in_list(x, i - 1, &ws_org_words)))
        add_place(x, e->val, strlen(e->val), e->kind);
      i += (size_t)k - 1;
      continue;
    }
    if (!(xt_bits(x, i) & TR_PLACE)) continue;
    int initial = i == 0 || (i > 0 && x->t[i - 1].type == T_PUNCT &&
                             (x->t[i - 1].cp == '-' || x->t[i - 1].cp == '+'));
    for (int p = 0; prefixes[p].key; p++) {
      if (prefix_hash[p] != t->h) continue; /* cheap first-word test */
      /* "Xã Tắc" (a name) is not "xã Tắc": the prefix's case must match
      ** unless the token starts the sentence or a line */
      int w = xt_phrase(x, i, prefixes[p].key);
      int upper = prefixes[p].key[0] >= 'A' && prefixes[p].key[0] <= 'Z';
      if (w && !initial && upper != !!(t->flags & TF_UPPER)) w = 0;
      if (!w) continue;
      size_t a = i + (size_t)w, b = a;
      /* "các xã, phường: Trần Phú, Ninh Dương, Hải Tiến" */
      while (xt_punct(x, a, ',') && a + 1 < x->n &&
             (xt_bits(x, a + 1) & TR_PLACE))
        a += 2;
      if (xt_punct(x, a, ':')) {
        size_t e = place_list(x, a + 1, prefixes[p].val);
        if (e > a + 1) {
          i = e - 1;
          break;
        }
      }
      b = a = i + (size_t)w;
      if (b < x->n && (k = xt_lookup(x, b, g, &e))) break; /* next round */
      while (b < x->n && b - a < 4 && name_syllable(&x->t[b]) &&
             (x->t[b].flags & TF_SPACE))
        b++;
      if (b > a && !(b < x->n && name_syllable(&x->t[b]))) {
        size_t n = xt_end(x, b) - x->t[a].off;
        add_place(x, x->s + x->t[a].off, n, prefixes[p].val);
        i = b - 1;
      }
      break;
    }
  }
}

void extract_places_init(void) {
  const lex_pair *pre = lexicon_get()->pairs[LEX_PLACE_PREFIXES];
  for (int p = 0; pre[p].key && p < PREFIX_MAX; p++) {
    prefixes[p] = pre[p];
    size_t n = strcspn(prefixes[p].key, " ");
    prefix_hash[p] = lexicon_word_hash(prefixes[p].key, n);
  }
  xwords_load(&ws_lower_heads, LEX_PLACE_HEADS, 1);
  xwords_load(&ws_org_words, LEX_ORG_WORDS, 1);
}
