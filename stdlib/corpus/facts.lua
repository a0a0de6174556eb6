-- corpus.facts — the extracted facts across the corpus, as frames.
--
-- Each function reads one fact table joined with its documents (so every
-- document filter applies: year, from, to, place, person, text, ...),
-- then applies the fact's own filters in Lua (substring matches that
-- ignore case and diacritics, as analysts type them).

local ccore = require("corpus.core")
local Q = require("corpus.sql")
local frame = require("frame")
local core = require("tinsh.core")
local json = require("json")

local M = {}

local FACT_FILTERS = { subject = 1, unit = 1, value = 1, name = 1, title = 1, kind = 1,
  issuer = 1, number = 1, fact_year = 1 }

-- bad argument #1 to fname, raised at the caller of the fact method.
local function bad(fname, msg)
  error("bad argument #1 to '" .. fname .. "' (" .. msg .. ")", 4)
end

-- The row id of a document object or a row id (else nil).
local function rowid_of(d)
  local id = type(d) == "table" and d.rowid or d
  return math.type(id) == "integer" and id or nil
end

-- A fact filter value: a string, a number or a predicate function.
local function check_fact(fname, k, v)
  local t = type(v)
  if t ~= "string" and t ~= "number" and t ~= "function" then
    bad(fname, k .. ": string, number or function expected, got " .. t)
  end
  if k == "fact_year" and not tostring(v):match("^%d+$") then
    bad(fname, "year: digits expected, got " .. tostring(v))
  end
end

-- Split opts (argument #1 of fact method fname) into the document filter
-- and the fact filters; a misused option raises bad argument #1.
local function split(opts, fname)
  local doc, fact = {}, {}
  local any = false
  if opts ~= nil and type(opts) ~= "table" then bad(fname, "table expected, got " .. type(opts)) end
  for k, v in pairs(opts or {}) do
    if FACT_FILTERS[k] then check_fact(fname, k, v); fact[k] = v
    elseif k == "text" then check_fact(fname, k, v); fact.text = v
    elseif k == "year" then check_fact(fname, "fact_year", v); fact.fact_year = v
    elseif k == "doc" then
      local id = rowid_of(v)
      if not id then bad(fname, "doc: document or integer row id expected") end
      doc.ids = { id }; any = true
    elseif k == "docs" then
      if type(v) ~= "table" then bad(fname, "docs: list of documents expected, got " .. type(v)) end
      local ids = {}
      for i, d in ipairs(v) do
        ids[i] = rowid_of(d)
        if not ids[i] then bad(fname, "docs: documents or integer row ids expected at index " .. i) end
      end
      doc.ids = ids; any = true
    elseif k == "published" then doc.year = v; any = true
    else doc[k] = v; any = true end
  end
  return any and doc or nil, fact
end

local function folded(s) return s and core.fold(s) or nil end

local function has(v, want)
  if want == nil then return true end
  if v == nil then return false end
  if type(want) == "function" then return want(v) end
  return folded(v):find(folded(tostring(want)), 1, true) ~= nil
end

local function rows(c, sql_cols, tbl, opts, order)
  local docf = split(opts)
  return Q.fact_rows(ccore.db(c), tbl, sql_cols, docf)
end

--- corpus:figures{subject =, unit =, text =, value =, year =, filter...}
function M.figures(c, opts)
  local _, fact = split(opts, "figures")
  local all = rows(c, "f.subject, f.value, f.unit, f.text, f.qualifier, f.sentence, " ..
    "f.of, f.base, f.base_unit, f.block", "figures", opts)
  local out = {}
  local year = fact.fact_year and ("%f[%d]" .. tostring(fact.fact_year) .. "%f[%D]")
  for _, r in ipairs(all) do
    if (has(r.subject, fact.subject) or has(r.unit, fact.subject)) and has(r.unit, fact.unit) and has(r.sentence, fact.text)
        and (not year or (r.sentence and r.sentence:find(year)))
        and (fact.value == nil or (type(fact.value) == "function" and fact.value(r.value))
          or r.value == fact.value) then
      -- a stored 0-based block index; anything else (a damaged row) is none
      r.block = math.type(r.block) == "integer" and r.block >= 0 and r.block + 1 or nil
      out[#out + 1] = r
    end
  end
  return frame.new(out, { "rowid", "date", "subject", "value", "unit", "text", "qualifier",
    "sentence", "of", "base", "base_unit", "block" })
end

--- corpus:people{name =, title =, filter...}: one row per person, title, doc
function M.people(c, opts)
  local _, fact = split(opts, "people")
  local all = rows(c, "f.name, f.titles, f.mentions", "people", opts)
  local out = {}
  for _, r in ipairs(all) do
    if has(r.name, fact.name) then
      -- titles: a JSON list of strings; a damaged value counts as none
      local ok, titles = pcall(json.decode, r.titles or "")
      if not ok or type(titles) ~= "table" then titles = {} end
      if #titles == 0 then titles = { false } end
      for _, t in ipairs(titles) do
        local title = type(t) == "string" and t or nil
        if fact.title == nil or has(title, fact.title) then
          out[#out + 1] = { rowid = r.rowid, date = r.date, name = r.name, title = title,
            mentions = r.mentions }
        end
      end
    end
  end
  return frame.new(out, { "name", "title", "date", "rowid", "mentions" })
end

--- corpus:refs{kind =, issuer =, number =, filter...}
function M.refs(c, opts)
  local _, fact = split(opts, "refs")
  local all = rows(c, "f.kind, f.number, f.date AS ref_date, f.issuer, f.text", "refs", opts)
  local out = {}
  for _, r in ipairs(all) do
    if has(r.kind, fact.kind) and has(r.issuer, fact.issuer) and has(r.number, fact.number)
        and has(r.text, fact.text) then
      out[#out + 1] = r
    end
  end
  return frame.new(out, { "rowid", "date", "kind", "number", "ref_date", "issuer", "text" })
end

--- corpus:places{name =, kind =, filter...}
function M.places(c, opts)
  local _, fact = split(opts, "places")
  local all = rows(c, "f.name, f.kind, f.mentions", "places", opts)
  local out = {}
  for _, r in ipairs(all) do
    if has(r.name, fact.name) and has(r.kind, fact.kind) then out[#out + 1] = r end
  end
  return frame.new(out, { "rowid", "date", "name", "kind", "mentions" })
end

--- corpus:periods{kind =, filter...}
function M.periods(c, opts)
  local _, fact = split(opts, "periods")
  local all = rows(c, "f.text, f.kind, f.from_year AS \"from\", f.to_year AS \"to\"",
    "periods", opts)
  local out = {}
  for _, r in ipairs(all) do
    if has(r.kind, fact.kind) and has(r.text, fact.text) then
      if r.from == 0 then r.from = nil end
      if r.to == 0 then r.to = nil end
      out[#out + 1] = r
    end
  end
  return frame.new(out, { "rowid", "date", "text", "kind", "from", "to" })
end

--- corpus:quotes{filter...}
function M.quotes(c, opts)
  local _, fact = split(opts, "quotes")
  local all = rows(c, "f.text", "quotes", opts)
  local out = {}
  for _, r in ipairs(all) do
    if has(r.text, fact.text) then out[#out + 1] = r end
  end
  return frame.new(out, { "rowid", "date", "text" })
end

return M
