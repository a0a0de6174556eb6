-- Test plan: corpus:kwic takes its hits from the token position maps
-- (table doc_tokmap, schema 8, and FTS5's phrase instances) and must give
-- exactly the lines of the path that searches and segments the texts
-- (kwic.from_maps = false) — every field of every line — on the example
-- corpus for queries with and without diacritics, one and several
-- syllables, prefixes, numbers, with {words = n}, {unit = "syllable"},
-- block kinds and a limit. The maps are really read: texts changed behind
-- the index's back (same lengths) still give the index's hits, and a
-- damaged map (random bytes, truncated, empty) falls back to the text. A corpus re-ingested after one file
-- changed and one was removed keeps one map per document (none left
-- behind) and the same equality. A database from before schema 8
-- (doc_tokmap dropped, schema_version 7) opens, upgrades, and its
-- concordance (no maps: every document from its text) is unchanged;
-- --reparse gives every document its map again. A word taught after the
-- ingest (corpus:words) makes the maps' words stale: the lines still
-- follow the current lexicon.
local check = dofile("tests/lua/lib/check.lua")
local fx = dofile("tests/lua/lib/corpus_fixture.lua")
local K = require("corpus.kwic")
local S = require("tinsh.store")
local corpus = require("corpus")

local FIELDS = { "rowid", "block", "kind", "title", "date", "s", "e", "left", "match", "right" }
local QUERIES = { "phát triển", "phat trien", "PHÁT TRIỂN", "Móng Cái", "kinh tế", "đồng",
  "dong", "thành phố", "phát", "tỷ đồng", "Quảng Ninh", "2024", "5.000", "phát tri*", "công*",
  "người", "của", "a", "ủy ban nhân dân", "nông thôn" }
local OPTS = { {}, { words = 0 }, { words = 3 }, { unit = "syllable" },
  { unit = "syllable", words = 2 }, { kinds = { "title", "paragraph" } },
  { kinds = "caption" }, { limit = 3 }, { sort = "left", limit = 5 } }

local function copy(t)
  local o = {}
  for k, v in pairs(t or {}) do o[k] = v end
  return o
end

local function lines(c, q, o, maps)
  K.from_maps = maps
  local k = c:kwic(q, copy(o))
  K.from_maps = nil
  if maps == false then check.eq(k._mapped, 0, "from the texts") end
  local out = { mapped = k._mapped }
  for i = 1, #k do
    local l = {}
    for _, f in ipairs(FIELDS) do l[f] = k[i][f] end
    out[i] = l
  end
  return out
end

-- The first difference between a and b, or nil.
local function diff(a, b)
  if #a ~= #b then return #a .. " lines vs " .. #b end
  for i = 1, #a do
    for _, f in ipairs(FIELDS) do
      if a[i][f] ~= b[i][f] then return "line " .. i .. " " .. f end
    end
  end
end

-- Maps and texts give the same lines for every query and option; the
-- number of lines seen.
local function all_same(c, label)
  local total = 0
  for _, q in ipairs(QUERIES) do
    for _, o in ipairs(OPTS) do
      local a, b = lines(c, q, o, true), lines(c, q, o, false)
      local d = diff(a, b)
      if d then
        check.ok(false, label .. ": " .. q .. " differs: " .. d)
        return total
      end
      total = total + #a
    end
  end
  check.ok(true, label .. ": same lines")
  return total
end

local function sh(cmd)
  local ok = os.execute(cmd .. " >/dev/null 2>&1")
  assert(ok, cmd)
end

local function count(db, sql)
  local h = assert(S.open(db))
  local r = h:sql(sql)[1]
  local _, n = next(r)
  h:close()
  return n
end
local function exec(db, sql)
  local h = assert(S.open(db, { write = true }))
  h:exec(sql)
  h:close()
end

local c = fx.open()

check.test("maps and texts: the same lines", function()
  check.eq(count(fx.db, "SELECT count(*) FROM doc_tokmap"),
    count(fx.db, "SELECT count(*) FROM documents"), "one map per document")
  check.ok(all_same(c, "example corpus") > 500, "lines found")
  check.ok(lines(c, "phát triển", {}, true).mapped > 10, "blocks read from the maps")
end)

check.test("the maps are read", function()
  local db = fx.dir .. "/swap.db"
  sh("cp " .. fx.quote(fx.db) .. " " .. fx.quote(db))
  -- the texts changed behind the index's back, same lengths: the maps
  -- (and FTS5's instances) still point at the old words
  exec(db, "CREATE TABLE m AS SELECT doc, map FROM doc_tokmap;" ..
    "UPDATE documents SET text = replace(text, 'phát triển', 'ABCDEFGHIJKLM')")
  local w = assert(corpus.open(db))
  local a, b = lines(w, "phát triển", {}, true), lines(w, "phát triển", {}, false)
  check.ok(#a > #b, "the hits come from the maps")
  local seen = false
  for _, l in ipairs(a) do seen = seen or l.match == "ABCDEFGHIJKLM" end
  check.ok(seen, "cut from the text at the map's offsets")
  w:close()
  -- damaged maps: random bytes, a truncated map, an empty one
  exec(db, "UPDATE doc_tokmap SET map = CASE doc % 3 WHEN 0 THEN randomblob(40) " ..
    "WHEN 1 THEN substr((SELECT map FROM m WHERE m.doc = doc_tokmap.doc), 1, 30) ELSE x'' END")
  w = assert(corpus.open(db))
  all_same(w, "damaged maps")
  check.eq(lines(w, "phát triển", {}, true).mapped, 0, "no damaged map read")
  w:close()
end)

check.test("a changed and a removed file", function()
  local dir, db = fx.dir .. "/src", fx.dir .. "/changed.db"
  sh("mkdir -p " .. fx.quote(dir) .. " && cp " .. fx.quote(fx.src) .. "/examples/corpus/*.txt " ..
    fx.quote(dir))
  sh(fx.quote(fx.tinsh) .. " --db " .. fx.quote(db) .. " ingest " .. fx.quote(dir))
  local files = {}
  for f in io.popen("ls " .. fx.quote(dir)):lines() do files[#files + 1] = dir .. "/" .. f end
  os.remove(files[1])
  local f = assert(io.open(files[2]))
  local text = f:read("a")
  f:close()
  local n
  text, n = text:gsub("phát triển", "phát triển xanh bền vững", 1)
  assert(n == 1, "phát triển in " .. files[2])
  f = assert(io.open(files[2], "w"))
  f:write(text)
  f:close()
  sh(fx.quote(fx.tinsh) .. " --db " .. fx.quote(db) .. " ingest --prune " .. fx.quote(dir))
  check.eq(count(db, "SELECT count(*) FROM documents"), #files - 1, "the removed file's document gone")
  check.eq(count(db, "SELECT count(*) FROM doc_tokmap"), count(db, "SELECT count(*) FROM documents"),
    "one map per document")
  check.eq(count(db, "SELECT count(*) FROM doc_tokmap WHERE doc NOT IN (SELECT id FROM documents)"),
    0, "no map left behind")
  local w = assert(corpus.open(db))
  all_same(w, "after a change")
  local found = false
  local k = lines(w, "phát triển xanh", {}, true)
  for _, l in ipairs(k) do found = found or l.rowid > 0 end
  check.ok(found and k.mapped > 0, "the changed text is found from its map")
  w:close()
end)

check.test("a database from before the maps", function()
  local db = fx.dir .. "/old.db"
  sh("cp " .. fx.quote(fx.db) .. " " .. fx.quote(db))
  exec(db, "DROP TABLE doc_tokmap; UPDATE meta SET value = '7' WHERE key = 'schema_version'")
  assert(S.open(db, { write = true })):close() -- opening for writing upgrades
  check.eq(count(db, "SELECT value FROM meta WHERE key = 'schema_version'"), "10", "upgraded")
  check.eq(count(db, "SELECT count(*) FROM doc_tokmap"), 0, "no maps yet")
  w = assert(corpus.open(db))
  for _, q in ipairs({ "phát triển", "đồng", "công*" }) do
    local a = lines(w, q, {}, true)
    check.eq(diff(a, lines(c, q, {}, false)), nil, q .. " without maps")
    check.eq(a.mapped, 0, q .. ": no map read")
  end
  w:close()
  sh(fx.quote(fx.tinsh) .. " --db " .. fx.quote(db) .. " ingest --reparse " ..
    fx.quote(fx.src .. "/examples/corpus"))
  check.eq(count(db, "SELECT count(*) FROM doc_tokmap"), count(db, "SELECT count(*) FROM documents"),
    "--reparse makes the maps")
  w = assert(corpus.open(db))
  check.ok(lines(w, "phát triển", {}, true).mapped > 0, "maps read after --reparse")
  w:close()
end)

check.test("a word taught after the ingest", function()
  local db = fx.dir .. "/taught.db"
  sh("cp " .. fx.quote(fx.db) .. " " .. fx.quote(db))
  local w = assert(corpus.open(db, { write = true }))
  local before = #lines(w, "nông thôn", {}, true)
  assert(w:words{ add = { "nông thôn mới" } })
  local a, b = lines(w, "nông thôn", {}, true), lines(w, "nông thôn", {}, false)
  check.eq(diff(a, b), nil, "the current lexicon's words")
  check.eq(a.mapped, 0, "stale words: no map read")
  check.ok(lines(w, "nông thôn", { unit = "syllable" }, true).mapped > 0,
    "syllables need no words: maps read")
  check.ok(#a < before, "nông thôn mới is one word now")
  w:close()
  sh(fx.quote(fx.tinsh) .. " --db " .. fx.quote(db) .. " ingest --reparse " ..
    fx.quote(fx.src .. "/examples/corpus"))
  w = assert(corpus.open(db))
  local r = lines(w, "nông thôn", {}, true)
  check.eq(diff(r, b), nil, "maps remade with the taught word")
  check.ok(r.mapped > 0, "maps read again")
  w:close()
end)

fx.cleanup()
check.done()
