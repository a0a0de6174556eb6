-- corpus.core — what every corpus submodule needs from a corpus object:
-- its private state, its read and write database handles, its session
-- cache, and the block reader. The submodules (corpus.doc, facts, kwic,
-- results, stats) and compare depend on this module, never on their
-- parent `corpus`, which assembles the public object from them
-- (docs/stdlib.md has the module graph). SQL lives in corpus.sql.

local S = require("tinsh.store")

-- corpus.sql, loaded on first use (the corpus module loads this one at
-- start-up, before any query).
local Q = setmetatable({}, { __index = function(t, k)
  local mod = require("corpus.sql")
  setmetatable(t, { __index = mod })
  return mod[k]
end })

local M = {}

local priv = setmetatable({}, { __mode = "k" }) -- corpus -> private state
M.priv = priv

--- core.is(x) -> is x a corpus object (made by core.new)?
function M.is(x) return priv[x] ~= nil end

--- core.new(path, metatable) -> a corpus object (no I/O; nil path: the
--- default database, found on first use)
function M.new(path, mt)
  local self = setmetatable({}, mt)
  priv[self] = { path = path }
  return self
end

--- core.db(c) -> the read handle of corpus c, opened on first use
function M.db(self)
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
local db = M.db

--- core.wdb(c) -> the write handle (result sets, signatures), opened on
--- first write; nil, message inside --sandbox or on a read-only file
function M.wdb(self)
  local p = priv[self]
  if p.wdb then return p.wdb end
  db(self)
  local ok, core = pcall(require, "tinsh.core")
  if ok and core.sandboxed and core.sandboxed() then
    return nil, "the corpus is read-only in --sandbox"
  end
  local h, err = S.open(p.path, { write = true })
  if not h then return nil, err end
  Q.create_corpus_tables(h)
  p.wdb = h
  return h
end

--- core.cache(c) -> the per-corpus session cache (document frequencies...)
function M.cache(self)
  local p = priv[self]
  p.cache = p.cache or {}
  return p.cache
end

--- core.close(c): close the handles (they reopen on next use)
function M.close(self)
  local p = priv[self]
  if p.db then p.db:close(); p.db = nil end
  if p.wdb then p.wdb:close(); p.wdb = nil end
  p.cache = nil
end

-- Does the database keep blocks in block_rows, with a NULL text where a
-- block is exactly its span of documents.text (docs/schema.md)?
local function spans(self)
  local p = priv[self]
  if p.spans == nil then p.spans = Q.has_block_rows(db(self)) end
  return p.spans
end
M.spans = spans

--- core.blocks(c, where [, params [, titles]]) -> iterator over rows
--- {doc, seq, kind, text, off, len [, title, published]} of the blocks
--- where `where` (a corpus.sql condition) holds, in document order;
--- to-be-closed (see corpus.sql's Q.blocks)
function M.blocks(self, where, params, titles)
  return Q.blocks(db(self), spans(self), where, params, titles)
end

--- core.terms(c, where, n, stop, top, min, words) -> n-gram counts of the
--- blocks where `where` holds (db:terms; words: syllables or words)
function M.terms(self, where, n, stop, top, min, words)
  return Q.terms(db(self), spans(self), where, n, stop, top, min, words)
end

return M
