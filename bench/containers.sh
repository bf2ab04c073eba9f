#!/usr/bin/env bash
# Per-job cost of the container executors against the native one, through
# the real binary (`multiflexi executor:run`: plugin load, create, start,
# attach, wait, remove), and their output throughput.
#
# Usage: bench/containers.sh BUILD_DIR IMAGE [RUNS]
#   MFX_DOCKER_HOST      the engine for mfx_docker (e.g. unix:///tmp/dk/docker.sock)
#   MFX_CONTAINERS_CONF  / MFX_STORAGE_CONF  podman's configuration (optional)
# The image must hold /bin/sh, yes and head (the tests' busybox image does).
set -euo pipefail
build=$1 image=$2 runs=${3:-20}
bin=$build/bin/multiflexi
docker=(-D plugins.org.multiflexi.docker.host="${MFX_DOCKER_HOST:?set MFX_DOCKER_HOST}"
        -D plugins.org.multiflexi.docker.network=none -D plugins.org.multiflexi.docker.pull=never)
podman=(-D plugins.org.multiflexi.podman.network=none -D plugins.org.multiflexi.podman.pull=never)
[[ -n ${MFX_CONTAINERS_CONF:-} ]] && podman+=(-D plugins.org.multiflexi.podman.containers_conf="$MFX_CONTAINERS_CONF")
[[ -n ${MFX_STORAGE_CONF:-} ]] && podman+=(-D plugins.org.multiflexi.podman.storage_conf="$MFX_STORAGE_CONF")
export MULTIFLEXI_DATA_DIR=${TMPDIR:-/tmp}/mfx-bench-containers
mkdir -p "$MULTIFLEXI_DATA_DIR"

per_job() {  # <label> <executor args...>
  local label=$1
  shift
  local start end
  start=$(date +%s.%N)
  for ((i = 0; i < runs; i++)); do "$bin" executor:run "$@" -- /bin/sh -c 'exit 0' >/dev/null; done
  end=$(date +%s.%N)
  awk -v l="$label" -v n="$runs" -v s="$start" -v e="$end" 'BEGIN { printf "%-8s %3d jobs  %7.1f ms per job\n", l, n, (e - s) * 1000 / n }'
}

throughput() {  # <label> <executor args...>
  local label=$1
  shift
  local start end
  start=$(date +%s.%N)
  "$bin" executor:run "$@" -- /bin/sh -c 'yes 0123456789abcdef | head -c 52428800' | wc -c >/dev/null
  end=$(date +%s.%N)
  awk -v l="$label" -v s="$start" -v e="$end" 'BEGIN { printf "%-8s 50 MiB of stdout in %5.2f s  (%5.1f MiB/s)\n", l, e - s, 50 / (e - s) }'
}

options="{\"image\":\"$image\"}"
per_job native --executor native
per_job podman --executor podman "${podman[@]}" --options "$options"
per_job docker --executor docker "${docker[@]}" --options "$options"
throughput native --executor native
throughput podman --executor podman "${podman[@]}" --options "$options"
throughput docker --executor docker "${docker[@]}" --options "$options"
