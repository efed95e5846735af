#!/usr/bin/env bash
# What a sweep spends on each point beyond simulating it: starting a process, loading the
# scenario, writing and sealing the run file, checking it and adding it to the summary
# (docs/sweeps.md, "Sizing a sweep"). POINTS tiny points (the small chain for 0.01 years,
# warm-up 0, one replication: under a hundred events) run as
#   true    `/bin/true`, POINTS times: what starting any process costs on this machine
#   start   `ketensim --version`, POINTS times: starting the program alone (with the
#           libraries it loads)
#   run     `ketensim run ... -o FILE`, POINTS times one after the other
#   one     one `ketensim run -r POINTS`: the same simulations in one process, one file
#   sweep   `ketensim sweep -j 1` of POINTS points into a fresh directory
#   resume  the same sweep again in the same directory: every point finished, so only the
#           check of each run file and the summary
#   mpi     `mpirun -np 1 ketensim-sweep` of the same points, when it is built
# The modes take turns for REPEAT rounds (default 3). For each it prints the best wall time
# (other work on the machine only adds time), the CPU seconds (user + sys, children
# included) of that run, both per point in milliseconds, and `foreign_s`: the CPU seconds
# other programs took meanwhile (near 0: a clean figure).
# With NATIONAL=1 it then sweeps 2 points of the national default scenario (10 years, one
# replication each, -j 1) and resumes that sweep: CPU, peak memory and run file size of a
# national point, and the check-and-summary cost of a point whose file is national-sized.
# Usage: [POINTS=40] [REPEAT=3] [NATIONAL=1] bench/sweep_overhead.sh [BUILD_DIR]
# Record the figures in docs/sweeps.md with the machine and date.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)
build=${1:-build}
points=${POINTS:-40}
repeat=${REPEAT:-3}
ketensim="$build/ketensim"
[ -x "$ketensim" ] || { echo "no $ketensim: build first (.ci/build)" >&2; exit 2; }
export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1  # CI containers run as root
# shellcheck source=bench/lib.sh
source bench/lib.sh
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

echo "machine: $(nproc) cores ($(sed -n 's/^model name\s*: //p' /proc/cpuinfo | head -1)), $(free -g | awk '/Mem:/ {print $2}') GiB, $(uname -r); date: $(date -u +%Y-%m-%dT%H:%MZ)"
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "$points tiny points (small chain, 0.01 years, warm-up 0, 1 replication); $repeat rounds"

# The tiny sweep: one grid factor with POINTS values, so that every point is its own run.
small="$repo/scenarios/examples/small-chain.toml"
fte_values=$(awk -v n="$points" 'BEGIN { for (i = 0; i < n; i++) printf "%s%d", (i ? ", " : ""), 30 + i }')
cat >"$out/tiny.toml" <<EOF
format_version = 1
kind = "sweep"
name = "bench-sweep-overhead"
scenario = "$small"
replications = 1
seed = 1
[factors]   # years as a factor: the base scenario's own warm-up is checked against the spec's years
"run.years" = { values = [0.01] }
"run.warmup_years" = { values = [0] }
"gi.fte" = { values = [$fte_values] }
EOF
tiny_run=(run "$small" -r 1 -j 1 --years 0.01 --set run.warmup_years=0 -q --force)

# timed NAME COMMAND...: runs COMMAND, appends "WALL:FOREIGN:CPU" to $out/NAME.times. A
# failing command stops the benchmark with its output.
timed() {
  local name=$1
  shift
  local busy_before busy_after
  busy_before=$(busy_seconds)
  if ! /usr/bin/time -f '%e %U %S %M' -o "$out/time" "$@" >"$out/log" 2>&1; then
    echo "'$name' failed:" >&2
    cat "$out/log" >&2
    exit 1
  fi
  busy_after=$(busy_seconds)
  awk -v b="$busy_before" -v a="$busy_after" \
    '{ f = (a - b) - ($2 + $3); printf "%.3f:%.2f:%.3f:%d\n", $1, f < 0 ? 0 : f, $2 + $3, $4 }' "$out/time" >>"$out/$name.times"
}
repeated() {  # repeated COMMAND...: COMMAND POINTS times, each with its own output file
  for i in $(seq "$points"); do "$@" -o "$out/run-$i.h5"; done
}

modes=(true start run one sweep resume)
if [ -x "$build/ketensim-sweep" ] && command -v mpirun >/dev/null 2>&1; then
  modes+=(mpi)
else
  echo "(no $build/ketensim-sweep or mpirun: MPI mode skipped)"
