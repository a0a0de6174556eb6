-- corpus — the analyst's view of a corpus database: documents as Lua
-- objects, searches as named result sets, concordances, facts as frames,
-- statistics and comparison. The C mechanisms are in `tinsh.store`
-- (shell/lua_store.c and the files it gathers); this file and stdlib/corpus/*.lua are the policy.
--
--   corpus                         -- the default corpus (opened on first use)
--   #corpus                        -- number of documents
--   for d in corpus:docs{year = 2024, place = "Móng Cái"} do print(d) end
--   local d = corpus:get(2)        -- by row id, hash id or path
--   local rs = corpus:search("khu kinh tế cửa khẩu")
--   corpus:kwic("phát triển", {width = 100, sort = "right"})
--   corpus:figures{subject = "chi bộ"}:show()
--   compare(corpus:get(1), corpus:get(2))
--
-- Everything here is cheap to load: the database is opened by the first
-- method that needs it; submodules load on first use.

local S = require("tinsh.store")
local A = require("corpus.args")

local M = {}
local Corpus = {}          -- methods of a corpus
local priv = setmetatable({}, { __mode = "k" }) -- corpus -> private state

local CorpusMT = { __name = "corpus", __index = Corpus }

local function lazy(name)
  return setmetatable({}, { __index = function(t, k)
    local mod = require(name)
    setmetatable(t, { __index = mod })
    return mod[k]
  end })
end
local frame = lazy("frame")

---------------------------------------------------------------- opening

local function new_corpus(path)
  local self = setmetatable({}, CorpusMT)
  priv[self] = { path = path }
  return self
end

-- The read handle of a corpus, opened on first use.
local function db(self)
  local p = priv[self]
  if not p then error("not a corpus", 3) end
  if p.db then return p.db end
  if not p.path then
    local path, err = S.default_path()
    if not path then error("corpus: " .. tostring(err), 3) end
    p.path = path
  end
  local h, err = S.open(p.path)
  if not h then error("corpus: " .. tostring(err), 3) end
  p.db = h
  return h
end
M._db = db

-- The write handle (result sets, signatures), opened on first write.
-- Returns nil, message inside --sandbox or on a read-only file.
local function wdb(self)
  local p = priv[self]
  if p.wdb then return p.wdb end
  db(self)
  local ok, core = pcall(require, "tinsh.core")
  if ok and core.sandboxed and core.sandboxed() then
    return nil, "the corpus is read-only in --sandbox"
  end
  local h, err = S.open(p.path, { write = true })
  if not h then return nil, err end
  h:exec([[
    CREATE TABLE IF NOT EXISTS corpus_sets(name TEXT PRIMARY KEY,
      query TEXT, created TEXT NOT NULL, n INTEGER NOT NULL);
    CREATE TABLE IF NOT EXISTS corpus_set_hits(name TEXT NOT NULL,
      rank INTEGER NOT NULL, doc INTEGER NOT NULL, score REAL, snippet TEXT,
      PRIMARY KEY(name, rank));
    CREATE TABLE IF NOT EXISTS corpus_minhash(doc INTEGER PRIMARY KEY,
      hash TEXT NOT NULL, sig BLOB NOT NULL);]])
  p.wdb = h
  return h
end
M._wdb = wdb
M._priv = priv

--- corpus.open(path) -> corpus | nil, msg
function M.open(path)
  if type(path) ~= "string" then
    error("bad argument #1 to 'open' (path expected)", 2)
  end
  local h, err = S.open(path)
  if not h then return nil, err end
  local c = new_corpus(path)
  priv[c].db = h
  return c
end

local default
--- corpus.default() -> the default corpus object (lazy: no I/O here)
function M.default()
  default = default or new_corpus(nil)
  return default
end

--- corpus.compare(a, b): see the compare module
function M.compare(a, b, opts)
  return require("compare").compare(a, b, opts)
end

---------------------------------------------------------------- the corpus

function CorpusMT.__len(self) return db(self):count() end

function CorpusMT.__tostring(self)
  local p = priv[self]
  if not p.db then
    return "corpus (" .. (p.path or "default database") .. ", not opened yet)"
  end
  return string.format("corpus (%s, %d documents)", p.path, p.db:count())
end

--- corpus:path() -> the database file
function Corpus:path()
  db(self)
  return priv[self].path
end

--- corpus:close(): close the database (it reopens on next use)
function Corpus:close()
  local p = priv[self]
  if p.db then p.db:close(); p.db = nil end
  if p.wdb then p.wdb:close(); p.wdb = nil end
  p.cache = nil
end

-- Per-corpus cache for statistics (document frequencies...).
function M._cache(self)
  local p = priv[self]
  p.cache = p.cache or {}
  return p.cache
end

---------------------------------------------------------------- documents

local function docmt(self)
  local p = priv[self]
  if not p.docmt then p.docmt = require("corpus.doc").metatable(self) end
  return p.docmt
end
M._docmt = docmt

-- the columns a document object starts with (the rest load on demand)
local DOC_COLS = "d.id AS rowid, d.title, d.published"
M.DOC_COLS = DOC_COLS

local function add(where, params, cond, value)
  where[#where + 1] = cond
  if value ~= nil then params[#params + 1] = value end
end

local like = A.like -- literal substring: % _ \ escaped, with ESCAPE '\'

-- the filter fields and the kind of value each takes (corpus.args)
local FILTER = { year = "text", from = "text", to = "text", site = "text",
  author = "text", title = "text", place = "text", person = "text",
  text = "string", ids = "table", where = "string", params = "table",
  limit = "count", set = "any" }
M.FILTER = FILTER

-- Build "WHERE ..." and params for a document filter table.
--   year, from, to          publication date ("2024", "2024-03", "2024-03-04")
--   site, author, title     substring of the field
--   place, person           the document mentions a place / person (substring)
--   text                    full-text query (accent-smart, like search)
--   ids                     list of row ids
--   where                   extra SQL condition on documents d (with ? params
--                           from filter.params)
-- fname and argn name the public method and argument for errors
-- (default: 'filter', #1).
function M.filter_sql(filter, fname, argn)
  local where, params = {}, {}
  if filter == nil then return "", params end
  fname, argn = fname or "filter", argn or 1
  A.opts(fname, argn, filter, FILTER)
  if filter.year then add(where, params, "substr(d.published, 1, 4) = ?", tostring(filter.year)) end
  if filter.from then add(where, params, "d.published >= ?", tostring(filter.from)) end
  if filter.to then
    local to = tostring(filter.to)
    add(where, params, "substr(d.published, 1, " .. #to .. ") <= ?", to)
  end
  if filter.site then add(where, params, "d.site LIKE ? ESCAPE '\\'", like(filter.site)) end
  if filter.author then add(where, params, "d.author LIKE ? ESCAPE '\\'", like(filter.author)) end
  if filter.title then add(where, params, "d.title LIKE ? ESCAPE '\\'", like(filter.title)) end
  if filter.place then
    add(where, params, "d.id IN (SELECT doc FROM places WHERE name LIKE ? ESCAPE '\\')",
      like(filter.place))
  end
  if filter.person then
    add(where, params, "d.id IN (SELECT doc FROM people WHERE name LIKE ? ESCAPE '\\')",
      like(filter.person))
  end
  if filter.text then
    local m = S.plain_query(filter.text)
    if m then
      add(where, params, "d.id IN (SELECT rowid FROM fts WHERE fts MATCH ?)", m)
    else
      where[#where + 1] = "0"
    end
  end
  if filter.ids then
    local ids = {}
    for i, id in ipairs(filter.ids) do
      ids[i] = tostring(A.int(fname, argn, id, "ids[" .. i .. "]"))
    end
    where[#where + 1] = "d.id IN (" .. (#ids > 0 and table.concat(ids, ",") or "NULL") .. ")"
  end
  if filter.where then
    where[#where + 1] = "(" .. filter.where .. ")"
    for _, v in ipairs(filter.params or {}) do params[#params + 1] = v end
  end
  if #where == 0 then return "", params end
  return " WHERE " .. table.concat(where, " AND "), params
end

--- corpus:docs{filter} -> iterator over documents (lazy, to-be-closed)
function Corpus:docs(filter)
  if getmetatable(filter) and require("corpus.results").is(filter) then
    return filter:docs() -- a result set
  end
  local w, params = M.filter_sql(filter, "docs")
  local sql = "SELECT " .. DOC_COLS .. " FROM documents d" .. w .. " ORDER BY d.id"
  if filter and filter.limit then sql = sql .. " LIMIT " .. math.tointeger(filter.limit) end
  return db(self):rows(sql, params, { meta = docmt(self) })
end

--- corpus:list{filter} -> frame of documents (rowid, date, title, ...)
function Corpus:list(filter)
  local w, params = M.filter_sql(filter, "list")
  local sql = "SELECT d.id AS rowid, substr(d.published, 1, 10) AS date, d.title, " ..
    "d.author, d.site, d.path FROM documents d" .. w .. " ORDER BY d.id"
  if filter and filter.limit then sql = sql .. " LIMIT " .. math.tointeger(filter.limit) end
  local rows = db(self):all(sql, params)
  return frame.new(rows, { "rowid", "date", "title", "author", "site", "path" })
end

--- corpus:count{filter} -> number of documents matching
function Corpus:count(filter)
  if filter == nil then return db(self):count() end
  local w, params = M.filter_sql(filter, "count")
  local rows = db(self):all("SELECT count(*) AS n FROM documents d" .. w, params)
  return rows[1].n
end

--- corpus:get(id | hash | path) -> document | nil, msg
function Corpus:get(key)
  local h = db(self)
  local cond, arg
  if math.type(key) == "integer" then
    cond, arg = "d.id = ?", key
  elseif type(key) == "table" and key.rowid then
    cond, arg = "d.id = ?", key.rowid
  elseif type(key) == "string" and key:match("^%x+$") and #key == 16 then
    cond, arg = "d.doc_id = ?", key
  elseif type(key) == "string" then
    cond, arg = "d.path = ?", key
  else
    error("bad argument #1 to 'get' (row id, hash or path expected)", 2)
  end
  local sql = "SELECT " .. DOC_COLS .. " FROM documents d WHERE " .. cond .. " LIMIT 1"
  local rows = h:all(sql, { arg }, { meta = docmt(self) })
  if rows[1] then return rows[1] end
  if type(key) == "string" then -- a path suffix or a file name prefix
    rows = h:all("SELECT " .. DOC_COLS .. " FROM documents d WHERE d.path LIKE ? " ..
      "ESCAPE '\\' ORDER BY d.id LIMIT 2",
      { "%/" .. key:gsub("[%%_\\]", "\\%0") .. "%" }, { meta = docmt(self) })
    if #rows == 1 then return rows[1] end
    if #rows > 1 then return nil, "several documents match '" .. key .. "'" end
  end
  return nil, "no document " .. tostring(key)
end

--- corpus:sql(query [, params]) -> frame (read-only, bound parameters)
function Corpus:sql(query, params)
  if type(query) ~= "string" then error("bad argument #1 to 'sql' (string expected)", 2) end
  if params ~= nil and type(params) ~= "table" then
    error("bad argument #2 to 'sql' (table of parameters expected)", 2)
  end
  local h = db(self)
  local ok, rows, cols = pcall(h.sql, h, query, params)
  if not ok then error((tostring(rows):gsub("^[^\n]-:%d+: ", "")), 2) end
  return frame.new(rows, cols)
end

---------------------------------------------------------------- blocks

-- Does the database keep blocks in block_rows, with a NULL text where a
-- block is exactly its span of documents.text (docs/schema.md)?
local function spans(self)
  local p = priv[self]
  if p.spans == nil then
    p.spans = db(self):all("SELECT count(*) AS n FROM sqlite_schema WHERE " ..
      "name = 'block_rows' AND type = 'table'")[1].n > 0
  end
  return p.spans
end

-- The block table to read and whether texts come as spans.
function M._block_table(self)
  return spans(self) and "block_rows" or "blocks", spans(self)
end

-- corpus._blocks(c, where, params [, extra]) -> iterator over rows
-- {doc, seq, kind, text, off, len, extra...} of the blocks b (joined with
-- documents d) where `where` holds, in document order; to-be-closed.
-- Reads block_rows and slices each document's text once, instead of the
-- blocks view that copies the document text for every block.
function M._blocks(self, where, params, extra)
  local h = db(self)
  local tbl, sp = M._block_table(self)
  local sql = "SELECT b.doc, b.seq, b.kind, b.text, b.off, b.len" ..
    (extra and (", " .. extra) or "") .. " FROM " .. tbl ..
    " b JOIN documents d ON d.id = b.doc WHERE " .. where .. " ORDER BY b.doc, b.seq"
  local it, _, _, closer = h:rows(sql, params, { array = true })
  if not sp then return it, nil, nil, closer end
  local cur, text
  return function()
    local r = it()
    if r and r[4] == nil then
      if r[1] ~= cur then
        cur = r[1]
        local t = h:all("SELECT text FROM documents WHERE id = ?", { cur })[1]
        text = t and t.text or ""
      end
      -- the span [off, off + len) of the text; a damaged one (not integers,
      -- negative, past the end: a corrupted database) gives an empty text
      local off, len = r[5], r[6]
      if math.type(off) == "integer" and math.type(len) == "integer" and off >= 0
          and len >= 0 and off <= #text - len then
        r[4] = text:sub(off + 1, off + len)
      else
        r[4] = ""
      end
    end
    return r
  end, nil, nil, closer
end

---------------------------------------------------------------- the rest

-- Methods defined in submodules, loaded on first call.
local sub = {
  search = "corpus.results", saved = "corpus.results", drop = "corpus.results",
  kwic = "corpus.kwic",
  figures = "corpus.facts", people = "corpus.facts", refs = "corpus.facts",
  places = "corpus.facts", periods = "corpus.facts", quotes = "corpus.facts",
  freq = "corpus.stats", ngrams = "corpus.stats", collocations = "corpus.stats",
  keyness = "corpus.stats", similar = "corpus.stats", duplicates = "corpus.stats",
  stopwords = "corpus.stats", tfidf = "corpus.stats",
}
local help = require("corpus.help")
local register = require("tinsh.help").register
for name, modname in pairs(sub) do
  local function stub(...)
    local fn = require(modname)[name]
    Corpus[name] = fn
    register(fn, "corpus:" .. name, help.corpus[name] or "")
    return fn(...)
  end
  Corpus[name] = stub
end
for name, fn in pairs(Corpus) do
  if type(fn) == "function" and help.corpus[name] then
    register(fn, "corpus:" .. name, help.corpus[name])
  end
end

M.Corpus = Corpus
M.CorpusMT = CorpusMT
Corpus.__help = help.corpus
M.__help = help.module
for name, fn in pairs(M) do
  if type(fn) == "function" and help.module[name] then
    register(fn, "corpus." .. name, help.module[name])
  end
end
return M
