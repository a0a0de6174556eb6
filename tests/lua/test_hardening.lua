-- Test plan: hostile arguments and hostile databases never crash or read
-- outside a buffer (issue 15, bindings part).
--   * C bindings (tinsh.store): LSH with bands 0 / 0.5 / NaN / huge, a
--     signature table whose __index collects garbage (was a use-after-
--     free), minhash k that truncates, find max 2.5, terms top huge.
--   * A corrupted database (block_rows off/len out of range, negative,
--     wrapping; fact block indexes out of range): db:load and db:terms
--     skip the damaged rows and say so in the document's warnings.
--   * Lua API misuse raises `bad argument #n to 'name' (...)`: docs/list/
--     count limits (2.5, NaN, huge, negative), ids = 5, unknown keys,
--     search("x", 5), kwic, rs:doc, rs:filter, frame render options,
--     document methods (figures, render, show, sentences), db:rows opts.
--   * Substring filters are literal: "50%" does not match "500", "_" and
--     "\" are not wildcards.
--   * Control characters (ESC, BEL, C1 CSI, DEL, newline) in a title are
--     made visible by tostring(doc), doc:render, frame render and the
--     pretty printer, while the data itself stays intact.
local check = dofile("tests/lua/lib/check.lua")
local fx = dofile("tests/lua/lib/corpus_fixture.lua")
local S = require("tinsh.store")

local c = fx.open()
local h = require("corpus")._db(c)

check.test("lsh validates bands and threshold", function()
  local sig = S.minhash("một hai ba bốn năm sáu bảy tám chín mười", 64)
  for _, b in ipairs{ 0, -1, 257, math.maxinteger, math.mininteger } do
    check.raises(function() S.lsh({ 1, 2 }, { sig, sig }, b, 0.5) end,
      "bad argument #3 to '[%w%.]*lsh' %(bands must be 1..256%)", "bands " .. b)
  end
  for _, b in ipairs{ 0.5, 2.5, 0 / 0, 1 / 0 } do
    check.raises(function() S.lsh({ 1, 2 }, { sig, sig }, b, 0.5) end,
      "bad argument #3 to '[%w%.]*lsh'", "bands " .. tostring(b))
  end
  check.raises(function() S.lsh({ 1, 2 }, { sig, sig }, 3, 0.5) end,
    "bad argument #2 to '[%w%.]*lsh' %(signatures of one size", "64 slots in 3 bands")
  check.raises(function() S.lsh({ 1, 2 }, { sig, sig }, 4, 0 / 0) end,
    "bad argument #4 to '[%w%.]*lsh'", "NaN threshold")
  check.raises(function() S.lsh({ 1, 2 }, { sig, 7 }, 4, 0.5) end,
    "bad argument #2 to '[%w%.]*lsh' %(signature string expected at 2%)", "number signature")
  check.raises(function() S.lsh({ 1, "x" }, { sig, sig }, 4, 0.5) end,
    "bad argument #1 to '[%w%.]*lsh'", "string id")
  local out = S.lsh({ 1, 2 }, { sig, sig }, 4, 0.5)
  check.eq(out, { 1, 2, 1.0 }, "equal signatures pair up")
end)

check.test("lsh reads tables raw (no __index that collects garbage)", function()
  local sig = S.minhash("một hai ba bốn năm sáu bảy tám chín mười", 64)
  local calls = 0
  local sigs = setmetatable({}, { __index = function(_, i)
    calls = calls + 1
    collectgarbage()
    return sig:sub(1) .. "" -- a fresh string nothing else anchors
  end, __len = function() return 2 end })
  check.raises(function() S.lsh({ 1, 2 }, sigs, 4, 0.5) end,
    "bad argument #2", "a proxy table is refused")
  check.eq(calls, 0, "no metamethod ran")
end)

