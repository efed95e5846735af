#!/usr/bin/env bash
# `cmake --install` into a temporary prefix, then use it with nothing of the build or source
# tree on any path (docs/install.md): the prefix is copied to another folder and the
# original removed, so only relative locations can work; every command runs under `env -i`
# with PYTHONPATH pointing only into the copy, from a folder outside both trees.
# Usage: test_install.sh BUILD_DIR SOURCE_DIR PYTHONDIR (the package folder under the prefix)
set -u
build_dir=$(cd "$1" && pwd)
source_dir=$(cd "$2" && pwd)
pythondir=$3
# shellcheck source=tests/cli/lib.sh
. "$source_dir/tests/cli/lib.sh"

cmake --install "$build_dir" --prefix "$work/installed" >"$work/install.log" 2>&1
check "cmake --install" 0 $?
# Moved: a path fixed at build or install time now points nowhere.
cp -a "$work/installed" "$work/moved" && rm -rf "$work/installed"
prefix="$work/moved"
mkdir -p "$work/home" "$work/cwd"
# Where the system allows it, the commands also run with the source and build trees hidden
# (an empty tmpfs mounted over each in a private mount namespace), so that they are truly
# absent for them; otherwise only the checks below the install stand for it.
hide=()
if unshare -rm sh -c 'mount -t tmpfs none "$1"' sh "$work/home" 2>/dev/null; then
  hide=(unshare -rm sh -c 'for tree in "$1" "$2"; do [ -d "$tree" ] && mount -t tmpfs none "$tree"; done; shift 2; exec "$@"'
        sh "$source_dir" "$build_dir")
  echo "the source and build trees are hidden from the installed programs"
else
  echo "note: unshare -rm is not permitted here: the trees are not hidden, the path checks stand for it"
fi
clean() {  # runs a command with an empty environment but for the prefix's package
  (cd "$work/cwd" && "${hide[@]}" env -i HOME="$work/home" PATH=/usr/bin:/bin MPLBACKEND=Agg PYTHONDONTWRITEBYTECODE=1 \
    PYTHONPATH="$prefix/$pythondir" "$@")
}

for file in bin/ketensim "$pythondir/ketensim/__init__.py" "$pythondir/ketensim/comparison_plots.py" \
            share/ketensim/scenarios/examples/small-chain.toml share/ketensim/scenarios/regions/netherlands.toml \
            share/ketensim/notebooks/01-quickstart.ipynb; do
  [ -f "$prefix/$file" ]; check "installed $file" 0 $?
done
ls "$prefix/$pythondir/ketensim/"_core*.so >/dev/null 2>&1
check "installed the compiled module" 0 $?
if [ -x "$build_dir/ketensim-sweep" ]; then [ -x "$prefix/bin/ketensim-sweep" ]; check "installed ketensim-sweep" 0 $?; fi
# No file of the prefix names the build or source tree (a strace-free check that nothing is
# looked up there). Text files may not name either tree at all. Compiled files (programs,
# module) may name source files for debug information or sanitizer messages in a debug or
# sanitizer build, so in them it is the places something could be looked up in: the
# package, scenarios and notebooks of the source tree, the build's package and programs.
: >"$work/named"
while IFS= read -r -d '' file; do
  if [ "$(head -c 4 "$file" | od -An -c | tr -d ' ')" = "177ELF" ]; then
    grep -qF -e "$source_dir/bindings" -e "$source_dir/scenarios" -e "$source_dir/notebooks" \
      -e "$build_dir/python" -e "$build_dir/ketensim" "$file" && echo "$file" >>"$work/named"
  else
    grep -qF -e "$build_dir" -e "$source_dir" "$file" && echo "$file" >>"$work/named"
  fi
done < <(find "$prefix" -type f -print0)
[ -s "$work/named" ]
check "no installed file names the build or source tree" 1 $?
cat "$work/named"

scenarios="$prefix/share/ketensim/scenarios/examples"
clean "$prefix/bin/ketensim" compare "$scenarios/small-chain.toml" "$scenarios/small-chain.toml" \
  -r 2 --years 1 -j 2 -q -o "$work/cwd/compare.h5" >"$work/out" 2>&1
check "installed compare" 0 $?
contains "installed compare" "$work/out" "plot: $work/cwd/compare-waiting.png"
[ -s "$work/cwd/compare-regions.png" ]; check "installed compare drew its plots" 0 $?

clean /usr/bin/python3 -c "import ketensim" >"$work/out" 2>&1
check "import ketensim" 0 $?
# The package comes from the prefix, finds the prefix's program, and runs a scenario with it.
clean /usr/bin/python3 - "$prefix" "$build_dir" "$source_dir" >"$work/out" 2>&1 <<'PY'
import os, sys
prefix, build, source = sys.argv[1:]
import ketensim
from ketensim import _runner
assert ketensim.__file__.startswith(prefix + "/"), ketensim.__file__
assert _runner._find_program() == os.path.join(prefix, "bin", "ketensim"), _runner._find_program()
assert not [p for p in sys.path if p.startswith((build, source))], sys.path
print("source tree visible:", os.path.isdir(os.path.join(source, "bindings")))
scenario = os.path.join(prefix, "share", "ketensim", "scenarios", "examples", "small-chain.toml")
with ketensim.run(scenario, replications=2, years=1, changes={"run.warmup_years": 0.5}, processes=1) as results:
    assert results.replications == 2 and len(results.kpis(region="national")) > 0
print("python ok")
PY
check "python from the prefix" 0 $?
contains "python from the prefix" "$work/out" "python ok"
if [ ${#hide[@]} -gt 0 ]; then contains "the source tree is hidden" "$work/out" "source tree visible: False"; fi

echo "$passes checks passed, $failures failed"
[ "$failures" -eq 0 ]
