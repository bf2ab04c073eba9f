#!/usr/bin/env bash
# The REST API under wrk (issue 21 §6): GET /job/{id}.json and
# GET /jobs.json?limit=50 over 10,000 jobs, with a token (Bearer) and with
# HTTP Basic, at 1 and 64 connections, while the executor of the same
# `multiflexi up` runs a job every minute. Prints requests/s and p99 per
# case. Needs wrk and sqlite3 (apt-get install wrk sqlite3) and a build
# (RelWithDebInfo: cmake -S . -B build && cmake --build build).
#
#   bash bench/api_wrk.sh [seconds per case, default 10]
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-10}
mfx=${MFX:-build/bin/multiflexi}
for tool in wrk sqlite3 curl; do
  command -v "$tool" >/dev/null || { echo "api_wrk.sh: $tool is missing (apt-get install $tool)" >&2; exit 1; }
done

# shellcheck source=bench/api_store.sh
source bench/api_store.sh
"$mfx" company:create --name Bench --slug bench >/dev/null
"$mfx" run-template:create --name probe --app_id 1 --company bench --interv i >/dev/null
printf '%s\n' bench-password | "$mfx" user:create --login bench --admin --password-stdin >/dev/null
token=$("$mfx" token:create --user bench -f json | sed -n 's/.*"token": *"\([^"]*\)".*/\1/p')
basic=$(printf '%s' bench:bench-password | base64)

# 10,000 finished jobs: one real run, copied in one statement (no slot, so
# that the one-job-per-slot rule holds).
first_run
copy_first_run 9999
echo "jobs in the store: $(sqlite3 "$dir/multiflexi.db" 'SELECT count(*) FROM job')"
echo "wrk ${seconds}s per case; server: $(nproc) cores, MULTIFLEXI_HTTP_THREADS=${MULTIFLEXI_HTTP_THREADS:-8}"

measure() {  # <label> <authorization> <path> <connections>
  local threads=$(($4 < 2 ? 1 : 2))
  local out
  out=$(wrk -t"$threads" -c"$4" -d"${seconds}s" --latency -H "Authorization: $2" "$api$3")
  printf '%-8s %-28s c=%-3s %10s req/s  p99 %s\n' "$1" "$3" "$4" \
    "$(sed -n 's/^Requests\/sec: *//p' <<<"$out")" "$(awk '$1 == "99%" {print $2}' <<<"$out")"
  grep -q "Non-2xx" <<<"$out" && echo "  (non-2xx answers: $(sed -n 's/.*Non-2xx or 3xx responses: *//p' <<<"$out"))"
  grep -q "Socket errors" <<<"$out" && echo "  ($(sed -n 's/^ *Socket errors: *//p' <<<"$out"))"
  return 0
}
for connections in 1 64; do
  measure token "Bearer $token" /job/5000.json "$connections"
  measure token "Bearer $token" "/jobs.json?limit=50" "$connections"
  measure basic "Basic $basic" /job/5000.json "$connections"
done
