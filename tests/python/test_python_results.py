# SPDX-License-Identifier: MIT
"""ketensim.Results against the documented run-file layout (docs/output-format.md)."""
import re

import h5py
import numpy as np
import pytest

import ketensim
from ketensim import _core
from ketensim._hdf5 import seal

DOC = __import__("pathlib").Path(__file__).resolve().parents[2] / "docs" / "output-format.md"


def strings(values):
    return np.array([v.decode() if isinstance(v, bytes) else v for v in values], dtype=object)


@pytest.fixture
def results(small_run):
    with ketensim.Results.open(small_run) as opened:
        yield opened


def test_opening_reads_the_root_attributes(results, small_run):
    with h5py.File(small_run) as f:
        assert results.attrs["filetype"] == "ketensim.run"
        assert results.format_version == f.attrs["format_version"]
        assert results.replications == f.attrs["replications"] == 3
        assert results.seed == f.attrs["seed"] and results.years == 1.5
        assert results.warmup_years == f.attrs["warmup_years"]
        assert results.scenario_name == "small-chain"
        assert results.regions == ["noord", "zuid"]
        assert results.scenario_text == f["scenario"].asstr()[()]


def test_kpis_follow_the_documented_formulas(results, small_run):
    kpis = results.kpis()
    assert list(kpis.columns) == ["name", "stage", "region", "unit", "mean", "half_width", "ci_low", "ci_high", "n"]
    with h5py.File(small_run) as f:
        raw = f["kpis"][()]
    assert len(kpis) == len(raw)
    n = raw["count"].astype(float)
    assert list(kpis["name"]) == list(strings(raw["name"]))
    defined = n >= 2
    mean = raw["sum"][defined] / n[defined]
    sd = np.sqrt(np.maximum((raw["sum_sq"][defined] - raw["sum"][defined] ** 2 / n[defined]) / (n[defined] - 1), 0))
    t = np.array([_core.student_t_quantile(0.975, c - 1) for c in n[defined]])
    np.testing.assert_allclose(kpis["mean"][defined], mean, rtol=1e-12)
    np.testing.assert_allclose(kpis["half_width"][defined], t * sd / np.sqrt(n[defined]), rtol=1e-9, atol=1e-12)
    np.testing.assert_array_equal(kpis["n"], raw["count"])
    # With 2 degrees of freedom the t quantile has a closed form: (2p - 1) sqrt(2 / (4 p (1 - p))).
    assert _core.student_t_quantile(0.975, 2) == pytest.approx(0.95 * np.sqrt(2 / (4 * 0.975 * 0.025)), rel=1e-13)


def test_kpi_intervals_equal_the_simulators_own(results, small_run):
    kpis = results.kpis(level=0.9)
    with h5py.File(small_run) as f:
        raw = f["kpis"][()]
    for row, (s, q, c) in zip(kpis.itertuples(), zip(raw["sum"], raw["sum_sq"], raw["count"])):
        bounds = _core.kpi_bounds(row.name, row.unit)
        mean, half, low, high, n = _core.bounded_confidence_interval(s, q, int(c), 0.9, bounds)
        assert n == row.n
        np.testing.assert_allclose([row.mean, row.half_width, row.ci_low, row.ci_high], [mean, half, low, high],
                                   rtol=1e-9, atol=1e-9)
        assert (mean, half) == pytest.approx(_core.confidence_interval(s, q, int(c), 0.9)[:2], nan_ok=True)


def test_no_interval_of_a_non_negative_kpi_goes_below_zero(results):
    kpis = results.kpis()
    defined = kpis[kpis["n"] >= 2]
    for row in defined.itertuples():
        if _core.kpi_bounds(row.name, row.unit) == "none":
            continue
        assert row.ci_low >= 0, row
        if _core.kpi_bounds(row.name, row.unit) == "unit_interval":
            assert row.ci_high <= 1, row
    # The run is small enough that Student's interval crosses 0 somewhere: the bound matters.
    assert (defined["mean"] - defined["half_width"] < 0).any()


