/*
** parse_phrases.c — the parser's phrase lists (lexicon_list), indexed
** (parse_phrases.h): each list cut by the folded first code point of
** its phrases (folded once), and each phrase's rarest byte, so that a
** test of a line against a list looks only at the phrases that can match
** it. The answers are pt_any_starts', pt_any_line_is' and pt_any_contains' on
*the
** whole list, byte for byte; each list built when first asked (under a
** mutex), then read-only.
*/
#ifndef _GNU_SOURCE
#define _GNU_SOURCE /* memmem */
#endif
#include "parse_phrases.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "lexicon.h"
#include "parse_int.h"
#include "text.h"
#include "util.h"

/* The phrases of one list that share a folded first code point. */
typedef struct pp_group {
  int32_t key;
  size_t *items; /* their indexes, in list order */
  size_t n;
  size_t cps; /* the most code points one of them has */
} pp_group;

typedef struct pp_list {
  pp_group *g;
  size_t ng;
  size_t n;                 /* phrases */
  const char **items;       /* the list, as lexicon_list gives it */
  size_t *len;              /* each phrase's length */
  int32_t **fold;           /* each phrase's code points, folded */
  size_t *cps;              /* their number */
  unsigned char *rare;      /* each phrase's rarest byte (rarity) */
  size_t *rare_at;          /* where it is in the phrase */
  unsigned char ascii[128]; /* the group of an ASCII key + 1, or 0 */
} pp_list;

/* Phrases longer than this (in code points) are matched by parse_text.c
** itself; a line's first PP_CPS code points are folded once a test. */
enum { PP_CPS = 64 };

static pp_list lists[LEXL__COUNT];
static atomic_int ready[LEXL__COUNT]; /* lists[w] is built */
static pthread_mutex_t build_mu = PTHREAD_MUTEX_INITIALIZER;

/* A code point folded as pt_prefix_ci folds it. */
static int32_t fold(int32_t c) {
  if (c < 0x80) return c >= 'A' && c <= 'Z' ? c + 32 : c;
  return utf8proc_tolower(c);
}

/* The folded first code point of s[0..n) (-1 when empty), as
** parse_text.c's first_fold: the filter pt_any_starts and pt_any_line_is
** apply to every phrase (a phrase is read with n = 4). */
static int32_t first_fold(const char *s, size_t n) {
  int k;
  if (!n) return -1;
  unsigned char c = (unsigned char)s[0];
  return c < 0x80 ? fold(c) : fold(pp_cp_at(s, n, 0, &k));
}

/* The folded code points of s[0..n) into f (at most cap), as
** pt_prefix_ci reads them; their number. */
static size_t fold_cps(const char *s, size_t n, int32_t *f, size_t cap) {
  size_t i = 0, c = 0;
  while (i < n && c < cap) {
    int k;
    f[c++] = fold(pp_cp_at(s, n, i, &k));
    i += (size_t)k;
  }
  return c;
}

/* How common byte b is in the parser's lines (lower is rarer): spaces,
** lower-case letters and the lead bytes of Vietnamese letters first. */
static int rarity(unsigned char b) {
  if (b == ' ') return 9;
  if (b == 0xE1 || b == 0xBB || b == 0xBA || b == 0xC3 || b == 0xC4 ||
      b == 0xC6)
    return 8;
  if (b >= 'a' && b <= 'z') return (b == 'n' || b == 'h' || b == 'g') ? 7 : 6;
  if (b >= 0x80) return 5;
  if (b >= 'A' && b <= 'Z') return 3;
  return b == ',' || b == '.' ? 4 : 1;
}

/* The rarest byte of s[0..n) (rarity), the first of equals; 0 when
** empty. */
static unsigned char rarest(const char *s, size_t n) {
  unsigned char r = 0;
  for (size_t i = 0; i < n; i++)
    if (!r || rarity((unsigned char)s[i]) < rarity(r)) r = (unsigned char)s[i];
  return r;
}

