-- export — write frames, record lists and documents as CSV, TSV, JSON,
-- JSONL, Markdown, HTML or plain text; plus user-defined writers.
--
--   local export = require("export")
--   export.write(f, "hits.csv")                 -- format from the extension
--   export.write(f, "hits.csv", { bom = true }) -- Excel-friendly UTF-8
--   export.write(f, "-", { format = "md" })     -- stdout
--   local s = export.tostring(f, "jsonl")
--
-- Data may be a frame, a list of records, a list of scalars (one column
-- "value"), a map {label = value} (columns key, value), or any object with
-- a to_frame or to_records method (corpus documents, search result sets).
-- Expected failures (cannot open the file) return nil, message like
-- io.open; misuse (unknown format, bad arguments) raises.

local frame = require("frame.core")
local json = require("json")
local display = require("tinsh.display")
local A = require("corpus.args")

local M = {}
local formats = {} -- name -> {fn = function(data, opts) -> string, doc = text}

-- Raise `bad argument #n to 'fname' (msg)` at the user's line (level:
-- the fallback error level from here, default the caller's caller).
local function argerror(n, fname, msg, level)
  A.argerror(fname, n, msg, (level or 2) + 1)
end

local typename = A.typename -- metatable __name, else type(v)

-- Argument n of fname must be a string or a number (text).
local function check_text(fname, n, v)
  if type(v) ~= "string" and type(v) ~= "number" then
    argerror(n, fname, "string expected, got " .. typename(v), 3)
  end
end

-- A path argument (n of fname) must be a string without NUL bytes: the
-- C library would cut it at the NUL and write another file. what names
-- the expected value in the message (default "path string").
local function check_path(fname, n, path, what)
  if type(path) ~= "string" then
    argerror(n, fname, (what or "path string") .. " expected, got " .. typename(path), 3)
  end
  if path:find("\0", 1, true) then argerror(n, fname, "path contains a NUL byte", 3) end
end
M.check_path = check_path

---------------------------------------------------------------- helpers

-- Plain text of a value in a text cell (CSV/TSV/Markdown/HTML).
local function cell(v)
  if v == nil or v == json.null then return "" end
  local t = type(v)
  if t == "string" then return v end
  if t == "number" then
    if math.type(v) == "integer" then return tostring(v) end
    local s = json.number(v)
    if s == "null" then return tostring(v) end -- nan, inf, -inf
    return s
  end
  if t == "boolean" then return v and "true" or "false" end
  if t == "table" then
    local ok, s = pcall(json.encode, v)
    if ok then return s end
  end
  return tostring(v)
end
M.cell = cell

-- html_escape(s) -> s with & < > " ' escaped for HTML text and attributes.
local html_map = { ["&"] = "&amp;", ["<"] = "&lt;", [">"] = "&gt;", ['"'] = "&quot;", ["'"] = "&#39;" }
function M.html_escape(s)
  check_text("html_escape", 1, s)
  return (tostring(s):gsub("[&<>\"']", html_map))
end

-- md_escape(s [, in_table]) -> s safe in Markdown. Inline markup (\ ` *
-- _ [ ] < > |) is escaped, so corpus text makes no link, image or tag; in
-- a table cell "!" too and newlines become <br>; in running text
-- line-leading # > + - as well.
function M.md_escape(s, in_table)
  check_text("md_escape", 1, s)
  s = tostring(s)
  if in_table then
    return (s:gsub("([\\`*_%[%]!<>|])", "\\%1"):gsub("\r?\n", "<br>"))
  end
  s = s:gsub("([\\`*_%[%]<>|])", "\\%1")
  s = ("\n" .. s):gsub("\n([ \t]*)([#>+%-])", "\n%1\\%2"):sub(2)
  return s
end

-- data (argument 1 of fname) must be a table or userdata: a frame,
-- records, a map or an object with to_frame / to_records.
local function check_data(fname, data)
  if type(data) ~= "table" and type(data) ~= "userdata" then
    argerror(1, fname, "table expected, got " .. typename(data), 3)
  end
end

