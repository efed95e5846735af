# SPDX-License-Identifier: MIT
"""`--format table|csv|json` of run, calibration, compare and analyze (docs/cli.md,
"Machine-readable output"): CSV and JSON parse with the standard library and pandas, carry
the same rows as each other, and the same numbers as the printed table (to the table's
rounding). Also the short default summary of `run` and its `--all`, and the timing line."""
import csv
import io
import json
import math
import os
import re
import subprocess

import pandas as pd
import pytest

PROGRAM = os.environ["KETENSIM_BIN"]
SMALL = os.path.join(os.path.dirname(__file__), "..", "..", "scenarios", "examples", "small-chain.toml")
SHORT = ["-r", "2", "--years", "1", "-j", "2"]


def ketensim(*words, expect=(0,)):
    done = subprocess.run([PROGRAM, *words], capture_output=True, text=True, timeout=600)
    assert done.returncode in expect, done.stderr
    return done


def number(text):
    """A printed number and the half unit of its last decimal (the table's rounding)."""
    text = text.strip().rstrip("!")
    if text in ("inf", "-inf"):
        return float(text), 0.0
    decimals = len(text.split(".")[1]) if "." in text else 0
    return float(text), 0.5 * 10.0 ** -decimals


def agrees(printed, value):
    """The printed text is `value` rounded as the table rounds (inf prints as inf; JSON has null)."""
    shown, half_unit = number(printed)
    if value is None or (isinstance(value, float) and math.isinf(value)):
        return math.isinf(shown)
    return abs(shown - value) <= half_unit * (1 + 1e-9) + 1e-12


def estimate(text):
    """'mean [low, high]' (with an optional '!') -> (mean, low, high) texts; 'mean' alone -> (mean,)."""
    match = re.fullmatch(r"(\S+) \[(\S+), (\S+)\]!?", text.strip())
    return match.groups() if match else (text.strip(),)


def csv_rows(text):
    return list(csv.DictReader(io.StringIO(text)))


def same_rows(csv_text, json_rows):
    """The CSV table and the JSON table hold the same rows and numbers."""
    from_csv = csv_rows(csv_text)
    assert len(from_csv) == len(json_rows) > 0
    assert list(from_csv[0]) == list(json_rows[0])
    for a, b in zip(from_csv, json_rows):
        for column, value in b.items():
            cell = a[column]
            if isinstance(value, bool):
                assert cell == ("true" if value else "false")
            elif isinstance(value, (int, float)):
                assert float(cell) == value, (column, cell, value)
            elif value is None:
                assert cell in ("", "inf", "-inf")
            else:
                assert cell == value
    frame = pd.read_csv(io.StringIO(csv_text))
    assert len(frame) == len(json_rows)


@pytest.fixture(scope="module")
def run_outputs(tmp_path_factory):
    out = tmp_path_factory.mktemp("run") / "run.h5"
    words = ["run", SMALL, *SHORT, "-o", str(out), "--force"]
    return {fmt: ketensim(*words, *extra) for fmt, extra in
            [("table", []), ("all", ["--all"]), ("csv", ["--format", "csv"]), ("json", ["--format", "json"])]}


def table_lines(text, header):
    """The rows of the printed table under the line starting with `header`."""
    lines = text.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith(header)) + 2
    rows = []
    for line in lines[start:]:
        if not line.strip() or line.startswith(("warning:", "!:", "*:")):
            break
        rows.append(line)
    return rows


def test_run_json_and_csv_hold_every_kpi_with_units_and_intervals(run_outputs):
    document = json.loads(run_outputs["json"].stdout)
    assert document["command"] == "run" and document["result"].endswith("run.h5")
    assert document["replications"] == 2 and document["events"] > 0
    rows = document["kpis"]
    assert set(rows[0]) == {"name", "stage", "region", "unit", "mean", "ci_low", "ci_high", "half_width", "n"}
    assert {row["region"] for row in rows} > {"national"}
    same_rows(run_outputs["csv"].stdout, rows)
    assert "engine:" in run_outputs["csv"].stderr and "engine:" not in run_outputs["csv"].stdout


def test_run_all_table_carries_the_json_numbers(run_outputs):
    rows = {(r["stage"], r["name"]): r for r in json.loads(run_outputs["json"].stdout)["kpis"] if r["region"] == "national"}
    printed = table_lines(run_outputs["all"].stdout, "stage ")
    assert len(printed) == len(rows)
    for line in printed:
        stage, name, unit, value = line[:28].strip(), line[28:72].strip(), line[72:86].strip(), line[86:]
        row = rows[(stage, name)]
        assert row["unit"] == unit
        if value.strip() == "-":
            assert row["mean"] is None
            continue
        parts = estimate(value)
        assert agrees(parts[0], row["mean"]), (line, row)
        if len(parts) == 3:
            assert agrees(parts[1], row["ci_low"]) and agrees(parts[2], row["ci_high"]), (line, row)


