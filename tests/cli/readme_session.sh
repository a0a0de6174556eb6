#!/usr/bin/env bash
# Test plan: the REPL session shown in README.md ("An analysis in the
# REPL") is real. Its input lines (after "> ") are fed to `tinsh -i` on
# the bundled example corpus with COLUMNS=100, and the output must equal
# the README's text line for line.
. "$(dirname "$0")/lib.sh"
awk '/^## An analysis in the REPL/,/^The corpus database is/' "$TINSH_SRC/README.md" |
  sed -n '/^```$/,/^```$/p' | sed '1d;$d' | grep -v '^\$ tinsh' >"$TMP/want"
grep '^> ' "$TMP/want" | sed 's/^> //' >"$TMP/in.lua"
is "the README has a session" "$([ -s "$TMP/in.lua" ] && echo yes)" yes
COLUMNS=100 "$TINSH" -i <"$TMP/in.lua" 2>&1 | sed '1d;$d' >"$TMP/got"
if diff "$TMP/want" "$TMP/got" >"$TMP/diff"; then pass; else
  failed "README session differs from a real run" "$(head -40 "$TMP/diff")"
fi
finish
