-- Test plan: the corpus-side API (corpus, documents, result sets, match
-- sets, concordances, dispersion plots, statistics rows, compare) raises
-- `bad argument #n to 'name' (...)` at the caller's line for a misuse,
-- like the standard library, and returns nil, msg for an expected failure
-- (found by the API sweep):
--   * wrong self: a method called with '.' or on another object is bad
--     argument #1 "<object> expected, got <type>" (corpus.args's header),
--     never an internal error nor a silent result (rs.header("x"),
--     ms.head({}, 1)).
--   * options not a table ("for iterator" before), unknown option keys
--     (rs:freq, corpus:freq{docs =}, corpus:words, corpus:duplicates,
--     compare), an object given for an options table (corpus:docs(corpus),
--     rs:filter(corpus), corpus:freq(corpus)), filter errors named for the
--     public method and argument (figures ... collocations, not 'filter').
--   * wrong types: corpus:drop({}/nil/true), corpus.open(5), compare's
--     sides and options, compare.diff(5, {}), cmp:render(5),
--     kwic.from_matches(nil, rows), freq{docs = 5 | {1, "x"}}.
--   * NaN and non-integer counts: rs:forms_line(0/0, "x"); d:similar(-1)
--     counts n as #1; disp:save_svg(p, 5) names save_svg #2.
--   * text that is not UTF-8 in a figures filter: bad argument, not an
--     internal error (d:figures and corpus:figures alike).
--   * nil, msg: corpus:similar(999), corpus:tfidf(999), compare(999, 1).
--   * paths with a NUL byte (corpus.open, disp:save_svg) are refused, not
--     cut at the NUL.
--   * the correct uses still work.
local check = dofile("tests/lua/lib/check.lua")
local fx = dofile("tests/lua/lib/corpus_fixture.lua")
local corpus = require("corpus")
local compare = require("compare")
local kwic = require("corpus.kwic")

local c = fx.open()
local d = c:get(1)
local rs = c:search("mong cai")
local ms = c:query('"Móng Cái"')
local k = c:kwic("Móng Cái")
local disp = ms:dispersion()
local row = c:freq{ top = 3 }[1]
local cmp = compare(1, 2, { corpus = c })

-- fn must raise exactly "bad argument #n to 'name' (what)" (what: a Lua
-- pattern of the text in parentheses), reported at this file's line.
local function bad(fn, n, name, what, msg)
  local ok, err = pcall(fn)
  check.ok(not ok, msg .. ": raises")
  -- the hint after an unknown option's name (args.lua) is not part of what
  err = tostring(err):gsub("; did you mean '[%w_]+'%?%)$", ")"):gsub("; options: [%w_, ]+%)$", ")")
  check.match(err, "^[^\n]*test_api_misuse%.lua:%d+: bad argument #" .. n .. " to '" ..
    name .. "' %(" .. what .. "%)$", msg)
end

-- fn must return nil and a message matching pattern.
local function none(fn, pattern, msg)
  local v, why = fn()
  check.eq(v, nil, msg .. ": nil")
  check.match(tostring(why), pattern, msg .. ": message")
end

check.test("wrong self", function()
  bad(function() c.close(5) end, 1, "close", "corpus expected, got number", "corpus.close(5)")
  bad(function() c.get(5) end, 1, "get", "corpus expected, got number", "corpus.get(5)")
  bad(function() c.kwic(5, "x") end, 1, "kwic", "corpus expected, got number", "corpus.kwic")
  bad(function() c.drop({}, "x") end, 1, "drop", "corpus expected, got table", "corpus.drop")
  bad(function() c.freq(rs) end, 1, "freq", "corpus expected, got corpus.results", "corpus.freq(rs)")
  bad(function() d.similar(5) end, 1, "similar", "document expected, got number", "d.similar")
  bad(function() d.text() end, 1, "text", "document expected, got nil", "d.text()")
  bad(function() rs.header("x") end, 1, "header", "result set expected, got string", "rs.header")
  bad(function() rs.sort(5) end, 1, "sort", "result set expected, got number", "rs.sort")
  bad(function() rs.only(ms, "x") end, 1, "only", "result set expected, got corpus.matches",
    "rs.only(ms)")
  bad(function() ms.head({}, 1) end, 1, "head", "match set expected, got table", "ms.head({})")
  bad(function() ms.count(5) end, 1, "count", "match set expected, got number", "ms.count")
  bad(function() k.render(5) end, 1, "render", "concordance expected, got number", "k.render")
  bad(function() disp.svg(5) end, 1, "svg", "dispersion plot expected, got number", "disp.svg")
  bad(function() row.kwic(5) end, 1, "kwic", "statistics row expected, got number", "row.kwic")
  bad(function() cmp.render(5) end, 1, "render", "comparison expected, got number", "cmp.render")
  bad(function() local _ = 1 + ms end, 1, "union", "match set expected, got number", "1 + ms")
end)

