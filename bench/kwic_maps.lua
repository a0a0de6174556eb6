-- bench/kwic_maps.lua — corpus:kwic from the token position maps
-- (doc_tokmap, FTS5 phrase instances) against corpus:kwic from the texts
-- (kwic.from_maps = false: every block searched and segmented again) on
-- the corpus at hand: the same lines (every field) for a set of queries
-- and options, and the CPU time of each way.
--
--   tinsh --db DB bench/kwic_maps.lua [query ...]
--
-- Exits non-zero when a line differs. Without queries: frequent, rare,
-- unaccented, accented, multi-word, numbers, prefix queries.
local K = require("corpus.kwic")
local QUERIES = { "phát triển", "phat trien", "Móng Cái", "Đà Nẵng", "kinh tế", "đồng", "dong",
  "5.000", "2024", "tỷ đồng", "của", "người", "phát tri*", "công*", "ủy ban nhân dân",
  "Quảng Ninh", "xã hội" }
local OPTS = { {}, { words = 3 }, { words = 0 }, { unit = "syllable" }, { kinds = "title" } }
local FIELDS = { "rowid", "block", "kind", "title", "date", "s", "e", "left", "match", "right" }
local queries = #arg > 0 and arg or QUERIES

local function copy(t)
  local o = {}
  for k, v in pairs(t) do o[k] = v end
  return o
end

local function run(q, o, maps)
  K.from_maps = maps
  local t = os.clock()
  local k = corpus:kwic(q, copy(o))
  for i = 1, #k do local _ = k[i] end
  return k, os.clock() - t
end

local bad = 0
for _, q in ipairs(queries) do
  for _, o in ipairs(OPTS) do
    local a, ta = run(q, o, true)
    local b, tb = run(q, o, false)
    local diff = #a ~= #b and "count" or nil
    for i = 1, math.min(#a, #b) do
      for _, f in ipairs(FIELDS) do
        if not diff and a[i][f] ~= b[i][f] then
          diff = string.format("line %d %s: %q vs %q", i, f, tostring(a[i][f]), tostring(b[i][f]))
        end
      end
    end
    local label = q
    for k, v in pairs(o) do label = label .. " " .. k .. "=" .. tostring(v) end
    print(string.format("%-34s %6d lines  maps %7.3f s  texts %7.3f s  %s", label, #a, ta, tb,
      diff and ("DIFFERENT " .. diff .. " (" .. #b .. " from texts)") or "same"))
    if diff then bad = bad + 1 end
  end
end
K.from_maps = nil
if bad > 0 then
  io.stderr:write(bad, " queries differ\n")
  os.exit(1)
end
