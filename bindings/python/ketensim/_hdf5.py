# SPDX-License-Identifier: MIT
"""Opening ketensim HDF5 files: check `filetype` and the major `format_version` first."""
import os

import h5py

from ._errors import FormatError


def open_checked(path, filetype, major):
    """Opens `path` read-only and checks it is a `filetype` file of format `major`.x; raises
    FormatError saying what it found and what it expected (the C++ reader's wording)."""
    path = os.fspath(path)
    try:
        f = h5py.File(path, "r")
    except FileNotFoundError:
        raise
    except OSError as error:
        if not os.path.exists(path):
            raise FileNotFoundError(f"{path}: no such file") from error
        raise FormatError(f"{path}: not an HDF5 file ({error}), expected a '{filetype}' file") from error
    try:
        found = f.attrs.get("filetype")
        if found is None:
            raise FormatError(f"{path}: not a ketensim result file (no 'filetype' attribute), expected '{filetype}'")
        if found != filetype:
            raise FormatError(f"{path}: filetype is '{found}', expected '{filetype}'")
        version = str(f.attrs.get("format_version", ""))
        parts = version.split(".")
        if len(parts) != 2 or not all(p.isdigit() for p in parts):
            raise FormatError(f"{path}: format_version is '{version}', expected MAJOR.MINOR")
        if int(parts[0]) != major:
            raise FormatError(f"{path}: format_version is {version}, this reader understands {major}.x")
    except BaseException:
        f.close()
        raise
    return f


def attributes(f):
    """Root attributes as plain Python values."""
    out = {}
    for key, value in f.attrs.items():
        if isinstance(value, bytes):
            value = value.decode("utf-8")
        elif hasattr(value, "item"):
            value = value.item()
        out[key] = value
    return out


class FileReader:
    """Base of the readers: an open, checked file, closed by `close()` or a `with` block."""

    FILETYPE = None
    MAJOR = 1

    def __init__(self, path):
        self._path = os.fspath(path)
        self._file = open_checked(self._path, self.FILETYPE, self.MAJOR)

    @classmethod
    def open(cls, path):
        """Opens and checks the file; use it in a ``with`` block, or call ``close()``."""
        return cls(path)

    @property
    def path(self):
        """The file's path."""
        return self._path

    @property
    def attrs(self):
        """The root attributes (filetype, format_version, seed, ...) as a dict."""
        return attributes(self._h5)

    @property
    def format_version(self):
        return str(self._h5.attrs["format_version"])

    @property
    def _h5(self):
        if self._file is None:
            raise ValueError(f"{self._path}: the file is closed")
        return self._file

    @property
    def closed(self):
        return self._file is None

    def close(self):
        """Closes the file (reading after that raises ValueError)."""
        if self._file is not None:
            self._file.close()
            self._file = None

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()
        return False

    def __repr__(self):
        state = "closed" if self.closed else f"format {self.format_version}"
        return f"<ketensim.{type(self).__name__} {self._path} ({state})>"
