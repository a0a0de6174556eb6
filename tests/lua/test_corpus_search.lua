-- Test plan: searching the example corpus and working with result sets
-- and concordances. corpus:search (ranked hits with snippets and offsets,
-- accent-smart plain queries, phrases, raw FTS5 syntax and its errors,
-- limit, document filters), result sets (#rs, rs[i], ids, doc, docs,
-- filter by predicate and by document filter, union / intersect / minus
-- and their operators, saving by name, reloading, listing, dropping,
-- frame forms, tostring), corpus:kwic (aligned by display width,
-- re-rendering at another width without searching, block kinds, sorting,
-- limit, filters, result sets and documents as scope).
local check = dofile("tests/lua/lib/check.lua")
local fx = dofile("tests/lua/lib/corpus_fixture.lua")
local frame = require("frame")
local display = require("tinsh.display")

local c = fx.open()

-- what fn prints on io.stdout
local function capture(fn, ...)
  local tmp = os.tmpname()
  local saved = io.stdout
  io.stdout = io.open(tmp, "w")
  local ok, err = pcall(fn, ...)
  io.stdout:close()
  io.stdout = saved
  local f = io.open(tmp); local out = f:read("a"); f:close(); os.remove(tmp)
  if not ok then error(err, 2) end
  return out
end

