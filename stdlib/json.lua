-- json — a small, strict JSON encoder/decoder in pure Lua.
--
--   json.encode(value [, {indent = 2, strict = true}]) -> string
--   json.decode(text) -> value | nil, message
--
-- Lua has one table type for arrays and objects, so the encoder decides:
-- a table whose keys are exactly 1..n (n >= 1) is an array; an empty table
-- is an array unless marked with json.object(); anything else is an object
-- with its keys sorted (deterministic output). Frames (and any table whose
-- metatable has __columns or a to_records method) keep their column order.
-- json.null stands for JSON null inside arrays and objects.

local A = require("corpus.args")

local M = {}

local typename = A.typename -- metatable __name, else type(v)

-- Argument n of fname must be of Lua type want (or nil when optional).
local function check_type(fname, n, v, want, optional)
  if type(v) ~= want and not (optional and v == nil) then
    A.argerror(fname, n, want .. " expected, got " .. typename(v), 3)
  end
end

M.null = setmetatable({}, {
  __name = "json.null",
  __tostring = function() return "null" end,
})

local OBJECT_MT = { __name = "json.object" }
local ARRAY_MT = { __name = "json.array" }

-- json.object(t) / json.array(t) mark t so an empty table encodes as {} / [].
function M.object(t)
  check_type("object", 1, t, "table", true)
  return setmetatable(t or {}, OBJECT_MT)
end
function M.array(t)
  check_type("array", 1, t, "table", true)
  return setmetatable(t or {}, ARRAY_MT)
end

---------------------------------------------------------------- encoding

local escapes = {
  ['"'] = '\\"', ["\\"] = "\\\\", ["\b"] = "\\b", ["\f"] = "\\f",
  ["\n"] = "\\n", ["\r"] = "\\r", ["\t"] = "\\t",
}

for b = 0, 31 do
  local c = string.char(b)
  escapes[c] = escapes[c] or string.format("\\u%04x", b)
end
escapes["\127"] = "\\u007f"

