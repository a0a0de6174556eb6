#!/usr/bin/env bash
# Test plan: tinsh's own command-line layer and its bad-input policy.
# --help/--version go to stdout with status 0; an unknown option is a
# one-line error with a usage hint (status 1, nothing on stdout); a
# missing script says "cannot open X" (status 1); a runtime error prints
# message + traceback on stderr (status 1); --db needs an argument; a
# script named like a subcommand runs as a script; tinsh run --list and
# tinsh run with an unknown name; the sandbox refuses what it must.
. "$(dirname "$0")/lib.sh"
cd "$TMP"

run "$TINSH" --help
is "--help status" "$RC" 0
has "--help names the subcommands" "$OUT" "tinsh ingest PATH"
has "--help names --db" "$OUT" "--db PATH"

run "$TINSH" --version
is "--version status" "$RC" 0
has "--version ends with PUC-Rio" "$OUT" "^tinsh [0-9.]+ on Lua 5\.4.*PUC-Rio$"

run "$TINSH" --bogus
is "unknown long option status" "$RC" 1
has "unknown long option message" "$ERR" "unrecognized option '--bogus'"
has "usage hint" "$ERR" "usage: "
is "nothing on stdout" "$OUT" ""

run "$TINSH" missing.lua
is "missing script status" "$RC" 1
has "missing script message" "$ERR" "^[^ ]*tinsh: cannot open missing.lua"
is "missing script: no stdout" "$OUT" ""

printf 'local function g() error("bad thing") end\ng()\n' >bad.lua
run "$TINSH" bad.lua
is "runtime error status" "$RC" 1
has "runtime error message" "$ERR" "bad.lua:1: bad thing"
has "traceback" "$ERR" "stack traceback:"
has "traceback names g" "$ERR" "in (local|upvalue|function) 'g'"
is "runtime error: no stdout" "$OUT" ""

run "$TINSH" --db
is "--db without argument" "$RC" 1
has "--db message" "$ERR" "'--db' needs argument"

printf 'print("script named parse")\n' >parse
run "$TINSH" parse
is "a file named like a subcommand runs as Lua" "$OUT" "script named parse"

run "$TINSH" run --list
is "run --list status" "$RC" 0

run "$TINSH" run no-such-report
is "run unknown status" "$RC" 1
has "run unknown message" "$ERR" "^tinsh: run: no script named 'no-such-report'"

printf -- '--- title: Hello report\n--- usage: tinsh run hello NAME\nprint("hello " .. (arg[1] or "?"), ...)\n' >hello.lua
run "$TINSH" run ./hello.lua Ánh
is "run a script by path" "$OUT" "hello Ánh	Ánh"
run "$TINSH" run ./hello.lua --help
has "run NAME --help shows the header" "$OUT" "usage: tinsh run hello NAME"
mkdir -p userscripts && cp hello.lua userscripts/
TINSH_SCRIPTS_USER=$TMP/userscripts run "$TINSH" run --list
has "run --list shows user scripts with titles" "$OUT" "hello +Hello report"
TINSH_SCRIPTS_USER=$TMP/userscripts run "$TINSH" run hello X
is "run a user script by name" "$OUT" "hello X	X"

printf '#!/usr/bin/env tinsh\nprint("shebang ok")\n' >sb.lua
run "$TINSH" sb.lua
is "a shebang line is skipped" "$OUT" "shebang ok"

# the sandbox
sandbox() { run "$TINSH" --sandbox --out "$TMP/out" -e "$1"; }
sandbox 'os.execute("true")'
has "sandbox: os.execute" "$ERR" "sandbox: os.execute is not allowed"
sandbox 'io.popen("ls")'
has "sandbox: io.popen" "$ERR" "sandbox: io.popen is not allowed"
sandbox 'package.loadlib("x","y")'
has "sandbox: package.loadlib" "$ERR" "sandbox: package.loadlib is not allowed"
sandbox 'string.dump(print)'
has "sandbox: string.dump" "$ERR" "sandbox: string.dump is not allowed"
sandbox 'print(debug.getinfo, debug.sethook, type(debug.traceback))'
is "sandbox: debug keeps only traceback" "$OUT" "nil	nil	function"
sandbox 'print(load("\27Lua", "x", "b"))'
has "sandbox: bytecode refused" "$ERR" "binary chunks are not allowed"
sandbox 'print(io.open("'"$TMP"'/escape.txt", "w"))'
has "sandbox: write outside out/ refused" "$OUT" "only inside the output folder"
sandbox 'print(io.open("'"$TMP"'/out/../escape.txt", "w"))'
has "sandbox: .. does not escape" "$OUT" "only inside the output folder"
sandbox 'local f = assert(io.open("'"$TMP"'/out/ok.txt", "w")); f:write("x"); f:close(); print("wrote")'
is "sandbox: write inside out/ allowed" "$OUT" "wrote"
is "sandbox: the file is there" "$(cat "$TMP/out/ok.txt")" "x"
sandbox 'print(require("tinsh.core").outdir())'
is "sandbox: core.outdir names the output folder" "$OUT" "$(cd "$TMP/out" && pwd -P)"
sandbox 'print(os.remove("'"$TMP"'/bad.lua"))'
has "sandbox: os.remove outside refused" "$OUT" "only inside the output folder"
TINSH_SANDBOX_STEPS=1000000 sandbox 'for i = 1, 3 do pcall(function() while true do end end) end print("escaped")'
has "sandbox: instruction limit" "$ERR" "instruction limit exceeded"
lacks "sandbox: pcall cannot swallow the limit" "$OUT" "escaped"
TINSH_SANDBOX_MEM=20000000 sandbox 'local t = {} for i = 1, 1e8 do t[i] = ("x"):rep(100) .. i end'
has "sandbox: memory limit" "$ERR" "not enough memory"

finish
