--- title: Two documents or two places side by side
--- usage: tinsh run compare A B [--places] [--format text|md|html|csv] [--out FILE]
--- A and B are documents (row id, hash, path or file name: 1, 3,
--- 000_2fce505e32026a8d.txt) or, with --places (or when they name no
--- document), places: all documents mentioning each ("Móng Cái", "Cẩm Phả").
--- Shows the people on each side with the titles each side gives them,
--- places with their mentions, references shared or not, figures matched
--- by subject or unit (224 chi bộ ↔ 263 chi bộ), and for two documents
--- their similarity and the paragraphs that changed.
--- CSV: section, item, a, b, note (one row per compared item).
local script = require("tinsh.script")
local frame = require("frame")

local o = script.args(arg, { options = { places = "flag" },
  positional = { min = 2, max = 2, names = { "a", "b" } } })
local c = o.corpus
local docmap = script.doc_map(c)

-- A side: a document, or a place filter.
local function side(x)
  if not o.places then
    local d = c:get(math.tointeger(tonumber(x)) or x)
    if d then
      local dd = docmap[d.rowid]
      return d, string.format("#%d %s (%s)", d.rowid, dd.label, script.when(dd))
    end
  end
  local n = c:count{ place = x }
  if n == 0 then
    script.fail("'" .. x .. "' names no document and no place mentioned in the corpus", arg)
  end
  return { place = x }, string.format("%s (%d document%s)", x, n, n == 1 and "" or "s")
end
local a, la = side(o.a)
local b, lb = side(o.b)
local cmp = compare(a, b, { corpus = c })

local r = script.report("Comparison")
local head = { { side = "a", what = la }, { side = "b", what = lb } }
r:table(frame.new(head, { "side", "what" }), { maxwidth = 90 })
if cmp.similarity then
  r:paragraph(string.format("Similarity of the two texts (MinHash, 3-syllable shingles): %.3f",
    cmp.similarity))
end
local rows = cmp:frame()
if o.format == "csv" then
  r:table(rows, { csv = true })
  return script.output(r, o)
end

local WHERE = { shared = "both", only_a = "only a", only_b = "only b" }
local function part_rows(section)
  local out = {}
  for _, x in ipairs(rows) do
    if x.section == section then
      out[#out + 1] = { item = x.item, a = x.a, b = x.b, where = WHERE[x.note] or x.note }
    end
  end
  return frame.new(out, { "item", "a", "b", "where" })
end

r:section("People")
r:table(part_rows("people"):select("item", "a", "b", "where"):rename{ item = "person",
  a = "titles in a", b = "titles in b" }, { maxwidth = 40 })

r:section("Places")
local pl = part_rows("places"):sort(function(x, y)
  return (x.a or 0) + (x.b or 0) > (y.a or 0) + (y.b or 0)
end)
r:table(pl:select("item", "a", "b", "where"):rename{ item = "place", a = "mentions in a",
  b = "mentions in b" }, { text_limit = 12 })
if o.format ~= "text" and #pl > 0 then
  local long = {}
  for _, x in ipairs(pl:top(10)) do
    long[#long + 1] = { place = x.item, side = "a", mentions = x.a or 0 }
    long[#long + 1] = { place = x.item, side = "b", mentions = x.b or 0 }
  end
  r:chart{ kind = "stack", data = frame.new(long, { "place", "side", "mentions" }),
    x = "place", y = "mentions", series = "side", title = "Share of mentions, a vs b" }
end

r:section("References")
r:table(part_rows("refs"):select("item", "where"):rename{ item = "reference" })

r:section("Figures matched")
local figs = part_rows("figures")
r:table(figs:select("item", "a", "b", "where"):rename{ item = "subject (unit)", where = "matched" })
local bars = {}
for _, f in ipairs(cmp.figures) do
  if type(f.a) == "number" and type(f.b) == "number" then
    bars[#bars + 1] = { label = (f.unit or "") .. " — a", value = f.a }
    bars[#bars + 1] = { label = (f.unit or "") .. " — b", value = f.b }
  end
end
if o.format ~= "text" and #bars > 0 then
  r:chart{ kind = "bar", data = frame.new(bars, { "label", "value" }), x = "label", y = "value",
    title = "Matched figures" }
end

if cmp.diff then
  r:section("Paragraphs that differ")
  r:table(part_rows("diff"):select("item", "a", "b"), { maxwidth = 60 })
end
script.output(r, o)
