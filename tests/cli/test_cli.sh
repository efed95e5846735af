#!/usr/bin/env bash
# The command line as a user meets it: exit codes, messages, and that bad input writes nothing.
# Usage: test_cli.sh BUILD/ketensim SOURCE_DIR
set -u
ketensim=$1
source_dir=$2
# shellcheck source=tests/cli/lib.sh
. "$(dirname "$0")/lib.sh"
small="$source_dir/scenarios/examples/small-chain.toml"

for command in run calibration compare check keys analyze selftest tipping sweep; do
  "$ketensim" "$command" --help >"$work/out" 2>&1
  check "$command --help" 0 $?
  contains "$command --help" "$work/out" "usage: ketensim $command"
done

# A bad value: exit 2, the message names file, line, key and bound, and no file appears.
{ cat "$small"; printf '\n[vt]\nfte = -22\n'; } >"$work/bad.toml"
bad_line=$(wc -l <"$work/bad.toml")
cp "$source_dir/scenarios/examples/regions-two.toml" "$work/"
"$ketensim" run "$work/bad.toml" -o "$work/bad.h5" >"$work/out" 2>&1
check "bad scenario" 2 $?
contains "bad scenario" "$work/out" "bad.toml:$bad_line: vt.fte = -22: must be >= 0 (FTE)"
[ ! -e "$work/bad.h5" ] && passes=$((passes + 1)) || { echo "FAIL: bad scenario wrote a file"; failures=$((failures + 1)); }
[ -z "$(ls "$work" | grep -F '.tmp-')" ] && passes=$((passes + 1)) || { echo "FAIL: a temporary file was left"; failures=$((failures + 1)); }

"$ketensim" run "$small" --engine warp -o "$work/x.h5" >"$work/out" 2>&1
check "unknown engine" 2 $?
contains "unknown engine" "$work/out" "valid names are native, simgrid"

for jobs in 0 1.5; do
  "$ketensim" run "$small" -j "$jobs" -o "$work/jobs.h5" >"$work/out" 2>&1
  check "-j $jobs" 2 $?
  contains "-j $jobs" "$work/out" "--jobs = $jobs: expected a whole number from 1 to 1024"
  [ ! -e "$work/jobs.h5" ] && passes=$((passes + 1)) || { echo "FAIL: -j $jobs wrote a file"; failures=$((failures + 1)); }
done
"$ketensim" run "$small" --frobnicate >"$work/out" 2>&1
check "unknown option" 2 $?
contains "unknown option" "$work/out" "unknown option '--frobnicate'"

"$ketensim" run "$small" --years -3 >"$work/out" 2>&1
check "bad override" 2 $?
contains "bad override" "$work/out" "--years: run.years = -3: must be >= 0.01 (years)"

"$ketensim" run "$small" --set gi.fte=-5 -o "$work/set.h5" >"$work/out" 2>&1
check "bad --set" 2 $?
contains "bad --set" "$work/out" "--set: gi.fte = -5: must be >= 0 (FTE)"
"$ketensim" run "$small" --set gi.staff=5 -o "$work/set.h5" >"$work/out" 2>&1
check "unknown --set key" 2 $?
contains "unknown --set key" "$work/out" "--set: gi.staff: unknown key; valid keys here are gi.fte"
[ ! -e "$work/set.h5" ] && passes=$((passes + 1)) || { echo "FAIL: a bad --set wrote a file"; failures=$((failures + 1)); }

"$ketensim" launch >"$work/out" 2>&1
check "unknown command" 2 $?

# A good run: exit 0, a KPI summary, the output path, and the file.
"$ketensim" run "$small" -r 1 --years 1 -o "$work/ok.h5" >"$work/out" 2>&1
check "good run" 0 $?
contains "good run" "$work/out" "KPI summary, national"
contains "good run" "$work/out" "result: $work/ok.h5"
[ -s "$work/ok.h5" ] && passes=$((passes + 1)) || { echo "FAIL: no result file"; failures=$((failures + 1)); }

# Writing onto a directory is refused with exit 2 and leaves what was there.
mkdir "$work/taken.h5"
"$ketensim" run "$small" -r 1 --years 1 -o "$work/taken.h5" >"$work/out" 2>&1
check "unwritable output" 2 $?
contains "unwritable output" "$work/out" "taken.h5: exists and is a directory; refusing to overwrite it (--force overwrites it)"
[ -d "$work/taken.h5" ] && passes=$((passes + 1)) || { echo "FAIL: the directory was replaced"; failures=$((failures + 1)); }

# A comparison: a table with paired differences, an HDF5 file and two plots.
sed 's/^seed = 7$/seed = 99/' "$small" >"$work/other.toml"
"$ketensim" compare "$small" "$work/other.toml" -r 2 --years 1 -o "$work/cmp.h5" >"$work/out" 2>&1
check "compare" 0 $?
contains "compare" "$work/out" "paired difference with small-chain"
contains "compare" "$work/out" "run settings (seed, replications, years, warm-up) taken from"
for f in cmp.h5 cmp-waiting.png cmp-regions.png cmp-differences.png; do
  [ -s "$work/$f" ] && passes=$((passes + 1)) || { echo "FAIL: compare did not write $f"; failures=$((failures + 1)); }
done
"$ketensim" compare "$small" >"$work/out" 2>&1
check "compare needs two" 2 $?

"$ketensim" check "$small" >"$work/out" 2>&1
check "check" 0 $?
contains "check" "$work/out" "ok (2 regions"

# docs/scenario-keys.md is generated from the defaults table and must match it.
"$ketensim" keys --markdown >"$work/keys.md"
if tail -n +7 "$source_dir/docs/scenario-keys.md" | diff -q - "$work/keys.md" >/dev/null; then passes=$((passes + 1)); else
  echo "FAIL: docs/scenario-keys.md is out of date: regenerate it (docs/scenarios.md says how)"; failures=$((failures + 1)); fi

echo "cli: $passes passed, $failures failed"
[ "$failures" -eq 0 ]
