-- frame.core — tables of records, the shape of every list-of-records
-- result in tinsh (search hits, facts, SQL rows, group counts). Users
-- require("frame"), which is this module with the export module loaded
-- (f:export); export itself depends on this module only.
--
-- A frame is an array of records (tables with the same keys) plus an
-- ordered column list: #f is the row count, f[i] the i-th record, ipairs
-- works. Methods never mutate the receiver; they return new frames that
-- share the (unchanged) record tables.
--
--   local frame = require("frame")
--   local f = frame.new{ {name = "Hạ Long", n = 12}, {name = "Móng Cái", n = 7} }
--   f:where{ n = function(n) return n > 8 end }:sort("-n"):show()
--   f:group("year"):count():export("years.csv")

local display = require("tinsh.display")
local A = require("corpus.args")

local M = {}
local Frame = {}   -- methods
local Grouped = {} -- methods of f:group(...)

local columns_of = setmetatable({}, { __mode = "k" }) -- frame -> column list

local FrameMT = {
  __name = "frame",
  __index = Frame,
}
local GroupedMT = { __name = "frame.grouped", __index = Grouped }

local function is_frame(x)
  return type(x) == "table" and getmetatable(x) == FrameMT
end

-- Raise `bad argument #n to 'fname' (msg)` at the user's line (level:
-- the error level from here when debug is absent, default the caller of
-- the function that calls argerror).
local function argerror(n, fname, msg, level)
  A.argerror(fname, n, msg, (level or 2) + 1)
end

local typename = A.typename -- metatable __name, else type(v)

-- A method called with '.' or on another object raises
-- `bad argument #1 to 'fname' (frame expected, got <type>)`.
local function check_self(f, fname)
  if not is_frame(f) then argerror(1, fname, "frame expected, got " .. typename(f), 3) end
end
local function check_grouped(g, fname)
  if getmetatable(g) ~= GroupedMT then
    argerror(1, fname, "frame.grouped expected, got " .. typename(g), 3)
  end
end

---------------------------------------------------------------- building

