-- Test plan: the fact methods (corpus:figures, people, refs, places,
-- periods, quotes) check their options and survive damaged fact rows:
--   * options not a table, a fact filter that is a table or a boolean,
--     year with pattern characters ("20("), doc not a row id, docs not a
--     list or with a non-document entry: bad argument #1 to 'name'.
--   * a people row whose titles is not JSON, a figures row whose block is
--     text or negative (a damaged database): the frame still comes back,
--     the damaged values read as none.
--   * the well-formed calls still work.
local check = dofile("tests/lua/lib/check.lua")
local fx = dofile("tests/lua/lib/corpus_fixture.lua")
local S = require("tinsh.store")

local c = fx.open()

local function bad(fn, name, what, msg)
  local ok, err = pcall(fn)
  check.ok(not ok, msg .. ": raises")
  check.match(tostring(err), "bad argument #1 to '" .. name .. "' %(" .. what, msg)
end

check.test("fact options are checked", function()
  for _, name in ipairs{ "figures", "people", "refs", "places", "periods", "quotes" } do
    bad(function() c[name](c, 5) end, name, "table expected", name .. "(5)")
    bad(function() c[name](c, { doc = 2.5 }) end, name, "doc:", name .. " doc 2.5")
    bad(function() c[name](c, { docs = 3 }) end, name, "docs:", name .. " docs 3")
    bad(function() c[name](c, { docs = { 1, "x" } }) end, name, "docs:", name .. " docs x")
    bad(function() c[name](c, { text = {} }) end, name, "text:", name .. " text {}")
  end
  bad(function() c:figures{ subject = true } end, "figures", "subject:", "subject true")
  bad(function() c:figures{ year = "20(" } end, "figures", "year:", "year pattern")
  bad(function() c:people{ name = {} } end, "people", "name:", "name {}")
  check.ok(#c:figures{ year = 2024 } >= 0, "year 2024")
  check.ok(#c:people{ docs = { c:get(1) } } >= 0, "docs list")
  check.ok(#c:places{ doc = 1 } >= 0, "doc id")
end)

check.test("damaged fact rows read as none", function()
  local w = assert(S.open(fx.db, { write = true }))
  local np = w:all("SELECT count(*) AS n FROM people")[1].n
  local nf = w:all("SELECT count(*) AS n FROM figures")[1].n
  check.ok(np > 0 and nf > 0, "the fixture has people and figures")
  w:exec("UPDATE people SET titles = '[not json' WHERE rowid = (SELECT min(rowid) FROM people)")
  w:exec("UPDATE figures SET block = 'x' WHERE rowid = (SELECT min(rowid) FROM figures)")
  w:exec("UPDATE figures SET block = -4 WHERE rowid = (SELECT max(rowid) FROM figures)")
  w:close()
  local ok, people = pcall(c.people, c)
  check.ok(ok, "people with damaged titles: " .. tostring(people))
  local ok2, figs = pcall(c.figures, c)
  check.ok(ok2, "figures with a damaged block: " .. tostring(figs))
  if ok2 then
    for i = 1, #figs do
      local b = figs[i].block
      check.ok(b == nil or (math.type(b) == "integer" and b >= 1), "block " .. tostring(b))
    end
  end
end)

fx.cleanup()
return check.done()
