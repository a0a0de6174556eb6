-- corpus.trend — the frequency of a query over time or across groups.
--
-- corpus:trend(q, {by = "year" | "month" | "site" | "place"}) counts the
-- hits of q per group of documents and divides by the number of words of
-- the whole group: a frame key, hits, docs, words, per_million.
--
-- q is a token pattern (corpus:query, docs/query.md) when it holds one of
-- the characters [ ] { } ( ) | or the text "::" or "within" followed by a
-- block kind (answer, question, caption, title, lead, sentence...);
-- otherwise a plain query whose hits are its concordance lines
-- (corpus:kwic: the query as a phrase of whole words). {pattern = true}
-- or {pattern = false} says which it is outright.
--
-- Words are the segmenter's words (the corpus's user lexicon applied) of
-- the content blocks (title, lead, headings, paragraphs, questions,
-- answers, captions), as corpus:freq counts them: punctuation is no word,
-- a number is one. Every document's words are read from the table
-- doc_words the ingest keeps with the word statistics, or, when those are
-- stale or were counted with another user lexicon, counted (in C, one
-- db:terms per document); either way kept for the session, until the user
-- lexicon changes; a group's words are the sum over its documents.
--
-- Groups: by year and month every group of the corpus from the first to
-- the last, gaps filled with zero rows; documents without a date form the
-- last row, key "undated" (its rate is kept apart from the series). By
-- site and place only the groups with hits, most hits first; a document
-- counts under every place it mentions, "(no place)" when none, and
-- "(no site)" collects the documents without one.

local core = require("corpus.core")
local Q = require("corpus.sql")
local A = require("corpus.args")
local frame = require("frame")
local query = require("corpus.query")

local M = {}

local BY = { year = true, month = true, site = true, place = true }
local NONE = { year = "undated", month = "undated", site = "(no site)", place = "(no place)" }

local WITHIN = { answer = true, question = true, caption = true, title = true, lead = true,
  sentence = true, paragraph = true, heading = true }

--- trend.is_pattern(q) -> does the text q read as a token pattern?
function M.is_pattern(q)
  if q:find("[%[%]{}()|]") or q:find("::", 1, true) then return true end
  for w in q:gmatch("within%s+(%a+)") do
    if WITHIN[w] then return true end
  end
  return false
end

-- The hits of q as records {rowid} (matches or concordance lines).
local function hits_of(c, q, pattern)
  if pattern then
    local m, err = query.query(c, q)
    if not m then return nil, err end
    return m
  end
  return c:kwic(q)
end

