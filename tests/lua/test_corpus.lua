-- Test plan: the corpus object over the example corpus (ingested into a
-- temp database by the binary under test). Opening (corpus.open, lazy
-- corpus.default, bad paths), #corpus, corpus:docs with every filter
-- (lazy iterator, `break` closes it), count, list, get by row id / hash /
-- path / file name, document objects (cheap and lazy fields, text,
-- sentences, figures, people, data, render/show, summary, completion
-- names, equality), facts as frames (figures, people, refs, places,
-- periods, quotes), corpus:sql (bound parameters, read-only: writes,
-- ATTACH, PRAGMA assignments, several statements refused), --sandbox
-- (read-only, writes refused), Ctrl-C (SIGINT) interrupting an endless
-- statement, help texts and tinsh.store mechanisms.
local check = dofile("tests/lua/lib/check.lua")
local fx = dofile("tests/lua/lib/corpus_fixture.lua")
local corpus = require("corpus")
local frame = require("frame")
local S = require("tinsh.store")

local c = fx.open()
local MC2020 = "000_2fce505e32026a8d.txt" -- the 2020 Móng Cái interview
local MC2024 = "001_0255a5737a73828f.txt" -- the 2024 Móng Cái article

check.test("open and default", function()
  check.eq(#c, 5, "#corpus")
  check.eq(c:count(), 5, "count()")
  check.match(tostring(c), "5 documents", "tostring")
  check.eq(c:path(), fx.db, "path")
  local bad, msg = corpus.open(fx.dir .. "/missing.db")
  check.eq(bad, nil, "missing database fails")
  check.contains(msg, "missing.db", "message names the file")
  check.raises(function() corpus.open(42) end, "path expected")
  local d = corpus.default()
  check.ok(d == corpus.default(), "default is one object")
  check.contains(tostring(d), "not opened yet", "default is lazy")
  check.ok(getmetatable(c).__name == "corpus", "__name")
  local c2 = assert(corpus.open(fx.db))
  check.eq(#c2, 5)
  c2:close()
  check.eq(#c2, 5, "a closed corpus reopens on next use")
  c2:close()
  local w, p = corpus.filter_sql{ year = 2024, place = "Móng Cái" }
  check.eq(w, " WHERE substr(d.published, 1, 4) = ? AND d.id IN (SELECT doc FROM places WHERE name LIKE ? ESCAPE '\\')",
    "filter_sql")
  check.eq(p, { "2024", "%Móng Cái%" }, "bound parameters, never spliced")
  check.eq(corpus.filter_sql(nil), "", "no filter")
end)

check.test("docs iterator and filters", function()
  local n, last = 0, 0
  for d in c:docs() do
    n = n + 1
    check.ok(d.rowid > last, "id order")
    last = d.rowid
  end
  check.eq(n, 5, "all documents")
  local ids = {}
  for d in c:docs{ year = 2024 } do ids[#ids + 1] = d.rowid end
  check.eq(#ids, 1, "year 2024")
  check.eq(c:count{ year = 2020 }, 1, "year 2020")
  check.eq(c:count{ from = "2020-01", to = "2024-12" }, 2, "date range")
  check.eq(c:count{ to = "2020" }, 1, "to is an inclusive prefix")
  check.eq(c:count{ place = "Cẩm Phả" }, 1, "place")
  check.eq(c:count{ person = "Nguyễn Xuân Ký" }, 1, "person")
  check.eq(c:count{ text = "Cẩm Phả" }, 1, "text with diacritics is exact")
  check.eq(c:count{ text = "mong cai" }, 4, "text without diacritics matches Móng Cái")
  check.eq(c:count{ text = "Móng Cái" }, 4, "text")
  check.eq(c:count{ site = "Quảng Ninh" }, 1, "site")
  check.eq(c:count{ ids = { 1, 3 } }, 2, "ids")
  check.eq(c:count{ text = "!!!" }, 0, "a query without words matches nothing")
  check.eq(c:count{ where = "d.size > ?", params = { 1 } }, 5, "where with params")
  check.raises(function() c:docs{ bogus = 1 } end,
    "bad argument #1 to 'docs' (unknown option 'bogus'; options: author, from, ids, limit,")
  check.raises(function() c:docs{ top = 1 } end, "unknown option 'top'; options:",
    "no guess for a key of 3 bytes ('top' is one edit from 'to')")
  local k = 0
  for _ in c:docs{ limit = 2 } do k = k + 1 end
  check.eq(k, 2, "limit")
  -- break closes the statement (to-be-closed): the database closes cleanly after
  for _ in c:docs() do break end
  collectgarbage()
  local f = c:list{ year = 2024 }
  check.ok(frame.is(f), "list is a frame")
  check.eq(f:columns(), { "rowid", "date", "title", "author", "site", "path" })
  check.eq(f[1].date, "2024-03-04")
end)

check.test("get", function()
  local d = c:get(2)
  check.eq(d.rowid, 2, "by row id")
  check.match(d.id, "^%x+$", "hash id")
  check.eq(c:get(d.id).rowid, 2, "by hash")
  check.eq(c:get(d.path).rowid, 2, "by path")
  check.eq(c:get(MC2024).rowid, 2, "by file name")
  check.eq(c:get(MC2020).rowid, 1, "2020 interview")
  local none, msg = c:get(999)
  check.eq(none, nil, "missing id")
  check.contains(msg, "no document", "message")
  -- a key longer than any path: no document, not SQLite's "LIKE or GLOB
  -- pattern too complex"
  none, msg = c:get(string.rep("a", 60000))
  check.eq(none, nil, "a 60 KB key")
  check.contains(msg, "no document", "its message")
  check.raises(function() c:get({}) end, "row id, hash or path")
end)

check.test("document objects", function()
  local d = c:get(MC2024)
  check.eq(getmetatable(d).__name, "corpus.doc", "__name")
  check.eq(d.title, "Phát triển KKT cửa khẩu Móng Cái thành KKT trọng điểm quốc gia", "title")
  check.eq(d.published, "2024-03-04T15:18:00+07:00", "published")
  check.eq(d.author, "Thu Chung", "author")
  check.eq(rawget(c:get(3), "path"), nil, "path loads on demand")
  check.match(c:get(3).path, "002_a2d444cce03d6c51%.txt$", "path")
  check.eq(rawget(d, "blocks"), nil, "blocks not loaded yet")
  check.ok(#d.blocks > 10, "blocks load on demand")
  check.ok(rawget(d, "blocks") ~= nil, "and stay")
  check.match(d.lead, "^Ngày 4/3", "lead")
  check.eq(type(d.refs), "table", "refs")
  check.eq(d.refs[1].number, "20-NQ/TU", "first ref")
  check.ok(#d.places > 3, "places")
  check.eq(type(d.warnings), "table", "warnings")
  local text = d:text()
  check.contains(text, "Móng Cái", "text()")
  check.eq(#text, d.blocks[#d.blocks].off + d.blocks[#d.blocks].len, "blocks cover the text")
  local sents = d:sentences()
  check.ok(#sents > 10, "sentences")
  for _, s in ipairs(sents) do
    if s:find("\n") then check.ok(false, "a sentence has no line break") break end
  end
  local figs = d:figures{ unit = "%" }
  check.ok(frame.is(figs) and #figs >= 3, "figures{unit}")
  for _, f in ipairs(figs) do check.eq(f.unit, "%", "only percentages") end
  check.eq(#d:figures{ subject = "ngan sach" }, 3, "subject filter is accent-insensitive")
  local people = d:people()
  check.eq(people[1].name, "Nguyễn Xuân Ký", "people")
  check.contains(people[1].titles, "Bí thư Tỉnh ủy")
  local data = d:data()
  check.eq(data.title, d.title, "data()")
  check.eq(type(data.qa), "table", "data has qa")
  check.eq(getmetatable(data), nil, "plain tables")
  check.match(tostring(d), "^#2  2024%-03%-04  Phát triển", "tostring")
  check.ok(d == c:get(2), "equality by row id")
  check.ok(d ~= c:get(1), "other documents differ")
  check.ok(d ~= assert(corpus.open(fx.db)):get(2), "documents of another corpus object differ")
  local names = getmetatable(d).__complete(d)
  local set = {}
  for _, n in ipairs(names) do set[n] = true end
  for _, want in ipairs({ "show", "text", "figures", "people", "sentences", "title", "blocks" }) do
    check.ok(set[want], "completion knows " .. want)
  end
  check.eq(d:corpus(), c, "doc:corpus()")
  check.eq(d:to_records()[1].rowid, 2, "to_records")
end)

check.test("doc:show renders headline, Q&A and captions", function()
  local d = c:get(MC2020)
  local r = d:render{ width = 80, color = false }
  check.match(r, "^Móng Cái tập trung", "headline first")
  check.contains(r, "\nH: ", "questions marked")
  check.contains(r, "\nĐ: ", "answers marked")
  for line in r:gmatch("[^\n]+") do
    if require("tinsh.display").width(line) > 80 then check.ok(false, "line too wide: " .. line) break end
  end
  local r2 = c:get(MC2024):render{ width = 100, color = false }
  check.contains(r2, "[Ảnh]", "captions marked")
  check.contains(r2, "2024-03-04T15:18:00+07:00 · Thu Chung", "date and author line")
  local tmp = os.tmpname()
  local out = io.output()
  io.output(tmp)
  local saved = io.stdout
  io.stdout = io.output()
  local ok = pcall(d.show, d, { width = 60, pager = false })
  io.stdout = saved
  io.output(out)
  local f = io.open(tmp); local shown = f:read("a"); f:close(); os.remove(tmp)
  check.ok(ok, "show runs")
  check.contains(shown, "Móng Cái tập trung", "show prints")
end)

check.test("facts as frames", function()
  local f = c:figures{ subject = "chi bộ" }
  check.ok(frame.is(f), "figures frame")
  local values = {}
  for _, r in ipairs(f) do values[r.value] = true end
  check.ok(values[224] and values[263], "chi bộ 224 and 263")
  check.eq(f:columns()[1], "rowid")
  local t2025 = c:figures{ year = 2025 }
  for _, r in ipairs(t2025) do check.contains(r.sentence, "2025", "year = 2025 sentence") end
  check.eq(#c:figures{ unit = "%", ids = { 1 } }, 6, "unit and document filter")
  check.eq(#c:figures{ value = 224 }, 2, "value")
  check.eq(#c:figures{ value = function(v) return v > 100000 end }, 1, "value predicate")
  local p = c:people()
  check.eq(p:columns(), { "name", "title", "date", "rowid", "mentions" })
  local held = p:where{ title = "Bí thư Thành ủy Móng Cái" }:sort("rowid")
  check.eq(held[1].name, "Lê Văn Ánh", "2020 secretary")
  check.eq(held[2].name, "Hoàng Bá Nam", "2024 secretary")
  check.eq(#c:people{ name = "nguyen xuan ky" }, 3, "name filter, one row per title")
  local r = c:refs{ kind = "Nghị quyết" }
  check.ok(#r >= 4, "refs by kind")
  check.eq(c:refs{ number = "20-NQ/TU" }[1].ref_date, "2023-11-27", "ref date")
  local pl = c:places{ name = "Móng Cái", kind = "thành phố" }
  check.eq(#pl, 4, "places")
  local total = c:places():group("name"):sum("mentions"):sort("-sum_mentions")
  check.eq(total[1].name, "Móng Cái", "most mentioned place")
  check.ok(#c:periods() > 0, "periods")
  check.ok(frame.is(c:quotes()), "quotes")
  check.eq(#c:figures{ year = 2024, published = 2024 } >= 0, true, "published filter")
end)

check.test("corpus:sql", function()
  local f = c:sql("SELECT id, title FROM documents WHERE id = ?", { 2 })
  check.ok(frame.is(f), "frame")
  check.eq(f:columns(), { "id", "title" })
  check.eq(f[1].id, 2)
  check.eq(c:sql("SELECT :a + :b AS s", { a = 1, b = 2 })[1].s, 3, "named parameters")
  check.eq(c:sql("SELECT ?2 || ?1 AS s", { "a", "b" })[1].s, "ba", "numbered parameters")
  check.eq(#c:sql("SELECT 1 WHERE 0"), 0, "empty result")
  check.raises(function() c:sql("DELETE FROM documents") end, "read%-only")
  check.raises(function() c:sql("ATTACH DATABASE '/tmp/x.db' AS x") end, "read%-only")
  check.raises(function() c:sql("PRAGMA query_only = 0") end, "read%-only")
  check.raises(function() c:sql("CREATE TEMP TABLE t(x)") end, "read%-only")
  check.raises(function() c:sql("SELECT 1; DELETE FROM documents") end, "one statement")
  check.raises(function() c:sql("SELEC 1") end, "syntax error")
  check.raises(function() c:sql("SELECT ?", { {} }) end, "cannot bind")
  check.raises(function() c:sql("SELECT 1", "x") end, "table of parameters")
  check.eq(c:sql("PRAGMA table_info(documents)")[1].name, "id", "PRAGMA reads allowed")
  local fresh = assert(corpus.open(fx.db)) -- the fts table connects inside corpus:sql
  check.eq(fresh:sql("SELECT count(*) AS n FROM fts WHERE fts MATCH ?", { "cẩm" })[1].n, c:count{ text = "cẩm" },
    "full-text SQL")
  fresh:close()
  check.eq(#c, 5, "nothing deleted")
end)

check.test("sandbox: read-only, writes refused", function()
  local out = fx.run("--db " .. fx.quote(fx.db) .. " --sandbox -e " .. fx.quote([[
    print(#corpus)
    print(corpus:search("mong cai"):save("x"))
    print(pcall(corpus.sql, corpus, "ATTACH DATABASE '/tmp/x.db' AS x"))
    local h = require("corpus")._db(corpus)
    print("internal", pcall(h.all, h, "ATTACH DATABASE '/tmp/x.db' AS x"))
    print("temp", pcall(h.all, h, "CREATE TEMP TABLE t(x)"))
    print(#corpus:search("mong cai"), #corpus:kwic("phát triển") > 0, #corpus:figures() > 0)
  ]]))
  check.contains(out, "5\n", "sandboxed scripts read the corpus")
  check.contains(out, "read-only in --sandbox", "saving refused")
  check.contains(out, "false\tcorpus:sql is read-only", "attach refused")
  check.contains(out, "internal\tfalse\tsql: not authorized", "no ATTACH through the internal handle")
  check.contains(out, "temp\tfalse\tsql: not authorized", "no TEMP objects either")
  check.contains(out, "4\ttrue\ttrue", "searching, KWIC and facts still work")
end)

check.test("Ctrl-C interrupts a long statement", function()
  if not os.execute("command -v timeout >/dev/null 2>&1") then return end
  local t0 = os.time()
  -- --foreground: without it timeout signals the child AND its process
  -- group, so tinsh gets two Ctrl-Cs and the second one kills, as it
  -- should. 2 s: a slow (sanitizer) start must reach the statement first.
  local cmd = "timeout --foreground -s INT 2 " .. fx.quote(fx.tinsh) .. " --db " .. fx.quote(fx.db) .. " -e " ..
    fx.quote([[print(pcall(corpus.sql, corpus, "WITH RECURSIVE r(i) AS (SELECT 1 UNION ALL " ..
      "SELECT i + 1 FROM r) SELECT count(*) FROM r"))]]) .. " 2>&1"
  local p = io.popen(cmd)
  local got = p:read("a")
  p:close()
  check.contains(got, "interrupted", "the endless statement stops on SIGINT")
  check.ok(os.time() - t0 < 10, "promptly")
end)

check.test("the REPL shows an iterator's first rows", function()
  local pretty = require("tinsh.pretty")
  local out, real = {}, io.stdout
  local function shown(...)
    out = {}
    io.stdout = { write = function(_, ...) for _, s in ipairs({ ... }) do out[#out + 1] = s end end }
    local ok, err = pcall(pretty.print, ...)
    io.stdout = real
    assert(ok, err)
    return table.concat(out)
  end
  local all = shown(c:docs{})
  check.eq(select(2, all:gsub("\n", "")), 5, "one line a document")
  check.contains(all, "#2  2024-03-04  Phát triển KKT", "each as print(d) shows it")
  check.contains(shown(c:docs{ year = 1999 }), "(no rows)", "an empty iterator says so")
  local rows = pretty.options.rows
  pretty.options.rows = 2
  local cut = shown(c:docs{})
  pretty.options.rows = rows
  check.contains(cut, "the first 2", "cut after options.rows")
  check.eq(select(2, cut:gsub("\n", "")), 3, "two rows and the note")
  check.contains(shown(pairs({})), "function: ", "other triples print as values")
end)

check.test("default corpus from --db, lazily", function()
  local out = fx.run("--db " .. fx.quote(fx.db) .. " -e " .. fx.quote("print(#corpus, corpus:get(2).author)"))
  check.eq(out, "5\tThu Chung\n", "global corpus")
  local out2 = fx.run("--db " .. fx.quote(fx.dir .. "/nope.db") .. " -e " .. fx.quote("print(1)"))
  check.eq(out2, "1\n", "a missing database costs nothing until used")
  local out3 = fx.run("--db " .. fx.quote(fx.dir .. "/nope.db") .. " -e " .. fx.quote("print(pcall(function() return #corpus end))"))
  check.contains(out3, "false", "first use fails")
  check.contains(out3, "nope.db", "naming the file")
end)

check.test("help and completion", function()
  local help = require("tinsh.help")
  local text = help.text(c)
  for _, m in ipairs({ "docs", "search", "kwic", "figures", "people", "sql", "similar", "duplicates" }) do
    check.match(text, "\n  " .. m .. " ", "help(corpus) lists " .. m)
  end
  check.contains(help.text(c.search), "corpus:search(query", "help(corpus.search)")
  check.contains(help.text(c.search), "result set", "full text")
  check.contains(help.text(c.kwic), "width", "help(corpus.kwic)")
  check.contains(help.text(corpus.open), "corpus.open(path)", "module functions")
  local d = c:get(1)
  check.contains(help.text(d), "show", "help(doc) lists methods")
  check.contains(help.text(d.show), "doc:show", "help(doc.show)")
  -- completion: corpus:se<TAB> comes from the methods table behind __index
  local idx = getmetatable(c).__index
  check.eq(type(idx), "table", "methods through a table __index")
  check.eq(type(rawget(idx, "search")), "function", "search is completable")
  for name in pairs(corpus.Corpus) do
    if not name:match("^__") then check.ok(c.__help ~= nil and c.__help[name] ~= nil, "help for corpus:" .. name) end
  end
end)

check.test("tinsh.store mechanisms", function()
  check.eq(S.tokens("Đảng bộ TP. Móng Cái: 57,7%"), { "đảng", "bộ", "tp", "móng", "cái", "57,7" })
  check.eq(S.tokens("a, b", true), { "a", "", "b" }, "breaks")
  local text = "Phát triển kinh tế; phat trien du lich. PHÁT TRIỂN"
  local pos = S.find(text, "phat trien")
  check.eq(#pos, 6, "plain query matches every accent variant")
  check.eq(text:sub(pos[1], pos[2]), "Phát triển")
  check.eq(#S.find(text, "phát triển"), 4, "accented query matches exactly (case-folded)")
  check.eq(#S.find(text, "phát tr*"), 4, "prefix")
  check.eq(#S.find(text, "kinh du"), 0, "phrase order")
  check.eq(#S.find(text, "phát", 1), 2, "max")
  check.eq(#S.find("", "x"), 0)
  local counts = {}
  check.eq(S.count("a b a", counts), 3)
  check.eq(counts.a, 2)
  local a = S.minhash("một hai ba bốn năm sáu bảy tám chín mười")
  check.eq(#a, 256, "64 slots")
  check.eq(S.similarity(a, a), 1.0)
  local b = S.minhash("khác hẳn hoàn toàn về nội dung và từ ngữ ở đây")
  check.ok(S.similarity(a, b) < 0.2, "different texts")
  check.raises(function() S.similarity(a, "x") end, "same size")
  check.eq(S.plain_query("!!!"), nil, "no words")
  check.ok(S.plain_query("mong cai"), "plain query")
  local db = corpus._db(c)
  check.raises(function() db:exec("DELETE FROM documents") end, "read%-only")
  local rows = db:all("SELECT 1 AS a, NULL AS b, 2.5 AS c, x'00ff' AS d")
  check.eq(rows[1], { a = 1, c = 2.5, d = "\0\255" }, "column types, NULL absent")
  local arr = db:all("SELECT 1, 2", nil, { array = true })
  check.eq(arr[1], { 1, 2 }, "array rows")
  check.eq(db:load(999), nil, "load of a missing id")
  local h = assert(S.open(fx.db))
  h:close()
  h:close()
  check.raises(function() h:count() end, "closed", "closed handle")
  local w = assert(S.open(fx.db, { write = true }))
  check.ok(w:writable(), "write handle")
  w:close()
end)

fx.cleanup()
return check.done()
