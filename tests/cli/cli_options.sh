#!/usr/bin/env bash
# Test plan: the table-driven command line (shell/cli.c, shell/main.c).
#  1. `tinsh --help` lists the subcommands from the command table; each
#     one's `tinsh CMD --help` is its usage, and every option that help
#     lists is accepted by the subcommand (tried before --help, which
#     then prints the help: nothing runs).
#  2. The global --db works before the subcommand, after it, and after
#     its operands; the Lua side gets --db without the environment.
#  3. Usage errors are one line naming the option and the subcommand's
#     help, status 2, nothing on stdout: unknown option, missing value,
#     bad value, a value given to a flag.
#  4. Every refusal of the global options: --sandbox with a subcommand
#     that runs no Lua, --out without --sandbox or empty, --db for parse,
#     --db without its value; after the script or a literal `--` the
#     words are the script's own.
#  5. search and sql take single-dash words as their text.
. "$(dirname "$0")/lib.sh"
cd "$TMP"
CORPUS=$TINSH_SRC/examples/corpus

# 1. help from the table
run "$TINSH" --help
is "--help: status" "$RC" 0
cmds=$(printf '%s\n' "$OUT" | sed -n 's/^  tinsh \([a-z][a-z]*\) .*/\1/p')
for c in parse ingest search sql run; do
  has "--help lists $c" "$cmds" "^$c\$"
done
for c in $cmds; do
  run "$TINSH" "$c" --help
  is "$c --help: status" "$RC" 0
  has "$c --help: usage line" "$OUT" "^usage: tinsh .*$c"
  has "$c --help: lists --help" "$OUT" "^  (-h, )?--help "
  opts=$(printf '%s\n' "$OUT" | sed -n 's/^  \(-., \)\{0,1\}--\([a-z-]*\)\( [A-Z]*\)\{0,1\} .*/\2\3/p' |
    grep -v '^help$' || true)
  while read -r name value; do
    [ -n "$name" ] || continue
    [ -n "${value:-}" ] && value=1
    # shellcheck disable=SC2086
    run "$TINSH" "$c" "--$name" ${value:+"$value"} --help
    is "$c --$name is accepted" "$RC" 0
    has "$c --$name: then the help" "$OUT" "^usage: tinsh "
  done <<<"$opts"
done

# 2. --db anywhere around a plain subcommand; the Lua side gets it
run "$TINSH" ingest --db a.db --quiet "$CORPUS"
is "ingest --db x.db DIR: status" "$RC" 0
has "ingest --db x.db DIR: wrote a.db" "$OUT" "^a.db: [1-9][0-9]* documents"
run "$TINSH" --db b.db ingest --quiet "$CORPUS"
has "--db x.db ingest DIR: wrote b.db" "$OUT" "^b.db: [1-9][0-9]* documents"
run "$TINSH" ingest --quiet "$CORPUS" --db c.db
has "ingest DIR --db x.db: wrote c.db" "$OUT" "^c.db: [1-9][0-9]* documents"
[ ! -e tinsh.db ] && pass || failed "no ./tinsh.db written"
n=$(sqlite3 a.db 'SELECT count(*) FROM documents')
run "$TINSH" search --count --db b.db "mong cai"
is "search --db after the subcommand" "$RC" 0
run "$TINSH" sql "SELECT count(*) AS n FROM documents" --db c.db --csv
is "sql with --db after its SQL" "$OUT" "n
$n"
rm -f b.db
run "$TINSH" --db a.db -e 'print(#corpus, os.getenv("TINSH_DB_OPTION"))'
is "Lua: --db without the environment" "$OUT" "$n	nil"
printf 'print(#corpus)\n' >count.lua
run "$TINSH" --db a.db run ./count.lua
is "run: --db reaches the script's state" "$OUT" "$n"

# 3. usage errors: one line, the option, the subcommand's help
usage_error() { # NAME PATTERN CMD ARGS...
  local name=$1 pat=$2
  shift 2
  run "$TINSH" "$@"
  is "$name: status 2" "$RC" 2
  is "$name: nothing on stdout" "$OUT" ""
  is "$name: one line" "$(printf '%s\n' "$ERR" | wc -l | tr -d ' ')" 1
  has "$name: message" "$ERR" "$pat"
}
for c in parse ingest search sql; do
  usage_error "$c --bogus" "^tinsh: --bogus: unknown option \(see tinsh $c --help\)$" \
    "$c" --bogus x
done
usage_error "ingest -z" "^tinsh: -z: unknown option \(see tinsh ingest --help\)" ingest -z x
usage_error "search --limit (no value)" "^tinsh: --limit: needs a value \(see tinsh search --help\)" \
  search --db a.db --limit
usage_error "search --limit x" "^tinsh: --limit: .*\(see tinsh search --help\)" \
  search --db a.db --limit x word
usage_error "ingest --threads 0" "^tinsh: --threads: .*\(see tinsh ingest --help\)" \
  ingest --db d.db --threads 0 "$CORPUS"
usage_error "ingest --prune=1" "^tinsh: --prune: takes no value" ingest --db d.db --prune=1
usage_error "parse --max-file-size 0" "^tinsh: --max-file-size: .*\(see tinsh parse --help\)" \
  parse --max-file-size 0 x
[ ! -e d.db ] && pass || failed "a usage error wrote no database"
run "$TINSH" parse
is "parse without FILE: status 2" "$RC" 2
has "parse without FILE: usage" "$ERR" "^usage: tinsh parse"

# 4. refusals of the global options
for c in parse ingest search sql; do
  run "$TINSH" --sandbox "$c" x
  is "--sandbox $c: status 2" "$RC" 2
  has "--sandbox $c: refused" "$ERR" "^tinsh: $c: --sandbox: applies to Lua scripts"
done
run "$TINSH" --out o -e 'print("RAN")'
has "--out without --sandbox" "$ERR" "^tinsh: --out: only with --sandbox"
lacks "--out without --sandbox: never runs" "$OUT" RAN
run "$TINSH" --sandbox --out= -e 'print("RAN")'
has "--out empty" "$ERR" "--out: empty folder name"
run "$TINSH" parse --db a.db "$CORPUS/000_2fce505e32026a8d.txt"
is "parse --db: status 2" "$RC" 2
has "parse --db: refused" "$ERR" "^tinsh: parse: --db: 'tinsh parse' uses no database"
run "$TINSH" search --db
is "--db without its value: status 1" "$RC" 1
has "--db without its value" "$ERR" "'--db' needs argument"
printf 'print(table.concat(arg, " "))\n' >args.lua
run "$TINSH" --db a.db args.lua --db x --out y
is "after the script, --db and --out are its own" "$OUT" "--db x --out y"
run "$TINSH" --db a.db -- args.lua --sandbox
is "after --, --sandbox is the script's" "$OUT" "--sandbox"

# 5. single-dash words are search's and sql's text
run "$TINSH" search --db a.db --count -zzzqqq
is "search -word: a query word (no hits)" "$RC" 1
lacks "search -word: no option error" "$ERR" "unknown option"
run "$TINSH" sql --db a.db "-1"
lacks "sql -1: no option error" "$ERR" "unknown option"
finish
