# Shared by the benchmark scripts (sourced, not run).

# CPU seconds the whole machine has spent busy since boot (all cores), from /proc/stat:
# user, nice, system, irq, softirq and steal (time the hypervisor gave to other machines).
busy_seconds() {
  awk -v hz="$(getconf CLK_TCK)" '/^cpu / { print ($2 + $3 + $4 + $7 + $8 + $9) / hz }' /proc/stat
}

# best_and_median WALL:FOREIGN...: prints "BEST FOREIGN_OF_BEST MEDIAN". Other work on the
# machine can only add time, so the best run is the least disturbed.
best_and_median() {
  printf '%s\n' "$@" | sort -t: -k1,1g | awk -F: '{ t[NR] = $1; f[NR] = $2 } END { print t[1], f[1], t[int((NR + 1) / 2)] }'
}
