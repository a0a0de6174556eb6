#!/usr/bin/env bash
# Test plan: tinsh behaves as the stock lua5.4 interpreter.
# Each case runs the same command line (and stdin) through lua5.4 and
# through tinsh, and compares stdout, exit status, and stderr with the
# program name and table addresses masked. Covers: script + args and the
# arg table (negative indices), -e attached/separate, -l mod and -l g=mod,
# -i with piped stdin and prompts, -v, -E, -W, "-", "--", LUA_INIT(_5_4)
# incl. @file, LUA_PATH/LUA_CPATH(_5_4), error objects with __tostring,
# tracebacks, bad options, missing scripts, <close> and finalizers at exit,
# os.exit codes.
. "$(dirname "$0")/lib.sh"
LUA=$(command -v lua5.4 || true)
if [ -z "$LUA" ]; then
  echo "lua5.4 not installed: skipped (make test installs it)"
  exit 77
fi
cd "$TMP"
cat >script.lua <<'LUA'
print("args", select("#", ...), ...)
for i = -3, #arg do print(i, arg[i]) end
LUA
cat >err.lua <<'LUA'
local t = setmetatable({}, {__tostring = function() return "custom error" end})
error(t)
LUA
cat >rt.lua <<'LUA'
local function f() local x = nil; return x.y end
f()
LUA
cat >close.lua <<'LUA'
local x <close> = setmetatable({}, {__close = function() print("closed") end})
setmetatable({}, {__gc = function() print("finalized") end})
io.output():setvbuf("full")
io.write("buffered")
LUA
cat >exit.lua <<'LUA'
io.write("before exit")
os.exit(3)
LUA
cat >init.lua <<'LUA'
print("from init file")
LUA
cat >mod.lua <<'LUA'
return { name = "mod" }
LUA
cat >warn.lua <<'LUA'
warn("hello")
warn("@on")
warn("again")
LUA
printf 'x = 10\nprint(x)\n=x+1\nfunction f()\nreturn 42\nend\nf()\nerror("boom")\n' >repl.txt

mask() {
  sed -e "s#$1#PROG#g" -e 's/0x[0-9a-f]\+/ADDR/g' \
    -e 's/^tinsh [0-9.]* on //' | grep -v -e '^$' -e "^Try 'PROG --help'" || true
}

compare() {
  local name=$1 input=$2
  shift 2
  run --stdin "$input" "$LUA" "$@"
  local lout=$OUT lerr=$ERR lrc=$RC
  run --stdin "$input" "$TINSH" "$@"
  is "$name: status" "$RC" "$lrc"
  is "$name: stdout" "$(printf '%s' "$OUT" | mask "$TINSH")" \
    "$(printf '%s' "$lout" | mask "$LUA")"
  is "$name: stderr" "$(printf '%s' "$ERR" | mask "$TINSH")" \
    "$(printf '%s' "$lerr" | mask "$LUA")"
}

compare "script args" "" script.lua a "b c" ""
compare "-e separate" "" -e "print(1+1)"
compare "-e attached" "" "-eprint('att')" -e "print(arg[0])"
compare "-e then script" "" -e "x=5" script.lua 1
compare "-l mod" "" -l mod -e "print(mod.name)"
compare "-l g=mod" "" -l m=mod -e "print(m.name)"
compare "-l attached" "" -lmod -e "print(mod.name)"
compare "-v" "" -v
compare "-v -e" "" -v -e "print('x')"
compare "stdin script" "print('from stdin', ...)" - a b
compare "piped stdin, no args" "print('piped')" 
compare "--" "" -- script.lua x
compare "-W" "" -W warn.lua
compare "warnings off" "" warn.lua
compare "-i piped" "$(cat repl.txt)" -i
compare "-i prompts" "print(1)" -e "_PROMPT='P> ' _PROMPT2='P>> '" -i
compare "error object __tostring" "" err.lua
compare "runtime error traceback" "" rt.lua
compare "syntax error" "" -e "x ="
compare "missing script" "" nofile.lua
compare "unknown option" "" -x
compare "-e needs argument" "" -e
compare "-l needs argument" "" -l
compare "bad -vv" "" -vv
compare "<close> and finalizers" "" close.lua
compare "os.exit code" "" exit.lua
compare "error(nil)" "" -e "error(nil)"
compare "error table" "" -e "error({})"

export LUA_INIT="print('LUA_INIT ran')"
compare "LUA_INIT" "" -e "print(1)"
compare "-E ignores LUA_INIT" "" -E -e "print(1)"
export LUA_INIT_5_4="print('LUA_INIT_5_4 ran')"
compare "LUA_INIT_5_4 wins" "" -e "print(2)"
unset LUA_INIT_5_4
export LUA_INIT="@init.lua"
compare "LUA_INIT @file" "" -e "print(3)"
unset LUA_INIT
LUA_PATH="./?.lua" compare "LUA_PATH" "" -e "print(package.path)"
LUA_PATH_5_4="x/?.lua" LUA_PATH="y" compare "LUA_PATH_5_4" "" -e "print(package.path)"
LUA_CPATH="c/?.so" compare "LUA_CPATH" "" -e "print(package.cpath)"
compare "arg not table" "" -e "arg = 1" -

finish
