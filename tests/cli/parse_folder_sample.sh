#!/bin/bash
# tests/cli/parse_folder_sample.sh — a folder larger than the chrome sample
# (parse_folder.h: PARSE_FOLDER_SAMPLE files are read to learn its chrome).
# Plan: a generated folder of 1100 own-written pages: a banner on every
# 3rd page, a line on exactly every 5th page (20 % of the folder: the
# sample decides whether it is chrome), a footer on all.
#   1. tinsh parse of the folder's files: the banner is never a title.
#   2. tinsh ingest of the folder stores the titles tinsh parse gives, in
#      any order of the arguments (the sample is a function of the set of
#      files).
#   3. --reparse (contexts rebuilt from the stored texts, sampled the same
#      way) stores the same titles.
. "$(dirname "$0")/lib.sh"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir "$tmp/big"
python3 - "$tmp/big" <<'PY'
import sys
for i in range(1100):
    with open("%s/t%04d.txt" % (sys.argv[1], i), "w") as f:
        if i % 3 == 0: f.write("Chào mừng Đại hội Đảng bộ tỉnh lần thứ XVI\n\n")
        if i % 5 == 0: f.write("Hưởng ứng tháng hành động vì môi trường xanh\n\n")
        f.write("Xã số %d hoàn thành kế hoạch trồng rừng mùa xuân\n\n" % i)
        f.write("Người dân xã số %d đã trồng %d ha rừng, vượt kế hoạch.\n\n" % (i, i % 40))
        f.write("Cổng thông tin huyện miền núi giữ bản quyền\n")
PY
titles() { python3 -c 'import json,sys
for l in sys.stdin: print(json.loads(l)["title"])'; }

run "$TINSH" parse --no-facts "$tmp"/big/t*.txt
is "parse status" "$RC" 0
want=$(printf '%s\n' "$OUT" | titles)
lacks "the banner is chrome" "$want" "Đại hội Đảng bộ"
has "own titles" "$want" "^Xã số 1 hoàn thành"
run "$TINSH" parse --no-facts $(ls "$tmp"/big/t*.txt | sort -r)
is "any order" "$(printf '%s\n' "$OUT" | titles | sort)" \
  "$(printf '%s\n' "$want" | sort)"
run "$TINSH" --db "$tmp/c.db" ingest -q "$tmp/big"
is "ingest status" "$RC" 0
run sqlite3 "$tmp/c.db" "SELECT title FROM documents ORDER BY path"
is "ingest = parse" "$OUT" "$want"
run "$TINSH" --db "$tmp/c.db" ingest -q --reparse
is "--reparse status" "$RC" 0
run sqlite3 "$tmp/c.db" "SELECT title FROM documents ORDER BY path"
is "--reparse = ingest" "$OUT" "$want"
finish
