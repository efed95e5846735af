# SPDX-License-Identifier: MIT
"""The notebooks run top to bottom and show what their text says (docs/python.md).

Each notebook runs on a kernel of this interpreter (run_notebooks.py, as in CI); then, in
the same kernel and before the first cell that closes a file, the checks below run against
the notebook's own variables: the notebooks teach, these tests check. The executed notebook
is rendered to HTML in $KETENSIM_NOTEBOOK_HTML (ctest: BUILD/notebooks/) when set.
"""
import os
import pathlib
import sys

import pytest

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
import run_notebooks  # noqa: E402

NOTEBOOKS = pathlib.Path(__file__).resolve().parents[2] / "notebooks"

CHECKS = {
    "01-quickstart": """
assert scenario["gi.fte"] == gi.set_index("key").loc["gi.fte", "value"]
assert refused == "python: gi.caseload_norm_children = -3: must be >= 1 (children/FTE)"
assert scenario["gi.caseload_norm_children"] == 12
assert (kpis["n"] == 4).all()
assert ((kpis["ci_low"] <= kpis["mean"]) & (kpis["mean"] <= kpis["ci_high"])).all()
assert abs(per_replication["value"].mean() - mean_gi_wait) < 1e-9
summary = results.timeseries_summary(stage="gi", region="national", metric="waiting")
drawn = ketensim.plots.plot_timeseries(results, "waiting", stage=["rvdk", "gi"], region="national")
gi_line = [line for line in drawn.lines if line.get_label() == "gi, national"][0]
assert list(gi_line.get_ydata()) == list(summary["mean"])
assert sorted(waiting["replication"].unique()) == [0, 1, 2, 3]
assert {line.get_label() for line in ax.lines} >= {"vt, national", "rvdk, national", "gi, national"}
assert len(side_by_side) > 0
""",
    "02-regional-vs-national": """
assert list(table["placement"]) == ["baseline", "regional", "national"]
assert shown.query("configuration == 'baseline'")["difference"].isna().all()
assert (headline["n"] == 2).all()
assert abs(paired - stored) < 1e-9 * max(1.0, abs(stored))
assert sum(axis.get_visible() for axis in waiting_figure.axes) == 4
assert set(spread["configuration"]) == set(comparison.names)
assert len(spread_figure.axes[0].get_yticklabels()) == 42  # a dot plot: one row per region
""",
    "03-improvement-plan": """
assert baseline.seed == plan.seed and baseline.replications == plan.replications == 2
assert same[before].all()
assert not same[~before].all()
assert len(waiting_ax.lines) == 3
assert table["in_gelderland"].sum() == 7
assert len(ax.patches) == 42
assert (inside > 0).all() and inside.min() > outside.abs().max()
""",
    "04-sweep-analysis": """
assert list(factors["key"]) == ["gi.fte", "rvdk.fte", "inflow.vt_reports_per_year"]
assert sweep.points == 6 and sweep.points_failed == 0
assert len(results) == 6 * 2 and (results["status"] == "ok").all()
recomputed = results.groupby("point")["kpi.rvdk.wait_days_mean"].mean()
assert (abs(rvdk.set_index("point")["mean"] - recomputed) < 1e-9).all()
assert len(axes[0].lines[0].get_xdata()) == 6
assert by_staff.iloc[-1] < by_staff.iloc[0]  # the most RvdK staff, the shortest RvdK waits
with sweep.run_file(0) as point:
    assert point.seed == results.loc[results["point"] == 0, "seed"].iloc[0]
    assert point.scenario()["gi.fte"] == results.loc[results["point"] == 0, "gi.fte"].iloc[0]
""",
}


def test_every_notebook_has_checks_and_no_asserts():
    names = sorted(path.stem for path in NOTEBOOKS.glob("*.ipynb"))
    assert names == sorted(CHECKS)
    for name in names:
        notebook = run_notebooks.nbformat.read(NOTEBOOKS / f"{name}.ipynb", as_version=4)
        code = "\n".join(cell.source for cell in notebook.cells if cell.cell_type == "code")
        assert "assert " not in code, f"{name}: a test assert in the tutorial; checks belong in {__file__}"


@pytest.mark.parametrize("name", sorted(CHECKS))
def test_notebook(name):
    html = os.environ.get("KETENSIM_NOTEBOOK_HTML")
    run_notebooks.with_kernel(lambda: run_notebooks.run(NOTEBOOKS / f"{name}.ipynb", timeout=600, checks=CHECKS[name],
                                                         html=html))
