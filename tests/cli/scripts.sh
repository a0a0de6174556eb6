#!/usr/bin/env bash
# Test plan: the ready report scripts (scripts/*.lua) through `tinsh run`,
# on the bundled example corpus.
#  1. `tinsh run --list` shows every script with its title and usage line;
#     `tinsh run NAME --help` prints its header (title, usage, help lines).
#  2. Every script runs with every format: --out FILE.{txt,md,html,csv}
#     (format from the extension) and --format F to stdout. Each file
#     exists and is non-trivial; HTML is one page with a <table>, no
#     http(s):// and no <script>; CSV parses with python3's csv module
#     (a header, >= 1 data row, every row as wide as the header).
#  3. Content: the figures the example corpus holds show up where they
#     belong (timeline "chi bộ" in Móng Cái: 2020: 224 → 2024: 263; the
#     2025 targets with 57,7%; who held "Bí thư Thành ủy Móng Cái"; the
#     citation index with 20-NQ/TU; compare 1 3 matching 224 ↔ 263 chi bộ;
#     a KWIC of "mong cai" finding "Móng Cái"); Vietnamese intact.
#  4. `make run`'s first screen: overview --format text fits 100 columns,
#     lists the documents first (a small corpus) and counts words whole.
#  5. Bad arguments (unknown option, bad value, unknown format, missing or
#     extra argument, unwritable --out) give ONE line on stderr naming the
#     script and a non-zero status, and write nothing on stdout.
#  6. --sandbox: a script writes its report inside the --out folder.
. "$(dirname "$0")/lib.sh"
cd "$TINSH_SRC" || exit 1
command -v python3 >/dev/null || { echo "skip: python3 missing"; exit 77; }

SCRIPTS="overview targets figures people refs compare timeline kwic"
args_of() { # the arguments each script runs with, separated by |
  case $1 in
    compare) echo "1|3" ;;
    timeline) echo "chi bộ|--place|Móng Cái" ;;
    kwic) echo "mong cai" ;;
    *) echo "" ;;
  esac
}
# run_script NAME EXTRA... : runs `tinsh run NAME <its args> EXTRA...`
run_script() {
  local name=$1
  shift
  local -a pre=()
  local a
  a=$(args_of "$name")
  [ -n "$a" ] && IFS='|' read -r -a pre <<<"$a"
  run "$TINSH" run "$name" "${pre[@]}" "$@"
}

# display width of the widest line of stdin (combining marks: 0 columns)
maxwidth() {
  python3 -c '
import sys, unicodedata
w = 0
for line in sys.stdin.read().split("\n"):
    n = sum(0 if unicodedata.combining(c) else 2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in line)
    w = max(w, n)
print(w)'
}

csv_check() { # FILE -> "rows cols" or an error line
  python3 - "$1" <<'EOF'
import csv, sys
with open(sys.argv[1], newline="", encoding="utf-8") as fh:
    rows = list(csv.reader(fh))
if len(rows) < 2:
    print("too few rows: %d" % len(rows)); sys.exit(0)
w = len(rows[0])
bad = [i for i, r in enumerate(rows) if len(r) != w]
print("bad widths at rows %s" % bad[:5] if bad else "%d %d" % (len(rows) - 1, w))
EOF
}

# 1. --list and --help
run "$TINSH" run --list
is "--list status" "$RC" 0
LIST=$OUT
for s in $SCRIPTS; do
  has "--list names $s" "$LIST" "^  $s +[^ ]"
  has "--list usage of $s" "$LIST" "tinsh run $s"
  run "$TINSH" run "$s" --help
  is "$s --help status" "$RC" 0
  has "$s --help title" "$OUT" "^title: "
  has "$s --help usage" "$OUT" "^usage: tinsh run $s"
  # --help after other arguments goes through the script's own parser
  run_script "$s" --format md --help
  is "$s args --help status" "$RC" 0
  has "$s args --help usage" "$OUT" "^usage: tinsh run $s"
done

