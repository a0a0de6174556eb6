-- tinsh.display — display-width helpers shared by frame, chart and report.
--
-- Terminal tables align by display columns, not bytes: Vietnamese combining
-- marks take 0 columns, East Asian wide characters 2. When the tinsh binary
-- runs us, tinsh.core (C, utf8proc) measures widths; under a plain lua5.4 a
-- pure-Lua fallback does (combining marks U+0300-U+036F and zero-width
-- characters count 0, common wide ranges 2, everything else 1).
-- Invalid UTF-8 never raises here: a stray byte counts as one column.

local A = require("corpus.args")

local M = {}

local typename = A.typename -- metatable __name, else type(v)

-- Argument n of fname: a string or number as text (to = "string"), or a
-- number that is not NaN (to = "number"); else bad argument #n.
local function check(fname, n, v, to)
  local t = type(v)
  if to == "string" and t ~= "string" and t ~= "number" then
    A.argerror(fname, n, "string expected, got " .. typename(v), 3)
  elseif to == "number" and (t ~= "number" or v ~= v) then
    A.argerror(fname, n, "number expected, got " .. (t == "number" and tostring(v) or typename(v)), 3)
  end
  return v
end

local has_core, core = pcall(require, "tinsh.core")
if not has_core or type(core) ~= "table" then core = nil end
M.core = core


-- Decode one code point at byte position i of s (lax: an invalid byte is
-- returned as itself, length 1). Returns code point, byte length.
local function decode(s, i)
  local c = s:byte(i)
  if c < 0x80 then return c, 1 end
  local n, cp
  if c >= 0xC2 and c <= 0xDF then n, cp = 2, c & 0x1F
  elseif c >= 0xE0 and c <= 0xEF then n, cp = 3, c & 0x0F
  elseif c >= 0xF0 and c <= 0xF4 then n, cp = 4, c & 0x07
  else return 0xFFFD, 1 end
  for k = 1, n - 1 do
    local b = s:byte(i + k)
    if not b or b < 0x80 or b > 0xBF then return 0xFFFD, 1 end
    cp = (cp << 6) | (b & 0x3F)
  end
  return cp, n
end
M.decode = decode

-- Display width of one code point in the pure-Lua fallback.
local function cp_width(cp)
  if cp < 0x300 then
    if cp < 0x20 or (cp >= 0x7F and cp < 0xA0) then return 0 end
    return 1
  end
  if cp <= 0x36F then return 0 end                      -- combining marks
  if (cp >= 0x200B and cp <= 0x200F) or cp == 0xFEFF
     or (cp >= 0x1AB0 and cp <= 0x1AFF) or (cp >= 0x1DC0 and cp <= 0x1DFF)
     or (cp >= 0x20D0 and cp <= 0x20FF) or (cp >= 0xFE20 and cp <= 0xFE2F) then
    return 0
  end
  if (cp >= 0x1100 and cp <= 0x115F) or (cp >= 0x2E80 and cp <= 0xA4CF)
     or (cp >= 0xAC00 and cp <= 0xD7A3) or (cp >= 0xF900 and cp <= 0xFAFF)
     or (cp >= 0xFE30 and cp <= 0xFE4F) or (cp >= 0xFF00 and cp <= 0xFF60)
     or (cp >= 0xFFE0 and cp <= 0xFFE6) or (cp >= 0x1F300 and cp <= 0x1F64F)
     or (cp >= 0x1F900 and cp <= 0x1F9FF) or (cp >= 0x20000 and cp <= 0x3FFFD) then
    return 2
  end
  return 1
end

local function lua_width(s)
  local w, i, n = 0, 1, #s
  while i <= n do
    local cp, len = decode(s, i)
    w = w + cp_width(cp)
    i = i + len
  end
  return w
end

-- width(s) -> display columns of the string s.
function M.width(s)
  s = tostring(check("width", 1, s, "string"))
  if not s:find("[\128-\255]") then
    if not s:find("[%c]") then return #s end
  end
  if core and core.width then return core.width(s) end
  return lua_width(s)
end

-- Width of a single character (a short string).
local function char_width(ch)
  if #ch == 1 then
    local b = ch:byte()
    if b >= 0x20 and b < 0x7F then return 1 end
  end
  if core and core.width then return core.width(ch) end
  return lua_width(ch)
end

-- chars(s) -> iterator over the characters (byte strings) of s; lax UTF-8.
function M.chars(s)
  s = tostring(check("chars", 1, s, "string"))
  local i, n = 1, #s
  return function()
    if i > n then return nil end
    local _, len = decode(s, i)
    local ch = s:sub(i, i + len - 1)
    i = i + len
    return ch
  end
