#!/usr/bin/env bash
# Speed and memory of the national default scenario: 10 simulated years, one replication,
# on each engine. Prints events delivered, wall seconds, events per second and peak memory.
# Usage: bench/national.sh [ENGINES...]   (default: native simgrid); run from the repo root
# after .ci/build. Record the figures in docs/benchmarks.md with the machine and date.
set -euo pipefail
cd "$(dirname "$0")/.."
engines=("$@")
[ ${#engines[@]} -eq 0 ] && engines=(native simgrid)
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, $(uname -r); date: $(date -u +%Y-%m-%dT%H:%MZ)"
printf '%-8s %12s %10s %14s %12s\n' engine events wall_s events_per_s peak_MiB
for engine in "${engines[@]}"; do
  /usr/bin/time -f '%e %M' -o "$out/time" \
    build/ketensim run scenarios/netherlands-2020.toml --years 10 -r 1 --engine "$engine" -q -o "$out/$engine.h5" >"$out/log"
  events=$(sed -n 's/^engine: [a-z]*, \([0-9]*\) events.*/\1/p' "$out/log")
  read -r wall kib <"$out/time"
  awk -v e="$engine" -v n="$events" -v w="$wall" -v k="$kib" \
    'BEGIN { printf "%-8s %12d %10.2f %14.0f %12.0f\n", e, n, w, n / w, k / 1024 }'
done
