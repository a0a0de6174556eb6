/*
** store_content.h — SQL tinsh_fts_column(doc, col), the function behind
** the fts_content view's body, captions and answers columns.
*/
#ifndef TINSH_STORE_CONTENT_H
#define TINSH_STORE_CONTENT_H

#include <sqlite3.h>

typedef struct store_content store_content;

/* Register tinsh_fts_column on db; readonly: the connection never writes,
** so a document's columns cut once serve the next calls for it until the
** database changes. Owned by the connection; NULL when SQLite refuses the
** function. */
store_content *store_content_register(sqlite3 *db, int readonly);
/* Finalize its statements: before db is closed (sqlite3_close_v2 keeps a
** connection with live statements open). It stays usable; SQLite frees
** it with the connection. */
void store_content_finalize(store_content *c);

#endif
