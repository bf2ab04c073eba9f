#!/usr/bin/env bash
# Quick start, part 1: install what is missing, build, and run the main job.
# For now the main job is `multiflexi plugin:list`: it shows the plugins the
# host loads from its plugin directory (the build tree mirrors the installed
# layout, so the binary finds them next to itself).
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/install-deps.sh
cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo -DMFX_BUILD_TESTS=OFF >/dev/null
cmake --build build --parallel "$(nproc)"

echo
echo "$ build/bin/multiflexi plugin:list"
build/bin/multiflexi plugin:list
echo
echo "Try: build/bin/multiflexi executor:run --env PATH=/usr/bin:/bin -- sh -c 'echo hello from a job'"
