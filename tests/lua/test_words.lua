-- Test plan (tinsh.core.words, shell/lua_words.c): words of a text with
-- 1-based inclusive byte positions that string.sub turns back into the
-- words; kinds (word, name, place, number); every letter of the text inside
-- a word; empty text; bytes that are not UTF-8; misuse raises "bad
-- argument #1" as the standard library does.
local check = dofile("tests/lua/lib/check.lua")
local ok, core = pcall(require, "tinsh.core")
if not ok or not core.words then check.skip("not run by tinsh") end
local words = core.words

check.test("positions slice the text", function()
  local s = "Đồng chí Nguyễn Văn Thắng thăm Móng Cái, tăng 57,7%."
  local w = words(s)
  for _, x in ipairs(w) do
    check.eq(s:sub(x.from, x.to), x.word, "sub gives the word " .. x.word)
  end
  local got = {}
  for _, x in ipairs(w) do got[#got + 1] = x.word .. "/" .. x.kind end
  check.eq(got, { "Đồng chí/word", "Nguyễn Văn Thắng/name", "thăm/word",
                  "Móng Cái/place", "tăng/word", "57,7%/number" })
end)

check.test("every letter is in a word", function()
  local s = "ông  Trần Phú, (kinh tế) x\0y \255z"
  local covered = {}
  for _, x in ipairs(words(s)) do
    check.ok(x.from >= 1 and x.to <= #s and x.from <= x.to, "in range")
    for i = x.from, x.to do covered[i] = true end
  end
  for i = 1, #s do
    if s:sub(i, i):match("%a") then check.ok(covered[i], "letter " .. i) end
  end
end)

check.test("edge cases and misuse", function()
  check.eq(words(""), {})
  check.eq(words("... !"), {})
  check.eq(#words(string.rep("phát triển ", 10000)), 10000)
  check.raises(function() words() end, "bad argument #1", "no argument")
  check.raises(function() words({}) end, "bad argument #1", "a table")
end)

return check.done()
