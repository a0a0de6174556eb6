/*
** test_minhash.c — MinHash signatures and near-duplicate clusters
** (minhash.c).
** Plan:
**  1. signatures: the same tokens give the same slots; fewer than three
**     tokens give none (mh_finish 0); densification fills every slot of a
**     short text; the share of equal slots estimates the Jaccard
**     similarity of two shingle sets (within 0.15 for known overlaps);
**     the 16-bit fold keeps equal slots equal.
**  2. clusters against a brute-force reference: families of mutated
**     copies of random signatures plus random singletons, ids shuffled;
**     the reference joins every pair (all n^2 of them) that agrees on a
**     band and reaches the threshold; mh_cluster must give exactly the same
**     clusters, in the same order (largest first, then smallest id) with
**     members by id, at two thresholds and two band layouts.
**  3. bad layouts (bands not dividing k) are refused.
*/
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "minhash.h"

static void sign_words(mh_sig *h, int k, int from, int to) {
  char tok[32];
  mh_init(h, k);
  for (int i = from; i < to; i++) {
    int n = snprintf(tok, sizeof tok, "t%d", i);
    mh_token(h, tok, (size_t)n);
  }
  mh_finish(h);
}

static double sig_share(const mh_sig *a, const mh_sig *b) {
  int same = 0;
  for (int i = 0; i < a->k; i++) same += a->slot[i] == b->slot[i];
  return (double)same / a->k;
}

static void test_signatures(void) {
  mh_sig a, b;
  sign_words(&a, 64, 0, 300);
  sign_words(&b, 64, 0, 300);
  CHECK(memcmp(a.slot, b.slot, sizeof a.slot) == 0);
  mh_init(&a, 64);
  mh_token(&a, "x", 1), mh_token(&a, "y", 1);
  CHECK(mh_finish(&a) == 0);
  CHECK(a.slot[0] == UINT32_MAX && a.slot[63] == UINT32_MAX);
  sign_words(&a, 64, 0, 5); /* 3 shingles for 64 slots */
  int empty = 0;
  for (int i = 0; i < 64; i++) empty += a.slot[i] == UINT32_MAX;
  CHECK(empty == 0);
  /* tokens 0..400 and 200..600: 198 shared shingles of 598 -> J = 0.33 */
  sign_words(&a, 256, 0, 400);
  sign_words(&b, 256, 200, 600);
  double s = sig_share(&a, &b);
  CHECK(s > 0.33 - 0.15 && s < 0.33 + 0.15);
  sign_words(&b, 256, 0, 380); /* 378 of 398 shingles: J = 0.95 */
  s = sig_share(&a, &b);
  CHECK(s > 0.80);
  uint16_t fa[256], fb[256];
  mh_fold16(&a, fa), mh_fold16(&b, fb);
  int same16 = 0, same32 = 0;
  for (int i = 0; i < 256; i++)
    same16 += fa[i] == fb[i], same32 += a.slot[i] == b.slot[i];
  CHECK(same16 >= same32 && same16 <= same32 + 2);
}

/* ---- brute-force reference ---- */

static uint32_t rng = 12345;
static uint32_t next(void) {
  rng ^= rng << 13, rng ^= rng >> 17, rng ^= rng << 5;
  return rng;
}

static uint32_t find(uint32_t *p, uint32_t x) {
  while (p[x] != x) x = p[x] = p[p[x]];
  return x;
}

static int agree_band(const mh_set *s, size_t i, size_t j, int bands) {
  int rb = s->k / bands;
  for (int b = 0; b < bands; b++)
    if (!memcmp(s->sig + i * (size_t)s->k + b * rb,
                s->sig + j * (size_t)s->k + b * rb, (size_t)rb * 2))
      return 1;
  return 0;
}

