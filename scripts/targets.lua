--- title: Targets: "phấn đấu / mục tiêu / chỉ tiêu ... đến năm N"
--- usage: tinsh run targets [--place P] [--year N] [--format text|md|html|csv] [--out FILE]
--- Every target statement — a sentence with "phấn đấu", "mục tiêu" or
--- "chỉ tiêu" and a target year ("đến năm 2025", "trước năm 2020", "vào
--- năm 2025") — with the figures it sets, grouped by place and target
--- year. A sentence with a trigger word but no year takes the year of the
--- target before it in the same paragraph ("Phấn đấu đến năm 2025, ...
--- Phấn đấu 100% thôn đạt chuẩn" → 2025).
---   --place P   only statements about place P (accent-insensitive substring)
---   --year N    only targets for year N
--- CSV: target_year, place, statement, figures, rowid, when, document.
local script = require("tinsh.script")
local frame = require("frame")
local core = require("tinsh.core")
local split = require("corpus.doc").split_sentences

local o = script.args(arg, { options = { place = "string", year = "integer" } })
local c = o.corpus
local docmap = script.doc_map(c)

local TRIGGERS = { "phan dau", "muc tieu", "chi tieu" }
local function has_trigger(folded)
  for _, t in ipairs(TRIGGERS) do
    if folded:find("%f[%w]" .. t .. "%f[%W]") then return true end
  end
  return false
end
-- the first target year: (đến|trước|vào|tới) [hết] năm N, or "đến N"
local function target_year(folded)
  local y = folded:match("%f[%w]den het nam (%d%d%d%d)%f[%D]")
    or folded:match("%f[%w]den nam (%d%d%d%d)%f[%D]")
    or folded:match("%f[%w]truoc nam (%d%d%d%d)%f[%D]")
    or folded:match("%f[%w]vao nam (%d%d%d%d)%f[%D]")
    or folded:match("%f[%w]toi nam (%d%d%d%d)%f[%D]")
    or folded:match("%f[%w]den (%d%d%d%d)%f[%D]")
  return y and tonumber(y)
end

-- The places of a document, longest names first (to match in sentences).
local function places_of(rowid)
  local list = {}
  for _, p in ipairs(c:sql("SELECT name, sum(mentions) AS n FROM places WHERE doc = ? " ..
      "GROUP BY name ORDER BY n DESC", { rowid })) do
    list[#list + 1] = { name = p.name, folded = core.fold(p.name) }
  end
  return list
end

-- block kinds not searched (questions restate the answer's targets)
local SKIP = { banner = 1, boilerplate = 1, related = 1, question = 1, byline = 1, dateline = 1 }

local function fig_text(fg)
  local subj = fg.subject and require("tinsh.display").truncate(fg.subject, 30)
  return fg.text .. (subj and (" (" .. subj .. ")") or "")
end

-- only documents with a trigger word (full-text index; accent-stripped
-- tokens are indexed, so "phan dau" finds "phấn đấu")
local WITH_TRIGGER = { where = "d.id IN (SELECT rowid FROM fts WHERE fts MATCH ?)",
  params = { '"phan dau" OR "muc tieu" OR "chi tieu"' } }

local rows = {}
for d in c:docs(WITH_TRIGGER) do
  local figs = c:sql("SELECT text, value, unit, subject FROM figures WHERE doc = ? ORDER BY seq",
    { d.rowid })
  local places = places_of(d.rowid)
  local main_place = places[1] and places[1].name
  for _, b in ipairs(d.blocks) do
    if SKIP[b.kind] == nil then
      local sentences = {}
      split(b.text, sentences)
      local carried
      for _, s in ipairs(sentences) do
        local f = core.fold(s)
        local y = target_year(f)
        local trig = has_trigger(f)
        if trig and y then carried = y end
        if trig and (y or carried) then
          local place
          for _, p in ipairs(places) do
            if f:find(p.folded, 1, true) then place = p.name; break end
          end
          local fl = {}
          for _, fg in ipairs(figs) do
            if s:find(fg.text, 1, true) then
              fl[#fl + 1] = fig_text(fg)
            end
          end
          local dd = docmap[d.rowid]
          rows[#rows + 1] = { target_year = y or carried, place = place or main_place or "?",
            statement = s, figures = table.concat(fl, "; "), rowid = d.rowid,
            when = script.when(dd), year = dd and dd.year, document = dd and dd.label }
        end
      end
    end
  end
end

local f = frame.new(rows, { "target_year", "place", "statement", "figures", "rowid", "when",
  "year", "document" })
if o.place then
  local want = core.fold(o.place)
  f = f:where(function(r)
    return core.fold(r.place):find(want, 1, true) or core.fold(r.statement):find(want, 1, true)
  end)
end
if o.year then f = f:where{ target_year = o.year } end
f = f:sort{ "place", "target_year", "rowid" }

local r = script.report("Targets by place and year", {
  subtitle = "phấn đấu / mục tiêu / chỉ tiêu … đến năm N" })
local nfig = 0
for _, x in ipairs(f) do if x.figures ~= "" then nfig = nfig + 1 end end
local ndocs = #f:group("rowid")
r:paragraph(string.format("%d target statements in %d document%s; %d of them set figures.",
  #f, ndocs, ndocs == 1 and "" or "s", nfig))
if #f > 0 then
  local per = f:group("target_year", "place"):count("statements"):sort{ "target_year", "place" }
  r:table(per, { caption = "Statements per target year and place" })
  if o.format ~= "text" then
    r:chart{ kind = "stack", data = per:map(function(x)
      x.target_year = tostring(x.target_year); return x end),
      x = "target_year", y = "statements", series = "place",
      title = "Statements per target year (share by place)" }
  end
end
if o.format == "csv" then
  r:table(f:select("target_year", "place", "statement", "figures", "rowid", "when", "document"),
    { csv = true })
else
  for key, g in f:group("place"):frames() do
    r:section(tostring(key.place))
    if o.format == "html" then -- cells wrap in HTML: one table per place
      r:table(g:map(function(x) x.source = "#" .. x.rowid .. " " .. x.when; return x end),
        { columns = { "target_year", "statement", "figures", "source" } })
      goto next_place
    end
    for _, x in ipairs(g) do
      r:paragraph(string.format("→ %d  (#%d, %s)\n%s%s", x.target_year, x.rowid, x.when,
        x.statement, x.figures ~= "" and ("\nFigures: " .. x.figures) or ""))
    end
    ::next_place::
  end
end
script.output(r, o)
