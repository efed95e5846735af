#!/usr/bin/env bash
# Reruns the workforce demonstrations of docs/workforce.md and prints their figures (fixed
# seeds: the same build prints the same numbers).
#   1. the loops with ample staff and in overload, the tipping point with more staff and with a
#      higher turnover sensitivity, and a temporary inflow shock: the gtests
#      WorkforceDemonstrations.* (small chain, about a minute on two cores); then the ample-staff
#      run again with the budget loop (L3) alone off;
#   2. the three tipping searches of that test again with the command, at a finer resolution,
#      on the same configuration (a Board with room, the settling mechanisms off);
#   3. the tipping examples of docs/workforce.md on the small chain as shipped, and the trend
#      of its waiting lists over 10 years;
#   4. with --national: the tipping search on the default scenario and the retention plan
#      (ten minutes or more on a loaded machine).
# Every staff number and inflow changed here is read from the resolved scenario and scaled,
# so the script follows the defaults (and structure.scale of the small chain).
# Usage: scripts/demo-workforce.sh [--national] [BUILD_DIR]   (default BUILD_DIR: build)
set -euo pipefail
cd "$(dirname "$0")/.."
national=false
if [ "${1:-}" = "--national" ]; then
  national=true
  shift
fi
build=${1:-build}
ketensim="$build/ketensim"
export PYTHONPATH="$build/python"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# KEY of SCENARIO as resolved (defaults, structure.scale), times FACTOR.
scaled() {
  /usr/bin/python3 -c '
import sys, ketensim
print(repr(ketensim.Scenario.load(sys.argv[1]).get(sys.argv[2]) * float(sys.argv[3])))' "$1" "$2" "$3"
}

# --set options that multiply each of KEYS... of SCENARIO by FACTOR: times SCENARIO FACTOR KEYS...
times() {
  local scenario=$1 factor=$2
  shift 2
  for key in "$@"; do printf -- '--set %s=%s ' "$key" "$(scaled "$scenario" "$key" "$factor")"; done
}

# Runs a command and echoes it; the listed exit codes are results, not failures (tipping: 4,
# no tipping point in the range; calibration: 3, a target missed).
show() {
  local allowed=$1
  shift
  echo
  echo "\$ $*"
  local status=0
  "$@" || status=$?
  if [ "$status" -ne 0 ]; then
    case " $allowed " in
      *" $status "*) echo "(exit code $status)" ;;
      *) exit "$status" ;;
    esac
  fi
}

small=scenarios/examples/small-chain.toml
staff_keys=(vt.fte rvdk.fte gi.fte)

echo "== 1. WorkforceDemonstrations (tests/test_workforce_demonstrations.cpp)"
"$build/tests/ketensim_tests" --gtest_filter='WorkforceDemonstrations.*' | grep -v '^\[ *\(RUN\|OK\) *\]'

echo
echo "Ample staff as in the first test (10 replications of 4 years, FTE x 2), children without a guardian:"
echo "loops on, then the budget loop L3 alone off"
read -r -a ample <<<"$(times "$small" 2 "${staff_keys[@]}")"
for l3 in true false; do
  show "" "$ketensim" run "$small" -r 10 --years 4 "${ample[@]}" --set feedback.l3_budget=$l3 -o "$work/ample.h5" --force \
    | grep -e '^\$ ' -e 'children_without_guardian_mean'
done

echo
echo "== 2. Tipping point of the VT reports on the small chain, as in the test: a Board with room"
echo "   (inflow.rvdk_other_cases_per_year x 0.8), the settling mechanisms off"
echo "   (tests/support/without_settling_mechanisms.h); as shipped, 20% more staff, turnover sensitivity 4"
read -r -a room <<<"$(times "$small" 0.8 inflow.rvdk_other_cases_per_year)"
no_settling=(--set rvdk.withdrawal_share_within_90_days=0 --set vt.late_work_cut_share=0)
for key in $("$ketensim" keys | grep -o '^care\.[a-z_]*\.withdrawal_share_within_90_days'); do
  no_settling+=(--set "$key=0")
done
read -r -a more_staff <<<"$(times "$small" 1.2 "${staff_keys[@]}")"
search=("$ketensim" tipping "$small" --vary inflow.vt_reports_per_year --range 1000:3500 -r 12 --years 5 --steps 7 -j 2
        "${room[@]}" "${no_settling[@]}")
show 4 "${search[@]}"
show 4 "${search[@]}" "${more_staff[@]}"
show 4 "${search[@]}" --set workforce.departure_pressure_elasticity=4

echo
echo "== 3. The tipping examples of docs/workforce.md on the small chain as shipped"
echo "   (inflow.vt_reports_per_year = $(scaled "$small" inflow.vt_reports_per_year 1), rvdk.fte = $(scaled "$small" rvdk.fte 1), gi.fte = $(scaled "$small" gi.fte 1))"
show 4 "$ketensim" tipping "$small" --vary inflow.vt_reports_per_year --range 1000:3500 -r 12 --years 5 --steps 7 -j 2
show 4 "$ketensim" tipping "$small" --vary rvdk.fte --range 8:40 -r 8 --years 5 --steps 5 -j 2
show 4 "$ketensim" tipping "$small" --vary gi.fte --range 15:80 -r 8 --years 5 --steps 5 -j 2
echo
echo "The waiting lists of the small chain as shipped over 10 years (8 replications):"
show 3 "$ketensim" calibration "$small" --years 10 -r 8 -j 2 | sed -n -e '/^\$ /p' -e '/^(exit/p' -e '/^Settling/,/^$/p'

if $national; then
  echo
  echo "== 4. Tipping point of the VT reports on the default scenario"
  echo "   (inflow.vt_reports_per_year = $(scaled scenarios/netherlands-2020.toml inflow.vt_reports_per_year 1))"
  show 4 "$ketensim" tipping scenarios/netherlands-2020.toml --vary inflow.vt_reports_per_year --range 100000:250000 -r 4 --steps 4 -j 2

  echo
  echo "== 5. Retention plan (scenarios/plans/retention.toml) against the baseline"
  SECONDS=0
  show "" "$ketensim" compare scenarios/baseline.toml scenarios/plans/retention.toml -j 2 -o "$work/retention.h5"
  echo "(took $SECONDS s)"
  echo
  echo "Per-pool KPIs of the comparison file (mean ± 95% half width; paired difference plan - baseline):"
  /usr/bin/python3 - "$work/retention.h5" <<'PY'
import sys, ketensim
rows = [("Jeugdbescherming Gelderland", k) for k in
        ("turnover_rate_per_year", "hires_per_year", "vacancy_share", "cost_per_year_euros")]
rows += [("Veilig Thuis Gelderland-Midden", "turnover_rate_per_year"), ("RvdK Oost-Nederland", "turnover_rate_per_year")]
summary = ketensim.Comparison.open(sys.argv[1]).summary()
for region, name in rows:
    s = summary[(summary.region == region) & (summary.name == name)]
    base, plan = s.iloc[0], s.iloc[1]
    print(f"{region:32s} {name:24s} {base['mean']:.4g} ± {base.half_width:.2g}   {plan['mean']:.4g} ± {plan.half_width:.2g}"
          f"   {plan.difference:+.3g} ± {plan.difference_half_width:.2g}")
PY
fi
