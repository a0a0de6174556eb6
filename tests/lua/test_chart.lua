-- Test plan (stdlib/chart.lua): bar lengths in eighth blocks (full, partial,
-- tiny non-zero, zero/negative), label alignment by display width with
-- Vietnamese labels, value column, the three input shapes (map, pairs,
-- frame + column names, records with opts), width/max/title/labelwidth
-- options; sparklines (levels, flat, missing values, frame + column);
-- series_of long and wide formats; lines and stack text charts; errors;
-- help strings.
local check = dofile("tests/lua/lib/check.lua")
local chart = require("chart")
local frame = require("frame")
local display = require("tinsh.display")

local function lines_of(s)
  local out = {}
  for line in (s .. "\n"):gmatch("(.-)\n") do out[#out + 1] = line end
  return out
end

check.test("bar", function()
  check.eq(chart.bar(10, 10, 4), "████", "full")
  check.eq(chart.bar(5, 10, 4), "██", "half")
  check.eq(chart.bar(1, 8, 1), "▏", "one eighth")
  check.eq(chart.bar(3, 8, 1), "▍", "three eighths")
  check.eq(chart.bar(7, 8, 1), "▉", "seven eighths")
  check.eq(chart.bar(0.001, 100, 10), "▏", "tiny non-zero is visible")
  check.eq(chart.bar(0, 10, 10), "", "zero")
  check.eq(chart.bar(-3, 10, 10), "", "negative")
  check.eq(chart.bar(5, 0, 10), "", "zero scale")
end)

check.test("bars", function()
  local s = chart.bars({ { "Hạ Long", 8 }, { "Móng Cái", 4 }, { "x", 1 } }, { width = 8 })
  local l = lines_of(s)
  check.eq(l[1], "Hạ Long  ████████ 8")
  check.eq(l[2], "Móng Cái ████     4")
  check.eq(l[3], "x        █        1")
  check.eq(display.width(l[1]), display.width(l[2]), "aligned by display width")
  local m = chart.bars({ ["Cẩm Phả"] = 2, ["Uông Bí"] = 4 }, { width = 4 })
  check.eq(m, "Cẩm Phả ██   2\nUông Bí ████ 4", "map sorted by label")
  local f = frame.new({ { place = "A", n = 2, other = 9 }, { place = "B", n = 1, other = 0 } },
    { "place", "n", "other" })
  check.eq(chart.bars(f, "place", "n", { width = 2 }), "A ██ 2\nB █  1", "frame + column names")
  check.eq(chart.bars(f, { label = "place", value = "other", width = 9 }), "A █████████ 9\nB           0",
    "opts.label/value")
  check.eq(chart.bars(f, { width = 2 }), "A ██ 2\nB █  1", "defaults: first text and numeric columns")
  check.eq(chart.bars({ { "a", 1 } }, { width = 4, max = 4, title = "T" }), "T\na █    1", "max and title")
  check.eq(chart.bars({ { "Nguyễn Xuân Ký", 1 } }, { width = 1, labelwidth = 5 }), "Nguy… █ 1", "labelwidth")
  check.eq(chart.bars({ { "a", 1 / 3 } }, { width = 1 }), "a █ 0.33", "values with 2 decimals")
  check.eq(chart.bars({ { "a", 1 } }, { width = 1, format = function(v) return v .. "%" end }), "a █ 1%",
    "format")
  check.eq(chart.bars({}), "", "no data")
  check.raises(function() chart.bars(5) end, "table expected")
  check.raises(function() chart.bars({ { a = "x" } }) end, "no numeric column")
end)

check.test("spark", function()
  check.eq(chart.spark{ 1, 2, 3, 4, 5, 6, 7, 8 }, "▁▂▃▄▅▆▇█")
  check.eq(chart.spark{ 0, 10 }, "▁█")
  check.eq(chart.spark{ 5, 5, 5 }, "▄▄▄", "flat")
  check.eq(chart.spark{ 1, nil, 3, n = 3 }, "▁ █", "missing value is a space")
  check.eq(chart.spark{}, "")
  local f = frame.new{ { y = 2019, n = 1 }, { y = 2020, n = 3 } }
  check.eq(chart.spark(f, "n"), "▁█", "frame + column")
  check.eq(chart.spark(f:select("n")), "▁█", "frame: first numeric column")
  check.eq(chart.spark({ 5, 10 }, { min = 0 }), "▅█", "opts.min")
  check.raises(function() chart.spark(3) end, "table expected")
end)

local long = frame.new({
  { year = 2021, kind = "b", n = 4 },
  { year = 2020, kind = "a", n = 1 },
  { year = 2020, kind = "b", n = 3 },
  { year = 2021, kind = "a", n = 4 },
  { year = 2021, kind = "a", n = 2 },
}, { "year", "kind", "n" })

check.test("series_of", function()
  local s = chart.series_of(long, { x = "year", y = "n", series = "kind" })
  check.eq(s.xs, { 2021, 2020 }, "first-seen x")
  check.eq(s.names, { "b", "a" })
  check.eq(s.value.a, { [2020] = 1, [2021] = 6 }, "duplicates summed")
  local sorted = chart.series_of(long, { x = "year", y = "n", series = "kind", sort_x = true })
  check.eq(sorted.xs, { 2020, 2021 })
  local wide = frame.new({ { year = 2020, a = 1, b = 2, note = "x" }, { year = 2021, a = 3 } },
    { "year", "a", "b", "note" })
  local w = chart.series_of(wide, { x = "year" })
  check.eq(w.names, { "a", "b" }, "wide: numeric columns")
  check.eq(w.value.b, { [2020] = 2 })
  check.eq(chart.series_of(wide, { x = "year", series = { "b" } }).names, { "b" }, "wide: listed")
  check.eq(chart.series_of(wide, { x = "year", y = "a" }).names, { "a" }, "single y")
  local m = chart.series_of({ [2020] = 5, [2021] = 7 }, {})
  check.eq(m.xs, { 2020, 2021 }, "map: x = key")
  check.eq(m.value.value, { [2020] = 5, [2021] = 7 })
  check.raises(function() chart.series_of(frame.new{ { a = "x" } }, {}) end, "no numeric column")
end)

check.test("lines", function()
  local s = chart.lines(long, { x = "year", y = "n", series = "kind" })
  check.eq(s, "b ▁█  min 3  max 4  last 4\na ▁█  min 1  max 6  last 6\n  2020 … 2021 (2 points)")
  local t = chart.lines({ [2020] = 1, [2021] = 2, [2022] = 3 }, { title = "T" })
  check.eq(lines_of(t)[1], "T")
  check.contains(t, "value ▁▅█")
end)

check.test("stack", function()
  local s = chart.stack(long, { x = "year", y = "n", series = "kind", width = 10 })
  local l = lines_of(s)
  check.eq(#l, 3)
  check.eq(l[1], "2021 ████▓▓▓▓▓▓ 10", "40% / 60%")
  check.eq(l[2], "2020 ████████▓▓ 4", "75% / 25% (rounded)")
  check.eq(l[3], "     █ b  ▓ a", "legend")
  local z = chart.stack(frame.new{ { x = "k", a = 0 } }, { x = "x", width = 4 })
  check.eq(lines_of(z)[1], "k      0", "all-zero row is empty")
end)

check.test("help", function()
  for _, name in ipairs{ "bars", "spark", "lines", "stack", "series_of", "pairs_of", "bar" } do
    check.ok(type(chart.__help[name]) == "string" and #chart.__help[name] > 20, "help for " .. name)
  end
end)

check.done()
