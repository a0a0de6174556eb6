#!/usr/bin/env tinsh
-- who_held_title.lua — who held which title: every person whose title
-- contains TITLE ("bí thư", "chủ tịch"; accent-insensitive), the document
-- and its date, then one line per title listing its holders.
--   tinsh examples/who_held_title.lua [TITLE]          (default "bí thư")
local title = arg[1] or "bí thư"

local f = corpus:people{ title = title }:sort{ "title", "date", "name" }
f:select("title", "name", "date", "rowid"):show{ width = 100 }

for key, rows in f:group("title"):frames() do
  local names, seen = {}, {}
  for _, r in ipairs(rows) do
    if not seen[r.name] then seen[r.name] = true; names[#names + 1] = r.name end
  end
  print(string.format("%s: %s", key.title, table.concat(names, ", ")))
end
