-- Test plan: corpus:query and corpus:trend with the pattern engine
-- (tinsh.store.query) on the example corpus:
--  * opts.sort sorts every match before opts.limit cuts: the result
--    equals sorting the whole set and then taking the head, and its first
--    right word is the smallest of all matches (recomputed with
--    tinsh.words); limit alone keeps the first matches in document order;
--  * opts.filter keeps the documents of a document filter (checked with
--    SQL); a filter that keeps nothing gives an empty set;
--  * a taught word (corpus:words) reaches the engine: [word = "phát triển"]
--    no longer matches inside the new word;
--  * named parts become frame columns; a figure pattern's matches are the
--    figures' written texts (SQL);
--  * a pattern with a fault: nil, "column N: ..." from query and trend;
--    a pattern is not a string: "bad argument";
--  * trend of a pattern: its hits add up to #corpus:query(pattern).
local check = dofile("tests/lua/lib/check.lua")
local fx = dofile("tests/lua/lib/corpus_fixture.lua")
local S = require("tinsh.store")
if not S.query then check.skip("no pattern engine in this tinsh") end
local display = require("tinsh.display")
local tcore = require("tinsh.core")

local c = fx.open()
local P = '"phát triển"'

local function keys(set)
  local out = {}
  for i, r in ipairs(set) do out[i] = r.rowid .. ":" .. r.seq .. ":" .. r.s end
  return out
end

-- the first word after byte e of a block (lower case), "" at its end
local function right1(r)
  local t = c:sql("SELECT text FROM blocks WHERE doc = ? AND seq = ?", { r.rowid, r.seq })[1].text
  for _, w in ipairs(tcore.words(t)) do
    if w.from > r.e then return tcore.lower(w.word) end
  end
  return ""
end

check.test("sort before the limit", function()
  local all = assert(c:query(P))
  check.ok(#all > 10, "enough matches")
  local cut = assert(c:query(P, { sort = { "right", 1 }, limit = 5 }))
  check.eq(#cut, 5, "limit")
  check.eq(keys(cut), keys(all:sort{ "right", 1 }:head(5)), "sorted, then cut")
  local min
  for _, r in ipairs(all) do
    local k = display.collate_key(right1(r))
    if not min or k < min then min = k end
  end
  check.eq(display.collate_key(right1(cut[1])), min, "the smallest right word of all matches")
  check.eq(keys(assert(c:query(P, { limit = 4 }))), keys(all:head(4)), "limit alone: document order")
end)

check.test("filter", function()
  local all, y = assert(c:query(P)), assert(c:query(P, { filter = { year = 2024 } }))
  local want = {}
  for _, d in ipairs(c:sql("SELECT id FROM documents WHERE published LIKE '2024%'")) do want[d.id] = true end
  local n = 0
  for _, r in ipairs(all) do if want[r.rowid] then n = n + 1 end end
  check.eq(#y, n, "the 2024 matches")
  check.ok(n > 0 and n < #all, "a real subset")
  for _, r in ipairs(y) do check.ok(want[r.rowid], "only 2024 documents") end
  check.eq(#assert(c:query(P, { filter = { year = 1900 } })), 0, "a filter that keeps nothing")
end)

check.test("the user lexicon reaches the engine", function()
  local before = #assert(c:query('[word = "phát triển"]'))
  check.ok(c:words{ add = { "phát triển kinh tế" } }, "a word taught")
  local after = #assert(c:query('[word = "phát triển"]'))
  c:words{ remove = { "phát triển kinh tế" } }
  local n = 0
  for _, r in ipairs(c:sql("SELECT text FROM blocks")) do
    for _ in tcore.lower(r.text):gmatch("phát triển kinh tế") do n = n + 1 end
  end
  check.ok(n > 0, "the corpus has the phrase")
  check.ok(after < before, "fewer single words once three make one")
end)

check.test("parts and facts", function()
  local m = assert(c:query('"đồng chí" who:[person]'))
  check.ok(#m > 0, "matches")
  local f = m:frame()
  check.ok(f:columns()[#f:columns()] == "who", "a column per part")
  for i, r in ipairs(m) do
    check.eq(f[i].who, r.parts.who.text, "part text " .. i)
    check.ok(r.text:find(r.parts.who.text, 1, true), "the part lies in the match " .. i)
  end
  local figs = assert(c:query('[figure unit = "tỷ đồng"]'))
  local texts = {}
  for _, r in ipairs(c:sql("SELECT text FROM figures WHERE unit = 'tỷ đồng'")) do texts[r.text] = true end
  check.ok(#figs > 0, "figures found")
  for _, r in ipairs(figs) do check.ok(texts[r.text], "a figure's written text: " .. r.text) end
end)

check.test("faults and misuse", function()
  local m, err = c:query('[word = ')
  check.eq(m, nil, "nil")
  check.match(err, "^column %d+: ", "column N: why")
  local t, terr = c:trend('[word = ')
  check.eq(t, nil, "trend: nil")
  check.match(terr, "^column %d+: ", "trend: column N: why")
  check.raises(function() c:query({}) end, "bad argument #1 to 'query'")
end)

check.test("trend of a pattern", function()
  local p = '[figure] within answer'
  local f = assert(c:trend(p))
  local hits = 0
  for _, r in ipairs(f) do hits = hits + r.hits end
  check.eq(hits, #assert(c:query(p)), "every match counted once")
  check.ok(hits > 0, "matches")
  local g = assert(c:trend('"phát triển"', { pattern = true }))
  local n = 0
  for _, r in ipairs(g) do n = n + r.hits end
  check.eq(n, #assert(c:query('"phát triển"')), "pattern = true")
end)

fx.cleanup()
check.done()
