-- Test plan: tinsh.store.query finds candidates and token positions from
-- the index (docs/query.md "Which documents are read") and must give
-- exactly the matches of the path that reads and tokenizes every
-- candidate block ({index = false}) — rowid, seq, kind, s, e, tokens,
-- parts — on the example corpus plus three own articles (accented and
-- unaccented spellings of one word, a figure with '%', a compound
-- "12/2016", an underscore, figures in "tỷ đồng"):
--  * regex token tests become FTS terms through the vocabulary
--    (word_stats): fewer candidate documents than the corpus, the plan
--    says "fts"; a regex whose hits are accented and unaccented forms
--    finds both spellings; one that matches nothing reads no document
--    (plan "none"); one over vocab_max words, one that can match
--    punctuation, one with \p, a syllable regex, within a kind the
--    statistics do not count: all documents, and the plan says why;
--  * fact tests with conditions take their documents from the fact
--    tables (fewer candidates than documents with any figure); an
--    alternation of fact tests unites them, one with a branch needing
--    no fact restricts nothing;
--  * positions come from the token position maps (stats.mapped > 0; 0
--    with index = false), and really are read: a text changed behind the
--    index's back (same length) is tokenized as the map says;
--  * a word taught after the ingest: no map and no vocabulary for words
--    (plan says so), the same matches;
--  * kwic.from_matches cuts word contexts from the maps (k._mapped > 0),
--    the same lines as from the texts (kwic.from_maps = false);
--  * corpus:query with require("corpus.query").from_index = false takes
--    the plain path; a --sandbox script takes the index paths;
--  * tinsh query --explain prints the plan; --no-index the same matches.
local check = dofile("tests/lua/lib/check.lua")
local fx = dofile("tests/lua/lib/corpus_fixture.lua")
local S = require("tinsh.store")
local K = require("corpus.kwic")
local corpus = require("corpus")
if not S.query then check.skip("no pattern engine in this tinsh") end

local OWN = {
  ["own1.txt"] = "Hợp tác xã nông nghiệp\n\nHợp tác xã Tân Tiến tăng doanh thu 57,7% "
    .. "trong năm 2016, đạt gần 5.000 tỷ đồng theo Quyết định số 12/2016.\n\n"
    .. "Hop tac xa Tan Tien viết không dấu trong bản tin cũ; mã_số HTX_01 ghi kèm.\n",
  ["own2.txt"] = "Kinh tế tập thể phát triển\n\nCác hợp tác xã kiểu mới phát triển kinh tế "
    .. "tập thể, vốn tăng 12,5% lên 320 tỷ đồng.\n\nHOP TAC XA dịch vụ cũng được nhắc tới.\n",
  ["own3.txt"] = "Thời tiết\n\nTrời nắng nóng, nhiệt độ 38 độ C; không có số liệu tài chính.\n",
}

local function sh(cmd)
  local ok = os.execute(cmd .. " >/dev/null 2>&1")
  assert(ok, cmd)
end

-- the fixture: the example corpus and the own articles, one database
fx.dir = os.tmpname()
os.remove(fx.dir)
sh("mkdir -p " .. fx.quote(fx.dir .. "/src"))
sh("cp " .. fx.quote(fx.src) .. "/examples/corpus/*.txt " .. fx.quote(fx.dir .. "/src"))
for name, text in pairs(OWN) do
  local f = assert(io.open(fx.dir .. "/src/" .. name, "w"))
  f:write(text)
  f:close()
end
fx.db = fx.dir .. "/q.db"
sh(fx.quote(fx.tinsh) .. " --db " .. fx.quote(fx.db) .. " ingest " .. fx.quote(fx.dir .. "/src"))

