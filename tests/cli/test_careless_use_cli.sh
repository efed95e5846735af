#!/usr/bin/env bash
# Careless paths (issue 13): `-o` onto a file ketensim did not make is refused with exit 2 and
# the file survives; --force overwrites it; a ketensim file of the same kind is replaced;
# the same for compare's plots and a sweep's DIR/sweep.h5. A killed writer's temporary file
# is removed by the next run to the same path.
# Usage: test_foreign_files_cli.sh BUILD/ketensim SOURCE_DIR
set -u
ketensim=$1
source_dir=$2
# shellcheck source=tests/cli/lib.sh
. "$(dirname "$0")/lib.sh"
small="$source_dir/scenarios/examples/small-chain.toml"
same() {  # same NAME FILE EXPECTED_TEXT
  if [ "$(cat "$2")" = "$3" ]; then passes=$((passes + 1)); else echo "FAIL: $1: $2 was changed"; failures=$((failures + 1)); fi
}

# run -o onto notes: refused, the notes survive, nothing else appears.
echo "my notes" >"$work/notes.txt"
"$ketensim" run "$small" -r 1 --years 1 -o "$work/notes.txt" >"$work/out" 2>&1
check "run onto notes" 2 $?
contains "run onto notes" "$work/out" "notes.txt: exists and is not a readable ketensim.run file (not a ketensim result file (not HDF5)); refusing to overwrite it (--force overwrites it)"
same "run onto notes" "$work/notes.txt" "my notes"
[ "$(ls "$work" | wc -l)" -eq 2 ] && passes=$((passes + 1)) || { echo "FAIL: run onto notes left files: $(ls "$work")"; failures=$((failures + 1)); }

# --force overwrites it; a second run onto its own run file needs no --force.
"$ketensim" run "$small" -r 1 --years 1 -o "$work/notes.txt" --force -q >"$work/out" 2>&1
check "run --force" 0 $?
"$ketensim" run "$small" -r 1 --years 1 -o "$work/notes.txt" -q >"$work/out" 2>&1
check "run onto its own run file" 0 $?

# A compare file is not a run file, and the other way round.
sed 's/^seed = 7$/seed = 99/' "$small" >"$work/other.toml"
cp "$source_dir/scenarios/examples/regions-two.toml" "$work/"
"$ketensim" compare "$small" "$work/other.toml" -r 1 --years 1 -o "$work/notes.txt" --no-plots >"$work/out" 2>&1
check "compare onto a run file" 2 $?
contains "compare onto a run file" "$work/out" "notes.txt: exists and is not a ketensim.compare file (filetype 'ketensim.run'); refusing to overwrite it"
echo "thesis" >"$work/thesis.docx"
"$ketensim" compare "$small" "$work/other.toml" -r 1 --years 1 -o "$work/thesis.docx" --no-plots >"$work/out" 2>&1
check "compare onto a thesis" 2 $?
same "compare onto a thesis" "$work/thesis.docx" "thesis"

# Plots: a PNG compare did not draw survives; its own PNGs are drawn again.
echo "my figure" >"$work/cmp-waiting.png"
"$ketensim" compare "$small" "$work/other.toml" -r 1 --years 1 -o "$work/cmp.h5" >"$work/out" 2>&1
check "compare onto a foreign plot" 2 $?
contains "compare onto a foreign plot" "$work/out" "cmp-waiting.png: exists and is not a plot ketensim drew; refusing to overwrite it"
same "compare onto a foreign plot" "$work/cmp-waiting.png" "my figure"
[ ! -e "$work/cmp.h5" ] && passes=$((passes + 1)) || { echo "FAIL: a refused compare wrote cmp.h5"; failures=$((failures + 1)); }
rm "$work/cmp-waiting.png"
"$ketensim" compare "$small" "$work/other.toml" -r 1 --years 1 -o "$work/cmp.h5" -q >"$work/out" 2>&1
check "compare" 0 $?
if [ -s "$work/cmp-waiting.png" ]; then
  "$ketensim" compare "$small" "$work/other.toml" -r 1 --years 1 -o "$work/cmp.h5" -q >"$work/out" 2>&1
  check "compare onto its own plots" 0 $?
