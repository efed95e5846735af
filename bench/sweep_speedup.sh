#!/usr/bin/env bash
# Speed-up of a parameter sweep from 1 to 2 processes, on the 8-point spec
# bench/sweep-8-points.toml: `ketensim sweep -j 1` against `-j 2`, and, when the MPI driver
# is built, `mpirun -np 1` against `-np 2`. Prints the median wall time of REPEAT runs
# (default 3) and the speed-up, then checks that every mode wrote the same summary.
# Usage: bench/sweep_speedup.sh [BUILD_DIR]   (default build); run from anywhere after
# building. Record the figures in docs/benchmarks.md with the machine and date.
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build}
repeat=${REPEAT:-3}
spec=bench/sweep-8-points.toml
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
[ -x "$build/ketensim" ] || { echo "no $build/ketensim: build first (.ci/build)" >&2; exit 2; }
export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1  # CI containers run as root

echo "machine: $(nproc) cores ($(sed -n 's/^model name\s*: //p' /proc/cpuinfo | head -1)), $(uname -r); date: $(date -u +%Y-%m-%dT%H:%MZ)"
# Other work on the machine takes cores from the sweep: the load says how much there was.
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "spec: $spec (8 points x 6 replications x 20 years, small chain); median of $repeat runs"

# Wall seconds of one sweep into a fresh directory; a failing sweep stops the benchmark.
time_sweep() {  # time_sweep NAME COMMAND...
  local name=$1
  shift
  rm -rf "${out:?}/$name"
  local start end
  start=$(date +%s.%N)
  if ! "$@" "$spec" -o "$out/$name" -q >"$out/log" 2>&1; then
    echo "sweep '$name' failed:" >&2
    cat "$out/log" >&2
    exit 1
  fi
  end=$(date +%s.%N)
  awk -v s="$start" -v e="$end" 'BEGIN { printf "%.2f\n", e - s }'
}

median_of() {  # median_of NAME COMMAND...: the median of $repeat timings
  local times=()
  for _ in $(seq "$repeat"); do times+=("$(time_sweep "$@")"); done
  printf '%s\n' "${times[@]}" | sort -g | awk '{ t[NR] = $1 } END { print t[int((NR + 1) / 2)] }'
}

printf '%-32s %9s %8s\n' mode wall_s speedup
report() {  # report MODE ONE_PROCESS_SECONDS TWO_PROCESS_SECONDS
  printf '%-32s %9.2f %8s\n' "$1, 1 process" "$2" "1.00"
  printf '%-32s %9.2f %8.2f\n' "$1, 2 processes" "$3" "$(awk -v a="$2" -v b="$3" 'BEGIN { print a / b }')"
}
local1=$(median_of local-1 "$build/ketensim" sweep -j 1)
local2=$(median_of local-2 "$build/ketensim" sweep -j 2)
report "ketensim sweep -j" "$local1" "$local2"
dirs=(local-1 local-2)
if [ -x "$build/ketensim-sweep" ] && command -v mpirun >/dev/null 2>&1; then
  mpi1=$(median_of mpi-1 mpirun -np 1 "$build/ketensim-sweep")
  mpi2=$(median_of mpi-2 mpirun -np 2 --oversubscribe "$build/ketensim-sweep")
  report "mpirun -np" "$mpi1" "$mpi2"
  dirs+=(mpi-1 mpi-2)
else
  echo "(no $build/ketensim-sweep or mpirun: MPI mode skipped)"
fi

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
