# SPDX-License-Identifier: MIT
"""Parameter sweeps end to end: local and MPI sweeps agree, failures are recorded, a killed
sweep resumes, and the summary has the layout docs/sweeps.md describes."""
import os
import pathlib
import re
import shutil
import signal
import subprocess
import time

import h5py
import numpy as np
import pytest

KETENSIM = os.environ.get("KETENSIM_BIN")
KETENSIM_SWEEP = os.environ.get("KETENSIM_SWEEP_BIN")
MPIRUN = os.environ.get("MPIRUN")
REPO = pathlib.Path(__file__).resolve().parents[2]
EXAMPLE = REPO / "scenarios" / "sweeps" / "small-chain-staffing.toml"
SMALL = REPO / "scenarios" / "examples" / "small-chain.toml"

pytestmark = pytest.mark.skipif(not KETENSIM, reason="KETENSIM_BIN is not set (ctest sets it)")
needs_mpi = pytest.mark.skipif(not (KETENSIM_SWEEP and MPIRUN), reason="no MPI build (ketensim-sweep, mpirun)")


def write_spec(path, factors, replications=1, years=1, extra=""):
    path.write_text(
        'format_version = 1\nkind = "sweep"\n'
        f'scenario = "{SMALL}"\nreplications = {replications}\nyears = {years}\nseed = 11\n{extra}\n'
        f"[factors]\n{factors}\n")
    return path


def sweep_local(spec, out, *options):
    return subprocess.run([KETENSIM, "sweep", str(spec), "-o", str(out), "-q", *options],
                          capture_output=True, text=True, timeout=120)


def sweep_mpi(spec, out, *options, ranks=2):
    # CI runs as root, which Open MPI refuses unless told; the variables do no harm otherwise.
    env = dict(os.environ, OMPI_ALLOW_RUN_AS_ROOT="1", OMPI_ALLOW_RUN_AS_ROOT_CONFIRM="1",
               OMPI_MCA_rmaps_base_oversubscribe="1")
    return subprocess.run([MPIRUN, "-np", str(ranks), "--oversubscribe", KETENSIM_SWEEP, str(spec), "-o", str(out),
                           "-q", *options], capture_output=True, text=True, timeout=120, env=env)


def summary(directory):
    """Everything in a summary that must not depend on how the sweep ran."""
    with h5py.File(directory / "sweep.h5", "r") as f:
        attrs = {key: value for key, value in f.attrs.items() if key not in ("created", "spec_path")}
        return attrs, f["results"][()], f["factors"][()], f["kpi_columns"][()], sorted(f["run_files"].keys())


def assert_same_summary(a, b):
    attrs_a, results_a, factors_a, columns_a, links_a = a
    attrs_b, results_b, factors_b, columns_b, links_b = b
    assert attrs_a == attrs_b
    assert results_a.dtype == results_b.dtype
    for name in results_a.dtype.names:
        column_a, column_b = results_a[name], results_b[name]
        if column_a.dtype.kind == "f":
            assert np.array_equal(column_a, column_b, equal_nan=True), name
        else:
            assert (column_a == column_b).all(), name
    assert (factors_a == factors_b).all()
    assert (columns_a == columns_b).all()
    assert links_a == links_b


def run_files(directory):
    return sorted(p.name for p in (directory / "points").iterdir() if p.name.endswith(".h5"))


def leftovers(directory):
    return [p.name for p in directory.rglob("*") if ".tmp-" in p.name]


@pytest.fixture(scope="module")
def example_two_processes(tmp_path_factory):
    """The shipped example swept on two local processes, shared by the tests that compare."""
    out = tmp_path_factory.mktemp("example") / "j2"
    done = sweep_local(EXAMPLE, out, "-j2")
    assert done.returncode == 0, done.stderr
    return out


def test_one_and_two_local_processes_write_the_same_summary(tmp_path, example_two_processes):
    one = sweep_local(EXAMPLE, tmp_path / "j1", "-j", "1")
    assert one.returncode == 0, one.stderr
    assert_same_summary(summary(tmp_path / "j1"), summary(example_two_processes))
    attrs, results, factors, columns, links = summary(tmp_path / "j1")
    assert len(results) == 6 * 2  # 2 x 3 points, 2 replications each
    assert set(results["status"]) == {b"ok"}
    assert list(results["point"]) == [p for p in range(6) for _ in range(2)]
    assert list(results["seed"]) == [100 + p for p in range(6) for _ in range(2)]
    assert sorted(set(results["gi.fte"])) == [30.0, 44.0]
    # The Latin hypercube puts one of its 3 points in each third of each range.
    assert sorted(int((v - 13) / (21 - 13) * 3) for v in set(results["rvdk.fte"])) == [0, 1, 2]
    # More GI staff, fewer children per guardian: the factor reaches the model.
    caseload = results["kpi.chain.caseload_per_guardian_mean"]
    assert caseload[results["gi.fte"] == 44].mean() < caseload[results["gi.fte"] == 30].mean()
    assert links == ["0000", "0001", "0002", "0003", "0004", "0005"]


