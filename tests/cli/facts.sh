#!/usr/bin/env bash
# Test plan: facts through the real binary.
#  1. `tinsh parse` of a seed article prints figures, people, refs, periods,
#     places and quotes in the JSON line (Nguyễn Xuân Ký with his titles,
#     Nghị quyết 20-NQ/TU with its ISO date, 5.000 tỷ đồng -> 5e12 đồng).
#  2. `tinsh parse --no-facts` prints empty fact arrays.
#  3. With TINSH_DATA pointing at a missing folder, parse still succeeds,
#     warns exactly once on stderr (for several files), and still finds
#     data-free facts (percentages, refs, periods) and people after "đồng
#     chí" (without titles, which need the title list).
#  4. Eight files parsed by one process give the same facts as one by one.
set -u
TINSH=${TINSH:-tinsh}
cd "${TINSH_SRC:-.}" || exit 1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0
ok() { pass=$((pass + 1)); }
ko() { fail=$((fail + 1)); echo "FAIL: $*"; }
seed=examples/corpus/001_0255a5737a73828f.txt

"$TINSH" parse "$seed" >"$tmp/one.json" 2>"$tmp/one.err" && ok || ko "parse failed"
python3 - "$tmp/one.json" <<'PY' && ok || ko "facts of the seed"
import json, sys
d = json.loads(open(sys.argv[1], encoding="utf-8").read())
people = {p["name"]: p for p in d["people"]}
k = people["Nguyễn Xuân Ký"]
assert k["titles"] == ["Ủy viên Trung ương Đảng", "Bí thư Tỉnh ủy", "Chủ tịch HĐND tỉnh"], k
assert k["mentions"] == 3, k
r = d["refs"][0]
assert (r["kind"], r["number"], r["date"], r["issuer"]) == ("Nghị quyết", "20-NQ/TU", "2023-11-27", "Tỉnh ủy"), r
f = [f for f in d["figures"] if f["unit"] == "tỷ đồng" and f["value"] == 5000][0]
assert f["base"] == 5e12 and f["base_unit"] == "đồng" and f["qualifier"] == "đạt gần", f
assert any(p["name"] == "KKTCK Móng Cái" for p in d["places"])
assert "hình mẫu" in d["quotes"]
assert not any("25799" in f["text"] for f in d["figures"])  # visit counter
PY

"$TINSH" parse --no-facts "$seed" >"$tmp/nf.json" && ok || ko "parse --no-facts"
python3 -c '
import json, sys
d = json.load(open(sys.argv[1], encoding="utf-8"))
assert all(d[k] == [] for k in ("figures", "people", "refs", "periods", "places", "quotes"))
' "$tmp/nf.json" && ok || ko "--no-facts still has facts"

TINSH_DATA="$tmp/nowhere" "$TINSH" parse examples/corpus/*.txt >"$tmp/nd.json" 2>"$tmp/nd.err" \
  && ok || ko "parse without data failed"
[ "$(grep -c 'data file' "$tmp/nd.err")" = 1 ] && ok || ko "expected one warning, got: $(cat "$tmp/nd.err")"
python3 - "$tmp/nd.json" <<'PY' && ok || ko "facts without data"
import json, sys
docs = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8")]
assert len(docs) == 5
d = docs[1]
assert any(f["unit"] == "%" for f in d["figures"])
assert d["refs"] and d["refs"][0]["number"] == "20-NQ/TU"
assert any(p["kind"] == "đại hội" for p in docs[0]["periods"])
names = {p["name"]: p for p in d["people"]}
assert "Nguyễn Xuân Ký" in names and names["Nguyễn Xuân Ký"]["titles"] == [], d["people"]
PY

"$TINSH" parse examples/corpus/*.txt examples/corpus/*.txt >"$tmp/many.json" 2>/dev/null && ok || ko "parse many"
for f in examples/corpus/*.txt; do "$TINSH" parse "$f"; done >"$tmp/each.json" 2>/dev/null
python3 - "$tmp/many.json" "$tmp/each.json" <<'PY' && ok || ko "batch and single runs differ"
import json, sys
keys = ("figures", "people", "refs", "periods", "places", "quotes", "abbreviations")
many = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8")]
each = [json.loads(l) for l in open(sys.argv[2], encoding="utf-8")]
assert len(many) == 10 and len(each) == 5
for i, d in enumerate(each):
    for k in keys:
        assert d[k] == many[i][k] == many[i + 5][k], (d["path"], k)
PY

echo "$pass passed, $fail failed"
[ "$fail" = 0 ]
