-- Test plan (corpus.facts filtered in SQL, issue 20): on the example
-- corpus plus a few added fact rows (upper case, accents, a title with a
-- quote and a backslash, a figure with an empty unit):
--   1. Same answers as the reference: each fact method's rows equal, in
--      content and order, those of a plain reading of the whole fact table
--      filtered in Lua the way analysts' filters are defined (substring,
--      case and accents ignored; value equal; year a whole number in the
--      sentence; a title per row), for text, number, function, year,
--      empty-string and document filters.
--   2. Function filters run on the rows SQL kept: a subject predicate
--      combined with unit = "%" is called once per % figure only.
--   3. The figure sentence is read on demand: absent from the row tables
--      until the column is read (then present for every row, equal to the
--      stored one, pairs() included); {sentence = true} reads it at once.
--   4. The columns come from the fact schema: every field of
--      tinsh.store.fact_schema() of each kind is a column of its frame.
local check = dofile("tests/lua/lib/check.lua")
local fx = dofile("tests/lua/lib/corpus_fixture.lua")
local S = require("tinsh.store")
local core = require("tinsh.core")
local json = require("json")

fx.build()
do -- extra rows the example corpus lacks
  local w = assert(S.open(fx.db, { write = true }))
  w:exec([[INSERT INTO figures(doc, seq, text, value, unit, subject, sentence, block)
    VALUES (1, 9001, '12 CHI BỘ', 12, 'CHI BỘ', 'ĐẢNG BỘ Xã', 'Năm 2025 có 12 CHI BỘ.', 0),
           (1, 9002, '7', 7, '', 'đảng viên', 'Số 20250 và 7.', 3),
           (2, 9003, '5 %', 5, '%', NULL, NULL, NULL)]])
  w:exec([[INSERT INTO people(doc, seq, name, titles, mentions)
    VALUES (2, 9001, 'Trần Thị "Bé"', '["Phó Bí thư \"Đảng\" ủy","a\\b"]', 2),
           (3, 9002, 'NGUYỄN VĂN AN', '[]', 1)]])
  w:exec([[INSERT INTO refs(doc, seq, text, kind, number, date, issuer)
    VALUES (1, 9001, 'QUYẾT ĐỊNH 5/QĐ', 'QUYẾT ĐỊNH', '5/QĐ', '2024-01-02', 'UBND')]])
  w:close()
end
local c = assert(require("corpus").open(fx.db))

local function fold(s) return core.fold(s) end
local function has(v, want)
  if want == nil then return true end
  if v == nil then return false end
  if type(want) == "function" then return want(v) end
  return fold(v):find(fold(tostring(want)), 1, true) ~= nil
end

-- The reference: every row of a fact table with its document's date.
local function all(tbl, cols)
  return c:sql("SELECT f.doc AS rowid, substr(d.published, 1, 10) AS date, " .. cols ..
    " FROM " .. tbl .. " f JOIN documents d ON d.id = f.doc ORDER BY f.doc, f.seq")
end

