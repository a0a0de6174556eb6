-- corpus.help — the help texts of the corpus module and the corpus object
-- (help(corpus), help(corpus.search), .help corpus). [1] is the summary.

local H = {}

H.module = {
  "corpus — the corpus database as Lua objects: documents, searches, concordances,\n" ..
  "facts as frames, statistics. The global `corpus` is the default corpus\n" ..
  "(--db, $TINSH_DB, ./tinsh.db, else the bundled example); help(corpus) lists\n" ..
  "its methods.",
  open = "corpus.open(path) -> corpus | nil, msg. Opens another corpus database\n" ..
    "(read-only; saving result sets opens a write handle on demand).\n" ..
    "  local other = corpus.open('/data/baomoi.db')",
  default = "corpus.default() -> the default corpus object. Cheap: the database is\n" ..
    "opened by the first method that needs it.",
  compare = "corpus.compare(a, b [, opts]) -> comparison of two documents or two\n" ..
    "subcorpora (also the global compare). See help(compare.compare).",
  filter_sql = "corpus.filter_sql(filter) -> SQL condition and parameters of a document\n" ..
    "filter (used by docs, count, list, facts).",
}

local FILTER = "Filters (all optional, combined with AND): year = 2024, from = '2024-01',\n" ..
  "to = '2024-06-30' (publication date prefixes), site =, author =, title =\n" ..
  "(substrings), place = 'Móng Cái', person = 'Ánh' (the document mentions\n" ..
  "them), text = 'kinh tế' (full-text, accent-smart), ids = {1, 2}, limit = n,\n" ..
  "where = 'SQL on documents d' with params = {...}."

