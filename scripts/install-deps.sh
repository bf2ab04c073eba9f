#!/usr/bin/env bash
# Installs every Debian 12 package that building MultiFlexi C++ needs; with
# --tests also what the tests drive for real: the container engines (a
# private dockerd from docker.io, podman with runc), busybox-static for the
# test image, openssl for the Docker TLS certificates.
# Idempotent: does nothing when all packages are present; runs `apt-get update`
# only when something is missing. Needs root (or sudo).
set -euo pipefail

packages=(
  build-essential cmake pkg-config git
  libpoco-dev
  libboost-dev libboost-test-dev libboost-filesystem-dev
  libsodium-dev
  libvalijson-dev
  libhowardhinnant-date-dev tzdata
  nlohmann-json3-dev
  libsqlite3-dev sqlite3
)
if [[ ${1:-} == --tests ]]; then
  packages+=(docker.io podman runc busybox-static openssl)
fi

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done

if ((${#missing[@]} == 0)); then
  echo "install-deps: all ${#packages[@]} packages present"
  exit 0
fi

sudo_cmd=()
[[ $(id -u) -eq 0 ]] || sudo_cmd=(sudo)
echo "install-deps: installing ${missing[*]}"
"${sudo_cmd[@]}" apt-get update -qq
DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
