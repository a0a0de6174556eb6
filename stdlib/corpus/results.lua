-- corpus.results — searches and named result sets (CQP-style).
--
-- A result set is an array of hit records (rs[i], #rs, ipairs) plus the
-- query it came from: rank, rowid, date, title, score, snippet (matches
-- between « and »), offsets ("col start end ..." byte offsets, FTS columns
-- title, lead, body, captions, answers), path, id. Sets combine (union,
-- intersect, minus — also +, *, -), filter, and are saved by name in the
-- database (tables corpus_sets, corpus_set_hits) to be reloaded later
-- with corpus:saved(name).

local core = require("corpus.core")
local Q = require("corpus.sql")
local A = require("corpus.args")
local frame = require("frame")
local display = require("tinsh.display")
local tcore = require("tinsh.core")

local M = {}
local RS = {}
local RSMT = { __name = "corpus.results", __index = RS }
M.methods = RS
M.metatable = RSMT

local owner = setmetatable({}, { __mode = "k" }) -- set -> corpus

local COLUMNS = { "rank", "rowid", "date", "title", "relevance", "snippet" }

local function make(c, query, hits, name)
  local rs = setmetatable(hits, RSMT)
  rs.query = query
  rs.name = name
  owner[rs] = c
  return rs
end

function M.is(x) return getmetatable(x) == RSMT end

-- Is x a name a set can be saved under (a non-empty string)?
function M.is_name(x) return type(x) == "string" and x ~= "" end

-- results.make(c, query, hits [, name]) -> a result set over hit records
-- (rank, rowid, title, date, score, snippet...); the table is taken over
M.make = make

local function renumber(hits)
  for i, h in ipairs(hits) do h.rank = i end
  return hits
end

local function hit_of(h)
  return { rank = h.rank, rowid = h.rowid, id = h.id, path = h.path, title = h.title,
    date = h.published and h.published:sub(1, 10) or h.date, published = h.published,
    score = h.score, relevance = h.relevance, snippet = h.snippet, offsets = h.offsets }
end

--- corpus:search(query [, opts]) -> result set
function M.search(c, query, opts)
  A.check("search", 1, query, "string", "query string")
  opts = A.opts("search", 2, opts, { limit = "limit", raw = "boolean", offsets = "boolean",
    snippet = "count", filter = "table" })
  local limit = opts.limit or 1000
  if opts.snippet then A.int("search", 2, opts.snippet, "snippet", 0, 64) end
  local db = core.db(c)
  local hits, err = db:search(query, { limit = opts.filter and -1 or limit,
    raw = opts.raw, offsets = opts.offsets ~= false, snippet = opts.snippet or 16,
    open = "«", close = "»" })
  if not hits then return nil, err end
  local keep
  if opts.filter then
    keep = {}
    for r in Q.doc_ids(db, opts.filter, "search", 2) do keep[r.id] = true end
  end
  local out = {}
  local best = hits[1] and hits[1].score
  for _, h in ipairs(hits) do
    if not keep or keep[h.rowid] then
      if limit >= 0 and #out >= limit then break end
      local r = hit_of(h)
      -- bm25 is negative, lower is better: relevance 1 for the best hit
      r.relevance = best and best ~= 0 and math.floor(h.score / best * 1000 + 0.5) / 1000 or nil
      out[#out + 1] = r
    end
  end
  return make(c, query, renumber(out))
end

function RSMT.__len(rs) return rawlen(rs) end

--- rs:corpus() -> the corpus of the set
function RS:corpus() return owner[self] end

--- rs:ids() -> list of row ids, in rank order
function RS:ids()
  local ids = {}
  for i, h in ipairs(self) do ids[i] = h.rowid end
  return ids
end

--- rs:doc(i) -> the document of the i-th hit
function RS:doc(i)
  local h = rawget(self, A.int("doc", 1, i, "index"))
  if not h then return nil, "no hit " .. tostring(i) end
  return owner[self]:get(h.rowid)
end

--- rs:docs() -> iterator over the documents of the set, in rank order
function RS:docs()
  local c = owner[self]
  local ids = {}
  for i, h in ipairs(self) do ids[i] = h.rowid end
  return Q.docs_in_order(core.db(c), ids, require("corpus.doc").metatable_of(c))
end

local function copy(h)
  local r = {}
  for k, v in pairs(h) do r[k] = v end
  return r
end

--- rs:filter(pred) -> result set of the hits where pred(hit) is true, or
--- (pred a table) whose documents match a document filter
function RS:filter(pred)
  local c = owner[self]
  local test = pred
  if type(pred) == "table" then
    local keep = {}
    for r in Q.doc_ids(core.db(c), pred, "filter") do keep[r.id] = true end
    test = function(h) return keep[h.rowid] end
  elseif type(pred) ~= "function" then
    A.argerror("filter", 1, "function or document filter expected, got " .. A.typename(pred))
  end
  local out = {}
  for _, h in ipairs(self) do
    if test(h) then out[#out + 1] = copy(h) end
  end
  return make(c, self.query, renumber(out))
end

local function check_other(self, other, fname)
  A.check(fname, 1, other, M.is, "result set", 3)
  if owner[other] ~= owner[self] then
    A.argerror(fname, 1, "result set of another corpus", 3)
  end
end

local function label(a, op, b)
  return "(" .. tostring(a.name or a.query) .. ") " .. op .. " (" .. tostring(b.name or b.query) .. ")"
end

-- results.combine(a, b, key, op) -> list of copies of the items of a and
-- b by key(item): op "union" (a's, then b's whose key a lacks; each key
-- once), "intersect" (a's whose key b has), "minus" (a's whose key b
-- lacks). Shared by result sets (key: the document) and match sets.
function M.combine(a, b, key, op)
  local there, out = {}, {}
  for _, h in ipairs(op == "union" and {} or b) do there[key(h)] = true end
  local keep = op == "intersect"
  for _, set in ipairs(op == "union" and { a, b } or { a }) do
    for _, h in ipairs(set) do
      local k = key(h)
      if op == "union" and not there[k] then
        there[k] = true
        out[#out + 1] = copy(h)
      elseif op ~= "union" and (there[k] or false) == keep then
        out[#out + 1] = copy(h)
      end
    end
  end
  return out
end

local function doc_key(h) return h.rowid end

--- rs:union(other) -> hits of either set (this set's order, then the other's)
function RS:union(other)
  check_other(self, other, "union")
  return make(owner[self], label(self, "OR", other), renumber(M.combine(self, other, doc_key, "union")))
end

--- rs:intersect(other) -> hits of this set whose document is also in other
function RS:intersect(other)
  check_other(self, other, "intersect")
  return make(owner[self], label(self, "AND", other),
    renumber(M.combine(self, other, doc_key, "intersect")))
end

--- rs:minus(other) -> hits of this set whose document is not in other
function RS:minus(other)
  check_other(self, other, "minus")
  return make(owner[self], label(self, "NOT", other), renumber(M.combine(self, other, doc_key, "minus")))
end

RSMT.__add = function(a, b) return a:union(b) end
RSMT.__mul = function(a, b) return a:intersect(b) end
RSMT.__sub = function(a, b) return a:minus(b) end

--- rs:save(name) -> rs | nil, msg: store the set in the database
function RS:save(name)
  A.check("save", 1, name, M.is_name, "name")
  local c = owner[self]
  local w, err = core.wdb(c)
  if not w then return nil, "cannot save result set: " .. tostring(err) end
  local ok, e = Q.in_tx(w, Q.save_set, w, name, self.query, self)
  if not ok then return nil, "cannot save result set: " .. tostring(e) end
  self.name = name
  return self
end

--- corpus:saved(name) -> the saved result set | nil, msg;
--- corpus:saved() -> frame of the saved sets
function M.saved(c, name)
  if name == nil then return M.sets(c) end
  A.check("saved", 1, name, "string", "name")
  local db = core.db(c)
  local meta = Q.set_query(db, name)
  if not meta then return nil, "no saved result set '" .. tostring(name) .. "'" end
  local hits = {}
  for i, r in ipairs(Q.set_hits(db, name)) do hits[i] = hit_of(r) end
  return make(c, meta.query, renumber(hits), name)
end

-- the saved result sets as a frame (corpus:saved() without a name)
function M.sets(c)
  return frame.new(Q.sets(core.db(c)), { "name", "query", "n", "created" })
end

--- corpus:drop(name) -> true | nil, msg
function M.drop(c, name)
  A.check("drop", 1, name, "string")
  local w, err = core.wdb(c)
  if not w then return nil, err end
  local n = Q.drop_set(w, name)
  if n == 0 then return nil, "no saved result set '" .. tostring(name) .. "'" end
  return true
end

--- rs:frame() -> frame of the hits (rank, rowid, date, title, score, snippet)
function RS:frame()
  local rows = {}
  for i, h in ipairs(self) do rows[i] = h end
  return frame.new(rows, COLUMNS)
end
RS.to_frame = RS.frame

-- frame methods work on result sets directly
for _, name in ipairs({ "where", "sort", "top", "group", "map", "select", "columns",
  "export", "render", "column" }) do
  RS[name] = function(self, ...)
    local f = self:frame()
    return f[name](f, ...)
  end
end

--- rs:show{limit =} prints the hits as a table
function RS:show(opts)
  io.stdout:write(self:header(), "\n")
  self:frame():show(opts)
end

--- rs:header() -> "search 'q': N hits"
function RS:header()
  local what = self.name and ("set " .. self.name .. " = ") or ""
  return display.visible(string.format("%ssearch %q: %d %s", what, tostring(self.query),
    #self, #self == 1 and "hit" or "hits"))
end

--- rs:kwic([query,] opts) -> concordance restricted to the set's documents
function RS:kwic(query, opts)
  if type(query) == "table" then query, opts = nil, query end
  local kwic = require("corpus.kwic")
  opts = A.opts("kwic", query == nil and 1 or 2, opts, kwic.OPTS)
  local o = {}
  for k, v in pairs(opts) do o[k] = v end
  o.docs = self
  local q = query or self.query
  if not query and q and q:find("^%(") then
    A.argerror("kwic", 1, "query string expected: a combined set has none")
  end
  return kwic.kwic(owner[self], q, o)
end

--- rs:freq(opts) -> frequency list over the set's documents
function RS:freq(opts)
  A.opts("freq", 1, opts, require("corpus.stats").COUNT_OPTS) -- docs: the set
  local o = {}
  for k, v in pairs(opts or {}) do o[k] = v end
  o.docs = self
  return owner[self]:freq(o)
end

-- the forms of hit h, as {form, col, start, end} with the form as written,
-- case-folded and its white space made single spaces
local function hit_forms(h, texts)
  local out, t = {}, texts[h.rowid]
  if not t or not h.offsets then return out end
  for col, a, b in h.offsets:gmatch("(%d+) (%d+) (%d+)") do
    local s = t[tonumber(col)]
    if s then
      local f = tcore.lower(s:sub(tonumber(a) + 1, tonumber(b))):gsub("%s+", " ")
      out[#out + 1] = { f, col, a, b }
    end
  end
  return out
end

local function texts_of(rs)
  return Q.fts_texts(core.db(owner[rs]), rs:ids())
end

--- rs:forms() -> frame (form, count, docs) of the forms the hits matched,
--- as written (case-folded), most frequent first: the accented forms an
--- unaccented query found
function RS:forms()
  local texts, count, docs = texts_of(self), {}, {}
  for _, h in ipairs(self) do
    local seen = {}
    for _, f in ipairs(hit_forms(h, texts)) do
      count[f[1]] = (count[f[1]] or 0) + 1
      if not seen[f[1]] then seen[f[1]] = true; docs[f[1]] = (docs[f[1]] or 0) + 1 end
    end
  end
  local rows = {}
  for f, n in pairs(count) do rows[#rows + 1] = { form = f, count = n, docs = docs[f] } end
  table.sort(rows, function(x, y)
    if x.count ~= y.count then return x.count > y.count end
    return x.form < y.form
  end)
  return frame.new(rows, { "form", "count", "docs" })
end

--- rs:only(form) -> result set of the hits holding that exact form (as
--- rs:forms() lists it; case does not matter), their offsets narrowed to it
function RS:only(form)
  A.check("only", 1, form, "string")
  local low, why = tcore.lower(form)
  if not low then A.argerror("only", 1, tostring(why)) end
  local want = low:gsub("%s+", " ")
  local texts, out = texts_of(self), {}
  for _, h in ipairs(self) do
    local offs = {}
    for _, f in ipairs(hit_forms(h, texts)) do
      if f[1] == want then offs[#offs + 1] = f[2] .. " " .. f[3] .. " " .. f[4] end
    end
    if #offs > 0 then
      local r = copy(h)
      r.offsets = table.concat(offs, " ")
      out[#out + 1] = r
    end
  end
  return make(owner[self], self.query, renumber(out))
end

-- does query q hold a word without diacritics?
local function unaccented(q)
  for w in tostring(q or ""):gmatch("[^%s\"]+") do
    if w:find("%w") and tcore.lower(w) == tcore.fold(w) then return true end
  end
  return false
end

--- rs:forms_line([max]) -> "forms: tham nhũng 33 · thăm những 5" (the top
--- max forms, 8 by default) when the set's plain query had a word without
--- diacritics and the hits matched some form, else nil
function RS:forms_line(max)
  if max ~= nil then A.int("forms_line", 1, max, "max", 0) end
  if not unaccented(self.query) or tostring(self.query):find("^%(") then return nil end
  local f, parts = self:forms(), {}
  for i = 1, math.min(#f, max or 8) do parts[i] = f[i].form .. " " .. f[i].count end
  return #parts > 0 and "forms: " .. table.concat(parts, " · ") or nil
end

-- Every method checks its self (corpus.args).
A.methods(RS, M.is, "result set")

RSMT.__tostring = function(rs)
  local cols = display.terminal_size()
  local f = rs:frame()
  local forms = rs:forms_line()
  return rs:header() .. "\n" .. f:render{ limit = 20, width = display.isatty("stdout") and cols or nil,
    maxwidth = 60 } .. (forms and "\n" .. display.visible(forms) or "")
end
RSMT.__complete = function()
  local names = {}
  for k, v in pairs(RS) do if type(v) == "function" then names[#names + 1] = k end end
  table.sort(names)
  return names
end

RS.__help = {
  "a result set: ranked hits rs[i] = {rank, rowid, date, title, score, snippet, offsets};\n" ..
  "#rs; rs + other, rs * other, rs - other combine. Methods below.",
  corpus = "rs:corpus() -> the corpus of the set.",
  ids = "rs:ids() -> list of the hits' document row ids, in rank order.",
  doc = "rs:doc(i) -> the document of the i-th hit.",
  docs = "rs:docs() -> iterator over the documents of the set, in rank order (to-be-closed).",
  filter = "rs:filter(pred) -> result set of the hits where pred(hit) is true; pred may be\n" ..
    "a document filter table: rs:filter{year = 2024, place = 'Móng Cái'}.",
  union = "rs:union(other) -> hits in either set (also rs + other).",
  intersect = "rs:intersect(other) -> hits of rs whose document is in other (also rs * other).",
  minus = "rs:minus(other) -> hits of rs whose document is not in other (also rs - other).",
  save = "rs:save(name) -> rs | nil, msg. Saves the set in the database (refused in\n" ..
    "--sandbox); corpus:saved(name) reloads it, corpus:saved() lists them.",
  frame = "rs:frame() -> frame of the hits: rank, rowid, date, title, score, snippet.\n" ..
    "Frame methods (where, sort, top, group, map, select, export...) work on rs directly.",
  show = "rs:show{limit =} prints the hits as a table.",
  header = "rs:header() -> one line: query and number of hits.",
  kwic = "rs:kwic([query,] opts) -> concordance of the set's query (or query) in its documents.",
  freq = "rs:freq(opts) -> frequency list over the set's documents (see corpus:freq).",
  forms = "rs:forms() -> frame (form, count, docs) of the forms the hits matched, most\n" ..
    "frequent first: the accented forms of an unaccented query (tham nhũng, thăm những).",
  forms_line = "rs:forms_line([max]) -> 'forms: tham nhũng 33 · thăm những 5' under the hits\n" ..
    "(REPL) when the query had a word without diacritics, else nil.",
  only = "rs:only(form) -> result set of the hits holding that exact form, e.g.\n" ..
    "c:search('tham nhung'):only('tham nhũng').",
}
do
  local reg = require("tinsh.help").register
  for k, fn in pairs(RS) do
    if type(fn) == "function" and RS.__help[k] then reg(fn, "rs:" .. k, RS.__help[k]) end
  end
end

return M
