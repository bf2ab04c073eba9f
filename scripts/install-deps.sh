#!/usr/bin/env bash
# Installs every Debian 12 package that building MultiFlexi C++ needs, and
# what its web console serves (Bootstrap 5, Chart.js, bootstrap-icons); with
# --tests also what the tests drive for real: the container engines (a
# private dockerd from docker.io, podman with runc), busybox-static for the
# test image, openssl for the Docker TLS certificates, headless Chromium with
# its WebDriver and python3-selenium for the console's browser test,
# prometheus (promtool and the server) for the /metrics test.
# Creates the system user multiflexi-job that native jobs run as.
# Idempotent: does nothing when all packages are present; runs `apt-get update`
# only when something is missing. Needs root (or sudo).
set -euo pipefail

packages=(
  build-essential cmake pkg-config git adduser util-linux
  libpoco-dev
  libboost-dev libboost-test-dev libboost-filesystem-dev
  libsodium-dev
  libvalijson-dev
  libyaml-cpp-dev
  libhowardhinnant-date-dev tzdata
  nlohmann-json3-dev
  libyaml-cpp-dev
  libsqlite3-dev sqlite3
  libjs-bootstrap5 libjs-chart.js bootstrap-icons
)
if [[ ${1:-} == --tests ]]; then
  packages+=(docker.io podman runc busybox-static openssl)
  packages+=(chromium chromium-driver python3-selenium)
  packages+=(prometheus)  # promtool lints /metrics; a real Prometheus scrapes it
  # a real Zabbix 6.0 server on a private PostgreSQL for mfx_zabbix (../shared/fixtures/zabbix)
  packages+=(zabbix-server-pgsql postgresql postgresql-client zabbix-agent python3)
fi

sudo_cmd=()
[[ $(id -u) -eq 0 ]] || sudo_cmd=(sudo)

# The unprivileged account native jobs run as when the daemon can switch
# users (root, or CAP_SETUID/CAP_SETGID): no home, no shell, no login.
ensure_job_user() {
  getent passwd multiflexi-job >/dev/null && return 0
  echo "install-deps: creating the system user multiflexi-job (native jobs run as it)"
  "${sudo_cmd[@]}" adduser --system --group --no-create-home --home /nonexistent --shell /usr/sbin/nologin \
    --quiet multiflexi-job
}

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done

if ((${#missing[@]} == 0)); then
  echo "install-deps: all ${#packages[@]} packages present"
  ensure_job_user
  exit 0
fi

echo "install-deps: installing ${missing[*]}"
"${sudo_cmd[@]}" apt-get update -qq
DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
ensure_job_user