def test_run_prints_the_headline_kpis_by_default_and_every_kpi_with_all(run_outputs):
    short = table_lines(run_outputs["table"].stdout, "kpi ")
    full = table_lines(run_outputs["all"].stdout, "stage ")
    assert 0 < len(short) < len(full) / 2
    values = {line[86:].strip() for line in full}
    costs = [line for line in short if "(million euros/year)" in line]
    assert costs and all(line[56:].strip() in values for line in short if line not in costs)  # KPIs of the full table
    means = {float(estimate(v)[0]) for v in values if v != "-"}
    for line in costs:  # shown in millions
        shown, half_unit = number(estimate(line[56:])[0])
        assert any(abs(shown - mean / 1e6) <= half_unit * (1 + 1e-9) for mean in means), line
    assert "--all for every KPI" in run_outputs["table"].stdout


def test_the_timing_line_is_rounded(run_outputs):
    line = next(l for l in run_outputs["table"].stdout.splitlines() if l.startswith("engine:"))
    assert re.fullmatch(r"engine: native, \d+ events in \d+(\.\d{1,3})? s \(\d+(\.\d{1,3})? events/s\)", line), line


def test_calibration_formats_agree_with_the_table(tmp_path):
    words = ["calibration", SMALL, "-r", "2", "--years", "10", "-j", "2"]
    table = ketensim(*words, expect=(0, 3))
    as_json = ketensim(*words, "--format", "json", expect=(table.returncode,))
    as_csv = ketensim(*words, "--format", "csv", expect=(table.returncode,))
    document = json.loads(as_json.stdout)
    same_rows(as_csv.stdout, document["calibration"])
    assert document["settling"] and "kpis" not in document
    rows = {r["target"]: r for r in document["calibration"]}
    printed = table_lines(table.stdout, "target ")
    assert len(printed) == len(rows)
    for line in printed:
        target, published, mean, half, ok = re.fullmatch(
            r"(.+?)\s{2,}(\S+)\s+(\S+)(?: ± (\S+))?\s+\S+\s+(yes|NO).*", line).groups()
        row = rows[target]
        assert agrees(published, row["published"])
        assert agrees(mean, row["mean"]) and (half is None or agrees(half, row["half_width"])), (line, row)
        assert (ok == "yes") == row["ok"]


def test_compare_formats_agree_with_the_table(tmp_path):
    # A second configuration: the small chain under another name (its regions table by full path).
    text = open(SMALL, encoding="utf-8").read()
    regions = os.path.abspath(os.path.join(os.path.dirname(SMALL), re.search(r'table = "([^"]+)"', text).group(1)))
    other = tmp_path / "other.toml"
    other.write_text(re.sub(r'table = "[^"]+"', f'table = "{regions}"',
                            re.sub(r'(?m)^name = "[^"]+"', 'name = "other"', text, count=1), count=1), encoding="utf-8")
    words = ["compare", SMALL, str(other), *SHORT, "--no-plots", "-o", str(tmp_path / "c.h5")]
    table = ketensim(*words)
    as_json = ketensim(*words, "--format", "json")
    as_csv = ketensim(*words, "--format", "csv")
    document = json.loads(as_json.stdout)
    same_rows(as_csv.stdout, document["kpis"])
    assert document["spread"]
    rows = {(r["configuration"], r["region"]): r for r in document["kpis"]
            if r["name"] == "wait_days_mean" and r["stage"] == "rvdk"}
    names = list(dict.fromkeys(r["configuration"] for r in document["kpis"]))
    assert len(names) == 2 and math.isnan(float(csv_rows(as_csv.stdout)[0]["difference"] or "nan"))
    printed = table_lines(table.stdout, "region ")
    assert printed
    for line in printed:
        region = line[:28].strip()
        first, second, difference = line[28:52], line[52:76], line[76:].strip()
        for text, name in [(first, names[0]), (second, names[1])]:
            parts = estimate(text)
            assert agrees(parts[0], rows[(name, region)]["mean"]), (line, rows[(name, region)])
        mean, _, half = difference.rstrip(" *").partition(" ± ")
        assert agrees(mean.lstrip("+"), rows[(names[1], region)]["difference"])
        assert agrees(half, rows[(names[1], region)]["difference_half_width"])


def test_analyze_formats_agree_with_the_table():
    table = ketensim("analyze", SMALL)
    document = json.loads(ketensim("analyze", SMALL, "--format", "json").stdout)
    same_rows(ketensim("analyze", SMALL, "--format", "csv").stdout, document["estimates"])
    rows = {(r["stage"], r["name"]): r["value"] for r in document["estimates"] if r["region"] == "national"}
    printed = table_lines(table.stdout, "stage ")
    assert printed
    for line in printed:
        stage, arrivals, waiting, wait, sojourn = re.split(r"\s{2,}", line.strip())
        assert agrees(arrivals, rows[(stage, "arrivals_per_year")])
        for text, name in [(waiting, "waiting_children_mean"), (wait, "wait_days_mean"), (sojourn, "sojourn_days_mean")]:
            if text != "-":
                assert agrees(text, rows[(stage, name)]), (line, name)


def test_an_unknown_format_is_refused():
    done = ketensim("analyze", SMALL, "--format", "xml", expect=(2,))
    assert "--format xml: expected table, csv or json" in done.stderr


def test_compare_help_names_the_file_it_writes():
    text = ketensim("compare", "--help").stdout
    assert "results/compare.h5" in text and "<scenario name>" not in text
