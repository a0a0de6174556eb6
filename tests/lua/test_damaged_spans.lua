-- Test plan: the Lua readers of block_rows (corpus._blocks, used by kwic,
-- collocations and the statistics) survive a damaged database: a span
-- whose off is text, whose len is negative, or whose off + len wraps past
-- math.maxinteger reads as an empty block (no "attempt to perform
-- arithmetic", no text from elsewhere); kwic, freq and collocations still
-- answer.
local check = dofile("tests/lua/lib/check.lua")
local fx = dofile("tests/lua/lib/corpus_fixture.lua")
local S = require("tinsh.store")
local corpus = require("corpus")

fx.build()
local w = assert(S.open(fx.db, { write = true }))
local spans = w:all("SELECT count(*) AS n FROM block_rows WHERE text IS NULL")[1].n
w:exec([[UPDATE block_rows SET off = 'abc' WHERE rowid = (SELECT min(rowid) FROM block_rows
  WHERE text IS NULL AND kind = 'paragraph')]])
w:exec([[UPDATE block_rows SET len = -9 WHERE rowid = (SELECT max(rowid) FROM block_rows
  WHERE text IS NULL AND kind = 'paragraph')]])
w:exec([[UPDATE block_rows SET off = 9223372036854775800, len = 100 WHERE rowid =
  (SELECT min(rowid) + 3 FROM block_rows WHERE text IS NULL AND kind = 'paragraph')]])
w:close()
local c = assert(corpus.open(fx.db))

check.test("damaged spans read as empty blocks", function()
  check.ok(spans > 3, "the fixture keeps blocks as spans")
  local n, empty = 0, 0
  for r in corpus._blocks(c, "1", {}) do
    n = n + 1
    check.ok(type(r[4]) == "string", "text is a string")
    if r[4] == "" then empty = empty + 1 end
  end
  check.ok(n > 0 and empty >= 3, "three damaged blocks read empty (" .. empty .. ")")
  local ok, k = pcall(c.kwic, c, "Móng Cái")
  check.ok(ok and #k > 0, "kwic still answers: " .. tostring(k))
  local ok2, f = pcall(c.freq, c, { top = 5 })
  check.ok(ok2 and #f > 0, "freq still answers: " .. tostring(f))
  local ok3, col = pcall(c.collocations, c, "Móng Cái")
  check.ok(ok3, "collocations still answer: " .. tostring(col))
end)

check.test("an empty document text with an empty span", function()
  -- UBSan: the span reader of db:terms computed NULL + 0 for an empty
  -- text (found by fuzz_db); the ASan/UBSan run of this test catches it
  local w2 = assert(S.open(fx.db, { write = true }))
  local id = w2:all("SELECT min(id) AS id FROM documents")[1].id
  w2:exec("UPDATE documents SET text = '' WHERE id = ?", { id })
  w2:exec("UPDATE block_rows SET off = 0, len = 0, text = NULL WHERE doc = ?", { id })
  w2:close()
  local c2 = assert(corpus.open(fx.db))
  local ok, f = pcall(c2.freq, c2, { top = 5 })
  check.ok(ok, "freq answers: " .. tostring(f))
end)

fx.cleanup()
return check.done()
