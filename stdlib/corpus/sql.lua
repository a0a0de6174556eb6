-- corpus.sql — the one gateway between the stdlib and the corpus database.
--
-- Every SQL text the stdlib sends lives in this file, behind named
-- functions: document filters and lookups, blocks, result sets, term
-- counts, MinHash signatures, fact frames, report-script rows. The other
-- modules call these names with a database handle of tinsh.store (h) and
-- never write SQL themselves (tests/lua/test_requires.lua checks it);
-- `corpus:sql(...)` stays the user's own door. Functions that take a
-- `where` take a condition built here (Q.where()) or, for the internal
-- tests, a raw SQL condition string.
--
--   local Q = require("corpus.sql")
--   local w, params = Q.doc_filter{ year = 2024 }
--   for d in Q.docs(h, w, params) do ... end

local S = require("tinsh.store")
local A = require("corpus.args")
local names = require("corpus.names")

local Q = {}

---------------------------------------------------------------- small

-- the block kinds whose text is an article's content (statistics, diff)
Q.CONTENT = { "title", "lead", "heading", "paragraph", "question", "answer", "caption" }

-- the columns a document object starts with (the rest load on demand)
Q.DOC_COLS = "d.id AS rowid, d.title, d.published"

-- A quoted SQL string literal of s.
local function lit(s) return "'" .. tostring(s):gsub("'", "''") .. "'" end

--- Q.has_table(h, name) -> does the database hold a table or view name?
function Q.has_table(h, name)
  return h:all("SELECT count(*) AS n FROM sqlite_schema WHERE name = ?", { name })[1].n > 0
end

--- Q.has_block_rows(h) -> are blocks kept in the block_rows table?
function Q.has_block_rows(h)
  return h:all("SELECT count(*) AS n FROM sqlite_schema WHERE " ..
    "name = 'block_rows' AND type = 'table'")[1].n > 0
end

--- Transactions and checkpoints on a write handle w.
function Q.begin(w) w:exec("BEGIN IMMEDIATE") end
function Q.commit(w) w:exec("COMMIT") end
function Q.rollback(w) return pcall(w.exec, w, "ROLLBACK") end
--- Q.in_tx(w, fn, ...) -> true | false, err: fn(...) in one write
--- transaction, rolled back when it raises
function Q.in_tx(w, fn, ...)
  Q.begin(w)
  local ok, e = pcall(fn, ...)
  if not ok then
    Q.rollback(w)
    return false, e
  end
  Q.commit(w)
  return true
end
function Q.checkpoint(w) return pcall(w.exec, w, "PRAGMA wal_checkpoint(PASSIVE)") end

--- Q.create_corpus_tables(w): the stdlib's own tables (result sets,
--- MinHash signatures), created on the first write.
function Q.create_corpus_tables(w)
  w:exec([[
    CREATE TABLE IF NOT EXISTS corpus_sets(name TEXT PRIMARY KEY,
      query TEXT, created TEXT NOT NULL, n INTEGER NOT NULL);
    CREATE TABLE IF NOT EXISTS corpus_set_hits(name TEXT NOT NULL,
      rank INTEGER NOT NULL, doc INTEGER NOT NULL, score REAL, snippet TEXT,
      PRIMARY KEY(name, rank));
    CREATE TABLE IF NOT EXISTS corpus_minhash(doc INTEGER PRIMARY KEY,
      hash TEXT NOT NULL, sig BLOB NOT NULL);
    CREATE TABLE IF NOT EXISTS corpus_minhash_syl(doc INTEGER PRIMARY KEY,
      hash TEXT NOT NULL, sig BLOB NOT NULL);
    CREATE TABLE IF NOT EXISTS corpus_meta(key TEXT PRIMARY KEY, value TEXT);

    CREATE TABLE IF NOT EXISTS corpus_set_matches(name TEXT NOT NULL,
      i INTEGER NOT NULL, doc INTEGER NOT NULL, seq INTEGER NOT NULL,
      kind TEXT, s INTEGER NOT NULL, e INTEGER NOT NULL, text TEXT, data TEXT,
      PRIMARY KEY(name, i));]])
end

---------------------------------------------------------------- document filters

