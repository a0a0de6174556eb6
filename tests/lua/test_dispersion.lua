-- Test plan: m:dispersion() on a match set of the example corpus (records
-- built by tests/lua/lib/match_rows.lua), checked against values
-- recomputed here:
--  * one row per document in the set's order of documents, its number of
--    matches, and each relative position = (block offset + s - 1) / the
--    document text's length, offsets and lengths read with plain SQL;
--  * the terminal plot: one line per document no wider than the width
--    asked, a mark per match cell, the footer; limit cuts;
--  * the SVG: well-formed XML (python3 when present), one tick per match,
--    one label per document; save_svg writes it, a bad path gives nil, msg;
--  * a report embeds it (r:figure): SVG in HTML, text in Markdown;
--  * misuse raises "bad argument".
local check = dofile("tests/lua/lib/check.lua")
local fx = dofile("tests/lua/lib/corpus_fixture.lua")
local mr = dofile("tests/lua/lib/match_rows.lua")
local query = require("corpus.query")
local display = require("tinsh.display")

local c = fx.open()
local m = query.make(c, "phát triển", mr.rows(c, "phát triển"))

check.test("rows and positions", function()
  local d = m:dispersion()
  local f = d:frame()
  check.eq(#d, #m:ids(), "one row per document")
  local off, len = {}, {}
  for _, b in ipairs(c:sql("SELECT doc, seq, off FROM blocks")) do off[b.doc .. ":" .. b.seq] = b.off end
  for _, r in ipairs(c:sql("SELECT id, length(CAST(text AS BLOB)) AS n FROM documents")) do len[r.id] = r.n end
  local want = {}
  for _, r in ipairs(m) do
    want[r.rowid] = want[r.rowid] or {}
    table.insert(want[r.rowid], (off[r.rowid .. ":" .. r.seq] + r.s - 1) / len[r.rowid])
  end
  for i, row in ipairs(f) do
    check.eq(row.rowid, m:ids()[i], "row order")
    local w = want[row.rowid]
    table.sort(w)
    check.eq(row.matches, #w, "matches of #" .. row.rowid)
    local p = {}
    for j, x in ipairs(w) do p[j] = string.format("%.3f", x) end
    check.eq(row.positions, table.concat(p, " "), "positions of #" .. row.rowid)
  end
  local sorted = m:sort{ "date" }
  check.eq(sorted:dispersion():frame():column("rowid"), { n = #sorted:ids(), table.unpack(sorted:ids()) },
    "a sorted set plots in its order")
end)

check.test("terminal", function()
  local d = m:dispersion()
  local text = d:render{ width = 60 }
  local lines = {}
  for l in text:gmatch("[^\n]+") do lines[#lines + 1] = l end
  check.eq(#lines, #d + 1, "a line per document and the footer")
  local f = d:frame()
  for i = 1, #d do
    check.ok(display.width(lines[i]) <= 60, "line " .. i .. " fits in 60 columns")
    check.ok(lines[i]:find("#" .. f[i].rowid, 1, true) == 1, "label of line " .. i)
    local _, one = lines[i]:gsub("│", "")
    local _, more = lines[i]:gsub("┃", "")
    local marks = one + more
    check.ok(marks >= 1 and marks <= f[i].matches, "marks of line " .. i)
    check.match(lines[i], "▏%s*" .. f[i].matches .. "$", "count of line " .. i)
  end
  check.contains(lines[#lines], #m .. " matches in " .. #d .. " documents", "footer")
  local cut = d:render{ width = 80, limit = 2 }
  check.contains(cut, "2 of " .. #d .. " documents shown", "limit")
  check.contains(tostring(d), "matches in", "tostring")
end)

check.test("svg", function()
  local d = m:dispersion()
  local svg = d:svg()
  check.match(svg, "^<svg xmlns=\"http://www.w3.org/2000/svg\"", "an SVG document")
  local _, ticks = svg:gsub('class="hit"', "")
  check.eq(ticks, #m, "one tick per match")
  local _, labels = svg:gsub('class="label"', "")
  check.eq(labels, #d, "one label per document")
  local path = fx.build():gsub("[^/]*$", "") .. "disp.svg"
  check.eq(d:save_svg(path), true, "saved")
  local fh = io.open(path, "rb")
  check.eq(fh:read("a"), svg, "the file holds the SVG")
  fh:close()
  if os.execute("command -v python3 >/dev/null 2>&1") then
    local ok = os.execute("python3 -c 'import sys, xml.dom.minidom as m; m.parse(sys.argv[1])' " ..
      fx.quote(path) .. " 2>/dev/null")
    check.ok(ok, "well-formed XML")
  end
  local ok, err = d:save_svg("/nonexistent-dir/x.svg")
  check.eq(ok, nil, "bad path: nil")
  check.ok(type(err) == "string", "and a message")
  local hostile = query.make(c, "<&\"\1>", mr.rows(c, "phát triển"))
  check.ok(not hostile:dispersion():svg():find("<&", 1, true), "the pattern is escaped")
end)

check.test("in a report", function()
  local d = m:dispersion()
  local r = require("report").new("r"):figure(d, { caption = "phát triển" })
  local html = r:render("html")
  check.contains(html, "<figcaption>phát triển</figcaption>", "caption")
  local _, ticks = html:gsub('class="hit"', "")
  check.eq(ticks, #m, "the SVG inline, a tick per match")
  check.ok(not html:find("https?://"), "no URL in the page (xmlns dropped)")
  check.contains(r:render("md"), d:render{ width = 80 }, "the text plot in Markdown")
  check.raises(function() r:figure({}) end, "bad argument #1 to 'figure'")
end)

check.test("misuse", function()
  local d = m:dispersion()
  check.raises(function() d:save_svg(1) end, "bad argument #1 to 'save_svg'")
  check.raises(function() d:render{ width = -1 } end, "bad argument #1 to 'render'")
  check.raises(function() d:svg{ bogus = 1 } end, "bad argument #1 to 'svg'")
  check.raises(function() m:dispersion{ x = 1 } end, "bad argument #1 to 'dispersion'")
end)

fx.cleanup()
check.done()
