-- corpus.doc — documents as Lua objects.
--
-- A document is a table holding the cheapest fields of its row (rowid,
-- title, published: what a loop over 100k documents reads); the other
-- columns (id, path, author, site, url, size) load together with one
-- primary-key lookup the first time one is read, and every other field of
-- docs/design.md's parsed document (lead, blocks, qa, refs, periods, places,
-- quotes, abbrevs, warnings) loads with the whole document the first time
-- it is read. text, figures and people are methods (doc:text(), doc:figures{},
-- doc:people()); doc:data() gives the whole parsed document as plain
-- tables, with the docs/design.md field names.

local display = require("tinsh.display")
local A = require("corpus.args")
local core = require("corpus.core")
local Q = require("corpus.sql")

local M = {}
local Doc = {}
M.methods = Doc

-- Fields loaded with the whole document: lead, blocks and each fact list
-- of the fact schema that is not a method (figures and people are); the
-- fact lists are added at the end of this file, from fact_schema().
local LAZY = { lead = true, blocks = true }
local FIELDS = { "rowid", "id", "path", "title", "published", "author", "site",
  "url", "size", "lead", "blocks" }

local META = { id = true, path = true, author = true, site = true, url = true, size = true }

local owner = setmetatable({}, { __mode = "k" }) -- metatable -> corpus
local meta_loaded = setmetatable({}, { __mode = "k" }) -- doc -> true
local loaded = setmetatable({}, { __mode = "k" }) -- doc -> full parsed table

local function corpus_of(d)
  return owner[getmetatable(d)]
end

--- doc.is(x) -> is x a document (of some corpus)?
function M.is(x) return corpus_of(x) ~= nil end

-- The full parsed document (loaded once, kept while the doc lives).
local function full(d)
  local f = loaded[d]
  if f then return f end
  local c = corpus_of(d)
  f = core.db(c):load(rawget(d, "rowid"))
  if not f then error("document " .. tostring(rawget(d, "rowid")) .. " is gone", 3) end
  loaded[d] = f
  for k in pairs(LAZY) do
    if rawget(d, k) == nil then rawset(d, k, f[k]) end
  end
  return f
end
M.full = full

-- Load the row's other columns (one primary-key lookup).
local function load_meta(d)
  meta_loaded[d] = true
  local r = Q.doc_meta(core.db(corpus_of(d)), rawget(d, "rowid"))
  if r then
    for k, v in pairs(r) do if rawget(d, k) == nil then rawset(d, k, v) end end
  end
end

