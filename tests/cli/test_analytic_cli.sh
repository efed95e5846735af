#!/usr/bin/env bash
# `analyze`, `run --analytic` and `selftest` as a user meets them: tables, exit codes,
# messages, and the /analytic table in the result file.
# Usage: test_analytic_cli.sh BUILD/ketensim SOURCE_DIR
set -u
ketensim=$1
source_dir=$2
# shellcheck source=tests/cli/lib.sh
. "$(dirname "$0")/lib.sh"
examples="$source_dir/scenarios/examples"

for command in analyze selftest; do
  "$ketensim" "$command" --help >"$work/out" 2>&1
  check "$command --help" 0 $?
  contains "$command --help" "$work/out" "usage: ketensim $command"
done

"$ketensim" analyze "$source_dir/scenarios/netherlands-2020.toml" >"$work/out" 2>&1
check "analyze national" 0 $?
contains "analyze national" "$work/out" "Staff pools"
contains "analyze national" "$work/out" "gi:national"
contains "analyze national" "$work/out" "first to reach capacity when every inflow grows:"

"$ketensim" analyze --max-inflow "$examples/mmc-rvdk.toml" >"$work/out" 2>&1
check "max-inflow" 0 $?
contains "max-inflow" "$work/out" "first to reach capacity: rvdk RvdK Test at x1.25"

# A closed loop of shares: exit 2, the message names the file and the trapped nodes.
"$ketensim" analyze "$examples/small-chain.toml" --set local_team.share_escalate_to_rvdk=1 \
  --set rvdk.share_request_measure=0 >"$work/out" 2>&1
check "closed loop" 2 $?
contains "closed loop" "$work/out" "small-chain.toml"
contains "closed loop" "$work/out" "no route ever leaves local_team, rvdk_protection"

"$ketensim" analyze >"$work/out" 2>&1
check "analyze without a scenario" 2 $?
"$ketensim" analyze "$examples/mmc-rvdk.toml" --years 3 >"$work/out" 2>&1
check "analyze takes no run options" 2 $?
contains "analyze takes no run options" "$work/out" "unknown option '--years'"

# run --analytic: the comparison table and the /analytic table in the file.
"$ketensim" run "$examples/mmc-rvdk.toml" -r 2 --years 3 --analytic -o "$work/an.h5" >"$work/out" 2>&1
check "run --analytic" 0 $?
contains "run --analytic" "$work/out" "Analytic estimate beside the simulation"
/usr/bin/python3 - "$work/an.h5" <<'PY'
import sys, h5py
with h5py.File(sys.argv[1], "r") as f:
    assert f.attrs["format_version"] == "2.1"
    rows = {(r["name"].decode(), r["stage"].decode(), r["region"].decode()): r["value"] for r in f["analytic"][()]}
    assert abs(rows[("utilisation", "rvdk", "RvdK Test")] - 0.8) < 1e-12, rows[("utilisation", "rvdk", "RvdK Test")]
    assert abs(rows[("max_inflow_multiplier", "chain", "national")] - 1.25) < 1e-12
PY
check "run --analytic stores /analytic" 0 $?
"$ketensim" run "$examples/mmc-rvdk.toml" -r 2 --years 3 -q -o "$work/plain.h5" >"$work/out" 2>&1
/usr/bin/python3 -c "import sys, h5py; sys.exit('analytic' in h5py.File(sys.argv[1], 'r'))" "$work/plain.h5"
check "run without --analytic has no /analytic" 0 $?

"$ketensim" selftest --replications 1 >"$work/out" 2>&1
check "selftest needs two replications" 2 $?
contains "selftest needs two replications" "$work/out" "--replications must be a whole number from 2 to 10000"

echo "analytic cli: $passes passed, $failures failed"
[ "$failures" -eq 0 ]
