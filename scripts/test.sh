#!/usr/bin/env bash
# Quick start, part 2: install what is missing, build, and run every test -
# once in a plain build and once under AddressSanitizer + UndefinedBehavior-
# Sanitizer. Exits non-zero when any test fails.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/install-deps.sh --tests
jobs=$(nproc)

run_suite() {  # <build dir> <cmake args...>
  local dir=$1
  shift
  echo "== building $dir"
  cmake -S . -B "$dir" -DMFX_BUILD_TESTS=ON "$@" >/dev/null
  cmake --build "$dir" --parallel "$jobs"
  echo "== testing $dir"
  ctest --test-dir "$dir" --output-on-failure --parallel "$jobs"
}

run_suite build -DCMAKE_BUILD_TYPE=RelWithDebInfo
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1:strict_string_checks=1 \
UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
  run_suite build-asan -DCMAKE_BUILD_TYPE=Debug -DMFX_SANITIZE=address,undefined
