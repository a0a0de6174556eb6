-- Test plan (the shape of stdlib/): computed from the sources, not from a
-- hand list.
--   1. Every stdlib module (each stdlib/**/*.lua, named by its path) loads.
--   2. The require graph, read from every require("...") call in the code
--      (comments stripped; calls inside functions, pcall(require, ...) and
--      lazy loaders called with a module name included), has no module
--      requiring its parent or any ancestor (corpus.doc -> corpus), and no
--      cycle of any length.
--   3. The store gateway: no stdlib file but corpus/sql.lua holds SQL
--      statements (SELECT, INSERT, UPDATE, DELETE, CREATE); the only
--      exception is the help text of corpus:sql, whose examples are SQL.
--   4. The checkers themselves: a made-up source with a parent require
--      and a made-up cycle are found (so 2 and 3 can fail).
local check = dofile("tests/lua/lib/check.lua")

local ROOT = "stdlib/"

-- The stdlib files: list of {path = "stdlib/corpus/doc.lua", name = "corpus.doc"}.
local function stdlib_files()
  local p = assert(io.popen("find " .. ROOT .. " -name '*.lua' -type f | LC_ALL=C sort"))
  local out = {}
  for path in p:lines() do
    local name = path:sub(#ROOT + 1):gsub("%.lua$", ""):gsub("/", ".")
    out[#out + 1] = { path = path, name = name }
  end
  p:close()
  return out
end

local function read(path)
  local f = assert(io.open(path, "rb"))
  local s = f:read("a")
  f:close()
  return s
end

-- The source without its comments: long comments, then "--" to the end
-- of a line when it is outside a short string literal. Long strings are
-- kept as they are (a "--" inside one is rare and only hides text).
local function strip_comments(src)
  src = src:gsub("%-%-%[(=*)%[.-%]%1%]", "")
  local out = {}
  for line in (src .. "\n"):gmatch("(.-)\n") do
    local i, quote, cut = 1, nil, nil
    while i <= #line do
      local ch = line:sub(i, i)
      if quote then
        if ch == "\\" then i = i + 1 elseif ch == quote then quote = nil end
      elseif ch == '"' or ch == "'" then
        quote = ch
      elseif line:sub(i, i + 1) == "--" then
        cut = i
        break
      end
      i = i + 1
    end
    out[#out + 1] = cut and line:sub(1, cut - 1) or line
  end
  return table.concat(out, "\n")
end

-- The module names a source requires by a literal name: require("m"),
-- require "m", pcall(require, "m"), and — when modules is given — any
-- call whose one argument is a string naming a stdlib module (a lazy
-- loader such as lazy("frame")).
local function requires_of(src, modules)
  local code, names, seen = strip_comments(src), {}, {}
  local function add(n) if not seen[n] then seen[n] = true; names[#names + 1] = n end end
  for _, pat in ipairs({ "require%s*%(%s*([\"'])(.-)%1%s*%)", "require%s*([\"'])(.-)%1",
      "pcall%(%s*require%s*,%s*([\"'])(.-)%1" }) do
    for _, n in code:gmatch(pat) do add(n) end
  end
  if modules then
    for _, n in code:gmatch("[%w_%]%)]%s*%(%s*([\"'])([%w_.]+)%1%s*%)") do
      if modules[n] then add(n) end
    end
  end
  return names
end

-- Problems of a graph {name -> list of required names} restricted to the
-- names in it: "a requires its parent p" and "cycle: a -> b -> a".
local function graph_problems(graph)
  local problems = {}
  for name, deps in pairs(graph) do
    for _, d in ipairs(deps) do
      if name:sub(1, #d + 1) == d .. "." then
        problems[#problems + 1] = name .. " requires its parent " .. d
      end
    end
  end
  local state, stack = {}, {}
  local function visit(n)
    state[n] = "open"
    stack[#stack + 1] = n
    for _, d in ipairs(graph[n] or {}) do
      if graph[d] then
        if state[d] == "open" then
          local from = 1
          for i, s in ipairs(stack) do if s == d then from = i end end
          problems[#problems + 1] = "cycle: " ..
            table.concat(stack, " -> ", from) .. " -> " .. d
        elseif not state[d] then
          visit(d)
        end
      end
    end
    stack[#stack] = nil
    state[n] = "done"
  end
  local names = {}
  for n in pairs(graph) do names[#names + 1] = n end
  table.sort(names)
  for _, n in ipairs(names) do if not state[n] then visit(n) end end
  table.sort(problems)
  return problems
end

local SQL = { "SELECT", "INSERT", "UPDATE", "DELETE", "CREATE" }

-- The lines of src holding an SQL statement keyword (upper case, a whole
-- word), except the examples of corpus:sql in help texts.
local function sql_lines(src)
  local bad, n = {}, 0
  for line in (src .. "\n"):gmatch("(.-)\n") do
    n = n + 1
    for _, kw in ipairs(SQL) do
      if line:find("%f[%w_]" .. kw .. "%f[^%w_]") and not line:find("corpus:sql(", 1, true) then
        bad[#bad + 1] = n .. ": " .. line
        break
      end
    end
  end
  return bad
end

local files = stdlib_files()

check.test("the checkers find what they look for", function()
  check.eq(requires_of([[
local a = require("x.y")  -- require("commented")
local function f() return require 'z' end
--[==[ require("long comment") ]==]
local ok, m = pcall(require, "w")
local s = "-- not a comment"; local b = require("v")]]), { "x.y", "v", "z", "w" })
  check.eq(requires_of('local f = lazy("m.n"); g("other"); t = { x = "m.n" }', { ["m.n"] = true }),
    { "m.n" }, "a lazy loader's module name")
  check.eq(graph_problems({ a = { "b" }, b = { "c" }, c = { "a" }, d = { "a" } }),
    { "cycle: a -> b -> c -> a" }, "a three-module cycle")
  check.eq(graph_problems({ ["p.q"] = { "p" }, p = {} }), { "p.q requires its parent p" })
  check.eq(graph_problems({ ["p.q.r"] = { "p" }, p = {} }), { "p.q.r requires its parent p" },
    "an ancestor counts as a parent")
  check.eq(graph_problems({ ["p.q"] = { "p.r", "tinsh.core" }, ["p.r"] = {} }), {},
    "siblings and modules outside the graph are fine")
  check.eq(#sql_lines('local x = "SELECT 1"\nlocal y = 2'), 1)
  check.eq(#sql_lines('-- f:select(...)\nlocal deleted = 1'), 0, "words, upper case only")
end)

check.test("every stdlib module loads", function()
  check.ok(#files > 15, "found the stdlib (" .. #files .. " files)")
  for _, f in ipairs(files) do
    local ok, err = pcall(require, f.name)
    check.ok(ok, "require('" .. f.name .. "'): " .. tostring(err))
  end
end)

check.test("no module requires its parent, no require cycle", function()
  local graph, modules = {}, {}
  for _, f in ipairs(files) do modules[f.name] = true end
  for _, f in ipairs(files) do graph[f.name] = requires_of(read(f.path), modules) end
  check.ok(#graph["corpus"] > 0, "corpus requires something (the scan works)")
  check.eq(graph_problems(graph), {}, "problems of the stdlib require graph")
end)

check.test("SQL only in the store gateway corpus/sql.lua", function()
  local gateway = read(ROOT .. "corpus/sql.lua")
  check.ok(#sql_lines(gateway) > 20, "the gateway holds the SQL")
  for _, f in ipairs(files) do
    if f.name ~= "corpus.sql" then
      check.eq(sql_lines(read(f.path)), {}, f.path .. " holds no SQL")
    end
  end
end)

check.done()
