# SPDX-License-Identifier: MIT
"""Two runs of the same scenario and seed write identical datasets, everything but `created`,
whatever the number of jobs (-j) they run on."""
import os
import pathlib
import subprocess

import h5py
import numpy as np
import pytest

import ketensim

from hdf5_contents import contents, same

KETENSIM = os.environ.get("KETENSIM_BIN")
REPO = pathlib.Path(__file__).resolve().parents[2]
SMALL = REPO / "scenarios" / "examples" / "small-chain.toml"

pytestmark = pytest.mark.skipif(not KETENSIM, reason="KETENSIM_BIN is not set (ctest sets it)")


def run(output, *extra):
    subprocess.run([KETENSIM, "run", str(SMALL), "-q", "-r", "2", "--years", "1.5", "--events", "-o", str(output), *extra],
                   check=True, capture_output=True)


def test_the_same_seed_gives_identical_datasets(tmp_path):
    run(tmp_path / "a.h5")
    run(tmp_path / "b.h5")
    a, b = contents(tmp_path / "a.h5"), contents(tmp_path / "b.h5")
    assert a.keys() == b.keys()
    differing = [key for key in a if not same(a[key], b[key])]
    assert set(differing) <= {"/@created"}  # the creation time, when the runs straddle a second


def test_another_seed_gives_other_numbers(tmp_path):
    run(tmp_path / "a.h5")
    run(tmp_path / "c.h5", "--seed", "8")
    with h5py.File(tmp_path / "a.h5") as a, h5py.File(tmp_path / "c.h5") as c:
        assert not np.array_equal(a["timeseries/arrivals"][()], c["timeseries/arrivals"][()])


def differing_datasets(a_path, b_path):
    """The attributes and datasets that differ between two files, besides the creation time."""
    a, b = contents(a_path), contents(b_path)
    assert a.keys() == b.keys()
    return {key for key in a if not same(a[key], b[key])} - {"/@created"}


@pytest.mark.parametrize("engine", ["native", "simgrid"])
def test_run_on_two_jobs_writes_the_datasets_of_one_job(tmp_path, engine):
    # Three replications on two jobs: the second job starts replication 2 while the first
    # may still run, so results come back out of order and must be put back in order.
    for jobs in ("1", "2"):
        run(tmp_path / f"j{jobs}.h5", "-r", "3", "--engine", engine, "-j", jobs)
    assert differing_datasets(tmp_path / "j1.h5", tmp_path / "j2.h5") == set()


def test_compare_on_two_jobs_writes_the_datasets_of_one_job(tmp_path):
    # A second configuration: the small chain with every staff pool at 90% of its FTE.
    fewer = ketensim.Scenario.load(SMALL)
    for key in ("vt.fte", "rvdk.fte", "gi.fte"):
        fewer[key] = 0.9 * fewer[key]
    other = tmp_path / "fewer-staff.toml"
    fewer.save(other)
    other.write_text(other.read_text().replace('name = "small-chain"', 'name = "fewer-staff"'))
    for jobs in ("1", "2"):
        subprocess.run([KETENSIM, "compare", str(SMALL), str(other), "-q", "--no-plots", "-r", "3", "--years", "1.5",
                        "-j", jobs, "-o", str(tmp_path / f"j{jobs}.h5")], check=True, capture_output=True)
    assert differing_datasets(tmp_path / "j1.h5", tmp_path / "j2.h5") == set()
