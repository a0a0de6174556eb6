#!/bin/bash
# tests/cli/parse_folder.sh — the per-folder chrome context through the CLI.
# Plan:
#   1. tinsh parse of the four files of one folder (own-written pages that
#      share a campaign banner): the banner is no title; one file alone
#      keeps today's answer (the banner is its title).
#   2. tinsh ingest of the folder stores the same titles as tinsh parse of
#      its files, in any order of the arguments.
#      --reparse (contexts rebuilt from the stored texts) stores the same.
#   3. A folder of two files has no context: the banner stays the title.
. "$(dirname "$0")/lib.sh"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir "$tmp/site" "$tmp/two"
for i in 1 2 3 4; do
  printf 'Mừng Xuân mới, mừng Đảng quang vinh\n\nXã thứ %s hoàn thành xây dựng nông thôn mới nâng cao\n\nNăm nay xã thứ %s đã làm %s km đường bê tông, vượt chỉ tiêu.\n' \
    $i $i $i > "$tmp/site/p$i.txt"
done
cp "$tmp/site/p1.txt" "$tmp/site/p2.txt" "$tmp/two/"
titles() { python3 -c 'import json,sys
for l in sys.stdin: print(json.loads(l)["title"])'; }

run "$TINSH" parse --no-facts "$tmp/site/p1.txt"
is "one file: today's answer" "$(printf '%s' "$OUT" | titles)" \
  "Mừng Xuân mới, mừng Đảng quang vinh"
run "$TINSH" parse --no-facts "$tmp"/site/p*.txt
want=$(printf 'Xã thứ %s hoàn thành xây dựng nông thôn mới nâng cao\n' 1 2 3 4)
is "folder: the banner is chrome" "$(printf '%s\n' "$OUT" | titles)" "$want"
run "$TINSH" parse --no-facts "$tmp/site/p4.txt" "$tmp/site/p2.txt" \
  "$tmp/site/p3.txt" "$tmp/site/p1.txt"
is "any order" "$(printf '%s\n' "$OUT" | titles | sort)" "$want"
run "$TINSH" --db "$tmp/c.db" ingest -q "$tmp/site"
is "ingest status" "$RC" 0
run sqlite3 "$tmp/c.db" "SELECT title FROM documents ORDER BY path"
is "ingest = parse" "$OUT" "$want"
run "$TINSH" --db "$tmp/c.db" ingest -q --reparse
run sqlite3 "$tmp/c.db" "SELECT title FROM documents ORDER BY path"
is "--reparse = ingest" "$OUT" "$want"
run "$TINSH" parse --no-facts "$tmp"/two/p*.txt
has "two files: no context" "$OUT" '"title":"Mừng Xuân mới'
finish
