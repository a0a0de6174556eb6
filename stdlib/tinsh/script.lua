-- tinsh.script — the plumbing shared by the ready report scripts
-- (scripts/*.lua, `tinsh run NAME`): argument parsing with one-line usage
-- errors, a report builder that renders as text, Markdown, HTML (through
-- the report module: one self-contained file) or CSV (its main table),
-- the output (stdout or --out FILE), and the document dates the reports
-- group by.
--
--   local script = require("tinsh.script")
--   local o = script.args(arg, { options = { top = "integer" }, defaults = { top = 10 } })
--   local r = script.report("Corpus overview")
--   r:section("Documents"):table(o.corpus:list(), { csv = true })
--   script.output(r, o)
--
-- Every script accepts --format text|md|html|csv, --out FILE (the format
-- follows the extension unless --format is given), --db PATH and --help.

local frame = require("frame")
local export = require("export")
local chart = require("chart")
local display = require("tinsh.display")
local core = require("tinsh.core")
local ccore = require("corpus.core")
local Q = require("corpus.sql")
local A = require("corpus.args")

local M = {}

-- Raise `bad argument #n to 'fname' (msg)` at the user's line (level: the
-- fallback error level from here, default the caller's caller).
local function argerror(n, fname, msg, level)
  A.argerror(fname, n, msg, (level or 2) + 1)
end

local typename = A.typename -- metatable __name, else type(v)

-- Argument n of fname must be a corpus (corpus.open, the global corpus).
local function check_corpus(fname, n, c)
  if typename(c) ~= "corpus" then argerror(n, fname, "corpus expected, got " .. typename(c), 3) end
end

M.FORMATS = { text = "text", txt = "text", md = "md", markdown = "md", html = "html",
  htm = "html", csv = "csv" }
M.WIDTH = 100 -- text output width (columns)

---------------------------------------------------------------- errors

local function script_name(argv)
  local p = argv and argv[0] or "script"
  return (tostring(p):match("([^/]+)%.lua$") or tostring(p))
end

-- Print "tinsh: run NAME: msg" on stderr and exit with status 2 (usage).
function M.fail(msg, argv, status)
  io.stderr:write("tinsh: run ", script_name(argv or _G.arg), ": ", msg, "\n")
  os.exit(status or 2)
end

-- The `--- key: value` header of the script file (the lines tinsh run
-- --list and --help show), as a list of lines.
function M.header(path)
  if path ~= nil then export.check_path("header", 1, path) end
  local fh = path and io.open(path, "r")
  if not fh then return {} end
  local out = {}
  for line in fh:lines() do
    if not line:match("^#!") then
      local text = line:match("^%-%-%-%s?(.*)$")
      if not text then break end
      out[#out + 1] = text
    end
  end
  fh:close()
  return out
end

local function usage_of(argv, spec)
  if spec.usage then return spec.usage end
  for _, l in ipairs(M.header(argv and argv[0])) do
    local u = l:match("^usage:%s*(.*)$")
    if u then return u end
  end
  return "tinsh run " .. script_name(argv) .. " [OPTIONS]"
end

---------------------------------------------------------------- arguments

local COMMON = { format = "string", out = "string", db = "string", help = "flag" }
local SHORT = { o = "out", f = "format", h = "help" }

local function convert(kind, name, v, fail)
  if kind == "number" or kind == "integer" then
    local n = tonumber(v)
    if not n or (kind == "integer" and math.type(n) ~= "integer" and n ~= math.floor(n)) then
      fail("--" .. name .. " wants a" .. (kind == "integer" and "n integer" or " number")
        .. ", got '" .. tostring(v) .. "'")
    end
    return kind == "integer" and math.tointeger(n) or n
  elseif type(kind) == "table" then -- a list of choices
    for _, c in ipairs(kind) do if c == v then return v end end
    fail("--" .. name .. " must be one of " .. table.concat(kind, ", ") .. ", got '" ..
      tostring(v) .. "'")
  end
  return v
end

--[[
script.args(argv, spec) -> options table. argv is the script's `arg`.
spec.options   {name = "string" | "number" | "integer" | "flag" | {choices}}
spec.defaults  {name = value}
spec.positional {min =, max =, names = {"a", "b"}} (positional values land in
               o[1], o[2]... and under their names)
spec.usage     the usage line (default: the script header's "usage:" line)
spec.formats   formats the script writes (default text, md, html, csv)
Common options: --format F, --out FILE (-o), --db PATH, --help (-h).
--help prints the header and exits 0; a bad argument prints one line
"tinsh: run NAME: what (usage: ...)" and exits 2. The result also holds
o.format (resolved), o.corpus (the --db corpus or the default) and
o.script (the script's name).
]]
local ARGS_SPEC = { options = "table", defaults = "table", positional = "table",
  usage = "string", formats = "table" }

function M.args(argv, spec)
  if argv ~= nil and type(argv) ~= "table" then
    argerror(1, "args", "table expected, got " .. typename(argv))
  end
  argv = argv or {}
  spec = A.opts("args", 2, spec, ARGS_SPEC)
  local usage = usage_of(argv, spec)
  local function fail(msg) M.fail(msg .. " (usage: " .. usage .. ")", argv) end
  local kinds = {}
  for k, v in pairs(COMMON) do kinds[k] = v end
  for k, v in pairs(spec.options or {}) do kinds[k] = v end
  local o = { script = script_name(argv) }
  for k, v in pairs(spec.defaults or {}) do o[k] = v end
  local pos = {}
  local i, n = 1, #argv
  local only_pos = false
  while i <= n do
    local a = argv[i]
    if only_pos or a == "-" or not a:match("^%-") then
      pos[#pos + 1] = a
    elseif a == "--" then
      only_pos = true
    else
      local name, value = a:match("^%-%-([%w_-]+)=(.*)$")
      if not name then name = a:match("^%-%-([%w_-]+)$") end
      if not name and a:match("^%-%a$") then name = SHORT[a:sub(2)] end
      if not name then fail("unknown option '" .. a .. "'") end
      name = name:gsub("-", "_")
      local kind = kinds[name]
      if not kind then fail("unknown option '" .. a .. "'") end
      if kind == "flag" then
        if value then fail("--" .. name .. " takes no value") end
        o[name] = true
      else
        if not value then
          i = i + 1
          value = argv[i]
          if value == nil then fail(a .. " needs a value") end
        end
        o[name] = convert(kind, name, value, fail)
      end
    end
    i = i + 1
  end
  if o.help then
    local h = M.header(argv[0])
    io.stdout:write(#h > 0 and table.concat(h, "\n") or ("usage: " .. usage), "\n")
    os.exit(0)
  end
  local p = spec.positional or { max = 0 }
  if #pos < (p.min or 0) then
    fail("missing " .. ((p.names or {})[#pos + 1] or "argument"))
  end
  if p.max and #pos > p.max then fail("unexpected argument '" .. pos[p.max + 1] .. "'") end
  for k, v in ipairs(pos) do
    o[k] = v
    if p.names and p.names[k] then o[p.names[k]] = v end
  end
  -- the format: --format, else the extension of --out, else text
  local allowed = {}
  for _, f in ipairs(spec.formats or { "text", "md", "html", "csv" }) do allowed[f] = true end
  local fmt
  if o.format then
    fmt = M.FORMATS[o.format:lower()]
    if not fmt or not allowed[fmt] then
      fail("unknown format '" .. o.format .. "'")
    end
  elseif o.out and o.out ~= "-" then
    local ext = o.out:match("%.(%w+)$")
    fmt = ext and M.FORMATS[ext:lower()]
    if not fmt or not allowed[fmt] then
      fail("cannot tell the format of '" .. o.out .. "': use --format or a ." ..
        table.concat(spec.formats or { "html", "md", "csv", "txt" }, "/.") .. " name")
    end
  end
  o.format = fmt or "text"
  if o.db then
    local c, err = require("corpus").open(o.db)
    if not c then M.fail(tostring(err), argv, 1) end
    o.corpus = c
  else
    o.corpus = _G.corpus or require("corpus").default()
  end
  return o
end

---------------------------------------------------------------- text

-- Word-wrap s to width columns, each line prefixed; returns a list.
local function wrap(s, width, prefix) return display.wrap(tostring(s), width, prefix) end
M.wrap = wrap

---------------------------------------------------------------- builder

local Out = {}
local OutMT = { __index = Out, __name = "tinsh.script.report" }

--[[
script.report(title [, opts]) -> builder with the methods of a report
(section, paragraph, table, chart, kwic, document — each returns the
builder) plus note(text) (a small paragraph) and hint(text) (text output
only: what to try next). It renders as
"text" (aligned, M.WIDTH columns), "md" and "html" (report.new), and
"csv" (the table added with {csv = true}, else the first table).
Table opts: caption, limit (HTML/Markdown rows), text_limit (text rows),
csv = true, columns. opts: subtitle, date (as report.new).
]]
local REPORT_OPTS = { subtitle = "text", author = "text", date = "string", lang = "string",
  css = "string" }
local TABLE_OPTS = { caption = "text", limit = "count", text_limit = "count", csv = "boolean",
  columns = { "table", "string" }, maxwidth = "count" }

function M.report(title, opts)
  if title ~= nil and type(title) ~= "string" then
    argerror(1, "report", "string expected, got " .. typename(title))
  end
  opts = A.opts("report", 2, opts, REPORT_OPTS)
  return setmetatable({ title = title, opts = opts, items = {} }, OutMT)
end

-- A builder method called with '.' or on another object raises
-- `bad argument #1 to 'fname' (tinsh.script.report expected, got <type>)`.
local function check_self(r, fname)
  if getmetatable(r) ~= OutMT then
    argerror(1, fname, "tinsh.script.report expected, got " .. typename(r), 3)
  end
end

local function push(r, item)
  r.items[#r.items + 1] = item
  return r
end

-- The text of a section, paragraph, note or hint (argument 1 of fname):
-- a string or a number, else bad argument (at the call, not at render).
local function text_arg(r, fname, text)
  check_self(r, fname)
  if type(text) ~= "string" and type(text) ~= "number" then
    argerror(1, fname, "string expected, got " .. typename(text), 3)
  end
  return tostring(text)
end

function Out:section(title) return push(self, { kind = "section", title = text_arg(self, "section", title) }) end
function Out:paragraph(text) return push(self, { kind = "paragraph", text = text_arg(self, "paragraph", text) }) end
function Out:note(text) return push(self, { kind = "note", text = text_arg(self, "note", text) }) end
function Out:hint(text) return push(self, { kind = "hint", text = text_arg(self, "hint", text) }) end
function Out:table(data, opts)
  check_self(self, "table")
  opts = A.opts("table", 2, opts, TABLE_OPTS)
  -- the report's checks of data and columns, now, at the call
  require("report").new("check"):table(data, { columns = opts.columns })
  local f = frame.from(data)
  if opts.columns then f = f:select(opts.columns) end
  return push(self, { kind = "table", frame = f, opts = opts })
end
-- chart, kwic and document are checked by the report module's methods
-- of the same names, now, at the call.
function Out:chart(spec)
  check_self(self, "chart")
  require("report").new("check"):chart(spec)
  return push(self, { kind = "chart", spec = spec })
end
function Out:kwic(lines, opts)
  check_self(self, "kwic")
  require("report").new("check"):kwic(lines, opts)
  return push(self, { kind = "kwic", lines = lines, opts = opts or {} })
end
function Out:document(doc, opts)
  check_self(self, "document")
  require("report").new("check"):document(doc, opts)
  return push(self, { kind = "document", doc = doc, opts = opts or {} })
end

-- The report module's builder with the same content.
function Out:to_report()
  check_self(self, "to_report")
  local report = require("report")
  local r = report.new(self.title, self.opts)
  for _, it in ipairs(self.items) do
    if it.kind == "section" then r:section(it.title)
    elseif it.kind == "paragraph" or it.kind == "note" then r:paragraph(it.text)
    elseif it.kind == "table" then
      if #it.frame > 0 then
        r:table(it.frame, { caption = it.opts.caption, limit = it.opts.limit })
      else
        r:paragraph((it.opts.caption and (it.opts.caption .. ": ") or "") .. "(none)")
      end
    elseif it.kind == "chart" then r:chart(it.spec)
    elseif it.kind == "kwic" then r:kwic(it.lines, it.opts)
    elseif it.kind == "document" then r:document(it.doc, it.opts)
    end
  end
  return r
end

local function text_chart(spec, width)
  local title = spec.title and (spec.title .. "\n") or ""
  if (spec.kind or "bar") == "bar" then
    local pairs_ = chart.pairs_of(spec.data, spec.x, spec.y)
    local lw, vw = 0, 0
    for _, p in ipairs(pairs_) do
      lw = math.max(lw, display.width(chart.format_value(p[1])))
      vw = math.max(vw, display.width(chart.format_value(p[2])))
    end
    lw = math.min(lw, 40)
    local bw = math.max(10, math.min(40, width - lw - vw - 2))
    return title .. chart.bars(pairs_, { width = bw, labelwidth = lw })
  elseif spec.kind == "stack" then
    return title .. chart.stack(spec.data, { x = spec.x, y = spec.y, series = spec.series,
      width = math.min(50, width - 20) })
  end
  return title .. chart.lines(spec.data, { x = spec.x, y = spec.y, series = spec.series })
end

local function text_kwic(lines, width)
  local src = frame.from(lines)
  local mw = 0
  for _, l in ipairs(src) do mw = math.max(mw, display.width(l.match or "")) end
  local side = math.max(8, (width - mw - 12) // 2)
  local out = {}
  for _, l in ipairs(src) do
    local ref = l.rowid and ("#" .. l.rowid) or ""
    out[#out + 1] = (display.pad(ref, 4) .. " " ..
      display.pad(display.truncate_left(l.left or "", side), side, "right") .. " " ..
      display.pad(l.match or "", mw) .. " " .. display.truncate(l.right or "", side))
      :gsub("%s+$", "")
  end
  return table.concat(out, "\n")
end

local function render_text(self, width)
  local out = {}
  local function add(s) out[#out + 1] = s end
  if self.title then
    add(self.title)
    add(("═"):rep(math.min(width, display.width(self.title))))
  end
  local meta = {}
  if self.opts.subtitle then meta[#meta + 1] = self.opts.subtitle end
  if self.opts.date then meta[#meta + 1] = require("report").format_date(self.opts.date) end
  if #meta > 0 then for _, l in ipairs(wrap(table.concat(meta, " · "), width)) do add(l) end end
  for _, it in ipairs(self.items) do
    local k = it.kind
    if k == "section" then
      add("")
      add(it.title)
      add(("─"):rep(math.min(width, display.width(it.title))))
    elseif k == "paragraph" or k == "note" or k == "hint" then
      for _, l in ipairs(wrap(it.text, width)) do add(l) end
    elseif k == "table" then
      if it.opts.caption then add(it.opts.caption .. ":") end
      if #it.frame == 0 then add("(none)") else
        add(it.frame:render{ width = width, limit = it.opts.text_limit or it.opts.limit,
          maxwidth = it.opts.maxwidth or 40 })
      end
    elseif k == "chart" then
      add("")
      add(text_chart(it.spec, width))
    elseif k == "kwic" then
      if it.opts.caption then add(it.opts.caption .. ":") end
      add(text_kwic(it.lines, width))
    elseif k == "document" then
      local d = it.doc
      add("")
      for _, l in ipairs(wrap(d.title or "(no title)", width)) do add(l) end
      local meta2 = {}
      if d.published then meta2[#meta2 + 1] = require("report").format_date(d.published) end
      if d.author then meta2[#meta2 + 1] = d.author end
      if #meta2 > 0 then add(table.concat(meta2, " · ")) end
      if d.lead then for _, l in ipairs(wrap(d.lead, width, "  ")) do add(l) end end
    end
  end
  return table.concat(out, "\n") .. "\n"
end

-- The main table (CSV): the one marked csv = true, else the first one.
function Out:main_table()
  check_self(self, "main_table")
  local first
  for _, it in ipairs(self.items) do
    if it.kind == "table" then
      if it.opts.csv then return it.frame end
      first = first or it.frame
    end
  end
  return first or frame.new({}, {})
end

--- r:render(format [, width]) -> string: "text", "md", "html" or "csv"
--- (or an alias of script.FORMATS); width: text columns (script.WIDTH).
function Out:render(format, width)
  check_self(self, "render")
  if format == nil then format = "text" end
  if type(format) ~= "string" or not M.FORMATS[format] then
    argerror(1, "render", "'text', 'md', 'html' or 'csv' expected, got " ..
      (type(format) == "string" and "'" .. format .. "'" or typename(format)))
  end
  format = M.FORMATS[format]
  if width ~= nil then width = A.int("render", 2, width, "width", 1, chart.MAX_WIDTH) end
  if format == "html" or format == "md" then return self:to_report():render(format) end
  if format == "csv" then return export.tostring(self:main_table(), "csv") end
  return render_text(self, width or M.WIDTH)
end

function M.is_report(x) return getmetatable(x) == OutMT end

---------------------------------------------------------------- output

-- Open path for writing. Inside --sandbox a relative name that is refused
-- goes into the sandbox's output folder.
local function open_out(path)
  local fh, err = io.open(path, "wb")
  if fh or not core.sandboxed() or path:match("^/") then return fh, err end
  local dir = core.outdir and core.outdir()
  if not dir then return nil, err end
  local fh2, err2 = io.open(dir .. "/" .. path, "wb")
  if fh2 then return fh2, nil, dir .. "/" .. path end
  return nil, err2
end

--[[
script.output(data, o): write data — a script.report builder, a frame (or
anything frame.from takes) — in o.format to o.out (a file; "-" or absent:
stdout). Exits with status 1 and a one-line message when the file cannot
be written. Returns the path written (or "-").
]]
function M.output(data, o)
  if type(o) ~= "table" then argerror(2, "output", "table expected, got " .. typename(o)) end
  if o.out ~= nil then export.check_path("output", 2, o.out, "out: path") end
  local fmt = o.format or "text"
  local text
  if M.is_report(data) then
    text = data:render(fmt)
  else
    local f = frame.from(data)
    if fmt == "text" then text = f:render{ width = M.WIDTH } .. "\n"
    elseif fmt == "html" then text = export.tostring(f, "html", { title = o.title })
    else text = export.tostring(f, fmt) end
  end
  if not o.out or o.out == "-" then
    io.stdout:write(text)
    return "-"
  end
  local fh, err, where = open_out(o.out)
  if not fh then M.fail("cannot write " .. tostring(err), nil, 1) end
  local ok, werr = fh:write(text)
  local cok, cerr = fh:close()
  if not ok or not cok then M.fail("cannot write " .. o.out .. ": " .. tostring(werr or cerr), nil, 1) end
  where = where or o.out
  io.stderr:write(string.format("wrote %s (%s, %d bytes)\n", where, fmt, #text))
  return where
end

---------------------------------------------------------------- dates

-- Words before "năm YYYY" that make it a target, not the time of writing.
-- (folded: đến -> den)
local FUTURE = { den = true, toi = true, truoc = true, vao = true, het = true,
  nhin = true, sau = true, tu = true }

-- The year the text speaks from: the latest "năm YYYY" named at least
-- twice and not preceded by đến / trước / vào / hết / tầm nhìn ... (a
-- target year). One passing mention ("năm 1945") is not enough.
local function text_year(text)
  local count = {}
  local i = 1
  while true do -- plain find of "năm", then look around (fast on long texts)
    local s, e = text:find("năm", i, true)
    if not s then break end
    local y = text:match("^%s+(%d%d%d%d)%f[%D]", e + 1)
    local before = y and text:sub(math.max(1, s - 40), s - 1):match("(%S+)%s+$")
    y = tonumber(y)
    if y and before and not FUTURE[core.fold(before)] and y >= 1945 and y <= 2100 then
      count[y] = (count[y] or 0) + 1
    end
    i = e + 1
  end
  local best
  for y, n in pairs(count) do
    if n >= 2 and (not best or y > best) then best = y end
  end
  return best
end
function M.text_year(text)
  if type(text) ~= "string" then argerror(1, "text_year", "string expected, got " .. typename(text)) end
  return text_year(text)
end

local DOC_COLS = { "rowid", "date", "year", "year_from", "label", "title", "site", "author",
  "path" }

-- One row of script.documents from a row of corpus.sql's Q.script_docs.
local function doc_row(c, d)
  local r = { rowid = d.rowid, date = d.date, title = d.title, site = d.site,
    author = d.author, path = d.path }
  if d.date then
    r.year, r.year_from = tonumber(d.date:sub(1, 4)), "published"
  else -- the later of: cited documents' dates, the text's own years
    local text = Q.doc_text(ccore.db(c), d.rowid)
    local y = text and text_year(text)
    local ry = tonumber(d.ref_year)
    if ry and (not y or ry >= y) then r.year, r.year_from = ry, "cited documents"
    elseif y then r.year, r.year_from = y, "text"
    elseif d.congress_year then r.year, r.year_from = math.tointeger(d.congress_year), "congress" end
  end
  local label = d.title
  if not label or label == "" then
    label = d.lead and display.truncate(d.lead:gsub("%s+", " "), 60) or
      (d.path and d.path:match("[^/]+$")) or ("#" .. d.rowid)
  end
  r.label = label
  return r
end

local doc_cache = setmetatable({}, { __mode = "k" }) -- corpus -> {rowid -> row}

--[[
script.documents(c) -> frame, one row per document: rowid, date
(published, YYYY-MM-DD or nil), year (integer or nil), year_from
("published", "cited documents", "text", "congress" — how the year was
found), label (the title, else the start of the lead), title, site,
author, path. A document without a publication date gets the later of
the latest date of the documents it cites and the latest "năm YYYY" its
text names twice or more, not as a target ("đến năm 2025"); else the
first year of the congress term it reports on ("nhiệm kỳ 2020-2025" →
2020).
]]
function M.documents(c)
  check_corpus("documents", 1, c)
  local cache = M.doc_map(c)
  local rows = {}
  for _, d in ipairs(Q.script_docs(ccore.db(c))) do
    local r = rawget(cache, d.rowid) or doc_row(c, d)
    rawset(cache, d.rowid, r)
    rows[#rows + 1] = r
  end
  return frame.new(rows, DOC_COLS)
end

-- A map rowid -> row of script.documents, filled on demand (a script
-- that shows ten documents of a large corpus dates only those ten).
function M.doc_map(c)
  check_corpus("doc_map", 1, c)
  local m = doc_cache[c]
  if m then return m end
  m = setmetatable({}, { __index = function(t, rowid)
    local d = Q.script_docs(ccore.db(c), rowid)[1]
    local r = d and doc_row(c, d) or false
    rawset(t, rowid, r)
    return r
  end })
  doc_cache[c] = m
  return m
end

-- "2024-03-04", or "≈2020" for an inferred year, or "?".
function M.when(d)
  if not d then return "?" end -- nil or false (no such document)
  if type(d) ~= "table" then argerror(1, "when", "document row expected, got " .. typename(d)) end
  if d.date then return d.date end
  if d.year then return "≈" .. d.year end
  return "?"
end

-- Add the document's when/year/label to fact rows (which carry rowid).
function M.with_docs(c, f, cols)
  check_corpus("with_docs", 1, c)
  if type(f) ~= "table" then argerror(2, "with_docs", "frame or records expected, got " .. typename(f)) end
  if cols ~= nil and type(cols) ~= "table" then
    argerror(3, "with_docs", "table expected, got " .. typename(cols))
  end
  local m = M.doc_map(c)
  local rows = {}
  for i, r in ipairs(f) do
    local x = {}
    for k, v in pairs(r) do x[k] = v end
    local d = m[r.rowid]
    x.when = M.when(d)
    x.year = d and d.year or nil
    x.document = d and d.label or nil
    rows[i] = x
  end
  return frame.new(rows, cols)
end

return M
