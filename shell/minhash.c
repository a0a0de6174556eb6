/*
** minhash.c — MinHash signatures (one-permutation hashing over token
** shingles) and near-duplicate clusters by LSH banding and union-find.
** See minhash.h.
*/
#include "minhash.h"

#include <stdlib.h>
#include <string.h>

#include "util.h"

/* MurmurHash3's 64-bit finalizer: spreads the bits of x. */
static uint64_t mix64(uint64_t x) {
  x ^= x >> 33;
  x *= 0xff51afd7ed558ccdULL;
  x ^= x >> 33;
  x *= 0xc4ceb9fe1a85ec53ULL;
  x ^= x >> 33;
  return x;
}

void mh_init(mh_sig *h, int k) {
  memset(h, 0, sizeof *h);
  h->k = k < 1 ? 1 : k > MH_MAX ? MH_MAX : k;
  for (int i = 0; i < h->k; i++) h->slot[i] = UINT32_MAX;
}

/*
** The next token: once MH_SHINGLE tokens are seen, the shingle of the
** last MH_SHINGLE (their hashes mixed in order) picks a slot by its value
** modulo k and offers the slot its high 32 bits.
*/
void mh_token(mh_sig *h, const char *tok, size_t n) {
  h->ring[h->ntok % MH_SHINGLE] = util_hash64(tok, n);
  h->ntok++;
  if (h->ntok < MH_SHINGLE) return;
  uint64_t x = 0;
  for (long i = h->ntok - MH_SHINGLE; i < h->ntok; i++)
    x = mix64(x ^ h->ring[i % MH_SHINGLE]);
  int b = (int)(x % (uint64_t)h->k);
  uint32_t v = (uint32_t)(x >> 32);
  if (v < h->slot[b]) h->slot[b] = v;
}

/* Densify: an empty slot borrows the next filled one (cyclically), moved
** by its distance so that borrowed values differ from the original. */
int mh_finish(mh_sig *h) {
  int any = 0, k = h->k;
  for (int i = 0; i < k; i++) any |= h->slot[i] != UINT32_MAX;
  if (!any) return 0;
  uint32_t out[MH_MAX];
  for (int i = 0; i < k; i++) {
    int j = i, step = 0;
    while (h->slot[j] == UINT32_MAX) j = (j + 1) % k, step++;
    out[i] = h->slot[j] + (uint32_t)step * 0x9e3779b9u;
  }
  memcpy(h->slot, out, sizeof(uint32_t) * (size_t)k);
  return 1;
}

void mh_fold16(const mh_sig *h, uint16_t *out) {
  for (int i = 0; i < h->k; i++) out[i] = (uint16_t)(mix64(h->slot[i]) >> 48);
}

/* ---- sets of signatures ---- */

void mh_set_init(mh_set *s, int k) {
  memset(s, 0, sizeof *s);
  s->k = k;
}

void mh_set_free(mh_set *s) {
  free(s->id);
  free(s->sig);
  memset(s, 0, sizeof *s);
}

void mh_set_add(mh_set *s, int64_t id, const uint16_t *sig) {
  if (s->n == s->cap) {
    s->cap = s->cap ? s->cap * 2 : 1024;
    s->id = xrealloc(s->id, s->cap * sizeof *s->id);
    s->sig = xrealloc(s->sig, s->cap * (size_t)s->k * sizeof *s->sig);
  }
  s->id[s->n] = id;
  memcpy(s->sig + s->n * (size_t)s->k, sig, (size_t)s->k * sizeof *sig);
  s->n++;
}

double mh_set_sim(const mh_set *s, size_t a, size_t b) {
  const uint16_t *x = s->sig + a * (size_t)s->k, *y = s->sig + b * (size_t)s->k;
  int same = 0;
  for (int i = 0; i < s->k; i++) same += x[i] == y[i];
  return (double)same / s->k;
}

/* ---- clustering ---- */

typedef struct cl {
  const mh_set *s;
  uint32_t *parent; /* union-find forest over set indices */
  uint64_t *key;    /* band hash << 32 | index, sorted per band */
  uint64_t *tmp;    /* radix sort scratch */
  double thr;
} cl;

static uint32_t find(uint32_t *parent, uint32_t x) {
  while (parent[x] != x) {
    parent[x] = parent[parent[x]];
    x = parent[x];
  }
  return x;
}

/* Join the clusters of a and b under the root with the smaller id. */
static void join(cl *c, uint32_t ra, uint32_t rb) {
  if (c->s->id[rb] < c->s->id[ra]) {
    uint32_t t = ra;
    ra = rb, rb = t;
  }
  c->parent[rb] = ra;
}

/* Sort c->key[0..n) by its high 32 bits (LSD radix, 4 passes of 8). */
static void sort_keys(cl *c, size_t n) {
  uint64_t *a = c->key, *b = c->tmp;
  for (int shift = 32; shift < 64; shift += 8) {
    size_t cnt[257] = {0};
    for (size_t i = 0; i < n; i++) cnt[((a[i] >> shift) & 0xFF) + 1]++;
    for (int d = 0; d < 256; d++) cnt[d + 1] += cnt[d];
    for (size_t i = 0; i < n; i++) b[cnt[(a[i] >> shift) & 0xFF]++] = a[i];
    uint64_t *t = a;
    a = b, b = t;
  }
  /* four passes: the sorted keys are back in c->key */
}

