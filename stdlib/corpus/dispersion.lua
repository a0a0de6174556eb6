-- corpus.dispersion — an x-ray (dispersion) plot of a match set: one row
-- per document with matches, a mark per match at its relative position in
-- the document (the byte where the match starts in the stored document
-- text, over that text's length: 0 the start, 1 the end).
--
--   local d = corpus:query('[figure unit = "tỷ đồng"]'):dispersion()
--   print(d)                       -- in the terminal, as wide as it is
--   d:svg()                        -- a standalone SVG document (string)
--   d:save_svg("figures.svg")      -- written to a file
--
-- Rows keep the set's order of documents (the order of their first
-- match), so a sorted set plots in its own order.

local core = require("corpus.core")
local Q = require("corpus.sql")
local A = require("corpus.args")
local display = require("tinsh.display")
local frame = require("frame")

local M = {}
local D = {}
local DMT = { __name = "corpus.dispersion", __index = D }
M.methods = D

--- dispersion.is(x) -> is x a dispersion plot?
function M.is(x) return getmetatable(x) == DMT end

-- The options of d:render, d:show, d:svg and d:save_svg (corpus.args).
local OPTS = { width = "count", limit = "count" }

-- The rows of a match set m: {rowid, date, title, len, pos = {...}} in
-- the order of the documents' first match (ids); positions sorted, in
-- [0, 1]. meta: the documents' {published, title, len} by row id.
local function plot_rows(m, ids, meta)
  local c = m:corpus()
  local offs = Q.block_offsets(core.db(c), core.spans(c), ids)
  local rows, at = {}, {}
  for i, id in ipairs(ids) do
    local d = meta[id] or {}
    rows[i] = { rowid = id, date = d.published and d.published:sub(1, 10), title = d.title,
      len = d.len, pos = {} }
    at[id] = rows[i]
  end
  for _, r in ipairs(m) do
    local row, off = at[r.rowid], offs[r.rowid .. ":" .. r.seq] or 0
    local len = row.len and row.len > 0 and row.len or 1
    row.pos[#row.pos + 1] = math.max(0, math.min(1, (off + r.s - 1) / len))
  end
  for _, row in ipairs(rows) do table.sort(row.pos) end
  return rows
end

--- dispersion.new(m, ids, meta) -> the dispersion plot of match set m
--- (corpus.query gives ids, its documents in first-match order, and meta,
--- their {published, title, len} by row id)
function M.new(m, ids, meta)
  return setmetatable({ pattern = m.pattern, rows = plot_rows(m, ids, meta), n = #m }, DMT)
end

---------------------------------------------------------------- terminal

-- The label of a row: "#rowid date".
local function label(r) return "#" .. r.rowid .. (r.date and (" " .. r.date) or "") end

-- A track of w cells: "·" where no match falls, "│" one, "┃" several.
local function track(pos, w)
  local cells = {}
  for i = 1, w do cells[i] = 0 end
  for _, p in ipairs(pos) do
    local i = math.min(w, math.floor(p * w) + 1)
    cells[i] = cells[i] + 1
  end
  for i = 1, w do cells[i] = cells[i] == 0 and "·" or cells[i] == 1 and "│" or "┃" end
  return table.concat(cells)
end

--- d:render{width =, limit =} -> the plot as lines of text: label, track,
--- number of matches; width defaults to the terminal's (80 when not one)
function D:render(opts)
  opts = A.opts("render", 1, opts, OPTS)
  local width = opts.width or (display.isatty("stdout") and display.terminal_size()) or 80
  local n = #self.rows
  local limit = math.min(opts.limit or n, n)
  local lw, cw = 0, 1
  for i = 1, limit do
    lw = math.max(lw, display.width(label(self.rows[i])))
    cw = math.max(cw, #tostring(#self.rows[i].pos))
  end
  local tw = math.max(10, width - lw - cw - 4)
  local out = {}
  for i = 1, limit do
    local r = self[i] or self.rows[i]
    out[i] = display.pad(label(r), lw) .. " ▕" .. track(r.pos, tw) .. "▏" ..
      display.pad(tostring(#r.pos), cw, "right")
  end
  local foot = string.format("(%d %s in %d %s of '%s')", self.n, self.n == 1 and "match" or "matches",
    n, n == 1 and "document" or "documents", tostring(self.pattern))
  if limit < n then foot = foot .. string.format("; %d of %d documents shown", limit, n) end
  out[#out + 1] = display.visible(foot)
  return table.concat(out, "\n")
end

--- d:show{width =, limit =} prints the plot
function D:show(opts)
  A.opts("show", 1, opts, OPTS)
  io.stdout:write(self:render(opts), "\n")
end

DMT.__tostring = function(d) return d:render{ limit = 40 } end
DMT.__len = function(d) return #d.rows end

--- d:frame() -> frame rowid, date, title, matches, positions (relative
--- positions, 3 decimals, separated by spaces)
function D:frame()
  local rows = {}
  for i, r in ipairs(self.rows) do
    local p = {}
    for j, x in ipairs(r.pos) do p[j] = string.format("%.3f", x) end
    rows[i] = { rowid = r.rowid, date = r.date, title = r.title, matches = #r.pos,
      positions = table.concat(p, " ") }
  end
  return frame.new(rows, { "rowid", "date", "title", "matches", "positions" })
end

---------------------------------------------------------------- SVG

local function esc(s)
  return (tostring(s):gsub("[&<>\"']", { ["&"] = "&amp;", ["<"] = "&lt;", [">"] = "&gt;",
    ['"'] = "&quot;", ["'"] = "&#39;" }))
end

-- A string safe in XML text: control characters (not allowed in XML 1.0)
-- become U+FFFD, then escaped.
local function xml_text(s)
  return esc(tostring(s):gsub("[%z\1-\8\11\12\14-\31]", "\u{FFFD}"))
end

-- One row of the SVG at height y: label, base line, ticks, count.
local function svg_row(r, y, x0, x1)
  local out = {
    string.format('<text x="%d" y="%.1f" class="label">%s</text>', x0 - 8, y + 4,
      xml_text(display.truncate(label(r), 24))),
    string.format('<line x1="%d" y1="%.1f" x2="%d" y2="%.1f" class="base"/>', x0, y, x1, y),
  }
  for _, p in ipairs(r.pos) do
    out[#out + 1] = string.format('<line x1="%.2f" y1="%.1f" x2="%.2f" y2="%.1f" class="hit"/>',
      x0 + p * (x1 - x0), y - 6, x0 + p * (x1 - x0), y + 6)
  end
  out[#out + 1] = string.format('<text x="%d" y="%.1f" class="count">%d</text>', x1 + 8, y + 4, #r.pos)
  return table.concat(out, "\n")
end

local STYLE = "<style>text{font-family:system-ui,sans-serif;font-size:12px;fill:#222}" ..
  ".label{text-anchor:end}.count{fill:#555}.title{font-size:14px;font-weight:600}" ..
  ".base{stroke:#ccc;stroke-width:1}.hit{stroke:#4269d0;stroke-width:2}</style>"

--- d:svg{width =, limit =} -> a standalone SVG document of the plot (one
--- row of 20 px per document, the first limit documents, default 200)
function D:svg(opts)
  opts = A.opts("svg", 1, opts, OPTS)
  local W = math.max(300, opts.width or 720)
  local n = math.min(#self.rows, opts.limit or 200)
  local x0, x1, top = 180, W - 40, 40
  local H = top + n * 20 + 30
  local out = {
    string.format('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 %d %d" width="%d" ' ..
      'height="%d" role="img" aria-label="%s">', W, H, W, H,
      xml_text("dispersion of " .. tostring(self.pattern))),
    STYLE,
    string.format('<text x="10" y="20" class="title">%s</text>',
      xml_text(display.truncate(string.format("%s: %d matches in %d documents",
        tostring(self.pattern), self.n, #self.rows), 90))),
  }
  for i = 1, n do out[#out + 1] = svg_row(self.rows[i], top + (i - 1) * 20 + 10, x0, x1) end
  local foot = n < #self.rows and string.format(" (%d of %d documents)", n, #self.rows) or ""
  out[#out + 1] = string.format('<text x="%d" y="%d" class="count">start of document → end%s</text>',
    x0, H - 8, xml_text(foot))
  out[#out + 1] = "</svg>\n"
  return table.concat(out, "\n")
end

--- d:save_svg(path [, opts]) -> true | nil, msg
function D:save_svg(path, opts)
  A.path("save_svg", 1, path, "file name")
  A.opts("save_svg", 2, opts, OPTS)
  local svg = self:svg(opts)
  local f, err = io.open(path, "w")
  if not f then return nil, err end
  local ok, werr = f:write(svg)
  f:close()
  if not ok then return nil, werr end
  return true
end

-- Every method checks its self (corpus.args).
A.methods(D, M.is, "dispersion plot")

D.__help = require("corpus.help").dispersion
do
  local reg = require("tinsh.help").register
  for k, fn in pairs(D) do
    if type(fn) == "function" and D.__help[k] then reg(fn, "d:" .. k, D.__help[k]) end
  end
end

return M
