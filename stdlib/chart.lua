-- chart — text charts for the terminal (and for Markdown reports).
--
--   chart.bars({["Hạ Long"] = 12, ["Móng Cái"] = 7})
--   chart.bars(f, "place", "n", {width = 30})
--   chart.spark({1, 3, 2, 8, 5})               --> "▁▃▂█▅"
--   chart.lines(f, {x = "year", y = "n", series = "place"})
--   chart.stack(f, {x = "year", y = "n", series = "kind"})
--
-- Data: a frame or list of records (with column names), a map
-- {label = value}, or a list of {label, value} pairs. Labels align by
-- display width, so Vietnamese labels line up.

local frame = require("frame")
local display = require("tinsh.display")
local A = require("corpus.args")

local M = {}

local EIGHTHS = { "▏", "▎", "▍", "▌", "▋", "▊", "▉", "█" }
local SPARKS = { "▁", "▂", "▃", "▄", "▅", "▆", "▇", "█" }
local SHADES = { "█", "▓", "▒", "░", "▚", "▞", "▤", "▥" }

M.MAX_WIDTH = 1000 -- the widest bar or stack, in columns

-- Raise `bad argument #n to 'fname' (msg)` at the user's line (level: the
-- fallback error level from here, default the caller's caller).
local function argerror(n, fname, msg, level)
  A.argerror(fname, n, msg, (level or 2) + 1)
end

local typename = A.typename -- metatable __name, else type(v)

-- data (argument n of fname) must be a table or userdata.
local function check_data(fname, n, data)
  if type(data) ~= "table" and type(data) ~= "userdata" then
    argerror(n, fname, "table expected, got " .. typename(data), 3)
  end
end

