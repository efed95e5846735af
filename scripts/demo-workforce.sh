#!/usr/bin/env bash
# Reruns the workforce demonstrations of docs/workforce.md and prints their figures (fixed
# seeds: the same build prints the same numbers).
#   1. the loops with ample staff and in overload, the tipping point with more staff and with a
#      higher turnover sensitivity, and a temporary inflow shock: the gtests
#      WorkforceDemonstrations.* (small chain, about half a minute on two cores);
#   2. the three tipping searches again with the command, at a finer resolution;
#   3. with --national: the tipping search on the default scenario (minutes).
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

echo "== 1. WorkforceDemonstrations (tests/test_workforce_demonstrations.cpp)"
"$build/tests/ketensim_tests" --gtest_filter='WorkforceDemonstrations.*' | grep -v '^\[ *\(RUN\|OK\) *\]'

echo
echo "== 2. Tipping point of the VT reports on the small chain: as shipped, 20% more staff, turnover sensitivity 4"
small=scenarios/examples/small-chain.toml
search=(tipping "$small" --vary inflow.vt_reports_per_year --range 1500:3500 -r 12 --years 5 --steps 6 -j 2)
for extra in "" "--set vt.fte=26.4 --set rvdk.fte=24 --set gi.fte=50.4" "--set workforce.departure_pressure_elasticity=4"; do
  echo
  echo "\$ $ketensim ${search[*]} $extra"
  # shellcheck disable=SC2086  # $extra is a list of options
  "$ketensim" "${search[@]}" $extra
done

if $national; then
  echo
  echo "== 3. Tipping point of the VT reports on the default scenario"
  echo "\$ $ketensim tipping scenarios/netherlands-2020.toml --vary inflow.vt_reports_per_year --range 100000:160000 -r 4 --steps 4 -j 2"
  "$ketensim" tipping scenarios/netherlands-2020.toml --vary inflow.vt_reports_per_year --range 100000:160000 -r 4 --steps 4 -j 2
fi
