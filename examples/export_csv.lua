#!/usr/bin/env tinsh
-- export_csv.lua — a frame to CSV: the places mentioned in the corpus,
-- totalled per place, written as CSV (UTF-8 with a BOM, so Excel shows
-- Vietnamese right), then read back to show what was written.
--   tinsh examples/export_csv.lua [FILE.csv]            (default places.csv)
local export = require("export")
local path = arg[1] or "places.csv"

local places = corpus:places():group("name", "kind"):sum("mentions", "mentions")
  :sort{ "-mentions", "name" }
local ok, err = export.write(places, path, { bom = true })
if not ok then io.stderr:write("export_csv: ", err, "\n"); os.exit(1) end

local fh = assert(io.open(path, "rb"))
local text = fh:read("a")
fh:close()
local lines = select(2, text:gsub("\r\n", "\r\n"))
print(string.format("wrote %s: %d places, %d lines, %d bytes", path, #places, lines, #text))
for line in text:gsub("^\239\187\191", ""):gmatch("[^\r\n]+") do
  print("  " .. line)
  if line:find("^Cẩm Phả") then break end
end
