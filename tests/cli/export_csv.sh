#!/usr/bin/env bash
# Test plan: CSV export interoperates with Python's csv module.
#  1. `tinsh -e` writes a frame with tricky cells (commas, doubled quotes,
#     CR/LF and LF inside cells, empty and missing values, numbers, Vietnamese
#     "Móng Cái", "đồng chí Nguyễn Xuân Ký") to a .csv file; python3's csv
#     reader gets exactly the same rows back, and rows end with CRLF.
#  2. With {bom = true} the file starts with EF BB BF and Python's utf-8-sig
#     codec reads the same rows.
#  3. The same frame exported to stdout ("-") is byte-identical to the file.
#  4. An unwritable path returns nil + message (no crash, exit status 0 from
#     the script that checks it).
#  5. Text cells that start as spreadsheet formulas are neutralised (below).
set -u
TINSH=${TINSH:-tinsh}
cd "${TINSH_SRC:-.}" || exit 1
command -v python3 >/dev/null || { echo "python3 missing: skip"; exit 77; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0
ok() { pass=$((pass + 1)); }
ko() { fail=$((fail + 1)); echo "FAIL: $*"; }

LUA_SETUP='
local frame = require("frame")
f = frame.new({
  { id = 1, place = "Móng Cái", text = "a, b", quote = "say \"xin chào\"", n = 57.7 },
  { id = 2, place = "đồng chí Nguyễn Xuân Ký", text = "dòng 1\ndòng 2", quote = "", n = 5000 },
  { id = 3, place = "Hạ Long, Quảng Ninh", text = "CR\r\nLF", quote = "\"", n = -0.5 },
  { id = 4, place = "Cẩm Phả", text = "trailing space ", quote = "a\"\"b" },
}, { "id", "place", "text", "quote", "n" })
'
EXPECTED='[
 ["id","place","text","quote","n"],
 ["1","Móng Cái","a, b","say \"xin chào\"","57.7"],
 ["2","đồng chí Nguyễn Xuân Ký","dòng 1\ndòng 2","","5000"],
 ["3","Hạ Long, Quảng Ninh","CR\r\nLF","\"","-0.5"],
 ["4","Cẩm Phả","trailing space ","a\"\"b",""]
]'

if "$TINSH" -e "$LUA_SETUP assert(f:export('$tmp/plain.csv')) assert(f:export('$tmp/bom.csv', {bom = true}))"; then
  ok
else
  ko "tinsh could not write the CSV files"
fi

if "$TINSH" -e "$LUA_SETUP assert(require('export').write(f, '-'))" >"$tmp/stdout.csv"; then ok; else ko "export to stdout"; fi
if cmp -s "$tmp/plain.csv" "$tmp/stdout.csv"; then ok; else ko "stdout export differs from file export"; fi

EXPECTED="$EXPECTED" python3 - "$tmp" <<'PY'
import csv, json, os, sys
d = sys.argv[1]
want = json.loads(os.environ["EXPECTED"])
fails = 0
def check(cond, what):
    global fails
    if not cond:
        fails += 1
        print("FAIL:", what)
raw = open(os.path.join(d, "plain.csv"), "rb").read()
check(not raw.startswith(b"\xef\xbb\xbf"), "no BOM by default")
check(raw.endswith(b"\r\n"), "CRLF line ends")
with open(os.path.join(d, "plain.csv"), newline="", encoding="utf-8") as fh:
    got = list(csv.reader(fh))
check(got == want, "rows read back by csv.reader: %r" % (got,))
bom = open(os.path.join(d, "bom.csv"), "rb").read()
check(bom[:3] == b"\xef\xbb\xbf", "BOM bytes EF BB BF first, got %r" % bom[:3])
check(bom[3:] == raw, "BOM file = BOM + plain file")
with open(os.path.join(d, "bom.csv"), newline="", encoding="utf-8-sig") as fh:
    got2 = list(csv.reader(fh))
check(got2 == want, "utf-8-sig reads the same rows: %r" % (got2,))
with open(os.path.join(d, "plain.csv"), newline="", encoding="utf-8") as fh:
    recs = list(csv.DictReader(fh))
