#!/usr/bin/env bash
# CPU per event and peak memory of a collapsing chain against the normal run: the national
# default scenario for 10 years, one replication, as shipped, with VT at 900 FTE, and with
# the GI at 70% of its FTE (the default, from `ketensim keys`). The three take turns REPEAT
# times (default 3); prints per configuration the events, the least CPU seconds (user + sys,
# so other programs on the shared machine count less than in wall time), ns of CPU per
# event, that against the normal run, and the peak resident memory. Goal (issue 14): within
# 1.3x per event and 500 MB. Usage: bench/overload.sh; run from the repo root after
# .ci/build. Record the figures in docs/benchmarks.md with the machine and date.
set -euo pipefail
cd "$(dirname "$0")/.."
repeat=${REPEAT:-3}
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
gi_fte=$(build/ketensim keys | sed -n 's/^gi\.fte = \([0-9.]*\) .*/\1/p')
declare -A settings=([normal]="" [vt.fte=900]="--set vt.fte=900 --set vt.late_work_cut_share=0"
                     [gi.fte=70%]="--set gi.fte=$(awk -v f="$gi_fte" 'BEGIN { print 0.7 * f }')")
order=(normal vt.fte=900 gi.fte=70%)
echo "machine: $(nproc) cores, $(uname -r); date: $(date -u +%Y-%m-%dT%H:%MZ); load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
declare -A cpu peak events
for _ in $(seq "$repeat"); do
  for name in "${order[@]}"; do
    # shellcheck disable=SC2086
    /usr/bin/time -f '%U %S %M' -o "$out/time" build/ketensim run scenarios/netherlands-2020.toml --years 10 -r 1 -j 1 -q \
      ${settings[$name]} -o "$out/run.h5" >"$out/log"
    read -r user sys kib <"$out/time"
    seconds=$(awk -v u="$user" -v s="$sys" 'BEGIN { print u + s }')
    if [ -z "${cpu[$name]:-}" ] || awk -v a="$seconds" -v b="${cpu[$name]}" 'BEGIN { exit !(a < b) }'; then cpu[$name]=$seconds; fi
    [ "$kib" -gt "${peak[$name]:-0}" ] && peak[$name]=$kib
    events[$name]=$(sed -n 's/^engine: [a-z]*, \([0-9]*\) events.*/\1/p' "$out/log")
  done
done
normal_ns=$(awk -v c="${cpu[normal]}" -v n="${events[normal]}" 'BEGIN { print 1e9 * c / n }')
printf '%-12s %10s %8s %10s %10s %9s\n' configuration events cpu_s ns/event vs_normal peak_MiB
for name in "${order[@]}"; do
  awk -v name="$name" -v n="${events[$name]}" -v c="${cpu[$name]}" -v k="${peak[$name]}" -v base="$normal_ns" \
    'BEGIN { ns = 1e9 * c / n; printf "%-12s %10d %8.2f %10.0f %10.2f %9.0f\n", name, n, c, ns, ns / base, k / 1024 }'
done
