-- Test plan: how a concordance is cut and built (issues 18, 20). On the
-- example corpus: {sort = ..., limit = n} sorts every match and then
-- keeps the first n (the same lines as the full sorted list's first n);
-- {sample = n, seed = s} keeps n of the lines, the same ones for the same
-- seed, all of them real lines; every line's s..e are the bytes of its
-- match in the block text (read here straight from the blocks view);
-- kwic.from_matches builds the same lines from matches found elsewhere
-- (offsets found here with tinsh.store.find, not by kwic), with {words =
-- n} the same contexts as corpus:kwic's; bad rows are refused.
local check = dofile("tests/lua/lib/check.lua")
local fx = dofile("tests/lua/lib/corpus_fixture.lua")
local S = require("tinsh.store")
local K = require("corpus.kwic")

local c = fx.open()

-- the block texts, straight from the view
local texts = {}
for _, r in ipairs(c:sql("SELECT doc, seq, kind, text FROM blocks")) do
  texts[r.doc .. ":" .. r.seq] = r
end
local function key(l) return l.rowid .. ":" .. (l.block - 1) end
local function same(a, b, msg)
  check.eq({ a.rowid, a.block, a.s, a.e, a.left, a.match, a.right },
    { b.rowid, b.block, b.s, b.e, b.left, b.match, b.right }, msg)
end

check.test("sort before limit", function()
  for _, how in ipairs({ "right", "left", "date" }) do
    local all = c:kwic("phát triển", { sort = how })
    local cut = c:kwic("phát triển", { sort = how, limit = 5 })
    check.eq(#cut, 5, how .. ": five lines")
    for i = 1, 5 do same(cut[i], all[i], how .. " line " .. i) end
  end
  check.raises(function() c:kwic("x", { sort = "up" }) end, "bad argument #2 to 'kwic' %(sort")
end)

check.test("sample", function()
  local all = c:kwic("phát triển")
  local seen = {}
  for _, l in ipairs(all) do seen[key(l) .. ":" .. l.s] = true end
  local a = c:kwic("phát triển", { sample = 7, seed = 3 })
  local b = c:kwic("phát triển", { sample = 7, seed = 3 })
  check.eq(#a, 7, "seven lines")
  local distinct = {}
  for i = 1, 7 do
    same(a[i], b[i], "same seed, same line " .. i)
    check.ok(seen[key(a[i]) .. ":" .. a[i].s], "a real line")
    distinct[key(a[i]) .. ":" .. a[i].s] = true
  end
  local nd = 0
  for _ in pairs(distinct) do nd = nd + 1 end
  check.eq(nd, 7, "no line twice")
  check.eq(#c:kwic("phát triển", { sample = 1000 }), #all, "a sample larger than the lines")
  check.eq(#c:kwic("phát triển", { sample = 7, limit = 2 }), 2, "limit after sample")
end)

check.test("offsets are the match", function()
  for _, q in ipairs({ "phát triển", "Móng Cái", "kinh tế", "đồng" }) do
    local k = c:kwic(q)
    check.ok(#k > 0, q .. " found")
    for _, l in ipairs(k) do
      local t = texts[key(l)].text
      check.eq(t:sub(l.s, l.e):gsub("%s+", " "), l.match, q .. ": match at s..e")
    end
  end
end)

-- the whole-word matches of q found here: S.find over each block, kept
-- where kwic has a line at the same place
local function matches_of(q, k)
  local at = {}
  for _, l in ipairs(k) do at[key(l) .. ":" .. l.s] = true end
  local rows = {}
  for _, r in ipairs(c:sql("SELECT doc, seq, kind, text FROM blocks ORDER BY doc, seq")) do
    local p = S.find(r.text, q)
    for i = 1, #p, 2 do
      if at[r.doc .. ":" .. r.seq .. ":" .. p[i]] then
        rows[#rows + 1] = { rowid = r.doc, seq = r.seq, kind = r.kind, s = p[i], e = p[i + 1] }
      end
    end
  end
  return rows
end

check.test("from_matches", function()
  for _, words in ipairs({ false, 3 }) do
    local k = c:kwic("phát triển", { words = words or nil })
    local rows = matches_of("phát triển", k)
    check.eq(#rows, #k, "every line found again")
    local f = K.from_matches(c, rows, { words = words or nil, query = "phát triển" })
    check.eq(getmetatable(f).__name, "corpus.kwic", "a concordance")
    check.eq(#f, #k, "as many lines")
    for i = 1, #k do same(f[i], k[i], "line " .. i) end
    check.eq(f[1].title, k[1].title, "title")
    check.eq(f[1].date, k[1].date, "date")
  end
  local rows = matches_of("Móng Cái", c:kwic("Móng Cái"))
  check.eq(#K.from_matches(c, rows, { limit = 2 }), 2, "limit")
  check.contains(K.from_matches(c, rows, { query = "Móng Cái" }):render{ width = 80 }, "Móng Cái",
    "renders")
  check.eq(#K.from_matches(c, {}), 0, "no rows")
  check.eq(#K.from_matches(c, { { rowid = 99999, seq = 0, s = 1, e = 2 } }), 0, "no such block")
  check.eq(#K.from_matches(c, { { rowid = rows[1].rowid, seq = rows[1].seq, s = 1, e = 1000000 } }),
    0, "span outside the block")
  check.raises(function() K.from_matches(c, 3) end, "bad argument #2 to 'from_matches'")
  check.raises(function() K.from_matches(c, { { rowid = 1, seq = 0, s = 1 } }) end,
    "bad argument #2 to 'from_matches' %(match 1: integer e")
  check.raises(function() K.from_matches(c, {}, { word = 3 }) end, "bad argument #3 to 'from_matches'")
end)

fx.cleanup()
return check.done()
