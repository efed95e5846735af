# SPDX-License-Identifier: MIT
"""ketensim.sweep and ketensim.Sweep against the summary file of docs/sweeps.md."""
import re

import h5py
import matplotlib
import numpy as np
import pytest

import ketensim
from ketensim import _core

matplotlib.use("Agg")


@pytest.fixture(scope="module")
def sweep(tmp_path_factory, repo):
    directory = tmp_path_factory.mktemp("sweep") / "staffing"
    spec = repo / "scenarios" / "sweeps" / "small-chain-staffing.toml"
    with ketensim.sweep(spec, directory, processes=2) as ran:
        assert ran.points == 6
    with ketensim.Sweep.open(directory) as opened:
        yield opened


def test_the_summary_has_a_row_per_point_and_replication(sweep):
    results = sweep.results()
    assert len(results) == 6 * 2
    assert list(results.columns[:6]) == ["point", "replication", "seed", "status", "error", "run_file"]
    assert sweep.factor_keys == ["gi.fte", "rvdk.fte", "inflow.vt_reports_per_year"]
    assert set(results["status"]) == {"ok"} and sweep.failed().empty
    assert sorted(results["gi.fte"].unique()) == [30.0, 44.0]


def test_point_means_come_from_the_replications(sweep):
    column = "kpi.gi.wait_days_mean"
    by_point = sweep.by_point(column)
    assert list(by_point.columns) == ["point", *sweep.factor_keys, "kpi", "unit", "mean", "half_width", "ci_low",
                                      "ci_high", "n"]
    results = sweep.results()
    for row in by_point.itertuples():
        values = results.loc[results["point"] == row.point, column].to_numpy()
        assert row.mean == pytest.approx(values.mean(), rel=1e-12)
        half = _core.student_t_quantile(0.975, 1) * values.std(ddof=1) / np.sqrt(2)
        assert row.half_width == pytest.approx(half, rel=1e-9, abs=1e-12)
    with pytest.raises(ValueError, match=r"^KPI column 'kpi\.gi\.nothing' is not in this sweep; valid columns are "):
        sweep.by_point("kpi.gi.nothing")


def test_a_points_run_file_opens_as_results(sweep):
    results = sweep.results()
    with sweep.run_file(3) as run:
        assert run.seed == results.loc[results["point"] == 3, "seed"].iloc[0]
        kpi = run.kpis_by_replication(name="wait_days_mean", stage="gi", region="national")
        np.testing.assert_array_equal(kpi["value"], results.loc[results["point"] == 3, "kpi.gi.wait_days_mean"])
        assert run.scenario()["gi.fte"] == results.loc[results["point"] == 3, "gi.fte"].iloc[0]


def test_the_sensitivity_plot_shows_every_point(sweep):
    ax = ketensim.plots.plot_sensitivity(sweep, "rvdk.fte", "kpi.rvdk.wait_days_mean")
    x = ax.lines[0].get_xdata()
    assert len(x) == 6 and list(x) == sorted(x)


def test_a_run_file_is_not_a_sweep(small_run):
    with pytest.raises(ketensim.FormatError, match=f"^{re.escape(str(small_run))}: filetype is 'ketensim.run', "
                                                   f"expected 'ketensim.sweep'$"):
        ketensim.Sweep.open(small_run)