fi

# A sweep directory whose sweep.h5 is someone else's.
mkdir -p "$work/sweep"
echo "not a summary" >"$work/sweep/sweep.h5"
printf 'format_version = 1\nkind = "sweep"\nscenario = "%s"\nreplications = 1\nyears = 1\nseed = 3\n[factors]\n"gi.fte" = { values = [30] }\n' \
  "$small" >"$work/spec.toml"
"$ketensim" sweep "$work/spec.toml" -o "$work/sweep" -q >"$work/out" 2>&1
check "sweep onto a foreign summary" 2 $?
contains "sweep onto a foreign summary" "$work/out" "sweep.h5: exists and is not a readable ketensim.sweep file"
same "sweep onto a foreign summary" "$work/sweep/sweep.h5" "not a summary"
"$ketensim" sweep "$work/spec.toml" -o "$work/sweep" -q --force >"$work/out" 2>&1
check "sweep --force" 0 $?

# A writer killed while writing leaves RUN.tmp-<pid>; the next run to RUN removes it.
"$ketensim" run "$small" -r 1 --years 1 -o "$work/killed.h5" -q >"$work/out" 2>&1 &
writer=$!
sleep 0.3 2>/dev/null || sleep 1
kill -KILL "$writer" 2>/dev/null
wait "$writer" 2>/dev/null
# Whether or not the kill came during the write, leave the temporary file it would leave.
echo "half" >"$work/killed.h5.tmp-$writer"
"$ketensim" run "$small" -r 1 --years 1 -o "$work/killed.h5" -q >"$work/out" 2>&1
check "run after a killed writer" 0 $?
[ -z "$(ls "$work" | grep -F 'killed.h5.tmp-')" ] && passes=$((passes + 1)) || { echo "FAIL: the killed writer's temporary file is still there"; failures=$((failures + 1)); }

# Validation edge cases exit 2 with a located message, not a library error with exit 1.
sed 's/^years = 3$/years = 1e-320/' "$small" >"$work/tiny.toml"
"$ketensim" check "$work/tiny.toml" >"$work/out" 2>&1
check "years = 1e-320" 2 $?
contains "years = 1e-320" "$work/out" "tiny.toml:$(grep -n '^years = ' "$small" | cut -d: -f1): run.years = "
sed 's/^seed = 7$/seed = 4.9e-324/' "$small" >"$work/seed.toml"
"$ketensim" run "$work/seed.toml" -o "$work/seed.h5" >"$work/out" 2>&1
check "seed = 4.9e-324" 2 $?
contains "seed = 4.9e-324" "$work/out" "seed.toml:$(grep -n '^seed = ' "$small" | cut -d: -f1): run.seed = "

# A run too big to fit is refused by check and by run before it starts, naming the keys.
sed 's/^replications = 3$/replications = 100000/; s/^years = 3$/years = 200\ntimeseries_step_days = 0.01/' \
  "$small" >"$work/huge.toml"
for command in check run; do
  "$ketensim" "$command" "$work/huge.toml" >"$work/out" 2>&1
  check "$command of a huge run" 2 $?
  contains "$command of a huge run" "$work/out" "huge.toml: the run needs at least "
  contains "$command of a huge run" "$work/out" "run.replications = 100000 x "
  contains "$command of a huge run" "$work/out" "run.timeseries_step_days = 0.01"
done
"$ketensim" check "$small" --max-memory 1K >"$work/out" 2>&1
check "check --max-memory" 2 $?
contains "check --max-memory" "$work/out" "more than --max-memory 1K"
"$ketensim" check "$small" --max-memory 1T >"$work/out" 2>&1
check "check --max-memory 1T" 0 $?

echo "$passes passed, $failures failed"
[ "$failures" -eq 0 ]
