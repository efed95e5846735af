# SPDX-License-Identifier: MIT
"""A written run-result file has exactly the layout docs/output-format.md describes.

The file comes from `ketensim_write_example_result` (built from tests/), which writes the
synthetic result of tests/support/example_run_result.h. ctest passes its path in
KETENSIM_WRITE_EXAMPLE_RESULT; run by hand, the test looks in build*/tests/ of the
repository:

    /usr/bin/python3 -m pytest tests/python/test_output_format.py
"""
import contextlib
import io
import math
import os
import re
import subprocess
from pathlib import Path

import h5py
import numpy as np
import pytest

REPO = Path(__file__).resolve().parents[2]
DOC = REPO / "docs" / "output-format.md"
CREATED = "2024-01-01T00:00:00Z"

# Lengths of the shape letters for the synthetic result (see example_run_result.h).
SIZES = {"R": 3, "T": 5, "S": 4, "M": 2, "W": 3, "N": 3, "K": 3, "C": 1, "G": 2, "P": 3, "E": 4, "L": 2 + 3 + 4,
         "A": 2,
         "Y": 2 * 4 * 3}


def find_writer():
    named = os.environ.get("KETENSIM_WRITE_EXAMPLE_RESULT")
    if named:
        return Path(named)
    candidates = sorted(REPO.glob("build*/tests/ketensim_write_example_result"))
    if not candidates:
        pytest.skip("ketensim_write_example_result not built: build the tests or set KETENSIM_WRITE_EXAMPLE_RESULT")
    return candidates[0]


def write_example(path, *args):
    subprocess.run([str(find_writer()), str(path), *args], check=True)
    return path


@pytest.fixture
def run_file(tmp_path):
    return write_example(tmp_path / "run.h5", "--created", CREATED)


@pytest.fixture
def run_file_without_events(tmp_path):
    return write_example(tmp_path / "no-events.h5", "--no-events", "--created", CREATED)


# ---- The tables of docs/output-format.md ----


def doc_table(heading):
    """Rows of the first markdown table after `heading`, as dicts keyed by its header."""
    lines = DOC.read_text(encoding="utf-8").splitlines()
    start = lines.index(heading)
    rows = []
    for line in lines[start + 1:]:
        if line.startswith("#"):
            break
        if line.startswith("|"):
            rows.append([cell.strip() for cell in line.strip().strip("|").split("|")])
        elif rows:
            break
    header, body = rows[0], rows[2:]
    return [dict(zip(header, row)) for row in body]


def unquote(cell):
    return cell.strip("`")


def is_utf8_vlen_string(dtype):
    info = h5py.check_string_dtype(dtype)
    return info is not None and info.encoding == "utf-8" and info.length is None


def is_utf8_fixed_string(dtype):
    info = h5py.check_string_dtype(dtype)
    return info is not None and info.encoding == "utf-8" and info.length is not None


def matches_type(dtype, documented, fixed_strings=False):
    """String datasets are fixed-length (so their checksum covers them), string attributes
    and table columns variable-length (docs/output-format.md, Conventions)."""
    if documented == "string":
        return is_utf8_fixed_string(dtype) if fixed_strings else is_utf8_vlen_string(dtype)
    return dtype == np.dtype(documented).newbyteorder("<")


def documented_shape(cell):
    if cell == "scalar":
        return ()
    return tuple(int(letter) if letter.strip().isdigit() else SIZES[letter.strip()]
                 for letter in cell.strip("[]").split(","))


def content(dataset):
    """A dataset's values as something comparable with == (NaN included)."""
    value = dataset[()]
    if isinstance(value, bytes):
        return value
    return repr(value.tolist()) if value.dtype.hasobject else value.tobytes()


def datasets_in(f):
    found = {}
    f.visititems(lambda name, obj: found.__setitem__("/" + name, obj) if isinstance(obj, h5py.Dataset) else None)
    return found


# ---- Layout against the documentation ----


def test_the_document_states_the_version_the_writer_writes(run_file):
    text = DOC.read_text(encoding="utf-8")
    stated = re.search(r"The current version is (\d+\.\d+)\.", text).group(1)
    with h5py.File(run_file, "r") as f:
        assert f.attrs["format_version"] == stated == "2.1"
    history = text[text.index("History:"):text.index("## Conventions")]
    assert "**1.1** added `/staff`" in history and "`/analytic`" in history
    assert "**2.0** seals the file" in history
    assert "**2.1** added the root attribute `start_date`" in history and "`/yearly`" in history


