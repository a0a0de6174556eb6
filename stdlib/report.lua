-- report — build a report from sections, text, tables, KWIC lines,
-- documents and charts; render it as Markdown or as ONE self-contained
-- HTML file (inline CSS, inline SVG charts, no scripts, no network, no
-- external assets).
--
--   local report = require("report")
--   local r = report.new("Quảng Ninh 2024", { subtitle = "Tin tức tỉnh" })
--   r:section("Địa danh")
--   r:paragraph("Các địa danh được nhắc đến nhiều nhất.")
--   r:table(places:top(10), { caption = "Top 10" })
--   r:chart{ kind = "bar", data = places:top(10), x = "name", y = "mentions" }
--   r:save("report.html")      -- or report.md

local frame = require("frame")
local export = require("export")
local chart = require("chart")
local display = require("tinsh.display")
local json = require("json")
local A = require("corpus.args")

local M = {}
local Report = {}
local ReportMT = { __index = Report, __name = "report" }

local esc = export.html_escape

-- Raise `bad argument #n to 'fname' (msg)` at the user's line (level: the
-- fallback error level from here, default the caller's caller).
local function argerror(n, fname, msg, level)
  A.argerror(fname, n, msg, (level or 2) + 1)
end

local typename = A.typename -- metatable __name, else type(v)

-- A method called with '.' or on another object raises
-- `bad argument #1 to 'fname' (report expected, got <type>)`.
local function check_self(r, fname)
  if getmetatable(r) ~= ReportMT then
    argerror(1, fname, "report expected, got " .. typename(r), 3)
  end
end

