#!/usr/bin/env bash
# Test plan: the official Lua 5.4.4 test suite, run with tinsh as the
# interpreter (`true | tinsh -e"_soft=true" all.lua`, libs/ built),
# must print "final OK !!!". The suite is third-party code and is not in
# this repository: point LUA_TESTES at the testes/ folder of the Lua 5.4.4
# sources (e.g. from a checkout of github.com/lua/lua at tag v5.4.4);
# without it the test is skipped.
. "$(dirname "$0")/lib.sh"
src=${LUA_TESTES:-$TINSH_SRC/../ext/lua-5.4.4/testes}
if [ ! -f "$src/all.lua" ]; then
  echo "Lua 5.4.4 testes/ not found (set LUA_TESTES): skipped"
  exit 77
fi
cp -r "$src" "$TMP/testes"
# main.lua's Ctrl-C test starts `tinsh -e "print(12) ..." & echo $!` and
# takes the first line as the pid: on a loaded machine tinsh can print 12
# before the shell echoes, and the test then kills nothing and fails. In
# the copy, a background sh prints its own pid and then becomes tinsh
# (exec): the same process, signals and exit statuses, without the race.
sed -i -f - "$TMP/testes/main.lua" <<'SED'
s/'%s -e "%s" & echo \$!'/[[sh -c 'echo $$; exec "$0" -e "$1"' %s "%s" \&]]/
SED
grep -q "exec \"\$0\"" "$TMP/testes/main.lua" || failed "patch main.lua"
cd "$TMP/testes/libs"
inc=$(pkg-config --cflags lua5.4)
for l in lib1 lib11 lib2 lib21; do
  gcc -std=gnu99 -O2 $inc -fPIC -shared -o $l.so $l.c || failed "build $l"
done
gcc -std=gnu99 -O2 $inc -fPIC -shared -o lib2-v2.so lib22.c || failed "build lib2-v2"
cd "$TMP/testes"
true | "$TINSH" -e"_soft=true" all.lua >"$TMP/log" 2>&1
RC=$?
tail -5 "$TMP/log"
is "all.lua exit status" "$RC" 0
has "final OK" "$(cat "$TMP/log")" "final OK !!!"
has "main.lua ran (the stand-alone interpreter tests)" "$(cat "$TMP/log")" "testing stand-alone interpreter"
finish
