-- Test plan: the fact schema as the stdlib sees it. tinsh.store's
-- fact_schema() lists every fact kind with its SQL table and columns
-- (from the one C declaration); the database's fact tables have exactly
-- those columns; a loaded document carries one list per kind under its
-- Lua key, every item's keys are declared fields, and `tinsh parse
-- --json` has one list per kind under its JSON key; tinsh_fold in SQL
-- folds as core.fold does.
local check = dofile("tests/lua/lib/check.lua")
local fx = dofile("tests/lua/lib/corpus_fixture.lua")
local S = require("tinsh.store")
local core = require("tinsh.core")

local c = fx.open()
local schema = S.fact_schema()

check.test("fact_schema lists every kind", function()
  check.ok(#schema >= 9, "kinds")
  local tables = {}
  for _, k in ipairs(schema) do
    check.ok(type(k.kind) == "string" and type(k.table) == "string", "names")
    check.ok(#k.columns >= 1, k.kind .. " has columns")
    tables[k.table] = true
    for _, col in ipairs(k.columns) do
      check.ok(({ text = 1, integer = 1, real = 1, json = 1 })[col.type] ~= nil,
        k.kind .. "." .. col.name .. " type")
    end
  end
  for _, t in ipairs({ "qa", "people", "figures", "refs", "periods", "places", "quotes",
    "abbrevs", "warnings" }) do
    check.ok(tables[t], t .. " declared")
  end
end)

check.test("tables have the declared columns", function()
  for _, k in ipairs(schema) do
    local got = {}
    for _, r in ipairs(c:sql("SELECT name FROM pragma_table_info(?)", { k.table })) do
      got[#got + 1] = r.name
    end
    local want = { "doc", "seq" }
    for _, col in ipairs(k.columns) do want[#want + 1] = col.name end
    check.eq(table.concat(got, ","), table.concat(want, ","), k.table)
  end
end)

check.test("loaded documents carry every kind, only declared keys", function()
  local seen = {}
  for d in c:docs() do
    local t = d:data()
    for _, k in ipairs(schema) do
      local list = t[k.field]
      check.ok(type(list) == "table", k.field .. " list present")
      local fields = {}
      for _, col in ipairs(k.columns) do fields[col.field] = true end
      for _, item in ipairs(list or {}) do
        if k.bare then
          check.ok(type(item) == "string", k.kind .. " bare string")
        else
          for key in pairs(item) do
            check.ok(fields[key], k.kind .. ": undeclared key " .. tostring(key))
            seen[k.kind .. "." .. key] = true
          end
        end
      end
    end
  end
  check.ok(seen["figure.unit"] and seen["person.titles"], "the example corpus has facts")
end)

check.test("tinsh_fold in SQL folds like core.fold", function()
  for _, s in ipairs({ "Đồng Chí", "THẮNG LỢI", "tỷ đồng", "abc", "" }) do
    local r = c:sql("SELECT tinsh_fold(?) AS f", { s })[1]
    check.eq(r.f, core.fold(s), s)
  end
  check.eq(c:sql("SELECT tinsh_fold(NULL) AS f")[1].f, nil, "NULL stays NULL")
end)

check.done()
