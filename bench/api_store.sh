# Sourced by the REST API benches (api_wrk.sh, console_pages.sh), from the
# project's root with $mfx set: a private data directory and a free loopback
# port for `multiflexi up`, both gone on exit (the daemon stopped), and the
# probe application imported as application 1. Sets dir, port, base, api.
# Then, once the bench has made its templates and users:
#   first_run           schedules template 1, starts `multiflexi up` and
#                       waits for its API and for that job's success
#   copy_first_run N    copies that job N times in one statement (no slot,
#                       so that the one-job-per-slot rule holds)
dir=$(mktemp -d)
pid=
cleanup() {
  [ -n "$pid" ] && kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null
  rm -rf "$dir"
}
trap cleanup EXIT
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
export MULTIFLEXI_DATA_DIR=$dir MULTIFLEXI_LISTEN=127.0.0.1:$port API_RATE_LIMITING_ENABLED=false
base=http://127.0.0.1:$port
api=$base/api/VitexSoftware/MultiFlexi/1.0.0

manifest=../shared/fixtures/multiflexi/apps/VitexSoftware__multiflexi-probe__probe.multiflexi.app.json
sed -e 's|"executable": "multiflexi-probe"|"executable": "/bin/sh", "cmdparams": "-c '"'"'echo probe $MULTIFLEXI_JOB_ID'"'"'"|' \
  "$manifest" >"$dir/probe.json"
"$mfx" application:import-json --file "$dir/probe.json" >/dev/null

first_run() {
  "$mfx" run-template:schedule --id 1 >/dev/null
  "$mfx" up >"$dir/up.log" 2>&1 &
  pid=$!
  for _ in $(seq 100); do curl -sf "$api/ping.json" >/dev/null && break; sleep 0.1; done
  for _ in $(seq 100); do [ "$("$mfx" job:list -f json | grep -c '"success"')" -ge 1 ] && break; sleep 0.1; done
}

copy_first_run() {
  local columns
  columns=$(sqlite3 "$dir/multiflexi.db" "SELECT group_concat(name, ',') FROM pragma_table_info('job') WHERE name NOT IN ('id','slot')")
  sqlite3 "$dir/multiflexi.db" "PRAGMA busy_timeout=5000;
    WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $1)
    INSERT INTO job ($columns) SELECT $columns FROM job, n WHERE job.id = 1;" >/dev/null
}
