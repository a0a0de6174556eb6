/*
** extract_num_unit.c — the lookups of data/units.txt that the figure
** extractor asks at the word after a number (extract_num_int.h): a word
** that no longer key can take in is answered by its bytes alone, and the
** same few follow numbers page after page ("đồng", "năm", "tuổi", "USD"),
** so those answers are kept by the word; the join, fold and probes of
** xt_lookup cost some 600 instructions a call.
*/
#include <stdlib.h>
#include <string.h>

#include "extract_num_int.h"
#include "util_tls.h" /* unit_tls */

/* One kept answer: the word's bytes (n <= 16, the rest zero), xt_lookup's
** count (0 or 1) and entry. */
#define UNIT_SLOTS 512
typedef struct unit_slot {
  uint64_t w[2];
  const lex_entry *e;
  uint8_t n;
  int8_t k;
} unit_slot;

/* A thread's slots, made zeroed on its first question (not in the static
** TLS block, as extract_num_seg.c's spans). */
static _Thread_local unit_slot *units_kept;

/* Free a thread's slots at its end (util_tls runs this on that thread). */
static void units_drop(void *p) {
  if (units_kept == p) units_kept = NULL;
  free(p);
}

static util_tls unit_tls =
    UTIL_TLS_INIT(UNIT_SLOTS * sizeof(unit_slot), units_drop);

/*
** Does xt_lookup at word token i, of a table whose keys start with it
** and have at most maxw words, read token i alone (xtok_lookup.c's join:
** it stops before token i + 1 and takes token i as a candidate)? So when
** no token follows; when punctuation that no key holds follows ('-', '/',
** '&', '–' and a '.' glued between two words are joined); and, with maxw
** 1, when the next token is written after a space (the join stops at the
** first such token then). Else 0: the answer may depend on more.
*/
static int unit_alone(const xsent *x, size_t i, int maxw) {
  if (i + 1 >= x->n) return 1;
  const tok *nx = &x->t[i + 1];
  int spaced = (nx->flags & TF_SPACE) != 0;
  if (nx->type != T_PUNCT) return maxw == 1 && spaced;
  int32_t c = nx->cp;
  if (c == '-' || c == '/' || c == '&' || c == 0x2013)
    return maxw == 1 && spaced;
  if (c == '.' && !spaced && i + 2 < x->n && x->t[i + 2].type == T_WORD)
    return 0; /* "TP.HCM": the dot joins */
  return 1;
}

/* The n (<= 16) bytes of token tk into v[2], the rest zero. */
static void unit_bytes(const xsent *x, const tok *tk, uint64_t v[2]) {
  const char *w = x->s + tk->off;
  size_t n = tk->len;
  v[0] = v[1] = 0;
  if (tk->off + 16 <= x->end) { /* two loads within the sentence's text */
    v[0] = lexicon_load8(w), v[1] = lexicon_load8(w + 8);
    if (n < 8) v[0] &= (1ull << (8 * n)) - 1;
    v[1] = n <= 8 ? 0 : n < 16 ? v[1] & ((1ull << (8 * (n - 8))) - 1) : v[1];
    return;
  }
  for (size_t q = 0; q < n; q++)
    v[q / 8] |= (uint64_t)(unsigned char)w[q] << (8 * (q % 8));
}

int xnum_unit_lookup(const xsent *x, size_t i, const lex_entry **out) {
  const lex_table *t = &x->x->lx->units;
  if (i >= x->n || !t->n || x->t[i].type != T_WORD) /* as xt_lookup: */
    return xt_lookup(x, i, t, out);                 /* none, or a number */
  const tok *tk = &x->t[i];
  int maxw = lex_first(t, tk->h);
  if (!maxw) return 0; /* as xt_lookup */
  if (tk->len == 0 || tk->len > 16 || !unit_alone(x, i, maxw))
    return xt_lookup_at(x, i, t, out, maxw);
  uint64_t v[2];
  unit_bytes(x, tk, v);
  if (!units_kept) units_kept = util_tls_get(&unit_tls);
  unit_slot *sl = &units_kept[(tk->h ^ tk->h >> 11) & (UNIT_SLOTS - 1)];
  if (sl->n != tk->len || sl->w[0] != v[0] || sl->w[1] != v[1]) {
    const lex_entry *e = NULL;
    int k = xt_lookup_at(x, i, t, &e, maxw);
    if (k > 1) { /* never, alone; not kept then */
      if (out) *out = e;
      return k;
    }
    sl->w[0] = v[0], sl->w[1] = v[1], sl->n = (uint8_t)tk->len;
    sl->k = (int8_t)k, sl->e = e;
  }
  if (sl->k && out) *out = sl->e;
  return sl->k;
}
