# SPDX-License-Identifier: MIT
"""Selecting rows by name: None (all), one name or several, with a clear error on a typo."""
import numpy as np


def as_names(value):
    """None, a string, or an iterable of strings -> None or a list of strings."""
    if value is None:
        return None
    if isinstance(value, str):
        return [value]
    return [str(v) for v in value]


def mask(column, wanted, what, valid=None):
    """Boolean mask of `column` (array of str) in `wanted`; an unknown name is a ValueError
    that lists the valid ones (`valid`, default the column's distinct values)."""
    names = as_names(wanted)
    column = np.asarray(column, dtype=object)
    if names is None:
        return np.ones(len(column), dtype=bool)
    known = list(dict.fromkeys(valid if valid is not None else column))
    unknown = [n for n in names if n not in known]
    if unknown:
        raise ValueError(f"{what} {unknown[0]!r} is not in this file; valid {what}s are {', '.join(map(str, known))}")
    return np.isin(column, names)


def decode(values):
    """Strings stored by HDF5 (bytes or str) -> numpy object array of str."""
    return np.array([v.decode("utf-8") if isinstance(v, bytes) else str(v) for v in values], dtype=object)
