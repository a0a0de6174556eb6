-- corpus.facts — the extracted facts across the corpus, as frames.
--
-- Each method reads one fact table joined with its documents (so every
-- document filter applies: year, from, to, place, person, text, ...).
-- The fact filters are SQL too (corpus.sql): text filters match a
-- substring ignoring case and diacritics, as analysts type them
-- (instr(tinsh_fold(column), folded value)), numbers compare in SQL;
-- only function-valued filters run in Lua, on the rows SQL kept. Rows
-- stream from the statement into the frame. The columns come from the
-- fact schema declared in C (tinsh.store.fact_schema()); a long text
-- column (the figure's sentence) is read only when asked for: with
-- {sentence = true}, or on first use of the column, for every row of the
-- frame at once.

local S = require("tinsh.store")
local tcore = require("tinsh.core")
local ccore = require("corpus.core")
local Q = require("corpus.sql")
local frame = require("frame")
local json = require("json")
local A = require("corpus.args")
local names = require("corpus.names")

local M = {}

-- The schema kind of each method.
local KIND = { figures = "figure", people = "person", refs = "ref", places = "place",
  periods = "period", quotes = "quote" }

-- Which fields each fact filter matches (any of them), per kind.
local MATCH = {
  figure = { subject = { "subject", "unit" }, unit = { "unit" }, text = { "sentence" } },
  person = { name = { "name" } },
  ref = { kind = { "kind" }, issuer = { "issuer" }, number = { "number" }, text = { "text" } },
  place = { name = { "name" }, kind = { "kind" } },
  period = { kind = { "kind" }, text = { "text" } },
  quote = { text = { "text" } },
}

-- Long text fields read on demand, per kind.
local ON_DEMAND = { figure = { sentence = true } }

-- Fields shown first, in this order (the others follow in schema order).
local LEAD = {
  figure = { "subject", "value", "unit", "text", "qualifier", "sentence" },
  ref = { "kind", "number", "date", "issuer" },
}

-- Kinds whose integer fields use 0 for none (fact_schema.h's INT0).
local ZERO_IS_NONE = { period = true }

local FACT_FILTERS = { subject = 1, unit = 1, value = 1, name = 1, title = 1, kind = 1,
  issuer = 1, number = 1, fact_year = 1 }

-- bad argument #1 to fname, raised at the caller of the fact method
-- (corpus.args finds it; level: from split, through read).
local function bad(fname, msg)
  A.argerror(fname, 1, msg, 5)
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
    bad(fname, k .. ": string, number or function expected, got " .. A.typename(v))
  end
  if t == "string" and not tcore.fold(v) then
    bad(fname, k .. ": " .. tostring(select(2, tcore.fold(v))))
  end
  if k == "fact_year" and not tostring(v):match("^%d+$") then
    bad(fname, "year: digits expected, got " .. tostring(v))
  end
end

-- The row ids of a docs = {...} option.
local function ids_of(fname, v)
  if type(v) ~= "table" then bad(fname, "docs: list of documents expected, got " .. A.typename(v)) end
  local ids = {}
  for i, d in ipairs(v) do
    ids[i] = rowid_of(d)
    if not ids[i] then bad(fname, "docs: documents or integer row ids expected at index " .. i) end
  end
  return ids
end

-- A name filter of places or people as the facts store it ("TP.HCM" is
-- "Hồ Chí Minh", "Chủ tịch Nguyễn Xuân Phúc" is "Nguyễn Xuân Phúc":
-- corpus.names); any other filter value as given.
local RESOLVE = { places = names.place, people = names.person }
local function name_of(fname, k, v)
  if k ~= "name" or type(v) ~= "string" or not RESOLVE[fname] then return v end
  return RESOLVE[fname](v)
end

-- Split opts (argument #1 of fact method fname) into the document filter,
-- the fact filters and the reading options; a misused option raises bad
-- argument #1.
local function split(opts, fname)
  local doc, fact, read = {}, {}, {}
  local any = false
  if opts ~= nil and A.typename(opts) ~= "table" then
    bad(fname, "table expected, got " .. A.typename(opts))
  end
  for k, v in pairs(opts or {}) do
    if FACT_FILTERS[k] then check_fact(fname, k, v); fact[k] = name_of(fname, k, v)
    elseif k == "text" then check_fact(fname, k, v); fact.text = v
    elseif k == "year" then check_fact(fname, "fact_year", v); fact.fact_year = v
    elseif k == "sentence" then
      if type(v) ~= "boolean" then bad(fname, "sentence: boolean expected, got " .. A.typename(v)) end
      read.sentence = v
    elseif k == "doc" then
      local id = rowid_of(v)
      if not id then bad(fname, "doc: document or integer row id expected") end
      doc.ids = { id }; any = true
    elseif k == "docs" then doc.ids = ids_of(fname, v); any = true
    elseif k == "published" then doc.year = v; any = true
    else doc[k] = v; any = true end
  end
  A.opts(fname, 1, doc, Q.FILTER) -- the document filter's keys and kinds
  return any and doc or nil, fact, read
end

---------------------------------------------------------------- the schema

local schema_cache -- kind -> {kind, table, columns = {{name, type, field}}}

-- The fact kind of tinsh.store.fact_schema() (the C declaration).
local function kind_schema(kind)
  if not schema_cache then
    schema_cache = {}
    for _, k in ipairs(S.fact_schema()) do schema_cache[k.kind] = k end
  end
  return schema_cache[kind]
end

-- The frame name of a field: a field named like a document column
-- (rowid, date) is prefixed with its kind (a reference's date: ref_date).
local function out_name(kind, field)
  if field == "rowid" or field == "date" then return kind .. "_" .. field end
  return field
end

-- The columns of kind in frame order: {name (SQL), as (frame), type, field}.
local function columns(method)
  local kind = KIND[method]
  local sch = kind_schema(kind)
  local by, cols, used = {}, {}, {}
  for _, c in ipairs(sch.columns) do by[c.field] = c end
  local function add(c)
    if c and not used[c] then
      used[c] = true
      cols[#cols + 1] = { name = c.name, as = out_name(kind, c.field), type = c.type, field = c.field }
    end
  end
  for _, f in ipairs(LEAD[kind] or {}) do add(by[f]) end
  for _, c in ipairs(sch.columns) do add(c) end
  return kind, sch.table, cols
end

--- facts.fields(method) -> list of {field (Lua key of the fact), name
--- (frame column)} of a fact method's kind, in frame order, without the
--- document columns: what doc:figures{} and doc:people() show
function M.fields(method)
  local _, _, cols = columns(method)
  local out = {}
  for i, c in ipairs(cols) do out[i] = { field = c.field, name = c.as } end
  return out
end

---------------------------------------------------------------- filters

local function folded(s) return s and tcore.fold(s) or nil end

-- Does field value v match the wanted text or predicate?
local function has(v, want)
  if want == nil then return true end
  if v == nil then return false end
  if type(want) == "function" then return want(v) end
  return folded(v):find(folded(tostring(want)), 1, true) ~= nil
end

-- The fact filters as SQL conditions (spec.conds, on the SQL columns
-- sqln[field]) and the tests left to Lua (function values);
-- needs[field] = true for the fields those tests read.
local function plan(kind, fact, sqln)
  local conds, tests, needs = {}, {}, {}
  local keys = {}
  for k in pairs(MATCH[kind]) do keys[#keys + 1] = k end
  table.sort(keys)
  for _, k in ipairs(keys) do
    local want, fields = fact[k], MATCH[kind][k]
    if type(want) == "function" then
      tests[#tests + 1] = { fields, want }
      for _, f in ipairs(fields) do needs[f] = true end
    elseif want ~= nil then
      local sqlf = {}
      for i, f in ipairs(fields) do sqlf[i] = sqln[f] end
      conds[#conds + 1] = { "has", sqlf, tcore.fold(tostring(want)) }
    end
  end
  return conds, tests, needs
end

-- Do the Lua tests hold for row r (fields read by their frame names)?
local function passes(r, tests, names)
  for _, t in ipairs(tests) do
    local ok = false
    for _, f in ipairs(t[1]) do
      if has(r[names[f]], t[2]) then ok = true; break end
    end
    if not ok then return false end
  end
  return true
end

---------------------------------------------------------------- reading

-- Columns read on demand: every row of the frame gets a metatable whose
-- first read of such a column (or pairs) loads it for all rows at once,
-- by their keys (docs[i], seqs[i] of out[i]); the rows are plain tables
-- again after that.
local function on_demand(c, tbl, lazy, out, docs, seqs)
  local loaded = false
  local names, sqlcols = {}, {}
  for _, col in ipairs(lazy) do sqlcols[#sqlcols + 1] = col.name; names[#names + 1] = col.as end
  local function load()
    loaded = true
    local list, at = {}, {}
    for i, r in ipairs(out) do
      local d, q = docs[i], seqs[i]
      list[i] = "[" .. d .. "," .. q .. "]"
      at[d .. ":" .. q] = r
      setmetatable(r, nil)
    end
    for v in Q.fact_values(ccore.db(c), tbl, sqlcols, "[" .. table.concat(list, ",") .. "]") do
      local r = at[v[1] .. ":" .. v[2]]
      for j, name in ipairs(names) do r[name] = v[j + 2] end
    end
  end
  local want = {}
  for _, n in ipairs(names) do want[n] = true end
  return {
    __index = function(r, k)
      if not loaded and want[k] then load(); return rawget(r, k) end
      return nil
    end,
    __pairs = function(r)
      if not loaded then load() end
      return next, r, nil
    end,
  }
end

-- The fixes of a stored row: a 0-based block index becomes 1-based (a
-- damaged one none); a 0 year of a period is none.
local function fixer(kind, cols)
  local blocks, zeros = {}, {}
  for _, c in ipairs(cols) do
    if c.field == "block" then blocks[#blocks + 1] = c.as end
    if ZERO_IS_NONE[kind] and c.type == "integer" then zeros[#zeros + 1] = c.as end
  end
  if #blocks == 0 and #zeros == 0 then return nil end
  return function(r)
    for _, b in ipairs(blocks) do
      local v = r[b]
      r[b] = math.type(v) == "integer" and v >= 0 and v + 1 or nil
    end
    for _, z in ipairs(zeros) do if r[z] == 0 then r[z] = nil end end
  end
end

-- Read the facts of method for opts: the rows (streamed into a list)
-- and the frame column names. custom(fact, names, sqln), when given, returns
-- the method's own SQL conditions and a test keep(r) -> bool run in Lua
-- on the rows SQL kept, plus the fields that test reads. emit(r, out,
-- fact), when given, appends what row r becomes to out (instead of r).
local function read(c, method, opts, custom, emit)
  local docf, fact, want = split(opts, method)
  local h = ccore.db(c)
  local kind, tbl, cols = columns(method)
  local names, sqln = {}, {}
  for _, col in ipairs(cols) do names[col.field], sqln[col.field] = col.as, col.name end
  local conds, tests, needs = plan(kind, fact, sqln)
  local keep
  if custom then
    local more, reads
    more, keep, reads = custom(fact, names, sqln)
    for _, cd in ipairs(more) do conds[#conds + 1] = cd end
    for _, f in ipairs(reads or {}) do needs[f] = true end
  end
  local eager, lazy, frame_cols = {}, {}, { "rowid", "date" }
  for _, col in ipairs(cols) do
    frame_cols[#frame_cols + 1] = col.as
    local od = ON_DEMAND[kind] and ON_DEMAND[kind][col.field]
    if od and not emit and not want[col.field] and not needs[col.field] then lazy[#lazy + 1] = col
    else eager[#eager + 1] = col end
  end
  local fix = fixer(kind, cols)
  local out, docs, seqs = {}, {}, {}
  local mt = #lazy > 0 and on_demand(c, tbl, lazy, out, docs, seqs)
  for r in Q.facts(h, { table = tbl, cols = eager, docs = docf, conds = conds, seq = mt and true,
      fname = method }) do
    if passes(r, tests, names) and (not keep or keep(r)) then
      if fix then fix(r) end
      if emit then
        emit(r, out, fact)
      else
        if mt then
          docs[#out + 1], seqs[#out + 1] = r.rowid, r.seq
          r.seq = nil
          setmetatable(r, mt)
        end
        out[#out + 1] = r
      end
    end
  end
  return out, frame_cols
end

---------------------------------------------------------------- methods

-- figures: a number value compares in SQL; a year narrows in SQL (the
-- sentence holds its digits) and is tested in Lua as a whole number; a
-- function or string value is tested in Lua.
local function figure_rules(fact, names, sqln)
  local conds, reads = {}, {}
  local v, year = fact.value, fact.fact_year
  if type(v) == "number" then conds[#conds + 1] = { "eq", sqln.value, v } end
  local pat
  if year then
    year = tostring(year)
    conds[#conds + 1] = { "holds", sqln.sentence, year }
    pat = "%f[%d]" .. year .. "%f[%D]"
    reads[#reads + 1] = "sentence"
  end
  local vcol, scol = names.value, names.sentence
  local keep = function(r)
    if v ~= nil and type(v) ~= "number" then
      if type(v) == "function" then
        if not v(r[vcol]) then return false end
      elseif r[vcol] ~= v then return false end
    end
    if pat then
      local s = r[scol]
      if not (s and s:find(pat)) then return false end
    end
    return true
  end
  return conds, keep, reads
end

--- corpus:figures{subject =, unit =, text =, value =, year =, sentence =, filter...}
function M.figures(c, opts)
  return frame.wrap(read(c, "figures", opts, figure_rules))
end

-- people: titles are a JSON list; a text title narrows in SQL when it is
-- written as is in JSON (no quote, backslash, control character or
-- U+FFFD); each title is tested in Lua.
local function people_rules(fact, _, sqln)
  local t = fact.title
  if t == nil or type(t) == "function" then return {} end
  local s = tostring(t)
  if s:find('[%c"\\]') or s:find("\xEF\xBF\xBD", 1, true) or not utf8.len(s) then return {} end
  return { { "has", { sqln.titles }, tcore.fold(s) } }
end

-- One row per title of person row r (titles: a JSON list of strings, a
-- damaged value counts as none), those matching the title filter.
local function person_rows(r, out, fact)
  local t = fact.title
  local ok, titles = pcall(json.decode, r.titles or "")
  if not ok or type(titles) ~= "table" then titles = {} end
  if #titles == 0 then titles = { false } end
  for _, ti in ipairs(titles) do
    local title = type(ti) == "string" and ti or nil
    if t == nil or has(title, t) then
      local o = {}
      for k, v in pairs(r) do o[k] = v end
      o.titles, o.title = nil, title
      out[#out + 1] = o
    end
  end
end

--- corpus:people{name =, title =, filter...}: one row per person, title, doc
function M.people(c, opts)
  local out, cols = read(c, "people", opts, people_rules, person_rows)
  local fcols = { "name", "title", "date", "rowid" }
  for _, col in ipairs(cols) do
    if col ~= "rowid" and col ~= "date" and col ~= "name" and col ~= "titles" then
      fcols[#fcols + 1] = col
    end
  end
  return frame.wrap(out, fcols)
end

--- corpus:refs{kind =, issuer =, number =, filter...}
function M.refs(c, opts)
  return frame.wrap(read(c, "refs", opts))
end

--- corpus:places{name =, kind =, filter...}
function M.places(c, opts)
  return frame.wrap(read(c, "places", opts))
end

--- corpus:periods{kind =, filter...}
function M.periods(c, opts)
  return frame.wrap(read(c, "periods", opts))
end

--- corpus:quotes{filter...}
function M.quotes(c, opts)
  return frame.wrap(read(c, "quotes", opts))
end

return M