def test_root_attributes_are_exactly_the_documented_ones_with_their_types(run_file):
    documented = {unquote(row["Attribute"]): row["Type"] for row in doc_table("## Root attributes")}
    with h5py.File(run_file, "r") as f:
        assert set(f.attrs) == set(documented)
        for name, type_name in documented.items():
            value = f.attrs[name]
            if type_name == "string":
                assert isinstance(value, str), name
                assert is_utf8_vlen_string(f.attrs.get_id(name).dtype), name
            else:
                assert value.dtype == np.dtype(type_name), name
            assert f.attrs.get_id(name).shape == (), name


def test_root_attributes_hold_the_run_identity(run_file):
    with h5py.File(run_file, "r") as f:
        assert f.attrs["filetype"] == "ketensim.run"
        assert f.attrs["software_version"] == "0.1.0"
        assert f.attrs["git_revision"] == "abc123def456"
        assert f.attrs["engine"] == "native"
        assert f.attrs["scenario_name"] == "example"
        assert f.attrs["scenario_path"] == "scenarios/examples/example.toml"
        assert f.attrs["created"] == CREATED
        assert f.attrs["seed"] == 18446744073709551557
        assert f.attrs["replications"] == 3
        assert f.attrs["years"] == 2.0
        assert f.attrs["warmup_years"] == 0.5
        assert f.attrs["start_date"] == "2019-12-01"


def test_the_yearly_table_has_a_row_per_year_series_and_replication(run_file):
    with h5py.File(run_file, "r") as f:
        rows = f["yearly"][()]
        assert sorted(set(rows["year"].tolist())) == [2019, 2020]
        assert [r.decode() for r in rows["stage"][:4]] == list(f["timeseries/series_stage"].asstr()[()])
        assert sorted(set(rows["replication"].tolist())) == [0, 1, 2]
        # The example has a waiting count but no in_service or arrivals: stocks and flows undefined.
        assert np.isnan(rows["stock_1_january"]).all() and np.isnan(rows["inflow"]).all()


def test_datasets_are_exactly_the_documented_ones_with_their_types_and_shapes(run_file):
    documented = doc_table("## Datasets")
    with h5py.File(run_file, "r") as f:
        found = datasets_in(f)
        expected = set()
        for row in documented:
            path = unquote(row["Path"])
            if "<metric>" in path:  # one dataset per name in the metric_names beside it
                group = path.rsplit("/", 1)[0]
                paths = [path.replace("<metric>", m) for m in f[group + "/metric_names"].asstr()[()]]
                assert paths, path
            else:
                paths = [path]
            for path in paths:
                expected.add(path)
                assert path in found, path
                dataset = found[path]
                assert dataset.shape == documented_shape(row["Shape"]), path
                if row["Type"] == "table":
                    assert dataset.dtype.names is not None, path
                else:
                    assert matches_type(dataset.dtype, row["Type"], fixed_strings=True), (path, dataset.dtype)
        assert set(found) == expected


@pytest.mark.parametrize("table", ["/replications", "/kpis", "/calibration", "/events/log", "/analytic", "/yearly"])
def test_table_columns_are_the_documented_ones_in_order(run_file, table):
    columns = doc_table(f"### Columns of `{table}`")
    with h5py.File(run_file, "r") as f:
        dtype = f[table].dtype
        assert list(dtype.names) == [unquote(row["Column"]) for row in columns]
        for row in columns:
            name = unquote(row["Column"])
            assert matches_type(dtype.fields[name][0], row["Type"]), (table, name, dtype.fields[name][0])


def test_metrics_carry_units_and_are_chunked_and_compressed(run_file):
    with h5py.File(run_file, "r") as f:
        assert list(f["timeseries/metric_names"].asstr()[()]) == ["waiting", "staff_fte"]
        assert f["timeseries/waiting"].attrs["unit"] == "children"
        assert f["timeseries/staff_fte"].attrs["unit"] == "FTE"
        for metric in ["waiting", "staff_fte"]:
            dataset = f["timeseries"][metric]
            assert dataset.chunks is not None and dataset.compression == "gzip" and dataset.shuffle


