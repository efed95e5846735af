# SPDX-License-Identifier: MIT
"""`ketensim compare --sensitivity PLAN` end to end on the small chain: what it stores agrees
with the comparison it starts from and with itself, what it prints agrees with what it
stores, bad plans are refused before anything runs, and the tornado plot draws the stored
bars."""
import os
import pathlib
import re
import subprocess
import sys

import h5py
import matplotlib
import numpy as np
import pytest

from chain_configurations import write_configurations

matplotlib.use("Agg")
REPO = pathlib.Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO / "bindings" / "python" / "ketensim"))
import figure_labels  # noqa: E402
import sensitivity_plots  # noqa: E402

KETENSIM = os.environ.get("KETENSIM_BIN")
pytestmark = pytest.mark.skipif(not KETENSIM, reason="KETENSIM_BIN is not set (ctest sets it)")

# The team range starts at the configurations' own value (an end that must repeat the base
# run); travel hours act only on the national organisation.
PLAN = """format_version = 1
kind = "sensitivity"
first = "small-regional"
second = "small-national"
[[range]]
key = "team.reintake_saved_hours_per_child"
label = "Team model: intake hours saved per child"
low = 4
high = 8
source = "assumption (test)"
[[range]]
key = "national.travel_hours_per_child"
label = "National organisation: travel hours per child"
low = 0
high = 3
source = "assumption (test)"
[[tornado]]
kpi = "share_within_deadline"
stage = "rvdk"
[[tornado]]
kpi = "escalations_per_year"
stage = "chain"
"""


def compare(folder, plan, *extra):
    _, regional, national = write_configurations(folder)
    return subprocess.run([KETENSIM, "compare", str(regional), str(national), "-r", "3", "--years", "1.5", "-j", "2",
                           "--sensitivity", str(plan), "-o", str(folder / "cmp.h5"), *extra],
                          capture_output=True, text=True, timeout=300)


@pytest.fixture(scope="module")
def run(tmp_path_factory):
    folder = tmp_path_factory.mktemp("sensitivity")
    plan = folder / "plan.toml"
    plan.write_text(PLAN)
    done = compare(folder, plan, "-q")
    assert done.returncode == 0, done.stdout + done.stderr
    return folder, done.stdout


def table(f, name):
    rows = f[name][()]
    return {column: (np.array([v.decode() if isinstance(v, bytes) else v for v in rows[column]])
                     if rows.dtype[column].kind == "O" else rows[column]) for column in rows.dtype.names}


def test_the_command_names_its_outputs(run):
    folder, out = run
    assert f"sensitivity: {folder / 'cmp-sensitivity.h5'}" in out
    assert f"plot: {folder / 'cmp-tornado.png'}" in out
    png = (folder / "cmp-tornado.png").read_bytes()
    assert png[:8] == b"\x89PNG\r\n\x1a\n" and b"ketensim compare" in png


def test_the_base_rows_are_the_comparisons_values(run):
    folder, _ = run
    with h5py.File(folder / "cmp.h5") as c, h5py.File(folder / "cmp-sensitivity.h5") as s:
        assert s.attrs["filetype"] == "ketensim.sensitivity"
        for attr in ["seed", "replications", "years", "warmup_years"]:
            assert s.attrs[attr] == c.attrs[attr]
        ckpis, summary = table(c, "kpis"), table(c, "summary")
        kpis, results = table(s, "kpis"), table(s, "results")
        checked = 0
        for k, (name, stage) in enumerate(zip(kpis["name"], kpis["stage"])):
            found = np.flatnonzero((ckpis["name"] == name) & (ckpis["stage"] == stage) & (ckpis["region"] == "national"))
            base = np.flatnonzero((results["kpi"] == k) & (results["end"] == "base"))
            assert len(base) == 1
            if len(found) == 0:
                continue
            first = np.flatnonzero((summary["kpi"] == found[0]) & (summary["configuration"] == 0))[0]
            second = np.flatnonzero((summary["kpi"] == found[0]) & (summary["configuration"] == 1))[0]
            np.testing.assert_array_equal(results["first_mean"][base], summary["mean"][first])
            np.testing.assert_array_equal(results["second_mean"][base], summary["mean"][second])
            np.testing.assert_array_equal(results["difference_mean"][base], summary["difference_mean"][second])
            checked += 1
        assert checked >= 10


def test_each_order_is_computed_from_the_difference_it_stores(run):
    folder, _ = run
    with h5py.File(folder / "cmp-sensitivity.h5") as s:
        r = table(s, "results")
    excludes = (r["difference_n"] >= 2) & ((r["difference_low"] > 0) | (r["difference_high"] < 0))
    expected = np.where(excludes, np.sign(r["difference_mean"]), 0).astype(int)
    np.testing.assert_array_equal(r["order"], expected)
    base_order = {k: o for k, o, end in zip(r["kpi"], r["order"], r["end"]) if end == "base"}
    np.testing.assert_array_equal(r["holds"], [int(o == base_order[k]) for k, o in zip(r["kpi"], r["order"])])
    # The difference is second - first, its interval around its mean.
    ends = r["end"] != "base"
    assert np.all(r["difference_low"][ends & np.isfinite(r["difference_low"])]
                  <= r["difference_mean"][ends & np.isfinite(r["difference_low"])])


