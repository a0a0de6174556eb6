#!/usr/bin/env bash
# tests/cli/segment.sh — `tinsh segment` end to end.
# Plan: words of a line come back with their syllables joined by '_' and
# every other byte as it was (punctuation, double spaces, NBSP, a missing
# final newline, CRLF, invalid UTF-8, NUL); removing the '_' that were
# spaces gives the input back byte for byte on the seed articles; --json
# gives one valid JSON object per line whose word offsets slice the line
# into the words; stdin by default and with "-"; several files in order;
# a missing file gives "tinsh: segment: <file>: <reason>", the others are
# still segmented, status 1; an unknown option is a usage error (2), and
# so are --db and --sandbox (segment uses neither).
. "$(dirname "$0")/lib.sh"
cd "$TINSH_SRC" || exit 1

run --stdin "Phát triển kinh tế ở Quảng Ninh." "$TINSH" segment
is "plain line" "$OUT" "Phát_triển kinh_tế ở Quảng_Ninh."
is "plain status" "$RC" 0

run --stdin "Phát triển kinh tế" "$TINSH" segment -
is "dash is stdin" "$OUT" "Phát_triển kinh_tế"

# bytes kept: punctuation, double space, no final newline
printf 'a,  phát triển;\n(kinh tế)' >"$TMP/odd.txt"
"$TINSH" segment "$TMP/odd.txt" >"$TMP/odd.out"
is "odd bytes kept" "$(od -c <"$TMP/odd.out" | tr -s ' ')" \
  "$(printf 'a,  phát_triển;\n(kinh_tế)' | od -c | tr -s ' ')"

# invalid UTF-8, NUL, CRLF: the same bytes come back (no word joined there)
printf 'x\377y\000z phát triển\r\n' >"$TMP/bad.txt"
"$TINSH" segment "$TMP/bad.txt" | tr '_' ' ' >"$TMP/bad.out"
is "bad bytes kept" "$(cmp "$TMP/bad.txt" "$TMP/bad.out" && echo same)" same

# the seed articles: '_' only where a space was, everything else identical
for f in examples/corpus/*.txt; do
  "$TINSH" segment "$f" >"$TMP/seg.out"
  python3 - "$f" "$TMP/seg.out" <<'PY' >"$TMP/cmp.txt"
import sys
a, b = (open(p, "rb").read() for p in sys.argv[1:3])
ok = len(a) == len(b) and all(x == y or (x == 32 and y == 95) for x, y in zip(a, b))
print("same" if ok else "differ")
PY
  is "bytes kept: $(basename "$f")" "$(cat "$TMP/cmp.txt")" same
done
has "seed words joined" "$("$TINSH" segment examples/corpus/000_2fce505e32026a8d.txt)" \
  "Móng_Cái tập_trung"

# --json: offsets slice the line into its words
printf 'Chính phủ Việt Nam, 57,7%%\nthứ hai\n' >"$TMP/j.txt"
"$TINSH" segment --json "$TMP/j.txt" >"$TMP/j.out"
RC=$?
is "json status" "$RC" 0
python3 - "$TMP/j.txt" "$TMP/j.out" <<'PY' >"$TMP/j.chk"
import json, sys
lines = open(sys.argv[1], "rb").read().split(b"\n")
out = [json.loads(l) for l in open(sys.argv[2], encoding="utf-8")]
for rec, line in zip(out, lines):
    words = [line[w["from"]:w["to"]].decode() for w in rec["words"]]
    assert words == [w["word"] for w in rec["words"]], words
    print(rec["line"], "|".join(words), ",".join(w["kind"] for w in rec["words"]))
PY
is "json words" "$(cat "$TMP/j.chk")" \
  "1 Chính phủ|Việt Nam|57,7% word,place,number
2 thứ hai word"

# errors: a missing file does not stop the others
printf 'kinh tế\n' >"$TMP/ok.txt"
run "$TINSH" segment "$TMP/nope.txt" "$TMP/ok.txt"
is "missing file status" "$RC" 1
has "missing file message" "$ERR" "^tinsh: segment: .*nope.txt: No such file"
is "other file still segmented" "$OUT" "kinh_tế"
run "$TINSH" segment --bogus
is "unknown option status" "$RC" 2
has "unknown option message" "$ERR" "^tinsh: --bogus: unknown option \(see tinsh segment --help\)"

run --stdin "kinh tế" "$TINSH" --db "$TMP/x.db" segment
is "--db refused: status" "$RC" 2
has "--db refused: message" "$ERR" "^tinsh: segment: --db: 'tinsh segment' uses no database"
run --stdin "kinh tế" "$TINSH" --sandbox segment
is "--sandbox refused: status" "$RC" 2

finish
