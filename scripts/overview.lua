--- title: Corpus overview
--- usage: tinsh run overview [--format text|md|html|csv] [--out FILE] [--top N]
--- What the corpus holds: documents per site and year, its most frequent
--- words, the people most mentioned with their titles, places, cited
--- documents (resolutions, conclusions, directives, decrees) and the
--- figures by unit; the list of documents comes first in a corpus of 50
--- documents or fewer, last in a larger one.
---   --top N     rows in the people/places/references lists (default 8;
---               twice as many words)
--- Undated documents get a year inferred from their text (shown as ≈2020).
--- CSV: one row per document (rowid, date, year, site, title, counts).
local script = require("tinsh.script")
local frame = require("frame")
local core = require("tinsh.core")

local o = script.args(arg, { options = { top = "integer" }, defaults = { top = 8 } })
local c = o.corpus
local docs = script.documents(c)
local top = o.top

-- per document: its counts of facts
local counts = {}
for _, t in ipairs({ "people", "places", "figures", "refs" }) do
  for _, r in ipairs(c:sql("SELECT doc, count(*) AS n FROM " .. t .. " GROUP BY doc")) do
    counts[r.doc] = counts[r.doc] or {}
    counts[r.doc][t] = r.n
  end
end
local doc_rows = docs:map(function(d)
  local n = counts[d.rowid] or {}
  return { rowid = d.rowid, date = script.when(d), year = d.year, site = d.site or "(not named)",
    title = d.label, people = n.people or 0, places = n.places or 0, figures = n.figures or 0,
    refs = n.refs or 0 }
end)

local undated = #docs:where(function(d) return not d.date end)
local r = script.report("Corpus overview", {
  subtitle = "database " .. c:path():match("[^/]+$") })
r:paragraph(string.format("%d documents, %d with a publication date; %d people, %d places, " ..
  "%d figures and %d references extracted.", #docs, #docs - undated,
  c:sql("SELECT count(DISTINCT name) AS n FROM people")[1].n,
  c:sql("SELECT count(DISTINCT name) AS n FROM places")[1].n,
  c:sql("SELECT count(*) AS n FROM figures")[1].n,
  c:sql("SELECT count(*) AS n FROM refs")[1].n))

-- the list of documents: first in a small corpus, last in a large one
-- (where the summaries below are what a reader looks for first)
local function documents_section()
  r:section("Documents")
  r:table(doc_rows, { csv = true, text_limit = 12, limit = 200, maxwidth = 60,
    columns = o.format == "csv" and { "rowid", "date", "year", "site", "title", "people",
      "places", "figures", "refs" } or { "rowid", "date", "title", "people", "figures", "refs" } })
  if undated > 0 then
    r:note("≈ year inferred (no date line): from the documents it cites or the years its text names.")
  end
end
local LARGE = 50
if #docs <= LARGE then documents_section() end


-- a year from a date line as "2024", one inferred from the text as "≈2024"
-- (an inference is not a publication date), none as "?"
local function year_label(d)
  if not d.year then return "?" end
  return (d.year_from == "published" and "" or "≈") .. d.year
end

-- per site and year
local by = docs:map(function(d)
  return { site = d.site or "(not named)", year = year_label(d) }
end):group("site", "year"):count("documents"):sort{ "-year", "site" }
local sites = docs:map(function(d) return { site = d.site or "(not named)" } end):group("site")
if #sites > 1 then -- one site (or none named): the chart per year says it all
  r:section("Documents per site and year")
  r:table(by, { text_limit = 12, limit = 60 })
else
  r:section("Documents per year")
end
-- a bar per year label, in order of the year (the inferred after the
-- dated of the same year, "?" last)
local per_year = docs:map(function(d)
  return { year = year_label(d),
    at = (d.year or math.huge) * 2 + (d.year_from == "published" and 0 or 1) }
end):group("year", "at"):count("documents")
local chart_title = "Documents per year"
if #per_year > 15 then -- a long history: the 15 years with most documents
  per_year = per_year:sort{ "-documents", "at" }:top(15)
  chart_title = "Documents per year (the 15 years with most documents)"
end
r:chart{ kind = "bar", data = per_year:sort("at"), x = "year", y = "documents",
  title = chart_title }