# 2. every format, to files and to stdout
D=$TMP/out
mkdir -p "$D"
for s in $SCRIPTS; do
  for ext in txt md html csv; do
    f="$D/$s.$ext"
    run_script "$s" --out "$f"
    is "$s -> .$ext status" "$RC" 0
    has "$s -> .$ext says where" "$ERR" "wrote .*$s\\.$ext"
    size=$(stat -c %s "$f" 2>/dev/null || echo 0)
    if [ "$size" -gt 300 ]; then pass; else failed "$s.$ext is non-trivial" "size $size"; fi
  done
  html=$(cat "$D/$s.html")
  has "$s html is a page" "$html" "^<!DOCTYPE html>"
  has "$s html has a table" "$html" "<table"
  has "$s html is utf-8" "$html" '<meta charset="utf-8">'
  lacks "$s html has no URL" "$html" "https?://"
  lacks "$s html has no script" "$html" "<script|<link|src="
  has "$s md has a title" "$(head -1 "$D/$s.md")" "^# "
  res=$(csv_check "$D/$s.csv")
  has "$s csv parses ($res)" "$res" "^[0-9]+ [0-9]+$"
  for fmt in text md html csv; do
    run_script "$s" --format "$fmt"
    is "$s --format $fmt status" "$RC" 0
    if [ "${#OUT}" -gt 200 ]; then pass; else failed "$s --format $fmt output" "${#OUT} bytes"; fi
  done
done

# 3. content
run_script timeline
has "timeline: chi bộ 2020 -> 2024" "$OUT" "2020: 224 → 2024: 263"
has "timeline: inferred years marked" "$OUT" "≈2020"
run_script timeline --format csv
has "timeline csv header" "$OUT" "^year,when,rowid,subject,value,unit,text,sentence,document"
has "timeline csv row 263" "$OUT" "2024,≈2024,3,.*,263,chi bộ,263 chi bộ"
has "timeline html chart" "$(cat "$D/timeline.html")" '<svg '
has "timeline html line" "$(cat "$D/timeline.html")" '<path '
run "$TINSH" run people --format csv
has "people csv header" "$OUT" "^name,title,rowid,when,year,mentions,document"

run_script targets
has "targets: 2025" "$OUT" "→ 2025"
has "targets: figures of the statement" "$OUT" "57,7% \(Dịch vụ\)"
has "targets: Cẩm Phả" "$OUT" "Cẩm Phả phấn đấu đến năm 2025"
run "$TINSH" run targets --place "cam pha" --format csv
has "targets --place accent-insensitive" "$OUT" "2025,Cẩm Phả,"
lacks "targets --place filters" "$OUT" ",Móng Cái,"
run "$TINSH" run targets --year 2020 --format csv
has "targets --year" "$OUT" "^2020,Móng Cái,"
lacks "targets --year filters" "$OUT" "^2025,"

run_script people
has "people: two secretaries of Móng Cái" "$OUT" "Bí thư Thành ủy Móng Cái +Lê Văn Ánh \(≈2020\); Hoàng Bá Nam \(2024-03-04\)"
run "$TINSH" run people --name "xuan ky" --format csv
has "people --name" "$OUT" "Nguyễn Xuân Ký,Bí thư Tỉnh ủy,2,2024-03-04,2024,3,"
lacks "people --name filters" "$OUT" "Lê Văn Ánh"

run_script refs
has "refs: 20-NQ/TU" "$OUT" "20-NQ/TU +2023-11-27 +Tỉnh ủy +#2 2024-03-04"
has "refs: sections by kind" "$OUT" "^Kết luận$"
run "$TINSH" run refs --kind "chi thi" --format csv
has "refs --kind" "$OUT" "Chỉ thị,35-CT/TW,2024-06-14,Bộ Chính trị"
lacks "refs --kind filters" "$OUT" "Nghị quyết"

run_script figures --format csv
has "figures csv header" "$OUT" "^rowid,when,year,subject,value,of,unit,base,base_unit,text"
has "figures csv 57,7%" "$OUT" ",57.7,,%,57.7,%,\"57,7%\""
has "figures csv ratio" "$OUT" ",21923,23394,hồ sơ,"
run "$TINSH" run figures --unit "tỷ đồng" --format csv
has "figures --unit" "$OUT" "5000,,tỷ đồng,5000000000000,đồng"
lacks "figures --unit filters" "$OUT" ",%,"

run_script compare
has "compare: chi bộ matched" "$OUT" "224 chi bộ +263 chi bộ"
has "compare: people sides" "$OUT" "Lê Văn Ánh .*only a"
has "compare: similarity" "$OUT" "Similarity of the two texts"
run "$TINSH" run compare "Móng Cái" "Cẩm Phả"
is "compare places status" "$RC" 0
has "compare places" "$OUT" "Cẩm Phả \(1 document\)"
has "compare places people" "$OUT" "Nguyễn Hồng Dương .*only b"