def test_kpi_means_are_the_means_of_the_replications(results):
    by_replication = results.kpis_by_replication(stage="gi", region="national")
    assert list(by_replication.columns) == ["name", "stage", "region", "unit", "replication", "value"]
    assert sorted(by_replication["replication"].unique()) == [0, 1, 2]
    first = results.kpis(name="wait_days_mean", stage="gi", region="national").iloc[0]
    values = by_replication.query("name == 'wait_days_mean'")["value"]
    assert first["mean"] == pytest.approx(values.mean(), rel=1e-12)
    assert first["n"] == 3


def test_kpi_selection_names_the_valid_choices(results):
    with pytest.raises(ValueError, match=r"^stage 'gii' is not in this file; valid stages are vt_triage, "):
        results.kpis(stage="gii")
    one = results.kpis(name=["wait_days_mean", "wait_days_p90"], stage="rvdk", region="noord")
    assert list(one["name"]) == ["wait_days_mean", "wait_days_p90"]


def test_timeseries_are_the_stored_values_in_a_long_table(results, small_run):
    long = results.timeseries(stage=["gi", "rvdk"], region="national", metric=["waiting", "staff_fte"])
    assert list(long.columns) == ["replication", "time_days", "stage", "region", "metric", "value"]
    with h5py.File(small_run) as f:
        ts = f["timeseries"]
        stages, regions = ts["series_stage"].asstr()[()], ts["series_region"].asstr()[()]
        days = ts["time_days"][()]
        for metric in ["waiting", "staff_fte"]:
            for stage in ["gi", "rvdk"]:
                s = int(np.flatnonzero((stages == stage) & (regions == "national"))[0])
                for r in range(3):
                    rows = long[(long.metric == metric) & (long.stage == stage) & (long.replication == r)]
                    np.testing.assert_array_equal(rows["time_days"], days)
                    np.testing.assert_array_equal(rows["value"], ts[metric][r, s, :])
    assert len(long) == 2 * 2 * 3 * len(days)


def test_all_series_come_back_when_nothing_is_selected(results, small_run):
    everything = results.timeseries(metric="waiting")
    with h5py.File(small_run) as f:
        assert len(everything) == f["timeseries/waiting"].size
        assert everything["value"].sum() == pytest.approx(f["timeseries/waiting"][()].sum())


def test_to_xarray_round_trips_the_time_series(results):
    data = results.to_xarray()
    metrics = results.metrics()
    assert sorted(data.data_vars) == sorted(metrics["metric"])
    assert list(data.coords["replication"].values) == [0, 1, 2]
    assert set(data.coords["stage"].values) == set(results.stages)
    assert data.coords["time"].attrs["units"] == "days"
    assert data.attrs["seed"] == results.seed
    for metric, unit in zip(metrics["metric"], metrics["unit"]):
        cube = data[metric]
        assert cube.dims == ("replication", "stage", "region", "time")
        assert cube.attrs["units"] == unit
        tidy = results.timeseries(metric=metric)
        # Every tidy row is the cell of its replication, stage, region and time...
        at = [data.indexes[dim].get_indexer(tidy[column]) for dim, column in
              [("replication", "replication"), ("stage", "stage"), ("region", "region"), ("time", "time_days")]]
        assert all((index >= 0).all() for index in at)
        np.testing.assert_array_equal(cube.values[tuple(at)], tidy["value"].to_numpy())
        # ...and the cube holds nothing else: every other cell is empty.
        rest = np.ones(cube.shape, dtype=bool)
        rest[tuple(at)] = False
        assert np.isnan(cube.values[rest]).all()
        # Back to a long table, the cells of the file's series are the tidy table.
        back = cube.to_dataframe(name="value").reset_index()
        back = back.merge(tidy[["replication", "stage", "region", "time_days"]].rename(columns={"time_days": "time"}))
        assert len(back) == len(tidy)