/* Index list `which`: its groups by first fold, lengths, rarest bytes,
** folded code points. */
static void build_list(pp_list *l, const char *const *set) {
  size_t n = 0;
  while (set[n]) n++;
  l->n = n, l->items = xmalloc((n + 1) * sizeof *l->items);
  l->len = xmalloc((n + 1) * sizeof *l->len);
  l->fold = xmalloc((n + 1) * sizeof *l->fold);
  l->cps = xmalloc((n + 1) * sizeof *l->cps);
  l->rare = xmalloc(n + 1);
  l->rare_at = xmalloc((n + 1) * sizeof *l->rare_at);
  l->g = xmalloc((n + 1) * sizeof *l->g);
  int32_t *key = xmalloc((n + 1) * sizeof *key);
  for (size_t i = 0; i < n; i++) {
    size_t m = strlen(set[i]);
    l->items[i] = set[i], l->len[i] = m;
    l->rare[i] = rarest(set[i], m);
    const char *ra = m ? memchr(set[i], l->rare[i], m) : NULL;
    l->rare_at[i] = ra ? (size_t)(ra - set[i]) : 0;
    l->fold[i] = xmalloc((m + 1) * sizeof **l->fold);
    l->cps[i] = fold_cps(set[i], m, l->fold[i], m);
    key[i] = first_fold(set[i], 4);
  }
  l->items[n] = NULL;
  for (size_t i = 0; i < n; i++) {
    size_t g = 0;
    while (g < l->ng && l->g[g].key != key[i]) g++;
    if (g < l->ng) continue; /* grouped with an earlier phrase */
    if (key[i] >= 0 && key[i] < 128)
      l->ascii[key[i]] = (unsigned char)(l->ng + 1);
    pp_group *e = &l->g[l->ng++];
    e->key = key[i], e->n = 0, e->cps = 0;
    e->items = xmalloc((n - i) * sizeof *e->items);
    for (size_t j = i; j < n; j++)
      if (key[j] == key[i]) {
        e->items[e->n++] = j;
        if (l->cps[j] > e->cps) e->cps = l->cps[j];
      }
  }
  free(key);
}

/* List `which` indexed (an unknown one reads as list 0, as lexicon_list
** reads it). */
static const pp_list *list_of(int which) {
  if (which < 0 || which >= LEXL__COUNT) which = 0;
  if (!atomic_load_explicit(&ready[which], memory_order_acquire)) {
    pthread_mutex_lock(&build_mu); /* built once, by the first asker */
    if (!atomic_load_explicit(&ready[which], memory_order_relaxed)) {
      build_list(&lists[which], lexicon_list(which));
      atomic_store_explicit(&ready[which], 1, memory_order_release);
    }
    pthread_mutex_unlock(&build_mu);
  }
  return &lists[which];
}

/* The group of list l whose first code point folds as s's, or NULL. */
static const pp_group *group_of(const pp_list *l, const char *s, size_t n) {
  int32_t f = first_fold(s, n);
  if (f >= 0 && f < 128) return l->ascii[f] ? &l->g[l->ascii[f] - 1] : NULL;
  for (size_t g = 0; g < l->ng; g++)
    if (l->g[g].key == f) return &l->g[g];
  return NULL;
}

/* The bytes pt_line_is skips after the phrase. */
static int space_punct(char c) {
  return c == ' ' || c == ':' || c == '.' || c == '!' || c == '-' || c == '|';
}

/* A line's code points, folded as far as the phrases asked need them. */
typedef struct pp_line {
  const char *s;
  size_t n, i;        /* the line; the byte after the last folded */
  size_t c;           /* code points folded */
  int32_t f[PP_CPS];  /* folded */
  size_t off[PP_CPS]; /* the byte after each */
} pp_line;

/* Fold the line's code points up to c + 1 of them; 0 when it has fewer. */
static int fold_to(pp_line *L, size_t c) {
  while (L->c <= c) {
    if (L->i >= L->n) return 0;
    unsigned char b = (unsigned char)L->s[L->i];
    int k = 1;
    L->f[L->c] = b < 0x80 ? (b >= 'A' && b <= 'Z' ? b + 32 : b)
                          : fold(pp_cp_at(L->s, L->n, L->i, &k));
    L->i += (size_t)k, L->off[L->c++] = L->i;
  }
  return 1;
}

