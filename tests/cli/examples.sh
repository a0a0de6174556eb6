#!/usr/bin/env bash
# Test plan: the shareable example scripts (examples/*.lua) on the bundled
# example corpus, each with its output checked.
#  1. Every examples/*.lua has a `#!/usr/bin/env tinsh` first line and a
#     header comment naming it, and every one is run below (a new example
#     without a case here fails the test).
#  2. search_accents: "mong cai" finds as many documents as "Móng Cái";
#     "dang" matches "đang" and "Đảng", "đảng" only "Đảng"; a quoted phrase
#     "cam pha" finds «Cẩm Phả» in one document.
#  3. kwic: 15 lines, the matches aligned in one display column.
#  4. figures_subject: the 224 and 263 chi bộ of Móng Cái, largest per document.
#  5. who_held_title: both secretaries of the Móng Cái party committee.
#  6. export_csv: the CSV (with BOM) reads back with python3's csv module.
#  7. custom_writer: Hỏi:/Đáp: transcripts, to stdout and as a registered format.
#  8. tiny_report: HTML with an SVG chart and no URL; Markdown too.
#  9. sandboxed: under `tinsh --sandbox --out DIR` the script reads the
#     corpus, writes its CSV inside DIR, and os.execute, io.popen and
#     writing outside DIR are refused; another example asked to write
#     outside DIR fails with a sandbox error.
. "$(dirname "$0")/lib.sh"
cd "$TINSH_SRC" || exit 1
command -v python3 >/dev/null || { echo "skip: python3 missing"; exit 77; }
E=examples
TESTED="search_accents kwic figures_subject who_held_title export_csv custom_writer tiny_report sandboxed"

# 1. shape, and every example has a case
for f in $E/*.lua; do
  name=$(basename "$f" .lua)
  is "$name: shebang" "$(head -1 "$f")" "#!/usr/bin/env tinsh"
  has "$name: header comment" "$(sed -n 2p "$f")" "^-- $name\\.lua — "
  case " $TESTED " in
    *" $name "*) pass ;;
    *) failed "$name has a test case in tests/cli/examples.sh" "add it to TESTED and check its output" ;;
  esac
done

# 2. accent-smart search
run "$TINSH" $E/search_accents.lua
is "search_accents status" "$RC" 0
n1=$(printf '%s\n' "$OUT" | sed -n 's/^mong cai *\([0-9]*\) documents*$/\1/p')
n2=$(printf '%s\n' "$OUT" | sed -n 's/^Móng Cái *\([0-9]*\) documents*$/\1/p')
has "mong cai finds documents" "$n1" "^[1-9][0-9]*$"
is "mong cai = Móng Cái" "$n1" "$n2"
has "mong cai snippet shows Móng Cái" "$OUT" "«Móng Cái»"
has "quoted phrase" "$OUT" '^"cam pha" +1 document$'
has "phrase snippet" "$OUT" "«Cẩm Phả»"
run "$TINSH" $E/search_accents.lua dang
has "dang finds đang" "$OUT" "«đang»"
has "dang finds Đảng" "$OUT" "«[Đđ]ảng»"
run "$TINSH" $E/search_accents.lua "đảng"
has "đảng finds Đảng" "$OUT" "«[Đđ]ảng»"
lacks "đảng does not find đang" "$OUT" "«đang»"

# 3. KWIC
run "$TINSH" $E/kwic.lua "phát triển" 100
is "kwic status" "$RC" 0
has "kwic footer" "$OUT" '\(15 lines of "phát triển"\)'
cols=$(printf '%s\n' "$OUT" | python3 -c '
import sys, unicodedata
cols = set()
for line in sys.stdin:
    if not line.startswith("#"): continue
    i = line.lower().find("phát triển")
    if i < 0: continue
    cols.add(sum(0 if unicodedata.combining(c) else 1 for c in line[:i]))
print(len(cols), max(cols) if cols else 0)')
is "kwic matches in one column" "${cols%% *}" 1
has "kwic documents table" "$OUT" "rowid +date +title +lines"

# 4. figures of one subject
run "$TINSH" $E/figures_subject.lua "chi bộ"
is "figures_subject status" "$RC" 0
has "figures_subject count" "$OUT" "^[0-9]+ figures about 'chi bộ'"
has "figures_subject 263" "$OUT" "263 +chi bộ +263 chi bộ"
has "figures_subject 224" "$OUT" "224 +chi bộ +224 chi bộ"
has "largest per document (1)" "$OUT" "^ +1 +chi bộ +224$"
has "largest per document (3)" "$OUT" "^ +3 +chi bộ +263$"

# 5. who held which title
run "$TINSH" $E/who_held_title.lua "bí thư thành ủy"
is "who_held_title status" "$RC" 0
has "two secretaries of Móng Cái" "$OUT" "^Bí thư Thành ủy Móng Cái: (Hoàng Bá Nam, Lê Văn Ánh|Lê Văn Ánh, Hoàng Bá Nam)$"
has "secretary of Cẩm Phả" "$OUT" "^Bí thư Thành ủy Cẩm Phả: Nguyễn Hồng Dương$"
lacks "title filter" "$OUT" "Chủ tịch"

# 6. export to CSV
csv="$TMP/places.csv"
run "$TINSH" $E/export_csv.lua "$csv"
is "export_csv status" "$RC" 0
has "export_csv report" "$OUT" "^wrote .*places.csv: [0-9]+ places"
is "export_csv BOM" "$(od -An -tx1 -N3 "$csv" | tr -d ' ')" "efbbbf"
res=$(python3 - "$csv" <<'EOF'
import csv, sys
rows = list(csv.reader(open(sys.argv[1], newline="", encoding="utf-8-sig")))
head, data = rows[0], rows[1:]
ok = all(len(r) == 3 and r[2].isdigit() for r in data)
print(",".join(head), len(data), data[0][0], "ok" if ok else "bad")
EOF
)
has "export_csv reads back" "$res" "^name,kind,mentions [0-9]+ Móng Cái ok$"

# 7. custom writer
run "$TINSH" $E/custom_writer.lua
is "custom_writer status" "$RC" 0
has "writer title" "$OUT" "^== Móng Cái tập trung tạo sức bật"
has "writer questions" "$OUT" "^Hỏi: "
has "writer answers" "$OUT" "^Đáp: "
lacks "writer drops the + marks" "$OUT" "^Đáp: \+"
has "writer document()" "$OUT" "^-- \(no date\)"
run "$TINSH" $E/custom_writer.lua "$TMP/all.interview"
has "writer as a format" "$OUT" "^wrote [2-9] interviews"
is "writer file has every interview" "$(grep -c '^== ' "$TMP/all.interview")" \
  "$(printf '%s' "$OUT" | sed -n 's/^wrote \([0-9]*\) interviews.*/\1/p')"

