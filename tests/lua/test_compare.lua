-- Test plan: compare() over the example corpus. Two documents (the 2020
-- and 2024 Móng Cái articles): shared and distinct people, places and
-- references, the secretary's title on each side, figures matched by
-- subject (state budget revenue), by unit for counts, and a figure whose
-- subject the other side names without a figure (tỷ trọng dịch vụ); two subcorpora
-- given as filters, result sets and lists; the paragraph diff of a near-
-- duplicate (compare.diff on paragraph lists, and a document against an
-- edited copy); the readable rendering and the frame form; errors.
local check = dofile("tests/lua/lib/check.lua")
local fx = dofile("tests/lua/lib/corpus_fixture.lua")
local frame = require("frame")
local compare = require("compare")

local c = fx.open()

local function has(list, x)
  for _, v in ipairs(list) do if v == x then return true end end
  return false
end

check.test("two documents", function()
  local a, b = c:get("000_2fce505e32026a8d.txt"), c:get("001_0255a5737a73828f.txt")
  local cmp = compare(a, b)
  check.eq(getmetatable(cmp).__name, "compare", "__name")
  check.ok(has(cmp.places.shared, "Móng Cái"), "shared place")
  check.ok(has(cmp.places.only_b, "Trung Quốc"), "place only in b")
  check.ok(has(cmp.people.only_a, "Lê Văn Ánh"), "2020 secretary only in a")
  check.ok(has(cmp.people.only_b, "Hoàng Bá Nam"), "2024 secretary only in b")
  check.ok(has(cmp.refs.only_b, "20-nq/tu"), "reference only in b (by number)")
  check.ok(frame.is(cmp.figures), "figures frame")
  local budget
  for _, f in ipairs(cmp.figures) do
    if f.subject and f.subject:find("ngân sách") then budget = f end
  end
  check.ok(budget ~= nil, "budget revenue matched by subject")
  check.eq(budget.match, "subject")
  check.eq(budget.a, 10)
  check.ok(budget.b == 31 or budget.b == 5000, "b value side by side")
  local dv
  for _, f in ipairs(cmp.figures) do if f.match == "mention" and f.subject == "Dịch vụ" then dv = f end end
  check.ok(dv and dv.subject == "Dịch vụ" and dv.a == 57.7, "a figure of a whose subject b names")
  check.contains(dv.b_text, "tỷ trọng dịch vụ", "with b's sentence")
  check.eq(dv.b, nil, "and no value in b")
  check.ok(cmp.similarity >= 0 and cmp.similarity < 0.3, "different articles")
  check.eq(cmp.diff, nil, "no diff for unrelated articles")
  local text = tostring(cmp)
  check.contains(text, "People", "rendering")
  check.contains(text, "only a (1): Lê Văn Ánh")
  check.contains(text, "Figures matched")
  local f = cmp:frame()
  check.eq(f:columns(), { "section", "item", "a", "b", "note" })
  local secs = {}
  for _, r in ipairs(f) do secs[r.section] = true end
  check.ok(secs.people and secs.places and secs.refs and secs.figures, "every section")
  local nam = f:where{ section = "people", item = "Hoàng Bá Nam" }[1]
  check.eq(nam.b, "Bí thư Thành ủy Móng Cái", "titles in the frame")
  check.eq(compare(1, 2, { corpus = c }).a, cmp.a, "row ids work")
  local via = require("corpus").compare(a, b)
  check.eq(via.people, cmp.people, "corpus.compare is compare")
  check.eq(type(_G.compare), "function", "the prelude installs the global compare")
  local tmp = os.tmpname()
  local saved = io.stdout
  io.stdout = io.open(tmp, "w")
  local ok = pcall(cmp.show, cmp, { width = 80 })
  io.stdout:close()
  io.stdout = saved
  local f = io.open(tmp); local shown = f:read("a"); f:close(); os.remove(tmp)
  check.ok(ok, "show runs")
  check.eq(shown, cmp:render{ width = 80 } .. "\n", "show prints the report")
end)

