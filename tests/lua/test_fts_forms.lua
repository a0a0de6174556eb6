-- Test plan: the index with dominant forms (schema 10, tokenizer argument
-- forms1; fts.h). A new database has it; FTS5's integrity check passes;
-- it holds fewer tokens than an index of both forms made from the same
-- documents (the table declared as schema 9 declared it, then 'rebuild'),
-- and both answer every query with the same documents: words with and
-- without diacritics, a form that is not the dominant one, phrases, word
-- tokens, prefixes with and without diacritics, NEAR, a column filter.
-- `tinsh ingest --reparse` makes the older index anew with dominant forms
-- (its summary says so), after which it passes the integrity check and
-- still answers alike; a second --reparse leaves it as it is.
local check = dofile("tests/lua/lib/check.lua")
local fx = dofile("tests/lua/lib/corpus_fixture.lua")
local S = require("tinsh.store")

local QUERIES = { "mong cai", "móng cái", "dang", "đảng", "đang", "dạng", "phat trien",
  "phát triển", "quang ninh", "quảng ninh", "\"kinh te\"", "\"kinh tế\"", "tinh uy",
  "quang*", "quả*", "cong*", "công*", "ph*", "đ*", "d*", "a*", "2024", "\"5.000\"", "\"20-NQ/TU\"",
  "NEAR(phat trien, 3)", "title: quang", "nong thon moi", "nông thôn mới", "dong chi",
  "đồng chí", "nguoi", "người", "uy ban nhan dan" }

local function with(db, fn)
  local h = assert(S.open(db, { write = true }))
  local r = fn(h)
  h:close()
  return r
end

local function fts_sql(db)
  return with(db, function(h)
    return h:all("SELECT sql FROM sqlite_master WHERE name = 'fts'")[1].sql
  end)
end

local function tokens(db)
  return with(db, function(h)
    h:exec("CREATE VIRTUAL TABLE temp.v USING fts5vocab(main, fts, 'row')")
    return h:all("SELECT sum(cnt) AS n FROM temp.v")[1].n
  end)
end

local function integrity(db)
  return with(db, function(h)
    return pcall(h.exec, h, "INSERT INTO fts(fts) VALUES('integrity-check')")
  end)
end

local function answers(db)
  local out = {}
  with(db, function(h)
    for _, q in ipairs(QUERIES) do
      local ids = {}
      for _, r in ipairs(h:all("SELECT rowid FROM fts WHERE fts MATCH ?1 ORDER BY rowid",
          { q })) do ids[#ids + 1] = r.rowid end
      out[q] = table.concat(ids, ",")
    end
  end)
  return out
end

fx.build()
local new = fx.db
local old = fx.dir .. "/old.db"

check.test("a new database: dominant forms", function()
  check.ok(fts_sql(new):find("tokenize='tinsh forms1'", 1, true), "forms1: " .. fts_sql(new))
  check.ok(integrity(new), "integrity-check passes")
end)

-- the same documents indexed with both forms of every token (schema 9)
assert(os.execute("cp " .. fx.quote(new) .. " " .. fx.quote(old)))
with(old, function(h)
  local sql = h:all("SELECT sql FROM sqlite_master WHERE name = 'fts'")[1].sql
  h:exec("BEGIN; DROP TABLE fts; " .. sql:gsub("'tinsh forms1'", "'tinsh'") ..
    "; INSERT INTO fts(fts) VALUES('rebuild'); COMMIT")
end)
local want = answers(new)

check.test("both forms: more tokens, the same answers", function()
  check.ok(fts_sql(old):find("tokenize='tinsh')", 1, true), "schema 9's table")
  check.ok(integrity(old), "integrity-check passes")
  local a, b = tokens(old), tokens(new)
  check.ok(b < a * 0.8, ("dominant forms: %d tokens against %d"):format(b, a))
  local got = answers(old)
  local hits = 0
  for _, q in ipairs(QUERIES) do
    check.eq(got[q], want[q], q)
    if want[q] ~= "" then hits = hits + 1 end
  end
  check.ok(hits >= #QUERIES - 2, "the queries find documents (" .. hits .. ")")
end)

check.test("--reparse makes the older index anew", function()
  local out, code = fx.run("--db " .. fx.quote(old) .. " ingest --reparse " ..
    fx.quote(fx.src .. "/examples/corpus"))
  check.eq(code, 0, "ingest --reparse: " .. out)
  check.ok(out:find("full-text index made anew with dominant forms", 1, true), out)
  check.ok(fts_sql(old):find("tokenize='tinsh forms1'", 1, true), "forms1 now")
  check.ok(integrity(old), "integrity-check passes")
  check.eq(tokens(old), tokens(new), "as many tokens as a new file's")
  local got = answers(old)
  for _, q in ipairs(QUERIES) do check.eq(got[q], want[q], q) end
  out = fx.run("--db " .. fx.quote(old) .. " ingest --reparse " ..
    fx.quote(fx.src .. "/examples/corpus"))
  check.ok(not out:find("made anew", 1, true), "once only: " .. out)
end)

fx.cleanup()
check.done()