def test_staff_metrics_carry_units_and_are_chunked_and_compressed(run_file):
    with h5py.File(run_file, "r") as f:
        staff = f["staff"]
        assert list(staff["metric_names"].asstr()[()]) == ["headcount", "pressure_mean", "cost_euros"]
        units = {metric: staff[metric].attrs["unit"] for metric in staff["metric_names"].asstr()[()]}
        assert units == {"headcount": "FTE", "pressure_mean": "caseload/norm", "cost_euros": "euros/step"}
        for metric in units:
            dataset = staff[metric]
            assert dataset.chunks is not None and dataset.compression == "gzip" and dataset.shuffle


def test_the_event_log_is_chunked_by_64k_rows_and_compressed(run_file):
    with h5py.File(run_file, "r") as f:
        log = f["events/log"]
        assert log.chunks == (65536,)
        assert log.compression == "gzip"


# ---- Values ----


def test_scenario_text_and_name_tables_read_back(run_file):
    with h5py.File(run_file, "r") as f:
        assert f["scenario"].asstr()[0].endswith("# Jeugdbescherming, regio's: Zeeland\u2013Brabant\n")
        assert list(f["regions/names"].asstr()[()]) == ["groningen", "friesland"]
        assert list(f["stages/names"].asstr()[()]) == ["vt_triage", "rvdk", "gi"]
        assert list(f["events/names"].asstr()[()]) == ["arrive", "start", "complete", "leave"]


def test_timeseries_values_are_indexed_replication_series_time(run_file):
    with h5py.File(run_file, "r") as f:
        assert list(f["timeseries/time_days"][()]) == [0.0, 30.0, 60.0, 90.0, 120.0]
        assert list(f["timeseries/series_region"].asstr()[()]) == ["groningen", "friesland", "national", "national"]
        for m, metric in enumerate(["waiting", "staff_fte"]):
            values = f["timeseries"][metric][()]
            r, s, t = np.meshgrid(np.arange(3), np.arange(4), np.arange(5), indexing="ij")
            np.testing.assert_array_equal(values, 1000.0 * r + 100.0 * m + 10.0 * s + t)


def test_staff_values_are_indexed_replication_series_time_on_the_timeseries_samples(run_file):
    with h5py.File(run_file, "r") as f:
        staff = f["staff"]
        assert list(staff["series_organisation"].asstr()[()]) == ["gi", "gi", "gi"]
        assert list(staff["series_area"].asstr()[()]) == ["groningen", "friesland", "national"]
        assert "time_days" not in staff  # the samples are /timeseries/time_days
        samples = f["timeseries/time_days"].shape[0]
        for m, metric in enumerate(["headcount", "pressure_mean", "cost_euros"]):
            values = staff[metric][()]
            assert values.shape == (3, 3, samples)
            r, s, t = np.meshgrid(np.arange(3), np.arange(3), np.arange(samples), indexing="ij")
            np.testing.assert_array_equal(values, 1000.0 * r + 100.0 * m + 10.0 * s + t + 0.5)


def test_kpi_statistics_leave_out_undefined_replications(run_file):
    with h5py.File(run_file, "r") as f:
        kpis = f["kpis"][()]
        assert [name.decode() for name in kpis["name"]] == ["wait_days_median", "completed_per_year", "share_on_time"]
        assert list(kpis["sum"]) == [30.0, 18.0, 0.0]
        assert list(kpis["sum_sq"]) == [500.0, 110.0, 0.0]
        assert list(kpis["count"]) == [2, 3, 0]
        by_replication = f["kpis_by_replication"][()]
        assert list(by_replication[0, :2]) == [10.0, 20.0] and math.isnan(by_replication[0, 2])
        assert list(by_replication[1]) == [5.0, 6.0, 7.0]
        assert np.isnan(by_replication[2]).all()


