-- Test plan: a plain query that becomes a word token also finds the
-- documents where the segmenter split that word differently (issue 17).
-- Fixture (own text): "tham nhũng" written as a word in one document
-- (twice, so the ingest counts it as a known form), "tham nhũng nhiễu" in
-- two others (the segmenter gives tham + nhũng_nhiễu: no word token
-- tham_nhung there), "thăm những" (never that word) in a third. Checks:
-- the split form is one word elsewhere and split here (tinsh.words);
-- "tham nhung" and "tham nhũng" find the three documents with the word's
-- syllables and never the "thăm những" one; the count agrees
-- (search_count); a query with more words after the word still parses
-- (AND after the group) and keeps all words required, the words side
-- by side ranked first whichever form each matched; rs:forms() lists
-- "tham nhũng" for every hit and no "thăm những"; the exact query "thăm
-- những" still finds its document only.
local check = dofile("tests/lua/lib/check.lua")
local fx = dofile("tests/lua/lib/corpus_fixture.lua")
local corpus = require("corpus")
local core = require("tinsh.core")

local q = fx.quote
local tmp = os.tmpname()
os.remove(tmp)
assert(os.execute("mkdir -p " .. q(tmp .. "/c")))
local docs = {
  a = "Kỷ luật cán bộ ở xã\n\nXã kỷ luật một cán bộ tham nhũng trong năm nay. " ..
    "Cuộc đấu tranh chống tham nhũng còn dài.\n",
  b = "Dân phản ánh cán bộ xã\n\nNgười dân phản ánh cán bộ tham nhũng nhiễu dân ở xã " ..
    "trong nhiều năm.\n",
  c = "Đoàn công tác về xã\n\nĐoàn công tác thăm những hộ nghèo trong xã và tặng quà.\n",
  e = "Chuyện cũ\n\nTham nhũng nhiễu là chuyện cũ, cán bộ mới khác. Tham nhũng nhiễu nữa, cán bộ nữa.\n",
}
for name, text in pairs(docs) do
  local f = assert(io.open(tmp .. "/c/" .. name .. ".txt", "w"))
  f:write(text)
  f:close()
end
local db = tmp .. "/t.db"
local out, code = fx.run("--db " .. q(db) .. " ingest " .. q(tmp .. "/c"))
check.eq(code, 0, "ingest: " .. out)

-- the segmenter splits the word in b
local function has_word(text, w)
  for _, x in ipairs(core.words(text)) do
    if core.lower(x.word) == w then return true end
  end
  return false
end
check.ok(has_word(docs.a, "tham nhũng"), "a word in a")
check.ok(not has_word(docs.b, "tham nhũng"), "split in b")

local c = assert(corpus.open(db))
local function paths(rs)
  local set = {}
  for _, h in ipairs(rs) do set[h.path:match("([^/]+)%.txt$")] = true end
  return set
end

for _, query in ipairs({ "tham nhung", "tham nhũng", "Tham Nhung" }) do
  local rs = assert(c:search(query))
  local p = paths(rs)
  check.ok(p.a and p.b and p.e, query .. ": the word and the split word: " .. #rs)
  check.ok(not p.c, query .. ": never thăm những")
  check.eq(#rs, 3, query .. ": hits")
  check.eq(require("corpus.core").db(c):search_count(query), 3, query .. ": search_count")
end

-- more words after the word: all required
local rs = assert(c:search("tham nhung dan"))
check.eq(#rs, 1, "tham nhung dan: one hit")
check.ok(paths(rs).b, "tham nhung dan: b")

-- side by side first, whichever form each word matched: a and b hold
-- "cán bộ tham nhũng", e holds both words apart (and is the shortest)
rs = assert(c:search("can bo tham nhung"))
check.eq(#rs, 3, "can bo tham nhung: three hits")
check.ok(rs[3] and paths({ rs[3] }).e, "the words apart rank last")

-- the forms of the hits
local forms = assert(c:search("tham nhung")):forms()
local seen = {}
for _, r in ipairs(forms) do seen[r.form] = r end
check.ok(seen["tham nhũng"], "forms: tham nhũng")
check.eq(seen["tham nhũng"] and seen["tham nhũng"].docs, 3, "forms: in every document")
check.ok(not seen["thăm những"], "forms: no thăm những")

-- an exact query of the other form
rs = assert(c:search("thăm những"))
check.eq(#rs, 1, "thăm những: one hit")
check.ok(paths(rs).c, "thăm những: c")

c:close()
os.execute("rm -rf " .. q(tmp))
return check.done()
