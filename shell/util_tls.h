/*
** util_tls.h — an object per thread, made zeroed on its first use and
** freed by its owner's function when the thread ends (POSIX thread keys).
** For scratch that a hot function keeps between calls instead of
** allocating it every time: the segmenter's arrays and spans.
**
**   static void drop(void *p) { ...free what p holds...; free(p); }
**   static util_tls scratch = UTIL_TLS_INIT(sizeof(my_arrays), drop);
**   my_arrays *a = util_tls_get(&scratch);
*/
#ifndef TINSH_UTIL_TLS_H
#define TINSH_UTIL_TLS_H

#include <pthread.h>
#include <stdatomic.h>
#include <stddef.h>

typedef struct util_tls {
  pthread_key_t key;
  atomic_int made;       /* the key exists */
  size_t size;           /* bytes of one thread's object */
  void (*drop)(void *p); /* frees an object at thread end */
} util_tls;

#define UTIL_TLS_INIT(size_, drop_) \
  { .size = (size_), .drop = (drop_) }

/* The calling thread's object of t, zeroed on its first use (never NULL:
** out of memory aborts, as xcalloc does). */
void *util_tls_get(util_tls *t);

#endif