-- The option kinds of the charts (corpus.args' A.opts spec); a chart
-- takes the ones its comment names.
local FORMAT = { format = "function", digits = "count" }
local function spec(...)
  local t = {}
  for _, part in ipairs{ ... } do for k, v in pairs(part) do t[k] = v end end
  return t
end
local SERIES = { x = "text", y = "text", series = { "text", "table" } }
local BARS_OPTS = spec(FORMAT, { width = "count", label = "text", value = "text", max = "number",
  labelwidth = "count", title = "text" })
local SPARK_OPTS = { min = "number", max = "number" }
local LINES_OPTS = spec(FORMAT, SERIES, { title = "text", min = "number" })
local STACK_OPTS = spec(FORMAT, SERIES, { title = "text", width = "count" })
local SERIES_OPTS = spec(SERIES, { sort_x = "boolean" })

-- opts (argument n of fname): a table of the kinds in kinds, or nil ({});
-- a width must be at most M.MAX_WIDTH.
local function check_opts(fname, n, opts, kinds)
  opts = A.opts(fname, n, opts, kinds)
  if opts.width ~= nil then A.int(fname, n, opts.width, "width", 0, M.MAX_WIDTH) end
  return opts
end

local function fmt_value(v, opts)
  if opts and opts.format then return tostring(opts.format(v)) end
  if type(v) == "number" then return display.number(v, opts and opts.digits or 2) end
  if v == nil then return "" end
  return tostring(v)
end

-- chart.format_value(v [, {format =, digits =}]) -> the text of v.
function M.format_value(v, opts)
  return fmt_value(v, A.opts("format_value", 2, opts, FORMAT))
end

-- Is t a list of {label, value} pairs?
local function is_pair_list(t)
  local first = t[1]
  if type(first) ~= "table" or frame.is(t) then return false end
  return first[1] ~= nil and first[2] ~= nil and first[3] == nil
end

local function numeric_col(f, col)
  local any = false
  for _, r in ipairs(f) do
    local v = r[col]
    if v ~= nil then
      if type(v) ~= "number" then return false end
      any = true
    end
  end
  return any
end

-- column name (argument n of fname) must be nil or a column of f.
local function check_column(fname, n, f, name, what)
  if name == nil then return end
  for _, c in ipairs(f:columns()) do if c == name then return end end
  argerror(n, fname, (what and what .. ": " or "") .. "no column '" .. tostring(name) .. "'", 3)
end

-- chart.pairs_for(fname, n, data, label, value [, nl, nv]) -> as
-- chart.pairs_of, for a function fname that takes the data as its
-- argument n (label and value as its arguments nl and nv, default n:
-- options of that argument): misuse raises bad argument #n to 'fname'.
function M.pairs_for(fname, n, data, label, value, nl, nv)
  check_data(fname, n, data)
  if type(data) == "table" and not frame.is(data) and is_pair_list(data) then
    local out = {}
    for i, p in ipairs(data) do out[i] = { p[1], p[2] } end
    return out
  end
  local f = frame.from(data)
  check_column(fname, nl or n, f, label, not nl and "label" or nil)
  check_column(fname, nv or n, f, value, not nv and "value" or nil)
  if #f == 0 then return {} end
  local cols = f:columns()
  if not label then
    for _, c in ipairs(cols) do
      if c ~= value and not numeric_col(f, c) then label = c; break end
    end
    label = label or cols[1]
  end
  if not value then
    for _, c in ipairs(cols) do
      if c ~= label and numeric_col(f, c) then value = c; break end
    end
  end
  if not value then
    local names = {}
    for i, c in ipairs(cols) do names[i] = tostring(c) end
    argerror(n, fname, "no numeric column to chart (columns: " .. table.concat(names, ", ") .. ")")
  end
  local out = {}
  for i, r in ipairs(f) do out[i] = { r[label], r[value] } end
  return out, label, value
end

-- pairs_of(data, label, value) -> list of {label, value}. Defaults: the
-- key/value columns of a map, else the first non-numeric column as label
-- and the first numeric column as value.
function M.pairs_of(data, label, value)
  return M.pairs_for("pairs_of", 1, data, label, value, 2, 3)
end

-- The bar for `v` on a scale where `max` fills `width` columns (a value
-- past max fills width); "" for a value that is not a number or <= 0.
local function bar(v, max, width)
  if type(v) ~= "number" or v ~= v or v <= 0 or max <= 0 then return "" end
  local eighths = math.floor(math.min(v / max, 1) * width * 8 + 0.5)
  if eighths == 0 then eighths = 1 end -- a non-zero value is never invisible
  local full, part = eighths // 8, eighths % 8
  return ("█"):rep(full) .. (part > 0 and EIGHTHS[part] or "")
end

-- A finite number at argument n of fname.
local function check_number(fname, n, v)
  if type(v) ~= "number" or v ~= v or v == math.huge or v == -math.huge then
    argerror(n, fname, "finite number expected, got " ..
      (type(v) == "number" and tostring(v) or typename(v)), 3)
  end
end

-- chart.bar(v, max, width) -> one bar: v and max finite numbers, width
-- an integer 0..chart.MAX_WIDTH.
function M.bar(v, max, width)
  check_number("bar", 1, v)
  check_number("bar", 2, max)
  return bar(v, max, A.int("bar", 3, width, "width", 0, M.MAX_WIDTH))
end

-- chart.bars(data [, label, value] [, opts]) -> string: one horizontal bar
-- per item, labels aligned by display width, values printed after the
-- bars. opts: width (bar columns, default 40), label / value (column
-- names), max (scale), labelwidth (default up to 30), title, format(v).
function M.bars(data, a, b, c)
  local opts, items
  check_data("bars", 1, data)
  if type(a) == "table" then
    opts = check_opts("bars", 2, a, BARS_OPTS)
    items = M.pairs_for("bars", 2, data, opts.label, opts.value)
  else
    if a ~= nil and type(a) ~= "string" and type(a) ~= "number" then
      argerror(2, "bars", "column name or table expected, got " .. typename(a))
    end
    opts = check_opts("bars", 4, c, BARS_OPTS)
    if opts.label ~= nil or opts.value ~= nil then
      argerror(4, "bars", "label and value are arguments #2 and #3 here")
    end
    items = M.pairs_for("bars", 1, data, a, b, 2, 3)
  end
  local width = opts.width or 40
  local max = opts.max or 0
  if not opts.max then
    for _, it in ipairs(items) do
      if type(it[2]) == "number" and it[2] > max then max = it[2] end
    end
  end
  local lw = 0
  for _, it in ipairs(items) do lw = math.max(lw, display.width(fmt_value(it[1]))) end
  lw = math.min(lw, opts.labelwidth or 30)
  local vw = 0
  for _, it in ipairs(items) do vw = math.max(vw, display.width(fmt_value(it[2], opts))) end
  local out = {}
  if opts.title then out[1] = opts.title end
  for _, it in ipairs(items) do
    local label = display.pad(display.truncate(fmt_value(it[1]), lw), lw)
    local b_ = display.pad(bar(it[2], max, width), width)
    out[#out + 1] = (label .. " " .. b_ .. " " .. display.pad(fmt_value(it[2], opts), vw, "right"))
      :gsub("%s+$", "")
  end
  return table.concat(out, "\n")
end

-- chart.spark(values [, column] [, opts]) -> sparkline string, one of
-- ▁▂▃▄▅▆▇█ per value scaled from min to max (a missing value is a space).
-- values: a list of numbers, or a frame/records plus a column name.
function M.spark(values, col, opts)
  local on = 3 -- the argument number of opts
  if type(col) == "table" then opts, col, on = col, nil, 2 end
  opts = check_opts("spark", on, opts, SPARK_OPTS)
  if type(values) ~= "table" then argerror(1, "spark", "table expected, got " .. typename(values)) end
  local list, n = values, values.n or #values
  if math.type(n) ~= "integer" or n < 0 then argerror(1, "spark", "n: integer >= 0 expected") end
  if col or frame.is(values) or type(values[1]) == "table" then
    local f = frame.from(values)
    check_column("spark", 2, f, col)
    if not col then
      for _, c in ipairs(f:columns()) do if numeric_col(f, c) then col = c; break end end
    end
    if not col then argerror(1, "spark", "no numeric column") end
    list = f:column(col)
    n = list.n
  end
  local lo, hi = opts.min, opts.max
  for i = 1, n do
    local v = list[i]
    if type(v) == "number" and v == v then
      if not opts.min and (lo == nil or v < lo) then lo = v end
      if not opts.max and (hi == nil or v > hi) then hi = v end
    end
  end
  local out = {}
  for i = 1, n do
    local v = list[i]
    if type(v) ~= "number" or v ~= v then out[i] = " "
    elseif hi == lo then out[i] = SPARKS[4]
    else
      local k = math.floor((v - lo) / (hi - lo) * 7 + 0.5) + 1
      out[i] = SPARKS[math.max(1, math.min(8, k))]
    end
  end
  return table.concat(out)
end

---------------------------------------------------------------- series

-- series_of(data, opts) -> {xs = {...}, names = {...}, value = {name = {x = v}}}.
-- Long format: opts.x, opts.y and opts.series (a column naming the series).
-- Wide format: opts.x and opts.series = {"col1", "col2"} (one series per
-- column); with neither y nor series, every numeric column but x is a
-- series. xs are in first-seen order, or sorted when opts.sort_x.
-- chart.series_for(fname, n, data, opts) -> as chart.series_of, for a
-- function fname whose argument n holds data and the options (the
-- column names; checked, misuse raises bad argument #n to 'fname').
function M.series_for(fname, n, data, opts)
  check_data(fname, n, data)
  opts = opts or {}
  local f = frame.from(data)
  check_column(fname, n, f, opts.x, "x")
  check_column(fname, n, f, opts.y, "y")
  if type(opts.series) == "table" then
    for _, c in ipairs(opts.series) do check_column(fname, n, f, c, "series") end
  else
    check_column(fname, n, f, opts.series, "series")
  end
  local cols = f:columns()
  local x = opts.x
  if not x then
    x = cols[1]
    if #cols == 2 and cols[1] == "key" then x = "key" end
  end
  local names, value, long = {}, {}, nil
  local ycol = opts.y
  if type(opts.series) == "string" then
    long = opts.series
    if not ycol then
      for _, c in ipairs(cols) do
        if c ~= x and c ~= long and numeric_col(f, c) then ycol = c; break end
      end
    end
  elseif type(opts.series) == "table" then
    for i, c in ipairs(opts.series) do names[i] = c end
  elseif ycol then
    names = { ycol }
  else
    for _, c in ipairs(cols) do
      if c ~= x and numeric_col(f, c) then names[#names + 1] = c end
    end
  end
  local xs, seen_x = {}, {}
  local function add(name, xv, v)
    if xv == nil then return end
    if not seen_x[xv] then seen_x[xv] = true; xs[#xs + 1] = xv end
    if type(v) ~= "number" then return end
    value[name] = value[name] or {}
    value[name][xv] = (value[name][xv] or 0) + v
  end
  if long then
    if not ycol then argerror(n, fname, "no numeric y column") end
    local seen = {}
    for _, r in ipairs(f) do
      local s = r[long]
      if s ~= nil then
        s = tostring(s)
        if not seen[s] then seen[s] = true; names[#names + 1] = s end
        add(s, r[x], r[ycol])
      end
    end
  else
    if #names == 0 then argerror(n, fname, "no numeric column to chart") end
    for _, r in ipairs(f) do
      for _, s in ipairs(names) do add(s, r[x], r[s]) end
    end
  end
  if opts.sort_x then table.sort(xs, function(a, b) return frame.compare(a, b) < 0 end) end
  for _, s in ipairs(names) do value[s] = value[s] or {} end
  return { xs = xs, names = names, value = value, x = x, y = ycol }
end

function M.series_of(data, opts)
  return M.series_for("series_of", 1, data, check_opts("series_of", 2, opts, SERIES_OPTS))
end

-- chart.lines(data, opts) -> string: one sparkline per series over the
-- sorted x values, with the x range and min/max/last values.
-- opts as series_of (x, y, series), plus title.
function M.lines(data, opts)
  opts = check_opts("lines", 2, opts, LINES_OPTS)
  local s = M.series_for("lines", 1, data, { x = opts.x, y = opts.y, series = opts.series,
    sort_x = true })
  local out = {}
  if opts.title then out[1] = opts.title end
  local nw = 0
  for _, name in ipairs(s.names) do nw = math.max(nw, display.width(tostring(name))) end
  nw = math.min(nw, 30)
  for _, name in ipairs(s.names) do
    local vals, lo, hi, last = { n = #s.xs }, nil, nil, nil
    for i, xv in ipairs(s.xs) do
      local v = s.value[name][xv]
      vals[i] = v
      if v then
        lo = (lo == nil or v < lo) and v or lo
        hi = (hi == nil or v > hi) and v or hi
        last = v
      end
    end
    out[#out + 1] = string.format("%s %s  min %s  max %s  last %s",
      display.pad(display.truncate(tostring(name), nw), nw), M.spark(vals, { min = opts.min }),
      fmt_value(lo, opts), fmt_value(hi, opts), fmt_value(last, opts))
  end
  if #s.xs > 0 then
    out[#out + 1] = string.format("%s %s … %s (%d points)", (" "):rep(nw),
      tostring(s.xs[1]), tostring(s.xs[#s.xs]), #s.xs)
  end
  return table.concat(out, "\n")
end

-- chart.stack(data, opts) -> string: one 100% stacked bar per x value, a
-- shade per series, with a legend. opts as series_of, plus width, title.
function M.stack(data, opts)
  opts = check_opts("stack", 2, opts, STACK_OPTS)
  local s = M.series_for("stack", 1, data, opts)
  local width = opts.width or 40
  local out = {}
  if opts.title then out[1] = opts.title end
  local lw = 0
  for _, xv in ipairs(s.xs) do lw = math.max(lw, display.width(tostring(xv))) end
  lw = math.min(lw, 30)
  for _, xv in ipairs(s.xs) do
    local total = 0
    for _, name in ipairs(s.names) do total = total + math.max(0, s.value[name][xv] or 0) end
    local segs, used, acc = {}, 0, 0
    for i, name in ipairs(s.names) do
      local v = math.max(0, s.value[name][xv] or 0)
      acc = acc + v
      local upto = total > 0 and math.floor(acc / total * width + 0.5) or 0
      segs[#segs + 1] = SHADES[(i - 1) % #SHADES + 1]:rep(upto - used)
      used = upto
    end
    out[#out + 1] = display.pad(display.truncate(tostring(xv), lw), lw) .. " "
      .. display.pad(table.concat(segs), width) .. " " .. fmt_value(total, opts)
  end
  local legend = {}
  for i, name in ipairs(s.names) do
    legend[i] = SHADES[(i - 1) % #SHADES + 1] .. " " .. tostring(name)
  end
  out[#out + 1] = (" "):rep(lw) .. " " .. table.concat(legend, "  ")
  return table.concat(out, "\n")
end

M.__help = {
  bars = "chart.bars(data [, label, value] [, opts]) -> string of horizontal bars drawn with "
    .. "eighth blocks (▏▎▍▌▋▊▉█), labels aligned by display width, values after the bars. "
    .. "data: frame/records (+ column names), {label = value} map or list of {label, value}. "
    .. "opts: width (40), max, labelwidth, title, format.\n"
    .. "  print(chart.bars(f:group('place'):count(), 'place', 'count'))",
  spark = "chart.spark(values [, column] [, opts]) -> sparkline such as '▁▂▃▅▇', one character "
    .. "per value from min to max; values a list of numbers or a frame + column name.",
  lines = "chart.lines(data, {x =, y =, series =}) -> one sparkline per series over sorted x, "
    .. "with min, max and last values (long format: series names a column; wide: a list).",
  stack = "chart.stack(data, {x =, y =, series =, width =}) -> 100% stacked text bars, one per "
    .. "x value, a shade per series, with a legend.",
  series_of = "chart.series_of(data, {x =, y =, series =}) -> {xs, names, value[name][x]}: "
    .. "the normalised series used by lines/stack and the report's SVG charts.",
  pairs_of = "chart.pairs_of(data [, label, value]) -> list of {label, value} pairs.",
  bar = "chart.bar(v, max, width) -> one bar of eighth blocks for v on a 0..max scale.",
  pairs_for = "chart.pairs_for(fname, n, data, label, value) -> chart.pairs_of whose errors name "
    .. "argument n of fname (for modules taking chart data).",
  series_for = "chart.series_for(fname, n, data, opts) -> chart.series_of whose errors name "
    .. "argument n of fname.",
  format_value = "chart.format_value(v [, opts]) -> the value's text as printed by the charts.",
}
M.__doc = "chart: text charts for the terminal — bars, sparklines, per-series lines, 100% stacks."

return M
