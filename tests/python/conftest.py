# SPDX-License-Identifier: MIT
"""Shared fixtures of the Python tests. The tests of the `ketensim` package need it on the
path and the `ketensim` program: ctest sets PYTHONPATH=BUILD/python and KETENSIM_BIN; by hand

    PYTHONPATH=build/python KETENSIM_BIN=build/ketensim /usr/bin/python3 -m pytest tests/python
"""
import pathlib

import pytest

REPO = pathlib.Path(__file__).resolve().parents[2]
SMALL = REPO / "scenarios" / "examples" / "small-chain.toml"


@pytest.fixture(scope="session")
def repo():
    return REPO


@pytest.fixture(scope="session")
def small_chain_path():
    return SMALL


@pytest.fixture(scope="session")
def program():
    """The ketensim program the package runs (KETENSIM_BIN, as ctest sets it)."""
    from ketensim import _runner
    return _runner._find_program()


@pytest.fixture(scope="session")
def small_run(tmp_path_factory):
    """One run of the small chain through the Python API, shared by the reader tests:
    3 replications of 1.5 years in 2 processes, with the event log."""
    import ketensim
    path = tmp_path_factory.mktemp("run") / "small.h5"
    results = ketensim.run(SMALL, replications=3, years=1.5, processes=2, events=True, output=path)
    results.close()
    return path

