#!/usr/bin/env bash
# ketensim against a plain C++ loop on the same network: scenarios/examples/tandem-jackson.toml
# (VT triage M/M/c -> local team delay -> RvdK M/M/c -> court delay -> GI M/M/c) with the
# inflow and every staff pool scaled so that FAMILIES families (default 10^6) arrive in YEARS
# years (default 2), run by `ketensim run` and by build/bench/tandem_reference (a binary heap,
# FIFO queues, exponential times: bench/tandem_reference.cpp) back to back, ROUNDS times
# (default 3). Prints for each the events, the least CPU seconds of the whole process
# (user + sys), ns of CPU per event, and the ratio; also the mean days in the network as a
# check that both ran the same network. Goal (issue 14): ketensim <= 2x the reference.
# Usage: bench/tandem.sh; run from the repo root after .ci/build. Record the figures in
# docs/benchmarks.md with the machine and date.
set -euo pipefail
cd "$(dirname "$0")/.."
families=${FAMILIES:-1000000}
years=${YEARS:-2}
rounds=${ROUNDS:-3}
scenario=scenarios/examples/tandem-jackson.toml
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
# The network's figures, read from the scenario (one hour of work a day per FTE there).
read -r scale rate sets stations < <(/usr/bin/python3 - "$scenario" "$families" "$years" <<'PY'
import sys, tomllib
s = tomllib.load(open(sys.argv[1], "rb"))
families, years = float(sys.argv[2]), float(sys.argv[3])
scale = families / (s["inflow"]["vt_reports_per_year"] * years)
hours_per_day = s["workforce"]["productive_hours_per_fte_year"] / 365.0
vt, rvdk, gi = (round(s[k]["fte"] * scale) for k in ("vt", "rvdk", "gi"))
sets = ",".join([f"inflow.vt_reports_per_year={s['inflow']['vt_reports_per_year'] * scale!r}", f"vt.fte={vt}",
                 f"rvdk.fte={rvdk}", f"gi.fte={gi}", "run.warmup_years=0"])
stations = [f"{vt}:{s['vt']['triage_hours_per_child'] / hours_per_day!r}", f"inf:{s['local_team']['support_days_mean']!r}",
            f"{rvdk}:{s['rvdk']['investigation_hours_per_child'] / hours_per_day!r}", f"inf:{s['court']['decision_days_mean']!r}",
            f"{gi}:{s['gi']['guardianship_days_mean'] + s['gi']['startup_hours_per_child'] / hours_per_day!r}"]
print(f"{scale:.1f}", repr(s["inflow"]["vt_reports_per_year"] * scale / 365.0), sets, " ".join(stations))
PY
)
set_args=()
IFS=, read -r -a assignments <<<"$sets"
for a in "${assignments[@]}"; do set_args+=(--set "$a"); done
# shellcheck disable=SC2206
station_args=($stations)
echo "machine: $(nproc) cores, $(uname -r); date: $(date -u +%Y-%m-%dT%H:%MZ); load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "network: $scenario x $scale ($families families in $years years); stations ${station_args[*]}"
best_k="" best_r=""
for _ in $(seq "$rounds"); do
  /usr/bin/time -f '%U %S' -o "$out/time" build/ketensim run "$scenario" --years "$years" -r 1 -j 1 -q "${set_args[@]}" \
    -o "$out/tandem.h5" >"$out/log"
  k=$(awk '{ print $1 + $2 }' "$out/time")
  k_events=$(sed -n 's/^engine: [a-z]*, \([0-9]*\) events.*/\1/p' "$out/log")
  /usr/bin/time -f '%U %S' -o "$out/time" build/bench/tandem_reference "$rate" "$(awk -v y="$years" 'BEGIN { print 365 * y }')" 17 \
    "${station_args[@]}" >"$out/reference"
  r=$(awk '{ print $1 + $2 }' "$out/time")
  r_events=$(sed -n 's/^events \([0-9]*\) .*/\1/p' "$out/reference")
  r_days=$(sed -n 's/.*mean_days_in_network \([0-9.]*\) .*/\1/p' "$out/reference")
  if [ -z "$best_k" ] || awk -v a="$k" -v b="$best_k" 'BEGIN { exit !(a < b) }'; then best_k=$k; fi
  if [ -z "$best_r" ] || awk -v a="$r" -v b="$best_r" 'BEGIN { exit !(a < b) }'; then best_r=$r; fi
done
printf '%-10s %10s %8s %9s\n' program events cpu_s ns/event
awk -v n="$k_events" -v c="$best_k" 'BEGIN { printf "%-10s %10d %8.2f %9.0f\n", "ketensim", n, c, 1e9 * c / n }'
awk -v n="$r_events" -v c="$best_r" 'BEGIN { printf "%-10s %10d %8.2f %9.0f\n", "reference", n, c, 1e9 * c / n }'
awk -v kn="$k_events" -v kc="$best_k" -v rn="$r_events" -v rc="$best_r" \
  'BEGIN { printf "ratio (ns/event, ketensim / reference): %.2f; per family: %.2f\n", (kc / kn) / (rc / rn), kc / rc }'
echo "reference: mean days in the network $r_days (ketensim: see the run's KPIs)"
