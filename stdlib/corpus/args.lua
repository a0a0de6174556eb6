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
-- first argument after self is #1. A wrong self (a method called with '.'
-- instead of ':', or on another object) is argument #1 too, as
-- luaL_checkudata reports it for a method called with '.', the only way
-- to pass one: corpus.close(5) -> bad argument #1 to 'close' (corpus
-- expected, got number). A.methods checks self for every method of a
-- method table. "expected" names the object in words (corpus, document,
-- result set, match set, concordance, dispersion plot, comparison,
-- statistics row); "got" names the type as the standard library does (a
-- metatable's __name such as corpus.results, else type()).
--
-- Expected failures (a document that does not exist, nothing saved under
-- a name) are no misuse: the methods return nil, msg for them.

local A = {}

local MAXINT = 2 ^ 53 -- larger limits are refused rather than truncated
local MAXWORDS = 100000 -- KWIC_WORDS_MAX of shell/kwic.h: words of context on a side

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

-- A.reraise(e, level): raise error e (caught from a check of this module)
-- again: as it is when its position is the user's (the stack could be
-- read), else without its position at level, counted as error() does
-- from the function that calls A.reraise.
function A.reraise(e, level)
  if STDLIB then error(e, 0) end
  error((tostring(e):gsub("^[^\n]-:%d+: ", "")), level + 1)
end

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

-- A.typename(v) -> the type of v as messages name it: its metatable's
-- __name (as luaL_typeerror does), else type(v).
function A.typename(v)
  local mt = getmetatable(v)
  local name = type(mt) == "table" and rawget(mt, "__name")
  return type(name) == "string" and name or type(v)
end
local typename = A.typename

-- A.check(fname, n, v, is [, what [, level]]) -> v: raises bad argument #n
-- to fname (what expected, got <type>) unless is(v); is may be the name of
-- a kind of A.opts ("string", "table", ...: what defaults to its
-- description); level as argerror's.
function A.check(fname, n, v, is, what, level)
  if type(is) == "string" then is, what = KINDS[is][1], what or KINDS[is][2] end
  if not is(v) then
    argerror(fname, n, what .. " expected, got " .. (v == "" and "empty string" or typename(v)),
      (level or 2) + 1)
  end
  return v
end

-- A.path(fname, n, v [, what]) -> v: a file name, a string without a NUL
-- byte (the C library would cut it there and open another file).
function A.path(fname, n, v, what)
  A.check(fname, n, v, "string", what or "path", 2)
  if v:find("\0", 1, true) then argerror(fname, n, "path contains a NUL byte", 2) end
  return v
end

-- A.self(fname, v, is, what [, level]) -> v: the self check of method fname
-- (argument #1, see the header).
function A.self(fname, v, is, what, level)
  return A.check(fname, 1, v, is, what, (level or 2) + 1)
end

-- A.methods(t, is, what) -> t: every function of method table t (string
-- keys) replaced by one that checks self with A.self(key, self, is, what)
-- and tail-calls the original (so an error level inside it still counts
-- from the user's call). Wrap before the methods are registered for help.
function A.methods(t, is, what)
  for k, fn in pairs(t) do
    if type(k) == "string" and type(fn) == "function" then
      t[k] = A.method(k, fn, is, what)
    end
  end
  return t
end

-- A.method(name, fn, is, what) -> fn with its self checked (A.methods).
function A.method(name, fn, is, what)
  return function(self, ...)
    if not is(self) then A.self(name, self, is, what, 2) end
    return fn(self, ...)
  end
end

-- A.opts(fname, n, t, spec) -> t (or {} when nil): t must be a table whose
-- keys are all in spec; spec maps a key to a kind: "string", "text"
-- (string or number), "boolean", "table", "function", "number" (finite),
-- "count" (integer >= 0), "limit" (integer >= 0 or -1 for all), "words"
-- (a context in words: integer 0..100000, the C side's limit), "any",
-- or a list of kinds (any of them). Unknown keys are refused by name
-- (catches typos); so is an object (a table whose metatable has a
-- __name: a corpus, a result set, a document...) given for the table.
-- Edit distance of a and b (bytes; a swap of two neighbours is one edit:
-- "titel" is one from "title"), up to cap + 1.
local function distance(a, b, cap)
  if math.abs(#a - #b) > cap then return cap + 1 end
  local pp, prev = nil, {}
  for j = 0, #b do prev[j] = j end
  for i = 1, #a do
    local cur, lo = { [0] = i }, i
    for j = 1, #b do
      local c = a:byte(i) == b:byte(j) and 0 or 1
      cur[j] = math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + c)
      if pp and j > 1 and a:byte(i) == b:byte(j - 1) and a:byte(i - 1) == b:byte(j) then
        cur[j] = math.min(cur[j], pp[j - 2] + 1)
      end
      if cur[j] < lo then lo = cur[j] end
    end
    if lo > cap then return cap + 1 end
    pp, prev = prev, cur
  end
  return prev[#b]
end

-- What to say after "unknown option 'k'": the known option nearest k (one
-- or two edits, for a key of 4 bytes or more: "; did you mean 'limit'?"),
-- else the known ones when few.
local function known_hint(k, spec)
  local names, best, bd = {}, nil, 3
  for name in pairs(spec) do
    if type(name) == "string" then
      names[#names + 1] = name
      local d = type(k) == "string" and distance(k, name, 2) or 3
      if d < bd or (d == bd and best and name < best) then best, bd = name, d end
    end
  end
  if best and bd <= 2 and #k >= 4 then return "; did you mean '" .. best .. "'?" end
  table.sort(names)
  if #names == 0 or #names > 16 then return "" end
  return "; options: " .. table.concat(names, ", ")
end

function A.opts(fname, n, t, spec)
  if t == nil then return {} end
  if type(t) ~= "table" or typename(t) ~= "table" then
    argerror(fname, n, "table expected, got " .. typename(t), 2)
  end
  for k, v in pairs(t) do
    local kind = spec[k]
    if kind == nil then
      argerror(fname, n, "unknown option '" .. tostring(k) .. "'" .. known_hint(k, spec), 2)
    end
    local kinds = type(kind) == "table" and kind or { kind }
    local ok, wants = false, {}
    for _, kd in ipairs(kinds) do
      if kd == "count" or kd == "limit" or kd == "words" then
        local i = math.type(v) == "integer" and v or (math.type(v) == "float" and math.tointeger(v))
        local max = kd == "words" and MAXWORDS or MAXINT
        if i and i >= (kd == "limit" and -1 or 0) and i <= max then ok = true end
        wants[#wants + 1] = kd == "limit" and "integer >= -1"
          or kd == "words" and "integer 0.." .. MAXWORDS or "integer >= 0"
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