fi
export -f repeated
export out points
for _ in $(seq "$repeat"); do
  for mode in "${modes[@]}"; do
    case $mode in
      true) timed true bash -c "for i in \$(seq $points); do /bin/true; done" ;;
      start) timed start bash -c "for i in \$(seq $points); do '$ketensim' --version; done" ;;
      run) timed run bash -c "repeated '$ketensim' ${tiny_run[*]}" ;;
      one) timed one "$ketensim" run "$small" -r "$points" -j 1 --years 0.01 --set run.warmup_years=0 -q --force -o "$out/one.h5" ;;
      sweep) rm -rf "$out/sweep" && timed sweep "$ketensim" sweep "$out/tiny.toml" -o "$out/sweep" -j 1 -q ;;
      resume) timed resume "$ketensim" sweep "$out/tiny.toml" -o "$out/sweep" -j 1 -q ;;
      mpi) rm -rf "$out/mpi" && timed mpi mpirun -np 1 "$build/ketensim-sweep" "$out/tiny.toml" -o "$out/mpi" -q ;;
    esac
  done
done

# best NAME: "WALL FOREIGN CPU PEAK_KIB" of the run with the least wall time.
best() { sort -t: -k1,1g "$out/$1.times" | head -1 | tr ':' ' '; }
printf '%-8s %8s %10s %8s %14s %13s\n' mode best_s foreign_s cpu_s wall_ms/point cpu_ms/point
declare -A wall cpu
for mode in "${modes[@]}"; do
  read -r w f c _ <<<"$(best "$mode")"
  wall[$mode]=$w
  cpu[$mode]=$c
  awk -v m="$mode" -v w="$w" -v f="$f" -v c="$c" -v n="$points" \
    'BEGIN { printf "%-8s %8.2f %10.2f %8.2f %14.1f %13.1f\n", m, w, f, c, 1000 * w / n, 1000 * c / n }'
done
per() { awk -v a="$1" -v b="$2" -v n="$points" 'BEGIN { printf "%.1f", 1000 * (a - b) / n }'; }
echo "per point, ms (wall / CPU):"
echo "  starting any process (/bin/true):           $(per "${wall[true]}" 0) / $(per "${cpu[true]}" 0)"
echo "  starting ketensim (--version):              $(per "${wall[start]}" 0) / $(per "${cpu[start]}" 0)"
echo "  a tiny run beyond its simulation (run - one): $(per "${wall[run]}" "${wall[one]}") / $(per "${cpu[run]}" "${cpu[one]}")"
echo "  the sweep beyond its runs (sweep - run):     $(per "${wall[sweep]}" "${wall[run]}") / $(per "${cpu[sweep]}" "${cpu[run]}")"
echo "  a point in a sweep beyond its simulation (sweep - one): $(per "${wall[sweep]}" "${wall[one]}") / $(per "${cpu[sweep]}" "${cpu[one]}")"
# The resume is one process: take its own start (one `--version`) off before dividing.
start_wall=$(awk -v t="${wall[start]}" -v n="$points" 'BEGIN { print t / n }')
start_cpu=$(awk -v t="${cpu[start]}" -v n="$points" 'BEGIN { print t / n }')
echo "  checking a finished point and adding it to the summary (resume - one start): $(per "${wall[resume]}" "$start_wall") / $(per "${cpu[resume]}" "$start_cpu")"
if [ -n "${wall[mpi]:-}" ]; then
  awk -v a="${wall[mpi]}" -v b="${wall[sweep]}" -v c="${cpu[mpi]}" -v d="${cpu[sweep]}" \
    'BEGIN { printf "mpirun -np 1 ketensim-sweep beyond ketensim sweep -j 1, whole sweep: %.2f s wall, %.2f s CPU\n", a - b, c - d }'
fi
du -k "$out/sweep/points/0000.h5" "$out/sweep/sweep.h5" | awk '{ printf "file: %s %d KiB\n", $2, $1 }' | sed "s|$out/||"

if [ "${NATIONAL:-0}" = 1 ]; then
  # Two national points that differ only in a switch that leaves the simulation alone.
  national="$repo/scenarios/netherlands-2020.toml"
  cat >"$out/national.toml" <<EOF
format_version = 1
kind = "sweep"
name = "bench-sweep-overhead-national"
scenario = "$national"
replications = 1
years = 10
seed = 1
[factors]
"run.compare_with_targets" = { values = [false, true] }
EOF
  timed national "$ketensim" sweep "$out/national.toml" -o "$out/national" -j 1 -q
  for _ in $(seq "$repeat"); do
    timed national-resume "$ketensim" sweep "$out/national.toml" -o "$out/national" -j 1 -q
  done
  read -r w f c kib <<<"$(best national)"
  echo "national sweep, 2 points x 10 years x 1 replication, -j 1: $w s wall, $c s CPU, foreign_s $f," \
    "peak $((kib / 1024)) MiB (largest process)"
  read -r w f c _ <<<"$(best national-resume)"
  echo "  resume (check 2 national run files, write the summary; best of $repeat): $w s wall, $c s CPU, foreign_s $f;" \
    "per point less one start: $(awk -v w="$w" -v c="$c" -v sw="$start_wall" -v sc="$start_cpu" \
      'BEGIN { printf "%.0f / %.0f ms", 1000 * (w - sw) / 2, 1000 * (c - sc) / 2 }') (wall / CPU)"
  du -k "$out/national/points/0000.h5" "$out/national/sweep.h5" | awk '{ printf "file: %s %d KiB\n", $2, $1 }' | sed "s|$out/||"
fi
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
