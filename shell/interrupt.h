/*
** interrupt.h — Ctrl-C reaches running SQLite statements.
** Modules that open a database register it; the SIGINT handler of the
** host calls interrupt_all(), which calls sqlite3_interrupt() on each
** (as the sqlite3 shell does). Pure C; async-signal-safe enough: the
** table is a fixed array of atomic pointers, no allocation.
*/
#ifndef TINSH_INTERRUPT_H
#define TINSH_INTERRUPT_H

typedef struct sqlite3 sqlite3;

/* Start interrupting db on Ctrl-C (and on the sandbox's limits): 0, or -1
** when the table is full (db is then never interrupted). */
int interrupt_watch(sqlite3 *db);
void interrupt_unwatch(sqlite3 *db); /* stop (call before sqlite3_close) */
void interrupt_all(void);            /* from the signal handler */
/* How many times interrupt_all has run: C loops that run outside SQLite
** (the query matcher) compare it with the value they started with. */
unsigned interrupt_count(void);

#endif
