#!/usr/bin/env tinsh
-- sandboxed.lua — what a script received from someone else can and
-- cannot do under `tinsh --sandbox --out DIR`: it reads the corpus, it
-- writes only inside DIR, and os.execute / io.popen are gone.
--   tinsh --sandbox --out results examples/sandboxed.lua results/people.csv
local core = require("tinsh.core")
local out = arg[1] or "out/people.csv"

print("sandboxed:", core.sandboxed())
print("os.execute:", (pcall(os.execute, "echo hi")) and "allowed" or "refused")
print("io.popen:", (pcall(io.popen, "ls")) and "allowed" or "refused")
local fh, err = io.open("/tmp/tinsh-sandbox-escape.txt", "w")
print("write outside the output folder:", fh and "allowed" or ("refused (" .. err:match("sandbox: [^/]*") .. ")"))
if fh then fh:close(); os.remove("/tmp/tinsh-sandbox-escape.txt") end

local people = corpus:people()
local ok, werr = people:export(out)
print(string.format("wrote %d rows to %s:", #people, out), ok and "ok" or werr)
