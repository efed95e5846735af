#!/usr/bin/env bash
# Wall time of `ketensim run -r 4` against `-r 1` on the national default scenario, with the
# default --jobs (every core): on N cores, 4 replications should take about 4/N times one.
# The two take turns ROUNDS times (default 3); prints the best and the median wall seconds
# of each, CPU / wall of the best -r 4 run, the ratio of the best walls, and `foreign_s`
# (the CPU seconds other programs took during the best run; near 0 means a clean figure).
# Usage: bench/replications_speedup.sh [YEARS]   (default 10); run from the repo root after
# .ci/build. Record the figures in docs/benchmarks.md with the machine and date.
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=bench/lib.sh
source bench/lib.sh
years=${1:-10}
rounds=${ROUNDS:-3}
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
echo "machine: $(nproc) cores, $(uname -r); date: $(date -u +%Y-%m-%dT%H:%MZ); scenarios/netherlands-2020.toml, $years years"
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
declare -A runs cpu
for _ in $(seq "$rounds"); do
  for r in 1 4; do
    busy_before=$(busy_seconds)
    /usr/bin/time -f '%e %U %S' -o "$out/time" \
      build/ketensim run scenarios/netherlands-2020.toml --years "$years" -r "$r" -q -o "$out/r$r.h5" >/dev/null
    busy_after=$(busy_seconds)
    read -r wall user sys <"$out/time"
    runs[$r]+="$(awk -v w="$wall" -v u="$user" -v s="$sys" -v b="$busy_before" -v a="$busy_after" \
      'BEGIN { f = (a - b) - (u + s); printf "%.2f:%.2f", w, f < 0 ? 0 : f }') "
    cpu[$r]+="$wall:$(awk -v u="$user" -v s="$sys" 'BEGIN { print u + s }') "
  done
done
printf '%-6s %8s %10s %10s %10s\n' runs best_s foreign_s median_s cpu/wall
for r in 1 4; do
  # shellcheck disable=SC2086
  read -r best foreign median <<<"$(best_and_median ${runs[$r]})"
  # shellcheck disable=SC2086
  ratio=$(printf '%s\n' ${cpu[$r]} | sort -t: -k1,1g | head -1 | awk -F: '{ printf "%.2f", $2 / $1 }')
  printf '%-6s %8.2f %10.2f %10.2f %10s\n' "-r $r" "$best" "$foreign" "$median" "$ratio"
  eval "best_$r=$best"
done
awk -v a="$best_1" -v b="$best_4" -v n="$(nproc)" \
  'BEGIN { printf "wall -r 4 / -r 1: %.2f (4 / cores = %.2f; run one after another: 4.00)\n", b / a, 4 / n }'
