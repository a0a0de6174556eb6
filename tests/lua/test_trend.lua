-- Test plan: corpus:trend on the example corpus, every figure recomputed
-- here by other means:
--  * hits of a plain query per year = its whole-word occurrences in the
--    content blocks (tests/lua/lib/match_rows.lua, S.find + tinsh.words),
--    docs = documents with one;
--  * words per year = the words (tinsh.words) of the content blocks of
--    that year's documents, read with SQL; per_million = hits / words * 1e6
--    rounded to 2 decimals;
--  * by year: every year from the first to the last (gaps zero rows, no
--    rate), undated documents in a last row "undated"; by month: one row
--    per month of the span; by site and place: groups with hits only, a
--    document under every place it mentions;
--  * the printed frame carries a sparkline; what reads as a pattern;
--  * misuse raises "bad argument".
local check = dofile("tests/lua/lib/check.lua")
local fx = dofile("tests/lua/lib/corpus_fixture.lua")
local mr = dofile("tests/lua/lib/match_rows.lua")
local trend = require("corpus.trend")
local tcore = require("tinsh.core")

local c = fx.open()
local PHRASE = "phát triển"

-- the words per document the ingest kept (doc_words) are what counting
-- gives, and trend reads them (a wrong row shows in its words column)
do
  local kept, counted = trend.doc_words(c), trend.doc_words(c, true)
  local n, bad = 0, 0
  for id, w in pairs(counted) do
    n = n + 1
    if kept[id] ~= w then bad = bad + 1 end
  end
  check.ok(n > 0, "documents counted")
  check.eq(bad, 0, "kept words per document = counted")
  check.eq(#c:sql("SELECT doc FROM doc_words"), n, "a doc_words row per document")
end

-- a file from before doc_words (schema 8), upgraded: the table is empty
-- and the words are counted, the same figures
do
  local S = require("tinsh.store")
  local db = fx.dir .. "/v8.db"
  assert(os.execute("cp " .. fx.quote(fx.db) .. " " .. fx.quote(db)))
  local h = assert(S.open(db, { write = true }))
  h:exec("DROP TABLE doc_words; UPDATE meta SET value = '8' WHERE key = 'schema_version'")
  h:close()
  assert(S.open(db, { write = true })):close() -- opening for writing upgrades
  local old = assert(require("corpus").open(db))
  check.eq(#old:sql("SELECT doc FROM doc_words"), 0, "v8 upgraded: no rows yet")
  local a, b = trend.trend(old, PHRASE), trend.trend(c, PHRASE)
  check.eq(#a, #b, "v8 upgraded: same rows")
  for i = 1, math.min(#a, #b) do
    check.eq({ a[i].key, a[i].hits, a[i].words }, { b[i].key, b[i].hits, b[i].words },
      "v8 upgraded: row " .. i)
  end
  old:close()
end

-- group keys of every document for a grouping
local function doc_groups(by)
  local out = {}
  for _, d in ipairs(c:sql("SELECT id, published, site FROM documents")) do
    local p = d.published
    if by == "year" then out[d.id] = { p and p:sub(1, 4) or "undated" }
    elseif by == "month" then out[d.id] = { p and p:sub(1, 7) or "undated" }
    elseif by == "site" then out[d.id] = { d.site or "(no site)" }
    else out[d.id] = {} end
  end
  if by == "place" then
    for _, p in ipairs(c:sql("SELECT DISTINCT doc, name FROM places")) do
      table.insert(out[p.doc], p.name)
    end
    for id, l in pairs(out) do if #l == 0 then out[id] = { "(no place)" } end end
  end
  return out
end

-- expected {key = {hits, docs, words}} of a grouping
local function expected(by)
  local groups, want = doc_groups(by), {}
  local function slot(k) want[k] = want[k] or { 0, {}, 0 }; return want[k] end
  for _, b in ipairs(mr.block_list(c)) do
    local nw = #tcore.words(b.text)
    for _, k in ipairs(groups[b.doc]) do local e = slot(k); e[3] = e[3] + nw end
  end
  for _, r in ipairs(mr.rows(c, PHRASE)) do
    for _, k in ipairs(groups[r.rowid]) do
      local e = slot(k)
      e[1] = e[1] + 1
      e[2][r.rowid] = true
    end
  end
  for k, e in pairs(want) do
    local n = 0
    for _ in pairs(e[2]) do n = n + 1 end
    want[k] = { e[1], n, e[3] }
  end
  return want
end

local function rate(hits, words)
  if words == 0 then return nil end
  return math.floor(hits / words * 1e6 * 100 + 0.5) / 100
end

local function check_rows(f, want, what)
  for _, r in ipairs(f) do
    local e = want[r.key] or { 0, 0, 0 }
    check.eq({ r.hits, r.docs, r.words }, e, what .. " " .. r.key)
    check.eq(r.per_million, rate(e[1], e[3]), what .. " rate " .. r.key)
  end
end

check.test("by year", function()
  local f = c:trend(PHRASE)
  check.eq(f:columns(), { "key", "hits", "docs", "words", "per_million" }, "columns")
  local want = expected("year")
  check_rows(f, want, "year")
  local years = {}
  for k in pairs(want) do if k ~= "undated" then years[#years + 1] = tonumber(k) end end
  table.sort(years)
  check.eq(#f, years[#years] - years[1] + 1 + (want.undated and 1 or 0), "every year, then undated")
  check.eq(f[1].key, tostring(years[1]), "first year")
  check.eq(f[#f].key, "undated", "undated last")
  local hits = 0
  for _, r in ipairs(f) do hits = hits + r.hits end
  check.eq(hits, #mr.rows(c, PHRASE), "every hit counted once")
  check.ok(want[tostring(years[1])][1] > 0, "the corpus has dated hits")
  check.match(tostring(f), "per million words " .. years[1] .. " [▁▂▃▄▅▆▇█ ]+ " .. years[#years],
    "sparkline under the printed frame")
  check.eq(f, c:trend(PHRASE, { by = "year" }), "year is the default")
end)

check.test("by month, site, place", function()
  local f = c:trend(PHRASE, { by = "month" })
  check_rows(f, expected("month"), "month")
  local first, last = f[1].key, f[#f - 1].key
  local y1, m1 = first:match("(%d+)-(%d+)")
  local y2, m2 = last:match("(%d+)-(%d+)")
  check.eq(#f - 1, (tonumber(y2) - tonumber(y1)) * 12 + tonumber(m2) - tonumber(m1) + 1, "every month")
  for _, by in ipairs({ "site", "place" }) do
    local g = c:trend(PHRASE, { by = by })
    local want = expected(by)
    check_rows(g, want, by)
    local n = 0
    for _, e in pairs(want) do if e[1] > 0 then n = n + 1 end end
    check.eq(#g, n, by .. ": the groups with hits")
    for i = 2, #g do check.ok(g[i - 1].hits >= g[i].hits, by .. ": most hits first") end
  end
end)

check.test("the word counts follow the user lexicon", function()
  local before = c:trend(PHRASE)
  local y = before[1].key
  check.ok(c:words{ add = { "phát triển kinh tế" } }, "a word taught")
  local after = c:trend(PHRASE)
  check.ok(after[1].words < before[1].words, "fewer words in " .. y .. " once three make one")
  c:words{ remove = { "phát triển kinh tế" } }
end)

check.test("pattern or plain query", function()
  for _, q in ipairs({ "[word = \"x\"]", "a{1,2}", "(a)", "a | b", "x :: year = 2024",
    "\"a\" within answer" }) do
    check.ok(trend.is_pattern(q), q .. " is a pattern")
  end
  for _, q in ipairs({ "phát triển", "\"kinh tế\" biển", "cảng*", "within", "within reach" }) do
    check.eq(trend.is_pattern(q), false, q .. " is a plain query")
  end
end)

check.test("misuse", function()
  check.raises(function() c:trend(1) end, "bad argument #1 to 'trend'")
  check.raises(function() c:trend("x", { by = "week" }) end, "bad argument #2 to 'trend'")
  check.raises(function() c:trend("x", { bogus = true }) end, "bad argument #2 to 'trend'")
end)

fx.cleanup()
check.done()