@needs_mpi
def test_mpi_ranks_share_the_points_and_write_the_same_summary_as_local(tmp_path, example_two_processes):
    # A wrapper around ketensim records which rank process started each point.
    log = tmp_path / "parents.log"
    wrapper = tmp_path / "ketensim-wrapper.sh"
    wrapper.write_text(f'#!/bin/sh\necho "$PPID" >> "{log}"\nexec "{KETENSIM}" "$@"\n')
    wrapper.chmod(0o755)
    mpi = sweep_mpi(EXAMPLE, tmp_path / "mpi", "--ketensim", str(wrapper))
    assert mpi.returncode == 0, mpi.stdout + mpi.stderr
    assert_same_summary(summary(example_two_processes), summary(tmp_path / "mpi"))
    parents = log.read_text().split()
    assert len(parents) == 6
    assert len(set(parents)) == 2, "both ranks should have run points"


@pytest.mark.parametrize("mode", ["local", pytest.param("mpi", marks=needs_mpi)])
def test_a_point_with_an_invalid_value_fails_with_its_message_and_the_others_complete(tmp_path, mode):
    spec = write_spec(tmp_path / "bad.toml", '"gi.fte" = { values = [37, -5, 40] }')
    out = tmp_path / "out"
    done = sweep_local(spec, out, "-j", "2") if mode == "local" else sweep_mpi(spec, out)
    assert done.returncode == 11, done.stdout + done.stderr  # 10 + one failed point
    assert "point 1 failed: error: --set: gi.fte = -5: must be >= 0 (FTE)" in done.stderr
    with h5py.File(out / "sweep.h5", "r") as f:
        assert f.attrs["points_failed"] == 1
        results = f["results"][()]
        assert [s.decode() for s in results["status"]] == ["ok", "failed", "ok"]
        assert results["error"][1].decode() == "error: --set: gi.fte = -5: must be >= 0 (FTE)"
        assert results["error"][0] == b"" and results["run_file"][1] == b""
        assert np.isnan(results["kpi.rvdk.wait_days_mean"][1])
        assert np.isfinite(results["kpi.rvdk.wait_days_mean"][[0, 2]]).all()
        assert sorted(f["run_files"].keys()) == ["0000", "0002"]
    assert run_files(out) == ["0000.h5", "0002.h5"]
    assert leftovers(out) == []