check(recs[1]["place"] == "đồng chí Nguyễn Xuân Ký", "Vietnamese intact via DictReader")
sys.exit(1 if fails else 0)
PY
if [ $? -eq 0 ]; then ok; else ko "python csv checks"; fi

out=$("$TINSH" -e "$LUA_SETUP local ok, msg = f:export('$tmp/no/such/dir/x.csv') print(ok, msg)")
case "$out" in
  "nil	$tmp/no/such/dir/x.csv: No such file or directory") ok ;;
  *) ko "unwritable path: got '$out'" ;;
esac

# 5. A text cell that starts as a spreadsheet formula (scraped text can
#    plant one: "=HYPERLINK(", "@SUM(", "-cmd|", after a tab too) gets a
#    "'" before it in CSV and TSV; a sign before a number alone or before
#    a space and plain text, a lone dash and numbers stay as they are (a
#    sign before "2+3+cmd|" does not); formulas = "keep" writes them raw.
FORMULAS='
local frame = require("frame")
g = frame.new({{ a = "=HYPERLINK(\"http://x\")", b = "@SUM(A1)", c = "-cmd|x",
  d = "\t=1+1", e = "-5%", f = "- Xin cảm ơn", h = "-", i = -3, j = "+84 912" }},
  { "a", "b", "c", "d", "e", "f", "h", "i", "j" })
'
out=$("$TINSH" -e "$FORMULAS g:export('-', {format = 'csv', header = false, eol = '\n'})" 2>&1)
want="\"'=HYPERLINK(\"\"http://x\"\")\",'@SUM(A1),'-cmd|x,'$(printf '\t')=1+1,-5%,- Xin cảm ơn,-,-3,+84 912"
[ "$out" = "$want" ] && ok || ko "csv formulas: got '$out', want '$want'"
out=$("$TINSH" -e "$FORMULAS g:export('-', {format = 'tsv', header = false})" 2>&1)
case "$out" in
  "'=HYPERLINK(\"http://x\")	'@SUM(A1)	'-cmd|x	'\t=1+1	-5%	- Xin cảm ơn	-	-3	+84 912") ok ;;
  *) ko "tsv formulas: got '$out'" ;;
esac
# REGRESSION (red team 6): a TSV header cell (a column named by data, as
# a pivot's are) was written raw where CSV's was guarded
out=$("$TINSH" -e "local frame = require('frame')
g = frame.new({{ ['=cmd|x'] = 1, ok = 2 }}, { '=cmd|x', 'ok' })
g:export('-', {format = 'tsv'}) g:export('-', {format = 'csv', eol = '\n'})" 2>&1)
case "$out" in
  "'=cmd|x	ok"*"'=cmd|x,ok"*) ok ;;
  *) ko "header formulas: got '$out'" ;;
esac
# REGRESSION (red team 5): a sign before a digit that goes on as a
# formula ("-2+3+cmd|…", "+1+HYPERLINK(…)") was written raw; a sign,
# a space and a call or pipe too
out=$("$TINSH" -e "local frame = require('frame')
g = frame.new({{ a = \"-2+3+cmd|' /C calc'!A0\", b = '+1+HYPERLINK(\"http://x\")',
  c = '- 2+cmd|x', d = '-1.234,5', e = '+1+1' }}, { 'a', 'b', 'c', 'd', 'e' })
g:export('-', {format = 'csv', header = false, eol = '\n'})" 2>&1)
want="'-2+3+cmd|' /C calc'!A0,\"'+1+HYPERLINK(\"\"http://x\"\")\",'- 2+cmd|x,\"-1.234,5\",'+1+1"
[ "$out" = "$want" ] && ok || ko "csv sign formulas: got '$out', want '$want'"
out=$("$TINSH" -e "$FORMULAS g:export('-', {format = 'csv', header = false, formulas = 'keep', eol = '\n'})" 2>&1)
case "$out" in
  '"=HYPERLINK(""http://x"")",@SUM(A1),-cmd|x,'*) ok ;;
  *) ko "csv formulas = keep: got '$out'" ;;
esac

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
