-- Test plan: what the tinsh host adds to Lua, seen from Lua.
-- tinsh.core (width, fit, isatty, color, normalize, lower, fold, dir,
-- sandboxed, clock, version), the stdlib searcher (require of stdlib
-- modules while package.path is untouched), the prelude's globals (help,
-- corpus when the corpus module exists), tinsh.pretty (trees, limits,
-- cycles, records as columns, __tostring) and tinsh.help.
local check = dofile("tests/lua/lib/check.lua")
local core = require("tinsh.core")

check.test("core.width counts display columns", function()
  check.eq(core.width("abc"), 3, "ascii")
  check.eq(core.width("Móng Cái"), 8, "precomposed Vietnamese")
  check.eq(core.width("Mo\u{301}ng Ca\u{301}i"), 8, "combining marks take 0")
  check.eq(core.width("中文"), 4, "wide characters take 2")
  check.eq(core.width(""), 0, "empty")
  check.eq(core.width("\xff\xfe"), 2, "invalid bytes take 1 each")
end)

check.test("core.fit never splits a character", function()
  local s, w = core.fit("Đảng bộ", 3)
  check.eq(s, "Đản", "prefix")
  check.eq(w, 3, "its width")
  s, w = core.fit("中文字", 3)
  check.eq(s, "中", "a wide char that does not fit is left out")
  check.eq(w, 2)
end)

check.test("core.normalize / lower / fold", function()
  check.eq(core.normalize("Mo\u{301}ng"), "Móng", "NFD -> NFC")
  check.eq(core.lower("ĐẢNG Bộ"), "đảng bộ", "case folding keeps marks")
  check.eq(core.fold("Đảng bộ Móng Cái"), "dang bo mong cai", "fold strips marks, đ -> d")
  local ok, msg = core.normalize("\xff")
  check.eq(ok, nil, "invalid UTF-8 fails")
  check.ok(type(msg) == "string", "with a message")
end)

check.test("core misc", function()
  check.ok(type(core.isatty("stdout")) == "boolean", "isatty")
  check.raises(function() core.isatty("nope") end, "invalid option")
  check.ok(type(core.color()) == "boolean", "color")
  check.match(core.dir("stdlib"), "stdlib$", "dir(stdlib)")
  check.raises(function() core.dir("bogus") end, "expected stdlib")
  check.eq(core.sandboxed(), false, "not sandboxed")
  check.eq(core.outdir(), nil, "no output folder outside the sandbox")
  local t0 = core.clock()
  check.ok(core.clock() >= t0, "clock is monotonic")
  check.match(core.version, "^%d+%.%d+%.%d+$", "version")
end)

check.test("stdlib modules load without touching package.path", function()
  local saved = package.path
  package.path = ""          -- only tinsh's own searcher can find it now
  package.loaded["tinsh.help"] = nil
  local ok, mod = pcall(require, "tinsh.help")
  package.path = saved
  check.ok(ok, "found by the stdlib searcher")
  check.eq(type(mod), "table", "tinsh.help")
  -- the searcher adds no line of its own: after the first line, only the
  -- standard searchers' "no field" / "no file" lines (a word such as
  -- "tinsh" proves nothing: a clone at /tmp/ci/tinsh puts it in every path)
  local ok2, msg = pcall(require, "no.such.module")
  local own = not ok2 and msg:find("^module 'no.such.module' not found:") ~= nil
  for line in tostring(msg):gmatch("\n([^\n]*)") do
    own = own and (line:find("^\tno field ") or line:find("^\tno file ")) ~= nil
  end
  check.ok(own, "the not-found message is lua5.4's own")
  check.eq(type(help), "table", "the prelude installs help")
end)

check.test("pretty.show", function()
  local pretty = require("tinsh.pretty")
  check.eq(pretty.show(1), "1")
  check.eq(pretty.show("x"), "x", "top-level strings print as print does")
  check.eq(pretty.show({}), "{}")
  check.eq(pretty.show({ 1, 2 }), "{\n  1,\n  2,\n}")
  check.eq(pretty.show({ b = 1, aa = "x" }), '{\n  aa = "x",\n  b  = 1,\n}',
           "keys sorted and aligned")
  local t = {}; t.me = t
  check.eq(pretty.show(t), "{\n  me = <cycle>,\n}", "cycles marked")
  local deep = { a = { b = { c = { d = 1 } } } }
  check.contains(pretty.show(deep), "{...}", "depth limit")
  local many = {}
  for i = 1, 100 do many["k" .. i] = i end
  check.contains(pretty.show(many), "... (60 more)", "item limit")
  local obj = setmetatable({}, { __tostring = function() return "<obj>" end })
  check.eq(pretty.show(obj), "<obj>", "__tostring wins")
  local recs = pretty.show({ { name = "Lê Văn Ánh", n = 1 }, { name = "Bob", n = 22 } })
  check.contains(recs, "(2 rows)", "records render as columns")
  check.contains(recs, "Lê Văn Ánh")
end)

check.test("display.wrap", function()
  local display = require("tinsh.display")
  check.eq(display.wrap("một hai ba bốn năm", 8), { "một hai", "ba bốn", "năm" },
           "wraps by display width")
  check.eq(display.wrap("a b\nc", 10, "> "), { "> a b", "> c" }, "prefix, paragraphs")
  local out = { "x" }
  display.wrap("y", 5, "", out)
  check.eq(out, { "x", "y" }, "appends to out")
end)

check.test("help", function()
  local h = require("tinsh.help")
  local f = function() end
  h.register(f, "demo.f", "demo.f(x): does things.\nMore text.")
  check.contains(h.text(f), "does things", "registered text")
  check.contains(h.text(), "help(x)", "overview")
  local mod = { go = function() end, __help = { "mod — a module", go = "mod.go(): go." } }
  h.scan(mod, "mod")
  check.contains(h.text(mod), "mod — a module", "module summary")
  check.contains(h.text(mod), "go", "lists functions")
  check.contains(h.text(mod.go), "mod.go(): go.", "function help via scan")
  check.contains(h.text(42), "number", "plain values")
end)

return check.done()