run_script kwic
has "kwic: accent-smart" "$OUT" "Móng Cái"
has "kwic: lines" "$OUT" "^[0-9]+ lines in [0-9]+ documents"
has "kwic html marks" "$(cat "$D/kwic.html")" "<mark>Móng Cái</mark>"
run "$TINSH" run kwic "phát triển" --limit 5 --format csv
n=$(printf '%s\n' "$OUT" | python3 -c 'import csv,sys; print(len(list(csv.reader(sys.stdin))) - 1)')
is "kwic --limit 5" "$n" 5

run "$TINSH" run overview --format csv
has "overview csv header" "$OUT" "^rowid,date,year,site,title,people,places,figures,refs"
has "overview csv site" "$OUT" "Cổng thông tin điện tử tỉnh Quảng Ninh"

# 4. the first screen of `make run`
run "$TINSH" run overview --format text
is "overview text status" "$RC" 0
has "overview title" "$OUT" "^Corpus overview"
for t in "Documents per site and year" "Nguyễn Xuân Ký" "Bí thư Tỉnh ủy" "Móng Cái +█" \
         "Nghị quyết" "20-NQ/TU" "Figures by unit" "≈2020"; do
  has "overview shows $t" "$OUT" "$t"
done
# words, not syllables: "phát triển" and "thành phố" are counted whole
has "overview words" "$OUT" "^thành phố +[0-9]+ +[0-9]+$"
has "overview words 2" "$OUT" "^phát triển +[0-9]+ +[0-9]+$"
# a year from a date line and a year inferred from the text are two bars
# ("2020", "≈2020"), the inferred ones noted; titles of a person once each
has "overview dated year bar" "$OUT" "^2020 +█+ 1$"
has "overview inferred year bar" "$OUT" "^≈2020 +█+ 1$"
has "overview inferred note" "$OUT" "^≈ year inferred"
# a small corpus lists its documents before the summaries
d=$(printf '%s\n' "$OUT" | grep -n '^Documents$' | cut -d: -f1)
p=$(printf '%s\n' "$OUT" | grep -n '^People$' | cut -d: -f1)
if [ -n "$d" ] && [ -n "$p" ] && [ "$d" -lt "$p" ]; then pass; else
  failed "overview: documents first in a small corpus" "Documents line $d, People line $p"; fi
w=$(printf '%s' "$OUT" | maxwidth)
if [ "$w" -le 100 ]; then pass; else failed "overview fits 100 columns" "widest line: $w"; fi
lacks "overview text has no escapes" "$OUT" $'\033'

# 5. bad arguments: one line, non-zero, nothing on stdout
bad() { # NAME ARGS...
  local what="$*"
  run "$TINSH" run "$@"
  if [ "$RC" -ne 0 ]; then pass; else failed "bad args exit: $what" "status 0"; fi
  is "bad args one line: $what" "$(printf '%s\n' "$ERR" | wc -l)" 1
  has "bad args names the script: $what" "$ERR" "^tinsh: run $1: "
  is "bad args no stdout: $what" "$OUT" ""
}
for s in $SCRIPTS; do bad "$s" --bogus; done
bad overview --format pdf
bad overview --out report.pdf
bad overview --top many
bad overview extra
bad timeline
bad kwic
bad compare 1
bad compare 1 2 3
bad compare 1 "no such place"
bad kwic "x" --sort sideways
bad overview --out "$TMP/no/such/dir/x.html"
bad overview --db "$TMP/none.db"
has "usage in the error" "$(run "$TINSH" run timeline; echo "$ERR")" "usage: tinsh run timeline SUBJECT"

# 6. sandboxed
mkdir -p "$TMP/sb"
(cd "$TMP/sb" && "$TINSH" --sandbox --out res run people --out people.html) >"$TMP/sb.out" 2>&1
is "sandbox run status" "$?" 0
if [ -s "$TMP/sb/res/people.html" ]; then pass; else
  failed "sandbox report inside --out" "$(cat "$TMP/sb.out")"
fi
(cd "$TMP/sb" && "$TINSH" --sandbox --out res run people --out /tmp/escape-$$.html) >"$TMP/sb.out" 2>&1
if [ $? -ne 0 ] && [ ! -e "/tmp/escape-$$.html" ]; then pass; else
  failed "sandbox refuses writing outside --out" "$(cat "$TMP/sb.out")"
fi
rm -f "/tmp/escape-$$.html"

finish
