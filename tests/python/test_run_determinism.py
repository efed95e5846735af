# SPDX-License-Identifier: MIT
"""Two runs of the same scenario and seed write identical datasets: everything but `created`."""
import os
import pathlib
import subprocess

import h5py
import numpy as np
import pytest

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
