-- Test plan: search on words (own fixture, ingested by the binary under
-- test). 1. "quang ninh" finds only the document with the word Quảng Ninh,
-- not the one where "Quang" and "Ninh" stand apart; a quoted phrase and
-- the syllables alone keep their old meaning. 2. an accented query is
-- exact: "tham nhũng" does not find "thăm những" (no word there, so
-- "tham nhung" does not either); "ha tien" finds the words Hà Tiên and
-- Hà Tiến, "Hà Tiến" only the second. 3. rs:forms() counts the forms the hits matched, most
-- frequent first; rs:only(form) keeps the hits holding that form and
-- narrows their offsets; bad arguments raise. 4. tinsh search prints the
-- forms line for an unaccented query only.
local check = dofile("tests/lua/lib/check.lua")
local fx = dofile("tests/lua/lib/corpus_fixture.lua")
local q = fx.quote

local dir = os.tmpname()
os.remove(dir)
assert(os.execute("mkdir -p " .. q(dir .. "/c")))
local docs = {
  a = "Tỉnh Quảng Ninh\n\nĐoàn công tác đến tỉnh Quảng Ninh bàn về chống tham nhũng.\n",
  b = "Ông Quang về quê\n\nÔng Quang về thăm quê ở Ninh Bình, nơi chống tham nhũng.\n",
  d = "Thăm hỏi\n\nĐoàn đi thăm những gia đình khó khăn ở Quảng Ninh.\n",
  f = "Du lịch\n\nĐoàn khách đến Hà Tiên rồi về Hà Tiên.\n",
  g = "Tin địa phương\n\nHọ ở Hà Tiến lâu năm, yêu Hà Tiến.\n",
  e = "Tham nhũng\n\nVụ tham nhũng được xét xử, nhiều tham nhũng bị phát hiện.\n",
}
for name, text in pairs(docs) do
  local f = assert(io.open(dir .. "/c/" .. name .. ".txt", "w"))
  f:write(text)
  f:close()
end
local db = dir .. "/w.db"
assert(os.execute(q(fx.tinsh) .. " --db " .. q(db) .. " ingest --quiet " .. q(dir .. "/c") ..
  " >/dev/null 2>&1"))
local c = assert(require("corpus").open(db))

local function paths(rs)
  local out = {}
  for _, h in ipairs(rs) do out[#out + 1] = h.path:match("([^/]+)%.txt$") end
  table.sort(out)
  return table.concat(out, " ")
end

check.test("words", function()
  check.eq(paths(c:search("quang ninh")), "a d", "the word Quảng Ninh only")
  check.eq(paths(c:search("Quảng Ninh")), "a d", "accented word")
  check.eq(paths(c:search("quang")), "a b d", "a syllable alone")
  check.eq(paths(c:search('"quang ninh"')), "a d", "a phrase of syllables")
  check.eq(paths(c:search("ninh quang")), "a b d", "no word: all syllables")
  local rs = c:search("quang ninh")
  check.contains(rs[1].snippet, "«Quảng Ninh»", "the whole word marked")
end)

check.test("accents", function()
  check.eq(paths(c:search("tham nhũng")), "a b e", "accented query exact")
  check.eq(paths(c:search("thăm những")), "d", "the other form exact")
  check.eq(paths(c:search("tham nhung")), "a b e", "unaccented: the word's forms")
  check.eq(paths(c:search("ha tien")), "f g", "unaccented: every accented form")
  check.eq(paths(c:search("Hà Tiến")), "g", "accented: exact")
end)

check.test("forms and only", function()
  local rs = c:search("ha tien")
  local f = rs:forms()
  check.eq(f[1].form, "hà tiên", "most frequent form first")
  check.eq(f[1].count, 2, "its count")
  check.eq(f[1].docs, 1, "its documents")
  check.eq(f[2].form, "hà tiến", "second form")
  check.eq(f[2].count, 2, "second count")
  check.eq(#f, 2, "two forms")
  check.eq(#c:search("tham nhung"):forms(), 1, "one form")
  check.eq(c:search("tham nhung"):forms()[1].count, 5, "its count")
  local o = rs:only("hà tiến")
  check.eq(paths(o), "g", "only narrows")
  check.match(o[1].offsets, "^%d+ %d+ %d+ %d+ %d+ %d+$", "offsets narrowed to the form")
  check.eq(paths(rs:only("HÀ TIÊN")), "f", "case does not matter")
  check.eq(#rs:only("zzz"), 0, "unknown form")
  check.raises(function() rs:only(1) end, "bad argument #1 to 'only'")
  check.raises(function() rs:only("\255") end, "bad argument #1 to 'only' %(Invalid UTF%-8")
end)

check.test("forms line", function()
  check.eq(c:search("ha tien"):forms_line(), "forms: hà tiên 2 · hà tiến 2", "forms_line")
  check.eq(c:search("Hà Tiến"):forms_line(), nil, "none for an accented query")
  check.contains(tostring(c:search("ha tien")), "forms: hà tiên 2", "shown under the hits")
end)

check.test("cli forms line", function()
  local out = fx.run("--db " .. q(db) .. " search ha tien")
  check.contains(out, "forms: hà tiên 2 · hà tiến 2", "forms line")
  out = fx.run("--db " .. q(db) .. " search 'Hà Tiến'")
  check.ok(not out:find("forms:", 1, true), "no forms line for an accented query")
end)

os.execute("rm -rf " .. q(dir))
return check.done()