-- opts.columns (a name or a list of names) must be columns of data's
-- frame: else bad argument #n to 'fname' (columns: no column 'x').
local function check_columns(fname, n, data, columns)
  local names = type(columns) == "table" and columns or { columns }
  local have = {}
  for _, c in ipairs(frame.from(data):columns()) do have[c] = true end
  for _, c in ipairs(names) do
    if not have[c] then argerror(n, fname, "columns: no column '" .. tostring(c) .. "'", 3) end
  end
end

local html_table -- the writer of M.html_table, below

local function frame_of(data, opts)
  local f = frame.from(data)
  if opts and opts.columns then f = f:select(opts.columns) end
  return f
end

local function is_numeric(f, col)
  local any = false
  for _, rec in ipairs(f) do
    local v = rec[col]
    if v ~= nil and v ~= json.null then
      if type(v) ~= "number" then return false end
      any = true
    end
  end
  return any
end

---------------------------------------------------------------- CSV / TSV

-- Does a text cell start as a spreadsheet formula would ("=HYPERLINK(",
-- "@SUM(", "+cmd|", "-2+3+cmd|", also after tabs or CRs)? The corpus is
-- text scraped from the web, so a page can plant one that a spreadsheet
-- runs when the analyst opens the export. A sign is no formula alone,
-- before a number and nothing else ("-5%", "+84 912", "-1.234,5"), or
-- before a space and text with no call, pipe, "!", "=", "&" or "@" in it
-- (an interview's "- Xin cảm ơn"); a sign before anything else is (red
-- team 5: "-2+3+cmd|' /C calc'!A0", "+1+HYPERLINK(…)").
local function formula_like(s)
  local c, rest = s:match("^[\t\r]*([=@+%-])(.*)$")
  if not c then return false end
  if c == "=" or c == "@" then return true end
  if rest == "" or rest:find("^%d[%d%s.,]*%%?$") then return false end
  return not (rest:find("^%s") and not rest:find("[(|!=&@]"))
end

local function csv_field(s, sep, quote_all, keep_formulas)
  if not keep_formulas and formula_like(s) then s = "'" .. s end
  if quote_all or s:find('[\r\n",]') or (sep ~= "," and s:find(sep, 1, true)) then
    return '"' .. s:gsub('"', '""') .. '"'
  end
  return s
end

