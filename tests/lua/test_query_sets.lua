-- Test plan: the match-set object (corpus.query) on the example corpus,
-- fed with match records built without the pattern engine
-- (tests/lua/lib/match_rows.lua: whole-word occurrences of "phát triển"
-- in the content blocks), every expected value recomputed here from the
-- blocks' own text or from SQL:
--  * #m, m[i], ipairs; m:head; m:ids in first-match order;
--  * m:sort{"right", n} / {"left", n} / {"match"} / {"date"}: keys in
--    order (recomputed by a plain scan of the block's words), sorting is
--    a permutation, and sort-then-cut keeps the overall first key;
--  * m:sample: deterministic for a seed, a subset in the set's order, all
--    when n >= #m, another seed draws another sample;
--  * m:count by match, left1, right1, year, site, place: counts and docs
--    recomputed; shares; the frame sorted;
--  * m:docs() a result set of the documents; m:frame() and export (CSV
--    rows); set operations on positions; save / corpus:saved / drop;
--  * inside --sandbox m:save returns nil, msg;
--  * misuse raises "bad argument"; corpus:query refuses a non-string.
local check = dofile("tests/lua/lib/check.lua")
local fx = dofile("tests/lua/lib/corpus_fixture.lua")
local mr = dofile("tests/lua/lib/match_rows.lua")
local query = require("corpus.query")
local results = require("corpus.results")
local display = require("tinsh.display")
local tcore = require("tinsh.core")

local c = fx.open()
local PHRASE = "phát triển"
local rows = mr.rows(c, PHRASE)
local texts = mr.blocks(c)
local function new_set() return query.make(c, PHRASE, mr.rows(c, PHRASE)) end
local m = new_set()

local function key_of(r) return r.rowid .. ":" .. r.seq .. ":" .. r.s .. ":" .. r.e end
local function keys(set)
  local out = {}
  for i, r in ipairs(set) do out[i] = key_of(r) end
  return out
end
local function around(r) return mr.around(texts[r.rowid .. ":" .. r.seq], r.s, r.e) end

check.test("length, indexing, head, ids", function()
  check.ok(#rows >= 20, "enough matches to test with")
  check.eq(#m, #rows, "#m")
  local n = 0
  for i, r in ipairs(m) do n = n + 1; check.eq(key_of(r), key_of(rows[i]), "m[" .. i .. "]") end
  check.eq(n, #rows, "ipairs")
  check.eq(#m:head(5), 5, "head(5)")
  check.eq(keys(m:head(5)), { table.unpack(keys(m), 1, 5) }, "head keeps order")
  check.eq(#m:head(10 ^ 6), #m, "head past the end")
  local ids, seen = {}, {}
  for _, r in ipairs(rows) do if not seen[r.rowid] then seen[r.rowid] = true; ids[#ids + 1] = r.rowid end end
  check.eq(m:ids(), ids, "ids")
  check.contains(tostring(m), #rows .. " matches in " .. #ids .. " documents", "header")
end)

-- is the list of keys in order (collation of display.collate_key)?
local function in_order(list)
  for i = 2, #list do
    if display.collate_key(list[i - 1]) > display.collate_key(list[i]) then return false, i end
  end
  return true
end

check.test("sort by right, left, match, date", function()
  for _, side in ipairs({ "right", "left" }) do
    for _, n in ipairs({ 1, 2 }) do
      local s = m:sort{ side, n }
      check.eq(#s, #m, side .. n .. ": same size")
      local ks = {}
      for i, r in ipairs(s) do
        local before, after = around(r)
        local list = side == "right" and after or before
        ks[i] = table.concat(list, " ", 1, math.min(n, #list))
      end
      local ok, at = in_order(ks)
      check.ok(ok, side .. n .. " keys in order (break at " .. tostring(at) .. ")")
      local a, b = keys(s), keys(m)
      table.sort(a); table.sort(b)
      check.eq(a, b, side .. n .. ": a permutation")
    end
  end
  -- sort, then cut: the first of the cut set holds the smallest key of all
  local all = {}
  for i, r in ipairs(m) do local _, after = around(r); all[i] = after[1] or "" end
  table.sort(all, function(x, y) return display.collate_key(x) < display.collate_key(y) end)
  local top = m:sort{ "right", 1 }:head(5)
  local _, after = around(top[1])
  check.eq(after[1] or "", all[1], "sort before the cut")
  check.eq(keys(m:sort("right"):head(3)), keys(m:sort{ "right", 1 }:head(3)), "'right' = {'right', 1}")
  local byd = m:sort{ "date" }
  local dates = {}
  for _, r in ipairs(c:sql("SELECT id, published FROM documents")) do dates[r.id] = r.published or "~" end
  for i = 2, #byd do
    check.ok(dates[byd[i - 1].rowid] <= dates[byd[i].rowid], "date order at " .. i)
  end
  local bym = m:sort{ "match" }
  local mt = {}
  for i, r in ipairs(bym) do mt[i] = tcore.lower(r.text) end
  check.ok(in_order(mt), "match order")
  check.eq(keys(m), keys(new_set()), "the receiver is unchanged")
end)

check.test("sample", function()
  local a, b = m:sample(7, { seed = 42 }), m:sample(7, { seed = 42 })
  check.eq(#a, 7, "size")
  check.eq(keys(a), keys(b), "same seed, same sample")
  check.eq(keys(m:sample(7)), keys(m:sample(7, { seed = 1 })), "default seed 1")
  local pos = {}
  for i, r in ipairs(m) do pos[key_of(r)] = i end
  local last = 0
  for _, r in ipairs(a) do
    check.ok(pos[key_of(r)] and pos[key_of(r)] > last, "a subset, in the set's order")
    last = pos[key_of(r)] or last
  end
  check.eq(keys(m:sample(#m + 5)), keys(m), "n >= #m: all")
  local differ = false
  for s = 2, 6 do
    if table.concat(keys(m:sample(7, { seed = s })), ",") ~= table.concat(keys(a), ",") then differ = true end
  end
  check.ok(differ, "other seeds draw other samples")
  check.eq(#m:sample(0), 0, "sample(0)")
end)

-- expected count frame rows {key = {count, docs}} from a key function
local function expect(keyf)
  local out = {}
  for _, r in ipairs(rows) do
    for _, k in ipairs(keyf(r)) do
      local e = out[k] or { 0, {} }
      out[k] = e
      e[1] = e[1] + 1
      e[2][r.rowid] = true
    end
  end
  for k, e in pairs(out) do
    local n = 0
    for _ in pairs(e[2]) do n = n + 1 end
    out[k] = { e[1], n }
  end
  return out
end

local function same_counts(f, want, what)
  local got = {}
  for _, r in ipairs(f) do got[r.key] = { r.count, r.docs } end
  check.eq(got, want, what)
  for i = 2, #f do check.ok(f[i - 1].count >= f[i].count, what .. ": most frequent first") end
  for _, r in ipairs(f) do
    check.near(r.share, math.floor(r.count / #rows * 10000 + 0.5) / 10000, 1e-9, what .. " share")
  end
end

check.test("count", function()
  same_counts(m:count(), expect(function(r) return { tcore.lower(r.text) } end), "by match")
  same_counts(m:count{ by = "right1" }, expect(function(r)
    local _, after = around(r); return { after[1] or "(end)" } end), "by right1")
  same_counts(m:count{ by = "left1" }, expect(function(r)
    local before = around(r); return { before[1] or "(start)" } end), "by left1")
  local pub, site = {}, {}
  for _, d in ipairs(c:sql("SELECT id, published, site FROM documents")) do
    pub[d.id] = d.published and d.published:sub(1, 4) or "undated"
    site[d.id] = d.site or "(no site)"
  end
  same_counts(m:count{ by = "year" }, expect(function(r) return { pub[r.rowid] } end), "by year")
  same_counts(m:count{ by = "site" }, expect(function(r) return { site[r.rowid] } end), "by site")
  local places = {}
  for _, p in ipairs(c:sql("SELECT DISTINCT doc, name FROM places")) do
    places[p.doc] = places[p.doc] or {}
    table.insert(places[p.doc], p.name)
  end
  same_counts(m:count{ by = "place" }, expect(function(r) return places[r.rowid] or { "(no place)" } end),
    "by place")
  check.eq(m:count{ by = "year" }:columns(), { "key", "count", "docs", "share" }, "columns")
  -- by match: the most frequent written form of each folded key
  local written = {}
  for _, r in ipairs(m) do
    local k = tcore.lower(r.text)
    written[k] = written[k] or {}
    written[k][r.text] = (written[k][r.text] or 0) + 1
  end
  local byform = m:count()
  check.eq(byform:columns(), { "key", "form", "count", "docs", "share" }, "match columns")
  for _, r in ipairs(byform) do
    local best = 0
    for _, n in pairs(written[r.key]) do best = math.max(best, n) end
    check.eq(written[r.key][r.form], best, "form of " .. r.key .. " is its most frequent")
  end
end)

check.test("docs, frame, export", function()
  local rs = m:docs()
  check.ok(results.is(rs), "a result set")
  check.eq(rs:ids(), m:ids(), "its documents")
  local n = {}
  for _, r in ipairs(rows) do n[r.rowid] = (n[r.rowid] or 0) + 1 end
  for _, h in ipairs(rs) do check.eq(h.score, n[h.rowid], "score = matches of #" .. h.rowid) end
  local f = m:frame()
  check.eq(#f, #m, "frame rows")
  check.eq(f:columns(), { "rowid", "date", "kind", "seq", "s", "e", "text", "w" }, "frame columns")
  check.eq(f[1].w, rows[1].text, "part column")
  local path = fx.build():gsub("[^/]*$", "") .. "m.csv"
  check.ok(m:export(path), "export")
  local lines = 0
  for _ in io.lines(path) do lines = lines + 1 end
  check.eq(lines, #m + 1, "CSV: header + one line per match")
end)

check.test("kwic of a match set", function()
  local s = m:sort{ "right", 1 }:head(5)
  local k = s:kwic{ words = 3 }
  check.eq(#k, 5, "a line per match")
  for i, l in ipairs(k) do
    check.eq({ l.rowid, l.s, l.e }, { s[i].rowid, s[i].s, s[i].e }, "line " .. i .. " in the set's order")
    check.eq(l.match, s[i].text, "match text " .. i)
    local before, after = around(s[i])
    local rw, lw = {}, {}
    for w in l.right:gmatch("%S+") do rw[#rw + 1] = w end
    check.ok(#rw <= 3 * 4 + 3, "right context cut to 3 words (up to 4 syllables each, punctuation)")
    check.eq(tcore.lower(l.right):find(after[1] or "", 1, true) ~= nil, true, "right word " .. i)
    check.eq(tcore.lower(l.left):find(before[1] or "", 1, true) ~= nil, true, "left word " .. i)
  end
  local narrow, wide = k:render{ width = 50 }, k:render{ width = 120 }
  check.ok(narrow ~= wide, "another width renders again")
  for line in narrow:gmatch("[^\n]+") do check.ok(display.width(line) <= 50, "fits 50 columns") end
  check.eq(#m:kwic(), #m, "every match, default words = 5")
end)

check.test("set operations on positions", function()
  local a, b = m:head(20), m:sample(15, { seed = 3 })
  local inb = {}
  for _, r in ipairs(b) do inb[key_of(r)] = true end
  local both, only = 0, 0
  for _, r in ipairs(a) do if inb[key_of(r)] then both = both + 1 else only = only + 1 end end
  check.eq(#(a * b), both, "intersect")
  check.eq(#(a - b), only, "minus")
  check.eq(#(a + b), #a + #b - both, "union")
  check.eq(#(a + a), #a, "union with itself")
  local u = a + b
  for i = 2, #u do check.ok(query.before(u[i - 1], u[i]), "union in document order") end
  check.eq(#(m - m), 0, "m - m")
  check.ok(query.is(a * b), "a match set")
  check.raises(function() return a + 1 end, "match set expected")
  check.raises(function() return a:union(c:search("phát triển")) end, "match set expected")
end)

check.test("save and reload", function()
  local s = m:sample(9, { seed = 5 })
  check.ok(s:save("ms_test"), "saved")
  local back = c:saved("ms_test")
  check.ok(query.is(back), "reloaded as a match set")
  check.eq(keys(back), keys(s), "same matches")
  check.eq(back[1].parts.w.text, s[1].parts.w.text, "parts kept")
  check.eq(back[1].tokens, s[1].tokens, "tokens kept")
  check.eq(back.pattern, PHRASE, "pattern kept")
  local listed = c:saved():where{ name = "ms_test" }
  check.eq(#listed, 1, "listed")
  check.eq(listed[1].n, 9, "n = matches")
  check.ok(query.make(c, "empty", {}):save("ms_empty"), "an empty set saves")
  check.eq(#c:saved("ms_empty"), 0, "and reloads empty")
  check.ok(query.is(c:saved("ms_empty")), "as a match set")
  check.ok(results.is(c:search("phát triển"):save("rs_test")), "a result set still saves")
  check.ok(results.is(c:saved("rs_test")), "and reloads as a result set")
  check.ok(c:drop("ms_test"), "drop")
  check.eq(c:saved("ms_test"), nil, "gone")
  check.raises(function() s:save(1) end, "bad argument #1 to 'save'")
end)

check.test("sandbox: saving refused, trend and dispersion work", function()
  local out = fx.run("--db " .. fx.quote(fx.db) .. " --sandbox -e " .. fx.quote([[
    local q = require("corpus.query")
    local m = q.make(corpus, "x", {})
    print(m:save("x"))
    print(#corpus:trend("phát triển") > 0)
    print(q.make(corpus, "x", {}):dispersion():save_svg("/tmp/never-written.svg"))
  ]]))
  check.contains(out, "nil\tcannot save match set: the corpus is read-only in --sandbox", "save refused")
  check.contains(out, "true\n", "trend in the sandbox")
  check.match(out, "\nnil\t[^\n]+", "save_svg outside the output folder: nil, msg")
end)

check.test("show and print", function()
  local out = fx.run("--db " .. fx.quote(fx.db) .. " -e " .. fx.quote([[
    local m = corpus:query('"phát triển"')
    m:head(2):show()
    m:dispersion():show{ width = 50 }
    print(m:corpus() == corpus)
  ]]))
  check.match(out, "query '\"phát triển\"': 2 matches in 1 document\nrowid", "m:show: header and table")
  check.contains(out, "(2 rows)", "the two matches")
  check.match(out, "\n#1 +▕[·│┃]+▏ *%d+\n", "d:show: a track")
  check.contains(out, "true\n", "m:corpus()")
end)

check.test("misuse", function()
  check.raises(function() c:query(42) end, "bad argument #1 to 'query' (pattern string expected")
  check.raises(function() c:query("x", { bogus = 1 }) end, "bad argument #2 to 'query'")
  check.raises(function() m:sort{ "sideways" } end, "bad argument #1 to 'sort'")
  check.raises(function() m:sort{ "right", 0 } end, "bad argument #1 to 'sort'")
  check.raises(function() m:sample("x") end, "bad argument #1 to 'sample'")
  check.raises(function() m:sample(3, { seed = "x" }) end, "bad argument #2 to 'sample'")
  check.raises(function() m:count{ by = "colour" } end, "bad argument #1 to 'count'")
  check.raises(function() m:head(-1) end, "bad argument #1 to 'head'")
end)

fx.cleanup()
check.done()