local function run(db, pattern, opts)
  local o = { stats = {} }
  for k, v in pairs(opts or {}) do o[k] = v end
  local rows = assert(S.query(db, pattern, o))
  local out = {}
  for i, r in ipairs(rows) do
    local parts = {}
    for k, p in pairs(r.parts) do parts[#parts + 1] = k .. "=" .. p.s .. "-" .. p.e end
    table.sort(parts)
    out[i] = table.concat({ r.rowid, r.seq, r.kind, r.s, r.e, table.concat(r.tokens, "|"),
      table.concat(parts, ",") }, ":")
  end
  return out, o.stats
end

-- The index paths and the plain path agree on pattern; both results.
local function same(db, pattern, opts)
  local a, sa = run(db, pattern, opts)
  local po = { index = false }
  for k, v in pairs(opts or {}) do po[k] = v end
  local b, sb = run(db, pattern, po)
  local d
  if #a ~= #b then d = #a .. " vs " .. #b .. " matches" end
  for i = 1, #a do if not d and a[i] ~= b[i] then d = "match " .. i .. ": " .. a[i] .. " vs " .. b[i] end end
  check.eq(d, nil, pattern .. ": same matches with and without the index")
  check.eq(sb.mapped, 0, pattern .. ": index = false reads no map")
  return a, sa, sb
end

local db = assert(S.open(fx.db))
local ndocs = db:sql("SELECT count(*) AS n FROM documents")[1].n

check.test("regex candidates from the vocabulary", function()
  -- "hợp tác xã" is a word of data/words/domain.txt; "Hop tac xa" is not
  local a, st = same(db, "[word = /h.p( t.c( x.)?)?/]")
  check.ok(st.plan:match("^fts"), "plan fts: " .. st.plan)
  check.ok(st.candidates < ndocs, "fewer candidates than documents")
  local accented, plain = false, false
  for _, m in ipairs(a) do
    accented = accented or m:find("Hợp tác", 1, true) ~= nil
    plain = plain or m:find(":Hop:", 1, true) ~= nil or m:find(":HOP:", 1, true) ~= nil
  end
  check.ok(accented and plain, "accented and unaccented spellings both found")
  local b, sb = same(db, "[word = /hop/]")
  check.ok(#b == 2 and #b < #a, "the unaccented regex: the two unaccented spellings")
  check.ok(sb.plan:match("^fts"), "plan fts: " .. sb.plan)
  local n, sn = same(db, "[word = /xyzzy.*/]")
  check.eq(#n, 0, "a regex matching nothing")
  check.ok(sn.plan:match("^none"), "plan none: " .. sn.plan)
  check.eq(sn.candidates, 0, "no document read")
  local _, s2 = same(db, '"phát triển" [word = /kinh.*/]')
  check.ok(s2.plan:match("^fts") and s2.plan:match("regex 1: %d+ of"), "literal and regex: " .. s2.plan)
  local f, sf = same(db, "[word = /[0-9][0-9,]*%/]")
  check.ok(#f >= 2, "figures written with % (the statistics count them without)")
  check.ok(sf.plan:match("^fts"), "plan fts: " .. sf.plan)
  local _, sc = same(db, "[word = /12\\/2016/]")
  check.ok(sc.plan:match("^fts"), "a compound: " .. sc.plan)
end)

check.test("regexes that cannot use the vocabulary", function()
  local cases = {
    { "[word = /[a-zđ]+/]", { vocab_max = 10 }, "too many" },
    { "[word = /.*/]", nil, "punctuation" },
    { "[word = /[,;]/]", nil, "punctuation" },
    { "[word = /\\p{Lu}.*/]", nil, "\\p" },
    { "[word = /h.p/] within byline", nil, "kind" },
  }
  for _, cs in ipairs(cases) do
    local _, st = same(db, cs[1], cs[2])
    check.ok(st.plan:match("^all documents"), cs[1] .. ": all documents: " .. st.plan)
    check.ok(st.plan:find(cs[3], 1, true), cs[1] .. ": the plan says why: " .. st.plan)
  end
  local s, ss = same(db, "[syl = /h.p/] [syl = /t.c/]")
  check.ok(#s >= 4 and ss.plan:match("^fts") and ss.plan:match("syllables"), "syllable regexes: " .. ss.plan)
  local m = same(db, "[syl = /[0-9]+/] [syl = /.*/]")
  check.ok(#m > 10, "syllables and punctuation")
  same(db, '[syl = /mã/] "_"') -- '_' in a block: read from its text
  local w = same(db, "[word = /[^a-z]+/]{2}")
  check.ok(#w > 10, "every block's words")
end)

check.test("fact candidates from the fact tables", function()
  local withfig = db:sql("SELECT count(DISTINCT doc) AS n FROM figures")[1].n
  local a, st = same(db, '[figure unit = "tỷ đồng"]')
  check.ok(#a >= 2, "figures in tỷ đồng")
  check.ok(st.plan:match("fact tables: %d+ documents"), "plan: " .. st.plan)
  check.ok(st.candidates < withfig, st.candidates .. " candidates < " .. withfig .. " with figures")
  same(db, '[person title = /Bí thư/]')
  same(db, 'n:[figure value > 100] []{0,3} "đồng"?')
  same(db, '[figure unit = "tỷ đồng"] | [person]')
  local _, so = same(db, '[figure unit = "tỷ đồng"] | [person title = /Bí thư/]')
  check.ok(so.plan:match("fact tables") and so.candidates < ndocs, "an alternation unites: " .. so.plan)
  local _, sn = same(db, '[figure unit = "tỷ đồng"] | "Móng Cái"')
  check.ok(not sn.plan:match("fact tables"), "a branch without facts restricts nothing: " .. sn.plan)
  same(db, '[figure value > 10 & unit = "%"] []{0,6} [figure]')
end)

check.test("positions from the maps", function()
  for _, p in ipairs({ '"phát triển" []{0,3} "kinh tế"', '[word = /h.p( t.c)?/]',
    '[word = /[0-9][0-9.,]*/] [syl = "tỷ"]', '[syl = "12"] "/"' }) do
    local _, st = same(db, p)
    check.ok(st.mapped > 0, p .. ": blocks from the maps (" .. st.mapped .. " of " .. st.blocks .. ")")
  end
  -- the texts changed behind the index's back, same lengths: the words
  -- come from the maps ("abcdef ghijkl" is one word there)
  local swap = fx.dir .. "/swap.db"
  sh("cp " .. fx.quote(fx.db) .. " " .. fx.quote(swap))
  local w = assert(S.open(swap, { write = true }))
  w:exec("UPDATE documents SET text = replace(text, 'phát triển', 'abcdef ghijkl')")
  w:close()
  w = assert(S.open(swap))
  local p = '[word = /abcdef.*/ | word = "phát triển"]'
  local function joined(list)
    for _, m in ipairs(list) do if m:find(":abcdef ghijkl:", 1, true) then return true end end
    return false
  end
  local a, b = run(w, p), run(w, p, { index = false })
  check.ok(#a > 0 and joined(a), "one word where the map has one")
  check.ok(#b > 0 and not joined(b), "two words where the text is segmented")
  w:close()
end)

check.test("a word taught after the ingest", function()
  local taught = fx.dir .. "/taught.db"
  sh("cp " .. fx.quote(fx.db) .. " " .. fx.quote(taught))
  local c = assert(corpus.open(taught, { write = true }))
  assert(c:words{ add = { "kinh tế tập thể" } })
  local lex = K.lexicon(c)
  local w = assert(S.open(taught))
  local opts = { lexicon = lex, corpus_lexicon = true }
  local a, st = same(w, "[word = /h.p( t.c)?/]", opts)
  check.ok(st.plan:find("lexicon", 1, true), "no vocabulary for words: " .. st.plan)
  check.eq(st.mapped, 0, "stale words: no map read")
  local _, ss = same(w, '[syl = /h.p/] [syl = "tác"]', opts)
  check.ok(ss.mapped > 0 and ss.plan:match("^fts"), "syllables need no words: " .. ss.plan)
  local t = same(w, '[word = "kinh tế tập thể"]', opts)
  check.ok(#t >= 2, "the taught word is one token")
  check.ok(#a >= 1, "matches")
  w:close()
  c:close()
end)

check.test("kwic.from_matches from the maps", function()
  local c = assert(corpus.open(fx.db))
  for _, p in ipairs({ '"phát triển"', '[figure unit = "tỷ đồng"]', '[word = /h.p( t.c)?/]' }) do
    local m = c:query(p)
    local function lines(maps)
      K.from_maps = maps
      local k = K.from_matches(c, m, { words = 3 })
      K.from_maps = nil
      local out = {}
      for i = 1, #k do out[i] = k[i].left .. "[" .. k[i].match .. "]" .. k[i].right end
      return out, k._mapped
    end
    local a, ma = lines(true)
    local b, mb = lines(false)
    check.eq(table.concat(a, "\n"), table.concat(b, "\n"), p .. ": same lines")
    check.ok(ma > 0 and mb == 0, p .. ": contexts from the maps (" .. ma .. ")")
  end
  local st = {}
  local m = c:query("[word = /h.p( t.c)?/]", { stats = st })
  check.ok(#m > 0 and st.plan:match("^fts") and st.mapped > 0, "corpus:query uses the index: " .. st.plan)
  local Qm = require("corpus.query")
  Qm.from_index = false
  local so = {}
  local m2 = c:query("[word = /h.p( t.c)?/]", { stats = so })
  Qm.from_index = nil
  check.ok(#m2 == #m and so.mapped == 0 and so.plan:match("^all documents"),
    "query.from_index = false: the plain path, same count")
  c:close()
end)

check.test("--sandbox: the index paths read the corpus", function()
  local out = fx.run("--db " .. fx.quote(fx.db) .. " --sandbox -e " .. fx.quote([[
    local st = {}
    local m = corpus:query('[figure unit = "tỷ đồng"] []{0,9} [word = /h.p( t.c)?/]', { stats = st })
    print(#m, st.plan, st.mapped > 0)
  ]]))
  check.ok(out:find("fts (regex 1:", 1, true) and out:find("fact tables:", 1, true)
    and out:find("true", 1, true), "vocabulary, fact tables and maps in the sandbox: " .. out)
end)

check.test("tinsh query --explain and --no-index", function()
  local q = " --db " .. fx.quote(fx.db) .. " query --json "
  local out = fx.run(q .. "--explain '[word = /h.p( t.c)?/]'")
  check.ok(out:find("tinsh: query: candidates fts", 1, true), "the plan on stderr")
  local a = fx.run(q .. "'[word = /h.p( t.c)?/]' 2>/dev/null")
  local b = fx.run(q .. "--no-index '[word = /h.p( t.c)?/]' 2>/dev/null")
  check.ok(#a > 0 and a == b, "--no-index: the same matches")
end)

db:close()
fx.cleanup()
check.done()