def test_timeseries_summary_gives_the_band_over_replications(results):
    summary = results.timeseries_summary(stage="gi", region="national", metric="waiting")
    long = results.timeseries(stage="gi", region="national", metric="waiting")
    by_time = long.groupby("time_days")["value"]
    np.testing.assert_allclose(summary["mean"], by_time.mean().to_numpy())
    half = _core.student_t_quantile(0.975, 2) * by_time.std(ddof=1).to_numpy() / np.sqrt(3)
    np.testing.assert_allclose(summary["half_width"], half, rtol=1e-9, atol=1e-9)
    assert (summary["n"] == 3).all()


def test_events_have_their_codes_turned_into_names(results, small_run):
    events = results.events()
    assert list(events.columns) == ["replication", "time_days", "family", "region", "stage", "event", "children",
                                    "detail"]
    with h5py.File(small_run) as f:
        log = f["events/log"][()]
        assert len(events) == len(log)
        names = {kind: f[f"{kind}/names"].asstr()[()] for kind in ["regions", "stages", "events"]}
    np.testing.assert_array_equal(events["event"], names["events"][log["event"]])
    np.testing.assert_array_equal(events["stage"], names["stages"][log["stage"]])
    np.testing.assert_array_equal(events["region"], names["regions"][log["region"]])
    np.testing.assert_array_equal(events["family"], log["family"])
    assert set(events["event"]) <= set(names["events"]) and "arrive" in set(events["event"])
    assert set(results.events(replication=1)["replication"]) == {1}


def test_a_run_without_an_event_log_says_so(small_chain_path):
    with ketensim.run(small_chain_path, replications=1, years=1) as results:
        assert not results.has_events()
        with pytest.raises(ketensim.MissingDataError, match=r"this file has no event log; run with events=True"):
            results.events()


def test_calibration_puts_published_and_simulated_side_by_side(results, small_run):
    table = results.calibration()
    with h5py.File(small_run) as f:
        raw = f["calibration"][()]
    assert list(table["target"]) == list(strings(raw["target"]))
    np.testing.assert_allclose(table["mean"], raw["simulated_sum"] / raw["count"])
    np.testing.assert_allclose(table["ratio"], table["mean"] / table["published"])


def test_staff_series_are_the_stored_values_in_a_long_table(results, small_run):
    staff = results.staff(organisation="gi", metric=["headcount", "pressure_mean"])
    assert list(staff.columns) == ["replication", "time_days", "organisation", "area", "scope", "metric", "value"]
    with h5py.File(small_run) as f:
        group = f["staff"]
        organisations = group["series_organisation"].asstr()[()]
        areas = group["series_area"].asstr()[()]
        days = f["timeseries/time_days"][()]
        gi = np.flatnonzero(organisations == "gi")
        assert len(staff) == 2 * len(gi) * 3 * len(days)
        # Pools first, then one series per organisation: the last gi series is the GI total.
        scopes = ["pool"] * (len(gi) - 1) + ["organisation"]
        for metric in ["headcount", "pressure_mean"]:
            for w, scope in zip(gi, scopes):
                for r in range(3):
                    rows = staff[(staff.metric == metric) & (staff.area == areas[w]) & (staff.scope == scope)
                                 & (staff.replication == r)]
                    np.testing.assert_array_equal(rows["time_days"], days)
                    np.testing.assert_array_equal(rows["value"], group[metric][r, w, :])
        units = dict(zip(results.staff_metrics()["metric"], results.staff_metrics()["unit"]))
        assert units["headcount"] == group["headcount"].attrs["unit"]
        assert list(results.staff_metrics()["metric"]) == list(group["metric_names"].asstr()[()])
    totals = results.staff(scope="organisation", metric="headcount")
    assert set(totals["area"]) == {"national"} and set(totals["organisation"]) >= {"vt", "rvdk", "gi"}
    pools = results.staff(organisation="gi", scope="pool", metric="headcount")
    total = totals[totals.organisation == "gi"].groupby(["replication", "time_days"])["value"].sum()
    np.testing.assert_allclose(pools.groupby(["replication", "time_days"])["value"].sum(), total)
    with pytest.raises(ValueError, match=r"^staff metric 'fte' is not in this file; valid staff metrics are headcount, "):
        results.staff(metric="fte")


