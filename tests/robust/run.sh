#!/usr/bin/env bash
# tests/robust/run.sh — robustness run of `tinsh parse` over real corpora.
#
# Usage: tests/robust/run.sh [TINSH] [CORPORA_DIR]
#   TINSH        binary to test (default: $TINSH, else ./build/tinsh);
#                run it with an ASan/UBSan build too (-DTINSH_SANITIZE=ON)
#   CORPORA_DIR  folder of *.tar.xz corpora (default: ../shared/corpora
#                relative to the repo); exits 77 (skip) when absent
#
# Plan: unpack every archive into a temp dir (removed at exit); parse every
# document with `tinsh parse` in batches; fail on a crash or non-zero status,
# on any sanitizer report, on an output line that is not a JSON document,
# on a document count that differs from the file count, and on a baomoi
# file whose title is missing or is not its first line. Prints, per corpus,
# the block kinds and the counts of each warning kind.
set -uo pipefail
. "$(dirname "$0")/lib.sh"
robust_setup robust "$@"
for a in "$corpora"/*.tar.xz; do
  name=$(basename "$a" .tar.xz)
  mkdir -p "$work/$name"
  tar -xJf "$a" -C "$work/$name" || { echo "robust: $a: cannot unpack" >&2; fail=1; continue; }
  find "$work/$name" -type f -name '*.txt' ! -name 'crawled_urls.txt' | sort >"$work/$name.list"
  nfiles=$(wc -l <"$work/$name.list")
  start=$(date +%s.%N)
  # batches of 500 files, 2 at a time, each into its own output file;
  # stderr kept for sanitizer reports
  mkdir -p "$work/$name.out"
  export OUTDIR="$work/$name.out"
  xargs -d '\n' -n 500 -P 2 sh -c \
    '"$0" parse --no-facts "$@" >"$OUTDIR/$$.jsonl" || echo "EXIT $?" >&2' \
    "$TINSH" <"$work/$name.list" 2>"$work/$name.err"
  cat "$work/$name.out"/*.jsonl >"$work/$name.jsonl" 2>/dev/null
  secs=$(echo "$(date +%s.%N) - $start" | bc)
  echo "== $name: $nfiles files, ${secs%??????}s"
  if grep -qE 'AddressSanitizer|LeakSanitizer|runtime error:|EXIT [0-9]' "$work/$name.err"; then
    echo "robust: $name: crash, failure or sanitizer report:" >&2
    grep -E -m 20 'ERROR|runtime error:|EXIT|SUMMARY' "$work/$name.err" >&2
    fail=1
  fi
  if grep -qv '^tinsh: ' "$work/$name.err" 2>/dev/null && [ -s "$work/$name.err" ]; then
    grep -v '^tinsh: ' "$work/$name.err" | head -5 >&2
  fi
  BAOMOI=0
  case $name in baomoi*) BAOMOI=1 ;; esac
  python3 - "$work/$name.jsonl" "$nfiles" "$BAOMOI" <<'EOF' || fail=1
import collections, json, sys, unicodedata
path, nfiles, baomoi = sys.argv[1], int(sys.argv[2]), sys.argv[3] == "1"
kinds, warns = collections.Counter(), collections.Counter()
docs = bad_json = 0
title_missing, title_wrong = [], []
have = collections.Counter()

def key(s):
    """compare texts without marks, format characters and whitespace"""
    s = unicodedata.normalize("NFD", s)
    return "".join(c for c in s if unicodedata.category(c) not in ("Mn", "Cf", "Zs", "Cc"))

for line in open(path, encoding="utf-8"):
    try:
        d = json.loads(line)
    except ValueError:
        bad_json += 1
        continue
    docs += 1
    for b in d["blocks"]:
        kinds[b["kind"]] += 1
    for w in d["warnings"]:
        warns[w.split(":", 1)[0]] += 1
    for f in ("title", "published", "author", "site", "lead"):
        have[f] += d[f] is not None
    if baomoi:
        with open(d["path"], encoding="utf-8", errors="replace") as f:
            first = f.readline()
        t = d["title"]
        if not t:
            title_missing.append(d["path"])
        elif key(t) not in key(first) and first.strip():
            title_wrong.append((d["path"], t, first))
ok = True
print(f"   documents: {docs} of {nfiles} files" + ("" if docs == nfiles else "  <-- MISMATCH"))
if docs != nfiles or bad_json:
    ok = False
if bad_json:
    print(f"   {bad_json} output lines are not JSON")
print("   fields set: " + ", ".join(f"{k} {have[k]}" for k in ("title", "published", "author", "site", "lead")))
print("   blocks: " + ", ".join(f"{k} {n}" for k, n in kinds.most_common()))
print("   warnings: " + (", ".join(f"{k} {n}" for k, n in warns.most_common()) or "none"))
if baomoi:
    print(f"   baomoi titles: {docs - len(title_missing) - len(title_wrong)} of {docs} are the first line")
    for p in title_missing[:10]:
        print(f"   no title: {p}")
    for p, t, f in title_wrong[:10]:
        print(f"   title is not the first line: {p}: {t!r} vs {f[:80]!r}")
    if title_missing or title_wrong:
        ok = False
sys.exit(0 if ok else 1)
EOF
done
if [ $fail -eq 0 ]; then echo "robust: all corpora parsed"; else echo "robust: FAILED"; fi
exit $fail
