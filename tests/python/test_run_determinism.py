# SPDX-License-Identifier: MIT
"""Two runs of the same scenario and seed write identical datasets: everything but `created`."""
import os
import pathlib
import subprocess

import h5py
import numpy as np
import pytest

KETENSIM = os.environ.get("KETENSIM_BIN")
REPO = pathlib.Path(__file__).resolve().parents[2]
SMALL = REPO / "scenarios" / "examples" / "small-chain.toml"

pytestmark = pytest.mark.skipif(not KETENSIM, reason="KETENSIM_BIN is not set (ctest sets it)")


def run(output, *extra):
    subprocess.run([KETENSIM, "run", str(SMALL), "-q", "-r", "2", "--years", "1.5", "--events", "-o", str(output), *extra],
                   check=True, capture_output=True)


def contents(path):
    """Every attribute and dataset of a file, by path."""
    found = {}
    with h5py.File(path, "r") as f:
        def visit(name, obj):
            for key, value in obj.attrs.items():
                found[f"{name}@{key}"] = value
            if isinstance(obj, h5py.Dataset):
                found[name] = obj[()]
        for key, value in f.attrs.items():
            found[f"/@{key}"] = value
        f.visititems(visit)
    return found


def same(a, b):
    if isinstance(a, np.ndarray) and a.dtype.names:
        return all(same(a[n], b[n]) for n in a.dtype.names)
    if isinstance(a, np.ndarray) and a.dtype.kind == "f":
        return np.array_equal(a, b, equal_nan=True)
    if isinstance(a, np.ndarray):
        return np.array_equal(a, b)
    return a == b


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
