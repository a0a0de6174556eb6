-- corpus.stats — frequency lists, n-grams, collocations, keyness, tf-idf
-- similarity and near-duplicate clusters.
--
-- Units are words by default: the segmenter's words (tinsh.words), a
-- multi-syllable word one unit written with its folded syllables joined by
-- one space ("phát triển"), the corpus's user lexicon (corpus:words)
-- applied. With {unit = "syllable"} the units are syllables as the search
-- index sees them (tinsh.store.tokens: NFC, case folded, diacritics kept,
-- numbers whole). The text of a
-- document, for statistics, is its content blocks (title, lead, headings,
-- paragraphs, questions, answers, captions) — banners, boilerplate,
-- related links and bylines would otherwise dominate every list.
-- Tokenizing runs in C; counting policy is here.

local S = require("tinsh.store")
local ccore = require("corpus.core")
local Q = require("corpus.sql")
local frame = require("frame")
local core = require("tinsh.core")
local A = require("corpus.args")

local M = {}


---------------------------------------------------------------- stopwords

local stop_cache
--- corpus:stopwords() -> set {word = true} of data/stopwords-vi.txt (read
--- once by the C lexicon, core.stopwords), lower-cased
function M.stopwords()
  if stop_cache then return stop_cache end
  local set = {}
  for _, w in ipairs(core.stopwords()) do set[core.lower(w) or w] = true end
  stop_cache = set
  return set
end

local function is_stop(tok, stop)
  return stop[tok] or tok:match("^[%d%.,/%-]+$") ~= nil
end

---------------------------------------------------------------- sources

-- Is x a document object (a table with a row id and a metatable)?
local function is_doc(x)
  return type(x) == "table" and getmetatable(x) ~= nil and math.type(x.rowid) == "integer"
end

