-- corpus.query — match sets: the results of a token pattern (docs/query.md)
-- as matches, not documents.
--
-- corpus:query(pattern [, opts]) runs the pattern engine
-- (tinsh.store.query) and returns a match set: an array of matches
-- m[i] = {rowid, seq, kind, s, e, text, tokens, parts} (s, e: 1-based
-- inclusive byte positions in the text of block (rowid, seq)) plus the
-- pattern. A match set sorts by its contexts or date, samples, counts by
-- match, neighbour word, year, site or place, gives its documents as a
-- result set, combines (+ * -) with other match sets, saves by name,
-- renders as a concordance (kwic) and as a dispersion plot. Methods never
-- change the receiver: they return new sets sharing the match records.
--
-- Contexts (sort "left"/"right", count "left1"/"right1") are the
-- segmenter's words around the match in its block (the concordance's
-- contexts of n words, kwic.from_matches, with the corpus's user
-- lexicon): punctuation is no word, and a context stops at the block's
-- edge.

local S = require("tinsh.store")
local core = require("corpus.core")
local Q = require("corpus.sql")
local A = require("corpus.args")
local frame = require("frame")
local display = require("tinsh.display")
local tcore = require("tinsh.core")
local results = require("corpus.results")

local M = {}
local MS = {}
local MSMT = { __name = "corpus.matches", __index = MS }
M.methods = MS
M.metatable = MSMT

local owner = setmetatable({}, { __mode = "k" }) -- set -> corpus
local ctx = setmetatable({}, { __mode = "k" })   -- match -> {left words, right words}

--- query.is(x) -> is x a match set?
function M.is(x) return getmetatable(x) == MSMT end

--- query.make(c, pattern, rows [, name]) -> a match set over the match
--- records rows (the table is taken over)
function M.make(c, pattern, rows, name)
  local m = setmetatable(rows, MSMT)
  m.pattern, m.name = pattern, name
  owner[m] = c
  return m
end
local make = M.make

function MSMT.__len(m) return rawlen(m) end

--- m:corpus() -> the corpus of the set
function MS:corpus() return owner[self] end

-- A new set of the same corpus and pattern over rows.
local function derive(self, rows, pattern)
  return make(owner[self], pattern or self.pattern, rows)
end

---------------------------------------------------------------- metadata

-- The distinct row ids of a list of matches, in first-seen order.
local function ids_of(rows)
  local seen, ids = {}, {}
  for _, r in ipairs(rows) do
    if not seen[r.rowid] then seen[r.rowid] = true; ids[#ids + 1] = r.rowid end
  end
  return ids
end
M.ids_of = ids_of

-- The documents' metadata of set m ({[rowid] = {published, site, title,
-- len}}), read once per set.
local meta_of = setmetatable({}, { __mode = "k" })
local function docmeta(m)
  local d = meta_of[m]
  if not d then
    d = Q.match_docs(core.db(owner[m]), ids_of(m))
    meta_of[m] = d
  end
  return d
end
M.docmeta = docmeta

---------------------------------------------------------------- the query

local QUERY_OPTS = { limit = "limit", sort = { "string", "table" }, filter = "table",
  stats = "table" }

