/*
** util_tls.c — an object per thread, made on first use (util_tls.h).
*/
#include "util_tls.h"

#include "util.h"

static pthread_mutex_t make_mu = PTHREAD_MUTEX_INITIALIZER;

/* Create t's key once, whichever thread comes first. */
static void make_key(util_tls *t) {
  pthread_mutex_lock(&make_mu);
  if (!atomic_load_explicit(&t->made, memory_order_relaxed)) {
    pthread_key_create(&t->key, t->drop);
    atomic_store_explicit(&t->made, 1, memory_order_release);
  }
  pthread_mutex_unlock(&make_mu);
}

void *util_tls_get(util_tls *t) {
  if (!atomic_load_explicit(&t->made, memory_order_acquire)) make_key(t);
  void *p = pthread_getspecific(t->key);
  if (!p) {
    p = xcalloc(1, t->size);
    pthread_setspecific(t->key, p);
  }
  return p;
}
