#!/usr/bin/env bash
# Test plan: `tinsh --sandbox` as a wall — the escapes an attack run found
# after sandbox_escape.sh passed (issue 15). Each must be refused with a
# clear message and leave no trace:
#  1. the allow-list: no original library function reachable through
#     package.loaded (_G, io, os, debug), os.getenv closed but for display
#     variables, io.tmpfile gone, load() with a non-string mode;
#  2. bytecode through every loader: the script file, stdin, -l, `tinsh
#     run`, require of a file the script wrote into --out, the REPL's .read;
#  3. files: io.output(42), io.lines/io.input of a name, a hard link in
#     --out, a FIFO in --out, reads of /proc, $HOME dot-folders and files
#     outside the current/script/out folders;
#  4. the flag: --sandbox after the script or after `run NAME`, --out
#     without --sandbox, --out "" and --out=, --sandbox for a subcommand;
#  5. limits: the budget tripped in a coroutine while the main thread loops
#     in pcall, SQLite allocations over the memory ceiling, a blocked read
#     ended by the wall clock, bad and huge limit values.
. "$(dirname "$0")/lib.sh"
cd "$TMP"
mkdir -p out home/.ssh data
echo "ssh-key" >home/.ssh/id_rsa
echo "outside" >"$TMP/../tinsh-sbw-outside.$$" 2>/dev/null
outside="$TMP/../tinsh-sbw-outside.$$"
sb() { run "$TINSH" --sandbox --out out -e "$1"; }

# 1. the allow-list
sb 'print(package.loaded._G == _G, package.loaded.io == io,
  package.loaded.os == os, package.loaded.debug == debug)'
is "package.loaded holds the sandbox's own tables" "$OUT" "true	true	true	true"
sb 'print(pcall(package.loaded.os.execute, "true"))
print(pcall(package.loaded.io.popen, "true"))'
has "no original os.execute/io.popen through package.loaded" "$OUT" \
  "^false	sandbox: os.execute is not allowed"
HOME=$TMP/home SECRET=xyz run "$TINSH" --sandbox --out out -e \
  'print(os.getenv("HOME"), os.getenv("SECRET"), os.getenv("PATH"), type(os.getenv("NO_COLOR")))'
is "os.getenv closed but for display variables" "$OUT" "nil	nil	nil	string"
sb 'print(pcall(io.tmpfile))'
has "io.tmpfile refused" "$OUT" "^false	sandbox: io.tmpfile is not allowed"
sb 'print(pcall(load, "return 1", "x", {})) print(pcall(load, "return 1", "x", 7))'
has "load with a table mode: bad argument, no crash" "$OUT" \
  "bad argument #3 to 'load' \(string expected, got table\)"
is "load with a table mode: status 0" "$RC" 0

# 2. bytecode through every loader
"$TINSH" -e 'local f = assert(io.open("evil.luac", "wb"))
f:write(string.dump(function() print("BYTECODE RAN") end)) f:close()'
cp evil.luac evilmod.lua
run "$TINSH" --sandbox --out out evil.luac
lacks "bytecode script file never runs" "$OUT" "BYTECODE RAN"
has "bytecode script file refused" "$ERR" "binary chunk"
"$TINSH" --sandbox --out out - <evil.luac >stdin.out 2>stdin.err
OUT=$(cat stdin.out) ERR=$(cat stdin.err)
lacks "bytecode on stdin never runs" "$OUT" "BYTECODE RAN"
has "bytecode on stdin refused" "$ERR" "binary chunk"
run "$TINSH" --sandbox --out out -l evilmod -e 'print(1)'
lacks "bytecode through -l never runs" "$OUT" "BYTECODE RAN"
has "bytecode through -l refused" "$ERR" "binary chunk"
run "$TINSH" run ./evil.luac --sandbox
lacks "bytecode through tinsh run never runs" "$OUT" "BYTECODE RAN"
has "bytecode through tinsh run refused" "$ERR" "binary chunk"
sb 'local b = assert(io.open("evil.luac", "rb")):read("a")
local f = assert(io.open("out/w.lua", "wb")) f:write(b) f:close()
package.path = "./out/?.lua;" .. package.path
print(pcall(require, "w"))
print(pcall(dofile, "out/w.lua"))
print(loadfile("out/w.lua"))'
lacks "bytecode written to --out never runs" "$OUT" "BYTECODE RAN"
is "bytecode written to --out: 3 refusals" \
  "$(printf '%s\n' "$OUT" | grep -c 'binary chunk')" 3
echo '.read evil.luac' | "$TINSH" --sandbox --out out -i >repl.out 2>&1
lacks "bytecode through the REPL's .read never runs" "$(cat repl.out)" \
  "BYTECODE RAN"
has "bytecode through the REPL's .read refused" "$(cat repl.out)" \
  "binary chunk"

# 3. files
sb 'print(pcall(io.output, 42))'
has "io.output(42) refused as a bad argument" "$OUT" \
  "^false	bad argument #1 to 'io.output' \(string or file expected, got number\)"
[ -e 42 ] && failed "io.output(42) wrote a file named 42" || pass
echo secret >target.txt
ln target.txt out/hard.txt
sb 'print(io.open("out/hard.txt", "w")) print(pcall(io.output, "out/hard.txt"))'
has "a hard link in --out is refused" "$OUT" "several hard links"
is "the hard-linked file outside is untouched" "$(cat target.txt)" secret
mkfifo out/fifo
sb 'print(io.open("out/fifo", "w")) print(io.open("out/fifo", "r"))'
is "a FIFO in --out is refused both ways" \
  "$(printf '%s\n' "$OUT" | grep -c 'not a regular file')" 2
