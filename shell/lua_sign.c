/*
** lua_sign.c — MinHash signatures of many documents on worker threads, for
** db:duplicates (lua_lsh.c). The calling thread hands documents over in
** batches (their texts copied), the workers tokenize (syllables, or the
** segmenter's words) and sign them, and the calling thread receives each
** result, in the order given, through a callback it runs itself: SQLite
** and Lua are touched by the calling thread only. At most RING batches
** are in flight, so memory stays bounded whatever the corpus size.
*/
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "lua_store_int.h"
#include "minhash.h"

#define BATCH 64 /* documents in a batch */
#define RING  8  /* batches in flight */

enum { FREE, FILLED, WORKING, DONE };

typedef struct sbatch {
  int state;
  int n;              /* documents */
  buf text;           /* their texts, one after the other */
  size_t end[BATCH];  /* end of document i's text */
  buf hash;           /* their hashes, one after the other */
  size_t hend[BATCH]; /* end of document i's hash */
  int64_t id[BATCH];  /* their row ids */
  int any[BATCH];     /* has document i a shingle? */
  uint16_t *sig;      /* BATCH * k slots */
} sbatch;

struct signer {
  pthread_mutex_t mu;
  pthread_cond_t work, done;
  pthread_t th[8];
  int nth;
  int quit;
  sbatch ring[RING];
  long fill, take; /* batches handed over / taken by a worker, in order */
  long given;      /* batches whose results were given back */
  const struct seg_lex *lex;
  int k;
  sign_done_fn cb;
  void *ctx;
};

/* Sign the documents of batch b (no lock held); tv is the worker's. */
static void sign_batch(signer *s, sbatch *b, tokv *tv) {
  for (int i = 0; i < b->n; i++) {
    size_t from = i ? b->end[i - 1] : 0;
    mh_sig h;
    mh_init(&h, s->k);
    buf_reset(&tv->b);
    tv->n = 0, tv->last_end = 0, tv->breaks = 0;
    tv->text = b->text.data ? b->text.data + from : "";
    ls_tokenize(tv, s->lex, b->end[i] - from);
    const char *p = tv->b.data;
    for (int t = 0; t < tv->n; t++) {
      size_t len = strlen(p);
      mh_token(&h, p, len);
      p += len + 1;
    }
    b->any[i] = mh_finish(&h);
    if (b->any[i]) mh_fold16(&h, b->sig + (size_t)i * (size_t)s->k);
  }
}

/* A worker: take the filled batches in order, sign them. */
static void *sign_worker(void *p) {
  signer *s = p;
  tokv tv;
  memset(&tv, 0, sizeof tv);
  pthread_mutex_lock(&s->mu);
  for (;;) {
    while (!s->quit && s->take == s->fill) pthread_cond_wait(&s->work, &s->mu);
    if (s->take == s->fill) break; /* quit, nothing left */
    sbatch *b = &s->ring[s->take++ % RING];
    b->state = WORKING;
    pthread_mutex_unlock(&s->mu);
    sign_batch(s, b, &tv);
    pthread_mutex_lock(&s->mu);
    b->state = DONE;
    pthread_cond_broadcast(&s->done);
  }
  pthread_mutex_unlock(&s->mu);
  buf_free(&tv.b);
  free(tv.off);
  return NULL;
}

signer *sign_start(const struct seg_lex *lex, int k, sign_done_fn cb,
                   void *ctx) {
  signer *s = xcalloc(1, sizeof *s);
  s->lex = lex, s->k = k, s->cb = cb, s->ctx = ctx;
  for (int i = 0; i < RING; i++)
    s->ring[i].sig = xmalloc((size_t)BATCH * (size_t)k * sizeof(uint16_t));
  pthread_mutex_init(&s->mu, NULL);
  pthread_cond_init(&s->work, NULL);
  pthread_cond_init(&s->done, NULL);
  long n = sysconf(_SC_NPROCESSORS_ONLN);
  s->nth = n < 1 ? 1 : n > 8 ? 8 : (int)n;
  for (int i = 0; i < s->nth; i++)
    if (pthread_create(&s->th[i], NULL, sign_worker, s) != 0) {
      s->nth = i; /* fewer threads; with none, sign_wait signs */
      break;
    }
  return s;
}

