-- Test plan (stdlib/report.lua): the builder (every method chains and
-- validates its arguments); Markdown output (title/meta, sections, escaped
-- paragraphs, pipe tables with caption and row limit, KWIC block aligned
-- by display width, document with date/author/lead/Q&A or full body,
-- text charts in fenced blocks); HTML output (one self-contained page: UTF-8
-- meta, system-ui font, no URLs/scripts/external assets, escaping, tables,
-- KWIC with <mark>, documents, SVG bar/line/stack charts with the expected
-- shapes, ticks and legend); save() by extension, expected failure vs
-- misuse; helpers format_date, ticks, x_number; help strings.
local check = dofile("tests/lua/lib/check.lua")
local report = require("report")
local frame = require("frame")
local json = require("json")

local places = frame.new({
  { place = "Hạ Long", n = 42 },
  { place = "Móng Cái", n = 31 },
  { place = "<Cẩm Phả>", n = 17 },
}, { "place", "n" })

local years = frame.new({
  { year = 2020, kind = "Nghị quyết", n = 3 },
  { year = 2021, kind = "Nghị quyết", n = 5 },
  { year = 2020, kind = "Kết luận", n = 1 },
  { year = 2022, kind = "Kết luận", n = 4 },
}, { "year", "kind", "n" })

local doc = {
  title = "Đồng chí Nguyễn Xuân Ký trả lời phỏng vấn", published = "2024-03-04T15:18:00+07:00",
  author = "Cao Quỳnh", site = json.null, lead = "Sapo của bài.",
  qa = { { q = "Mục tiêu năm 2024?", a = "Tăng trưởng 10%.\n\nGiữ vững an ninh." } },
  blocks = {
    { kind = "title", text = "Đồng chí Nguyễn Xuân Ký trả lời phỏng vấn" },
    { kind = "heading", text = "Phát triển" },
    { kind = "paragraph", text = "Đoạn thân bài." },
    { kind = "boilerplate", text = "Bản quyền" },
  },
}

local function count(s, pat)
  local n = 0
  for _ in s:gmatch(pat) do n = n + 1 end
  return n
end

local function full_report()
  local r = report.new("Báo cáo Quảng Ninh", { subtitle = "Thử nghiệm", date = "2024-03-04" })
  r:section("Địa danh"):paragraph("Đoạn 1 & <b>.\n\nĐoạn 2.")
  r:table(places, { caption = "Bảng địa danh" })
  r:chart{ kind = "bar", data = places, x = "place", y = "n", title = "Cột" }
  r:chart{ kind = "line", data = years, x = "year", y = "n", series = "kind", title = "Đường" }
  r:chart{ kind = "stack", data = years, x = "year", y = "n", series = "kind", title = "Tỷ trọng" }
  r:kwic({ { left = "làm việc tại", match = "Móng Cái", right = "về kinh tế", doc = "Bài 1" } },
    { caption = "KWIC" })
  r:document(doc)
  return r
end

