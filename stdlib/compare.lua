-- compare — two documents or two subcorpora side by side.
--
--   compare(corpus:get(1), corpus:get(2))          -- two documents
--   compare({year = 2020}, {year = 2024})           -- two document filters
--   compare(corpus:search("Móng Cái"), other_set)   -- two result sets
--
-- The comparison holds: people (shared, only in a, only in b, with the
-- titles each side gives them), places (mentions on each side), references
-- (by document number or text), figures matched by subject (or by unit
-- for counts such as "chi bộ") with both values side by side (or, when
-- the other side names the subject without a figure, its sentence), and for two
-- documents their similarity and a paragraph-level diff. tostring(cmp) is
-- a readable report; cmp:frame() the same content as records
-- (section, item, a, b, note).

local core = require("tinsh.core")
local display = require("tinsh.display")
local ccore = require("corpus.core")
local Q = require("corpus.sql")
local A = require("corpus.args")

local M = {}
local Cmp = {}
local CmpMT = { __name = "compare", __index = Cmp }
M.methods = Cmp

local function fold(s) return s and core.fold(s) or "" end

---------------------------------------------------------------- sides

-- The sides compare takes (for its messages).
local SIDE = "document, row id, path, document filter, result set or list expected"

-- A side: {label, ids (row ids), doc (when one document)} of compare's
-- argument #n x; nil, msg when x names no document (corpus:get's message).
local function side_of(c, x, n)
  if type(x) == "number" or type(x) == "string" then
    local d, err = c:get(x)
    if not d then return nil, err end
    x = d
  end
  if type(x) ~= "table" or ccore.is(x) then
    A.argerror("compare", n, SIDE .. ", got " .. A.typename(x), 2)
  end
  if x.rowid and getmetatable(x) then
    return { label = string.format("#%d %s  %s", x.rowid,
      x.published and x.published:sub(1, 10) or "(undated)",
      display.truncate(x.title or "(no title)", 60)), ids = { x.rowid }, doc = x }
  end
  local ids = {}
  if #x > 0 or getmetatable(x) then
    for i, d in ipairs(x) do
      local id = type(d) == "table" and d.rowid or d
      if math.type(id) ~= "integer" then
        A.argerror("compare", n, "documents or row ids expected, got " .. A.typename(d) ..
          " at index " .. i, 2)
      end
      ids[#ids + 1] = id
    end
    local label = type(x.query) == "string" and ("search " .. x.query) or (#ids .. " documents")
    return { label = label, ids = ids }
  end
  -- a document filter
  for r in Q.doc_ids(ccore.db(c), x, "compare", n) do
    ids[#ids + 1] = r.id
  end
  local parts = {}
  for k, v in pairs(x) do parts[#parts + 1] = k .. "=" .. tostring(v) end
  table.sort(parts)
  return { label = "{" .. table.concat(parts, ", ") .. "} " .. #ids .. " documents", ids = ids }
end

local function frame() return require("frame") end

---------------------------------------------------------------- facts

local function people_of(c, side)
  local map = {}
  for _, r in ipairs(c:people{ ids = side.ids }) do
    local p = map[r.name]
    if not p then p = { titles = {}, seen = {} }; map[r.name] = p end
    if r.title and not p.seen[r.title] then
      p.seen[r.title] = true
      p.titles[#p.titles + 1] = r.title
    end
  end
  return map
end

local function places_of(c, side)
  local map = {}
  for _, r in ipairs(c:places{ ids = side.ids }) do
    map[r.name] = (map[r.name] or 0) + (r.mentions or 1)
  end
  return map
end

local function refs_of(c, side)
  local map = {}
  for _, r in ipairs(c:refs{ ids = side.ids }) do
    local key = r.number and fold(r.number) or fold(r.text)
    if not map[key] then
      map[key] = (r.kind or "") .. (r.number and (" " .. r.number) or "")
      if not r.number then map[key] = r.text end
    end
  end
  return map
end

-- shared / only_a / only_b of two maps, each sorted by key
local function partition(a, b)
  local shared, only_a, only_b = {}, {}, {}
  for k in pairs(a) do
    if b[k] ~= nil then shared[#shared + 1] = k else only_a[#only_a + 1] = k end
  end
  for k in pairs(b) do if a[k] == nil then only_b[#only_b + 1] = k end end
  table.sort(shared); table.sort(only_a); table.sort(only_b)
  return { shared = shared, only_a = only_a, only_b = only_b }
end

---------------------------------------------------------------- figures

local function words_of(s, stop)
  local set, n = {}, 0
  for w in fold(s):gmatch("[%w]+") do
    if not stop[w] and not w:match("^%d+$") then
      if not set[w] then set[w] = true; n = n + 1 end
    end
  end
  return set, n
end

local function jaccard(a, na, b, nb)
  if na == 0 or nb == 0 then return 0 end
  local inter = 0
  for w in pairs(a) do if b[w] then inter = inter + 1 end end
  return inter / (na + nb - inter)
end

local MONEY_OR_RATE = { ["%"] = true, ["đồng"] = true, ["usd"] = true }

-- subjects too general to look for in the other side's sentences
local GENERIC = { ["thanh pho"] = true, ["toan thanh pho"] = true, ["tp"] = true,
  ["tinh"] = true, ["toan tinh"] = true, ["huyen"] = true, ["xa"] = true, ["thon"] = true }

local function S() return require("tinsh.store") end

-- Match the figures of a and b: pairs by subject words (same base unit),
-- then by unit alone for counts ("224 chi bộ" vs "263 chi bộ").
local function match_figures(c, sa, sb, places)
  local stop = {}
  for w in pairs(c:stopwords()) do stop[fold(w)] = true end
  local fa = c:figures{ ids = sa.ids }
  local fb = c:figures{ ids = sb.ids }
  local function prep(f)
    local out = {}
    for i, r in ipairs(f) do
      local words, n = words_of(r.subject, stop)
      out[i] = { r = r, words = words, n = n, unit = fold(r.base_unit or r.unit) }
    end
    return out
  end
  local A, B = prep(fa), prep(fb)
  local cands = {}
  for i, x in ipairs(A) do
    for j, y in ipairs(B) do
      if x.unit == y.unit then
        local s = jaccard(x.words, x.n, y.words, y.n)
        if s >= 0.5 then
          cands[#cands + 1] = { i = i, j = j, score = 1 + s, how = "subject" }
        elseif x.unit ~= "" and not MONEY_OR_RATE[x.unit] then
          -- counts of the same thing: prefer values of the same magnitude
          local va, vb = math.abs(x.r.value or 0), math.abs(y.r.value or 0)
          local ratio = math.max(va, vb) > 0 and math.min(va, vb) / math.max(va, vb) or 0
          cands[#cands + 1] = { i = i, j = j, score = s + 0.5 * ratio, how = "unit" }
        end
      end
    end
  end
  table.sort(cands, function(p, q)
    if p.score ~= q.score then return p.score > q.score end
    if p.i ~= q.i then return p.i < q.i end
    return p.j < q.j
  end)
  local used_a, used_b, rows = {}, {}, {}
  local seen_pair = {}
  for _, m in ipairs(cands) do
    if not used_a[m.i] and not used_b[m.j] then
      local x, y = A[m.i].r, B[m.j].r
      local key = fold(x.text) .. "\0" .. fold(y.text)
      used_a[m.i], used_b[m.j] = true, true
      if not seen_pair[key] then
        seen_pair[key] = true
        rows[#rows + 1] = { subject = x.subject or y.subject,
          b_subject = y.subject, unit = x.unit or y.unit,
          a = x.value, b = y.value, a_text = x.text, b_text = y.text, match = m.how,
          a_doc = x.rowid, b_doc = y.rowid }
      end
    end
  end
  -- a figure on one side whose subject the other side names without a
  -- figure: show that sentence ("tỷ trọng dịch vụ" ...)
  local function mentions(F, used, ids, side)
    if #ids > 20 then return end
    local sentences
    for i, x in ipairs(F) do
      local subj = x.r.subject
      local general = GENERIC[fold(subj or "")]
      for _, p in ipairs(places) do
        if not general and fold(subj or ""):find(p, 1, true) then general = true end
      end
      if not used[i] and subj and x.n >= 2 and not general then
        if not sentences then
          sentences = {}
          for _, id in ipairs(ids) do
            local d = c:get(id)
            if d then
              for _, t in ipairs(d:sentences()) do sentences[#sentences + 1] = { id, t } end
            end
          end
        end
        -- the sentence naming the subject that is most like the figure's
        -- own sentence (for a share, one that speaks of a share)
        local best, best_score
        local own = {}
        for _, t in ipairs(S().tokens(x.r.sentence or "")) do own[t] = true end
        for _, st in ipairs(sentences) do
          if #S().find(st[2], subj, 1) > 0 then
            local toks, common, n = S().tokens(st[2]), 0, 0
            local seen = {}
            for _, t in ipairs(toks) do
              if not seen[t] then seen[t] = true; n = n + 1; if own[t] then common = common + 1 end end
            end
            local score = n > 0 and common / n or 0
            if x.r.unit == "%" and (fold(st[2]):find("ty trong", 1, true) or
                fold(st[2]):find("ty le", 1, true) or fold(st[2]):find("co cau", 1, true)) then
              score = score + 1
            end
            if not best_score or score > best_score then best, best_score = st, score end
          end
        end
        if best then
          local r = { subject = subj, unit = x.r.unit, match = "mention" }
          if side == "a" then
            r.a, r.a_text, r.a_doc = x.r.value, x.r.text, x.r.rowid
            r.b_text, r.b_doc = best[2], best[1]
          else
            r.b, r.b_text, r.b_doc = x.r.value, x.r.text, x.r.rowid
            r.a_text, r.a_doc = best[2], best[1]
          end
          rows[#rows + 1] = r
        end
      end
    end
  end
  mentions(A, used_a, sb.ids, "a")
  mentions(B, used_b, sa.ids, "b")
  local order = { subject = 1, unit = 2, mention = 3 }
  table.sort(rows, function(p, q)
    if p.match ~= q.match then return order[p.match] < order[q.match] end
    return (p.a_doc or 0) * 1e6 + (p.b_doc or 0) < (q.a_doc or 0) * 1e6 + (q.b_doc or 0)
  end)
  return frame().new(rows, { "subject", "unit", "a", "b", "match", "a_text", "b_text",
    "b_subject", "a_doc", "b_doc" })
end

---------------------------------------------------------------- diff

local function paragraphs(c, rowid)
  local out = {}
  for r in ccore.blocks(c, Q.where():doc(rowid):content()) do
    out[#out + 1] = r[4]
  end
  return out
end

local function similar_par(a, b)
  local S = require("tinsh.store")
  local wa, wb, na, nb = {}, {}, 0, 0
  for _, t in ipairs(S.tokens(a)) do if not wa[t] then wa[t] = true; na = na + 1 end end
  for _, t in ipairs(S.tokens(b)) do if not wb[t] then wb[t] = true; nb = nb + 1 end end
  return jaccard(wa, na, wb, nb)
end

-- The paragraphs of diff's argument #n: a list of UTF-8 strings.
local function check_paragraphs(p, n)
  A.check("diff", n, p, function(v) return A.typename(v) == "table" end, "list of paragraphs", 3)
  for i, s in ipairs(p) do
    if type(s) ~= "string" then
      A.argerror("diff", n, "string expected at index " .. i .. ", got " .. A.typename(s), 3)
    end
    local ok, why = core.fold(s)
    if not ok then A.argerror("diff", n, "index " .. i .. ": " .. tostring(why), 3) end
  end
end

-- Paragraph-level diff (LCS on normalised paragraphs); adjacent removed +
-- added paragraphs that are similar become "changed".
function M.diff(pa, pb)
  check_paragraphs(pa, 1)
  check_paragraphs(pb, 2)
  local na, nb = #pa, #pb
  local key = function(s) return fold(s):gsub("%s+", " ") end
  local ka, kb = {}, {}
  for i = 1, na do ka[i] = key(pa[i]) end
  for j = 1, nb do kb[j] = key(pb[j]) end
  local L = {}
  for i = na + 1, 1, -1 do
    L[i] = {}
    for j = nb + 1, 1, -1 do
      if i > na or j > nb then L[i][j] = 0
      elseif ka[i] == kb[j] then L[i][j] = L[i + 1][j + 1] + 1
      else L[i][j] = math.max(L[i + 1][j], L[i][j + 1]) end
    end
  end
  local ops = {}
  local i, j = 1, 1
  while i <= na or j <= nb do
    if i <= na and j <= nb and ka[i] == kb[j] then
      ops[#ops + 1] = { op = "=", a = pa[i], b = pb[j] }; i, j = i + 1, j + 1
    elseif i <= na and (j > nb or L[i + 1][j] >= L[i][j + 1]) then
      ops[#ops + 1] = { op = "-", a = pa[i] }; i = i + 1
    else
      ops[#ops + 1] = { op = "+", b = pb[j] }; j = j + 1
    end
  end
  -- in each run of changes, pair removed and added paragraphs that are
  -- similar (in order) as "changed"
  local out, k = {}, 1
  while k <= #ops do
    if ops[k].op == "=" then
      out[#out + 1] = ops[k]
      k = k + 1
    else
      local removed, added = {}, {}
      while k <= #ops and ops[k].op ~= "=" do
        if ops[k].op == "-" then removed[#removed + 1] = ops[k].a else added[#added + 1] = ops[k].b end
        k = k + 1
      end
      local j = 1
      for _, r in ipairs(removed) do
        local found
        for x = j, #added do
          if similar_par(r, added[x]) >= 0.5 then found = x; break end
        end
        if found then
          for x = j, found - 1 do out[#out + 1] = { op = "+", b = added[x] } end
          out[#out + 1] = { op = "~", a = r, b = added[found] }
          j = found + 1
        else
          out[#out + 1] = { op = "-", a = r }
        end
      end
      for x = j, #added do out[#out + 1] = { op = "+", b = added[x] } end
    end
  end
  return out
end

---------------------------------------------------------------- compare

-- The options of compare (corpus.args kinds; corpus checked below).
local OPTS = { corpus = "any", diff = "boolean" }

--- compare(a, b [, opts]) -> comparison | nil, msg (a row id or path that
--- names no document). opts.corpus: the corpus (default the global corpus
--- or the documents' own); opts.diff = true forces the paragraph diff for
--- two documents that are not near-duplicates.
function M.compare(a, b, opts)
  opts = A.opts("compare", 3, opts, OPTS)
  if opts.corpus ~= nil and not ccore.is(opts.corpus) then
    A.argerror("compare", 3, "corpus: corpus expected, got " .. A.typename(opts.corpus))
  end
  local c = opts.corpus
  if not c and type(a) == "table" and getmetatable(a) and type(a.corpus) == "function" then
    c = a:corpus()
  end
  c = c or _G.corpus
  if not c then error("compare: no corpus", 2) end
  local sa, err = side_of(c, a, 1)
  if not sa then return nil, err end
  local sb
  sb, err = side_of(c, b, 2)
  if not sb then return nil, err end
  local self = setmetatable({ a = sa.label, b = sb.label }, CmpMT)
  local pa, pb = people_of(c, sa), people_of(c, sb)
  self.people = partition(pa, pb)
  self.people_titles = { a = pa, b = pb }
  local la, lb = places_of(c, sa), places_of(c, sb)
  self.places = partition(la, lb)
  self.place_mentions = { a = la, b = lb }
  local ra, rb = refs_of(c, sa), refs_of(c, sb)
  self.refs = partition(ra, rb)
  self.ref_names = { a = ra, b = rb }
  local places = {}
  for _, m in ipairs({ la, lb }) do
    for name in pairs(m) do places[#places + 1] = fold(name) end
  end
  self.figures = match_figures(c, sa, sb, places)
  if sa.doc and sb.doc then
    local S = require("tinsh.store")
    local stats = require("corpus.stats")
    local ta, tb = stats.content_text(c, sa.doc.rowid), stats.content_text(c, sb.doc.rowid)
    self.similarity = math.floor(S.similarity(S.minhash(ta, 128), S.minhash(tb, 128)) * 1000 + 0.5) / 1000
    if self.similarity >= 0.3 or opts.diff then
      self.diff = M.diff(paragraphs(c, sa.doc.rowid), paragraphs(c, sb.doc.rowid))
    end
  end
  return self
end

--- cmp:frame() -> frame section, item, a, b, note
function Cmp:frame()
  local rows = {}
  local function add(section, item, a, b, note)
    rows[#rows + 1] = { section = section, item = item, a = a, b = b, note = note }
  end
  local function titles(t) return t and #t.titles > 0 and table.concat(t.titles, "; ") or "✓" end
  for _, part in ipairs({ "shared", "only_a", "only_b" }) do
    for _, name in ipairs(self.people[part]) do
      local ta, tb = self.people_titles.a[name], self.people_titles.b[name]
      add("people", name, ta and titles(ta) or nil, tb and titles(tb) or nil, part)
    end
  end
  for _, part in ipairs({ "shared", "only_a", "only_b" }) do
    for _, name in ipairs(self.places[part]) do
      add("places", name, self.place_mentions.a[name], self.place_mentions.b[name], part)
    end
  end
  for _, part in ipairs({ "shared", "only_a", "only_b" }) do
    for _, k in ipairs(self.refs[part]) do
      add("refs", self.ref_names.a[k] or self.ref_names.b[k], self.ref_names.a[k] and "✓" or nil,
        self.ref_names.b[k] and "✓" or nil, part)
    end
  end
  for _, f in ipairs(self.figures) do
    add("figures", (f.subject or "?") .. " (" .. (f.unit or "") .. ")", f.a_text, f.b_text,
      "by " .. f.match)
  end
  if self.diff then
    for _, d in ipairs(self.diff) do
      if d.op ~= "=" then
        add("diff", d.op == "~" and "changed" or d.op == "-" and "only in a" or "only in b",
          d.a, d.b, d.op)
      end
    end
  end
  return frame().new(rows, { "section", "item", "a", "b", "note" })
end
Cmp.to_frame = Cmp.frame

local function list_line(out, label, items, width)
  if #items == 0 then return end
  local line = label .. " (" .. #items .. "): " .. table.concat(items, ", ")
  local wrapped = {}
  require("corpus.doc").wrap(line, width - 4, "", wrapped)
  for i, l in ipairs(wrapped) do out[#out + 1] = (i > 1 and "      " or "  ") .. l end
end

--- cmp:render{width =} -> the readable report as a string
function Cmp:render(opts)
  opts = A.opts("render", 1, opts, { width = "count" })
  local width = opts.width or (display.isatty("stdout") and display.terminal_size()) or 100
  local out = {}
  out[#out + 1] = "compare  a: " .. self.a
  out[#out + 1] = "         b: " .. self.b
  if self.similarity then out[#out + 1] = string.format("similarity (MinHash, 3-syllable shingles): %.3f", self.similarity) end
  out[#out + 1] = ""
  out[#out + 1] = "People"
  local shared = {}
  for _, name in ipairs(self.people.shared) do
    local ta, tb = self.people_titles.a[name], self.people_titles.b[name]
    local sa, sb = table.concat(ta.titles, "; "), table.concat(tb.titles, "; ")
    shared[#shared + 1] = sa == sb and name or (name .. " [a: " .. sa .. " | b: " .. sb .. "]")
  end
  list_line(out, "both", shared, width)
  list_line(out, "only a", self.people.only_a, width)
  list_line(out, "only b", self.people.only_b, width)
  out[#out + 1] = "Places"
  list_line(out, "both", self.places.shared, width)
  list_line(out, "only a", self.places.only_a, width)
  list_line(out, "only b", self.places.only_b, width)
  out[#out + 1] = "References"
  local function names(keys, side)
    local t = {}
    for i, k in ipairs(keys) do t[i] = self.ref_names[side][k] end
    return t
  end
  list_line(out, "both", names(self.refs.shared, "a"), width)
  list_line(out, "only a", names(self.refs.only_a, "a"), width)
  list_line(out, "only b", names(self.refs.only_b, "b"), width)
  out[#out + 1] = "Figures matched"
  if #self.figures == 0 then
    out[#out + 1] = "  (none)"
  else
    local f = self.figures:select("subject", "unit", "a_text", "b_text", "match")
      :rename{ a_text = "a", b_text = "b" }
    for line in f:render{ width = width - 2, maxwidth = 36 }:gmatch("[^\n]+") do
      out[#out + 1] = "  " .. line
    end
  end
  if self.diff then
    out[#out + 1] = "Paragraph diff (= same, - only a, + only b, ~ changed)"
    for _, d in ipairs(self.diff) do
      local text = d.op == "+" and d.b or d.a
      if d.op == "~" then
        out[#out + 1] = "  ~ a: " .. display.truncate(d.a:gsub("%s+", " "), width - 8)
        out[#out + 1] = "    b: " .. display.truncate(d.b:gsub("%s+", " "), width - 8)
      else
        out[#out + 1] = "  " .. d.op .. " " .. display.truncate(text:gsub("%s+", " "), width - 4)
      end
    end
  end
  return table.concat(out, "\n")
end

--- cmp:show{width =} prints the report
function Cmp:show(opts)
  A.opts("show", 1, opts, { width = "count" })
  io.stdout:write(self:render(opts), "\n")
end

-- Every method checks its self (corpus.args).
A.methods(Cmp, function(x) return getmetatable(x) == CmpMT end, "comparison")

CmpMT.__tostring = function(x) return x:render() end

M.__help = {
  "compare — two documents or two subcorpora side by side: people, places,\n" ..
  "references, figures matched by subject, and a paragraph diff for near-duplicates.",
  compare = "compare(a, b [, opts]) -> comparison | nil, msg (also the global compare).\n" ..
    "a and b: documents (or row ids / paths; nil, msg when one names no document),\n" ..
    "document filters ({year = 2024}), result sets, or lists of documents; opts:\n" ..
    "corpus, diff. Fields: people, places, refs ({shared, only_a, only_b}),\n" ..
    "figures (frame: subject, unit, a, b, match = 'subject' | 'unit' | 'mention',\n" ..
    "a_text, b_text; 'mention': the other side names the subject without a figure,\n" ..
    "its sentence is shown), similarity and diff (two documents; the diff when similarity >= 0.3 or\n" ..
    "opts.diff). tostring(cmp) or cmp:show() prints a report; cmp:frame() gives\n" ..
    "section, item, a, b, note records.\n" ..
    "  compare(corpus:get(1), corpus:get(2)).figures:show()",
  diff = "compare.diff(paragraphs_a, paragraphs_b) -> list of {op, a, b}: op '=' same,\n" ..
    "'-' only in a, '+' only in b, '~' changed (similar paragraphs).",
}
Cmp.__help = {
  "a comparison: fields a, b (labels), people, places, refs, figures, similarity, diff.",
  frame = "cmp:frame() -> frame of section, item, a, b, note.",
  render = "cmp:render{width =} -> the readable report as a string.",
  show = "cmp:show{width =} prints the report.",
}
setmetatable(M, { __call = function(_, ...) return M.compare(...) end })
return M
