#!/usr/bin/env bash
# A collapsing chain finishes ten national years within 500 MiB of address space (issue 14):
# VT at 900 FTE (over a million children end up held at VT triage) and the GI at 70% of its
# staff (children wait for a guardian). The limit is `ulimit -v`, so an allocation beyond it
# fails the run. Usage: test_overload_memory.sh BUILD/ketensim SOURCE_DIR PYTHON
set -u
ketensim=$1
source_dir=$2
python=$3
# shellcheck source=tests/cli/lib.sh
. "$(dirname "$0")/lib.sh"
national="$source_dir/scenarios/netherlands-2020.toml"
limit_kib=$((500 * 1024))

# National children at STAGE at the end of the run, summed over the LEVELS (comma-separated
# timeseries names: waiting, in_service).
at_end() {  # at_end FILE STAGE LEVELS
  "$python" - "$1" "$2" "$3" <<'PY'
import sys
import h5py
with h5py.File(sys.argv[1], "r") as f:
    t = f["timeseries"]
    stage = [s.decode() for s in t["series_stage"][()]]
    region = [s.decode() for s in t["series_region"][()]]
    i = next(k for k in range(len(stage)) if stage[k] == sys.argv[2] and region[k] == "national")
    print(int(sum(t[level][0, i, -1] for level in sys.argv[3].split(","))))
PY
}

overloaded() {  # overloaded NAME STAGE LEVELS AT_LEAST --set ...
  local name=$1 stage=$2 levels=$3 least=$4
  shift 4
  (ulimit -v "$limit_kib" && exec "$ketensim" run "$national" --years 10 -r 1 -j 1 -q "$@" -o "$work/$name.h5") >"$work/$name.out" 2>&1
  local rc=$?
  check "$name: 10 years within ulimit -v $limit_kib KiB" 0 $rc
  [ $rc -eq 0 ] || cat "$work/$name.out"
  local children
  children=$(at_end "$work/$name.h5" "$stage" "$levels" 2>/dev/null || echo 0)
  if [ "$children" -ge "$least" ]; then passes=$((passes + 1)); else
    echo "FAIL: $name: $children children at $stage ($levels) at the end, expected an overload (>= $least)"; failures=$((failures + 1)); fi
}

# Quality erosion (vt.late_work_cut_share) lets an overloaded VT settle; without it VT collapses.
overloaded vt-900 vt_triage waiting,in_service 1000000 --set vt.fte=900 --set vt.late_work_cut_share=0
# The GI at 70% of its staff: the default FTE, from the parameter table.
gi_fte=$("$ketensim" keys | sed -n 's/^gi\.fte = \([0-9.]*\) .*/\1/p')
[ -n "$gi_fte" ] || { echo "FAIL: no gi.fte in 'ketensim keys'"; exit 1; }
# The default run ends with a few dozen children waiting for a guardian; this one thousands.
overloaded gi-70-percent gi waiting 1000 --set "gi.fte=$(awk -v f="$gi_fte" 'BEGIN { print 0.7 * f }')"

echo "$passes passed, $failures failed"
[ "$failures" -eq 0 ]
