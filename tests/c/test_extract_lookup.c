/*
** test_extract_lookup.c — xl_lookup (extract_lookup.c: xt_lookup whose
** join stops at the first text that starts no key) answers as xt_lookup
** itself, same token count and same entry, at every token of sentences
** built at random from the keys of the tables it serves (titles,
** degrees, monastic ranks, the gazetteer, surnames), whole, cut short,
** in capitals or lower case, glued to punctuation ("TP.", "-", "/"),
** between filler words; and of a few real-shaped sentences.
*/
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "extract_lookup.h"
#include "lexicon.h"
#include "xtok.h"

static uint32_t rng = 2024;
static long found; /* lookups that found a key: the test reaches them */
static unsigned rnd(unsigned m) {
  rng = rng * 1103515245u + 12345u;
  return (rng >> 8) % m;
}

#define MAXKEYS 4096
static const char *keys[MAXKEYS];
static size_t nkeys;

/* Every key of t, as written (the canonical value when there is one:
** the keys of a folding table are lower-cased). */
static void collect(const lex_table *t) {
  for (size_t s = 0; s < t->cap && nkeys < MAXKEYS; s++)
    if (t->slots[s].key)
      keys[nkeys++] = t->slots[s].val ? t->slots[s].val : t->slots[s].key;
}

static const char *const fillers[] = {
    "và",   "của",  "ông",   "bà",     ",",    ".",    "-",  "/",
    "TP.",  "tỉnh", "huyện", "Nguyễn", "Văn",  "An",   "Hà", "Nội",
    "Phó",  "Chủ",  "tịch",  "2020",   "(",    ")",    "&",  "–",
    "UBND", "Thị",  "Bí",    "thư",    "Tổng", "PGS.", "TS",
};

/* Append piece p to buf (cap bytes) at *o, changed at random: cut after
** a word, all capitals (ASCII), first letter lower-cased (ASCII). */
static void append(char *buf, size_t cap, size_t *o, const char *p) {
  char w[256];
  size_t n = strlen(p);
  if (n >= sizeof w) n = sizeof w - 1;
  memcpy(w, p, n);
  w[n] = 0;
  unsigned r = rnd(8);
  if (r == 0) { /* cut at a space */
    char *sp = strrchr(w, ' ');
    if (sp) *sp = 0;
  } else if (r == 1) {
    for (char *c = w; *c; c++)
      if (*c >= 'a' && *c <= 'z') *c -= 32;
  } else if (r == 2 && w[0] >= 'A' && w[0] <= 'Z')
    w[0] += 32;
  n = strlen(w);
  if (*o + n + 2 >= cap) return;
  if (*o && rnd(6)) buf[(*o)++] = ' ';
  memcpy(buf + *o, w, n);
  *o += n;
  buf[*o] = 0;
}

/* Compare both lookups at every token of every sentence of s, on every
** table; returns the number of disagreements. */
static int compare_text(const char *s, const lex_table *const *tabs, int nt) {
  tokvec v = {0};
  int bad = 0;
  size_t b = strlen(s);
  for (size_t a = 0; a < b;) {
    unsigned feat = 0;
    size_t e = xt_tokenize(s, a, b, &v, &feat);
    xsent x = {0};
    x.s = s, x.start = a, x.end = e, x.t = v.items, x.n = v.n;
    for (size_t i = 0; i <= v.n; i++)
      for (int k = 0; k < nt; k++) {
        const lex_entry *e1 = NULL, *e2 = NULL;
        int k1 = xt_lookup(&x, i, tabs[k], &e1);
        int k2 = xl_lookup(&x, i, tabs[k], &e2);
        found += k1 > 0;
        if (k1 != k2 || (k1 && e1 != e2)) {
          if (bad < 5)
            fprintf(stderr, "table %d token %zu: %d vs %d in \"%s\"\n", k, i,
                    k1, k2, s);
          bad++;
        }
      }
    a = e;
  }
  free(v.items);
  return bad;
}

int main(void) {
  printf("# extract_lookup: xl_lookup = xt_lookup\n");
  const lexicon *lx = lexicon_get();
  xtok_init();
  xl_init(lx);
  const lex_table *tabs[] = {&lx->titles, &lx->degrees,  &lx->monastic,
                             &lx->places, &lx->surnames, &lx->issuers};
  int nt = (int)(sizeof tabs / sizeof *tabs);
  for (int k = 0; k < 5; k++) collect(tabs[k]);
  if (nkeys == 0) {
    printf("no lexicon: skipped\n");
    return 77;
  }
  static const char *const real[] = {
      "Phó Chủ tịch UBND tỉnh Nguyễn Văn An và PGS.TS Trần Thị Bình thăm "
      "TP.HCM, TP. Hồ Chí Minh, Hà Nội, Bà Rịa-Vũng Tàu.",
      "Thượng tọa Thích Minh Tuệ, Đại tá Lê Văn Cường, Chủ tịch nước Lào "
      "Thongloun Sisoulith; GS - TS Phạm Hùng, nguyên Bộ trưởng Bộ Y tế.",
  };
  int bad = 0;
  for (size_t r = 0; r < sizeof real / sizeof *real; r++)
    bad += compare_text(real[r], tabs, nt);
  char buf[2048];
  for (int round = 0; round < 3000; round++) {
    size_t o = 0;
    buf[0] = 0;
    int pieces = 1 + (int)rnd(12);
    for (int p = 0; p < pieces; p++) {
      if (rnd(2))
        append(buf, sizeof buf, &o, keys[rnd((unsigned)nkeys)]);
      else
        append(buf, sizeof buf, &o,
               fillers[rnd(sizeof fillers / sizeof *fillers)]);
    }
    bad += compare_text(buf, tabs, nt);
  }
  CHECK(bad == 0);
  CHECK(found > 1000);
  printf("%ld keys found, %zu keys used\n", found, nkeys);
  return check_done();
}