-- The option kinds of the builder methods (corpus.args' A.opts spec).
local NEW_OPTS = { subtitle = "text", author = "text", date = "string", lang = "string",
  css = "string" }
local TABLE_OPTS = { caption = "text", limit = "count", columns = { "table", "string" } }
local KWIC_OPTS = { caption = "text", width = "count" }
local FIGURE_OPTS = { caption = "text" }
local DOCUMENT_OPTS = { full = "boolean" }
local CHART_SPEC = { kind = "string", data = "any", x = "text", y = "text",
  series = { "text", "table" }, title = "text", width = "count", limit = "count",
  width_px = "count", height_px = "count" }
M.MAX_PX = 10000 -- the largest SVG width or height

-- Fetch a field of a document that may be a table or a lazy object.
local function field(doc, name)
  local ok, v = pcall(function() return doc[name] end)
  if ok and v ~= json.null then return v end
  return nil
end

-- "2024-03-04T15:18:00+07:00" -> "04/03/2024 15:18"; "2017-05-02" ->
-- "02/05/2017"; anything else unchanged.
function M.format_date(s)
  if type(s) ~= "string" then return s end
  local y, m, d, rest = s:match("^(%d%d%d%d)-(%d%d)-(%d%d)(.*)$")
  if not y then return s end
  local hh, mm = rest:match("^[T ](%d%d):(%d%d)")
  if hh then return string.format("%s/%s/%s %s:%s", d, m, y, hh, mm) end
  return string.format("%s/%s/%s", d, m, y)
end

---------------------------------------------------------------- builder

-- report.new(title [, opts]) -> report. opts: subtitle, author, date,
-- lang (default "vi"), css (extra CSS appended to the built-in style).
function M.new(title, opts)
  if title ~= nil and type(title) ~= "string" then
    argerror(1, "new", "string expected, got " .. typename(title))
  end
  opts = A.opts("new", 2, opts, NEW_OPTS)
  return setmetatable({ title = title, opts = opts, items = {} }, ReportMT)
end

function M.is(x) return getmetatable(x) == ReportMT end

local function add(r, item)
  r.items[#r.items + 1] = item
  return r
end

-- r:section(title) -> r. Starts a section (a level-2 heading).
function Report:section(title)
  check_self(self, "section")
  if type(title) ~= "string" then argerror(1, "section", "string expected, got " .. typename(title)) end
  return add(self, { kind = "section", title = title })
end

-- r:paragraph(text) -> r. Plain text; blank lines separate paragraphs.
function Report:paragraph(text)
  check_self(self, "paragraph")
  if type(text) ~= "string" and type(text) ~= "number" then
    argerror(1, "paragraph", "string expected, got " .. typename(text))
  end
  return add(self, { kind = "paragraph", text = tostring(text) })
end

-- r:table(data [, {caption =, limit =, columns =}]) -> r. data is a frame,
-- list of records or anything frame.from accepts.
function Report:table(data, opts)
  check_self(self, "table")
  if type(data) ~= "table" and type(data) ~= "userdata" then
    argerror(1, "table", "frame or records expected, got " .. typename(data))
  end
  opts = A.opts("table", 2, opts, TABLE_OPTS)
  local f = frame.from(data)
  if opts.columns then
    local names = type(opts.columns) == "table" and opts.columns or { opts.columns }
    for _, c in ipairs(names) do
      if not pcall(f.column, f, c) then argerror(2, "table", "columns: no column '" .. tostring(c) .. "'") end
    end
    f = f:select(names)
  end
  return add(self, { kind = "table", frame = f, caption = opts.caption, limit = opts.limit })
end

-- r:kwic(lines [, {caption =, width =}]) -> r. lines: a list (or frame) of
-- {left =, match =, right =, doc = or title =}.
function Report:kwic(lines, opts)
  check_self(self, "kwic")
  if type(lines) ~= "table" and type(lines) ~= "userdata" then
    argerror(1, "kwic", "list of lines expected, got " .. typename(lines))
  end
  opts = A.opts("kwic", 2, opts, KWIC_OPTS)
  if opts.width then A.int("kwic", 2, opts.width, "width", 0, chart.MAX_WIDTH) end
  local list = {}
  local src = lines
  if not frame.is(lines) and type(lines) == "table" and lines[1] == nil then
    src = frame.from(lines)
  elseif type(lines) == "userdata" then
    src = frame.from(lines)
  end
  for i, l in ipairs(src) do
    if type(l) ~= "table" then argerror(1, "kwic", "line " .. i .. " is not a table") end
    local d = l.doc
    if type(d) == "table" then d = field(d, "title") or field(d, "id") end
    list[i] = {
      left = tostring(l.left or ""), match = tostring(l.match or ""),
      right = tostring(l.right or ""), source = d ~= nil and tostring(d) or l.title,
    }
  end
  return add(self, { kind = "kwic", lines = list, caption = opts.caption, width = opts.width })
end

-- r:figure(fig [, {caption =}]) -> r. fig: an object with fig:svg() and
-- fig:render() (a dispersion plot, m:dispersion()): its SVG inline in
-- HTML (the xmlns attribute dropped), its text plot in Markdown.
function Report:figure(fig, opts)
  check_self(self, "figure")
  opts = A.opts("figure", 2, opts, FIGURE_OPTS)
  if type(fig) ~= "table" or type(fig.svg) ~= "function" or type(fig.render) ~= "function" then
    argerror(1, "figure", "object with :svg() and :render() expected")
  end
  local svg = fig:svg():gsub(' xmlns="[^"]*"', "", 1)
  return add(self, { kind = "figure", svg = svg, text = fig:render{ width = 80 },
    caption = opts.caption })
end

-- r:document(doc [, {full = true}]) -> r. Shows the title, date, author,
-- lead and interview Q&A of a parsed document; full = true adds the body
-- paragraphs and headings.
function Report:document(doc, opts)
  check_self(self, "document")
  if type(doc) ~= "table" then -- a corpus document or a table shaped like one
    argerror(1, "document", "document expected, got " .. typename(doc))
  end
  opts = A.opts("document", 2, opts, DOCUMENT_OPTS)
  local d = {
    title = field(doc, "title"), published = field(doc, "published"),
    author = field(doc, "author"), site = field(doc, "site"), lead = field(doc, "lead"),
    qa = {}, body = {},
  }
  local function text(v)
    if v == nil or v == json.null then return nil end
    return tostring(v)
  end
  for _, pair in ipairs(field(doc, "qa") or {}) do
    d.qa[#d.qa + 1] = { q = text(pair.q or pair[1]), a = text(pair.a or pair[2]) }
  end
  if opts.full then
    for _, b in ipairs(field(doc, "blocks") or {}) do
      if (b.kind == "paragraph" or b.kind == "heading" or b.kind == "question"
          or b.kind == "answer") and text(b.text) then
        d.body[#d.body + 1] = { kind = b.kind, text = text(b.text) }
      end
    end
  end
  for _, k in ipairs{ "title", "published", "author", "site", "lead" } do d[k] = text(d[k]) end
  return add(self, { kind = "document", doc = d })
end

local KINDS = { bar = true, line = true, timeline = true, stack = true }

-- r:chart{kind = "bar"|"line"|"stack", data =, x =, y =, series =, title =}
-- -> r. bar: horizontal bars (x = label column, y = value column); line
-- (or timeline): x = years or ISO dates, one line per series; stack: 100%
-- stacked bars, one per x, segments per series.
function Report:chart(spec)
  check_self(self, "chart")
  if type(spec) ~= "table" then argerror(1, "chart", "table expected, got " .. typename(spec)) end
  A.opts("chart", 1, spec, CHART_SPEC)
  if spec.width then A.int("chart", 1, spec.width, "width", 0, chart.MAX_WIDTH) end
  if spec.width_px then A.int("chart", 1, spec.width_px, "width_px", 1, M.MAX_PX) end
  if spec.height_px then A.int("chart", 1, spec.height_px, "height_px", 1, M.MAX_PX) end
  local kind = spec.kind or "bar"
  if not KINDS[kind] then
    argerror(1, "chart", "kind must be bar, line, timeline or stack, got " .. tostring(kind))
  end
  if spec.data == nil then argerror(1, "chart", "data missing") end
  local c = {}
  for k, v in pairs(spec) do c[k] = v end
  c.kind = kind == "timeline" and "line" or kind
  -- validate now: errors belong to the call, not to render()
  if c.kind == "bar" then
    c.pairs = chart.pairs_for("chart", 1, c.data, c.x, c.y)
  else
    c.series_data = chart.series_for("chart", 1, c.data, { x = c.x, y = c.y, series = c.series,
      sort_x = c.kind == "line" or nil })
  end
  return add(self, { kind = "chart", chart = c })
end

---------------------------------------------------------------- markdown

local md = export.md_escape

local function md_paragraphs(text)
  local out = {}
  for para in (text .. "\n\n"):gmatch("(.-)\n%s*\n") do
    if para:match("%S") then out[#out + 1] = md(para) end
  end
  return table.concat(out, "\n\n")
end

local function md_kwic(item)
  local lw = item.width or 40
  local mw, out = 0, {}
  for _, l in ipairs(item.lines) do mw = math.max(mw, display.width(l.match)) end
  for _, l in ipairs(item.lines) do
    local line = display.pad(display.truncate_left(l.left, lw), lw, "right") .. "  "
      .. display.pad(l.match, mw) .. "  " .. display.truncate(l.right, lw)
    if l.source then line = display.pad(line, 2 * lw + mw + 4) .. "  — " .. l.source end
    out[#out + 1] = (line:gsub("%s+$", ""))
  end
  return "```text\n" .. table.concat(out, "\n") .. "\n```"
end

local function md_document(d)
  local out = {}
  out[1] = "### " .. md(d.title or "(untitled)")
  local meta = {}
  if d.published then meta[#meta + 1] = M.format_date(d.published) end
  if d.author then meta[#meta + 1] = d.author end
  if d.site then meta[#meta + 1] = d.site end
  if #meta > 0 then out[#out + 1] = "*" .. md(table.concat(meta, " · ")) .. "*" end
  if d.lead then out[#out + 1] = "> " .. md(d.lead):gsub("\n", "\n> ") end
  for _, b in ipairs(d.body) do
    if b.kind == "heading" then out[#out + 1] = "#### " .. md(b.text)
    elseif b.kind == "question" then out[#out + 1] = "**" .. md(b.text) .. "**"
    else out[#out + 1] = md_paragraphs(b.text) end
  end
  if #d.body == 0 then
    for _, p in ipairs(d.qa) do
      out[#out + 1] = "**Q. " .. md(p.q or "") .. "**"
      if p.a then out[#out + 1] = "A. " .. md_paragraphs(p.a) end
    end
  end
  return table.concat(out, "\n\n")
end

local function md_chart(c)
  local text
  if c.kind == "bar" then
    text = chart.bars(c.pairs, { width = c.width or 40 })
  elseif c.kind == "line" then
    text = chart.lines(c.data, { x = c.x, y = c.y, series = c.series })
  else
    text = chart.stack(c.data, { x = c.x, y = c.y, series = c.series, width = c.width or 40 })
  end
  local head = c.title and ("**" .. md(c.title) .. "**\n\n") or ""
  return head .. "```text\n" .. text .. "\n```"
end

local function render_md(r)
  local out = {}
  if r.title then out[1] = "# " .. md(r.title) end
  local meta = {}
  if r.opts.subtitle then meta[#meta + 1] = r.opts.subtitle end
  if r.opts.author then meta[#meta + 1] = r.opts.author end
  if r.opts.date then meta[#meta + 1] = M.format_date(r.opts.date) end
  if #meta > 0 then out[#out + 1] = "*" .. md(table.concat(meta, " · ")) .. "*" end
  for _, item in ipairs(r.items) do
    local k = item.kind
    if k == "section" then out[#out + 1] = "## " .. md(item.title)
    elseif k == "paragraph" then out[#out + 1] = md_paragraphs(item.text)
    elseif k == "table" then
      local f = item.frame
      if item.limit and #f > item.limit then f = f:top(item.limit) end
      local t = export.tostring(f, "md"):gsub("\n$", "")
      if #item.frame > #f then
        t = t .. string.format("\n\n*(%d of %d rows)*", #f, #item.frame)
      end
      if item.caption then t = "**" .. md(item.caption) .. "**\n\n" .. t end
      out[#out + 1] = t
    elseif k == "kwic" then
      local t = md_kwic(item)
      if item.caption then t = "**" .. md(item.caption) .. "**\n\n" .. t end
      out[#out + 1] = t
    elseif k == "document" then out[#out + 1] = md_document(item.doc)
    elseif k == "chart" then out[#out + 1] = md_chart(item.chart)
    elseif k == "figure" then
      out[#out + 1] = (item.caption and "**" .. md(item.caption) .. "**\n\n" or "") ..
        "```text\n" .. item.text .. "\n```"
    end
  end
  return table.concat(out, "\n\n") .. "\n"
end

---------------------------------------------------------------- SVG

M.palette = { "#4269d0", "#efb118", "#ff725c", "#6cc5b0", "#3ca951", "#ff8ab7",
  "#a463f2", "#97bbf5", "#9c6b4e", "#9498a0" }

local function color(i) return M.palette[(i - 1) % #M.palette + 1] end

-- Text colour readable on the fill colour hex (relative luminance).
local function ink(hex)
  local r, g, b = hex:match("#(%x%x)(%x%x)(%x%x)")
  if not r then return "#fff" end
  local l = 0.2126 * tonumber(r, 16) + 0.7152 * tonumber(g, 16) + 0.0722 * tonumber(b, 16)
  return l > 150 and "#222" or "#fff"
end

local function num(x)
  return display.number(x, 2)
end

-- Axis label: compact for large magnitudes (12k, 3.5M, 5B), else up to 4
-- decimals.
function M.tick_label(x)
  if type(x) ~= "number" then argerror(1, "tick_label", "number expected, got " .. typename(x)) end
  local a = math.abs(x)
  if a >= 1e9 then return display.number(x / 1e9, 2) .. "B" end
  if a >= 1e6 then return display.number(x / 1e6, 2) .. "M" end
  if a >= 1e4 then return display.number(x / 1e3, 2) .. "k" end
  return display.number(x, 4)
end

-- Generous pixel width of a label at 13px system-ui (wide characters count
-- 2): labels are right-aligned against the bars, so too wide is harmless.
local function text_px(s) return display.width(s) * 8 end

-- "Nice" tick values covering lo..hi, about n of them.
function M.ticks(lo, hi, n)
  for i, v in ipairs{ lo, hi } do
    if type(v) ~= "number" or v ~= v or v == math.huge or v == -math.huge then
      argerror(i, "ticks", "finite number expected, got " ..
        (type(v) == "number" and tostring(v) or typename(v)))
    end
  end
  if hi == nil then argerror(2, "ticks", "finite number expected, got nil") end
  n = A.int("ticks", 3, n or 5, "n", 1, 50)
  local range = math.abs(hi - lo)
  if range == math.huge then argerror(2, "ticks", "range lo..hi too large") end
  if hi < lo then lo, hi = hi, lo end
  if hi == lo then
    if lo == 0 then return { 0, 1 }, 1 end
    lo, hi = math.min(0, lo), math.max(0, hi)
    if hi == lo then hi = lo + 1 end
  end
  local raw = (hi - lo) / n
  local mag = 10 ^ math.floor(math.log(raw, 10))
  local step = mag
  for _, m in ipairs{ 1, 2, 2.5, 5, 10 } do
    if raw <= m * mag then step = m * mag; break end
  end
  local first = math.floor(lo / step + 1e-9) * step
  local ticks = {}
  local t = first
  while t < hi + step * 0.5 and #ticks < 50 do
    ticks[#ticks + 1] = math.abs(t) < step * 1e-9 and 0 or t
    if t >= hi - 1e-9 * step then break end
    t = t + step
  end
  if ticks[#ticks] < hi then ticks[#ticks + 1] = ticks[#ticks] + step end
  return ticks, step
end

-- x value -> number: numbers as is, "YYYY", "YYYY-MM", "YYYY-MM-DD..."
-- as fractional years; nil when not a date.
function M.x_number(v)
  if type(v) == "number" then return v end
  if type(v) ~= "string" then return nil end
  local y, m, d = v:match("^(%d%d%d%d)%-?(%d?%d?)%-?(%d?%d?)")
  if not y then return nil end
  y, m, d = tonumber(y), tonumber(m) or 1, tonumber(d) or 1
  if v:match("^%d%d%d%d$") then return y end
  local days = os.time{ year = y, month = m, day = d, hour = 12 }
  local start = os.time{ year = y, month = 1, day = 1, hour = 12 }
  local nxt = os.time{ year = y + 1, month = 1, day = 1, hour = 12 }
  return y + (days - start) / (nxt - start)
end

local function svg_open(w, h, title)
  return string.format('<svg viewBox="0 0 %.0f %.0f" width="%.0f" height="%.0f" role="img" aria-label="%s">\n',
    w, h, w, h, esc(title or "chart"))
end

local function svg_text(x, y, s, attrs)
  return string.format('<text x="%.1f" y="%.1f"%s>%s</text>\n', x, y, attrs or "", esc(s))
end

local function legend(names, x, y, maxw)
  local out, cx, cy = {}, x, y
  for i, name in ipairs(names) do
    local label = display.truncate(tostring(name), 30)
    local w = 18 + text_px(label) + 16
    if cx + w > x + maxw and cx > x then cx, cy = x, cy + 18 end
    out[#out + 1] = string.format('<rect x="%.1f" y="%.1f" width="12" height="12" rx="2" fill="%s"/>\n',
      cx, cy - 10, color(i))
    out[#out + 1] = svg_text(cx + 17, cy, label, ' class="legend"')
    cx = cx + w
  end
  return table.concat(out), cy
end

-- Horizontal bar chart.
local function svg_bar(c)
  local items = c.pairs
  local limit = c.limit or 40
  local shown = math.min(#items, limit)
  local W = c.width_px or 720
  local lw = 0
  for i = 1, shown do
    lw = math.max(lw, text_px(display.truncate(chart.format_value(items[i][1]), 40)))
  end
  lw = math.min(math.max(lw + 12, 60), W * 0.45)
  local vw = 0
  for i = 1, shown do vw = math.max(vw, text_px(chart.format_value(items[i][2]))) end
  local bw = W - lw - vw - 16
  local max = 0
  for i = 1, shown do
    local v = items[i][2]
    if type(v) == "number" and v > max then max = v end
  end
  local row = 24
  local H = shown * row + 8
  local out = { svg_open(W, H, c.title) }
  for i = 1, shown do
    local label, v = items[i][1], items[i][2]
    local y = 4 + (i - 1) * row
    local len = (type(v) == "number" and v > 0 and max > 0) and (v / max * bw) or 0
    local maxchars = math.floor((lw - 12) / 8)
    out[#out + 1] = svg_text(lw - 8, y + 16, display.truncate(chart.format_value(label), maxchars),
      ' text-anchor="end"')
    out[#out + 1] = string.format('<rect x="%.1f" y="%.1f" width="%.1f" height="16" rx="2" fill="%s"><title>%s: %s</title></rect>\n',
      lw, y + 4, len, color(1), esc(chart.format_value(label)), esc(chart.format_value(v)))
    out[#out + 1] = svg_text(lw + len + 6, y + 16, chart.format_value(v), ' class="value"')
  end
  out[#out + 1] = "</svg>\n"
  local note = ""
  if shown < #items then
    note = string.format('<p class="more">(%d of %d bars)</p>\n', shown, #items)
  end
  return table.concat(out) .. note
end

-- Line chart over numeric or date x; categorical x falls back to
-- evenly spaced positions.
local function svg_line(c)
  local s = c.series_data
  local W, H = c.width_px or 720, c.height_px or 340
  local xs = s.xs
  local xnum, categorical = {}, false
  for i, xv in ipairs(xs) do
    xnum[i] = M.x_number(xv)
    if not xnum[i] then categorical = true end
  end
  if categorical then for i = 1, #xs do xnum[i] = i end end
  local ylo, yhi = 0, nil
  for _, name in ipairs(s.names) do
    for _, v in pairs(s.value[name]) do
      yhi = (yhi == nil or v > yhi) and v or yhi
      if v < ylo then ylo = v end
    end
  end
  yhi = yhi or 1
  local yt = M.ticks(ylo, yhi, 5)
  ylo, yhi = yt[1], yt[#yt]
  local ml = 40
  for _, t in ipairs(yt) do ml = math.max(ml, text_px(M.tick_label(t)) + 14) end
  local mr, mb = 16, 36
  local leg, legend_y = legend(s.names, ml, 16, W - ml - mr)
  local mt = legend_y + 14
  local pw, ph = W - ml - mr, H - mt - mb
  local xlo, xhi = xnum[1] or 0, xnum[#xnum] or 1
  for _, v in ipairs(xnum) do
    if v < xlo then xlo = v end
    if v > xhi then xhi = v end
  end
  if xhi == xlo then xlo, xhi = xlo - 1, xhi + 1 end
  local function px(x) return ml + (x - xlo) / (xhi - xlo) * pw end
  local function py(y) return mt + ph - (y - ylo) / (yhi - ylo) * ph end
  local out = { svg_open(W, H, c.title), leg }
  -- y grid and ticks
  for _, t in ipairs(yt) do
    out[#out + 1] = string.format('<line x1="%.1f" y1="%.1f" x2="%.1f" y2="%.1f" class="grid"/>\n',
      ml, py(t), ml + pw, py(t))
    out[#out + 1] = svg_text(ml - 6, py(t) + 4, M.tick_label(t), ' text-anchor="end" class="tick"')
  end
  -- x ticks
  local xticks = {}
  if categorical then
    local every = math.max(1, math.ceil(#xs / 12))
    for i = 1, #xs, every do xticks[#xticks + 1] = { xnum[i], tostring(xs[i]) } end
  else
    local whole = true
    for _, v in ipairs(xnum) do if v ~= math.floor(v) then whole = false end end
    local _, step = M.ticks(xlo, xhi, math.min(8, math.max(2, #xs)))
    if whole or (xhi - xlo) >= 2 then
      step = math.max(1, math.floor(step + 0.5))
      local t = math.ceil(xlo / step - 1e-9) * step
      while t <= xhi + 1e-9 do
        xticks[#xticks + 1] = { t, string.format("%d", t) }
        t = t + step
      end
    else
      -- less than two years of dates: ticks on the first of a month
      local months = (xhi - xlo) * 12
      local step_m = 1
      for _, m in ipairs{ 1, 2, 3, 6 } do
        step_m = m
        if months / m <= 8 then break end
      end
      local y = math.floor(xlo)
      local m = math.floor((xlo - y) * 12) + 1
      for _ = 1, 40 do
        local t = M.x_number(string.format("%04d-%02d-01", y, m))
        if t > xhi + 1e-9 then break end
        if t >= xlo - 1e-9 and (m - 1) % step_m == 0 then
          xticks[#xticks + 1] = { t, string.format("%02d/%d", m, y) }
        end
        m = m + 1
        if m > 12 then m, y = 1, y + 1 end
      end
    end
  end
  for _, t in ipairs(xticks) do
    local x = px(t[1])
    out[#out + 1] = string.format('<line x1="%.1f" y1="%.1f" x2="%.1f" y2="%.1f" class="axis"/>\n',
      x, mt + ph, x, mt + ph + 5)
    out[#out + 1] = svg_text(x, mt + ph + 19, t[2], ' text-anchor="middle" class="tick"')
  end
  out[#out + 1] = string.format('<line x1="%.1f" y1="%.1f" x2="%.1f" y2="%.1f" class="axis"/>\n',
    ml, mt + ph, ml + pw, mt + ph)
  out[#out + 1] = string.format('<line x1="%.1f" y1="%.1f" x2="%.1f" y2="%.1f" class="axis"/>\n',
    ml, mt, ml, mt + ph)
  -- series
  for si, name in ipairs(s.names) do
    local d, pen = {}, "M"
    local dots = {}
    for i, xv in ipairs(xs) do
      local v = s.value[name][xv]
      if v == nil then
        pen = "M"
      else
        d[#d + 1] = string.format("%s%.1f %.1f", pen, px(xnum[i]), py(v))
        pen = "L"
        if #xs <= 60 then
          dots[#dots + 1] = string.format('<circle cx="%.1f" cy="%.1f" r="3" fill="%s"><title>%s, %s: %s</title></circle>\n',
            px(xnum[i]), py(v), color(si), esc(tostring(name)), esc(tostring(xv)), esc(num(v)))
        end
      end
    end
    if #d > 0 then
      out[#out + 1] = string.format('<path d="%s" fill="none" stroke="%s" stroke-width="2" stroke-linejoin="round"/>\n',
        table.concat(d, " "), color(si))
    end
    out[#out + 1] = table.concat(dots)
  end
  out[#out + 1] = "</svg>\n"
  return table.concat(out)
end

-- 100% stacked horizontal bars, one per x value.
local function svg_stack(c)
  local s = c.series_data
  local W = c.width_px or 720
  local lw = 0
  for _, xv in ipairs(s.xs) do lw = math.max(lw, text_px(display.truncate(tostring(xv), 30))) end
  lw = math.min(math.max(lw + 12, 50), W * 0.4)
  local leg, legend_y = legend(s.names, lw, 16, W - lw - 8)
  local top = legend_y + 12
  local bw = W - lw - 16
  local row = 28
  local H = top + #s.xs * row + 6
  local out = { svg_open(W, H, c.title), leg }
  for i, xv in ipairs(s.xs) do
    local y = top + (i - 1) * row
    out[#out + 1] = svg_text(lw - 8, y + 17, display.truncate(tostring(xv), 30), ' text-anchor="end"')
    local total = 0
    for _, name in ipairs(s.names) do total = total + math.max(0, s.value[name][xv] or 0) end
    local x = lw
    for si, name in ipairs(s.names) do
      local v = math.max(0, s.value[name][xv] or 0)
      if total > 0 and v > 0 then
        local w = v / total * bw
        local pct = v / total * 100
        out[#out + 1] = string.format('<rect x="%.1f" y="%.1f" width="%.1f" height="20" fill="%s"><title>%s, %s: %s (%.1f%%)</title></rect>\n',
          x, y + 3, w, color(si), esc(tostring(xv)), esc(tostring(name)), esc(num(v)), pct)
        local label = string.format("%.0f%%", pct)
        if w > text_px(label) + 6 then
          out[#out + 1] = svg_text(x + w / 2, y + 17, label,
            ' text-anchor="middle" class="inbar" style="fill:' .. ink(color(si)) .. '"')
        end
        x = x + w
      end
    end
  end
  out[#out + 1] = "</svg>\n"
  return table.concat(out)
end

local function html_chart(c)
  local svg
  if c.kind == "bar" then svg = svg_bar(c)
  elseif c.kind == "line" then svg = svg_line(c)
  else svg = svg_stack(c) end
  local cap = c.title and ("<figcaption>" .. esc(c.title) .. "</figcaption>\n") or ""
  return '<figure class="chart">\n' .. cap .. svg .. "</figure>\n"
end

---------------------------------------------------------------- HTML

M.css = export.css .. [[
h1{font-size:1.8rem;margin:0 0 .2rem}
h2{font-size:1.35rem;margin-top:2rem;border-bottom:1px solid #ddd;padding-bottom:.2rem}
h3{font-size:1.1rem;margin:.2rem 0}
.meta,.more{color:#666;font-size:.9rem}
figure{margin:1rem 0}
figcaption{font-weight:600;margin-bottom:.4rem}
svg{max-width:100%;height:auto;overflow:visible;font-family:system-ui,sans-serif;font-size:13px}
svg text{fill:#222}
svg text.tick,svg text.value{fill:#555;font-size:12px}
svg text.inbar{fill:#fff;font-size:11px;font-weight:600}
svg .grid{stroke:#e5e5e5}
svg .axis{stroke:#888}
.table-wrap{overflow-x:auto}
table.kwic td{border:none;padding:.1rem .4rem;white-space:nowrap}
table.kwic td.left{text-align:right;color:#444}
table.kwic td.match{text-align:center}
table.kwic td.src{color:#777;font-size:.85rem}
mark{background:#fff2a8;padding:0 .15rem;font-weight:600}
article.doc{border-left:3px solid #4269d0;padding:.2rem 0 .2rem 1rem;margin:1.5rem 0}
article.doc .lead{font-weight:600}
dl.qa dt{font-weight:600;margin-top:.6rem}
dl.qa dd{margin:.2rem 0 0 1rem}
footer{margin-top:3rem;color:#888;font-size:.8rem}
]]

local function html_paragraphs(text, class)
  local out = {}
  local open = class and ('<p class="' .. class .. '">') or "<p>"
  for para in (text .. "\n\n"):gmatch("(.-)\n%s*\n") do
    if para:match("%S") then out[#out + 1] = open .. esc(para):gsub("\n", "<br>") .. "</p>\n" end
  end
  return table.concat(out)
end

local function html_kwic(item)
  local out = { '<div class="table-wrap"><table class="kwic">\n' }
  if item.caption then out[#out + 1] = "<caption>" .. esc(item.caption) .. "</caption>\n" end
  local w = item.width or 60
  out[#out + 1] = "<tbody>\n"
  for _, l in ipairs(item.lines) do
    out[#out + 1] = string.format(
      '<tr><td class="left">%s</td><td class="match"><mark>%s</mark></td><td class="right">%s</td><td class="src">%s</td></tr>\n',
      esc(display.truncate_left(l.left, w)), esc(l.match), esc(display.truncate(l.right, w)),
      esc(l.source or ""))
  end
  out[#out + 1] = "</tbody>\n</table></div>\n"
  return table.concat(out)
end

local function html_document(d)
  local out = { '<article class="doc">\n<h3>' .. esc(d.title or "(untitled)") .. "</h3>\n" }
  local meta = {}
  if d.published then meta[#meta + 1] = M.format_date(d.published) end
  if d.author then meta[#meta + 1] = d.author end
  if d.site then meta[#meta + 1] = d.site end
  if #meta > 0 then out[#out + 1] = '<p class="meta">' .. esc(table.concat(meta, " · ")) .. "</p>\n" end
  if d.lead then out[#out + 1] = html_paragraphs(d.lead, "lead") end
  if #d.body > 0 then
    for _, b in ipairs(d.body) do
      if b.kind == "heading" then out[#out + 1] = "<h4>" .. esc(b.text) .. "</h4>\n"
      elseif b.kind == "question" then out[#out + 1] = html_paragraphs(b.text, "question")
      else out[#out + 1] = html_paragraphs(b.text) end
    end
  elseif #d.qa > 0 then
    out[#out + 1] = '<dl class="qa">\n'
    for _, p in ipairs(d.qa) do
      out[#out + 1] = "<dt>" .. esc(p.q or "") .. "</dt>\n<dd>" .. html_paragraphs(p.a or "") .. "</dd>\n"
    end
    out[#out + 1] = "</dl>\n"
  end
  out[#out + 1] = "</article>\n"
  return table.concat(out)
end

local function render_html(r)
  local body = {}
  if r.title then body[1] = "<header>\n<h1>" .. esc(r.title) .. "</h1>\n" end
  local meta = {}
  if r.opts.subtitle then meta[#meta + 1] = r.opts.subtitle end
  if r.opts.author then meta[#meta + 1] = r.opts.author end
  if r.opts.date then meta[#meta + 1] = M.format_date(r.opts.date) end
  if #meta > 0 then
    body[#body + 1] = '<p class="meta">' .. esc(table.concat(meta, " · ")) .. "</p>\n"
  end
  if r.title then body[#body + 1] = "</header>\n" end
  body[#body + 1] = "<main>\n"
  for _, item in ipairs(r.items) do
    local k = item.kind
    if k == "section" then body[#body + 1] = "<h2>" .. esc(item.title) .. "</h2>\n"
    elseif k == "paragraph" then body[#body + 1] = html_paragraphs(item.text)
    elseif k == "table" then
      body[#body + 1] = '<div class="table-wrap">'
        .. export.html_table(item.frame, { caption = item.caption, limit = item.limit }) .. "</div>\n"
    elseif k == "kwic" then body[#body + 1] = html_kwic(item)
    elseif k == "document" then body[#body + 1] = html_document(item.doc)
    elseif k == "chart" then body[#body + 1] = html_chart(item.chart)
    elseif k == "figure" then
      body[#body + 1] = '<figure class="chart">\n' .. (item.caption and ("<figcaption>" ..
        esc(item.caption) .. "</figcaption>\n") or "") .. item.svg .. "</figure>\n"
    end
  end
  body[#body + 1] = "</main>\n<footer>tinsh report</footer>\n"
  local css = M.css .. (r.opts.css or "")
  local html = export.html_page(r.title or "tinsh report", table.concat(body), css)
  if r.opts.lang and r.opts.lang ~= "vi" then
    -- a function, not a replacement string: a '%' in lang is no capture
    -- reference (it raised "invalid capture index", red team 10)
    local tag = '<html lang="' .. esc(r.opts.lang) .. '">'
    html = html:gsub('<html lang="vi">', function() return tag end, 1)
  end
  return html
end

---------------------------------------------------------------- output

local RENDER = { md = render_md, markdown = render_md, html = render_html, htm = render_html }

-- r:render("md"|"html") -> string.
function Report:render(format)
  check_self(self, "render")
  format = format or "md"
  local fn = RENDER[format]
  if not fn then argerror(1, "render", "'md' or 'html' expected, got " .. tostring(format)) end
  return fn(self)
end

-- r:save(path) -> true | nil, message. Format from the extension (.md,
-- .markdown, .html, .htm).
function Report:save(path)
  check_self(self, "save")
  export.check_path("save", 1, path, "path")
  local ext = path:match("%.([%w]+)$")
  ext = ext and ext:lower()
  if not ext or not RENDER[ext] then
    argerror(1, "save", "cannot tell the format of '" .. path .. "' (use .md or .html)")
  end
  local text = self:render(ext)
  local fh, err = io.open(path, "wb")
  if not fh then return nil, err end
  local ok, werr = fh:write(text)
  local cok, cerr = fh:close()
  if not ok then return nil, werr end
  if not cok then return nil, cerr end
  return true
end

ReportMT.__tostring = function(r) return r:render("md") end

M.Report = Report

M.__help = {
  new = "report.new(title [, {subtitle =, author =, date =, css =}]) -> report builder. Add "
    .. "content with r:section, r:paragraph, r:table, r:kwic, r:document, r:chart (each returns "
    .. "r), then r:render('md'|'html') or r:save(path).",
  section = "r:section(title) -> r. Starts a new section (level-2 heading).",
  paragraph = "r:paragraph(text) -> r. Plain text (escaped); blank lines separate paragraphs.",
  table = "r:table(frame_or_records [, {caption =, limit =, columns =}]) -> r. A table; numbers "
    .. "right-aligned.",
  kwic = "r:kwic(lines [, {caption =, width =}]) -> r. Keyword-in-context lines {left =, "
    .. "match =, right =, doc = or title =}, the match centred and highlighted.",
  document = "r:document(doc [, {full = true}]) -> r. A document's title, date, author, lead and "
    .. "Q&A (full = true: its body paragraphs instead of the Q&A).",
  chart = "r:chart{kind = 'bar'|'line'|'stack', data =, x =, y =, series =, title =} -> r. bar: "
    .. "horizontal bars (x labels, y values); line/timeline: x years or ISO dates, one line per "
    .. "series; stack: 100% stacked bars per x. SVG in HTML, text chart in Markdown.\n"
    .. "  r:chart{kind = 'line', data = f, x = 'year', y = 'count', series = 'place'}",
  figure = "r:figure(fig [, {caption =}]) -> r. A plot with fig:svg() and fig:render(), e.g. "
    .. "m:dispersion(): SVG in HTML, its text plot in Markdown.",
  render = "r:render('md'|'html') -> string. HTML is one self-contained page: inline CSS and "
    .. "SVG, no scripts, no external assets.",
  save = "r:save(path) -> true | nil, msg. Format from the extension: .md or .html.",
  tick_label = "report.tick_label(x) -> axis label: 12k, 3.5M, 5B for large values, else the number.",
  format_date = "report.format_date(iso) -> '04/03/2024 15:18' (Vietnamese day/month order).",
  ticks = "report.ticks(lo, hi [, n]) -> about n 'nice' axis tick values covering lo..hi, step.",
  x_number = "report.x_number(v) -> v as a number for a time axis ('2024-03-04' -> fractional "
    .. "year), nil when not a year/date.",
  is = "report.is(x) -> true when x is a report builder.",
}
M.__doc = "report: build a report (sections, text, tables, KWIC, documents, charts) and render "
  .. "it as Markdown or one self-contained HTML file."
Report.__help = M.__help
display.register_help(Report, M.__help, "r:")

return M