-- Build the metatable of the documents of corpus c.
function M.metatable(c)
  local mt = { __name = "corpus.doc" }
  mt.__index = function(d, k)
    local m = Doc[k]
    if m ~= nil then return m end
    if META[k] then
      if not meta_loaded[d] then load_meta(d) end
      return rawget(d, k)
    end
    if LAZY[k] then return full(d)[k] end
    return nil
  end
  mt.__tostring = function(d) return Doc.summary(d) end
  mt.__complete = function()
    local names = {}
    for _, f in ipairs(FIELDS) do names[#names + 1] = f end
    for k, v in pairs(Doc) do
      if type(v) == "function" then names[#names + 1] = k end
    end
    table.sort(names)
    return names
  end
  mt.__eq = function(a, b) -- the same document of the same corpus
    return getmetatable(a) == getmetatable(b) and rawget(a, "rowid") == rawget(b, "rowid")
  end
  mt.__help = Doc.__help
  owner[mt] = c
  return mt
end

--- doc.metatable_of(c) -> the metatable of corpus c's documents (made once)
function M.metatable_of(c)
  local p = core.priv[c]
  if not p.docmt then p.docmt = M.metatable(c) end
  return p.docmt
end

local function date_of(d)
  local p = rawget(d, "published")
  return p and p:sub(1, 10) or "----------"
end
M.date_of = date_of

local function basename(p) return p and (p:match("[^/]+$") or p) or "" end

--- doc:summary() -> one line: row id, date, title, file
function Doc:summary()
  local title = rawget(self, "title") or "(no title)"
  return string.format("#%d  %s  %s  (%s)", rawget(self, "rowid"), date_of(self),
    display.truncate(display.visible(title, true), 70),
    display.visible(basename(self.path), true))
end

--- doc:text() -> the normalised text of the document
function Doc:text() return full(self).text end

--- doc:data() -> the whole parsed document as plain tables (docs/design.md fields)
function Doc:data()
  local f = full(self)
  local out = {}
  for k, v in pairs(f) do out[k] = v end
  return out
end

--- doc:corpus() -> the corpus the document belongs to
function Doc:corpus() return corpus_of(self) end

local SENTENCE_KINDS = { lead = true, paragraph = true, question = true,
  answer = true, heading = true, caption = true }

-- Split one block's text into sentences: after . ! ? … followed by a space
-- and an upper-case letter, a digit or a quote; and at line breaks.
local function split_sentences(text, out, meta)
  for line in (text .. "\n"):gmatch("(.-)\n") do
    local start = 1
    local i = 1
    while true do
      local s, e = line:find("[%.!%?…]+[\"”’)]*%s+", i)
      if not s then break end
      local nextc = line:sub(e + 1, e + 4)
      local up = nextc:match("^[%u%d\"“‘(]") or nextc:match("^[\195-\225]")
      -- a lowercase ASCII letter after the space is not a new sentence
      if up and not nextc:match("^%l") then
        local sent = line:sub(start, e):gsub("%s+$", "")
        if sent ~= "" then out[#out + 1] = meta and { text = sent, kind = meta } or sent end
        start = e + 1
      end
      i = e + 1
    end
    local rest = line:sub(start):gsub("^%s+", ""):gsub("%s+$", "")
    if rest ~= "" then out[#out + 1] = meta and { text = rest, kind = meta } or rest end
  end
end
M.split_sentences = split_sentences

--- doc:sentences([{kinds = {...}}]) -> list of sentences (strings) of the
--- body: lead, headings, paragraphs, questions, answers and captions
function Doc:sentences(opts)
  A.opts("sentences", 1, opts, { kinds = "table" })
  local kinds = SENTENCE_KINDS
  if opts and opts.kinds then
    kinds = {}
    for _, k in ipairs(opts.kinds) do kinds[k] = true end
  end
  local out = {}
  for _, b in ipairs(full(self).blocks) do
    if kinds[b.kind] then split_sentences(b.text, out) end
  end
  return out
end

local function frame() return require("frame") end

-- Does text v hold the folded text want (nil: any v)? A v that is not
-- UTF-8 is compared as it is.
local function match_text(v, want)
  if want == nil then return true end
  if v == nil then return false end
  local core = require("tinsh.core")
  return (core.fold(v) or v):find(want, 1, true) ~= nil
end
M.match_text = match_text

-- The folded text of filter key k of fname's options (nil when absent);
-- a text that is not UTF-8 raises bad argument #1, as corpus:figures does.
local function folded_opt(fname, opts, k)
  local v = opts[k]
  if v == nil then return nil end
  local f, why = require("tinsh.core").fold(tostring(v))
  if not f then A.argerror(fname, 1, k .. ": " .. tostring(why), 2) end
  return f
end

--- doc:figures{subject =, unit =, text =} -> frame of the document's figures
--- (the fields of the fact schema, in the order corpus:figures shows them)
function Doc:figures(opts)
  opts = A.opts("figures", 1, opts, { subject = "text", unit = "text", text = "text" })
  local subject, unit = folded_opt("figures", opts, "subject"), folded_opt("figures", opts, "unit")
  local text = folded_opt("figures", opts, "text")
  local fields = require("corpus.facts").fields("figures")
  local rows, cols = {}, {}
  for i, f in ipairs(fields) do cols[i] = f.name end
  for _, f in ipairs(full(self).figures) do
    if match_text(f.subject, subject) and match_text(f.unit, unit)
        and match_text(f.sentence, text) then
      local r = {}
      for _, fd in ipairs(fields) do r[fd.name] = f[fd.field] end
      rows[#rows + 1] = r
    end
  end
  return frame().new(rows, cols)
end

--- doc:people() -> frame of the people named: the fields of the fact
--- schema (titles joined by "; ")
function Doc:people()
  local fields = require("corpus.facts").fields("people")
  local rows, cols = {}, {}
  for i, f in ipairs(fields) do cols[i] = f.name end
  for _, p in ipairs(full(self).people) do
    local r = {}
    for _, fd in ipairs(fields) do
      local v = p[fd.field]
      if type(v) == "table" then v = table.concat(v, "; ") end
      r[fd.name] = v
    end
    rows[#rows + 1] = r
  end
  return frame().new(rows, cols)
end

--- doc:kwic(query [, opts]) -> concordance of query in this document
function Doc:kwic(query, opts)
  local kwic = require("corpus.kwic")
  opts = A.opts("kwic", 2, opts, kwic.OPTS)
  local o = {}
  for k, v in pairs(opts) do o[k] = v end
  o.docs = { self }
  return kwic.kwic(corpus_of(self), query, o)
end

--- doc:similar([n]) -> frame of the n documents most similar to this one
function Doc:similar(n)
  if n ~= nil then A.int("similar", 1, n, "n", 0, require("corpus.stats").SIMILAR_MAX) end
  return corpus_of(self):similar(self, n)
end

---------------------------------------------------------------- show

-- Word-wrap s to width columns with a prefix on every line.
-- (control characters in the text made visible first: display.visible)
local function wrap(s, width, prefix, out)
  return display.wrap(display.visible(s), width, prefix, out)
end
M.wrap = wrap

--- doc:render{width =, color =, all =} -> the readable rendering as a string
local RENDER = { width = "count", color = "boolean", all = "boolean", pager = "boolean" }

function Doc:render(opts)
  opts = A.opts("render", 1, opts, RENDER)
  local width = opts.width or display.terminal_size() or 80
  if width > 100 then width = 100 end
  local color = opts.color
  if color == nil then color = display.color() end
  local function sgr(code, s) return color and ("\27[" .. code .. "m" .. s .. "\27[0m") or s end
  local f = full(self)
  local out = {}
  local head = {}
  wrap(f.title or "(no title)", width, "", head)
  for _, l in ipairs(head) do out[#out + 1] = sgr("1", l) end
  local meta = {}
  if f.published then meta[#meta + 1] = f.published end
  if f.author then meta[#meta + 1] = f.author end
  if f.site then meta[#meta + 1] = f.site end
  meta[#meta + 1] = "#" .. rawget(self, "rowid") .. " " .. basename(f.path)
  out[#out + 1] = sgr("2", table.concat(meta, " · "))
  out[#out + 1] = ""
  local skip = { title = true, dateline = true, banner = not opts.all,
    boilerplate = not opts.all, related = not opts.all }
  for _, b in ipairs(f.blocks) do
    if not skip[b.kind] then
      local lines = {}
      if b.kind == "lead" then
        wrap(b.text, width, "", lines)
        for i, l in ipairs(lines) do lines[i] = sgr("1", l) end
      elseif b.kind == "heading" then
        wrap(b.text, width, "", lines)
        for i, l in ipairs(lines) do lines[i] = sgr("1;4", l) end
      elseif b.kind == "question" then
        wrap(b.text, width, "H: ", lines)
        for i, l in ipairs(lines) do lines[i] = sgr("1", l) end
      elseif b.kind == "answer" then
        wrap(b.text, width, "   ", lines)
        lines[1] = "Đ: " .. lines[1]:sub(4)
      elseif b.kind == "caption" then
        wrap("[Ảnh] " .. b.text, width, "  ", lines)
        for i, l in ipairs(lines) do lines[i] = sgr("3;2", l) end
      elseif b.kind == "byline" then
        wrap(b.text, width, "", lines)
        for i, l in ipairs(lines) do lines[i] = sgr("3", display.pad(l, width, "right")) end
      elseif b.kind == "banner" or b.kind == "boilerplate" or b.kind == "related" then
        wrap(b.text, width, "  ", lines)
        for i, l in ipairs(lines) do lines[i] = sgr("2", l) end
      else
        wrap(b.text, width, "", lines)
      end
      for _, l in ipairs(lines) do out[#out + 1] = l end
      out[#out + 1] = ""
    end
  end
  if out[#out] == "" then out[#out] = nil end
  return table.concat(out, "\n")
end

--- doc:show{width =, all =} prints the document: headline, date, author,
--- lead, headings, Q&A (H:/Đ:), captions marked [Ảnh]; all = true also
--- shows banners, boilerplate and related links. Returns the document.
function Doc:show(opts)
  A.opts("show", 1, opts, RENDER)
  local text = self:render(opts)
  local tty = display.isatty("stdout")
  local _, lines = display.terminal_size()
  local _, nl = text:gsub("\n", "")
  if tty and lines and nl + 1 >= lines and not (opts and opts.pager == false) then
    local pager = os.getenv("PAGER")
    if pager == nil or pager == "" then pager = "less -FRX" end
    local p = io.popen(pager, "w")
    if p then p:write(text, "\n"); p:close(); return end
  end
  io.stdout:write(text, "\n")
end

--- doc:to_records() -> one record of the document's cheap fields (for frames)
function Doc:to_records()
  local r = {}
  for _, k in ipairs({ "rowid", "id", "path", "title", "published", "author", "site" }) do
    r[k] = self[k]
  end
  return { r }, { "rowid", "published", "title", "author", "site", "path", "id" }
end

Doc.__help = {
  "a document: fields rowid, id (hash), path, title, published, author, site, url,\n" ..
  "size; lead, blocks, qa, refs, periods, places, quotes, abbrevs, warnings load on\n" ..
  "first use. Methods below.",
  summary = "doc:summary() -> one line: row id, date, title, file.",
  text = "doc:text() -> the whole normalised text of the document.",
  data = "doc:data() -> the whole parsed document as plain tables (the docs/design.md fields,\n" ..
    "as `tinsh parse` prints them), plus text and rowid.",
  corpus = "doc:corpus() -> the corpus the document belongs to.",
  sentences = "doc:sentences([{kinds = {'paragraph', ...}}]) -> list of sentences of the body\n" ..
    "(lead, headings, paragraphs, questions, answers, captions by default).",
  figures = "doc:figures{subject =, unit =, text =} -> frame of the document's figures\n" ..
    "(subject, value, unit, text, qualifier, sentence, ...). Filters match a substring,\n" ..
    "accent-insensitively: d:figures{unit = '%'}, d:figures{subject = 'chi bộ'}.",
  people = "doc:people() -> frame of the people named: name, titles, mentions.",
  kwic = "doc:kwic(query [, opts]) -> concordance of query in this document (see corpus:kwic).",
  similar = "doc:similar([n]) -> frame of the n documents most similar to this one.",
  render = "doc:render{width =, color =, all =} -> the readable rendering as a string.",
  show = "doc:show{width =, all =} prints the document: headline, date · author · site,\n" ..
    "lead, headings, Q&A as H:/Đ:, captions marked [Ảnh]; all = true also shows\n" ..
    "banners, boilerplate and related links.",
  to_records = "doc:to_records() -> the document's cheap fields as one record (frames).",
}

-- the fact lists of the schema (tinsh.store.fact_schema()) as lazy fields
for _, k in ipairs(require("tinsh.store").fact_schema()) do
  if Doc[k.field] == nil then
    LAZY[k.field] = true
    FIELDS[#FIELDS + 1] = k.field
  end
end

-- Every method checks its self (corpus.args).
A.methods(Doc, M.is, "document")

-- help(d) lists the methods in its summary (the __index of a document is
-- a function, so help cannot enumerate it); help(d.show) finds its text
-- through the registry.
do
  local names = {}
  for k in pairs(Doc.__help) do if type(k) == "string" then names[#names + 1] = k end end
  table.sort(names)
  local lines = { Doc.__help[1], "" }
  for _, k in ipairs(names) do
    lines[#lines + 1] = string.format("  %-14s %s", k, (Doc.__help[k]:match("^[^\n]*")))
  end
  Doc.__help[1] = table.concat(lines, "\n")
end
do
  local reg = require("tinsh.help").register
  for k, fn in pairs(Doc) do
    if type(fn) == "function" and Doc.__help[k] then reg(fn, "doc:" .. k, Doc.__help[k]) end
  end
end

return M
