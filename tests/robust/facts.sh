#!/usr/bin/env bash
# tests/robust/facts.sh — fact extraction over the real corpora.
#
# Usage: tests/robust/facts.sh [TINSH] [CORPORA_DIR]
#   TINSH        binary to test (default: $TINSH, else ./build/tinsh);
#                run it with an ASan/UBSan build too (-DTINSH_SANITIZE=ON)
#   CORPORA_DIR  folder of *.tar.xz corpora (default: ../shared/corpora
#                relative to the repo); exits 77 (skip) when absent
#
# Plan: unpack every archive into a temp dir (removed at exit); run
# `tinsh parse` (with facts) over every document in batches; fail on a
# crash, a non-zero status, a sanitizer report, an output line that is not
# a JSON document, a document count that differs from the file count, or a
# fact that breaks the contract (empty text/name, figure without unit,
# period with to < from, ref date not ISO). Prints, per corpus, the facts
# per kind, per document and per MB, and the commonest units and places.
set -uo pipefail
. "$(dirname "$0")/lib.sh"
robust_setup facts "$@"
for a in "$corpora"/*.tar.xz; do
  name=$(basename "$a" .tar.xz)
  mkdir -p "$work/$name" "$work/$name.out"
  tar -xJf "$a" -C "$work/$name" || { echo "facts: $a: cannot unpack" >&2; fail=1; continue; }
  find "$work/$name" -type f ! -name 'crawled_urls.txt' ! -name 'index.tsv' \
    ! -name '*.md' | sort >"$work/$name.list"
  nfiles=$(wc -l <"$work/$name.list")
  bytes=$(xargs -d '\n' cat <"$work/$name.list" | wc -c)
  start=$(date +%s.%N)
  export OUTDIR="$work/$name.out"
  xargs -d '\n' -n 500 -P 2 sh -c \
    '"$0" parse "$@" >"$OUTDIR/$$.jsonl" || echo "EXIT $?" >&2' \
    "$TINSH" <"$work/$name.list" 2>"$work/$name.err"
  cat "$work/$name.out"/*.jsonl >"$work/$name.jsonl" 2>/dev/null
  secs=$(echo "$(date +%s.%N) - $start" | bc)
  echo "== $name: $nfiles files, $((bytes / 1000000)) MB, ${secs%??????}s"
  if grep -qE 'AddressSanitizer|LeakSanitizer|runtime error:|EXIT [0-9]' "$work/$name.err"; then
    echo "facts: $name: crash, failure or sanitizer report:" >&2
    grep -E -m 20 'ERROR|runtime error:|EXIT|SUMMARY' "$work/$name.err" >&2
    fail=1
  fi
  python3 - "$work/$name.jsonl" "$nfiles" "$bytes" <<'PY' || fail=1
import collections, json, re, sys
path, nfiles, nbytes = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
kinds = ("figures", "people", "refs", "periods", "places", "quotes", "abbreviations")
count = collections.Counter()
units, places, refkinds = collections.Counter(), collections.Counter(), collections.Counter()
docs = bad_json = 0
problems = []
iso = re.compile(r"^\d{4}-\d{2}-\d{2}$")
for line in open(path, encoding="utf-8"):
    try:
        d = json.loads(line)
    except ValueError:
        bad_json += 1
        continue
    docs += 1
    for k in kinds:
        count[k] += len(d[k])
    for f in d["figures"]:
        units[f["base_unit"] or f["unit"]] += 1
        if not f["text"] or not f["unit"]:
            problems.append(("figure", d["path"], f))
    for p in d["people"]:
        if not p["name"] or p["mentions"] < 1:
            problems.append(("person", d["path"], p))
    for r in d["refs"]:
        refkinds[r["kind"]] += 1
        if not r["text"] or (r["date"] and not iso.match(r["date"])):
            problems.append(("ref", d["path"], r))
    for p in d["periods"]:
        if p["from"] and p["to"] and p["to"] < p["from"]:
            problems.append(("period", d["path"], p))
    for p in d["places"]:
        places[p["name"]] += p["mentions"]
    for q in d["quotes"]:
        if not q.strip():
            problems.append(("quote", d["path"], q))
ok = docs == nfiles and not bad_json and not problems
print(f"   documents: {docs} of {nfiles} files" + ("" if docs == nfiles else "  <-- MISMATCH"))
if bad_json:
    print(f"   {bad_json} output lines are not JSON")
mb = max(nbytes / 1e6, 1e-9)
print("   facts:  " + ", ".join(f"{k} {count[k]}" for k in kinds))
print("   per doc: " + ", ".join(f"{k} {count[k] / max(docs, 1):.2f}" for k in kinds))
print("   per MB:  " + ", ".join(f"{k} {count[k] / mb:.0f}" for k in kinds))
print("   units:  " + ", ".join(f"{u} {n}" for u, n in units.most_common(12)))
print("   refs:   " + ", ".join(f"{u} {n}" for u, n in refkinds.most_common(8)))
print("   places: " + ", ".join(f"{u} {n}" for u, n in places.most_common(10)))
for kind, p, f in problems[:10]:
    print(f"   bad {kind} in {p}: {f}")
sys.exit(0 if ok else 1)
PY
done
if [ $fail -eq 0 ]; then echo "facts: all corpora extracted"; else echo "facts: FAILED"; fi
exit $fail
