-- Test plan (stdlib/export.lua): exact output of every built-in format
-- (csv with RFC 4180 quoting + CRLF + BOM option + sep/eol/header/quote,
-- tsv escaping, json/jsonl in column order with nulls, Markdown pipe table
-- with escaping and right-aligned numbers, HTML table escaping and page
-- shell, txt); data shapes (frame, records, scalars, map, to_records and
-- to_frame objects, nested values as JSON); write() to a file, to stdout,
-- expected failure (nil, msg) vs misuse (raises); format_of, formats;
-- Pandoc-style writers and register(), including f:export("x.name").
local check = dofile("tests/lua/lib/check.lua")
local export = require("export")
local frame = require("frame")
local json = require("json")

local function tmpfile(ext)
  return os.tmpname() .. ext
end

local function slurp(path)
  local fh = assert(io.open(path, "rb"))
  local s = fh:read("a")
  fh:close()
  return s
end

local tricky = frame.new({
  { name = "Móng Cái, Quảng Ninh", quote = 'say "xin chào"', text = "dòng 1\ndòng 2", n = 57.7 },
  { name = "đồng chí Nguyễn Xuân Ký", quote = "", text = "a\r\nb", n = 5000 },
  { name = "tab\there", n = nil },
}, { "name", "quote", "text", "n" })

check.test("csv", function()
  local s = export.tostring(tricky, "csv")
  check.eq(s, 'name,quote,text,n\r\n'
    .. '"Móng Cái, Quảng Ninh","say ""xin chào""","dòng 1\ndòng 2",57.7\r\n'
    .. 'đồng chí Nguyễn Xuân Ký,,"a\r\nb",5000\r\n'
    .. 'tab\there,,,\r\n', "RFC 4180 quoting, CRLF")
  local bom = export.tostring(tricky:top(1), "csv", { bom = true })
  check.eq(bom:sub(1, 3), "\xEF\xBB\xBF", "BOM first")
  check.eq(bom:sub(4), export.tostring(tricky:top(1), "csv"), "then the same CSV")
  check.eq(export.tostring(tricky:top(1):select("n"), "csv", { header = false, eol = "\n" }), "57.7\n",
    "header=false, eol")
  check.eq(export.tostring(frame.new{ { a = "x;y", b = 1 } }, "csv", { sep = ";" }), 'a;b\r\n"x;y";1\r\n', "sep")
  check.eq(export.tostring(frame.new{ { a = "x" } }, "csv", { quote = "all" }), '"a"\r\n"x"\r\n', "quote=all")
  check.eq(export.tostring(frame.new{ { a = { 1, "b" }, b = { k = true } } }, "csv"),
    'a,b\r\n"[1,""b""]","{""k"":true}"\r\n', "nested values become JSON")
  check.eq(export.tostring(frame.new{ { a = true, b = 0.1 + 0.2, c = 2 ^ 53 } }, "csv"),
    "a,b,c\r\ntrue,0.30000000000000004,9007199254740992\r\n", "booleans and exact numbers")
  check.eq(export.tostring(frame.new{}, "csv"), "", "empty frame, no columns")
  check.eq(export.tostring(frame.new({}, { "a", "b" }), "csv"), "a,b\r\n", "empty frame with columns")
end)

check.test("tsv", function()
  check.eq(export.tostring(tricky, "tsv"),
    "name\tquote\ttext\tn\n"
    .. 'Móng Cái, Quảng Ninh\tsay "xin chào"\tdòng 1\\ndòng 2\t57.7\n'
    .. "đồng chí Nguyễn Xuân Ký\t\ta\\r\\nb\t5000\n"
    .. "tab\\there\t\t\t\n")
end)

