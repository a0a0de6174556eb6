/*
** store_int.h — internals shared by store*.c (not a public interface).
*/
#ifndef TINSH_STORE_INT_H
#define TINSH_STORE_INT_H

#include <stddef.h>

#include "store.h"
#include "util.h"

struct store {
  sqlite3 *db;         /* the connection */
  char *path;          /* as opened */
  int readonly;        /* opened with STORE_READONLY */
  const char *warning; /* store_warning(), static text or NULL */
  int lockfd; /* the database file, opened for the ingest lock (flock), or
              ** -1; closed by store_close after the connection */
  struct store_content *content; /* tinsh_fts_column (store_content.c) */
};

/* This machine's boot id (Linux: /proc/sys/kernel/random/boot_id) into
** out; -1 when there is none. */
int store_boot_id(char *out, size_t n);

/* bm25 column weights: title 10, lead 5, body 1, captions 1, answers 1
** (the FTS5 'rank' config, and tinsh_rank in store_search.c) */
#define STORE_RANK_WEIGHTS "10.0, 5.0, 1.0, 1.0, 1.0"

/*
** Untrusted files (store_untrusted.c). harden: SQLite's settings for a
** file that may be hostile, before anything reads it. check: 0 when the
** file passes PRAGMA quick_check and its schema is tinsh's own as the
** fresh database ref has it (no trigger; views and virtual tables exactly
** ref's; tables and indexes of names ref has), else -1 with *err.
*/
void store_untrusted_harden(sqlite3 *db);
int store_untrusted_check(sqlite3 *db, sqlite3 *ref, char **err);

/* malloc'd "fmt" message */
char *store_msg(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* run SQL; 0 or -1 with *err */
int store_exec(store *s, const char *sql, char **err);

/* meta 'fts_words' = 1: every document's index row holds word tokens
** (fts.h); a file from before schema version 6 has 0 until a full
** `ingest --reparse`, and searches it on syllables alone. */
#define STORE_FTS_WORDS_SQL \
  "INSERT OR REPLACE INTO meta(key, value) VALUES('fts_words', '1')"
int store_fts_words(store *s);
/* How the fts table's documents are tokenized: FTS_INDEX when it was made
** with dominant forms (schema version 10), else FTS_DOCUMENT (fts.h). */
int store_fts_mode(store *s);
/* Make an FTS_DOCUMENT index anew with dominant forms, in one transaction
** (a full `ingest --reparse` of an older file); 0, or -1 with *err. */
int store_fts_upgrade(store *s, char **err);
/* First column of the first row of sql (arg bound to ?1 unless NULL):
** none when there is no row, -1 when sql does not compile. */
int64_t store_int(store *s, const char *sql, const char *arg, int64_t none);

/* The FTS column texts of d, as the fts_content view computes them:
** body = dateline/heading/paragraph/question/byline blocks, captions,
** answers, each joined with '\n' in block order; NULL when empty. */
void store_fts_columns(const doc *d, buf *body, buf *captions, buf *answers);
int store_block_in_column(doc_kind k); /* 2 body, 3 captions, 4 answers, -1 */

/* ---- minimal JSON reader (store_json.c) ---- */
typedef struct json_rec {
  char *title, *date, *body, *url; /* malloc'd or NULL */
  buf meta; /* every top-level text field: "key\0value\0" pairs */
} json_rec;
void json_rec_free(json_rec *r);
/* Feed the record's metadata fields (author, source, site, url, ...) to d
** as a metadata header would; they win over what the parser found. */
void json_rec_meta(const json_rec *r, doc *d);
/* Parse one JSON object at s[0..n); fills r. Returns the number of bytes
** consumed, or -1 with *why (static) on a syntax error. */
long json_object(const char *s, size_t n, json_rec *r, const char **why);
/* Parse a JSON array of strings into v (strings in d's arena). */
int json_strings(doc *d, const char *s, void *vec_of_char_ptr);
/* Append a JSON array of strings. */
void json_add_strings(buf *b, char *const *items, size_t n);

#endif
