-- Test plan: the word statistics the ingest keeps in the database
-- (word_stats, word_bigrams, meta wordstats_*) equal the in-memory count
-- of the statistics (db:terms over the content blocks, words) on a copy
-- of the example corpus: after the first ingest, after a changed file is
-- ingested again (its old words subtracted), after a file is removed
-- (ingest --prune) and after ingest --reparse; so does each document's
-- number of words (doc_words, one row per document, what corpus:trend
-- divides by). corpus:freq{} (n = 1 and
-- 2, with and without stopwords) read from the kept tables equals the
-- in-memory list row for row. A user lexicon change (corpus:words) makes
-- the kept counts stale: freq counts in memory (the taught word shows at
-- once); ingest --reparse counts with the user lexicon and keeps them
-- again.
local check = dofile("tests/lua/lib/check.lua")
local fx = dofile("tests/lua/lib/corpus_fixture.lua")
local corpus = require("corpus")
local st = require("corpus.stats")

local q = fx.quote
local tmp = os.tmpname()
os.remove(tmp)
assert(os.execute("mkdir -p " .. q(tmp .. "/c")))
assert(os.execute("cp " .. q(fx.src) .. "/examples/corpus/*.txt " .. q(tmp .. "/c/")))
local db = tmp .. "/t.db"

local function ingest(args)
  local out, code = fx.run("--db " .. q(db) .. " ingest " .. (args or "") .. " " .. q(tmp .. "/c"))
  check.eq(code, 0, "ingest " .. (args or "") .. ": " .. out)
end

local function files()
  local p = io.popen("ls " .. q(tmp .. "/c") .. "/*.txt")
  local l = {}
  for f in p:lines() do l[#l + 1] = f end
  p:close()
  return l
end

-- every kept row equals the in-memory count, and nothing is missing
local function same_map(what, kept, counts, dfs)
  local bad, n, m = {}, 0, 0
  for term, r in pairs(kept) do
    n = n + 1
    if counts[term] ~= r.count or dfs[term] ~= r.docs then
      bad[#bad + 1] = term .. " " .. r.count .. "/" .. tostring(counts[term])
    end
  end
  for term in pairs(counts) do
    m = m + 1
    if not kept[term] then bad[#bad + 1] = "missing " .. term end
  end
  check.eq(#bad, 0, what .. ": " .. table.concat(bad, ", ", 1, math.min(#bad, 5)))
  check.eq(n, m, what .. ": as many terms kept as counted")
  check.ok(n > 0, what .. ": something counted")
end

local function compare(what)
  local c = assert(corpus.open(db))
  local lex = require("corpus.kwic").lexicon(c)
  local counts, dfs, total, ndocs = st.count_ngrams(c, nil, 1, nil, nil, nil, lex)
  local kept = {}
  for _, r in ipairs(c:sql("SELECT word, count, docs FROM word_stats")) do kept[r.word] = r end
  same_map(what .. " words", kept, counts, dfs)
  local meta = {}
  for _, r in ipairs(c:sql("SELECT key, value FROM meta WHERE key LIKE 'wordstats%'")) do
    meta[r.key] = r.value
  end
  check.eq(meta.wordstats, "1", what .. ": kept up to date")
  check.eq(tonumber(meta.wordstats_tokens), total, what .. ": tokens")
  check.eq(tonumber(meta.wordstats_docs), ndocs, what .. ": documents")
  local bc, bd = st.count_ngrams(c, nil, 2, st.stopwords(), nil, nil, lex)
  local kb = {}
  for _, r in ipairs(c:sql("SELECT w1 || ' ' || w2 AS t, count, docs FROM word_bigrams")) do
    kb[r.t] = r
  end
  same_map(what .. " pairs", kb, bc, bd)
  -- each document's words (doc_words) equal its own count, one row each
  local counted = require("corpus.trend").doc_words(c, true)
  local rows, bad, sum = 0, {}, 0
  for _, r in ipairs(c:sql("SELECT doc, words FROM doc_words")) do
    rows = rows + 1
    sum = sum + r.words
    if counted[r.doc] ~= r.words then bad[#bad + 1] = r.doc .. ": " .. r.words end
  end
  check.eq(#bad, 0, what .. ": doc_words " .. table.concat(bad, ", "))
  check.eq(rows, #c:sql("SELECT id FROM documents"), what .. ": a doc_words row per document")
  check.eq(sum, total, what .. ": doc_words add up to the tokens")
  c:close()
end

-- freq from the kept tables equals the in-memory list, row for row
local function same_freq(c, what)
  for _, n in ipairs({ 1, 2 }) do
    for _, stop in ipairs({ true, false }) do
      local f = c:freq{ n = n, top = 200, stop = stop }
      local rows = st.count_ngrams(c, nil, n, stop and st.stopwords() or nil, 200, 1,
        require("corpus.kwic").lexicon(c))
      local label = what .. " freq n=" .. n .. " stop=" .. tostring(stop)
      check.eq(#f, #rows, label .. ": rows")
      local bad = 0
      for i = 1, math.min(#f, #rows) do
        if f[i].term ~= rows[i].term or f[i].count ~= rows[i].count or f[i].docs ~= rows[i].docs then
          bad = bad + 1
        end
      end
      check.eq(bad, 0, label .. ": rows differ")
    end
  end
end

ingest()
compare("first ingest")
do
  local c = assert(corpus.open(db))
  check.ok(st.use_kept(c, nil, true), "a fresh ingest keeps usable counts")
  same_freq(c, "first ingest")
  c:close()
end

-- a changed file: its old words go, its new ones come
local f1 = files()[1]
local fh = assert(io.open(f1, "r"))
local text = fh:read("a")
fh:close()
local changed, k = text:gsub("(\n[^\n]-%S[^\n]-%S[^\n]-%S[^\n]-%S[^\n]-%.)(\n)",
  "%1 Hợp tác xã nông nghiệp phát triển mạnh mẽ, hợp tác xã mới.%2", 1)
check.eq(k, 1, "a paragraph to change")
fh = assert(io.open(f1, "w"))
fh:write(changed)
fh:close()
ingest()
compare("changed file")

-- a removed file
os.remove(files()[#files()])
ingest("--prune")
compare("removed file")

-- a user lexicon change makes them stale until ingest --reparse
do
  local c = assert(corpus.open(db))
  assert(c:words{ add = { "hợp tác xã mới" } })
  check.ok(not st.use_kept(c, nil, require("corpus.kwic").lexicon(c)), "stale after corpus:words")
  local seen = false
  for _, r in ipairs(c:freq{ top = 5000, stop = false }) do
    if r.term == "hợp tác xã mới" then seen = true end
  end
  check.ok(seen, "freq counts the taught word at once (in memory)")
  c:close()
end
ingest("--reparse")
compare("reparse with a user word")
do
  local c = assert(corpus.open(db))
  check.ok(st.use_kept(c, nil, require("corpus.kwic").lexicon(c)), "kept again after --reparse")
  local n = c:sql("SELECT count FROM word_stats WHERE word = 'hợp tác xã mới'")
  check.eq(#n, 1, "the taught word is kept")
  same_freq(c, "after reparse")
  c:close()
end

os.execute("rm -rf " .. q(tmp))
return check.done()
