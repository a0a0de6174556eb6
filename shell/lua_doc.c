/*
** lua_doc.c — whole documents as Lua tables (db:load), their fact lists driven
*by
** the fact schema, and fact_schema() for the stdlib.
*/
#include <limits.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "doc.h"
#include "fts.h"
#include "interrupt.h"
#include "lua_host.h"
#include "lua_store_int.h"

/* ---- full documents ---- */

static void doc_free_v(void *p) {
  doc_free(p);
}

static void push_blocks(lua_State *L, const doc *d) {
  lua_createtable(L, (int)d->blocks.n, 0);
  for (size_t i = 0; i < d->blocks.n; i++) {
    const doc_block *b = &d->blocks.items[i];
    lua_createtable(L, 0, 4);
    ls_set_str(L, "kind", doc_kind_name(b->kind));
    ls_set_str(L, "text", b->text ? b->text : "");
    lua_pushinteger(L, (lua_Integer)b->off);
    lua_setfield(L, -2, "off");
    lua_pushinteger(L, (lua_Integer)b->len);
    lua_setfield(L, -2, "len");
    lua_rawseti(L, -2, (lua_Integer)i + 1);
  }
  lua_setfield(L, -2, "blocks");
}

/* Set field c of item p in the table on top (absent when it has none). */
static void push_field(lua_State *L, const void *p, const fact_column *c) {
  int v;
  switch (c->type) {
    case FT_STR:
      ls_set_str(L, c->lua, *FACT_FIELD(p, c, char *));
      return;
    case FT_OPTNUM:
      if (!*(const int *)(const void *)((const char *)p + c->flag)) return;
      /* fall through */
    case FT_NUM:
      ls_set_num(L, c->lua, *FACT_FIELD(p, c, double));
      return;
    case FT_INT0:
    case FT_INT:
      v = *FACT_FIELD(p, c, int);
      if (v == 0 && c->type == FT_INT0) return;
      lua_pushinteger(L, v);
      break;
    case FT_BLOCK: /* -1: no block (or a damaged index) */
      if ((v = *FACT_FIELD(p, c, int)) < 0) return;
      lua_pushinteger(L, (lua_Integer)v + 1);
      break;
    case FT_STRS: {
      const doc_strs *l = FACT_FIELD(p, c, doc_strs);
      ls_push_strings(L, l->items, l->n);
      break;
    }
  }
  lua_setfield(L, -2, c->lua);
}

/* Set d's fact lists in the table on top, one field per kind. */
static void push_facts(lua_State *L, const doc *d) {
  for (size_t k = 0; k < FK__COUNT; k++) {
    const fact_kind *fk = &fact_kinds[k];
    size_t n = fact_count(d, fk);
    lua_createtable(L, (int)n, 0);
    for (size_t i = 0; i < n; i++) {
      const void *p = fact_item(d, fk, i);
      if (fk->bare) {
        lua_pushstring(L, *FACT_FIELD(p, &fk->cols[0], char *));
      } else {
        lua_createtable(L, 0, (int)fk->ncols);
        for (size_t c = 0; c < fk->ncols; c++) push_field(L, p, &fk->cols[c]);
      }
      lua_rawseti(L, -2, (lua_Integer)i + 1);
    }
    lua_setfield(L, -2, fk->lua);
  }
}

/* The Lua name of a column type in fact_schema(). */
static const char *type_name(fact_type t) {
  switch (t) {
    case FT_STR:
      return "text";
    case FT_NUM:
    case FT_OPTNUM:
      return "real";
    case FT_STRS:
      return "json";
    default:
      return "integer";
  }
}

/*
** store.fact_schema() -> the fact kinds in JSON order, each {kind, table,
** json, field, bare, columns = {{name (SQL), type, field (Lua key), json
** (or nil)}, ...}} (doc and seq excluded): fact_schema.h, for the stdlib.
*/
int ls_s_fact_schema(lua_State *L) {
  lua_createtable(L, FK__COUNT, 0);
  for (size_t k = 0; k < FK__COUNT; k++) {
    const fact_kind *fk = &fact_kinds[k];
    lua_createtable(L, 0, 6);
    ls_set_str(L, "kind", fk->kind), ls_set_str(L, "table", fk->table);
    ls_set_str(L, "json", fk->json), ls_set_str(L, "field", fk->lua);
    lua_pushboolean(L, fk->bare), lua_setfield(L, -2, "bare");
    lua_createtable(L, (int)fk->ncols, 0);
    for (size_t c = 0; c < fk->ncols; c++) {
      lua_createtable(L, 0, 4);
      ls_set_str(L, "name", fk->cols[c].sql);
      ls_set_str(L, "type", type_name(fk->cols[c].type));
      ls_set_str(L, "field", fk->cols[c].lua);
      ls_set_str(L, "json", fk->cols[c].json);
      lua_rawseti(L, -2, (lua_Integer)c + 1);
    }
    lua_setfield(L, -2, "columns");
    lua_rawseti(L, -2, (lua_Integer)k + 1);
  }
  return 1;
}

/*
** db:load(rowid) -> the whole document as a table (docs/design.md fields plus
** text and rowid; block indexes 1-based), or nil when there is none.
*/
int ls_db_load(lua_State *L) {
  ldb *d = ls_check_db(L, 1);
  lua_Integer id = luaL_checkinteger(L, 2);
  box *b = ls_box_push(L);
  doc *dc = store_doc_load(d->s, (int64_t)id);
  if (!dc) return 0;
  b->p = dc, b->free = doc_free_v;
  luaL_checkstack(L, 8, "document");
  lua_createtable(L, 0, 20);
  lua_pushinteger(L, id);
  lua_setfield(L, -2, "rowid");
  ls_set_str(L, "id", dc->id);
  ls_set_str(L, "path", dc->path);
  ls_set_str(L, "title", dc->title);
  ls_set_str(L, "published", dc->published);
  ls_set_str(L, "author", dc->author);
  ls_set_str(L, "site", dc->site);
  ls_set_str(L, "lead", dc->lead);
  lua_pushlstring(L, dc->text ? dc->text : "", dc->text ? dc->text_len : 0);
  lua_setfield(L, -2, "text");
  push_blocks(L, dc);
  push_facts(L, dc);
  ls_box_release(b);
  return 1;
}
