/*
** store_facts.h — the fact tables of the store, driven by the schema
** descriptor (fact_schema.h). Internal to the store (store*.c).
*/
#ifndef TINSH_STORE_FACTS_H
#define TINSH_STORE_FACTS_H

#include <sqlite3.h>
#include <stdint.h>

#include "doc.h"
#include "store.h"

/* The CREATE TABLE IF NOT EXISTS statements of every fact table
** (malloc'd). */
char *store_facts_schema(void);
/* Add to the fact tables the declared columns they lack (a database from
** an older tinsh); 0, or -1 with *err. Inside the caller's transaction. */
int store_facts_add_columns(store *s, char **err);
/* The number of declared columns the fact tables lack. */
int store_facts_missing(store *s);
/* Append the facts of document id to d's fact lists (in seq order). */
void store_facts_load(store *s, doc *d, int64_t id);
/* Every fact of kind k in the store, in document order, to fn (item: a
** fact_schema.h item of kind k, valid during the call; its block column
** -1). Returns 0, fn's first non-zero value, or -1 on an SQL error. */
typedef int (*store_fact_fn)(void *ud, int64_t doc, const void *item);
int store_facts_each(store *s, size_t k, store_fact_fn fn, void *ud);
/* Prepare one INSERT per kind into ins; 0, or -1 with *err. */
int store_facts_prepare(sqlite3 *db, sqlite3_stmt *ins[FK__COUNT], char **err);
/* Run one prepared insert and reset it: 0, or -1 (it reports). */
typedef int (*store_facts_step)(void *ud, sqlite3_stmt *st);
/* Insert every fact of d for document id; 0, or the first -1 of step. */
int store_facts_write(sqlite3_stmt *ins[FK__COUNT], int64_t id, const doc *d,
                      store_facts_step step, void *ud);
/* "DELETE FROM <table of kind k> WHERE doc = ?1" into out (k < FK__COUNT;
** 64 bytes are enough). */
void store_facts_delete_sql(size_t k, char *out, size_t cap);

#endif
