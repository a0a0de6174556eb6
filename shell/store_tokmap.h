/*
** store_tokmap.h — token position maps kept in the database (table
** doc_tokmap, one BLOB of tokmap.h per document) and the FTS5 auxiliary
** function that lists a match's phrase instances, for a concordance
** read from the index. No Lua.
*/
#ifndef TINSH_STORE_TOKMAP_H
#define TINSH_STORE_TOKMAP_H

#include <sqlite3.h>
#include <stddef.h>
#include <stdint.h>

#include "doc.h"
#include "fts.h"
#include "util.h"

struct seg_lex;

/* Schema 8: the maps. A document without a row has no map (ingested
** before schema 8): readers fall back to the text. */
#define TOKMAP_SCHEMA_SQL                              \
  "CREATE TABLE IF NOT EXISTS doc_tokmap(doc INTEGER " \
  "PRIMARY KEY, map BLOB NOT NULL);"

/*
** The map of document d into out (appended): its block columns 2..4 as
** store_fts_columns joins them, cols[c] (c 2..4) their texts and FTS
** tokens as the ingest prepared them (text NULL: no such column), the
** words segmented with lex (NULL: the default lexicon), or, when ws is
** not NULL, ws[c] the words fts_segment found in column c with lex (no
** segmenting again).
*/
void store_tokmap_build(const doc *d, const fts_replay cols[5],
                        const struct seg_lex *lex, const fts_words *ws,
                        buf *out);

/* The stamp of the bundled lexicon a map's words are found with (its
** size): a map with another one has stale words. */
uint32_t store_tokmap_lexstamp(void);

/* The FTS column (2..4) of the blocks of kind name, or -1 (a kind not
** indexed there: title and lead blocks, banners, ...). */
int store_tokmap_kind_column(const char *kind);

/*
** Register tinsh_kwic_inst(fts) with db's FTS5: the current row's
** instances of phrase 0 as a BLOB of int32 pairs (column, token offset)
** in native byte order. Returns an SQLite status code.
*/
int store_tokmap_register(sqlite3 *db);

/* The instances of a MATCH expression, for every matching row. */
typedef struct tokmap_inst {
  int64_t *doc;   /* the rows, ascending */
  size_t *at;     /* row i's pairs: pairs[2*at[i] .. 2*at[i+1]) */
  int32_t *pairs; /* column, token offset */
  size_t n, np, capd, capp;
} tokmap_inst;

/* Read every row of fts matching `match` with its instances into out.
** Returns an SQLite status code (SQLITE_OK). */
int store_tokmap_instances(sqlite3 *db, const char *match, tokmap_inst *out);
void tokmap_inst_free(tokmap_inst *t);
/* Row doc's pairs (their count through *n; NULL: no such row). */
const int32_t *tokmap_inst_of(const tokmap_inst *t, int64_t doc, size_t *n);

#endif
