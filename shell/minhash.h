/*
** minhash.h — MinHash signatures and near-duplicate clusters. Pure C, no
** Lua, no SQL: tokens in, signatures and clusters out.
**
** A signature is one-permutation hashing over shingles of MH_SHINGLE
** consecutive tokens: each shingle's 64-bit hash picks one of k slots and
** the slot keeps the smallest value seen; empty slots borrow the next
** filled one (rotation densification). The estimated Jaccard similarity of
** two texts' shingle sets is the share of equal slots.
**
** A set (mh_set) holds many signatures compactly, 16 bits a slot (a
** 32-bit slot folded by a mixing hash, so two different slots agree by
** chance once in 65,536), and mh_cluster groups it into near-duplicate
** clusters by LSH banding: documents that agree on one band of slots are
** candidates, a candidate pair whose similarity reaches the threshold
** joins two clusters (union-find), and a pair already in one cluster is
** never compared again. Memory: 8 + 2k bytes a signature, plus 20 bytes a
** signature while clustering.
*/
#ifndef TINSH_MINHASH_H
#define TINSH_MINHASH_H

#include <stddef.h>
#include <stdint.h>

#define MH_MAX     256  /* most slots in a signature */
#define MH_SHINGLE 3    /* tokens in a shingle */
#define MH_GROUP   5000 /* larger groups of one band value are skipped */

/* A signature being built. */
typedef struct mh_sig {
  uint32_t slot[MH_MAX]; /* UINT32_MAX = empty */
  int k;                 /* slots in use */
  uint64_t ring[MH_SHINGLE];
  long ntok; /* tokens seen */
} mh_sig;

/* Start an empty signature of k slots (1..MH_MAX). */
void mh_init(mh_sig *h, int k);
/* Add the next token tok[0..n) of the text. */
void mh_token(mh_sig *h, const char *tok, size_t n);
/* Densify the slots; returns 0 when the text had no shingle (all slots
** stay empty), else 1. */
int mh_finish(mh_sig *h);
/* The 16-bit form of a finished signature's k slots, into out[k]. */
void mh_fold16(const mh_sig *h, uint16_t *out);

/* Many signatures of k 16-bit slots, each with a document id. */
typedef struct mh_set {
  int k;
  size_t n, cap;
  int64_t *id;
  uint16_t *sig; /* n * k slots */
} mh_set;

void mh_set_init(mh_set *s, int k);
void mh_set_free(mh_set *s);
/* Add a signature (k slots) for document id. */
void mh_set_add(mh_set *s, int64_t id, const uint16_t *sig);
/* Estimated Jaccard similarity of the set's signatures a and b. */
double mh_set_sim(const mh_set *s, size_t a, size_t b);

/* Clusters: the set's indices, cluster after cluster. */
typedef struct mh_clusters {
  uint32_t *member; /* indices into the set, by id within a cluster */
  size_t *start;    /* cluster c is member[start[c] .. start[c + 1]) */
  size_t n;         /* clusters */
} mh_clusters;

/*
** Group the set into near-duplicate clusters: bands (1..k, k a multiple
** of it) bands of k / bands slots; pairs with similarity >= thr join.
** Clusters of two or more signatures only, largest first, then by the
** smallest id; members by id. Returns 0, or -1 when bands does not
** divide k or the set holds 2^32 signatures or more.
*/
int mh_cluster(const mh_set *s, int bands, double thr, mh_clusters *out);
void mh_clusters_free(mh_clusters *c);

#endif
