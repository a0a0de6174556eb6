-- Test plan: the concordance matches words (issue 17). On the example
-- corpus: a one-syllable query matches only where the segmenter makes it a
-- word of its own (its count equals an independent count of that word over
-- the content blocks with tinsh.words), while {unit = "syllable"} still
-- matches it inside longer words; a multi-syllable word and its unaccented
-- form give the same lines; {words = n} cuts both contexts to at most n
-- words; a taught word (corpus:words) changes what matches at once; bad
-- options are refused.
local check = dofile("tests/lua/lib/check.lua")
local fx = dofile("tests/lua/lib/corpus_fixture.lua")
local core = require("tinsh.core")

local c = fx.open()

local KINDS = "('title','lead','heading','paragraph','question','answer','caption')"

-- independent count of a word (its lexicon key) over the content blocks
local function word_count(key)
  local n = 0
  for _, r in ipairs(c:sql("SELECT text FROM blocks WHERE kind IN " .. KINDS)) do
    for _, w in ipairs(core.words(r.text)) do
      if core.lower(w.word) == key then n = n + 1 end
    end
  end
  return n
end

check.test("whole words", function()
  local syl = c:kwic("phát", { unit = "syllable" })
  local word = c:kwic("phát")
  check.ok(#syl > #word, "phát inside longer words only as syllables")
  check.eq(#word, word_count("phát"), "phát as a word of its own")
  local pt = c:kwic("phát triển")
  check.eq(#pt, word_count("phát triển"), "count of phát triển")
  check.ok(#pt > 0, "phát triển found")
  check.eq(#c:kwic("phat trien"), #pt, "unaccented query")
  for _, l in ipairs(pt) do check.eq(core.lower(l.match), "phát triển", "match") end
end)

check.test("windows of words", function()
  local k = c:kwic("phát triển", { words = 3 })
  check.eq(#k, #c:kwic("phát triển"), "same lines")
  local longer = false
  for _, l in ipairs(k) do
    check.ok(#core.words(l.left) <= 3, "left: " .. l.left)
    check.ok(#core.words(l.right) <= 3, "right: " .. l.right)
  end
  for _, l in ipairs(c:kwic("phát triển")) do
    if #core.words(l.right) > 3 then longer = true end
  end
  check.ok(longer, "without words = n the contexts are longer")
  check.raises(function() c:kwic("x", { unit = "letter" }) end,
    "bad argument #2 to 'kwic' %(unit: 'word' or 'syllable' expected")
  check.raises(function() c:kwic("x", { words = -1 }) end, "bad argument #2 to 'kwic'")
end)

check.test("taught words", function()
  local before = #c:kwic("nông thôn")
  check.ok(before > 0, "nông thôn is a word")
  assert(c:words{ add = { "nông thôn mới" } })
  local after = #c:kwic("nông thôn")
  check.ok(after < before, "inside a taught word it no longer matches")
  check.eq(#c:kwic("nông thôn mới"), before - after, "the taught word matches")
end)

fx.cleanup()
return check.done()
