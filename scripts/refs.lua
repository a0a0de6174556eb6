--- title: Citation index (resolutions, conclusions, directives, decrees)
--- usage: tinsh run refs [--kind K] [--issuer I] [--format text|md|html|csv] [--out FILE]
--- Every document cited — Nghị quyết, Kết luận, Chỉ thị, Nghị định,
--- Quyết định, Kế hoạch, Đề án ... — once, with its number, date and
--- issuer, how often and by which articles it is cited, grouped by kind.
---   --kind K     only this kind ("nghị quyết", "chỉ thị"; accent-insensitive)
---   --issuer I   only documents issued by I ("Tỉnh ủy", "Chính phủ")
--- CSV: kind, number, date, issuer, reference, citations, cited_by.
local script = require("tinsh.script")
local frame = require("frame")

local o = script.args(arg, { options = { kind = "string", issuer = "string" } })
local c = o.corpus
local docmap = script.doc_map(c)
local all = c:refs{ kind = o.kind, issuer = o.issuer }

-- one entry per cited document: by number when it has one, else by text
local index, order = {}, {}
for _, x in ipairs(all) do
  local key = (x.kind or "?") .. "\0" .. (x.number or x.text)
  local e = index[key]
  if not e then
    e = { kind = x.kind or "?", number = x.number, date = x.ref_date, issuer = x.issuer,
      reference = x.text, citations = 0, docs = {}, seen = {} }
    index[key] = e
    order[#order + 1] = e
  end
  e.citations = e.citations + 1
  e.issuer = e.issuer or x.issuer
  e.date = e.date or x.ref_date
  if not e.seen[x.rowid] then
    e.seen[x.rowid] = true
    e.docs[#e.docs + 1] = "#" .. x.rowid .. " " .. script.when(docmap[x.rowid])
  end
end
for _, e in ipairs(order) do
  e.cited_by = table.concat(e.docs, ", ")
  e.docs, e.seen = nil, nil
  e.ref = e.number or e.reference -- what the tables show
end
local f = frame.new(order, { "kind", "number", "date", "issuer", "reference", "citations",
  "cited_by", "ref" }):sort{ "kind", "-date", "number" }

local r = script.report("Citation index", { subtitle = string.format(
  "%d documents cited %d times", #f, #all) })
local kinds = f:group("kind"):agg{ { "documents", frame.count },
  { "citations", frame.sum("citations") } }:sort{ "-citations", "kind" }
r:table(kinds, { caption = "By kind" })
if o.format ~= "text" and #kinds > 0 then
  r:chart{ kind = "bar", data = kinds, x = "kind", y = "citations", title = "Citations by kind" }
end
if o.format == "csv" then
  r:table(f:select("kind", "number", "date", "issuer", "reference", "citations", "cited_by"),
    { csv = true })
else
  for key, g in f:group("kind"):frames() do
    r:section(key.kind)
    r:table(g, { columns = o.format == "text" and { "ref", "date", "issuer", "cited_by" }
      or { "ref", "date", "issuer", "citations", "cited_by" }, maxwidth = 44 })
  end
end
script.output(r, o)