check.test("paths with a NUL byte are refused, not cut", function()
  bad(function() corpus.open(fx.dir .. "/x.db\0zz") end, 1, "open",
    "path contains a NUL byte", "corpus.open")
  bad(function() disp:save_svg(fx.dir .. "/nul\0x.svg") end, 1, "save_svg",
    "path contains a NUL byte", "save_svg")
  check.eq(io.open(fx.dir .. "/nul", "r"), nil, "no file written at the cut name")
end)

check.test("options: tables, known keys, the method's name", function()
  bad(function() d:kwic("Móng Cái", 5) end, 2, "kwic", "table expected, got number", "d:kwic")
  bad(function() rs:kwic("Móng Cái", 5) end, 2, "kwic", "table expected, got number", "rs:kwic")
  bad(function() rs:freq(5) end, 1, "freq", "table expected, got number", "rs:freq(5)")
  bad(function() rs:freq{ zzz = 1 } end, 1, "freq", "unknown option 'zzz'", "rs:freq{zzz}")
  bad(function() c:freq{ docs = rs, zzz = 1 } end, 1, "freq", "unknown option 'zzz'",
    "freq{docs, zzz}")
  bad(function() c:freq{ docs = rs, year = 2024 } end, 1, "freq",
    "docs and the document filter key 'year' together: give one of them", "freq{docs, year}")
  for _, name in ipairs{ "figures", "people", "refs", "places", "periods", "quotes", "freq" } do
    bad(function() c[name](c, { zzz = 1 }) end, 1, name, "unknown option 'zzz'", name .. "{zzz}")
  end
  bad(function() c:ngrams(2, { zzz = 1 }) end, 2, "ngrams", "unknown option 'zzz'", "ngrams")
  bad(function() c:collocations("x", { zzz = 1 }) end, 2, "collocations", "unknown option 'zzz'",
    "collocations")
  bad(function() c:figures{ ids = { 1, "x" } } end, 1, "figures", "ids%[2%]: integer expected, got string",
    "figures ids")
  bad(function() c:words{ zzz = 1 } end, 1, "words", "unknown option 'zzz'", "words{zzz}")
  bad(function() c:duplicates(0.5, { zzz = 1 }) end, 2, "duplicates", "unknown option 'zzz'",
    "duplicates")
  bad(function() c:tfidf(1, 3, { zzz = 1 }) end, 3, "tfidf", "unknown option 'zzz'", "tfidf opts")
  bad(function() c:docs(c) end, 1, "docs", "table expected, got corpus", "docs(corpus)")
  bad(function() rs:filter(c) end, 1, "filter", "table expected, got corpus", "rs:filter(corpus)")
  bad(function() c:freq(c) end, 1, "freq", "table expected, got corpus", "freq(corpus)")
  bad(function() c:keyness(c, { ids = { 1 } }) end, 1, "keyness",
    "document filter, result set or list of documents expected, got corpus", "keyness(corpus)")
  bad(function() c:freq{ docs = 5 } end, 1, "freq",
    "docs: document filter, result set or list of documents expected, got number", "docs = 5")
  bad(function() c:freq{ docs = { 1, "x" } } end, 1, "freq",
    "docs: documents or row ids expected, got string at index 2", "docs = {1, 'x'}")
  bad(function() disp:save_svg(fx.dir .. "/d.svg", 5) end, 2, "save_svg",
    "table expected, got number", "save_svg opts")
end)

