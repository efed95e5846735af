#!/usr/bin/env bash
# The figures of docs/forecasting.md: runs scenarios/replay-2019-2022.toml and the default
# over the same six years (2019-2024, same seeds) and prints their yearly tables side by
# side. The default is being recalibrated (issue 11): rerun this after every change to it
# and paste the output into docs/forecasting.md.
#   scripts/forecast-example.sh [REPLICATIONS]   (default 2)
set -euo pipefail
cd "$(dirname "$0")/.."
replications=${1:-2}
mkdir -p results
replay=results/replay-2019-2022.h5
default=results/replay-baseline-2019-2024.h5
echo "build/ketensim run scenarios/replay-2019-2022.toml -r $replications -q -o $replay"
build/ketensim run scenarios/replay-2019-2022.toml -r "$replications" -q -o "$replay" >/dev/null
years=$(sed -n 's/^years = \([0-9.]*\).*/\1/p' scenarios/replay-2019-2022.toml)
echo "build/ketensim run scenarios/netherlands-2020.toml --years $years -r $replications -q -o $default"
build/ketensim run scenarios/netherlands-2020.toml --years "$years" -r "$replications" -q -o "$default" >/dev/null
PYTHONPATH=build/python /usr/bin/python3 - "$default" "$replay" <<'PY'
import datetime
import sys

import pandas as pd

import ketensim

columns = {("vt_triage", "inflow"): "VT reports in (children)", ("rvdk", "inflow"): "RvdK in",
           ("gi", "stock_31_december"): "GI stock 31 Dec", ("gi", "inflow"): "GI in",
           ("care_foster_care", "stock_31_december"): "foster care 31 Dec"}
tables = {}
for label, path in zip(["default", "replay"], sys.argv[1:]):
    with ketensim.Results.open(path) as results:
        print(f"{label}: {path}, start {results.start_date}, {results.replications} replications "
              f"of {results.years:g} years")
        yearly = results.yearly(stage=sorted({stage for stage, _ in columns}), region="national")
        for (stage, field), name in columns.items():
            rows = yearly[yearly.stage == stage].set_index("year")[field]
            tables[(name, label)] = rows
        # Children waiting for a guardian at the end of each year: the time series at the
        # sample the yearly table uses for 31 December (the last one before 1 January).
        waiting = results.timeseries_summary(stage="gi", region="national", metric="waiting")
        at_end = {}
        for year in rows.index:
            day = (datetime.date(year + 1, 1, 1) - results.start_date).days
            before = waiting[waiting.time_days <= day]
            at_end[year] = before["mean"].iloc[-1]
        tables[("GI waiting 31 Dec", label)] = pd.Series(at_end)
frame = pd.DataFrame(tables)
names = list(dict.fromkeys(name for name, _ in frame.columns))
frame = frame[sorted(frame.columns, key=lambda column: (names.index(column[0]), column[1]))]
frame = frame.loc[frame.notna().any(axis=1)]
pd.set_option("display.width", 250)
print("\nNational yearly table (mean over replications; NaN: the year is not complete in the run)")
print(frame.to_string(float_format=lambda v: f"{v:,.0f}"))
PY
