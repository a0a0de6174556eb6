-- Test plan: statistics count words by default (issue 17). On the example
-- corpus: the top-20 frequency list holds multi-syllable words and no
-- entry is a syllable of a multi-syllable word of the same list (computed
-- from the list itself); counts of a word agree with an independent count
-- over the segmenter's words (tinsh.core.words); {unit = "syllable"} gives
-- the syllable list of before; collocations, keyness and tf-idf rows are
-- words; n-grams of words join words; S.tokens/S.count take a lexicon and
-- a taught word (S.lexicon) becomes one token; a bad unit is refused;
-- tinsh.words / require("tinsh").words; corpus:words{add, remove} keeps a
-- user lexicon in the database, lists it, changes the statistics at once
-- (a removed word splits, an added one joins), refuses words of more than
-- four syllables, and is read-only under --sandbox (nil, msg); drill-down:
-- a row of freq, collocations, keyness and tfidf answers row:kwic() (one
-- line per counted occurrence, in the row's subcorpus) and
-- row:documents() / row:docs() (the documents that hold the term, their
-- line counts summing to the row's count).
local check = dofile("tests/lua/lib/check.lua")
local fx = dofile("tests/lua/lib/corpus_fixture.lua")
local S = require("tinsh.store")
local core = require("tinsh.core")

local c = fx.open()

-- independent count of one word over the content blocks
local function word_count(term)
  local n = 0
  local sql = "SELECT b.text FROM blocks b WHERE b.kind IN " ..
    "('title','lead','heading','paragraph','question','answer','caption')"
  for _, r in ipairs(c:sql(sql)) do
    for _, w in ipairs(core.words(r.text)) do
      if core.lower(w.word) == term then n = n + 1 end
    end
  end
  return n
end

local function syllables(t)
  local out = {}
  for s in t:gmatch("%S+") do out[#out + 1] = s end
  return out
end

check.test("freq counts words", function()
  local f = c:freq{ top = 20 }
  check.eq(#f, 20, "top")
  local multi, inside = 0, {}
  for _, r in ipairs(f) do
    local syl = syllables(r.term)
    if #syl > 1 then
      multi = multi + 1
      for _, s in ipairs(syl) do inside[s] = r.term end
    end
  end
  check.ok(multi >= 10, "most of the top words have several syllables: " .. multi)
  for _, r in ipairs(f) do
    check.ok(not inside[r.term], "'" .. r.term .. "' is a fragment of '" ..
      tostring(inside[r.term]) .. "'")
  end
  local set = {}
  for _, r in ipairs(f) do set[r.term] = r end
  for _, w in ipairs({ "phát triển", "thành phố", "móng cái", "đảng bộ" }) do
    check.ok(set[w], w .. " in the top 20")
  end
  local multi1
  for _, r in ipairs(f) do if r.term:find(" ") then multi1 = multi1 or r end end
  check.eq(multi1.count, word_count(multi1.term), "count of " .. multi1.term)
end)

check.test("stopwords of several syllables", function()
  local sw, multi = c:stopwords(), {}
  for w in pairs(sw) do if w:find(" ") then multi[w] = true end end
  check.ok(next(multi) ~= nil, "the list has words of several syllables")
  local seen = 0
  for _, r in ipairs(c:freq{ top = 100000, stop = false }) do
    if multi[r.term] then seen = seen + 1 end
  end
  check.ok(seen > 0, "some occur in the corpus")
  for _, r in ipairs(c:freq{ top = 100000 }) do
    check.ok(not multi[r.term], "dropped: " .. r.term)
  end
end)

check.test("unit = syllable keeps the syllable list", function()
  local f = c:freq{ top = 20, unit = "syllable" }
  for _, r in ipairs(f) do check.ok(not r.term:find(" "), "a syllable: " .. r.term) end
  local w = c:freq{ top = 20, unit = "word" }
  check.eq(w[1].term, c:freq{ top = 1 }[1].term, "word is the default")
  check.raises(function() c:freq{ unit = "letter" } end,
    "bad argument #1 to .freq. %(unit: 'word' or 'syllable' expected")
  check.raises(function() c:tfidf(2, 5, { unit = 1 }) end, "bad argument #3 to .tfidf.")
end)

check.test("ngrams, collocations, keyness, tfidf on words", function()
  local bi = c:ngrams(2, { top = 10, min = 2 })
  for _, r in ipairs(bi) do
    local a = r.term
    check.ok(#syllables(a) >= 2, "a bigram of words: " .. a)
  end
  local col = c:collocations("phát triển", { min = 2 })
  local top = {}
  for i = 1, math.min(3, #col) do top[col[i].term] = true end
  check.ok(top["kinh tế"], "kinh tế is a collocate of phát triển")
  for _, r in ipairs(col) do check.ok(r.term ~= "phát" and r.term ~= "triển", "no fragment") end
  local k = c:keyness({ ids = { 2 } }, { ids = { 1, 3, 4, 5 } }, { top = 100 })
  local anymulti = false
  for _, r in ipairs(k) do if r.term:find(" ") then anymulti = true end end
  check.ok(anymulti, "keyness lists words")
  local t = c:tfidf(2, 20)
  local tmulti = false
  for _, r in ipairs(t) do if r.term:find(" ") then tmulti = true end end
  check.ok(tmulti, "tfidf lists words")
  check.ok(#c:similar(2, 2) == 2, "similar on words")
end)

check.test("tokens by words and a taught word", function()
  local text = "Phát triển kinh tế thành phố, năm 2024 đạt 57,7%."
  check.eq(S.tokens(text, true, true), { "phát triển", "kinh tế", "thành phố", "", "năm",
    "2024", "đạt", "57,7" }, "words, numbers as the syllable tokens give them")
  check.eq(S.tokens("Phát triển"), { "phát", "triển" }, "syllables without words")
  local lex = S.lexicon({ "kinh tế thành phố" }, { "phát triển" })
  check.eq(S.tokens(text, false, lex), { "phát", "triển", "kinh tế thành phố", "năm", "2024",
    "đạt", "57,7" }, "taught and removed words")
  local counts = {}
  check.eq(S.count("thành phố và thành phố", counts, nil, true), 3, "count of words")
  check.eq(counts["thành phố"], 2, "word counted")
  check.raises(function() S.tokens(text, false, {}) end, "bad argument #3 to 'tokens'")
end)

check.test("drill-down", function()
  local f = c:freq{ top = 5 }
  local r = f[1]
  check.eq(#r:kwic(), r.count, "one line per occurrence")
  local d = r:documents()
  check.eq(#d, r.docs, "the documents of the row")
  local sum = 0
  for _, x in ipairs(d) do sum = sum + x.lines end
  check.eq(sum, r.count, "their lines")
  local one = c:freq{ ids = { 2 }, top = 1 }[1]
  check.eq(#one:kwic(), one.count, "the row's subcorpus")
  check.eq(#one:documents(), 1, "one document")
  check.ok(#r:kwic{ limit = 2 } == 2, "kwic options")
  local k = c:keyness({ ids = { 2 } }, { ids = { 1, 3, 4, 5 } }, { top = 3 })[1]
  check.ok(#k:docs() >= 1, "keyness row docs")
  check.eq(#k:kwic(), k.a + k.b, "keyness row lines")
  local t = c:tfidf(2, 3)[1]
  check.ok(#t:kwic() >= t.count, "tfidf row")
  local col = c:collocations("phát triển", { min = 2 })[1]
  check.eq(#col:kwic(), col.term_total, "collocate row")
  check.raises(function() r:kwic(3) end, "bad argument #1 to 'kwic'")
  local sy = c:freq{ top = 1, unit = "syllable" }[1]
  check.eq(#sy:kwic(), sy.count, "syllable rows match syllables")
end)

check.test("tinsh.words", function()
  check.eq(type(tinsh), "table", "tinsh global")
  check.eq(require("tinsh"), tinsh, "require('tinsh')")
  local w = tinsh.words("Phát triển kinh tế")
  check.eq(w[1].word, "Phát triển", "first word")
  check.eq(w[1].n, 2, "two syllables")
end)

check.test("user lexicon", function()
  check.eq(#c:words(), 0, "none taught yet")
  local before = {}
  for _, r in ipairs(c:freq{ top = 100000, min = 1 }) do before[r.term] = r.count end
  check.ok(before["đảng bộ"] and not before["nông thôn mới"], "before")
  local f = c:words{ add = { "Nông thôn  mới" }, remove = { "đảng bộ" } }
  check.eq(#f, 2, "two entries")
  local got = {}
  for _, r in ipairs(f) do got[r.word] = r.action end
  check.eq(got, { ["nông thôn mới"] = "add", ["đảng bộ"] = "remove" }, "kept as keys")
  local after = {}
  for _, r in ipairs(c:freq{ top = 100000, min = 1 }) do after[r.term] = r.count end
  check.eq(after["đảng bộ"], nil, "a removed word is split")
  check.ok((after["đảng"] or 0) > (before["đảng"] or 0), "its syllables counted")
  check.ok((after["nông thôn mới"] or 0) > 0, "an added word is one unit")
  check.raises(function() c:words{ add = { "một hai ba bốn năm" } } end,
    "bad argument #1 to 'words' %(add%[1%]: a word of 1 to 4 syllables expected")
  check.raises(function() c:words{ remove = "x" } end, "bad argument #1 to 'words'")
  local p = io.popen(fx.quote(fx.tinsh) .. " --sandbox --db " .. fx.quote(fx.db) ..
    " -e 'print(corpus:words{ add = {\"a b\"} }); print(#corpus:words())' 2>&1")
  local out = p:read("a")
  p:close()
  check.ok(out:find("nil\twords: .*read%-only"), "read-only in --sandbox: " .. out)
  check.ok(out:find("\n2\n"), "listed in --sandbox: " .. out)
end)

fx.cleanup()
return check.done()
