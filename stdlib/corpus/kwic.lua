-- corpus.kwic — keyword in context.
--
-- corpus:kwic(query, opts) finds the documents through the full-text index
-- (the query as a phrase), then the exact occurrences in each block with
-- tinsh.store.find (accent-smart like search), and keeps generous left and
-- right contexts. Matches are whole words by default: an occurrence counts
-- only when it starts and ends on word boundaries of the segmenter (the
-- corpus's user lexicon applied), so "phát" does not match inside "phát
-- triển"; {unit = "syllable"} matches syllables anywhere as before.
-- {words = n} cuts the contexts to n words on each side. Rendering aligns the matches by display width; a new
-- width re-renders the same lines without searching again.

local S = require("tinsh.store")
local core = require("corpus.core")
local Q = require("corpus.sql")
local A = require("corpus.args")
local display = require("tinsh.display")
local tcore = require("tinsh.core")

local M = {}
local Kwic = {}
-- Lines are read from the C store (k._src) the first time they are
-- indexed, then kept in the table.
local KwicMT = { __name = "corpus.kwic" }
KwicMT.__index = function(k, i)
  if math.type(i) ~= "integer" then return Kwic[i] end
  local src = rawget(k, "_src")
  if not src or i < 1 or i > k._n then return nil end
  local l = src:get(i)
  rawset(k, i, l)
  return l
end
M.methods = Kwic

--- kwic.is(x) -> is x a concordance?
function M.is(x) return getmetatable(x) == KwicMT end

local CONTEXT = 240 -- bytes of context kept on each side
local DEFAULT_KINDS = { "title", "lead", "heading", "paragraph", "question", "answer",
  "caption" }
-- the kinds of the FTS columns made of blocks (body, captions, answers),
-- which the token position maps (doc_tokmap) cover
local MAPPED_KINDS = { dateline = 1, heading = 1, paragraph = 1, question = 1, byline = 1,
  caption = 1, answer = 1 }
local ALL_KINDS = { banner = 1, title = 1, dateline = 1, lead = 1, heading = 1,
  paragraph = 1, question = 1, answer = 1, caption = 1, byline = 1, related = 1,
  boilerplate = 1 }

-- Cut s to whole UTF-8 characters: drop leading continuation bytes and a
-- trailing incomplete sequence.
local function clean_utf8(s)
  s = s:gsub("^[\128-\191]+", "")
  local i = #s
  while i > 0 and s:byte(i) >= 0x80 and s:byte(i) < 0xC0 do i = i - 1 end
  if i > 0 and s:byte(i) >= 0xC0 then
    local b = s:byte(i)
    local need = b >= 0xF0 and 4 or b >= 0xE0 and 3 or 2
    if #s - i + 1 < need then s = s:sub(1, i - 1) end
  end
  return s
end

local function flat(s) return (s:gsub("%s+", " ")) end

-- The FTS5 MATCH expression of a phrase query (tokens quoted; a final *
-- makes the last one a prefix).
local function phrase_match(query)
  local q = query:gsub('"', " ")
  local toks = S.tokens(q)
  if #toks == 0 then return nil end
  for i, t in ipairs(toks) do toks[i] = t:gsub('"', '""') end
  local prefix = q:match("%*%s*$") and " *" or ""
  return '"' .. table.concat(toks, " ") .. '"' .. prefix
end
M.phrase_match = phrase_match

-- The lexicon of corpus c for the word tokenizers: a lexicon object
-- (tinsh.store.lexicon) holding the user lexicon (table corpus_words), or
-- true (the default lexicon) when there is none. Built once per session
-- and again after corpus:words{} (which clears cache.lexicon).
function M.lexicon(c)
  local cache = core.cache(c)
  if cache.lexicon == nil then
    local add, remove = {}, {}
    for _, r in ipairs(Q.user_words(core.db(c))) do
      local list = r.action == "add" and add or remove
      list[#list + 1] = r.word
    end
    cache.lexicon = (#add + #remove > 0) and S.lexicon(add, remove) or false
  end
  return cache.lexicon or true
end

-- The word spans of text: starts[from] and ends[to] (1-based inclusive
-- byte positions) and the list of spans in order.
local function word_spans(text, lex)
  local ws = tcore.words(text, lex ~= true and lex or nil)
  local starts, ends = {}, {}
  for i, w in ipairs(ws) do starts[w.from], ends[w.to] = i, i end
  return ws, starts, ends
end

-- The occurrences of query in text (pairs s, e) that are whole words;
-- with nwords, also the byte ranges of nwords words on each side.
local function word_hits(text, query, lex, prefix, nwords)
  local pos = S.find(text, query)
  if #pos == 0 then return pos end
  local ws, starts, ends = word_spans(text, lex)
  local out = {}
  for i = 1, #pos, 2 do
    local s, e = pos[i], pos[i + 1]
    local a, b = starts[s], ends[e]
    if a and (b or prefix) then
      local h = { s, e }
      if nwords then
        b = b or a
        local l, r = ws[math.max(1, a - nwords)], ws[math.min(#ws, b + nwords)]
        h[3] = a > 1 and l.from or s
        h[4] = b < #ws and r.to or e
      end
      out[#out + 1] = h
    end
  end
  return out
end

local SORTS = { left = true, right = true, date = true, doc = true }
-- how must be a sort of SORTS: else bad argument #argn to fname (the
-- option sort = of kwic and from_matches, the argument of k:sort).
local function check_sort(how, fname, argn)
  if not SORTS[how] then
    A.argerror(fname, argn, (fname == "sort" and "" or "sort: ") ..
      "'left', 'right', 'date' or 'doc' expected, got " ..
      (type(how) == "string" and string.format("%q", how) or A.typename(how)), 2)
  end
end

-- A line of the concordance: the match s..e (1-based inclusive bytes) of
-- block seq (0-based) of document rowid, contexts ls..s-1 and e+1..re.
local function make_line(rowid, seq, kind, title, published, text, s, e, ls, re)
  return {
    rowid = rowid, block = seq + 1, kind = kind, title = title, s = s, e = e,
    date = published and published:sub(1, 10) or nil,
    left = flat(clean_utf8(text:sub(ls, s - 1))),
    match = flat(text:sub(s, e)),
    right = flat(clean_utf8(text:sub(e + 1, re))),
  }
end

-- A small deterministic generator (a 64-bit LCG, high bits): the same
-- seed picks the same sample on every platform.
local function lcg(seed)
  local x = seed
  return function(n)
    x = x * 6364136223846793005 + 1442695040888963407
    return ((x >> 33) % n) + 1
  end
end

-- Every line of k as a table of its own (the C store dropped).
local function materialize(self)
  local src = rawget(self, "_src")
  if not src then return self end
  for i = 1, self._n do if rawget(self, i) == nil then rawset(self, i, src:get(i)) end end
  self._src = nil
  return self
end

-- Keep n of the lines at random (seed), in their order; sort, then cut to
-- limit: every option sees all the matches before the cut.
local function finish(self, opts)
  local n = #self
  if opts.sample and opts.sample < n then
    local rand, idx = lcg(opts.seed or 1), {}
    for i = 1, n do idx[i] = i end
    for i = 1, opts.sample do
      local j = i - 1 + rand(n - i + 1)
      idx[i], idx[j] = idx[j], idx[i]
    end
    local pick = table.move(idx, 1, opts.sample, 1, {})
    table.sort(pick)
    local out = {}
    for i, j in ipairs(pick) do out[i] = self[j] end
    for i = 1, n do rawset(self, i, nil) end
    for i, l in ipairs(out) do rawset(self, i, l) end
    self._src, self._n = nil, #out
  end
  if opts.sort then self:sort(opts.sort) end
  if opts.limit and #self > opts.limit then
    for i = #self, opts.limit + 1, -1 do rawset(self, i, nil) end
    self._n = opts.limit
  end
  return self
end

-- The options of corpus:kwic (corpus.args kinds); d:kwic and rs:kwic
-- check theirs against it too.
M.OPTS = { kinds = { "string", "table" }, width = "count", sort = "string", docs = "table",
  filter = "table", limit = "count", words = "words", unit = "string", sample = "count",
  seed = "count" }

-- The options of corpus:kwic checked, and the block condition of query:
-- opts, where (nil: the query has no token), the lexicon (nil: syllables),
-- the MATCH expression (nil when no kind asked for is in the maps).
local function kwic_prep(c, query, opts)
  A.check("kwic", 1, query, "string", "query string", 3)
  opts = A.opts("kwic", 2, opts, M.OPTS)
  if opts.unit ~= nil and opts.unit ~= "word" and opts.unit ~= "syllable" then
    A.argerror("kwic", 2, "unit: 'word' or 'syllable' expected", 3)
  end
  if opts.sort then check_sort(opts.sort, "kwic", 2) end
  local lex = opts.unit ~= "syllable" and M.lexicon(c) or nil
  local kinds = opts.kinds or DEFAULT_KINDS
  if type(kinds) == "string" then kinds = { kinds } end
  for _, k in ipairs(kinds) do
    if not ALL_KINDS[k] then
      A.argerror("kwic", 2, "kinds: unknown block kind '" .. tostring(k) .. "'", 3)
    end
  end
  local m = phrase_match(query)
  if not m then return opts end
  local mapped = false -- a kind whose blocks the token position maps hold
  for _, k in ipairs(kinds) do mapped = mapped or MAPPED_KINDS[k] ~= nil end
  local where = Q.where():match(m)
  if #kinds > 0 then where:kinds(kinds) end
  if opts.docs then
    local ids = {}
    for i, d in ipairs(opts.docs) do ids[i] = tostring(d.rowid) end
    where:ids(ids)
  end
  if opts.filter then where:filter(opts.filter, "kwic", 2) end
  return opts, where, lex, mapped and m or nil
end

-- A concordance over the C line store src (nil: none yet).
local function new_kwic(query, opts, src)
  return setmetatable({ query = query, width = opts.width, sort_by = opts.sort,
    _src = src, _n = src and #src or 0 }, KwicMT)
end

--- corpus:kwic(query [, opts]) -> concordance. The blocks of the
--- documents the index finds are read and cut in C (db:kwic): the hits
--- come from the index's phrase instances and each document's token
--- position map (doc_tokmap), or for a document without one from its
--- text; the lines stay there until one is read.
function M.kwic(c, query, opts)
  local where, lex, m
  opts, where, lex, m = kwic_prep(c, query, opts)
  if not where then return new_kwic(query, opts) end
  -- with sort or sample, every match is needed before the cut
  local stop = not opts.sort and not opts.sample and opts.limit or -1
  local sql, params = Q.blocks_sql(core.spans(c), where, nil, true)
  -- the hits from the token position maps where documents have them
  -- (M.from_maps false: always from the texts, to check one against the other)
  local src, mapped = core.db(c):kwic(sql, params, query, lex, lex and opts.words or -1, stop,
    M.from_maps ~= false and m or nil)
  local k = new_kwic(query, opts, src)
  k._mapped = mapped -- blocks whose hits came from the maps (tests, benchmarks)
  return finish(k, opts)
end

-- The same concordance found and cut in Lua, block by block (the path
-- before db:kwic; kept to check it against).
function M.kwic_lua(c, query, opts)
  local where, lex
  opts, where, lex = kwic_prep(c, query, opts)
  local self = new_kwic(query, opts)
  if not where then return self end
  local prefix = query:match("%*[%s\"]*$") ~= nil
  local stop = not opts.sort and not opts.sample and opts.limit or nil
  local n = 0
  for r in core.blocks(c, where, nil, true) do
    local text = r[4]
    local hits
    if lex then
      hits = word_hits(text, query, lex, prefix, opts.words)
    else
      local pos = S.find(text, query)
      hits = {}
      for i = 1, #pos, 2 do hits[#hits + 1] = { pos[i], pos[i + 1] } end
    end
    for _, h in ipairs(hits) do
      local s, e = h[1], h[2]
      local ls, re = h[3] or math.max(1, s - CONTEXT), h[4] or e + CONTEXT
      n = n + 1
      self[n] = make_line(r[1], r[2], r[3], r[7], r[8], text, s, e, ls, re)
      if stop and n >= stop then break end
    end
    if stop and n >= stop then break end
  end
  self._n = n
  return finish(self, opts)
end

-- The rows of from_matches checked: a list of {rowid, seq, kind, s, e}
-- (integers; s..e inside the block, checked when its text is read).
local function check_matches(rows)
  if type(rows) ~= "table" then -- a list or a match set
    A.argerror("from_matches", 2, "list of matches expected, got " .. A.typename(rows), 2)
  end
  for i, r in ipairs(rows) do
    if type(r) ~= "table" then
      A.argerror("from_matches", 2, "match " .. i .. " is not a table", 2)
    end
    for _, k in ipairs({ "rowid", "seq", "s", "e" }) do
      if math.type(r[k]) ~= "integer" then
        A.argerror("from_matches", 2, "match " .. i .. ": integer " .. k .. " expected", 2)
      end
    end
  end
end

-- The blocks the rows name: texts[rowid][seq] = {text, kind, title,
-- published}, each document's blocks read once.
local function block_texts(c, rows)
  local want, ids = {}, {}
  for _, r in ipairs(rows) do
    if not want[r.rowid] then want[r.rowid] = {}; ids[#ids + 1] = r.rowid end
    want[r.rowid][r.seq] = true
  end
  local texts = {}
  if #ids == 0 then return texts end
  for r in core.blocks(c, Q.where():ids(ids), nil, true) do
    if want[r[1]][r[2]] then
      texts[r[1]] = texts[r[1]] or {}
      texts[r[1]][r[2]] = { text = r[4], kind = r[3], title = r[7], published = r[8] }
    end
  end
  return texts
end

--- kwic.from_matches(corpus, rows [, opts]) -> concordance of matches found
--- elsewhere: rows {rowid, seq, kind, s, e, ...} (s..e: 1-based inclusive
--- bytes of the text of block (rowid, seq) of the blocks view); opts:
--- words = n words each side, query = its label, width, sort, sample,
--- seed, limit. Lines keep the rows' order (then sample, sort, limit); a
--- row whose block is absent or whose span lies outside it is skipped.
function M.from_matches(c, rows, opts)
  A.check("from_matches", 1, c, core.is, "corpus")
  check_matches(rows)
  opts = A.opts("from_matches", 3, opts, { words = "words", query = "string",
    width = "count", sort = "string", sample = "count", seed = "count", limit = "count" })
  if opts.sort then check_sort(opts.sort, "from_matches", 3) end
  local lex = opts.words and M.lexicon(c) or nil
  local texts = block_texts(c, rows)
  local src = S.kwic_lines()
  -- word contexts from the token position maps where they hold the block
  -- (M.from_maps false: always segmented from the texts)
  local db = lex and M.from_maps ~= false and core.db(c) or nil
  for _, r in ipairs(rows) do
    local b = texts[r.rowid] and texts[r.rowid][r.seq]
    if b then
      src:add(r.rowid, r.seq, b.kind, b.title, b.published, b.text, r.s, r.e,
        opts.words or -1, lex, db)
    end
  end
  local k = new_kwic(opts.query or "", opts, src)
  k._mapped = src:mapped() -- lines whose words came from the maps (tests)
  return finish(k, opts)
end

-- Sort key of a context: folded words, the left one read backwards.
local function left_key(s)
  local words = {}
  for w in tcore.fold(s):gmatch("[%w]+") do table.insert(words, 1, w) end
  return table.concat(words, " ")
end
local function right_key(s)
  local words = {}
  for w in tcore.fold(s):gmatch("[%w]+") do words[#words + 1] = w end
  return table.concat(words, " ")
end

--- k:sort("left" | "right" | "date" | "doc") -> k (sorted in place)
function Kwic:sort(how)
  local keyf
  if how == "left" then keyf = function(l) return left_key(l.left) end
  elseif how == "right" then keyf = function(l) return right_key(l.right) end
  elseif how == "date" then keyf = function(l) return (l.date or "~") .. string.format("%09d", l.rowid) end
  elseif how == "doc" then keyf = function(l) return string.format("%09d%06d", l.rowid, l.block) end
  else check_sort(how, "sort", 1) end
  materialize(self)
  local keys, idx = {}, {}
  for i, l in ipairs(self) do keys[l] = keyf(l); idx[l] = i end
  table.sort(self, function(a, b)
    if keys[a] ~= keys[b] then return keys[a] < keys[b] end
    return idx[a] < idx[b]
  end)
  self.sort_by = how
  return self
end

-- Skip UTF-8 continuation bytes and combining marks (U+0300..U+036F)
-- from byte position i: the start of a whole character.
local function char_start(s, i)
  local n = #s
  while i <= n do
    local b = s:byte(i)
    if b >= 0x80 and b < 0xC0 then
      i = i + 1
    elseif (b == 0xCC) or (b == 0xCD and (s:byte(i + 1) or 0) < 0xB0) then
      i = i + 2
    else
      break
    end
  end
  return i
end

-- The end of s within w columns, "…" first when cut (binary search on the
-- start byte; widths measured in C).
local function fit_left(s, w)
  if display.width(s) <= w then return s end
  if w <= 1 then return w == 1 and "…" or "" end
  local lo, hi = 1, #s + 1
  while lo < hi do
    local mid = (lo + hi) // 2
    if display.width(s:sub(char_start(s, mid))) <= w - 1 then hi = mid else lo = mid + 1 end
  end
  return "…" .. s:sub(char_start(s, lo))
end
M.fit_left = fit_left

--- k:render{width =, limit =} -> the aligned lines as a string
function Kwic:render(opts)
  opts = A.opts("render", 1, opts, { width = "count", limit = "count" })
  local width = opts.width or self.width or (display.isatty("stdout") and display.terminal_size()) or 100
  local n = #self
  local limit = math.min(opts.limit or n, n)
  local refw, matchw = 0, 0
  local refs = {}
  for i = 1, limit do
    refs[i] = "#" .. self[i].rowid
    refw = math.max(refw, display.width(refs[i]))
    matchw = math.max(matchw, display.width(self[i].match))
  end
  local side = math.max(4, (width - refw - matchw - 4) // 2)
  local out = {}
  for i = 1, limit do
    local l, vis = self[i], display.visible -- control characters shown, not obeyed
    local left = display.pad(fit_left(vis(l.left, true), side), side, "right")
    local right = display.truncate(vis(l.right, true), side)
    out[#out + 1] = (display.pad(refs[i], refw) .. "  " .. left .. " " ..
      display.pad(vis(l.match, true), matchw) .. " " .. right):gsub("%s+$", "")
  end
  local foot = string.format("(%d %s of %q)", n, n == 1 and "line" or "lines", self.query)
  if limit < n then foot = string.format("(%d of %d lines of %q)", limit, n, self.query) end
  out[#out + 1] = foot
  return table.concat(out, "\n")
end

--- k:show{width =, limit =} prints the lines
function Kwic:show(opts)
  A.opts("show", 1, opts, { width = "count", limit = "count" })
  io.stdout:write(self:render(opts), "\n")
end

--- k:frame() -> frame of the lines: rowid, date, kind, left, match, right, title
function Kwic:frame()
  local rows = {}
  for i, l in ipairs(self) do rows[i] = l end
  return require("frame").new(rows, { "rowid", "date", "kind", "block", "left", "match",
    "right", "title" })
end
Kwic.to_frame = Kwic.frame

--- k:docs() -> frame of the documents with matches and their counts
function Kwic:docs()
  return self:frame():group("rowid", "date", "title"):count("lines"):sort("-lines")
end

-- Every method checks its self (corpus.args).
A.methods(Kwic, M.is, "concordance")

KwicMT.__len = function(k) return rawget(k, "_n") or rawlen(k) end
KwicMT.__tostring = function(k) return k:render{ limit = 40 } end
KwicMT.__complete = function()
  local names = {}
  for name, v in pairs(Kwic) do if type(v) == "function" then names[#names + 1] = name end end
  table.sort(names)
  return names
end

Kwic.__help = {
  "a concordance: k[i] = {rowid, date, kind, block, left, match, right, title}; #k lines.",
  sort = "k:sort('left' | 'right' | 'date' | 'doc') -> k, sorted in place by the words\n" ..
    "before the match (read backwards), after it, by date, or in document order.",
  render = "k:render{width =, limit =} -> aligned lines (by display width) as a string; a\n" ..
    "new width re-renders without searching again.",
  show = "k:show{width =, limit =} prints the lines.",
  frame = "k:frame() -> frame of the lines: rowid, date, kind, block, left, match, right, title.",
  docs = "k:docs() -> frame of the documents with matches, by number of lines.",
}
do
  local reg = require("tinsh.help").register
  for k, fn in pairs(Kwic) do
    if type(fn) == "function" and Kwic.__help[k] then reg(fn, "k:" .. k, Kwic.__help[k]) end
  end
end

return M