-- Where a subcorpus comes from: nil (all), a document filter table, a
-- result set, a concordance, a document, or a list of documents / row ids.
-- Returns a condition (corpus.sql) on the content blocks b (joined with
-- documents d) of the subcorpus. Anything else raises bad argument #argn
-- to fname (default 'docs', #1), what naming the option ("docs: ...").
local function source_sql(spec, fname, argn, what)
  fname, argn, what = fname or "docs", argn or 1, what or ""
  local w = Q.where():content()
  if spec == nil then return w end
  if Q.is_where(spec) then return spec end -- a condition built here (keyness's rest)
  if is_doc(spec) then return w:doc(spec.rowid) end
  if ccore.is(spec) then -- the whole corpus is nil, not the corpus
    A.argerror(fname, argn, what .. "document filter, result set or list of documents " ..
      "expected, got " .. A.typename(spec), 2)
  end
  if type(spec) == "table" and (#spec > 0 or getmetatable(spec)) then
    local ids, seen = {}, {}
    for i, x in ipairs(spec) do
      local id = type(x) == "table" and x.rowid or x
      if math.type(id) ~= "integer" then
        A.argerror(fname, argn, what .. "documents or row ids expected, got " ..
          A.typename(x) .. " at index " .. i, 2)
      end
      if not seen[id] then seen[id] = true; ids[#ids + 1] = id end
    end
    return w:ids(ids)
  end
  if type(spec) == "table" then return w:filter(spec, fname, argn) end
  A.argerror(fname, argn, what .. "document filter, result set or list of documents " ..
    "expected, got " .. A.typename(spec), 2)
end
M.source_sql = source_sql

-- Iterate the content blocks of a subcorpus: fn(doc_rowid, text) per block,
-- in document order.
local function each_block(c, spec, fn)
  for r in ccore.blocks(c, source_sql(spec)) do fn(r[1], r[4]) end
end
M.each_block = each_block

-- Split filter-ish options from statistics options.
local STAT_OPTS = { n = 1, stop = 1, min = 1, top = 1, docs = 1, by = 1, window = 1, unit = 1 }

-- The counting options without a subcorpus (keyness, rs:freq), checked
-- further by stat_check.
M.COUNT_OPTS = { n = "any", stop = "any", min = "any", top = "any", unit = "any" }

-- The keys a statistics method takes (corpus.args kinds): its own, checked
-- further by stat_check, and the document filter's (corpus.sql's Q.FILTER).
local STAT_SPEC = { by = "string" }
for k in pairs(STAT_OPTS) do STAT_SPEC[k] = STAT_SPEC[k] or "any" end
for k, kind in pairs(Q.FILTER) do STAT_SPEC[k] = kind end

-- The `words` argument of the C tokenizers for opts.unit: false for
-- syllables, else the corpus's lexicon (its user words) or true (the
-- default lexicon).
local function words_arg(c, opts)
  if opts and opts.unit == "syllable" then return false end
  return require("corpus.kwic").lexicon(c)
end
M.words_arg = words_arg

-- The lexicon key of a user's word: folded syllables joined by one space;
-- nil when it has no syllable or more than four.
local function word_key(w)
  local syl = {}
  for s in (core.lower(w) or w):gmatch("%S+") do syl[#syl + 1] = s end
  if #syl == 0 or #syl > 4 then return nil end
  return table.concat(syl, " ")
end

local function words_list(fname, opts, k)
  local list = opts[k]
  if list == nil then return {} end
  if type(list) ~= "table" then
    A.argerror(fname, 1, k .. ": list of words expected, got " .. A.typename(list), 2)
  end
  local out = {}
  for i, w in ipairs(list) do
    local key = type(w) == "string" and word_key(w)
    if not key then
      A.argerror(fname, 1, k .. "[" .. i .. "]: a word of 1 to 4 syllables expected", 2)
    end
    out[#out + 1] = key
  end
  return out
end

--- corpus:words([{add = {...}, remove = {...}}]) -> frame word, action
--- The user lexicon of the database: words taught (add) win over their
--- splits, removed ones are never proposed. Applied to the statistics at
--- once; nil, msg when the database cannot be written (--sandbox).
function M.words(c, opts)
  A.opts("words", 1, opts, { add = "any", remove = "any" }) -- lists: words_list
  local db = ccore.db(c)
  local add = opts and words_list("words", opts, "add") or {}
  local remove = opts and words_list("words", opts, "remove") or {}
  if #add + #remove > 0 then
    local w, err = ccore.wdb(c)
    if not w then return nil, "words: " .. tostring(err) end
    Q.create_words_table(w)
    Q.begin(w)
    local ok, e = pcall(function()
      for _, k in ipairs(add) do Q.save_user_word(w, k, "add") end
      for _, k in ipairs(remove) do Q.save_user_word(w, k, "remove") end
    end)
    if not ok then Q.rollback(w); return nil, "words: " .. tostring(e) end
    Q.commit(w)
    local cache = ccore.cache(c)
    cache.lexicon, cache.uni_words = nil, nil
  end
  local rows = {}
  for _, r in ipairs(Q.user_words(db)) do rows[#rows + 1] = { word = r.word, action = r.action } end
  return frame.new(rows, { "word", "action" })
end

-- The subcorpus of statistics options: opts.docs, or the document filter
-- their other keys make (nil: the whole corpus).
local function subcorpus_of(opts)
  if opts == nil then return nil end
  if opts.docs then return opts.docs end
  local f, any = {}, false
  for k, v in pairs(opts) do
    if not STAT_OPTS[k] then f[k] = v; any = true end
  end
  return any and f or nil
end

-- The subcorpus of opts must be one (source_sql); docs and document
-- filter keys together are refused (the filter would be ignored).
local function check_subcorpus(opts, fname, argn)
  if opts.docs ~= nil then
    for k in pairs(opts) do
      if not STAT_OPTS[k] then
        A.argerror(fname, argn, "docs and the document filter key '" .. tostring(k) ..
          "' together: give one of them")
      end
    end
  end
  source_sql(subcorpus_of(opts), fname, argn, opts.docs ~= nil and "docs: " or "")
end

-- Check the statistics options of fname's argument #argn: a table whose
-- keys are statistics options or document filter keys (STAT_SPEC); n
-- 1..8, top and min counts, window 1..50, stop a boolean, unit 'word' or
-- 'syllable', and a subcorpus that is one (check_subcorpus).
local function stat_check(opts, fname, argn)
  A.opts(fname, argn, opts, STAT_SPEC)
  if opts.n ~= nil then A.int(fname, argn, opts.n, "n", 1, 8) end
  if opts.top ~= nil then A.int(fname, argn, opts.top, "top", 0) end
  if opts.min ~= nil then A.int(fname, argn, opts.min, "min", 0) end
  if opts.window ~= nil then A.int(fname, argn, opts.window, "window", 1, 50) end
  if opts.unit ~= nil and opts.unit ~= "word" and opts.unit ~= "syllable" then
    A.argerror(fname, argn, "unit: 'word' or 'syllable' expected")
  end
  if opts.stop ~= nil and type(opts.stop) ~= "boolean" then
    A.argerror(fname, argn, "stop: boolean expected, got " .. A.typename(opts.stop))
  end
  check_subcorpus(opts, fname, argn)
end

-- Raise e again at the caller of the method that called the function
-- that called this (the user's line; corpus.args's A.reraise).
local function reraise(e) A.reraise(e, 4) end

local function stat_opts(fname, argn, opts)
  if opts == nil then return {} end
  local ok, e = pcall(stat_check, opts, fname, argn)
  if not ok then reraise(e) end
  return opts
end

-- A.int(fname, argn, v, what, lo, hi) raised at the method's caller.
local function int_arg(fname, argn, v, what, lo, hi)
  local ok, e = pcall(A.int, fname, argn, v, what, lo, hi)
  if not ok then reraise(e) end
  return e
end

-- Count n-grams of a subcorpus: counts, docfreq, total tokens, ndocs
-- (the counting loop is db:terms, in C).
-- (rows of block_rows come as (doc, text, off, len): a NULL text is the
-- span of the document text, which db:terms reads once per document)
---------------------------------------------------------------- drill-down

-- Every row of a statistics frame answers row:kwic([opts]) (the
-- concordance of its term) and row:documents() (the documents that hold
-- it; row:docs() too where docs is not a column).
-- The corpus, the subcorpus and the unit the row came from are kept aside
-- (weak keys), so the row's fields stay the frame's columns.
local row_src = setmetatable({}, { __mode = "k" })
local Row = {}
local RowMT = { __index = Row }

-- The kwic options of a row's subcorpus (a filter or a list of documents).
local function row_kwic_opts(src, opts)
  local o = {}
  for k, v in pairs(opts or {}) do o[k] = v end
  o.unit = o.unit or src.unit
  local spec = src.spec
  if type(spec) == "table" and o.docs == nil and o.filter == nil then
    if spec.rowid and getmetatable(spec) then o.docs = { spec }
    elseif #spec > 0 or getmetatable(spec) then
      local docs = {}
      for i, x in ipairs(spec) do docs[i] = { rowid = type(x) == "table" and x.rowid or x } end
      o.docs = docs
    else o.filter = spec end
  end
  return o
end

--- row:kwic([opts]) -> the concordance of the row's term (its subcorpus,
--- its unit); opts as corpus:kwic's
function Row:kwic(opts)
  local src = row_src[self]
  A.opts("kwic", 1, opts, require("corpus.kwic").OPTS)
  return src.c:kwic(self.term, row_kwic_opts(src, opts))
end

--- row:documents() -> frame rowid, date, title, lines: the documents
--- holding the row's term, most lines first. Also row:docs() on the rows
--- that have no `docs` column (freq and ngrams rows keep docs, the count).
function Row:documents()
  return self:kwic():docs()
end
Row.docs = Row.documents

-- Every method checks its self (corpus.args).
A.methods(Row, function(x) return row_src[x] ~= nil end, "statistics row")

-- Give the records of a statistics frame their drill-down methods.
local function drill(c, rows, spec, opts)
  local src = { c = c, spec = spec, unit = opts and opts.unit }
  for _, r in ipairs(rows) do
    row_src[r] = src
    setmetatable(r, RowMT)
  end
  return rows
end
M.Row = Row

local function count_ngrams(c, spec, n, stop, top, min, words)
  return ccore.terms(c, source_sql(spec), n, stop, top, min, words)
end
M.count_ngrams = count_ngrams

---------------------------------------------------------------- kept counts

-- The word statistics the ingest keeps in the database (word_stats,
-- word_bigrams): used for the whole corpus when they are up to date and
-- were counted with the corpus's user lexicon. Otherwise the words are
-- counted in memory as before, and a note says so once per corpus.
local NOTES = {
  lexicon = "the user lexicon changed since the last ingest",
  stale = "the database does not keep them up to date",
}

-- nil when the kept counts can be used, else why not (a key of NOTES).
local function kept_why(c)
  local db = ccore.db(c)
  local m = Q.wordstats_meta(db)
  if not m or m.wordstats ~= "1" then return "stale" end
  if m.wordstats_user ~= Q.user_stamp(db) then return "lexicon" end
  return nil
end

-- Are the kept word counts usable for words counted with `words` over
-- subcorpus spec? Notes (stderr, once per corpus) when they are not.
local function use_kept(c, spec, words)
  if not words or spec ~= nil then return false end
  local why = kept_why(c)
  if not why then return true end
  local cache = ccore.cache(c)
  if not cache.kept_noted then
    cache.kept_noted = true
    io.stderr:write("tinsh: word statistics counted in memory: ", NOTES[why],
      " (`tinsh ingest --reparse` keeps them again)\n")
  end
  return false
end
M.use_kept = use_kept
M.kept_why = kept_why

-- The stopword set as a sorted list (SQL parameters).
local function stop_list(stop)
  local l = {}
  for w in pairs(stop) do l[#l + 1] = w end
  table.sort(l)
  return l
end

--- corpus:freq{n =, stop =, min =, top =, docs =, filter...} -> frame
function M.freq(c, opts)
  opts = stat_opts("freq", 1, opts)
  local n = math.tointeger(opts.n or 1)
  local stop = opts.stop ~= false and M.stopwords() or nil
  local spec = subcorpus_of(opts)
  local top, min, wa = math.tointeger(opts.top or 100), math.tointeger(opts.min or 1),
    words_arg(c, opts)
  local rows
  if (n == 1 or (n == 2 and stop)) and use_kept(c, spec, wa) then
    rows = Q.kept_freq(ccore.db(c), n, stop and stop_list(stop), top, min)
  else
    rows = count_ngrams(c, spec, n, stop, top, min, wa)
  end
  return frame.new(drill(c, rows, spec, opts), { "term", "count", "docs" })
end

--- corpus:ngrams(n [, opts]) -> corpus:freq{n = n, ...}
function M.ngrams(c, n, opts)
  if n ~= nil then int_arg("ngrams", 1, n, "n", 1, 8) end
  local o = {}
  for k, v in pairs(stat_opts("ngrams", 2, opts)) do o[k] = v end
  o.n = n or 2
  return M.freq(c, o)
end

---------------------------------------------------------------- scores

local function xlogx(o, e)
  if o <= 0 or e <= 0 then return 0 end
  return o * math.log(o / e)
end

-- Log-likelihood G2 of a 2x2 table [o11 o12; o21 o22].
local function g2(o11, o12, o21, o22)
  local n = o11 + o12 + o21 + o22
  if n <= 0 then return 0 end
  local r1, r2, c1, c2 = o11 + o12, o21 + o22, o11 + o21, o12 + o22
  return 2 * (xlogx(o11, r1 * c1 / n) + xlogx(o12, r1 * c2 / n)
    + xlogx(o21, r2 * c1 / n) + xlogx(o22, r2 * c2 / n))
end
M.g2 = g2

local function round(x, d)
  local m = 10 ^ (d or 3)
  return math.floor(x * m + 0.5) / m
end

-- Corpus-wide unigram counts and document frequencies (content blocks),
-- computed once per corpus and kept for the session.
-- Load the counts kept in the database when they are up to date.
local function load_globals(db, st)
  local rows = Q.load_terms(db, st)
  if not rows then return nil end
  local counts, dfs, total, ndocs = {}, {}, 0, 0
  for r in rows do
    if r[1] == "" then total, ndocs = r[2], r[3]
    else counts[r[1]], dfs[r[1]] = r[2], r[3] end
  end
  return { counts = counts, dfs = dfs, total = total, ndocs = ndocs }
end

-- Keep the counts in the database (tables corpus_terms, corpus_meta) when
-- it is writable; the row with term '' holds the totals.
local function save_globals(c, g, st)
  local w = ccore.wdb(c)
  if not w then return end
  Q.create_terms_tables(w)
  Q.begin(w)
  local ok, err = pcall(Q.save_terms, w, g, st)
  if ok then Q.commit(w) else Q.rollback(w) end
  Q.checkpoint(w) -- readers skip a backfilled WAL
  if not ok then io.stderr:write("tinsh: corpus: cannot keep term counts: ", tostring(err), "\n") end
end

-- Corpus-wide unigram counts and document frequencies (content blocks):
-- computed once, kept in the database (syllables) and in memory for the
-- session; word counts (words set) are kept in memory only, until the
-- user lexicon changes.
local function globals(c, words)
  local cache = ccore.cache(c)
  if words and not cache.uni_words and use_kept(c, nil, words) then
    local db, counts, dfs = ccore.db(c), {}, {}
    for r in Q.kept_words(db) do counts[r[1]], dfs[r[1]] = r[2], r[3] end
    local m = Q.wordstats_meta(db)
    cache.uni_words = { counts = counts, dfs = dfs, total = math.tointeger(tonumber(m.wordstats_tokens)) or 0,
      ndocs = math.tointeger(tonumber(m.wordstats_docs)) or 0 }
  end
  if words then
    if not cache.uni_words then
      local counts, dfs, total, ndocs = count_ngrams(c, nil, 1, nil, nil, nil, words)
      cache.uni_words = { counts = counts, dfs = dfs, total = total, ndocs = ndocs }
    end
    return cache.uni_words
  end
  if cache.uni then return cache.uni end
  local db = ccore.db(c)
  local st = Q.terms_stamp(db)
  local g = load_globals(db, st)
  if not g then
    local counts, dfs, total, ndocs = count_ngrams(c, nil, 1, nil)
    g = { counts = counts, dfs = dfs, total = total, ndocs = ndocs }
    save_globals(c, g, st)
  end
  cache.uni = g
  return g
end
M.globals = globals

---------------------------------------------------------------- collocations

-- Does token t match query token q (accent-smart: q without diacritics
-- matches any accented form)?
local function tok_match(t, q, plain)
  if t == q then return true end
  return plain and core.fold(t) == q
end

--- corpus:collocations(word [, opts]) -> frame term, together, term_total, ll, pmi
function M.collocations(c, word, opts)
  A.check("collocations", 1, word, "string", "word")
  opts = stat_opts("collocations", 2, opts)
  local window = math.tointeger(opts.window or 4)
  local stop = opts.stop ~= false and M.stopwords() or {}
  local wa = words_arg(c, opts)
  local node = S.tokens(word, false, wa)
  if #node == 0 then return frame.new({}, { "term", "together", "term_total", "ll", "pmi" }) end
  local plain = {}
  for i, q in ipairs(node) do plain[i] = core.fold(q) == q end
  local g = globals(c, wa)
  -- only documents containing the node (through the index)
  local m = require("corpus.kwic").phrase_match(word)
  local spec = subcorpus_of(opts)
  local co, slots, nodes = {}, 0, 0
  for r in ccore.blocks(c, source_sql(spec):match(m)) do
    -- only a block where the phrase occurs (S.find: accent-smart as the
    -- tokens are, syllables, so every word hit is one) can hold the node;
    -- the others of a matching document are not tokenized (three words on
    -- the 109 laws of vn-laws: 2.6 -> 1.6-2.2 s; a one-paragraph body, as
    -- in baomoi, gains nothing)
    local toks = S.find(r[4], word, 1)[1] and S.tokens(r[4], true, wa) or {}
    local nn = #node
    for i = 1, #toks - nn + 1 do
      local hit = true
      for j = 1, nn do
        local t = toks[i + j - 1]
        if t == "" or not tok_match(t, node[j], plain[j]) then hit = false; break end
      end
      if hit then
        nodes = nodes + 1
        -- left window, stopping at a break
        for k = i - 1, math.max(1, i - window), -1 do
          local t = toks[k]
          if t == "" then break end
          slots = slots + 1
          if not is_stop(t, stop) then co[t] = (co[t] or 0) + 1 end
        end
        for k = i + nn, math.min(#toks, i + nn - 1 + window) do
          local t = toks[k]
          if t == "" then break end
          slots = slots + 1
          if not is_stop(t, stop) then co[t] = (co[t] or 0) + 1 end
        end
      end
    end
  end
  local N = g.total
  local rows = {}
  local min = opts.min or 3
  for t, o11 in pairs(co) do
    local f = g.counts[t] or o11
    if o11 >= min then
      local o12 = slots - o11
      local o21 = math.max(f - o11, 0)
      local o22 = math.max(N - slots - o21, 0)
      local e11 = slots * f / N
      rows[#rows + 1] = { term = t, together = o11, term_total = f,
        ll = round(g2(o11, o12, o21, o22), 2),
        pmi = round(math.log(o11 / e11, 2), 3) }
    end
  end
  local by = opts.by or "ll"
  if not ({ ll = 1, pmi = 1, together = 1, term_total = 1 })[by] then
    A.argerror("collocations", 2, "by: 'll', 'pmi', 'together' or 'term_total' expected")
  end
  table.sort(rows, function(a, b)
    if a[by] ~= b[by] then return a[by] > b[by] end
    return a.term < b.term
  end)
  local out = {}
  for i = 1, math.min(opts.top or 30, #rows) do out[i] = rows[i] end
  return frame.new(drill(c, out, spec, opts), { "term", "together", "term_total", "ll", "pmi" })
end

---------------------------------------------------------------- keyness

-- The word counts of the rest of the corpus when subcorpus a has counts
-- ca of na tokens: the corpus-wide counts (globals: kept, else counted
-- once a session) less a's, the stopwords and numbers left out as
-- ccore.terms leaves them out of ca. Returns counts, tokens.
local function rest_counts(c, ca, na, stop, wa)
  local g, cb = globals(c, wa), {}
  for t, f in pairs(g.counts) do
    if not (stop and stop[t]) and t:find("[^0-9.,/-]") then
      local x = f - (ca[t] or 0)
      if x > 0 then cb[t] = x end
    end
  end
  return cb, math.max(g.total - na, 0)
end

--- corpus:keyness(a [, b [, opts]]) -> frame term, a, b, ll, log_ratio;
--- b nil: the rest of the corpus (its content blocks outside a's documents)
function M.keyness(c, a, b, opts)
  local rest = a ~= nil and b == nil and pcall(source_sql, a)
  if rest then
    b = Q.where():content():not_ids(Q.where_docs(ccore.db(c), source_sql(a)))
  end
  for i = 1, 2 do -- both subcorpora must be given and usable
    local spec = i == 1 and a or b
    if spec == nil or not pcall(source_sql, spec) then
      A.argerror("keyness", i, "document filter, result set or list of documents expected, got " ..
        A.typename(spec))
    end
  end
  A.opts("keyness", 3, opts, M.COUNT_OPTS) -- no subcorpus: a and b are
  opts = stat_opts("keyness", 3, opts)
  local n = math.tointeger(opts.n or 1)
  local stop = opts.stop ~= false and M.stopwords() or nil
  local wa = words_arg(c, opts)
  local ca, _, na = count_ngrams(c, a, n, stop, nil, nil, wa)
  local cb, _, nb
  if rest and n == 1 then
    cb, nb = rest_counts(c, ca, na, stop, wa)
  else
    cb, _, nb = count_ngrams(c, b, n, stop, nil, nil, wa)
  end
  if na == 0 or nb == 0 then
    return frame.new({}, { "term", "a", "b", "ll", "log_ratio" })
  end
  local rows, min = {}, opts.min or 3
  local terms = {}
  for t in pairs(ca) do terms[t] = true end
  for t in pairs(cb) do terms[t] = true end
  for t in pairs(terms) do
    local x, y = ca[t] or 0, cb[t] or 0
    if x + y >= min then
      local ll = g2(x, y, na - x, nb - y)
      local lr = math.log(((x + 0.5) / na) / ((y + 0.5) / nb), 2)
      rows[#rows + 1] = { term = t, a = x, b = y, ll = round(ll, 2), log_ratio = round(lr, 3),
        key = lr >= 0 and ll or -ll }
    end
  end
  table.sort(rows, function(p, q)
    if p.key ~= q.key then return p.key > q.key end
    return p.term < q.term
  end)
  local top = opts.top or 30
  local out = {}
  for i = 1, math.min(top, #rows) do rows[i].key = nil; out[i] = rows[i] end
  return frame.new(drill(c, out, nil, opts), { "term", "a", "b", "ll", "log_ratio" })
end

---------------------------------------------------------------- tf-idf similarity

-- The document d of fname's argument #1: a document, or a row id, hash or
-- path that corpus:get finds (else nil, msg); anything else raises.
local function doc_of(c, d, fname)
  if is_doc(d) then return d end
  if math.type(d) ~= "integer" and type(d) ~= "string" then
    A.argerror(fname, 1, "document, row id, hash or path expected, got " .. A.typename(d), 2)
  end
  return c:get(d)
end

-- Content text of a document (content blocks joined).
local function content_text(c, rowid)
  local parts = {}
  for r in ccore.blocks(c, Q.where():doc(rowid):content()) do
    parts[#parts + 1] = r[4]
  end
  return table.concat(parts, "\n")
end
M.content_text = content_text

-- tf-idf vector of a text: {term = weight}, norm
local function vector(text, g, stop, wa)
  local counts = {}
  S.count(text, counts, nil, wa)
  local v, norm = {}, 0
  for t, k in pairs(counts) do
    if not is_stop(t, stop) then
      local idf = math.log((g.ndocs + 1) / ((g.dfs[t] or 0) + 1)) + 1
      local w = (1 + math.log(k)) * idf
      v[t] = w
      norm = norm + w * w
    end
  end
  return v, math.sqrt(norm)
end

-- The unit options {unit = 'word' | 'syllable'} of fname's argument #argn
-- (tfidf, similar, duplicates): opts or nil.
local function unit_opts(fname, argn, opts)
  A.opts(fname, argn, opts, { unit = "string" })
  if opts and opts.unit ~= nil and opts.unit ~= "word" and opts.unit ~= "syllable" then
    A.argerror(fname, argn, "unit: 'word' or 'syllable' expected", 2)
  end
  return opts
end

--- corpus:tfidf(doc [, top [, {unit =}]]) -> frame term, count, weight |
--- nil, msg (no such document)
function M.tfidf(c, d, top, opts)
  if top ~= nil then top = int_arg("tfidf", 2, top, "top", 0) end
  local wa = words_arg(c, unit_opts("tfidf", 3, opts))
  local err
  d, err = doc_of(c, d, "tfidf")
  if not d then return nil, err end
  local g = globals(c, wa)
  local text = content_text(c, d.rowid)
  local counts = {}
  S.count(text, counts, nil, wa)
  local v = vector(text, g, M.stopwords(), wa)
  local rows = {}
  for t, w in pairs(v) do rows[#rows + 1] = { term = t, count = counts[t], weight = round(w, 3) } end
  table.sort(rows, function(a, b)
    if a.weight ~= b.weight then return a.weight > b.weight end
    return a.term < b.term
  end)
  local out = {}
  for i = 1, math.min(top or 20, #rows) do out[i] = rows[i] end
  return frame.new(drill(c, out, nil, opts), { "term", "count", "weight" })
end

M.SIMILAR_MAX = 10000 -- the most documents similar gives

--- corpus:similar(doc [, n [, {unit =}]]) -> frame rowid, similarity, date,
--- title | nil, msg (no such document)
function M.similar(c, d, n, opts)
  n = n == nil and 10 or int_arg("similar", 2, n, "n", 0, M.SIMILAR_MAX)
  local wa = words_arg(c, unit_opts("similar", 3, opts))
  local err
  d, err = doc_of(c, d, "similar")
  if not d then return nil, err end
  local g = globals(c, wa)
  local stop = M.stopwords()
  local v, norm = vector(content_text(c, d.rowid), g, stop, wa)
  -- candidates: documents sharing the most weighted terms (index lookup)
  local terms = {}
  for t, w in pairs(v) do terms[#terms + 1] = { t, w } end
  table.sort(terms, function(a, b) if a[2] ~= b[2] then return a[2] > b[2] end return a[1] < b[1] end)
  local q = {}
  for i = 1, math.min(12, #terms) do q[i] = '"' .. terms[i][1]:gsub('"', '""') .. '"' end
  local rows = {}
  if #q > 0 and norm > 0 then
    local hits = ccore.db(c):search(table.concat(q, " OR "),
      { raw = true, limit = math.max(100, 4 * n), snippet = 0 }) or {}
    for _, h in ipairs(hits) do
      if h.rowid ~= d.rowid then
        local u, unorm = vector(content_text(c, h.rowid), g, stop, wa)
        local dot = 0
        for t, w in pairs(v) do
          local x = u[t]
          if x then dot = dot + w * x end
        end
        if unorm > 0 then
          rows[#rows + 1] = { rowid = h.rowid, similarity = round(dot / (norm * unorm), 4),
            date = h.published and h.published:sub(1, 10) or nil, title = h.title }
        end
      end
    end
  end
  table.sort(rows, function(a, b)
    if a.similarity ~= b.similarity then return a.similarity > b.similarity end
    return a.rowid < b.rowid
  end)
  local out = {}
  for i = 1, math.min(n, #rows) do out[i] = rows[i] end
  return frame.new(out, { "rowid", "similarity", "date", "title" })
end

---------------------------------------------------------------- near-duplicates

local K, BANDS = 64, 16 -- 64 MinHash slots, 16 bands of 4 for LSH

-- How the signatures of unit are made: the format, the parser version
-- (blocks may change at a reparse) and, for words, the user lexicon.
local function minhash_stamp(c, unit)
  local db = ccore.db(c)
  local parts = { "minhash 2", "k " .. K, "parser " .. Q.parser_version(db) }
  if unit == "word" then parts[#parts + 1] = "user\n" .. Q.user_stamp(db) end
  return table.concat(parts, "\n")
end

-- Run db:duplicates with the signatures of unit kept in the database when
-- it can be written (those of new or changed documents computed and
-- saved, those of removed documents dropped, inside one transaction; all
-- of them emptied first when they were made another way), else computed
-- in memory for this call.
local function clusters(c, unit, threshold)
  local db = ccore.db(c)
  local stamp = minhash_stamp(c, unit)
  local kept = Q.minhash_stamp(db, unit) == stamp
  local spec = Q.minhash_spec(ccore.spans(c), unit, K, kept)
  spec.words, spec.k, spec.bands, spec.threshold = words_arg(c, { unit = unit }), K, BANDS, threshold
  -- every signature kept and valid: read only, no write handle
  local w = not (kept and not Q.any_unsigned(db, spec)) and ccore.wdb(c)
  if not w then spec.save = nil; return db:duplicates(spec) end
  spec.store = w
  Q.begin(w)
  local ok, rows = pcall(function()
    if kept then Q.prune_minhash(w, unit) else Q.reset_minhash(w, unit, stamp) end
    return db:duplicates(spec)
  end)
  if not ok then -- an error or Ctrl-C: leave the database as it was
    Q.rollback(w)
    error(rows, 0)
  end
  Q.commit(w)
  Q.checkpoint(w)
  return rows
end

--- corpus:duplicates([threshold [, {unit =}]]) -> frame cluster, rowid,
--- similarity, date, title: clusters of documents whose shingles of three
--- words (or syllables) have an estimated Jaccard similarity >= threshold
function M.duplicates(c, threshold, opts)
  threshold = threshold or 0.8
  if type(threshold) ~= "number" or not (threshold > 0 and threshold <= 1) then
    A.argerror("duplicates", 1, "threshold in (0, 1] expected, got " ..
      (type(threshold) == "number" and tostring(threshold) or A.typename(threshold)))
  end
  local unit = unit_opts("duplicates", 2, opts) and opts.unit or "word"
  local rows = clusters(c, unit, threshold)
  return frame.wrap(rows, { "cluster", "rowid", "similarity", "date", "title" })
end

return M