check.test("builder", function()
  local r = report.new("T")
  check.ok(report.is(r))
  check.ok(r:section("S") == r, "section chains")
  check.ok(r:paragraph("p") == r, "paragraph chains")
  check.ok(r:table(places) == r, "table chains")
  check.ok(r:kwic({}) == r, "kwic chains")
  check.ok(r:document(doc) == r, "document chains")
  check.ok(r:chart{ data = places } == r, "chart chains, bar by default")
  check.eq(#r.items, 6)
  check.raises(function() report.new(5) end, "string expected")
  check.raises(function() r:section() end, "string expected")
  check.raises(function() r:paragraph({}) end, "string expected")
  check.raises(function() r:table(3) end, "frame or records expected")
  check.raises(function() r:kwic(3) end, "list of lines")
  check.raises(function() r:kwic({ 3 }) end, "line 1 is not a table")
  check.raises(function() r:document(nil) end, "document expected")
  check.raises(function() r:chart{ kind = "pie", data = places } end, "kind must be")
  check.raises(function() r:chart{ kind = "bar" } end, "data missing")
  check.raises(function() r:chart{ kind = "bar", data = { { a = "x" } } } end, "no numeric column")
  check.raises(function() r:render("pdf") end, "'md' or 'html' expected")
end)

check.test("markdown", function()
  local md = full_report():render("md")
  check.eq(md:match("^[^\n]*"), "# Báo cáo Quảng Ninh", "title")
  check.contains(md, "\n*Thử nghiệm · 04/03/2024*\n", "meta line")
  check.contains(md, "\n## Địa danh\n", "section")
  check.contains(md, "\nĐoạn 1 & \\<b\\>.\n\nĐoạn 2.\n", "paragraphs escaped")
  check.contains(md, "**Bảng địa danh**\n\n| place       |   n |\n| ----------- | --: |\n| Hạ Long     |  42 |\n",
    "table with caption")
  check.contains(md, "| \\<Cẩm Phả\\> |  17 |", "cell escaped")
  check.contains(md, "**Cột**\n\n```text\nHạ Long   ████████████████████████████████████████ 42\n", "bar text chart")
  check.contains(md, "**Đường**\n\n```text\nNghị quyết ▁█", "line text chart")
  check.contains(md, "█ Nghị quyết  ▓ Kết luận", "stack legend")
  check.contains(md, "                            làm việc tại  Móng Cái  về kinh tế", "KWIC aligned")
  check.contains(md, "— Bài 1", "KWIC source")
  check.contains(md, "### Đồng chí Nguyễn Xuân Ký trả lời phỏng vấn\n\n*04/03/2024 15:18 · Cao Quỳnh*\n\n> Sapo của bài.",
    "document head (json.null site skipped)")
  check.contains(md, "**Q. Mục tiêu năm 2024?**\n\nA. Tăng trưởng 10%.\n\nGiữ vững an ninh.", "Q&A")
  check.eq(md:sub(-1), "\n")
  local lim = report.new("L"):table(places, { limit = 2 }):render("md")
  check.contains(lim, "*(2 of 3 rows)*", "row limit")
  local full = report.new("F"):document(doc, { full = true }):render("md")
  check.contains(full, "#### Phát triển\n\nĐoạn thân bài.", "full body")
  check.ok(not full:find("Bản quyền"), "boilerplate left out")
  check.ok(not full:find("Q%. "), "full body replaces Q&A")
  check.eq(tostring(report.new("X")), "# X\n", "__tostring is Markdown")
  check.eq(report.new("X"):render(), "# X\n", "md is the default")
end)

check.test("html", function()
  local html = full_report():render("html")
  check.match(html, "^<!DOCTYPE html>\n<html lang=\"vi\">", "doctype + lang")
  check.contains(html, '<meta charset="utf-8">')
  check.contains(html, "font-family:system-ui,sans-serif")
  check.ok(not html:find("https?://"), "no URL anywhere (no network)")
  check.ok(not html:lower():find("<script"), "no script")
  check.ok(not html:find("<link"), "no external stylesheet")
  check.ok(not html:find(" src="), "no src attribute")
  check.ok(not html:find("@import"), "no CSS import")
  check.contains(html, "<h1>Báo cáo Quảng Ninh</h1>")
  check.contains(html, "<h2>Địa danh</h2>")
  check.contains(html, "<p>Đoạn 1 &amp; &lt;b&gt;.</p>\n<p>Đoạn 2.</p>", "paragraphs escaped")
  check.contains(html, "<caption>Bảng địa danh</caption>")
  check.contains(html, "<td>&lt;Cẩm Phả&gt;</td><td class=\"num\">17</td>", "table cells")
  check.eq(count(html, "<svg "), 3, "three SVG charts")
  check.eq(count(html, "<figure class=\"chart\">"), 3)
  check.contains(html, "<figcaption>Cột</figcaption>")
  -- bar: one rect per item, longest = the largest value
  local bar = html:match("<figcaption>Cột</figcaption>\n(<svg.-</svg>)")
  check.eq(count(bar, "<rect "), 3, "one bar per item")
  local widths = {}
  for w in bar:gmatch('<rect x="[%d.]+" y="[%d.]+" width="([%d.]+)"') do widths[#widths + 1] = tonumber(w) end
  check.ok(widths[1] > widths[2] and widths[2] > widths[3], "bars proportional")
  check.near(widths[2] / widths[1], 31 / 42, 0.01, "bar ratio")
  check.contains(bar, ">&lt;Cẩm Phả&gt;</text>", "label escaped")
  -- line: one path per series, legend, year ticks
  local line = html:match("<figcaption>Đường</figcaption>\n(<svg.-</svg>)")
  check.eq(count(line, "<path "), 2, "one line per series")
  check.eq(count(line, "<circle "), 4, "one dot per point")
  check.contains(line, ">Nghị quyết</text>", "legend")
  for _, y in ipairs{ "2020", "2021", "2022" } do check.contains(line, ">" .. y .. "</text>", "x tick " .. y) end
  check.contains(line, ">0</text>", "y axis from 0")
  -- stack: segments per x, widths summing to the same total
  local stack = html:match("<figcaption>Tỷ trọng</figcaption>\n(<svg.-</svg>)")
  check.eq(count(stack, "<rect x="), 2 + 4, "legend swatches + segments")
  check.contains(stack, "75%", "share label")
  check.contains(html, '<td class="match"><mark>Móng Cái</mark></td>', "KWIC match marked")
  check.contains(html, '<td class="src">Bài 1</td>')
  check.contains(html, "<h3>Đồng chí Nguyễn Xuân Ký trả lời phỏng vấn</h3>")
  check.contains(html, '<p class="meta">04/03/2024 15:18 · Cao Quỳnh</p>')
  check.contains(html, "<dt>Mục tiêu năm 2024?</dt>\n<dd><p>Tăng trưởng 10%.</p>\n<p>Giữ vững an ninh.</p>\n</dd>")
  local nulls = report.new("N"):document{ title = json.null, lead = json.null,
    qa = { { q = "Hỏi?", a = json.null } } }
  check.contains(nulls:render("html"), "<dt>Hỏi?</dt>", "json.null answer")
  check.contains(nulls:render("md"), "### (untitled)", "json.null title")
  check.contains(report.new("E", { lang = "en" }):render("html"), '<html lang="en">', "lang option")
  check.contains(report.new("C", { css = "h1{color:red}" }):render("html"), "h1{color:red}", "extra css")
end)

check.test("line chart with dates and categories", function()
  local r = report.new("D")
  r:chart{ kind = "timeline", data = {
    { d = "2024-01-15", v = 1 }, { d = "2024-03-01", v = 3 }, { d = "2024-06-30", v = 2 } }, x = "d", y = "v" }
  local html = r:render("html")
  check.contains(html, "<path ", "a line")
  check.contains(html, ">03/2024</text>", "month tick")
  check.contains(html, ">06/2024</text>", "month tick")
  local small = report.new("S"):chart{ kind = "line", data = { { x = 2020, v = 0.02 }, { x = 2021, v = 0.05 } },
    x = "x", y = "v" }:render("html")
  check.contains(small, ">0.01</text>", "fractional y ticks keep their decimals")
  local c = report.new("C"):chart{ kind = "line", data = { { k = "một", v = 1 }, { k = "hai", v = 2 } },
    x = "k", y = "v" }:render("html")
  check.contains(c, ">một</text>", "categorical ticks")
  check.contains(c, ">hai</text>")
end)

check.test("save", function()
  local r = full_report()
  for _, ext in ipairs{ "md", "html" } do
    local path = os.tmpname() .. "." .. ext
    check.eq(r:save(path), true, "save ." .. ext)
    local fh = assert(io.open(path, "rb"))
    check.eq(fh:read("a"), r:render(ext), "saved content ." .. ext)
    fh:close()
    os.remove(path)
  end
  local ok, msg = r:save("/nonexistent-dir/r.html")
  check.eq(ok, nil, "cannot open: nil")
  check.match(msg, "nonexistent", "message")
  check.raises(function() r:save("r.pdf") end, "cannot tell the format")
  check.raises(function() r:save() end, "path expected")
end)

check.test("helpers", function()
  check.eq(report.format_date("2024-03-04T15:18:00+07:00"), "04/03/2024 15:18")
  check.eq(report.format_date("2017-05-02"), "02/05/2017")
  check.eq(report.format_date("hôm qua"), "hôm qua")
  check.eq(report.ticks(0, 42, 5), { 0, 10, 20, 30, 40, 50 })
  check.eq(report.ticks(0, 1, 4), { 0, 0.25, 0.5, 0.75, 1 })
  check.eq(report.ticks(5, 5), { 0, 1, 2, 3, 4, 5 }, "flat range includes 0")
  check.eq(report.ticks(0, 0), { 0, 1 })
  check.eq(report.tick_label(0.25), "0.25")
  check.eq(report.tick_label(12000), "12k")
  check.eq(report.tick_label(3500000), "3.5M")
  check.eq(report.tick_label(-5e12), "-5000B")
  check.eq(report.tick_label(40), "40")
  check.eq(report.x_number(2020), 2020)
  check.eq(report.x_number("2020"), 2020)
  check.near(report.x_number("2020-07-02"), 2020.5, 0.01)
  check.eq(report.x_number("một"), nil)
end)

check.test("help", function()
  for _, name in ipairs{ "new", "section", "paragraph", "table", "kwic", "document", "chart",
    "render", "save" } do
    check.ok(type(report.__help[name]) == "string" and #report.__help[name] > 20, "help for " .. name)
  end
end)

check.done()
