-- Test plan: near-duplicates on words and on syllables, signatures kept in
-- the database. Fixtures are the team's own sentences: a text dense with
-- capitalised person names (B) and the same text in lower case (A). Case
-- folds away in syllables (A and B are the same syllables) but not in
-- words (the segmenter joins a capitalised name into one word, not a
-- lower-case one), so:
--   * S.minhash tells the units apart (similarity 1 by syllables, low by
--     words);
--   * duplicates() (words, the default) keeps A and B apart while
--     duplicates{unit = "syllable"} clusters them; similar() likewise
--     (tf-idf cosine below 0.9 on words, 1 on syllables);
--   * the signatures of each unit are kept in their own table, computed
--     once, and the second call reads them (a planted wrong kept
--     signature is used as kept, proving the read);
--   * teaching the names as words (corpus:words{add}) makes A and B one
--     word stream: the kept word signatures are stale and recomputed,
--     and A and B cluster by words;
--   * a changed file (re-ingested) gets a new signature; a removed one
--     (ingest --prune) loses its kept one at the next call that signs;
--   * kept signatures of another format (an old table, no stamp) are
--     dropped, not misread;
--   * kept signatures without corpus_meta (a script dropped it through
--     the corpus's write handle) are signed again and kept, no failure;
--   * a database that cannot be written still answers (in memory,
--     nothing kept).
local check = dofile("tests/lua/lib/check.lua")
local fx = dofile("tests/lua/lib/corpus_fixture.lua")
local S = require("tinsh.store")
local tc = require("tinsh.core")

local B = "Hôm qua ông Nguyễn Văn Thắng gặp bà Trần Thị Hoa và ông Lê Văn Cường " ..
  "tại nhà ông Phạm Minh Tuấn. Sau đó bà Hoàng Thị Lan cùng ông Vũ Đức Thành " ..
  "và ông Đặng Quốc Bảo đến thăm bà Bùi Thị Mai. Ông Đỗ Văn Hùng nói với ông " ..
  "Ngô Quang Vinh rằng bà Dương Thị Thu và ông Lý Văn Sơn sẽ gặp ông Hồ Văn Nam."
local A = tc.lower(B)
local NAMES = { "nguyễn văn thắng", "trần thị hoa", "lê văn cường", "phạm minh tuấn",
  "hoàng thị lan", "vũ đức thành", "đặng quốc bảo", "bùi thị mai", "đỗ văn hùng",
  "ngô quang vinh", "dương thị thu", "lý văn sơn", "hồ văn nam" }
local OTHER = "Tỉnh đã hoàn thành kế hoạch xây dựng nông thôn mới trong năm nay với " ..
  "nhiều công trình giao thông, trường học và trạm y tế được đưa vào sử dụng."

fx.build()
local dir = fx.dir .. "/dupw"
local function write(name, text)
  local f = assert(io.open(dir .. "/" .. name, "w"))
  f:write("Tin trong ngày\n\n", text, "\n")
  f:close()
end
local function ingest(db)
  local _, code = fx.run("--db " .. fx.quote(db) .. " ingest " .. fx.quote(dir))
  check.eq(code, 0, "ingest")
end
local function set_of(f)
  local s = {}
  for _, r in ipairs(f) do s[#s + 1] = r.cluster .. ":" .. r.rowid end
  return table.concat(s, " ")
end

os.execute("mkdir -p " .. fx.quote(dir))
write("a.txt", A)
write("b.txt", B)
write("c.txt", OTHER)
local db = dir .. "/d.db"
ingest(db)
local corpus = require("corpus")

check.test("signatures tell words from syllables", function()
  check.eq(S.similarity(S.minhash(A), S.minhash(B)), 1.0, "same syllables")
  local w = S.similarity(S.minhash(A, 64, true), S.minhash(B, 64, true))
  check.ok(w < 0.3, "different words: " .. w)
  check.raises(function() S.minhash(A, 64, 5) end, "bad argument #3")
end)

check.test("duplicates by words and by syllables", function()
  local c = assert(corpus.open(db))
  check.eq(#c:duplicates(0.8), 0, "words: A and B are not near-duplicates")
  local syl = c:duplicates(0.8, { unit = "syllable" })
  check.eq(set_of(syl), "1:1 1:2", "syllables: A and B cluster")
  check.eq(syl[2].similarity, 1.0)
  check.eq(c:sql("SELECT count(*) AS n FROM corpus_minhash")[1].n, 3, "word signatures kept")
  check.eq(c:sql("SELECT count(*) AS n FROM corpus_minhash_syl")[1].n, 3,
    "syllable signatures kept apart")
  check.eq(#c:sql("SELECT sig FROM corpus_minhash WHERE doc = 1")[1].sig, 128, "64 slots of 16 bits")
  check.raises(function() c:duplicates(0.8, { unit = "letter" }) end, "unit")
  c:close()
end)

check.test("similar counts words by default", function()
  local c = assert(corpus.open(db))
  local function sim_of(f, id)
    for _, r in ipairs(f) do if r.rowid == id then return r.similarity end end
  end
  local syl = sim_of(c:similar(1, 5, { unit = "syllable" }), 2)
  check.ok(syl and syl > 0.99, "syllables: B is A's copy (" .. tostring(syl) .. ")")
  local w = sim_of(c:similar(1, 5), 2)
  check.ok(w == nil or w < 0.9, "words: B is not (" .. tostring(w) .. ")")
  c:close()
end)

check.test("kept signatures are read, not recomputed", function()
  local c = assert(corpus.open(db))
  -- plant c's kept word signature as a copy of a's: only a read of the
  -- kept table can make a and c a cluster
  c:close()
  local w = assert(S.open(db, { write = true }))
  w:exec("UPDATE corpus_minhash SET sig = (SELECT sig FROM corpus_minhash WHERE doc = 1) WHERE doc = 3")
  w:close()
  c = assert(corpus.open(db))
  check.eq(set_of(c:duplicates(0.8)), "1:1 1:3", "the kept signature was used")
  c:close()
end)

check.test("a changed document is signed again", function()
  write("c.txt", OTHER .. " Thêm một câu.")
  ingest(db)
  local c = assert(corpus.open(db))
  check.eq(#c:duplicates(0.8), 0, "c's new text, not the planted signature")
  c:close()
end)

check.test("the signatures of removed documents are dropped", function()
  local extra = dir .. "/d.txt"
  write("d.txt", OTHER .. " Một câu khác nữa.")
  ingest(db)
  local c = assert(corpus.open(db))
  c:duplicates(0.8)
  local n = c:sql("SELECT count(*) AS n FROM corpus_minhash")[1].n
  c:close()
  -- d removed, e added: the call that signs e drops d's signature
  os.remove(extra)
  write("e.txt", "Nhà máy điện mặt trời ở huyện biên giới bắt đầu vận hành thử từ " ..
    "tháng trước và cung cấp điện cho hàng nghìn hộ dân trong vùng.")
  local _, code = fx.run("--db " .. fx.quote(db) .. " ingest --prune " .. fx.quote(dir))
  check.eq(code, 0, "ingest --prune")
  c = assert(corpus.open(db))
  c:duplicates(0.8)
  check.eq(c:sql("SELECT count(*) AS n FROM corpus_minhash")[1].n, n, "d's row out, e's in")
  check.eq(c:sql("SELECT count(*) AS n FROM corpus_minhash WHERE doc NOT IN " ..
    "(SELECT id FROM documents)")[1].n, 0, "no orphan")
  c:close()
end)

check.test("the user lexicon makes word signatures stale", function()
  local c = assert(corpus.open(db))
  assert(c:words{ add = NAMES })
  local f = c:duplicates(0.8)
  check.eq(set_of(f), "1:1 1:2", "A and B are one word stream now")
  local stamp = c:sql("SELECT value FROM corpus_meta WHERE key = 'minhash'")[1].value
  check.ok(stamp:find("nguyễn văn thắng", 1, true), "the stamp holds the lexicon")
  c:words{ remove = NAMES }
  check.eq(#c:duplicates(0.8), 0, "and apart again once removed")
  c:close()
end)

check.test("signatures of another format are dropped", function()
  local w = assert(S.open(db, { write = true }))
  local cid = w:all("SELECT id FROM documents WHERE path LIKE '%c.txt'")[1].id
  w:exec("DELETE FROM corpus_meta WHERE key = 'minhash'")
  -- an old-format table: 16-bit slots of a's signature under c's hash
  w:exec("UPDATE corpus_minhash SET sig = (SELECT sig FROM corpus_minhash WHERE doc = 1) " ..
    "WHERE doc = ?", { cid })
  w:close()
  local c = assert(corpus.open(db))
  check.eq(#c:duplicates(0.8), 0, "nothing misread")
  local same = c:sql("SELECT count(*) AS n FROM corpus_minhash m JOIN corpus_minhash a " ..
    "ON a.doc = 1 AND m.doc = " .. cid .. " AND m.sig = a.sig")[1].n
  check.eq(same, 0, "c signed again")
  c:close()
end)

check.test("signatures kept without corpus_meta are signed again", function()
  local fresh = fx.dir .. "/nometa.db"
  ingest(fresh)
  local c = assert(corpus.open(fresh))
  c:duplicates(0.8) -- makes corpus_minhash and corpus_meta
  -- dropped through the corpus's own write handle, as bench/corpus.sh
  -- does to time a first call
  require("corpus")._wdb(c):exec("DROP TABLE corpus_meta")
  local ok, f = pcall(c.duplicates, c, 0.8)
  check.ok(ok, tostring(f))
  check.eq(ok and #f or -1, 0, "no cluster by words")
  check.eq(c:sql("SELECT count(*) AS n FROM corpus_minhash")[1].n, #c, "signatures kept")
  c:close()
end)

check.test("a read-only database (--sandbox) answers from memory", function()
  local ro = fx.dir .. "/ro.db"
  ingest(ro)
  local out, code = fx.run("--sandbox --db " .. fx.quote(ro) .. " -e " .. fx.quote(
    "local f = corpus:duplicates(0.8, {unit = 'syllable'}) print(#f, f[1].rowid, f[2].rowid)"))
  check.eq(code, 0, out)
  check.eq(out, "2\t1\t2\n", "A and B by syllables")
  local c = assert(corpus.open(ro))
  check.eq(#c:sql("SELECT name FROM sqlite_schema WHERE name LIKE 'corpus_minhash%'"), 0,
    "nothing kept")
  c:close()
end)

fx.cleanup()
return check.done()