-- Replace bytes that are not valid UTF-8 with U+FFFD.
local function valid_utf8(s)
  if utf8.len(s) then return s end
  local out, i = {}, 1
  while true do
    local ok, bad = utf8.len(s, i)
    if ok then out[#out + 1] = s:sub(i); break end
    out[#out + 1] = s:sub(i, bad - 1)
    out[#out + 1] = "\xEF\xBF\xBD"
    i = bad + 1
  end
  return table.concat(out)
end
function M.valid_utf8(s)
  check_type("valid_utf8", 1, s, "string")
  return valid_utf8(s)
end

local function encode_string(s)
  s = valid_utf8(s)
  if not s:find('[%c"\\]') then return '"' .. s .. '"' end
  return '"' .. s:gsub('[%c"\\]', escapes) .. '"'
end
function M.quote(s)
  check_type("quote", 1, s, "string")
  return encode_string(s)
end

-- Shortest decimal text that reads back as the same float.
local function encode_number(x)
  if math.type(x) == "integer" then return tostring(x) end
  if x ~= x or x == math.huge or x == -math.huge then return "null" end
  if x == math.floor(x) and math.abs(x) < 2^53 then
    return string.format("%d", x)
  end
  for p = 14, 17 do
    local s = string.format("%." .. p .. "g", x)
    if tonumber(s) == x then return s end
  end
  return string.format("%.17g", x)
end
function M.number(x)
  check_type("number", 1, x, "number")
  return encode_number(x)
end

-- Is t an array (keys exactly 1..n)? Returns n or nil.
local function array_length(t)
  local mt = getmetatable(t)
  if mt == ARRAY_MT then return #t end
  if mt == OBJECT_MT then return nil end
  local n = 0
  for k in pairs(t) do
    if math.type(k) ~= "integer" or k < 1 then return nil end
    n = n + 1
  end
  for i = 1, n do if t[i] == nil then return nil end end
  return n
end

local function sorted_keys(t)
  local keys = {}
  for k in pairs(t) do keys[#keys + 1] = k end
  table.sort(keys, function(a, b)
    local ta, tb = type(a), type(b)
    if ta ~= tb then return ta < tb end
    if ta == "number" or ta == "string" then return a < b end
    return tostring(a) < tostring(b)
  end)
  return keys
end

local encode_value

local function encode_object(t, keys, st, depth)
  if #keys == 0 then return "{}" end
  local parts = {}
  for _, k in ipairs(keys) do
    local v = t[k]
    if v ~= nil and (type(v) ~= "function" or st.strict) or st.nil_as_null then
      local ks = type(k) == "string" and k or tostring(k)
      parts[#parts + 1] = encode_string(ks) .. (st.indent and ": " or ":")
        .. encode_value(v, st, depth + 1)
    end
  end
  if #parts == 0 then return "{}" end
  if st.indent then
    local pad = "\n" .. st.indent:rep(depth + 1)
    return "{" .. pad .. table.concat(parts, "," .. pad) .. "\n"
      .. st.indent:rep(depth) .. "}"
  end
  return "{" .. table.concat(parts, ",") .. "}"
end

local function encode_array(t, n, st, depth)
  if n == 0 then return "[]" end
  local parts = {}
  for i = 1, n do parts[i] = encode_value(t[i], st, depth + 1) end
  if st.indent then
    local pad = "\n" .. st.indent:rep(depth + 1)
    return "[" .. pad .. table.concat(parts, "," .. pad) .. "\n"
      .. st.indent:rep(depth) .. "]"
  end
  return "[" .. table.concat(parts, ",") .. "]"
end

-- Records of a frame are encoded with the frame's column order (a
-- missing value is null). The hot path of JSON export: keys are encoded
-- once, strings and numbers inline.
local function encode_records(records, columns, st, depth, as_list)
  local nc = #columns
  local keys = {}
  for i, k in ipairs(columns) do
    keys[i] = encode_string(type(k) == "string" and k or tostring(k)) .. (st.indent and ": " or ":")
  end
  local open, between, close = "{", ",", "}"
  local rpad, rclose = ",", ""
  if st.indent then
    open = "{\n" .. st.indent:rep(depth + 2)
    between = ",\n" .. st.indent:rep(depth + 2)
    close = "\n" .. st.indent:rep(depth + 1) .. "}"
    rpad = ",\n" .. st.indent:rep(depth + 1)
    rclose = "\n" .. st.indent:rep(depth)
  end
  local parts, fields = {}, {}
  for r, rec in ipairs(records) do
    if type(rec) == "table" and nc > 0 then
      for i = 1, nc do
        local v = rec[columns[i]]
        local tv, ev = type(v), nil
        if tv == "string" then ev = encode_string(v)
        elseif tv == "number" then ev = encode_number(v)
        elseif v == nil then ev = "null"
        else ev = encode_value(v, st, depth + 2) end
        fields[i] = keys[i] .. ev
      end
      parts[r] = open .. table.concat(fields, between, 1, nc) .. close
    elseif type(rec) == "table" then
      parts[r] = "{}"
    else
      parts[r] = encode_value(rec, st, depth + 1)
    end
  end
  if as_list then return parts end
  if #parts == 0 then return "[]" end
  if st.indent then
    return "[" .. rpad:sub(2) .. table.concat(parts, rpad) .. rclose .. "]"
  end
  return "[" .. table.concat(parts, ",") .. "]"
end

-- encode_record(rec, columns) -> compact JSON object of rec with the keys
-- in the given order (a missing value is null). Used for JSON Lines.
function M.encode_record(rec, columns)
  check_type("encode_record", 1, rec, "table")
  check_type("encode_record", 2, columns, "table")
  return encode_records({ rec }, columns, { seen = {} }, 0, true)[1]
end

-- encode_rows(records, columns) -> list of compact JSON objects, one per
-- record, keys in column order (JSON Lines).
function M.encode_rows(records, columns)
  check_type("encode_rows", 1, records, "table")
  check_type("encode_rows", 2, columns, "table")
  return encode_records(records, columns, { seen = {} }, 0, true)
end

function encode_value(v, st, depth)
  local tv = type(v)
  if v == nil or v == M.null then return "null" end
  if tv == "boolean" then return v and "true" or "false" end
  if tv == "number" then return encode_number(v) end
  if tv == "string" then return encode_string(v) end
  if tv ~= "table" then
    if st.strict then error("json: cannot encode a " .. tv, 0) end
    return encode_string(tostring(v))
  end
  if st.seen[v] then error("json: cannot encode a cycle", 0) end
  if depth > 200 then error("json: nesting too deep", 0) end
  st.seen[v] = true
  local out
  local mt = getmetatable(v)
  local cols = mt and type(mt.__columns) == "function" and mt.__columns(v)
  if cols then
    out = encode_records(v, cols, st, depth)
  elseif mt and mt.__tojson then
    out = mt.__tojson(v)
  else
    local n = array_length(v)
    if n then out = encode_array(v, n, st, depth)
    else out = encode_object(v, sorted_keys(v), st, depth) end
  end
  st.seen[v] = nil
  return out
end

M.MAX_INDENT = 32

-- json.indent_text(v) -> the indent string of an indent option: v a count
-- of spaces 0..json.MAX_INDENT or a string of spaces and tabs; nil for
-- compact output (nil, 0 or ""). false, message when v is neither (a
-- string with other characters would make the output not JSON).
function M.indent_text(v)
  if v == nil then return nil end
  if type(v) == "string" then
    if not v:find("^[ \t]*$") then return false, "indent: string of spaces and tabs expected" end
    return v ~= "" and v or nil
  end
  local n = math.type(v) and math.tointeger(v)
  if not n or n < 0 or n > M.MAX_INDENT then
    return false, string.format("indent: integer 0..%d or string expected, got %s",
      M.MAX_INDENT, type(v) == "number" and tostring(v) or typename(v))
  end
  return n > 0 and (" "):rep(n) or nil
end

local ENCODE_OPTS = { indent = "any", strict = "boolean" }

-- encode(value [, opts]) -> JSON text. opts.indent: number of spaces (or a
-- string of spaces and tabs) for pretty output; opts.strict: raise on
-- functions/userdata instead of encoding their tostring().
function M.encode(value, opts)
  opts = A.opts("encode", 2, opts, ENCODE_OPTS)
  local indent, err = M.indent_text(opts.indent)
  if indent == false then A.argerror("encode", 2, err) end
  local st = { indent = indent, seen = {}, strict = opts.strict }
  return encode_value(value, st, 0)
end


---------------------------------------------------------------- decoding

local function decode_error(s, pos, what)
  local line = 1
  for _ in s:sub(1, pos - 1):gmatch("\n") do line = line + 1 end
  error({ json_error = string.format("json: %s at line %d (byte %d)", what, line, pos) })
end

local function skip_ws(s, pos)
  return s:find("[^ \t\r\n]", pos) or #s + 1
end

local decode_at

local unescape = {
  ['"'] = '"', ["\\"] = "\\", ["/"] = "/", b = "\b", f = "\f",
  n = "\n", r = "\r", t = "\t",
}

local function decode_string(s, pos)
  -- pos is at the opening quote
  local out, i = {}, pos + 1
  while true do
    local j = s:find('["\\%c]', i)
    if not j then decode_error(s, pos, "unterminated string") end
    out[#out + 1] = s:sub(i, j - 1)
    local c = s:sub(j, j)
    if c == '"' then return table.concat(out), j + 1 end
    if c ~= "\\" then decode_error(s, j, "control character in string") end
    local e = s:sub(j + 1, j + 1)
    if unescape[e] then
      out[#out + 1] = unescape[e]
      i = j + 2
    elseif e == "u" then
      local hex = s:match("^%x%x%x%x", j + 2)
      if not hex then decode_error(s, j, "bad \\u escape") end
      local cp = tonumber(hex, 16)
      i = j + 6
      if cp >= 0xD800 and cp <= 0xDBFF then
        local lo = s:match("^\\u(%x%x%x%x)", i)
        lo = lo and tonumber(lo, 16)
        if lo and lo >= 0xDC00 and lo <= 0xDFFF then
          cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00)
          i = i + 6
        else
          cp = 0xFFFD
        end
      elseif cp >= 0xDC00 and cp <= 0xDFFF then
        cp = 0xFFFD
      end
      out[#out + 1] = utf8.char(cp)
    else
      decode_error(s, j, "bad escape")
    end
  end
end

local function decode_number(s, pos)
  local num = s:match("^-?%d+%.?%d*[eE]?[-+]?%d*", pos)
  local v = num and not num:match("^-?0%d") and tonumber(num)
  if not v then decode_error(s, pos, "bad number") end
  return v, pos + #num
end

function decode_at(s, pos, depth)
  if depth > 500 then decode_error(s, pos, "nesting too deep") end
  pos = skip_ws(s, pos)
  local c = s:sub(pos, pos)
  if c == "{" then
    local obj = M.object({})
    pos = skip_ws(s, pos + 1)
    if s:sub(pos, pos) == "}" then return obj, pos + 1 end
    while true do
      if s:sub(pos, pos) ~= '"' then decode_error(s, pos, "expected a key") end
      local k
      k, pos = decode_string(s, pos)
      pos = skip_ws(s, pos)
      if s:sub(pos, pos) ~= ":" then decode_error(s, pos, "expected ':'") end
      local v
      v, pos = decode_at(s, pos + 1, depth + 1)
      obj[k] = v
      pos = skip_ws(s, pos)
      local d = s:sub(pos, pos)
      if d == "}" then return obj, pos + 1 end
      if d ~= "," then decode_error(s, pos, "expected ',' or '}'") end
      pos = skip_ws(s, pos + 1)
    end
  elseif c == "[" then
    local arr, n = M.array({}), 0
    pos = skip_ws(s, pos + 1)
    if s:sub(pos, pos) == "]" then return arr, pos + 1 end
    while true do
      local v
      v, pos = decode_at(s, pos, depth + 1)
      n = n + 1
      arr[n] = v
      pos = skip_ws(s, pos)
      local d = s:sub(pos, pos)
      if d == "]" then return arr, pos + 1 end
      if d ~= "," then decode_error(s, pos, "expected ',' or ']'") end
      pos = pos + 1
    end
  elseif c == '"' then
    return decode_string(s, pos)
  elseif c == "-" or c:match("%d") then
    return decode_number(s, pos)
  elseif s:sub(pos, pos + 3) == "true" then return true, pos + 4
  elseif s:sub(pos, pos + 4) == "false" then return false, pos + 5
  elseif s:sub(pos, pos + 3) == "null" then return M.null, pos + 4
  elseif c == "" then decode_error(s, pos, "unexpected end of input")
  end
  decode_error(s, pos, "unexpected character '" .. c .. "'")
end

-- decode(text) -> value, or nil + message for malformed JSON. null becomes
-- json.null; objects and arrays come back marked (json.object/json.array)
-- so they re-encode identically.
function M.decode(s)
  if type(s) ~= "string" then
    error("bad argument #1 to 'decode' (string expected, got " .. type(s) .. ")", 2)
  end
  if s:sub(1, 3) == "\xEF\xBB\xBF" then s = s:sub(4) end
  local ok, v, pos = pcall(decode_at, s, 1, 0)
  if not ok then
    if type(v) == "table" and v.json_error then return nil, v.json_error end
    error(v, 0)
  end
  pos = skip_ws(s, pos)
  if pos <= #s then return nil, (select(2, pcall(decode_error, s, pos, "trailing garbage"))).json_error end
  return v
end

M.__help = {
  encode = "json.encode(value [, {indent = 2, strict = true}]) -> string. Encodes Lua values as JSON: "
    .. "tables with keys 1..n become arrays, other tables objects with sorted keys, "
    .. "frames arrays of records in column order; json.null is null; NaN/inf become null. "
    .. "Raises on cycles.",
  decode = "json.decode(text) -> value | nil, message. Parses JSON text; null becomes "
    .. "json.null, integers stay integers. Returns nil and 'json: <what> at line L (byte B)' "
    .. "for malformed input.",
  null = "json.null: the value standing for JSON null (Lua nil cannot be stored in arrays).",
  object = "json.object([t]) -> t marked to encode as a JSON object even when empty.",
  array = "json.array([t]) -> t marked to encode as a JSON array.",
  quote = "json.quote(s) -> s as a JSON string literal (invalid UTF-8 replaced by U+FFFD).",
  valid_utf8 = "json.valid_utf8(s) -> s with invalid UTF-8 bytes replaced by U+FFFD.",
  encode_rows = "json.encode_rows(records, columns) -> list of compact JSON objects (JSON Lines).",
  encode_record = "json.encode_record(rec, columns) -> compact JSON object with keys in that order.",
  indent_text = "json.indent_text(v) -> the indent string of an indent option (spaces 0..32 or "
    .. "a string of spaces and tabs; nil: compact), or false, msg.",
  number = "json.number(x) -> the JSON text of a number (shortest round trip; NaN/inf -> null).",
}
M.__doc = "json: JSON encoder/decoder in pure Lua (json.encode, json.decode, json.null)."

return M
