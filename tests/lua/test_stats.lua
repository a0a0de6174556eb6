-- Test plan: corpus statistics over the example corpus. The stopword list
-- (data file, loaded as a set); frequency lists of syllables and n-grams
-- (counts checked against an independent count of the content blocks,
-- stopwords and numbers dropped, min/top, subcorpora by filter, result set
-- or document list); collocations (log-likelihood and PMI, checked against
-- a hand computation of G2); keyness between two subcorpora (signs and
-- ordering); tf-idf vectors and similar documents (a document is most
-- similar to its own copy); near-duplicate clusters with MinHash
-- signatures kept in the database (a corpus with two copies of an article
-- and a lightly edited one).
local check = dofile("tests/lua/lib/check.lua")
local fx = dofile("tests/lua/lib/corpus_fixture.lua")
local frame = require("frame")
local S = require("tinsh.store")
local stats = require("corpus.stats")

local c = fx.open()

check.test("stopwords", function()
  local sw = c:stopwords()
  check.ok(sw["và"] and sw["của"] and sw["được"], "function words")
  check.ok(not sw["móng"], "content words are not stopwords")
  check.eq(sw["# vietnamese"], nil, "comments skipped")
  -- the same words as the C lexicon read (tinsh.core.stopwords), so the
  -- kept word statistics and the subjects of figures agree with Lua's
  local n, list = 0, require("tinsh.core").stopwords()
  for _ in pairs(sw) do n = n + 1 end
  check.eq(n, #list, "one entry per line of the file")
  for _, w in ipairs(list) do check.ok(sw[w], "in the set: " .. w) end
end)

-- independent count of one syllable over the content blocks
local function count_of(term, where)
  local n = 0
  local sql = "SELECT b.text FROM blocks b JOIN documents d ON d.id = b.doc WHERE b.kind IN " ..
    "('title','lead','heading','paragraph','question','answer','caption')" .. (where or "")
  for _, r in ipairs(c:sql(sql)) do
    for _, t in ipairs(S.tokens(r.text)) do if t == term then n = n + 1 end end
  end
  return n
end

check.test("freq", function()
  local f = c:freq{ top = 20, unit = "syllable" }
  check.ok(frame.is(f), "frame")
  check.eq(f:columns(), { "term", "count", "docs" })
  check.eq(#f, 20, "top")
  for i = 2, #f do check.ok(f[i].count <= f[i - 1].count, "sorted by count") end
  for _, r in ipairs(f) do
    check.ok(not c:stopwords()[r.term], "no stopword: " .. r.term)
    check.ok(not r.term:match("^%d"), "no number")
  end
  check.eq(f[1].count, count_of(f[1].term), "count of " .. f[1].term)
  local all = c:freq{ stop = false, top = 5, unit = "syllable" }
  check.eq(all[1].count, count_of(all[1].term), "without stopword filtering")
  check.ok(all[1].docs <= 5, "document frequency")
  local bi = c:ngrams(2, { top = 10, unit = "syllable" })
  check.eq(bi[1].term:match("^%S+ %S+$") ~= nil, true, "bigrams")
  local found = false
  for _, r in ipairs(bi) do if r.term == "phát triển" then found = true end end
  check.ok(found, "phát triển among the top bigrams")
  local tri = c:freq{ n = 3, top = 5, min = 2 }
  for _, r in ipairs(tri) do check.ok(r.count >= 2, "min") end
  local one = c:freq{ ids = { 2 }, top = 3 }
  check.eq(one[1].docs, 1, "subcorpus by filter")
  local rs = c:search("Cẩm Phả")
  check.eq(rs:freq{ top = 1 }[1].docs, 1, "result set subcorpus")
  check.eq(c:freq{ docs = { c:get(4) }, top = 1 }[1].term, rs:freq{ top = 1 }[1].term,
    "list of documents")
  check.raises(function() c:freq{ n = 0 } end, "bad argument #1 to .freq. %(n: 0 out of range")
end)

check.test("collocations", function()
  local col = c:collocations("phát triển", { min = 2, unit = "syllable" })
  check.ok(frame.is(col), "frame")
  check.eq(col:columns(), { "term", "together", "term_total", "ll", "pmi" })
  check.ok(#col > 3, "some collocates")
  for i = 2, #col do check.ok(col[i].ll <= col[i - 1].ll, "sorted by ll") end
  local top = {}
  for i = 1, math.min(4, #col) do top[col[i].term] = true end
  check.ok(top["tế"] or top["kinh"], "kinh tế collocates with phát triển")
  local bypmi = c:collocations("phát triển", { min = 2, by = "pmi" })
  for i = 2, #bypmi do check.ok(bypmi[i].pmi <= bypmi[i - 1].pmi, "sorted by pmi") end
  check.eq(#c:collocations("zzzqqq"), 0, "unknown word")
  -- G2 of a known table (Dunning 1993 style check): symmetric and zero at independence
  check.near(stats.g2(10, 10, 10, 10), 0, 1e-9, "independence")
  check.near(stats.g2(10, 0, 0, 10), 2 * 20 * math.log(2), 1e-9, "perfect association")
end)

check.test("keyness", function()
  local k = c:keyness({ ids = { 2 } }, { ids = { 1, 3, 4, 5 } }, { top = 50 })
  check.eq(k:columns(), { "term", "a", "b", "ll", "log_ratio" })
  check.ok(#k > 5, "rows")
  check.ok(k[1].log_ratio > 0, "top terms are over-used in a")
  local kkt
  for _, r in ipairs(k) do if r.term == "kkt" then kkt = r end end
  check.ok(kkt and kkt.b == 0 and kkt.a > 0, "KKT is a key term of the 2024 article")
  local rev = c:keyness({ ids = { 1, 3, 4, 5 } }, { ids = { 2 } }, { top = 100000 })
  check.ok(rev[#rev].log_ratio < 0, "under-used terms last")
  check.eq(#c:keyness({ ids = {} }, { ids = { 1 } }), 0, "empty subcorpus")
end)

check.test("tfidf and similar", function()
  local t = c:tfidf(2, 5)
  check.eq(#t, 5, "tfidf top")
  for i = 2, #t do check.ok(t[i].weight <= t[i - 1].weight, "sorted") end
  local sim = c:similar(c:get(2), 3)
  check.eq(sim:columns(), { "rowid", "similarity", "date", "title" })
  check.eq(#sim, 3, "n")
  for _, r in ipairs(sim) do
    check.ok(r.rowid ~= 2, "not itself")
    check.ok(r.similarity > 0 and r.similarity <= 1, "cosine range")
  end
  for i = 2, #sim do check.ok(sim[i].similarity <= sim[i - 1].similarity, "sorted") end
  check.eq(#c:get(2):similar(2), 2, "doc:similar")
  local none, why = c:similar(999) -- an expected failure: nil, msg
  check.eq(none, nil, "similar of no document")
  check.match(why, "no document 999", "similar's message")
end)

check.test("LSH candidate pairs", function()
  local a = S.minhash("một hai ba bốn năm sáu bảy tám chín mười mười một mười hai")
  local b = S.minhash("hoàn toàn khác về nội dung và từ ngữ trong văn bản này đây")
  local p = S.lsh({ 1, 2, 3, 4 }, { a, a, a, b }, 16, 0.5)
  local got = {}
  for i = 1, #p, 3 do got[#got + 1] = p[i] .. "-" .. p[i + 1] .. ":" .. p[i + 2] end
  table.sort(got)
  check.eq(got, { "1-2:1.0", "1-3:1.0", "2-3:1.0" }, "every pair of identical signatures, once")
  check.eq(#S.lsh({ 1, 2 }, { a, b }, 16, 0.5), 0, "different signatures")
  local empty = S.minhash("")
  check.eq(#S.lsh({ 1, 2 }, { empty, empty }, 16, 0.1), 0, "empty signatures are skipped")
  check.raises(function() S.lsh({ 1 }, { "abc" }, 16, 0.5) end, "one size")
end)

check.test("near-duplicates", function()
  -- a corpus with an article, an edited copy of it and another article
  local dir = fx.dir .. "/dups"
  os.execute("mkdir -p " .. fx.quote(dir))
  local src = fx.src .. "/examples/corpus/"
  os.execute("cp " .. fx.quote(src .. "001_0255a5737a73828f.txt") .. " " .. fx.quote(dir .. "/a.txt"))
  os.execute("cp " .. fx.quote(src .. "003_8096e837b46a1eab.txt") .. " " .. fx.quote(dir .. "/c.txt"))
  local f = io.open(src .. "001_0255a5737a73828f.txt"); local text = f:read("a"); f:close()
  -- the edit: one paragraph changed, one appended
  local edited = text:gsub("Móng Cái", "TP Móng Cái", 2) .. "\nĐoạn văn mới được thêm vào cuối bài viết này.\n"
  f = io.open(dir .. "/b.txt", "w"); f:write(edited); f:close()
  local db = dir .. "/d.db"
  os.execute(fx.quote(fx.tinsh) .. " --db " .. fx.quote(db) .. " ingest " .. fx.quote(dir) .. " >/dev/null 2>&1")
  local d = assert(require("corpus").open(db))
  local dup = d:duplicates(0.7)
  check.ok(frame.is(dup), "frame")
  check.eq(dup:columns(), { "cluster", "rowid", "similarity", "date", "title" })
  check.eq(#dup, 2, "one cluster of two (a and its edited copy)")
  check.eq(dup[1].cluster, 1)
  check.eq(dup[1].similarity, 1, "first member")
  check.ok(dup[2].similarity >= 0.7, "second member similar")
  local stored = d:sql("SELECT count(*) AS n FROM corpus_minhash")[1].n
  check.eq(stored, 3, "signatures kept in the database")
  check.eq(#d:duplicates(0.7), 2, "second run reuses them")
  check.raises(function() d:duplicates(2) end, "threshold")
  check.eq(#c:duplicates(0.8), 0, "the example articles are all different")
  d:close()
end)

fx.cleanup()
return check.done()