local function ref_figures(o)
  local out = {}
  local year = o.year and ("%f[%d]" .. tostring(o.year) .. "%f[%D]")
  for _, r in ipairs(all("figures", "f.subject, f.value, f.unit, f.text, f.qualifier, " ..
      "f.sentence, f.of, f.base, f.base_unit, f.block")) do
    if (has(r.subject, o.subject) or has(r.unit, o.subject)) and has(r.unit, o.unit)
        and has(r.sentence, o.text) and (not year or (r.sentence and r.sentence:find(year)))
        and (o.value == nil or (type(o.value) == "function" and o.value(r.value))
          or r.value == o.value)
        and (not o.ids or o.ids[r.rowid]) then
      r.block = math.type(r.block) == "integer" and r.block >= 0 and r.block + 1 or nil
      out[#out + 1] = r
    end
  end
  return out
end

local FIG = { "rowid", "date", "subject", "value", "unit", "text", "qualifier", "sentence",
  "of", "base", "base_unit", "block" }

-- Rows of frame f as plain tables of cols (reading each column).
local function plain(f, cols)
  local out = {}
  for i, r in ipairs(f) do
    local p = {}
    for _, k in ipairs(cols) do p[k] = r[k] end
    out[i] = p
  end
  return out
end

check.test("figures: the same rows as the reference", function()
  local cases = {
    { unit = "%" }, { unit = "CHI bo" }, { subject = "đảng bộ" }, { subject = "chi bộ" },
    { text = "nam 2025" }, { year = 2025 }, { year = "2025", unit = "%" }, { value = 224 },
    { value = 12.0 }, { value = "12" }, { value = function(v) return v > 100 end },
    { subject = function(s) return #s > 20 end }, { unit = "" }, { subject = "" },
    { unit = "%", doc = 1 }, { unit = "zzz" }, { text = "%" }, {},
  }
  for i, o in ipairs(cases) do
    local opts, ref = {}, {}
    for k, v in pairs(o) do opts[k] = v; ref[k] = v end
    if o.doc then ref.doc = nil; ref.ids = { [o.doc] = true } end
    check.eq(plain(c:figures(opts), FIG), plain(ref_figures(ref), FIG), "figures case " .. i)
  end
  check.ok(#c:figures{ unit = "%" } > 0 and #c:figures{ unit = "CHI bo" } > 0, "cases not empty")
end)

check.test("people, refs, places, periods, quotes: the same rows", function()
  local people = all("people", "f.name, f.titles, f.mentions")
  local function ref_people(o)
    local out = {}
    for _, r in ipairs(people) do
      if has(r.name, o.name) then
        local ok, titles = pcall(json.decode, r.titles or "")
        if not ok or type(titles) ~= "table" then titles = {} end
        if #titles == 0 then titles = { false } end
        for _, t in ipairs(titles) do
          local title = type(t) == "string" and t or nil
          if o.title == nil or has(title, o.title) then
            out[#out + 1] = { rowid = r.rowid, date = r.date, name = r.name, title = title,
              mentions = r.mentions }
          end
        end
      end
    end
    return out
  end
  local PC = { "name", "title", "date", "rowid", "mentions" }
  for i, o in ipairs({ {}, { name = "nguyen" }, { title = "bí thư" }, { title = 'Thư "Đảng' },
      { title = "a\\b" }, { title = "\\" }, { title = "BI THU", name = "tran" },
      { title = function(t) return #t < 12 end } }) do
    check.eq(plain(c:people(o), PC), plain(ref_people(o), PC), "people case " .. i)
  end
  check.ok(#c:people{ title = 'Thư "Đảng' } == 1, "a title with a quote is found")

  local function ref_simple(tbl, cols, o, tests)
    local out = {}
    for _, r in ipairs(all(tbl, cols)) do
      local ok = true
      for k, field in pairs(tests) do if not has(r[field], o[k]) then ok = false end end
      if ok then out[#out + 1] = r end
    end
    return out
  end
  local RC = { "rowid", "date", "kind", "number", "ref_date", "issuer", "text" }
  for i, o in ipairs({ {}, { kind = "quyet dinh" }, { issuer = "ubnd" }, { number = "5/qđ" },
      { text = "QUYẾT" }, { kind = "Nghị quyết", number = "20" } }) do
    check.eq(plain(c:refs(o), RC), plain(ref_simple("refs",
      "f.kind, f.number, f.date AS ref_date, f.issuer, f.text", o,
      { kind = "kind", issuer = "issuer", number = "number", text = "text" }), RC),
      "refs case " .. i)
  end
  local PL = { "rowid", "date", "name", "kind", "mentions" }
  for i, o in ipairs({ {}, { name = "mong cai" }, { kind = "THÀNH PHỐ" }, { name = "Hạ", kind = "" } }) do
    check.eq(plain(c:places(o), PL), plain(ref_simple("places", "f.name, f.kind, f.mentions", o,
      { name = "name", kind = "kind" }), PL), "places case " .. i)
  end
  local PE = { "rowid", "date", "text", "kind", "from", "to" }
  for i, o in ipairs({ {}, { kind = "nhiem ky" }, { text = "2025" } }) do
    local ref = ref_simple("periods", 'f.text, f.kind, f.from_year AS "from", f.to_year AS "to"',
      o, { kind = "kind", text = "text" })
    for _, r in ipairs(ref) do
      if r.from == 0 then r.from = nil end
      if r.to == 0 then r.to = nil end
    end
    check.eq(plain(c:periods(o), PE), plain(ref, PE), "periods case " .. i)
  end
  local QC = { "rowid", "date", "text" }
  for i, o in ipairs({ {}, { text = "phat trien" } }) do
    check.eq(plain(c:quotes(o), QC), plain(ref_simple("quotes", "f.text", o, { text = "text" }), QC),
      "quotes case " .. i)
  end
end)

check.test("function filters run on the rows SQL kept", function()
  local calls = 0
  local f = c:figures{ unit = "%", subject = function() calls = calls + 1; return true end }
  local pct = 0
  for _, r in ipairs(c:figures()) do if r.unit and r.unit:find("%", 1, true) then pct = pct + 1 end end
  check.ok(pct > 0 and pct < #c:figures(), "some figures are %")
  check.eq(#f, pct, "every % figure kept")
  check.ok(calls <= 2 * pct, "the predicate saw the % figures only (" .. calls .. " calls, " ..
    pct .. " % figures, " .. #c:figures() .. " figures)")
end)

check.test("the figure sentence is read on demand", function()
  local f = c:figures{ unit = "%" }
  check.ok(#f > 2, "figures")
  check.eq(rawget(f[1], "sentence"), nil, "not read with the rows")
  check.eq(rawget(f[2], "sentence"), nil, "not read with the rows (2)")
  local stored = c:sql("SELECT sentence FROM figures WHERE doc = ? AND sentence IS NOT NULL " ..
    "ORDER BY seq", { f[2].rowid })
  check.ok(type(f[2].sentence) == "string", "read on first use")
  check.ok(rawget(f[1], "sentence") ~= nil, "then present in every row")
  check.eq(getmetatable(f[1]), nil, "and the rows are plain tables again")
  local seen = false
  for _, r in ipairs(stored) do if r.sentence == f[2].sentence then seen = true end end
  check.ok(seen, "the stored sentence")
  local g = c:figures{ unit = "%" }
  local keys = {}
  for k in pairs(g[1]) do keys[k] = true end
  check.ok(keys.sentence, "pairs() reads it too")
  local e = c:figures{ unit = "%", sentence = true }
  check.ok(rawget(e[1], "sentence") ~= nil, "{sentence = true} reads it with the rows")
  check.eq(getmetatable(e[1]), nil, "plain rows then")
  check.raises(function() c:figures{ sentence = 1 } end, "sentence: boolean expected")
end)

check.test("frame columns come from the fact schema", function()
  local method = { figure = "figures", person = "people", ref = "refs", place = "places",
    period = "periods", quote = "quotes" }
  local n = 0
  for _, k in ipairs(S.fact_schema()) do
    local m = method[k.kind]
    if m then
      local cols = {}
      for _, name in ipairs(c[m](c):columns()) do cols[name] = true end
      for _, col in ipairs(k.columns) do
        local name = col.field
        if name == "date" then name = k.kind .. "_date" end
        if m == "people" and name == "titles" then name = "title" end
        check.ok(cols[name], m .. " has the schema field " .. col.field)
        n = n + 1
      end
    end
  end
  check.ok(n > 20, "fields checked: " .. n)
end)

fx.cleanup()
check.done()