/* The pairs of one group of equal band hashes [from, to): a pair not yet
** in one cluster, equal on the band and similar enough, joins. */
static void group_pairs(cl *c, size_t from, size_t to, size_t off, size_t rb) {
  const mh_set *s = c->s;
  for (size_t x = from; x < to; x++) {
    uint32_t p = (uint32_t)c->key[x];
    for (size_t y = x + 1; y < to; y++) {
      uint32_t q = (uint32_t)c->key[y];
      uint32_t rp = find(c->parent, p), rq = find(c->parent, q);
      if (rp == rq) continue;
      if (memcmp(s->sig + p * (size_t)s->k + off,
                 s->sig + q * (size_t)s->k + off, rb * sizeof *s->sig))
        continue; /* the band hashes collided */
      if (mh_set_sim(s, p, q) >= c->thr) join(c, rp, rq);
    }
  }
}

/* One band: hash each signature's slots [off, off + rb), sort, pair up
** the signatures of each group of equal hashes. */
static void band(cl *c, size_t off, size_t rb) {
  const mh_set *s = c->s;
  for (size_t i = 0; i < s->n; i++) {
    uint64_t h =
        util_hash64(s->sig + i * (size_t)s->k + off, rb * sizeof *s->sig);
    c->key[i] = (mix64(h) & 0xFFFFFFFF00000000ULL) | i;
  }
  sort_keys(c, s->n);
  size_t i = 0;
  while (i < s->n) {
    size_t j = i + 1;
    while (j < s->n && (c->key[j] >> 32) == (c->key[i] >> 32)) j++;
    if (j - i > 1 && j - i <= MH_GROUP) group_pairs(c, i, j, off, rb);
    i = j;
  }
}

typedef struct croot {
  uint32_t root;
  uint32_t size;
} croot;

static const mh_set *cmp_set; /* qsort has no context argument */

static int cmp_root(const void *a, const void *b) {
  const croot *x = a, *y = b;
  if (x->size != y->size) return x->size > y->size ? -1 : 1;
  int64_t i = cmp_set->id[x->root], j = cmp_set->id[y->root];
  return i < j ? -1 : i > j;
}

static int cmp_member(const void *a, const void *b) {
  int64_t i = cmp_set->id[*(const uint32_t *)a];
  int64_t j = cmp_set->id[*(const uint32_t *)b];
  return i < j ? -1 : i > j;
}

/* The roots of clusters of two or more, in output order; *nr set. Uses
** c->tmp as the per-index count (as uint32). */
static croot *roots(cl *c, size_t *nr) {
  size_t n = c->s->n, k = 0;
  uint32_t *cnt = (uint32_t *)c->tmp;
  memset(cnt, 0, n * sizeof *cnt);
  for (size_t i = 0; i < n; i++) cnt[find(c->parent, (uint32_t)i)]++;
  croot *r = xmalloc((n + 1) * sizeof *r);
  for (size_t i = 0; i < n; i++)
    if (c->parent[i] == i && cnt[i] >= 2) r[k++] = (croot){(uint32_t)i, cnt[i]};
  cmp_set = c->s;
  qsort(r, k, sizeof *r, cmp_root);
  *nr = k;
  return r;
}

/* Lay the members out cluster by cluster, each sorted by id. */
static void members(cl *c, const croot *r, size_t nr, mh_clusters *out) {
  size_t n = c->s->n;
  uint32_t *at = (uint32_t *)c->tmp; /* root -> next free position + 1 */
  memset(at, 0, n * sizeof *at);
  out->start = xmalloc((nr + 1) * sizeof *out->start);
  size_t pos = 0;
  for (size_t i = 0; i < nr; i++) {
    out->start[i] = pos;
    at[r[i].root] = (uint32_t)pos + 1;
    pos += r[i].size;
  }
  out->start[nr] = pos;
  out->member = xmalloc((pos + 1) * sizeof *out->member);
  for (size_t i = 0; i < n; i++) {
    uint32_t rt = find(c->parent, (uint32_t)i);
    if (at[rt]) out->member[at[rt]++ - 1] = (uint32_t)i;
  }
  cmp_set = c->s;
  for (size_t i = 0; i < nr; i++)
    qsort(out->member + out->start[i], r[i].size, sizeof *out->member,
          cmp_member);
  out->n = nr;
}

int mh_cluster(const mh_set *s, int bands, double thr, mh_clusters *out) {
  memset(out, 0, sizeof *out);
  if (bands < 1 || s->k % bands != 0 || s->n >= UINT32_MAX) return -1;
  cl c = {s, xmalloc((s->n + 1) * sizeof *c.parent),
          xmalloc((s->n + 1) * sizeof *c.key),
          xmalloc((s->n + 1) * sizeof *c.tmp), thr};
  for (size_t i = 0; i < s->n; i++) c.parent[i] = (uint32_t)i;
  size_t rb = (size_t)(s->k / bands);
  for (int b = 0; b < bands; b++) band(&c, (size_t)b * rb, rb);
  size_t nr;
  croot *r = roots(&c, &nr);
  members(&c, r, nr, out);
  free(r);
  free(c.parent), free(c.key), free(c.tmp);
  return 0;
}

void mh_clusters_free(mh_clusters *c) {
  free(c->member);
  free(c->start);
  memset(c, 0, sizeof *c);
}
