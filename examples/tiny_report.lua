#!/usr/bin/env tinsh
-- tiny_report.lua — a small report in one self-contained HTML file (or
-- Markdown): the documents, a bar chart of the places most mentioned and
-- the 2025 targets. Inline CSS and SVG: it opens offline and prints.
--   tinsh examples/tiny_report.lua [FILE.html|FILE.md]  (default report.html)
local report = require("report")
local path = arg[1] or "report.html"

local places = corpus:places():group("name"):sum("mentions", "mentions")
  :sort("-mentions"):top(8)
local r = report.new("Quảng Ninh: tóm tắt kho bài viết", { subtitle = #corpus .. " bài" })
r:section("Bài viết")
r:table(corpus:list():select("rowid", "date", "title"))
r:section("Địa danh")
r:chart{ kind = "bar", data = places, x = "name", y = "mentions", title = "Số lần nhắc đến" }
r:section("Mục tiêu đến năm 2025")
r:table(corpus:figures{ year = 2025 }:select("subject", "text", "rowid"))
local ok, err = r:save(path)
if not ok then io.stderr:write("tiny_report: ", err, "\n"); os.exit(1) end
print("wrote " .. path)