-- The engine's options: the corpus's user lexicon, the documents a
-- filter keeps, and the limit when nothing sorts before the cut. The
-- index paths (the vocabulary prefilter of regex tests, token positions
-- from the maps) are on unless M.from_index is false (to check one
-- against the other); opts.stats, a table, receives the run's plan.
local function engine_opts(c, opts)
  local o = { lexicon = require("corpus.kwic").lexicon(c), corpus_lexicon = true,
    index = M.from_index ~= false, stats = opts.stats }
  if opts.filter then
    o.docs = {}
    for r in Q.doc_ids(core.db(c), opts.filter, "query", 2) do o.docs[#o.docs + 1] = r.id end
  end
  if not opts.sort and opts.limit and opts.limit > 0 then o.limit = opts.limit end
  return o
end

--- corpus:query(pattern [, opts]) -> match set | nil, "column N: why"
--- opts: filter = {document filter}, sort = {"right", 1} (every match
--- sorted, then cut), limit = n (-1 or absent: all), stats = {} (receives
--- plan, candidates, blocks, mapped: how the run found its candidates)
function M.query(c, pattern, opts)
  A.check("query", 1, pattern, "string", "pattern string")
  opts = A.opts("query", 2, opts, QUERY_OPTS)
  if not S.query then error("query: this tinsh has no pattern engine", 2) end
  local o = engine_opts(c, opts)
  if o.docs and #o.docs == 0 then return make(c, pattern, {}) end
  local rows, err = S.query(core.db(c), pattern, o)
  if not rows then return nil, err end
  local m = make(c, pattern, rows)
  if opts.sort then m = m:sort(opts.sort) end
  if opts.limit and opts.limit >= 0 then m = m:head(opts.limit) end
  return m
end

---------------------------------------------------------------- contexts

-- The lower-case words of a context string (the segmenter with lex).
local function words_of(s, lex)
  local out = {}
  for i, w in ipairs(tcore.words(s, lex ~= true and lex or nil)) do out[i] = tcore.lower(w.word) end
  return out
end

-- ctx[r] from a concordance line l of n words each side: the words
-- before (nearest first) and after the match.
local function line_context(r, l, n, lex)
  local left, right = {}, words_of(l.right, lex)
  local lw = words_of(l.left, lex)
  for k = #lw, math.max(1, #lw - n + 1), -1 do left[#left + 1] = lw[k] end
  for k = #right, n + 1, -1 do right[k] = nil end
  ctx[r] = { left, right, n }
end

-- Make sure every match of m has contexts of n words: a concordance of
-- the matches still lacking them (kwic.from_matches, n words each side,
-- cut in C at the segmenter's word boundaries of the block), its
-- contexts split into words again.
local function contexts(m, n)
  n = math.max(n, 1)
  local need = {}
  for _, r in ipairs(m) do
    if not ctx[r] or ctx[r][3] < n then need[#need + 1] = r end
  end
  if #need == 0 then return end
  local c = owner[m]
  local kwic = require("corpus.kwic")
  local lex = kwic.lexicon(c)
  local lines = {}
  for _, l in ipairs(kwic.from_matches(c, need, { words = n })) do
    lines[l.rowid .. ":" .. (l.block - 1) .. ":" .. l.s .. ":" .. l.e] = l
  end
  for _, r in ipairs(need) do
    local l = lines[r.rowid .. ":" .. r.seq .. ":" .. r.s .. ":" .. r.e]
    if l then line_context(r, l, n, lex) else ctx[r] = { {}, {}, n } end
  end
end
M.contexts = contexts

--- query.context(m, match, side, n) -> the n lower-case words before ("left",
--- nearest first) or after ("right") a match of set m, joined by spaces
function M.context(m, r, side, n)
  if not ctx[r] or ctx[r][3] < n then contexts(m, n) end
  local c = ctx[r]
  if not c then return "" end
  local list = side == "left" and c[1] or c[2]
  return table.concat(list, " ", 1, math.min(n, #list))
end

---------------------------------------------------------------- sorting

local SORTS = { left = true, right = true, match = true, date = true }

-- The sort key function of a sort spec {how [, n]} or "how".
local function sort_key(m, spec)
  if type(spec) == "string" then spec = { spec } end
  if type(spec) ~= "table" or not SORTS[spec[1]] then
    A.argerror("sort", 1, "{'left' | 'right' | 'match' | 'date' [, n]} expected, got " ..
      (type(spec) == "string" and string.format("%q", spec) or A.typename(spec)), 3)
  end
  local how, n = spec[1], A.int("sort", 1, spec[2] or 1, "number of words", 1, 50)
  if how == "left" or how == "right" then
    contexts(m, n)
    return function(r) return display.collate_key(M.context(m, r, how, n)) end
  elseif how == "match" then
    return function(r) return display.collate_key(tcore.lower(r.text or "")) end
  end
  local meta = docmeta(m)
  return function(r)
    local d = meta[r.rowid]
    return string.format("%s %012d", d and d.published or "~", r.rowid)
  end
end

-- Document order of two matches.
local function before(a, b)
  if a.rowid ~= b.rowid then return a.rowid < b.rowid end
  if a.seq ~= b.seq then return a.seq < b.seq end
  if a.s ~= b.s then return a.s < b.s end
  return a.e < b.e
end
M.before = before

--- m:sort{"left" | "right", n} / {"match"} / {"date"} -> new set sorted by
--- the n words before the match (nearest first) or after it, the match's
--- folded text, or the document's date; ties keep document order
function MS:sort(spec)
  local keyf = sort_key(self, spec)
  local rows, keys = {}, {}
  for i, r in ipairs(self) do rows[i] = r; keys[r] = keyf(r) end
  table.sort(rows, function(a, b)
    if keys[a] ~= keys[b] then return keys[a] < keys[b] end
    return before(a, b)
  end)
  return derive(self, rows)
end

--- m:head(n) -> new set of the first n matches (also m:top(n))
function MS:head(n)
  n = A.int("head", 1, n, "n", 0)
  local rows = {}
  for i = 1, math.min(n, #self) do rows[i] = self[i] end
  return derive(self, rows)
end
MS.top = MS.head

---------------------------------------------------------------- sampling

-- A small deterministic generator (64-bit LCG, Knuth's MMIX constants):
-- next(k) -> an integer in 1..k.
local function generator(seed)
  local x = math.tointeger(seed) ~ 0x5DEECE66D
  return function(k)
    x = x * 6364136223846793005 + 1442695040888963407
    return (((x >> 33) & 0x7FFFFFFF) % k) + 1
  end
end

--- m:sample(n [, {seed = s}]) -> new set of n matches drawn without
--- replacement (all when n >= #m), in the set's order; the same seed (1
--- by default) always draws the same matches
function MS:sample(n, opts)
  n = A.int("sample", 1, n, "n", 0)
  opts = A.opts("sample", 2, opts, { seed = "number" })
  local seed = A.int("sample", 2, opts.seed or 1, "seed")
  local idx, draw = {}, generator(seed)
  for i = 1, #self do idx[i] = i end
  local k = math.min(n, #self)
  for i = 1, k do -- partial Fisher-Yates
    local j = i - 1 + draw(#self - i + 1)
    idx[i], idx[j] = idx[j], idx[i]
  end
  local pick = table.move(idx, 1, k, 1, {})
  table.sort(pick)
  local rows = {}
  for i, p in ipairs(pick) do rows[i] = self[p] end
  return derive(self, rows)
end

---------------------------------------------------------------- counting

-- The count keys of a match for each grouping: a list of keys (a match
-- counts once under each; a document mentions several places).
local function key_fn(m, by)
  if by == "match" then return function(r) return { tcore.lower(r.text or "") } end end
  if by == "left1" or by == "right1" then
    contexts(m, 1)
    local side, none = by == "left1" and "left" or "right", by == "left1" and "(start)" or "(end)"
    return function(r)
      local w = M.context(m, r, side, 1)
      return { w ~= "" and w or none }
    end
  end
  local meta = docmeta(m)
  if by == "year" then
    return function(r)
      local p = meta[r.rowid] and meta[r.rowid].published
      return { p and p ~= "" and p:sub(1, 4) or "undated" }
    end
  elseif by == "site" then
    return function(r) return { meta[r.rowid] and meta[r.rowid].site or "(no site)" } end
  end
  local places = Q.match_places(core.db(owner[m]), ids_of(m))
  return function(r)
    local l = places[r.rowid]
    return l and #l > 0 and l or { "(no place)" }
  end
end

local BY = { match = true, left1 = true, right1 = true, year = true, site = true, place = true }

-- The most frequent written form of each key (ties: the first seen),
-- from forms[key][written] = count.
local function top_forms(forms)
  local top = {}
  for k, fs in pairs(forms) do
    local best, bn = nil, -1
    for f, n in pairs(fs) do
      if n > bn or (n == bn and f < best) then best, bn = f, n end
    end
    top[k] = best
  end
  return top
end

--- m:count{by = "match" | "left1" | "right1" | "year" | "site" | "place"}
--- -> frame key, count, docs, share (count / #m), most frequent first;
--- by "match" keys are folded (lower case) and a column form gives the
--- most frequent written form
function MS:count(opts)
  opts = A.opts("count", 1, opts, { by = "string" })
  local by = opts.by or "match"
  if not BY[by] then
    A.argerror("count", 1, "by: match, left1, right1, year, site or place expected")
  end
  local keyf, count, docs, forms = key_fn(self, by), {}, {}, {}
  for _, r in ipairs(self) do
    for _, k in ipairs(keyf(r)) do
      count[k] = (count[k] or 0) + 1
      docs[k] = docs[k] or {}
      docs[k][r.rowid] = true
      if by == "match" then
        local f = (r.text or ""):gsub("%s+", " ")
        forms[k] = forms[k] or {}
        forms[k][f] = (forms[k][f] or 0) + 1
      end
    end
  end
  return M.count_frame(count, docs, #self, by == "match" and top_forms(forms) or nil)
end

--- query.count_frame(count, docs, total [, forms]) -> frame key, [form,]
--- count, docs, share
function M.count_frame(count, docs, total, forms)
  local rows = {}
  for k, n in pairs(count) do
    local nd = 0
    for _ in pairs(docs[k]) do nd = nd + 1 end
    rows[#rows + 1] = { key = k, form = forms and forms[k], count = n, docs = nd,
      share = total > 0 and math.floor(n / total * 10000 + 0.5) / 10000 or 0 }
  end
  table.sort(rows, function(a, b)
    if a.count ~= b.count then return a.count > b.count end
    return a.key < b.key
  end)
  return frame.new(rows, forms and { "key", "form", "count", "docs", "share" }
    or { "key", "count", "docs", "share" })
end

---------------------------------------------------------------- documents

--- m:ids() -> the row ids of the set's documents, in first-match order
function MS:ids() return ids_of(self) end

--- m:docs() -> result set of the documents with matches (rank in
--- first-match order; score = number of matches; snippet = first match)
function MS:docs()
  local meta, first, n = docmeta(self), {}, {}
  for _, r in ipairs(self) do
    n[r.rowid] = (n[r.rowid] or 0) + 1
    first[r.rowid] = first[r.rowid] or r
  end
  local hits = {}
  for i, id in ipairs(ids_of(self)) do
    local d = meta[id] or {}
    hits[i] = { rank = i, rowid = id, title = d.title, published = d.published,
      date = d.published and d.published:sub(1, 10), score = n[id],
      snippet = "«" .. tostring(first[id].text) .. "»" }
  end
  return results.make(owner[self], self.pattern, hits)
end

---------------------------------------------------------------- set operations

local function key_of(r) return r.rowid .. ":" .. r.seq .. ":" .. r.s .. ":" .. r.e end

-- Combine two match sets with results.combine (op "union", "intersect",
-- "minus") on the match position (rowid, seq, s, e).
local function setop(a, b, op, sym)
  A.check(op, 1, b, M.is, "match set", 3)
  A.check(op, 1, a, M.is, "match set", 3) -- a + b with a no match set
  if owner[a] ~= owner[b] then A.argerror(op, 1, "match set of another corpus", 3) end
  local rows = results.combine(a, b, key_of, op)
  if op == "union" then table.sort(rows, before) end
  return derive(a, rows, "(" .. tostring(a.name or a.pattern) .. ") " .. sym ..
    " (" .. tostring(b.name or b.pattern) .. ")")
end

--- m:union(other) -> matches of either set, in document order (also +)
function MS:union(other) return setop(self, other, "union", "|") end
--- m:intersect(other) -> matches of m at a position other has too (also *)
function MS:intersect(other) return setop(self, other, "intersect", "&") end
--- m:minus(other) -> matches of m at no position of other (also -)
function MS:minus(other) return setop(self, other, "minus", "-") end

MSMT.__add = function(a, b) return setop(a, b, "union", "|") end
MSMT.__mul = function(a, b) return setop(a, b, "intersect", "&") end
MSMT.__sub = function(a, b) return setop(a, b, "minus", "-") end

---------------------------------------------------------------- saving

-- The tokens and parts of a match as JSON (what the row columns lack).
local function data_of(r)
  return require("json").encode({ tokens = r.tokens or {}, parts = r.parts or {} })
end

--- m:save(name) -> m | nil, msg: store the matches in the database;
--- corpus:saved(name) reloads them as a match set
function MS:save(name)
  A.check("save", 1, name, results.is_name, "name")
  local w, err = core.wdb(owner[self])
  if not w then return nil, "cannot save match set: " .. tostring(err) end
  local rows = {}
  for i, r in ipairs(self) do
    rows[i] = { rowid = r.rowid, seq = r.seq, kind = r.kind, s = r.s, e = r.e,
      text = r.text, data = data_of(r) }
  end
  local ok, e = Q.in_tx(w, Q.save_matches, w, name, self.pattern, rows)
  if not ok then return nil, "cannot save match set: " .. tostring(e) end
  self.name = name
  return self
end

--- query.saved(c, name) -> the saved match set name, or nil when name is
--- no match set
function M.saved(c, name)
  local db = core.db(c)
  local rows = Q.set_matches(db, name)
  if not rows then return nil end
  local json = require("json")
  for _, r in ipairs(rows) do
    local ok, d = pcall(json.decode, r.data or "{}")
    d = ok and type(d) == "table" and d or {}
    r.i, r.data, r.tokens, r.parts = nil, nil, d.tokens or {}, d.parts or {}
  end
  return make(c, Q.set_query(db, name).query, rows, name)
end

---------------------------------------------------------------- views

local COLUMNS = { "rowid", "date", "kind", "seq", "s", "e", "text" }

-- The part names of a set, sorted.
local function part_names(m)
  local seen, names = {}, {}
  for _, r in ipairs(m) do
    for k in pairs(r.parts or {}) do
      if not seen[k] then seen[k] = true; names[#names + 1] = k end
    end
  end
  table.sort(names)
  return names
end

--- m:frame() -> frame rowid, date, kind, seq, s, e, text and one column
--- per named part (its text)
function MS:frame()
  local meta, parts, cols = docmeta(self), part_names(self), table.move(COLUMNS, 1, #COLUMNS, 1, {})
  for _, p in ipairs(parts) do cols[#cols + 1] = p end
  local rows = {}
  for i, r in ipairs(self) do
    local p = meta[r.rowid] and meta[r.rowid].published
    local row = { rowid = r.rowid, date = p and p:sub(1, 10), kind = r.kind, seq = r.seq,
      s = r.s, e = r.e, text = r.text }
    for _, k in ipairs(parts) do row[k] = r.parts[k] and r.parts[k].text end
    rows[i] = row
  end
  return frame.new(rows, cols)
end
MS.to_frame = MS.frame

--- m:export(path [, opts]) -> true | nil, msg (through m:frame())
function MS:export(path, opts)
  local f = self:frame()
  return f:export(path, opts)
end

--- m:kwic{words =, width =} -> concordance of the matches in the set's
--- order (kwic.from_matches); re-rendering at another width searches
--- nothing again
function MS:kwic(opts)
  opts = A.opts("kwic", 1, opts, { words = "words", width = "count" })
  local o = { words = opts.words or 5, width = opts.width, query = self.pattern }
  return require("corpus.kwic").from_matches(owner[self], self, o)
end

--- m:dispersion() -> dispersion plot (corpus.dispersion)
function MS:dispersion(opts)
  A.opts("dispersion", 1, opts, {})
  return require("corpus.dispersion").new(self, ids_of(self), docmeta(self))
end

--- m:header() -> "query 'p': N matches in D documents"
function MS:header()
  local n, d = #self, #ids_of(self)
  local what = self.name and ("set " .. self.name .. " = ") or ""
  return display.visible(string.format("%squery '%s': %d %s in %d %s", what, tostring(self.pattern),
    n, n == 1 and "match" or "matches", d, d == 1 and "document" or "documents"))
end

--- m:show{limit =} prints the matches as a table
function MS:show(opts)
  io.stdout:write(self:header(), "\n")
  self:frame():show(opts)
end

-- Every method checks its self (corpus.args).
A.methods(MS, M.is, "match set")

MSMT.__tostring = function(m)
  local cols = display.terminal_size()
  return m:header() .. "\n" .. m:frame():render{ limit = 20,
    width = display.isatty("stdout") and cols or nil, maxwidth = 60 }
end
MSMT.__complete = function()
  local names = {}
  for k, v in pairs(MS) do if type(v) == "function" then names[#names + 1] = k end end
  table.sort(names)
  return names
end

MS.__help = require("corpus.help").matches
do
  local reg = require("tinsh.help").register
  for k, fn in pairs(MS) do
    if type(fn) == "function" and MS.__help[k] then reg(fn, "m:" .. k, MS.__help[k]) end
  end
end

return M
