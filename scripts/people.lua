--- title: People, titles, documents and dates
--- usage: tinsh run people [--name N] [--title T] [--format text|md|html|csv] [--out FILE]
--- Who held which title when: one row per person, title and document,
--- with the document's date (published, or inferred: ≈2020), and a summary
--- per title (who held it, in which years).
---   --name N     people whose name contains N (accent-insensitive)
---   --title T    titles containing T ("bí thư", "chủ tịch")
--- CSV: name, title, rowid, when, year, mentions, document.
local script = require("tinsh.script")
local frame = require("frame")

local o = script.args(arg, { options = { name = "string", title = "string" } })
local c = o.corpus
local f = c:people{ name = o.name, title = o.title }
f = script.with_docs(c, f, { "name", "title", "rowid", "when", "year", "mentions", "document" })
  :sort{ "name", "year", "rowid" }

local r = script.report("People and their titles", { subtitle = string.format(
  "%d people, %d titles, %d documents", #f:group("name"),
  #f:where(function(x) return x.title end):group("title"), #f:group("rowid")) })
r:section("Who held which title when")
r:table(f, { csv = true, maxwidth = 40, -- CSV: every column
  columns = o.format ~= "csv" and { "name", "title", "when", "rowid", "document" } or nil })

local by_title = f:where(function(x) return x.title ~= nil end):group("title"):agg{
  { "people", function(rows)
      local seen, t = {}, {}
      for _, x in ipairs(rows:sort("year")) do
        local who = x.name .. " (" .. x.when .. ")"
        if not seen[who] then seen[who] = true; t[#t + 1] = who end
      end
      return table.concat(t, "; ")
    end },
  { "n", function(rows) return #rows:group("name") end },
}:sort{ "-n", "title" }
if o.format ~= "csv" then
  r:section("Titles")
  r:table(by_title:select("title", "people"), { maxwidth = 60 })
  local counts = f:group("name"):count("documents"):sort{ "-documents", "name" }:top(15)
  if o.format ~= "text" and #counts > 0 then
    r:chart{ kind = "bar", data = counts, x = "name", y = "documents",
      title = "Title mentions per person (person × title × document)" }
  end
end
script.output(r, o)
