# tests/cli/lib.sh — helpers for CLI tests (sourced, not run).
#
#   run [--stdin TEXT] CMD ARGS...   runs a command; sets OUT, ERR, RC
#   is NAME GOT WANT                 equality check
#   has NAME TEXT PATTERN            grep -E check (PATTERN must match)
#   lacks NAME TEXT PATTERN          PATTERN must not match
#   finish                           prints "N passed, N failed", exits
#
# $TINSH is the binary under test (set by CTest), $TINSH_SRC the repo.
set -u
: "${TINSH:?TINSH must name the tinsh binary}"
: "${TINSH_SRC:=$(cd "$(dirname "$0")/../.." && pwd)}"
export NO_COLOR=1
PASS=0
FAIL=0
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT

run() {
  local input=""
  if [ "${1:-}" = "--stdin" ]; then
    input=$2
    shift 2
  fi
  printf '%s' "$input" | "$@" >"$TMP/.stdout" 2>"$TMP/.stderr"
  RC=$?
  OUT=$(cat "$TMP/.stdout")
  ERR=$(cat "$TMP/.stderr")
}

pass() { PASS=$((PASS + 1)); }
failed() {
  FAIL=$((FAIL + 1))
  printf 'FAIL %s\n' "$1" >&2
  shift
  printf '  %s\n' "$@" >&2
}

is() {
  if [ "$2" = "$3" ]; then pass; else failed "$1" "got:  $2" "want: $3"; fi
}

# has NAME TEXT PATTERN: every line of PATTERN (an extended regex each)
# matches some line of TEXT (grep alone would take any one of them)
has() {
  local line
  while IFS= read -r line; do
    if ! printf '%s' "$2" | grep -qE -- "$line"; then
      failed "$1" "no match for /$line/ in:" "$2"
      return
    fi
  done <<<"$3"
  pass
}

lacks() {
  if printf '%s' "$2" | grep -qE -- "$3"; then
    failed "$1" "unexpected match for /$3/ in:" "$2"
  else pass; fi
}

finish() {
  echo "$PASS passed, $FAIL failed"
  [ "$FAIL" -eq 0 ]
  exit $?
}