-- The groups of every document for grouping by: { [rowid] = {key, ...} }
-- (several places; NONE[by] when it has none).
local function group_map(c, by)
  local map = {}
  for r in Q.doc_ids(core.db(c)) do map[r.id] = {} end
  for _, r in ipairs(Q.doc_groups(core.db(c), by)) do
    local l = map[r[1]]
    if l then l[#l + 1] = r[2] ~= nil and r[2] ~= "" and tostring(r[2]) or NONE[by] end
  end
  for _, l in pairs(map) do if #l == 0 then l[1] = NONE[by] end end
  return map
end

-- Per group: number of hits and the set of documents with hits.
local function tally(map, hits)
  local count, docs = {}, {}
  for _, h in ipairs(hits) do
    for _, k in ipairs(map[h.rowid] or {}) do
      count[k] = (count[k] or 0) + 1
      docs[k] = docs[k] or {}
      docs[k][h.rowid] = true
    end
  end
  return count, docs
end

-- The words of every document as the ingest kept them with the word
-- statistics (table doc_words, schema 9): { [rowid] = n }, or nil when
-- the statistics are not up to date, were counted with another user
-- lexicon, or some document has no row (a file migrated from schema 8).
local function kept_words(c)
  if require("corpus.stats").kept_why(c) then return nil end
  local db = core.db(c)
  local n, rows = Q.doc_words(db)
  return n and rows == db:count() and n or nil
end

-- The words of every document (its content blocks, C tokenizer with the
-- corpus's lexicon): { [rowid] = n }, read from doc_words when the ingest
-- kept them (a whole trend at 35k documents 0.5 s, where counting took
-- 13.7 s), else
-- counted; once per session and lexicon. counted: always count.
local function doc_words(c, counted)
  local cache = core.cache(c)
  local lex = require("corpus.kwic").lexicon(c)
  if not counted and cache.trend_words and cache.trend_words.lex == lex then
    return cache.trend_words.n
  end
  local n = not counted and kept_words(c)
  if not n then
    n = {}
    for r in Q.doc_ids(core.db(c)) do
      local _, total = core.terms(c, Q.where():content():doc(r.id), 1, nil, 0, 1, lex)
      n[r.id] = total
    end
  end
  if not counted then cache.trend_words = { lex = lex, n = n } end
  return n
end
M.doc_words = doc_words

-- The words of each group: { [key] = n }.
local function group_words(c, map)
  local per_doc, out = doc_words(c), {}
  for id, keys in pairs(map) do
    for _, k in ipairs(keys) do out[k] = (out[k] or 0) + (per_doc[id] or 0) end
  end
  return out
end

-- The next key of a year ("2024" -> "2025") or month ("2024-12" -> "2025-01").
local function next_key(by, k)
  if by == "year" then return string.format("%04d", tonumber(k) + 1) end
  local y, m = k:match("^(%d%d%d%d)-(%d%d)$")
  y, m = tonumber(y), tonumber(m) + 1
  if m > 12 then y, m = y + 1, 1 end
  return string.format("%04d-%02d", y, m)
end

-- The keys of a time grouping: every dated group of the corpus in order,
-- gaps filled (keys that do not read as years or months are kept as they
-- are), and whether some documents are undated.
local function time_keys(by, words)
  local keys = {}
  for k in pairs(words) do if k ~= NONE[by] then keys[#keys + 1] = k end end
  table.sort(keys)
  local pat = by == "year" and "^%d%d%d%d$" or "^%d%d%d%d%-%d%d$"
  local out = {}
  for i, k in ipairs(keys) do
    out[#out + 1] = k
    local nxt = keys[i + 1]
    if nxt and k:find(pat) and nxt:find(pat) then
      local g = next_key(by, k)
      while g < nxt do out[#out + 1] = g; g = next_key(by, g) end
    end
  end
  return out, words[NONE[by]] ~= nil
end

-- One row of the frame: key, hits, docs, words, per_million.
local function row(key, count, docs, words)
  local nd = 0
  for _ in pairs(docs[key] or {}) do nd = nd + 1 end
  local w, hits = words[key] or 0, count[key] or 0
  local rate = w > 0 and math.floor(hits / w * 1e6 * 100 + 0.5) / 100 or nil
  return { key = key, hits = hits, docs = nd, words = w, per_million = rate }
end

-- The rows of a time grouping (every key, undated last).
local function time_rows(by, count, docs, words)
  local keys, undated = time_keys(by, words)
  local rows = {}
  for _, k in ipairs(keys) do rows[#rows + 1] = row(k, count, docs, words) end
  if undated then
    rows[#rows + 1] = row(NONE[by], count, docs, words)
    rows[#rows].undated = true
  end
  return rows
end

-- The rows of a site or place grouping (groups with hits, most first).
local function group_rows(count, docs, words)
  local rows = {}
  for k in pairs(count) do rows[#rows + 1] = row(k, count, docs, words) end
  table.sort(rows, function(a, b)
    if a.hits ~= b.hits then return a.hits > b.hits end
    return a.key < b.key
  end)
  return rows
end

-- The sparkline line of a time trend's rates (the undated row left out).
local function spark_line(rows)
  local vals = { n = 0 }
  for _, r in ipairs(rows) do
    if not r.undated then vals.n = vals.n + 1; vals[vals.n] = r.per_million end
  end
  if vals.n < 2 then return nil end
  local first, last = rows[1].key, rows[vals.n].key
  return "per million words " .. first .. " " .. require("chart").spark(vals) .. " " .. last
end
M.spark_line = spark_line

--- corpus:trend(q [, {by =, pattern =}]) -> frame key, hits, docs, words,
--- per_million | nil, msg (a pattern with a fault)
function M.trend(c, q, opts)
  if type(q) ~= "string" then
    A.argerror("trend", 1, "query or pattern string expected, got " .. A.typename(q))
  end
  opts = A.opts("trend", 2, opts, { by = "string", pattern = "boolean" })
  local by = opts.by or "year"
  if not BY[by] then A.argerror("trend", 2, "by: year, month, site or place expected") end
  local pattern = opts.pattern
  if pattern == nil then pattern = M.is_pattern(q) end
  local hits, err = hits_of(c, q, pattern)
  if not hits then return nil, err end
  local map = group_map(c, by)
  local count, docs = tally(map, hits)
  local words = group_words(c, map)
  local rows = (by == "year" or by == "month") and time_rows(by, count, docs, words)
    or group_rows(count, docs, words)
  local line = (by == "year" or by == "month") and spark_line(rows)
  for _, r in ipairs(rows) do r.undated = nil end
  local f = frame.new(rows, { "key", "hits", "docs", "words", "per_million" })
  if line then frame.footer(f, line) end
  return f
end

return M