/* The reference answer as text: "id,id;id,id,id;..." */
static void reference(const mh_set *s, int bands, double thr, char *out) {
  uint32_t *p = malloc(s->n * sizeof *p);
  for (size_t i = 0; i < s->n; i++) p[i] = (uint32_t)i;
  for (size_t i = 0; i < s->n; i++)
    for (size_t j = i + 1; j < s->n; j++)
      if (agree_band(s, i, j, bands) && mh_set_sim(s, i, j) >= thr) {
        uint32_t a = find(p, (uint32_t)i), b = find(p, (uint32_t)j);
        if (a != b) p[a] = b;
      }
  /* clusters: repeatedly pick the largest (then smallest id) remaining */
  size_t *size = calloc(s->n, sizeof *size);
  int64_t *minid = malloc(s->n * sizeof *minid);
  for (size_t i = 0; i < s->n; i++) minid[i] = INT64_MAX;
  for (size_t i = 0; i < s->n; i++) {
    uint32_t r = find(p, (uint32_t)i);
    size[r]++;
    if (s->id[i] < minid[r]) minid[r] = s->id[i];
  }
  out[0] = '\0';
  for (;;) {
    size_t best = s->n;
    for (size_t r = 0; r < s->n; r++)
      if (size[r] >= 2 && (best == s->n || size[r] > size[best] ||
                           (size[r] == size[best] && minid[r] < minid[best])))
        best = r;
    if (best == s->n) break;
    int64_t last = INT64_MIN;
    for (size_t m = 0; m < size[best]; m++) { /* members by id */
      int64_t lo = INT64_MAX;
      for (size_t i = 0; i < s->n; i++)
        if (find(p, (uint32_t)i) == best && s->id[i] > last && s->id[i] < lo)
          lo = s->id[i];
      sprintf(out + strlen(out), "%s%lld", m ? "," : "", (long long)lo);
      last = lo;
    }
    strcat(out, ";");
    size[best] = 0;
  }
  free(p), free(size), free(minid);
}

static void answer(const mh_set *s, const mh_clusters *c, char *out) {
  out[0] = '\0';
  for (size_t i = 0; i < c->n; i++) {
    for (size_t j = c->start[i]; j < c->start[i + 1]; j++)
      sprintf(out + strlen(out), "%s%lld", j > c->start[i] ? "," : "",
              (long long)s->id[c->member[j]]);
    strcat(out, ";");
  }
}

/* Families of mutated copies (each slot redrawn with a family's rate) and
** singletons; ids a shuffled permutation of 1000..1000+n. */
static void fill(mh_set *s, int k, size_t n) {
  int64_t *ids = malloc(n * sizeof *ids);
  for (size_t i = 0; i < n; i++) ids[i] = 1000 + (int64_t)i;
  for (size_t i = n - 1; i > 0; i--) {
    size_t j = next() % (i + 1);
    int64_t t = ids[i];
    ids[i] = ids[j], ids[j] = t;
  }
  uint16_t base[MH_MAX], sig[MH_MAX];
  size_t i = 0;
  while (i < n) {
    int members = 1 + (int)(next() % 6), rate = (int)(next() % 50);
    for (int x = 0; x < k; x++) base[x] = (uint16_t)next();
    for (int m = 0; m < members && i < n; m++, i++) {
      for (int x = 0; x < k; x++)
        sig[x] = (int)(next() % 100) < rate ? (uint16_t)next() : base[x];
      mh_set_add(s, ids[i], sig);
    }
  }
  free(ids);
}

static void test_clusters(int k, int bands, double thr) {
  mh_set s;
  mh_set_init(&s, k);
  fill(&s, k, 1500);
  mh_clusters c;
  CHECK(mh_cluster(&s, bands, thr, &c) == 0);
  static char want[1 << 16], got[1 << 16];
  reference(&s, bands, thr, want);
  answer(&s, &c, got);
  CHECK(c.n > 50); /* the data has clusters to find */
  CHECK_STR(got, want);
  mh_clusters_free(&c);
  mh_set_free(&s);
}

int main(void) {
  test_signatures();
  test_clusters(64, 16, 0.8);
  test_clusters(64, 16, 0.5);
  test_clusters(32, 8, 0.7);
  mh_set s;
  mh_set_init(&s, 64);
  mh_clusters c;
  CHECK(mh_cluster(&s, 16, 0.8, &c) == 0 && c.n == 0); /* empty set */
  mh_clusters_free(&c);
  CHECK(mh_cluster(&s, 3, 0.8, &c) == -1);
  mh_set_free(&s);
  return check_done();
}
