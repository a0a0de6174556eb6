#!/usr/bin/env tinsh
-- search_accents.lua — accent-smart search: a query typed without
-- diacritics matches every accented form ("mong cai" finds "Móng Cái",
-- "dang" finds "Đảng"), a query with diacritics matches only that
-- spelling ("đảng" does not find "đang"). "quoted words" are a phrase.
-- Prints, for each query, the number of documents and the best hits
-- with their snippets (matches between « and »).
--   tinsh examples/search_accents.lua [QUERY...]
local queries = #arg > 0 and arg or { "mong cai", "Móng Cái", '"cam pha"', "đảng", "dang" }

local display = require("tinsh.display") -- pads by display width, not bytes

for _, q in ipairs(queries) do
  local rs = corpus:search(q)
  print(display.pad(q, 12) .. string.format(" %d document%s", #rs, #rs == 1 and "" or "s"))
  for i = 1, math.min(2, #rs) do
    local h = rs[i]
    print(string.format("  #%d %s", h.rowid, (h.snippet or ""):gsub("%s+", " ")))
  end
end
