--- title: One subject's figures over time
--- usage: tinsh run timeline SUBJECT [--place P] [--unit U] [--format text|md|html|csv] [--out FILE]
--- The figures whose subject or unit contains SUBJECT ("chi bộ", "khách du
--- lịch", "%"; accent-insensitive), in the documents mentioning --place P,
--- ordered by the document's year (published, or inferred: ≈2020), with
--- a line chart per unit. A year with several figures of one unit charts
--- the largest (224 and 16 chi bộ in one article: the total, 224).
---   tinsh run timeline "chi bộ" --place "Móng Cái"      2020: 224 → 2024: 263
---   --unit U     only figures whose unit contains U
--- CSV: year, when, rowid, subject, value, unit, text, sentence, document.
local script = require("tinsh.script")
local frame = require("frame")

local o = script.args(arg, { options = { place = "string", unit = "string" },
  positional = { min = 1, max = 1, names = { "subject" } } })
local c = o.corpus
local f = c:figures{ subject = o.subject, unit = o.unit, place = o.place }
f = script.with_docs(c, f, { "year", "when", "rowid", "subject", "value", "unit", "text",
  "sentence", "document" }):sort{ "year", "rowid" }

local title = "Timeline: " .. o.subject .. (o.place and (" — " .. o.place) or "")
local r = script.report(title, { subtitle = string.format("%d figures in %d documents", #f,
  #f:group("rowid")) })
if #f == 0 then
  r:paragraph("No figure matches '" .. o.subject .. "'" ..
    (o.place and (" in documents mentioning " .. o.place) or "") .. ".")
  return script.output(r, o)
end

-- per year and unit: the largest value (a total rather than a part)
local series = f:where(function(x) return x.year end):group("year", "unit")
  :max("value", "value"):map(function(x) x.year = tostring(x.year); return x end)
  :sort{ "unit", "year" }
if o.format ~= "csv" then
  local per = {}
  for key, g in series:group("unit"):frames() do
    local steps = {}
    for _, x in ipairs(g) do steps[#steps + 1] = x.year .. ": " .. frame.cell_text(x.value) end
    per[#per + 1] = { unit = key.unit, over_time = table.concat(steps, " → ") }
  end
  r:table(frame.new(per, { "unit", "over_time" }), { caption = "Largest value per year" })
  if #series:group("year") > 1 then
    r:chart{ kind = "line", data = series, x = "year", y = "value", series = "unit",
      title = o.subject .. " per year" }
  end
end
r:section("Figures")
local cols -- CSV: every column
if o.format == "text" then cols = { "when", "rowid", "subject", "text", "sentence" }
elseif o.format ~= "csv" then
  cols = { "when", "rowid", "subject", "value", "unit", "text", "sentence", "document" }
end
r:table(f, { csv = true, columns = cols, maxwidth = 44 })
script.output(r, o)