/* Does phrase i of l open the line (pt_starts_word; pt_line_is when
** line)? */
static int phrase_at(const pp_list *l, size_t i, pp_line *L, int line) {
  const char *s = L->s;
  size_t m = l->cps[i], n = L->n;
  if (m > PP_CPS) /* past the folded prefix: parse_text.c decides */
    return line ? pt_line_is(s, n, l->items[i])
                : pt_starts_word(s, n, l->items[i]);
  if (m == 0) return 0;
  for (size_t c = 0; c < m; c++)
    if (!fold_to(L, c) || L->f[c] != l->fold[i][c]) return 0;
  size_t k = L->off[m - 1]; /* pt_prefix_ci's answer */
  if (line) {
    while (k < n && space_punct(s[k])) k++;
    return k == n;
  }
  int len;
  return k == n || !text_is_letter(pp_cp_at(s, n, k, &len));
}

/* Does a phrase of l open s[0..n) (line: as the whole line)? The line's
** second code point is folded first: a phrase whose second differs is
** passed over without phrase_at. */
static int any_in(const pp_list *l, const char *s, size_t n, int line) {
  const pp_group *g = group_of(l, s, n);
  if (!g) return 0;
  pp_line L;
  L.s = s, L.n = n, L.i = 0, L.c = 0;
  int32_t second = fold_to(&L, 1) ? L.f[1] : -2; /* -2: the line has one */
  for (size_t j = 0; j < g->n; j++) {
    size_t i = g->items[j], m = l->cps[i];
    if (m >= 2 && m <= PP_CPS && l->fold[i][1] != second) continue;
    if (phrase_at(l, i, &L, line)) return 1;
  }
  return 0;
}

int pp_any_starts(const char *s, size_t n, int which) {
  return any_in(list_of(which), s, n, 0);
}

int pp_any_line_is(const char *s, size_t n, int which) {
  return any_in(list_of(which), s, n, 1);
}

/* Lists that are no lexicon list (a file's own short lists), indexed
** the same way on first use, found by their address. */
enum { PP_SETS = 16 };
static struct {
  const char *const *set;
  pp_list l;
} sets[PP_SETS];
static atomic_int nsets;

/* set indexed, or NULL when PP_SETS lists are indexed already. */
static const pp_list *list_for(const char *const *set) {
  int k = atomic_load_explicit(&nsets, memory_order_acquire);
  for (int i = 0; i < k; i++)
    if (sets[i].set == set) return &sets[i].l;
  const pp_list *r = NULL;
  pthread_mutex_lock(&build_mu);
  k = atomic_load_explicit(&nsets, memory_order_relaxed);
  for (int i = 0; i < k && !r; i++)
    if (sets[i].set == set) r = &sets[i].l;
  if (!r && k < PP_SETS) {
    build_list(&sets[k].l, set);
    sets[k].set = set, r = &sets[k].l;
    atomic_store_explicit(&nsets, k + 1, memory_order_release);
  }
  pthread_mutex_unlock(&build_mu);
  return r;
}

int pp_set_starts(const char *s, size_t n, const char *const *set) {
  const pp_list *l = list_for(set);
  return l ? any_in(l, s, n, 0) : pt_any_starts(s, n, set);
}

/* Does phrase i of l occur in s[0..n)? (memmem's answer) Tried only
** where its rarest byte is (memchr), the phrase compared around it. */
static int occurs(const pp_list *l, size_t i, const char *s, size_t n) {
  size_t m = l->len[i], r = l->rare_at[i];
  if (!m) return 1;
  if (m > n) return 0;
  /* the rare byte of a start at s[0..n - m]: in s[r..n - m + r] */
  const char *c = s + r, *e = s + (n - m) + r + 1;
  for (; (c = memchr(c, l->rare[i], (size_t)(e - c))); c++)
    if (memcmp(c - r, l->items[i], m) == 0) return 1;
  return 0;
}

int pp_any_contains(const char *s, size_t n, int which) {
  const pp_list *l = list_of(which);
  for (size_t i = 0; i < l->n; i++)
    if (occurs(l, i, s, n)) return 1;
  return 0;
}