check.test("search", function()
  local rs = c:search("mong cai")
  check.eq(getmetatable(rs).__name, "corpus.results", "__name")
  check.eq(#rs, 4, "4 documents mention Móng Cái")
  check.eq(rs[1].rank, 1, "ranked")
  check.eq(rs[1].relevance, 1, "best hit has relevance 1")
  for i = 2, #rs do check.ok(rs[i].relevance <= rs[i - 1].relevance, "relevance decreases") end
  check.contains(rs[1].snippet, "«Móng Cái»", "snippet marks the match")
  check.match(rs[1].offsets, "^%d+ %d+ %d+", "offsets")
  check.eq(#c:search("Móng Cái"), 4, "with diacritics")
  check.eq(#c:search("móng cái"), 4, "case-insensitive")
  check.eq(#c:search('"Cẩm Phả"'), 1, "phrase")
  check.eq(#c:search("zzzzqqq"), 0, "no hit")
  check.eq(#c:search("mong cai", { limit = 2 }), 2, "limit")
  check.eq(#c:search("mong cai", { filter = { year = 2024 } }), 1, "filter")
  check.eq(#c:search("cẩm OR kkt", { raw = true }), #(c:search("cẩm") + c:search("kkt")),
    "raw FTS5 syntax")
  local bad, msg = c:search('"unbalanced', { raw = true })
  check.eq(bad, nil, "raw syntax error fails")
  check.ok(type(msg) == "string", "with a message")
  check.eq(#c:search('"unbalanced'), 0, "plain queries never fail")
  check.raises(function() c:search(42) end, "query string expected")
end)

check.test("result sets", function()
  local a = c:search("mong cai")
  local b = c:search("kinh tế")
  check.eq(a:ids(), { a[1].rowid, a[2].rowid, a[3].rowid, a[4].rowid }, "ids")
  check.eq(a:doc(1).rowid, a[1].rowid, "doc(i)")
  check.eq(a:doc(99), nil, "doc out of range")
  local n = 0
  for d in a:docs() do
    n = n + 1
    check.eq(d.rowid, a[n].rowid, "docs() in rank order")
  end
  check.eq(n, 4)
  local m = 0
  for d in c:docs(a) do m = m + 1; check.eq(d.rowid, a[m].rowid, "corpus:docs(rs)") end
  check.eq(m, 4)
  local f = a:filter(function(h) return h.rowid ~= 1 end)
  check.eq(#f, 3, "filter by predicate")
  check.eq(f[1].rank, 1, "renumbered")
  check.eq(#a, 4, "receiver unchanged")
  check.eq(#a:filter{ year = 2024 }, 1, "filter by document filter")
  local cam = c:search("Cẩm Phả")
  local u = a:union(cam)
  check.eq(#u, 5, "union")
  check.eq(#(a + cam), 5, "+")
  check.eq(#a:intersect(b), #b:intersect(a), "intersect is symmetric in size")
  check.eq(#(a * cam), 0, "*")
  check.eq(#(u - a), 1, "minus")
  check.eq((u - a)[1].rowid, cam[1].rowid)
  check.raises(function() a:union({}) end, "result set expected")
  local fr = a:frame()
  check.ok(frame.is(fr), "frame()")
  check.eq(fr:columns(), { "rank", "rowid", "date", "title", "relevance", "snippet" })
  check.eq(#a:where(function(h) return h.rowid == 2 end), 1, "frame methods on sets")
  check.eq(#a:top(2), 2, "top")
  check.match(tostring(a), '^search "mong cai": 4 hits\n', "tostring header")
  local shown = capture(a.show, a)
  check.match(shown, '^search "mong cai": 4 hits\nrank', "show prints header and table")
  check.contains(shown, "(4 rows)")
  check.contains(tostring(a), "(4 rows)")
  local names = getmetatable(a).__complete()
  local set = {}
  for _, x in ipairs(names) do set[x] = true end
  check.ok(set.union and set.save and set.kwic, "completion names")
end)

check.test("saved sets", function()
  local a = c:search("mong cai")
  check.eq(a:save("mc"), a, "save")
  check.eq(a.name, "mc")
  local back = assert(c:saved("mc"))
  check.eq(#back, 4, "reloaded")
  check.eq(back.query, "mong cai")
  check.eq(back:ids(), a:ids(), "same hits, same order")
  check.eq(back[1].snippet, a[1].snippet, "snippets kept")
  local again = require("corpus").open(fx.db) -- another handle sees it
  check.eq(#again:saved("mc"), 4, "persisted in the database")
  local list = c:saved()
  check.eq(list[1].name, "mc", "saved()")
  check.eq(list[1].n, 4)
  a:filter{ year = 2024 }:save("mc")
  check.eq(#c:saved("mc"), 1, "saving again replaces")
  check.eq(c:drop("mc"), true, "drop")
  local none, msg = c:saved("mc")
  check.eq(none, nil, "gone")
  check.contains(msg, "no saved result set")
  local ok, err = c:drop("mc")
  check.eq(ok, nil, "drop of a missing set")
  check.raises(function() a:save("") end, "name expected")
end)

check.test("kwic", function()
  local k = c:kwic("phát triển", { width = 80 })
  check.eq(getmetatable(k).__name, "corpus.kwic", "__name")
  check.ok(#k > 20, "many lines")
  for _, l in ipairs(k) do
    check.eq(require("tinsh.core").fold(l.match), "phat trien", "match is the phrase")
    check.ok(l.rowid and l.kind and l.block, "line fields")
  end
  local text = k:render()
  local col
  for line in text:gmatch("[^\n]+") do
    if line:find("^#") then
      check.ok(display.width(line) <= 80, "fits the width: " .. line)
      local s = line:find("[Pp]hát triển")
      local before = display.width(line:sub(1, s - 1))
      col = col or before
      check.eq(before, col, "matches aligned by display width")
    end
  end
  local wide = k:render{ width = 140 }
  check.ok(#wide > #text, "another width re-renders")
  check.eq(#k, select(2, wide:gsub("\n#", "")) + 1, "same lines")
  local mc = c:kwic("mong cai", { width = 80 })
  check.ok(#mc > 20, "accent-smart")
  check.eq(#c:kwic("phát triển", { kinds = { "title" } }), 1, "kinds: the title only")
  local ans = c:kwic("phát triển", { kinds = { "answer" } })
  for _, l in ipairs(ans) do check.eq(l.kind, "answer") end
  check.raises(function() c:kwic("x", { kinds = { "bogus" } }) end, "unknown block kind")
  local r = c:kwic("phát triển", { sort = "right" })
  local core = require("tinsh.core")
  for i = 2, #r do
    local a, b = core.fold(r[i - 1].right), core.fold(r[i].right)
    if a:match("^[%w ]") and b:match("^[%w ]") then
      check.ok((a:match("[%w]+") or "") <= (b:match("[%w]+") or ""), "sorted by right context")
    end
  end
  local l = c:kwic("phát triển", { sort = "left" })
  check.eq(#l, #r, "sort left")
  local d = c:kwic("phát triển", { sort = "date" })
  check.eq(d[1].date, "2020-07-23", "sort date: dated first")
  check.eq(#c:kwic("phát triển", { limit = 5 }), 5, "limit")
  check.eq(#c:kwic("phát triển", { filter = { year = 2024 } }), #c:get(2):kwic("phát triển"), "filter = one document")
  local rs = c:search("Cẩm Phả")
  check.eq(#rs:kwic("phát triển"), #c:get(rs[1].rowid):kwic("phát triển"), "result set scope")
  check.eq(#c:kwic("zzzqqq"), 0, "no match")
  check.eq(#c:kwic("!!!"), 0, "no word")
  check.ok(frame.is(k:frame()), "frame()")
  check.ok(#k:docs() == 5, "docs(): documents with matches")
  check.contains(tostring(k), 'lines of "phát triển"', "tostring")
  check.eq(capture(k.show, k, { width = 70, limit = 3 }), k:render{ width = 70, limit = 3 } .. "\n",
    "show prints the rendering")
  check.raises(function() k:sort("up") end, "'left', 'right'")
  local fit_left = require("corpus.kwic").fit_left
  for _, s in ipairs({ "Móng Cái phát triển", "abc", "Mo\u{301}ng Ca\u{301}i rất đẹp", "中文字符很宽的" }) do
    for w = 0, 12 do
      check.eq(fit_left(s, w), display.truncate_left(s, w), "fit_left " .. s .. " " .. w)
    end
  end
end)

fx.cleanup()
return check.done()
