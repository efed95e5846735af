# SPDX-License-Identifier: MIT
"""What the determinism tests compare: every attribute and dataset of a result file."""
import h5py
import numpy as np


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
    """Equal values, NaN equal to NaN, compound tables field by field."""
    if isinstance(a, np.ndarray) and a.dtype.names:
        return all(same(a[n], b[n]) for n in a.dtype.names)
    if isinstance(a, np.ndarray) and a.dtype.kind == "f":
        return np.array_equal(a, b, equal_nan=True)
    if isinstance(a, np.ndarray):
        return np.array_equal(a, b)
    return a == b
