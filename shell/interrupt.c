/*
** interrupt.c — the table of databases that Ctrl-C interrupts.
*/
#include "interrupt.h"

#include <sqlite3.h>
#include <stdatomic.h>
#include <stddef.h>

#define MAXWATCH 64

static _Atomic(sqlite3 *) watched[MAXWATCH];
static atomic_uint count; /* lock-free: safe in a signal handler */

int interrupt_watch(sqlite3 *db) {
  for (int i = 0; i < MAXWATCH; i++) {
    sqlite3 *expect = NULL;
    if (atomic_compare_exchange_strong(&watched[i], &expect, db)) return 0;
  }
  return -1; /* table full: this database would never be interrupted */
}

void interrupt_unwatch(sqlite3 *db) {
  for (int i = 0; i < MAXWATCH; i++) {
    sqlite3 *expect = db;
    if (atomic_compare_exchange_strong(&watched[i], &expect, NULL)) return;
  }
}

unsigned interrupt_count(void) {
  return atomic_load(&count);
}

void interrupt_all(void) {
  atomic_fetch_add(&count, 1);
  for (int i = 0; i < MAXWATCH; i++) {
    sqlite3 *db = atomic_load(&watched[i]);
    if (db) sqlite3_interrupt(db);
  }
}
