-- Test plan (tinsh.store.query and query_check, shell/lua_query.c) on the
-- example corpus ingested by the binary under test: 1. every match has
-- the contract's fields; text is the block's text:sub(s, e), tokens lie
-- inside it in order, matches are ordered by rowid, seq, s and do not
-- overlap; 2. limit, docs and within narrow the matches to a subset;
-- "::" conditions keep only documents that satisfy them (checked with
-- SQL); 3. named parts lie inside their match; a figure fact is matched
-- as its written text; 4. a lexicon that removes a word changes the token
-- stream ([word = ...] no longer matches it, the quoted string still
-- does); 5. a bad pattern gives nil, "column N: why"; query_check; misuse
-- raises "bad argument".
local check = dofile("tests/lua/lib/check.lua")
local fx = dofile("tests/lua/lib/corpus_fixture.lua")
local ok, S = pcall(require, "tinsh.store")
if not ok or not S.query then check.skip("not run by tinsh") end
local db = assert(S.open(fx.build()))

local function block_text(rowid, seq)
  for r in db:rows("SELECT text FROM blocks WHERE doc = ? AND seq = ?", { rowid, seq }) do
    return r.text
  end
end

check.test("the contract of a match", function()
  local ms = assert(S.query(db, '"phát triển" []'))
  check.ok(#ms > 3, "matches found")
  local prev
  for _, m in ipairs(ms) do
    local t = block_text(m.rowid, m.seq)
    check.eq(t:sub(m.s, m.e), m.text, "text is the block's bytes s..e")
    check.eq(#m.tokens, 2, "two tokens")
    check.ok(m.text:find(m.tokens[1], 1, true) == 1, "first token first")
    check.ok(type(m.kind) == "string" and type(m.parts) == "table", "kind, parts")
    if prev and prev.rowid == m.rowid and prev.seq == m.seq then
      check.ok(m.s > prev.e, "no overlap, in order")
    elseif prev then
      check.ok(m.rowid > prev.rowid or (m.rowid == prev.rowid and m.seq > prev.seq), "ordered")
    end
    prev = m
  end
end)

check.test("limit, docs, within, document conditions", function()
  local all = assert(S.query(db, '"phat trien"'))
  check.eq(#assert(S.query(db, '"phat trien"', { limit = 3 })), 3, "limit")
  local one = assert(S.query(db, '"phat trien"', { docs = { all[1].rowid } }))
  check.ok(#one > 0 and #one < #all, "docs narrows")
  for _, m in ipairs(one) do check.eq(m.rowid, all[1].rowid, "only that document") end
  local ans = assert(S.query(db, '"phat trien" within answer'))
  check.ok(#ans > 0 and #ans < #all, "within narrows")
  for _, m in ipairs(ans) do check.eq(m.kind, "answer", "answers only") end
  local y = assert(S.query(db, '"phat trien" :: year >= 2024'))
  check.ok(#y < #all, "year narrows")
  for _, m in ipairs(y) do
    for r in db:rows("SELECT published FROM documents WHERE id = ?", { m.rowid }) do
      check.ok(r.published >= "2024", "published in 2024 or later")
    end
  end
  local none = assert(S.query(db, '"phat trien" :: site = "no such site"'))
  check.eq(#none, 0, "no document of that site")
end)

check.test("parts and facts", function()
  local ms = assert(S.query(db, 'n:[figure unit = "tỷ đồng"]'))
  check.ok(#ms > 0, "figures in tỷ đồng")
  for _, m in ipairs(ms) do
    check.ok(m.text:find("tỷ đồng", 1, true) ~= nil, "the unit is in the text")
    check.eq(m.parts.n.text, m.text, "the part is the whole match")
    check.eq(m.parts.n.s, m.s, "part start")
  end
  local ps = assert(S.query(db, '[person] ","? x:"Bí thư"'))
  for _, m in ipairs(ps) do
    check.ok(m.parts.x.s >= m.s and m.parts.x.e <= m.e, "part inside the match")
    check.eq(m.parts.x.text, "Bí thư", "part text")
  end
end)

check.test("a lexicon changes the tokens", function()
  local lex = S.lexicon({}, { "phát triển" })
  local w1 = assert(S.query(db, '[word = "phát triển"]'))
  local w2 = assert(S.query(db, '[word = "phát triển"]', { lexicon = lex }))
  local q2 = assert(S.query(db, '"phát triển"', { lexicon = lex }))
  check.ok(#w1 > 0, "one word by default")
  check.eq(#w2, 0, "two words without the entry")
  check.eq(#q2, #w1, "the quoted string still matches")
end)

check.test("errors", function()
  local r, msg = S.query(db, '"a" [word = "x"')
  check.eq(r, nil)
  check.eq(msg, "column 16: expected ']'")
  check.eq(S.query_check('[figure value >= 10] within answer'), true)
  local r2, m2 = S.query_check("[]{1,1000}")
  check.eq(r2, nil)
  check.match(m2, "^column 6: ")
  check.raises(function() S.query(db) end, "bad argument #2")
  check.raises(function() S.query(42, "x") end, "bad argument #1")
  check.raises(function() S.query(db, '"a"', { limit = -1 }) end, "bad argument #3")
  check.raises(function() S.query_check() end, "bad argument #1")
end)

fx.cleanup()
check.done()
