# tests/robust/lib.sh — shared set-up of the robustness runs (sourced).
#   robust_setup LABEL [TINSH [CORPORA]]
# sets src, TINSH, corpora, work (a temp dir removed at exit) and fail=0;
# exits 77 when ../shared/corpora has no archives, 2 without a binary.
robust_setup() {
  local label=$1
  src=$(cd "$(dirname "$0")/../.." && pwd)
  TINSH=${2:-${TINSH:-$src/build/tinsh}}
  corpora=${3:-$src/../shared/corpora}
  if ! ls "$corpora"/*.tar.xz >/dev/null 2>&1; then
    echo "$label: no corpora in $corpora (skipped)"
    exit 77
  fi
  [ -x "$TINSH" ] || { echo "$label: $TINSH: not executable" >&2; exit 2; }
  work=$(mktemp -d)
  trap 'rm -rf "$work"' EXIT
  fail=0
}
