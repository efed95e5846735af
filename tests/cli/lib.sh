# Shared by the CLI test scripts: a scratch directory and pass/fail counting.
# Source it after setting `set -u`; it defines $work, check, contains, and counts.
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failures=0
passes=0
check() {  # check NAME EXPECTED_RC ACTUAL_RC
  if [ "$2" -eq "$3" ]; then passes=$((passes + 1)); else echo "FAIL: $1: exit code $3, expected $2"; failures=$((failures + 1)); fi
}
contains() {  # contains NAME FILE TEXT
  if grep -qF -- "$3" "$2"; then passes=$((passes + 1)); else echo "FAIL: $1: output lacks '$3'"; cat "$2"; failures=$((failures + 1)); fi
}