def test_calibration_and_replication_tables_hold_their_values(run_file):
    with h5py.File(run_file, "r") as f:
        calibration = f["calibration"][0]
        assert calibration["target"].decode() == "rvdk_investigations_per_year"
        assert calibration["published"] == 20000.0
        assert (calibration["simulated_sum"], calibration["count"]) == (57300.0, 3)
        assert list(f["calibration_by_replication"][0]) == [19000.0, 19100.0, 19200.0]
        replications = f["replications"][()]
        assert list(replications["replication"]) == [0, 1, 2]
        assert list(replications["stream_seed"]) == [1000, 1001, 1002]
        assert list(replications["events_delivered"]) == [100, 101, 102]
        assert "wall_seconds" not in replications.dtype.names  # not reproducible, so not stored


def test_event_codes_index_the_name_tables(run_file):
    with h5py.File(run_file, "r") as f:
        log = f["events/log"][()]
        assert list(log["replication"]) == [0, 0, 1, 1, 1, 2, 2, 2, 2]
        last = log[-1]
        assert (last["time_days"], last["family"], last["children"], last["detail"]) == (6.5, 23, 1, 3)
        assert f["events/names"].asstr()[last["event"]] == "leave"
        assert f["stages/names"].asstr()[last["stage"]] == "vt_triage"
        assert f["regions/names"].asstr()[last["region"]] == "friesland"


def test_analytic_rows_are_keyed_like_kpis_and_keep_infinity(run_file):
    with h5py.File(run_file, "r") as f:
        rows = f["analytic"][()]
        assert [name.decode() for name in rows["name"]] == ["utilisation", "wait_days_mean"]
        assert [stage.decode() for stage in rows["stage"]] == ["rvdk", "rvdk"]
        assert [unit.decode() for unit in rows["unit"]] == ["share", "days"]
        assert rows["value"][0] == 0.9 and math.isinf(rows["value"][1])


def test_without_an_analytic_estimate_there_is_no_analytic_dataset(tmp_path):
    path = write_example(tmp_path / "plain.h5", "--no-analytic", "--created", CREATED)
    with h5py.File(path, "r") as f:
        assert "analytic" not in f
        assert f.attrs["format_version"] == "2.1"


def test_without_an_event_log_there_is_no_log_dataset(run_file_without_events):
    with h5py.File(run_file_without_events, "r") as f:
        assert "log" not in f["events"]
        assert list(f["events/names"].asstr()[()]) == ["arrive", "start", "complete", "leave"]


# ---- Reproducibility ----


def test_two_writes_with_the_same_created_time_are_byte_identical(tmp_path):
    a = write_example(tmp_path / "a.h5", "--created", CREATED)
    b = write_example(tmp_path / "b.h5", "--created", CREATED)
    assert a.read_bytes() == b.read_bytes()


def test_two_writes_differ_only_in_created(tmp_path):
    a = write_example(tmp_path / "a.h5", "--created", "2024-01-01T00:00:00Z")
    b = write_example(tmp_path / "b.h5", "--created", "2025-06-30T12:00:00Z")
    with h5py.File(a, "r") as fa, h5py.File(b, "r") as fb:
        differing = {name for name in fa.attrs if fa.attrs[name] != fb.attrs[name]}
        assert differing == {"created"}
        da, db = datasets_in(fa), datasets_in(fb)
        assert set(da) == set(db)
        for path in da:
            assert content(da[path]) == content(db[path]), path
        assert fa["timeseries/waiting"].attrs["unit"] == fb["timeseries/waiting"].attrs["unit"]


def test_created_defaults_to_the_current_utc_time(tmp_path):
    path = write_example(tmp_path / "now.h5")
    with h5py.File(path, "r") as f:
        assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", f.attrs["created"])


# ---- The documentation's example runs ----


def test_the_reading_example_in_the_documentation_runs(run_file, monkeypatch):
    blocks = re.findall(r"```python\n(.*?)```", DOC.read_text(encoding="utf-8"), flags=re.S)
    assert len(blocks) == 1
    monkeypatch.chdir(run_file.parent)
    output = io.StringIO()
    with contextlib.redirect_stdout(output):
        exec(compile(blocks[0], str(DOC), "exec"), {})
    printed = output.getvalue()
    assert "example seed 18446744073709551557 replications 3" in printed
    assert "wait_days_median" in printed and "completed_per_year" in printed
    assert "arrive" in printed and "vt_triage" in printed
    assert "headcount FTE" in printed
