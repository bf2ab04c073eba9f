#!/usr/bin/env bash
# The web console's heaviest reads (issue 22): GET /dashboard and GET /jobs
# (first page, and a page deep in the list: offset 9000) over 10,000 jobs in
# 20 companies, timed one request at a time over loopback with curl, as a
# browser tab asks them. Prints p50, p95 and max per page (the issue asks
# <= 300 ms per page); also a console file and a vendor file, and the
# Prometheus scrape GET /metrics (its first, cold scrape apart).
# Needs sqlite3 and curl (apt-get install sqlite3 curl) and a build
# (RelWithDebInfo: cmake -S . -B build && cmake --build build).
#
#   bash bench/console_pages.sh [requests per page, default 50]
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-50}
mfx=${MFX:-build/bin/multiflexi}
for tool in sqlite3 curl; do
  command -v "$tool" >/dev/null || { echo "console_pages.sh: $tool is missing (apt-get install $tool)" >&2; exit 1; }
done

# shellcheck source=bench/api_store.sh
source bench/api_store.sh
for i in $(seq 20); do
  "$mfx" company:create --name "Company $i" --slug "company-$i" >/dev/null
  "$mfx" run-template:create --name "probe $i" --app_id 1 --company "company-$i" --interv d >/dev/null
done
printf '%s\n' bench-password | "$mfx" user:create --login bench --admin --password-stdin >/dev/null
token=$("$mfx" token:create --user bench -f json | sed -n 's/.*"token": *"\([^"]*\)".*/\1/p')

# One real run, then 9,999 copies spread over the 20 companies and the last
# 8 days: 80% success, 10% failed (each with a line of stderr), 5% cancelled,
# 3% lost, a few pending (due tomorrow) and running (leased for a day).
first_run
copy_first_run 9999
now_ms=$(($(date +%s) * 1000))
sqlite3 "$dir/multiflexi.db" "PRAGMA busy_timeout=5000;
  UPDATE job SET company_id = 1 + id % 20, runtemplate_id = 1 + id % 20,
    end_at = $now_ms - (id * 69127) % (8 * 86400000), begin_at = $now_ms - (id * 69127) % (8 * 86400000) - 1000,
    state = CASE WHEN id % 100 < 80 THEN 'success' WHEN id % 100 < 90 THEN 'failed'
                 WHEN id % 100 < 95 THEN 'cancelled' WHEN id % 100 < 98 THEN 'lost' ELSE 'success' END
    WHERE id > 1;
  UPDATE job SET state = 'pending', end_at = NULL, begin_at = NULL, scheduled_for = $now_ms + 86400000
    WHERE id > 1 AND id % 500 = 0;
  UPDATE job SET state = 'running', end_at = NULL, lease_owner = 'bench', lease_until = $now_ms + 86400000
    WHERE id > 1 AND id % 500 = 1;
  INSERT INTO job_output (job_id, seq, stream, chunk, created_at, byte_start)
    SELECT id, 1000, 2, CAST('error: the bank said no (job ' || id || ')' || char(10) AS BLOB), $now_ms, 0
    FROM job WHERE state = 'failed';" >/dev/null
echo "jobs in the store: $(sqlite3 "$dir/multiflexi.db" 'SELECT count(*) FROM job') in $(sqlite3 "$dir/multiflexi.db" 'SELECT count(DISTINCT company_id) FROM job') companies"
echo "$runs requests per page, one at a time; server: $(nproc) cores"

measure() {  # <label> <url> [authorization]
  local auth=()
  [ $# -ge 3 ] && auth=(-H "Authorization: $3")
  curl -sf -o /dev/null "${auth[@]}" "$2" || { echo "$1: request failed" >&2; return 1; }
  local times
  times=$(for _ in $(seq "$runs"); do curl -s -o /dev/null -w '%{time_total}\n' "${auth[@]}" "$2"; done | sort -n)
  awk -v label="$1" -v bytes="$(curl -s "${auth[@]}" "$2" | wc -c)" '
    { t[NR] = $1 * 1000 }
    END { printf "%-34s p50 %7.2f ms  p95 %7.2f ms  max %7.2f ms  (%d bytes)\n",
          label, t[int((NR + 1) / 2)], t[int(NR * 0.95 + 0.5)], t[NR], bytes }' <<<"$times"
}
# GET /metrics (issue 13): the process's first scrape folds every ended job;
# later ones fold only those that ended since (timed by measure).
curl -s -o /dev/null -w '%{time_total}\n' -H "Authorization: Bearer $token" "$api/metrics" |
  awk '{ printf "%-34s first  %7.2f ms  (folds every ended job)\n", "GET /metrics", $1 * 1000 }'
measure "GET /metrics" "$api/metrics" "Bearer $token"
measure "GET /dashboard.json" "$api/dashboard.json" "Bearer $token"
measure "GET /jobs.json?limit=50" "$api/jobs.json?limit=50" "Bearer $token"
measure "GET /jobs.json?limit=50&offset=9000" "$api/jobs.json?limit=50&offset=9000" "Bearer $token"
measure "GET / (console, no-cache)" "$base/"
[ -r /usr/share/javascript/bootstrap5/css/bootstrap.min.css ] &&
  measure "GET /vendor/.../bootstrap.min.css" "$base/vendor/bootstrap5/css/bootstrap.min.css"
exit 0
