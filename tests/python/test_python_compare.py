# SPDX-License-Identifier: MIT
"""ketensim.compare and ketensim.Comparison against the compare file; the standard plots."""
import re
import subprocess

import h5py
import matplotlib
import numpy as np
import pytest

import ketensim
from ketensim import _core, comparison_plots

matplotlib.use("Agg")


@pytest.fixture(scope="module")
def comparison(tmp_path_factory, small_chain_path):
    base = ketensim.Scenario.load(small_chain_path)
    fewer = base.copy()
    fewer.name = "fewer-guardians"
    fewer["gi.fte"] = 0.7 * base["gi.fte"]
    path = tmp_path_factory.mktemp("compare") / "compare.h5"
    with ketensim.compare(small_chain_path, fewer, replications=3, years=1.5, output=path) as opened:
        pass
    with ketensim.Comparison.open(path) as opened:
        yield opened


def test_configurations_come_in_command_line_order(comparison):
    assert comparison.names == ["small-chain", "fewer-guardians"]
    table = comparison.configurations()
    assert list(table.columns) == ["index", "name", "path", "placement"]
    assert list(table["placement"]) == ["baseline", "baseline"]
    assert comparison.replications == 3


def test_the_summary_holds_paired_differences_with_the_first(comparison):
    summary = comparison.summary(name="wait_days_mean", stage="gi", region="national")
    assert list(summary.columns) == ketensim._comparison.SUMMARY_COLUMNS
    values = comparison.kpi_values(name="wait_days_mean", stage="gi", region="national")
    base = values[values.configuration == "small-chain"]["value"].to_numpy()
    fewer = values[values.configuration == "fewer-guardians"]["value"].to_numpy()
    first, second = summary.iloc[0], summary.iloc[1]
    assert first["configuration"] == "small-chain" and np.isnan(first["difference"])
    assert second["mean"] == pytest.approx(fewer.mean(), rel=1e-12)
    differences = fewer - base
    assert second["difference"] == pytest.approx(differences.mean(), rel=1e-9)
    t = _core.student_t_quantile(0.975, 2)
    assert second["difference_half_width"] == pytest.approx(t * differences.std(ddof=1) / np.sqrt(3), rel=1e-9)
    assert second["difference_n"] == 3


def test_no_interval_of_a_non_negative_kpi_goes_below_zero_in_the_summary(comparison):
    summary = comparison.summary()
    defined = summary[summary["n"] >= 2]
    bounds = np.array([_core.kpi_bounds(n, u) for n, u in zip(defined["name"], defined["unit"])])
    bounded = defined[bounds != "none"]
    assert len(bounded) > 100
    assert (bounded["ci_low"] >= 0).all()
    shares = defined[bounds == "unit_interval"]
    assert (shares["ci_high"] <= 1).all()
    # Three replications: Student's interval would cross 0 somewhere.
    assert (bounded["mean"] - bounded["half_width"] < 0).any()


def test_the_settling_flags_are_a_table(comparison):
    settling = comparison.settling()
    assert list(settling.columns) == ["configuration", "stage", "settles", "slope_mean", "margin", "floor_per_year",
                                      "p_value"]
    assert set(settling["configuration"]) == {"small-chain", "fewer-guardians"}
    assert set(settling["stage"]) == {"vt_triage", "vt_investigation", "rvdk", "rvdk_other", "gi"}
    # The verdict is the one-sided test the columns describe.
    np.testing.assert_array_equal(settling["settles"],
                                  ~(settling["slope_mean"] - settling["margin"] > settling["floor_per_year"]))


def test_the_waiting_band_never_goes_below_zero():
    low, high = comparison_plots.non_negative_band(np.array([0.0, 2.0, 100.0]), np.array([0.0, 5.0, 1.0]))
    assert low[0] == 0 and high[0] == 0
    assert 0 < low[1] < 2 < high[1]
    assert low[1] * high[1] == pytest.approx(4.0)
    assert low[2] == pytest.approx(99.0, abs=0.01) and high[2] == pytest.approx(101.0, abs=0.01)


def test_fewer_guardians_leave_more_children_without_one(comparison):
    row = comparison.summary(name="children_without_guardian_mean", stage="chain", region="national",
                             configuration="fewer-guardians").iloc[0]
    assert row["difference"] > 0


