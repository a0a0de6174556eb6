-- Test plan (stdlib/frame.lua): build frames from records, scalars, maps and
-- to_records/to_frame objects; #f, f[i], ipairs; column inference order;
-- where (function and table predicates), sort (key, desc, multi-key, nils
-- last, stability, comparator), top, map (copy semantics, column changes),
-- select/column/rename; group with count/sum/mean/min/max/agg; render
-- alignment by display width (Vietnamese, truncation with "…", numbers
-- right-aligned, footer); show writes to stdout; immutability of the
-- receiver; misuse raises; help strings for every public function.
local check = dofile("tests/lua/lib/check.lua")
local frame = require("frame")
local display = require("tinsh.display")

local function sample()
  return frame.new({
    { place = "Hạ Long", year = 2020, n = 12 },
    { place = "Móng Cái", year = 2021, n = 7 },
    { place = "Cẩm Phả", year = 2020, n = 3 },
    { place = "Móng Cái", year = 2020, n = 5 },
    { place = "Uông Bí", year = 2021 },
  }, { "place", "year", "n" })
end

check.test("new and basics", function()
  local f = sample()
  check.ok(frame.is(f), "frame.is")
  check.ok(not frame.is({}), "plain table is not a frame")
  check.eq(#f, 5, "#f")
  check.eq(f[2].place, "Móng Cái", "f[i]")
  local n = 0
  for i, rec in ipairs(f) do n = n + 1; check.eq(rec, f[i]) end
  check.eq(n, 5, "ipairs visits all rows")
  check.eq(f:columns(), { "place", "year", "n" }, "explicit columns")
  local cols = f:columns()
  cols[1] = "zzz"
  check.eq(f:columns()[1], "place", "columns() returns a copy")
  check.eq(getmetatable(f).__name, "frame", "__name")
end)

check.test("column inference", function()
  local f = frame.new{ { b = 1, a = 2 }, { c = 3, a = 1 } }
  check.eq(f:columns(), { "a", "b", "c" }, "first-seen, names sorted within a record")
  local g = frame.new{ { "x", 1 }, { "y", 2, "extra" } }
  check.eq(g:columns(), { 1, 2, 3 }, "integer keys")
  local s = frame.new{ "a", "b" }
  check.eq(s:columns(), { "value" }, "scalars become a value column")
  check.eq(s[2].value, "b")
  local e = frame.new{}
  check.eq(#e, 0)
  check.eq(e:columns(), {})
  check.eq(#frame.new(), 0, "new() with no records")
end)

check.test("wrap", function()
  local recs = { { a = 1 }, { a = 2 } }
  local w = frame.wrap(recs, { "a" })
  check.ok(w == recs, "no copy")
  check.ok(frame.is(w))
  check.eq(w:columns(), { "a" })
  check.eq(w:sort("-a")[1].a, 2)
  check.raises(function() frame.wrap(w, { "a" }) end, "plain table")
  check.raises(function() frame.wrap({}) end, "column list expected")
end)

check.test("from", function()
  local f = sample()
  check.ok(frame.from(f) == f, "a frame comes back as is")
  local m = frame.from{ ["Hạ Long"] = 3, ["Cẩm Phả"] = 1 }
  check.eq(m:columns(), { "key", "value" })
  check.eq(m[1].key, "Cẩm Phả", "map sorted by key")
  local obj = { to_records = function() return { { x = 1 }, { x = 2 } }, { "x" } end }
  check.eq(#frame.from(obj), 2, "to_records object")
  local obj2 = { to_frame = function() return f end }
  check.ok(frame.from(obj2) == f, "to_frame object")
  check.eq(frame.from{ 1, 2, 3 }:column("value"), { 1, 2, 3, n = 3 }, "list of scalars")
  check.raises(function() frame.from(42) end, "table expected")
end)

check.test("where", function()
  local f = sample()
  local w = f:where(function(r) return r.year == 2020 end)
  check.eq(#w, 3, "function predicate")
  check.ok(frame.is(w))
  check.eq(w:columns(), f:columns(), "columns kept")
  check.eq(#f:where{ place = "Móng Cái" }, 2, "table equality")
  check.eq(#f:where{ place = "Móng Cái", year = 2021 }, 1, "two fields")
  check.eq(#f:where{ n = function(n) return n and n > 4 end }, 3, "field function")
  check.eq(#f:where{ place = "nowhere" }, 0)
  check.eq(#f, 5, "receiver unchanged")
  check.raises(function() f:where(3) end, "function or table expected")
end)

check.test("sort", function()
  local f = sample()
  check.eq(f:sort("n"):column("n"), { 3, 5, 7, 12, nil, n = 5 }, "ascending, nil last")
  check.eq(f:sort("n", "desc"):column("n"), { 12, 7, 5, 3, nil, n = 5 }, "desc, nil last")
  check.eq(f:sort("-n"):column("n"), { 12, 7, 5, 3, nil, n = 5 }, "-col")
  local m = f:sort{ "year", "-n" }
  check.eq(m:column("place"), { "Hạ Long", "Móng Cái", "Cẩm Phả", "Móng Cái", "Uông Bí", n = 5 }, "multi-key")
  local s = f:sort("year")
  check.eq(s:column("place"), { "Hạ Long", "Cẩm Phả", "Móng Cái", "Móng Cái", "Uông Bí", n = 5 }, "stable")
  local c = f:sort(function(a, b) return (a.n or 0) > (b.n or 0) end)
  check.eq(c:column("place"), { "Hạ Long", "Móng Cái", "Móng Cái", "Cẩm Phả", "Uông Bí", n = 5 }, "comparator")
  check.eq(f[1].place, "Hạ Long", "receiver unchanged")
  local mixed = frame.new{ { v = "b" }, { v = 2 }, { v = true }, { v = 1 }, { v = "a" } }
  check.eq(mixed:sort("v"):column("v"), { 1, 2, "a", "b", true, n = 5 }, "mixed types")
  local names = frame.new{ { p = "Uông Bí" }, { p = "an" }, { p = "Bình" }, { p = "Ánh" }, { p = "Cẩm Phả" } }
  if display.core and display.core.fold then
    check.eq(names:sort("p"):column("p"), { "an", "Ánh", "Bình", "Cẩm Phả", "Uông Bí", n = 5 },
      "human order: case and accents folded first")
    check.eq(frame.compare("Đông", "Em"), -1, "đ sorts with d")
  else
    check.eq(names:sort("p"):column("p"), { "an", "Bình", "Cẩm Phả", "Uông Bí", "Ánh", n = 5 },
      "plain Lua: case folded, accents by bytes")
  end
  check.eq(frame.compare("b", "B"), 1, "case tie broken by bytes")
  check.eq(frame.compare("a", "B"), -1, "case-insensitive first")
  check.raises(function() f:sort("n", "up") end, "'asc' or 'desc'")
  check.raises(function() f:sort(42) end, "column name")
end)

check.test("top, select, column, rename", function()
  local f = sample()
  check.eq(#f:top(2), 2)
  check.eq(#f:top(99), 5)
  check.eq(#f:top(0), 0)
  check.eq(f:top(2):columns(), f:columns())
  check.eq(#f:head(3), 3, "head alias")
  local s = f:select("n", "place")
  check.eq(s:columns(), { "n", "place" })
  check.eq(s[1], { n = 12, place = "Hạ Long" })
  check.eq(f:select{ "year" }:columns(), { "year" }, "table form")
  check.raises(function() f:select("nope") end, "no column 'nope'")
  check.eq(f:column("year"), { 2020, 2021, 2020, 2020, 2021, n = 5 })
  check.raises(function() f:column("nope") end, "no column")
  local r = f:rename{ n = "count" }
  check.eq(r:columns(), { "place", "year", "count" })
  check.eq(r[1].count, 12)
  check.eq(f[1].n, 12, "rename leaves the receiver")
end)

check.test("map", function()
  local f = sample()
  local m = f:map(function(r) r.n = (r.n or 0) * 2; return r end)
  check.eq(m:column("n"), { 24, 14, 6, 10, 0, n = 5 })
  check.eq(f[1].n, 12, "fn gets a copy")
  local shape = f:map(function(r) return { label = r.place } end)
  check.eq(shape:columns(), { "label" }, "old columns dropped, new added")
  local plus = f:map(function(r) r.big = (r.n or 0) > 6; return r end)
  check.eq(plus:columns(), { "place", "year", "n", "big" })
  local drop = f:map(function(r) if r.n then return r end end)
  check.eq(#drop, 4, "nil drops the row")
  check.raises(function() f:map(function() return 1 end) end, "record table expected")
  check.raises(function() f:map() end, "function expected")
end)

check.test("group", function()
  local f = sample()
  local c = f:group("year"):count()
  check.eq(c:columns(), { "year", "count" })
  check.eq(c[1], { year = 2020, count = 3 }, "first-seen group order")
  check.eq(c[2], { year = 2021, count = 2 })
  check.eq(#f:group("year"), 2, "#grouped")
  check.eq(#frame.new{ { k = 2020 }, { k = 2020.0 } }:group("k"), 1, "2020 and 2020.0 are one group")
  local s = f:group("year"):sum("n")
  check.eq(s:columns(), { "year", "sum_n" })
  check.eq(s:column("sum_n"), { 20, 7, n = 2 }, "sum ignores nil")
  local mean = f:group("year"):mean("n")
  check.near(mean[1].mean_n, 20 / 3)
  check.eq(mean[2].mean_n, 7)
  check.eq(f:group("year"):min("n"):column("min_n"), { 3, 7, n = 2 })
  check.eq(f:group("year"):max("place"):column("max_place"), { "Móng Cái", "Uông Bí", n = 2 })
  check.eq(f:group("year"):sum("n", "total"):columns(), { "year", "total" }, "custom name")
  local two = f:group("place", "year"):count()
  check.eq(#two, 5, "two keys")
  check.eq(two:columns(), { "place", "year", "count" })
  local a = f:group("year"):agg{
    rows = frame.count,
    places = function(rows) return #rows:group("place") end,
  }
  check.eq(a:columns(), { "year", "places", "rows" }, "map form: names sorted")
  check.eq(a[1], { year = 2020, places = 3, rows = 3 })
  local l = f:group("year"):agg{ { "total", frame.sum("n") }, { "n", frame.count } }
  check.eq(l:columns(), { "year", "total", "n" }, "list form keeps order")
  check.eq(frame.mean("n")(frame.new{}), nil, "mean of nothing")
  local keys = {}
  for key, rows in f:group("year"):frames() do keys[#keys + 1] = key.year .. ":" .. #rows end
  check.eq(keys, { "2020:3", "2021:2" }, "frames iterator")
  check.raises(function() f:group("nope") end, "no column")
  check.raises(function() f:group("year"):sum("nope") end, "no column")
  check.raises(function() f:group("year"):agg{ x = 1 } end, "not a function")
  check.eq(#f, 5, "receiver unchanged")
end)

check.test("render", function()
  local f = sample()
  local s = f:render()
  local lines = {}
  for line in (s .. "\n"):gmatch("(.-)\n") do lines[#lines + 1] = line end
  check.eq(lines[1], "place     year   n", "header")
  check.eq(lines[2], "────────  ────  ──", "rule")
  check.eq(lines[3], "Hạ Long   2020  12", "numbers right-aligned")
  check.eq(lines[4], "Móng Cái  2021   7", "aligned by display width")
  check.eq(lines[7], "Uông Bí   2021", "missing value blank, no trailing spaces")
  check.eq(lines[8], "(5 rows)", "footer")
  -- every row line has the same display width up to the last column
  check.eq(display.width(lines[3]), display.width(lines[4]))
  local lim = f:render{ limit = 2 }
  check.contains(lim, "(2 of 5 rows)", "limit footer")
  local narrow = frame.new{ { title = "Đồng chí Nguyễn Xuân Ký làm việc tại Móng Cái", n = 1 } }
  local t = narrow:render{ maxwidth = 20 }
  check.contains(t, "Đồng chí Nguyễn Xuâ…", "truncated with …")
  local row = t:match("\n[^\n]*\n([^\n]*)")
  check.eq(display.width(row), 23, "20 + 2 + 1 columns")
  local w = narrow:render{ width = 15 }
  for line in w:gmatch("[^\n]+") do
    if not line:match("^%(") then check.ok(display.width(line) <= 15, "fits width: " .. line) end
  end
  check.contains(frame.new{ { a = "x\ny" } }:render(), "x↵y", "newline shown as ↵")
  check.contains(frame.new{ { a = { 1, 2 } } }:render(), "[1,2]", "tables as JSON")
  check.contains(frame.new{ { a = 0.1 + 0.2 } }:render(), "0.3", "float formatting")
  check.eq(frame.new{}:render(), "(0 rows)")
  check.eq(frame.new({}, { "a" }):render(), "a\n─\n(0 rows)")
  check.contains(f:render{ index = true }, "#  place", "index column")
  check.eq(tostring(f), f:render{ limit = 20 }, "__tostring renders")
  check.eq(frame.new{ { a = 1 } }:render():match("%((.-)%)$"), "1 row", "singular")
end)

check.test("show", function()
  local f = sample()
  local tmp = os.tmpname()
  local saved = io.stdout
  local out = assert(io.open(tmp, "w"))
  io.stdout = out
  local ok, ret = pcall(f.show, f, { limit = 2 })
  io.stdout = saved
  out:close()
  check.ok(ok, "show ran")
  check.eq(ret, nil, "show returns nothing (the REPL must not print it twice)")
  local fh = assert(io.open(tmp))
  local text = fh:read("a")
  fh:close()
  os.remove(tmp)
  check.eq(text, f:render{ limit = 2 } .. "\n", "show prints render() when not a terminal")
end)

check.test("export and to_records", function()
  local f = sample()
  local recs, cols = f:to_records()
  check.eq(#recs, 5)
  check.ok(not frame.is(recs), "plain list")
  check.eq(cols, f:columns())
  local tmp = os.tmpname() .. ".csv"
  check.ok(f:top(1):export(tmp), "export to csv")
  local fh = assert(io.open(tmp, "rb"))
  check.eq(fh:read("a"), "place,year,n\r\nHạ Long,2020,12\r\n")
  fh:close()
  os.remove(tmp)
end)

check.test("help", function()
  for _, name in ipairs{ "new", "is", "from", "where", "sort", "top", "map", "columns",
    "select", "column", "group", "show", "render", "export", "rename", "to_records" } do
    check.ok(type(frame.__help[name]) == "string" and #frame.__help[name] > 20, "help for " .. name)
  end
end)

check.test("show(n) shows n rows; a wrong argument raises", function()
  local f = frame.new({ { a = 1 }, { a = 2 }, { a = 3 } })
  local out, real = {}, io.stdout
  io.stdout = { write = function(_, ...) for _, v in ipairs({ ... }) do out[#out + 1] = v end end }
  local ok, err = pcall(function() f:show(2) end)
  io.stdout = real
  check.ok(ok, tostring(err))
  check.eq(table.concat(out), f:render({ limit = 2, color = false }) .. "\n", "show(2) = render{limit = 2}")
  check.raises(function() f:show("2") end, "bad argument #1 to 'show' (table or number expected, got string)")
end)

check.done()
