#!/bin/sh
# The house's layering rules, checked on the sources (a CTest test runs this):
# each line is a folder of host/src and the folders it must never include.
# Exits 1 listing every include that breaks a rule.
set -eu
src="${1:-$(dirname "$0")/../host/src}"
status=0
rule() {
  folder="$1"
  shift
  [ -d "$src/$folder" ] || return 0
  for forbidden in "$@"; do
    if hits=$(grep -rnE "^[[:space:]]*#[[:space:]]*include[[:space:]]+\"$forbidden/" "$src/$folder"); then
      echo "$folder/ must not include $forbidden/:"
      echo "$hits" | sed "s|^$src/|  |"
      status=1
    fi
  done
}
rule cli store
rule api store
rule http store
rule domain store catalog executor scheduler plugin crypto app cli api
rule common store catalog executor scheduler plugin crypto app cli api domain
rule crypto store catalog executor scheduler app cli api
rule store catalog executor scheduler app cli api
rule catalog executor scheduler app cli api
rule scheduler cli api
rule executor cli api
rule scheduler monitor
rule executor monitor
rule monitor cli api http
exit $status
