#!/usr/bin/env bash
# Test plan: the C sources follow .clang-format (house style): every file
# of shell/, tests/c/ and tests/fuzz/ is unchanged by clang-format.
. "$(dirname "$0")/lib.sh"
command -v clang-format >/dev/null || { echo "clang-format missing: skipped"; exit 77; }
cd "$TINSH_SRC"
for f in shell/*.c shell/*.h tests/c/*.c tests/c/*.h tests/fuzz/*.c; do
  if clang-format --dry-run --Werror "$f" >/dev/null 2>&1; then pass; else
    failed "$f is not clang-formatted (run: clang-format -i $f)"
  fi
done
finish
