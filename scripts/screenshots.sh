#!/usr/bin/env bash
# Refreshes docs/screenshots/ (the README's pictures of the web console) from
# what the browser test last saved: build/screenshots/full/ (the issue's
# scenario), else build/screenshots/core/. Run the test first:
#   ctest --test-dir build -R test_console --output-on-failure
# Usage: scripts/screenshots.sh [build dir]
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build}
for part in full core; do
  src=$build/screenshots/$part
  if compgen -G "$src/*.png" >/dev/null; then
    mkdir -p docs/screenshots
    n=0
    for f in "$src"/*.png; do
      [[ $(basename "$f") == failure.png ]] && continue
      cp "$f" docs/screenshots/
      n=$((n + 1))
    done
    # Pages only the core part shows (the phone width).
    for f in "$build"/screenshots/core/phone-*.png; do
      [[ -e $f ]] && cp "$f" docs/screenshots/ && n=$((n + 1))
    done
    echo "screenshots: $n pages copied from $src to docs/screenshots/"
    exit 0
  fi
done
echo "screenshots: none under $build/screenshots/{full,core}; run the browser test first" >&2
exit 1