check.test("wrong types and counts", function()
  bad(function() c:drop({}) end, 1, "drop", "string expected, got table", "drop({})")
  bad(function() c:drop() end, 1, "drop", "string expected, got nil", "drop()")
  bad(function() c:drop(true) end, 1, "drop", "string expected, got boolean", "drop(true)")
  bad(function() rs:save("") end, 1, "save", "name expected, got empty string", "save('')")
  bad(function() corpus.open(5) end, 1, "open", "path expected, got number", "open(5)")
  bad(function() c:similar() end, 1, "similar",
    "document, row id, hash or path expected, got nil", "similar()")
  bad(function() c:tfidf(nil, 3) end, 1, "tfidf",
    "document, row id, hash or path expected, got nil", "tfidf(nil)")
  bad(function() d:similar(-1) end, 1, "similar", "n: %-1 out of range 0%.%.10000", "d:similar(-1)")
  bad(function() rs:forms_line("x") end, 1, "forms_line", "max: integer expected, got string",
    "forms_line('x')")
  bad(function() rs:forms_line(0 / 0) end, 1, "forms_line", "max: integer expected, got %-?nan",
    "forms_line(NaN)")
  bad(function() rs:forms_line(math.huge) end, 1, "forms_line", "max: integer expected, got inf",
    "forms_line(inf)")
  bad(function() kwic.from_matches(nil, {}) end, 1, "from_matches", "corpus expected, got nil",
    "from_matches(nil)")
  bad(function() compare(1, 2, 5) end, 3, "compare", "table expected, got number", "compare opts 5")
  bad(function() compare(1, 2, "x") end, 3, "compare", "table expected, got string", "compare opts 'x'")
  bad(function() compare(1, 2, { zzz = 1 }) end, 3, "compare", "unknown option 'zzz'", "compare zzz")
  bad(function() compare(1, 2, { corpus = 5 }) end, 3, "compare", "corpus: corpus expected, got number",
    "compare corpus = 5")
  bad(function() compare(true, 2, { corpus = c }) end, 1, "compare",
    "document, row id, path, document filter, result set or list expected, got boolean",
    "compare(true)")
  bad(function() compare(1, c, { corpus = c }) end, 2, "compare",
    "document, row id, path, document filter, result set or list expected, got corpus",
    "compare(1, corpus)")
  bad(function() compare({ zzz = 1 }, 1, { corpus = c }) end, 1, "compare", "unknown option 'zzz'",
    "compare filter zzz")
  bad(function() compare.diff(5, {}) end, 1, "diff", "list of paragraphs expected, got number",
    "diff(5)")
  bad(function() compare.diff({}, { "a", 5 }) end, 2, "diff", "string expected at index 2, got number",
    "diff item")
  bad(function() cmp:render(5) end, 1, "render", "table expected, got number", "cmp:render(5)")
end)

check.test("text that is not UTF-8", function()
  bad(function() d:figures{ subject = "\xff" } end, 1, "figures", "subject: Invalid UTF%-8 string",
    "d:figures")
  bad(function() c:figures{ subject = "\xff" } end, 1, "figures", "subject: Invalid UTF%-8 string",
    "corpus:figures")
  bad(function() rs:only("\xff") end, 1, "only", "Invalid UTF%-8 string", "rs:only")
  bad(function() compare.diff({ "\xff" }, {}) end, 1, "diff", "index 1: Invalid UTF%-8 string",
    "diff")
end)

check.test("expected failures return nil, msg", function()
  none(function() return c:similar(999) end, "^no document 999$", "similar(999)")
  none(function() return c:tfidf(999, 3) end, "^no document 999$", "tfidf(999)")
  none(function() return compare(999, 1, { corpus = c }) end, "^no document 999$", "compare(999, 1)")
  none(function() return c:drop("no such set") end, "no saved result set", "drop of nothing")
end)

check.test("the correct uses still work", function()
  check.ok(#c:similar(1, 2) <= 2, "similar")
  check.ok(#c:tfidf(d, 3) <= 3, "tfidf")
  check.ok(#d:similar(2) <= 2, "d:similar")
  check.ok(#d:kwic("Móng Cái", { limit = 2 }) <= 2, "d:kwic")
  check.ok(#rs:kwic("Móng Cái", { limit = 2 }) <= 2, "rs:kwic")
  check.ok(#rs:kwic{ limit = 2 } <= 2, "rs:kwic without a query")
  check.ok(#rs:freq{ top = 3 } <= 3, "rs:freq")
  check.ok(#c:freq{ docs = rs, top = 3 } <= 3, "freq docs = rs")
  check.ok(#c:freq{ year = 2024, top = 3 } <= 3, "freq with a filter")
  check.ok(#c:ngrams(2, { top = 3 }) <= 3, "ngrams")
  check.eq(type(rs:forms_line(2)), "string", "forms_line")
  check.ok(d:figures{ subject = "chi bộ" } ~= nil, "d:figures")
  check.ok(#c:figures{ subject = "chi bộ" } >= 0, "corpus:figures")
  check.eq(c:close(), nil, "close")
  check.ok(#c:list{ limit = 2 } == 2, "reopens")
  check.ok(getmetatable(compare(1, 2, { corpus = c, diff = true })) ~= nil, "compare")
  check.eq(#compare.diff({ "a", "b" }, { "a", "c" }), 3, "diff")
  check.ok(#cmp:render{ width = 80 } > 0, "cmp:render")
  check.ok(disp:save_svg(fx.dir .. "/d.svg", { width = 400 }), "save_svg")
  check.ok(#kwic.from_matches(c, ms) > 0, "from_matches of a match set")
  check.ok(#row:kwic{ limit = 1 } <= 1, "row:kwic")
end)

fx.cleanup()
return check.done()
