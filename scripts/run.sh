#!/usr/bin/env bash
# Quick start, part 1: install what is missing, build, load the demo data
# into the embedded store (var/ in the checkout) and run `multiflexi up`.
#
# Demo data: the company "Demo s.r.o.", MultiFlexi's real probe manifest
# (../shared/fixtures) with its command adapted to /bin/sh (the real probe
# binary is not on a fresh machine), and a run template that runs it every
# minute; and the demo login `demo` / `demo-password` (an admin) for the
# web console and the REST API that `up` serves on 127.0.0.1:8420. Running
# the script again reuses the data already there.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/install-deps.sh
cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo -DMFX_BUILD_TESTS=OFF >/dev/null
cmake --build build --parallel "$(nproc)"

mfx=build/bin/multiflexi
manifest=../shared/fixtures/multiflexi/apps/VitexSoftware__multiflexi-probe__probe.multiflexi.app.json
demo=var/demo
mkdir -p "$demo"
if ! "$mfx" company:get --slug demo >/dev/null 2>&1; then
  [ -f "$manifest" ] || { echo "run.sh: the fixture manifest $manifest is missing" >&2; exit 1; }
  # The probe's own command becomes a shell line that does what the probe
  # does: greets, reports its environment into RESULT_FILE (the manifest's
  # artifact env_report.json), sleeps PROBE_SLEEP and exits FORCE_EXITCODE.
  sed -e 's|"executable": "multiflexi-probe"|"executable": "/bin/sh", "cmdparams": "-c '"'"'echo probe: job $MULTIFLEXI_JOB_ID of $MULTIFLEXI_COMPANY_NAME on $(uname -n); env \| grep ^MULTIFLEXI_ \| sort > $RESULT_FILE; sleep {PROBE_SLEEP}; exit {FORCE_EXITCODE}'"'"'"|' \
    "$manifest" >"$demo/probe.multiflexi.app.json"
  "$mfx" application:import-json --file "$demo/probe.multiflexi.app.json"
  "$mfx" company:create --name "Demo s.r.o." --slug demo >/dev/null
  app_id=$("$mfx" application:get --name "MultiFlexi Probe" -f json | sed -n 's/^  "id": \([0-9]*\),$/\1/p')
  "$mfx" run-template:create --name "Probe every minute" --app_id "$app_id" --company demo --interv i \
    --config PROBE_SLEEP=1 >/dev/null
fi
if ! "$mfx" user:get --login demo >/dev/null 2>&1; then
  printf '%s\n' demo-password | "$mfx" user:create --login demo --admin --password-stdin >/dev/null
fi
api=http://127.0.0.1:8420/api/VitexSoftware/MultiFlexi/1.0.0

cat <<TEXT

The probe runs every minute for company "Demo s.r.o.". In another terminal:
  $mfx job:list                 every run, newest first
  $mfx job:get --id 1           one run with its output
  $mfx job:get --id N --follow  a running job's output as it comes
  $mfx artifact:list            the env_report.json each run left
  $mfx run-template:schedule --id 1 --env FORCE_EXITCODE=3   run it now, failing
The same over the REST API (login demo, password demo-password):
  curl -u demo:demo-password $api/jobs.json
  token=\$(curl -s -d '{"username":"demo","password":"demo-password"}' -H 'Content-Type: application/json' \\
          $api/login.json | sed -n 's/.*"token": *"\([^"]*\)".*/\1/p')
  curl -H "Authorization: Bearer \$token" -H 'Content-Type: application/json' \\
       -d '{"runtemplate_id":1,"env":{"FORCE_EXITCODE":"3"}}' $api/job/
  curl -H "Authorization: Bearer \$token" $api/job/ID.json      (ID: the "id" of the answer above)
Ctrl-C stops.

Web console: http://127.0.0.1:8420/   (watch the demo job run there)
Login:       demo / demo-password

TEXT
exec "$mfx" up