def test_an_end_at_the_base_value_and_a_key_that_does_not_apply_repeat_the_base_run(run):
    folder, _ = run
    with h5py.File(folder / "cmp-sensitivity.h5") as s:
        ranges, r = table(s, "ranges"), table(s, "results")
    team, travel = list(ranges["key"]).index("team.reintake_saved_hours_per_child"), \
        list(ranges["key"]).index("national.travel_hours_per_child")
    # The scenarios' values as read from them, within each range.
    assert ranges["first_base"][team] == ranges["low"][team] == ranges["second_base"][team]
    assert ranges["low"][travel] <= ranges["second_base"][travel] <= ranges["high"][travel]
    base = r["end"] == "base"
    for k in np.unique(r["kpi"]):
        b = np.flatnonzero(base & (r["kpi"] == k))[0]
        low = np.flatnonzero((r["kpi"] == k) & (r["range"] == team) & (r["end"] == "low"))[0]
        for column in ["first_mean", "second_mean", "difference_mean", "difference_low", "difference_high"]:
            np.testing.assert_array_equal(r[column][low], r[column][b])
        # Travel hours of a national organisation change nothing in the regional placement.
        for end in ["low", "high"]:
            i = np.flatnonzero((r["kpi"] == k) & (r["range"] == travel) & (r["end"] == end))[0]
            np.testing.assert_array_equal(r["first_mean"][i], r["first_mean"][b])
    # ... and something in the national one.
    high = (r["range"] == travel) & (r["end"] == "high")
    moved = [r["second_mean"][i] != r["second_mean"][np.flatnonzero(base & (r["kpi"] == r["kpi"][i]))[0]]
             for i in np.flatnonzero(high) if np.isfinite(r["second_mean"][i])]
    assert any(moved)


def test_the_printed_summary_counts_what_the_file_holds(run):
    folder, out = run
    with h5py.File(folder / "cmp-sensitivity.h5") as s:
        r = table(s, "results")
        kpis = len(s["kpis"])
    steady = sum(1 for k in range(kpis) if np.all(r["holds"][r["kpi"] == k]))
    assert f"The base order holds at both ends of every range for {steady} of {kpis} headline KPIs." in out


def test_the_tornado_draws_the_stored_bars(run):
    folder, _ = run
    with h5py.File(folder / "cmp-sensitivity.h5") as s:
        fig = sensitivity_plots.draw_tornado(s)
        kpis, ranges, r = table(s, "kpis"), table(s, "ranges"), table(s, "results")
    marked = np.flatnonzero(kpis["tornado"])
    assert [(kpis["name"][k], kpis["stage"][k]) for k in marked] == [("share_within_deadline", "rvdk"),
                                                                     ("escalations_per_year", "chain")]
    assert len(fig.axes) == len(marked)
    for ax, k in zip(fig.axes, marked):
        scale, _ = figure_labels.value_scale(kpis["unit"][k], difference=True)
        base = r["difference_mean"][(r["kpi"] == k) & (r["end"] == "base")][0]
        bars = ax.patches
        assert len(bars) == 2 * len(ranges["key"])
        expected = sorted(((r["difference_mean"][i] - base) * scale, bool(r["holds"][i]))
                          for i in np.flatnonzero((r["kpi"] == k) & (r["end"] != "base")))
        drawn = sorted((bar.get_width(), bar.get_hatch() is None) for bar in bars)
        np.testing.assert_allclose([w for w, _ in drawn], [w for w, _ in expected], atol=1e-12)
        assert [h for _, h in drawn] == [h for _, h in expected]
        for bar in bars:
            assert bar.get_x() == pytest.approx(base * scale)
    # The panels share one order of the keys, labelled on the left.
    labels = [t.get_text() for t in fig.axes[0].get_yticklabels()]
    assert len(labels) == len(ranges["key"])
    assert sorted(label.split("\n(")[0].replace("\n", " ") for label in labels) == sorted(ranges["label"])
    import matplotlib.pyplot as plt
    plt.close(fig)


@pytest.mark.parametrize("change, message", [
    (("low = 4\nhigh = 8", "low = 5\nhigh = 8"),
     r"plan\.toml: range team\.reintake_saved_hours_per_child = 5 \.\. 8: does not hold .*small-regional\.toml's value 4"),
    (('first = "small-regional"', 'first = "small-regionale"'),
     r'plan\.toml: first = "small-regionale": no such configuration on the command line; the configurations are '
     r"small-regional, small-national"),
    (("low = 0\nhigh = 3", "low = 0\nhigh = -3"),
     r"plan\.toml:\d+: range\[1\]\.high = -3: must be >= 0 \(hours/child\)"),
    (('stage = "chain"', 'stage = "nowhere"'), r'tornado kpi = "escalations_per_year", stage = "nowhere": not a headline KPI'),
])
def test_a_bad_plan_is_refused_before_anything_runs(tmp_path, change, message):
    plan = tmp_path / "plan.toml"
    plan.write_text(PLAN.replace(*change))
    done = compare(tmp_path, plan)
    assert done.returncode == 2, done.stdout + done.stderr
    assert re.search(message, done.stderr), done.stderr
    assert not (tmp_path / "cmp.h5").exists()
