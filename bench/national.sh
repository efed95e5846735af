#!/usr/bin/env bash
# Speed and memory of the national default scenario: 10 simulated years, one replication,
# on each engine. Each engine runs REPEAT times (default 5 native, 1 SimGrid); prints the
# events delivered, the best and the median wall seconds, events per second of the best run,
# the least CPU seconds of a run (user + sys: what the shared machine disturbs least; the
# issue 14 target is 3 s), its peak memory, and `foreign_s`: the CPU seconds other programs (and, on a virtual
# machine, other guests: steal time) took during the best run. Near 0 means a clean figure.
# Usage: bench/national.sh [ENGINES...]   (default: native simgrid); run from the repo root
# after .ci/build. Record the figures in docs/benchmarks.md with the machine and date.
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=bench/lib.sh
source bench/lib.sh
engines=("$@")
[ ${#engines[@]} -eq 0 ] && engines=(native simgrid)
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, $(uname -r); date: $(date -u +%Y-%m-%dT%H:%MZ)"
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-8s %5s %12s %8s %10s %10s %14s %8s %10s\n' engine runs events best_s foreign_s median_s events_per_s cpu_s peak_MiB
for engine in "${engines[@]}"; do
  if [ "$engine" = native ]; then repeat=${REPEAT:-5}; else repeat=${REPEAT:-1}; fi
  runs=()
  peak_kib=0
  cpu=""
  for _ in $(seq "$repeat"); do
    busy_before=$(busy_seconds)
    /usr/bin/time -f '%e %U %S %M' -o "$out/time" \
      build/ketensim run scenarios/netherlands-2020.toml --years 10 -r 1 -j 1 --engine "$engine" -q -o "$out/$engine.h5" >"$out/log"
    busy_after=$(busy_seconds)
    read -r wall user sys kib <"$out/time"
    runs+=("$(awk -v w="$wall" -v u="$user" -v s="$sys" -v b="$busy_before" -v a="$busy_after" \
      'BEGIN { f = (a - b) - (u + s); printf "%.2f:%.2f", w, f < 0 ? 0 : f }')")
    [ "$kib" -gt "$peak_kib" ] && peak_kib=$kib
    cpu=$(awk -v u="$user" -v s="$sys" -v c="$cpu" 'BEGIN { t = u + s; print (c == "" || t < c) ? t : c }')
    events=$(sed -n 's/^engine: [a-z]*, \([0-9]*\) events.*/\1/p' "$out/log")
  done
  read -r best foreign median <<<"$(best_and_median "${runs[@]}")"
  awk -v e="$engine" -v r="$repeat" -v n="$events" -v b="$best" -v f="$foreign" -v m="$median" -v c="$cpu" -v k="$peak_kib" \
    'BEGIN { printf "%-8s %5d %12d %8.2f %10.2f %10.2f %14.0f %8.2f %10.0f\n", e, r, n, b, f, m, n / b, c, k / 1024 }'
done
