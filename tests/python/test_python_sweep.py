# SPDX-License-Identifier: MIT
"""ketensim.sweep and ketensim.Sweep against the summary file of docs/sweeps.md."""
import math
import re
import tomllib

import matplotlib
import numpy as np
import pytest

import ketensim
from ketensim import _core

matplotlib.use("Agg")


@pytest.fixture(scope="module")
def spec(repo):
    """The shipped example spec, read by Python's own TOML parser."""
    path = repo / "scenarios" / "sweeps" / "small-chain-staffing.toml"
    with open(path, "rb") as f:
        return path, tomllib.load(f)


@pytest.fixture(scope="module")
def sweep(tmp_path_factory, spec):
    directory = tmp_path_factory.mktemp("sweep") / "staffing"
    with ketensim.sweep(spec[0], directory, processes=2) as ran:
        assert ran.points > 1
    with ketensim.Sweep.open(directory) as opened:
        yield opened


def test_the_summary_has_a_row_per_point_and_replication(sweep, spec):
    written = spec[1]
    grid = [f["values"] for f in written["factors"].values() if "values" in f]
    points = math.prod(len(values) for values in grid) * written["latin_hypercube"]["points"]
    results = sweep.results()
    assert sweep.points == points and len(results) == points * written["replications"]
    assert list(results.columns[:6]) == ["point", "replication", "seed", "status", "error", "run_file"]
    assert sweep.factor_keys == list(written["factors"])
    assert set(results["status"]) == {"ok"} and sweep.failed().empty
    assert sorted(results["gi.fte"].unique()) == sorted(written["factors"]["gi.fte"]["values"])


def test_point_means_come_from_the_replications(sweep, spec):
    column = "kpi.gi.wait_days_mean"
    by_point = sweep.by_point(column)
    assert list(by_point.columns) == ["point", *sweep.factor_keys, "kpi", "unit", "mean", "half_width", "ci_low",
                                      "ci_high", "n"]
    results = sweep.results()
    for row in by_point.itertuples():
        values = results.loc[results["point"] == row.point, column].to_numpy()
        assert row.mean == pytest.approx(values.mean(), rel=1e-12)
        n = spec[1]["replications"]
        half = _core.student_t_quantile(0.975, n - 1) * values.std(ddof=1) / np.sqrt(n)
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
    assert len(x) == sweep.points and list(x) == sorted(x)


def test_a_run_file_is_not_a_sweep(small_run):
    with pytest.raises(ketensim.FormatError, match=f"^{re.escape(str(small_run))}: filetype is 'ketensim.run', "
                                                   f"expected 'ketensim.sweep'$"):
        ketensim.Sweep.open(small_run)
