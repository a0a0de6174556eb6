-- Test plan: corpus:kwic finds and cuts its lines in C (db:kwic: a
-- prefilter on the raw bytes, the phrase looked for in windows around its
-- candidates, the segmenter run from the sentence before each hit); the
-- Lua path kept beside it (kwic.kwic_lua: every block tokenized and
-- segmented whole) must give the same lines — rowid, block, kind, title,
-- date, s, e, left, match, right — on the example corpus, for queries
-- with and without diacritics, in capitals, one and several syllables,
-- a prefix, numbers and document numbers, a syllable that is rarely a
-- word of its own, with {words = n} (0, 1, 3, 8), {unit = "syllable"},
-- other block kinds and a limit; and with a taught word (user lexicon).
-- (tests/c/test_kwic.c checks the prefilter and the sentence cuts on
-- texts with every tricky byte.)
local check = dofile("tests/lua/lib/check.lua")
local fx = dofile("tests/lua/lib/corpus_fixture.lua")
local K = require("corpus.kwic")

local c = fx.open()

local FIELDS = { "rowid", "block", "kind", "title", "date", "s", "e", "left", "match", "right" }
local function copy(t)
  if not t then return nil end
  local o = {}
  for k, v in pairs(t) do o[k] = v end
  return o
end
local function same_lines(q, opts)
  local a, b = c:kwic(q, copy(opts)), K.kwic_lua(c, q, copy(opts))
  local label = q
  for k, v in pairs(opts or {}) do label = label .. " " .. k .. "=" .. tostring(v) end
  check.eq(#a, #b, label .. ": as many lines")
  for i = 1, math.min(#a, #b) do
    for _, f in ipairs(FIELDS) do
      if a[i][f] ~= b[i][f] then
        check.eq(a[i][f], b[i][f], label .. " line " .. i .. " " .. f)
        return
      end
    end
  end
  return #a
end

local QUERIES = { "phát triển", "phat trien", "PHÁT TRIỂN", "Móng Cái", "mong cai", "kinh tế",
  "đồng", "dong", "thành phố", "phát", "triển", "tỷ đồng", "Quảng Ninh", "2024", "nghị quyết",
  "phát tri*", "công*", "người", "của", "a", "xã hội", "Bí thư", "ủy ban nhân dân" }

check.test("same lines as the Lua path", function()
  local total = 0
  for _, q in ipairs(QUERIES) do
    for _, o in ipairs({ {}, { words = 0 }, { words = 1 }, { words = 3 }, { words = 8 },
      { unit = "syllable" }, { unit = "syllable", words = 2 } }) do
      total = total + (same_lines(q, next(o) and o or nil) or 0)
    end
  end
  check.ok(total > 1000, "many lines compared: " .. total)
  same_lines("phát triển", { kinds = { "title", "byline", "boilerplate", "related", "banner" } })
  same_lines("phát triển", { limit = 7 })
  same_lines("phát triển", { words = 2, limit = 3 })
end)

check.test("with a taught word", function()
  assert(c:words{ add = { "nông thôn mới" } })
  for _, q in ipairs({ "nông thôn", "nông thôn mới", "thôn" }) do
    same_lines(q)
    same_lines(q, { words = 2 })
  end
end)

fx.cleanup()
return check.done()