def test_files_without_staff_series_say_so(tmp_path, small_run):
    old = tmp_path / "no-staff.h5"
    old.write_bytes(small_run.read_bytes())
    with h5py.File(old, "a") as f:
        del f["staff"]
    seal(old)
    with ketensim.Results.open(old) as results:
        with pytest.raises(ketensim.MissingDataError, match=f"^{re.escape(str(old))}: this file has no staff series "
                                                            r"\(format 2\.1\); the FTE of each pool over time is the "
                                                            r"'staff_fte' metric of timeseries\(\)$"):
            results.staff()
        assert results.kpis(stage="gi", region="national")["n"].iloc[0] == 3  # the rest reads as before


def write_fake(path, **attrs):
    with h5py.File(path, "w", userblock_size=512) as f:
        for key, value in attrs.items():
            f.attrs[key] = value
    seal(path)
    return path


def test_another_filetype_is_refused_with_what_was_found_and_expected(tmp_path):
    path = write_fake(tmp_path / "cmp.h5", filetype="ketensim.compare", format_version="2.0")
    with pytest.raises(ketensim.FormatError, match=f"^{re.escape(str(path))}: filetype is 'ketensim.compare', "
                                                   f"expected 'ketensim.run'$"):
        ketensim.Results.open(path)


def test_another_major_version_is_refused_and_a_newer_minor_one_is_read(tmp_path, small_run):
    path = write_fake(tmp_path / "v3.h5", filetype="ketensim.run", format_version="3.0")
    with pytest.raises(ketensim.FormatError, match=f"^{re.escape(str(path))}: format_version is 3.0, this reader "
                                                   f"understands 2.x$"):
        ketensim.Results.open(path)
    newer = tmp_path / "v2-9.h5"
    newer.write_bytes(small_run.read_bytes())
    with h5py.File(newer, "a") as f:
        f.attrs["format_version"] = "2.9"
        f.create_dataset("something_new", data=[1.0])  # a later minor version adds things
    seal(newer)
    with ketensim.Results.open(newer) as results:
        assert results.kpis(stage="gi", region="national")["n"].iloc[0] == 3


def test_files_that_are_not_results_are_named(tmp_path):
    text = tmp_path / "notes.h5"
    text.write_text("not hdf5")
    with pytest.raises(ketensim.FormatError, match=f"^{re.escape(str(text))}: not a ketensim result file \\(not HDF5\\)$"):
        ketensim.Results.open(text)
    plain = tmp_path / "plain.h5"
    h5py.File(plain, "w").close()
    with pytest.raises(ketensim.FormatError, match=f"^{re.escape(str(plain))}: has no ketensim checksum: "):
        ketensim.Results.open(plain)
    bare = write_fake(tmp_path / "bare.h5")
    with pytest.raises(ketensim.FormatError, match=r": not a ketensim result file \(no 'filetype' attribute\)"):
        ketensim.Results.open(bare)
    with pytest.raises(FileNotFoundError):
        ketensim.Results.open(tmp_path / "missing.h5")


# Each dataset of docs/output-format.md and the Results method that reads it. A dataset added
# to the documented layout fails this test until the reader knows it.
READ_BY = {
    "/scenario": "scenario_text", "/regions/names": "regions", "/stages/names": "stages",
    "/events/names": "events", "/events/log": "events", "/timeseries/time_days": "timeseries",
    "/timeseries/series_stage": "timeseries", "/timeseries/series_region": "timeseries",
    "/timeseries/metric_names": "metrics", "/timeseries/<metric>": "timeseries",
    "/replications": "replication_table", "/kpis": "kpis", "/kpis_by_replication": "kpis_by_replication",
    "/calibration": "calibration", "/calibration_by_replication": "calibration", "/analytic": "analytic",
    "/staff/series_organisation": "staff", "/staff/series_area": "staff", "/staff/metric_names": "staff_metrics",
    "/staff/<metric>": "staff",
    "/yearly": "yearly",
}


