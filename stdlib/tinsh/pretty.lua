-- tinsh.pretty — how the REPL shows values.
--
-- Strings, numbers, booleans and nil print as `print` prints them (so a
-- scripted session matches lua5.4). Tables print as readable trees: keys
-- aligned by display width, nested tables indented up to a depth limit,
-- long tables cut after an item limit, cycles marked and not followed.
-- An array of records (tables sharing keys) prints as aligned columns,
-- through the frame module. Values with __tostring (frames, documents,
-- result sets) print their own rendering.
--
-- Everything here is policy, so it is Lua: override M.options or M.show
-- from your own init to change it.

local M = {}

M.options = {
  depth = 3,      -- nested levels shown before "{...}"
  items = 40,     -- entries shown per table before "... (N more)"
  width = 100,    -- string values longer than this are cut
  records = true, -- arrays of records as columns
  rows = 20,      -- rows of a records table shown before "(N rows)"
}

local display = require("tinsh.display")
local width = display.width

local function is_identifier(s)
  return type(s) == "string" and s:match("^[%a_][%w_]*$") ~= nil
end

local function cut(s, n)
  if width(s) <= n then return s end
  return display.truncate and display.truncate(s, n) or s:sub(1, n) .. "…"
end

local function scalar(v)
  local t = type(v)
  if t == "string" then
    -- %q escapes C0 controls; display.visible then catches the C1 ones
    return (display.visible(string.format("%q", cut(v, M.options.width)):gsub("\\\n", "\\n")))
  end
  return tostring(v)
end

-- Keys in a stable order: the array part first (1..n), then the rest
-- sorted by type then value.
local function ordered_keys(t)
  local n = #t
  local keys, rest = {}, {}
  for i = 1, n do keys[#keys + 1] = i end
  for k in next, t do
    if not (math.type(k) == "integer" and k >= 1 and k <= n) then
      rest[#rest + 1] = k
    end
  end
  table.sort(rest, function(a, b)
    local ta, tb = type(a), type(b)
    if ta ~= tb then return ta < tb end
    if ta == "number" or ta == "string" then return a < b end
    return tostring(a) < tostring(b)
  end)
  for _, k in ipairs(rest) do keys[#keys + 1] = k end
  return keys, n
end

-- Is t a non-empty array of tables sharing at least one string key?
local function is_records(t)
  local n = #t
  if n == 0 then return false end
  for k in next, t do
    if not (math.type(k) == "integer" and k >= 1 and k <= n) then
      return false
    end
  end
  for i = 1, n do
    local r = t[i]
    if type(r) ~= "table" or getmetatable(r) or #r > 0 or next(r) == nil then
      return false
    end
    for _, v in next, r do
      if type(v) == "table" then return false end
    end
  end
  return true
end

local function has_tostring(v)
  local mt = getmetatable(v)
  return type(mt) == "table" and mt.__tostring ~= nil
end

local render

local function render_table(t, indent, depth, seen, out)
  if seen[t] then
    out[#out + 1] = "<cycle>"
    return
  end
  if has_tostring(t) then
    out[#out + 1] = tostring(t)
    return
  end
  if next(t) == nil then
    out[#out + 1] = "{}"
    return
  end
  if depth >= M.options.depth then
    out[#out + 1] = "{...}"
    return
  end
  if M.options.records and depth == 0 and is_records(t) then
    local ok, frame = pcall(require, "frame")
    if ok and frame.new then
      local ok2, f = pcall(frame.new, t)
      if ok2 then
        local cols = display.terminal_size and display.terminal_size()
        out[#out + 1] = (f:render({ limit = M.options.rows,
                                    width = type(cols) == "number" and cols or nil }))
        return
      end
    end
  end
  seen[t] = true
  local keys, n = ordered_keys(t)
  local pad = indent .. "  "
  -- keys are aligned by display width
  local labels, widest = {}, 0
  for i, k in ipairs(keys) do
    local label
    if math.type(k) == "integer" and k >= 1 and k <= n then
      label = nil
    elseif is_identifier(k) then
      label = k
    else
      label = "[" .. scalar(k) .. "]"
    end
    labels[i] = label
    if label and i <= M.options.items then
      widest = math.max(widest, width(label))
    end
  end
  out[#out + 1] = "{\n"
  for i, k in ipairs(keys) do
    if i > M.options.items then
      out[#out + 1] = string.format("%s... (%d more)\n", pad, #keys - i + 1)
      break
    end
    out[#out + 1] = pad
    if labels[i] then
      out[#out + 1] = labels[i] .. string.rep(" ", widest - width(labels[i]))
        .. " = "
    end
    render(t[k], pad, depth + 1, seen, out)
    out[#out + 1] = ",\n"
  end
  out[#out + 1] = indent .. "}"
  seen[t] = nil
end

function render(v, indent, depth, seen, out)
  if type(v) == "table" then
    render_table(v, indent, depth, seen, out)
  elseif type(v) == "userdata" and has_tostring(v) then
    out[#out + 1] = tostring(v)
  else
    out[#out + 1] = scalar(v)
  end
end

--- Render one value as the REPL shows it (a string).
function M.show(v)
  if type(v) ~= "table" and type(v) ~= "userdata" then return tostring(v) end
  local out = {}
  render(v, "", 0, {}, out)
  return table.concat(out)
end

-- Are the n values ... a generic-for iterator over rows of the database,
-- as corpus:docs{} returns it (function, nil, nil, the statement that
-- closes it: userdata named tinsh.store.stmt, its metatable locked)?
local function is_iterator(n, f, s, c, closer)
  return n == 4 and type(f) == "function" and s == nil and c == nil
    and type(closer) == "userdata"
    and tostring(closer):find("^tinsh%.store%.stmt: ") ~= nil
end

-- Show the first M.options.rows items of an iterator, one a line, then
-- close it (the rest are not read).
local function preview(f, s, c, closer)
  local limit, lines, more = M.options.rows, {}, false
  do
    local _ <close> = closer
    local v = c
    for i = 1, limit + 1 do
      v = f(s, v)
      if v == nil then break end
      if i > limit then more = true break end
      lines[i] = M.show(v)
    end
  end
  if more then
    lines[#lines + 1] = string.format("... (the first %d: a for loop reads them all)", limit)
  elseif #lines == 0 then
    lines[1] = "(no rows)"
  end
  io.stdout:write(table.concat(lines, "\n"), "\n")
end

--- Print values the REPL way: tab-separated, tables rendered; an
--- iterator with a closing value (corpus:docs{...}) as its first items.
function M.print(...)
  local n = select("#", ...)
  if is_iterator(n, ...) then return preview(...) end
  local parts = {}
  for i = 1, n do
    local v = select(i, ...)
    parts[i] = M.show(v)
  end
  io.stdout:write(table.concat(parts, "\t"), "\n")
end

M.__help = {
  show = "pretty.show(v) → string: the REPL's rendering of v (trees for "
    .. "tables, columns for arrays of records, __tostring when present).",
  print = "pretty.print(...) prints values as the REPL does (an iterator "
    .. "such as corpus:docs{...}: its first items, one a line).",
  options = "pretty.options: depth, items, width, records — change them "
    .. "to change how the REPL shows tables.",
}

return M
