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
-- method that needs it; submodules load on first use. The submodules
-- depend on corpus.core (handles, state, blocks) and corpus.sql (all the
-- SQL), never on this module; this module assembles the public object.

local S = require("tinsh.store")
local core = require("corpus.core")
local A = require("corpus.args")

-- Modules loaded on first use (start-up stays cheap); none of them
-- requires this module.
local function lazy(name)
  return setmetatable({}, { __index = function(t, k)
    local mod = require(name)
    setmetatable(t, { __index = mod })
    return mod[k]
  end })
end
local Q = lazy("corpus.sql")
local frame = lazy("frame")
local docs = lazy("corpus.doc")

local M = {}
local Corpus = {}          -- methods of a corpus
local priv = core.priv     -- corpus -> private state (corpus.core)

local CorpusMT = { __name = "corpus", __index = Corpus }

---------------------------------------------------------------- opening

local function new_corpus(path) return core.new(path, CorpusMT) end
local db = core.db

-- The internals the tests and old callers reach through `corpus`.
M._db = core.db
M._wdb = core.wdb
M._priv = priv
M._cache = core.cache
M._blocks = core.blocks

--- corpus.open(path) -> corpus | nil, msg
function M.open(path)
  A.path("open", 1, path)
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
function Corpus:close() core.close(self) end

---------------------------------------------------------------- documents

local function docmt(self) return docs.metatable_of(self) end
M._docmt = docmt

--- corpus.filter_sql(filter [, fname, argn]) -> " WHERE ..." and params
--- of a document filter (see corpus.sql's Q.doc_filter)
function M.filter_sql(filter, fname, argn) return Q.doc_filter(filter, fname, argn) end

--- corpus:docs{filter} -> iterator over documents (lazy, to-be-closed)
function Corpus:docs(filter)
  if getmetatable(filter) and require("corpus.results").is(filter) then
    return filter:docs() -- a result set
  end
  return Q.docs(db(self), filter, "docs", docmt(self))
end

--- corpus:list{filter} -> frame of documents (rowid, date, title, ...)
function Corpus:list(filter)
  local rows = Q.list(db(self), filter)
  return frame.new(rows, { "rowid", "date", "title", "author", "site", "path" })
end

--- corpus:count{filter} -> number of documents matching
function Corpus:count(filter)
  if filter == nil then return db(self):count() end
  return Q.count(db(self), filter)
end

--- corpus:get(id | hash | path) -> document | nil, msg
function Corpus:get(key)
  local h = db(self)
  local field, arg
  if math.type(key) == "integer" then
    field, arg = "rowid", key
  elseif type(key) == "table" and key.rowid then
    field, arg = "rowid", key.rowid
  elseif type(key) == "string" and key:match("^%x+$") and #key == 16 then
    field, arg = "hash", key
  elseif type(key) == "string" then
    field, arg = "path", key
  else
    A.argerror("get", 1, "row id, hash or path expected, got " .. A.typename(key))
  end
  local d = Q.doc_by(h, field, arg, docmt(self))
  if d then return d end
  if type(key) == "string" then -- a path suffix or a file name prefix
    local rows = Q.docs_by_suffix(h, key, docmt(self))
    if #rows == 1 then return rows[1] end
    if #rows > 1 then return nil, "several documents match '" .. key .. "'" end
  end
  return nil, "no document " .. tostring(key)
end

--- corpus:sql(query [, params]) -> frame (read-only, bound parameters)
function Corpus:sql(query, params)
  A.check("sql", 1, query, "string")
  A.check("sql", 2, params, function(v) return v == nil or A.typename(v) == "table" end,
    "table of parameters")
  local h = db(self)
  local ok, rows, cols = pcall(h.sql, h, query, params)
  if not ok then error((tostring(rows):gsub("^[^\n]-:%d+: ", "")), 2) end
  return frame.new(rows, cols)
end

--- corpus:saved(name) -> the saved match set or result set name;
--- corpus:saved() -> frame of the saved sets (corpus.results)
function Corpus:saved(name)
  if type(name) == "string" then
    local ms = require("corpus.query").saved(self, name)
    if ms then return ms end
  end
  return require("corpus.results").saved(self, name)
end

---------------------------------------------------------------- the rest

-- Every method checks its self (corpus.args: a wrong self is bad
-- argument #1, "corpus expected, got number").
A.methods(Corpus, core.is, "corpus")

-- Methods defined in submodules, loaded on first call.
local sub = {
  search = "corpus.results", drop = "corpus.results",
  kwic = "corpus.kwic",
  figures = "corpus.facts", people = "corpus.facts", refs = "corpus.facts",
  places = "corpus.facts", periods = "corpus.facts", quotes = "corpus.facts",
  freq = "corpus.stats", ngrams = "corpus.stats", collocations = "corpus.stats",
  keyness = "corpus.stats", similar = "corpus.stats", duplicates = "corpus.stats",
  stopwords = "corpus.stats", tfidf = "corpus.stats",
  words = "corpus.stats",
  query = "corpus.query", trend = "corpus.trend",
}
local help = require("corpus.help")
local register = require("tinsh.help").register
for name, modname in pairs(sub) do
  local function stub(...)
    local fn = A.method(name, require(modname)[name], core.is, "corpus")
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