def test_regional_spread_and_waiting_lists_are_tables(comparison):
    spread = comparison.regional_spread()
    assert list(spread.columns) == ["configuration", "stage", "metric", "units", "p10_p90_mean", "p10_p90_low",
                                    "p10_p90_high", "max_min_mean", "max_min_low", "max_min_high", "n"]
    assert set(spread["configuration"]) == {"small-chain", "fewer-guardians"}
    assert set(spread["metric"]) == {"wait_days_mean", "share_within_deadline"}
    # The small chain's two regions share one RvdK area: one unit, no spread to report.
    assert not ((spread["stage"] == "rvdk") & (spread["units"] > 1)).any()
    assert (spread.dropna(subset=["p10_p90_low"])["p10_p90_low"] >= 0).all()
    waiting = comparison.waiting(stage="gi")
    assert list(waiting.columns) == ["configuration", "replication", "time_days", "stage", "region", "value"]
    with h5py.File(comparison.path) as f:
        stages, regions = f["timeseries/series_stage"].asstr()[()], f["timeseries/series_region"].asstr()[()]
        s = int(np.flatnonzero((stages == "gi") & (regions == "national"))[0])
        stored = f["timeseries/waiting"][1, 2, s, :]
    rows = waiting[(waiting.configuration == "fewer-guardians") & (waiting.replication == 2)]
    np.testing.assert_array_equal(rows["value"], stored)


def test_a_run_file_is_not_a_comparison(small_run):
    with pytest.raises(ketensim.FormatError, match=f"^{re.escape(str(small_run))}: filetype is 'ketensim.run', "
                                                   f"expected 'ketensim.compare'$"):
        ketensim.Comparison.open(small_run)


def test_compare_needs_two_configurations(small_chain_path):
    with pytest.raises(ValueError, match=r"^compare\(\) needs at least two configurations$"):
        ketensim.compare(small_chain_path)


def test_the_plot_helpers_draw_the_standard_figures(comparison, small_run):
    figure = ketensim.plots.plot_waiting(comparison)
    drawn = [ax for ax in figure.axes if ax.get_visible()]
    assert len(drawn) == 4 and all(len(ax.lines) == 2 + 1 for ax in drawn)  # two configurations + warm-up line
    regions = ketensim.plots.plot_regional_spread(comparison)
    # A dot per region and configuration, with its interval: two regions, two configurations.
    assert [[len(c.lines[0].get_xdata()) for c in ax.containers] for ax in regions.axes] == [[2, 2], [2, 2]]
    differences = ketensim.plots.plot_differences(comparison, stage=["rvdk", "gi"])
    assert len(differences.get_yticklabels()) == 2
    with ketensim.Results.open(small_run) as results:
        ax = ketensim.plots.plot_timeseries(results, "waiting", stage=["gi", "rvdk"])
        assert len(ax.lines) == 3 and len(ax.collections) == 2  # two means with bands, the warm-up line
        mean = results.timeseries_summary(stage="gi", metric="waiting")["mean"].to_numpy()
        gi = [line for line in ax.lines if line.get_label() == "gi, national"]
        np.testing.assert_allclose(gi[0].get_ydata(), mean)


def test_the_plot_script_still_works_on_its_own(comparison, repo, tmp_path):
    script = repo / "bindings" / "python" / "ketensim" / "comparison_plots.py"
    done = subprocess.run(["/usr/bin/python3", str(script), comparison.path, str(tmp_path / "cmp")],
                          capture_output=True, text=True, env={"PATH": "/usr/bin:/bin"})
    assert done.returncode == 0, done.stderr
    for suffix in ["-waiting.png", "-regions.png", "-differences.png"]:
        assert (tmp_path / f"cmp{suffix}").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_the_plot_scripts_t_table_matches_the_simulators_quantiles():
    for n in list(range(2, 32)) + [41, 61, 121]:
        assert comparison_plots._t_quantile_975(n) == pytest.approx(_core.student_t_quantile(0.975, n - 1), abs=5e-4)
    assert comparison_plots._t_quantile_975(50) >= _core.student_t_quantile(0.975, 49)  # never narrower
