#!/usr/bin/env bash
# Speed-up of a parameter sweep from 1 to 2 processes, on the 8-point spec
# bench/sweep-8-points.toml: `ketensim sweep -j 1` against `-j 2`, and, when the MPI driver
# is built, `mpirun -np 1` against `-np 2`. Prints the best and the median wall time of
# REPEAT runs (default 5) and the speed-up from the best times (other work on the machine can
# only add time, so the best run is the least disturbed), with `foreign_s`, the CPU seconds
# other programs took during that best run (near 0: a clean measurement). Then checks that
# every mode wrote the same summary.
# Usage: bench/sweep_speedup.sh [BUILD_DIR]   (default build); run from anywhere after
# building. Record the figures in docs/benchmarks.md with the machine and date.
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build}
repeat=${REPEAT:-5}
spec=bench/sweep-8-points.toml
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
[ -x "$build/ketensim" ] || { echo "no $build/ketensim: build first (.ci/build)" >&2; exit 2; }
export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1  # CI containers run as root

echo "machine: $(nproc) cores ($(sed -n 's/^model name\s*: //p' /proc/cpuinfo | head -1)), $(uname -r); date: $(date -u +%Y-%m-%dT%H:%MZ)"
# Other work on the machine takes cores from the sweep: the load says how much there was.
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "spec: $spec (8 points x 6 replications x 20 years, small chain); $repeat runs per mode"

# shellcheck source=bench/lib.sh
source bench/lib.sh

# One sweep into a fresh directory: "WALL FOREIGN", the wall seconds and the CPU seconds
# that other programs used meanwhile (the machine's busy time minus the sweep's own CPU
# time, children included). A failing sweep stops the benchmark.
time_sweep() {  # time_sweep NAME COMMAND...
  local name=$1
  shift
  rm -rf "${out:?}/$name"
  local busy_before busy_after
  busy_before=$(busy_seconds)
  if ! /usr/bin/time -f '%e %U %S' -o "$out/time" "$@" "$spec" -o "$out/$name" -q >"$out/log" 2>&1; then
    echo "sweep '$name' failed:" >&2
    cat "$out/log" >&2
    exit 1
  fi
  busy_after=$(busy_seconds)
  awk -v b="$busy_before" -v a="$busy_after" '{ f = (a - b) - ($2 + $3); printf "%.2f:%.2f\n", $1, f < 0 ? 0 : f }' \
    "$out/time"
}

# The modes take turns, round after round, so that other work on the machine falls on all
# of them alike.
modes=(local-1 local-2)
declare -A command=([local-1]="$build/ketensim sweep -j 1" [local-2]="$build/ketensim sweep -j 2")
if [ -x "$build/ketensim-sweep" ] && command -v mpirun >/dev/null 2>&1; then
  modes+=(mpi-1 mpi-2)
  command[mpi-1]="mpirun -np 1 $build/ketensim-sweep"
  command[mpi-2]="mpirun -np 2 --oversubscribe $build/ketensim-sweep"
else
  echo "(no $build/ketensim-sweep or mpirun: MPI mode skipped)"
fi
declare -A times
for _ in $(seq "$repeat"); do
  for mode in "${modes[@]}"; do
    # shellcheck disable=SC2086  # the command is words on purpose
    times[$mode]+=" $(time_sweep "$mode" ${command[$mode]})"
  done
done

printf '%-32s %8s %10s %10s %8s\n' mode best_s foreign_s median_s speedup
report() {  # report LABEL MODE_1 MODE_2
  local one two
  read -r -a one <<<"$(best_and_median ${times[$2]})"
  read -r -a two <<<"$(best_and_median ${times[$3]})"
  printf '%-32s %8.2f %10.2f %10.2f %8s\n' "$1, 1 process" "${one[0]}" "${one[1]}" "${one[2]}" "1.00"
  printf '%-32s %8.2f %10.2f %10.2f %8.2f\n' "$1, 2 processes" "${two[0]}" "${two[1]}" "${two[2]}" \
    "$(awk -v a="${one[0]}" -v b="${two[0]}" 'BEGIN { print a / b }')"
}
report "ketensim sweep -j" local-1 local-2
[ ${#modes[@]} -eq 4 ] && report "mpirun -np" mpi-1 mpi-2
dirs=("${modes[@]}")

# The speed-up is only worth having if the results are the same.
/usr/bin/python3 - "$out" "${dirs[@]}" <<'PY'
import sys, h5py, numpy as np
base, names = sys.argv[1], sys.argv[2:]
def results(name):
    with h5py.File(f"{base}/{name}/sweep.h5", "r") as f:
        return f["results"][()]
first = results(names[0])
for name in names[1:]:
    other = results(name)
    for column in first.dtype.names:
        a, b = first[column], other[column]
        same = np.array_equal(a, b, equal_nan=True) if a.dtype.kind == "f" else (a == b).all()
        if not same:
            sys.exit(f"summaries differ: {names[0]} and {name}, column {column}")
print(f"summaries identical across {', '.join(names)}")
PY
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
