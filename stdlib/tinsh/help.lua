-- tinsh.help — help texts for everything an analyst can reach.
--
-- A module documents itself with a `__help` table (name → text) and, when
-- it wants one, `__help[1]` or `__doc` as its own summary. help(x) finds
-- the text for a function through the registry below (filled by
-- help.register and help.scan), for a table or object through its
-- `__help`/`__doc` (directly or on its metatable), and lists what the
-- value offers. `.help corpus` in the REPL calls help(corpus).

local A = require("corpus.args")

local M = {}

local typename = A.typename -- metatable __name, else type(v)

-- Argument n of fname must be of Lua type want.
local function check(fname, n, v, want)
  if type(v) ~= want then A.argerror(fname, n, want .. " expected, got " .. typename(v), 3) end
end

local texts = setmetatable({}, { __mode = "k" }) -- function → {name, text}
local modules = {}                               -- name → module table
local pending = {}                               -- names not yet scanned

--- help.known(names): modules to document, loaded on the first help call.
function M.known(names)
  check("known", 1, names, "table")
  for i, n in ipairs(names) do
    if type(n) ~= "string" then A.argerror("known", 1, "module name expected at " .. i .. ", got " .. typename(n)) end
  end
  for _, n in ipairs(names) do pending[#pending + 1] = n end
end

local function load_pending()
  while #pending > 0 do
    local name = table.remove(pending, 1)
    local ok, mod = pcall(require, name)
    if ok and type(mod) == "table" then M.scan(mod, name) end
  end
end

--- help.register(fn, name, text): attach help text to a function.
function M.register(fn, name, text)
  check("register", 1, fn, "function")
  check("register", 2, name, "string")
  check("register", 3, text, "string")
  texts[fn] = { name = name, text = text }
  return fn
end

--- help.scan(module, name): register every function of module that its
--- __help table describes (method tables included), and the module itself.
function M.scan(mod, name)
  check("scan", 2, name, "string")
  if type(mod) ~= "table" then return mod end
  modules[name] = mod
  local h = rawget(mod, "__help")
  if type(h) == "table" then
    for k, text in pairs(h) do
      local fn = rawget(mod, k)
      if type(k) == "string" and type(fn) == "function" and type(text) == "string" then
        texts[fn] = { name = name .. "." .. k, text = text }
      end
    end
  end
  return mod
end

local function summary(text)
  return (text:match("^[^\n]*") or text)
end

local function metatable_of(v)
  local mt = getmetatable(v)
  return type(mt) == "table" and mt or nil
end

-- the help table of v: its own __help, or its metatable's, or __index's
local function help_table(v)
  if type(v) == "table" and type(rawget(v, "__help")) == "table" then
    return rawget(v, "__help"), v
  end
  local mt = metatable_of(v)
  if mt then
    if type(mt.__help) == "table" then return mt.__help, mt.__index end
    if type(mt.__index) == "table" and type(rawget(mt.__index, "__help")) == "table" then
      return rawget(mt.__index, "__help"), mt.__index
    end
  end
end

local function names_of(v)
  local seen, names = {}, {}
  local function add(t)
    if type(t) ~= "table" then return end
    for k, val in pairs(t) do
      if type(k) == "string" and not k:match("^__") and not seen[k] then
        seen[k] = true
        names[#names + 1] = { name = k, kind = type(val) }
      end
    end
  end
  if type(v) == "table" then add(v) end
  local mt = metatable_of(v)
  if mt then
    add(mt.__index)
    -- an __index function hides its names: the __complete metafield lists them
    local c = mt.__complete
    if type(c) == "function" then
      local ok, r = pcall(c, v)
      c = ok and r or nil
    end
    if type(c) == "table" then
      for _, k in ipairs(c) do
        if type(k) == "string" and not seen[k] then
          seen[k] = true
          names[#names + 1] = { name = k, kind = "name" }
        end
      end
    end
  end
  table.sort(names, function(a, b) return a.name < b.name end)
  return names
end

--- help(x) → string: the help of a function, module or object; help()
--- gives the overview.
function M.text(v, ...)
  load_pending()
  if select("#", ...) == 0 and v == nil then
    local out = { "tinsh — Lua query shell for news-article corpora.",
      "",
      "  corpus            the open corpus: help(corpus) lists its methods",
      "  help(x)           help on a function, module or object",
      "  tinsh             tinsh.words(text), tinsh.parse(text): the segmenter and",
      "                    the parser on any text (help(tinsh.parse))",
      "  .help             the REPL's dot-commands",
      "",
      "Modules (require them by name):" }
    local names = {}
    for name in pairs(modules) do names[#names + 1] = name end
    table.sort(names)
    for _, name in ipairs(names) do
      local h = rawget(modules[name], "__help")
      local s = type(h) == "table" and (h[1] or h.__doc) or ""
      out[#out + 1] = string.format("  %-16s  %s", name, summary(s))
    end
    return table.concat(out, "\n")
  end
  if type(v) == "function" then
    local t = texts[v]
    if t then return t.name .. "\n\n" .. t.text end
    return "no help for this function"
  end
  local h, methods = help_table(v)
  if h then
    local out = {}
    local doc = h[1] or h.__doc
    if doc then out[#out + 1] = doc; out[#out + 1] = "" end
    for _, e in ipairs(names_of(v)) do
      local text = h[e.name]
      if type(text) == "string" then
        out[#out + 1] = string.format("  %-14s %s", e.name, summary(text))
      elseif e.kind == "function" then
        out[#out + 1] = string.format("  %-14s", e.name)
      end
    end
    return table.concat(out, "\n")
  end
  if type(v) == "table" or type(v) == "userdata" then
    local out = { "a " .. type(v) .. " with:" }
    for _, e in ipairs(names_of(v)) do
      out[#out + 1] = string.format("  %-14s %s", e.name, e.kind)
    end
    return table.concat(out, "\n")
  end
  return type(v) .. ": " .. tostring(v)
end

--- help(x): print the help of x (see help.text).
function M.help(...)
  io.stdout:write(M.text(...), "\n")
end

setmetatable(M, { __call = function(_, ...) return M.help(...) end })

M.__help = {
  "help — help texts: help(x) for any tinsh function, module or object.",
  register = "help.register(fn, name, text): attach help text to a function.",
  scan = "help.scan(module, name): register the functions a module's __help describes.",
  text = "help.text(x) → the help of x as a string.",
  known = "help.known(names): module names help() documents (loaded lazily).",
  help = "help(x): print the help of x; help() for the overview.",
}
M.scan(M, "help")
return M