check.test("text mechanisms refuse values that truncate", function()
  check.raises(function() S.minhash("a b c d", 2 ^ 32 + 64) end,
    "bad argument #2 to '[%w%.]*minhash' %(", "k 2^32 + 64")
  check.raises(function() S.minhash("a b c d", (1 << 32) + 64) end,
    "k must be 1..256", "integer k 2^32 + 64")
  check.raises(function() S.find("a b c", "b", 2.5) end, "bad argument #3", "find max 2.5")
  check.raises(function() S.find("a b c", "b", -1) end, "bad argument #3", "find max -1")
  check.eq(S.find("a b c", "b"), { 3, 3 }, "find still works")
  check.raises(function() h:search("x", 5) end, "bad argument #2 to 'search'", "db:search(q, 5)")
  check.raises(function() h:search("x", { limit = 2.5 }) end,
    "bad argument #2 to 'search' %(limit must be an integer", "limit 2.5")
  check.raises(function() h:search("x", { limit = 2 ^ 40 }) end, "limit must be", "limit 2^40")
  check.raises(function() h:search("x", { limit = 0 / 0 }) end, "limit must be", "limit NaN")
  check.raises(function() h:search("x", { open = {} }) end, "open must be a string", "open {}")
  check.raises(function() h:rows("SELECT 1", nil, 5) end, "bad argument #3 to 'rows'", "rows opts 5")
  check.raises(function() h:all("SELECT 1", nil, { meta = 5 }) end,
    "bad argument #3 to 'all' (meta must be a table)", "all meta 5")
  local ok, top = pcall(h.terms, h, "SELECT id, text FROM documents", nil, 1, nil,
    math.maxinteger)
  check.ok(ok and type(top) == "table" and #top > 0, "a huge top is all the terms")
end)

-- A copy of the fixture database with damaged rows.
local function damaged_copy()
  local path = fx.dir .. "/damaged.db"
  local i = assert(io.open(fx.db, "rb"))
  local data = i:read("a")
  i:close()
  local o = assert(io.open(path, "wb"))
  o:write(data)
  o:close()
  local w = assert(S.open(path, { write = true }))
  -- off and len that wrap to 0 when added as unsigned 64-bit numbers
  w:exec("UPDATE block_rows SET off = ?, len = ?, text = NULL WHERE doc = 1 AND seq = " ..
    "(SELECT min(seq) FROM block_rows WHERE doc = 1)", { math.mininteger, math.mininteger })
  w:exec("UPDATE block_rows SET off = -5, len = 3, text = NULL WHERE doc = 2 AND seq = " ..
    "(SELECT min(seq) FROM block_rows WHERE doc = 2)", {})
  w:exec("UPDATE block_rows SET off = 1, len = ?, text = NULL WHERE doc = 3 AND seq = " ..
    "(SELECT min(seq) FROM block_rows WHERE doc = 3)", { math.maxinteger })
  w:exec("UPDATE figures SET block = 1000000 WHERE doc = 1", {})
  w:exec("UPDATE qa SET qblock = -7", {})
  w:close()
  return path
end

check.test("a damaged block_rows row is skipped with a warning", function()
  local good = h:load(1)
  local d = assert(S.open(damaged_copy()))
  for id = 1, 3 do
    local doc = d:load(id)
    check.ok(doc, "document " .. id .. " still loads")
    local ref = h:load(id)
    check.eq(#doc.blocks, #ref.blocks - 1, "one block skipped in " .. id)
    check.contains(table.concat(doc.warnings, "\n"), "damaged database",
      "warning on document " .. id)
    for _, b in ipairs(doc.blocks) do
      check.ok(b.off >= 0 and b.off + b.len <= #doc.text, "kept blocks are in range")
    end
  end
  local doc = d:load(1)
  for _, f in ipairs(doc.figures) do
    check.ok(f.block == nil, "out-of-range figure block index dropped")
  end
  check.ok(#good.blocks > 1, "fixture has blocks")
  -- the statistics' span reader skips the same rows
  local counts = d:terms("SELECT doc, text, off, len FROM block_rows ORDER BY doc, seq",
    nil, 1)
  check.ok(type(counts) == "table", "terms over damaged spans")
  d:close()
end)

check.test("corpus methods raise bad argument, never truncate", function()
  check.raises(function() c:docs{ limit = 2.5 } end,
    "bad argument #1 to 'docs' (limit: integer >= 0 expected, got 2.5)", "docs limit 2.5")
  check.raises(function() c:docs{ limit = 0 / 0 } end, "bad argument #1 to 'docs' (limit", "NaN")
  check.raises(function() c:docs{ limit = 1e300 } end, "bad argument #1 to 'docs' (limit", "huge")
  check.raises(function() c:docs{ limit = -3 } end, "bad argument #1 to 'docs' (limit", "negative")
  check.raises(function() c:list{ limit = "5" } end, "bad argument #1 to 'list' (limit", "string")
  check.raises(function() c:docs{ ids = 5 } end,
    "bad argument #1 to 'docs' (ids: table expected, got number)", "docs ids 5")
  check.raises(function() c:docs{ ids = { 1, 2.5 } } end,
    "bad argument #1 to 'docs' (ids[2]: integer expected", "docs ids 2.5")
  check.raises(function() c:count{ title = {} } end, "bad argument #1 to 'count' (title", "title {}")
  check.raises(function() c:docs(5) end, "bad argument #1 to 'docs' (table expected", "docs(5)")
  check.raises(function() c:search("x", 5) end,
    "bad argument #2 to 'search' (table expected, got number)", "search(x, 5)")
  check.raises(function() c:search("x", { limit = 0 / 0 }) end,
    "bad argument #2 to 'search' (limit", "search NaN limit")
  check.raises(function() c:search("x", { limt = 3 }) end,
    "bad argument #2 to 'search' (unknown option 'limt'; did you mean 'limit'?)", "typo")
  check.raises(function() c:kwic("x", { limit = 2.5 }) end,
    "bad argument #2 to 'kwic' (limit", "kwic limit 2.5")
  check.raises(function() c:kwic("x", 7) end, "bad argument #2 to 'kwic'", "kwic 7")
  -- the position is the caller's line, as for the standard library
  check.raises(function() c:docs{ limit = 2.5 } end, "^[^\n]*test_hardening%.lua:%d+: bad argument #1 to 'docs'",
    "error at the user's line")
  check.raises(function() c:kwic("x", { limit = 2.5 }) end, "^[^\n]*test_hardening%.lua:%d+: bad argument",
    "kwic error at the user's line")
  local rs = c:search("Móng Cái")
  check.raises(function() rs:doc(1.5) end, "bad argument #1 to 'doc' (index: integer expected", "rs:doc(1.5)")
  check.raises(function() rs:doc("x") end, "bad argument #1 to 'doc'", "rs:doc('x')")
  check.eq(rs:doc(1000), nil, "a missing hit is nil, msg")
  check.raises(function() rs:filter{ titel = "x" } end,
    "bad argument #1 to 'filter' (unknown option 'titel'; did you mean 'title'?)",
    "rs:filter typo (a swap is one edit)")
  check.raises(function() rs:render{ limit = 0 / 0 } end,
    "bad argument #1 to 'render' (limit: integer >= 0 expected", "render NaN limit")
  check.raises(function() rs:render{ width = 2.5 } end, "bad argument #1 to 'render' (width", "render width 2.5")
  local d = c:get(1)
  check.raises(function() d:figures{ subject = {} } end,
    "bad argument #1 to 'figures' (subject: string expected, got table)", "d:figures subject {}")
  check.raises(function() d:render{ width = 2.5 } end, "bad argument #1 to 'render' (width", "d:render 2.5")
  check.raises(function() d:render{ width = 0 / 0 } end, "bad argument #1 to 'render' (width", "d:render NaN")
  check.raises(function() d:show{ colour = false } end, "bad argument #1 to 'show' (unknown option 'colour'; did you mean 'color'?)", "typo")
  check.raises(function() d:sentences(5) end, "bad argument #1 to 'sentences' (table expected", "sentences(5)")
  check.ok(#d:sentences() > 0 and #d:figures{ unit = "%" } >= 0, "documents still work")
  local n = 0
  for _ in c:docs{ limit = 2.0 } do n = n + 1 end
  check.eq(n, 2, "a float with an integer value is fine")
  check.eq(#c:search("Móng Cái", { limit = 1 }), 1, "search limit")
end)

check.test("substring filters match literally", function()
  local path = fx.dir .. "/titles.db"
  local i = assert(io.open(fx.db, "rb"))
  local data = i:read("a")
  i:close()
  local o = assert(io.open(path, "wb"))
  o:write(data)
  o:close()
  local w = assert(S.open(path, { write = true }))
  w:exec("UPDATE documents SET title = 'Giá 500 đồng', author = 'A_B' WHERE id = 1", {})
  w:exec("UPDATE documents SET title = 'Tăng 50% năm nay', author = 'AxB' WHERE id = 2", {})
  w:exec("UPDATE documents SET author = 'a\\b' WHERE id = 3", {})
  w:close()
  local t = assert(require("corpus").open(path))
  check.eq(t:count{ title = "50%" }, 1, "'50%' does not match '500'")
  check.eq(t:list{ title = "50%" }:column("rowid")[1], 2, "only the 50% title")
  check.eq(t:count{ author = "A_B" }, 1, "'_' is not a wildcard")
  check.eq(t:count{ author = "a\\b" }, 1, "the escape character itself")
  check.eq(t:count{ title = "%" }, 1, "'%' alone matches only a '%'")
  t:close()
end)

check.test("control characters in corpus text are shown, not sent", function()
  local path = fx.dir .. "/esc.db"
  local i = assert(io.open(fx.db, "rb"))
  local data = i:read("a")
  i:close()
  local o = assert(io.open(path, "wb"))
  o:write(data)
  o:close()
  local w = assert(S.open(path, { write = true }))
  local evil = "Tin \27]0;pwned\7 \27[2J x\194\155y\127z\nnext"
  w:exec("UPDATE documents SET title = ? WHERE id = 1", { evil })
  w:close()
  local t = assert(require("corpus").open(path))
  local d = t:get(1)
  local function clean(s, what)
    check.ok(not s:find("[%z\1-\8\11-\31\127]") and not s:find("\194[\128-\159]"),
      what .. ": no raw control character")
  end
  local s = tostring(d)
  clean(s, "tostring(doc)")
  check.contains(s, "\\x1b]0;pwned\\x07", "ESC and BEL made visible")
  check.contains(s, "x\\u{9b}y\\x7fz", "C1 CSI and DEL made visible")
  clean(d:render{ width = 80, color = false }, "doc:render")
  local f = t:list{ ids = { 1 } }
  local shown = f:render()
  clean(shown, "frame render")
  -- header, rule, one row, footer: the newline in the title stays in its cell
  check.eq(select(2, shown:gsub("\n", "\n")), 3, "a newline in a cell keeps the table's lines")
  clean(require("tinsh.pretty").show({ title = evil }), "pretty.show")
  clean(require("tinsh.pretty").show(f:to_records()), "pretty.show records")
  -- the data itself is intact (exports keep it)
  check.eq(f[1].title, evil, "the frame keeps the raw title")
  t:close()
end)

c:close()
fx.cleanup()
check.done()