def test_a_sweep_killed_midway_resumes_and_ends_with_the_uninterrupted_summary(tmp_path):
    spec = write_spec(tmp_path / "eight.toml", '"gi.fte" = { values = [30, 34, 38, 42, 46, 50, 54, 58] }')
    whole = sweep_local(spec, tmp_path / "whole", "-j", "2")
    assert whole.returncode == 0, whole.stderr

    out = tmp_path / "killed"
    sweep = subprocess.Popen([KETENSIM, "sweep", str(spec), "-o", str(out), "-q", "-j", "1"],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and (not (out / "points").exists() or len(run_files(out)) < 2):
        time.sleep(0.01)
    sweep.send_signal(signal.SIGTERM)
    _, stderr = sweep.communicate(timeout=60)
    assert sweep.returncode == 128 + signal.SIGTERM, stderr
    assert "run the same command again to resume" in stderr
    finished = run_files(out)
    assert 2 <= len(finished) < 8, "the sweep should have been stopped midway"
    assert not (out / "sweep.h5").exists()
    assert leftovers(out) == []  # the killed run's temporary file is gone

    # Files that must not pass for finished points: another point's result, and garbage
    # where a run file should be.
    stamps = {name: os.stat(out / "points" / name).st_ino for name in finished}
    missing = [f"{i:04d}.h5" for i in range(8) if f"{i:04d}.h5" not in finished]
    shutil.copy(out / "points" / finished[0], out / "points" / missing[0])
    if len(missing) > 1:
        (out / "points" / missing[1]).write_bytes(b"\x89HDF\r\n\x1a\n" + b"\0" * 100)

    resumed = sweep_local(spec, out, "-j", "2")
    assert resumed.returncode == 0, resumed.stderr
    assert f"resuming: {len(finished)} of 8 points already finished" in resumed.stderr
    assert f"{missing[0]} made from other inputs" in resumed.stderr
    for name, inode in stamps.items():
        assert os.stat(out / "points" / name).st_ino == inode, f"{name} was run again"
    assert_same_summary(summary(tmp_path / "whole"), summary(out))


def test_resume_runs_damaged_points_again_and_ends_with_the_undamaged_summary(tmp_path):
    spec = write_spec(tmp_path / "three.toml", '"gi.fte" = { values = [30, 40, 50] }')
    out = tmp_path / "sweep"
    first = sweep_local(spec, out)
    assert first.returncode == 0, first.stderr
    before = summary(out)
    # One flipped bit in the middle of a point's data, and a point cut short.
    damaged = bytearray((out / "points" / "0000.h5").read_bytes())
    damaged[len(damaged) // 2] ^= 0x04
    (out / "points" / "0000.h5").write_bytes(bytes(damaged))
    cut = (out / "points" / "0002.h5").read_bytes()
    (out / "points" / "0002.h5").write_bytes(cut[:len(cut) - 100])
    kept = os.stat(out / "points" / "0001.h5").st_ino

    resumed = sweep_local(spec, out)
    assert resumed.returncode == 0, resumed.stderr
    assert "resuming: 1 of 3 points already finished" in resumed.stderr
    assert re.search(r"point 0: points/0000\.h5 unreadable: \S*0000\.h5: damaged: its contents changed after "
                     r"ketensim wrote it \(crc32 [0-9a-f]{8}, stored [0-9a-f]{8}\); running it again", resumed.stderr), \
        resumed.stderr
    assert "0002.h5: damaged: it is " in resumed.stderr and "(cut short or extended after writing)" in resumed.stderr
    assert os.stat(out / "points" / "0001.h5").st_ino == kept
    assert_same_summary(before, summary(out))


def test_a_bad_spec_is_refused_before_anything_runs(tmp_path):
    spec = write_spec(tmp_path / "typo.toml", '"gi.ftee" = { values = [30] }')
    done = sweep_local(spec, tmp_path / "out")
    assert done.returncode == 2
    assert re.search(r"typo\.toml:9: factors\.gi\.ftee: unknown scenario key; valid keys here are gi\.fte", done.stderr)
    assert not (tmp_path / "out").exists()


@needs_mpi
def test_the_mpi_driver_does_not_link_simgrid():
    libraries = subprocess.run(["ldd", KETENSIM_SWEEP], capture_output=True, text=True, check=True).stdout
    assert "libmpi" in libraries
    assert "simgrid" not in libraries.lower()


def test_the_summary_has_the_documented_layout(example_two_processes):
    docs = (REPO / "docs" / "sweeps.md").read_text()

    def documented(heading):
        """First-column names of the Markdown table under `heading`."""
        section = docs.split(heading, 1)[1].split("\n#", 1)[0]
        return [m.group(1) for m in re.finditer(r"^\| `([^`]+)` \|", section, re.MULTILINE)]

    with h5py.File(example_two_processes / "sweep.h5", "r") as f:
        assert f.attrs["filetype"] == "ketensim.sweep"
        assert f.attrs["format_version"] == "2.0"
        assert sorted(f.attrs.keys()) == sorted(documented("### Root attributes"))
        assert sorted(f.keys()) == sorted(name.lstrip("/").split("/")[0] for name in documented("### Datasets"))
        names = f["results"].dtype.names
        fixed = documented("### Columns of `/results`")
        assert list(names[:len(fixed)]) == fixed
        assert list(names[len(fixed):len(fixed) + 3]) == ["gi.fte", "rvdk.fte", "inflow.vt_reports_per_year"]
        kpis = [c.decode() for c in f["kpi_columns"]["column"]]
        assert list(names[len(fixed) + 3:]) == kpis
        assert list(f["factors"].dtype.names) == documented("### Columns of `/factors`")
        assert list(f["kpi_columns"].dtype.names) == documented("### Columns of `/kpi_columns`")
        # The external link opens the point's run file.
        assert f["run_files/0003"].attrs["filetype"] == "ketensim.run"
        assert f["run_files/0003"].attrs["seed"] == 103
