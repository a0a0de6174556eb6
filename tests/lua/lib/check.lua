-- check.lua — the assertion helper shared by the Lua tests (tests/lua/*.lua).
--
--   local check = dofile("tests/lua/lib/check.lua")
--   check.eq(got, want, "what")          deep equality, readable diff on failure
--   check.ok(v, "what")                  truthy
--   check.raises(fn, "pattern", "what")  fn() raises an error matching pattern
--   check.match(s, "pattern", "what")    string matches a Lua pattern
--   check.contains(s, "plain text", "what")
--   check.near(x, y, eps, "what")        numbers within eps
--   check.test("name", function() ... end)  runs a group; an error counts as one failure
--   check.skip("why")                    exit 77: CTest reports the file as skipped
--   return check.done()                  prints "N passed, N failed"; exits 1 on failure
--
-- Tests run from the repo root, by tinsh or by a plain lua5.4: the stdlib
-- folder is added to package.path when missing, so require("frame") works.

local check = { passed = 0, failed = 0, current = nil }

do
  local root = os.getenv("TINSH_SRC") or "."
  local add = root .. "/stdlib/?.lua;" .. root .. "/stdlib/?/init.lua"
  if not package.path:find(root .. "/stdlib/?.lua", 1, true) then
    package.path = add .. ";" .. package.path
  end
end

-- Readable, deterministic serialisation of a value (tables sorted by key).
local function show(v, depth, seen)
  depth, seen = depth or 0, seen or {}
  local t = type(v)
  if t == "string" then return (string.format("%q", v):gsub("\\\n", "\\n")) end
  if t ~= "table" then return tostring(v) end
  if seen[v] then return "<cycle>" end
  if depth > 6 then return "{...}" end
  seen[v] = true
  local keys = {}
  for k in pairs(v) do keys[#keys + 1] = k end
  table.sort(keys, function(a, b)
    local ta, tb = type(a), type(b)
    if ta ~= tb then return ta < tb end
    if ta == "number" or ta == "string" then return a < b end
    return tostring(a) < tostring(b)
  end)
  local parts, n = {}, #v
  for _, k in ipairs(keys) do
    local vs = show(v[k], depth + 1, seen)
    if math.type(k) == "integer" and k >= 1 and k <= n then
      parts[#parts + 1] = vs
    elseif type(k) == "string" and k:match("^[%a_][%w_]*$") then
      parts[#parts + 1] = k .. " = " .. vs
    else
      parts[#parts + 1] = "[" .. show(k, depth + 1, seen) .. "] = " .. vs
    end
  end
  seen[v] = nil
  return "{" .. table.concat(parts, ", ") .. "}"
end
check.show = show

local function path_join(path, k)
  if type(k) == "string" and k:match("^[%a_][%w_]*$") then return path .. "." .. k end
  return path .. "[" .. show(k) .. "]"
end

-- First difference between got and want: path, got, want; nil when equal.
-- Tables compare by content (metatables ignored); NaN equals NaN.
local function diff(got, want, path, seen)
  path, seen = path or "", seen or {}
  if type(got) ~= "table" or type(want) ~= "table" then
    if got == want then return nil end
    if type(got) == "number" and type(want) == "number" and got ~= got and want ~= want then
      return nil
    end
    return path, got, want
  end
  if seen[got] == want then return nil end
  seen[got] = want
  for k, wv in pairs(want) do
    local p, g, w = diff(got[k], wv, path_join(path, k), seen)
    if p then return p, g, w end
  end
  for k, gv in pairs(got) do
    if want[k] == nil then return path_join(path, k), gv, nil end
  end
  return nil
end
check.diff = diff

local function where()
  for level = 3, 8 do
    local info = debug.getinfo(level, "Sl")
    if not info then break end
    if info.short_src ~= debug.getinfo(1, "S").short_src and info.currentline > 0 then
      return info.short_src .. ":" .. info.currentline
    end
  end
  return "?"
end

local function fail(msg, detail)
  check.failed = check.failed + 1
  local name = check.current and (check.current .. ": ") or ""
  io.stdout:write("FAIL ", where(), ": ", name, msg or "(no message)", "\n")
  if detail then io.stdout:write((("    " .. detail):gsub("\n", "\n    ")), "\n") end
  io.stdout:flush()
  return false
end

local function pass()
  check.passed = check.passed + 1
  return true
end

local function clip(s)
  if #s > 2000 then return s:sub(1, 2000) .. "...(" .. #s .. " bytes)" end
  return s
end

-- eq(got, want [, msg]): deep equality; on failure prints the first
-- differing path and both values.
function check.eq(got, want, msg)
  local p, g, w = diff(got, want)
  if p == nil then return pass() end
  local detail
  if p == "" then
    detail = "got:  " .. clip(show(g)) .. "\nwant: " .. clip(show(w))
    if type(g) == "string" and type(w) == "string" then
      local i = 1
      while i <= #g and g:byte(i) == w:byte(i) do i = i + 1 end
      detail = detail .. "\nfirst difference at byte " .. i
        .. ": got " .. show(g:sub(i, i + 30)) .. ", want " .. show(w:sub(i, i + 30))
    end
  else
    detail = "at " .. p .. ": got " .. clip(show(g)) .. ", want " .. clip(show(w))
      .. "\ngot:  " .. clip(show(got)) .. "\nwant: " .. clip(show(want))
  end
  return fail(msg, detail)
end

-- ok(v [, msg]): v is truthy.
function check.ok(v, msg)
  if v then return pass() end
  return fail(msg, "got " .. show(v))
end

-- raises(fn, pattern [, msg]): fn() raises an error whose message matches
-- the Lua pattern (plain substring also accepted).
function check.raises(fn, pattern, msg)
  local ok, err = pcall(fn)
  if ok then return fail(msg, "expected an error matching " .. show(pattern) .. ", none raised") end
  err = tostring(err)
  if pattern == nil or err:find(pattern) or err:find(pattern, 1, true) then return pass() end
  return fail(msg, "error " .. show(err) .. "\ndoes not match " .. show(pattern))
end

-- match(s, pattern [, msg]): s is a string matching the Lua pattern.
function check.match(s, pattern, msg)
  if type(s) == "string" and s:find(pattern) then return pass() end
  return fail(msg, clip(show(s)) .. "\ndoes not match " .. show(pattern))
end

-- contains(s, needle [, msg]): s contains the plain text needle.
function check.contains(s, needle, msg)
  if type(s) == "string" and s:find(needle, 1, true) then return pass() end
  return fail(msg, clip(show(s)) .. "\ndoes not contain " .. show(needle))
end

-- near(x, y [, eps [, msg]]): |x - y| <= eps (default 1e-9).
function check.near(x, y, eps, msg)
  if type(eps) == "string" then msg, eps = eps, nil end
  eps = eps or 1e-9
  if type(x) == "number" and type(y) == "number" and math.abs(x - y) <= eps then return pass() end
  return fail(msg, "got " .. show(x) .. ", want " .. show(y) .. " ± " .. eps)
end

-- test(name, fn): runs fn; an error inside counts as one failure and the
-- file goes on with the next test.
function check.test(name, fn)
  local prev = check.current
  check.current = name
  local ok, err = xpcall(fn, debug.traceback)
  if not ok then fail("error: " .. tostring(err):match("^[^\n]*"), tostring(err)) end
  check.current = prev
end

-- skip(reason): the whole file is skipped (exit status 77 for CTest),
-- e.g. when /work/shared/corpora is absent.
function check.skip(reason)
  io.stdout:write("skip: ", tostring(reason or "no reason given"), "\n")
  io.stdout:flush()
  os.exit(77)
end

-- done(): prints "N passed, N failed" and exits 1 when anything failed.
function check.done()
  io.stdout:write(string.format("%d passed, %d failed\n", check.passed, check.failed))
  io.stdout:flush()
  if check.failed > 0 then os.exit(1) end
  return true
end

return check