H.corpus = {
  "corpus — the open corpus. Documents: docs, get, list, count, #corpus.\n" ..
  "Search: search, saved, drop, kwic. Facts: figures, people, refs, places,\n" ..
  "periods, quotes. Statistics (on words): freq, ngrams, collocations, keyness,\n" ..
  "similar, duplicates, tfidf; words (the user lexicon). Patterns: query (match\n" ..
  "sets), trend. Raw SQL: sql.\n" ..
  "help(corpus.search) for details.",
  docs = "corpus:docs{filter} -> iterator over documents, in id order. Lazy: rows are\n" ..
    "read one at a time, so a 100k-document corpus never loads at once; `break`\n" ..
    "releases the statement (to-be-closed).\n" .. FILTER .. "\n" ..
    "  for d in corpus:docs{year = 2024, place = 'Móng Cái'} do print(d) end\n" ..
    "A result set works too: corpus:docs(rs).",
  get = "corpus:get(key) -> document | nil, msg. key: row id (integer), hash id\n" ..
    "(16 hex digits), path as stored, or the end of a path ('000_2fce505e32026a8d.txt').",
  list = "corpus:list{filter} -> frame of documents: rowid, date, title, author, site, path.",
  count = "corpus:count{filter} -> number of documents matching the filter (#corpus: all).",
  path = "corpus:path() -> the database file.",
  close = "corpus:close(): close the database handles (reopened on next use).",
  sql = "corpus:sql(query [, params]) -> frame. Read-only SQL over the database (see\n" ..
    "docs/schema.md), with bound parameters only: a list for ?1.. or a table for\n" ..
    ":name. Writes, ATTACH/DETACH and PRAGMA assignments are refused.\n" ..
    "  corpus:sql('SELECT kind, count(*) n FROM blocks WHERE doc = ? GROUP BY kind', {2})\n" ..
    "  corpus:sql('SELECT title FROM documents WHERE published >= :d', {d = '2024'})",
  search = "corpus:search(query [, opts]) -> result set: ranked hits (rank, rowid, date,\n" ..
    "title, score, snippet, offsets). query is a plain query: every word must match,\n" ..
    "\"quoted words\" are phrases, word* a prefix; without diacritics it matches\n" ..
    "with and without them ('mong cai' finds Móng Cái). Ranked by bm25; documents\n" ..
    "with the words side by side, in query order, rank higher. opts: limit\n" ..
    "(default 1000, -1 for all), raw = true (FTS5 MATCH syntax), filter = {document\n" ..
    "filter}.\n" ..
    "Result sets: rs[i], #rs, rs:docs(), rs:filter(pred), rs:union(other),\n" ..
    "rs:intersect(other), rs:minus(other) (also rs + other, rs * other, rs - other),\n" ..
    "rs:save(name) / corpus:saved(name), rs:kwic(...), rs:frame(), rs:show().\n" ..
    "  local rs = corpus:search('khu kinh tế cửa khẩu', {filter = {year = 2024}})",
  saved = "corpus:saved(name) -> the result set (rs:save(name)) or match set\n" ..
    "(m:save(name)) saved under name | nil, msg. corpus:saved() -> frame of the\n" ..
    "saved sets: name, query (or pattern), n (hits or matches), created.",
  drop = "corpus:drop(name) -> true | nil, msg. Deletes a saved result or match set.",
  kwic = "corpus:kwic(query [, opts]) -> concordance: the matches of query (a word or a\n" ..
    "phrase, accent-smart like search, word* a prefix) with their left and right\n" ..
    "contexts, aligned on the match by display width. opts: width (line width,\n" ..
    "default terminal or 100), kinds = {'paragraph', 'answer', ...} (block kinds;\n" ..
    "default every text kind), sort = 'left' | 'right' | 'date' (default document\n" ..
    "order), limit (lines), filter = {document filter}, docs = result set or list,\n" ..
    "words = n (contexts of n words each side), unit = 'syllable' (match syllables\n" ..
    "inside longer words too; by default query words match whole words only),\n" ..
    "sample = n, seed = s (n lines at random); sort and sample see every match\n" ..
    "before limit cuts. k:render{width = 60} re-renders without searching again;\n" ..
    "k:frame() gives the\n" ..
    "lines as records; k:show().",
  figures = "corpus:figures{subject =, unit =, text =, value =, year =, filter...} -> frame\n" ..
    "of figures across the corpus: rowid, date, subject, value, unit, text,\n" ..
    "qualifier, sentence. subject/unit/text match substrings accent-insensitively;\n" ..
    "year = 2025 keeps figures whose sentence names that year (targets 'đến năm\n" ..
    "2025'); document filters (from, to, place, ...) apply too. Filters run in SQL;\n" ..
    "the sentence is read on first use (for every row at once), or with the rows\n" ..
    "when sentence = true.\n" ..
    "  corpus:figures{year = 2025}                 -- every 2025 target\n" ..
    "  corpus:figures{subject = 'chi bộ'}:show()",
  people = "corpus:people{name =, title =, filter...} -> frame, one row per person and\n" ..
    "title per document: name, title, date, rowid, mentions. 'Who held which title\n" ..
    "when': corpus:people():sort{'name', 'date'}:show()",
  refs = "corpus:refs{kind =, issuer =, number =, filter...} -> frame of references\n" ..
    "to documents (Nghị quyết 20-NQ/TU ...): rowid, date, kind, number, ref_date,\n" ..
    "issuer, text.",
  places = "corpus:places{name =, kind =, filter...} -> frame of place mentions: rowid,\n" ..
    "date, name, kind, mentions. Total by place: corpus:places():group('name'):sum('mentions').",
  periods = "corpus:periods{kind =, filter...} -> frame of periods (nhiệm kỳ 2020-2025,\n" ..
    "đến năm 2030): rowid, date, text, kind, from, to, ordinal (a congress number).",
  quotes = "corpus:quotes{filter...} -> frame of quoted slogans: rowid, date, text.",
  freq = "corpus:freq{n = 1, stop = true, min = 1, top = 100, unit = 'word', filter...}\n" ..
    "-> frame of the most frequent words (n = 1) or n-grams of words: term, count,\n" ..
    "docs. A word of several syllables is one term ('phát triển'); unit = 'syllable'\n" ..
    "counts syllables. stop = true drops n-grams that begin or end with a stopword\n" ..
    "(data/stopwords-vi.txt) or a number. Also rs:freq{...} on a result set.\n" ..
    "Rows drill down: f[1]:kwic{words = 5}, f[1]:documents().",
  ngrams = "corpus:ngrams(n [, opts]) -> corpus:freq{n = n, ...}.",
  collocations = "corpus:collocations(word [, opts]) -> frame of the syllables and\n" ..
    "words that occur near `word` (a syllable or phrase): term, together, term_total,\n" ..
    "ll (log-likelihood G2), pmi, sorted by opts.by ('ll' default, or 'pmi').\n" ..
    "opts: window = 4 (words each side; syllables with unit = 'syllable'), min = 3,\n" ..
    "top = 30, stop = true, unit, filter. Rows answer row:kwic(), row:docs().",
  keyness = "corpus:keyness(a [, b [, opts]]) -> frame of terms over-used in subcorpus a\n" ..
    "compared with b: term, a, b, ll, log_ratio (positive: more in a). a and b are\n" ..
    "document filters, result sets or lists of documents; b nil: the rest of the\n" ..
    "corpus. opts: n, min, top, stop, unit ('word' default or 'syllable'). Rows\n" ..
    "answer row:kwic(), row:docs().\n" ..
    "  corpus:keyness({year = 2024}, {year = 2020})\n" ..
    "  corpus:keyness({place = 'Móng Cái'}, nil, {top = 10})",
  similar = "corpus:similar(doc [, n [, {unit =}]]) -> frame of the n (default 10)\n" ..
    "documents most similar to doc by tf-idf cosine of words: rowid, similarity,\n" ..
    "date, title. doc: a document, row id or path; nil, msg when it names none.",
  duplicates = "corpus:duplicates([threshold [, {unit =}]]) -> frame of near-duplicate\n" ..
    "clusters: cluster, rowid, similarity (to the cluster's first document), date,\n" ..
    "title. MinHash signatures (64 slots over shingles of 3 words, or 3 syllables\n" ..
    "with unit = 'syllable') are kept in the database (corpus_minhash,\n" ..
    "corpus_minhash_syl) and computed for new or changed documents only; LSH finds\n" ..
    "candidate pairs. threshold: estimated Jaccard similarity, default 0.8.",
  stopwords = "corpus:stopwords() -> set of stopwords (data/stopwords-vi.txt).",
  tfidf = "corpus:tfidf(doc [, top [, {unit =}]]) -> frame of the doc's words by tf-idf\n" ..
    "weight: term, count, weight (nil, msg when doc names no document). Rows answer\n" ..
    "row:kwic(), row:docs().",
  words = "corpus:words{add = {'nông thôn mới', ...}, remove = {'đảng bộ'}} -> frame of\n" ..
    "the user lexicon (word, action), kept in the database (table corpus_words) and\n" ..
    "applied to statistics and kwic at once (the index reads it at an ingest that\n" ..
    "loads it, see docs/words.md). Words of 1 to 4 syllables; corpus:words() lists.\n" ..
    "nil, msg when the database is read-only (--sandbox).",
  query = "corpus:query(pattern [, opts]) -> match set | nil, 'column N: why'. pattern:\n" ..
    "a token pattern (docs/query.md). A pattern that is not a string raises; one\n" ..
    "with a fault returns nil and the column. opts: filter = {document filter},\n" ..
    "sort = {'right', 1} (all matches sorted, then cut), limit = n.\n" ..
    "m[i] = {rowid, seq, kind, s, e, text, tokens, parts}; #m; m:sort, m:sample,\n" ..
    "m:count, m:docs, m:kwic, m:dispersion, m:save, m:frame; m + m2, m * m2, m - m2.\n" ..
    "  local m = corpus:query('[figure unit = \"tỷ đồng\"]')\n" ..
    "  m:sort{'right', 1}:head(5):kwic{words = 5}",
  trend = "corpus:trend(q [, {by = 'year' | 'month' | 'site' | 'place', pattern =}]) ->\n" ..
    "frame key, hits, docs, words, per_million (hits per million words of the\n" ..
    "group's documents; words: the segmenter's words of the content blocks). q is a\n" ..
    "pattern when it holds [ ] { } ( ) | or '::' or 'within' and a block kind, else\n" ..
    "a plain query counted as concordance lines; pattern = true/false says so. By\n" ..
    "year or month: every period from the first to the last (gaps are zero rows),\n" ..
    "undated documents in a last row 'undated', and a sparkline under the printed\n" ..
    "frame. By site or place: groups with hits, most first (a document counts\n" ..
    "under every place it mentions).\n" ..
    "  corpus:trend('phát triển')            corpus:trend('[figure]', {by = 'month'})",
}