HOME=$TMP/home run "$TINSH" --sandbox --out out -e \
  'print(io.open("/proc/self/environ")) print(io.open("home/.ssh/id_rsa"))
   print(io.open("/etc/hostname")) print(pcall(io.lines, "/proc/self/maps"))
   print(pcall(io.input, "home/.ssh/id_rsa"))'
is "reads of /proc, dot-folders and outside folders refused" \
  "$(printf '%s\n' "$OUT" | grep -c 'sandbox: reading only inside')" 5
lacks "no secret read" "$OUT" "ssh-key"
echo "a,b" >data/in.csv
sb 'for l in io.lines("data/in.csv") do print(l) end
local f = assert(io.open("data/in.csv")) print(f:read("l")) f:close()'
is "reading the current folder works" "$OUT" "a,b
a,b"
mkdir -p scr && printf 'print(io.open(arg[0]:match("^(.*)/") .. "/near.txt"):read("l"))\n' >scr/s.lua
echo near >scr/near.txt
run "$TINSH" --sandbox --out out scr/s.lua
is "a script reads the files beside it" "$OUT" near

# 4. the flag never fails open
echo 'os.execute("touch PWNED")' >who.lua
for form in "who.lua --sandbox" "run ./who.lua --sandbox" "--sandbox who.lua"; do
  # shellcheck disable=SC2086
  run "$TINSH" $form
  [ -e PWNED ] && failed "tinsh $form ran unsandboxed" && rm -f PWNED || pass
  has "tinsh $form: refused" "$ERR" "sandbox: os.execute is not allowed"
done
run "$TINSH" --out out who.lua
has "--out without --sandbox refused" "$ERR" "^tinsh: --out: only with --sandbox"
is "--out without --sandbox: status 2" "$RC" 2
[ -e PWNED ] && failed "--out without --sandbox ran the script" || pass
for form in '--out=' '--out '; do
  # shellcheck disable=SC2086
  run "$TINSH" --sandbox $form"" -e 'print("RAN")'
  lacks "--sandbox ${form}'': never runs" "$OUT" RAN
  has "--sandbox ${form}'': refused" "$ERR" "--out: empty folder name"
done
run "$TINSH" --sandbox --out who.lua -e 'print("RAN")'
has "--out naming a file refused" "$ERR" "not a folder"
run "$TINSH" ingest --sandbox "$TMP/data"
has "--sandbox with ingest refused" "$ERR" "^tinsh: ingest: --sandbox: applies to Lua scripts"

# 5. limits
TINSH_SANDBOX_STEPS=1000000 TINSH_SANDBOX_CPU=60 run timeout 30 "$TINSH" \
  --sandbox --out out -e 'local co = coroutine.wrap(function() while true do end end)
print(pcall(co))
while true do pcall(function() end) end'
has "budget tripped in a coroutine: the script ends" "$ERR" \
  "sandbox: instruction limit exceeded"
is "budget tripped in a coroutine: status 1 (not the CPU backstop)" "$RC" 1
"$TINSH" --db c.db ingest --quiet "$TINSH_SRC/examples/corpus" >/dev/null 2>&1
TINSH_SANDBOX_MEM=50000000 run /usr/bin/env time -f "%M" -o rss.txt \
  "$TINSH" --db c.db --sandbox --out out -e 'print(pcall(corpus.sql, corpus,
  "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x+1 FROM c LIMIT 3000000) "
  .. "SELECT length(group_concat(hex(randomblob(100)))) FROM c"))'
has "SQLite over the memory ceiling fails" "$OUT" "^false	.*out of memory"
rss=$(tail -1 rss.txt 2>/dev/null || echo 0)
if ldd "$TINSH" 2>/dev/null | grep -q libasan; then
  pass # ASan's shadow memory and quarantine make RSS meaningless here
else
  [ "${rss:-0}" -lt 150000 ] && pass ||
    failed "SQLite stays near the 50 MB ceiling" "peak RSS ${rss} KB"
fi
mkfifo wall.in
exec 7<>wall.in # a writer that never writes: the read blocks
(TINSH_SANDBOX_WALL=1 "$TINSH" --sandbox --out out \
  -e 'print(io.read("l")) while true do end' <wall.in >wall.out 2>wall.err
echo $? >wall.rc) &
for _ in $(seq 100); do [ -s wall.rc ] && break; sleep 0.1; done
exec 7>&-
has "a blocked read ends at the wall-clock limit" "$(cat wall.err)" \
  "sandbox: wall-clock limit exceeded"
is "wall-clock limit: status 1" "$(cat wall.rc 2>/dev/null)" 1
TINSH_SANDBOX_STEPS=99999999999999999999999 run "$TINSH" --sandbox --out out \
  -e 'local n = 0 for i = 1, 1e6 do n = n + i end print(n)'
is "a huge step budget saturates (runs normally)" "$OUT" 500000500000
for bad in abc -5 0 1e9 ""; do
  TINSH_SANDBOX_MEM=$bad run "$TINSH" --sandbox --out out -e 'print("RAN")'
  if [ -n "$bad" ]; then
    has "TINSH_SANDBOX_MEM=$bad refused" "$ERR" "not a positive whole number"
    lacks "TINSH_SANDBOX_MEM=$bad never runs" "$OUT" RAN
  else
    is "TINSH_SANDBOX_MEM empty: the default" "$OUT" RAN
  fi
done
rm -f "$outside"
finish
