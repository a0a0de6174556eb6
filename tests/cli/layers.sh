#!/usr/bin/env bash
# Test plan: the house plan of shell/ holds (tests/tools/layers.py).
#  1. no call or include cycle between C files (every file only uses
#     files in the layers below it), no C file over 900 lines;
#  2. the checker itself catches a cycle and a long file: a copy of two
#     files that call each other, and a 901-line file, are refused.
. "$(dirname "$0")/lib.sh"
command -v python3 >/dev/null || { echo "python3 missing: skipped"; exit 77; }
run python3 "$TINSH_SRC/tests/tools/layers.py" "$TINSH_SRC/shell"
is "no cycle, no long file in shell/" "$RC" 0
[ "$RC" = 0 ] || printf '%s\n' "$OUT" >&2

mkdir -p "$TMP/fake"
printf 'int a_one(void) { return b_two(); }\n' >"$TMP/fake/a.c"
printf 'int b_two(void) { return a_one(); }\n' >"$TMP/fake/b.c"
run python3 "$TINSH_SRC/tests/tools/layers.py" "$TMP/fake"
is "a cycle is refused" "$RC" 1
has "the cycle is named" "$OUT" "cycle: a.c <-> b.c"
rm "$TMP/fake/b.c"
for i in $(seq 901); do echo "/* line $i */"; done >"$TMP/fake/long.c"
run python3 "$TINSH_SRC/tests/tools/layers.py" "$TMP/fake"
is "a long file is refused" "$RC" 1
has "the long file is named" "$OUT" "too long: long.c"
finish