end

-- truncate(s, w [, ellipsis]) -> s cut to at most w display columns; when
-- cut, the last column is the ellipsis "…". Combining marks stay with their
-- base character.
function M.truncate(s, w, ellipsis)
  s = tostring(check("truncate", 1, s, "string"))
  check("truncate", 2, w, "number")
  ellipsis = tostring(ellipsis == nil and "…" or check("truncate", 3, ellipsis, "string"))
  if M.width(s) <= w then return s end
  local ew = M.width(ellipsis)
  if w <= 0 then return "" end
  if w < ew then return ("."):rep(w) end
  if core and core.fit then return (core.fit(s, w - ew)) .. ellipsis end
  local out, used = {}, 0
  for ch in M.chars(s) do
    local cw = char_width(ch)
    if used + cw > w - ew then break end
    out[#out + 1] = ch
    used = used + cw
  end
  return table.concat(out) .. ellipsis
end

-- truncate_left(s, w) -> keeps the END of s: "…" followed by the last
-- characters fitting w columns (for left contexts in KWIC lines).
function M.truncate_left(s, w, ellipsis)
  s = tostring(check("truncate_left", 1, s, "string"))
  check("truncate_left", 2, w, "number")
  ellipsis = tostring(ellipsis == nil and "…" or check("truncate_left", 3, ellipsis, "string"))
  if M.width(s) <= w then return s end
  if w <= 0 then return "" end
  local chars = {}
  for ch in M.chars(s) do chars[#chars + 1] = ch end
  local out, used, ew = {}, 0, M.width(ellipsis)
  -- walk backwards; a combining mark (width 0) sticks to its base
  local i = #chars
  while i >= 1 do
    local cw = char_width(chars[i])
    if used + cw > w - ew then break end
    table.insert(out, 1, chars[i])
    used = used + cw
    i = i - 1
  end
  -- do not start with an orphan combining mark
  while out[1] and char_width(out[1]) == 0 do table.remove(out, 1) end
  return ellipsis .. table.concat(out)
end

-- pad(s, w [, "right"]) -> s padded with spaces to w display columns
-- (on the right by default; align "right" pads on the left, "center" both).
function M.pad(s, w, align)
  s = tostring(check("pad", 1, s, "string"))
  check("pad", 2, w, "number")
  if align ~= nil and align ~= "left" and align ~= "right" and align ~= "center" then
    A.argerror("pad", 3, "'left', 'right' or 'center' expected, got " ..
      (type(align) == "string" and "'" .. align .. "'" or typename(align)))
  end
  local gap = w - M.width(s)
  if gap == math.huge then A.argerror("pad", 2, "width: inf") end
  if gap <= 0 then return s end
  if align == "right" then return (" "):rep(gap) .. s end
  if align == "center" then
    local l = gap // 2
    return (" "):rep(l) .. s .. (" "):rep(gap - l)
  end
  return s .. (" "):rep(gap)
end

-- isatty("stdout") -> boolean; false when tinsh.core is unavailable.
function M.isatty(name)
  if core and core.isatty then return core.isatty(name) and true or false end
  return false
end

-- color() -> true when colour output is wanted (stdout a terminal and
-- NO_COLOR unset).
function M.color()
  if core and core.color then return core.color() and true or false end
  return false
end

-- terminal_size() -> columns, lines (from $COLUMNS/$LINES, else stty when
-- stdout is a terminal, else nil).
function M.terminal_size()
  local cols = tonumber(os.getenv("COLUMNS") or "")
  local lines = tonumber(os.getenv("LINES") or "")
  if (not cols or not lines) and core and core.termsize then
    local c, l = core.termsize()
    cols, lines = cols or c, lines or l
  end
  if (not cols or not lines) and M.isatty("stdout") then
    -- io.popen may be missing or refused (tinsh --sandbox)
    local ok, p = pcall(io.popen, "stty size </dev/tty 2>/dev/null")
    if ok and p then
      local out = p:read("a") or ""
      p:close()
      local l, c = out:match("(%d+)%s+(%d+)")
      lines = lines or tonumber(l)
      cols = cols or tonumber(c)
    end
  end
  return cols, lines
end

-- Number formatting for display: integers as is, floats with at most
-- `digits` decimals (default 4), trailing zeros trimmed.
function M.number(x, digits)
  if type(x) ~= "number" then A.argerror("number", 1, "number expected, got " .. typename(x)) end
  if digits ~= nil then A.int("number", 2, digits, "digits", 0, 20) end
  if math.type(x) == "integer" then return tostring(x) end
  if x ~= x then return "nan" end
  if x == math.huge then return "inf" end
  if x == -math.huge then return "-inf" end
  if math.abs(x) >= 1e15 then return string.format("%.6g", x) end
  local s = string.format("%." .. (digits or 4) .. "f", x)
  if s:find("%.") then s = s:gsub("0+$", ""):gsub("%.$", "") end
  if s == "-0" then s = "0" end
  return s
end

-- collate_key(s) -> a byte string whose order is the human order of s:
-- case- and accent-insensitive first (tinsh.core.fold: "Đông" ~ "dong"),
-- then the original bytes as a tie-break. Without tinsh.core only case
-- is folded (ASCII).
function M.collate_key(s)
  if type(s) ~= "string" then A.argerror("collate_key", 1, "string expected, got " .. typename(s)) end
  if not s:find("[\128-\255]") then return s:lower() .. "\0" .. s end
  if core and core.fold then
    local f = core.fold(s)
    if f then return f .. "\0" .. s end
  end
  return s:lower() .. "\0" .. s
end

-- register_help(methods, texts, prefix): tell tinsh's help() about method
-- functions (help(f.where) then finds texts.where). A no-op under a plain
-- lua5.4 without tinsh.help.
function M.register_help(methods, texts, prefix)
  if type(methods) ~= "table" then A.argerror("register_help", 1, "table expected, got " .. typename(methods)) end
  if type(texts) ~= "table" then A.argerror("register_help", 2, "table expected, got " .. typename(texts)) end
  if type(prefix) ~= "string" then A.argerror("register_help", 3, "string expected, got " .. typename(prefix)) end
  local ok, help = pcall(require, "tinsh.help")
  if not ok or type(help) ~= "table" or type(help.register) ~= "function" then return end
  for name, text in pairs(texts) do
    local fn = rawget(methods, name)
    if type(name) == "string" and type(fn) == "function" and type(text) == "string" then
      help.register(fn, prefix .. name, text)
    end
  end
end


-- visible(s [, cell]) -> s made safe for a terminal, the one place every
-- display (print(doc), doc:show, frames, the REPL's pretty printer) goes
-- through: C0 control characters, DEL and the C1 controls U+0080-U+009F
-- (which a terminal may obey: ESC, CSI, BEL...), bidirectional overrides
-- and bytes that are not UTF-8 become visible escapes "\x1b", "\x7f",
-- "\u{9b}", "\u{202e}", "\xff" (core.visible, in C). Tab and newline are
-- kept, except in a table cell (cell = true) where a newline becomes "↵"
-- and a tab a space, so that a cell stays on its line. Exports never call
-- this: files keep the data as it is.
local function c0(c) return string.format("\\x%02x", c:byte()) end
local function c1(c) return string.format("\\u{%x}", c:byte(2)) end
function M.visible(s, cell)
  s = tostring(check("visible", 1, s, "string"))
  if cell then s = s:gsub("\r?\n", "↵"):gsub("\t", " ") end
  if has_core then return core.visible(s, true) end
  return (s:gsub("[%z\1-\8\11-\31\127]", c0):gsub("\194[\128-\159]", c1))
end

-- wrap(s, width [, prefix [, out]]) -> list of lines: s word-wrapped to
-- width display columns, each line starting with prefix, one paragraph per
-- input line; appended to out when given.
function M.wrap(s, width, prefix, out)
  s = tostring(check("wrap", 1, s, "string"))
  check("wrap", 2, width, "number")
  prefix = tostring(prefix == nil and "" or check("wrap", 3, prefix, "string"))
  if out ~= nil and type(out) ~= "table" then A.argerror("wrap", 4, "table expected, got " .. typename(out)) end
  out = out or {}
  local pw = M.width(prefix)
  for para in (s .. "\n"):gmatch("(.-)\n") do
    local line, lw = prefix, pw
    for word in para:gmatch("%S+") do
      local ww = M.width(word)
      if lw > pw and lw + 1 + ww > width then
        out[#out + 1] = line
        line, lw = prefix .. word, pw + ww
      elseif lw > pw then
        line, lw = line .. " " .. word, lw + 1 + ww
      else
        line, lw = line .. word, lw + ww
      end
    end
    out[#out + 1] = line
  end
  return out
end

return M