check.test("two subcorpora", function()
  local cmp = compare({ ids = { 1 } }, { ids = { 3 } }, { corpus = c })
  local chi
  for _, f in ipairs(cmp.figures) do if f.unit == "chi bộ" and f.match == "unit" then chi = f end end
  check.ok(chi ~= nil, "chi bộ counts matched by unit")
  check.eq(chi.a, 224, "chi bộ 224")
  check.eq(chi.b, 263, "vs 263")
  check.eq(chi.match, "unit")
  local y = compare({ year = 2020 }, { year = 2024 }, { corpus = c })
  check.contains(y.a, "1 documents", "filter label")
  local rs1, rs2 = c:search("Cẩm Phả"), c:search("kkt")
  local r = compare(rs1, rs2)
  check.contains(r.a, "search Cẩm Phả", "result set label")
  check.ok(#r.places.only_a > 0, "places of the sets")
  local l = compare({ c:get(1), c:get(5) }, { c:get(2) }, { corpus = c })
  check.contains(l.a, "2 documents", "list label")
  check.eq(l.similarity, nil, "no similarity for subcorpora")
  check.raises(function() compare(c:get(1), true, { corpus = c }) end, "expected")
end)

check.test("paragraph diff", function()
  local ops = compare.diff({ "A b c", "same", "old text here now", "gone" },
    { "a B c", "same", "old text here today", "new" })
  local kinds = {}
  for i, o in ipairs(ops) do kinds[i] = o.op end
  check.eq(kinds[1], "=", "case-insensitive equality")
  check.eq(kinds[2], "=")
  check.eq(kinds[3], "~", "similar paragraphs are changed")
  check.ok(has(kinds, "-") and has(kinds, "+"), "removed and added")
  -- a document against an edited copy of itself
  local dir = fx.dir .. "/nd"
  os.execute("mkdir -p " .. fx.quote(dir))
  local src = fx.src .. "/examples/corpus/001_0255a5737a73828f.txt"
  local f = io.open(src); local text = f:read("a"); f:close()
  f = io.open(dir .. "/a.txt", "w"); f:write(text); f:close()
  f = io.open(dir .. "/b.txt", "w")
  local edited = text:gsub("\n\nCác ý kiến tại hội nghị",
    "\n\nMột đoạn văn hoàn toàn mới ở giữa bài viết này.\n\nCác ý kiến tại hội nghị", 1)
  f:write(edited); f:close()
  local db = dir .. "/d.db"
  os.execute(fx.quote(fx.tinsh) .. " --db " .. fx.quote(db) .. " ingest " .. fx.quote(dir) .. " >/dev/null 2>&1")
  local d = assert(require("corpus").open(db))
  local cmp = compare(d:get("a.txt"), d:get("b.txt"))
  check.ok(cmp.similarity > 0.8, "near-duplicates")
  check.ok(cmp.diff ~= nil, "diff computed")
  local added = 0
  for _, o in ipairs(cmp.diff) do if o.op ~= "=" then added = added + 1 end end
  check.ok(added >= 1 and added <= 2, "only the new paragraph differs")
  check.contains(tostring(cmp), "Paragraph diff", "diff rendered")
  check.contains(tostring(cmp), "Một đoạn văn hoàn toàn mới")
  local fr = cmp:frame():where{ section = "diff" }
  check.ok(#fr >= 1, "diff rows in the frame")
  check.eq(compare(d:get("a.txt"), d:get("a.txt")).diff[1].op, "=", "identical")
  d:close()
end)

check.test("help", function()
  local help = require("tinsh.help")
  help.scan(compare, "compare")
  check.contains(help.text(compare.compare), "compare(a, b", "help(compare.compare)")
  check.contains(help.text(compare), "two documents or two subcorpora", "module summary")
end)

fx.cleanup()
return check.done()
