-- Test plan (tinsh.parse and the names analysts type, corpus.names):
--   1. tinsh.parse(text): the parser and the extractors on a text: title,
--      blocks, people with titles, places under their gazetteer name,
--      figures with subjects; JSON nulls left out; bad argument #1 for a
--      non-string and for text over 4 MB; help(tinsh.parse), help(tinsh)
--      and help(tinsh.words) say what they do.
--   2. names.place / names.person: an administrative prefix or an alias
--      gives the stored name ("thành phố Móng Cái" -> "Móng Cái", "TP.HCM"
--      -> "Hồ Chí Minh"), a title before a name gives the name; a text
--      with no place, or two, is kept as given.
--   3. Filters use them: docs{place = "thành phố Móng Cái"} and
--      places{name = "TP Móng Cái"} find what "Móng Cái" finds (before:
--      nothing); people{name = "Bí thư Tỉnh ủy Nguyễn Xuân Ký"} the rows
--      of "Nguyễn Xuân Ký".
--   4. keyness(a) compares a with the rest of the corpus: the same rows as
--      keyness(a, the other documents), for words, syllables and bigrams.
local check = dofile("tests/lua/lib/check.lua")
local fx = dofile("tests/lua/lib/corpus_fixture.lua")
local names = require("corpus.names")

-- 1. tinsh.parse
local d = tinsh.parse("Họp báo cuối năm\n\nÔng Trần Văn Hải, Chủ tịch UBND TP.HCM, "
  .. "cho biết 62% hộ dân đã có nước sạch.\n")
check.eq(d.title, "Họp báo cuối năm", "parse: title")
check.eq(d.published, nil, "parse: a null is nil")
check.eq(d.blocks[1].kind, "title", "parse: blocks")
check.eq(#d.people, 1, "parse: one person")
check.eq(d.people[1].name, "Trần Văn Hải", "parse: person")
check.eq(d.people[1].titles[1], "Chủ tịch UBND TP.HCM", "parse: title of the person")
check.eq(d.places[1].name, "Hồ Chí Minh", "parse: place under its gazetteer name")
check.eq(d.figures[1].text, "62%", "parse: figure")
check.eq(d.figures[1].subject, "hộ dân", "parse: subject after a verb of saying")
local ok, err = pcall(tinsh.parse, 5)
check.ok(not ok and err:find("bad argument #1 to 'parse'", 1, true), "parse(5): " .. tostring(err))
ok, err = pcall(tinsh.parse, string.rep("a", 4 * 1024 * 1024 + 1))
check.ok(not ok and err:find("bad argument #1 to 'parse' (text longer than 4 MB)", 1, true),
  "parse(5 MB): " .. tostring(err))
check.eq(#tinsh.parse("").blocks, 0, "parse: empty text")
local help = require("tinsh.help")
check.contains(help.text(tinsh.parse), "tinsh.parse(text) ->", "help(tinsh.parse)")
check.contains(help.text(tinsh.words), "tinsh.words(text) ->", "help(tinsh.words)")
check.contains(help.text(tinsh), "parse", "help(tinsh) lists parse")

-- 2. names
check.eq(names.place("thành phố Móng Cái"), "Móng Cái", "place: prefix")
check.eq(names.place("TP.HCM"), "Hồ Chí Minh", "place: alias")
check.eq(names.place("tỉnh Quảng Ninh"), "Quảng Ninh", "place: province")
check.eq(names.place("Hà Nội và Hải Phòng"), "Hà Nội và Hải Phòng", "place: two kept")
check.eq(names.place("móng"), "móng", "place: none kept")
check.eq(names.person("Bí thư Tỉnh ủy Nguyễn Xuân Ký"), "Nguyễn Xuân Ký", "person: title")
check.eq(names.person("ông Ký"), "ông Ký", "person: no full name")
check.eq(names.place(42), 42, "place: not a string")

-- 3. filters
local c = assert(require("corpus").open(fx.build()))
local function ndocs(f)
  local n = 0
  for _ in c:docs(f) do n = n + 1 end
  return n
end
local base = ndocs({ place = "Móng Cái" })
check.ok(base > 0, "docs with Móng Cái")
check.eq(ndocs({ place = "thành phố Móng Cái" }), base, "docs{place = prefixed}")
check.eq(ndocs({ place = "TP Móng Cái" }), base, "docs{place = TP ...}")
check.eq(#c:places({ name = "TP Móng Cái" }), #c:places({ name = "Móng Cái" }), "places{name}")
local pk = #c:people({ name = "Nguyễn Xuân Ký" })
check.ok(pk > 0, "people Nguyễn Xuân Ký")
check.eq(#c:people({ name = "Bí thư Tỉnh ủy Nguyễn Xuân Ký" }), pk, "people{name = title + name}")
check.eq(ndocs({ person = "đồng chí Nguyễn Xuân Ký" }), ndocs({ person = "Nguyễn Xuân Ký" }),
  "docs{person}")

-- 4. keyness against the rest of the corpus
local others = {}
for doc in c:docs() do if doc.rowid ~= 1 then others[#others + 1] = doc.rowid end end
local function same(a, b, what)
  check.eq(#a, #b, what .. ": rows")
  for i = 1, math.max(#a, #b) do
    local x, y = a[i] or {}, b[i] or {}
    if x.term ~= y.term or x.a ~= y.a or x.b ~= y.b or x.ll ~= y.ll then
      check.ok(false, what .. ": row " .. i .. ": " .. tostring(x.term) .. " " .. tostring(y.term))
      return
    end
  end
end
for _, o in ipairs({ { top = 40, min = 1 }, { top = 40, min = 1, unit = "syllable" },
    { top = 40, min = 1, n = 2 } }) do
  local what = "keyness " .. (o.unit or "word") .. " n=" .. (o.n or 1)
  local rest = c:keyness({ ids = { 1 } }, nil, o)
  check.ok(#rest > 0, what .. ": rows")
  same(rest, c:keyness({ ids = { 1 } }, { ids = others }, o), what)
end
same(c:keyness({ ids = { 1 } }), c:keyness({ ids = { 1 } }, { ids = others }), "keyness(a)")

fx.cleanup()
check.done()