if per_year:where(function(y) return y.year:find("≈", 1, true) ~= nil end)[1] then
  r:note("≈ year inferred (no date line): from the documents it cites or the years its text names.")
end

-- words: the corpus's most frequent words (stopwords left out), counted
-- by the word segmenter (docs/words.md)
r:section("Words")
r:table(c:freq{ top = top * 2 }, { columns = { "term", "count", "docs" },
  caption = "Most frequent words (stopwords left out)" })

-- people: mentions summed, titles joined, number of documents
r:section("People")
local people = c:people():group("name"):agg{
  { "titles", function(rows) -- the most used first; "Giám đốc" and "giám đốc" one title
      local by, order = {}, {}
      for _, p in ipairs(rows) do
        if p.title then
          local k = core.lower(p.title) or p.title
          local e = by[k]
          if not e then
            e = { n = 0, forms = {}, first = #order + 1 }
            by[k] = e
            order[#order + 1] = e
          end
          local m = p.mentions or 1
          e.n = e.n + m
          e.forms[p.title] = (e.forms[p.title] or 0) + m
        end
      end
      table.sort(order, function(a, b)
        if a.n ~= b.n then return a.n > b.n end
        return a.first < b.first
      end)
      local t = {}
      for i, e in ipairs(order) do
        local best, bn = nil, -1
        for f, n in pairs(e.forms) do
          if n > bn or (n == bn and f < best) then best, bn = f, n end
        end
        t[i] = best
      end
      return table.concat(t, "; ")
    end },
  { "docs", function(rows) return #rows:group("rowid") end },
  { "mentions", function(rows) -- one mention count per document
      local n, seen = 0, {}
      for _, p in ipairs(rows) do
        if not seen[p.rowid] then seen[p.rowid] = true; n = n + (p.mentions or 0) end
      end
      return n
    end },
}:sort{ "-mentions", "name" }:top(top)
r:table(people, { columns = { "name", "titles", "docs", "mentions" },
  caption = "Most mentioned people and their titles" })
if #people > 1 and o.format ~= "text" then
  r:chart{ kind = "bar", data = people, x = "name", y = "mentions", title = "Mentions per person" }
end

-- places
r:section("Places")
local places = c:sql([[SELECT name, max(kind) AS kind, sum(mentions) AS mentions,
    count(DISTINCT doc) AS docs FROM places GROUP BY name
  ORDER BY mentions DESC, name LIMIT ?]], { top })
r:chart{ kind = "bar", data = places, x = "name", y = "mentions", title = "Mentions per place" }
if o.format ~= "text" then r:table(places, { columns = { "name", "kind", "docs", "mentions" } }) end

-- references
r:section("References")
local kinds = c:sql([[SELECT kind, count(*) AS citations, count(DISTINCT doc) AS docs
  FROM refs GROUP BY kind ORDER BY citations DESC, kind]])
r:paragraph("Cited: " .. table.concat((function()
  local t = {}
  for i, k in ipairs(kinds) do t[i] = string.format("%s %d", k.kind or "?", k.citations) end
  return t
end)(), ", ") .. ".")
local refs = c:sql([[SELECT kind, coalesce(number, text) AS reference, issuer,
    min(substr(date, 1, 10)) AS date, count(DISTINCT doc) AS docs, min(text) AS text
  FROM refs GROUP BY kind, coalesce(number, text)
  ORDER BY docs DESC, date IS NULL, date DESC LIMIT ?]], { top })
r:table(refs, { columns = { "kind", "reference", "date", "issuer", "docs" },
  caption = "Most cited documents" })

-- figures
r:section("Figures")
local units = c:sql([[SELECT coalesce(base_unit, unit) AS unit, count(*) AS figures,
    count(DISTINCT doc) AS docs FROM figures GROUP BY 1 ORDER BY figures DESC, unit LIMIT ?]],
  { top })
r:table(units, { caption = "Figures by unit" })
if #docs > LARGE then documents_section() end
r:hint("More: tinsh run --list (every report), tinsh run figures, tinsh run targets,\n" ..
  "tinsh run timeline 'chi bộ' --place 'Móng Cái'. In the REPL: corpus:search('mong cai'),\n" ..
  "corpus:kwic('phát triển'), corpus:figures{unit = '%'}:show(), help(corpus).")

script.output(r, o)
