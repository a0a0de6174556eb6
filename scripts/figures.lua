--- title: All figures (subject, value, unit, document, date)
--- usage: tinsh run figures [--subject S] [--unit U] [--place P] [--year N] [--format csv|text|md|html] [--out FILE]
--- Every figure the parser extracted — "57,7%", "5.000 tỷ đồng",
--- "224/224 chi bộ" — with its subject, value (as a number; "of" for the
--- denominator of a ratio), unit, base value (nghìn/triệu/tỷ applied),
--- qualifier, the sentence it comes from, and its document and date.
---   --subject S  subject or unit contains S (accent-insensitive)
---   --unit U     unit contains U
---   --place P    documents that mention place P
---   --year N     documents of year N (published, or inferred: ≈)
--- Meant for CSV: tinsh run figures --out figures.csv (opens in a spreadsheet).
local script = require("tinsh.script")

local o = script.args(arg, { options = { subject = "string", unit = "string",
  place = "string", year = "integer" } })
local c = o.corpus
local f = c:figures{ subject = o.subject, unit = o.unit, place = o.place }
f = script.with_docs(c, f, { "rowid", "when", "year", "subject", "value", "of", "unit", "base",
  "base_unit", "text", "qualifier", "sentence", "document" })
if o.year then f = f:where{ year = o.year } end

local r = script.report("Figures", { subtitle = string.format("%d figures in %d documents",
  #f, #f:group("rowid")) })
if o.format == "csv" then
  r:table(f, { csv = true })
else
  r:table(f, { columns = o.format == "text" and { "rowid", "when", "subject", "text", "unit" }
    or { "rowid", "when", "subject", "value", "unit", "text", "sentence" }, maxwidth = 36 })
  local units = f:group("unit"):count("figures"):sort{ "-figures", "unit" }:top(12)
  if #units > 0 then
    r:chart{ kind = "bar", data = units, x = "unit", y = "figures", title = "Figures by unit" }
  end
end
script.output(r, o)
