-- corpus.check — argument checks shared by the corpus methods, so that a
-- misused method raises `bad argument #n to 'name' (...)` like the
-- standard library, never an internal error, and never truncates a value
-- silently. Depends on nothing else of the corpus (no cycle).
--
--   check.opts(t, n, fname, known [, noun])  t is nil or a table whose keys
--                                    are all in known ({key = true}); returns
--                                    t or {}; noun names a bad key's kind
--   check.whole(v, n, fname, field, lo, hi)  nil, or a whole number in
--                                    [lo, hi] (2.0 is 2; 2.5, NaN, inf fail)
--   check.str(v, n, fname, field)    nil, or a string (numbers become one)
--   check.ids(v, n, fname, field)    nil, or a list of integer row ids
--   check.like(s)                    a LIKE pattern matching s literally
--                                    (use with ESCAPE '\')
local M = {}

-- M.depth: how many stdlib calls stand between the method the user called
-- and the check (the error points at the user's line); see filter_sql
M.depth = 0
local function fail(n, fname, msg)
  error(string.format("bad argument #%d to '%s' (%s)", n, fname, msg), 4 + M.depth)
end

local function what(field) return field and ("field '" .. field .. "': ") or "" end

function M.opts(t, n, fname, known, noun)
  if t == nil then return {} end
  if type(t) ~= "table" then
    fail(n, fname, "table of options expected, got " .. type(t))
  end
  if known then
    for k in pairs(t) do
      if not known[k] then
        fail(n, fname, (noun or "unknown option") .. " '" .. tostring(k) .. "'")
      end
    end
  end
  return t
end

function M.whole(v, n, fname, field, lo, hi)
  if v == nil then return nil end
  local i = math.type(v) == "integer" and v or
    (type(v) == "number" and v == v and math.tointeger(v))
  if not i then
    fail(n, fname, what(field) .. "whole number expected, got " ..
      (type(v) == "number" and tostring(v) or type(v)))
  end
  if (lo and i < lo) or (hi and i > hi) then
    fail(n, fname, string.format("%s must be %s..%s, got %d",
      field or "value", lo and tostring(lo) or "",
      hi and tostring(hi) or "", i))
  end
  return i
end

function M.str(v, n, fname, field)
  if v == nil then return nil end
  if type(v) == "number" then return tostring(v) end
  if type(v) ~= "string" then
    fail(n, fname, what(field) .. "string expected, got " .. type(v))
  end
  return v
end

function M.ids(v, n, fname, field)
  if v == nil then return nil end
  if type(v) ~= "table" then
    fail(n, fname, what(field) .. "list of row ids expected, got " .. type(v))
  end
  for _, id in ipairs(v) do
    if math.type(id) ~= "integer" then
      fail(n, fname, what(field) .. "integer row ids expected")
    end
  end
  return v
end

function M.like(s)
  return "%" .. s:gsub("[%%_\\]", "\\%0") .. "%"
end

return M