check.test("json and jsonl", function()
  local s = export.tostring(tricky:top(2), "json", { indent = 0 })
  check.eq(s, '[{"name":"Móng Cái, Quảng Ninh","quote":"say \\"xin chào\\"","text":"dòng 1\\ndòng 2","n":57.7},'
    .. '{"name":"đồng chí Nguyễn Xuân Ký","quote":"","text":"a\\r\\nb","n":5000}]\n', "column order")
  local back = json.decode(export.tostring(tricky, "json"))
  check.eq(#back, 3)
  check.eq(back[1].name, "Móng Cái, Quảng Ninh", "pretty JSON decodes")
  check.ok(back[3].n == json.null, "missing value is null")
  local l = export.tostring(tricky, "jsonl")
  local lines = {}
  for line in l:gmatch("([^\n]*)\n") do lines[#lines + 1] = line end
  check.eq(#lines, 3, "one line per record")
  check.eq(lines[3], '{"name":"tab\\there","quote":null,"text":null,"n":null}')
  check.eq(json.decode(lines[2]).text, "a\r\nb")
  check.eq(export.tostring(frame.new{}, "json"), "[]\n")
end)

check.test("markdown", function()
  local f = frame.new({ { place = "Hạ Long", n = 12 }, { place = "a|b <i>", n = 7 } }, { "place", "n" })
  check.eq(export.tostring(f, "md"),
    "| place      |   n |\n"
    .. "| ---------- | --: |\n"
    .. "| Hạ Long    |  12 |\n"
    .. "| a\\|b \\<i\\> |   7 |\n", "pipe table padded by display width")
  check.contains(export.tostring(frame.new{ { a = "x\ny" } }, "md"), "x<br>y", "newline in cell")
  check.contains(export.tostring(f, "md", { caption = "Bảng 1" }), "\nBảng 1\n", "caption")
  check.eq(export.md_escape("a_b*c"), "a\\_b\\*c")
  check.eq(export.md_escape("# đầu\n- mục"), "\\# đầu\n\\- mục", "line-leading markup")
end)

check.test("html", function()
  local f = frame.new({ { t = "<b>Móng Cái</b> & \"x\"", n = 3 } }, { "t", "n" })
  local frag = export.tostring(f, "html", { fragment = true, caption = "Chú thích" })
  check.eq(frag, "<table>\n<caption>Chú thích</caption>\n"
    .. '<thead><tr><th>t</th><th class="num">n</th></tr></thead>\n<tbody>\n'
    .. '<tr><td>&lt;b&gt;Móng Cái&lt;/b&gt; &amp; &quot;x&quot;</td><td class="num">3</td></tr>\n'
    .. "</tbody>\n</table>\n")
  local page = export.tostring(f, "html", { title = "Tiêu đề" })
  check.contains(page, '<meta charset="utf-8">')
  check.contains(page, "<title>Tiêu đề</title>")
  check.contains(page, "<h1>Tiêu đề</h1>")
  check.contains(page, "font-family:system-ui,sans-serif")
  check.ok(not page:find("https?://"), "no URLs")
  check.eq(export.html_escape("<'&'>"), "&lt;&#39;&amp;&#39;&gt;")
  check.contains(export.html_table(frame.new{ { a = 1 }, { a = 2 } }, { limit = 1 }), "(1 of 2 rows)")
  check.contains(export.html_page("T", "<p>x</p>"), "<body>\n<p>x</p></body>")
end)

check.test("txt", function()
  local f = frame.new({ { a = "Hạ Long", n = 1 } }, { "a", "n" })
  check.eq(export.tostring(f, "txt"), f:render{ maxwidth = math.huge } .. "\n")
end)

check.test("data shapes", function()
  check.eq(export.tostring({ { a = 1, b = "x" } }, "csv"), "a,b\r\n1,x\r\n", "records")
  check.eq(export.tostring({ "Hạ Long", "Móng Cái" }, "csv"), "value\r\nHạ Long\r\nMóng Cái\r\n",
    "list of scalars is one column")
  check.eq(export.tostring({ b = 2, a = 1 }, "csv"), "key,value\r\na,1\r\nb,2\r\n", "map")
  check.eq(export.tostring({ b = 2, a = { 1 } }, "json", { indent = 0 }), '{"a":[1],"b":2}\n', "map stays an object in JSON")
  check.eq(export.tostring({ title = "Tựa", n = 1 }, "jsonl"), '{"n":1,"title":"Tựa"}\n', "map in JSONL: one line")
  local obj = { to_records = function() return { { id = "x1", title = "Tựa" } }, { "title", "id" } end }
  check.eq(export.tostring(obj, "csv"), "title,id\r\nTựa,x1\r\n", "to_records with columns")
  local obj2 = { to_frame = function() return frame.new({ { z = 1 } }) end }
  check.eq(export.tostring(obj2, "csv"), "z\r\n1\r\n", "to_frame")
  check.eq(export.tostring(tricky, "csv", { columns = { "n", "name" } }):match("^[^\r]*"), "n,name",
    "opts.columns")
end)

check.test("write", function()
  local path = tmpfile(".csv")
  check.eq(export.write(tricky, path), true)
  check.eq(slurp(path), export.tostring(tricky, "csv"))
  os.remove(path)
  local jpath = tmpfile(".JSON")
  check.ok(export.write(tricky, jpath), "extension case-insensitive")
  check.eq(slurp(jpath), export.tostring(tricky, "json"))
  os.remove(jpath)
  local other = tmpfile(".dat")
  check.ok(export.write(tricky, other, { format = "tsv" }), "explicit format")
  check.eq(slurp(other), export.tostring(tricky, "tsv"))
  os.remove(other)
  local ok, msg = export.write(tricky, "/nonexistent-dir/x.csv")
  check.eq(ok, nil, "cannot open: nil")
  check.match(msg, "^/nonexistent%-dir/x%.csv: ", "message names the file")
  check.raises(function() export.write(tricky, "x.unknownext") end, "cannot tell the format")
  check.raises(function() export.write(tricky, "noext") end, "cannot tell the format")
  check.raises(function() export.tostring(tricky, "nope") end, "unknown format 'nope'")
  check.raises(function() export.write(tricky, 42) end, "path string expected")
  -- stdout
  local tmp = os.tmpname()
  local saved = io.stdout
  io.stdout = assert(io.open(tmp, "wb"))
  local r1 = export.write(tricky:top(1), "-", { format = "jsonl" })
  local r2 = export.write(tricky:top(1))
  io.stdout:close()
  io.stdout = saved
  check.eq(r1, true)
  check.eq(r2, true)
  check.eq(slurp(tmp), export.tostring(tricky:top(1), "jsonl") .. export.tostring(tricky:top(1), "csv"),
    "'-' and nil write to stdout (csv by default)")
  os.remove(tmp)
end)

check.test("format_of and formats", function()
  check.eq(export.format_of("a/b.CSV"), "csv")
  check.eq(export.format_of("x.markdown"), "markdown")
  check.eq(export.format_of("x.zip"), nil)
  local names = export.formats()
  for _, f in ipairs{ "csv", "tsv", "json", "jsonl", "md", "html", "txt" } do
    local found = false
    for _, n in ipairs(names) do if n == f then found = true end end
    check.ok(found, "format " .. f)
  end
end)

local doc = {
  title = "Phỏng vấn Bí thư", published = "2024-03-04", author = "Cao Quỳnh",
  blocks = {
    { kind = "title", text = "Phỏng vấn Bí thư" },
    { kind = "lead", text = "Sapo." },
    { kind = "question", text = "Mục tiêu?" },
    { kind = "answer", text = "Tăng trưởng." },
    { kind = "boilerplate", text = "Bản quyền" },
  },
}

check.test("writer", function()
  local w = export.writer{
    title = function(b) return "# " .. b.text end,
    question = function(b) return "Q: " .. b.text end,
    answer = function(b, d) return "A: " .. b.text .. " (" .. d.author .. ")" end,
    boilerplate = function() return nil end,
    document = function(d, body) return "[" .. d.published .. "]\n" .. body end,
  }
  check.ok(export.is_writer(w))
  check.eq(w:write(doc), "[2024-03-04]\n# Phỏng vấn Bí thư\n\nSapo.\n\nQ: Mục tiêu?\n\nA: Tăng trưởng. (Cao Quỳnh)",
    "handlers per kind, default = plain text, nil skips, document wraps")
  local strict = export.writer{ default = false, question = function(b) return b.text end, separator = " | " }
  check.eq(strict:write(doc), "Mục tiêu?", "default = false drops unhandled")
  local d2 = export.writer{ default = function(b) return b.kind end, separator = "," }
  check.eq(d2:write(doc), "title,lead,question,answer,boilerplate", "default handler")
  check.eq(export.writer{}:write({ blocks = {} }), "", "empty document")
  check.raises(function() export.writer{ paragraph = "x" } end, "must be a function")
  check.raises(function() export.writer(1) end, "table expected")
  check.raises(function() export.writer{ separator = 5 } end, "field .separator. must be a string, got number")
  check.raises(function() export.writer{ extension = {} } end, "field .extension. must be a string, got table")
  check.raises(function() w:write(nil) end, "document expected")
end)

check.test("register", function()
  check.eq(export.register("qa", {
    question = function(b) return "Q: " .. b.text end,
    answer = function(b) return "A: " .. b.text end,
    default = false,
    separator = "\n",
  }), "qa")
  check.eq(export.tostring(doc, "qa"), "Q: Mục tiêu?\nA: Tăng trưởng.\n", "one document")
  check.eq(export.tostring({ doc, doc }, "qa"), "Q: Mục tiêu?\nA: Tăng trưởng.\nQ: Mục tiêu?\nA: Tăng trưởng.\n",
    "list of documents")
  local set = { { rank = 1 }, docs = function()
    local i = 0
    return function() i = i + 1; if i <= 2 then return doc end end
  end }
  check.eq(export.tostring(set, "qa"), "Q: Mục tiêu?\nA: Tăng trưởng.\nQ: Mục tiêu?\nA: Tăng trưởng.\n",
    "an object with a docs() iterator (result set) gives its documents")
  export.register("shout", function(data, opts)
    local f = frame.from(data)
    return (opts.prefix or "") .. #f .. " rows\n"
  end)
  local path = tmpfile(".shout")
  check.ok(tricky:export(path, { prefix = "> " }), "f:export with a registered format")
  check.eq(slurp(path), "> 3 rows\n")
  os.remove(path)
  local w = export.writer{ title = function(b) return "<" .. b.text .. ">" end, default = false }
  export.register("tt", w)
  check.eq(export.tostring(doc, "tt"), "<Phỏng vấn Bí thư>\n", "writer object")
  export.register("bad", function() return 42 end)
  check.raises(function() export.tostring({}, "bad") end, "string expected")
  check.raises(function() export.register("no way", function() end) end, "format name")
  check.raises(function() export.register("x", 1) end, "writer or function expected")
end)

check.test("help", function()
  for _, name in ipairs{ "write", "tostring", "writer", "register", "formats", "format_of",
    "html_escape", "md_escape", "html_table", "html_page" } do
    check.ok(type(export.__help[name]) == "string" and #export.__help[name] > 20, "help for " .. name)
  end
end)

check.done()
