#!/usr/bin/env bash
# tests/cli/query_recount.sh — an independent recount of `tinsh query`.
# Plan: `tinsh parse` writes the example articles as JSON; a few lines of
# Python count, in the blocks query searches, (1) the written texts of
# the figures in "tỷ đồng", (2) the word sequence "phát triển" (case
# folded, whole words) in answers, (3) the names of the people with a
# title containing "Bí thư"; each count must equal the number of JSON
# lines of the matching `tinsh query --json`.
. "$(dirname "$0")/lib.sh"
cd "$TINSH_SRC" || exit 1
command -v python3 >/dev/null || { echo "python3 missing: skipped"; exit 77; }

"$TINSH" --db "$TMP/c.db" ingest --quiet examples/corpus >/dev/null 2>&1
"$TINSH" parse examples/corpus/*.txt >"$TMP/docs.jsonl"

recount() {
  python3 - "$1" "$TMP/docs.jsonl" <<'PY'
import json, re, sys
what, path = sys.argv[1], sys.argv[2]
KINDS = {"title", "lead", "heading", "paragraph", "question", "answer", "caption"}
def hits(s, text):  # occurrences of s as whole words (not inside a word)
    pat = r"(?<![\w])" + re.escape(s) + r"(?![\w])"
    return [m.start() for m in re.finditer(pat, text, re.I)]
n = 0
for line in open(path, encoding="utf-8"):
    d = json.loads(line)
    for b, blk in enumerate(d["blocks"]):
        if blk["kind"] not in KINDS: continue
        t = blk["text"]
        if what == "figure":
            spots = {o for f in d["figures"] if f["unit"] == "tỷ đồng"
                     for o in hits(f["text"], t)}
        elif what == "answer":
            spots = set(hits("phát triển", t)) if blk["kind"] == "answer" else set()
        else:
            spots = {o for p in d["people"]
                     if any("bí thư" in x.lower() for x in p["titles"])
                     for o in hits(p["name"], t)}
        n += len(spots)
print(n)
PY
}

count() { "$TINSH" --db "$TMP/c.db" query --json "$1" | wc -l | tr -d ' '; }

want=$(recount figure)
is "figures in tỷ đồng" "$(count '[figure unit = "tỷ đồng"]')" "$want"
has "some figures" "$want" '^[1-9]'
want=$(recount answer)
is "phát triển in answers" "$(count '"phát triển" within answer')" "$want"
has "some answers" "$want" '^[1-9]'
want=$(recount person)
is "people titled Bí thư" "$(count '[person title = /Bí thư/]')" "$want"
has "some people" "$want" '^[1-9]'
finish