local function add(where, params, cond, value)
  where[#where + 1] = cond
  if value ~= nil then params[#params + 1] = value end
end

local like = A.like -- literal substring: % _ \ escaped, with ESCAPE '\'

-- the filter fields and the kind of value each takes (corpus.args)
Q.FILTER = { year = "text", from = "text", to = "text", site = "text",
  author = "text", title = "text", place = "text", person = "text",
  text = "string", ids = "table", where = "string", params = "table",
  limit = "count", set = "any" }

-- The conditions of the date and field filters.
local function filter_fields(filter, where, params)
  if filter.year then add(where, params, "substr(d.published, 1, 4) = ?", tostring(filter.year)) end
  if filter.from then add(where, params, "d.published >= ?", tostring(filter.from)) end
  if filter.to then
    local to = tostring(filter.to)
    add(where, params, "substr(d.published, 1, " .. #to .. ") <= ?", to)
  end
  if filter.site then add(where, params, "d.site LIKE ? ESCAPE '\\'", like(filter.site)) end
  if filter.author then add(where, params, "d.author LIKE ? ESCAPE '\\'", like(filter.author)) end
  if filter.title then add(where, params, "d.title LIKE ? ESCAPE '\\'", like(filter.title)) end
  if filter.place then -- "TP.HCM" is the place "Hồ Chí Minh" (corpus.names)
    add(where, params, "d.id IN (SELECT doc FROM places WHERE name LIKE ? ESCAPE '\\')",
      like(names.place(filter.place)))
  end
  if filter.person then
    add(where, params, "d.id IN (SELECT doc FROM people WHERE name LIKE ? ESCAPE '\\')",
      like(names.person(filter.person)))
  end
end

-- The conditions of the text, ids and where filters.
local function filter_rest(filter, where, params, fname, argn)
  if filter.text then
    local m = S.plain_query(filter.text)
    if m then
      add(where, params, "d.id IN (SELECT rowid FROM fts WHERE fts MATCH ?)", m)
    else
      where[#where + 1] = "0"
    end
  end
  if filter.ids then
    local ids = {}
    for i, id in ipairs(filter.ids) do
      ids[i] = tostring(A.int(fname, argn, id, "ids[" .. i .. "]"))
    end
    where[#where + 1] = "d.id IN (" .. (#ids > 0 and table.concat(ids, ",") or "NULL") .. ")"
  end
  if filter.where then
    where[#where + 1] = "(" .. filter.where .. ")"
    for _, v in ipairs(filter.params or {}) do params[#params + 1] = v end
  end
end

-- Q.doc_filter(filter [, fname, argn]) -> " WHERE ..." (or "") and params
-- for a document filter table on documents d:
--   year, from, to          publication date ("2024", "2024-03", "2024-03-04")
--   site, author, title     substring of the field
--   place, person           the document mentions a place / person (substring)
--   text                    full-text query (accent-smart, like search)
--   ids                     list of row ids
--   where                   extra SQL condition on documents d (with ? params
--                           from filter.params)
-- fname and argn name the public method and argument for errors
-- (default: 'filter', #1).
function Q.doc_filter(filter, fname, argn)
  local where, params = {}, {}
  if filter == nil then return "", params end
  fname, argn = fname or "filter", argn or 1
  A.opts(fname, argn, filter, Q.FILTER)
  filter_fields(filter, where, params)
  filter_rest(filter, where, params, fname, argn)
  if #where == 0 then return "", params end
  return " WHERE " .. table.concat(where, " AND "), params
end

-- " LIMIT n" for a filter's limit, or "".
local function limit_of(filter)
  if filter and filter.limit then return " LIMIT " .. math.tointeger(filter.limit) end
  return ""
end

---------------------------------------------------------------- documents

--- Q.docs(h, filter, fname, meta) -> iterator over the document rows of a
--- filter (DOC_COLS, in row id order; to-be-closed)
function Q.docs(h, filter, fname, meta)
  local w, params = Q.doc_filter(filter, fname)
  local sql = "SELECT " .. Q.DOC_COLS .. " FROM documents d" .. w .. " ORDER BY d.id" ..
    limit_of(filter)
  return h:rows(sql, params, { meta = meta })
end

--- Q.list(h, filter) -> rows rowid, date, title, author, site, path
function Q.list(h, filter)
  local w, params = Q.doc_filter(filter, "list")
  local sql = "SELECT d.id AS rowid, substr(d.published, 1, 10) AS date, d.title, " ..
    "d.author, d.site, d.path FROM documents d" .. w .. " ORDER BY d.id" .. limit_of(filter)
  return h:all(sql, params)
end

--- Q.count(h, filter) -> number of documents matching
function Q.count(h, filter)
  local w, params = Q.doc_filter(filter, "count")
  return h:all("SELECT count(*) AS n FROM documents d" .. w, params)[1].n
end

--- Q.doc_ids(h, filter [, fname, argn]) -> iterator of rows {id =} of the
--- documents matching, in row id order
function Q.doc_ids(h, filter, fname, argn)
  local w, params = Q.doc_filter(filter, fname, argn)
  return h:rows("SELECT d.id AS id FROM documents d" .. w .. " ORDER BY d.id", params)
end

local BY = { rowid = "d.id = ?", hash = "d.doc_id = ?", path = "d.path = ?" }

--- Q.doc_by(h, field, value, meta) -> the document row whose field
--- ("rowid", "hash" or "path") is value, or nil
function Q.doc_by(h, field, value, meta)
  local sql = "SELECT " .. Q.DOC_COLS .. " FROM documents d WHERE " .. BY[field] .. " LIMIT 1"
  return h:all(sql, { value }, { meta = meta })[1]
end

--- Q.docs_by_suffix(h, key, meta) -> up to two document rows whose path
--- ends in "/key..." (a path suffix or a file name prefix)
function Q.docs_by_suffix(h, key, meta)
  -- no path is that long; SQLite would refuse the pattern (50,000 bytes)
  if #key > 4096 then return {} end
  return h:all("SELECT " .. Q.DOC_COLS .. " FROM documents d WHERE d.path LIKE ? " ..
    "ESCAPE '\\' ORDER BY d.id LIMIT 2",
    { "%/" .. key:gsub("[%%_\\]", "\\%0") .. "%" }, { meta = meta })
end

--- Q.docs_in_order(h, ids, meta) -> iterator over the documents of a list
--- of row ids, in list order
function Q.docs_in_order(h, ids, meta)
  local s = {}
  for i, id in ipairs(ids) do s[i] = tostring(id) end
  return h:rows("SELECT " .. Q.DOC_COLS .. " FROM json_each(?) j " ..
    "JOIN documents d ON d.id = j.value ORDER BY j.key",
    { "[" .. table.concat(s, ",") .. "]" }, { meta = meta })
end

--- Q.fts_texts(h, ids) -> { [rowid] = { [0] = title, lead, body, captions,
--- answers } }: the indexed texts of the documents (FTS column order, the
--- columns tinsh_offsets counts from 0)
function Q.fts_texts(h, ids)
  local s, out = {}, {}
  for i, id in ipairs(ids) do s[i] = tostring(id) end
  local rows = h:all("SELECT c.id, c.title, c.lead, c.body, c.captions, c.answers " ..
    "FROM json_each(?) j JOIN fts_content c ON c.id = j.value",
    { "[" .. table.concat(s, ",") .. "]" })
  for _, r in ipairs(rows) do
    out[r.id] = { [0] = r.title, r.lead, r.body, r.captions, r.answers }
  end
  return out
end

--- Q.doc_meta(h, rowid) -> {id, path, author, site, url, size} or nil
function Q.doc_meta(h, rowid)
  return h:all("SELECT doc_id AS id, path, author, site, url, size " ..
    "FROM documents WHERE id = ?", { rowid })[1]
end

--- Q.doc_text(h, rowid) -> the document's text or nil
function Q.doc_text(h, rowid)
  local r = h:all("SELECT text FROM documents WHERE id = ?", { rowid })[1]
  return r and r.text
end

--- Q.doc_title_date(h, rowid) -> {title, date} (date YYYY-MM-DD) or nil
function Q.doc_title_date(h, rowid)
  return h:all("SELECT title, substr(published, 1, 10) AS date FROM documents WHERE id = ?",
    { rowid })[1]
end

---------------------------------------------------------------- block conditions

-- A condition on blocks b (joined with documents d): Q.where() then
-- :kinds(list), :content(), :doc(id), :ids(list), :match(fts), :filter(f).
local Where = {}
local WhereMT = { __index = Where, __name = "corpus.sql.where" }

function Q.where() return setmetatable({ parts = {}, params = {}, uses_d = false }, WhereMT) end

local function cond(self, sql, ...)
  self.parts[#self.parts + 1] = sql
  for _, v in ipairs({ ... }) do self.params[#self.params + 1] = v end
  return self
end

--- w:kinds(list): the block kind is one of list (names quoted here)
function Where:kinds(list)
  local q = {}
  for i, k in ipairs(list) do q[i] = lit(k) end
  return cond(self, "b.kind IN (" .. table.concat(q, ",") .. ")")
end

--- w:content(): a content block (Q.CONTENT)
function Where:content() return self:kinds(Q.CONTENT) end

--- w:doc(rowid): a block of one document
function Where:doc(id) return cond(self, "b.doc = ?", id) end

--- w:ids(list of row ids): a block of one of these documents
function Where:ids(ids)
  local s = {}
  for i, id in ipairs(ids) do s[i] = tostring(id) end
  return cond(self, "b.doc IN (SELECT value FROM json_each(?))", "[" .. table.concat(s, ",") .. "]")
end

--- w:not_ids(list of row ids): a block of none of these documents
function Where:not_ids(ids)
  local s = {}
  for i, id in ipairs(ids) do s[i] = tostring(id) end
  return cond(self, "b.doc NOT IN (SELECT value FROM json_each(?))",
    "[" .. table.concat(s, ",") .. "]")
end

--- Q.is_where(x) -> is x a condition of Q.where()?
function Q.is_where(x) return getmetatable(x) == WhereMT end

--- w:match(m): a block of a document the FTS5 expression m matches
function Where:match(m) return cond(self, "b.doc IN (SELECT rowid FROM fts WHERE fts MATCH ?)", m) end

--- w:filter(filter, fname, argn): a block of a document the filter keeps
function Where:filter(filter, fname, argn)
  local w, params = Q.doc_filter(filter, fname, argn)
  if w == "" then return self end
  self.uses_d = true
  return cond(self, (w:gsub("^ WHERE ", "")), table.unpack(params))
end

-- The SQL text and params of a condition (a Where or a raw string).
local function where_sql(w, params)
  if type(w) == "string" then return w, params or {}, true end
  if #w.parts == 0 then return "1", w.params, w.uses_d end
  return table.concat(w.parts, " AND "), w.params, w.uses_d
end

--- Q.where_docs(h, w) -> the row ids of the documents with a block where w
--- holds, ascending
function Q.where_docs(h, w)
  local sqlw, params = where_sql(w)
  local ids = {}
  for r in h:rows("SELECT DISTINCT b.doc AS doc FROM blocks b JOIN documents d ON d.id = b.doc" ..
      " WHERE " .. sqlw .. " ORDER BY b.doc", params) do
    ids[#ids + 1] = r.doc
  end
  return ids
end

---------------------------------------------------------------- blocks

--- Q.blocks_sql(spans, where [, params [, titles]]) -> sql, params: the
--- statement of Q.blocks (its rows, a NULL text where spans, for db:kwic)
function Q.blocks_sql(spans, where, params, titles)
  local sqlw
  sqlw, params = where_sql(where, params)
  return "SELECT b.doc, b.seq, b.kind, b.text, b.off, b.len" ..
    (titles and ", d.title, d.published" or "") .. " FROM " ..
    (spans and "block_rows" or "blocks") ..
    " b JOIN documents d ON d.id = b.doc WHERE " .. sqlw .. " ORDER BY b.doc, b.seq", params
end

--- Q.blocks(h, spans, where [, params [, titles]]) -> iterator over rows
--- {doc, seq, kind, text, off, len [, title, published]} of the blocks b
--- (joined with documents d) where `where` holds, in document order;
--- to-be-closed. With spans (block_rows with a NULL text where a block is
--- exactly its span of documents.text) each document's text is read once
--- and sliced, instead of the blocks view that copies it for every block.
function Q.blocks(h, spans, where, params, titles)
  local sql
  sql, params = Q.blocks_sql(spans, where, params, titles)
  local it, _, _, closer = h:rows(sql, params, { array = true })
  if not spans then return it, nil, nil, closer end
  local cur, text
  return function()
    local r = it()
    if r and r[4] == nil then
      if r[1] ~= cur then
        cur = r[1]
        text = Q.doc_text(h, cur) or ""
      end
      -- the span [off, off + len) of the text; a damaged one (not integers,
      -- negative, past the end: a corrupted database) gives an empty text
      local off, len = r[5], r[6]
      if math.type(off) == "integer" and math.type(len) == "integer" and off >= 0
          and len >= 0 and off <= #text - len then
        r[4] = text:sub(off + 1, off + len)
      else
        r[4] = ""
      end
    end
    return r
  end, nil, nil, closer
end

--- Q.terms(h, spans, where, n, stop, top, min) -> db:terms over the
--- content blocks where `where` holds (rows (doc, text, off, len): a NULL
--- text is the span of the document text, read once per document)
function Q.terms(h, spans, where, n, stop, top, min, words)
  local sqlw, params, uses_d = where_sql(where)
  local sql = "SELECT b.doc, b.text, b.off, b.len FROM " .. (spans and "block_rows" or "blocks") ..
    " b" .. (uses_d and " JOIN documents d ON d.id = b.doc" or "") ..
    " WHERE " .. sqlw .. " ORDER BY b.doc, b.seq"
  return h:terms(sql, params, n, stop, top, min, words)
end

---------------------------------------------------------------- result sets

--- Q.save_set(w, name, query, hits): store a result set (inside the
--- caller's transaction)
function Q.save_set(w, name, query, hits)
  w:exec("DELETE FROM corpus_set_hits WHERE name = ?", { name })
  w:exec("INSERT OR REPLACE INTO corpus_sets(name, query, created, n) " ..
    "VALUES(?, ?, strftime('%Y-%m-%dT%H:%M:%S', 'now'), ?)", { name, query, #hits })
  for i, h in ipairs(hits) do
    w:exec("INSERT INTO corpus_set_hits(name, rank, doc, score, snippet) VALUES(?,?,?,?,?)",
      { name, i, h.rowid, h.score, h.snippet })
  end
end

--- Q.set_query(h, name) -> the query of a saved set, or nil (no set)
function Q.set_query(h, name)
  if not Q.has_table(h, "corpus_sets") then return nil end
  local r = h:all("SELECT query FROM corpus_sets WHERE name = ?", { name })[1]
  return r and { query = r.query }
end

--- Q.set_hits(h, name) -> rows rank, rowid, id, path, title, published,
--- score, snippet of a saved set, in rank order
function Q.set_hits(h, name)
  return h:all("SELECT h.rank, h.doc AS rowid, d.doc_id AS id, d.path, d.title, " ..
    "d.published, h.score, h.snippet FROM corpus_set_hits h JOIN documents d ON d.id = h.doc " ..
    "WHERE h.name = ? ORDER BY h.rank", { name })
end

--- Q.sets(h) -> rows name, query, n, created of the saved sets (or {})
function Q.sets(h)
  if not Q.has_table(h, "corpus_sets") then return {} end
  return h:all("SELECT name, query, n, created FROM corpus_sets ORDER BY name")
end

--- Q.drop_set(w, name) -> number of sets deleted
function Q.drop_set(w, name)
  local n = w:exec("DELETE FROM corpus_sets WHERE name = ?", { name })
  w:exec("DELETE FROM corpus_set_hits WHERE name = ?", { name })
  w:exec("DELETE FROM corpus_set_matches WHERE name = ?", { name })
  return n
end

---------------------------------------------------------------- term counts

--- Q.terms_stamp(h) -> what the corpus-wide counts depend on (documents
--- and ingest runs), as a string
function Q.terms_stamp(h)
  return h:all("SELECT count(*) || ':' || coalesce(max(id), 0) || ':' || " ..
    "coalesce((SELECT max(id) FROM ingest_log), 0) AS s FROM documents")[1].s
end

--- Q.load_terms(h, stamp) -> iterator of array rows {term, cnt, df} of the
--- kept counts when they are up to date (the row with term '' holds the
--- totals), else nil
function Q.load_terms(h, stamp)
  if not Q.has_table(h, "corpus_terms") then return nil end
  local meta = h:all("SELECT value FROM corpus_meta WHERE key = 'terms'")[1]
  if not meta or meta.value ~= stamp then return nil end
  return h:rows("SELECT term, cnt, df FROM corpus_terms", nil, { array = true })
end

---------------------------------------------------------------- user lexicon

-- corpus_words(word, action): the words a user taught (action 'add') or
-- took out (action 'remove'), the word its lexicon key (folded syllables
-- joined by one space). Read by the statistics (corpus:words) and meant
-- for the ingest (`tinsh ingest --reparse` may read it with Q.USER_WORDS).
Q.USER_WORDS = "SELECT word, action FROM corpus_words ORDER BY word"

--- Q.user_words(h) -> list {word, action} of the user lexicon ({} when none)
function Q.user_words(h)
  if not Q.has_table(h, "corpus_words") then return {} end
  return h:all(Q.USER_WORDS)
end

--- Q.create_words_table(w): table corpus_words
function Q.create_words_table(w)
  w:exec("CREATE TABLE IF NOT EXISTS corpus_words(word TEXT PRIMARY KEY," ..
    " action TEXT NOT NULL CHECK (action IN ('add', 'remove'))) WITHOUT ROWID")
end

--- Q.save_user_word(w, word, action): add or replace one entry
function Q.save_user_word(w, word, action)
  w:exec("INSERT OR REPLACE INTO corpus_words(word, action) VALUES(?, ?)", { word, action })
end

--- Q.create_terms_tables(w): tables corpus_meta and corpus_terms
function Q.create_terms_tables(w)
  w:exec("CREATE TABLE IF NOT EXISTS corpus_meta(key TEXT PRIMARY KEY, value TEXT);" ..
    "CREATE TABLE IF NOT EXISTS corpus_terms(term TEXT PRIMARY KEY, cnt INTEGER NOT NULL," ..
    " df INTEGER NOT NULL) WITHOUT ROWID")
end

--- Q.save_terms(w, g, stamp): replace the kept counts (inside the
--- caller's transaction); g = {counts, dfs, total, ndocs}
function Q.save_terms(w, g, stamp)
  w:exec("DELETE FROM corpus_terms")
  w:exec("INSERT INTO corpus_terms VALUES('', ?, ?)", { g.total, g.ndocs })
  for t, n in pairs(g.counts) do
    w:exec("INSERT INTO corpus_terms VALUES(?, ?, ?)", { t, n, g.dfs[t] })
  end
  w:exec("INSERT OR REPLACE INTO corpus_meta VALUES('terms', ?)", { stamp })
end

---------------------------------------------------------------- word statistics

-- word_stats(word, display, plain, count, docs) and word_bigrams(w1, w2,
-- count, docs), kept by the ingest (shell/store_wordstats.h), with meta
-- keys wordstats ('1' when up to date), wordstats_user (the user lexicon
-- they were counted with: Q.user_stamp's text), wordstats_tokens and
-- wordstats_docs.
--- Q.user_stamp(h) -> the user lexicon as one text ('' when none): a line
--- "+word" or "-word" per entry in word order, the form the C side keeps
--- (store_words_text: meta fts_lexicon and wordstats_user)
function Q.user_stamp(h)
  local lines = {}
  for i, r in ipairs(Q.user_words(h)) do
    lines[i] = (r.action == "add" and "+" or "-") .. r.word .. "\n"
  end
  return table.concat(lines)
end

--- Q.doc_words(h) -> { [document rowid] = words } from doc_words (the
--- words the ingest counted in each document) and its number of rows; nil
--- when the database has no such table (before schema 9)
function Q.doc_words(h)
  if not Q.has_table(h, "doc_words") then return nil end
  local n, rows = {}, 0
  for r in h:rows("SELECT doc, words FROM doc_words") do
    n[r.doc] = r.words
    rows = rows + 1
  end
  return n, rows
end

--- Q.wordstats_meta(h) -> {wordstats =, wordstats_user =, ...} of the
--- kept word statistics, or nil when the database has none
function Q.wordstats_meta(h)
  if not Q.has_table(h, "word_stats") then return nil end
  local m = {}
  for _, r in ipairs(h:all("SELECT key, value FROM meta WHERE key LIKE 'wordstats%'")) do
    m[r.key] = r.value
  end
  return m
end

-- "?, ?, ..." for n values (n >= 1: a NULL that never matches for 0)
local function marks(n)
  if n == 0 then return "NULL" end
  return ("?, "):rep(n - 1) .. "?"
end

--- Q.kept_freq(h, n, stop, top, min) -> rows {term, count, docs} of the
--- kept words (n = 1) or pairs (n = 2), most frequent first, then by
--- term; stop (a list, or nil for none) drops words that are stopwords or
--- numbers, and pairs that begin or end with one
function Q.kept_freq(h, n, stop, top, min)
  local params, where = {}, {}
  if stop then
    for i, w in ipairs(stop) do params[i] = w end
  end
  local k = #params
  local cols = n == 1 and { "word" } or { "w1", "w2" }
  if stop then
    for _, col in ipairs(cols) do
      where[#where + 1] = col .. " NOT IN (" .. marks(k) .. ") AND " .. col ..
        " GLOB '*[^0-9.,/-]*'"
      if col == "w2" then for i = 1, k do params[#params + 1] = stop[i] end end
    end
  end
  params[#params + 1] = min
  params[#params + 1] = top
  where[#where + 1] = "count >= ?"
  local term = n == 1 and "word" or "w1 || ' ' || w2"
  return h:all("SELECT " .. term .. " AS term, count, docs FROM " ..
    (n == 1 and "word_stats" or "word_bigrams") .. " WHERE " ..
    table.concat(where, " AND ") .. " ORDER BY count DESC, term LIMIT ?", params)
end

--- Q.kept_words(h) -> iterator of array rows {word, count, docs}
function Q.kept_words(h)
  return h:rows("SELECT word, count, docs FROM word_stats", nil, { array = true })
end

---------------------------------------------------------------- signatures

-- The kept MinHash signatures, one table per unit: corpus_minhash (words)
-- and corpus_minhash_syl (syllables), rows (doc, hash, sig): hash is the
-- document's hash when it was signed, sig its slots (an empty blob: the
-- document has no shingle). corpus_meta's value 'minhash' (or
-- 'minhash_syl') says how they were made; another value empties the table.
Q.MINHASH = { word = "corpus_minhash", syllable = "corpus_minhash_syl" }

--- Q.minhash_stamp(h, unit) -> how the kept signatures of unit were made
--- (nil when none are kept)
function Q.minhash_stamp(h, unit)
  if not (Q.has_table(h, "corpus_meta") and Q.has_table(h, Q.MINHASH[unit])) then return nil end
  local key = unit == "word" and "minhash" or "minhash_syl"
  local r = h:all("SELECT value FROM corpus_meta WHERE key = ?", { key })[1]
  return r and r.value
end

--- Q.reset_minhash(w, unit, stamp): empty the signatures of unit and say
--- how the next ones are made (inside the caller's transaction); makes
--- corpus_meta when a database lacks it (older ones, or one a script
--- dropped it from)
function Q.reset_minhash(w, unit, stamp)
  w:exec("CREATE TABLE IF NOT EXISTS corpus_meta(key TEXT PRIMARY KEY, value TEXT)")
  w:exec("DELETE FROM " .. Q.MINHASH[unit])
  w:exec("INSERT OR REPLACE INTO corpus_meta VALUES(?, ?)",
    { unit == "word" and "minhash" or "minhash_syl", stamp })
end

--- Q.prune_minhash(w, unit): drop the kept signatures of documents that
--- are gone (inside the caller's transaction)
function Q.prune_minhash(w, unit)
  w:exec("DELETE FROM " .. Q.MINHASH[unit] .. " WHERE doc NOT IN (SELECT id FROM documents)")
end

--- Q.parser_version(h) -> the parser version the store records (or "")
function Q.parser_version(h)
  local r = h:all("SELECT value FROM meta WHERE key = 'parser_version'")[1]
  return r and tostring(r.value) or ""
end

--- Q.minhash_spec(spans, unit, k, kept) -> the SQL of db:duplicates: the
--- content blocks of the documents to sign (with kept: those without a
--- valid kept signature, else all), the kept valid signatures (k slots),
--- a document's text, title and date, and the statement that saves one.
function Q.minhash_spec(spans, unit, k, kept)
  local t = Q.MINHASH[unit]
  local content = Q.where():content()
  local sqlw = table.concat(content.parts, " AND ")
  local stale = "SELECT b.doc, d.hash, b.text, " .. (spans and "b.off, b.len" or "0, 0") ..
    " FROM " .. (spans and "block_rows" or "blocks") .. " b JOIN documents d ON d.id = b.doc WHERE " ..
    sqlw
  -- a kept signature is valid when its hash is the document's and its
  -- size in bytes (a text value counts its bytes too) is that of k
  -- 16-bit slots (or 0: no shingle)
  local valid = "m.hash = d.hash AND length(CAST(m.sig AS BLOB)) IN (0, " .. 2 * k .. ")"
  local unsigned = "SELECT d.id FROM documents d WHERE NOT EXISTS " ..
    "(SELECT 1 FROM " .. t .. " m WHERE m.doc = d.id AND " .. valid .. ")"
  if kept then stale = stale .. " AND b.doc IN (" .. unsigned .. ")" end
  return {
    stale = stale .. " ORDER BY b.doc, b.seq",
    text = "SELECT text FROM documents WHERE id = ?1",
    -- (documents d found through its hash index: no read of their rows)
    kept = kept and ("SELECT m.doc, m.sig FROM " .. t .. " m WHERE length(CAST(m.sig AS BLOB)) = " .. 2 * k ..
      " AND m.doc IN (SELECT d.id FROM documents d WHERE d.hash = m.hash)") or nil,
    info = "SELECT title, substr(published, 1, 10) FROM documents WHERE id = ?1",
    save = "INSERT OR REPLACE INTO " .. t .. "(doc, hash, sig) VALUES(?1, ?2, ?3)",
    unsigned = unsigned .. " LIMIT 1",
  }
end

--- Q.any_unsigned(h, spec) -> has some document no valid kept signature
--- (spec from Q.minhash_spec with kept)?
function Q.any_unsigned(h, spec)
  return #h:all(spec.unsigned) > 0
end

---------------------------------------------------------------- facts

-- A quoted SQL identifier (fact column names come from the schema).
local function ident(s) return '"' .. tostring(s):gsub('"', '""') .. '"' end

-- The SQL of one fact condition and its params appended to params:
--   {"has", {col, ...}, folded}  some column's folded text holds folded
--   {"eq", col, value}           the column equals value
--   {"holds", col, s}            the column's text holds s (exact bytes)
local function fact_cond(c, params)
  local op, cols, v = c[1], c[2], c[3]
  if op == "has" then
    local any = {}
    for i, col in ipairs(cols) do
      any[i] = "instr(tinsh_fold(f." .. ident(col) .. "), ?) > 0"
      params[#params + 1] = v
    end
    return "(" .. table.concat(any, " OR ") .. ")"
  end
  params[#params + 1] = v
  if op == "eq" then return "f." .. ident(cols) .. " = ?" end
  return "instr(f." .. ident(cols) .. ", ?) > 0"
end

--- Q.facts(h, spec) -> iterator over rows (to-be-closed) of one fact
--- table f joined with its documents d, in document and fact order:
--- rowid (the document), date (YYYY-MM-DD), seq when spec.seq, then each
--- column of spec.cols ({name = SQL column, as = row key}). spec.table:
--- the fact table; spec.docs: a document filter; spec.conds: fact
--- conditions (see fact_cond), all of which must hold; spec.fname: the
--- method named in the filter's errors.
function Q.facts(h, spec)
  local w, params = Q.doc_filter(spec.docs, spec.fname)
  local conds = {}
  for i, c in ipairs(spec.conds or {}) do conds[i] = fact_cond(c, params) end
  if #conds > 0 then
    w = (w == "" and " WHERE " or w .. " AND ") .. table.concat(conds, " AND ")
  end
  local sel = { "f.doc AS rowid", "substr(d.published, 1, 10) AS date" }
  if spec.seq then sel[#sel + 1] = "f.seq AS seq" end
  for _, c in ipairs(spec.cols) do sel[#sel + 1] = "f." .. ident(c.name) .. " AS " .. ident(c.as) end
  local sql = "SELECT " .. table.concat(sel, ", ") .. " FROM " .. ident(spec.table) ..
    " f JOIN documents d ON d.id = f.doc" .. w .. " ORDER BY f.doc, f.seq"
  return h:rows(sql, params)
end

--- Q.fact_values(h, table, cols, keys) -> iterator over array rows {doc,
--- seq, values of cols...} of the facts whose (doc, seq) keys are listed
--- (keys: a JSON array of [doc, seq] pairs); cols are SQL column names
function Q.fact_values(h, tbl, cols, keys)
  local sel = {}
  for i, c in ipairs(cols) do sel[i] = "f." .. ident(c) end
  return h:rows("SELECT f.doc, f.seq, " .. table.concat(sel, ", ") .. " FROM json_each(?) j " ..
    "JOIN " .. ident(tbl) .. " f ON f.doc = json_extract(j.value, '$[0]') " ..
    "AND f.seq = json_extract(j.value, '$[1]')", { keys }, { array = true })
end

---------------------------------------------------------------- match sets

-- A JSON array of row ids (bound to json_each).
local function id_array(ids)
  local s = {}
  for i, id in ipairs(ids) do s[i] = tostring(math.tointeger(id)) end
  return "[" .. table.concat(s, ",") .. "]"
end

--- Q.save_matches(w, name, pattern, rows): store a match set (inside the
--- caller's transaction): its pattern in corpus_sets (n = matches), its
--- matches in corpus_set_matches from i = 1 after a header row i = 0
--- (doc 0) that marks the name as a match set even when it is empty; data
--- is each row's tokens and parts as JSON (row.data)
function Q.save_matches(w, name, pattern, rows)
  Q.save_set(w, name, pattern, {})
  w:exec("UPDATE corpus_sets SET n = ? WHERE name = ?", { #rows, name })
  w:exec("DELETE FROM corpus_set_matches WHERE name = ?", { name })
  local ins = "INSERT INTO corpus_set_matches(name, i, doc, seq, kind, s, e, text, data) " ..
    "VALUES(?,?,?,?,?,?,?,?,?)"
  w:exec(ins, { name, 0, 0, 0, nil, 0, 0, nil, nil })
  for i, r in ipairs(rows) do
    w:exec(ins, { name, i, r.rowid, r.seq, r.kind, r.s, r.e, r.text, r.data })
  end
end

--- Q.set_matches(h, name) -> rows rowid, seq, kind, s, e, text, data of a
--- saved match set in their order, or nil when name is no match set
function Q.set_matches(h, name)
  if not Q.has_table(h, "corpus_set_matches") then return nil end
  local rows = h:all("SELECT i, doc AS rowid, seq, kind, s, e, text, data " ..
    "FROM corpus_set_matches WHERE name = ? ORDER BY i", { name })
  if #rows == 0 or rows[1].i ~= 0 then return nil end
  table.remove(rows, 1)
  return rows
end

--- Q.match_docs(h, ids) -> { [rowid] = {published, site, title, len} }:
--- what a match set shows and groups by, for a list of row ids (len: the
--- document text's length in bytes)
function Q.match_docs(h, ids)
  local out = {}
  for _, r in ipairs(h:all("SELECT d.id, d.published, d.site, d.title, length(CAST(d.text " ..
    "AS BLOB)) AS len FROM json_each(?) j JOIN documents d ON d.id = j.value", { id_array(ids) })) do
    out[r.id] = r
  end
  return out
end

--- Q.match_places(h, ids) -> { [rowid] = {name, ...} }: the distinct
--- places each document mentions, by name
function Q.match_places(h, ids)
  local out = {}
  for _, r in ipairs(h:all("SELECT DISTINCT p.doc, p.name FROM json_each(?) j " ..
    "JOIN places p ON p.doc = j.value ORDER BY p.doc, p.name", { id_array(ids) })) do
    local l = out[r.doc] or {}
    out[r.doc] = l
    l[#l + 1] = r.name
  end
  return out
end

--- Q.block_offsets(h, spans, ids) -> { ["rowid:seq"] = off }: where each
--- block of the documents starts in its document's text (bytes from 0)
function Q.block_offsets(h, spans, ids)
  local out = {}
  local rows = h:all("SELECT b.doc, b.seq, b.off FROM json_each(?) j JOIN " ..
    (spans and "block_rows" or "blocks") .. " b ON b.doc = j.value", { id_array(ids) },
    { array = true })
  for _, r in ipairs(rows) do out[r[1] .. ":" .. r[2]] = r[3] end
  return out
end

---------------------------------------------------------------- trends

-- The group key of a document d for each trend grouping (NULL: undated,
-- no site).
Q.GROUP_KEY = { year = "substr(d.published, 1, 4)", month = "substr(d.published, 1, 7)",
  site = "d.site" }

--- Q.doc_groups(h, by) -> array rows {id, key} of every document's group
--- for grouping by (Q.GROUP_KEY; key NULL when it has none), or for
--- "place" one row per distinct place a document mentions (documents
--- without a place absent)
function Q.doc_groups(h, by)
  if by == "place" then
    return h:all("SELECT DISTINCT doc, name FROM places ORDER BY doc, name", nil, { array = true })
  end
  return h:all("SELECT d.id, " .. Q.GROUP_KEY[by] .. " FROM documents d ORDER BY d.id", nil,
    { array = true })
end

---------------------------------------------------------------- report scripts

local SCRIPT_DOC = [[SELECT d.id AS rowid, substr(d.published, 1, 10) AS date,
    d.title, d.site, d.author, d.path, d.lead,
    (SELECT max(substr(r.date, 1, 4)) FROM refs r WHERE r.doc = d.id
        AND r.date IS NOT NULL) AS ref_year,
    (SELECT max(p.from_year) FROM periods p WHERE p.doc = d.id
        AND p.kind = 'đại hội' AND p.from_year > 0) AS congress_year
  FROM documents d]]

--- Q.script_docs(h [, rowid]) -> rows rowid, date, title, site, author,
--- path, lead, ref_year (latest year of a cited document), congress_year
--- (latest congress term start) of every document, or of one
function Q.script_docs(h, rowid)
  if rowid ~= nil then return h:all(SCRIPT_DOC .. " WHERE d.id = ?", { rowid }) end
  return h:all(SCRIPT_DOC .. " ORDER BY d.id")
end

return Q
