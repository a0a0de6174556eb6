/*
** store_ingest_folder.h — the per-folder chrome contexts (parse_folder.h)
** of `tinsh ingest --reparse`, rebuilt from the stored texts so a
** re-derived document equals what the ingest of its folder stored.
*/
#ifndef TINSH_STORE_INGEST_FOLDER_H
#define TINSH_STORE_INGEST_FOLDER_H

#include <sqlite3.h>

#include "parse.h"

typedef struct ing_folders ing_folders;
/* One context per folder of the stored text documents (NULL on error). */
ing_folders *ing_folders_build(sqlite3 *db);
/* A reference to the context of path's folder, or NULL (none). */
parse_ctx *ing_folders_ctx(ing_folders *f, const char *path);
void ing_folders_free(ing_folders *f);

#endif