/* Give back the results of the oldest batch once it is signed (signing
** it here when no worker runs), and free it. */
static void give_back(signer *s) {
  sbatch *b = &s->ring[s->given % RING];
  pthread_mutex_lock(&s->mu);
  if (s->nth == 0 && b->state == FILLED) s->take++, b->state = WORKING;
  pthread_mutex_unlock(&s->mu);
  if (s->nth == 0 && b->state == WORKING) {
    tokv tv;
    memset(&tv, 0, sizeof tv);
    sign_batch(s, b, &tv);
    buf_free(&tv.b), free(tv.off);
    b->state = DONE;
  }
  pthread_mutex_lock(&s->mu);
  while (b->state != DONE) pthread_cond_wait(&s->done, &s->mu);
  pthread_mutex_unlock(&s->mu);
  for (int i = 0; i < b->n; i++) {
    size_t h0 = i ? b->hend[i - 1] : 0;
    s->cb(s->ctx, b->id[i], b->hash.data + h0, b->hend[i] - h0,
          b->any[i] ? b->sig + (size_t)i * (size_t)s->k : NULL);
  }
  b->n = 0, b->state = FREE;
  buf_reset(&b->text), buf_reset(&b->hash);
  s->given++;
}

/* The batch being filled: hand it over when full, waiting for room. */
static sbatch *filling(signer *s) {
  sbatch *b = &s->ring[s->fill % RING];
  if (b->n < BATCH) return b;
  pthread_mutex_lock(&s->mu);
  b->state = FILLED;
  s->fill++;
  pthread_cond_signal(&s->work);
  pthread_mutex_unlock(&s->mu);
  if (s->fill - s->given >= RING) give_back(s);
  return &s->ring[s->fill % RING];
}

void sign_doc(signer *s, int64_t id, const char *hash, size_t nhash) {
  sbatch *b = filling(s);
  b->id[b->n] = id;
  buf_add(&b->hash, hash, nhash);
  b->hend[b->n] = b->hash.len;
  b->end[b->n] = b->text.len;
  b->n++;
}

void sign_text(signer *s, const char *text, size_t n) {
  sbatch *b = &s->ring[s->fill % RING];
  if (b->n == 0) return; /* no document started */
  /* blocks of one document are joined by a newline (no token spans it) */
  if (b->text.len > (b->n > 1 ? b->end[b->n - 2] : 0)) buf_addc(&b->text, '\n');
  buf_add(&b->text, text, n);
  b->end[b->n - 1] = b->text.len;
}

void sign_finish(signer *s) {
  sbatch *b = &s->ring[s->fill % RING];
  if (b->n > 0) {
    pthread_mutex_lock(&s->mu);
    b->state = FILLED;
    s->fill++;
    pthread_cond_signal(&s->work);
    pthread_mutex_unlock(&s->mu);
  }
  while (s->given < s->fill) give_back(s);
}

void sign_free(signer *s) {
  if (!s) return;
  pthread_mutex_lock(&s->mu);
  s->quit = 1;
  s->take = s->fill; /* batches not yet taken are dropped */
  pthread_cond_broadcast(&s->work);
  pthread_mutex_unlock(&s->mu);
  for (int i = 0; i < s->nth; i++) pthread_join(s->th[i], NULL);
  for (int i = 0; i < RING; i++) {
    buf_free(&s->ring[i].text), buf_free(&s->ring[i].hash);
    free(s->ring[i].sig);
  }
  pthread_mutex_destroy(&s->mu);
  pthread_cond_destroy(&s->work);
  pthread_cond_destroy(&s->done);
  free(s);
}
