-- corpus_fixture.lua — a test corpus for the corpus Lua tests: the example
-- articles (examples/corpus/*.txt) ingested by the tinsh binary under
-- test into a fresh temporary database.
--
--   local fx = dofile("tests/lua/lib/corpus_fixture.lua")
--   local c = fx.open()        -- corpus object over the temp database
--   fx.tinsh, fx.db, fx.dir    -- binary, database path, temp folder
--   fx.cleanup()               -- remove the temp folder

local fx = {}

fx.tinsh = os.getenv("TINSH") or arg[-1]
fx.src = os.getenv("TINSH_SRC") or "."

local function sh_quote(s) return "'" .. tostring(s):gsub("'", "'\\''") .. "'" end
fx.quote = sh_quote

function fx.build()
  if fx.db then return fx.db end
  local tmp = os.tmpname()
  os.remove(tmp)
  assert(os.execute("mkdir -p " .. sh_quote(tmp)), "cannot make " .. tmp)
  fx.dir = tmp
  fx.db = tmp .. "/test.db"
  local cmd = sh_quote(fx.tinsh) .. " --db " .. sh_quote(fx.db) .. " ingest " ..
    sh_quote(fx.src .. "/examples/corpus") .. " >/dev/null 2>&1"
  local ok = os.execute(cmd)
  assert(ok, "ingest of the example corpus failed: " .. cmd)
  return fx.db
end

function fx.open()
  fx.build()
  local corpus = require("corpus")
  return assert(corpus.open(fx.db))
end

-- run tinsh with args, return its stdout, exit status
function fx.run(args)
  local p = io.popen(sh_quote(fx.tinsh) .. " " .. args .. " 2>&1")
  local out = p:read("a")
  local ok, _, code = p:close()
  return out, ok and 0 or code
end

function fx.cleanup()
  if fx.dir then os.execute("rm -rf " .. sh_quote(fx.dir)) end
end

return fx
