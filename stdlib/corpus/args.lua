-- corpus.args — one argument checker for every public method of the
-- corpus module (corpus, documents, result sets, kwic, stats, facts): a
-- misused method raises `bad argument #n to 'name' (...)` like the
-- standard library, never an internal error or a silent truncation.
--
--   local A = require("corpus.args")
--   A.opts("docs", 1, filter, { limit = "count", title = "string" })
--   local n = A.int("kwic", 2, v, "limit", 0)   -- integer >= 0 or error
--
-- Argument numbers count as the standard library does for methods: the
-- first argument after self is #1.

local A = {}

local MAXINT = 2 ^ 53 -- larger limits are refused rather than truncated

-- The folder of the stdlib (this file is <dir>/corpus/args.lua), to find
-- the user's frame on the stack; nil when debug is absent (--sandbox).
local dbg = rawget(_G, "debug")
local STDLIB = dbg and dbg.getinfo and
  (dbg.getinfo(1, "S").source or ""):match("^@(.*/)corpus/args%.lua$")

-- The error level of the first caller outside the stdlib (so the message
-- carries the user's file:line, as the standard library's do), or level.
local function user_level(level)
  if not STDLIB then return level end
  for l = 3, 40 do -- 1 = user_level, 2 = argerror
    local info = dbg.getinfo(l, "S")
    if not info then break end
    local src = info.source
    -- the stdlib may be found as ./stdlib/x.lua or by its absolute path
    local lib = src:sub(1, #STDLIB + 1) == "@" .. STDLIB or
      ("/" .. src:sub(2)):find("/stdlib/", 1, true)
    if info.what ~= "C" and not lib then
      return l - 1 -- as error() counts from argerror
    end
  end
  return level
end

local function argerror(fname, n, msg, level)
  error(string.format("bad argument #%d to '%s' (%s)", n, fname, msg),
    user_level((level or 2) + 1))
end
A.argerror = argerror

-- A.int(fname, n, v, what [, min [, max]]) -> v as an integer: v must be a
-- number with an integer value (not NaN, not inf) in min..max.
function A.int(fname, n, v, what, min, max)
  min, max = min or math.mininteger, max or MAXINT
  local i = math.type(v) == "integer" and v or (math.type(v) == "float" and math.tointeger(v))
  if not i then
    argerror(fname, n, string.format("%s: integer expected, got %s", what,
      type(v) == "number" and tostring(v) or type(v)), 2)
  end
  if i < min or i > max then
    argerror(fname, n, string.format("%s: %s out of range %s..%s", what, tostring(v),
      string.format("%.0f", min), string.format("%.0f", max)), 2)
  end
  return i
end

-- The kinds of option values: name -> predicate(v) and a description.
local KINDS = {
  string = { function(v) return type(v) == "string" end, "string" },
  text = { function(v) return type(v) == "string" or type(v) == "number" end, "string" },
  boolean = { function(v) return type(v) == "boolean" end, "boolean" },
  table = { function(v) return type(v) == "table" end, "table" },
  ["function"] = { function(v) return type(v) == "function" end, "function" },
  number = { function(v) return type(v) == "number" and v == v and v > -math.huge and v < math.huge end,
    "finite number" },
  any = { function() return true end, "value" },
}

-- A.opts(fname, n, t, spec) -> t (or {} when nil): t must be a table whose
-- keys are all in spec; spec maps a key to a kind: "string", "text"
-- (string or number), "boolean", "table", "function", "number" (finite),
-- "count" (integer >= 0), "limit" (integer >= 0 or -1 for all), "any",
-- or a list of kinds (any of them). Unknown keys are refused by name
-- (catches typos).
function A.opts(fname, n, t, spec)
  if t == nil then return {} end
  if type(t) ~= "table" then
    argerror(fname, n, "table expected, got " .. type(t), 2)
  end
  for k, v in pairs(t) do
    local kind = spec[k]
    if kind == nil then
      argerror(fname, n, "unknown option '" .. tostring(k) .. "'", 2)
    end
    local kinds = type(kind) == "table" and kind or { kind }
    local ok, wants = false, {}
    for _, kd in ipairs(kinds) do
      if kd == "count" or kd == "limit" then
        local i = math.type(v) == "integer" and v or (math.type(v) == "float" and math.tointeger(v))
        if i and i >= (kd == "limit" and -1 or 0) and i <= MAXINT then ok = true end
        wants[#wants + 1] = kd == "limit" and "integer >= -1" or "integer >= 0"
      else
        if KINDS[kd][1](v) then ok = true end
        wants[#wants + 1] = KINDS[kd][2]
      end
      if ok then break end
    end
    if not ok then -- a number shows its value when a number was wanted
      local numeric = type(v) == "number" and wants[1]:find("integer")
      argerror(fname, n, string.format("%s: %s expected, got %s", tostring(k),
        table.concat(wants, " or "), numeric and tostring(v) or type(v)), 2)
    end
  end
  return t
end

-- A.like(s) -> the LIKE pattern matching s as a substring, literally:
-- % _ and the escape character \ are escaped (use with ESCAPE '\').
function A.like(s)
  return "%" .. tostring(s):gsub("[%%_\\]", "\\%0") .. "%"
end

return A
