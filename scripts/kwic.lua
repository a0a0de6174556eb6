--- title: Concordance (keyword in context)
--- usage: tinsh run kwic QUERY [--sort left|right|date] [--limit N] [--width N] [--format html|md|text|csv] [--out FILE]
--- Every occurrence of QUERY (a word or phrase; accent-smart: "mong cai"
--- also finds "Móng Cái", "phát triển" only that spelling; word* a prefix)
--- with its left and right context, the matches aligned, and the
--- documents they come from; HTML highlights the matches.
---   --sort left|right|date   order by the words before / after the match
---   --limit N                at most N lines (default 500)
---   --width N                context width in characters (default 40)
---   tinsh run kwic "phát triển" --sort right --out kwic.html
--- CSV: rowid, when, kind, left, match, right, document.
local script = require("tinsh.script")
local frame = require("frame")

local o = script.args(arg, { options = { sort = { "left", "right", "date", "doc" },
  limit = "integer", width = "integer" }, defaults = { limit = 500, width = 40 },
  positional = { min = 1, max = 1, names = { "query" } } })
local c = o.corpus
local docmap = script.doc_map(c)
local k = c:kwic(o.query, { sort = o.sort, limit = o.limit })

local lines = {}
for i, l in ipairs(k) do
  local d = docmap[l.rowid]
  lines[i] = { rowid = l.rowid, when = script.when(d), kind = l.kind, left = l.left,
    match = l.match, right = l.right, document = d and d.label,
    title = string.format("#%d %s", l.rowid, script.when(d)) }
end
local f = frame.new(lines, { "rowid", "when", "kind", "left", "match", "right", "document",
  "title" })

local r = script.report("Concordance: " .. o.query, { subtitle = string.format(
  "%d line%s in %d document%s", #f, #f == 1 and "" or "s", #f:group("rowid"),
  #f:group("rowid") == 1 and "" or "s") })
if o.format == "csv" then
  r:table(f:select("rowid", "when", "kind", "left", "match", "right", "document"), { csv = true })
  return script.output(r, o)
end
if #f == 0 then
  r:paragraph("No occurrence of '" .. o.query .. "'.")
  return script.output(r, o)
end
if #f == o.limit then r:note(string.format("(the first %d lines: --limit N for more)", o.limit)) end
r:kwic(f, { width = o.width })
r:section("Documents")
local docs = f:group("rowid", "when", "document"):count("lines"):sort{ "-lines", "rowid" }
r:table(docs, { maxwidth = 60 })
if o.format ~= "text" and #docs > 1 then
  r:chart{ kind = "bar", data = docs:map(function(x)
    x.label = "#" .. x.rowid .. " " .. x.when; return x end), x = "label", y = "lines",
    title = "Lines per document" }
end
script.output(r, o)
