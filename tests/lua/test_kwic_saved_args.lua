-- Test plan: the concordance's render/show and corpus:saved check their
-- arguments (bad argument #1, never "attempt to index a number" or
-- "cannot bind a table"): k:render(5), k:render{limit = 0/0},
-- k:render{limit = 2.5}, k:render{widht = 80} (a typo), k:show(true),
-- c:saved({}), c:saved(5); well-formed calls still work.
local check = dofile("tests/lua/lib/check.lua")
local fx = dofile("tests/lua/lib/corpus_fixture.lua")

local c = fx.open()
local k = c:kwic("Móng Cái")

local function bad(fn, name, what, msg)
  local ok, err = pcall(fn)
  check.ok(not ok, msg .. ": raises")
  check.match(tostring(err), "bad argument #1 to '" .. name .. "' %(" .. what, msg)
end

check.test("kwic render and show", function()
  bad(function() return k:render(5) end, "render", "table expected", "render(5)")
  bad(function() return k:render{ limit = 0 / 0 } end, "render", "limit:", "limit NaN")
  bad(function() return k:render{ limit = 2.5 } end, "render", "limit:", "limit 2.5")
  bad(function() return k:render{ widht = 80 } end, "render", "unknown option 'widht'", "typo")
  bad(function() return k:show(true) end, "show", "table expected", "show(true)")
  local out = k:render{ width = 80, limit = 1 }
  check.ok(type(out) == "string" and #out > 0, "render{width = 80, limit = 1}")
end)

check.test("saved needs a name", function()
  bad(function() return c:saved({}) end, "saved", "name expected", "saved({})")
  bad(function() return c:saved(5) end, "saved", "name expected", "saved(5)")
  local rs, msg = c:saved("none-such")
  check.eq(rs, nil, "missing set")
  check.ok(msg ~= nil, "with a message")
end)

fx.cleanup()
return check.done()