-- The keys of one record in a deterministic order: integer keys ascending,
-- then the other keys sorted by their string form.
local function record_keys(rec)
  local ints, others = {}, {}
  for k in pairs(rec) do
    if math.type(k) == "integer" then ints[#ints + 1] = k
    else others[#others + 1] = k end
  end
  table.sort(ints)
  table.sort(others, function(a, b) return tostring(a) < tostring(b) end)
  for _, k in ipairs(others) do ints[#ints + 1] = k end
  return ints
end

-- Columns of a list of records, in first-seen order.
local function infer_columns(records)
  local cols, seen = {}, {}
  for _, rec in ipairs(records) do
    local new = false
    for k in pairs(rec) do
      if not seen[k] then new = true; break end
    end
    if new then
      for _, k in ipairs(record_keys(rec)) do
        if not seen[k] then
          seen[k] = true
          cols[#cols + 1] = k
        end
      end
    end
  end
  return cols
end

local function make(records, columns)
  local f = setmetatable(records, FrameMT)
  columns_of[f] = columns
  return f
end

-- frame.new(records [, columns]) -> frame. records is a list of tables;
-- a scalar item becomes the record {value = item}. Columns default to the
-- keys in first-seen order (within a record: integer keys, then names
-- sorted), so pass columns when the order matters.
function M.new(records, columns)
  if records == nil then records = {} end
  if type(records) ~= "table" then argerror(1, "new", "table expected, got " .. type(records)) end
  if is_frame(records) and columns == nil then columns = records:columns() end
  local rows, scalar = {}, false
  for i, rec in ipairs(records) do
    if type(rec) ~= "table" then
      rec = { value = rec }
      scalar = true
    end
    rows[i] = rec
  end
  if columns ~= nil then
    if type(columns) ~= "table" then argerror(2, "new", "table expected, got " .. type(columns)) end
    local c = {}
    for i, name in ipairs(columns) do c[i] = name end
    columns = c
  else
    columns = infer_columns(rows)
    if scalar and #columns == 0 then columns = { "value" } end
  end
  return make(rows, columns)
end

-- frame.wrap(records, columns) -> frame made from the records table itself
-- (no copy: the frame takes the table over, so do not change it after).
-- For bindings that build big result lists; records must be tables.
function M.wrap(records, columns)
  if type(records) ~= "table" or getmetatable(records) ~= nil then
    argerror(1, "wrap", "plain table of records expected")
  end
  if type(columns) ~= "table" then argerror(2, "wrap", "column list expected") end
  local c = {}
  for i, name in ipairs(columns) do c[i] = name end
  return make(records, c)
end

-- frame.is(x) -> true when x is a frame.
function M.is(x) return is_frame(x) end

-- Is t a non-empty sequence 1..n?
local function is_list(t)
  local n = #t
  if n == 0 then return next(t) == nil end
  local count = 0
  for _ in pairs(t) do count = count + 1 end
  return count == n
end

-- frame.from(data) -> frame. Coerces what tinsh commonly holds: a frame
-- (returned as is), an object with a to_frame or to_records method (result
-- sets, documents), a list of records, a list of scalars (one column
-- "value"), or a map {label = value} (columns "key", "value", by key).
function M.from(data, columns)
  if columns ~= nil and type(columns) ~= "table" then
    argerror(2, "from", "table expected, got " .. type(columns))
  end
  if is_frame(data) then
    if columns then return M.new(data, columns) end
    return data
  end
  local t = type(data)
  if t ~= "table" and t ~= "userdata" then
    argerror(1, "from", "table expected, got " .. t)
  end
  local ok, to_frame = pcall(function() return data.to_frame end)
  if ok and type(to_frame) == "function" then
    return M.from(to_frame(data), columns)
  end
  local ok2, to_records = pcall(function() return data.to_records end)
  if ok2 and type(to_records) == "function" then
    local recs, cols = to_records(data)
    return M.new(recs, columns or cols)
  end
  if t ~= "table" then argerror(1, "from", "cannot make a frame from a " .. t) end
  if is_list(data) then return M.new(data, columns) end
  -- a map: key/value rows sorted by key
  local keys = {}
  for k in pairs(data) do keys[#keys + 1] = k end
  table.sort(keys, function(a, b)
    if type(a) == type(b) and (type(a) == "number" or type(a) == "string") then return a < b end
    return tostring(a) < tostring(b)
  end)
  local rows = {}
  for i, k in ipairs(keys) do rows[i] = { key = k, value = data[k] } end
  return make(rows, columns or { "key", "value" })
end

---------------------------------------------------------------- basics

-- f:columns() -> a fresh list of the column names.
function Frame:columns()
  check_self(self, "columns")
  local c = {}
  for i, name in ipairs(columns_of[self]) do c[i] = name end
  return c
end

local function has_column(f, name)
  for _, c in ipairs(columns_of[f]) do if c == name then return true end end
  return false
end

-- f:column(name) -> list of the values of one column (n = row count; a
-- missing value leaves a hole).
function Frame:column(name)
  check_self(self, "column")
  if not has_column(self, name) then
    argerror(1, "column", "no column '" .. tostring(name) .. "'")
  end
  local out = { n = #self }
  for i, rec in ipairs(self) do out[i] = rec[name] end
  return out
end

-- f:select("a", "b") or f:select{"a", "b"} -> frame with only those columns,
-- in that order.
function Frame:select(...)
  check_self(self, "select")
  local names = ...
  if type(names) ~= "table" then names = { ... } end
  for i, name in ipairs(names) do
    if not has_column(self, name) then
      argerror(i, "select", "no column '" .. tostring(name) .. "'")
    end
  end
  local rows = {}
  for i, rec in ipairs(self) do
    local r = {}
    for _, name in ipairs(names) do r[name] = rec[name] end
    rows[i] = r
  end
  local cols = {}
  for i, name in ipairs(names) do cols[i] = name end
  return make(rows, cols)
end

-- f:rename{old = "new", ...} -> frame with columns renamed.
function Frame:rename(map)
  check_self(self, "rename")
  if type(map) ~= "table" then argerror(1, "rename", "table expected") end
  local cols = {}
  for i, c in ipairs(columns_of[self]) do cols[i] = map[c] or c end
  local rows = {}
  for i, rec in ipairs(self) do
    local r = {}
    for k, v in pairs(rec) do r[map[k] or k] = v end
    rows[i] = r
  end
  return make(rows, cols)
end

-- The first n rows (all when fewer) for f:top / f:head (fname): n an
-- integer >= 0, default 10.
local function first_rows(f, n, fname)
  check_self(f, fname)
  if n == nil then n = 10 end
  n = A.int(fname, 1, n, "count", 0)
  local rows = {}
  for i = 1, math.min(n, #f) do rows[i] = f[i] end
  return make(rows, f:columns())
end

-- f:top(n) -> the first n rows (all when fewer). f:head is the same.
function Frame:top(n) return first_rows(self, n, "top") end
function Frame:head(n) return first_rows(self, n, "head") end

---------------------------------------------------------------- where

local function compile_pred(pred)
  if type(pred) == "function" then return pred end
  if type(pred) ~= "table" then argerror(1, "where", "function or table expected, got " .. type(pred)) end
  local tests = {}
  for field, want in pairs(pred) do
    if type(want) == "function" then
      tests[#tests + 1] = function(rec) return want(rec[field]) end
    else
      tests[#tests + 1] = function(rec) return rec[field] == want end
    end
  end
  return function(rec)
    for _, t in ipairs(tests) do if not t(rec) then return false end end
    return true
  end
end

-- f:where(pred) -> rows for which pred(rec) is true. pred may be a table:
-- field = value (equal) or field = function(value) -> boolean.
function Frame:where(pred)
  check_self(self, "where")
  local test = compile_pred(pred)
  local rows = {}
  for _, rec in ipairs(self) do
    if test(rec) then rows[#rows + 1] = rec end
  end
  return make(rows, self:columns())
end

---------------------------------------------------------------- sort

local type_rank = { number = 1, string = 2, boolean = 3 }

-- Total order over values: numbers < strings < booleans < others; nil is
-- handled by the caller (always last). Strings compare in human order
-- (display.collate_key: case- and accent-insensitive, then bytes).
-- Returns -1, 0 or 1.
local function compare(a, b)
  local ta, tb = type(a), type(b)
  if ta ~= tb then
    local ra, rb = type_rank[ta] or 4, type_rank[tb] or 4
    if ra ~= rb then return ra < rb and -1 or 1 end
    ta, tb = "x", "x"
  end
  if ta == "string" then
    if a == b then return 0 end
    a, b = display.collate_key(a), display.collate_key(b)
    return a < b and -1 or 1
  end
  if ta == "number" then
    if a < b then return -1 elseif a > b then return 1 else return 0 end
  end
  if ta == "boolean" then
    if a == b then return 0 end
    return a and 1 or -1
  end
  local sa, sb = tostring(a), tostring(b)
  if sa < sb then return -1 elseif sa > sb then return 1 end
  return 0
end
M.compare = compare

-- Parse sort specs into {{name, desc}, ...}.
local function sort_keys(key, dir)
  local specs = type(key) == "table" and key or { key }
  local keys = {}
  for _, spec in ipairs(specs) do
    local desc = false
    if type(spec) ~= "string" then
      argerror(1, "sort", "column name expected, got " .. type(spec), 3)
    end
    if type(spec) == "string" and spec:sub(1, 1) == "-" then
      spec, desc = spec:sub(2), true
    end
    if dir == "desc" then desc = not desc
    elseif dir ~= nil and dir ~= "asc" then argerror(2, "sort", "'asc' or 'desc' expected", 3) end
    keys[#keys + 1] = { spec, desc }
  end
  if #keys == 0 then argerror(1, "sort", "no sort key", 3) end
  return keys
end

-- f:sort(key [, "desc"]) / f:sort{"a", "-b"} / f:sort(function(a, b) ... end)
-- -> a stably sorted frame. Missing values sort last in either direction;
-- mixed types order numbers < strings < booleans.
function Frame:sort(key, dir)
  check_self(self, "sort")
  local n = #self
  local idx = {}
  for i = 1, n do idx[i] = i end
  local less
  if type(key) == "function" then
    less = function(i, j)
      if key(self[i], self[j]) then return true end
      if key(self[j], self[i]) then return false end
      return i < j
    end
  else
    if type(key) ~= "string" and type(key) ~= "table" then
      argerror(1, "sort", "column name, list or function expected")
    end
    local keys = sort_keys(key, dir)
    for _, k in ipairs(keys) do
      if not has_column(self, k[1]) then argerror(1, "sort", "no column '" .. k[1] .. "'") end
    end
    local nk = #keys
    local cols, desc, same = {}, {}, {}
    for ki, k in ipairs(keys) do
      local vals, t = {}, nil
      for i = 1, n do
        local v = self[i][k[1]]
        vals[i] = v
        if v ~= nil then
          local tv = type(v)
          if t == nil then t = tv elseif t ~= tv then t = false end
        end
      end
      -- same[ki]: every value is a number, or every value a string (then
      -- compared by collation key), so < can be used directly
      if t == "string" then
        for i = 1, n do
          if vals[i] ~= nil then vals[i] = display.collate_key(vals[i]) end
        end
      end
      cols[ki], desc[ki], same[ki] = vals, k[2], (t == "number" or t == "string")
    end
    less = function(i, j)
      for ki = 1, nk do
        local vals = cols[ki]
        local va, vb = vals[i], vals[j]
        if va ~= vb then
          if va == nil then return false end
          if vb == nil then return true end
          local c
          if same[ki] then c = va < vb and -1 or (vb < va and 1 or 0)
          else c = compare(va, vb) end
          if c ~= 0 then
            if desc[ki] then return c > 0 end
            return c < 0
          end
        end
      end
      return i < j
    end
  end
  table.sort(idx, less)
  local rows = {}
  for i = 1, n do rows[i] = self[idx[i]] end
  return make(rows, self:columns())
end

---------------------------------------------------------------- map

-- f:map(fn) -> frame of fn(copy_of_rec) results. fn gets a shallow copy,
-- so changing it never touches the receiver; returning nil drops the row.
-- Columns: the old ones still present, then new keys in first-seen order.
function Frame:map(fn)
  check_self(self, "map")
  if type(fn) ~= "function" then argerror(1, "map", "function expected") end
  local rows = {}
  for _, rec in ipairs(self) do
    local copy = {}
    for k, v in pairs(rec) do copy[k] = v end
    local out = fn(copy)
    if out ~= nil then
      if type(out) ~= "table" then
        error("map: function returned a " .. type(out) .. " (record table expected)", 2)
      end
      rows[#rows + 1] = out
    end
  end
  local present, was = {}, {}
  for _, rec in ipairs(rows) do for k in pairs(rec) do present[k] = true end end
  for _, rec in ipairs(self) do for k in pairs(rec) do was[k] = true end end
  local cols, seen = {}, {}
  for _, c in ipairs(columns_of[self]) do
    if present[c] or not was[c] then
      cols[#cols + 1] = c
      seen[c] = true
    end
  end
  for _, c in ipairs(infer_columns(rows)) do
    if not seen[c] then cols[#cols + 1] = c; seen[c] = true end
  end
  return make(rows, cols)
end

---------------------------------------------------------------- group

local function group_key(rec, keys)
  local parts = {}
  for i, k in ipairs(keys) do
    local v = rec[k]
    if math.type(v) == "float" and math.tointeger(v) then v = math.tointeger(v) end
    parts[i] = type(v) .. ":" .. tostring(v)
  end
  return table.concat(parts, "\0")
end

-- f:group("k1", ...) -> grouped rows; aggregate with :count(), :sum(col),
-- :mean(col), :min(col), :max(col) or :agg{name = function(rows) ... end}.
-- Groups keep the order in which their first row appears.
function Frame:group(...)
  check_self(self, "group")
  local keys = ...
  if type(keys) ~= "table" then keys = { ... } end
  if #keys == 0 then argerror(1, "group", "at least one column name expected") end
  for i, k in ipairs(keys) do
    if not has_column(self, k) then argerror(i, "group", "no column '" .. tostring(k) .. "'") end
  end
  local groups, index = {}, {}
  for _, rec in ipairs(self) do
    local gk = group_key(rec, keys)
    local g = index[gk]
    if not g then
      g = { rows = {}, first = rec }
      index[gk] = g
      groups[#groups + 1] = g
    end
    g.rows[#g.rows + 1] = rec
  end
  local cols = self:columns()
  for _, g in ipairs(groups) do g.frame = make(g.rows, cols) end
  return setmetatable({ keys = keys, groups = groups, source = self }, GroupedMT)
end

-- Build the result frame: group keys + the aggregates named in aggs
-- (a list of {name, fn(rows_frame)}).
local function aggregate(g, aggs)
  local rows, cols = {}, {}
  for i, k in ipairs(g.keys) do cols[i] = k end
  for _, a in ipairs(aggs) do cols[#cols + 1] = a[1] end
  for i, grp in ipairs(g.groups) do
    local r = {}
    for _, k in ipairs(g.keys) do r[k] = grp.first[k] end
    for _, a in ipairs(aggs) do r[a[1]] = a[2](grp.frame) end
    rows[i] = r
  end
  return make(rows, cols)
end

local function numbers(rows, col)
  local out = {}
  for _, rec in ipairs(rows) do
    local v = rec[col]
    if type(v) == "number" then out[#out + 1] = v end
  end
  return out
end

-- Aggregator constructors, usable in :agg{...}: frame.count,
-- frame.sum(col), frame.mean(col), frame.min(col), frame.max(col).
function M.count(rows) return #rows end
function M.sum(col)
  return function(rows)
    local s = 0
    for _, v in ipairs(numbers(rows, col)) do s = s + v end
    return s
  end
end
function M.mean(col)
  return function(rows)
    local xs = numbers(rows, col)
    if #xs == 0 then return nil end
    local s = 0
    for _, v in ipairs(xs) do s = s + v end
    return s / #xs
  end
end
local function extreme(col, want)
  return function(rows)
    local best
    for _, rec in ipairs(rows) do
      local v = rec[col]
      if v ~= nil and (best == nil or compare(v, best) == want) then best = v end
    end
    return best
  end
end
function M.min(col) return extreme(col, -1) end
function M.max(col) return extreme(col, 1) end

-- The result column's name at argument n of g:<fname>: nil or a string.
local function check_name(name, fname, n)
  if name ~= nil and type(name) ~= "string" then
    argerror(n or 1, fname, "column name expected, got " .. typename(name), 3)
  end
end

-- g:count([name]) -> frame of keys + row count (column "count").
function Grouped:count(name)
  check_grouped(self, "count")
  check_name(name, "count")
  return aggregate(self, { { name or "count", M.count } })
end

-- g:<fname>(col [, name]): g a grouped frame, col one of its columns,
-- name nil or a string.
local function check_col(g, col, fname, name)
  check_grouped(g, fname)
  if not has_column(g.source, col) then
    argerror(1, fname, "no column '" .. tostring(col) .. "'", 3)
  end
  check_name(name, fname, 2)
end

-- g:sum(col [, name]) -> keys + "sum_<col>" (numbers only, 0 when none).
function Grouped:sum(col, name)
  check_col(self, col, "sum", name)
  return aggregate(self, { { name or ("sum_" .. col), M.sum(col) } })
end
-- g:mean(col [, name]) -> keys + "mean_<col>" (nil when no numbers).
function Grouped:mean(col, name)
  check_col(self, col, "mean", name)
  return aggregate(self, { { name or ("mean_" .. col), M.mean(col) } })
end
-- g:min(col [, name]) -> keys + "min_<col>".
function Grouped:min(col, name)
  check_col(self, col, "min", name)
  return aggregate(self, { { name or ("min_" .. col), M.min(col) } })
end
-- g:max(col [, name]) -> keys + "max_<col>".
function Grouped:max(col, name)
  check_col(self, col, "max", name)
  return aggregate(self, { { name or ("max_" .. col), M.max(col) } })
end

-- g:agg{name = function(rows) ... end, ...} -> keys + one column per
-- aggregate (map form: names sorted; list form {{"name", fn}, ...} keeps
-- its order). rows is the group's frame.
function Grouped:agg(spec)
  check_grouped(self, "agg")
  if type(spec) ~= "table" then argerror(1, "agg", "table expected") end
  local aggs = {}
  if #spec > 0 then
    for i, a in ipairs(spec) do
      if type(a) ~= "table" or type(a[2]) ~= "function" then
        argerror(1, "agg", "entry " .. i .. " is not {name, function}")
      end
      aggs[i] = { a[1], a[2] }
    end
  else
    local names = {}
    for name in pairs(spec) do names[#names + 1] = name end
    table.sort(names, function(a, b) return tostring(a) < tostring(b) end)
    for _, name in ipairs(names) do
      if type(spec[name]) ~= "function" then
        argerror(1, "agg", "'" .. tostring(name) .. "' is not a function")
      end
      aggs[#aggs + 1] = { name, spec[name] }
    end
  end
  return aggregate(self, aggs)
end

-- g:frames() -> iterator over key record, rows frame of each group.
function Grouped:frames()
  check_grouped(self, "frames")
  local i = 0
  return function()
    i = i + 1
    local grp = self.groups[i]
    if not grp then return nil end
    local key = {}
    for _, k in ipairs(self.keys) do key[k] = grp.first[k] end
    return key, grp.frame
  end
end

GroupedMT.__len = function(g) return #g.groups end
GroupedMT.__tostring = function(g)
  return string.format("frame.grouped by %s (%d groups)", table.concat(g.keys, ", "), #g.groups)
end

---------------------------------------------------------------- display

local json -- loaded on first use

-- Text of one cell for the terminal: one line, no control characters.
local function cell_text(v)
  local t = type(v)
  if v == nil then return "" end
  if t == "number" then return display.number(v) end
  if t == "string" then
    return display.visible(v, true) -- control characters made visible
  end
  if t == "boolean" then return tostring(v) end
  if t == "table" then
    if is_frame(v) then return string.format("<frame %d rows>", #v) end
    json = json or require("json")
    local ok, s = pcall(json.encode, v)
    if ok then return s end
  end
  return tostring(v)
end
M.cell_text = cell_text

local function is_numeric_column(f, col, limit)
  local any = false
  for i = 1, limit do
    local v = f[i][col]
    if v ~= nil then
      if type(v) ~= "number" then return false end
      any = true
    end
  end
  return any
end

-- f:render{limit =, width =, maxwidth =, color =, index =} -> string: an
-- aligned table by display width, numbers right-aligned, long cells cut
-- with "…", and a "(n rows)" footer. width bounds the whole line,
-- maxwidth one column (default 48); index = true adds a row-number column.
local RENDER_OPTS = { limit = "any", width = "any", maxwidth = "any", color = "boolean",
  index = "boolean" }

function Frame:render(opts)
  check_self(self, "render")
  opts = A.opts("render", 1, opts, RENDER_OPTS)
  for _, k in ipairs({ "limit", "width", "maxwidth" }) do -- no NaN, 2.5, -1
    local v = opts[k] -- math.huge means no bound
    if v ~= nil and not (math.type(v) and (math.tointeger(v) or v == math.huge) and v >= 0) then
      argerror(1, "render", k .. ": integer >= 0 expected, got " .. tostring(v))
    end
  end
  local total = #self
  local limit = opts.limit and math.min(opts.limit, total) or total
  local cols = self:columns()
  local header = {}
  for i, c in ipairs(cols) do header[i] = tostring(c) end
  local right = {}
  for i, c in ipairs(cols) do right[i] = is_numeric_column(self, c, limit) end
  local cells = {}
  for r = 1, limit do
    local rec, line = self[r], {}
    for i, c in ipairs(cols) do line[i] = cell_text(rec[c]) end
    cells[r] = line
  end
  if opts.index then
    table.insert(header, 1, "#")
    table.insert(right, 1, true)
    for r = 1, limit do table.insert(cells[r], 1, tostring(r)) end
  end
  local n = #header
  if n == 0 then return string.format("(%d rows)", total) end
  local maxw = opts.maxwidth or 48
  local widths = {}
  for i = 1, n do
    local w = display.width(header[i])
    for r = 1, limit do
      local cw = display.width(cells[r][i])
      if cw > w then w = cw end
    end
    widths[i] = math.min(w, math.max(maxw, 1))
  end
  if opts.width then
    local sum = 2 * (n - 1)
    for i = 1, n do sum = sum + widths[i] end
    while sum > opts.width do
      local wi = 1
      for i = 2, n do if widths[i] > widths[wi] then wi = i end end
      if widths[wi] <= 4 then break end
      widths[wi] = widths[wi] - 1
      sum = sum - 1
    end
  end
  local function line_of(items, bold)
    local parts = {}
    for i = 1, n do
      local s = display.truncate(items[i], widths[i])
      parts[i] = display.pad(s, widths[i], right[i] and "right" or nil)
    end
    local s = table.concat(parts, "  "):gsub("%s+$", "")
    if bold then s = "\27[1m" .. s .. "\27[0m" end
    return s
  end
  local out = { line_of(header, opts.color) }
  local rule = {}
  for i = 1, n do rule[i] = ("─"):rep(widths[i]) end
  out[2] = table.concat(rule, "  ")
  for r = 1, limit do out[#out + 1] = line_of(cells[r]) end
  if limit < total then
    out[#out + 1] = string.format("(%d of %d rows)", limit, total)
  else
    out[#out + 1] = string.format("(%d %s)", total, total == 1 and "row" or "rows")
  end
  return table.concat(out, "\n")
end

-- f:show{limit =, width =} prints the rendered table; through $PAGER
-- (default "less -FRX") only when stdout is a terminal and the table is
-- taller than the screen. f:show(n) is f:show{limit = n}. Returns nothing,
-- so the REPL does not print the table a second time.
local SHOW_OPTS = { limit = "any", width = "any", maxwidth = "any", color = "boolean",
  index = "boolean", pager = "boolean" }

function Frame:show(opts)
  check_self(self, "show")
  if math.type(opts) then opts = { limit = opts } end
  opts = opts or {}
  if type(opts) ~= "table" then
    argerror(1, "show", "table or number expected, got " .. type(opts))
  end
  A.opts("show", 1, opts, SHOW_OPTS)
  local tty = display.isatty("stdout")
  local cols, lines = display.terminal_size()
  local o = {}
  for k, v in pairs(opts) do o[k] = v end
  o.pager = nil -- show's own
  if o.width == nil and tty then o.width = cols end
  if o.color == nil then o.color = display.color() end
  local text = self:render(o)
  local _, nl = text:gsub("\n", "")
  if tty and lines and nl + 1 >= lines and opts.pager ~= false then
    local pager = os.getenv("PAGER")
    if pager == nil or pager == "" then pager = "less -FRX" end
    local ok, p = pcall(io.popen, pager, "w") -- refused under --sandbox
    if ok and p then
      p:write(text, "\n")
      p:close()
      return
    end
  end
  io.stdout:write(text, "\n")
end

-- f:export(path [, opts]) -> true | nil, message; format from the file
-- extension. The writer is the export module's, which installs itself in
-- M.hooks.export when it loads (export depends on this module, never the
-- other way; require("frame") loads both).
M.hooks = {}
function Frame:export(path, opts)
  check_self(self, "export")
  local write = M.hooks.export
  if not write then error("frame:export: the export module is not loaded", 2) end
  return write(self, path, opts, "export")
end

-- f:to_records() -> a plain list of the records, columns.
function Frame:to_records()
  check_self(self, "to_records")
  local rows = {}
  for i, rec in ipairs(self) do rows[i] = rec end
  return rows, self:columns()
end

-- frame.footer(f, text): a line printed under frame f's table when it is
-- printed (a trend's sparkline); frames derived from f do not keep it.
local footer_of = setmetatable({}, { __mode = "k" })
function M.footer(f, text)
  if not is_frame(f) then argerror(1, "footer", "frame expected, got " .. typename(f)) end
  if text ~= nil and type(text) ~= "string" then
    argerror(2, "footer", "string expected, got " .. typename(text))
  end
  footer_of[f] = text
end

FrameMT.__columns = function(f) return columns_of[f] end
FrameMT.__tostring = function(f)
  local cols = display.terminal_size()
  local s = f:render{ limit = 20, width = display.isatty("stdout") and cols or nil }
  return footer_of[f] and s .. "\n" .. display.visible(footer_of[f]) or s
end
FrameMT.__pretty = FrameMT.__tostring
FrameMT.__concat = function(a, b)
  if is_frame(a) then a = tostring(a) end
  if is_frame(b) then b = tostring(b) end
  return a .. b
end

M.Frame = Frame
M.Grouped = Grouped

M.__help = {
  new = "frame.new(records [, columns]) -> frame. Makes a frame from a list of records "
    .. "(tables with the same keys). Columns default to the keys in first-seen order; "
    .. "pass them to fix the order. A scalar item becomes {value = item}.\n"
    .. "  frame.new({{name='Hạ Long', n=12}, {name='Móng Cái', n=7}}, {'name', 'n'})",
  is = "frame.is(x) -> true when x is a frame.",
  wrap = "frame.wrap(records, columns) -> frame that takes the records table over without "
    .. "copying it (for bindings building large results); do not modify the table afterwards.",
  from = "frame.from(data) -> frame. Accepts a frame, an object with to_frame or "
    .. "to_records (search results, documents), a list of records, a list of scalars "
    .. "(column 'value') or a map {label = value} (columns 'key', 'value').",
  where = "f:where(pred) -> frame of the rows where pred(rec) is true. pred may be a table "
    .. "of field = value or field = function(value):  f:where{year = 2024}",
  sort = "f:sort(key [, 'desc']) / f:sort{'a', '-b'} / f:sort(function(a, b) ... end) -> "
    .. "stably sorted frame; '-col' sorts descending; missing values go last.",
  top = "f:top(n) -> frame of the first n rows (default 10). Alias f:head(n).",
  map = "f:map(fn) -> frame of fn(rec) for each row; fn gets a copy of the record and "
    .. "returns a record (or nil to drop the row).",
  columns = "f:columns() -> list of column names, in order.",
  select = "f:select('a', 'b') -> frame with only those columns, in that order.",
  rename = "f:rename{old = 'new'} -> frame with columns renamed.",
  column = "f:column(name) -> plain list of that column's values.",
  group = "f:group('k1', ...) -> grouped rows; then :count(), :sum(col), :mean(col), "
    .. ":min(col), :max(col) or :agg{name = function(rows) ... end}, each a frame of "
    .. "the group keys plus the aggregate (count, sum_<col>, mean_<col>, ...).\n"
    .. "  f:group('year'):count():sort('-count')",
  show = "f:show{limit =, width =} prints the table aligned by display width, through "
    .. "$PAGER (default less -FRX) when stdout is a terminal and the table is taller than "
    .. "the screen.",
  render = "f:render{limit =, width =, maxwidth =, index =} -> the aligned table as a "
    .. "string, with a '(n rows)' footer.",
  export = "f:export(path [, opts]) -> true | nil, msg. Writes the frame in the format of "
    .. "the extension: .csv .tsv .json .jsonl .md .html .txt or a registered format.",
  to_records = "f:to_records() -> plain list of records, list of columns.",
  count = "frame.count: aggregator counting rows, for g:agg{n = frame.count}.",
  sum = "frame.sum(col) -> aggregator summing the numbers of col, for g:agg{...}.",
  mean = "frame.mean(col) -> aggregator averaging the numbers of col.",
  min = "frame.min(col) -> aggregator taking the smallest value of col.",
  max = "frame.max(col) -> aggregator taking the largest value of col.",
  compare = "frame.compare(a, b) -> -1, 0 or 1: the order f:sort uses (numbers < strings "
    .. "< booleans).",
}
M.__doc = "frame: tables of records (#f rows, f[i] records, ipairs works) with ordered columns; "
  .. "where/sort/top/map/select/group/show/export return new frames."
M.__help.head = "f:head(n) -> the first n rows; same as f:top(n)."
M.__help.cell_text = "frame.cell_text(v) -> the one-line text of a value in a rendered table."
Frame.__help = M.__help -- help(f) on a frame finds the method texts

Grouped.__help = {
  count = "g:count([name]) -> frame of the group keys + row count (column 'count').",
  sum = "g:sum(col [, name]) -> frame of the group keys + sum of col's numbers ('sum_<col>').",
  mean = "g:mean(col [, name]) -> frame of the group keys + mean of col ('mean_<col>').",
  min = "g:min(col [, name]) -> frame of the group keys + smallest value ('min_<col>').",
  max = "g:max(col [, name]) -> frame of the group keys + largest value ('max_<col>').",
  agg = "g:agg{name = function(rows) ... end} -> frame of the group keys + one column per "
    .. "aggregate; rows is the group's frame. frame.count, frame.sum(col), frame.mean(col), "
    .. "frame.min(col), frame.max(col) make aggregators. A list {{'name', fn}, ...} keeps order.",
  frames = "g:frames() -> iterator of key record, rows frame for each group.",
}

display.register_help(Frame, M.__help, "f:")
display.register_help(Grouped, Grouped.__help, "g:")

return M
