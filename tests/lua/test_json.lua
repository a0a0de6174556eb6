-- Test plan (stdlib/json.lua): encoding of scalars, strings (escapes,
-- Vietnamese kept as UTF-8, invalid bytes replaced), numbers (integers,
-- shortest round-trip floats, NaN/inf as null), arrays vs objects (sorted
-- keys, empty table, json.object/json.array marks, json.null), frames in
-- column order, indentation, cycles and strict mode raising; decoding of
-- every JSON type, \u escapes with surrogate pairs, BOM, integers staying
-- integers, and malformed input returning nil + a located message; round
-- trips; help strings.
local check = dofile("tests/lua/lib/check.lua")
local json = require("json")
local frame = require("frame")

check.test("encode scalars", function()
  check.eq(json.encode(nil), "null")
  check.eq(json.encode(json.null), "null")
  check.eq(json.encode(true), "true")
  check.eq(json.encode(false), "false")
  check.eq(json.encode(42), "42")
  check.eq(json.encode(-7), "-7")
  check.eq(json.encode(57.7), "57.7")
  check.eq(json.encode(0.1 + 0.2), "0.30000000000000004", "shortest round trip")
  check.eq(json.encode(2.0), "2")
  check.eq(json.encode(1e300), "1e+300")
  check.eq(json.encode(0 / 0), "null", "NaN")
  check.eq(json.encode(math.huge), "null", "inf")
  check.eq(json.encode("Móng Cái"), '"Móng Cái"', "UTF-8 kept")
  check.eq(json.encode('a"b\\c\n\t\1'), '"a\\"b\\\\c\\n\\t\\u0001"', "escapes")
  check.eq(json.encode("a\xffb"), '"a\xEF\xBF\xBDb"', "invalid byte -> U+FFFD")
  check.eq(json.quote("x"), '"x"')
end)

check.test("encode tables", function()
  check.eq(json.encode({ 1, "a", true }), '[1,"a",true]')
  check.eq(json.encode({}), "[]", "empty table is an array")
  check.eq(json.encode(json.object()), "{}", "marked object")
  check.eq(json.encode(json.array({})), "[]")
  check.eq(json.encode({ b = 1, a = { 2 } }), '{"a":[2],"b":1}', "sorted keys")
  check.eq(json.encode({ [1] = "x", [3] = "y" }), '{"1":"x","3":"y"}', "sparse -> object")
  check.eq(json.encode({ 1, json.null, 3 }), "[1,null,3]")
  check.eq(json.encode({ a = 1, b = { 1, 2 } }, { indent = 2 }), '{\n  "a": 1,\n  "b": [\n    1,\n    2\n  ]\n}')
  local f = frame.new({ { z = 1, a = "x" }, { z = 2 } }, { "z", "a" })
  check.eq(json.encode(f), '[{"z":1,"a":"x"},{"z":2,"a":null}]', "frame: column order, nulls")
  check.eq(json.encode_record({ b = 1, a = "x" }, { "b", "a", "c" }), '{"b":1,"a":"x","c":null}', "encode_record")
  check.eq(json.encode_rows({ { a = 1 }, { a = 2 } }, { "a" }), { '{"a":1}', '{"a":2}' }, "encode_rows")
  local t = {}
  t.self = t
  check.raises(function() json.encode(t) end, "cycle")
  check.raises(function() json.encode({ f = print }, { strict = true }) end, "cannot encode")
  local shared = { 1 }
  check.eq(json.encode({ shared, shared }), "[[1],[1]]", "shared (not cyclic) tables are fine")
end)

check.test("decode", function()
  check.eq(json.decode("42"), 42)
  check.eq(math.type(json.decode("42")), "integer", "integers stay integers")
  check.eq(json.decode("-1.5e2"), -150.0)
  check.eq(json.decode('"Đảng \\u0111\\u1ea3ng \\ud83d\\ude00"'), "Đảng đảng 😀", "\\u escapes + surrogates")
  check.eq(json.decode('"a\\/b\\n"'), "a/b\n")
  check.eq(json.decode(" [1, [2, {\"a\": false}], \"x\"] "), { 1, { 2, { a = false } }, "x" })
  check.ok(json.decode("null") == json.null, "null")
  check.ok(json.decode("[null]")[1] == json.null)
  check.eq(json.decode("\xEF\xBB\xBF{\"a\":1}"), { a = 1 }, "BOM skipped")
  check.eq(json.encode(json.decode("{}")), "{}", "empty object round trip")
  check.eq(json.encode(json.decode("[]")), "[]")
  for _, bad in ipairs{ "", "[1,", "{\"a\" 1}", "[1 2]", "tru", "\"abc", "01", "{} x", "[\"\1\"]", "{a:1}" } do
    local v, msg = json.decode(bad)
    check.eq(v, nil, "malformed: " .. bad)
    check.match(msg, "^json: .* at line %d+ %(byte %d+%)$", "message for " .. bad)
  end
  local _, msg = json.decode("[\n1,\n?]")
  check.match(msg, "line 3", "line number")
  check.raises(function() json.decode(5) end, "string expected")
end)

check.test("round trip", function()
  local v = { title = "Nghị quyết 20-NQ/TU", n = { 1, 2.5, -3 }, ok = true, sub = { a = "“trích dẫn”" } }
  check.eq(json.decode(json.encode(v)), v)
  check.eq(json.decode(json.encode(v, { indent = 4 })), v)
end)

check.test("help", function()
  for _, name in ipairs{ "encode", "decode", "null", "object", "array", "quote" } do
    check.ok(type(json.__help[name]) == "string", "help for " .. name)
  end
end)

check.done()
