-- Builds the sample report used by tests/cli/browser_report.sh: every kind
-- of report item (section, paragraph, table, KWIC, document, bar, line and
-- stacked charts) with Vietnamese text. Usage: tinsh sample_report.lua OUT.html
local report = require("report")
local frame = require("frame")

local out = arg[1] or "report.html"
local places = frame.new({
  { place = "Hạ Long", mentions = 42 },
  { place = "Móng Cái", mentions = 31 },
  { place = "Cẩm Phả", mentions = 17 },
  { place = "Uông Bí", mentions = 9.5 },
  { place = "Đông Triều", mentions = 4 },
}, { "place", "mentions" })

local years = {}
for y = 2015, 2024 do
  years[#years + 1] = { year = y, kind = "Nghị quyết", n = (y * 7) % 23 + 5 }
  years[#years + 1] = { year = y, kind = "Kết luận", n = (y * 5) % 17 + 2 }
  if y >= 2018 then years[#years + 1] = { year = y, kind = "Chỉ thị", n = (y * 3) % 11 + 1 } end
end
years = frame.new(years, { "year", "kind", "n" })

local r = report.new("Báo cáo: Quảng Ninh trên báo chí", {
  subtitle = "Địa danh, văn bản và phỏng vấn", date = "2024-03-04T15:18:00+07:00" })
r:section("Địa danh được nhắc đến")
r:paragraph("Các địa danh xuất hiện nhiều nhất trong kho bài viết <mẫu> & \"trích dẫn\".")
r:table(places, { caption = "Số lần nhắc đến theo địa danh" })
r:chart{ kind = "bar", data = places, x = "place", y = "mentions", title = "Địa danh (biểu đồ cột)" }
r:section("Văn bản theo năm")
r:chart{ kind = "line", data = years, x = "year", y = "n", series = "kind", title = "Văn bản theo năm" }
r:chart{ kind = "stack", data = years:where(function(x) return x.year >= 2020 end),
  x = "year", y = "n", series = "kind", title = "Tỷ trọng loại văn bản" }
r:section("Ngữ cảnh")
r:kwic({
  { left = "đồng chí Nguyễn Xuân Ký, Bí thư Tỉnh ủy, làm việc tại", match = "Móng Cái",
    right = "về phát triển kinh tế cửa khẩu", doc = "Bài 1" },
  { left = "khu kinh tế cửa khẩu", match = "Móng Cái", right = "đạt 57,7% kế hoạch", title = "Bài 2" },
}, { caption = "Móng Cái trong ngữ cảnh" })
r:section("Phỏng vấn")
r:document{
  title = "Đồng chí Nguyễn Xuân Ký trả lời phỏng vấn",
  published = "2024-03-04T15:18:00+07:00", author = "Cao Quỳnh",
  lead = "Tỉnh Quảng Ninh đặt mục tiêu tăng trưởng hai con số.",
  qa = { { q = "Thưa đồng chí, mục tiêu năm 2024 là gì?", a = "Tăng trưởng GRDP 10%.\n\nGiữ vững an ninh." } },
}
assert(r:save(out))
