-- match_rows.lua — match records built without the pattern engine, for
-- the match-set tests: every whole-word occurrence of a phrase in the
-- content blocks of a corpus, found with tinsh.store.find on the blocks'
-- text and kept when tinsh.words has a word starting and ending there.
--
--   local mr = dofile("tests/lua/lib/match_rows.lua")
--   local rows = mr.rows(c, "phát triển")   -- {rowid, seq, kind, s, e, text, ...}
--   mr.blocks(c)                            -- {["rowid:seq"] = text}

local S = require("tinsh.store")
local tcore = require("tinsh.core")

local mr = {}

mr.KINDS = "('title','lead','heading','paragraph','question','answer','caption')"

-- every content block of c: list {doc, seq, kind, text} in document order
function mr.block_list(c)
  return c:sql("SELECT doc, seq, kind, text FROM blocks WHERE kind IN " .. mr.KINDS ..
    " ORDER BY doc, seq")
end

function mr.blocks(c)
  local out = {}
  for _, b in ipairs(mr.block_list(c)) do out[b.doc .. ":" .. b.seq] = b.text end
  return out
end

function mr.rows(c, phrase)
  local rows = {}
  for _, b in ipairs(mr.block_list(c)) do
    local starts, ends = {}, {}
    for _, w in ipairs(tcore.words(b.text)) do starts[w.from], ends[w.to] = true, true end
    local pos = S.find(b.text, phrase)
    for i = 1, #pos, 2 do
      local s, e = pos[i], pos[i + 1]
      if starts[s] and ends[e] then
        rows[#rows + 1] = { rowid = b.doc, seq = b.seq, kind = b.kind, s = s, e = e,
          text = b.text:sub(s, e), tokens = { b.text:sub(s, e) },
          parts = { w = { s = s, e = e, text = b.text:sub(s, e) } } }
      end
    end
  end
  return rows
end

-- The words of text before byte s (nearest first) and after byte e, lower
-- case, by a plain scan of tinsh.words.
function mr.around(text, s, e)
  local before, after = {}, {}
  for _, w in ipairs(tcore.words(text)) do
    if w.to < s then table.insert(before, 1, tcore.lower(w.word)) end
    if w.from > e then after[#after + 1] = tcore.lower(w.word) end
  end
  return before, after
end

return mr