# 8. tiny report
run "$TINSH" $E/tiny_report.lua "$TMP/tiny.html"
is "tiny_report status" "$RC" 0
html=$(cat "$TMP/tiny.html" 2>/dev/null)
has "tiny html chart" "$html" "<svg "
has "tiny html text" "$html" "Số lần nhắc đến"
has "tiny html targets" "$html" "57,7%"
lacks "tiny html offline" "$html" "https?://|<script"
run "$TINSH" $E/tiny_report.lua "$TMP/tiny.md"
has "tiny md" "$(cat "$TMP/tiny.md" 2>/dev/null)" "^# Quảng Ninh: tóm tắt kho bài viết"

# 9. sandboxed
mkdir -p "$TMP/sb"
cd "$TMP/sb" || exit 1
run "$TINSH" --sandbox --out res "$TINSH_SRC/$E/sandboxed.lua" res/people.csv
is "sandboxed status" "$RC" 0
has "sandboxed: on" "$OUT" $'^sandboxed:\ttrue$'
has "os.execute refused" "$OUT" $'^os.execute:\trefused$'
has "io.popen refused" "$OUT" $'^io.popen:\trefused$'
has "outside write refused" "$OUT" $'^write outside the output folder:\trefused'
has "sandboxed wrote" "$OUT" "^wrote [0-9]+ rows to res/people.csv:"
has "sandboxed csv" "$(head -1 res/people.csv 2>/dev/null)" "^name,title,date,rowid,mentions"
[ -e /tmp/tinsh-sandbox-escape.txt ] && failed "nothing written outside" "/tmp/tinsh-sandbox-escape.txt" || pass
run "$TINSH" "$TINSH_SRC/$E/sandboxed.lua" "$TMP/sb/plain.csv"
has "not sandboxed" "$OUT" $'^sandboxed:\tfalse$'
has "os.execute allowed" "$OUT" $'^os.execute:\tallowed$'
run "$TINSH" --sandbox --out res "$TINSH_SRC/$E/export_csv.lua" "$TMP/outside.csv"
if [ "$RC" -ne 0 ] && [ ! -e "$TMP/outside.csv" ]; then pass; else
  failed "export_csv outside --out is refused" "status $RC"
fi
has "the refusal names the sandbox" "$ERR" "sandbox"
cd "$TINSH_SRC" || exit 1

finish