def documented_datasets():
    lines = DOC.read_text(encoding="utf-8").splitlines()
    start = lines.index("## Datasets")
    paths = []
    for line in lines[start + 1:]:
        if line.startswith("#"):
            break
        match = re.match(r"^\| `(/[^`]+)` \|", line)
        if match:
            paths.append(match.group(1))
    return paths


def test_every_documented_dataset_has_a_reader():
    documented = documented_datasets()
    assert "/kpis" in documented and "/timeseries/<metric>" in documented
    unread = [path for path in documented if path not in READ_BY]
    assert not unread, f"docs/output-format.md lists {unread}, which ketensim.Results does not read yet"
    for method in READ_BY.values():
        assert hasattr(ketensim.Results, method)


def test_the_staff_plot_draws_each_organisations_mean(results):
    import matplotlib
    matplotlib.use("Agg")
    ax = ketensim.plots.plot_staff(results, "headcount")
    lines = {line.get_label(): line for line in ax.lines if not line.get_label().startswith("_")}
    organisations = list(dict.fromkeys(results.staff(scope="organisation", metric="headcount")["organisation"]))
    assert sorted(lines) == sorted(f"{o}, national" for o in organisations)
    gi = results.staff(organisation="gi", scope="organisation", metric="headcount")
    np.testing.assert_allclose(lines["gi, national"].get_ydata(), gi.groupby("time_days")["value"].mean())


def test_yearly_round_trips_the_file_and_agrees_with_the_time_series(results, small_run):
    """Results.yearly() is /yearly as written; its stocks are the time series on the dates
    and VT triage's balance closes (docs/output-format.md, Columns of /yearly)."""
    assert results.start_date.isoformat() == "2019-01-01"
    rows = results.yearly(by_replication=True)
    with h5py.File(small_run) as f:
        raw = f["yearly"][()]
    assert len(rows) == len(raw) > 0
    assert list(rows.columns) == ["year", "stage", "region", "replication", "stock_1_january", "stock_30_june",
                                  "stock_31_december", "inflow", "outflow"]
    np.testing.assert_array_equal(rows["year"], raw["year"])
    assert list(rows["stage"]) == list(strings(raw["stage"]))
    for column in ["stock_1_january", "stock_30_june", "stock_31_december", "inflow", "outflow"]:
        np.testing.assert_array_equal(rows[column].to_numpy(), raw[column])

    # 1.5 years of 365 days from 2019-01-01: 2019 whole, 2020 up to its 30 June.
    assert sorted(rows["year"].unique()) == [2019, 2020]
    ts = results.timeseries(stage="gi", region="national", metric=["waiting", "in_service"])
    for (replication, day), stock in ts.groupby(["replication", "time_days"])["value"].sum().items():
        if day in (0.0, 364.0):  # weekly samples: day 364 is the last one before 1 January 2020
            year = 2019 if day == 0.0 else 2020
            row = rows[(rows.year == year) & (rows.stage == "gi") & (rows.region == "national")
                       & (rows.replication == replication)]
            assert row["stock_1_january"].item() == stock
    triage = rows[(rows.year == 2019) & (rows.stage == "vt_triage")]
    np.testing.assert_allclose(triage["stock_31_december"] - triage["stock_1_january"],
                               triage["inflow"] - triage["outflow"], atol=1e-6)
    mean = results.yearly(stage="vt_triage", region="national")
    assert list(mean.columns) == ["year", "stage", "region", "stock_1_january", "stock_30_june",
                                  "stock_31_december", "inflow", "outflow"]
    expected = triage[triage.region == "national"]["inflow"].mean()
    assert mean[mean.year == 2019]["inflow"].item() == pytest.approx(expected, rel=1e-12)