H.matches = {
  "a match set: m[i] = {rowid, seq, kind, s, e, text, tokens, parts} (s, e: byte\n" ..
  "positions in block (rowid, seq)); #m; m + other, m * other, m - other combine on\n" ..
  "the match position. Methods never change m; they return new sets.",
  corpus = "m:corpus() -> the corpus of the set.",
  sort = "m:sort{'left' | 'right', n} / {'match'} / {'date'} -> new set sorted by the n\n" ..
    "words before the match (nearest first) or after it, the folded match, or the\n" ..
    "date; ties keep document order. Sort, then cut: m:sort{'right', 1}:head(5).",
  head = "m:head(n) -> new set of the first n matches (also m:top(n)).",
  sample = "m:sample(n [, {seed = s}]) -> n matches drawn at random without replacement,\n" ..
    "in the set's order; the same seed (1 by default) draws the same matches.",
  count = "m:count{by = 'match' | 'left1' | 'right1' | 'year' | 'site' | 'place'} ->\n" ..
    "frame key, count, docs, share (count / #m), most frequent first. match: the key\n" ..
    "folded, and a column form (its most frequent written form). left1/right1:\n" ..
    "the word before/after ('(start)'/'(end)' at a block's edge); place: a match\n" ..
    "counts under every place its document mentions (shares may sum above 1).",
  ids = "m:ids() -> the row ids of the documents with matches, in first-match order.",
  docs = "m:docs() -> result set of the documents (score = number of matches).",
  union = "m:union(other) -> matches of either set, in document order (also m + other).",
  intersect = "m:intersect(other) -> matches of m at a position of other (also m * other).",
  minus = "m:minus(other) -> matches of m at no position of other (also m - other).",
  save = "m:save(name) -> m | nil, msg. Stores the matches in the database (refused\n" ..
    "in --sandbox); corpus:saved(name) reloads them as a match set.",
  frame = "m:frame() -> frame rowid, date, kind, seq, s, e, text and one column per part.",
  export = "m:export(path [, opts]) -> m:frame():export(path, opts).",
  kwic = "m:kwic{words = 5, width =} -> concordance of the matches in the set's order;\n" ..
    "k:render{width = 60} re-renders without searching again.",
  dispersion = "m:dispersion() -> x-ray plot: a row per document, a mark per match at its\n" ..
    "relative position; print(d), d:svg(), d:save_svg(file), d:frame().",
  header = "m:header() -> one line: pattern, matches and documents.",
  show = "m:show{limit =} prints the matches as a table.",
}

H.dispersion = {
  "a dispersion plot: one row per document of a match set, a mark per match at\n" ..
  "its relative position in the document's text (0 start, 1 end).",
  render = "d:render{width =, limit =} -> the plot as text (width: the terminal's).",
  show = "d:show{width =, limit =} prints the plot.",
  frame = "d:frame() -> frame rowid, date, title, matches, positions.",
  svg = "d:svg{width = 720, limit = 200} -> a standalone SVG document of the plot.",
  save_svg = "d:save_svg(path [, opts]) -> true | nil, msg: writes d:svg(opts) to a file.",
}

return H