-- CSV per RFC 4180: fields with the separator, quotes, CR or LF quoted,
-- quotes doubled, CRLF line ends (opts.eol to change), header row unless
-- opts.header == false, UTF-8 BOM when opts.bom; a text cell that starts
-- as a formula gets a "'" before it unless opts.formulas == "keep".
local function to_csv(data, opts)
  local f = frame_of(data, opts)
  local sep = opts.sep or ","
  local eol = opts.eol or "\r\n"
  local quote_all = opts.quote == "all"
  local keep = opts.formulas == "keep"
  local cols = f:columns()
  local out = {}
  if opts.bom then out[1] = "\xEF\xBB\xBF" end
  local function row(values)
    local parts = {}
    for i, v in ipairs(values) do parts[i] = csv_field(v, sep, quote_all, keep) end
    out[#out + 1] = table.concat(parts, sep) .. eol
  end
  if opts.header ~= false and #cols > 0 then
    local h = {}
    for i, c in ipairs(cols) do h[i] = tostring(c) end
    row(h)
  end
  local nc, parts = #cols, {}
  for _, rec in ipairs(f) do
    for i = 1, nc do
      local v = rec[cols[i]]
      local s = type(v) == "string" and v or cell(v)
      parts[i] = csv_field(s, sep, quote_all, keep or type(v) ~= "string")
    end
    out[#out + 1] = table.concat(parts, sep, 1, nc) .. eol
  end
  return table.concat(out)
end

local tsv_map = { ["\\"] = "\\\\", ["\t"] = "\\t", ["\n"] = "\\n", ["\r"] = "\\r" }

-- TSV: tab-separated, LF line ends; tabs, newlines and backslashes inside
-- a value are written as \t \n \r \\ (the "linear TSV" convention); a text
-- cell that starts as a formula gets a "'" as in CSV.
local function to_tsv(data, opts)
  local f = frame_of(data, opts)
  local cols = f:columns()
  local eol = opts.eol or "\n"
  local keep = opts.formulas == "keep"
  local out = {}
  if opts.bom then out[1] = "\xEF\xBB\xBF" end
  local function esc(s) return (s:gsub("[\\\t\n\r]", tsv_map)) end
  if opts.header ~= false and #cols > 0 then
    local h = {}
    for i, c in ipairs(cols) do
      local t = tostring(c) -- a column may be named by data (a pivot's values)
      h[i] = esc((not keep and formula_like(t)) and "'" .. t or t)
    end
    out[#out + 1] = table.concat(h, "\t") .. eol
  end
  for _, rec in ipairs(f) do
    local vals = {}
    for i, c in ipairs(cols) do
      local v = rec[c]
      local t = cell(v)
      if not keep and type(v) == "string" and formula_like(t) then t = "'" .. t end
      vals[i] = esc(t)
    end
    out[#out + 1] = table.concat(vals, "\t") .. eol
  end
  return table.concat(out)
end

---------------------------------------------------------------- JSON

-- A plain map (not a list, frame or record source): JSON keeps it an object.
local function plain_map(data)
  if type(data) ~= "table" or frame.is(data) or getmetatable(data) ~= nil then return false end
  if data[1] ~= nil or next(data) == nil then return false end
  for _, v in pairs(data) do
    if type(v) == "function" then return false end
  end
  return true
end

local function to_json(data, opts)
  if plain_map(data) and not opts.columns then
    local indent = opts.indent
    if indent == nil then indent = 2 end
    return json.encode(data, { indent = indent }) .. "\n"
  end
  local f = frame_of(data, opts)
  local indent = opts.indent
  if indent == nil then indent = 2 end
  return json.encode(f, { indent = indent }) .. "\n"
end

local function to_jsonl(data, opts)
  if plain_map(data) and not opts.columns then return json.encode(data) .. "\n" end
  local f = frame_of(data, opts)
  local cols = f:columns()
  local rows = json.encode_rows(f, cols)
  if #rows == 0 then return "" end
  return table.concat(rows, "\n") .. "\n"
end

---------------------------------------------------------------- Markdown

-- A GitHub-style pipe table; numeric columns right-aligned; cells padded
-- by display width so the source lines up too.
local function to_md(data, opts)
  local f = frame_of(data, opts)
  local cols = f:columns()
  if #cols == 0 then return "" end
  local right, widths, rows = {}, {}, {}
  local head = {}
  for i, c in ipairs(cols) do
    right[i] = is_numeric(f, c)
    head[i] = M.md_escape(tostring(c), true)
    widths[i] = math.max(3, display.width(head[i]))
  end
  for r, rec in ipairs(f) do
    local line = {}
    for i, c in ipairs(cols) do
      line[i] = M.md_escape(cell(rec[c]), true)
      widths[i] = math.max(widths[i], display.width(line[i]))
    end
    rows[r] = line
  end
  local function fmt(line)
    local parts = {}
    for i = 1, #cols do parts[i] = display.pad(line[i], widths[i], right[i] and "right" or nil) end
    return "| " .. table.concat(parts, " | ") .. " |\n"
  end
  local out = { fmt(head) }
  local rule = {}
  for i = 1, #cols do
    rule[i] = right[i] and (("-"):rep(widths[i] - 1) .. ":") or ("-"):rep(widths[i])
  end
  out[2] = "| " .. table.concat(rule, " | ") .. " |\n"
  for _, line in ipairs(rows) do out[#out + 1] = fmt(line) end
  if opts.caption then out[#out + 1] = "\n" .. M.md_escape(opts.caption) .. "\n" end
  return table.concat(out)
end

---------------------------------------------------------------- HTML

M.css = [[
body{font-family:system-ui,sans-serif;margin:2rem auto;max-width:60rem;padding:0 1rem;color:#1a1a1a;line-height:1.5}
table{border-collapse:collapse;margin:1rem 0;font-size:.95rem}
caption{caption-side:top;text-align:left;font-weight:600;padding:.3rem 0;white-space:nowrap}
th,td{border-bottom:1px solid #ddd;padding:.3rem .6rem;text-align:left;vertical-align:top}
th{background:#f3f3f3;border-bottom:2px solid #bbb}
td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
tbody tr:nth-child(even){background:#fafafa}
]]

local HTML_TABLE_OPTS = { caption = "text", limit = "count", columns = { "table", "string" } }

-- html_table(data [, opts]) -> "<table>...</table>" (opts.caption, opts.limit).
function M.html_table(data, opts)
  check_data("html_table", data)
  opts = A.opts("html_table", 2, opts, HTML_TABLE_OPTS)
  return html_table(data, opts)
end

function html_table(data, opts)
  local f = frame_of(data, opts)
  local cols = f:columns()
  local num = {}
  for i, c in ipairs(cols) do num[i] = is_numeric(f, c) end
  local esc = M.html_escape
  local out = { "<table>\n" }
  if opts.caption then out[#out + 1] = "<caption>" .. esc(opts.caption) .. "</caption>\n" end
  local h = {}
  for i, c in ipairs(cols) do
    h[i] = (num[i] and '<th class="num">' or "<th>") .. esc(tostring(c)) .. "</th>"
  end
  out[#out + 1] = "<thead><tr>" .. table.concat(h) .. "</tr></thead>\n<tbody>\n"
  local limit = opts.limit and math.min(opts.limit, #f) or #f
  for r = 1, limit do
    local rec, cells = f[r], {}
    for i, c in ipairs(cols) do
      local text = esc(cell(rec[c])):gsub("\r?\n", "<br>")
      cells[i] = (num[i] and '<td class="num">' or "<td>") .. text .. "</td>"
    end
    out[#out + 1] = "<tr>" .. table.concat(cells) .. "</tr>\n"
  end
  out[#out + 1] = "</tbody>\n</table>\n"
  if limit < #f then
    out[#out + 1] = string.format("<p class=\"more\">(%d of %d rows)</p>\n", limit, #f)
  end
  return table.concat(out)
end

-- html_page(title, body [, css]) -> a complete, self-contained HTML page.
function M.html_page(title, body, css)
  if title ~= nil then check_text("html_page", 1, title) end
  check_text("html_page", 2, body)
  if css ~= nil then check_text("html_page", 3, css) end
  return table.concat{
    "<!DOCTYPE html>\n<html lang=\"vi\">\n<head>\n<meta charset=\"utf-8\">\n",
    "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n",
    "<title>", M.html_escape(title or ""), "</title>\n<style>\n", css or M.css,
    "</style>\n</head>\n<body>\n", body, "</body>\n</html>\n",
  }
end

local function to_html(data, opts)
  local t = html_table(data, opts)
  if opts.fragment then return t end
  local title = opts.title or opts.caption or "tinsh export"
  local h1 = opts.title and ("<h1>" .. M.html_escape(opts.title) .. "</h1>\n") or ""
  return M.html_page(title, h1 .. t)
end

local function to_txt(data, opts)
  return frame_of(data, opts):render{ maxwidth = opts.maxwidth or math.huge, width = opts.width } .. "\n"
end

---------------------------------------------------------------- writers

local Writer = {}
local WriterMT = { __index = Writer, __name = "export.writer" }

local function plain_text(block) return block.text end

-- export.writer{kind = function(block, doc) ..., default = ..., document =
-- function(doc, body) ..., separator = "\n\n"} -> writer. Like Pandoc's
-- custom writers: each block of the document goes to the function named
-- after its kind (paragraph, title, question, answer, caption, heading,
-- lead, ...), else to default (plain text when absent; set default =
-- false to drop unhandled blocks); the non-nil results are joined with the
-- separator; document(doc, body) wraps the whole.
function M.writer(spec)
  if type(spec) ~= "table" then argerror(1, "writer", "table expected, got " .. type(spec)) end
  for k, v in pairs(spec) do
    if k == "separator" or k == "between" or k == "extension" then
      if type(v) ~= "string" then
        argerror(1, "writer", "field '" .. k .. "' must be a string, got " .. typename(v))
      end
    elseif v ~= false and type(v) ~= "function" then
      argerror(1, "writer", "field '" .. tostring(k) .. "' must be a function")
    end
  end
  return setmetatable({ spec = spec }, WriterMT)
end

function M.is_writer(x) return getmetatable(x) == WriterMT end

-- writer:write(doc) -> string for one document (a table shaped like the
-- parsed-document JSON: title, published, author, lead, blocks, qa, ...).
function Writer:write(doc)
  if getmetatable(self) ~= WriterMT then
    argerror(1, "write", "export.writer expected, got " .. typename(self))
  end
  if type(doc) ~= "table" and type(doc) ~= "userdata" then
    argerror(1, "write", "document expected, got " .. type(doc))
  end
  local spec = self.spec
  local default = spec.default
  if default == nil then default = plain_text end
  local parts = {}
  for i, block in ipairs(doc.blocks or {}) do
    local h = spec[block.kind]
    if h == nil then h = default end
    if h then
      local s = h(block, doc, i)
      if s ~= nil and s ~= json.null then parts[#parts + 1] = tostring(s) end
    end
  end
  local body = table.concat(parts, spec.separator or "\n\n")
  if spec.document then return tostring(spec.document(doc, body)) end
  return body
end

-- A list of the documents of data (a list, or to_records / to_frame rows).
local function documents(data)
  if type(data) == "table" and data[1] ~= nil then return data end
  local ok2, conv = pcall(function() return data.to_records or data.to_frame end)
  if ok2 and type(conv) == "function" then return frame.from(data) end
  return { data }
end

-- Calls fn(doc) for the documents in data: one document, an object with
-- a docs() iterator (corpus result sets), a list/frame of documents, or an
-- object with to_records / to_frame.
local function each_document(data, fn)
  if type(data) ~= "table" and type(data) ~= "userdata" then return fn(data) end
  if frame.is(data) then
    for _, d in ipairs(data) do fn(d) end
    return
  end
  local ok, blocks = pcall(function() return data.blocks end)
  if ok and blocks ~= nil then return fn(data) end
  local okd, docs = pcall(function() return data.docs end)
  if okd and type(docs) == "function" then
    for d in docs(data) do fn(d) end
    return
  end
  for _, d in ipairs(documents(data)) do fn(d) end
end

local function writer_format(w)
  return function(data, opts)
    local out = {}
    each_document(data, function(doc) out[#out + 1] = w:write(doc) end)
    local between = opts.between or w.spec.between or "\n"
    local s = table.concat(out, between)
    if s ~= "" and s:sub(-1) ~= "\n" then s = s .. "\n" end
    return s
  end
end

---------------------------------------------------------------- formats

-- A format: fn(data, opts) -> string, doc, and opts: the option kinds it
-- takes (corpus.args' A.opts spec; absent for user formats, whose options
-- are their own). Every built-in format takes format and columns too.
formats.csv = { fn = to_csv, doc = "CSV (RFC 4180), CRLF line ends; opts: bom, sep, eol, header, quote = 'all', formulas = 'keep'",
  opts = { bom = "boolean", sep = "string", eol = "string", header = "boolean", quote = "string",
    formulas = "string" } }
formats.tsv = { fn = to_tsv, doc = "tab-separated, \\t \\n \\\\ escaped inside values; opts: bom, header, formulas = 'keep'",
  opts = { bom = "boolean", eol = "string", header = "boolean", formulas = "string" } }
formats.json = { fn = to_json, doc = "a JSON array of objects in column order; opts: indent (default 2, 0 = compact)",
  opts = { indent = "any" } }
formats.jsonl = { fn = to_jsonl, doc = "one JSON object per line", opts = {} }
formats.md = { fn = to_md, doc = "Markdown pipe table; opts: caption", opts = { caption = "text" } }
formats.markdown = formats.md
formats.html = { fn = to_html, doc = "self-contained HTML page with a table; opts: title, caption, fragment",
  opts = { title = "text", caption = "text", fragment = "boolean", limit = "count" } }
formats.htm = formats.html
formats.txt = { fn = to_txt, doc = "the aligned terminal table", opts = { width = "count", maxwidth = "count" } }

-- Check opts (argument n of fname) for format fmt on data: the keys and
-- kinds of the format's spec plus format and columns, then the values
-- a kind cannot say (sep, quote, indent, the columns themselves).
local function check_opts(fname, n, fmt, data, opts)
  if fmt.opts then
    local spec = { format = "string", columns = { "table", "string" } }
    for k, v in pairs(fmt.opts) do spec[k] = v end
    A.opts(fname, n, opts, spec)
  end
  if fmt.opts and fmt.opts.sep and opts.sep == "" then argerror(n, fname, "sep: empty separator", 3) end
  if fmt.opts and fmt.opts.formulas and opts.formulas ~= nil and opts.formulas ~= "keep" then
    argerror(n, fname, "formulas: 'keep' expected, got '" .. tostring(opts.formulas) .. "'", 3)
  end
  if fmt.opts and fmt.opts.quote and opts.quote ~= nil and opts.quote ~= "all" then
    argerror(n, fname, "quote: 'all' expected, got '" .. tostring(opts.quote) .. "'", 3)
  end
  if fmt.opts and fmt.opts.indent then
    local indent, err = json.indent_text(opts.indent)
    if indent == false then argerror(n, fname, err, 3) end
  end
  if opts.columns ~= nil then check_columns(fname, n, data, opts.columns) end
end

-- export.register(name, writer_or_fn) -> name. Adds a format: fn(data,
-- opts) -> string, or a writer from export.writer (a spec table is wrapped
-- for you), which writes each document of data.
function M.register(name, w)
  if type(name) == "string" and formats[name:lower()] and formats[name:lower()].opts then
    argerror(1, "register", "'" .. name .. "' is a built-in format")
  end
  if type(name) ~= "string" or not name:match("^[%w_]+$") then
    argerror(1, "register", "format name of letters, digits or _ expected")
  end
  local fn
  if type(w) == "function" then
    fn = w
  elseif M.is_writer(w) then
    fn = writer_format(w)
  elseif type(w) == "table" then
    fn = writer_format(M.writer(w))
  else
    argerror(2, "register", "writer or function expected, got " .. type(w))
  end
  formats[name:lower()] = { fn = fn, doc = "user format" }
  return name
end

-- export.formats() -> sorted list of the format names.
function M.formats()
  local names = {}
  for name in pairs(formats) do names[#names + 1] = name end
  table.sort(names)
  return names
end

-- The format named name, argument n of fname (what: how the message
-- names it); an unknown name raises bad argument #n.
local function get_format(name, fname, n, what)
  local f = type(name) == "string" and formats[name:lower()]
  if not f then
    argerror(n, fname, string.format("%sunknown format '%s' (known: %s)", what or "",
      tostring(name), table.concat(M.formats(), ", ")), 3)
  end
  return f
end

-- The text of data in format fmt (checked opts): the format's string.
local function render(fmt, name, data, opts)
  local s = fmt.fn(data, opts)
  if type(s) ~= "string" then
    error("export: format '" .. name .. "' returned " .. type(s) .. " (string expected)", 3)
  end
  return s
end

-- export.tostring(data, format [, opts]) -> string.
function M.tostring(data, format, opts)
  check_data("tostring", data)
  if opts ~= nil and type(opts) ~= "table" then
    argerror(3, "tostring", "table expected, got " .. typename(opts))
  end
  opts = opts or {}
  local f = get_format(format, "tostring", 2)
  check_opts("tostring", 3, f, data, opts)
  return render(f, format, data, opts)
end

-- export.format_of(path) -> format name from the file extension, or nil.
function M.format_of(path)
  if type(path) ~= "string" then argerror(1, "format_of", "string expected, got " .. typename(path)) end
  local ext = path:match("%.([%w_]+)$")
  if ext and formats[ext:lower()] then return ext:lower() end
  return nil
end

-- export.write(data, path [, opts]) -> true | nil, message. path "-" or nil
-- writes to stdout (format from opts.format, default csv); otherwise the
-- format comes from opts.format or the extension.
-- fname: "write", or "export" for f:export(path, opts), whose arguments
-- count from the path.
local function write(data, path, opts, fname)
  local a = fname == "export" and 0 or 1 -- the number of data's argument
  if fname ~= "export" then check_data(fname, data) end
  if opts ~= nil and type(opts) ~= "table" then
    argerror(a + 2, fname, "table expected, got " .. typename(opts), 3)
  end
  opts = opts or {}
  if path ~= nil then check_path(fname, a + 1, path) end
  local to_stdout = path == nil or path == "-"
  local format = opts.format
  if format == nil then format = not to_stdout and M.format_of(path) or (to_stdout and "csv") end
  if not format then
    local ext = path:match("%.([^./]+)$")
    argerror(a + 1, fname, string.format("cannot tell the format of '%s'%s; pass {format = ...} (known: %s)",
      path, ext and (" (unknown extension ." .. ext .. ")") or "", table.concat(M.formats(), ", ")), 3)
  end
  local f = get_format(format, fname, a + 2, "format: ")
  check_opts(fname, a + 2, f, data, opts)
  local text = render(f, format, data, opts)
  if to_stdout then
    io.stdout:write(text)
    io.stdout:flush()
    return true
  end
  local fh, err = io.open(path, "wb")
  if not fh then return nil, err end
  local ok, werr = fh:write(text)
  local cok, cerr = fh:close()
  if not ok then return nil, werr end
  if not cok then return nil, cerr end
  return true
end

function M.write(data, path, opts) return write(data, path, opts, "write") end

M.__help = {
  write = "export.write(data, path [, opts]) -> true | nil, msg. Writes a frame, records, "
    .. "scalars, map or to_records/to_frame object; the format comes from opts.format or the "
    .. "extension (.csv .tsv .json .jsonl .md .html .txt or registered); path '-' or nil is "
    .. "stdout (csv unless opts.format). CSV opts: bom = true (for Excel), sep, eol, header.\n"
    .. "  export.write(f, 'hits.csv', {bom = true})",
  tostring = "export.tostring(data, format [, opts]) -> the exported text as a string.",
  writer = "export.writer{paragraph = function(block, doc) ... end, title = ..., question = ..., "
    .. "answer = ..., default = ..., document = function(doc, body) ... end} -> writer; "
    .. "writer:write(doc) runs each block through the function named after its kind and "
    .. "joins the results (Pandoc-style custom writer).",
  register = "export.register(name, writer_or_fn) -> name. Adds a format usable by "
    .. "f:export('x.name') and export.write; fn(data, opts) must return a string.",
  formats = "export.formats() -> sorted list of the known format names.",
  format_of = "export.format_of(path) -> format name from the extension, or nil.",
  html_escape = "export.html_escape(s) -> s with & < > \" ' escaped.",
  md_escape = "export.md_escape(s [, in_table]) -> s with Markdown markup escaped.",
  html_table = "export.html_table(data [, {caption =, limit =}]) -> an HTML <table> fragment.",
  html_page = "export.html_page(title, body [, css]) -> a complete self-contained HTML page.",
  cell = "export.cell(v) -> the text of a value in a CSV/TSV cell (tables as JSON).",
  is_writer = "export.is_writer(x) -> true when x came from export.writer.",
  check_path = "export.check_path(fname, n, path [, what]) raises bad argument #n to 'fname' "
    .. "unless path is a string without NUL bytes (for modules that write files).",
}
M.__doc = "export: frames, records and documents to CSV, TSV, JSON, JSONL, Markdown, HTML, "
  .. "text, or user formats (export.writer / export.register)."
Writer.__help = {
  write = "writer:write(doc) -> string: the document's blocks through the writer's functions.",
}
display.register_help(Writer, Writer.__help, "writer:")

-- f:export(path [, opts]) on every frame: this module's writer, installed
-- in the frame core's hook table (the core does not require this module).
frame.hooks.export = write

return M
