-- Test plan: the statistics methods (corpus.stats) raise `bad argument #n
-- to 'name' (...)` for misused arguments, at the caller's line, never an
-- internal error from a lower layer and never a silent truncation:
--   * freq / ngrams: n 2.5, 0 and 9; top NaN, inf, 2.5, negative; min 1.5;
--     stop a string; options not a table.
--   * collocations: window 0 and 2.5, by an unknown column.
--   * keyness: a or b not a subcorpus (5, true), a missing, n NaN (#3);
--     b missing is the rest of the corpus (test_names.lua).
--   * tfidf top 2.5 / NaN; similar n inf; duplicates threshold NaN and
--     options not a table.
--   * the well-formed calls still work (top 3 gives at most 3 rows).
local check = dofile("tests/lua/lib/check.lua")
local fx = dofile("tests/lua/lib/corpus_fixture.lua")

local c = fx.open()
local NAN, INF = 0 / 0, math.huge

-- fn must raise "bad argument #n to 'name' (what" reported at this file.
local function bad(fn, n, name, what, msg)
  local ok, err = pcall(fn)
  check.ok(not ok, msg .. ": raises")
  err = tostring(err)
  check.match(err, "bad argument #" .. n .. " to '" .. name .. "' %(" .. what, msg)
  check.match(err, "^[^\n]*test_stats_args%.lua:%d+:", msg .. ": at the caller's line")
end

check.test("freq and ngrams", function()
  bad(function() c:freq{ n = 2.5 } end, 1, "freq", "n:", "n 2.5")
  bad(function() c:freq{ n = 0 } end, 1, "freq", "n:", "n 0")
  bad(function() c:freq{ n = 9 } end, 1, "freq", "n:", "n 9")
  bad(function() c:freq{ top = NAN } end, 1, "freq", "top:", "top NaN")
  bad(function() c:freq{ top = INF } end, 1, "freq", "top:", "top inf")
  bad(function() c:freq{ top = 2.5 } end, 1, "freq", "top:", "top 2.5")
  bad(function() c:freq{ top = -1 } end, 1, "freq", "top:", "top -1")
  bad(function() c:freq{ min = 1.5 } end, 1, "freq", "min:", "min 1.5")
  bad(function() c:freq{ stop = "no" } end, 1, "freq", "stop:", "stop string")
  bad(function() c:freq(5) end, 1, "freq", "table expected", "options 5")
  bad(function() c:ngrams(2.5) end, 1, "ngrams", "n:", "ngrams 2.5")
  bad(function() c:ngrams(2, { top = NAN }) end, 2, "ngrams", "top:", "ngrams top NaN")
  local f = c:freq{ top = 3 }
  check.ok(#f <= 3 and #f > 0, "top 3")
  check.ok(#c:ngrams(2, { top = 2 }) <= 2, "ngrams top 2")
end)

check.test("collocations and keyness", function()
  bad(function() c:collocations("Móng Cái", { window = 0 }) end, 2, "collocations",
    "window:", "window 0")
  bad(function() c:collocations("Móng Cái", { window = 2.5 }) end, 2, "collocations",
    "window:", "window 2.5")
  bad(function() c:collocations("Móng Cái", { by = "nope" }) end, 2, "collocations",
    "by:", "by unknown")
  bad(function() c:keyness({ year = 2024 }, { year = 2020 }, { n = NAN }) end, 3, "keyness",
    "n:", "keyness n NaN")
  bad(function() c:keyness(5, { year = 2020 }) end, 1, "keyness", "document filter",
    "keyness a = 5")
  bad(function() c:keyness({ year = 2024 }, true) end, 2, "keyness", "document filter",
    "keyness b = true")
  bad(function() c:keyness() end, 1, "keyness", "document filter", "keyness without a")
  check.ok(#c:keyness({ year = 2024 }) >= 0, "keyness without b: the rest of the corpus")
  check.ok(#c:keyness({ year = 2024 }, { year = 2020 }) >= 0, "keyness of two years")
end)

check.test("tfidf, similar, duplicates", function()
  bad(function() c:tfidf(1, 2.5) end, 2, "tfidf", "top:", "tfidf 2.5")
  bad(function() c:tfidf(1, NAN) end, 2, "tfidf", "top:", "tfidf NaN")
  bad(function() c:similar(1, INF) end, 2, "similar", "n:", "similar inf")
  bad(function() c:duplicates(NAN) end, 1, "duplicates", "threshold", "threshold NaN")
  bad(function() c:duplicates(0.8, 5) end, 2, "duplicates", "table expected", "opts 5")
  check.ok(#c:tfidf(1, 2) <= 2, "tfidf top 2")
end)

fx.cleanup()
return check.done()
