-- corpus.names — the parser as a function, and what an analyst's place or
-- person name stands for in the facts.
--
--   names.parse(text) -> the document tinsh parses from text: title,
--     published, blocks ({kind, text}), people, places, figures, refs,
--     periods, quotes, abbreviations, warnings (docs/facts.md); JSON
--     nulls are left out (nil). Raises bad argument #1 for a non-string
--     or a text over 4 MB. (tinsh.parse.)
--   names.place(text) -> the name the places table stores for the one
--     place the extractors find in text ("TP.HCM", "thành phố Hồ Chí
--     Minh" -> "Hồ Chí Minh"; "tỉnh Quảng Ninh" -> "Quảng Ninh"), else
--     text as given (no place, or several).
--   names.person(text) -> the same for people ("Chủ tịch nước Nguyễn
--     Xuân Phúc", "ông Phúc" stays "ông Phúc": no full name in it).

local tcore = require("tinsh.core")
local json = require("json")

local M = {}

-- v with JSON nulls left out of its objects (arrays keep their slots).
local function drop_nulls(v)
  if type(v) ~= "table" then return v end
  for k, x in pairs(v) do
    if x == json.null then
      if math.type(k) ~= "integer" then v[k] = nil end
    else
      drop_nulls(x)
    end
  end
  return v
end

function M.parse(text)
  if type(text) ~= "string" then
    error("bad argument #1 to 'parse' (string expected, got " ..
      (text == nil and "no value" or type(text)) .. ")", 2)
  end
  if #text > tcore.parse_max then -- raised here, to name this function
    error("bad argument #1 to 'parse' (text longer than 4 MB)", 2)
  end
  return drop_nulls(assert(json.decode(tcore.parse(text))))
end

-- The names of one kind the extractors find in short texts, memoised
-- (filters ask again at every call; at most MEMO texts are kept).
local MEMO = 256
local memo, memo_n = {}, 0

local function one_name(kind, text)
  if type(text) ~= "string" or #text == 0 or #text > 200 then return text end
  local key = kind .. "\0" .. text
  local hit = memo[key]
  if hit == nil then
    local d = M.parse(text)
    local list = d[kind] or {}
    hit = #list == 1 and list[1].name or false
    if memo_n >= MEMO then memo, memo_n = {}, 0 end
    memo[key], memo_n = hit, memo_n + 1
  end
  return hit or text
end

function M.place(text) return one_name("places", text) end

function M.person(text) return one_name("people", text) end

return M
