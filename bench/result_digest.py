#!/usr/bin/python3
# SPDX-License-Identifier: MIT
"""Prints one SHA-256 over every attribute and dataset of each result file given, the
creation time and the build's revision (`/@created`, `/@git_revision`) excepted: the figure
to compare before and after a change that must not move any result (docs/benchmarks.md).
A second digest leaves out the events each replication delivered (`/replications`
field `events_delivered`), for changes that deliver the same results with fewer events.

Usage: /usr/bin/python3 bench/result_digest.py FILE.h5 [...]   (prints: ALL WITHOUT_EVENTS FILE)"""
import hashlib
import pathlib
import sys

import numpy as np

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1] / "tests" / "python"))
from hdf5_contents import contents  # noqa: E402  (the determinism tests' own reading)


def digest(path, events=True):
    found = contents(path)
    h = hashlib.sha256()
    for key in sorted(found):
        if key in ("/@created", "/@git_revision"):
            continue
        value = np.asarray(found[key])
        if not events and key == "replications":
            value = value[[n for n in value.dtype.names if n != "events_delivered"]]
        h.update(key.encode())
        update(h, value)
    return h.hexdigest()


def update(h, value):
    """Hashes a value's contents (never the addresses of the strings it holds)."""
    h.update(str(value.dtype).encode())
    if value.dtype.names:
        for name in value.dtype.names:
            update(h, value[name])
    elif value.dtype.kind == "O":
        h.update(repr(value.tolist()).encode())
    else:
        h.update(np.ascontiguousarray(value).tobytes())


if __name__ == "__main__":
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    for name in sys.argv[1:]:
        print(digest(name)[:16], digest(name, events=False)[:16], name)
